/**
 * Asynchronous checks: POST /v1/checks queues a submission (202, Location, Retry-After),
 * GET /v1/checks/{id} gives its status, progress and, once done, the same result as the
 * synchronous POST /v1/check; DELETE /v1/checks/{id} cancels it. Jobs run in this process or
 * on `qcredit worker`s through Redis (src/jobs/). Idempotency-Key makes a retried POST safe.
 */
import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { submissionSchema } from '../../checks/schema.js';
import { parseInput } from '../../domain/validate.js';
import { QcError } from '../../errors.js';
import { jobViewSchema, webhookSchema, type JobView } from '../../jobs/types.js';
import { assertWebhookAllowed, newWebhookSecret } from '../../jobs/webhook.js';
import { errorBodySchema, toHttpError } from '../http-errors.js';
import type { ServerLimits, ServerOptions } from '../options.js';
import { defineRoute, type RouteResult } from '../route.js';
import { jsonField, readSubmissionForm } from '../uploads.js';

const UPLOAD_ERRORS = [400, 401, 413, 415, 503] as const;
/** Seconds a client is asked to wait before it looks again. */
const POLL_AFTER_S = 2;

export const asyncCheckQuerySchema = z.strictObject({
  previews: z.stringbool().default(false).describe('As for POST /v1/check'),
  quick: z.stringbool().default(false).describe('As for POST /v1/check'),
});
export const jobParamsSchema = z.strictObject({ id: z.string().min(1).max(64).regex(/^[\w-]+$/) });
export const jobAcceptedSchema = jobViewSchema.extend({
  webhookSecret: z.string().optional().describe('The secret webhooks for this job are signed with (`whsec_…`), when a webhook was asked for without one'),
});

/** Whose jobs these are: the API key's (a server has one key), else everyone's. */
export const ownerOf = (options: ServerOptions) => (options.apiKey ? createHash('sha256').update(options.apiKey).digest('hex').slice(0, 32) : 'anonymous');

/** An error answered by the route itself (its status is this route's, not the shared table's). */
function errorAnswer(error: QcError, status: number, requestId: string, headers: Record<string, string> = {}): RouteResult {
  const { body } = toHttpError(error, { requestId, maxRequestBytes: 0, maxJsonBytes: 0, maxFiles: 0, maxFileBytes: 0 });
  return { kind: 'json', status, body, headers };
}

const notFound = (id: string, ttl: number, requestId: string) => errorAnswer(new QcError('QC_JOB_NOT_FOUND', { id, ttl }), 404, requestId);

const jobHeaders = (view: JobView): Record<string, string> =>
  view.status === 'queued' || view.status === 'running' ? { 'retry-after': String(POLL_AFTER_S) } : {};

/**
 * The submission form of POST /v1/check, read and checked the same way: a `submission` JSON
 * field whose files[].path name the uploaded files; files over the size limit are kept as names.
 */
async function readCheckForm(request: FastifyRequest, limits: ServerLimits, signal: AbortSignal) {
  // The form of POST /v1/check, with an optional `webhook` field.
  const form = await readSubmissionForm(request, limits, signal, ['webhook']);
  const webhookText = form.fields.get('webhook');
  const webhook = webhookText === undefined ? undefined : parseInput(webhookSchema, jsonField('webhook', webhookText), '回调设置');
  return { submission: form.submission, webhook, files: [...form.bytesByName].map(([name, bytes]) => ({ name, bytes })), oversize: form.oversize };
}

export const submitCheckRoute = defineRoute({
  method: 'POST',
  url: '/v1/checks',
  operationId: 'submitCheck',
  tag: 'pre-check',
  summary: '提交异步预审 / queue a check',
  description:
    'The form of POST /v1/check (a `submission` JSON field and the files), and optionally a `webhook` JSON field `{ url, secret? }`: ' +
    'when the job ends, a notice is POSTed there, signed per Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature v1) with the secret (`whsec_…`; made for you and answered once when not given). ' +
    'Only hosts on the server\'s allow-list are accepted. Answers 202 with the job, `Location` and `Retry-After`. ' +
    'An `Idempotency-Key` header makes a retry safe: the same key and body give the same job, the same key with another body 422. ' +
    'Each API key may have a limited number of unfinished jobs (429 with Retry-After beyond it).',
  auth: true,
  queued: false,
  query: asyncCheckQuerySchema,
  headers: [{ name: 'Idempotency-Key', description: 'Any string up to 256 characters: the same key and body within the result\'s lifetime give the same job' }],
  form: {
    submission: { kind: 'json', schema: submissionSchema, description: 'The submission, as for POST /v1/check', required: true },
    webhook: { kind: 'json', schema: webhookSchema, description: 'Where to send the completion notice: { url, secret? }' },
    files: { kind: 'files', description: 'The files, each named as its `path` in the submission' },
  },
  responses: {
    202: { description: 'Queued (or, with a repeated Idempotency-Key, the job queued before)', json: jobAcceptedSchema },
    422: { description: 'The Idempotency-Key was used with another body (QC_IDEMPOTENCY_CONFLICT), or the webhook host is not allowed (QC_WEBHOOK_HOST_DENIED)', json: errorBodySchema },
    429: { description: 'Too many unfinished jobs for this API key (QC_TOO_MANY_JOBS); retry after Retry-After seconds', json: errorBodySchema },
  },
  errors: UPLOAD_ERRORS,
  async handle({ request, query, signal, options, state, log }) {
    const form = await readCheckForm(request, options.limits, signal);
    const key = request.headers['idempotency-key'];
    const idempotencyKey = typeof key === 'string' && key.length > 0 ? key.slice(0, 256) : undefined;
    let webhookSecret: string | undefined;
    let webhook: { url: string; secret: string } | undefined;
    if (form.webhook) {
      try {
        assertWebhookAllowed(form.webhook.url, options.jobs.webhookHosts);
      } catch (error) {
        return errorAnswer(error as QcError, 422, request.id);
      }
      if (!form.webhook.secret) webhookSecret = newWebhookSecret();
      webhook = { url: form.webhook.url, secret: form.webhook.secret ?? webhookSecret! };
    }
    const owner = ownerOf(options);
    let submitted: { id: string; created: boolean };
    try {
      submitted = await state.jobs.submit({
        owner,
        submission: form.submission,
        files: form.files,
        oversize: form.oversize,
        options: { quick: query.quick, previews: query.previews },
        ...(idempotencyKey ? { idempotencyKey } : {}),
        ...(webhook ? { webhook } : {}),
        ...(options.policy ? { policy: options.policy } : {}),
      });
    } catch (error) {
      if (error instanceof QcError && error.code === 'QC_IDEMPOTENCY_CONFLICT') return errorAnswer(error, 422, request.id);
      if (error instanceof QcError && error.code === 'QC_TOO_MANY_JOBS') return errorAnswer(error, 429, request.id, { 'retry-after': String(error.params.retryAfter) });
      if (error instanceof QcError && error.code === 'QC_QUEUE_UNAVAILABLE') throw new QcError('QC_SERVICE_UNAVAILABLE', { reason: '任务队列不可用', reasonEn: 'the job queue is unreachable', retryAfter: 5 });
      throw error;
    }
    const view = await state.jobs.get(submitted.id, owner);
    if (!view) throw new Error(`job ${submitted.id} vanished right after it was queued`);
    log.info({ jobId: submitted.id, created: submitted.created, files: form.files.length, backend: state.jobs.kind }, submitted.created ? 'check queued' : 'check re-submitted');
    return {
      kind: 'json',
      status: 202,
      body: { ...view, ...(submitted.created && webhookSecret ? { webhookSecret } : {}) },
      headers: { location: `/v1/checks/${submitted.id}`, 'retry-after': String(POLL_AFTER_S) },
    };
  },
});

export const getCheckRoute = defineRoute({
  method: 'GET',
  url: '/v1/checks/:id',
  operationId: 'getCheck',
  tag: 'pre-check',
  summary: '查询异步预审 / a queued check',
  description: 'Status, progress (files read of all) and, when completed, `result`: the same as POST /v1/check answers. `Retry-After` while unfinished. Results are kept for a limited time, then 404.',
  auth: true,
  queued: false,
  params: jobParamsSchema,
  responses: {
    200: { description: 'The job', json: jobViewSchema },
    404: { description: 'No such job, or its result has expired (QC_JOB_NOT_FOUND)', json: errorBodySchema },
  },
  errors: [401],
  async handle({ request, params, options, state }) {
    const view = await state.jobs.get(params.id, ownerOf(options));
    if (!view) return notFound(params.id, state.jobs.resultTtlS, request.id);
    return { kind: 'json', body: view, headers: jobHeaders(view) };
  },
});

export const cancelCheckRoute = defineRoute({
  method: 'DELETE',
  url: '/v1/checks/:id',
  operationId: 'cancelCheck',
  tag: 'pre-check',
  summary: '取消异步预审 / cancel a queued check',
  description: 'Cancels a job that has not finished (no further file is read); a finished job is left as it is. Answers the job.',
  auth: true,
  queued: false,
  params: jobParamsSchema,
  responses: {
    200: { description: 'The job after cancelling', json: jobViewSchema },
    404: { description: 'No such job (QC_JOB_NOT_FOUND)', json: errorBodySchema },
  },
  errors: [401],
  async handle({ request, params, options, state, log }) {
    const view = await state.jobs.cancel(params.id, ownerOf(options));
    if (!view) return notFound(params.id, state.jobs.resultTtlS, request.id);
    log.info({ jobId: params.id, status: view.status }, 'check cancel asked');
    return { kind: 'json', body: view };
  },
});
