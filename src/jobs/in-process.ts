/**
 * The embedded backend: jobs run in the server's own process, at most `concurrency` at a time
 * (the bounded queue of src/server/queue.ts, with no cap on waiting: the cap on waiting is the
 * per-owner limit). Uploads stay in memory until their job ends; results are kept for
 * `resultTtlS`. Nothing survives a restart — that is what the Redis backend is for.
 */
import { randomUUID } from 'node:crypto';
import { isQcError, QcError } from '../errors.js';
import type { ReadLimitsInput } from '../reading/limits.js';
import type { OcrEngine } from '../reading/ocr/engine.js';
import { WorkQueue } from '../server/queue.js';
import { mapLimited } from '../util/map-limited.js';
import { submissionFingerprint } from './fingerprint.js';
import type { OcrTape } from './ocr-tape.js';
import type { JobBackend, JobCounts, JobFinished, JobState, JobView, SubmitRequest } from './types.js';
import { assembleCheck, fileTasks, readFileTask, sha256Hex } from './work.js';
import type { Repeats } from '../review/repeats.js';

export interface InProcessOptions {
  engine?: OcrEngine;
  limits: ReadLimitsInput & { maxFileBytes: number };
  /** Jobs worked on at once. */
  concurrency: number;
  /** Files of one job read at once. */
  fileConcurrency?: number;
  resultTtlS: number;
  maxOutstandingPerOwner: number;
  onFinished?: (finished: JobFinished) => void;
  /** With a store: what repeats under other companies (see review/repeats.ts). */
  repeats?: Repeats;
}

interface JobRecord {
  id: string;
  owner: string;
  status: JobState;
  done: number;
  total: number;
  createdAt: number;
  finishedAt: number | null;
  view: Pick<JobView, 'result' | 'error'>;
  controller: AbortController;
  /** Dropped when the job ends: nothing of the files is kept after. */
  request: SubmitRequest | null;
}

const cancelled = () => new QcError('QC_INPUT_INVALID', { details: '任务已取消' });

export class InProcessJobs implements JobBackend {
  readonly kind = 'in-process' as const;
  readonly resultTtlS: number;
  private readonly jobs = new Map<string, JobRecord>();
  private readonly keys = new Map<string, { fingerprint: string; id: string; expires: number }>();
  private readonly turns: WorkQueue;
  private readonly running = new Set<Promise<void>>();
  private completed = 0;
  private failed = 0;

  constructor(private readonly options: InProcessOptions) {
    this.resultTtlS = options.resultTtlS;
    this.turns = new WorkQueue(options.concurrency, Number.MAX_SAFE_INTEGER);
  }

  async submit(request: SubmitRequest): Promise<{ id: string; created: boolean }> {
    this.sweep();
    const keyId = request.idempotencyKey === undefined ? undefined : `${request.owner}\u0000${request.idempotencyKey}`;
    const fingerprint = submissionFingerprint(request);
    const known = keyId === undefined ? undefined : this.keys.get(keyId);
    if (known) {
      if (known.fingerprint !== fingerprint) throw new QcError('QC_IDEMPOTENCY_CONFLICT', { key: request.idempotencyKey! });
      return { id: known.id, created: false };
    }
    const outstanding = [...this.jobs.values()].filter((j) => j.owner === request.owner && (j.status === 'queued' || j.status === 'running')).length;
    if (outstanding >= this.options.maxOutstandingPerOwner) {
      throw new QcError('QC_TOO_MANY_JOBS', { limit: this.options.maxOutstandingPerOwner, retryAfter: this.turns.retryAfterSeconds() });
    }
    const id = randomUUID();
    const record: JobRecord = {
      id,
      owner: request.owner,
      status: 'queued',
      done: 0,
      total: fileTasks(request.submission, new Map(request.files.map((f) => [f.name, sha256Hex(f.bytes)])), request.options).length,
      createdAt: Date.now(),
      finishedAt: null,
      view: { result: null, error: null },
      controller: new AbortController(),
      request,
    };
    this.jobs.set(id, record);
    if (keyId !== undefined) this.keys.set(keyId, { fingerprint, id, expires: Date.now() + this.resultTtlS * 1000 });
    const run = this.run(record).finally(() => this.running.delete(run));
    this.running.add(run);
    return { id, created: true };
  }

  private async run(record: JobRecord): Promise<void> {
    const started = performance.now();
    const request = record.request!;
    const signal = record.controller.signal;
    const context = { engine: this.options.engine, limits: this.options.limits, signal, repeats: this.options.repeats };
    let release: (() => void) | undefined;
    try {
      release = await this.turns.acquire(signal);
      record.status = 'running';
      const bytesByName = new Map(request.files.map((f) => [f.name, f.bytes]));
      const tasks = fileTasks(request.submission, new Map(request.files.map((f) => [f.name, sha256Hex(f.bytes)])), request.options);
      const tape: OcrTape = {};
      const failed = new Map<string, string>();
      await mapLimited(tasks, this.options.fileConcurrency ?? 3, async (task) => {
        try {
          Object.assign(tape, await readFileTask(bytesByName.get(task.name)!, task, context));
        } catch (error) {
          if (signal.aborted) throw signal.reason;
          failed.set(task.name, isQcError(error) ? error.message : (error as Error)?.message ?? String(error));
        }
        record.done++;
      });
      const result = await assembleCheck(
        {
          submission: request.submission,
          load: async (name) => bytesByName.get(name) ?? null,
          oversize: new Set(request.oversize),
          failed,
          tape,
          options: request.options,
          policy: request.policy,
          maxFileBytes: this.options.limits.maxFileBytes,
          id: record.id,
        },
        context,
      );
      record.status = 'completed';
      record.view.result = result;
      this.completed++;
    } catch (error) {
      if (signal.aborted) {
        record.status = 'cancelled';
      } else {
        record.status = 'failed';
        this.failed++;
        const qc = isQcError(error) ? error : new QcError('QC_INTERNAL_ERROR', { requestId: record.id });
        record.view.error = { code: qc.code, message: qc.message, messageEn: qc.messageEn };
      }
    } finally {
      release?.();
      record.finishedAt = Date.now();
      record.request = null;
      const status = record.status as JobFinished['status'];
      this.options.onFinished?.({ id: record.id, status, result: record.view.result, durationMs: performance.now() - started, ...(request.webhook ? { webhook: request.webhook } : {}) });
    }
  }

  async get(id: string, owner: string): Promise<JobView | null> {
    this.sweep();
    const record = this.jobs.get(id);
    if (!record || record.owner !== owner) return null;
    return {
      id,
      status: record.status,
      progress: { done: record.done, total: record.total },
      createdAt: new Date(record.createdAt).toISOString(),
      finishedAt: record.finishedAt === null ? null : new Date(record.finishedAt).toISOString(),
      result: record.view.result,
      error: record.view.error,
    };
  }

  async cancel(id: string, owner: string): Promise<JobView | null> {
    const record = this.jobs.get(id);
    if (!record || record.owner !== owner) return null;
    if (record.status === 'queued' || record.status === 'running') {
      record.controller.abort(cancelled());
      // A job still waiting for its turn ends at once; a running one at its next step.
      record.status = 'cancelled';
    }
    return this.get(id, owner);
  }

  async counts(): Promise<JobCounts> {
    let waiting = 0;
    let active = 0;
    for (const job of this.jobs.values()) {
      if (job.status === 'queued') waiting++;
      else if (job.status === 'running') active++;
    }
    return { waiting, active, completed: this.completed, failed: this.failed };
  }

  async ping(): Promise<void> {}

  /** Cancels what has not finished and waits for it to stop. */
  async close(): Promise<void> {
    for (const job of this.jobs.values()) if (job.status === 'queued' || job.status === 'running') job.controller.abort(cancelled());
    await Promise.allSettled([...this.running]);
  }

  /** Results past their time are dropped. */
  private sweep(): void {
    const now = Date.now();
    for (const [id, job] of this.jobs) if (job.finishedAt !== null && now - job.finishedAt > this.resultTtlS * 1000) this.jobs.delete(id);
    for (const [key, entry] of this.keys) if (entry.expires < now) this.keys.delete(key);
  }
}
