/**
 * Page orientation: pages turned 90°, 180° and 270° (and EXIF-rotated JPEGs) are turned
 * upright before anything reads them, by the direction classifier or, without onnxruntime,
 * by the OCR engine; upright pages are left alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCreditCode } from '../src/reading/credit-code.js';
import { openImage } from '../src/reading/image.js';
import { TesseractEngine } from '../src/reading/ocr/tesseract.js';
import { detectOrientation, turnImage, unturnBox, type QuarterTurn } from '../src/reading/orientation.js';
import { openPdf } from '../src/reading/pdf.js';
import { readUpload } from '../src/reading/read.js';
import type { RasterImage } from '../src/reading/types.js';
import { generateCorpus, type CorpusItem } from './corpus/index.js';
import { registerTestFont, renderText, SAMPLE_LINES, stacked } from './ocr-conformance.js';

const TURNS: QuarterTurn[] = [0, 90, 180, 270];
/** The turn that undoes one. */
const undo = (turn: number) => ((360 - turn) % 360) as QuarterTurn;

async function pageOfText(): Promise<RasterImage> {
  const lines = [...SAMPLE_LINES, ...SAMPLE_LINES.slice(1), ...SAMPLE_LINES.slice(2)];
  return (await renderText(stacked(lines, 80, 90, 64, 34), { width: 1240, height: 1300 })).image;
}

async function pagesOf(item: CorpusItem): Promise<RasterImage[]> {
  if (item.mime === 'image/jpeg') return [await (await openImage(item.bytes, item.fileName, 1e9)).decode(1)];
  const pdf = await openPdf(item.bytes, item.fileName);
  try {
    return await Promise.all(Array.from({ length: pdf.pageCount }, (_, i) => pdf.render(i + 1, 200)));
  } finally {
    await pdf.close();
  }
}

describe('turnImage / unturnBox', () => {
  it('turn pixels by quarter turns and carry boxes back', async () => {
    // A 3 × 2 grey image with distinct pixels.
    const image: RasterImage = { width: 3, height: 2, channels: 1, data: Uint8Array.from([1, 2, 3, 4, 5, 6]) };
    const quarter = await turnImage(image, 90);
    expect(quarter).toMatchObject({ width: 2, height: 3 });
    expect([...quarter.data]).toEqual([4, 1, 5, 2, 6, 3]);
    expect([...(await turnImage(image, 180)).data]).toEqual([6, 5, 4, 3, 2, 1]);
    expect([...(await turnImage(image, 270)).data]).toEqual([3, 6, 2, 5, 1, 4]);
    expect(await turnImage(image, 0)).toBe(image);
    // The pixel at (2, 0) (value 3) lands at (1, 2) after a quarter turn: its box comes back.
    expect(unturnBox({ x: 1, y: 2, width: 1, height: 1 }, 90, 3, 2)).toEqual({ x: 2, y: 0, width: 1, height: 1 });
    expect(unturnBox({ x: 0, y: 0, width: 1, height: 1 }, 180, 3, 2)).toEqual({ x: 2, y: 1, width: 1, height: 1 });
    expect(unturnBox({ x: 0, y: 0, width: 1, height: 1 }, 270, 3, 2)).toEqual({ x: 2, y: 0, width: 1, height: 1 });
  });
});

describe('detectOrientation on rendered text', () => {
  let page: RasterImage;
  beforeAll(async () => {
    await registerTestFont();
    page = await pageOfText();
  });

  it('finds each quarter turn with the direction classifier', async () => {
    for (const turned of TURNS) {
      const image = await turnImage(page, turned);
      const found = await detectOrientation(image);
      expect(found.by, `turned ${turned}°`).toBe('classifier');
      expect(found.turn, `turned ${turned}°: ${JSON.stringify(found)}`).toBe(undo(turned));
    }
  });

  it('leaves a blank or nearly blank page alone', async () => {
    const blank: RasterImage = { width: 600, height: 800, channels: 3, data: new Uint8Array(600 * 800 * 3).fill(255) };
    expect(await detectOrientation(blank)).toMatchObject({ turn: 0, by: 'none' });
    const { image } = await renderText([{ text: '附件1', x: 40, y: 40 }], { width: 600, height: 800 });
    expect((await detectOrientation(image)).turn).toBe(0);
  });

  describe('without the classifier (no onnxruntime), by the OCR engine', () => {
    let engine: TesseractEngine;
    beforeAll(async () => {
      engine = new TesseractEngine({ workers: 1 });
    });
    afterAll(async () => {
      await engine?.close();
    });

    it('tells upright from upside down and sideways pages apart', async () => {
      for (const turned of TURNS) {
        const found = await detectOrientation(await turnImage(page, turned), { classifier: null, engine });
        expect(found.by, `turned ${turned}°`).toBe('ocr');
        expect(found.turn, `turned ${turned}°`).toBe(undo(turned));
      }
    });
  });
});

describe('the corpus: rotated scans and photos, EXIF-rotated JPEGs, and upright copies', () => {
  let items: CorpusItem[];
  beforeAll(async () => {
    items = await generateCorpus({ kinds: ['business-license', 'pledge', 'credit-report'], perKind: 2, variants: ['scan', 'photo', 'lowres'], hard: 3 });
  }, 300_000);

  it('turns every page upright, and no upright page', async () => {
    const outcomes: string[] = [];
    let pages = 0;
    for (const item of items.filter((i) => ['scan', 'photo', 'lowres', 'rotated', 'exif-rotated'].includes(i.variant))) {
      const expected = item.variant === 'rotated' ? undo(item.truth.raster!.turned!) : 0;
      for (const image of await pagesOf(item)) {
        const found = await detectOrientation(image);
        pages++;
        if (found.turn !== expected) outcomes.push(`${item.id}: expected ${expected}°, found ${JSON.stringify(found)}`);
      }
    }
    expect(items.filter((i) => i.variant === 'rotated').map((i) => i.truth.raster!.turned)).toEqual([90, 180, 270]);
    expect(pages).toBeGreaterThanOrEqual(15);
    expect(outcomes).toEqual([]);
  });

  it('reads a sideways scan upright: pages, pixels and boxes in the upright grid, the code found', async () => {
    const engine = new TesseractEngine();
    try {
      const item = items.find((i) => i.variant === 'rotated' && i.truth.raster!.turned! % 180 === 90 && i.kind === 'business-license')!;
      const result = await readUpload(item.bytes, { name: item.fileName, engine, noCache: true });
      const page = result.pages[0]!;
      const grid = item.truth.pages[0]!;
      expect(page.rotation).toBe(undo(item.truth.raster!.turned!));
      expect([page.width, page.height]).toEqual([grid.width, grid.height]);
      const pixels = await page.pixels();
      expect([pixels.width, pixels.height]).toEqual([grid.width, grid.height]);
      const code = await findCreditCode(result.pages, engine);
      expect(code?.valid && code.value).toBe(item.truth.code);
      // The code's box lies where the truth's code is: the upper part of the licence, not the side.
      expect(code!.box.y).toBeLessThan(page.height * 0.8);
    } finally {
      await engine.close();
    }
  }, 120_000);
});
