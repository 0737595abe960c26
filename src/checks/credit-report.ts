/**
 * The 专项信用报告 (信用江苏 special credit report): what it says, read from its pages, and
 * whether it is the report the notice asks for (苏市监质〔2026〕64号, section 一):
 *
 *  - A: 近一年的专项信用报告; AA/AAA: 近三年的专项信用报告;
 *  - 查询领域勾选“全选”，简易处罚选择“是”.
 *
 * Reading. Every value is taken next to its label (报告编号, 查询时间段, 报告生成时间, 查询领域,
 * 简易处罚 …, in their variants): on the label's own line, in the cell to its right on the
 * same row (wherever OCR put that cell in the reading order; a wrapped cell is joined), or
 * on the line after it (table cells of a text-layer PDF come as separate lines). Where a report states a value
 * more than once (the report number in every page header, the period in the table and in
 * 报告说明, the generation day under the seal) every statement is a vote, weighted by how
 * directly it is labelled and by OCR confidence; readings that are not real calendar dates
 * never vote. A value that nothing states, or that only unlabelled text could suggest, is
 * null: nothing is guessed. OCR noise that is handled: half-width punctuation where the report
 * prints full-width (`: ( )`), spaces between characters and around separators, mixed date
 * separators (`2026.06-17`), O/l/I read for 0/1 inside dates, a misread label character
 * (`报告师号`), label and value split over two lines, and the same value read differently on
 * two pages (the reading with a letter wedged between digits loses).
 */
import { repairUscc } from '../domain/uscc.js';
import { calendarDate } from '../domain/dates.js';
import { LEVEL_POLICY, type Level } from '../domain/levels.js';
import { toHalfWidthAscii } from '../reading/normalize.js';
import type { Box, ReadPage } from '../reading/types.js';
import { editDistance } from '../util/edit-distance.js';
import { finding, type Finding, type Severity } from './types.js';

// ---- What a report says ----------------------------------------------------------------------

export interface CreditReportRecords {
  /** The category as the report names it, normalised: 行政处罚, 简易处罚, 失信被执行人 … */
  category: string;
  /** Records in the category: 0 for 无/暂无/无相关信息, null when it could not be read. */
  count: number | null;
  /** What identifies each record (decision numbers, else the rows' text), when listed. */
  items: string[];
}

export interface CreditReport {
  /** 查询时间段, inclusive, YYYY-MM-DD. */
  from: string | null;
  to: string | null;
  /** 报告生成时间 (the day; the time of day is dropped), YYYY-MM-DD. */
  generatedAt: string | null;
  reportNumber: string | null;
  /** 简易处罚: 是 → true, 否 → false. */
  simplePenaltyIncluded: boolean | null;
  /** 查询领域: 全选 → true; a partial list → false. */
  allDomains: boolean | null;
  /** The domains printed under 查询领域 (empty when the report only says 全选). */
  domains: string[];
  /** Record categories found (行政处罚, 简易处罚, the 失信 lists …). */
  records: CreditReportRecords[];
  /** True when any category has records; false when every category read says none; else null. */
  recordsFound: boolean | null;
  company: { name: string | null; creditCode: string | null };
}

/**
 * Domains of the 信用江苏 query form (查询领域). A report that lists every one of them was
 * queried with 全选 even when it prints the list instead of the word.
 */
export const CREDIT_REPORT_DOMAINS: readonly string[] = Object.freeze([
  '市场监管', '税务', '生态环境', '人力资源和社会保障', '住房和城乡建设', '交通运输', '应急管理', '海关', '统计',
  '消防救援', '文化和旅游', '卫生健康', '农业农村', '水利', '自然资源', '商务', '医疗保障', '发展改革',
]);

// ---- Policy defaults -------------------------------------------------------------------------

/**
 * Slack, in days, on both ends of the required period. The notice says 近一年 / 近三年 without
 * defining the ends: a report queried a few days or weeks before the application (the
 * platform's data lag; an applicant who downloads the report, then finishes the other
 * materials) still means "the last year". One month on each end accepts those and still
 * rejects a report one month short — the usual mistake is the wrong length (1 year instead
 * of 3), which is off by a year.
 */
export const DEFAULT_TOLERANCE_DAYS = 31;

/**
 * Maximum age, in days, of the report on the application date (报告生成时间 → application).
 * The notice sets no validity period for the report: 30 days is our choice. It matches the
 * period tolerance (the period never ends after the generation day, so a report older than
 * the tolerance is short at its end anyway) and says so in words the applicant understands
 * ("get a fresh report") where the range message would only show dates. Reported as a
 * warning, not an error, because the rule is ours rather than the notice's; pass
 * `maxAgeDays` to follow a portal's own rule.
 */
export const DEFAULT_MAX_AGE_DAYS = 30;

// ---- Text preparation ------------------------------------------------------------------------

interface Line {
  page: number;
  text: string;
  confidence: number;
  box: Box;
  /** Repeated decoration (watermark, header): skipped when looking for a label's value. */
  decoration: boolean;
}

/** Half-width ASCII, one kind of each bracket and dash, single spaces. */
function normalize(text: string): string {
  return toHalfWidthAscii(text)
    .replace(/[〔【〖［]/g, '[')
    .replace(/[〕】〗］]/g, ']')
    .replace(/[〈《「『]/g, '<')
    .replace(/[〉》」』]/g, '>')
    .replace(/[‐‑‒–−﹣]/g, '-')
    .replace(/[—―─]+/g, '—')
    .replace(/[∶︰]/g, ':')
    .replace(/\s+/g, ' ')
    .trim();
}

function linesOf(pages: ReadPage[]): Line[] {
  const lines: Line[] = [];
  for (const page of pages) {
    for (const line of page.lines) {
      const text = normalize(line.text);
      if (text) lines.push({ page: page.number, text, confidence: clamp01(line.confidence), box: line.box, decoration: false });
    }
  }
  // Watermarks and running heads repeat: short lines seen three times or more, without digits
  // or sentence punctuation (查询时间段内无相关信息。 repeats too, and is content).
  const seen = new Map<string, number>();
  for (const line of lines) seen.set(line.text, (seen.get(line.text) ?? 0) + 1);
  for (const line of lines) {
    const length = [...line.text].length;
    line.decoration = (seen.get(line.text) ?? 0) >= 3 && length >= 3 && length <= 16 && !/[\d。，,；;：:、]/.test(line.text);
  }
  return lines;
}

const clamp01 = (n: number) => (Number.isFinite(n) ? Math.min(1, Math.max(0, n)) : 0);

/** What may stand between a label and its value: separators, brackets, table rules, spaces. */
const FILLER = /^[\s:;,.、|/\\()[\]<>{}"'“”‘’_=*#~—-]*/;

/**
 * The text after a label: the rest of its line and the lines after it (up to `extra`, not
 * past the next label or page, decoration skipped and cut out). A value is read from the
 * first of them that has anything in it (see `firstFilled`).
 */
interface Window {
  text: string;
  line: Line;
  /** 0 the label's own line, 1 the next line … */
  distance: number;
}

function windowsAfter(lines: Line[], index: number, end: number, extra = 2): Window[] {
  const line = lines[index]!;
  const windows: Window[] = [{ text: undecorated(line.text.slice(end), lines), line, distance: 0 }];
  const startsLabel = (l: Line) => {
    const other = ANY_LABEL.exec(l.text);
    return other !== null && other.index <= 2;
  };
  // Cells on the label's row, to its right (a table row; OCR may have put them anywhere in
  // the reading order, a skewed photo a little higher or lower).
  const row = lines
    .filter((l) => l !== line && l.page === line.page && !l.decoration && sameRow(l.box, line.box) && l.box.x > line.box.x + line.box.width * 0.5)
    .sort((a, b) => a.box.x - b.box.x);
  const used = new Set<Line>();
  for (const cell of row) {
    if (used.has(cell)) continue;
    if (startsLabel(cell)) break;
    // A value wrapped in its cell: the lines with the same left edge around the label's row.
    const centre = line.box.y + line.box.height / 2;
    const parts = lines
      .filter((l) => l.page === line.page && !l.decoration && Math.abs(l.box.x - cell.box.x) < cell.box.height && Math.abs(l.box.y + l.box.height / 2 - centre) < 1.8 * line.box.height)
      .filter((l) => l === cell || !startsLabel(l))
      .sort((a, b) => a.box.y - b.box.y);
    for (const part of parts) used.add(part);
    windows.push({ text: undecorated(parts.map((l) => l.text).join(''), lines), line: cell, distance: 0.5 });
  }
  // Then the lines after it in reading order.
  let taken = 0;
  for (let i = index + 1; i < lines.length && taken < extra; i++) {
    const next = lines[i]!;
    if (next.page !== line.page) break;
    if (next.decoration || used.has(next)) continue;
    // Another label starts: its value is not ours.
    if (startsLabel(next)) break;
    windows.push({ text: undecorated(next.text, lines), line: next, distance: ++taken });
  }
  return windows;
}

/** Two boxes on one row: centres closer than three quarters of the taller one's height. */
function sameRow(a: Box, b: Box): boolean {
  if (a.height <= 0 || b.height <= 0) return false;
  return Math.abs(a.y + a.height / 2 - (b.y + b.height / 2)) < 0.75 * Math.max(a.height, b.height);
}

/** The first window with something in it, and the windows after it. */
function firstFilled(windows: Window[]): { value: Window; rest: Window[] } | null {
  const at = windows.findIndex((w) => afterFiller(w.text) !== '');
  return at < 0 ? null : { value: windows[at]!, rest: windows.slice(at + 1) };
}

const decorationCache = new WeakMap<Line[], string[]>();
/** `text` without the document's repeated decorations (a watermark drawn into a table cell). */
function undecorated(text: string, lines: Line[]): string {
  let marks = decorationCache.get(lines);
  if (!marks) {
    marks = [...new Set(lines.filter((l) => l.decoration).map((l) => l.text))].sort((a, b) => b.length - a.length);
    decorationCache.set(lines, marks);
  }
  for (const mark of marks) text = text.split(mark).join(' ');
  return text;
}

/** The text of a window from its first meaningful character. */
const afterFiller = (text: string) => text.replace(FILLER, '');

// ---- Dates -----------------------------------------------------------------------------------

/** Digits and what OCR reads for them inside a date (O/o for 0, l/I for 1). */
const D = '[0-9OolI]';
const YEAR = `(${D}\\s?${D}\\s?${D}\\s?${D})`;
/** `-` `.` `/`, or `:` and doubled ones (`2026-06-.10`) as OCR reads them. */
const SEP = '\\s?[-./:]{1,2}\\s?';
const NUMERIC_DATE = `(?<![0-9A-Za-z])${YEAR}${SEP}(${D}{1,2})${SEP}(${D}{1,2})(?![0-9])`;
const CHINESE_DATE = `(?<![0-9A-Za-z])${YEAR}\\s?年\\s?(${D}{1,2})\\s?月\\s?(${D}{1,2})(?:\\s?日)?(?![0-9])`;
const DATE_SOURCE = `(?:${NUMERIC_DATE}|${CHINESE_DATE})`;
/** Between the two dates of a period; OCR reads the dash as 一 (or ─, –), which no date contains. */
const RANGE_JOIN = '\\s?(?:至|到|~|～|—|–|─|一|-|－)\\s?';
const TIME = '\\s?(?:[01]?\\d|2[0-3])\\s?[:.]\\s?[0-5]\\d(?:\\s?[:.]\\s?[0-5]\\d)?(?![0-9])';

const digitsOf = (s: string) => s.replace(/\s/g, '').replace(/[Oo]/g, '0').replace(/[lI]/g, '1');

/** A real calendar day as YYYY-MM-DD, or null (2026-02-30, month 13, year 0226 …). */
export function isoDate(year: string | number, month: string | number, day: string | number): string | null {
  const y = Number(digitsOf(String(year)));
  const m = Number(digitsOf(String(month)));
  const d = Number(digitsOf(String(day)));
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return null;
  if (y < 1990 || y > 2100) return null;
  return calendarDate(y, m, d);
}

/** The date a DATE_SOURCE match found (its groups 1–3 or 4–6). */
function dateOf(groups: (string | undefined)[], offset = 1): string | null {
  const [a, b, c, e, f, g] = groups.slice(offset, offset + 6);
  if (a !== undefined) return isoDate(a, b!, c!);
  if (e !== undefined) return isoDate(e, f!, g!);
  return null;
}

/** A date at the very start of `text` (after filler). */
function leadingDate(text: string): { date: string | null; rest: string } | null {
  const match = new RegExp(`^${DATE_SOURCE}`).exec(afterFiller(text));
  if (!match) return null;
  return { date: dateOf([...match]), rest: afterFiller(text).slice(match[0].length) };
}

/** A period at the start of `text`: both dates, or only the end (`至 2026-06-15`). */
function leadingRange(text: string): { from: string | null; to: string | null } | null {
  const t = afterFiller(text);
  const both = new RegExp(`^${DATE_SOURCE}${RANGE_JOIN}${DATE_SOURCE}`).exec(t);
  if (both) return { from: dateOf([...both], 1), to: dateOf([...both], 7) };
  const onlyEnd = new RegExp(`^(?:至|到)\\s?${DATE_SOURCE}`).exec(t);
  if (onlyEnd) return { from: null, to: dateOf([...onlyEnd], 1) };
  return null;
}

// ---- Votes -----------------------------------------------------------------------------------

class Ballot<T> {
  private readonly votes = new Map<string, { value: T; weight: number }>();
  constructor(private readonly key: (value: T) => string = (v) => String(v)) {}

  add(value: T | null | undefined, weight: number): void {
    if (value === null || value === undefined || !(weight > 0)) return;
    const k = this.key(value);
    const vote = this.votes.get(k);
    if (vote) vote.weight += weight;
    else this.votes.set(k, { value, weight });
  }

  has(value: T): boolean {
    return this.votes.has(this.key(value));
  }

  get size(): number {
    return this.votes.size;
  }

  /** The value with the most weight; null when nothing voted or the two best tie. */
  winner(): T | null {
    const ranked = [...this.votes.values()].sort((a, b) => b.weight - a.weight);
    const [best, second] = ranked;
    if (!best) return null;
    if (second && Math.abs(best.weight - second.weight) < 1e-9) return null;
    return best.value;
  }
}

/** How much a reading counts: its line's OCR confidence, and less on the line after the label. */
const weightOf = (base: number, w: Window | Line) => {
  const line = 'line' in w ? w.line : w;
  const distance = 'distance' in w ? w.distance : 0;
  return base * (0.5 + 0.5 * line.confidence) * (distance === 0 ? 1 : 0.9);
};

// ---- Labels ----------------------------------------------------------------------------------

const REPORT_NUMBER_LABEL = /报告编[号码]|报告.号(?=\s?[:;])|^[^\p{Script=Han}]{0,3}编[号码]/u;
/** 报告编号 with both characters misread (`报告坊导:`): counted only for a value read elsewhere too. */
const REPORT_NUMBER_FUZZY = /报告[^\s\d:;]{2}(?=\s?[:;])/u;
const PERIOD_LABEL = /(?:(?:信用信息)?查询(?:时间段|时间|期间|区间|时段|日期)|查询起止(?:日期|时间)|起止(?:日期|时间))(?:[^\d\s\p{Script=Han}]|[\p{Script=Han}](?=\s?[([<]))?/u;
const GENERATED_LABEL = /(?:报告)?(?:生成|出具|打印)(?:时间|日期)|报告(?:日期|时间)/;
const DOMAINS_LABEL = /查询领域|查询范围|信息领域/;
const SIMPLE_LABEL = /简易(?:处罚|程序)(?!信息|记录|案件)/;
const NAME_LABEL = /(?:企业|单位|主体|机构|组织)名称|^[^\p{Script=Han}]{0,3}名\s?称/u;
const CODE_LABEL = /统一社会信用代码|社会信用代码|信用代码/;
/** Any label, to stop a value window at the next field. */
const ANY_LABEL = new RegExp(
  [REPORT_NUMBER_LABEL, PERIOD_LABEL, GENERATED_LABEL, DOMAINS_LABEL, SIMPLE_LABEL, NAME_LABEL, CODE_LABEL, /报告用途|法定代表人|成立日期|报告说明/]
    .map((r) => r.source)
    .join('|'),
  'u',
);

// ---- Fields ----------------------------------------------------------------------------------

/** Letters wedged between digits (`2D26`, `47B7`): how OCR misreads a number. */
const suspicious = (token: string) => (token.match(/(?<=\d)[A-Z](?=\d)/g) ?? []).length;

/** Each label occurrence with the value window after it. */
function labelled(lines: Line[], label: RegExp, extra = 1): { label: string; line: Line; index: number; value: Window; rest: Window[] }[] {
  const out: { label: string; line: Line; index: number; value: Window; rest: Window[] }[] = [];
  const all = new RegExp(label.source, label.flags.includes('g') ? label.flags : `${label.flags}g`);
  lines.forEach((line, index) => {
    for (const m of line.text.matchAll(all)) {
      const filled = firstFilled(windowsAfter(lines, index, m.index + m[0].length, extra));
      if (filled) out.push({ label: m[0], line, index, ...filled });
    }
  });
  return out;
}

function reportNumber(lines: Line[]): string | null {
  const ballot = new Ballot<string>();
  const tokenOf = (value: Window) => {
    const token = /^[A-Za-z0-9][A-Za-z0-9-]{5,39}/.exec(afterFiller(value.text))?.[0].toUpperCase().replace(/-+$/, '');
    // A date is not a number (报告日期: 2026-05-31).
    return token && /\d/.test(token) && !new RegExp(`^${DATE_SOURCE}`).test(token) ? token : null;
  };
  const seen = new Set<Line>();
  for (const { label, value, line } of labelled(lines, REPORT_NUMBER_LABEL)) {
    const token = tokenOf(value);
    if (!token) continue;
    const strong = /报告编/.test(label) ? 3 : /报告/.test(label) ? 2 : 1;
    ballot.add(token, weightOf(strong, value) / (1 + suspicious(token)));
    seen.add(line);
  }
  // Running heads repeat the number on every page: a head whose label OCR mangled still
  // confirms a number read under a real label.
  for (const { value, line } of labelled(lines, REPORT_NUMBER_FUZZY)) {
    const token = tokenOf(value);
    if (token && !seen.has(line) && ballot.has(token)) ballot.add(token, weightOf(1, value) / (1 + suspicious(token)));
  }
  return ballot.winner();
}

function period(lines: Line[]): { from: string | null; to: string | null } {
  const from = new Ballot<string>();
  const to = new Ballot<string>();
  for (const { label, value } of labelled(lines, PERIOD_LABEL)) {
    const range = leadingRange(value.text);
    if (!range) continue;
    // A table row counts more than 报告说明's sentence (the period in brackets).
    const base = /[(\[<]$/.test(label) || /^\s?[(\[<]/.test(value.text) ? 2 : 3;
    from.add(range.from, weightOf(base, value));
    to.add(range.to, weightOf(base, value));
  }
  if (from.size === 0 && to.size === 0) {
    // The label lost to OCR: a line on the first page that holds nothing but a period is the
    // period (the report's other periods, a licence's validity say, come with their own words).
    const whole = new RegExp(`^[^\\p{Script=Han}\\d]{0,3}${DATE_SOURCE}${RANGE_JOIN}${DATE_SOURCE}[^\\p{Script=Han}\\d]{0,3}$`, 'u');
    for (const line of lines.filter((l) => l.page === lines[0]?.page)) {
      const range = whole.test(undecorated(line.text, lines).trim()) ? leadingRange(undecorated(line.text, lines)) : null;
      if (!range?.from || !range.to) continue;
      from.add(range.from, weightOf(1, line));
      to.add(range.to, weightOf(1, line));
    }
  }
  const a = from.winner();
  const b = to.winner();
  // A period that ends before it starts is a misreading.
  if (a && b && a > b) return { from: null, to: null };
  return { from: a, to: b };
}

function generatedAt(lines: Line[]): string | null {
  const ballot = new Ballot<string>();
  const counted = new Set<Line>();
  for (const { value } of labelled(lines, GENERATED_LABEL)) {
    const found = leadingDate(value.text);
    if (!found) continue;
    ballot.add(found.date, weightOf(3, value));
    counted.add(value.line);
  }
  const dateOnly = new RegExp(`^[^\\p{Script=Han}]{0,3}${DATE_SOURCE}[^\\p{Script=Han}\\d]{0,3}$`, 'u');
  lines.forEach((line, i) => {
    // A date with a time of day on the first page (where the report states when it was made):
    // the generation time even when its label was lost.
    if (!counted.has(line) && line.page === lines[0]?.page) {
      for (const m of line.text.matchAll(new RegExp(`${DATE_SOURCE}(?=${TIME})`, 'g'))) ballot.add(dateOf([...m]), weightOf(1, line));
    }
    // The date under 出具单位 (the issuer and its seal).
    if (/出具(?:单位|机构|部门)|^[^\p{Script=Han}]{0,3}出具人/u.test(line.text)) {
      const filled = firstFilled(windowsAfter(lines, i, line.text.length, 2));
      const found = filled && dateOnly.exec(filled.value.text.trim());
      if (found) ballot.add(dateOf([...found]), weightOf(1, filled.value));
    }
  });
  if (ballot.size === 0) {
    // The signature block with its 出具单位 label lost: a date alone on a line right under
    // (以下无正文) or under the issuer's name, on the last page. A Chinese date must keep its
    // 日 here: without it a lost last digit of the day would go unnoticed.
    const last = lines.filter((l) => l.page === lines[lines.length - 1]?.page);
    last.forEach((line, i) => {
      if (!/以下无正文|(?:中心|局|委员会|办公室)\s?[|)]?$/.test(line.text)) return;
      for (const next of last.slice(i + 1, i + 4)) {
        const found = dateOnly.exec(next.text.trim());
        if (found && (found[1] !== undefined || /日/.test(found[0]))) {
          ballot.add(dateOf([...found]), weightOf(0.5, next));
          break;
        }
      }
    });
  }
  return ballot.winner();
}

/** A line that continues a list of domains: names and separators only. */
const LIST_LINE = /^[\p{Script=Han}、,;/\s()。.]+$/u;

/** The names in a list of domains (市场监管、税务 …), the count in brackets dropped. */
function domainNames(text: string): string[] {
  return text
    .replace(/[(<][^)>]*\d+\s?个(?:领域|部门)[)>]?/g, '')
    .split(/[、,;/|\s。.]+/)
    .map((n) => n.replace(/[^\p{Script=Han}]/gu, ''))
    .filter((n) => [...n].length >= 2);
}

/** A read name is a domain: equal, one character misread (for names of 3 or more), or it holds it (two names run together). */
function sameDomain(name: string, domain: string): boolean {
  return name === domain || name.includes(domain) || ([...domain].length >= 3 && editDistance(name, domain) <= 1);
}

/** Whether a printed list of domains is all of them: true, false, or null when a long list could not be matched in full. */
function coversAllDomains(names: string[]): boolean | null {
  const matched = CREDIT_REPORT_DOMAINS.filter((d) => names.some((n) => sameDomain(n, d))).length;
  if (matched === CREDIT_REPORT_DOMAINS.length) return true;
  if (names.length >= CREDIT_REPORT_DOMAINS.length - 2) return null;
  return false;
}

function domains(lines: Line[]): { allDomains: boolean | null; domains: string[] } {
  const all = new Ballot<boolean>();
  let listed: string[] = [];
  for (const { value, rest } of labelled(lines, DOMAINS_LABEL, 3)) {
    const text = afterFiller(value.text);
    if (/^(?:全选|全部|所有|全领域|已全选)/.test(text)) {
      all.add(true, weightOf(3, value));
      continue;
    }
    // A list of names, possibly wrapped onto the next lines (a word may be cut in two).
    let joined = text;
    for (const w of rest) {
      if (!LIST_LINE.test(w.text.trim())) break;
      joined += w.text.trim();
    }
    const names = domainNames(joined);
    const count = /(\d+)\s?个(?:领域|部门)/.exec(joined);
    if (names.length >= 2 || (names.length === 1 && CREDIT_REPORT_DOMAINS.includes(names[0]!))) {
      listed = names;
      all.add(coversAllDomains(names), weightOf(3, value));
    } else if (count && Number(count[1]) >= CREDIT_REPORT_DOMAINS.length) {
      // Only the count survived (全选 misread): as many domains as there are.
      all.add(true, weightOf(1.5, value));
    }
  }
  if (all.size === 0) {
    // The label lost to OCR: a line that is nothing but known domain names is the list.
    for (const line of lines) {
      const names = domainNames(line.text);
      if (names.length >= 3 && names.every((n) => CREDIT_REPORT_DOMAINS.some((d) => sameDomain(n, d)))) {
        listed = names;
        all.add(coversAllDomains(names), weightOf(1, line));
      }
    }
  }
  return { allDomains: all.winner(), domains: listed };
}

function simplePenalty(lines: Line[]): boolean | null {
  const ballot = new Ballot<boolean>();
  for (const { value } of labelled(lines, SIMPLE_LABEL)) {
    const text = afterFiller(value.text);
    const answer = /^(?:是|包含|含|包括|已选|已勾选|yes|y(?![a-z]))/i.test(text)
      ? true
      : /^(?:否|不包含|不含|不包括|未选|未勾选|no|n(?![a-z]))/i.test(text)
        ? false
        : null;
    ballot.add(answer, weightOf(3, value));
  }
  // 报告说明: “（不）含适用简易程序作出的行政处罚信息”.
  for (const line of lines) {
    for (const m of line.text.matchAll(/(不)?(?:包含|包括|含)(?:适用)?简易(?:程序|处罚)/g)) ballot.add(m[1] === undefined, weightOf(2, line));
  }
  if (ballot.size === 0) {
    // Only a section of 简易处罚信息: the query included them.
    const heading = lines.find((l) => /^简易(?:处罚|程序)(?:信息|记录)/.test(stripEnumerator(l.text)));
    if (heading) ballot.add(true, weightOf(0.5, heading));
  }
  return ballot.winner();
}

/** How the names of companies and other organisations end. */
const ORGANISATION_SUFFIX = /(?:公司|厂|店|行|社|所|中心|集团|院|部|馆|场|站|会|局|队|协会|企业|合伙\)?)$/u;

function company(lines: Line[]): { name: string | null; creditCode: string | null } {
  const names = new Ballot<string>();
  const codes = new Ballot<string>();
  for (const { value } of labelled(lines, NAME_LABEL)) {
    let text = afterFiller(value.text).replace(/\s/g, '').replace(/</g, '(').replace(/>/g, ')');
    const stop = ANY_LABEL.exec(text);
    if (stop) text = text.slice(0, stop.index);
    const name = /^[\p{Script=Han}()A-Za-z0-9·]{4,60}/u.exec(text)?.[0];
    // A name ends in its legal form (有限公司, 厂, 合作社 …): anything else is a misread or a fragment.
    if (!name || !/\p{Script=Han}{4,}/u.test(name) || !ORGANISATION_SUFFIX.test(name)) continue;
    // Company names are registered with full-width brackets; OCR reads them half-width.
    names.add(name.replace(/\(/g, '（').replace(/\)/g, '）'), weightOf(2, value));
  }
  for (const { value } of labelled(lines, CODE_LABEL)) {
    const raw = /^[0-9A-Za-z]{17,20}/.exec(afterFiller(value.text).replace(/(?<=[0-9A-Za-z])[\s-](?=[0-9A-Za-z])/g, ''))?.[0];
    if (!raw) continue;
    const repaired = repairUscc(raw);
    if (repaired.code) codes.add(repaired.code, weightOf(repaired.status === 'valid' ? 2 : 1, value));
  }
  return { name: names.winner(), creditCode: codes.winner() };
}

// ---- Records ---------------------------------------------------------------------------------

interface Category {
  name: string;
  /** The heading or table row that starts it (after its enumerator). */
  pattern: RegExp;
  /** A general heading whose subsections are categories of their own: only kept when it says 无/有 itself. */
  umbrella?: boolean;
}

/** Record categories of a 专项信用报告: what counts against the company. 行政许可 and 守信激励 do not. */
export const RECORD_CATEGORIES: readonly Category[] = [
  { name: '行政处罚', pattern: /^行政处罚(?:信息|记录|决定)?/ },
  { name: '简易处罚', pattern: /^简易(?:处罚|程序)(?:信息|记录|决定)/ },
  { name: '行政强制', pattern: /^行政强制(?:信息|记录|措施)?/ },
  { name: '严重失信主体名单', pattern: /^(?:严重失信(?:主体)?(?:名单)?|黑名单)/ },
  { name: '失信被执行人', pattern: /^失信被执行人(?:名单|信息)?/ },
  { name: '经营异常名录', pattern: /^经营异常(?:名录|名单|信息)?/ },
  { name: '重大税收违法失信主体', pattern: /^重大税收违法(?:失信)?(?:主体|案件)?(?:名单|信息)?/ },
  { name: '政府采购严重违法失信行为记录名单', pattern: /^政府采购严重违法失信(?:行为)?(?:记录)?(?:名单)?/ },
  { name: '欠税信息', pattern: /^欠税(?:信息|公告|记录)?/ },
  { name: '失信信息', pattern: /^失信信息/, umbrella: true },
];

/** Section numbering and table rules in front of a heading: 三、 (二) 1. | */
function stripEnumerator(text: string): string {
  return text
    .replace(/^[\s|[\]<>)\-—_.:;,]*/, '')
    .replace(/^(?:[一二三四五六七八九十]+\s?[、.,]|\(\s?[一二三四五六七八九十\d]+\s?\)|\d{1,2}\s?[、.,)])\s?/, '')
    .replace(/^[\s|]*/, '');
}

/** A top-level section heading (一、基本信息) or the end of the text: it closes a category. */
const SECTION_END = /^(?:[一二三四五六七八九十]+\s?[、.]|\(以下无正文|以下无正文|出具单位|报告说明)/;
const NONE = /^(?:无|暂无|没有|未发现|未查询到|无相关|无记录|0\s?条|查询时间段内无|该时间段内无|无相关信息)/;
const NONE_ANYWHERE = /(?:查询(?:时间段|期间)内|期间内|时段内)?(?:无|暂无|未查询到|没有)(?:相关)?(?:信息|记录)/;
const COUNT = /^(\d{1,3})\s?(?:条|项|次|起|个)/;
const PRESENT = /^(?:有|存在)/;
const DECISION_NUMBER = /[\p{Script=Han}A-Za-z]{1,12}\s?[[(<]\s?\d{4}\s?[\])>]\s?第?\s?\d{1,6}\s?号/gu;

interface Heading {
  index: number;
  category: Category;
  /** The text after the category name on its line. */
  rest: string;
}

function headingAt(lines: Line[], index: number): Heading | null {
  const text = stripEnumerator(undecorated(lines[index]!.text, lines).trim());
  for (const category of RECORD_CATEGORIES) {
    const m = category.pattern.exec(text);
    if (!m) continue;
    const rest = text.slice(m[0].length);
    // A heading or a table row: the name, then at most a short result. Not a sentence that
    // mentions the name (…作出的行政处罚信息).
    const restShort = afterFiller(rest).replace(/[|\s]/g, '');
    if ([...restShort].length > 10 && !NONE_ANYWHERE.test(restShort)) return null;
    return { index, category, rest };
  }
  return null;
}

function resultOf(text: string): { count: number | null; present: boolean } | null {
  const t = afterFiller(text).replace(/\s/g, '');
  if (!t) return null;
  const count = COUNT.exec(t);
  if (count) return { count: Number(count[1]), present: Number(count[1]) > 0 };
  if (NONE.test(t) || NONE_ANYWHERE.test(t)) return { count: 0, present: false };
  if (PRESENT.test(t)) return { count: null, present: true };
  return null;
}

/** Table cells: lines joined with the lines right under them that start at the same x. */
function cellsOf(body: Line[]): string[] {
  const cells: { text: string; last: Line }[] = [];
  const byPosition = [...body].sort((a, b) => a.page - b.page || a.box.y - b.box.y || a.box.x - b.box.x);
  for (const line of byPosition) {
    const above = cells.find(({ last }) => {
      const h = Math.max(last.box.height, line.box.height);
      const gap = line.box.y - (last.box.y + last.box.height);
      return last.page === line.page && Math.abs(last.box.x - line.box.x) < h && gap >= -0.2 * h && gap < 0.6 * h;
    });
    if (above) {
      above.text += line.text;
      above.last = line;
    } else cells.push({ text: line.text, last: line });
  }
  return cells.map((c) => c.text);
}

function records(lines: Line[]): { records: CreditReportRecords[]; recordsFound: boolean | null } {
  const headings: Heading[] = [];
  lines.forEach((_, i) => {
    const h = headingAt(lines, i);
    if (h) headings.push(h);
  });
  const found: (CreditReportRecords & { present: boolean | null })[] = [];
  headings.forEach((h, k) => {
    let end = headings[k + 1]?.index ?? lines.length;
    for (let i = h.index + 1; i < end; i++) if (SECTION_END.test(lines[i]!.text.replace(/^[\s|[\]<>\-—_.:;,]*/, ''))) end = i;
    const own = resultOf(h.rest);
    let count: number | null = own?.count ?? null;
    let present: boolean | null = own?.present ?? null;
    const items: string[] = [];
    // 有 / 存在 without a number: records, count unknown; the words themselves are the item.
    if (own?.present && own.count === null) items.push(afterFiller(undecorated(h.rest, lines)).trim());
    if (!own && h.category.umbrella) {
      // A general heading: only what it says itself (its subsections are categories).
      const next = lines.slice(h.index + 1, end).find((l) => !l.decoration);
      const said = next && resultOf(undecorated(next.text, lines));
      if (said) ({ count, present } = said);
    } else if (!own) {
      const body = lines.slice(h.index + 1, end);
      const numbers = new Set<string>();
      const dated: string[] = [];
      let none = false;
      for (const line of body) {
        if (resultOf(undecorated(line.text, lines))?.count === 0) none = true;
        // A row has its date; running heads and footers (打印时间 …) are not rows.
        if (!line.decoration && !ANY_LABEL.test(line.text) && new RegExp(DATE_SOURCE).test(line.text)) dated.push(line.text);
      }
      // Decision numbers wrap in their narrow column (宁市监罚〔2026〕 / 123号): read them
      // from the table's cells, a cell being the lines under one another at one left edge.
      for (const cell of cellsOf(body)) {
        for (const m of cell.matchAll(DECISION_NUMBER)) numbers.add(m[0].replace(/\s/g, '').replace(/\[/g, '〔').replace(/\]/g, '〕'));
      }
      const rows = Math.max(numbers.size, dated.length);
      // A section that says it has nothing (查询时间段内无相关信息) and shows no decision
      // number has nothing: a date in it is a neighbouring table's, pulled into its row by a
      // photo's tilt (a licence date was counted as a 行政处罚 record).
      if (none && numbers.size === 0) {
        count = 0;
        present = false;
      } else if (rows > 0) {
        count = rows;
        present = true;
        items.push(...(numbers.size >= dated.length ? [...numbers] : dated));
      } else if (none) {
        count = 0;
        present = false;
      } else if (body.length > 0 && resultOf(undecorated(body[0]!.text, lines))) {
        const next = resultOf(undecorated(body[0]!.text, lines))!;
        count = next.count;
        present = next.present;
      }
    }
    if (h.category.umbrella && present === null) return;
    found.push({ category: h.category.name, count, items, present });
  });
  // One entry per category: a report may name a category twice (a summary and a section).
  const merged = new Map<string, (typeof found)[number]>();
  for (const r of found) {
    const prior = merged.get(r.category);
    if (!prior || (prior.present === null && r.present !== null) || (r.count ?? -1) > (prior.count ?? -1)) merged.set(r.category, r);
  }
  const list = [...merged.values()];
  // "None" needs every category read as none, 行政处罚 among them: a section whose heading
  // OCR lost would otherwise hide its records under the section before it.
  const recordsFound = list.some((r) => r.present === true)
    ? true
    : list.some((r) => r.category === '行政处罚') && list.every((r) => r.present === false)
      ? false
      : null;
  return { records: list.map(({ category, count, items }) => ({ category, count, items })), recordsFound };
}

// ---- Parse -----------------------------------------------------------------------------------

/** What a 专项信用报告 says, from its read pages (text layer or OCR). Unread values are null. */
export function parseCreditReport(pages: ReadPage[]): CreditReport {
  const lines = linesOf(pages);
  const { from, to } = period(lines);
  const domainInfo = domains(lines);
  const recordInfo = records(lines);
  return {
    from,
    to,
    generatedAt: generatedAt(lines),
    reportNumber: reportNumber(lines),
    simplePenaltyIncluded: simplePenalty(lines),
    allDomains: domainInfo.allDomains,
    domains: domainInfo.domains,
    records: recordInfo.records,
    recordsFound: recordInfo.recordsFound,
    company: company(lines),
  };
}

// ---- Check -----------------------------------------------------------------------------------

export interface CreditReportPolicy {
  level: Level;
  /** YYYY-MM-DD. */
  applicationDate: string;
  /** Default DEFAULT_TOLERANCE_DAYS. */
  toleranceDays?: number;
  /** Default DEFAULT_MAX_AGE_DAYS. */
  maxAgeDays?: number;
}

/** What checkCreditReport returns (kept as a name for callers that used it). */
export type CreditReportFinding = Finding;

/**
 * Record categories in English, for messageEn. All but 简易处罚 are a warning: the reviewer
 * checks the company's 公共信用状况, and penalties under the ordinary procedure, enforcement
 * and the 失信 lists are what that check is about; 简易处罚 (on-the-spot warnings and small
 * fines) are reported for information.
 */
const CATEGORY_EN: Readonly<Record<string, string>> = {
  行政处罚: 'administrative penalties',
  简易处罚: 'summary-procedure penalties',
  行政强制: 'administrative enforcement',
  严重失信主体名单: 'list of seriously dishonest entities',
  失信被执行人: 'dishonest judgment debtor',
  经营异常名录: 'list of abnormal operations',
  重大税收违法失信主体: 'major tax violations',
  政府采购严重违法失信行为记录名单: 'government procurement blacklist',
  欠税信息: 'tax arrears',
  失信信息: 'dishonesty records',
};
const INFO_ONLY = new Set(['简易处罚']);

const DAY_MS = 86_400_000;
const toDay = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
const fromDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const addDays = (iso: string, days: number) => fromDay(toDay(iso) + days * DAY_MS);
/** The same calendar day `years` earlier (29 February → 28 February). */
function minusYears(iso: string, years: number): string {
  const y = Number(iso.slice(0, 4)) - years;
  const m = Number(iso.slice(5, 7));
  const d = Number(iso.slice(8, 10));
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

function validDay(iso: string, what: string): void {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m || isoDate(m[1]!, m[2]!, m[3]!) !== iso) throw new RangeError(`checkCreditReport: ${what} must be a date as YYYY-MM-DD, got "${iso}"`);
}

const UNREAD = '（未能识别）';

/**
 * Whether a report is the one the notice asks for, on the application date:
 *
 * - QC_REPORT_RANGE_SHORT (error): the period does not cover the last 1 (A) or 3 (AA/AAA)
 *   years before the application date. Required: `from` ≤ applicationDate − N years +
 *   toleranceDays and `to` ≥ applicationDate − toleranceDays; `needFrom`/`needTo` are the
 *   exact window (applicationDate − N years … applicationDate). A warning when the period
 *   could not be read.
 * - QC_REPORT_STALE (warning): generated more than maxAgeDays before the application date.
 * - QC_REPORT_SETTINGS: 查询领域未全选 / 未包含简易处罚 (error); 无法确认查询设置 (warning)
 *   when either setting could not be read.
 * - QC_REPORT_RECORDS: records in the period — a warning for 行政处罚 and the 失信 lists, an
 *   info for 简易处罚 only.
 */
export function checkCreditReport(report: CreditReport, policy: CreditReportPolicy, file: string): Finding[] {
  validDay(policy.applicationDate, 'applicationDate');
  const tolerance = policy.toleranceDays ?? DEFAULT_TOLERANCE_DAYS;
  const maxAge = policy.maxAgeDays ?? DEFAULT_MAX_AGE_DAYS;
  if (!(tolerance >= 0) || !(maxAge >= 0)) throw new RangeError('checkCreditReport: toleranceDays and maxAgeDays must be ≥ 0');
  const years = LEVEL_POLICY[policy.level].creditReportYears;
  const findings: Finding[] = [];
  const application = policy.applicationDate;

  // Period.
  const needFrom = minusYears(application, years);
  const needTo = application;
  const params = { file, from: report.from ?? UNREAD, to: report.to ?? UNREAD, years, needFrom, needTo };
  if (report.from === null || report.to === null) {
    findings.push(finding('QC_REPORT_RANGE_SHORT', 'warning', params));
  } else if (report.from > addDays(needFrom, tolerance) || report.to < addDays(needTo, -tolerance)) {
    findings.push(finding('QC_REPORT_RANGE_SHORT', 'error', params));
  }

  // Age.
  if (report.generatedAt !== null && (toDay(application) - toDay(report.generatedAt)) / DAY_MS > maxAge) {
    findings.push(finding('QC_REPORT_STALE', 'warning', { file, generatedAt: report.generatedAt, applicationDate: application, days: maxAge }));
  }

  // Settings.
  const wrong: string[] = [];
  const unknown: string[] = [];
  if (report.allDomains === false) wrong.push('查询领域未全选');
  if (report.allDomains === null) unknown.push('查询领域');
  if (report.simplePenaltyIncluded === false) wrong.push('未包含简易处罚');
  if (report.simplePenaltyIncluded === null) unknown.push('简易处罚');
  if (wrong.length > 0) findings.push(finding('QC_REPORT_SETTINGS', 'error', { file, problems: wrong.join('；') }));
  if (unknown.length > 0) findings.push(finding('QC_REPORT_SETTINGS', 'warning', { file, problems: `无法确认查询设置（${unknown.join('、')}）` }));

  // Records.
  const withRecords = report.records.filter((r) => (r.count ?? 0) > 0 || (r.count === null && r.items.length > 0));
  if (report.recordsFound === true) {
    const shown = withRecords.length > 0 ? withRecords : report.records.filter((r) => r.count === null);
    const categories = shown.map((r) => (r.count === null ? r.category : `${r.category} ${r.count} 条`)).join('、') || '（类别未能识别）';
    const categoriesEn =
      shown.map((r) => `${CATEGORY_EN[r.category] ?? r.category}${r.count === null ? '' : ` (${r.count})`}`).join(', ') || '(categories not recognised)';
    const severity: Severity = shown.length === 0 || shown.some((r) => !INFO_ONLY.has(r.category)) ? 'warning' : 'info';
    findings.push(finding('QC_REPORT_RECORDS', severity, { file, categories, categoriesEn }));
  }
  return findings;
}
