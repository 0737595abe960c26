/**
 * The evaluation's scoring (eval/metrics.ts): box overlap and matching, precision/recall, the
 * findings a truth calls for, and per-document scores. Wrong metrics are worse than none, so
 * each is checked on hand-computed cases, and the expected report findings are checked
 * against the check's own policy on the same facts.
 */
import { describe, expect, it } from 'vitest';
import { checkCreditReport, type CreditReport } from '../src/checks/credit-report.js';
import {
  compareFindings,
  expectedFindings,
  formatRate,
  iou,
  matchBoxes,
  precisionRecall,
  renderTable,
  scoreItem,
  Tally,
  yearsBefore,
  type FileContext,
  type ScoredAnalysis,
} from '../eval/metrics.js';
import { generateCompanies } from './corpus/companies.js';
import { buildPledge, PLEDGE_STATES } from './corpus/pledge.js';
import { addDays, createRng } from './corpus/random.js';
import type { CreditReportTruth, EvidenceTruth, PledgeTruth, Truth } from './corpus/types.js';

const box = (x: number, y: number, width: number, height: number) => ({ x, y, width, height });

describe('iou', () => {
  it('is 1 for the same box, 0 for disjoint or touching boxes, and symmetric', () => {
    expect(iou(box(0, 0, 10, 10), box(0, 0, 10, 10))).toBe(1);
    expect(iou(box(0, 0, 10, 10), box(20, 0, 10, 10))).toBe(0);
    expect(iou(box(0, 0, 10, 10), box(10, 0, 10, 10))).toBe(0);
    expect(iou(box(0, 0, 10, 10), box(5, 0, 10, 10))).toBeCloseTo(50 / 150);
    expect(iou(box(5, 0, 10, 10), box(0, 0, 10, 10))).toBeCloseTo(50 / 150);
  });

  it('is the area ratio for a box inside another, and 0 for empty boxes', () => {
    expect(iou(box(0, 0, 10, 10), box(2, 2, 5, 5))).toBeCloseTo(25 / 100);
    expect(iou(box(0, 0, 0, 0), box(0, 0, 0, 0))).toBe(0);
  });
});

describe('matchBoxes', () => {
  it('matches one to one: two detections of one seal are one hit and one false alarm', () => {
    const m = matchBoxes([box(0, 0, 10, 10)], [box(0, 0, 10, 10), box(1, 1, 10, 10)]);
    expect([m.tp, m.fp, m.fn]).toEqual([1, 1, 0]);
    expect(m.pairs[0]!.slice(0, 2)).toEqual([0, 0]);
  });

  it('pairs by best overlap first, so a detection cannot take a seal another detection fits better', () => {
    // Found box 0 fits truth 1 best (0.74) and truth 0 well (0.6); found box 1 is truth 1
    // exactly and misses truth 0 (0.43). Pairing found 0 with its best truth first would leave
    // one hit; the best pairs first give two.
    const truth = [box(0, 0, 10, 10), box(4, 0, 10, 10)];
    const found = [box(2.5, 0, 10, 10), box(4, 0, 10, 10)];
    expect(iou(truth[1]!, found[0]!)).toBeGreaterThan(iou(truth[0]!, found[0]!));
    expect(iou(truth[0]!, found[1]!)).toBeLessThan(0.5);
    const m = matchBoxes(truth, found, 0.5);
    expect([m.tp, m.fp, m.fn]).toEqual([2, 0, 0]);
  });

  it('counts nothing below the threshold', () => {
    const m = matchBoxes([box(0, 0, 10, 10)], [box(5, 0, 10, 10)], 0.5);
    expect([m.tp, m.fp, m.fn]).toEqual([0, 1, 1]);
    expect(matchBoxes([], [], 0.5)).toMatchObject({ tp: 0, fp: 0, fn: 0 });
  });
});

describe('precisionRecall', () => {
  it('divides by what was found and what was there; undefined is null, not 0 or 1', () => {
    expect(precisionRecall({ tp: 3, fp: 1, fn: 2 })).toEqual({ precision: 0.75, recall: 0.6 });
    expect(precisionRecall({ tp: 0, fp: 0, fn: 2 })).toEqual({ precision: null, recall: 0 });
    expect(precisionRecall({ tp: 0, fp: 2, fn: 0 })).toEqual({ precision: 0, recall: null });
  });
});

describe('yearsBefore', () => {
  it('keeps the calendar day, and takes 29 February to 28 February in a common year', () => {
    expect(yearsBefore('2026-06-18', 3)).toBe('2023-06-18');
    expect(yearsBefore('2028-02-29', 1)).toBe('2027-02-28');
    expect(yearsBefore('2028-02-29', 4)).toBe('2024-02-29');
  });
});

// ---- Expected findings -------------------------------------------------------------------

const [COMPANY, OTHER] = generateCompanies(createRng('eval-metrics'), 2);
const applicant = { name: COMPANY!.name, creditCode: COMPANY!.creditCode };
const ctx = (slot: FileContext['slot'], over: Partial<FileContext> = {}): FileContext => ({ slot, applicant, level: 'AA', applicationDate: '2026-06-18', ...over });

function reportTruth(over: Partial<CreditReportTruth> = {}): CreditReportTruth {
  return {
    kind: 'credit-report',
    variant: 'clean',
    title: '专项信用报告',
    uploadName: 'r.pdf',
    company: { name: COMPANY!.name, creditCode: COMPANY!.creditCode, legalRepresentative: COMPANY!.legalRepresentative },
    code: COMPANY!.creditCode,
    codePrinted: true,
    textLayer: true,
    fonts: { body: 400, bold: 700 },
    pages: [{ width: 595, height: 842, dpi: 72 }],
    seals: [],
    decoys: [],
    raster: null,
    reportNumber: 'JSXY1',
    from: '2023-06-17',
    to: '2026-06-16',
    generatedAt: '2026-06-16 10:00:00',
    simplePenaltyIncluded: true,
    allDomains: true,
    domains: [],
    recordsCount: 0,
    records: [],
    months: 36,
    periodPage: 1,
    layout: 'report-xinyong-table',
    ...over,
  };
}

describe('expectedFindings', () => {
  it('a right report in its slot calls for nothing; each wrong fact for its code', () => {
    expect(expectedFindings(reportTruth(), ctx('credit-report'))).toEqual([]);
    expect(expectedFindings(reportTruth({ from: '2025-06-17', months: 12 }), ctx('credit-report'))).toEqual(['QC_REPORT_RANGE_SHORT']);
    // Level A needs one year only.
    expect(expectedFindings(reportTruth({ from: '2025-06-17', months: 12 }), ctx('credit-report', { level: 'A' }))).toEqual([]);
    expect(expectedFindings(reportTruth({ allDomains: false }), ctx('credit-report'))).toEqual(['QC_REPORT_SETTINGS']);
    expect(expectedFindings(reportTruth({ simplePenaltyIncluded: false }), ctx('credit-report'))).toEqual(['QC_REPORT_SETTINGS']);
    expect(expectedFindings(reportTruth({ recordsCount: 2 }), ctx('credit-report'))).toEqual(['QC_REPORT_RECORDS']);
    expect(expectedFindings(reportTruth(), ctx('pledge'))).toEqual(['QC_WINDOW_MISMATCH']);
    expect(expectedFindings(reportTruth({ code: OTHER!.creditCode }), ctx('credit-report'))).toEqual(['QC_CODE_MISMATCH']);
    expect(expectedFindings(reportTruth({ codePrinted: false }), ctx('credit-report'))).toEqual(['QC_CODE_NOT_FOUND']);
  });

  it('agrees with the credit-report check on period and age, for reports read exactly', () => {
    // Every combination of period end, length and application day over a few months.
    const rng = createRng('eval-metrics-period');
    for (let i = 0; i < 400; i++) {
      const to = addDays('2026-05-01', rng.int(0, 80));
      const from = addDays(addDays(to, 1), -rng.pick([365, 366, 1095, 1096, 1000, 1080, 1110, 330, 400]));
      const generated = addDays(to, rng.int(0, 6));
      const applicationDate = addDays(generated, rng.int(0, 45));
      const level = rng.pick(['A', 'AA'] as const);
      const truth = reportTruth({ from, to, generatedAt: `${generated} 09:00:00` });
      const read: CreditReport = {
        from, to, generatedAt: generated, reportNumber: 'JSXY1', simplePenaltyIncluded: true, allDomains: true, domains: [], records: [], recordsFound: false,
        company: { name: applicant.name, creditCode: applicant.creditCode },
      };
      const tool = checkCreditReport(read, { level, applicationDate }, 'r.pdf').map((f) => f.code).sort();
      expect(expectedFindings(truth, ctx('credit-report', { level, applicationDate })), JSON.stringify({ from, to, generated, applicationDate, level })).toEqual(tool);
    }
  });

  it("follows each pledge state of the corpus: what is missing, and a 合同专用章 is not the 公章", async () => {
    const want: Record<string, string[]> = {
      'complete-typed-date': [],
      'complete-handwritten-date': [],
      'faded-seal': [],
      'no-seal': ['QC_SEAL_MISSING'],
      'no-signature': ['QC_SIGNATURE_MISSING'],
      'no-date': ['QC_DATE_MISSING'],
      'contract-seal': ['QC_SEAL_MISSING'],
      blank: ['QC_DATE_MISSING', 'QC_SEAL_MISSING', 'QC_SIGNATURE_MISSING'],
    };
    expect(Object.keys(want).sort()).toEqual([...PLEDGE_STATES].sort());
    for (const state of PLEDGE_STATES) {
      const built = await buildPledge(COMPANY!, createRng(`eval-metrics-${state}`), { body: 400, bold: 700 }, state);
      const truth = { ...built.truth, variant: 'clean', textLayer: true, raster: null } as PledgeTruth;
      expect(expectedFindings(truth, ctx('pledge')), state).toEqual(want[state]);
      // Another company's pledge: its code and its name.
      expect(expectedFindings(truth, ctx('pledge', { applicant: { name: OTHER!.name, creditCode: OTHER!.creditCode } })), state).toEqual(
        [...want[state]!, 'QC_CODE_MISMATCH', 'QC_NAME_MISMATCH'].sort(),
      );
    }
  }, 60_000);

  it('on a black-and-white copy a pledge or licence calls for the warning that asks for a colour copy', async () => {
    const built = await buildPledge(COMPANY!, createRng('eval-metrics-bw'), { body: 400, bold: 700 }, 'complete-typed-date');
    const raster = { dpi: 200, colour: true, container: 'jpeg', jpegQuality: 75, rotation: 0, blur: 0, noise: 0, pageCorners: null } as const;
    const colour = { ...built.truth, variant: 'scan', textLayer: false, raster } as PledgeTruth;
    const grey = { ...colour, raster: { ...raster, colour: false } } as PledgeTruth;
    expect(expectedFindings(colour, ctx('pledge'))).toEqual([]);
    expect(expectedFindings(grey, ctx('pledge'))).toEqual(['QC_SEAL_MISSING']);
    expect(scoreItem(colour, analysis()).blackAndWhite).toBe(false);
    expect(scoreItem(grey, analysis()).blackAndWhite).toBe(true);
  });

  it('evidence: only its window matters (its code is nobody’s business)', () => {
    const evidence = { ...reportTruth(), kind: 'evidence', windowId: 'infrastructure', template: 't', bulletIds: [], issuer: 'x', date: '2026-01-01', code: OTHER!.creditCode } as unknown as EvidenceTruth;
    expect(expectedFindings(evidence, ctx('infrastructure'))).toEqual([]);
    expect(expectedFindings(evidence, ctx('brand-building'))).toEqual(['QC_WINDOW_MISMATCH']);
    expect(expectedFindings(evidence, ctx('credit-report'))).toEqual(['QC_WINDOW_MISMATCH']);
  });
});

describe('compareFindings', () => {
  it('counts each code once per file', () => {
    expect(compareFindings(['QC_SEAL_MISSING'], ['QC_SEAL_MISSING'])).toEqual({ tp: 1, fp: 0, fn: 0, exact: true });
    expect(compareFindings(['QC_REPORT_SETTINGS'], ['QC_REPORT_SETTINGS', 'QC_REPORT_SETTINGS'])).toEqual({ tp: 1, fp: 0, fn: 0, exact: true });
    expect(compareFindings(['QC_SEAL_MISSING', 'QC_DATE_MISSING'], ['QC_DATE_MISSING', 'QC_CODE_INVALID'])).toEqual({ tp: 1, fp: 1, fn: 1, exact: false });
    expect(compareFindings([], [])).toEqual({ tp: 0, fp: 0, fn: 0, exact: true });
  });
});

// ---- Per-document scores -----------------------------------------------------------------

function analysis(over: Partial<ScoredAnalysis> = {}): ScoredAnalysis {
  return {
    kind: 'pledge',
    pages: [{ number: 1, width: 1654, height: 2339, dpi: 200, source: 'text-layer' }],
    creditCode: null,
    seal: { present: false, confidence: 0, regions: [], onSealArea: null },
    signature: { present: true, confidence: 0.9 },
    signedDate: '2026-06-16',
    report: null,
    window: null,
    ...over,
  };
}

describe('scoreItem', () => {
  const pledge = (over: Partial<PledgeTruth> = {}): Truth =>
    ({
      ...reportTruth(),
      kind: 'pledge',
      pages: [{ width: 595.28, height: 841.89, dpi: 72 }],
      seals: [{ page: 1, box: box(360, 672, 113, 113), role: 'company', text: '', centerText: null, faded: false }],
      state: 'complete-typed-date',
      sealPresent: true,
      officialSealPresent: true,
      signaturePresent: true,
      signature: null,
      signedDate: '2026-06-16',
      dateStyle: 'typed',
      ...over,
    }) as PledgeTruth;

  it('carries truth boxes in PDF points to the read page grid before matching seals', () => {
    const s = 200 / 72;
    const region = { page: 1, x: 360 * s, y: 672 * s, width: 113 * s, height: 113 * s, color: 'red' as const, confidence: 0.9 };
    const hit = scoreItem(pledge(), analysis({ seal: { present: true, confidence: 0.9, regions: [region], onSealArea: true } }));
    expect(hit.seals).toEqual({ tp: 1, fp: 0, fn: 0 });
    // The same pixels compared unscaled would be a miss and a false alarm.
    const unscaled = scoreItem(pledge(), analysis({ pages: [{ number: 1, width: 595.28, height: 841.89, dpi: 72, source: 'text-layer' }], seal: { present: true, confidence: 0.9, regions: [region], onSealArea: true } }));
    expect(unscaled.seals).toEqual({ tp: 0, fp: 1, fn: 1 });
  });

  it('scores the signature, the date (exact, or wrong), and the code (a wrong valid code is the worst)', () => {
    const right = scoreItem(pledge(), analysis({ creditCode: { value: COMPANY!.creditCode, valid: true, repaired: false, raw: '', candidates: [], page: 1, box: box(0, 0, 1, 1) } }));
    expect(right).toMatchObject({ kind: true, signature: true, date: { style: 'typed', exact: true, wrong: false }, code: { exact: true, wrongValid: false } });
    const wrong = scoreItem(pledge(), analysis({ signature: { present: false, confidence: 0.9 }, signedDate: '2026-06-15', creditCode: { value: OTHER!.creditCode, valid: true, repaired: true, raw: '', candidates: [], page: 1, box: box(0, 0, 1, 1) } }));
    expect(wrong).toMatchObject({ signature: false, date: { exact: false, wrong: true }, code: { exact: false, wrongValid: true } });
    // An unread handwritten date is not exact, but not wrong either.
    const unread = scoreItem(pledge({ dateStyle: 'handwritten' }), analysis({ signedDate: null }));
    expect(unread.date).toEqual({ style: 'handwritten', exact: false, wrong: false });
    // A blank date read as blank is exact.
    expect(scoreItem(pledge({ dateStyle: null, signedDate: null }), analysis({ signedDate: null })).date).toEqual({ style: 'blank', exact: true, wrong: false });
  });

  it('scores a report by its dates, settings and records; evidence by its window', () => {
    const sources = { period: null, generatedAt: null, reportNumber: null, settings: null };
    const read = { from: '2023-06-17', to: '2026-06-16', generatedAt: '2026-06-16', reportNumber: 'JSXY1', simplePenaltyIncluded: true, allDomains: true, records: [{ category: '行政处罚', count: 0, items: [] }], recordsFound: false, sources };
    expect(scoreItem(reportTruth(), analysis({ kind: 'credit-report', report: read })).report).toEqual({ dates: true, settings: true, records: true });
    expect(scoreItem(reportTruth(), analysis({ kind: 'credit-report', report: { ...read, to: '2026-06-15', allDomains: null } })).report).toEqual({ dates: false, settings: false, records: true });
    expect(scoreItem(reportTruth({ recordsCount: 1 }), analysis({ kind: 'credit-report', report: read })).report!.records).toBe(false);
    const evidence = { ...reportTruth(), kind: 'evidence', windowId: 'infrastructure' } as unknown as Truth;
    expect(scoreItem(evidence, analysis({ kind: 'evidence', window: { id: 'infrastructure', confidence: 1, ranking: [], reasons: [], bullets: [] } })).window).toBe(true);
    expect(scoreItem(evidence, analysis({ kind: 'evidence', window: null })).window).toBe(false);
  });

  it('scores the bullets evidence covers against those it was written for (a bullet scored 0 is not covered)', () => {
    const evidence = { ...reportTruth(), kind: 'evidence', windowId: 'infrastructure', bulletIds: ['infrastructure.1', 'infrastructure.5'] } as unknown as Truth;
    const bullets = [
      { id: 'infrastructure.5', score: 9 },
      { id: 'resources.2', score: 2 },
      { id: 'infrastructure.1', score: 0 },
    ];
    const window = { id: 'infrastructure' as const, confidence: 1, ranking: [], reasons: [], bullets };
    expect(scoreItem(evidence, analysis({ kind: 'evidence', window })).bullets).toEqual({ tp: 1, fn: 1, fp: 1 });
    expect(scoreItem(evidence, analysis({ kind: 'evidence', window: null })).bullets).toEqual({ tp: 0, fn: 2, fp: 0 });
  });
});

describe('Tally and tables', () => {
  it('pools rates over classes and prints them', () => {
    const t = new Tally();
    t.rate('kind', 'clean', true);
    t.rate('kind', 'scan', false);
    t.rate('kind', 'scan', true);
    expect(t.pooled('kind', ['clean', 'scan'])).toEqual({ n: 3, k: 2 });
    expect(formatRate(t.pooled('kind', ['scan']))).toBe('1/2 50.0%');
    expect(formatRate(t.pooled('kind', ['photo']))).toBe('—');
    t.count('seal', 'scan', { tp: 1, fp: 0, fn: 1 });
    t.count('seal', 'scan', { tp: 1, fp: 1, fn: 0 });
    expect(t.pooledCounts('seal', ['scan', 'clean'])).toEqual({ tp: 2, fp: 1, fn: 1 });
    const table = renderTable(['检查', 'clean'], [['kind', '1/1 100%']]).split('\n');
    expect(table[0]).toBe('检查     clean');
    expect(table[2]).toBe('kind  1/1 100%');
  });
});
