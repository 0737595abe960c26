/**
 * Companies that may apply, and companies that may not in each way the eligibility rules know:
 * registered outside Jiangsu, not an independent legal person (a branch, an individual
 * business, a sole proprietorship, a partnership, a farmers' cooperative), too young, or with
 * an expired licence — and the edge days (exactly 3 years; a licence ending on the application
 * date). Each is a corpus company changed only where the case needs it, so its licence is made
 * by the same layouts as any other.
 */
import { addYears } from '../../src/domain/dates.js';
import type { QcErrorCode } from '../../src/errors.js';
import type { EligibilityRule } from '../../src/checks/eligibility.js';
import { makeCreditCode, type CorpusCompany } from './companies.js';
import { addDays, type Rng } from './random.js';

export const ELIGIBILITY_CASES = [
  'eligible',
  'exactly-three-years',
  'term-ends-on-application-day',
  'outside-jiangsu',
  'branch',
  'individual-business',
  'sole-proprietorship',
  'partnership',
  'cooperative',
  'too-young',
  'licence-expired',
] as const;
export type EligibilityCase = (typeof ELIGIBILITY_CASES)[number];

export interface EligibilityExpectation {
  eligible: boolean;
  /** The rule broken, and the code that says so; null for an eligible company. */
  rule: EligibilityRule | null;
  code: QcErrorCode | null;
}

export const EXPECTED: Readonly<Record<EligibilityCase, EligibilityExpectation>> = {
  eligible: { eligible: true, rule: null, code: null },
  'exactly-three-years': { eligible: true, rule: null, code: null },
  'term-ends-on-application-day': { eligible: true, rule: null, code: null },
  'outside-jiangsu': { eligible: false, rule: 'jiangsu', code: 'QC_NOT_IN_JIANGSU' },
  branch: { eligible: false, rule: 'legalPerson', code: 'QC_ENTITY_BRANCH' },
  'individual-business': { eligible: false, rule: 'legalPerson', code: 'QC_ENTITY_INDIVIDUAL' },
  'sole-proprietorship': { eligible: false, rule: 'legalPerson', code: 'QC_ENTITY_SOLE_PROPRIETORSHIP' },
  partnership: { eligible: false, rule: 'legalPerson', code: 'QC_ENTITY_PARTNERSHIP' },
  cooperative: { eligible: false, rule: 'legalPerson', code: 'QC_ENTITY_COOPERATIVE' },
  'too-young': { eligible: false, rule: 'years', code: 'QC_TOO_FEW_YEARS' },
  'licence-expired': { eligible: false, rule: 'licence', code: 'QC_LICENCE_EXPIRED' },
};

/** The place a name starts with (江苏, 苏州 …), or ''. */
const placeOf = (c: CorpusCompany) => c.name.slice(0, c.name.indexOf(c.tradeName));
const recode = (c: CorpusCompany, rng: Rng, kind: string, division = c.creditCode.slice(2, 8)) =>
  makeCreditCode(rng, division, { letters: /[A-Z]/.test(c.creditCode.slice(8, 16)), checkZero: false, kind });

/**
 * `base` changed into the case, for an application on `applicationDate`. The company's other
 * facts (people, scope, industry) stay; dates are set relative to the application day.
 */
export function companyForCase(id: EligibilityCase, base: CorpusCompany, applicationDate: string, rng: Rng): CorpusCompany {
  // Old enough and licensed long-term unless the case says otherwise.
  const settled = {
    ...base,
    establishedOn: base.establishedOn > addYears(applicationDate, -4) ? addYears(applicationDate, -6) : base.establishedOn,
    termUntil: base.termUntil !== null && base.termUntil <= addYears(applicationDate, 1) ? null : base.termUntil,
  };
  const issuedAfter = (c: CorpusCompany) => ({ ...c, licenceIssuedOn: c.licenceIssuedOn > c.establishedOn ? c.licenceIssuedOn : addDays(c.establishedOn, 40) });
  const place = placeOf(base) || base.district.city.replace(/市$/, '');
  switch (id) {
    case 'eligible':
      return issuedAfter(settled);
    case 'exactly-three-years':
      return issuedAfter({ ...settled, establishedOn: addYears(applicationDate, -3), licenceIssuedOn: addDays(addYears(applicationDate, -3), 20) });
    case 'term-ends-on-application-day':
      return issuedAfter({ ...settled, establishedOn: addYears(applicationDate, -20), termUntil: applicationDate });
    case 'too-young': {
      const established = addDays(addYears(applicationDate, -2), -rng.int(10, 200));
      return { ...settled, establishedOn: established, licenceIssuedOn: addDays(established, 15) };
    }
    case 'licence-expired': {
      const end = addDays(applicationDate, -rng.int(20, 300));
      return issuedAfter({ ...settled, establishedOn: addYears(end, -20), termUntil: end });
    }
    case 'outside-jiangsu': {
      const division = rng.pick(['310115', '330106', '340104', '370202']);
      const province = { '31': '上海市', '33': '浙江省', '34': '安徽省', '37': '山东省' }[division.slice(0, 2)]!;
      const city = { '310115': '浦东新区', '330106': '杭州市西湖区', '340104': '合肥市蜀山区', '370202': '青岛市市南区' }[division]!;
      const name = `${province.replace(/[省市]$/, '')}${base.tradeName}${base.industry.nameWord[0]}有限公司`;
      return issuedAfter({
        ...settled,
        name,
        creditCode: recode(base, rng, '91', division),
        address: `${province}${city}${rng.pick(['科苑路', '文三路', '长江西路', '香港中路'])}${rng.int(1, 300)}号`,
        registrationAuthority: `${province === '上海市' ? '上海市' : province}${city}市场监督管理局`,
      });
    }
    case 'branch':
      return issuedAfter({ ...settled, name: `${base.name}${rng.pick(['南京', '苏州', '无锡'])}分公司`, type: rng.pick(['有限责任公司分公司（自然人投资或控股）', '股份有限公司分公司（非上市、自然人投资或控股）']), creditCode: recode(base, rng, '91') });
    case 'individual-business':
      return issuedAfter({ ...settled, name: `${place}${base.tradeName}${rng.pick(['五金经营部', '食品店', '机械加工厂'])}`, type: '个体工商户', creditCode: recode(base, rng, '92'), registeredCapital: `${rng.int(5, 50)}万元` });
    case 'sole-proprietorship':
      return issuedAfter({ ...settled, name: `${place}${base.tradeName}${base.industry.nameWord[0]}厂`, type: '个人独资企业', creditCode: recode(base, rng, '91') });
    case 'partnership':
      return issuedAfter({ ...settled, name: `${place}${base.tradeName}企业管理合伙企业（有限合伙）`, type: rng.pick(['有限合伙企业', '普通合伙企业']), creditCode: recode(base, rng, '91') });
    case 'cooperative':
      return issuedAfter({ ...settled, name: `${place}${base.tradeName}${rng.pick(['农机', '果蔬', '水产'])}专业合作社`, type: '农民专业合作社', creditCode: recode(base, rng, '93') });
  }
}
