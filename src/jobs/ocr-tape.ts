/**
 * OCR answers recorded where a file is read and played back where the submission is put
 * together. A submission's files are read by many workers at once (one job per file); the
 * job that then applies the rules across files calls `checkSubmission`, which reads each file
 * again — its text layers and rasters are cheap, its OCR is not. With the recorded answers
 * (keyed by the exact request: the raster's bytes, mode, script, whitelist) no page is
 * recognised twice, and the result is the one the synchronous `POST /v1/check` gives.
 */
import { createHash } from 'node:crypto';
import type { OcrEngine, OcrRequest, OcrResult } from '../reading/ocr/engine.js';

/** Recorded answers by request key; plain JSON, stored with the file's job result. */
export type OcrTape = Record<string, OcrResult>;

export function requestKey(request: OcrRequest): string {
  const { image } = request;
  return createHash('sha256')
    .update(`${request.mode}|${request.script}|${request.whitelist ?? ''}|${request.secondOpinion !== false}|${image.width}x${image.height}x${image.channels}|`)
    .update(image.data)
    .digest('hex');
}

/** The engine, with every answer it gives written to `tape`. */
export function recordingEngine(inner: OcrEngine, tape: OcrTape): OcrEngine {
  return {
    id: inner.id,
    async recognize(request) {
      const result = await inner.recognize(request);
      tape[requestKey(request)] = result;
      return result;
    },
    warmUp: () => inner.warmUp(),
    // The inner engine belongs to the caller.
    close: async () => {},
  };
}

export interface ReplayStats {
  replayed: number;
  /** Requests not on the tape, recognised by the fallback engine. */
  missed: number;
}

/** Answers from the tape; a request not on it goes to `fallback` (counted in `stats.missed`). */
export function replayingEngine(tape: OcrTape, fallback: OcrEngine | undefined, stats: ReplayStats = { replayed: 0, missed: 0 }): OcrEngine {
  return {
    id: fallback?.id ?? 'replay',
    async recognize(request) {
      const recorded = tape[requestKey(request)];
      if (recorded) {
        stats.replayed++;
        return recorded;
      }
      stats.missed++;
      if (!fallback) throw new Error('OCR request not recorded and no engine to read it');
      return fallback.recognize(request);
    },
    warmUp: async () => {},
    close: async () => {},
  };
}
