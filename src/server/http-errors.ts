/**
 * Errors as HTTP answers: every QC_ code's status in one table, and the one error body
 * `{ error: { code, message, messageEn, details? } }`. Errors raised by Fastify and its
 * multipart plugin are translated into QC_ codes here too, so a client never sees a body of
 * another shape.
 */
import { z } from 'zod';
import { QcError, type QcErrorCode } from '../errors.js';
import { formatBytes } from '../reading/limits.js';

/** The status of each code a request can fail with; any other code is a 500. */
export const HTTP_STATUS: Partial<Record<QcErrorCode, number>> = {
  QC_INPUT_INVALID: 400,
  QC_JSON_INVALID: 400,
  QC_OUTPUT_FORMAT: 400,
  QC_GLYPH_MISSING: 400,
  QC_USCC_EMPTY: 400,
  QC_UNAUTHORIZED: 401,
  QC_NOT_FOUND: 404,
  QC_NOT_ACCEPTABLE: 406,
  QC_REQUEST_TOO_LARGE: 413,
  QC_FILE_TOO_LARGE: 413,
  QC_TOO_MANY_FILES: 413,
  QC_MEDIA_TYPE_UNSUPPORTED: 415,
  QC_SERVER_BUSY: 429,
  QC_SERVICE_UNAVAILABLE: 503,
  QC_REQUEST_TIMEOUT: 504,
};

export const errorBodySchema = z.object({
  error: z.object({
    code: z.string().describe('Stable QC_ code (all codes: src/errors.ts)'),
    message: z.string().describe('zh-CN'),
    messageEn: z.string(),
    details: z.record(z.string(), z.unknown()).optional().describe('The code\'s parameters, and per-field issues for QC_INPUT_INVALID'),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

export interface HttpError {
  status: number;
  body: ErrorBody;
  headers: Record<string, string>;
}

/** A Fastify or @fastify/multipart error (they carry a `code` and often a `statusCode`). */
interface FrameworkError {
  code?: string;
  statusCode?: number;
  message?: string;
}

/** Limits the translation of framework errors needs for its messages. */
export interface ErrorContext {
  requestId: string;
  contentType?: string;
  maxRequestBytes: number;
  maxJsonBytes: number;
  maxFiles: number;
  maxFileBytes: number;
}

/** Framework errors → QcErrors. Returns null for errors that are not the client's. */
function fromFramework(error: FrameworkError, context: ErrorContext): QcError | null {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new QcError('QC_REQUEST_TOO_LARGE', { limit: formatBytes(context.maxJsonBytes) });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new QcError('QC_MEDIA_TYPE_UNSUPPORTED', { type: context.contentType ?? '（无）', expected: 'application/json 或 multipart/form-data' });
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new QcError('QC_JSON_INVALID', { file: '请求正文', reason: '正文为空' });
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new QcError('QC_INPUT_INVALID', { details: 'Content-Length 与实际内容长度不符' });
    case 'FST_FILES_LIMIT':
      return new QcError('QC_TOO_MANY_FILES', { limit: context.maxFiles });
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return new QcError('QC_INPUT_INVALID', { details: '表单字段过多' });
    case 'FST_REQ_FILE_TOO_LARGE':
      return new QcError('QC_FILE_TOO_LARGE', { file: '?', size: `> ${formatBytes(context.maxFileBytes)}`, limit: formatBytes(context.maxFileBytes) });
    case 'FST_INVALID_JSON_FIELD_ERROR':
      return new QcError('QC_JSON_INVALID', { file: 'submission', reason: '表单字段不是有效的 JSON' });
    case 'FST_PROTO_VIOLATION':
      return new QcError('QC_INPUT_INVALID', { details: '表单字段名无效' });
  }
  // JSON bodies that do not parse: Fastify gives them status 400 and a SyntaxError message.
  if (error.statusCode === 400 && (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError)) {
    return new QcError('QC_JSON_INVALID', { file: '请求正文', reason: error.message ?? '' });
  }
  // Malformed multipart bodies (busboy), truncated uploads and other client-side 4xx.
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return new QcError('QC_INPUT_INVALID', { details: `请求格式有误：${error.message ?? error.code ?? ''}` });
  }
  // busboy's own errors carry no code: a body cut short or not multipart inside.
  if (/terminated early|Unexpected end of|Malformed part header|Multipart: /i.test(error.message ?? '')) {
    return new QcError('QC_INPUT_INVALID', { details: `表单数据不完整或格式有误：${error.message}` });
  }
  return null;
}

/** Any thrown value as the HTTP answer; `internal` is true when it is the server's fault. */
export function toHttpError(thrown: unknown, context: ErrorContext): HttpError & { internal: boolean } {
  const error = thrown instanceof QcError ? thrown : fromFramework((thrown ?? {}) as FrameworkError, context);
  if (!error) {
    const internal = new QcError('QC_INTERNAL_ERROR', { requestId: context.requestId });
    return { status: 500, body: bodyOf(internal, false), headers: {}, internal: true };
  }
  const status = HTTP_STATUS[error.code] ?? 500;
  const headers: Record<string, string> = {};
  if ((status === 429 || status === 503) && error.params.retryAfter !== undefined) headers['retry-after'] = String(error.params.retryAfter);
  if (status === 401) headers['www-authenticate'] = 'Bearer realm="qcredit"';
  return { status, body: bodyOf(error, true), headers, internal: status >= 500 && status !== 503 && status !== 504 };
}

function bodyOf(error: QcError, withDetails: boolean): ErrorBody {
  const issues = (error as QcError & { issues?: unknown }).issues;
  const details: Record<string, unknown> = { ...error.params };
  // The per-field list says what the joined text in the message says, in a form programs read.
  if (issues) {
    delete details.details;
    details.issues = issues;
  }
  return {
    error: {
      code: error.code,
      message: error.message,
      messageEn: error.messageEn,
      ...(withDetails && Object.keys(details).length ? { details } : {}),
    },
  };
}
