/**
 * The per-layout evaluation's scoring (eval/layouts.ts): what counts as a fact read right,
 * what counts as a wrong value given (never an honest null), how ours and the peer are put
 * into one shape, how rates add up, and which documents make a clean submission. Hand-made
 * truths and analyses only: no OCR, no held-out layout.
 */
import { describe, expect, it } from 'vitest';
import {
  fitsCleanSubmission,
  fmtRate,
  groupTable,
  layoutTable,
  markdownTable,
  oursFacts,
  peerFactsOf,
  rateOf,
  sameText,
  scoreFacts,
  wrongTotal,
  type DocRecord,
  type OurAnalysis,
  type ReadFacts,
  type SubmissionRecord,
} from '../eval/layouts.js';
import type { PeerFacts } from '../eval/peer.js';
import { generateCompanies } from './corpus/companies.js';
import { createRng } from './corpus/random.js';
import type { BusinessLicenseTruth, CreditReportTruth, PledgeTruth } from './corpus/types.js';

const [COMPANY, OTHER] = generateCompanies(createRng('eval-layouts-test'), 2) as [ReturnType<typeof generateCompanies>[number], ReturnType<typeof generateCompanies>[number]];
const box = { x: 0, y: 0, width: 10, height: 10 };

function base() {
  return {
    variant: 'clean' as const,
    layout: 'test-layout',
    title: 't',
    uploadName: 't.pdf',
    company: { name: COMPANY.name, creditCode: COMPANY.creditCode, legalRepresentative: COMPANY.legalRepresentative },
    code: COMPANY.creditCode,
    codePrinted: true,
    textLayer: true,
    fonts: { body: 400 as const, bold: 700 as const },
    pages: [{ width: 595, height: 842, dpi: 72 }],
    seals: [],
    decoys: [],
    raster: null,
  };
}

const report = (over: Partial<CreditReportTruth> = {}): CreditReportTruth => ({
  ...base(),
  kind: 'credit-report',
  seals: [{ page: 1, box, role: 'credit-centre', text: '江苏省公共信用信息中心', centerText: null, faded: false }],
  reportNumber: 'JSXY2026061500001',
  from: '2023-06-16',
  to: '2026-06-15',
  generatedAt: '2026-06-15 10:20:30',
  simplePenaltyIncluded: true,
  allDomains: true,
  domains: [],
  recordsCount: 0,
  records: [],
  months: 36,
  periodPage: 1,
  ...over,
});

const pledge = (over: Partial<PledgeTruth> = {}): PledgeTruth => ({
  ...base(),
  kind: 'pledge',
  seals: [{ page: 1, box, role: 'company', text: COMPANY.name, centerText: null, faded: false }],
  state: 'complete-typed-date',
  sealPresent: true,
  officialSealPresent: true,
  signaturePresent: true,
  signature: { page: 1, box },
  signedDate: '2026-06-16',
  dateFilled: true,
  dateStyle: 'typed',
  ...over,
});

const licence = (over: Partial<BusinessLicenseTruth> = {}): BusinessLicenseTruth => ({
  ...base(),
  kind: 'business-license',
  seals: [{ page: 1, box, role: 'registration-authority', text: '南京市市场监督管理局', centerText: null, faded: false }],
  name: COMPANY.name,
  entityType: '有限责任公司（自然人投资或控股）',
  legalRepresentative: COMPANY.legalRepresentative,
  registeredCapital: '500万元整',
  establishedOn: '2015-03-12',
  address: COMPANY.address,
  registrationAuthority: '南京市市场监督管理局',
  issuedOn: '2024-01-05',
  termUntil: null,
  copy: '副本',
  orientation: 'landscape',
  entity: 'company',
  ...over,
});

function ours(over: Partial<OurAnalysis> = {}): OurAnalysis {
  return { kind: 'credit-report', creditCode: null, report: null, licence: null, company: null, signing: null, findings: [], ...over };
}

const readReport = { from: '2023-06-16', to: '2026-06-15', generatedAt: '2026-06-15', reportNumber: 'JSXY2026061500001', allDomains: true, simplePenaltyIncluded: true };

describe('oursFacts and peerFactsOf', () => {
  it('takes the name from the licence on a licence and from the company a report names on a report', () => {
    const l = { name: '甲有限公司', entityType: null, legalRepresentative: null, registeredCapital: null, establishedOn: '2015-03-12', termFrom: null, termTo: null, termOpen: null, address: null, registrationAuthority: null, issuedOn: null };
    const a = ours({ kind: 'business-license', licence: l, company: { name: '乙有限公司' } });
    expect(oursFacts('business-license', a).companyName).toBe('甲有限公司');
    expect(oursFacts('business-license', a).establishedOn).toBe('2015-03-12');
    expect(oursFacts('credit-report', a).companyName).toBe('乙有限公司');
  });

  it('gives the pledge date and whether its line was filled; a failed analysis reads nothing', () => {
    const f = oursFacts('pledge', ours({ kind: 'pledge', signing: { date: null, filled: true } }));
    expect([f.signedDate, f.dateFilled]).toEqual([null, true]);
    const none = oursFacts('pledge', null);
    expect(none).toMatchObject({ kind: null, creditCode: null, signedDate: null, dateFilled: null });
  });

  it('leaves the peer unscored on kinds and on whether a date line was filled', () => {
    const p: PeerFacts = { creditCode: null, companyName: null, periodFrom: null, periodTo: null, generatedAt: null, reportNumber: null, allDomains: null, simplePenaltyIncluded: null, signedDate: null, establishedOn: null };
    const f = peerFactsOf(p);
    expect(f.kind).toBeUndefined();
    expect(f.dateFilled).toBeUndefined();
    expect(f.licence).toBeUndefined();
    const s = scoreFacts(pledge({ codePrinted: false }), f);
    expect(s.kind).toBeUndefined();
    expect(s.code).toBeUndefined();
    expect(s['licence-type']).toBeUndefined();
  });
});

describe('scoreFacts: credit reports', () => {
  it('is right when every part is exact, and takes the generation day from the timestamp', () => {
    const s = scoreFacts(report(), oursFacts('credit-report', ours({ report: readReport, company: { name: COMPANY.name }, creditCode: { value: COMPANY.creditCode } })));
    expect(s).toMatchObject({
      kind: { right: true, wrong: false },
      period: { right: true, wrong: false },
      generated: { right: true, wrong: false },
      settings: { right: true, wrong: false },
      number: { right: true, wrong: false },
      code: { right: true, wrong: false },
      name: { right: true, wrong: false },
    });
  });

  it('counts a null as not right but never as a wrong value; a wrong part makes the whole fact wrong', () => {
    const unread = scoreFacts(report(), oursFacts('credit-report', ours({ report: { ...readReport, to: null, allDomains: null } })));
    expect(unread.period).toEqual({ right: false, wrong: false });
    expect(unread.settings).toEqual({ right: false, wrong: false });
    expect(unread.code).toEqual({ right: false, wrong: false });
    const wrong = scoreFacts(report(), oursFacts('credit-report', ours({ report: { ...readReport, from: '2023-06-15', simplePenaltyIncluded: false }, creditCode: { value: OTHER.creditCode } })));
    expect(wrong.period).toEqual({ right: false, wrong: true });
    expect(wrong.settings).toEqual({ right: false, wrong: true });
    expect(wrong.code).toEqual({ right: false, wrong: true });
    // Settings right on one part, unread on the other: not right, and no wrong value.
    expect(scoreFacts(report({ allDomains: false }), oursFacts('credit-report', ours({ report: { ...readReport, allDomains: false, simplePenaltyIncluded: null } }))).settings).toEqual({ right: false, wrong: false });
  });

  it('compares names and numbers up to blanks and full-width forms, not up to other characters', () => {
    expect(sameText('南京（示范）科技 有限公司', '南京(示范)科技有限公司')).toBe(true);
    expect(sameText('ＪＳＸＹ１２', 'JSXY12')).toBe(true);
    expect(sameText('南京示范科技有限公司', '南京示范科技股份有限公司')).toBe(false);
    const s = scoreFacts(report(), { ...oursFacts('credit-report', ours({ report: { ...readReport, reportNumber: 'JSXY2026061500002' } })), companyName: COMPANY.name.replace('有限公司', '公司') });
    expect(s.number).toEqual({ right: false, wrong: true });
    expect(s.name).toEqual({ right: false, wrong: true });
  });

  it('does not score the code of a document that does not print it', () => {
    expect(scoreFacts(report({ codePrinted: false }), oursFacts('credit-report', ours())).code).toBeUndefined();
  });
});

describe('scoreFacts: pledge signing date', () => {
  const read = (date: string | null, filled: boolean | null): ReadFacts => ({ ...oursFacts('pledge', ours({ kind: 'pledge' })), signedDate: date, dateFilled: filled });

  it('is right for the exact date, or for an honest "filled in but unreadable"', () => {
    expect(scoreFacts(pledge(), read('2026-06-16', true)).signing).toEqual({ right: true, wrong: false });
    expect(scoreFacts(pledge(), read(null, true)).signing).toEqual({ right: true, wrong: false });
    // …but only the exact date counts in the exact row.
    expect(scoreFacts(pledge(), read(null, true))['signing-exact']).toEqual({ right: false, wrong: false });
    expect(scoreFacts(pledge(), read('2026-06-16', true))['signing-exact']).toEqual({ right: true, wrong: false });
  });

  it('is wrong for another date, and for a filled line called blank', () => {
    expect(scoreFacts(pledge(), read('2026-06-15', true)).signing).toEqual({ right: false, wrong: true });
    expect(scoreFacts(pledge(), read(null, false)).signing).toEqual({ right: false, wrong: true });
  });

  it('on a blank line, is right only for no date and filled=false', () => {
    const blank = pledge({ state: 'no-date', signedDate: null, dateFilled: false, dateStyle: null });
    expect(scoreFacts(blank, read(null, false)).signing).toEqual({ right: true, wrong: false });
    expect(scoreFacts(blank, read(null, true)).signing).toEqual({ right: false, wrong: true });
    expect(scoreFacts(blank, read('2026-06-16', true)).signing).toEqual({ right: false, wrong: true });
    // No exact-date row for a blank line.
    expect(scoreFacts(blank, read(null, false))['signing-exact']).toBeUndefined();
  });

  it('scores the peer, which does not say whether the line was filled, by its date alone', () => {
    const peer = (date: string | null): ReadFacts => ({ ...peerFactsOf({ creditCode: null, companyName: null, periodFrom: null, periodTo: null, generatedAt: null, reportNumber: null, allDomains: null, simplePenaltyIncluded: null, signedDate: date, establishedOn: null }) });
    expect(scoreFacts(pledge(), peer(null)).signing).toEqual({ right: false, wrong: false });
    expect(scoreFacts(pledge({ signedDate: null, dateFilled: false, dateStyle: null }), peer(null)).signing).toEqual({ right: true, wrong: false });
    expect(scoreFacts(pledge(), peer('2026-06-16')).signing).toEqual({ right: true, wrong: false });
  });
});

describe('scoreFacts: licences', () => {
  const read = (over: Partial<NonNullable<OurAnalysis['licence']>>) =>
    oursFacts('business-license', ours({
      kind: 'business-license',
      licence: { name: COMPANY.name, entityType: '有限责任公司(自然人投资或控股)', legalRepresentative: COMPANY.legalRepresentative, registeredCapital: '500万元整', establishedOn: '2015-03-12', termFrom: '2015-03-12', termTo: null, termOpen: true, address: COMPANY.address, registrationAuthority: '南京市市场监督管理局', issuedOn: '2024-01-05', ...over },
    }));

  it('scores name, date and every other field, a 长期 term as null', () => {
    const s = scoreFacts(licence(), read({}));
    for (const f of ['name', 'established', 'licence-type', 'licence-person', 'licence-capital', 'licence-address', 'licence-authority', 'licence-issued', 'licence-term'] as const) expect(s[f], f).toEqual({ right: true, wrong: false });
    const cut = scoreFacts(licence(), read({ entityType: '有限责任公司(自然人投资', termTo: '2045-03-11' }));
    expect(cut['licence-type']).toEqual({ right: false, wrong: true });
    expect(cut['licence-term']).toEqual({ right: false, wrong: true });
  });

  it('expects null where the truth prints nothing (no capital, a blank name)', () => {
    expect(scoreFacts(licence({ registeredCapital: '' }), read({ registeredCapital: null }))['licence-capital']).toEqual({ right: true, wrong: false });
    expect(scoreFacts(licence({ registeredCapital: '' }), read({ registeredCapital: '10万元' }))['licence-capital']).toEqual({ right: false, wrong: true });
    expect(scoreFacts(licence({ name: '' }), read({ name: null })).name).toEqual({ right: true, wrong: false });
  });
});

describe('rates and tables', () => {
  const doc = (group: 'dev' | 'held-out', layout: string, s: DocRecord['scores']): DocRecord => ({
    id: `${layout}-x`,
    layout,
    group,
    kind: 'credit-report',
    variant: 'clean',
    fileName: 'x.pdf',
    pages: 1,
    ocrPages: 0,
    ms: 1000,
    truth: oursFacts('credit-report', null),
    ours: oursFacts('credit-report', null),
    peer: oursFacts('credit-report', null),
    scores: s,
    findings: [],
  });
  const docs = [
    doc('dev', 'a', { ours: { period: { right: true, wrong: false }, number: { right: false, wrong: true } }, peer: { period: { right: false, wrong: true } } }),
    doc('dev', 'a', { ours: { period: { right: false, wrong: false } }, peer: { period: { right: true, wrong: false } } }),
    doc('held-out', 'b', { ours: { period: { right: true, wrong: false } }, peer: {} }),
  ];

  it('counts a fact over the documents it was scored on only', () => {
    expect(rateOf(docs, 'ours', 'period')).toEqual({ k: 2, n: 3 });
    expect(rateOf(docs, 'ours', 'number')).toEqual({ k: 0, n: 1 });
    expect(rateOf(docs, 'ours', 'number', 'wrong')).toEqual({ k: 1, n: 1 });
    expect(rateOf(docs, 'peer', 'period')).toEqual({ k: 1, n: 2 });
    expect(wrongTotal(docs, 'ours')).toEqual({ k: 1, n: 4 });
    // A fact only ours is scored on counts in the 'all' total only.
    const withKind = [...docs, doc('dev', 'a', { ours: { kind: { right: false, wrong: true } }, peer: {} })];
    expect(wrongTotal(withKind, 'ours')).toEqual({ k: 1, n: 4 });
    expect(wrongTotal(withKind, 'ours', 'all')).toEqual({ k: 2, n: 5 });
    expect(fmtRate({ k: 0, n: 0 })).toBe('—');
  });

  it('prints each group apart, and counts a submission with any error once', () => {
    const sub = (group: 'dev' | 'held-out', errors: SubmissionRecord['errors']): SubmissionRecord => ({ group, name: group, company: 'c', applicationDate: '2026-06-20', files: [], verdict: errors.length ? 'fail' : 'pass', errors, warnings: [], ms: 0 });
    const table = groupTable({ documents: docs, submissions: [sub('dev', []), sub('held-out', [{ code: 'QC_NAME_MISMATCH', message: 'm' }, { code: 'QC_CODE_NOT_FOUND', message: 'm' }])] }).split('\n');
    expect(table[0]).toBe('| fact | dev: ours | dev: peer | held-out: ours | held-out: peer |');
    expect(table.find((l) => l.startsWith('| report period'))).toBe('| report period (from and to exact) | 1/2 | 1/2 | 1/1 | — |');
    expect(table.find((l) => l.startsWith('| false errors'))).toBe('| false errors on clean submissions | 0/1 | — | 1/1 | — |');
    const layouts = layoutTable({ documents: docs }).split('\n');
    expect(layouts.find((l) => l.startsWith('| a |'))).toContain('| 1/2 · 1/2 |');
  });

  it('escapes pipes in markdown cells', () => {
    expect(markdownTable(['a', 'b'], [['x|y', '1']]).split('\n')[2]).toBe('| x\\|y | 1 |');
  });
});

describe('fitsCleanSubmission', () => {
  const ctx = { applicant: { name: COMPANY.name, creditCode: COMPANY.creditCode }, applicationDate: '2026-06-20' };

  it('takes a company licence, a complete pledge and a 36-month report in date with the right settings', () => {
    expect(fitsCleanSubmission(licence(), ctx)).toBe(true);
    expect(fitsCleanSubmission(pledge(), ctx)).toBe(true);
    expect(fitsCleanSubmission(pledge({ state: 'complete-handwritten-date', dateStyle: 'handwritten' }), ctx)).toBe(true);
    expect(fitsCleanSubmission(report(), ctx)).toBe(true);
  });

  it("refuses another company's documents, branches, incomplete pledges and reports out of order", () => {
    expect(fitsCleanSubmission(licence({ entity: 'branch' }), ctx)).toBe(false);
    expect(fitsCleanSubmission(licence({ code: OTHER.creditCode }), ctx)).toBe(false);
    expect(fitsCleanSubmission(licence({ name: OTHER.name }), ctx)).toBe(false);
    expect(fitsCleanSubmission(pledge({ state: 'no-date', signedDate: null, dateFilled: false, dateStyle: null }), ctx)).toBe(false);
    expect(fitsCleanSubmission(pledge({ state: 'contract-seal', officialSealPresent: false }), ctx)).toBe(false);
    expect(fitsCleanSubmission(pledge({ codePrinted: false }), ctx)).toBe(false);
    expect(fitsCleanSubmission(report({ months: 12, from: '2025-06-16' }), ctx)).toBe(false);
    expect(fitsCleanSubmission(report({ allDomains: false }), ctx)).toBe(false);
    expect(fitsCleanSubmission(report({ simplePenaltyIncluded: false }), ctx)).toBe(false);
    expect(fitsCleanSubmission(report({ recordsCount: 1 }), ctx)).toBe(false);
    // Generated more than 30 days before the application.
    expect(fitsCleanSubmission(report({ generatedAt: '2026-05-10 09:00:00', to: '2026-05-10', from: '2023-05-11' }), ctx)).toBe(false);
  });
});
