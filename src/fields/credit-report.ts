/**
 * The facts of a 专项信用报告 (江苏省专项公共信用信息报告, and the exports of city credit portals)
 * read by meaning: each fact's label synonyms and the form of its value, wherever the layout
 * puts them (see extract.ts). The synonyms are the words real reports and portals use; a fact
 * no label names is looked for only where its form alone is telling (a period in a sentence
 * about the period, the date under the issuer's seal).
 */
import { repairUscc } from '../domain/uscc.js';
import { CREDIT_DOMAINS } from '../domain/credit-domains.js';
import { JIANGSU_CITIES, PROVINCES, shortPlaceName } from '../domain/divisions.js';
import { extractFields, type Candidate, type FieldOutcome, type FieldResult, type FieldSpec, type Label } from './extract.js';
import { allDomainsForm, companyNameForm, dateForm, DATE_SOURCE, domainsIn, periodForm, reportNumberForm, yesNoForm, type Period, type ValueForm } from './forms.js';
import { fieldDocument, type FieldDocument, type FieldLine } from './text.js';
import type { Box, ReadPage } from '../reading/types.js';

const labels = (words: readonly string[], weight = 1): Label[] => words.map((match) => ({ match, weight }));

/** 查询时间段 and the other names of the period a report covers. */
export const PERIOD_LABELS: readonly Label[] = [
  ...labels(['信用信息查询时间段', '查询时间段', '查询时间区间', '查询期间', '查询区间', '查询时段', '查询起止日期', '查询起止时间', '信息查询期间', '信用记录期间', '记录期间', '报告期间', '报告期', '统计区间', '统计期间', '统计时段', '数据期间', '数据归集期间', '归集期间', '信息期间', '起止日期', '起止时间', '时间范围', '查询日期范围']),
  { match: '查询时间', weight: 0.8 },
];

/** When the report was made; a print time and a query time count less (they may differ from it). */
export const GENERATED_LABELS: readonly Label[] = [
  ...labels(['报告生成时间', '报告生成日期', '生成时间', '生成日期', '报告出具日期', '报告出具时间', '出具日期', '出具时间', '报告日期', '报告时间', '出证日期', '制表日期']),
  // In a sentence: 报告生成于2026年6月1日, 本报告出具于….
  { match: /(?:生成|出具)于/u, weight: 0.9 },
  { match: '查询时间', weight: 0.4 },
  { match: '打印时间', weight: 0.25 },
  { match: '打印日期', weight: 0.25 },
];

export const REPORT_NUMBER_LABELS: readonly Label[] = [
  ...labels(['信用报告编号', '报告编号', '报告编码', '报告编码号', '报告证书编号', '证明编号']),
  { match: '报告号', weight: 0.8 },
  { match: '报告验证码', weight: 0.8 },
  { match: '核验码', weight: 0.7 },
  { match: '验证码', weight: 0.7 },
  // 编号 alone: not 副本编号, 证照编号, 许可证编号 …
  { match: /(?<![\p{Script=Han}])编\s?[号码]/u, weight: 0.6 },
  // 报告编号 with two characters misread (报告坊导:) on a running head: alone too weak to count
  // (REPORT_NUMBER_MIN), it adds to a number read elsewhere.
  { match: /报告[^\s\d:;编]{2}(?=\s?[:;])/u, weight: 0.3 },
];
/** A report number needs more than a mangled label's word for it. */
const REPORT_NUMBER_MIN = 0.4;

export const DOMAINS_LABELS: readonly Label[] = labels(['查询领域', '查询范围', '信息领域', '数据领域', '领域范围', '查询信息领域', '信用信息领域']);

export const SIMPLE_PENALTY_LABELS: readonly Label[] = [
  ...labels(['是否包含简易处罚', '是否含简易处罚', '是否包括简易处罚', '含简易程序处罚信息', '包含简易程序处罚', '简易程序行政处罚', '简易程序处罚', '简易处罚信息查询']),
  // The bare words, but not a records section (简易处罚信息, 简易处罚记录 …).
  { match: /简易(?:处罚|程序)(?!信息|记录|案件|决定|作出|的)/u, weight: 0.9 },
  // 简易处罚信息： with its colon is a setting (简易处罚信息：已包含); without, a records section.
  { match: /简易(?:处罚|程序)(?:行政处罚)?信息(?=\s?[:：])/u, weight: 0.9 },
];

export const NAME_LABELS: readonly Label[] = [
  ...labels(['企业名称', '单位名称', '主体名称', '市场主体名称', '企业（单位）名称', '被查询主体', '查询主体', '信用主体名称', '报告对象', '报告主体', '申请主体', '申请单位']),
  { match: /(?<![\p{Script=Han}])名\s?称/u, weight: 0.8 },
  { match: '查询对象', weight: 0.8 },
];

export const CODE_LABELS: readonly Label[] = labels(['统一社会信用代码', '社会信用代码', '信用代码']);

/** Every label of the report's own facts. */
export const REPORT_FIELD_LABELS: readonly Label[] = [...PERIOD_LABELS, ...GENERATED_LABELS, ...REPORT_NUMBER_LABELS, ...DOMAINS_LABELS, ...SIMPLE_PENALTY_LABELS, ...NAME_LABELS, ...CODE_LABELS];

/** Labels of neighbouring facts: they end a value's window. */
const STOPS: readonly Label[] = labels([
  '报告用途', '法定代表人', '负责人', '成立日期', '核准日期', '注册日期', '注册资本', '登记机关', '登记状态', '企业类型', '住所', '出具单位', '出具机构', '报告说明', '查询流水号', '流水号', '注册号', '有效期', '页码', '联系电话',
]);

/** The USCC: 18 characters passing its checks as read, or repaired by its checksum. */
const usccForm: ValueForm<string> = {
  find(text) {
    const out = [];
    for (const m of text.toUpperCase().matchAll(/(?<![0-9A-Z])[0-9A-Z](?:[\s-]?[0-9A-Z]){16,18}(?![0-9A-Z])/g)) {
      const repair = repairUscc(m[0].replace(/[\s-]/g, ''));
      if (repair.code && repair.code.length === 18) out.push({ value: repair.code, start: m.index, end: m.index + m[0].length, quality: repair.status === 'valid' ? 1 : 0.6 });
    }
    return out;
  },
};

/**
 * A list of names that goes on to the next line: names and separators only, and a separator in
 * it (a table's column of single names, one per row, is not a list printed over lines).
 */
const LIST_LINE = /^(?=.*[、,，;；/])[\p{Script=Han}、,;/\s()。.，；]+$/u;

/**
 * The text a sentence finder reads: each line, and each line joined with the next where a
 * paragraph wraps (same page, the next line right under it, no full stop between), so that a
 * statement broken over two lines (…在2024年5月25日 / 至2026年5月24日期间…) is read whole.
 * `joinAt` is where the second line starts: a finder keeps a match from a joined window only
 * when it spans the break, so no statement counts twice.
 */
interface SentenceWindow {
  text: string;
  joinAt: number | null;
  line: FieldLine;
}

const windowsCache = new WeakMap<FieldDocument, SentenceWindow[]>();

/** Computed once per document: four sentence finders read the same windows. */
function sentenceWindows(doc: FieldDocument): SentenceWindow[] {
  const cached = windowsCache.get(doc);
  if (cached) return cached;
  const out: SentenceWindow[] = [];
  const content = doc.lines.filter((l) => !l.decoration);
  content.forEach((line, i) => {
    out.push({ text: line.text, joinAt: null, line });
    const next = content[i + 1];
    if (!next || next.page !== line.page || /[。！!？?]\s*$/u.test(line.text)) return;
    const h = Math.max(line.box.height, next.box.height);
    const gap = next.box.y - (line.box.y + line.box.height);
    if (gap < -0.3 * h || gap > 1.3 * h || next.box.x > line.box.x + 1.5 * h) return;
    out.push({ text: line.text + next.text, joinAt: line.text.length, line });
  });
  windowsCache.set(doc, out);
  return out;
}

/** Whether a match in a window is its own: in a joined window, only one that spans the break. */
const spansBreak = (w: SentenceWindow, start: number, end: number) => w.joinAt === null || (start < w.joinAt && end > w.joinAt);

/** Lines that speak of a period (a sentence in the notes): a period in them is the report's. */
const PERIOD_WORDS = /期间|时间段|报告期|区间|时段|查询|自.*起.*止/;
/** …but not the validity of the report or of a licence. */
const OTHER_PERIODS = /有效期|营业期限|经营期限|许可期限|有效至/;

function unlabelledPeriods(doc: FieldDocument): Candidate<Period>[] {
  const out: Candidate<Period>[] = [];
  for (const w of sentenceWindows(doc)) {
    const { line, text } = w;
    if (OTHER_PERIODS.test(text)) continue;
    for (const m of periodForm.find(text)) {
      // A joined window adds what a line alone does not: a period broken over the two lines, or
      // one whose telling words (…（以下简称“查询期间”）) wrapped onto the next line.
      if (!spansBreak(w, m.start, m.end) && (m.end > w.joinAt! || PERIOD_WORDS.test(line.text))) continue;
      const telling = PERIOD_WORDS.test(text) || /^[^\p{Script=Han}\d]{0,3}$/u.test(text.slice(0, m.start) + text.slice(m.end));
      if (telling) out.push({ value: m.value, score: m.quality * (0.5 + 0.5 * line.confidence), page: line.page, box: line.box, label: null, place: 'unlabelled' });
    }
  }
  return out;
}

/** Where the issuer signs (出具单位, the centre's name): the date there, on the last pages, is the report's. */
const ISSUER = /出具(?:单位|机构|部门)|^[^\p{Script=Han}]{0,3}出具人|信用(?:信息)?中心\s?[|)）（(盖章]*$|(?:发展和改革委员会|发展改革委|信用办|信用体系建设[^\s]{0,12}办公室)\s?[)）（(盖章]*$|以下无正文|^\s?特此(?:证明|报告|说明)/u;

function unlabelledGeneration(doc: FieldDocument): Candidate<string>[] {
  const out: Candidate<string>[] = [];
  const lastPage = Math.max(...doc.lines.map((l) => l.page));
  const dateOnly = new RegExp(`^[^\\p{Script=Han}\\d]{0,3}${DATE_SOURCE}[^\\p{Script=Han}\\d]{0,3}$`, 'u');
  for (const line of doc.lines) {
    if (line.decoration) continue;
    // A date with a time of day on the first page: when the report was made.
    if (line.page === doc.lines[0]?.page && !/打印|有效|查询时间/.test(line.text)) {
      for (const m of line.text.matchAll(new RegExp(`${DATE_SOURCE}(?=\\s?(?:[01]?\\d|2[0-3])\\s?[:.]\\s?[0-5]\\d)`, 'gu'))) {
        const day = dateForm.find(m[0])[0];
        if (day) out.push({ value: day.value, score: 1, page: line.page, box: line.box, label: null, place: "unlabelled" });
      }
    }
    // The date under (or beside) the issuer's name on the last pages.
    if (line.page >= lastPage - 1 && ISSUER.test(line.text)) {
      const own = doc.byPage.get(line.page) ?? [];
      for (const next of own.filter((l) => l.index > line.index).slice(0, 4)) {
        if (!dateOnly.test(next.text.trim())) continue;
        const day = dateForm.find(next.text)[0];
        if (day) {
          out.push({ value: day.value, score: 1.2 * day.quality, page: next.page, box: next.box, label: null, place: 'unlabelled' });
          break;
        }
      }
    }
  }
  return out;
}

/**
 * 报告说明: “（不）含适用简易程序作出的行政处罚信息”; and a section of 简易处罚信息, which a
 * report has only when the query included them.
 */
function unlabelledSimplePenalty(doc: FieldDocument): Candidate<boolean>[] {
  const out: Candidate<boolean>[] = [];
  for (const w of sentenceWindows(doc)) {
    const { line, text } = w;
    const add = (value: boolean) => out.push({ value, score: 1.4 * (0.5 + 0.5 * line.confidence), page: line.page, box: line.box, label: null, place: 'unlabelled' });
    // A sentence that says the report includes them (or not): 含适用简易程序作出的…, 并包含简易
    // 程序行政处罚信息, 查询结果包含依简易程序作出的…, 不含简易处罚信息 — not a label (是否包含
    // 简易处罚, 含简易程序处罚信息：).
    for (const m of text.matchAll(/(?<![是否包])(不|未)?(?:包含|包括|含有|含|涵盖)了?(?:适用|依|按)?简易(?:程序|处罚)((?:作出的|的)?(?:行政)?(?:处罚)?(?:信息|记录|案件)?)(\s?[:：])?/g)) {
      if (m[3] || !spansBreak(w, m.index, m.index + m[0].length)) continue;
      add(m[1] === undefined);
    }
    // …or the other way round: 依简易程序作出的行政处罚信息未纳入本次查询 / 已纳入查询范围.
    for (const m of text.matchAll(/简易(?:程序|处罚)[^。；;，,:：]{0,16}?(未纳入|不纳入|未包含|不包含|未查询|未列入|已纳入|纳入|已包含|已查询)(?:本次)?(?:查询|范围|报告)/g)) {
      if (!spansBreak(w, m.index, m.index + m[0].length)) continue;
      add(!/^[未不]/.test(m[1]!));
    }
    if (/^[\s|(（]*(?:[一二三四五六七八九十]+|\d{1,2})?[\s、.)）]*简易(?:处罚|程序)(?:信息|记录)\s*$/u.test(line.text)) {
      out.push({ value: true, score: 1, page: line.page, box: line.box, label: null, place: 'unlabelled' });
    }
  }
  return out;
}

/** 全选 said in a sentence: 查询领域选择了“全选”, 覆盖全部信用领域, 共18个领域. */
const ALL_DOMAINS_SAID = /(?:查询|覆盖|涵盖|检索)[^。；;]{0,14}?(?:[“"]\s?全\s?选\s?[”"]|全部(?:\d{1,2}个)?(?:信用)?(?:信息)?领域|所有(?:信用)?领域)/u;
const DOMAIN_COUNT = /共\s?(\d{1,2})\s?个(?:信用)?领域/u;

/** A line of known domain names only: the list, its label lost. */
function unlabelledDomains(doc: FieldDocument): Candidate<boolean>[] {
  const out: Candidate<boolean>[] = [];
  for (const w of sentenceWindows(doc)) {
    const { line, text } = w;
    const said = ALL_DOMAINS_SAID.exec(text);
    if (said && spansBreak(w, said.index, said.index + said[0].length)) out.push({ value: true, score: 1.2 * (0.5 + 0.5 * line.confidence), page: line.page, box: line.box, label: null, place: 'unlabelled' });
    const count = DOMAIN_COUNT.exec(text);
    if (count && spansBreak(w, count.index, count.index + count[0].length)) {
      out.push({ value: Number(count[1]) >= CREDIT_DOMAINS.length, score: 1.2 * (0.5 + 0.5 * line.confidence), page: line.page, box: line.box, label: null, place: 'unlabelled' });
    }
  }
  for (const line of doc.lines) {
    if (!LIST_LINE.test(line.text)) continue;
    const names = line.text.split(/[、,;/\s。.，；]+/).filter((n) => [...n].length >= 2);
    if (names.length < 3 || domainsIn(line.text).length < names.length) continue;
    for (const m of allDomainsForm.find(line.text)) out.push({ value: m.value, score: m.quality, page: line.page, box: line.box, label: null, place: 'unlabelled' });
  }
  return out;
}

/** Words a sentence puts before the subject's name: not part of it. */
const LEAD_IN = /^(?:关于|经查询|经查|兹证明|兹有|现将|根据|截至|(?:报告|申请|查询|信用)?(?:对象|主体|单位|企业)(?:名称)?(?:为|是)|[，,。：:；;])+/u;
/**
 * One-character lead-ins (应…申请, 对…进行) are also how names begin (致远, 应氏): one is cut
 * only before a place name, where a name usually starts (应常州…有限公司).
 */
const PLACES = [...Object.values(PROVINCES), ...Object.values(JIANGSU_CITIES)].map(shortPlaceName);
const VERB_LEAD_IN = new RegExp(`^(?:应|对|向|致|由)(?=${PLACES.join('|')})`, 'u');

/**
 * The subject's name in a sentence: the name right before its credit code (XX有限公司（统一社会
 * 信用代码：…）), or the subject of a title (关于XX有限公司…的报告).
 */
function unlabelledName(doc: FieldDocument): Candidate<string>[] {
  const out: Candidate<string>[] = [];
  const first = doc.lines[0]?.page;
  for (const w of sentenceWindows(doc)) {
    const { line, text } = w;
    // A letter addressed to the company: its name alone on a line, with a colon (XX有限公司：).
    if (w.joinAt === null && line.page === first && /^\s?[\p{Script=Han}（）()]{4,60}[：:]\s?$/u.test(text)) {
      const m = companyNameForm.find(text)[0];
      if (m && m.start === 0) out.push({ value: m.value, score: 0.9, page: line.page, box: line.box, label: null, place: 'unlabelled' });
    }
    for (const m of companyNameForm.find(text)) {
      if (!spansBreak(w, m.start, m.end + 12)) continue;
      const rest = text.slice(m.end);
      const before = text.slice(0, m.start);
      // Its code follows (…有限公司（统一社会信用代码：…, …有限公司，统一社会信用代码为…), or the
      // sentence names it as the subject (…有限公司（以下简称“该主体”…).
      const beforeCode = /^\s?[（(，,]?\s?(?:统一)?社会信用代码|^\s?[（(]\s?以下简称/u.test(rest);
      // A title: (主题：)(关于)XX有限公司(的)(专项)(公共)信用(信息)报告.
      const titled = /关于\s?$/u.test(before) || /^关于/u.test(m.value) || /^[^\p{Script=Han}]*(?:(?:主题|标题|事由)\s?[:：])?\s?$/u.test(before);
      const subject = titled && /^(?:的)?(?:专项)?(?:公共)?信用(?:信息|状况)?(?:的)?(?:专项)?(?:信用)?(?:报告|证明|查询|情况)/u.test(rest);
      if (!beforeCode && !subject) continue;
      const value = m.value.replace(LEAD_IN, '').replace(VERB_LEAD_IN, '');
      if (value.length < 4) continue;
      out.push({ value, score: 0.9, page: line.page, box: line.box, label: null, place: 'unlabelled' });
    }
  }
  return out;
}

const SPECS = {
  period: { name: 'period', labels: PERIOD_LABELS, form: periodForm, unlabelled: unlabelledPeriods } satisfies FieldSpec<Period>,
  generatedAt: { name: 'generatedAt', labels: GENERATED_LABELS, form: dateForm, unlabelled: unlabelledGeneration } satisfies FieldSpec<string>,
  reportNumber: { name: 'reportNumber', labels: REPORT_NUMBER_LABELS, form: reportNumberForm, places: ['after', 'right', 'below'], minScore: REPORT_NUMBER_MIN } satisfies FieldSpec<string>,
  allDomains: {
    name: 'allDomains',
    labels: DOMAINS_LABELS,
    form: allDomainsForm,
    continues: (l: FieldLine) => LIST_LINE.test(l.text),
    unlabelled: unlabelledDomains,
    unlabelledOnlyAlone: true,
    // "Not all domains" makes an error: it must be well ahead of any reading of 全选.
    margin: (all: boolean) => (all ? 1.25 : 2),
  } satisfies FieldSpec<boolean>,
  domainList: {
    name: 'domainList',
    labels: DOMAINS_LABELS,
    form: { key: (d: string[]) => d.join('、'), find: (text: string) => (domainsIn(text).length ? [{ value: domainsIn(text), start: 0, end: text.length, quality: 1 }] : []) },
    places: ['after', 'right', 'below'],
    continues: (l: FieldLine) => LIST_LINE.test(l.text),
  } satisfies FieldSpec<string[]>,
  simplePenalty: {
    name: 'simplePenalty',
    labels: SIMPLE_PENALTY_LABELS,
    form: yesNoForm,
    unlabelled: unlabelledSimplePenalty,
    // 简易处罚 否 makes an error: it must be well ahead of any reading of 是.
    margin: (included: boolean) => (included ? 1.25 : 2),
  } satisfies FieldSpec<boolean>,
  companyName: { name: 'companyName', labels: NAME_LABELS, form: companyNameForm, unlabelled: unlabelledName } satisfies FieldSpec<string>,
  creditCode: { name: 'creditCode', labels: CODE_LABELS, form: usccForm, places: ['after', 'right', 'below'] } satisfies FieldSpec<string>,
};

export interface Located {
  page: number;
  box: Box;
  /** The label it was read under (null: found by its form alone). */
  label: string | null;
}

export interface ReportFacts {
  period: FieldResult<Period> | null;
  generatedAt: FieldResult<string> | null;
  reportNumber: FieldResult<string> | null;
  allDomains: FieldResult<boolean> | null;
  domains: string[];
  simplePenaltyIncluded: FieldResult<boolean> | null;
  companyName: FieldResult<string> | null;
  creditCode: FieldResult<string> | null;
  /** Facts whose readings disagreed (not one clearly ahead): say so rather than guess. */
  ambiguous: string[];
}

/** Every fact's outcome with its candidates (for explaining a reading). */
export function reportFieldOutcomes(pages: ReadPage[]): Map<string, FieldOutcome<unknown>> {
  return extractFields(fieldDocument(pages), Object.values(SPECS) as FieldSpec<unknown>[], STOPS);
}

/** The facts a credit report states, wherever its layout puts them. */
export function readReportFacts(pages: ReadPage[]): ReportFacts {
  const out = reportFieldOutcomes(pages);
  const get = <T>(name: keyof typeof SPECS) => out.get(name) as FieldOutcome<T>;
  const ambiguous = [...out].filter(([, o]) => o.ambiguous).map(([name]) => name);
  return {
    period: get<Period>('period').result,
    generatedAt: get<string>('generatedAt').result,
    reportNumber: get<string>('reportNumber').result,
    allDomains: get<boolean>('allDomains').result,
    domains: get<string[]>('domainList').result?.value ?? [],
    simplePenaltyIncluded: get<boolean>('simplePenalty').result,
    companyName: get<string>('companyName').result,
    creditCode: get<string>('creditCode').result,
    ambiguous,
  };
}
