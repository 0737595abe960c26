/**
 * The tesseract.js engine: the shared OCR conformance suite, plus what is specific to it
 * (preprocessing against red seals and skew, worker recycling, crashes and missing data).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { SKRSContext2D } from '@napi-rs/canvas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isQcError } from '../src/errors.js';
import { normalizeChineseText, toHalfWidthAscii } from '../src/reading/normalize.js';
import { crop, deskew, encodePng, normalizeContrast, redChannel, toGrey, upscaleTo } from '../src/reading/ocr/preprocess.js';
import { encodePnm, TesseractEngine } from '../src/reading/ocr/tesseract.js';
import type { RasterImage } from '../src/reading/types.js';
import {
  characterAccuracy,
  describeOcrEngineConformance,
  registerTestFont,
  renderText,
  resultText,
  SAMPLE_CODE,
  SAMPLE_LINES,
  stacked,
} from './ocr-conformance.js';

describeOcrEngineConformance('tesseract', () => new TesseractEngine());

describe('normalizeChineseText / toHalfWidthAscii', () => {
  it('removes spaces between Chinese characters and punctuation, keeps them between Latin words', () => {
    expect(normalizeChineseText('  江 苏  省 ， 企 业\t质 量 ')).toBe('江苏省，企业质量');
    expect(normalizeChineseText('Hello   world\n2026 年 6 月')).toBe('Hello world 2026 年 6 月');
    expect(normalizeChineseText('（ 盖 章 ）  “ 承 诺 ” 。')).toBe('（盖章）“承诺”。');
    expect(normalizeChineseText('代码\u3000 91320100MA1XYZ1234')).toBe('代码 91320100MA1XYZ1234');
    expect(normalizeChineseText(' \n\t ')).toBe('');
  });

  it('turns full-width ASCII and the ideographic space into ASCII', () => {
    expect(toHalfWidthAscii('９１３２０１００ＭＡ１\u3000（ＡＢ）')).toBe('91320100MA1 (AB)');
    expect(toHalfWidthAscii('江苏省')).toBe('江苏省');
  });
});

describe('preprocessing', () => {
  beforeAll(registerTestFont);

  const image = (width: number, height: number, channels: 1 | 3 | 4, fill: (i: number) => number): RasterImage => ({
    width,
    height,
    channels,
    data: Uint8Array.from({ length: width * height * channels }, (_, i) => fill(i)),
  });

  it('converts to grey, takes the red channel, stretches contrast, upscales, crops, encodes', async () => {
    const rgb = image(4, 2, 3, (i) => [200, 10, 20][i % 3]!);
    const grey = await toGrey(rgb);
    expect(grey).toMatchObject({ width: 4, height: 2, channels: 1 });
    expect(grey.data[0]).toBeLessThan(100); // red is dark in luminance…
    const red = await redChannel(rgb);
    expect(red.channels).toBe(1);
    expect([...red.data]).toEqual(Array(8).fill(200)); // …and bright in the red channel

    const dull = image(16, 16, 1, (i) => (i % 2 ? 100 : 160));
    const stretched = await normalizeContrast(dull);
    expect(stretched.channels).toBe(1);
    expect(Math.min(...stretched.data)).toBeLessThan(20);
    expect(Math.max(...stretched.data)).toBeGreaterThan(235);

    const small = image(50, 40, 1, () => 128);
    expect(await upscaleTo(small, 1)).toBe(small);
    expect(await upscaleTo(small, 2)).toMatchObject({ width: 100, height: 80, channels: 1 });

    const cut = crop(image(10, 10, 3, (i) => Math.floor(i / 3)), { x: 2, y: 3, width: 4, height: 2 }, 1);
    expect(cut).toMatchObject({ width: 6, height: 4, channels: 3, offsetX: 1, offsetY: 2 });
    expect(cut.data[0]).toBe(2 * 10 + 1);
    expect(crop(small, { x: -10, y: -10, width: 15, height: 15 })).toMatchObject({ width: 5, height: 5, offsetX: 0, offsetY: 0 });
    expect(() => crop(small, { x: 60, y: 0, width: 5, height: 5 })).toThrow(RangeError);

    const png = await encodePng(small);
    expect([...png.subarray(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
    const pnm = encodePnm(image(2, 1, 4, (i) => (i % 4 === 3 ? 0 : 0))); // fully transparent → white
    expect(new TextDecoder().decode(pnm.subarray(0, 9))).toBe('P6\n2 1\n25');
    expect([...pnm.subarray(-6)]).toEqual([255, 255, 255, 255, 255, 255]);
  });

  it('deskew measures a ±2° skew within 0.5° and straightens the page', async () => {
    const lines = [...SAMPLE_LINES, ...SAMPLE_LINES.slice(1, 5)];
    for (const skew of [2, -2]) {
      const { image } = await renderText(stacked(lines, 80, 80, 62, 34), { width: 1300, height: 800, rotate: skew });
      const { image: straight, angle } = await deskew(image);
      expect(Math.abs(angle + skew), `skew ${skew}°, correction ${angle}°`).toBeLessThanOrEqual(0.5);
      expect(straight).toMatchObject({ width: image.width, height: image.height, channels: image.channels });
      const again = await deskew(straight);
      expect(Math.abs(again.angle), 'already straight').toBeLessThanOrEqual(0.5);
      const grey = await deskew(await toGrey(image));
      expect(Math.abs(grey.angle + skew)).toBeLessThanOrEqual(0.5);
      expect(grey.image.channels).toBe(1);
    }
    const { image: upright } = await renderText(stacked(lines, 80, 80, 62, 34), { width: 1300, height: 800 });
    const result = await deskew(upright);
    expect(result.angle).toBe(0);
    expect(result.image).toBe(upright);
  });
});

describe('the desk left around a photographed sheet', () => {
  // A sheet photographed 4° askew, cropped to its bounds: the desk shows in its corners.
  const desk = (ctx: SKRSContext2D) => {
    ctx.fillStyle = '#262a33';
    for (const corner of [
      [0, 0, 260, 0, 0, 70],
      [1300, 0, 1040, 0, 1300, 90],
      [0, 800, 0, 700, 300, 800],
    ]) {
      ctx.beginPath();
      ctx.moveTo(corner[0]!, corner[1]!);
      ctx.lineTo(corner[2]!, corner[3]!);
      ctx.lineTo(corner[4]!, corner[5]!);
      ctx.closePath();
      ctx.fill();
    }
  };
  const lines = [...SAMPLE_LINES, ...SAMPLE_LINES.slice(1, 5)];

  it('deskew measures the text, not the slanted edges of the desk', async () => {
    for (const skew of [4, -3]) {
      const { image } = await renderText(stacked(lines, 120, 110, 56, 30), { width: 1300, height: 800, rotate: skew, decorate: desk });
      const { angle } = await deskew(await toGrey(image));
      expect(Math.abs(angle + skew), `skew ${skew}°, correction ${angle}°`).toBeLessThanOrEqual(0.5);
    }
  });
});

/** A round red seal (ring, star, company name on an arc), inked over the page (multiply). */
function drawSeal(ctx: SKRSContext2D, cx: number, cy: number, radius: number): void {
  ctx.save();
  ctx.globalCompositeOperation = 'multiply';
  ctx.globalAlpha = 0.85;
  const red = 'rgb(225, 25, 35)';
  ctx.strokeStyle = red;
  ctx.fillStyle = red;
  ctx.lineWidth = radius * 0.06;
  ctx.beginPath();
  ctx.arc(cx, cy, radius, 0, Math.PI * 2);
  ctx.stroke();
  // Five-pointed star.
  ctx.beginPath();
  for (let k = 0; k < 10; k++) {
    const r = k % 2 ? radius * 0.12 : radius * 0.3;
    const a = -Math.PI / 2 + (k * Math.PI) / 5;
    ctx.lineTo(cx + r * Math.cos(a), cy + r * Math.sin(a));
  }
  ctx.closePath();
  ctx.fill();
  // Company name along the upper arc, and the seal's purpose below the star.
  const name = '江苏省某某精密机械制造有限公司';
  ctx.font = `${Math.round(radius * 0.2)}px QcreditOcrTestSans`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  const span = (Math.PI * 4) / 3;
  [...name].forEach((char, k) => {
    const a = -Math.PI / 2 - span / 2 + (span * (k + 0.5)) / name.length;
    ctx.save();
    ctx.translate(cx + radius * 0.78 * Math.cos(a), cy + radius * 0.78 * Math.sin(a));
    ctx.rotate(a + Math.PI / 2);
    ctx.fillText(char, 0, 0);
    ctx.restore();
  });
  ctx.font = `${Math.round(radius * 0.16)}px QcreditOcrTestSans`;
  ctx.fillText('合同专用章', cx, cy + radius * 0.55);
  ctx.restore();
}

describe('TesseractEngine', () => {
  let engine: TesseractEngine;

  beforeAll(async () => {
    await registerTestFont();
    engine = new TesseractEngine({ workers: 1 });
    await engine.warmUp();
  });

  afterAll(async () => {
    await engine?.close();
  });

  it('reads text under a red seal better from the red channel than from the plain image', async () => {
    const lines = SAMPLE_LINES.slice(1);
    const { image } = await renderText(stacked(lines, 40, 40, 58, 34), {
      width: 1000,
      height: 360,
      decorate: (ctx) => drawSeal(ctx, 560, 190, 165),
    });
    const expected = lines.join('\n');
    const plain = await engine.recognize({ image, mode: 'page', script: 'chinese' });
    const red = await engine.recognize({ image: await redChannel(image), mode: 'page', script: 'chinese' });
    const plainAccuracy = characterAccuracy(expected, resultText(plain));
    const redAccuracy = characterAccuracy(expected, resultText(red));
    console.info(`text under a red seal: plain ${(plainAccuracy * 100).toFixed(1)} %, red channel ${(redAccuracy * 100).toFixed(1)} %`);
    expect(redAccuracy).toBeGreaterThan(plainAccuracy);
    expect(redAccuracy).toBeGreaterThanOrEqual(0.95);
  });

  it('recycles a worker after `recycleAfter` jobs and keeps reading correctly', async () => {
    const own = new TesseractEngine({ workers: 1, recycleAfter: 2 });
    try {
      const images = await Promise.all(
        SAMPLE_LINES.slice(0, 5).map((text) => renderText([{ text, x: 30, y: 24 }], { width: 1100, height: 100 })),
      );
      for (const [i, { image }] of images.entries()) {
        const result = await own.recognize({ image, mode: 'line', script: 'chinese' });
        expect(result.lines.map((l) => l.text)).toEqual([SAMPLE_LINES[i]]);
      }
      const state = own.debugState();
      expect(state.completed).toBe(5);
      expect(state.recycled).toBe(2); // after jobs 2 and 4
      expect(state.started).toBe(3);
      expect(state.workers.filter((w) => w.lang === 'chi_sim')).toHaveLength(1);
    } finally {
      await own.close();
    }
    expect(own.debugState().workers).toEqual([]);
  });

  it('turns a worker thread dying mid-request into a rejected request, and recovers', async () => {
    const { image } = await renderText(stacked([...SAMPLE_LINES, ...SAMPLE_LINES], 40, 40, 56, 32), { width: 1100, height: 780 });
    const pending = engine.recognize({ image, mode: 'page', script: 'chinese' });
    const busy = engine.debugState().workers.find((w) => w.lang === 'chi_sim' && w.state === 'busy');
    expect(busy?.thread).toBeDefined();
    await busy!.thread!.terminate();
    const error = await pending.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isQcError(error) && error.code).toBe('QC_OCR_FAILED');
    const line = await renderText([{ text: SAMPLE_LINES[0]!, x: 40, y: 40 }], { width: 820, height: 120 });
    expect((await engine.recognize({ image: line.image, mode: 'page', script: 'chinese' })).lines.map((l) => l.text)).toEqual([
      SAMPLE_LINES[0],
    ]);
  });

  it('rejects the requests in flight when closed', async () => {
    const own = new TesseractEngine({ workers: 1 });
    const { image } = await renderText(stacked(SAMPLE_LINES, 40, 40, 56, 32), { width: 1100, height: 420 });
    await own.warmUp(); // so that one request runs and one waits
    const outcomes = [0, 1].map(() =>
      own.recognize({ image, mode: 'page', script: 'chinese' }).then(
        () => undefined,
        (e: unknown) => e,
      ),
    );
    expect(own.debugState().workers.find((w) => w.lang === 'chi_sim')?.state).toBe('busy');
    await own.close();
    for (const error of await Promise.all(outcomes)) expect(isQcError(error) && error.code).toBe('QC_OCR_FAILED');
    expect(own.debugState().workers).toEqual([]);
  });

  it('contains an uncaught exception inside a worker thread', async () => {
    const idle = engine.debugState().workers.find((w) => w.lang === 'chi_sim' && w.state === 'idle');
    expect(idle?.thread).toBeDefined();
    const exited = new Promise((resolve) => idle!.thread!.once('exit', resolve));
    // tesseract.js's worker script throws on an unknown action, outside any job.
    idle!.thread!.postMessage({ action: 'no-such-action' });
    expect(await exited).toBe(70);
    const line = await renderText([{ text: SAMPLE_LINES[2]!, x: 30, y: 30 }], { width: 900, height: 110 });
    expect((await engine.recognize({ image: line.image, mode: 'page', script: 'chinese' })).lines.map((l) => l.text)).toEqual([
      SAMPLE_LINES[2],
    ]);
  });

  it('fails cleanly (QC_OCR_FAILED, nothing downloaded, no stray thread) when language data is missing', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'qcredit-nolang-'));
    const broken = new TesseractEngine({ workers: 1, langPaths: { chi_sim: empty } });
    try {
      const { image } = await renderText([{ text: SAMPLE_LINES[0]!, x: 40, y: 40 }], { width: 820, height: 120 });
      const error = await broken.recognize({ image, mode: 'page', script: 'chinese' }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isQcError(error) && error.code).toBe('QC_OCR_FAILED');
      expect(String((error as Error).message)).toMatch(/chi_sim/);
      await expect(broken.warmUp()).rejects.toThrow();
      expect(broken.debugState().workers.filter((w) => w.lang === 'chi_sim')).toEqual([]);
    } finally {
      await broken.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('fails cleanly when language data is corrupt (tesseract.js would throw in the main thread)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'qcredit-badlang-'));
    writeFileSync(path.join(dir, 'eng.traineddata.gz'), gzipSync(Buffer.from('not a traineddata file')));
    const broken = new TesseractEngine({ langPaths: { eng: dir } });
    try {
      const { image } = await renderText([{ text: SAMPLE_CODE, x: 24, y: 20 }], { width: 560, height: 90, size: 40 });
      const error = await broken.recognize({ image, mode: 'line', script: 'latin' }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isQcError(error) && error.code).toBe('QC_OCR_FAILED');
      expect(String((error as Error).message)).toMatch(/eng/);
    } finally {
      await broken.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('validates its options and its input', async () => {
    expect(() => new TesseractEngine({ workers: 0 })).toThrow(RangeError);
    expect(() => new TesseractEngine({ langPaths: { eng: 'https://cdn.jsdelivr.net/npm/@tesseract.js-data/eng' } })).toThrow(RangeError);
    const error = await engine
      .recognize({ image: { width: 10, height: 10, channels: 3, data: new Uint8Array(10) }, mode: 'page', script: 'chinese' })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(isQcError(error) && error.code).toBe('QC_OCR_FAILED');
  });
});
