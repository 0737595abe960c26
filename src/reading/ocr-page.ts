/**
 * Reading a page image by OCR: find the sheet in a photo, straighten small skews, choose the
 * channel (red channel under red stamps), upscale small text, recognise — and read once more,
 * larger, when the first reading is poor. Boxes come back in the page image's own pixels.
 */
import type { OcrEngine, OcrResult } from './ocr/engine.js';
import { crop, deskew, flattenLighting, innerSpans, redChannel, toGrey, upscaleTo } from './ocr/preprocess.js';
import { findPaper } from './paper.js';
import type { Box, RasterImage, TextLine } from './types.js';

/** Below this resolution a scan is upscaled before OCR: small glyphs lose strokes. */
const MIN_OCR_DPI = 170;
const TARGET_OCR_DPI = 220;
/** A reading with fewer characters per page-inch², or this confidence, gets a second pass. */
const POOR_CONFIDENCE = 0.75;
const POOR_DENSITY = 1;
/** Above this share of red ink, text is read from the red channel, where red stamps fade. */
const RED_INK_SHARE = 0.001;
/** Skews smaller than this are left to the OCR engine. */
const MIN_DESKEW_ANGLE = 2.5;
/** The long side of an A4 sheet, inches: a photo's resolution is that of its paper. */
const A4_LONG_INCHES = 11.69;

/**
 * Share of the page covered by red ink (seals, red headings), sampled on a grid: only
 * whether there is enough red to read the red channel instead matters.
 */
export function redInkShare(image: RasterImage): number {
  if (image.channels < 3) return 0;
  const step = Math.max(1, Math.floor(Math.sqrt((image.width * image.height) / 250_000)));
  let red = 0;
  let total = 0;
  for (let y = 0; y < image.height; y += step) {
    for (let x = 0; x < image.width; x += step) {
      const i = (y * image.width + x) * image.channels;
      const r = image.data[i]!, g = image.data[i + 1]!, b = image.data[i + 2]!;
      if (r > 140 && r - g > 60 && r - b > 50) red++;
      total++;
    }
  }
  return red / Math.max(1, total);
}

export interface OcrPageResult {
  /** Lines with boxes in the input image's pixels. */
  lines: TextLine[];
  /** Degrees the text was skewed (it was straightened for reading). */
  skew: number;
  /** Where the sheet of paper is in a photo (null for scans). */
  paper: Box | null;
}

/** Maps boxes from the prepared image back to the input: scale, unrotate, offset. */
function backMapper(scale: number, angle: number, region: { x: number; y: number; width: number; height: number }) {
  const theta = (angle * Math.PI) / 180;
  const cos = Math.cos(theta);
  const sin = Math.sin(theta);
  const cx = region.width / 2;
  const cy = region.height / 2;
  // The straightened image is the region rotated clockwise by `angle` about its centre;
  // undo that rotation for each corner and take the bounding box.
  return (box: Box): Box => {
    const corners = [
      [box.x, box.y],
      [box.x + box.width, box.y],
      [box.x, box.y + box.height],
      [box.x + box.width, box.y + box.height],
    ].map(([x, y]) => {
      const dx = x! * scale - cx;
      const dy = y! * scale - cy;
      return [cx + dx * cos + dy * sin + region.x, cy - dx * sin + dy * cos + region.y] as const;
    });
    const xs = corners.map((c) => c[0]);
    const ys = corners.map((c) => c[1]);
    const x = Math.min(...xs);
    const y = Math.min(...ys);
    return { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y };
  };
}

const charCount = (result: OcrResult) => result.lines.reduce((n, l) => n + l.text.replace(/\s/g, '').length, 0);

/** A page made ready for OCR once, so that its bands can be read one after another. */
export interface PreparedPage {
  /** The sheet, straightened, grey (or its red channel), as the engine will see it. */
  base: RasterImage;
  /** Resolution of `base`. */
  dpi: number;
  /** Degrees the text was skewed (it was straightened for reading). */
  skew: number;
  /** Where the sheet of paper is in a photo (null for scans). */
  paper: Box | null;
  /** The region of the input `base` was cut from. */
  region: Box;
}

/**
 * @param dpi the image's resolution
 * @param dpiKnown whether it came from the file (else it was estimated for a whole A4 photo,
 *   and the sheet found in the photo gives a better one)
 */
export async function preparePage(image: RasterImage, dpi: number, dpiKnown = false): Promise<PreparedPage> {
  const paper = dpiKnown ? null : findPaper(image);
  const region = paper ? crop(image, paper) : image;
  const regionBox = paper ?? { x: 0, y: 0, width: image.width, height: image.height };
  const regionDpi = paper ? Math.max(paper.width, paper.height) / A4_LONG_INCHES : dpi;
  // tesseract copes with small skews itself, and a perspective photo can mislead the skew
  // measurement (a corpus licence photo read 11 characters after a 2.3° "correction", 195
  // without): straighten only what is clearly skewed.
  const straight = await deskew(region, { minAngle: MIN_DESKEW_ANGLE });
  // Black text stays black in the red channel while red seals over it all but vanish.
  const channel = redInkShare(straight.image) > RED_INK_SHARE ? await redChannel(straight.image) : await toGrey(straight.image);
  const base = await flattenLighting(channel);
  return { base, dpi: regionDpi, skew: straight.angle, paper, region: regionBox };
}

/**
 * The level below which a grey page's pixel is ink: 60% of its paper's white (the 90th
 * percentile of its brightness), so a dim photo and a bright scan are judged alike.
 */
function inkLevel(image: RasterImage): number {
  const { width, height, data, channels } = image;
  const histogram = new Uint32Array(256);
  const step = Math.max(1, Math.floor((width * height) / 200_000));
  let total = 0;
  for (let i = 0; i < width * height; i += step, total++) histogram[data[i * channels]!]!++;
  let seen = 0;
  for (let v = 0; v < 256; v++) {
    seen += histogram[v]!;
    if (seen >= total * 0.9) return v * 0.6;
  }
  return 255 * 0.6;
}

/** A vertical run of ink at least this share of the page's height is a rule, not text. */
const RULE_SHARE = 0.04;

/**
 * Dark pixels per row, not counting a dark run that touches the image's edge (a scanner's
 * shadow, the table a photographed sheet lies on): text never touches the edge. Nor long
 * vertical runs (a certificate's border, a table's column rules): they cross the blank rows
 * between lines of text, and a page with a border would otherwise have no blank row to cut
 * at. "Dark" is under the page's ink level (see inkLevel).
 */
function rowInk(image: RasterImage): Uint32Array {
  const { width, height, data, channels } = image;
  const dark = inkLevel(image);
  const isDark = (x: number, y: number) => data[(y * width + x) * channels]! < dark;
  // Per row: the ink between the dark runs that touch the edges.
  const { from: left, to: right } = innerSpans(width, height, isDark);
  const ink = new Uint32Array(height);
  for (let y = 0; y < height; y++) for (let x = left[y]!; x <= right[y]!; x++) if (isDark(x, y)) ink[y]!++;
  // Less the pixels of long vertical runs, where a row counted them.
  const ruleLength = Math.max(8, Math.round(height * RULE_SHARE));
  for (let x = 0; x < width; x++) {
    let start = -1;
    for (let y = 0; y <= height; y++) {
      if (y < height && isDark(x, y)) {
        if (start < 0) start = y;
      } else if (start >= 0) {
        if (y - start >= ruleLength) for (let r = start; r < y; r++) if (x >= left[r]! && x <= right[r]!) ink[r]!--;
        start = -1;
      }
    }
  }
  return ink;
}

/** Dark pixels per row of a page's `base`, measured only when a page is cut in bands. */
const inkByPage = new WeakMap<PreparedPage, Uint32Array>();
function inkOf(page: PreparedPage): Uint32Array {
  let ink = inkByPage.get(page);
  if (!ink) inkByPage.set(page, (ink = rowInk(page.base)));
  return ink;
}

/** Whether a row of the prepared page has no text on it (specks and a scanner's edge allowed). */
export function isBlankRow(page: PreparedPage, row: number): boolean {
  return inkOf(page)[row]! <= Math.max(2, page.base.width * 0.003);
}

/**
 * A row to cut the page at near `row`: the middle of the blank gap closest to it within
 * `reach` rows, so no line of text (nor a table, whose rules cross every row) is cut.
 * Null when there is no blank row within reach.
 */
export function blankRowNear(page: PreparedPage, row: number, reach: number): number | null {
  const height = page.base.height;
  for (let d = 0; d <= reach; d++) {
    for (const y of [row - d, row + d]) {
      if (y <= 0 || y >= height || !isBlankRow(page, y)) continue;
      let top = y;
      let bottom = y;
      while (top > 0 && isBlankRow(page, top - 1) && y - top < reach) top--;
      while (bottom < height - 1 && isBlankRow(page, bottom + 1) && bottom - y < reach) bottom++;
      return Math.round((top + bottom) / 2);
    }
  }
  return null;
}

/**
 * Recognises rows [top, bottom) of a prepared page, and once more, larger, when the reading
 * is poor. Lines come back in the input image's pixels.
 */
export async function recognizeRows(engine: OcrEngine, page: PreparedPage, top: number, bottom: number, timeoutMs: number, secondOpinion = true): Promise<TextLine[]> {
  const { base, dpi } = page;
  const whole = top <= 0 && bottom >= base.height;
  const rows = whole ? base : crop(base, { x: 0, y: top, width: base.width, height: bottom - top });
  const attempt = async (ratio: number) => {
    const prepared = await upscaleTo(rows, ratio);
    const result = await engine.recognize({ image: prepared, mode: 'page', script: 'chinese', timeoutMs, secondOpinion });
    return { result, scale: rows.width / prepared.width };
  };
  let best = await attempt(dpi < MIN_OCR_DPI ? TARGET_OCR_DPI / dpi : 1);
  // A second opinion, larger, when the first reading is thin or unsure (small text in photos).
  // Thinness is judged on whole pages only: a band may rightly hold a line or two.
  const squareInches = (rows.width / dpi) * (rows.height / dpi);
  const poor = best.result.confidence < POOR_CONFIDENCE || (whole && charCount(best.result) / squareInches < POOR_DENSITY);
  if (poor && best.scale > 0.5) {
    const second = await attempt(Math.min(4, (1 / best.scale) * 1.6));
    const score = (r: OcrResult) => charCount(r) * r.confidence;
    if (score(second.result) > score(best.result)) best = second;
  }

  const map = backMapper(best.scale, page.skew, page.region);
  const offset = top / best.scale;
  const shift = (box: Box): Box => map({ ...box, y: box.y + (whole ? 0 : offset) });
  return best.result.lines.map((line) => ({
    ...line,
    box: shift(line.box),
    words: line.words.map((w) => ({ ...w, box: shift(w.box) })),
  }));
}

/**
 * @param dpi the image's resolution
 * @param dpiKnown whether it came from the file (else it was estimated for a whole A4 photo,
 *   and the sheet found in the photo gives a better one)
 * @param secondOpinion false: one reading is enough (see OcrRequest.secondOpinion)
 */
export async function ocrPage(engine: OcrEngine, image: RasterImage, dpi: number, timeoutMs: number, dpiKnown = false, secondOpinion = true): Promise<OcrPageResult> {
  const page = await preparePage(image, dpi, dpiKnown);
  const lines = await recognizeRows(engine, page, 0, page.base.height, timeoutMs, secondOpinion);
  return { lines, skew: page.skew, paper: page.paper };
}
