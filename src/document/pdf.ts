/**
 * Renders the document model to an A4 PDF with pdf-lib: lays out every block into pages
 * (Chinese line breaking, tables that break across pages with repeated headers, a signing
 * area kept whole), then draws them with the embedded subset of the Chinese font.
 */
import { PDFDocument, PDFFont, PDFPage, rgb, setCharacterSpacing, type RGB } from 'pdf-lib';
import { QcError } from '../errors.js';
import { loadFont, missingGlyphs, plainFontkit, subsetFor, subsetNames, type LoadedFont } from './fonts.js';
import { breakLines, type Line } from './linebreak.js';
import { BODY_WIDTH, COLOR, PAGE, SPACING, TYPE, type TextStyle } from './style.js';
import { collectText, type Align, type Block, type DocumentModel, type Run, type TableBlock } from './model.js';

const STYLES = TYPE;
export { PAGE };
const hex = (value: string): RGB => rgb(...([0, 2, 4].map((i) => parseInt(value.slice(i, i + 2), 16) / 255) as [number, number, number]));
const COLORS: Record<NonNullable<Run['tone']>, RGB> = { normal: hex(COLOR.text), warning: hex(COLOR.warning), muted: hex(COLOR.muted) };
const BORDER = hex(COLOR.border);
const HEADER_FILL = hex(COLOR.headerFill);
const CELL_PAD_X = SPACING.cellPadX;
const CELL_PAD_Y = SPACING.cellPadY;

type Op =
  | { kind: 'line'; line: Line; x: number; y: number; width: number; align: Align; style: TextStyle }
  | { kind: 'rule'; x1: number; y1: number; x2: number; y2: number; thickness: number }
  | { kind: 'fill'; x: number; y: number; width: number; height: number };

interface Fonts {
  regular: LoadedFont;
  bold: LoadedFont;
}

export interface PdfOptions {
  /** Paths of the user's own TrueType/WOFF fonts; the shipped Noto Sans SC by default. */
  fontPaths?: { regular?: string; bold?: string };
  author?: string;
  subject?: string;
  /** Fixed creation date, for byte-reproducible output (tests, snapshots). */
  creationDate?: Date;
}

/** The laid-out pages: positions in PDF points, y measured from the top of the page. */
export interface Layout {
  pages: Op[][];
}

class Layouter {
  readonly pages: Op[][] = [[]];
  private readonly rowCache = new WeakMap<TableBlock, { cells: { lines: Line[]; align: Align; style: TextStyle }[]; height: number; header: boolean }[]>();
  private y: number = PAGE.top;

  constructor(private readonly fonts: Fonts) {}

  measure = (text: string, run: Run, size: number, forceBold = false): number => {
    const font = run.bold || forceBold ? this.fonts.bold : this.fonts.regular;
    let width = 0;
    for (const char of text) width += font.advance(char);
    return width * size;
  };

  private get page(): Op[] {
    return this.pages[this.pages.length - 1]!;
  }
  private get remaining(): number {
    return PAGE.height - PAGE.bottom - this.y;
  }
  newPage(): void {
    this.pages.push([]);
    this.y = PAGE.top;
  }
  private ensure(height: number): void {
    if (height > this.remaining && this.y > PAGE.top) this.newPage();
  }
  private space(height: number): void {
    if (this.y > PAGE.top) this.y = Math.min(this.y + height, PAGE.height - PAGE.bottom);
  }

  lines(runs: Run[], style: TextStyle, width: number, indent = 0): Line[] {
    const measure = (text: string, run: Run) => this.measure(text, run, style.size, style.bold);
    const styled = style.bold ? runs.map((r) => ({ ...r, bold: true })) : runs;
    return breakLines(styled.length ? styled : [{ text: '' }], width, measure, width - indent * style.size);
  }

  /**
   * A paragraph: `indent` (in em) shifts the first line right; `hang` (in points) shifts
   * every line after the first, as list items need so their text aligns past the marker.
   */
  paragraph(runs: Run[], style: TextStyle, align: Align, indent = 0, keepLines = 1, hang = 0): void {
    const first = indent * style.size;
    const measure = (text: string, run: Run) => this.measure(text, run, style.size, style.bold);
    const styled = style.bold ? runs.map((r) => ({ ...r, bold: true })) : runs;
    const lines = breakLines(styled.length ? styled : [{ text: '' }], BODY_WIDTH - hang, measure, BODY_WIDTH - first);
    this.ensure(style.lineHeight * Math.min(keepLines, lines.length));
    lines.forEach((line, i) => {
      this.ensure(style.lineHeight);
      const offset = i === 0 ? first : hang;
      this.page.push({ kind: 'line', line, x: PAGE.left + offset, y: this.y, width: BODY_WIDTH - offset, align, style });
      this.y += style.lineHeight;
    });
  }

  /**
   * The least height that must stay on a page together with block `i`: a heading or a
   * keep-with-next paragraph whole, plus the first piece of what follows (two lines of a
   * paragraph, a table's header and first row) — so no label ends a page alone.
   */
  private keepHeight(blocks: Block[], i: number, depth = 0): number {
    const block = blocks[i];
    if (!block || depth > 3) return 0;
    const follow = () => this.keepHeight(blocks, i + 1, depth + 1);
    switch (block.type) {
      case 'heading': {
        const style = STYLES[`h${block.level}`];
        return SPACING.headingBefore + this.lines(block.runs, style, BODY_WIDTH).length * style.lineHeight + SPACING.headingAfter + follow();
      }
      case 'paragraph': {
        const style = block.small ? STYLES.small : STYLES.body;
        const lines = this.lines(block.runs, style, BODY_WIDTH, block.indent).length;
        if (block.keepWithNext) return lines * style.lineHeight + SPACING.paragraphAfter + follow();
        return Math.min(2, lines) * style.lineHeight;
      }
      case 'list':
        return block.items.length ? STYLES.body.lineHeight * Math.min(2, this.lines(block.items[0]!, STYLES.body, BODY_WIDTH).length) : 0;
      case 'table':
        return this.tableLeadHeight(block);
      case 'signature':
        return this.signatureLayout(block).height;
      default:
        return 0;
    }
  }

  block(blocks: Block[], i: number): void {
    const block = blocks[i]!;
    switch (block.type) {
      case 'title':
        this.space(SPACING.titleBefore);
        this.paragraph(block.runs, STYLES.title, 'center');
        this.y += SPACING.titleAfter;
        break;
      case 'heading': {
        const style = STYLES[`h${block.level}`];
        this.ensure(this.keepHeight(blocks, i));
        this.space(SPACING.headingBefore);
        this.paragraph(block.runs, style, 'left');
        this.y += SPACING.headingAfter;
        break;
      }
      case 'paragraph': {
        const style = block.small ? STYLES.small : STYLES.body;
        if (block.keepWithNext) this.ensure(this.keepHeight(blocks, i));
        this.paragraph(block.runs, style, block.align, block.indent, 2);
        this.y += SPACING.paragraphAfter;
        break;
      }
      case 'list':
        block.items.forEach((item, i) => {
          const marker: Run = { text: block.ordered ? `${i + 1}．` : '· ' };
          const hang = this.measure(block.ordered ? `${block.items.length}．` : marker.text, marker, STYLES.body.size);
          this.paragraph([marker, ...item], STYLES.body, 'justify', 0, 1, hang);
        });
        this.y += SPACING.paragraphAfter;
        break;
      case 'table':
        this.table(block);
        this.y += SPACING.tableAfter;
        break;
      case 'spacer':
        this.space(block.height);
        break;
      case 'pageBreak':
        this.newPage();
        break;
      case 'signature':
        this.signature(block);
        break;
    }
  }

  private signatureLayout(block: Extract<Block, { type: 'signature' }>) {
    const style = STYLES.body;
    const half = BODY_WIDTH * 0.56;
    const signLines = this.lines(block.sign, style, half - 12);
    const sealLines = this.lines(block.seal, style, BODY_WIDTH - half);
    const dateLines = this.lines(block.date, style, BODY_WIDTH);
    const labelHeight = Math.max(signLines.length, sealLines.length) * style.lineHeight;
    const height = SPACING.signatureBefore + labelHeight + block.room + dateLines.length * style.lineHeight;
    return { style, half, signLines, sealLines, dateLines, labelHeight, height };
  }

  /** The signing area is never split across pages. */
  private signature(block: Extract<Block, { type: 'signature' }>): void {
    const { style, half, signLines, sealLines, dateLines, labelHeight, height } = this.signatureLayout(block);
    this.ensure(height);
    this.space(SPACING.signatureBefore);
    const top = this.y;
    signLines.forEach((line, i) =>
      this.page.push({ kind: 'line', line, x: PAGE.left, y: top + i * style.lineHeight, width: half - 12, align: 'left', style }),
    );
    sealLines.forEach((line, i) =>
      this.page.push({ kind: 'line', line, x: PAGE.left + half, y: top + i * style.lineHeight, width: BODY_WIDTH - half, align: 'left', style }),
    );
    this.y = top + labelHeight + block.room;
    for (const line of dateLines) {
      this.page.push({ kind: 'line', line, x: PAGE.left, y: this.y, width: BODY_WIDTH - style.size * 2, align: 'right', style });
      this.y += style.lineHeight;
    }
  }

  private tableGeometry(table: TableBlock) {
    const totalWeight = table.columns.reduce((a, b) => a + b, 0);
    const widths = table.columns.map((w) => (w / totalWeight) * BODY_WIDTH);
    const xs = widths.map((_, i) => PAGE.left + widths.slice(0, i).reduce((a, b) => a + b, 0));
    return { widths, xs };
  }

  /** Each row's cells broken into lines, and the row's height (laid out once per table). */
  private tableRows(table: TableBlock) {
    const cached = this.rowCache.get(table);
    if (cached) return cached;
    const style = STYLES.cell;
    const { widths } = this.tableGeometry(table);
    const rows = table.rows.map((row, r) => {
      const header = r < table.headerRows;
      const cells = row.cells.map((cell, c) => {
        const cellStyle = header ? { ...style, bold: true } : style;
        const lines: Line[] = [];
        cell.paragraphs.forEach((p) => lines.push(...this.lines(p, cellStyle, widths[c]! - 2 * CELL_PAD_X)));
        return { lines, align: cell.align, style: cellStyle };
      });
      const height = Math.max(...cells.map((c) => c.lines.length)) * style.lineHeight + 2 * CELL_PAD_Y;
      return { cells, height, header };
    });
    this.rowCache.set(table, rows);
    return rows;
  }

  /**
   * Height of a table's header plus its first row: a row that fits on a page is never split,
   * so starting the table with less room would orphan the header. A row taller than a page
   * is split, so then three of its lines are enough.
   */
  private tableLeadHeight(table: TableBlock): number {
    const rows = this.tableRows(table);
    const header = rows.filter((r) => r.header).reduce((a, r) => a + r.height, 0);
    const first = rows.find((r) => !r.header);
    if (!first) return header;
    const maxBody = PAGE.height - PAGE.top - PAGE.bottom;
    return header + (first.height <= maxBody - header ? first.height : 3 * STYLES.cell.lineHeight + 2 * CELL_PAD_Y);
  }

  private table(table: TableBlock): void {
    const style = STYLES.cell;
    const { widths, xs } = this.tableGeometry(table);
    const rows = this.tableRows(table);
    const headers = rows.filter((r) => r.header);
    const headerHeight = headers.reduce((a, r) => a + r.height, 0);
    const maxBody = PAGE.height - PAGE.top - PAGE.bottom;

    const drawRow = (row: (typeof rows)[number], fromLine: number, lineCount: number) => {
      const height = lineCount * style.lineHeight + 2 * CELL_PAD_Y;
      const top = this.y;
      if (row.header) this.page.push({ kind: 'fill', x: PAGE.left, y: top, width: BODY_WIDTH, height });
      row.cells.forEach((cell, c) => {
        cell.lines.slice(fromLine, fromLine + lineCount).forEach((line, i) => {
          this.page.push({
            kind: 'line', line, x: xs[c]! + CELL_PAD_X, y: top + CELL_PAD_Y + i * style.lineHeight,
            width: widths[c]! - 2 * CELL_PAD_X, align: cell.align, style: cell.style,
          });
        });
      });
      const rule = (x1: number, y1: number, x2: number, y2: number) =>
        this.page.push({ kind: 'rule', x1, y1, x2, y2, thickness: 0.6 });
      rule(PAGE.left, top, PAGE.left + BODY_WIDTH, top);
      rule(PAGE.left, top + height, PAGE.left + BODY_WIDTH, top + height);
      for (const x of [...xs, PAGE.left + BODY_WIDTH]) rule(x, top, x, top + height);
      this.y += height;
    };
    // Headers that take a third of a page or more are not repeated: repeating them could leave
    // no room for any row at all.
    const repeatHeaders = headerHeight < maxBody / 3;
    const drawHeaders = () => headers.forEach((h) => drawRow(h, 0, Math.max(0, ...h.cells.map((c) => c.lines.length))));
    const continueOnNewPage = () => {
      this.newPage();
      if (repeatHeaders) drawHeaders();
    };

    this.ensure(this.tableLeadHeight(table));
    drawHeaders();
    for (const row of rows) {
      if (row.header) continue;
      const lineCount = Math.max(...row.cells.map((c) => c.lines.length));
      if (row.height <= this.remaining) {
        drawRow(row, 0, lineCount);
        continue;
      }
      if (row.height <= maxBody - (repeatHeaders ? headerHeight : 0)) {
        continueOnNewPage();
        drawRow(row, 0, lineCount);
        continue;
      }
      // A row taller than a page: split it between lines.
      let from = 0;
      while (from < lineCount) {
        const fit = Math.floor((this.remaining - 2 * CELL_PAD_Y) / style.lineHeight);
        if (fit < 1) {
          continueOnNewPage();
          continue;
        }
        const take = Math.min(fit, lineCount - from);
        drawRow(row, from, take);
        from += take;
        if (from < lineCount) continueOnNewPage();
      }
    }
  }
}

/** Lay the model out into pages (exported for tests that inspect positions). */
export async function layoutDocument(model: DocumentModel, options: PdfOptions = {}): Promise<{ layout: Layout; fonts: Fonts }> {
  const fonts: Fonts = {
    regular: await loadFont('regular', options.fontPaths?.regular),
    bold: await loadFont('bold', options.fontPaths?.bold),
  };
  const text = collectText(model);
  const missing = missingGlyphs(fonts.regular, text);
  if (missing.length) throw new QcError('QC_GLYPH_MISSING', { chars: missing.map((c) => `“${c}”(U+${c.codePointAt(0)!.toString(16).toUpperCase()})`).join('、') });
  const layouter = new Layouter(fonts);
  model.blocks.forEach((_, i) => layouter.block(model.blocks, i));
  // A trailing page break leaves an empty page; drop it.
  const pages = layouter.pages.filter((page, i) => page.length > 0 || i === 0);
  return { layout: { pages }, fonts };
}

export function pageNumberText(page: number, total: number): string {
  return `第 ${page} 页 共 ${total} 页`;
}

export async function renderPdf(model: DocumentModel, options: PdfOptions = {}): Promise<Uint8Array> {
  const { layout, fonts } = await layoutDocument(model, options);
  const numbered = model.pageNumbers === 'on' || (model.pageNumbers === 'auto' && layout.pages.length > 1);
  const footerText = numbered ? pageNumberText(layout.pages.length, layout.pages.length) : '';

  const pdf = await PDFDocument.create();
  pdf.registerFontkit(plainFontkit as unknown as Parameters<PDFDocument['registerFontkit']>[0]);
  // Subset each weight to exactly the characters drawn in it: a CJK glyph costs ~150 bytes.
  const drawn = { regular: footerText, bold: '' };
  for (const op of layout.pages.flat()) {
    if (op.kind !== 'line') continue;
    for (const f of op.line.fragments) drawn[f.run.bold || op.style.bold ? 'bold' : 'regular'] += f.text;
  }
  const [regularBytes, boldBytes] = await Promise.all([subsetFor(fonts.regular, drawn.regular), subsetFor(fonts.bold, drawn.bold)]);
  // `subset: false`: the bytes are already a subset, so pdf-lib embeds them as they are; but
  // it would name them like whole fonts, so the subset names are given (`customName` is what
  // pdf-lib writes as the Type0 and CIDFont BaseFont and the descriptor's FontName).
  const [regularName, boldName] = subsetNames([
    { font: fonts.regular, bytes: regularBytes },
    { font: fonts.bold, bytes: boldBytes },
  ]);
  const embedded = {
    regular: await pdf.embedFont(regularBytes, { subset: false, customName: regularName }),
    bold: await pdf.embedFont(boldBytes, { subset: false, customName: boldName }),
  };

  pdf.setTitle(model.title, { showInWindowTitleBar: true });
  pdf.setLanguage('zh-CN');
  pdf.setCreator('qcredit');
  pdf.setProducer('qcredit (pdf-lib)');
  if (options.author) pdf.setAuthor(options.author);
  if (options.subject) pdf.setSubject(options.subject);
  const date = options.creationDate ?? new Date();
  pdf.setCreationDate(date);
  pdf.setModificationDate(date);

  layout.pages.forEach((ops, index) => {
    const page = pdf.addPage([PAGE.width, PAGE.height]);
    for (const op of ops) drawOp(page, op, embedded);
    if (numbered) {
      const footer = pageNumberText(index + 1, layout.pages.length);
      const run: Run = { text: footer, tone: 'muted' };
      const width = [...footer].reduce((w, ch) => w + fonts.regular.advance(ch), 0) * STYLES.footer.size;
      const line: Line = { fragments: [{ text: footer, run, width }], width, last: true };
      drawOp(page, { kind: 'line', line, x: PAGE.left, y: PAGE.height - PAGE.bottom / 2 - 6, width: BODY_WIDTH, align: 'center', style: STYLES.footer }, embedded);
    }
  });
  return pdf.save({ useObjectStreams: true });
}

const currentFont = new WeakMap<PDFPage, PDFFont>();

function drawOp(page: PDFPage, op: Op, fonts: { regular: PDFFont; bold: PDFFont }): void {
  const flip = (y: number) => PAGE.height - y;
  if (op.kind === 'rule') {
    page.drawLine({ start: { x: op.x1, y: flip(op.y1) }, end: { x: op.x2, y: flip(op.y2) }, thickness: op.thickness, color: BORDER });
    return;
  }
  if (op.kind === 'fill') {
    page.drawRectangle({ x: op.x, y: flip(op.y + op.height), width: op.width, height: op.height, color: HEADER_FILL });
    return;
  }
  const { line, style } = op;
  const chars = line.fragments.reduce((n, f) => n + [...f.text].length, 0);
  let x = op.x;
  let spacing = 0;
  if (op.align === 'center') x += (op.width - line.width) / 2;
  else if (op.align === 'right') x += op.width - line.width;
  else if (op.align === 'justify' && !line.last && chars > 1) {
    // Spread the slack over the gaps, but never stretch a line into loose lettering.
    const perGap = (op.width - line.width) / (chars - 1);
    if (perGap > 0 && perGap < style.size * 0.6) spacing = perGap;
  }
  // Baseline sits so the em box is centred in the line box (Noto's CJK em box).
  const baseline = flip(op.y + (style.lineHeight - style.size) / 2 + style.size * 0.86);
  for (const fragment of line.fragments) {
    const font = fragment.run.bold || style.bold ? fonts.bold : fonts.regular;
    const color = COLORS[fragment.run.tone ?? 'normal'];
    const count = [...fragment.text].length;
    const width = fragment.width + spacing * count;
    if (spacing) page.pushOperators(setCharacterSpacing(spacing));
    // Passing `font` to drawText would add a font resource per call; switch only on change.
    if (currentFont.get(page) !== font) {
      page.setFont(font);
      currentFont.set(page, font);
    }
    drawSqueezed(page, fragment, x, baseline, style.size, spacing, font, color);
    if (spacing) page.pushOperators(setCharacterSpacing(0));
    if (fragment.run.underline) {
      const underlineWidth = fragment.width + spacing * Math.max(0, count - 1);
      page.drawLine({ start: { x, y: baseline - style.size * 0.16 }, end: { x: x + underlineWidth, y: baseline - style.size * 0.16 }, thickness: 0.7, color });
    }
    x += width;
  }
}

/**
 * Draw a fragment's text; a squeezed punctuation mark ends a piece, and the next piece starts
 * half an em early, so the mark's blank right half overlaps what follows.
 */
function drawSqueezed(page: PDFPage, fragment: Line['fragments'][number], x: number, y: number, size: number, spacing: number, font: PDFFont, color: RGB): void {
  if (!fragment.squeezed?.length) {
    page.drawText(fragment.text, { x, y, size, color });
    return;
  }
  const chars = [...fragment.text];
  let start = 0;
  for (const end of [...fragment.squeezed.map((i) => i + 1), chars.length]) {
    if (end <= start) continue;
    const piece = chars.slice(start, end).join('');
    page.drawText(piece, { x, y, size, color });
    const squeezedHere = fragment.squeezed.includes(end - 1);
    x += font.widthOfTextAtSize(piece, size) - (squeezedHere ? font.widthOfTextAtSize(chars[end - 1]!, size) / 2 : 0) + spacing * (end - start);
    start = end;
  }
}
