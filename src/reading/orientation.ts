/**
 * Turning a page upright before anything reads it: scans fed in sideways or upside down, and
 * phone photos taken sideways. (The EXIF Orientation tag is applied first, when an image is
 * decoded: see image.ts. This looks at the content.)
 *
 * Two questions, answered on a small grey copy of the page (of the sheet, in a photo), on its
 * character-sized ink only (borders, table rules, seal rings and pictures are left out):
 * 1. Do the text lines run across or down? Along a line, characters are a tenth of an em
 *    apart; from line to line, half an em or more. Bridging gaps of half a character, runs of
 *    ink along the lines become as long as the lines, runs across them stay a character
 *    long. (Chinese characters stand in a grid, so which way is which needs those gap sizes,
 *    not projections.) Lines running down mean a quarter turn.
 * 2. Which way up? Short pieces of the text lines are cut out and given to PP-OCR's text
 *    direction classifier (0° or 180°), and the pieces vote. Without onnxruntime, the OCR
 *    engine reads a few lines both ways round and the more confident reading wins.
 *
 * ~60–120 ms per A4 page with the classifier; an upright page is returned as it is.
 */
import { loadSharp } from './sharp.js';
import type { OcrEngine } from './ocr/engine.js';
import type { LineClassifier } from './ocr/paddle/direction.js';
import type { Point, Quad } from './ocr/paddle/db.js';
import { sampleQuad, toRgb, type LineCrop } from './ocr/paddle/tensor.js';
import type { OcrLogger } from './ocr/tesseract.js';
import { findPaper } from './paper.js';
import type { Box, RasterImage } from './types.js';

export type QuarterTurn = 0 | 90 | 180 | 270;

export interface OrientationOptions {
  /**
   * P(upside down) for 48-px strips of text. Default: PP-OCR's direction classifier when
   * onnxruntime loads here; `null` for none.
   */
  classifier?: LineClassifier | null;
  /** Decides up from down when there is no classifier (reads a band of the page both ways). */
  engine?: OcrEngine;
  logger?: OcrLogger;
}

export interface Orientation {
  /** Degrees to turn the image clockwise to make it upright. */
  turn: QuarterTurn;
  /** What decided up from down ('none': too little text to tell, left as it was). */
  by: 'classifier' | 'ocr' | 'none';
  /** Mean run of ink along rows and along columns, in character sizes (lines across: rows ≫ columns). */
  rows: number;
  columns: number;
  /** Mean P(upside down) over the pieces read, when the classifier decided. */
  upsideDown?: number;
  pieces: number;
}

/** Side of the grey copy the analysis runs on. */
const ANALYSIS_SIDE = 1000;
/** Lines run down when runs down the page are this much longer than runs across. */
const AXIS_MARGIN = 1.25;
/** Strips classified per page: enough votes, bounded time. */
const MAX_PIECES = 24;
/** Fewer pieces than this cannot outvote a misread; the page is left as it is. */
const MIN_PIECES = 3;
/** The OCR fallback turns a page only when the turned reading is clearly better. */
const OCR_MARGIN = 1.3;

interface Grey {
  data: Uint8Array;
  width: number;
  height: number;
}

/** Where the analysis copy sits in the full image: full = copy / scale + offset. */
interface Frame {
  scale: number;
  x: number;
  y: number;
}

/** From a point on the copy to the same point on the full image. */
type ToFull = (p: Point) => Point;

/** Turns an image clockwise by a quarter turn multiple (sharp; RGB stays RGB, grey grey). */
export async function turnImage(image: RasterImage, turn: QuarterTurn): Promise<RasterImage> {
  if (turn === 0) return image;
  const sharp = await loadSharp();
  const turned = sharp(image.data, { raw: { width: image.width, height: image.height, channels: image.channels } }).rotate(turn);
  // libvips would write one grey channel out as sRGB.
  const { data, info } = await (image.channels === 1 ? turned.toColourspace('b-w') : turned).raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, channels: info.channels as RasterImage['channels'], data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}

/** A box on an image turned by `turn` (of size `width` × `height` before the turn), carried back to the image before it. */
export function unturnBox(box: Box, turn: QuarterTurn, width: number, height: number): Box {
  switch (turn) {
    case 0:
      return box;
    case 90: // turned (x, y) = (H − y, x)
      return { x: box.y, y: height - box.x - box.width, width: box.height, height: box.width };
    case 180:
      return { x: width - box.x - box.width, y: height - box.y - box.height, width: box.width, height: box.height };
    case 270: // turned (x, y) = (y, W − x)
      return { x: width - box.y - box.height, y: box.x, width: box.height, height: box.width };
  }
}

/** How far the image must be turned clockwise to be upright. */
/** How far the image must be turned clockwise to be upright. */
export async function detectOrientation(image: RasterImage, options: OrientationOptions = {}): Promise<Orientation> {
  const { copy, frame } = await analysisCopy(image);
  const glyphs = glyphMask(copy);
  if (!glyphs) return { turn: 0, by: 'none', rows: 0, columns: 0, pieces: 0 };
  const gap = Math.max(2, Math.round(glyphs.size * 0.5));
  const rows = round(runLength(glyphs.mask, copy.width, copy.height, gap, false) / glyphs.size);
  const columns = round(runLength(glyphs.mask, copy.width, copy.height, gap, true) / glyphs.size);
  const sideways = columns > rows * AXIS_MARGIN;
  // Lines running down: a quarter turn clockwise makes them run across (the classifier
  // then tells 90° from 270°: the turned page is either upright or upside down).
  const quarter: QuarterTurn = sideways ? 90 : 0;
  const across = sideways ? turnMask(glyphs.mask, copy.width, copy.height) : { mask: glyphs.mask, width: copy.width, height: copy.height };
  const toFull: ToFull = sideways
    ? // On the turned copy (x', y') = (hc − y, x); on the turned image (X', Y') = (H − Y, X).
      (p) => ({ x: image.height - ((copy.height - p.x) / frame.scale + frame.y), y: p.y / frame.scale + frame.x })
    : (p) => ({ x: p.x / frame.scale + frame.x, y: p.y / frame.scale + frame.y });
  const pieces = linePieces(across.mask, across.width, across.height, gap, glyphs.size);
  if (pieces.length < MIN_PIECES) return { turn: quarter, by: 'none', rows, columns, pieces: pieces.length };

  const classifier = options.classifier === undefined ? await defaultClassifier(options.logger) : options.classifier;
  const full = sideways ? await turnImage(image, 90) : image;
  const quads = pieces.map((piece) => piece.map((p) => clampPoint(toFull(p), full.width, full.height)) as Quad);
  if (classifier) {
    const rgb = toRgb(full);
    const strips: LineCrop[] = quads.map((quad) => sampleQuad(rgb, quad, 48, { maxWidth: 192 }));
    const votes = await classifier(strips);
    const upsideDown = votes.reduce((sum, p) => sum + p, 0) / votes.length;
    const turn = ((quarter + (upsideDown > 0.5 ? 180 : 0)) % 360) as QuarterTurn;
    return { turn, by: 'classifier', rows, columns, upsideDown: round(upsideDown), pieces: votes.length };
  }
  if (options.engine) {
    const flipped = await readsBetterFlipped(full, quads, options.engine);
    if (flipped !== null) return { turn: ((quarter + (flipped ? 180 : 0)) % 360) as QuarterTurn, by: 'ocr', rows, columns, pieces: pieces.length };
  }
  return { turn: quarter, by: 'none', rows, columns, pieces: pieces.length };
}

/** The image turned upright, with the turn applied (0 when it already was). */
export async function orientPage(image: RasterImage, options: OrientationOptions = {}): Promise<{ image: RasterImage; orientation: Orientation }> {
  const orientation = await detectOrientation(image, options);
  return { image: await turnImage(image, orientation.turn), orientation };
}

async function defaultClassifier(logger?: OcrLogger): Promise<LineClassifier | null> {
  const { lineClassifier } = await import('./ocr/paddle/direction.js');
  return lineClassifier(logger);
}

const round = (v: number) => Math.round(v * 1000) / 1000;

function clampPoint(p: Point, width: number, height: number): Point {
  return { x: Math.min(width, Math.max(0, p.x)), y: Math.min(height, Math.max(0, p.y)) };
}

// ---- the analysis copy --------------------------------------------------------------------

/** A grey copy about ANALYSIS_SIDE px on its long side, of the sheet only when the image is a photo. */
async function analysisCopy(image: RasterImage): Promise<{ copy: Grey; frame: Frame }> {
  const paper = findPaper(image);
  const region = paper ?? { x: 0, y: 0, width: image.width, height: image.height };
  const scale = Math.min(1, ANALYSIS_SIDE / Math.max(region.width, region.height));
  const sharp = await loadSharp();
  let pipeline = sharp(image.data, { raw: { width: image.width, height: image.height, channels: image.channels } });
  if (image.channels === 4) pipeline = pipeline.flatten({ background: '#ffffff' });
  if (paper) pipeline = pipeline.extract({ left: Math.round(region.x), top: Math.round(region.y), width: Math.round(region.width), height: Math.round(region.height) });
  const width = Math.max(1, Math.round(region.width * scale));
  const height = Math.max(1, Math.round(region.height * scale));
  const { data } = await pipeline.resize(width, height, { fit: 'fill', kernel: 'linear' }).toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
  return { copy: { data: new Uint8Array(data.buffer, data.byteOffset, width * height), width, height }, frame: { scale, x: Math.round(region.x), y: Math.round(region.y) } };
}

// ---- glyphs, runs and lines ----------------------------------------------------------------

interface Blob {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  count: number;
}

/** Connected pieces of a mask (8-connected), labelled 1…n in `labels`. */
function components(mask: Uint8Array, width: number, height: number): { labels: Int32Array; blobs: Blob[] } {
  const labels = new Int32Array(width * height);
  const blobs: Blob[] = [];
  const stack: number[] = [];
  for (let start = 0; start < mask.length; start++) {
    if (!mask[start] || labels[start]) continue;
    const blob: Blob = { x0: width, y0: height, x1: -1, y1: -1, count: 0 };
    blobs.push(blob);
    const label = blobs.length;
    labels[start] = label;
    stack.push(start);
    while (stack.length) {
      const at = stack.pop()!;
      const x = at % width;
      const y = (at - x) / width;
      blob.count++;
      if (x < blob.x0) blob.x0 = x;
      if (x > blob.x1) blob.x1 = x;
      if (y < blob.y0) blob.y0 = y;
      if (y > blob.y1) blob.y1 = y;
      for (let dy = -1; dy <= 1; dy++) {
        const ny = y + dy;
        if (ny < 0 || ny >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          if (nx < 0 || nx >= width) continue;
          const n = ny * width + nx;
          if (mask[n] && !labels[n]) {
            labels[n] = label;
            stack.push(n);
          }
        }
      }
    }
  }
  return { labels, blobs };
}

/**
 * Ink that looks like characters: darker than its neighbourhood (a local threshold, so the
 * shadows and uneven light of photos drop out), in connected pieces no larger than a few
 * times the typical piece — so borders, table rules, underlines, seal rings and pictures
 * drop out too. `size` is the typical piece's larger side; null when there is too little ink.
 */
function glyphMask(grey: Grey): { mask: Uint8Array; size: number } | null {
  const { width, height } = grey;
  const { labels, blobs } = components(localInk(grey), width, height);
  const sizes = blobs
    .filter((b) => b.count >= 6)
    .map((b) => Math.max(b.x1 - b.x0, b.y1 - b.y0) + 1)
    .sort((a, b) => a - b);
  if (sizes.length < 20) return null;
  const size = sizes[Math.floor(sizes.length * 0.6)]!;
  const keep = blobs.map((b) => b.count >= 4 && b.x1 - b.x0 + 1 <= size * 3 && b.y1 - b.y0 + 1 <= size * 3);
  const mask = new Uint8Array(width * height);
  for (let i = 0; i < labels.length; i++) if (labels[i] && keep[labels[i]! - 1]) mask[i] = 1;
  return { mask, size };
}

/** Pixels darker than the mean of their 25 × 25 neighbourhood by a margin (integral image). */
function localInk(grey: Grey): Uint8Array {
  const { width, height, data } = grey;
  const stride = width + 1;
  const integral = new Float64Array(stride * (height + 1));
  for (let y = 0; y < height; y++) {
    let row = 0;
    for (let x = 0; x < width; x++) {
      row += data[y * width + x]!;
      integral[(y + 1) * stride + x + 1] = integral[y * stride + x + 1]! + row;
    }
  }
  const r = 12;
  const ink = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const y0 = Math.max(0, y - r);
    const y1 = Math.min(height, y + r + 1);
    for (let x = 0; x < width; x++) {
      const x0 = Math.max(0, x - r);
      const x1 = Math.min(width, x + r + 1);
      const sum = integral[y1 * stride + x1]! - integral[y0 * stride + x1]! - integral[y1 * stride + x0]! + integral[y0 * stride + x0]!;
      const mean = sum / ((x1 - x0) * (y1 - y0));
      const v = data[y * width + x]!;
      if (v < 190 && v < mean - Math.max(14, mean * 0.14)) ink[y * width + x] = 1;
    }
  }
  return ink;
}

/**
 * Ink-weighted mean length of the runs of ink along rows (or down columns), gaps of up to
 * `gap` pixels bridged.
 */
function runLength(mask: Uint8Array, width: number, height: number, gap: number, down: boolean): number {
  const lines = down ? width : height;
  const along = down ? height : width;
  let weighted = 0;
  let total = 0;
  for (let l = 0; l < lines; l++) {
    let start = -1;
    let last = -1;
    let count = 0;
    for (let a = 0; a <= along; a++) {
      const on = a < along && mask[down ? a * width + l : l * width + a];
      if (!on && a < along) continue;
      if (on && start >= 0 && a - last - 1 <= gap) {
        last = a;
        count++;
        continue;
      }
      if (start >= 0) {
        weighted += (last - start + 1) * count;
        total += count;
      }
      start = last = a;
      count = 1;
    }
  }
  return total ? weighted / total : 0;
}

function turnMask(mask: Uint8Array, width: number, height: number): { mask: Uint8Array; width: number; height: number } {
  const out = new Uint8Array(width * height);
  // Clockwise: (x, y) → (height − 1 − y, x) on a height × width image.
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) if (mask[y * width + x]) out[x * height + (height - 1 - y)] = 1;
  return { mask: out, width: height, height: width };
}

/**
 * Pieces of text lines (lines running across), as boxes on the copy: runs along each row,
 * gaps bridged, make line blobs; blobs about a character high and several long are cut into
 * chunks about four heights long (the classifier's 48 × 192 input), each boxed around its own
 * ink. Pieces of the longest lines first.
 */
function linePieces(mask: Uint8Array, width: number, height: number, gap: number, size: number): Quad[] {
  const smeared = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    let last = -1;
    for (let x = 0; x < width; x++) {
      if (!mask[y * width + x]) continue;
      if (last >= 0 && x - last - 1 <= gap) smeared.fill(1, y * width + last + 1, y * width + x);
      smeared[y * width + x] = 1;
      last = x;
    }
  }
  const lines = components(smeared, width, height).blobs.filter((b) => {
    const w = b.x1 - b.x0 + 1;
    const h = b.y1 - b.y0 + 1;
    return h >= size * 0.6 && h <= size * 3 && w >= h * 3;
  });
  lines.sort((a, b) => b.x1 - b.x0 - (a.x1 - a.x0));
  const pieces: Quad[] = [];
  for (const line of lines) {
    const h = line.y1 - line.y0 + 1;
    const length = line.x1 - line.x0 + 1;
    const chunks = Math.max(1, Math.round(length / (h * 4)));
    for (let c = 0; c < chunks && pieces.length < MAX_PIECES; c++) {
      const a = Math.round(line.x0 + (c * length) / chunks);
      const b = Math.round(line.x0 + ((c + 1) * length) / chunks) - 1;
      let top = height;
      let bottom = -1;
      for (let y = line.y0; y <= line.y1; y++) {
        for (let x = a; x <= b; x++) {
          if (mask[y * width + x]) {
            if (y < top) top = y;
            if (y > bottom) bottom = y;
            break;
          }
        }
      }
      if (bottom < top) continue;
      const pad = (bottom - top + 1) * 0.25;
      pieces.push([
        { x: a - pad, y: top - pad },
        { x: b + 1 + pad, y: top - pad },
        { x: b + 1 + pad, y: bottom + 1 + pad },
        { x: a - pad, y: bottom + 1 + pad },
      ]);
    }
    if (pieces.length >= MAX_PIECES) break;
  }
  return pieces;
}

// ---- the OCR fallback -------------------------------------------------------------------------

/**
 * Reads the region holding the first pieces both ways round; true when the flipped reading
 * is clearly the better one, false when the upright one is, null when neither reads.
 */
async function readsBetterFlipped(image: RasterImage, quads: Quad[], engine: OcrEngine): Promise<boolean | null> {
  const chosen = quads.slice(0, 6);
  const xs = chosen.flatMap((q) => q.map((p) => p.x));
  const ys = chosen.flatMap((q) => q.map((p) => p.y));
  const x0 = Math.max(0, Math.floor(Math.min(...xs)));
  const y0 = Math.max(0, Math.floor(Math.min(...ys)));
  const x1 = Math.min(image.width, Math.ceil(Math.max(...xs)));
  const y1 = Math.min(image.height, Math.ceil(Math.max(...ys)));
  if (x1 - x0 < 8 || y1 - y0 < 8) return null;
  const sharp = await loadSharp();
  const { data, info } = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: image.channels } })
    .extract({ left: x0, top: y0, width: x1 - x0, height: y1 - y0 })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const band: RasterImage = { width: info.width, height: info.height, channels: info.channels as RasterImage['channels'], data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
  const score = async (img: RasterImage) => {
    const result = await engine.recognize({ image: img, mode: 'page', script: 'chinese' });
    return result.lines.reduce((sum, l) => sum + l.confidence * [...l.text.replace(/\s/g, '')].length, 0);
  };
  const upright = await score(band);
  const flipped = await score(await turnImage(band, 180));
  if (upright <= 0 && flipped <= 0) return null;
  if (flipped > upright * OCR_MARGIN) return true;
  return false;
}
