/**
 * The pledge's signing date is read exactly or not at all: a wrong date is worse than none.
 *
 * - settleDateNumber: how readings of one number (year, month, day) are reconciled. Printed
 *   digits by a majority of reader families; handwritten ones only when every reading agrees
 *   and two different models saw the number.
 * - The labelled corpus (seed 4099, the evaluation's): a handwritten 6月8日 that tesseract's
 *   Latin and Chinese models both read as 6月3日 (the page's OCR saw 8) is withheld — null,
 *   with `dateFilled` true, so the finding is "filled in but unreadable" (a warning), not a
 *   wrong date and not "missing". A handwritten date every reading agrees on is still read,
 *   and so is a typed one.
 * - The application date, when known, bounds what a date read from pixels can be.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPledgeSigning, settleDateNumber, signingFindings } from '../src/checks/pledge-signing.js';
import type { OcrEngine } from '../src/reading/ocr/engine.js';
import { createEngine } from '../src/reading/ocr/registry.js';
import { readUpload } from '../src/reading/read.js';
import type { ReadPage } from '../src/reading/types.js';
import { generateCorpus, type CorpusItem, type PledgeTruth } from './corpus/index.js';

const vote = (family: string, day: number | null, weak = false) => ({ family, parts: { year: null, month: null, day }, ...(weak ? { weak } : {}) });

describe('settleDateNumber', () => {
  it('handwriting: any reading that saw another number withholds it, whatever the majority', () => {
    // 04-scan below: the page's OCR read 8, the line and the Latin model 3.
    const votes = [vote('page', 8), vote('line', 3), vote('line', 3), vote('digits-latin', 3), vote('digits-latin-once', 3)];
    expect(settleDateNumber(votes, 'day', false)).toBeNull();
    // The same readings of printed digits: the majority (tesseract reads print well).
    expect(settleDateNumber(votes, 'day', true)).toBe(3);
  });

  it('handwriting: needs two different models; one model repeating itself is not a confirmation', () => {
    expect(settleDateNumber([vote('line', 8), vote('line', 8), vote('digits-chinese', 8), vote('page', 8)], 'day', false)).toBeNull();
    expect(settleDateNumber([vote('digits-latin', 8), vote('digits-latin-once', 8)], 'day', false)).toBeNull();
    expect(settleDateNumber([vote('line', 8), vote('digits-latin', 8)], 'day', false)).toBe(8);
    expect(settleDateNumber([vote('line', 8), vote('second-engine', 8)], 'day', false)).toBe(8);
    // A low-confidence reading does not confirm…
    expect(settleDateNumber([vote('line', 8), vote('digits-latin-once', 8, true)], 'day', false)).toBeNull();
    // …but it does contradict.
    expect(settleDateNumber([vote('line', 8), vote('digits-latin', 8), vote('digits-latin-once', 5, true)], 'day', false)).toBeNull();
    // Readings that saw nothing there neither confirm nor contradict.
    expect(settleDateNumber([vote('line', 8), vote('digits-latin', 8), vote('digits-chinese', null)], 'day', false)).toBe(8);
  });

  it('printed digits: two families and more than any other value; a second engine must not disagree', () => {
    expect(settleDateNumber([vote('page', 5), vote('line', 9), vote('digits-latin', 9)], 'day', true)).toBe(9);
    expect(settleDateNumber([vote('page', 5), vote('line', 9)], 'day', true)).toBeNull();
    expect(settleDateNumber([vote('line', 9)], 'day', true)).toBeNull();
    expect(settleDateNumber([vote('page', 9), vote('line', 9), vote('digits-latin', 9), vote('second-engine', 8)], 'day', true)).toBeNull();
    expect(settleDateNumber([vote('page', 9), vote('line', 9), vote('second-engine', 9)], 'day', true)).toBe(9);
  });

  it('a text layer is exact', () => {
    expect(settleDateNumber([vote('text-layer', 16), vote('line', 18)], 'day', false)).toBe(16);
  });
});

// ---- The corpus, real OCR ------------------------------------------------------------------

describe('the evaluation corpus (seed 4099), tesseract', () => {
  let engine: OcrEngine;
  const items = new Map<string, CorpusItem>();
  const pages = new Map<string, ReadPage[]>();
  const read = async (id: string) => {
    const item = items.get(id)!;
    if (!pages.has(id)) pages.set(id, (await readUpload(item.bytes, { name: item.fileName, engine, noCache: true, limits: { ocrTimeoutMs: 300_000 } })).pages);
    return { item, truth: item.truth as PledgeTruth, pages: pages.get(id)! };
  };

  beforeAll(async () => {
    engine = await createEngine('tesseract');
    for (const item of await generateCorpus({ kinds: ['pledge'], perKind: 4, seed: 4099 })) items.set(item.id, item);
  }, 300_000);
  afterAll(async () => {
    await engine?.close();
  });

  it('withholds a handwritten 6月8日 that tesseract misreads as 6月3日: unreadable (a warning), never a wrong date', async () => {
    const { item, truth, pages } = await read('pledge-04-scan');
    expect(truth.dateStyle).toBe('handwritten');
    expect(truth.signedDate).toBe('2026-06-08');
    const result = await checkPledgeSigning(pages, engine);
    expect(result.signedDate).toBeNull();
    expect(result.dateFilled).toBe(true);
    const date = signingFindings(result, item.fileName).filter((f) => f.code === 'QC_DATE_MISSING');
    expect(date.map((f) => f.severity)).toEqual(['warning']);
  }, 600_000);

  it('still reads a handwritten date that every reading agrees on', async () => {
    const { truth, pages } = await read('pledge-02-photo');
    expect(truth.dateStyle).toBe('handwritten');
    const result = await checkPledgeSigning(pages, engine);
    expect(result.signedDate).toBe(truth.signedDate);
  }, 600_000);

  it('reads a typed date on a low-resolution copy exactly; the application date bounds a date read from pixels', async () => {
    const { truth, pages } = await read('pledge-03-lowres');
    expect(truth.dateStyle).toBe('typed');
    const signed = truth.signedDate!;
    expect((await checkPledgeSigning(pages, engine)).signedDate).toBe(signed);
    expect((await checkPledgeSigning(pages, engine, { applicationDate: '2026-06-18' })).signedDate).toBe(signed);
    // Signed after the application, or more than a year before it: not believed, but filled.
    for (const applicationDate of ['2026-05-20', '2027-06-18']) {
      const result = await checkPledgeSigning(pages, engine, { applicationDate });
      expect(result.signedDate, applicationDate).toBeNull();
      expect(result.dateFilled, applicationDate).toBe(true);
    }
  }, 600_000);
});
