import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { parseMarkup } from '../src/document/markup.js';
import type { Block, DocumentModel } from '../src/document/model.js';
import { QcError } from '../src/errors.js';

/** Wrap block markup in a document. */
const doc = (body: string, attrs = '') => `<document${attrs}>${body}</document>`;
const blocks = (body: string): Block[] => parseMarkup(doc(body)).blocks;
const only = (body: string): Block => {
  const all = blocks(body);
  expect(all).toHaveLength(1);
  return all[0]!;
};

/** The QcError a markup source throws; fails the test when it parses. */
function markupError(source: string, template = 'test.hbs'): QcError {
  let model: DocumentModel | undefined;
  try {
    model = parseMarkup(source, template);
  } catch (error) {
    expect(error).toBeInstanceOf(QcError);
    const qc = error as QcError;
    expect(qc.code).toBe('QC_TEMPLATE_MARKUP');
    expect(qc.params.template).toBe(template);
    expect(qc.message).toContain(template);
    expect(qc.messageEn).toContain(template);
    return qc;
  }
  throw new Error(`expected a markup error, got ${JSON.stringify(model)}`);
}

/** The line number a markup error reports (its reason starts with 第N行). */
function errorLine(error: QcError): number {
  const m = /^第(\d+)行：/.exec(String(error.params.reason));
  if (!m) throw new Error(`no line number in "${error.params.reason}"`);
  return Number(m[1]);
}

describe('document element', () => {
  it('takes the title and page-numbers attributes, defaulting to "" and auto', () => {
    expect(parseMarkup('<document></document>')).toEqual({ title: '', pageNumbers: 'auto', blocks: [] });
    for (const value of ['auto', 'on', 'off'] as const) {
      expect(parseMarkup(`<document title="承诺书" page-numbers="${value}"></document>`)).toMatchObject({ title: '承诺书', pageNumbers: value });
    }
  });

  it('allows whitespace and comments around the document', () => {
    const model = parseMarkup('\n  <!-- 注释 <p>不算</p> -->\n<document title="T">\n  <p>甲</p>\n</document>\n\n');
    expect(model.title).toBe('T');
    expect(model.blocks).toEqual([{ type: 'paragraph', runs: [{ text: '甲' }], align: 'justify', indent: 0 }]);
  });

  it('rejects output without a document', () => {
    expect(markupError('').params.reason).toMatch(/document/);
    expect(markupError('   \n ').params.reason).toMatch(/document/);
  });
});

describe('block elements map to the model', () => {
  it('title and headings', () => {
    expect(only('<title>企业质量信用等级认定申报承诺书</title>')).toEqual({ type: 'title', runs: [{ text: '企业质量信用等级认定申报承诺书' }] });
    expect(blocks('<h1>一</h1><h2>二</h2><h3>三</h3>')).toEqual([
      { type: 'heading', level: 1, runs: [{ text: '一' }] },
      { type: 'heading', level: 2, runs: [{ text: '二' }] },
      { type: 'heading', level: 3, runs: [{ text: '三' }] },
    ]);
  });

  it('paragraph: justify and no indent by default; align, indent and size="small"', () => {
    expect(only('<p>正文</p>')).toEqual({ type: 'paragraph', runs: [{ text: '正文' }], align: 'justify', indent: 0 });
    for (const align of ['left', 'center', 'right', 'justify'] as const) {
      expect(only(`<p align="${align}">x</p>`)).toMatchObject({ align });
    }
    expect(only('<p indent="2">x</p>')).toMatchObject({ indent: 2 });
    expect(only('<p indent="1.5">x</p>')).toMatchObject({ indent: 1.5 });
    expect(only('<p size="small">注</p>')).toEqual({ type: 'paragraph', runs: [{ text: '注' }], align: 'justify', indent: 0, small: true });
    expect(only('<p>x</p>')).not.toHaveProperty('small');
  });

  it('paragraph: keep="next" keeps a label with what follows; bad keep or size values are errors', () => {
    expect(only('<p keep="next">证明材料清单：</p>')).toMatchObject({ keepWithNext: true });
    expect(only('<p>x</p>')).not.toHaveProperty('keepWithNext');
    expect(() => parseMarkup('<document><p keep="yes">x</p></document>')).toThrow(/keep="yes"/);
    expect(() => parseMarkup('<document><p size="large">x</p></document>')).toThrow(/size="large"/);
  });

  it('an empty paragraph has no runs', () => {
    expect(only('<p></p>')).toMatchObject({ type: 'paragraph', runs: [] });
    expect(only('<p>   </p>')).toMatchObject({ type: 'paragraph', runs: [] });
    expect(only('<p/>')).toMatchObject({ type: 'paragraph', runs: [] });
  });

  it('unordered and ordered lists', () => {
    expect(only('<ul><li>甲</li><li><b>乙</b></li></ul>')).toEqual({
      type: 'list',
      ordered: false,
      items: [[{ text: '甲' }], [{ text: '乙', bold: true }]],
    });
    expect(only('<ol>\n  <li>一</li>\n  <li>二</li>\n</ol>')).toEqual({ type: 'list', ordered: true, items: [[{ text: '一' }], [{ text: '二' }]] });
  });

  it('table: widths, header rows, th bold and centred, td left, cell paragraphs and cell align', () => {
    const table = only(
      `<table widths="8,42,50" header-rows="1">
         <tr><th>序号</th><th>材料</th><th align="left">要求</th></tr>
         <tr><td align="center">1</td><td>营业执照</td><td><p>第一段</p><p>第<b>二</b>段</p></td></tr>
       </table>`,
    );
    expect(table).toEqual({
      type: 'table',
      columns: [8, 42, 50],
      headerRows: 1,
      rows: [
        {
          cells: [
            { paragraphs: [[{ text: '序号', bold: true }]], align: 'center' },
            { paragraphs: [[{ text: '材料', bold: true }]], align: 'center' },
            { paragraphs: [[{ text: '要求', bold: true }]], align: 'left' },
          ],
        },
        {
          cells: [
            { paragraphs: [[{ text: '1' }]], align: 'center' },
            { paragraphs: [[{ text: '营业执照' }]], align: 'left' },
            { paragraphs: [[{ text: '第一段' }], [{ text: '第' }, { text: '二', bold: true }, { text: '段' }]], align: 'left' },
          ],
        },
      ],
    });
  });

  it('table without widths has equal columns, one per cell, and no header rows', () => {
    expect(only('<table><tr><td>a</td><td>b</td><td>c</td></tr></table>')).toMatchObject({ columns: [1, 1, 1], headerRows: 0 });
  });

  it('spacer (default 12 pt), pagebreak, with or without the self-closing slash', () => {
    expect(blocks('<spacer/><spacer height="4"/><spacer height="0.5">')).toEqual([
      { type: 'spacer', height: 12 },
      { type: 'spacer', height: 4 },
      { type: 'spacer', height: 0.5 },
    ]);
    expect(blocks('<pagebreak/><p>x</p><pagebreak>')).toEqual([
      { type: 'pageBreak' },
      { type: 'paragraph', runs: [{ text: 'x' }], align: 'justify', indent: 0 },
      { type: 'pageBreak' },
    ]);
  });

  it('signature: sign, seal and date runs and the room (default 100 pt)', () => {
    expect(
      only(`<signature room="90">
        <sign>法定代表人签字：</sign>
        <seal>单位公章：</seal>
        <date>2026年5月20日</date>
      </signature>`),
    ).toEqual({
      type: 'signature',
      sign: [{ text: '法定代表人签字：' }],
      seal: [{ text: '单位公章：' }],
      date: [{ text: '2026年5月20日' }],
      room: 90,
    });
    expect(only('<signature><date>　　年　月　日</date></signature>')).toEqual({
      type: 'signature',
      sign: [],
      seal: [],
      date: [{ text: '　　年　月　日' }],
      room: 100,
    });
  });

  it('keeps the blocks in document order', () => {
    const types = blocks('<title>T</title><h1>H</h1><p>P</p><ul><li>L</li></ul><table><tr><td>C</td></tr></table><spacer/><pagebreak/><signature></signature>').map((b) => b.type);
    expect(types).toEqual(['title', 'heading', 'paragraph', 'list', 'table', 'spacer', 'pageBreak', 'signature']);
  });

  it('element and attribute names are case-insensitive', () => {
    expect(only('<P ALIGN="center" Indent="2">x</P>')).toMatchObject({ type: 'paragraph', align: 'center', indent: 2 });
  });
});

describe('inline elements map to run styles', () => {
  it('b, u, warn, muted, and their nesting', () => {
    expect((only('<p>a<b>粗</b><u>下划线</u><warn>警告</warn><muted>次要</muted><b><u>两者</u></b><warn><b>粗警告</b></warn></p>') as { runs: unknown }).runs).toEqual([
      { text: 'a' },
      { text: '粗', bold: true },
      { text: '下划线', underline: true },
      { text: '警告', tone: 'warning' },
      { text: '次要', tone: 'muted' },
      { text: '两者', bold: true, underline: true },
      { text: '粗警告', tone: 'warning', bold: true },
    ]);
  });

  it('br is a newline run carrying the current style', () => {
    expect(only('<title>江苏省<br/>申报材料汇总</title>')).toEqual({ type: 'title', runs: [{ text: '江苏省' }, { text: '\n' }, { text: '申报材料汇总' }] });
    expect((only('<p><b>甲<br>乙</b></p>') as { runs: unknown }).runs).toEqual([
      { text: '甲', bold: true },
      { text: '\n', bold: true },
      { text: '乙', bold: true },
    ]);
  });

  it('inline elements work in headings, list items, cells and signature parts', () => {
    expect(only('<h2><u>x</u></h2>')).toEqual({ type: 'heading', level: 2, runs: [{ text: 'x', underline: true }] });
    expect(only('<signature><sign><b>签字</b></sign></signature>')).toMatchObject({ sign: [{ text: '签字', bold: true }] });
    expect(only('<table><tr><td><muted>—</muted></td></tr></table>')).toMatchObject({
      rows: [{ cells: [{ paragraphs: [[{ text: '—', tone: 'muted' }]] }] }],
    });
  });
});

describe('whitespace rule', () => {
  const runsOf = (body: string) => (only(body) as { runs: { text: string }[] }).runs.map((r) => r.text);

  it('a line break in the markup and the indentation around it vanish (no space between Chinese lines)', () => {
    expect(runsOf('<p>本企业郑重\n      作出如下承诺</p>')).toEqual(['本企业郑重作出如下承诺']);
    expect(runsOf('<p>甲  \t\n\t  乙\r\n丙</p>')).toEqual(['甲乙丙']);
  });

  it('other runs of spaces and tabs become one space', () => {
    expect(runsOf('<p>ISO   9001\t\t认证</p>')).toEqual(['ISO 9001 认证']);
  });

  it("the block's outer whitespace is trimmed, also across runs", () => {
    expect(runsOf('<p>\n   正文   \n</p>')).toEqual(['正文']);
    expect(runsOf('<p>  甲 </p>')).toEqual(['甲']);
    expect(runsOf('<p> <b> 粗 </b> </p>')).toEqual(['粗']);
  });

  it('spaces inside a block are kept once, also where two runs meet', () => {
    expect(runsOf('<p>代码：<u> 91320507MA1MXQ7P9P </u>）</p>')).toEqual(['代码：', ' 91320507MA1MXQ7P9P ', '）']);
    expect(runsOf('<p>甲 <b> 乙</b></p>').join('')).toBe('甲 乙');
  });

  it('non-breaking spaces and full-width spaces are not whitespace to collapse', () => {
    expect(runsOf('<p>　　年&nbsp;&nbsp;月</p>')).toEqual(['　　年\u00a0\u00a0月']);
  });
});

describe('entities', () => {
  it('decodes named, decimal and hexadecimal entities in text and attributes', () => {
    const model = parseMarkup('<document title="A &amp; B &quot;C&quot;"><p>&lt;b&gt; &amp; &#x27;x&#x27; &#x3D; &#x60; &#39; &apos; &#20013;&#x6587;</p></document>');
    expect(model.title).toBe('A & B "C"');
    expect(model.blocks[0]).toMatchObject({ runs: [{ text: "<b> & 'x' = ` ' ' 中文" }] });
  });

  it('decodes everything Handlebars escapes back to the original text, which stays text', () => {
    const nasty = `<b>粗</b> & "引号" 'x' \`y\` =z </p><p>注入`;
    const escaped = Handlebars.escapeExpression(nasty);
    expect(escaped).not.toContain('<');
    const model = parseMarkup(`<document title="${escaped}"><p>${escaped}</p></document>`);
    expect(model.title).toBe(nasty.replace(/ +/g, ' '));
    expect(model.blocks).toEqual([{ type: 'paragraph', runs: [{ text: nasty.replace(/ +/g, ' ') }], align: 'justify', indent: 0 }]);
  });

  it('leaves unknown and invalid entities alone', () => {
    expect(only('<p>&foo; &#0; &#x110000; & amp;</p>')).toMatchObject({ runs: [{ text: '&foo; &#0; &#x110000; & amp;' }] });
  });
});

describe('errors are QC_TEMPLATE_MARKUP with the line number', () => {
  it('unknown block element', () => {
    const error = markupError('<document>\n<p>x</p>\n<h4>标题</h4>\n</document>');
    expect(errorLine(error)).toBe(3);
    expect(error.params.reason).toContain('<h4>');
  });

  it('a block element where inline content belongs', () => {
    const error = markupError('<document>\n<p>甲\n<title>乙</title></p>\n</document>');
    expect(errorLine(error)).toBe(3);
    expect(error.params.reason).toContain('<title>');
  });

  it('unclosed tag', () => {
    // The innermost open element is the one reported.
    const error = markupError('<document>\n<p>x</p>\n<ul>\n<li>a</li>\n');
    expect(errorLine(error)).toBe(3);
    expect(error.params.reason).toContain('<ul>');
    const doc = markupError('<document>\n<p>x</p>\n');
    expect(errorLine(doc)).toBe(1);
    expect(doc.params.reason).toContain('<document>');
    const inner = markupError('<document>\n\n<p>x</p><p>y');
    expect(inner.params.reason).toMatch(/<p>/);
    expect(errorLine(inner)).toBe(3);
  });

  it('mismatched close tag: reported at the close tag, naming the open tag and its line', () => {
    const error = markupError('<document>\n<p>x\n<b>y\n</u></p>\n</document>');
    expect(errorLine(error)).toBe(4);
    expect(error.params.reason).toContain('</u>');
    expect(error.params.reason).toContain('<b>');
    expect(error.params.reason).toContain('第3行');
  });

  it('a close tag with nothing open', () => {
    const error = markupError('<document></document>\n</p>');
    expect(errorLine(error)).toBe(2);
  });

  it('stray text in <table> and in <tr>', () => {
    const error = markupError('<document>\n<table>\n  <tr><td>a</td></tr>\n  多余的文字\n</table>\n</document>');
    expect(errorLine(error)).toBe(2);
    expect(error.params.reason).toContain('多余的文字');
    expect(errorLine(markupError('<document>\n<table>\n<tr>文字<td>a</td></tr></table></document>'))).toBe(3);
  });

  it('non-row element in a table, non-cell element in a row, non-item in a list', () => {
    expect(errorLine(markupError('<document>\n<table>\n<p>x</p></table></document>'))).toBe(3);
    expect(errorLine(markupError('<document>\n<table><tr>\n<p>x</p></tr></table></document>'))).toBe(3);
    expect(errorLine(markupError('<document>\n<ul>\n\n<p>x</p></ul></document>'))).toBe(4);
  });

  it('wrong cell count against widths or the first row, at the offending row', () => {
    const error = markupError('<document>\n<table widths="1,2,3">\n<tr><td>a</td><td>b</td><td>c</td></tr>\n<tr><td>a</td><td>b</td></tr>\n</table></document>');
    expect(errorLine(error)).toBe(4);
    expect(error.params.reason).toMatch(/2个单元格/);
    expect(error.params.reason).toMatch(/3个/);
    const noWidths = markupError('<document><table>\n<tr><td>a</td></tr>\n<tr><td>a</td><td>b</td></tr></table></document>');
    expect(errorLine(noWidths)).toBe(3);
  });

  it('bad widths', () => {
    for (const widths of ['1,0', '1,-2', 'a,b', '1,,2', '']) {
      const error = markupError(`<document>\n<table widths="${widths}"><tr><td>a</td><td>b</td></tr></table></document>`);
      expect(errorLine(error)).toBe(2);
    }
  });

  it('text outside <document>, before or after it', () => {
    const after = markupError('<document>\n<p>x</p>\n</document>\n\n多余');
    expect(errorLine(after)).toBe(5);
    expect(after.params.reason).toContain('多余');
    expect(errorLine(markupError('\n前言<document></document>'))).toBe(2);
  });

  it('an element outside <document>, or a second document', () => {
    expect(errorLine(markupError('<p>x</p>'))).toBe(1);
    expect(errorLine(markupError('<document></document>\n<p>x</p>'))).toBe(2);
    expect(errorLine(markupError('<document></document>\n\n<document></document>'))).toBe(3);
  });

  it('bad align values', () => {
    for (const body of ['<p align="middle">x</p>', '<table><tr><td align="top">a</td></tr></table>', '<table><tr><th align="">a</th></tr></table>']) {
      const error = markupError(`<document>\n\n${body}</document>`);
      expect(errorLine(error)).toBe(3);
      expect(error.params.reason).toMatch(/align=/);
    }
  });

  it('bad number attributes: not a number, negative, empty, or a fractional header-rows', () => {
    const cases = [
      '<p indent="two">x</p>',
      '<p indent="-1">x</p>',
      '<p indent="">x</p>',
      '<spacer height="12pt"/>',
      '<spacer height=" "/>',
      '<signature room="Infinity"></signature>',
      '<table header-rows="x"><tr><td>a</td></tr></table>',
      '<table header-rows="0.5"><tr><td>a</td></tr></table>',
    ];
    for (const body of cases) {
      const error = markupError(`<document>\n${body}</document>`);
      expect(errorLine(error), body).toBe(2);
    }
  });

  it('bad page-numbers', () => {
    const error = markupError('\n<document page-numbers="yes"></document>');
    expect(errorLine(error)).toBe(2);
    expect(error.params.reason).toContain('page-numbers');
  });

  it('an unknown element inside <signature>', () => {
    expect(errorLine(markupError('<document>\n<signature>\n<stamp>x</stamp></signature></document>'))).toBe(2);
  });

  it('tag-like text that is not a tag', () => {
    const error = markupError("<document>\n<p align='center'>x</p></document>");
    expect(errorLine(error)).toBe(2);
  });

  it('the error message carries the reason in both languages', () => {
    const error = markupError('<document><foo/></document>', 'pledge.hbs');
    expect(error.message).toContain('<foo>');
    expect(error.messageEn).toContain('<foo>');
    expect(error.toJSON()).toMatchObject({ code: 'QC_TEMPLATE_MARKUP', params: { template: 'pledge.hbs' } });
  });
});
