/**
 * Layout pieces of evidence documents: certificates, 红头 documents, reports with a cover,
 * forms, and the sign-off block (organisation, date, seal).
 */
import { A4, A4_LANDSCAPE, Composer, type Rgb } from './compose.js';
import type { CorpusCompany } from './companies.js';
import type { FontChoice } from './fonts.js';
import { addBlueStamp, addEmblem, addRectStamp, addSeal, companySeal, goldBorder, redHeading, redRule, redUnderline, type SealPlacement } from './parts.js';
import { zhDate, zhDateUpper, type Rng } from './random.js';

export interface Ctx {
  company: CorpusCompany;
  rng: Rng;
  fonts: FontChoice;
}

export const BLUE_DARK: Rgb = [24, 60, 130];
export const GREEN_DARK: Rgb = [30, 100, 70];

export async function portrait(ctx: Ctx, margin = { top: 72, bottom: 72, left: 78, right: 78 }): Promise<Composer> {
  return Composer.create(A4, ctx.fonts, margin);
}

/** Headings and body text in the common house styles of Chinese reports. */
export function makeWriter(c: Composer, rng: Rng) {
  const bodySize = rng.pick([10.5, 10.5, 11, 12]);
  const lh = bodySize * rng.float(1.65, 1.9);
  return {
    bodySize,
    h1: (text: string) => {
      c.ensure(lh * 4);
      c.gap(bodySize * 0.6);
      c.para(text, { size: bodySize + 3, weight: 'bold', lineHeight: (bodySize + 3) * 1.7, align: 'left', after: 2 });
    },
    h2: (text: string) => {
      c.ensure(lh * 3);
      c.para(text, { size: bodySize + 0.5, weight: 'bold', lineHeight: lh, align: 'left' });
    },
    p: (text: string) => c.para(text, { size: bodySize, lineHeight: lh, indent: 2, after: 1 }),
    /** Lines without indent (lists). */
    item: (text: string) => c.para(text, { size: bodySize, lineHeight: lh, indent: 0, after: 0 }),
    table: (rows: Parameters<Composer['table']>[0], widths: number[], header = 1) =>
      c.table(rows, { widths, width: c.contentWidth, headerRows: header, size: bodySize - 1.5, lineHeight: (bodySize - 1.5) * 1.55, headerFill: rng.chance(0.5) ? [235, 235, 235] : null }),
    gap: (h = lh / 2) => c.gap(h),
  };
}
export type Writer = ReturnType<typeof makeWriter>;

/**
 * Organisation and date at the right, with the organisation's seal over them (or not).
 * Returns after moving the cursor below the block.
 */
export async function signOff(c: Composer, rng: Rng, options: { org: string; date: string; seal: SealPlacement | null; upperDate?: boolean; extraLines?: string[] }): Promise<void> {
  c.ensure(150);
  c.gap(rng.float(16, 34));
  const right = c.width - c.margin.right - rng.float(0, 20);
  const size = 11;
  const lines = [...(options.extraLines ?? []), options.org, options.upperDate ? zhDateUpper(options.date) : zhDate(options.date)];
  const widest = Math.max(...lines.map((l) => c.measure(l, size)));
  const centre = right - widest / 2;
  const top = c.y;
  lines.forEach((line, i) => c.text(line, centre, top + i * 24, { size, align: 'center' }));
  if (options.seal) await addSeal(c, rng, centre + rng.float(-18, 18), top + (lines.length - 1) * 24 - rng.float(4, 22), options.seal);
  c.y = top + lines.length * 24 + 12;
}

export interface CertificateSpec {
  orientation?: 'portrait' | 'landscape';
  /** Frame colour; gold frames are recorded as decoys. */
  frame?: Rgb;
  title: string;
  /** Red title (many honour certificates): recorded as a red heading decoy. */
  redTitle?: boolean;
  subtitle?: string;
  number?: string;
  emblem?: boolean;
  /** Label / value lines, or plain centred statements (label null). */
  lines: { label: string | null; text: string }[];
  statement?: string;
  issuers: { name: string; seal: SealPlacement | null }[];
  date: string;
  dateLabel?: string;
  upperDate?: boolean;
  footer?: string;
  /** The applicant certified the copy (与原件一致 + company seal) or marked it 副本. */
  copyMark?: 'certified' | 'copy' | null;
}

/** A certificate page: frame, optional emblem, title, number, lines, issuers and their seals. */
export async function certificate(ctx: Ctx, spec: CertificateSpec): Promise<Composer> {
  const { rng } = ctx;
  const landscape = spec.orientation === 'landscape';
  const c = await Composer.create(landscape ? A4_LANDSCAPE : A4, ctx.fonts, { top: 60, bottom: 60, left: landscape ? 96 : 84, right: landscape ? 96 : 84 });
  const frame = spec.frame ?? [184, 146, 88];
  goldBorder(c, rng.float(16, 26), rng.float(12, 18), { color: frame });
  const mid = c.width / 2;
  // Few lines: start lower, as certificates centre their content on the sheet.
  const sparse = spec.lines.length <= 4 && !spec.statement;
  const prose = spec.lines.some((l) => !l.label && [...l.text].length > 26);
  let y = landscape ? (sparse ? 78 : 58) : sparse ? 130 : 90;
  if (spec.emblem) {
    await addEmblem(c, rng, mid, y + 28, 52);
    y += 66;
  }
  if (spec.number) c.text(spec.number, c.width - c.margin.right, landscape ? 50 : 62, { size: 9.5, align: 'right' });
  const titleSize = spec.title.length > 10 ? 24 : 30;
  if (spec.redTitle) redHeading(c, spec.title, mid, y, titleSize, { spacing: titleSize * 0.15, weight: 900 });
  else c.text(spec.title, mid, y, { size: titleSize, weight: 900, align: 'center', spacing: titleSize * 0.15 });
  y += titleSize * 1.6;
  if (spec.subtitle) {
    c.text(spec.subtitle, mid, y, { size: 11, align: 'center', color: [70, 70, 70] });
    y += 26;
  }
  y += 14;
  c.y = y;
  const size = landscape ? 12.5 : 12;
  const labelW = Math.max(0, ...spec.lines.filter((l) => l.label).map((l) => c.measure(l.label!, size, 'bold'))) + 10;
  for (const line of spec.lines) {
    if (line.label) {
      const x = c.margin.left + (landscape ? 40 : 10);
      c.text(line.label, x, c.y, { size, weight: 'bold' });
      const lines = c.wrap(line.text, c.contentWidth - labelW - (landscape ? 40 : 10), size);
      lines.forEach((l, i) => c.text(l, x + labelW, c.y + i * size * 1.7, { size }));
      c.y += lines.length * size * 1.7 + 6;
    } else if (line.text.endsWith('：')) {
      // The addressee of an honour certificate.
      c.para(line.text, { size: size + 3, lineHeight: (size + 3) * 2, align: 'left', after: 2, x: c.margin.left + (landscape ? 30 : 0), width: c.contentWidth - (landscape ? 60 : 0) });
    } else if ([...line.text].length > 26) {
      c.para(line.text, { size: size + 3, lineHeight: (size + 3) * 2, indent: 2, align: 'justify', after: 2, x: c.margin.left + (landscape ? 30 : 0), width: c.contentWidth - (landscape ? 60 : 0) });
    } else {
      c.para(line.text, { size: size + (sparse ? 3 : 1), lineHeight: (size + 1) * 1.9, align: prose && line.text.startsWith('特') ? 'left' : 'center', indent: prose && line.text.startsWith('特') ? 2 : 0, after: 2, x: c.margin.left + (landscape ? 30 : 0), width: c.contentWidth - (landscape ? 60 : 0) });
    }
  }
  if (spec.statement) {
    c.gap(6);
    c.para(spec.statement, { size, lineHeight: size * 1.85, indent: 2, after: 4 });
  }
  // Issuers: side by side at the bottom, each with its seal over the name.
  const bottom = c.height - (landscape ? 120 : 150);
  const n = spec.issuers.length;
  const slot = c.contentWidth / n;
  for (let i = 0; i < n; i++) {
    const issuer = spec.issuers[i]!;
    const cx = n === 1 ? c.width - c.margin.right - 90 : c.margin.left + slot * (i + 0.5);
    c.text(issuer.name, cx, bottom, { size: n > 2 ? 10.5 : 12, align: 'center' });
    if (issuer.seal) await addSeal(c, rng, cx + rng.float(-12, 12), bottom + rng.float(-20, 4), issuer.seal);
  }
  const dateText = `${spec.dateLabel ?? ''}${spec.upperDate ? zhDateUpper(spec.date) : zhDate(spec.date)}`;
  c.text(dateText, n === 1 ? c.width - c.margin.right - 90 : mid, bottom + (n > 1 ? 62 : 30), { size: 11.5, align: 'center' });
  if (spec.footer) c.text(spec.footer, mid, c.height - (landscape ? 58 : 70), { size: 8.5, align: 'center', color: [80, 80, 80] });
  // 副本: in the top left corner, beside the title.
  if (spec.copyMark === 'copy') await addRectStamp(c, rng, c.margin.left + rng.float(30, 60), rng.float(landscape ? 56 : 60, landscape ? 70 : 80), ['副本'], 18);
  if (spec.copyMark === 'certified') {
    // In a blank part of the sheet: left of a single issuer, else between the text and the issuers.
    const x = c.margin.left + rng.float(60, n === 1 ? 180 : 200);
    const yy = n === 1 ? bottom - rng.float(0, 40) : Math.min(bottom - 110, Math.max(c.y + 60, c.height * rng.float(0.5, 0.62)));
    await addRectStamp(c, rng, x, yy, ['与原件一致'], 13);
    await addSeal(c, rng, x + rng.float(20, 60), yy + rng.float(-10, 25), companySeal(ctx.company, rng, { faded: rng.chance(0.2) }));
  }
  return c;
}

/** A 红头 document header: red organisation name + 文件, document number, red rule. Returns the doc number. */
export function redHead(c: Composer, rng: Rng, org: string, abbreviation: string, year: string): string {
  const mid = c.width / 2;
  const name = `${org}文件`;
  const size = name.length > 16 ? 22 : name.length > 12 ? 26 : 30;
  redHeading(c, name, mid, 70, size, { spacing: name.length > 14 ? 0 : 3, weight: 900 });
  const number = `${abbreviation}〔${year}〕${rng.int(1, 48)}号`;
  c.text(number, mid, 70 + size + 28, { size: 11.5, align: 'center' });
  redRule(c, c.margin.left, c.width - c.margin.right, 70 + size + 52, { double: rng.chance(0.4), thickness: rng.float(1.6, 2.6) });
  c.y = 70 + size + 72;
  return number;
}

/** A report cover: title block, company, date, optional 编制/审核/批准 lines. */
export function cover(c: Composer, rng: Rng, options: { title: string; subtitle?: string; org: string; date: string; code?: string; approvals?: string[]; redLine?: boolean }): void {
  const mid = c.width / 2;
  c.y = rng.float(200, 260);
  const titleLines = c.wrap(options.title, c.contentWidth - 20, 26, 'bold');
  for (const line of titleLines) {
    const box = c.text(line, mid, c.y, { size: 26, weight: 'bold', align: 'center' });
    if (options.redLine && line === titleLines[titleLines.length - 1]) redUnderline(c, box);
    c.y += 44;
  }
  if (options.subtitle) {
    c.text(options.subtitle, mid, c.y + 6, { size: 14, align: 'center' });
    c.y += 40;
  }
  c.y = c.height - 300;
  const lines = [`编制单位：${options.org}`];
  if (options.code) lines.push(`统一社会信用代码：${options.code}`);
  for (const a of options.approvals ?? []) lines.push(a);
  lines.push(`发布日期：${zhDate(options.date)}`);
  const left = mid - 150;
  for (const line of lines) {
    c.text(line, left, c.y, { size: 12.5 });
    c.y += 28;
  }
}

/**
 * A document title centred on one line, or broken at a natural place (after 关于印发 or after
 * the closing 》) on two, never leaving one character alone on a line.
 */
export function docTitle(c: Composer, text: string, size = 16): void {
  const width = c.contentWidth - 20;
  const draw = (lines: string[], s: number) => {
    for (const line of lines) c.para(line, { size: s, weight: 'bold', align: 'center', lineHeight: s * 1.75 });
    c.gap(8);
  };
  for (const s of [size, size - 1, size - 2]) {
    if (c.measure(text, s, 'bold') <= width) return draw([text], s);
  }
  const breaks = [text.indexOf('关于') === 0 ? text.indexOf('《') : -1, text.lastIndexOf('》') + 1].filter((i) => i > 1 && i < text.length - 1);
  const fits = breaks
    .map((i) => [text.slice(0, i), text.slice(i)] as [string, string])
    .filter(([a, b]) => c.measure(a, size, 'bold') <= width && c.measure(b, size, 'bold') <= width)
    .sort((x, y) => Math.abs(x[0].length - x[1].length) - Math.abs(y[0].length - y[1].length));
  if (fits[0]) return draw(fits[0], size);
  const half = Math.ceil([...text].length / 2);
  draw([[...text].slice(0, half).join(''), [...text].slice(half).join('')], size);
}

/** A blue 受控文件 stamp (controlled copy) near the top right, as quality systems stamp their documents. */
export async function controlledStamp(c: Composer, rng: Rng, date: string): Promise<void> {
  await addBlueStamp(c, rng, c.width - c.margin.right - rng.float(20, 60), rng.float(70, 110), rng.pick(['质量管理部', '体系管理办公室', '文控中心']), rng.pick(['受控文件', '受 控']), date.replaceAll('-', '.'));
}

export { addRectStamp, addSeal, companySeal, redHeading, redRule, redUnderline };
