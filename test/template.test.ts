import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { INDICATORS } from '../src/domain/catalogue.js';
import { collectText, type Block, type DocumentModel, type Run } from '../src/document/model.js';
import { chineseDate, chineseNumber, loadTemplate, renderTemplate, TEMPLATE_DIR } from '../src/document/template.js';
import { QcError, type QcErrorCode } from '../src/errors.js';
import { generatePledge, pledgeModel } from '../src/generators/pledge.js';
import { generateSummary, summaryModel } from '../src/generators/summary.js';

const root = new URL('..', import.meta.url);
const company = JSON.parse(readFileSync(new URL('examples/company.json', root), 'utf8')) as Record<string, unknown>;
const applicationFile = JSON.parse(readFileSync(new URL('examples/application.json', root), 'utf8')) as Record<string, unknown>;
const application = { ...applicationFile, company };

const dir = mkdtempSync(join(tmpdir(), 'qcredit-template-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Write a template file into the temp dir and return its path. */
function templateFile(name: string, source: string): string {
  const path = join(dir, name);
  writeFileSync(path, source);
  return path;
}

/** The QcError a call throws or rejects with; fails the test otherwise. */
async function qcError(action: () => unknown, code: QcErrorCode): Promise<QcError> {
  let result: unknown;
  try {
    result = await action();
  } catch (error) {
    expect(error).toBeInstanceOf(QcError);
    expect((error as QcError).code).toBe(code);
    return error as QcError;
  }
  throw new Error(`expected ${code}, got ${JSON.stringify(result)?.slice(0, 200)}`);
}

const inline = (source: string, name = 'inline.hbs') => ({ name, source });
const runsOf = (blocks: Block[]): Run[] =>
  blocks.flatMap((b) => {
    switch (b.type) {
      case 'title':
      case 'heading':
      case 'paragraph':
        return b.runs;
      case 'list':
        return b.items.flat();
      case 'table':
        return b.rows.flatMap((r) => r.cells.flatMap((c) => c.paragraphs.flat()));
      case 'signature':
        return [...b.sign, ...b.seal, ...b.date];
      default:
        return [];
    }
  });

describe('renderTemplate: Handlebars → markup → model', () => {
  it('renders data into the model', () => {
    const model = renderTemplate(inline('<document title="{{title}}">\n<p indent="{{indent}}">{{company.name}}</p>\n</document>'), {
      title: '标题',
      indent: 2,
      company: { name: '江苏喆堃精密机械有限公司' },
    });
    expect(model).toEqual({
      title: '标题',
      pageNumbers: 'auto',
      blocks: [{ type: 'paragraph', runs: [{ text: '江苏喆堃精密机械有限公司' }], align: 'justify', indent: 2 }],
    });
  });

  it('strict mode: a misspelt field is QC_TEMPLATE_FIELD_MISSING naming the whole field and where it is', async () => {
    const error = await qcError(
      () => renderTemplate(inline('<document>\n  <p>{{company.nmae}}</p>\n</document>', 'mine.hbs'), { company: { name: 'x' } }),
      'QC_TEMPLATE_FIELD_MISSING',
    );
    expect(error.params).toMatchObject({ template: 'mine.hbs', field: 'company.nmae', line: 2 });
    expect(error.message).toContain('company.nmae');
    expect(error.message).toContain('mine.hbs');
    expect(error.message).toContain('第2行');
    expect(error.messageEn).toContain('company.nmae');
    expect(error.message).not.toContain('[object Object]');
  });

  it('strict mode: a missing top-level field and a missing field inside #each', async () => {
    const top = await qcError(() => renderTemplate(inline('<document><p>{{levl}}</p></document>'), { level: 'AA' }), 'QC_TEMPLATE_FIELD_MISSING');
    expect(top.params.field).toBe('levl');
    const each = await qcError(
      () => renderTemplate(inline('<document>{{#each items}}<p>{{nmae}}</p>{{/each}}</document>'), { items: [{ name: 'a' }] }),
      'QC_TEMPLATE_FIELD_MISSING',
    );
    expect(each.params.field).toBe('nmae');
  });

  it('strict mode: a field looked up on a text value (which may span lines) is a missing field too', async () => {
    const multiline = await qcError(
      () => renderTemplate(inline('<document>\n<p>{{text.first}}</p></document>'), { text: '第一行\n第二行' }),
      'QC_TEMPLATE_FIELD_MISSING',
    );
    expect(multiline.params.field).toMatch(/first$/);
    const number = await qcError(() => renderTemplate(inline('<document><p>{{n.value}}</p></document>'), { n: 5 }), 'QC_TEMPLATE_FIELD_MISSING');
    expect(number.params.field).toMatch(/value$/);
  });

  it('a field present as null renders empty (optional data is passed as null)', () => {
    const model = renderTemplate(inline('<document><p>甲{{company.email}}乙</p></document>'), { company: { email: null } });
    expect(model.blocks[0]).toMatchObject({ runs: [{ text: '甲乙' }] });
  });

  it('syntax errors are QC_TEMPLATE_SYNTAX, even in a branch the data never takes', async () => {
    const unclosed = await qcError(
      () => renderTemplate(inline('<document>{{#if flag}}<p>x</p></document>', 'unclosed.hbs'), { flag: false }),
      'QC_TEMPLATE_SYNTAX',
    );
    expect(unclosed.params.template).toBe('unclosed.hbs');
    expect(unclosed.message).toContain('unclosed.hbs');
    await qcError(() => renderTemplate(inline('<document>{{#if}}<p>x</p>{{/if}}</document>'), {}), 'QC_TEMPLATE_SYNTAX');
    await qcError(() => renderTemplate(inline('<document>{{#if}}<p>x</p></document>'), {}), 'QC_TEMPLATE_SYNTAX');
    await qcError(() => renderTemplate(inline('<document>{{#if a}}{{/each}}</document>'), { a: 1 }), 'QC_TEMPLATE_SYNTAX');
    await qcError(() => renderTemplate(inline('<document>{{name</document>'), { name: 'x' }), 'QC_TEMPLATE_SYNTAX');
  });

  it('markup errors from the rendered output are QC_TEMPLATE_MARKUP naming the template', async () => {
    const error = await qcError(() => renderTemplate(inline('<document>\n<para>{{x}}</para></document>', 'bad.hbs'), { x: 1 }), 'QC_TEMPLATE_MARKUP');
    expect(error.params.template).toBe('bad.hbs');
  });

  it('user data with markup or entities is escaped and appears literally (no markup injection)', () => {
    const evil = `<b>粗</b> & <warn>x</warn> "q" 'a' \`b\` =c </p></document><document><p>`;
    const model = renderTemplate(inline('<document title="{{v}}"><p>{{v}}</p><table><tr><td>{{v}}</td></tr></table></document>'), { v: evil });
    expect(model.title).toBe(evil);
    expect(model.blocks).toHaveLength(2);
    expect(model.blocks[0]).toEqual({ type: 'paragraph', runs: [{ text: evil }], align: 'justify', indent: 0 });
    expect(model.blocks[1]).toMatchObject({ rows: [{ cells: [{ paragraphs: [[{ text: evil }]] }] }] });
  });

  it('already-escaped-looking data stays as typed (no double decoding)', () => {
    const model = renderTemplate(inline('<document><p>{{v}}</p></document>'), { v: 'A &amp; B &lt;C&gt;' });
    expect(model.blocks[0]).toMatchObject({ runs: [{ text: 'A &amp; B &lt;C&gt;' }] });
  });
});

describe('helpers', () => {
  const render = (source: string, data: object = {}) => {
    const model = renderTemplate(inline(`<document>${source}</document>`), data);
    return model.blocks.map((b) => runsOf([b]).map((r) => r.text).join(''));
  };

  it('cn: Chinese numerals for section numbers', () => {
    const cases: [number, string][] = [[0, '零'], [1, '一'], [2, '二'], [9, '九'], [10, '十'], [11, '十一'], [15, '十五'], [19, '十九'], [20, '二十'], [21, '二十一'], [30, '三十'], [45, '四十五'], [99, '九十九']];
    for (const [n, expected] of cases) {
      expect(render('<p>{{cn n}}</p>', { n }), String(n)).toEqual([expected]);
      expect(chineseNumber(n)).toBe(expected);
    }
  });

  it('cn: numbers it cannot write are left in digits rather than written wrong', () => {
    for (const n of [100, 123, -1, 2.5]) expect(chineseNumber(n)).toBe(String(n));
  });

  it('cn without an argument is a template error, not "undefined"', async () => {
    await qcError(() => render('<p>{{cn}}</p>'), 'QC_TEMPLATE_SYNTAX');
  });

  it('date: ISO date to 年月日 without leading zeros; null is empty', () => {
    expect(render('<p>{{date d}}</p>', { d: '2026-05-20' })).toEqual(['2026年5月20日']);
    expect(render('<p>{{date d}}</p>', { d: '2025-12-01' })).toEqual(['2025年12月1日']);
    expect(render('<p>[{{date d}}]</p>', { d: null })).toEqual(['[]']);
    expect(chineseDate('2026-01-09')).toBe('2026年1月9日');
  });

  it('lines: one item per non-empty trimmed line, for one <p> per line', () => {
    const explanation = '  第一行  \r\n\n第二行\n   \n第三行\n';
    const model = renderTemplate(inline('<document>{{#each (lines text)}}<p indent="2">{{this}}</p>{{/each}}</document>'), { text: explanation });
    expect(model.blocks).toEqual(
      ['第一行', '第二行', '第三行'].map((text) => ({ type: 'paragraph', runs: [{ text }], align: 'justify', indent: 2 })),
    );
    expect(render('{{#each (lines text)}}<p>{{this}}</p>{{/each}}', { text: null })).toEqual([]);
  });

  it('inc, eq, or, and, not', () => {
    expect(render('<p>{{inc 1}}{{#if (eq a "x")}}Y{{/if}}{{#if (or z a)}}O{{/if}}{{#if (and a z)}}A{{/if}}{{#if (not z)}}N{{/if}}</p>', { a: 'x', z: 0 })).toEqual(['2YON']);
  });
});

describe('loadTemplate', () => {
  it('loads the shipped templates by name', async () => {
    const pledge = await loadTemplate('pledge');
    expect(pledge.name).toBe('pledge.hbs');
    expect(pledge.source).toBe(readFileSync(join(TEMPLATE_DIR, 'pledge.hbs'), 'utf8'));
    expect((await loadTemplate('summary')).source).toContain('<document');
  });

  it('loads a file by path, named by its path', async () => {
    const path = templateFile('own.hbs', '<document><p>own</p></document>');
    expect(await loadTemplate(path)).toEqual({ name: path, source: '<document><p>own</p></document>' });
  });

  it('a missing file is QC_FILE_NOT_FOUND naming the file', async () => {
    const missing = join(dir, 'does-not-exist.hbs');
    const error = await qcError(() => loadTemplate(missing), 'QC_FILE_NOT_FOUND');
    expect(error.params.file).toBe(missing);
    expect(error.message).toContain(missing);
    const shipped = await qcError(() => loadTemplate('no-such-template'), 'QC_FILE_NOT_FOUND');
    expect(String(shipped.params.file)).toContain('no-such-template.hbs');
  });
});

describe('generators with the shipped templates', () => {
  it('pledge: the credit code fills the underlined blank and the name the signing line', async () => {
    const model = await pledgeModel(company);
    expect(model.title).toBe('企业质量信用等级认定申报承诺书');
    const runs = runsOf(model.blocks);
    expect(runs.find((r) => r.text.includes(String(company.creditCode)))).toMatchObject({ underline: true });
    expect(collectText(model)).toContain(`申报企业（全称）：${company.name}`);
    const signature = model.blocks.find((b) => b.type === 'signature');
    expect(signature).toMatchObject({ type: 'signature', room: 90 });
    expect((signature as { date: Run[] }).date.map((r) => r.text).join('')).not.toMatch(/\d/); // blank date line
  });

  it('pledge: signedDate and signatureRoom reach the model', async () => {
    const model = await pledgeModel(company, { signedDate: '2026-05-20', signatureRoom: 120 });
    expect(model.blocks.find((b) => b.type === 'signature')).toMatchObject({ room: 120, date: [{ text: '2026年5月20日' }] });
  });

  it('pledge: a company name with markup in it appears literally and adds no styling', async () => {
    const name = '<b>假冒</b>&<warn>公司</warn>';
    const model = await pledgeModel({ ...company, name });
    expect(collectText(model)).toContain(`申报企业（全称）：${name}`);
    for (const run of runsOf(model.blocks)) if (run.text.includes('假冒')) expect(run.bold ?? false).toBe(false);
    const ordinary = await pledgeModel(company);
    expect(model.blocks.map((b) => b.type)).toEqual(ordinary.blocks.map((b) => b.type));
  });

  it('summary: one section per indicator window, in catalogue order', async () => {
    const model = await summaryModel(application, { today: '2026-06-01' });
    expect(model.title).toContain(String(company.name));
    const h3 = model.blocks.filter((b): b is Extract<Block, { type: 'heading' }> => b.type === 'heading' && b.level === 3);
    expect(h3.map((h) => h.runs.map((r) => r.text).join(''))).toEqual(INDICATORS.map((i) => `窗口${i.order}　${i.name}（${i.points}分）`));
    expect(collectText(model)).toContain('2026年6月1日');
  });
});

describe('a user template file passed to the generators is used', () => {
  it('pledgeModel with a template path', async () => {
    const path = templateFile('pledge-own.hbs', '<document title="自定义承诺书">\n<p>{{company.name}}|{{company.creditCode}}|{{signatureRoom}}|{{date signedDate}}</p>\n</document>\n');
    const model = await pledgeModel(company, { template: path, signedDate: '2026-05-20' });
    expect(model).toEqual({
      title: '自定义承诺书',
      pageNumbers: 'auto',
      blocks: [{ type: 'paragraph', runs: [{ text: `${company.name}|${company.creditCode}|90|2026年5月20日` }], align: 'justify', indent: 0 }],
    });
  });

  it('summaryModel with a template path', async () => {
    const path = templateFile('summary-own.hbs', '<document title="汇总">{{#each indicators}}<p>{{order}}:{{#if complete}}完整{{else}}缺{{/if}}</p>{{/each}}<p>{{level}} {{stats.windows}}</p></document>');
    const model = await summaryModel(application, { template: path });
    expect(model.title).toBe('汇总');
    const texts = model.blocks.map((b) => runsOf([b]).map((r) => r.text).join(''));
    expect(texts).toHaveLength(INDICATORS.length + 1);
    expect(texts.at(-1)).toBe(`AA ${INDICATORS.length}`);
    // credit-improvement has no evidence and social-responsibility no explanation in the example.
    const order = (id: string) => INDICATORS.find((i) => i.id === id)!.order;
    expect(texts[order('quality-culture') - 1]).toBe(`${order('quality-culture')}:完整`);
    expect(texts[order('credit-improvement') - 1]).toBe(`${order('credit-improvement')}:缺`);
    expect(texts[order('social-responsibility') - 1]).toBe(`${order('social-responsibility')}:缺`);
  });

  it('a template path that does not exist is QC_FILE_NOT_FOUND', async () => {
    await qcError(() => pledgeModel(company, { template: join(dir, 'nope.hbs') }), 'QC_FILE_NOT_FOUND');
    await qcError(() => summaryModel(application, { template: join(dir, 'nope.hbs') }), 'QC_FILE_NOT_FOUND');
  });

  it('a misspelt field in a user template file names the file and the field', async () => {
    const path = templateFile('typo.hbs', '<document>\n<p>{{company.nmae}}</p>\n</document>');
    const error = await qcError(() => pledgeModel(company, { template: path }), 'QC_TEMPLATE_FIELD_MISSING');
    expect(error.params).toMatchObject({ template: path, field: 'company.nmae', line: 2 });
  });
});

describe('the generators never return half a document', () => {
  // Each template fails only after producing most of its output.
  const late = {
    field: '<document><title>标题</title><p>{{company.name}}</p>\n{{#each (lines "a\\nb")}}<p>{{this}}</p>{{/each}}<p>{{company.nmae}}</p></document>',
    markup: '<document><title>标题</title><p>{{company.name}}</p><p>正文</p>\n<table widths="1,1"><tr><td>只有一格</td></tr></table></document>',
    syntax: '<document><title>标题</title><p>{{company.name}}</p>{{#each x}}</document>',
  };
  const codes = { field: 'QC_TEMPLATE_FIELD_MISSING', markup: 'QC_TEMPLATE_MARKUP', syntax: 'QC_TEMPLATE_SYNTAX' } as const;

  for (const [kind, source] of Object.entries(late) as [keyof typeof late, string][]) {
    it(`a ${kind} error late in the template: every entry point rejects, nothing is returned`, async () => {
      const template = { name: `${kind}.hbs`, source };
      const outcomes: unknown[] = [];
      const attempt = async (action: () => Promise<unknown>) => {
        await qcError(async () => outcomes.push(await action()), codes[kind]);
      };
      await attempt(() => pledgeModel(company, { template }));
      await attempt(() => generatePledge(company, 'pdf', { template }));
      await attempt(() => generatePledge(company, 'docx', { template }));
      await attempt(() => summaryModel(application, { template }));
      await attempt(() => generateSummary(application, 'pdf', { template }));
      await attempt(() => generateSummary(application, 'docx', { template }));
      expect(outcomes).toEqual([]);
    });
  }

  it('invalid input is rejected before any template or rendering work', async () => {
    const missingTemplate = join(dir, 'never-read.hbs');
    // The input is checked first: the missing template file is never reached.
    const pledge = await qcError(() => generatePledge({ ...company, creditCode: '91320507MA1MXQ7P9A' }, 'pdf', { template: missingTemplate }), 'QC_INPUT_INVALID');
    expect(pledge.message).toContain('统一社会信用代码');
    const summary = await qcError(() => generateSummary({ ...application, level: 'B' }, 'docx', { template: missingTemplate }), 'QC_INPUT_INVALID');
    expect(summary.message).toContain('申报等级');
  });

  it('a bad pledge option is QC_INPUT_INVALID', async () => {
    await qcError(() => pledgeModel(company, { signatureRoom: 5 }), 'QC_INPUT_INVALID');
    await qcError(() => pledgeModel(company, { signedDate: '20.5.2026' }), 'QC_INPUT_INVALID');
  });

  it('and a good template gives a whole model and whole files', async () => {
    const model: DocumentModel = await pledgeModel(company);
    expect(model.blocks.at(-1)!.type).toBe('signature');
    const pdf = await generatePledge(company, 'pdf', { creationDate: new Date('2026-05-20T00:00:00Z') });
    expect(Buffer.from(pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    expect(Buffer.from(pdf.subarray(-8)).toString('latin1')).toContain('%%EOF');
    const docx = await generatePledge(company, 'docx');
    expect(Buffer.from(docx.subarray(0, 2)).toString('latin1')).toBe('PK');
  });
});
