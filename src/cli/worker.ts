/**
 * `qcredit worker`: takes check jobs from Redis (BullMQ) on any machine that reaches it, as
 * many as --concurrency at once, with one OCR engine of --ocr-workers threads. Logs are JSON
 * lines with the job id. SIGTERM or SIGINT: finish the jobs in hand and exit; a second signal
 * hands them back at once (another worker takes them over when their lock expires). A worker
 * killed outright loses nothing either: its jobs are taken over the same way.
 */
import { z } from 'zod';
import { parseInput } from '../domain/validate.js';
import { DEFAULT_ENGINE, ENGINE_IDS } from '../reading/ocr/registry.js';
import { LOG_LEVELS } from '../server/defaults.js';
import { jobOptionsSchema, serverLimitsSchema } from '../server/options.js';

interface Io {
  stderr: (text: string) => void;
}

export interface WorkerFlags {
  redisUrl?: string;
  prefix?: string;
  concurrency?: number;
  engine?: string;
  ocrWorkers?: number;
  resultTtl?: number;
  webhookHosts?: string;
  lockDuration?: number;
  stalledInterval?: number;
  logLevel?: string;
  store?: string;
  storeRetention?: number;
}

export const WORKER_DEFAULTS = { concurrency: 2, lockDurationS: 30, stalledIntervalS: 15 } as const;

const workerOptionsSchema = z.strictObject({
  redisUrl: z.string({ message: '需要 Redis 地址：--redis-url 或环境变量 QCREDIT_REDIS_URL' }).regex(/^redis:\/\//, { message: 'Redis 地址应以 redis:// 开头' }),
  prefix: jobOptionsSchema.shape.prefix,
  resultTtlS: jobOptionsSchema.shape.resultTtlS,
  webhookHosts: jobOptionsSchema.shape.webhookHosts,
  concurrency: z.number().int().positive().default(WORKER_DEFAULTS.concurrency),
  engine: z.enum(ENGINE_IDS).default(DEFAULT_ENGINE),
  ocrWorkers: z.number().int().positive().max(32).optional(),
  lockDurationMs: z.number().int().positive().default(WORKER_DEFAULTS.lockDurationS * 1000),
  stalledIntervalMs: z.number().int().positive().default(WORKER_DEFAULTS.stalledIntervalS * 1000),
  logLevel: z.enum(LOG_LEVELS).default('info'),
  store: z.string().min(1).optional(),
  storeRetentionDays: z.number().int().positive().default(365),
});

export function workerOptions(flags: WorkerFlags) {
  const defined = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
  return parseInput(
    workerOptionsSchema,
    defined({
      redisUrl: flags.redisUrl || undefined,
      prefix: flags.prefix,
      resultTtlS: flags.resultTtl,
      webhookHosts: flags.webhookHosts?.split(',').map((h) => h.trim()).filter(Boolean),
      concurrency: flags.concurrency,
      engine: flags.engine,
      ocrWorkers: flags.ocrWorkers,
      lockDurationMs: flags.lockDuration === undefined ? undefined : flags.lockDuration * 1000,
      stalledIntervalMs: flags.stalledInterval === undefined ? undefined : flags.stalledInterval * 1000,
      logLevel: flags.logLevel,
      store: flags.store || undefined,
      storeRetentionDays: flags.storeRetention,
    }),
    '工作进程配置',
  );
}

const LEVEL_NUMBERS: Record<string, number> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60, silent: Infinity };

/** JSON lines on stdout, in the shape of the server's (pino's) lines: level, time, pid, msg. */
function jsonLogger(level: string) {
  const threshold = LEVEL_NUMBERS[level] ?? 30;
  const write = (at: string) => (fields: Record<string, unknown>, msg?: string) => {
    if (LEVEL_NUMBERS[at]! < threshold) return;
    process.stdout.write(`${JSON.stringify({ level: LEVEL_NUMBERS[at], time: Date.now(), pid: process.pid, component: 'worker', ...fields, ...(msg ? { msg } : {}) })}\n`);
  };
  const log = { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
  return {
    ...log,
    info: (fields: Record<string, unknown> | string, msg?: string) => (typeof fields === 'string' ? log.info({}, fields) : log.info(fields, msg)),
  };
}

/** Runs until a signal stops it; resolves with the exit status. */
export async function workerCommand(flags: WorkerFlags, io: Io): Promise<number> {
  const options = workerOptions(flags);
  const { createEngine } = await import('../reading/ocr/registry.js');
  const { startBullWorker } = await import('../jobs/bullmq-worker.js');
  const { deliverWebhook } = await import('../jobs/webhook.js');
  const { readLimitsOf } = await import('../server/routes/pre-check.js');
  const log = jsonLogger(options.logLevel);
  const engine = await createEngine(options.engine, {
    workers: options.ocrWorkers,
    logger: { debug: (message, fields) => log.debug({ ocr: true, ...fields }, message), warn: (message, fields) => log.warn({ ocr: true, ...fields }, message) },
  });
  const limits = serverLimitsSchema.parse({});
  // The store the servers of this deployment share: submissions finished here are recorded there.
  const seen = options.store ? (await import('../review/repeats.js')).repeatsAt(options.store, options.storeRetentionDays) : undefined;
  const running = await startBullWorker({
    repeats: seen?.repeats,
    url: options.redisUrl,
    prefix: options.prefix,
    resultTtlS: options.resultTtlS,
    engine,
    limits: { ...readLimitsOf(limits), maxFileBytes: limits.maxFileBytes },
    concurrency: options.concurrency,
    lockDurationMs: options.lockDurationMs,
    stalledIntervalMs: options.stalledIntervalMs,
    log,
    onFinished: async (finished) => {
      log.info({ jobId: finished.id, status: finished.status, ms: Math.round(finished.durationMs) }, 'job finished');
      if (finished.webhook) await deliverWebhook(finished, { allowedHosts: options.webhookHosts, log }).catch((error: unknown) => log.error({ jobId: finished.id, err: (error as Error).message }, 'webhook not sent'));
    },
  });
  log.info({ concurrency: options.concurrency, engine: engine.id, prefix: options.prefix }, 'worker ready');
  io.stderr(`qcredit 工作进程已启动（并发 ${options.concurrency}，Redis 前缀 ${options.prefix}；Ctrl+C 停止）\n`);

  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) {
        // A second signal: hand the jobs back now; their locks expire and another worker takes them.
        log.warn({ signal }, 'stopping at once: jobs in hand are handed back');
        void running.close(true).finally(() => process.exit(1));
        return;
      }
      stopping = true;
      log.info({ signal }, 'shutting down: finishing jobs in hand');
      running
        .close()
        .then(() => engine.close())
        .then(() => seen?.close())
        .then(
          () => {
            process.off('SIGTERM', stop);
            process.off('SIGINT', stop);
            log.info({}, 'stopped');
            resolve(0);
          },
          (error: unknown) => {
            log.error({ err: (error as Error).message }, 'shutdown failed');
            resolve(1);
          },
        );
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  });
}
