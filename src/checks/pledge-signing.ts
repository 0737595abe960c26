/**
 * The signing area of the pledge (附件1 承诺书): is there a handwritten signature by the
 * "法定代表人（或负责人）签字：" label, and what date is on the "年 月 日" line?
 *
 * Pixels are looked at in one plane where print and pen ink are dark and red seal ink is
 * not: luminance for dark pixels (print stays black under a seal, even where JPEG's coarse
 * colour tints it red), the red channel for lighter ones (a red seal is as bright as paper
 * there). Darkness is taken against the local paper (photos are unevenly lit) and compared
 * with the darkness of the label's own printed characters. Ink is kept by hysteresis:
 * connected strokes above a loose threshold that reach a strict one over enough of their
 * area. On grey copies a seal is a lighter grey than print and pen, and the thresholds are
 * higher. Lengths are in mm (page.dpi; in a photo, the resolution of the sheet in it).
 *
 * Signature. The label line is found among the page's lines (OCR spellings such as 签字: /
 * 签 字 / 签名 / 签子 tolerated; when the page's OCR lost the signing area, the lower half
 * of the last page is read again with the engine). The area searched is the label's row,
 * from the label's start to the "单位公章" label (or the middle of the page), and the room
 * below it down to the next printed line (at most 35 mm). The label's characters, printed
 * text there (a typed name is not a signature) and straight rules (underlines, borders) are
 * removed; what ink is left, in mm², decides.
 *
 * Date. A complete date below the label ("2026年6月16日", "2026-06-16", "二〇二六年六月十六日")
 * is taken from a text layer as is. Otherwise the date line (from the page's lines, or found
 * as a row of ink under the label and read) is read again by the engine, enlarged, as it is
 * and cleaned of seal ink: the whole line in Chinese (digits and 年月日 whitelisted, and
 * unrestricted), then each number alone between the printed 年, 月 and 日 (located on the
 * ink), in Latin digits and in Chinese digits; and, when the engine has a second one (the
 * 'auto' policy's PP-OCR), the line by that engine too. Printed digits are accepted when two
 * reader families agree and more agree on them than on anything else (and a second engine
 * does not disagree). Handwritten digits (as tall as the printed characters, unlike printed
 * ones) are accepted only when no reading disagrees and two different models (tesseract's
 * Chinese and Latin ones, the second engine) saw them: the models repeat one another's
 * misreadings of handwriting, with high confidence. The date must be a real day, and, when
 * the application date is known, not after it nor more than a year before it. A wrong date
 * is worse than none: what is not confirmed is null, and then `dateFilled` tells whether ink
 * was written between the printed 年 月 日 (a warning to check it by eye, not "missing").
 */
import type { OcrEngine } from '../reading/ocr/engine.js';
import { unionBox } from '../reading/lines.js';
import { calendarDate, isCalendarDate } from '../domain/dates.js';
import { hasSecondOpinion } from '../reading/ocr/policy.js';
import { upscaleTo } from '../reading/ocr/preprocess.js';
import { findPaper } from '../reading/paper.js';
import { toHalfWidthAscii } from '../reading/normalize.js';
import type { Box, RasterImage, ReadPage, TextLine } from '../reading/types.js';
import { finding, type Finding, type PageRegion } from './types.js';

export interface PledgeSigning {
  signature: {
    present: boolean;
    /** 0..1: how sure the verdict `present` is (low when the signing area was not found). */
    confidence: number;
    /** The area that was searched (or, when present, where the ink is). */
    region: PageRegion | null;
  };
  /** YYYY-MM-DD, only when read with confidence. */
  signedDate: string | null;
  dateRegion: PageRegion | null;
  /** Something is written on the date line, even if it could not be read. */
  dateFilled: boolean;
}

// ---- Tunables (lengths in mm) -----------------------------------------------------------

/** How far below the label the signature may reach. */
const SIGN_ROOM_BELOW_MM = 35;
/** Total pen ink (mm²) that makes a signature. A two-character signature has 15–60 mm². */
const SIGNATURE_MIN_INK_MM2 = 5;
/** …and the inked strokes must span at least this much (mm), one way or the other. */
const SIGNATURE_MIN_SPAN_MM = 4;
/** Pieces of ink smaller than this (longest side, mm) are specks: dust, JPEG noise. */
const SPECK_MM = 0.7;
/** Ink along the searched area's edge for longer than this (mm) is not a signature's. */
const EDGE_MM = 10;
/** Straight runs longer than this (mm) are rules (underlines, borders), not pen strokes. */
const RULE_MM = 12;
/** Ink on the date line besides the printed 年 月 日 that means "filled" (mm²). */
const DATE_MIN_INK_MM2 = 1.2;
/** Plausible signing years. */
const YEAR_MIN = 2020;
const YEAR_MAX = 2035;
/**
 * Hysteresis thresholds, as shares of the printed text's darkness: [loose, strict] on colour
 * pages (red seal ink is already gone from the plane) and on grey pages (where a seal is a
 * lighter grey than pen ink and print).
 */
const INK_COLOUR = [0.36, 0.6] as const;
const INK_GREY = [0.45, 0.74] as const;
/** Stricter on the date line of a grey copy, where the seal usually is. */
const DATE_INK_GREY = [0.5, 0.82] as const;

/**
 * Below this confidence a number read alone (not twice) does not confirm a handwritten date.
 * Tesseract's confidence does not tell a misread handwritten digit from a good one (a
 * handwritten 8 read as 3 with 0.96), so it only keeps the least sure readings out.
 */
const ONCE_MIN_CONFIDENCE = 0.6;

/** Cleaned crops are enlarged to this glyph height (pixels) for a second reading. */
const OCR_GLYPH_PX = 48;

const DIGITS = '0123456789';

// ---- Text --------------------------------------------------------------------------------

interface CharBox {
  ch: string;
  box: Box;
  confidence: number;
  /** The word's height (a character's own box is not known more finely). */
  wordHeight: number;
}

const HAN = /\p{Script=Han}/u;
const isWide = (ch: string) => HAN.test(ch) || /[\u3000-\u303f\uff00-\uffef]/u.test(ch);

/**
 * The characters of a line with an estimated box each: a word's box is shared out over its
 * characters in proportion to their widths (Han and full-width characters 1, others 0.55).
 * Whitespace is dropped; text is made half-width (`：` → `:`) for matching.
 */
function lineChars(line: TextLine): CharBox[] {
  const words = line.words.length > 0 ? line.words : [{ text: line.text, box: line.box, confidence: line.confidence }];
  const out: CharBox[] = [];
  for (const word of words) {
    const raw = [...word.text];
    const weights = raw.map((ch) => (/\s/u.test(ch) ? (ch === '\u3000' ? 1 : 0.3) : isWide(ch) ? 1 : 0.55));
    const total = weights.reduce((a, b) => a + b, 0) || 1;
    let x = word.box.x;
    raw.forEach((ch, i) => {
      const width = (word.box.width * weights[i]!) / total;
      if (!/\s/u.test(ch)) {
        out.push({ ch: toHalfWidthAscii(ch), box: { x, y: word.box.y, width, height: word.box.height }, confidence: word.confidence, wordHeight: word.box.height });
      }
      x += width;
    });
  }
  return out;
}

const joinChars = (chars: CharBox[]) => chars.map((c) => c.ch).join('');


function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** The signature label: 签字 / 签名 (OCR: 签子, 签宇, 笠字, 签 字 …). */
export const SIGN_LABEL = /[签笠筌箜等][字子宇学名]/u;
/** Who signs: raises a match's score. */
export const SIGNER = /代表人|负责人|法人|代表|授权/u;
/** The seal label on the signature's row. */
export const SEAL_LABEL = /(单位)?(公章|盖章|印章)|单位(公|盖)/u;

interface Label {
  page: ReadPage;
  line: TextLine;
  /** The label's glyphs (up to its colon), page pixels. */
  box: Box;
  /** Right edge of the label (its colon included). */
  endX: number;
  /** Left edge of a seal label on the same row, to the right of the signature label. */
  sealX: number | null;
  /** Glyph height of the label. */
  em: number;
  /** What follows the label on its line (a typed name, the seal label, OCR's reading of a signature). */
  after: CharBox[];
}

function findLabel(pages: ReadPage[], extraLines: Map<ReadPage, TextLine[]> = new Map()): Label | null {
  let best: { label: Label; score: number } | null = null;
  pages.forEach((page, pageIndex) => {
    const lines = [...page.lines, ...(extraLines.get(page) ?? [])];
    for (const line of lines) {
      const chars = lineChars(line);
      const text = joinChars(chars);
      const match = SIGN_LABEL.exec(text);
      if (!match) continue;
      // Body text mentions signing too ("由法定代表人签署"): the label is short or ends in a colon.
      const start = match.index;
      let end = start + 2;
      const after = text.slice(end, end + 1);
      const colon = /^[:;：；]/u.test(after);
      if (colon) end++;
      let score = 1;
      const signer = SIGNER.test(text.slice(Math.max(0, start - 14), start));
      if (signer) score += 2;
      // 等 for 签 is a common misreading, and a common word: only after 代表人 / 负责人.
      else if (match[0]!.startsWith('等')) continue;
      if (colon) score += 1;
      if (/^[(（]/u.test(after) || end >= text.length) score += 0.5;
      if (text.length > 30 && !colon) score -= 2;
      // The signing area is at the end of the pledge.
      score += (line.box.y / page.height) * 0.5 + pageIndex * 0.01;
      if (score < 1.5) continue;
      // The label's glyphs: from the start of the line (or of the "法定代表人" words) to the colon.
      const first = Math.max(0, text.slice(0, start).search(/[^\s]{0,14}$/u));
      const labelChars = chars.slice(first, end);
      const box = unionBox(labelChars.map((c) => c.box));
      const em = median(labelChars.filter((c) => isWide(c.ch)).map((c) => Math.min(c.wordHeight, c.box.height * 3))) || line.box.height;
      // A seal label on the same line, after the signature label.
      const rest = text.slice(end);
      const seal = SEAL_LABEL.exec(rest);
      let sealX: number | null = seal ? chars[end + seal.index]!.box.x : null;
      if (sealX === null) {
        // …or on its own line on the same row.
        for (const other of lines) {
          if (other === line) continue;
          const overlap = Math.min(other.box.y + other.box.height, line.box.y + line.box.height) - Math.max(other.box.y, line.box.y);
          if (overlap < Math.min(other.box.height, line.box.height) * 0.4) continue;
          if (other.box.x < box.x + box.width) continue;
          if (SEAL_LABEL.test(joinChars(lineChars(other)))) sealX = Math.min(sealX ?? Infinity, other.box.x);
        }
      }
      const label: Label = { page, line, box, endX: box.x + box.width, sealX, em: Math.max(4, em), after: chars.slice(end) };
      if (!best || score > best.score + 1e-9) best = { label, score };
    }
  });
  return (best as { label: Label; score: number } | null)?.label ?? null;
}

// ---- Dates -------------------------------------------------------------------------------

// The zero is written 〇, often typed as ○ or ◯ (circles), and read by OCR as O or 0.
const CN_DIGITS: Record<string, number> = { 〇: 0, '○': 0, '◯': 0, 零: 0, O: 0, o: 0, '0': 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 二〇二六 → 2026 (digit by digit); 十六 → 16, 二十 → 20, 三十一 → 31. */
function chineseNumber(text: string, positional: boolean): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  if (positional) {
    let n = 0;
    for (const ch of text) {
      const d = CN_DIGITS[ch];
      if (d === undefined) return null;
      n = n * 10 + d;
    }
    return text.length > 0 ? n : null;
  }
  const m = /^([一二三])?(十)?([一二三四五六七八九])?$/u.exec(text);
  if (!m || text.length === 0) return null;
  const tens = m[2] ? (m[1] ? CN_DIGITS[m[1]]! : 1) : 0;
  if (!m[2] && m[1] && m[3]) return null;
  const units = m[3] ? CN_DIGITS[m[3]]! : !m[2] && m[1] ? CN_DIGITS[m[1]]! : 0;
  return tens * 10 + units;
}

function isoDate(year: number, month: number, day: number): string | null {
  return year >= YEAR_MIN && year <= YEAR_MAX ? calendarDate(year, month, day) : null;
}

/** A complete date in `text`, or null. Several dates: the last one. */
export function parseSignedDate(raw: string): string | null {
  const text = toHalfWidthAscii(raw).replace(/\s+/g, '');
  let found: string | null = null;
  // 日 is required: a reading that lost it may have lost the day's second digit too.
  for (const m of text.matchAll(/(\d{4})年(\d{1,2})月(\d{1,2})日/gu)) found = isoDate(Number(m[1]), Number(m[2]), Number(m[3])) ?? found;
  if (found) return found;
  for (const m of text.matchAll(/(?<!\d)(20\d{2})[./-](\d{1,2})[./-](\d{1,2})(?!\d)/gu)) found = isoDate(Number(m[1]), Number(m[2]), Number(m[3])) ?? found;
  if (found) return found;
  for (const m of text.matchAll(/([〇○◯零Oo0一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日/gu)) {
    const y = chineseNumber(m[1]!, true);
    const mo = chineseNumber(m[2]!, false);
    const d = chineseNumber(m[3]!, false);
    if (y !== null && mo !== null && d !== null) found = isoDate(y, mo, d) ?? found;
  }
  return found;
}

/**
 * A line that is a date line: a complete date ('typed'), or a short line with the printed
 * 年 月 日 (blank, or filled in by hand and read badly: "2026年?人", "06年6 月，").
 */
function dateLineKind(line: TextLine): 'typed' | 'blank' | null {
  const text = toHalfWidthAscii(line.text).replace(/\s+/g, '');
  // Body text mentions years and months too; the date line is short.
  const stripped = text.replace(/^(签署|签订|落款)?日期[:：]?/u, '');
  if (parseSignedDate(text)) return stripped.length <= 24 ? 'typed' : null;
  if (stripped.length > 16) return null;
  const marks = ['年', '月', '日'].filter((ch) => stripped.includes(ch)).length;
  if (marks >= 2 && /年.*月|月.*日|年.*日/u.test(stripped)) return 'blank';
  if (marks >= 1 && /\d/.test(stripped) && /\d[^\d]{0,2}[年月]|[年月][^\d]{0,2}\d/u.test(stripped)) return 'blank';
  return null;
}

/** The numbers of a date as read, each null when missing or implausible. */
interface DateParts {
  year: number | null;
  month: number | null;
  day: number | null;
}

/** Lenient: the numbers before 年, between 年 and 月, between 月 and 日, whatever else was read. */
function dateParts(raw: string): DateParts {
  const text = toHalfWidthAscii(raw).replace(/\s+/g, '');
  const full = parseSignedDate(text);
  if (full) {
    const [y, m, d] = full.split('-').map(Number) as [number, number, number];
    return { year: y, month: m, day: d };
  }
  const number = (re: RegExp, min: number, max: number) => {
    const m = re.exec(text);
    const v = m ? Number(m[1]) : NaN;
    return v >= min && v <= max ? v : null;
  };
  return {
    year: number(/(\d{4})年/u, YEAR_MIN, YEAR_MAX),
    month: number(/年(\d{1,2})月/u, 1, 12),
    day: number(/月(\d{1,2})日/u, 1, 31),
  };
}

/** One reading of the date's numbers, by a reader of some family (see readDateLine). */
interface DateVote {
  family: string;
  parts: DateParts;
  /** Read with a low confidence: it can contradict the other readings, not confirm them. */
  weak?: boolean;
}

/**
 * The recogniser behind a family: readings by one model repeat its misreadings, so they
 * confirm one another less than readings by different models. The page's OCR counts as
 * tesseract's Chinese model (the engine that read the page is not known here).
 */
function modelOf(family: string): string {
  if (family === 'text-layer' || family === 'second-engine') return family;
  return family.startsWith('digits-latin') ? 'latin' : 'chinese';
}

/**
 * One number of the date (year, month or day) from its readings, or null when it is not
 * certain. A text layer is exact. Read from pixels:
 * - printed digits: each family votes for what most of its readings saw (abstaining on a
 *   tie); the number needs two families that agree and more than agree on anything else
 *   (tesseract reads print well: a lone misreading, usually the page's, is outvoted) — and a
 *   second engine, where there is one, must not have read another number;
 * - handwritten digits: every reading that saw a plausible number must have seen the same
 *   one (a number read twice side by side gives two readings), and confident readings by two
 *   different models must have seen it. Misreadings of handwriting are correlated
 *   (tesseract's Latin and Chinese models both read a handwritten 8 as 3, with confidence
 *   0.96, while the page's OCR saw 8): any disagreement means the number is not known, and
 *   OCR confidence does not tell which reading is right.
 */
export function settleDateNumber(votes: readonly DateVote[], key: keyof DateParts, printedDigits: boolean): number | null {
  const seen = votes.filter((v) => v.parts[key] !== null);
  const exact = seen.find((v) => v.family === 'text-layer');
  if (exact) return exact.parts[key];
  if (!printedDigits) {
    const values = new Set(seen.map((v) => v.parts[key]!));
    if (values.size !== 1) return null;
    const models = new Set(seen.filter((v) => !v.weak).map((v) => modelOf(v.family)));
    return models.size >= 2 ? seen[0]!.parts[key] : null;
  }
  const byFamily = new Map<string, Map<number, number>>();
  for (const v of seen) {
    const counts = byFamily.get(v.family) ?? new Map<number, number>();
    counts.set(v.parts[key]!, (counts.get(v.parts[key]!) ?? 0) + 1);
    byFamily.set(v.family, counts);
  }
  const tally = new Map<number, number>();
  for (const counts of byFamily.values()) {
    const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1]);
    if (ranked.length > 1 && ranked[1]![1] === ranked[0]![1]) continue;
    tally.set(ranked[0]![0], (tally.get(ranked[0]![0]) ?? 0) + 1);
  }
  const ranked = [...tally.entries()].sort((a, b) => b[1] - a[1]);
  const top = ranked[0];
  if (!top || top[1] < 2 || (ranked.length > 1 && ranked[1]![1] >= top[1])) return null;
  const other = byFamily.get('second-engine');
  return other && [...other.keys()].some((v) => v !== top[0]) ? null : top[0];
}

/** When a pledge can have been signed: from `from` to `to` (YYYY-MM-DD), either open. */
export interface DateWindow {
  from?: string;
  to?: string;
}

/** The date if it lies within the window (a date outside it was misread, or is wrong). */
function plausibleDate(date: string | null, window: DateWindow): string | null {
  if (!date) return null;
  if (window.from && date < window.from) return null;
  if (window.to && date > window.to) return null;
  return date;
}

// ---- Pixels ------------------------------------------------------------------------------

/**
 * A region's darkness against the local paper, 0..255, in the plane where pen and print are
 * dark and red seal ink is not (see the top of the file).
 */
interface Darkness {
  x0: number;
  y0: number;
  width: number;
  height: number;
  data: Uint8Array;
}

function clampBox(box: Box, width: number, height: number): Box | null {
  const x0 = Math.max(0, Math.floor(box.x));
  const y0 = Math.max(0, Math.floor(box.y));
  const x1 = Math.min(width, Math.ceil(box.x + box.width));
  const y1 = Math.min(height, Math.ceil(box.y + box.height));
  return x1 - x0 >= 2 && y1 - y0 >= 2 ? { x: x0, y: y0, width: x1 - x0, height: y1 - y0 } : null;
}

function darkness(image: RasterImage, region: Box, blockPx: number): Darkness | null {
  const box = clampBox(region, image.width, image.height);
  if (!box) return null;
  const { x: x0, y: y0, width, height } = box;
  const { channels, data } = image;
  const plane = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    let i = ((y0 + y) * image.width + x0) * channels;
    for (let x = 0; x < width; x++, i += channels) {
      if (channels < 3) {
        plane[y * width + x] = data[i]!;
        continue;
      }
      // Dark pixels by their luminance (print and pen, also under a seal, where JPEG's
      // coarse colour tints black red); lighter ones by the red channel, in which red seal
      // ink is as bright as paper, brighter still where reddish (thin seal strokes whose
      // colour JPEG has averaged away are dark in red alone, but still redder than grey).
      const r = data[i]!;
      const g = data[i + 1]!;
      const b = data[i + 2]!;
      const luma = 0.299 * r + 0.587 * g + 0.114 * b;
      const excess = r - (g + b) / 2;
      const red = excess > 0 ? r + (1.5 * excess * r * r) / 65025 : r;
      const t = luma <= 45 ? 0 : luma >= 85 ? 1 : (luma - 45) / 40;
      const v = luma * (1 - t) + red * t;
      plane[y * width + x] = v >= 255 ? 255 : v;
    }
  }
  // Paper level per block: a high percentile (ink covers far less than a fifth of a block).
  const block = Math.max(8, Math.round(blockPx));
  const bw = Math.ceil(width / block);
  const bh = Math.ceil(height / block);
  const paper = new Float32Array(bw * bh);
  const histogram = new Uint32Array(256);
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      histogram.fill(0);
      let n = 0;
      for (let y = by * block; y < Math.min(height, (by + 1) * block); y++) {
        for (let x = bx * block; x < Math.min(width, (bx + 1) * block); x++) {
          histogram[plane[y * width + x]!]!++;
          n++;
        }
      }
      let seen = 0;
      let v = 255;
      const cut = n * 0.25;
      while (v > 0 && seen + histogram[v]! <= cut) seen += histogram[v--]!;
      paper[by * bw + bx] = v;
    }
  }
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const gy = Math.min(bh - 1, Math.max(0, (y + 0.5) / block - 0.5));
    const y0b = Math.floor(gy);
    const y1b = Math.min(bh - 1, y0b + 1);
    const fy = gy - y0b;
    for (let x = 0; x < width; x++) {
      const gx = Math.min(bw - 1, Math.max(0, (x + 0.5) / block - 0.5));
      const x0b = Math.floor(gx);
      const x1b = Math.min(bw - 1, x0b + 1);
      const fx = gx - x0b;
      const p =
        (paper[y0b * bw + x0b]! * (1 - fx) + paper[y0b * bw + x1b]! * fx) * (1 - fy) +
        (paper[y1b * bw + x0b]! * (1 - fx) + paper[y1b * bw + x1b]! * fx) * fy;
      // Relative to the paper: a dim photo's ink is as "dark" as a bright scan's.
      const d = p > 40 ? ((p - plane[y * width + x]!) * 255) / p : 0;
      out[y * width + x] = d <= 0 ? 0 : d >= 255 ? 255 : Math.round(d);
    }
  }
  return { x0, y0, width, height, data: out };
}

/** The darkness of printed glyph cores in `box` (a high percentile), or null if there is no ink. */
function printDarkness(d: Darkness, box: Box): number | null {
  const b = clampBox({ x: box.x - d.x0, y: box.y - d.y0, width: box.width, height: box.height }, d.width, d.height);
  if (!b) return null;
  const values: number[] = [];
  for (let y = b.y; y < b.y + b.height; y++) for (let x = b.x; x < b.x + b.width; x++) values.push(d.data[y * d.width + x]!);
  values.sort((a, b2) => a - b2);
  const v = values[Math.floor(values.length * 0.97)] ?? 0;
  return v >= 60 ? v : null;
}

interface Component {
  area: number;
  strict: number;
  /** Pixels on the edge of the region looked at. */
  border: number;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

interface Ink {
  /** Pieces of ink kept (boxes in page pixels). */
  components: Component[];
  /** Per pixel of the darkness region: index into `components`, or -1. */
  owner: Int32Array;
}

/**
 * Ink as components: pixels darker than a loose threshold, 8-connected, kept when enough of
 * each piece is darker than a strict one (pen strokes and print are dark through their
 * core; a seal copied in grey only at its darkest specks). `erase` boxes (page pixels) are
 * blanked first; straight runs longer than `rulePx` are removed as printed rules.
 */
function findInk(d: Darkness, ref: number, colour: boolean, erase: Box[], rulePx: number, thresholds?: readonly [number, number]): Ink {
  const { width, height } = d;
  const [lo, hi] = thresholds ?? (colour ? INK_COLOUR : INK_GREY);
  const loose = Math.max(30, ref * lo);
  const strict = Math.max(55, ref * hi);
  const mask = new Uint8Array(width * height);
  for (let i = 0; i < mask.length; i++) mask[i] = d.data[i]! >= loose ? 1 : 0;
  for (const e of erase) {
    const b = clampBox({ x: e.x - d.x0, y: e.y - d.y0, width: e.width, height: e.height }, width, height);
    if (!b) continue;
    for (let y = b.y; y < b.y + b.height; y++) mask.fill(0, y * width + b.x, y * width + b.x + b.width);
  }
  // Rules: long horizontal and vertical runs.
  const rule = Math.max(20, Math.round(rulePx));
  const cut: number[] = [];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; ) {
      if (!mask[y * width + x]) {
        x++;
        continue;
      }
      let e = x;
      while (e < width && mask[y * width + e]) e++;
      if (e - x >= rule) for (let k = x; k < e; k++) cut.push(y * width + k);
      x = e;
    }
  }
  for (let x = 0; x < width; x++) {
    for (let y = 0; y < height; ) {
      if (!mask[y * width + x]) {
        y++;
        continue;
      }
      let e = y;
      while (e < height && mask[e * width + x]) e++;
      if (e - y >= rule) for (let k = y; k < e; k++) cut.push(k * width + x);
      y = e;
    }
  }
  for (const i of cut) mask[i] = 0;

  // Union-find labelling.
  const parent = new Int32Array(width * height).fill(-1);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const join = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (!mask[i]) continue;
      parent[i] = i;
      if (x > 0 && mask[i - 1]) join(i, i - 1);
      if (y > 0) {
        if (mask[i - width]) join(i, i - width);
        if (x > 0 && mask[i - width - 1]) join(i, i - width - 1);
        if (x < width - 1 && mask[i - width + 1]) join(i, i - width + 1);
      }
    }
  }
  const byRoot = new Map<number, Component>();
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (!mask[i]) continue;
      const r = find(i);
      let c = byRoot.get(r);
      if (!c) {
        c = { area: 0, strict: 0, border: 0, x0: x, y0: y, x1: x, y1: y };
        byRoot.set(r, c);
      }
      const v = d.data[i]!;
      c.area++;
      if (v >= strict) c.strict++;
      if (x === 0 || y === 0 || x === width - 1 || y === height - 1) c.border++;
      if (x < c.x0) c.x0 = x;
      if (x > c.x1) c.x1 = x;
      if (y < c.y0) c.y0 = y;
      if (y > c.y1) c.y1 = y;
    }
  }
  const components: Component[] = [];
  const index = new Map<number, number>();
  for (const [root, c] of byRoot) {
    if (c.strict < 2 || c.strict < c.area * 0.12) continue;
    index.set(root, components.length);
    components.push({ area: c.area, strict: c.strict, border: c.border, x0: c.x0 + d.x0, y0: c.y0 + d.y0, x1: c.x1 + d.x0, y1: c.y1 + d.y0 });
  }
  const owner = new Int32Array(width * height).fill(-1);
  for (let i = 0; i < owner.length; i++) if (mask[i]) owner[i] = index.get(find(i)) ?? -1;
  return { components, owner };
}

const componentBox = (c: Component): Box => ({ x: c.x0, y: c.y0, width: c.x1 - c.x0 + 1, height: c.y1 - c.y0 + 1 });

/**
 * A grey image of the kept ink only (seal, specks and paper white) with its own shading,
 * for a second OCR reading. `keep` picks components (all by default).
 */
function cleanedImage(d: Darkness, ref: number, colour: boolean, ink: Ink, keep: (c: Component) => boolean = () => true): RasterImage {
  const { width, height } = d;
  const kept = ink.components.map(keep);
  // The kept strokes and a pixel around them, so that their edges stay smooth.
  const near = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = ink.owner[y * width + x]!;
      if (o < 0 || !kept[o]) continue;
      for (let dy = -1; dy <= 1; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          if (xx >= 0 && xx < width) near[yy * width + xx] = 1;
        }
      }
    }
  }
  // Faint fringes go: what JPEG's coarse colour leaves of a red seal. On grey pages a seal
  // touching print is part of its stroke: only what is nearly as dark as print stays.
  const lo = ref * (colour ? 0.15 : 0.6);
  const hi = ref * (colour ? 0.9 : 0.88);
  const data = new Uint8Array(width * height).fill(255);
  for (let i = 0; i < data.length; i++) {
    if (!near[i]) continue;
    const t = (d.data[i]! - lo) / Math.max(1, hi - lo);
    data[i] = t <= 0 ? 255 : t >= 1 ? 0 : Math.round(255 * (1 - t));
  }
  return { width, height, channels: 1, data };
}

/** Adds a white margin (tesseract reads glyphs touching the border badly). */
function withMargin(image: RasterImage, margin: number): RasterImage {
  const width = image.width + 2 * margin;
  const height = image.height + 2 * margin;
  const data = new Uint8Array(width * height).fill(255);
  for (let y = 0; y < image.height; y++) data.set(image.data.subarray(y * image.width, (y + 1) * image.width), (y + margin) * width + margin);
  return { width, height, channels: 1, data };
}

// ---- The check ---------------------------------------------------------------------------

interface PageContext {
  page: ReadPage;
  pixels: RasterImage;
  /** Pixels per mm (of the paper, in a photo). */
  pxPerMm: number;
  /** The sheet in a photo (null for scans and renders). */
  paper: Box | null;
  /**
   * On colour pages red seal ink disappears from the plane looked at; on grey pages a seal
   * is a mid grey, and only ink nearly as dark as print counts.
   */
  colour: boolean;
}

/** Whether a page has colour: enough clearly chromatic pixels (seals, blue ink, a photo's cast). */
function isColour(image: RasterImage): boolean {
  if (image.channels < 3) return false;
  const step = Math.max(1, Math.floor(Math.sqrt((image.width * image.height) / 400_000)));
  let chromatic = 0;
  let total = 0;
  for (let y = 0; y < image.height; y += step) {
    for (let x = 0; x < image.width; x += step) {
      const i = (y * image.width + x) * image.channels;
      const r = image.data[i]!;
      const g = image.data[i + 1]!;
      const b = image.data[i + 2]!;
      if (Math.max(r, g, b) - Math.min(r, g, b) > 48) chromatic++;
      total++;
    }
  }
  return chromatic / Math.max(1, total) > 0.0005;
}

async function pageContext(page: ReadPage): Promise<PageContext> {
  const pixels = await page.pixels();
  let dpi = page.dpi;
  const paper = page.source === 'ocr' ? findPaper(pixels) : null;
  // A photo's resolution is that of the sheet in it.
  if (paper) dpi = Math.max(paper.width, paper.height) / 11.69;
  return { page, pixels, pxPerMm: dpi / 25.4, paper, colour: isColour(pixels) };
}

/**
 * Whether OCR'd text is print (rather than a signature read as characters): confident Han
 * characters of the label's size. A slanted line's box is tall: its words' heights count.
 */
function looksPrinted(line: { text: string; confidence: number; box: Box; words?: { box: Box }[] }, source: ReadPage['source'], em: number, strict = false): boolean {
  if (source === 'text-layer') return true;
  const han = [...line.text].filter((ch) => HAN.test(ch)).length;
  const h = (line.words && line.words.length > 0 ? median(line.words.map((w) => w.box.height)) : line.box.height) / em;
  return han >= 1 && line.confidence >= (strict ? 0.9 : 0.85) && h >= 0.6 && h <= (strict ? 1.25 : 1.4);
}

export interface PledgeSigningOptions {
  /**
   * The application date (YYYY-MM-DD), when known: a date read from pixels is believed only
   * from SIGNING_WINDOW_DAYS before it up to it. A pledge is signed for the application,
   * so a date after it or long before it is a misreading (a 3 for an 8, 2025 for 2026) —
   * or a wrong date, which a person should look at either way.
   */
  applicationDate?: string;
}

/** How long before the application a pledge can have been signed (days). */
const SIGNING_WINDOW_DAYS = 366;

function signingWindow(options: PledgeSigningOptions): DateWindow {
  const to = options.applicationDate && isCalendarDate(options.applicationDate) ? options.applicationDate : undefined;
  if (!to) return {};
  const from = new Date(Date.parse(`${to}T00:00:00Z`) - SIGNING_WINDOW_DAYS * 86_400_000).toISOString().slice(0, 10);
  return { from, to };
}

/**
 * Checks the signing area of a pledge: the legal representative's signature by the 签字
 * label and the date on the 年 月 日 line. `engine` re-reads small regions (the date line,
 * a signing area the page's OCR missed); without it, only text the pages already carry is
 * used for dates (a date read by OCR is then not confirmed, and reported as unreadable).
 */
export async function checkPledgeSigning(pages: ReadPage[], engine?: OcrEngine, options: PledgeSigningOptions = {}): Promise<PledgeSigning> {
  const result: PledgeSigning = { signature: { present: false, confidence: 0, region: null }, signedDate: null, dateRegion: null, dateFilled: false };
  if (pages.length === 0) return result;
  const contexts = new Map<ReadPage, Promise<PageContext>>();
  const contextOf = (page: ReadPage) => {
    let ctx = contexts.get(page);
    if (!ctx) contexts.set(page, (ctx = pageContext(page)));
    return ctx;
  };

  let label = findLabel(pages);
  const extra = new Map<ReadPage, TextLine[]>();
  if (!label && engine) {
    // OCR sometimes drops the last block of a page: read the lower part of the last page again.
    const page = pages[pages.length - 1]!;
    const ctx = await contextOf(page);
    const lines = await readZone(ctx, { x: 0, y: page.height * 0.45, width: page.width, height: page.height * 0.55 }, engine);
    extra.set(page, lines);
    label = findLabel([page], extra);
    if (!label) {
      // Layout analysis may skip a slanted line in a photo: once more, the pixels as they are.
      const again = await readZone(ctx, { x: 0, y: page.height * 0.45, width: page.width, height: page.height * 0.55 }, engine, true);
      extra.set(page, [...lines, ...again]);
      label = findLabel([page], extra);
    }
  }

  const signPage = label?.page ?? pages[pages.length - 1]!;
  const ctx = await contextOf(signPage);
  const lines = [...signPage.lines, ...(extra.get(signPage) ?? [])];
  if (label) result.signature = await measureSignature(ctx, label, lines);
  const date = await readDate(ctx, label, lines, signingWindow(options), engine);
  result.signedDate = date.date;
  result.dateRegion = date.region;
  result.dateFilled = date.filled;
  return result;
}

/** Page-mode OCR of a cleaned region; lines come back in page pixels. */
async function readZone(ctx: PageContext, area: Box, engine: OcrEngine, raw = false): Promise<TextLine[]> {
  const zone = ctx.paper ? intersect(area, grow(ctx.paper, -3 * ctx.pxPerMm)) : area;
  const d = zone && darkness(ctx.pixels, zone, ctx.pxPerMm * 6);
  if (!d) return [];
  // Without a label to measure print on, take the ink there is: mostly print.
  const ref = inkPercentile(d.data, 0.8);
  if (ref < 60) return [];
  const image = raw ? shaded(d, ref) : cleanedImage(d, ref, ctx.colour, findInk(d, ref, ctx.colour, [], RULE_MM * ctx.pxPerMm), (c) => Math.max(c.x1 - c.x0, c.y1 - c.y0) + 1 >= SPECK_MM * ctx.pxPerMm);
  const ratio = Math.max(1, 8.5 / ctx.pxPerMm);
  const big = await upscaleTo(image, ratio);
  const scale = image.width / big.width;
  try {
    const read = await engine.recognize({ image: big, mode: 'page', script: 'chinese' });
    const map = (b: Box): Box => ({ x: b.x * scale + d.x0, y: b.y * scale + d.y0, width: b.width * scale, height: b.height * scale });
    return read.lines.map((l) => ({ ...l, box: map(l.box), words: l.words.map((w) => ({ ...w, box: map(w.box) })) }));
  } catch {
    return [];
  }
}

/** A percentile of the darkness of inked pixels (darkness ≥ 40). */
function inkPercentile(data: Uint8Array, p: number): number {
  const histogram = new Uint32Array(256);
  let n = 0;
  for (let i = 0; i < data.length; i++) {
    if (data[i]! >= 40) {
      histogram[data[i]!]!++;
      n++;
    }
  }
  if (n < 20) return 0;
  const cut = n * p;
  let seen = 0;
  for (let v = 40; v < 256; v++) {
    seen += histogram[v]!;
    if (seen >= cut) return v;
  }
  return 255;
}

function intersect(a: Box, b: Box): Box | null {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  const right = Math.min(a.x + a.width, b.x + b.width);
  const bottom = Math.min(a.y + a.height, b.y + b.height);
  return right > x && bottom > y ? { x, y, width: right - x, height: bottom - y } : null;
}

async function measureSignature(ctx: PageContext, label: Label, lines: TextLine[]): Promise<PledgeSigning['signature']> {
  const { page, pxPerMm } = ctx;
  const em = label.em;
  const rightBound = label.sealX !== null ? label.sealX - 1 * pxPerMm : label.endX + 10 * pxPerMm < page.width / 2 ? page.width / 2 : page.width - 8 * pxPerMm;
  // Within the sheet (a photo shows the desk around it).
  const sheet = ctx.paper ? grow(ctx.paper, -4 * pxPerMm) : { x: 0, y: 0, width: page.width, height: page.height };
  const right = Math.min(sheet.x + sheet.width, rightBound);
  const top = label.box.y - 0.8 * em;
  let bottom = Math.min(sheet.y + sheet.height, page.height - 3 * pxPerMm, label.box.y + label.box.height + SIGN_ROOM_BELOW_MM * pxPerMm);
  const left = Math.max(sheet.x, label.box.x - 0.5 * em);
  // The label's characters (with room for a slanted line in a photo).
  const erase: Box[] = [{ x: label.box.x - 0.15 * em, y: label.box.y - 0.45 * em, width: label.box.width + 0.3 * em, height: label.box.height + 0.9 * em }];
  for (const line of lines) {
    if (line === label.line) {
      // Printed text after the label on its line (a typed name is not a signature).
      for (const c of label.after) {
        const box = { ...c.box, height: c.wordHeight };
        if (looksPrinted({ text: c.ch, confidence: c.confidence, box }, page.source, em, true)) erase.push(grow(c.box, em * 0.1));
      }
      continue;
    }
    const b = line.box;
    if (b.x > right || b.x + b.width < left) continue;
    if (b.y + b.height < top || b.y > bottom) continue;
    // A line above the label is print whatever OCR made of it; below it, only what looks so.
    const above = b.y + b.height / 2 < label.box.y;
    if (!above && !looksPrinted(line, page.source, em)) continue;
    if (!above && b.y > label.box.y + label.box.height * 0.8) {
      // The next printed line under the label ends the signing room.
      bottom = Math.min(bottom, b.y - 0.2 * em);
    } else if (line.words.length > 0) {
      for (const w of line.words) erase.push(grow(w.box, em * 0.15));
    } else erase.push(grow(b, em * 0.1));
  }
  const region: PageRegion = { page: page.number, x: Math.round(left), y: Math.round(top), width: Math.round(right - left), height: Math.round(bottom - top) };
  if (region.width < 4 * pxPerMm || region.height < 2 * pxPerMm) return { present: false, confidence: 0.3, region };
  const d = darkness(ctx.pixels, region, pxPerMm * 6);
  if (!d) return { present: false, confidence: 0.3, region };
  const ref = printDarkness(d, label.box) ?? 180;
  // Not specks; and not what runs along the area's edge (a shadow, the sheet's edge, a
  // border): a signature crossing the edge touches it only briefly.
  const components = findInk(d, ref, ctx.colour, erase, RULE_MM * pxPerMm).components.filter(
    (c) => Math.max(c.x1 - c.x0 + 1, c.y1 - c.y0 + 1) >= SPECK_MM * pxPerMm && c.border <= EDGE_MM * pxPerMm,
  );
  const mm2 = pxPerMm * pxPerMm;
  const ink = components.reduce((n, c) => n + c.area, 0) / mm2;
  const span = components.length > 0 ? unionBox(components.map(componentBox)) : null;
  const spanMm = span ? Math.max(span.width, span.height) / pxPerMm : 0;
  const present = ink >= SIGNATURE_MIN_INK_MM2 && spanMm >= SIGNATURE_MIN_SPAN_MM;
  // How far from the threshold, on a log scale: 4× either way is certain.
  const margin = Math.abs(Math.log(Math.max(ink, 0.05) / SIGNATURE_MIN_INK_MM2)) / Math.log(4);
  const confidence = Math.round(Math.min(1, 0.5 + 0.5 * margin) * 100) / 100;
  return {
    present,
    confidence,
    region: present && span ? { page: page.number, x: Math.round(span.x), y: Math.round(span.y), width: Math.round(span.width), height: Math.round(span.height) } : region,
  };
}

/** How dark the label's printed glyphs are. */
function labelDarkness(ctx: PageContext, label: Label): number | null {
  const d = darkness(ctx.pixels, grow(label.box, label.em), ctx.pxPerMm * 6);
  return d && printDarkness(d, label.box);
}

function grow(b: Box, by: number): Box {
  return { x: b.x - by, y: b.y - by, width: b.width + 2 * by, height: b.height + 2 * by };
}

interface DateReading {
  date: string | null;
  region: PageRegion | null;
  filled: boolean;
}

type DateKind = 'typed' | 'blank';

async function readDate(ctx: PageContext, label: Label | null, lines: TextLine[], window: DateWindow, engine?: OcrEngine): Promise<DateReading> {
  const { page } = ctx;
  const fromY = label ? label.box.y - label.box.height * 0.5 : page.height * 0.4;
  const candidates: { line: TextLine; kind: DateKind }[] = [];
  for (const line of lines) {
    if (line.box.y < fromY) continue;
    const kind = dateLineKind(line);
    // The label's own line may carry the date ("签字： 日期：2026年6月16日"), not a blank one.
    if (kind && (line !== label?.line || kind === 'typed')) candidates.push({ line, kind });
  }
  const em = label?.em ?? median(lines.map((l) => l.box.height));
  if (candidates.length === 0 && engine && label) {
    // The date line may not have been read at all (a seal over it): look for rows of ink
    // under the label and read them one by one, lowest first.
    for await (const line of readInkRows(ctx, label, engine)) {
      const kind = dateLineKind(line);
      if (kind) {
        candidates.push({ line, kind });
        break;
      }
    }
  }
  if (candidates.length === 0) return { date: null, region: null, filled: false };
  // Typed dates first, then the lowest line.
  candidates.sort((a, b) => (a.kind === b.kind ? b.line.box.y - a.line.box.y : a.kind === 'typed' ? -1 : 1));
  const { line, kind } = candidates[0]!;
  const glyphEm = em > 0 ? em : line.box.height;
  if (kind === 'typed' && page.source === 'text-layer' && line.confidence >= 0.99) {
    const region: PageRegion = { page: page.number, x: Math.round(line.box.x), y: Math.round(line.box.y), width: Math.round(line.box.width), height: Math.round(line.box.height) };
    return { date: parseSignedDate(line.text), region, filled: true };
  }
  return readDateLine(ctx, line, kind, glyphEm, printHeight(ctx, label, glyphEm * 0.85), lines, window, engine);
}

/** Rows of ink under the label (the seal left out), read as lines, lowest first (at most four). */
async function* readInkRows(ctx: PageContext, label: Label, engine: OcrEngine): AsyncGenerator<TextLine> {
  const { page, pxPerMm } = ctx;
  const em = label.em;
  const top = label.box.y + label.box.height + 0.3 * em;
  let zone: Box | null = { x: 0, y: top, width: page.width, height: Math.min(page.height - top, 90 * pxPerMm) };
  if (ctx.paper) zone = intersect(zone, grow(ctx.paper, -3 * pxPerMm));
  const d = zone && darkness(ctx.pixels, zone, pxPerMm * 6);
  if (!d) return;
  const ref = printDarkness(d, label.box) ?? labelDarkness(ctx, label) ?? 180;
  const ink = findInk(d, ref, ctx.colour, [], RULE_MM * pxPerMm);
  const pieces = ink.components.filter((c) => {
    const h = c.y1 - c.y0 + 1;
    return Math.max(c.x1 - c.x0 + 1, h) >= SPECK_MM * pxPerMm && h <= 2.5 * em;
  });
  // Rows: pieces whose vertical extents overlap.
  pieces.sort((a, b) => a.y0 + a.y1 - (b.y0 + b.y1));
  const rows: { y0: number; y1: number; x0: number; x1: number; area: number }[] = [];
  for (const c of pieces) {
    const centre = (c.y0 + c.y1) / 2;
    const row = rows.find((r) => centre >= r.y0 - 0.2 * em && centre <= r.y1 + 0.2 * em);
    if (row) {
      row.y0 = Math.min(row.y0, c.y0);
      row.y1 = Math.max(row.y1, c.y1);
      row.x0 = Math.min(row.x0, c.x0);
      row.x1 = Math.max(row.x1, c.x1);
      row.area += c.area;
    } else rows.push({ y0: c.y0, y1: c.y1, x0: c.x0, x1: c.x1, area: c.area });
  }
  const usable = rows
    .filter((r) => r.y1 - r.y0 + 1 >= 0.5 * em && r.area >= 2 * pxPerMm * pxPerMm)
    .sort((a, b) => b.y0 - a.y0)
    .slice(0, 4);
  for (const r of usable) {
    const box = { x: r.x0 - 0.6 * em, y: r.y0 - 0.3 * em, width: r.x1 - r.x0 + 1.2 * em, height: r.y1 - r.y0 + 0.6 * em };
    const read = await readCleanLine(ctx, engine, box, ref, em, { script: 'chinese' });
    if (read) yield read;
  }
}

/**
 * Reads `box` as one line of text from an enlarged copy: cleaned (only the ink kept: seal
 * and specks removed) or `raw` (the plane as it is), optionally `twice` side by side. The
 * line comes back in page pixels; null if nothing was read.
 */
async function readCleanLine(
  ctx: PageContext,
  engine: OcrEngine,
  box: Box,
  ref: number,
  em: number,
  options: { script: 'chinese' | 'latin'; whitelist?: string; raw?: boolean; twice?: boolean; second?: boolean },
): Promise<TextLine | null> {
  const d = darkness(ctx.pixels, box, ctx.pxPerMm * 6);
  if (!d) return null;
  const ink = findInk(d, ref, ctx.colour, [], RULE_MM * ctx.pxPerMm);
  const keep = (c: Component) => Math.max(c.x1 - c.x0, c.y1 - c.y0) + 1 >= SPECK_MM * 0.6 * ctx.pxPerMm;
  if (!ink.components.some(keep)) return null;
  // Raw: the plane as it is (print reads best untouched); else only the ink kept.
  const single = options.raw ? shaded(d, ref) : cleanedImage(d, ref, ctx.colour, ink, keep);
  const image = options.twice ? sideBySide(single, Math.round(em * 0.8)) : single;
  const margin = Math.round(em * 0.5);
  const ratio = Math.max(1, OCR_GLYPH_PX / em);
  const prepared = await upscaleTo(withMargin(image, margin), ratio);
  const scale = (image.width + 2 * margin) / prepared.width;
  const back = (b: Box): Box => ({ x: b.x * scale - margin + d.x0, y: b.y * scale - margin + d.y0, width: b.width * scale, height: b.height * scale });
  try {
    const request = { image: prepared, mode: 'line' as const, script: options.script, ...(options.whitelist ? { whitelist: options.whitelist } : {}) };
    // `second`: the other engine's reading, where the engine has one (else nothing).
    const read = options.second ? (hasSecondOpinion(engine) ? await engine.secondOpinion(request) : null) : await engine.recognize(request);
    if (!read) return null;
    const lines = read.lines.filter((l) => l.text.trim().length > 0);
    if (lines.length === 0) return null;
    return {
      text: lines.map((l) => l.text).join(' '),
      box: back(unionBox(lines.map((l) => l.box))),
      confidence: read.confidence,
      words: lines.flatMap((l) => l.words.map((w) => ({ ...w, box: back(w.box) }))),
    };
  } catch {
    return null;
  }
}

/** The image twice, `gap` pixels apart (tesseract reads a lone digit badly in line mode). */
function sideBySide(image: RasterImage, gap: number): RasterImage {
  const width = image.width * 2 + gap;
  const data = new Uint8Array(width * image.height).fill(255);
  for (let y = 0; y < image.height; y++) {
    const row = image.data.subarray(y * image.width, (y + 1) * image.width);
    data.set(row, y * width);
    data.set(row, y * width + image.width + gap);
  }
  return { width, height: image.height, channels: 1, data };
}

/** The darkness as a grey image (print black on white), nothing removed. */
function shaded(d: Darkness, ref: number): RasterImage {
  const data = new Uint8Array(d.width * d.height);
  // The faintest stains (paper grain, a seal's remains) white.
  const floor = ref * 0.15;
  const full = Math.max(1, ref * 0.9 - floor);
  for (let i = 0; i < data.length; i++) {
    const t = (d.data[i]! - floor) / full;
    data[i] = t <= 0 ? 255 : t >= 1 ? 0 : Math.round(255 * (1 - t));
  }
  return { width: d.width, height: d.height, channels: 1, data };
}

/** Where each of the printed 年, 月 and 日 is, by any of the readings (null where none saw it). */
function dateGlyphs(readings: (TextLine | null)[]): [Box | null, Box | null, Box | null] {
  const found: [Box | null, Box | null, Box | null][] = [];
  for (const line of readings) {
    if (!line) continue;
    const chars = lineChars(line);
    const y = chars.findIndex((c) => c.ch === '年');
    const m = chars.findIndex((c, i) => i > y && c.ch === '月');
    const d = chars.findIndex((c, i) => i > Math.max(y, m) && c.ch === '日');
    found.push([y, m, d].map((index) => (index >= 0 ? chars[index]!.box : null)) as [Box | null, Box | null, Box | null]);
  }
  // A reading that saw all three (its boxes are consistent with one another), else a mix.
  const whole = found.find((f) => f.every((b) => b !== null));
  const glyphs: [Box | null, Box | null, Box | null] = whole ?? [0, 1, 2].map((k) => found.find((f) => f[k])?.[k] ?? null) as [Box | null, Box | null, Box | null];
  // In reading order, or not at all.
  const xs = glyphs.map((b) => (b ? b.x + b.width / 2 : null));
  for (let i = 0; i < 3; i++) for (let j = i + 1; j < 3; j++) if (xs[i] !== null && xs[j] !== null && xs[i]! >= xs[j]!) return [null, null, null];
  return glyphs;
}

async function readDateLine(ctx: PageContext, line: TextLine, kind: DateKind, em: number, printH: number, lines: TextLine[], window: DateWindow, engine?: OcrEngine): Promise<DateReading> {
  const { page, pxPerMm } = ctx;
  // The band the handwriting can be in: digits go before 年 (up to five characters' room).
  let left = line.box.x - (kind === 'blank' ? 5.5 * em : 0.6 * em);
  for (const other of lines) {
    if (other === line) continue;
    const overlap = Math.min(other.box.y + other.box.height, line.box.y + line.box.height) - Math.max(other.box.y, line.box.y);
    if (overlap < line.box.height * 0.4 || other.box.x + other.box.width > line.box.x) continue;
    if (looksPrinted(other, page.source, em)) left = Math.max(left, other.box.x + other.box.width + 0.3 * em);
  }
  const centre = line.box.y + line.box.height / 2;
  // …and OCR's box of a line may end a character or two short.
  const band: Box = { x: left, y: centre - 1.05 * em, width: line.box.x + line.box.width + 2.5 * em - left, height: 2.1 * em };
  const d = darkness(ctx.pixels, band, pxPerMm * 6);
  if (!d) return { date: null, region: null, filled: kind === 'typed' };
  const region: PageRegion = { page: page.number, x: d.x0, y: d.y0, width: d.width, height: d.height };
  const lineGlyphs = dateGlyphs([line]);
  const known = lineGlyphs.filter((b): b is Box => b !== null);
  const ref = printDarkness(d, known.length > 0 ? unionBox(known) : line.box) ?? printDarkness(d, band) ?? 180;
  const ink = findInk(d, ref, ctx.colour, [], RULE_MM * pxPerMm);

  // Readings of each number, by readers ("families"): the page's OCR, the line read again,
  // each number alone in Latin digits and alone in Chinese digits, and the line read by a
  // second engine when there is one. The page's reading counts even where it did not see a
  // whole date: what it did see can contradict the others.
  const readings: DateVote[] = [];
  readings.push({ family: page.source === 'text-layer' ? 'text-layer' : 'page', parts: dateParts(line.text) });

  const lineReads: (TextLine | null)[] = [];
  let glyphs = lineGlyphs;
  if (engine) {
    // The line again, enlarged: as it is and cleaned (seal and specks removed), Chinese with
    // digits and 年月日 only; then unrestricted, which finds the printed characters best.
    // On colour pages the plane has no seal ink left to clean away, and cleaning only
    // thins the strokes of a low-resolution copy.
    const cleaned = !ctx.colour;
    for (const raw of cleaned ? [true, false] : [true]) {
      const zh = await readCleanLine(ctx, engine, band, ref, em, { script: 'chinese', whitelist: DIGITS + '年月日', raw });
      if (zh) readings.push({ family: 'line', parts: dateParts(zh.text) });
      lineReads.push(zh);
    }
    const free = await readCleanLine(ctx, engine, band, ref, em, { script: 'chinese', raw: !cleaned });
    if (free) readings.push({ family: 'line', parts: dateParts(free.text) });
    lineReads.push(free);
    // Another engine's reading of the line (the 'auto' policy's PP-OCR): its mistakes are
    // not tesseract's, so its agreement is the strongest confirmation there is, and its
    // disagreement a reason to withhold the date.
    if (hasSecondOpinion(engine)) {
      const other = await readCleanLine(ctx, engine, band, ref, em, { script: 'chinese', whitelist: DIGITS + '年月日', raw: ctx.colour, second: true });
      if (other) readings.push({ family: 'second-engine', parts: dateParts(other.text) });
    }
    // The unrestricted reading places the printed characters best.
    glyphs = dateGlyphs([...lineReads].reverse().concat(line));
  }
  const placed = placeGlyphs(glyphs, ink.components, printH, band);
  // Printed digits are shorter than the Chinese characters beside them (about three
  // quarters, a little more when blurred); handwritten ones are as tall or taller.
  const digitHeights = inkColumns(ink.components, 0.3 * printH, 1.6 * printH)
    .filter((c) => !(placed ?? []).some((g) => overlapShare({ x: c.x0, y: c.y0, width: c.x1 - c.x0 + 1, height: c.y1 - c.y0 + 1 }, grow(g, 1)) > 0.5))
    .filter((c) => c.x1 - c.x0 + 1 <= 0.8 * printH)
    .map((c) => c.y1 - c.y0 + 1);
  const printedDigits = digitHeights.length >= 3 && median(digitHeights) <= 0.95 * printH;
  if (engine && placed) {
    // Each number alone, between the printed characters.
    const [y, m, dd] = placed;
    const gap = 0.04 * em;
    const spans: [keyof DateParts, number, number][] = [
      ['year', band.x, y.x - gap],
      ['month', y.x + y.width + gap, m.x - gap],
      ['day', m.x + m.width + gap, dd.x - gap],
    ];
    const limits = { year: [YEAR_MIN, YEAR_MAX], month: [1, 12], day: [1, 31] } as const;
    // Each span cut to its run of digits: the ink columns next to the printed character
    // after it, no more than a character's width apart (not stains further out).
    const columns = inkColumns(ink.components, 0.4 * printH, 2.2 * printH);
    for (const [key, from, to] of spans) {
      let x0 = to;
      for (const c of [...columns].reverse()) {
        if (c.x1 > to + 0.1 * printH || c.x0 < from - 0.1 * printH) continue;
        if (x0 - c.x1 > 1.3 * printH) break;
        x0 = Math.min(x0, c.x0);
      }
      x0 = Math.max(from, x0 - 0.3 * printH);
      const x1 = to;
      if (x1 - x0 < 0.25 * em) continue;
      const box = { x: x0, y: band.y, width: x1 - x0, height: band.height };
      const ways: [script: 'latin' | 'chinese', raw: boolean, twice: boolean][] = [
        ['latin', true, true],
        ['latin', true, false],
        ...(ctx.colour ? [] : [['latin', false, true] as [script: 'latin', raw: boolean, twice: boolean]]),
        ['chinese', ctx.colour, true],
      ];
      for (const [script, raw, twice] of ways) {
        // Read twice side by side (a lone digit reads badly), both copies the same.
        const seg = await readCleanLine(ctx, engine, box, ref, em, { script, whitelist: DIGITS, raw, twice });
        const all = (seg?.text ?? '').replace(/\D/g, '');
        // Read twice, the two copies are two readings: when they differ (5 and 8 for the
        // same 8), the model is not sure, and both count (as a disagreement).
        const copies = !twice ? [all] : all.length % 2 === 0 ? [all.slice(0, all.length / 2), all.slice(all.length / 2)] : [''];
        const family = `digits-${script}${twice ? '' : '-once'}`;
        // A lone reading with a low confidence can contradict the others, not confirm them.
        const weak = !twice && (seg?.confidence ?? 0) < ONCE_MIN_CONFIDENCE;
        for (const digits of copies[0] === copies[1] ? [copies[0]!] : copies) {
          const v = digits ? Number(digits) : NaN;
          const parts: DateParts = { year: null, month: null, day: null };
          if (v >= limits[key][0] && v <= limits[key][1]) parts[key] = v;
          readings.push({ family, parts, ...(weak ? { weak } : {}) });
        }
      }
    }
  }
  const [yy, mm, dd] = (['year', 'month', 'day'] as const).map((key) => settleDateNumber(readings, key, printedDigits)) as [number | null, number | null, number | null];
  // A text layer's date is what is printed, in the window or not; a date read from pixels
  // outside it is not believed.
  const date = yy !== null && mm !== null && dd !== null ? plausibleDate(isoDate(yy, mm, dd), page.source === 'text-layer' ? {} : window) : null;

  // Anything written besides the printed 年 月 日?
  let filled = kind === 'typed' || date !== null;
  if (!filled && placed) {
    const printed = placed.map((b) => grow(b, em * 0.1));
    const inside = (c: Component) => printed.some((g) => overlapShare(componentBox(c), g) >= 0.6);
    // On a grey copy the seal usually sits on this line: only ink as dark as print counts.
    const strokes = ctx.colour ? ink : findInk(d, ref, false, [], RULE_MM * pxPerMm, DATE_INK_GREY);
    const written = strokes.components.filter((c) => c.y1 - c.y0 + 1 >= 0.3 * em && !inside(c));
    const area = written.reduce((n, c) => n + c.area, 0) / (pxPerMm * pxPerMm);
    filled = area >= DATE_MIN_INK_MM2;
  } else if (!filled) {
    // Where the printed characters are is not known: digits seen by two readings.
    const digitReads = [line, ...lineReads].filter((l) => l && (l.text.match(/\d/g) ?? []).length >= 2).length;
    filled = digitReads >= 2;
  }
  return { date, region, filled };
}

/**
 * The printed 年 月 日 on the ink. OCR boxes of single Chinese characters are loose: each is
 * moved onto the column of ink it stands on (about one character wide), or cut to one
 * character around its centre when handwriting touches it. A 日 nobody read is the last
 * character-sized column after 月. Null unless all three are placed.
 */
interface Column {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/**
 * Columns of ink: pieces that overlap one another horizontally (the parts of a character),
 * not pieces merely side by side (a digit kerned against 月).
 */
function inkColumns(components: Component[], minHeight: number, maxHeight = Infinity): Column[] {
  const pieces = components.filter((c) => c.y1 - c.y0 + 1 >= minHeight && c.y1 - c.y0 + 1 <= maxHeight).sort((a, b) => a.x0 - b.x0);
  const columns: Column[] = [];
  for (const c of pieces) {
    const last = columns[columns.length - 1];
    const overlap = last ? Math.min(last.x1, c.x1) - Math.max(last.x0, c.x0) + 1 : 0;
    if (last && overlap >= 0.3 * Math.min(last.x1 - last.x0 + 1, c.x1 - c.x0 + 1)) {
      last.x1 = Math.max(last.x1, c.x1);
      last.y0 = Math.min(last.y0, c.y0);
      last.y1 = Math.max(last.y1, c.y1);
    } else columns.push({ x0: c.x0, x1: c.x1, y0: c.y0, y1: c.y1 });
  }
  return columns;
}

/** The ink height of printed Chinese characters: the label's, measured on the page. */
function printHeight(ctx: PageContext, label: Label | null, fallback: number): number {
  if (!label) return fallback;
  const d = darkness(ctx.pixels, grow(label.box, label.em * 0.3), ctx.pxPerMm * 6);
  const ref = d && printDarkness(d, label.box);
  if (!d || !ref) return fallback;
  const columns = inkColumns(findInk(d, ref, ctx.colour, [], RULE_MM * ctx.pxPerMm).components, label.em * 0.3);
  const heights = columns.filter((c) => c.x1 - c.x0 + 1 >= label.em * 0.5).map((c) => c.y1 - c.y0 + 1);
  const h = median(heights);
  return h >= label.em * 0.5 && h <= label.em * 1.3 ? h : fallback;
}

/**
 * The printed 年 月 日 on the ink. OCR boxes of single Chinese characters are loose and
 * often shifted: each is moved onto the nearest column of ink shaped like a printed
 * character (its height that of the label's characters: handwritten digits are usually
 * taller or narrower), or cut to one character when handwriting touches it. A 日 nobody
 * read is the last such column after 月. Null unless all three are placed.
 */
function placeGlyphs(glyphs: [Box | null, Box | null, Box | null], components: Component[], printH: number, band: Box): [Box, Box, Box] | null {
  // Taller pieces are not characters on the line: a seal's remains, a signature's tail.
  const columns = inkColumns(components, 0.3 * printH, 1.6 * printH);
  const width = (c: Column) => c.x1 - c.x0 + 1;
  const height = (c: Column) => c.y1 - c.y0 + 1;
  // Printed Chinese characters are about as wide as tall; digits half as wide.
  const glyphLike = (c: Column) => width(c) >= 0.68 * printH && width(c) <= 1.25 * printH && height(c) >= 0.75 * printH && height(c) <= 1.2 * printH;
  const toBox = (c: Column): Box => ({ x: c.x0, y: c.y0, width: width(c), height: height(c) });
  const mid = band.y + band.height / 2 - 0.5 * printH;
  const snap = (g: Box): Box => {
    const cx = g.x + g.width / 2;
    const distance = (c: Column) => Math.abs((c.x0 + c.x1) / 2 - cx);
    const near = columns.filter((c) => glyphLike(c) && distance(c) <= printH).sort((a, b) => distance(a) - distance(b))[0];
    if (near) return toBox(near);
    const column = columns.find((c) => cx >= c.x0 - 0.2 * printH && cx <= c.x1 + 0.2 * printH);
    if (!column) return { x: cx - 0.5 * printH, y: mid, width: printH, height: printH };
    // Touching other ink: a character at either end of the run, else around the centre.
    const w = printH * 1.02;
    if (cx >= column.x1 - printH) return { x: column.x1 + 1 - w, y: column.y0, width: w, height: height(column) };
    if (cx <= column.x0 + printH) return { x: column.x0, y: column.y0, width: w, height: height(column) };
    return { x: cx - w / 2, y: column.y0, width: w, height: height(column) };
  };
  const candidates = columns.filter(glyphLike);
  const ordered = (p: Box[]) => p.length === 3 && p[0]!.x < p[1]!.x && p[1]!.x < p[2]!.x;
  const near = glyphs.map((g) => {
    if (!g) return null;
    const cx = g.x + g.width / 2;
    const distance = (c: Column) => Math.abs((c.x0 + c.x1) / 2 - cx);
    const best = candidates.filter((c) => distance(c) <= printH).sort((a, b) => distance(a) - distance(b))[0];
    return best ? toBox(best) : null;
  });
  // Exactly three columns shaped like printed characters (printed digits are narrower):
  // those, whatever OCR's loose boxes say…
  if (candidates.length === 3) return candidates.map(toBox) as [Box, Box, Box];
  // …else each read character on the character-shaped column nearest to it.
  if (near.every((b) => b !== null) && ordered(near as Box[])) return near as [Box, Box, Box];
  const [y, m] = glyphs;
  let d = glyphs[2];
  if (!y || !m) return null;
  const month = snap(m);
  if (!d) {
    // 日: the last column after 月 as tall as a Chinese character (digits are shorter).
    const last = [...columns].reverse().find((c) => c.x0 > month.x + month.width + 0.3 * printH && height(c) >= 0.85 * printH && height(c) <= 1.2 * printH && width(c) >= 0.5 * printH && width(c) <= 1.25 * printH);
    if (!last) return null;
    d = toBox(last);
  }
  const placed = [snap(y), month, snap(d)];
  return ordered(placed) ? (placed as [Box, Box, Box]) : null;
}

/** Share of `a`'s area inside `b`. */
function overlapShare(a: Box, b: Box): number {
  const i = intersect(a, b);
  return i ? (i.width * i.height) / Math.max(1, a.width * a.height) : 0;
}

// ---- Findings ----------------------------------------------------------------------------

/**
 * Findings for the pledge's signing area: no signature (an error; a warning when the
 * signing area itself could not be found), no date (an error), a date that is filled in but
 * could not be read (a warning: a person should look).
 */
export function signingFindings(result: PledgeSigning, file: string | { name: string }): Finding[] {
  const name = typeof file === 'string' ? file : file.name;
  const findings: Finding[] = [];
  const where = (region: PageRegion | null) => (region ? { page: region.page, box: { x: region.x, y: region.y, width: region.width, height: region.height } } : {});
  if (!result.signature.present) {
    if (result.signature.region) {
      findings.push(finding('QC_SIGNATURE_MISSING', 'error', { file: name }, where(result.signature.region)));
    } else {
      findings.push(
        reworded(finding('QC_SIGNATURE_MISSING', 'warning', { file: name }), {
          zh: `承诺书“${name}”中没有找到“法定代表人（或负责人）签字”处，无法确认是否已签字`,
          en: `The signing area ("法定代表人（或负责人）签字") was not found in the pledge "${name}"; the signature could not be checked`,
          action: '请确认上传的是完整、清晰的承诺书（含末尾签字、盖章、日期部分）。',
        }),
      );
    }
  }
  if (!result.signedDate) {
    if (result.dateFilled) {
      findings.push(
        reworded(finding('QC_DATE_MISSING', 'warning', { file: name }, where(result.dateRegion)), {
          zh: `承诺书“${name}”已填写签署日期，但无法识别，请人工核对`,
          en: `The pledge "${name}" has a signing date that could not be read; please check it by eye`,
          action: '如日期字迹潦草或被遮挡，请确认日期清晰可辨（如 2026年6月16日）。',
        }),
      );
    } else {
      findings.push(finding('QC_DATE_MISSING', 'error', { file: name }, where(result.dateRegion)));
    }
  }
  return findings;
}

function reworded(f: Finding, text: { zh: string; en: string; action: string }): Finding {
  return { ...f, message: text.zh, messageEn: text.en, action: text.action };
}
