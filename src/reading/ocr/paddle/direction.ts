/**
 * PP-OCR's text direction classifier (ch_ppocr_mobile_v2.0_cls, 0.58 MB) as a plain function
 * for the page-orientation check: strips of text 48 px high in, P(upside down) out. It needs
 * onnxruntime but not the PP-OCR engine, so it serves tesseract pages too.
 */
import type { OcrLogger } from '../tesseract.js';
import { classifyStrips } from './pipeline.js';
import { checkModels, loadRuntime, runtimeModule, session, shippedModelDir } from './runtime.js';
import type { LineCrop } from './tensor.js';

export type LineClassifier = (strips: LineCrop[]) => Promise<number[]>;

/** Threads for the classifier: it runs on a few small strips, one core is plenty. */
const THREADS = 1;

const shared = new Map<string, Promise<LineClassifier | null>>();

/**
 * The classifier, or null when onnxruntime (or the model) cannot load on this platform — then
 * the caller decides up from down another way. Loaded once per process.
 */
export function lineClassifier(logger?: OcrLogger): Promise<LineClassifier | null> {
  const module = runtimeModule();
  let pending = shared.get(module);
  if (pending) return pending;
  pending = (async () => {
    try {
      const ort = loadRuntime(module);
      const dir = shippedModelDir();
      checkModels(dir);
      const cls = await session(ort, dir, 'cls', THREADS);
      return (strips: LineCrop[]) => classifyStrips(ort, cls, strips);
    } catch (error) {
      logger?.warn?.('text direction classifier unavailable; page orientation falls back to OCR', { reason: (error as Error).message });
      return null;
    }
  })();
  shared.set(module, pending);
  return pending;
}
