/**
 * GET /metrics in the Prometheus text format (prom-client, a registry of this server's own):
 * jobs by state (read from the job backend when scraped, so with Redis they are the whole
 * cluster's), the duration of checks, OCR pages recognised by this process, and the process's
 * own figures (memory, CPU, event-loop lag).
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { JobBackend, JobFinished } from '../jobs/types.js';
import type { OcrEngine } from '../reading/ocr/engine.js';

export interface ServerMetrics {
  registry: Registry;
  /** The engine, counting the pages it is asked to recognise. */
  countOcr(engine: OcrEngine): OcrEngine;
  /** A check ended (`sync`: POST /v1/check; `async`: a job run in this process). */
  checkDone(mode: 'sync' | 'async', seconds: number): void;
  jobFinished(finished: JobFinished): void;
}

export function createMetrics(jobs: () => JobBackend): ServerMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'qcredit_' });
  new Gauge({
    name: 'qcredit_jobs',
    help: 'Check jobs by state (with Redis: every job in the queue, submissions and files)',
    labelNames: ['state'],
    registers: [registry],
    async collect() {
      try {
        const counts = await jobs().counts();
        for (const [state, value] of Object.entries(counts)) this.set({ state }, value);
      } catch {
        // An unreachable queue is reported by /readyz; the other metrics still answer.
      }
    },
  });
  const duration = new Histogram({
    name: 'qcredit_check_duration_seconds',
    help: 'Time to check a submission, from the start of the work to its result',
    labelNames: ['mode'],
    buckets: [0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300],
    registers: [registry],
  });
  const finished = new Counter({ name: 'qcredit_jobs_finished_total', help: 'Jobs finished in this process, by outcome', labelNames: ['status'], registers: [registry] });
  const ocrPages = new Counter({ name: 'qcredit_ocr_pages_total', help: 'Page-sized OCR requests made by this process', registers: [registry] });
  const ocrLines = new Counter({ name: 'qcredit_ocr_lines_total', help: 'Single-line OCR requests made by this process', registers: [registry] });

  return {
    registry,
    countOcr: (engine) => ({
      id: engine.id,
      recognize(request) {
        (request.mode === 'page' ? ocrPages : ocrLines).inc();
        return engine.recognize(request);
      },
      warmUp: () => engine.warmUp(),
      close: () => engine.close(),
    }),
    checkDone: (mode, seconds) => duration.observe({ mode }, seconds),
    jobFinished(job) {
      finished.inc({ status: job.status });
      if (job.status === 'completed') duration.observe({ mode: 'async' }, job.durationMs / 1000);
    },
  };
}
