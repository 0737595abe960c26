/**
 * Seal detection: synthetic pages drawn here (seals, faded seals, ovals, worn rings, and every
 * kind of red or round thing that is not a seal), timing on a 200-dpi A4 page, and precision
 * and recall over the labelled corpus by variant.
 *
 * The corpus part reads SEAL_CORPUS_PER_KIND documents per kind (2 by default: ~30 files;
 * 4 is the default corpus) and SEAL_CORPUS_SEED (2026).
 */
import { createCanvas, type Canvas, type SKRSContext2D } from '@napi-rs/canvas';
import { beforeAll, describe, expect, it } from 'vitest';
import { detectSeals, detectSealsInImage, findSealOnArea, sealOnArea, type SealDetection, type SealRegion } from '../src/checks/seal.js';
import { readUpload } from '../src/reading/read.js';
import type { Box, RasterImage, ReadPage, TextLine } from '../src/reading/types.js';
import { canvasFamily } from './corpus/fonts.js';
import { generateCorpus, VARIANTS, type CorpusItem, type DecoyKind, type Variant } from './corpus/index.js';

// ---- Drawing ------------------------------------------------------------------------------

const mm = (v: number, dpi: number) => (v / 25.4) * dpi;

interface Sheet {
  canvas: Canvas;
  ctx: SKRSContext2D;
  dpi: number;
}

function sheet(widthMm: number, heightMm: number, dpi = 200): Sheet {
  const canvas = createCanvas(Math.round(mm(widthMm, dpi)), Math.round(mm(heightMm, dpi)));
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  return { canvas, ctx, dpi };
}

let family = 'sans-serif';
let bold = 'sans-serif';

const BODY = '本企业承诺所提交的全部申报材料真实有效，如有虚假愿承担相应责任并接受有关部门处理。';

/** Black body text lines in a block (the seal usually sits over some). */
function bodyText(s: Sheet, xMm: number, yMm: number, lines: number, sizeMm = 4): void {
  const { ctx, dpi } = s;
  ctx.fillStyle = 'rgb(20,20,20)';
  ctx.font = `${mm(sizeMm, dpi)}px ${family}`;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'alphabetic';
  for (let i = 0; i < lines; i++) ctx.fillText(BODY.slice(i % 7, i % 7 + 30), mm(xMm, dpi), mm(yMm + i * sizeMm * 1.8, dpi));
}

interface StampOptions {
  /** Outer width and height, mm. */
  widthMm: number;
  heightMm?: number;
  color: string;
  text?: string;
  star?: boolean;
  ringMm?: number;
  /** Overall opacity. */
  alpha?: number;
  /** Share of pixels knocked back (dry ink). */
  wear?: number;
  /** Missing arcs of the ring: [startDeg, endDeg][]. */
  gaps?: [number, number][];
  rotationDeg?: number;
  bottomText?: string;
  seed?: number;
}

/** A round or oval stamp drawn on its own layer, then multiplied onto the sheet. */
function stamp(s: Sheet, cxMm: number, cyMm: number, o: StampOptions): Box {
  const { dpi } = s;
  const W = mm(o.widthMm, dpi);
  const H = mm(o.heightMm ?? o.widthMm, dpi);
  const size = Math.ceil(Math.max(W, H) * 1.1);
  const layer = createCanvas(size, size);
  const ctx = layer.getContext('2d');
  const c = size / 2;
  ctx.translate(c, c);
  ctx.rotate(((o.rotationDeg ?? 0) * Math.PI) / 180);
  ctx.strokeStyle = o.color;
  ctx.fillStyle = o.color;
  const ring = mm(o.ringMm ?? 1.1, dpi);
  ctx.lineWidth = ring;
  const rx = W / 2 - ring / 2;
  const ry = H / 2 - ring / 2;
  const gaps = o.gaps ?? [];
  if (gaps.length === 0) {
    ctx.beginPath();
    ctx.ellipse(0, 0, rx, ry, 0, 0, Math.PI * 2);
    ctx.stroke();
  } else {
    // Draw the ring in pieces between the gaps.
    const rad = (d: number) => (d * Math.PI) / 180;
    const sorted = [...gaps].sort((a, b) => a[0] - b[0]);
    let from = sorted[sorted.length - 1]![1] - 360;
    for (const [g0, g1] of sorted) {
      ctx.beginPath();
      ctx.ellipse(0, 0, rx, ry, 0, rad(from), rad(g0));
      ctx.stroke();
      from = g1;
    }
  }
  if (o.star !== false) {
    const r = Math.min(W, H) * 0.16;
    ctx.beginPath();
    for (let i = 0; i < 10; i++) {
      const rr = i % 2 === 0 ? r : r * 0.4;
      const a = -Math.PI / 2 + (i * Math.PI) / 5;
      if (i === 0) ctx.moveTo(rr * Math.cos(a), rr * Math.sin(a));
      else ctx.lineTo(rr * Math.cos(a), rr * Math.sin(a));
    }
    ctx.closePath();
    ctx.fill();
  }
  if (o.text) {
    const chars = [...o.text];
    const ts = Math.min(W, H) * 0.13;
    ctx.font = `${ts}px ${bold}`;
    ctx.textAlign = 'center';
    const span = Math.min(Math.PI * 1.35, chars.length * 0.26);
    chars.forEach((ch, i) => {
      const t = chars.length === 1 ? 0.5 : i / (chars.length - 1);
      const a = -Math.PI / 2 + (t - 0.5) * span;
      const px = (rx - ring - ts * 0.7) * Math.cos(a);
      const py = (ry - ring - ts * 0.7) * Math.sin(a);
      ctx.save();
      ctx.translate(px, py);
      ctx.rotate(a + Math.PI / 2);
      ctx.fillText(ch, 0, ts * 0.4);
      ctx.restore();
    });
  }
  if (o.bottomText) {
    ctx.font = `${Math.min(W, H) * 0.07}px ${family}`;
    ctx.textAlign = 'center';
    ctx.fillText(o.bottomText, 0, H / 2 - ring * 2 - Math.min(W, H) * 0.08);
  }
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  const wear = o.wear ?? 0;
  const alpha = o.alpha ?? 0.92;
  const img = ctx.getImageData(0, 0, size, size);
  let seed = o.seed ?? 12345;
  const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
  for (let i = 3; i < img.data.length; i += 4) {
    let a = img.data[i]! * alpha;
    if (wear && rnd() < wear) a *= 0.2 + rnd() * 0.4;
    img.data[i] = Math.round(a);
  }
  ctx.putImageData(img, 0, 0);
  const x = mm(cxMm, dpi) - size / 2;
  const y = mm(cyMm, dpi) - size / 2;
  s.ctx.save();
  s.ctx.globalCompositeOperation = 'multiply';
  s.ctx.drawImage(layer, x, y);
  s.ctx.restore();
  const rot = ((o.rotationDeg ?? 0) * Math.PI) / 180;
  const hw = Math.sqrt((W / 2) ** 2 * Math.cos(rot) ** 2 + (H / 2) ** 2 * Math.sin(rot) ** 2);
  const hh = Math.sqrt((W / 2) ** 2 * Math.sin(rot) ** 2 + (H / 2) ** 2 * Math.cos(rot) ** 2);
  return { x: mm(cxMm, dpi) - hw, y: mm(cyMm, dpi) - hh, width: 2 * hw, height: 2 * hh };
}

/** A rectangular stamp with a double frame and one or two lines of text. */
function rectStamp(s: Sheet, cxMm: number, cyMm: number, wMm: number, hMm: number, lines: string[], color = 'rgb(214,20,34)', rotationDeg = 0): Box {
  const { ctx, dpi } = s;
  const w = mm(wMm, dpi);
  const h = mm(hMm, dpi);
  ctx.save();
  ctx.translate(mm(cxMm, dpi), mm(cyMm, dpi));
  ctx.rotate((rotationDeg * Math.PI) / 180);
  ctx.globalCompositeOperation = 'multiply';
  ctx.strokeStyle = color;
  ctx.fillStyle = color;
  ctx.lineWidth = mm(0.9, dpi);
  ctx.strokeRect(-w / 2, -h / 2, w, h);
  ctx.lineWidth = mm(0.3, dpi);
  ctx.strokeRect(-w / 2 + mm(1.2, dpi), -h / 2 + mm(1.2, dpi), w - mm(2.4, dpi), h - mm(2.4, dpi));
  const fs = (h - mm(4, dpi)) / lines.length / 1.2;
  ctx.font = `${fs}px ${bold}`;
  ctx.textAlign = 'center';
  lines.forEach((line, i) => ctx.fillText(line, 0, -h / 2 + mm(2, dpi) + (i + 0.85) * fs * 1.2, w - mm(4, dpi)));
  ctx.restore();
  return { x: mm(cxMm - wMm / 2, dpi), y: mm(cyMm - hMm / 2, dpi), width: w, height: h };
}

function raster(s: Sheet, greyscale = false): RasterImage {
  const { width, height } = s.canvas;
  const data = new Uint8Array(s.ctx.getImageData(0, 0, width, height).data.buffer);
  if (!greyscale) return { width, height, channels: 4, data };
  const grey = new Uint8Array(width * height);
  for (let p = 0, i = 0; p < grey.length; p++, i += 4) grey[p] = Math.round(0.299 * data[i]! + 0.587 * data[i + 1]! + 0.114 * data[i + 2]!);
  return { width, height, channels: 1, data: grey };
}

function pageOf(s: Sheet, lines: TextLine[] = [], greyscale = false, number = 1): ReadPage {
  const image = raster(s, greyscale);
  return {
    number,
    width: image.width,
    height: image.height,
    dpi: s.dpi,
    source: 'ocr',
    lines,
    text: lines.map((l) => l.text).join('\n'),
    rotation: 0,
    pixels: async () => image,
  };
}

function iou(a: Box, b: Box): number {
  const x0 = Math.max(a.x, b.x);
  const y0 = Math.max(a.y, b.y);
  const x1 = Math.min(a.x + a.width, b.x + b.width);
  const y1 = Math.min(a.y + a.height, b.y + b.height);
  const i = Math.max(0, x1 - x0) * Math.max(0, y1 - y0);
  return i / (a.width * a.height + b.width * b.height - i);
}

const centreIn = (d: Box, b: Box) => {
  const x = d.x + d.width / 2;
  const y = d.y + d.height / 2;
  return x >= b.x && x <= b.x + b.width && y >= b.y && y <= b.y + b.height;
};

const PER_KIND = Number(process.env.SEAL_CORPUS_PER_KIND ?? 2);
const SEED = Number(process.env.SEAL_CORPUS_SEED ?? 2026);

const RED = 'rgb(216,18,32)';
const COMPANY = '南京恒泰精密机械制造有限公司';

beforeAll(async () => {
  family = await canvasFamily(400);
  bold = await canvasFamily(700);
});

// ---- Synthetic pages ----------------------------------------------------------------------

describe('synthetic pages', () => {
  it('finds a red round seal with star and arc text, over body text: right box, size and shape', async () => {
    const s = sheet(120, 110);
    bodyText(s, 8, 20, 12);
    const truth = stamp(s, 62, 58, { widthMm: 42, color: RED, text: COMPANY, bottomText: '3201020088123', rotationDeg: 8 });
    const det = await detectSeals(pageOf(s));
    expect(det.greyscale).toBe(false);
    expect(det.seals).toHaveLength(1);
    const seal = det.seals[0]!;
    expect(iou(seal, truth)).toBeGreaterThan(0.85);
    expect(seal.sizeMm.major).toBeGreaterThan(40);
    expect(seal.sizeMm.major).toBeLessThan(44);
    expect(seal.shape).toBe('round');
    expect(seal.faded).toBe(false);
    expect(seal.color).toBe('red');
    expect(seal.basis).toBe('colour');
    expect(seal.confidence).toBeGreaterThan(0.85);
    expect(seal.page).toBe(1);
  });

  it('gives the same mm size at 300 dpi and at 120 dpi', async () => {
    for (const dpi of [300, 120]) {
      const s = sheet(80, 80, dpi);
      const truth = stamp(s, 40, 40, { widthMm: 40, color: 'rgb(200,10,40)', text: COMPANY });
      const det = await detectSeals(pageOf(s));
      expect(det.seals, `${dpi} dpi`).toHaveLength(1);
      expect(iou(det.seals[0]!, truth)).toBeGreaterThan(0.85);
      expect(Math.abs(det.seals[0]!.sizeMm.major - 40)).toBeLessThan(2);
    }
  });

  it('finds a faded pink, worn seal and says it is faded', async () => {
    const s = sheet(100, 100);
    bodyText(s, 5, 30, 8);
    const truth = stamp(s, 50, 50, { widthMm: 40, color: 'rgb(236,110,134)', alpha: 0.5, wear: 0.35, text: COMPANY });
    const det = await detectSeals(pageOf(s));
    expect(det.seals).toHaveLength(1);
    expect(iou(det.seals[0]!, truth)).toBeGreaterThan(0.8);
    expect(det.seals[0]!.faded).toBe(true);
  });

  it('finds a seal whose ring is broken in places (dry stamp), and an orange-red one', async () => {
    const s = sheet(200, 100);
    const a = stamp(s, 50, 50, { widthMm: 40, color: RED, text: COMPANY, gaps: [[10, 40], [150, 175], [250, 262]] });
    const b = stamp(s, 150, 50, { widthMm: 38, color: 'rgb(232,78,40)', text: '苏州工业园区检验检测中心' });
    const det = await detectSeals(pageOf(s));
    expect(det.seals).toHaveLength(2);
    expect(det.seals.some((d) => iou(d, a) > 0.8)).toBe(true);
    expect(det.seals.some((d) => iou(d, b) > 0.8)).toBe(true);
  });

  it('finds an oval seal (e.g. 发票专用章, 45 × 30 mm) and calls it oval', async () => {
    const s = sheet(100, 80);
    const truth = stamp(s, 50, 40, { widthMm: 45, heightMm: 30, color: RED, text: '南京恒泰精密机械有限公司', star: false, rotationDeg: -6 });
    const det = await detectSeals(pageOf(s));
    expect(det.seals).toHaveLength(1);
    expect(det.seals[0]!.shape).toBe('oval');
    expect(iou(det.seals[0]!, truth)).toBeGreaterThan(0.75);
    expect(det.seals[0]!.sizeMm.major).toBeGreaterThan(42);
    expect(det.seals[0]!.sizeMm.minor).toBeLessThan(33);
  });

  it('finds the seal that overlaps a 与原件一致 rectangle stamp, and names the rectangle', async () => {
    const s = sheet(120, 90);
    bodyText(s, 5, 15, 5);
    const rect = rectStamp(s, 40, 50, 36, 12, ['与原件一致'], RED, -4);
    const seal = stamp(s, 62, 52, { widthMm: 40, color: 'rgb(205,12,36)', text: COMPANY });
    const det = await detectSeals(pageOf(s));
    expect(det.seals).toHaveLength(1);
    expect(iou(det.seals[0]!, seal)).toBeGreaterThan(0.8);
    expect(det.seals.some((d) => centreIn(d, rect) && !centreIn(d, seal))).toBe(false);
  });

  it('rejects a red filled disc and a red emblem (stars and gate in yellow on a red disc)', async () => {
    const s = sheet(160, 80);
    s.ctx.fillStyle = RED;
    s.ctx.beginPath();
    s.ctx.arc(mm(40, 200), mm(40, 200), mm(20, 200), 0, Math.PI * 2);
    s.ctx.fill();
    // Emblem: red disc, yellow stars, a yellow gate and rays, a ring of yellow leaves.
    const cx = mm(120, 200);
    const cy = mm(40, 200);
    const R = mm(22, 200);
    s.ctx.fillStyle = 'rgb(246,196,60)';
    for (let i = 0; i < 24; i++) {
      const a = Math.PI * 0.7 + (i / 23) * Math.PI * 1.6;
      s.ctx.beginPath();
      s.ctx.ellipse(cx + R * 0.9 * Math.cos(a), cy + R * 0.9 * Math.sin(a), R * 0.12, R * 0.05, a + 1.2, 0, Math.PI * 2);
      s.ctx.fill();
    }
    s.ctx.fillStyle = 'rgb(206,18,30)';
    s.ctx.beginPath();
    s.ctx.arc(cx, cy, R * 0.78, 0, Math.PI * 2);
    s.ctx.fill();
    s.ctx.fillStyle = 'rgb(246,196,60)';
    s.ctx.fillRect(cx - R * 0.4, cy + R * 0.15, R * 0.8, R * 0.25);
    for (let i = 0; i < 5; i++) {
      s.ctx.beginPath();
      s.ctx.arc(cx - R * 0.4 + i * R * 0.2, cy - R * 0.35 + (i === 2 ? -R * 0.1 : 0), R * (i === 2 ? 0.14 : 0.06), 0, Math.PI * 2);
      s.ctx.fill();
    }
    const det = await detectSeals(pageOf(s));
    expect(det.seals).toEqual([]);
    const reasons = det.rejected.map((r) => r.reason);
    expect(reasons.filter((r) => r === '国徽图案').length).toBeGreaterThanOrEqual(2);
  });

  it('rejects red rectangular stamps (副本, a square 审核 stamp, a two-line stamp)', async () => {
    const s = sheet(180, 80);
    rectStamp(s, 25, 30, 24, 14, ['副本']);
    rectStamp(s, 70, 40, 32, 32, ['已审核', '2025.05']);
    rectStamp(s, 135, 30, 70, 18, ['仅供质量信用等级认定使用', '再复印无效'], RED, 3);
    const det = await detectSeals(pageOf(s));
    expect(det.seals).toEqual([]);
    expect(det.rejected.filter((r) => r.reason === '矩形印章').length).toBeGreaterThanOrEqual(2);
  });

  it('rejects a blue ring stamp of seal size', async () => {
    const s = sheet(100, 100);
    bodyText(s, 5, 20, 8);
    stamp(s, 50, 50, { widthMm: 40, color: 'rgb(28,62,178)', text: '江苏省质量技术监督局受理专用' });
    const det = await detectSeals(pageOf(s));
    expect(det.seals).toEqual([]);
    expect(det.rejected.map((r) => r.reason)).toContain('蓝色印章');
  });

  it('rejects a gold ring and a gold certificate border', async () => {
    const s = sheet(150, 110);
    s.ctx.strokeStyle = 'rgb(184,146,88)';
    s.ctx.lineWidth = mm(1.5, 200);
    s.ctx.strokeRect(mm(5, 200), mm(5, 200), mm(140, 200), mm(100, 200));
    stamp(s, 75, 55, { widthMm: 40, color: 'rgb(196,150,60)', text: COMPANY });
    const det = await detectSeals(pageOf(s));
    expect(det.seals).toEqual([]);
    expect(det.rejected.map((r) => r.reason)).toContain('金色边框');
  });

  it('rejects a red heading, a red rule and a red underline, and a plain red circle with nothing inside', async () => {
    const s = sheet(180, 120);
    const { ctx, dpi } = s;
    ctx.fillStyle = 'rgb(216,12,24)';
    ctx.font = `${mm(11, dpi)}px ${bold}`;
    ctx.textAlign = 'center';
    ctx.fillText('江苏省市场监督管理局文件', mm(90, dpi), mm(22, dpi));
    ctx.fillRect(mm(10, dpi), mm(30, dpi), mm(160, dpi), mm(0.8, dpi));
    bodyText(s, 10, 45, 3);
    ctx.fillStyle = 'rgb(216,12,24)';
    ctx.fillRect(mm(10, dpi), mm(46.5, dpi), mm(60, dpi), mm(0.4, dpi));
    // Some 公 / 口 / 回 shaped red characters at seal-ish size: still text.
    ctx.font = `${mm(26, dpi)}px ${bold}`;
    ctx.fillText('回', mm(40, dpi), mm(100, dpi));
    ctx.strokeStyle = 'rgb(216,12,24)';
    ctx.lineWidth = mm(1.2, dpi);
    ctx.beginPath();
    ctx.arc(mm(130, dpi), mm(90, dpi), mm(20, dpi), 0, Math.PI * 2);
    ctx.stroke();
    const det = await detectSeals(pageOf(s));
    expect(det.seals).toEqual([]);
    const reasons = det.rejected.map((r) => r.reason);
    expect(reasons).toContain('红色标题文字');
    expect(reasons).toContain('红色线条');
    expect(reasons).toContain('红色下划线');
  });

  it('finds nothing on a colour page with no red (black text, a black ring, a blue signature)', async () => {
    const s = sheet(210, 150);
    bodyText(s, 10, 20, 15);
    stamp(s, 150, 100, { widthMm: 40, color: 'rgb(30,30,30)', text: COMPANY });
    s.ctx.strokeStyle = 'rgb(26,44,140)';
    s.ctx.lineWidth = mm(0.5, 200);
    s.ctx.beginPath();
    s.ctx.moveTo(mm(30, 200), mm(130, 200));
    s.ctx.bezierCurveTo(mm(40, 200), mm(115, 200), mm(50, 200), mm(140, 200), mm(70, 200), mm(125, 200));
    s.ctx.stroke();
    const det = await detectSeals(pageOf(s));
    expect(det.seals).toEqual([]);
    expect(det.greyscale).toBe(false);
  });

  it('on a greyscale scan: no confirmed seal, a low-confidence shape-only candidate and a note; nothing when asked to skip', async () => {
    const s = sheet(130, 110);
    s.ctx.fillStyle = 'rgb(238,238,236)';
    s.ctx.fillRect(0, 0, s.canvas.width, s.canvas.height);
    bodyText(s, 8, 12, 5);
    // The usual place: over the company name and the date under the text.
    s.ctx.fillStyle = 'rgb(20,20,20)';
    s.ctx.font = `${mm(4, 200)}px ${family}`;
    s.ctx.fillText(COMPANY, mm(50, 200), mm(62, 200));
    s.ctx.fillText('2025年5月20日', mm(62, 200), mm(72, 200));
    const truth = stamp(s, 80, 64, { widthMm: 42, color: RED, text: COMPANY });
    const page = pageOf(s, [], true);
    const det = await detectSeals(page);
    expect(det.greyscale).toBe(true);
    expect(det.seals).toEqual([]);
    expect(det.note).toMatch(/灰度/);
    expect(det.unconfirmed.some((d) => iou(d, truth) > 0.7)).toBe(true);
    for (const seal of det.unconfirmed) {
      expect(seal.confidence).toBeLessThanOrEqual(0.45);
      expect(seal.basis).toBe('shape');
    }
    const skipped = await detectSeals(page, { greyscale: 'skip' });
    expect(skipped.seals).toEqual([]);
    expect(skipped.unconfirmed).toEqual([]);
    expect(skipped.greyscale).toBe(true);
    expect(skipped.note).toMatch(/灰度/);
  });

  it('on a greyscale scan with the seal over dense text: never a confirmed seal', async () => {
    const s = sheet(120, 110);
    s.ctx.fillStyle = 'rgb(238,238,236)';
    s.ctx.fillRect(0, 0, s.canvas.width, s.canvas.height);
    bodyText(s, 8, 20, 12);
    stamp(s, 62, 58, { widthMm: 42, color: RED, text: COMPANY });
    const det = await detectSeals(pageOf(s, [], true));
    expect(det.greyscale).toBe(true);
    expect(det.seals).toEqual([]);
    for (const seal of det.unconfirmed) expect(seal.confidence).toBeLessThanOrEqual(0.45);
  });

  it('sealOnArea: the seal on the 单位（公章） label counts, one elsewhere does not', async () => {
    const s = sheet(210, 297);
    bodyText(s, 20, 40, 10);
    const dpi = s.dpi;
    const label: TextLine = { text: '承诺单位（公章）：', box: { x: mm(110, dpi), y: mm(200, dpi), width: mm(45, dpi), height: mm(6, dpi) }, confidence: 0.9, words: [] };
    const other: TextLine = { text: '法定代表人（签字）：', box: { x: mm(20, dpi), y: mm(200, dpi), width: mm(45, dpi), height: mm(6, dpi) }, confidence: 0.9, words: [] };
    stamp(s, 140, 205, { widthMm: 40, color: RED, text: COMPANY });
    const page = pageOf(s, [other, label]);
    const det = await detectSeals(page);
    expect(det.seals).toHaveLength(1);
    expect(sealOnArea(det.seals, page)).toBe(true);
    expect(sealOnArea(det.seals, page, /单位公章|公章/)).toBe(true);
    const where = findSealOnArea(det.seals, page);
    expect(where.label?.text).toBe('承诺单位（公章）：');
    // A seal far from the label (top of the page) does not count; nor does one on another page.
    const far: SealRegion = { ...det.seals[0]!, y: mm(20, dpi) };
    expect(sealOnArea([far], page)).toBe(false);
    // Over the signature label on the left instead: not on the 公章 area.
    const left: SealRegion = { ...det.seals[0]!, x: mm(22, dpi) };
    expect(sealOnArea([left], page)).toBe(false);
    expect(sealOnArea([{ ...det.seals[0]!, page: 2 }], page)).toBe(false);
    // No label on the page: false, and findSealOnArea says the label is missing.
    const bare = { ...page, lines: [other] };
    expect(sealOnArea(det.seals, bare)).toBe(false);
    expect(findSealOnArea(det.seals, bare).label).toBeNull();
  });

  it('copes with what other tools and scanners do: inner ring, red table lines, two seals overlapping, a small seal, JPEG, tinted paper', async () => {
    const s = sheet(210, 150);
    const { ctx, dpi } = s;
    // Tinted paper (a certificate or a yellowed copy).
    ctx.fillStyle = 'rgb(246,238,222)';
    ctx.fillRect(0, 0, s.canvas.width, s.canvas.height);
    bodyText(s, 10, 12, 4);
    // Red-brown table lines through an oval invoice seal.
    ctx.strokeStyle = 'rgb(178,64,52)';
    ctx.lineWidth = mm(0.3, dpi);
    for (const y of [60, 75, 90]) {
      ctx.beginPath();
      ctx.moveTo(mm(5, dpi), mm(y, dpi));
      ctx.lineTo(mm(100, dpi), mm(y, dpi));
      ctx.stroke();
    }
    const oval = stamp(s, 50, 75, { widthMm: 40, heightMm: 30, color: RED, text: '南京恒泰精密机械有限公司', star: false, bottomText: '发票专用章' });
    // Two seals overlapping (a contract signed by two parties).
    const a = stamp(s, 135, 70, { widthMm: 42, color: 'rgb(210,16,40)', text: COMPANY, seed: 7 });
    const b = stamp(s, 165, 82, { widthMm: 40, color: 'rgb(226,40,48)', text: '江苏省质量信用促进会', seed: 9, rotationDeg: 30 });
    // A small round seal (30 mm) with an inner ring drawn as a second stamp.
    const small = stamp(s, 150, 125, { widthMm: 30, color: RED, text: '质量管理部', ringMm: 0.8 });
    stamp(s, 150, 125, { widthMm: 27, color: RED, ringMm: 0.3, star: false });
    const image = raster(s);
    const sharp = (await import('sharp')).default;
    const jpeg = await sharp(Buffer.from(image.data), { raw: { width: image.width, height: image.height, channels: 4 } }).removeAlpha().jpeg({ quality: 40 }).toBuffer();
    const decoded = await sharp(jpeg).raw().toBuffer({ resolveWithObject: true });
    const det = await detectSealsInImage({ width: decoded.info.width, height: decoded.info.height, channels: 3, data: new Uint8Array(decoded.data) }, dpi);
    const found = (t: Box) => det.seals.some((d) => iou(d, t) > 0.7);
    expect(found(oval), 'oval seal over table lines').toBe(true);
    expect(found(a), 'first of two overlapping seals').toBe(true);
    expect(found(b), 'second of two overlapping seals').toBe(true);
    expect(found(small), 'small seal with inner ring').toBe(true);
    expect(det.seals).toHaveLength(4);
  });

  const variations: [string, StampOptions, number?][] = [
    ['thin ring and light text (an electronic seal)', { widthMm: 40, color: 'rgb(230,0,18)', text: COMPANY, ringMm: 0.6 }],
    ['thick ring with text touching it', { widthMm: 42, color: RED, text: COMPANY, ringMm: 1.8 }],
    ['magenta-red ink', { widthMm: 40, color: 'rgb(196,30,110)', text: COMPANY }],
    ['pale orange-pink, faded', { widthMm: 40, color: 'rgb(238,140,120)', alpha: 0.55, wear: 0.3, text: COMPANY }],
    ['a 50 × 32 mm oval, turned 25°', { widthMm: 50, heightMm: 32, color: RED, text: '南京恒泰精密机械制造有限公司', star: false, rotationDeg: 25 }],
    ['a 45 mm seal at 150 dpi', { widthMm: 45, color: RED, text: COMPANY }, 150],
  ];
  for (const [name, options, dpi] of variations) {
    it(`finds a seal: ${name}`, async () => {
      const s = sheet(90, 90, dpi ?? 200);
      bodyText(s, 4, 30, 6);
      const truth = stamp(s, 45, 45, options);
      const det = await detectSeals(pageOf(s));
      expect(det.seals).toHaveLength(1);
      expect(iou(det.seals[0]!, truth)).toBeGreaterThan(0.8);
    });
  }

  it('takes under ~100 ms on a 200-dpi A4 page', async () => {
    const s = sheet(210, 297);
    bodyText(s, 20, 30, 40);
    s.ctx.fillStyle = 'rgb(216,12,24)';
    s.ctx.font = `${mm(9, 200)}px ${bold}`;
    s.ctx.textAlign = 'center';
    s.ctx.fillText('质量信用承诺书', mm(105, 200), mm(20, 200));
    stamp(s, 150, 240, { widthMm: 42, color: RED, text: COMPANY });
    rectStamp(s, 50, 250, 36, 12, ['与原件一致']);
    const image = raster(s);
    const wall: number[] = [];
    const cpu: number[] = [];
    let det: SealDetection | undefined;
    for (let i = 0; i < 7; i++) {
      const t = performance.now();
      const c = process.cpuUsage();
      det = await detectSealsInImage(image, 200, 1);
      const u = process.cpuUsage(c);
      wall.push(performance.now() - t);
      cpu.push((u.user + u.system) / 1000);
    }
    expect(det!.seals).toHaveLength(1);
    const median = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1]!;
    console.log(`seal detection, 200-dpi A4 (${image.width}×${image.height}): median ${median(wall).toFixed(1)} ms wall, ${median(cpu).toFixed(1)} ms CPU (runs: ${wall.map((v) => v.toFixed(0)).join(', ')} ms)`);
    // CPU time: other work on a shared machine must not fail this; the budget is ~100 ms.
    expect(median(cpu)).toBeLessThan(150);
  });
});

describe('sealOnArea on text-layer pledges (every pledge state)', () => {
  it('says whether the seal sits on the 单位公章 area, as the truth does', async () => {
    const items = await generateCorpus({ kinds: ['pledge'], perKind: 4, variants: ['clean'], seed: SEED });
    const rows: string[] = [];
    for (const item of items) {
      if (item.truth.kind !== 'pledge') continue;
      const read = await readUpload(item.bytes, { name: item.fileName, noCache: true });
      let on = false;
      for (const page of read.pages) {
        const det = await detectSeals(page);
        if (sealOnArea(det.seals, page)) on = true;
      }
      rows.push(`${item.id} ${item.truth.state}: seal on 单位公章 ${on} (truth ${item.truth.sealPresent})`);
      expect(on, item.id).toBe(item.truth.sealPresent);
    }
    console.log(rows.join('\n'));
  }, 300_000);
});

// ---- The labelled corpus ------------------------------------------------------------------

interface PageResult {
  item: CorpusItem;
  page: number;
  colour: boolean;
  seals: { box: Box; faded: boolean }[];
  decoys: { box: Box; kind: DecoyKind }[];
  detection: SealDetection;
  pixelsMs: number;
  detectMs: number;
  detectCpuMs: number;
  megapixels: number;
}


describe('the labelled corpus', () => {
  const pages: PageResult[] = [];

  beforeAll(async () => {
    const items = await generateCorpus({ perKind: PER_KIND, seed: SEED });
    for (const item of items) {
      const read = await readUpload(item.bytes, { name: item.fileName, noCache: true });
      for (const page of read.pages) {
        const t0 = performance.now();
        const image = await page.pixels();
        const t1 = performance.now();
        const cpu = process.cpuUsage();
        const detection = await detectSeals(page, { pixels: image });
        const used = process.cpuUsage(cpu);
        const t2 = performance.now();
        // Truth boxes are in the grid of truth.pages[n]: scale to the pixels read.
        const grid = item.truth.pages[page.number - 1]!;
        const sx = image.width / grid.width;
        const sy = image.height / grid.height;
        const scale = (b: Box): Box => ({ x: b.x * sx, y: b.y * sy, width: b.width * sx, height: b.height * sy });
        pages.push({
          item,
          page: page.number,
          colour: item.truth.raster ? item.truth.raster.colour : true,
          seals: item.truth.seals.filter((m) => m.page === page.number).map((m) => ({ box: scale(m.box), faded: m.faded })),
          decoys: item.truth.decoys.filter((m) => m.page === page.number).map((m) => ({ box: scale(m.box), kind: m.kind })),
          detection,
          pixelsMs: t1 - t0,
          detectMs: t2 - t1,
          detectCpuMs: (used.user + used.system) / 1000,
          megapixels: (image.width * image.height) / 1e6,
        });
      }
    }
  }, 1_800_000);

  /** Scores `seals`, or on greyscale pages with `shapeOnly` the unconfirmed shape-only candidates. */
  function score(subset: PageResult[], shapeOnly = false) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    let fadedRight = 0;
    const ious: number[] = [];
    for (const p of subset) {
      const used = new Set<number>();
      for (const d of shapeOnly && p.detection.greyscale ? p.detection.unconfirmed : p.detection.seals) {
        const m = p.seals.findIndex((s, i) => !used.has(i) && (iou(d, s.box) >= 0.3 || centreIn(d, s.box)));
        if (m >= 0) {
          used.add(m);
          tp++;
          ious.push(iou(d, p.seals[m]!.box));
          if (d.faded === p.seals[m]!.faded) fadedRight++;
        } else fp++;
      }
      fn += p.seals.length - used.size;
    }
    const precision = tp + fp ? tp / (tp + fp) : 1;
    const recall = tp + fn ? tp / (tp + fn) : 1;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    const meanIou = ious.length ? ious.reduce((a, b) => a + b, 0) / ious.length : 1;
    return { tp, fp, fn, precision, recall, f1, meanIou, fadedRight };
  }

  it('finds the seals: precision and recall by variant, F1 ≥ 0.95 on colour pages', () => {
    const rows: string[] = [];
    const pct = (v: number) => `${(v * 100).toFixed(1)}%`.padStart(7);
    rows.push(`corpus perKind=${PER_KIND} seed=${SEED}: ${new Set(pages.map((p) => p.item.id)).size} files, ${pages.length} pages`);
    rows.push('variant                    pages  seals   TP   FP   FN  precision  recall      F1  box IoU  faded ok');
    const line = (name: string, subset: PageResult[], shapeOnly = false) => {
      const s = score(subset, shapeOnly);
      const seals = subset.reduce((n, p) => n + p.seals.length, 0);
      rows.push(`${name.padEnd(26)} ${String(subset.length).padStart(5)} ${String(seals).padStart(6)} ${String(s.tp).padStart(4)} ${String(s.fp).padStart(4)} ${String(s.fn).padStart(4)}    ${pct(s.precision)} ${pct(s.recall)} ${pct(s.f1)}    ${s.meanIou.toFixed(2)}  ${shapeOnly ? '-' : `${s.fadedRight}/${s.tp}`}`);
    };
    for (const v of VARIANTS as readonly Variant[]) {
      const colour = pages.filter((p) => p.item.variant === v && p.colour);
      if (colour.length) line(`${v}`, colour);
    }
    line('colour pages, all', pages.filter((p) => p.colour));
    for (const v of VARIANTS as readonly Variant[]) {
      const grey = pages.filter((p) => p.item.variant === v && !p.colour);
      if (grey.length) line(`${v} (grey, shape-only)`, grey, true);
    }
    line('grey pages (shape-only)', pages.filter((p) => !p.colour), true);
    rows.push('(grey pages never give a confirmed seal; their rows score the low-confidence `unconfirmed` candidates)');
    const misses = pages.flatMap((p) => {
      const s = score([p], true);
      const found = p.detection.greyscale ? p.detection.unconfirmed : p.detection.seals;
      return s.fp || s.fn ? [`${p.item.id} p${p.page}${p.colour ? '' : ' (grey)'}: ${s.fp} FP, ${s.fn} FN (${found.map((d) => `${d.sizeMm.major}mm c${d.confidence}`).join(', ')})`] : [];
    });
    if (misses.length) rows.push('misses:', ...misses.map((m) => `  ${m}`));
    console.log(rows.join('\n'));

    const colour = score(pages.filter((p) => p.colour));
    expect(colour.tp + colour.fn).toBeGreaterThan(10);
    expect(colour.f1).toBeGreaterThanOrEqual(0.95);
    expect(colour.meanIou).toBeGreaterThan(0.8);
  });

  it('takes no decoy for a seal (emblem, red heading, rule, underline, rectangle stamp, blue stamp, gold border)', () => {
    const kinds = new Set(pages.flatMap((p) => p.decoys.map((d) => d.kind)));
    // The corpus at this size has most kinds; say which were seen.
    console.log(`decoy kinds on the pages: ${[...kinds].sort().join(', ')}`);
    expect(kinds.size).toBeGreaterThanOrEqual(5);
    const taken: string[] = [];
    for (const p of pages) {
      for (const d of p.detection.seals) {
        const decoy = p.decoys.find((x) => centreIn(d, x.box));
        if (decoy && !p.seals.some((s) => centreIn(d, s.box))) taken.push(`${p.item.id} p${p.page}: ${decoy.kind}`);
      }
    }
    expect(taken).toEqual([]);
    // What the rejected list calls each decoy (colour pages; informative).
    const named = new Map<string, Map<string, number>>();
    for (const p of pages.filter((x) => x.colour)) {
      for (const d of p.decoys) {
        const reasons = p.detection.rejected.filter((r) => centreIn(r, d.box) || iou(r, d.box) > 0.3).map((r) => r.reason);
        const counts = named.get(d.kind) ?? new Map<string, number>();
        for (const r of new Set(reasons.length ? reasons : ['(not listed)'])) counts.set(r, (counts.get(r) ?? 0) + 1);
        named.set(d.kind, counts);
      }
    }
    console.log(
      'rejected marks named on decoys (colour pages):\n' +
        [...named].map(([kind, counts]) => `  ${kind}: ${[...counts].map(([r, n]) => `${r} ×${n}`).join(', ')}`).join('\n'),
    );
  });

  it('on greyscale pages: flags them, confirms no seal, and says how the shape-only candidates did', () => {
    const grey = pages.filter((x) => !x.colour);
    for (const p of grey) {
      expect(p.detection.greyscale, p.item.id).toBe(true);
      expect(p.detection.seals, p.item.id).toEqual([]);
      expect(p.detection.note, p.item.id).toMatch(/灰度/);
      for (const seal of p.detection.unconfirmed) expect(seal.confidence).toBeLessThanOrEqual(0.45);
    }
    for (const p of pages.filter((x) => x.colour)) {
      expect(p.detection.greyscale, p.item.id).toBe(false);
      expect(p.detection.unconfirmed).toEqual([]);
    }
    // Shape-only candidates on grey pages, scored like seals (reported, not asserted).
    const s = score(grey, true);
    const onDecoys = grey.flatMap((p) => p.detection.unconfirmed.filter((d) => p.decoys.some((x) => centreIn(d, x.box)) && !p.seals.some((t) => centreIn(d, t.box))));
    console.log(
      `greyscale pages: ${grey.length}, seals on them ${s.tp + s.fn}; shape-only candidates: ${s.tp} right, ${s.fp} wrong (${onDecoys.length} on decoys), ${s.fn} missed`,
    );
  });

  it('reports its time per page', () => {
    const ms = pages.map((p) => p.detectMs).sort((a, b) => a - b);
    const cpu = pages.map((p) => p.detectCpuMs).sort((a, b) => a - b);
    const px = pages.map((p) => p.pixelsMs).sort((a, b) => a - b);
    const q = (v: number[], f: number) => v[Math.min(v.length - 1, Math.floor(v.length * f))]!;
    const a4 = pages.filter((p) => p.megapixels > 3.5 && p.megapixels < 4.2).map((p) => p.detectCpuMs).sort((a, b) => a - b);
    console.log(
      `seal detection per page (${pages.length} pages): wall median ${q(ms, 0.5).toFixed(0)} ms, p90 ${q(ms, 0.9).toFixed(0)} ms, max ${q(ms, 1).toFixed(0)} ms; ` +
        `CPU median ${q(cpu, 0.5).toFixed(0)} ms, p90 ${q(cpu, 0.9).toFixed(0)} ms` +
        (a4.length ? ` (200-dpi A4 pages: CPU median ${q(a4, 0.5).toFixed(0)} ms)` : '') +
        `; getting the pixels first (PDF render / JPEG decode): median ${q(px, 0.5).toFixed(0)} ms`,
    );
    expect(ms.length).toBeGreaterThan(0);
  });

  it('detectSeals(page) fetches the pixels itself, with the same result', async () => {
    const p = pages.find((x) => x.colour && x.seals.length > 0)!;
    const read = await readUpload(p.item.bytes, { name: p.item.fileName, noCache: true });
    const again = await detectSeals(read.pages[p.page - 1]!);
    expect(again.seals).toEqual(p.detection.seals);
  });
});
