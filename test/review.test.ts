/**
 * The reviewer's desk end to end: a folder of 12 generated submissions (text-layer PDFs), some
 * with defects planted, two companies sharing one certificate number, one company's seal
 * image pasted on another's pledge, one folder without submission.json. The built CLI
 * (`qcredit review`) reviews it; the workbook (read back with exceljs), the CSV, the reports
 * and the index page (in Chromium) say what was planted and nothing else; a second run
 * reads nothing again.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isWithinApplicationPeriod } from '../src/domain/levels.js';
import { reviewFolder } from '../src/review/run.js';
import { creditReportOf } from '../eval/kit.js';
import { ensureBuilt, REPO_ROOT } from './helpers/build.js';
import { chromiumUnavailable, launchBrowser } from './helpers/browser.js';
import { parseCsv } from './helpers/review-csv.js';
import { certificateOf, companiesFor, plainSubmission, unsigned, withSealOf, writeSubmissions, type PlannedSubmission } from './helpers/review-folder.js';

const LABEL = 'qcredit-review';
const noBrowser = chromiumUnavailable();
if (noBrowser) console.warn(`skipped the review index page in Chromium (test/review.test.ts): ${noBrowser}`);

const PLEDGE = '2-承诺书.pdf';
const REPORT = '3-专项信用报告.pdf';

let root: string;
let input: string;
let output: string;
let planned: PlannedSubmission[];
/** What each submission should be told (errors and warnings, as code/file), beyond the windows left empty. */
const expected = new Map<string, string[]>();
let cli: { status: number | null; stdout: string; stderr: string };

const cert = (p: PlannedSubmission) => p.files.find((f) => f.name.startsWith('04-') || f.name.startsWith('scan'))!;

beforeAll(async () => {
  ensureBuilt(['index.js', 'cli/main.js', 'cli/review.js', 'review/run.js', 'store/store.js']);
  root = mkdtempSync(path.join(tmpdir(), 'qcredit-review-'));
  input = path.join(root, 'in');
  output = path.join(root, 'out');
  const companies = companiesFor(LABEL, 12);
  planned = await Promise.all(companies.map((c, i) => plainSubmission(c, `${LABEL}-${i}`)));
  for (const p of planned) expected.set(p.company.creditCode, []);
  const plant = (i: number, ...codes: string[]) => expected.get(planned[i]!.company.creditCode)!.push(...codes);

  // 1: the pledge unsigned.
  planned[1]!.files[1] = { ...planned[1]!.files[1]!, bytes: await unsigned(planned[1]!.pledge) };
  plant(1, `QC_SIGNATURE_MISSING/error/${PLEDGE}`);
  // 2: a one-year credit report.
  planned[2]!.files[2] = { ...planned[2]!.files[2]!, bytes: (await creditReportOf(companies[2]!, `${LABEL}-2-report`, { months: 12 })).pdf };
  plant(2, `QC_REPORT_RANGE_SHORT/error/${REPORT}`);
  // 3: the certificate uploaded into 品牌建设 (and 基础设施建设 left empty).
  planned[3]!.files[3] = { ...planned[3]!.files[3]!, slot: 'brand-building' };
  plant(3, `QC_WINDOW_MISMATCH/error/${cert(planned[3]!).name}`);
  // 4 and 5: one certificate number under two companies (5's certificate drawn from 4's stream).
  const shared = await certificateOf(companies[5]!, `${LABEL}-4`);
  planned[5]!.files[3] = { ...planned[5]!.files[3]!, name: `04-基础设施建设-${shared.truth.title}.pdf`, bytes: shared.pdf };
  plant(4, `QC_REPEAT_CERTIFICATE/warning/${cert(planned[4]!).name}`);
  plant(5, `QC_REPEAT_CERTIFICATE/warning/${cert(planned[5]!).name}`);
  // 6 and 7: 6's seal image pasted on 7's pledge.
  planned[7]!.files[1] = { ...planned[7]!.files[1]!, bytes: await withSealOf(planned[7]!.pledge, planned[6]!.pledge) };
  plant(6, `QC_REPEAT_SEAL/warning/${PLEDGE}`);
  plant(7, `QC_REPEAT_SEAL/warning/${PLEDGE}`);
  // 8: no submission.json, and the certificate under a name that says nothing.
  planned[8]!.undeclared = true;
  planned[8]!.files[3] = { ...planned[8]!.files[3]!, name: 'scan-0001.pdf' };
  await writeSubmissions(input, planned);

  const run = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin/qcredit.js'), 'review', input, '-o', output, '--level', 'AA', '--date', planned[8]!.applicationDate, '--engine', 'tesseract'], {
    encoding: 'utf8',
    timeout: 400_000,
  });
  cli = { status: run.status, stdout: run.stdout, stderr: run.stderr };
}, 500_000);

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

/** The windows a planned submission leaves empty: it has evidence for two of the eleven (the moved certificate fills 品牌建设 and leaves 基础设施建设). */
const emptyWindows = (_i: number) => 9;
const outsidePeriod = (p: PlannedSubmission) => !isWithinApplicationPeriod('AA', p.applicationDate);

async function workbook() {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path.join(output, 'qcredit-review.xlsx'));
  return book;
}

const text = (v: ExcelJS.CellValue): string => (v === null || v === undefined ? '' : typeof v === 'object' && 'text' in v ? String(v.text) : String(v));
const rowsOf = (sheet: ExcelJS.Worksheet) => {
  const out: string[][] = [];
  sheet.eachRow((row) => out.push((row.values as ExcelJS.CellValue[]).slice(1).map(text)));
  return out;
};

describe('qcredit review over 12 generated submissions', () => {
  it('runs: exit 1 (some fail), says where the outputs are', () => {
    expect(cli.stderr).toBe('');
    expect(cli.status).toBe(1);
    expect(cli.stdout).toContain('已预审 12 份申报');
    expect(cli.stdout).toContain('qcredit-review.xlsx');
  });

  it('the workbook: one row a submission with the planted verdicts, errors by code, repeats and empty windows', async () => {
    const book = await workbook();
    const sheet = book.getWorksheet('申报汇总')!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBeTruthy();
    const [header, ...rows] = rowsOf(sheet);
    expect(rows).toHaveLength(12);
    const col = (name: string) => {
      const i = header!.indexOf(name);
      expect(i, name).toBeGreaterThanOrEqual(0);
      return i;
    };
    for (const [i, p] of planned.entries()) {
      const row = rows.find((r) => r[col('统一社会信用代码')] === p.company.creditCode);
      expect(row, p.company.name).toBeDefined();
      const planted = expected.get(p.company.creditCode)!;
      const errors = planted.filter((c) => c.includes('/error/')).length + (outsidePeriod(p) ? 1 : 0);
      expect(row![col('企业名称')]).toBe(p.company.name);
      expect(row![col('预审结论')], p.company.name).toBe(errors ? '不通过' : '通过');
      expect(Number(row![col('错误数')]), p.company.name).toBe(errors);
      expect(Number(row![col('提醒数')]), p.company.name).toBe(emptyWindows(i) + planted.filter((c) => c.includes('/warning/')).length);
      for (const code of planted.filter((c) => c.includes('/error/'))) expect(row![col('错误（按代码）')]).toContain(code.split('/')[0]);
      expect(Number(row![col('跨申报重复（疑似）')]), p.company.name).toBe(planted.filter((c) => c.startsWith('QC_REPEAT_')).length);
      expect(String(row![col('空窗口')]).split('、')).toHaveLength(emptyWindows(i));
      expect(row![col('空窗口')]).toContain('风险管控');
      expect(Number(row![col('证明材料：质量文化和质量信用体系建设')])).toBe(1);
      expect(row![col('报告')]).toMatch(/^reports\/.+\.html$/);
    }
    // The certificate in 品牌建设: its own window empty, 品牌建设 holding it.
    const moved = rows.find((r) => r[col('统一社会信用代码')] === planned[3]!.company.creditCode)!;
    expect(moved[col('空窗口')]).toContain('基础设施建设');
    expect(Number(moved[col('证明材料：品牌建设')])).toBe(1);
  });

  it('every finding in the second sheet: exactly the planted ones (and the empty windows, and the period when outside it)', async () => {
    const [header, ...rows] = rowsOf((await workbook()).getWorksheet('全部问题')!);
    expect(header).toEqual(['文件夹', '企业名称', '统一社会信用代码', '文件', '严重程度', '代码', '说明', '怎么办', '页码', '重复于']);
    for (const [i, p] of planned.entries()) {
      const mine = rows.filter((r) => r[2] === p.company.creditCode && r[4] !== '信息');
      const found = mine.filter((r) => r[5] !== 'QC_MATERIAL_MISSING' && r[5] !== 'QC_OUTSIDE_APPLICATION_PERIOD').map((r) => `${r[5]}/${r[4] === '错误' ? 'error' : 'warning'}/${r[3]}`);
      expect(found.sort(), p.company.name).toEqual([...expected.get(p.company.creditCode)!].sort());
      expect(mine.filter((r) => r[5] === 'QC_MATERIAL_MISSING')).toHaveLength(emptyWindows(i));
      expect(mine.some((r) => r[5] === 'QC_OUTSIDE_APPLICATION_PERIOD')).toBe(outsidePeriod(p));
    }
    // The repeats say 疑似, what to look at, and with whom.
    const certificate = rows.find((r) => r[5] === 'QC_REPEAT_CERTIFICATE' && r[2] === planned[5]!.company.creditCode)!;
    expect(certificate[6]).toMatch(/^疑似共用证书/);
    expect(certificate[7]).toContain('发证机构');
    expect(certificate[9]).toContain(planned[4]!.company.name);
    const seal = rows.find((r) => r[5] === 'QC_REPEAT_SEAL' && r[2] === planned[7]!.company.creditCode)!;
    expect(seal[9]).toContain(planned[6]!.company.name);
    // The folder without submission.json: the company from its licence, the nameless file placed by its content.
    const guessed = rows.filter((r) => r[5] === 'QC_REVIEW_SLOT_FROM_CONTENT');
    expect(guessed).toHaveLength(1);
    expect(guessed[0]!.slice(2, 5)).toEqual([planned[8]!.company.creditCode, 'scan-0001.pdf', '信息']);
    expect(guessed[0]![6]).toContain('基础设施建设');
  });

  it('the CSV holds the same two tables, UTF-8 with a BOM', async () => {
    const book = await workbook();
    for (const [file, sheet] of [['submissions.csv', '申报汇总'], ['findings.csv', '全部问题']] as const) {
      const csv = parseCsv(readFileSync(path.join(output, file), 'utf8'));
      expect(csv.bom).toBe(true);
      expect(csv.rows).toEqual(rowsOf(book.getWorksheet(sheet)!).map((r) => [...r, ...Array(csv.rows[0]!.length - r.length).fill('')]));
    }
  });

  it("each affected report names the repeat and the other company", () => {
    const report = (p: PlannedSubmission) => readFileSync(path.join(output, 'reports', `${p.folder}.html`), 'utf8');
    expect(report(planned[7]!)).toContain('疑似同一印章图像');
    expect(report(planned[7]!)).toContain(planned[6]!.company.name);
    expect(report(planned[4]!)).toContain('疑似共用证书');
    expect(report(planned[0]!)).not.toContain('疑似');
  });

  it.skipIf(noBrowser !== null)('the index page lists every submission with its verdict and links to its report (Chromium)', async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.context.newPage();
      await page.goto(pathToFileURL(path.join(output, 'index.html')).href);
      const rows = page.locator('tbody tr');
      expect(await rows.count()).toBe(12);
      const failing = planned.filter((p) => expected.get(p.company.creditCode)!.some((c) => c.includes('/error/')) || outsidePeriod(p));
      expect(await page.locator('tbody tr[data-verdict="fail"]').count()).toBe(failing.length);
      const sealed = page.locator(`tbody tr[data-id="${planned[7]!.folder}"]`);
      await expect.poll(() => sealed.locator('.repeat').first().innerText()).toContain('疑似');
      await sealed.locator('a').click();
      await page.waitForURL(/reports\//);
      expect(await page.locator('h1').innerText()).toContain('申报材料预审报告');
      expect(await page.locator('.finding', { hasText: '疑似同一印章图像' }).count()).toBeGreaterThan(0);
    } finally {
      await browser.close();
    }
  });

  it('a second run reads nothing again, and says the same', async () => {
    const before = readFileSync(path.join(output, 'submissions.csv'), 'utf8');
    const again = await reviewFolder({ input, output, level: 'AA', applicationDate: planned[8]!.applicationDate });
    expect(again.filesAnalysed).toBe(0);
    expect(again.filesReused).toBe(planned.reduce((n, p) => n + p.files.length, 0));
    expect(again.submissions.every((s) => s.reused)).toBe(true);
    expect(readFileSync(path.join(output, 'submissions.csv'), 'utf8')).toBe(before);
  });

  it('stopped after the first of three submissions (Ctrl-C), a run again keeps it and does only the other two', async () => {
    const some = planned.slice(9, 12);
    const input3 = path.join(root, 'in-3');
    const output3 = path.join(root, 'out-3');
    await writeSubmissions(input3, some);
    const stop = new AbortController();
    const seen: string[] = [];
    const stopped = reviewFolder({
      input: input3,
      output: output3,
      signal: stop.signal,
      onProgress: (p) => {
        if (p.current && !seen.includes(p.current)) seen.push(p.current);
        // The second submission has begun: the first is finished and stored.
        if (p.submissionsDone === 1) stop.abort(new Error('Ctrl-C'));
      },
    });
    await expect(stopped).rejects.toThrow('Ctrl-C');
    expect(seen).toHaveLength(2);
    const resumed = await reviewFolder({ input: input3, output: output3 });
    expect(resumed.submissions.map((s) => s.reused)).toEqual([true, false, false]);
    expect(resumed.submissions[0]!.id).toBe(seen[0]);
    // Every file of the finished submission is reused, and so is any file of the second one
    // that was done before Ctrl-C (analyses are kept file by file); the rest is read now.
    const total = some.reduce((n, p) => n + p.files.length, 0);
    expect(resumed.filesReused + resumed.filesAnalysed).toBe(total);
    expect(resumed.filesReused).toBeGreaterThanOrEqual(some.find((p) => p.folder === seen[0])!.files.length);
    expect(resumed.filesAnalysed).toBeGreaterThan(0);
  });
});
