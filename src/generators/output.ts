/** One document model, two formats: the writer for each, and the font subsets for DOCX. */
export { OUTPUT_FORMATS, formatFromPath, type OutputFormat } from './format.js';
import { collectText, type DocumentModel } from '../document/model.js';
import type { OutputFormat } from './format.js';

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

/** Render a model; each writer (and the font code) loads only when its format is asked for. */
export async function renderDocument(model: DocumentModel, format: OutputFormat, options: RenderOptions = {}): Promise<Uint8Array> {
  if (format === 'pdf') {
    const { renderPdf } = await import('../document/pdf.js');
    return renderPdf(model, { creationDate: options.creationDate, fontPaths: options.fontPaths });
  }
  const { DOCX_DECORATION_TEXT, renderDocx } = await import('../document/docx.js');
  const { FONT_FAMILY, loadFont, subsetFor } = await import('../document/fonts.js');
  if (!options.embedFont) return renderDocx(model, { fontFamily: FONT_FAMILY, creator: 'qcredit' });
  const text = collectText(model) + DOCX_DECORATION_TEXT;
  const [regular, bold] = await Promise.all([
    loadFont('regular', options.fontPaths?.regular).then((f) => subsetFor(f, text)),
    loadFont('bold', options.fontPaths?.bold).then((f) => subsetFor(f, text)),
  ]);
  return renderDocx(model, { fontFamily: FONT_FAMILY, creator: 'qcredit', embedFonts: { regular, bold } });
}
