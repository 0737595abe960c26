/**
 * An OCR page read in horizontal bands, as the checks ask for them. A pledge's checks need
 * its head (title, credit code) and its foot (signature, seal, date), not the six paragraphs
 * of promises between them: reading only those bands halves the OCR time of a scanned pledge.
 *
 * Bands are cut at blank rows, never through a line of text or a table, and a band already
 * read is never read again. A page needed whole is read whole, in one pass (see readWhole).
 */
import { blankRowNear, isBlankRow, preparePage, recognizeRows, type PreparedPage } from './ocr-page.js';
import type { OcrEngine } from './ocr/engine.js';
import type { RasterImage, TextLine } from './types.js';

/** How far (share of the page height) a cut may move to find a blank row. */
const CUT_REACH = 0.06;

type Span = [top: number, bottom: number];

export interface BandReaderOptions {
  engine: OcrEngine;
  /** The upright page image and its resolution (see preparePage). */
  image: RasterImage;
  dpi: number;
  dpiKnown: boolean;
  timeoutMs: number;
  /** False: one reading per band is enough (see OcrRequest.secondOpinion). */
  secondOpinion?: boolean;
}

export class BandReader {
  private prepared: Promise<PreparedPage> | null;
  /** Rows of the prepared page read or being read: sorted, disjoint. */
  private covered: Span[] = [];
  private inflight: { span: Span; done: Promise<unknown> }[] = [];
  private read: TextLine[] = [];
  private done = false;
  /** A band that failed to read fails every later call too (its rows are marked read). */
  private failure: unknown = null;
  private whole: Promise<void> | null = null;

  constructor(private readonly options: BandReaderOptions) {
    this.prepared = preparePage(options.image, options.dpi, options.dpiKnown);
    this.prepared.catch(() => undefined);
  }

  /** The lines read so far, top to bottom. */
  get lines(): TextLine[] {
    return this.read;
  }

  /** Whether every row of the page has been read. */
  get complete(): boolean {
    return this.done;
  }

  /**
   * Reads the rows between `from` and `to` (shares of the sheet's height, 0..1: in a photo,
   * of the sheet of paper in it) not read yet.
   * Calls may overlap in time: each row is read once, and a call returns when all its rows
   * are read (by it or by a call before it), so a pledge's head and foot are read side by side.
   */
  async readRows(from: number, to: number): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.done || !this.prepared) return;
    if (from <= 0 && to >= 1) return (this.whole ??= this.readWhole());
    if (this.whole) return this.whole;
    const page = await this.prepared;
    const height = page.base.height;
    const reach = Math.round(height * CUT_REACH);
    const span: Span = [from <= 0 ? 0 : cut(page, Math.round(from * height), reach, -1), to >= 1 ? height : cut(page, Math.round(to * height), reach, +1)];
    // Claimed before any await, so that a call overlapping this one never reads these rows.
    const gaps = this.uncovered(...span)
      .map((gap) => trimmed(page, gap))
      .filter((gap): gap is Span => gap !== null);
    this.cover(span);
    const earlier = this.inflight.filter(({ span: other }) => other[0] < span[1] && span[0] < other[1]).map((f) => f.done);
    const mine = Promise.all(gaps.map((gap) => recognizeRows(this.options.engine, page, gap[0], gap[1], this.options.timeoutMs, this.options.secondOpinion))).then((bands) => {
      this.read = [...this.read, ...bands.flat()].sort((a, b) => a.box.y - b.box.y || a.box.x - b.box.x);
    });
    const entry = { span, done: mine.catch(() => undefined) };
    this.inflight.push(entry);
    try {
      await mine;
      await Promise.all(earlier);
    } catch (error) {
      this.failure = error;
      throw error;
    } finally {
      this.inflight.splice(this.inflight.indexOf(entry), 1);
    }
    if (this.failure) throw this.failure;
    if (!this.inflight.length && !this.uncovered(0, height).some((gap) => trimmed(page, gap) !== null)) {
      this.done = true;
      this.prepared = null; // the page's pixels are no longer needed here
    }
  }

  /**
   * The whole page in one pass, replacing any bands read: tesseract's layout analysis needs
   * the whole page (read in bands, a licence's column of labels was lost in a test), so a
   * page any check needs in full is read as if it had never been cut.
   */
  private async readWhole(): Promise<void> {
    const page = await this.prepared!;
    // Bands in flight finish first; their lines are then replaced.
    await Promise.all(this.inflight.map((f) => f.done));
    this.cover([0, page.base.height]);
    const lines = recognizeRows(this.options.engine, page, 0, page.base.height, this.options.timeoutMs, this.options.secondOpinion);
    const entry = { span: [0, page.base.height] as Span, done: lines.catch(() => undefined) };
    this.inflight.push(entry);
    try {
      this.read = await lines;
    } catch (error) {
      this.failure = error;
      throw error;
    } finally {
      this.inflight.splice(this.inflight.indexOf(entry), 1);
    }
    this.done = true;
    this.prepared = null;
  }

  private uncovered(top: number, bottom: number): Span[] {
    const gaps: Span[] = [];
    let at = top;
    for (const [a, b] of this.covered) {
      if (b <= at) continue;
      if (a >= bottom) break;
      if (a > at) gaps.push([at, a]);
      at = Math.max(at, b);
    }
    if (at < bottom) gaps.push([at, bottom]);
    return gaps;
  }

  private cover([a, b]: Span): void {
    const spans = [...this.covered, [a, b] as Span].sort((x, y) => x[0] - y[0]);
    const merged: Span[] = [];
    for (const span of spans) {
      const last = merged[merged.length - 1];
      if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
      else merged.push([...span]);
    }
    this.covered = merged;
  }
}

/** Blank rows kept above and below the ink of a band (share of the page height): text at a crop's very edge reads worse. */
const BAND_MARGIN = 0.01;

/**
 * The span without the blank rows at its top and bottom, less a margin (a page's blank foot
 * is not worth recognising); null when it has no text on it at all.
 */
function trimmed(page: PreparedPage, [top, bottom]: Span): Span | null {
  let first = top;
  while (first < bottom && isBlankRow(page, first)) first++;
  if (first === bottom) return null;
  let last = bottom - 1;
  while (last > first && isBlankRow(page, last)) last--;
  const margin = Math.round(page.base.height * BAND_MARGIN);
  return [Math.max(top, first - margin), Math.min(bottom, last + 1 + margin)];
}

/**
 * Where to cut near `row`: a blank row within reach, else the nearest blank row further out
 * in `direction` (up for a band's top, down for its bottom), else the page's edge.
 */
function cut(page: PreparedPage, row: number, reach: number, direction: -1 | 1): number {
  const near = blankRowNear(page, row, reach);
  if (near !== null) return near;
  const height = page.base.height;
  for (let y = row + direction * reach; y > 0 && y < height; y += direction) {
    const blank = blankRowNear(page, y, 0);
    if (blank !== null) return blank;
  }
  return direction < 0 ? 0 : height;
}
