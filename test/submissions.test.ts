/**
 * Whole AA submissions over the corpus (eval/kit.ts): a correct one passes with no finding at
 * all, as text-layer PDFs and with its licence, pledge, report and two certificates scanned;
 * the same submission with defects planted gets the verdict and exactly the findings the
 * planted defects call for — each on the right file, with the right severity, nothing else.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckResult } from '../src/checks/schema.js';
import { checkSubmission } from '../src/checks/submission.js';
import type { OcrEngine } from '../src/reading/ocr/engine.js';
import { createEngine } from '../src/reading/ocr/registry.js';
import { aaSubmission, creditReportOf, submissionOf, type Kit, type KitFile } from '../eval/kit.js';
import { colourScan, eraseMark } from '../eval/plant.js';
import { generateCompanies, type CorpusCompany } from './corpus/companies.js';
import { buildPledge } from './corpus/pledge.js';
import { addDays, createRng } from './corpus/random.js';
import type { PledgeTruth } from './corpus/types.js';

const LABEL = 'qcredit-submissions';
const [COMPANY, OTHER] = generateCompanies(createRng(LABEL), 2) as [CorpusCompany, CorpusCompany];
const SCANNED = new Set(['business-license', 'pledge', 'credit-report', 'infrastructure', 'rnd-innovation']);

let engine: OcrEngine;
let text: Kit;
let scanned: Kit;

beforeAll(async () => {
  engine = await createEngine('tesseract');
  [text, scanned] = await Promise.all([
    aaSubmission(COMPANY, { label: LABEL }),
    aaSubmission(COMPANY, { label: LABEL, scan: (slot) => SCANNED.has(slot) }),
  ]);
}, 120_000);

afterAll(async () => {
  await engine?.close();
});

const bySlot = (kit: Kit, slot: string) => kit.files.find((f) => f.slot === slot)!;
const replace = (files: KitFile[], slot: string, change: Partial<KitFile>) => files.map((f) => (f.slot === slot ? { ...f, ...change } : f));
const check = (kit: Kit, files: KitFile[] = kit.files, applicationDate = kit.applicationDate) => {
  const { submission, load } = submissionOf(kit, files, { applicationDate });
  return checkSubmission(submission, load, { engine });
};
const found = (result: CheckResult) => result.findings.map((f) => `${f.code}/${f.severity}/${f.file ?? ''}`).sort();

describe('a correct AA submission (14 files)', () => {
  it('passes with no finding, as text-layer PDFs', async () => {
    const result = await check(text);
    expect(result.files).toHaveLength(14);
    expect(found(result)).toEqual([]);
    expect(result.verdict).toBe('pass');
    // Every window's evidence is where it belongs, and counted for it.
    for (const window of result.windows) expect(window.files, window.id).toHaveLength(1);
    expect(result.files.every((f) => !f.misplaced)).toBe(true);
  });

  it('passes with no finding with five of its files scanned (OCR)', async () => {
    const result = await check(scanned);
    expect(result.files.filter((f) => f.pages.some((p) => p.source === 'ocr')).map((f) => f.slot).sort()).toEqual([...SCANNED].sort());
    expect(found(result)).toEqual([]);
    expect(result.verdict).toBe('pass');
    for (const file of result.files.filter((f) => f.kind !== 'evidence')) expect(file.creditCode?.value, file.file).toBe(COMPANY.creditCode);
  }, 300_000);
});

describe('the same submission with defects planted', () => {
  it('an unsigned pledge, a one-year report, the ISO 9001 certificate in 品牌建设: exactly those findings', async () => {
    const pledge = bySlot(text, 'pledge');
    const signature = (pledge.truth as PledgeTruth).signature!;
    const oneYear = await creditReportOf(COMPANY, `${LABEL}-report`, { months: 12 });
    const cert = bySlot(text, 'infrastructure');
    let files = replace(text.files, 'pledge', { bytes: await eraseMark(pledge.pdf, signature.page, signature.box) });
    files = replace(files, 'credit-report', { bytes: oneYear.pdf });
    files = replace(files, 'infrastructure', { slot: 'brand-building' });
    const result = await check(text, files);
    expect(found(result)).toEqual(
      [
        `QC_SIGNATURE_MISSING/error/${pledge.name}`,
        `QC_REPORT_RANGE_SHORT/error/${bySlot(text, 'credit-report').name}`,
        `QC_WINDOW_MISMATCH/error/${cert.name}`,
        // The certificate's own window is now empty.
        'QC_MATERIAL_MISSING/warning/',
      ].sort(),
    );
    expect(result.findings.find((f) => f.code === 'QC_MATERIAL_MISSING')!.params.material).toContain('基础设施建设');
    expect(result.files.find((f) => f.file === cert.name)).toMatchObject({ misplaced: true, suggestedSlot: 'infrastructure' });
    expect(result.verdict).toBe('fail');
  });

  it("another company's pledge, a report queried wrong with a penalty, 31 days old, a licence copy without seals", async () => {
    const foreign = await buildPledge(OTHER, createRng(`${LABEL}-foreign-pledge`), { body: 400, bold: 700 }, 'complete-typed-date');
    const wrong = await creditReportOf(COMPANY, `${LABEL}-report`, { allDomains: false, records: 1 });
    const licence = bySlot(text, 'business-license');
    let bare = licence.pdf;
    for (const s of licence.truth.seals) bare = await eraseMark(bare, s.page, s.box);
    let files = replace(text.files, 'pledge', { bytes: foreign.pdf });
    files = replace(files, 'credit-report', { bytes: wrong.pdf });
    files = replace(files, 'business-license', { bytes: bare });
    // 31 days after the report: more than 30 (stale), its period still reaches the application within the month allowed.
    const applicationDate = addDays(wrong.truth.generatedAt.slice(0, 10), 31);
    const monthDay = applicationDate.slice(5);
    const result = await check(text, files, applicationDate);
    const pledge = bySlot(text, 'pledge').name;
    const report = bySlot(text, 'credit-report').name;
    expect(found(result)).toEqual(
      [
        `QC_CODE_MISMATCH/error/${pledge}`,
        `QC_NAME_MISMATCH/error/${pledge}`,
        `QC_REPORT_SETTINGS/error/${report}`,
        `QC_REPORT_RECORDS/warning/${report}`,
        `QC_REPORT_STALE/warning/${report}`,
        `QC_SEAL_MISSING/warning/${licence.name}`,
        ...(monthDay >= '05-20' && monthDay <= '07-20' ? [] : ['QC_OUTSIDE_APPLICATION_PERIOD/error/']),
      ].sort(),
    );
    expect(result.findings.find((f) => f.code === 'QC_CODE_MISMATCH')!.params).toMatchObject({ code: OTHER.creditCode, expected: COMPANY.creditCode });
    expect(result.verdict).toBe('fail');
  });

  it('scanned: a pledge without its seal and the scanned ISO 9001 certificate in 品牌建设', async () => {
    const pledge = bySlot(scanned, 'pledge');
    const seal = pledge.truth.seals[0]!;
    const unsealed = await colourScan(await eraseMark(pledge.pdf, seal.page, seal.box), pledge.truth.pages, `${LABEL}-scan-2-承诺书`);
    const cert = bySlot(scanned, 'infrastructure');
    let files = replace(scanned.files, 'pledge', { bytes: unsealed.bytes });
    files = replace(files, 'infrastructure', { slot: 'brand-building' });
    const result = await check(scanned, files);
    expect(found(result)).toEqual([`QC_SEAL_MISSING/error/${pledge.name}`, `QC_WINDOW_MISMATCH/error/${cert.name}`, 'QC_MATERIAL_MISSING/warning/'].sort());
    expect(result.verdict).toBe('fail');
  }, 300_000);

  it('a submission of nothing but the pledge, outside the period: every missing material and the period', async () => {
    const pledge = bySlot(text, 'pledge');
    const result = await check(text, [pledge], '2026-08-01');
    const missing = result.findings.filter((f) => f.code === 'QC_MATERIAL_MISSING');
    // The licence and the report (errors), and the 11 windows (warnings).
    expect(missing.filter((f) => f.severity === 'error')).toHaveLength(2);
    expect(missing.filter((f) => f.severity === 'warning')).toHaveLength(11);
    expect(found(result).filter((f) => !f.startsWith('QC_MATERIAL_MISSING'))).toEqual(['QC_OUTSIDE_APPLICATION_PERIOD/error/']);
    expect(result.verdict).toBe('fail');
  });
});
