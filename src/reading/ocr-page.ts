/**
 * Reading a page image by OCR: straighten small skews, grey and upscale low-resolution scans
 * for the engine, recognise, and map the boxes back to the page's (straightened) pixel grid.
 */
import type { OcrEngine } from './ocr/engine.js';
import { deskew, toGrey, upscaleTo } from './ocr/preprocess.js';
import type { Box, RasterImage, TextLine } from './types.js';

/** Below this resolution a scan is upscaled before OCR: small glyphs lose strokes. */
const MIN_OCR_DPI = 170;
const TARGET_OCR_DPI = 220;

const scaleBox = (box: Box, k: number): Box => ({ x: box.x * k, y: box.y * k, width: box.width * k, height: box.height * k });

export interface OcrPageResult {
  lines: TextLine[];
  /** The straightened page: the grid the boxes are in. */
  image: RasterImage;
  /** Degrees the page was turned clockwise to straighten it. */
  rotation: number;
}

export async function ocrPage(engine: OcrEngine, image: RasterImage, dpi: number, timeoutMs: number): Promise<OcrPageResult> {
  const straight = await deskew(image);
  const grey = await toGrey(straight.image);
  const prepared = dpi < MIN_OCR_DPI ? await upscaleTo(grey, TARGET_OCR_DPI / dpi) : grey;
  const result = await engine.recognize({ image: prepared, mode: 'page', script: 'chinese', timeoutMs });
  const k = grey.width / prepared.width;
  const lines = k === 1 ? result.lines : result.lines.map((line) => ({
    ...line,
    box: scaleBox(line.box, k),
    words: line.words.map((w) => ({ ...w, box: scaleBox(w.box, k) })),
  }));
  return { lines, image: straight.image, rotation: straight.angle };
}
