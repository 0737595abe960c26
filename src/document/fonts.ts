/**
 * The Chinese font: Noto Sans SC (SIL OFL 1.1), shipped through the npm package
 * `@openfonts/noto-sans-sc_all` as WOFF. Every document embeds only a subset of it.
 *
 * Why not pdf-lib's own subsetting: with @pdf-lib/fontkit it produces blank CJK glyphs
 * (see stack notes). We subset with harfbuzz (./subset.ts) to the characters a document
 * uses and embed that small TrueType whole, which renders correctly everywhere.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { inflate } from 'node:zlib';
import { promisify } from 'node:util';
import * as fontkit from 'fontkit';
import { QcError } from '../errors.js';
import { createSubsetter, type Subsetter } from './subset.js';

export type FontWeight = 'regular' | 'bold';

export { FONT_FAMILY } from './style.js';

const require = createRequire(import.meta.url);
const inflateAsync = promisify(inflate);
const WOFF_FILES: Record<FontWeight, string> = {
  regular: '@openfonts/noto-sans-sc_all/files/noto-sans-sc-all-400.woff',
  bold: '@openfonts/noto-sans-sc_all/files/noto-sans-sc-all-700.woff',
};

/** A loaded full font: its TrueType bytes and a parser for metrics. */
export interface LoadedFont {
  weight: FontWeight;
  ttf: Uint8Array;
  font: fontkit.Font;
  /** Advance width of one character in em units (1 = font size). */
  advance(char: string): number;
  /** Whether the font has a real glyph (not .notdef) for the character. */
  has(char: string): boolean;
  /** harfbuzz, with this font loaded once. */
  subsetter: Subsetter;
}

/**
 * WOFF 1.0 → sfnt. fontkit reads WOFF directly but re-inflates tables on every glyph
 * lookup (minutes for a CJK page), so we unpack once and keep the TrueType bytes.
 */
export async function woffToSfnt(woff: Uint8Array): Promise<Uint8Array> {
  const buf = Buffer.from(woff.buffer, woff.byteOffset, woff.byteLength);
  if (buf.readUInt32BE(0) !== 0x774f4646) throw new Error('not a WOFF 1.0 file');
  const flavor = buf.readUInt32BE(4);
  const numTables = buf.readUInt16BE(12);
  const out = Buffer.alloc(buf.readUInt32BE(16));
  let entrySelector = 0;
  while (1 << (entrySelector + 1) <= numTables) entrySelector++;
  const searchRange = (1 << entrySelector) * 16;
  out.writeUInt32BE(flavor, 0);
  out.writeUInt16BE(numTables, 4);
  out.writeUInt16BE(searchRange, 6);
  out.writeUInt16BE(entrySelector, 8);
  out.writeUInt16BE(numTables * 16 - searchRange, 10);
  let offset = 12 + 16 * numTables;
  const copies: Promise<void>[] = [];
  for (let i = 0; i < numTables; i++) {
    const entry = 44 + i * 20;
    const tag = buf.readUInt32BE(entry);
    const start = buf.readUInt32BE(entry + 4);
    const compLength = buf.readUInt32BE(entry + 8);
    const origLength = buf.readUInt32BE(entry + 12);
    const checksum = buf.readUInt32BE(entry + 16);
    const stored = buf.subarray(start, start + compLength);
    const at = offset;
    // Tables inflate on libuv's thread pool, in parallel (the glyph table is most of the work).
    copies.push(compLength < origLength ? inflateAsync(stored).then((table) => void table.copy(out, at)) : Promise.resolve(void stored.copy(out, at)));
    const dir = 12 + i * 16;
    out.writeUInt32BE(tag, dir);
    out.writeUInt32BE(checksum, dir + 4);
    out.writeUInt32BE(offset, dir + 8);
    out.writeUInt32BE(origLength, dir + 12);
    offset += (origLength + 3) & ~3;
  }
  await Promise.all(copies);
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

async function wrapFont(weight: FontWeight, ttf: Uint8Array): Promise<LoadedFont> {
  const font = fontkit.create(Buffer.from(ttf.buffer, ttf.byteOffset, ttf.byteLength)) as fontkit.Font;
  const widths = new Map<string, number>();
  const unitsPerEm = font.unitsPerEm;
  const subsetter = await createSubsetter(ttf);
  return {
    weight,
    ttf,
    font,
    subsetter,
    advance(char) {
      let width = widths.get(char);
      if (width === undefined) {
        width = font.glyphForCodePoint(char.codePointAt(0)!).advanceWidth / unitsPerEm;
        widths.set(char, width);
      }
      return width;
    },
    has(char) {
      return font.hasGlyphForCodePoint(char.codePointAt(0)!);
    },
  };
}

const loaded = new Map<string, Promise<LoadedFont>>();

/**
 * Load a weight of the shipped font (cached for the process), or a user's own TrueType/WOFF
 * file when `path` is given.
 */
export function loadFont(weight: FontWeight, path?: string): Promise<LoadedFont> {
  const key = `${weight}:${path ?? ''}`;
  let pending = loaded.get(key);
  if (!pending) {
    pending = (async () => {
      const file = path ?? require.resolve(WOFF_FILES[weight]);
      try {
        const bytes = new Uint8Array(await readFile(file));
        const isWoff = bytes[0] === 0x77 && bytes[1] === 0x4f && bytes[2] === 0x46 && bytes[3] === 0x46;
        return await wrapFont(weight, isWoff ? await woffToSfnt(bytes) : bytes);
      } catch (cause) {
        throw new QcError('QC_FONT_UNAVAILABLE', { font: file, reason: String((cause as Error).message ?? cause) }, { cause });
      }
    })();
    pending.catch(() => loaded.delete(key));
    loaded.set(key, pending);
  }
  return pending;
}

/** Characters of `text` that the font cannot draw (ignoring whitespace and controls). */
export function missingGlyphs(font: LoadedFont, text: string): string[] {
  const missing = new Set<string>();
  for (const char of new Set(text)) {
    if (/\s/u.test(char) || char < ' ') continue;
    if (!font.has(char)) missing.add(char);
  }
  return [...missing];
}

/** A TrueType subset holding just the glyphs for `text` (plus digits for page numbers). */
export async function subsetFor(font: LoadedFont, text: string): Promise<Uint8Array> {
  return font.subsetter.subset(text + '0123456789 ');
}

/**
 * The PDF names of a document's font subsets: a six-letter tag, '+', the font's PostScript
 * name, e.g. `KMWPQD+NotoSansSC-Regular` (ISO 32000-1, 9.6.4). Readers and PDF/A validators
 * recognise a subset only by this tag, and two different subsets in one file must not share
 * one. Each tag is derived from its subset's bytes, so the same document always gets the same
 * names and the PDF stays byte-for-byte reproducible.
 */
export function subsetNames(subsets: readonly { font: LoadedFont; bytes: Uint8Array }[]): string[] {
  const tags = new Map<string, string>(); // tag → hash of the subset that holds it
  return subsets.map(({ font, bytes }) => {
    const digest = createHash('sha256').update(bytes).digest('hex');
    let tag = subsetTag(digest);
    // A collision between different subsets (about 1 in 3·10⁸) is broken deterministically.
    for (let salt = 1; tags.has(tag) && tags.get(tag) !== digest; salt++) {
      tag = subsetTag(createHash('sha256').update(`${digest}:${salt}`).digest('hex'));
    }
    tags.set(tag, digest);
    return `${tag}+${font.font.postscriptName || 'Font'}`;
  });
}

/** Six uppercase letters A–Z from a hex digest (its first 48 bits, in base 26). */
function subsetTag(hexDigest: string): string {
  let value = parseInt(hexDigest.slice(0, 12), 16);
  let tag = '';
  for (let i = 0; i < 6; i++) {
    tag += String.fromCharCode(65 + (value % 26));
    value = Math.floor(value / 26);
  }
  return tag;
}

/**
 * fontkit for pdf-lib, without shaping: every character maps to its cmap glyph.
 * Shaping substitutes glyphs that have no cmap entry (Noto swaps digits in runs), and
 * pdf-lib writes widths only for cmap glyphs, so shaped text would be drawn with the
 * default 1000-unit width. Plain mapping also keeps drawing identical to our measuring.
 */
export const plainFontkit = {
  create(bytes: Uint8Array): fontkit.Font {
    const font = fontkit.create(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)) as fontkit.Font;
    const layout = (text: string) => {
      const glyphs = [...text].map((char) => font.glyphForCodePoint(char.codePointAt(0)!));
      return { glyphs, positions: glyphs.map((g) => ({ xAdvance: g.advanceWidth, yAdvance: 0, xOffset: 0, yOffset: 0 })) };
    };
    return Object.assign(Object.create(font) as fontkit.Font, { layout });
  },
};
