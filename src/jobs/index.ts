/**
 * The job backend a server uses: BullMQ on Redis when `jobs.redisUrl` (QCREDIT_REDIS_URL) is
 * set, else the in-process one. In-process jobs finish in this process, so it sends their
 * webhooks; with Redis the worker that finishes a job does.
 */
import type { OcrEngine } from '../reading/ocr/engine.js';
import type { ServerOptions } from '../server/options.js';
import { readLimitsOf } from '../server/routes/pre-check.js';
import { BullJobs } from './bullmq.js';
import { InProcessJobs } from './in-process.js';
import type { Repeats } from '../review/repeats.js';
import type { JobBackend, JobFinished } from './types.js';
import { deliverWebhook, type DeliveryOptions } from './webhook.js';

export interface BackendHooks {
  log: DeliveryOptions['log'] & { error(fields: Record<string, unknown>, message: string): void };
  onFinished?: (finished: JobFinished) => void;
  /** With a store: what repeats under other companies (in-process jobs; Redis workers have their own). */
  repeats?: Repeats;
}

export function createJobBackend(options: ServerOptions, engine: OcrEngine, hooks: BackendHooks): JobBackend {
  const { jobs, limits } = options;
  if (jobs.redisUrl) {
    return new BullJobs({ url: jobs.redisUrl, prefix: jobs.prefix, resultTtlS: jobs.resultTtlS }, { maxOutstandingPerOwner: jobs.maxOutstandingPerKey });
  }
  return new InProcessJobs({
    engine,
    limits: { ...readLimitsOf(limits), maxFileBytes: limits.maxFileBytes },
    concurrency: jobs.concurrency,
    resultTtlS: jobs.resultTtlS,
    maxOutstandingPerOwner: jobs.maxOutstandingPerKey,
    repeats: hooks.repeats,
    onFinished: (finished) => {
      hooks.onFinished?.(finished);
      if (finished.webhook) {
        deliverWebhook(finished, { allowedHosts: jobs.webhookHosts, log: hooks.log }).catch((error: unknown) =>
          hooks.log.error({ jobId: finished.id, err: (error as Error).message }, 'webhook not sent'),
        );
      }
    },
  });
}

export type { JobBackend, JobFinished, JobView } from './types.js';
