/**
 * The HTML report opens with basic eligibility (基本资质): the verdict on whether the company
 * may apply, then one row per rule with how it stands, what to do, and what it was decided
 * from. Built from typed facts through the real assessEligibility, into a CheckResult the
 * schema accepts.
 */
import { describe, expect, it } from 'vitest';
import { assessEligibility, eligibilityFindings, ELIGIBILITY_RULES, type EligibilityFacts } from '../src/checks/eligibility.js';
import { checkResultSchema, type CheckResult } from '../src/checks/schema.js';
import { finding } from '../src/checks/types.js';
import { renderHtmlReport } from '../src/report/html.js';

const CODE = '9132038148150847XC';
const DATE = '2026-06-18';

/** Every rule met from the applicant's own statements and a text-layer report with no records. */
const CONFIRMED: EligibilityFacts = {
  level: 'AA',
  applicationDate: DATE,
  company: { name: '徐州玥琍家纺股份有限公司', creditCode: CODE, entityType: '股份有限公司', establishedOn: '2012-03-01', termOpen: true },
  report: { file: '3-专项信用报告.pdf', byOcr: false, records: [], recordsFound: false },
  currentRating: { level: 'A', since: '2022-05-01' },
};

function resultOf(facts: EligibilityFacts, extra: CheckResult['findings'] = []): CheckResult {
  const eligibility = assessEligibility(facts);
  const findings = [...eligibilityFindings(eligibility), ...extra];
  return checkResultSchema.parse({
    verdict: findings.some((f) => f.severity === 'error') ? 'fail' : 'pass',
    company: { name: facts.company.name ?? '', creditCode: facts.company.creditCode ?? '' },
    level: facts.level,
    applicationDate: facts.applicationDate,
    files: [],
    findings,
    eligibility,
    windows: [],
    elapsedMs: 0,
  });
}

/** Per rule, the row's class (met, error, warning, info) and its mark. */
function rows(html: string): Record<string, { cls: string; mark: string }> {
  const found: Record<string, { cls: string; mark: string }> = {};
  for (const m of html.matchAll(/<tr class="rule (\w+)" data-rule="(\w+)" data-code="\w+"><td class="mark"[^>]*>([^<]+)<\/td>/g)) found[m[2]!] = { cls: m[1]!, mark: m[3]! };
  return found;
}

const mainOf = (html: string) => html.slice(html.indexOf('<main>') + '<main>'.length).trimStart();
const count = (html: string, text: string) => html.split(text).length - 1;

describe('the HTML report’s basic eligibility section', () => {
  it('comes first, says 可以申报 when every rule is confirmed, and marks each rule ✓', async () => {
    const html = await renderHtmlReport(resultOf(CONFIRMED, [finding('QC_MATERIAL_MISSING', 'error', { material: '承诺书' })]));
    expect(mainOf(html).startsWith('<section class="eligibility"')).toBe(true);
    expect(html.indexOf('基本资质')).toBeLessThan(html.indexOf('<h2>整体</h2>'));
    expect(html.indexOf('基本资质')).toBeLessThan(html.indexOf('<h2>逐个文件</h2>'));
    expect(html).toContain('<span class="verdict pass">可以申报</span>');
    const byRule = rows(html);
    expect(Object.keys(byRule)).toEqual([...ELIGIBILITY_RULES]);
    for (const rule of ELIGIBILITY_RULES) expect(byRule[rule], rule).toEqual({ cls: 'met', mark: '✓' });
    for (const name of ['江苏省登记', '独立法人资格', '正常经营年限', '营业执照有效', '等级逐级申报', '公共信用状况']) expect(html).toContain(`>${name}<`);
    // The basis and the rule's source are shown under each row.
    expect(html).toContain('<li>申报信息：现有等级 A级，获评于 2022-05-01</li>');
    expect(html).toContain('依据：AA级须已获评A级满2年');
  });

  it('says 尚待确认 and lists what to check when a rule cannot be confirmed', async () => {
    const { currentRating: _rating, report: _report, ...facts } = CONFIRMED;
    const result = resultOf(facts);
    expect(result.eligibility.eligible).toBe(true);
    expect(result.eligibility.confirmed).toBe(false);
    const html = await renderHtmlReport(result);
    expect(html).toContain('<span class="verdict pending">尚待确认</span>');
    expect(html).toContain('请核对：等级逐级申报、公共信用状况');
    const byRule = rows(html);
    expect(byRule.ladder).toEqual({ cls: 'info', mark: '·' });
    expect(byRule.publicCredit).toEqual({ cls: 'info', mark: '·' });
    expect(byRule.years).toEqual({ cls: 'met', mark: '✓' });
    // What to do for the ladder is in its row.
    expect(html).toContain('怎么办：填写现有等级及获评日期即可自动核对');
  });

  it('marks a rule that only OCR could not settle with ?', async () => {
    const facts: EligibilityFacts = {
      ...CONFIRMED,
      company: { name: CONFIRMED.company.name, creditCode: CODE },
      licence: { file: '1-营业执照.jpg', byOcr: true, name: null, entityType: null, establishedOn: null, termTo: null, termOpen: null, address: null, registrationAuthority: null },
    };
    const html = await renderHtmlReport(resultOf(facts));
    const byRule = rows(html);
    expect(byRule.years).toEqual({ cls: 'warning', mark: '?' });
    expect(byRule.licence).toEqual({ cls: 'warning', mark: '?' });
    expect(html).toContain('<span class="verdict pending">尚待确认</span>');
  });

  it('says 不符合申报条件 with ✗ on the broken rule, escapes every text, and does not repeat the reason in the general list', async () => {
    const name = '徐州<b>“A&B”</b>家纺有限公司';
    const facts: EligibilityFacts = { ...CONFIRMED, company: { ...CONFIRMED.company, name, establishedOn: '2024-09-01' } };
    const result = resultOf(facts, [finding('QC_MATERIAL_MISSING', 'error', { material: '承诺书' })]);
    const html = await renderHtmlReport(result);
    expect(html).toContain('<span class="verdict fail">不符合申报条件</span>');
    expect(html).toContain('不符合：正常经营年限');
    expect(rows(html).years).toEqual({ cls: 'error', mark: '✗' });
    expect(rows(html).jiangsu).toEqual({ cls: 'met', mark: '✓' });

    expect(html).not.toContain('<b>“A&B”</b>');
    expect(html).toContain('&lt;b&gt;“A&amp;B”&lt;/b&gt;');
    // The too-few-years reason is in the findings (it must be acted on) but shown once, in its row.
    const tooFew = result.findings.find((f) => f.code === 'QC_TOO_FEW_YEARS')!;
    expect(tooFew).toBeDefined();
    const escaped = tooFew.message.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
    expect(count(html, escaped)).toBe(1);
    // Findings that are not eligibility reasons stay in the general list.
    const general = html.slice(html.indexOf('<h2>整体</h2>'), html.indexOf('<h2>逐个文件</h2>'));
    expect(general).toContain('QC_MATERIAL_MISSING');
    expect(general).not.toContain('QC_TOO_FEW_YEARS');
  });
});
