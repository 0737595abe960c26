/**
 * POST /v1/analyze and POST /v1/check: `qcredit analyze --json` and `qcredit check --json`
 * over HTTP, on uploads held in memory only.
 */
import { analyzeFile, uploadedAs } from '../../checks/analyze.js';
import { analysisSchema, checkResultSchema, submissionSchema } from '../../checks/schema.js';
import { checkSubmission } from '../../checks/submission.js';
import { baseName } from '../../util/base-name.js';
import { QcError } from '../../errors.js';
import { formatBytes, type ReadLimitsInput } from '../../reading/limits.js';
import type { ServerLimits } from '../options.js';
import { defineRoute } from '../route.js';
import { analyzeQuerySchema, checkQuerySchema } from '../schemas.js';
import { readSubmissionForm, readUploads } from '../uploads.js';

const UPLOAD_ERRORS = [400, 401, 413, 415, 429, 503, 504] as const;

/** The server's limits as the reader takes them; OCR of one page never outlasts the request. */
export function readLimitsOf(limits: ServerLimits): ReadLimitsInput {
  return {
    maxFileBytes: limits.maxFileBytes,
    maxPages: limits.maxPages,
    maxImagePixels: limits.maxImagePixels,
    ocrTimeoutMs: Math.min(60_000, limits.requestTimeoutMs),
  };
}


export const analyzeRoute = defineRoute({
  method: 'POST',
  url: '/v1/analyze',
  operationId: 'analyze',
  tag: 'pre-check',
  summary: '分析单个上传文件 / analyse one file',
  description:
    'One file (PDF, JPEG, PNG, TIFF or WebP) as multipart form data; the answer is the JSON of `qcredit analyze --json`. ' +
    'A file that cannot be read (corrupt, encrypted, too many pages or pixels) is answered with 200 and a finding, as on the command line; ' +
    'a file over the size limit is refused with 413.',
  auth: true,
  queued: true,
  needsEngine: true,
  query: analyzeQuerySchema,
  form: { file: { kind: 'file', description: 'The file (any field name; exactly one file)', required: true } },
  responses: { 200: { description: 'The analysis', json: analysisSchema } },
  errors: UPLOAD_ERRORS,
  async handle({ request, query, signal, options, engine, log }) {
    const { limits } = options;
    const uploads = await readUploads(request, limits, { signal });
    const [oversize] = uploads.oversize;
    if (oversize) throw new QcError('QC_FILE_TOO_LARGE', { file: oversize.name, size: `> ${formatBytes(limits.maxFileBytes)}`, limit: formatBytes(limits.maxFileBytes) });
    if (uploads.files.length !== 1) throw new QcError('QC_INPUT_INVALID', { details: `应上传一个文件，实际为 ${uploads.files.length} 个` });
    const file = uploads.files[0]!;
    log.info({ files: 1, bytes: file.bytes.length }, 'upload read');
    const analysis = await analyzeFile(file.bytes, file.name, {
      engine: query.ocr ? engine : undefined,
      limits: readLimitsOf(limits),
      level: query.level,
      applicationDate: query.applicationDate,
      preview: query.preview,
      ...uploadedAs(query.as),
      noCache: true,
      signal,
      readAll: query.readAll,
    });
    return { kind: 'json', body: analysis };
  },
});

export const checkRoute = defineRoute({
  method: 'POST',
  url: '/v1/check',
  operationId: 'check',
  tag: 'pre-check',
  summary: '预审一次申报 / pre-check a submission',
  description:
    'Multipart form data: a `submission` field (JSON, as the file `qcredit check` takes; each `files[].path` is the name of an uploaded file) ' +
    'and the files. The answer is the JSON of `qcredit check --json`, or with `?format=html` the HTML report. ' +
    'A bad file (corrupt, over the size limit, listed but not uploaded) becomes a finding for that file; the request still succeeds.',
  auth: true,
  queued: true,
  needsEngine: true,
  query: checkQuerySchema,
  form: {
    submission: { kind: 'json', schema: submissionSchema, description: 'The submission: company, level, applicationDate, files[{ path, slot }]', required: true },
    files: { kind: 'files', description: 'The files, each named as its `path` in the submission (any field name)' },
  },
  responses: { 200: { description: 'The check result (JSON), or the HTML report with ?format=html', json: checkResultSchema, html: true } },
  errors: UPLOAD_ERRORS,
  async handle({ request, query, signal, options, engine, state, log }) {
    const { limits } = options;
    const form = await readSubmissionForm(request, limits, signal);
    const { submission, bytesByName } = form;
    const oversize = new Set(form.oversize);
    log.info({ files: bytesByName.size, oversize: oversize.size, bytes: [...bytesByName.values()].reduce((n, b) => n + b.length, 0) }, 'uploads read');

    const result = await checkSubmission(
      submission,
      async (path) => {
        const name = baseName(path);
        if (oversize.has(name)) throw new QcError('QC_FILE_TOO_LARGE', { file: name, size: `> ${formatBytes(limits.maxFileBytes)}`, limit: formatBytes(limits.maxFileBytes) });
        const bytes = bytesByName.get(name);
        if (!bytes) throw new QcError('QC_FILE_NOT_FOUND', { file: path });
        return bytes;
      },
      // The report's thumbnails come from the pixels the checks read: no file is read again.
      { engine, limits: readLimitsOf(limits), previews: query.previews || query.format === 'html', noCache: true, signal, quick: query.quick, policy: options.policy },
    ).then((checked) => (state.repeats ? state.repeats(checked, (name) => bytesByName.get(name), request.id) : checked));
    if (query.format === 'html') {
      const { renderHtmlReport } = await import('../../report/html.js');
      return { kind: 'html', body: await renderHtmlReport(result) };
    }
    return { kind: 'json', body: result };
  },
});
