/**
 * The asynchronous HTTP API (POST/GET/DELETE /v1/checks) against the real server on loopback,
 * with the in-process backend and with BullMQ on the real Redis (a worker in this process;
 * worker processes are test/queue.test.ts): 202 with Location and Retry-After, the same result
 * as the synchronous POST /v1/check, Idempotency-Key, the per-key limit (429), cancelling,
 * webhooks signed per Standard Webhooks and checked by a loopback receiver (with a retry),
 * /readyz following Redis, and the OpenAPI document.
 */
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submissionSchema, type Submission } from '../src/checks/schema.js';
import { startBullWorker, type RunningWorker } from '../src/jobs/bullmq-worker.js';
import { deliverWebhook, hostAllowed } from '../src/jobs/webhook.js';
import type { OcrEngine } from '../src/reading/ocr/engine.js';
import { createEngine } from '../src/reading/ocr/registry.js';
import { buildServer } from '../src/server/app.js';
import { jobOptionsFromEnv, jobOptionsSchema, serverLimitsSchema, type ServerOptionsInput } from '../src/server/options.js';
import { readLimitsOf } from '../src/server/routes/pre-check.js';
import { freePort, redisUnavailable, removeKeys, REDIS_URL, uniquePrefix } from './helpers/redis.js';
import { zodOfOpenApi } from './helpers/openapi.js';
import { EXAMPLES, waitFor } from './helpers/server-fixtures.js';

const KEY = 'jobs-http-key-0123456789';
const auth = { authorization: `Bearer ${KEY}` };
const limits = serverLimitsSchema.parse({});
const withoutTimes = <T>(value: T): T => JSON.parse(JSON.stringify(value, (k, v) => (k === 'elapsedMs' ? 0 : v)));

let engine: OcrEngine;
const servers: FastifyInstance[] = [];
beforeAll(async () => {
  engine = await createEngine('tesseract', { workers: 1 });
});
afterAll(async () => {
  for (const app of servers) await app.close();
  await engine?.close();
});

async function start(options: ServerOptionsInput): Promise<string> {
  const app = await buildServer({ logLevel: 'silent', apiKey: KEY, ...options }, { engine });
  await app.listen({ port: 0, host: '127.0.0.1' });
  servers.push(app);
  return `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
}

function material(): { submission: Submission; files: Map<string, Uint8Array> } {
  const full = submissionSchema.parse(JSON.parse(readFileSync(path.join(EXAMPLES, 'submission', 'submission.json'), 'utf8')));
  const kept = full.files.filter((f) => ['business-license', 'credit-report'].includes(f.slot));
  return { submission: { ...full, files: kept }, files: new Map(kept.map((f) => [f.path, new Uint8Array(readFileSync(path.join(EXAMPLES, 'submission', f.path)))])) };
}

function form(extra: Record<string, string> = {}, change?: (s: Submission) => void): FormData {
  const { submission, files } = material();
  change?.(submission);
  const data = new FormData();
  data.append('submission', JSON.stringify(submission));
  for (const [name, value] of Object.entries(extra)) data.append(name, value);
  for (const [name, bytes] of files) data.append('files', new Blob([bytes]), name);
  return data;
}

const json = (res: Response): Promise<any> => res.json();
const post = (base: string, body: FormData, headers: Record<string, string> = {}) => fetch(`${base}/v1/checks`, { method: 'POST', body, headers: { ...auth, ...headers } });

async function done(base: string, location: string): Promise<any> {
  let view: any;
  await waitFor(async () => {
    view = await json(await fetch(base + location, { headers: auth }));
    return ['completed', 'failed', 'cancelled'].includes(view.status);
  }, 120_000, 100);
  return view;
}

/** A webhook receiver on loopback that refuses its first delivery (to see the retry). */
class Receiver {
  server: Server;
  received: { headers: IncomingMessage['headers']; body: string; status: number }[] = [];
  refuseFirst = true;
  port = 0;
  constructor() {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const status = this.refuseFirst && this.received.length === 0 ? 500 : 204;
        this.received.push({ headers: req.headers, body, status });
        res.writeHead(status).end();
      });
    });
  }
  async listen() {
    this.port = await freePort();
    await new Promise<void>((resolve) => this.server.listen(this.port, '127.0.0.1', resolve));
    return `http://127.0.0.1:${this.port}/hook`;
  }
  close() {
    return new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** The receiver's side of Standard Webhooks: recompute the signature from the secret. */
function verified(secret: string, headers: IncomingMessage['headers'], body: string): boolean {
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  const expected = createHmac('sha256', key).update(`${headers['webhook-id']}.${headers['webhook-timestamp']}.${body}`).digest('base64');
  return String(headers['webhook-signature']).split(' ').includes(`v1,${expected}`);
}

const redisMissing = await redisUnavailable();
if (redisMissing) console.warn(`skipped the Redis half of test/jobs-http.test.ts: ${redisMissing}`);

const modes = [
  { name: 'in-process', skip: false },
  { name: 'redis', skip: Boolean(redisMissing) },
];

describe.each(modes)('async checks over HTTP ($name)', ({ name, skip }) => {
  let base: string;
  let worker: RunningWorker | undefined;
  const prefix = uniquePrefix('http');
  const receiver = new Receiver();
  let hookUrl: string;
  beforeAll(async () => {
    if (skip) return;
    hookUrl = await receiver.listen();
    const jobs = { maxOutstandingPerKey: 2, webhookHosts: ['127.0.0.1'], resultTtlS: 120, ...(name === 'redis' ? { redisUrl: REDIS_URL, prefix } : {}) };
    base = await start({ jobs });
    if (name === 'redis') {
      worker = await startBullWorker({
        url: REDIS_URL,
        prefix,
        resultTtlS: 120,
        engine,
        limits: { ...readLimitsOf(limits), maxFileBytes: limits.maxFileBytes },
        concurrency: 2,
        log: { info() {}, warn() {}, error() {} },
        onFinished: (finished) => deliverWebhook(finished, { allowedHosts: ['127.0.0.1'], backoffMs: 200 }).then(() => {}),
      });
    }
  });
  afterAll(async () => {
    await worker?.close();
    await receiver.close();
    if (name === 'redis') await removeKeys(REDIS_URL, prefix);
  });

  it.skipIf(skip)('POST answers 202 with Location and Retry-After; GET gives progress, then the result of POST /v1/check', async () => {
    const res = await post(base, form());
    expect(res.status).toBe(202);
    const location = res.headers.get('location')!;
    expect(location).toMatch(/^\/v1\/checks\/[\w-]+$/);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    const accepted = await json(res);
    expect(accepted).toMatchObject({ status: expect.stringMatching(/queued|running/), progress: { total: 2 }, result: null });
    const view = await done(base, location);
    expect(view.status).toBe('completed');
    expect(view.progress).toEqual({ done: 2, total: 2 });
    const sync = await json(await fetch(`${base}/v1/check`, { method: 'POST', body: form(), headers: auth }));
    expect(withoutTimes(view.result)).toEqual(withoutTimes(sync));
    const finishedRes = await fetch(base + location, { headers: auth });
    expect(finishedRes.headers.get('retry-after')).toBeNull();
  });

  it.skipIf(skip)('the API key is required; an unknown job is 404', async () => {
    expect((await fetch(`${base}/v1/checks/abc`)).status).toBe(401);
    const res = await fetch(`${base}/v1/checks/00000000-0000-0000-0000-000000000000`, { headers: auth });
    expect(res.status).toBe(404);
    expect((await json(res)).error.code).toBe('QC_JOB_NOT_FOUND');
    expect((await fetch(`${base}/v1/checks/00000000-0000-0000-0000-000000000000`, { method: 'DELETE', headers: auth })).status).toBe(404);
  });

  it.skipIf(skip)('Idempotency-Key: the same key and body give the same job; another body 422', async () => {
    const key = `idem-${name}`;
    const a = await post(base, form(), { 'idempotency-key': key });
    const b = await post(base, form(), { 'idempotency-key': key });
    expect(a.status).toBe(202);
    expect(b.status).toBe(202);
    expect(b.headers.get('location')).toBe(a.headers.get('location'));
    const c = await post(base, form({}, (s) => (s.applicationDate = '2026-06-19')), { 'idempotency-key': key });
    expect(c.status).toBe(422);
    expect((await json(c)).error.code).toBe('QC_IDEMPOTENCY_CONFLICT');
    await done(base, a.headers.get('location')!);
  });

  it.skipIf(skip)('over the per-key limit: 429 with Retry-After; DELETE cancels and frees a place', async () => {
    const one = await post(base, form());
    const two = await post(base, form());
    const three = await post(base, form());
    expect(three.status).toBe(429);
    expect(Number(three.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await json(three)).error.code).toBe('QC_TOO_MANY_JOBS');
    const cancelled = await fetch(base + one.headers.get('location')!, { method: 'DELETE', headers: auth });
    expect(cancelled.status).toBe(200);
    expect(['cancelled', 'completed']).toContain((await json(cancelled)).status);
    const four = await post(base, form());
    expect(four.status).toBe(202);
    for (const res of [two, four]) expect((await done(base, res.headers.get('location')!)).status).toBe('completed');
  });

  it.skipIf(skip)('a webhook to an allowed host is signed per Standard Webhooks and retried; other hosts are refused', async () => {
    const refused = await post(base, form({ webhook: JSON.stringify({ url: 'http://example.com/hook' }) }));
    expect(refused.status).toBe(422);
    expect((await json(refused)).error.code).toBe('QC_WEBHOOK_HOST_DENIED');

    const res = await post(base, form({ webhook: JSON.stringify({ url: hookUrl }) }));
    expect(res.status).toBe(202);
    const { id, webhookSecret } = await json(res);
    expect(webhookSecret).toMatch(/^whsec_/);
    await done(base, res.headers.get('location')!);
    await waitFor(async () => receiver.received.some((r) => r.status === 204), 30_000);
    const [first, second] = receiver.received;
    expect(first!.status).toBe(500);
    expect(second!.status).toBe(204);
    // Both attempts carry the same message id; each is signed, and verifies with the secret.
    expect(second!.headers['webhook-id']).toBe(first!.headers['webhook-id']);
    for (const r of [first!, second!]) expect(verified(webhookSecret, r.headers, r.body)).toBe(true);
    expect(verified('whsec_' + Buffer.from('another secret 123').toString('base64'), second!.headers, second!.body)).toBe(false);
    expect(JSON.parse(second!.body)).toMatchObject({ type: 'check.completed', data: { id, status: 'completed', url: `/v1/checks/${id}` } });
  });

  it.skipIf(skip)('/metrics answers in the Prometheus format: jobs by state, check durations, OCR pages', async () => {
    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    const completed = Number(/^qcredit_jobs\{state="completed"\} (\d+)/m.exec(text)?.[1]);
    expect(completed).toBeGreaterThan(0);
    expect(text).toMatch(/^qcredit_jobs\{state="waiting"\} \d+/m);
    expect(text).toMatch(/^qcredit_check_duration_seconds_count\{mode="sync"\} [1-9]/m);
    if (name === 'in-process') expect(text).toMatch(/^qcredit_check_duration_seconds_count\{mode="async"\} [1-9]/m);
    expect(text).toMatch(/^qcredit_ocr_pages_total \d+/m);
    expect(text).toMatch(/^qcredit_process_resident_memory_bytes \d+/m);
  });

  it.skipIf(skip || name !== 'redis')('the queue dashboard is behind the API key', async () => {
    expect((await fetch(`${base}/admin/queues`)).status).toBe(401);
    const page = await fetch(`${base}/admin/queues`, { headers: auth });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const api = await json(await fetch(`${base}/admin/queues/api/queues`, { headers: auth }));
    expect(api.queues.map((q: { name: string }) => q.name)).toContain('checks');
  });

  it.skipIf(skip)('the OpenAPI document describes the three routes', async () => {
    const doc = await json(await fetch(`${base}/openapi.json`));
    expect(doc.paths['/v1/checks'].post.responses['202']).toBeDefined();
    expect(doc.paths['/v1/checks'].post.responses['429']).toBeDefined();
    expect(doc.paths['/v1/checks'].post.responses['422']).toBeDefined();
    expect(doc.paths['/v1/checks/{id}'].get.responses['200']).toBeDefined();
    expect(doc.paths['/v1/checks/{id}'].delete.responses['200']).toBeDefined();
    expect(doc.paths['/v1/checks'].post.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'Idempotency-Key', in: 'header' })]));
    // A finished job's answer is what the document says it is.
    const res = await post(base, form());
    const view = await done(base, res.headers.get('location')!);
    const parsed = zodOfOpenApi(doc, doc.paths['/v1/checks/{id}'].get.responses['200'].content['application/json'].schema).safeParse(view);
    expect(parsed.success, JSON.stringify(parsed.error?.issues?.slice(0, 2))).toBe(true);
    expect(zodOfOpenApi(doc, doc.paths['/v1/checks'].post.responses['202'].content['application/json'].schema).safeParse({ ...view, status: 'queued', result: null, finishedAt: null }).success).toBe(true);
  });
});

describe.skipIf(Boolean(redisMissing))('readiness with Redis', () => {
  it('/readyz is 503 while the job queue\'s Redis is unreachable', async () => {
    const port = await freePort(); // nothing listens there
    const base = await start({ jobs: { redisUrl: `redis://127.0.0.1:${port}`, prefix: uniquePrefix('ready') } });
    const res = await fetch(`${base}/readyz`);
    expect(res.status).toBe(503);
    expect((await json(res)).error).toMatch(/queue/);
    // The synchronous routes do not need Redis.
    expect((await fetch(`${base}/v1/credit-codes/91320507MA1MXQ7P9P`, { headers: auth })).status).toBe(200);
  });
});

describe('configuration', () => {
  it('a deployment sets the job options by environment; QCREDIT_REDIS_URL chooses Redis', () => {
    const env = { QCREDIT_REDIS_URL: 'redis://10.0.0.5:6379', QCREDIT_JOB_TTL: '600', QCREDIT_MAX_JOBS_PER_KEY: '5', QCREDIT_WEBHOOK_HOSTS: 'portal.example.com, *.example.org', QCREDIT_QUEUE_PREFIX: 'prod' };
    expect(jobOptionsSchema.parse(jobOptionsFromEnv(env))).toEqual({
      redisUrl: 'redis://10.0.0.5:6379',
      prefix: 'prod',
      resultTtlS: 600,
      maxOutstandingPerKey: 5,
      concurrency: 1,
      webhookHosts: ['portal.example.com', '*.example.org'],
    });
    expect(jobOptionsFromEnv({})).toEqual({});
    expect(jobOptionsSchema.safeParse({ redisUrl: 'http://10.0.0.5' }).success).toBe(false);
  });

  it('webhook hosts: exact names, or sub-domains with *.', () => {
    const allowed = ['portal.example.com', '*.example.org'];
    expect(hostAllowed('portal.example.com', allowed)).toBe(true);
    expect(hostAllowed('PORTAL.example.com', allowed)).toBe(true);
    expect(hostAllowed('a.example.org', allowed)).toBe(true);
    expect(hostAllowed('example.org', allowed)).toBe(false);
    expect(hostAllowed('evilexample.org', allowed)).toBe(false);
    expect(hostAllowed('portal.example.com.evil.net', allowed)).toBe(false);
    expect(hostAllowed('127.0.0.1', [])).toBe(false);
  });
});
