/**
 * Test helpers for generated PDFs: render pages to pixels, extract positioned text, measure
 * ink and compare against reviewed PNG snapshots.
 *
 * Rendering uses pdfjs-dist's legacy build on @napi-rs/canvas with `disableFontFace: true`
 * and `useSystemFonts: false`: every glyph is drawn from the outlines embedded in the PDF and
 * nothing can be substituted from fonts installed on the machine. A text round trip does not
 * prove that glyphs render (a PDF with blank glyphs extracts perfectly), so tests that care
 * about visible text must look at pixels.
 *
 * This renderer is kept apart from the reader's (`openPdf().render` in src/reading/pdf.ts) on
 * purpose: the generator's snapshots must not pass because the reader has the same blind spot,
 * and the reader's settings (CMaps, standard fonts for non-embedded official PDFs) are not the
 * strict no-substitution settings these tests need.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCanvas } from '@napi-rs/canvas';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import { getDocument, type PDFDocumentProxy, type PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** The repository root (this file is test/helpers/render.ts). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** Where mismatching renders and their diffs are written for review (git-ignored). */
export const OUTPUT_DIR = join(REPO_ROOT, 'test/__output__');

async function openPdf(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  // pdfjs transfers (detaches) the buffer it is given: always hand it a copy.
  return getDocument({
    data: bytes.slice(),
    disableFontFace: true,
    useSystemFonts: false,
    isEvalSupported: false,
    verbosity: 0,
  }).promise;
}

async function withPdf<T>(bytes: Uint8Array, fn: (doc: PDFDocumentProxy) => Promise<T>): Promise<T> {
  const doc = await openPdf(bytes);
  try {
    return await fn(doc);
  } finally {
    await doc.destroy();
  }
}

type RenderParameters = Parameters<PDFPageProxy['render']>[0];

/** Render every page at `dpi` (72 = one pixel per point) on a white background. */
export async function renderPdfPages(bytes: Uint8Array, dpi = 72): Promise<PNG[]> {
  return withPdf(bytes, async (doc) => {
    const pages: PNG[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const viewport = page.getViewport({ scale: dpi / 72 });
      const width = Math.round(viewport.width);
      const height = Math.round(viewport.height);
      const canvas = createCanvas(width, height);
      const context = canvas.getContext('2d');
      context.fillStyle = '#ffffff';
      context.fillRect(0, 0, width, height);
      await page.render({
        canvas: canvas as unknown as RenderParameters['canvas'],
        canvasContext: context as unknown as RenderParameters['canvasContext'],
        viewport,
        background: '#ffffff',
      }).promise;
      const png = new PNG({ width, height });
      Buffer.from(context.getImageData(0, 0, width, height).data.buffer).copy(png.data);
      pages.push(png);
      page.cleanup();
    }
    return pages;
  });
}

export interface TextItem {
  str: string;
  /** Start of the item's baseline, in PDF points (origin at the bottom left of the page). */
  x: number;
  y: number;
  /** Advance width and font size (height) of the item, in points. */
  width: number;
  height: number;
  fontName: string;
}

export interface PageText {
  /** Page size in points. */
  width: number;
  height: number;
  /** Visual lines from top to bottom: items sharing a baseline, left to right. */
  lines: string[];
  /**
   * The same lines split where items are far apart (more than one em between them): the
   * pieces of a table row's cells, or the signature and seal labels, each on its own.
   */
  lineParts: string[][];
  items: TextItem[];
}

/** Text items of every page (getTextContent), grouped into lines by baseline. */
export async function extractPdfText(bytes: Uint8Array): Promise<{ pages: PageText[] }> {
  return withPdf(bytes, async (doc) => {
    const pages: PageText[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const [, , width, height] = page.view as [number, number, number, number];
      const content = await page.getTextContent();
      const items: TextItem[] = [];
      for (const raw of content.items) {
        // Skip pdfjs's whitespace pseudo-items: they stand for gaps, and would bridge them.
        if (!('str' in raw) || raw.str.trim() === '') continue;
        const t = raw.transform as number[];
        items.push({ str: raw.str, x: t[4]!, y: t[5]!, width: raw.width, height: raw.height, fontName: raw.fontName });
      }
      const rows = groupLines(items);
      pages.push({
        width,
        height,
        items,
        lines: rows.map((row) => row.map((part) => part.map((i) => i.str).join('')).join(' ')),
        lineParts: rows.map((row) => row.map((part) => part.map((i) => i.str).join(''))),
      });
      page.cleanup();
    }
    return { pages };
  });
}

/** Lines (top to bottom) of parts (left to right) of items. */
function groupLines(items: TextItem[]): TextItem[][][] {
  const sorted = [...items].sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: TextItem[][] = [];
  for (const item of sorted) {
    const line = lines[lines.length - 1];
    if (line && Math.abs(line[0]!.y - item.y) < 1.5) line.push(item);
    else lines.push([item]);
  }
  return lines.map((line) => {
    line.sort((a, b) => a.x - b.x);
    const parts: TextItem[][] = [];
    let end = -Infinity;
    for (const item of line) {
      const gap = item.x - end;
      const part = parts[parts.length - 1];
      if (part && gap <= Math.max(item.height, 1)) part.push(item);
      else parts.push([item]);
      end = Math.max(end, item.x + item.width);
    }
    return parts;
  });
}

/** A rectangle in pixels, origin at the top left. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Perceived brightness (0 black … 255 white) of pixel `i` (index of its red byte). */
function luma(data: Uint8Array, i: number): number {
  return 0.299 * data[i]! + 0.587 * data[i + 1]! + 0.114 * data[i + 2]!;
}

/** Share (0…1) of dark pixels (luma below `dark`) in the image or inside `box`. */
export function inkRatio(png: PNG, box?: Box, dark = 160): number {
  const x0 = Math.max(0, Math.floor(box?.x ?? 0));
  const y0 = Math.max(0, Math.floor(box?.y ?? 0));
  const x1 = Math.min(png.width, Math.ceil(box ? box.x + box.width : png.width));
  const y1 = Math.min(png.height, Math.ceil(box ? box.y + box.height : png.height));
  let inked = 0;
  let total = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      total++;
      if (luma(png.data, (y * png.width + x) * 4) < dark) inked++;
    }
  }
  return total ? inked / total : 0;
}

/** A copy with every pixel turned grey (r = g = b = luma, opaque): what snapshots store. */
export function toGreyscale(png: PNG): PNG {
  const out = new PNG({ width: png.width, height: png.height });
  for (let i = 0; i < png.data.length; i += 4) {
    const v = Math.round(luma(png.data, i));
    out.data[i] = out.data[i + 1] = out.data[i + 2] = v;
    out.data[i + 3] = 255;
  }
  return out;
}

/** Encode as an 8-bit greyscale PNG (a third of the size of RGBA for a text page). */
export function encodeGreyPng(png: PNG): Buffer {
  return PNG.sync.write(toGreyscale(png), { colorType: 0, inputColorType: 6, inputHasAlpha: true, bitDepth: 8 });
}

export interface CompareOptions {
  /** pixelmatch's per-pixel colour threshold (0…1); 0.1 by default. */
  threshold?: number;
  /** Largest share of differing pixels still accepted; 0.005 (0.5 %) by default. */
  maxDiffRatio?: number;
  /**
   * Never write the snapshot, even with UPDATE_SNAPSHOTS=1 (for tests that compare a
   * deliberately broken render against a good snapshot). A missing snapshot then throws.
   */
  readOnly?: boolean;
  /** Base name for the `.actual.png` / `.diff.png` review files; the snapshot's by default. */
  outputName?: string;
}

export interface CompareResult {
  match: boolean;
  /** The snapshot was (re)written from `actual` instead of compared. */
  written: boolean;
  diffPixels: number;
  diffRatio: number;
  /** Review files written on a mismatch. */
  actualPath?: string;
  diffPath?: string;
  message: string;
}

function envFlag(name: string): boolean {
  const value = process.env[name];
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}

/**
 * Compare a render with a reviewed snapshot (both in greyscale). With UPDATE_SNAPSHOTS=1, or
 * when the snapshot does not exist yet, the snapshot is written instead (and a line is
 * logged); on CI (env CI set) a missing snapshot or UPDATE_SNAPSHOTS is an error, so a
 * test can never pass by writing its own expectation there. On a mismatch, the render and
 * a diff image are written to test/__output__/ for review.
 */
export function comparePng(actual: PNG, expectedPath: string, options: CompareOptions = {}): CompareResult {
  const threshold = options.threshold ?? 0.1;
  const maxDiffRatio = options.maxDiffRatio ?? 0.005;
  const grey = toGreyscale(actual);
  const exists = existsSync(expectedPath);
  const update = envFlag('UPDATE_SNAPSHOTS');

  if (!options.readOnly && (update || !exists)) {
    if (envFlag('CI')) {
      throw new Error(
        exists
          ? `UPDATE_SNAPSHOTS is set on CI: refusing to overwrite ${expectedPath}`
          : `Snapshot ${expectedPath} is missing: generate it locally with UPDATE_SNAPSHOTS=1, review it and commit it`,
      );
    }
    mkdirSync(dirname(expectedPath), { recursive: true });
    writeFileSync(expectedPath, encodeGreyPng(grey));
    const message = `${exists ? 'Updated' : 'Wrote new'} snapshot ${expectedPath} — review it before committing`;
    console.log(message);
    return { match: true, written: true, diffPixels: 0, diffRatio: 0, message };
  }
  if (!exists) throw new Error(`Snapshot ${expectedPath} is missing`);

  const expected = PNG.sync.read(readFileSync(expectedPath));
  const name = options.outputName ?? basename(expectedPath, extname(expectedPath));
  const actualPath = join(OUTPUT_DIR, `${name}.actual.png`);
  const diffPath = join(OUTPUT_DIR, `${name}.diff.png`);
  const writeReview = (diff?: PNG) => {
    mkdirSync(OUTPUT_DIR, { recursive: true });
    writeFileSync(actualPath, encodeGreyPng(grey));
    if (diff) writeFileSync(diffPath, PNG.sync.write(diff));
  };

  if (expected.width !== grey.width || expected.height !== grey.height) {
    writeReview();
    const message = `size ${grey.width}×${grey.height} differs from snapshot ${expected.width}×${expected.height} (${expectedPath}); render written to ${actualPath}`;
    return { match: false, written: false, diffPixels: grey.width * grey.height, diffRatio: 1, actualPath, message };
  }
  const diff = new PNG({ width: grey.width, height: grey.height });
  const diffPixels = pixelmatch(expected.data, grey.data, diff.data, grey.width, grey.height, { threshold });
  const diffRatio = diffPixels / (grey.width * grey.height);
  if (diffRatio <= maxDiffRatio) {
    return { match: true, written: false, diffPixels, diffRatio, message: `${diffPixels} pixels differ from ${expectedPath}` };
  }
  writeReview(diff);
  const message =
    `${diffPixels} pixels (${(diffRatio * 100).toFixed(2)} %, limit ${(maxDiffRatio * 100).toFixed(2)} %) differ from ${expectedPath}; ` +
    `see ${actualPath} and ${diffPath}`;
  return { match: false, written: false, diffPixels, diffRatio, actualPath, diffPath, message };
}
