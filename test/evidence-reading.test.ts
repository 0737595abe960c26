/**
 * Reading evidence only as far as its window needs (reading-plan.ts, read.ts's deferred
 * pages), with the real tesseract.js on a real scan of a multi-page corpus document. Evidence
 * whose first page's head shows the window it was uploaded into is read no further; evidence
 * in another window is read whole, and the misplacement is reported as from the whole file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeFile, type AnalyzeOptions } from '../src/checks/analyze.js';
import type { IndicatorId } from '../src/domain/catalogue.js';
import type { OcrEngine } from '../src/reading/ocr/engine.js';
import { createEngine } from '../src/reading/ocr/registry.js';
import { readUpload } from '../src/reading/read.js';
import { colourScan } from '../eval/plant.js';
import { generateCompanies, type CorpusCompany } from './corpus/companies.js';
import { buildEvidence, templatesFor } from './corpus/evidence.js';
import type { FontChoice } from './corpus/fonts.js';
import { createRng } from './corpus/random.js';
import { CountingEngine } from './helpers/counting-engine.js';

const FONTS: FontChoice = { body: 400, bold: 700 };
const [COMPANY] = generateCompanies(createRng('qcredit-evidence-reading'), 1) as [CorpusCompany];
const WINDOW: IndicatorId = 'quality-culture';
const ELSEWHERE: IndicatorId = 'brand-building';

/** Every scan here is an A4 page at 200 DPI: a request wider than that is a page read again enlarged. */
const A4_WIDTH_200_DPI = 1654;

let tesseract: OcrEngine;
/** A scanned (image-only) PDF of a multi-page quality-culture document. */
let scan: Uint8Array;
let pageCount = 0;
beforeAll(async () => {
  tesseract = await createEngine('tesseract', { workers: 2 });
  for (const [i, template] of templatesFor(WINDOW).entries()) {
    const built = await buildEvidence(COMPANY, createRng(`evidence-reading-${i}`), FONTS, template);
    if (built.truth.pages.length < 2) continue;
    const raster = await colourScan(built.pdf, built.truth.pages, `evidence-reading-${i}`);
    scan = raster.bytes;
    pageCount = built.truth.pages.length;
    break;
  }
}, 180_000);
afterAll(async () => {
  await tesseract?.close();
});

async function analyzeCounting(options: AnalyzeOptions = {}) {
  const engine = new CountingEngine(tesseract, A4_WIDTH_200_DPI);
  const analysis = await analyzeFile(scan, 'evidence.pdf', { ...options, engine, noCache: true });
  return { analysis, rows: engine.rows, secondOpinions: engine.secondOpinions };
}

describe('a scanned multi-page piece of evidence (a report with a cover page)', () => {
  it('is a scan of several pages (the material these tests need)', () => {
    expect(pageCount).toBeGreaterThanOrEqual(2);
  });

  it('in its own window: its first page shows it, and nothing more is read', async () => {
    const whole = await analyzeCounting({ expectedKind: 'evidence' });
    const own = await analyzeCounting({ expectedWindow: WINDOW });
    expect(whole.analysis.kind).toBe('evidence');
    expect(whole.analysis.window?.id).toBe(WINDOW);
    expect(own.analysis.kind).toBe('evidence');
    expect(own.analysis.window?.id).toBe(WINDOW);
    expect(own.analysis.findings.filter((f) => f.code === 'QC_WINDOW_MISMATCH')).toEqual([]);
    // No more than its first page read, and the analysis says so.
    expect(own.rows).toBeLessThan(whole.rows / pageCount);
    expect(own.analysis.partlyRead).toBe(true);
    expect(whole.analysis.partlyRead).toBe(false);
  }, 300_000);

  it('in its own window with readAll: read whole, the bullets judged from all of it', async () => {
    const whole = await analyzeCounting({ expectedKind: 'evidence' });
    const all = await analyzeCounting({ expectedWindow: WINDOW, readAll: true });
    expect(all.rows).toBe(whole.rows);
    expect(all.analysis.partlyRead).toBe(false);
    // Still read as evidence: for the gist, by one engine.
    expect([whole.secondOpinions, all.secondOpinions]).toEqual([0, 0]);
    expect(all.analysis.window?.bullets).toEqual(whole.analysis.window?.bullets);
    expect(all.analysis.findings.filter((f) => f.code === 'QC_WINDOW_MISMATCH')).toEqual([]);
  }, 300_000);

  it('in another window: read whole, and the misplacement reported as from the whole file', async () => {
    const whole = await analyzeCounting({ expectedKind: 'evidence' });
    const misplaced = await analyzeCounting({ expectedWindow: ELSEWHERE });
    // Every page read (the first in bands, its blank gaps skipped).
    expect(misplaced.rows).toBeGreaterThan(whole.rows * 0.6);
    expect(misplaced.analysis.window?.id).toBe(whole.analysis.window?.id);
    expect(misplaced.analysis.window?.ranking.map((r) => r.id).slice(0, 3)).toEqual(whole.analysis.window?.ranking.map((r) => r.id).slice(0, 3));
    const mismatch = misplaced.analysis.findings.find((f) => f.code === 'QC_WINDOW_MISMATCH');
    expect(mismatch).toMatchObject({ severity: 'error', params: { slot: ELSEWHERE, suggested: WINDOW } });
  }, 300_000);
});

describe('a scanned certificate in a border', () => {
  it("in its own window: the top of the page, inside the border, shows it", async () => {
    const template = templatesFor('rnd-innovation').find((t) => t.id === 'high-tech-enterprise-certificate')!;
    const built = await buildEvidence(COMPANY, createRng('evidence-reading-certificate'), FONTS, template);
    const bytes = (await colourScan(built.pdf, built.truth.pages, 'evidence-reading-certificate')).bytes;
    const count = async (options: AnalyzeOptions) => {
      const engine = new CountingEngine(tesseract, A4_WIDTH_200_DPI);
      const analysis = await analyzeFile(bytes, 'certificate.jpg', { ...options, engine, noCache: true });
      return { analysis, rows: engine.rows };
    };
    const whole = await count({ expectedKind: 'evidence' });
    const own = await count({ expectedWindow: 'rnd-innovation' });
    expect(whole.analysis.window?.id).toBe('rnd-innovation');
    expect(own.analysis.window?.id).toBe('rnd-innovation');
    expect(own.analysis.findings.filter((f) => f.code === 'QC_WINDOW_MISMATCH')).toEqual([]);
    // The border runs down every row: without telling it from text, nothing could be cut.
    expect(own.rows).toBeLessThan(whole.rows * 0.6);
  }, 300_000);
});

describe('a lazily read multi-page scan', () => {
  it('leaves later pages unread until asked, then reads them as an eager read does', async () => {
    const lazy = await readUpload(scan, { name: 'evidence.pdf', engine: tesseract, noCache: true, lazy: true });
    const eager = await readUpload(scan, { name: 'evidence.pdf', engine: tesseract, noCache: true });
    expect(lazy.pages.length).toBe(eager.pages.length);
    const last = lazy.pages[lazy.pages.length - 1]!;
    expect(last.complete).toBe(false);
    expect(last.lines).toEqual([]);
    expect(last.source).toBe('ocr');
    // Its pixels are there before its text.
    const pixels = await last.pixels();
    expect([pixels.width, pixels.height]).toEqual([last.width, last.height]);

    await last.readRows!(0, 1);
    const same = eager.pages[eager.pages.length - 1]!;
    expect(last.complete).toBe(true);
    expect(last.text).toBe(same.text);
    expect([last.width, last.height, last.rotation]).toEqual([same.width, same.height, same.rotation]);
  }, 300_000);
});
