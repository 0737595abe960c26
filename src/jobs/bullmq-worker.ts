/**
 * The worker side of the Redis backend (`qcredit worker`): takes file jobs and parent jobs
 * from the queue. A file job reads its upload from Redis and records its OCR there, keyed by
 * what the reading depends on (src/jobs/work.ts fileCacheKey), so a file checked twice is
 * read once. The parent job puts the result together from those recordings.
 *
 * A killed worker's job is taken over by another: BullMQ's lock on it expires and a stalled
 * check moves it back to the queue (lockDurationMs, stalledIntervalMs). Its result is written
 * once, by whichever worker finishes it; a file read twice records the same answers.
 */
import { Queue, Worker, type Job } from 'bullmq';
import { isQcError, QcError } from '../errors.js';
import type { ReadLimitsInput } from '../reading/limits.js';
import type { OcrEngine } from '../reading/ocr/engine.js';
import { closeRedis, FILE_JOB, keysOf, PARENT_JOB, QUEUE_NAME, redisClientFor, type BullSettings, type ChildData, type ParentData } from './bullmq.js';
import type { OcrTape } from './ocr-tape.js';
import type { JobFinished } from './types.js';
import { assembleCheck, fileCacheKey, readFileTask } from './work.js';
import type { Repeats } from '../review/repeats.js';

export interface WorkerLog {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

export interface BullWorkerOptions extends BullSettings {
  engine?: OcrEngine;
  limits: ReadLimitsInput & { maxFileBytes: number };
  /** Jobs (files or submissions) this process works on at once. */
  concurrency: number;
  /** How long a job's lock lasts without renewal: a killed worker's job is free again after it. */
  lockDurationMs?: number;
  /** How often stalled jobs (locks that expired) are looked for. */
  stalledIntervalMs?: number;
  log: WorkerLog;
  onFinished?: (finished: JobFinished) => void | Promise<void>;
  /** Each file read (for metrics: OCR pages asked for). */
  onFileRead?: (info: { jobId: string; file: string; ocrRequests: number; reused: boolean }) => void;
  /** With a store: what repeats under other companies (see review/repeats.ts). */
  repeats?: Repeats;
}

export interface RunningWorker {
  worker: Worker;
  /** Finish the jobs in hand, then stop (`force`: hand them back at once; another worker takes them over). */
  close(force?: boolean): Promise<void>;
}

export async function startBullWorker(options: BullWorkerOptions): Promise<RunningWorker> {
  const keys = keysOf(options.prefix);
  const redis = redisClientFor(options.url);
  const connection = { url: options.url };
  const queue = new Queue(QUEUE_NAME, { connection, prefix: options.prefix });
  queue.on('error', () => {});
  const ttl = options.resultTtlS;
  const context = { engine: options.engine, limits: options.limits, repeats: options.repeats };
  const { log } = options;

  async function fileJob(job: Job<ChildData>, signal: AbortSignal | undefined): Promise<{ tapeKey: string; skipped?: boolean }> {
    const { parentId, task } = job.data;
    const tapeKey = fileCacheKey(task);
    if (await redis.get(keys.cancelled(parentId))) return { tapeKey, skipped: true };
    try {
      // Read before by any worker, with the same version and options: not read again.
      if (await redis.call('EXPIRE', keys.tape(tapeKey), ttl)) {
        log.info({ jobId: job.id, parentId, file: task.name, reused: true }, 'file result reused');
        options.onFileRead?.({ jobId: job.id!, file: task.name, ocrRequests: 0, reused: true });
      } else {
        log.info({ jobId: job.id, parentId, file: task.name }, 'file started');
        const bytes = await redis.getBuffer(keys.blob(task.sha256));
        if (!bytes) throw new QcError('QC_JOB_FILE_FAILED', { file: task.name, reason: '上传的文件已过期 / the upload has expired' });
        const tape = await readFileTask(new Uint8Array(bytes), task, { ...context, signal });
        await redis.call('SET', keys.tape(tapeKey), JSON.stringify(tape), 'EX', ttl);
        options.onFileRead?.({ jobId: job.id!, file: task.name, ocrRequests: Object.keys(tape).length, reused: false });
        log.info({ jobId: job.id, parentId, file: task.name, ocrRequests: Object.keys(tape).length }, 'file read');
      }
      await markDone(parentId, job);
      return { tapeKey };
    } catch (error) {
      // The last attempt: the file is done with (it becomes its finding).
      if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) await markDone(parentId, job);
      throw error;
    }
  }

  async function markDone(parentId: string, job: Job<ChildData>): Promise<void> {
    await redis.call('SADD', keys.done(parentId), `${job.data.task.name}\u0000${job.data.task.slot}`);
    await redis.call('EXPIRE', keys.done(parentId), ttl);
  }

  async function parentJob(job: Job<ParentData>, signal: AbortSignal | undefined) {
    const started = performance.now();
    const data = job.data;
    const finish = async (status: JobFinished['status'], result: JobFinished['result']) => {
      await redis.call('SREM', keys.outstanding(data.owner), job.id!);
      await options.onFinished?.({ id: job.id!, status, result, durationMs: performance.now() - started, ...(data.webhook ? { webhook: data.webhook } : {}) });
    };
    if (await redis.get(keys.cancelled(job.id!))) {
      await finish('cancelled', null);
      return null;
    }
    log.info({ jobId: job.id, files: data.total }, 'submission started');
    const values = await job.getChildrenValues<{ tapeKey: string }>();
    const failures = await job.getIgnoredChildrenFailures();
    const failed = new Map<string, string>();
    for (const [childKey, reason] of Object.entries(failures)) {
      const child = await queue.getJob(childKey.slice(childKey.lastIndexOf(':') + 1));
      const name = (child?.data as ChildData | undefined)?.task.name;
      if (name) failed.set(name, String(reason));
    }
    const tape: OcrTape = {};
    for (const { tapeKey } of Object.values(values)) {
      const recorded = await redis.get(keys.tape(tapeKey));
      if (recorded) Object.assign(tape, JSON.parse(recorded) as OcrTape);
    }
    const shaByName = new Map(data.files.map((f) => [f.name, f.sha256]));
    const stats = { replayed: 0, missed: 0 };
    const result = await assembleCheck(
      {
        submission: data.submission,
        load: async (name) => {
          const sha256 = shaByName.get(name);
          const bytes = sha256 ? await redis.getBuffer(keys.blob(sha256)) : null;
          return bytes ? new Uint8Array(bytes) : null;
        },
        oversize: new Set(data.oversize),
        failed,
        tape,
        options: data.options,
        policy: data.policy,
        maxFileBytes: options.limits.maxFileBytes,
        id: job.id!,
      },
      { ...context, signal },
      stats,
    );
    log.info({ jobId: job.id, verdict: result.verdict, ocrReplayed: stats.replayed, ocrMissed: stats.missed, ms: Math.round(performance.now() - started) }, 'submission done');
    await finish('completed', result);
    return result;
  }

  const worker = new Worker(
    QUEUE_NAME,
    async (job: Job, _token?: string, signal?: AbortSignal) => {
      try {
        if (job.name === FILE_JOB) return await fileJob(job as Job<ChildData>, signal);
        if (job.name === PARENT_JOB) return await parentJob(job as Job<ParentData>, signal);
        throw new Error(`unknown job name ${job.name}`);
      } catch (error) {
        log.warn({ jobId: job.id, job: job.name, attempt: job.attemptsMade + 1, err: (error as Error)?.message }, 'job failed');
        // The reason carries the code, so the job view can show it (BullJobs.failureOf).
        if (isQcError(error)) throw new Error(`${error.code}: ${error.message}`);
        throw error;
      }
    },
    {
      connection,
      prefix: options.prefix,
      concurrency: options.concurrency,
      lockDuration: options.lockDurationMs ?? 30_000,
      stalledInterval: options.stalledIntervalMs ?? 30_000,
      // A job whose worker died twice is still worth a third try; more means it kills workers.
      maxStalledCount: 2,
    },
  );
  worker.on('error', (error) => log.warn({ err: error.message }, 'queue connection error'));
  worker.on('failed', (job, error) => {
    if (job?.name === PARENT_JOB && job.attemptsMade >= (job.opts.attempts ?? 1)) {
      const data = job.data as ParentData;
      void redis.call('SREM', keys.outstanding(data.owner), job.id!).catch(() => {});
      void Promise.resolve(options.onFinished?.({ id: job.id!, status: 'failed', result: null, durationMs: 0, ...(data.webhook ? { webhook: data.webhook } : {}) })).catch(() => {});
      log.error({ jobId: job.id, err: error.message }, 'submission failed');
    }
  });
  await worker.waitUntilReady();

  return {
    worker,
    async close(force = false) {
      await worker.close(force);
      await Promise.allSettled([queue.close(), closeRedis(redis)]);
    },
  };
}
