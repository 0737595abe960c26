/**
 * The 2026 round (苏市监质〔2026〕64号). The notice tells reviewers to verify each applicant's
 * 基本资质 — 营业执照、独立法人资格、正常经营年限、公共信用状况 (section 三(二)) — without
 * restating the thresholds; the thresholds below are the ones the 2025 round of the same scheme
 * stated, kept until a notice changes them. Each rule's source is written beside it.
 */
import type { EligibilityPolicy } from './types.js';

export const POLICY_2026: EligibilityPolicy = Object.freeze({
  year: 2026,
  provinceCode: '32',
  minYearsInOperation: 3,
  ladder: Object.freeze({
    A: null,
    AA: Object.freeze({ requires: 'A', heldYears: 2 }),
    AAA: Object.freeze({ requires: 'AA', heldYears: 0 }),
  }),
  barringRecords: Object.freeze(['严重失信主体名单', '失信被执行人', '重大税收违法失信主体', '政府采购严重违法失信行为记录名单']) as string[],
  sources: Object.freeze({
    jiangsu: '江苏省企业质量信用等级认定：申报企业应在江苏省内依法登记注册（2025年度认定通知所列申报条件）',
    legalPerson: '具有独立法人资格（苏市监质〔2026〕64号 三（二）“独立法人资格”；2025年度认定通知所列申报条件）',
    years: '正常经营3年以上（苏市监质〔2026〕64号 三（二）“正常经营年限”；年限取自2025年度认定通知所列申报条件）',
    licence: '营业执照在有效期内（苏市监质〔2026〕64号 三（二）“营业执照”）',
    ladder: 'AA级须已获评A级满2年，AAA级须已获评AA级（2025年度认定通知所列申报条件）',
    publicCredit: '公共信用状况良好，未被列入严重失信主体名单等（苏市监质〔2026〕64号 三（二）“公共信用状况”）',
  }) as Record<string, string>,
});
