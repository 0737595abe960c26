/**
 * The text-layer fast path (issue 14): a born-digital page is surveyed from its drawing
 * operators before anything is rendered, drawn for the seal check at the detector's own
 * resolution, and drawn from the document kept open since its text was read.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PDFDocument, rgb, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { analyzeFile } from '../src/checks/analyze.js';
import { detectSeals } from '../src/checks/seal.js';
import { profileStages, STAGES, timed } from '../src/util/stages.js';
import { readUpload } from '../src/reading/read.js';
import type { RasterImage, ReadPage } from '../src/reading/types.js';

const EXAMPLES = join(import.meta.dirname, '..', 'examples', 'submission');

type Paint = (page: ReturnType<PDFDocument['addPage']>, doc: PDFDocument) => Promise<void> | void;

/** A one-page text-layer PDF with a line of text and whatever `paint` adds. */
async function pdfWith(paint: Paint): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595, 842]);
  page.drawText('Unified social credit code 91320507MA1MXQ7P9P', { x: 50, y: 760, size: 14, font });
  await paint(page, doc);
  return doc.save();
}

/** A tiny PNG (red square) made with pdf-lib's own embedding, from raw RGBA via a canvas. */
async function redPng(): Promise<Uint8Array> {
  const { createCanvas } = await import('@napi-rs/canvas');
  const canvas = createCanvas(40, 40);
  const context = canvas.getContext('2d');
  context.fillStyle = '#d0101a';
  context.fillRect(0, 0, 40, 40);
  return canvas.toBuffer('image/png');
}

async function firstPage(bytes: Uint8Array, name: string): Promise<ReadPage> {
  const read = await readUpload(bytes, { name, noCache: true });
  return read.pages[0]!;
}

/** The page with its drawing counted: how often the seal check asked for pixels of any resolution. */
function counted(page: ReadPage): { page: ReadPage; draws: () => number } {
  let draws = 0;
  const wrapped = Object.create(page) as ReadPage;
  wrapped.pixels = () => (draws++, page.pixels());
  wrapped.render = (dpi: number) => (draws++, page.render!(dpi));
  return { page: wrapped, draws: () => draws };
}

describe('what a text-layer page paints, read from its operators', () => {
  it('red text is not a shape; a red ring is; an image is counted', async () => {
    const redText = await firstPage(
      await pdfWith(async (page, doc) => page.drawText('RED TITLE', { x: 50, y: 700, size: 24, font: await doc.embedFont(StandardFonts.HelveticaBold), color: rgb(0.85, 0.05, 0.1) })),
      'red-text.pdf',
    );
    expect(await redText.drawing!()).toEqual({ images: 0, shapeColours: [] });

    const ring = await firstPage(await pdfWith((page) => page.drawCircle({ x: 300, y: 400, size: 55, borderColor: rgb(0.85, 0.05, 0.1), borderWidth: 3 })), 'ring.pdf');
    const drawn = await ring.drawing!();
    expect(drawn.images).toBe(0);
    expect(drawn.shapeColours).toHaveLength(1);
    // rgb(0.85, 0.05, 0.1) as pdfjs gives it: '#rrggbb', within a rounding step.
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(drawn.shapeColours[0]!.slice(i, i + 2), 16));
    expect([Math.abs(r! - 217), Math.abs(g! - 13), Math.abs(b! - 26)].every((d) => d <= 1)).toBe(true);

    const grey = await firstPage(await pdfWith((page) => page.drawRectangle({ x: 40, y: 600, width: 500, height: 20, color: rgb(0.92, 0.92, 0.92) })), 'grey.pdf');
    expect((await grey.drawing!()).shapeColours).toEqual(['#ebebeb']);

    const png = await redPng();
    const image = await firstPage(
      await pdfWith(async (page, doc) => page.drawImage(await doc.embedPng(png), { x: 300, y: 300, width: 80, height: 80 })),
      'image.pdf',
    );
    expect((await image.drawing!()).images).toBe(1);
  });

  it('a page that paints neither an image nor a reddish shape is not drawn for the seal check', async () => {
    const { page, draws } = counted(
      await firstPage(await pdfWith((p) => p.drawRectangle({ x: 40, y: 600, width: 500, height: 20, color: rgb(0.1, 0.3, 0.7) })), 'blue-bar.pdf'),
    );
    const detection = await detectSeals(page);
    expect(detection.seals).toEqual([]);
    expect(draws()).toBe(0);

    // Where a missed seal would be an error (a pledge), the page is drawn whatever its operators say.
    const looked = counted(await firstPage(await pdfWith((p) => p.drawRectangle({ x: 40, y: 600, width: 500, height: 20, color: rgb(0.1, 0.3, 0.7) })), 'blue-bar.pdf'));
    await detectSeals(looked.page, { fromDrawing: false });
    expect(looked.draws()).toBe(1);

    const ringed = counted(await firstPage(await pdfWith((p) => p.drawCircle({ x: 300, y: 400, size: 55, borderColor: rgb(0.85, 0.05, 0.1), borderWidth: 3 })), 'ring.pdf'));
    await detectSeals(ringed.page);
    expect(ringed.draws()).toBe(1);
  });

  it('seals found on the page drawn at 100 dpi stand where they stand on the 200-dpi page', async () => {
    for (const file of ['1-营业执照.pdf', '3-专项信用报告.pdf', '科技研发创新-高新技术企业证书.pdf']) {
      const read = await readUpload(new Uint8Array(await readFile(join(EXAMPLES, file))), { name: file, noCache: true });
      for (const page of read.pages) {
        const fast = await detectSeals(page);
        const full = await detectSeals(page, { pixels: await page.pixels() });
        // Without the explanation of other marks: the same seals, nothing else.
        const bare = await detectSeals(page, { explain: false });
        expect(bare.seals).toEqual(fast.seals);
        expect(bare.rejected).toEqual([]);
        expect(fast.seals.length, `${file} p${page.number}`).toBe(full.seals.length);
        const byX = (a: { x: number }, b: { x: number }) => a.x - b.x;
        const [f, g] = [[...fast.seals].sort(byX), [...full.seals].sort(byX)];
        f.forEach((seal, i) => {
          // Boxes are in the page's own 200-dpi grid either way: a few pixels apart at most.
          for (const key of ['x', 'y', 'width', 'height'] as const) expect(Math.abs(seal[key] - g[i]![key]), `${file} p${page.number} ${key}`).toBeLessThanOrEqual(6);
          expect(Math.abs(seal.sizeMm.major - g[i]!.sizeMm.major)).toBeLessThan(1.5);
        });
      }
    }
  });
});

describe('documents kept open for drawing', () => {
  it('a page is drawn the same after its document was pushed out by others and after release', async () => {
    const licence = new Uint8Array(await readFile(join(EXAMPLES, '1-营业执照.pdf')));
    const read = await readUpload(licence, { name: 'licence.pdf', noCache: true });
    const first: RasterImage = await read.pages[0]!.render!(50);
    // Three more documents read: the licence's is closed (at most two stay open) …
    for (const file of ['3-专项信用报告.pdf', '品牌建设-质量管理体系认证证书.pdf', '资源保障-首席质量官任命文件.pdf']) {
      const other = await readUpload(new Uint8Array(await readFile(join(EXAMPLES, file))), { name: file, noCache: true });
      await other.pages[0]!.render!(50);
    }
    // … and opened again from its bytes when asked.
    const again = await read.pages[0]!.render!(50);
    expect([again.width, again.height]).toEqual([first.width, first.height]);
    expect(Buffer.compare(Buffer.from(again.data), Buffer.from(first.data))).toBe(0);
    await read.release();
    const afterRelease = await read.pages[0]!.render!(50);
    expect(Buffer.compare(Buffer.from(afterRelease.data), Buffer.from(first.data))).toBe(0);
  });
});

describe('where an analysis spends its time', () => {
  it('stages are counted only when profiled, each where its work ran', async () => {
    const bytes = new Uint8Array(await readFile(join(EXAMPLES, '1-营业执照.pdf')));
    // Unprofiled: timed() is the work itself.
    expect(await timed('seal', async () => 42)).toBe(42);
    const { result, stages } = await profileStages(() => analyzeFile(bytes, 'licence.pdf', { noCache: true }));
    expect(result.kind).toBe('business-license');
    expect(Object.keys(stages).sort()).toEqual([...STAGES].sort());
    // A text-layer licence: its text and drawing read, drawn once for its seals, no OCR.
    expect(stages['text-layer']).toBeGreaterThan(0);
    expect(stages.rasterise).toBeGreaterThan(0);
    expect(stages.seal).toBeGreaterThan(0);
    expect(stages.checks).toBeGreaterThan(0);
    expect(stages.ocr).toBe(0);
    expect(stages.orientation).toBe(0);
  });
});
