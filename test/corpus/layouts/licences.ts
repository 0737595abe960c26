/**
 * Development licence layouts (besides the classic 'licence-saic-2019'):
 *  - 'licence-electronic': the 电子营业执照 as applicants upload it, a phone screenshot of the
 *    app (status bar, title bar, the licence as a list of label/value rows, a QR code, 亮照
 *    buttons) with no seal at all;
 *  - 'licence-branch': a 分公司's paper licence (2019 landscape or 2016 portrait) with a
 *    branch's fields: 负责人, 营业场所, no 注册资本, and the branch's own credit code.
 */
import { A4, A4_LANDSCAPE, Composer, type Rgb } from '../compose.js';
import type { BusinessLicenseLayout, LayoutContext } from '../layouts.js';
import { addEmblem, addSeal, goldBorder, GOLD, qrLike } from '../parts.js';
import { addDays, randomDate, type Rng } from '../random.js';
import type { BuiltDocument, BusinessLicenseTruth } from '../types.js';
import {
  applicantStamps,
  capitalText,
  dateText,
  halfBrackets,
  licenceNumber,
  makeBranch,
  registrationNumber,
  spreadLabel,
  termText,
  type DateStyle,
} from './licence-parts.js';

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Phone screens in points (iPhone and common Android sizes). */
const PHONES = [
  { width: 390, height: 844 },
  { width: 414, height: 896 },
  { width: 375, height: 812 },
  { width: 393, height: 852 },
  { width: 360, height: 780 },
] as const;

const LABEL_GREY: Rgb = [128, 128, 133];
const VALUE_INK: Rgb = [28, 28, 30];
const LINK_BLUE: Rgb = [24, 112, 240];
const RULE_GREY: Rgb = [226, 226, 230];

interface Row {
  label: string;
  value: string;
  /** The scope may be cut off with 展开; the code may carry the licence number under it. */
  role?: 'scope' | 'code';
}

async function buildElectronic({ company, rng, fonts }: LayoutContext): Promise<BuiltDocument<BusinessLicenseTruth>> {
  const phone = rng.pick(PHONES);
  const W = phone.width;
  const ios = rng.chance(0.65);

  // When the screenshot was taken: a date-time the reader must not take for the issue date.
  const shotDate = randomDate(rng, '2026-05-06', '2026-06-30');
  const [hh, mm, ss] = [rng.int(8, 21), rng.int(0, 59), rng.int(0, 59)];
  const clock = `${ios ? hh : pad2(hh)}:${pad2(mm)}`;
  const stamp = rng.pick([
    `更新时间：${shotDate} ${pad2(hh)}:${pad2(mm)}:${pad2(ss)}`,
    `亮照时间：${dateText(shotDate, 'pad')} ${pad2(hh)}:${pad2(mm)}:${pad2(ss)}`,
    `生成时间 ${shotDate.replace(/-/g, '/')} ${pad2(hh)}:${pad2(mm)}`,
    `截屏时间：${shotDate} ${pad2(hh)}:${pad2(mm)}`,
  ]);
  const number = licenceNumber(rng, company.creditCode.slice(2, 8), company.licenceIssuedOn.slice(0, 4));

  // What the licence says, as this version of the app prints it.
  const ds: DateStyle = rng.weighted(['pad', 'plain', 'iso'], [5, 2, 2]);
  const type = rng.chance(0.3) ? halfBrackets(company.type) : company.type;
  const capital = capitalText(company.registeredCapital, rng);
  const openEnd = rng.weighted(['长期', '无固定期限'], [5, 1]);
  const spread = rng.chance(0.25);
  const L = (words: readonly string[]) => spreadLabel(rng.pick(words), spread);
  const rows: Row[] = [];
  const codeMode = rng.weighted(['header', 'row', 'row-number'], [2, 2, 1]);
  if (codeMode !== 'header') rows.push({ label: '统一社会信用代码', value: company.creditCode, role: 'code' });
  if (codeMode === 'row-number') rows.push({ label: rng.pick(['证照编号', '电子营业执照编号', '执照编号']), value: number });
  rows.push({ label: L(['名称', '企业名称', '主体名称', '名称']), value: company.name });
  rows.push({ label: L(['类型', '主体类型', '企业类型', '类型']), value: type });
  const rep = { label: '法定代表人', value: company.legalRepresentative };
  const cap = { label: '注册资本', value: capital };
  rows.push(...(rng.chance(0.7) ? [rep, cap] : [cap, rep]));
  rows.push({ label: '成立日期', value: dateText(company.establishedOn, ds) });
  if (rng.chance(0.45)) {
    rows.push({ label: '营业期限自', value: dateText(company.establishedOn, ds) });
    rows.push({ label: '营业期限至', value: company.termUntil ? dateText(company.termUntil, ds) : openEnd });
  } else {
    rows.push({ label: '营业期限', value: termText(company.establishedOn, company.termUntil, ds, openEnd, rng.pick([' 至 ', '至', ' - '])) });
  }
  const address = { label: L(['住所', '住所', '企业住所']), value: company.address };
  const scope: Row = { label: '经营范围', value: company.businessScope, role: 'scope' };
  rows.push(...(rng.chance(0.75) ? [address, scope] : [scope, address]));
  const issuedLabel = rng.pick(['核发日期', '发照日期', '核准日期']);
  const footerAuthority = rng.chance(0.35);
  if (!footerAuthority) {
    rows.push({ label: '登记机关', value: company.registrationAuthority });
    rows.push({ label: issuedLabel, value: dateText(company.licenceIssuedOn, ds) });
  }

  const style = rng.weighted(['stacked', 'inline', 'inline-right'] as const, [2, 2, 1]);
  const labelSize = rng.float(11.5, 13.5);
  const valueSize = rng.float(13, 15.5);
  const valueWeight = rng.chance(0.3) ? ('bold' as const) : ('body' as const);
  const lineGap = rng.float(1.3, 1.55);
  const rowPad = rng.float(7, 12);
  const scopeLines = rng.chance(0.55) ? rng.int(2, 4) : null;
  const frame = rng.weighted(['none', 'gold', 'red', 'grey'] as const, [3, 2, 1, 2]);
  const background: Rgb = rng.pick([[244, 245, 247], [240, 241, 245], [255, 255, 255]] as const);
  const tabs = rng.chance(0.4);
  const banner = rng.weighted(['none', 'bar', 'watermark'] as const, [2, 2, 1]);
  const purpose = rng.pick(['江苏省企业质量信用等级认定申报', '企业质量信用等级认定', '质量信用等级认定材料提交']);
  const battery = rng.int(18, 100);
  const margin = rng.float(10, 16);
  const cardPad = rng.float(14, 20);
  const stampPlace = rng.pick(['card', 'below'] as const);
  const buttons = rng.pick([['亮照', '下载', '授权'], ['亮照'], ['出示执照', '亮照'], ['下载执照', '亮照'], ['亮照', '分享']] as const);
  const buttonFill: Rgb = rng.pick([[22, 119, 255], [18, 150, 219], [38, 103, 205]] as const);
  const barTop = 88 + (tabs ? 44 : 0) + (banner === 'bar' ? 34 : 0);
  const cardTop = barTop + margin;

  /**
   * Everything but the bottom bar, from the top; returns where it ends. `cardBottom` is
   * where the card's face ends (unknown on the first pass, when nothing of it is kept).
   */
  const content = async (c: Composer, r: Rng, cardBottom: number | null): Promise<number> => {
    c.rect(0, 0, W, c.height, { stroke: null, fill: background });
    if (cardBottom !== null) {
      const box = { x: margin, y: cardTop, width: W - 2 * margin, height: cardBottom - cardTop };
      c.rect(box.x, box.y, box.width, box.height, { stroke: frame === 'grey' ? RULE_GREY : null, fill: [255, 255, 255], width: 0.8 });
      if (frame === 'gold' || frame === 'red') {
        // A printed frame like the paper licence's: recorded, a seal finder must not take it for a seal.
        const colour: Rgb = frame === 'gold' ? GOLD : [204, 32, 40];
        c.rect(box.x + 5, box.y + 5, box.width - 10, box.height - 10, { stroke: colour, width: 1.6 });
        c.rect(box.x + 9, box.y + 9, box.width - 18, box.height - 18, { stroke: colour, width: 0.6 });
        c.addDecoy({ box: { x: box.x + 4, y: box.y + 4, width: box.width - 8, height: box.height - 8 }, kind: frame === 'gold' ? 'gold-border' : 'red-rule', colour: frame, text: null });
      }
    }
    // Status bar and title bar.
    c.rect(0, 0, W, 88, { stroke: null, fill: [255, 255, 255] });
    c.text(clock, ios ? 28 : 16, 15, { size: 15, weight: 'bold', color: [0, 0, 0] });
    const right = W - 16;
    c.rect(right - 24, 17, 22, 11, { stroke: [60, 60, 60], width: 1 });
    c.rect(right - 22.5, 18.5, 19 * (battery / 100), 8, { stroke: null, fill: battery < 20 ? [220, 50, 50] : [30, 30, 30] });
    c.rect(right - 1.5, 20, 1.5, 5, { stroke: null, fill: [60, 60, 60] });
    // From the right: battery, its percentage (a number in the chrome), network, signal bars.
    let x = right - 30;
    if (!ios || r.chance(0.4)) x = c.text(`${battery}%`, x, 16, { size: 11, color: [0, 0, 0], align: 'right' }).x - 6;
    x = c.text(r.pick(['5G', '4G', '5G', 'LTE']), x, 16, { size: 11, weight: 'bold', color: [0, 0, 0], align: 'right' }).x - 19;
    for (let i = 0; i < 4; i++) c.rect(x + i * 4.5, 27 - (i + 1) * 2.6, 3, (i + 1) * 2.6, { stroke: null, fill: i < 3 || r.chance(0.5) ? [0, 0, 0] : [190, 190, 190] });
    c.line(24, 58, 16, 66, 1.8, [20, 20, 20]);
    c.line(16, 66, 24, 74, 1.8, [20, 20, 20]);
    c.text('电子营业执照', W / 2, 57, { size: 17, weight: 'bold', color: [0, 0, 0], align: 'center' });
    if (r.chance(0.7)) {
      // The mini-program capsule: ··· and a ring.
      c.rect(W - 95, 51, 87, 30, { stroke: [218, 218, 222], width: 0.8, fill: [255, 255, 255] });
      c.text('···', W - 73, 55, { size: 14, weight: 'bold', color: [30, 30, 30], align: 'center' });
      c.line(W - 51, 57, W - 51, 75, 0.6, [218, 218, 222]);
      c.ellipse(W - 29, 66, 8, 8, { stroke: [30, 30, 30], width: 1.4 });
      c.ellipse(W - 29, 66, 2.6, 2.6, { stroke: null, fill: [30, 30, 30] });
    }
    let y = 88;
    if (tabs) {
      c.rect(0, y, W, 44, { stroke: null, fill: [255, 255, 255] });
      const names = ['执照信息', `亮照记录${r.chance(0.5) ? `(${r.int(1, 12)})` : ''}`, '授权管理'];
      names.forEach((t, i) => c.text(t, (W / 3) * (i + 0.5), y + 12, { size: 14, color: i === 0 ? LINK_BLUE : [90, 90, 90], align: 'center' }));
      c.rect(W / 6 - 16, y + 34, 32, 2.5, { stroke: null, fill: LINK_BLUE });
      y += 44;
    }
    if (banner === 'bar') {
      c.rect(0, y, W, 34, { stroke: null, fill: [255, 247, 222] });
      const text = `本照仅用于${purpose}，他用无效`;
      const size = Math.min(12.5, (W - 40) / [...text].length);
      c.text(text, 16, y + 17 - size * 0.55, { size, color: [173, 104, 0] });
      y += 34;
    }

    // The licence card.
    const inner = margin + cardPad;
    const iw = W - 2 * margin - 2 * cardPad;
    y = cardTop + cardPad + 4;
    const emblemD = r.float(40, 54);
    await addEmblem(c, r, W / 2, y + emblemD / 2, emblemD);
    y += emblemD + 8;
    const titleSize = r.float(24, 30);
    c.text(r.chance(0.6) ? '营 业 执 照' : '营业执照', W / 2, y, { size: titleSize, weight: 900, color: [0, 0, 0], align: 'center', spacing: r.float(1, 6) });
    y += titleSize * 1.35 + 6;
    if (codeMode === 'header') {
      c.text('统一社会信用代码', inner, y, { size: labelSize, color: LABEL_GREY });
      y += labelSize * 1.5;
      c.text(company.creditCode, inner, y, { size: valueSize + 1, weight: 'bold', color: VALUE_INK, spacing: 0.4 });
      y += (valueSize + 1) * 1.35;
      c.text(`${r.pick(['证照编号', '电子执照编号'])}：${number}`, inner, y, { size: labelSize - 1, color: LABEL_GREY });
      y += labelSize * 1.4 + rowPad;
      c.line(inner, y, inner + iw, y, 0.6, RULE_GREY);
    }
    const labelW = Math.max(...rows.map((row) => c.measure(row.label, labelSize))) + r.float(12, 22);
    for (const row of rows) {
      y += rowPad;
      const stacked = style === 'stacked';
      const vx = stacked ? inner : inner + labelW;
      const vw = stacked ? iw : iw - labelW;
      let lines = c.wrap(row.value, vw, valueSize, valueWeight);
      let more = false;
      if (row.role === 'scope' && scopeLines !== null && lines.length > scopeLines) {
        // Collapsed: the last line shown ends in … and a 展开 link.
        lines = lines.slice(0, scopeLines);
        let last = lines[scopeLines - 1]!;
        const room = vw - c.measure('…展开', valueSize) - 4;
        while (last && c.measure(last, valueSize, valueWeight) > room) last = [...last].slice(0, -1).join('');
        lines[scopeLines - 1] = `${last}…`;
        more = true;
      }
      const lh = valueSize * lineGap;
      if (stacked) {
        c.text(row.label, inner, y, { size: labelSize, color: LABEL_GREY });
        y += labelSize * 1.55;
      } else {
        c.text(row.label, inner, y + (valueSize - labelSize) / 2, { size: labelSize, color: LABEL_GREY });
      }
      const alignRight = style === 'inline-right' && lines.length === 1;
      lines.forEach((line, i) => {
        const box = c.text(line, alignRight ? inner + iw : vx, y + i * lh, {
          size: valueSize,
          weight: row.role === 'code' ? 'bold' : valueWeight,
          color: VALUE_INK,
          align: alignRight ? 'right' : 'left',
        });
        if (more && i === lines.length - 1) c.text('展开', box.x + box.width + 3, y + i * lh, { size: valueSize, color: LINK_BLUE });
      });
      y += (lines.length - 1) * lh + valueSize * 1.1;
      if (row.role === 'code' && codeMode === 'row') {
        // The licence's own number right under the code.
        y += 4;
        const text = `${r.pick(['证照编号', '执照编号'])}：${number}`;
        c.text(text, alignRight ? inner + iw : vx, y, { size: labelSize - 1.5, color: LABEL_GREY, align: alignRight ? 'right' : 'left' });
        y += labelSize;
      }
      y += rowPad;
      if (stacked || r.chance(0.85)) c.line(inner, y, inner + iw, y, 0.6, RULE_GREY);
    }
    if (footerAuthority) {
      // As on the paper licence: 登记机关, the authority and the date under it, but no seal.
      y += 16;
      const cx = inner + iw * r.float(0.6, 0.7);
      c.text('登记机关', cx, y, { size: labelSize + 1, weight: 'bold', color: VALUE_INK, align: 'center', spacing: 2 });
      y += labelSize * 1.9;
      c.text(company.registrationAuthority, Math.min(cx, inner + iw - c.measure(company.registrationAuthority, valueSize - 1) / 2), y, { size: valueSize - 1, color: VALUE_INK, align: 'center' });
      y += valueSize * 1.5;
      c.text(dateText(company.licenceIssuedOn, ds === 'iso' ? 'pad' : ds), cx, y, { size: valueSize - 1, color: VALUE_INK, align: 'center' });
      y += valueSize * 1.2;
    }
    y += 16;
    const qr = r.float(92, 128);
    qrLike(c, r, W / 2 - qr / 2, y, qr);
    y += qr + 8;
    c.text(r.pick(['扫一扫，核验电子营业执照', '请使用国家政务服务平台扫码核验', `二维码${r.int(30, 59)}秒后自动刷新`]), W / 2, y, { size: 11, color: LABEL_GREY, align: 'center' });
    y += 18;
    if (stampPlace === 'card') {
      c.text(stamp, W / 2, y, { size: 10.5, color: LABEL_GREY, align: 'center' });
      y += 16;
    }
    if (banner === 'watermark') {
      const text = `仅用于${purpose} 他用无效`;
      for (let wy = cardTop + 230; wy < y - 20; wy += 170) c.text(text, inner, wy, { size: 15, color: [150, 150, 150], opacity: 0.18, rotate: 28 });
    }
    y += cardPad;
    const bottom = y;
    if (stampPlace === 'below') c.text(stamp, W / 2, y + 10, { size: 10.5, color: LABEL_GREY, align: 'center' });
    return stampPlace === 'below' ? Math.max(bottom, y + 26) : bottom;
  };

  // Lay out once on a tall scratch page to learn how tall the screenshot is: a phone screen
  // when it fits, a long screenshot (长截图) when it does not. Both passes draw from the same
  // stream, so they lay out alike.
  const scratch = { top: 0, bottom: 0, left: 0, right: 0 };
  const probe = await Composer.create({ width: W, height: 4000 }, fonts, scratch);
  const end = await content(probe, rng.fork('draw'), null);
  const cardBottom = end - (stampPlace === 'below' ? 26 : 0);
  const bottomBar = ios ? 84 : 64;
  const H = Math.max(phone.height, Math.ceil(end + 12 + bottomBar));
  const c = await Composer.create({ width: W, height: H }, fonts, scratch);
  await content(c, rng.fork('draw'), cardBottom);
  // The bottom bar with the app's buttons.
  c.rect(0, H - bottomBar, W, bottomBar, { stroke: null, fill: [255, 255, 255] });
  c.line(0, H - bottomBar, W, H - bottomBar, 0.5, RULE_GREY);
  const gap = 12;
  const bw = (W - 32 - gap * (buttons.length - 1)) / buttons.length;
  buttons.forEach((label, i) => {
    const x = 16 + i * (bw + gap);
    const primary = i === buttons.length - 1 || buttons.length === 1;
    c.rect(x, H - bottomBar + 10, bw, 40, { stroke: primary ? null : buttonFill, fill: primary ? buttonFill : [255, 255, 255], width: 1 });
    c.text(label, x + bw / 2, H - bottomBar + 21, { size: 16, color: primary ? [255, 255, 255] : buttonFill, align: 'center' });
  });
  if (ios) c.rect(W / 2 - 67, H - 13, 134, 5, { stroke: null, fill: [10, 10, 10] });

  const pdf = await c.finish({ title: '电子营业执照', creationDate: new Date(`${shotDate}T${pad2(hh)}:${pad2(mm)}:${pad2(ss)}+08:00`), creator: ios ? 'iOS' : 'Android', producer: 'pdf-lib' });
  if (c.seals.length) throw new Error('licence-electronic: an electronic licence carries no seal');
  return {
    pdf,
    truth: {
      kind: 'business-license',
      layout: 'licence-electronic',
      title: '营业执照',
      uploadName: rng.pick(['电子营业执照.pdf', '营业执照（电子版）.pdf', `${company.shortName}电子营业执照.pdf`, `IMG_${rng.int(1000, 9999)}.pdf`, '营业执照.pdf']),
      company: { name: company.name, creditCode: company.creditCode, legalRepresentative: company.legalRepresentative },
      code: company.creditCode,
      codePrinted: true,
      fonts,
      pages: [{ width: W, height: H, dpi: 72 }],
      seals: c.seals,
      decoys: c.decoys,
      name: company.name,
      entityType: type,
      legalRepresentative: company.legalRepresentative,
      registeredCapital: capital,
      establishedOn: company.establishedOn,
      address: company.address,
      registrationAuthority: company.registrationAuthority,
      issuedOn: company.licenceIssuedOn,
      termUntil: company.termUntil,
      copy: '正本',
      orientation: 'portrait',
      entity: 'company',
    },
  };
}

async function buildBranch({ company, rng, fonts }: LayoutContext): Promise<BuiltDocument<BusinessLicenseTruth>> {
  // The portrait 副本 is the 2016 edition: only branches set up and licensed before 2019.
  const portrait = company.establishedOn < '2017-06-01' && rng.chance(0.35);
  const branch = makeBranch(company, rng, portrait ? { establishedBefore: '2018-05-31' } : {});
  const after = (iso: string, floor: string) => (addDays(iso, 20) > floor ? addDays(iso, 20) : floor);
  const issued = portrait ? randomDate(rng, after(branch.establishedOn, '2016-10-01'), '2018-12-28') : randomDate(rng, after(branch.establishedOn, '2019-03-01'), '2026-03-31');
  const copy = portrait || rng.chance(0.55) ? '副本' : '正本';
  const orientation = portrait ? 'portrait' : 'landscape';
  const c = await Composer.create(portrait ? A4 : A4_LANDSCAPE, fonts, { top: 40, bottom: 40, left: 40, right: 40 });
  const W = c.width;
  const mid = W / 2;
  const ink: Rgb = [0, 0, 0];
  goldBorder(c, rng.float(16, 22), rng.float(14, 17));

  const spread = rng.chance(0.7);
  const labelSize = rng.float(11, 12.5);
  const valueSize = rng.float(10.5, 11.5);
  const labelWeight = rng.chance(0.8) ? ('bold' as const) : ('body' as const);
  const lh = valueSize * rng.float(1.45, 1.65);
  const labels = ['名称', '类型', '负责人', '营业场所', '成立日期', '营业期限', '经营范围'].map((l) => spreadLabel(l, spread));
  const labelCol = Math.max(...labels.map((l) => c.measure(l, labelSize, labelWeight))) + rng.float(10, 22);
  const field = (label: string, value: string, x: number, y: number, width: number, lineHeight = lh): number => {
    c.text(spreadLabel(label, spread), x, y, { size: labelSize, weight: labelWeight, color: ink });
    const lines = c.wrap(value, width, valueSize);
    lines.forEach((line, i) => c.text(line, x + labelCol, y + (labelSize - valueSize) / 2 + i * lineHeight, { size: valueSize, color: ink }));
    return y + Math.max(1, lines.length) * lineHeight + rng.float(6, 11);
  };
  const term = termText(branch.establishedOn, branch.termUntil, 'pad');
  const division = branch.creditCode.slice(2, 8);

  /** The code under its label or after it on the same line, and the long numbers printed near it. */
  const codeBlock = (x: number, y: number, codeSize: number): number => {
    const label = '统一社会信用代码';
    if (rng.chance(0.5)) {
      c.text(label, x, y, { size: labelSize - 0.5, weight: 'bold', color: ink });
      y += labelSize * 1.5;
      c.text(branch.creditCode, x, y, { size: codeSize, weight: 'bold', color: ink, spacing: rng.float(0.3, 1) });
      y += codeSize * 1.5;
    } else {
      const box = c.text(label, x, y, { size: labelSize, weight: 'bold', color: ink });
      c.text(branch.creditCode, box.x + box.width + rng.float(8, 20), y - (codeSize - labelSize) / 2, { size: codeSize, weight: 'bold', color: ink, spacing: rng.float(0, 0.8) });
      y += codeSize * 1.6;
    }
    if (rng.chance(portrait ? 0.45 : 0.2)) {
      c.text(`注册号：${registrationNumber(rng, division)}`, x, y, { size: 8.5, color: ink });
      y += 12;
    }
    if (rng.chance(0.6)) {
      c.text(`${rng.pick(['证照编号', '副本编号'])}：${licenceNumber(rng, division, issued.slice(0, 4))}`, x, y, { size: 8, color: ink });
      y += 12;
    }
    return y;
  };

  let sealCx: number;
  let sealCy: number;
  let stampArea: { x0: number; x1: number; y0: number; y1: number };
  if (!portrait) {
    const emblemY = rng.float(72, 82);
    await addEmblem(c, rng, mid, emblemY, rng.float(50, 58));
    const titleY = emblemY + rng.float(30, 36);
    const titleSize = rng.float(34, 40);
    c.text('营 业 执 照', mid, titleY, { size: titleSize, weight: 900, color: ink, align: 'center', spacing: rng.float(4, 8) });
    if (copy === '副本') {
      c.text('（副　　本）', mid, titleY + titleSize + 10, { size: 14, color: ink, align: 'center' });
      if (rng.chance(0.6)) c.text(rng.pick([`副本编号：1-${rng.int(1, 3)}`, `(1-${rng.int(1, 2)})`]), mid, titleY + titleSize + 32, { size: 9, color: ink, align: 'center' });
    }
    const lx = rng.float(60, 76);
    codeBlock(lx, rng.float(62, 74), rng.float(13.5, 16));
    const qr = rng.float(70, 80);
    qrLike(c, rng, W - 72 - qr, 56, qr);
    c.wrap('扫描二维码登录“国家企业信用信息公示系统”了解更多登记、备案、许可、监管信息。', qr + 24, 6.5).forEach((line, i) =>
      c.text(line, W - 84 - qr, 62 + qr + i * 9, { size: 6.5, color: ink }),
    );
    const rx = rng.float(438, 468);
    const top = rng.float(206, 222);
    let left = top;
    left = field('名称', branch.name, lx, left, rx - lx - labelCol - 24);
    left = field('类型', branch.type, lx, left, rx - lx - labelCol - 24);
    left = field('负责人', branch.head, lx, left, rx - lx - labelCol - 24);
    let right = top;
    const placeFirst = rng.chance(0.3);
    if (placeFirst) right = field('营业场所', branch.address, rx, right, W - 70 - rx - labelCol);
    right = field('成立日期', dateText(branch.establishedOn, 'pad'), rx, right, W - 70 - rx - labelCol);
    right = field('营业期限', term, rx, right, W - 70 - rx - labelCol);
    if (!placeFirst) right = field('营业场所', branch.address, rx, right, W - 70 - rx - labelCol);
    field('经营范围', branch.businessScope, lx, left, rx - lx - labelCol - 24, valueSize * 1.35);
    const authX = rng.float(512, 540);
    const authY = rng.float(448, 462);
    c.text(rng.pick(['登 记 机 关', '登记机关']), authX, authY, { size: 13, weight: 'bold', color: ink });
    const dateX = authX + rng.float(120, 150);
    const dateY = authY + rng.float(36, 44);
    c.text(`${issued.slice(0, 4)}  年  ${issued.slice(5, 7)}  月  ${issued.slice(8, 10)}  日`, dateX, dateY, { size: 12, color: ink, align: 'center' });
    sealCx = dateX + rng.float(-12, 12);
    sealCy = dateY - 4 + rng.float(-10, 8);
    c.text('国家企业信用信息公示系统网址：http://www.gsxt.gov.cn', 70, 530, { size: 8, color: ink });
    c.text('市场主体应当于每年1月1日至6月30日通过国家企业信用信息公示系统报送公示年度报告。', 70, 543, { size: 8, color: ink });
    c.text('国家市场监督管理总局监制', W - 70, 545, { size: 8, color: ink, align: 'right' });
    stampArea = { x0: 250, x1: 400, y0: 420, y1: 470 };
  } else {
    await addEmblem(c, rng, mid, rng.float(76, 84), rng.float(50, 56));
    const titleSize = rng.float(32, 36);
    c.text('营 业 执 照', mid, 114, { size: titleSize, weight: 900, color: ink, align: 'center', spacing: 5 });
    c.text('（副　　本）', mid, 162, { size: 13, color: ink, align: 'center' });
    if (rng.chance(0.75)) c.text(`(1-${rng.int(1, 2)})`, W - 70, 196, { size: 10, color: ink, align: 'right' });
    const qr = rng.float(58, 66);
    qrLike(c, rng, W - 70 - qr, 44, qr);
    const x = rng.float(70, 84);
    let y = codeBlock(x, rng.float(190, 200), rng.float(11.5, 13)) + rng.float(14, 26);
    const width = W - x - labelCol - 80;
    y = field('名称', branch.name, x, y, width);
    y = field('类型', branch.type, x, y, width);
    y = field('营业场所', branch.address, x, y, width);
    y = field('负责人', branch.head, x, y, width);
    y = field('成立日期', dateText(branch.establishedOn, 'pad'), x, y, width);
    y = field('营业期限', term, x, y, width);
    field('经营范围', branch.businessScope, x, y, width, valueSize * 1.4);
    const authY = rng.float(660, 676);
    c.text(rng.pick(['登 记 机 关', '登记机关']), rng.float(320, 340), authY, { size: 13, weight: 'bold', color: ink });
    const dateX = rng.float(430, 450);
    c.text(`${issued.slice(0, 4)} 年 ${issued.slice(5, 7)} 月 ${issued.slice(8, 10)} 日`, dateX, authY + 50, { size: 12, color: ink, align: 'center' });
    sealCx = dateX + rng.float(-10, 10);
    sealCy = authY + 42 + rng.float(-8, 8);
    c.text('企业信用信息公示系统网址：http://www.gsxt.gov.cn', mid, 776, { size: 8, color: ink, align: 'center' });
    c.text('中华人民共和国国家工商行政管理总局监制', mid, 790, { size: 8, color: ink, align: 'center' });
    stampArea = { x0: 170, x1: 290, y0: 560, y1: 620 };
  }
  await addSeal(c, rng, sealCx, sealCy, {
    role: 'registration-authority',
    text: branch.registrationAuthority,
    diameterMm: 42,
    weight: 700,
    faded: rng.chance(0.12),
  });
  await applicantStamps(c, rng, { text: branch.name, sealNumber: branch.sealNumber }, stampArea);

  const pdf = await c.finish({ title: '营业执照', creationDate: new Date(`${issued}T10:00:00+08:00`), creator: 'Scanner', producer: 'pdf-lib' });
  return {
    pdf,
    truth: {
      kind: 'business-license',
      layout: 'licence-branch',
      title: '营业执照',
      uploadName: rng.pick(['营业执照.pdf', '分公司营业执照.pdf', `${branch.name}营业执照.pdf`, '营业执照副本（分公司）.pdf', '01营业执照.pdf']),
      company: { name: branch.name, creditCode: branch.creditCode, legalRepresentative: branch.head },
      code: branch.creditCode,
      codePrinted: true,
      fonts,
      pages: [{ width: c.width, height: c.height, dpi: 72 }],
      seals: c.seals,
      decoys: c.decoys,
      name: branch.name,
      entityType: branch.type,
      legalRepresentative: branch.head,
      registeredCapital: '',
      establishedOn: branch.establishedOn,
      address: branch.address,
      registrationAuthority: branch.registrationAuthority,
      issuedOn: issued,
      termUntil: branch.termUntil,
      copy,
      orientation,
      entity: 'branch',
    },
  };
}

export const DEV_LICENCE_LAYOUTS: readonly BusinessLicenseLayout[] = [
  {
    id: 'licence-electronic',
    kind: 'business-license',
    group: 'dev',
    description: 'A phone screenshot of the 电子营业执照 app: status and title bars, label/value rows (stacked or side by side), a QR code, 亮照 buttons, the screenshot time and the licence number as decoys, no seal.',
    build: buildElectronic,
  },
  {
    id: 'licence-branch',
    kind: 'business-license',
    group: 'dev',
    description: "A 分公司's paper licence (2019 landscape or 2016 portrait 副本): 负责人 and 营业场所, no 注册资本, the branch's own code, the authority's seal over the date.",
    build: buildBranch,
  },
];
