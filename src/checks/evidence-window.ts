/**
 * Which indicator window (核查指标 of 附件2) an evidence upload belongs to.
 *
 * The notice is strict: "传错提交窗口的此项不得分" — evidence uploaded into the wrong window
 * scores nothing. This check reads the text of an upload and ranks the 11 windows by how well
 * the document looks like the kinds of proof each window's scoring bullets (评分细则) ask for.
 *
 * How it decides
 * - `PROOF_KINDS` is a hand-written lexicon, one entry per kind of proof a scoring bullet asks
 *   for (a 质量管理体系认证证书, a 首席质量官 appointment, a 客户满意度测评报告 …), each with
 *   weighted phrases. It is written from what such documents are called and contain in Chinese
 *   enterprise practice (certificate names, standard numbers, the names of government
 *   honours, the steps of a QC story …), not from any sample set, plus the catalogue's own
 *   `evidenceHints` at a modest default weight. Specific proof kinds (the name of a
 *   certificate, a standard number) weigh more than generic words (制度, 报告, 证书).
 * - Text is normalised for matching (`matchKey`: NFKC, full-width → half-width, upper case,
 *   whitespace and most punctuation dropped, list punctuation kept as a separator, OCR's
 *   `IS0`/`1SO` → `ISO`) so OCR noise in spacing and punctuation does not matter. On OCR
 *   pages, phrases that are not found exactly are looked for again
 *   approximately: a bigram pre-filter, then an edit-distance search (one edit, two from 12
 *   characters, never at a phrase's first or last character), counted at a discount.
 * - Where phrases overlap, the longest wins ("知识产权管理体系认证" is intellectual property,
 *   not a 管理体系认证 of 基础设施建设; "内审员" in "质量管理体系内审员证书" is a person's
 *   qualification). Names of issuers and departments (工业和信息化厅, 质量管理部) take part in
 *   that and count for nothing.
 * - The title (the first block of large lines at the top of the first page, or its first
 *   short lines) weighs three times the body, other headings 1.6 times; repeated mentions add
 *   only a little. A window's score is its best proof kinds with decaying weight, so a long
 *   report that mentions everything in passing is still decided by what it is.
 * - Confidence is P(top window) from a softmax over the windows that scored, times a strength
 *   term that grows with the top score: high only when one window clearly wins on
 *   substantial evidence. With no evidence at all every score is 0, the confidence is 0 and
 *   `id` is merely the first window: callers should look at the confidence (checkWindow does).
 */
import { getIndicator, INDICATORS, type IndicatorId } from '../domain/catalogue.js';
import { toHalfWidthAscii } from '../reading/normalize.js';
import type { ReadPage, TextLine } from '../reading/types.js';
import { editDistance } from '../util/edit-distance.js';
import { finding, type Finding } from './types.js';

// ---- The lexicon --------------------------------------------------------------------------

/** A phrase and its weight: ~8–10 names a proof document, ~4–6 a specific topic, ≤ 2 generic. */
export type WeightedPhrase = readonly [phrase: string, weight: number];
/** A pattern matched against normalised text (upper case, no spaces or punctuation). */
export type WeightedPattern = readonly [pattern: RegExp, weight: number, label: string];

/** One kind of proof that a scoring bullet asks for. */
export interface ProofKind {
  /** Stable id, `<bullet id>/<slug>`. */
  readonly id: string;
  readonly window: IndicatorId;
  /** The scoring bullet (`<indicator id>.<order>`) it evidences. */
  readonly bullet: string;
  /** zh-CN name of the kind of proof. */
  readonly label: string;
  readonly phrases: readonly WeightedPhrase[];
  readonly patterns: readonly WeightedPattern[];
}

interface KindSource {
  bullet: `${IndicatorId}.${number}`;
  slug: string;
  label: string;
  phrases: WeightedPhrase[];
  patterns?: WeightedPattern[];
}

/*
 * Notes on overlaps between windows, decided from the bullets' wording:
 * - Government quality awards (中国质量奖, 江苏省质量奖, 市长/区长/县长质量奖) are 品牌建设
 *   bullet 2; awards for improvement work (优秀QC小组, 质量信得过班组, 质量技术奖) are
 *   质量信用改进 bullet 2 ("取得良好成效或相关荣誉"); green honours (绿色工厂, 绿色设计产品)
 *   are 社会责任 bullet 3; science and technology awards and 高新技术企业 are 科技研发创新.
 * - Management-system certificates (ISO 9001/14001/45001, IATF 16949, ISO 13485, ISO 22000)
 *   are 基础设施建设 bullet 5, but the 知识产权管理体系 (GB/T 29490) is 科技研发创新 bullet 5
 *   and the 社会责任管理体系 (GB/T 39604) is 社会责任 bullet 1. Product certification (CCC,
 *   自愿性产品认证) and test reports are 质量水平 bullet 2.
 * - Company rules (管理制度/办法/程序) go where their subject goes: 风险管理制度 → 风险管控,
 *   标准化/计量管理制度 → 基础设施建设, 研发/知识产权管理制度 → 科技研发创新, 投诉/召回制度 →
 *   顾客满意, 质量信用报告管理制度 → 质量文化; 作业指导书 and general rule books → 资源保障.
 * - 消费者投诉 passed on by regulators (12315, 日常检查) is 质量水平 bullet 1; the company's own
 *   complaint handling, satisfaction surveys and complaint statistics are 顾客满意.
 * - "领先" is 科技研发创新 when it is technology (科技成果评价, 技术水平) and 质量水平 when it is
 *   product quality compared with peers (对标, 比对).
 * - 专精特新 / 小巨人 / 单项冠军 are government designations (荣誉称号, 品牌建设 bullet 3) that also
 *   speak to niche-market share and technology (科技研发创新 bullet 4); they lean to the former.
 */
const SOURCES: KindSource[] = [
  // 1 质量文化和质量信用体系建设 ---------------------------------------------------------------
  {
    bullet: 'quality-culture.1', slug: 'culture', label: '质量文化建设与质量诚信宣传培训',
    phrases: [
      ['质量文化建设', 8], ['质量文化和质量信用体系建设', 9], ['质量文化', 5], ['质量核心价值观', 7], ['核心价值观', 3], ['企业文化', 2.5], ['质量文化手册', 8],
      ['质量诚信', 4], ['诚信宣传', 4], ['宣传教育', 3], ['诚信教育', 4], ['质量诚信承诺', 5], ['诚信承诺书', 4],
      ['质量月', 4], ['质量月活动', 6], ['质量宣传', 3], ['质量意识', 3], ['质量知识竞赛', 5], ['质量宣誓', 5],
      ['质量誓词', 5], ['质量诚信倡议', 5], ['培训记录', 3], ['培训签到', 3], ['签到表', 1.5], ['培训计划', 2],
      ['培训效果评价', 2.5], ['宣贯', 2], ['质量法律法规培训', 4], ['诚信经营', 1.5], ['质量第一', 1],
    ],
  },
  {
    bullet: 'quality-culture.2', slug: 'policy', label: '质量信用管理方针和目标',
    phrases: [
      ['质量信用管理方针', 9], ['质量信用方针', 8], ['质量信用目标', 7], ['质量信用管理目标', 8], ['质量方针', 2.5],
      ['质量目标', 1.5], ['方针和目标', 2.5], ['方针目标', 2.5], ['质量信用承诺', 4],
    ],
  },
  {
    bullet: 'quality-culture.3', slug: 'system', label: '质量信用体系组织架构与职责',
    phrases: [
      ['质量信用体系', 6], ['质量信用管理体系', 7], ['信用体系建设', 6], ['质量信用管理手册', 8], ['质量信用管理领导小组', 6],
      ['质量信用管理办公室', 6], ['质量信用管理机构', 6], ['信用管理部门', 4], ['质量信用管理', 4], ['信用管理制度', 4],
      ['组织架构', 1], ['组织机构图', 1.5], ['管理职责', 1],
    ],
  },
  {
    bullet: 'quality-culture.4', slug: 'report-rules', label: '质量信用报告管理制度',
    phrases: [
      ['质量信用报告管理制度', 10], ['质量信用报告管理办法', 10], ['质量信用报告管理规定', 10], ['信用报告管理', 6],
      ['质量信用报告编制', 6], ['报告编制与发布', 3], ['信息披露管理', 2],
    ],
  },
  {
    bullet: 'quality-culture.5', slug: 'report', label: '企业质量信用报告（GB/T 31870）',
    phrases: [
      ['企业质量信用报告', 10], ['质量信用报告', 9], ['质量信用报告指南', 8], ['质量信用报告编写指南', 8], ['GB/T 31870', 9],
      ['31870', 7], ['质量诚信报告', 7],
    ],
  },

  // 2 风险管控 ------------------------------------------------------------------------------
  {
    bullet: 'risk-control.1', slug: 'organisation', label: '风险管理组织机构与风险管理制度',
    phrases: [
      ['风险管理制度', 9], ['风险管理办法', 9], ['风险管理规定', 8], ['风险控制程序', 8], ['风险管理程序', 8],
      ['风险和机遇控制程序', 9], ['风险和机遇的措施', 6], ['应对风险和机遇', 7], ['风险管理委员会', 7], ['风险管理领导小组', 7],
      ['风险管理小组', 6], ['风险管理办公室', 6], ['风险管理组织', 6], ['全面风险管理', 6], ['风险管理', 4],
      ['风险防控', 5], ['风险管控', 6], ['风险控制', 4], ['质量风险', 5], ['内部控制制度', 3], ['内部控制', 2], ['质量安全风险', 5],
    ],
  },
  {
    bullet: 'risk-control.2', slug: 'assessment', label: '风险识别与评价（风险清单）',
    phrases: [
      ['风险识别', 7], ['风险辨识', 6], ['风险评价', 6], ['风险评估', 6], ['风险评估报告', 8], ['风险分析', 5],
      ['风险清单', 8], ['风险登记册', 8], ['风险台账', 7], ['风险源', 4], ['风险矩阵', 5], ['风险等级', 4],
      ['风险点', 3], ['风险因素', 4], ['风险优先数', 6], ['FMEA', 6], ['失效模式', 6], ['潜在失效模式', 7], ['危害分析', 3],
      ['质量缺陷风险', 7], ['质量缺陷', 3], ['供应链风险', 7], ['质量管理机制风险', 8], ['合规风险', 4], ['可能性', 1],
      ['严重程度', 2], ['严重度', 2], ['发生频度', 3],
    ],
  },
  {
    bullet: 'risk-control.3', slug: 'response', label: '风险应对方案与应急活动',
    phrases: [
      ['风险应对', 7], ['风险应对措施', 8], ['风险解决方案', 8], ['风险处置', 6], ['风险控制措施', 6], ['风险预警', 6],
      ['应急预案', 8], ['应急演练', 7], ['安全生产标准化', 5], ['应急处置', 5], ['应急响应', 5], ['危机管理', 5], ['隐患排查', 5],
      ['业务连续性', 5], ['备选供应商', 4], ['双源采购', 4], ['预防措施', 1.5], ['专项整治', 3], ['演练记录', 4],
    ],
  },

  // 3 资源保障 ------------------------------------------------------------------------------
  {
    bullet: 'resources.1', slug: 'equipment', label: '生产/服务设备设施清单',
    phrases: [
      ['资源保障', 5], ['设备清单', 9], ['设备一览表', 9], ['设备台账', 8], ['设备明细', 7], ['主要设备', 5], ['生产设备', 4],
      ['主要生产设备', 7], ['检测设备', 2.5], ['检验设备', 2.5], ['仪器设备', 2.5], ['设施', 1.5], ['厂房', 2.5],
      ['设备管理制度', 6], ['设备维护保养', 5], ['设备保养', 4], ['固定资产清单', 5], ['设备名称', 3],
      ['规格型号', 2], ['型号规格', 2], ['设备编号', 2.5], ['购置日期', 3], ['生产线', 1.5], ['设备状态', 2], ['设备完好率', 4],
    ],
  },
  {
    bullet: 'resources.2', slug: 'instructions', label: '作业指导书与生产/服务管理制度',
    phrases: [
      ['作业指导书', 9], ['作业规程', 6], ['操作规程', 6], ['岗位操作规程', 7], ['安全操作规程', 5], ['工艺规程', 6],
      ['工艺文件', 5], ['工艺卡', 5], ['作业标准', 4], ['标准作业程序', 6], ['SOP', 4], ['管理制度汇编', 9],
      ['制度汇编', 8], ['程序文件', 2], ['检验规程', 3], ['作业流程', 3], ['生产管理制度', 5], ['管理制度', 1],
    ],
  },
  {
    bullet: 'resources.3', slug: 'cqo', label: '首席质量官制度与任命',
    phrases: [
      ['首席质量官', 10], ['首席质量官制度', 10], ['质量安全总监', 8], ['食品安全总监', 7], ['质量安全员', 5],
      ['质量负责人', 3], ['任命', 2], ['聘任', 2], ['任命书', 3], ['聘书', 3], ['任职资格', 2], ['质量官', 6],
    ],
  },
  {
    bullet: 'resources.4', slug: 'staff', label: '具有专业资格的技术和管理人员',
    phrases: [
      ['注册质量工程师', 8], ['质量工程师', 4], ['职称证书', 8], ['专业技术资格', 7], ['专业技术人员', 6], ['技术人员名单', 7],
      ['人员花名册', 6], ['花名册', 5], ['人员名单', 3], ['职业资格证书', 7], ['职业技能等级证书', 7], ['资格证书', 4],
      ['执业资格', 5], ['上岗证', 5], ['特种作业操作证', 6], ['内审员', 3], ['内审员证书', 7], ['管理体系内审员', 8], ['注册审核员', 7], ['检定员', 5], ['检验员', 2], ['计量员', 2], ['高级工程师', 4],
      ['工程师', 1.5], ['技师', 2], ['职称', 4], ['学历', 2], ['持证', 3], ['人员资质', 6], ['技能等级', 4], ['注册安全工程师', 5],
      ['人力资源', 1.5],
    ],
  },

  // 4 基础设施建设 --------------------------------------------------------------------------
  {
    bullet: 'infrastructure.1', slug: 'standardisation-rules', label: '标准化管理制度与企业标准体系',
    phrases: [
      ['标准化管理制度', 10], ['标准化管理办法', 10], ['标准化工作管理', 8], ['标准化管理', 6], ['企业标准体系', 8], ['标准体系表', 8],
      ['标准化工作', 5], ['标准化', 3], ['企业标准', 4], ['企业标准自我声明', 6], ['标准化良好行为', 7], ['标准有效性', 4],
      ['标准化委员会', 4], ['标准化工作导则', 5], ['标准领跑者', 7], ['基础设施建设', 6],
    ],
  },
  {
    bullet: 'infrastructure.2', slug: 'standard-drafting', label: '主导或参与标准制修订（起草单位）',
    phrases: [
      ['起草单位', 8], ['主要起草单位', 9], ['本文件起草单位', 10], ['本标准起草单位', 10], ['参编单位', 6], ['起草人', 4],
      ['标准制修订', 8], ['标准制定', 5], ['标准修订', 5], ['主导制定', 5], ['参与制定', 4], ['标准立项', 5], ['标准发布公告', 6],
      ['国际标准', 3.5], ['国家标准', 3.5], ['行业标准', 3.5], ['地方标准', 4], ['团体标准', 5.5], ['标准编号', 3],
      ['归口', 3], ['技术委员会', 2.5], ['标准化技术委员会', 4], ['前言', 1.5], ['ICS', 2.5],
    ],
    patterns: [
      // 团体标准 T/XXXX 012-2024 (normalised "TXXXX0122024"), 地方标准 DB32/T 1234.
      [/(?<![A-Z])T[A-Z]{2,8}\d{3,}/g, 3, '团体标准编号 T/…'],
      [/(?<![A-Z])DB\d{2}T?\d{3,}/g, 4, '地方标准编号 DB…'],
    ],
  },
  {
    bullet: 'infrastructure.3', slug: 'standardisation-pilot', label: '标准化试点示范',
    phrases: [
      ['标准化试点示范', 10], ['标准化试点', 9], ['标准化示范', 9], ['试点示范', 5], ['示范项目', 3], ['试点项目', 3],
    ],
  },
  {
    bullet: 'infrastructure.4', slug: 'metrology-lab', label: '计量器具管理与实验室认可（CNAS）',
    phrases: [
      ['计量器具', 8], ['计量管理制度', 9], ['计量管理办法', 9], ['计量器具管理', 9], ['计量管理', 6], ['计量', 3],
      ['监视和测量设备', 7], ['监视测量', 6], ['测量设备', 4], ['检定', 4], ['检定证书', 7], ['校准证书', 7], ['校准', 4],
      ['计量确认', 6], ['量值溯源', 6], ['测量管理体系', 8], ['ISO 10012', 8], ['GB/T 19022', 8], ['周期检定', 6],
      ['CNAS', 5], ['实验室认可', 9], ['实验室认可证书', 10], ['认可证书', 5], ['ISO/IEC 17025', 9], ['17025', 7],
      ['检测和校准实验室能力认可准则', 10], ['中国合格评定国家认可委员会', 7], ['认可委员会', 4], ['实验室', 2.5],
      ['检验检测机构资质认定', 6], ['能力验证', 4], ['计量检测', 4],
    ],
    patterns: [
      [/CNASL\d{3,}/g, 9, '实验室认可注册号 CNAS L…'],
    ],
  },
  {
    bullet: 'infrastructure.5', slug: 'system-certification', label: '管理体系认证证书',
    phrases: [
      ['质量管理体系认证证书', 10], ['管理体系认证证书', 9], ['质量管理体系认证', 9], ['质量管理体系', 5], ['管理体系认证', 7],
      ['体系认证', 6], ['认证证书', 4], ['ISO 9001', 9], ['GB/T 19001', 9], ['19001', 7], ['9001', 5],
      ['环境管理体系', 7], ['ISO 14001', 9], ['GB/T 24001', 9], ['24001', 7], ['14001', 6],
      ['职业健康安全管理体系', 8], ['ISO 45001', 9], ['GB/T 45001', 9], ['45001', 7],
      ['IATF 16949', 9], ['16949', 7], ['ISO 13485', 9], ['13485', 7], ['医疗器械质量管理体系', 8], ['YY/T 0287', 8],
      ['ISO 22000', 8], ['食品安全管理体系', 7], ['HACCP', 6], ['危害分析与关键控制点', 7], ['能源管理体系', 6], ['ISO 50001', 7],
      ['信息安全管理体系', 5], ['ISO/IEC 27001', 6], ['一体化管理体系', 6], ['三体系', 5], ['认证范围', 4], ['认证机构', 3],
      ['覆盖范围', 2], ['认证', 1.5], ['监督审核', 3], ['内部审核', 2.5], ['内审报告', 3], ['管理评审', 2],
      ['两化融合管理体系', 6], ['测量管理体系认证', 8], ['质量手册', 3], ['体系运行', 2],
      ['中国国家认证认可监督管理委员会', 4], ['认证认可', 3],
    ],
    patterns: [
      // CNCA certificate numbers carry the system letter: …Q…R1M (QMS), …E… (EMS), …S… (OHSMS).
      [/\d{3,5}[QES]\d{4,6}R\d[MSL]/g, 5, '管理体系认证证书注册号'],
      [/CNASC\d{3}M/g, 3, '管理体系认证认可标志 CNAS C…-M'],
    ],
  },
  {
    bullet: 'infrastructure.6', slug: 'traceability', label: '质量追溯机制与数字化追溯',
    phrases: [
      ['质量追溯', 8], ['质量追溯机制', 9], ['数字化追溯', 9], ['追溯系统', 7], ['追溯平台', 7], ['追溯管理', 6], ['追溯码', 6],
      ['一物一码', 7], ['批次追溯', 6], ['产品追溯', 5], ['可追溯性', 5], ['标识和可追溯性', 7], ['追溯', 3], ['溯源', 4],
      ['MES', 4], ['制造执行系统', 6], ['条码', 2], ['二维码', 2], ['RFID', 3], ['标识解析', 5], ['数字化', 1], ['信息化', 1],
    ],
  },

  // 5 科技研发创新 --------------------------------------------------------------------------
  {
    bullet: 'rnd-innovation.1', slug: 'rnd-rules', label: '研发创新管理制度与激励',
    phrases: [
      ['科技研发创新', 6], ['研发管理制度', 9], ['研发管理办法', 9], ['研发项目管理', 6], ['研究开发', 3], ['研发创新', 5], ['科技创新管理', 7],
      ['技术创新管理', 7], ['创新激励', 6], ['研发激励', 7], ['技术创新奖励', 7], ['科技奖励', 5], ['科研项目管理', 7],
      ['技术创新', 3], ['科技创新', 3.5], ['科技成果转化', 5], ['新产品开发', 4], ['研发投入核算', 5],
    ],
  },
  {
    bullet: 'rnd-innovation.2', slug: 'rnd-organisation', label: '科技创新/专业技术机构',
    phrases: [
      ['企业技术中心', 10], ['工程技术研究中心', 10], ['工程研究中心', 9], ['技术研究中心', 7], ['重点实验室', 7], ['研发中心', 7],
      ['技术中心', 5], ['研究院', 4], ['研发机构', 7], ['研发部', 3], ['研发团队', 3], ['博士后科研工作站', 10], ['博士后', 4],
      ['研究生工作站', 9], ['院士工作站', 10], ['工作站', 2], ['工业设计中心', 8], ['创新中心', 5], ['产学研', 6],
      ['校企合作', 5], ['技术合作协议', 5], ['研发人员', 4], ['科技人员', 3],
    ],
  },
  {
    bullet: 'rnd-innovation.3', slug: 'rnd-expenses', label: '研发费用投入及占营业收入比重',
    phrases: [
      ['研发费用', 8], ['研究开发费用', 8], ['研发费用专项审计', 10], ['研发投入', 7], ['研发支出', 6], ['研发支出辅助账', 8],
      ['加计扣除', 7], ['专项审计报告', 6], ['专项审计', 5], ['审计报告', 2], ['会计师事务所', 2], ['营业收入', 2.5],
      ['占营业收入', 5], ['销售收入', 1.5], ['财务报表', 2], ['鉴证报告', 4], ['高新技术产品收入', 4], ['研发经费', 7],
    ],
  },
  {
    bullet: 'rnd-innovation.4', slug: 'technology-lead', label: '科技水平领先（高新技术企业、科技成果、科技奖励）',
    phrases: [
      ['高新技术企业证书', 10], ['高新技术企业', 9], ['科技型中小企业', 7], ['高新技术产品', 6], ['瞪羚企业', 6], ['独角兽', 4],
      ['核心技术', 4], ['研发成果', 4], ['科技成果', 5], ['科技成果评价', 8], ['科技成果鉴定', 8], ['成果鉴定', 6],
      ['新产品鉴定', 7], ['新技术鉴定', 7], ['新产品新技术', 6], ['查新报告', 6], ['科技查新', 6], ['技术水平', 3],
      ['国际领先', 3], ['国内领先', 3], ['国际先进', 2], ['科学技术奖', 8], ['科技进步奖', 8], ['技术发明奖', 8],
      ['专利奖', 7], ['首台套', 7], ['重大装备', 3], ['市场占有率', 4], ['细分领域', 3], ['单项冠军', 5],
      ['小巨人', 4], ['专精特新', 3.5], ['科技计划项目', 5], ['科技项目', 4], ['火炬计划', 5], ['项目验收', 3],
      ['第三方机构评价', 4],
    ],
    patterns: [
      // 高新技术企业证书编号 GR + year + province code + serial, e.g. GR202332001234.
      [/GR20\d{2}\d{5,}/g, 8, '高新技术企业证书编号 GR…'],
    ],
  },
  {
    bullet: 'rnd-innovation.5', slug: 'intellectual-property', label: '知识产权管理与专利等知识产权证明',
    phrases: [
      ['专利证书', 10], ['发明专利证书', 10], ['发明专利', 8], ['实用新型专利', 8], ['实用新型', 7], ['外观设计专利', 7],
      ['专利号', 6], ['专利权人', 6], ['专利申请日', 5], ['授权公告日', 6], ['发明人', 3], ['专利', 3.5], ['国家知识产权局', 6],
      ['知识产权管理体系', 9], ['知识产权管理体系认证', 10], ['GB/T 29490', 10], ['29490', 8], ['知识产权贯标', 8],
      ['知识产权管理制度', 9], ['知识产权管理办法', 9], ['知识产权', 4], ['知识产权示范企业', 8], ['知识产权优势企业', 8],
      ['软件著作权', 8], ['计算机软件著作权登记证书', 10], ['著作权', 4], ['集成电路布图设计', 7], ['植物新品种', 6],
      ['商标注册证', 5],
    ],
    patterns: [
      [/ZL\d{8,}/g, 7, '专利号 ZL…'],
      [/软著登字/g, 7, '软著登字'],
    ],
  },

  // 6 质量信用评价 --------------------------------------------------------------------------
  {
    bullet: 'credit-evaluation.1', slug: 'measurement-system', label: '质量信用测量体系（分层指标、数据来源、测量频次）',
    phrases: [
      ['质量信用测量体系', 10], ['测量体系', 5], ['质量信用测量', 8], ['测量指标体系', 7], ['质量信用指标', 6], ['质量信用评价指标', 8],
      ['指标体系', 3.5], ['分层次', 3], ['一级指标', 3.5], ['二级指标', 3.5], ['三级指标', 3.5], ['测量频次', 7], ['测量频率', 6],
      ['数据收集来源', 7], ['数据来源', 3], ['数据收集', 2.5], ['质量履约', 6], ['履约情况', 3], ['质量合规', 4],
      ['客户和市场反馈', 5], ['绩效指标', 3], ['关键绩效指标', 3], ['KPI', 2.5], ['质量信用监测', 6], ['测量与评价', 4],
      ['测量和分析', 3],
    ],
  },
  {
    bullet: 'credit-evaluation.2', slug: 'self-assessment', label: '质量信用自我评价',
    phrases: [
      ['质量信用自我评价', 10], ['质量信用自评', 10], ['自我评价报告', 9], ['自我评价', 7], ['自评报告', 8], ['自评表', 7],
      ['自评', 5], ['质量信用评价', 8], ['信用评价', 4], ['评价报告', 2], ['评价结果', 3], ['评价得分', 4], ['评分', 2],
      ['评价小组', 3], ['评价会议', 4], ['自评得分', 6], ['评价过程', 2],
    ],
  },
  {
    bullet: 'credit-evaluation.3', slug: 'opportunities', label: '识别改进机会与改进优先顺序',
    phrases: [
      ['改进机会', 8], ['改进优先顺序', 9], ['优先顺序', 5], ['优先级', 3.5], ['改进需求', 3], ['差距分析', 5], ['薄弱环节', 3],
      ['识别改进', 5], ['改进方向', 2.5],
    ],
  },

  // 7 质量信用改进 --------------------------------------------------------------------------
  {
    bullet: 'credit-improvement.1', slug: 'plan', label: '质量信用改进目标和计划（分解至各层级）',
    phrases: [
      ['质量信用改进', 9], ['质量信用提升', 9], ['提升行动计划', 6], ['行动计划', 2.5], ['改进行动', 4], ['改进计划', 7], ['质量改进计划', 8], ['改进目标', 6], ['改进方案', 4.5], ['质量提升计划', 6],
      ['质量提升行动', 5], ['提升计划', 3], ['目标分解', 6], ['分解落实', 5], ['各个层级', 4], ['各层级', 3.5], ['目标责任书', 5],
      ['质量目标责任', 4], ['改进措施', 2], ['整改计划', 3], ['改进项目', 4], ['质量提升', 2.5], ['持续改进', 1.5],
    ],
  },
  {
    bullet: 'credit-improvement.2', slug: 'improvement-results', label: '改进工具方法、改进成果与荣誉（QC小组、六西格玛、精益）',
    phrases: [
      ['QC小组', 9], ['QC成果', 9], ['QC小组活动', 9], ['质量管理小组', 8], ['优秀质量管理小组', 10], ['质量管理小组活动', 9],
      ['成果发表', 6], ['质量改进成果', 8], ['改进成果', 6], ['质量改进', 5], ['改进活动', 5], ['改善活动', 5], ['改善提案', 6],
      ['合理化建议', 5], ['质量攻关', 6], ['攻关', 3], ['六西格玛', 9], ['6σ', 8], ['6SIGMA', 8], ['SIXSIGMA', 8], ['黑带', 5],
      ['绿带', 4], ['精益生产', 7], ['精益管理', 7], ['精益', 3], ['PDCA', 5], ['5S', 3], ['6S', 3], ['TPM', 4], ['8D', 3],
      ['质量信得过班组', 9], ['信得过班组', 8], ['现场管理星级', 8], ['班组建设', 3], ['质量技术奖', 7], ['质量创新', 4],
      ['课题', 3], ['选题理由', 6], ['现状调查', 4], ['要因确认', 7], ['原因分析', 3], ['对策实施', 6], ['对策表', 6],
      ['效果检查', 5], ['巩固措施', 6], ['鱼骨图', 5], ['因果图', 5], ['排列图', 5], ['帕累托', 5], ['头脑风暴', 3],
      ['质量工具', 4], ['改进工具', 5], ['中国质量协会', 3], ['质量协会', 3], ['成果奖', 3],
    ],
  },

  // 8 质量水平 ------------------------------------------------------------------------------
  {
    bullet: 'quality-level.1', slug: 'inspections-complaints', label: '主管部门检查、市场调查和消费者投诉信息的收集处理',
    phrases: [
      ['日常检查', 6], ['日常监督检查', 7], ['监督检查', 5], ['双随机', 6], ['现场检查', 3], ['检查记录', 3], ['检查意见', 3],
      ['行业主管部门', 4], ['主管部门', 2], ['市场调查', 4], ['消费者投诉', 6], ['12315', 7], ['投诉举报', 5],
      ['舆情', 4], ['质量信息收集', 5], ['质量信息台账', 7], ['信息台账', 4], ['外部质量信息', 6], ['处理记录', 3], ['整改报告', 3],
      ['责令整改', 3], ['整改', 1.5], ['及时处理', 2],
    ],
  },
  {
    bullet: 'quality-level.2', slug: 'test-reports-certification', label: '产品/服务质量经内外部认可（检验报告、产品认证）',
    phrases: [
      ['检验报告', 9], ['检测报告', 9], ['试验报告', 6], ['型式检验', 8], ['型式试验', 7], ['委托检验', 6], ['监督抽查', 8],
      ['抽查检验', 8], ['监督抽检', 8], ['抽检', 5], ['检验结论', 7], ['检验结果', 4], ['检验项目', 4], ['检验依据', 5],
      ['检验类别', 5], ['样品名称', 6], ['样品', 3], ['抽样', 3], ['送样', 4], ['检验检测专用章', 5], ['CMA', 3], ['质检', 2],
      ['产品认证证书', 9], ['产品认证', 7], ['强制性产品认证', 9], ['CCC', 6], ['自愿性产品认证', 8], ['CQC', 5],
      ['节能产品认证', 6], ['有机产品认证', 6], ['质量认可', 4], ['用户使用报告', 6], ['出厂检验', 4], ['合格证明', 3],
      ['产品质量', 1], ['判定', 1.5], ['符合要求', 1], ['合格', 1],
      // Recognition by customers and quality regulators (外部认可) rather than government honours.
      ['优秀供应商', 7], ['最佳供应商', 7], ['供应商质量奖', 8], ['客户认可', 3], ['质量检验稳定合格', 8], ['出口免验', 6],
    ],
  },
  {
    bullet: 'quality-level.3', slug: 'benchmarking', label: '质量对标国际国内同行（领先水平）',
    phrases: [
      ['对标', 7], ['对标报告', 9], ['对标分析', 9], ['质量对标', 9], ['对标达标', 8], ['标杆', 5], ['国际国内同行', 7],
      ['同行业', 2], ['同类产品', 3], ['竞品', 5], ['竞争对手', 4], ['领先水平', 4], ['国际先进水平', 3.5], ['质量水平', 4],
      ['比对', 3], ['比对试验', 5], ['质量比对', 7], ['对比分析', 3], ['采标', 4], ['采用国际标准', 5], ['先进水平', 3],
    ],
  },

  // 9 顾客满意 ------------------------------------------------------------------------------
  {
    bullet: 'customer-satisfaction.1', slug: 'after-sales-organisation', label: '售后服务管理机构',
    phrases: [
      ['售后服务', 6], ['售后管理机构', 8], ['售后服务部', 7], ['售后服务中心', 7], ['客户服务中心', 7], ['客户服务部', 6],
      ['客服中心', 6], ['服务网点', 4], ['售后服务网络', 6], ['售后服务管理制度', 8], ['售后服务体系', 6], ['售后服务认证', 8],
      ['商品售后服务评价', 9], ['27922', 8], ['服务热线', 4], ['客户服务', 3], ['售后', 3],
    ],
  },
  {
    bullet: 'customer-satisfaction.2', slug: 'customer-relations', label: '客户关系与顾客满意信息收集反馈',
    phrases: [
      ['客户关系', 5], ['客户关系管理', 7], ['CRM', 4], ['客户回访', 6], ['回访', 3], ['顾客满意信息', 7], ['满意信息', 4],
      ['反馈机制', 4], ['客户档案', 4], ['客户走访', 5], ['客户座谈会', 5], ['用户座谈会', 5], ['顾客反馈', 4], ['客户反馈', 3],
      ['顾客沟通', 4], ['客户沟通', 3],
    ],
  },
  {
    bullet: 'customer-satisfaction.3', slug: 'commitments', label: '产品/服务承诺告知顾客（包装、说明书、广告、网络）',
    phrases: [
      ['服务承诺', 7], ['售后服务承诺', 9], ['质量承诺', 3], ['产品说明书', 4], ['使用说明书', 4], ['说明书', 3], ['包装', 1.5],
      ['广告', 2], ['三包', 6], ['保修', 4], ['保修卡', 5], ['质保', 4], ['质保期', 4], ['退换货', 5], ['包退', 4], ['包换', 4],
      ['承诺', 1],
    ],
  },
  {
    bullet: 'customer-satisfaction.4', slug: 'complaints-recall', label: '质量投诉解决、追溯、缺陷产品召回与服务补救制度',
    phrases: [
      ['投诉处理', 6], ['质量投诉', 6], ['客户投诉', 6], ['顾客投诉', 6], ['投诉管理', 6], ['投诉处理程序', 8], ['投诉处理制度', 8],
      ['召回', 6], ['缺陷产品召回', 9], ['召回制度', 9], ['召回管理', 8], ['产品召回', 8], ['服务补救', 9], ['补救措施', 4],
      ['投诉', 2.5], ['退货', 2], ['纠正措施', 1.5],
    ],
  },
  {
    bullet: 'customer-satisfaction.5', slug: 'satisfaction-survey', label: '客户满意度测评分析报告与持续改进报告',
    phrases: [
      ['满意度', 6], ['客户满意度', 8], ['顾客满意度', 8], ['用户满意度', 8], ['满意度调查', 9], ['满意度测评', 10],
      ['满意度调查报告', 10], ['满意度测评报告', 10], ['满意度分析报告', 10], ['满意度测量', 8], ['满意度问卷', 8],
      ['调查问卷', 4], ['问卷', 3], ['满意度指数', 7], ['CSI', 4], ['净推荐值', 6], ['NPS', 3], ['满意率', 4],
      ['顾客满意', 4], ['客户满意', 4], ['用户满意', 4], ['测评', 3],
    ],
  },
  {
    bullet: 'customer-satisfaction.6', slug: 'complaint-metrics', label: '外部质量损失、有效投诉、客诉处置满意率趋势',
    phrases: [
      ['外部质量损失', 8], ['外部损失', 5], ['质量损失', 3], ['有效投诉', 7], ['投诉次数', 5], ['投诉率', 4], ['客诉', 5],
      ['处置满意率', 7], ['客诉处置', 7], ['索赔', 3],
    ],
  },

  // 10 品牌建设 -----------------------------------------------------------------------------
  {
    bullet: 'brand-building.1', slug: 'brand-plan', label: '品牌建设规划或方案',
    phrases: [
      ['品牌建设规划', 10], ['品牌建设方案', 10], ['品牌建设', 7], ['品牌战略', 8], ['品牌规划', 8], ['品牌发展规划', 9],
      ['品牌发展', 5], ['品牌培育', 8], ['品牌管理制度', 8], ['品牌管理', 6], ['品牌定位', 6], ['品牌宣传', 4], ['品牌推广', 5],
      ['品牌影响力', 4], ['品牌价值', 4], ['品牌价值评价', 7], ['商标战略', 5], ['品牌', 2.5], ['商标', 1.5],
    ],
  },
  {
    bullet: 'brand-building.2', slug: 'quality-award', label: '政府质量奖（国家级、省级、地方级）',
    phrases: [
      ['质量奖', 9], ['政府质量奖', 10], ['中国质量奖', 10], ['江苏省质量奖', 10], ['省长质量奖', 10], ['省质量奖', 9],
      ['市长质量奖', 10], ['区长质量奖', 10], ['县长质量奖', 10], ['质量奖提名奖', 10], ['全国质量奖', 8], ['质量管理奖', 6],
      ['卓越绩效', 2],
    ],
  },
  {
    bullet: 'brand-building.3', slug: 'honour-titles', label: '品牌、荣誉称号（省级及以上、市级）',
    phrases: [
      ['荣誉称号', 6], ['荣誉证书', 1.5], ['荣誉', 1], ['称号', 2.5], ['名牌', 6], ['名牌产品', 8], ['江苏名牌', 8], ['知名品牌', 8],
      ['著名商标', 8], ['驰名商标', 9], ['中华老字号', 9], ['老字号', 8], ['江苏精品', 8], ['精品认证', 6], ['品牌价值百强', 8],
      ['守合同重信用', 6], ['专精特新', 4], ['小巨人', 4], ['单项冠军', 4], ['诚信企业', 3], ['先进企业', 2], ['先进单位', 2],
      ['被评为', 2], ['被认定为', 1.5], ['授予', 1.5],
    ],
  },

  // 11 社会责任 -----------------------------------------------------------------------------
  {
    bullet: 'social-responsibility.1', slug: 'csr-system-charity', label: '社会责任管理体系（GB/T 39604）与公益慈善',
    phrases: [
      ['GB/T 39604', 10], ['39604', 8], ['社会责任管理体系', 9], ['SA8000', 8], ['ISO 26000', 8], ['GB/T 36000', 8], ['36000', 5],
      ['社会责任', 5], ['公益慈善', 8], ['公益', 4], ['慈善', 5], ['慈善总会', 7], ['慈善会', 6], ['红十字会', 6], ['基金会', 3],
      ['捐赠', 7], ['捐款', 7], ['捐赠证书', 9], ['捐赠票据', 8], ['公益事业捐赠', 8], ['爱心捐赠', 8], ['捐资', 6], ['捐助', 6],
      ['志愿服务', 6], ['志愿者', 4], ['扶贫', 4], ['乡村振兴', 4], ['助学', 4], ['救灾', 4], ['抗疫', 4], ['爱心', 3],
      ['善举', 5], ['感谢信', 3], ['结对帮扶', 5],
    ],
  },
  {
    bullet: 'social-responsibility.2', slug: 'csr-report', label: '社会责任报告或ESG报告',
    phrases: [
      ['社会责任报告', 10], ['企业社会责任报告', 10], ['ESG', 8], ['ESG报告', 10], ['环境社会及治理', 9], ['环境、社会及治理', 9], ['环境社会和治理', 9], ['环境、社会和治理', 9],
      ['可持续发展报告', 9], ['可持续发展', 4], ['CSR', 5], ['社会责任报告编写指南', 8], ['GB/T 36001', 8], ['36001', 6],
    ],
  },
  {
    bullet: 'social-responsibility.3', slug: 'green-honours', label: '绿色荣誉（绿色工厂、绿色产品等）',
    phrases: [
      ['绿色工厂', 10], ['绿色产品', 6], ['绿色设计产品', 9], ['绿色供应链', 8], ['绿色园区', 6], ['绿色制造', 7], ['绿色制造体系', 8],
      ['绿色荣誉', 7], ['绿色', 2.5], ['节能减排', 4], ['节能', 2], ['清洁生产', 6], ['清洁生产审核', 7], ['能效领跑者', 7],
      ['水效领跑者', 7], ['节水型企业', 7], ['环境友好', 5], ['环保信用', 5], ['环境信用', 5], ['碳足迹', 5], ['碳排放', 3],
      ['碳中和', 4], ['碳达峰', 3], ['零碳工厂', 8], ['低碳', 3], ['无废工厂', 8], ['环保', 2], ['生态环境', 2], ['光伏', 2],
    ],
  },
  {
    bullet: 'social-responsibility.4', slug: 'contribution', label: '对区域、行业产业和国家发展的贡献',
    phrases: [
      ['纳税', 5], ['纳税证明', 8], ['完税证明', 8], ['纳税信用', 5], ['纳税大户', 7], ['纳税百强', 7], ['上缴税金', 6],
      ['税收', 3], ['带动就业', 7], ['吸纳就业', 7], ['就业', 3], ['残疾人就业', 6], ['和谐劳动关系', 6], ['劳动关系和谐', 6],
      ['区域发展', 4], ['地方经济', 4], ['经济贡献', 5], ['贡献', 1.5], ['带动', 1], ['上下游', 2], ['产业链', 2],
    ],
  },
];

/** Phrases from the catalogue's `evidenceHints` that say too little on their own. */
const GENERIC_HINTS = new Set(['设施', '管理制度', '管理职责', '持续改进', '公开发布', '技术人员', '管理人员', '包装', '广告', '说明书', '营业收入', '财务报表', '荣誉证书', '专利', '知识产权', '测量指标', '处理记录', '领先水平', '国际国内同行', '反馈机制', '追溯机制']);

function buildKinds(): ProofKind[] {
  const kinds: ProofKind[] = SOURCES.map((source) => {
    const window = source.bullet.slice(0, source.bullet.lastIndexOf('.')) as IndicatorId;
    return { id: `${source.bullet}/${source.slug}`, window, bullet: source.bullet, label: source.label, phrases: source.phrases, patterns: source.patterns ?? [] };
  });
  // The catalogue's own hints, where the hand-written lexicon does not already have them.
  for (const indicator of INDICATORS) {
    // The window's phrases, keyed once per window (not once per bullet: this runs at start-up).
    const known = new Set(kinds.filter((k) => k.window === indicator.id).flatMap((k) => k.phrases.map(([p]) => matchKey(p))));
    for (const bullet of indicator.bullets) {
      const kind = kinds.find((k) => k.bullet === bullet.id);
      const extra: WeightedPhrase[] = bullet.evidenceHints
        .filter((hint) => !known.has(matchKey(hint)))
        .map((hint) => [hint, GENERIC_HINTS.has(hint) || matchKey(hint).length <= 2 ? 1 : 2.5] as const);
      for (const [hint] of extra) known.add(matchKey(hint));
      if (extra.length === 0) continue;
      if (kind) (kind as { phrases: readonly WeightedPhrase[] }).phrases = [...kind.phrases, ...extra];
      else kinds.push({ id: `${bullet.id}/hints`, window: indicator.id, bullet: bullet.id, label: bullet.text.replace(/[；。]$/, ''), phrases: extra, patterns: [] });
    }
  }
  // A phrase weighs at least as much as any phrase of its window it contains: where phrases
  // overlap the longest wins, and "风险识别与评价" must not count less than "风险识别".
  return kinds.map((kind) => {
    const inWindow = kinds.filter((k) => k.window === kind.window).flatMap((k) => k.phrases.map(([p, w]) => [matchKey(p), w] as const));
    const phrases = kind.phrases.map(([phrase, weight]): WeightedPhrase => {
      const key = matchKey(phrase);
      const contained = inWindow.filter(([k]) => k !== key && key.includes(k)).reduce((max, [, w]) => Math.max(max, w), 0);
      return [phrase, Math.max(weight, contained)];
    });
    return { ...kind, phrases };
  });
}

// ---- Normalisation -------------------------------------------------------------------------

/** Stands for list and sentence punctuation in a match key: no phrase matches across it. */
export const KEY_SEPARATOR = '|';

/**
 * Text as matched: NFKC (full-width forms and CJK compatibility ideographs, e.g. the Kangxi
 * radicals some PDFs extract, to their ordinary characters), full-width ASCII to half-width,
 * Latin upper case; list and sentence punctuation (，、。；：！？) becomes one `|`, so
 * "质量、技术" is not "质量技术"; everything else that is not a Han character, letter or digit
 * is dropped — spaces, slashes, dashes, brackets, quotes, OCR's stray `|` — so
 * `GB/T 19001-2016`, `GB/T19001` and OCR's `GB T 19001` all contain `GBT19001`. OCR's `IS0`,
 * `1SO` and `lSO` before a standard number are read as `ISO`; `σ` is kept (6σ).
 */
export function matchKey(text: string): string {
  return toHalfWidthAscii(text.normalize('NFKC'))
    .replace(/\|/g, '')
    .toUpperCase()
    .replace(/[,;:!?\u3001\u3002]+/gu, KEY_SEPARATOR)
    .replace(/[^\p{Script=Han}A-Z0-9σΣ|]+/gu, '')
    .replace(/\|{2,}/g, KEY_SEPARATOR)
    .replace(/^\||\|$/g, '')
    .replace(/Σ/g, 'σ')
    .replace(/(?<![A-Z])[1IL]S[O0](?=\d{4})/g, 'ISO');
}

/** All lexicon entries, frozen, for other tools (the web page's hints, a per-window self-check). */
export const PROOF_KINDS: readonly ProofKind[] = Object.freeze(buildKinds().map((k) => Object.freeze({ ...k, phrases: Object.freeze([...k.phrases]), patterns: Object.freeze([...k.patterns]) })));

interface CompiledPhrase {
  kind: ProofKind;
  display: string;
  key: string;
  weight: number;
  bigrams: string[];
}

const COMPILED: CompiledPhrase[] = PROOF_KINDS.flatMap((kind) =>
  kind.phrases.map(([display, weight]) => {
    const key = matchKey(display);
    return { kind, display, key, weight, bigrams: bigramsOf(key) };
  }),
).filter((p) => p.key.length > 0);

function bigramsOf(key: string): string[] {
  const chars = [...key];
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

// ---- Zones -------------------------------------------------------------------------------------

export type ZoneKind = 'title' | 'heading' | 'body';

/** How much a mention counts by where it is. */
const ZONE_FACTOR: Record<ZoneKind, number> = { title: 3, heading: 1.6, body: 1 };

interface Zone {
  kind: ZoneKind;
  key: string;
  ocr: boolean;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor(sorted.length / 2)]! : 0;
};

const hanCount = (key: string) => (key.match(/\p{Script=Han}/gu) ?? []).length;

/**
 * Whether a line can be a title or heading: mostly Han characters, and not a table row (OCR
 * reads cell borders as `|` or brackets, and a row's box swells with the border around it).
 */
function headingWorthy(line: TextLine): boolean {
  if (/[|│┃[\]]/u.test(line.text)) return false;
  const key = matchKey(line.text);
  const han = hanCount(key);
  return han >= 2 && han >= key.length * 0.5;
}

/** A line of running text: not large, and long enough to be part of a paragraph. */
const PARAGRAPH_CHARS = 16;

/**
 * Splits the pages into title, headings and body. Headings are large, short lines (1.25× the
 * page's median line height); the title is the first block of headings in the top half of the
 * first page with text, up to the first paragraph or gap after it — or, when nothing stands
 * out by size,
 * that page's first short lines; a "关于……的通知/决定" line near the top is a title too.
 */
function zonesOf(pages: readonly ReadPage[]): Zone[] {
  const zones: Zone[] = [];
  const firstIndex = pages.findIndex((p) => p.lines.some((l) => matchKey(l.text).length >= 2));
  pages.forEach((page, index) => {
    const ocr = page.source === 'ocr';
    const lines = page.lines.filter((l) => l.text.trim().length > 0);
    if (lines.length === 0) return;
    const heights = lines.map((l) => l.box.height).filter((h) => h > 0);
    const typical = median(heights) || 1;
    const large = lines.map((line) => line.box.height >= typical * 1.25);
    const kinds: ZoneKind[] = lines.map((line, i) => (large[i] && [...matchKey(line.text)].length <= 40 && headingWorthy(line) ? 'heading' : 'body'));
    if (index === firstIndex) {
      const order = lines.map((_, i) => i).sort((a, b) => lines[a]!.box.y - lines[b]!.box.y);
      let titled = 0;
      let paragraphs = 0;
      let titleBottom = 0;
      let titleHeight = 0;
      for (const i of order) {
        const line = lines[i]!;
        if (page.height > 0 && line.box.y > page.height * 0.5) break;
        if (kinds[i] === 'heading') {
          // A title is one block: a large line far below it is something else (a table row).
          if (titled > 0 && line.box.y - titleBottom > Math.max(2.5 * titleHeight, 4 * typical)) break;
          if (titled < 5) {
            kinds[i] = 'title';
            titled++;
            titleBottom = line.box.y + line.box.height;
            titleHeight = line.box.height;
          }
          continue;
        }
        if (!large[i] && [...matchKey(line.text)].length >= PARAGRAPH_CHARS && (titled > 0 || ++paragraphs >= 3)) break;
      }
      if (titled === 0) {
        // Everything the same size (a plain typed page): the first short lines are the title.
        let taken = 0;
        for (let k = 0; k < order.length && k < 6 && taken < 2; k++) {
          const i = order[k]!;
          const n = [...matchKey(lines[i]!.text)].length;
          if (n >= 3 && n <= 32 && headingWorthy(lines[i]!)) {
            kinds[i] = 'title';
            taken++;
          }
        }
      }
      lines.forEach((line, i) => {
        if (i < 12 && /^关于.{2,60}的(通知|决定|批复|通报|公告|报告|请示|函)$/u.test(matchKey(line.text))) kinds[i] = 'title';
      });
    }
    // Consecutive lines of one zone are joined, so a title wrapped over two lines still matches.
    let current: Zone | null = null;
    lines.forEach((line, i) => {
      const kind = kinds[i]!;
      const key = matchKey(line.text);
      if (current && current.kind === kind) current.key += key;
      else {
        current = { kind, key, ocr };
        zones.push(current);
      }
    });
  });
  return zones;
}

// ---- Matching ----------------------------------------------------------------------------------

interface Match {
  /** `kind` null: a neutral phrase (see NEUTRAL_PHRASES). */
  phrase: { kind: ProofKind | null; display: string; weight: number; length: number };
  zone: ZoneKind;
  start: number;
  end: number;
  fuzzy: boolean;
}

/**
 * An occurrence of `pattern` in `text` within `maxEdits` edits, not across a separator, with
 * the first and last characters exact. Chinese terms are head-final (…奖, …部, …办法) and a
 * phrase read with another head or start is most likely another word, not OCR noise:
 * "供应商质量波动" is not "供应商质量奖", "中国质量协会" not "中国质量奖". So only the inside of
 * a phrase is forgiven. Sellers' algorithm finds where approximate occurrences end; each is
 * then aligned from its possible starts.
 */
function approximateFind(pattern: string[], text: string[], maxEdits: number): { start: number; end: number; distance: number } | null {
  const m = pattern.length;
  let prev = new Array<number>(m + 1);
  let cur = new Array<number>(m + 1);
  for (let i = 0; i <= m; i++) prev[i] = i;
  for (let j = 1; j <= text.length; j++) {
    cur[0] = 0;
    const t = text[j - 1]!;
    for (let i = 1; i <= m; i++) {
      const cost = pattern[i - 1] === t ? 0 : 1;
      cur[i] = Math.min(prev[i - 1]! + cost, prev[i]! + 1, cur[i - 1]! + 1);
    }
    if (cur[m]! <= maxEdits && t === pattern[m - 1]) {
      for (let start = Math.max(0, j - m - maxEdits); start <= j - m + maxEdits && start < j; start++) {
        if (text[start] !== pattern[0]) continue;
        const span = text.slice(start, j);
        if (span.includes(KEY_SEPARATOR)) continue;
        const distance = editDistance(pattern, span);
        if (distance <= maxEdits) return { start, end: j, distance };
      }
    }
    [prev, cur] = [cur, prev];
  }
  return null;
}

/** Approximate matches count this share of the phrase's weight (4-character phrases less). */
const FUZZY_DISCOUNT = 0.7;
const FUZZY_DISCOUNT_SHORT = 0.55;

/**
 * Names that contain lexicon words but prove nothing: issuing bodies (工业和信息化厅 issues
 * green-factory and 专精特新 certificates; it is no 信息化 evidence) and departments that
 * appear in every company document (质量管理部 is not 质量管理奖, read approximately). They take
 * part in overlap resolution like any phrase and then count for nothing.
 */
const NEUTRAL_PHRASES = ['工业和信息化', '质量管理部', '质量技术部', '技术质量部', '品质管理部', '市场监督管理局', '市场监管局'];
const NEUTRAL_KEYS = NEUTRAL_PHRASES.map(matchKey);

function findMatches(zones: Zone[]): Match[] {
  const all: Match[] = [];
  zones.forEach((zone) => {
    const found: Match[] = [];
    const exactKeys = new Set<string>();
    for (const phrase of COMPILED) {
      let from = 0;
      let at: number;
      while ((at = zone.key.indexOf(phrase.key, from)) >= 0) {
        found.push({ phrase: { kind: phrase.kind, display: phrase.display, weight: phrase.weight, length: phrase.key.length }, zone: zone.kind, start: at, end: at + phrase.key.length, fuzzy: false });
        exactKeys.add(phrase.key);
        from = at + phrase.key.length;
      }
    }
    for (const kind of PROOF_KINDS) {
      for (const [pattern, weight, label] of kind.patterns) {
        for (const m of zone.key.matchAll(new RegExp(pattern.source, 'g'))) {
          found.push({ phrase: { kind, display: label, weight, length: m[0].length }, zone: zone.kind, start: m.index, end: m.index + m[0].length, fuzzy: false });
        }
      }
    }
    for (const key of NEUTRAL_KEYS) {
      let from = 0;
      let at: number;
      while ((at = zone.key.indexOf(key, from)) >= 0) {
        found.push({ phrase: { kind: null, display: key, weight: 0, length: key.length }, zone: zone.kind, start: at, end: at + key.length, fuzzy: false });
        from = at + key.length;
      }
    }
    if (zone.ocr) found.push(...fuzzyMatches(zone, exactKeys));
    all.push(...resolveOverlaps(found).filter((m) => m.phrase.kind !== null));
  });
  return all;
}

/**
 * On OCR text, phrases not found exactly are looked for with one edit (two from 12 characters)
 * inside them, their first and last characters exact (approximateFind):
 * Han phrases of 5+ characters, and the strongest 4-character ones (weight ≥ 8, e.g.
 * 绿色工厂, 检验报告) — weaker 4-character phrases would match too much ("质量文化" ~ "质量文件").
 */
function fuzzyMatches(zone: Zone, exactKeys: Set<string>): Match[] {
  const text = [...zone.key];
  if (text.length < 3) return [];
  const have = new Set(bigramsOf(zone.key));
  const out: Match[] = [];
  for (const phrase of COMPILED) {
    if (exactKeys.has(phrase.key)) continue;
    const chars = [...phrase.key];
    if (chars.length < 4 || (chars.length === 4 && phrase.weight < 8) || !/^\p{Script=Han}+$/u.test(phrase.key)) continue;
    const shared = phrase.bigrams.filter((b) => have.has(b)).length;
    if (shared < Math.max(1, Math.ceil(phrase.bigrams.length * 0.5))) continue;
    const maxEdits = chars.length >= 12 ? 2 : 1;
    const hit = approximateFind(chars, text, maxEdits);
    if (!hit || hit.distance === 0) continue;
    const start = hit.start;
    const discount = chars.length === 4 ? FUZZY_DISCOUNT_SHORT : FUZZY_DISCOUNT;
    out.push({ phrase: { kind: phrase.kind, display: phrase.display, weight: phrase.weight * discount, length: chars.length - hit.distance }, zone: zone.kind, start, end: hit.end, fuzzy: true });
  }
  return out;
}

/**
 * Longest first (a fuzzy match counts the characters it got right), exact before fuzzy at
 * equal length: a match that overlaps one already taken is dropped. A fuzzy match is also
 * dropped where an exact match of 3+ characters overlaps it and reaches beyond it: what was
 * read exactly is a better account of the text than what it nearly was.
 */
function resolveOverlaps(found: Match[]): Match[] {
  const solid = found.filter((m) => !m.fuzzy && m.end - m.start >= 3);
  const outside = (m: Match, t: Match) => m.start < t.end && t.start < m.end && (t.start < m.start || t.end > m.end);
  const kept = found.filter((m) => !m.fuzzy || !solid.some((t) => outside(m, t)));
  const ordered = kept.sort((a, b) => b.phrase.length - a.phrase.length || Number(a.fuzzy) - Number(b.fuzzy) || b.phrase.weight - a.phrase.weight);
  const taken: Match[] = [];
  for (const match of ordered) {
    if (taken.some((t) => match.start < t.end && t.start < match.end)) continue;
    taken.push(match);
  }
  return taken;
}

// ---- Scoring -----------------------------------------------------------------------------------

export interface WindowClassification {
  /** The window the document most likely belongs to. */
  id: IndicatorId;
  /** 0..1: high only when one window clearly wins on substantial evidence. */
  confidence: number;
  /** All 11 windows, best first. */
  ranking: { id: IndicatorId; score: number }[];
  /** zh-CN, why the top window was chosen (and what stood against it). */
  reasons: string[];
  /** Scoring bullets the document likely evidences, best first (same units as `ranking`). */
  bullets: { id: string; score: number }[];
}

interface PhraseEvidence {
  kind: ProofKind;
  display: string;
  weight: number;
  best: ZoneKind;
  count: number;
  fuzzy: boolean;
  score: number;
}

/** Extra mentions of a phrase add a little: log-scaled, at most one more title's worth. */
const REPEAT_BONUS = 0.35;
const REPEAT_CAP = 1;
/** Within a proof kind: the best phrase, plus a fraction of the others. */
const KIND_OTHERS = 0.3;
/** A window's score: its proof kinds, best first, counted with these factors (the last repeats). */
const WINDOW_DECAY = [1, 0.6, 0.45, 0.35, 0.3];
/**
 * Confidence = P(top) × strength: P from a softmax over the windows that scored (temperature
 * below, in score units), strength = 1 − exp(−top / STRENGTH_SCALE), so a document with one
 * weak hint is not confident even when nothing competes.
 */
const TEMPERATURE = 4;
const STRENGTH_SCALE = 8;

function phraseEvidence(matches: Match[]): PhraseEvidence[] {
  const byPhrase = new Map<string, PhraseEvidence>();
  for (const match of matches) {
    const kind = match.phrase.kind;
    if (!kind) continue;
    const key = `${kind.id}|${match.phrase.display}`;
    const entry = byPhrase.get(key);
    if (!entry) {
      byPhrase.set(key, { kind, display: match.phrase.display, weight: match.phrase.weight, best: match.zone, count: 1, fuzzy: match.fuzzy, score: 0 });
      continue;
    }
    entry.count++;
    if (ZONE_FACTOR[match.zone] > ZONE_FACTOR[entry.best] || (match.zone === entry.best && entry.fuzzy && !match.fuzzy)) {
      entry.best = match.zone;
      entry.fuzzy = match.fuzzy;
    }
    entry.weight = Math.max(entry.weight, match.phrase.weight);
  }
  for (const entry of byPhrase.values()) {
    entry.score = entry.weight * (ZONE_FACTOR[entry.best] + Math.min(REPEAT_CAP, REPEAT_BONUS * Math.log(entry.count)));
  }
  return [...byPhrase.values()];
}

const round = (n: number) => Math.round(n * 100) / 100;

function shortBullet(text: string, max = 22): string {
  const clean = text.replace(/[；。]$/u, '');
  return [...clean].length > max ? `${[...clean].slice(0, max).join('')}…` : clean;
}

const BULLET_TEXT = new Map(INDICATORS.flatMap((i) => i.bullets.map((b) => [b.id as string, b.text] as const)));

const ZONE_WORDS: Record<ZoneKind, string> = { title: '标题', heading: '小标题', body: '正文' };

function describe(evidence: PhraseEvidence): string {
  const where = evidence.best === 'body' && evidence.count > 1 ? `正文${evidence.count}处` : ZONE_WORDS[evidence.best];
  const fuzzy = evidence.fuzzy ? '（近似匹配，可能有识别误差）' : '';
  return `${where}含“${evidence.display}”${fuzzy}，属于“${evidence.kind.label}”，对应评分细则“${shortBullet(BULLET_TEXT.get(evidence.kind.bullet) ?? '')}”`;
}

export interface ClassifyOptions {
  /** The name the file was uploaded under; when given, it counts like a heading. */
  fileName?: string;
}

/** One lexicon phrase found in a document (for explanations and for tuning the lexicon). */
export interface EvidenceHit {
  window: IndicatorId;
  bullet: string;
  kind: string;
  phrase: string;
  /** Where its best mention is. */
  zone: ZoneKind;
  count: number;
  fuzzy: boolean;
  score: number;
}

function evidenceOf(pages: readonly ReadPage[], options: ClassifyOptions): PhraseEvidence[] {
  const zones = zonesOf(pages);
  if (options.fileName) {
    const stem = options.fileName.replace(/\.[A-Za-z0-9]{2,5}$/u, '');
    zones.push({ kind: 'heading', key: matchKey(stem), ocr: false });
  }
  return phraseEvidence(findMatches(zones));
}

/** Every lexicon phrase found in the pages, strongest first. */
export function findEvidence(pages: readonly ReadPage[], options: ClassifyOptions = {}): EvidenceHit[] {
  return evidenceOf(pages, options)
    .sort((a, b) => b.score - a.score)
    .map((e) => ({ window: e.kind.window, bullet: e.kind.bullet, kind: e.kind.id, phrase: e.display, zone: e.best, count: e.count, fuzzy: e.fuzzy, score: round(e.score) }));
}

/** Ranks the 11 indicator windows for a read upload. */
export function classifyEvidence(pages: readonly ReadPage[], options: ClassifyOptions = {}): WindowClassification {
  const evidence = evidenceOf(pages, options);

  // Proof kinds: best phrase plus a fraction of the others.
  const kindScores = new Map<string, { kind: ProofKind; score: number; phrases: PhraseEvidence[] }>();
  for (const e of evidence) {
    const entry = kindScores.get(e.kind.id) ?? { kind: e.kind, score: 0, phrases: [] };
    entry.phrases.push(e);
    kindScores.set(e.kind.id, entry);
  }
  for (const entry of kindScores.values()) {
    entry.phrases.sort((a, b) => b.score - a.score);
    const [top, ...rest] = entry.phrases;
    entry.score = (top?.score ?? 0) + KIND_OTHERS * rest.reduce((s, p) => s + p.score, 0);
  }

  const windowScores = INDICATORS.map((indicator) => {
    const kinds = [...kindScores.values()].filter((k) => k.kind.window === indicator.id).sort((a, b) => b.score - a.score);
    const score = kinds.reduce((sum, k, i) => sum + k.score * WINDOW_DECAY[Math.min(i, WINDOW_DECAY.length - 1)]!, 0);
    return { id: indicator.id, score: round(score), kinds };
  });
  const ranked = [...windowScores].sort((a, b) => b.score - a.score || getIndicator(a.id).order - getIndicator(b.id).order);
  const top = ranked[0]!;
  const second = ranked[1]!;

  const partition = ranked.filter((w) => w.score > 0).reduce((sum, w) => sum + Math.exp((w.score - top.score) / TEMPERATURE), 0);
  const confidence = top.score > 0 ? (1 / partition) * (1 - Math.exp(-top.score / STRENGTH_SCALE)) : 0;

  const reasons: string[] = [];
  if (top.score === 0) {
    reasons.push('未识别到与任何评分细则对应的证明材料特征（文字过少或内容无关），无法判断所属窗口');
  } else {
    const phrases = top.kinds.flatMap((k) => k.phrases.slice(0, 1)).sort((a, b) => b.score - a.score);
    for (const p of phrases.slice(0, 3)) reasons.push(describe(p));
    if (second.score > 0 && second.score >= top.score * 0.6) {
      const rival = second.kinds[0]?.phrases[0];
      reasons.push(`也像“${getIndicator(second.id).name}”窗口的材料${rival ? `（${ZONE_WORDS[rival.best]}含“${rival.display}”）` : ''}，两者得分接近，请人工确认`);
    }
  }

  const bulletScores = new Map<string, number>();
  for (const entry of kindScores.values()) bulletScores.set(entry.kind.bullet, (bulletScores.get(entry.kind.bullet) ?? 0) + entry.score);
  const bestBullet = Math.max(0, ...bulletScores.values());
  const bullets = [...bulletScores.entries()]
    .filter(([, score]) => score >= 2 && score >= bestBullet * 0.15)
    .sort((a, b) => b[1] - a[1])
    .map(([id, score]) => ({ id, score: round(score) }));

  return {
    id: top.id,
    confidence: round(confidence),
    ranking: ranked.map(({ id, score }) => ({ id, score })),
    reasons,
    bullets,
  };
}

// ---- The check ---------------------------------------------------------------------------------

/** Below this top score nothing is said: too little evidence to suggest another window. */
const MIN_SCORE_TO_JUDGE = 6;
/** The upload's own window scoring at least this share of the best: it may well belong there. */
const PLAUSIBLE_SHARE = 0.75;
/**
 * An error needs this confidence and the upload's window below this share of the best: content
 * that scores about twice as high for another window belongs there (evidence in the wrong
 * window scores nothing, so leaving it is worse than moving it).
 */
const ERROR_CONFIDENCE = 0.8;
const ERROR_SHARE = 0.55;

/**
 * QC_WINDOW_MISMATCH when the content fits another window better than `slot`, the window the
 * file was uploaded into: an error when another window clearly wins, a warning when it is a
 * closer call. Nothing when the file fits its window, or when there is too little to judge.
 */
export function checkWindow(classification: WindowClassification, slot: IndicatorId, file: string): Finding[] {
  const top = classification.ranking[0];
  if (!top || classification.id === slot || top.score < MIN_SCORE_TO_JUDGE) return [];
  const own = classification.ranking.find((r) => r.id === slot)?.score ?? 0;
  const share = own / top.score;
  if (share >= PLAUSIBLE_SHARE) return [];
  const severity = classification.confidence >= ERROR_CONFIDENCE && share < ERROR_SHARE ? 'error' : 'warning';
  return [
    finding('QC_WINDOW_MISMATCH', severity, {
      file,
      slot,
      slotName: getIndicator(slot).name,
      suggested: classification.id,
      suggestedName: getIndicator(classification.id).name,
      confidence: classification.confidence,
    }),
  ];
}

/**
 * Whether what was read of an upload already shows, beyond doubt, that it belongs in `slot`:
 * its window is `slot`, as clearly as a misplacement must be to be called an error. Reading
 * the rest could then only add to a verdict that is already "in the right window", so the
 * analysis stops reading (see reading-plan.ts). A doubt of any kind reads on.
 */
export function confirmsWindow(classification: WindowClassification, slot: IndicatorId): boolean {
  const top = classification.ranking[0];
  return classification.id === slot && !!top && top.score >= MIN_SCORE_TO_JUDGE && classification.confidence >= ERROR_CONFIDENCE;
}
