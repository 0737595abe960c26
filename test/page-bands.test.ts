/**
 * Reading only what a check needs: a scanned pledge uploaded as a pledge is read at its head
 * and foot (page-bands.ts, reading-plan.ts), with the real tesseract.js on real scans of
 * corpus documents. The analysis must come out the same as from the whole page, with fewer
 * rows recognised; anything that is not a pledge is read whole.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeFile, type AnalyzeOptions } from '../src/checks/analyze.js';
import type { Analysis } from '../src/checks/schema.js';
import { blankRowNear, isBlankRow, preparePage } from '../src/reading/ocr-page.js';
import type { OcrEngine } from '../src/reading/ocr/engine.js';
import { createEngine } from '../src/reading/ocr/registry.js';
import { readUpload } from '../src/reading/read.js';
import type { RasterImage } from '../src/reading/types.js';
import { colourScan } from '../eval/plant.js';
import { buildBusinessLicense } from './corpus/business-license.js';
import { generateCompanies, type CorpusCompany } from './corpus/companies.js';
import type { FontChoice } from './corpus/fonts.js';
import { buildPledge } from './corpus/pledge.js';
import { createRng } from './corpus/random.js';
import { CountingEngine } from './helpers/counting-engine.js';

const FONTS: FontChoice = { body: 400, bold: 700 };
const [COMPANY] = generateCompanies(createRng('qcredit-bands'), 1) as [CorpusCompany];

let tesseract: OcrEngine;
let signed: Uint8Array;
let licence: Uint8Array;
beforeAll(async () => {
  tesseract = await createEngine('tesseract', { workers: 2 });
  const pledge = await buildPledge(COMPANY, createRng('bands-pledge'), FONTS, 'complete-typed-date');
  signed = (await colourScan(pledge.pdf, pledge.truth.pages, 'bands-pledge-scan')).bytes;
  const built = await buildBusinessLicense(COMPANY, createRng('bands-licence'), FONTS);
  licence = (await colourScan(built.pdf, built.truth.pages, 'bands-licence-scan')).bytes;
}, 120_000);
afterAll(async () => {
  await tesseract?.close();
});

const essentials = (a: Analysis) => ({
  kind: a.kind,
  code: a.creditCode?.value ?? null,
  valid: a.creditCode?.valid ?? null,
  seal: a.seal.present,
  onSealArea: a.seal.onSealArea,
  signature: a.signature?.present ?? null,
  signedDate: a.signedDate,
  company: a.company?.name ?? null,
  findings: a.findings.map((f) => f.code).sort(),
});

async function analyzeCounting(bytes: Uint8Array, options: AnalyzeOptions = {}) {
  const engine = new CountingEngine(tesseract);
  const analysis = await analyzeFile(bytes, 'upload.jpg', { ...options, engine, noCache: true });
  return { analysis, rows: engine.rows };
}

describe('a scanned pledge uploaded as a pledge', () => {
  it('is analysed as from the whole page, recognising far fewer rows', async () => {
    const whole = await analyzeCounting(signed);
    const banded = await analyzeCounting(signed, { expectedKind: 'pledge' });
    expect(whole.analysis.kind).toBe('pledge');
    expect(whole.analysis.creditCode?.value).toBe(COMPANY.creditCode);
    expect(essentials(banded.analysis)).toEqual(essentials(whole.analysis));
    // The paragraphs of promises are the bulk of the page.
    expect(banded.rows).toBeLessThan(whole.rows * 0.75);
  }, 180_000);

  it('reads bands on demand: the head, then the foot, each row once, and whole on request', async () => {
    const result = await readUpload(signed, { name: 'pledge.jpg', engine: tesseract, noCache: true, lazy: true });
    const page = result.pages[0]!;
    expect(page.complete).toBe(false);
    expect(page.lines).toEqual([]);

    await page.readRows!(0, 0.2);
    expect(page.text).toMatch(/承诺书/);
    expect(page.text).toMatch(/信用代码/);
    expect(Math.max(...page.lines.map((l) => l.box.y + l.box.height))).toBeLessThan(page.height * 0.3);
    const head = page.lines.length;

    // Two overlapping asks at once: every row is still read once.
    await Promise.all([page.readRows!(0.7, 1), page.readRows!(0.65, 1)]);
    expect(page.text).toMatch(/签[字名]/);
    const texts = page.lines.map((l) => `${Math.round(l.box.y)}|${l.text}`);
    expect(new Set(texts).size).toBe(texts.length);
    expect(page.lines.length).toBeGreaterThan(head);
    expect(page.lines.some((l) => l.box.y > page.height * 0.3 && l.box.y < page.height * 0.6)).toBe(false);
    expect(page.complete).toBe(false);

    await page.readRows!(0, 1);
    expect(page.complete).toBe(true);
    const wholeRead = await readUpload(signed, { name: 'pledge.jpg', engine: tesseract, noCache: true });
    // Read whole in one pass, exactly as a page that was never cut.
    expect(page.text).toBe(wholeRead.pages[0]!.text);
  }, 180_000);
});

describe('anything else uploaded as a pledge', () => {
  it('a licence in the pledge slot is read whole and analysed as a licence', async () => {
    const whole = await analyzeCounting(licence);
    const misplaced = await analyzeCounting(licence, { expectedKind: 'pledge' });
    expect(whole.analysis.kind).toBe('business-license');
    expect(essentials(misplaced.analysis)).toEqual(essentials(whole.analysis));
  }, 180_000);

  it('without a kind to expect, nothing is read in bands', async () => {
    const result = await readUpload(signed, { name: 'pledge.jpg', engine: tesseract, noCache: true });
    expect(result.pages[0]!.complete).not.toBe(false);
    expect(result.pages[0]!.readRows).toBeUndefined();
  }, 120_000);
});

describe('cutting a page at blank rows', () => {
  /** A grey page: a dark scanner shadow down both edges, and rows of "text" blocks. */
  function page(): RasterImage {
    const width = 400;
    const height = 600;
    const data = new Uint8Array(width * height).fill(235);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < 12; x++) data[y * width + x] = 40;
      for (let x = width - 9; x < width; x++) data[y * width + x] = 50;
    }
    for (const top of [100, 140, 300, 340]) {
      for (let y = top; y < top + 20; y++) for (let x = 60; x < 340; x += 3) data[y * width + x] = 20;
    }
    return { width, height, channels: 1, data };
  }

  it('ignores dark runs touching the edges, and never cuts through a line', async () => {
    const prepared = await preparePage(page(), 200, true);
    expect(isBlankRow(prepared, 50)).toBe(true);
    expect(isBlankRow(prepared, 110)).toBe(false);
    const cut = blankRowNear(prepared, 110, 30);
    expect(cut).not.toBeNull();
    expect(isBlankRow(prepared, cut!)).toBe(true);
    // Above the line at 100–120, or in the gap 120–140 below it.
    expect(cut! < 100 || (cut! >= 120 && cut! < 140)).toBe(true);
    expect(blankRowNear(prepared, 110, 5)).toBeNull();
  });

  it("cuts between lines inside a certificate's border, but not through a line", async () => {
    // A double border a little inside the edges, as certificates have, around the same text.
    const framed = page();
    const { width, height, data } = framed;
    for (let y = 30; y < height - 30; y++) {
      for (const x of [30, 31, 32, 37, 38, width - 33, width - 32, width - 31, width - 38, width - 37]) data[y * width + x] = 30;
    }
    for (const y of [30, 31, height - 31, height - 32]) for (let x = 30; x < width - 30; x++) data[y * width + x] = 30;
    const prepared = await preparePage(framed, 200, true);
    expect(isBlankRow(prepared, 50)).toBe(true);
    expect(isBlankRow(prepared, 200)).toBe(true);
    expect(isBlankRow(prepared, 110)).toBe(false);
    expect(isBlankRow(prepared, 31)).toBe(false);
    const cut = blankRowNear(prepared, 110, 30);
    expect(cut! < 100 || (cut! >= 120 && cut! < 140)).toBe(true);
  });
});
