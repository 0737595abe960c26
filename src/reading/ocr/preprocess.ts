/**
 * Image clean-up before OCR, on `RasterImage`s (raw 8-bit pixels), mostly through sharp
 * (libvips: native, multi-threaded, off the JavaScript thread).
 *
 * Every function returns a new image and leaves its input untouched. Costs are rough figures
 * for a 200-DPI A4 page (1654×2339) on the 2-core reference machine; they scale with pixels.
 * A sharp round trip (raw in, raw out) has a fixed cost of ~1–2 ms on top.
 */
import type { Sharp } from 'sharp';
import { loadSharp } from '../sharp.js';
import { percentile } from '../../util/percentile.js';
import type { Box, RasterImage } from '../types.js';

const WHITE = { r: 255, g: 255, b: 255, alpha: 1 };

async function open(image: RasterImage): Promise<Sharp> {
  const { width, height, channels, data } = image;
  if (data.length !== width * height * channels) {
    throw new RangeError(`raster has ${data.length} bytes, expected ${width}×${height}×${channels}`);
  }
  const sharp = await loadSharp();
  return sharp(data, { raw: { width, height, channels } });
}

/** Runs the pipeline to raw pixels; `grey` keeps one channel (libvips would output sRGB). */
async function collect(pipeline: Sharp, grey = false): Promise<RasterImage> {
  const output = grey ? pipeline.toColourspace('b-w') : pipeline;
  const { data, info } = await output.raw().toBuffer({ resolveWithObject: true });
  return {
    width: info.width,
    height: info.height,
    channels: info.channels as 1 | 3 | 4,
    data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
  };
}

/** Drops transparency by painting the image over white (scans and renders are on paper). */
function opaque(image: RasterImage, pipeline: Sharp): Sharp {
  return image.channels === 4 ? pipeline.flatten({ background: WHITE }) : pipeline;
}

/**
 * One grey channel (luminance; transparent pixels become white). Returns the input itself when
 * it is already grey. ~20 ms.
 */
export async function toGrey(image: RasterImage): Promise<RasterImage> {
  if (image.channels === 1) return image;
  return collect(opaque(image, await open(image)), true);
}

/**
 * Stretches contrast so the darkest 1 % of pixels becomes black and the lightest 1 % white:
 * greyish text on a grey scan gets back to black on white. One linear map, found on the
 * luminance histogram and applied to every colour channel (alpha untouched, channel count
 * kept). Plain JavaScript (a histogram and a lookup table): ~13 ms grey, ~30 ms RGB; sharp's
 * `normalise()` took ~160 ms here because it works in Lab. An image that is almost uniform
 * (range < 8 levels) is returned as is.
 */
export async function normalizeContrast(image: RasterImage): Promise<RasterImage> {
  const { data, channels } = image;
  const pixels = image.width * image.height;
  const histogram = new Uint32Array(256);
  if (channels === 1) {
    for (let i = 0; i < pixels; i++) histogram[data[i]!]!++;
  } else {
    for (let i = 0, p = 0; i < pixels; i++, p += channels) {
      histogram[(data[p]! * 77 + data[p + 1]! * 150 + data[p + 2]! * 29) >> 8]!++;
    }
  }
  const cut = pixels * 0.01;
  let low = 0;
  for (let seen = histogram[0]!; seen <= cut && low < 255; ) seen += histogram[++low]!;
  let high = 255;
  for (let seen = histogram[255]!; seen <= cut && high > 0; ) seen += histogram[--high]!;
  if (high - low < 8) return image;
  const table = new Uint8Array(256);
  for (let v = 0; v < 256; v++) table[v] = Math.max(0, Math.min(255, Math.round(((v - low) * 255) / (high - low))));
  const out = new Uint8Array(data.length);
  if (channels === 4) {
    for (let p = 0; p < data.length; p += 4) {
      out[p] = table[data[p]!]!;
      out[p + 1] = table[data[p + 1]!]!;
      out[p + 2] = table[data[p + 2]!]!;
      out[p + 3] = data[p + 3]!;
    }
  } else {
    for (let p = 0; p < data.length; p++) out[p] = table[data[p]!]!;
  }
  return { width: image.width, height: image.height, channels, data: out };
}

/**
 * Upscales by `minDpiRatio` (the wanted resolution over the image's own, e.g. 200 / 100 = 2)
 * so small glyphs keep their strokes; a ratio ≤ 1 returns the input itself (never
 * downscales). The ratio is capped at 4; RGBA comes out RGB. Output size is `round(width × ratio)`: map boxes
 * back by `input.width / output.width`. Lanczos: ~50 ms to turn a 100-DPI A4 page (827×1170)
 * into 200 DPI, grey; ~9 ms to double an RGB text line.
 */
export async function upscaleTo(image: RasterImage, minDpiRatio: number): Promise<RasterImage> {
  if (!(minDpiRatio > 1.01)) return image;
  const ratio = Math.min(minDpiRatio, 4);
  const width = Math.round(image.width * ratio);
  const height = Math.round(image.height * ratio);
  return collect(opaque(image, await open(image)).resize({ width, height, fit: 'fill', kernel: 'lanczos3' }), image.channels === 1);
}

/**
 * The red channel alone, as a grey image. Red seal ink is bright in it and all but vanishes,
 * while black text stays black: text under a red stamp reads again (on clean scans; a blue
 * stamp would turn dark instead). A grey input is returned as is. ~4 ms.
 */
export async function redChannel(image: RasterImage): Promise<RasterImage> {
  if (image.channels === 1) return image;
  return collect(opaque(image, await open(image)).extractChannel('red'));
}

/** A region cut from a larger image, with where it sits there. */
export interface CroppedImage extends RasterImage {
  /** Position of the crop's top-left pixel in the source: source x = x + offsetX. */
  offsetX: number;
  offsetY: number;
}

/**
 * Copies the region `box` grown by `pad` pixels on every side, clamped to the image. The
 * result is a RasterImage plus its offset in the source, to map boxes back (`x + offsetX`).
 * Plain row copies, no sharp: well under 1 ms for a text line, ~2 ms for a whole grey page.
 * Throws a RangeError when the box lies outside the image.
 */
export function crop(image: RasterImage, box: Box, pad = 0): CroppedImage {
  const x0 = Math.max(0, Math.floor(box.x - pad));
  const y0 = Math.max(0, Math.floor(box.y - pad));
  const x1 = Math.min(image.width, Math.ceil(box.x + box.width + pad));
  const y1 = Math.min(image.height, Math.ceil(box.y + box.height + pad));
  if (x1 <= x0 || y1 <= y0) {
    throw new RangeError(`crop box ${JSON.stringify(box)} lies outside the ${image.width}×${image.height} image`);
  }
  const { channels } = image;
  const width = x1 - x0;
  const height = y1 - y0;
  const rowBytes = width * channels;
  const data = new Uint8Array(rowBytes * height);
  for (let y = 0; y < height; y++) {
    const from = ((y0 + y) * image.width + x0) * channels;
    data.set(image.data.subarray(from, from + rowBytes), y * rowBytes);
  }
  return { width, height, channels, data, offsetX: x0, offsetY: y0 };
}

/**
 * PNG bytes of the image. Level 1 compression by default: for OCR input and debugging speed
 * matters more than size (~14 ms grey at level 1, ~29 ms at the default level 6).
 */
export async function encodePng(image: RasterImage, compressionLevel = 1): Promise<Uint8Array> {
  const png = await (await open(image)).png({ compressionLevel, adaptiveFiltering: false }).toBuffer();
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}

export interface DeskewOptions {
  /** Largest skew looked for, degrees (default 5). */
  maxAngle?: number;
  /** Skews smaller than this are left alone (default 0.15°: not worth a resampling). */
  minAngle?: number;
}

export interface DeskewResult {
  /** The straightened image, same size as the input (the rotation is about its centre). */
  image: RasterImage;
  /** Degrees the image was rotated clockwise to straighten it (0 when left alone). */
  angle: number;
}

/** Width of the downscaled copy the angle is measured on. */
const DESKEW_WIDTH = 1000;

/**
 * Straightens a page scanned slightly askew (up to ±`maxAngle`°). The angle is found on a
 * downscaled grey copy: dark pixels (Otsu threshold) are projected onto rows sheared by each
 * candidate angle, and the angle whose row histogram has the largest variance (text lines
 * sharpest) wins: 0.5° steps, then 0.1° around the best, then a parabola through the
 * neighbours. The image is then rotated with sharp about its centre, white filling the
 * corners, and cut back to its own size so boxes stay in (almost) the same grid (RGBA comes
 * out RGB).
 * ~65 ms to measure, ~120 ms with the rotation (A4); a 2° skew was measured as 1.98°.
 */
export async function deskew(image: RasterImage, options: DeskewOptions = {}): Promise<DeskewResult> {
  const maxAngle = options.maxAngle ?? 5;
  const minAngle = options.minAngle ?? 0.15;
  const skew = await measureSkew(image, maxAngle);
  if (Math.abs(skew) < minAngle) return { image, angle: 0 };
  const angle = -skew;
  const rotated = await collect(opaque(image, await open(image)).rotate(angle, { background: WHITE }), image.channels === 1);
  const box = {
    x: Math.round((rotated.width - image.width) / 2),
    y: Math.round((rotated.height - image.height) / 2),
    width: image.width,
    height: image.height,
  };
  const { offsetX: _x, offsetY: _y, ...straight } = crop(rotated, box);
  return { image: straight, angle };
}

/** Skew of the text lines in degrees, clockwise positive (lines run down to the right). */
async function measureSkew(image: RasterImage, maxAngle: number): Promise<number> {
  const scale = Math.min(1, DESKEW_WIDTH / image.width);
  let pipeline = opaque(image, await open(image));
  if (scale < 1) {
    pipeline = pipeline.resize({ width: Math.round(image.width * scale), kernel: 'linear' });
  }
  const small = await collect(pipeline, true);
  const { width, height, data } = small;
  const channels = small.channels;
  const threshold = otsu(data, channels);

  // Dark pixels, subsampled to at most ~60k points (plenty for a histogram over rows). A dark
  // run touching a row's ends is not text but what lies around the sheet (a scanner's shadow,
  // the desk left in a photo's crop): its slanted edge outweighed the text of a photographed
  // page and held the measure at 0° for a page askew by 4°, which tesseract then read as nothing.
  const isDark = (x: number, y: number) => data[(y * width + x) * channels]! < threshold;
  const { from, to } = innerSpans(width, height, isDark);
  let dark = 0;
  for (let y = 0; y < height; y++) for (let x = from[y]!; x <= to[y]!; x++) if (isDark(x, y)) dark++;
  const total = width * height;
  if (dark < 50 || dark > total * 0.5) return 0;
  const step = Math.max(1, Math.floor(dark / 60_000));
  const xs = new Float64Array(Math.ceil(dark / step));
  const ys = new Float64Array(xs.length);
  let n = 0;
  let seen = 0;
  for (let y = 0; y < height; y++) {
    for (let x = from[y]!; x <= to[y]!; x++) {
      if (isDark(x, y) && seen++ % step === 0 && n < xs.length) {
        xs[n] = x - width / 2;
        ys[n] = y;
        n++;
      }
    }
  }

  const margin = Math.ceil((width / 2) * Math.tan((maxAngle * Math.PI) / 180)) + 2;
  const bins = new Float64Array(height + 2 * margin);
  const score = (degrees: number): number => {
    const t = Math.tan((degrees * Math.PI) / 180);
    bins.fill(0);
    for (let i = 0; i < n; i++) {
      const row = Math.round(ys[i]! - xs[i]! * t) + margin;
      if (row >= 0 && row < bins.length) bins[row]! += 1;
    }
    let sum = 0;
    for (let i = 0; i < bins.length; i++) sum += bins[i]! * bins[i]!;
    return sum;
  };

  let best = 0;
  let bestScore = score(0);
  for (let a = -maxAngle; a <= maxAngle + 1e-9; a += 0.5) {
    const s = score(a);
    if (s > bestScore) [best, bestScore] = [a, s];
  }
  const coarse = best;
  for (let a = coarse - 0.5; a <= coarse + 0.5 + 1e-9; a += 0.1) {
    const s = score(a);
    if (s > bestScore) [best, bestScore] = [a, s];
  }
  // Parabola through the best fine step and its neighbours.
  const left = score(best - 0.1);
  const right = score(best + 0.1);
  const curvature = left - 2 * bestScore + right;
  if (curvature < 0) best += (0.1 * (left - right)) / (2 * curvature);
  return Math.max(-maxAngle, Math.min(maxAngle, best));
}

/**
 * Per row, the span between the dark runs that touch its two ends (a scanner's shadow, the
 * desk around a photographed sheet): text never touches the edge, so only the span holds it.
 */
export function innerSpans(width: number, height: number, isDark: (x: number, y: number) => boolean): { from: Int32Array; to: Int32Array } {
  const from = new Int32Array(height);
  const to = new Int32Array(height);
  for (let y = 0; y < height; y++) {
    let l = 0;
    while (l < width && isDark(l, y)) l++;
    let r = width - 1;
    while (r > l && isDark(r, y)) r--;
    from[y] = l;
    to[y] = r;
  }
  return { from, to };
}

/** Otsu's threshold over the first channel. */
function otsu(data: Uint8Array, channels: number): number {
  const histogram = new Float64Array(256);
  for (let i = 0; i < data.length; i += channels) histogram[data[i]!]! += 1;
  const total = data.length / channels;
  let sumAll = 0;
  for (let v = 0; v < 256; v++) sumAll += v * histogram[v]!;
  let weightBack = 0;
  let sumBack = 0;
  let best = 128;
  let bestVariance = -1;
  for (let v = 0; v < 256; v++) {
    weightBack += histogram[v]!;
    if (weightBack === 0) continue;
    const weightFore = total - weightBack;
    if (weightFore === 0) break;
    sumBack += v * histogram[v]!;
    const meanBack = sumBack / weightBack;
    const meanFore = (sumAll - sumBack) / weightFore;
    const variance = weightBack * weightFore * (meanBack - meanFore) ** 2;
    if (variance > bestVariance) [best, bestVariance] = [v + 1, variance];
  }
  return best;
}

/**
 * Paper whose brightness varies more than this across the sheet (5th to 95th percentile of
 * its cells) is lit unevenly enough to flatten. The corpus photos spread 34–148; flattening
 * at 47 cost one photo's code a digit, at 78 it gave another pledge back its top 40%. Below
 * this, tesseract's own threshold copes.
 */
const UNEVEN_LIGHT = 60;

/**
 * Evens out uneven lighting on a grey page (a shadow or a glare across a photographed sheet):
 * each pixel is divided by the paper's local brightness, so the paper becomes white and text
 * stays dark everywhere. tesseract binarises a page with one global threshold, which turns
 * a shadowed part of a sheet all black or loses its text (a corpus photo lost its top 40%).
 * A grey page lit evenly (scans) is returned as is. ~30 ms.
 */
export async function flattenLighting(image: RasterImage): Promise<RasterImage> {
  if (image.channels !== 1) return image;
  const { width, height, data } = image;
  // The paper's brightness, coarsely: the brightest of each 32×32 cell (text is darker than
  // paper, so it does not pull the estimate down), then smoothed back to full size.
  const cell = 32;
  const cols = Math.ceil(width / cell);
  const rows = Math.ceil(height / cell);
  const coarse = new Uint8Array(cols * rows);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      // The 90th percentile of a sparse sample, not the maximum: one bright speck is not paper.
      const samples: number[] = [];
      for (let y = r * cell; y < Math.min(height, (r + 1) * cell); y += 4) {
        for (let x = c * cell; x < Math.min(width, (c + 1) * cell); x += 4) samples.push(data[y * width + x]!);
      }
      coarse[r * cols + c] = samples.length ? percentile(samples, 0.9) : 255;
    }
  }
  const spread = percentile(coarse, 0.95) - percentile(coarse, 0.05);
  if (spread < UNEVEN_LIGHT) return image;
  const background = await collect(
    (await loadSharp())(coarse, { raw: { width: cols, height: rows, channels: 1 } })
      .blur(1.5)
      .resize({ width, height, fit: 'fill', kernel: 'cubic' }),
    true,
  );
  const out = new Uint8Array(width * height);
  for (let i = 0; i < out.length; i++) {
    const paper = Math.max(32, background.data[i]!);
    out[i] = Math.min(255, Math.round((data[i]! * 255) / paper));
  }
  return { width, height, channels: 1, data: out };
}
