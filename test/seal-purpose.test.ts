/**
 * A pledge sealed with a special-purpose seal (合同专用章) has no 公章: the words under the
 * seal's star say so. Real corpus pledges through the real pipeline (text-layer PDF and a
 * colour scan), with the default engine; a company seal is never called one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeFile } from '../src/checks/analyze.js';
import type { OcrEngine } from '../src/reading/ocr/engine.js';
import { createEngine } from '../src/reading/ocr/registry.js';
import { colourScan } from '../eval/plant.js';
import { generateCompanies, type CorpusCompany } from './corpus/companies.js';
import type { FontChoice } from './corpus/fonts.js';
import { buildPledge } from './corpus/pledge.js';
import { createRng } from './corpus/random.js';

const FONTS: FontChoice = { body: 400, bold: 700 };
const [COMPANY] = generateCompanies(createRng('qcredit-seal-purpose'), 1) as [CorpusCompany];

let engine: OcrEngine;
beforeAll(async () => {
  engine = await createEngine(); // the default policy: PP-OCR reads stamp lettering that tesseract garbles
});
afterAll(async () => {
  await engine?.close();
});

const sealFindings = (a: { findings: { code: string; severity: string; message: string }[] }) => a.findings.filter((f) => f.code === 'QC_SEAL_MISSING');

describe('the seal on a pledge must be the 公章', () => {
  it('a 合同专用章 is reported, on the PDF and on a colour scan of it', async () => {
    const built = await buildPledge(COMPANY, createRng('seal-purpose-contract'), FONTS, 'contract-seal');
    const scan = (await colourScan(built.pdf, built.truth.pages, 'seal-purpose-scan')).bytes;
    for (const [name, bytes] of [['pledge.pdf', built.pdf], ['pledge.jpg', scan]] as const) {
      const analysis = await analyzeFile(bytes, name, { engine, noCache: true });
      expect(analysis.seal.present, name).toBe(true);
      const [found] = sealFindings(analysis);
      expect(found?.severity, name).toBe('error');
      expect(found?.message, name).toMatch(/合同专用章/);
    }
  }, 180_000);

  it('a 公章 is not', async () => {
    const built = await buildPledge(COMPANY, createRng('seal-purpose-official'), FONTS, 'complete-typed-date');
    const scan = (await colourScan(built.pdf, built.truth.pages, 'seal-purpose-scan-2')).bytes;
    for (const [name, bytes] of [['pledge.pdf', built.pdf], ['pledge.jpg', scan]] as const) {
      const analysis = await analyzeFile(bytes, name, { engine, noCache: true });
      expect(analysis.seal.present, name).toBe(true);
      expect(sealFindings(analysis), name).toEqual([]);
    }
  }, 180_000);
});
