/**
 * Four development layouts of the 专项信用报告, each unlike the classic one
 * (report-xinyong-table, ../credit-report.ts) and unlike each other:
 *
 *  - report-cover-conditions: a cover page (title, company, number, 出具日期), then 查询条件
 *    as "label：value" lines on page 2 (page 3 after a declaration page), a two-column
 *    identity table and numbered record sections, sometimes an appendix page;
 *  - report-header-grid: a banded one- or two-page grid where every label stands in a
 *    header row and its value in the cell below, a summary-count row and one combined
 *    records table;
 *  - report-caption-cards: values first, their labels after them — value cards with a small
 *    caption underneath, a value-then-label table, or a cover line "…（报告期）" — with the
 *    records as numbered paragraphs and a tick-box grid of the 18 domains;
 *  - report-prose-statement: running prose, as a 信用中心's letter-style 证明 or a city
 *    portal's narrative export words it — the facts inside sentences and clauses, decoy dates
 *    and numbers in the same sentences, the generation day in the closing line.
 *
 * The facts come from ./report-parts.ts, so the four differ only in how they say them.
 */
import { A4, A4_LANDSCAPE, Composer, GREY, INK, type Rgb } from '../compose.js';
import type { CorpusCompany } from '../companies.js';
import { CREDIT_DOMAINS } from '../credit-report.js';
import type { CreditReportLayout, LayoutContext } from '../layouts.js';
import { qrLike, watermark } from '../parts.js';
import { addDays, zhDate, zhDateUpper, type Rng } from '../random.js';
import type { BuiltDocument, CreditReportTruth } from '../types.js';
import {
  BLACKLISTS, CODE_LABELS, COMPANY_LABELS, DOMAIN_LABELS, GENERATED_LABELS, NONE_WORDS, NUMBER_LABELS, PERIOD_LABELS, PERIOD_STYLES, PROVINCE_CENTRE, SIMPLE_LABELS, ZH_NUMERALS,
  centrePhone, domainsValue, drawValue, generationStamp, issuerSeal, pageMark, periodText, placedTable, printStamp,
  registrationNumber, reportFacts, reportNumber, reportTruth, rowWatermark, serialNumber, simpleValue, stampStylesFor, uploadName,
  validityNote, valueString, watermarkedValue, type PenaltyRecord, type ReportFacts, type Value,
} from './report-parts.js';

const ACCENTS: readonly Rgb[] = [[22, 78, 160], [0, 96, 136], [40, 60, 90], [18, 110, 96]];
const LIGHT_FILLS: readonly Rgb[] = [[232, 238, 248], [236, 242, 240], [240, 240, 240], [244, 246, 250]];

const purposes = ['企业质量信用等级认定', '评优评先', '资质申报', '政府项目申报', '其他'];

/** The watermark word: the site's name or the centre's. */
const watermarkWord = (rng: Rng, facts: ReportFacts) => rng.weighted(['信用江苏', facts.issuer], [3, 1]);

/** The usual diagonal watermark's word, size and strength (the centre's long name smaller). */
function diagonalWatermark(rng: Rng, facts: ReportFacts): { word: string; size: number; opacity: number } {
  const word = watermarkWord(rng, facts);
  return { word, size: word.length > 6 ? rng.float(16, 20) : rng.float(22, 30), opacity: rng.float(0.08, 0.14) };
}

/** Registration details both identity tables draw from (成立日期 and 核准日期 are decoy dates). */
function identityRows(rng: Rng, company: CorpusCompany, labels: { name: string; code: string }): [string, string][] {
  const rows: [string, string][] = [
    [labels.name, company.name],
    [labels.code, company.creditCode],
    ['法定代表人', company.legalRepresentative],
    ['成立日期', company.establishedOn],
    ['登记机关', company.registrationAuthority],
    ['核准日期', company.licenceIssuedOn],
    ['住所', company.address],
    ['登记状态', rng.pick(['存续', '在业', '存续（在营、开业、在册）'])],
  ];
  if (rng.chance(0.5)) rows.splice(2, 0, ['注册号', registrationNumber(rng, company)]);
  if (rng.chance(0.4)) rows.splice(rows.length - 1, 0, ['企业类型', company.type]);
  return rows;
}

function recordTableRows(records: PenaltyRecord[], withType: boolean): string[][] {
  return [
    ['序号', ...(withType ? ['类别'] : []), '决定文书号', '违法事由', '处罚结果', '处罚机关', '决定日期'],
    ...records.map((r, i) => [String(i + 1), ...(withType ? [r.type] : []), r.decisionNumber, r.reason, r.result, r.authority, r.date]),
  ];
}

// ——— report-cover-conditions ———

async function buildCoverConditions({ company, rng, fonts }: LayoutContext): Promise<BuiltDocument<CreditReportTruth>> {
  const facts = reportFacts(company, rng, { cityIssuer: 0.2 });
  const number = reportNumber(rng, facts, company);
  const title = rng.pick(['江苏省专项公共信用信息报告', '专项信用报告', '公共信用信息报告（专项版）', '江苏省专项信用报告']);
  const accent = rng.pick(ACCENTS);
  const c = await Composer.create(A4, fonts, { top: 88, bottom: 74, left: rng.float(60, 74), right: rng.float(60, 74) });
  const left = c.margin.left;
  const right = c.width - c.margin.right;
  const numberLabel = rng.pick(NUMBER_LABELS.filter((l) => l !== '验证码'));
  const nameLabel = rng.pick(COMPANY_LABELS);
  const codeLabel = rng.pick(CODE_LABELS);

  // Cover: an accent band, the number, the title, the company and the day it was issued.
  if (rng.chance(0.6)) c.rect(0, 0, c.width, rng.float(10, 22), { stroke: null, fill: accent });
  c.text(facts.issuer, left, 40, { size: 10, weight: 'bold', color: accent });
  const numberOnTop = rng.chance(0.5);
  if (numberOnTop) c.text(`${numberLabel}：${number}`, right, 40, { size: 9.5, align: 'right' });
  let y = rng.float(190, 250);
  const titleSize = Math.min(rng.pick([26, 28, 30]), (c.contentWidth - 20) / [...title].length);
  c.text(title, c.width / 2, y, { size: titleSize, weight: 'bold', align: 'center', spacing: rng.pick([0, 1, 2]) });
  y += titleSize * 1.7;
  const subtitle = rng.pick(['（企业版）', '（法人和非法人组织）', '（市场主体专用）', null]);
  if (subtitle) {
    c.text(subtitle, c.width / 2, y, { size: 12, align: 'center', color: GREY });
    y += 28;
  }
  if (!numberOnTop) {
    c.text(`${numberLabel}：${number}`, c.width / 2, y, { size: 11, align: 'center' });
    y += 24;
  }
  y += rng.float(70, 120);
  const coverDateLabel = rng.pick(['出具日期', '报告日期', '生成日期']);
  const coverDate = rng.pick([zhDate(facts.day), zhDate(facts.day, true), facts.day]);
  const coverSerial = rng.chance(0.35) ? serialNumber(rng, facts) : null;
  const coverLines: [string, string][] = [
    [nameLabel, company.name],
    [codeLabel, company.creditCode],
    ...(coverSerial ? [['查询流水号', coverSerial] as [string, string]] : []),
    [coverDateLabel, coverDate],
  ];
  const coverSize = rng.pick([12, 13, 14]);
  const coverLabelW = Math.max(...coverLines.map(([l]) => c.measure(`${l}：`, coverSize, 'bold')));
  const coverX = c.width / 2 - rng.float(150, 175);
  for (const [label, value] of coverLines) {
    c.text(`${label}：`, coverX + coverLabelW, y, { size: coverSize, weight: 'bold', align: 'right' });
    c.text(value, coverX + coverLabelW + 6, y, { size: coverSize });
    c.line(coverX + coverLabelW + 2, y + coverSize * 1.35, coverX + coverLabelW + 310, y + coverSize * 1.35, 0.5, GREY);
    y += coverSize * 2.6;
  }
  if (rng.chance(0.5)) {
    const qs = 64;
    qrLike(c, rng, right - qs, c.height - 190, qs);
    c.text('扫码核验报告真伪', right - qs / 2, c.height - 190 + qs + 6, { size: 8, align: 'center', color: GREY });
  }
  c.text(facts.issuer, c.width / 2, c.height - 140, { size: 14, weight: 'bold', align: 'center' });
  if (rng.chance(0.5)) c.text(zhDateUpper(facts.day), c.width / 2, c.height - 116, { size: 12, align: 'center' });

  // Running head on the pages after the cover.
  const headSize = 8.5;
  c.onNewPage = (cc) => {
    cc.text(title, left, 48, { size: headSize, color: GREY });
    cc.text(`${numberLabel}：${number}`, right, 48, { size: headSize, align: 'right', color: GREY });
    cc.line(left, 62, right, 62, 0.8, accent);
  };
  const printed = rng.chance(0.45) ? printStamp(rng, facts) : null;
  const footStyle = rng.int(0, 4);
  const diagonal = rng.chance(0.45) ? diagonalWatermark(rng, facts) : null;
  c.footer = (cc, page, total) => {
    if (diagonal && page > 1) watermark(cc, diagonal.word, diagonal);
    cc.text(pageMark(footStyle, page, total), cc.width / 2, cc.height - 44, { size: 8.5, align: 'center', color: GREY });
    if (printed) cc.text(`打印时间：${printed}`, right, cc.height - 44, { size: 7.5, align: 'right', color: GREY });
  };
  c.newPage();

  const bodySize = rng.pick([10, 10.5, 11]);
  const lh = bodySize * rng.float(1.7, 1.95);
  const headingColour = rng.chance(0.3) ? accent : INK;
  const h1 = (t: string) => {
    c.ensure(lh * 4);
    c.gap(bodySize * 0.7);
    c.para(t, { size: bodySize + 2.5, weight: 'bold', lineHeight: (bodySize + 2.5) * 1.8, align: 'left', color: headingColour });
  };
  const h2 = (t: string) => {
    c.ensure(lh * 3);
    c.para(t, { size: bodySize + 0.5, weight: 'bold', lineHeight: lh, align: 'left' });
  };
  const p = (t: string) => c.para(t, { size: bodySize, lineHeight: lh, indent: 2, after: 1 });
  let sectionNo = 0;
  const section = (t: string) => h1(`${ZH_NUMERALS[sectionNo++]}、${t}`);

  const noteLines = [
    `本报告由${facts.issuer}依据江苏省公共信用信息平台归集的信息出具，信息由各信息提供单位负责。`,
    '本报告所称信用记录以查询条件所列领域为限，未列入的领域不在本报告反映范围之内。',
    validityNote(rng, facts),
    `如对报告内容有异议，可拨打咨询电话${centrePhone(rng, company)}向出具机构提出。`,
  ];
  const notes = () => {
    section(rng.pick(['报告说明', '重要声明', '使用须知']));
    noteLines.forEach((t, i) => p(`${i + 1}．${t}`));
  };
  // Sometimes the notes fill a declaration page of their own, pushing 查询条件 to page 3.
  const declarationPage = rng.chance(0.25);
  const notesFirst = !declarationPage && rng.chance(0.4);
  if (declarationPage) {
    c.gap(30);
    c.para(rng.pick(['声　明', '报告声明', '使用说明']), { size: 18, weight: 'bold', align: 'center', lineHeight: 40, after: 10 });
    [
      ...noteLines,
      '本报告仅供信用主体本人或经其授权的机构用于报告用途所列事项，不得用于其他用途。',
      '信用主体对报告所载信息有异议的，可依法申请异议处理或信用修复；异议处理期间，报告内容不作变更。',
      '任何单位和个人不得伪造、变造本报告，报告真伪以出具机构网站核验结果为准。',
    ].forEach((t, i) => c.para(`${ZH_NUMERALS[i]}、${t}`, { size: bodySize + 1, lineHeight: (bodySize + 1) * 2, indent: 2, after: 4 }));
    c.newPage();
  }
  if (notesFirst) notes();

  // 查询条件: label：value lines, some with watermark words on their baseline.
  section(rng.pick(['查询条件', '报告基本信息', '查询信息']));
  const periodLabel = rng.pick(PERIOD_LABELS);
  const period = periodText(facts.from, facts.to, rng.pick(PERIOD_STYLES));
  const genLabel = rng.pick(['报告生成时间', '生成时间', '报告出具时间', '生成日期']);
  const stamp = generationStamp(facts, rng.pick(stampStylesFor(genLabel)));
  const wmMode = rng.weighted(['none', 'gap', 'overlap'], [2, 1.5, 1.5]);
  const wmWord = watermarkWord(rng, facts);
  const rows: { label: string; value: Value; period?: boolean }[] = [
    { label: periodLabel, value: { kind: 'text', text: period }, period: true },
    { label: rng.pick(DOMAIN_LABELS), value: domainsValue(rng, facts) },
    { label: rng.pick(SIMPLE_LABELS), value: simpleValue(rng, facts.simplePenaltyIncluded) },
    { label: genLabel, value: { kind: 'text', text: stamp.text } },
  ];
  if (rng.chance(0.5)) rows.push({ label: '报告用途', value: { kind: 'text', text: rng.pick(purposes) } });
  if (rng.chance(0.3)) rows.splice(1, 0, rows.splice(3, 1)[0]!);
  const size = bodySize + 0.5;
  const fill = rng.pick(LIGHT_FILLS);
  let periodPage = 0;
  if (rng.chance(0.25)) {
    // The conditions as a two-column table instead: label cell left, value cell right.
    const t = placedTable(c, rows.map((r) => [{ text: r.label, bold: true, align: 'center' as const }, valueString(r.value)]), {
      widths: [130, 340], width: c.contentWidth, size, lineHeight: size * 1.55, padY: rng.float(4, 7), headerFill: null,
    });
    periodPage = c.page + 1;
    if (wmMode !== 'none') {
      const r = rows.findIndex((x) => x.period);
      const top = t.tops[r]! + (t.heights[r]! - size) / 2;
      const valueEnd = t.xs[1]! + 5 + c.measure(period, size);
      rowWatermark(c, wmWord, top, size, [wmMode === 'gap' ? t.xs[1]! - c.measure(wmWord, size) - 4 : valueEnd - size * 2, right - c.measure(wmWord, size) - 8]);
    }
  } else {
    const rowH = size * rng.float(1.9, 2.3);
    const aligned = wmMode === 'gap' || rng.chance(0.6);
    const labelX = left + rng.pick([0, size * 2]);
    const labelW = Math.max(...rows.map((r) => c.measure(`${r.label}：`, size, 'bold'))) + (wmMode === 'gap' ? c.measure(wmWord, size) + 16 : 4);
    for (const row of rows) {
      c.ensure(rowH * 2);
      const top = c.y + (rowH - size) / 2;
      const lw = c.text(`${row.label}：`, labelX, top, { size, weight: 'bold' }).width;
      const vx = aligned ? labelX + labelW : labelX + lw + 2;
      let used = rowH;
      const plain = row.value.kind === 'text' && c.measure(row.value.text, size) < right - vx;
      if (plain && wmMode === 'overlap' && (row.period || (row.value.kind === 'text' && row.value.text.length < 5))) {
        watermarkedValue(c, (row.value as { text: string }).text, vx, top, size, wmWord, rng.float(0.3, 0.7));
        if (rng.chance(0.5)) rowWatermark(c, wmWord, top, size, [right - c.measure(wmWord, size) - rng.float(0, 30)]);
      } else {
        used = Math.max(rowH, drawValue(c, row.value, vx, top, size, right - vx, rowH));
        if (wmMode === 'gap' && row.value.kind === 'text') rowWatermark(c, wmWord, top, size, [labelX + lw + 8]);
      }
      if (row.period) periodPage = c.page + 1;
      c.y += used;
    }
  }

  section(rng.pick(['主体身份信息', '基本信息', '登记信息']));
  const idRows = identityRows(rng, company, { name: nameLabel, code: codeLabel });
  const idSize = bodySize - 0.5;
  if (rng.chance(0.5)) {
    c.table(idRows.map(([l, v]) => [{ text: l, bold: true, align: 'center' as const }, v]), { widths: [120, 350], width: c.contentWidth, size: idSize, lineHeight: idSize * 1.55, padY: 5 });
  } else {
    // Two label/value pairs per row; the long 住所 gets a row of its own.
    const pairs = idRows.filter(([l]) => l !== '住所');
    const table: { text: string; bold?: boolean; align?: 'center' }[][] = [];
    for (let i = 0; i < pairs.length; i += 2) {
      const a = pairs[i]!;
      const b = pairs[i + 1] ?? ['', ''];
      table.push([{ text: a[0], bold: true, align: 'center' }, { text: a[1] }, { text: b[0], bold: true, align: 'center' }, { text: b[1] }]);
    }
    c.table(table, { widths: [80, 160, 88, 142], width: c.contentWidth, size: idSize, lineHeight: idSize * 1.55, padY: 5 });
    c.table([[{ text: '住所', bold: true, align: 'center' }, company.address]], { widths: [80, 390], width: c.contentWidth, size: idSize, lineHeight: idSize * 1.55, padY: 5 });
  }

  section(rng.pick(['信用记录', '公共信用信息', '信用信息明细']));
  const none = rng.pick(NONE_WORDS);
  const recordSize = Math.min(8.5, bodySize - 2);
  const recordTable = (list: PenaltyRecord[]) =>
    c.table(recordTableRows(list, false), {
      widths: [24, 128, 92, 78, 92, 62], width: c.contentWidth, headerRows: 1, size: recordSize, lineHeight: recordSize * 1.5,
      headerFill: rng.chance(0.6) ? fill : null, aligns: ['center', 'left', 'left', 'left', 'left', 'center'],
    });
  let subNo = 0;
  const sub = (t: string) => h2(`（${ZH_NUMERALS[subNo++]}）${t}`);
  const main = facts.records.filter((r) => r.type === '行政处罚');
  const simple = facts.records.filter((r) => r.type === '简易处罚');
  sub('行政处罚信息');
  if (main.length) recordTable(main);
  else p(none);
  if (facts.simplePenaltyIncluded) {
    sub(rng.pick(['简易处罚信息', '简易程序行政处罚信息']));
    if (simple.length) recordTable(simple);
    else p(none);
  }
  const lists = rng.sample(BLACKLISTS, rng.int(2, 4));
  if (rng.chance(0.5)) {
    for (const list of lists) {
      sub(list);
      p(none);
    }
  } else {
    sub(rng.pick(['失信信息', '失信惩戒信息']));
    c.table([['名单类别', '查询结果'], ...lists.map((l) => [l, none])], {
      widths: [280, 190], width: c.contentWidth, headerRows: 1, size: bodySize - 1, lineHeight: (bodySize - 1) * 1.55, headerFill: fill, aligns: ['left', 'center'],
    });
  }
  if (!notesFirst && !declarationPage) notes();

  // An appendix page sometimes: every domain and whether it was queried.
  const appendix = !declarationPage && rng.chance(0.3);
  c.gap(10);
  c.para(rng.pick(['（本报告以下无正文）', '— 报告结束 —', '（以下空白）']), { size: bodySize, align: 'center', lineHeight: lh });
  c.ensure(130);
  c.gap(rng.float(20, 40));
  const signX = right - rng.float(70, 100);
  c.text(facts.issuer, signX, c.y, { size: 11, align: 'center' });
  c.text(rng.chance(0.6) ? zhDate(facts.day) : zhDateUpper(facts.day), signX, c.y + 24, { size: 11, align: 'center' });
  await issuerSeal(c, rng, facts.issuer, signX + rng.float(-12, 12), c.y + rng.float(0, 24));
  c.y += 60;
  if (appendix) {
    c.newPage();
    h1(rng.pick(['附：本报告查询领域', '附件：查询领域清单']));
    c.table(
      [['序号', '信息领域', '是否查询'], ...CREDIT_DOMAINS.map((d, i) => [String(i + 1), d, facts.domains.includes(d) ? '是' : '否'])],
      { widths: [40, 260, 170], width: c.contentWidth, headerRows: 1, size: bodySize - 1, lineHeight: (bodySize - 1) * 1.45, headerFill: fill, aligns: ['center', 'left', 'center'] },
    );
  }

  const pdf = await c.finish({ title, creationDate: new Date(`${stamp.generatedAt.replace(' ', 'T')}+08:00`), creator: facts.issuer, producer: rng.pick(['iText 7', 'Aspose.PDF', 'FineReport']) });
  return {
    pdf,
    truth: reportTruth({
      layout: 'report-cover-conditions', title, company, c, fonts, facts, reportNumber: number, generatedAt: stamp.generatedAt, periodPage,
      uploadName: uploadName(rng, company, title, number),
    }),
  };
}

// ——— report-header-grid ———

async function buildHeaderGrid({ company, rng, fonts }: LayoutContext): Promise<BuiltDocument<CreditReportTruth>> {
  const facts = reportFacts(company, rng, { cityIssuer: 0.3 });
  const number = reportNumber(rng, facts, company);
  const title = rng.pick(['公共信用信息报告（专项版）', '企业专项信用报告', '法人和非法人组织公共信用信息报告（专项）', '专项信用报告']);
  const landscape = rng.chance(0.3);
  const side = rng.float(46, 58);
  const c = await Composer.create(landscape ? A4_LANDSCAPE : A4, fonts, { top: 64, bottom: 62, left: side, right: side });
  const left = c.margin.left;
  const right = c.width - c.margin.right;
  const accent = rng.pick(ACCENTS);
  const fill = rng.pick(LIGHT_FILLS);
  const size = rng.pick([9, 9.5, 10]);
  const lh = size * 1.55;
  const padY = rng.float(4, 7);

  // Title: white on an accent band, or dark over a double rule.
  if (rng.chance(0.6)) {
    const bandH = rng.float(54, 66);
    c.rect(0, 0, c.width, bandH, { stroke: null, fill: accent });
    const titleSize = Math.min(19, (c.contentWidth - c.measure(facts.issuer, 9.5) - 24) / [...title].length);
    c.text(title, left, bandH / 2 - titleSize * 0.58, { size: titleSize, weight: 'bold', color: [255, 255, 255] });
    c.text(facts.issuer, right, bandH / 2 - 5, { size: 9.5, align: 'right', color: [225, 232, 245] });
    c.y = bandH + 14;
  } else {
    c.text(title, c.width / 2, 34, { size: 20, weight: 'bold', align: 'center', spacing: 1 });
    c.line(left, 66, right, 66, 1.6, accent);
    c.line(left, 69.5, right, 69.5, 0.5, accent);
    c.text(facts.issuer, right, 74, { size: 8.5, align: 'right', color: GREY });
    c.y = 92;
  }
  const qr = rng.chance(0.55);
  if (qr) qrLike(c, rng, right - 50, c.y, 50);
  c.para(rng.pick(['数据来源：江苏省公共信用信息平台', '本报告信息来源于江苏省公共信用信息平台', '信息来源：各级信用信息提供单位']), { size: 8.5, color: GREY, align: 'left', lineHeight: 14 });
  c.para(rng.pick(['（供企业质量信用等级认定使用）', '（法人和非法人组织专项）', '']), { size: 8.5, color: GREY, align: 'left', lineHeight: 14, after: qr ? 26 : 6 });

  const numbered = rng.chance(0.5);
  let headingNo = 0;
  const heading = (t: string) => {
    c.ensure(80);
    c.gap(8);
    c.rect(left, c.y + 3, 4, 13, { stroke: null, fill: accent });
    c.text(numbered ? `${ZH_NUMERALS[headingNo++]}、${t}` : t, left + 10, c.y + 2, { size: size + 2.5, weight: 'bold' });
    c.y += (size + 2.5) * 1.9;
  };
  const wmWord = rng.chance(0.5) ? watermarkWord(rng, facts) : null;
  const wmRow = rng.int(0, 2);
  const gridFill = rng.chance(0.8) ? fill : null;
  /** A header-row table: labels in the first row, each value in the cell below its label. */
  const grid = (labels: string[], values: string[], widths: number[], index: number) => {
    // Long values (a list of domains) read left to right; short ones sit centred under their label.
    const cells = values.map((v, i) => ({ text: v, align: c.measure(v, size) > (c.contentWidth * widths[i]!) / widths.reduce((a, b) => a + b, 0) - 12 ? ('left' as const) : ('center' as const) }));
    const t = placedTable(c, [labels, cells], { widths, width: c.contentWidth, headerRows: 1, size, lineHeight: lh, padY, headerFill: gridFill, aligns: labels.map(() => 'center') });
    if (wmWord && index === wmRow) {
      const top = t.tops[1]! + (t.heights[1]! - size) / 2;
      const step = rng.float(120, 170);
      const xs: number[] = [];
      for (let x = left + rng.float(10, 60); x < right - 40; x += step) xs.push(x);
      rowWatermark(c, wmWord, top, size, xs, rng.float(0.08, 0.13));
    }
  };

  heading(rng.pick(['报告信息', '报告概况', '报告基本情况']));
  const numberLabel = rng.pick(NUMBER_LABELS);
  const periodLabel = rng.pick(PERIOD_LABELS);
  const genLabel = rng.pick(GENERATED_LABELS);
  const stamp = generationStamp(facts, rng.pick(stampStylesFor(genLabel)));
  const period = periodText(facts.from, facts.to, rng.pick(PERIOD_STYLES));
  const reportCells: [string, string, number][] = rng.shuffle([
    [numberLabel, number, 1.1],
    [periodLabel, period, 1.5],
    [genLabel, stamp.text, 1.1],
  ]);
  grid(reportCells.map((x) => x[0]), reportCells.map((x) => x[1]), reportCells.map((x) => x[2]), 0);
  const periodPage = c.page + 1;

  heading(rng.pick(['主体信息', '信用主体', '信用主体基本信息']));
  const decoy = rng.pick([['查询流水号', serialNumber(rng, facts)], ['注册号', registrationNumber(rng, company)], ['法定代表人', company.legalRepresentative]]);
  const subject: [string, string, number][] = [
    [rng.pick(COMPANY_LABELS), company.name, 1.5],
    [rng.pick(CODE_LABELS), company.creditCode, 1.05],
    [decoy[0]!, decoy[1]!, decoy[0] === '法定代表人' ? 0.6 : 1.05],
  ];
  grid(subject.map((x) => x[0]), subject.map((x) => x[1]), subject.map((x) => x[2]), 1);
  if (rng.chance(0.4)) {
    c.table(
      [['成立日期', '登记机关', '核准日期', '登记状态'], [company.establishedOn, company.registrationAuthority, company.licenceIssuedOn, rng.pick(['存续', '在业'])]],
      { widths: [1, 1.6, 1, 0.8], width: c.contentWidth, headerRows: 1, size, lineHeight: lh, padY, headerFill: fill, aligns: ['center', 'center', 'center', 'center'] },
    );
  }

  heading(rng.pick(['查询条件', '查询设置', '查询选项']));
  const domains = valueString(domainsValue(rng, facts, { checks: rng.chance(0.5) }));
  const simple = valueString(simpleValue(rng, facts.simplePenaltyIncluded));
  grid([rng.pick(DOMAIN_LABELS), rng.pick(SIMPLE_LABELS)], [domains, simple], [3, 1.1], 2);

  heading(rng.pick(['信用记录概览', '信用信息汇总', '查询结果汇总']));
  const main = facts.records.filter((r) => r.type === '行政处罚');
  const simpleRecords = facts.records.filter((r) => r.type === '简易处罚');
  const count = (n: number) => (n ? `${n}条` : rng.pick(['0条', '无']));
  const lists = rng.sample(BLACKLISTS, landscape ? 3 : 2);
  const summary: [string, string][] = [
    ['行政处罚', count(main.length)],
    ...(facts.simplePenaltyIncluded ? [['简易处罚', count(simpleRecords.length)] as [string, string]] : []),
    ...lists.map((l) => [l, '无'] as [string, string]),
  ];
  c.table([summary.map((x) => x[0]), summary.map((x) => x[1])], {
    widths: summary.map((x) => Math.max(1, x[0].length / 4)), width: c.contentWidth, headerRows: 1, size: size - 0.5, lineHeight: lh, padY, headerFill: fill, aligns: summary.map(() => 'center'),
  });

  heading(rng.pick(['行政处罚信息明细', '处罚信息', '处罚记录']));
  const none = rng.pick(NONE_WORDS);
  const detailSize = Math.min(size - 1, 8.5);
  const combined = facts.simplePenaltyIncluded && rng.chance(0.6);
  const detail = (list: PenaltyRecord[], withType: boolean) =>
    c.table(recordTableRows(list, withType), {
      widths: [28, ...(withType ? [50] : []), 128, 100, 84, 100, 62], width: c.contentWidth, headerRows: 1, size: detailSize, lineHeight: detailSize * 1.5,
      headerFill: fill, aligns: ['center', ...(withType ? ['center' as const] : []), 'left', 'left', 'left', 'left', 'center'],
    });
  const noneLine = (t: string) => c.para(t, { size, lineHeight: lh * 1.3, align: 'left', x: left + 8 });
  if (combined) {
    if (facts.records.length) detail(facts.records, true);
    else noneLine(`行政处罚（含简易处罚）：${none}`);
  } else {
    if (main.length) {
      c.para('行政处罚：', { size, weight: 'bold', lineHeight: lh * 1.3, align: 'left' });
      detail(main, false);
    } else noneLine(`行政处罚：${none}`);
    if (facts.simplePenaltyIncluded) {
      if (simpleRecords.length) {
        c.para('简易处罚：', { size, weight: 'bold', lineHeight: lh * 1.3, align: 'left' });
        detail(simpleRecords, false);
      } else noneLine(`简易处罚：${none}`);
    }
  }

  c.gap(8);
  const noteSize = size - 1;
  c.para('说明：', { size: noteSize, weight: 'bold', lineHeight: noteSize * 1.7, align: 'left' });
  for (const [i, note] of [
    '本报告仅反映查询条件范围内的公共信用信息，不代表对信用主体的综合评价。',
    validityNote(rng, facts),
    `核验方式：登录“信用江苏”网站，输入${numberLabel}查询。咨询电话：${centrePhone(rng, company)}`,
  ].entries()) c.para(`${i + 1}．${note}`, { size: noteSize, lineHeight: noteSize * 1.7, align: 'left', color: [60, 60, 60] });

  c.ensure(90);
  c.gap(rng.float(12, 26));
  const signX = right - rng.float(80, 120);
  c.text(facts.issuer, signX, c.y, { size: 10.5, align: 'center' });
  c.text(rng.pick([zhDate(facts.day), facts.day, zhDate(facts.day, true)]), signX, c.y + 20, { size: 10.5, align: 'center' });
  await issuerSeal(c, rng, facts.issuer, signX + rng.float(-15, 15), c.y + rng.float(-2, 22));
  c.y += 50;

  const footStyle = rng.int(0, 4);
  const printed = genLabel !== '打印时间' && rng.chance(0.5) ? printStamp(rng, facts) : null;
  const serial = decoy[0] !== '查询流水号' && rng.chance(0.4) ? serialNumber(rng, facts) : null;
  const diagonal = rng.chance(0.3) ? diagonalWatermark(rng, facts) : null;
  c.footer = (cc, page, total) => {
    if (diagonal) watermark(cc, diagonal.word, diagonal);
    cc.line(left, cc.height - 50, right, cc.height - 50, 0.4, GREY);
    cc.text(pageMark(footStyle, page, total), right, cc.height - 44, { size: 8, align: 'right', color: GREY });
    const foot = printed ? `打印时间：${printed}` : serial ? `查询流水号：${serial}` : facts.issuer;
    cc.text(foot, left, cc.height - 44, { size: 8, color: GREY });
  };

  const pdf = await c.finish({ title, creationDate: new Date(`${stamp.generatedAt.replace(' ', 'T')}+08:00`), creator: facts.issuer, producer: rng.pick(['iText 5', 'wkhtmltopdf 0.12.6', 'Skia/PDF']) });
  return {
    pdf,
    truth: reportTruth({
      layout: 'report-header-grid', title, company, c, fonts, facts, reportNumber: number, generatedAt: stamp.generatedAt, periodPage,
      uploadName: uploadName(rng, company, title, number),
    }),
  };
}

// ——— report-caption-cards ———

async function buildCaptionCards({ company, rng, fonts }: LayoutContext): Promise<BuiltDocument<CreditReportTruth>> {
  const facts = reportFacts(company, rng, { cityIssuer: 0.15 });
  const number = reportNumber(rng, facts, company);
  const title = rng.pick(['企业专项信用报告', '江苏省企业专项信用报告', '专项信用报告（企业质量信用等级认定专用）', '企业公共信用信息专项报告']);
  const side = rng.float(62, 78);
  const c = await Composer.create(A4, fonts, { top: 76, bottom: 70, left: side, right: side });
  const left = c.margin.left;
  const right = c.width - c.margin.right;
  const accent = rng.pick(ACCENTS);
  const fill = rng.pick(LIGHT_FILLS);
  const numberLabel = rng.pick(NUMBER_LABELS);
  const nameLabel = rng.pick(COMPANY_LABELS);
  const codeLabel = rng.pick(CODE_LABELS);
  const periodLabel = rng.pick(PERIOD_LABELS);
  const cover = rng.chance(0.45);
  const periodOnCover = cover && rng.chance(0.6);
  let periodPage = 0;

  if (cover) {
    c.text(`${numberLabel}：${number}`, right, 52, { size: 9.5, align: 'right' });
    const titleSize = Math.min(28, (c.contentWidth - 10) / [...title].length);
    c.text(title, c.width / 2, rng.float(200, 240), { size: titleSize, weight: 900, align: 'center', spacing: titleSize > 24 ? 3 : 0, color: rng.chance(0.5) ? accent : INK });
    let y = 330;
    c.text(company.name, c.width / 2, y, { size: 16, weight: 'bold', align: 'center' });
    y += 30;
    c.text(`${codeLabel}：${company.creditCode}`, c.width / 2, y, { size: 11.5, align: 'center' });
    y += 44;
    if (periodOnCover) {
      // The value first, its label after it in brackets.
      const period = periodText(facts.from, facts.to, rng.pick(['zh', 'zh-pad', 'iso', 'dot'] as const));
      c.text(`${period}（${periodLabel}）`, c.width / 2, y, { size: 12.5, align: 'center' });
      periodPage = 1;
    }
    c.text(facts.issuer, c.width / 2, c.height - 150, { size: 14, weight: 'bold', align: 'center' });
    c.text(rng.chance(0.5) ? zhDateUpper(facts.day) : zhDate(facts.day), c.width / 2, c.height - 126, { size: 12, align: 'center' });
    c.onNewPage = (cc) => {
      cc.text(title, left, 44, { size: 8.5, color: GREY });
      cc.text(number, right, 44, { size: 8.5, align: 'right', color: GREY });
      cc.line(left, 58, right, 58, 0.5, GREY);
    };
    c.newPage();
  } else {
    c.text(title, c.width / 2, 48, { size: Math.min(22, (c.contentWidth - 10) / [...title].length), weight: 'bold', align: 'center', color: rng.chance(0.4) ? accent : INK });
    c.text(`${numberLabel}：${number}`, right, 82, { size: 9, align: 'right', color: GREY });
    c.line(left, 96, right, 96, 1, accent);
    c.y = 108;
  }
  const diagonal = rng.chance(0.5) ? diagonalWatermark(rng, facts) : null;
  const footStyle = rng.int(0, 4);
  const genLabel = rng.pick(GENERATED_LABELS);
  const printed = genLabel !== '打印时间' && rng.chance(0.4) ? printStamp(rng, facts) : null;
  c.footer = (cc, page, total) => {
    if (diagonal && (!cover || page > 1)) watermark(cc, diagonal.word, diagonal);
    cc.text(pageMark(footStyle, page, total), cc.width / 2, cc.height - 40, { size: 8.5, align: 'center', color: GREY });
    if (printed) cc.text(`打印时间：${printed}`, left, cc.height - 40, { size: 7.5, color: GREY });
  };

  const bodySize = rng.pick([10, 10.5, 11]);
  const lh = bodySize * 1.8;
  const numbered = rng.chance(0.6);
  let headingNo = 0;
  const heading = (t: string) => {
    c.ensure(lh * 4);
    c.gap(bodySize * 0.8);
    c.para(numbered ? `${ZH_NUMERALS[headingNo++]}、${t}` : t, { size: bodySize + 2, weight: 'bold', lineHeight: (bodySize + 2) * 1.8, align: 'left', color: accent });
    c.line(left, c.y - 3, right, c.y - 3, 0.5, accent);
    c.gap(4);
  };

  // Values with their labels after them.
  const stamp = generationStamp(facts, rng.pick(stampStylesFor(genLabel)));
  const decoy = rng.pick([['注册号', registrationNumber(rng, company)], ['查询流水号', serialNumber(rng, facts)]]);
  const items: { value: string; label: string; period?: boolean; wide?: boolean }[] = [
    ...(periodOnCover ? [] : [{ value: periodText(facts.from, facts.to, rng.pick(PERIOD_STYLES)), label: periodLabel, period: true, wide: true }]),
    { value: stamp.text, label: genLabel },
    { value: valueString(simpleValue(rng, facts.simplePenaltyIncluded, { checks: rng.chance(0.3) })), label: rng.pick(SIMPLE_LABELS) },
    { value: company.name, label: nameLabel, wide: true },
    { value: company.creditCode, label: codeLabel },
    { value: decoy[1]!, label: decoy[0]! },
  ];
  if (cover && rng.chance(0.5)) items.push({ value: number, label: numberLabel });
  heading(rng.pick(['报告摘要', '基本情况', '报告要素']));
  const wmWord = rng.chance(0.5) ? watermarkWord(rng, facts) : null;
  if (rng.chance(0.65)) {
    // Cards: the value large, a small grey caption under it.
    const cols = 2;
    const gap = 10;
    const cardW = (c.contentWidth - gap * (cols - 1)) / cols;
    const valueSize = bodySize + 1;
    const capSize = 8;
    const cardH = valueSize + capSize + 26;
    let col = 0;
    for (const item of items) {
      const wide = item.wide || c.measure(item.value, valueSize) > cardW - 20;
      if (wide && col > 0) {
        col = 0;
        c.y += cardH + gap;
      }
      if (col === 0) c.ensure(cardH + gap);
      const x = left + col * (cardW + gap);
      const w = wide ? c.contentWidth : cardW;
      c.rect(x, c.y, w, cardH, { stroke: [200, 200, 200], fill, width: 0.5 });
      const top = c.y + 9;
      if (wmWord && (item.period || item.value.length <= 3)) {
        watermarkedValue(c, item.value, x + 10, top, valueSize, wmWord, rng.float(0.3, 0.7));
      } else c.text(item.value, x + 10, top, { size: valueSize });
      c.text(item.label, x + 10, top + valueSize + 7, { size: capSize, color: GREY });
      if (item.period) periodPage = c.page + 1;
      if (wide || col === cols - 1) {
        col = 0;
        c.y += cardH + gap;
      } else col++;
    }
    if (col > 0) c.y += cardH + gap;
  } else {
    // A table whose first column is the value and whose second names it.
    const t = placedTable(c, items.map((i) => [i.value, { text: i.label, align: 'center' as const }]), { widths: [3.2, 1], width: c.contentWidth, size: bodySize, lineHeight: bodySize * 1.55, padY: 6 });
    const at = items.findIndex((i) => i.period);
    if (at >= 0) periodPage = c.page + 1;
    if (wmWord) {
      const r = rng.int(0, items.length - 1);
      rowWatermark(c, wmWord, t.tops[r]! + (t.heights[r]! - bodySize) / 2, bodySize, [t.xs[1]! - c.measure(wmWord, bodySize) - rng.float(8, 40)]);
    }
  }

  heading(rng.pick(['查询领域', '查询范围', '信息领域']));
  const domainLabel = rng.pick(DOMAIN_LABELS);
  if (rng.chance(0.55)) {
    // Every domain with a tick box; the ticked ones were queried.
    c.para(`${domainLabel}（${facts.allDomains ? '全选' : '自定义'}）：`, { size: bodySize, lineHeight: lh, align: 'left' });
    const cols = 3;
    const colW = c.contentWidth / cols;
    CREDIT_DOMAINS.forEach((d, i) => {
      const col = i % cols;
      if (col === 0 && i > 0) c.y += bodySize * 1.9;
      if (col === 0) c.ensure(bodySize * 2);
      drawValue(c, { kind: 'checks', items: [{ label: d, on: facts.domains.includes(d) }] }, left + 12 + col * colW, c.y, bodySize - 0.5, colW - 14);
    });
    c.y += bodySize * 2.4;
  } else {
    const v = domainsValue(rng, facts, { checks: false });
    c.para(`${valueString(v)}（${domainLabel}）`, { size: bodySize, lineHeight: lh, align: 'left', after: 4 });
  }

  heading(rng.pick(['信用记录', '信用信息', '查询结果']));
  const none = rng.pick(NONE_WORDS);
  const style = rng.int(0, 1);
  const recordPara = (r: PenaltyRecord, i: number) =>
    c.para(
      style === 0
        ? `${i + 1}．${r.decisionNumber}：${r.authority}于${zhDate(r.date)}作出，违法事由为${r.reason}，处罚结果为${r.result}。`
        : `${i + 1}．决定书文号：${r.decisionNumber}；违法事由：${r.reason}；处罚结果：${r.result}；处罚机关：${r.authority}；决定日期：${r.date}。`,
      { size: bodySize, lineHeight: lh, indent: 2, after: 2 },
    );
  const sub = (t: string) => c.para(t, { size: bodySize, weight: 'bold', lineHeight: lh, align: 'left' });
  const main = facts.records.filter((r) => r.type === '行政处罚');
  const simpleRecords = facts.records.filter((r) => r.type === '简易处罚');
  sub(`（一）行政处罚信息${main.length ? `（${main.length}条）` : ''}`);
  if (main.length) main.forEach(recordPara);
  else c.para(none, { size: bodySize, lineHeight: lh, indent: 2 });
  if (facts.simplePenaltyIncluded) {
    sub(`（二）简易处罚信息${simpleRecords.length ? `（${simpleRecords.length}条）` : ''}`);
    if (simpleRecords.length) simpleRecords.forEach(recordPara);
    else c.para(none, { size: bodySize, lineHeight: lh, indent: 2 });
  }
  sub(`（${facts.simplePenaltyIncluded ? '三' : '二'}）失信名单信息`);
  for (const list of rng.sample(BLACKLISTS, rng.int(3, 5))) {
    // Label …… value, joined by a dotted leader.
    c.ensure(lh);
    const top = c.y + (lh - bodySize) / 2;
    const lw = c.text(list, left + bodySize * 2, top, { size: bodySize }).width;
    const vw = c.text(none, right, top, { size: bodySize, align: 'right' }).width;
    c.line(left + bodySize * 2 + lw + 6, top + bodySize * 0.8, right - vw - 6, top + bodySize * 0.8, 0.6, GREY, [1, 2.5]);
    c.y += lh;
  }

  c.gap(6);
  c.para(`${validityNote(rng, facts)}${rng.pick(['特此报告。', ''])}`, { size: bodySize - 0.5, lineHeight: lh, indent: 2, color: [70, 70, 70] });
  c.ensure(90);
  c.gap(rng.float(14, 30));
  const signX = right - rng.float(70, 110);
  c.text(`${rng.pick(['出具机构：', '出具单位：', ''])}${facts.issuer}`, signX, c.y, { size: 11, align: 'center' });
  c.text(rng.chance(0.5) ? zhDateUpper(facts.day) : zhDate(facts.day), signX, c.y + 24, { size: 11, align: 'center' });
  await issuerSeal(c, rng, facts.issuer, signX + rng.float(-10, 18), c.y + rng.float(0, 22));
  c.y += 60;
  if (!cover && rng.chance(0.5)) {
    qrLike(c, rng, left, c.y - 80, 56);
    c.text('扫描二维码验证', left + 28, c.y - 18, { size: 7.5, align: 'center', color: GREY });
  }

  const pdf = await c.finish({ title, creationDate: new Date(`${stamp.generatedAt.replace(' ', 'T')}+08:00`), creator: facts.issuer, producer: rng.pick(['Microsoft: Print To PDF', 'iText 7', 'PDFsharp']) });
  return {
    pdf,
    truth: reportTruth({
      layout: 'report-caption-cards', title, company, c, fonts, facts, reportNumber: number, generatedAt: stamp.generatedAt, periodPage,
      uploadName: uploadName(rng, company, title, number),
    }),
  };
}

// ——— report-prose-statement ———

/** The way prose words a date: 2023年6月1日, 2023年06月01日, 2023-06-01 or 2023.06.01. */
type ProseDate = 'zh' | 'zh-pad' | 'iso' | 'dot';
function proseDate(iso: string, style: ProseDate): string {
  if (style === 'zh') return zhDate(iso);
  if (style === 'zh-pad') return zhDate(iso, true);
  return style === 'dot' ? iso.replaceAll('-', '.') : iso;
}

const YEARS_IN_WORDS: Record<number, string> = { 12: '一', 24: '两', 36: '三' };

/** The query's domains as a clause of a sentence; "all" is worded only when every domain was queried. */
function domainsClause(rng: Rng, facts: ReportFacts): string {
  const list = facts.domains.join('、');
  const n = facts.domains.length;
  if (facts.allDomains) {
    return rng.pick([
      '本次查询覆盖全部信用领域',
      `查询范围：全部${n}个领域`,
      '查询领域为全选',
      `本次查询的信用领域为全部领域（共${n}个）`,
      `查询领域包括${list}，共${n}个领域`,
      '查询领域选择了“全选”选项',
    ]);
  }
  return rng.pick([
    `本次查询仅涉及${list}${n}个领域`,
    `查询领域为自定义，包括${list}`,
    `查询范围：${list}（共${n}个领域）`,
    `本次仅查询${list}领域的信息，其余领域未纳入查询`,
  ]);
}

/** Whether 简易处罚 was part of the query, as a clause; "not included" only when it was not. */
function simpleClause(rng: Rng, included: boolean): string {
  return included
    ? rng.pick(['并包含简易程序行政处罚信息', '含简易处罚', '简易处罚信息：已包含', '查询结果包含依简易程序作出的行政处罚信息'])
    : rng.pick(['不含简易处罚信息', '但未包含简易程序行政处罚信息', '简易处罚信息：未包含', '依简易程序作出的行政处罚信息未纳入本次查询']);
}

/** One record as a sentence of a numbered list; its decision date is a decoy date in prose. */
function recordSentence(r: PenaltyRecord, i: number, style: number, dates: ProseDate): string {
  const simple = r.type === '简易处罚' ? '（简易程序）' : '';
  const date = proseDate(r.date, dates);
  if (style === 0) return `${i + 1}．${date}，${r.authority}以${r.decisionNumber}决定书，就“${r.reason}”对其作出${r.result}的处罚${simple}。`;
  if (style === 1) return `（${i + 1}）${r.authority}于${date}作出${r.decisionNumber}行政处罚决定${simple}，违法事由：${r.reason}；处罚结果：${r.result}。`;
  return `${i + 1}. 决定文书号${r.decisionNumber}，处罚机关${r.authority}，决定日期${date}，违法事由为${r.reason}，处罚内容为${r.result}${simple}。`;
}

/**
 * The report as running prose, worded like a 信用中心's letter-style 证明 or a city portal's
 * narrative export: the period, the company and its code inside the opening sentence (or, in
 * one form, the period only in a conditions paragraph on page 2), the query settings as
 * clauses, the number in a header line or a verification sentence, the generation day in the
 * closing line. Decoy dates and numbers stand in the same sentences.
 */
async function buildProseStatement({ company, rng, fonts }: LayoutContext): Promise<BuiltDocument<CreditReportTruth>> {
  const facts = reportFacts(company, rng, { cityIssuer: 0.35 });
  const number = reportNumber(rng, facts, company);
  const portal = rng.chance(0.4);
  const cityPortal = facts.issuer !== PROVINCE_CENTRE ? `信用${company.district.city.replace(/市$/, '')}` : '信用江苏';
  const title = portal
    ? rng.pick(['专项信用报告', '公共信用信息报告（文字版）', '江苏省专项公共信用信息报告', '企业专项信用信息查询结果'])
    : rng.pick(['专项信用报告', '江苏省专项公共信用信息报告', '公共信用信息查询情况说明', '企业公共信用信息查询证明', '信用状况证明', `关于${company.shortName}公共信用信息查询情况的报告`]);
  const side = rng.float(66, 86);
  const c = await Composer.create(A4, fonts, { top: 72, bottom: 78, left: side, right: side });
  const left = c.margin.left;
  const right = c.width - c.margin.right;
  const accent = rng.pick(ACCENTS);
  const bodySize = rng.pick([11, 11.5, 12, 12.5]);
  const lh = bodySize * rng.float(1.85, 2.15);
  const indent = portal && rng.chance(0.4) ? 0 : 2;
  const p = (t: string, after = 2) => c.para(t, { size: bodySize, lineHeight: lh, indent, after });
  /** A paragraph kept on one page, so that the page it stands on is known before it is drawn. */
  const kept = (t: string) => {
    c.ensure(c.wrap(t, c.contentWidth, bodySize, 'body', c.contentWidth - indent * bodySize).length * lh);
    return p(t);
  };
  const numberLabel = rng.pick(NUMBER_LABELS);
  const dates = rng.pick(['zh', 'zh', 'zh-pad', 'iso', 'dot'] as const);
  const from = proseDate(facts.from, dates);
  const to = proseDate(facts.to, dates);

  // Where the number and the generation time are said: a header line, a sentence, or both.
  const numberWhere = rng.weighted(['header', 'sentence', 'both'], [2, 2, 1]);
  const genLabel = rng.pick(['报告生成时间', '生成时间', '生成日期', '出具日期']);
  const genWhere = rng.weighted(['closing', 'sentence', 'header'], [3, 2, portal ? 2 : 0]);
  const stamp = generationStamp(facts, genWhere === 'closing' ? rng.pick(['zh-day', 'zh-pad-day', 'iso-day'] as const) : rng.pick(stampStylesFor(genWhere === 'header' ? genLabel : '生成时间')));

  // Heading: a letter's centred title with its number under it, or a portal's band and 主题 line.
  let named = false;
  if (portal) {
    const bandH = rng.float(30, 40);
    c.rect(0, 0, c.width, bandH, { stroke: null, fill: accent });
    c.text(`${cityPortal}${rng.pick([' · ', ' | ', '  '])}${title}`, left, bandH / 2 - 6.5, { size: 12, weight: 'bold', color: [255, 255, 255] });
    if (numberWhere !== 'sentence') c.text(`${numberLabel}：${number}`, right, bandH / 2 - 5, { size: 9.5, align: 'right', color: [230, 236, 246] });
    c.y = bandH + 26;
    const subject = rng.pick([`主题：关于${company.name}的专项公共信用信息报告`, `主题：${company.name}专项信用报告`, `报告对象：${company.name}`]);
    c.para(subject, { size: bodySize + 1.5, weight: 'bold', lineHeight: (bodySize + 1.5) * 1.9, align: 'left' });
    named = true;
    const meta: string[] = [];
    if (genWhere === 'header') meta.push(`${genLabel}：${stamp.text}`);
    meta.push(rng.pick(['数据来源：江苏省公共信用信息平台', `出具机构：${facts.issuer}`, '报告类型：专项信用报告（文字版）']));
    c.para(meta.join('　　'), { size: 9, color: GREY, lineHeight: 16, align: 'left' });
    c.line(left, c.y + 4, right, c.y + 4, 0.8, accent);
    c.y += 18;
  } else {
    c.y = rng.float(80, 110);
    const titleSize = rng.pick([18, 20, 22]);
    c.para(title, { size: titleSize, weight: 'bold', lineHeight: titleSize * 1.6, align: 'center', spacing: [...title].length < 10 ? rng.pick([0, 2, 4]) : 0 });
    if (numberWhere !== 'sentence') {
      const at = rng.pick(['right', 'center'] as const);
      c.text(`${numberLabel}：${number}`, at === 'right' ? right : c.width / 2, c.y + 4, { size: bodySize - 1.5, align: at });
      c.y += bodySize * 2.4;
    }
    c.gap(bodySize);
    if (rng.chance(0.6)) {
      c.para(`${company.name}：`, { size: bodySize, lineHeight: lh, align: 'left' });
      named = true;
    }
  }
  const you = company.name.endsWith('公司') ? rng.pick(['贵公司', '贵单位']) : '贵单位';
  const it = rng.pick(['该企业', '该单位', '该主体']);
  const subj = named && !portal ? you : it;
  const nameInSentence = named && !portal ? you : company.name;

  // The period: in the opening sentence (page 1), or only in the conditions on page 2.
  const periodWhere = rng.weighted(['opening', 'split', 'appendix'], [5, 2, 2]);
  const conditionsLater = periodWhere !== 'opening';
  const applied = addDays(facts.day, -rng.int(1, 4));
  const years = YEARS_IN_WORDS[facts.months] ?? '三';
  const opening = periodWhere === 'appendix'
    ? rng.pick([
        `经查询，${nameInSentence}（统一社会信用代码：${company.creditCode}）在本报告所列查询期间内的公共信用信息记录情况如下。`,
        `应${nameInSentence}（统一社会信用代码${company.creditCode}）申请，我中心通过江苏省公共信用信息平台对其报告期内的公共信用信息进行了查询（查询条件附后），现将查询结果报告如下。`,
      ])
    : rng.pick([
        `经查询，${nameInSentence}（统一社会信用代码：${company.creditCode}）在${from}至${to}期间的公共信用信息记录情况如下。`,
        `应${nameInSentence}（统一社会信用代码${company.creditCode}）申请，我中心通过江苏省公共信用信息平台对其自${from}起至${to}止的公共信用信息进行了查询，现将查询结果报告如下。`,
        `本报告的报告期为自${from}起至${to}止，报告对象为${company.name}，统一社会信用代码为${company.creditCode}。`,
        `根据${nameInSentence}（以下简称“${it}”，统一社会信用代码：${company.creditCode}）的申请，现将${it}${from}—${to}（以下简称“查询期间”）在江苏省公共信用信息平台上的信用记录报告如下：`,
        `${company.name}（社会信用代码 ${company.creditCode}）于${proseDate(applied, dates)}申请查询其近${years}年的公共信用信息，查询时间段为${from}至${to}。`,
      ]);
  // Registration details in prose: the 成立日期 and a 注册号 are a decoy date and a decoy number.
  const registered = (who: string) => `${who}成立于${proseDate(company.establishedOn, rng.pick(['zh', 'iso'] as const))}，登记机关为${company.registrationAuthority}${rng.chance(0.5) ? `，注册号${registrationNumber(rng, company)}` : ''}${rng.chance(0.4) ? `，法定代表人${company.legalRepresentative}` : ''}。`;
  const withRegistration = rng.chance(0.6);
  /** The query settings as one sentence, after one of `leads` (none where a period sentence leads in). */
  const conditions = (leads: readonly string[]) => {
    const domains = domainsClause(rng, facts);
    // A lead-in only before a clause that does not open with its own label or "本次查询".
    const lead = leads.length && domains.startsWith('查询领域') ? rng.pick(leads) : '';
    const simple = simpleClause(rng, facts.simplePenaltyIncluded);
    // A clause that is itself "label：value" is set off by a semicolon, as prose does (and then needs no 并/但).
    const semicolon = domains.includes('：') || simple.includes('：');
    return `${lead}${domains}${semicolon ? '；' : '，'}${semicolon ? simple.replace(/^[并但]/, '') : simple}。`;
  };
  const periodSentence = () =>
    rng.pick([
      `本报告的报告期为自${from}起至${to}止`,
      `查询期间：${from}至${to}`,
      `报告期间为${from}至${to}（近${years}年）`,
      `信息查询期间为${from}—${to}`,
    ]);

  const wmWord = watermarkWord(rng, facts);
  const rowMark = rng.chance(0.45);
  /** Watermark words laid on a line of the period's paragraph: in the text layer they fall among its words. */
  const markLine = (boxes: { x: number; y: number; width: number }[]) => {
    if (!rowMark || !boxes.length) return;
    const box = rng.pick(boxes);
    rowWatermark(c, wmWord, box.y, bodySize, [box.x + box.width * rng.float(0.2, 0.7)], rng.float(0.08, 0.13));
  };

  let periodPage = 0;
  const openingFirst = rng.chance(0.65);
  if (withRegistration && !openingFirst) p(registered(company.name));
  const openingBoxes = kept(opening);
  if (periodWhere !== 'appendix') {
    periodPage = c.page + 1;
    markLine(openingBoxes);
  }
  if (withRegistration && openingFirst) p(registered(subj));
  if (!conditionsLater) p(conditions(['本次查询条件如下：', '查询条件：', '', '本报告依据以下查询条件出具：']));
  const numberSentence = rng.pick([
    `本报告编号为 ${number}，可登录信用江苏网站验证。`,
    `${numberLabel}：${number}，可通过“信用江苏”网站核验报告真伪。`,
    `如需核验，请登录${cityPortal}网站输入报告编号${number}查询。`,
  ]);
  const numberInNotes = numberWhere !== 'header' && rng.chance(0.6);
  if (numberWhere !== 'header' && !numberInNotes) p(numberSentence);

  // Records: a count sentence and a short numbered list, or a "none" sentence.
  const lists = rng.sample(BLACKLISTS, rng.int(2, 3));
  const simpleRecords = facts.records.filter((r) => r.type === '简易处罚');
  if (facts.records.length) {
    const ofWhich = simpleRecords.length ? `（其中适用简易程序${simpleRecords.length}条）` : '';
    p(rng.pick([
      `查询期间内，${subj}共有行政处罚信息${facts.records.length}条${ofWhich}，具体如下：`,
      `经核查，${subj}在上述期间内存在${facts.records.length}条行政处罚记录${ofWhich}：`,
    ]));
    const style = rng.int(0, 2);
    const recordDates = rng.pick(['zh', 'iso'] as const);
    facts.records.forEach((r, i) => c.para(recordSentence(r, i, style, recordDates), { size: bodySize, lineHeight: lh, indent: 2, after: 1 }));
    p(rng.pick([
      `除上述记录外，未发现${subj}被列入${lists.join('、')}等名单。`,
      `此外，${subj}未被列入${lists.join('、')}。`,
    ]));
  } else {
    p(rng.pick([
      '查询期间内未发现行政处罚、严重失信等记录。',
      `经核查，${subj}在上述期间内无行政处罚信息${facts.simplePenaltyIncluded ? '（含简易处罚）' : ''}，未被列入${lists.join('、')}。`,
      `在上述查询范围内，江苏省公共信用信息平台未归集到${subj}的行政处罚信息，亦无${lists.join('、')}等失信记录。`,
    ]));
  }

  // Conditions on page 2 (the period with them when the opening did not say it).
  if (conditionsLater) {
    // Always on a page of its own when it alone carries the period; sometimes when it does not.
    if (periodWhere === 'appendix' || rng.chance(0.6)) c.newPage();
    else c.ensure(lh * 6);
    c.gap(bodySize * 0.5);
    c.para(rng.pick(['附：查询条件说明', '查询条件', '关于查询条件的说明']), { size: bodySize + 1, weight: 'bold', lineHeight: lh, align: 'left' });
    if (periodWhere === 'appendix') {
      const boxes = kept(`${periodSentence()}；${conditions([])}`);
      periodPage = c.page + 1;
      markLine(boxes);
    } else p(conditions(['本次查询条件如下：', '']));
  }

  // Closing: notes with decoys (validity, phone), the number sentence, 特此证明, issuer and day.
  const notes = [validityNote(rng, facts)];
  if (rng.chance(0.6)) notes.push(`如对报告内容有异议，请致电${centrePhone(rng, company)}。`);
  if (numberInNotes) notes.push(numberSentence);
  if (genWhere === 'sentence') notes.push(rng.pick([`本报告生成于${stamp.text}。`, `报告生成时间：${stamp.text}。`, `本报告于${stamp.text}由系统自动生成。`]));
  const notesAsBlock = rng.chance(0.5);
  if (!notesAsBlock) notes.forEach((t) => p(t));
  p(rng.pick(['特此证明。', '特此报告。', '特此说明。']));

  c.ensure(150);
  c.gap(rng.float(18, 34));
  const signX = right - rng.float(80, 115);
  c.text(facts.issuer, signX, c.y, { size: bodySize, align: 'center' });
  const closingDay = genWhere === 'closing' ? stamp.text : rng.pick([zhDate(facts.day), zhDateUpper(facts.day), facts.day]);
  c.text(closingDay, signX, c.y + bodySize * 2, { size: bodySize, align: 'center' });
  await issuerSeal(c, rng, facts.issuer, signX + rng.float(-14, 14), c.y + rng.float(0, 20));
  c.y += bodySize * 4;
  if (notesAsBlock) {
    c.gap(10);
    const noteSize = bodySize - 2;
    c.para('说明：', { size: noteSize, lineHeight: noteSize * 1.7, align: 'left', color: [70, 70, 70] });
    notes.forEach((t, i) => c.para(`${i + 1}．${t}`, { size: noteSize, lineHeight: noteSize * 1.7, align: 'left', color: [70, 70, 70] }));
  }

  const footStyle = rng.int(0, 4);
  const printed = rng.chance(0.3) ? printStamp(rng, facts) : null;
  const diagonal = rng.chance(0.5) ? diagonalWatermark(rng, facts) : null;
  c.footer = (cc, page, total) => {
    if (diagonal) watermark(cc, diagonal.word, diagonal);
    cc.text(pageMark(footStyle, page, total), cc.width / 2, cc.height - 46, { size: 8.5, align: 'center', color: GREY });
    if (printed) cc.text(`打印时间：${printed}`, right, cc.height - 46, { size: 7.5, align: 'right', color: GREY });
    else if (portal && cityPortal === '信用江苏') cc.text('www.jscredit.cn', left, cc.height - 46, { size: 7.5, color: GREY });
  };

  const pdf = await c.finish({ title, creationDate: new Date(`${stamp.generatedAt.replace(' ', 'T')}+08:00`), creator: facts.issuer, producer: rng.pick(['Microsoft® Word 2016', 'WPS 文字', 'wkhtmltopdf 0.12.6']) });
  return {
    pdf,
    truth: reportTruth({
      layout: 'report-prose-statement', title, company, c, fonts, facts, reportNumber: number, generatedAt: stamp.generatedAt, periodPage,
      uploadName: uploadName(rng, company, title, number),
    }),
  };
}

export const DEV_REPORT_LAYOUTS: readonly CreditReportLayout[] = [
  {
    id: 'report-cover-conditions',
    kind: 'credit-report',
    group: 'dev',
    description: 'Cover page (title, company, number, 出具日期), then (after a declaration page sometimes) 查询条件 as "label：value" lines on page 2 or 3, a two-column identity table, numbered record sections, sometimes an appendix.',
    build: buildCoverConditions,
  },
  {
    id: 'report-header-grid',
    kind: 'credit-report',
    group: 'dev',
    description: 'Banded one- or two-page grid (portrait or landscape): every label in a header row with its value in the cell below, a count row, one records table; watermark words on a value row.',
    build: buildHeaderGrid,
  },
  {
    id: 'report-caption-cards',
    kind: 'credit-report',
    group: 'dev',
    description: 'Values before their labels: value cards with small captions under them or a value-then-label table, an optional cover with "…（报告期）", a tick-box domain grid, records as numbered paragraphs.',
    build: buildCaptionCards,
  },
  {
    id: 'report-prose-statement',
    kind: 'credit-report',
    group: 'dev',
    description: 'Running prose like a 信用中心 letter (证明/说明) or a city portal\'s narrative export: period, company and code in the opening sentence (or the period in a conditions paragraph on page 2), query settings as clauses, number in a header line or a verification sentence, the day in the closing line.',
    build: buildProseStatement,
  },
];
