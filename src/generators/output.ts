/** One document model, two formats: the choice of writer and the font subsets for DOCX. */
import { extname } from 'node:path';
import { QcError } from '../errors.js';
import { DOCX_DECORATION_TEXT, renderDocx } from '../document/docx.js';
import { FONT_FAMILY, loadFont, subsetFor } from '../document/fonts.js';
import { collectText, type DocumentModel } from '../document/model.js';
import { renderPdf } from '../document/pdf.js';

export const OUTPUT_FORMATS = ['pdf', 'docx'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface RenderOptions {
  /** PDF: fixed creation date for reproducible bytes. */
  creationDate?: Date;
  /**
   * DOCX: embed a subset of the font. Off by default: Word treats an embedded subset as
   * read-only for that font, and applicants edit the DOCX; without it Word and LibreOffice
   * substitute an installed Chinese font.
   */
  embedFont?: boolean;
  /** Paths of the user's own TrueType/WOFF fonts (PDF, and DOCX embedding). */
  fontPaths?: { regular?: string; bold?: string };
}

/** The format an output path asks for, from its extension. */
export function formatFromPath(path: string): OutputFormat {
  const ext = extname(path).slice(1).toLowerCase();
  if ((OUTPUT_FORMATS as readonly string[]).includes(ext)) return ext as OutputFormat;
  throw new QcError('QC_OUTPUT_FORMAT', { ext: ext || path });
}

export async function renderDocument(model: DocumentModel, format: OutputFormat, options: RenderOptions = {}): Promise<Uint8Array> {
  if (format === 'pdf') return renderPdf(model, { creationDate: options.creationDate, fontPaths: options.fontPaths });
  if (!options.embedFont) return renderDocx(model, { fontFamily: FONT_FAMILY, creator: 'qcredit' });
  const text = collectText(model) + DOCX_DECORATION_TEXT;
  const [regular, bold] = await Promise.all([
    loadFont('regular', options.fontPaths?.regular).then((f) => subsetFor(f, text)),
    loadFont('bold', options.fontPaths?.bold).then((f) => subsetFor(f, text)),
  ]);
  return renderDocx(model, { fontFamily: FONT_FAMILY, creator: 'qcredit', embedFonts: { regular, bold } });
}
