/**
 * Dump the corpus to a directory for looking at it, through vitest (no TypeScript loader needed):
 *
 *   CORPUS_OUT=/tmp/corpus npx vitest run test/corpus.test.ts
 *
 * Optional: CORPUS_SEED (default 2026), CORPUS_PER_KIND (default 4), CORPUS_PREVIEWS=0 to skip
 * the PNG previews. test/corpus.test.ts calls `corpusFromEnv` when CORPUS_OUT is set.
 */
import { writeCorpus, type CorpusItem } from './index.js';

export interface CliResult {
  dir: string;
  count: number;
  milliseconds: number;
}

/** Write the corpus described by the environment; null when CORPUS_OUT is not set. */
export async function corpusFromEnv(env: NodeJS.ProcessEnv = process.env, items?: CorpusItem[]): Promise<CliResult | null> {
  const dir = env.CORPUS_OUT;
  if (!dir) return null;
  const started = Date.now();
  const seed = env.CORPUS_SEED ? Number(env.CORPUS_SEED) : undefined;
  const perKind = env.CORPUS_PER_KIND ? Number(env.CORPUS_PER_KIND) : undefined;
  const written = await writeCorpus(dir, { seed, perKind, previews: env.CORPUS_PREVIEWS !== '0' }, items);
  return { dir, count: written.length, milliseconds: Date.now() - started };
}
