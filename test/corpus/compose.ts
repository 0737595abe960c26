/**
 * A small page composer over pdf-lib for documents that do not come from the project's own
 * templates (licences, certificates, reports from other issuers): absolute text, wrapped
 * paragraphs that flow over pages, simple ruled tables, rules, boxes and images (seals and
 * signatures are PNG images drawn on a canvas, as electronic seals are).
 *
 * Operations are recorded first and drawn in `finish()`, so each font weight is subset to
 * exactly the characters drawn in it (harfbuzz, through the project's font code) and embedded
 * whole, the way the project's own PDF writer does it. All y coordinates are measured from
 * the top of the page, in points.
 */
import { BlendMode, PDFDocument, degrees, rgb, setCharacterSpacing, type PDFFont, type PDFImage } from 'pdf-lib';
import { plainFontkit, subsetFor, type LoadedFont } from '../../src/document/fonts.js';
import { corpusFont, type FontChoice, type Weight } from './fonts.js';
import type { Box, DecoyMark, SealMark } from './types.js';

export type Rgb = readonly [number, number, number];
export const BLACK: Rgb = [0, 0, 0];
export const INK: Rgb = [20, 20, 20];
export const GREY: Rgb = [110, 110, 110];
export const RED: Rgb = [214, 0, 18];
export const DARK_RED: Rgb = [190, 16, 24];

export const A4 = { width: 595.28, height: 841.89 } as const;
export const A4_LANDSCAPE = { width: 841.89, height: 595.28 } as const;

export type Align = 'left' | 'center' | 'right' | 'justify';

export interface TextOptions {
  size: number;
  /** 'body' and 'bold' are the document's chosen weights; a number forces one. */
  weight?: 'body' | 'bold' | Weight;
  color?: Rgb;
  /** How x is read: the left edge, the centre or the right edge of the text. */
  align?: 'left' | 'center' | 'right';
  /** Extra space after each character, in points. */
  spacing?: number;
  opacity?: number;
  /** Counter-clockwise rotation in degrees about the start of the baseline. */
  rotate?: number;
}

export interface ParagraphOptions {
  size: number;
  weight?: 'body' | 'bold' | Weight;
  color?: Rgb;
  /** Line height in points; 1.75 × size by default. */
  lineHeight?: number;
  /** First-line indent in em. */
  indent?: number;
  align?: Align;
  x?: number;
  width?: number;
  /** Space after the paragraph in points. */
  after?: number;
  /** Extra letter spacing. */
  spacing?: number;
}

export interface Cell {
  text: string;
  align?: 'left' | 'center' | 'right';
  bold?: boolean;
}

export interface TableOptions {
  size?: number;
  lineHeight?: number;
  headerRows?: number;
  /** Fill behind header rows. */
  headerFill?: Rgb | null;
  padX?: number;
  padY?: number;
  x?: number;
  /** Column widths in points (scaled to `width` when that is given). */
  widths: number[];
  width?: number;
  border?: Rgb;
  borderWidth?: number;
  /** Default alignment per column. */
  aligns?: ('left' | 'center' | 'right')[];
  /** Minimum row height in points. */
  minRowHeight?: number;
}

type Op =
  | { k: 'text'; page: number; x: number; y: number; str: string; size: number; weight: Weight; color: Rgb; spacing: number; opacity: number; rotate: number }
  | { k: 'line'; page: number; x1: number; y1: number; x2: number; y2: number; width: number; color: Rgb; opacity: number; dash: number[] | null }
  | { k: 'rect'; page: number; x: number; y: number; w: number; h: number; stroke: Rgb | null; fill: Rgb | null; width: number; opacity: number }
  | { k: 'ellipse'; page: number; cx: number; cy: number; rx: number; ry: number; stroke: Rgb | null; fill: Rgb | null; width: number }
  | { k: 'image'; page: number; key: number; x: number; y: number; w: number; h: number; multiply: boolean; opacity: number };

const NO_START = new Set([...'，。、；：？！）》」』】〕…—·%,.;:!?)]%’”']);
const NO_END = new Set([...'（《「『【〔“‘(']);

export class Composer {
  readonly width: number;
  readonly height: number;
  readonly margin: { top: number; bottom: number; left: number; right: number };
  readonly seals: SealMark[] = [];
  readonly decoys: DecoyMark[] = [];
  /** 0-based index of the current page. */
  page = 0;
  pageCount = 1;
  /** Cursor for flowing content, from the top of the page. */
  y: number;
  /** Called after a page is added by flowing content (headers of continued pages). */
  onNewPage: ((c: Composer) => void) | null = null;
  /** Drawn on every page at finish(): page number footers and the like. */
  footer: ((c: Composer, page: number, total: number) => void) | null = null;

  private readonly ops: Op[] = [];
  private readonly images: Uint8Array[] = [];
  private readonly fonts: Map<Weight, LoadedFont>;

  private constructor(
    size: { width: number; height: number },
    readonly fontChoice: FontChoice,
    fonts: Map<Weight, LoadedFont>,
    margin: { top: number; bottom: number; left: number; right: number },
  ) {
    this.width = size.width;
    this.height = size.height;
    this.margin = margin;
    this.fonts = fonts;
    this.y = margin.top;
  }

  static async create(size: { width: number; height: number }, fonts: FontChoice, margin = { top: 64, bottom: 64, left: 72, right: 72 }): Promise<Composer> {
    const loaded = new Map<Weight, LoadedFont>();
    for (const w of [300, 400, 700, 900] as Weight[]) loaded.set(w, await corpusFont(w));
    return new Composer(size, fonts, loaded, margin);
  }

  get contentWidth(): number {
    return this.width - this.margin.left - this.margin.right;
  }
  get bottom(): number {
    return this.height - this.margin.bottom;
  }
  get remaining(): number {
    return this.bottom - this.y;
  }

  weightOf(weight: TextOptions['weight']): Weight {
    if (weight === undefined || weight === 'body') return this.fontChoice.body;
    if (weight === 'bold') return this.fontChoice.bold;
    return weight;
  }

  measure(str: string, size: number, weight?: TextOptions['weight'], spacing = 0): number {
    const font = this.fonts.get(this.weightOf(weight))!;
    let w = 0;
    let n = 0;
    for (const ch of str) {
      w += font.advance(ch);
      n++;
    }
    return w * size + spacing * n;
  }

  newPage(): void {
    this.pageCount++;
    this.page = this.pageCount - 1;
    this.y = this.margin.top;
    this.onNewPage?.(this);
  }

  /** Start a new page when fewer than `height` points remain. */
  ensure(height: number): void {
    if (height > this.remaining && this.y > this.margin.top + 1) this.newPage();
  }

  gap(height: number): void {
    this.y += height;
  }

  /** Draw one line of text with its top at y; returns its box. */
  text(str: string, x: number, y: number, options: TextOptions): Box {
    const weight = this.weightOf(options.weight);
    const spacing = options.spacing ?? 0;
    const width = this.measure(str, options.size, weight, spacing) - (spacing && str.length ? spacing : 0);
    const left = options.align === 'center' ? x - width / 2 : options.align === 'right' ? x - width : x;
    if (str.trim()) {
      this.ops.push({
        k: 'text', page: this.page, x: left, y, str, size: options.size, weight, color: options.color ?? INK,
        spacing, opacity: options.opacity ?? 1, rotate: options.rotate ?? 0,
      });
    }
    return { x: left, y, width, height: options.size * 1.05 };
  }

  /** Lines of `str` broken to fit `width` (the first line to `firstWidth`). */
  wrap(str: string, width: number, size: number, weight?: TextOptions['weight'], firstWidth = width, spacing = 0): string[] {
    const lines: string[] = [];
    for (const hard of str.split('\n')) {
      const before = lines.length;
      const units = hard.match(/[A-Za-z0-9][A-Za-z0-9.\-/+%:~_@]*|[\s\S]/gu) ?? [];
      let cur = '';
      let curW = 0;
      let limit = lines.length === 0 ? firstWidth : width;
      for (const unit of units) {
        const w = this.measure(unit, size, weight, spacing);
        if (cur && curW + w > limit + 0.01) {
          if (unit.length === 1 && NO_START.has(unit)) {
            lines.push(cur + unit);
            cur = '';
            curW = 0;
            limit = width;
            continue;
          }
          let carry = '';
          const lastCh = [...cur].pop() ?? '';
          if (NO_END.has(lastCh)) {
            carry = lastCh;
            cur = cur.slice(0, -lastCh.length);
          }
          lines.push(cur);
          cur = carry;
          curW = carry ? this.measure(carry, size, weight, spacing) : 0;
          limit = width;
        }
        if (!cur && unit === ' ') continue;
        cur += unit;
        curW += w;
      }
      // A hanging mark may have ended the last line already: no empty line after it.
      if (cur || lines.length === before) lines.push(cur);
    }
    return lines;
  }

  /** A paragraph flowing from the cursor; returns the boxes of its lines. */
  para(str: string, options: ParagraphOptions): Box[] {
    const size = options.size;
    const lh = options.lineHeight ?? size * 1.75;
    const x = options.x ?? this.margin.left;
    const width = options.width ?? this.contentWidth;
    const indent = (options.indent ?? 0) * size;
    const spacing = options.spacing ?? 0;
    const lines = this.wrap(str, width, size, options.weight, width - indent, spacing);
    const boxes: Box[] = [];
    lines.forEach((line, i) => {
      this.ensure(lh);
      const top = this.y + (lh - size) / 2;
      const lx = x + (i === 0 ? indent : 0);
      const avail = width - (i === 0 ? indent : 0);
      const align = options.align ?? 'justify';
      let extra = spacing;
      const chars = [...line].length;
      if (align === 'justify' && i < lines.length - 1 && chars > 1) {
        const natural = this.measure(line, size, options.weight, spacing);
        const per = (avail - natural) / (chars - 1);
        if (per > 0 && per < size * 0.5) extra = spacing + per;
      }
      let box: Box;
      if (align === 'center') box = this.text(line, lx + avail / 2, top, { size, weight: options.weight, color: options.color, align: 'center', spacing: extra });
      else if (align === 'right') box = this.text(line, lx + avail, top, { size, weight: options.weight, color: options.color, align: 'right', spacing: extra });
      else box = this.text(line, lx, top, { size, weight: options.weight, color: options.color, spacing: extra });
      boxes.push(box);
      this.y += lh;
    });
    this.y += options.after ?? 0;
    return boxes;
  }

  line(x1: number, y1: number, x2: number, y2: number, width = 0.6, color: Rgb = BLACK, dash: number[] | null = null, opacity = 1): void {
    this.ops.push({ k: 'line', page: this.page, x1, y1, x2, y2, width, color, dash, opacity });
  }

  rect(x: number, y: number, w: number, h: number, options: { stroke?: Rgb | null; fill?: Rgb | null; width?: number; opacity?: number } = {}): void {
    this.ops.push({ k: 'rect', page: this.page, x, y, w, h, stroke: options.stroke === undefined ? BLACK : options.stroke, fill: options.fill ?? null, width: options.width ?? 0.6, opacity: options.opacity ?? 1 });
  }

  ellipse(cx: number, cy: number, rx: number, ry: number, options: { stroke?: Rgb | null; fill?: Rgb | null; width?: number } = {}): void {
    this.ops.push({ k: 'ellipse', page: this.page, cx, cy, rx, ry, stroke: options.stroke === undefined ? BLACK : options.stroke, fill: options.fill ?? null, width: options.width ?? 0.6 });
  }

  /** A PNG (with alpha) drawn into the box; `multiply` blends it like ink over the print. */
  image(png: Uint8Array, x: number, y: number, w: number, h: number, multiply = true, opacity = 1): Box {
    const key = this.images.length;
    this.images.push(png);
    this.ops.push({ k: 'image', page: this.page, key, x, y, w, h, multiply, opacity });
    return { x, y, width: w, height: h };
  }

  addSeal(mark: Omit<SealMark, 'page'>, page = this.page): void {
    this.seals.push({ ...mark, page: page + 1 });
  }

  addDecoy(mark: Omit<DecoyMark, 'page'>, page = this.page): void {
    this.decoys.push({ ...mark, page: page + 1 });
  }

  /** A ruled table flowing from the cursor; header rows repeat on continued pages. */
  table(rows: (string | Cell)[][], options: TableOptions): void {
    const size = options.size ?? 9.5;
    const lh = options.lineHeight ?? size * 1.5;
    const padX = options.padX ?? 5;
    const padY = options.padY ?? 4;
    const x0 = options.x ?? this.margin.left;
    const total = options.widths.reduce((a, b) => a + b, 0);
    const scale = options.width ? options.width / total : 1;
    const widths = options.widths.map((w) => w * scale);
    const xs = widths.map((_, i) => x0 + widths.slice(0, i).reduce((a, b) => a + b, 0));
    const tableWidth = widths.reduce((a, b) => a + b, 0);
    const headerRows = options.headerRows ?? 0;
    const border = options.border ?? BLACK;
    const bw = options.borderWidth ?? 0.6;
    const cells = rows.map((row, r) =>
      row.map((cell, c) => {
        const spec: Cell = typeof cell === 'string' ? { text: cell } : cell;
        const bold = spec.bold ?? r < headerRows;
        const lines = this.wrap(spec.text, widths[c]! - 2 * padX, size, bold ? 'bold' : 'body');
        const align = spec.align ?? (r < headerRows ? 'center' : options.aligns?.[c] ?? 'left');
        return { lines, bold, align };
      }),
    );
    const heights = cells.map((row) => Math.max(options.minRowHeight ?? 0, Math.max(...row.map((c) => c.lines.length)) * lh + 2 * padY));
    const drawRow = (r: number) => {
      const top = this.y;
      const h = heights[r]!;
      if (r < headerRows && options.headerFill) this.rect(x0, top, tableWidth, h, { stroke: null, fill: options.headerFill });
      cells[r]!.forEach((cell, c) => {
        const blockH = cell.lines.length * lh;
        let ty = top + (h - blockH) / 2 + (lh - size) / 2;
        for (const line of cell.lines) {
          const cx = cell.align === 'center' ? xs[c]! + widths[c]! / 2 : cell.align === 'right' ? xs[c]! + widths[c]! - padX : xs[c]! + padX;
          this.text(line, cx, ty, { size, weight: cell.bold ? 'bold' : 'body', align: cell.align });
          ty += lh;
        }
      });
      this.line(x0, top, x0 + tableWidth, top, bw, border);
      this.line(x0, top + h, x0 + tableWidth, top + h, bw, border);
      for (const x of [...xs, x0 + tableWidth]) this.line(x, top, x, top + h, bw, border);
      this.y += h;
    };
    for (let r = 0; r < rows.length; r++) {
      if (heights[r]! > this.remaining && this.y > this.margin.top + 1) {
        this.newPage();
        if (r >= headerRows) for (let h = 0; h < headerRows; h++) drawRow(h);
      }
      drawRow(r);
    }
  }

  /** Draw everything into a PDF. */
  async finish(meta: { title: string; author?: string; subject?: string; creationDate: Date; producer?: string; creator?: string }): Promise<Uint8Array> {
    if (this.footer) {
      const saved = this.page;
      for (let p = 0; p < this.pageCount; p++) {
        this.page = p;
        this.footer(this, p + 1, this.pageCount);
      }
      this.page = saved;
    }
    const pdf = await PDFDocument.create();
    pdf.registerFontkit(plainFontkit as unknown as Parameters<PDFDocument['registerFontkit']>[0]);
    const used = new Map<Weight, string>();
    for (const op of this.ops) if (op.k === 'text') used.set(op.weight, (used.get(op.weight) ?? '') + op.str);
    const embedded = new Map<Weight, PDFFont>();
    for (const [weight, text] of [...used.entries()].sort((a, b) => a[0] - b[0])) {
      const bytes = await subsetFor(this.fonts.get(weight)!, text);
      embedded.set(weight, await pdf.embedFont(bytes, { subset: false }));
    }
    const images = new Map<number, PDFImage>();
    for (const op of this.ops) if (op.k === 'image') images.set(op.key, await pdf.embedPng(this.images[op.key]!));

    pdf.setTitle(meta.title);
    pdf.setLanguage('zh-CN');
    pdf.setAuthor(meta.author ?? '');
    pdf.setSubject(meta.subject ?? 'qcredit synthetic test corpus: fictitious document');
    pdf.setCreator(meta.creator ?? 'qcredit test corpus');
    pdf.setProducer(meta.producer ?? 'pdf-lib');
    pdf.setCreationDate(meta.creationDate);
    pdf.setModificationDate(meta.creationDate);
    const pages = Array.from({ length: this.pageCount }, () => pdf.addPage([this.width, this.height]));
    const H = this.height;
    const col = (c: Rgb) => rgb(c[0] / 255, c[1] / 255, c[2] / 255);
    for (const op of this.ops) {
      const page = pages[op.page]!;
      switch (op.k) {
        case 'text': {
          const font = embedded.get(op.weight)!;
          if (op.spacing) page.pushOperators(setCharacterSpacing(op.spacing));
          page.drawText(op.str, {
            x: op.x, y: H - op.y - op.size * 0.88, size: op.size, font, color: col(op.color),
            ...(op.opacity < 1 ? { opacity: op.opacity } : {}), ...(op.rotate ? { rotate: degrees(op.rotate) } : {}),
          });
          if (op.spacing) page.pushOperators(setCharacterSpacing(0));
          break;
        }
        case 'line':
          page.drawLine({
            start: { x: op.x1, y: H - op.y1 }, end: { x: op.x2, y: H - op.y2 }, thickness: op.width, color: col(op.color),
            ...(op.dash ? { dashArray: op.dash } : {}), ...(op.opacity < 1 ? { opacity: op.opacity } : {}),
          });
          break;
        case 'rect':
          page.drawRectangle({
            x: op.x, y: H - op.y - op.h, width: op.w, height: op.h,
            ...(op.stroke ? { borderColor: col(op.stroke), borderWidth: op.width } : { borderWidth: 0 }),
            ...(op.fill ? { color: col(op.fill) } : {}), ...(op.opacity < 1 ? { opacity: op.opacity, borderOpacity: op.opacity } : {}),
          });
          break;
        case 'ellipse':
          page.drawEllipse({
            x: op.cx, y: H - op.cy, xScale: op.rx, yScale: op.ry,
            ...(op.stroke ? { borderColor: col(op.stroke), borderWidth: op.width } : { borderWidth: 0 }),
            ...(op.fill ? { color: col(op.fill) } : {}),
          });
          break;
        case 'image':
          page.drawImage(images.get(op.key)!, {
            x: op.x, y: H - op.y - op.h, width: op.w, height: op.h,
            ...(op.multiply ? { blendMode: BlendMode.Multiply } : {}), ...(op.opacity < 1 ? { opacity: op.opacity } : {}),
          });
          break;
      }
    }
    return pdf.save({ useObjectStreams: true });
  }
}
