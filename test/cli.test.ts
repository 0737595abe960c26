import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main.js';
import { ensureBuilt } from './helpers/build.js';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const vectorsFile = path.resolve(repoRoot, 'test/fixtures/uscc-valid-vectors.txt');
const example = (name: string) => path.join(repoRoot, 'examples', name);
const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };

const validCodes = readFileSync(vectorsFile, 'utf8')
  .split('\n')
  .map((l) => l.trim())
  .filter(Boolean);
const VALID = validCodes[0]!;
/** The same code as OCR misreads it: its first 0 read as the letter O (never used in codes). */
const MISREAD = VALID.replace('0', 'O');
const INVALID = '12345';

const dir = mkdtempSync(path.join(tmpdir(), 'qcredit-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const out = (name: string) => path.join(dir, name);

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(...argv: string[]): Promise<Result> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

const head = (file: string, n: number) => readFileSync(file).subarray(0, n).toString('latin1');

describe('pledge and summary write PDF and DOCX files', () => {
  it.each([
    ['pledge', ['-c', example('company.json')], 'pledge.pdf', '%PDF-'],
    ['pledge', ['--company', example('company.json'), '--date', '2026-05-20'], 'pledge.docx', 'PK\u0003\u0004'],
    ['summary', ['-a', example('application.json'), '--today', '2026-06-01'], 'summary.pdf', '%PDF-'],
    ['summary', ['--application', example('application.json')], 'summary.docx', 'PK\u0003\u0004'],
  ])('%s %s -o %s', async (command, args, file, magic) => {
    const target = out(`${Math.random().toString(36).slice(2)}-${file}`);
    const result = await cli(command, ...args, '-o', target);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(existsSync(target)).toBe(true);
    expect(head(target, magic.length)).toBe(magic);
    expect(statSync(target).size).toBeGreaterThan(1000);
    expect(result.stdout).toContain(target);
    expect(result.stdout).toContain(path.extname(file).slice(1).toUpperCase());
  });

  it('the output extension is matched case-insensitively', async () => {
    const target = out('UPPER.PDF');
    expect((await cli('pledge', '-c', example('company.json'), '-o', target)).code).toBe(0);
    expect(head(target, 5)).toBe('%PDF-');
  });

  it('an application may name its company file relative to itself', async () => {
    const sub = out('nested');
    mkdirSync(path.join(sub, 'data'), { recursive: true });
    copyFileSync(example('company.json'), path.join(sub, 'data', 'company.json'));
    const application = JSON.parse(readFileSync(example('application.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(path.join(sub, 'application.json'), JSON.stringify({ ...application, company: 'data/company.json' }));
    const target = path.join(sub, 'summary.docx');
    const result = await cli('summary', '-a', path.join(sub, 'application.json'), '-o', target);
    expect(result.code).toBe(0);
    expect(head(target, 2)).toBe('PK');
  });

  it('a user template given with -t is used', async () => {
    const template = out('own.hbs');
    writeFileSync(template, '<document title="自定义"><p>{{company.name}}</p></document>');
    const target = out('own.pdf');
    expect((await cli('pledge', '-c', example('company.json'), '-t', template, '-o', target)).code).toBe(0);
    const ownSize = statSync(target).size;
    const official = out('official.pdf');
    await cli('pledge', '-c', example('company.json'), '-o', official);
    // One short paragraph against the full official text: a much smaller file.
    expect(ownSize).toBeLessThan(statSync(official).size);
  });
});

describe('errors: a message with the code, exit status 2 and no output file', () => {
  const noOutput = (target: string) => expect(existsSync(target)).toBe(false);

  it('-o x.txt is QC_OUTPUT_FORMAT', async () => {
    const target = out('x.txt');
    const result = await cli('pledge', '-c', example('company.json'), '-o', target);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('QC_OUTPUT_FORMAT');
    expect(result.stderr).toContain('txt');
    expect(result.stdout).toBe('');
    noOutput(target);
    expect((await cli('summary', '-a', example('application.json'), '-o', out('noext'))).stderr).toContain('QC_OUTPUT_FORMAT');
  });

  it('a missing input file is QC_FILE_NOT_FOUND naming it', async () => {
    const missing = out('no-such-company.json');
    const target = out('missing.pdf');
    const result = await cli('pledge', '-c', missing, '-o', target);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('QC_FILE_NOT_FOUND');
    expect(result.stderr).toContain(missing);
    noOutput(target);
    const application = out('app-missing-company.json');
    writeFileSync(application, JSON.stringify({ company: 'gone.json', level: 'A' }));
    const nested = await cli('summary', '-a', application, '-o', out('nested-missing.pdf'));
    expect(nested.code).toBe(2);
    expect(nested.stderr).toContain('QC_FILE_NOT_FOUND');
    expect(nested.stderr).toContain(out('gone.json'));
  });

  it('a missing template file is QC_FILE_NOT_FOUND', async () => {
    const result = await cli('pledge', '-c', example('company.json'), '-t', out('gone.hbs'), '-o', out('t.pdf'));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('QC_FILE_NOT_FOUND');
    noOutput(out('t.pdf'));
  });

  it('invalid JSON is QC_JSON_INVALID naming the file', async () => {
    const bad = out('bad.json');
    writeFileSync(bad, '{ "name": "江苏", }');
    const target = out('json.pdf');
    const result = await cli('pledge', '-c', bad, '-o', target);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('QC_JSON_INVALID');
    expect(result.stderr).toContain(bad);
    noOutput(target);
  });

  it('a UTF-8 byte-order mark is not invalid JSON', async () => {
    const bom = out('bom.json');
    writeFileSync(bom, '\uFEFF' + readFileSync(example('company.json'), 'utf8'));
    expect((await cli('pledge', '-c', bom, '-o', out('bom.pdf'))).code).toBe(0);
  });

  it('an invalid company lists each field on its own line', async () => {
    const company = JSON.parse(readFileSync(example('company.json'), 'utf8')) as Record<string, unknown>;
    const bad = out('bad-company.json');
    writeFileSync(bad, JSON.stringify({ ...company, creditCode: '91320507MA1MXQ7P9A', establishedOn: '2026-02-30', contact: { name: '李犇' } }));
    const target = out('bad-company.pdf');
    const result = await cli('pledge', '-c', bad, '-o', target);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('QC_INPUT_INVALID');
    const lines = result.stderr.split('\n').filter((l) => l.startsWith('  - '));
    expect(lines).toHaveLength(3);
    expect(lines.find((l) => l.includes('creditCode（统一社会信用代码）'))).toContain('“P”');
    expect(lines.find((l) => l.includes('establishedOn（成立日期）'))).toContain('不是有效的日期');
    expect(lines.find((l) => l.includes('contact.phone（联系电话）'))).toContain('缺少此项');
    expect(result.stderr).toContain('3');
    noOutput(target);
  });

  it('an invalid application lists its fields too', async () => {
    const bad = out('bad-application.json');
    writeFileSync(bad, JSON.stringify({ company: example('company.json'), level: 'B', windows: { nope: {} } }));
    const result = await cli('summary', '-a', bad, '-o', out('bad-application.docx'));
    expect(result.code).toBe(2);
    const lines = result.stderr.split('\n').filter((l) => l.startsWith('  - '));
    expect(lines.some((l) => l.includes('level（申报等级）'))).toBe(true);
    expect(lines.some((l) => l.includes('windows（指标窗口）') && l.includes('nope'))).toBe(true);
    noOutput(out('bad-application.docx'));
  });

  it('a template with a misspelt field is QC_TEMPLATE_FIELD_MISSING and writes nothing', async () => {
    const template = out('typo.hbs');
    writeFileSync(template, '<document>\n<p>{{company.nmae}}</p>\n</document>');
    const target = out('typo.docx');
    const result = await cli('pledge', '-c', example('company.json'), '-t', template, '-o', target);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('QC_TEMPLATE_FIELD_MISSING');
    expect(result.stderr).toContain('company.nmae');
    noOutput(target);
  });

  it('an impossible --date or --today is a usage error', async () => {
    for (const args of [
      ['pledge', '-c', example('company.json'), '--date', '2026-02-30'],
      ['pledge', '-c', example('company.json'), '--date', '2026/05/20'],
      ['summary', '-a', example('application.json'), '--today', '2026-13-01'],
    ]) {
      const target = out('date.pdf');
      const result = await cli(...args, '-o', target);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toContain(args.at(-1)!);
      noOutput(target);
    }
  });

  it('an output folder that does not exist is a clear error, not a crash', async () => {
    const target = out('no/such/folder/pledge.pdf');
    const result = await cli('pledge', '-c', example('company.json'), '-o', target);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(target);
    expect(result.stderr).not.toMatch(/internal error|内部错误|\n\s+at /);
  });

  it('usage errors: missing option, unknown command, no command', async () => {
    const missing = await cli('pledge');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--company');
    const unknown = await cli('plegde');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('plegde');
    const none = await cli();
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('pledge');
    expect((await cli('uscc')).code).toBe(2);
  });
});

describe('uscc', () => {
  it('checks the vectors used here: one valid code and its misreading', () => {
    expect(VALID).toMatch(/^[0-9A-HJ-NPQRTUWXY]{18}$/);
    expect(MISREAD).not.toBe(VALID);
    expect(MISREAD).toContain('O');
  });

  it('human output: valid, repairable and invalid codes, exit status 1', async () => {
    const result = await cli('uscc', VALID, MISREAD, INVALID);
    expect(result.code).toBe(1);
    const [valid, misread, invalid] = result.stdout.trim().split('\n\n');
    expect(valid!.split('\n')[0]).toMatch(new RegExp(`^${VALID}\\s+✓`));
    expect(valid).toContain('登记管理部门');
    expect(misread!.split('\n')[0]).toMatch(new RegExp(`^${MISREAD}\\s+✗`));
    expect(misread).toContain('“O”');
    expect(misread).toContain(`修复建议：${VALID}`);
    expect(invalid!.split('\n')[0]).toMatch(new RegExp(`^${INVALID}\\s+✗`));
    expect(invalid).toContain('18位');
    expect(invalid).not.toContain('修复建议');
  });

  it('human output: exit status 0 when every code is valid, and normalised input is shown as such', async () => {
    const lower = validCodes[1]!.toLowerCase();
    const result = await cli('uscc', VALID, lower);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`${validCodes[1]}  ✓`);
    expect(result.stdout).toContain(lower);
  });

  it('--json: input, valid, code and repair for each code', async () => {
    const result = await cli('uscc', '--json', VALID, MISREAD, INVALID);
    expect(result.code).toBe(1);
    const reports = JSON.parse(result.stdout) as Record<string, unknown>[];
    expect(reports).toHaveLength(3);
    expect(reports[0]).toMatchObject({ input: VALID, valid: true, code: VALID, repair: null });
    expect(reports[1]).toMatchObject({ input: MISREAD, valid: false, code: MISREAD, repair: VALID });
    expect(reports[2]).toMatchObject({ input: INVALID, valid: false, code: INVALID, repair: null });
    expect(reports[2]!.problems).toEqual([expect.objectContaining({ code: 'QC_USCC_LENGTH' })]);
  });

  it('--json: exit status 0 only when every code is valid', async () => {
    const all = await cli('uscc', '--json', ...validCodes.slice(0, 10));
    expect(all.code).toBe(0);
    const reports = JSON.parse(all.stdout) as { valid: boolean; code: string }[];
    expect(reports.map((r) => r.code)).toEqual(validCodes.slice(0, 10));
    expect(reports.every((r) => r.valid)).toBe(true);
    expect((await cli('uscc', '--json', MISREAD)).code).toBe(1);
    expect((await cli('uscc', VALID, '--json', INVALID)).code).toBe(1);
  });

  it('--json: a full-width, lower-case code is valid and its code normalised', async () => {
    const fullWidth = [...VALID.toLowerCase()].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');
    const result = await cli('uscc', '--json', fullWidth);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([expect.objectContaining({ input: fullWidth, valid: true, code: VALID })]);
  });
});

describe('help and version', () => {
  const options: Record<string, string[]> = {
    pledge: ['--company', '--output', '--date', '--template', '--embed-font'],
    summary: ['--application', '--output', '--template', '--today', '--embed-font'],
    uscc: ['--json', '<code...>'],
  };

  it.each(Object.keys(options))('%s --help exits 0 and mentions its options', async (command) => {
    const result = await cli(command, '--help');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`qcredit ${command}`);
    for (const option of options[command]!) expect(result.stdout).toContain(option);
  });

  it('help <command> is the same help', async () => {
    const viaHelp = await cli('help', 'summary');
    expect(viaHelp.code).toBe(0);
    expect(viaHelp.stdout).toBe((await cli('summary', '--help')).stdout);
  });

  it('--help lists every command', async () => {
    for (const flag of ['--help', '-h']) {
      const result = await cli(flag);
      expect(result.code).toBe(0);
      for (const command of Object.keys(options)) expect(result.stdout).toContain(command);
      expect(result.stdout).toContain('--version');
    }
    expect((await cli('help')).code).toBe(0);
  });

  it("--version and -v print package.json's version", async () => {
    for (const flag of ['--version', '-v']) {
      const result = await cli(flag);
      expect(result.code).toBe(0);
      expect(result.stdout.trim()).toBe(pkg.version);
    }
  });
});

describe('node bin/qcredit.js (built dist/)', () => {
  const bin = path.join(repoRoot, 'bin', 'qcredit.js');
  const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000 });

  // The same lock as the other tests that spawn dist/: two forks never run tsc at once.
  beforeAll(() => ensureBuilt(['cli/main.js']), 180_000);

  it('--version', () => {
    const result = run('--version');
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe(pkg.version);
  });

  it('pledge to PDF and summary to DOCX, relative to the working directory', () => {
    const pledge = run('pledge', '-c', example('company.json'), '-o', 'bin-pledge.pdf');
    expect(pledge.stderr).toBe('');
    expect(pledge.status).toBe(0);
    expect(head(out('bin-pledge.pdf'), 5)).toBe('%PDF-');
    const summary = run('summary', '-a', example('application.json'), '-o', 'bin-summary.docx');
    expect(summary.status).toBe(0);
    expect(head(out('bin-summary.docx'), 2)).toBe('PK');
  });

  it('uscc --json sets the exit status', () => {
    const valid = run('uscc', '--json', VALID);
    expect(valid.status).toBe(0);
    expect(JSON.parse(valid.stdout)).toEqual([expect.objectContaining({ input: VALID, valid: true, code: VALID, repair: null })]);
    const mixed = run('uscc', '--json', VALID, MISREAD, INVALID);
    expect(mixed.status).toBe(1);
    expect((JSON.parse(mixed.stdout) as { repair: string | null }[]).map((r) => r.repair)).toEqual([null, VALID, null]);
  });

  it('errors exit 2 with the code on stderr', () => {
    const result = run('pledge', '-c', example('company.json'), '-o', 'x.txt');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('QC_OUTPUT_FORMAT');
    expect(result.stdout).toBe('');
  });
});

describe('qcredit analyze', () => {
  const submissionFile = (name: string) => path.join(repoRoot, 'examples', 'submission', name);

  it('one file gives one JSON object; several a JSON array written file by file; a missing file is said on stderr', async () => {
    const one = await cli('analyze', submissionFile('3-专项信用报告.pdf'), '--json', '--no-ocr');
    expect(one.code).toBe(0);
    const single = JSON.parse(one.stdout) as { file: string; kind: string };
    expect(single).toMatchObject({ file: '3-专项信用报告.pdf', kind: 'credit-report' });

    const several = await cli('analyze', submissionFile('3-专项信用报告.pdf'), out('no-such.pdf'), submissionFile('质量文化-企业质量信用报告.pdf'), '--json', '--no-ocr');
    expect(several.stderr).toContain('QC_FILE_NOT_FOUND');
    const list = JSON.parse(several.stdout) as { file: string; kind: string }[];
    expect(list.map((a) => [a.file, a.kind])).toEqual([
      ['3-专项信用报告.pdf', 'credit-report'],
      ['质量文化-企业质量信用报告.pdf', 'evidence'],
    ]);
  });
});
