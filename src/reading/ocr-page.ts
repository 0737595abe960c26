/**
 * Reading a page image by OCR: straighten small skews, grey and upscale low-resolution scans
 * for the engine, recognise, and map the boxes back to the page's (straightened) pixel grid.
 */
import type { OcrEngine } from './ocr/engine.js';
import { deskew, redChannel, toGrey, upscaleTo } from './ocr/preprocess.js';
import type { Box, RasterImage, TextLine } from './types.js';

/** Below this resolution a scan is upscaled before OCR: small glyphs lose strokes. */
const MIN_OCR_DPI = 170;
const TARGET_OCR_DPI = 220;

/**
 * Share of the page covered by red ink (seals, red headings). Sampled on a grid: exactness
 * does not matter, only whether there is enough red to read the red channel instead.
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

/** Above this share of red ink, text is read from the red channel, where red stamps fade. */
const RED_INK_SHARE = 0.001;

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
  // Black text stays black in the red channel while red seals over it all but vanish.
  const grey = redInkShare(straight.image) > RED_INK_SHARE ? await redChannel(straight.image) : await toGrey(straight.image);
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
