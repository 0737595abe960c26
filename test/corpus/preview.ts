/** PNG previews of corpus files, for looking at them (PDF pages rendered with pdfjs, JPEGs re-encoded). */
import sharp from 'sharp';
import { PNG } from 'pngjs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { renderPdfPages } from '../helpers/render.js';

/** Page images of a PDF as PNG files, at `dpi`. */
export async function pdfPreviews(pdf: Uint8Array, dpi = 100, maxPages = 3): Promise<Uint8Array[]> {
  const pages = await renderPdfPages(pdf, dpi);
  return pages.slice(0, maxPages).map((png) => new Uint8Array(PNG.sync.write(png)));
}

/** A downscaled PNG of a JPEG (or any image sharp reads), at most `maxWidth` wide. */
export async function imagePreview(bytes: Uint8Array, maxWidth = 1200): Promise<Uint8Array> {
  return new Uint8Array(await sharp(bytes).resize({ width: maxWidth, withoutEnlargement: true }).png().toBuffer());
}

/** Number of pages of a PDF. */
export async function pdfPageCount(pdf: Uint8Array): Promise<number> {
  const doc = await getDocument({ data: pdf.slice(), isEvalSupported: false, verbosity: 0 }).promise;
  const n = doc.numPages;
  await doc.destroy();
  return n;
}
