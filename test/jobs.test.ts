/**
 * The job interface (src/jobs/types.ts), one suite for both backends: the in-process one and
 * BullMQ on the real Redis at 127.0.0.1:6379 (with a worker of its own in this process; the
 * worker processes are test/queue.test.ts). Real files of the example submission, the real
 * OCR engine; every result is compared with the synchronous `checkSubmission`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submissionSchema, type Submission } from '../src/checks/schema.js';
import { checkSubmission } from '../src/checks/submission.js';
import { BullJobs, keysOf } from '../src/jobs/bullmq.js';
import { startBullWorker, type RunningWorker } from '../src/jobs/bullmq-worker.js';
import { InProcessJobs } from '../src/jobs/in-process.js';
import { Redis } from 'ioredis';
import type { JobBackend, JobFinished, JobView, SubmitRequest } from '../src/jobs/types.js';
import { sha256Hex } from '../src/jobs/work.js';
import type { OcrEngine } from '../src/reading/ocr/engine.js';
import { createEngine } from '../src/reading/ocr/registry.js';
import { readLimitsOf } from '../src/server/routes/pre-check.js';
import { serverLimitsSchema } from '../src/server/options.js';
import { redisUnavailable, removeKeys, REDIS_URL, uniquePrefix } from './helpers/redis.js';
import { EXAMPLES, waitFor } from './helpers/server-fixtures.js';

const limits = serverLimitsSchema.parse({});
const readLimits = { ...readLimitsOf(limits), maxFileBytes: limits.maxFileBytes };
const withoutTimes = <T>(value: T): T => JSON.parse(JSON.stringify(value, (k, v) => (k === 'elapsedMs' ? 0 : v)));

let engine: OcrEngine;
beforeAll(async () => {
  engine = await createEngine('tesseract', { workers: 1 });
});
afterAll(async () => {
  await engine?.close();
});

/** Text-layer files of the example (no OCR-heavy scan), a corrupt file, and one listed but not sent. */
function material(): { submission: Submission; files: Map<string, Uint8Array> } {
  const full = submissionSchema.parse(JSON.parse(readFileSync(path.join(EXAMPLES, 'submission', 'submission.json'), 'utf8')));
  const kept = full.files.filter((f) => ['business-license', 'credit-report', 'quality-culture'].includes(f.slot));
  const files = new Map(kept.map((f) => [f.path, new Uint8Array(readFileSync(path.join(EXAMPLES, 'submission', f.path)))]));
  files.set('损坏.pdf', new TextEncoder().encode('%PDF-1.7\n1 0 obj\n<< /Type /Catalog'));
  const submission: Submission = {
    ...full,
    files: [...kept, { path: '损坏.pdf', slot: 'resources' }, { path: '未上传.pdf', slot: 'brand-building' }],
  };
  return { submission, files };
}

const request = (owner: string, extra: Partial<SubmitRequest> = {}): SubmitRequest => {
  const { submission, files } = material();
  return { owner, submission, files: [...files].map(([name, bytes]) => ({ name, bytes })), oversize: [], options: { quick: false, previews: false }, ...extra };
};

async function finished(jobs: JobBackend, id: string, owner: string): Promise<JobView> {
  let view: JobView | null = null;
  await waitFor(async () => {
    view = await jobs.get(id, owner);
    return view !== null && ['completed', 'failed', 'cancelled'].includes(view.status);
  }, 120_000, 100);
  return view!;
}

interface Harness {
  jobs: JobBackend;
  finishedEvents: JobFinished[];
  close(): Promise<void>;
}

const redisMissing = await redisUnavailable();
if (redisMissing) console.warn(`skipped the BullMQ backend of the job-interface suite (test/jobs.test.ts): ${redisMissing}`);

const backends: { name: string; skip: boolean; make: (maxOutstanding: number) => Promise<Harness> }[] = [
  {
    name: 'in-process',
    skip: false,
    make: async (maxOutstanding) => {
      const finishedEvents: JobFinished[] = [];
      const jobs = new InProcessJobs({ engine, limits: readLimits, concurrency: 1, resultTtlS: 60, maxOutstandingPerOwner: maxOutstanding, onFinished: (f) => finishedEvents.push(f) });
      return { jobs, finishedEvents, close: () => jobs.close() };
    },
  },
  {
    name: 'bullmq',
    skip: Boolean(redisMissing),
    make: async (maxOutstanding) => {
      const finishedEvents: JobFinished[] = [];
      const prefix = uniquePrefix('jobs');
      const settings = { url: REDIS_URL, prefix, resultTtlS: 60 };
      const jobs = new BullJobs(settings, { maxOutstandingPerOwner: maxOutstanding });
      const log = { info() {}, warn() {}, error() {} };
      let worker: RunningWorker | undefined;
      return {
        jobs,
        finishedEvents,
        // The worker starts on first use, so jobs can be seen waiting before it.
        async close() {
          await worker?.close();
          await jobs.close();
          expect(await removeKeys(REDIS_URL, prefix)).toBeGreaterThan(0);
        },
        ...{
          start: async () => {
            worker ??= await startBullWorker({ ...settings, engine, limits: readLimits, concurrency: 2, log, onFinished: (f) => void finishedEvents.push(f) });
          },
        },
      } as Harness;
    },
  },
];

const startWorkers = async (h: Harness) => (h as Harness & { start?: () => Promise<void> }).start?.();

describe.each(backends)('job interface: $name backend', ({ name, skip, make }) => {
  let h: Harness;
  beforeAll(async () => {
    if (!skip) h = await make(2);
  });
  afterAll(async () => {
    await h?.close();
  });

  it.skipIf(skip)('a submission completes with the result of the synchronous check, progress counting its files', async () => {
    await startWorkers(h);
    const req = request('owner-a');
    const { id, created } = await h.jobs.submit(req);
    expect(created).toBe(true);
    const first = await h.jobs.get(id, 'owner-a');
    expect(first?.progress.total).toBe(4); // the file listed but not sent has no job
    const view = await finished(h.jobs, id, 'owner-a');
    expect(view.status).toBe('completed');
    expect(view.progress).toEqual({ done: 4, total: 4 });
    expect(view.finishedAt).not.toBeNull();
    const files = new Map(req.files.map((f) => [f.name, f.bytes]));
    const direct = await checkSubmission(req.submission, async (p) => {
      const bytes = files.get(p);
      if (!bytes) throw new Error('missing');
      return bytes;
    }, { engine, limits: readLimits, noCache: true });
    expect(withoutTimes(view.result)).toEqual(withoutTimes(direct));
    // The corrupt file and the missing one are findings of those files, as in POST /v1/check.
    expect(view.result!.files.find((f) => f.file === '损坏.pdf')!.findings.length).toBeGreaterThan(0);
    expect(view.result!.files.find((f) => f.file === '未上传.pdf')!.findings.map((f) => f.code)).toContain('QC_FILE_NOT_FOUND');
    await waitFor(async () => h.finishedEvents.some((e) => e.id === id && e.status === 'completed'));
  });

  it.skipIf(skip)('another owner cannot see the job; an unknown id is null', async () => {
    const { id } = await h.jobs.submit(request('owner-b'));
    expect(await h.jobs.get(id, 'someone-else')).toBeNull();
    expect(await h.jobs.get('00000000-0000-0000-0000-000000000000', 'owner-b')).toBeNull();
    expect(await h.jobs.cancel(id, 'someone-else')).toBeNull();
    await finished(h.jobs, id, 'owner-b');
  });

  it.skipIf(skip)('the same idempotency key and body give the same job; another body is a conflict', async () => {
    const a = await h.jobs.submit(request('owner-c', { idempotencyKey: 'k-1' }));
    const again = await h.jobs.submit(request('owner-c', { idempotencyKey: 'k-1' }));
    expect(again).toEqual({ id: a.id, created: false });
    const other = request('owner-c', { idempotencyKey: 'k-1' });
    other.submission.applicationDate = '2026-06-19';
    await expect(h.jobs.submit(other)).rejects.toMatchObject({ code: 'QC_IDEMPOTENCY_CONFLICT' });
    // The key is the owner's: another owner's same key is another job.
    const theirs = await h.jobs.submit(request('owner-d', { idempotencyKey: 'k-1' }));
    expect(theirs.id).not.toBe(a.id);
    await finished(h.jobs, a.id, 'owner-c');
    await finished(h.jobs, theirs.id, 'owner-d');
  });

  it.skipIf(skip)('over the per-owner limit of unfinished jobs: QC_TOO_MANY_JOBS; cancelling frees a place', async () => {
    const owner = 'owner-e';
    const one = await h.jobs.submit(request(owner));
    const two = await h.jobs.submit(request(owner));
    await expect(h.jobs.submit(request(owner))).rejects.toMatchObject({ code: 'QC_TOO_MANY_JOBS', params: { limit: 2 } });
    // Others are not held up by this owner's jobs.
    const other = await h.jobs.submit(request('owner-f'));
    const views = await Promise.all([h.jobs.cancel(one.id, owner), h.jobs.cancel(two.id, owner)]);
    for (const view of views) expect(['cancelled', 'completed']).toContain(view!.status);
    const three = await h.jobs.submit(request(owner));
    for (const [id, who] of [[three.id, owner], [other.id, 'owner-f']] as const) expect((await finished(h.jobs, id, who)).status).toBe('completed');
    // A cancelled job stays cancelled.
    if (views[0]!.status === 'cancelled') expect((await h.jobs.get(one.id, owner))!.status).toBe('cancelled');
  });

  it.skipIf(skip)('submissions at the same moment cannot both take the last place', async () => {
    const owner = 'owner-g';
    const settled = await Promise.allSettled([1, 2, 3].map(() => h.jobs.submit(request(owner))));
    const accepted = settled.filter((r) => r.status === 'fulfilled');
    expect(accepted).toHaveLength(2);
    expect(settled.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'QC_TOO_MANY_JOBS' } });
    for (const r of accepted) expect((await finished(h.jobs, (r as PromiseFulfilledResult<{ id: string }>).value.id, owner)).status).toBe('completed');
  });

  it.skipIf(skip)('counts jobs by state, and the store answers', async () => {
    await h.jobs.ping();
    const counts = await h.jobs.counts();
    expect(counts.completed).toBeGreaterThanOrEqual(4);
    expect(counts).toMatchObject({ waiting: expect.any(Number), active: expect.any(Number), failed: expect.any(Number) });
    void name;
  });
});

describe.skipIf(Boolean(redisMissing))('BullMQ backend specifics', () => {
  const prefix = uniquePrefix('jobs-b');
  const settings = { url: REDIS_URL, prefix, resultTtlS: 60 };
  let jobs: BullJobs;
  let worker: RunningWorker | undefined;
  const reads: { file: string; reused: boolean }[] = [];
  beforeAll(() => {
    jobs = new BullJobs(settings, { maxOutstandingPerOwner: 10 });
  });
  afterAll(async () => {
    await worker?.close();
    await jobs?.close();
    await removeKeys(REDIS_URL, prefix);
  });
  const start = async () =>
    (worker ??= await startBullWorker({ ...settings, engine, limits: readLimits, concurrency: 2, log: { info() {}, warn() {}, error() {} }, onFileRead: (r) => void reads.push(r) }));

  it('uploads are stored once by hash with the result\'s TTL; a child that fails for good is its file\'s finding, not a lost submission', async () => {
    const req = request('o');
    const { id } = await jobs.submit(req);
    const redis = new Redis(REDIS_URL);
    const keys = keysOf(prefix);
    try {
      const licence = req.files.find((f) => f.name === '1-营业执照.pdf')!;
      const stored = await redis.getBuffer(keys.blob(sha256Hex(licence.bytes)));
      expect(Buffer.compare(stored!, Buffer.from(licence.bytes))).toBe(0);
      const ttl = Number(await redis.call('TTL', keys.blob(sha256Hex(licence.bytes))));
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(60);
      // The upload is gone before any worker could read it (as if its TTL had passed).
      await redis.del(keys.blob(sha256Hex(licence.bytes)));
    } finally {
      await redis.quit();
    }
    await start();
    const view = await finished(jobs, id, 'o');
    expect(view.status).toBe('completed');
    expect(view.progress).toEqual({ done: 4, total: 4 });
    const licenceResult = view.result!.files.find((f) => f.file === '1-营业执照.pdf')!;
    expect(licenceResult.findings.map((f) => f.code)).toContain('QC_JOB_FILE_FAILED');
    expect(view.result!.files).toHaveLength(5);
  });

  it('the same file checked again is read once: its recorded reading is reused by hash and tool version', async () => {
    await start();
    reads.length = 0;
    const { id } = await jobs.submit(request('o'));
    await finished(jobs, id, 'o');
    const before = reads.length;
    const { id: again } = await jobs.submit(request('o'));
    const view = await finished(jobs, again, 'o');
    expect(view.status).toBe('completed');
    const second = reads.slice(before);
    expect(second.length).toBe(4);
    expect(second.every((r) => r.reused)).toBe(true);
  });
});
