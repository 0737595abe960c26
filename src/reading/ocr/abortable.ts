/**
 * An engine that stops taking work once a signal aborts: the server's request that ran out of
 * time (504) or whose client left. Requests already with the engine finish (a page takes
 * seconds; stopping a tesseract worker mid-page would cost a new worker), but no new one
 * starts: every step of the analysis that asks for OCR then fails at once with the signal's
 * reason, and the work behind the request ends within a page or two instead of running on.
 */
import type { OcrEngine, OcrRequest, OcrResult } from './engine.js';
import { hasSecondOpinion } from './policy.js';

function refused(signal: AbortSignal): Promise<never> {
  return Promise.reject(signal.reason ?? new Error('aborted'));
}

export function abortable(engine: OcrEngine, signal: AbortSignal): OcrEngine {
  const wrapped: OcrEngine = {
    id: engine.id,
    recognize: (request: OcrRequest): Promise<OcrResult> => (signal.aborted ? refused(signal) : engine.recognize(request)),
    warmUp: () => engine.warmUp(),
    close: () => engine.close(),
  };
  if (!hasSecondOpinion(engine)) return wrapped;
  // A policy engine's second reader (see policy.ts) stops taking work too.
  return Object.assign(wrapped, {
    secondOpinion: (request: OcrRequest): Promise<OcrResult | null> => (signal.aborted ? refused(signal) : engine.secondOpinion(request)),
  });
}
