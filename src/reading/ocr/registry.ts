/**
 * The OCR engines qcredit ships, by id: the one place the CLI, the server, the evaluation
 * and the benchmarks create an engine from a name. Engines load lazily, so a command that
 * never reads a scan never pays for one.
 */
import type { OcrEngine } from './engine.js';
import type { OcrLogger } from './tesseract.js';

export const ENGINE_IDS = ['tesseract'] as const;
export type EngineId = (typeof ENGINE_IDS)[number];
export const DEFAULT_ENGINE: EngineId = 'tesseract';

export interface CreateEngineOptions {
  /** Recognition workers (or threads) the engine may use at once. */
  workers?: number;
  logger?: OcrLogger;
}

export async function createEngine(id: EngineId = DEFAULT_ENGINE, options: CreateEngineOptions = {}): Promise<OcrEngine> {
  switch (id) {
    case 'tesseract': {
      const { TesseractEngine } = await import('./tesseract.js');
      return new TesseractEngine({ workers: options.workers, logger: options.logger });
    }
  }
}
