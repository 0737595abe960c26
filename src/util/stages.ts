/**
 * Where an analysis spends its time, by stage, for the benchmarks (issue 14: measure first,
 * then cut the largest). Off unless a caller profiles a piece of work with `profileStages`:
 * `timed` then costs one AsyncLocalStorage lookup.
 *
 * A stage's time is exclusive: the seal check's time does not include the drawing of the page
 * it asked for (that is `rasterise`), nor a check's the OCR it waited for. `text-layer` is a
 * PDF's text and its drawing operators (what a page paints, read without rendering it). Work done at once
 * (pages read in parallel) adds up, so the stages may sum to more than the wall time.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export const STAGES = ['text-layer', 'rasterise', 'orientation', 'ocr', 'seal', 'checks'] as const;
export type Stage = (typeof STAGES)[number];
export type StageTimes = Record<Stage, number>;

interface Frame {
  totals: StageTimes;
  /** Time spent in stages started inside this one, to be taken off its own. */
  inner: number;
}

const frames = new AsyncLocalStorage<Frame>();

/** Runs `work`, counting its time to `stage` when the work is being profiled. */
export async function timed<T>(stage: Stage, work: () => Promise<T>): Promise<T> {
  const outer = frames.getStore();
  if (!outer) return work();
  const frame: Frame = { totals: outer.totals, inner: 0 };
  const started = performance.now();
  try {
    return await frames.run(frame, work);
  } finally {
    const elapsed = performance.now() - started;
    outer.totals[stage] += elapsed - frame.inner;
    outer.inner += elapsed;
  }
}

/** Whether the current work is being profiled (engines are wrapped only then). */
export const profiling = (): boolean => frames.getStore() !== undefined;

/** Runs `work` and says how long it spent in each stage (ms). */
export async function profileStages<T>(work: () => Promise<T>): Promise<{ result: T; stages: StageTimes }> {
  const totals = Object.fromEntries(STAGES.map((s) => [s, 0])) as StageTimes;
  const result = await frames.run({ totals, inner: 0 }, work);
  return { result, stages: totals };
}
