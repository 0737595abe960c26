/**
 * The reading layer on real files: text-layer PDFs read exactly and fast, images with EXIF
 * orientation, and every kind of bad upload turned into a typed error that never takes down
 * the other files.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import { loadFont, plainFontkit, subsetFor } from '../src/document/fonts.js';
import { generatePledge } from '../src/generators/pledge.js';
import { generateSummary } from '../src/generators/summary.js';
import { readApplicationFile, readJsonFile } from '../src/io/json.js';
import { findCreditCode } from '../src/reading/credit-code.js';
import { TesseractEngine } from '../src/reading/ocr/tesseract.js';
import { clearReadCache, readUpload } from '../src/reading/read.js';
import { sniffType } from '../src/reading/sniff.js';
import { QcError } from '../src/errors.js';
import { encryptedPdf, manyPagePdf, pngDeclaring, undrawablePdf, zeroSizePagePdf } from './helpers/bad-files.js';
import { checkSubmission } from '../src/checks/submission.js';
import { REPO_ROOT, renderPdfPages } from './helpers/render.js';
import { createRng, type Rng } from './corpus/random.js';
import { analyzeFile } from '../src/checks/analyze.js';

const NOTICE = readFileSync(path.resolve(REPO_ROOT, 'test/fixtures/notice-2026.md'), 'utf8');
const squash = (text: string) => text.replace(/\s+/g, '');

let company: Record<string, unknown>;
let pledgePdf: Uint8Array;
let summaryPdf: Uint8Array;

beforeAll(async () => {
  company = (await readJsonFile(path.join(REPO_ROOT, 'examples/company.json'))) as Record<string, unknown>;
  pledgePdf = await generatePledge(company, 'pdf', { creationDate: new Date('2026-06-01T00:00:00Z') });
  summaryPdf = await generateSummary(await readApplicationFile(path.join(REPO_ROOT, 'examples/application.json')), 'pdf', { today: '2026-06-15' });
});

/** Expect `promise` to reject with a QcError of `code`; returns it. */
async function rejectsWith(promise: Promise<unknown>, code: string): Promise<QcError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, `expected ${code}`).toBeInstanceOf(QcError);
  expect((error as QcError).code).toBe(code);
  expect((error as QcError).message).toMatch(/[\u4e00-\u9fff]/);
  return error as QcError;
}

describe('text-layer PDFs', () => {
  it('read the official pledge text exactly, from the text layer', async () => {
    const result = await readUpload(pledgePdf, { name: '承诺书.pdf', noCache: true });
    expect(result.type).toBe('pdf');
    expect(result.pages).toHaveLength(1);
    const page = result.pages[0]!;
    expect(page.source).toBe('text-layer');
    expect(page.dpi).toBe(200);
    const text = squash(page.text);
    // Every paragraph of 附件1 as the notice prints it (the blank holds the code).
    const annex = NOTICE.slice(NOTICE.indexOf('附件1\n'), NOTICE.indexOf('法定代表人（或负责人）签字'));
    const paragraphs = annex.split('\n').map(squash).filter((l) => l.length > 6);
    expect(paragraphs.length).toBeGreaterThan(10);
    for (const paragraph of paragraphs) expect(text).toContain(paragraph.replace(/_{5,}/, String(company.creditCode)));
  });

  it('give lines with boxes inside the page, in reading order', async () => {
    const { pages } = await readUpload(summaryPdf, { name: 'summary.pdf', noCache: true });
    expect(pages.length).toBeGreaterThan(3);
    for (const page of pages) {
      expect(page.width).toBe(Math.round((595.28 * 200) / 72));
      for (const line of page.lines) {
        expect(line.box.x).toBeGreaterThanOrEqual(0);
        expect(line.box.y).toBeGreaterThanOrEqual(0);
        expect(line.box.x + line.box.width).toBeLessThanOrEqual(page.width + 1);
        expect(line.box.y + line.box.height).toBeLessThanOrEqual(page.height + 1);
        expect(line.text).not.toMatch(/[\u4e00-\u9fff] [\u4e00-\u9fff]/);
      }
      const tops = page.lines.map((l) => l.box.y);
      // Reading order: never a line far above the one before it.
      tops.forEach((top, i) => i && expect(top).toBeGreaterThan(tops[i - 1]! - page.lines[i]!.box.height));
    }
    // A table cell is its own line: the label and its value are separate, on one row.
    const first = pages[0]!;
    const label = first.lines.find((l) => l.text === '统一社会信用代码')!;
    const value = first.lines.find((l) => l.text === company.creditCode)!;
    expect(label && value).toBeTruthy();
    expect(Math.abs(label.box.y - value.box.y)).toBeLessThan(label.box.height);
    expect(value.box.x).toBeGreaterThan(label.box.x + label.box.width);
  });

  it('find the credit code next to its label', async () => {
    const result = await readUpload(pledgePdf, { name: '承诺书.pdf' });
    const code = await findCreditCode(result.pages);
    expect(code).toMatchObject({ value: company.creditCode, valid: true, repaired: false, labelled: true, page: 1 });
  });

  it('find the code however it is spaced out: typed into boxes, letter-spaced, in groups of four, between rules, followed by a number', async () => {
    const code = String(company.creditCode);
    const font = await loadFont('regular');
    const printed = [
      [...code].join(' '),
      [...code].join('  '),
      code.match(/.{1,4}/g)!.join(' '),
      `|${[...code].join('|')}|`,
      `${code} 2026`,
      `${code} TEL 0512`,
    ];
    for (const text of printed) {
      const doc = await PDFDocument.create();
      doc.registerFontkit(plainFontkit as never);
      const line = `统一社会信用代码：${text}`;
      const embedded = await doc.embedFont(await subsetFor(font, line), { subset: false });
      doc.addPage([595, 842]).drawText(line, { x: 40, y: 760, size: 12, font: embedded });
      const { pages } = await readUpload(await doc.save(), { name: 'spaced.pdf', noCache: true });
      expect(await findCreditCode(pages), text).toMatchObject({ value: code, valid: true, labelled: true });
    }
  });

  it('pixels on demand: the page rendered at its dpi', async () => {
    const { pages } = await readUpload(pledgePdf, { name: '承诺书.pdf' });
    const pixels = await pages[0]!.pixels();
    expect([pixels.width, pixels.height]).toEqual([pages[0]!.width, pages[0]!.height]);
    // Some ink, mostly white paper.
    let dark = 0;
    for (let i = 0; i < pixels.data.length; i += pixels.channels) if (pixels.data[i]! < 128) dark++;
    const share = dark / (pixels.width * pixels.height);
    expect(share).toBeGreaterThan(0.01);
    expect(share).toBeLessThan(0.2);
  });

  it('are cached by content: the same bytes are read once', async () => {
    clearReadCache();
    const first = readUpload(summaryPdf, { name: 'a.pdf' });
    const second = readUpload(new Uint8Array(summaryPdf), { name: 'a.pdf' });
    const [a, b] = await Promise.all([first, second]);
    expect(b).toBe(a);
    expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('bad uploads get typed errors with Chinese messages', () => {
  it('an empty file', async () => {
    await rejectsWith(readUpload(new Uint8Array(0), { name: 'empty.pdf' }), 'QC_FILE_EMPTY');
  });

  it('a truncated or corrupt PDF', async () => {
    await rejectsWith(readUpload(pledgePdf.slice(0, 2000), { name: 'cut.pdf' }), 'QC_PDF_CORRUPT');
    const garbage = new Uint8Array(5000).map((_, i) => (i * 7919) % 251);
    garbage.set(new TextEncoder().encode('%PDF-1.7\n'));
    await rejectsWith(readUpload(garbage, { name: 'garbage.pdf' }), 'QC_PDF_CORRUPT');
  });

  it('an encrypted PDF', async () => {
    const error = await rejectsWith(readUpload(await encryptedPdf(), { name: 'locked.pdf' }), 'QC_PDF_ENCRYPTED');
    expect(error.message).toContain('locked.pdf');
  });

  it('an unsupported type, named by what it really is', async () => {
    const zip = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, ...new Array(100).fill(0)]);
    const error = await rejectsWith(readUpload(zip, { name: 'report.pdf' }), 'QC_FILE_TYPE_UNSUPPORTED');
    expect(error.message).toContain('DOCX');
    await rejectsWith(readUpload(new TextEncoder().encode('统一社会信用代码：91320507MA1MXQ7P9P'), { name: 'a.txt' }), 'QC_FILE_TYPE_UNSUPPORTED');
  });

  it('a file whose name lies is read by what it is, with a warning', async () => {
    const [png] = await renderPdfPages(pledgePdf, 50);
    const bytes = await sharp(png!.data, { raw: { width: png!.width, height: png!.height, channels: 4 } }).png().toBuffer();
    expect(sniffType(bytes)).toBe('png');
    const result = await readUpload(new Uint8Array(bytes), { name: '承诺书.pdf', noCache: true });
    expect(result.type).toBe('png');
    expect(result.warnings.map((w) => w.code)).toContain('QC_FILE_TYPE_MISMATCH');
  });

  it('an image that declares enormous pixel dimensions (a decompression bomb)', async () => {
    const bomb = pngDeclaring(60_000, 60_000);
    expect(bomb.length).toBeLessThan(2000);
    const error = await rejectsWith(readUpload(bomb, { name: 'bomb.png' }), 'QC_IMAGE_TOO_LARGE');
    expect(error.message).toContain('60000');
  });

  it('a PDF with thousands of pages, against a configurable limit', async () => {
    const thick = await manyPagePdf(2000);
    const error = await rejectsWith(readUpload(thick, { name: 'thick.pdf' }), 'QC_PDF_TOO_MANY_PAGES');
    expect(error.params).toMatchObject({ pages: 2000, limit: 300 });
    await rejectsWith(readUpload(await manyPagePdf(12), { name: 'twelve.pdf', limits: { maxPages: 10 } }), 'QC_PDF_TOO_MANY_PAGES');
  });

  it('a zero-size page', async () => {
    await rejectsWith(readUpload(await zeroSizePagePdf(), { name: 'zero.pdf' }), 'QC_PAGE_EMPTY_SIZE');
  });

  it('a file over the size limit', async () => {
    await rejectsWith(readUpload(pledgePdf, { name: 'big.pdf', limits: { maxFileBytes: 10_000 } }), 'QC_FILE_TOO_LARGE');
  });

  it('a truncated image', async () => {
    const [png] = await renderPdfPages(pledgePdf, 40);
    const jpeg = await sharp(png!.data, { raw: { width: png!.width, height: png!.height, channels: 4 } }).jpeg().toBuffer();
    await rejectsWith(readUpload(new Uint8Array(jpeg.subarray(0, Math.floor(jpeg.length / 2))), { name: 'cut.jpg' }), 'QC_IMAGE_CORRUPT');
  });

  it('a PDF whose text reads but whose page cannot be drawn: the analysis reports it damaged, and a check keeps the other files', async () => {
    const bytes = await undrawablePdf();
    const read = await readUpload(bytes, { name: 'odd.pdf', noCache: true });
    expect(read.pages[0]!.text).toContain('91320507MA1MXQ7P9P');
    await rejectsWith(read.pages[0]!.pixels!(), 'QC_PDF_CORRUPT');

    const analysis = await analyzeFile(bytes, 'odd.pdf', { noCache: true });
    expect(analysis.findings.map((f) => `${f.code}/${f.severity}`)).toEqual(['QC_PDF_CORRUPT/error']);
    expect(analysis.pages).toHaveLength(1);

    const files = new Map([
      ['pledge.pdf', pledgePdf],
      ['odd.pdf', bytes],
    ]);
    const result = await checkSubmission(
      { company: { name: String(company.name), creditCode: String(company.creditCode) }, level: 'A', applicationDate: '2026-06-18', files: [{ path: 'pledge.pdf', slot: 'pledge' }, { path: 'odd.pdf', slot: 'business-license' }] },
      async (path) => files.get(path)!,
    );
    expect(result.files.map((f) => f.kind)).toEqual(['pledge', 'unknown']);
    expect(result.findings.some((f) => f.file === 'odd.pdf' && f.code === 'QC_PDF_CORRUPT')).toBe(true);
  });

  it('files damaged at random (seeded flips, cuts, gaps and junk) are read or refused with a typed error, never thrown otherwise', async () => {
    const [page] = await renderPdfPages(pledgePdf, 40);
    const raw = { raw: { width: page!.width, height: page!.height, channels: 4 as const } };
    const originals: [string, Uint8Array][] = [
      ['pledge.pdf', pledgePdf],
      ['summary.pdf', summaryPdf],
      ['page.jpg', new Uint8Array(await sharp(page!.data, raw).jpeg({ quality: 60 }).toBuffer())],
      ['page.png', new Uint8Array(await sharp(page!.data, raw).png().toBuffer())],
    ];
    const damage = (rng: Rng, bytes: Uint8Array): Uint8Array => {
      const at = rng.int(0, bytes.length - 1);
      switch (rng.int(0, 3)) {
        case 0: {
          const out = bytes.slice();
          for (let k = rng.int(1, 24); k > 0; k--) out[rng.int(0, out.length - 1)] = rng.int(0, 255);
          return out;
        }
        case 1:
          return bytes.slice(0, at);
        case 2:
          return Uint8Array.from([...bytes.subarray(0, at), ...bytes.subarray(at + rng.int(1, 4000))]);
        default:
          return Uint8Array.from([...bytes.subarray(0, at), ...Array.from({ length: rng.int(1, 600) }, () => rng.int(0, 255)), ...bytes.subarray(at)]);
      }
    };
    const rng = createRng('damaged uploads');
    const outcomes = new Map<string, number>();
    for (let round = 0; round < 48; round++) {
      const [name, bytes] = rng.pick(originals);
      const damaged = damage(rng, bytes);
      // No OCR engine: what is tested is the decoding, which OCR would only follow.
      const read = await readUpload(damaged, { name, noCache: true }).then(
        (result) => `read ${result.pages.length} page(s)`,
        (error: unknown) => {
          expect(error, `${name}, round ${round}`).toBeInstanceOf(QcError);
          return (error as QcError).code;
        },
      );
      outcomes.set(read.startsWith('read') ? 'read' : read, (outcomes.get(read.startsWith('read') ? 'read' : read) ?? 0) + 1);
      // The analysis never throws for a bad file: its error becomes a finding.
      const analysis = await analyzeFile(damaged, name, { noCache: true });
      if (!read.startsWith('read')) expect(analysis.findings.map((f) => f.code)).toContain(read);
    }
    // Both sides were met: damage that still reads, and damage refused for what it is.
    expect(outcomes.get('read')).toBeGreaterThan(0);
    expect([...outcomes.keys()].filter((key) => key !== 'read').length).toBeGreaterThan(0);
  }, 120_000);

  it('bad files read together never take down the good ones', async () => {
    const uploads: [string, Uint8Array][] = [
      ['good.pdf', pledgePdf],
      ['empty.pdf', new Uint8Array(0)],
      ['locked.pdf', await encryptedPdf()],
      ['bomb.png', pngDeclaring(90_000, 90_000)],
      ['cut.pdf', pledgePdf.slice(0, 1500)],
      ['summary.pdf', summaryPdf],
    ];
    const settled = await Promise.allSettled(uploads.map(([name, bytes]) => readUpload(bytes, { name, noCache: true })));
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'rejected', 'rejected', 'fulfilled']);
    for (const s of settled) if (s.status === 'rejected') expect(s.reason).toBeInstanceOf(QcError);
  });
});

describe('images, read by OCR', () => {
  let engine: TesseractEngine;
  beforeAll(() => {
    engine = new TesseractEngine({ workers: 1 });
  });
  afterAll(async () => {
    await engine.close();
  });

  it('honours EXIF orientation: a page stored sideways reads upright, code and all', async () => {
    const [png] = await renderPdfPages(pledgePdf, 150);
    const upright = sharp(png!.data, { raw: { width: png!.width, height: png!.height, channels: 4 } }).flatten({ background: '#fff' });
    // Stored rotated 90° anticlockwise with EXIF orientation 6 (display: rotate 90° clockwise).
    const sideways = await upright.rotate(-90).jpeg({ quality: 85 }).withMetadata({ orientation: 6 }).toBuffer();
    const meta = await sharp(sideways).metadata();
    expect([meta.width, meta.height, meta.orientation]).toEqual([png!.height, png!.width, 6]);
    const result = await readUpload(new Uint8Array(sideways), { name: 'photo.jpg', engine, noCache: true });
    const page = result.pages[0]!;
    expect([page.width, page.height]).toEqual([png!.width, png!.height]);
    expect(page.source).toBe('ocr');
    // Upright text reads as Chinese (sideways it would be garbage); OCR may miss a character.
    expect(squash(page.text)).toContain('企业质量信用等级认定');
    expect(squash(page.text)).toContain('统一社会信用代码');
    const code = await findCreditCode(result.pages, engine);
    expect(code?.value).toBe(company.creditCode);
    expect(code?.valid).toBe(true);
  });
});
