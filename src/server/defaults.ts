/**
 * The service's defaults as plain numbers: the zod options schema and `qcredit serve --help`
 * both read them, and this module loads nothing, so `--help` and the other commands stay fast.
 */
export const SERVER_DEFAULTS = {
  port: 8080,
  /** Loopback: exposing the service is a decision (`--host 0.0.0.0`). */
  host: '127.0.0.1',
  maxFileMB: 25,
  maxRequestMB: 100,
  maxFiles: 50,
  maxPages: 100,
  maxImagePixels: 50_000_000,
  requestTimeoutS: 120,
  maxInFlight: 4,
  maxQueued: 32,
  maxJsonMB: 1,
  logLevel: 'info',
} as const;

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
