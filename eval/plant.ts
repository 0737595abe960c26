/**
 * Planting one defect into a corpus document while keeping everything else the same, so a
 * check can be shown to fire on the defect and stay silent on the same document without it:
 *
 *  - `eraseMark`: the same PDF with one drawn mark (a seal, a signature, handwritten digits)
 *    made invisible; its text layer and every other mark are untouched;
 *  - `steered`: a corpus random stream whose chosen draws return forced values. The natural
 *    draw is still consumed, so every later draw (layout, other marks) stays what it was;
 *  - `advanced`: a stream with some numbers already consumed, to line up two builds that
 *    differ by one draw;
 *  - `colourScan`: a colour scan of a PDF through the corpus's raster path, picked
 *    deterministically (a grey scan hides a seal's colour, which is a different defect).
 */
import sharp from 'sharp';
import { decodePDFRawStream, PDFArray, PDFDocument, PDFName, PDFRawStream, PDFRef, type PDFStream } from 'pdf-lib';
import { createRng, type Rng } from '../test/corpus/random.js';
import { rasterize, type RasterOutput } from '../test/corpus/raster.js';
import type { Box } from '../test/corpus/types.js';

// ---- Content streams -------------------------------------------------------------------

type Matrix = [number, number, number, number, number, number];

const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[1] * n[2],
  m[0] * n[1] + m[1] * n[3],
  m[2] * n[0] + m[3] * n[2],
  m[2] * n[1] + m[3] * n[3],
  m[4] * n[0] + m[5] * n[2] + n[4],
  m[4] * n[1] + m[5] * n[3] + n[5],
];

/**
 * Tokens of a content stream: numbers, names, operators; strings, arrays and dictionaries
 * are skipped as single tokens (nothing here needs their contents).
 */
function* tokens(text: string): Generator<string> {
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '%') {
      while (i < n && text[i] !== '\n' && text[i] !== '\r') i++;
    } else if (c === '(') {
      let depth = 0;
      for (; i < n; i++) {
        if (text[i] === '\\') i++;
        else if (text[i] === '(') depth++;
        else if (text[i] === ')' && --depth === 0) break;
      }
      i++;
      yield '(string)';
    } else if (c === '<' && text[i + 1] !== '<') {
      i = text.indexOf('>', i) + 1;
      yield '<string>';
    } else if ('[]{}'.includes(c) || (c === '<' && text[i + 1] === '<') || (c === '>' && text[i + 1] === '>')) {
      const two = text.slice(i, i + 2);
      const t = two === '<<' || two === '>>' ? two : c;
      i += t.length;
      yield t;
    } else {
      const start = i;
      i++;
      while (i < n && !/[\s()<>[\]{}/%]/.test(text[i]!)) i++;
      yield text.slice(start, i);
    }
  }
}

export interface DrawnImage {
  /** The XObject's name in the page's resources, e.g. 'Image-7098480789'. */
  name: string;
  /** Where it is drawn, top-left origin, in PDF points. */
  box: Box;
}

/** Every image XObject drawn on a page, with where it lands. */
export async function drawnImages(doc: PDFDocument, pageIndex: number): Promise<DrawnImage[]> {
  const page = doc.getPage(pageIndex);
  const contents = page.node.Contents();
  const refs = contents instanceof PDFArray ? contents.asArray() : contents ? [contents] : [];
  let text = '';
  for (const ref of refs) {
    const stream = (ref instanceof PDFRef ? doc.context.lookup(ref) : ref) as PDFStream;
    text += Buffer.from(stream instanceof PDFRawStream ? decodePDFRawStream(stream).decode() : stream.getContents()).toString('latin1') + '\n';
  }
  const height = page.getHeight();
  const out: DrawnImage[] = [];
  const stack: Matrix[] = [];
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const operands: string[] = [];
  for (const token of tokens(text)) {
    if (token === 'BI') throw new Error('inline images are not supported');
    if (/^[A-Za-z'"*]+$/.test(token) && token !== 'true' && token !== 'false' && token !== 'null') {
      if (token === 'q') stack.push(ctm);
      else if (token === 'Q') ctm = stack.pop() ?? [1, 0, 0, 1, 0, 0];
      else if (token === 'cm') ctm = multiply(operands.slice(-6).map(Number) as Matrix, ctm);
      else if (token === 'Do') {
        const name = operands[operands.length - 1]!.slice(1);
        const corners = [[0, 0], [1, 0], [0, 1], [1, 1]].map(([u, v]) => [ctm[0] * u! + ctm[2] * v! + ctm[4], ctm[1] * u! + ctm[3] * v! + ctm[5]] as const);
        const xs = corners.map((p) => p[0]);
        const ys = corners.map((p) => p[1]);
        out.push({ name, box: { x: Math.min(...xs), y: height - Math.max(...ys), width: Math.max(...xs) - Math.min(...xs), height: Math.max(...ys) - Math.min(...ys) } });
      }
      operands.length = 0;
    } else {
      operands.push(token);
    }
  }
  return out;
}

/** Whether `inner` lies within `outer` (with `slack` points to spare). */
export const contains = (outer: Box, inner: Box, slack = 0.5) =>
  inner.x >= outer.x - slack && inner.y >= outer.y - slack && inner.x + inner.width <= outer.x + outer.width + slack && inner.y + inner.height <= outer.y + outer.height + slack;

let transparent: Promise<Buffer> | undefined;

/**
 * The same PDF with the image drawn around `box` (1-based page, top-left origin, points)
 * replaced by a transparent pixel: the mark disappears, nothing else changes. Throws when no
 * image covers the box. Of several covering images (a seal over a date), the smallest.
 */
export async function eraseMark(pdf: Uint8Array, page: number, box: Box): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const drawn = await drawnImages(doc, page - 1);
  const covering = drawn.filter((d) => contains(d.box, box)).sort((a, b) => a.box.width * a.box.height - b.box.width * b.box.height);
  if (!covering[0]) throw new Error(`eraseMark: no image covers ${JSON.stringify(box)} on page ${page}`);
  return eraseImages(pdf, page, [covering[0].name]);
}

/** The same PDF with the named images of a page made transparent (each must be drawn once). */
export async function eraseImages(pdf: Uint8Array, page: number, names: string[]): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const drawn = await drawnImages(doc, page - 1);
  transparent ??= sharp({ create: { width: 1, height: 1, channels: 4, background: { r: 255, g: 255, b: 255, alpha: 0 } } }).png().toBuffer();
  const blank = await doc.embedPng(await transparent);
  const { XObject } = doc.getPage(page - 1).node.normalizedEntries();
  for (const name of names) {
    if (drawn.filter((d) => d.name === name).length !== 1) throw new Error(`eraseImages: ${name} is not drawn exactly once`);
    if (!XObject.get(PDFName.of(name))) throw new Error(`eraseImages: ${name} is not in the page's resources`);
    XObject.set(PDFName.of(name), blank.ref);
  }
  return doc.save({ useObjectStreams: true });
}

// ---- Random streams --------------------------------------------------------------------

export interface SteerRules {
  /** Forced results of `weighted(items, …)`, by `JSON.stringify(items)`; each applies once. */
  weighted?: Record<string, unknown>;
  /** Forced results of `chance(p)`, by `String(p)`; each applies once. */
  chance?: Record<string, boolean>;
}

/**
 * A stream like `createRng(seed)` whose first `weighted`/`chance` call with the given items
 * or probability returns the forced value. The natural draw is made and discarded, so the
 * stream stays aligned with the unsteered one. `unused()` lists rules that never applied
 * (the builder no longer makes that draw): callers must treat that as an error.
 */
export function steered(seed: number | string, rules: SteerRules): Rng & { unused(): string[] } {
  const base = createRng(seed);
  const weighted = new Map(Object.entries(rules.weighted ?? {}));
  const chance = new Map(Object.entries(rules.chance ?? {}));
  return {
    ...base,
    weighted<T>(items: readonly T[], weights: readonly number[]): T {
      const natural = base.weighted(items, weights);
      const key = JSON.stringify(items);
      if (!weighted.has(key)) return natural;
      const forced = weighted.get(key) as T;
      weighted.delete(key);
      if (!items.includes(forced)) throw new Error(`steered: ${JSON.stringify(forced)} is not one of ${key}`);
      return forced;
    },
    chance(p: number): boolean {
      const natural = base.chance(p);
      const key = String(p);
      if (!chance.has(key)) return natural;
      const forced = chance.get(key)!;
      chance.delete(key);
      return forced;
    },
    unused: () => [...[...weighted.keys()].map((k) => `weighted ${k}`), ...[...chance.keys()].map((k) => `chance ${k}`)],
  };
}

/** `createRng(seed)` with `count` numbers already drawn. */
export function advanced(seed: number | string, count: number): Rng {
  const rng = createRng(seed);
  for (let i = 0; i < count; i++) rng.next();
  return rng;
}

// ---- Scans -----------------------------------------------------------------------------

/**
 * A colour scan of the PDF at 200 dpi (a JPEG for one page, an image-only PDF for more),
 * the first such among the raster streams `label-0`, `label-1`, … (deterministic).
 */
export async function colourScan(pdf: Uint8Array, pages: { width: number; height: number }[], label: string): Promise<RasterOutput> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const out = await rasterize(pdf, pages, 'scan', createRng(`${label}-${attempt}`), new Date(Date.UTC(2026, 5, 10)));
    if (out.raster.colour && (pages.length > 1 || out.mime === 'image/jpeg')) return out;
  }
  throw new Error(`no colour scan among 100 streams for ${label}`);
}
