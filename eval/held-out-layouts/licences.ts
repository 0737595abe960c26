/**
 * Held-out business-licence layouts, modelled on licences as printed, not on the reading code:
 *  - `licence-sanzheng-2015`: the 三证合一 licence of 2015–2018 (portrait 副本 or landscape
 *    正本), often with the old 15-digit 注册号 printed beside the new code;
 *  - `licence-individual`: a 个体工商户 licence (92… code, 经营者, 经营场所, 组成形式, 注册日期, no
 *    capital, no term), in the 2016 portrait or 2019 landscape edition.
 */
import { A4, A4_LANDSCAPE, Composer, type Rgb } from '../../test/corpus/compose.js';
import { JIANGSU_DISTRICTS, personName, type CorpusCompany, type District } from '../../test/corpus/companies.js';
import type { BusinessLicenseLayout } from '../../test/corpus/layouts.js';
import { addEmblem, addRectStamp, addSeal, goldBorder, qrLike, type SealPlacement } from '../../test/corpus/parts.js';
import { addDays, addMonths, randomDate, zhDate, type Rng } from '../../test/corpus/random.js';
import type { BusinessLicenseTruth, BuiltDocument } from '../../test/corpus/types.js';
import { authorityOfEra, BLACK_INK, capitalInWords, capitalWan, drawRow, makeCode, registrationNumber, rowHeight, type RowStyle } from './kit.js';

type Orientation = BusinessLicenseTruth['orientation'];
type Copy = BusinessLicenseTruth['copy'];

const minIso = (a: string, b: string) => (a < b ? a : b);
const maxIso = (a: string, b: string) => (a > b ? a : b);

/**
 * The printed frame: a gold lozenge band (a decoy), a teal guilloche-like band, or plain
 * double rules. Returns how far in from the page edge the frame ends.
 */
function frame(c: Composer, rng: Rng): number {
  const kind = rng.weighted(['gold', 'teal', 'rules'], [4, 3, 2]);
  const inset = rng.float(14, 26);
  if (kind === 'rules') {
    c.rect(inset, inset, c.width - 2 * inset, c.height - 2 * inset, { stroke: [90, 90, 90], width: 1.4 });
    c.rect(inset + 4, inset + 4, c.width - 2 * inset - 8, c.height - 2 * inset - 8, { stroke: [90, 90, 90], width: 0.5 });
    return inset + 4;
  }
  const band = kind === 'gold' ? rng.float(12, 18) : rng.float(10, 16);
  goldBorder(c, inset, band, kind === 'gold' ? {} : { color: [64, 128, 128] as Rgb });
  return inset + band;
}

/** Top of the footer block (its first line sits 14 pt lower): three lines of `fs` above the frame. */
function footerTopOf(c: Composer, edge: number, fs: number, rng: Rng): number {
  return c.height - edge - rng.float(6, 14) - fs * 4.5 - 14;
}

function rowStyle(rng: Rng, orientation: Orientation): RowStyle {
  const labelSize = orientation === 'portrait' ? rng.float(10.5, 12.5) : rng.float(11, 13);
  const valueSize = Math.max(9.5, labelSize - rng.float(0, 1.5));
  const labelStyle = rng.weighted(['ideographic', 'distributed', 'plain'] as const, [5, 3, 2]);
  const labelWidth = labelSize * 5;
  // The gap between the label column and the value: tight on some printers, wide on others.
  const valueOffset = labelWidth + rng.float(8, 34);
  return {
    labelStyle,
    labelSize,
    valueSize,
    labelBold: rng.chance(0.75),
    valueOffset,
    lineHeight: valueSize * rng.float(1.4, 1.75),
    rowGap: rng.float(5, 14),
    labelWidth,
  };
}

/** Emblem, title and the copy mark; returns the y under them. */
async function header(c: Composer, rng: Rng, copy: Copy, orientation: Orientation): Promise<number> {
  const mid = c.width / 2;
  const emblemY = orientation === 'portrait' ? rng.float(72, 92) : rng.float(58, 72);
  const d = rng.float(46, 60);
  await addEmblem(c, rng, mid, emblemY, d);
  const titleSize = orientation === 'portrait' ? rng.float(30, 38) : rng.float(34, 42);
  const titleY = emblemY + d / 2 + rng.float(6, 14);
  const title = rng.pick(['营 业 执 照', '营业执照', '营　业　执　照']);
  c.text(title, mid, titleY, { size: titleSize, weight: 900, color: BLACK_INK, align: 'center', spacing: title.includes(' ') || title.includes('　') ? 2 : titleSize * 0.35 });
  let y = titleY + titleSize * 1.25;
  if (copy === '副本') {
    const mark = rng.pick(['（副　　本）', '（副本）', '(副 本)', '副　本']);
    c.text(mark, mid, y, { size: rng.float(12, 15), color: BLACK_INK, align: 'center' });
    y += 24;
  }
  return y;
}

/** 登记机关, the date and the authority's seal over the date. */
async function issuer(c: Composer, rng: Rng, authority: string, issued: string, cx: number, top: number): Promise<number> {
  const label = rng.pick(['登 记 机 关', '登记机关', '登　记　机　关']);
  const size = rng.float(12, 14);
  const labelX = cx - rng.float(60, 95);
  c.text(label, labelX, top, { size, weight: 'bold', color: BLACK_INK });
  const [y, m, d] = issued.split('-');
  const date = rng.pick([`${y}年${m}月${d}日`, `${y} 年 ${m} 月 ${d} 日`, `${y}  年  ${m}  月  ${d}  日`]);
  const dateY = top + rng.float(30, 48);
  const dateSize = rng.float(11, 13);
  c.text(date, cx, dateY, { size: dateSize, color: BLACK_INK, align: 'center' });
  await addSeal(c, rng, cx + rng.float(-14, 14), dateY + dateSize / 2 + rng.float(-16, 8), {
    role: 'registration-authority',
    text: authority,
    diameterMm: rng.float(40, 44),
    weight: 700,
    innerRing: rng.chance(0.2),
    faded: rng.chance(0.1),
  });
  return dateY + dateSize;
}

/** What applicants add to the copy they upload: 与原件一致 with their own seal, 仅供…使用. */
async function applicantMarks(c: Composer, rng: Rng, sealText: string | null, sealNumber: string | null, area: { x0: number; x1: number; y0: number; y1: number }): Promise<void> {
  const extra = rng.weighted(['none', 'certified', 'certified-seal', 'restricted', 'both'], [3, 1, 3, 2, 1]);
  const x = rng.float(area.x0, area.x1);
  const y = rng.float(area.y0, area.y1);
  if (extra === 'certified' || extra === 'certified-seal' || extra === 'both') {
    const lines = rng.pick([['与原件一致'], ['此复印件与原件一致'], ['与原件核对一致']]);
    await addRectStamp(c, rng, x, y, lines, rng.float(11, 14));
    if (extra !== 'certified' && sealText) {
      const seal: SealPlacement = {
        role: 'company',
        text: sealText,
        centerText: null,
        bottomText: sealNumber && rng.chance(0.5) ? sealNumber : null,
        diameterMm: rng.float(38, 42),
        weight: rng.pick([700, 900] as const),
        faded: rng.chance(0.15),
      };
      await addSeal(c, rng, x + rng.float(20, 70), y + rng.float(-25, 25), seal);
    }
  }
  if (extra === 'restricted' || extra === 'both') {
    const lines = rng.pick([['仅供江苏省企业质量信用等级认定使用'], ['仅供质量信用等级认定使用', '他用无效'], ['本复印件仅供申报使用']]);
    await addRectStamp(c, rng, rng.float(area.x0, area.x1), rng.float(area.y0 - 120, area.y0 - 40), lines, rng.float(10, 12));
  }
}

// ---------------------------------------------------------------------------------------
// licence-sanzheng-2015

/** A 2015-era 经营范围: the industry's items, then the era's closing formula. */
function scope2015(rng: Rng, company: CorpusCompany): string {
  const items = rng.sample(company.industry.scope, rng.int(3, company.industry.scope.length));
  const sep = rng.pick(['；', '、']);
  const trade = rng.chance(0.5) ? `${sep}自营和代理各类商品及技术的进出口业务（国家限定企业经营或禁止进出口的商品和技术除外）` : '';
  const body = `${items.join(sep)}${trade}。`;
  const tail = rng.chance(0.8) ? '（依法须经批准的项目，经相关部门批准后方可开展经营活动）' : '';
  return rng.chance(0.15) ? `许可经营项目：无。一般经营项目：${body}${tail}` : `${body}${tail}`;
}

function capital2015(rng: Rng, company: CorpusCompany): string {
  const wan = capitalWan(company.registeredCapital);
  return rng.weighted([`${wan}万元整`, `人民币${wan}万元整`, `人民币${capitalInWords(wan)}`, `${wan}万元人民币`], [4, 3, 3, 1]);
}

async function buildSanzheng({ company, rng, fonts }: Parameters<BusinessLicenseLayout['build']>[0]): Promise<BuiltDocument<BusinessLicenseTruth>> {
  const orientation: Orientation = rng.chance(0.55) ? 'portrait' : 'landscape';
  const copy: Copy = orientation === 'portrait' ? '副本' : '正本';
  const est = company.establishedOn;
  // Existing companies were re-issued the new licence from October 2015; new ones got it when founded.
  const issued = est < '2015-10-01'
    ? randomDate(rng, '2015-10-08', '2018-06-29')
    : rng.chance(0.6) ? est : randomDate(rng, addDays(est, 15), maxIso(addDays(est, 15), minIso(addDays(est, 700), '2019-02-27')));
  const authority = authorityOfEra(rng, company.registrationAuthority, issued);
  const newUrl = issued >= '2017-01-01' && rng.chance(0.6);

  // 营业期限 as printed, and what it means.
  let termUntil: string | null = null;
  let endText: string;
  // Fixed terms were common on licences of this era (10, 20 or 30 years, ending the day before).
  // A licence is never issued with a term already over.
  const terms = [10, 15, 20, 30, 50].map((n) => addMonths(est, 12 * n)).filter((end) => end > addMonths(issued, 12));
  const fixedEnd = company.termUntil && company.termUntil > addMonths(issued, 12) ? company.termUntil : rng.chance(company.termUntil ? 1 : 0.4) ? rng.pick(terms) : null;
  if (fixedEnd) {
    termUntil = rng.chance(0.6) ? addDays(fixedEnd, -1) : fixedEnd;
    endText = zhDate(termUntil, true);
  } else endText = rng.weighted(['长期', '******', '＊＊＊＊＊＊'], [5, 4, 1]);
  const termForm = rng.weighted(['single', 'split', 'only'], [5, 3, endText === '长期' ? 1 : 0]);
  const start = zhDate(est, true);
  const join = rng.pick(['至', ' 至 ', '至']);

  const c = await Composer.create(orientation === 'portrait' ? A4 : A4_LANDSCAPE, fonts, { top: 40, bottom: 40, left: 40, right: 40 });
  const edge = frame(c, rng);
  const fs = rng.float(7.5, 9);
  let y = await header(c, rng, copy, orientation);
  const W = c.width;
  const code = company.creditCode;
  // Only companies registered before the reform had a 注册号; it carries the registering division.
  const regNo = est < '2015-10-01' && rng.chance(0.65) ? registrationNumber(rng, code.slice(2, 8)) : null;
  const regLabel = rng.pick(['注册号', '注 册 号', '原注册号']);
  const codeSize = rng.float(11, 14);
  const codeLabel = '统一社会信用代码';
  const hasQr = issued >= '2016-10-01' && rng.chance(0.7);
  const placement = rng.weighted(['top-right', 'under-title', 'under-title-centre', 'top-left'], [hasQr ? 0 : 3, 4, 2, orientation === 'landscape' ? 3 : 1]);
  const copyNo = copy === '副本' ? rng.pick([`(1-${rng.int(1, 3)})`, `（1－${rng.int(1, 3)}）`, `副本编号：1-${rng.int(1, 3)}`, `副本号：${rng.int(1, 2)}-1`]) : null;
  const inner = orientation === 'portrait' ? rng.float(62, 86) : rng.float(66, 90);

  if (placement === 'top-right' || placement === 'top-left') {
    const right = placement === 'top-right';
    const x = right ? W - inner : inner;
    const align = right ? 'right' : 'left';
    const top = orientation === 'portrait' ? rng.float(44, 54) : rng.float(44, 52);
    // Portrait pages have the emblem in the middle: only the stacked form fits beside it.
    if (orientation === 'portrait' || rng.chance(0.5)) {
      c.text(codeLabel, x, top, { size: codeSize * 0.85, weight: 'bold', color: BLACK_INK, align });
      c.text(code, x, top + codeSize * 1.3, { size: codeSize, weight: 'bold', color: BLACK_INK, align, spacing: 0.6 });
    } else c.text(`${codeLabel}  ${code}`, x, top + 8, { size: codeSize * 0.92, weight: 'bold', color: BLACK_INK, align });
    if (regNo) c.text(`${regLabel}  ${regNo}`, x, top + codeSize * 2.9, { size: codeSize * 0.8, color: BLACK_INK, align });
    if (copyNo) c.text(copyNo, right ? inner : W - inner, y + 2, { size: 10, color: BLACK_INK, align: right ? 'left' : 'right' });
    y += 20;
  } else {
    const centre = placement === 'under-title-centre';
    const line = centre ? `${codeLabel}：${code}` : `${codeLabel}  ${code}`;
    c.text(line, centre ? W / 2 : inner, y, { size: codeSize, weight: 'bold', color: BLACK_INK, align: centre ? 'center' : 'left' });
    if (copyNo && !centre) c.text(copyNo, W - inner, y + 1, { size: 10, color: BLACK_INK, align: 'right' });
    y += codeSize * 1.7;
    if (regNo) {
      c.text(`${regLabel}  ${regNo}`, centre ? W / 2 : inner, y, { size: codeSize * 0.82, color: BLACK_INK, align: centre ? 'center' : 'left' });
      y += codeSize * 1.5;
    }
    if (copyNo && centre) c.text(copyNo, W - inner, y - 2, { size: 10, color: BLACK_INK, align: 'right' });
    y += 10;
  }
  if (hasQr) {
    const q = rng.float(56, 72);
    qrLike(c, rng, W - inner - q + 8, orientation === 'portrait' ? 46 : 42, q);
  }
  if (rng.chance(0.35) && issued >= '2016-10-01') {
    c.text(`证照编号：${company.district.code}${rng.chars('0123456789', 14)}`, inner, y - 4, { size: 8, color: BLACK_INK });
    y += 8;
  }

  const style = rowStyle(rng, orientation);
  const type = rng.chance(0.4) ? company.type.replace(/（/g, '(').replace(/）/g, ')') : company.type;
  const capital = capital2015(rng, company);
  const scope = scope2015(rng, company);
  const termRows: [string, string][] =
    termForm === 'split' ? [['营业期限自', start], ['营业期限至', endText]]
      : termForm === 'only' ? [['营业期限', endText]]
        : [['营业期限', `${start}${join}${endText}`]];
  const rows: [string, string][] = [
    ['名称', company.name],
    ['类型', type],
    ['住所', company.address],
    ['法定代表人', company.legalRepresentative],
    ['注册资本', capital],
    ['成立日期', start],
    ...termRows,
  ];
  // Split term labels are six characters: widen the label column for them.
  if (termForm === 'split') style.valueOffset = Math.max(style.valueOffset, style.labelSize * 6 + 8);
  const underLabel = rng.chance(0.5);
  const footerTop = footerTopOf(c, edge, fs, rng);

  let issueTop: number;
  let issueCx: number;
  let leftEnd = 0;
  if (orientation === 'portrait') {
    const x0 = inner + rng.float(0, 14);
    const valueWidth = W - x0 - style.valueOffset - inner;
    y = Math.max(y + rng.float(12, 30), 230);
    // Shrink the scope until the rows, the issuer block and the footer fit.
    let scopeSize = style.valueSize;
    let scopeLh = style.lineHeight;
    const fixed = rows.reduce((h, [, v]) => h + rowHeight(c, v, valueWidth, style), 0);
    while (y + fixed + rowHeight(c, scope, valueWidth, style, { underLabel, sizeOverride: scopeSize, lineHeightOverride: scopeLh }) + 130 > footerTop && scopeSize > 8) {
      scopeSize -= 0.5;
      scopeLh = scopeSize * 1.45;
    }
    for (const [label, value] of rows) y = drawRow(c, label, value, x0, y, valueWidth, style);
    y = drawRow(c, '经营范围', scope, x0, y, valueWidth, style, { underLabel, sizeOverride: scopeSize, lineHeightOverride: scopeLh });
    issueTop = Math.max(y + 16, footerTop - rng.float(120, 150));
    issueCx = W - inner - rng.float(60, 100);
  } else {
    const x0 = inner + rng.float(0, 10);
    const split = W / 2 + rng.float(-10, 20);
    const leftWidth = split - x0 - style.valueOffset - 16;
    y = Math.max(y + rng.float(10, 26), 178);
    const top = y;
    for (const [label, value] of rows) y = drawRow(c, label, value, x0, y, leftWidth, style);
    leftEnd = y;
    const rx = split + 10;
    const rightWidth = W - inner - rx - style.valueOffset;
    let scopeSize = style.valueSize;
    let scopeLh = style.lineHeight;
    while (top + rowHeight(c, scope, rightWidth, style, { underLabel, sizeOverride: scopeSize, lineHeightOverride: scopeLh }) > footerTop - 150 && scopeSize > 8) {
      scopeSize -= 0.5;
      scopeLh = scopeSize * 1.45;
    }
    const scopeEnd = drawRow(c, '经营范围', scope, rx, top, rightWidth, style, { underLabel, sizeOverride: scopeSize, lineHeightOverride: scopeLh });
    issueTop = Math.max(scopeEnd + 12, footerTop - rng.float(125, 145));
    issueCx = W - inner - rng.float(70, 110);
  }
  await issuer(c, rng, authority, issued, issueCx, issueTop);

  // The footer of the edition.
  const url = newUrl ? '国家企业信用信息公示系统网址：http://www.gsxt.gov.cn' : '企业信用信息公示系统网址：http://gsxt.saic.gov.cn';
  const report = rng.pick([
    '企业应当于每年1月1日至6月30日通过企业信用信息公示系统报送上一年度年度报告并公示。',
    '提示：每年1月1日至6月30日通过企业信用信息公示系统报送上一年度年度报告并公示。',
    '每年1月1日至6月30日通过企业信用信息公示系统报送上一年度年度报告',
  ]);
  const footerLeft = rng.chance(0.5);
  const fx = footerLeft ? inner : W / 2;
  const falign = footerLeft ? 'left' : 'center';
  const order = rng.chance(0.5) ? [report, url] : [url, report];
  order.forEach((line, i) => c.text(line, fx, footerTop + 14 + i * fs * 1.6, { size: fs, color: BLACK_INK, align: falign }));
  c.text('中华人民共和国国家工商行政管理总局监制', footerLeft ? W - inner : W / 2, footerTop + 14 + fs * 3.3, { size: fs, color: BLACK_INK, align: footerLeft ? 'right' : 'center' });

  const area = orientation === 'portrait'
    ? { x0: 120, x1: 240, y0: issueTop + 10, y1: issueTop + 60 }
    : { x0: 170, x1: 330, y0: Math.min(leftEnd + 20, footerTop - 40), y1: Math.max(Math.min(leftEnd + 50, footerTop - 20), Math.min(leftEnd + 20, footerTop - 40)) };
  await applicantMarks(c, rng, company.name, company.sealNumber, area);

  const pdf = await c.finish({ title: rng.pick(['营业执照', 'Scan', '']), creationDate: new Date(`${rng.pick(['2026-04-', '2026-05-'])}${String(rng.int(10, 28))}T10:${String(rng.int(10, 59))}:00+08:00`), creator: rng.pick(['Canon iR-ADV C3525', 'HP Scan', 'Microsoft Word', 'CamScanner']), producer: 'pdf-lib' });
  return {
    pdf,
    truth: {
      kind: 'business-license',
      layout: 'licence-sanzheng-2015',
      title: '营业执照',
      uploadName: rng.pick(['营业执照.pdf', '营业执照副本复印件.pdf', `${company.shortName}三证合一营业执照.pdf`, '1.营业执照（盖章）.pdf']),
      company: { name: company.name, creditCode: code, legalRepresentative: company.legalRepresentative },
      code,
      codePrinted: true,
      fonts,
      pages: [{ width: c.width, height: c.height, dpi: 72 }],
      seals: c.seals,
      decoys: c.decoys,
      name: company.name,
      entityType: type,
      legalRepresentative: company.legalRepresentative,
      registeredCapital: capital,
      establishedOn: est,
      address: company.address,
      registrationAuthority: authority,
      issuedOn: issued,
      termUntil,
      copy,
      orientation,
      entity: 'company',
    },
  };
}

// ---------------------------------------------------------------------------------------
// licence-individual

interface Trade {
  word: string;
  forms: readonly string[];
  scope: readonly string[];
}

const TRADES: readonly Trade[] = [
  { word: '五金', forms: ['店', '经营部', '商行'], scope: ['五金交电、建筑材料（不含危险化学品）、日用百货零售', '五金产品零售；五金产品批发；日用百货销售'] },
  { word: '小吃', forms: ['店', '馆'], scope: ['餐饮服务（凭有效许可证经营）', '许可项目：小餐饮（依法须经批准的项目，经相关部门批准后方可开展经营活动，具体经营项目以审批结果为准）'] },
  { word: '便利', forms: ['店'], scope: ['预包装食品兼散装食品零售；日用百货、文具用品零售；卷烟零售', '许可项目：食品销售；烟草制品零售。一般项目：日用百货销售；文具用品零售'] },
  { word: '汽车维修', forms: ['部', '服务部', '中心'], scope: ['机动车维修（三类：小型车辆维修）；汽车配件零售', '一般项目：汽车零配件零售；洗车服务；机动车修理和维护'] },
  { word: '服装', forms: ['店', '商行'], scope: ['服装、鞋帽、针纺织品零售', '一般项目：服装服饰零售；鞋帽零售；针纺织品销售'] },
  { word: '机械加工', forms: ['厂', '部'], scope: ['机械零部件加工、销售；五金件加工', '一般项目：机械零件、零部件加工；通用零部件制造；金属制品销售'] },
  { word: '美发', forms: ['店', '工作室'], scope: ['理发服务；美容服务（不含医疗美容）', '许可项目：理发服务；生活美容服务'] },
  { word: '水果', forms: ['店', '商行'], scope: ['水果、蔬菜、食用农产品零售', '一般项目：食用农产品零售；新鲜水果零售'] },
  { word: '家电维修', forms: ['部', '服务部'], scope: ['日用电器修理；家用电器零售', '一般项目：日用电器修理；家用电器销售；通讯设备修理'] },
  { word: '建材', forms: ['经营部', '商行', '批发部'], scope: ['建筑材料、装饰材料、水暖器材、五金交电销售', '一般项目：建筑材料销售；建筑装饰材料销售；卫生洁具销售'] },
  { word: '纺织品加工', forms: ['厂', '坊'], scope: ['针纺织品加工、销售', '一般项目：面料纺织加工；针纺织品销售'] },
];

const STREETS = ['中山路', '解放路', '建设路', '人民中路', '青年路', '胜利街', '和平路', '工农路', '文化路', '府前街', '新街', '东大街', '西门街', '南环路', '北京路', '朝阳路', '同心路', '农贸市场'];

function individualScope(rng: Rng, trade: Trade, edition: '2016' | '2019'): string {
  const items = rng.pick(trade.scope);
  if (edition === '2019' || items.includes('项目：')) {
    const tail = items.startsWith('许可项目') ? '' : '（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）';
    return `${items.startsWith('一般项目') || items.startsWith('许可项目') ? '' : '一般项目：'}${items}${tail}`;
  }
  return `${items}。${rng.chance(0.7) ? '（依法须经批准的项目，经相关部门批准后方可开展经营活动）' : ''}`;
}

function placeOf(district: District): string {
  return district.countyCity ? district.name : `${district.city}${district.name}`;
}

function shopName(rng: Rng, district: District, operator: string, trade: Trade): string {
  const surname = operator.charAt(0);
  const mark = rng.weighted([operator, `${surname}记`, `老${surname}`, rng.pick(['鑫源', '恒达', '百汇', '福满多', '顺发', '佳佳', '惠民', '兴旺', '宏发'])], [3, 2, 2, 3]);
  const town = rng.chance(0.3) ? rng.pick(['城东', '城南', '城北', '开发区', '新城', '老街']) : '';
  return `${placeOf(district)}${town}${mark}${trade.word}${rng.pick(trade.forms)}`;
}

async function buildIndividual({ rng, fonts }: Parameters<BusinessLicenseLayout['build']>[0]): Promise<BuiltDocument<BusinessLicenseTruth>> {
  const district = rng.pick(JIANGSU_DISTRICTS);
  const code = makeCode(rng, '92', district.code, rng.chance(0.85));
  const operator = personName(rng, rng.chance(0.15));
  const trade = rng.pick(TRADES);
  const nameForm = rng.weighted(['shop', 'bracket', 'blank'], [7, 1.5, 1.5]);
  const name = nameForm === 'shop' ? shopName(rng, district, operator, trade) : nameForm === 'bracket' ? `个体工商户（${operator}）` : '';
  const registered = randomDate(rng, '2006-01-01', '2024-12-31');
  // The 2016 edition (portrait 副本) was issued until the 2019 edition replaced it.
  const edition: '2016' | '2019' = registered < '2019-01-01' && rng.chance(0.45) ? '2016' : '2019';
  const issued = edition === '2016'
    ? randomDate(rng, maxIso(registered, '2016-10-08'), maxIso(maxIso(registered, '2016-10-08'), '2019-02-27'))
    : rng.chance(0.3) && registered >= '2019-03-01' ? registered : randomDate(rng, maxIso(registered, '2019-03-04'), '2026-03-31');
  const baseAuthority = `${placeOf(district)}${rng.chance(0.1) ? '行政审批局' : '市场监督管理局'}`;
  const authority = authorityOfEra(rng, baseAuthority, issued);
  const form = rng.weighted(['个人经营', '家庭经营'], [4, 1]);
  const address = `${district.countyCity ? '' : rng.chance(0.3) ? '江苏省' : ''}${placeOf(district)}${rng.pick(STREETS)}${rng.int(1, 299)}号${rng.chance(0.35) ? rng.pick(['门面房', '1层', `${rng.int(1, 30)}号商铺`, `-${rng.int(1, 12)}`]) : ''}`;
  const scope = individualScope(rng, trade, edition);
  const orientation: Orientation = edition === '2016' ? 'portrait' : 'landscape';
  const copy: Copy = edition === '2016' || rng.chance(0.6) ? '副本' : '正本';
  const regDate = zhDate(registered, true);

  const c = await Composer.create(orientation === 'portrait' ? A4 : A4_LANDSCAPE, fonts, { top: 40, bottom: 40, left: 40, right: 40 });
  const edge = frame(c, rng);
  const fs = rng.float(7.5, 9);
  const W = c.width;
  const style = rowStyle(rng, orientation);
  const inner = rng.float(62, 86);
  const copyNo = copy === '副本' ? rng.pick([`副本编号：1-${rng.int(1, 2)}`, `(1-${rng.int(1, 2)})`]) : null;
  let issueTop: number;
  let issueCx: number;
  const footerTop = footerTopOf(c, edge, fs, rng);
  const nameLabel = '名称';
  if (edition === '2019') {
    // Code at the top left (label over the number), QR at the top right.
    const codeSize = rng.float(13, 16);
    c.text('统一社会信用代码', inner, rng.float(58, 66), { size: 11, weight: 'bold', color: BLACK_INK });
    c.text(code, inner, 82, { size: codeSize, weight: 'bold', color: BLACK_INK, spacing: rng.float(0, 1.2) });
    if (rng.chance(0.6)) c.text(`证照编号：${district.code}${rng.chars('0123456789', 14)}`, inner, 82 + codeSize * 1.6, { size: 8, color: BLACK_INK });
    const q = rng.float(66, 80);
    qrLike(c, rng, W - inner - q, 52, q);
    c.wrap('扫描二维码登录“国家企业信用信息公示系统”了解更多登记、备案、许可、监管信息。', q + 20, 6.5).forEach((line, i) => c.text(line, W - inner - q - 10, 60 + q + i * 9, { size: 6.5, color: BLACK_INK }));
    const y0 = await header(c, rng, copy, orientation);
    if (copyNo) c.text(copyNo, W / 2, y0 - 4, { size: 9, color: BLACK_INK, align: 'center' });
    const top = Math.max(y0 + rng.float(14, 30), 200);
    const x0 = inner + rng.float(0, 10);
    const split = W / 2 + rng.float(0, 30);
    const leftWidth = split - x0 - style.valueOffset - 14;
    const rx = split + 8;
    const rightWidth = W - inner - rx - style.valueOffset;
    let y = top;
    y = drawRow(c, nameLabel, name, x0, y, leftWidth, style);
    y = drawRow(c, '类型', '个体工商户', x0, y, leftWidth, style);
    y = drawRow(c, '经营者', operator, x0, y, leftWidth, style);
    let scopeSize = style.valueSize;
    while (y + rowHeight(c, scope, leftWidth, style, { sizeOverride: scopeSize, lineHeightOverride: scopeSize * 1.5 }) > footerTop - 10 && scopeSize > 8) scopeSize -= 0.5;
    drawRow(c, '经营范围', scope, x0, y, leftWidth, style, { sizeOverride: scopeSize, lineHeightOverride: scopeSize * 1.5 });
    let r = top;
    r = drawRow(c, '组成形式', form, rx, r, rightWidth, style);
    r = drawRow(c, '注册日期', regDate, rx, r, rightWidth, style);
    r = drawRow(c, '经营场所', address, rx, r, rightWidth, style);
    issueTop = Math.max(r + 20, footerTop - rng.float(100, 120));
    issueCx = W - inner - rng.float(80, 120);
  } else {
    let y = await header(c, rng, copy, orientation);
    const codeSize = rng.float(11, 13.5);
    const centre = rng.chance(0.35);
    c.text(centre ? `统一社会信用代码：${code}` : `统一社会信用代码  ${code}`, centre ? W / 2 : inner, y, { size: codeSize, weight: 'bold', color: BLACK_INK, align: centre ? 'center' : 'left' });
    if (copyNo) c.text(copyNo, W - inner, centre ? y + codeSize * 1.6 : y + 1, { size: 10, color: BLACK_INK, align: 'right' });
    if (rng.chance(0.5)) qrLike(c, rng, W - inner - 62, 46, 62);
    y = Math.max(y + rng.float(30, 50), 236);
    const x0 = inner + rng.float(0, 14);
    const valueWidth = W - x0 - style.valueOffset - inner;
    const rows: [string, string][] = [
      [nameLabel, name],
      ['类型', '个体工商户'],
      ['经营场所', address],
      ['经营者', operator],
      ['组成形式', form],
      ['注册日期', regDate],
    ];
    if (rng.chance(0.4)) {
      // Some printers put 经营者 right under 名称.
      const [op] = rows.splice(3, 1);
      rows.splice(1, 0, op!);
    }
    for (const [label, value] of rows) y = drawRow(c, label, value, x0, y, valueWidth, style);
    y = drawRow(c, '经营范围', scope, x0, y, valueWidth, style, { underLabel: rng.chance(0.5) });
    issueTop = Math.max(y + 20, footerTop - rng.float(130, 160));
    issueCx = W - inner - rng.float(60, 100);
  }
  await issuer(c, rng, authority, issued, issueCx, issueTop);

  if (edition === '2019') {
    c.text('国家企业信用信息公示系统网址：http://www.gsxt.gov.cn', inner, footerTop + 16, { size: fs, color: BLACK_INK });
    c.text(rng.pick(['市场主体应当于每年1月1日至6月30日通过国家企业信用信息公示系统报送公示年度报告。', '个体工商户应当于每年1月1日至6月30日报送上一年度年度报告。']), inner, footerTop + 16 + fs * 1.6, { size: fs, color: BLACK_INK });
    c.text('国家市场监督管理总局监制', W - inner, footerTop + 16 + fs * 1.6, { size: fs, color: BLACK_INK, align: 'right' });
  } else {
    c.text('企业信用信息公示系统网址：http://gsxt.saic.gov.cn', W / 2, footerTop + 14, { size: fs, color: BLACK_INK, align: 'center' });
    c.text('每年1月1日至6月30日通过企业信用信息公示系统报送上一年度年度报告', W / 2, footerTop + 14 + fs * 1.6, { size: fs, color: BLACK_INK, align: 'center' });
    c.text('中华人民共和国国家工商行政管理总局监制', W / 2, footerTop + 14 + fs * 3.2, { size: fs, color: BLACK_INK, align: 'center' });
  }
  const area = orientation === 'portrait' ? { x0: 120, x1: 240, y0: issueTop + 10, y1: issueTop + 60 } : { x0: 180, x1: 320, y0: issueTop + 10, y1: issueTop + 50 };
  // Unnamed businesses have no seal of their own; the 与原件一致 stamp stands alone.
  await applicantMarks(c, rng, name && nameForm === 'shop' ? name : null, null, area);

  const pdf = await c.finish({ title: rng.pick(['营业执照', 'IMG_scan', '']), creationDate: new Date(`2026-05-${String(rng.int(10, 28))}T15:${String(rng.int(10, 59))}:00+08:00`), creator: rng.pick(['HP Scan', 'CamScanner', 'WPS Office']), producer: 'pdf-lib' });
  const shown = name || operator;
  return {
    pdf,
    truth: {
      kind: 'business-license',
      layout: 'licence-individual',
      title: '营业执照',
      uploadName: rng.pick(['营业执照.pdf', '个体工商户营业执照.pdf', `${shown}营业执照.pdf`, '执照扫描件.pdf']),
      company: { name, creditCode: code, legalRepresentative: operator },
      code,
      codePrinted: true,
      fonts,
      pages: [{ width: c.width, height: c.height, dpi: 72 }],
      seals: c.seals,
      decoys: c.decoys,
      name,
      entityType: '个体工商户',
      legalRepresentative: operator,
      registeredCapital: '',
      establishedOn: registered,
      address,
      registrationAuthority: authority,
      issuedOn: issued,
      termUntil: null,
      copy,
      orientation,
      entity: 'individual',
    },
  };
}

export const HELD_OUT_LICENCE_LAYOUTS: readonly BusinessLicenseLayout[] = [
  {
    id: 'licence-sanzheng-2015',
    kind: 'business-license',
    group: 'held-out',
    description: 'The 2015–2018 三证合一 营业执照 (portrait 副本 / landscape 正本): code at the top or under the title, often with the old 注册号, 营业期限 to a date, ****** or 长期.',
    build: buildSanzheng,
  },
  {
    id: 'licence-individual',
    kind: 'business-license',
    group: 'held-out',
    description: 'A 个体工商户 营业执照 (2016 portrait or 2019 landscape): 92… code, 经营者, 组成形式, 经营场所, 注册日期, no capital or term; the name may be blank.',
    build: buildIndividual,
  },
];
