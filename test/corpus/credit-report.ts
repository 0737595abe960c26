/**
 * 专项信用报告 from 信用江苏 (two to three pages): report number, the company and its code,
 * the query period (from … to), generation time, query domains (全选 or a partial list),
 * whether 简易处罚 is included, registration details, administrative records (无, or a table
 * of 行政处罚 / 简易处罚 records), blacklists, and the issuer's red seal on the last page.
 */
import { A4, Composer, type Rgb } from './compose.js';
import type { CorpusCompany } from './companies.js';
import type { FontChoice } from './fonts.js';
import { addSeal, qrLike, redHeading, watermark } from './parts.js';
import { addDays, addMonths, randomDate, zhDate, type Rng } from './random.js';
import type { BuiltDocument, CreditRecordTruth, CreditReportTruth } from './types.js';

export const CREDIT_DOMAINS = [
  '市场监管', '税务', '生态环境', '人力资源和社会保障', '住房和城乡建设', '交通运输', '应急管理', '海关', '统计',
  '消防救援', '文化和旅游', '卫生健康', '农业农村', '水利', '自然资源', '商务', '医疗保障', '发展改革',
] as const;

const BLUE: Rgb = [22, 78, 160];

const PENALTY_REASONS: Record<string, string[]> = {
  市场监管: ['生产销售标签不符合规定的产品', '未按规定公示年度报告', '使用未经检定的计量器具', '发布虚假广告'],
  生态环境: ['未按规定设置危险废物识别标志', '大气污染防治设施未正常运行'],
  应急管理: ['未按规定开展安全生产教育培训', '未如实记录安全生产教育和培训情况'],
  税务: ['未按期进行纳税申报', '丢失发票'],
  消防救援: ['消防设施、器材未保持完好有效', '占用疏散通道'],
};

export async function buildCreditReport(company: CorpusCompany, rng: Rng, fonts: FontChoice): Promise<BuiltDocument<CreditReportTruth>> {
  const c = await Composer.create(A4, fonts, { top: 92, bottom: 70, left: 64, right: 64 });
  // When and for which period.
  const generatedDay = randomDate(rng, '2026-05-18', '2026-07-10');
  const generatedAt = `${generatedDay} ${String(rng.int(8, 20)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}`;
  const to = rng.chance(0.5) ? generatedDay : addDays(generatedDay, -rng.int(1, 6));
  const months = rng.weighted([36, 12, 24, 6, 3], [5, 3, 1, 1, 1]);
  const from = addDays(addMonths(to, -months), 1);
  const reportNumber = `JSXY${generatedDay.replaceAll('-', '')}${rng.chars('0123456789', 6)}`;
  const simplePenaltyIncluded = rng.chance(0.75);
  const allDomains = rng.chance(0.7);
  const domains = allDomains ? [...CREDIT_DOMAINS] : rng.sample(CREDIT_DOMAINS, rng.int(3, 7)).sort((a, b) => CREDIT_DOMAINS.indexOf(a) - CREDIT_DOMAINS.indexOf(b));

  // Records in the period.
  const records: (CreditRecordTruth & { reason: string; result: string })[] = [];
  const recordCount = rng.weighted([0, 1, 2, 3], [6, 2, 1, 1]);
  for (let i = 0; i < recordCount; i++) {
    const simple = simplePenaltyIncluded && rng.chance(0.4);
    const penaltyDomains = Object.keys(PENALTY_REASONS).filter((d) => domains.includes(d as (typeof CREDIT_DOMAINS)[number]));
    // A partial query may include none of the domains that give penalties: then no records.
    if (!penaltyDomains.length) break;
    const domain = rng.pick(penaltyDomains);
    const date = randomDate(rng, from, to);
    const authority = domain === '市场监管' ? company.registrationAuthority : `${company.district.city}${domain === '生态环境' ? '生态环境局' : domain === '应急管理' ? '应急管理局' : domain === '税务' ? '税务局' : '消防救援支队'}`;
    const prefix = { 市场监管: '市监', 生态环境: '环', 应急管理: '应急', 税务: '税', 消防救援: '消' }[domain] ?? '';
    records.push({
      type: simple ? '简易处罚' : '行政处罚',
      decisionNumber: `${company.district.city.slice(0, 1)}${prefix}${simple ? '简罚' : '罚'}〔${date.slice(0, 4)}〕${rng.int(3, 980)}号`,
      date,
      authority,
      reason: rng.pick(PENALTY_REASONS[domain]!),
      result: simple ? rng.pick(['警告', '罚款人民币200元', '罚款人民币500元']) : rng.pick(['警告，罚款人民币5000元', '罚款人民币10000元', '罚款人民币20000元，没收违法所得', '警告']),
    });
  }
  records.sort((a, b) => a.date.localeCompare(b.date));

  const GREYISH: Rgb = [120, 120, 120];
  const redLogo = rng.chance(0.35);
  const header = (cc: Composer) => {
    if (redLogo) redHeading(cc, '信用江苏', 64, 36, 17, { align: 'left', weight: 900 });
    else cc.text('信用江苏', 64, 36, { size: 17, weight: 900, color: BLUE });
    cc.text('CREDIT JIANGSU', 64, 57, { size: 6.5, color: GREYISH });
    cc.text(`报告编号：${reportNumber}`, c.width - 64, 44, { size: 8.5, align: 'right' });
    cc.line(64, 70, c.width - 64, 70, 1.2, BLUE);
  };
  header(c);
  c.onNewPage = header;
  const withWatermark = rng.chance(0.6);
  c.footer = (cc, page, total) => {
    if (withWatermark) watermark(cc, '信用江苏');
    cc.text(`第 ${page} 页 共 ${total} 页`, cc.width / 2, cc.height - 44, { size: 8.5, align: 'center', color: GREYISH });
  };

  const body = (text: string, after = 2) => c.para(text, { size: 10, lineHeight: 17, indent: 2, after });
  const section = (text: string) => {
    c.ensure(60);
    c.gap(6);
    c.para(text, { size: 12.5, weight: 'bold', lineHeight: 22, align: 'left', after: 2 });
  };
  const sub = (text: string) => c.para(text, { size: 10.5, weight: 'bold', lineHeight: 19, align: 'left' });

  c.gap(8);
  c.para(rng.pick(['专项信用报告', '专项信用报告（企业版）']), { size: 24, weight: 'bold', align: 'center', lineHeight: 36, spacing: 2, after: 4 });
  c.para('（法人和非法人组织）', { size: 11, align: 'center', lineHeight: 18, after: 10 });
  const label = (t: string) => ({ text: t, bold: true, align: 'center' as const });
  c.table(
    [
      [label('企业名称'), company.name],
      [label('统一社会信用代码'), company.creditCode],
      [label('查询时间段'), `${from} 至 ${to}`],
      [label('查询领域'), allDomains ? `全选（${domains.length}个领域）` : domains.join('、')],
      [label('简易处罚'), simplePenaltyIncluded ? '是' : '否'],
      [label('报告生成时间'), generatedAt],
      [label('报告用途'), rng.pick(['企业质量信用等级认定', '评优评先', '其他'])],
    ],
    { widths: [130, 337], size: 10, lineHeight: 16, padY: 6 },
  );
  c.gap(10);
  sub('报告说明');
  body('1．本报告依据江苏省公共信用信息系统截至报告生成时间归集的信息生成，所载信息由各信息提供单位负责。');
  body(`2．本报告仅反映查询时间段（${zhDate(from)}至${zhDate(to)}）内的信用信息${simplePenaltyIncluded ? '，含适用简易程序作出的行政处罚信息' : '，不含适用简易程序作出的行政处罚信息'}。`);
  body('3．本报告仅供申请人用于报告用途所列事项，不得用于其他用途；报告内容未经许可不得擅自向第三方披露。');
  body('4．报告真伪可扫描右下方二维码或登录“信用江苏”网站（credit.jiangsu.gov.cn）输入报告编号核验。');
  qrLike(c, rng, c.width - 64 - 62, c.y + 4, 62);
  c.gap(74);

  section('一、基本信息');
  c.table(
    [
      [label('企业名称'), company.name, label('统一社会信用代码'), company.creditCode],
      [label('法定代表人'), company.legalRepresentative, label('成立日期'), company.establishedOn],
      [label('企业类型'), company.type, label('注册资本'), company.registeredCapital],
      [label('登记机关'), company.registrationAuthority, label('登记状态'), '存续（在营、开业、在册）'],
      [label('住所'), { text: company.address }, label('核准日期'), company.licenceIssuedOn],
    ],
    { widths: [78, 160, 92, 137], size: 9.5, lineHeight: 15, padY: 5 },
  );

  section('二、行政管理信息');
  sub('（一）行政许可信息');
  const permits = rng.int(0, 3);
  if (permits === 0) body('查询时间段内无相关信息。');
  else {
    c.table(
      [
        ['序号', '许可决定文书号', '许可内容', '许可机关', '许可决定日期'],
        ...Array.from({ length: permits }, (_, i) => {
          const date = randomDate(rng, from, to);
          return [
            String(i + 1),
            `${company.district.city.slice(0, 1)}审批〔${date.slice(0, 4)}〕${rng.int(10, 900)}号`,
            rng.pick(['排污许可', '工业产品生产许可证', '食品生产许可', '第二类医疗器械生产备案', '取水许可', '特种设备使用登记']),
            rng.pick([company.registrationAuthority, `${company.district.city}生态环境局`, `${company.district.city}行政审批局`]),
            date,
          ];
        }),
      ],
      { widths: [30, 120, 110, 120, 87], headerRows: 1, size: 8.5, lineHeight: 13, headerFill: [232, 238, 248], aligns: ['center', 'left', 'left', 'left', 'center'] },
    );
  }
  c.gap(4);
  sub('（二）行政处罚信息');
  const main = records.filter((r) => r.type === '行政处罚');
  const simple = records.filter((r) => r.type === '简易处罚');
  const recordTable = (rows: typeof records) =>
    c.table(
      [
        ['序号', '处罚决定书文号', '违法事由', '处罚结果', '处罚机关', '处罚决定日期'],
        ...rows.map((r, i) => [String(i + 1), r.decisionNumber, r.reason, r.result, r.authority, r.date]),
      ],
      { widths: [28, 92, 100, 86, 92, 69], headerRows: 1, size: 8.5, lineHeight: 13, headerFill: [232, 238, 248], aligns: ['center', 'left', 'left', 'left', 'left', 'center'] },
    );
  if (main.length === 0) body('查询时间段内无相关信息。');
  else recordTable(main);
  c.gap(4);
  if (simplePenaltyIncluded) {
    sub('（三）简易处罚信息');
    if (simple.length === 0) body('查询时间段内无相关信息。');
    else recordTable(simple);
  }

  section('三、失信信息');
  c.table(
    [
      ['信息类别', '查询结果'],
      ['严重失信主体名单', '无'],
      ['经营异常名录', '无'],
      ['重大税收违法失信主体', '无'],
      ['失信被执行人', '无'],
      ['政府采购严重违法失信行为记录名单', '无'],
    ],
    { widths: [260, 207], headerRows: 1, size: 9.5, lineHeight: 15, headerFill: [232, 238, 248], aligns: ['left', 'center'] },
  );
  section('四、守信激励信息');
  if (rng.chance(0.5)) body(`${rng.pick(['纳税信用A级纳税人', '海关高级认证企业', '江苏省守合同重信用企业'])}（${rng.int(2023, 2025)}年度）。`);
  else body('查询时间段内无相关信息。');

  c.gap(8);
  c.para('（以下无正文）', { size: 10, align: 'center', lineHeight: 18 });
  c.ensure(150);
  c.gap(30);
  const issuerX = c.width - 150;
  c.text('出具单位：江苏省公共信用信息中心', issuerX + 60, c.y, { size: 10.5, align: 'right' });
  c.text(zhDate(generatedDay), issuerX + 20, c.y + 24, { size: 10.5, align: 'center' });
  const seal = rng.weighted(['centre', 'centre-faded', 'none'], [8, 2, 1]);
  if (seal !== 'none') {
    await addSeal(c, rng, issuerX + rng.float(-10, 20), c.y + rng.float(0, 20), {
      role: 'credit-centre',
      text: '江苏省公共信用信息中心',
      centerText: rng.chance(0.6) ? '信用报告专用章' : null,
      diameterMm: 42,
      weight: 700,
      faded: seal === 'centre-faded',
      wear: rng.float(0.05, 0.2),
    });
  }

  const pdf = await c.finish({ title: '专项信用报告', creationDate: new Date(`${generatedAt.replace(' ', 'T')}+08:00`), creator: '信用江苏', producer: 'iText' });
  return {
    pdf,
    truth: {
      kind: 'credit-report',
      title: '专项信用报告',
      uploadName: rng.pick(['专项信用报告.pdf', `${company.shortName}信用报告.pdf`, `${reportNumber}.pdf`, '信用报告（近三年）.pdf']),
      company: { name: company.name, creditCode: company.creditCode, legalRepresentative: company.legalRepresentative },
      code: company.creditCode,
      codePrinted: true,
      fonts,
      pages: Array.from({ length: c.pageCount }, () => ({ width: c.width, height: c.height, dpi: 72 })),
      seals: c.seals,
      decoys: c.decoys,
      reportNumber,
      from,
      to,
      generatedAt,
      simplePenaltyIncluded,
      allDomains,
      domains,
      recordsCount: records.length,
      records: records.map(({ type, decisionNumber, date, authority }) => ({ type, decisionNumber, date, authority })),
      months,
      periodPage: 1,
      layout: 'report-xinyong-table',
    },
  };
}
