/**
 * Pixels to the models' input tensors, in plain JavaScript: the detection input (the page,
 * resized with sharp, ImageNet-normalised) and text-line crops sampled straight from the page
 * at the recognition height (one bilinear pass does crop, rotation and resize).
 */
import { loadSharp } from '../../sharp.js';
import type { RasterImage } from '../../types.js';
import type { Point, Quad } from './db.js';

/** The image as 3-channel RGB (grey replicated, RGBA painted over white). */
export function toRgb(image: RasterImage): RasterImage {
  if (image.channels === 3) return image;
  const pixels = image.width * image.height;
  const out = new Uint8Array(pixels * 3);
  const src = image.data;
  if (image.channels === 1) {
    for (let i = 0, o = 0; i < pixels; i++, o += 3) out[o] = out[o + 1] = out[o + 2] = src[i]!;
  } else {
    for (let i = 0, s = 0, o = 0; i < pixels; i++, s += 4, o += 3) {
      const a = src[s + 3]!;
      const white = 255 - a;
      out[o] = (src[s]! * a + 255 * white + 127) / 255;
      out[o + 1] = (src[s + 1]! * a + 255 * white + 127) / 255;
      out[o + 2] = (src[s + 2]! * a + 255 * white + 127) / 255;
    }
  }
  return { width: image.width, height: image.height, channels: 3, data: out };
}

/** The detection input size: the image scaled to fit `maxSide`, each side a multiple of 32. */
export function detectionSize(width: number, height: number, maxSide: number): { width: number; height: number } {
  const ratio = Math.max(width, height) > maxSide ? maxSide / Math.max(width, height) : 1;
  const round = (v: number) => Math.max(32, Math.round((v * ratio) / 32) * 32);
  return { width: round(width), height: round(height) };
}

// ImageNet statistics, in the BGR channel order PaddleOCR's OpenCV pipeline feeds the model.
const DET_MEAN = [0.485, 0.456, 0.406] as const;
const DET_STD = [0.229, 0.224, 0.225] as const;

/** NCHW float input of the detection model. */
export async function detectionTensor(rgb: RasterImage, width: number, height: number): Promise<Float32Array> {
  const resized =
    rgb.width === width && rgb.height === height
      ? rgb.data
      : new Uint8Array(await (await loadSharp())(rgb.data, { raw: { width: rgb.width, height: rgb.height, channels: 3 } }).resize(width, height, { fit: 'fill', kernel: 'linear' }).raw().toBuffer());
  const plane = width * height;
  const out = new Float32Array(plane * 3);
  // Plane 0 is blue, 1 green, 2 red.
  for (let c = 0; c < 3; c++) {
    const source = 2 - c;
    const scale = 1 / (255 * DET_STD[c]!);
    const shift = DET_MEAN[c]! / DET_STD[c]!;
    const base = c * plane;
    for (let i = 0, s = source; i < plane; i++, s += 3) out[base + i] = resized[s]! * scale - shift;
  }
  return out;
}

/** Side lengths of a quad: the text's run (top/bottom edges) and its height (left/right edges). */
export function quadSize(quad: Quad): { width: number; height: number } {
  const d = (a: Point, b: Point) => Math.hypot(a.x - b.x, a.y - b.y);
  return { width: Math.max(d(quad[0], quad[1]), d(quad[3], quad[2])), height: Math.max(d(quad[0], quad[3]), d(quad[1], quad[2])) };
}

export interface LineCrop {
  /** RGB pixels, `height` rows of `width`. */
  data: Uint8Array;
  width: number;
  height: number;
}

/**
 * The quad's content as an upright strip `height` pixels high, its width following the quad's
 * aspect ratio (squeezed to at most `maxWidth`). Bilinear, with supersampling when shrinking a lot (a
 * 100-px line to 48 px would otherwise alias).
 */
export function sampleQuad(rgb: RasterImage, quad: Quad, height: number, options: { maxWidth?: number; flip?: boolean } = {}): LineCrop {
  const size = quadSize(quad);
  const natural = Math.round((height * size.width) / Math.max(1, size.height));
  const width = Math.max(1, Math.min(options.maxWidth ?? 4096, natural));
  const flip = options.flip ?? false;
  const [p0, p1, , p3] = flip ? ([quad[2], quad[3], quad[0], quad[1]] as Quad) : quad;
  const ux = (p1.x - p0.x) / width, uy = (p1.y - p0.y) / width;
  const vx = (p3.x - p0.x) / height, vy = (p3.y - p0.y) / height;
  const step = Math.max(Math.hypot(ux, uy), Math.hypot(vx, vy));
  const n = Math.min(4, Math.max(1, Math.ceil(step / 1.5)));
  const out = new Uint8Array(width * height * 3);
  const src = rgb.data;
  const sw = rgb.width, sh = rgb.height;
  const acc = [0, 0, 0];
  for (let v = 0; v < height; v++) {
    for (let u = 0; u < width; u++) {
      acc[0] = acc[1] = acc[2] = 0;
      for (let j = 0; j < n; j++) {
        for (let i = 0; i < n; i++) {
          const fu = u + (i + 0.5) / n, fv = v + (j + 0.5) / n;
          const x = Math.min(sw - 1, Math.max(0, p0.x + fu * ux + fv * vx - 0.5));
          const y = Math.min(sh - 1, Math.max(0, p0.y + fu * uy + fv * vy - 0.5));
          const x0 = x | 0, y0 = y | 0;
          const x1 = Math.min(sw - 1, x0 + 1), y1 = Math.min(sh - 1, y0 + 1);
          const fx = x - x0, fy = y - y0;
          const a = (y0 * sw + x0) * 3, b = (y0 * sw + x1) * 3, c = (y1 * sw + x0) * 3, d = (y1 * sw + x1) * 3;
          for (let k = 0; k < 3; k++) {
            acc[k]! += (src[a + k]! * (1 - fx) + src[b + k]! * fx) * (1 - fy) + (src[c + k]! * (1 - fx) + src[d + k]! * fx) * fy;
          }
        }
      }
      const o = (v * width + u) * 3;
      out[o] = acc[0]! / (n * n);
      out[o + 1] = acc[1]! / (n * n);
      out[o + 2] = acc[2]! / (n * n);
    }
  }
  return { data: out, width, height };
}

/**
 * A batch of strips as one NCHW tensor `targetWidth` wide, normalised to [-1, 1] (BGR), each
 * strip left-aligned and padded with 0 (mid-grey), as PaddleOCR's recognition and classifier
 * preprocessing do.
 */
export function stripTensor(strips: LineCrop[], height: number, targetWidth: number): Float32Array {
  const plane = height * targetWidth;
  const out = new Float32Array(strips.length * 3 * plane);
  strips.forEach((strip, n) => {
    const w = Math.min(strip.width, targetWidth);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < w; x++) {
        const s = (y * strip.width + x) * 3;
        const o = n * 3 * plane + y * targetWidth + x;
        out[o] = strip.data[s + 2]! / 127.5 - 1;
        out[o + plane] = strip.data[s + 1]! / 127.5 - 1;
        out[o + 2 * plane] = strip.data[s]! / 127.5 - 1;
      }
    }
  });
  return out;
}
