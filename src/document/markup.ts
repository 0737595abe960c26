/**
 * Parses the markup that templates produce into the document model.
 *
 * The markup is a small, HTML-like tag language (documented in templates/README.md):
 *   blocks:  <document> <title> <h1>-<h3> <p> <ul>/<ol>/<li> <table>/<tr>/<th>/<td>
 *            <spacer/> <pagebreak/> <signature> with <sign> <seal> <date>
 *   inline:  <b> <u> <warn> <muted> <br/>
 * Whitespace rule (suited to Chinese): a line break in the markup and the indentation
 * around it vanish; other runs of spaces and tabs become one space.
 */
import { QcError } from '../errors.js';
import type { Align, Block, DocumentModel, PageNumbers, Run, TableCell, TableRow, Tone } from './model.js';

interface Element {
  name: string;
  attrs: Record<string, string>;
  children: Node[];
  line: number;
}
type Node = Element | string;

const VOID = new Set(['spacer', 'pagebreak', 'br']);
const INLINE = new Set(['b', 'u', 'warn', 'muted', 'br']);

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const cp = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(cp) && cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : whole;
    }
    return ENTITIES[body.toLowerCase()] ?? whole;
  });
}

/** Tokenise and build a tree; reports the first structural error with its line. */
function parseTree(source: string, template: string): Element {
  const root: Element = { name: '#root', attrs: {}, children: [], line: 1 };
  const stack: Element[] = [root];
  const tagPattern = /<!--[\s\S]*?-->|<(\/?)([a-z][a-z0-9]*)((?:\s+[a-z-]+\s*=\s*"[^"]*")*)\s*(\/?)>/gi;
  const fail = (reason: string, index: number): never => {
    const line = source.slice(0, index).split('\n').length;
    throw new QcError('QC_TEMPLATE_MARKUP', { template, reason: `第${line}行：${reason}` });
  };
  // Only one <document> may stand at the top level, with nothing but whitespace around it.
  const addText = (text: string, at: number) => {
    if (/<[a-z/]/i.test(text)) fail(`无法识别的标签“${text.slice(text.search(/<[a-z/]/i)).slice(0, 30)}”`, at + text.search(/<[a-z/]/i));
    if (stack.length === 1 && text.trim()) fail(`<document> 之外不能有文字“${text.trim().slice(0, 20)}”`, at + text.search(/\S/));
    stack[stack.length - 1]!.children.push(decodeEntities(text));
  };
  let last = 0;
  for (const match of source.matchAll(tagPattern)) {
    const index = match.index ?? 0;
    const text = source.slice(last, index);
    if (text) addText(text, last);
    last = index + match[0].length;
    if (match[0].startsWith('<!--')) continue;
    const [, closing, rawName, rawAttrs, selfClosing] = match;
    const name = rawName!.toLowerCase();
    const line = source.slice(0, index).split('\n').length;
    if (closing) {
      const open = stack.pop();
      if (!open || open === root) fail(`多余的结束标签 </${name}>`, index);
      if (open!.name !== name) fail(`结束标签 </${name}> 与开始标签 <${open!.name}>（第${open!.line}行）不匹配`, index);
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of rawAttrs!.matchAll(/([a-z-]+)\s*=\s*"([^"]*)"/gi)) attrs[a[1]!.toLowerCase()] = decodeEntities(a[2]!);
    const element: Element = { name, attrs, children: [], line };
    if (stack.length === 1 && (name !== 'document' || root.children.some((n) => typeof n !== 'string'))) {
      fail(name === 'document' ? '只能有一个 <document> 元素' : `<${name}> 必须写在 <document> 之内`, index);
    }
    stack[stack.length - 1]!.children.push(element);
    if (!selfClosing && !VOID.has(name)) stack.push(element);
  }
  const tail = source.slice(last);
  if (stack.length > 1 && /<[a-z/]/i.test(tail)) addText(tail, last);
  if (stack.length > 1) {
    const open = stack[stack.length - 1]!;
    throw new QcError('QC_TEMPLATE_MARKUP', { template, reason: `第${open.line}行：标签 <${open.name}> 没有结束` });
  }
  if (tail) addText(tail, last);
  return root;
}

function collapse(text: string): string {
  return text.replace(/[ \t]*\r?\n[ \t]*/g, '').replace(/[ \t]+/g, ' ');
}

export function parseMarkup(source: string, template = '（内联模板）'): DocumentModel {
  const root = parseTree(source, template);
  const fail = (el: Element, reason: string): never => {
    throw new QcError('QC_TEMPLATE_MARKUP', { template, reason: `第${el.line}行：${reason}` });
  };

  // parseTree already rejected anything but one <document> with whitespace around it.
  const doc = root.children.find((n): n is Element => typeof n !== 'string');
  if (!doc) throw new QcError('QC_TEMPLATE_MARKUP', { template, reason: '模板必须输出一个 <document> 元素' });

  function inlineRuns(el: Element, style: Omit<Run, 'text'> = {}): Run[] {
    const runs: Run[] = [];
    for (const child of el.children) {
      if (typeof child === 'string') {
        const text = collapse(child);
        if (text) runs.push({ text, ...style });
        continue;
      }
      if (!INLINE.has(child.name)) fail(child, `<${child.name}> 不能出现在 <${el.name}> 中`);
      if (child.name === 'br') {
        runs.push({ text: '\n', ...style });
        continue;
      }
      const next = { ...style };
      if (child.name === 'b') next.bold = true;
      if (child.name === 'u') next.underline = true;
      if (child.name === 'warn') next.tone = 'warning' satisfies Tone;
      if (child.name === 'muted') next.tone = 'muted' satisfies Tone;
      runs.push(...inlineRuns(child, next));
    }
    return runs.filter((r) => r.text.length > 0);
  }

  /** A block's runs: spaces collapse across run boundaries too, and the block's outer whitespace is trimmed. */
  function blockRuns(el: Element, style: Omit<Run, 'text'> = {}): Run[] {
    const runs = inlineRuns(el, style);
    let previous = '';
    for (const run of runs) {
      if (previous.endsWith(' ') && run.text.startsWith(' ')) run.text = run.text.slice(1);
      if (run.text) previous = run.text;
    }
    for (const run of runs) {
      run.text = run.text.replace(/^ +/, '');
      if (run.text) break;
    }
    for (const run of [...runs].reverse()) {
      run.text = run.text.replace(/ +$/, '');
      if (run.text) break;
    }
    return runs.filter((r) => r.text.length > 0);
  }

  const size = (el: Element): 'small' | undefined => {
    const value = el.attrs.size;
    if (value !== undefined && value !== 'small') fail(el, `size="${value}" 无效（只能是 size="small"）`);
    return value as 'small' | undefined;
  };
  const keepNext = (el: Element): boolean => {
    const value = el.attrs.keep;
    if (value === undefined) return false;
    if (value !== 'next') fail(el, `keep="${value}" 无效（只能是 keep="next"）`);
    return true;
  };
  const align = (el: Element, fallback: Align): Align => {
    const value = el.attrs.align ?? fallback;
    if (!['left', 'center', 'right', 'justify'].includes(value)) fail(el, `align="${value}" 无效`);
    return value as Align;
  };
  const number = (el: Element, attr: string, fallback: number): number => {
    const raw = el.attrs[attr];
    if (raw === undefined) return fallback;
    const value = Number(raw);
    // Number('') is 0: an empty value (e.g. a null field in the template) is an error, not zero.
    if (!raw.trim() || !Number.isFinite(value) || value < 0) fail(el, `${attr}="${raw}" 不是有效的数字`);
    return value;
  };
  const elements = (el: Element): Element[] => {
    for (const child of el.children) {
      if (typeof child === 'string' && child.trim()) fail(el, `<${el.name}> 中不能直接写文字“${child.trim().slice(0, 20)}”`);
    }
    return el.children.filter((n): n is Element => typeof n !== 'string');
  };

  function cell(el: Element): TableCell {
    const inner = el.children.filter((n): n is Element => typeof n !== 'string');
    const hasParagraphs = inner.length > 0 && inner.every((c) => c.name === 'p');
    const paragraphs = hasParagraphs ? inner.map((p) => blockRuns(p)) : [blockRuns(el, el.name === 'th' ? { bold: true } : {})];
    return { paragraphs, align: align(el, el.name === 'th' ? 'center' : 'left') };
  }

  function block(el: Element): Block {
    switch (el.name) {
      case 'title':
        return { type: 'title', runs: blockRuns(el) };
      case 'h1':
      case 'h2':
      case 'h3':
        return { type: 'heading', level: Number(el.name[1]) as 1 | 2 | 3, runs: blockRuns(el) };
      case 'p':
        return {
          type: 'paragraph',
          runs: blockRuns(el),
          align: align(el, 'justify'),
          indent: number(el, 'indent', 0),
          ...(size(el) === 'small' ? { small: true } : {}),
          ...(keepNext(el) ? { keepWithNext: true } : {}),
        };
      case 'ul':
      case 'ol':
        return {
          type: 'list',
          ordered: el.name === 'ol',
          items: elements(el).map((li) => (li.name === 'li' ? blockRuns(li) : fail(li, `<${el.name}> 中只能有 <li>`))),
        };
      case 'table': {
        const trs = elements(el);
        const rows: TableRow[] = trs.map((tr) => {
          if (tr.name !== 'tr') fail(tr, '<table> 中只能有 <tr>');
          return { cells: elements(tr).map((c) => (c.name === 'td' || c.name === 'th' ? cell(c) : fail(c, '<tr> 中只能有 <td> 或 <th>'))) };
        });
        const count = rows[0]?.cells.length ?? 0;
        const widths = el.attrs.widths !== undefined ? el.attrs.widths.split(',').map((w) => (w.trim() ? Number(w) : NaN)) : Array<number>(count).fill(1);
        if (widths.some((w) => !(w > 0))) fail(el, `widths="${el.attrs.widths}" 无效`);
        rows.forEach((row, i) => {
          // Reported at the row's own line: that is where the cell is missing or extra.
          if (row.cells.length !== widths.length) fail(trs[i]!, `表格第${i + 1}行有${row.cells.length}个单元格，应为${widths.length}个（与列数一致）`);
        });
        const headerRows = number(el, 'header-rows', 0);
        if (!Number.isInteger(headerRows)) fail(el, `header-rows="${el.attrs['header-rows']}" 应为整数`);
        return { type: 'table', columns: widths, headerRows, rows };
      }
      case 'spacer':
        return { type: 'spacer', height: number(el, 'height', 12) };
      case 'pagebreak':
        return { type: 'pageBreak' };
      case 'signature': {
        const parts = Object.fromEntries(elements(el).map((c) => [c.name, c]));
        for (const key of Object.keys(parts)) if (!['sign', 'seal', 'date'].includes(key)) fail(el, `<signature> 中不能有 <${key}>`);
        const runsOf = (key: string) => (parts[key] ? blockRuns(parts[key]) : []);
        return { type: 'signature', sign: runsOf('sign'), seal: runsOf('seal'), date: runsOf('date'), room: number(el, 'room', 100) };
      }
      default:
        return fail(el, `未知的块元素 <${el.name}>`);
    }
  }

  const pageNumbers = (doc.attrs['page-numbers'] ?? 'auto') as PageNumbers;
  if (!['auto', 'on', 'off'].includes(pageNumbers)) fail(doc, `page-numbers="${pageNumbers}" 无效（auto/on/off）`);
  return {
    title: doc.attrs.title ?? '',
    pageNumbers,
    blocks: elements(doc).map(block),
  };
}
