/**
 * Helpers shared by the held-out licence and pledge layouts (licences.ts, pledges.ts): the
 * numbers a licence prints (a 92… credit code for an individual business, the old 15-digit
 * 注册号, capital in 大写), label/value rows the way licence printers set them, and the
 * handwriting a form's blanks receive. Written from the documents themselves, not from the
 * reading code.
 */
import { computeUsccCheck, validateUscc, USCC_ALPHABET, orgCodeCheck } from '../../src/domain/uscc.js';
import type { Composer, Rgb } from '../../test/corpus/compose.js';
import { placeInk } from '../../test/corpus/parts.js';
import { drawHandDigits, type InkImage } from '../../test/corpus/marks.js';
import type { Rng } from '../../test/corpus/random.js';
import type { Box } from '../../test/corpus/types.js';

export const BLACK_INK: Rgb = [0, 0, 0];
/** Ballpoint colours: blue-black, blue, black. */
export const PEN_COLOURS: readonly Rgb[] = [[18, 30, 92], [26, 44, 140], [22, 22, 28]];

/**
 * A valid credit code with the given two-character prefix (92 = 个体工商户) for a division.
 * Since the reform individual businesses mostly get the 'MA…' organisation body; a few
 * converted registrations carry an all-digit one.
 */
export function makeCode(rng: Rng, prefix: string, division: string, letters: boolean): string {
  const upper = USCC_ALPHABET.slice(10);
  for (let attempt = 0; attempt < 5000; attempt++) {
    const body = letters
      ? `MA${rng.pick(['1', '2', '3', '4', '5', '6', '7', '8', '9'])}${rng.chars(USCC_ALPHABET, 1)}${rng.chars(upper + USCC_ALPHABET, 4)}`
      : `${rng.int(1, 7)}${rng.chars('0123456789', 7)}`;
    const first17 = `${prefix}${division}${body}${orgCodeCheck(body)}`;
    // GB 11714 can give 'X'; GB 32100's alphabet has it, but skip anything it refuses.
    if ([...first17].some((ch) => !USCC_ALPHABET.includes(ch))) continue;
    const code = first17 + computeUsccCheck(first17);
    if (validateUscc(code).valid) return code;
  }
  throw new Error('could not make a credit code');
}

/**
 * The old 15-digit 注册号 (GB/T 17710 via ISO 7064 MOD 11,10): six digits of the registering
 * division, eight of sequence, one check digit. Licences of the transition print it beside
 * the new credit code.
 */
export function registrationNumber(rng: Rng, division: string): string {
  const first14 = `${division}${rng.pick(['0', '0', '1', '2', '3', '4', '5'])}${rng.chars('0123456789', 7)}`;
  let p = 10;
  for (const ch of first14) {
    const s = (p % 11) + Number(ch);
    p = ((s % 10) || 10) * 2;
  }
  for (let d = 0; d < 10; d++) if (((p % 11) + d) % 10 === 1) return first14 + d;
  return `${first14}0`;
}

const UPPER = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const UNITS = ['', '拾', '佰', '仟'];

/** 1…9999 in 大写 numerals (叁仟陆佰捌拾, 壹仟零伍 …). */
function upper4(n: number): string {
  const digits = String(n).padStart(4, '0').split('').map(Number);
  let out = '';
  let zero = false;
  digits.forEach((d, i) => {
    if (d === 0) {
      if (out) zero = true;
      return;
    }
    if (zero) out += '零';
    zero = false;
    out += UPPER[d]! + UNITS[3 - i]!;
  });
  return out;
}

/** An amount in 万元 as 大写 yuan: 1000 → 壹仟万元整, 12000 → 壹亿贰仟万元整. */
export function capitalInWords(wan: number): string {
  const yi = Math.floor(wan / 10000);
  const rest = wan % 10000;
  let out = '';
  if (yi) out += `${upper4(yi)}亿`;
  if (rest) out += `${yi && rest < 1000 ? '零' : ''}${upper4(rest)}万`;
  return `${out}元整`;
}

/** The amount in 万元 of the corpus company's capital ('5000万元整', '人民币3680万元整'). */
export function capitalWan(text: string): number {
  const m = /(\d+(?:\.\d+)?)/.exec(text);
  return m ? Math.round(Number(m[1])) : 500;
}

/** How a licence printer sets its labels. */
export type LabelStyle =
  /** As written: 名称, 法定代表人. */
  | 'plain'
  /** Two-character labels padded with ideographic spaces to four: 名　　称. */
  | 'ideographic'
  /** Every label spread over the same width (distributed alignment). */
  | 'distributed';

export interface RowStyle {
  labelStyle: LabelStyle;
  labelSize: number;
  valueSize: number;
  /** Bold labels (most printers) or the body weight. */
  labelBold: boolean;
  /** Where values start, measured from the label's x. */
  valueOffset: number;
  /** Line height of wrapped values, in points. */
  lineHeight: number;
  /** Space after a row, in points. */
  rowGap: number;
  /** Width of the distributed label block, in points. */
  labelWidth: number;
}

/** The label's text as printed under a style (what lands in the text layer). */
export function labelText(label: string, style: LabelStyle): string {
  if (style === 'ideographic' && [...label].length === 2) return `${label[0]}　　${label[1]}`;
  return label;
}

export function drawLabel(c: Composer, label: string, x: number, y: number, style: RowStyle): Box {
  const text = labelText(label, style.labelStyle);
  const weight = style.labelBold ? 'bold' : 'body';
  const n = [...text].length;
  if (style.labelStyle === 'distributed' && n > 1) {
    const natural = c.measure(text, style.labelSize, weight);
    const spacing = Math.max(0, (style.labelWidth - natural) / (n - 1));
    return c.text(text, x, y, { size: style.labelSize, weight, color: BLACK_INK, spacing });
  }
  return c.text(text, x, y, { size: style.labelSize, weight, color: BLACK_INK });
}

/**
 * One label/value row; the value wraps within `valueWidth`, or, with `underLabel`, its
 * continuation lines run back to the label's x (as long 经营范围 do on many licences).
 * Returns the y after the row.
 */
export function drawRow(
  c: Composer,
  label: string,
  value: string,
  x: number,
  y: number,
  valueWidth: number,
  style: RowStyle,
  options: { underLabel?: boolean; sizeOverride?: number; lineHeightOverride?: number } = {},
): number {
  drawLabel(c, label, x, y + (style.valueSize - style.labelSize) / 2, style);
  const size = options.sizeOverride ?? style.valueSize;
  const lh = options.lineHeightOverride ?? style.lineHeight;
  const vx = x + style.valueOffset;
  const lines = options.underLabel
    ? c.wrap(value, valueWidth + style.valueOffset, size, 'body', valueWidth)
    : c.wrap(value, valueWidth, size, 'body');
  lines.forEach((line, i) => {
    const lx = i === 0 || !options.underLabel ? vx : x;
    c.text(line, lx, y + i * lh, { size, color: BLACK_INK });
  });
  return y + Math.max(1, lines.length) * lh + style.rowGap;
}

/** Height a row would take (to fit a page before drawing). */
export function rowHeight(c: Composer, value: string, valueWidth: number, style: RowStyle, options: { underLabel?: boolean; sizeOverride?: number; lineHeightOverride?: number } = {}): number {
  const size = options.sizeOverride ?? style.valueSize;
  const lh = options.lineHeightOverride ?? style.lineHeight;
  const lines = options.underLabel ? c.wrap(value, valueWidth + style.valueOffset, size, 'body', valueWidth) : c.wrap(value, valueWidth, size, 'body');
  return Math.max(1, lines.length) * lh + style.rowGap;
}

/** 2015–2018 licences were issued by 工商行政管理局 in most places; later by 市场监督管理局. */
export function authorityOfEra(rng: Rng, authority: string, issued: string): string {
  if (issued < '2018-10-01' && authority.endsWith('市场监督管理局') && rng.chance(0.7)) return authority.replace(/市场监督管理局$/, '工商行政管理局');
  return authority;
}

/** Handwritten digits centred in a gap; returns the ink's box. */
export function handDigitsAt(c: Composer, rng: Rng, digits: string, cx: number, cy: number, heightPt: number, color: Rgb): Box {
  const ink: InkImage = drawHandDigits(rng, digits, { heightPt, color });
  return placeInk(c, ink, cx, cy);
}
