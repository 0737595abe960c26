/**
 * Reading a page image by OCR: find the sheet in a photo, straighten small skews, choose the
 * channel (red channel under red stamps), upscale small text, recognise — and read once more,
 * larger, when the first reading is poor. Boxes come back in the page image's own pixels.
 */
import type { OcrEngine, OcrResult } from './ocr/engine.js';
import { crop, deskew, redChannel, toGrey, upscaleTo } from './ocr/preprocess.js';
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

/**
 * @param dpi the image's resolution
 * @param dpiKnown whether it came from the file (else it was estimated for a whole A4 photo,
 *   and the sheet found in the photo gives a better one)
 */
export async function ocrPage(engine: OcrEngine, image: RasterImage, dpi: number, timeoutMs: number, dpiKnown = false): Promise<OcrPageResult> {
  const paper = dpiKnown ? null : findPaper(image);
  const region = paper ? crop(image, paper) : image;
  const regionBox = paper ?? { x: 0, y: 0, width: image.width, height: image.height };
  const regionDpi = paper ? Math.max(paper.width, paper.height) / A4_LONG_INCHES : dpi;
  // tesseract copes with small skews itself, and a perspective photo can mislead the skew
  // measurement (a corpus licence photo read 11 characters after a 2.3° "correction", 195
  // without): straighten only what is clearly skewed.
  const straight = await deskew(region, { minAngle: MIN_DESKEW_ANGLE });
  // Black text stays black in the red channel while red seals over it all but vanish.
  const base = redInkShare(straight.image) > RED_INK_SHARE ? await redChannel(straight.image) : await toGrey(straight.image);

  const attempt = async (ratio: number) => {
    const prepared = await upscaleTo(base, ratio);
    const result = await engine.recognize({ image: prepared, mode: 'page', script: 'chinese', timeoutMs });
    return { result, scale: base.width / prepared.width };
  };
  let best = await attempt(regionDpi < MIN_OCR_DPI ? TARGET_OCR_DPI / regionDpi : 1);
  // A second opinion, larger, when the first reading is thin or unsure (small text in photos).
  const squareInches = (base.width / regionDpi) * (base.height / regionDpi);
  const poor = best.result.confidence < POOR_CONFIDENCE || charCount(best.result) / squareInches < POOR_DENSITY;
  if (poor && best.scale > 0.5) {
    const second = await attempt(Math.min(4, (1 / best.scale) * 1.6));
    const score = (r: OcrResult) => charCount(r) * r.confidence;
    if (score(second.result) > score(best.result)) best = second;
  }

  const map = backMapper(best.scale, straight.angle, regionBox);
  const lines = best.result.lines.map((line) => ({
    ...line,
    box: map(line.box),
    words: line.words.map((w) => ({ ...w, box: map(w.box) })),
  }));
  return { lines, skew: straight.angle, paper };
}
