/**
 * The labelled corpus (test/corpus/): deterministic, complete, and its truth agrees with the
 * files. With CORPUS_OUT=/dir set, the default corpus is also written there for looking at
 * (see test/corpus/cli.ts).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { PDFDocument, PDFDict, PDFName, PDFRawStream, type PDFRef } from 'pdf-lib';
import { INDICATOR_IDS } from '../src/domain/catalogue.js';
import { validateUscc } from '../src/domain/uscc.js';
import { extractPdfText, renderPdfPages } from './helpers/render.js';
import { corpusFromEnv } from './corpus/cli.js';
import { corpusCompanies, generateCorpus, KINDS, VARIANTS, type Box, type CorpusItem, type EvidenceTruth } from './corpus/index.js';

let corpus: CorpusItem[] = [];
let elapsed = 0;

beforeAll(async () => {
  const started = Date.now();
  corpus = await generateCorpus();
  elapsed = Date.now() - started;
  const counts = new Map<string, number>();
  for (const item of corpus) counts.set(`${item.kind}/${item.variant}`, (counts.get(`${item.kind}/${item.variant}`) ?? 0) + 1);
  console.log(`corpus: ${corpus.length} files in ${elapsed} ms`, Object.fromEntries(counts));
  const written = await corpusFromEnv(process.env, corpus);
  if (written) console.log(`corpus written to ${written.dir} (${written.count} files, ${written.milliseconds} ms)`);
}, 240_000);

interface Pixels {
  width: number;
  height: number;
  /** RGB, 3 bytes a pixel. */
  data: Uint8Array;
}

async function decodeJpeg(bytes: Uint8Array): Promise<Pixels> {
  const { data, info } = await sharp(bytes).removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  if (info.channels === 3) return { width: info.width, height: info.height, data: new Uint8Array(data) };
  // Greyscale JPEGs: spread to RGB.
  const rgb = new Uint8Array(info.width * info.height * 3);
  for (let i = 0; i < info.width * info.height; i++) rgb[i * 3] = rgb[i * 3 + 1] = rgb[i * 3 + 2] = data[i * info.channels]!;
  return { width: info.width, height: info.height, data: rgb };
}

/** The JPEG of each page of an image-only PDF. */
async function pdfJpegs(bytes: Uint8Array): Promise<Uint8Array[]> {
  const doc = await PDFDocument.load(bytes);
  return doc.getPages().map((page) => {
    const xobjects = page.node.Resources()!.lookup(PDFName.of('XObject'), PDFDict);
    const refs = [...xobjects.values()] as PDFRef[];
    expect(refs).toHaveLength(1);
    const stream = doc.context.lookup(refs[0]!) as PDFRawStream;
    expect(stream.dict.get(PDFName.of('Filter'))?.toString()).toBe('/DCTDecode');
    return stream.contents;
  });
}

/** Pixels of every page in the item's own grid (truth.pages). */
async function pagePixels(item: CorpusItem): Promise<Pixels[]> {
  if (item.mime === 'image/jpeg') return [await decodeJpeg(item.bytes)];
  if (!item.truth.textLayer) return Promise.all((await pdfJpegs(item.bytes)).map(decodeJpeg));
  const pages = await renderPdfPages(item.bytes, 72);
  return pages.map((png) => {
    const rgb = new Uint8Array(png.width * png.height * 3);
    for (let i = 0; i < png.width * png.height; i++) {
      rgb[i * 3] = png.data[i * 4]!;
      rgb[i * 3 + 1] = png.data[i * 4 + 1]!;
      rgb[i * 3 + 2] = png.data[i * 4 + 2]!;
    }
    return { width: png.width, height: png.height, data: rgb };
  });
}

function count(px: Pixels, box: Box, test: (r: number, g: number, b: number) => boolean): number {
  let n = 0;
  const x0 = Math.max(0, Math.floor(box.x));
  const y0 = Math.max(0, Math.floor(box.y));
  const x1 = Math.min(px.width, Math.ceil(box.x + box.width));
  const y1 = Math.min(px.height, Math.ceil(box.y + box.height));
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * px.width + x) * 3;
      if (test(px.data[i]!, px.data[i + 1]!, px.data[i + 2]!)) n++;
    }
  }
  return n;
}

const isRed = (r: number, g: number, b: number) => r > 140 && r - g > 40 && r - b > 30;
const isBlue = (r: number, g: number, b: number) => b > 90 && b - r > 30 && b - g > 15;
const isInk = (r: number, g: number, b: number) => (r + g + b) / 3 < 200;

function inside(box: Box, page: { width: number; height: number }): boolean {
  return box.x >= 0 && box.y >= 0 && box.x + box.width <= page.width + 0.01 && box.y + box.height <= page.height + 0.01 && box.width > 0 && box.height > 0;
}

describe('corpus', () => {
  it('generates the default corpus quickly enough for tests', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(60);
    // About 25 s on an idle 2-core machine; the bound leaves room for a busy one.
    expect(elapsed).toBeLessThan(90_000);
    expect(new Set(corpus.map((i) => i.id)).size).toBe(corpus.length);
  });

  it('is deterministic: the same seed gives identical bytes and truth', async () => {
    // perKind 1 builds the first document of every kind (and window) again, from scratch.
    const again = await generateCorpus({ perKind: 1 });
    expect(again.length).toBeGreaterThanOrEqual(15);
    for (const item of again) {
      const original = corpus.find((i) => i.id === item.id);
      expect(original, item.id).toBeDefined();
      expect(Buffer.from(item.bytes).equals(Buffer.from(original!.bytes)), `${item.id} bytes`).toBe(true);
      expect(item.truth).toEqual(original!.truth);
    }
    const other = await generateCorpus({ perKind: 1, seed: 7, kinds: ['business-license'] });
    expect(Buffer.from(other[0]!.bytes).equals(Buffer.from(again[0]!.bytes))).toBe(false);
  }, 120_000);

  it('uses valid credit codes, covering check character 0, letters and rare characters', () => {
    for (const item of corpus) {
      expect(validateUscc(item.truth.code).valid, item.truth.code).toBe(true);
      expect(item.truth.company.creditCode).toBe(item.truth.code);
      expect(item.truth.code).toMatch(/^9132\d{4}/);
    }
    const companies = corpusCompanies();
    expect(companies.some((c) => c.creditCode.endsWith('0'))).toBe(true);
    expect(companies.some((c) => /[A-Z]/.test(c.creditCode.slice(8, 16)))).toBe(true);
    expect(companies.some((c) => /[喆堃昇珺犇琍燊翀玥琛淏]/.test(c.name + c.legalRepresentative))).toBe(true);
    expect(companies.some((c) => c.name.endsWith('股份有限公司'))).toBe(true);
    expect(companies.some((c) => !c.name.endsWith('股份有限公司'))).toBe(true);
  });

  it('represents every kind, window, variant and font weight', () => {
    for (const kind of KINDS) {
      for (const variant of VARIANTS) expect(corpus.some((i) => i.kind === kind && i.variant === variant), `${kind}/${variant}`).toBe(true);
    }
    const evidence = corpus.filter((i) => i.kind === 'evidence').map((i) => i.truth as EvidenceTruth);
    for (const id of INDICATOR_IDS) {
      const docs = evidence.filter((t) => t.windowId === id);
      expect(docs.length, id).toBeGreaterThanOrEqual(3);
      expect(new Set(docs.map((t) => t.template)).size, `${id} templates`).toBeGreaterThanOrEqual(3);
      for (const t of docs) expect(t.bulletIds.every((b) => b.startsWith(`${id}.`))).toBe(true);
    }
    expect(new Set(corpus.map((i) => i.truth.fonts.body))).toEqual(new Set([300, 400]));
    expect(new Set(corpus.map((i) => i.truth.fonts.bold))).toEqual(new Set([700, 900]));
    expect(corpus.some((i) => i.mime === 'image/jpeg' && i.variant === 'scan')).toBe(true);
    expect(corpus.some((i) => i.mime === 'application/pdf' && i.variant === 'scan')).toBe(true);
    const decoys = new Set(corpus.flatMap((i) => i.truth.decoys.map((d) => d.kind)));
    for (const kind of ['emblem', 'red-heading', 'red-rule', 'red-underline', 'rect-stamp', 'blue-stamp', 'gold-border'] as const) expect(decoys.has(kind), kind).toBe(true);
    expect(corpus.some((i) => i.truth.seals.some((s) => s.faded))).toBe(true);
  });

  it('gives pledges consistent states', () => {
    const pledges = corpus.filter((i) => i.truth.kind === 'pledge').map((i) => i.truth).filter((t) => t.kind === 'pledge');
    expect(new Set(pledges.map((t) => t.state)).size).toBe(8);
    for (const t of pledges) {
      expect(t.signaturePresent).toBe(t.signature !== null);
      expect(t.signedDate === null).toBe(t.dateStyle === null);
      expect(t.sealPresent).toBe(t.seals.some((s) => s.role === 'company' || s.role === 'company-contract'));
      expect(t.officialSealPresent).toBe(t.seals.some((s) => s.role === 'company'));
    }
  });

  it('gives credit reports consistent periods', () => {
    for (const item of corpus) {
      const t = item.truth;
      if (t.kind !== 'credit-report') continue;
      expect(t.from < t.to).toBe(true);
      expect(t.generatedAt.slice(0, 10) >= t.to).toBe(true);
      expect(t.recordsCount).toBe(t.records.length);
      expect(t.allDomains).toBe(t.domains.length === 18);
      expect(t.seals.every((s) => s.page === t.pages.length)).toBe(true);
    }
  });

  it('has raster items that decode, with sizes consistent with their dpi', async () => {
    for (const item of corpus.filter((i) => i.variant !== 'clean')) {
      const t = item.truth;
      expect(t.textLayer).toBe(false);
      expect(t.raster).not.toBeNull();
      expect(item.dpi).toBe(t.pages[0]!.dpi);
      const jpegs = item.mime === 'image/jpeg' ? [item.bytes] : await pdfJpegs(item.bytes);
      expect(jpegs).toHaveLength(t.pages.length);
      for (let p = 0; p < jpegs.length; p++) {
        const meta = await sharp(jpegs[p]!).metadata();
        const grid = t.pages[p]!;
        expect(meta.format).toBe('jpeg');
        expect([meta.width, meta.height]).toEqual([grid.width, grid.height]);
        expect(meta.channels).toBe(t.raster!.colour ? 3 : 1);
        const portrait = [Math.round((595.28 * grid.dpi) / 72), Math.round((841.89 * grid.dpi) / 72)];
        if (item.variant === 'photo') {
          // The page lies in the photo at about the stated dpi.
          const corners = t.raster!.pageCorners![p]!;
          const side = Math.hypot(corners[1]!.x - corners[0]!.x, corners[1]!.y - corners[0]!.y);
          const pageSide = Math.hypot(corners[3]!.x - corners[0]!.x, corners[3]!.y - corners[0]!.y);
          const long = Math.max(side, pageSide);
          expect(Math.abs(long / portrait[1]! - 1)).toBeLessThan(0.1);
        } else {
          expect([portrait, [...portrait].reverse()]).toContainEqual([grid.width, grid.height]);
          expect(meta.density).toBe(grid.dpi);
          expect(grid.dpi).toBe(item.variant === 'scan' ? 200 : grid.dpi);
          if (item.variant === 'lowres') expect(grid.dpi).toBeGreaterThanOrEqual(100);
          if (item.variant === 'lowres') expect(grid.dpi).toBeLessThanOrEqual(120);
        }
      }
      if (item.mime === 'application/pdf') {
        const text = await extractPdfText(item.bytes);
        expect(text.pages.every((page) => page.items.length === 0), `${item.id} has no text layer`).toBe(true);
      }
    }
  }, 120_000);

  it('prints the credit code in the text layer of clean PDFs that show it', async () => {
    const clean = corpus.filter((i) => i.variant === 'clean');
    expect(clean.filter((i) => i.truth.codePrinted).length).toBeGreaterThanOrEqual(4);
    for (const item of clean) {
      const text = await extractPdfText(item.bytes);
      const all = text.pages.flatMap((p) => p.lines).join('\n').replace(/\s+/g, '');
      if (item.truth.codePrinted) expect(all, item.id).toContain(item.truth.code);
      expect(text.pages).toHaveLength(item.truth.pages.length);
      if (item.truth.kind === 'credit-report') {
        expect(all).toContain(`${item.truth.from}至${item.truth.to}`);
        expect(all).toContain(item.truth.reportNumber);
      }
    }
  }, 120_000);

  it('places seals and decoys inside the page, on red (or blue) ink', async () => {
    let checked = 0;
    for (const item of corpus) {
      const t = item.truth;
      const marks = [...t.seals, ...t.decoys];
      const signature = t.kind === 'pledge' ? t.signature : null;
      if (marks.length === 0 && !signature) continue;
      const pages = await pagePixels(item);
      expect(pages).toHaveLength(t.pages.length);
      pages.forEach((px, p) => expect([px.width, px.height], item.id).toEqual([Math.round(t.pages[p]!.width), Math.round(t.pages[p]!.height)]));
      const colour = t.raster ? t.raster.colour : true;
      for (const seal of t.seals) {
        const page = t.pages[seal.page - 1]!;
        expect(inside(seal.box, page), `${item.id} seal inside`).toBe(true);
        const px = pages[seal.page - 1]!;
        const area = seal.box.width * seal.box.height;
        const hits = count(px, seal.box, colour ? isRed : isInk);
        expect(hits / area, `${item.id} ${seal.role} seal ink`).toBeGreaterThan(0.02);
        checked++;
      }
      for (const decoy of t.decoys) {
        const page = t.pages[decoy.page - 1]!;
        expect(inside(decoy.box, page), `${item.id} ${decoy.kind} inside`).toBe(true);
        if (!colour || decoy.kind === 'gold-border' || decoy.kind === 'red-rule' || decoy.kind === 'red-underline') continue;
        const px = pages[decoy.page - 1]!;
        const hits = count(px, decoy.box, decoy.colour === 'blue' ? isBlue : isRed);
        expect(hits, `${item.id} ${decoy.kind} ${decoy.colour}`).toBeGreaterThan(10);
        if (decoy.colour === 'blue') expect(count(px, decoy.box, isRed), `${item.id} blue stamp is not red`).toBeLessThan(hits / 4);
      }
      if (signature) {
        expect(inside(signature.box, t.pages[signature.page - 1]!)).toBe(true);
        expect(count(pages[signature.page - 1]!, signature.box, isInk), `${item.id} signature ink`).toBeGreaterThan(10);
      }
    }
    expect(checked).toBeGreaterThan(40);
  }, 180_000);
});
