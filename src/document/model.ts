/**
 * The small document model between templates and output formats.
 * A template renders to markup, the markup parses to this model, and both the PDF and the
 * DOCX writers render only this model, so the two outputs can never disagree in content.
 */

/** How a run of text is emphasised. `warning` marks something the applicant must fix. */
export type Tone = 'normal' | 'warning' | 'muted';

export interface Run {
  text: string;
  bold?: boolean;
  underline?: boolean;
  tone?: Tone;
}

export type Align = 'left' | 'center' | 'right' | 'justify';

export interface TitleBlock {
  type: 'title';
  runs: Run[];
}

export interface HeadingBlock {
  type: 'heading';
  level: 1 | 2 | 3;
  runs: Run[];
}

export interface ParagraphBlock {
  type: 'paragraph';
  runs: Run[];
  align: Align;
  /** First-line indent in characters (em); official Chinese prose indents by 2. */
  indent: number;
  /** Smaller print, e.g. footnotes and notes under tables. */
  small?: boolean;
  /** Never end a page with this paragraph: it labels what follows (e.g. '证明材料清单：'). */
  keepWithNext?: boolean;
}

export interface ListBlock {
  type: 'list';
  ordered: boolean;
  items: Run[][];
}

export interface TableCell {
  /** One or more paragraphs inside the cell. */
  paragraphs: Run[][];
  align: Align;
}

export interface TableRow {
  cells: TableCell[];
}

export interface TableBlock {
  type: 'table';
  /** Relative column widths; they are scaled to the text width. */
  columns: number[];
  /** The first `headerRows` rows are repeated at the top of every page the table spans. */
  headerRows: number;
  rows: TableRow[];
}

export interface SpacerBlock {
  type: 'spacer';
  /** Height in points. */
  height: number;
}

export interface PageBreakBlock {
  type: 'pageBreak';
}

/**
 * The signing area of a form: a signature label on the left, a seal label on the right,
 * blank room below them to sign and stamp, then the date line on the right.
 */
export interface SignatureBlock {
  type: 'signature';
  sign: Run[];
  seal: Run[];
  date: Run[];
  /** Blank room for the handwritten signature and the seal, in points. */
  room: number;
}

export type Block =
  | TitleBlock
  | HeadingBlock
  | ParagraphBlock
  | ListBlock
  | TableBlock
  | SpacerBlock
  | PageBreakBlock
  | SignatureBlock;

export type PageNumbers = 'auto' | 'on' | 'off';

export interface DocumentModel {
  /** Document title, used for PDF/DOCX metadata. */
  title: string;
  /** `auto`: numbered only when the output has more than one page. */
  pageNumbers: PageNumbers;
  blocks: Block[];
}

/** Every character the document will draw (used to subset the font). */
export function collectText(model: DocumentModel): string {
  const parts: string[] = [model.title];
  const addRuns = (runs: Run[]) => runs.forEach((r) => parts.push(r.text));
  for (const block of model.blocks) {
    switch (block.type) {
      case 'title':
      case 'heading':
      case 'paragraph':
        addRuns(block.runs);
        break;
      case 'list':
        block.items.forEach(addRuns);
        break;
      case 'table':
        block.rows.forEach((row) => row.cells.forEach((cell) => cell.paragraphs.forEach(addRuns)));
        break;
      case 'signature':
        addRuns(block.sign);
        addRuns(block.seal);
        addRuns(block.date);
        break;
      case 'spacer':
      case 'pageBreak':
        break;
    }
  }
  return parts.join('');
}
