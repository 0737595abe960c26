/**
 * DOCX writer: renders the document model (./model.ts) as a Word document with the `docx` library.
 *
 * Everything that decides how the document looks (fonts, sizes, spacing, indents of headings and body text) lives in
 * named paragraph styles, so a user can restyle the document in Word or LibreOffice; the blocks only pick a style and
 * add what the model says about that one block (alignment, first-line indent, emphasis of a run).
 */
import {
  AlignmentType,
  BorderStyle,
  CharacterSet,
  Document,
  Footer,
  HeightRule,
  LineRuleType,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  Tab,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  UnderlineType,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import type { IParagraphStyleOptions, IRunOptions, ISectionOptions } from 'docx';
import { QcError } from '../errors.js';
import { COLOR, FONT_FAMILY, PAGE, SPACING, TYPE } from './style.js';
import type { Align, Block, DocumentModel, Run, SignatureBlock, TableBlock } from './model.js';

export interface DocxOptions {
  /** Font family of all text, Latin and Chinese alike. Default 'Noto Sans SC'. */
  fontFamily?: string;
  /**
   * TrueType bytes, already subset to the document's characters, embedded into the DOCX under `fontFamily` so that it
   * looks the same on a machine without the font installed (Word and LibreOffice both load embedded fonts).
   */
  embedFonts?: { regular: Uint8Array; bold?: Uint8Array };
  /** Author in the document properties. Default 'qcredit'. */
  creator?: string;
}

/** The same family the PDF embeds, so a DOCX with embedded fonts matches the PDF. */
export const DEFAULT_DOCX_FONT = FONT_FAMILY;
const DEFAULT_CREATOR = 'qcredit';
const LANGUAGE = 'zh-CN';

// ---- Page geometry and type: the shared house style (src/document/style.ts), in DOCX units --------------------------
/** Twips are 1/20 pt. */
const tw = (points: number) => Math.round(points * 20);
export const A4 = { width: tw(PAGE.width), height: tw(PAGE.height) } as const;
const MARGIN = {
  top: tw(PAGE.top),
  bottom: tw(PAGE.bottom),
  left: tw(PAGE.left),
  right: tw(PAGE.right),
  header: tw(PAGE.top / 2),
  footer: tw(PAGE.bottom / 2 - 6),
};
/** Width of the text area, which tables are scaled to. */
const TEXT_WIDTH = A4.width - MARGIN.left - MARGIN.right;

const SIZE = {
  title: TYPE.title.size, h1: TYPE.h1.size, h2: TYPE.h2.size, h3: TYPE.h3.size,
  body: TYPE.body.size, small: TYPE.small.size, table: TYPE.cell.size, footer: TYPE.footer.size,
} as const;
/** docx sizes are in half-points. */
const hp = (points: number) => Math.round(points * 2);
/** `w:line` with LineRuleType.EXACT is in twips: the same line heights as the PDF. */
const exactly = (points: number) => tw(points);
const pt = (points: number) => Math.round(points * 20);

/** Style ids. Title and Heading1–3 replace Word's built-in styles of those ids, so Word's navigation pane sees them. */
export const DOCX_STYLE = {
  title: 'Title',
  heading1: 'Heading1',
  heading2: 'Heading2',
  heading3: 'Heading3',
  body: 'BodyText',
  small: 'SmallText',
  list: 'ListText',
  table: 'TableText',
  footer: 'Footer',
} as const;

/**
 * Characters the DOCX adds that are not in the model's text (`collectText`): the page-number footer and the list
 * prefixes. A font subset to embed must include them too.
 */
export const DOCX_DECORATION_TEXT = '第页共 0123456789．•';

const TONE_COLOR = { warning: COLOR.warning, muted: COLOR.muted } as const;

const ALIGNMENT = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  justify: AlignmentType.BOTH,
} as const satisfies Record<Align, unknown>;

const THIN_BLACK = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const; // size in 1/8 pt: 0.5 pt

/** Render the model as a DOCX file. */
export async function renderDocx(model: DocumentModel, options: DocxOptions = {}): Promise<Uint8Array> {
  const fontFamily = options.fontFamily ?? DEFAULT_DOCX_FONT;
  const creator = options.creator ?? DEFAULT_CREATOR;
  const fonts = options.embedFonts ? [embeddedFont(fontFamily, options.embedFonts)] : undefined;

  const section: ISectionOptions = {
    properties: {
      page: {
        size: { width: A4.width, height: A4.height },
        margin: MARGIN,
      },
    },
    ...(wantsPageNumbers(model) ? { footers: { default: pageNumberFooter() } } : {}),
    children: renderBlocks(model.blocks),
  };

  const doc = new Document({
    title: model.title,
    creator,
    lastModifiedBy: creator,
    styles: buildStyles(fontFamily),
    ...(fonts ? { fonts } : {}),
    sections: [section],
  });

  // docx has no option for the language of the core properties (dc:language), so its core.xml is replaced by one that
  // has it, with the same title, author and dates docx would write.
  const buffer = await Packer.toBuffer(doc, false, [{ path: 'docProps/core.xml', data: coreProperties(model.title, creator) }]);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

/**
 * Whether the footer shows '第 X 页 共 Y 页'.
 *
 * The model's `auto` means "only when the output has more than one page", but a DOCX is laid out by the program that
 * opens it, so its page count is unknown when it is written. `auto` is therefore decided from the blocks: numbered
 * when there is a table (the forms' tables are the long part, and a table with header rows is meant to span pages),
 * an explicit page break before the last block, or more than 25 blocks (about a page of short paragraphs).
 */
export function wantsPageNumbers(model: DocumentModel): boolean {
  switch (model.pageNumbers) {
    case 'on':
      return true;
    case 'off':
      return false;
    case 'auto': {
      const blocks = model.blocks;
      return (
        blocks.length > 25 ||
        blocks.some((b) => b.type === 'table') ||
        blocks.some((b, i) => b.type === 'pageBreak' && i < blocks.length - 1)
      );
    }
  }
}

// ---- Styles ---------------------------------------------------------------------------------------------------------

function buildStyles(fontFamily: string) {
  const font = { ascii: fontFamily, eastAsia: fontFamily, hAnsi: fontFamily, cs: fontFamily };
  const language = { value: LANGUAGE, eastAsia: LANGUAGE };

  const style = (
    id: string,
    name: string,
    points: number,
    paragraph: IParagraphStyleOptions['paragraph'],
    run: IParagraphStyleOptions['run'] = {},
    extra: Partial<IParagraphStyleOptions> = {},
  ): IParagraphStyleOptions => ({
    id,
    name,
    basedOn: 'Normal',
    next: DOCX_STYLE.body,
    quickFormat: true,
    ...extra,
    run: { font, size: hp(points), sizeComplexScript: hp(points), color: '000000', ...run },
    paragraph,
  });

  const heading = (level: 1 | 2 | 3, points: number, lineHeight: number, before: number, after: number) =>
    style(
      `Heading${level}`,
      `heading ${level}`,
      points,
      { outlineLevel: level - 1, keepNext: true, keepLines: true, spacing: { before: pt(before), after: pt(after), line: exactly(lineHeight), lineRule: LineRuleType.EXACT } },
      { bold: true, boldComplexScript: true },
    );

  return {
    default: {
      document: {
        run: { font, size: hp(SIZE.body), sizeComplexScript: hp(SIZE.body), language },
        paragraph: { spacing: { before: 0, after: 0 } },
      },
    },
    paragraphStyles: [
      style(
        DOCX_STYLE.title,
        'Title',
        SIZE.title,
        { alignment: AlignmentType.CENTER, keepNext: true, keepLines: true, spacing: { before: pt(SPACING.titleBefore), after: pt(SPACING.titleAfter), line: exactly(TYPE.title.lineHeight), lineRule: LineRuleType.EXACT } },
        { bold: true, boldComplexScript: true },
      ),
      heading(1, SIZE.h1, TYPE.h1.lineHeight, SPACING.headingBefore, SPACING.headingAfter),
      heading(2, SIZE.h2, TYPE.h2.lineHeight, SPACING.headingBefore, SPACING.headingAfter),
      heading(3, SIZE.h3, TYPE.h3.lineHeight, SPACING.headingBefore, SPACING.headingAfter),
      style(DOCX_STYLE.body, 'Body Text', SIZE.body, {
        alignment: AlignmentType.BOTH,
        spacing: { before: 0, after: pt(SPACING.paragraphAfter), line: exactly(TYPE.body.lineHeight), lineRule: LineRuleType.EXACT },
      }),
      style(DOCX_STYLE.small, 'Small Text', SIZE.small, {
        alignment: AlignmentType.LEFT,
        spacing: { before: 0, after: pt(SPACING.paragraphAfter), line: exactly(TYPE.small.lineHeight), lineRule: LineRuleType.EXACT },
      }),
      style(
        DOCX_STYLE.list,
        'List',
        SIZE.body,
        { alignment: AlignmentType.BOTH, spacing: { before: 0, after: 0, line: exactly(TYPE.body.lineHeight), lineRule: LineRuleType.EXACT } },
        {},
        { basedOn: DOCX_STYLE.body },
      ),
      style(
        DOCX_STYLE.table,
        'Table Text',
        SIZE.table,
        { spacing: { before: pt(SPACING.cellPadY / 2), after: pt(SPACING.cellPadY / 2), line: exactly(TYPE.cell.lineHeight), lineRule: LineRuleType.EXACT } },
        {},
        { next: DOCX_STYLE.table },
      ),
      style(
        DOCX_STYLE.footer,
        'footer',
        SIZE.footer,
        { alignment: AlignmentType.CENTER, spacing: { before: 0, after: 0 } },
        {},
        { next: DOCX_STYLE.footer, quickFormat: false },
      ),
    ],
  };
}

// ---- Blocks ---------------------------------------------------------------------------------------------------------

type BodyElement = Paragraph | Table;

/** Options a block's first paragraph takes when it starts a new page. */
type Lead = { pageBreakBefore?: boolean };

function renderBlocks(blocks: readonly Block[]): BodyElement[] {
  const out: BodyElement[] = [];
  // A page break is written as `pageBreakBefore` on the paragraph after it rather than as a break inside a paragraph
  // of its own, which would leave that paragraph's empty line at the top of the new page.
  let breakPending = false;
  for (const block of blocks) {
    if (block.type === 'pageBreak') {
      if (breakPending) out.push(new Paragraph({ style: DOCX_STYLE.body, pageBreakBefore: true })); // a blank page
      breakPending = true;
      continue;
    }
    const lead: Lead = breakPending ? { pageBreakBefore: true } : {};
    const startsWithTable = block.type === 'table' || block.type === 'signature';
    if (breakPending && startsWithTable) {
      // A table can't carry the break: put it in a 1pt-high paragraph before the table.
      out.push(new Paragraph({ children: [new PageBreak()], spacing: { line: 20, lineRule: LineRuleType.EXACT, before: 0, after: 0 } }));
    }
    breakPending = false;
    out.push(...renderBlock(block, startsWithTable ? {} : lead));
  }
  if (breakPending) out.push(new Paragraph({ style: DOCX_STYLE.body, pageBreakBefore: true }));
  return out;
}

function renderBlock(block: Exclude<Block, { type: 'pageBreak' }>, lead: Lead): BodyElement[] {
  switch (block.type) {
    case 'title':
      return [new Paragraph({ style: DOCX_STYLE.title, children: textRuns(block.runs), ...lead })];
    case 'heading':
      return [new Paragraph({ style: `Heading${block.level}`, children: textRuns(block.runs), ...lead })];
    case 'paragraph': {
      const points = block.small ? SIZE.small : SIZE.body;
      return [
        new Paragraph({
          style: block.small ? DOCX_STYLE.small : DOCX_STYLE.body,
          alignment: ALIGNMENT[block.align],
          // firstLineChars (hundredths of a character) is what Word's "首行缩进 2 字符" writes; firstLine is the same
          // distance in twips for programs that ignore firstLineChars.
          ...(block.indent > 0
            ? { indent: { firstLineChars: Math.round(block.indent * 100), firstLine: pt(block.indent * points) } }
            : {}),
          children: textRuns(block.runs),
          ...lead,
        }),
      ];
    }
    case 'list':
      return block.items.map((item, i) => {
        // A plain prefix and a hanging indent rather than Word numbering: it reads the same everywhere, and matches the
        // PDF. The hanging indent is the tab stop after the prefix, so wrapped lines line up with the item's text.
        const prefix = block.ordered ? `${i + 1}．` : '•';
        const hanging = pt(SIZE.body * (block.ordered ? 2.5 : 1.5));
        return new Paragraph({
          style: DOCX_STYLE.list,
          indent: { left: pt(SIZE.body * 2) + hanging, hanging },
          children: [new TextRun({ children: [prefix, new Tab()] }), ...textRuns(item)],
          ...(i === 0 ? lead : {}),
        });
      });
    case 'table':
      return [renderTable(block)];
    case 'spacer':
      if (!(block.height > 0)) return [];
      // An empty paragraph exactly that high.
      return [
        new Paragraph({
          style: DOCX_STYLE.body,
          spacing: { before: 0, after: 0, line: Math.max(pt(block.height), 1), lineRule: LineRuleType.EXACT },
          ...lead,
        }),
      ];
    case 'signature':
      return renderSignature(block);
  }
}

function renderTable(block: TableBlock): Table {
  const columnCount = Math.max(block.columns.length, ...block.rows.map((r) => r.cells.length), 1);
  const widths = scaleWidths(block.columns, columnCount);
  const rows = block.rows.map(
    (row, r) =>
      new TableRow({
        // Rows may split across pages (no cantSplit), so a tall row doesn't leave a gap at the foot of a page.
        ...(r < block.headerRows ? { tableHeader: true } : {}),
        children: padCells(row.cells.length, columnCount).map((c) => {
          const cell = row.cells[c];
          const paragraphs = cell && cell.paragraphs.length > 0 ? cell.paragraphs : [[]];
          return new TableCell({
            width: { size: widths[c] ?? 0, type: WidthType.DXA },
            verticalAlign: VerticalAlignTable.CENTER,
            children: paragraphs.map(
              (runs) =>
                new Paragraph({ style: DOCX_STYLE.table, alignment: ALIGNMENT[cell?.align ?? 'left'], children: textRuns(runs) }),
            ),
          });
        }),
      }),
  );
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: {
      top: THIN_BLACK,
      bottom: THIN_BLACK,
      left: THIN_BLACK,
      right: THIN_BLACK,
      insideHorizontal: THIN_BLACK,
      insideVertical: THIN_BLACK,
    },
    margins: { left: 100, right: 100, top: 0, bottom: 0 },
    rows: rows.length > 0 ? rows : [new TableRow({ children: [new TableCell({ children: [new Paragraph({ style: DOCX_STYLE.table })] })] })],
  });
}

/** Indexes of the cells of a row: every column, so that short rows still fill the table's grid. */
function padCells(cells: number, columns: number): number[] {
  return Array.from({ length: Math.max(cells, columns) }, (_, i) => i);
}

/** Relative column widths scaled to the text width, in whole twips that add up to it exactly. */
function scaleWidths(columns: readonly number[], count: number): number[] {
  const relative = Array.from({ length: count }, (_, i) => {
    const w = columns[i];
    return w !== undefined && Number.isFinite(w) && w > 0 ? w : 1;
  });
  const total = relative.reduce((a, b) => a + b, 0);
  const widths = relative.map((w) => Math.floor((w / total) * TEXT_WIDTH));
  const rest = TEXT_WIDTH - widths.reduce((a, b) => a + b, 0);
  widths[widths.length - 1] = (widths[widths.length - 1] ?? 0) + rest;
  return widths;
}

/**
 * Signature area: a borderless two-column table (the signature label on the left, the seal label on the right, then a
 * row of blank room to sign and stamp), followed by the date on the right. The rows are kept with the next, so the
 * labels, the room and the date stay on one page.
 */
function renderSignature(block: SignatureBlock): BodyElement[] {
  const half = Math.floor(TEXT_WIDTH / 2);
  const widths = [half, TEXT_WIDTH - half];
  const cell = (runs: Run[], c: number) =>
    new TableCell({
      width: { size: widths[c] ?? half, type: WidthType.DXA },
      children: [new Paragraph({ style: DOCX_STYLE.body, alignment: AlignmentType.LEFT, children: textRuns(runs) })],
    });
  const table = new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    margins: { left: 0, right: 0, top: 0, bottom: 0 },
    rows: [
      new TableRow({ cantSplit: true, keepNext: true, children: [cell(block.sign, 0), cell(block.seal, 1)] }),
      new TableRow({
        cantSplit: true,
        keepNext: true,
        height: { value: Math.max(pt(block.room), 1), rule: HeightRule.EXACT },
        children: [cell([], 0), cell([], 1)],
      }),
    ],
  });
  return [table, new Paragraph({ style: DOCX_STYLE.body, alignment: AlignmentType.RIGHT, children: textRuns(block.date) })];
}

// ---- Runs -----------------------------------------------------------------------------------------------------------

function textRuns(runs: readonly Run[]): TextRun[] {
  return runs.flatMap((run) => {
    const format: IRunOptions = {
      ...(run.bold || run.tone === 'warning' ? { bold: true, boldComplexScript: true } : {}),
      ...(run.underline ? { underline: { type: UnderlineType.SINGLE } } : {}),
      ...(run.tone === 'warning' ? { color: TONE_COLOR.warning } : {}),
      ...(run.tone === 'muted' ? { color: TONE_COLOR.muted } : {}),
    };
    // A line break inside a run's text becomes a line break in the paragraph.
    return run.text.split('\n').map((text, i) => new TextRun({ ...format, text, ...(i > 0 ? { break: 1 } : {}) }));
  });
}

function pageNumberFooter(): Footer {
  return new Footer({
    children: [
      new Paragraph({
        style: DOCX_STYLE.footer,
        children: [new TextRun({ children: ['第 ', PageNumber.CURRENT, ' 页 共 ', PageNumber.TOTAL_PAGES, ' 页'] })],
      }),
    ],
  });
}

// ---- Fonts and properties -------------------------------------------------------------------------------------------

function embeddedFont(name: string, faces: NonNullable<DocxOptions['embedFonts']>) {
  checkSfnt(name, 'regular', faces.regular);
  if (faces.bold) checkSfnt(name, 'bold', faces.bold);
  return {
    name,
    data: toBuffer(faces.regular),
    ...(faces.bold ? { bold: toBuffer(faces.bold) } : {}),
    characterSet: CharacterSet.GB_2312,
  };
}

/** Word embeds TrueType/OpenType files only: a WOFF/WOFF2 web font must be converted (subset-font's targetFormat). */
function checkSfnt(font: string, face: string, bytes: Uint8Array) {
  const tag = bytes.length >= 4 ? String.fromCharCode(bytes[0]!, bytes[1]!, bytes[2]!, bytes[3]!) : '';
  if (tag === '\0\x01\0\0' || tag === 'true' || tag === 'OTTO') return;
  const what = tag === 'wOFF' || tag === 'wOF2' ? `a ${tag === 'wOFF' ? 'WOFF' : 'WOFF2'} web font` : 'not a TrueType/OpenType font';
  throw new QcError('QC_FONT_UNAVAILABLE', { font, reason: `the ${face} face to embed in the DOCX is ${what}` });
}

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function escapeXml(text: string): string {
  const entities: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' };
  // eslint-disable-next-line no-control-regex -- characters XML 1.0 does not allow
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '').replace(/[<>&"']/g, (c) => entities[c] ?? c);
}

function coreProperties(title: string, creator: string): string {
  const now = new Date().toISOString();
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"' +
    ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"' +
    ' xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${escapeXml(title)}</dc:title>` +
    `<dc:creator>${escapeXml(creator)}</dc:creator>` +
    `<dc:language>${LANGUAGE}</dc:language>` +
    `<cp:lastModifiedBy>${escapeXml(creator)}</cp:lastModifiedBy>` +
    '<cp:revision>1</cp:revision>' +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${now}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${now}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
}
