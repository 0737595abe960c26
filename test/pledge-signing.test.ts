/**
 * The pledge's signing area: the legal representative's signature by "法定代表人（或负责人）
 * 签字：" and the date on the "年 月 日" line.
 *
 * - Synthetic pages (drawn here with @napi-rs/canvas in Noto Sans SC at 200 DPI): signature
 *   present, absent, only a red seal over the signing area, a typed date, an empty 年 月 日,
 *   handwriting on the date line, other layouts (label and blank on separate lines, 签名,
 *   a right-aligned date anywhere near the bottom), OCR spellings of the label.
 * - The labelled corpus: every pledge state in every variant, read with readUpload (and
 *   tesseract for raster copies). Rates are printed per variant and per state; the
 *   signature and typed dates must be right, handwritten dates are reported as they are and
 *   must never be wrong (a wrong date is worse than none).
 *
 * PLEDGE_EVAL_PER_KIND=12 (say) evaluates a larger corpus, PLEDGE_EVAL_SEED another one.
 */
import { createCanvas, GlobalFonts, type SKRSContext2D } from '@napi-rs/canvas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPledgeSigning, parseSignedDate, signingFindings, type PledgeSigning } from '../src/checks/pledge-signing.js';
import { loadFont } from '../src/document/fonts.js';
import { TesseractEngine } from '../src/reading/ocr/tesseract.js';
import { readUpload } from '../src/reading/read.js';
import type { Box, RasterImage, ReadPage, TextLine, TextSource } from '../src/reading/types.js';
import { generateCorpus, type CorpusItem, type PledgeTruth } from './corpus/index.js';

// ---- Synthetic pages ----------------------------------------------------------------------

const FONT = 'QcreditPledgeSigningTest';
const DPI = 200;
/** 10.5 pt at 200 DPI, the pledge's body size. */
const SIZE = 29;
const WIDTH = 1654;
const HEIGHT = 1100;

let fontReady: Promise<void> | undefined;
function registerFont(): Promise<void> {
  fontReady ??= loadFont('regular').then((font) => {
    if (!GlobalFonts.register(Buffer.from(font.ttf.buffer, font.ttf.byteOffset, font.ttf.byteLength), FONT)) {
      throw new Error('could not register Noto Sans SC');
    }
  });
  return fontReady;
}

interface Text {
  text: string;
  x: number;
  y: number;
  /** Right-aligned at x. */
  right?: boolean;
  /** How the text is split into words (OCR splits lines into words); one word by default. */
  words?: string[];
  /** The line's text as a reader reports it (e.g. an OCR spelling); the drawn text by default. */
  read?: string;
}

interface Drawing {
  texts: Text[];
  /** Pen, seal … drawn over the text. */
  marks?: (ctx: SKRSContext2D) => void;
  source?: TextSource;
  grey?: boolean;
}

/** A page as the reading layer returns it: lines with boxes, and its pixels. */
async function page({ texts, marks, source = 'text-layer', grey = false }: Drawing): Promise<ReadPage> {
  await registerFont();
  const canvas = createCanvas(WIDTH, HEIGHT);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, WIDTH, HEIGHT);
  ctx.fillStyle = '#000000';
  ctx.textBaseline = 'top';
  ctx.font = `${SIZE}px ${FONT}`;
  const lines: TextLine[] = [];
  for (const t of texts) {
    const width = ctx.measureText(t.text).width;
    const x = t.right ? t.x - width : t.x;
    ctx.fillText(t.text, x, t.y);
    let wx = x;
    const words = (t.words ?? [t.text]).map((w) => {
      const ww = ctx.measureText(w).width;
      const word = { text: w.trim(), box: { x: wx, y: t.y, width: ww, height: SIZE * 1.1 }, confidence: source === 'ocr' ? 0.93 : 1 };
      wx += ww;
      return word;
    });
    lines.push({ text: (t.read ?? t.text).replace(/\u3000/g, ' ').trim(), box: { x, y: t.y, width, height: SIZE * 1.1 }, confidence: source === 'ocr' ? 0.93 : 1, words });
  }
  marks?.(ctx);
  const rgba = ctx.getImageData(0, 0, WIDTH, HEIGHT).data;
  const channels = grey ? 1 : 3;
  const data = new Uint8Array(WIDTH * HEIGHT * channels);
  for (let i = 0, p = 0; i < WIDTH * HEIGHT; i++, p += 4) {
    if (grey) data[i] = Math.round(0.299 * rgba[p]! + 0.587 * rgba[p + 1]! + 0.114 * rgba[p + 2]!);
    else data.set([rgba[p]!, rgba[p + 1]!, rgba[p + 2]!], i * 3);
  }
  const pixels: RasterImage = { width: WIDTH, height: HEIGHT, channels, data };
  return {
    number: 1,
    width: WIDTH,
    height: HEIGHT,
    dpi: DPI,
    source,
    lines,
    text: lines.map((l) => l.text).join('\n'),
    rotation: 0,
    pixels: async () => pixels,
  };
}

const COMPANY: Text = { text: '申报企业（全称）：南京琛珺化工科技股份有限公司', x: 206, y: 150 };
const LABEL: Text = { text: '法定代表人（或负责人）签字：', x: 206, y: 240 };
const SEAL_LABEL: Text = { text: '单位公章：', x: 901, y: 240 };
const dateLine = (text: string, right = 1390, y = 520): Text => ({ text, x: right, y, right: true });
const TYPED_DATE = dateLine('2026年6月16日');
const BLANK_DATE = dateLine('　　　　年　　月　　日');

const PEN_BLUE = 'rgb(26,44,140)';

/** A quick cursive signature: a few looping strokes, `width` × `height` pixels at (x, y). */
function signature(x: number, y: number, width = 190, height = 70, colour = PEN_BLUE) {
  return (ctx: SKRSContext2D) => {
    ctx.strokeStyle = colour;
    ctx.lineWidth = 3.5;
    ctx.lineCap = 'round';
    ctx.beginPath();
    ctx.moveTo(x, y + height * 0.55);
    ctx.bezierCurveTo(x + width * 0.1, y - height * 0.1, x + width * 0.25, y + height * 1.1, x + width * 0.35, y + height * 0.3);
    ctx.bezierCurveTo(x + width * 0.45, y - height * 0.2, x + width * 0.5, y + height, x + width * 0.62, y + height * 0.45);
    ctx.bezierCurveTo(x + width * 0.7, y + height * 0.1, x + width * 0.85, y + height * 0.9, x + width, y + height * 0.35);
    ctx.stroke();
    ctx.beginPath();
    ctx.moveTo(x + width * 0.15, y + height * 0.2);
    ctx.lineTo(x + width * 0.45, y + height * 0.12);
    ctx.stroke();
  };
}

/** A red company seal: ring, star and characters, `radius` pixels, centred at (cx, cy). */
function redSeal(cx: number, cy: number, radius = 150, colour = 'rgb(222,16,30)') {
  return (ctx: SKRSContext2D) => {
    ctx.save();
    ctx.globalCompositeOperation = 'multiply';
    ctx.strokeStyle = colour;
    ctx.fillStyle = colour;
    ctx.lineWidth = radius * 0.07;
    ctx.beginPath();
    ctx.arc(cx, cy, radius, 0, Math.PI * 2);
    ctx.stroke();
    ctx.beginPath();
    for (let i = 0; i < 10; i++) {
      const r = i % 2 === 0 ? radius * 0.3 : radius * 0.12;
      const a = -Math.PI / 2 + (i * Math.PI) / 5;
      if (i === 0) ctx.moveTo(cx + r * Math.cos(a), cy + r * Math.sin(a));
      else ctx.lineTo(cx + r * Math.cos(a), cy + r * Math.sin(a));
    }
    ctx.fill();
    ctx.font = `bold ${Math.round(radius * 0.17)}px ${FONT}`;
    ctx.textBaseline = 'middle';
    ctx.textAlign = 'center';
    [...'南京琛珺化工科技股份有限公司'].forEach((ch, i, all) => {
      const a = -Math.PI * 1.15 + (i / (all.length - 1)) * Math.PI * 1.3;
      ctx.save();
      ctx.translate(cx + radius * 0.75 * Math.cos(a), cy + radius * 0.75 * Math.sin(a));
      ctx.rotate(a + Math.PI / 2);
      ctx.fillText(ch, 0, 0);
      ctx.restore();
    });
    ctx.restore();
  };
}

/** Handwritten-looking digits: strokes per digit, `h` pixels tall, starting at (x, y). */
function handDigits(text: string, x: number, y: number, h = 36, colour = PEN_BLUE) {
  const shapes: Record<string, [number, number][]> = {
    '0': Array.from({ length: 13 }, (_, i) => [0.3 + 0.27 * Math.sin((i / 12) * Math.PI * 2), 0.5 - 0.48 * Math.cos((i / 12) * Math.PI * 2)] as [number, number]),
    '1': [[0.16, 0.2], [0.36, 0.02], [0.32, 1]],
    '2': [[0.05, 0.25], [0.2, 0.03], [0.45, 0.05], [0.55, 0.28], [0.4, 0.55], [0.05, 0.98], [0.6, 0.95]],
    '6': [[0.5, 0.05], [0.2, 0.3], [0.06, 0.65], [0.15, 0.95], [0.4, 0.98], [0.55, 0.75], [0.42, 0.52], [0.18, 0.55], [0.08, 0.7]],
  };
  return (ctx: SKRSContext2D) => {
    ctx.strokeStyle = colour;
    ctx.lineWidth = 3;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    let at = x;
    for (const ch of text) {
      const points = shapes[ch];
      if (points) {
        ctx.beginPath();
        points.forEach(([px, py], i) => (i === 0 ? ctx.moveTo(at + px * h, y + py * h) : ctx.lineTo(at + px * h, y + py * h)));
        ctx.stroke();
      }
      at += h * 0.62;
    }
  };
}

/** One engine for the tests that need one (its workers take seconds to start). */
let sharedEngine: TesseractEngine | undefined;
const ocrEngine = () => (sharedEngine ??= new TesseractEngine());
afterAll(async () => {
  await sharedEngine?.close();
});

const both = (...marks: ((ctx: SKRSContext2D) => void)[]) => (ctx: SKRSContext2D) => marks.forEach((m) => m(ctx));
const codes = (findings: { code: string; severity: string }[]) => findings.map((f) => `${f.code}:${f.severity}`);

describe('signature', () => {
  it('is found when signed to the right of the label', async () => {
    const result = await checkPledgeSigning([await page({ texts: [COMPANY, LABEL, SEAL_LABEL, TYPED_DATE], marks: signature(640, 215) })]);
    expect(result.signature.present).toBe(true);
    expect(result.signature.confidence).toBeGreaterThan(0.8);
    // Where the ink is.
    const region = result.signature.region!;
    expect(region.page).toBe(1);
    expect(region.x).toBeGreaterThan(620);
    expect(region.x + region.width).toBeLessThan(860);
    expect(signingFindings(result, '承诺书.pdf')).toEqual([]);
  });

  it('is missing when the signing area is blank: an error pointing at the area', async () => {
    const result = await checkPledgeSigning([await page({ texts: [COMPANY, LABEL, SEAL_LABEL, TYPED_DATE] })]);
    expect(result.signature.present).toBe(false);
    expect(result.signature.confidence).toBeGreaterThan(0.8);
    expect(result.signature.region).not.toBeNull();
    const findings = signingFindings(result, '承诺书.pdf');
    expect(codes(findings)).toEqual(['QC_SIGNATURE_MISSING:error']);
    expect(findings[0]!.message).toContain('承诺书.pdf');
    expect(findings[0]!.box).toBeDefined();
  });

  it('does not take a red seal over the signing area for a signature', async () => {
    const result = await checkPledgeSigning([await page({ texts: [COMPANY, LABEL, SEAL_LABEL, TYPED_DATE], marks: redSeal(700, 300) })]);
    expect(result.signature.present).toBe(false);
  });

  it('does not take a seal in a grey copy for a signature either (it is lighter than pen ink)', async () => {
    const result = await checkPledgeSigning([await page({ texts: [COMPANY, LABEL, SEAL_LABEL, TYPED_DATE], marks: redSeal(700, 300), grey: true })]);
    expect(result.signature.present).toBe(false);
  });

  it('is found under a red seal, and in a grey copy', async () => {
    const colour = await checkPledgeSigning([await page({ texts: [COMPANY, LABEL, SEAL_LABEL, TYPED_DATE], marks: both(signature(640, 215), redSeal(700, 300)) })]);
    expect(colour.signature.present).toBe(true);
    const grey = await checkPledgeSigning([await page({ texts: [COMPANY, LABEL, SEAL_LABEL, TYPED_DATE], marks: signature(640, 215), grey: true })]);
    expect(grey.signature.present).toBe(true);
  });

  it('is not a typed name after the label', async () => {
    const typed: Text = { text: '法定代表人（或负责人）签字：张伟', x: 206, y: 240 };
    const result = await checkPledgeSigning([await page({ texts: [COMPANY, typed, SEAL_LABEL, TYPED_DATE] })]);
    expect(result.signature.present).toBe(false);
  });

  it('is found below the label when the label and the blank are on separate lines', async () => {
    const label: Text = { text: '法定代表人签名：', x: 206, y: 240 };
    const underline = (ctx: SKRSContext2D) => {
      ctx.fillStyle = '#000000';
      ctx.fillRect(206, 372, 420, 3);
    };
    const signed = await checkPledgeSigning([await page({ texts: [COMPANY, label, TYPED_DATE], marks: both(underline, signature(260, 300)) })]);
    expect(signed.signature.present).toBe(true);
    // The printed underline alone is not a signature.
    const blank = await checkPledgeSigning([await page({ texts: [COMPANY, label, TYPED_DATE], marks: underline })]);
    expect(blank.signature.present).toBe(false);
  });

  it('finds the label as OCR spells it (签 字: / 签名; / half-width brackets)', async () => {
    for (const read of ['法定代表人 (或负责人) 签 字:', '法定代表人(或负责人)签名;', '法定代表人 (或负责人) 签子:']) {
      const label: Text = { ...LABEL, read, words: ['法定代表人', '（或负责人）', '签字：'] };
      const pageRead = await page({ texts: [COMPANY, { ...label, words: undefined }, SEAL_LABEL, TYPED_DATE], marks: signature(640, 215), source: 'ocr' });
      // The reader's words carry its spelling.
      pageRead.lines[1] = { ...pageRead.lines[1]!, text: read, words: [{ ...pageRead.lines[1]!.words[0]!, text: read.replace(/\s+/g, '') }] };
      const result = await checkPledgeSigning([pageRead]);
      expect(result.signature.present, read).toBe(true);
      expect(result.signature.region, read).not.toBeNull();
    }
  });

  it('warns (does not claim "missing") when there is no signing area to look at', async () => {
    const result = await checkPledgeSigning([await page({ texts: [COMPANY, TYPED_DATE] })]);
    expect(result.signature).toEqual({ present: false, confidence: 0, region: null });
    expect(codes(signingFindings(result, 'x.pdf'))).toEqual(['QC_SIGNATURE_MISSING:warning']);
  });
});

describe('signing date', () => {
  it('is read from a typed date', async () => {
    const result = await checkPledgeSigning([await page({ texts: [COMPANY, LABEL, SEAL_LABEL, TYPED_DATE], marks: signature(640, 215) })]);
    expect(result.signedDate).toBe('2026-06-16');
    expect(result.dateFilled).toBe(true);
    expect(result.dateRegion).not.toBeNull();
  });

  it('is found right-aligned anywhere near the bottom, and in other notations', async () => {
    for (const [text, expected] of [
      ['2026年6月16日', '2026-06-16'],
      ['日期：2026-06-16', '2026-06-16'],
      ['二〇二六年六月十六日', '2026-06-16'],
      ['2026.7.1', '2026-07-01'],
    ] as const) {
      const result = await checkPledgeSigning([await page({ texts: [COMPANY, LABEL, SEAL_LABEL, dateLine(text, 900, 700)], marks: signature(640, 215) })]);
      expect(result.signedDate, text).toBe(expected);
    }
  });

  it('is missing when 年 月 日 is left empty: an error', async () => {
    const result = await checkPledgeSigning([await page({ texts: [COMPANY, LABEL, SEAL_LABEL, BLANK_DATE], marks: both(signature(640, 215), redSeal(1250, 470)) })]);
    expect(result.signedDate).toBeNull();
    expect(result.dateFilled).toBe(false);
    expect(codes(signingFindings(result, 'x.pdf'))).toEqual(['QC_DATE_MISSING:error']);
  });

  it('is "filled but unreadable" (a warning, not "missing") when written by hand and there is no engine to read it', async () => {
    // '　　　　年　　月　　日' right-aligned at 1390: 年 at 1390 − 7 em, digits in the gaps.
    const em = SIZE;
    const left = 1390 - 10 * em;
    const digits = both(handDigits('2026', left + 0.6 * em, 515), handDigits('6', left + 5.3 * em, 515), handDigits('16', left + 8.1 * em, 515));
    const result = await checkPledgeSigning([await page({ texts: [COMPANY, LABEL, SEAL_LABEL, BLANK_DATE], marks: both(signature(640, 215), digits) })]);
    expect(result.signedDate).toBeNull();
    expect(result.dateFilled).toBe(true);
    const findings = signingFindings(result, 'x.pdf');
    expect(codes(findings)).toEqual(['QC_DATE_MISSING:warning']);
    expect(findings[0]!.message).toContain('无法识别');
  });

  it('is missing when there is no date line at all', async () => {
    const result = await checkPledgeSigning([await page({ texts: [COMPANY, LABEL, SEAL_LABEL], marks: signature(640, 215) })]);
    expect(result).toMatchObject({ signedDate: null, dateFilled: false, dateRegion: null });
  });
});

describe('signing date, read again with an OCR engine', () => {
  it("corrects the page OCR's misreading of a typed date, or withholds it — never passes it on", async () => {
    // The page's OCR read 9 as 5; the pixels say 2026年7月9日.
    const shown = dateLine('2026年7月9日');
    const misread: Text = { ...shown, read: '2026年7月5日', words: ['2026', '年', '7', '月', '9', '日'] };
    const read = await page({ texts: [COMPANY, LABEL, SEAL_LABEL, misread], marks: signature(640, 215), source: 'ocr' });
    read.lines[3] = { ...read.lines[3]!, words: read.lines[3]!.words.map((w) => (w.text === '9' ? { ...w, text: '5' } : w)) };
    const result = await checkPledgeSigning([read], ocrEngine());
    expect(result.signedDate).toBe('2026-07-09');
    // Without an engine the OCR reading is not confirmed: unreadable, not wrong.
    const alone = await checkPledgeSigning([read]);
    expect(alone.signedDate).toBeNull();
    expect(alone.dateFilled).toBe(true);
    expect(codes(signingFindings(alone, 'x.jpg'))).toEqual(['QC_DATE_MISSING:warning']);
  }, 120_000);

  it('reads handwritten digits on the 年 月 日 line exactly or not at all', async () => {
    const em = SIZE;
    const left = 1390 - 10 * em;
    const digits = both(handDigits('2026', left + 0.6 * em, 515), handDigits('6', left + 5.3 * em, 515), handDigits('16', left + 8.1 * em, 515));
    const read = await page({ texts: [COMPANY, LABEL, SEAL_LABEL, { ...BLANK_DATE, read: '年 月 日' }], marks: both(signature(640, 215), digits), source: 'ocr' });
    const result = await checkPledgeSigning([read], ocrEngine());
    expect([null, '2026-06-16']).toContain(result.signedDate);
    expect(result.dateFilled).toBe(true);
  }, 120_000);
});

describe('parseSignedDate', () => {
  it('reads complete, valid, plausible dates only', () => {
    expect(parseSignedDate('2026年6月16日')).toBe('2026-06-16');
    expect(parseSignedDate('２０２６年６月１６日')).toBe('2026-06-16');
    expect(parseSignedDate('2026 年 6 月 16 日')).toBe('2026-06-16');
    expect(parseSignedDate('二〇二六年十二月三十一日')).toBe('2026-12-31');
    // The zero as typed (a circle) and as OCR reads it.
    expect(parseSignedDate('二○二六年六月十八日')).toBe('2026-06-18');
    expect(parseSignedDate('二◯二六年六月十八日')).toBe('2026-06-18');
    expect(parseSignedDate('二O二六年六月十八日')).toBe('2026-06-18');
    expect(parseSignedDate('二0二六年六月十八日')).toBe('2026-06-18');
    expect(parseSignedDate('2026/06/16')).toBe('2026-06-16');
    expect(parseSignedDate('2026年2月30日')).toBeNull();
    expect(parseSignedDate('2026年13月1日')).toBeNull();
    expect(parseSignedDate('1996年6月16日')).toBeNull();
    expect(parseSignedDate('2046年6月16日')).toBeNull();
    expect(parseSignedDate('年 月 日')).toBeNull();
    expect(parseSignedDate('2026年 月 日')).toBeNull();
  });
});

// ---- The corpus ---------------------------------------------------------------------------

interface Outcome {
  item: CorpusItem;
  truth: PledgeTruth;
  result: PledgeSigning;
  /** Widths of the pages as read (the truth's grid may differ: image-only PDFs are rendered). */
  widths: number[];
}

const PER_KIND = Number(process.env.PLEDGE_EVAL_PER_KIND ?? 4);
const SEED = Number(process.env.PLEDGE_EVAL_SEED ?? 2026);

describe('the labelled corpus', () => {
  const outcomes: Outcome[] = [];

  beforeAll(async () => {
    const items = await generateCorpus({ kinds: ['pledge'], perKind: PER_KIND, seed: SEED });
    const engine = ocrEngine();
    // Two at a time: OCR is the slow part, and the machine has two cores.
    let next = 0;
    const work = async () => {
      while (next < items.length) {
        const item = items[next++]!;
        const read = await readUpload(item.bytes, { name: item.fileName, engine, noCache: true, limits: { ocrTimeoutMs: 300_000 } });
        const result = await checkPledgeSigning(read.pages, engine);
        outcomes.push({ item, truth: item.truth as PledgeTruth, result, widths: read.pages.map((p) => p.width) });
      }
    };
    await Promise.all([work(), work()]);
    outcomes.sort((a, b) => a.item.id.localeCompare(b.item.id));
  }, 1_800_000);

  const pct = (n: number, d: number) => (d === 0 ? '   -  ' : `${((100 * n) / d).toFixed(0).padStart(3)}% (${n}/${d})`);
  const rates = (group: Outcome[]) => {
    const sig = group.filter((o) => o.result.signature.present === o.truth.signaturePresent).length;
    const typed = group.filter((o) => o.truth.dateStyle === 'typed');
    const hand = group.filter((o) => o.truth.dateStyle === 'handwritten');
    const exact = (g: Outcome[]) => g.filter((o) => o.result.signedDate === o.truth.signedDate).length;
    const wrong = group.filter((o) => o.result.signedDate !== null && o.result.signedDate !== o.truth.signedDate).length;
    const filled = group.filter((o) => o.result.dateFilled === (o.truth.signedDate !== null)).length;
    return { sig: pct(sig, group.length), typed: pct(exact(typed), typed.length), hand: pct(exact(hand), hand.length), filled: pct(filled, group.length), wrong };
  };

  it('reports signature and date rates per variant and per state', () => {
    const rows: string[] = [];
    const row = (name: string, group: Outcome[]) => {
      const r = rates(group);
      rows.push(`${name.padEnd(33)} ${r.sig.padEnd(13)} ${r.typed.padEnd(13)} ${r.hand.padEnd(13)} ${r.filled.padEnd(13)} ${r.wrong}`);
    };
    rows.push(`${'group'.padEnd(33)} ${'signature'.padEnd(13)} ${'typed date'.padEnd(13)} ${'handwritten'.padEnd(13)} ${'date filled'.padEnd(13)} wrong dates`);
    for (const variant of ['clean', 'scan', 'photo', 'lowres']) row(`variant ${variant}`, outcomes.filter((o) => o.item.variant === variant));
    for (const state of [...new Set(outcomes.map((o) => o.truth.state))]) row(`state ${state}`, outcomes.filter((o) => o.truth.state === state));
    row('all', outcomes);
    const misses = outcomes
      .filter((o) => o.result.signature.present !== o.truth.signaturePresent || o.result.signedDate !== o.truth.signedDate)
      .map((o) => `${o.item.id} (${o.truth.state}): signature ${o.result.signature.present} (truth ${o.truth.signaturePresent}), date ${o.result.signedDate ?? '-'}${o.result.dateFilled ? ' filled' : ''} (truth ${o.truth.signedDate ?? '-'} ${o.truth.dateStyle ?? ''})`);
    console.log(`pledge signing area, ${outcomes.length} pledges:\n${rows.join('\n')}${misses.length ? '\n  ' + misses.join('\n  ') : ''}`);
    expect(outcomes.length).toBe(PER_KIND * 2);
  });

  it('tells a signed pledge from an unsigned one (≥ 95 %)', () => {
    const right = outcomes.filter((o) => o.result.signature.present === o.truth.signaturePresent).length;
    expect(right / outcomes.length).toBeGreaterThanOrEqual(0.95);
    // Where a signature is found, it is where the truth has it (the ink found may be only
    // part of the signature: faint strokes of a low-resolution copy are not counted).
    for (const o of outcomes) {
      if (!o.result.signature.present || !o.truth.signature) continue;
      const page = o.truth.signature.page;
      const scale = o.widths[page - 1]! / o.truth.pages[page - 1]!.width;
      const t = o.truth.signature.box;
      const r = o.result.signature.region!;
      const overlap = (a: Box, b: Box) => Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)) * Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));
      const margin = 20;
      const truthBox = { x: t.x * scale - margin, y: t.y * scale - margin, width: t.width * scale + 2 * margin, height: t.height * scale + 2 * margin };
      expect(overlap(truthBox, r) / (r.width * r.height), o.item.id).toBeGreaterThan(0.8);
    }
  });

  it('reads typed dates exactly (≥ 90 % across variants), and never returns a wrong date', () => {
    const typed = outcomes.filter((o) => o.truth.dateStyle === 'typed');
    expect(new Set(typed.map((o) => o.item.variant)).size).toBeGreaterThanOrEqual(3);
    const exact = typed.filter((o) => o.result.signedDate === o.truth.signedDate).length;
    expect(exact / typed.length).toBeGreaterThanOrEqual(0.9);
    for (const o of outcomes) if (o.result.signedDate !== null) expect(o.result.signedDate, o.item.id).toBe(o.truth.signedDate);
  });

  it('handwritten dates: read exactly or not at all, and a blank date line is reported missing', () => {
    for (const o of outcomes.filter((x) => x.truth.dateStyle === 'handwritten')) {
      expect([null, o.truth.signedDate], o.item.id).toContain(o.result.signedDate);
    }
    for (const o of outcomes.filter((x) => x.truth.signedDate === null)) {
      expect(o.result.signedDate, o.item.id).toBeNull();
      expect(o.result.dateFilled, o.item.id).toBe(false);
      expect(codes(signingFindings(o.result, o.item.fileName)), o.item.id).toContain('QC_DATE_MISSING:error');
    }
    // A filled date is never reported as an error (at worst as unreadable).
    const filled = outcomes.filter((o) => o.truth.signedDate !== null);
    const calledMissing = filled.filter((o) => codes(signingFindings(o.result, o.item.fileName)).includes('QC_DATE_MISSING:error'));
    expect(calledMissing.length / filled.length).toBeLessThanOrEqual(0.2);
  });

  it('findings follow the truth: an unsigned pledge gets QC_SIGNATURE_MISSING', () => {
    for (const o of outcomes) {
      const found = codes(signingFindings(o.result, o.item.fileName));
      expect(found.includes('QC_SIGNATURE_MISSING:error'), o.item.id).toBe(!o.truth.signaturePresent);
    }
  });
});
