/**
 * The PP-OCR stages on onnxruntime: detection (DB) → direction classification (0°/180° per
 * line) → recognition (SVTR, CTC), each a function of the page's RGB pixels. Batches keep the
 * number of inference calls low; every call awaits the runtime, so a cancelled request stops
 * at the next stage.
 */
import type { RasterImage } from '../../types.js';
import { ctcDecode, type DecodedChar } from './ctc.js';
import { boxesFromProbabilityMap, DB_DEFAULTS, type DetectedBox, type Quad } from './db.js';
import type { Ort, Session } from './runtime.js';
import { detectionSize, detectionTensor, sampleQuad, stripTensor, type LineCrop } from './tensor.js';

/** Recognition input height (PP-OCRv3/v4 rec models). */
export const REC_HEIGHT = 48;
/** PaddleOCR's narrowest recognition input (its 320 × 48 training shape). */
const REC_MIN_WIDTH = 320;
/** Classifier input: 48 × 192, lines squeezed to fit. */
const CLS_WIDTH = 192;
/**
 * Lines per recognition batch, and how much wider than the narrowest the widest may be. On
 * CPU a batch costs what its lines cost one by one (measured: 8 × 320 px took 8.6× one
 * line), so batches only save the per-call overhead and must not pay for padding.
 */
const REC_BATCH = 8;
const REC_BATCH_SPREAD = 1.15;
const CLS_BATCH = 24;
/** PaddleOCR flips a line only when the classifier is this sure it is upside down. */
const CLS_THRESHOLD = 0.9;

export type Checkpoint = () => void;

/** Text boxes on the image, in the image's pixels, with DB scores. */
export async function detect(ort: Ort, det: Session, rgb: RasterImage, maxSide: number, checkpoint: Checkpoint): Promise<DetectedBox[]> {
  const size = detectionSize(rgb.width, rgb.height, maxSide);
  const input = await detectionTensor(rgb, size.width, size.height);
  checkpoint();
  const output = await det.run({ [det.inputNames[0]!]: new ort.Tensor('float32', input, [1, 3, size.height, size.width]) });
  checkpoint();
  const map = output[det.outputNames[0]!]!;
  const [, , mh, mw] = map.dims as number[];
  const boxes = boxesFromProbabilityMap(map.data as Float32Array, mw!, mh!, DB_DEFAULTS);
  map.dispose?.();
  const sx = rgb.width / mw!;
  const sy = rgb.height / mh!;
  return boxes.map((box) => ({ ...box, quad: box.quad.map((p) => ({ x: p.x * sx, y: p.y * sy })) as Quad }));
}

/** For each quad, the probability that its line is upside down. */
export async function upsideDown(ort: Ort, cls: Session, rgb: RasterImage, quads: Quad[], checkpoint: Checkpoint): Promise<number[]> {
  const result: number[] = [];
  for (let start = 0; start < quads.length; start += CLS_BATCH) {
    const strips = quads.slice(start, start + CLS_BATCH).map((quad) => sampleQuad(rgb, quad, REC_HEIGHT, { maxWidth: CLS_WIDTH }));
    result.push(...(await classifyStrips(ort, cls, strips)));
    checkpoint();
  }
  return result;
}

/** The classifier on ready strips (48 px high, ≤ 192 wide): P(180°) for each. */
export async function classifyStrips(ort: Ort, cls: Session, strips: LineCrop[]): Promise<number[]> {
  if (!strips.length) return [];
  const input = stripTensor(strips, REC_HEIGHT, CLS_WIDTH);
  const output = await cls.run({ [cls.inputNames[0]!]: new ort.Tensor('float32', input, [strips.length, 3, REC_HEIGHT, CLS_WIDTH]) });
  const probs = output[cls.outputNames[0]!]!;
  const data = probs.data as Float32Array;
  const out = strips.map((_, i) => data[i * 2 + 1]!);
  probs.dispose?.();
  return out;
}

export function shouldFlip(probability: number): boolean {
  return probability > CLS_THRESHOLD;
}

export interface RecognizedLine {
  text: string;
  confidence: number;
  chars: DecodedChar[];
  /** Width of the line's strip (pixels at REC_HEIGHT) and pixels per output time step. */
  stripWidth: number;
  stepWidth: number;
}

/**
 * Reads each quad as one line. Lines are batched by similar aspect ratio (as PaddleOCR does) so
 * little of a batch is padding.
 */
export async function recognizeQuads(
  ort: Ort,
  rec: Session,
  rgb: RasterImage,
  quads: Quad[],
  flips: boolean[],
  classes: readonly string[],
  allowed: Uint8Array | undefined,
  checkpoint: Checkpoint,
): Promise<RecognizedLine[]> {
  const strips = quads.map((quad, i) => sampleQuad(rgb, quad, REC_HEIGHT, { flip: flips[i] }));
  return recognizeStrips(ort, rec, strips, classes, allowed, checkpoint);
}

export async function recognizeStrips(
  ort: Ort,
  rec: Session,
  strips: LineCrop[],
  classes: readonly string[],
  allowed: Uint8Array | undefined,
  checkpoint: Checkpoint,
): Promise<RecognizedLine[]> {
  const order = strips.map((_, i) => i).sort((a, b) => strips[a]!.width - strips[b]!.width);
  const results: RecognizedLine[] = new Array(strips.length);
  let at = 0;
  while (at < order.length) {
    // Lines of about the same padded width go together (the order is by width).
    const narrowest = Math.max(REC_MIN_WIDTH, strips[order[at]!]!.width);
    let end = at + 1;
    while (end < order.length && end - at < REC_BATCH && Math.max(REC_MIN_WIDTH, strips[order[end]!]!.width) <= narrowest * REC_BATCH_SPREAD) end++;
    const batch = order.slice(at, end);
    const width = Math.ceil(Math.max(REC_MIN_WIDTH, ...batch.map((i) => strips[i]!.width)) / 8) * 8;
    const input = stripTensor(batch.map((i) => strips[i]!), REC_HEIGHT, width);
    const output = await rec.run({ [rec.inputNames[0]!]: new ort.Tensor('float32', input, [batch.length, 3, REC_HEIGHT, width]) });
    checkpoint();
    const probs = output[rec.outputNames[0]!]!;
    const [, steps, classCount] = probs.dims as number[];
    if (classCount !== classes.length) {
      probs.dispose?.();
      throw new Error(`recognition model has ${classCount} classes, the dictionary ${classes.length}`);
    }
    const data = probs.data as Float32Array;
    batch.forEach((index, n) => {
      const decoded = ctcDecode(data, n * steps! * classCount, steps!, classes, allowed);
      results[index] = { ...decoded, stripWidth: strips[index]!.width, stepWidth: width / steps! };
    });
    probs.dispose?.();
    at = end;
  }
  return results;
}
