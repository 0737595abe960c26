/**
 * The indicator catalogue of 附件2 "2026年度质量信用等级认定工作技术指标" of the notice
 * 苏市监质〔2026〕64号 (kept verbatim in test/fixtures/notice-2026.md).
 *
 * This is the single source of truth for categories (核查内容), indicator windows (核查指标)
 * and scoring bullets (评分细则): generators, checks and the web page all read it, so the
 * bullet texts are kept verbatim — applicants must recognise the wording of the notice, and
 * test/catalogue.test.ts compares them against the notice file.
 */

/** Category ids, in the order of the notice. */
export const CATEGORY_IDS = ['planning', 'capability', 'evaluation', 'performance'] as const;
export type CategoryId = (typeof CATEGORY_IDS)[number];

/**
 * Indicator window ids, in catalogue order. A tuple so that it can be passed to `z.enum`.
 * Ids are stable (they end up in saved applications and evidence folders), never rename one.
 */
export const INDICATOR_IDS = [
  'quality-culture',
  'risk-control',
  'resources',
  'infrastructure',
  'rnd-innovation',
  'credit-evaluation',
  'credit-improvement',
  'quality-level',
  'customer-satisfaction',
  'brand-building',
  'social-responsibility',
] as const;
export type IndicatorId = (typeof INDICATOR_IDS)[number];

/** A 核查内容 block of 附件2. */
export interface Category {
  readonly id: CategoryId;
  /** 1-based, as numbered in the notice ("1．质量信用管理策划"). */
  readonly order: number;
  readonly name: string;
  readonly points: number;
}

/** One 评分细则 bullet. */
export interface ScoringBullet {
  /** `<indicator id>.<1-based position>`, e.g. `infrastructure.4`. */
  readonly id: `${IndicatorId}.${number}`;
  /** 1-based position within its indicator. */
  readonly order: number;
  /** The bullet exactly as printed, without the leading '· '. */
  readonly text: string;
  /**
   * Kinds of proof the bullet asks for, as Chinese keywords. Used to suggest which window
   * an uploaded file belongs to: a file uploaded to the wrong window scores nothing.
   */
  readonly evidenceHints: readonly string[];
}

/** A 核查指标 (indicator window) of 附件2. */
export interface Indicator {
  readonly id: IndicatorId;
  readonly category: CategoryId;
  /** 1..11 across the whole catalogue. */
  readonly order: number;
  readonly name: string;
  readonly points: number;
  readonly bullets: readonly ScoringBullet[];
}

/** Recursively freezes plain data so no consumer can alter the shared catalogue. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const key of Reflect.ownKeys(value)) {
      deepFreeze((value as Record<PropertyKey, unknown>)[key]);
    }
    Object.freeze(value);
  }
  return value;
}

export const CATEGORIES: readonly Category[] = deepFreeze([
  { id: 'planning', order: 1, name: '质量信用管理策划', points: 10 },
  { id: 'capability', order: 2, name: '质量信用能力保障', points: 40 },
  { id: 'evaluation', order: 3, name: '质量信用评价与改进', points: 10 },
  { id: 'performance', order: 4, name: '质量信用绩效', points: 40 },
] satisfies Category[]);

/** Source form of an indicator: bullets as [text, hints]; ids and orders are derived. */
interface IndicatorSource {
  readonly id: IndicatorId;
  readonly category: CategoryId;
  readonly name: string;
  readonly points: number;
  readonly bullets: readonly (readonly [text: string, evidenceHints: readonly string[]])[];
}

const SOURCE: readonly IndicatorSource[] = [
  {
    id: 'quality-culture',
    category: 'planning',
    name: '质量文化和质量信用体系建设',
    points: 10,
    bullets: [
      [
        '建立了质量核心价值观，针对质量诚信开展宣传教育和培训等质量文化建设活动；',
        ['质量核心价值观', '质量诚信宣传教育', '培训记录', '质量文化建设活动'],
      ],
      ['制定了质量信用管理方针和目标；', ['质量信用管理方针', '质量信用目标']],
      [
        '制定了信用体系建设的组织架构、管理职责、实现过程以及测量指标，实现持续改进；',
        ['信用体系组织架构', '管理职责', '测量指标', '持续改进'],
      ],
      ['建立了质量信用报告管理制度或办法；', ['质量信用报告管理制度']],
      [
        '参照《企业质量信用报告指南》（GB/T 31870），编制并公开发布企业质量信用报告。',
        ['企业质量信用报告', 'GB/T 31870', '公开发布'],
      ],
    ],
  },
  {
    id: 'risk-control',
    category: 'capability',
    name: '风险管控',
    points: 6,
    bullets: [
      ['建有风险管理组织机构及风险管理制度或办法；', ['风险管理组织机构', '风险管理制度']],
      [
        '识别与评价了影响质量信用的风险，如产品/服务自身“质量缺陷”带来的风险、质量管理机制风险、供应链风险等；',
        ['风险识别与评价', '质量缺陷风险', '质量管理机制风险', '供应链风险'],
      ],
      ['提出有针对性的风险解决方案并开展相关活动。', ['风险解决方案', '风险应对活动记录']],
    ],
  },
  {
    id: 'resources',
    category: 'capability',
    name: '资源保障',
    points: 6,
    bullets: [
      ['提供满足生产/服务要求的设备/设施；', ['设备清单', '设施']],
      ['提供生产/服务所需的作业/制度或办法；', ['作业指导书', '管理制度']],
      ['建立首席质量官制度，设立首席质量官；', ['首席质量官制度', '首席质量官任命文件']],
      [
        '配备满足生产/服务质量要求且具有专业资格的技术或管理人员。',
        ['技术人员', '管理人员', '专业资格证书'],
      ],
    ],
  },
  {
    id: 'infrastructure',
    category: 'capability',
    name: '基础设施建设',
    points: 14,
    bullets: [
      ['建立并实施了标准化管理制度或办法；', ['标准化管理制度']],
      [
        '积极主导或参与标准制修订：主导、参与国际标准、国家标准、行业标准、地方标准、团体标准制修订工作；',
        ['标准制修订', '起草单位', '国际标准', '国家标准', '行业标准', '地方标准', '团体标准'],
      ],
      [
        '承担国家级标准化试点示范工作，承担省级标准化试点示范工作；',
        ['国家级标准化试点示范', '省级标准化试点示范'],
      ],
      [
        '制定并实施了计量器具/监视测量服务的管理办法和规章制度，实验室获得CNAS等认可资质；',
        ['计量器具管理制度', '监视测量', 'CNAS', '实验室认可证书'],
      ],
      [
        '通过质量管理体系认证、环境管理体系等相关体系认证，取得证书并有效运行；',
        ['ISO 9001', '质量管理体系认证证书', 'ISO 14001', '环境管理体系认证证书'],
      ],
      [
        '建立质量追溯机制，通过数字化手段实现高效精准的质量追溯。',
        ['质量追溯机制', '数字化追溯系统'],
      ],
    ],
  },
  {
    id: 'rnd-innovation',
    category: 'capability',
    name: '科技研发创新',
    points: 14,
    bullets: [
      ['制定并实施鼓励研发创新的管理制度或办法；', ['研发创新管理制度', '研发激励']],
      [
        '建立具有相当能力水平的科技创新/专业技术部门或机构；',
        ['科技创新部门', '专业技术机构', '研发机构'],
      ],
      ['近2年研发费用总额占营业收入总额比重增长；', ['研发费用', '营业收入', '财务报表']],
      [
        '科技水平处于同行业领先：核心技术与研发成果、细分领域市场占有率、第三方机构评价等；',
        ['核心技术', '研发成果', '市场占有率', '第三方机构评价', '高新技术企业证书'],
      ],
      [
        '制定并实施知识产权管理制度或办法，知识产权持有量及质量证明等。',
        ['知识产权管理制度', '知识产权', '专利', '专利证书'],
      ],
    ],
  },
  {
    id: 'credit-evaluation',
    category: 'evaluation',
    name: '质量信用评价',
    points: 5,
    bullets: [
      [
        '建立了系统的质量信用的测量体系，有分层次的具体指标，如产品/服务质量履约情况、客户和市场反馈、质量合规与责任、质量改进与创新等，规定了数据收集来源及测量频次；',
        ['质量信用测量体系', '质量履约', '客户和市场反馈', '数据收集来源', '测量频次'],
      ],
      ['根据建立的测量体系，进行了质量信用的自我评价；', ['质量信用自我评价报告']],
      [
        '根据质量信用评价结果识别了改进机会，明确了改进优先顺序。',
        ['改进机会', '改进优先顺序'],
      ],
    ],
  },
  {
    id: 'credit-improvement',
    category: 'evaluation',
    name: '质量信用改进',
    points: 5,
    bullets: [
      [
        '策划了质量信用改进的目标和计划，分解落实至各个层级；',
        ['质量信用改进目标', '改进计划', '目标分解'],
      ],
      [
        '运用多种工具或方法，开展改进活动，取得良好成效或相关荣誉。',
        ['改进工具', '改进活动成果', '荣誉证书'],
      ],
    ],
  },
  {
    id: 'quality-level',
    category: 'performance',
    name: '质量水平',
    points: 10,
    bullets: [
      [
        '收集行业主管部门日常检查、市场调查、消费者投诉等相关信息，及时处理；',
        ['日常检查', '市场调查', '消费者投诉', '处理记录'],
      ],
      ['产品/服务质量经内、外部认可的证据；', ['检验报告', '产品认证证书', '质量认可']],
      [
        '产品/服务质量对标国际国内同行，处于领先水平。',
        ['对标报告', '国际国内同行', '领先水平'],
      ],
    ],
  },
  {
    id: 'customer-satisfaction',
    category: 'performance',
    name: '顾客满意',
    points: 10,
    bullets: [
      ['设有产品/服务售后管理机构；', ['售后管理机构']],
      [
        '制定具体措施建立、维护和加强客户关系，明确顾客质量满意信息收集和反馈机制；',
        ['客户关系管理', '顾客满意信息收集', '反馈机制'],
      ],
      [
        '通过包装、说明书、广告、网络等方式将产品/服务承诺告知顾客；',
        ['产品/服务承诺', '包装', '说明书', '广告'],
      ],
      [
        '制定质量投诉解决办法，产品/服务追溯机制，缺陷产品召回制度、服务补救制度；',
        ['质量投诉解决办法', '追溯机制', '缺陷产品召回制度', '服务补救制度'],
      ],
      [
        '至少提供连续2年的客户满意度测评分析报告，并提供针对满意度测评发现的问题实施持续改进的报告；',
        ['满意度测评报告', '客户满意度', '持续改进报告'],
      ],
      [
        '外部质量损失额、顾客有效投诉次数、客诉处置满意率等指标的水平趋势。',
        ['外部质量损失额', '顾客有效投诉次数', '客诉处置满意率'],
      ],
    ],
  },
  {
    id: 'brand-building',
    category: 'performance',
    name: '品牌建设',
    points: 10,
    bullets: [
      ['制定并实施品牌建设规划或方案；', ['品牌建设规划', '品牌建设方案']],
      [
        '获得国家级、省级、地方级政府质量奖荣誉；',
        ['政府质量奖', '国家级质量奖', '省级质量奖', '地方级质量奖'],
      ],
      [
        '获得品牌、荣誉称号，省级及以上称号，市级称号等。',
        ['品牌荣誉', '荣誉称号', '省级称号', '市级称号'],
      ],
    ],
  },
  {
    id: 'social-responsibility',
    category: 'performance',
    name: '社会责任',
    points: 10,
    bullets: [
      [
        '参照GB/T 39604《社会责任管理体系 要求及使用指南》开展相关工作，参与公益慈善活动；',
        ['GB/T 39604', '社会责任管理体系', '公益慈善'],
      ],
      [
        '提供连续2年的社会责任报告或ESG报告并公开发布；',
        ['社会责任报告', 'ESG', 'ESG报告', '公开发布'],
      ],
      [
        '取得国家级、省级、市级行业主管部门认定的绿色荣誉；',
        ['绿色荣誉', '绿色工厂', '绿色产品'],
      ],
      ['对区域、行业产业和国家发展的贡献情况。', ['区域发展贡献', '行业产业贡献']],
    ],
  },
];

/** All indicator windows in catalogue order, deeply frozen. */
export const INDICATORS: readonly Indicator[] = deepFreeze(
  SOURCE.map(
    (source, index): Indicator => ({
      id: source.id,
      category: source.category,
      order: index + 1,
      name: source.name,
      points: source.points,
      bullets: source.bullets.map(([text, evidenceHints], bulletIndex) => ({
        id: `${source.id}.${bulletIndex + 1}` as const,
        order: bulletIndex + 1,
        text,
        evidenceHints: [...evidenceHints],
      })),
    }),
  ),
);

const BY_ID = new Map<IndicatorId, Indicator>(INDICATORS.map((indicator) => [indicator.id, indicator]));

/** Narrows arbitrary input (CLI arguments, JSON) to an indicator id. */
export function isIndicatorId(value: string): value is IndicatorId {
  return (INDICATOR_IDS as readonly string[]).includes(value);
}

export function getIndicator(id: IndicatorId): Indicator {
  const indicator = BY_ID.get(id);
  // Only reachable if INDICATOR_IDS and SOURCE drift apart, which the tests guard against.
  if (!indicator) throw new Error(`Unknown indicator id: ${id}`);
  return indicator;
}

/** The indicator windows of one category, in catalogue order. */
export function indicatorsOf(categoryId: CategoryId): readonly Indicator[] {
  return INDICATORS.filter((indicator) => indicator.category === categoryId);
}
