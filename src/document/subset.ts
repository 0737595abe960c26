/**
 * Font subsetting with harfbuzz (hb-subset, the wasm build shipped in `harfbuzzjs`).
 *
 * Each font is copied into wasm memory once and its harfbuzz face kept for the process: a
 * per-call copy of a 10 MB CJK font was most of the cost of a subset (bench: ~5 ms → ~1 ms).
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

// Node 20's types lack the WebAssembly JS API (it lives in lib.dom); this is what we use of it.
declare const WebAssembly: {
  instantiate(bytes: Uint8Array): Promise<{ instance: { exports: unknown } }>;
};

/** The subset of hb-subset's C API we call. */
interface HarfBuzz {
  memory: { buffer: ArrayBuffer };
  malloc(size: number): number;
  free(ptr: number): void;
  hb_blob_create(data: number, length: number, mode: number, userData: number, destroy: number): number;
  hb_blob_destroy(blob: number): void;
  hb_blob_get_data(blob: number, length: number): number;
  hb_blob_get_length(blob: number): number;
  hb_face_create(blob: number, index: number): number;
  hb_face_destroy(face: number): void;
  hb_face_reference_blob(face: number): number;
  hb_set_add(set: number, codepoint: number): void;
  hb_set_clear(set: number): void;
  hb_set_invert(set: number): void;
  hb_subset_input_create_or_fail(): number;
  hb_subset_input_destroy(input: number): void;
  hb_subset_input_get_flags(input: number): number;
  hb_subset_input_set_flags(input: number, flags: number): void;
  hb_subset_input_set(input: number, which: number): number;
  hb_subset_input_unicode_set(input: number): number;
  hb_subset_or_fail(face: number, input: number): number;
}

const HB_MEMORY_MODE_WRITABLE = 2;
const HB_SUBSET_SETS_LAYOUT_FEATURE_TAG = 6;
const HB_SUBSET_FLAGS_NO_HINTING = 0x1;
/** We never shape text (see `plainFontkit`), so glyphs reachable only through GSUB are dead weight. */
const HB_SUBSET_FLAGS_NO_LAYOUT_CLOSURE = 0x200;

let harfbuzz: Promise<HarfBuzz> | undefined;

function loadHarfBuzz(): Promise<HarfBuzz> {
  harfbuzz ??= (async () => {
    const wasm = await readFile(require.resolve('harfbuzzjs/dist/harfbuzz-subset.wasm'));
    const { instance } = await WebAssembly.instantiate(wasm);
    const exports = instance.exports as unknown as HarfBuzz & { _initialize?: () => void };
    exports._initialize?.();
    return exports;
  })();
  return harfbuzz;
}

export interface Subsetter {
  /** A TrueType font holding just the glyphs for the characters of `text`. */
  subset(text: string): Uint8Array;
}

/** Load `ttf` into harfbuzz once; the returned subsetter is synchronous and reusable. */
export async function createSubsetter(ttf: Uint8Array): Promise<Subsetter> {
  const hb = await loadHarfBuzz();
  const ptr = hb.malloc(ttf.byteLength);
  new Uint8Array(hb.memory.buffer).set(ttf, ptr);
  const blob = hb.hb_blob_create(ptr, ttf.byteLength, HB_MEMORY_MODE_WRITABLE, 0, 0);
  const face = hb.hb_face_create(blob, 0);
  hb.hb_blob_destroy(blob);
  return {
    subset(text) {
      const input = hb.hb_subset_input_create_or_fail();
      if (!input) throw new Error('harfbuzz: out of memory creating a subset input');
      try {
        // Keep every layout feature table (an empty-then-inverted set means "all").
        const features = hb.hb_subset_input_set(input, HB_SUBSET_SETS_LAYOUT_FEATURE_TAG);
        hb.hb_set_clear(features);
        hb.hb_set_invert(features);
        hb.hb_subset_input_set_flags(input, hb.hb_subset_input_get_flags(input) | HB_SUBSET_FLAGS_NO_LAYOUT_CLOSURE | HB_SUBSET_FLAGS_NO_HINTING);
        const unicodes = hb.hb_subset_input_unicode_set(input);
        for (const char of new Set(text)) hb.hb_set_add(unicodes, char.codePointAt(0)!);
        const result = hb.hb_subset_or_fail(face, input);
        if (!result) throw new Error('harfbuzz: subsetting failed');
        const out = hb.hb_face_reference_blob(result);
        const data = hb.hb_blob_get_data(out, 0);
        // Copy out: the wasm memory may grow (and move) on the next call.
        const bytes = new Uint8Array(hb.memory.buffer).slice(data, data + hb.hb_blob_get_length(out));
        hb.hb_blob_destroy(out);
        hb.hb_face_destroy(result);
        return bytes;
      } finally {
        hb.hb_subset_input_destroy(input);
      }
    },
  };
}
