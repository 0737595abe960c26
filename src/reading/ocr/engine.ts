/**
 * The OCR engine interface. tesseract.js is the engine shipped; any other engine (PP-OCR on
 * onnxruntime, say) is added by implementing this and passing the conformance suite in
 * test/ocr-conformance.ts.
 */
import { QcError } from '../../errors.js';
import type { RasterImage, TextLine } from '../types.js';

export type OcrMode =
  /** A whole page (or a large region) of Chinese text, with layout analysis. */
  | 'page'
  /** One line of text, e.g. the credit-code line: no layout analysis. */
  | 'line';

export interface OcrRequest {
  image: RasterImage;
  mode: OcrMode;
  /** Script to expect: Chinese (with Latin and digits) or Latin only (codes, numbers). */
  script: 'chinese' | 'latin';
  /** Restrict recognition to these characters (line mode; e.g. the credit-code alphabet). */
  whitelist?: string;
  /** Give up after recognising for this long (waiting for a worker does not count); the engine must stay usable afterwards. */
  timeoutMs?: number;
  /**
   * False: one reading is enough, a policy engine must not ask its other engine for a second
   * opinion (the caller needs the gist of the text, e.g. to tell which window evidence is
   * for, not its exact characters). True by default.
   */
  secondOpinion?: boolean;
}

export interface OcrResult {
  /** Lines in reading order, boxes in the request image's pixels, text whitespace-normalised. */
  lines: TextLine[];
  /** Mean confidence 0..1 over the recognised text. */
  confidence: number;
  elapsedMs: number;
}

export interface OcrEngine {
  /** Stable id, e.g. 'tesseract'. */
  readonly id: string;
  recognize(request: OcrRequest): Promise<OcrResult>;
  /** Start workers ahead of the first request (a server calls this before it reports ready). */
  warmUp(): Promise<void>;
  /** Stop all workers; the engine may not be used afterwards. */
  close(): Promise<void>;
}

/** The error every engine gives for a request after close(). */
export function closedError(): QcError {
  return new QcError('QC_OCR_FAILED', { reason: 'the OCR engine is closed' });
}

/** Why a request's raster cannot be read (every engine refuses the same inputs), or null. */
export function invalidRaster(image: RasterImage | undefined): QcError | null {
  if (image && image.width > 0 && image.height > 0 && [1, 3, 4].includes(image.channels) && image.data.length === image.width * image.height * image.channels) return null;
  return new QcError('QC_OCR_FAILED', { reason: `invalid raster (${image?.width}×${image?.height}×${image?.channels}, ${image?.data?.length} bytes)` });
}

/** An engine option that must be a positive number: `value`, or `fallback` when not given. */
export function positiveOption(engine: string, value: number | undefined, fallback: number, name: string): number {
  const chosen = value ?? fallback;
  if (!Number.isFinite(chosen) || chosen <= 0) throw new RangeError(`${engine}: ${name} must be a positive number`);
  return chosen;
}
