/**
 * Conformance suite every OCR engine must pass (tesseract.js today; PP-OCR or another engine
 * tomorrow). Use it from a test file:
 *
 *   describeOcrEngineConformance('tesseract', () => new TesseractEngine());
 *
 * Test images are rendered here with @napi-rs/canvas in Noto Sans SC (the TrueType bytes of
 * the font the project ships), black on white, at sizes a 200-DPI scan has (12–14 pt ≈
 * 33–40 px). The helpers are exported for engine-specific tests.
 */
import { readdirSync } from 'node:fs';
import { createCanvas, GlobalFonts, type SKRSContext2D } from '@napi-rs/canvas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFont } from '../src/document/fonts.js';
import { USCC_ALPHABET } from '../src/domain/uscc.js';
import { isQcError } from '../src/errors.js';
import type { OcrEngine, OcrResult } from '../src/reading/ocr/engine.js';
import type { Box, RasterImage } from '../src/reading/types.js';
import { editDistance } from '../src/util/edit-distance.js';

/** Family name the test font is registered under (no system font can be picked instead). */
export const TEST_FONT = 'QcreditOcrTestSans';

let fontRegistration: Promise<void> | undefined;

/** Registers Noto Sans SC (regular) with @napi-rs/canvas once per process. */
export function registerTestFont(): Promise<void> {
  fontRegistration ??= loadFont('regular').then((font) => {
    const key = GlobalFonts.register(Buffer.from(font.ttf.buffer, font.ttf.byteOffset, font.ttf.byteLength), TEST_FONT);
    if (!key) throw new Error('could not register Noto Sans SC with @napi-rs/canvas');
  });
  return fontRegistration;
}

export interface TextToDraw {
  text: string;
  /** Left edge and top of the em box, pixels. */
  x: number;
  y: number;
  /** Font size in pixels (default: the render's). */
  size?: number;
}

export interface RenderOptions {
  width: number;
  height: number;
  /** Default font size, pixels (36 px ≈ 13 pt at 200 DPI). */
  size?: number;
  /** Rotate everything drawn about the image centre, degrees clockwise. */
  rotate?: number;
  /** Draws over the text (e.g. a seal) before the pixels are taken. */
  decorate?(ctx: SKRSContext2D): void;
}

export interface RenderedText {
  /** RGB pixels. */
  image: RasterImage;
  /** Per text drawn: the box of its ink, measured on the pixels (unrotated renders only). */
  ink: Box[];
}

/** Black text on white, drawn with the test font; returns RGB pixels and each text's ink box. */
export async function renderText(items: TextToDraw[], options: RenderOptions): Promise<RenderedText> {
  await registerTestFont();
  const { width, height } = options;
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  if (options.rotate) {
    ctx.translate(width / 2, height / 2);
    ctx.rotate((options.rotate * Math.PI) / 180);
    ctx.translate(-width / 2, -height / 2);
  }
  ctx.fillStyle = '#000000';
  ctx.textBaseline = 'top';
  for (const item of items) {
    ctx.font = `${item.size ?? options.size ?? 36}px ${TEST_FONT}`;
    ctx.fillText(item.text, item.x, item.y);
  }
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  options.decorate?.(ctx);
  const rgba = ctx.getImageData(0, 0, width, height).data;
  const data = new Uint8Array(width * height * 3);
  for (let i = 0, o = 0; i < rgba.length; i += 4, o += 3) {
    data[o] = rgba[i]!;
    data[o + 1] = rgba[i + 1]!;
    data[o + 2] = rgba[i + 2]!;
  }
  const image: RasterImage = { width, height, channels: 3, data };
  const ink = items.map((item) => {
    const size = item.size ?? options.size ?? 36;
    return inkBox(image, { x: item.x - size * 0.2, y: item.y - size * 0.2, width: width, height: size * 1.5 });
  });
  return { image, ink };
}

/** Lines of text stacked from `top` at `left`, `lineHeight` apart. */
export function stacked(lines: string[], left: number, top: number, lineHeight: number, size?: number): TextToDraw[] {
  return lines.map((text, i) => ({ text, x: left, y: top + i * lineHeight, size }));
}

/** Bounding box of dark pixels (< 128 in every channel's mean) inside `region`. */
export function inkBox(image: RasterImage, region: Box): Box {
  const x0 = Math.max(0, Math.floor(region.x));
  const y0 = Math.max(0, Math.floor(region.y));
  const x1 = Math.min(image.width, Math.ceil(region.x + region.width));
  const y1 = Math.min(image.height, Math.ceil(region.y + region.height));
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const c = image.channels;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const at = (y * image.width + x) * c;
      let sum = 0;
      for (let k = 0; k < Math.min(c, 3); k++) sum += image.data[at + k]!;
      if (sum / Math.min(c, 3) < 128) {
        if (x < minX) minX = x;
        if (x > maxX) maxX = x;
        if (y < minY) minY = y;
        if (y > maxY) maxY = y;
      }
    }
  }
  if (minX === Infinity) return { x: x0, y: y0, width: 0, height: 0 };
  return { x: minX, y: minY, width: maxX - minX + 1, height: maxY - minY + 1 };
}

/** A white RGB image. */
export function blankImage(width: number, height: number): RasterImage {
  return { width, height, channels: 3, data: new Uint8Array(width * height * 3).fill(255) };
}

/** Levenshtein distance over code points (the library's own). */
export { editDistance };

/** 1 − edit distance / expected length, whitespace ignored; can go below 0 on garbage. */
export function characterAccuracy(expected: string, actual: string): number {
  const squash = (s: string) => s.replace(/\s+/gu, '');
  const want = squash(expected);
  return want.length ? 1 - editDistance(want, squash(actual)) / [...want].length : squash(actual) ? 0 : 1;
}

/** All text of a result, lines joined with '\n'. */
export function resultText(result: OcrResult): string {
  return result.lines.map((line) => line.text).join('\n');
}

/** Whether `outer`, grown by `slack` pixels, contains `inner`. */
function contains(outer: Box, inner: Box, slack: number): boolean {
  return (
    inner.x >= outer.x - slack &&
    inner.y >= outer.y - slack &&
    inner.x + inner.width <= outer.x + outer.width + slack &&
    inner.y + inner.height <= outer.y + outer.height + slack
  );
}

/** Short lines of official wording (the 2026 notice and the pledge), easy to check by eye. */
export const SAMPLE_LINES = [
  '江苏省企业质量信用等级认定申报承诺书',
  '为深入推进质量诚信体系建设，实施质量信用分级分类监管',
  '激励企业加强质量诚信自律，现就有关事项通知如下',
  '本企业承诺所提交的申报材料真实、准确、完整',
  '如有虚假，愿意承担相应的法律责任和信用惩戒',
  '申报企业于5月20日至7月20日期间登录系统',
];

/** A valid unified social credit code (check character verified). */
export const SAMPLE_CODE = '91340600MA2PBM9HXD';

const HAN_SPACE_HAN = /\p{Script=Han}\s+\p{Script=Han}/u;

function cwdListing(): string[] {
  return readdirSync(process.cwd()).sort();
}

async function expectOcrTimeout(promise: Promise<unknown>): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'the request should have timed out').toBeDefined();
  expect(isQcError(error), `expected a QcError, got ${String(error)}`).toBe(true);
  expect((error as { code: string }).code).toBe('QC_OCR_TIMEOUT');
}

/**
 * Registers the tests an OCR engine must pass. `create` is called once for the shared engine
 * (warmed up before the tests) and again by tests that need their own (closing, writing).
 */
export function describeOcrEngineConformance(name: string, create: () => OcrEngine | Promise<OcrEngine>): void {
  describe(`OCR engine conformance: ${name}`, () => {
    let engine: OcrEngine;

    beforeAll(async () => {
      await registerTestFont();
      engine = await create();
      await engine.warmUp();
    });

    afterAll(async () => {
      await engine?.close();
    });

    it('has a stable id', () => {
      expect(engine.id).toMatch(/^[a-z0-9-]+$/);
    });

    it('reads a line of Chinese text exactly, in page and in line mode', async () => {
      const text = SAMPLE_LINES[0]!;
      const { image, ink } = await renderText([{ text, x: 40, y: 40 }], { width: 820, height: 120 });
      for (const mode of ['page', 'line'] as const) {
        const result = await engine.recognize({ image, mode, script: 'chinese' });
        expect(result.lines.map((l) => l.text), mode).toEqual([text]);
        expect(contains(result.lines[0]!.box, ink[0]!, 6), `${mode}: line box holds the ink`).toBe(true);
        expect(result.elapsedMs).toBeGreaterThanOrEqual(0);
      }
    });

    it('reads a paragraph: lines in order, boxes around the drawn text, no spaces between Chinese characters', async () => {
      const lines = SAMPLE_LINES.slice(1);
      const { image, ink } = await renderText(stacked(lines, 60, 50, 64), { width: 1100, height: 420 });
      const result = await engine.recognize({ image, mode: 'page', script: 'chinese' });
      expect(result.lines).toHaveLength(lines.length);
      result.lines.forEach((line, i) => {
        expect(characterAccuracy(lines[i]!, line.text), `line ${i + 1}: "${line.text}"`).toBeGreaterThanOrEqual(0.9);
        expect(contains(line.box, ink[i]!, 8), `line ${i + 1} box ${JSON.stringify(line.box)} holds ink ${JSON.stringify(ink[i])}`).toBe(true);
        expect(HAN_SPACE_HAN.test(line.text), `line ${i + 1}: "${line.text}"`).toBe(false);
        for (const word of line.words) expect(HAN_SPACE_HAN.test(word.text), word.text).toBe(false);
      });
      expect(characterAccuracy(lines.join(''), resultText(result))).toBeGreaterThanOrEqual(0.95);
      // Words lie inside their line, in reading order.
      for (const line of result.lines) {
        expect(line.words.length).toBeGreaterThan(0);
        for (const word of line.words) expect(contains(line.box, word.box, 12)).toBe(true);
        const xs = line.words.map((w) => w.box.x);
        expect([...xs].sort((a, b) => a - b)).toEqual(xs);
      }
    });

    it('line mode with the credit-code whitelist reads an 18-character code exactly', async () => {
      const { image } = await renderText([{ text: SAMPLE_CODE, x: 24, y: 20 }], { width: 560, height: 90, size: 40 });
      const result = await engine.recognize({ image, mode: 'line', script: 'latin', whitelist: USCC_ALPHABET });
      expect(result.lines.map((l) => l.text.replace(/\s+/g, ''))).toEqual([SAMPLE_CODE]);
    });

    it('gives confidences within 0..1 and boxes within the image', async () => {
      const { image } = await renderText(stacked(SAMPLE_LINES.slice(0, 3), 30, 30, 60, 34), { width: 1000, height: 230 });
      const result = await engine.recognize({ image, mode: 'page', script: 'chinese' });
      expect(result.lines.length).toBeGreaterThan(0);
      expect(result.confidence).toBeGreaterThanOrEqual(0);
      expect(result.confidence).toBeLessThanOrEqual(1);
      expect(result.confidence).toBeGreaterThan(0.5);
      const inBounds = (box: Box) =>
        box.x >= 0 && box.y >= 0 && box.width >= 0 && box.height >= 0 && box.x + box.width <= image.width && box.y + box.height <= image.height;
      for (const line of result.lines) {
        expect(line.confidence).toBeGreaterThanOrEqual(0);
        expect(line.confidence).toBeLessThanOrEqual(1);
        expect(inBounds(line.box), JSON.stringify(line.box)).toBe(true);
        expect(line.text).toBe(line.text.trim());
        for (const word of line.words) {
          expect(word.confidence).toBeGreaterThanOrEqual(0);
          expect(word.confidence).toBeLessThanOrEqual(1);
          expect(inBounds(word.box), JSON.stringify(word.box)).toBe(true);
          expect(word.text.length).toBeGreaterThan(0);
        }
      }
    });

    it('finds no lines on an empty white image, in every mode and script', async () => {
      const image = blankImage(800, 600);
      for (const [mode, script] of [['page', 'chinese'], ['line', 'chinese'], ['line', 'latin']] as const) {
        const result = await engine.recognize({ image, mode, script, whitelist: script === 'latin' ? USCC_ALPHABET : undefined });
        expect(result.lines, `${mode}/${script}`).toEqual([]);
        expect(result.confidence).toBeGreaterThanOrEqual(0);
        expect(result.confidence).toBeLessThanOrEqual(1);
      }
      const tiny = await engine.recognize({ image: blankImage(1, 1), mode: 'page', script: 'chinese' });
      expect(tiny.lines).toEqual([]);
    });

    it('accepts grey, RGB and RGBA rasters alike', async () => {
      const text = SAMPLE_LINES[3]!;
      const { image } = await renderText([{ text, x: 30, y: 30 }], { width: 860, height: 110 });
      const pixels = image.width * image.height;
      const grey = new Uint8Array(pixels);
      const rgba = new Uint8Array(pixels * 4);
      for (let i = 0; i < pixels; i++) {
        grey[i] = image.data[i * 3]!;
        rgba.set(image.data.subarray(i * 3, i * 3 + 3), i * 4);
        rgba[i * 4 + 3] = 255;
      }
      for (const raster of [{ ...image, channels: 1 as const, data: grey }, { ...image, channels: 4 as const, data: rgba }]) {
        const result = await engine.recognize({ image: raster, mode: 'page', script: 'chinese' });
        expect(result.lines.map((l) => l.text), `${raster.channels} channels`).toEqual([text]);
      }
    });

    it('serves concurrent requests (6 at once), each with its own result', async () => {
      const images = await Promise.all(
        SAMPLE_LINES.map((text) => renderText([{ text, x: 30, y: 24 }], { width: 1100, height: 100 })),
      );
      const results = await Promise.all(images.map(({ image }) => engine.recognize({ image, mode: 'page', script: 'chinese' })));
      results.forEach((result, i) => {
        expect(result.lines).toHaveLength(1);
        expect(characterAccuracy(SAMPLE_LINES[i]!, result.lines[0]!.text), result.lines[0]!.text).toBeGreaterThanOrEqual(0.9);
      });
    });

    it('rejects a request that exceeds its timeout with QC_OCR_TIMEOUT and keeps working', async () => {
      const { image } = await renderText(stacked([...SAMPLE_LINES, ...SAMPLE_LINES], 40, 40, 56, 32), { width: 1100, height: 780 });
      await expectOcrTimeout(engine.recognize({ image, mode: 'page', script: 'chinese', timeoutMs: 5 }));
      await expectOcrTimeout(engine.recognize({ image, mode: 'line', script: 'latin', timeoutMs: 5 }));
      const line = await renderText([{ text: SAMPLE_LINES[4]!, x: 30, y: 30 }], { width: 900, height: 110 });
      const [after, code] = await Promise.all([
        engine.recognize({ image: line.image, mode: 'page', script: 'chinese' }),
        renderText([{ text: SAMPLE_CODE, x: 24, y: 20 }], { width: 560, height: 90, size: 40 }).then(({ image: codeImage }) =>
          engine.recognize({ image: codeImage, mode: 'line', script: 'latin', whitelist: USCC_ALPHABET }),
        ),
      ]);
      expect(after.lines.map((l) => l.text)).toEqual([SAMPLE_LINES[4]]);
      expect(code.lines.map((l) => l.text)).toEqual([SAMPLE_CODE]);
    });

    it('rejects requests after close()', async () => {
      const own = await create();
      const { image } = await renderText([{ text: SAMPLE_LINES[0]!, x: 40, y: 40 }], { width: 820, height: 120 });
      expect((await own.recognize({ image, mode: 'line', script: 'chinese' })).lines).toHaveLength(1);
      await own.close();
      await expect(own.recognize({ image, mode: 'page', script: 'chinese' })).rejects.toThrow();
      await expect(own.warmUp()).rejects.toThrow();
      await own.close(); // closing twice is harmless
    });

    it('writes nothing into the current directory', async () => {
      const before = cwdListing();
      const own = await create();
      try {
        const { image } = await renderText([{ text: SAMPLE_LINES[2]!, x: 30, y: 30 }], { width: 900, height: 110 });
        const code = await renderText([{ text: SAMPLE_CODE, x: 24, y: 20 }], { width: 560, height: 90, size: 40 });
        await Promise.all([
          own.recognize({ image, mode: 'page', script: 'chinese' }),
          own.recognize({ image: code.image, mode: 'line', script: 'latin', whitelist: USCC_ALPHABET }),
        ]);
      } finally {
        await own.close();
      }
      const after = cwdListing();
      expect(after.filter((entry) => !before.includes(entry))).toEqual([]);
      expect(after.filter((entry) => /traineddata/i.test(entry))).toEqual([]);
    });
  });
}
