/**
 * Pieces the development licence layouts share: how labels and dates are spelled, the long
 * numbers printed beside a credit code (decoys a code reader must not take for the code), a
 * branch (分公司) of a corpus company with a valid code of its own, and the stamps applicants
 * put on a copy before uploading it.
 */
import { JIANGSU_DISTRICTS, makeCreditCode, personName, type CorpusCompany, type District } from '../companies.js';
import type { Composer } from '../compose.js';
import { addRectStamp, addSeal } from '../parts.js';
import { addDays, randomDate, type Rng } from '../random.js';

export type DateStyle = 'pad' | 'plain' | 'iso';

/** How a licence prints a date: 2019年03月05日 (the paper licence), 2019年3月5日 or 2019-03-05 (apps). */
export function dateText(iso: string, style: DateStyle): string {
  if (style === 'iso') return iso;
  const [y, m, d] = iso.split('-');
  return style === 'pad' ? `${y}年${m}月${d}日` : `${y}年${Number(m)}月${Number(d)}日`;
}

/** 营业期限 as one value: '2004年03月18日 至 长期'. */
export function termText(from: string, until: string | null, style: DateStyle, open = '长期', joiner = ' 至 '): string {
  return `${dateText(from, style)}${joiner}${until ? dateText(until, style) : open}`;
}

/**
 * A two-character label spread over the width of four, as licences print them (名　　称), or
 * a three-character one over four and a half (负 责 人); longer labels stay as they are.
 */
export function spreadLabel(label: string, spread: boolean): string {
  if (!spread) return label;
  const chars = [...label];
  if (chars.length === 2) return `${chars[0]}　　${chars[1]}`;
  if (chars.length === 3) return chars.join(' ');
  return label;
}

/** Half-width brackets instead of the full-width ones (some licences and apps print them so). */
export function halfBrackets(text: string): string {
  return text.replace(/（/g, '(').replace(/）/g, ')');
}

/** A 20-digit 证照编号 / 电子营业执照编号: the division, zeros, the issue year and a serial. */
export function licenceNumber(rng: Rng, division: string, year: string): string {
  return `${division}${rng.chars('0123456789', 1)}0000${year}${rng.chars('0123456789', 5)}`;
}

/** A 15-digit 注册号 of the pre-2015 licences: the authority's division and a serial with its check digit. */
export function registrationNumber(rng: Rng, division: string): string {
  return `${division}000${rng.chars('0123456789', 6)}`;
}

/** The registered capital as a licence or an app may print it. */
export function capitalText(capital: string, rng: Rng): string {
  const m = /^(?:人民币)?(\d+)万元整$/.exec(capital);
  if (!m) return capital;
  return rng.weighted([capital, `${m[1]}万元人民币`, `${m[1]}.000000万人民币`], [5, 3, 1]);
}

/** Where the authority sits: 苏州市吴中区市场监督管理局, 昆山市市场监督管理局 … */
export function authorityOf(district: District, rng: Rng): string {
  const base = district.countyCity ? district.name : `${district.city}${district.name}`;
  return `${base}${rng.chance(0.1) ? '行政审批局' : '市场监督管理局'}`;
}

const ROADS = ['长江路', '太湖大道', '金山路', '中山北路', '科技大道', '创业路', '工业园路', '滨江大道', '人民路', '珠江路', '富民路', '兴业路', '振兴路', '东方大道', '青年路', '通江路', '湖西路', '迎宾大道'];
const UNITS = ['', '', '1幢', '2幢101室', '3楼', '5层501室', 'A座1206室', '综合楼2层'];

/** A branch (分公司) of a corpus company, registered in its own right. */
export interface Branch {
  name: string;
  creditCode: string;
  /** 负责人. */
  head: string;
  /** 营业场所. */
  address: string;
  type: string;
  establishedOn: string;
  /** null: 长期. */
  termUntil: string | null;
  registrationAuthority: string;
  district: District;
  businessScope: string;
  /** The 13-digit number along the bottom of the branch's own seal. */
  sealNumber: string;
}

/** The branch's 类型 from its parent's: 有限责任公司（法人独资） → 有限责任公司分公司（法人独资）. */
function branchType(parentType: string, rng: Rng): string {
  const inner = /（(.+)）/.exec(parentType)?.[1] ?? '自然人投资或控股';
  let type: string;
  if (parentType.startsWith('股份')) {
    const listed = inner.startsWith('上市');
    type = listed && rng.chance(0.5) ? '其他股份有限公司分公司（上市）' : `股份有限公司分公司（${inner}）`;
  } else {
    type = inner === '法人独资' && rng.chance(0.4) ? '其他有限责任公司分公司' : `有限责任公司分公司（${inner}）`;
  }
  return rng.chance(0.5) ? halfBrackets(type) : type;
}

/**
 * A branch in the parent's city. Its code has the parent's division and a fresh organisation
 * code (companies.ts's construction: GB 11714 check, then the GB 32100 check); letters in the
 * organisation code only if it was set up after the 2015 reform.
 */
export function makeBranch(company: CorpusCompany, rng: Rng, options: { establishedBefore?: string } = {}): Branch {
  const city = company.district.city;
  const sameCity = JIANGSU_DISTRICTS.filter((d) => d.city === city && d.code !== company.district.code);
  const district = sameCity.length && rng.chance(0.85) ? rng.pick(sameCity) : company.district;
  const cityShort = city.replace(/市$/, '');
  const districtShort = district.name.replace(/(区|县|市)$/, '');
  // A parent named after its city does not name its branch after the same city.
  const where = rng.weighted([districtShort, cityShort, `${cityShort}${districtShort}`], [4, company.name.includes(cityShort) || district === company.district ? 0 : 3, 1]);
  const latest = options.establishedBefore ?? '2025-12-31';
  const earliest = addDays(company.establishedOn, 120);
  const establishedOn = randomDate(rng, earliest < latest ? earliest : company.establishedOn, latest);
  const division = company.creditCode.slice(2, 8);
  let creditCode = company.creditCode;
  while (creditCode === company.creditCode) creditCode = makeCreditCode(rng, division, { letters: establishedOn >= '2015-10-01', checkZero: false });
  const place = district.countyCity ? district.name : `${district.city}${district.name}`;
  const address = `${rng.chance(0.3) ? '江苏省' : ''}${place}${rng.pick(ROADS)}${rng.int(1, 399)}号${rng.pick(UNITS)}`;
  const items = company.businessScope.replace(/^.*一般项目：/, '').replace(/（除依法须经批准的项目外.*$/, '');
  const businessScope = rng.weighted(
    [
      company.businessScope,
      `在隶属企业经营范围内从事经营活动。一般项目：${items}（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）`,
      '为隶属企业联系业务。（依法须经批准的项目，经相关部门批准后方可开展经营活动）',
    ],
    [4, 3, 1],
  );
  return {
    name: `${company.name}${where}分公司`,
    creditCode,
    head: rng.chance(0.7) ? personName(rng, rng.chance(0.15)) : company.legalRepresentative,
    address,
    type: branchType(company.type, rng),
    establishedOn,
    // A branch lasts as long as its parent: 长期, or the parent's own end date.
    termUntil: company.termUntil && rng.chance(0.75) ? company.termUntil : null,
    registrationAuthority: authorityOf(district, rng),
    district,
    businessScope,
    sealNumber: `${division}${rng.chars('0123456789', 7)}`,
  };
}

/**
 * What applicants add to a copy before uploading it: 与原件一致 with their own seal beside
 * it, 仅供…使用, both or neither. `area` is where on the page they may land (points).
 */
export async function applicantStamps(
  c: Composer,
  rng: Rng,
  seal: { text: string; sealNumber: string },
  area: { x0: number; x1: number; y0: number; y1: number },
): Promise<void> {
  const extra = rng.weighted(['none', 'certified', 'restricted', 'both'], [4, 3, 2, 1]);
  if (extra === 'certified' || extra === 'both') {
    const x = rng.float(area.x0, area.x1);
    const y = rng.float(area.y0, area.y1);
    await addRectStamp(c, rng, x, y, [rng.pick(['与原件一致', '与原件相符', '复印件与原件一致'])], rng.float(11, 14));
    await addSeal(c, rng, x + rng.float(30, 70), y + rng.float(-15, 20), {
      role: 'company',
      text: seal.text,
      bottomText: rng.chance(0.6) ? seal.sealNumber : null,
      diameterMm: 40,
      faded: rng.chance(0.15),
      weight: rng.pick([700, 900] as const),
    });
  }
  if (extra === 'restricted' || extra === 'both') {
    const x = rng.float(area.x0 - 60, area.x1 - 60);
    const y = rng.float(area.y0 - 120, area.y0 - 40);
    const lines = rng.pick([['仅供质量信用等级认定使用', '再复印无效'], ['仅供江苏省企业质量信用等级认定申报使用'], ['此复印件仅供认定申报用', '他用无效']]);
    await addRectStamp(c, rng, x, y, lines, rng.float(10, 12));
  }
}
