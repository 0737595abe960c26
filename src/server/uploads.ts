/**
 * A multipart request's files, read into memory and nowhere else (no temporary files), under
 * the limits: bytes per file, bytes per request, number of files. A file over the per-file
 * limit is not kept: its bytes are counted and dropped as they arrive, and it is reported so
 * the route can decide (a finding in a submission, a 413 for a single file).
 */
import type { FastifyRequest } from 'fastify';
import { submissionSchema, type Submission } from '../checks/schema.js';
import { parseInput } from '../domain/validate.js';
import { QcError } from '../errors.js';
import { baseName } from '../util/base-name.js';
import { formatBytes } from '../reading/limits.js';
import type { ServerLimits } from './options.js';

export interface UploadedFile {
  /** The form field it came in. */
  field: string;
  /** Its file name, without any folder a browser may send. */
  name: string;
  bytes: Uint8Array;
}

export interface Uploads {
  files: UploadedFile[];
  /** Files over the per-file limit (their bytes were dropped). */
  oversize: { field: string; name: string }[];
  /** Text fields, and the file parts named in `textFields`, as text. */
  fields: Map<string, string>;
}

/** Text fields are small (the submission JSON); this bounds each one. */
const MAX_FIELD_BYTES = 1024 * 1024;
const MAX_FIELDS = 20;


export function assertMultipart(request: FastifyRequest): void {
  if (!request.isMultipart()) {
    throw new QcError('QC_MEDIA_TYPE_UNSUPPORTED', { type: request.headers['content-type'] ?? '（无）', expected: 'multipart/form-data' });
  }
}

/**
 * Read every part. `textFields` names fields that may also arrive as a file part (a browser's
 * FormData with a JSON Blob); they are read as text. Stops with the signal's reason when it
 * aborts (the request's time ran out).
 */
export async function readUploads(
  request: FastifyRequest,
  limits: Pick<ServerLimits, 'maxFileBytes' | 'maxRequestBytes' | 'maxFiles'>,
  options: { textFields?: readonly string[]; signal?: AbortSignal } = {},
): Promise<Uploads> {
  assertMultipart(request);
  const tooLarge = () => new QcError('QC_REQUEST_TOO_LARGE', { limit: formatBytes(limits.maxRequestBytes) });
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limits.maxRequestBytes) throw tooLarge();

  const uploads: Uploads = { files: [], oversize: [], fields: new Map() };
  // The request's bytes as they arrive, boundaries included: a file over its own limit is
  // still being received (and dropped), and that counts against the request.
  let received = 0;
  let current: NodeJS.ReadableStream & { destroy(error?: Error): void; destroyed: boolean } | undefined;
  const onData = (chunk: Buffer) => {
    received += chunk.length;
    if (received > limits.maxRequestBytes && current && !current.destroyed) current.destroy(tooLarge());
  };
  // Time is up: stop waiting for a client that may never send the rest.
  const onAbort = () => current?.destroy(options.signal!.reason as Error);
  request.raw.on('data', onData);
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const parts = request.parts({
      limits: {
        fileSize: limits.maxFileBytes,
        files: limits.maxFiles + (options.textFields?.length ?? 0),
        fields: MAX_FIELDS,
        fieldSize: MAX_FIELD_BYTES,
        parts: limits.maxFiles + MAX_FIELDS,
      },
    });
    for await (const part of parts) {
      if (received > limits.maxRequestBytes) throw tooLarge();
      if (options.signal?.aborted) throw options.signal.reason;
      if (part.type === 'field') {
        if (part.valueTruncated) throw new QcError('QC_REQUEST_TOO_LARGE', { limit: `${formatBytes(MAX_FIELD_BYTES)}（表单字段 ${part.fieldname}）` });
        uploads.fields.set(part.fieldname, typeof part.value === 'string' ? part.value : JSON.stringify(part.value));
        continue;
      }
      current = part.file;
      const chunks: Buffer[] = [];
      for await (const chunk of part.file as AsyncIterable<Buffer>) {
        if (options.signal?.aborted) throw options.signal.reason;
        if (!part.file.truncated) chunks.push(chunk);
      }
      current = undefined;
      if (received > limits.maxRequestBytes) throw tooLarge();
      const text = options.textFields?.includes(part.fieldname);
      if (part.file.truncated) {
        if (text) throw new QcError('QC_REQUEST_TOO_LARGE', { limit: `${formatBytes(limits.maxFileBytes)}（表单字段 ${part.fieldname}）` });
        uploads.oversize.push({ field: part.fieldname, name: baseName(part.filename) });
        continue;
      }
      const bytes = Buffer.concat(chunks);
      if (text) {
        uploads.fields.set(part.fieldname, bytes.toString('utf8'));
      } else {
        if (uploads.files.length + uploads.oversize.length >= limits.maxFiles) throw new QcError('QC_TOO_MANY_FILES', { limit: limits.maxFiles });
        uploads.files.push({ field: part.fieldname, name: baseName(part.filename), bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
      }
    }
  } finally {
    request.raw.off('data', onData);
    options.signal?.removeEventListener('abort', onAbort);
  }
  return uploads;
}

/** A JSON form field (a byte-order mark allowed), or QC_JSON_INVALID naming the field. */
export function jsonField(field: string, value: string): unknown {
  try {
    return JSON.parse(value.replace(/^\uFEFF/, '')) as unknown;
  } catch (cause) {
    throw new QcError('QC_JSON_INVALID', { file: field, reason: (cause as Error).message }, { cause });
  }
}

/**
 * The form of POST /v1/check and /v1/checks: the `submission` JSON field, checked, and the
 * files it lists, each uploaded once under its name; `textFields` are other fields to keep.
 */
export async function readSubmissionForm(
  request: FastifyRequest,
  limits: ServerLimits,
  signal: AbortSignal,
  textFields: string[] = [],
): Promise<{ submission: Submission; fields: Map<string, string>; bytesByName: Map<string, Uint8Array>; oversize: string[] }> {
  const uploads = await readUploads(request, limits, { textFields: ['submission', ...textFields], signal });
  const text = uploads.fields.get('submission');
  if (text === undefined) throw new QcError('QC_INPUT_INVALID', { details: '缺少 submission 字段（申报材料清单 JSON）' });
  const submission = parseInput(submissionSchema, jsonField('submission', text), '申报材料清单');
  const listed = new Set(submission.files.map((f) => baseName(f.path)));
  const bytesByName = new Map<string, Uint8Array>();
  for (const file of uploads.files) {
    if (bytesByName.has(file.name)) throw new QcError('QC_INPUT_INVALID', { details: `文件“${file.name}”上传了两次` });
    if (!listed.has(file.name)) throw new QcError('QC_INPUT_INVALID', { details: `上传的文件“${file.name}”没有列在 submission.files 中` });
    bytesByName.set(file.name, file.bytes);
  }
  return { submission, fields: uploads.fields, bytesByName, oversize: uploads.oversize.map((f) => f.name) };
}
