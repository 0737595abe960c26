/**
 * THE PEER: a plain regular-expression reader, the baseline our own reader is compared against.
 *
 * The evaluation prints, beside our rates, what "a competent developer's script of regular
 * expressions" gets on the same files. This is that script: it takes the plain text of a
 * document (all pages joined with newlines, in reading order — what pdftotext or an OCR engine
 * gives) and pulls out the facts with regexes, label synonyms and a little normalising. No
 * geometry, no OCR, no look-alike repair, no knowledge of which kind of document it is given.
 *
 * It was written independently of our reader: without opening src/checks/, src/fields/ or
 * src/reading/credit-code.ts, and without tuning to the test corpus. The only project code it
 * uses is the domain layer's GB 32100 check (src/domain/uscc.ts).
 */
import { validateUscc } from '../src/domain/uscc.js';

export interface PeerFacts {
  /** The unified social credit code: 18 characters [0-9A-HJ-NPQRTUWXY], or null. */
  creditCode: string | null;
  /** Company name after a name label, up to its entity suffix. */
  companyName: string | null;
  /** Credit reports: the period, YYYY-MM-DD both. */
  periodFrom: string | null;
  periodTo: string | null;
  /** Credit reports: the generation day, YYYY-MM-DD. */
  generatedAt: string | null;
  /** Credit reports: the report number, an alphanumeric token. */
  reportNumber: string | null;
  /** Credit reports: 查询领域 全选 → true, a partial list → false, else null. */
  allDomains: boolean | null;
  /** Credit reports: 简易处罚 是 → true, 否 → false, else null. */
  simplePenaltyIncluded: boolean | null;
  /** Pledges: the date on the signing line (年 月 日), YYYY-MM-DD, or null. */
  signedDate: string | null;
  /** Licences: 成立日期 / 注册日期, YYYY-MM-DD. */
  establishedOn: string | null;
}

// ---- Normalising -----------------------------------------------------------------------

const CJK = '\\u2e80-\\u2fff\\u3000-\\u303f\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff';
const SPACE_NEXT_TO_CJK = new RegExp(` (?=[${CJK}:()])|(?<=[${CJK}:()]) `, 'g');

/**
 * Full-width → half-width (NFKC: ：→:, （→(, ０→0, ideographic space → space), one space for
 * any run of blanks, and no space next to a Chinese character, colon or bracket — OCR puts
 * spaces between Chinese characters ("名 称 ： 南 京 …"). Newlines are kept.
 */
export function normalizeText(raw: string): string {
  return raw
    .replace(/\r\n?/g, '\n')
    .normalize('NFKC')
    .replace(/[\u2236\ufe55]/g, ':') // ∶ ﹕
    .replace(/[\u200b-\u200d\u2060\ufeff]/g, '')
    .replace(/[^\S\n]+/g, ' ')
    .replace(SPACE_NEXT_TO_CJK, '')
    .split('\n')
    .map((line) => line.trim())
    .join('\n');
}

// ---- Dates -----------------------------------------------------------------------------

const CN_DIGITS: Record<string, number> = {
  '〇': 0, '零': 0, '○': 0, O: 0, '0': 0, '一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8,
  '九': 9,
};
const NUM_DATE = String.raw`(?<!\d)\d{4} ?(?:[-./]|年) ?\d{1,2} ?(?:[-./]|月) ?\d{1,2}(?!\d)(?: ?日)?`;
const CN_PART = String.raw`(?:[一二三四五六七八九十〇零]{1,3}|\d{1,2})`;
const CN_DATE = String.raw`[〇零○O0一二三四五六七八九]{4}年${CN_PART}月${CN_PART}日`;
const COMPACT_DATE = String.raw`(?<!\d)(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?!\d)`;
/** Any date this script understands; no capture groups inside. */
const DATE = `(?:${NUM_DATE}|${CN_DATE}|${COMPACT_DATE})`;
/** Between the two dates of a period. */
const RANGE_SEP = String.raw` ?(?:起?至|起?到|~|〜|-{1,2}|—{1,2}|–|―|一) ?`;

const pad = (n: number) => String(n).padStart(2, '0');

function isoDate(y: number, m: number, d: number): string | null {
  if (!(y >= 1900 && y <= 2100 && m >= 1 && m <= 12 && d >= 1)) return null;
  if (d > new Date(Date.UTC(y, m, 0)).getUTCDate()) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** 六 → 6, 十 → 10, 十二 → 12, 二十 → 20, 三十一 → 31, 〇六 → 6, 12 → 12. */
function cnNumber(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  if (s.includes('十')) {
    const [tens, ones] = s.split('十');
    return (tens ? (CN_DIGITS[tens] ?? NaN) : 1) * 10 + (ones ? (CN_DIGITS[ones] ?? NaN) : 0);
  }
  return Number([...s].map((ch) => CN_DIGITS[ch] ?? NaN).join(''));
}

/** A date as matched by DATE → YYYY-MM-DD, or null when it is no real day. */
export function parseDate(s: string): string | null {
  let m = /(\d{4}) ?(?:[-./]|年) ?(\d{1,2}) ?(?:[-./]|月) ?(\d{1,2})/.exec(s);
  if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /([〇零○O0一二三四五六七八九]{4})年(\S{1,3})月(\S{1,3})日/.exec(s);
  if (m) return isoDate(cnNumber(m[1]!), cnNumber(m[2]!), cnNumber(m[3]!));
  return null;
}

// ---- Helpers ---------------------------------------------------------------------------

/** The first capture of the first pattern that matches (patterns in order of preference). */
function firstCapture(text: string, patterns: RegExp[], accept: (value: string, end: number) => boolean = () => true): string | null {
  for (const re of patterns) {
    const global = new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g');
    for (const m of text.matchAll(global)) {
      const value = m[1];
      if (value !== undefined && accept(value, (m.index ?? 0) + m[0].length)) return value;
    }
  }
  return null;
}

/** Optional bracketed note after a label: 报告生成时间(北京时间), 承诺单位(盖章). */
const NOTE = String.raw`(?:\([^)\n]{0,15}\))?`;
/** Label to value: colon, blanks or a line break; "为" as in 报告期为…. */
const GAP = String.raw`[:\s]*(?:为)?[:\s]*`;

// ---- Credit code -----------------------------------------------------------------------

const CODE_RUN = /[0-9A-HJ-NPQRTUWXY]{18}/;

function readCreditCode(text: string): string | null {
  // The first 18-character run within ~40 characters after a label.
  for (const m of text.matchAll(/统一社会信用代码|社会信用代码|信用代码|统一代码/g)) {
    const window = text
      .slice((m.index ?? 0) + m[0].length, (m.index ?? 0) + m[0].length + 40)
      .replace(/\s+/g, '')
      .toUpperCase();
    const run = CODE_RUN.exec(window);
    if (run) return run[0];
  }
  // Else the first 18-character run anywhere (line by line, blanks removed) that passes the check.
  for (const line of text.split('\n')) {
    const compact = line.replace(/\s+/g, '').toUpperCase();
    for (const m of compact.matchAll(/(?=([0-9A-HJ-NPQRTUWXY]{18}))/g)) {
      if (validateUscc(m[1]!).valid) return m[1]!;
    }
  }
  return null;
}

// ---- Company name ----------------------------------------------------------------------

const NAME_CHARS = String.raw`[\u4e00-\u9fffA-Za-z0-9()·&\-]`;
const STRONG_SUFFIX =
  String.raw`(?:股份有限公司|有限责任公司|有限公司|集团公司|分公司|公司|合伙企业(?:\((?:有限合伙|普通合伙|特殊普通合伙)\))?|专业合作社|合作社|联合社)`;
const WEAK_SUFFIX = String.raw`(?:经营部|门市部|商行|工作室|事务所|个体工商户|厂|店)`;
const UP_TO_STRONG = new RegExp(String.raw`^.{2,}?${STRONG_SUFFIX}(?:[\u4e00-\u9fff()]{1,12}?分公司)?`);
const UP_TO_WEAK = new RegExp(String.raw`^.{2,}?${WEAK_SUFFIX}`);
const NOT_A_NAME = /承诺|保证|申请|提交|本公司|我公司|该公司|本单位|我单位/;

/** The name at the start of a run of name characters, cut after its entity suffix. */
function nameFrom(run: string): string | null {
  const m = UP_TO_STRONG.exec(run) ?? UP_TO_WEAK.exec(run);
  if (!m) return null;
  const name = m[0];
  return name.length >= 4 && !NOT_A_NAME.test(name) ? name : null;
}

function readCompanyName(text: string): string | null {
  // Labels that are followed by the name directly (licence, report header).
  const direct = String.raw`市场主体名称|企业\(单位\)名称|企业名称|单位名称|主体名称|公司名称|被查询主体名称|被查询主体|查询主体|查询对象|名称`;
  // Labels that need a colon before the name, since they also start sentences (承诺人保证…).
  const withColon = String.raw`申请单位|申报单位|申请企业|申报企业|承诺单位|承诺企业|承诺人`;
  const patterns = [
    new RegExp(String.raw`(?:${direct})${NOTE}[:\s]*(${NAME_CHARS}{2,60})`, 'g'),
    new RegExp(String.raw`(?:${withColon})${NOTE}:\s*(${NAME_CHARS}{2,60})`, 'g'),
    // 本单位(南京……有限公司)郑重承诺
    new RegExp(String.raw`(?:本单位|本企业|本公司|我单位|我公司)\(?(${NAME_CHARS}{2,60})`, 'g'),
  ];
  for (const re of patterns) {
    for (const m of text.matchAll(re)) {
      const name = nameFrom(m[1]!);
      if (name) return name;
    }
  }
  // A line that is nothing but a name, or a title "<name>质量信用承诺书".
  const wholeLine = new RegExp(String.raw`^(${NAME_CHARS}{2,60}?${STRONG_SUFFIX})(?:质量)?(?:信用)?(?:承诺书|承诺函)?$`);
  for (const line of text.split('\n')) {
    const m = wholeLine.exec(line);
    if (m && !NOT_A_NAME.test(m[1]!)) return m[1]!;
  }
  return null;
}

// ---- Credit report facts ---------------------------------------------------------------

function readPeriod(text: string): [string | null, string | null] {
  const labels = [
    '查询时间段', '查询时段', '查询期间', '查询区间', '查询时间范围', '查询日期范围', '报告期间', '报告期',
    '报告时段', '信用记录期间', '记录期间', '统计区间', '统计期间', '统计时段', '起止日期', '起止时间',
    '时间区间', '时间范围', '时间段', '查询时间', '查询日期', '期间',
  ];
  const range = String.raw`(${DATE})${RANGE_SEP}(${DATE})`;
  const patterns = [
    new RegExp(String.raw`(?:${labels.join('|')})${NOTE}${GAP}${range}`),
    new RegExp(String.raw`自 ?(${DATE}) ?起? ?(?:至|到) ?(${DATE})`),
  ];
  // Anything "<date>至<date>" in a text that calls itself a credit report.
  if (/信用报告|信用信息报告/.test(text)) patterns.push(new RegExp(String.raw`(${DATE}) ?(?:至|到) ?(${DATE})`));
  for (const re of patterns) {
    const m = re.exec(text);
    if (!m) continue;
    const from = parseDate(m[1]!);
    const to = parseDate(m[2]!);
    if (from && to) return [from, to];
  }
  return [null, null];
}

function readGeneratedAt(text: string): string | null {
  const groups = [
    '报告生成时间|报告生成日期|生成时间|生成日期',
    '报告出具日期|报告出具时间|出具日期|出具时间',
    '报告日期|报告时间',
    '打印日期|打印时间|查询日期|查询时间(?!段|范围|区间|期间)',
  ];
  const patterns = groups.map((g) => new RegExp(String.raw`(?:${g})${NOTE}${GAP}(${DATE})`));
  patterns.push(new RegExp(String.raw`生成于 ?(${DATE})`));
  // A date followed by "至 <date>" is the start of a period, not a generation day.
  const startsRange = new RegExp(String.raw`^${RANGE_SEP}${DATE}`);
  const found = firstCapture(text, patterns, (_v, end) => !startsRange.test(text.slice(end)));
  return found ? parseDate(found) : null;
}

function readReportNumber(text: string): string | null {
  const token = String.raw`[:\s#]*([A-Za-z0-9][A-Za-z0-9\-_/]{4,})`;
  const patterns = [
    new RegExp(String.raw`(?:信用报告编号|报告编号|报告编码|报告序号|报告号)${NOTE}${token}`),
    new RegExp(String.raw`(?:(?<!证照|注册|登记|文件|档案)编号|\bNo\.?)${token}`),
  ];
  return firstCapture(text, patterns, (v) => /\d/.test(v));
}

const CHECKED = '[☑✓✔√■☒✅▣]';
const UNCHECKED = '[□☐○◻]';

function readAllDomains(text: string): boolean | null {
  const label = /(?:查询领域|信用领域|领域范围|查询范围|涉及领域|查询类别|信息类别|查询内容)(?:\([^)\n]{0,15}\))?:?/.exec(text);
  if (!label) return null;
  const after = text.slice(label.index + label[0].length).split('\n');
  let value = (after[0] ?? '').trim();
  // Table layout: the value on the next line, unless that line is another "label:".
  if (value === '' && after[1] !== undefined && !/^[\u4e00-\u9fff]{2,10}:/.test(after[1])) value = after[1].trim();
  if (new RegExp(`${CHECKED} ?全(?:选|部)`).test(value)) return true;
  if (new RegExp(`${UNCHECKED} ?全(?:选|部)`).test(value)) return false;
  if (/全选|全部领域|所有领域|全领域|^全部/.test(value)) return true;
  if (/[\u4e00-\u9fff]{2}/.test(value)) return false; // a list of named domains
  return null;
}

function readSimplePenalty(text: string): boolean | null {
  const label = /(?:是否)?(?:包含|包括|含)?简易(?:程序)?处罚(?:信息|记录|案件|事项)?(?:\([^)\n]{0,15}\))?[:\s]*/g;
  for (const m of text.matchAll(label)) {
    const value = text.slice((m.index ?? 0) + m[0].length, (m.index ?? 0) + m[0].length + 12);
    const ticked = new RegExp(`${CHECKED} ?(是|否)`).exec(value);
    if (ticked) return ticked[1] === '是';
    if (/^(?:不包含|不包括|不含|否|未包含)/.test(value)) return false;
    if (/^(?:是|包含|包括|含)/.test(value)) return true;
  }
  // Said in a sentence: 本报告不包含简易处罚信息 / 本报告包含简易程序处罚.
  if (/(?:不包含|不包括|不含|未包含|未包括)简易(?:程序)?处罚/.test(text)) return false;
  if (/(?<![是否不包])(?:包含|包括|含)简易(?:程序)?处罚/.test(text)) return true;
  return null;
}

// ---- Pledge and licence dates ------------------------------------------------------------

function readSignedDate(text: string): string | null {
  if (!/承诺书|承诺函|郑重承诺|承诺人|承诺单位|承诺企业/.test(text)) return null;
  // A labelled date on the signing line; the last one, since the signature comes at the end.
  const labelled = [...text.matchAll(new RegExp(String.raw`(?:签署|签字|签名|签订|签章|承诺|落款|填报|申报)?日期${NOTE}[:\s]*(${DATE})`, 'g'))];
  const last = labelled.at(-1);
  if (last) return parseDate(last[1]!);
  // Else the last date in the text, if it stands after the last signature anchor or in the
  // last few lines (a blank "年 月 日" line has no digits and so gives null).
  const dates = [...text.matchAll(new RegExp(DATE, 'g'))];
  const lastDate = dates.at(-1);
  if (!lastDate) return null;
  const at = lastDate.index ?? 0;
  const anchors = [...text.matchAll(/承诺人|承诺单位|承诺企业|盖章|公章|签字|签章|签名|法定代表人|负责人/g)];
  const lastAnchor = anchors.at(-1);
  const afterAnchor = lastAnchor !== undefined && at >= (lastAnchor.index ?? 0);
  const lineStarts = [...text.matchAll(/^.*\S.*$/gm)].map((l) => l.index ?? 0);
  const inTail = at >= (lineStarts.at(-5) ?? 0);
  return afterAnchor || inTail ? parseDate(lastDate[0]) : null;
}

function readEstablishedOn(text: string): string | null {
  const found = firstCapture(text, [
    new RegExp(String.raw`(?:成立日期|注册日期|成立时间|注册时间|设立日期|成立于)${GAP}(${DATE})`),
  ]);
  return found ? parseDate(found) : null;
}

// ---- Entry -----------------------------------------------------------------------------

export function peerRead(raw: string): PeerFacts {
  const text = normalizeText(raw);
  const [periodFrom, periodTo] = readPeriod(text);
  return {
    creditCode: readCreditCode(text),
    companyName: readCompanyName(text),
    periodFrom,
    periodTo,
    generatedAt: readGeneratedAt(text),
    reportNumber: readReportNumber(text),
    allDomains: readAllDomains(text),
    simplePenaltyIncluded: readSimplePenalty(text),
    signedDate: readSignedDate(text),
    establishedOn: readEstablishedOn(text),
  };
}
