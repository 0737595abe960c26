/**
 * The engine policy ('auto'): it passes the conformance suite like any engine, routes each
 * request to the engine the rules name, gives second opinions, falls back to tesseract with a
 * warning where onnxruntime cannot load — and reads the codes tesseract alone misses on hard
 * corpus cases (handwritten codes, a code under a seal), never calling a wrong code valid.
 * The full measurement, against both engines alone: test/ocr-engines.measure.test.ts.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { USCC_ALPHABET } from '../src/domain/uscc.js';
import { findCreditCode } from '../src/reading/credit-code.js';
import type { OcrEngine, OcrRequest } from '../src/reading/ocr/engine.js';
import { PaddleEngine } from '../src/reading/ocr/paddle/engine.js';
import { createPolicyEngine, DEFAULT_RULES, hasSecondOpinion, PolicyEngine } from '../src/reading/ocr/policy.js';
import { createEngine, DEFAULT_ENGINE, engineOnDemand } from '../src/reading/ocr/registry.js';
import { TesseractEngine } from '../src/reading/ocr/tesseract.js';
import { readUpload } from '../src/reading/read.js';
import { generateCorpus, type CorpusItem } from './corpus/index.js';
import { describeOcrEngineConformance, registerTestFont, renderText, SAMPLE_CODE, SAMPLE_LINES } from './ocr-conformance.js';

describeOcrEngineConformance('auto (policy)', () => createPolicyEngine());
// What the CLI uses: the same engine, made on its first request.
describeOcrEngineConformance('auto, made on demand', () => engineOnDemand('auto'));

/** The result without its timing, to compare two engines' readings of one request. */
const reading = async (engine: OcrEngine, request: OcrRequest) => {
  const { elapsedMs: _elapsed, ...rest } = await engine.recognize(request);
  return rest;
};

describe('routing and second opinions', () => {
  let policy: PolicyEngine;
  let tesseract: TesseractEngine;
  let paddle: PaddleEngine;
  beforeAll(async () => {
    await registerTestFont();
    tesseract = new TesseractEngine({ workers: 1 });
    paddle = new PaddleEngine();
    policy = new PolicyEngine({ tesseract, paddle });
  });
  afterAll(async () => {
    await policy?.close();
  });

  it("is the registry's default, and names its rules", () => {
    expect(DEFAULT_ENGINE).toBe('auto');
    expect(policy.id).toBe('auto');
    expect(policy.rules).toEqual(DEFAULT_RULES);
    expect(policy.degraded).toBeNull();
    expect(hasSecondOpinion(policy)).toBe(true);
    expect(hasSecondOpinion(tesseract)).toBe(false);
  });

  it('reads pages and lines with the engines its rules name; the second opinion comes from the other', async () => {
    const page: OcrRequest = { image: (await renderText([{ text: SAMPLE_LINES[1]!, x: 30, y: 30 }], { width: 1100, height: 110 })).image, mode: 'page', script: 'chinese' };
    const code: OcrRequest = { image: (await renderText([{ text: SAMPLE_CODE, x: 24, y: 20 }], { width: 560, height: 90, size: 40 })).image, mode: 'line', script: 'latin', whitelist: USCC_ALPHABET };
    const member = (id: 'tesseract' | 'paddle') => (id === 'paddle' ? paddle : tesseract);
    const other = (id: 'tesseract' | 'paddle') => (id === 'paddle' ? tesseract : paddle);
    expect(await reading(policy, page)).toEqual(await reading(member(DEFAULT_RULES.page), page));
    expect(await reading(policy, code)).toEqual(await reading(member(DEFAULT_RULES.codeLine), code));
    const second = await policy.secondOpinion(code);
    const { elapsedMs: _elapsed, ...secondReading } = second!;
    expect(secondReading).toEqual(await reading(other(DEFAULT_RULES.codeLine), code));
    expect(second!.lines.map((l) => l.text)).toEqual([SAMPLE_CODE]);
  });
  it('asks no second opinion of a page when the caller says one reading is enough', async () => {
    let paddleReads = 0;
    const counted: OcrEngine = { id: 'paddle', warmUp: () => paddle.warmUp(), close: async () => {}, recognize: (r) => (paddleReads++, paddle.recognize(r)) };
    // Every page reading is "doubtful" under this rule: the other engine is always asked…
    const always = new PolicyEngine({ tesseract, paddle: counted }, { rules: { pageSecondOpinionBelow: 1.01 } });
    const page: OcrRequest = { image: (await renderText([{ text: SAMPLE_LINES[1]!, x: 30, y: 30 }], { width: 1100, height: 110 })).image, mode: 'page', script: 'chinese' };
    await always.recognize(page);
    expect(paddleReads).toBe(1);
    // …unless the request says one reading is enough.
    expect(await reading(always, { ...page, secondOpinion: false })).toEqual(await reading(tesseract, page));
    expect(paddleReads).toBe(1);
  });
});

describe('where onnxruntime cannot load', () => {
  const saved = process.env.QCREDIT_ONNXRUNTIME;
  afterEach(() => {
    if (saved === undefined) delete process.env.QCREDIT_ONNXRUNTIME;
    else process.env.QCREDIT_ONNXRUNTIME = saved;
  });

  it("createEngine('auto') falls back to tesseract alone, with a warning, and reads", async () => {
    process.env.QCREDIT_ONNXRUNTIME = '/nonexistent/onnxruntime-node';
    const warnings: { message: string; fields?: Record<string, unknown> }[] = [];
    const engine = (await createEngine('auto', { logger: { warn: (message, fields) => warnings.push({ message, fields }) } })) as PolicyEngine;
    try {
      expect(engine.degraded?.code).toBe('QC_OCR_ENGINE_UNAVAILABLE');
      expect(warnings).toHaveLength(1);
      expect(warnings[0]!.fields?.code).toBe('QC_OCR_ENGINE_UNAVAILABLE');
      expect(warnings[0]!.message).toMatch(/tesseract/);
      expect(await engine.secondOpinion({ image: { width: 10, height: 10, channels: 1, data: new Uint8Array(100).fill(255) }, mode: 'line', script: 'latin' })).toBeNull();
      await registerTestFont();
      const { image } = await renderText([{ text: SAMPLE_LINES[0]!, x: 40, y: 40 }], { width: 820, height: 120 });
      const result = await engine.recognize({ image, mode: 'page', script: 'chinese' });
      expect(result.lines.map((l) => l.text)).toEqual([SAMPLE_LINES[0]]);
    } finally {
      await engine.close();
    }
  });
});

describe('hard corpus cases: the policy against tesseract alone', () => {
  let items: CorpusItem[];
  const engines: Record<string, OcrEngine> = {};
  beforeAll(async () => {
    // Cases tesseract alone misses on the measurement corpus (seed 2026, `hard: 6`): two
    // handwritten codes and a code under a seal.
    const hard = await generateCorpus({ kinds: ['pledge'], perKind: 0, hard: 6, hardVariants: ['handwritten-code', 'code-under-seal'] });
    items = ['pledge-03-handwritten-code', 'pledge-04-handwritten-code', 'pledge-06-code-under-seal'].map((id) => hard.find((i) => i.id === id)!);
    engines.tesseract = new TesseractEngine();
    engines.auto = await createPolicyEngine();
  }, 300_000);
  afterAll(async () => {
    await Promise.all(Object.values(engines).map((e) => e.close()));
  });

  it('reads every code tesseract misses there, never a wrong one as valid', async () => {
    const read: Record<string, string[]> = {};
    for (const [id, engine] of Object.entries(engines)) {
      read[id] = [];
      for (const item of items) {
        const result = await readUpload(item.bytes, { name: item.fileName, engine, noCache: true });
        const code = await findCreditCode(result.pages, engine);
        if (code?.valid) expect(code.value, `${id}: ${item.id}`).toBe(item.truth.code);
        if (code?.valid && code.value === item.truth.code) read[id]!.push(item.id);
      }
    }
    console.info(`codes read exactly: ${Object.entries(read).map(([id, ids]) => `${id} ${ids.length}/${items.length}`).join(', ')}`);
    expect(read.auto).toEqual(items.map((i) => i.id));
    expect(read.tesseract!.length).toBeLessThan(items.length);
  }, 600_000);
});
