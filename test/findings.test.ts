/**
 * Every finding code of the pre-check, raised by a real document that has the defect and not
 * by the same document without it, through the real pipeline (analyzeFile / checkSubmission:
 * PDF text layer or OCR, seal detection, signing area, credit-report parsing, classification).
 *
 * Pairs are minimal: one corpus document, and the same document with one thing changed —
 * a mark erased from the PDF (eval/plant.ts), one field printed differently, or one random
 * draw of the builder forced while every other draw stays the same. Most pairs are
 * text-layer PDFs (milliseconds); a few colour scans show the same holds under OCR.
 */
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeFile, type AnalyzeOptions } from '../src/checks/analyze.js';
import type { Analysis, CheckResult, Slot } from '../src/checks/schema.js';
import { checkSubmission } from '../src/checks/submission.js';
import type { Level } from '../src/domain/levels.js';
import { repairUscc, USCC_ALPHABET } from '../src/domain/uscc.js';
import type { OcrEngine } from '../src/reading/ocr/engine.js';
import { createEngine } from '../src/reading/ocr/registry.js';
import { readUpload } from '../src/reading/read.js';
import { creditReportOf, type ReportShape } from '../eval/kit.js';
import { renderHtmlReport } from '../src/report/html.js';
import { advanced, colourScan, contains, drawnImages, eraseImages, eraseMark } from '../eval/plant.js';
import { buildBusinessLicense } from './corpus/business-license.js';
import { generateCompanies, type CorpusCompany } from './corpus/companies.js';
import { buildEvidence, templatesFor } from './corpus/evidence.js';
import type { FontChoice } from './corpus/fonts.js';
import { buildPledge } from './corpus/pledge.js';
import { addDays, createRng } from './corpus/random.js';
import type { BuiltDocument, PledgeTruth } from './corpus/types.js';

const FONTS: FontChoice = { body: 400, bold: 700 };
const [COMPANY, OTHER] = generateCompanies(createRng('qcredit-findings'), 2) as [CorpusCompany, CorpusCompany];

let engine: OcrEngine;
beforeAll(async () => {
  engine = await createEngine('tesseract');
});
afterAll(async () => {
  await engine?.close();
});

const codes = (x: { findings: { code: string; severity: string }[] }) => x.findings.map((f) => `${f.code}/${f.severity}`);
const has = (x: { findings: { code: string }[] }, code: string) => x.findings.some((f) => f.code === code);
const analyze = (bytes: Uint8Array, name: string, options: AnalyzeOptions = {}): Promise<Analysis> => analyzeFile(bytes, name, { engine, ...options });

interface Upload {
  name: string;
  bytes: Uint8Array;
  slot: Slot;
}

function submit(files: Upload[], options: { level?: Level; applicationDate?: string; quick?: boolean } = {}): Promise<CheckResult> {
  const company = COMPANY;
  const bytes = new Map(files.map((f) => [f.name, f.bytes]));
  return checkSubmission(
    {
      company: { name: company.name, creditCode: company.creditCode },
      level: options.level ?? 'A',
      applicationDate: options.applicationDate ?? '2026-06-18',
      files: files.map(({ name, slot }) => ({ path: name, slot })),
    },
    async (path) => bytes.get(path)!,
    { engine, quick: options.quick },
  );
}
const fileFindings = (result: CheckResult, file: string) => result.findings.filter((f) => f.file === file);

// ---- Documents -------------------------------------------------------------------------

const pledge = (company = COMPANY) => buildPledge(company, createRng('findings-pledge'), FONTS, 'complete-typed-date');
const licence = (company = COMPANY) => buildBusinessLicense(company, createRng('findings-licence'), FONTS);

/** A 信用江苏 report of the applicant; shapes of it differ only in what they force. */
const report = (shape: ReportShape = {}) => creditReportOf(COMPANY, 'findings-report', shape);

const evidence = async (window: Parameters<typeof templatesFor>[0], templateId: string) => {
  const template = templatesFor(window).find((t) => t.id === templateId);
  if (!template) throw new Error(`no evidence template ${templateId}`);
  return buildEvidence(COMPANY, createRng(`findings-evidence-${templateId}`), FONTS, template);
};

/**
 * A misprint of `code` — one character changed, the check character first — for which the
 * checksum repair answers `status`.
 */
function misprint(code: string, status: 'unrepairable' | 'ambiguous'): string {
  for (let at = 17; at >= 0; at--) {
    for (const ch of USCC_ALPHABET) {
      const typo = code.slice(0, at) + ch + code.slice(at + 1);
      if (typo !== code && repairUscc(typo).status === status) return typo;
    }
  }
  throw new Error(`no ${status} misprint of ${code}`);
}

const pageText = async (bytes: Uint8Array) => (await readUpload(bytes, { name: 'x.pdf', noCache: true })).pages.map((p) => p.text).join('\n');

// ---- Single documents (text layer) -----------------------------------------------------

describe('findings on one document, text-layer PDFs', () => {
  it('QC_CODE_NOT_FOUND: a licence whose code is not printed; not the same licence with it', async () => {
    const [withCode, without] = await Promise.all([licence(), licence({ ...COMPANY, creditCode: '' })]);
    const good = await analyze(withCode.pdf, '营业执照.pdf');
    const bad = await analyze(without.pdf, '营业执照.pdf');
    expect(good.kind).toBe('business-license');
    expect(good.creditCode?.value).toBe(COMPANY.creditCode);
    expect(has(good, 'QC_CODE_NOT_FOUND')).toBe(false);
    expect(bad.kind).toBe('business-license');
    expect(codes(bad)).toContain('QC_CODE_NOT_FOUND/error');
  });

  it('QC_CODE_INVALID: a licence with a misprinted code the checksum cannot repair; not the same licence printed right', async () => {
    const typo = misprint(COMPANY.creditCode, 'unrepairable');
    const [good, bad] = await Promise.all([licence(), licence({ ...COMPANY, creditCode: typo })].map(async (b) => analyze((await b).pdf, '营业执照.pdf')));
    expect(has(good!, 'QC_CODE_INVALID')).toBe(false);
    expect(bad!.creditCode).toMatchObject({ valid: false, raw: typo });
    expect(codes(bad!)).toContain('QC_CODE_INVALID/error');
    expect(bad!.findings.find((f) => f.code === 'QC_CODE_INVALID')!.params.code).toBe(typo);
  });

  // Found by the evaluation: a licence printing 913204005261429000 (check character misprinted
  // as 0) was once 'repaired' to 9132040052G14290D0, a code printed nowhere. A text layer's code
  // is reported as printed.
  it("QC_CODE_INVALID: a misprint with one 'ambiguous' repair suggestion is not turned into a valid code", async () => {
    const typo = misprint(COMPANY.creditCode, 'ambiguous');
    const bad = await analyze((await licence({ ...COMPANY, creditCode: typo })).pdf, '营业执照.pdf');
    expect(bad.creditCode?.valid).toBe(false);
    expect(codes(bad)).toContain('QC_CODE_INVALID/error');
  });

  it('QC_SEAL_MISSING: a pledge with its seal erased (error); a licence with no seal at all (warning)', async () => {
    const p = await pledge();
    const seal = p.truth.seals[0]!;
    const unsealed = await eraseMark(p.pdf, seal.page, seal.box);
    // The same document: the text layer is untouched.
    expect(await pageText(unsealed)).toBe(await pageText(p.pdf));
    const good = await analyze(p.pdf, '承诺书.pdf');
    const bad = await analyze(unsealed, '承诺书.pdf');
    expect(good.seal.present).toBe(true);
    expect(has(good, 'QC_SEAL_MISSING')).toBe(false);
    expect(bad.seal.present).toBe(false);
    expect(codes(bad)).toEqual(['QC_SEAL_MISSING/error']);

    const l = await licence();
    let bare = l.pdf;
    for (const s of l.truth.seals) bare = await eraseMark(bare, s.page, s.box);
    const sealed = await analyze(l.pdf, '营业执照.pdf');
    const unsealedLicence = await analyze(bare, '营业执照.pdf');
    expect(has(sealed, 'QC_SEAL_MISSING')).toBe(false);
    expect(codes(unsealedLicence)).toEqual(['QC_SEAL_MISSING/warning']);
  });

  it('QC_SIGNATURE_MISSING: a pledge with its signature erased', async () => {
    const p = await pledge();
    const unsigned = await eraseMark(p.pdf, p.truth.signature!.page, p.truth.signature!.box);
    const good = await analyze(p.pdf, '承诺书.pdf');
    const bad = await analyze(unsigned, '承诺书.pdf');
    expect(good.signature?.present).toBe(true);
    expect(codes(good)).toEqual([]);
    expect(bad.signature?.present).toBe(false);
    expect(codes(bad)).toEqual(['QC_SIGNATURE_MISSING/error']);
  });

  it('QC_DATE_MISSING: a pledge whose 年 月 日 was left blank; not the same pledge dated', async () => {
    const dated = await pledge();
    // The dated build draws the date, the blank one does not: skipping that draw lines the
    // blank build up with the dated one (the same signature, the seal moved with the line).
    let blank: BuiltDocument<PledgeTruth> | undefined;
    for (let skip = 0; skip < 4 && !blank; skip++) {
      const built = await buildPledge(COMPANY, advanced('findings-pledge', skip), FONTS, 'no-date');
      if (JSON.stringify(built.truth.signature) === JSON.stringify(dated.truth.signature)) blank = built;
    }
    expect(blank, 'a blank-date build lined up with the dated one').toBeDefined();
    const good = await analyze(dated.pdf, '承诺书.pdf');
    const bad = await analyze(blank!.pdf, '承诺书.pdf');
    expect(good.signedDate).toBe(dated.truth.signedDate);
    expect(has(good, 'QC_DATE_MISSING')).toBe(false);
    expect(bad.signedDate).toBeNull();
    expect(codes(bad)).toEqual(['QC_DATE_MISSING/error']);
  });

  it('QC_DATE_MISSING: handwritten digits erased is an error; the digits there are at most "unreadable" (a warning)', async () => {
    const hand = await buildPledge(COMPANY, createRng('findings-hand'), FONTS, 'complete-handwritten-date');
    // The pledge's ink is drawn in order: signature, the year, month and day digits, seal.
    const page = hand.truth.signature!.page;
    const images = await drawnImages(await PDFDocument.load(hand.pdf), page - 1);
    const signature = images.findIndex((d) => contains(d.box, hand.truth.signature!.box));
    const digits = images.slice(signature + 1, signature + 4);
    expect(digits).toHaveLength(3);
    expect(contains(images[signature + 4]!.box, hand.truth.seals[0]!.box), 'the seal follows the digits').toBe(true);
    const blank = await eraseImages(hand.pdf, page, digits.map((d) => d.name));
    const filled = await analyze(hand.pdf, '承诺书.pdf');
    const empty = await analyze(blank, '承诺书.pdf');
    expect(filled.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(codes(empty)).toEqual(['QC_DATE_MISSING/error']);
  });

  it('QC_REPORT_RANGE_SHORT: a one-year report for AA; not the same report over three years', async () => {
    const [three, one] = await Promise.all([report(), report({ months: 12 })]);
    expect(one.truth.reportNumber).toBe(three.truth.reportNumber);
    const applicationDate = three.truth.generatedAt.slice(0, 10);
    const good = await analyze(three.pdf, '专项信用报告.pdf', { level: 'AA', applicationDate });
    const bad = await analyze(one.pdf, '专项信用报告.pdf', { level: 'AA', applicationDate });
    expect(codes(good)).toEqual([]);
    expect(codes(bad)).toEqual(['QC_REPORT_RANGE_SHORT/error']);
    expect(bad.findings[0]!.params).toMatchObject({ from: one.truth.from, to: one.truth.to, years: 3 });
  });

  it('QC_REPORT_STALE: the same report, checked 31 days after it was generated; not 1 day after', async () => {
    const r = await report();
    const generated = r.truth.generatedAt.slice(0, 10);
    const fresh = await analyze(r.pdf, '专项信用报告.pdf', { level: 'A', applicationDate: addDays(generated, 1) });
    const stale = await analyze(r.pdf, '专项信用报告.pdf', { level: 'A', applicationDate: addDays(generated, 31) });
    expect(has(fresh, 'QC_REPORT_STALE')).toBe(false);
    expect(codes(stale)).toContain('QC_REPORT_STALE/warning');
    expect(stale.findings.find((f) => f.code === 'QC_REPORT_STALE')!.params).toMatchObject({ generatedAt: generated });
  });

  it('QC_REPORT_SETTINGS: 简易处罚 “否”, or a partial 查询领域; not the same report queried right', async () => {
    const [right, noSimple, partial] = await Promise.all([report(), report({ simplePenaltyIncluded: false }), report({ allDomains: false })]);
    const applicationDate = right.truth.generatedAt.slice(0, 10);
    const check = (b: BuiltDocument) => analyze(b.pdf, '专项信用报告.pdf', { level: 'AA', applicationDate });
    expect(codes(await check(right))).toEqual([]);
    const a = await check(noSimple);
    expect(codes(a)).toEqual(['QC_REPORT_SETTINGS/error']);
    expect(a.findings[0]!.params.problems).toContain('简易处罚');
    const b = await check(partial);
    expect(codes(b)).toEqual(['QC_REPORT_SETTINGS/error']);
    expect(b.findings[0]!.params.problems).toContain('查询领域');
  });

  it('QC_REPORT_RECORDS: a report listing an administrative penalty; not the same report without it', async () => {
    const [clean, penalised] = await Promise.all([report(), report({ records: 1 })]);
    const applicationDate = clean.truth.generatedAt.slice(0, 10);
    const good = await analyze(clean.pdf, '专项信用报告.pdf', { level: 'AA', applicationDate });
    const bad = await analyze(penalised.pdf, '专项信用报告.pdf', { level: 'AA', applicationDate });
    expect(codes(good)).toEqual([]);
    expect(codes(bad)).toEqual(['QC_REPORT_RECORDS/warning']);
    expect(bad.findings[0]!.params.categories).toContain('行政处罚 1 条');
  });
});

// ---- Across a submission (text layer) --------------------------------------------------

describe('findings across a submission, text-layer PDFs', () => {
  const base = async (): Promise<Upload[]> => [
    { name: '营业执照.pdf', bytes: (await licence()).pdf, slot: 'business-license' },
    { name: '承诺书.pdf', bytes: (await pledge()).pdf, slot: 'pledge' },
    { name: '专项信用报告.pdf', bytes: (await report()).pdf, slot: 'credit-report' },
  ];
  const applicationDate = async () => (await report()).truth.generatedAt.slice(0, 10);

  it('the base submission (level A) passes with no findings', async () => {
    const result = await submit(await base(), { applicationDate: await applicationDate() });
    expect(result.findings.map((f) => `${f.code}/${f.severity}/${f.file}`)).toEqual([]);
    expect(result.verdict).toBe('pass');
  });

  it("QC_CODE_MISMATCH: another company's code on the pledge; not the applicant's", async () => {
    const files = await base();
    const foreign = await pledge({ ...COMPANY, creditCode: OTHER.creditCode });
    const result = await submit([files[0]!, { ...files[1]!, bytes: foreign.pdf }, files[2]!], { applicationDate: await applicationDate() });
    expect(fileFindings(result, '承诺书.pdf').map((f) => `${f.code}/${f.severity}`)).toEqual(['QC_CODE_MISMATCH/error']);
    expect(fileFindings(result, '承诺书.pdf')[0]!.params).toMatchObject({ code: OTHER.creditCode, expected: COMPANY.creditCode });
    expect(result.findings.filter((f) => f.file !== '承诺书.pdf')).toEqual([]);
  });

  it("QC_CODE_MISMATCH: another company's licence is flagged, and the pledge and report that carry the applicant's code are not", async () => {
    const files = await base();
    const licenceFile = files.find((f) => f.slot === 'business-license')!;
    const foreign = await licence({ ...COMPANY, creditCode: OTHER.creditCode });
    const result = await submit(files.map((f) => (f === licenceFile ? { ...f, bytes: foreign.pdf } : f)), { applicationDate: await applicationDate() });
    expect(fileFindings(result, licenceFile.name).map((f) => `${f.code}/${f.severity}`)).toEqual(['QC_CODE_MISMATCH/error']);
    expect(fileFindings(result, licenceFile.name)[0]!.params).toMatchObject({ code: OTHER.creditCode, expected: COMPANY.creditCode });
    expect(result.findings.filter((f) => f.file !== licenceFile.name)).toEqual([]);
  });

  it("QC_NAME_MISMATCH: another company's name on the pledge; not the applicant's", async () => {
    const files = await base();
    const renamed = await pledge({ ...COMPANY, name: OTHER.name });
    const result = await submit([files[0]!, { ...files[1]!, bytes: renamed.pdf }, files[2]!], { applicationDate: await applicationDate() });
    expect(fileFindings(result, '承诺书.pdf').map((f) => `${f.code}/${f.severity}`)).toEqual(['QC_NAME_MISMATCH/error']);
    expect(fileFindings(result, '承诺书.pdf')[0]!.params).toMatchObject({ name: OTHER.name, expected: COMPANY.name });
  });

  it('QC_WINDOW_MISMATCH: an ISO 9001 certificate in 品牌建设, a pledge in the credit-report slot; not in their own', async () => {
    const cert = (await evidence('infrastructure', 'management-system-certificate')).pdf;
    const right = await submit([{ name: 'ISO9001.pdf', bytes: cert, slot: 'infrastructure' }], { level: 'AA' });
    const wrong = await submit([{ name: 'ISO9001.pdf', bytes: cert, slot: 'brand-building' }], { level: 'AA' });
    expect(fileFindings(right, 'ISO9001.pdf')).toEqual([]);
    expect(fileFindings(wrong, 'ISO9001.pdf').map((f) => `${f.code}/${f.severity}`)).toEqual(['QC_WINDOW_MISMATCH/error']);
    expect(fileFindings(wrong, 'ISO9001.pdf')[0]!.params).toMatchObject({ slot: 'brand-building', suggested: 'infrastructure' });

    const files = await base();
    const swapped = await submit([files[0]!, { ...files[1]!, slot: 'credit-report' }, { ...files[2]!, slot: 'pledge' }], { applicationDate: await applicationDate() });
    for (const [file, suggested] of [['承诺书.pdf', 'pledge'], ['专项信用报告.pdf', 'credit-report']] as const) {
      expect(fileFindings(swapped, file).map((f) => `${f.code}/${f.severity}`), file).toEqual(['QC_WINDOW_MISMATCH/error']);
      expect(fileFindings(swapped, file)[0]!.params.suggested).toBe(suggested);
    }
  });

  it('QC_MATERIAL_MISSING: a submission without the pledge; not with it', async () => {
    const files = await base();
    const date = await applicationDate();
    const complete = await submit(files, { applicationDate: date });
    const missing = await submit(files.filter((f) => f.slot !== 'pledge'), { applicationDate: date });
    expect(complete.findings.some((f) => f.code === 'QC_MATERIAL_MISSING')).toBe(false);
    expect(missing.findings.map((f) => `${f.code}/${f.severity}`)).toEqual(['QC_MATERIAL_MISSING/error']);
    expect(missing.findings[0]!.params.material).toContain('承诺书');
    expect(missing.verdict).toBe('fail');
  });

  it('QC_OUTSIDE_APPLICATION_PERIOD: an AA submission dated 1 August; not the same dated 18 June', async () => {
    const files = await base();
    const inside = await submit(files, { level: 'AA', applicationDate: '2026-06-18' });
    const outside = await submit(files, { level: 'AA', applicationDate: '2026-08-01' });
    expect(has(inside, 'QC_OUTSIDE_APPLICATION_PERIOD')).toBe(false);
    expect(outside.findings.filter((f) => f.code === 'QC_OUTSIDE_APPLICATION_PERIOD').map((f) => f.severity)).toEqual(['error']);
    expect(outside.findings.find((f) => f.code === 'QC_OUTSIDE_APPLICATION_PERIOD')!.params).toMatchObject({ level: 'AA', date: '2026-08-01' });
  });
});

// ---- The same under OCR ----------------------------------------------------------------

describe('the same defects on colour scans (OCR)', () => {
  it('QC_SEAL_MISSING and QC_SIGNATURE_MISSING on a scanned pledge; neither on the same scan complete', async () => {
    const p = await pledge();
    const truth = p.truth as PledgeTruth;
    const seal = truth.seals[0]!;
    const scan = async (pdf: Uint8Array) => (await colourScan(pdf, truth.pages, 'findings-pledge-scan')).bytes;
    const [complete, unsealed, unsigned] = await Promise.all([
      scan(p.pdf),
      eraseMark(p.pdf, seal.page, seal.box).then(scan),
      eraseMark(p.pdf, truth.signature!.page, truth.signature!.box).then(scan),
    ]);
    const good = await analyze(complete, '承诺书.jpg');
    expect(good.pages.map((pg) => pg.source)).toEqual(['ocr']);
    expect(good.kind).toBe('pledge');
    expect(good.creditCode?.value).toBe(COMPANY.creditCode);
    expect(codes(good)).toEqual([]);
    expect(codes(await analyze(unsealed, '承诺书.jpg'))).toEqual(['QC_SEAL_MISSING/error']);
    expect(codes(await analyze(unsigned, '承诺书.jpg'))).toEqual(['QC_SIGNATURE_MISSING/error']);
  }, 180_000);

  it('QC_CODE_NOT_FOUND on a scanned licence without its code; not on the same scan with it', async () => {
    const [withCode, without] = await Promise.all([licence(), licence({ ...COMPANY, creditCode: '' })]);
    const scan = async (b: BuiltDocument) => (await colourScan(b.pdf, b.truth.pages, 'findings-licence-scan')).bytes;
    const good = await analyze(await scan(withCode), '营业执照.jpg');
    const bad = await analyze(await scan(without), '营业执照.jpg');
    expect(good.kind).toBe('business-license');
    expect(good.creditCode).toMatchObject({ value: COMPANY.creditCode, valid: true });
    expect(has(good, 'QC_CODE_NOT_FOUND')).toBe(false);
    expect(codes(bad)).toContain('QC_CODE_NOT_FOUND/error');
  }, 180_000);

  it('QC_CONTENT_UNREADABLE: a blank page as the pledge (error) or as evidence (warning); QC_IMAGE_LOW_RESOLUTION: a thumbnail of a scanned pledge; neither on the scan itself, nor on a page no engine read', async () => {
    const p = await pledge();
    const scan = (await colourScan(p.pdf, p.truth.pages, 'findings-unreadable-scan')).bytes;
    const thumbnail = new Uint8Array(await sharp(scan).resize({ width: 160 }).jpeg().toBuffer());
    const blank = new Uint8Array(await sharp({ create: { width: 1654, height: 2339, channels: 3, background: '#ffffff' } }).jpeg().toBuffer());

    // Too coarse to read, yet something was read (OCR makes words of the blur): a warning naming its size.
    const small = await analyze(thumbnail, '承诺书.jpg', { expectedKind: 'pledge' });
    expect(codes(small)).toContain('QC_IMAGE_LOW_RESOLUTION/warning');
    expect(small.findings.find((f) => f.code === 'QC_IMAGE_LOW_RESOLUTION')!.message).toMatch(/160×\d+ 像素/);
    // Nothing read: in the pledge's slot an error, as evidence a warning.
    const emptyPledge = await analyze(blank, '承诺书.jpg', { expectedKind: 'pledge' });
    expect(codes(emptyPledge)).toEqual(['QC_CONTENT_UNREADABLE/error']);
    expect(emptyPledge.findings[0]!.message).toContain('承诺书');
    const emptyEvidence = await analyze(blank, '荣誉.jpg', { expectedWindow: 'brand-building' });
    expect(codes(emptyEvidence)).toEqual(['QC_CONTENT_UNREADABLE/warning']);
    expect(emptyEvidence.findings[0]!.message).not.toContain('像素');
    // Read whole (as check reads evidence, as --read-all asks), it is still judged for where it was uploaded.
    const readWhole = await analyze(blank, '承诺书.jpg', { expectedKind: 'pledge', readAll: true });
    expect(codes(readWhole)).toEqual(['QC_CONTENT_UNREADABLE/error']);
    const wholeEvidence = await analyze(blank, '荣誉.jpg', { expectedWindow: 'brand-building', readAll: true });
    expect(wholeEvidence.findings[0]!.message).toContain('品牌建设');

    const full = await analyze(scan, '承诺书.jpg', { expectedKind: 'pledge' });
    expect(has(full, 'QC_CONTENT_UNREADABLE') || has(full, 'QC_IMAGE_LOW_RESOLUTION')).toBe(false);
    // Without an engine nothing was read: the reading's own warning says so, not these.
    expect(codes(await analyzeFile(blank, '荣誉.jpg', { noCache: true }))).toEqual(['QC_OCR_FAILED/warning']);
  }, 180_000);

  it('scanned evidence: read whole by a check, so every bullet it covers counts; quick, read until its window shows, and the summary says so', async () => {
    const report = await evidence('quality-culture', 'quality-credit-report');
    const scanned = (await colourScan(report.pdf, report.truth.pages, 'findings-evidence-scan')).bytes;
    expect(report.truth.pages.length).toBeGreaterThan(1);
    const files: Upload[] = [{ name: '质量文化-质量信用报告（扫描）.pdf', bytes: scanned, slot: 'quality-culture' }];
    const evidenced = (r: CheckResult) => r.windows.find((w) => w.id === 'quality-culture')!.bullets.filter((b) => b.evidenced).map((b) => b.id);

    const whole = await submit(files, { level: 'AA' });
    expect(whole.files[0]!.partlyRead).toBe(false);
    expect(whole.windows.find((w) => w.id === 'quality-culture')!.partlyRead).toEqual([]);
    // Every bullet the report was written for (its truth) is seen.
    expect(evidenced(whole)).toEqual(expect.arrayContaining(report.truth.bulletIds));

    const quick = await submit(files, { level: 'AA', quick: true });
    expect(quick.files[0]!.partlyRead).toBe(true);
    expect(quick.windows.find((w) => w.id === 'quality-culture')!.partlyRead).toEqual([files[0]!.name]);
    expect(await renderHtmlReport(quick)).toContain(`${files[0]!.name} 只识别到能确认所属窗口为止`);
    expect(evidenced(whole)).toEqual(expect.arrayContaining(evidenced(quick)));
    for (const r of [whole, quick]) expect(r.findings.filter((f) => f.code === 'QC_WINDOW_MISMATCH')).toEqual([]);
  }, 180_000);
});

// ---- Known gaps ------------------------------------------------------------------------

describe('gaps found by the evaluation (eval/heldout.ts), now closed', () => {
  // Found by the held-out evaluation: a period printed with a dash (2023年6月30日—2026年6月29日)
  // is read by OCR with the dash as 一. These are the lines tesseract read from a 150-dpi scan
  // of such a report; the period must be read, and a right report raise nothing.
  it('QC_REPORT_RANGE_SHORT is not raised when OCR reads the period’s dash as 一', async () => {
    const { parseCreditReport, checkCreditReport } = await import('../src/checks/credit-report.js');
    const read = [
      '报告编号: XYBG2026062911540',
      '专项信用报告',
      '江苏省公共信用信息中心',
      '一、报告信息',
      `企业名称: ${COMPANY.name}`,
      `统一社会信用代码: ${COMPANY.creditCode}`,
      '信用信息查询时段: 2023年6月30日一2026年6月29日',
      '查询领域; 全选',
      '简易处罚: 是',
      '报告生成时间: 2026年6月29日 15:31:40',
    ];
    const lines = read.map((text, i) => ({ text, box: { x: 150, y: 120 + i * 50, width: 28 * [...text].length, height: 30 }, confidence: 0.9, words: [] }));
    const report = parseCreditReport([{ number: 1, width: 1240, height: 1754, dpi: 150, source: 'ocr', lines, text: read.join('\n'), rotation: 0, pixels: async () => { throw new Error('not needed'); } }]);
    expect([report.from, report.to]).toEqual(['2023-06-30', '2026-06-29']);
    expect(checkCreditReport(report, { level: 'AA', applicationDate: '2026-07-01' }, 'r.jpg').map((f) => f.code)).not.toContain('QC_REPORT_RANGE_SHORT');
  });
});
