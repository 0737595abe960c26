/**
 * The HTTP service's configuration: one zod schema with a safe default for everything, so
 * `qcredit serve` with no flags is a working, bounded server. `qcredit serve --help` lists
 * the same options.
 */
import { z } from 'zod';
import { eligibilityPolicyOverrideSchema, resolvePolicy } from '../domain/policy/index.js';
import { DEFAULT_ENGINE, ENGINE_IDS } from '../reading/ocr/registry.js';
import { LOG_LEVELS, SERVER_DEFAULTS as D } from './defaults.js';

const MB = 1024 * 1024;

export const serverLimitsSchema = z.strictObject({
  /** Largest uploaded file. In /v1/check a larger file becomes a finding; in /v1/analyze a 413. */
  maxFileBytes: z.number().int().positive().default(D.maxFileMB * MB),
  /** Largest request body (all files and fields together): 413 beyond it. */
  maxRequestBytes: z.number().int().positive().default(D.maxRequestMB * MB),
  /** Most files in one request. */
  maxFiles: z.number().int().positive().default(D.maxFiles),
  /** Most pages read from one file (more is a finding, QC_PDF_TOO_MANY_PAGES). */
  maxPages: z.number().int().positive().default(D.maxPages),
  /** Most pixels in one uploaded image (decompression bombs; a finding, QC_IMAGE_TOO_LARGE). */
  maxImagePixels: z.number().int().positive().default(D.maxImagePixels),
  /** Time one request may take from its arrival, upload and queueing included: 504 beyond it. */
  requestTimeoutMs: z.number().int().positive().default(D.requestTimeoutS * 1000),
  /** Requests worked on at once; each holds its uploads in memory. */
  maxInFlight: z.number().int().positive().default(D.maxInFlight),
  /** Requests waiting for a turn (their uploads not read yet); more are refused with 429. */
  maxQueued: z.number().int().nonnegative().default(D.maxQueued),
  /** Largest JSON body (/v1/pledge, /v1/summary). */
  maxJsonBytes: z.number().int().positive().default(D.maxJsonMB * MB),
});

/** Asynchronous checks (POST /v1/checks): in this process, or on BullMQ/Redis with `qcredit worker`s. */
export const jobOptionsSchema = z.strictObject({
  /** redis://host:port[/db] (QCREDIT_REDIS_URL): jobs go to Redis and are run by `qcredit worker`s. Unset: in this process. */
  redisUrl: z.string().regex(/^redis:\/\//, { message: 'Redis 地址应以 redis:// 开头' }).optional(),
  /** Prefix of every Redis key: deployments (or test runs) sharing one Redis stay apart. */
  prefix: z.string().regex(/^[\w.-]{1,64}$/).default('qcredit'),
  /** Seconds a finished job's result, and its uploads, are kept. */
  resultTtlS: z.number().int().positive().default(3600),
  /** Unfinished jobs per API key (per server without a key): more are refused with 429. */
  maxOutstandingPerKey: z.number().int().positive().default(20),
  /** In-process backend: jobs worked on at once. */
  concurrency: z.number().int().positive().default(1),
  /** Hosts a webhook may be sent to (exact names, or `*.example.com`); empty: no webhooks. */
  webhookHosts: z.array(z.string().min(1)).default([]),
});
export type JobOptions = z.infer<typeof jobOptionsSchema>;

/**
 * The job options a deployment sets by environment (QCREDIT_REDIS_URL chooses Redis), used
 * when the options give none: `qcredit serve` and containers configure them this way.
 */
export function jobOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): z.input<typeof jobOptionsSchema> {
  const number = (value: string | undefined) => (value === undefined || value === '' ? undefined : Number(value));
  const entries = {
    redisUrl: env.QCREDIT_REDIS_URL || undefined,
    prefix: env.QCREDIT_QUEUE_PREFIX || undefined,
    resultTtlS: number(env.QCREDIT_JOB_TTL),
    maxOutstandingPerKey: number(env.QCREDIT_MAX_JOBS_PER_KEY),
    webhookHosts: env.QCREDIT_WEBHOOK_HOSTS?.split(',').map((h) => h.trim()).filter(Boolean),
  };
  return Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined));
}

export const serverOptionsSchema = z.strictObject({
  /** Used by `qcredit serve` (buildServer does not listen). */
  port: z.number().int().min(0).max(65535).default(D.port),
  /** Loopback by default: exposing the service is a decision (`--host 0.0.0.0`). */
  host: z.string().min(1).default(D.host),
  /** When set, every /v1 route requires it (Authorization: Bearer <key> or X-API-Key). */
  apiKey: z.string().min(8, { message: 'API 密钥至少 8 个字符' }).optional(),
  /** The OCR engine, one per server process. */
  engine: z.enum(ENGINE_IDS).default(DEFAULT_ENGINE),
  /** OCR workers (each holds a model in memory); the engine's own default when unset. */
  ocrWorkers: z.number().int().positive().max(32).optional(),
  limits: serverLimitsSchema.prefault({}),
  jobs: jobOptionsSchema.prefault(() => jobOptionsFromEnv()),
  /**
   * A store of what was seen (a SQLite file or a postgres:// URL; QCREDIT_STORE_URL for `serve`):
   * each checked submission's fingerprints are kept, and the same file, page, seal, certificate
   * or report number under another company becomes a finding (QC_REPEAT_…). Unset: nothing kept.
   */
  store: z.string().min(1).optional(),
  /** Days the store keeps what it saw (only fingerprints and results, never the uploads). */
  storeRetentionDays: z.number().int().positive().default(365),
  logLevel: z.enum(LOG_LEVELS).default(D.logLevel),
  /**
   * The portal's own eligibility policy: parts left out keep this year's. Resolved once, when
   * the options are parsed; /v1/check and /v1/eligibility then apply it (over a request's own).
   */
  policy: eligibilityPolicyOverrideSchema.optional().transform((override) => (override === undefined ? undefined : resolvePolicy(override))),
});

export type ServerOptions = z.infer<typeof serverOptionsSchema>;
export type ServerOptionsInput = z.input<typeof serverOptionsSchema>;
export type ServerLimits = z.infer<typeof serverLimitsSchema>;

export const DEFAULT_SERVER_OPTIONS: ServerOptions = serverOptionsSchema.parse({});
