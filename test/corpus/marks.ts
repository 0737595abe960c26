/**
 * Ink marks drawn on a canvas and embedded as PNG images with alpha: round seals, blue
 * stamps, rectangular stamps, a national-emblem-like decoy, handwritten signatures and
 * handwritten digits. Sizes are in points; images are drawn at 300 dpi.
 *
 * Seals follow Chinese practice: a ring, a five-pointed star in the centre, the owner's
 * name along the upper arc with each character's foot towards the centre, and optionally
 * horizontal text under the star (合同专用章) or a 13-digit number along the bottom arc.
 */
import { createCanvas, type Canvas, type SKRSContext2D } from '@napi-rs/canvas';
import { canvasFamily, type Weight } from './fonts.js';
import { pixelNoise, type Rng } from './random.js';
import type { Rgb } from './compose.js';

const PX_PER_PT = 300 / 72;
const MM = 72 / 25.4;

export interface InkImage {
  png: Uint8Array;
  /** Size of the whole image in points. */
  width: number;
  height: number;
  /** Where the mark itself sits inside the image, in points from the image's top left. */
  inner: { x: number; y: number; width: number; height: number };
}

export const SEAL_RED: Rgb = [222, 16, 30];
export const SEAL_RED_DEEP: Rgb = [200, 10, 32];
export const SEAL_PINK: Rgb = [236, 96, 120];
export const STAMP_BLUE: Rgb = [28, 62, 178];

interface InkOptions {
  /** Overall opacity of the ink, 0..1. */
  density: number;
  /** How uneven the ink is: 0 crisp electronic seal … 1 a dry, worn stamp. */
  wear: number;
}

/** Make the drawn ink uneven: a low-frequency density field and small dropouts. */
function applyInk(ctx: SKRSContext2D, w: number, h: number, rng: Rng, ink: InkOptions): void {
  // This canvas applies the current transform to putImageData: work in device pixels.
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  const image = ctx.getImageData(0, 0, w, h);
  const data = image.data;
  const grid = 9;
  const field = Array.from({ length: (grid + 1) * (grid + 1) }, () => rng.next());
  const noise = pixelNoise(rng.int(1, 2 ** 31));
  const drop = 0.04 + ink.wear * 0.22;
  for (let y = 0; y < h; y++) {
    const gy = (y / h) * grid;
    const y0 = Math.floor(gy);
    const fy = gy - y0;
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 4;
      const a = data[i + 3]!;
      if (a === 0) continue;
      const gx = (x / w) * grid;
      const x0 = Math.floor(gx);
      const fx = gx - x0;
      const v00 = field[y0 * (grid + 1) + x0]!;
      const v10 = field[y0 * (grid + 1) + x0 + 1]!;
      const v01 = field[(y0 + 1) * (grid + 1) + x0]!;
      const v11 = field[(y0 + 1) * (grid + 1) + x0 + 1]!;
      const smooth = (v00 * (1 - fx) + v10 * fx) * (1 - fy) + (v01 * (1 - fx) + v11 * fx) * fy;
      let k = ink.density * (1 - ink.wear * 0.55 * smooth);
      const r = noise();
      if (r < drop * (0.4 + smooth)) k *= 0.15 + noise() * 0.4;
      else k *= 0.88 + 0.12 * noise();
      data[i + 3] = Math.max(0, Math.min(255, Math.round(a * k)));
    }
  }
  ctx.putImageData(image, 0, 0);
}

function encode(canvas: Canvas): Uint8Array {
  return new Uint8Array(canvas.toBuffer('image/png'));
}

function css(c: Rgb): string {
  return `rgb(${c[0]},${c[1]},${c[2]})`;
}

function star(ctx: SKRSContext2D, cx: number, cy: number, r: number, rotation = 0): void {
  ctx.beginPath();
  for (let i = 0; i < 10; i++) {
    const rr = i % 2 === 0 ? r : r * 0.382;
    const a = -Math.PI / 2 + rotation + (i * Math.PI) / 5;
    const x = cx + rr * Math.cos(a);
    const y = cy + rr * Math.sin(a);
    if (i === 0) ctx.moveTo(x, y);
    else ctx.lineTo(x, y);
  }
  ctx.closePath();
  ctx.fill();
}

/** Characters along an arc; `top`: reading left to right over the top, feet towards the centre. */
function arcText(
  ctx: SKRSContext2D,
  text: string,
  cx: number,
  cy: number,
  radius: number,
  span: number,
  size: number,
  squeeze: number,
  top: boolean,
): void {
  const chars = [...text];
  const n = chars.length;
  chars.forEach((ch, i) => {
    const t = n === 1 ? 0.5 : i / (n - 1);
    const offset = (t - 0.5) * span;
    // Angle in canvas terms (y down): the top of the circle is -π/2.
    const a = top ? -Math.PI / 2 + offset : Math.PI / 2 - offset;
    ctx.save();
    ctx.translate(cx + radius * Math.cos(a), cy + radius * Math.sin(a));
    ctx.rotate(top ? a + Math.PI / 2 : a - Math.PI / 2);
    ctx.scale(squeeze, 1);
    // Top text: the glyph's foot on the inner side (baseline towards the centre).
    ctx.fillText(ch, 0, size * 0.38);
    ctx.restore();
  });
}

export interface SealOptions {
  /** Along the upper arc. */
  text: string;
  /** Horizontal, under the star. */
  centerText?: string | null;
  /** Along the lower arc (e.g. the 13-digit seal number). */
  bottomText?: string | null;
  diameterMm?: number;
  color?: Rgb;
  density?: number;
  wear?: number;
  /** Rotation of the whole impression, degrees. */
  rotation?: number;
  weight?: Weight;
  /** A thin inner ring (some official seals). */
  innerRing?: boolean;
  /** Draw the star (blue stamps may have none). */
  star?: boolean;
}

/** A round seal; `inner` is the circle's bounding box. */
export async function drawRoundSeal(rng: Rng, options: SealOptions): Promise<InkImage> {
  const d = (options.diameterMm ?? 40) * MM * PX_PER_PT;
  const pad = Math.round(d * 0.04);
  const size = Math.ceil(d + 2 * pad);
  const canvas = createCanvas(size, size);
  const ctx = canvas.getContext('2d');
  const c = size / 2;
  const R = d / 2;
  const color = options.color ?? SEAL_RED;
  const family = await canvasFamily(options.weight ?? 700);
  ctx.save();
  ctx.translate(c, c);
  ctx.rotate(((options.rotation ?? 0) * Math.PI) / 180);
  ctx.translate(-c, -c);
  ctx.strokeStyle = css(color);
  ctx.fillStyle = css(color);
  const ring = d * rng.float(0.026, 0.034);
  ctx.lineWidth = ring;
  ctx.beginPath();
  ctx.arc(c, c, R - ring / 2, 0, Math.PI * 2);
  ctx.stroke();
  if (options.innerRing) {
    ctx.lineWidth = ring * 0.35;
    ctx.beginPath();
    ctx.arc(c, c, R - ring * 2.2, 0, Math.PI * 2);
    ctx.stroke();
  }
  const n = [...options.text].length;
  const textSize = d * (n > 16 ? 0.118 : n > 12 ? 0.13 : 0.145);
  const span = Math.min(Math.PI * 1.42, Math.max(Math.PI * 0.9, n * 0.27));
  ctx.font = `${textSize}px ${family}`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'alphabetic';
  const squeeze = n > 14 ? 0.72 : n > 10 ? 0.8 : 0.9;
  arcText(ctx, options.text, c, c, R - ring - textSize * 0.62 - (options.innerRing ? ring * 1.6 : 0), span, textSize, squeeze, true);
  if (options.bottomText) {
    const bs = d * 0.062;
    ctx.font = `${bs}px ${family}`;
    arcText(ctx, options.bottomText, c, c, R - ring - bs * 0.9, Math.min(Math.PI * 0.62, [...options.bottomText].length * 0.06), bs, 1, false);
  }
  if (options.star !== false) star(ctx, c, c - (options.centerText ? d * 0.04 : 0), d * 0.17, 0);
  if (options.centerText) {
    const cs = d * (([...options.centerText].length > 6) ? 0.085 : 0.1);
    ctx.font = `${cs}px ${family}`;
    ctx.fillText(options.centerText, c, c + d * (options.star === false ? 0.04 : 0.27));
  }
  ctx.restore();
  applyInk(ctx, size, size, rng, { density: options.density ?? 0.95, wear: options.wear ?? 0.3 });
  const pt = size / PX_PER_PT;
  const innerPt = d / PX_PER_PT;
  return { png: encode(canvas), width: pt, height: pt, inner: { x: (pt - innerPt) / 2, y: (pt - innerPt) / 2, width: innerPt, height: innerPt } };
}

/** A blue round stamp (receipt, controlled-document, inspection marks): not a company seal. */
export async function drawBlueStamp(rng: Rng, options: { text: string; centerText: string; date?: string; diameterMm?: number }): Promise<InkImage> {
  const d = (options.diameterMm ?? 32) * MM * PX_PER_PT;
  const pad = Math.round(d * 0.05);
  const size = Math.ceil(d + 2 * pad);
  const canvas = createCanvas(size, size);
  const ctx = canvas.getContext('2d');
  const c = size / 2;
  const R = d / 2;
  const family = await canvasFamily(700);
  ctx.translate(c, c);
  ctx.rotate(rng.float(-0.35, 0.35));
  ctx.translate(-c, -c);
  ctx.strokeStyle = css(STAMP_BLUE);
  ctx.fillStyle = css(STAMP_BLUE);
  ctx.lineWidth = d * 0.028;
  ctx.beginPath();
  ctx.arc(c, c, R - d * 0.014, 0, Math.PI * 2);
  ctx.stroke();
  ctx.lineWidth = d * 0.012;
  ctx.beginPath();
  ctx.arc(c, c, R - d * 0.06, 0, Math.PI * 2);
  ctx.stroke();
  const n = [...options.text].length;
  const ts = d * (n > 10 ? 0.11 : 0.13);
  ctx.font = `${ts}px ${family}`;
  ctx.textAlign = 'center';
  arcText(ctx, options.text, c, c, R - d * 0.06 - ts * 0.7, Math.min(Math.PI * 1.3, n * 0.3), ts, 0.85, true);
  const cs = d * 0.15;
  ctx.font = `${cs}px ${family}`;
  ctx.fillText(options.centerText, c, c + cs * 0.35);
  if (options.date) {
    ctx.font = `${d * 0.085}px ${family}`;
    ctx.fillText(options.date, c, c + d * 0.28);
  }
  ctx.lineWidth = d * 0.01;
  ctx.beginPath();
  ctx.moveTo(c - d * 0.3, c - cs * 0.9);
  ctx.lineTo(c + d * 0.3, c - cs * 0.9);
  ctx.moveTo(c - d * 0.3, c + cs * 0.75);
  ctx.lineTo(c + d * 0.3, c + cs * 0.75);
  ctx.stroke();
  applyInk(ctx, size, size, rng, { density: 0.9, wear: rng.float(0.2, 0.6) });
  const pt = size / PX_PER_PT;
  const innerPt = d / PX_PER_PT;
  return { png: encode(canvas), width: pt, height: pt, inner: { x: (pt - innerPt) / 2, y: (pt - innerPt) / 2, width: innerPt, height: innerPt } };
}

/** A red rectangular stamp (副本, 已审核, 与原件一致 …), one or two lines, double frame. */
export async function drawRectStamp(rng: Rng, options: { lines: string[]; sizePt?: number; color?: Rgb; rotation?: number }): Promise<InkImage> {
  const family = await canvasFamily(900);
  const fs = (options.sizePt ?? 16) * PX_PER_PT;
  const probe = createCanvas(10, 10).getContext('2d');
  probe.font = `${fs}px ${family}`;
  const textW = Math.max(...options.lines.map((l) => probe.measureText(l).width));
  const boxW = textW + fs * 1.2;
  const boxH = options.lines.length * fs * 1.3 + fs * 0.6;
  const rot = ((options.rotation ?? rng.float(-6, 6)) * Math.PI) / 180;
  const diag = Math.hypot(boxW, boxH);
  const W = Math.ceil(Math.abs(boxW * Math.cos(rot)) + Math.abs(boxH * Math.sin(rot)) + fs * 0.4);
  const H = Math.ceil(Math.abs(boxW * Math.sin(rot)) + Math.abs(boxH * Math.cos(rot)) + fs * 0.4);
  void diag;
  const canvas = createCanvas(W, H);
  const ctx = canvas.getContext('2d');
  const color = options.color ?? SEAL_RED;
  ctx.translate(W / 2, H / 2);
  ctx.rotate(rot);
  ctx.strokeStyle = css(color);
  ctx.fillStyle = css(color);
  ctx.lineWidth = fs * 0.12;
  ctx.strokeRect(-boxW / 2, -boxH / 2, boxW, boxH);
  ctx.lineWidth = fs * 0.04;
  ctx.strokeRect(-boxW / 2 + fs * 0.16, -boxH / 2 + fs * 0.16, boxW - fs * 0.32, boxH - fs * 0.32);
  ctx.font = `${fs}px ${family}`;
  ctx.textAlign = 'center';
  options.lines.forEach((line, i) => {
    ctx.fillText(line, 0, -boxH / 2 + fs * 0.3 + (i + 1) * fs * 1.3 - fs * 0.32);
  });
  applyInk(ctx, W, H, rng, { density: 0.92, wear: rng.float(0.2, 0.5) });
  const w = W / PX_PER_PT;
  const h = H / PX_PER_PT;
  return { png: encode(canvas), width: w, height: h, inner: { x: 0, y: 0, width: w, height: h } };
}

/** A red emblem-like disc with gold stars, gate and rays: printed decoration, not a stamp. */
export async function drawEmblem(rng: Rng, diameterPt: number): Promise<InkImage> {
  const d = diameterPt * PX_PER_PT;
  const size = Math.ceil(d * 1.08);
  const canvas = createCanvas(size, size);
  const ctx = canvas.getContext('2d');
  const c = size / 2;
  const R = d / 2;
  const red = 'rgb(206,18,30)';
  const gold = 'rgb(246,196,60)';
  // Wheat garland: gold leaves around a red disc.
  ctx.fillStyle = gold;
  for (let i = 0; i < 26; i++) {
    const a = Math.PI * 0.72 + (i / 25) * Math.PI * 1.56;
    ctx.save();
    ctx.translate(c + R * 0.88 * Math.cos(a), c + R * 0.88 * Math.sin(a));
    ctx.rotate(a + Math.PI / 2.6);
    ctx.beginPath();
    ctx.ellipse(0, 0, R * 0.12, R * 0.05, 0, 0, Math.PI * 2);
    ctx.fill();
    ctx.restore();
  }
  ctx.fillStyle = red;
  ctx.beginPath();
  ctx.arc(c, c, R * 0.78, 0, Math.PI * 2);
  ctx.fill();
  // Rays behind the gate.
  ctx.strokeStyle = gold;
  ctx.lineWidth = R * 0.025;
  for (let i = 0; i < 15; i++) {
    const a = Math.PI + (i / 14) * Math.PI;
    ctx.beginPath();
    ctx.moveTo(c + R * 0.3 * Math.cos(a), c + R * 0.18 + R * 0.3 * Math.sin(a));
    ctx.lineTo(c + R * 0.66 * Math.cos(a), c + R * 0.18 + R * 0.66 * Math.sin(a));
    ctx.stroke();
  }
  ctx.fillStyle = gold;
  star(ctx, c, c - R * 0.42, R * 0.17);
  for (let i = 0; i < 4; i++) {
    const a = -Math.PI / 2 + (i - 1.5) * 0.42 + (i < 2 ? -0.18 : 0.18);
    star(ctx, c + R * 0.42 * Math.cos(a) * 1.05, c - R * 0.12 + R * 0.42 * Math.sin(a) * 0.7, R * 0.065, a);
  }
  // The gate: a roof, a body and five doors.
  ctx.fillRect(c - R * 0.44, c + R * 0.12, R * 0.88, R * 0.07);
  ctx.fillRect(c - R * 0.36, c + R * 0.2, R * 0.72, R * 0.22);
  ctx.fillStyle = red;
  for (let i = 0; i < 5; i++) ctx.fillRect(c - R * 0.3 + i * R * 0.135, c + R * 0.27, R * 0.06, R * 0.15);
  ctx.fillStyle = gold;
  // Gear and ribbon at the bottom.
  ctx.beginPath();
  ctx.arc(c, c + R * 0.62, R * 0.13, 0, Math.PI * 2);
  ctx.fill();
  ctx.fillStyle = red;
  ctx.fillRect(c - R * 0.5, c + R * 0.68, R, R * 0.09);
  applyInk(ctx, size, size, rng, { density: 1, wear: 0.05 });
  const pt = size / PX_PER_PT;
  return { png: encode(canvas), width: pt, height: pt, inner: { x: (pt - diameterPt) / 2, y: (pt - diameterPt) / 2, width: diameterPt, height: diameterPt } };
}

type P = [number, number];

/** Draw a polyline with pen pressure: thin ends, thicker middle. */
function penStroke(ctx: SKRSContext2D, points: P[], width: number, rng: Rng): void {
  const n = points.length;
  const pressure = rng.float(0.75, 1.15);
  for (let i = 1; i < n; i++) {
    const t = i / (n - 1);
    ctx.lineWidth = width * pressure * (0.45 + 0.75 * Math.sin(Math.PI * Math.min(1, t * 1.15)));
    ctx.beginPath();
    ctx.moveTo(points[i - 1]![0], points[i - 1]![1]);
    ctx.lineTo(points[i]![0], points[i]![1]);
    ctx.stroke();
  }
}

export const INK_COLORS: readonly Rgb[] = [
  [22, 22, 28],
  [18, 30, 92],
  [26, 44, 140],
];

/**
 * A signature: per character of the name one to three quick strokes, each a smooth curve
 * (Catmull-Rom, i.e. a chain of cubic Béziers) through a few anchors that move mostly
 * rightwards with loops and hooks, slanted like fast cursive, often ending in a tail.
 * `inner` is the inked area.
 */
export function drawSignature(rng: Rng, options: { heightPt: number; chars: number; color?: Rgb }): InkImage {
  const h = options.heightPt * PX_PER_PT;
  const charW = h * rng.float(0.62, 0.9);
  const W = Math.ceil(charW * options.chars + h * 1.2);
  const H = Math.ceil(h * 1.6);
  const canvas = createCanvas(W, H);
  const ctx = canvas.getContext('2d');
  ctx.strokeStyle = css(options.color ?? rng.pick(INK_COLORS));
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  const slant = rng.float(0.18, 0.4);
  const pen = h * rng.float(0.04, 0.06);
  const rise = rng.float(-0.12, 0.04);
  let minX = W;
  let minY = H;
  let maxX = 0;
  let maxY = 0;
  const top = (H - h) / 2;
  const map = ([x, y]: P): P => {
    const px = x + (top + h - y) * slant * 0.5;
    const py = y + (x / W) * rise * h;
    minX = Math.min(minX, px);
    maxX = Math.max(maxX, px);
    minY = Math.min(minY, py);
    maxY = Math.max(maxY, py);
    return [px, py];
  };
  const draw = (anchors: P[], width: number) => penStroke(ctx, smooth(anchors, 8).map(map), width, rng);
  for (let k = 0; k < options.chars; k++) {
    const x0 = h * 0.25 + k * charW;
    const strokes = k === 0 ? rng.int(2, 3) : rng.int(1, 2);
    for (let s = 0; s < strokes; s++) {
      const anchors: P[] = [];
      if (s === 0 && rng.chance(0.6)) {
        // A quick horizontal (横) leading into the character.
        const y = top + h * rng.float(0.15, 0.4);
        anchors.push([x0 + rng.float(0, charW * 0.15), y + rng.float(-3, 3)], [x0 + charW * rng.float(0.5, 0.8), y - h * rng.float(0, 0.08)]);
      } else {
        anchors.push([x0 + rng.float(0, charW * 0.4), top + h * rng.float(0, 0.35)]);
      }
      const n = rng.int(3, 6);
      let x = anchors[anchors.length - 1]![0];
      for (let i = 0; i < n; i++) {
        x = Math.min(x0 + charW * 1.05, Math.max(x0 - charW * 0.1, x + charW * rng.float(-0.35, 0.45)));
        const y = top + h * (i % 2 === 0 ? rng.float(0.45, 1.0) : rng.float(0.0, 0.5));
        anchors.push([x, y]);
        if (rng.chance(0.2)) {
          // A small loop.
          const r = h * rng.float(0.08, 0.16);
          anchors.push([x + r, y - r * 0.6], [x + r * 0.3, y - r * 1.4], [x - r * 0.3, y - r * 0.5]);
        }
      }
      draw(anchors, pen * (s === 0 ? 1 : rng.float(0.8, 1)));
    }
  }
  if (rng.chance(0.65)) {
    // A tail: a long, flattening sweep to the right.
    const x = h * 0.25 + options.chars * charW - charW * 0.3;
    const y = top + h * rng.float(0.5, 0.9);
    draw([[x, y], [x + h * 0.25, y + h * 0.18], [x + h * 0.6, y + h * 0.1], [W - h * 0.2, y - h * rng.float(0.1, 0.5)]], pen * 0.8);
  }
  applyInk(ctx, W, H, rng, { density: 0.95, wear: 0.08 });
  const pad = pen * 1.2;
  const toPt = (v: number) => v / PX_PER_PT;
  const x = Math.max(0, minX - pad);
  const y = Math.max(0, minY - pad);
  return {
    png: encode(canvas),
    width: toPt(W),
    height: toPt(H),
    inner: { x: toPt(x), y: toPt(y), width: toPt(Math.min(W, maxX + pad) - x), height: toPt(Math.min(H, maxY + pad) - y) },
  };
}

/** Stroke skeletons of handwritten digits in a 0.6 × 1 box. */
const DIGITS: Record<string, P[][]> = {
  '0': [Array.from({ length: 15 }, (_, i) => [0.3 + 0.27 * Math.sin((i / 14) * Math.PI * 2.05 - 0.2), 0.5 - 0.48 * Math.cos((i / 14) * Math.PI * 2.05 - 0.2)] as P)],
  '1': [[[0.16, 0.2], [0.36, 0.02], [0.32, 1]]],
  '2': [[[0.05, 0.25], [0.2, 0.03], [0.45, 0.05], [0.55, 0.28], [0.4, 0.55], [0.05, 0.98], [0.6, 0.95]]],
  '3': [[[0.08, 0.1], [0.35, 0], [0.55, 0.15], [0.45, 0.4], [0.25, 0.47], [0.5, 0.55], [0.58, 0.78], [0.4, 0.98], [0.05, 0.9]]],
  '4': [[[0.42, 0.02], [0.05, 0.66], [0.62, 0.66]], [[0.45, 0.3], [0.43, 1]]],
  '5': [[[0.55, 0.03], [0.15, 0.03], [0.1, 0.45], [0.35, 0.38], [0.57, 0.55], [0.55, 0.85], [0.3, 1], [0.05, 0.9]]],
  '6': [[[0.5, 0.05], [0.2, 0.3], [0.06, 0.65], [0.15, 0.95], [0.4, 0.98], [0.55, 0.75], [0.42, 0.52], [0.18, 0.55], [0.08, 0.7]]],
  '7': [[[0.04, 0.05], [0.6, 0.04], [0.3, 1]]],
  '8': [[[0.5, 0.12], [0.3, 0.01], [0.1, 0.15], [0.2, 0.38], [0.5, 0.6], [0.55, 0.85], [0.3, 1], [0.06, 0.82], [0.15, 0.6], [0.45, 0.38], [0.52, 0.15]]],
  '9': [[[0.52, 0.3], [0.35, 0.05], [0.1, 0.12], [0.08, 0.35], [0.3, 0.48], [0.52, 0.3], [0.5, 0.7], [0.35, 1]]],
};

/** Catmull-Rom through the points, for a smooth pen line. */
function smooth(points: P[], steps = 6): P[] {
  if (points.length < 3) return points;
  const out: P[] = [];
  for (let i = 0; i < points.length - 1; i++) {
    const p0 = points[Math.max(0, i - 1)]!;
    const p1 = points[i]!;
    const p2 = points[i + 1]!;
    const p3 = points[Math.min(points.length - 1, i + 2)]!;
    for (let s = 0; s < steps; s++) {
      const t = s / steps;
      const t2 = t * t;
      const t3 = t2 * t;
      out.push([
        0.5 * (2 * p1[0] + (-p0[0] + p2[0]) * t + (2 * p0[0] - 5 * p1[0] + 4 * p2[0] - p3[0]) * t2 + (-p0[0] + 3 * p1[0] - 3 * p2[0] + p3[0]) * t3),
        0.5 * (2 * p1[1] + (-p0[1] + p2[1]) * t + (2 * p0[1] - 5 * p1[1] + 4 * p2[1] - p3[1]) * t2 + (-p0[1] + 3 * p1[1] - 3 * p2[1] + p3[1]) * t3),
      ]);
    }
  }
  out.push(points[points.length - 1]!);
  return out;
}

/** Handwritten digits (other characters leave a gap), `heightPt` tall. */
export function drawHandDigits(rng: Rng, text: string, options: { heightPt: number; color?: Rgb }): InkImage {
  const h = options.heightPt * PX_PER_PT;
  const adv = h * 0.62;
  const W = Math.ceil(adv * [...text].length + h * 0.5);
  const H = Math.ceil(h * 1.4);
  const canvas = createCanvas(W, H);
  const ctx = canvas.getContext('2d');
  ctx.strokeStyle = css(options.color ?? rng.pick(INK_COLORS));
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  const slant = rng.float(0.08, 0.22);
  const pen = h * rng.float(0.07, 0.1);
  let x = h * 0.2;
  for (const ch of text) {
    const strokes = DIGITS[ch];
    if (strokes) {
      const scale = h * rng.float(0.9, 1.08);
      const baseY = (H - h) / 2 + rng.float(-0.06, 0.06) * h;
      for (const stroke of strokes) {
        const jittered = stroke.map(([px, py]): P => [px + rng.float(-0.035, 0.035), py + rng.float(-0.03, 0.03)]);
        const pts = smooth(jittered).map(([px, py]): P => [x + px * scale + (1 - py) * slant * scale * 0.5, baseY + py * scale]);
        penStroke(ctx, pts, pen, rng);
      }
    }
    x += adv * rng.float(0.92, 1.1);
  }
  applyInk(ctx, W, H, rng, { density: 0.95, wear: 0.08 });
  const w = W / PX_PER_PT;
  const hh = H / PX_PER_PT;
  return { png: encode(canvas), width: w, height: hh, inner: { x: 0, y: 0, width: w, height: hh } };
}

/**
 * A credit code written by hand (synthetic): digits drawn as pen strokes through the same
 * skeletons as `drawHandDigits`, letters from the font's glyphs (light weights, as a ballpoint
 * line), each character with its own size, tilt, baseline and spacing, the whole slanted and
 * then bent by a slow elastic warp so that no two characters are the same shape. It imitates
 * neat block capitals in a form's blank; real handwriting varies far more.
 * `widthPt` is the room it has to fit in.
 */
export async function drawHandCode(rng: Rng, text: string, options: { heightPt: number; widthPt: number; color?: Rgb }): Promise<InkImage> {
  const chars = [...text];
  const fit = Math.min(options.heightPt, options.widthPt / (chars.length * 0.66 + 0.6));
  const h = fit * PX_PER_PT;
  const adv = h * 0.66;
  const W = Math.ceil(adv * chars.length + h * 0.8);
  const H = Math.ceil(h * 1.7);
  const canvas = createCanvas(W, H);
  const ctx = canvas.getContext('2d');
  const color = options.color ?? rng.pick(INK_COLORS);
  ctx.strokeStyle = css(color);
  ctx.fillStyle = css(color);
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  const slant = rng.float(0.06, 0.22);
  const pen = h * rng.float(0.06, 0.085);
  const family = await canvasFamily(rng.pick([300, 400] as const));
  const top = (H - h) / 2;
  let x = h * 0.3;
  for (const ch of chars) {
    const scale = h * rng.float(0.86, 1.06);
    const baseY = top + rng.float(-0.07, 0.07) * h + (h - scale);
    const tilt = rng.float(-0.09, 0.09);
    const strokes = DIGITS[ch];
    if (strokes) {
      for (const stroke of strokes) {
        const jittered = stroke.map(([px, py]): P => [px + rng.float(-0.04, 0.04), py + rng.float(-0.035, 0.035)]);
        const pts = smooth(jittered).map(([px, py]): P => {
          const lx = px * scale * 0.95;
          const ly = py * scale;
          return [x + lx + (scale - ly) * (slant + tilt) * 0.5, baseY + ly];
        });
        penStroke(ctx, pts, pen, rng);
      }
    } else {
      ctx.save();
      ctx.translate(x, baseY + scale);
      ctx.transform(1, 0, -(slant + tilt), 1, 0, 0);
      ctx.rotate(rng.float(-0.07, 0.07));
      ctx.font = `${scale * 1.32}px ${family}`;
      ctx.textBaseline = 'alphabetic';
      ctx.scale(rng.float(0.85, 1.05), 1);
      ctx.lineWidth = pen * rng.float(0.25, 0.6);
      ctx.fillText(ch, 0, 0);
      ctx.strokeText(ch, 0, 0);
      ctx.restore();
    }
    x += adv * rng.float(0.9, 1.12);
  }
  warpInk(ctx, W, H, rng, h * rng.float(0.025, 0.05));
  applyInk(ctx, W, H, rng, { density: 0.95, wear: 0.06 });
  const w = W / PX_PER_PT;
  const hh = H / PX_PER_PT;
  return { png: encode(canvas), width: w, height: hh, inner: { x: 0, y: 0, width: Math.min(w, (x + h * 0.3) / PX_PER_PT), height: hh } };
}

/** Bend the drawn ink with two slow sine displacements (amplitude `amount` pixels). */
function warpInk(ctx: SKRSContext2D, w: number, h: number, rng: Rng, amount: number): void {
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  const source = ctx.getImageData(0, 0, w, h);
  const out = ctx.createImageData(w, h);
  const src = source.data;
  const dst = out.data;
  const lx = h * rng.float(1.2, 2.4);
  const ly = h * rng.float(0.8, 1.6);
  const px = rng.float(0, Math.PI * 2);
  const py = rng.float(0, Math.PI * 2);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const sx = Math.round(x + amount * Math.sin((2 * Math.PI * y) / ly + px));
      const sy = Math.round(y + amount * Math.sin((2 * Math.PI * x) / lx + py));
      if (sx < 0 || sy < 0 || sx >= w || sy >= h) continue;
      const s = (sy * w + sx) * 4;
      const d = (y * w + x) * 4;
      dst[d] = src[s]!;
      dst[d + 1] = src[s + 1]!;
      dst[d + 2] = src[s + 2]!;
      dst[d + 3] = src[s + 3]!;
    }
  }
  ctx.putImageData(out, 0, 0);
}
