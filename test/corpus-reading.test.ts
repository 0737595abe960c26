/**
 * The reading layer over the labelled corpus: text-layer PDFs read exactly, and the credit
 * code read exactly from every scan, photo and low-resolution copy (page OCR, the code-line
 * pass and the checksum repair together), never a wrong code called valid.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCreditCode } from '../src/reading/credit-code.js';
import { TesseractEngine } from '../src/reading/ocr/tesseract.js';
import { readUpload } from '../src/reading/read.js';
import type { ReadResult } from '../src/reading/types.js';
import { generateCorpus, type CorpusItem } from './corpus/index.js';

const squash = (text: string) => text.replace(/\s+/g, '');

let items: CorpusItem[];
let engine: TesseractEngine;
const results = new Map<string, ReadResult>();

beforeAll(async () => {
  // Every document kind that prints the credit code; evidence is the checks' business.
  items = await generateCorpus({ kinds: ['business-license', 'pledge', 'credit-report'] });
  engine = new TesseractEngine();
  await Promise.all(
    items.map(async (item) => {
      results.set(item.id, await readUpload(item.bytes, { name: item.fileName, engine, noCache: true }));
    }),
  );
}, 300_000);

afterAll(async () => {
  await engine?.close();
});

describe('text-layer PDFs in the corpus', () => {
  it('are read from the text layer, exactly: title, company, code and every truth field', () => {
    const clean = items.filter((i) => i.variant === 'clean');
    expect(clean.length).toBeGreaterThanOrEqual(4);
    for (const item of clean) {
      const result = results.get(item.id)!;
      expect(result.pages.every((p) => p.source === 'text-layer'), item.id).toBe(true);
      const text = squash(result.pages.map((p) => p.text).join('\n'));
      const truth = item.truth;
      expect(text, item.id).toContain(squash(truth.title));
      expect(text, item.id).toContain(truth.company.name);
      if (truth.codePrinted) expect(text, item.id).toContain(truth.code);
      if (truth.kind === 'credit-report') expect(text, item.id).toContain(truth.reportNumber);
    }
  });
});

describe('the credit code on every copy', () => {
  it('is read exactly from clean PDFs, scans, photos and low-resolution copies', async () => {
    const printed = items.filter((i) => i.truth.codePrinted);
    expect(new Set(printed.map((i) => i.variant))).toEqual(new Set(['clean', 'scan', 'photo', 'lowres']));
    const misses: string[] = [];
    for (const item of printed) {
      const code = await findCreditCode(results.get(item.id)!.pages, engine);
      // Never a wrong code reported as valid.
      if (code?.valid) expect(code.value, item.id).toBe(item.truth.code);
      if (code?.value !== item.truth.code || !code.valid) misses.push(`${item.id}: read ${code?.raw ?? 'nothing'} → ${code?.value ?? '-'}`);
    }
    const rate = 1 - misses.length / printed.length;
    console.log(`credit code read exactly: ${printed.length - misses.length}/${printed.length} (${(rate * 100).toFixed(1)}%)${misses.length ? '\n  ' + misses.join('\n  ') : ''}`);
    expect(misses).toEqual([]);
  });

  it('is found next to its label, and located on the page', async () => {
    for (const item of items.filter((i) => i.truth.codePrinted)) {
      const result = results.get(item.id)!;
      const code = await findCreditCode(result.pages, engine);
      expect(code?.labelled, item.id).toBe(true);
      const page = result.pages[code!.page - 1]!;
      expect(code!.box.x).toBeGreaterThanOrEqual(0);
      expect(code!.box.x + code!.box.width).toBeLessThanOrEqual(page.width + 1);
      expect(code!.box.y + code!.box.height).toBeLessThanOrEqual(page.height + 1);
    }
  });
});
