/**
 * PDFs through pdfjs: the text layer with positions (with CMaps and standard font data, so
 * official PDFs whose Chinese font is not embedded still give text), and pages rendered to
 * pixels only when a check or OCR needs them.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { AnnotationMode, getDocument, OPS, type PDFDocumentProxy, type PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { QcError } from '../errors.js';
import { groupIntoLines, type PositionedText } from './lines.js';
import type { PageDrawing, RasterImage, TextLine } from './types.js';

const require = createRequire(import.meta.url);
const PDFJS_DIR = dirname(require.resolve('pdfjs-dist/package.json'));
/** pdfjs reads these from disk in Node (paths must end with a slash). */
const CMAP_URL = join(PDFJS_DIR, 'cmaps') + '/';
const STANDARD_FONTS_URL = join(PDFJS_DIR, 'standard_fonts') + '/';

export interface PdfFile {
  pageCount: number;
  /** Size of a page in PDF points, after its /Rotate. */
  pageSize(number: number): Promise<{ width: number; height: number; rotation: number }>;
  /** The text layer of a page as lines, boxes in pixels at `dpi`. */
  textLines(number: number, dpi: number): Promise<TextLine[]>;
  /** The page rendered at `dpi` (RGBA). */
  render(number: number, dpi: number): Promise<RasterImage>;
  /** What the page paints, from its drawing operators alone (nothing rendered). */
  drawing(number: number): Promise<PageDrawing>;
  close(): Promise<void>;
}

/** Open a PDF; corrupt and encrypted files become QcErrors naming the file. */
export async function openPdf(bytes: Uint8Array, file: string): Promise<PdfFile> {
  let doc: PDFDocumentProxy;
  try {
    doc = await getDocument({
      // pdfjs transfers (detaches) the buffer it is given.
      data: new Uint8Array(bytes),
      cMapUrl: CMAP_URL,
      cMapPacked: true,
      standardFontDataUrl: STANDARD_FONTS_URL,
      // Never substitute fonts from the machine, never run embedded JavaScript.
      useSystemFonts: false,
      disableFontFace: true,
      isEvalSupported: false,
      enableXfa: false,
      verbosity: 0,
    }).promise;
  } catch (error) {
    throw pdfError(error, file);
  }

  const pages = new Map<number, Promise<PDFPageProxy>>();
  const page = (number: number) => {
    let pending = pages.get(number);
    if (!pending) {
      pending = doc.getPage(number).catch((error: unknown) => {
        throw pdfError(error, file);
      });
      pages.set(number, pending);
    }
    return pending;
  };

  // A damaged object may only show when a page's text or drawing is parsed (a bad XRef
  // entry, say): that too is a corrupt file, not an unknown failure.
  const guarded = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      throw error instanceof QcError ? error : pdfError(error, file);
    }
  };

  return {
    pageCount: doc.numPages,
    async pageSize(number) {
      const p = await page(number);
      const viewport = p.getViewport({ scale: 1 });
      return { width: viewport.width, height: viewport.height, rotation: p.rotate };
    },
    textLines: (number, dpi) => guarded(async () => {
      const p = await page(number);
      const viewport = p.getViewport({ scale: dpi / 72 });
      const content = await p.getTextContent();
      const pieces: PositionedText[] = [];
      for (const item of content.items) {
        if (!('str' in item) || !item.str.trim()) continue;
        const [a, b, c, d, e, f] = item.transform as number[];
        const size = Math.hypot(c!, d!) || Math.hypot(a!, b!);
        // The item's box in PDF space: baseline origin, advance width, font size tall
        // (descenders ~0.2 em below the baseline).
        const rect = viewport.convertToViewportRectangle([e!, f! - size * 0.2, e! + item.width, f! + size * 0.88]);
        const x = Math.min(rect[0]!, rect[2]!);
        const y = Math.min(rect[1]!, rect[3]!);
        pieces.push({
          text: item.str,
          box: { x, y, width: Math.abs(rect[2]! - rect[0]!), height: Math.abs(rect[3]! - rect[1]!) },
          confidence: 1,
        });
      }
      return groupIntoLines(pieces);
    }),
    render: (number, dpi) => guarded(async () => {
      const p = await page(number);
      const viewport = p.getViewport({ scale: dpi / 72 });
      const width = Math.max(1, Math.round(viewport.width));
      const height = Math.max(1, Math.round(viewport.height));
      const canvas = createCanvas(width, height);
      const context = canvas.getContext('2d');
      context.fillStyle = '#ffffff';
      context.fillRect(0, 0, width, height);
      type RenderParameters = Parameters<PDFPageProxy['render']>[0];
      await p.render({
        canvas: canvas as unknown as RenderParameters['canvas'],
        canvasContext: context as unknown as RenderParameters['canvasContext'],
        viewport,
        background: '#ffffff',
      }).promise;
      const data = context.getImageData(0, 0, width, height).data;
      p.cleanup();
      return { width, height, channels: 4, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
    }),
    drawing: (number) => guarded(async () => {
      const p = await page(number);
      // The same content as rendering draws (annotations' appearances and forms included).
      const list = await p.getOperatorList({ annotationMode: AnnotationMode.ENABLE_FORMS });
      return surveyDrawing(list.fnArray, list.argsArray);
    }),
    async close() {
      await doc.destroy();
    },
  };
}

const PAINTS_STROKE = new Set<number>([OPS.stroke, OPS.closeStroke, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
const PAINTS_FILL = new Set<number>([OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke, OPS.rawFillPath]);
const PAINTS_IMAGE = new Set<number>([
  OPS.paintImageXObject, OPS.paintInlineImageXObject, OPS.paintInlineImageXObjectGroup, OPS.paintImageXObjectRepeat,
  OPS.paintImageMaskXObject, OPS.paintImageMaskXObjectGroup, OPS.paintImageMaskXObjectRepeat, OPS.paintSolidColorImageMask,
]);
const SAVES = new Set<number>([OPS.save, OPS.paintFormXObjectBegin, OPS.beginGroup]);
const RESTORES = new Set<number>([OPS.restore, OPS.paintFormXObjectEnd, OPS.endGroup]);
/** A colour that is not one plain RGB value (a pattern, a shading): it may be any colour. */
const ANY_COLOUR = 'pattern';

/**
 * The images a page paints and the colours of its filled and stroked shapes, from pdfjs's
 * operator list (pdfjs gives every plain colour as '#rrggbb'). Text is not a shape: a red
 * title is not counted, the ring of a drawn seal is.
 */
function surveyDrawing(fns: readonly number[], args: readonly unknown[][]): PageDrawing {
  let fill = '#000000';
  let stroke = '#000000';
  const stack: [string, string][] = [];
  const colours = new Set<string>();
  let images = 0;
  const paint = (op: number) => {
    if (PAINTS_FILL.has(op) && fill) colours.add(fill);
    if (PAINTS_STROKE.has(op) && stroke) colours.add(stroke);
  };
  const colourOf = (arg: unknown) => (typeof arg === 'string' && /^#[0-9a-f]{6}$/i.test(arg) ? arg.toLowerCase() : ANY_COLOUR);
  for (let i = 0; i < fns.length; i++) {
    const fn = fns[i]!;
    const a = args[i] ?? [];
    if (fn === OPS.setFillRGBColor) fill = colourOf(a[0]);
    else if (fn === OPS.setStrokeRGBColor) stroke = colourOf(a[0]);
    else if (fn === OPS.setFillColorN || fn === OPS.setFillColor) fill = ANY_COLOUR;
    else if (fn === OPS.setStrokeColorN || fn === OPS.setStrokeColor) stroke = ANY_COLOUR;
    else if (fn === OPS.setFillTransparent) fill = '';
    else if (fn === OPS.setStrokeTransparent) stroke = '';
    else if (SAVES.has(fn)) stack.push([fill, stroke]);
    else if (RESTORES.has(fn)) [fill, stroke] = stack.pop() ?? [fill, stroke];
    else if (fn === OPS.constructPath) paint(a[0] as number);
    else if (PAINTS_FILL.has(fn) || PAINTS_STROKE.has(fn)) paint(fn);
    else if (fn === OPS.shadingFill) colours.add(ANY_COLOUR);
    else if (PAINTS_IMAGE.has(fn)) images++;
  }
  return { images, shapeColours: [...colours] };
}

function pdfError(error: unknown, file: string): QcError {
  const name = (error as { name?: string })?.name ?? '';
  const message = (error as Error)?.message ?? String(error);
  if (name === 'PasswordException') return new QcError('QC_PDF_ENCRYPTED', { file }, { cause: error });
  return new QcError('QC_PDF_CORRUPT', { file, reason: message }, { cause: error });
}

/** pdfjs substitutes US Letter for a page whose MediaBox has no area, so it cannot tell us. */
export const LETTER_POINTS = { width: 612, height: 792 };

/**
 * Pages (1-based) whose MediaBox has zero width or height. pdfjs shows those as US Letter;
 * this asks the file itself (with pdf-lib), so call it only when a Letter page turns up —
 * Chinese documents are A4.
 */
export async function zeroSizePages(bytes: Uint8Array): Promise<Set<number>> {
  const zero = new Set<number>();
  // pdf-lib is loaded only here: a rare question, and a fifth of a second of a cold command.
  const { PDFArray, PDFDocument: PdfLibDocument, PDFName, PDFNumber } = await import('pdf-lib');
  try {
    const doc = await PdfLibDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: false });
    doc.getPages().forEach((page, i) => {
      const box = page.node.lookupMaybe(PDFName.of('MediaBox'), PDFArray) ?? page.node.getInheritableAttribute(PDFName.of('MediaBox'));
      const values = box instanceof PDFArray ? box.asArray().map((v) => (v instanceof PDFNumber ? v.asNumber() : NaN)) : [];
      const [x0 = NaN, y0 = NaN, x1 = NaN, y1 = NaN] = values;
      if (values.length === 4 && (Math.abs(x1 - x0) < 1 || Math.abs(y1 - y0) < 1)) zero.add(i + 1);
    });
  } catch {
    // pdfjs opened it; if pdf-lib cannot, we simply do not know more.
  }
  return zero;
}
