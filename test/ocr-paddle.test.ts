/**
 * The PP-OCR engine (PP-OCRv4 on onnxruntime-node): the shared OCR conformance suite, plus
 * what is specific to it — DB post-processing, CTC decoding with the dictionary's offset,
 * lines read upside down, text under a red seal, handwriting, the models loaded once, and a
 * clear error where onnxruntime cannot load.
 */
import os from 'node:os';
import type { SKRSContext2D } from '@napi-rs/canvas';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { USCC_ALPHABET } from '../src/domain/uscc.js';
import { isQcError } from '../src/errors.js';
import { allowedClasses, ctcDecode } from '../src/reading/ocr/paddle/ctc.js';
import { boxesFromProbabilityMap, convexHull, minAreaRect, rectCorners, unclip } from '../src/reading/ocr/paddle/db.js';
import { PaddleEngine } from '../src/reading/ocr/paddle/engine.js';
import { readingOrder } from '../src/reading/ocr/paddle/layout.js';
import { loadedSessions, recognitionClasses, shippedModelDir } from '../src/reading/ocr/paddle/runtime.js';
import { redChannel } from '../src/reading/ocr/preprocess.js';
import { createEngine } from '../src/reading/ocr/registry.js';
import { TesseractEngine } from '../src/reading/ocr/tesseract.js';
import { turnImage } from '../src/reading/orientation.js';
import { characterAccuracy, describeOcrEngineConformance, registerTestFont, renderText, resultText, SAMPLE_CODE, SAMPLE_LINES, stacked } from './ocr-conformance.js';

describeOcrEngineConformance('paddle', () => new PaddleEngine());

describe('DB post-processing', () => {
  it('fits the minimum-area rectangle of a tilted bar and grows it by the unclip distance', () => {
    // A 100 × 10 bar tilted by 10°, as pixel centres.
    const angle = (10 * Math.PI) / 180;
    const points = [];
    for (let u = 0; u <= 100; u += 2) for (let v = 0; v <= 10; v += 2) points.push({ x: 50 + u * Math.cos(angle) - v * Math.sin(angle), y: 50 + u * Math.sin(angle) + v * Math.cos(angle) });
    const rect = minAreaRect(convexHull(points));
    expect(rect.width).toBeCloseTo(100, 0);
    expect(rect.height).toBeCloseTo(10, 0);
    expect((rect.angle * 180) / Math.PI).toBeCloseTo(10, 0);
    // PaddleOCR: distance = area × 1.5 / perimeter, on the kernel's extent (one pixel more).
    const grown = unclip(rect, 1.5);
    const d = (101 * 11 * 1.5) / (2 * (101 + 11));
    expect(grown.width).toBeCloseTo(101 + 2 * d, 5);
    expect(grown.height).toBeCloseTo(11 + 2 * d, 5);
    const [tl, tr, br, bl] = rectCorners(grown);
    expect(tl.x).toBeLessThan(tr.x);
    expect(tl.y).toBeLessThan(bl.y);
    expect(br.x).toBeGreaterThan(bl.x);
  });

  it('finds one box per text kernel and drops weak or tiny ones', () => {
    const width = 200;
    const height = 60;
    const map = new Float32Array(width * height);
    const fill = (x0: number, y0: number, x1: number, y1: number, p: number) => {
      for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) map[y * width + x] = p;
    };
    fill(10, 10, 150, 20, 0.9); // a line's kernel
    fill(10, 35, 60, 45, 0.45); // weak: above the 0.3 threshold but below the 0.6 box score
    fill(180, 40, 182, 42, 0.95); // a speck
    const boxes = boxesFromProbabilityMap(map, width, height);
    expect(boxes).toHaveLength(1);
    expect(boxes[0]!.score).toBeCloseTo(0.9, 5);
    const xs = boxes[0]!.quad.map((p) => p.x);
    const ys = boxes[0]!.quad.map((p) => p.y);
    // The 140 × 10 kernel (pixel centres 10…149, 10…19) grown by 140 · 10 · 1.5 / 300 = 7 px on each side.
    expect(Math.min(...xs)).toBeCloseTo(9.5 - 7, 5);
    expect(Math.max(...xs)).toBeCloseTo(149.5 + 7, 5);
    expect(Math.min(...ys)).toBeCloseTo(9.5 - 7, 5);
    expect(Math.max(...ys)).toBeCloseTo(19.5 + 7, 5);
  });
});

describe('reading order', () => {
  const line = (text: string, x: number, y: number, height: number) => ({ text, box: { x, y, width: 100, height }, confidence: 1, words: [] });

  it('rows top to bottom, left to right; a table of staggered cells does not chain into one row', () => {
    // The rows of a photographed report: a heading, a table whose cells' boxes overlap the
    // next row's, then the next heading, which must come after the table.
    const lines = [
      line('（二）行政处罚信息', 393, 741, 74),
      line('许可内容', 915, 661, 55),
      line('序号', 400, 622, 42),
      line('（一）行政许可信息', 405, 557, 75),
      line('特种设备使用登记', 818, 711, 63),
      line('许可决定文书号', 558, 629, 62),
      line('扬审批（2025）835号', 476, 681, 71),
      line('1', 419, 688, 25),
    ];
    const order = readingOrder(lines).map((l) => l.text);
    expect(order[0]).toBe('（一）行政许可信息');
    expect(order.at(-1)).toBe('（二）行政处罚信息');
    expect(order.indexOf('序号')).toBeLessThan(order.indexOf('扬审批（2025）835号'));
    // Two pieces of one printed line stay one row, left to right.
    expect(readingOrder([line('右', 600, 100, 40), line('左', 100, 104, 36)]).map((l) => l.text)).toEqual(['左', '右']);
  });
});

describe('CTC decoding', () => {
  const classes = recognitionClasses(shippedModelDir());

  it('has the blank at 0, the dictionary at 1…6623 and the space last (the model has 6625 classes)', () => {
    expect(classes).toHaveLength(6625);
    expect(classes[0]).toBe('');
    expect(classes[classes.length - 1]).toBe(' ');
    expect(classes.indexOf('统')).toBeGreaterThan(0);
  });

  it('collapses repeats, drops blanks, keeps where each character was seen', () => {
    const steps = ['A', 'A', '', 'B', 'B', '', '', 'B', '9', ''];
    const probs = new Float32Array(steps.length * classes.length);
    steps.forEach((char, t) => {
      probs[t * classes.length + (char ? classes.indexOf(char) : 0)] = 0.9;
    });
    const decoded = ctcDecode(probs, 0, steps.length, classes);
    expect(decoded.text).toBe('ABB9');
    expect(decoded.chars.map((c) => [c.first, c.last])).toEqual([[0, 1], [3, 4], [7, 7], [8, 8]]);
    expect(decoded.confidence).toBeCloseTo(0.9, 5);
  });

  it('restricted to a whitelist: a look-alike becomes the best allowed character, a clearly foreign one a blank', () => {
    const allowed = allowedClasses(classes, USCC_ALPHABET);
    const probs = new Float32Array(3 * classes.length);
    probs[classes.indexOf('O')] = 0.45; // an O (not in the alphabet) …
    probs[classes.indexOf('0')] = 0.4; // … or a zero
    probs[classes.length + classes.indexOf('）')] = 0.95; // a bracket beside the code
    probs[2 * classes.length + classes.indexOf('7')] = 0.8;
    expect(ctcDecode(probs, 0, 3, classes, allowed).text).toBe('07');
    expect(ctcDecode(probs, 0, 3, classes).text).toBe('O）7');
  });
});

/** A round red seal over the text (ring, star, name along the arc), multiplied like ink. */
function drawSeal(ctx: SKRSContext2D, cx: number, cy: number, radius: number): void {
  ctx.save();
  ctx.globalCompositeOperation = 'multiply';
  ctx.globalAlpha = 0.85;
  ctx.strokeStyle = ctx.fillStyle = 'rgb(225, 25, 35)';
  ctx.lineWidth = radius * 0.06;
  ctx.beginPath();
  ctx.arc(cx, cy, radius, 0, Math.PI * 2);
  ctx.stroke();
  ctx.beginPath();
  for (let k = 0; k < 10; k++) {
    const r = k % 2 ? radius * 0.12 : radius * 0.3;
    const a = -Math.PI / 2 + (k * Math.PI) / 5;
    ctx.lineTo(cx + r * Math.cos(a), cy + r * Math.sin(a));
  }
  ctx.fill();
  ctx.font = `${Math.round(radius * 0.2)}px QcreditOcrTestSans`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  const name = '江苏省某某精密机械制造有限公司';
  [...name].forEach((char, k) => {
    const a = -Math.PI / 2 - (Math.PI * 2) / 3 + ((Math.PI * 4) / 3) * ((k + 0.5) / name.length);
    ctx.save();
    ctx.translate(cx + radius * 0.78 * Math.cos(a), cy + radius * 0.78 * Math.sin(a));
    ctx.rotate(a + Math.PI / 2);
    ctx.fillText(char, 0, 0);
    ctx.restore();
  });
  ctx.restore();
}

describe('PaddleEngine', () => {
  let engine: PaddleEngine;
  beforeAll(async () => {
    await registerTestFont();
    engine = new PaddleEngine();
    await engine.warmUp();
  });
  afterAll(async () => {
    await engine?.close();
  });

  it('loads each model once per process, whatever the number of engines', async () => {
    const before = loadedSessions();
    const other = new PaddleEngine();
    await other.warmUp();
    await other.close();
    expect(loadedSessions()).toEqual(before);
    // det and rec at the default thread count min(2, cores) (the line classifier is off by default).
    const threads = Math.min(2, os.availableParallelism());
    const names = before.map((s) => s.replace(/^.*\//, ''));
    expect(names).toContain(`ch_PP-OCRv4_det_infer.onnx|${threads}`);
    expect(names).toContain(`ch_PP-OCRv4_rec_infer.onnx|${threads}`);
  });

  it('reads lines that are upside down (the direction classifier turns them)', async () => {
    const lines = SAMPLE_LINES.slice(1, 4);
    const { image } = await renderText(stacked(lines, 40, 40, 60, 34), { width: 1000, height: 240 });
    const flipped = new PaddleEngine({ classifyLines: true });
    const result = await flipped.recognize({ image: await turnImage(image, 180), mode: 'page', script: 'chinese' });
    await flipped.close();
    expect(characterAccuracy(lines.join(''), resultText(result).split('\n').reverse().join(''))).toBeGreaterThanOrEqual(0.95);
  });

  it('reads text under a red seal from the red channel (as the reader gives it) better than plain', async () => {
    const lines = SAMPLE_LINES.slice(1);
    const { image } = await renderText(stacked(lines, 40, 40, 58, 34), { width: 1000, height: 360, decorate: (ctx) => drawSeal(ctx, 560, 190, 165) });
    const expected = lines.join('\n');
    const plain = characterAccuracy(expected, resultText(await engine.recognize({ image, mode: 'page', script: 'chinese' })));
    const red = characterAccuracy(expected, resultText(await engine.recognize({ image: await redChannel(image), mode: 'page', script: 'chinese' })));
    console.info(`PP-OCR, text under a red seal: plain ${(plain * 100).toFixed(1)} %, red channel ${(red * 100).toFixed(1)} %`);
    expect(red).toBeGreaterThanOrEqual(0.95);
    expect(red).toBeGreaterThan(plain);
  });

  it('reads a code in the alphabet restricted by the whitelist, and gives each word a box inside its line', async () => {
    const text = `统一社会信用代码：${SAMPLE_CODE}`;
    const { image } = await renderText([{ text, x: 24, y: 24 }], { width: 900, height: 100, size: 36 });
    const page = await engine.recognize({ image, mode: 'page', script: 'chinese' });
    expect(page.lines.map((l) => l.text)).toEqual([text]);
    const code = page.lines[0]!.words.find((w) => w.text === SAMPLE_CODE)!;
    expect(code).toBeDefined();
    // The code's box starts after the label's nine characters (36 px each) and ends at the ink.
    expect(code.box.x).toBeGreaterThan(24 + 9 * 36 - 20);
    expect(code.box.x + code.box.width).toBeLessThanOrEqual(page.lines[0]!.box.x + page.lines[0]!.box.width + 1);
    const line = await engine.recognize({ image, mode: 'line', script: 'latin', whitelist: USCC_ALPHABET });
    expect(line.lines.map((l) => l.text)).toEqual([SAMPLE_CODE]);
  });

  it('validates its options', () => {
    expect(() => new PaddleEngine({ threads: 0 })).toThrow(RangeError);
    expect(() => new PaddleEngine({ detMaxSide: -1 })).toThrow(RangeError);
  });
});

describe('where onnxruntime cannot load', () => {
  const saved = process.env.QCREDIT_ONNXRUNTIME;
  afterEach(() => {
    if (saved === undefined) delete process.env.QCREDIT_ONNXRUNTIME;
    else process.env.QCREDIT_ONNXRUNTIME = saved;
  });

  it("createEngine('paddle') throws QC_OCR_ENGINE_UNAVAILABLE with a zh/en message", async () => {
    process.env.QCREDIT_ONNXRUNTIME = '/nonexistent/onnxruntime-node';
    const error = await createEngine('paddle').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isQcError(error) && error.code).toBe('QC_OCR_ENGINE_UNAVAILABLE');
    const qc = error as { message: string; messageEn: string; params: Record<string, unknown> };
    expect(qc.message).toContain('paddle');
    expect(qc.message).toContain('--engine tesseract');
    expect(qc.messageEn).toMatch(/cannot be used here: .*nonexistent/);
    expect(qc.params.engine).toBe('paddle');
  });

  it('the tesseract engine is not affected', async () => {
    process.env.QCREDIT_ONNXRUNTIME = '/nonexistent/onnxruntime-node';
    const engine = await createEngine('tesseract');
    try {
      expect(engine).toBeInstanceOf(TesseractEngine);
    } finally {
      await engine.close();
    }
  });
});
