/**
 * Shared pieces of the held-out credit-report layouts (./reports.ts): the facts a report is
 * about (period, generation time, query settings, penalty records), the ways real exports
 * print dates and numbers, a cell grid with spans, faint watermarks that land in the text
 * layer, and the truth record. Written apart from the reading code, on purpose: these
 * layouts are the exam, not the training set.
 */
import { Composer, type Rgb } from '../../test/corpus/compose.js';
import type { CorpusCompany } from '../../test/corpus/companies.js';
import { CREDIT_DOMAINS } from '../../test/corpus/credit-report.js';
import type { FontChoice } from '../../test/corpus/fonts.js';
import { addSeal } from '../../test/corpus/parts.js';
import { addDays, addMonths, randomDate, zhDate, zhDateUpper, type Rng } from '../../test/corpus/random.js';
import type { Box, CreditRecordTruth, CreditReportTruth, DocTruth } from '../../test/corpus/types.js';

export const ALL_DOMAINS: readonly string[] = CREDIT_DOMAINS;

export interface PenaltyRow extends CreditRecordTruth {
  domain: string;
  reason: string;
  result: string;
}

/** What a report states; each layout prints it its own way. */
export interface ReportFacts {
  generatedDay: string;
  /** 'YYYY-MM-DD HH:mm:ss' (seconds '00' when the layout prints none). */
  generatedAt: string;
  /** HH:mm and HH:mm:ss as printed. */
  hm: string;
  hms: string;
  from: string;
  to: string;
  months: number;
  simplePenaltyIncluded: boolean;
  allDomains: boolean;
  domains: string[];
  records: PenaltyRow[];
  /** When the file was printed or downloaded again: always a later day than generation. */
  printedAt: string;
}

const two = (n: number) => String(n).padStart(2, '0');

/** Penalty wording per domain (only domains that commonly fine manufacturers). */
const REASONS: Record<string, { reasons: string[]; bureau: (c: CorpusCompany) => string; abbr: string }> = {
  市场监管: {
    reasons: ['生产的产品标识不符合规定', '未按规定期限公示年度报告', '使用超过检定周期的计量器具', '产品质量抽查不合格', '特种设备未按规定定期检验'],
    bureau: (c) => c.registrationAuthority,
    abbr: '市监',
  },
  应急管理: {
    reasons: ['未按规定对从业人员进行安全生产教育和培训', '未在有较大危险因素的设备上设置明显的安全警示标志', '未建立事故隐患排查治理制度'],
    bureau: (c) => `${c.district.city}${c.district.name}应急管理局`,
    abbr: '应急',
  },
  生态环境: {
    reasons: ['危险废物贮存场所未设置识别标志', '未按规定执行排污许可管理制度', '挥发性有机物收集处理设施未正常运行'],
    bureau: (c) => `${c.district.city}生态环境局`,
    abbr: '环',
  },
  税务: {
    reasons: ['未按照规定期限办理纳税申报和报送纳税资料', '未按规定保管发票'],
    bureau: (c) => `国家税务总局${c.district.city}${c.district.name}税务局`,
    abbr: '税',
  },
  消防救援: {
    reasons: ['消防设施、器材未保持完好有效', '占用、堵塞疏散通道', '埋压、圈占消火栓'],
    bureau: (c) => `${c.district.city}${c.district.name}消防救援大队`,
    abbr: '消',
  },
  人力资源和社会保障: {
    reasons: ['未按规定报送劳动用工备案', '安排劳动者延长工作时间超过法定限度'],
    bureau: (c) => `${c.district.city}${c.district.name}人力资源和社会保障局`,
    abbr: '人社',
  },
};

const SIMPLE_RESULTS = ['警告', '罚款200元', '罚款人民币500元', '警告并罚款100元'];
const FULL_RESULTS = ['罚款人民币8000元', '警告，罚款5000元', '罚款人民币15000元', '罚款30000元，没收违法所得', '罚款人民币2万元'];

/** One-character city abbreviations used in decision numbers (宁 for 南京 …). */
const CITY_ABBR: Record<string, string> = {
  南京市: '宁', 无锡市: '锡', 徐州市: '徐', 常州市: '常', 苏州市: '苏', 南通市: '通', 连云港市: '连', 淮安市: '淮',
  盐城市: '盐', 扬州市: '扬', 镇江市: '镇', 泰州市: '泰', 宿迁市: '宿',
};
const CITY_LATIN: Record<string, string> = {
  南京市: 'NJ', 无锡市: 'WX', 徐州市: 'XZ', 常州市: 'CZ', 苏州市: 'SZ', 南通市: 'NT', 连云港市: 'LYG', 淮安市: 'HA',
  盐城市: 'YC', 扬州市: 'YZ', 镇江市: 'ZJ', 泰州市: 'TZ', 宿迁市: 'SQ',
};
const CITY_PINYIN: Record<string, string> = {
  南京市: 'NANJING', 无锡市: 'WUXI', 徐州市: 'XUZHOU', 常州市: 'CHANGZHOU', 苏州市: 'SUZHOU', 南通市: 'NANTONG',
  连云港市: 'LIANYUNGANG', 淮安市: "HUAI'AN", 盐城市: 'YANCHENG', 扬州市: 'YANGZHOU', 镇江市: 'ZHENJIANG', 泰州市: 'TAIZHOU',
  宿迁市: 'SUQIAN',
};
const AREA_CODES: Record<string, string> = {
  南京市: '025', 无锡市: '0510', 徐州市: '0516', 常州市: '0519', 苏州市: '0512', 南通市: '0513', 连云港市: '0518',
  淮安市: '0517', 盐城市: '0515', 扬州市: '0514', 镇江市: '0511', 泰州市: '0523', 宿迁市: '0527',
};

export const cityAbbr = (c: CorpusCompany) => CITY_ABBR[c.district.city] ?? '苏';
export const cityPinyin = (c: CorpusCompany) => CITY_PINYIN[c.district.city] ?? 'JIANGSU';
export const cityLatin = (c: CorpusCompany) => CITY_LATIN[c.district.city] ?? 'JS';
/** 苏州市 → 苏州. */
export const cityShort = (c: CorpusCompany) => c.district.city.replace(/市$/, '');

export function drawFacts(company: CorpusCompany, rng: Rng, options: { seconds: boolean; monthWeights?: readonly number[] }): ReportFacts {
  const generatedDay = randomDate(rng, '2026-05-18', '2026-07-10');
  const h = rng.int(8, 19);
  const m = rng.int(0, 59);
  const s = options.seconds ? rng.int(0, 59) : 0;
  const hm = `${two(h)}:${two(m)}`;
  const hms = `${hm}:${two(s)}`;
  const to = rng.chance(0.55) ? generatedDay : addDays(generatedDay, -rng.int(1, 5));
  const months = rng.weighted([36, 24, 12], options.monthWeights ?? [7, 1.5, 1.5]);
  const from = addDays(addMonths(to, -months), 1);
  const simplePenaltyIncluded = rng.chance(0.75);
  const allDomains = rng.chance(0.7);
  const domains = allDomains
    ? [...ALL_DOMAINS]
    : rng.sample(ALL_DOMAINS, rng.int(3, 8)).sort((a, b) => ALL_DOMAINS.indexOf(a) - ALL_DOMAINS.indexOf(b));

  const records: PenaltyRow[] = [];
  const count = rng.weighted([0, 1, 2, 3], [6.5, 2, 1, 0.5]);
  const finers = Object.keys(REASONS).filter((d) => domains.includes(d));
  const brackets = rng.pick([['〔', '〕'], ['[', ']'], ['（', '）']] as const);
  for (let i = 0; i < count && finers.length; i++) {
    const domain = rng.pick(finers);
    const spec = REASONS[domain]!;
    const simple = simplePenaltyIncluded && rng.chance(0.4);
    const date = randomDate(rng, from, to);
    const area = company.district.name.slice(0, 1);
    const serial = simple ? two(rng.int(1, 99)).padStart(rng.pick([2, 4]), '0') : String(rng.int(6, 1200));
    const decisionNumber = simple
      ? `${area}${spec.abbr}简罚${brackets[0]}${date.slice(0, 4)}${brackets[1]}${serial}号`
      : `${cityAbbr(company)}${area}${spec.abbr}罚${rng.pick(['', '字', '决字'])}${brackets[0]}${date.slice(0, 4)}${brackets[1]}${serial}号`;
    records.push({
      type: simple ? '简易处罚' : '行政处罚',
      decisionNumber,
      date,
      authority: spec.bureau(company),
      domain,
      reason: rng.pick(spec.reasons),
      result: rng.pick(simple ? SIMPLE_RESULTS : FULL_RESULTS),
    });
  }
  records.sort((a, b) => a.date.localeCompare(b.date));
  const printedDay = addDays(generatedDay, rng.int(1, 24));
  const printedAt = `${printedDay} ${two(rng.int(8, 21))}:${two(rng.int(0, 59))}:${two(rng.int(0, 59))}`;
  return { generatedDay, generatedAt: `${generatedDay} ${hms}`, hm, hms, from, to, months, simplePenaltyIncluded, allDomains, domains, records, printedAt };
}

export type DateStyle = 'iso' | 'zh' | 'zhPad' | 'dot' | 'slash' | 'slashPad' | 'upper';

/** A date the way one export or another prints it. */
export function fmtDate(iso: string, style: DateStyle): string {
  const [y, m, d] = iso.split('-') as [string, string, string];
  switch (style) {
    case 'iso': return iso;
    case 'zh': return zhDate(iso);
    case 'zhPad': return zhDate(iso, true);
    case 'dot': return `${y}.${m}.${d}`;
    case 'slash': return `${y}/${Number(m)}/${Number(d)}`;
    case 'slashPad': return `${y}/${m}/${d}`;
    case 'upper': return zhDateUpper(iso);
  }
}

/** 'YYYY-MM-DD HH:mm:ss' in the date style of the document. */
export function fmtDateTime(stamp: string, style: DateStyle, seconds = true): string {
  const [day, time] = stamp.split(' ') as [string, string];
  return `${fmtDate(day, style === 'upper' ? 'zh' : style)} ${seconds ? time : time.slice(0, 5)}`;
}

/** Full- or half-width punctuation, chosen once per document. */
export interface Punct {
  colon: string;
  lp: string;
  rp: string;
}
export function drawPunct(rng: Rng, fullWidth = 0.7): Punct {
  return rng.chance(fullWidth) ? { colon: '：', lp: '（', rp: '）' } : { colon: ':', lp: '(', rp: ')' };
}

/** `n` digits, the first not 0. */
export function digits(rng: Rng, n: number): string {
  return `${rng.int(1, 9)}${rng.chars('0123456789', n - 1)}`;
}

/** The old 15-digit 注册号 (division code, 000, a serial and a check digit). */
export function oldRegistrationNumber(company: CorpusCompany, rng: Rng): string {
  return `${company.district.code}000${rng.chars('0123456789', 6)}`;
}

/** A 20-digit 查询流水号: day, time and a serial. */
export function querySerial(rng: Rng, facts: ReportFacts): string {
  return `${facts.generatedDay.replaceAll('-', '')}${facts.hms.replaceAll(':', '')}${rng.chars('0123456789', 6)}`;
}

export function phoneOf(company: CorpusCompany, rng: Rng): string {
  return `${AREA_CODES[company.district.city] ?? '025'}-${rng.int(5, 8)}${rng.chars('0123456789', 7)}`;
}

const POSTCODES: Record<string, string> = {
  南京市: '2100', 无锡市: '2140', 徐州市: '2210', 常州市: '2130', 苏州市: '2150', 南通市: '2260', 连云港市: '2220',
  淮安市: '2230', 盐城市: '2240', 扬州市: '2250', 镇江市: '2120', 泰州市: '2253', 宿迁市: '2238',
};

/** A postcode in the issuer's city. */
export function postcodeOf(company: CorpusCompany, rng: Rng): string {
  return `${POSTCODES[company.district.city] ?? '2100'}${rng.pick(['00', '01', '02', '04', '11', '21'])}`;
}

/** A cell of a ruled grid; `span` counts columns. */
export interface GridCell {
  text: string;
  span?: number;
  /** Label cells: shaded (if the grid shades) and in the label weight. */
  label?: boolean;
  align?: 'left' | 'center' | 'right';
  size?: number;
  color?: Rgb;
  bold?: boolean;
}

export interface GridOptions {
  x: number;
  width: number;
  /** Relative column widths. */
  cols: number[];
  size: number;
  lineHeight?: number;
  padX?: number;
  padY?: number;
  labelFill?: Rgb | null;
  labelColor?: Rgb;
  labelBold?: boolean;
  border?: Rgb;
  borderWidth?: number;
  minRowHeight?: number;
  /** Rows repeated at the top of a continued page. */
  headerRows?: number;
  /** Called after each row is drawn, on its page: `textTop` is the top of a one-line cell's text. */
  onRow?: (c: Composer, row: number, top: number, height: number, textTop: number) => void;
}

/** Where each row of a grid landed. */
export interface GridRow {
  page: number;
  top: number;
  height: number;
}

/** A ruled grid with column spans, flowing from the cursor and breaking between rows (header rows repeat). */
export function grid(c: Composer, rows: GridCell[][], o: GridOptions): GridRow[] {
  const total = o.cols.reduce((a, b) => a + b, 0);
  const widths = o.cols.map((w) => (w / total) * o.width);
  const xs = widths.map((_, i) => o.x + widths.slice(0, i).reduce((a, b) => a + b, 0));
  const padX = o.padX ?? 6;
  const padY = o.padY ?? 5;
  const border = o.border ?? [0, 0, 0];
  const bw = o.borderWidth ?? 0.6;
  const headerRows = o.headerRows ?? 0;
  const laidRows = rows.map((row) => {
    let col = 0;
    const cells = row.map((cell) => {
      const span = cell.span ?? 1;
      const x = xs[col]!;
      const w = widths.slice(col, col + span).reduce((a, b) => a + b, 0);
      col += span;
      const size = cell.size ?? o.size;
      const bold = cell.bold ?? (cell.label ? o.labelBold ?? false : false);
      const lines = c.wrap(cell.text, w - 2 * padX, size, bold ? 'bold' : 'body');
      return { cell, x, w, size, bold, lines, lh: o.lineHeight ?? size * 1.45 };
    });
    return { cells, height: Math.max(o.minRowHeight ?? 0, ...cells.map((l) => l.lines.length * l.lh + 2 * padY)) };
  });
  const draw = (r: number): GridRow => {
    const { cells, height } = laidRows[r]!;
    const top = c.y;
    // Where a one-line cell's text stands: the baseline most values of the row share.
    const lh = o.lineHeight ?? o.size * 1.45;
    const lineTop = top + (height - lh) / 2 + (lh - o.size) / 2;
    cells.forEach((l) => {
      if (l.cell.label && o.labelFill) c.rect(l.x, top, l.w, height, { stroke: null, fill: o.labelFill });
      const block = l.lines.length * l.lh;
      let ty = top + (height - block) / 2 + (l.lh - l.size) / 2;
      const align = l.cell.align ?? 'left';
      for (const line of l.lines) {
        const tx = align === 'center' ? l.x + l.w / 2 : align === 'right' ? l.x + l.w - padX : l.x + padX;
        c.text(line, tx, ty, { size: l.size, weight: l.bold ? 'bold' : 'body', align, color: l.cell.color ?? (l.cell.label ? o.labelColor : undefined) });
        ty += l.lh;
      }
      c.line(l.x, top, l.x, top + height, bw, border);
    });
    c.line(o.x, top, o.x + o.width, top, bw, border);
    c.line(o.x, top + height, o.x + o.width, top + height, bw, border);
    c.line(o.x + o.width, top, o.x + o.width, top + height, bw, border);
    o.onRow?.(c, r, top, height, lineTop);
    c.y = top + height;
    return { page: c.page, top, height };
  };
  const out: GridRow[] = [];
  for (let r = 0; r < rows.length; r++) {
    if (laidRows[r]!.height > c.remaining && c.y > c.margin.top + 1) {
      c.newPage();
      if (r >= headerRows) for (let h = 0; h < headerRows; h++) draw(h);
    }
    out.push(draw(r));
  }
  return out;
}

/** Relative column widths for a table: fixed columns fit their widest text, the others share the rest. */
export function fitColumns(c: Composer, width: number, size: number, padX: number, fixed: (readonly string[] | null)[], shares: number[]): number[] {
  const need = fixed.map((texts) => (texts ? Math.max(...texts.map((t) => c.measure(t, size, 'bold'))) + 2 * padX + 2 : 0));
  const rest = Math.max(0, width - need.reduce((a, b) => a + b, 0));
  const shareTotal = shares.reduce((a, b) => a + b, 0) || 1;
  return fixed.map((texts, i) => (texts ? need[i]! : (rest * (shares[i] ?? 0)) / shareTotal));
}

/**
 * A faint horizontal watermark repeated along one text line (`top` = the top of the line's
 * text, same size): the text layer then has it on the same baseline as the values, as the
 * tiled watermarks of portal exports do.
 */
export function inlineWatermark(c: Composer, text: string, top: number, size: number, xs: readonly number[], color: Rgb = [150, 150, 150], opacity = 0.16): void {
  for (const x of xs) c.text(text, x, top, { size, color, opacity });
}

/** A diagonal watermark over the current page, in the text layer. */
export function diagonalWatermark(c: Composer, text: string, size: number, opacity: number): void {
  for (let row = 0; row < 4; row++) {
    for (let col = 0; col < 2; col++) {
      c.text(text, c.margin.left + 10 + col * (c.width / 2.3) + (row % 2) * 40, 210 + row * 175, { size, color: [140, 140, 140], opacity, rotate: 32 });
    }
  }
}

/** The issuer's round seal (信用报告专用章 and the like), recorded as a credit-centre seal. */
export async function issuerSeal(c: Composer, rng: Rng, cx: number, cy: number, text: string, centerText: string | null): Promise<Box> {
  return addSeal(c, rng, cx, cy, {
    role: 'credit-centre',
    text,
    centerText,
    diameterMm: rng.float(38, 42),
    weight: rng.pick([700, 900] as const),
    innerRing: rng.chance(0.2),
    wear: rng.float(0.05, 0.3),
  });
}

/** How a form marks a ticked box in its text: ■/□, √/□, ✓/□ or [√]/[ ]. */
export type BoxStyle = 'square' | 'tick' | 'check' | 'bracket';
export function checkBox(on: boolean, style: BoxStyle): string {
  if (style === 'square') return on ? '■' : '□';
  if (style === 'check') return on ? '✓' : '□';
  if (style === 'bracket') return on ? '[√]' : '[  ]';
  return on ? '√' : '□';
}

/** A verification code in groups of four (核验码), printed near report numbers. */
export function verificationCode(rng: Rng): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return [0, 1, 2, 3].map(() => rng.chars(alphabet, 4)).join('-');
}

export function recordTruth(records: readonly PenaltyRow[]): CreditRecordTruth[] {
  return records.map(({ type, decisionNumber, date, authority }) => ({ type, decisionNumber, date, authority }));
}

export function reportTruth(args: {
  c: Composer;
  company: CorpusCompany;
  fonts: FontChoice;
  facts: ReportFacts;
  layout: string;
  title: string;
  uploadName: string;
  reportNumber: string;
  periodPage: number;
}): DocTruth<CreditReportTruth> {
  const { c, company, facts } = args;
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
    generatedAt: facts.generatedAt,
    simplePenaltyIncluded: facts.simplePenaltyIncluded,
    allDomains: facts.allDomains,
    domains: facts.domains,
    recordsCount: facts.records.length,
    records: recordTruth(facts.records),
    months: facts.months,
    periodPage: args.periodPage,
  };
}

/** The PDF's creation date: the generation moment in China time. */
export function creationDate(facts: ReportFacts): Date {
  return new Date(`${facts.generatedAt.replace(' ', 'T')}+08:00`);
}
