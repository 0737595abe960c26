/**
 * Held-out credit-report layouts: three ways real Chinese credit-report exports look, made
 * without reference to the reading code (see ../../test/corpus/layouts.ts for the split).
 *
 *  - report-city-portal-grid: a city credit portal export (信用苏州 / 信用南京 …): a cover,
 *    sometimes a page of notes, then the facts in a grid of label/value cells four per row;
 *  - report-jiangsu-form: 江苏省专项公共信用信息报告 as a form: labels in a header row with
 *    values in the row below (or above), check boxes for 查询领域 and 简易处罚, the period in
 *    a 报告说明 paragraph and/or a cell, a per-domain result table;
 *  - report-compliance-letter: a letter replacing the 无违法违规证明: the facts in running
 *    text, a summary table of categories, the date only under the issuer's seal at times.
 */
import { A4, Composer, type Rgb } from '../../test/corpus/compose.js';
import type { CorpusCompany } from '../../test/corpus/companies.js';
import type { CreditReportLayout, LayoutContext } from '../../test/corpus/layouts.js';
import { qrLike, redHeading, redRule, watermark } from '../../test/corpus/parts.js';
import { addDays, randomDate, type Rng } from '../../test/corpus/random.js';
import type { BuiltDocument, CreditReportTruth } from '../../test/corpus/types.js';
import {
  ALL_DOMAINS, checkBox, cityAbbr, cityLatin, cityPinyin, cityShort, creationDate, diagonalWatermark, digits, drawFacts, drawPunct,
  fitColumns, fmtDate, fmtDateTime, grid, inlineWatermark, issuerSeal, oldRegistrationNumber, phoneOf, postcodeOf, querySerial,
  reportTruth, verificationCode, type BoxStyle, type DateStyle, type GridCell, type PenaltyRow, type ReportFacts,
} from './report-kit.js';

type Built = BuiltDocument<CreditReportTruth>;

const GREY: Rgb = [105, 105, 105];
const LIGHT: Rgb = [150, 150, 150];

/** What a report may be asked for (printed in notes and 用途 cells). */
const PURPOSES = ['江苏省企业质量信用等级认定', '申报质量信用等级评价', '企业资质申报', '评先评优', '政府采购投标', '项目申报'];

/** Permits: dated rows in the period that are not penalties. */
const PERMITS = [
  ['全国工业产品生产许可证', '江苏省市场监督管理局'],
  ['排污许可证', '生态环境局'],
  ['城镇污水排入排水管网许可证', '水务局'],
  ['取水许可证', '水务局'],
  ['辐射安全许可证', '生态环境局'],
  ['对外贸易经营者备案登记', '商务局'],
] as const;

function permitRows(rng: Rng, company: CorpusCompany, facts: ReportFacts, count: number) {
  return rng.sample(PERMITS, count).map(([name, office]) => {
    const date = randomDate(rng, facts.from, facts.to);
    return {
      name,
      number: `${name.includes('生产许可') ? `XK${rng.int(10, 25)}-${rng.int(100, 999)}-` : ''}${digits(rng, 9)}`,
      date,
      until: addDays(date, 365 * 5 - 1),
      office: office.startsWith('江苏') ? office : `${company.district.city}${office}`,
    };
  });
}

function stampOf(facts: ReportFacts, style: DateStyle, seconds: boolean): string {
  return fmtDateTime(facts.generatedAt, style, seconds);
}

// ---------------------------------------------------------------------------------------
// 1. City credit portal export: cover, (notes), grid of label/value cells four per row.
// ---------------------------------------------------------------------------------------

const L1_TITLES = ['企业公共信用信息报告', '法人和非法人组织公共信用信息报告', '公共信用信息报告（企业版）', '市场主体专项信用报告', '企业信用信息报告', '企业专项信用报告'];
const L1_SUBTITLES = ['（无违法违规记录证明版）', '（专项版）', '（简版）', '', '', '（替代有无违法违规记录证明专用）'];
const L1_PERIOD = ['报告期', '信息查询期间', '数据归集期间', '统计区间', '查询区间', '报告期间', '信息统计期间', '查询时段'];
const L1_GENERATED = ['报告出具日期', '生成日期', '报告生成日期', '出具日期', '报告生成时间', '出具时间'];
const L1_NUMBER = ['报告编号', '报告编码', '编号', '信用报告编号'];
const L1_DOMAINS = ['查询领域', '信息领域', '查询范围', '覆盖领域', '报告领域'];
const L1_SIMPLE: [string, [string, string]][] = [
  ['简易处罚', ['是', '否']], ['含简易处罚', ['是', '否']], ['是否含简易程序处罚', ['是', '否']],
  ['简易程序处罚信息', ['包含', '不包含']], ['包含简易处罚', ['包含', '不包含']], ['简易处罚记录', ['含', '不含']],
];

function l1ReportNumber(rng: Rng, company: CorpusCompany, facts: ReportFacts): string {
  const d = facts.generatedDay.replaceAll('-', '');
  return rng.pick([
    () => `${cityLatin(company)}${d}${rng.chars('0123456789', 6)}`,
    () => `XY${company.district.code}-${d.slice(0, 4)}-${d.slice(4)}${rng.chars('0123456789', 5)}`,
    () => `${cityLatin(company)}XYBG${d.slice(2)}${rng.chars('ABCDEFGHJKLMNPQRSTUVWXYZ0123456789', 4)}`,
    () => `QY${d}${rng.chars('0123456789', 4)}-${rng.int(1, 9)}`,
  ])();
}

async function buildCityPortal({ company, rng, fonts }: LayoutContext): Promise<Built> {
  const id = 'report-city-portal-grid';
  const seconds = rng.chance(0.7);
  const facts = drawFacts(company, rng, { seconds });
  const p = drawPunct(rng, 0.75);
  const city = cityShort(company);
  const portal = `信用${city}`;
  const issuer = rng.chance(0.8) ? `${company.district.city}公共信用信息中心` : `${company.district.city}信用信息中心`;
  const title = rng.pick(L1_TITLES);
  const subtitle = rng.pick(L1_SUBTITLES);
  const reportNumber = l1ReportNumber(rng, company, facts);
  const serial = querySerial(rng, facts);
  const dateStyle = rng.pick<DateStyle>(['iso', 'zhPad', 'zh', 'dot', 'slashPad']);
  const periodStyle = rng.chance(0.6) ? dateStyle : rng.pick<DateStyle>(['iso', 'zh', 'dot']);
  const brand: Rgb = rng.pick<Rgb>([[22, 78, 160], [0, 112, 120], [30, 96, 190], [200, 20, 30]]);
  const brandRed = brand[0] > 150;
  const size = rng.float(9, 10.5);
  const margin = { top: rng.int(78, 92), bottom: 64, left: rng.int(52, 66), right: rng.int(52, 66) };
  const c = await Composer.create(A4, fonts, margin);
  const x0 = margin.left;
  const W = c.contentWidth;

  const cover = rng.chance(0.85);
  const notesPage = cover && rng.chance(0.35);
  const watermarkText = rng.pick([portal, '信用中国（江苏）', '信用江苏', `仅供${company.shortName}使用`, `${portal}  ${facts.generatedDay.replaceAll('-', '')}`]);
  const diagonal = rng.chance(0.4);
  const inline = rng.chance(0.45);
  const inlineXs = [x0 + W * rng.float(0.3, 0.42), x0 + W * rng.float(0.72, 0.86)];

  const periodValue = (() => {
    const a = fmtDate(facts.from, periodStyle);
    const b = fmtDate(facts.to, periodStyle);
    return rng.pick([`${a} 至 ${b}`, `${a}至${b}`, `${a} ～ ${b}`, `${a} - ${b}`, `${a}—${b}`]);
  })();
  const genLabel = rng.pick(L1_GENERATED);
  const genValue = genLabel.endsWith('时间') || rng.chance(0.4) ? stampOf(facts, dateStyle, seconds) : fmtDate(facts.generatedDay, dateStyle);
  const numberLabel = rng.pick(L1_NUMBER);

  // Running header of content pages.
  const header = (cc: Composer) => {
    cc.text(portal, x0, 40, { size: 12, weight: 'bold', color: brand });
    cc.text(title, x0 + W, 42, { size: 8.5, color: GREY, align: 'right' });
    cc.line(x0, 58, x0 + W, 58, 0.8, brand);
  };
  const diagonalSize = rng.float(22, 30);
  const pageSep = rng.pick([' / ', ' ']);
  c.footer = (cc, page, total) => {
    if (diagonal) diagonalWatermark(cc, watermarkText, diagonalSize, 0.12);
    const fy = cc.height - 44;
    cc.line(x0, fy - 6, x0 + W, fy - 6, 0.4, LIGHT);
    cc.text(`第 ${page} 页${pageSep}共 ${total} 页`, cc.width / 2, fy, { size: 8, color: GREY, align: 'center' });
    cc.text(`打印时间${p.colon}${fmtDateTime(facts.printedAt, dateStyle === 'upper' ? 'iso' : dateStyle)}`, x0, fy, { size: 7.5, color: GREY });
    if (page > 1 || !cover) cc.text(`${numberLabel}${p.colon}${reportNumber}`, x0 + W, fy, { size: 7.5, color: GREY, align: 'right' });
  };

  // Cover.
  if (cover) {
    if (brandRed) redHeading(c, portal, x0, 54, 22, { align: 'left', weight: 900 });
    else c.text(portal, x0, 54, { size: 22, weight: 900, color: brand });
    c.text(`CREDIT ${cityPinyin(company)}`, x0, 82, { size: 7, color: GREY, spacing: 1 });
    const numberOnTop = rng.chance(0.4);
    if (numberOnTop) c.text(`${numberLabel}${p.colon}${reportNumber}`, x0 + W, 62, { size: 9.5, align: 'right' });
    const ty = rng.int(210, 260);
    c.text(title, c.width / 2, ty, { size: rng.float(24, 30), weight: 'bold', align: 'center', spacing: rng.float(1, 4) });
    if (subtitle) c.text(subtitle, c.width / 2, ty + 48, { size: 14, align: 'center' });
    const cs = rng.float(12, 14);
    let y = ty + rng.int(150, 190);
    const lx = x0 + W * rng.float(0.1, 0.18);
    const coverLabels = [rng.pick(['企业名称', '主体名称', '单位名称']), rng.pick(['出具机构', '报告出具机构', '出具单位']), rng.pick(['报告出具日期', '出具日期', '生成日期', '报告日期'])] as const;
    const coverDateStyle = rng.chance(0.35) ? 'upper' : dateStyle;
    const lines: [string, string][] = [
      [coverLabels[0], company.name],
      ...(rng.chance(0.5) ? [['统一社会信用代码', company.creditCode] as [string, string]] : []),
      ...(numberOnTop ? [] : [[numberLabel, reportNumber] as [string, string]]),
      [coverLabels[1], issuer],
      [coverLabels[2], fmtDate(facts.generatedDay, coverDateStyle)],
    ];
    const lw = Math.max(...lines.map(([l]) => c.measure(`${l}${p.colon}`, cs, 'bold'))) + cs * 0.8;
    for (const [label, value] of lines) {
      c.text(`${label}${p.colon}`, lx, y, { size: cs, weight: 'bold' });
      c.text(value, lx + lw, y, { size: cs });
      c.line(lx + lw - 2, y + cs * 1.35, x0 + W * 0.92, y + cs * 1.35, 0.5, GREY);
      y += cs * 2.6;
    }
    const qx = rng.chance(0.5) ? c.width / 2 - 38 : x0 + W - 76;
    qrLike(c, rng, qx, c.height - 190, 76);
    c.text(rng.pick(['扫描二维码核验报告真伪', '扫码验证', '微信扫一扫 验证报告']), qx + 38, c.height - 106, { size: 8, color: GREY, align: 'center' });
    c.newPage();
  }
  if (notesPage) {
    header(c);
    c.text(rng.pick(['报告说明', '阅读说明', '使用须知']), c.width / 2, c.y, { size: 15, weight: 'bold', align: 'center' });
    c.gap(36);
    const validDays = rng.pick([30, 60, 90]);
    const notes = [
      `本报告由${issuer}依据《江苏省社会信用条例》（2022年1月1日起施行）等规定出具，信息来源于${portal}平台归集的公共信用信息。`,
      `本报告自出具之日起${validDays}日内有效（有效期至${fmtDate(addDays(facts.generatedDay, validDays), dateStyle)}），逾期请重新查询。`,
      `信用主体对报告内容有异议的，可向${issuer}提出异议申请，联系电话${p.colon}${phoneOf(company, rng)}，通讯地址邮编${p.colon}${postcodeOf(company, rng)}。`,
      `本报告仅供${company.name}用于${rng.pick(PURPOSES)}，不得用于其他用途；复印件、截图无效。`,
      '报告内容以查询时点平台归集的数据为准，未归集的信息不在本报告反映范围内。',
    ];
    const dot = rng.pick(['.', '、', '．']);
    notes.forEach((n, i) => c.para(`${i + 1}${dot}${n}`, { size: 11, lineHeight: 22, after: 6 }));
    c.newPage();
  }
  if (cover) header(c);
  else {
    // No cover: the title heads the facts page.
    if (brandRed) redHeading(c, portal, x0, 38, 16, { align: 'left', weight: 900 });
    else c.text(portal, x0, 38, { size: 16, weight: 900, color: brand });
    c.text(title, c.width / 2, c.y - 6, { size: 19, weight: 'bold', align: 'center' });
    c.y += 30;
    if (subtitle) {
      c.text(subtitle, c.width / 2, c.y - 4, { size: 11, align: 'center' });
      c.y += 20;
    }
  }
  c.onNewPage = header;

  const labelFill: Rgb | null = rng.pick<Rgb | null>([[232, 240, 250], [238, 238, 238], null, [244, 248, 236]]);
  const gridOptions = {
    x: x0, width: W, cols: rng.pick([[22, 28, 19, 31], [21, 29, 21, 29], [23, 27, 20, 30], [19, 31, 19, 31]]), size,
    labelFill, labelBold: rng.chance(0.5), padY: rng.float(5, 8), minRowHeight: rng.int(22, 28),
    onRow: inline ? (cc: Composer, row: number, _top: number, _h: number, textTop: number) => {
      if (row % 2 === 0) inlineWatermark(cc, watermarkText, textTop, size, inlineXs);
    } : undefined,
  };
  const section = (text: string) => {
    c.ensure(60);
    c.gap(8);
    c.rect(x0, c.y + 2, 4, 14, { stroke: null, fill: brand });
    c.text(text, x0 + 10, c.y + 1, { size: 12.5, weight: 'bold' });
    c.gap(24);
  };
  const L = (text: string): GridCell => ({ text, label: true });
  const V = (text: string, span = 1): GridCell => ({ text, span });
  const numerals = ['一', '二', '三', '四', '五', '六', '七', '八'];
  let sectionNo = 0;
  const next = (name: string) => section(`${numerals[sectionNo++]}、${name}`);

  const basic = () => {
    next(rng.pick(['基本信息', '主体基本信息', '企业登记信息', '登记注册信息']));
    const rows: GridCell[][] = [
      [L(rng.pick(['企业名称', '主体名称', '名称'])), V(company.name, 3)],
      ...rng.shuffle<GridCell[]>([
        [L('统一社会信用代码'), V(company.creditCode), L(rng.pick(['法定代表人', '法定代表人/负责人'])), V(company.legalRepresentative)],
        [L(rng.pick(['原注册号', '工商注册号', '注册号'])), V(oldRegistrationNumber(company, rng)), L('成立日期'), V(fmtDate(company.establishedOn, dateStyle))],
        [L(rng.pick(['企业类型', '市场主体类型', '类型'])), V(company.type), L('注册资本'), V(company.registeredCapital)],
        [L('登记机关'), V(company.registrationAuthority), L(rng.pick(['核准日期', '最近核准日期'])), V(fmtDate(company.licenceIssuedOn, dateStyle))],
      ]),
      [L(rng.pick(['住所', '注册地址', '住所（经营场所）'])), V(company.address, 3)],
      [L('登记状态'), V(rng.pick(['存续（在营、开业、在册）', '在业', '存续'])), L('所属行业'), V(company.industry.label)],
    ];
    grid(c, rows, gridOptions);
  };
  let periodPage = 0;
  const reportInfo = () => {
    next(rng.pick(['报告信息', '查询信息', '报告基本信息']));
    const periodWide = c.measure(periodValue, size) > W * 0.3 - 12 || rng.chance(0.3);
    const domainsText = facts.allDomains
      ? rng.pick(['全部领域', `全部（${ALL_DOMAINS.length}个领域）`, '全选', `全部领域（共${ALL_DOMAINS.length}个）`])
      : `${rng.pick(['部分领域：', '', '已选：'])}${facts.domains.join(rng.pick(['、', '，', ' ']))}`;
    const [simpleLabel, [yes, no]] = rng.pick(L1_SIMPLE);
    const extra: [string, string][] = rng.sample([
      ['报告用途', rng.pick(PURPOSES)], ['申请方式', rng.pick(['网上自助查询', '窗口申请', '线上申请'])],
      ['查询人', company.contact.name], ['报告版本', rng.pick(['V2.1', '专项版', '标准版'])],
    ], 2);
    const rows: GridCell[][] = [[L(numberLabel), V(reportNumber), L(rng.pick(['查询流水号', '流水号', '查询序列号'])), V(serial)]];
    const periodRow = rows.length;
    if (periodWide) {
      rows.push([L(L1_PERIOD[rng.int(0, L1_PERIOD.length - 1)]!), V(periodValue, 3)]);
      rows.push([L(genLabel), V(genValue), L(extra[0]![0]), V(extra[0]![1])]);
    } else {
      rows.push([L(rng.pick(L1_PERIOD)), V(periodValue), L(genLabel), V(genValue)]);
    }
    rows.push([L(rng.pick(L1_DOMAINS)), V(domainsText, 3)]);
    rows.push([L(simpleLabel), V(facts.simplePenaltyIncluded ? yes : no), L(extra[1]![0]), V(extra[1]![1])]);
    const laid = grid(c, rows, gridOptions);
    periodPage = laid[periodRow]!.page + 1;
  };
  if (rng.chance(0.65)) {
    basic();
    reportInfo();
  } else {
    reportInfo();
    basic();
  }

  // Summary counts, four cells per row.
  const main = facts.records.filter((r) => r.type === '行政处罚');
  const simple = facts.records.filter((r) => r.type === '简易处罚');
  const permits = permitRows(rng, company, facts, rng.weighted([0, 1, 2], [3, 3, 2]));
  next(rng.pick(['信用信息概要', '信息概览', '查询结果汇总']));
  const unit = rng.pick(['', ' 条', '条']);
  const n = (k: number) => `${k}${unit}`;
  const pairs: [string, string][] = [
    ['行政许可', n(permits.length)],
    ['行政处罚', n(main.length)],
    ...(facts.simplePenaltyIncluded ? [['简易处罚', n(simple.length)] as [string, string]] : []),
    ['严重失信主体名单', rng.pick(['无', n(0)])],
    ['经营异常名录', rng.pick(['无', n(0)])],
    ['重大税收违法失信', rng.pick(['无', n(0)])],
    ['守信激励', n(rng.int(0, 2))],
    ['信用承诺', n(rng.int(0, 3))],
  ];
  if (pairs.length % 2) pairs.push(['其他信息', n(0)]);
  const sumRows: GridCell[][] = [];
  for (let i = 0; i < pairs.length; i += 2) sumRows.push([L(pairs[i]![0]), V(pairs[i]![1]), L(pairs[i + 1]![0]), V(pairs[i + 1]![1])]);
  grid(c, sumRows, { ...gridOptions, onRow: undefined });

  const tsize = size - 1;
  const tableOptions = { ...gridOptions, onRow: undefined, size: tsize, padX: 4, minRowHeight: 20, headerRows: 1 };
  const recordTable = (rows: PenaltyRow[], withType: boolean) => {
    const heads = {
      number: rng.pick(['决定书文号', '行政处罚决定书文号', '处罚文号']), reason: rng.pick(['违法行为', '处罚事由', '违法行为类型']),
      date: rng.pick(['决定日期', '处罚决定日期', '处罚日期']),
    };
    const dates = rows.map((r) => fmtDate(r.date, dateStyle));
    const head: GridCell[] = ['序号', ...(withType ? ['类别'] : []), heads.number, heads.reason, '处罚结果', '处罚机关', heads.date].map((text) => ({ text, label: true, align: 'center' }));
    const body = rows.map((r, i): GridCell[] => [
      { text: String(i + 1), align: 'center' }, ...(withType ? [{ text: r.type, align: 'center' } as GridCell] : []),
      V(r.decisionNumber), V(r.reason), V(r.result), V(r.authority), { text: dates[i]!, align: 'center' },
    ]);
    const cols = fitColumns(c, W, tsize, 4,
      [['序号'], ...(withType ? [['简易处罚']] : []), [heads.number, ...rows.map((r) => r.decisionNumber)], null, null, null, [heads.date, ...dates]],
      [0, ...(withType ? [0] : []), 0, 3, 2, 2.6, 0]);
    grid(c, [head, ...body], { ...tableOptions, cols });
  };
  const none = (what: string) => c.para(rng.pick([`报告期内未查询到该主体的${what}。`, '无', `暂无${what}。`, `经查询，报告期内无${what}记录。`]), { size: size + 0.5, after: 4 });
  const merged = rng.chance(0.4);
  next(merged ? '行政处罚信息（含简易程序）' : '行政处罚信息');
  if (merged) {
    if (facts.records.length) recordTable(facts.records, true);
    else none('行政处罚信息');
  } else {
    if (main.length) recordTable(main, false);
    else none('行政处罚信息');
    if (facts.simplePenaltyIncluded) {
      c.ensure(70);
      c.gap(4);
      c.text(rng.pick(['简易程序处罚', '简易处罚信息']), x0, c.y, { size: size + 1, weight: 'bold' });
      c.gap(20);
      if (simple.length) recordTable(simple, false);
      else none('简易处罚信息');
    }
  }
  next('行政许可信息');
  if (permits.length) {
    const dates = permits.flatMap((pm) => [fmtDate(pm.date, dateStyle), fmtDate(pm.until, dateStyle)]);
    grid(c, [
      ['序号', '许可证名称', '许可证编号', '许可决定日期', '有效期至', '许可机关'].map((t) => ({ text: t, label: true, align: 'center' as const })),
      ...permits.map((pm, i): GridCell[] => [
        { text: String(i + 1), align: 'center' }, V(pm.name), V(pm.number), { text: fmtDate(pm.date, dateStyle), align: 'center' },
        { text: fmtDate(pm.until, dateStyle), align: 'center' }, V(pm.office),
      ]),
    ], { ...tableOptions, cols: fitColumns(c, W, tsize, 4, [['序号'], null, null, ['许可决定日期', ...dates], ['有效期至', ...dates], null], [0, 3, 2.6, 0, 0, 3]) });
  } else none('行政许可信息');
  next(rng.pick(['失信信息', '严重失信及异常名录信息']));
  c.para(`严重失信主体名单${p.colon}无    经营异常名录${p.colon}无    重大税收违法失信主体${p.colon}无`, { size: size + 0.5, after: 4 });

  // End of report: issuer, date, seal.
  c.ensure(150);
  c.gap(10);
  c.text(rng.pick(['—— 报告结束 ——', '（以下无正文）', '*** 报告结束 ***']), c.width / 2, c.y, { size: 9, color: GREY, align: 'center' });
  c.gap(40);
  const rx = x0 + W - 20;
  const endStyle: DateStyle = rng.chance(0.4) ? 'upper' : dateStyle === 'iso' ? 'zh' : dateStyle;
  c.text(issuer, rx, c.y, { size: 11.5, align: 'right' });
  const dateBox = c.text(fmtDate(facts.generatedDay, endStyle), rx, c.y + 24, { size: 11.5, align: 'right' });
  await issuerSeal(c, rng, dateBox.x + dateBox.width / 2 + rng.float(-20, 10), c.y + 10 + rng.float(-10, 10), issuer, rng.pick(['信用报告专用章', '业务专用章', null]));
  c.gap(60);

  const pdf = await c.finish({ title, creationDate: creationDate(facts), creator: portal, producer: rng.pick(['iText 5.5.13', 'Aspose.PDF', 'wkhtmltopdf 0.12.6']) });
  return {
    pdf,
    truth: reportTruth({
      c, company, fonts, facts, layout: id, title, reportNumber, periodPage,
      uploadName: rng.pick([`${company.shortName}企业信用报告.pdf`, `${portal}报告_${reportNumber}.pdf`, '公共信用信息报告.pdf', `${company.name}.pdf`]),
    }),
  };
}

// ---------------------------------------------------------------------------------------
// 2. 江苏省专项公共信用信息报告, form style: labels over values, check boxes, 报告说明.
// ---------------------------------------------------------------------------------------

const L2_NAME = ['企业名称', '市场主体名称', '单位名称', '主体名称'];
const L2_CODE = ['统一社会信用代码', '社会信用代码', '统一代码'];
const L2_PERIOD = ['查询期间', '查询时间段', '信息查询区间', '报告期间', '查询时段', '查询起止日期', '统计期间'];
const L2_GENERATED = ['报告生成时间', '生成时间', '报告生成日期', '出具时间', '报告时间'];
const L2_DOMAINS = ['查询领域', '查询范围', '信息领域'];
const L2_SIMPLE = ['简易处罚', '是否包含简易处罚', '简易程序处罚', '含简易处罚信息'];
const L2_NUMBER = ['报告编号', '编号', '报告编码'];
const L2_SUBTITLES = ['', '（企业版）', '（无违法违规证明版）', '（法人版）', '（专项版）'];

function l2ReportNumber(rng: Rng, company: CorpusCompany, facts: ReportFacts): string {
  const d = facts.generatedDay.replaceAll('-', '');
  return rng.pick([
    () => `JS${d}${company.district.code}${rng.chars('0123456789', 4)}`,
    () => `ZXXY-${d.slice(0, 4)}-${rng.chars('0123456789', 8)}`,
    () => `苏信专报〔${d.slice(0, 4)}〕${rng.chars('0123456789', 6)}号`,
    () => `320000${d.slice(2)}${rng.chars('0123456789', 6)}`,
  ])();
}

async function buildJiangsuForm({ company, rng, fonts }: LayoutContext): Promise<Built> {
  const id = 'report-jiangsu-form';
  const seconds = rng.chance(0.6);
  const facts = drawFacts(company, rng, { seconds });
  const p = drawPunct(rng, 0.8);
  const issuer = '江苏省公共信用信息中心';
  const title = '江苏省专项公共信用信息报告';
  const subtitle = rng.pick(L2_SUBTITLES);
  const reportNumber = l2ReportNumber(rng, company, facts);
  const numberLabel = rng.pick(L2_NUMBER);
  const checkCode = verificationCode(rng);
  const boxStyle = rng.pick<BoxStyle>(['square', 'square', 'tick', 'check', 'bracket']);
  const dateStyle = rng.pick<DateStyle>(['iso', 'zh', 'zhPad', 'slash', 'dot']);
  const periodStyle = rng.chance(0.6) ? 'zh' : dateStyle;
  // Where the period is stated: a paragraph (top or end), a cell, or both.
  const periodMode = rng.weighted(['cell', 'para', 'both'] as const, [4, 3, 3]);
  const notesAt = periodMode === 'cell' ? rng.pick(['top', 'end', 'none'] as const) : rng.pick(['top', 'end'] as const);
  const labelBelow = rng.chance(0.2);
  const size = rng.float(9.5, 11);
  const margin = { top: rng.int(60, 80), bottom: 70, left: rng.int(54, 70), right: rng.int(54, 70) };
  const c = await Composer.create(A4, fonts, margin);
  const x0 = margin.left;
  const W = c.contentWidth;
  const cover = rng.chance(0.25);
  const watermarkText = rng.pick(['信用江苏', '信用中国（江苏）', `仅供${rng.pick(PURPOSES)}使用`]);
  const diagonal = rng.chance(0.5);
  const inline = rng.chance(0.35);
  const a = fmtDate(facts.from, periodStyle);
  const b = fmtDate(facts.to, periodStyle);
  const periodSentence = rng.pick([
    `自${a}起至${b}止`,
    `${a}至${b}`,
    `${fmtDate(facts.from, dateStyle)} 至 ${fmtDate(facts.to, dateStyle)}`,
    `${fmtDate(facts.from, dateStyle)}～${fmtDate(facts.to, dateStyle)}`,
  ]);
  const genText = rng.chance(0.75) ? stampOf(facts, dateStyle, seconds) : fmtDate(facts.generatedDay, dateStyle);
  const pageStyle = rng.pick(['dash', 'of'] as const);

  c.footer = (cc, page, total) => {
    if (diagonal) watermark(cc, watermarkText, { size: 28, opacity: 0.1 });
    const fy = cc.height - 46;
    cc.text(pageStyle === 'dash' ? `- ${page} -` : `第${page}页 共${total}页`, cc.width / 2, fy, { size: 9, align: 'center', color: GREY });
    cc.text(`打印时间${p.colon}${fmtDateTime(facts.printedAt, dateStyle, false)}`, x0 + W, fy + 14, { size: 7.5, color: GREY, align: 'right' });
    if (page > 1 || cover) cc.text(`${title}  ${numberLabel}${p.colon}${reportNumber}`, x0, fy + 14, { size: 7.5, color: GREY });
  };

  if (cover) {
    c.text('信用江苏', x0, 70, { size: 15, weight: 900, color: [22, 78, 160] });
    c.text(title, c.width / 2, 240, { size: rng.float(24, 28), weight: 'bold', align: 'center', spacing: 2 });
    if (subtitle) c.text(subtitle, c.width / 2, 284, { size: 15, align: 'center' });
    let y = 420;
    for (const [label, value] of [[rng.pick(L2_NAME), company.name], [numberLabel, reportNumber], ['出具单位', issuer]] as const) {
      c.text(`${label}${p.colon}${value}`, c.width / 2, y, { size: 13, align: 'center' });
      y += 34;
    }
    if (rng.chance(0.4)) c.text(fmtDate(facts.generatedDay, 'upper').replace(/[一二三四五六七八九十]+日$/, ''), c.width / 2, y + 40, { size: 13, align: 'center' });
    c.newPage();
  }

  // Head of the form page.
  c.text(rng.pick(['信用江苏', issuer]), x0, c.y - 18, { size: 10, weight: 'bold', color: [22, 78, 160] });
  c.text(`${numberLabel}${p.colon}${reportNumber}`, x0 + W, c.y - 18, { size: 9, align: 'right' });
  c.text(`核验码${p.colon}${checkCode}`, x0 + W, c.y - 4, { size: 8, align: 'right', color: GREY });
  c.gap(30);
  const titleSize = rng.float(18, 22);
  if (rng.chance(0.4)) redHeading(c, title, c.width / 2, c.y, titleSize, { spacing: 1 });
  else c.text(title, c.width / 2, c.y, { size: titleSize, weight: 'bold', align: 'center', spacing: 1 });
  c.gap(titleSize + 10);
  if (subtitle) {
    c.text(subtitle, c.width / 2, c.y, { size: 12, align: 'center' });
    c.gap(24);
  }
  if (rng.chance(0.45)) {
    c.text(`${rng.pick(['查询流水号', '流水号'])}${p.colon}${querySerial(rng, facts)}`, x0 + W, c.y, { size: 8.5, align: 'right', color: GREY });
    c.gap(16);
  }
  c.gap(8);

  let periodPage = 0;
  const notes = () => {
    const heading = rng.pick(['报告说明', '说明', '报告说明：']);
    c.ensure(130);
    c.text(heading, x0, c.y, { size: 12, weight: 'bold' });
    c.gap(22);
    const page = c.page;
    const withPeriod = periodMode !== 'cell';
    const first = withPeriod
      ? rng.pick([
          `本报告根据信用主体申请出具，反映${company.name}${periodSentence.startsWith('自') ? periodSentence : `在${periodSentence}期间`}在江苏省公共信用信息系统中归集的行政处罚等公共信用信息。`,
          `本报告查询期间为${periodSentence.startsWith('自') ? periodSentence : `${periodSentence}`}，查询领域及是否包含简易处罚以本报告所列为准。`,
          `${periodSentence.replace(/^自|起|止$/g, '')}为本报告的查询期间，该期间以外的信息不在本报告中反映。`,
        ])
      : `本报告根据信用主体申请出具，反映该主体在查询期间内于江苏省公共信用信息系统中归集的公共信用信息。`;
    const rest = [
      `本报告依据《江苏省社会信用条例》（2022年1月1日起施行）出具，信息来源于各级行政机关报送的数据。`,
      (() => {
        const days = rng.pick([30, 90]);
        return `本报告自生成之日起${days}日内有效（至${fmtDate(addDays(facts.generatedDay, days), dateStyle)}止），可登录“信用江苏”网站凭核验码核验。`;
      })(),
      `如有异议，请联系${issuer}，电话${p.colon}025-${rng.int(5, 8)}${digits(rng, 7)}，邮编${p.colon}2100${rng.pick(['05', '08', '24'])}。`,
    ];
    const ps = [first, ...rng.sample(rest, rng.int(1, 3))];
    ps.forEach((t, i) => c.para(`${i + 1}.${t}`, { size: size + 0.5, lineHeight: (size + 0.5) * 1.8, after: 2 }));
    if (withPeriod && !periodPage) periodPage = page + 1;
    c.gap(10);
  };
  if (notesAt === 'top') notes();

  // The form: labels in a header row, values in the row below (or above).
  const L = (text: string, span = 1): GridCell => ({ text, span, label: true, align: 'center', size: labelBelow ? size - 1.5 : size, color: labelBelow ? GREY : undefined });
  const V = (text: string, span = 1): GridCell => ({ text, span, align: 'center' });
  const domainsCell = (() => {
    const list = facts.domains.join('、');
    if (rng.chance(0.75)) {
      return facts.allDomains
        ? `${checkBox(true, boxStyle)}全选  ${checkBox(false, boxStyle)}部分领域`
        : `${checkBox(false, boxStyle)}全选  ${checkBox(true, boxStyle)}部分领域${p.colon}${list}`;
    }
    return facts.allDomains ? rng.pick(['全部领域', '全选']) : list;
  })();
  const simpleMode = rng.pick(['boxes', 'word', 'inline'] as const);
  const simpleLabel = rng.pick(L2_SIMPLE);
  const simpleValue = simpleMode === 'boxes'
    ? `${checkBox(facts.simplePenaltyIncluded, boxStyle)}是  ${checkBox(!facts.simplePenaltyIncluded, boxStyle)}否`
    : facts.simplePenaltyIncluded ? rng.pick(['包含', '是']) : rng.pick(['不包含', '否']);
  type Group = { labels: GridCell[]; values: GridCell[]; period?: boolean };
  const groups: Group[] = [
    { labels: [L(rng.pick(L2_NAME)), L(rng.pick(L2_CODE))], values: [V(company.name), V(company.creditCode)] },
  ];
  const periodLabel = rng.pick(L2_PERIOD);
  const genLabel = rng.pick(L2_GENERATED);
  if (periodMode === 'para') {
    groups.push({ labels: [L('法定代表人'), L(genLabel)], values: [V(company.legalRepresentative), V(genText)] });
  } else {
    groups.push({ labels: [L(periodLabel), L(genLabel)], values: [V(periodSentence), V(genText)], period: true });
  }
  if (rng.chance(0.4)) {
    groups.push({ labels: [L('成立日期'), L('登记机关')], values: [V(fmtDate(company.establishedOn, dateStyle)), V(company.registrationAuthority)] });
  }
  groups.push({ labels: [L(rng.pick(L2_DOMAINS), 2)], values: [{ text: domainsCell, span: 2, align: facts.allDomains ? 'center' : 'left' }] });
  if (simpleMode !== 'inline') {
    groups.push(periodMode === 'para'
      ? { labels: [L(simpleLabel), L('查询方式')], values: [V(simpleValue), V(rng.pick(['网上申请', '窗口申请']))] }
      : { labels: [L(simpleLabel), L('法定代表人')], values: [V(simpleValue), V(company.legalRepresentative)] });
  }
  const rows: GridCell[][] = [];
  let periodRow = -1;
  for (const g of groups) {
    if (g.period) periodRow = rows.length + (labelBelow ? 0 : 1);
    if (labelBelow) rows.push(g.values, g.labels);
    else rows.push(g.labels, g.values);
  }
  if (simpleMode === 'inline') {
    rows.push([{ text: `是否包含简易处罚${p.colon}${facts.simplePenaltyIncluded ? '包含' : '不包含'}`, span: 2 }]);
  }
  const formLaid = grid(c, rows, {
    x: x0, width: W, cols: [1, 1], size, padY: rng.float(5, 8), minRowHeight: rng.int(20, 26),
    labelFill: labelBelow ? null : rng.pick<Rgb | null>([[236, 236, 236], [226, 236, 248], null]), labelBold: !labelBelow,
    onRow: inline ? (cc, r, _t, _h, textTop) => {
      const isValue = labelBelow ? r % 2 === 0 : r % 2 === 1;
      if (isValue) inlineWatermark(cc, watermarkText, textTop, size, [x0 + W * 0.36, x0 + W * 0.84]);
    } : undefined,
  });
  if (periodRow >= 0 && (notesAt !== 'top' || periodMode === 'cell')) periodPage = formLaid[periodRow]!.page + 1;
  c.gap(18);

  // Results: per domain, or per category.
  const countIn = (domain: string, type: string) => facts.records.filter((r) => r.domain === domain && r.type === type).length;
  const heading = (t: string) => {
    c.ensure(80);
    c.text(t, x0, c.y, { size: 12.5, weight: 'bold' });
    c.gap(24);
  };
  const zero = rng.pick(['0', '无']);
  const cnt = (k: number) => (k ? String(k) : zero);
  const numbered = rng.chance(0.5);
  heading(`${numbered ? '一、' : ''}${rng.pick(['查询结果', '公共信用信息查询结果', '信用信息查询结果'])}`);
  const tOpts = { x: x0, width: W, size: size - 0.5, padY: 4, minRowHeight: 19, headerRows: 1, labelFill: [236, 236, 236] as Rgb, labelBold: true };
  if (rng.chance(0.6)) {
    const head = ['序号', rng.pick(['领域', '查询领域', '信息领域']), '行政处罚', ...(facts.simplePenaltyIncluded ? ['简易处罚'] : []), rng.pick(['失信惩戒', '其他失信信息'])];
    grid(c, [
      head.map((t) => ({ text: t, label: true, align: 'center' as const })),
      ...facts.domains.map((d, i): GridCell[] => [
        V(String(i + 1)), V(d), V(cnt(countIn(d, '行政处罚'))), ...(facts.simplePenaltyIncluded ? [V(cnt(countIn(d, '简易处罚')))] : []), V(zero),
      ]),
    ], { ...tOpts, cols: facts.simplePenaltyIncluded ? [8, 34, 19, 19, 20] : [8, 38, 27, 27] });
  } else {
    const main = facts.records.filter((r) => r.type === '行政处罚').length;
    const simple = facts.records.filter((r) => r.type === '简易处罚').length;
    const unit = (k: number) => (k ? `${k}条` : rng.pick(['无', '0条']));
    grid(c, [
      ['序号', '信息类别', '查询结果'].map((t) => ({ text: t, label: true, align: 'center' as const })),
      ...([
        ['行政处罚信息', unit(main)],
        ...(facts.simplePenaltyIncluded ? [['简易处罚信息', unit(simple)]] : []),
        ['严重失信主体名单', '无'], ['经营异常名录', '无'], ['重大税收违法失信主体', '无'], ['政府采购严重违法失信行为记录', '无'],
      ] as [string, string][]).map(([k, v], i): GridCell[] => [V(String(i + 1)), V(k), V(v)]),
    ], { ...tOpts, cols: [10, 55, 35] });
  }
  c.gap(14);
  if (facts.records.length) {
    heading(`${numbered ? '二、' : ''}${rng.pick(['行政处罚信息明细', '行政处罚记录', '处罚明细'])}`);
    const dates = facts.records.map((r) => fmtDate(r.date, dateStyle));
    const head = ['序号', '类型', rng.pick(['决定文书号', '行政处罚决定书文号']), '违法事实', '处罚内容', '处罚机关', rng.pick(['处罚日期', '决定日期'])];
    const tsize = size - 1.5;
    grid(c, [
      head.map((t) => ({ text: t, label: true, align: 'center' as const })),
      ...facts.records.map((r, i): GridCell[] => [V(String(i + 1)), V(r.type), V(r.decisionNumber), { text: r.reason }, { text: r.result }, { text: r.authority }, V(dates[i]!)]),
    ], { ...tOpts, size: tsize, padX: 3, cols: fitColumns(c, W, tsize, 3, [['序号'], ['简易处罚'], [head[2]!, ...facts.records.map((r) => r.decisionNumber)], null, null, null, [head[6]!, ...dates]], [0, 0, 0, 3, 2, 3, 0]) });
    c.gap(14);
  }
  if (notesAt === 'end') notes();
  if (!periodPage) throw new Error('report-jiangsu-form: the period was not placed');

  // Issuer, date, seal.
  c.ensure(110);
  c.gap(20);
  const rx = x0 + W - rng.int(10, 40);
  c.text(rng.pick([issuer, `出具单位${p.colon}${issuer}`]), rx, c.y, { size: 12, align: 'right' });
  const db = c.text(fmtDate(facts.generatedDay, rng.pick<DateStyle>(['upper', 'zh', 'upper'])), rx, c.y + 26, { size: 12, align: 'right' });
  await issuerSeal(c, rng, db.x + db.width / 2 + rng.float(-15, 15), c.y + 14 + rng.float(-8, 8), issuer, rng.pick(['信用报告专用章', '公共信用信息报告专用章']));
  if (rng.chance(0.3)) {
    qrLike(c, rng, x0, c.y - 6, 62);
    c.text('扫码核验', x0 + 31, c.y + 60, { size: 7.5, align: 'center', color: GREY });
  }
  c.gap(70);

  const pdf = await c.finish({ title, creationDate: creationDate(facts), creator: '信用江苏', producer: rng.pick(['iText® 7.1.16', 'FineReport', 'PDFsharp 1.50']) });
  return {
    pdf,
    truth: reportTruth({
      c, company, fonts, facts, layout: id, title, reportNumber, periodPage,
      uploadName: rng.pick([`${title}.pdf`, `${company.shortName}专项信用报告.pdf`, `${reportNumber.replace(/[〔〕]/g, '')}.pdf`, '信用报告.pdf']),
    }),
  };
}

// ---------------------------------------------------------------------------------------
// 3. A letter replacing the 无违法违规证明: facts in running text, a summary table.
// ---------------------------------------------------------------------------------------

const L3_TITLES = ['企业专项信用报告', '公共信用信息查询结果告知书', '公共信用信息查询情况说明', '专项信用报告（替代有无违法违规记录证明）', '无违法违规记录信用报告', '公共信用信息核查报告'];
const L3_NUMBER = ['证明编号', '编号', '报告编号', '报告编码', '查询编号'];

function l3ReportNumber(rng: Rng, company: CorpusCompany, facts: ReportFacts): string {
  const d = facts.generatedDay.replaceAll('-', '');
  const year = d.slice(0, 4);
  return rng.pick([
    () => `苏信报证〔${year}〕${rng.chars('0123456789', rng.pick([4, 5, 6]))}号`,
    () => `${cityAbbr(company)}信查字[${year}]第${rng.chars('0123456789', 5)}号`,
    () => `WFWG${d}${rng.chars('0123456789', 5)}`,
    () => `XYBG-${cityLatin(company)}-${d.slice(2)}-${rng.chars('0123456789', 4)}`,
  ])();
}

async function buildLetter({ company, rng, fonts }: LayoutContext): Promise<Built> {
  const id = 'report-compliance-letter';
  const facts = drawFacts(company, rng, { seconds: rng.chance(0.5) });
  const p = drawPunct(rng, 0.85);
  const provincial = rng.chance(0.55);
  const issuer = provincial ? '江苏省公共信用信息中心' : `${company.district.city}公共信用信息中心`;
  const title = rng.pick(L3_TITLES);
  const reportNumber = l3ReportNumber(rng, company, facts);
  const numberLabel = rng.pick(L3_NUMBER);
  const serial = querySerial(rng, facts);
  const dateStyle = rng.pick<DateStyle>(['zh', 'zh', 'zhPad', 'iso', 'dot', 'slash']);
  const size = rng.float(11, 13);
  const lh = size * rng.float(1.75, 2.05);
  const margin = { top: rng.int(70, 90), bottom: 72, left: rng.int(68, 86), right: rng.int(68, 86) };
  const c = await Composer.create(A4, fonts, margin);
  const x0 = margin.left;
  const W = c.contentWidth;
  const cover = rng.chance(0.2);
  const topStamp = rng.chance(0.4);
  const watermarkText = rng.pick([`仅供${company.shortName}使用`, '信用江苏', '信用中国（江苏）', `仅供${rng.pick(PURPOSES)}使用`]);
  const diagonal = rng.chance(0.3);
  const inline = rng.chance(0.35);
  const a = fmtDate(facts.from, dateStyle);
  const b = fmtDate(facts.to, dateStyle);
  const main = facts.records.filter((r) => r.type === '行政处罚');
  const simple = facts.records.filter((r) => r.type === '简易处罚');
  const printStyle = rng.pick(['date', 'stamp'] as const);

  c.footer = (cc, page, total) => {
    if (diagonal) diagonalWatermark(cc, watermarkText, 24, 0.11);
    const fy = cc.height - 48;
    cc.text(total > 1 ? `第${page}页 共${total}页` : '第1页 共1页', cc.width / 2, fy, { size: 8.5, align: 'center', color: GREY });
    const printed = printStyle === 'date' ? `打印日期${p.colon}${fmtDate(facts.printedAt.slice(0, 10), dateStyle === 'iso' ? 'slashPad' : dateStyle)}` : `打印时间${p.colon}${fmtDateTime(facts.printedAt, 'iso')}`;
    cc.text(printed, x0, fy + 16, { size: 7.5, color: GREY });
    cc.text(`${numberLabel}${p.colon}${reportNumber}`, x0 + W, fy + 16, { size: 7.5, color: GREY, align: 'right' });
  };

  if (cover) {
    c.text(rng.pick(['信用报告', '企业信用报告', title]), c.width / 2, 230, { size: 28, weight: 'bold', align: 'center', spacing: 4 });
    let y = 400;
    const applied = addDays(facts.generatedDay, -rng.int(1, 4));
    for (const [label, value] of [
      ['申请单位', company.name], ['统一社会信用代码', company.creditCode], ['申请日期', fmtDate(applied, dateStyle)], ['出具机构', issuer],
    ] as const) {
      c.text(`${label}${p.colon}`, x0 + 40, y, { size: 13, weight: 'bold' });
      c.text(value, x0 + 40 + c.measure(`统一社会信用代码${p.colon}`, 13, 'bold') + 6, y, { size: 13 });
      y += 32;
    }
    qrLike(c, rng, c.width / 2 - 35, c.height - 200, 70);
    c.newPage();
  }

  // Letterhead.
  if (rng.chance(0.4)) {
    redHeading(c, issuer, c.width / 2, c.y - 20, rng.float(20, 26), { spacing: 2 });
    redRule(c, x0, x0 + W, c.y + 14, { double: rng.chance(0.5), thickness: 1.8 });
    c.gap(34);
  }
  const numberFirst = rng.chance(0.5);
  if (numberFirst) {
    c.text(`${numberLabel}${p.colon}${reportNumber}`, x0 + W, c.y, { size: size - 1, align: 'right' });
    c.gap(size * 2);
  }
  c.para(title, { size: rng.float(17, 21), weight: 'bold', align: 'center', after: 8 });
  if (!numberFirst) {
    c.text(`${numberLabel}${p.colon}${reportNumber}`, c.width / 2, c.y, { size: size - 1, align: 'center' });
    c.gap(size * 2.2);
  }
  if (topStamp) {
    c.text(`${rng.pick(['报告生成时间', '生成时间', '出具时间'])}${p.colon}${fmtDateTime(facts.generatedAt, dateStyle, rng.chance(0.5))}`, x0, c.y, { size: size - 1.5, color: GREY });
    c.gap(size * 2);
  }
  if (rng.chance(0.5)) c.para(`${rng.pick([company.name, '有关单位', '江苏省质量协会'])}${p.colon}`, { size, lineHeight: lh, align: 'left' });

  // Body: who, when (the 报告期), where, what.
  const domainText = facts.allDomains
    ? rng.pick([`市场监管、税务、生态环境、应急管理等${ALL_DOMAINS.length}个领域`, `全部${ALL_DOMAINS.length}个领域`, '全部领域'])
    : `${facts.domains.join('、')}等${facts.domains.length}个领域`;
  const simpleText = facts.simplePenaltyIncluded
    ? rng.pick(['（含适用简易程序作出的行政处罚）', '（包含简易处罚）'])
    : rng.pick(['（不含适用简易程序作出的行政处罚）', '（不包含简易处罚信息）']);
  const codePart = rng.chance(0.4)
    ? `统一社会信用代码${p.colon}${company.creditCode}，查询流水号${p.colon}${serial}`
    : `统一社会信用代码${p.colon}${company.creditCode}`;
  const lp = p.lp;
  const rp = p.rp;
  const periodPara = rng.pick([
    `经查询，${company.name}${lp}${codePart}${rp}在${a}至${b}期间（以下简称“报告期”），在${domainText}`,
    `根据${company.name}${lp}${codePart}${rp}的申请，我中心通过江苏省公共信用信息系统，查询了该企业自${a}起至${b}止（以下简称“查询期”）在${domainText}`,
    `${company.name}${lp}${codePart}${rp}申请查询${a}至${b}期间的公共信用信息（以下简称“报告期”）。经查询，该企业在${domainText}`,
  ]);
  const outcome = facts.records.length
    ? `的公共信用信息${simpleText}，共有行政处罚信息${facts.records.length}条${simple.length ? `（其中适用简易程序${simple.length}条）` : ''}，详见下表；未发现列入严重失信主体名单、经营异常名录等情形。`
    : `的公共信用信息${simpleText}，未发现该企业存在行政处罚、严重失信主体名单、经营异常名录等违法违规记录。`;
  c.gap(4);
  const periodPage = c.page + 1;
  const bodyBoxes = c.para(periodPara + outcome, { size, lineHeight: lh, indent: 2, after: 6 });
  if (inline && c.page + 1 === periodPage) {
    const xs = [x0 + W * rng.float(0.25, 0.4), x0 + W * rng.float(0.7, 0.85)];
    bodyBoxes.forEach((box, i) => { if (i % 2 === 1) inlineWatermark(c, watermarkText, box.y, size, xs); });
  }
  if (rng.chance(0.4)) {
    c.para(`该企业成立于${fmtDate(company.establishedOn, dateStyle)}，登记机关为${company.registrationAuthority}${rng.chance(0.5) ? `，原注册号${oldRegistrationNumber(company, rng)}` : ''}，法定代表人${company.legalRepresentative}。`, { size, lineHeight: lh, indent: 2, after: 6 });
  }

  // Summary table of categories.
  c.gap(4);
  const zero = rng.pick(['0条', '0 条', '无']);
  const cnt = (k: number) => (k ? `${k}条` : zero);
  const rows: [string, string][] = [
    ['行政处罚', cnt(main.length)],
    ['简易处罚', facts.simplePenaltyIncluded ? cnt(simple.length) : rng.pick(['未查询', '不在查询范围'])],
    ['严重失信主体名单', '无'], ['经营异常名录', '无'], ['重大税收违法失信主体', '无'],
    ...rng.sample([['政府采购严重违法失信行为记录', '无'], ['拖欠农民工工资失信联合惩戒对象名单', '无'], ['安全生产失信联合惩戒对象', '无'], ['行政强制', '无']] as [string, string][], 2),
  ];
  const withNo = rng.chance(0.5);
  grid(c, [
    [...(withNo ? ['序号'] : []), '信息类别', rng.pick(['查询结果', '记录情况', '结果'])].map((t) => ({ text: t, label: true, align: 'center' as const })),
    ...rows.map(([k, v], i): GridCell[] => [...(withNo ? [{ text: String(i + 1), align: 'center' as const }] : []), { text: k }, { text: v, align: 'center' }]),
  ], { x: x0, width: W, cols: withNo ? [10, 58, 32] : [65, 35], size: size - 1, padY: 4, minRowHeight: size * 1.9, headerRows: 1, labelFill: rng.pick<Rgb | null>([[238, 238, 238], null]), labelBold: true });
  c.gap(8);
  if (facts.records.length) {
    const dates = facts.records.map((r) => fmtDate(r.date, dateStyle));
    const head = ['类别', rng.pick(['处罚决定书文号', '决定文书号']), '处罚机关', rng.pick(['处罚日期', '作出决定日期'])];
    const ts = size - 2.5;
    grid(c, [
      head.map((t) => ({ text: t, label: true, align: 'center' as const })),
      ...facts.records.map((r, i): GridCell[] => [{ text: r.type, align: 'center' }, { text: r.decisionNumber }, { text: r.authority }, { text: dates[i]!, align: 'center' }]),
    ], { x: x0, width: W, size: ts, padX: 4, padY: 4, minRowHeight: 18, headerRows: 1, labelBold: true, cols: fitColumns(c, W, ts, 4, [['简易处罚'], [head[1]!, ...facts.records.map((r) => r.decisionNumber)], null, [head[3]!, ...dates]], [0, 0, 1, 0]) });
    c.gap(8);
  }
  c.para(rng.pick(['特此报告。', '特此说明。', '特此证明。']), { size, lineHeight: lh, indent: 2, after: 4 });
  if (rng.chance(0.7)) {
    const validUntil = addDays(facts.generatedDay, rng.pick([30, 60, 90]));
    const notes = rng.sample([
      `本报告有效期至${fmtDate(validUntil, dateStyle)}。`,
      '本报告仅反映报告期内江苏省公共信用信息系统归集的信息。',
      `如对报告内容有异议，请致电${phoneOf(company, rng)}（邮编${postcodeOf(company, rng)}）。`,
      `本报告仅供${rng.pick(PURPOSES)}使用，复印无效。`,
    ], rng.int(2, 3));
    c.para(`${rng.pick(['说明', '备注', '注'])}${p.colon}${notes.map((n, i) => `${i + 1}.${n}`).join('')}`, { size: size - 2, lineHeight: (size - 2) * 1.7, color: GREY, after: 6 });
  }

  // Issuer and date under the seal (the only date, in some letters).
  c.ensure(100);
  c.gap(rng.int(16, 36));
  const rx = x0 + W - rng.int(0, 30);
  const nameBox = c.text(issuer, rx, c.y, { size, align: 'right' });
  const genStyle: DateStyle = rng.weighted<DateStyle>(['upper', 'zh', 'zhPad', 'iso'], [5, 3, 1, 1]);
  const dateBox = c.text(fmtDate(facts.generatedDay, genStyle), nameBox.x + nameBox.width / 2, c.y + size * 2.2, { size, align: 'center' });
  await issuerSeal(c, rng, dateBox.x + dateBox.width / 2 + rng.float(-12, 12), c.y + size + rng.float(-6, 10), issuer, rng.pick(['信用报告专用章', null, '业务专用章']));
  c.gap(size * 5);

  // A list of the queried domains as an annex, in some letters.
  if (!facts.allDomains ? rng.chance(0.45) : rng.chance(0.15)) {
    c.newPage();
    c.text(`附件${p.colon}${rng.pick(['查询领域清单', '本次查询领域'])}`, x0, c.y, { size: size + 1, weight: 'bold' });
    c.gap(size * 2.4);
    grid(c, [
      ['序号', '领域'].map((t) => ({ text: t, label: true, align: 'center' as const })),
      ...facts.domains.map((d, i): GridCell[] => [{ text: String(i + 1), align: 'center' }, { text: d }]),
    ], { x: x0, width: W * 0.7, cols: [20, 80], size: size - 1.5, padY: 3, minRowHeight: 18, headerRows: 1, labelBold: true });
  }

  const pdf = await c.finish({ title, creationDate: creationDate(facts), creator: issuer, producer: rng.pick(['Microsoft® Word 2016', 'WPS 文字', 'iText 5.5.10']) });
  return {
    pdf,
    truth: reportTruth({
      c, company, fonts, facts, layout: id, title, reportNumber, periodPage,
      uploadName: rng.pick([`${company.shortName}无违法违规证明.pdf`, `${title}.pdf`, '信用报告（代无违法证明）.pdf', `${company.name}-信用报告.pdf`]),
    }),
  };
}

export const HELD_OUT_REPORT_LAYOUTS: readonly CreditReportLayout[] = [
  {
    id: 'report-city-portal-grid',
    kind: 'credit-report',
    group: 'held-out',
    description: 'City credit portal export (信用苏州/信用南京 style): cover with QR, notes page at times, facts in a four-per-row label/value grid on page 2 or 3.',
    build: buildCityPortal,
  },
  {
    id: 'report-jiangsu-form',
    kind: 'credit-report',
    group: 'held-out',
    description: '江苏省专项公共信用信息报告 as a form: labels in a header row with values below (or above), ■/√ check boxes, the period in a 报告说明 paragraph and/or a cell.',
    build: buildJiangsuForm,
  },
  {
    id: 'report-compliance-letter',
    kind: 'credit-report',
    group: 'held-out',
    description: 'A plain letter replacing the 无违法违规证明: 经查询…在…至…期间（以下简称“报告期”）in running text, a category summary table, the date under the issuer seal.',
    build: buildLetter,
  },
];

