/**
 * Fictitious Jiangsu companies with valid unified social credit codes.
 *
 * A code is 91 (市场监管 / 企业) + a real Jiangsu division code (GB/T 2260) + an organisation
 * code (8 body characters with its GB 11714 check character) + the GB 32100 check character.
 * Older companies get an all-digit organisation code, newer ones the 'MA…' form with letters
 * that registrations have used since 2015. Names, people and addresses are made up.
 */
import { USCC_ALPHABET, computeUsccCheck, validateUscc, orgCodeCheck } from '../../src/domain/uscc.js';
import type { CompanyInput } from '../../src/domain/company.js';
import { addDays, randomDate, type Rng } from './random.js';

export interface District {
  /** Six-digit division code. */
  code: string;
  city: string;
  /** District or county-level city; '' for a city-level registration. */
  name: string;
  /** County-level city (市) rather than a district (区) or county (县). */
  countyCity: boolean;
}

/** Real Jiangsu division codes (GB/T 2260) with their names. */
export const JIANGSU_DISTRICTS: readonly District[] = [
  ['320102', '南京市', '玄武区'], ['320104', '南京市', '秦淮区'], ['320105', '南京市', '建邺区'],
  ['320106', '南京市', '鼓楼区'], ['320111', '南京市', '浦口区'], ['320113', '南京市', '栖霞区'],
  ['320114', '南京市', '雨花台区'], ['320115', '南京市', '江宁区'], ['320116', '南京市', '六合区'],
  ['320117', '南京市', '溧水区'], ['320118', '南京市', '高淳区'],
  ['320205', '无锡市', '锡山区'], ['320206', '无锡市', '惠山区'], ['320211', '无锡市', '滨湖区'],
  ['320213', '无锡市', '梁溪区'], ['320214', '无锡市', '新吴区'], ['320281', '无锡市', '江阴市'],
  ['320282', '无锡市', '宜兴市'],
  ['320302', '徐州市', '鼓楼区'], ['320311', '徐州市', '泉山区'], ['320312', '徐州市', '铜山区'],
  ['320381', '徐州市', '新沂市'], ['320382', '徐州市', '邳州市'],
  ['320402', '常州市', '天宁区'], ['320404', '常州市', '钟楼区'], ['320411', '常州市', '新北区'],
  ['320412', '常州市', '武进区'], ['320413', '常州市', '金坛区'], ['320481', '常州市', '溧阳市'],
  ['320505', '苏州市', '虎丘区'], ['320506', '苏州市', '吴中区'], ['320507', '苏州市', '相城区'],
  ['320508', '苏州市', '姑苏区'], ['320509', '苏州市', '吴江区'], ['320581', '苏州市', '常熟市'],
  ['320582', '苏州市', '张家港市'], ['320583', '苏州市', '昆山市'], ['320585', '苏州市', '太仓市'],
  ['320612', '南通市', '通州区'], ['320613', '南通市', '崇川区'], ['320614', '南通市', '海门区'],
  ['320681', '南通市', '启东市'], ['320682', '南通市', '如皋市'], ['320685', '南通市', '海安市'],
  ['320706', '连云港市', '海州区'], ['320707', '连云港市', '赣榆区'],
  ['320803', '淮安市', '淮安区'], ['320812', '淮安市', '清江浦区'],
  ['320902', '盐城市', '亭湖区'], ['320903', '盐城市', '盐都区'], ['320981', '盐城市', '东台市'],
  ['321002', '扬州市', '广陵区'], ['321003', '扬州市', '邗江区'], ['321012', '扬州市', '江都区'],
  ['321102', '镇江市', '京口区'], ['321181', '镇江市', '丹阳市'],
  ['321202', '泰州市', '海陵区'], ['321282', '泰州市', '靖江市'],
  ['321302', '宿迁市', '宿城区'], ['321322', '宿迁市', '沭阳县'],
].map(([code, city, name]) => ({ code: code!, city: city!, name: name!, countyCity: name!.endsWith('市') }));

/** City-level division codes (registrations at the city's own bureau). */
const CITY_CODES: Record<string, string> = {
  南京市: '320100', 无锡市: '320200', 徐州市: '320300', 常州市: '320400', 苏州市: '320500', 南通市: '320600',
  连云港市: '320700', 淮安市: '320800', 盐城市: '320900', 扬州市: '321000', 镇江市: '321100', 泰州市: '321200',
  宿迁市: '321300',
};

export interface Industry {
  id: string;
  /** The industry word in a company name: 精密机械, 电气科技 … */
  nameWord: readonly string[];
  label: string;
  products: readonly string[];
  /** 经营范围, general items. */
  scope: readonly string[];
  /** Words for patent and standard titles. */
  techTopics: readonly string[];
  /** Test items of a product inspection report. */
  testItems: readonly string[];
  /** Product standards cited in inspection reports. */
  productStandards: readonly string[];
}

export const INDUSTRIES: readonly Industry[] = [
  {
    id: 'machinery',
    nameWord: ['精密机械', '智能装备', '机械制造', '重工机械'],
    label: '通用设备制造业',
    products: ['数控机床主轴单元', '精密行星减速器', '液压多路换向阀', '直线导轨副'],
    scope: ['通用设备制造（不含特种设备制造）', '机械零件、零部件加工', '数控机床制造', '轴承、齿轮和传动部件制造', '液压动力机械及元件制造', '技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广', '货物进出口'],
    techTopics: ['高刚性主轴冷却结构', '减速器齿轮修形方法', '液压阀芯防卡滞结构', '导轨预紧力自动检测装置', '主轴热伸长补偿方法'],
    testItems: ['径向跳动', '轴向窜动', '温升', '空运转噪声', '回程间隙', '传动效率', '外观质量'],
    productStandards: ['GB/T 16462.1-2023', 'JB/T 10801.1-2017', 'GB/T 35089-2018'],
  },
  {
    id: 'electrical',
    nameWord: ['电气科技', '电子科技', '智能电气', '电力设备'],
    label: '电气机械和器材制造业',
    products: ['小型断路器', '智能电能表', '光伏并网逆变器', '低压成套开关设备'],
    scope: ['配电开关控制设备制造', '输配电及控制设备制造', '电子元器件制造', '智能仪器仪表制造', '软件开发', '技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广'],
    techTopics: ['断路器快速脱扣机构', '电能表计量误差自校准方法', '逆变器孤岛检测方法', '开关柜温度在线监测系统'],
    testItems: ['绝缘电阻', '介电性能', '温升', '瞬时脱扣特性', '机械寿命', '标志耐久性', '电磁兼容'],
    productStandards: ['GB/T 10963.1-2020', 'GB/T 17215.321-2021', 'GB/T 7251.1-2023'],
  },
  {
    id: 'materials',
    nameWord: ['新材料科技', '高分子材料', '化工科技', '新材料'],
    label: '橡胶和塑料制品业',
    products: ['改性聚丙烯专用料', '水性工业涂料', '碳纤维预浸料', '阻燃尼龙复合材料'],
    scope: ['新材料技术研发', '合成材料制造（不含危险化学品）', '塑料制品制造', '涂料制造（不含危险化学品）', '化工产品销售（不含许可类化工产品）', '货物进出口'],
    techTopics: ['低气味改性聚丙烯及其制备方法', '水性涂料用分散剂', '预浸料树脂含量在线检测方法', '无卤阻燃尼龙组合物'],
    testItems: ['熔体质量流动速率', '拉伸强度', '弯曲模量', '缺口冲击强度', '灰分', '挥发性有机物含量', '附着力'],
    productStandards: ['GB/T 38327-2019', 'HG/T 5176-2017', 'GB/T 26749-2011'],
  },
  {
    id: 'food',
    nameWord: ['食品', '食品科技', '农产品', '食品工业'],
    label: '食品制造业',
    products: ['速冻调制食品', '酱卤肉制品', '烘焙糕点', '植物蛋白饮料'],
    scope: ['食品生产', '食品销售', '农副产品销售', '食用农产品初加工', '包装服务', '低温仓储（不含危险化学品等需许可审批的项目）'],
    techTopics: ['速冻食品低温锁鲜工艺', '酱卤制品减盐工艺', '烘焙产品保质期延长方法', '植物蛋白饮料稳定剂复配方法'],
    testItems: ['感官要求', '过氧化值', '酸价', '菌落总数', '大肠菌群', '铅（以Pb计）', '山梨酸及其钾盐'],
    productStandards: ['GB 19295-2021', 'GB 2726-2016', 'GB 7099-2015'],
  },
  {
    id: 'textile',
    nameWord: ['纺织科技', '服饰', '纺织', '家纺'],
    label: '纺织服装、服饰业',
    products: ['功能性涤纶面料', '羽绒服', '针织运动服', '床上用品四件套'],
    scope: ['面料纺织加工', '服装制造', '服饰制造', '针纺织品及原料销售', '家用纺织制成品制造', '货物进出口'],
    techTopics: ['吸湿速干针织面料及其织造方法', '羽绒服防钻绒结构', '抗菌整理工艺', '面料色牢度在线检测装置'],
    testItems: ['纤维含量', '甲醛含量', 'pH值', '耐水色牢度', '耐摩擦色牢度', '起球', '含绒量'],
    productStandards: ['GB/T 14272-2021', 'FZ/T 73020-2019', 'GB 18401-2010'],
  },
  {
    id: 'medical',
    nameWord: ['医疗器械', '医疗科技', '医用材料'],
    label: '专用设备制造业',
    products: ['一次性使用输液器', '医用外科口罩', '一次性使用无菌注射器', '医用护理垫'],
    scope: ['第二类医疗器械生产', '第一类医疗器械生产', '医用口罩生产', '第二类医疗器械销售', '卫生用品和一次性使用医疗用品销售'],
    techTopics: ['输液器精密过滤装置', '口罩熔喷层驻极工艺', '注射器防重复使用结构', '无菌包装密封性检测方法'],
    testItems: ['微粒污染', '泄漏', '细菌过滤效率', '通气阻力', '环氧乙烷残留量', '无菌', '生物学评价'],
    productStandards: ['GB 8368-2018', 'YY 0469-2011', 'GB 15810-2019'],
  },
  {
    id: 'auto',
    nameWord: ['汽车零部件', '汽车部件', '车辆配件'],
    label: '汽车制造业',
    products: ['汽车制动盘', '安全带锁扣', '转向节总成', '铝合金轮毂'],
    scope: ['汽车零部件及配件制造', '汽车零配件批发', '有色金属铸造', '黑色金属铸造', '模具制造', '货物进出口'],
    techTopics: ['通风式制动盘散热结构', '安全带锁扣防误开机构', '转向节轻量化铸造工艺', '轮毂动平衡自动检测装置'],
    testItems: ['硬度', '金相组织', '尺寸偏差', '动平衡', '盐雾试验', '疲劳寿命', '抗拉强度'],
    productStandards: ['QC/T 569-2023', 'GB 14166-2013', 'GB/T 5334-2021'],
  },
  {
    id: 'building',
    nameWord: ['建材', '新型建材', '门窗科技', '建材科技'],
    label: '非金属矿物制品业',
    products: ['预拌混凝土', '节能铝合金门窗', '蒸压加气混凝土砌块', '预制混凝土构件'],
    scope: ['水泥制品制造', '建筑用金属配件制造', '门窗制造加工', '轻质建筑材料制造', '建筑材料销售', '普通货物仓储服务'],
    techTopics: ['低收缩预拌混凝土配合比', '断桥铝合金门窗密封结构', '加气砌块自动切割装置', '预制构件钢筋定位工装'],
    testItems: ['抗压强度', '坍落度', '气密性能', '水密性能', '抗风压性能', '干密度', '放射性核素限量'],
    productStandards: ['GB/T 14902-2012', 'GB/T 8478-2020', 'GB/T 11968-2020'],
  },
];

export interface CorpusCompany {
  name: string;
  /** The trade name (字号), e.g. 喆堃 — brands and short names use it. */
  tradeName: string;
  /** A short name used inside documents (公司简称). */
  shortName: string;
  creditCode: string;
  legalRepresentative: string;
  address: string;
  postalCode: string;
  /** 类型 on the licence. */
  type: string;
  registeredCapital: string;
  establishedOn: string;
  /** Date printed under 登记机关 on the licence (the last registration change). */
  licenceIssuedOn: string;
  /** 营业期限: '长期' or an end date. */
  termUntil: string | null;
  registrationAuthority: string;
  district: District;
  /** 经营范围 as printed. */
  businessScope: string;
  industry: Industry;
  mainProducts: string[];
  employees: number;
  contact: { name: string; phone: string; title: string };
  /** The 13-digit number carved at the bottom of the company seal (公章防伪编码). */
  sealNumber: string;
  /** Names of managers other documents refer to. */
  qualityChief: string;
  generalManager: string;
  /** Properties the corpus promises to cover. */
  flags: { checkZero: boolean; orgLetters: boolean; rareChars: boolean };
}

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙朱马胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾田董潘袁蔡蒋余杜叶程魏苏吕丁沈姚卢姜崔钟谭陆汪范金石廖贾夏顾毛钱严戴孔汤'];
const GIVEN = ['建国', '国强', '志明', '秀英', '伟', '芳', '敏', '静', '丽华', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀兰', '霞', '平', '刚', '桂英', '雪梅', '海燕', '晓东', '永军', '春华', '立新', '晓峰', '卫东', '红梅', '志刚', '建华', '文斌', '亚军', '振华', '德明'];
const RARE_GIVEN = ['喆', '堃', '昇', '珺', '犇', '琍', '子喆', '文堃', '昇阳', '珺瑶', '琍萍', '淏然', '燊', '翀', '玥'];
const TRADE_COMMON = [...'华恒瑞鑫宏远博润泰嘉诚信德盛丰达源通晟锦禾凯创正和昌隆新亚越海天卓金永'];
const TRADE_RARE = [...'喆堃昇珺犇琍燊翀玥琛淏'];
const ROADS = ['长江路', '黄河路', '太湖大道', '金山路', '春申路', '中山北路', '科技大道', '创业路', '工业园路', '滨江大道', '新华路', '人民路', '珠江路', '富民路', '兴业路', '开发区大道', '经二路', '纬一路', '振兴路', '东方大道', '漕湖大道', '澄杨路', '青年路', '通江路'];
const TOWNS = ['', '', '', '经济技术开发区', '高新技术产业开发区', '工业集中区', '黄埭镇', '周市镇', '湖塘镇', '洛社镇', '横林镇', '开发区', '滨江街道', '城东街道'];

/**
 * A valid code for a division; `letters` gives the 'MA…' organisation code form; `kind` the
 * registration authority and category (91 an enterprise by default; 92 个体工商户, 93 合作社 …).
 */
export function makeCreditCode(rng: Rng, division: string, options: { letters: boolean; checkZero: boolean; kind?: string }): string {
  const letters = USCC_ALPHABET.slice(10);
  for (let attempt = 0; attempt < 5000; attempt++) {
    const body = options.letters
      ? `MA${rng.pick(['1', '2', '3', '4', '5', '6', '7', '8', '9'])}${rng.chars(USCC_ALPHABET, 1)}${rng.chars(letters + USCC_ALPHABET, 4)}`
      : `${rng.int(1, 7)}${rng.chars('0123456789', 7)}`;
    const check = orgCodeCheck(body);
    const first17 = `${options.kind ?? '91'}${division}${body}${check}`;
    const code = first17 + computeUsccCheck(first17);
    if (options.checkZero && !code.endsWith('0')) continue;
    if (!validateUscc(code).valid) continue;
    return code;
  }
  throw new Error('could not make a credit code');
}

export function personName(rng: Rng, rare = false): string {
  return rng.pick(SURNAMES) + (rare ? rng.pick(RARE_GIVEN) : rng.pick(GIVEN));
}

function phone(rng: Rng, city: string): string {
  const areas: Record<string, string> = {
    南京市: '025', 无锡市: '0510', 徐州市: '0516', 常州市: '0519', 苏州市: '0512', 南通市: '0513', 连云港市: '0518',
    淮安市: '0517', 盐城市: '0515', 扬州市: '0514', 镇江市: '0511', 泰州市: '0523', 宿迁市: '0527',
  };
  return rng.chance(0.5) ? `${areas[city] ?? '025'}-${rng.int(5, 8)}${rng.chars('0123456789', 7)}` : `1${rng.pick(['39', '38', '51', '58', '80', '89', '77', '36'])}${rng.chars('0123456789', 8)}`;
}

/**
 * `count` companies. The first four cover, between them: a check character '0', letters in
 * the organisation code, rare characters in the name and the legal representative, and both
 * 有限公司 and 股份有限公司.
 */
export function generateCompanies(rng: Rng, count: number): CorpusCompany[] {
  const companies: CorpusCompany[] = [];
  const usedNames = new Set<string>();
  for (let i = 0; i < count; i++) {
    const r = rng.fork(`company-${i}`);
    const forced = i < 4;
    const checkZero = forced ? i === 1 : r.chance(0.08);
    const rareChars = forced ? i === 2 || i === 0 : r.chance(0.3);
    const established = forced ? [ '2004-03-18', '2011-08-09', '2017-05-22', '2019-11-04'][i]! : randomDate(r, '1998-01-01', '2021-12-31');
    // Organisation codes with letters (MA…) are issued since the credit code reform.
    const orgLetters = established >= '2015-10-01';
    const district = r.pick(JIANGSU_DISTRICTS);
    const cityLevel = r.chance(0.15);
    const division = cityLevel ? CITY_CODES[district.city]! : district.code;
    const creditCode = makeCreditCode(r, division, { letters: orgLetters, checkZero });

    const industry = INDUSTRIES[(i * 3 + r.int(0, INDUSTRIES.length - 1)) % INDUSTRIES.length]!;
    let tradeName = '';
    let name = '';
    const form = i === 0 ? '股份有限公司' : r.weighted(['有限公司', '股份有限公司', '集团有限公司'], [6, 3, 1]);
    for (let tries = 0; tries < 50; tries++) {
      tradeName = rareChars ? r.pick(TRADE_RARE) + r.pick([...TRADE_RARE, ...TRADE_COMMON]) : r.pick(TRADE_COMMON) + r.pick(TRADE_COMMON);
      if (tradeName[0] === tradeName[1]) continue;
      const place = r.weighted(['江苏', district.city.replace(/市$/, ''), district.city, district.countyCity ? district.name.replace(/市$/, '') : ''], [3, 3, 1, 2]);
      // Without a place in front, the place goes in brackets before the form: 盛源纺织（扬州）有限公司.
      name = place ? `${place}${tradeName}${r.pick(industry.nameWord)}${form}` : `${tradeName}${r.pick(industry.nameWord)}（${district.city.replace(/市$/, '')}）${form}`;
      if (!usedNames.has(name)) break;
    }
    usedNames.add(name);

    const type = form === '股份有限公司'
      ? r.pick(['股份有限公司（非上市、自然人投资或控股）', '股份有限公司（非上市）', '股份有限公司（上市、自然人投资或控股）'])
      : r.pick(['有限责任公司（自然人投资或控股）', '有限责任公司（法人独资）', '有限责任公司（自然人投资或控股的法人独资）', '有限责任公司（台港澳与境内合资）']);
    const capital = r.pick([500, 800, 1000, 1200, 2000, 3000, 3680, 5000, 5180, 8000, 10000, 12000]);
    const registeredCapital = r.chance(0.7) ? `${capital}万元整` : `人民币${capital}万元整`;
    const place = district.countyCity ? district.name : `${district.city}${district.name}`;
    const town = r.pick(TOWNS);
    const address = `${r.chance(0.3) ? '江苏省' : ''}${place}${town}${r.pick(ROADS)}${r.int(1, 388)}号${r.chance(0.2) ? `${r.int(1, 12)}幢` : ''}`;
    const authorityBase = cityLevel ? district.city : district.countyCity ? district.name : `${district.city}${district.name}`;
    const registrationAuthority = `${authorityBase}${r.chance(0.12) && !cityLevel ? '行政审批局' : '市场监督管理局'}`;
    const scopeItems = r.sample(industry.scope, r.int(4, industry.scope.length));
    const licensed = industry.id === 'food' ? '许可项目：食品生产；食品销售（依法须经批准的项目，经相关部门批准后方可开展经营活动，具体经营项目以审批结果为准）' : industry.id === 'medical' ? '许可项目：第二类医疗器械生产（依法须经批准的项目，经相关部门批准后方可开展经营活动，具体经营项目以审批结果为准）' : '';
    const businessScope = `${licensed}一般项目：${scopeItems.join('；')}（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）`;
    const licenceIssuedOn = randomDate(r, addDays(established, 30) > '2021-01-01' ? addDays(established, 30) : '2021-01-01', '2026-03-31');
    const rep = personName(r, rareChars || (forced && i === 3));
    companies.push({
      name,
      tradeName,
      shortName: `${tradeName}${form === '股份有限公司' ? '股份' : '公司'}`,
      creditCode,
      legalRepresentative: rep,
      address,
      postalCode: `2${r.int(10, 27)}${r.chars('0123456789', 3)}`,
      type,
      registeredCapital,
      establishedOn: established,
      licenceIssuedOn,
      termUntil: r.chance(0.7) ? null : termInForce(established, r.pick([20, 30, 50])),
      registrationAuthority,
      district,
      businessScope,
      industry,
      mainProducts: r.sample(industry.products, r.int(2, 3)),
      employees: r.int(60, 1800),
      contact: { name: personName(r), phone: phone(r, district.city), title: r.pick(['质量部经理', '办公室主任', '综合管理部部长', '品质总监']) },
      sealNumber: `${division}${r.chars('0123456789', 7)}`,
      qualityChief: personName(r, r.chance(0.2)),
      generalManager: r.chance(0.5) ? rep : personName(r),
      flags: { checkZero: creditCode.endsWith('0'), orgLetters: /[A-Z]/.test(creditCode.slice(8, 16)), rareChars },
    });
  }
  return companies;
}

/**
 * The end of a fixed 营业期限 of `years` from establishment, for a company still in business: a
 * term that would have ended before the applications the corpus dates (2026) was extended,
 * as companies do (an expired licence is its own eligibility case, see eligibility-cases.ts).
 */
function termInForce(established: string, years: number): string {
  let end = Number(established.slice(0, 4)) + years;
  while (`${end}${established.slice(4)}` < '2027-12-31') end += 10;
  return `${end}${established.slice(4)}`;
}

/** The input the project's generators take. */
export function companyInput(company: CorpusCompany): CompanyInput {
  return {
    name: company.name,
    creditCode: company.creditCode,
    legalRepresentative: company.legalRepresentative,
    address: company.address,
    contact: { name: company.contact.name, phone: company.contact.phone, title: company.contact.title },
    postalCode: company.postalCode,
    establishedOn: company.establishedOn,
    registeredCapital: company.registeredCapital,
    industry: company.industry.label,
    mainProducts: company.mainProducts.join('、'),
    employees: company.employees,
    city: company.district.city,
  };
}
