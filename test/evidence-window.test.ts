/**
 * Which indicator window an evidence upload belongs to (src/checks/evidence-window.ts).
 *
 * 1. Hand-written documents in the style of real ones — not from the corpus generator — each
 *    landing in its window, including OCR-style noise and the overlaps between windows.
 * 2. checkWindow's findings.
 * 3. Accuracy over the labelled corpus evidence (44 documents: clean PDFs, scans, photos,
 *    low-resolution copies, read with OCR), printed as a table with a confusion list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkWindow, classifyEvidence, findEvidence, matchKey, PROOF_KINDS, type WindowClassification } from '../src/checks/evidence-window.js';
import { INDICATOR_IDS, INDICATORS, type IndicatorId } from '../src/domain/catalogue.js';
import { TesseractEngine } from '../src/reading/ocr/tesseract.js';
import { readUpload } from '../src/reading/read.js';
import type { ReadPage, TextLine } from '../src/reading/types.js';
import { generateCorpus, VARIANTS, type CorpusItem, type EvidenceTruth, type Variant } from './corpus/index.js';

// ---- Pages from text ---------------------------------------------------------------------

interface PageOptions {
  source?: ReadPage['source'];
  /** Draw the title in the body size (a plain typed page). */
  flat?: boolean;
}

function line(text: string, y: number, height: number): TextLine {
  const box = { x: 150, y, width: Math.min(1350, text.length * height), height };
  return { text, box, confidence: 1, words: [{ text, box, confidence: 1 }] };
}

/** One A4 page at 200 dpi: title lines large at the top, body lines below. */
function page(title: string | string[], body: string[], options: PageOptions = {}, number = 1): ReadPage {
  const titles = typeof title === 'string' ? [title] : title;
  const big = options.flat ? 30 : 64;
  const lines: TextLine[] = [];
  let y = 180;
  for (const t of titles) {
    lines.push(line(t, y, big));
    y += big + 30;
  }
  y += 40;
  for (const b of body) {
    lines.push(line(b, y, 30));
    y += 48;
  }
  return {
    number,
    width: 1654,
    height: 2339,
    dpi: 200,
    source: options.source ?? 'text-layer',
    lines,
    text: lines.map((l) => l.text).join('\n'),
    rotation: 0,
    pixels: () => Promise.reject(new Error('no pixels in unit tests')),
  };
}

const doc = (title: string | string[], body: string[], options?: PageOptions) => [page(title, body, options)];

/** What tesseract does to Chinese text: spaces between characters, half-width punctuation. */
const ocrSpaced = (text: string) => [...text].join(' ').replace(/，/g, ',').replace(/：/g, ':').replace(/（/g, '(').replace(/）/g, ')');

// ---- Real-world-style documents ----------------------------------------------------------

interface Case {
  name: string;
  want: IndicatorId;
  pages: ReadPage[];
}

const CASES: Case[] = [
  // 质量文化和质量信用体系建设
  {
    name: '企业质量文化建设实施方案',
    want: 'quality-culture',
    pages: doc('企业质量文化建设实施方案', [
      '为深入贯彻质量强国战略，营造“人人重视质量、人人创造质量”的良好氛围，结合公司实际，制定本方案。',
      '一、指导思想：坚持“质量立企、诚信兴企”的核心理念，把质量文化融入生产经营全过程。',
      '二、主要任务：（一）提炼和宣贯质量理念；（二）开展质量诚信教育；（三）组织“质量月”系列活动；（四）评选质量标兵。',
      '三、保障措施：成立以总经理为组长的质量文化建设工作小组，所需经费列入年度预算。',
    ]),
  },
  {
    name: '2024年度企业质量信用报告（GB/T 31870）',
    want: 'quality-culture',
    pages: [
      page(['常州恒达精密机械有限公司', '2024年度企业质量信用报告'], ['发布日期：2025年3月']),
      page('报告编制说明', [
        '本报告依据GB/T 31870—2015《企业质量信用报告编写指南》编制，报告范围为公司全部产品。',
        '公司坚持“以质取信”的质量方针，2024年产品一次交检合格率99.6%，客户满意度92.3分，通过质量管理体系认证。',
        '公司开展QC小组活动12项，获省级优秀成果2项。本报告在公司网站向社会公开。',
      ], {}, 2),
    ],
  },
  {
    name: '质量诚信承诺及质量月活动通知',
    want: 'quality-culture',
    pages: doc('关于开展2025年“质量月”暨质量诚信宣传教育活动的通知', [
      '各部门、各车间：',
      '今年9月是全国“质量月”，为进一步增强全员质量意识和诚信意识，公司决定开展质量诚信宣传教育活动。',
      '活动内容：质量知识竞赛、质量诚信承诺签名、质量主题征文、班组质量讲评会。',
      '请各部门于9月30日前将活动照片及总结报质量部。',
    ]),
  },
  // 风险管控
  {
    name: '风险识别与评价清单',
    want: 'risk-control',
    pages: doc(['质量风险识别与评价清单', '（2025年版）'], [
      '序号 过程 风险描述 可能性 后果 风险等级 控制措施 责任部门',
      '1 原材料采购 供应商来料批次性不合格 中 高 高 进货检验加严，二供备份 采购部',
      '2 热处理 硬度不达标导致早期失效 低 高 中 炉温曲线监控，首件送检 生产部',
      '3 售后 现场失效引发批量索赔 低 高 中 建立快速响应机制 质量部',
    ]),
  },
  {
    name: '产品质量安全事故应急预案',
    want: 'risk-control',
    pages: doc('产品质量安全事故应急预案', [
      '1 总则：为有效预防和妥善处置产品质量安全突发事件，最大限度降低损失，制定本预案。',
      '2 组织机构：公司成立应急指挥部，总经理任总指挥，下设现场处置组、技术组、后勤保障组。',
      '3 预警与响应：事件按严重程度分为一般、较大、重大三级，启动相应级别响应。',
      '4 演练：每年至少组织一次应急演练，并对演练效果进行评估。',
    ]),
  },
  {
    name: '供应链风险评估报告',
    want: 'risk-control',
    pages: doc('2025年供应链风险评估报告', [
      '本次评估覆盖一级供应商86家，从交付、质量、财务、地缘四个维度识别风险因素。',
      '评估发现：关键芯片单一来源风险为高风险，已启动替代料认证；2家供应商财务状况恶化列为中风险。',
      '下一步：建立供应商风险分级预警机制，每季度更新风险台账。',
    ]),
  },
  // 资源保障
  {
    name: '关于聘任张三同志为公司首席质量官的决定',
    want: 'resources',
    pages: doc('关于聘任张三同志为公司首席质量官的决定', [
      '公司各部门：',
      '经公司董事会研究决定，聘任张三同志为公司首席质量官，任期三年，自发文之日起计算。',
      '首席质量官全面负责公司质量战略的制定和实施，对产品质量具有一票否决权。',
      '江苏远航电气有限公司　2025年1月6日',
    ]),
  },
  {
    name: '主要生产及检测设备一览表',
    want: 'resources',
    pages: doc('主要生产及检测设备一览表', [
      '序号 设备名称 规格型号 数量 制造厂家 购置年份 状态',
      '1 数控加工中心 VMC850 6台 沈阳机床 2021 完好',
      '2 激光切割机 GS-3015 2台 大族激光 2022 完好',
      '3 光谱分析仪 SPECTROMAXx 1台 德国斯派克 2020 完好',
    ]),
  },
  {
    name: '焊接作业指导书',
    want: 'resources',
    pages: doc(['文件编号：WI-SC-012', '二氧化碳气体保护焊作业指导书'], [
      '1 目的：规范焊接操作，保证焊缝质量。',
      '2 适用范围：适用于结构件车间所有CO2焊接岗位。',
      '3 操作步骤：3.1 开机前检查气瓶压力及送丝机构；3.2 按工艺卡设定电流电压；3.3 焊后清理焊渣并自检。',
    ]),
  },
  {
    name: '专业技术人员及资格证书汇总表',
    want: 'resources',
    pages: doc('专业技术人员及资格证书汇总表', [
      '姓名 岗位 学历 职称/资格 证书编号',
      '王强 质量部经理 本科 高级工程师 苏高职字2019-0231',
      '李娜 检验主管 本科 注册质量工程师（中级） ZL2020-1123',
      '赵磊 计量员 大专 计量检定员证 JD-0982',
    ]),
  },
  // 基础设施建设
  {
    name: 'ISO 9001:2015 质量管理体系认证证书',
    want: 'infrastructure',
    pages: doc(['质量管理体系认证证书', 'QUALITY MANAGEMENT SYSTEM CERTIFICATE'], [
      '注册号：11224Q21345R1M',
      '兹证明 南通华泰纺织有限公司 质量管理体系符合 GB/T 19001-2016/ISO 9001:2015 标准',
      '认证范围：色织布的生产',
      '初次发证日期：2022年5月10日　有效期至：2025年5月9日',
      'CNAS C001-M',
    ]),
  },
  {
    name: 'CNAS 实验室认可证书',
    want: 'infrastructure',
    pages: doc(['中国合格评定国家认可委员会', '实验室认可证书'], [
      '注册号：CNAS L12345',
      '兹证明：扬州金源检测中心（扬州金源新材料股份有限公司）',
      '符合ISO/IEC 17025:2017《检测和校准实验室能力的通用要求》（CNAS-CL01）的要求，具备承担本证书附件所列检测服务的能力，予以认可。',
    ]),
  },
  {
    name: '团体标准前言（起草单位）',
    want: 'infrastructure',
    pages: doc(['T/JSJX 015—2024', '电动叉车用永磁同步电机技术条件'], [
      '前言',
      '本文件按照GB/T 1.1—2020《标准化工作导则 第1部分：标准化文件的结构和起草规则》的规定起草。',
      '本文件由江苏省机械工业联合会提出并归口。',
      '本文件起草单位：江苏华电机电有限公司、东南大学、苏州市产品质量监督检验院。',
      '本文件主要起草人：陈明、刘洋、孙丽。',
    ]),
  },
  {
    name: '计量器具校准证书',
    want: 'infrastructure',
    pages: doc('校准证书', [
      '证书编号：JZ2025-04312',
      '委托单位：无锡联创汽车零部件有限公司',
      '器具名称：数显卡尺　型号规格：0-150mm　出厂编号：A2203',
      '校准依据：JJF 1038-2007　校准结论：见续页，建议复校日期2026年4月',
      '无锡市计量测试院',
    ]),
  },
  {
    name: '国家级标准化试点项目批复',
    want: 'infrastructure',
    pages: doc('关于下达第十批国家级服务业标准化试点项目的通知', [
      '各有关单位：',
      '经研究，确定你单位承担的“智慧物流服务标准化试点”项目为国家级服务业标准化试点项目，试点期为两年。',
      '请按照试点实施方案认真开展标准体系建设、标准实施和评价改进工作。',
    ]),
  },
  {
    name: '产品质量追溯系统（一物一码）',
    want: 'infrastructure',
    pages: doc('产品质量追溯系统建设及运行情况说明', [
      '公司于2023年上线MES制造执行系统，为每件产品赋予唯一追溯码（一物一码）。',
      '扫描二维码即可查询原材料批次、生产班组、检验记录及出厂信息，实现从原料到客户的全程质量追溯。',
    ]),
  },
  // 科技研发创新
  {
    name: '高新技术企业证书',
    want: 'rnd-innovation',
    pages: doc('高新技术企业证书', [
      '企业名称：苏州纳微光电科技有限公司',
      '证书编号：GR202332004512',
      '发证时间：2023年11月6日　有效期：三年',
      '江苏省科学技术厅　江苏省财政厅　国家税务总局江苏省税务局',
    ]),
  },
  {
    name: '发明专利证书',
    want: 'rnd-innovation',
    pages: doc('发明专利证书', [
      '发明名称：一种高导热复合材料的制备方法',
      '发明人：周伟；吴静',
      '专利号：ZL 2022 1 0456789.1　专利申请日：2022年04月21日',
      '专利权人：江苏新锐材料科技有限公司　授权公告日：2024年02月13日',
      '局长 申长雨',
    ]),
  },
  {
    name: '研发费用专项审计报告',
    want: 'rnd-innovation',
    pages: doc('研究开发费用专项审计报告', [
      '苏诚审字〔2025〕第0318号',
      '我们审计了后附的江苏恒信电子有限公司2023年度、2024年度研究开发费用结构明细表。',
      '2024年度研发费用合计1,856.32万元，占当年营业收入的5.12%，较上年提高0.8个百分点。',
    ]),
  },
  {
    name: '省级工程技术研究中心认定通知',
    want: 'rnd-innovation',
    pages: doc('关于认定2024年度江苏省工程技术研究中心的通知', [
      '各设区市科技局：',
      '经组织专家评审，认定“江苏省高性能轴承工程技术研究中心”等156家为江苏省工程技术研究中心，依托单位为常州精工轴承有限公司。',
    ]),
  },
  {
    name: '知识产权管理体系认证证书（GB/T 29490）',
    want: 'rnd-innovation',
    pages: doc('知识产权管理体系认证证书', [
      '兹证明 盐城东昊智能装备有限公司 建立的知识产权管理体系符合 GB/T 29490-2023 标准',
      '认证范围：智能焊接装备的研究开发、采购、生产、销售相关的知识产权管理',
      '中知（北京）认证有限公司',
    ]),
  },
  {
    name: '科学技术进步奖证书',
    want: 'rnd-innovation',
    pages: doc('江苏省科学技术奖证书', [
      '为表彰江苏省科学技术奖获得者，特颁发此证书。',
      '项目名称：大功率风电齿轮箱关键技术及产业化',
      '奖励等级：二等奖',
      '获奖单位：南京高速齿轮制造有限公司',
    ]),
  },
  // 质量信用评价
  {
    name: '质量信用自我评价报告',
    want: 'credit-evaluation',
    pages: doc('2024年度质量信用自我评价报告', [
      '依据公司《质量信用测量与评价管理办法》，评价小组于2025年1月对照测量指标逐项打分。',
      '评价结果：总分86分，其中质量履约、合规经营得分较高，售后响应时效得分偏低。',
      '根据评价结果识别出3项改进机会，并按影响程度排出改进优先顺序。',
    ]),
  },
  {
    name: '质量信用测量指标体系',
    want: 'credit-evaluation',
    pages: doc('质量信用测量指标体系表', [
      '一级指标 二级指标 指标定义 数据来源 测量频次 责任部门',
      '产品质量履约 合同交付合格率 合格交付批次/交付总批次 ERP 月度 销售部',
      '客户和市场反馈 顾客投诉率 有效投诉数/销售批次 客服台账 季度 售后部',
      '质量合规 监督抽查合格率 抽查合格批次/抽查批次 监管通报 年度 质量部',
    ]),
  },
  // 质量信用改进
  {
    name: 'QC小组活动成果发表',
    want: 'credit-improvement',
    pages: doc(['降低铸件气孔缺陷率', '——精铸车间“攀登”QC小组活动成果'], [
      '一、小组概况　二、选择课题　三、现状调查：气孔缺陷占不合格品的62%',
      '四、设定目标：将气孔缺陷率由3.8%降至1.5%　五、原因分析（因果图）　六、要因确认',
      '七、制定对策　八、对策实施　九、效果检查：缺陷率降至1.2%，目标实现　十、巩固措施',
    ]),
  },
  {
    name: '六西格玛改进项目结项报告',
    want: 'credit-improvement',
    pages: doc('六西格玛黑带项目结项报告', [
      '项目名称：提升注塑件尺寸稳定性',
      '采用DMAIC方法，测量阶段完成MSA，分析阶段通过DOE确定保压时间和模温为关键因子。',
      '改进后过程能力Cpk由0.92提升至1.45，年节约质量成本约86万元。',
    ]),
  },
  {
    name: '2025年质量改进计划（目标分解）',
    want: 'credit-improvement',
    pages: doc('2025年度质量改进计划', [
      '依据上年度质量信用评价结果，公司确定2025年质量改进目标并分解至部门、车间、班组。',
      '序号 改进项目 目标 措施 责任部门 完成时间',
      '1 降低外部投诉 投诉次数下降30% 建立快速响应机制 售后服务部 2025.12',
    ]),
  },
  {
    name: '优秀质量管理小组证书（改进荣誉，不是质量奖）',
    want: 'credit-improvement',
    pages: doc('荣誉证书', [
      '常州恒达精密机械有限公司“精益求精”QC小组：',
      '在2024年全国质量管理小组活动中，被评为全国优秀质量管理小组。',
      '中国质量协会',
    ]),
  },
  {
    name: '质量信得过班组',
    want: 'credit-improvement',
    pages: doc('荣誉证书', ['授予 总装车间一班 2024年度江苏省“质量信得过班组”称号。', '江苏省质量协会']),
  },
  // 质量水平
  {
    name: '产品质量监督抽查检验报告',
    want: 'quality-level',
    pages: doc(['江苏省产品质量监督检验研究院', '检验报告'], [
      '报告编号：JS2025-CC-01783',
      '产品名称：电线电缆　检验类别：监督抽查',
      '受检单位：宿迁远东线缆有限公司　抽样日期：2025年4月12日',
      '检验依据：GB/T 5023.3-2008　检验结论：经检验，所检项目符合标准要求。',
    ]),
  },
  {
    name: 'CCC强制性产品认证证书',
    want: 'quality-level',
    pages: doc('中国国家强制性产品认证证书', [
      '证书编号：2024010301234567',
      '申请人：昆山宏达电器有限公司',
      '产品名称和系列、规格、型号：家用电吹风 HD-2100',
      '产品标准和技术要求：GB 4706.1-2005；GB 4706.15-2008',
      '中国质量认证中心',
    ]),
  },
  {
    name: '产品质量对标分析报告',
    want: 'quality-level',
    pages: doc('主导产品质量对标分析报告', [
      '选取国际同类产品（德国某品牌）和国内行业前三名产品，对12项关键质量指标进行比对。',
      '结果表明：我司产品噪声、能效两项指标优于国际标杆产品，其余指标达到国际先进水平。',
    ]),
  },
  {
    name: '市场监管部门日常检查及12315投诉处理记录',
    want: 'quality-level',
    pages: doc('市场监管日常检查及投诉处理情况记录', [
      '2024年5月，区市场监管局开展双随机日常监督检查，未发现问题。',
      '2024年8月，收到12315平台转办消费者投诉1起（包装破损），3日内与消费者协商退换，已办结。',
    ]),
  },
  // 顾客满意
  {
    name: '2025年度客户满意度调查报告',
    want: 'customer-satisfaction',
    pages: doc('2025年度客户满意度调查报告', [
      '本次调查共发放问卷320份，回收有效问卷298份。',
      '总体满意度为91.6分，较2024年的89.2分提高2.4分；交货期满意度得分最低。',
      '针对调查发现的问题，制定改进措施：优化排产，缩短交付周期。',
    ]),
  },
  {
    name: '缺陷产品召回管理制度',
    want: 'customer-satisfaction',
    pages: doc('缺陷产品召回管理制度', [
      '第一条 为及时消除缺陷产品可能造成的危害，保护消费者合法权益，根据《消费品召回管理暂行规定》制定本制度。',
      '第二条 公司成立召回工作小组，负责缺陷调查、召回计划制定和实施。',
      '第三条 召回结束后形成召回总结报告报市场监管部门备案。',
    ]),
  },
  {
    name: '售后服务承诺（三包）',
    want: 'customer-satisfaction',
    pages: doc('售后服务承诺书', [
      '一、严格执行国家“三包”规定，整机保修两年。',
      '二、全国服务热线400-800-1234，24小时内响应，72小时内到达现场。',
      '三、定期开展客户回访，听取客户意见。',
    ]),
  },
  {
    name: '售后服务认证证书（GB/T 27922 五星级）',
    want: 'customer-satisfaction',
    pages: doc('商品售后服务评价认证证书', [
      '兹证明 徐州重工机械有限公司 售后服务体系符合 GB/T 27922-2011《商品售后服务评价体系》五星级要求。',
      '认证范围：工程机械的售后服务',
    ]),
  },
  // 品牌建设
  {
    name: '苏州市市长质量奖 获奖证书',
    want: 'brand-building',
    pages: doc('荣誉证书', ['苏州新亚精密制造有限公司：', '荣获2024年度苏州市市长质量奖。', '特发此证。', '苏州市人民政府']),
  },
  {
    name: '品牌建设三年行动方案',
    want: 'brand-building',
    pages: doc('“恒达”品牌建设三年行动方案（2025—2027）', [
      '目标：品牌知名度在细分行业进入前三，争创江苏精品和省长质量奖。',
      '举措：统一品牌视觉形象，参加国内外专业展会，开展品牌价值评价。',
    ]),
  },
  {
    name: '中华老字号认定',
    want: 'brand-building',
    pages: doc('中华老字号', ['扬州谢馥春化妆品有限公司', '经商务部认定为“中华老字号”。', '中华人民共和国商务部']),
  },
  {
    name: '江苏精品认证证书',
    want: 'brand-building',
    pages: doc(['“江苏精品”认证证书', 'JIANGSU FINE PRODUCTS'], ['兹证明 南京金箔集团有限责任公司 生产的 金箔 符合“江苏精品”认证要求。', '江苏精品国际认证联盟']),
  },
  // 社会责任
  {
    name: '2024年度社会责任报告',
    want: 'social-responsibility',
    pages: doc(['远东智慧能源股份有限公司', '2024年度社会责任报告'], [
      '本报告参照GB/T 36001《社会责任报告编写指南》编制，是公司连续第六年发布社会责任报告。',
      '报告期内，公司纳税3.2亿元，员工总数4600人，公益捐赠860万元。',
    ]),
  },
  {
    name: '江苏省绿色工厂名单',
    want: 'social-responsibility',
    pages: doc('省工业和信息化厅关于公布2024年度江苏省绿色工厂名单的通知', [
      '各设区市工业和信息化局：',
      '根据《江苏省绿色制造体系建设实施方案》，经企业申报、市级推荐、专家评审和公示，确定江苏某某科技有限公司等320家企业为2024年度江苏省绿色工厂。',
      '附件：2024年度江苏省绿色工厂名单',
    ]),
  },
  {
    name: '慈善捐赠票据',
    want: 'social-responsibility',
    pages: doc('公益事业捐赠统一票据', ['捐赠人：泰州天润食品有限公司', '捐赠项目：乡村振兴帮扶', '金额：人民币伍拾万元整', '接受单位：泰州市慈善总会（盖章）']),
  },
  {
    name: 'ESG报告',
    want: 'social-responsibility',
    pages: doc('2024年环境、社会及管治（ESG）报告', ['董事会声明', '本报告披露公司在环境、社会及管治方面的管理方针、绩效和目标。', '温室气体排放总量较上年下降8.3%。']),
  },
  {
    name: '纳税证明（对区域发展的贡献）',
    want: 'social-responsibility',
    pages: doc('纳税证明', ['兹证明 连云港海昌化工有限公司 2024年1月1日至2024年12月31日在我局缴纳税款合计人民币8,563万元。', '国家税务总局连云港市税务局']),
  },
];

describe('real-world-style documents land in their window', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const result = classifyEvidence(c.pages);
      expect(result.id, `${c.name}: ${result.ranking.slice(0, 3).map((r) => `${r.id} ${r.score}`).join(', ')} | ${result.reasons.join(' | ')}`).toBe(c.want);
    });
  }

  it('stay in their window read as OCR text (spaces between characters, half-width punctuation)', () => {
    for (const c of CASES) {
      const noisy = c.pages.map((p) => page(p.lines.slice(0, 1).map((l) => ocrSpaced(l.text)), p.lines.slice(1).map((l) => ocrSpaced(l.text)), { source: 'ocr' }, p.number));
      expect(classifyEvidence(noisy).id, c.name).toBe(c.want);
    }
  });

  it('stay in their window when the title is typed in the body size', () => {
    for (const c of CASES) {
      const flat = c.pages.map((p) => page(p.lines.slice(0, 1).map((l) => l.text), p.lines.slice(1).map((l) => l.text), { flat: true }, p.number));
      expect(classifyEvidence(flat).id, c.name).toBe(c.want);
    }
  });
});

describe('classifyEvidence', () => {
  const iso = CASES.find((c) => c.name.startsWith('ISO 9001'))!.pages;

  it('ranks all 11 windows, best first, with a confidence and reasons in Chinese', () => {
    const result = classifyEvidence(iso);
    expect(result.ranking.map((r) => r.id).sort()).toEqual([...INDICATOR_IDS].sort());
    for (let i = 1; i < result.ranking.length; i++) expect(result.ranking[i - 1]!.score).toBeGreaterThanOrEqual(result.ranking[i]!.score);
    expect(result.confidence).toBeGreaterThan(0.9);
    expect(result.confidence).toBeLessThanOrEqual(1);
    expect(result.reasons[0]).toMatch(/^标题含“质量管理体系认证证书”.*对应评分细则“通过质量管理体系认证/);
    expect(result.bullets[0]).toMatchObject({ id: 'infrastructure.5' });
  });

  it('names the bullets a document evidences', () => {
    const result = classifyEvidence(CASES.find((c) => c.name === '质量信用自我评价报告')!.pages);
    const ids = result.bullets.map((b) => b.id);
    expect(ids).toContain('credit-evaluation.2');
    expect(ids).toContain('credit-evaluation.3');
  });

  it('reads through OCR misreads: full-width letters, IS0/1SO, a wrong character inside a term', () => {
    const ocr = { source: 'ocr' as const };
    expect(classifyEvidence(doc('ＩＳＯ　９００１：２０１５', ['兹证明 某某有限公司'], ocr)).id).toBe('infrastructure');
    expect(classifyEvidence(doc('1SO 14001:2015 证书', ['兹证明 某某有限公司'], ocr)).id).toBe('infrastructure');
    // 糸 for 系, 戍 for 成: found approximately, and said so.
    const misread = classifyEvidence(doc('质量管理体糸认证证书', ['认证范围: 齿轮箱的生产'], ocr));
    expect(misread.id).toBe('infrastructure');
    const qc = classifyEvidence(doc('QC小组活动戍果报告', ['现状调查 要因确认 对策实施'], ocr));
    expect(qc.id).toBe('credit-improvement');
  });

  it('does not take a different word for a misread one (质量管理部 is not 质量管理奖)', () => {
    const hits = findEvidence(doc('质量管理部工作职责', ['质量管理部负责来料检验和过程检验。'], { source: 'ocr' }));
    expect(hits.some((h) => h.window === 'brand-building')).toBe(false);
  });

  it('gives a rule to the window of its subject', () => {
    const rule = (subject: string) => classifyEvidence(doc(`${subject}管理制度`, ['第一条 为规范管理，制定本制度。', '第二条 本制度自发布之日起施行。'])).id;
    expect(rule('风险')).toBe('risk-control');
    expect(rule('标准化')).toBe('infrastructure');
    expect(rule('计量器具')).toBe('infrastructure');
    expect(rule('知识产权')).toBe('rnd-innovation');
    expect(rule('研发项目')).toBe('rnd-innovation');
    expect(rule('质量信用报告')).toBe('quality-culture');
    expect(rule('质量投诉处理')).toBe('customer-satisfaction');
    expect(rule('品牌')).toBe('brand-building');
    expect(rule('首席质量官')).toBe('resources');
    expect(rule('设备')).toBe('resources');
  });

  it('is not confident about a page that says nothing', () => {
    const result = classifyEvidence(doc('说明', ['详见附件。']));
    expect(result.confidence).toBeLessThan(0.3);
    expect(result.reasons[0]).toMatch(/无法判断/);
    expect(classifyEvidence([]).confidence).toBe(0);
  });

  it('uses the upload name when given', () => {
    const blank = doc('附件', ['见下页。']);
    expect(classifyEvidence(blank, { fileName: '高新技术企业证书.pdf' }).id).toBe('rnd-innovation');
  });
});

describe('PROOF_KINDS', () => {
  it('covers every scoring bullet and refers only to real bullets', () => {
    const bullets = new Set(INDICATORS.flatMap((i) => i.bullets.map((b) => b.id as string)));
    const covered = new Set(PROOF_KINDS.map((k) => k.bullet));
    expect([...bullets].filter((b) => !covered.has(b))).toEqual([]);
    for (const kind of PROOF_KINDS) {
      expect(bullets.has(kind.bullet), kind.id).toBe(true);
      expect(kind.bullet.startsWith(`${kind.window}.`), kind.id).toBe(true);
      expect(kind.label.length, kind.id).toBeGreaterThan(0);
      for (const [phrase, weight] of kind.phrases) {
        expect(matchKey(phrase).length, `${kind.id} ${phrase}`).toBeGreaterThan(0);
        expect(weight, `${kind.id} ${phrase}`).toBeGreaterThan(0);
        expect(weight, `${kind.id} ${phrase}`).toBeLessThanOrEqual(10);
      }
      const keys = kind.phrases.map(([p]) => matchKey(p));
      expect(new Set(keys).size, kind.id).toBe(keys.length);
    }
    expect(new Set(PROOF_KINDS.map((k) => k.id)).size).toBe(PROOF_KINDS.length);
  });

  it('is frozen', () => {
    expect(Object.isFrozen(PROOF_KINDS)).toBe(true);
    expect(Object.isFrozen(PROOF_KINDS[0]!.phrases)).toBe(true);
  });
});

describe('matchKey', () => {
  it('drops spaces and width differences, keeps list punctuation as a separator', () => {
    expect(matchKey('ＧＢ／Ｔ　１９００１－２０１６')).toBe('GBT190012016');
    expect(matchKey('质 量 管 理 体 系')).toBe('质量管理体系');
    expect(matchKey('质量、技术，生产')).toBe('质量|技术|生产');
    expect(matchKey('IS0 9001')).toBe('ISO9001');
    // A Kangxi radical (U+2F3C) as some PDFs extract it.
    expect(matchKey('\u2FBC新技术企业')).toBe('高新技术企业');
  });
});

// ---- checkWindow -------------------------------------------------------------------------

describe('checkWindow', () => {
  const classify = (name: string) => classifyEvidence(CASES.find((c) => c.name === name)!.pages);

  it('says nothing when the file is in its window', () => {
    expect(checkWindow(classify('高新技术企业证书'), 'rnd-innovation', '高企证书.pdf')).toEqual([]);
  });

  it('is an error, with the suggested window, when another window clearly wins', () => {
    const [f, ...rest] = checkWindow(classify('ISO 9001:2015 质量管理体系认证证书'), 'brand-building', 'ISO9001证书.pdf');
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      code: 'QC_WINDOW_MISMATCH',
      severity: 'error',
      params: { file: 'ISO9001证书.pdf', slot: 'brand-building', slotName: '品牌建设', suggested: 'infrastructure', suggestedName: '基础设施建设' },
    });
    expect(f!.message).toBe('“ISO9001证书.pdf”上传在“品牌建设”窗口，但内容更符合“基础设施建设”窗口');
    expect(f!.action).toMatch(/不得分/);
  });

  it('is a warning when the call is close', () => {
    const mixed: WindowClassification = {
      id: 'brand-building',
      confidence: 0.55,
      ranking: [
        { id: 'brand-building', score: 14 },
        { id: 'credit-improvement', score: 9 },
        ...INDICATOR_IDS.filter((id) => id !== 'brand-building' && id !== 'credit-improvement').map((id) => ({ id, score: 0 })),
      ],
      reasons: [],
      bullets: [],
    };
    expect(checkWindow(mixed, 'social-responsibility', 'a.pdf')[0]).toMatchObject({ severity: 'warning', params: { suggested: 'brand-building' } });
    // The upload's own window nearly as good: no finding.
    expect(checkWindow({ ...mixed, ranking: [mixed.ranking[0]!, { id: 'social-responsibility', score: 12 }, ...mixed.ranking.slice(2)] }, 'social-responsibility', 'a.pdf')).toEqual([]);
  });

  it('is an error when the content scores about twice as high for another window, and confidently', () => {
    const rest = INDICATOR_IDS.filter((id) => id !== 'brand-building' && id !== 'social-responsibility').map((id) => ({ id, score: 0 }));
    const twice: WindowClassification = {
      id: 'brand-building',
      confidence: 0.85,
      ranking: [{ id: 'brand-building', score: 20 }, { id: 'social-responsibility', score: 10 }, ...rest],
      reasons: [],
      bullets: [],
    };
    expect(checkWindow(twice, 'social-responsibility', 'a.pdf')[0]).toMatchObject({ severity: 'error', params: { suggested: 'brand-building' } });
    // The same share read with less confidence: a warning.
    expect(checkWindow({ ...twice, confidence: 0.6 }, 'social-responsibility', 'a.pdf')[0]).toMatchObject({ severity: 'warning' });
    // Two thirds of the best: plausible enough to be a warning only.
    const close = { ...twice, ranking: [{ id: 'brand-building' as const, score: 15 }, { id: 'social-responsibility' as const, score: 10 }, ...rest] };
    expect(checkWindow(close, 'social-responsibility', 'a.pdf')[0]).toMatchObject({ severity: 'warning' });
  });

  it('says nothing when there is too little to judge', () => {
    expect(checkWindow(classifyEvidence(doc('说明', ['详见附件。'])), 'brand-building', 'x.pdf')).toEqual([]);
  });
});

// ---- The labelled corpus -------------------------------------------------------------------

describe('the corpus evidence', () => {
  let items: CorpusItem[] = [];
  const results = new Map<string, WindowClassification>();
  let engine: TesseractEngine | undefined;

  beforeAll(async () => {
    const started = performance.now();
    items = await generateCorpus({ kinds: ['evidence'], perKind: 4 });
    const generated = performance.now();
    engine = new TesseractEngine({ workers: 2 });
    // Two documents at a time; the engine's two workers take the pages.
    let next = 0;
    const worker = async () => {
      while (next < items.length) {
        const item = items[next++]!;
        const read = await readUpload(item.bytes, { name: item.fileName, engine, noCache: true });
        results.set(item.id, classifyEvidence(read.pages));
      }
    };
    await Promise.all([worker(), worker()]);
    console.log(`corpus: generated ${items.length} documents in ${((generated - started) / 1000).toFixed(0)} s, read and classified in ${((performance.now() - generated) / 1000).toFixed(0)} s`);
  }, 420_000);

  afterAll(async () => {
    await engine?.close();
  });

  it('puts ≥ 90 % in the right window, clean and overall; prints the table and the confusions', () => {
    expect(items).toHaveLength(44);
    const rows = new Map<Variant | 'all', { n: number; top1: number; top2: number }>();
    const confusions: string[] = [];
    for (const item of items) {
      const truth = item.truth as EvidenceTruth;
      const result = results.get(item.id)!;
      const top1 = result.id === truth.windowId;
      const top2 = result.ranking.slice(0, 2).some((r) => r.id === truth.windowId);
      for (const key of [item.variant, 'all'] as const) {
        const row = rows.get(key) ?? { n: 0, top1: 0, top2: 0 };
        row.n++;
        row.top1 += Number(top1);
        row.top2 += Number(top2);
        rows.set(key, row);
      }
      if (!top1) confusions.push(`${item.id} [${truth.template}]: ${truth.windowId} → ${result.id} (confidence ${result.confidence}; ${result.ranking.slice(0, 3).map((r) => `${r.id} ${r.score}`).join(', ')})`);
    }
    const pct = (a: number, n: number) => `${((a / n) * 100).toFixed(1)}%`.padStart(7);
    const table = ['variant    n    top-1    top-2', ...[...VARIANTS, 'all' as const].map((v) => {
      const r = rows.get(v) ?? { n: 0, top1: 0, top2: 0 };
      return `${v.padEnd(8)} ${String(r.n).padStart(3)} ${pct(r.top1, r.n || 1)}  ${pct(r.top2, r.n || 1)}`;
    })];
    const confident = items.filter((i) => results.get(i.id)!.confidence >= 0.8);
    const confidentRight = confident.filter((i) => results.get(i.id)!.id === (i.truth as EvidenceTruth).windowId);
    console.log(`${table.join('\n')}\nconfidence ≥ 0.8: ${confident.length}/${items.length} documents, ${confidentRight.length} of them right\nconfusions:${confusions.length ? `\n  ${confusions.join('\n  ')}` : ' none'}`);

    const clean = rows.get('clean')!;
    const all = rows.get('all')!;
    expect(clean.top1 / clean.n).toBeGreaterThanOrEqual(0.9);
    expect(all.top1 / all.n).toBeGreaterThanOrEqual(0.9);
  });

  it('names at least one of the bullets each document was made for, on clean PDFs', () => {
    const misses: string[] = [];
    for (const item of items.filter((i) => i.variant === 'clean')) {
      const truth = item.truth as EvidenceTruth;
      const named = results.get(item.id)!.bullets.slice(0, 4).map((b) => b.id);
      if (!truth.bulletIds.some((b) => named.includes(b))) misses.push(`${item.id}: ${truth.bulletIds.join(',')} vs ${named.join(',')}`);
    }
    console.log(`bullets: ${misses.length ? misses.join('\n  ') : 'every clean document names one of its bullets'}`);
    expect(misses.length).toBeLessThanOrEqual(1);
  });

  it('flags a confidently classified document uploaded into an unrelated window as an error', () => {
    let flagged = 0;
    for (const item of items) {
      const truth = item.truth as EvidenceTruth;
      const result = results.get(item.id)!;
      if (result.id !== truth.windowId || result.confidence < 0.8) continue;
      const worst = result.ranking[result.ranking.length - 1]!.id;
      const findings = checkWindow(result, worst, item.fileName);
      expect(findings, item.id).toHaveLength(1);
      expect(findings[0]!.severity, item.id).toBe('error');
      expect(findings[0]!.params.suggested, item.id).toBe(truth.windowId);
      flagged++;
    }
    expect(flagged).toBeGreaterThanOrEqual(30);
  });

  it('suggests no other window for documents uploaded where they belong, when right', () => {
    for (const item of items) {
      const truth = item.truth as EvidenceTruth;
      const result = results.get(item.id)!;
      if (result.id === truth.windowId) expect(checkWindow(result, truth.windowId, item.fileName)).toEqual([]);
    }
  });
});
