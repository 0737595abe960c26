/**
 * `qcredit serve`: the HTTP service in the foreground. Listens until SIGTERM or SIGINT, then
 * closes gracefully: requests already accepted finish, new ones get 503, the OCR workers stop.
 */
import type { ServerOptionsInput } from '../server/options.js';

interface Io {
  stderr: (text: string) => void;
}

/** The command's flags as commander hands them over (sizes in MB, time in seconds). */
export interface ServeFlags {
  port?: number;
  host?: string;
  apiKey?: string;
  engine?: string;
  ocrWorkers?: number;
  maxFileSize?: number;
  maxRequestSize?: number;
  maxFiles?: number;
  maxPages?: number;
  maxPixels?: number;
  timeout?: number;
  concurrency?: number;
  queue?: number;
  logLevel?: string;
  /** A JSON file: the portal's own eligibility policy. */
  policy?: string;
  store?: string;
  storeRetention?: number;
}

const MB = 1024 * 1024;

/** Flags → server options; unset flags stay unset, so the schema's defaults apply. */
export function serveOptions(flags: ServeFlags): ServerOptionsInput {
  const defined = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
  return defined({
    port: flags.port,
    host: flags.host,
    apiKey: flags.apiKey || undefined,
    engine: flags.engine as ServerOptionsInput['engine'],
    ocrWorkers: flags.ocrWorkers,
    logLevel: flags.logLevel as ServerOptionsInput['logLevel'],
    store: flags.store || undefined,
    storeRetentionDays: flags.storeRetention,
    limits: defined({
      maxFileBytes: flags.maxFileSize === undefined ? undefined : flags.maxFileSize * MB,
      maxRequestBytes: flags.maxRequestSize === undefined ? undefined : flags.maxRequestSize * MB,
      maxFiles: flags.maxFiles,
      maxPages: flags.maxPages,
      maxImagePixels: flags.maxPixels,
      requestTimeoutMs: flags.timeout === undefined ? undefined : flags.timeout * 1000,
      maxInFlight: flags.concurrency,
      maxQueued: flags.queue,
    }),
  });
}

/** Runs until a signal closes the server; resolves with the exit status. */
export async function serveCommand(flags: ServeFlags, io: Io): Promise<number> {
  const { buildServer } = await import('../server/app.js');
  const { parseInput } = await import('../domain/validate.js');
  const { serverOptionsSchema } = await import('../server/options.js');
  const { readJsonFile } = await import('../io/json.js');
  const policy = flags.policy ? await readJsonFile(flags.policy) : undefined;
  const options = parseInput(serverOptionsSchema, { ...serveOptions(flags), ...(policy === undefined ? {} : { policy }) }, '服务配置');
  const app = await buildServer(options);
  await app.listen({ port: options.port, host: options.host });
  if (!options.apiKey && !['127.0.0.1', 'localhost', '::1'].includes(options.host)) {
    app.log.warn({ host: options.host }, 'listening beyond this machine without an API key (--api-key or QCREDIT_API_KEY)');
  }
  io.stderr(`qcredit 服务已启动：http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${(app.server.address() as { port: number }).port}/（Ctrl+C 停止）\n`);

  return new Promise<number>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGTERM', stop);
      process.off('SIGINT', stop);
      app.log.info({ signal }, 'shutting down: finishing requests in flight');
      // Requests end within their time limit; a close that takes longer is stuck.
      const limit = options.limits.requestTimeoutMs + 10_000;
      const force = setTimeout(() => {
        app.log.error({ ms: limit }, 'shutdown did not finish in time; exiting');
        // Something holds the process open (that is why the close is stuck): leave anyway.
        process.exit(1);
      }, limit);
      force.unref();
      app.close().then(
        () => {
          clearTimeout(force);
          app.log.info('stopped');
          resolve(0);
        },
        (error: unknown) => {
          clearTimeout(force);
          app.log.error({ err: error }, 'shutdown failed');
          resolve(1);
        },
      );
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  });
}
