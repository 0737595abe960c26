/**
 * The eligibility evaluation's scoring (eval/eligibility.ts): when a verdict is right, when an
 * ineligible company is only flagged, what counts as a false error or an error on another rule,
 * how the table adds up, and which licence facts were misread. Hand-made verdicts only: no
 * licence is read.
 */
import { describe, expect, it } from 'vitest';
import type { Eligibility, EligibilityReason, EligibilityRule } from '../src/checks/eligibility.js';
import type { QcErrorCode } from '../src/errors.js';
import { caseTable, misreadFacts, scoreEligibility, type LicenceFacts } from '../eval/eligibility.js';
import { EXPECTED } from './corpus/eligibility-cases.js';

const RULES: EligibilityRule[] = ['jiangsu', 'legalPerson', 'years', 'licence', 'ladder', 'publicCredit'];

function reason(rule: EligibilityRule, severity: EligibilityReason['severity'], code: QcErrorCode): EligibilityReason {
  const status = severity === 'error' ? 'not-met' : code === 'QC_ELIGIBILITY_MET' ? 'met' : 'unknown';
  return { rule, severity, code, status, message: 'm', messageEn: 'm', params: {}, basis: [], ruleSource: '' };
}

/** Every rule met, then the given reasons in place of their rules' own. */
function eligibility(...changed: EligibilityReason[]): Eligibility {
  const reasons = RULES.map((rule) => changed.find((r) => r.rule === rule) ?? reason(rule, 'info', 'QC_ELIGIBILITY_MET'));
  return { eligible: !reasons.some((r) => r.severity === 'error'), confirmed: reasons.every((r) => r.status === 'met'), policyYear: 2026, reasons };
}

describe('scoreEligibility: companies that may apply', () => {
  it('is right with no error, warnings or not', () => {
    expect(scoreEligibility(EXPECTED.eligible, eligibility())).toMatchObject({ right: true, flagged: true, falseErrors: [], wrongRule: [] });
    const warned = scoreEligibility(EXPECTED['exactly-three-years'], eligibility(reason('years', 'warning', 'QC_ELIGIBILITY_UNCONFIRMED')));
    expect(warned).toMatchObject({ right: true, falseErrors: [] });
    expect(warned.warnings).toEqual([{ rule: 'years', severity: 'warning', code: 'QC_ELIGIBILITY_UNCONFIRMED' }]);
  });

  it('counts every error as a false error, on whichever rule', () => {
    const s = scoreEligibility(EXPECTED['term-ends-on-application-day'], eligibility(reason('licence', 'error', 'QC_LICENCE_EXPIRED'), reason('ladder', 'error', 'QC_RATING_LADDER')));
    expect(s.right).toBe(false);
    expect(s.falseErrors.map((r) => r.code)).toEqual(['QC_LICENCE_EXPIRED', 'QC_RATING_LADDER']);
    expect(s.wrongRule).toEqual(s.falseErrors);
  });
});

describe('scoreEligibility: companies that may not', () => {
  it('is right for an error on the expected rule with the expected code', () => {
    const s = scoreEligibility(EXPECTED['too-young'], eligibility(reason('years', 'error', 'QC_TOO_FEW_YEARS')));
    expect(s).toMatchObject({ right: true, flagged: true, wrongRule: [], wrongCode: null, falseErrors: [] });
  });

  it('is only flagged for a warning on the expected rule, with its own code or as unconfirmed', () => {
    for (const code of ['QC_TOO_FEW_YEARS', 'QC_ELIGIBILITY_UNCONFIRMED'] as const) {
      expect(scoreEligibility(EXPECTED['too-young'], eligibility(reason('years', 'warning', code)))).toMatchObject({ right: false, flagged: true });
    }
  });

  it('is neither for a rule met, nor for a warning on another rule', () => {
    expect(scoreEligibility(EXPECTED['licence-expired'], eligibility())).toMatchObject({ right: false, flagged: false });
    expect(scoreEligibility(EXPECTED['licence-expired'], eligibility(reason('years', 'warning', 'QC_ELIGIBILITY_UNCONFIRMED')))).toMatchObject({ right: false, flagged: false });
  });

  it('is not right for the expected rule with another code, and says which', () => {
    const s = scoreEligibility(EXPECTED.branch, eligibility(reason('legalPerson', 'error', 'QC_ENTITY_PARTNERSHIP')));
    expect(s).toMatchObject({ right: false, flagged: true, wrongCode: 'QC_ENTITY_PARTNERSHIP', wrongRule: [] });
  });

  it('keeps errors on other rules apart, the verdict on the expected one still right', () => {
    const s = scoreEligibility(EXPECTED['outside-jiangsu'], eligibility(reason('jiangsu', 'error', 'QC_NOT_IN_JIANGSU'), reason('years', 'error', 'QC_TOO_FEW_YEARS')));
    expect(s.right).toBe(true);
    expect(s.wrongRule).toEqual([{ rule: 'years', severity: 'error', code: 'QC_TOO_FEW_YEARS' }]);
    expect(s.falseErrors).toEqual([]);
  });

  it('is not right when the answer says eligible whatever its reasons', () => {
    const e = { ...eligibility(reason('years', 'error', 'QC_TOO_FEW_YEARS')), eligible: true };
    expect(scoreEligibility(EXPECTED['too-young'], e).right).toBe(false);
  });
});

describe('caseTable', () => {
  const rec = (c: keyof typeof EXPECTED, variant: 'clean' | 'scan' | 'photo', e: Eligibility) => ({ case: c, variant, score: scoreEligibility(EXPECTED[c], e) });
  const records = [
    rec('eligible', 'clean', eligibility()),
    rec('eligible', 'scan', eligibility(reason('years', 'error', 'QC_TOO_FEW_YEARS'))),
    rec('too-young', 'clean', eligibility(reason('years', 'error', 'QC_TOO_FEW_YEARS'))),
    rec('too-young', 'photo', eligibility(reason('years', 'warning', 'QC_ELIGIBILITY_UNCONFIRMED'))),
    rec('branch', 'scan', eligibility(reason('legalPerson', 'error', 'QC_ENTITY_BRANCH'), reason('jiangsu', 'error', 'QC_NOT_IN_JIANGSU'))),
  ];
  const rows = caseTable(records).split('\n');
  const row = (label: string) => rows.find((r) => r.startsWith(`| ${label} |`))!.split('|').slice(1, -1).map((c) => c.trim());

  it('scores clean and raster apart, flagged and wrong-rule errors on ineligible cases, false errors on eligible ones', () => {
    expect(row('eligible')).toEqual(['eligible', 'eligible', '1/1', '0/1', '—', '1/2', '—']);
    expect(row('too-young')).toEqual(['too-young', 'years: QC_TOO_FEW_YEARS', '1/1', '0/1', '1/1', '—', '0/2']);
    expect(row('branch')).toEqual(['branch', 'legalPerson: QC_ENTITY_BRANCH', '—', '1/1', '1/1', '—', '1/1']);
  });

  it('adds the cases up in two totals, and leaves out cases with no record', () => {
    expect(row('**all eligible**').slice(2)).toEqual(['1/1', '0/1', '—', '1/2', '—']);
    expect(row('**all ineligible**').slice(2)).toEqual(['1/1', '1/2', '2/2', '—', '1/3']);
    expect(rows.some((r) => r.startsWith('| partnership |'))).toBe(false);
  });
});

describe('misreadFacts', () => {
  const printed: LicenceFacts = { name: '江苏恒瑞机械有限公司', entityType: '有限责任公司（自然人投资或控股）', establishedOn: '2010-05-06', termTo: null, termOpen: true, address: '南京市江宁区科技大道8号', registrationAuthority: '南京市江宁区市场监督管理局' };

  it('finds nothing when every fact is read, up to full-width forms, a 长期 term as open', () => {
    expect(misreadFacts(printed, { ...printed, entityType: '有限责任公司(自然人投资或控股)', termOpen: true })).toEqual([]);
  });

  it('names each fact misread or not read, with what was printed', () => {
    const got = misreadFacts({ ...printed, termTo: '2030-05-05', termOpen: false }, { ...printed, establishedOn: '2016-05-06', termTo: null, termOpen: null, address: null });
    expect(got).toEqual(['establishedOn 2016-05-06 (printed 2010-05-06)', 'term null (printed 2030-05-05)', 'address null (printed "南京市江宁区科技大道8号")']);
    expect(misreadFacts(printed, null)).toEqual(['nothing read']);
  });
});
