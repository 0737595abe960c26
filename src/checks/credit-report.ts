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
import { addYears, isCalendarDate } from '../domain/dates.js';
import { CREDIT_DOMAINS } from '../domain/credit-domains.js';
import { readReportFacts, REPORT_FIELD_LABELS } from '../fields/credit-report.js';
import { anyLabel } from '../fields/extract.js';
import { DATE_SOURCE } from '../fields/forms.js';
import { normalizeField } from '../fields/text.js';
import { LEVEL_POLICY, type Level } from '../domain/levels.js';
import type { Box, ReadPage } from '../reading/types.js';
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
  /** Where each fact was read (page, box, the label it stood under), null when not read. */
  sources?: Record<'period' | 'generatedAt' | 'reportNumber' | 'settings', { page: number; box: Box; label: string | null } | null>;
}

/**
 * Domains of the 信用江苏 query form (查询领域). A report that lists every one of them was
 * queried with 全选 even when it prints the list instead of the word.
 */
export const CREDIT_REPORT_DOMAINS: readonly string[] = CREDIT_DOMAINS;

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

function linesOf(pages: ReadPage[]): Line[] {
  const lines: Line[] = [];
  for (const page of pages) {
    for (const line of page.lines) {
      const text = normalizeField(line.text);
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

/** Labels of the report's facts: a line holding one is a field, not a record's row. */
const ANY_LABEL = anyLabel([...REPORT_FIELD_LABELS, { match: '报告用途' }, { match: '法定代表人' }, { match: '成立日期' }, { match: '报告说明' }]);

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
/** Dated lines that are no record: the report's validity, print and issue dates, its closing. */
const NOT_A_ROW = /有效期|打印|生成|出具|查询时间|特此|以下无正文/;
/** A record row: a date, and at least a few words besides it (a line holding only a date is the issuer's signature date). */
function isRecordRow(text: string): boolean {
  const m = new RegExp(DATE_SOURCE).exec(text);
  if (!m) return false;
  const rest = (text.slice(0, m.index) + text.slice(m.index + m[0].length)).replace(/信用江苏|[\s\p{P}]/gu, '');
  return (rest.match(/[\p{Script=Han}A-Za-z0-9]/gu) ?? []).length >= 4;
}
const DECISION_NUMBER = /[\p{Script=Han}A-Za-z]{1,12}\s?[[(<]\s?\d{4}\s?[\])>]\s?第?\s?\d{1,6}\s?号/gu;

/** Whether a record's item is a decision's number (苏市监罚〔2025〕12号, as `records` writes them). */
export function isDecisionNumber(item: string): boolean {
  return new RegExp(DECISION_NUMBER.source, 'u').test(item.replace(/[〔（]/g, '[').replace(/[〕）]/g, ']'));
}

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
        // A row has its date and what happened; running heads and footers (打印时间 …), the
        // report's validity and the issuer's date at its end are not rows.
        if (!line.decoration && !ANY_LABEL.test(line.text) && !NOT_A_ROW.test(line.text) && isRecordRow(line.text)) dated.push(line.text);
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
  const facts = readReportFacts(pages);
  const recordInfo = records(linesOf(pages));
  const where = (r: { page: number; box: Box; label: string | null } | null) => (r ? { page: r.page, box: r.box, label: r.label } : null);
  return {
    from: facts.period?.value.from ?? null,
    to: facts.period?.value.to ?? null,
    generatedAt: facts.generatedAt?.value ?? null,
    reportNumber: facts.reportNumber?.value ?? null,
    simplePenaltyIncluded: facts.simplePenaltyIncluded?.value ?? null,
    allDomains: facts.allDomains?.value ?? null,
    domains: facts.domains,
    records: recordInfo.records,
    recordsFound: recordInfo.recordsFound,
    company: { name: facts.companyName?.value ?? null, creditCode: facts.creditCode?.value ?? null },
    sources: { period: where(facts.period), generatedAt: where(facts.generatedAt), reportNumber: where(facts.reportNumber), settings: where(facts.allDomains ?? facts.simplePenaltyIncluded) },
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
const minusYears = (iso: string, years: number) => addYears(iso, -years);

function validDay(iso: string, what: string): void {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m || !isCalendarDate(iso)) throw new RangeError(`checkCreditReport: ${what} must be a date as YYYY-MM-DD, got "${iso}"`);
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
