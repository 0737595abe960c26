/**
 * Any upload → pages of located text (and pixels on demand), one shape for every source.
 *
 * Text-layer PDF pages are read directly (milliseconds); only pages without usable text are
 * rasterised and read by OCR. Results are cached by content hash, so a file uploaded twice
 * (or checked by several checks) is read once per process.
 */
import { createHash } from 'node:crypto';
import { describeError, QcError, type QcErrorCode } from '../errors.js';
import { openImage } from './image.js';
import { DEFAULT_LIMITS, formatBytes, readLimitsSchema, type ReadLimits, type ReadLimitsInput } from './limits.js';
import type { OcrEngine } from './ocr/engine.js';
import { ocrPage } from './ocr-page.js';
import { BandReader } from './page-bands.js';
import { orientPage, turnImage, type QuarterTurn } from './orientation.js';
import { mapLimited } from '../util/map-limited.js';
import { PromiseLru } from '../util/promise-lru.js';
import { timed } from '../util/stages.js';
import { keepOpen, type KeptPdf } from './open-pdfs.js';
import { LETTER_POINTS, openPdf, zeroSizePages, type PdfFile } from './pdf.js';
import { describeUnsupported, sniffType, typeFromName, TYPE_LABELS } from './sniff.js';
import type { RasterImage, ReadPage, ReadResult, ReadWarning, TextLine } from './types.js';

export interface ReadOptions {
  /** The name the file was uploaded under (for messages and the type-mismatch warning). */
  name?: string;
  limits?: ReadLimitsInput;
  /**
   * The OCR engine for pages without a text layer. Without one, such pages are returned
   * with no lines and a warning — nothing is read by OCR.
   */
  engine?: OcrEngine;
  /** Called after each page: pages done, pages in all. */
  onProgress?: (done: number, total: number) => void;
  /** Skip the cache (benchmarks). */
  noCache?: boolean;
  /**
   * Turn OCR pages upright by their content (sideways or upside-down scans and photos) before
   * reading them; true by default. EXIF orientation is applied either way.
   */
  orient?: boolean;
  /**
   * Leave the text of an OCR document's pages unread: the caller reads the parts it needs
   * with `page.readRows()`. The first page is turned upright and made ready; later pages are
   * not even rendered until asked for. For callers that know what they need (the analysis of
   * a file uploaded as a pledge reads its head and foot; of evidence, its first page's head
   * when that shows the window it was uploaded into).
   */
  lazy?: boolean;
  /**
   * False: one OCR reading per page is enough, an engine policy asks no second engine (for
   * callers that need the gist of the text, as the analysis of evidence does to tell its
   * window). True by default.
   */
  secondOpinions?: boolean;
}

function warning(code: QcErrorCode, params: Record<string, string | number>): ReadWarning {
  const { zh, en } = describeError(code, params);
  return { code, message: zh, messageEn: en };
}

const visibleChars = (lines: TextLine[]) => lines.reduce((n, l) => n + l.text.replace(/\s/g, '').length, 0);
const joinLines = (lines: TextLine[]) => lines.map((l) => l.text).join('\n');

/**
 * The pixels of the last few pages drawn or decoded, across all files. The seal, signing and
 * code-line checks each ask for the same page's pixels; without this every ask rendered or
 * decoded the page again. The bound is process-wide, in bytes: a read result kept in the read
 * cache holds no pixels of its own, so memory does not grow with the number of files read
 * (issue 14: 64 cached files each holding two 15 MB rasters was most of a 2 GB peak).
 */
const RASTER_BUDGET_BYTES = 96 * 1024 * 1024;
const rasters = new PromiseLru<RasterImage>(RASTER_BUDGET_BYTES);
let documents = 0;

function recentPixels(produce: (page: number) => Promise<RasterImage>, turnOf: (page: number) => QuarterTurn): (page: number) => Promise<RasterImage> {
  const document = ++documents;
  // Keyed by the turn too: a page read later (ReadOptions.lazy) may turn out to lie sideways.
  return (page) => rasters.get(`${document}/${page}/${turnOf(page)}`, () => produce(page), (image) => image.data.byteLength);
}

// ---- Cache ------------------------------------------------------------------------------

/** Each entry keeps its upload alive (pages render again on demand): bounded in entries and bytes. */
const cache = new PromiseLru<ReadResult>(256 * 1024 * 1024, 64);

export function clearReadCache(): void {
  cache.clear();
  rasters.clear();
}

// ---- Reading ----------------------------------------------------------------------------

export async function readUpload(bytes: Uint8Array, options: ReadOptions = {}): Promise<ReadResult> {
  const name = options.name ?? 'upload';
  const limits: ReadLimits = options.limits ? readLimitsSchema.parse(options.limits) : DEFAULT_LIMITS;
  if (bytes.length === 0) throw new QcError('QC_FILE_EMPTY', { file: name });
  if (bytes.length > limits.maxFileBytes) {
    throw new QcError('QC_FILE_TOO_LARGE', { file: name, size: formatBytes(bytes.length), limit: formatBytes(limits.maxFileBytes) });
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (options.noCache) return read(bytes, name, sha256, limits, options);
  const key = `${sha256}|${name}|${options.engine?.id ?? '-'}|${options.orient === false ? 'as-is' : 'upright'}|${options.lazy ? 'lazy' : 'all'}|${options.secondOpinions === false ? 'once' : 'thorough'}|${JSON.stringify(limits)}`;
  return cache.get(key, () => read(bytes, name, sha256, limits, { ...options, onProgress: undefined }), bytes.length).then((result) => {
    options.onProgress?.(result.pages.length, result.pages.length);
    return result;
  });
}

async function read(bytes: Uint8Array, name: string, sha256: string, limits: ReadLimits, options: ReadOptions): Promise<ReadResult> {
  const started = performance.now();
  const type = sniffType(bytes);
  if (!type) throw new QcError('QC_FILE_TYPE_UNSUPPORTED', { file: name, detected: describeUnsupported(bytes) });
  const warnings: ReadWarning[] = [];
  const claimed = typeFromName(name);
  const ext = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1) : '';
  if (ext && claimed !== type) warnings.push(warning('QC_FILE_TYPE_MISMATCH', { file: name, ext, detected: TYPE_LABELS[type] }));

  if (type !== 'pdf') {
    const pages = await readImage(bytes, name, limits, options, warnings);
    return { name, sha256, size: bytes.length, type, pages, warnings, elapsedMs: performance.now() - started, release: async () => {} };
  }
  const { pages, release } = await readPdf(bytes, name, limits, options, warnings);
  return { name, sha256, size: bytes.length, type, pages, warnings, elapsedMs: performance.now() - started, release };
}

/** A page read by OCR (or as far as `lazy` asks), on the page turned upright by `turn` (clockwise). */
interface Recognized {
  /** The lines read; for a lazy page, those read so far. */
  lines: () => TextLine[];
  complete: () => boolean;
  readRows: (from: number, to: number) => Promise<void>;
  /** Known once the page has been looked at (a deferred page: 0 until it is read). */
  readonly turn: QuarterTurn;
  readonly width: number;
  readonly height: number;
}

const nothingMore = async () => {};

/** Why a page that needs OCR has no text: no engine was given. */
const noEngine = (page: number) => warning('QC_OCR_FAILED', { reason: `第 ${page} 页没有文字层，且未启用文字识别（OCR）` });

async function recognize(image: RasterImage, dpi: number, dpiKnown: boolean, name: string, page: number, limits: ReadLimits, options: ReadOptions, warnings: ReadWarning[], lazy = false): Promise<Recognized> {
  if (!options.engine) {
    warnings.push(noEngine(page));
    return { lines: () => [], complete: () => true, readRows: nothingMore, turn: 0, width: image.width, height: image.height };
  }
  const timeoutError = (error: unknown) =>
    error instanceof QcError && error.code === 'QC_OCR_TIMEOUT' ? new QcError('QC_OCR_TIMEOUT', { file: name, page, ms: limits.ocrTimeoutMs }, { cause: error }) : error;
  try {
    // Upright before anything reads it: the checks then see the same upright pixels.
    const { image: upright, orientation } = options.orient === false ? { image, orientation: { turn: 0 as const } } : await timed('orientation', () => orientPage(image, { engine: options.engine! }));
    const frame = { turn: orientation.turn, width: upright.width, height: upright.height };
    if (lazy) {
      const bands = new BandReader({ engine: options.engine, image: upright, dpi, dpiKnown, timeoutMs: limits.ocrTimeoutMs, secondOpinion: options.secondOpinions });
      const readRows = (from: number, to: number) =>
        bands.readRows(from, to).catch((error: unknown) => {
          throw timeoutError(error);
        });
      return { lines: () => bands.lines, complete: () => bands.complete, readRows, ...frame };
    }
    const { lines } = await ocrPage(options.engine, upright, dpi, limits.ocrTimeoutMs, dpiKnown, options.secondOpinions);
    return { lines: () => lines, complete: () => true, readRows: nothingMore, ...frame };
  } catch (error) {
    throw timeoutError(error);
  }
}

/**
 * A lazy document's later page, not rendered, turned or read until a check asks for some of
 * its rows: a 30-page scanned report uploaded as evidence may need only its first page to
 * show its window. Until then it has no lines, no turn, and the size it was stored at.
 */
function deferred(produce: () => Promise<RasterImage>, stored: { width: number; height: number }, recognizeNow: (image: RasterImage) => Promise<Recognized>): Recognized {
  let read: Recognized | null = null;
  let starting: Promise<Recognized> | null = null;
  const start = () => (starting ??= produce().then(recognizeNow).then((done) => (read = done)));
  return {
    lines: () => read?.lines() ?? [],
    complete: () => read?.complete() ?? false,
    readRows: async (from, to) => (await start()).readRows(from, to),
    get turn() {
      return read?.turn ?? 0;
    },
    get width() {
      return read?.width ?? stored.width;
    },
    get height() {
      return read?.height ?? stored.height;
    },
  };
}

/** A page's text fields, live for a page still being read band by band. */
function ocrText(read: Recognized): Pick<ReadPage, 'lines' | 'text' | 'complete' | 'readRows'> {
  return {
    get lines() {
      return read.lines();
    },
    get text() {
      return joinLines(read.lines());
    },
    get complete() {
      return read.complete();
    },
    ...(read.complete() ? {} : { readRows: read.readRows }),
  };
}

async function readPdf(bytes: Uint8Array, name: string, limits: ReadLimits, options: ReadOptions, warnings: ReadWarning[]): Promise<{ pages: ReadPage[]; release: () => Promise<void> }> {
  const pdf = await openPdf(bytes, name);
  // Once read, the document stays among the few kept open (open-pdfs.ts) for drawing its pages.
  let open: KeptPdf | undefined;
  const withPdf = <T>(work: (doc: PdfFile) => Promise<T>): Promise<T> => (open ? open.use(work) : work(pdf));
  try {
    if (pdf.pageCount > limits.maxPages) throw new QcError('QC_PDF_TOO_MANY_PAGES', { file: name, pages: pdf.pageCount, limit: limits.maxPages });
    const dpi = limits.rasterDpi;
    // Rendered again on demand rather than kept: 300 pages of pixels would not fit.
    const reads = new Map<number, Recognized>();
    const turnOf = (number: number) => reads.get(number)?.turn ?? 0;
    const rendered = (number: number, at = dpi) => timed('rasterise', () => withPdf((doc) => doc.render(number, at)));
    const pixelsOf = recentPixels(async (number) => turnImage(await rendered(number), turnOf(number)), turnOf);
    let done = 0;
    let zeroPages: Promise<Set<number>> | undefined;
    const isZeroSize = async (number: number, size: { width: number; height: number }) => {
      if (size.width < 1 || size.height < 1) return true;
      const letter = [size.width, size.height].sort((a, b) => a - b).join() === [LETTER_POINTS.width, LETTER_POINTS.height].join();
      if (!letter) return false;
      zeroPages ??= zeroSizePages(bytes);
      return (await zeroPages).has(number);
    };
    // OCR is the slow part; the engine's pool bounds it, two pages ahead keep it busy.
    const pages = await mapLimited(Array.from({ length: pdf.pageCount }, (_, i) => i), 3, async (index) => {
      const number = index + 1;
      const size = await pdf.pageSize(number);
      if (await isZeroSize(number, size)) {
        warnings.push(warning('QC_PAGE_EMPTY_SIZE', { file: name, page: number }));
        options.onProgress?.(++done, pdf.pageCount);
        return null;
      }
      const across = Math.round((size.width * dpi) / 72);
      const down = Math.round((size.height * dpi) / 72);
      const layer = await timed('text-layer', () => pdf.textLines(number, dpi));
      let text: Pick<ReadPage, 'lines' | 'text' | 'complete' | 'readRows'> = { lines: layer, text: joinLines(layer) };
      let source: ReadPage['source'] = 'text-layer';
      const needsOcr = visibleChars(layer) < limits.minTextLayerChars;
      if (needsOcr && !options.engine) {
        warnings.push(noEngine(number));
      } else if (needsOcr) {
        const recognizeNow = (raster: RasterImage) => recognize(raster, dpi, true, name, number, limits, options, warnings, options.lazy);
        const read = options.lazy && number > 1 ? deferred(() => rendered(number), { width: across, height: down }, recognizeNow) : await recognizeNow(await rendered(number));
        reads.set(number, read);
        text = ocrText(read);
        source = 'ocr';
      }
      const turn = () => turnOf(number);
      options.onProgress?.(++done, pdf.pageCount);
      // Size and rotation are live: a deferred page learns its turn when it is read.
      const page: ReadPage = Object.defineProperties(
        // A text-layer page is never turned: drawn at another resolution, it is the same page.
        { number, dpi, source, pixels: () => pixelsOf(number), ...(source === 'text-layer' ? { render: (at: number) => rendered(number, at), drawing: () => timed('text-layer', () => withPdf((doc) => doc.drawing(number))) } : {}) },
        {
          ...Object.getOwnPropertyDescriptors(text),
          width: { enumerable: true, get: () => (turn() % 180 ? down : across) },
          height: { enumerable: true, get: () => (turn() % 180 ? across : down) },
          rotation: { enumerable: true, get: () => (size.rotation + turn()) % 360 },
        },
      ) as ReadPage;
      return page;
    });
    const kept = pages.filter((p): p is ReadPage => p !== null);
    if (kept.length === 0) throw new QcError('QC_PAGE_EMPTY_SIZE', { file: name, page: 1 });
    open = keepOpen(pdf, () => openPdf(bytes, name));
    return { pages: kept, release: open.release };
  } catch (error) {
    await pdf.close();
    throw error;
  }
}

async function readImage(bytes: Uint8Array, name: string, limits: ReadLimits, options: ReadOptions, warnings: ReadWarning[]): Promise<ReadPage[]> {
  const image = await openImage(bytes, name, limits.maxImagePixels);
  if (image.pageCount > limits.maxPages) throw new QcError('QC_PDF_TOO_MANY_PAGES', { file: name, pages: image.pageCount, limit: limits.maxPages });
  // Decoded again on demand rather than kept (a multi-page TIFF would not fit).
  const reads = new Map<number, Recognized>();
  const turnOf = (number: number) => reads.get(number)?.turn ?? 0;
  const decoded = (number: number) => timed('rasterise', () => image.decode(number));
  const pixelsOf = recentPixels(async (number) => turnImage(await decoded(number), turnOf(number)), turnOf);
  let done = 0;
  return mapLimited(Array.from({ length: image.pageCount }, (_, i) => i), 2, async (index) => {
    const number = index + 1;
    const recognizeNow = (raster: RasterImage) => recognize(raster, image.dpi, image.dpiFromFile, name, number, limits, options, warnings, options.lazy);
    const read =
      options.lazy && number > 1 && options.engine
        ? deferred(() => decoded(number), image, recognizeNow)
        : await recognizeNow(await decoded(number));
    reads.set(number, read);
    options.onProgress?.(++done, image.pageCount);
    const page = { number, dpi: image.dpi, source: 'ocr' as const, pixels: () => pixelsOf(number) };
    return Object.defineProperties(page, {
      ...Object.getOwnPropertyDescriptors(ocrText(read)),
      // Live: a deferred page learns its size and turn when it is read.
      width: { enumerable: true, get: () => read.width },
      height: { enumerable: true, get: () => read.height },
      rotation: { enumerable: true, get: () => (image.rotation + read.turn) % 360 },
    }) as ReadPage;
  });
}
