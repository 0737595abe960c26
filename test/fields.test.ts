/**
 * Facts read by meaning (src/fields): each label synonym, values after, beside, below and
 * before their labels, on later pages, the 自…起至…止 form, decoy dates and numbers, and
 * watermark words inside the text layer. Pages are built by hand with their geometry, as a
 * text layer or OCR gives them.
 */
import { describe, expect, it } from 'vitest';
import { parseCreditReport } from '../src/checks/credit-report.js';
import { GENERATED_LABELS, PERIOD_LABELS, REPORT_NUMBER_LABELS, SIMPLE_PENALTY_LABELS, DOMAINS_LABELS } from '../src/fields/credit-report.js';
import { readLicenceFields } from '../src/fields/licence.js';
import { findCreditCode } from '../src/reading/credit-code.js';
import type { Box, ReadPage, TextLine } from '../src/reading/types.js';

type Piece = string | { text: string; x: number; y: number; words?: { text: string; x: number; width: number }[] };

/** A page of lines; a string is a line on its own row at the left margin, 40 px apart. */
function page(pieces: Piece[], number = 1, source: ReadPage['source'] = 'text-layer'): ReadPage {
  let row = 0;
  const lines: TextLine[] = pieces.map((p) => {
    const { text, x, y } = typeof p === 'string' ? { text: p, x: 100, y: 100 + 40 * row++ } : p;
    const box: Box = { x, y, width: 22 * [...text].length, height: 24 };
    const words = typeof p !== 'string' && p.words ? p.words.map((w) => ({ text: w.text, box: { x: w.x, y, width: w.width, height: 24 }, confidence: 1 })) : [];
    return { text, box, confidence: source === 'ocr' ? 0.9 : 1, words };
  });
  return {
    number, width: 1654, height: 2339, dpi: 200, source, lines, text: lines.map((l) => l.text).join('\n'), rotation: 0,
    pixels: async () => { throw new Error('no pixels in a hand-made page'); },
  };
}

const report = (...pages: Piece[][]) => parseCreditReport(pages.map((p, i) => page(p, i + 1)));
const words = (labels: readonly { match: string | RegExp }[]) => labels.map((l) => l.match).filter((m): m is string => typeof m === 'string');

describe('credit report: the period', () => {
  it.each(words(PERIOD_LABELS).filter((w) => w !== '查询时间'))('is read under its label %s', (label) => {
    expect(report([`${label}：2023-06-01 至 2026-05-31`])).toMatchObject({ from: '2023-06-01', to: '2026-05-31' });
  });

  it('is read in the 自…起至…止 form, with Chinese dates and in Chinese numerals', () => {
    expect(report(['报告期：自2023年6月1日起至2026年5月31日止'])).toMatchObject({ from: '2023-06-01', to: '2026-05-31' });
    expect(report(['查询期间：2023年06月01日—2026年05月31日'])).toMatchObject({ from: '2023-06-01', to: '2026-05-31' });
    expect(report(['统计区间：二〇二三年六月一日至二〇二六年五月三十一日'])).toMatchObject({ from: '2023-06-01', to: '2026-05-31' });
  });

  it('is read in the next table cell, in the cell below a header row, and before its label', () => {
    const right = report([{ text: '信用记录期间', x: 100, y: 300 }, { text: '2023.06.01-2026.05.31', x: 420, y: 302 }]);
    expect(right).toMatchObject({ from: '2023-06-01', to: '2026-05-31' });
    const below = report([
      { text: '企业名称', x: 100, y: 300 }, { text: '统计区间', x: 600, y: 300 }, { text: '报告编号', x: 1100, y: 300 },
      { text: '南京示例科技有限公司', x: 100, y: 340 }, { text: '2023/6/1 ~ 2026/5/31', x: 600, y: 340 }, { text: 'SZXY2026000123', x: 1100, y: 340 },
    ]);
    expect(below).toMatchObject({ from: '2023-06-01', to: '2026-05-31', reportNumber: 'SZXY2026000123' });
    expect(report(['2023年6月1日至2026年5月31日（报告期）'])).toMatchObject({ from: '2023-06-01', to: '2026-05-31' });
    const left = report([{ text: '2023-06-01至2026-05-31', x: 100, y: 300 }, { text: '查询期间', x: 700, y: 300 }]);
    expect(left).toMatchObject({ from: '2023-06-01', to: '2026-05-31' });
  });

  it('is read on a later page, after a cover with other dates', () => {
    const read = report(['江苏省专项公共信用信息报告', '出具日期：2026年6月12日', '成立日期：2010年3月1日'], ['一、报告概况', '报告期间：2023-06-12 至 2026-06-11']);
    expect(read).toMatchObject({ from: '2023-06-12', to: '2026-06-11', generatedAt: '2026-06-12' });
    expect(read.sources?.period?.page).toBe(2);
  });

  it('takes no decoy period: a validity, a licence term, a record date', () => {
    const read = report(['本报告有效期：2026年6月12日至2026年7月12日', '营业期限：2010年3月1日至2030年2月28日', '处罚决定日期 2025-03-04', '报告期：2023-06-12 至 2026-06-11']);
    expect(read).toMatchObject({ from: '2023-06-12', to: '2026-06-11' });
    expect(report(['本报告有效期：2026年6月12日至2026年7月12日', '营业期限：2010年3月1日至2030年2月28日'])).toMatchObject({ from: null, to: null });
  });
});

describe('credit report: generation day, number and settings', () => {
  it.each(words(GENERATED_LABELS).filter((w) => !/打印|查询/.test(w)))('reads the generation day under %s', (label) => {
    expect(report([`${label}：2026-06-12 10:20:30`]).generatedAt).toBe('2026-06-12');
  });

  it('prefers the generation day to a print time in the footer, and reads the day under the issuer', () => {
    expect(report(['生成日期：2026年6月12日'], ['打印时间：2026-06-20 09:00', '打印时间：2026-06-20 09:00']).generatedAt).toBe('2026-06-12');
    expect(report(['……', '出具单位：江苏省公共信用信息中心', '二〇二六年六月十二日']).generatedAt).toBe('2026-06-12');
  });

  it.each(words(REPORT_NUMBER_LABELS))('reads the report number under %s', (label) => {
    expect(report([`${label}：JSXY20260612000123`]).reportNumber).toBe('JSXY20260612000123');
  });

  it('takes no decoy number: 查询流水号, 注册号, a page count, a telephone', () => {
    const read = report(['查询流水号：20260612101530123456', '注册号：320500000123456', '第 1 页 共 3 页', '联系电话：025-83456789']);
    expect(read.reportNumber).toBeNull();
    expect(report(['副本编号：1-1', '证照编号：32050700020191212012', '报告编号：SZ-XY-2026-000123']).reportNumber).toBe('SZ-XY-2026-000123');
  });

  it.each(words(DOMAINS_LABELS))('reads 全选 under %s, and a partial list', (label) => {
    expect(report([`${label}：全选`]).allDomains).toBe(true);
    expect(report([`${label}：市场监管、税务、生态环境`]).allDomains).toBe(false);
  });

  it('reads ticked boxes and the value before its label', () => {
    expect(report(['查询领域 ■全选 □部分领域', '简易处罚 ■是 □否'])).toMatchObject({ allDomains: true, simplePenaltyIncluded: true });
    expect(report(['查询领域 □全选 ■部分领域：税务、海关', '简易处罚 □是 ■否'])).toMatchObject({ allDomains: false, simplePenaltyIncluded: false });
    expect(report([{ text: '全选', x: 100, y: 300 }, { text: '查询领域', x: 400, y: 300 }]).allDomains).toBe(true);
  });

  it.each(words(SIMPLE_PENALTY_LABELS))('reads 简易处罚 under %s', (label) => {
    expect(report([`${label}：是`]).simplePenaltyIncluded).toBe(true);
    expect(report([`${label}：否`]).simplePenaltyIncluded).toBe(false);
  });

  it('reads 包含 / 不包含 and takes no records section for the setting', () => {
    expect(report(['是否包含简易处罚：不包含']).simplePenaltyIncluded).toBe(false);
    expect(report(['简易处罚信息', '无']).simplePenaltyIncluded).toBe(true);
  });
});

describe('credit report: watermark words in the text layer', () => {
  it('cuts 信用江苏 out of a value it was drawn into, and out of a label', () => {
    const read = report([
      '信用江苏', '查询领域：全信用江苏选', '简易处罚：信用江苏是', '信用江苏', '报告期：2023-06-01 至信用江苏 2026-05-31', '信用江苏',
    ]);
    expect(read).toMatchObject({ allDomains: true, simplePenaltyIncluded: true, from: '2023-06-01', to: '2026-05-31' });
  });

  it('keeps content that repeats: 无相关记录 under every empty section', () => {
    const read = report(['行政处罚信息', '无相关记录', '简易处罚信息', '无相关记录', '失信被执行人', '无相关记录', '查询领域：全选']);
    expect(read.allDomains).toBe(true);
    expect(read.recordsFound).not.toBe(true);
  });
});

describe('credit report: facts in running sentences (a letter-style report)', () => {
  it('reads the subject, the settings and the number from sentences', () => {
    const read = report([
      '经查询，南京恒瑞精密机械有限公司（统一社会信用代码：91320507MA1MXQ7P9R）在2023年6月1日至2026年5月31日期间，',
      '本次查询覆盖全部信用领域，并包含简易程序行政处罚信息。',
      '本报告编号为 JSXY20260601000123，可登录信用江苏网站验证。',
      '特此证明。', '江苏省公共信用信息中心', '2026年6月1日',
    ]);
    expect(read).toMatchObject({ from: '2023-06-01', to: '2026-05-31', generatedAt: '2026-06-01', reportNumber: 'JSXY20260601000123', allDomains: true, simplePenaltyIncluded: true });
    expect(read.company.name).toBe('南京恒瑞精密机械有限公司');
  });

  it('reads a subject line, a setting with its colon and a generation sentence', () => {
    const read = report(['主题：关于苏州华达科技有限公司公共信用信息的报告', '查询范围：全部18个领域；简易处罚信息：已包含。', '报告生成于2026年06月01日 10:22']);
    expect(read).toMatchObject({ generatedAt: '2026-06-01', allDomains: true, simplePenaltyIncluded: true });
    expect(read.company.name).toBe('苏州华达科技有限公司');
  });

  it('reads a statement wrapped over two lines, and a subject named before 以下简称 or after 报告对象为', () => {
    const read = report([
      '根据江苏远信机械制造股份有限公司（以下简称“该单位”，统一社会信用代',
      '码：91320507MA1MXQ7P9R）的申请，现将该单位2023年06月18日—2026年06月17日（以',
      '下简称“查询期间”）的信用记录报告如下：',
      '本次查询的信用领域为全部领域（共18个），依简易程序作出的行政处罚信息未纳入本次查询。',
    ]);
    expect(read).toMatchObject({ from: '2023-06-18', to: '2026-06-17', allDomains: true, simplePenaltyIncluded: false });
    expect(read.company.name).toBe('江苏远信机械制造股份有限公司');
    const wrapped = report(['经查询，贵单位在2024年5月25日', '至2026年5月24日期间的公共信用信息记录情况如下。', '报告对象为琛创汽车部件（南京）股份有限公司，统一社会信用代码为91320105MA7819UP2G。']);
    expect(wrapped).toMatchObject({ from: '2024-05-25', to: '2026-05-24' });
    expect(wrapped.company.name).toBe('琛创汽车部件（南京）股份有限公司');
  });

  it('a name that begins with 为 or 应 keeps it; only a sentence\'s connector is dropped', () => {
    expect(report(['企业名称：为民精密机械有限公司']).company.name).toBe('为民精密机械有限公司');
    expect(report(['致远精密机械有限公司（统一社会信用代码：91320507MA1MXQ7P9R）']).company.name).toBe('致远精密机械有限公司');
    expect(report(['应常州晟德智能电气股份有限公司（统一社会信用代码：91320507MA1MXQ7P9R）申请']).company.name).toBe('常州晟德智能电气股份有限公司');
  });

  it('a list of domains cut at the end of its line is not read as a partial query', () => {
    expect(report(['查询领域包括市场监管、税务、生态环境、', '统计、消防救援、文化和旅游、卫生健康、', '发展改革，共18个领域，并包含简易程序行政处罚信息。']).allDomains).toBe(true);
    expect(report(['查询领域：市场监管、税务、生态环境（共3个领域）']).allDomains).toBe(false);
  });

  it('a clause that leaves them out is read as such; a label asking about them is no answer', () => {
    expect(report(['查询领域为全选，不含简易处罚信息。']).simplePenaltyIncluded).toBe(false);
    expect(report(['是否包含简易处罚']).simplePenaltyIncluded).toBeNull();
    // Two clauses that disagree: neither is taken.
    expect(report(['查询领域为全选，含简易处罚。', '本报告不含简易处罚信息。']).simplePenaltyIncluded).toBeNull();
  });
});

describe('licence fields', () => {
  it('reads the 2019 licence, label left of its value', () => {
    const fields = readLicenceFields([page([
      '名　　称 江苏示例精密机械有限公司', '类　　型 有限责任公司（自然人投资或控股）', '法定代表人 王建国', '注册资本 5000万元整',
      '成立日期 2016年09月12日', '营业期限 2016年09月12日至长期', '住　　所 南京市江宁区科技大道18号',
    ])]);
    expect(fields).toMatchObject({
      name: '江苏示例精密机械有限公司', entityType: '有限责任公司（自然人投资或控股）', legalRepresentative: '王建国', registeredCapital: '5000万元整',
      establishedOn: '2016-09-12', termFrom: '2016-09-12', termTo: null, termOpen: true, address: '南京市江宁区科技大道18号',
    });
    expect(fields.sources.establishedOn?.label).toBe('成立日期');
  });

  it('reads a branch and an individual business by their own words, and values under their labels', () => {
    const branch = readLicenceFields([page(['名称', '江苏示例精密机械有限公司南京分公司', '负责人', '李文', '营业场所', '南京市鼓楼区中山北路8号', '营业期限', '2019年3月5日至2039年3月4日'])]);
    expect(branch).toMatchObject({ name: '江苏示例精密机械有限公司南京分公司', legalRepresentative: '李文', address: '南京市鼓楼区中山北路8号', termTo: '2039-03-04', termOpen: false });
    const shop = readLicenceFields([page(['名称：南京市玄武区张三五金店', '类型：个体工商户', '经营者：张三', '经营场所：南京市玄武区珠江路12号', '注册日期：2018年05月06日'])]);
    expect(shop).toMatchObject({ name: '南京市玄武区张三五金店', entityType: '个体工商户', legalRepresentative: '张三', establishedOn: '2018-05-06', registeredCapital: null });
  });

  it('takes no word for a person, and no 组成形式 for the type', () => {
    const fields = readLicenceFields([page(['类型：个体工商户', '组成形式：个人经营', '经营者：留存', '法定代表人：项目'])]);
    expect(fields).toMatchObject({ entityType: '个体工商户', legalRepresentative: null });
  });

  it('reads a term with no end: ****** under 营业期限至 is open, not the date further down', () => {
    const fields = readLicenceFields([page(['营业期限自', '2010年03月24日', '营业期限至', '******', '登记机关', '2024年03月24日'])]);
    expect(fields).toMatchObject({ termTo: null, termOpen: true });
  });

  it('takes a whole term under a misread 营业期限至 label for no end date (营业期限” 2007年…至长期)', () => {
    const fields = readLicenceFields([page(['营业期限” 2007年02月15日至长其'])]);
    expect(fields.termTo).toBeNull();
  });

  it('guesses nothing: a field without its label is null', () => {
    const fields = readLicenceFields([page(['江苏示例精密机械有限公司', '2016年09月12日', '王建国'])]);
    expect(fields).toMatchObject({ name: null, establishedOn: null, legalRepresentative: null, termOpen: null });
  });
});

describe('credit code beside decoy numbers', () => {
  it('takes the code, not a 20-digit number between its label and it', async () => {
    const read = await findCreditCode([page(['统一社会信用代码', '32050700020191212012', '91320507MA1MXQ7P9P'])]);
    expect(read?.value).toBe('91320507MA1MXQ7P9P');
    const sameLine = await findCreditCode([page(['统一社会信用代码 91320507MA1MXQ7P9P 32050700020191212012'])]);
    expect(sameLine?.value).toBe('91320507MA1MXQ7P9P');
  });
});
