/**
 * Basic eligibility (基本资质): each rule on typed fields, on its edge days, on licences of each
 * entity type and status made by the corpus (read from their text layer and, for some, from a
 * scan), and inside a whole submission's check.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assessEligibility, type EligibilityFacts, type EligibilityRule } from '../src/checks/eligibility.js';
import { checkEligibility } from '../src/checks/eligibility-request.js';
import { checkResultSchema } from '../src/checks/schema.js';
import { checkSubmission } from '../src/checks/submission.js';
import { formOfCode, formOfName, formOfType } from '../src/domain/entity.js';
import { DEFAULT_POLICY, policyFor, resolvePolicy } from '../src/domain/policy/index.js';
import { isQcError } from '../src/errors.js';
import type { OcrEngine } from '../src/reading/ocr/engine.js';
import { createEngine } from '../src/reading/ocr/registry.js';
import { buildBusinessLicense } from './corpus/business-license.js';
import { generateCompanies, type CorpusCompany } from './corpus/companies.js';
import { companyForCase, ELIGIBILITY_CASES, EXPECTED } from './corpus/eligibility-cases.js';
import { rasterize } from './corpus/raster.js';
import { createRng } from './corpus/random.js';

const DAY = '2026-06-18';
const [BASE] = generateCompanies(createRng('eligibility'), 1) as [CorpusCompany];
const fonts = { body: 400, bold: 700 } as const;

const facts = (over: Partial<EligibilityFacts> & { company?: EligibilityFacts['company'] } = {}): EligibilityFacts => ({
  level: 'AA',
  applicationDate: DAY,
  company: { name: BASE.name, creditCode: BASE.creditCode, establishedOn: '2015-03-02', termOpen: true },
  currentRating: { level: 'A', since: '2023-07-30' },
  ...over,
});
const rule = (e: ReturnType<typeof assessEligibility>, r: EligibilityRule) => e.reasons.find((x) => x.rule === r)!;

describe('entity forms', () => {
  it('reads the form from the licence type, the name and the code', () => {
    expect(formOfType('有限责任公司（自然人投资或控股）')).toBe('company');
    expect(formOfType('股份有限公司（非上市、自然人投资或控股）')).toBe('company');
    expect(formOfType('有限责任公司分公司（自然人投资或控股）')).toBe('branch');
    expect(formOfType('全民所有制企业分支机构（非法人）')).toBe('branch');
    expect(formOfType('个人独资企业')).toBe('sole-proprietorship');
    expect(formOfType('有限合伙企业')).toBe('partnership');
    expect(formOfType('个体工商户')).toBe('individual');
    expect(formOfType('农民专业合作社')).toBe('cooperative');
    expect(formOfType('全民所有制')).toBe('enterprise-legal-person');
    expect(formOfType('其他')).toBeNull();
    expect(formOfName('江苏恒瑞精密机械有限公司南京分公司')).toBe('branch');
    expect(formOfName('苏州华达机械厂办事处')).toBe('branch');
    expect(formOfName('盛源纺织（扬州）有限公司')).toBe('company');
    expect(formOfName('南京华鑫五金店')).toBeNull();
    expect(formOfName('扬州琛喆企业管理合伙企业（有限合伙）')).toBe('partnership');
    expect(formOfCode(BASE.creditCode)).toBeNull(); // 9 + 1: any enterprise, the code cannot tell which
    expect(formOfCode(`92${BASE.creditCode.slice(2)}`)).toBe('individual');
    expect(formOfCode(`12${BASE.creditCode.slice(2)}`)).toBe('not-enterprise');
  });
});

describe('rules on typed fields', () => {
  it('an eligible AA applicant with every fact stated: every rule met', () => {
    const e = assessEligibility(facts(), DEFAULT_POLICY);
    expect(e.eligible).toBe(true);
    expect(e.reasons.map((r) => [r.rule, r.status])).toEqual([
      ['jiangsu', 'met'],
      ['legalPerson', 'met'],
      ['years', 'met'],
      ['licence', 'met'],
      ['ladder', 'met'],
      ['publicCredit', 'unknown'], // no report given
    ]);
    expect(e.confirmed).toBe(false);
    expect(e.reasons.every((r) => r.ruleSource.length > 0)).toBe(true);
  });

  it('years in operation: exactly 3 years on the application day is enough, one day fewer is not', () => {
    expect(rule(assessEligibility(facts({ company: { ...facts().company, establishedOn: '2023-06-18' } })), 'years').status).toBe('met');
    const short = rule(assessEligibility(facts({ company: { ...facts().company, establishedOn: '2023-06-19' } })), 'years');
    expect(short).toMatchObject({ status: 'not-met', severity: 'error', code: 'QC_TOO_FEW_YEARS', params: { eligibleFrom: '2026-06-19', years: 3 } });
    // Born on 29 February: three years later is 28 February.
    expect(rule(assessEligibility(facts({ applicationDate: '2027-02-28', company: { ...facts().company, establishedOn: '2024-02-29' } })), 'years').status).toBe('met');
  });

  it('the licence: valid through its last day, expired the day after', () => {
    expect(rule(assessEligibility(facts({ company: { ...facts().company, termOpen: undefined, termTo: DAY } })), 'licence').status).toBe('met');
    const expired = rule(assessEligibility(facts({ company: { ...facts().company, termOpen: undefined, termTo: '2026-06-17' } })), 'licence');
    expect(expired).toMatchObject({ status: 'not-met', severity: 'error', code: 'QC_LICENCE_EXPIRED' });
  });

  it('Jiangsu: a code of another province is an error without a licence to say otherwise', () => {
    const shanghai = '91310112087994932F'; // a reference vector (test/fixtures/uscc-valid-vectors.txt)
    const e = assessEligibility(facts({ company: { ...facts().company, creditCode: shanghai } }));
    expect(rule(e, 'jiangsu')).toMatchObject({ status: 'not-met', severity: 'error', code: 'QC_NOT_IN_JIANGSU' });
    // A company that moved in keeps its code; its licence's address says Jiangsu.
    const moved = assessEligibility(facts({ company: { ...facts().company, creditCode: shanghai }, licence: licence({ address: '苏州市吴中区长江路8号' }) }));
    expect(rule(moved, 'jiangsu').status).toBe('met');
    // With a licence whose place was not read, it is for a person to look at.
    const unread = assessEligibility(facts({ company: { ...facts().company, creditCode: shanghai }, licence: licence({ address: null }) }));
    expect(rule(unread, 'jiangsu')).toMatchObject({ status: 'unknown', severity: 'warning' });
    // A road named after another province is not a province.
    const road = assessEligibility(facts({ licence: licence({ address: '南京市鼓楼区上海路8号' }) }));
    expect(rule(road, 'jiangsu').status).toBe('met');
  });

  it('independent legal person: each case in its own words', () => {
    const cases: [Partial<EligibilityFacts['company']>, string][] = [
      [{ name: `${BASE.name}南京分公司` }, 'QC_ENTITY_BRANCH'],
      [{ entityType: '个人独资企业' }, 'QC_ENTITY_SOLE_PROPRIETORSHIP'],
      [{ entityType: '普通合伙企业' }, 'QC_ENTITY_PARTNERSHIP'],
      [{ creditCode: `92${BASE.creditCode.slice(2)}` }, 'QC_ENTITY_INDIVIDUAL'],
    ];
    for (const [over, code] of cases) {
      const e = assessEligibility(facts({ company: { ...facts().company, ...over } }));
      expect(rule(e, 'legalPerson'), code).toMatchObject({ status: 'not-met', severity: 'error', code });
    }
  });

  it('a breach only one OCR reading shows is a warning; agreed by a typed fact it is an error', () => {
    const ocr = licence({ byOcr: true, establishedOn: '2024-05-01' });
    const alone = assessEligibility(facts({ company: { name: BASE.name, creditCode: BASE.creditCode, termOpen: true }, licence: ocr }));
    expect(rule(alone, 'years')).toMatchObject({ status: 'not-met', severity: 'warning' });
    expect(alone.eligible).toBe(true);
    const agreed = assessEligibility(facts({ company: { ...facts().company, establishedOn: '2024-05-01' }, licence: ocr }));
    expect(rule(agreed, 'years').severity).toBe('error');
    // The applicant's date and the licence's disagree: a person looks.
    const disagree = assessEligibility(facts({ licence: ocr }));
    expect(rule(disagree, 'years')).toMatchObject({ status: 'unknown', severity: 'warning' });
  });

  it('the ladder: a reminder without a stated rating, an error when the stated one does not qualify', () => {
    expect(rule(assessEligibility(facts({ currentRating: null })), 'ladder')).toMatchObject({ status: 'unknown', severity: 'info', code: 'QC_RATING_UNSTATED' });
    expect(rule(assessEligibility(facts({ currentRating: { level: 'A', since: '2024-06-19' } })), 'ladder')).toMatchObject({ status: 'not-met', severity: 'error', code: 'QC_RATING_LADDER' });
    expect(rule(assessEligibility(facts({ currentRating: { level: 'A', since: '2024-06-18' } })), 'ladder').status).toBe('met');
    expect(rule(assessEligibility(facts({ level: 'AAA', currentRating: { level: 'A', since: '2020-01-01' } })), 'ladder').status).toBe('not-met');
    expect(rule(assessEligibility(facts({ level: 'AAA', currentRating: { level: 'AA', since: '2025-08-01' } })), 'ladder').status).toBe('met');
    expect(rule(assessEligibility(facts({ level: 'A', currentRating: null })), 'ladder').status).toBe('met');
  });

  it('public credit: a listing as 严重失信 is an error, other records information', () => {
    const report = (records: { category: string; count: number | null; items?: string[] }[], byOcr = false) => ({ file: '信用报告.pdf', byOcr, records: records.map((r) => ({ items: [], ...r })), recordsFound: records.some((r) => (r.count ?? 1) > 0) });
    const listed = { category: '严重失信主体名单', count: 1, items: ['苏市监失信〔2025〕18号'] };
    expect(rule(assessEligibility(facts({ report: report([listed, { category: '行政处罚', count: 0 }]) })), 'publicCredit')).toMatchObject({ status: 'not-met', severity: 'error', code: 'QC_SERIOUS_DISHONESTY' });
    // Read by OCR, or counted from a dated line without the decision's number: a reviewer confirms it.
    expect(rule(assessEligibility(facts({ report: report([listed], true) })), 'publicCredit').severity).toBe('warning');
    expect(rule(assessEligibility(facts({ report: report([{ category: '严重失信主体名单', count: 1, items: ['2026年6月27日'] }]) })), 'publicCredit').severity).toBe('warning');
    // The report's own document number, or another category's row read into the list, is no listing.
    expect(rule(assessEligibility(facts({ report: report([{ category: '政府采购严重违法失信行为记录名单', count: 1, items: ['苏信报证〔2026〕2326号'] }]) })), 'publicCredit').severity).toBe('warning');
    expect(rule(assessEligibility(facts({ report: report([{ category: '行政处罚', count: 2 }, { category: '重大税收违法失信主体', count: 1, items: ['行政处罚泰靖市监罚字(2025)1062号'] }]) })), 'publicCredit').severity).toBe('warning');
    expect(rule(assessEligibility(facts({ report: report([{ category: '行政处罚', count: 2 }, { category: '严重失信主体名单', count: 0 }]) })), 'publicCredit')).toMatchObject({ status: 'met', severity: 'info', code: 'QC_PUBLIC_CREDIT_SUMMARY' });
    expect(rule(assessEligibility(facts({ report: report([{ category: '行政处罚', count: 0 }]) })), 'publicCredit').status).toBe('met');
  });

  it('policy is data: a portal overrides the years, and a wrong policy is a clear error', () => {
    const young = facts({ company: { ...facts().company, establishedOn: '2024-01-01' } });
    expect(assessEligibility(young).eligible).toBe(false);
    expect(assessEligibility(young, resolvePolicy({ minYearsInOperation: 2 })).eligible).toBe(true);
    expect(policyFor(2026).year).toBe(2026);
    let caught: unknown;
    try {
      resolvePolicy({ minYearsInOperation: -1 });
    } catch (error) {
      caught = error;
    }
    expect(isQcError(caught) && caught.code).toBe('QC_INPUT_INVALID');
  });
});

function licence(over: Partial<import('../src/checks/eligibility.js').LicenceEvidence> = {}) {
  return { file: '营业执照.pdf', byOcr: false, name: BASE.name, entityType: '有限责任公司（自然人投资或控股）', establishedOn: '2015-03-02', termTo: null, termOpen: true, address: BASE.address, registrationAuthority: null, ...over };
}

describe('licences made by the corpus, one per case', () => {
  let engine: OcrEngine;
  beforeAll(async () => {
    engine = await createEngine('tesseract');
  }, 60_000);
  afterAll(async () => {
    await engine?.close();
  });

  it.each(ELIGIBILITY_CASES.map((c) => [c]))('%s, read from the text layer', async (id) => {
    const company = companyForCase(id, BASE, DAY, createRng(`elig-${id}`));
    const built = await buildBusinessLicense(company, createRng(`elig-licence-${id}`), fonts);
    const answer = await checkEligibility({ level: 'AA', applicationDate: DAY, company: { name: company.name, creditCode: company.creditCode }, currentRating: { level: 'A', since: '2023-06-01' } }, { licence: { bytes: built.pdf, name: '营业执照.pdf' } }, { engine });
    const expected = EXPECTED[id];
    const errors = answer.reasons.filter((r) => r.severity === 'error');
    expect(answer.eligible, JSON.stringify(answer.reasons.map((r) => [r.rule, r.status, r.message]))).toBe(expected.eligible);
    if (expected.rule) expect(errors.map((r) => [r.rule, r.code])).toContainEqual([expected.rule, expected.code]);
    else expect(errors).toEqual([]);
  }, 60_000);

  it.each(['eligible', 'too-young', 'branch'] as const)('%s, read from a scan: never a false error', async (id) => {
    const company = companyForCase(id, BASE, DAY, createRng(`elig-${id}`));
    const built = await buildBusinessLicense(company, createRng(`elig-licence-${id}`), fonts);
    const scan = await rasterize(built.pdf, built.truth.pages, 'scan', createRng(`elig-scan-${id}`), new Date(Date.UTC(2026, 5, 1)));
    const answer = await checkEligibility({ level: 'AA', applicationDate: DAY, company: { name: company.name, creditCode: company.creditCode }, currentRating: { level: 'A', since: '2023-06-01' } }, { licence: { bytes: scan.bytes, name: '营业执照.jpg' } }, { engine });
    const errors = answer.reasons.filter((r) => r.severity === 'error').map((r) => r.rule);
    if (id === 'eligible') expect(errors).toEqual([]);
    // A breach read by OCR alone is at least a warning on its rule; the typed name agrees on a branch.
    else {
      const flagged = answer.reasons.find((r) => r.rule === EXPECTED[id].rule)!;
      expect(['error', 'warning']).toContain(flagged.severity);
      expect(errors.every((r) => r === EXPECTED[id].rule)).toBe(true);
    }
  }, 120_000);
});

describe('inside a whole submission', () => {
  it('check carries eligibility first, and its errors fail the verdict', async () => {
    const company = companyForCase('too-young', BASE, DAY, createRng('elig-sub'));
    const built = await buildBusinessLicense(company, createRng('elig-sub-licence'), fonts);
    const submission = { company: { name: company.name, creditCode: company.creditCode }, level: 'A' as const, applicationDate: DAY, files: [{ path: '营业执照.pdf', slot: 'business-license' as const }] };
    const result = await checkSubmission(submission, async () => built.pdf);
    expect(checkResultSchema.parse(result)).toBeTruthy();
    expect(result.eligibility.eligible).toBe(false);
    expect(result.findings.filter((f) => f.code === 'QC_TOO_FEW_YEARS').map((f) => f.severity)).toEqual(['error']);
    expect(result.verdict).toBe('fail');
    // The same company three years on may apply (a portal's policy of 2 years says so today).
    const relaxed = await checkSubmission(submission, async () => built.pdf, { policy: resolvePolicy({ minYearsInOperation: 2 }) });
    expect(relaxed.eligibility.reasons.find((r) => r.rule === 'years')!.status).toBe('met');
  }, 60_000);
});
