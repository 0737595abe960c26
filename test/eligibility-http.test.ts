/**
 * POST /v1/eligibility against the real server on loopback: typed fields as JSON, and a form
 * with a real generated licence read by the real reader; the server's own policy; the errors;
 * and the OpenAPI document, against which every answer seen here is validated.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main.js';
import { computeUsccCheck } from '../src/domain/uscc.js';
import type { OcrEngine } from '../src/reading/ocr/engine.js';
import { createEngine } from '../src/reading/ocr/registry.js';
import { buildServer } from '../src/server/app.js';
import type { ServerOptionsInput } from '../src/server/options.js';
import { eligibilityAnswerSchema } from '../src/server/schemas.js';
import { buildBusinessLicense } from './corpus/business-license.js';
import { generateCompanies, type CorpusCompany } from './corpus/companies.js';
import { createRng } from './corpus/random.js';
import { waitFor } from './helpers/server-fixtures.js';
import { zodOfOpenApi } from './helpers/openapi.js';

const KEY = 'eligibility-test-key-0123';
const DATE = '2026-06-18';
const COMPANY_CODE = '91320507MA1MXQ7P9P';
const INDIVIDUAL_CODE = ((first17: string) => first17 + computeUsccCheck(first17))('92320507MA1MXQ7P9');
const FONTS = { body: 400, bold: 700 } as const;

let engine: OcrEngine;
const servers: FastifyInstance[] = [];
/** Every JSON answer, to validate against the OpenAPI document at the end. */
const seen: { status: number; body: unknown }[] = [];

async function start(options: ServerOptionsInput = {}): Promise<string> {
  const app = await buildServer({ logLevel: 'silent', ...options }, { engine });
  await app.listen({ port: 0, host: '127.0.0.1' });
  servers.push(app);
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  await waitFor(async () => (await fetch(base + '/readyz')).status === 200);
  return base;
}

async function post(base: string, body: RequestInit['body'], headers: Record<string, string> = {}): Promise<{ status: number; json: any }> {
  const res = await fetch(base + '/v1/eligibility', { method: 'POST', body, headers });
  const json = await res.json();
  seen.push({ status: res.status, body: json });
  return { status: res.status, json };
}
const postJson = (base: string, request: unknown, headers: Record<string, string> = {}) => post(base, JSON.stringify(request), { 'content-type': 'application/json', ...headers });
function postForm(base: string, request: unknown, files: Record<string, [string, Uint8Array]> = {}) {
  const form = new FormData();
  if (request !== undefined) form.append('request', typeof request === 'string' ? request : JSON.stringify(request));
  for (const [field, [name, bytes]] of Object.entries(files)) form.append(field, new Blob([bytes]), name);
  return post(base, form);
}
const byRule = (answer: { reasons: { rule: string }[] }) => Object.fromEntries(answer.reasons.map((r) => [r.rule, r])) as Record<string, any>;

const ELIGIBLE_AA = {
  level: 'AA',
  applicationDate: DATE,
  company: { name: '苏州恒远精密机械有限公司', creditCode: COMPANY_CODE, establishedOn: '2015-03-12', entityType: '有限责任公司（自然人投资或控股）', termOpen: true },
  currentRating: { level: 'A', since: '2023-05-10' },
};
const TWO_YEARS = { level: 'A', applicationDate: DATE, company: { creditCode: COMPANY_CODE, entityType: '有限责任公司', establishedOn: '2024-06-18', termOpen: true } };

let base: string;
let company: CorpusCompany;
let licencePdf: Uint8Array;
let youngLicencePdf: Uint8Array;

beforeAll(async () => {
  engine = await createEngine('tesseract', { workers: 1 });
  await engine.warmUp();
  base = await start();
  const [generated] = generateCompanies(createRng('eligibility-http'), 1) as [CorpusCompany];
  company = { ...generated, establishedOn: '2015-03-12', licenceIssuedOn: '2023-08-01', termUntil: null };
  licencePdf = (await buildBusinessLicense(company, createRng('eligibility-http-licence'), FONTS)).pdf;
  youngLicencePdf = (await buildBusinessLicense({ ...company, establishedOn: '2025-01-20', licenceIssuedOn: '2025-02-01' }, createRng('eligibility-http-young'), FONTS)).pdf;
}, 120_000);

afterAll(async () => {
  for (const app of servers) await app.close();
  await engine?.close();
});

describe('POST /v1/eligibility with JSON (typed fields)', () => {
  it('an AA applicant holding A for three years is eligible, public credit left to confirm', async () => {
    const { status, json } = await postJson(base, ELIGIBLE_AA);
    expect(status).toBe(200);
    const answer = eligibilityAnswerSchema.parse(json);
    expect(answer).toMatchObject({ eligible: true, confirmed: false, policyYear: 2026, licence: null, fileFindings: [] });
    const rules = byRule(answer);
    for (const rule of ['jiangsu', 'legalPerson', 'years', 'licence', 'ladder']) expect(rules[rule], rule).toMatchObject({ status: 'met', code: 'QC_ELIGIBILITY_MET' });
    expect(rules.publicCredit).toMatchObject({ status: 'unknown', severity: 'info' });
    expect(rules.years.ruleSource).toContain('正常经营');
  });

  it('an individual business established two years ago is refused by two rules', async () => {
    const { status, json } = await postJson(base, { level: 'AA', applicationDate: DATE, company: { creditCode: INDIVIDUAL_CODE, establishedOn: '2024-06-18' } });
    expect(status).toBe(200);
    expect(json.eligible).toBe(false);
    const rules = byRule(json);
    expect(rules.legalPerson).toMatchObject({ status: 'not-met', severity: 'error', code: 'QC_ENTITY_INDIVIDUAL' });
    expect(rules.years).toMatchObject({ status: 'not-met', severity: 'error', code: 'QC_TOO_FEW_YEARS', params: expect.objectContaining({ eligibleFrom: '2027-06-18' }) });
    expect(rules.ladder).toMatchObject({ status: 'unknown', code: 'QC_RATING_UNSTATED' });
  });

  it('the request\'s own policy is applied', async () => {
    expect(byRule((await postJson(base, TWO_YEARS)).json).years).toMatchObject({ status: 'not-met', code: 'QC_TOO_FEW_YEARS' });
    const { json } = await postJson(base, { ...TWO_YEARS, policy: { minYearsInOperation: 2 } });
    expect(json.eligible).toBe(true);
    expect(byRule(json).years).toMatchObject({ status: 'met' });
  });

  it('bad input is a 400 QC_INPUT_INVALID naming the fields; another content type a 415', async () => {
    const bad = await postJson(base, { level: 'B', applicationDate: '2026-02-30', company: { establishedOn: '2024' }, extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('QC_INPUT_INVALID');
    const paths = (bad.json.error.details.issues as { path: string }[]).map((i) => i.path.replace(/（.*$/, ''));
    expect(paths).toEqual(expect.arrayContaining(['level', 'applicationDate', 'company.establishedOn']));

    const policy = await postJson(base, { ...TWO_YEARS, policy: { minYearsInOperation: -1 } });
    expect(policy.status).toBe(400);
    expect(policy.json.error.code).toBe('QC_INPUT_INVALID');

    const text = await post(base, 'level=A', { 'content-type': 'text/plain' });
    expect(text.status).toBe(415);
    expect(text.json.error.code).toBe('QC_MEDIA_TYPE_UNSUPPORTED');
  });
});

describe('POST /v1/eligibility with a licence file (multipart)', () => {
  it('reads the licence and decides every rule it speaks to from it', async () => {
    const { status, json } = await postForm(base, { level: 'A', applicationDate: DATE }, { licence: ['营业执照.pdf', licencePdf] });
    expect(status).toBe(200);
    const answer = eligibilityAnswerSchema.parse(json);
    expect(answer.licence).toMatchObject({ name: company.name, establishedOn: '2015-03-12', termOpen: true });
    expect(answer.eligible).toBe(true);
    expect(answer.fileFindings.filter((f) => f.severity === 'error')).toEqual([]);
    const rules = byRule(answer);
    for (const rule of ['jiangsu', 'legalPerson', 'years', 'licence', 'ladder']) expect(rules[rule], rule).toMatchObject({ status: 'met' });
    // Decided from the file, and it says so.
    for (const rule of ['jiangsu', 'years', 'licence']) expect(rules[rule].file, rule).toBe('营业执照.pdf');
    expect(rules.years.basis.join()).toContain('营业执照');
  });

  it('a licence of a company established last year is refused by the years rule, with the file named', async () => {
    const { json } = await postForm(base, { level: 'A', applicationDate: DATE, company: { name: company.name } }, { licence: ['执照.pdf', youngLicencePdf] });
    expect(json.eligible).toBe(false);
    expect(byRule(json).years).toMatchObject({ status: 'not-met', severity: 'error', code: 'QC_TOO_FEW_YEARS', file: '执照.pdf', params: expect.objectContaining({ establishedOn: '2025-01-20' }) });
  });

  it('an unreadable licence is a file finding and leaves the rules unconfirmed, not refused', async () => {
    const corrupt = new TextEncoder().encode('%PDF-1.7\n1 0 obj\n<< /Type /Catalog');
    const { status, json } = await postForm(base, { level: 'A', applicationDate: DATE }, { licence: ['坏.pdf', corrupt] });
    expect(status).toBe(200);
    expect(json.fileFindings).toContainEqual(expect.objectContaining({ code: 'QC_PDF_CORRUPT', file: '坏.pdf' }));
    expect(json.eligible).toBe(true);
    expect(json.confirmed).toBe(false);
  });

  it('the form needs its request field; files go in licence or report only', async () => {
    const missing = await postForm(base, undefined, { licence: ['营业执照.pdf', licencePdf] });
    expect(missing.status).toBe(400);
    expect(missing.json.error.code).toBe('QC_INPUT_INVALID');
    const other = await postForm(base, { level: 'A', applicationDate: DATE }, { pledge: ['承诺书.pdf', licencePdf] });
    expect(other.status).toBe(400);
    expect(other.json.error.code).toBe('QC_INPUT_INVALID');
    const broken = await postForm(base, '{"level": "A",');
    expect(broken.status).toBe(400);
    expect(broken.json.error.code).toBe('QC_JSON_INVALID');
    const invalid = await postForm(base, { level: 'A' });
    expect(invalid.status).toBe(400);
    expect(invalid.json.error.code).toBe('QC_INPUT_INVALID');
  });
});

describe('the server\'s own policy and key', () => {
  it('a policy given at start applies to every request, over the request\'s own', async () => {
    const lenient = await start({ policy: { minYearsInOperation: 2 } });
    const { json } = await postJson(lenient, TWO_YEARS);
    expect(json.eligible).toBe(true);
    expect(byRule(json).years).toMatchObject({ status: 'met' });
    const overridden = await postJson(lenient, { ...TWO_YEARS, policy: { minYearsInOperation: 10 } });
    expect(byRule(overridden.json).years).toMatchObject({ status: 'met' });
  });

  it('qcredit serve takes it as a JSON file', async () => {
    let out = '';
    expect(await runCli(['serve', '--help'], { stdout: (t) => void (out += t), stderr: (t) => void (out += t) })).toBe(0);
    expect(out).toContain('--policy <file>');
    expect(out).toContain('POST /v1/eligibility');
  });

  it('a bad policy stops the server from starting', async () => {
    await expect(buildServer({ logLevel: 'silent', policy: { minYearsInOperation: 'two' } as never }, { engine })).rejects.toMatchObject({ code: 'QC_INPUT_INVALID' });
  });

  it('with an API key the route needs it', async () => {
    const keyed = await start({ apiKey: KEY });
    expect((await postJson(keyed, ELIGIBLE_AA)).status).toBe(401);
    const ok = await postJson(keyed, ELIGIBLE_AA, { 'x-api-key': KEY });
    expect(ok.status).toBe(200);
    expect(ok.json.eligible).toBe(true);
  });
});

describe('OpenAPI document', () => {
  let doc: any;
  beforeAll(async () => {
    doc = await (await fetch(base + '/openapi.json')).json();
  });

  const zodOf = (schema: unknown) => zodOfOpenApi(doc, schema);

  it('lists the route with both request bodies and its answers', () => {
    const operation = doc.paths['/v1/eligibility']?.post;
    expect(operation).toBeDefined();
    expect(operation.operationId).toBe('eligibility');
    expect(operation.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/EligibilityRequest' });
    const form = operation.requestBody.content['multipart/form-data'];
    expect(Object.keys(form.schema.properties).sort()).toEqual(['licence', 'report', 'request']);
    expect(form.schema.required).toEqual(['request']);
    expect(form.encoding.request.contentType).toBe('application/json');
    expect(operation.responses['200'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/EligibilityAnswer' });
    for (const status of ['400', '413', '415', '429', '503', '504']) expect(operation.responses[status], status).toBeDefined();
    expect(doc.components.schemas.EligibilityRequest.properties.company.properties.termOpen.type).toBe('boolean');
  });

  it('every answer seen here validates against it', () => {
    const operation = doc.paths['/v1/eligibility'].post;
    let checked = 0;
    for (const answer of seen) {
      if (answer.status === 401) continue; // documented only when the server has a key
      const response = operation.responses[String(answer.status)];
      expect(response, `${answer.status} is documented`).toBeDefined();
      const parsed = zodOf(response.content['application/json'].schema).safeParse(answer.body);
      expect(parsed.success, `${answer.status}: ${JSON.stringify(parsed.error?.issues?.slice(0, 2))}`).toBe(true);
      checked++;
    }
    expect(checked).toBeGreaterThan(10);
  });
});
