/**
 * The HTTP service: `buildServer(options)` returns the Fastify instance with every route,
 * not listening yet (`qcredit serve` listens; tests listen on port 0).
 *
 * One OCR engine per process, warmed up when the server becomes ready (`/readyz` says 503
 * until then). Expensive routes run through a bounded work queue and under a time limit per
 * request. Uploads live in memory for the length of their request: the multipart reader
 * keeps no temporary files, and the read cache is emptied whenever a piece of work ends.
 * Closing the server (SIGTERM in `qcredit serve`) lets requests already accepted finish,
 * refuses new ones with 503, then stops the engine.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import multipart from '@fastify/multipart';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { parseInput } from '../domain/validate.js';
import { QcError } from '../errors.js';
import type { OcrEngine } from '../reading/ocr/engine.js';
import { createEngine } from '../reading/ocr/registry.js';
import { createJobBackend } from '../jobs/index.js';
import { createMetrics } from './metrics.js';
import type { JobBackend } from '../jobs/types.js';
import { repeatsAt } from '../review/repeats.js';
import { apiKeyCheck } from './auth.js';
import { toHttpError } from './http-errors.js';
import { openApiDocument } from './openapi.js';
import { serverOptionsSchema, type ServerOptions, type ServerOptionsInput } from './options.js';
import { WorkQueue } from './queue.js';
import type { Readiness, RouteContext, RouteResult, RouteSpec, ServerState } from './route.js';
import { ROUTES } from './routes/index.js';
import { registerWebPage } from './web.js';
import type { BullJobs } from '../jobs/bullmq.js';

export { serverOptionsSchema, type ServerOptions, type ServerOptionsInput } from './options.js';

/** What a caller may hand the server instead of letting it make its own. */
export interface ServerDeps {
  /** An engine the caller owns: the server warms it up but does not close it. */
  engine?: OcrEngine;
  /** Where the JSON log lines go (stdout by default). */
  logStream?: { write(line: string): void };
  /** A job backend the caller owns (tests); by default made from `options.jobs`, and closed with the server. */
  jobs?: JobBackend;
}

/** Routes that answer for themselves while the server shuts down. */
const PROBES = new Set(['/healthz', '/readyz']);
const RETRY_STARTING_S = 5;
const JSON_TYPE = 'application/json; charset=utf-8';

/** A client's request id when it is a sane token, else a new one. */
function requestId(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && /^[\w.:-]{1,128}$/.test(given) ? given : randomUUID();
}

const unavailable = (why: Readiness) =>
  new QcError('QC_SERVICE_UNAVAILABLE', {
    reason: why === 'closing' ? '服务正在关闭' : why === 'failed' ? '文字识别引擎未能启动' : '文字识别引擎正在启动',
    reasonEn: why === 'closing' ? 'shutting down' : why === 'failed' ? 'the OCR engine failed to start' : 'the OCR engine is starting',
    retryAfter: RETRY_STARTING_S,
  });

/** Settles with `work`, or rejects with the signal's reason when it aborts first. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => (signal.removeEventListener('abort', onAbort), resolve(value)),
      (error) => (signal.removeEventListener('abort', onAbort), reject(error)),
    );
  });
}

export async function buildServer(input: ServerOptionsInput = {}, deps: ServerDeps = {}): Promise<FastifyInstance> {
  const options: ServerOptions = parseInput(serverOptionsSchema, input, '服务配置');
  const { limits } = options;
  const app = Fastify({
    // pino, one JSON object a line, each with the request id; its serialisers log the method,
    // URL and addresses of a request, never a body or a file.
    logger: { level: options.logLevel, ...(deps.logStream ? { stream: deps.logStream } : {}) },
    genReqId: requestId,
    bodyLimit: limits.maxJsonBytes,
    // Our own 503 (with a QC_ body) while closing, from the onRequest hook below.
    return503OnClosing: false,
    // A backstop for clients that trickle a body; the request time limit answers first.
    requestTimeout: limits.requestTimeoutMs + 5_000,
  });

  const engine =
    deps.engine ??
    (await createEngine(options.engine, {
      workers: options.ocrWorkers,
      logger: {
        debug: (message, fields) => app.log.debug({ component: 'ocr', ...fields }, message),
        warn: (message, fields) => app.log.warn({ component: 'ocr', ...fields }, message),
      },
    }));
  const queue = new WorkQueue(limits.maxInFlight, limits.maxQueued);
  // Jobs are made below with the counted engine; the gauges read them when scraped.
  const metrics = createMetrics(() => jobs);
  const countedEngine = metrics.countOcr(engine);
  // The store of what was seen, opened with the first checked submission.
  const seen = options.store ? repeatsAt(options.store, options.storeRetentionDays) : undefined;
  const jobs =
    deps.jobs ??
    createJobBackend(options, countedEngine, {
      repeats: seen?.repeats,
      onFinished: (finished) => metrics.jobFinished(finished),
      log: {
        info: (fields, message) => app.log.info(fields, message),
        warn: (fields, message) => app.log.warn(fields, message),
        error: (fields, message) => app.log.error(fields, message),
      },
    });
  let readiness: Readiness = 'starting';
  let engineError: string | undefined;
  // With Redis, readiness also says whether the queue answers (pinged every few seconds, so
  // /readyz itself never waits on Redis); synchronous routes do not need it.
  let queueError: string | undefined;
  let openapi: Record<string, unknown> | undefined;
  const state: ServerState = {
    readiness: () => (readiness === 'ready' && queueError ? 'failed' : readiness),
    engineError: () => engineError ?? queueError,
    queue,
    jobs,
    repeats: seen?.repeats,
    openapi: () => (openapi ??= openApiDocument(ROUTES, { apiKey: Boolean(options.apiKey) })),
  };

  let pinger: NodeJS.Timeout | undefined;
  const pingQueue = () =>
    jobs.ping().then(
      () => (queueError = undefined),
      (error: unknown) => {
        if (!queueError) app.log.error({ err: (error as Error).message }, 'job queue unreachable');
        queueError = `the job queue is unreachable: ${(error as Error).message}`;
      },
    );
  app.addHook('onReady', async () => {
    if (jobs.kind === 'bullmq') {
      await pingQueue();
      pinger = setInterval(pingQueue, 2_000);
      pinger.unref();
    }
    // Not awaited: the server listens (and /readyz answers) while the workers start.
    const started = performance.now();
    engine.warmUp().then(
      () => {
        if (readiness === 'starting') readiness = 'ready';
        app.log.info({ engine: engine.id, ms: Math.round(performance.now() - started) }, 'OCR engine ready');
      },
      (error: unknown) => {
        if (readiness === 'starting') readiness = 'failed';
        engineError = error instanceof Error ? error.message : String(error);
        app.log.error({ err: error }, 'OCR engine failed to start');
      },
    );
  });
  app.addHook('preClose', async () => {
    readiness = 'closing';
  });
  app.addHook('onClose', async () => {
    clearInterval(pinger);
    if (!deps.jobs) await jobs.close();
    await seen?.close();
    if (!deps.engine) await engine.close();
  });

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
    if (readiness === 'closing' && !PROBES.has(request.url.split('?')[0]!)) throw unavailable('closing');
  });
  app.addHook('onSend', async (_request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    if (readiness === 'closing') reply.header('connection', 'close');
  });
  app.addHook('onResponse', async (request) => {
    // An answer given before the body was all read (a limit, a time-out): drop the rest.
    if (!request.raw.complete) request.raw.destroy();
  });

  const sendError = (error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const answer = toHttpError(error, {
      requestId: request.id,
      contentType: request.headers['content-type'],
      maxRequestBytes: limits.maxRequestBytes,
      maxJsonBytes: limits.maxJsonBytes,
      maxFiles: limits.maxFiles,
      maxFileBytes: limits.maxFileBytes,
    });
    if (answer.internal) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: answer.body.error.code, status: answer.status }, 'request refused');
    if (!request.raw.complete) reply.header('connection', 'close');
    return reply.code(answer.status).headers(answer.headers).type(JSON_TYPE).send(answer.body);
  };
  app.setErrorHandler((error, request, reply) => sendError(error, request, reply));
  app.setNotFoundHandler((request, reply) =>
    sendError(new QcError('QC_NOT_FOUND', { method: request.method, path: request.url.split('?')[0]! }), request, reply),
  );

  await app.register(multipart, {
    // A file over its limit is reported by src/server/uploads.ts, which decides what it means.
    throwFileSizeLimit: false,
    // Per-route limits are passed when the parts are read; these only back them up.
    limits: { fileSize: limits.maxFileBytes, files: limits.maxFiles, parts: limits.maxFiles + 20 },
  });

  const checkKey = options.apiKey ? apiKeyCheck(options.apiKey) : undefined;
  for (const spec of ROUTES) {
    app.route({
      method: spec.method,
      url: spec.url,
      ...(spec.auth && checkKey ? { onRequest: async (request: FastifyRequest) => checkKey(request.headers) } : {}),
      handler: async (request, reply) => {
        if (spec.needsEngine && readiness !== 'ready') throw unavailable(readiness);
        const json = /^application\/json\b/i.test(request.headers['content-type'] ?? '');
        // A route with both a JSON body and a form takes either; its handler reads the form.
        if (spec.body && !json && !(spec.form && request.isMultipart())) {
          throw new QcError('QC_MEDIA_TYPE_UNSUPPORTED', { type: request.headers['content-type'] ?? '（无）', expected: spec.form ? 'application/json 或 multipart/form-data' : 'application/json' });
        }
        const context: RouteContext<unknown, unknown, unknown> = {
          request,
          query: spec.query ? parseInput(spec.query, request.query ?? {}, '查询参数') : undefined,
          params: spec.params ? parseInput(spec.params, request.params ?? {}, '路径参数') : undefined,
          body: spec.body && json ? parseInput(spec.body, request.body, '请求正文') : undefined,
          signal: new AbortController().signal,
          options,
          engine: countedEngine,
          state,
          log: request.log,
        };
        const started = performance.now();
        const result = spec.queued ? await runQueued(spec, context, reply) : await spec.handle(context);
        if (spec.operationId === 'check') metrics.checkDone('sync', (performance.now() - started) / 1000);
        return send(spec, result, request.log, reply);
      },
    });
  }

  /** The work of one request: a turn in the queue, within the time left to the request. */
  async function runQueued(spec: RouteSpec, context: RouteContext<unknown, unknown, unknown>, reply: FastifyReply): Promise<RouteResult> {
    const controller = new AbortController();
    const timeout = new QcError('QC_REQUEST_TIMEOUT', { seconds: limits.requestTimeoutMs / 1000 });
    const timer = setTimeout(() => controller.abort(timeout), Math.max(0, limits.requestTimeoutMs - reply.elapsedTime));
    // A client that left gives up its place in the queue and stops its upload being read.
    const onClose = () => {
      if (!reply.raw.writableFinished) controller.abort(new QcError('QC_INPUT_INVALID', { details: '客户端已断开连接' }));
    };
    reply.raw.once('close', onClose);
    try {
      const release = await queue.acquire(controller.signal);
      const work = spec.handle({ ...context, signal: controller.signal });
      // Routes read uploads with noCache: nothing of a request's files stays behind.
      work.then(release, release);
      return await untilAborted(work, controller.signal);
    } finally {
      clearTimeout(timer);
      reply.raw.off('close', onClose);
    }
  }

  // Prometheus scrapes without the API key, as it does the probes.
  app.get('/metrics', async (_request, reply) => reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()));
  if (jobs.kind === 'bullmq') {
    // Loaded only with Redis: the dashboard brings its own UI and template engine.
    const { registerQueueDashboard } = await import('../jobs/dashboard.js');
    await registerQueueDashboard(app, jobs as BullJobs, checkKey);
  }

  await registerWebPage(app);
  return app;
}

/** An answer as its spec declares it; a JSON answer that does not match its schema is a bug (500). */
function send(spec: RouteSpec, result: RouteResult, log: FastifyBaseLogger, reply: FastifyReply): FastifyReply {
  switch (result.kind) {
    case 'json': {
      const status = result.status ?? 200;
      if (result.headers) reply.headers(result.headers);
      const schema = spec.responses[status]?.json;
      const parsed = schema?.safeParse(result.body);
      if (!parsed?.success) {
        log.error({ route: spec.operationId, status, issues: parsed?.error.issues.slice(0, 5) }, 'answer does not match its schema');
        throw new Error(`${spec.operationId}: answer ${status} does not match its declared schema`);
      }
      return reply.code(status).type(JSON_TYPE).send(parsed.data);
    }
    case 'html':
      // The report is self-contained (inline styles, data: images) and runs no script: say so,
      // so a mistake in escaping an uploaded file's name could not run anything either.
      return reply
        .type('text/html; charset=utf-8')
        .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'")
        .send(result.body);
    case 'binary':
      return reply
        .type(result.contentType)
        .header('content-disposition', `attachment; filename="${result.filenameAscii}"; filename*=UTF-8''${encodeURIComponent(result.filename)}`)
        .send(Buffer.from(result.body.buffer, result.body.byteOffset, result.body.byteLength));
  }
}
