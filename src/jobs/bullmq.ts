/**
 * The distributed backend: BullMQ on Redis (QCREDIT_REDIS_URL). A submission is a BullMQ flow,
 * a parent job with one child job per file, all in one queue; `qcredit worker` processes on
 * any machine that reaches Redis take them (src/jobs/bullmq-worker.ts). Uploads are stored in
 * Redis under their sha256 with the result's TTL, so every worker can read them and nothing
 * outlives the result. This side (the API's) queues, reports and cancels.
 */
import { randomUUID } from 'node:crypto';
import { FlowProducer, Queue, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { QcError } from '../errors.js';
import { submissionFingerprint } from './fingerprint.js';
import type { CheckRunOptions, JobBackend, JobCounts, JobView, SubmitRequest, Webhook } from './types.js';
import type { EligibilityPolicy } from '../domain/policy/index.js';
import type { CheckResult, Submission } from '../checks/schema.js';
import { fileTasks, sha256Hex, type FileTask } from './work.js';

export const QUEUE_NAME = 'checks';
export const PARENT_JOB = 'submission';
export const FILE_JOB = 'file';

export interface BullSettings {
  /** redis://host:port[/db] */
  url: string;
  /** Prefix of every key (BullMQ's and ours): one Redis can serve several deployments, or test runs. */
  prefix: string;
  resultTtlS: number;
}

export interface ParentData {
  owner: string;
  submission: Submission;
  files: { name: string; sha256: string }[];
  oversize: string[];
  options: CheckRunOptions;
  policy?: EligibilityPolicy;
  webhook?: Webhook & { secret: string };
  createdAt: number;
  total: number;
}

export interface ChildData {
  parentId: string;
  task: FileTask;
}

/** Our own keys, beside BullMQ's, under the same prefix. */
export function keysOf(prefix: string) {
  const k = `${prefix}:qc`;
  return {
    blob: (sha256: string) => `${k}:blob:${sha256}`,
    tape: (cacheKey: string) => `${k}:tape:${cacheKey}`,
    idempotency: (owner: string, key: string) => `${k}:idem:${owner}:${sha256Hex(new TextEncoder().encode(key))}`,
    outstanding: (owner: string) => `${k}:outstanding:${owner}`,
    lock: (owner: string) => `${k}:lock:${owner}`,
    cancelled: (id: string) => `${k}:cancelled:${id}`,
    done: (id: string) => `${k}:done:${id}`,
  };
}

/**
 * Our own connection for the keys beside BullMQ's (uploads, idempotency, limits): ioredis, as
 * BullMQ's are. Commands wait while Redis is away (no retry limit) and it reconnects with
 * back-off, so a restarted Redis loses nothing in flight.
 */
export function redisClientFor(url: string): Redis {
  const redis = new Redis(url, { retryStrategy: (n) => Math.min(n * 200, 2000), maxRetriesPerRequest: null });
  // A Redis that is away is reported by readiness (/readyz) and waited for by every command:
  // its connection errors are not news for the log on every retry.
  redis.on('error', () => {});
  return redis;
}

/** BullMQ's records of a finished job are removed after the result's TTL, like our own keys. */
export const keepFor = (settings: BullSettings) => ({ age: settings.resultTtlS });

export class BullJobs implements JobBackend {
  readonly kind = 'bullmq' as const;
  readonly resultTtlS: number;
  readonly queue: Queue;
  private readonly flow: FlowProducer;
  readonly redis: Redis;
  private readonly keys: ReturnType<typeof keysOf>;

  constructor(
    private readonly settings: BullSettings,
    private readonly limits: { maxOutstandingPerOwner: number },
  ) {
    this.resultTtlS = settings.resultTtlS;
    const connection = { url: settings.url };
    this.queue = new Queue(QUEUE_NAME, { connection, prefix: settings.prefix });
    this.flow = new FlowProducer({ connection, prefix: settings.prefix });
    // Errors surface on the calls that meet them; the emitters must not crash the process.
    this.queue.on('error', () => {});
    this.flow.on('error', () => {});
    this.redis = redisClientFor(settings.url);
    this.keys = keysOf(settings.prefix);
  }

  async submit(request: SubmitRequest): Promise<{ id: string; created: boolean }> {
    const { redis, keys } = this;
    const fingerprint = submissionFingerprint(request);
    const idemKey = request.idempotencyKey === undefined ? undefined : keys.idempotency(request.owner, request.idempotencyKey);
    const same = (stored: string) => {
      const [storedPrint, id] = stored.split('|');
      if (storedPrint !== fingerprint) throw new QcError('QC_IDEMPOTENCY_CONFLICT', { key: request.idempotencyKey! });
      return { id: id!, created: false };
    };
    if (idemKey) {
      const stored = await redis.get(idemKey);
      if (stored) return same(stored);
    }
    // Counting and queueing under the owner's lock: two POSTs at once cannot both take the last place.
    return this.underLock(keys.lock(request.owner), () => this.queueJob(request, fingerprint, idemKey, same));
  }

  private async queueJob(
    request: SubmitRequest,
    fingerprint: string,
    idemKey: string | undefined,
    same: (stored: string) => { id: string; created: boolean },
  ): Promise<{ id: string; created: boolean }> {
    const { redis, keys } = this;
    const ttl = this.resultTtlS;
    if (idemKey) {
      // The same key may have been queued while this request waited for the lock.
      const stored = await redis.get(idemKey);
      if (stored) return same(stored);
    }
    const outstanding = await this.outstanding(request.owner);
    if (outstanding >= this.limits.maxOutstandingPerOwner) {
      throw new QcError('QC_TOO_MANY_JOBS', { limit: this.limits.maxOutstandingPerOwner, retryAfter: 5 });
    }
    const id = randomUUID();
    if (idemKey) {
      // Two identical requests at once: the first to claim the key queues the job.
      const claimed = await redis.set(idemKey, `${fingerprint}|${id}`, 'EX', ttl, 'NX');
      if (claimed === null) return same((await redis.get(idemKey)) ?? `${fingerprint}|${id}`);
    }
    const shaByName = new Map<string, string>();
    for (const file of request.files) {
      const sha256 = sha256Hex(file.bytes);
      shaByName.set(file.name, sha256);
      await redis.call('SET', keys.blob(sha256), Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength), 'EX', ttl);
    }
    const tasks = fileTasks(request.submission, shaByName, request.options);
    const data: ParentData = {
      owner: request.owner,
      submission: request.submission,
      files: [...shaByName].map(([name, sha256]) => ({ name, sha256 })),
      oversize: request.oversize,
      options: request.options,
      ...(request.policy ? { policy: request.policy } : {}),
      ...(request.webhook ? { webhook: request.webhook } : {}),
      createdAt: Date.now(),
      total: tasks.length,
    };
    await redis.call('SADD', keys.outstanding(request.owner), id);
    await redis.call('EXPIRE', keys.outstanding(request.owner), ttl * 2);
    try {
      await this.addFlow(id, data, tasks);
    } catch (error) {
      // Not queued: the key and the place are not taken.
      await Promise.allSettled([redis.call('SREM', keys.outstanding(request.owner), id), ...(idemKey ? [redis.del(idemKey)] : [])]);
      throw error;
    }
    return { id, created: true };
  }

  private async addFlow(id: string, data: ParentData, tasks: FileTask[]): Promise<void> {
    await this.flow.add({
      name: PARENT_JOB,
      queueName: QUEUE_NAME,
      data,
      opts: { jobId: id, removeOnComplete: keepFor(this.settings), removeOnFail: keepFor(this.settings), attempts: 2, backoff: { type: 'exponential', delay: 1000 } },
      children: tasks.map((task) => ({
        name: FILE_JOB,
        queueName: QUEUE_NAME,
        data: { parentId: id, task } satisfies ChildData,
        opts: {
          attempts: 2,
          backoff: { type: 'exponential', delay: 1000 },
          // A file that fails for good becomes its finding: the parent goes on without it.
          ignoreDependencyOnFailure: true,
          removeOnComplete: keepFor(this.settings),
          removeOnFail: keepFor(this.settings),
        },
      })),
    });
  }

  /** Runs `work` holding a short Redis lock (SET NX PX, released only by its holder). */
  private async underLock<T>(key: string, work: () => Promise<T>): Promise<T> {
    const token = randomUUID();
    const deadline = Date.now() + 10_000;
    while ((await this.redis.set(key, token, 'PX', 15_000, 'NX')) === null) {
      if (Date.now() > deadline) throw new QcError('QC_QUEUE_UNAVAILABLE', { reason: `lock ${key} not free` });
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    try {
      return await work();
    } finally {
      await this.redis.call('EVAL', "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0", 1, key, token);
    }
  }

  /** Unfinished jobs of an owner (ids whose parent has finished or vanished are pruned). */
  private async outstanding(owner: string): Promise<number> {
    const ids = (await this.redis.call('SMEMBERS', this.keys.outstanding(owner))) as string[];
    let count = 0;
    for (const id of ids) {
      const view = await this.get(id, owner);
      if (view && (view.status === 'queued' || view.status === 'running')) count++;
      else await this.redis.call('SREM', this.keys.outstanding(owner), id);
    }
    return count;
  }

  async get(id: string, owner: string): Promise<JobView | null> {
    // The state first, then the job: a job read before its state could say `completed` without its result.
    const [state, done, cancelled] = await Promise.all([
      this.queue.getJobState(id),
      this.redis.call('SCARD', this.keys.done(id)) as Promise<number>,
      this.redis.get(this.keys.cancelled(id)),
    ]);
    const job = (await this.queue.getJob(id)) as Job<ParentData, CheckResult | null> | undefined;
    if (!job || job.name !== PARENT_JOB || job.data.owner !== owner) return null;
    const status: JobView['status'] =
      cancelled ? 'cancelled'
      : state === 'completed' ? 'completed'
      : state === 'failed' ? 'failed'
      : state === 'active' || done > 0 ? 'running'
      : 'queued';
    const finished = status === 'completed' || status === 'failed';
    return {
      id,
      status,
      progress: { done: Math.min(done, job.data.total), total: job.data.total },
      createdAt: new Date(job.data.createdAt).toISOString(),
      finishedAt: finished && job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
      result: status === 'completed' ? (job.returnvalue ?? null) : null,
      error: status === 'failed' ? failureOf(job.failedReason) : null,
    };
  }

  async cancel(id: string, owner: string): Promise<JobView | null> {
    const view = await this.get(id, owner);
    if (!view) return null;
    if (view.status === 'queued' || view.status === 'running') {
      // Workers look at the flag before each file and before putting the result together.
      await this.redis.call('SET', this.keys.cancelled(id), '1', 'EX', this.resultTtlS);
      await this.redis.call('SREM', this.keys.outstanding(owner), id);
    }
    return this.get(id, owner);
  }

  async counts(): Promise<JobCounts> {
    const c = await this.queue.getJobCounts('waiting', 'prioritized', 'delayed', 'waiting-children', 'active', 'completed', 'failed');
    return { waiting: (c.waiting ?? 0) + (c.prioritized ?? 0) + (c.delayed ?? 0) + (c['waiting-children'] ?? 0), active: c.active ?? 0, completed: c.completed ?? 0, failed: c.failed ?? 0 };
  }

  async ping(): Promise<void> {
    await pingWithin(this.redis, 1000);
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.flow.close(), this.queue.close(), closeRedis(this.redis)]);
  }
}

/** Closes a connection: politely (QUIT) when Redis is there, at once when it is not (QUIT would wait for it). */
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status === 'ready') await redis.quit();
  else redis.disconnect();
}

/** PING with a deadline: a Redis that does not answer is as good as down. */
export async function pingWithin(redis: Redis, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      redis.ping(),
      new Promise((_, reject) => (timer = setTimeout(() => reject(new QcError('QC_QUEUE_UNAVAILABLE', { reason: `no answer within ${ms} ms` })), ms))),
    ]);
  } catch (error) {
    throw error instanceof QcError ? error : new QcError('QC_QUEUE_UNAVAILABLE', { reason: (error as Error).message });
  } finally {
    clearTimeout(timer);
  }
}

/** A parent's failure reason as the job view's error (the worker stores `CODE: message`). */
function failureOf(reason: string | undefined): JobView['error'] {
  const match = /^(QC_[A-Z_]+): (.*)$/s.exec(reason ?? '');
  return { code: match?.[1] ?? 'QC_INTERNAL_ERROR', message: match?.[2] ?? reason ?? '', messageEn: match?.[2] ?? reason ?? '' };
}
