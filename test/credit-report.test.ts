/**
 * The 专项信用报告 check: reading the report over the labelled corpus (clean PDFs exactly;
 * scans, photos and low-resolution copies through OCR), reading hand-written variants of
 * other layouts, and the policy (近一年 / 近三年, tolerance, age, query settings, records).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkCreditReport,
  CREDIT_REPORT_DOMAINS,
  DEFAULT_MAX_AGE_DAYS,
  DEFAULT_TOLERANCE_DAYS,
  parseCreditReport,
  type CreditReport,
} from '../src/checks/credit-report.js';
import { TesseractEngine } from '../src/reading/ocr/tesseract.js';
import { readUpload } from '../src/reading/read.js';
import type { Box, ReadPage, TextLine } from '../src/reading/types.js';
import { generateCorpus, VARIANTS, type CorpusItem, type CreditReportTruth } from './corpus/index.js';

// ---- Corpus ------------------------------------------------------------------------------------

const FIELDS = [
  'reportNumber',
  'from',
  'to',
  'generatedAt',
  'simplePenaltyIncluded',
  'allDomains',
  'domains',
  'recordsFound',
  'recordsCount',
  'company.name',
  'company.creditCode',
] as const;
type Field = (typeof FIELDS)[number];

/** What the parser read for a field, and what the truth says, as comparable strings. */
function fieldValues(report: CreditReport, truth: CreditReportTruth): Record<Field, [got: unknown, want: unknown]> {
  const penalties = report.records.filter((r) => r.category === '行政处罚' || r.category === '简易处罚');
  const penaltyCount =
    penalties.some((r) => r.count === null) || !penalties.some((r) => r.category === '行政处罚') ? null : penalties.reduce((n, r) => n + r.count!, 0);
  return {
    reportNumber: [report.reportNumber, truth.reportNumber],
    from: [report.from, truth.from],
    to: [report.to, truth.to],
    generatedAt: [report.generatedAt, truth.generatedAt.slice(0, 10)],
    simplePenaltyIncluded: [report.simplePenaltyIncluded, truth.simplePenaltyIncluded],
    allDomains: [report.allDomains, truth.allDomains],
    // 全选 prints no names; a partial query prints the names.
    domains: [report.domains.join('、'), truth.allDomains ? '' : truth.domains.join('、')],
    recordsFound: [report.recordsFound, truth.recordsCount > 0],
    recordsCount: [penaltyCount, truth.recordsCount],
    'company.name': [report.company.name, truth.company.name],
    'company.creditCode': [report.company.creditCode, truth.company.creditCode],
  };
}

let items: CorpusItem[];
let engine: TesseractEngine;
const reports = new Map<string, CreditReport>();

beforeAll(async () => {
  items = await generateCorpus({ kinds: ['credit-report'], perKind: 8 });
  engine = new TesseractEngine();
  await Promise.all(
    items.map(async (item) => {
      const read = await readUpload(item.bytes, { name: item.fileName, engine, noCache: true });
      reports.set(item.id, parseCreditReport(read.pages));
    }),
  );
}, 600_000);

afterAll(async () => {
  await engine?.close();
});

const truthOf = (item: CorpusItem) => item.truth as CreditReportTruth;

describe('credit reports in the corpus', () => {
  it('prints the exact-match rate of every field per variant', () => {
    const rows: string[] = [];
    const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - [...s].length));
    rows.push(pad('field', 22) + VARIANTS.map((v) => pad(v, 10)).join('') + 'all raster');
    for (const field of FIELDS) {
      const cells = VARIANTS.map((variant) => {
        const of = items.filter((i) => i.variant === variant);
        const hits = of.filter((i) => {
          const [got, want] = fieldValues(reports.get(i.id)!, truthOf(i))[field];
          return got === want;
        }).length;
        return pad(`${hits}/${of.length}`, 10);
      });
      const raster = items.filter((i) => i.variant !== 'clean');
      const rasterHits = raster.filter((i) => {
        const [got, want] = fieldValues(reports.get(i.id)!, truthOf(i))[field];
        return got === want;
      }).length;
      rows.push(pad(field, 22) + cells.join('') + `${rasterHits}/${raster.length} (${((rasterHits / raster.length) * 100).toFixed(0)}%)`);
    }
    const misses = items.flatMap((i) =>
      Object.entries(fieldValues(reports.get(i.id)!, truthOf(i)))
        .filter(([, [got, want]]) => got !== want)
        .map(([field, [got, want]]) => `${i.id} ${field}: read ${JSON.stringify(got)}, truth ${JSON.stringify(want)}`),
    );
    console.log(`credit report fields read exactly (${items.length} reports):\n${rows.join('\n')}${misses.length ? `\nmisses:\n  ${misses.join('\n  ')}` : ''}`);
    expect(new Set(items.map((i) => i.variant))).toEqual(new Set(VARIANTS));
  });

  it('reads every field of a clean (text-layer) PDF exactly', () => {
    const clean = items.filter((i) => i.variant === 'clean');
    expect(clean.length).toBeGreaterThanOrEqual(2);
    for (const item of clean) {
      const report = reports.get(item.id)!;
      for (const [field, [got, want]] of Object.entries(fieldValues(report, truthOf(item)))) expect(got, `${item.id} ${field}`).toEqual(want);
      // The records themselves: their decision numbers, in order.
      const listed = report.records.filter((r) => r.category === '行政处罚' || r.category === '简易处罚').flatMap((r) => r.items);
      expect([...listed].sort(), item.id).toEqual(truthOf(item).records.map((r) => r.decisionNumber).sort());
    }
  });

  it('reads period, generation day and report number from scans, photos and low-resolution copies', () => {
    const raster = items.filter((i) => i.variant !== 'clean');
    const rate = (fields: Field[]) => {
      let hits = 0;
      for (const item of raster) {
        const values = fieldValues(reports.get(item.id)!, truthOf(item));
        for (const field of fields) if (values[field][0] === values[field][1]) hits++;
      }
      return hits / (raster.length * fields.length);
    };
    expect(rate(['from', 'to', 'generatedAt'])).toBeGreaterThanOrEqual(0.95);
    expect(rate(['reportNumber'])).toBeGreaterThanOrEqual(0.9);
  });

  it('never reads a wrong value for the fields the check relies on: unread is null', () => {
    for (const item of items) {
      const values = fieldValues(reports.get(item.id)!, truthOf(item));
      for (const field of ['reportNumber', 'from', 'to', 'generatedAt', 'simplePenaltyIncluded', 'allDomains', 'recordsFound', 'company.creditCode'] as const) {
        const [got, want] = values[field];
        if (got !== null) expect(got, `${item.id} ${field}`).toEqual(want);
      }
    }
  });

  it('checks each report against the level its period fits', () => {
    for (const item of items) {
      const truth = truthOf(item);
      const report = reports.get(item.id)!;
      if (!report.from || !report.to) continue;
      const applicationDate = truth.generatedAt.slice(0, 10);
      const codes = (level: 'A' | 'AA') => checkCreditReport(report, { level, applicationDate }, item.fileName).map((f) => f.code);
      // Every corpus report ends within a week of its generation: its length decides.
      expect(codes('A').includes('QC_REPORT_RANGE_SHORT'), item.id).toBe(truth.months < 12);
      expect(codes('AA').includes('QC_REPORT_RANGE_SHORT'), item.id).toBe(truth.months < 36);
      expect(codes('A').includes('QC_REPORT_STALE'), item.id).toBe(false);
    }
  });
});

// ---- Hand-written reports ----------------------------------------------------------------------

const CODE = '91320214MA92N6QB23';

/** A page of OCR-like lines, one under another (or at the boxes given). */
function page(lines: (string | { text: string; box: Box; confidence?: number })[], number = 1): ReadPage {
  const textLines: TextLine[] = lines.map((line, i) => {
    const { text, box, confidence } =
      typeof line === 'string' ? { text: line, box: { x: 120, y: 100 + i * 60, width: 24 * [...line].length, height: 30 }, confidence: 0.9 } : line;
    return { text, box, confidence: confidence ?? 0.9, words: [] };
  });
  return {
    number,
    width: 1654,
    height: 2339,
    dpi: 200,
    source: 'ocr',
    lines: textLines,
    text: textLines.map((l) => l.text).join('\n'),
    rotation: 0,
    pixels: async () => {
      throw new Error('no pixels in a hand-written page');
    },
  };
}

const parse = (...pages: (string | { text: string; box: Box; confidence?: number })[][]) => parseCreditReport(pages.map((lines, i) => page(lines, i + 1)));

describe('parseCreditReport on other layouts', () => {
  it('reads the 信用江苏 labels with Chinese dates and an em dash', () => {
    const report = parse([
      '专项信用报告',
      '报告编号：XYBG2026053100042',
      '企业名称：南京示例科技有限公司',
      `统一社会信用代码：${CODE}`,
      '信用信息查询时段：2023年5月31日—2026年5月31日',
      '查询领域：全选',
      '简易处罚：是',
      '报告生成时间：2026年5月31日 10:20:30',
    ]);
    expect(report).toMatchObject({
      reportNumber: 'XYBG2026053100042',
      from: '2023-05-31',
      to: '2026-05-31',
      generatedAt: '2026-05-31',
      allDomains: true,
      simplePenaltyIncluded: true,
      company: { name: '南京示例科技有限公司', creditCode: CODE },
    });
  });

  it('reads 报告编码 / 查询期间 / 生成时间 with dotted dates, a tilde and a partial list of domains', () => {
    const report = parse([
      '报告编码: JS-2026-000318',
      '查询期间: 2025.06.01 ~ 2026.05.31',
      '查询领域: 市场监管、税务、生态环境',
      '简易处罚: 不包含',
      '生成时间: 2026.05.31',
    ]);
    expect(report).toMatchObject({ reportNumber: 'JS-2026-000318', from: '2025-06-01', to: '2026-05-31', generatedAt: '2026-05-31' });
    expect(report.allDomains).toBe(false);
    expect(report.domains).toEqual(['市场监管', '税务', '生态环境']);
    expect(report.simplePenaltyIncluded).toBe(false);
  });

  it('reads 编号 / 查询区间 / 出具日期 with slashed dates without zero padding and a hyphen between them', () => {
    const report = parse(['编号：20260531XY0007', '查询区间：2025/6/1-2026/5/31', '查询领域：全部领域', '简易处罚：包含', '出具日期：2026/5/31']);
    expect(report).toMatchObject({ reportNumber: '20260531XY0007', from: '2025-06-01', to: '2026-05-31', generatedAt: '2026-05-31', allDomains: true, simplePenaltyIncluded: true });
  });

  it('reads half-width OCR punctuation, spaces, table rules and O read for 0', () => {
    const report = parse([
      '信用江苏报告编号 : JSXY20260531000123',
      '| 查询时间段 | 2025 - 06 - 01 至 2026-05-31 |',
      '查询领域 全选 (18个领域)',
      '简易处罚 | 是',
      '报告生成时间 2026-O5-31 10:20:30',
    ]);
    expect(report).toMatchObject({ reportNumber: 'JSXY20260531000123', from: '2025-06-01', to: '2026-05-31', generatedAt: '2026-05-31', allDomains: true, simplePenaltyIncluded: true });
  });

  it('takes the value from the line after its label (text-layer table cells) and skips a watermark', () => {
    const report = parse([
      '信用江苏',
      '报告编号：',
      'JSXY20260531000123',
      '信用江苏查询时间段',
      '信用江苏',
      '2023-07-02 至 2026-07-01信用江苏',
      '简易处罚',
      '否',
      '报告生成时间',
      '2026-07-02 10:27:29',
      '信用江苏',
    ]);
    expect(report).toMatchObject({ reportNumber: 'JSXY20260531000123', from: '2023-07-02', to: '2026-07-01', generatedAt: '2026-07-02', simplePenaltyIncluded: false });
  });

  it('pairs labels with the cells on their row when OCR reads the label column first', () => {
    const at = (text: string, x: number, y: number) => ({ text, box: { x, y, width: 24 * [...text].length, height: 26 } });
    const report = parse([
      at('查询时间段', 540, 900),
      at('查询领域', 550, 972),
      at('简易处罚', 548, 1044),
      at('2026-03-17 至 2026-06-16', 793, 903),
      at('全选 (18个领域)', 790, 975),
      at('否', 790, 1046),
    ]);
    expect(report).toMatchObject({ from: '2026-03-17', to: '2026-06-16', allDomains: true, simplePenaltyIncluded: false });
  });

  it('reads the period from 报告说明 when the table lost its start, and the generation day under the seal', () => {
    const report = parse([
      '查询时间段至 2026-06-15',
      '2. 本报告仅反映查询时间段 (2025年12月16日至2026年6月15日) 内的信用信息，含适用简易程序作出的行政处罚信息。',
      '出具单位：江苏省公共信用信息中心',
      '2026年6月18日',
    ]);
    expect(report).toMatchObject({ from: '2025-12-16', to: '2026-06-15', generatedAt: '2026-06-18', simplePenaltyIncluded: true });
  });

  it('prefers the table to the sentence when they disagree, and never takes an impossible date', () => {
    const disagree = parse(['查询时间段 2025-06-01 至 2026-05-31', '本报告仅反映查询时间段（2025年6月7日至2026年5月31日）内的信用信息']);
    expect(disagree.from).toBe('2025-06-01');
    // 30 February and 29 February 2026 are misreadings; the sentence is right.
    const impossible = parse(['查询时间段 2025-02-30 至 2026-02-29', '本报告仅反映查询时间段（2025年3月1日至2026年2月28日）内的信用信息']);
    expect(impossible).toMatchObject({ from: '2025-03-01', to: '2026-02-28' });
    expect(parse(['查询时间段 2025-13-01 至 2026-02-30'])).toMatchObject({ from: null, to: null });
    // A period that ends before it starts is a misreading too.
    expect(parse(['查询时间段 2026-06-01 至 2025-05-31'])).toMatchObject({ from: null, to: null });
  });

  it('chooses the report number that is not a misreading when pages disagree', () => {
    const report = parse(['信用江苏报告编号: JSXY2D2606173447B7', '专项信用报告'], ['信用江苏报告编号: JSXY20260617344787']);
    expect(report.reportNumber).toBe('JSXY20260617344787');
    // A running head whose label OCR mangled (报告坊导) confirms a number read under a label.
    const mangled = parse(['信用江苏报告坊导: JSXY20260616014226'], ['信用江苏报告彤号: JSXY20260616014726'], ['信用江苏报告坊号; JSXY20260616014226']);
    expect(mangled.reportNumber).toBe('JSXY20260616014226');
  });

  it('guesses nothing: unlabelled dates and numbers stay null', () => {
    const report = parse(['专项信用报告', '南京示例科技有限公司', 'JSXY20260531000123', '2026-05-31', '许可有效期 2024-01-01 至 2029-01-01']);
    expect(report).toMatchObject({
      reportNumber: null,
      from: null,
      to: null,
      generatedAt: null,
      simplePenaltyIncluded: null,
      allDomains: null,
      recordsFound: null,
      company: { name: null, creditCode: null },
    });
    expect(report.domains).toEqual([]);
  });

  it('reads a list of every domain as 全选, and a list that ends mid-name on the next line', () => {
    expect(parse([`查询领域：${CREDIT_REPORT_DOMAINS.join('、')}`]).allDomains).toBe(true);
    const wrapped = parse(['查询领域', '市场监管、税务、生态环境、人力资源和社会保障、住房和城乡建', '设、交通运输', '简易处罚', '是']);
    expect(wrapped.domains).toEqual(['市场监管', '税务', '生态环境', '人力资源和社会保障', '住房和城乡建设', '交通运输']);
    expect(wrapped.allDomains).toBe(false);
  });

  it('reads record sections: none, a table of penalties, and the 失信 lists', () => {
    const none = parse([
      '(二) 行政处罚信息',
      '查询时间段内无相关信息。',
      '(三) 简易处罚信息',
      '暂无',
      '三、失信信息',
      '严重失信主体名单 无',
      '失信被执行人：无',
      '欠税信息 暂无',
      '四、守信激励信息',
    ]);
    expect(none.recordsFound).toBe(false);
    expect(none.records.map((r) => [r.category, r.count])).toEqual([
      ['行政处罚', 0],
      ['简易处罚', 0],
      ['严重失信主体名单', 0],
      ['失信被执行人', 0],
      ['欠税信息', 0],
    ]);

    const some = parse([
      '（二）行政处罚信息',
      '序号 处罚决定书文号 违法事由 处罚结果 处罚机关 处罚决定日期',
      '1 宁市监罚〔2026〕12号 发布虚假广告 罚款人民币10000元 南京市市场监督管理局 2026-03-04',
      '2 宁税罚〔2025〕7号 丢失发票 警告 南京市税务局 2025-11-20',
      '三、失信信息',
      '失信被执行人 1条',
      '经营异常名录 无',
    ]);
    expect(some.recordsFound).toBe(true);
    expect(some.records).toEqual([
      { category: '行政处罚', count: 2, items: ['宁市监罚〔2026〕12号', '宁税罚〔2025〕7号'] },
      { category: '失信被执行人', count: 1, items: [] },
      { category: '经营异常名录', count: 0, items: [] },
    ]);
  });

  it('trusts a section that says it has nothing over a stray date from the table beside it', () => {
    // A photo's tilt puts the last cells of the 行政许可 table (its authority and date) on the
    // 行政处罚 heading's row; the section itself says it has nothing.
    const tilted = parse(['（一）行政许可信息', '1 扬审批（2025）835号 特种设备使用登记', '（二）行政处罚信息', '扬州市行政审批局', '2025-04-07', '查询时间段内无相关信息。', '三、失信信息', '失信被执行人 无']);
    expect(tilted.records.find((r) => r.category === '行政处罚')).toEqual({ category: '行政处罚', count: 0, items: [] });
    expect(tilted.recordsFound).toBe(false);
  });

  it('does not call a report clean when a result could not be read or 行政处罚 is missing', () => {
    // OCR dropped the 无 of a row.
    expect(parse(['(二) 行政处罚信息', '查询时间段内无相关信息。', '三、失信信息', '严重失信主体名单', '失信被执行人 无']).recordsFound).toBeNull();
    // The 行政处罚 heading is lost: its rows could be anywhere.
    expect(parse(['(三) 简易处罚信息', '查询时间段内无相关信息。', '失信被执行人 无']).recordsFound).toBeNull();
  });
});

// ---- The check ---------------------------------------------------------------------------------

const base: CreditReport = {
  from: '2025-06-01',
  to: '2026-05-31',
  generatedAt: '2026-06-01',
  reportNumber: 'JSXY20260601000001',
  simplePenaltyIncluded: true,
  allDomains: true,
  domains: [],
  records: [
    { category: '行政处罚', count: 0, items: [] },
    { category: '失信被执行人', count: 0, items: [] },
  ],
  recordsFound: false,
  company: { name: '南京示例科技有限公司', creditCode: CODE },
};
const report = (changes: Partial<CreditReport> = {}): CreditReport => ({ ...base, ...changes });
const FILE = '专项信用报告.pdf';
const check = (changes: Partial<CreditReport>, policy: Partial<Parameters<typeof checkCreditReport>[1]> = {}) =>
  checkCreditReport(report(changes), { level: 'A', applicationDate: '2026-06-05', ...policy }, FILE);
const codes = (findings: ReturnType<typeof check>) => findings.map((f) => `${f.code}/${f.severity}`);

describe('checkCreditReport', () => {
  it('passes a one-year report for A and rejects it for AA and AAA (近三年)', () => {
    expect(check({})).toEqual([]);
    for (const level of ['AA', 'AAA'] as const) {
      const [short, ...rest] = check({}, { level });
      expect(rest).toEqual([]);
      expect(short).toMatchObject({
        code: 'QC_REPORT_RANGE_SHORT',
        severity: 'error',
        params: { file: FILE, from: '2025-06-01', to: '2026-05-31', years: 3, needFrom: '2023-06-05', needTo: '2026-06-05' },
      });
      expect(short!.message).toBe('专项信用报告“专项信用报告.pdf”的查询时间段为 2025-06-01 至 2026-05-31，未覆盖申报所需的近3年（2023-06-05 至 2026-06-05）');
    }
    expect(check({ from: '2023-06-01' }, { level: 'AAA' })).toEqual([]);
  });

  it(`allows ${DEFAULT_TOLERANCE_DAYS} days of slack at each end, and no more`, () => {
    // Application 2026-06-05, A: start by 2025-06-05 + 31 days, end on or after 2026-06-05 − 31 days.
    expect(check({ from: '2025-07-06' })).toEqual([]);
    expect(codes(check({ from: '2025-07-07' }))).toEqual(['QC_REPORT_RANGE_SHORT/error']);
    expect(check({ to: '2026-05-05', generatedAt: '2026-05-06' })).toEqual([]);
    expect(codes(check({ to: '2026-05-04', generatedAt: '2026-05-06' }))).toEqual(['QC_REPORT_RANGE_SHORT/error']);
    expect(codes(check({ to: '2026-05-31' }, { toleranceDays: 0 }))).toEqual(['QC_REPORT_RANGE_SHORT/error']);
    expect(check({ from: '2025-06-05', to: '2026-06-05', generatedAt: '2026-06-05' }, { toleranceDays: 0 })).toEqual([]);
  });

  it('handles 29 February', () => {
    const findings = checkCreditReport(report({ from: '2027-02-28', to: '2028-02-29', generatedAt: '2028-02-29' }), { level: 'A', applicationDate: '2028-02-29', toleranceDays: 0 }, FILE);
    expect(findings).toEqual([]);
  });

  it(`warns about a report generated more than ${DEFAULT_MAX_AGE_DAYS} days before the application`, () => {
    expect(check({ generatedAt: '2026-05-06' })).toEqual([]);
    const [stale] = check({ generatedAt: '2026-05-05' });
    expect(stale).toMatchObject({ code: 'QC_REPORT_STALE', severity: 'warning', params: { file: FILE, generatedAt: '2026-05-05', applicationDate: '2026-06-05', days: 30 } });
    expect(codes(check({ generatedAt: '2026-05-25' }, { maxAgeDays: 7 }))).toEqual(['QC_REPORT_STALE/warning']);
    // Unknown age: nothing said (the period check covers an unread report).
    expect(check({ generatedAt: null })).toEqual([]);
  });

  it('reports the query settings: 全选 and 简易处罚', () => {
    const [domains] = check({ allDomains: false, domains: ['市场监管', '税务'] });
    expect(domains).toMatchObject({ code: 'QC_REPORT_SETTINGS', severity: 'error', params: { problems: '查询领域未全选' } });
    expect(check({ simplePenaltyIncluded: false })[0]?.params.problems).toBe('未包含简易处罚');
    expect(check({ allDomains: false, simplePenaltyIncluded: false })[0]?.params.problems).toBe('查询领域未全选；未包含简易处罚');
    const unknown = check({ allDomains: null, simplePenaltyIncluded: null });
    expect(codes(unknown)).toEqual(['QC_REPORT_SETTINGS/warning']);
    expect(unknown[0]?.params.problems).toBe('无法确认查询设置（查询领域、简易处罚）');
    expect(codes(check({ allDomains: false, simplePenaltyIncluded: null }))).toEqual(['QC_REPORT_SETTINGS/error', 'QC_REPORT_SETTINGS/warning']);
    expect(domains!.action).toContain('全选');
  });

  it('warns when the period could not be read', () => {
    const [unread] = check({ from: null });
    expect(unread).toMatchObject({ code: 'QC_REPORT_RANGE_SHORT', severity: 'warning', params: { from: '（未能识别）', to: '2026-05-31' } });
  });

  it('reports records: a warning for 行政处罚 and the 失信 lists, an info for 简易处罚 only', () => {
    const penalties = check({
      recordsFound: true,
      records: [
        { category: '行政处罚', count: 2, items: ['宁市监罚〔2026〕12号', '宁税罚〔2025〕7号'] },
        { category: '简易处罚', count: 1, items: [] },
        { category: '失信被执行人', count: 0, items: [] },
      ],
    });
    expect(penalties).toHaveLength(1);
    expect(penalties[0]).toMatchObject({ code: 'QC_REPORT_RECORDS', severity: 'warning', params: { categories: '行政处罚 2 条、简易处罚 1 条' } });
    expect(penalties[0]!.message).toBe('专项信用报告“专项信用报告.pdf”的查询时间段内有以下记录：行政处罚 2 条、简易处罚 1 条');
    expect(penalties[0]!.messageEn).toBe('The credit report "专项信用报告.pdf" lists records in its period: administrative penalties (2), summary-procedure penalties (1)');
    expect(penalties[0]!.action).toBeTruthy();
    // 有 without a number, read from the report.
    const listed = parse(['(二) 行政处罚信息', '查询时间段内无相关信息。', '三、失信信息', '失信被执行人 有', '经营异常名录 无']);
    expect(listed.recordsFound).toBe(true);
    expect(listed.records[1]).toEqual({ category: '失信被执行人', count: null, items: ['有'] });
    const blacklisted = checkCreditReport(listed, { level: 'A', applicationDate: '2026-06-05' }, FILE).filter((f) => f.code === 'QC_REPORT_RECORDS');
    expect(blacklisted).toMatchObject([{ severity: 'warning', params: { categories: '失信被执行人' } }]);
    const simple = check({ recordsFound: true, records: [{ category: '行政处罚', count: 0, items: [] }, { category: '简易处罚', count: 1, items: [] }] });
    expect(codes(simple)).toEqual(['QC_REPORT_RECORDS/info']);
    expect(check({ recordsFound: null })).toEqual([]);
  });

  it('rejects an application date that is not a date', () => {
    expect(() => check({}, { applicationDate: '2026-02-30' })).toThrow(RangeError);
    expect(() => check({}, { applicationDate: '5/6/2026' })).toThrow(RangeError);
  });
});
