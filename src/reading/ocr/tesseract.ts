/**
 * The shipped OCR engine: tesseract.js 7 (tesseract 5 compiled to WebAssembly, one
 * worker_threads Worker per tesseract instance), fully offline.
 *
 * - Language data comes from the `@tesseract.js-data/{chi_sim,eng}` packages
 *   (`4.0.0_best_int`, gzipped), read from node_modules; the worker script and the wasm core
 *   ship inside tesseract.js / tesseract.js-core. Nothing is fetched, and with
 *   `cacheMethod: 'none'` nothing is written (by default tesseract.js writes
 *   `<lang>.traineddata` into the current directory and later prefers that stale copy).
 * - Chinese requests run on a pool of `chi_sim` workers. Not `chi_sim+eng`: it silently
 *   loads only chi_sim (chi_sim's config asks for `chi_sim_vert`, which is not there). Not
 *   `eng+chi_sim`: measured here on 200-DPI A4 pages it is 2× slower (6.1 s vs 3.1 s a dense
 *   page) and no more accurate (Han characters were already read 100 %; the misses are
 *   full-width punctuation). Latin-only requests (the credit-code line: single-line mode
 *   and a whitelist) run on one separate `eng` worker (~35 ms a line).
 * - Requests queue and run on free workers. A worker is replaced after `recycleAfter` jobs
 *   (its wasm heap only grows), after a timeout (it may be stuck in a long recognition: the
 *   thread is terminated) and after any failure. A crash inside a worker thread rejects the
 *   request; it never reaches the process (see workerWrapperUrl).
 */
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { Worker as NodeWorker } from 'node:worker_threads';
import type { Bbox, Page, RecognizeOptions, Worker as TessWorker } from 'tesseract.js';
import { QcError } from '../../errors.js';
import { normalizeChineseText } from '../normalize.js';
import type { Box, RasterImage, TextLine, Word } from '../types.js';
import { closedError, invalidRaster, positiveOption, type OcrEngine, type OcrRequest, type OcrResult } from './engine.js';

const require = createRequire(import.meta.url);

type Lang = 'chi_sim' | 'eng';
type TesseractModule = typeof import('tesseract.js');

/** Where the engine reports what it does; `console` fits. */
export interface OcrLogger {
  debug?(message: string, fields?: Record<string, unknown>): void;
  warn?(message: string, fields?: Record<string, unknown>): void;
}

export interface TesseractEngineOptions {
  /** Chinese workers running at once (each ~260 MB). Default min(2, available cores). */
  workers?: number;
  /** Jobs a worker runs before it is replaced (memory only grows). Default 200. */
  recycleAfter?: number;
  /** Default time limit of a request, from when a worker starts on it (waiting in the queue does not count). Default 60 000 ms. */
  timeoutMs?: number;
  /** Time limit to start a worker (load wasm and language data). Default 30 000 ms. */
  startTimeoutMs?: number;
  logger?: OcrLogger;
  /**
   * Folders holding `<lang>.traineddata.gz` (e.g. a `best` model). Default: the
   * `4.0.0_best_int` folders of the @tesseract.js-data packages. Local paths only.
   */
  langPaths?: Partial<Record<Lang, string>>;
}

/** The folder of shipped language data for a language. */
export function shippedLangPath(lang: Lang): string {
  return path.join(path.dirname(require.resolve(`@tesseract.js-data/${lang}/package.json`)), '4.0.0_best_int');
}

/** tesseract's page segmentation modes used here. */
const PSM_AUTO = '3';
const PSM_SINGLE_LINE = '7';
/** OEM 1: LSTM only (the `best_int` data has no legacy model). */
const OEM_LSTM_ONLY = 1;
/** Actions tesseract.js runs while a worker starts. */
const INIT_ACTIONS = ['load', 'loadLanguage', 'initialize'];

/**
 * The worker thread's entry point: tesseract.js's own Node worker script, wrapped.
 *
 * Three ways tesseract.js 7 can kill the process or leak a thread, all closed here:
 * - It sets `worker.onerror`, which a Node Worker (an EventEmitter) ignores, and gives no
 *   access to the thread before it has started: an exception escaping inside the thread
 *   becomes an 'error' event nobody listens to. The wrapper catches such exceptions inside
 *   the thread, reports them as a rejection of every job in flight (the request fails, the
 *   pool replaces the worker) and ends the thread.
 * - When `initialize` fails (corrupt language data) the worker answers the job twice,
 *   reject then resolve; the second answer finds no pending promise and throws a TypeError
 *   in the main thread's message listener. The wrapper ends the thread at the first failure
 *   of a start-up step and drops everything after it.
 * - A failed start leaves `createWorker` pending forever and the thread running. The
 *   wrapper ends the thread on failure, or when it has not started within the time limit.
 */
function workerWrapperUrl(startTimeoutMs: number): URL {
  const script = path.join(path.dirname(require.resolve('tesseract.js/package.json')), 'src/worker-script/node/index.js');
  const source = `
import { createRequire } from 'node:module';
import { parentPort } from 'node:worker_threads';
const inFlight = new Map();
const INIT = new Set(${JSON.stringify(INIT_ACTIONS)});
let started = false;
let ended = false;
const post = parentPort.postMessage.bind(parentPort);
const end = (code) => { ended = true; setImmediate(() => process.exit(code)); };
parentPort.on('message', (packet) => {
  if (packet && packet.workerId !== undefined) inFlight.set(packet.action + '-' + packet.jobId, packet);
});
parentPort.postMessage = (message) => {
  if (ended) return;
  if (message && (message.status === 'resolve' || message.status === 'reject')) {
    inFlight.delete(message.action + '-' + message.jobId);
    if (message.action === 'initialize' && message.status === 'resolve') started = true;
    post(message);
    if (message.status === 'reject' && !started && INIT.has(message.action)) end(71);
    return;
  }
  post(message);
};
const fatal = (error) => {
  if (ended) return;
  const reason = 'tesseract worker crashed: ' + ((error && error.message) || String(error));
  for (const p of inFlight.values()) {
    post({ workerId: p.workerId, jobId: p.jobId, action: p.action, status: 'reject', data: reason });
  }
  inFlight.clear();
  end(70);
};
process.on('uncaughtException', fatal);
process.on('unhandledRejection', fatal);
setTimeout(() => { if (!started) fatal(new Error('not started within ${startTimeoutMs} ms')); }, ${startTimeoutMs}).unref();
createRequire(${JSON.stringify(script)})(${JSON.stringify(script)});
`;
  return new URL(`data:text/javascript,${encodeURIComponent(source)}`);
}

interface Job {
  lang: Lang;
  /** Encoded only when a worker takes the job: queued jobs hold no copy of the pixels. */
  image: RasterImage;
  params: Record<string, string>;
  width: number;
  height: number;
  timeoutMs: number;
  submitted: number;
  settled: boolean;
  timer?: NodeJS.Timeout;
  slot?: Slot;
  resolve(result: OcrResult): void;
  reject(error: unknown): void;
}

interface Slot {
  id: number;
  lang: Lang;
  state: 'starting' | 'idle' | 'busy' | 'dead';
  worker?: TessWorker;
  thread?: NodeWorker;
  jobs: number;
  job?: Job;
  /** Settles when the worker has started (or failed to). */
  ready: Promise<void>;
}

interface Pool {
  lang: Lang;
  size: number;
  slots: Slot[];
  queue: Job[];
}

export class TesseractEngine implements OcrEngine {
  readonly id = 'tesseract';

  private readonly workers: number;
  private readonly recycleAfter: number;
  private readonly timeoutMs: number;
  private readonly startTimeoutMs: number;
  private readonly logger: OcrLogger;
  private readonly langPaths: Record<Lang, string>;
  private readonly pools: Record<Lang, Pool>;
  private tesseract?: TesseractModule;
  private workerUrl?: URL;
  private closed = false;
  private slotCounter = 0;
  /** Counters for tests and logs. */
  private readonly stats = { started: 0, recycled: 0, replaced: 0, completed: 0 };

  constructor(options: TesseractEngineOptions = {}) {
    const positive = (value: number | undefined, fallback: number, option: string) => positiveOption('TesseractEngine', value, fallback, option);
    this.workers = Math.floor(positive(options.workers, Math.min(2, os.availableParallelism()), 'workers'));
    this.recycleAfter = Math.floor(positive(options.recycleAfter, 200, 'recycleAfter'));
    this.timeoutMs = positive(options.timeoutMs, 60_000, 'timeoutMs');
    this.startTimeoutMs = positive(options.startTimeoutMs, 30_000, 'startTimeoutMs');
    this.logger = options.logger ?? {};
    this.langPaths = {
      chi_sim: options.langPaths?.chi_sim ?? shippedLangPath('chi_sim'),
      eng: options.langPaths?.eng ?? shippedLangPath('eng'),
    };
    for (const folder of Object.values(this.langPaths)) {
      // tesseract.js fetches language data from anything that looks like a URL.
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(folder)) throw new RangeError(`TesseractEngine: langPaths must be local folders, not ${folder}`);
    }
    this.pools = {
      chi_sim: { lang: 'chi_sim', size: this.workers, slots: [], queue: [] },
      eng: { lang: 'eng', size: 1, slots: [], queue: [] },
    };
  }

  /**
   * Starts every worker (the Chinese pool at full size and the Latin worker) and resolves
   * when all are ready; rejects with QC_OCR_FAILED when one cannot start.
   */
  async warmUp(): Promise<void> {
    if (this.closed) throw closedError();
    const starting: Promise<void>[] = [];
    for (const pool of Object.values(this.pools)) {
      while (pool.slots.length < pool.size) this.startSlot(pool);
      starting.push(...pool.slots.map((slot) => slot.ready));
    }
    await Promise.all(starting);
  }

  recognize(request: OcrRequest): Promise<OcrResult> {
    if (this.closed) return Promise.reject(closedError());
    const { image } = request;
    const invalid = invalidRaster(image);
    if (invalid) return Promise.reject(invalid);
    const lang: Lang = request.script === 'latin' ? 'eng' : 'chi_sim';
    const params: Record<string, string> = {
      tessedit_pageseg_mode: request.mode === 'line' ? PSM_SINGLE_LINE : PSM_AUTO,
      preserve_interword_spaces: '1',
      // tesseract's own messages ("Estimating resolution as 379") would go to stdout.
      debug_file: '/dev/null',
    };
    if (request.whitelist) params.tessedit_char_whitelist = request.whitelist;
    const timeoutMs = request.timeoutMs ?? this.timeoutMs;

    return new Promise<OcrResult>((resolve, reject) => {
      const job: Job = {
        lang,
        image,
        params,
        width: image.width,
        height: image.height,
        timeoutMs,
        submitted: performance.now(),
        settled: false,
        resolve,
        reject,
      };
      this.pools[lang].queue.push(job);
      this.dispatch(this.pools[lang]);
    });
  }

  /** Terminates all workers; queued and running requests reject, and so do later calls. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const ending: Promise<unknown>[] = [];
    for (const pool of Object.values(this.pools)) {
      for (const job of pool.queue.splice(0)) this.settle(job, closedError());
      for (const slot of [...pool.slots]) {
        ending.push(slot.state === 'starting' ? slot.ready.catch(() => {}) : this.retire(slot, 'closed'));
      }
    }
    await Promise.all(ending);
  }

  /** @internal For tests: counters, and the threads of the running workers. */
  debugState(): {
    workers: { lang: Lang; state: Slot['state']; jobs: number; thread?: NodeWorker }[];
    started: number;
    recycled: number;
    replaced: number;
    completed: number;
  } {
    const workers = Object.values(this.pools).flatMap((pool) =>
      pool.slots.map((slot) => ({ lang: slot.lang, state: slot.state, jobs: slot.jobs, thread: slot.thread })),
    );
    return { workers, ...this.stats };
  }

  // ---- pool ---------------------------------------------------------------------------------

  /** Hands queued jobs to idle workers and starts workers (up to the pool size) for the rest. */
  private dispatch(pool: Pool): void {
    if (this.closed) return;
    while (pool.queue.length > 0) {
      const idle = pool.slots.find((slot) => slot.state === 'idle');
      if (!idle) break;
      this.run(idle, pool.queue.shift()!);
    }
    let starting = pool.slots.filter((slot) => slot.state === 'starting').length;
    while (pool.queue.length > starting && pool.slots.length < pool.size) {
      this.startSlot(pool);
      starting++;
    }
  }

  private startSlot(pool: Pool): Slot {
    const slot: Slot = { id: ++this.slotCounter, lang: pool.lang, state: 'starting', jobs: 0, ready: Promise.resolve() };
    pool.slots.push(slot);
    slot.ready = this.startWorker(slot).then(
      () => {
        if (slot.state === 'dead') return undefined;
        if (this.closed) return this.retire(slot, 'closed');
        slot.state = 'idle';
        this.dispatch(pool);
        return undefined;
      },
      (error: unknown) => {
        this.remove(slot);
        const reason = errorText(error);
        this.logger.warn?.('tesseract worker failed to start', { lang: slot.lang, reason });
        // Nothing else can serve the queue: fail it rather than let it wait for its timeouts.
        if (!pool.slots.some((other) => other.state !== 'dead')) {
          for (const job of pool.queue.splice(0)) {
            this.settle(job, new QcError('QC_OCR_FAILED', { reason: `the ${slot.lang} OCR worker could not start: ${reason}` }));
          }
        }
        throw new QcError('QC_OCR_FAILED', { reason: `the ${slot.lang} OCR worker could not start: ${reason}` }, { cause: error });
      },
    );
    slot.ready.catch(() => {}); // reported through requests and warmUp()
    return slot;
  }

  private async startWorker(slot: Slot): Promise<void> {
    const tesseract = (this.tesseract ??= require('tesseract.js') as TesseractModule);
    this.workerUrl ??= workerWrapperUrl(this.startTimeoutMs);
    const began = performance.now();
    let failStart: (reason: unknown) => void = () => {};
    const failed = new Promise<never>((_, reject) => (failStart = reject));
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`not started within ${this.startTimeoutMs} ms`)), this.startTimeoutMs + 1000);
    });
    const creating = tesseract.createWorker(slot.lang, OEM_LSTM_ONLY, {
      langPath: this.langPaths[slot.lang],
      gzip: true,
      cacheMethod: 'none',
      // A URL, not a path: the Worker runs the wrapper from a data: URL (typed as string only).
      workerPath: this.workerUrl as unknown as string,
      logger: () => {},
      // Without an errorHandler, tesseract.js throws every worker-side rejection from its
      // message listener: an uncaught exception in the main thread.
      errorHandler: (data: unknown) => {
        if (slot.state === 'starting') failStart(new Error(String(data)));
        // After start, failures also reject the job's own promise, handled in run().
      },
    });
    try {
      const worker = await Promise.race([creating, failed, timedOut]);
      slot.worker = worker;
      const thread = (worker as unknown as { worker: NodeWorker }).worker;
      slot.thread = thread;
      thread.on('error', (error) => this.crashed(slot, error));
      thread.on('exit', (code) => this.crashed(slot, new Error(`worker thread exited (code ${code})`)));
      // Idle workers do not keep the process alive (a CLI that forgets close() still exits);
      // a busy one does, until its job is done.
      thread.unref();
    } finally {
      clearTimeout(timer);
    }
    this.stats.started++;
    this.logger.debug?.('tesseract worker started', { lang: slot.lang, ms: Math.round(performance.now() - began) });
  }

  private run(slot: Slot, job: Job): void {
    // The time limit is on recognising, not on waiting: a deep queue (a 300-page scan, a busy
    // server) must not time out pages that never got a worker.
    job.timer = setTimeout(() => this.timeOut(job), job.timeoutMs);
    slot.state = 'busy';
    slot.job = job;
    job.slot = slot;
    slot.thread?.ref();
    const pnm = encodePnm(job.image);
    const input = Buffer.from(pnm.buffer, pnm.byteOffset, pnm.byteLength);
    // Parameters given with the request are set for this recognition only (tesseract.js saves
    // and restores them), so a worker serves page and line requests alike.
    slot.worker!.recognize(input, job.params as Partial<RecognizeOptions>, { blocks: true, text: false }).then(
      (result) => this.finish(slot, job, () => toResult(result.data, job)),
      (error: unknown) => this.finish(slot, job, () => {
        throw new QcError('QC_OCR_FAILED', { reason: errorText(error) }, { cause: error });
      }),
    );
  }

  private finish(slot: Slot, job: Job, outcome: () => OcrResult): void {
    if (slot.job === job) slot.job = undefined;
    slot.thread?.unref();
    slot.jobs++;
    if (job.settled || slot.state === 'dead') return; // timed out or closed: already handled
    let failed = false;
    try {
      this.settle(job, undefined, outcome());
      this.stats.completed++;
    } catch (error) {
      failed = true;
      this.settle(job, error);
    }
    if (failed) {
      void this.retire(slot, 'failed');
    } else if (slot.jobs >= this.recycleAfter) {
      this.stats.recycled++;
      void this.retire(slot, 'recycled');
    } else {
      slot.state = 'idle';
    }
    this.dispatch(this.pools[slot.lang]);
  }

  private timeOut(job: Job): void {
    if (job.settled) return;
    this.settle(job, new QcError('QC_OCR_TIMEOUT', { file: '', page: 0, ms: job.timeoutMs }));
    const pool = this.pools[job.lang];
    const queued = pool.queue.indexOf(job);
    if (queued >= 0) pool.queue.splice(queued, 1);
    // A worker busy with it may stay busy for long: end it, start another.
    if (job.slot && job.slot.job === job) void this.retire(job.slot, 'timeout');
  }

  /** A worker thread died or threw: fail its job and replace it. */
  private crashed(slot: Slot, error: Error): void {
    if (slot.state === 'dead') return;
    this.logger.warn?.('tesseract worker crashed', { lang: slot.lang, reason: error.message });
    const job = slot.job;
    if (job) this.settle(job, new QcError('QC_OCR_FAILED', { reason: error.message }, { cause: error }));
    void this.retire(slot, 'crashed');
  }

  /** Ends a worker for good and, unless the engine is closing, starts its replacement. */
  private async retire(slot: Slot, why: 'recycled' | 'timeout' | 'failed' | 'crashed' | 'closed'): Promise<void> {
    if (slot.state === 'dead') return;
    slot.state = 'dead';
    this.remove(slot);
    const job = slot.job;
    slot.job = undefined;
    if (job) this.settle(job, why === 'closed' ? closedError() : new QcError('QC_OCR_FAILED', { reason: `worker ${why}` }));
    this.logger.debug?.('tesseract worker retired', { lang: slot.lang, why, jobs: slot.jobs });
    const pool = this.pools[slot.lang];
    if (!this.closed) {
      this.stats.replaced++;
      this.startSlot(pool);
    }
    try {
      await slot.thread?.terminate();
    } catch {
      // already gone
    }
  }

  private remove(slot: Slot): void {
    const slots = this.pools[slot.lang].slots;
    const at = slots.indexOf(slot);
    if (at >= 0) slots.splice(at, 1);
  }

  private settle(job: Job, error: unknown, result?: OcrResult): void {
    if (job.settled) return;
    job.settled = true;
    clearTimeout(job.timer);
    if (error !== undefined) job.reject(error);
    else job.resolve(result!);
  }
}

function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/**
 * The raster as binary PNM (P5 grey / P6 RGB), which leptonica reads natively: a header and a
 * copy (A4: <1 ms grey, ~3–8 ms RGB), where a PNG costs ~12 ms to encode with sharp and then
 * has to be inflated again inside the (single-threaded) worker. RGBA is painted over white.
 */
export function encodePnm(image: RasterImage): Uint8Array {
  const { width, height, channels, data } = image;
  const header = new TextEncoder().encode(`${channels === 1 ? 'P5' : 'P6'}\n${width} ${height}\n255\n`);
  const pixels = width * height;
  const out = new Uint8Array(header.length + pixels * (channels === 1 ? 1 : 3));
  out.set(header, 0);
  if (channels !== 4) {
    out.set(data, header.length);
    return out;
  }
  for (let i = 0, o = header.length; i < pixels; i++, o += 3) {
    const a = data[i * 4 + 3]!;
    const inv = 255 - a;
    out[o] = (data[i * 4]! * a + 255 * inv + 127) / 255;
    out[o + 1] = (data[i * 4 + 1]! * a + 255 * inv + 127) / 255;
    out[o + 2] = (data[i * 4 + 2]! * a + 255 * inv + 127) / 255;
  }
  return out;
}

// ---- result mapping ---------------------------------------------------------------------------

/** tesseract's page as lines; `elapsedMs` is the time since the call (queueing included). */
function toResult(page: Page, job: Job): OcrResult {
  const box = (b: Bbox): Box => {
    const x0 = clamp(b.x0, 0, job.width);
    const y0 = clamp(b.y0, 0, job.height);
    const x1 = clamp(b.x1, x0, job.width);
    const y1 = clamp(b.y1, y0, job.height);
    return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
  };
  const lines: TextLine[] = [];
  // tesseract's order: blocks as its layout analysis orders them, lines top to bottom.
  for (const block of page.blocks ?? []) {
    for (const paragraph of block.paragraphs ?? []) {
      for (const line of paragraph.lines ?? []) {
        const text = normalizeChineseText(line.text ?? '');
        if (!text) continue;
        const lineBox = box(line.bbox);
        const words: Word[] = [];
        for (const word of line.words ?? []) {
          const wordText = normalizeChineseText(word.text ?? '');
          if (!wordText) continue;
          // chi_sim sometimes gives a word (often punctuation) a box twice the line's height.
          words.push({ text: wordText, box: within(box(word.bbox), lineBox), confidence: clamp(word.confidence / 100, 0, 1) });
        }
        lines.push({ text, box: lineBox, confidence: clamp(line.confidence / 100, 0, 1), words });
      }
    }
  }
  const merged = joinSplitLines(lines);
  let weighted = 0;
  let characters = 0;
  for (const word of merged.flatMap((line) => line.words)) {
    const length = [...word.text].length;
    weighted += word.confidence * length;
    characters += length;
  }
  return { lines: merged, confidence: characters ? weighted / characters : 0, elapsedMs: Math.round(performance.now() - job.submitted) };
}

/**
 * Joins pieces of one visual line that tesseract's layout analysis put in different blocks.
 * Chinese text is a grid (every character one em wide), so the gaps between characters line
 * up from line to line and tesseract takes them for a column gutter: a paragraph comes back
 * as two "columns" of half lines, read column by column. Pieces on the same row (vertical
 * overlap ≥ 60 %) with a gap of at most 1.5 line heights (the rule the text-layer reader uses
 * too) are joined, left to right, at the place of the first piece; real columns and table
 * cells, further apart, stay separate lines.
 */
function joinSplitLines(lines: TextLine[]): TextLine[] {
  const result = [...lines];
  for (let merged = true; merged; ) {
    merged = false;
    search: for (let i = 0; i < result.length; i++) {
      for (let j = i + 1; j < result.length; j++) {
        const a = result[i]!;
        const b = result[j]!;
        const [left, right] = a.box.x <= b.box.x ? [a, b] : [b, a];
        const height = Math.max(left.box.height, right.box.height);
        const gap = right.box.x - (left.box.x + left.box.width);
        if (gap < -0.3 * height || gap > 1.5 * height || verticalOverlap(left.box, right.box) < 0.6) continue;
        result[i] = joinLines(left, right);
        result.splice(j, 1);
        merged = true;
        break search;
      }
    }
  }
  return result;
}

function joinLines(left: TextLine, right: TextLine): TextLine {
  const chars = (line: TextLine) => [...line.text].length;
  return {
    text: normalizeChineseText(`${left.text} ${right.text}`),
    box: union(left.box, right.box),
    confidence: (left.confidence * chars(left) + right.confidence * chars(right)) / (chars(left) + chars(right)),
    words: [...left.words, ...right.words],
  };
}

function verticalOverlap(a: Box, b: Box): number {
  const overlap = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return Math.max(0, overlap) / Math.max(1, Math.min(a.height, b.height));
}

function union(a: Box, b: Box): Box {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return { x, y, width: Math.max(a.x + a.width, b.x + b.width) - x, height: Math.max(a.y + a.height, b.y + b.height) - y };
}

/** `box` cut to `frame` (unchanged when they do not meet). */
function within(box: Box, frame: Box): Box {
  const x0 = Math.max(box.x, frame.x);
  const y0 = Math.max(box.y, frame.y);
  const x1 = Math.min(box.x + box.width, frame.x + frame.width);
  const y1 = Math.min(box.y + box.height, frame.y + frame.height);
  return x1 > x0 && y1 > y0 ? { x: x0, y: y0, width: x1 - x0, height: y1 - y0 } : box;
}

function clamp(value: number, low: number, high: number): number {
  return Number.isFinite(value) ? Math.min(high, Math.max(low, value)) : low;
}
