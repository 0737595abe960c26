/**
 * POST /v1/eligibility: `qcredit eligibility --json` over HTTP. Typed fields as a JSON body,
 * or a form with the same JSON in `request` and the licence (and credit report) as files,
 * held in memory only.
 */
import { checkEligibility, eligibilityRequestSchema, type EligibilityFile } from '../../checks/eligibility-request.js';
import { parseInput } from '../../domain/validate.js';
import { QcError } from '../../errors.js';
import { formatBytes } from '../../reading/limits.js';
import { defineRoute } from '../route.js';
import { eligibilityAnswerSchema } from '../schemas.js';
import { readUploads } from '../uploads.js';
import { readLimitsOf } from './pre-check.js';

const FILE_FIELDS = ['licence', 'report'] as const;

export const eligibilityRoute = defineRoute({
  method: 'POST',
  url: '/v1/eligibility',
  operationId: 'eligibility',
  tag: 'pre-check',
  summary: '判断能否申报（基本资质） / may the enterprise apply',
  description:
    'Basic eligibility (基本资质): registered in Jiangsu, an independent legal person, years in operation, licence valid, rating ladder, public credit. ' +
    'Either a JSON body of typed fields (`EligibilityRequest`), or multipart form data with that JSON in `request` and optionally the `licence` and `report` files, whose facts are read. ' +
    'The answer is the JSON of `qcredit eligibility --json`: `eligible` is false when a rule is broken; `confirmed` says whether every rule was confirmed. ' +
    'A policy the server was started with (`qcredit serve --policy`) wins over a request\'s `policy`. A file that cannot be read is a finding in `fileFindings`; a file over the size limit is refused with 413.',
  auth: true,
  queued: true,
  needsEngine: true,
  body: eligibilityRequestSchema,
  form: {
    request: { kind: 'json', schema: eligibilityRequestSchema, description: 'The request: level, applicationDate, company, currentRating, policy (as the JSON body)', required: true },
    licence: { kind: 'file', description: 'The business licence (PDF or image)' },
    report: { kind: 'file', description: 'The credit report (专项信用报告)' },
  },
  responses: { 200: { description: 'The eligibility answer', json: eligibilityAnswerSchema } },
  errors: [400, 401, 413, 415, 429, 503, 504],
  async handle({ request, body, signal, options, engine, log }) {
    // A JSON body was parsed before the queue: typed fields, nothing to read.
    if (body) return { kind: 'json', body: await checkEligibility(body, {}, { policy: options.policy }) };

    const { limits } = options;
    const uploads = await readUploads(request, limits, { textFields: ['request'], signal });
    const [oversize] = uploads.oversize;
    if (oversize) throw new QcError('QC_FILE_TOO_LARGE', { file: oversize.name, size: `> ${formatBytes(limits.maxFileBytes)}`, limit: formatBytes(limits.maxFileBytes) });
    const files: { licence?: EligibilityFile; report?: EligibilityFile } = {};
    for (const file of uploads.files) {
      const field = FILE_FIELDS.find((f) => f === file.field);
      if (!field) throw new QcError('QC_INPUT_INVALID', { details: `表单字段“${file.field}”不是 licence 或 report` });
      if (files[field]) throw new QcError('QC_INPUT_INVALID', { details: `${field} 只能上传一个文件` });
      files[field] = { bytes: file.bytes, name: file.name };
    }
    const text = uploads.fields.get('request');
    if (text === undefined) throw new QcError('QC_INPUT_INVALID', { details: '缺少 request 字段（资质查询 JSON）' });
    let data: unknown;
    try {
      data = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (cause) {
      throw new QcError('QC_JSON_INVALID', { file: 'request', reason: (cause as Error).message }, { cause });
    }
    const parsed = parseInput(eligibilityRequestSchema, data, '资质查询参数');
    log.info({ files: uploads.files.length, bytes: uploads.files.reduce((n, f) => n + f.bytes.length, 0) }, 'uploads read');
    const answer = await checkEligibility(parsed, files, { engine, limits: readLimitsOf(limits), signal, noCache: true, policy: options.policy });
    return { kind: 'json', body: answer };
  },
});
