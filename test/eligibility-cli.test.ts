/**
 * `qcredit eligibility` and `qcredit check --policy`, run as the user runs them: the built
 * bin/qcredit.js in a child process, its stdout, stderr and exit status. Every run passes
 * --date, so no answer depends on the day the tests run.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeUsccCheck } from '../src/domain/uscc.js';
import { buildBusinessLicense } from './corpus/business-license.js';
import { generateCompanies, type CorpusCompany } from './corpus/companies.js';
import { createRng } from './corpus/random.js';
import { ensureBuilt, REPO_ROOT } from './helpers/build.js';

const bin = path.join(REPO_ROOT, 'bin', 'qcredit.js');
const dir = mkdtempSync(path.join(tmpdir(), 'qcredit-eligibility-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
const writeJson = (name: string, value: unknown) => {
  const file = path.join(dir, name);
  writeFileSync(file, JSON.stringify(value));
  return file;
};

const DATE = '2026-06-18';
/** A Suzhou enterprise (91, division 320507), and the same organisation code as an individual business (92). */
const COMPANY_CODE = '91320507MA1MXQ7P9P';
const INDIVIDUAL_CODE = ((first17: string) => first17 + computeUsccCheck(first17))('92320507MA1MXQ7P9');

interface Reason {
  rule: string;
  status: string;
  severity: string;
  code: string;
  action?: string;
}
interface Answer {
  eligible: boolean;
  confirmed: boolean;
  policyYear: number;
  reasons: Reason[];
  licence: unknown;
  fileFindings: unknown[];
}
const byRule = (answer: Answer) => Object.fromEntries(answer.reasons.map((r) => [r.rule, r]));

const ELIGIBLE_AA = ['--level', 'AA', '--date', DATE, '--company', '苏州恒远精密机械有限公司', '--code', COMPANY_CODE, '--established', '2015-03-12', '--type', '有限责任公司（自然人投资或控股）', '--term-open', '--rating', 'A', '--rating-since', '2023-05-10'];
/** Established exactly two years before the application date: short of this year's three. */
const TWO_YEARS = ['--level', 'A', '--date', DATE, '--code', COMPANY_CODE, '--type', '有限责任公司（自然人投资或控股）', '--established', '2024-06-18', '--term-to', '2044-06-17'];

beforeAll(() => ensureBuilt(['cli/main.js', 'cli/eligibility.js', 'cli/check.js', 'cli/format.js', 'checks/eligibility-request.js']), 180_000);

describe('qcredit eligibility from typed fields', () => {
  it('an AA applicant holding A for three years is eligible; public credit is left to confirm', () => {
    const result = run('eligibility', ...ELIGIBLE_AA, '--json');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const answer = JSON.parse(result.stdout) as Answer;
    expect(answer.eligible).toBe(true);
    expect(answer.confirmed).toBe(false);
    expect(answer.policyYear).toBe(2026);
    expect(answer.licence).toBeNull();
    expect(answer.fileFindings).toEqual([]);
    const rules = byRule(answer);
    for (const rule of ['jiangsu', 'legalPerson', 'years', 'licence', 'ladder']) expect(rules[rule], rule).toMatchObject({ status: 'met', severity: 'info', code: 'QC_ELIGIBILITY_MET' });
    expect(rules.publicCredit).toMatchObject({ status: 'unknown', severity: 'info', code: 'QC_ELIGIBILITY_UNCONFIRMED' });
  });

  it('prints the verdict, then one marked line per rule with its action indented', () => {
    const result = run('eligibility', ...ELIGIBLE_AA);
    expect(result.status).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`申报资质：尚待确认（申报AA级，申报日期 ${DATE}，2026年度规则）`);
    expect(lines.filter((l) => l.startsWith('  ✓ '))).toHaveLength(5);
    expect(lines.filter((l) => l.startsWith('  · '))).toHaveLength(1);
    expect(lines.some((l) => l.startsWith('  ✗ ') || l.startsWith('  ? '))).toBe(false);
    expect(lines.find((l) => l.startsWith('  ✓ 正常经营年限'))).toContain('2015-03-12');
    const info = lines.findIndex((l) => l.startsWith('  · '));
    expect(lines[info + 1]).toMatch(/^ {6}→ 请上传专项信用报告/);
  });

  it('an individual business established two years ago is not eligible, and exits 1', () => {
    const json = run('eligibility', '--level', 'AA', '--date', DATE, '--code', INDIVIDUAL_CODE, '--established', '2024-06-18', '--json');
    expect(json.status).toBe(1);
    const answer = JSON.parse(json.stdout) as Answer;
    expect(answer.eligible).toBe(false);
    const rules = byRule(answer);
    expect(rules.jiangsu).toMatchObject({ status: 'met' });
    expect(rules.legalPerson).toMatchObject({ status: 'not-met', severity: 'error', code: 'QC_ENTITY_INDIVIDUAL' });
    expect(rules.years).toMatchObject({ status: 'not-met', severity: 'error', code: 'QC_TOO_FEW_YEARS' });
    // No rating stated for AA: a reviewer confirms it; not a refusal.
    expect(rules.ladder).toMatchObject({ status: 'unknown', severity: 'info', code: 'QC_RATING_UNSTATED' });

    const text = run('eligibility', '--level', 'AA', '--date', DATE, '--code', INDIVIDUAL_CODE, '--established', '2024-06-18');
    expect(text.status).toBe(1);
    const lines = text.stdout.split('\n');
    expect(lines[0]).toMatch(/^申报资质：不符合申报条件/);
    const refused = lines.filter((l) => l.startsWith('  ✗ '));
    expect(refused).toHaveLength(2);
    expect(refused[0]).toContain('个体工商户');
    expect(refused[1]).toContain('2027-06-18 起满3年');
    expect(lines[lines.indexOf(refused[1]!) + 1]).toBe('      → 正常经营年限不足，请满3年后再申报。');
  });

  it('--policy with minYearsInOperation 2 makes the two-year-old company eligible', () => {
    const strict = run('eligibility', ...TWO_YEARS, '--json');
    expect(strict.status).toBe(1);
    expect(byRule(JSON.parse(strict.stdout) as Answer).years).toMatchObject({ status: 'not-met', code: 'QC_TOO_FEW_YEARS' });

    const policy = writeJson('two-years.json', { minYearsInOperation: 2 });
    const lenient = run('eligibility', ...TWO_YEARS, '--policy', policy, '--json');
    expect(lenient.stderr).toBe('');
    expect(lenient.status).toBe(0);
    const answer = JSON.parse(lenient.stdout) as Answer;
    expect(answer.eligible).toBe(true);
    expect(byRule(answer).years).toMatchObject({ status: 'met', code: 'QC_ELIGIBILITY_MET' });
    expect(answer.reasons.every((r) => r.severity !== 'error')).toBe(true);
  });

  it('bad input exits 2 with QC_INPUT_INVALID naming each flag, and prints no answer', () => {
    const result = run('eligibility', '--level', 'B', '--date', '2026-02-30', '--established', '2024', '--rating', 'A');
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('QC_INPUT_INVALID');
    for (const flag of ['--level', '--date', '--established', '--rating-since']) expect(result.stderr).toContain(`- ${flag}`);

    const missing = run('eligibility', '--date', DATE);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/QC_INPUT_INVALID[\s\S]*- --level（申报等级）：申报等级应为 A、AA、AAA 之一/);

    const policy = run('eligibility', ...TWO_YEARS, '--policy', writeJson('bad-policy.json', { minYearsInOperation: 'two' }));
    expect(policy.status).toBe(2);
    expect(policy.stdout).toBe('');
    expect(policy.stderr).toContain('QC_INPUT_INVALID');
    expect(policy.stderr).toContain('minYearsInOperation');

    const both = run('eligibility', ...ELIGIBLE_AA, '--term-to', '2030-01-01');
    expect(both.status).toBe(2);
    expect(both.stderr).toContain('--term-open');
  });

  it('--help names every flag and the exit statuses', () => {
    const result = run('eligibility', '--help');
    expect(result.status).toBe(0);
    const flags = ['--level', '--date', '--company', '--code', '--established', '--type', '--term-to', '--term-open', '--rating', '--rating-since', '--licence', '--report', '--policy', '--json', '--engine'];
    for (const flag of flags) expect(result.stdout).toContain(flag);
    expect(result.stdout).toContain('不符合申报条件为 1');
    const top = run('--help');
    expect(top.stdout).toContain('eligibility');
    expect(run('check', '--help').stdout).toContain('--policy <file>');
  });
});

describe('qcredit check --policy', () => {
  let submission: string;
  beforeAll(async () => {
    const [base] = generateCompanies(createRng('eligibility-cli'), 1) as [CorpusCompany];
    // Five years old on the application date, licensed long-term.
    const company: CorpusCompany = { ...base, establishedOn: '2021-03-01', licenceIssuedOn: '2021-04-10', termUntil: null };
    const licence = await buildBusinessLicense(company, createRng('eligibility-cli-licence'), { body: 400, bold: 700 });
    writeFileSync(path.join(dir, '营业执照.pdf'), licence.pdf);
    submission = writeJson('submission.json', {
      company: { name: company.name, creditCode: company.creditCode },
      level: 'A',
      applicationDate: DATE,
      files: [{ path: '营业执照.pdf', slot: 'business-license' }],
    });
  }, 60_000);

  it('the portal\'s policy decides eligibility, printed first and not again among the general findings', () => {
    const plain = run('check', submission, '--engine', 'tesseract', '--json');
    expect(plain.stderr).toBe('');
    const before = JSON.parse(plain.stdout) as { eligibility: Answer; findings: { code: string }[] };
    expect(byRule(before.eligibility).years).toMatchObject({ status: 'met' });
    expect(before.findings.map((f) => f.code)).not.toContain('QC_TOO_FEW_YEARS');

    const policy = writeJson('six-years.json', { minYearsInOperation: 6 });
    const json = run('check', submission, '--engine', 'tesseract', '--policy', policy, '--json');
    expect(json.status).toBe(1);
    const result = JSON.parse(json.stdout) as { verdict: string; eligibility: Answer; findings: { code: string; severity: string }[] };
    expect(result.verdict).toBe('fail');
    expect(result.eligibility.eligible).toBe(false);
    expect(byRule(result.eligibility).years).toMatchObject({ status: 'not-met', severity: 'error', code: 'QC_TOO_FEW_YEARS' });
    expect(result.findings).toContainEqual(expect.objectContaining({ code: 'QC_TOO_FEW_YEARS', severity: 'error' }));

    const text = run('check', submission, '--engine', 'tesseract', '--policy', policy);
    expect(text.status).toBe(1);
    const lines = text.stdout.split('\n');
    const block = lines.findIndex((l) => l.startsWith('== 申报资质：不符合申报条件（2026年度规则）=='));
    const firstFile = lines.findIndex((l) => l.startsWith('== [business-license]'));
    expect(block).toBeGreaterThan(0);
    expect(firstFile).toBeGreaterThan(block);
    const years = lines.slice(block, firstFile).filter((l) => l.includes('经营未满6年'));
    expect(years).toHaveLength(1);
    expect(years[0]).toMatch(/^ {2}✗ /);
    // Said once, in the eligibility block: not repeated in the file or general sections.
    expect(lines.filter((l) => l.includes('经营未满6年'))).toHaveLength(1);
    expect(text.stdout).not.toContain('[QC_TOO_FEW_YEARS]');

    const bad = run('check', submission, '--policy', writeJson('bad.json', { ladder: { AA: { requires: 'B', heldYears: 2 } } }));
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('QC_INPUT_INVALID');
  }, 180_000);
});
