/**
 * 营业执照: the 2019 landscape layout (正本 or 副本) or the older portrait 副本. A gold frame,
 * a red national-emblem-like decoy at the top centre, the title, the credit code, the
 * registration items in two columns, a QR-like code, and 登记机关 with the authority's red
 * round seal over the date. Copies applicants upload are often stamped 与原件一致 with the
 * company's own seal, or 仅供…使用.
 */
import { A4, A4_LANDSCAPE, Composer } from './compose.js';
import type { CorpusCompany } from './companies.js';
import type { FontChoice } from './fonts.js';
import { addEmblem, addRectStamp, addSeal, companySeal, goldBorder, qrLike } from './parts.js';
import { addDays, randomDate, zhDate, type Rng } from './random.js';
import type { BuiltDocument, BusinessLicenseTruth } from './types.js';

export async function buildBusinessLicense(company: CorpusCompany, rng: Rng, fonts: FontChoice): Promise<BuiltDocument<BusinessLicenseTruth>> {
  // The portrait 副本 is the 2016 edition: only companies that existed then, issued before 2019.
  const orientation = company.establishedOn < '2018-06-01' && rng.chance(0.3) ? 'portrait' : 'landscape';
  const copy = orientation === 'portrait' || rng.chance(0.6) ? '副本' : '正本';
  const c = await Composer.create(orientation === 'landscape' ? A4_LANDSCAPE : A4, fonts, { top: 40, bottom: 40, left: 40, right: 40 });
  goldBorder(c, 18, 16);
  const W = c.width;
  const mid = W / 2;
  const issued = orientation === 'portrait' ? randomDate(rng, company.establishedOn > '2016-10-01' ? addDays(company.establishedOn, 20) : '2016-10-01', '2018-12-28') : company.licenceIssuedOn;
  const term = company.termUntil ? `${zhDate(company.establishedOn, true)} 至 ${zhDate(company.termUntil, true)}` : `${zhDate(company.establishedOn, true)} 至 长期`;
  const ink = [0, 0, 0] as const;
  const labelSize = orientation === 'landscape' ? 11.5 : 11;
  const valueSize = orientation === 'landscape' ? 11 : 10.5;
  const field = (label: string, value: string, x: number, y: number, valueWidth: number, lh = valueSize * 1.6): number => {
    c.text(label, x, y, { size: labelSize, weight: 'bold', color: ink, spacing: label.length < 4 ? 0 : 0 });
    const lines = c.wrap(value, valueWidth, valueSize);
    lines.forEach((line, i) => c.text(line, x + 84, y + i * lh, { size: valueSize, color: ink }));
    return y + Math.max(1, lines.length) * lh + 8;
  };

  let sealCx: number;
  let sealCy: number;
  if (orientation === 'landscape') {
    await addEmblem(c, rng, mid, 78, 56);
    c.text('营 业 执 照', mid, 112, { size: 38, weight: 900, color: ink, align: 'center', spacing: 6 });
    if (copy === '副本') {
      c.text('（副　　本）', mid, 162, { size: 14, color: ink, align: 'center' });
      c.text(`副本编号：1-${rng.int(1, 3)}`, mid, 184, { size: 9, color: ink, align: 'center' });
    }
    c.text('统一社会信用代码', 70, 72, { size: 11, weight: 'bold', color: ink });
    c.text(company.creditCode, 70, 90, { size: 15, weight: 'bold', color: ink, spacing: 0.8 });
    c.text(`证照编号：${company.creditCode.slice(2, 8)}${rng.chars('0123456789', 14)}`, 70, 114, { size: 8, color: ink });
    qrLike(c, rng, W - 150, 58, 76);
    c.wrap('扫描二维码登录“国家企业信用信息公示系统”了解更多登记、备案、许可、监管信息。', 96, 6.5).forEach((line, i) =>
      c.text(line, W - 160, 140 + i * 9, { size: 6.5, color: ink }),
    );
    let left = 214;
    left = field('名　　称', company.name, 70, left, 250);
    left = field('类　　型', company.type, 70, left, 250);
    left = field('法定代表人', company.legalRepresentative, 70, left, 250);
    field('经营范围', company.businessScope, 70, left, 250, 14.5);
    let right = 214;
    right = field('注册资本', company.registeredCapital, 450, right, 240);
    right = field('成立日期', zhDate(company.establishedOn, true), 450, right, 240);
    right = field('营业期限', term, 450, right, 240);
    field('住　　所', company.address, 450, right, 240);
    c.text('登 记 机 关', 520, 458, { size: 13, weight: 'bold', color: ink });
    const date = `${issued.slice(0, 4)}  年  ${issued.slice(5, 7)}  月  ${issued.slice(8, 10)}  日`;
    c.text(date, 660, 498, { size: 12, color: ink, align: 'center' });
    sealCx = 660 + rng.float(-12, 12);
    sealCy = 492 + rng.float(-10, 8);
    c.text('国家企业信用信息公示系统网址：http://www.gsxt.gov.cn', 70, 530, { size: 8, color: ink });
    c.text('市场主体应当于每年1月1日至6月30日通过国家企业信用信息公示系统报送公示年度报告。', 70, 543, { size: 8, color: ink });
    c.text('国家市场监督管理总局监制', W - 70, 545, { size: 8, color: ink, align: 'right' });
  } else {
    await addEmblem(c, rng, mid, 80, 54);
    c.text('营 业 执 照', mid, 116, { size: 34, weight: 900, color: ink, align: 'center', spacing: 5 });
    c.text('（副　　本）', mid, 162, { size: 13, color: ink, align: 'center' });
    c.text(`统一社会信用代码  ${company.creditCode}`, 70, 200, { size: 11.5, weight: 'bold', color: ink });
    c.text(`(1-${rng.int(1, 2)})`, W - 70, 200, { size: 10, color: ink, align: 'right' });
    qrLike(c, rng, W - 130, 44, 62);
    let y = 240;
    y = field('名　　称', company.name, 80, y, 330);
    y = field('类　　型', company.type, 80, y, 330);
    y = field('住　　所', company.address, 80, y, 330);
    y = field('法定代表人', company.legalRepresentative, 80, y, 330);
    y = field('注册资本', company.registeredCapital, 80, y, 330);
    y = field('成立日期', zhDate(company.establishedOn, true), 80, y, 330);
    y = field('营业期限', term, 80, y, 330);
    field('经营范围', company.businessScope, 80, y, 330, 15);
    c.text('登 记 机 关', 330, 668, { size: 13, weight: 'bold', color: ink });
    c.text(`${issued.slice(0, 4)} 年 ${issued.slice(5, 7)} 月 ${issued.slice(8, 10)} 日`, 440, 718, { size: 12, color: ink, align: 'center' });
    sealCx = 440 + rng.float(-10, 10);
    sealCy = 708 + rng.float(-8, 8);
    c.text('企业信用信息公示系统网址：http://www.gsxt.gov.cn', mid, 776, { size: 8, color: ink, align: 'center' });
    c.text('中华人民共和国国家工商行政管理总局监制', mid, 790, { size: 8, color: ink, align: 'center' });
  }
  await addSeal(c, rng, sealCx, sealCy, {
    role: 'registration-authority',
    text: company.registrationAuthority,
    diameterMm: 42,
    weight: 700,
    faded: rng.chance(0.12),
  });

  // What applicants add to a copy before uploading it.
  const extra = rng.weighted(['none', 'certified', 'restricted', 'both'], [4, 3, 2, 1]);
  if (extra === 'certified' || extra === 'both') {
    const x = orientation === 'landscape' ? rng.float(250, 400) : rng.float(180, 300);
    const y = orientation === 'landscape' ? rng.float(420, 470) : rng.float(560, 620);
    await addRectStamp(c, rng, x, y, ['与原件一致'], 13);
    await addSeal(c, rng, x + rng.float(30, 70), y + rng.float(-15, 20), companySeal(company, rng, { faded: rng.chance(0.15) }));
  }
  if (extra === 'restricted' || extra === 'both') {
    const x = orientation === 'landscape' ? rng.float(180, 330) : rng.float(150, 300);
    const y = orientation === 'landscape' ? rng.float(300, 360) : rng.float(380, 480);
    await addRectStamp(c, rng, x, y, ['仅供质量信用等级认定使用', '再复印无效'], 11);
  }

  const pdf = await c.finish({ title: '营业执照', creationDate: new Date(`${issued}T09:00:00+08:00`), creator: 'Scanner', producer: 'pdf-lib' });
  return {
    pdf,
    truth: {
      kind: 'business-license',
      title: '营业执照',
      uploadName: rng.pick(['营业执照.pdf', '营业执照副本.pdf', `${company.shortName}营业执照.pdf`, '01营业执照.pdf']),
      company: { name: company.name, creditCode: company.creditCode, legalRepresentative: company.legalRepresentative },
      code: company.creditCode,
      codePrinted: true,
      fonts,
      pages: [{ width: c.width, height: c.height, dpi: 72 }],
      seals: c.seals,
      decoys: c.decoys,
      name: company.name,
      entityType: company.type,
      legalRepresentative: company.legalRepresentative,
      registeredCapital: company.registeredCapital,
      establishedOn: company.establishedOn,
      address: company.address,
      registrationAuthority: company.registrationAuthority,
      issuedOn: issued,
      termUntil: company.termUntil,
      copy,
      orientation,
      entity: 'company',
      layout: 'licence-saic-2019',
    },
  };
}
