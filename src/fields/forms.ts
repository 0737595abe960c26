/**
 * The forms values take. A form finds its values inside a piece of text and says where each
 * stands and how well it fits; the extractor (extract.ts) decides which piece of text to look
 * in. A value that does not have its form is never a candidate: a period is two real dates in
 * order, a plausible length apart; a report number has letters and digits and is no date; a
 * company name ends as legal entities' names end.
 */
import { calendarDate } from '../domain/dates.js';
import { CREDIT_DOMAINS } from '../domain/credit-domains.js';
import { editDistance } from '../util/edit-distance.js';

export interface FormMatch<T> {
  value: T;
  /** Offsets of the match in the text searched. */
  start: number;
  end: number;
  /** 0..1: how well it fits the form (1 a clean reading; less for OCR look-alikes repaired). */
  quality: number;
}

export interface ValueForm<T> {
  /** Every value of this form in `text`, in order. */
  find(text: string): FormMatch<T>[];
  /** The key two readings agree on (the value itself by default). */
  key?(value: T): string;
}

// ---- Dates -------------------------------------------------------------------------------------

/** Digits and what OCR reads for them inside a date (O/o for 0, l/I for 1). */
const D = '[0-9OolI]';
const YEAR = `(${D}\\s?${D}\\s?${D}\\s?${D})`;
const SEP = '\\s?[-./:]{1,2}\\s?';
const NUMERIC_DATE = `(?<![0-9A-Za-z])${YEAR}${SEP}(${D}{1,2})${SEP}(${D}{1,2})(?![0-9])`;
const CHINESE_DATE = `(?<![0-9A-Za-z])${YEAR}\\s?年\\s?(${D}{1,2})\\s?月\\s?(${D}{1,2})(?:\\s?[日号])?(?![0-9])`;
const HAN_DIGIT = '[〇○◯零OoＯ0一二三四五六七八九十]';
/** Chinese numerals: 二〇二六年六月十二日 (signing dates, seals' dates). */
const NUMERAL_DATE = `(${HAN_DIGIT}{4})\\s?年\\s?(${HAN_DIGIT}{1,3})\\s?月\\s?(${HAN_DIGIT}{1,3})\\s?日`;
export const DATE_SOURCE = `(?:${NUMERIC_DATE}|${CHINESE_DATE}|${NUMERAL_DATE})`;

const digitsOf = (s: string) => s.replace(/\s/g, '').replace(/[Oo]/g, '0').replace(/[lI]/g, '1');
const lookalikes = (s: string) => /[OolI]/.test(s);

const HAN_VALUE: Record<string, number> = { 〇: 0, '○': 0, '◯': 0, 零: 0, O: 0, o: 0, Ｏ: 0, '0': 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 十二 → 12, 二十一 → 21, 三十 → 30, 六 → 6; a year digit by digit (二〇二六 → 2026). */
function hanNumber(text: string, digitwise: boolean): number | null {
  const chars = [...text];
  if (digitwise) {
    const digits = chars.map((c) => HAN_VALUE[c]);
    return digits.every((d) => d !== undefined) ? Number(digits.join('')) : null;
  }
  const ten = chars.indexOf('十');
  if (ten < 0) return chars.length === 1 && HAN_VALUE[chars[0]!] !== undefined ? HAN_VALUE[chars[0]!]! : null;
  const tens = ten === 0 ? 1 : HAN_VALUE[chars[0]!];
  const ones = ten === chars.length - 1 ? 0 : HAN_VALUE[chars[ten + 1]!];
  if (tens === undefined || ones === undefined || chars.length > ten + 2) return null;
  return tens * 10 + ones;
}

/** A real calendar day between 1949 and 2100 as YYYY-MM-DD, or null. */
export function isoDay(year: number, month: number, day: number): string | null {
  if (!(year >= 1949 && year <= 2100)) return null;
  return calendarDate(year, month, day);
}

/** The day a DATE_SOURCE match found (its nine groups from `offset`), and whether it needed look-alikes. */
function dayOf(groups: (string | undefined)[], offset = 1): { day: string | null; repaired: boolean } {
  const g = groups.slice(offset, offset + 9);
  for (let k = 0; k < 6; k += 3) {
    if (g[k] === undefined) continue;
    const [y, m, d] = [g[k]!, g[k + 1]!, g[k + 2]!];
    return { day: isoDay(Number(digitsOf(y)), Number(digitsOf(m)), Number(digitsOf(d))), repaired: lookalikes(y + m + d) };
  }
  if (g[6] !== undefined) {
    const y = hanNumber(g[6], true);
    const m = hanNumber(g[7]!, false);
    const d = hanNumber(g[8]!, false);
    return { day: y !== null && m !== null && d !== null ? isoDay(y, m, d) : null, repaired: false };
  }
  return { day: null, repaired: false };
}

export const DATE_GROUPS = 9;

/** A time of day after a date: part of the value (the generation time), dropped from it. */
const TIME_AFTER = /^\s?(?:[01]?\d|2[0-3])\s?[:.时]\s?[0-5]\d(?:\s?[:.分]\s?[0-5]\d秒?)?/;

/** A single calendar day, optionally followed by a time of day (which is dropped). */
export const dateForm: ValueForm<string> = {
  find(text) {
    const out: FormMatch<string>[] = [];
    for (const m of text.matchAll(new RegExp(DATE_SOURCE, 'g'))) {
      const { day, repaired } = dayOf([...m]);
      const time = TIME_AFTER.exec(text.slice(m.index + m[0].length))?.[0] ?? '';
      if (day) out.push({ value: day, start: m.index, end: m.index + m[0].length + time.length, quality: repaired ? 0.7 : 1 });
    }
    return out;
  },
};

/** Between the two dates of a period; OCR reads the dash as 一 (or ─, –), which no date contains. */
export const RANGE_JOIN = '\\s?(?:起?\\s?至|到|~|～|—|–|─|一|-|－|起\\s?-)\\s?';
const RANGE = new RegExp(`(自\\s?)?${DATE_SOURCE}${RANGE_JOIN}${DATE_SOURCE}(\\s?止)?`, 'g');

export interface Period {
  from: string;
  to: string;
}

const monthsBetween = (from: string, to: string) =>
  (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7)) + (Number(to.slice(8, 10)) - Number(from.slice(8, 10))) / 30;

/** Two days in order, from 2 weeks to `maxMonths` apart. */
function rangeForm(maxMonths: number): ValueForm<Period> {
  return {
  key: (p) => `${p.from}/${p.to}`,
  find(text) {
    const out: FormMatch<Period>[] = [];
    for (const m of text.matchAll(RANGE)) {
      const groups = [...m];
      const a = dayOf(groups, 2);
      const b = dayOf(groups, 2 + DATE_GROUPS);
      if (!a.day || !b.day || a.day >= b.day) continue;
      const months = monthsBetween(a.day, b.day);
      if (months < 0.5 || months > maxMonths) continue;
      out.push({ value: { from: a.day, to: b.day }, start: m.index, end: m.index + m[0].length, quality: a.repaired || b.repaired ? 0.7 : 1 });
    }
    return out;
  },
  };
}

/**
 * A report's period: two days in order, from 2 weeks to 10 years apart: 2023-06-01 至
 * 2026-05-31, 2023年6月1日—2026年5月31日, 自2023年6月1日起至2026年5月31日止.
 */
export const periodForm = rangeForm(121);

/** The end of an open-ended term (营业期限: 2016年9月12日至长期). */
export interface Term {
  from: string | null;
  /** null: 长期 / 永久 / 不约定期限 (or a licence's ******). */
  to: string | null;
}

const OPEN_END = /^\s?(?:长[期其朗]|永久|不约定期限|无固定期限|\*{3,})/;

export const termForm: ValueForm<Term> = {
  key: (t) => `${t.from}/${t.to}`,
  find(text) {
    const out: FormMatch<Term>[] = [];
    // A licence's term runs for decades (50 years is common).
    for (const m of rangeForm(12 * 100).find(text)) out.push({ ...m, value: { from: m.value.from, to: m.value.to } });
    for (const m of text.matchAll(new RegExp(`${DATE_SOURCE}${RANGE_JOIN}`, 'g'))) {
      const rest = text.slice(m.index + m[0].length);
      const open = OPEN_END.exec(rest);
      const { day } = dayOf([...m]);
      if (open && day) out.push({ value: { from: day, to: null }, start: m.index, end: m.index + m[0].length + open[0].length, quality: 1 });
    }
    const alone = OPEN_END.exec(text.replace(/^[\s:：]+/, ''));
    if (!out.length && alone) out.push({ value: { from: null, to: null }, start: 0, end: text.length, quality: 0.8 });
    return out;
  },
};

// ---- Numbers and codes -------------------------------------------------------------------------

/**
 * A report number: letters, digits and dashes, 6–40 characters, at least four digits; not a
 * date, a time, a telephone or a page count.
 */
export const reportNumberForm: ValueForm<string> = {
  find(text) {
    const out: FormMatch<string>[] = [];
    for (const m of text.matchAll(/(?<![0-9A-Za-z-])[A-Za-z0-9][A-Za-z0-9-]{5,39}(?![0-9A-Za-z])/g)) {
      const token = m[0].replace(/-+$/, '').toUpperCase();
      const digits = (token.match(/\d/g) ?? []).length;
      if (digits < 4) continue;
      if (new RegExp(`^${DATE_SOURCE}`).test(token)) continue;
      // Without a letter a number needs 8 digits or more (not 2024-09 of 2024-09.09), and a
      // piece of a date or a time (…-09.09, 10:27) is none.
      if (!/[A-Z]/.test(token) && digits < 8) continue;
      // A telephone number (025-84481798, 0512-6…) is none either.
      if (/^0\d{2,3}-\d{7,8}$/.test(token)) continue;
      if (/^[.:/]\d/.test(text.slice(m.index + m[0].length))) continue;
      // Letters wedged between digits (2D26) are how OCR misreads a number.
      const wedged = (token.match(/(?<=\d)[A-Z](?=\d)/g) ?? []).length;
      out.push({ value: token, start: m.index, end: m.index + m[0].length, quality: 1 / (1 + wedged) });
    }
    return out;
  },
};

// ---- Names -------------------------------------------------------------------------------------

/** How the names of legal entities (and of the businesses a licence may register) end. */
export const ENTITY_SUFFIX =
  '(?:股份有限公司|有限责任公司|有限公司|分公司|总公司|公司|集团|分厂|厂|合作社|研究院|研究所|事务所|中心|商行|经营部|门市部|工作室|店|馆|场|社)';

/**
 * A company name: Chinese (brackets, a few Latin letters and digits allowed) up to its entity
 * suffix, 4 to 60 characters. Full-width brackets, as registered.
 */
export const companyNameForm: ValueForm<string> = {
  find(text) {
    const out: FormMatch<string>[] = [];
    // OCR reads a bracket as 〈 or <, and spaces a name out around its brackets.
    const re = new RegExp(`[\\p{Script=Han}](?:\\s?[\\p{Script=Han}()（）<>〈〉A-Za-z0-9·]){2,58}?${ENTITY_SUFFIX}(?![\\p{Script=Han}]*${ENTITY_SUFFIX})`, 'gu');
    // A note in brackets before the name is not part of it: 企业名称（盖章）：…, （全称）.
    const noted = text.replace(/[(（<〈]\s?(?:盖章|公章|签章|全称|盖公章|加盖公章)\s?[)）>〉]/gu, (note) => ' '.repeat(note.length));
    for (const m of noted.matchAll(re)) {
      const name = m[0].replace(/\s/g, '').replace(/[(<〈]/g, '（').replace(/[)>〉]/g, '）');
      // A name does not start with a bracket's end, nor hold unbalanced brackets.
      if (/^[（）]/.test(name) || (name.match(/（/g) ?? []).length !== (name.match(/）/g) ?? []).length) continue;
      if ((name.match(/\p{Script=Han}/gu) ?? []).length < 4) continue;
      out.push({ value: name, start: m.index, end: m.index + m[0].length, quality: 1 });
    }
    return out;
  },
};

/**
 * Chinese surnames, the commonest first (about nine in ten people carry one of these): a
 * person's name starts with one. A name with a rarer surname is left unread rather than a
 * word (留存, 项目) taken for a name.
 */
const SURNAMES = new Set([
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许邓韩冯曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严莫孔向常汤康易乔赖文施洪辛柯庄凌温葛翁聂鲁饶骆倪包祝詹柳牛殷左纪欧齐耿童梅岳华瞿管',
  '欧阳', '司马', '诸葛', '上官', '东方', '夏侯', '皇甫', '尉迟', '长孙', '慕容', '令狐', '司徒',
]);
const hasSurname = (name: string) => SURNAMES.has(name.slice(0, 2)) || SURNAMES.has(name.slice(0, 1));

/** A person's name: 2 to 4 Chinese characters (a · for minority names) after a surname, nothing else around it. */
export const personForm: ValueForm<string> = {
  find(text) {
    // Followed by nothing, a space or a bracket: a person's name is not the start of a sentence (项目，…).
    const m = /^[\s\p{P}]*([\p{Script=Han}]{2,4}(?:·[\p{Script=Han}]{1,6})?)(?=$|\s|[(（])/u.exec(text);
    if (!m || !hasSurname(m[1]!)) return [];
    return [{ value: m[1]!, start: m.index + m[0].length - m[1]!.length, end: m.index + m[0].length, quality: 1 }];
  },
};

/** 注册资本: 5000万元人民币, 人民币壹仟万元整, 100.5万美元 … (as printed, trimmed). */
export const moneyForm: ValueForm<string> = {
  find(text) {
    const re = /(?:人民币)?\s?(?:[0-9][0-9,.]*|[零壹贰叁肆伍陆柒捌玖拾佰仟万亿]+)\s?(?:(?:万|亿)\s?(?:元|美元|欧元|港元|日元)?|元|美元|欧元|港元|日元)(?:人民币|整)?/gu;
    return [...text.matchAll(re)].map((m) => ({ value: m[0].replace(/\s/g, ''), start: m.index, end: m.index + m[0].length, quality: 1 }));
  },
};

/** An address: Chinese with numbers, holding a place word (省 市 区 县 镇 路 街 道 号 …), 6 to 80 characters. */
export const addressForm: ValueForm<string> = {
  find(text) {
    const m = /^[\s\p{P}]*([\p{Script=Han}][\p{Script=Han}0-9A-Za-z()（）\-—#、,，.·]{5,79})/u.exec(text);
    if (!m || !/[省市区县镇乡村路街道巷号楼室园]/u.test(m[1]!)) return [];
    return [{ value: m[1]!.replace(/\(/g, '（').replace(/\)/g, '）'), start: m.index + m[0].length - m[1]!.length, end: m.index + m[0].length, quality: 1 }];
  },
};

/** A licence's 类型: 有限责任公司(自然人投资或控股), 个体工商户, 股份有限公司分公司 … */
export const entityTypeForm: ValueForm<string> = {
  find(text) {
    const m = /^[\s\p{P}]*([\p{Script=Han}()（）<>〈〉、]{2,40})/u.exec(text);
    if (!m || !/公司|企业|个体|合伙|独资|合作社|个人|分支机构|外商|全民|集体/u.test(m[1]!)) return [];
    return [{ value: m[1]!.replace(/[(<〈]/g, '（').replace(/[)>〉]/g, '）'), start: m.index + m[0].length - m[1]!.length, end: m.index + m[0].length, quality: 1 }];
  },
};

/** The authority that registered a licence: …市场监督管理局, …工商行政管理局, …行政审批局. */
export const authorityForm: ValueForm<string> = {
  find(text) {
    const re = /[\p{Script=Han}]{2,30}?(?:市场监督管理局|工商行政管理局|行政审批局|市场监管局|管理局|委员会)/gu;
    return [...text.matchAll(re)].map((m) => ({ value: m[0], start: m.index, end: m.index + m[0].length, quality: 1 }));
  },
};

// ---- Choices -----------------------------------------------------------------------------------

/** Marks of a ticked box, and of an empty one. */
const TICKED = '[☑☒■▣●◉√✓✔✅]';
const EMPTY = '[□☐○◯口]';

/**
 * The option a form's boxes tick: `■是 □否` → 是. Null when none or more than one of the
 * options is ticked.
 */
function ticked(text: string, options: readonly string[]): { option: string; start: number; end: number } | null {
  // A mark stands before its option (■是 □否) or after it (是■ 否□); between two options (是√否)
  // it is the next one's when any option has a mark before it.
  const read = (before: boolean) => {
    const hits: { option: string; start: number; end: number; ticked: boolean }[] = [];
    for (const option of options) {
      const re = before ? new RegExp(`(${TICKED}|${EMPTY})\\s?${option}`, 'gu') : new RegExp(`${option}\\s?(${TICKED}|${EMPTY})`, 'gu');
      for (const m of text.matchAll(re)) hits.push({ option, start: m.index, end: m.index + m[0].length, ticked: new RegExp(TICKED, 'u').test(m[1]!) });
    }
    return hits;
  };
  const before = read(true);
  const hits = before.length ? before : read(false);
  if (!hits.length) return null;
  const chosen = new Set(hits.filter((h) => h.ticked).map((h) => h.option));
  return chosen.size === 1 ? hits.find((h) => h.ticked)! : null;
}

/** 是/否 and its variants (包含/不包含, 含/不含, 已勾选/未勾选), or a ticked box. */
export const yesNoForm: ValueForm<boolean> = {
  key: (v) => String(v),
  find(text) {
    const box = ticked(text, ['是', '否', '包含', '不包含']);
    if (box) return [{ value: box.option === '是' || box.option === '包含', start: box.start, end: box.end, quality: 1 }];
    if (new RegExp(`${TICKED}|${EMPTY}`, 'u').test(text) && /[是否]/.test(text)) return [];
    const m = /(?<![\p{Script=Han}])(未包含|不包含|不含|未勾选|未选择|否|已包含|包含|含|已勾选|已选择|是)(?![\p{Script=Han}])/u.exec(text) ?? /^\s?(未包含|不包含|不含|未勾选|否|已包含|包含|已勾选|是(?!否))/u.exec(text);
    if (!m) return [];
    return [{ value: !/^(?:不|未|否)/.test(m[1]!), start: m.index, end: m.index + m[0].length, quality: 1 }];
  },
};

/** The names of a list (市场监管、税务 …), its count in brackets dropped. */
function namesOf(text: string): string[] {
  return text
    .replace(/[(<][^)>]*\d+\s?个(?:领域|部门)[)>]?/g, '')
    .split(/[、,;/|\s。.，；]+/)
    .map((n) => n.replace(/[^\p{Script=Han}]/gu, ''))
    .filter((n) => [...n].length >= 2);
}
const listedNames = (text: string) => namesOf(text).length;

/** A list's names that are query domains (市场监管、税务 …), one character misread allowed for names of 3 or more. */
export function domainsIn(text: string): string[] {
  const names = namesOf(text);
  const found = new Set<string>();
  for (const name of names) {
    for (const domain of CREDIT_DOMAINS) {
      if (name === domain || name.includes(domain) || ([...domain].length >= 3 && editDistance(name, domain) <= 1)) found.add(domain);
    }
  }
  return [...found];
}

/**
 * 查询领域: all of them (全选, 全部, 全部领域, ■全选, or a list naming every domain) → true; a
 * partial list, or 部分/自定义 ticked → false.
 */
export const allDomainsForm: ValueForm<boolean> = {
  key: (v) => String(v),
  find(text) {
    const box = ticked(text, ['全选', '全部领域', '全部', '部分领域', '部分', '自定义']);
    if (box) return [{ value: box.option.startsWith('全'), start: box.start, end: box.end, quality: 1 }];
    const all = /全选|全部|所有领域|全领域/.exec(text);
    if (all && !/部分|未全选|非全选/.test(text.slice(0, all.index + 6))) return [{ value: true, start: all.index, end: all.index + all[0].length, quality: 1 }];
    if (/未全选|部分领域/.test(text)) return [{ value: false, start: 0, end: text.length, quality: 0.9 }];
    const domains = domainsIn(text);
    if (domains.length >= CREDIT_DOMAINS.length) return [{ value: true, start: 0, end: text.length, quality: 1 }];
    // A long list that could not be matched in full: a name or two misread, not a partial query.
    if (listedNames(text) >= CREDIT_DOMAINS.length - 2) return [];
    // Only the count survived (全选 misread): as many domains as there are.
    const count = /(\d+)\s?个(?:领域|部门)/.exec(text);
    if (count && Number(count[1]) >= CREDIT_DOMAINS.length) return [{ value: true, start: count.index, end: count.index + count[0].length, quality: 0.7 }];
    // A list of some domains; a short list read in part could still be cut off, so it must
    // name at least two of them and stand on its own.
    if (count) return [{ value: false, start: count.index, end: count.index + count[0].length, quality: 0.9 }];
    // A list that ends on a separator goes on in the next line: what was read is not all of it.
    if (domains.length >= 2 && !/[、,，;；]\s*$/u.test(text)) return [{ value: false, start: 0, end: text.length, quality: 0.8 }];
    return [];
  },
};
