/**
 * Evidence documents for the 11 indicator windows of 附件2, several kinds per window.
 *
 * The wording is grounded in each window's scoring bullets (catalogue.ts) so a content
 * classifier has a fair chance, but templates, phrasing and layouts vary (certificates,
 * 红头 documents, reports with covers, forms and registers), and many documents use
 * neighbouring vocabulary, so nothing is keyword-identical to the bullets.
 */
import type { IndicatorId } from '../../src/domain/catalogue.js';
import type { Composer } from './compose.js';
import { personName, type CorpusCompany } from './companies.js';
import type { FontChoice } from './fonts.js';
import {
  certificate, companySeal, controlledStamp, cover, docTitle, makeWriter, portrait, redHead, signOff,
  BLUE_DARK, GREEN_DARK, type Ctx, type Writer,
} from './evidence-kit.js';
import { addRectStamp, addSeal } from './parts.js';
import { addDays, addMonths, randomDate, zhDate, type Rng } from './random.js';
import type { BuiltDocument, EvidenceTruth } from './types.js';

interface Made {
  c: Composer;
  title: string;
  issuer: string;
  date: string;
  codePrinted: boolean;
  uploadName: string;
  /** Bullet orders this particular document supports (when it depends on the variant drawn). */
  bullets?: number[];
}

export interface EvidenceTemplate {
  id: string;
  window: IndicatorId;
  /** Scoring bullet orders (1-based) the document supports. */
  bullets: number[];
  make(ctx: Ctx): Promise<Made>;
}

const VALUES = ['诚信为本、质量第一', '精益求精、追求卓越', '以质取信、以诚立业', '客户至上、品质为先', '质量是企业的生命线'];
const POLICIES = ['诚信守法、质量为本、持续改进、顾客满意', '精细制造、诚信经营、全员参与、追求卓越', '以质量求生存、以信誉求发展、以创新求突破', '守信践诺、精益求精、预防为主、持续提升'];
const DEPARTMENTS = ['质量部', '生产部', '技术部', '采购部', '销售部', '售后服务部', '设备部', '人力资源部', '综合管理部', '财务部'];
const CERT_BODIES = ['华信认证（江苏）有限公司', '苏标质量认证中心有限公司', '中测联合认证有限公司', '方圆恒信认证有限公司', '长江检验认证（江苏）有限公司'];
const LABS = ['江苏苏检质量检测技术有限公司', '江苏省产品质量检验检测中心（第三分中心）', '苏通联合检测认证有限公司', '华东质检技术服务有限公司'];
const CPA_FIRMS = ['江苏华诚会计师事务所（特殊普通合伙）', '苏亚信达会计师事务所（特殊普通合伙）', '江苏天衡永信会计师事务所有限公司', '南京公证联合会计师事务所（普通合伙）'];
const ASSOCIATIONS = ['江苏省机械行业协会', '江苏省质量管理协会', '江苏省电子学会', '江苏省食品科学技术学会', '江苏省纺织工程学会', '江苏省医疗器械行业协会', '江苏省汽车工程学会', '江苏省建筑材料行业协会'];
const ASSOC_BY_INDUSTRY: Record<string, string> = {
  machinery: '江苏省机械行业协会', electrical: '江苏省电子学会', materials: '江苏省新材料产业协会', food: '江苏省食品科学技术学会',
  textile: '江苏省纺织工程学会', medical: '江苏省医疗器械行业协会', auto: '江苏省汽车工程学会', building: '江苏省建筑材料行业协会',
};
const EQUIPMENT: Record<string, [string, string][]> = {
  machinery: [['五轴联动加工中心', 'DMU 65'], ['数控车床', 'CK6150'], ['卧式加工中心', 'HMC-630'], ['数控外圆磨床', 'MK1332'], ['三坐标测量机', 'Global S 9.15.8'], ['圆度仪', 'RA-2200'], ['粗糙度轮廓仪', 'SJ-411'], ['动平衡机', 'H2BK-16']],
  electrical: [['全自动贴片机', 'NXT III'], ['回流焊炉', 'KIC-1030'], ['自动插件机', 'AI-2000'], ['耐压测试仪', 'CS9929A'], ['温升试验台', 'WS-63'], ['电磁兼容测试系统', 'EMS61000'], ['老化试验箱', 'LH-800'], ['AOI光学检测仪', 'ALD7720']],
  materials: [['双螺杆挤出机', 'SHJ-75'], ['注塑机', 'HTF1200X'], ['密炼机', 'X(S)N-110'], ['熔体流动速率仪', 'MFI-1211'], ['万能材料试验机', 'CMT6104'], ['冲击试验机', 'XJJ-50'], ['热重分析仪', 'TGA 2'], ['气相色谱仪', 'GC-2014']],
  food: [['速冻隧道', 'SDL-1500'], ['真空斩拌机', 'ZB-125'], ['全自动包装机', 'DZP-520'], ['金属探测仪', 'MDS-5032'], ['生化培养箱', 'SPX-250'], ['高压灭菌锅', 'LDZX-75'], ['分光光度计', 'UV-1800'], ['原子吸收光谱仪', 'AA-7000']],
  textile: [['喷气织机', 'ZAX9100'], ['圆纬机', 'SJ-III'], ['定型机', 'MONFORTS'], ['电脑绣花机', 'TMBR-SC'], ['色牢度摩擦仪', 'Y571'], ['织物强力机', 'YG026'], ['起球测试仪', 'YG502'], ['甲醛测定仪', 'UV-5500']],
  medical: [['注塑成型机', 'MA1600'], ['全自动组装机', 'ZS-A200'], ['环氧乙烷灭菌柜', 'HMQ-20'], ['洁净工作台', 'SW-CJ-2FD'], ['微粒检测仪', 'GWJ-8'], ['细菌过滤效率检测仪', 'BFE-01'], ['泄漏测试仪', 'LT-02'], ['生物安全柜', 'BSC-1300']],
  auto: [['数控立式车床', 'VTC-800'], ['中频感应炉', 'GW-3T'], ['自动造型线', 'HWS-25'], ['三坐标测量机', 'CROMA 8106'], ['布氏硬度计', 'HB-3000'], ['金相显微镜', 'MR5000'], ['疲劳试验机', 'PLS-100'], ['盐雾试验箱', 'YWX-250']],
  building: [['混凝土搅拌站', 'HZS180'], ['砌块成型机', 'QT10-15'], ['铝型材切割锯', 'LJZ2-500'], ['门窗物理性能检测设备', 'MCZ-2020'], ['压力试验机', 'YAW-3000'], ['混凝土抗渗仪', 'HP-4.0'], ['坍落度仪', 'TLD-1'], ['放射性测定仪', 'FD-125']],
};

function year(iso: string): string {
  return iso.slice(0, 4);
}

function docDate(rng: Rng, from = '2024-03-01', to = '2026-04-30'): string {
  return randomDate(rng, from, to);
}

function withSeal(ctx: Ctx, p = 0.7) {
  return ctx.rng.chance(p) ? companySeal(ctx.company, ctx.rng, { faded: ctx.rng.chance(0.15) }) : null;
}

/** 第N条 articles of a company rule, flowing. */
function articles(w: Writer, items: string[], first = 1): number {
  const zh = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五', '十六', '十七', '十八', '十九', '二十'];
  items.forEach((text, i) => w.p(`第${zh[first - 1 + i] ?? String(first + i)}条　${text}`));
  return first + items.length;
}

function industryStandardTitle(company: CorpusCompany, rng: Rng): string {
  const product = rng.pick(company.industry.products);
  return rng.pick([`${product}技术规范`, `${product}通用技术要求`, `${product}质量分级及评价`, `${rng.pick(company.industry.techTopics).replace(/及其.*$/, '')}检测方法`, `智能制造 ${product}生产过程质量追溯要求`]);
}

// ------------------------------------------------------------------------------------------
// 1 质量文化和质量信用体系建设

const qualityCreditReport: EvidenceTemplate = {
  id: 'quality-credit-report',
  window: 'quality-culture',
  bullets: [5, 2, 3],
  async make(ctx) {
    const { company, rng } = ctx;
    const c = await portrait(ctx);
    const reportYear = rng.pick(['2024', '2025']);
    const date = randomDate(rng, `${Number(reportYear) + 1}-02-01`, `${Number(reportYear) + 1}-04-30`);
    const title = rng.pick([`${reportYear}年度企业质量信用报告`, `企业质量信用报告（${reportYear}年度）`, `${reportYear}年质量信用报告`]);
    const showCode = rng.chance(0.7);
    cover(c, rng, { title: `${company.name}\n${title}`, org: company.name, date, code: showCode ? company.creditCode : undefined, redLine: rng.chance(0.3) });
    c.newPage();
    const w = makeWriter(c, rng);
    const site = `www.${rng.chars('abcdefghjkmnpqrstwxyz', rng.int(4, 7))}.com${rng.chance(0.5) ? '.cn' : ''}`;
    w.h1('报告说明');
    w.p(`本报告${rng.pick(['参照', '依据', '按照'])}《企业质量信用报告编写指南》（GB/T 31870）${rng.pick(['的结构和要求', '规定的编写原则和内容'])}编制，报告期为${reportYear}年1月1日至${reportYear}年12月31日，覆盖公司${company.mainProducts.join('、')}的设计开发、生产制造和售后服务全过程。`);
    w.p(`本报告经公司质量信用管理领导小组审核、总经理批准后，于${zhDate(addDays(date, rng.int(3, 20)))}在公司官方网站（${site}）“信息公开”栏目${rng.pick(['向社会公开发布', '公开披露'])}，接受政府部门、客户和社会公众的监督。`);
    w.h1('一、企业概况');
    w.p(`${company.name}成立于${zhDate(company.establishedOn)}，注册资本${company.registeredCapital.replace(/^人民币/, '')}，现有员工${company.employees}人，主要产品为${company.mainProducts.join('、')}。公司先后通过质量管理体系、环境管理体系和职业健康安全管理体系认证。`);
    w.h1('二、质量信用管理方针和目标');
    const value = rng.pick(VALUES);
    w.p(`公司确立“${value}”的质量核心价值观，制定质量信用管理方针：“${rng.pick(POLICIES)}”。`);
    w.p(`${reportYear}年度质量信用目标：产品一次交验合格率不低于${rng.pick(['99.5', '99.2', '98.8'])}%；顾客满意度不低于${rng.int(90, 95)}分；重大质量事故和质量失信事件为零；监督抽查合格率100%。`);
    w.h1('三、质量信用体系建设');
    w.p(`公司成立由总经理任组长的质量信用管理领导小组，下设质量信用管理办公室（设在${rng.pick(['质量部', '品质管理部', '质量管理中心'])}），明确各部门在质量信用管理中的职责，建立“策划—实施—测量—改进”的管理过程，按季度对质量信用测量指标进行统计分析，持续改进。`);
    w.table(
      [
        ['测量指标', '目标值', `${reportYear}年实际`, '完成情况'],
        ['产品一次交验合格率', '≥99.0%', `${rng.float(99.1, 99.9).toFixed(2)}%`, '完成'],
        ['顾客满意度（分）', '≥90', rng.float(90.5, 96).toFixed(1), '完成'],
        ['合同履约率', '100%', '100%', '完成'],
        ['质量投诉处理及时率', '100%', '100%', '完成'],
        ['质量失信事件（起）', '0', '0', '完成'],
      ],
      [150, 90, 90, 90],
    );
    w.h1('四、质量诚信文化建设');
    w.p(`报告期内，公司组织开展“质量月”、质量诚信宣传周、QC小组成果发表等活动${rng.int(6, 15)}次，开展质量诚信和质量法律法规培训${rng.int(8, 24)}场次，参训${rng.int(300, 1200)}人次，签订质量诚信承诺书${rng.int(60, 400)}份。`);
    w.h1('五、质量信用承诺');
    w.p('公司郑重承诺：严格遵守国家质量法律法规，诚信经营，不生产、销售假冒伪劣产品，主动接受社会监督，持续提升质量信用水平。');
    await signOff(c, rng, { org: company.name, date, seal: withSeal(ctx, 0.75) });
    return { c, title, issuer: company.name, date, codePrinted: showCode, uploadName: `${title}.pdf` };
  },
};

const cultureTraining: EvidenceTemplate = {
  id: 'quality-culture-training',
  window: 'quality-culture',
  bullets: [1],
  async make(ctx) {
    const { company, rng } = ctx;
    const c = await portrait(ctx, { top: 64, bottom: 60, left: 70, right: 70 });
    const date = docDate(rng);
    const title = rng.pick(['质量诚信宣传教育培训记录', '质量文化建设活动记录表', '员工质量诚信培训签到表']);
    c.text(company.name, c.width / 2, 64, { size: 12, align: 'center' });
    c.y = 86;
    c.para(title, { size: 18, weight: 'bold', align: 'center', lineHeight: 32, after: 6 });
    const topic = rng.pick([`“质量诚信从我做起”——${rng.pick(VALUES)}质量核心价值观宣贯`, '质量月活动：质量诚信与产品责任专题培训', '《产品质量法》与企业质量信用管理专题培训', '质量文化建设暨质量诚信承诺签字仪式']);
    const teacher = personName(rng);
    const count = rng.int(18, 40);
    c.table(
      [
        [{ text: '培训主题', bold: true, align: 'center' }, { text: topic }],
        [{ text: '培训时间', bold: true, align: 'center' }, `${zhDate(date)} ${rng.pick(['9:00—11:30', '14:00—16:30', '13:30—15:30'])}`],
        [{ text: '培训地点', bold: true, align: 'center' }, rng.pick(['公司三楼大会议室', '行政楼201培训室', '车间质量园地'])],
        [{ text: '主讲人', bold: true, align: 'center' }, `${teacher}（${rng.pick(['质量部经理', '首席质量官', '外聘讲师'])}）`],
        [{ text: '参加人员', bold: true, align: 'center' }, `各部门负责人、质量管理人员及一线班组长，共${count}人`],
        [{ text: '主要内容', bold: true, align: 'center' }, `1．公司质量核心价值观和质量信用管理方针解读；2．质量诚信典型案例分析；3．质量失信行为的法律责任；4．全员签订质量诚信承诺书。`],
        [{ text: '效果评价', bold: true, align: 'center' }, `培训后进行闭卷考核，参考${count}人，合格${count}人，合格率100%；学员反馈培训内容针对性强。`],
      ],
      { widths: [90, 365], width: c.contentWidth, size: 10, lineHeight: 16, padY: 6 },
    );
    c.gap(12);
    c.para('签到表', { size: 12, weight: 'bold', align: 'center', lineHeight: 22 });
    const rows: string[][] = [['序号', '姓名', '部门', '序号', '姓名', '部门']];
    const n = Math.min(count, rng.int(10, 16));
    for (let i = 0; i < n; i += 2) {
      rows.push([String(i + 1), personName(rng), rng.pick(DEPARTMENTS), String(i + 2), personName(rng), rng.pick(DEPARTMENTS)]);
    }
    c.table(rows, { widths: [40, 80, 107, 40, 80, 107], width: c.contentWidth, headerRows: 1, size: 9.5, lineHeight: 15, aligns: ['center', 'center', 'center', 'center', 'center', 'center'] });
    c.gap(16);
    c.text(`记录人：${personName(rng)}`, c.margin.left, c.y, { size: 10.5 });
    c.text(`审核：${company.qualityChief}`, c.width - c.margin.right - 150, c.y, { size: 10.5 });
    if (rng.chance(0.3)) await addSeal(c, rng, c.width - c.margin.right - 100, c.y + 10, companySeal(company, rng));
    return { c, title, issuer: company.name, date, codePrinted: false, uploadName: `${title}.pdf` };
  },
};

const creditReportRules: EvidenceTemplate = {
  id: 'quality-credit-report-rules',
  window: 'quality-culture',
  bullets: [4],
  async make(ctx) {
    const { company, rng } = ctx;
    const c = await portrait(ctx);
    const date = docDate(rng);
    const rule = rng.pick(['质量信用报告管理办法', '质量信用报告编制与发布管理制度', '企业质量信用报告管理规定']);
    redHead(c, rng, company.name, `${company.tradeName}${rng.pick(['司发', '质发', '办'])}`, year(date));
    const w = makeWriter(c, rng);
    docTitle(c, `关于印发《${rule}》的通知`);
    c.para('各部门、车间：', { size: w.bodySize, lineHeight: w.bodySize * 1.8, align: 'left' });
    w.p(`为规范公司质量信用报告的编制、审核和发布工作，${rng.pick(['如实反映公司质量信用状况', '提高质量信用信息透明度'])}，根据GB/T 31870${rng.pick(['《企业质量信用报告编写指南》', '等标准'])}和《江苏省企业质量信用等级认定管理办法》，结合公司实际，制定了《${rule}》，现印发给你们，请认真遵照执行。`);
    w.p('附件：' + rule);
    await signOff(c, rng, { org: company.name, date, seal: withSeal(ctx, 0.85) });
    c.newPage();
    c.para(rule, { size: 16, weight: 'bold', align: 'center', lineHeight: 30, after: 6 });
    articles(w, [
      '为加强公司质量信用报告管理，保证报告内容真实、准确、完整，制定本办法。',
      '本办法适用于公司年度质量信用报告的编制、审核、批准、发布和存档。',
      '质量部是质量信用报告的归口管理部门，负责组织数据收集和报告编制；各部门按职责提供相关数据和资料，并对数据的真实性负责。',
      '质量信用报告内容包括：企业概况、质量信用管理方针和目标、质量信用体系建设、质量诚信文化、产品和服务质量绩效、社会责任、质量信用承诺等。',
      '报告初稿经质量信用管理领导小组审核，由总经理批准后发布。',
      '质量信用报告每年编制一次，于次年第一季度内通过公司网站等渠道向社会公开发布。',
      '报告发布后发现重大差错的，应及时更正并说明原因。',
      '质量信用报告及其原始资料保存期限不少于五年。',
      '本办法由质量部负责解释，自发布之日起施行。',
    ]);
    return { c, title: `关于印发《${rule}》的通知`, issuer: company.name, date, codePrinted: false, uploadName: `${rule}.pdf` };
  },
};

// ------------------------------------------------------------------------------------------
// 2 风险管控

const riskRules: EvidenceTemplate = {
  id: 'risk-management-rules',
  window: 'risk-control',
  bullets: [1, 2],
  async make(ctx) {
    const { company, rng } = ctx;
    const c = await portrait(ctx);
    const date = docDate(rng);
    const rule = rng.pick(['质量风险管理制度', '质量信用风险管理办法', '全面风险管理与内部控制制度（质量部分）']);
    const w = makeWriter(c, rng);
    const asNotice = rng.chance(0.5);
    if (asNotice) {
      redHead(c, rng, company.name, `${company.tradeName}司发`, year(date));
      docTitle(c, `关于印发《${rule}》的通知`);
      w.p(`为建立健全质量风险防控机制，有效识别和应对影响公司质量信用的各类风险，经公司${rng.pick(['总经理办公会', '董事会', '管理评审会议'])}研究，制定《${rule}》，现予印发，请各部门遵照执行。`);
      await signOff(c, rng, { org: company.name, date, seal: withSeal(ctx, 0.8) });
      c.newPage();
    } else {
      c.text(`文件编号：${company.tradeName.length ? 'QM' : 'QM'}-${rng.int(10, 99)}-${rng.int(1, 30)}　　版本：${rng.pick(['A/0', 'B/1', 'C/0'])}`, c.margin.left, 48, { size: 9 });
      await controlledStamp(c, rng, date);
      c.y = 130;
    }
    c.para(rule, { size: 16, weight: 'bold', align: 'center', lineHeight: 30, after: 6 });
    w.h2('第一章　总则');
    let n = articles(w, [
      '为防范和化解质量风险，保障产品和服务质量，维护公司质量信用，制定本制度。',
      `公司设立风险管理委员会，由总经理任主任，${rng.pick(['首席质量官', '分管质量副总经理'])}任副主任，成员由质量、技术、生产、采购、销售等部门负责人组成；风险管理办公室设在质量部，负责日常工作。`,
      '风险管理委员会负责审定风险管理目标和重大风险应对方案；各部门负责本部门风险的识别、评价和日常控制。',
    ]);
    w.h2('第二章　风险识别与评价');
    n = articles(w, [
      '每年至少组织一次全面风险识别，识别范围包括：产品自身质量缺陷风险、质量管理机制风险、供应链风险、法律法规和合规风险、售后及召回风险等。',
      '采用“可能性×严重程度”矩阵对风险进行评价，分为高、中、低三个等级，形成风险清单并动态更新。',
      '出现新产品导入、重大工艺变更、关键供应商变更或法律法规变化时，应及时开展专项风险评估。',
    ], n);
    w.h2('第三章　风险应对与监督');
    articles(w, [
      '对高风险事项制定专项应对方案，明确措施、责任人和完成时限；中、低风险纳入日常管理。',
      '风险管理办公室每季度检查风险应对措施的落实情况，并向风险管理委员会报告。',
      '本制度自发布之日起施行。',
    ], n);
    return { c, title: asNotice ? `关于印发《${rule}》的通知` : rule, issuer: company.name, date, codePrinted: false, uploadName: `${rule}.pdf` };
  },
};

const riskRegister: EvidenceTemplate = {
  id: 'risk-assessment-register',
  window: 'risk-control',
  bullets: [2, 3],
  async make(ctx) {
    const { company, rng } = ctx;
    const c = await portrait(ctx, { top: 60, bottom: 60, left: 56, right: 56 });
    const date = docDate(rng);
    const title = rng.pick([`${year(date)}年度质量信用风险识别与评价清单`, '质量风险识别、评价及应对措施一览表', `${year(date)}年质量风险评估报告（附风险清单）`]);
    c.para(company.name, { size: 12, align: 'center', lineHeight: 22 });
    c.para(title, { size: 16, weight: 'bold', align: 'center', lineHeight: 30, after: 4 });
    c.para(`编制部门：${rng.pick(['质量部', '风险管理办公室'])}　　　　评估日期：${zhDate(date)}`, { size: 10, align: 'left', lineHeight: 20, after: 4 });
    const product = rng.pick(company.mainProducts);
    const risks: [string, string, string][] = [
      ['产品质量缺陷', `${product}关键特性（${rng.pick(company.industry.testItems)}）波动导致批量不合格`, '关键工序SPC控制，首件检验和巡检，Cpk低于1.33时停线分析'],
      ['产品质量缺陷', '设计变更未充分验证导致功能失效', '执行设计评审和变更验证，DFMEA动态更新'],
      ['质量管理机制', '检验人员资质不足、判定标准不统一', '持证上岗，每季度开展检验员比对'],
      ['质量管理机制', '质量记录不完整，追溯链条中断', '上线MES质量追溯模块，批次信息全程扫码'],
      ['供应链', '关键原材料供应商质量波动', '供应商分级管理，来料加严检验，开发第二供方'],
      ['供应链', '外协加工过程失控', '外协过程审核，关键外协件100%检验'],
      ['法律合规', '产品标准更新未及时转化', '标准化管理员每月跟踪标准信息，及时转化'],
      ['售后服务', '客户投诉处理不及时导致信用受损', '投诉24小时响应，重大投诉由首席质量官督办'],
    ];
    const level = () => rng.weighted(['高', '中', '低'], [1, 3, 3]);
    c.table(
      [
        ['序号', '风险类别', '风险描述', '可能性', '严重度', '等级', '应对措施', '责任部门'],
        ...rng.sample(risks, rng.int(6, 8)).map((r, i) => {
          const l = level();
          return [String(i + 1), r[0], r[1], String(rng.int(1, 4)), String(rng.int(2, 5)), l, r[2], rng.pick(DEPARTMENTS)];
        }),
      ],
      { widths: [26, 52, 116, 32, 32, 28, 130, 52], width: c.contentWidth, headerRows: 1, size: 8.5, lineHeight: 13, aligns: ['center', 'center', 'left', 'center', 'center', 'center', 'left', 'center'], headerFill: [230, 230, 230] },
    );
    c.gap(14);
    c.text(`编制：${personName(rng)}　　审核：${company.qualityChief}　　批准：${company.generalManager}`, c.margin.left, c.y, { size: 10.5 });
    c.gap(20);
    if (rng.chance(0.35)) await addSeal(c, rng, c.width - c.margin.right - 90, c.y, companySeal(company, rng));
    else if (rng.chance(0.6)) await addRectStamp(c, rng, c.width - c.margin.right - 80, c.y + 6, [rng.pick(['已审核', '审核通过'])], 14);
    return { c, title, issuer: company.name, date, codePrinted: false, uploadName: '风险识别与评价清单.pdf' };
  },
};

const riskResponse: EvidenceTemplate = {
  id: 'risk-response-report',
  window: 'risk-control',
  bullets: [3],
  async make(ctx) {
    const { company, rng } = ctx;
    const c = await portrait(ctx);
    const date = docDate(rng);
    const title = rng.pick(['供应链质量风险专项排查及整改报告', '质量风险应对专项活动总结', '产品质量安全风险隐患排查治理情况报告']);
    const w = makeWriter(c, rng);
    c.y = 80;
    c.para(title, { size: 17, weight: 'bold', align: 'center', lineHeight: 32, after: 8 });
    const n = rng.int(18, 60);
    w.p(`根据公司《质量风险管理制度》和年度风险评估结果，${zhDate(addDays(date, -rng.int(30, 90)))}至${zhDate(date)}，公司组织质量、采购、技术等部门对${rng.pick(['关键原材料供应商', '外协加工单位', '主要生产工序'])}开展了质量风险专项排查，共排查${n}家（项），现将有关情况报告如下。`);
    w.h2('一、排查方法');
    w.p('采用现场审核、资料核查、抽样检测相结合的方式，重点检查来料质量控制、过程变更管理、检测能力和质量追溯。');
    w.h2('二、发现的主要风险');
    w.table(
      [
        ['序号', '风险点', '风险等级', '应对方案', '完成情况'],
        ['1', `${rng.pick(company.mainProducts)}用原材料批次间${rng.pick(company.industry.testItems)}波动`, '高', '增加来料检验频次，与供应商联合开展工艺改进', '已完成'],
        ['2', '两家外协单位未建立首件确认制度', '中', '下发整改通知，驻厂指导建立首件确认', '已完成'],
        ['3', '部分检验设备校准超期', '中', '立即停用并送检，完善计量器具台账', '已完成'],
        ['4', '供应商变更未及时通知', '低', '修订采购合同质量条款', rng.pick(['已完成', '持续跟踪'])],
      ],
      [30, 150, 50, 170, 60],
    );
    w.h2('三、整改成效');
    w.p(`通过专项排查和整改，来料批次合格率由${rng.float(96, 98).toFixed(1)}%提升至${rng.float(98.5, 99.8).toFixed(1)}%，未发生因供应链原因导致的质量事故。下一步将把专项排查纳入常态化管理。`);
    await signOff(c, rng, { org: `${company.name}${rng.pick(['质量部', ''])}`, date, seal: withSeal(ctx, 0.6) });
    return { c, title, issuer: company.name, date, codePrinted: false, uploadName: `${title}.pdf` };
  },
};

// ------------------------------------------------------------------------------------------
// 3 资源保障

const cqoAppointment: EvidenceTemplate = {
  id: 'chief-quality-officer-appointment',
  window: 'resources',
  bullets: [3],
  async make(ctx) {
    const { company, rng } = ctx;
    const date = docDate(rng, '2022-01-01', '2026-03-31');
    const chief = company.qualityChief;
    if (rng.chance(0.5)) {
      const c = await portrait(ctx);
      redHead(c, rng, company.name, `${company.tradeName}人`, year(date));
      const w = makeWriter(c, rng);
      const title = rng.pick(['关于设立首席质量官的决定', '关于任命首席质量官的通知', `关于任命${chief}同志为公司首席质量官的决定`]);
      docTitle(c, title);
      c.para('公司各部门：', { size: w.bodySize, lineHeight: w.bodySize * 1.8, align: 'left' });
      w.p(`为深入贯彻质量强国战略，落实企业质量主体责任，根据《江苏省企业首席质量官制度实施办法》${rng.pick(['及公司《首席质量官管理制度》', ''])}，经公司${rng.pick(['董事会', '总经理办公会'])}研究决定：`);
      w.p(`任命${chief}同志为公司首席质量官，任期三年。首席质量官在总经理领导下全面负责公司质量管理工作，参与公司质量战略决策，对产品质量安全行使一票否决权，组织质量信用体系建设和质量改进活动。`);
      w.p('特此决定。');
      await signOff(c, rng, { org: company.name, date, seal: withSeal(ctx, 0.9) });
      return { c, title, issuer: company.name, date, codePrinted: false, uploadName: '首席质量官任命文件.pdf' };
    }
    const c = await certificate(ctx, {
      title: '任　命　书',
      redTitle: rng.chance(0.7),
      frame: [200, 40, 40],
      lines: [
        { label: null, text: `${chief}同志：` },
        { label: null, text: `经公司研究决定，任命您为${company.name}首席质量官，全面负责公司质量管理和质量信用建设工作，任期自${zhDate(date)}起三年。` },
        { label: null, text: '特发此书。' },
      ],
      issuers: [{ name: company.name, seal: companySeal(company, rng) }],
      date,
      upperDate: rng.chance(0.5),
    });
    return { c, title: '首席质量官任命书', issuer: company.name, date, codePrinted: false, uploadName: '首席质量官任命书.pdf' };
  },
};

const equipmentList: EvidenceTemplate = {
  id: 'equipment-list',
  window: 'resources',
  bullets: [1],
  async make(ctx) {
    const { company, rng } = ctx;
    const c = await portrait(ctx, { top: 60, bottom: 60, left: 60, right: 60 });
    const date = docDate(rng);
    const title = rng.pick(['主要生产设备及检测设备一览表', '关键生产、检验设备清单', '主要设备设施清单']);
    c.para(company.name, { size: 12, align: 'center', lineHeight: 22 });
    docTitle(c, title);
    const eq = EQUIPMENT[company.industry.id] ?? EQUIPMENT.machinery!;
    const makers = ['沈阳机床', '大连光洋', '海天精工', '德马吉森精机', '马扎克', '岛津', '蔡司', '三丰', '海克斯康', '江苏恒力', '本地制造商'];
    const rows = rng.sample(eq, eq.length).map(([name, model], i) => [
      String(i + 1), name, model, String(rng.int(1, 12)), rng.pick(makers), String(rng.int(2012, 2025)), rng.pick(['完好', '完好', '完好', '在用']),
    ]);
    c.table([['序号', '设备名称', '型号规格', '数量（台/套）', '制造商', '购置年份', '状态'], ...rows], {
      widths: [30, 100, 80, 55, 80, 50, 40], width: c.contentWidth, headerRows: 1, size: 9, lineHeight: 14, aligns: ['center', 'left', 'left', 'center', 'left', 'center', 'center'], headerFill: [230, 230, 230],
    });
    c.gap(8);
    c.para(`注：以上设备均纳入设备台账管理，检测设备按期检定/校准，满足${company.mainProducts.join('、')}的生产和检验要求。`, { size: 9.5, lineHeight: 16, align: 'left' });
    c.gap(12);
    c.text(`制表：${personName(rng)}　　　　日期：${zhDate(date)}`, c.margin.left, c.y, { size: 10.5 });
    if (rng.chance(0.4)) await addSeal(c, rng, c.width - c.margin.right - 100, c.y + 20, companySeal(company, rng));
    if (rng.chance(0.4)) await addRectStamp(c, rng, c.margin.left + rng.float(120, 260), c.y + 24, ['已审核'], 15);
    return { c, title, issuer: company.name, date, codePrinted: false, uploadName: '设备清单.pdf' };
  },
};

const staffList: EvidenceTemplate = {
  id: 'qualified-staff-list',
  window: 'resources',
  bullets: [4, 2],
  async make(ctx) {
    const { company, rng } = ctx;
    const c = await portrait(ctx, { top: 60, bottom: 60, left: 60, right: 60 });
    const date = docDate(rng);
    const title = rng.pick(['质量管理及专业技术人员一览表', '专业技术人员资格证书汇总表', '关键岗位人员资质一览表']);
    c.para(`${company.name}`, { size: 12, align: 'center', lineHeight: 22 });
    docTitle(c, title);
    const certs = ['注册质量工程师', '中级工程师', '高级工程师', '质量管理体系审核员', '计量检定员', '内审员', '六西格玛黑带', '无损检测Ⅱ级', '注册安全工程师'];
    const rows = Array.from({ length: rng.int(9, 14) }, (_, i) => [
      String(i + 1), personName(rng), rng.pick(['质量部经理', '质量工程师', '检验组长', '工艺工程师', '研发工程师', '计量管理员', '体系专员', '车间主任']),
      rng.pick(['本科', '硕士', '大专', '本科']), rng.pick(certs), `${rng.pick(['ZL', 'GC', 'JL', 'SH'])}${rng.chars('0123456789', 8)}`,
    ]);
    c.table([['序号', '姓名', '岗位', '学历', '职称/资格', '证书编号'], ...rows], {
      widths: [30, 60, 90, 45, 110, 100], width: c.contentWidth, headerRows: 1, size: 9, lineHeight: 14, aligns: ['center', 'center', 'left', 'center', 'left', 'left'],
    });
    c.gap(10);
    c.para('附：上述人员资格证书复印件（加盖公章）。公司另制定《作业指导书管理规定》《岗位任职资格管理办法》，关键岗位人员持证上岗。', { size: 9.5, lineHeight: 16, align: 'left' });
    await signOff(c, rng, { org: company.name, date, seal: withSeal(ctx, 0.5) });
    return { c, title, issuer: company.name, date, codePrinted: false, uploadName: '人员资质一览表.pdf' };
  },
};

// ------------------------------------------------------------------------------------------
// 4 基础设施建设

const isoCertificate: EvidenceTemplate = {
  id: 'management-system-certificate',
  window: 'infrastructure',
  bullets: [5],
  async make(ctx) {
    const { company, rng } = ctx;
    const kind = rng.weighted(['9001', '14001', '45001'], [5, 2, 1]);
    const spec = {
      '9001': { title: '质量管理体系认证证书', en: 'QUALITY MANAGEMENT SYSTEM CERTIFICATE', std: 'GB/T 19001-2016 / ISO 9001:2015', letter: 'Q' },
      '14001': { title: '环境管理体系认证证书', en: 'ENVIRONMENTAL MANAGEMENT SYSTEM CERTIFICATE', std: 'GB/T 24001-2016 / ISO 14001:2015', letter: 'E' },
      '45001': { title: '职业健康安全管理体系认证证书', en: 'OCCUPATIONAL HEALTH AND SAFETY MANAGEMENT SYSTEM CERTIFICATE', std: 'GB/T 45001-2020 / ISO 45001:2018', letter: 'S' },
    }[kind]!;
    const body = rng.pick(CERT_BODIES);
    const date = docDate(rng, '2023-06-01', '2026-03-31');
    const until = addDays(addMonths(date, 36), -1);
    const c = await certificate(ctx, {
      orientation: rng.chance(0.5) ? 'landscape' : 'portrait',
      frame: rng.pick([BLUE_DARK, GREEN_DARK, [184, 146, 88] as const]),
      title: spec.title,
      subtitle: spec.en,
      number: `证书编号：${rng.chars('0123456789', 3)}${year(date).slice(2)}${spec.letter}${rng.chars('0123456789', 5)}R${rng.int(0, 3)}M`,
      lines: [
        { label: null, text: '兹证明' },
        { label: null, text: company.name },
        { label: '统一社会信用代码：', text: company.creditCode },
        { label: '注册/生产地址：', text: company.address },
        { label: '认证依据：', text: spec.std },
        { label: '认证覆盖范围：', text: `${company.mainProducts.join('、')}的${rng.pick(['设计、开发、生产和服务', '生产和销售', '设计、生产及相关管理活动'])}` },
        { label: '颁证日期：', text: zhDate(date) },
        { label: '有效期至：', text: zhDate(until) },
      ],
      statement: '本证书有效性依据发证机构的定期监督获得保持。',
      issuers: [{ name: body, seal: rng.chance(0.85) ? { role: 'issuer', text: body, diameterMm: 40, weight: 700, faded: rng.chance(0.15) } : null }],
      date,
      dateLabel: '签发日期：',
      footer: '本证书信息可在国家认证认可监督管理委员会官方网站（www.cnca.gov.cn）上查询',
      copyMark: rng.weighted(['certified', 'copy', null], [2, 1, 3]),
    });
    // An accreditation mark (printed, blue-grey, not a seal).
    const mx = c.width / 2 - 31;
    c.rect(mx, c.height - 150, 62, 40, { stroke: BLUE_DARK, width: 1.2 });
    c.text('CNAS', mx + 31, c.height - 146, { size: 13, weight: 900, color: BLUE_DARK, align: 'center' });
    c.text(`C${rng.chars('0123456789', 3)}-M`, mx + 31, c.height - 128, { size: 8, color: BLUE_DARK, align: 'center' });
    return { c, title: spec.title, issuer: body, date, codePrinted: true, uploadName: `ISO${kind}证书.pdf` };
  },
};

const cnasCertificate: EvidenceTemplate = {
  id: 'cnas-accreditation-certificate',
  window: 'infrastructure',
  bullets: [4],
  async make(ctx) {
    const { company, rng } = ctx;
    const date = docDate(rng, '2022-01-01', '2026-03-31');
    const lab = `${company.name}${rng.pick(['检测中心', '理化实验室', '质量检验中心'])}`;
    const c = await certificate(ctx, {
      orientation: 'portrait',
      frame: BLUE_DARK,
      title: '实验室认可证书',
      subtitle: 'CERTIFICATE OF ACCREDITATION',
      number: `注册号：CNAS L${rng.int(10000, 21999)}`,
      lines: [
        { label: null, text: '兹证明：' },
        { label: null, text: lab },
        { label: null, text: company.address },
        { label: null, text: '符合ISO/IEC 17025:2017《检测和校准实验室能力的通用要求》（CNAS-CL01《检测和校准实验室能力认可准则》）的要求，具备承担本证书附件所列检测服务的能力，予以认可。' },
        { label: '获准认可日期：', text: zhDate(date) },
        { label: '有效期至：', text: zhDate(addDays(addMonths(date, 72), -1)) },
      ],
      statement: '认可的检测能力范围及签字人见本证书附件。实验室所用计量器具均按规定检定或校准，量值溯源至国家基准。',
      issuers: [{ name: '中国合格评定国家认可委员会', seal: { role: 'issuer', text: '中国合格评定国家认可委员会', diameterMm: 42, weight: 700 } }],
      date,
      dateLabel: '',
      copyMark: rng.weighted(['certified', null], [1, 2]),
    });
    return { c, title: '实验室认可证书', issuer: '中国合格评定国家认可委员会', date, codePrinted: false, uploadName: 'CNAS实验室认可证书.pdf' };
  },
};

const groupStandard: EvidenceTemplate = {
  id: 'standard-drafting',
  window: 'infrastructure',
  bullets: [2],
  async make(ctx) {
    const { company, rng } = ctx;
    const c = await portrait(ctx, { top: 60, bottom: 60, left: 72, right: 72 });
    const published = docDate(rng, '2023-01-01', '2026-03-31');
    const effective = addMonths(published, rng.pick([1, 2, 3]));
    const type = rng.weighted(['group', 'local', 'industry'], [4, 2, 1]);
    const assoc = ASSOC_BY_INDUSTRY[company.industry.id] ?? rng.pick(ASSOCIATIONS);
    const stdTitle = industryStandardTitle(company, rng);
    const num = type === 'group' ? `T/${rng.pick(['JSJX', 'JSAS', 'JSQA', 'JSSP', 'JSFZ'])} ${rng.int(1, 120).toString().padStart(3, '0')}—${year(published)}` : type === 'local' ? `DB32/T ${rng.int(3800, 5200)}—${year(published)}` : `${rng.pick(['JB/T', 'QB/T', 'FZ/T', 'YY/T', 'QC/T', 'JC/T'])} ${rng.int(10000, 14999)}—${year(published)}`;
    const heading = type === 'group' ? '团　体　标　准' : type === 'local' ? '江苏省地方标准' : '中华人民共和国行业标准';
    const publisher = type === 'group' ? assoc : type === 'local' ? '江苏省市场监督管理局' : '中华人民共和国工业和信息化部';
    c.text(`ICS ${rng.pick(['25.040', '29.120', '83.140', '67.120', '59.080', '11.040', '43.040', '91.060'])}`, 72, 54, { size: 10, weight: 'bold' });
    c.text(`CCS ${rng.pick(['J', 'K', 'G', 'X', 'W', 'C', 'T', 'Q'])} ${rng.int(10, 99)}`, 72, 70, { size: 10, weight: 'bold' });
    c.text(num.split(' ')[0]!, c.width - 72, 50, { size: 26, weight: 900, align: 'right' });
    c.text(heading, c.width / 2, 108, { size: 26, weight: 'bold', align: 'center', spacing: 2 });
    c.line(60, 150, c.width - 60, 150, 1.2);
    c.text(num, c.width - 72, 158, { size: 12, weight: 'bold', align: 'right' });
    c.y = 270;
    c.para(stdTitle, { size: 22, weight: 'bold', align: 'center', lineHeight: 36, after: 10 });
    c.para(rng.pick(['Technical specification', 'General technical requirements', 'Test method', 'Requirements for quality traceability']), { size: 11, align: 'center', lineHeight: 20 });
    c.line(60, c.height - 130, c.width - 60, c.height - 130, 1.2);
    c.text(`${published} 发布`, 90, c.height - 152, { size: 13, weight: 'bold' });
    c.text(`${effective} 实施`, c.width - 90, c.height - 152, { size: 13, weight: 'bold', align: 'right' });
    c.text(`${publisher}　发 布`, c.width / 2, c.height - 110, { size: 16, weight: 'bold', align: 'center' });
    c.newPage();
    const w = makeWriter(c, rng);
    c.para('前　　言', { size: 16, weight: 'bold', align: 'center', lineHeight: 32, after: 8 });
    w.p('本文件按照GB/T 1.1—2020《标准化工作导则　第1部分：标准化文件的结构和起草规则》的规定起草。');
    w.p('请注意本文件的某些内容可能涉及专利。本文件的发布机构不承担识别专利的责任。');
    w.p(`本文件由${assoc}提出${type === 'group' ? '并归口' : `，由${rng.pick(['江苏省标准化研究院', '全国相关标准化技术委员会'])}归口`}。`);
    const others = rng.sample(['江苏省产品质量监督检验研究院', '南京工业大学', '江南大学', '常州大学', '苏州大学', '江苏省标准化研究院', `江苏${rng.pick(['恒远', '华泰', '润达'])}科技有限公司`, `无锡${rng.pick(['宏源', '锦程'])}制造有限公司`], rng.int(3, 6));
    const position = rng.int(0, Math.min(3, others.length));
    const drafters = [...others.slice(0, position), company.name, ...others.slice(position)];
    w.p(`本文件起草单位：${drafters.join('、')}。`);
    w.p(`本文件主要起草人：${Array.from({ length: rng.int(5, 9) }, () => personName(rng)).join('、')}。`);
    if (rng.chance(0.5)) w.p('本文件为首次发布。');
    return { c, title: `${num} ${stdTitle}`, issuer: publisher, date: published, codePrinted: false, uploadName: `${num.replace(/[/—\s]+/g, '-')}标准文本（前言含起草单位）.pdf` };
  },
};

const infraRules: EvidenceTemplate = {
  id: 'infrastructure-rules',
  window: 'infrastructure',
  bullets: [1, 4, 6],
  async make(ctx) {
    const { company, rng } = ctx;
    const which = rng.pick(['standard', 'metrology', 'trace'] as const);
    const c = await portrait(ctx);
    const date = docDate(rng);
    const rule = { standard: '标准化管理制度', metrology: '计量器具及监视测量设备管理办法', trace: '产品质量追溯管理制度' }[which];
    c.text(`${company.name}`, c.margin.left, 44, { size: 9.5 });
    c.text(`文件编号：${company.tradeName ? 'GL' : 'GL'}-${rng.pick(['BZ', 'JL', 'ZS'])}-${rng.int(1, 20).toString().padStart(3, '0')}`, c.width - c.margin.right, 44, { size: 9.5, align: 'right' });
    c.line(c.margin.left, 60, c.width - c.margin.right, 60, 0.8);
    if (rng.chance(0.6)) await controlledStamp(c, rng, date);
    c.y = 110;
    c.para(rule, { size: 17, weight: 'bold', align: 'center', lineHeight: 32, after: 8 });
    const w = makeWriter(c, rng);
    const items = {
      standard: [
        '为加强公司标准化工作，建立健全企业标准体系，制定本制度。',
        '技术部为标准化工作归口部门，设专职标准化管理员，负责标准的收集、转化、制定、实施和监督检查。',
        '公司标准体系由技术标准、管理标准和工作标准构成，标准体系表每年评审一次。',
        '鼓励主导或参与国际标准、国家标准、行业标准、地方标准和团体标准的制修订工作，对主导制定标准的项目组给予奖励。',
        '企业产品标准应在“企业标准信息公共服务平台”自我声明公开。',
        '各部门应严格执行有效版本标准，标准化管理员每季度开展标准实施情况检查。',
      ],
      metrology: [
        '为确保监视和测量结果准确可靠，制定本办法。',
        '质量部计量室负责计量器具的统一管理，建立计量器具台账，实行分类（A、B、C类）管理。',
        '强制检定的计量器具按规定周期送法定计量检定机构检定；其他计量器具按内部校准规程定期校准。',
        '计量器具应贴有合格、准用或停用标识，超期或失准的计量器具不得使用。',
        '公司检测实验室按ISO/IEC 17025要求运行，并保持CNAS认可资格。',
        '发现计量器具失准时，应对以往测量结果的有效性进行评估并记录。',
      ],
      trace: [
        '为实现产品质量问题的快速定位和精准追溯，制定本制度。',
        '公司建立覆盖原材料、生产过程、成品检验、仓储物流和售后服务的质量追溯体系。',
        '通过MES系统和产品唯一标识（二维码），实现批次信息的数字化采集和关联，追溯时间不超过2小时。',
        '质量部每半年组织一次追溯演练，验证追溯链条的完整性和时效性。',
        '发生质量问题时，依据追溯结果界定影响范围，必要时启动缺陷产品召回程序。',
        '追溯记录保存期限不少于产品寿命期且不少于三年。',
      ],
    }[which];
    articles(w, [...items, '本制度（办法）自发布之日起施行，由归口部门负责解释。']);
    c.gap(10);
    c.text(`编制：${personName(rng)}　　审核：${company.qualityChief}　　批准：${company.generalManager}　　发布日期：${zhDate(date)}`, c.margin.left, c.y, { size: 9.5 });
    c.gap(24);
    if (rng.chance(0.3)) await addSeal(c, rng, c.width - c.margin.right - 80, c.y, companySeal(company, rng));
    return { c, title: rule, issuer: company.name, date, codePrinted: false, uploadName: `${rule}.pdf`, bullets: [{ standard: 1, metrology: 4, trace: 6 }[which]] };
  },
};

// ------------------------------------------------------------------------------------------
// 5 科技研发创新

const highTechCertificate: EvidenceTemplate = {
  id: 'high-tech-enterprise-certificate',
  window: 'rnd-innovation',
  bullets: [4],
  async make(ctx) {
    const { company, rng } = ctx;
    const date = docDate(rng, '2023-10-01', '2025-12-31');
    const seal = (text: string) => ({ role: 'issuer' as const, text, diameterMm: 42, weight: 700 as const, faded: rng.chance(0.1) });
    const c = await certificate(ctx, {
      orientation: rng.chance(0.6) ? 'landscape' : 'portrait',
      frame: [184, 146, 88],
      title: '高新技术企业证书',
      redTitle: rng.chance(0.5),
      lines: [
        { label: '企业名称：', text: company.name },
        { label: '证书编号：', text: `GR${year(date)}32${rng.chars('0123456789', 6)}` },
        { label: '发证时间：', text: zhDate(date) },
        { label: '有 效 期：', text: '三年' },
      ],
      statement: rng.chance(0.5) ? '经认定，该企业为高新技术企业。' : undefined,
      issuers: [
        { name: '江苏省科学技术厅', seal: seal('江苏省科学技术厅') },
        { name: '江苏省财政厅', seal: seal('江苏省财政厅') },
        { name: '国家税务总局江苏省税务局', seal: seal('国家税务总局江苏省税务局') },
      ],
      date,
      copyMark: rng.weighted(['certified', null], [1, 2]),
    });
    return { c, title: '高新技术企业证书', issuer: '江苏省科学技术厅', date, codePrinted: false, uploadName: '高新技术企业证书.pdf' };
  },
};

const inventionPatent: EvidenceTemplate = {
  id: 'invention-patent-certificate',
  window: 'rnd-innovation',
  bullets: [5],
  async make(ctx) {
    const { company, rng } = ctx;
    const filed = docDate(rng, '2020-03-01', '2023-12-31');
    const granted = addDays(filed, rng.int(420, 900));
    const utility = rng.chance(0.3);
    const kind = utility ? '实用新型' : '发明';
    const topic = rng.pick(company.industry.techTopics);
    const c = await certificate(ctx, {
      orientation: 'portrait',
      frame: [184, 146, 88],
      emblem: true,
      title: `${kind}专利证书`,
      number: `证书号第${rng.int(4000000, 7999999)}号`,
      lines: [
        { label: `${kind}名称：`, text: `一种${topic}` },
        { label: '发明人：', text: Array.from({ length: rng.int(2, 5) }, () => personName(rng)).join('；') },
        { label: '专利号：', text: `ZL ${year(filed)} ${utility ? '2' : '1'} ${rng.chars('0123456789', 7)}.${rng.int(0, 9)}` },
        { label: '专利申请日：', text: zhDate(filed) },
        { label: '专利权人：', text: company.name },
        { label: '地址：', text: company.address },
        { label: '授权公告日：', text: zhDate(granted) },
        { label: '授权公告号：', text: `CN ${rng.int(110000000, 119999999)} ${utility ? 'U' : 'B'}` },
      ],
      statement: `国家知识产权局依照中华人民共和国专利法进行审查，决定授予专利权，颁发${kind}专利证书并在专利登记簿上予以登记。专利权自授权公告之日起生效。专利权期限为${utility ? '十' : '二十'}年，自申请日起算。`,
      issuers: [{ name: '国家知识产权局', seal: { role: 'issuer', text: '国家知识产权局', diameterMm: 42, weight: 700 } }],
      date: granted,
      copyMark: rng.weighted(['certified', null], [1, 3]),
    });
    return { c, title: `${kind}专利证书`, issuer: '国家知识产权局', date: granted, codePrinted: false, uploadName: `${kind}专利证书-${topic}.pdf` };
  },
};

const rndAudit: EvidenceTemplate = {
  id: 'rnd-expense-audit-report',
  window: 'rnd-innovation',
  bullets: [3],
  async make(ctx) {
    const { company, rng } = ctx;
    const c = await portrait(ctx);
    const firm = rng.pick(CPA_FIRMS);
    const date = docDate(rng, '2026-02-01', '2026-04-30');
    const y2 = Number(year(date)) - 1;
    const y1 = y2 - 1;
    const w = makeWriter(c, rng);
    c.text(firm, c.width / 2, 60, { size: 12, align: 'center', weight: 'bold' });
    c.y = 100;
    const title = rng.pick(['研究开发费用专项审计报告', `关于${company.shortName}研发费用的专项审计报告`, '研发费用及营业收入专项审计报告']);
    c.para(title, { size: 17, weight: 'bold', align: 'center', lineHeight: 30, after: 2 });
    c.para(`${firm.slice(2, 4)}审字〔${year(date)}〕第${rng.int(100, 2999).toString().padStart(4, '0')}号`, { size: 10.5, align: 'center', lineHeight: 20, after: 8 });
    c.para(`${company.name}全体股东：`, { size: w.bodySize, lineHeight: w.bodySize * 1.8, align: 'left' });
    w.p(`我们接受委托，审计了后附的${company.name}（以下简称贵公司）${y1}年度、${y2}年度研究开发费用结构明细表及营业收入情况表。`);
    w.h2('一、管理层的责任');
    w.p('按照《高新技术企业认定管理工作指引》的规定编制研究开发费用结构明细表是贵公司管理层的责任。');
    w.h2('二、注册会计师的责任');
    w.p('我们的责任是在执行审计工作的基础上对研究开发费用结构明细表发表审计意见。我们按照中国注册会计师审计准则的规定执行了审计工作。');
    w.h2('三、审计意见');
    const rev1 = rng.float(18000, 90000);
    const rev2 = rev1 * rng.float(0.98, 1.25);
    const r1 = rng.float(3.1, 4.5);
    const r2 = r1 + rng.float(0.2, 1.1);
    const rd1 = (rev1 * r1) / 100;
    const rd2 = (rev2 * r2) / 100;
    const f = (v: number) => v.toFixed(2);
    w.p(`我们认为，贵公司研究开发费用结构明细表已经按照规定编制，在所有重大方面公允反映了贵公司${y1}年度、${y2}年度的研究开发费用情况。`);
    w.table(
      [
        ['项目（单位：万元）', `${y1}年度`, `${y2}年度`],
        ['研究开发费用总额', f(rd1), f(rd2)],
        ['其中：人员人工费用', f(rd1 * 0.52), f(rd2 * 0.5)],
        ['　　　直接投入费用', f(rd1 * 0.31), f(rd2 * 0.33)],
        ['　　　折旧与摊销', f(rd1 * 0.09), f(rd2 * 0.09)],
        ['　　　其他相关费用', f(rd1 * 0.08), f(rd2 * 0.08)],
        ['营业收入', f(rev1), f(rev2)],
        ['研发费用占营业收入比例', `${r1.toFixed(2)}%`, `${r2.toFixed(2)}%`],
      ],
      [200, 120, 120],
    );
    await signOff(c, rng, { org: firm, date, seal: { role: 'issuer', text: firm.replace(/（.*）/, ''), diameterMm: 40, weight: 700 }, extraLines: [`中国注册会计师：${personName(rng)}　${personName(rng)}`] });
    return { c, title, issuer: firm, date, codePrinted: false, uploadName: '研发费用专项审计报告.pdf' };
  },
};

const rndOrganisation: EvidenceTemplate = {
  id: 'rnd-centre-or-rules',
  window: 'rnd-innovation',
  bullets: [1, 2],
  async make(ctx) {
    const { company, rng } = ctx;
    if (rng.chance(0.5)) {
      const date = docDate(rng, '2021-06-01', '2025-12-31');
      const centre = rng.pick(['江苏省工程技术研究中心', '江苏省企业技术中心', `${company.district.city}企业技术中心`]);
      const field = company.industry.techTopics[0]!.replace(/^一种/, '');
      const issuer = centre.startsWith('江苏省企业') ? '江苏省工业和信息化厅' : centre.startsWith('江苏省') ? '江苏省科学技术厅' : `${company.district.city}工业和信息化局`;
      const c = await certificate(ctx, {
        orientation: 'landscape',
        frame: [184, 146, 88],
        title: centre,
        redTitle: rng.chance(0.6),
        lines: [
          { label: null, text: `江苏省${rng.pick(company.industry.products)}${rng.pick(['工程技术研究中心', '技术中心', '研发中心'])}` },
          { label: '依托单位：', text: company.name },
          { label: '研究方向：', text: `${field}等关键技术研究与产业化` },
        ],
        issuers: [{ name: issuer, seal: { role: 'issuer', text: issuer, diameterMm: 42, weight: 700 } }],
        date,
        upperDate: true,
      });
      return { c, title: centre, issuer, date, codePrinted: false, uploadName: `${centre}证书.pdf`, bullets: [2] };
    }
    const c = await portrait(ctx);
    const date = docDate(rng);
    const rule = rng.pick(['研发项目管理及创新激励办法', '科技创新奖励管理制度', '研究开发组织管理制度']);
    redHead(c, rng, company.name, `${company.tradeName}技发`, year(date));
    const w = makeWriter(c, rng);
    docTitle(c, `关于印发《${rule}》的通知`);
    w.p(`为激发全员创新活力，规范研发项目立项、实施和验收管理，现将《${rule}》印发给你们，请遵照执行。`);
    w.h2(rule);
    articles(w, [
      '公司设立技术中心，作为研发创新的组织机构，配备专职研发人员，负责新产品、新技术、新工艺的研究开发。',
      '研发项目实行立项评审、过程检查和结题验收管理，研发费用单独归集核算。',
      '公司每年按不低于营业收入4%的比例安排研发投入，并逐年增长。',
      '对获得发明专利授权的，每件奖励发明人10000元；主导制定国家标准、行业标准的，给予项目组专项奖励。',
      '研发成果转化产生经济效益的，按新增利润的一定比例奖励项目团队。',
      '本办法自印发之日起施行。',
    ]);
    await signOff(c, rng, { org: company.name, date, seal: withSeal(ctx, 0.8) });
    return { c, title: rule, issuer: company.name, date, codePrinted: false, uploadName: `${rule}.pdf`, bullets: [1] };
  },
};

// ------------------------------------------------------------------------------------------
// 6 质量信用评价

const selfAssessment: EvidenceTemplate = {
  id: 'credit-self-assessment-report',
  window: 'credit-evaluation',
  bullets: [1, 2, 3],
  async make(ctx) {
    const { company, rng } = ctx;
    const c = await portrait(ctx);
    const date = docDate(rng, '2025-01-10', '2026-04-30');
    const y = String(Number(year(date)) - 1);
    const title = rng.pick([`${y}年度质量信用自我评价报告`, '质量信用自我评价报告', `质量信用状况自评报告（${y}年）`]);
    const w = makeWriter(c, rng);
    c.y = 80;
    c.para(title, { size: 17, weight: 'bold', align: 'center', lineHeight: 32, after: 2 });
    c.para(company.name, { size: 11, align: 'center', lineHeight: 20, after: 8 });
    w.h1('一、评价依据和范围');
    w.p(`依据公司《质量信用测量与评价管理办法》，对${y}年度公司质量信用状况进行自我评价，评价范围覆盖${company.mainProducts.join('、')}的生产经营全过程。`);
    w.h1('二、质量信用测量体系');
    w.p('公司建立了分层次的质量信用测量指标体系，明确各项指标的数据来源和测量频次：');
    w.table(
      [
        ['一级指标', '二级指标', '数据来源', '测量频次'],
        ['质量履约', '合同按期交付率、一次交验合格率', 'ERP系统、检验记录', '月'],
        ['客户和市场反馈', '顾客满意度、有效投诉次数', '满意度调查、投诉台账', '季度/年'],
        ['质量合规与责任', '监督抽查合格率、行政处罚次数', '监管部门通报、信用报告', '年'],
        ['质量改进与创新', 'QC成果数、改进项目完成率', '改进项目台账', '半年'],
      ],
      [90, 170, 130, 70],
    );
    w.h1('三、评价结果');
    const score = rng.float(86, 96);
    w.table(
      [
        ['评价项目', '权重', '得分'],
        ['质量履约', '30', (score * 0.3).toFixed(1)],
        ['客户和市场反馈', '25', (score * 0.25).toFixed(1)],
        ['质量合规与责任', '25', (score * 0.25).toFixed(1)],
        ['质量改进与创新', '20', (score * 0.2).toFixed(1)],
        ['合计', '100', score.toFixed(1)],
      ],
      [200, 100, 100],
    );
    w.p(`经评价，公司${y}年度质量信用自评得分${score.toFixed(1)}分，质量信用状况${score > 90 ? '良好' : '较好'}。`);
    w.h1('四、改进机会及优先顺序');
    w.table(
      [
        ['序号', '改进机会', '优先级', '责任部门'],
        ['1', '降低外部质量损失，减少客户退货', '高', '质量部'],
        ['2', '提升关键供应商来料质量稳定性', '高', '采购部'],
        ['3', '缩短客户投诉处理周期', '中', '售后服务部'],
        ['4', '完善质量数据自动采集', '低', '信息部'],
      ],
      [40, 250, 60, 110],
    );
    await signOff(c, rng, { org: company.name, date, seal: withSeal(ctx, 0.7) });
    return { c, title, issuer: company.name, date, codePrinted: false, uploadName: '质量信用自我评价报告.pdf' };
  },
};

const measurementRules: EvidenceTemplate = {
  id: 'credit-measurement-system',
  window: 'credit-evaluation',
  bullets: [1],
  async make(ctx) {
    const { company, rng } = ctx;
    const c = await portrait(ctx);
    const date = docDate(rng);
    const rule = rng.pick(['质量信用测量与评价管理办法', '质量信用测量指标体系及数据采集规定']);
    if (rng.chance(0.6)) await controlledStamp(c, rng, date);
    c.y = 96;
    c.para(rule, { size: 17, weight: 'bold', align: 'center', lineHeight: 32, after: 8 });
    const w = makeWriter(c, rng);
    articles(w, [
      '为系统测量和评价公司质量信用状况，制定本办法。',
      '质量信用测量指标分为质量履约、客户和市场反馈、质量合规与责任、质量改进与创新四个维度，每个维度下设具体指标。',
      '各项指标的数据由归口部门按规定的来源和频次收集，质量部汇总分析。',
      '每年一月组织上一年度质量信用自我评价，评价结果报管理评审。',
    ]);
    w.table(
      [
        ['维度', '指标', '计算方法', '数据来源', '频次', '归口部门'],
        ['质量履约', '订单准时交付率', '准时交付批次/总批次', 'ERP', '月', '生产部'],
        ['质量履约', '出厂检验合格率', '合格批次/检验批次', '检验记录', '月', '质量部'],
        ['客户反馈', '顾客满意度', '问卷加权得分', '满意度调查', '年', '销售部'],
        ['客户反馈', '有效投诉次数', '经确认的投诉', '投诉台账', '月', '售后服务部'],
        ['合规与责任', '监督抽查合格率', '合格次数/抽查次数', '监管通报', '年', '质量部'],
        ['改进与创新', '改进项目完成率', '完成数/计划数', '改进台账', '季度', '技术部'],
      ],
      [60, 80, 100, 70, 40, 70],
    );
    c.gap(10);
    c.text(`发布日期：${zhDate(date)}`, c.width - c.margin.right, c.y, { size: 10.5, align: 'right' });
    return { c, title: rule, issuer: company.name, date, codePrinted: false, uploadName: `${rule}.pdf` };
  },
};

const evaluationMinutes: EvidenceTemplate = {
  id: 'credit-evaluation-minutes',
  window: 'credit-evaluation',
  bullets: [3, 2],
  async make(ctx) {
    const { company, rng } = ctx;
    const c = await portrait(ctx);
    const date = docDate(rng);
    const title = rng.pick(['质量信用评价结果分析会会议纪要', '管理评审会议纪要（质量信用专题）']);
    const w = makeWriter(c, rng);
    c.y = 80;
    c.para(title, { size: 17, weight: 'bold', align: 'center', lineHeight: 32, after: 8 });
    c.table(
      [
        [{ text: '会议时间', bold: true }, zhDate(date), { text: '会议地点', bold: true }, '公司第一会议室'],
        [{ text: '主持人', bold: true }, company.generalManager, { text: '记录人', bold: true }, personName(rng)],
        [{ text: '参加人员', bold: true }, { text: `${company.qualityChief}（首席质量官）及各部门负责人` }, { text: '人数', bold: true }, String(rng.int(9, 18))],
      ],
      { widths: [70, 170, 70, 125], width: c.contentWidth, size: 10, lineHeight: 16, padY: 6 },
    );
    c.gap(8);
    w.h2('一、会议内容');
    w.p(`会议听取了质量部关于${Number(year(date)) - 1}年度质量信用自我评价结果的汇报，对照测量指标逐项分析了差距。`);
    w.h2('二、识别的改进机会');
    w.item('1．外部质量损失额同比上升，需加强出厂检验和过程控制；');
    w.item('2．部分客户反映交付周期偏长，影响履约评价；');
    w.item('3．质量数据采集依赖人工，及时性不足。');
    w.h2('三、会议决定');
    w.p('经讨论，按照对质量信用影响程度和实施难度，确定改进优先顺序为：第1项（高）、第2项（中）、第3项（中），由责任部门制定改进计划，下次管理评审时汇报进展。');
    if (rng.chance(0.4)) await signOff(c, rng, { org: company.name, date, seal: companySeal(company, rng) });
    return { c, title, issuer: company.name, date, codePrinted: false, uploadName: `${title}.pdf` };
  },
};

// ------------------------------------------------------------------------------------------
// 7 质量信用改进

const qcResult: EvidenceTemplate = {
  id: 'qc-group-result',
  window: 'credit-improvement',
  bullets: [2],
  async make(ctx) {
    const { company, rng } = ctx;
    const c = await portrait(ctx);
    const date = docDate(rng);
    const product = rng.pick(company.mainProducts);
    const item = rng.pick(company.industry.testItems);
    const before = rng.float(2.5, 6.5);
    const after = before * rng.float(0.25, 0.5);
    const topic = rng.pick([`降低${product}${item}不合格率`, `提高${product}一次交验合格率`, `缩短${product}换型调整时间`]);
    const team = `${rng.pick(['精益', '攻坚', '匠心', '追梦', '启航', '质胜'])}QC小组`;
    const w = makeWriter(c, rng);
    cover(c, rng, { title: topic, subtitle: `${company.name}　${team}`, org: company.name, date });
    c.newPage();
    w.h1('一、小组概况');
    w.table(
      [
        ['小组名称', team, '注册编号', `QC-${year(date)}-${rng.int(1, 40).toString().padStart(3, '0')}`],
        ['课题类型', '问题解决型', '活动时间', `${zhDate(addMonths(date, -8))}—${zhDate(date)}`],
        ['成员人数', String(rng.int(6, 11)), 'QC教育时长', `${rng.int(36, 72)}小时/人`],
      ],
      [90, 140, 90, 140],
      0,
    );
    w.h1('二、选择课题');
    w.p(`${year(date)}年上半年，${product}的${item}不合格率为${before.toFixed(2)}%，高于公司目标值，造成返工和外部质量损失，因此选定本课题。`);
    w.h1('三、现状调查与目标设定');
    w.p(`小组对近3个月的不合格品进行分层统计，运用排列图分析，${item}问题占不合格总数的${rng.int(62, 81)}%，是主要症结。小组将目标设定为：${item}不合格率由${before.toFixed(2)}%降至${(after * 1.1).toFixed(2)}%。`);
    w.h1('四、原因分析与要因确认');
    w.p('小组从人、机、料、法、环、测六个方面绘制因果图，找出末端因素11项，经现场验证确认3项要因：设备参数漂移、作业指导书未规定首件确认方法、检具磨损。');
    w.h1('五、对策实施与效果检查');
    w.p(`针对要因制定对策表并逐项实施。对策实施后连续3个月统计，${item}不合格率降至${after.toFixed(2)}%，实现了课题目标，年节约质量成本约${rng.int(18, 95)}万元。`);
    w.h1('六、巩固措施');
    w.p('修订作业指导书和设备点检规范，纳入公司标准化文件；下一步将以“降低外部质量损失”为新课题继续开展活动。');
    return { c, title: topic, issuer: company.name, date, codePrinted: false, uploadName: `QC成果-${topic}.pdf` };
  },
};

const qcAward: EvidenceTemplate = {
  id: 'improvement-honour-certificate',
  window: 'credit-improvement',
  bullets: [2],
  async make(ctx) {
    const { company, rng } = ctx;
    const date = docDate(rng, '2024-06-01', '2026-03-31');
    const assoc = rng.pick(['江苏省质量管理协会', `${company.district.city}质量协会`, '中国质量协会（华东赛区）']);
    const team = `${rng.pick(['精益', '攻坚', '匠心', '追梦', '启航'])}QC小组`;
    const grade = rng.pick(['一等', '二等', '优秀', '示范级']);
    const c = await certificate(ctx, {
      orientation: 'landscape',
      frame: [184, 146, 88],
      title: '荣誉证书',
      redTitle: rng.chance(0.8),
      lines: [
        { label: null, text: `${company.name}${team}：` },
        { label: null, text: `你小组完成的《${rng.pick(['降低', '提高', '缩短'])}${rng.pick(company.mainProducts)}${rng.pick(['不良率', '合格率', '调整时间'])}》成果，在${year(date)}年${assoc.replace(/（.*）/, '')}质量管理小组成果发表交流活动中荣获${grade}成果。` },
        { label: null, text: '特发此证，以资鼓励。' },
      ],
      issuers: [{ name: assoc, seal: { role: 'issuer', text: assoc.replace(/（.*）/, ''), diameterMm: 40, weight: 700, faded: rng.chance(0.15) } }],
      date,
      upperDate: rng.chance(0.6),
      number: `证书编号：${year(date)}QC${rng.chars('0123456789', 4)}`,
    });
    return { c, title: '荣誉证书', issuer: assoc, date, codePrinted: false, uploadName: 'QC成果荣誉证书.pdf' };
  },
};

const improvementPlan: EvidenceTemplate = {
  id: 'credit-improvement-plan',
  window: 'credit-improvement',
  bullets: [1],
  async make(ctx) {
    const { company, rng } = ctx;
    const c = await portrait(ctx, { top: 64, bottom: 64, left: 60, right: 60 });
    const date = docDate(rng, '2025-01-05', '2026-03-31');
    const y = year(date);
    const title = rng.pick([`${y}年度质量信用改进目标及实施计划`, `质量信用提升行动计划（${y}年）`, `${y}年质量目标分解及改进计划`]);
    const w = makeWriter(c, rng);
    c.para(title, { size: 17, weight: 'bold', align: 'center', lineHeight: 32, after: 6 });
    w.p(`根据${Number(y) - 1}年度质量信用自我评价结果，公司策划了${y}年度质量信用改进目标，并逐级分解至部门、车间和班组，具体如下：`);
    w.table(
      [
        ['序号', '公司级目标', '部门/车间分解目标', '班组分解目标', '主要措施', '完成时限', '责任人'],
        ['1', '外部质量损失额下降20%', '质量部：客户退货批次≤3批', '检验班：漏检率为0', '实施出厂全检和质量门', `${y}年12月`, company.qualityChief],
        ['2', '顾客满意度≥93分', '销售部：投诉响应≤24小时', '服务班组：回访率100%', '建立客户分级回访机制', `${y}年12月`, personName(rng)],
        ['3', '一次交验合格率≥99.5%', '生产部：过程不良率≤0.8%', '各班组：首件合格率100%', '推行防错和SPC', `${y}年10月`, personName(rng)],
        ['4', '供应商来料合格率≥99%', '采购部：关键供应商审核100%', '来料检验组：加严检验', '供应商质量改进帮扶', `${y}年9月`, personName(rng)],
      ],
      [26, 80, 90, 80, 90, 50, 50],
    );
    w.p('各责任部门每月报告目标完成情况，质量部每季度组织检查考核，考核结果与部门绩效挂钩。');
    await signOff(c, rng, { org: company.name, date, seal: withSeal(ctx, 0.6) });
    return { c, title, issuer: company.name, date, codePrinted: false, uploadName: '质量信用改进计划.pdf' };
  },
};

// ------------------------------------------------------------------------------------------
// 8 质量水平

const inspectionReport: EvidenceTemplate = {
  id: 'inspection-report',
  window: 'quality-level',
  bullets: [2],
  async make(ctx) {
    const { company, rng } = ctx;
    const c = await portrait(ctx, { top: 70, bottom: 64, left: 66, right: 66 });
    const lab = rng.pick(LABS);
    const date = docDate(rng);
    const sampled = addDays(date, -rng.int(10, 40));
    const product = rng.pick(company.mainProducts);
    const supervision = rng.chance(0.6);
    const reportNo = `${rng.pick(['SJ', 'JC', 'WT'])}${year(date)}${rng.chars('0123456789', 6)}`;
    const standard = rng.pick(company.industry.productStandards);
    // Cover.
    c.text(`报告编号：${reportNo}`, c.width - c.margin.right, 60, { size: 10, align: 'right' });
    c.rect(c.margin.left, 54, 54, 30, { stroke: [0, 0, 0], width: 1.2 });
    c.text('CMA', c.margin.left + 27, 58, { size: 14, weight: 900, align: 'center' });
    c.text(`${rng.chars('0123456789', 12)}`, c.margin.left, 90, { size: 7 });
    c.text('检 验 检 测 报 告', c.width / 2, 200, { size: 28, weight: 'bold', align: 'center', spacing: 2 });
    c.text('TEST REPORT', c.width / 2, 246, { size: 12, align: 'center' });
    const info: [string, string][] = [
      ['样品名称', product],
      ['受检单位', company.name],
      ['生产单位', company.name],
      ['检验类别', supervision ? `${rng.pick(['江苏省', company.district.city])}市场监督管理局产品质量监督抽查` : '委托检验'],
    ];
    c.y = 330;
    for (const [k, v] of info) {
      c.text(`${k}：`, 150, c.y, { size: 13 });
      c.text(v, 230, c.y, { size: 13 });
      c.line(230, c.y + 17, c.width - 110, c.y + 17, 0.5);
      c.y += 40;
    }
    c.text(lab, c.width / 2, c.height - 150, { size: 14, weight: 'bold', align: 'center' });
    if (rng.chance(0.5)) await addSeal(c, rng, c.width / 2 + rng.float(-20, 20), c.height - 150, { role: 'issuer', text: lab.replace(/（.*）/, ''), centerText: '检验检测专用章', diameterMm: 40, weight: 700 });
    // Results page.
    c.newPage();
    c.para('检验检测报告', { size: 15, weight: 'bold', align: 'center', lineHeight: 28, after: 4 });
    const label = (t: string) => ({ text: t, bold: true, align: 'center' as const });
    c.table(
      [
        [label('样品名称'), product, label('规格型号'), `${rng.pick(['XH', 'GT', 'JS'])}-${rng.int(10, 900)}`],
        [label('受检单位'), company.name, label('商标'), company.tradeName],
        [label('抽样单位'), supervision ? company.registrationAuthority : '—', label('抽样日期'), sampled],
        [label('样品数量'), `${rng.int(2, 12)}${rng.pick(['件', '套', 'kg', '批'])}`, label('检验日期'), `${addDays(sampled, 2)}至${addDays(date, -2)}`],
        [label('检验依据'), { text: standard }, label('生产日期/批号'), addDays(sampled, -rng.int(5, 60)).replaceAll('-', '')],
        [label('检验结论'), { text: `经抽样检验，所检项目符合${standard}标准要求。\n检验结论：合格。` }, label('签发日期'), date],
      ],
      { widths: [70, 170, 80, 143], width: c.contentWidth, size: 9.5, lineHeight: 15, padY: 5 },
    );
    c.gap(8);
    const items = rng.sample(company.industry.testItems, rng.int(5, 7));
    c.table(
      [
        ['序号', '检验项目', '标准要求', '实测结果', '单项判定'],
        ...items.map((it, i) => [String(i + 1), it, rng.pick(['应符合5.2条', '≥规定值', '≤规定值', '应无异常', '符合要求']), rng.pick(['符合', '符合要求', `${rng.float(0.5, 99).toFixed(1)}`, '未检出']), '合格']),
      ],
      { widths: [36, 120, 120, 110, 77], width: c.contentWidth, headerRows: 1, size: 9.5, lineHeight: 15, aligns: ['center', 'left', 'left', 'center', 'center'] },
    );
    c.gap(26);
    c.text(`批准：${personName(rng)}　　　审核：${personName(rng)}　　　主检：${personName(rng)}`, c.margin.left, c.y, { size: 10.5 });
    c.gap(10);
    await addSeal(c, rng, c.width - c.margin.right - 90, c.y + 10, { role: 'issuer', text: lab.replace(/（.*）/, ''), centerText: '检验检测专用章', diameterMm: 40, weight: 700, faded: rng.chance(0.15) });
    c.footer = (cc, page, total) => cc.text(`第 ${page} 页 共 ${total} 页`, cc.width - cc.margin.right, cc.height - 40, { size: 8.5, align: 'right' });
    return { c, title: `${product}检验检测报告`, issuer: lab, date, codePrinted: false, uploadName: supervision ? `监督抽查检验报告-${product}.pdf` : `委托检验报告-${product}.pdf` };
  },
};

const benchmarkReport: EvidenceTemplate = {
  id: 'quality-benchmark-report',
  window: 'quality-level',
  bullets: [3],
  async make(ctx) {
    const { company, rng } = ctx;
    const c = await portrait(ctx);
    const date = docDate(rng);
    const product = rng.pick(company.mainProducts);
    const title = rng.pick([`${product}质量水平对标分析报告`, `${product}与国内外同类产品质量对比分析`, `${product}关键质量指标对标报告`]);
    const w = makeWriter(c, rng);
    c.y = 80;
    c.para(title, { size: 17, weight: 'bold', align: 'center', lineHeight: 32, after: 8 });
    w.h1('一、对标对象');
    w.p(`选取国际同行${rng.pick(['德国', '日本', '美国', '瑞士'])}某知名企业同类产品及国内行业排名前三企业的产品作为对标对象，数据来源于第三方检测报告、公开样本和客户反馈。`);
    w.h1('二、关键指标对比');
    const items = rng.sample(company.industry.testItems, 5);
    w.table(
      [
        ['指标', '本公司', '国内同行先进', '国际先进', '对标结论'],
        ...items.map((it) => [it, rng.pick(['优于标准20%', '达到国际水平', '0.8级', '无异常']), rng.pick(['优于标准10%', '1.0级', '合格']), rng.pick(['优于标准18%', '0.8级', '无异常']), rng.pick(['领先', '持平', '领先'])]),
      ],
      [110, 90, 90, 90, 60],
    );
    w.h1('三、结论');
    w.p(`${product}主要质量指标达到或优于国内同行先进水平，其中${items[0]}、${items[1]}等指标与国际先进水平持平，整体处于行业领先地位。`);
    await signOff(c, rng, { org: `${company.name}技术中心`, date, seal: null });
    return { c, title, issuer: company.name, date, codePrinted: false, uploadName: '质量对标报告.pdf' };
  },
};

const feedbackLedger: EvidenceTemplate = {
  id: 'quality-information-ledger',
  window: 'quality-level',
  bullets: [1],
  async make(ctx) {
    const { company, rng } = ctx;
    const c = await portrait(ctx, { top: 60, bottom: 60, left: 52, right: 52 });
    const date = docDate(rng, '2025-06-01', '2026-04-30');
    const title = rng.pick(['外部质量信息收集与处理台账', '质量信息（检查、投诉、市场调查）处理记录汇总表']);
    c.para(company.name, { size: 11.5, align: 'center', lineHeight: 20 });
    c.para(title, { size: 16, weight: 'bold', align: 'center', lineHeight: 30, after: 6 });
    const sources = ['市场监管日常检查', '消费者投诉（12315转办）', '客户投诉', '市场调查', '行业主管部门通报', '电商平台评价'];
    const rows = Array.from({ length: rng.int(7, 11) }, (_, i) => {
      const d = randomDate(rng, addDays(date, -330), date);
      const src = rng.pick(sources);
      return [String(i + 1), d, src, rng.pick(['标签标识不规范', '产品外观划伤', '包装破损', '说明书信息不全', '交付延迟', '使用中异响', '现场检查：记录不完整']), rng.pick(['已整改并回复', '更换产品、向顾客致歉', '修订作业标准', '培训相关人员']), rng.pick(['关闭', '关闭', '关闭', '跟踪中']), `${rng.int(1, 5)}天`];
    }).sort((a, b) => a[1]!.localeCompare(b[1]!)).map((r, i) => [String(i + 1), ...r.slice(1)]);
    c.table([['序号', '日期', '信息来源', '问题描述', '处理措施', '状态', '处理时长'], ...rows], {
      widths: [28, 64, 92, 100, 104, 40, 48], width: c.contentWidth, headerRows: 1, size: 8.5, lineHeight: 13, aligns: ['center', 'center', 'left', 'left', 'left', 'center', 'center'],
    });
    c.gap(10);
    c.text(`统计人：${personName(rng)}　　　审核：${company.qualityChief}　　　${zhDate(date)}`, c.margin.left, c.y, { size: 10 });
    return { c, title, issuer: company.name, date, codePrinted: false, uploadName: '质量信息处理台账.pdf' };
  },
};

// ------------------------------------------------------------------------------------------
// 9 顾客满意

const satisfactionReport: EvidenceTemplate = {
  id: 'customer-satisfaction-report',
  window: 'customer-satisfaction',
  bullets: [5, 6],
  async make(ctx) {
    const { company, rng } = ctx;
    const c = await portrait(ctx);
    const date = docDate(rng, '2025-01-10', '2026-04-20');
    const y2 = Number(year(date)) - 1;
    const y1 = y2 - 1;
    const thirdParty = rng.chance(0.35);
    const title = rng.pick([`${y2}年度顾客满意度测评分析报告`, `${y2}年客户满意度调查分析及改进报告`, `顾客满意度测评报告（${y1}—${y2}年）`]);
    const w = makeWriter(c, rng);
    c.y = 80;
    c.para(title, { size: 17, weight: 'bold', align: 'center', lineHeight: 32, after: 2 });
    c.para(thirdParty ? `委托单位：${company.name}` : company.name, { size: 11, align: 'center', lineHeight: 20, after: 8 });
    w.h1('一、测评方法');
    const n = rng.int(80, 420);
    w.p(`采用问卷调查与电话回访相结合的方式，${thirdParty ? '由第三方机构独立实施，' : ''}向${n}家客户发放问卷，回收有效问卷${n - rng.int(3, 20)}份。满意度指数采用加权平均法计算（满分100分）。`);
    w.h1('二、测评结果');
    const s1 = rng.float(86, 92);
    const s2 = s1 + rng.float(0.5, 3);
    w.table(
      [
        ['测评维度', `${y1}年`, `${y2}年`, '变化'],
        ['产品质量', (s1 + 1.2).toFixed(1), (s2 + 1.1).toFixed(1), '↑'],
        ['交付及时性', (s1 - 1.5).toFixed(1), (s2 - 0.8).toFixed(1), '↑'],
        ['服务响应', s1.toFixed(1), (s2 + 0.4).toFixed(1), '↑'],
        ['技术支持', (s1 + 0.3).toFixed(1), s2.toFixed(1), '↑'],
        ['总体满意度', s1.toFixed(1), s2.toFixed(1), `+${(s2 - s1).toFixed(1)}`],
      ],
      [150, 90, 90, 80],
    );
    w.h1('三、质量损失与投诉指标趋势');
    const loss = rng.float(20, 80);
    w.table(
      [
        ['指标', `${y1 - 1}年`, `${y1}年`, `${y2}年`],
        ['外部质量损失额（万元）', (loss * 1.3).toFixed(1), (loss * 1.1).toFixed(1), loss.toFixed(1)],
        ['顾客有效投诉次数（次）', String(rng.int(18, 30)), String(rng.int(12, 18)), String(rng.int(5, 11))],
        ['客诉处置满意率', `${rng.float(90, 94).toFixed(1)}%`, `${rng.float(94, 96).toFixed(1)}%`, `${rng.float(96, 99.5).toFixed(1)}%`],
      ],
      [170, 80, 80, 80],
    );
    w.h1('四、问题分析与持续改进');
    w.p('针对测评中客户反映较集中的“交付周期”和“技术资料完整性”问题，公司已制定专项改进措施：优化排产计划，推行订单交期预警；完善产品说明书和技术资料包。下一年度将跟踪验证改进效果。');
    await signOff(c, rng, { org: thirdParty ? rng.pick(['江苏中衡市场调查有限公司', '苏州数研咨询服务有限公司']) : company.name, date, seal: thirdParty ? { role: 'issuer', text: '江苏中衡市场调查有限公司', diameterMm: 40, weight: 700 } : withSeal(ctx, 0.6) });
    return { c, title, issuer: thirdParty ? '第三方调查机构' : company.name, date, codePrinted: false, uploadName: `${title}.pdf` };
  },
};

const complaintRules: EvidenceTemplate = {
  id: 'complaint-and-recall-rules',
  window: 'customer-satisfaction',
  bullets: [4],
  async make(ctx) {
    const { company, rng } = ctx;
    const c = await portrait(ctx);
    const date = docDate(rng);
    const rule = rng.pick(['顾客投诉处理及缺陷产品召回管理办法', '质量投诉处理与服务补救管理制度', '产品召回及客户投诉管理程序']);
    if (rng.chance(0.6)) await controlledStamp(c, rng, date);
    c.text(`${company.name}`, c.margin.left, 48, { size: 9.5 });
    c.y = 110;
    c.para(rule, { size: 17, weight: 'bold', align: 'center', lineHeight: 32, after: 8 });
    const w = makeWriter(c, rng);
    articles(w, [
      '为及时有效处理顾客质量投诉，控制缺陷产品风险，维护顾客合法权益，制定本办法。',
      '售后服务部为顾客投诉的归口受理部门，对外公布投诉电话、邮箱和微信服务号。',
      '接到投诉后24小时内响应，一般投诉5个工作日内处理完毕，重大投诉由首席质量官组织处理。',
      '通过产品追溯系统确定问题批次和影响范围，必要时启动缺陷产品召回。',
      '对服务过程中的失误，采取上门维修、更换、退货、补偿等服务补救措施。',
      '投诉处理结束后进行回访，统计客诉处置满意率，并纳入月度质量分析会。',
      '本办法自发布之日起施行。',
    ]);
    c.gap(8);
    c.text(`批准：${company.generalManager}　　　　发布日期：${zhDate(date)}`, c.margin.left, c.y, { size: 10 });
    return { c, title: rule, issuer: company.name, date, codePrinted: false, uploadName: `${rule}.pdf` };
  },
};

const serviceCommitment: EvidenceTemplate = {
  id: 'after-sales-commitment',
  window: 'customer-satisfaction',
  bullets: [1, 3, 2],
  async make(ctx) {
    const { company, rng } = ctx;
    const c = await portrait(ctx);
    const date = docDate(rng);
    const title = rng.pick(['售后服务承诺书', '客户服务承诺', '关于设立客户服务中心的通知']);
    const w = makeWriter(c, rng);
    c.y = 90;
    c.para(title, { size: 19, weight: 'bold', align: 'center', lineHeight: 34, after: 10 });
    if (title.startsWith('关于')) {
      w.p(`为加强售后服务管理，提升客户满意度，公司决定设立客户服务中心（售后服务部），负责产品售后技术支持、客户关系维护、满意度信息收集和投诉处理。中心主任由${personName(rng)}担任，下设技术服务组、客户关系组和备件保障组。`);
      w.p('客户服务中心应建立客户档案，定期开展客户回访，收集顾客质量满意信息，每月形成分析报告反馈至相关部门。');
    } else {
      w.p(`${company.name}郑重承诺：`);
      w.item('一、产品质量符合国家标准和合同约定，出厂产品均附合格证和使用说明书；');
      w.item('二、客户服务热线7×24小时受理，接到报修后2小时内响应，省内48小时内到达现场；');
      w.item('三、质保期内非人为损坏免费维修或更换，质保期外提供终身有偿服务；');
      w.item('四、通过产品包装、说明书、公司网站和微信公众号向顾客公开本承诺，接受监督；');
      w.item('五、设立客户服务中心，专人负责客户关系维护和满意度回访。');
    }
    w.p(`服务热线：${company.contact.phone}`);
    await signOff(c, rng, { org: company.name, date, seal: withSeal(ctx, 0.8) });
    return { c, title, issuer: company.name, date, codePrinted: false, uploadName: `${title}.pdf` };
  },
};

// ------------------------------------------------------------------------------------------
// 10 品牌建设

const qualityAward: EvidenceTemplate = {
  id: 'government-quality-award',
  window: 'brand-building',
  bullets: [2],
  async make(ctx) {
    const { company, rng } = ctx;
    const date = docDate(rng, '2022-10-01', '2026-01-31');
    const level = rng.pick(['city', 'district', 'province'] as const);
    const district = company.district;
    const award = level === 'province' ? '江苏省质量奖' : level === 'city' ? `${district.city.replace(/市$/, '')}市市长质量奖` : `${district.countyCity ? district.name : district.name}${district.countyCity ? '市长' : '区长'}质量奖`;
    const issuer = level === 'province' ? '江苏省人民政府' : level === 'city' ? `${district.city}人民政府` : `${district.countyCity ? district.name : district.city + district.name}人民政府`;
    const c = await certificate(ctx, {
      orientation: rng.chance(0.6) ? 'landscape' : 'portrait',
      frame: [184, 146, 88],
      emblem: rng.chance(0.5),
      title: rng.chance(0.5) ? '荣 誉 证 书' : `${award}证书`,
      redTitle: true,
      lines: [
        { label: null, text: company.name },
        { label: null, text: `荣获${year(date)}年度${award}${rng.pick(['', '提名奖', ''])}。` },
        { label: null, text: '特颁此证。' },
      ],
      issuers: [{ name: issuer, seal: { role: 'issuer', text: issuer, diameterMm: 42, weight: 700 } }],
      date,
      upperDate: true,
      number: rng.chance(0.5) ? `证书编号：${year(date)}ZLJ${rng.chars('0123456789', 3)}` : undefined,
    });
    return { c, title: award, issuer, date, codePrinted: false, uploadName: `${award}证书.pdf` };
  },
};

const brandPlan: EvidenceTemplate = {
  id: 'brand-building-plan',
  window: 'brand-building',
  bullets: [1],
  async make(ctx) {
    const { company, rng } = ctx;
    const c = await portrait(ctx);
    const date = docDate(rng, '2023-12-01', '2026-02-28');
    const start = Number(year(date)) + (date.slice(5) > '10' ? 1 : 0);
    const title = rng.pick([`品牌建设规划（${start}—${start + 4}年）`, `“${company.tradeName}”品牌培育实施方案`, `${start}—${start + 2}年品牌发展战略规划`]);
    const w = makeWriter(c, rng);
    cover(c, rng, { title: `${company.name}\n${title}`, org: company.name, date, approvals: [`批准：${company.generalManager}`], redLine: rng.chance(0.4) });
    c.newPage();
    w.h1('一、品牌现状');
    w.p(`公司“${company.tradeName}”商标为注册商标，主导产品${company.mainProducts.join('、')}在国内细分市场具有较高知名度，客户覆盖${rng.int(12, 31)}个省（区、市）及海外${rng.int(5, 40)}个国家和地区。`);
    w.h1('二、品牌定位与目标');
    w.p(`以“${rng.pick(['品质可信赖、技术领先', '精工品质、值得托付', '绿色、智能、可靠'])}”为品牌定位，力争规划期内获得“江苏精品”认证，争创省级以上政府质量奖，品牌价值年均增长10%以上。`);
    w.h1('三、重点任务');
    w.item('1．实施质量提升工程，夯实品牌质量基础；');
    w.item('2．加强商标注册和知识产权保护，开展海外商标布局；');
    w.item('3．完善品牌视觉识别系统，统一对外宣传；');
    w.item('4．参加行业展会和品牌评价活动，提升品牌影响力。');
    w.h1('四、保障措施');
    w.p('成立由总经理任组长的品牌建设领导小组，设立品牌建设专项资金，将品牌建设目标纳入部门年度考核。');
    await signOff(c, rng, { org: company.name, date, seal: withSeal(ctx, 0.6) });
    return { c, title, issuer: company.name, date, codePrinted: false, uploadName: '品牌建设规划.pdf' };
  },
};

const brandHonour: EvidenceTemplate = {
  id: 'brand-honour-certificate',
  window: 'brand-building',
  bullets: [3],
  async make(ctx) {
    const { company, rng } = ctx;
    const date = docDate(rng, '2022-06-01', '2026-02-28');
    const product = rng.pick(company.mainProducts);
    const honour = rng.pick([
      { name: '江苏精品', issuer: '江苏精品国际认证联盟', text: `${company.name}生产的${product}获得“江苏精品”认证。` },
      { name: '江苏省专精特新中小企业', issuer: '江苏省工业和信息化厅', text: `${company.name}被认定为${year(date)}年度江苏省专精特新中小企业。` },
      { name: `${company.district.city}知名品牌`, issuer: `${company.district.city}品牌发展促进会`, text: `${company.name}“${company.tradeName}”牌${product}被评为${company.district.city}知名品牌。` },
      { name: '江苏省守合同重信用企业', issuer: '江苏省市场监督管理局', text: `${company.name}被公示为江苏省“守合同重信用”企业（${year(date)}年度）。` },
    ]);
    const c = await certificate(ctx, {
      orientation: rng.chance(0.5) ? 'landscape' : 'portrait',
      frame: [184, 146, 88],
      title: rng.chance(0.5) ? '证　　书' : honour.name,
      redTitle: rng.chance(0.6),
      lines: [{ label: null, text: honour.text }, { label: null, text: `有效期：${year(date)}年—${Number(year(date)) + 3}年` }],
      issuers: [{ name: honour.issuer, seal: rng.chance(0.9) ? { role: 'issuer', text: honour.issuer, diameterMm: 42, weight: 700, faded: rng.chance(0.15) } : null }],
      date,
      upperDate: rng.chance(0.5),
      copyMark: rng.weighted(['certified', 'copy', null], [1, 1, 3]),
    });
    return { c, title: honour.name, issuer: honour.issuer, date, codePrinted: false, uploadName: `${honour.name}证书.pdf` };
  },
};

// ------------------------------------------------------------------------------------------
// 11 社会责任

const esgReport: EvidenceTemplate = {
  id: 'social-responsibility-report',
  window: 'social-responsibility',
  bullets: [2, 1, 4],
  async make(ctx) {
    const { company, rng } = ctx;
    const c = await portrait(ctx);
    const date = docDate(rng, '2025-03-01', '2026-04-30');
    const y = String(Number(year(date)) - 1);
    const esg = rng.chance(0.5);
    const title = esg ? `${y}年度环境、社会及治理（ESG）报告` : rng.pick([`${y}年度社会责任报告`, `企业社会责任报告（${y}）`]);
    const showCode = rng.chance(0.5);
    cover(c, rng, { title: `${company.name}\n${title}`, org: company.name, date, code: showCode ? company.creditCode : undefined });
    c.newPage();
    const w = makeWriter(c, rng);
    w.h1('关于本报告');
    w.p(`本报告是公司发布的第${rng.int(2, 6)}份${esg ? 'ESG' : '社会责任'}报告，参照GB/T 36001《社会责任报告编写指南》和GB/T 39604《社会责任管理体系　要求及使用指南》编写，报告期为${y}年1月1日至12月31日。本报告通过公司官网向社会公开发布。`);
    w.h1(esg ? '一、环境（E）' : '一、环境责任');
    const energy = rng.float(3000, 12000);
    w.table(
      [
        ['指标', `${Number(y) - 1}年`, `${y}年`],
        ['综合能耗（吨标准煤）', (energy * 1.06).toFixed(0), energy.toFixed(0)],
        ['单位产值能耗（吨标煤/万元）', rng.float(0.05, 0.09).toFixed(3), rng.float(0.03, 0.05).toFixed(3)],
        ['光伏发电量（万千瓦时）', rng.float(40, 200).toFixed(1), rng.float(200, 400).toFixed(1)],
        ['一般固废综合利用率', `${rng.float(92, 96).toFixed(1)}%`, `${rng.float(96, 99.5).toFixed(1)}%`],
      ],
      [200, 110, 110],
    );
    w.h1(esg ? '二、社会（S）' : '二、员工与社区');
    w.p(`公司现有员工${company.employees}人，劳动合同签订率100%，全年组织培训${rng.int(40, 160)}场次。积极参与公益慈善活动，全年向${company.district.city}慈善总会等机构捐款捐物${rng.int(10, 200)}万元，开展助学、扶老、乡村振兴等志愿服务${rng.int(6, 30)}次。`);
    w.h1(esg ? '三、治理（G）' : '三、责任管理');
    w.p('公司按照GB/T 39604建立社会责任管理体系，设立社会责任委员会，将社会责任目标纳入公司战略和年度经营计划。');
    w.h1('四、对区域和行业发展的贡献');
    w.p(`报告期内公司实现纳税${rng.int(800, 9000)}万元，带动上下游配套企业${rng.int(30, 200)}家，参与制定行业标准${rng.int(1, 5)}项。`);
    await signOff(c, rng, { org: company.name, date, seal: withSeal(ctx, 0.4) });
    return { c, title, issuer: company.name, date, codePrinted: showCode, uploadName: `${title}.pdf` };
  },
};

const greenFactory: EvidenceTemplate = {
  id: 'green-factory-certificate',
  window: 'social-responsibility',
  bullets: [3],
  async make(ctx) {
    const { company, rng } = ctx;
    const date = docDate(rng, '2022-12-01', '2026-01-31');
    const level = rng.weighted(['province', 'national', 'city'], [3, 1, 2]);
    const issuer = level === 'national' ? '中华人民共和国工业和信息化部' : level === 'province' ? '江苏省工业和信息化厅' : `${company.district.city}工业和信息化局`;
    const name = level === 'national' ? '绿色工厂' : level === 'province' ? '江苏省绿色工厂' : `${company.district.city}绿色工厂`;
    const c = await certificate(ctx, {
      orientation: 'landscape',
      frame: GREEN_DARK,
      title: name,
      redTitle: rng.chance(0.3),
      subtitle: level === 'national' ? 'GREEN FACTORY' : undefined,
      lines: [{ label: null, text: company.name }, { label: null, text: `经评审，被认定为${year(date)}年度${name}。` }],
      issuers: [{ name: issuer, seal: level === 'national' && rng.chance(0.5) ? null : { role: 'issuer', text: issuer.replace('中华人民共和国', ''), diameterMm: 42, weight: 700 } }],
      date,
      upperDate: true,
      copyMark: rng.weighted(['certified', null], [1, 2]),
    });
    return { c, title: name, issuer, date, codePrinted: false, uploadName: `${name}证书.pdf` };
  },
};

const donation: EvidenceTemplate = {
  id: 'charity-donation-certificate',
  window: 'social-responsibility',
  bullets: [1],
  async make(ctx) {
    const { company, rng } = ctx;
    const date = docDate(rng);
    const charity = rng.pick([`${company.district.city}慈善总会`, '江苏省慈善总会', `${company.district.countyCity ? company.district.name : company.district.city + company.district.name}慈善会`, '江苏省教育发展基金会']);
    const amount = rng.pick([5, 10, 20, 30, 50, 100]);
    const purpose = rng.pick(['乡村振兴帮扶项目', '“助学圆梦”困难学生资助', '关爱困难老人慈善项目', '防汛救灾']);
    const c = await certificate(ctx, {
      orientation: rng.chance(0.5) ? 'landscape' : 'portrait',
      frame: [184, 146, 88],
      title: rng.pick(['捐 赠 证 书', '爱心捐赠证书', '荣 誉 证 书']),
      redTitle: rng.chance(0.7),
      lines: [
        { label: null, text: `${company.name}：` },
        { label: null, text: `贵单位向本会捐赠人民币${amount}万元整，用于${purpose}。您的善举为社会公益慈善事业作出了积极贡献。` },
        { label: null, text: '特发此证，以表谢忱！' },
      ],
      issuers: [{ name: charity, seal: { role: 'issuer', text: charity, diameterMm: 40, weight: 700, faded: rng.chance(0.2) } }],
      date,
      upperDate: rng.chance(0.5),
      number: `编号：${year(date)}${rng.chars('0123456789', 5)}`,
    });
    return { c, title: '捐赠证书', issuer: charity, date, codePrinted: false, uploadName: '公益捐赠证书.pdf' };
  },
};

export const EVIDENCE_TEMPLATES: readonly EvidenceTemplate[] = [
  qualityCreditReport, cultureTraining, creditReportRules,
  riskRules, riskRegister, riskResponse,
  cqoAppointment, equipmentList, staffList,
  isoCertificate, cnasCertificate, groupStandard, infraRules,
  highTechCertificate, inventionPatent, rndAudit, rndOrganisation,
  selfAssessment, measurementRules, evaluationMinutes,
  qcResult, qcAward, improvementPlan,
  inspectionReport, benchmarkReport, feedbackLedger,
  satisfactionReport, complaintRules, serviceCommitment,
  qualityAward, brandPlan, brandHonour,
  esgReport, greenFactory, donation,
];

export function templatesFor(window: IndicatorId): EvidenceTemplate[] {
  return EVIDENCE_TEMPLATES.filter((t) => t.window === window);
}

/** Build one evidence document with the given template. */
export async function buildEvidence(company: CorpusCompany, rng: Rng, fonts: FontChoice, template: EvidenceTemplate): Promise<BuiltDocument<EvidenceTruth>> {
  const made = await template.make({ company, rng, fonts });
  const { c } = made;
  const pdf = await c.finish({ title: made.title, creationDate: new Date(`${made.date}T10:00:00+08:00`), author: made.issuer });
  const text = made.codePrinted;
  return {
    pdf,
    truth: {
      kind: 'evidence',
      layout: `evidence-${template.id}`,
      title: made.title,
      uploadName: made.uploadName,
      company: { name: company.name, creditCode: company.creditCode, legalRepresentative: company.legalRepresentative },
      code: company.creditCode,
      codePrinted: text,
      fonts,
      pages: Array.from({ length: c.pageCount }, () => ({ width: c.width, height: c.height, dpi: 72 })),
      seals: c.seals,
      decoys: c.decoys,
      windowId: template.window,
      template: template.id,
      bulletIds: (made.bullets ?? template.bullets).map((b) => `${template.window}.${b}`),
      issuer: made.issuer,
      date: made.date,
    },
  };
}

