/** Pieces several documents share: placing seals and stamps (and labelling them), borders, QR-like codes. */
import type { Composer, Rgb } from './compose.js';
import { drawBlueStamp, drawRectStamp, drawRoundSeal, drawEmblem, SEAL_PINK, SEAL_RED, SEAL_RED_DEEP, type InkImage, type SealOptions } from './marks.js';
import type { Rng } from './random.js';
import type { Box, SealRole } from './types.js';
import type { CorpusCompany } from './companies.js';

export const GOLD: Rgb = [184, 146, 88];

/** Draw an ink image so that its mark is centred on (cx, cy); returns the mark's box. */
export function placeInk(c: Composer, ink: InkImage, cx: number, cy: number, opacity = 1): Box {
  const x = cx - ink.inner.x - ink.inner.width / 2;
  const y = cy - ink.inner.y - ink.inner.height / 2;
  c.image(ink.png, x, y, ink.width, ink.height, true, opacity);
  return { x: x + ink.inner.x, y: y + ink.inner.y, width: ink.inner.width, height: ink.inner.height };
}

export interface SealPlacement extends SealOptions {
  role: SealRole;
  faded?: boolean;
}

/** A real seal: drawn, placed and recorded in the truth. */
export async function addSeal(c: Composer, rng: Rng, cx: number, cy: number, seal: SealPlacement): Promise<Box> {
  const faded = seal.faded ?? false;
  const ink = await drawRoundSeal(rng, {
    ...seal,
    color: seal.color ?? (faded ? SEAL_PINK : rng.pick([SEAL_RED, SEAL_RED_DEEP])),
    density: seal.density ?? (faded ? rng.float(0.42, 0.6) : rng.float(0.82, 0.98)),
    wear: seal.wear ?? (faded ? rng.float(0.5, 0.8) : rng.float(0.1, 0.5)),
    rotation: seal.rotation ?? rng.float(-14, 14),
  });
  const box = placeInk(c, ink, cx, cy);
  c.addSeal({ box, role: seal.role, text: seal.text, centerText: seal.centerText ?? null, faded });
  return box;
}

/** The applicant's 公章 (or 合同专用章). */
export function companySeal(company: CorpusCompany, rng: Rng, options: { contract?: boolean; faded?: boolean } = {}): SealPlacement {
  return {
    role: options.contract ? 'company-contract' : 'company',
    text: company.name,
    centerText: options.contract ? '合同专用章' : null,
    bottomText: !options.contract && rng.chance(0.6) ? company.sealNumber : null,
    diameterMm: 40,
    faded: options.faded ?? false,
    weight: rng.pick([700, 900] as const),
  };
}

export async function addBlueStamp(c: Composer, rng: Rng, cx: number, cy: number, text: string, centerText: string, date?: string): Promise<Box> {
  const ink = await drawBlueStamp(rng, { text, centerText, date, diameterMm: rng.float(28, 34) });
  const box = placeInk(c, ink, cx, cy);
  c.addDecoy({ box, kind: 'blue-stamp', colour: 'blue', text: `${text} ${centerText}` });
  return box;
}

export async function addRectStamp(c: Composer, rng: Rng, cx: number, cy: number, lines: string[], sizePt = 14): Promise<Box> {
  const ink = await drawRectStamp(rng, { lines, sizePt });
  const box = placeInk(c, ink, cx, cy);
  c.addDecoy({ box, kind: 'rect-stamp', colour: 'red', text: lines.join('') });
  return box;
}

export async function addEmblem(c: Composer, rng: Rng, cx: number, cy: number, diameter: number): Promise<Box> {
  const ink = await drawEmblem(rng, diameter);
  const box = placeInk(c, ink, cx, cy);
  c.addDecoy({ box, kind: 'emblem', colour: 'red', text: null });
  return box;
}

/** A red heading (红头): red text, recorded as a decoy. */
export function redHeading(c: Composer, text: string, x: number, y: number, size: number, options: { align?: 'left' | 'center' | 'right'; spacing?: number; weight?: 'bold' | 900 } = {}): Box {
  const box = c.text(text, x, y, { size, weight: options.weight ?? 'bold', color: [216, 12, 24], align: options.align ?? 'center', spacing: options.spacing ?? 0 });
  c.addDecoy({ box: { ...box, y: box.y - size * 0.05, height: size * 1.15 }, kind: 'red-heading', colour: 'red', text });
  return box;
}

/** A red rule (or double rule), recorded as a decoy. */
export function redRule(c: Composer, x1: number, x2: number, y: number, options: { double?: boolean; thickness?: number; star?: boolean } = {}): Box {
  const t = options.thickness ?? 2;
  const red: Rgb = [216, 12, 24];
  c.line(x1, y, x2, y, t, red);
  let bottom = y + t / 2;
  if (options.double) {
    c.line(x1, y + t + 2, x2, y + t + 2, t * 0.4, red);
    bottom = y + t + 2 + t * 0.2;
  }
  const box = { x: x1, y: y - t / 2, width: x2 - x1, height: bottom - (y - t / 2) };
  c.addDecoy({ box, kind: 'red-rule', colour: 'red', text: null });
  return box;
}

/** A red underline under a text box, recorded as a decoy. */
export function redUnderline(c: Composer, box: Box): void {
  const y = box.y + box.height + 1.5;
  c.line(box.x, y, box.x + box.width, y, 1.1, [216, 12, 24]);
  c.addDecoy({ box: { x: box.x, y: y - 0.8, width: box.width, height: 1.6 }, kind: 'red-underline', colour: 'red', text: null });
}

/** A decorative frame: two lines and a band of small lozenges between them (gold by default). */
export function goldBorder(c: Composer, inset: number, band: number, options: { record?: boolean; color?: Rgb } = {}): void {
  const color = options.color ?? GOLD;
  const x0 = inset;
  const y0 = inset;
  const x1 = c.width - inset;
  const y1 = c.height - inset;
  c.rect(x0, y0, x1 - x0, y1 - y0, { stroke: color, width: 1.6 });
  c.rect(x0 + band, y0 + band, x1 - x0 - 2 * band, y1 - y0 - 2 * band, { stroke: color, width: 0.7 });
  const mid = band / 2;
  const step = band * 1.1;
  const lozenge = (cx: number, cy: number) => {
    const r = band * 0.32;
    c.line(cx - r, cy, cx, cy - r, 0.5, color);
    c.line(cx, cy - r, cx + r, cy, 0.5, color);
    c.line(cx + r, cy, cx, cy + r, 0.5, color);
    c.line(cx, cy + r, cx - r, cy, 0.5, color);
  };
  for (let x = x0 + band; x <= x1 - band; x += step) {
    lozenge(x, y0 + mid);
    lozenge(x, y1 - mid);
  }
  for (let y = y0 + band + step; y <= y1 - band - step; y += step) {
    lozenge(x0 + mid, y);
    lozenge(x1 - mid, y);
  }
  // Gold frames and red frames are decoys (a red frame is made of red rules); blue and green ones are not.
  const red = color[0] > 150 && color[0] - color[1] > 80 && color[0] - color[2] > 80;
  const gold = !red && color[0] > 150 && color[1] > 110 && color[2] < 120;
  if (options.record !== false && (red || gold)) {
    c.addDecoy({ box: { x: x0, y: y0, width: x1 - x0, height: y1 - y0 }, kind: red ? 'red-rule' : 'gold-border', colour: red ? 'red' : 'gold', text: null });
  }
}

/** A QR-code-like square of modules with three finder patterns (not decodable). */
export function qrLike(c: Composer, rng: Rng, x: number, y: number, size: number): void {
  const n = 25;
  const m = size / n;
  const finder = (fx: number, fy: number) => {
    c.rect(x + fx * m, y + fy * m, 7 * m, 7 * m, { stroke: null, fill: [0, 0, 0] });
    c.rect(x + (fx + 1) * m, y + (fy + 1) * m, 5 * m, 5 * m, { stroke: null, fill: [255, 255, 255] });
    c.rect(x + (fx + 2) * m, y + (fy + 2) * m, 3 * m, 3 * m, { stroke: null, fill: [0, 0, 0] });
  };
  const inFinder = (i: number, j: number) => (i < 8 && j < 8) || (i >= n - 8 && j < 8) || (i < 8 && j >= n - 8);
  for (let j = 0; j < n; j++) {
    let run = -1;
    for (let i = 0; i <= n; i++) {
      const on = i < n && !inFinder(i, j) && rng.chance(0.48);
      if (on && run < 0) run = i;
      if (!on && run >= 0) {
        c.rect(x + run * m, y + j * m, (i - run) * m, m, { stroke: null, fill: [0, 0, 0] });
        run = -1;
      }
    }
  }
  finder(0, 0);
  finder(n - 7, 0);
  finder(0, n - 7);
}

/** A light diagonal watermark repeated over the page (printed by report systems). */
export function watermark(c: Composer, text: string, options: { size?: number; opacity?: number; color?: Rgb } = {}): void {
  const size = options.size ?? 26;
  for (let row = 0; row < 4; row++) {
    for (let col = 0; col < 2; col++) {
      c.text(text, 90 + col * 250 + (row % 2) * 60, 220 + row * 180, { size, color: options.color ?? [150, 150, 150], opacity: options.opacity ?? 0.13, rotate: 30 });
    }
  }
}
