/**
 * Findings on documents of the other development layouts (test/corpus/layouts/): a licence of
 * another company's name is flagged whatever its edition, a code filled in by hand on a typed
 * form is read or said to be unreadable (never "not found", an error), and each fact the
 * analysis gives has its contracted form.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeFile } from '../src/checks/analyze.js';
import { analysisSchema } from '../src/checks/schema.js';
import { checkSubmission } from '../src/checks/submission.js';
import type { OcrEngine } from '../src/reading/ocr/engine.js';
import { createEngine } from '../src/reading/ocr/registry.js';
import { generateCompanies, type CorpusCompany } from './corpus/companies.js';
import { DEV_LAYOUTS, layoutsOf } from './corpus/layouts.js';
import { createRng } from './corpus/random.js';

const [COMPANY, OTHER] = generateCompanies(createRng('layout-findings'), 2) as [CorpusCompany, CorpusCompany];
const fonts = { body: 400, bold: 700 } as const;

let engine: OcrEngine;
beforeAll(async () => {
  engine = await createEngine('tesseract');
}, 60_000);
afterAll(async () => {
  await engine?.close();
});

describe('licences of every development layout', () => {
  const licences = layoutsOf(DEV_LAYOUTS, 'business-license').filter((l) => l.id !== 'licence-branch');

  it.each(licences.map((l) => l.id))('%s: its fields are read, and another name than the declared one is an error', async (id) => {
    const layout = licences.find((l) => l.id === id)!;
    const built = await layout.build({ company: COMPANY, rng: createRng(`lf-${id}`), fonts });
    const analysis = await analyzeFile(built.pdf, '营业执照.pdf', { expectedKind: 'business-license' });
    expect(analysisSchema.parse(analysis)).toBeTruthy();
    expect(analysis.licence).toMatchObject({ name: COMPANY.name, establishedOn: COMPANY.establishedOn });
    expect(analysis.creditCode?.value).toBe(COMPANY.creditCode);
    // Declared under another name, with the licence's own code: the name is what differs.
    const submission = { company: { name: OTHER.name, creditCode: COMPANY.creditCode }, level: 'A' as const, applicationDate: '2026-06-20', files: [{ path: 'l.pdf', slot: 'business-license' as const }] };
    const result = await checkSubmission(submission, async () => built.pdf);
    expect(result.findings.filter((f) => f.code === 'QC_NAME_MISMATCH').map((f) => f.severity)).toEqual(['error']);
    // …and under its own name, nothing about the name.
    const own = await checkSubmission({ ...submission, company: { name: COMPANY.name, creditCode: COMPANY.creditCode } }, async () => built.pdf);
    expect(own.findings.some((f) => f.code === 'QC_NAME_MISMATCH')).toBe(false);
  }, 60_000);
});

describe('a code written by hand on a typed pledge (a text layer with ink on it)', () => {
  const typed = layoutsOf(DEV_LAYOUTS, 'pledge').find((l) => l.id === 'pledge-official-typed')!;

  it('is read by OCR, or reported unreadable — never "not found"', async () => {
    for (let i = 0; i < 3; i++) {
      const built = await typed.build({ company: COMPANY, rng: createRng(`lf-hand-${i}`), fonts, state: 'complete-typed-date', codeMark: 'handwritten' });
      const analysis = await analyzeFile(built.pdf, '承诺书.pdf', { engine, expectedKind: 'pledge' });
      const codes = analysis.findings.map((f) => `${f.code}/${f.severity}`);
      expect(codes, `pledge ${i}`).not.toContain('QC_CODE_NOT_FOUND/error');
      if (analysis.creditCode?.valid) expect(analysis.creditCode.value).toBe(COMPANY.creditCode);
      else expect(codes.some((c) => c === 'QC_CODE_UNREADABLE/warning' || c === 'QC_CODE_INVALID/warning'), `pledge ${i}: ${codes}`).toBe(true);
      // Whatever was read, a value is 18 characters or nothing.
      expect(analysis.creditCode?.value === null || analysis.creditCode?.value === undefined || analysis.creditCode.value.length === 18).toBe(true);
    }
  }, 120_000);

  it('the same blank left empty is a missing code (an error)', async () => {
    // The blank printed empty, nothing written on it: no ink where the code belongs.
    const built = await typed.build({ company: { ...COMPANY, creditCode: '' }, rng: createRng('lf-empty'), fonts, state: 'complete-typed-date' });
    const analysis = await analyzeFile(built.pdf, '承诺书.pdf', { engine, expectedKind: 'pledge' });
    expect(analysis.findings.map((f) => `${f.code}/${f.severity}`)).toContain('QC_CODE_NOT_FOUND/error');
  }, 60_000);

  it('says whether the date line was filled in, read or not', async () => {
    const handwritten = await typed.build({ company: COMPANY, rng: createRng('lf-date'), fonts, state: 'complete-handwritten-date' });
    const blank = await typed.build({ company: COMPANY, rng: createRng('lf-date'), fonts, state: 'no-date' });
    const [a, b] = await Promise.all([handwritten, blank].map((d) => analyzeFile(d.pdf, '承诺书.pdf', { engine, expectedKind: 'pledge' })));
    expect(a!.signing).toMatchObject({ filled: true });
    if (a!.signing!.date !== null) expect(a!.signing!.date).toBe(handwritten.truth.signedDate);
    expect(b!.signing).toEqual({ date: null, filled: false });
  }, 120_000);
});
