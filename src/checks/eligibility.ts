/**
 * Basic eligibility (基本资质): whether the enterprise may apply at all, before its materials
 * are looked at. The notice has reviewers verify 营业执照、独立法人资格、正常经营年限、公共信用状况
 * (苏市监质〔2026〕64号 三(二)); the thresholds are the year's policy (src/domain/policy/).
 *
 * Each rule weighs what the sources say: the applicant's own typed statements (the declared
 * name and code, fields given to `qcredit eligibility`), the licence as read, the credit
 * report's records. A rule is broken (an error) only on a statement that is sure — typed by the
 * applicant, read from a text layer, or read by OCR and agreed by another source; a breach
 * that only one OCR reading shows, a disagreement between sources, or a fact not read at all
 * is a warning that says what to look at. A false error would turn away a company that may
 * apply.
 */
import { addYears, isCalendarDate } from '../domain/dates.js';
import { PROVINCES, JIANGSU_CITIES, shortPlaceName } from '../domain/divisions.js';
import { formOfCode, formOfName, formOfType, INDEPENDENT_FORMS, type EntityForm } from '../domain/entity.js';
import { LEVELS, type Level } from '../domain/levels.js';
import { DEFAULT_POLICY, type EligibilityPolicy } from '../domain/policy/index.js';
import { describeUscc, normalizeUscc } from '../domain/uscc.js';
import type { QcErrorCode } from '../errors.js';
import type { Box } from '../reading/types.js';
import type { LicenceFields } from '../fields/licence.js';
import { isDecisionNumber, type CreditReport } from './credit-report.js';
import type { Analysis } from './schema.js';
import { finding, type Finding, type Severity } from './types.js';

export const ELIGIBILITY_RULES = ['jiangsu', 'legalPerson', 'years', 'licence', 'ladder', 'publicCredit'] as const;
export type EligibilityRule = (typeof ELIGIBILITY_RULES)[number];

/** Each rule's name (the report and the CLI show them). */
export const ELIGIBILITY_RULE_NAMES: Readonly<Record<EligibilityRule, { zh: string; en: string }>> = {
  jiangsu: { zh: '江苏省登记', en: 'Registered in Jiangsu' },
  legalPerson: { zh: '独立法人资格', en: 'Independent legal person' },
  years: { zh: '正常经营年限', en: 'Years in operation' },
  licence: { zh: '营业执照有效', en: 'Licence valid' },
  ladder: { zh: '等级逐级申报', en: 'Rating ladder' },
  publicCredit: { zh: '公共信用状况', en: 'Public credit' },
};

/** Where a statement comes from, and whether it alone may decide an error. */
type Origin = 'typed' | 'code' | 'licence-text' | 'licence-ocr' | 'report-text' | 'report-ocr';
const SURE: ReadonlySet<Origin> = new Set(['typed', 'code', 'licence-text', 'report-text']);
const ORIGIN_NAMES: Readonly<Record<Origin, { zh: string; en: string }>> = {
  typed: { zh: '申报信息', en: 'as declared' },
  code: { zh: '统一社会信用代码', en: 'credit code' },
  'licence-text': { zh: '营业执照', en: 'licence' },
  'licence-ocr': { zh: '营业执照（识别）', en: 'licence (OCR)' },
  'report-text': { zh: '专项信用报告', en: 'credit report' },
  'report-ocr': { zh: '专项信用报告（识别）', en: 'credit report (OCR)' },
};

/** A licence as read (the analysis's `licence` block), with the file it came from. */
export type LicenceEvidence = Pick<LicenceFields, 'name' | 'entityType' | 'establishedOn' | 'termTo' | 'termOpen' | 'address' | 'registrationAuthority'> & {
  file: string;
  /** Read by OCR (less sure than a text layer). */
  byOcr: boolean;
  sources?: Partial<Record<string, { page: number; box: Box }>>;
};

export type ReportEvidence = Pick<CreditReport, 'records' | 'recordsFound'> & { file: string; byOcr: boolean };

const readByOcr = (a: Analysis) => a.pages.some((p) => p.source === 'ocr');

/** What an analysed licence says for eligibility (null when it is not read as a licence). */
export function licenceEvidenceOf(a: Analysis): LicenceEvidence | null {
  return a.licence ? { file: a.file, byOcr: readByOcr(a), ...a.licence } : null;
}

/** What an analysed credit report says for eligibility (null when it is not read as a report). */
export function reportEvidenceOf(a: Analysis): ReportEvidence | null {
  return a.report ? { file: a.file, byOcr: readByOcr(a), records: a.report.records, recordsFound: a.report.recordsFound } : null;
}

/** Everything eligibility is judged from; anything may be missing. */
export interface EligibilityFacts {
  level: Level;
  /** YYYY-MM-DD. */
  applicationDate: string;
  /** What the applicant states (the submission's company, or typed fields). */
  company: {
    name?: string | null;
    creditCode?: string | null;
    establishedOn?: string | null;
    entityType?: string | null;
    /** 营业期限's end; null with termOpen for 长期. */
    termTo?: string | null;
    termOpen?: boolean | null;
  };
  licence?: LicenceEvidence | null;
  report?: ReportEvidence | null;
  /** The rating held now and since when (a portal knows it; qcredit cannot look it up). */
  currentRating?: { level: Level; since: string } | null;
}

export type EligibilityStatus = 'met' | 'not-met' | 'unknown';

export interface EligibilityReason extends Finding {
  rule: EligibilityRule;
  status: EligibilityStatus;
  /** What it was decided from, in words (zh-CN). */
  basis: string[];
  /** The rule's source (the policy's words). */
  ruleSource: string;
  /** The file the deciding statement was read from, when it was read from one. */
  file?: string;
}

export interface Eligibility {
  /** False when any rule is broken (an error); true otherwise, with `confirmed` saying whether every rule was confirmed. */
  eligible: boolean;
  /** Every rule met, none left unknown. */
  confirmed: boolean;
  /** The policy's year. */
  policyYear: number;
  reasons: EligibilityReason[];
}

interface Statement<T> {
  value: T;
  origin: Origin;
  file?: string;
  page?: number;
  box?: Box;
}

const fmt = (s: Statement<string>) => `${ORIGIN_NAMES[s.origin].zh}：${s.value}`;
const fmtEn = (s: Statement<string>) => `${ORIGIN_NAMES[s.origin].en}: ${s.value}`;

function reason(rule: EligibilityRule, status: EligibilityStatus, severity: Severity, code: QcErrorCode, params: Record<string, string | number>, policy: EligibilityPolicy, basis: string[], at?: Statement<unknown>): EligibilityReason {
  const where = at?.page !== undefined ? { page: at.page, box: at.box } : {};
  return { ...finding(code, severity, params, where), rule, status, basis, ruleSource: policy.sources[rule] ?? '', ...(at?.file ? { file: at.file } : {}) };
}

function met(rule: EligibilityRule, detail: string, detailEn: string, policy: EligibilityPolicy, basis: string[], at?: Statement<unknown>): EligibilityReason {
  return reason(rule, 'met', 'info', 'QC_ELIGIBILITY_MET', { rule: ELIGIBILITY_RULE_NAMES[rule].zh, ruleEn: ELIGIBILITY_RULE_NAMES[rule].en, detail, detailEn }, policy, basis, at);
}

function unconfirmed(rule: EligibilityRule, fact: string, factEn: string, why: string, whyEn: string, look: string, policy: EligibilityPolicy, basis: string[], severity: Severity = 'warning', at?: Statement<unknown>): EligibilityReason {
  return reason(rule, 'unknown', severity, 'QC_ELIGIBILITY_UNCONFIRMED', { fact, factEn, reason: why, reasonEn: whyEn, look }, policy, basis, at);
}

/** A breach is an error when a sure source states it, or two sources agree on it. */
const breachSeverity = (statements: Statement<unknown>[]): Severity =>
  statements.some((s) => SURE.has(s.origin)) || new Set(statements.map((s) => s.origin)).size >= 2 ? 'error' : 'warning';

function licenceOrigin(licence: LicenceEvidence): Origin {
  return licence.byOcr ? 'licence-ocr' : 'licence-text';
}

function licenceStatement<T>(licence: LicenceEvidence | null | undefined, key: keyof LicenceEvidence & string, value: T | null | undefined): Statement<T> | null {
  if (!licence || value === null || value === undefined) return null;
  const at = licence.sources?.[key];
  return { value, origin: licenceOrigin(licence), file: licence.file, ...(at ? { page: at.page, box: at.box } : {}) };
}

const present = <T>(s: Statement<T> | null): s is Statement<T> => s !== null;

// ---- Registered in Jiangsu -------------------------------------------------------------------

const PROVINCE_SHORT = Object.entries(PROVINCES).map(([code, name]) => ({ code, name, short: shortPlaceName(name) }));
const JIANGSU_CITY_SHORT = Object.values(JIANGSU_CITIES).map(shortPlaceName);

/**
 * The province an authority or address starts with ('32' for 江苏 or one of its cities), or
 * null. Only the start counts: a Jiangsu address may well be on 上海路 or 北京东路.
 */
function provinceAtStart(text: string): string | null {
  const t = text.replace(/\s/g, '');
  for (const city of JIANGSU_CITY_SHORT) if (t.startsWith(city)) return '32';
  for (const p of PROVINCE_SHORT) if (t.startsWith(p.name) || (p.short.length >= 2 && t.startsWith(p.short) && /^(?:省|市|自治区|\p{Script=Han}{0,6}(?:市|区|县))/u.test(t.slice(p.short.length)))) return p.code;
  return null;
}

function jiangsuRule(facts: EligibilityFacts, policy: EligibilityPolicy, company: string): EligibilityReason {
  const province = policy.provinceCode;
  const provinceName = PROVINCES[province] ?? province;
  const code = facts.company.creditCode ? normalizeUscc(facts.company.creditCode) : null;
  const parts = code ? describeUscc(code) : null;
  const codeProvince = parts ? parts.division.code.slice(0, 2) : null;
  const codeStatement: Statement<string> | null = parts
    ? { value: `${code}（第3–8位 ${parts.division.code}：${[parts.division.province, parts.division.city].filter(Boolean).join('') || '未知区划'}）`, origin: 'typed' }
    : null;
  const places = [
    licenceStatement(facts.licence, 'registrationAuthority', facts.licence?.registrationAuthority),
    licenceStatement(facts.licence, 'address', facts.licence?.address),
  ].filter(present).map((s) => ({ ...s, province: provinceAtStart(s.value) }));
  const placed = places.filter((p) => p.province !== null);
  const basis = [...(codeStatement ? [fmt(codeStatement)] : []), ...places.map(fmt)];

  // The licence says where the company is registered now (a code keeps its first division
  // when the company moves); the code speaks when the licence does not.
  const elsewhere = placed.filter((p) => p.province !== province);
  const inside = placed.filter((p) => p.province === province);
  if (elsewhere.length > 0 && inside.length === 0) {
    const first = elsewhere[0]!;
    const where = PROVINCES[first.province!] ?? first.province!;
    const statements: Statement<unknown>[] = [...elsewhere, ...(codeProvince && codeProvince !== province ? [codeStatement!] : [])];
    return reason('jiangsu', 'not-met', breachSeverity(statements), 'QC_NOT_IN_JIANGSU', { company, evidence: `${elsewhere.map(fmt).join('；')}（${where}）`, evidenceEn: `${elsewhere.map(fmtEn).join('; ')} (${where})` }, policy, basis, first);
  }
  if (inside.length > 0) {
    return met('jiangsu', `${inside.map(fmt).join('；')}`, `${inside.map(fmtEn).join('; ')}`, policy, basis, inside[0]);
  }
  if (codeProvince === province) {
    return met('jiangsu', `统一社会信用代码第3–8位为 ${parts!.division.code}（${provinceName}${parts!.division.city ?? ''}）`, `the credit code's division ${parts!.division.code} is in ${provinceName}`, policy, basis);
  }
  if (codeProvince !== null) {
    const where = parts!.division.province ?? `区划 ${parts!.division.code}`;
    // No licence says otherwise. With a licence whose place was not read, the company may have
    // moved in (its code keeps the old division): a reviewer looks at the licence.
    if (facts.licence) {
      return unconfirmed('jiangsu', '登记地', 'the place of registration', `统一社会信用代码的行政区划为${where}，营业执照上的登记机关和住所未能识别`, `the credit code's division is in ${where}; the licence's authority and address were not read`, '请查看营业执照的“登记机关”和“住所”是否在江苏省（企业迁入江苏后代码不变）。', policy, basis);
    }
    return reason('jiangsu', 'not-met', 'error', 'QC_NOT_IN_JIANGSU', { company, evidence: `统一社会信用代码第3–8位为 ${parts!.division.code}（${where}）`, evidenceEn: `the credit code's division ${parts!.division.code} is in ${where}` }, policy, basis);
  }
  return unconfirmed('jiangsu', '登记地', 'the place of registration', '没有可用的统一社会信用代码，营业执照上的登记机关和住所也未能识别', 'no usable credit code, and neither the licence\'s authority nor its address was read', '请核对统一社会信用代码第3–8位（行政区划，江苏为32开头）或营业执照的登记机关。', policy, basis);
}

// ---- Independent legal person ----------------------------------------------------------------

const FORM_CODES: Partial<Record<EntityForm, QcErrorCode>> = {
  branch: 'QC_ENTITY_BRANCH',
  individual: 'QC_ENTITY_INDIVIDUAL',
  'sole-proprietorship': 'QC_ENTITY_SOLE_PROPRIETORSHIP',
  partnership: 'QC_ENTITY_PARTNERSHIP',
  cooperative: 'QC_ENTITY_COOPERATIVE',
  'not-enterprise': 'QC_ENTITY_NOT_ENTERPRISE',
};
/** When sources name different non-independent forms, the code's own category wins, then the 类型. */
const FORM_PRIORITY: readonly EntityForm[] = ['not-enterprise', 'individual', 'cooperative', 'sole-proprietorship', 'partnership', 'branch'];

function legalPersonRule(facts: EligibilityFacts, policy: EligibilityPolicy, company: string): EligibilityReason {
  const code = facts.company.creditCode ? normalizeUscc(facts.company.creditCode) : null;
  const statements: (Statement<string> & { form: EntityForm | null; what: string })[] = [];
  if (code) statements.push({ value: code, origin: 'code', form: formOfCode(code), what: '统一社会信用代码' });
  if (facts.company.entityType) statements.push({ value: facts.company.entityType, origin: 'typed', form: formOfType(facts.company.entityType), what: '类型' });
  const type = licenceStatement(facts.licence, 'entityType', facts.licence?.entityType);
  if (type) statements.push({ ...type, form: formOfType(type.value), what: '类型' });
  if (facts.company.name) statements.push({ value: facts.company.name, origin: 'typed', form: formOfName(facts.company.name), what: '名称' });
  const name = licenceStatement(facts.licence, 'name', facts.licence?.name);
  if (name) statements.push({ ...name, form: formOfName(name.value), what: '名称' });

  const describe = (s: (typeof statements)[number]) => `${ORIGIN_NAMES[s.origin].zh}${s.origin === 'code' ? '' : `的${s.what}`}“${s.value}”`;
  const describeEn = (s: (typeof statements)[number]) => `${ORIGIN_NAMES[s.origin].en} ${s.origin === 'code' ? '' : `${s.what} `}"${s.value}"`;
  const basis = statements.map(describe);
  const against = statements.filter((s) => s.form !== null && !INDEPENDENT_FORMS.has(s.form));
  if (against.length > 0) {
    const form = FORM_PRIORITY.find((f) => against.some((s) => s.form === f))!;
    const deciding = against.filter((s) => s.form === form);
    const parts = code ? describeUscc(code) : null;
    const authority = parts?.registrationAuthority.name ?? '其他部门';
    return reason('legalPerson', 'not-met', breachSeverity(deciding), FORM_CODES[form]!, { company, evidence: deciding.map(describe).join('；'), evidenceEn: deciding.map(describeEn).join('; '), authority }, policy, basis, deciding[0]);
  }
  const forIt = statements.filter((s) => s.form !== null && INDEPENDENT_FORMS.has(s.form) && s.what === '类型');
  const byName = statements.filter((s) => s.form !== null && INDEPENDENT_FORMS.has(s.form));
  if (forIt.length > 0 || byName.length > 0) {
    const shown = forIt.length > 0 ? forIt : byName;
    return met('legalPerson', shown.map(describe).join('；'), shown.map(describeEn).join('; '), policy, basis, shown[0]);
  }
  return unconfirmed('legalPerson', '企业类型', 'the type of entity', '营业执照的“类型”未能识别，名称也不能说明', 'the licence\'s type was not read and the name does not tell', '请查看营业执照的“类型”：有限责任公司、股份有限公司可以申报；分公司、个人独资企业、合伙企业、个体工商户不能。', policy, basis);
}

// ---- Years in operation ----------------------------------------------------------------------

function yearsRule(facts: EligibilityFacts, policy: EligibilityPolicy, company: string): EligibilityReason {
  const years = policy.minYearsInOperation;
  const statements = [
    facts.company.establishedOn && isCalendarDate(facts.company.establishedOn) ? ({ value: facts.company.establishedOn, origin: 'typed' } as Statement<string>) : null,
    licenceStatement(facts.licence, 'establishedOn', facts.licence?.establishedOn),
  ].filter(present);
  const basis = statements.map((s) => `${fmt(s)}（成立日期）`);
  if (statements.length === 0) {
    return unconfirmed('years', '成立日期', 'the date of establishment', facts.licence ? '营业执照上的“成立日期”未能识别' : '没有营业执照，也没有填写成立日期', facts.licence ? 'the licence\'s 成立日期 was not read' : 'no licence and no date of establishment given', `请查看营业执照的“成立日期”（注册日期）：到申报日期须满${years}年。`, policy, basis, facts.licence ? 'warning' : 'info');
  }
  const enough = (s: Statement<string>) => addYears(s.value, years) <= facts.applicationDate;
  const short = statements.filter((s) => !enough(s));
  if (short.length === statements.length) {
    const first = short.find((s) => SURE.has(s.origin)) ?? short[0]!;
    return reason('years', 'not-met', breachSeverity(short), 'QC_TOO_FEW_YEARS', { company, establishedOn: first.value, applicationDate: facts.applicationDate, years, eligibleFrom: addYears(first.value, years) }, policy, basis, first);
  }
  if (short.length > 0) {
    return unconfirmed('years', '正常经营年限', 'the years in operation', `成立日期不一致：${statements.map(fmt).join('；')}`, `the dates of establishment disagree: ${statements.map(fmtEn).join('; ')}`, `请核对营业执照的“成立日期”：到申报日期 ${facts.applicationDate} 须满${years}年。`, policy, basis, 'warning', short[0]);
  }
  const first = statements.find((s) => s.origin !== 'typed') ?? statements[0]!;
  return met('years', `成立于 ${first.value}，到 ${facts.applicationDate} 已满${years}年`, `established on ${first.value}: ${years} years or more by ${facts.applicationDate}`, policy, basis, first);
}

// ---- Licence valid ---------------------------------------------------------------------------

function licenceRule(facts: EligibilityFacts, policy: EligibilityPolicy): EligibilityReason {
  const l = facts.licence;
  const statements: Statement<string>[] = [];
  if (facts.company.termOpen === true) statements.push({ value: '长期', origin: 'typed' });
  else if (facts.company.termTo && isCalendarDate(facts.company.termTo)) statements.push({ value: facts.company.termTo, origin: 'typed' });
  if (l?.termOpen === true) statements.push(licenceStatement(l, 'termTo', '长期')!);
  else if (l?.termTo) statements.push(licenceStatement(l, 'termTo', l.termTo)!);
  const basis = statements.map((s) => `${fmt(s)}（营业期限至）`);
  if (statements.length === 0) {
    return unconfirmed('licence', '营业执照的营业期限', 'the licence\'s term', l ? '营业执照上的“营业期限”未能识别' : '没有营业执照，也没有填写营业期限', l ? 'the licence\'s 营业期限 was not read' : 'no licence and no term given', `请查看营业执照的“营业期限”是否为“长期”或截止于申报日期 ${facts.applicationDate} 之后。`, policy, basis, l ? 'warning' : 'info');
  }
  // A licence valid until the application date is valid on that day.
  const expired = statements.filter((s) => s.value !== '长期' && s.value < facts.applicationDate);
  if (expired.length === statements.length) {
    const first = expired.find((s) => SURE.has(s.origin)) ?? expired[0]!;
    return reason('licence', 'not-met', breachSeverity(expired), 'QC_LICENCE_EXPIRED', { termTo: first.value, applicationDate: facts.applicationDate }, policy, basis, first);
  }
  if (expired.length > 0) {
    return unconfirmed('licence', '营业期限', 'the licence\'s term', `营业期限不一致：${statements.map(fmt).join('；')}`, `the terms disagree: ${statements.map(fmtEn).join('; ')}`, `请核对营业执照的“营业期限”是否覆盖申报日期 ${facts.applicationDate}。`, policy, basis, 'warning', expired[0]);
  }
  const first = statements.find((s) => s.origin !== 'typed') ?? statements[0]!;
  return met('licence', first.value === '长期' ? '营业期限为长期' : `营业期限至 ${first.value}，覆盖申报日期`, first.value === '长期' ? 'the term is open-ended' : `the term runs to ${first.value}`, policy, basis, first);
}

// ---- The rating ladder -----------------------------------------------------------------------

const rank = (level: Level) => LEVELS.indexOf(level);

function ladderRule(facts: EligibilityFacts, policy: EligibilityPolicy): EligibilityReason {
  const step = policy.ladder[facts.level];
  if (!step) return met('ladder', `申报${facts.level}级无需已有等级`, `level ${facts.level} needs no rating held before`, policy, []);
  const held = step.heldYears > 0 ? `满${step.heldYears}年` : '';
  const heldEn = step.heldYears > 0 ? ` held for ${step.heldYears} years` : '';
  const current = facts.currentRating;
  if (!current) {
    return reason('ladder', 'unknown', 'info', 'QC_RATING_UNSTATED', { level: facts.level, requires: step.requires, held, heldEn }, policy, []);
  }
  const basis = [`申报信息：现有等级 ${current.level}级，获评于 ${current.since}`];
  const sinceEnough = step.heldYears === 0 || addYears(current.since, step.heldYears) <= facts.applicationDate;
  if (rank(current.level) > rank(step.requires) || (current.level === step.requires && sinceEnough)) {
    return met('ladder', `现有 ${current.level}级（${current.since} 起）`, `holds ${current.level} since ${current.since}`, policy, basis);
  }
  const stated = rank(current.level) < rank(step.requires) ? `现有等级为${current.level}级` : `${step.requires}级获评于 ${current.since}，到 ${addYears(current.since, step.heldYears)} 才满${step.heldYears}年`;
  const statedEn = rank(current.level) < rank(step.requires) ? `the rating held is ${current.level}` : `${step.requires} was awarded on ${current.since}, ${step.heldYears} years only on ${addYears(current.since, step.heldYears)}`;
  return reason('ladder', 'not-met', 'error', 'QC_RATING_LADDER', { level: facts.level, requires: step.requires, held, heldEn, stated, statedEn }, policy, basis);
}

// ---- Public credit ---------------------------------------------------------------------------

/** Words an enforcement decision's number carries (a 罚 decision, a court's 执, a 失信 listing, a tax bureau's). */
const ENFORCEMENT = /罚|执|失信|税|采购|黑名单|列入|惩戒/u;

function publicCreditRule(facts: EligibilityFacts, policy: EligibilityPolicy): EligibilityReason {
  const report = facts.report;
  if (!report) {
    return unconfirmed('publicCredit', '公共信用状况', 'the public credit record', '没有专项信用报告', 'no credit report was given', '请上传专项信用报告，或在信用江苏查询企业的公共信用信息。', policy, [], 'info');
  }
  const origin: Origin = report.byOcr ? 'report-ocr' : 'report-text';
  const at: Statement<string> = { value: report.file, origin, file: report.file };
  const barring = new Set(policy.barringRecords);
  const withRecords = report.records.filter((r) => (r.count ?? 0) > 0 || (r.count === null && r.items.length > 0));
  const summary = report.records.map((r) => `${r.category} ${r.count === null ? '有记录（条数未能识别）' : `${r.count} 条`}`);
  const basis = summary.length ? [`${ORIGIN_NAMES[origin].zh}：${summary.join('、')}`] : [];
  const serious = withRecords.filter((r) => barring.has(r.category));
  if (serious.length > 0) {
    const categories = serious.map((r) => (r.count === null ? r.category : `${r.category} ${r.count} 条`)).join('、');
    // A listing is an error only as the report states it: read from its text layer, with the
    // decision's number (文号) beside it. A count from OCR, or from dated lines alone, could be
    // a neighbouring table's row or the issuer's date: a reviewer confirms it.
    // A number that also stands under another category is that section's row, read into the
    // list's by a layout the records reader does not know: not a listing.
    const elsewhere = new Set(report.records.filter((r) => !barring.has(r.category)).flatMap((r) => r.items));
    // Every row of the listing must be an enforcement decision (罚, 执, 失信, 税 … in its number),
    // not the report's own document number (苏信报证〔2026〕…) nor another category's row.
    const otherCategory = new RegExp(`^(?:${report.records.filter((r) => !barring.has(r.category)).map((r) => r.category).join('|') || '(?!)'})`);
    const decision = (item: string) => isDecisionNumber(item) && ENFORCEMENT.test(item) && !elsewhere.has(item) && !otherCategory.test(item);
    const stated = (r: (typeof serious)[number]) => r.count !== null && r.items.length > 0 && r.items.every(decision);
    const severity: Severity = !report.byOcr && serious.some(stated) ? 'error' : 'warning';
    return reason('publicCredit', severity === 'error' ? 'not-met' : 'unknown', severity, 'QC_SERIOUS_DISHONESTY', { file: report.file, categories, categoriesEn: serious.map((r) => r.category).join(', ') }, policy, basis, at);
  }
  if (withRecords.length > 0) {
    const list = withRecords.map((r) => (r.count === null ? r.category : `${r.category} ${r.count} 条`)).join('、');
    return reason('publicCredit', 'met', 'info', 'QC_PUBLIC_CREDIT_SUMMARY', { file: report.file, summary: `${list}（不属于限制申报的名单）`, summaryEn: `${withRecords.map((r) => `${r.category}${r.count === null ? '' : ` (${r.count})`}`).join(', ')} (none of the barring lists)` }, policy, basis, at);
  }
  if (report.recordsFound === false) {
    return met('publicCredit', '专项信用报告报告期内无失信、处罚等记录', 'the credit report lists no records in its period', policy, basis, at);
  }
  // Not every section was read (a scan): the reviewer reads the report anyway, so this is a
  // pointer to what matters, not a warning on every scanned report.
  return unconfirmed('publicCredit', '公共信用状况', 'the public credit record', '专项信用报告中的记录类别未能全部识别', 'the credit report\'s record sections were not all read', `请查看专项信用报告“${report.file}”中是否有严重失信主体名单、失信被执行人等记录。`, policy, basis, 'info', at);
}

// ---- All rules -------------------------------------------------------------------------------

/** Whether the enterprise may apply, rule by rule, under `policy` (this year's by default). */
export function assessEligibility(facts: EligibilityFacts, policy: EligibilityPolicy = DEFAULT_POLICY): Eligibility {
  if (!isCalendarDate(facts.applicationDate)) throw new RangeError(`assessEligibility: applicationDate must be YYYY-MM-DD, got "${facts.applicationDate}"`);
  const company = facts.company.name ?? facts.licence?.name ?? facts.company.creditCode ?? '申报企业';
  const reasons = [
    jiangsuRule(facts, policy, company),
    legalPersonRule(facts, policy, company),
    yearsRule(facts, policy, company),
    licenceRule(facts, policy),
    ladderRule(facts, policy),
    publicCreditRule(facts, policy),
  ];
  return {
    eligible: !reasons.some((r) => r.severity === 'error'),
    confirmed: reasons.every((r) => r.status === 'met'),
    policyYear: policy.year,
    reasons,
  };
}

/** The reasons a person must act on, as findings (met rules and reminders are not findings). */
export function eligibilityFindings(eligibility: Eligibility): Finding[] {
  return eligibility.reasons
    .filter((r) => r.status !== 'met' && r.severity !== 'info')
    .map(({ rule: _rule, status: _status, basis: _basis, ruleSource: _source, ...f }) => f);
}
