/**
 * Webhooks on completion, signed per Standard Webhooks (https://www.standardwebhooks.com):
 * headers `webhook-id`, `webhook-timestamp` (seconds) and `webhook-signature:
 * v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, the key being the base64 after `whsec_`.
 * Sent only to allow-listed hosts, retried with exponential back-off; a receiver that keeps
 * failing loses the notice, never the result (GET /v1/checks/{id} still has it).
 */
import { createHmac, randomBytes } from 'node:crypto';
import { QcError } from '../errors.js';
import type { JobFinished } from './types.js';

export const newWebhookSecret = () => `whsec_${randomBytes(24).toString('base64')}`;

export function signWebhook(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

/** Whether `host` matches an allow-list entry: the exact name, or `*.domain` for its sub-domains. */
export function hostAllowed(host: string, allowed: readonly string[]): boolean {
  const h = host.toLowerCase();
  return allowed.some((entry) => {
    const e = entry.toLowerCase();
    return e.startsWith('*.') ? h.endsWith(e.slice(1)) : h === e;
  });
}

export function assertWebhookAllowed(url: string, allowed: readonly string[]): void {
  const { hostname } = new URL(url);
  if (!hostAllowed(hostname, allowed)) throw new QcError('QC_WEBHOOK_HOST_DENIED', { host: hostname });
}

export interface DeliveryOptions {
  allowedHosts: readonly string[];
  /** Attempts in all (the first included). */
  attempts?: number;
  /** Delay before the first retry; doubled each time. */
  backoffMs?: number;
  timeoutMs?: number;
  log?: { info(fields: Record<string, unknown>, message: string): void; warn(fields: Record<string, unknown>, message: string): void };
}

/** The notice: what happened and where to fetch the result (the result itself is not sent). */
export function webhookPayload(finished: JobFinished): string {
  return JSON.stringify({
    type: `check.${finished.status}`,
    timestamp: new Date().toISOString(),
    data: { id: finished.id, status: finished.status, verdict: finished.result?.verdict ?? null, url: `/v1/checks/${finished.id}` },
  });
}

/** Sends the notice, retrying a failed delivery (network error, non-2xx). Resolves true once delivered. */
export async function deliverWebhook(finished: JobFinished, options: DeliveryOptions): Promise<boolean> {
  const hook = finished.webhook;
  if (!hook) return false;
  assertWebhookAllowed(hook.url, options.allowedHosts);
  const body = webhookPayload(finished);
  // One id for every attempt, so a receiver can drop a duplicate.
  const id = `msg_${finished.id}`;
  const attempts = options.attempts ?? 5;
  let delay = options.backoffMs ?? 1000;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const timestamp = Math.floor(Date.now() / 1000);
    try {
      const response = await fetch(hook.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'webhook-id': id,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': signWebhook(hook.secret, id, timestamp, body),
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      if (response.ok) {
        options.log?.info({ jobId: finished.id, attempt, status: response.status }, 'webhook delivered');
        return true;
      }
      options.log?.warn({ jobId: finished.id, attempt, status: response.status }, 'webhook refused');
    } catch (error) {
      options.log?.warn({ jobId: finished.id, attempt, err: (error as Error).message }, 'webhook failed');
    }
    if (attempt < attempts) {
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay *= 2;
    }
  }
  return false;
}
