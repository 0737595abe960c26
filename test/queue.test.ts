/**
 * `qcredit worker` processes on the real Redis: a submission's files spread over two worker
 * processes; a worker killed (SIGKILL) in the middle of a file and the submission still
 * completing with every file, once each; SIGTERM finishing the job in hand; and Redis itself
 * restarted mid-run (our own append-only `redis-server` on a free port), jobs resuming with
 * nothing lost. Each run uses its own key prefix and removes its keys afterwards.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { submissionSchema, type Submission } from '../src/checks/schema.js';
import { BullJobs } from '../src/jobs/bullmq.js';
import type { JobView, SubmitRequest } from '../src/jobs/types.js';
import { ensureBuilt } from './helpers/build.js';
import { freePort, OwnRedis, redisServerMissing, redisUnavailable, removeKeys, REDIS_URL, uniquePrefix } from './helpers/redis.js';
import { EXAMPLES, REPO_ROOT, waitFor } from './helpers/server-fixtures.js';

const redisMissing = await redisUnavailable();
if (redisMissing) console.warn(`skipped the worker-process tests (test/queue.test.ts): ${redisMissing}`);
const ownRedisMissing = redisServerMissing();
if (ownRedisMissing) console.warn(`skipped the Redis-restart test (test/queue.test.ts): ${ownRedisMissing}`);

const SCAN = '2-承诺书（扫描）.jpg';

function request(slots: string[]): SubmitRequest {
  const full = submissionSchema.parse(JSON.parse(readFileSync(path.join(EXAMPLES, 'submission', 'submission.json'), 'utf8')));
  const kept = full.files.filter((f) => slots.includes(f.slot));
  const submission: Submission = { ...full, files: kept };
  return {
    owner: 'queue-test',
    submission,
    files: kept.map((f) => ({ name: f.path, bytes: new Uint8Array(readFileSync(path.join(EXAMPLES, 'submission', f.path))) })),
    oversize: [],
    options: { quick: false, previews: false },
  };
}

interface WorkerProcess {
  child: ChildProcessWithoutNullStreams;
  lines: Record<string, unknown>[];
  exited: Promise<number | null>;
}

const workers: WorkerProcess[] = [];

function startWorker(url: string, prefix: string, extra: string[] = []): WorkerProcess {
  const child = spawn(process.execPath, ['bin/qcredit.js', 'worker', '--redis-url', url, '--prefix', prefix, '--concurrency', '1', '--engine', 'tesseract', '--ocr-workers', '1', '--lock-duration', '2', '--stalled-interval', '1', ...extra], {
    cwd: REPO_ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const worker: WorkerProcess = { child, lines: [], exited: new Promise((resolve) => child.on('exit', (code) => resolve(code))) };
  let buffered = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    const complete = buffered.split('\n');
    buffered = complete.pop()!;
    for (const line of complete) if (line.trim()) worker.lines.push(JSON.parse(line) as Record<string, unknown>);
  });
  child.stderr.resume();
  workers.push(worker);
  return worker;
}

const said = (w: WorkerProcess, msg: string, file?: string) => w.lines.some((l) => l.msg === msg && (file === undefined || l.file === file));

async function finished(jobs: BullJobs, id: string): Promise<JobView> {
  let view: JobView | null = null;
  await waitFor(async () => {
    view = await jobs.get(id, 'queue-test');
    return view !== null && ['completed', 'failed', 'cancelled'].includes(view.status);
  }, 150_000, 200);
  return view!;
}

afterEach(async () => {
  for (const w of workers.splice(0)) {
    if (w.child.exitCode === null && w.child.signalCode === null) {
      w.child.kill('SIGKILL');
      await w.exited;
    }
  }
});

describe.skipIf(Boolean(redisMissing))('qcredit worker processes', () => {
  const prefix = uniquePrefix('queue');
  let jobs: BullJobs;
  afterAll(async () => {
    await jobs?.close();
    await removeKeys(REDIS_URL, prefix);
  });

  it('a submission\'s files are read by two worker processes at once', async () => {
    ensureBuilt(['cli/main.js', 'cli/worker.js', 'jobs/bullmq-worker.js']);
    jobs = new BullJobs({ url: REDIS_URL, prefix, resultTtlS: 300 }, { maxOutstandingPerOwner: 10 });
    const a = startWorker(REDIS_URL, prefix);
    const b = startWorker(REDIS_URL, prefix);
    await waitFor(async () => said(a, 'worker ready') && said(b, 'worker ready'), 60_000);
    const req = request(['business-license', 'credit-report', 'quality-culture', 'resources', 'rnd-innovation', 'customer-satisfaction', 'brand-building']);
    const { id } = await jobs.submit(req);
    const view = await finished(jobs, id);
    expect(view.status).toBe('completed');
    expect(view.progress).toEqual({ done: 7, total: 7 });
    expect(view.result!.files.map((f) => f.file)).toEqual(req.submission.files.map((f) => f.path));
    const readBy = (w: WorkerProcess) => w.lines.filter((l) => l.msg === 'file read' && l.parentId === id).length;
    expect(readBy(a)).toBeGreaterThan(0);
    expect(readBy(b)).toBeGreaterThan(0);
    expect(readBy(a) + readBy(b)).toBe(7);
    // Every log line of the job carries its id.
    expect([...a.lines, ...b.lines].filter((l) => l.msg === 'submission done' && l.jobId === id)).toHaveLength(1);
  }, 180_000);

  it('a worker killed (SIGKILL) in the middle of a file: another takes the file over, and the submission completes with every file once', async () => {
    const a = startWorker(REDIS_URL, prefix);
    await waitFor(async () => said(a, 'worker ready'), 60_000);
    const req = request(['pledge', 'business-license']);
    const { id } = await jobs.submit(req);
    // The scan needs OCR (seconds): kill the worker while it reads it.
    await waitFor(async () => said(a, 'file started', SCAN), 60_000, 20);
    a.child.kill('SIGKILL');
    await a.exited;
    expect(said(a, 'file read', SCAN)).toBe(false);
    const b = startWorker(REDIS_URL, prefix);
    const view = await finished(jobs, id);
    expect(view.status).toBe('completed');
    expect(said(b, 'file read', SCAN)).toBe(true);
    expect(view.result!.files.map((f) => f.file)).toEqual(req.submission.files.map((f) => f.path));
    const scan = view.result!.files.find((f) => f.file === SCAN)!;
    expect(scan.findings.map((f) => f.code)).not.toContain('QC_JOB_FILE_FAILED');
    expect(scan.kind).toBe('pledge');
    expect(view.progress).toEqual({ done: 2, total: 2 });
  }, 180_000);

  it('SIGTERM: the worker finishes the file in hand, then exits 0', async () => {
    const a = startWorker(REDIS_URL, prefix);
    await waitFor(async () => said(a, 'worker ready'), 60_000);
    // Another scan-sized job: a fresh hash, so the recorded reading above is not reused.
    const req = request(['pledge']);
    req.submission.applicationDate = '2026-06-20';
    const { id } = await jobs.submit(req);
    await waitFor(async () => said(a, 'file started', SCAN), 60_000, 20);
    a.child.kill('SIGTERM');
    expect(await a.exited).toBe(0);
    expect(said(a, 'file read', SCAN)).toBe(true);
    expect(a.lines.at(-1)!.msg).toBe('stopped');
    // The parent is left for the next worker.
    const b = startWorker(REDIS_URL, prefix);
    expect((await finished(jobs, id)).status).toBe('completed');
    expect(said(b, 'file read', SCAN)).toBe(false);
  }, 180_000);
});

describe.skipIf(Boolean(redisMissing || ownRedisMissing))('Redis restarted mid-run', () => {
  it('jobs resume when Redis comes back, with nothing lost', async () => {
    ensureBuilt(['cli/main.js', 'cli/worker.js', 'jobs/bullmq-worker.js']);
    const redis = new OwnRedis(await freePort());
    const prefix = uniquePrefix('restart');
    await redis.start();
    const jobs = new BullJobs({ url: redis.url, prefix, resultTtlS: 300 }, { maxOutstandingPerOwner: 10 });
    try {
      const w = startWorker(redis.url, prefix);
      await waitFor(async () => said(w, 'worker ready'), 60_000);
      const first = await jobs.submit(request(['pledge', 'business-license', 'credit-report']));
      await waitFor(async () => said(w, 'file started'), 60_000, 20);
      await redis.stop();
      await new Promise((r) => setTimeout(r, 1500));
      await redis.start();
      const second = await jobs.submit(request(['business-license', 'credit-report']));
      for (const { id } of [first, second]) {
        const view = await finished(jobs, id);
        expect(view.status).toBe('completed');
        expect(view.result!.files.every((f) => !f.findings.some((x) => x.code === 'QC_JOB_FILE_FAILED'))).toBe(true);
      }
    } finally {
      await jobs.close();
      await redis.destroy();
    }
  }, 240_000);
});
