/**
 * An engine whose requests count as the `ocr` stage of a profiled analysis (util/stages.ts),
 * wherever they come from: a page, its orientation, a code line's second look, a seal's words.
 */
import { timed } from '../../util/stages.js';
import type { OcrEngine, OcrRequest, OcrResult } from './engine.js';
import { hasSecondOpinion } from './policy.js';

export function timedEngine(engine: OcrEngine): OcrEngine {
  const wrapped: OcrEngine = {
    id: engine.id,
    recognize: (request: OcrRequest): Promise<OcrResult> => timed('ocr', () => engine.recognize(request)),
    warmUp: () => engine.warmUp(),
    close: () => engine.close(),
  };
  if (!hasSecondOpinion(engine)) return wrapped;
  return Object.assign(wrapped, {
    secondOpinion: (request: OcrRequest): Promise<OcrResult | null> => timed('ocr', () => engine.secondOpinion(request)),
  });
}
