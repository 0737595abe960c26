/**
 * The OCR engines qcredit ships, by id: the one place the CLI, the server, the evaluation
 * and the benchmarks create an engine from a name. Engines load lazily, so a command that
 * never reads a scan never pays for one.
 *
 * - `tesseract`: tesseract.js (WebAssembly), everywhere Node runs.
 * - `paddle`: PP-OCRv4 on onnxruntime-node (native; Linux x64/arm64, macOS arm64, Windows).
 *   Throws QC_OCR_ENGINE_UNAVAILABLE where its native library cannot load.
 * - `auto`: the policy (see policy.ts): both engines, each where it measured best, the
 *   checksum arbitrating credit codes; tesseract alone, with a warning, where onnxruntime
 *   cannot load.
 */
import type { OcrEngine, OcrRequest, OcrResult } from './engine.js';
import { hasSecondOpinion, type PolicyRules } from './policy.js';
import type { OcrLogger } from './tesseract.js';

export const ENGINE_IDS = ['tesseract', 'paddle', 'auto'] as const;
export type EngineId = (typeof ENGINE_IDS)[number];
export const DEFAULT_ENGINE: EngineId = 'auto';

export interface CreateEngineOptions {
  /** Recognition workers (tesseract) or threads (onnxruntime) the engine may use at once. */
  workers?: number;
  logger?: OcrLogger;
  /** 'auto' only: rules to change (see DEFAULT_RULES in policy.ts). */
  rules?: Partial<PolicyRules>;
}

export function isEngineId(id: string): id is EngineId {
  return (ENGINE_IDS as readonly string[]).includes(id);
}

export async function createEngine(id: EngineId = DEFAULT_ENGINE, options: CreateEngineOptions = {}): Promise<OcrEngine> {
  switch (id) {
    case 'tesseract': {
      const { TesseractEngine } = await import('./tesseract.js');
      return new TesseractEngine({ workers: options.workers, logger: options.logger });
    }
    case 'paddle': {
      const { PaddleEngine } = await import('./paddle/engine.js');
      return new PaddleEngine({ threads: options.workers, logger: options.logger });
    }
    case 'auto': {
      const { createPolicyEngine } = await import('./policy.js');
      return createPolicyEngine({ workers: options.workers, logger: options.logger, rules: options.rules });
    }
  }
}

/**
 * An engine made on its first request: a command that may meet only text-layer PDFs loads no
 * OCR code at all (issue 14), and one that meets a scan pays for the engine then. Its id is
 * the requested engine's; `close` closes the engine only if it was made.
 */
export function engineOnDemand(id: EngineId = DEFAULT_ENGINE, options: CreateEngineOptions = {}): OcrEngine {
  let made: Promise<OcrEngine> | undefined;
  const engine = () => (made ??= createEngine(id, options));
  const onDemand: OcrEngine = {
    id,
    recognize: async (request) => (await engine()).recognize(request),
    warmUp: async () => (await engine()).warmUp(),
    close: async () => {
      if (made) await (await made).close();
    },
  };
  if (id !== 'auto') return onDemand;
  // The policy engine's second reader (see policy.ts), which only 'auto' has.
  return Object.assign(onDemand, {
    secondOpinion: async (request: OcrRequest): Promise<OcrResult | null> => {
      const real = await engine();
      return hasSecondOpinion(real) ? real.secondOpinion(request) : null;
    },
  });
}
