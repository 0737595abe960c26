/**
 * What the development credit-report layouts (./reports.ts) share: the facts of one report
 * (period, generation time, query settings, records) drawn once from the rng, the real
 * wordings each fact is printed with, and the small drawing pieces the layouts use — inline
 * watermark words that land among the values in the text layer, checkbox lines, the issuer's
 * seal, and the truth assembled from the facts.
 *
 * Each wording list holds synonyms seen on real 信用江苏 / city-centre reports, so that a
 * reader cannot lean on one label.
 */
import { INK, type Composer, type Rgb, type TableOptions, type Cell } from '../compose.js';
import type { CorpusCompany } from '../companies.js';
import { CREDIT_DOMAINS } from '../credit-report.js';
import type { FontChoice } from '../fonts.js';
import { addSeal } from '../parts.js';
import { addDays, addMonths, randomDate, zhDate, type Rng } from '../random.js';
import type { CreditRecordTruth, CreditReportTruth, DocTruth } from '../types.js';

export const PROVINCE_CENTRE = '江苏省公共信用信息中心';

export interface PenaltyRecord extends CreditRecordTruth {
  domain: string;
  reason: string;
  result: string;
}

/** Everything a report states, before any of it is worded. */
export interface ReportFacts {
  /** The generation day, YYYY-MM-DD. */
  day: string;
  /** Time of day, HH:mm:ss (seconds forced to 00 by minute-only stamps, see generationStamp). */
  clock: string;
  from: string;
  to: string;
  months: number;
  simplePenaltyIncluded: boolean;
  allDomains: boolean;
  domains: string[];
  records: PenaltyRecord[];
  /** The issuing centre: the province's, or the company's city's. */
  issuer: string;
}

const PENALTIES: Record<string, { reasons: string[]; office: (city: string) => string; prefix: string }> = {
  市场监管: { reasons: ['生产销售标签不符合规定的产品', '未按规定公示年度报告', '使用未经检定的计量器具', '发布虚假广告', '销售不合格产品'], office: () => '', prefix: '市监' },
  生态环境: { reasons: ['未按规定设置危险废物识别标志', '大气污染防治设施未正常运行', '未依法申领排污许可证排放污染物'], office: (c) => `${c}生态环境局`, prefix: '环' },
  应急管理: { reasons: ['未按规定开展安全生产教育培训', '未如实记录安全生产教育和培训情况', '未在有较大危险因素的场所设置警示标志'], office: (c) => `${c}应急管理局`, prefix: '应急' },
  税务: { reasons: ['未按期进行纳税申报', '丢失发票', '未按规定保管账簿'], office: (c) => `国家税务总局${c}税务局`, prefix: '税' },
  消防救援: { reasons: ['消防设施、器材未保持完好有效', '占用、堵塞疏散通道'], office: (c) => `${c}消防救援支队`, prefix: '消' },
  人力资源和社会保障: { reasons: ['未按规定办理社会保险登记', '未按规定报送劳动用工备案'], office: (c) => `${c}人力资源和社会保障局`, prefix: '人社' },
};

const sortDomains = (list: string[]) => list.sort((a, b) => CREDIT_DOMAINS.indexOf(a as never) - CREDIT_DOMAINS.indexOf(b as never));

/**
 * Draws the facts: the generation day between 2026-05-18 and 2026-07-10, a period of 36
 * months mostly (12 or 24 sometimes) ending on that day or a few days before, a partial
 * query in ~30 % and 简易处罚 left out in ~25 %, and 0–4 penalties dated inside the period
 * from the domains that were queried.
 */
export function reportFacts(company: CorpusCompany, rng: Rng, options: { cityIssuer?: number } = {}): ReportFacts {
  const day = randomDate(rng, '2026-05-18', '2026-07-10');
  const two = (n: number) => String(n).padStart(2, '0');
  const clock = `${two(rng.int(8, 20))}:${two(rng.int(0, 59))}:${two(rng.int(0, 59))}`;
  const to = rng.chance(0.55) ? day : addDays(day, -rng.int(1, 5));
  const months = rng.weighted([36, 24, 12], [7, 1.5, 1.5]);
  const from = addDays(addMonths(to, -months), 1);
  const simplePenaltyIncluded = rng.chance(0.75);
  const allDomains = rng.chance(0.7);
  const domains = allDomains ? [...CREDIT_DOMAINS] : sortDomains(rng.sample([...CREDIT_DOMAINS], rng.int(2, 9)));
  const city = company.district.city;
  const records: PenaltyRecord[] = [];
  const count = rng.weighted([0, 1, 2, 3, 4], [5, 3, 1.5, 1, 0.5]);
  const penaltyDomains = Object.keys(PENALTIES).filter((d) => domains.includes(d));
  // The decision number's place character: the city's, or the district's for district bureaus.
  const place = company.district.name && rng.chance(0.4) ? company.district.name.slice(0, 1) : city.slice(0, 1);
  for (let i = 0; i < count && penaltyDomains.length; i++) {
    const domain = rng.pick(penaltyDomains);
    const simple = simplePenaltyIncluded && rng.chance(0.4);
    const date = randomDate(rng, from, to);
    const spec = PENALTIES[domain]!;
    const serial = rng.chance(0.3) ? String(rng.int(1, 999)).padStart(4, '0') : String(rng.int(3, 980));
    records.push({
      type: simple ? '简易处罚' : '行政处罚',
      decisionNumber: `${place}${spec.prefix}${simple ? rng.pick(['简罚', '当罚']) : rng.pick(['罚', '罚', '处罚', '罚决'])}〔${date.slice(0, 4)}〕${serial}号`,
      date,
      authority: domain === '市场监管' ? company.registrationAuthority : spec.office(city),
      domain,
      reason: rng.pick(spec.reasons),
      result: simple ? rng.pick(['警告', '罚款人民币200元', '罚款人民币500元', '警告，罚款人民币100元']) : rng.pick(['警告，罚款人民币5000元', '罚款人民币10000元', '罚款人民币20000元，没收违法所得', '警告', '罚款人民币3万元']),
    });
  }
  records.sort((a, b) => a.date.localeCompare(b.date));
  const issuer = rng.chance(options.cityIssuer ?? 0.2) ? `${city}公共信用信息中心` : PROVINCE_CENTRE;
  return { day, clock, from, to, months, simplePenaltyIncluded, allDomains, domains, records, issuer };
}

// ——— Wordings ———

export const PERIOD_LABELS = ['报告期', '查询期间', '信用记录期间', '统计区间', '查询时间段', '信息查询期间', '报告期间', '查询区间', '数据期间', '起止日期'] as const;

export const PERIOD_STYLES = ['iso', 'zh-pad', 'dot', 'zi-qi', 'slash', 'zh'] as const;
export type PeriodStyle = (typeof PERIOD_STYLES)[number];

/** The period as printed: `2023-06-01 至 2026-05-31`, `2023年06月01日—2026年05月31日` … */
export function periodText(from: string, to: string, style: PeriodStyle): string {
  const dot = (d: string) => d.replaceAll('-', '.');
  const slash = (d: string) => d.split('-').map((p, i) => (i ? String(Number(p)) : p)).join('/');
  switch (style) {
    case 'iso':
      return `${from} 至 ${to}`;
    case 'zh-pad':
      return `${zhDate(from, true)}—${zhDate(to, true)}`;
    case 'dot':
      return `${dot(from)}-${dot(to)}`;
    case 'zi-qi':
      return `自${zhDate(from)}起至${zhDate(to)}止`;
    case 'slash':
      return `${slash(from)} ~ ${slash(to)}`;
    case 'zh':
      return `${zhDate(from)}至${zhDate(to)}`;
  }
}

export const GENERATED_LABELS = ['报告生成时间', '生成日期', '出具日期', '报告日期', '打印时间', '生成时间', '报告出具时间'] as const;

export type StampStyle = 'iso-seconds' | 'iso-minutes' | 'zh-seconds' | 'zh-minutes' | 'iso-day' | 'zh-day' | 'zh-pad-day' | 'dot-day';

/** A label that names a date only reads oddly with a time of day after it, and the reverse. */
export function stampStylesFor(label: string): StampStyle[] {
  if (label.endsWith('日期')) return ['iso-day', 'zh-day', 'zh-pad-day', 'dot-day', 'iso-day'];
  return ['iso-seconds', 'iso-seconds', 'iso-minutes', 'zh-seconds', 'zh-minutes'];
}

/**
 * The generation stamp as printed, and the truth's 'YYYY-MM-DD HH:mm:ss' that matches it: a
 * stamp with minutes only prints seconds 00, so the truth carries 00 too.
 */
export function generationStamp(facts: ReportFacts, style: StampStyle): { text: string; generatedAt: string } {
  const [h, m, s] = facts.clock.split(':');
  const seconds = style === 'iso-minutes' || style === 'zh-minutes' ? '00' : s!;
  const generatedAt = `${facts.day} ${h}:${m}:${seconds}`;
  const [y, mo, d] = facts.day.split('-');
  const text = {
    'iso-seconds': generatedAt,
    'iso-minutes': `${facts.day} ${h}:${m}`,
    'zh-seconds': `${y}年${mo}月${d}日 ${h}:${m}:${s}`,
    'zh-minutes': `${y}年${mo}月${d}日 ${h}时${m}分`,
    'iso-day': facts.day,
    'zh-day': zhDate(facts.day),
    'zh-pad-day': zhDate(facts.day, true),
    'dot-day': `${y}.${mo}.${d}`,
  }[style];
  return { text, generatedAt };
}

export const NUMBER_LABELS = ['报告编号', '编号', '报告编码', '信用报告编号', '验证码'] as const;

const CITY_LETTERS: Record<string, string> = {
  南京市: 'NJ', 无锡市: 'WX', 徐州市: 'XZ', 常州市: 'CZ', 苏州市: 'SZ', 南通市: 'NT', 连云港市: 'LYG', 淮安市: 'HA',
  盐城市: 'YC', 扬州市: 'YZ', 镇江市: 'ZJ', 泰州市: 'TZ', 宿迁市: 'SQ',
};

/** A report number in one of the forms the province's and the cities' systems print. */
export function reportNumber(rng: Rng, facts: ReportFacts, company: CorpusCompany): string {
  const ymd = facts.day.replaceAll('-', '');
  const digits = (n: number) => rng.chars('0123456789', n);
  const city = facts.issuer === PROVINCE_CENTRE ? 'JS' : CITY_LETTERS[company.district.city] ?? 'JS';
  return rng.pick([
    () => `JSXY${ymd}${digits(6)}`,
    () => `${city}-XY-${ymd.slice(0, 4)}-${digits(6)}`,
    () => `32XY${ymd}${digits(5)}`,
    () => `${city}ZXBG${ymd.slice(2)}${digits(4)}`,
  ])();
}

export const DOMAIN_LABELS = ['查询领域', '查询范围', '信息领域', '数据领域'] as const;
export const SIMPLE_LABELS = ['简易处罚', '是否包含简易处罚', '含简易程序处罚信息', '简易程序行政处罚'] as const;
export const COMPANY_LABELS = ['企业名称', '单位名称', '主体名称', '市场主体名称'] as const;
export const CODE_LABELS = ['统一社会信用代码', '社会信用代码', '信用代码'] as const;

/** A value that is either plain text or a row of tick boxes. */
export type Value = { kind: 'text'; text: string } | { kind: 'checks'; items: { label: string; on: boolean }[] };

const text = (t: string): Value => ({ kind: 'text', text: t });

/** The query domains as printed: 全选, 全部领域（18个）, tick boxes, the full list, or a partial list. */
export function domainsValue(rng: Rng, facts: ReportFacts, options: { checks?: boolean } = {}): Value {
  const checks = options.checks ?? true;
  if (facts.allDomains) {
    const style = rng.weighted(['全选', '全部', 'count', 'checks', 'list'], [3, 1.5, 2, checks ? 2 : 0, 1.5]);
    if (style === 'checks') return { kind: 'checks', items: [{ label: '全选', on: true }, { label: '自定义', on: false }] };
    if (style === 'count') return text(rng.pick([`全部领域（${facts.domains.length}个）`, `全选（共${facts.domains.length}个领域）`]));
    if (style === 'list') return text(facts.domains.join('、'));
    return text(style);
  }
  if (checks && rng.chance(0.35)) return { kind: 'checks', items: [{ label: '全选', on: false }, { label: `自定义：${facts.domains.join('、')}`, on: true }] };
  return text(rng.chance(0.7) ? facts.domains.join('、') : `${facts.domains.join('，')}（共${facts.domains.length}个领域）`);
}

/** Whether 简易处罚 is included, as printed: 是/否, 包含/不包含, tick boxes, 已勾选/未勾选. */
export function simpleValue(rng: Rng, included: boolean, options: { checks?: boolean } = {}): Value {
  const style = rng.weighted(['是否', '包含', 'checks', '勾选'], [4, 2, options.checks ?? true ? 2 : 0, 1]);
  if (style === 'checks') return { kind: 'checks', items: [{ label: '是', on: included }, { label: '否', on: !included }] };
  if (style === '包含') return text(included ? '包含' : '不包含');
  if (style === '勾选') return text(included ? '已勾选' : '未勾选');
  return text(included ? '是' : '否');
}

/**
 * Tick boxes as text for table cells: the font has no ☑, so a ticked box is printed ■ (as
 * many form generators do) and an empty one □.
 */
export function valueString(v: Value): string {
  if (v.kind === 'text') return v.text;
  return v.items.map((i) => `${i.on ? '■' : '□'}${i.label}`).join('  ');
}

/**
 * Draw a value at (x, y top) no wider than `width`, wrapping text; tick boxes are drawn as
 * ruled squares with a √ glyph inside the ticked one (text layer: "√全选 自定义"). Returns
 * the height used.
 */
export function drawValue(c: Composer, v: Value, x: number, y: number, size: number, width: number, lineHeight = size * 1.6): number {
  if (v.kind === 'text') {
    const lines = c.wrap(v.text, width, size);
    lines.forEach((line, i) => c.text(line, x, y + i * lineHeight, { size }));
    return lines.length * lineHeight;
  }
  let cx = x;
  let row = 0;
  for (const item of v.items) {
    const box = size * 0.9;
    const labelWidth = c.measure(item.label, size);
    if (cx > x && cx + box + 3 + labelWidth > x + width) {
      cx = x;
      row++;
    }
    const top = y + row * lineHeight + size * 0.1;
    c.rect(cx, top, box, box, { stroke: INK, width: 0.7 });
    if (item.on) c.text('√', cx + box / 2, top - size * 0.12, { size: size * 0.95, align: 'center', weight: 'bold' });
    const lines = c.wrap(item.label, x + width - (cx + box + 3), size);
    lines.forEach((line, i) => c.text(line, i === 0 ? cx + box + 3 : x + box + 3, y + (row + i) * lineHeight, { size }));
    row += lines.length - 1;
    cx += box + 3 + c.measure(lines[lines.length - 1]!, size) + size * 1.6;
  }
  return (row + 1) * lineHeight;
}

// ——— Decoys ———

/** A 20-digit 查询流水号, a 15-digit 注册号, a landline: long numbers near the code. */
export function serialNumber(rng: Rng, facts: ReportFacts): string {
  // Day first, as query systems number their queries; no time of day, which would be a second
  // generation time that could disagree with the printed one.
  return `${facts.day.replaceAll('-', '')}${rng.chars('0123456789', 12)}`;
}
export function registrationNumber(rng: Rng, company: CorpusCompany): string {
  return `${company.district.code}${rng.chars('0123456789', 9)}`;
}
export function centrePhone(rng: Rng, company: CorpusCompany): string {
  return rng.chance(0.5) ? `025-${rng.pick(['83', '84', '86'])}${rng.chars('0123456789', 6)}` : `12345（${company.district.city}）`;
}

/** A print date later than the generation day, for footers that say when the PDF was printed. */
export function printStamp(rng: Rng, facts: ReportFacts): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${addDays(facts.day, rng.int(1, 20))} ${two(rng.int(8, 18))}:${two(rng.int(0, 59))}`;
}

export function validityNote(rng: Rng, facts: ReportFacts): string {
  return rng.pick([
    '本报告自出具之日起30日内有效。',
    `本报告有效期至${zhDate(addDays(facts.day, 30))}。`,
    `有效期：${facts.day} 至 ${addDays(facts.day, rng.pick([30, 90]))}`,
    '本报告自出具之日起三个月内有效，逾期请重新查询。',
  ]);
}

export const ZH_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八'] as const;

export const NONE_WORDS = ['无', '暂无', '查询期间内无相关记录', '未查询到相关信息', '无相关记录'] as const;

export const BLACKLISTS = ['严重失信主体名单', '经营异常名录', '失信被执行人', '重大税收违法失信主体', '政府采购严重违法失信行为记录名单', '安全生产严重失信主体名单'] as const;

// ——— Drawing pieces ———

const WATERMARK_GREY: Rgb = [150, 150, 150];

/**
 * Horizontal watermark words on a text row's baseline (top `y`, same `size`): light grey at
 * about 10 % opacity, hardly seen on paper, but in the text layer they sit on the row, so
 * extraction puts them among the values ("查询领域： 信用江苏 全选", or inside a value drawn
 * glyph by glyph: "全信用江苏选").
 */
export function rowWatermark(c: Composer, word: string, y: number, size: number, xs: readonly number[], opacity = 0.1): void {
  for (const x of xs) c.text(word, x, y, { size, color: WATERMARK_GREY, opacity });
}

/**
 * A value with a watermark word laid over its middle, written into the content stream
 * between the value's two halves (as report engines that stamp the watermark per line do):
 * text extraction then reads "全信用江苏选" or "2023-06-01 至信用江苏2026-05-31". Returns
 * the value's width.
 */
export function watermarkedValue(c: Composer, str: string, x: number, y: number, size: number, word: string, fraction: number, opacity = 0.1): number {
  const chars = [...str];
  const k = Math.max(1, Math.min(chars.length - 1, Math.round(chars.length * fraction)));
  const head = c.text(chars.slice(0, k).join(''), x, y, { size }).width;
  rowWatermark(c, word, y, size, [x + head - size * 0.3], opacity);
  const tail = c.text(chars.slice(k).join(''), x + head, y, { size }).width;
  return head + tail;
}

/** A table drawn at the cursor, kept on one page, that reports where its rows stand. */
export function placedTable(c: Composer, rows: (string | Cell)[][], options: TableOptions): { tops: number[]; heights: number[]; xs: number[]; widths: number[] } {
  const size = options.size ?? 9.5;
  const lh = options.lineHeight ?? size * 1.5;
  const padX = options.padX ?? 5;
  const padY = options.padY ?? 4;
  const total = options.widths.reduce((a, b) => a + b, 0);
  const widths = options.widths.map((w) => (options.width ? (w * options.width) / total : w));
  const x0 = options.x ?? c.margin.left;
  const xs = widths.map((_, i) => x0 + widths.slice(0, i).reduce((a, b) => a + b, 0));
  const heights = rows.map((row, r) =>
    Math.max(options.minRowHeight ?? 0, Math.max(...row.map((cell, i) => {
      const spec = typeof cell === 'string' ? { text: cell } : cell;
      const bold = spec.bold ?? r < (options.headerRows ?? 0);
      return c.wrap(spec.text, widths[i]! - 2 * padX, size, bold ? 'bold' : 'body').length;
    })) * lh + 2 * padY),
  );
  c.ensure(heights.reduce((a, b) => a + b, 0));
  const tops: number[] = [];
  let y = c.y;
  for (const h of heights) {
    tops.push(y);
    y += h;
  }
  c.table(rows, options);
  return { tops, heights, xs, widths };
}

/** The issuing centre's round seal, centred near (cx, cy). */
export async function issuerSeal(c: Composer, rng: Rng, issuer: string, cx: number, cy: number): Promise<void> {
  const kind = rng.weighted(['red', 'faded', 'none'], [17, 2, 1]);
  if (kind === 'none') return;
  await addSeal(c, rng, cx, cy, {
    role: 'credit-centre',
    text: issuer,
    centerText: rng.weighted(['信用报告专用章', '专用章', null], [5, 1, 3]),
    diameterMm: rng.float(38, 44),
    weight: 700,
    faded: kind === 'faded',
    innerRing: rng.chance(0.25),
    wear: rng.float(0.05, 0.25),
  });
}

/** 第 N 页 共 M 页 and its cousins. */
export function pageMark(style: number, page: number, total: number): string {
  return [`第 ${page} 页 共 ${total} 页`, `第${page}页/共${total}页`, `- ${page} -`, `${page} / ${total}`, `共${total}页 第${page}页`][style % 5]!;
}

export function uploadName(rng: Rng, company: CorpusCompany, title: string, number: string): string {
  return rng.pick([`${title}.pdf`, `${company.shortName}信用报告.pdf`, `${number}.pdf`, '专项信用报告（近三年）.pdf', `${company.name}-信用报告.pdf`]);
}

/** The truth of a report from its facts and what the layout printed. */
export function reportTruth(args: {
  layout: string;
  title: string;
  company: CorpusCompany;
  c: Composer;
  fonts: FontChoice;
  facts: ReportFacts;
  reportNumber: string;
  generatedAt: string;
  periodPage: number;
  uploadName: string;
}): DocTruth<CreditReportTruth> {
  const { c, facts, company } = args;
  return {
    kind: 'credit-report',
    layout: args.layout,
    title: args.title,
    uploadName: args.uploadName,
    company: { name: company.name, creditCode: company.creditCode, legalRepresentative: company.legalRepresentative },
    code: company.creditCode,
    codePrinted: true,
    fonts: args.fonts,
    pages: Array.from({ length: c.pageCount }, () => ({ width: c.width, height: c.height, dpi: 72 })),
    seals: c.seals,
    decoys: c.decoys,
    reportNumber: args.reportNumber,
    from: facts.from,
    to: facts.to,
    generatedAt: args.generatedAt,
    simplePenaltyIncluded: facts.simplePenaltyIncluded,
    allDomains: facts.allDomains,
    domains: [...facts.domains],
    recordsCount: facts.records.length,
    records: facts.records.map(({ type, decisionNumber, date, authority }) => ({ type, decisionNumber, date, authority })),
    months: facts.months,
    periodPage: args.periodPage,
  };
}
