import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { INDICATOR_IDS } from '../src/domain/catalogue.js';
import {
  applicationSchema,
  companySchema,
  creditCodeSchema,
  evidenceItemSchema,
  FIELD_LABELS,
  type ApplicationInput,
  type CompanyInput,
} from '../src/domain/company.js';
import { computeUsccCheck, USCC_ALPHABET } from '../src/domain/uscc.js';
import { describePath, parseInput, type FieldIssue } from '../src/domain/validate.js';
import { QcError } from '../src/errors.js';

const root = new URL('..', import.meta.url);
const readJson = (path: string) => JSON.parse(readFileSync(new URL(path, root), 'utf8')) as Record<string, unknown>;
const company = readJson('examples/company.json') as CompanyInput & Record<string, unknown>;
const applicationFile = readJson('examples/application.json');
const application = { ...applicationFile, company } as ApplicationInput;
const validCodes = readFileSync(new URL('test/fixtures/uscc-valid-vectors.txt', root), 'utf8')
  .split('\n')
  .map((l) => l.trim())
  .filter(Boolean);

type Invalid = QcError & { issues: FieldIssue[] };

/** Parse and expect QC_INPUT_INVALID; returns the error with its per-field issues. */
function invalid(schema: Parameters<typeof parseInput>[0], data: unknown, what = '企业信息'): Invalid {
  try {
    parseInput(schema, data, what);
  } catch (error) {
    expect(error).toBeInstanceOf(QcError);
    const qc = error as Invalid;
    expect(qc.code).toBe('QC_INPUT_INVALID');
    expect(qc.params.what).toBe(what);
    expect(qc.params.count).toBe(qc.issues.length);
    expect(qc.message).toContain(what);
    // Every issue appears in the message, with its field.
    for (const issue of qc.issues) expect(qc.message).toContain(`${issue.path}：${issue.message}`);
    return qc;
  }
  throw new Error(`expected QC_INPUT_INVALID for ${JSON.stringify(data)?.slice(0, 200)}`);
}

const withCompany = (patch: Record<string, unknown>) => ({ ...company, ...patch });
const withContact = (patch: Record<string, unknown>) => withCompany({ contact: { ...(company.contact as object), ...patch } });
/** A code with its check character replaced by a different, wrong one. */
function withWrongCheck(code: string): { code: string; expected: string; actual: string } {
  const expected = computeUsccCheck(code.slice(0, 17));
  const actual = [...USCC_ALPHABET].find((c) => c !== expected)!;
  return { code: code.slice(0, 17) + actual, expected, actual };
}

describe('the examples parse', () => {
  it('examples/company.json is a valid company, kept as written', () => {
    const parsed = parseInput(companySchema, company, '企业信息');
    expect(parsed).toEqual(company);
  });

  it('examples/application.json (with its company file) is a valid application', () => {
    const parsed = parseInput(applicationSchema, application, '申报信息');
    expect(parsed.level).toBe('AA');
    expect(parsed.applicationDate).toBe('2026-06-15');
    expect(parsed.company.creditCode).toBe(company.creditCode);
    const windows = applicationFile.windows as Record<string, { evidence?: unknown[] }>;
    expect(Object.keys(parsed.windows ?? {})).toEqual(Object.keys(windows));
    for (const key of Object.keys(windows)) expect(INDICATOR_IDS).toContain(key);
  });

  it('the application file on its own names its company file, which is not company data', () => {
    expect(typeof applicationFile.company).toBe('string');
    const error = invalid(applicationSchema, applicationFile, '申报信息');
    expect(error.issues).toEqual([{ path: 'company（企业信息）', message: expect.stringMatching(/对象/) }]);
  });
});

describe('credit codes', () => {
  it('every reference code is accepted by the schema', () => {
    for (const code of validCodes) expect(creditCodeSchema.parse(code)).toBe(code);
  });

  it('full-width, lower-case, spaced and dashed codes are normalised', () => {
    const code = String(company.creditCode);
    const fullWidth = [...code].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');
    for (const variant of [fullWidth, code.toLowerCase(), ` ${code.slice(0, 8)} ${code.slice(8)} `, `${code.slice(0, 6)}-${code.slice(6)}`, fullWidth.toLowerCase()]) {
      expect(parseInput(companySchema, withCompany({ creditCode: variant }), '企业信息').creditCode, variant).toBe(code);
    }
  });

  it('a wrong check character names creditCode（统一社会信用代码）and the expected character', () => {
    const { code, expected, actual } = withWrongCheck(String(company.creditCode));
    const error = invalid(companySchema, withCompany({ creditCode: code }));
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]!.path).toBe('creditCode（统一社会信用代码）');
    expect(error.issues[0]!.message).toContain(`“${expected}”`);
    expect(error.issues[0]!.message).toContain(`“${actual}”`);
    expect(error.message).toContain('creditCode（统一社会信用代码）');
  });

  it('wrong check characters of the reference codes all name the expected one', () => {
    for (const valid of validCodes.slice(0, 20)) {
      const { code, expected } = withWrongCheck(valid);
      const error = invalid(companySchema, withCompany({ creditCode: code }));
      expect(error.message).toContain(`第18位应为“${expected}”`);
    }
  });

  it('other code problems: length, characters, missing, not text', () => {
    expect(invalid(companySchema, withCompany({ creditCode: '9132050' })).issues[0]).toEqual({
      path: 'creditCode（统一社会信用代码）',
      message: expect.stringContaining('18位'),
    });
    expect(invalid(companySchema, withCompany({ creditCode: '9132O507MA1MXQ7P9P' })).message).toContain('“O”');
    expect(invalid(companySchema, withCompany({ creditCode: '' })).issues[0]!.path).toBe('creditCode（统一社会信用代码）');
    const { creditCode: _omit, ...noCode } = company;
    expect(invalid(companySchema, noCode).issues).toEqual([{ path: 'creditCode（统一社会信用代码）', message: '缺少此项（必填）' }]);
    expect(invalid(companySchema, withCompany({ creditCode: 913205071 })).issues).toEqual([
      { path: 'creditCode（统一社会信用代码）', message: '统一社会信用代码应为文字' },
    ]);
  });
});

describe('invalid company data names each field in Chinese', () => {
  it('a misspelt field is reported, not silently dropped', () => {
    const error = invalid(companySchema, withCompany({ postalcode: '215131' }));
    expect(error.issues).toEqual([{ path: '（整体）', message: expect.stringContaining('postalcode') }]);
    const inContact = invalid(companySchema, withContact({ telephone: '0512-65881234' }));
    expect(inContact.issues).toEqual([{ path: 'contact（联系人）', message: expect.stringContaining('telephone') }]);
  });

  it('missing contact.phone', () => {
    const error = invalid(companySchema, withCompany({ contact: { name: '李犇' } }));
    expect(error.issues).toEqual([{ path: 'contact.phone（联系电话）', message: '缺少此项（必填）' }]);
  });

  it('bad phone numbers', () => {
    for (const phone of ['abc', '12345', '0512-6588123456789012345', '电话0512']) {
      const error = invalid(companySchema, withContact({ phone }));
      expect(error.issues, phone).toEqual([{ path: 'contact.phone（联系电话）', message: expect.stringContaining('联系电话格式不正确') }]);
    }
    for (const phone of ['0512-65881234', '+86 512 6588 1234', '(0512)65881234', '13912345678']) {
      expect(() => parseInput(companySchema, withContact({ phone }), '企业信息'), phone).not.toThrow();
    }
  });

  it('impossible and malformed dates', () => {
    for (const date of ['2026-02-30', '2025-02-29', '2026-13-01', '2026-04-31', '2026-00-10']) {
      expect(invalid(companySchema, withCompany({ establishedOn: date })).issues, date).toEqual([
        { path: 'establishedOn（成立日期）', message: '不是有效的日期' },
      ]);
    }
    // A malformed date is one problem, reported once.
    expect(invalid(companySchema, withCompany({ establishedOn: '2026/02/03' })).issues).toEqual([
      { path: 'establishedOn（成立日期）', message: '日期格式应为 YYYY-MM-DD' },
    ]);
    expect(parseInput(companySchema, withCompany({ establishedOn: '2024-02-29' }), '企业信息').establishedOn).toBe('2024-02-29');
  });

  it('every required field missing is listed, each by name', () => {
    const error = invalid(companySchema, {});
    expect(error.issues.map((i) => i.path)).toEqual(['name（企业名称）', 'creditCode（统一社会信用代码）', 'legalRepresentative（法定代表人）', 'address（住所（地址））', 'contact（联系人）']);
    for (const issue of error.issues) expect(issue.message).toBe('缺少此项（必填）');
  });

  it('blank text, wrong types and bounds get their own messages, not "missing"', () => {
    expect(invalid(companySchema, withCompany({ name: '   ' })).issues).toEqual([{ path: 'name（企业名称）', message: '企业名称不能为空' }]);
    expect(invalid(companySchema, withCompany({ name: 'x'.repeat(101) })).issues).toEqual([{ path: 'name（企业名称）', message: '企业名称不能超过100个字符' }]);
    expect(invalid(companySchema, withCompany({ legalRepresentative: 42 })).issues).toEqual([{ path: 'legalRepresentative（法定代表人）', message: '法定代表人应为文字' }]);
    expect(invalid(companySchema, withCompany({ employees: '120' })).issues).toEqual([{ path: 'employees（员工人数）', message: '员工人数应为数字' }]);
    expect(invalid(companySchema, withCompany({ employees: 1.5 })).issues).toEqual([{ path: 'employees（员工人数）', message: '员工人数应为整数' }]);
    expect(invalid(companySchema, withCompany({ employees: -3 })).issues).toEqual([{ path: 'employees（员工人数）', message: '员工人数不能为负数' }]);
    expect(invalid(companySchema, withCompany({ postalCode: '2151' })).issues).toEqual([{ path: 'postalCode（邮政编码）', message: '邮政编码应为6位数字' }]);
    expect(invalid(companySchema, withContact({ email: 'not-an-email' })).issues).toEqual([{ path: 'contact.email（电子邮箱）', message: '电子邮箱格式不正确' }]);
    expect(invalid(companySchema, withCompany({ contact: '李犇' })).issues).toEqual([{ path: 'contact（联系人）', message: '类型错误，应为对象' }]);
    expect(invalid(companySchema, null).issues).toEqual([{ path: '（整体）', message: '类型错误，应为对象' }]);
  });

  it('several problems are all reported', () => {
    const error = invalid(companySchema, withCompany({ postalCode: 'x', establishedOn: '2026-02-30', contact: { name: '', phone: '1' } }));
    expect(error.issues.map((i) => i.path).sort()).toEqual(
      ['contact.name（联系人姓名）', 'contact.phone（联系电话）', 'establishedOn（成立日期）', 'postalCode（邮政编码）'].sort(),
    );
    expect(error.params.count).toBe(4);
  });

  it('contact.name and contact.title are labelled as the contact person, not the company', () => {
    expect(invalid(companySchema, withContact({ name: '' })).issues).toEqual([{ path: 'contact.name（联系人姓名）', message: '联系人姓名不能为空' }]);
    expect(invalid(companySchema, withContact({ title: '' })).issues).toEqual([{ path: 'contact.title（联系人职务）', message: '联系人职务不能为空' }]);
  });

  it('messages are Chinese throughout (no zod English leaks)', () => {
    const badCompany = withCompany({ name: 1, creditCode: [], contact: { name: null, phone: {} }, employees: 'many', establishedOn: 20260101 });
    const badApplication = { ...application, level: 3, windows: { resources: { explanation: 5, evidence: [1, { file: 2 }, { title: 'x' }] } } };
    for (const error of [invalid(companySchema, badCompany), invalid(applicationSchema, badApplication, '申报信息')]) {
      expect(error.issues.length).toBeGreaterThan(3);
      for (const issue of error.issues) expect(issue.message, JSON.stringify(issue)).toMatch(/[\u4e00-\u9fff]/);
      expect(error.message).not.toMatch(/Invalid input|expected/);
    }
  });
});

describe('application: level, windows and evidence', () => {
  it('accepts each level and rejects anything else, naming level（申报等级）', () => {
    for (const level of ['A', 'AA', 'AAA']) expect(parseInput(applicationSchema, { ...application, level }, '申报信息').level).toBe(level);
    for (const level of ['B', 'aa', 'AAAA', '', 2]) {
      const error = invalid(applicationSchema, { ...application, level }, '申报信息');
      expect(error.issues, String(level)).toEqual([{ path: 'level（申报等级）', message: expect.stringContaining('A、AA、AAA') }]);
    }
    // A missing level is told what it may be.
    expect(invalid(applicationSchema, { company }, '申报信息').issues).toEqual([{ path: 'level（申报等级）', message: expect.stringContaining('A、AA、AAA') }]);
  });

  it('an unknown window id is an error naming windows（指标窗口）and the id', () => {
    const error = invalid(applicationSchema, { ...application, windows: { 'quality-cultur': { explanation: 'x' } } }, '申报信息');
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]!.path).toBe('windows（指标窗口）');
    expect(error.issues[0]!.message).toContain('quality-cultur');
  });

  it('an invalid application date names applicationDate（申报日期）', () => {
    expect(invalid(applicationSchema, { ...application, applicationDate: '2026-02-30' }, '申报信息').issues).toEqual([
      { path: 'applicationDate（申报日期）', message: '不是有效的日期' },
    ]);
  });

  it('company problems inside an application carry the company. prefix', () => {
    const { code } = withWrongCheck(String(company.creditCode));
    const error = invalid(applicationSchema, { ...application, company: withCompany({ creditCode: code }) }, '申报信息');
    expect(error.issues.map((i) => i.path)).toEqual(['company.creditCode（统一社会信用代码）']);
  });

  it('an evidence item is a file name or an object; both become { file, title, note }', () => {
    expect(evidenceItemSchema.parse('营业执照.pdf')).toEqual({ file: '营业执照.pdf', title: null, note: null });
    expect(evidenceItemSchema.parse('  营业执照.pdf ')).toEqual({ file: '营业执照.pdf', title: null, note: null });
    expect(evidenceItemSchema.parse({ file: 'a.pdf' })).toEqual({ file: 'a.pdf', title: null, note: null });
    expect(evidenceItemSchema.parse({ file: 'a.pdf', title: '标题', note: '说明' })).toEqual({ file: 'a.pdf', title: '标题', note: '说明' });
    const parsed = parseInput(applicationSchema, application, '申报信息');
    const riskControl = (applicationFile.windows as Record<string, { evidence: string[] }>)['risk-control']!.evidence;
    expect(parsed.windows?.['risk-control']?.evidence).toEqual(riskControl.map((file) => ({ file, title: null, note: null })));
  });

  it('bad evidence items name the item and say what is wrong, in Chinese', () => {
    const evidence = ['', { file: 'a.pdf', note: '' }, 42, { title: '无文件名' }, { file: 7 }];
    const error = invalid(applicationSchema, { ...application, windows: { resources: { evidence } } }, '申报信息');
    const base = 'windows.resources.evidence';
    expect(error.issues).toEqual([
      { path: `${base}.0（证明材料清单）`, message: '证明材料文件名不能为空' },
      { path: `${base}.1.note（证明材料说明）`, message: '证明材料说明不能为空' },
      { path: `${base}.2（证明材料清单）`, message: expect.stringMatching(/文件名.*对象/) },
      { path: `${base}.3.file（证明材料文件名）`, message: '缺少此项（必填）' },
      { path: `${base}.4.file（证明材料文件名）`, message: '证明材料文件名应为文字' },
    ]);
  });
});

describe('describePath', () => {
  it('labels the last named segment and keeps the dotted path', () => {
    expect(describePath([])).toBe('（整体）');
    expect(describePath(['company', 'contact', 'phone'])).toBe('company.contact.phone（联系电话）');
    expect(describePath(['windows', 'resources', 'evidence', 3])).toBe('windows.resources.evidence.3（证明材料清单）');
    expect(describePath(['unknownField'])).toBe('unknownField');
    for (const [key, label] of Object.entries(FIELD_LABELS)) expect(describePath(key.split('.'))).toBe(`${key}（${label}）`);
    // The most specific label wins.
    expect(describePath(['company', 'contact', 'name'])).toBe('company.contact.name（联系人姓名）');
    expect(describePath(['company', 'name'])).toBe('company.name（企业名称）');
    expect(describePath(['windows', 'brand-building', 'evidence', 0, 'title'])).toBe('windows.brand-building.evidence.0.title（证明材料名称）');
  });
});
