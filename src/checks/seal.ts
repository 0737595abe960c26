/**
 * Red official seals (公章) on a page, from its pixels alone.
 *
 * A seal is a red (or faded pink) round or oval impression: a ring outline, usually with a
 * star and the owner's name along the arc, ~38–45 mm across. What looks red but is not a seal
 * is reported in `rejected` with a short reason: red headings and text, red rules and
 * underlines, filled red discs (national emblems), rectangular stamps (副本, 与原件一致),
 * blue stamps, gold certificate borders, empty red circles.
 *
 * How (on a copy of the page at ~100 dpi: tens of milliseconds per page):
 *  1. Pixels are classed by colour: red when the red channel is the largest, the chroma
 *     (max − min) is above a floor and the hue lies between magenta-red and orange-red (red
 *     dominance: gold, brown and orange have too much green); blue; gold.
 *  2. Ring centres are proposed by a gradient Hough transform on the red strength map: each
 *     edge votes along its gradient for centres 11–33 mm away, so a ring is found even when
 *     it is broken by wear or runs into other red ink (a 与原件一致 stamp under the seal).
 *  3. Each proposal is verified. Per angular sector the outer ends of the red ink runs are
 *     collected; an ellipse is fitted robustly (circle and 5-point RANSAC, then least squares
 *     on the inliers); the impression is judged in the ellipse's own frame:
 *       - follow: in how many directions the ink's outer edge lies on the outline,
 *       - coverage: in how many directions there is ink on the outline band,
 *       - clear: in how many directions there is paper just outside it (a fit through
 *         text, or inside a rectangle, has ink beyond),
 *       - fill: how much of the inside is ink (a seal is mostly hollow but not empty — a star
 *         and text; an emblem is a filled disc),
 *       - size in mm (from `page.dpi`; for phone photos that is an estimate, so photos come
 *         out ~15 % small) and aspect ratio (round, or oval up to 1.75 : 1).
 *  4. Red ink not taken by a seal is grouped into marks (8-connected components, merged
 *     when close) and each mark of a few mm or more is named: line, underline, heading text,
 *     filled disc, rectangular stamp (straight sides). Blue ring stamps and gold borders are
 *     named too.
 *
 * Greyscale pages (a black-and-white scan or copy) have no hue: red ink is just grey. Such a
 * page is recognised (one channel, or R = G = B in every pixel of a scan or photo; for a
 * rendered text-layer page also paper that is not pure white, as a page with nothing but
 * black text on it is not a greyscale copy): `greyscale` is set, `seals` stays empty and
 * `note` says why. A shape-only pass
 * (the same ring search on dark ink, plus a test that the ring stands out from the ink
 * around it) lists ring impressions in `unconfirmed`, with a confidence of at most 0.45: a
 * blue stamp or a printed ring looks the same in grey, and a seal over dense text is often
 * not seen at all. Pass `{ greyscale: 'skip' }` to skip that pass.
 *
 * Not done: square or rounded-rectangle seals (some 财务专用章, personal name seals) are taken
 * for rectangular stamps; seals under ~22 mm or over ~66 mm across, seals cut by the page
 * edge (骑缝章) and rings worn away over more than ~30 % of their length are not reported;
 * a plain red circle with nothing inside is not a seal; whose seal it is (the arc text) is
 * not read; red that a colour cast turns orange (hue beyond ~22°) is not red here.
 */
import { loadSharp } from '../reading/sharp.js';
import type { PageRegion } from './types.js';
import type { Box, PageDrawing, RasterImage, ReadPage, TextLine } from '../reading/types.js';

export interface SealRegion extends PageRegion {
  color: 'red';
  /** 0..1. Seals found by colour: 0.5–0.99; shape-only finds on greyscale pages: at most 0.45. */
  confidence: number;
  shape: 'round' | 'oval';
  /** A light, pinkish, low-contrast impression. */
  faded: boolean;
  /** Outer size of the impression in mm (from `page.dpi`): major and minor axis. */
  sizeMm: { major: number; minor: number };
  /** How it was found: by colour and shape, or (greyscale pages, `unconfirmed`) by shape alone. */
  basis: 'colour' | 'shape';
}

export interface RejectedMark extends PageRegion {
  /** zh-CN, short: why this is not taken for a seal (e.g. '红色标题文字', '矩形印章'). */
  reason: string;
}

export interface SealDetection {
  /** Seals confirmed by colour and shape. Always empty on a greyscale page. */
  seals: SealRegion[];
  rejected: RejectedMark[];
  /** The page has no colour (a greyscale scan or copy): seals cannot be told by colour. */
  greyscale: boolean;
  /**
   * Greyscale pages only: ring impressions that may be seals, found by shape alone
   * (`basis: 'shape'`, confidence ≤ 0.45). A blue stamp or a printed ring looks the same
   * in grey: treat these as "a seal may be there, ask for a colour copy", not as a seal.
   */
  unconfirmed: SealRegion[];
  /** zh-CN, for greyscale pages: what the result does and does not mean. */
  note?: string;
}

export interface SealOptions {
  /** Greyscale pages: 'shape' (default) looks for rings with low confidence; 'skip' reports none. */
  greyscale?: 'shape' | 'skip';
  /** Resolution of the working copy (default 100 dpi). */
  workDpi?: number;
  /** Page-grid pixels per pixel of the image (an image drawn at a lower resolution than the page's grid). */
  boxScale?: number;
  /**
   * Also say what every other coloured mark is and why it is not a seal (`rejected`; true by
   * default). The analysis only needs the seals: grouping the rest into marks is a pass over
   * the page it can skip.
   */
  explain?: boolean;
  /**
   * A text-layer page whose drawing operators paint no image and no reddish shape is taken to
   * have no seal without being drawn (true by default). False draws it and looks whatever its
   * operators say: for a page where a missed seal would be an error.
   */
  fromDrawing?: boolean;
  /** The page's pixels, when already fetched (else `page.pixels()` is called). */
  pixels?: RasterImage;
  /**
   * The pixels are a scan or photo, not a rendered text-layer page: then any page without a
   * single coloured pixel is greyscale. `detectSeals` decides from the page (OCR'd, or no
   * text layer); without it, a colourless page also needs paper that is not pure white.
   */
  raster?: boolean;
}

// ---- Tunables (physical units; nothing here depends on the page's resolution) ---------------

/** Resolution the detector works at: a seal's ring and star are plain at 100 dpi. */
const WORK_DPI = 100;

/** Plausible outer diameter of a round or oval seal, mm (major axis; minor ≥ MIN/…). */
const MIN_DIAMETER_MM = 22;
const MAX_DIAMETER_MM = 66;
/** Typical official seals: full confidence in this range. */
const TYPICAL_MM: [number, number] = [33, 50];
const MAX_ASPECT = 1.75;
/** A ring must be inked over at least this share of its angle. */
const MIN_COVERAGE = 0.7;
/** Inside the ring (ρ < 0.8) a seal is mostly paper; a filled disc is not. */
const MAX_FILL = 0.42;
/** …but not empty: a seal has a star, text or both inside its ring (a drawn circle has not). */
const MIN_CONTENT = 0.02;
/** Chroma floor (max − min of R, G, B) for an ink pixel on the working copy. */
const CHROMA_MIN = 28;
/**
 * The ring search also takes paler red down to this chroma (faded, pink impressions on a
 * light scan); scanner and camera noise on paper stays well below it.
 */
const CHROMA_WEAK = 18;
const SECTORS = 72;
/** Paper just outside the outline (ρ up to OUTER) in at least this share of directions. */
const MIN_CLEAR = 0.6;
/** The ink's outer edge must lie on the fitted outline in at least this share of directions. */
const MIN_FOLLOW = 0.7;
const OUTER = 1.3;

const mmToPx = (mm: number, dpi: number) => (mm / 25.4) * dpi;
const pxToMm = (px: number, dpi: number) => (px * 25.4) / dpi;
const clamp01 = (v: number) => (v < 0 ? 0 : v > 1 ? 1 : v);

// ---- Pixel classes ------------------------------------------------------------------------

const NONE = 0;
const RED = 1;
const BLUE = 2;
const GOLD = 3;

interface Work {
  width: number;
  height: number;
  /** Working dpi. */
  dpi: number;
  /** Working pixels per page pixel. */
  scale: number;
  /** RGB, 3 channels. */
  rgb: Uint8Array;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * The page at ~`workDpi`: an integer box average (so thin faint strokes keep their colour),
 * alpha composited over white, always RGB.
 */
async function workingCopy(image: RasterImage, dpi: number, workDpi: number): Promise<Work> {
  const k = Math.max(1, Math.round(dpi / workDpi));
  if (k >= 3) {
    // Big images (phone photos, 300-dpi scans): libvips box-shrinks them much faster than JS.
    const width = Math.max(1, Math.floor(image.width / k));
    const height = Math.max(1, Math.floor(image.height / k));
    const sharp = await loadSharp();
    let pipeline = sharp(image.data, { raw: { width: image.width, height: image.height, channels: image.channels } });
    if (image.channels === 4) pipeline = pipeline.flatten({ background: '#ffffff' });
    if (image.channels === 1) pipeline = pipeline.toColourspace('srgb');
    const { data, info } = await pipeline.resize(width, height, { fit: 'fill', kernel: 'linear' }).raw().toBuffer({ resolveWithObject: true });
    if (info.channels === 3 && info.width === width && info.height === height) {
      return { width, height, dpi: dpi / k, scale: 1 / k, rgb: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
    }
  }
  return boxAverage(image, dpi, k);
}

/** Integer box average in JS (k = 1, 2 in practice), alpha composited over white, RGB out. */
function boxAverage(image: RasterImage, dpi: number, k: number): Work {
  const width = Math.max(1, Math.floor(image.width / k));
  const height = Math.max(1, Math.floor(image.height / k));
  const ch = image.channels;
  const src = image.data;
  const stride = image.width * ch;
  const rgb = new Uint8Array(width * height * 3);
  const area = k * k;
  const half = area >> 1;
  const step = k * ch;
  if (k === 2 && ch === 4 && LITTLE_ENDIAN && src.byteOffset % 4 === 0) {
    // The common case (PDF pages rendered at 200 dpi): 2×2 averages over 32-bit pixels,
    // falling back to the general path if any pixel is not opaque.
    const px = new Uint32Array(src.buffer, src.byteOffset, image.width * image.height);
    const w4 = image.width;
    let opaque = true;
    outer: for (let y = 0, o = 0; y < height; y++) {
      let i = 2 * y * w4;
      for (let x = 0; x < width; x++, o += 3, i += 2) {
        const a = px[i]!;
        const b = px[i + 1]!;
        const c = px[i + w4]!;
        const d = px[i + w4 + 1]!;
        if ((a & b & c & d) >>> 24 !== 255) {
          opaque = false;
          break outer;
        }
        rgb[o] = ((a & 255) + (b & 255) + (c & 255) + (d & 255) + 2) >> 2;
        rgb[o + 1] = (((a >> 8) & 255) + ((b >> 8) & 255) + ((c >> 8) & 255) + ((d >> 8) & 255) + 2) >> 2;
        rgb[o + 2] = (((a >> 16) & 255) + ((b >> 16) & 255) + ((c >> 16) & 255) + ((d >> 16) & 255) + 2) >> 2;
      }
    }
    if (opaque) return { width, height, dpi: dpi / k, scale: 1 / k, rgb };
  }
  if (k === 2 && ch === 3) {
    // JPEG scans decoded as RGB at ~200 dpi: 2×2 averages, unrolled.
    for (let y = 0, o = 0; y < height; y++) {
      let i = 2 * y * stride;
      for (let x = 0; x < width; x++, o += 3, i += 2 * ch) {
        const j = i + stride;
        rgb[o] = (src[i]! + src[i + ch]! + src[j]! + src[j + ch]! + 2) >> 2;
        rgb[o + 1] = (src[i + 1]! + src[i + ch + 1]! + src[j + 1]! + src[j + ch + 1]! + 2) >> 2;
        rgb[o + 2] = (src[i + 2]! + src[i + ch + 2]! + src[j + 2]! + src[j + ch + 2]! + 2) >> 2;
      }
    }
    return { width, height, dpi: dpi / k, scale: 1 / k, rgb };
  }
  for (let y = 0, o = 0; y < height; y++) {
    const top = y * k * stride;
    for (let x = 0; x < width; x++, o += 3) {
      const start = top + x * step;
      if (ch === 1) {
        let v = 0;
        for (let sy = 0, row = start; sy < k; sy++, row += stride) for (let q = 0; q < k; q++) v += src[row + q]!;
        v = ((v + half) / area) | 0;
        rgb[o] = v;
        rgb[o + 1] = v;
        rgb[o + 2] = v;
      } else if (ch === 3) {
        let r = 0;
        let g = 0;
        let b = 0;
        for (let sy = 0, row = start; sy < k; sy++, row += stride) {
          for (let q = 0, i = row; q < k; q++, i += 3) {
            r += src[i]!;
            g += src[i + 1]!;
            b += src[i + 2]!;
          }
        }
        rgb[o] = ((r + half) / area) | 0;
        rgb[o + 1] = ((g + half) / area) | 0;
        rgb[o + 2] = ((b + half) / area) | 0;
      } else {
        // RGBA over white: Σ(c·a) + 255·Σ(255 − a), over 255·area.
        let r = 0;
        let g = 0;
        let b = 0;
        let a = 0;
        for (let sy = 0, row = start; sy < k; sy++, row += stride) {
          for (let q = 0, i = row; q < k; q++, i += 4) {
            const al = src[i + 3]!;
            r += src[i]! * al;
            g += src[i + 1]! * al;
            b += src[i + 2]! * al;
            a += al;
          }
        }
        const white = 255 * (255 * area - a);
        const den = 255 * area;
        rgb[o] = ((r + white + (den >> 1)) / den) | 0;
        rgb[o + 1] = ((g + white + (den >> 1)) / den) | 0;
        rgb[o + 2] = ((b + white + (den >> 1)) / den) | 0;
      }
    }
  }
  return { width, height, dpi: dpi / k, scale: 1 / k, rgb };
}

/**
 * No pixel (of a sample of the full-resolution image) has any colour: R = G = B exactly, as a
 * greyscale JPEG or scan decodes. A colour scan of a page with no colour on it still has
 * colour noise (in ~2 % of pixels or more). Unless the pixels are known to be a scan or photo
 * (`raster`), the paper must also not be pure white: a rendered text-layer page with only
 * black text is colour-capable (it simply has nothing red) and is mostly pure white.
 */
function isGreyscale(image: RasterImage, raster: boolean): boolean {
  if (image.channels === 1) return true;
  const { data, channels: ch } = image;
  const n = image.width * image.height;
  const step = Math.max(1, Math.floor(n / 250_000));
  let coloured = 0;
  let white = 0;
  let seen = 0;
  for (let p = 0; p < n; p += step) {
    const i = p * ch;
    const r = data[i]!;
    const g = data[i + 1]!;
    const b = data[i + 2]!;
    seen++;
    if (r !== g || g !== b) coloured++;
    else if (g === 255) white++;
  }
  return coloured <= seen * 0.00002 && (raster || white < seen * 0.5);
}

interface Classes {
  /** Colour class of ink at CHROMA_MIN (for naming marks). */
  cls: Uint8Array;
  /** Red strength (chroma) of red pixels down to CHROMA_WEAK, else 0 (for the ring search). */
  red: Uint8Array;
}

function classify(work: Work): Classes {
  const { rgb, width, height } = work;
  const n = width * height;
  const cls = new Uint8Array(n);
  const red = new Uint8Array(n);
  for (let p = 0, i = 0; p < n; p++, i += 3) {
    const r = rgb[i]!;
    const g = rgb[i + 1]!;
    const b = rgb[i + 2]!;
    const mx = r > g ? (r > b ? r : b) : g > b ? g : b;
    const mn = r < g ? (r < b ? r : b) : g < b ? g : b;
    const c = mx - mn;
    if (c < CHROMA_WEAK) continue;
    if (mx === r) {
      // Hue in degrees, 0 = red, positive towards yellow, negative towards magenta.
      const hue = (60 * (g - b)) / c;
      if (hue <= 22 && hue >= -45) {
        red[p] = c;
        if (c >= CHROMA_MIN) cls[p] = RED;
      } else if (c >= CHROMA_MIN && hue > 22 && hue <= 62 && mx >= 130) cls[p] = GOLD;
    } else if (mx === b && c >= CHROMA_MIN) {
      const hue = 240 + (60 * (r - g)) / c;
      if (hue >= 190 && hue <= 265) cls[p] = BLUE;
    }
  }
  return { cls, red };
}

/** Dark ink on a greyscale page, as a strength map like the red one (darkness below paper). */
function greyInk(work: Work): Uint8Array {
  const { rgb, width, height } = work;
  const n = width * height;
  // Paper level: a high percentile of the brightness.
  const hist = new Uint32Array(256);
  for (let p = 0, i = 0; p < n; p++, i += 3) hist[rgb[i + 1]!]!++;
  let acc = 0;
  let paper = 255;
  for (let v = 255; v >= 0; v--) {
    acc += hist[v]!;
    if (acc >= n * 0.4) {
      paper = v;
      break;
    }
  }
  const out = new Uint8Array(n);
  const floor = 40;
  for (let p = 0, i = 0; p < n; p++, i += 3) {
    const d = paper - rgb[i + 1]!;
    if (d >= floor) out[p] = d > 255 ? 255 : d;
  }
  return out;
}

// ---- Hough: ring centres ------------------------------------------------------------------

interface Peak {
  x: number;
  y: number;
  votes: number;
}

/**
 * Centres of rings with radius in [rMin, rMax] (working pixels), from the strength map.
 * Runs at half the working resolution.
 */
function houghCentres(strength: Uint8Array, width: number, height: number, rMin: number, rMax: number, maxPeaks: number): Peak[] {
  // Max-pool 2×2: thin faint strokes survive.
  const w = Math.ceil(width / 2);
  const h = Math.ceil(height / 2);
  const s = new Uint8Array(w * h);
  let any = false;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    const orow = (y >> 1) * w;
    for (let x = 0; x < width; x++) {
      const v = strength[row + x]!;
      if (v === 0) continue;
      const o = orow + (x >> 1);
      if (v > s[o]!) s[o] = v;
      any = true;
    }
  }
  if (!any) return [];
  const r0 = Math.max(2, Math.floor(rMin / 2));
  const r1 = Math.ceil(rMax / 2);
  const acc = new Float32Array(w * h);
  const EDGE = 70;
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      const i = y * w + x;
      // Only near ink: skip flat paper quickly.
      if (s[i] === 0 && s[i - 1] === 0 && s[i + 1] === 0 && s[i - w] === 0 && s[i + w] === 0) continue;
      const gx = s[i - w + 1]! + 2 * s[i + 1]! + s[i + w + 1]! - s[i - w - 1]! - 2 * s[i - 1]! - s[i + w - 1]!;
      const gy = s[i + w - 1]! + 2 * s[i + w]! + s[i + w + 1]! - s[i - w - 1]! - 2 * s[i - w]! - s[i - w + 1]!;
      const mag = Math.sqrt(gx * gx + gy * gy);
      if (mag < EDGE) continue;
      const ux = gx / mag;
      const uy = gy / mag;
      // Towards the ink: the outer edge of a ring votes for its centre.
      for (let r = r0; r <= r1; r++) {
        const cx = (x + ux * r + 0.5) | 0;
        const cy = (y + uy * r + 0.5) | 0;
        if (cx < 0 || cy < 0 || cx >= w || cy >= h) break;
        acc[cy * w + cx]! += 1;
      }
    }
  }
  // Smooth: 5×5 box (separable), so oval and slightly off-round rings still peak.
  const tmp = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    const row = y * w;
    let sum = 0;
    for (let x = -2; x < w + 2; x++) {
      if (x + 2 < w) sum += acc[row + x + 2]!;
      if (x - 3 >= 0) sum -= acc[row + x - 3]!;
      if (x >= 0 && x < w) tmp[row + x] = sum;
    }
  }
  const sm = new Float32Array(w * h);
  for (let x = 0; x < w; x++) {
    let sum = 0;
    for (let y = -2; y < h + 2; y++) {
      if (y + 2 < h) sum += tmp[(y + 2) * w + x]!;
      if (y - 3 >= 0) sum -= tmp[(y - 3) * w + x]!;
      if (y >= 0 && y < h) sm[y * w + x] = sum;
    }
  }
  // A complete ring of radius r gives ~2πr votes (its outer edge); ask for a fraction of the smallest.
  const minVotes = 0.5 * 2 * Math.PI * r0;
  const peaks: Peak[] = [];
  for (let y = 3; y < h - 3; y++) {
    for (let x = 3; x < w - 3; x++) {
      const v = sm[y * w + x]!;
      if (v < minVotes) continue;
      let isMax = true;
      for (let dy = -3; dy <= 3 && isMax; dy++) {
        for (let dx = -3; dx <= 3; dx++) {
          const u = sm[(y + dy) * w + x + dx]!;
          if (u > v || (u === v && (dy < 0 || (dy === 0 && dx < 0)))) {
            isMax = false;
            break;
          }
        }
      }
      if (!isMax) continue;
      // Sub-cell centre: centroid of the 3×3 neighbourhood.
      let sx = 0;
      let sy = 0;
      let sw = 0;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const u = sm[(y + dy) * w + x + dx]!;
          sx += u * dx;
          sy += u * dy;
          sw += u;
        }
      }
      peaks.push({ x: (x + sx / sw) * 2 + 1, y: (y + sy / sw) * 2 + 1, votes: v });
    }
  }
  peaks.sort((a, b) => b.votes - a.votes);
  const kept: Peak[] = [];
  const sep2 = (rMin * 0.5) ** 2;
  for (const p of peaks) {
    if (kept.some((k) => (k.x - p.x) ** 2 + (k.y - p.y) ** 2 < sep2)) continue;
    kept.push(p);
    if (kept.length >= maxPeaks) break;
  }
  return kept;
}

// ---- Ellipse fitting ----------------------------------------------------------------------

interface Ellipse {
  cx: number;
  cy: number;
  /** Semi-axes, a ≥ b. */
  a: number;
  b: number;
  /** Angle of the major axis, radians. */
  theta: number;
}

/** Solve the n×n system M x = v in place (Gaussian elimination); null when singular. */
function solve(M: number[][], v: number[]): number[] | null {
  const n = v.length;
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(M[r]![col]!) > Math.abs(M[pivot]![col]!)) pivot = r;
    if (Math.abs(M[pivot]![col]!) < 1e-12) return null;
    [M[col], M[pivot]] = [M[pivot]!, M[col]!];
    [v[col], v[pivot]] = [v[pivot]!, v[col]!];
    for (let r = col + 1; r < n; r++) {
      const f = M[r]![col]! / M[col]![col]!;
      if (f === 0) continue;
      for (let k = col; k < n; k++) M[r]![k]! -= f * M[col]![k]!;
      v[r]! -= f * v[col]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let sum = v[r]!;
    for (let k = r + 1; k < n; k++) sum -= M[r]![k]! * x[k]!;
    x[r] = sum / M[r]![r]!;
  }
  return x;
}

/**
 * Least-squares conic A x² + B xy + C y² + D x + E y = 1 through points given relative to
 * an origin inside the ellipse (so the conic cannot pass through it), as an ellipse.
 */
function fitConic(xs: Float64Array, ys: Float64Array, idx: ArrayLike<number>, ox: number, oy: number, scale: number): Ellipse | null {
  const M = [0, 1, 2, 3, 4].map(() => [0, 0, 0, 0, 0]);
  const v = [0, 0, 0, 0, 0];
  const row = [0, 0, 0, 0, 0];
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k]!;
    const x = (xs[i]! - ox) / scale;
    const y = (ys[i]! - oy) / scale;
    row[0] = x * x;
    row[1] = x * y;
    row[2] = y * y;
    row[3] = x;
    row[4] = y;
    for (let p = 0; p < 5; p++) {
      v[p]! += row[p]!;
      for (let q = 0; q < 5; q++) M[p]![q]! += row[p]! * row[q]!;
    }
  }
  const sol = solve(M, v);
  if (!sol) return null;
  const [A, B, C, D, E] = sol as [number, number, number, number, number];
  const det = 4 * A * C - B * B;
  if (!(det > 1e-12)) return null;
  // Centre.
  const x0 = (B * E - 2 * C * D) / det;
  const y0 = (B * D - 2 * A * E) / det;
  const f0 = A * x0 * x0 + B * x0 * y0 + C * y0 * y0 + D * x0 + E * y0 - 1;
  if (!(f0 < 0)) return null;
  // Eigenvalues of [[A, B/2], [B/2, C]].
  const tr = A + C;
  const disc = Math.sqrt(Math.max(0, ((A - C) / 2) ** 2 + (B / 2) ** 2));
  const l1 = tr / 2 - disc; // smaller eigenvalue → major axis
  const l2 = tr / 2 + disc;
  if (!(l1 > 0)) return null;
  const a = Math.sqrt(-f0 / l1) * scale;
  const b = Math.sqrt(-f0 / l2) * scale;
  // Direction of the major axis: eigenvector for l1.
  const theta = Math.abs(B) < 1e-15 ? (A <= C ? 0 : Math.PI / 2) : Math.atan2(l1 - A, B / 2);
  return { cx: ox + x0 * scale, cy: oy + y0 * scale, a, b, theta };
}

/** Normalised radius of (x, y) in the ellipse's frame: 1 on the outline. */
function rho(e: Ellipse, x: number, y: number, cos: number, sin: number): number {
  const dx = x - e.cx;
  const dy = y - e.cy;
  const u = (dx * cos + dy * sin) / e.a;
  const v = (-dx * sin + dy * cos) / e.b;
  return Math.sqrt(u * u + v * v);
}

/** A small deterministic generator (same page, same answer). */
function lcg(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

// ---- Verification of one proposed centre -----------------------------------------------------

interface Candidate {
  ellipse: Ellipse;
  /** Share of directions in which the ink's outer edge lies on the fitted outline. */
  follow: number;
  coverage: number;
  clear: number;
  fill: number;
  core: number;
  majorMm: number;
  minorMm: number;
  score: number;
  verdict: 'seal' | 'filled' | 'empty' | 'size' | 'shape' | 'weak';
}

interface Geometry {
  rMin: number;
  rMax: number;
  dpi: number;
}

/**
 * Fit and judge the ring around (px, py). `mask` is the strength map (0 = no ink).
 */
function verify(mask: Uint8Array, width: number, height: number, px: number, py: number, g: Geometry, seed: number): Candidate | null {
  const S = Math.ceil(g.rMax * 1.2);
  const x0 = Math.max(0, Math.floor(px - S));
  const x1 = Math.min(width - 1, Math.ceil(px + S));
  const y0 = Math.max(0, Math.floor(py - S));
  const y1 = Math.min(height - 1, Math.ceil(py + S));
  // Per sector and radius: is there ink? Radii in whole pixels up to S.
  const R = S + 1;
  const occ = new Uint8Array(SECTORS * R);
  const twoPi = Math.PI * 2;
  for (let y = y0; y <= y1; y++) {
    const row = y * width;
    const dy = y - py;
    for (let x = x0; x <= x1; x++) {
      if (mask[row + x] === 0) continue;
      const dx = x - px;
      const d = Math.sqrt(dx * dx + dy * dy);
      if (d >= R) continue;
      let a = Math.atan2(dy, dx);
      if (a < 0) a += twoPi;
      const k = Math.min(SECTORS - 1, ((a / twoPi) * SECTORS) | 0);
      occ[k * R + (d | 0)] = 1;
    }
  }
  // Outline points: per sector, the outer ends of ink runs between 0.6·rMin and rMax (a ring's
  // outer edge is one of them; usually the outermost).
  const xs: number[] = [];
  const ys: number[] = [];
  const sectorOf: number[] = [];
  const outermost: number[] = new Array<number>(SECTORS).fill(-1);
  const lo = Math.floor(g.rMin * 0.6);
  const hi = Math.min(R - 1, Math.ceil(g.rMax * 1.04));
  for (let k = 0; k < SECTORS; k++) {
    const base = k * R;
    const ang = ((k + 0.5) / SECTORS) * twoPi;
    const c = Math.cos(ang);
    const s = Math.sin(ang);
    // Ends of ink runs going outwards (a one-pixel gap does not end a stroke), the three
    // outermost: a ring's outer edge is one of them, usually the last.
    let kept = 0;
    for (let r = hi; r >= lo && kept < 3; r--) {
      if (occ[base + r] && !occ[base + r + 1] && !(r + 2 < R && occ[base + r + 2])) {
        const d = r + 0.5;
        xs.push(d * c);
        ys.push(d * s);
        sectorOf.push(k);
        if (kept === 0) outermost[k] = xs.length - 1;
        kept++;
      }
    }
  }
  let sectorsWithEnds = 0;
  for (let k = 0; k < SECTORS; k++) if (outermost[k]! >= 0) sectorsWithEnds++;
  if (sectorsWithEnds < MIN_FOLLOW * SECTORS) return null;
  const X = Float64Array.from(xs);
  const Y = Float64Array.from(ys);
  const n = X.length;
  const scale = g.rMax;
  // RANSAC over 5-point conics from distinct sectors; score = sectors with an inlier.
  const rnd = lcg(seed);
  const outer = outermost.filter((i) => i >= 0);
  let best: Ellipse | null = null;
  let bestScore = -1;
  const tol = 0.05;
  const hit = new Int32Array(SECTORS);
  let stamp = 0;
  const tryEllipse = (e: Ellipse | null): void => {
    if (!e) return;
    if (e.a > g.rMax * 1.08 || e.b < g.rMin * 0.55 || e.a / e.b > MAX_ASPECT * 1.1) return;
    if (Math.hypot(e.cx, e.cy) > e.b * 0.5) return;
    const cos = Math.cos(e.theta);
    const sin = Math.sin(e.theta);
    stamp++;
    let score = 0;
    for (let i = 0; i < n; i++) {
      const k = sectorOf[i]!;
      if (hit[k] === stamp) continue;
      const r = rho(e, X[i]!, Y[i]!, cos, sin);
      if (Math.abs(r - 1) <= tol + 1.5 / e.b) {
        hit[k] = stamp;
        score++;
      }
    }
    // Prefer the outer of two equally supported outlines (the ring, not the text inside it).
    const s = score + e.b / (g.rMax * 100);
    if (s > bestScore) {
      bestScore = s;
      best = e;
    }
  };
  // Circle hypotheses first: every outermost point's radius.
  for (const i of outer) {
    const r = Math.hypot(X[i]!, Y[i]!);
    tryEllipse({ cx: 0, cy: 0, a: r, b: r, theta: 0 });
  }
  const pick = new Int32Array(5);
  const usedSector = new Int32Array(SECTORS);
  let drawn = 0;
  const iterations = 160;
  for (let it = 0; it < iterations; it++) {
    // Half the draws from the outermost points only (cleaner), half from all.
    const pool = it % 2 === 0 && outer.length >= 5 ? outer : null;
    let ok = true;
    drawn++;
    for (let j = 0; j < 5; j++) {
      let tries = 0;
      let i: number;
      do {
        i = pool ? pool[(rnd() * pool.length) | 0]! : (rnd() * n) | 0;
        tries++;
      } while (usedSector[sectorOf[i]!] === drawn && tries < 20);
      if (usedSector[sectorOf[i]!] === drawn) ok = false;
      usedSector[sectorOf[i]!] = drawn;
      pick[j] = i;
    }
    if (!ok) continue;
    tryEllipse(fitConic(X, Y, pick, 0, 0, scale));
  }
  // Not an outline in enough directions even before refinement: not a ring.
  if (!best || bestScore < (MIN_FOLLOW - 0.12) * SECTORS) return null;
  // Refine: least squares on the inliers (one per sector, the closest to the outline), twice.
  let e: Ellipse = best;
  for (let pass = 0; pass < 2; pass++) {
    const cos = Math.cos(e.theta);
    const sin = Math.sin(e.theta);
    const bestIn = new Int32Array(SECTORS).fill(-1);
    const bestErr = new Float64Array(SECTORS).fill(Infinity);
    for (let i = 0; i < n; i++) {
      const err = Math.abs(rho(e, X[i]!, Y[i]!, cos, sin) - 1);
      if (err <= tol + 1.5 / e.b && err < bestErr[sectorOf[i]!]!) {
        bestErr[sectorOf[i]!] = err;
        bestIn[sectorOf[i]!] = i;
      }
    }
    const idx = Array.from(bestIn).filter((i) => i >= 0);
    if (idx.length < 8) break;
    const refined = fitConic(X, Y, idx, e.cx, e.cy, scale);
    if (!refined || refined.a > g.rMax * 1.1 || refined.b < g.rMin * 0.5) break;
    e = refined;
  }
  // How much of the outline the ink's outer edges follow (per sector, an edge on the ellipse).
  const cos = Math.cos(e.theta);
  const sin = Math.sin(e.theta);
  const on = new Uint8Array(SECTORS);
  let follow = 0;
  for (let i = 0; i < n; i++) {
    const k = sectorOf[i]!;
    if (on[k]) continue;
    if (Math.abs(rho(e, X[i]!, Y[i]!, cos, sin) - 1) <= tol + 1.5 / e.b) {
      on[k] = 1;
      follow++;
    }
  }
  // The ellipse in working-image coordinates.
  const E: Ellipse = { ...e, cx: e.cx + px, cy: e.cy + py };
  return judge(mask, width, height, E, g, follow / SECTORS);
}

/** Measure the impression inside and along the ellipse and decide. */
function judge(mask: Uint8Array, width: number, height: number, e: Ellipse, g: Geometry, follow: number): Candidate {
  const cos = Math.cos(e.theta);
  const sin = Math.sin(e.theta);
  const ext = e.a * OUTER + 2;
  const x0 = Math.max(0, Math.floor(e.cx - ext));
  const x1 = Math.min(width - 1, Math.ceil(e.cx + ext));
  const y0 = Math.max(0, Math.floor(e.cy - ext));
  const y1 = Math.min(height - 1, Math.ceil(e.cy + ext));
  const ringHit = new Uint8Array(SECTORS);
  const outHit = new Uint8Array(SECTORS);
  let inside = 0;
  let insideInk = 0;
  let core = 0;
  let coreInk = 0;
  // The ring band in ρ: its thickness is a few pixels on a ~80-pixel radius.
  const bandIn = 1 - Math.max(0.08, 3 / e.b);
  const bandOut = 1 + Math.max(0.04, 2 / e.b);
  for (let y = y0; y <= y1; y++) {
    const row = y * width;
    const dy = y - e.cy;
    for (let x = x0; x <= x1; x++) {
      const dx = x - e.cx;
      const u = (dx * cos + dy * sin) / e.a;
      const v = (-dx * sin + dy * cos) / e.b;
      const r = Math.sqrt(u * u + v * v);
      if (r > OUTER) continue;
      const ink = mask[row + x]!;
      if (r > bandOut) {
        if (ink && r > bandOut + 0.04) {
          let a = Math.atan2(v, u);
          if (a < 0) a += Math.PI * 2;
          outHit[Math.min(SECTORS - 1, ((a / (Math.PI * 2)) * SECTORS) | 0)] = 1;
        }
        continue;
      }
      if (r < 0.8) {
        inside++;
        if (ink) insideInk++;
        if (r < 0.45) {
          core++;
          if (ink) coreInk++;
        }
      } else if (r >= bandIn && ink) {
        let a = Math.atan2(v, u);
        if (a < 0) a += Math.PI * 2;
        ringHit[Math.min(SECTORS - 1, ((a / (Math.PI * 2)) * SECTORS) | 0)] = 1;
      }
    }
  }
  let hits = 0;
  let outside = 0;
  for (let k = 0; k < SECTORS; k++) {
    hits += ringHit[k]!;
    outside += outHit[k]!;
  }
  const coverage = hits / SECTORS;
  // Share of directions with paper just outside the outline (a ring is an outline; a fit
  // through text or inside a rectangle has ink beyond it).
  const clear = 1 - outside / SECTORS;
  const fill = inside ? insideInk / inside : 0;
  const coreFill = core ? coreInk / core : 0;
  const majorMm = pxToMm(2 * e.a, g.dpi);
  const minorMm = pxToMm(2 * e.b, g.dpi);
  let verdict: Candidate['verdict'] = 'seal';
  if (coverage < MIN_COVERAGE || follow < MIN_FOLLOW || clear < MIN_CLEAR) verdict = 'weak';
  else if (fill > MAX_FILL || coreFill > 0.6) verdict = 'filled';
  else if (fill < MIN_CONTENT) verdict = 'empty';
  else if (majorMm < MIN_DIAMETER_MM || majorMm > MAX_DIAMETER_MM || minorMm < MIN_DIAMETER_MM * 0.7) verdict = 'size';
  else if (e.a / e.b > MAX_ASPECT) verdict = 'shape';
  // Score: coverage of the outline, a hollow inside with some content, a typical size.
  const sizeFit = majorMm < TYPICAL_MM[0] ? clamp01(1 - (TYPICAL_MM[0] - majorMm) / 14) : majorMm > TYPICAL_MM[1] ? clamp01(1 - (majorMm - TYPICAL_MM[1]) / 20) : 1;
  // Some ink inside (a star alone covers ~6 % of the inside).
  const content = clamp01(fill / 0.06);
  const hollow = clamp01(1 - Math.max(0, fill - 0.25) / 0.25);
  const ring = Math.min(clamp01((coverage - 0.55) / 0.4), clamp01((follow - 0.6) / 0.35), clamp01((clear - 0.5) / 0.4));
  const score = ring * 0.5 + sizeFit * 0.2 + content * 0.15 + hollow * 0.15;
  return { ellipse: e, follow, coverage, clear, fill, core: coreFill, majorMm, minorMm, score, verdict };
}

// ---- Components and marks (for the rejected list) --------------------------------------------

interface Mark {
  cls: number;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  pixels: number;
  parts: number;
  /** The widest and the tallest single component in it (a stamp's frame spans the stamp). */
  spanW: number;
  spanH: number;
  /** Pixel moments (for how line-like a mark is). */
  sx: number;
  sy: number;
  sxx: number;
  syy: number;
  sxy: number;
}

/** Spread of a mark's pixels across its main direction (px, standard deviation) and its length along it. */
function lineShape(m: Mark): { across: number; along: number } {
  const n = m.pixels;
  const mx = m.sx / n;
  const my = m.sy / n;
  const cxx = m.sxx / n - mx * mx;
  const cyy = m.syy / n - my * my;
  const cxy = m.sxy / n - mx * my;
  const tr = (cxx + cyy) / 2;
  const d = Math.sqrt(Math.max(0, ((cxx - cyy) / 2) ** 2 + cxy * cxy));
  // A uniform segment of length L has standard deviation L / √12 along it.
  return { across: Math.sqrt(Math.max(0, tr - d)), along: Math.sqrt(Math.max(0, tr + d) * 12) };
}

/** 8-connected components of same-class pixels, then merged when their boxes are within `gap`. */
function marks(cls: Uint8Array, width: number, height: number, gap: number, minPixels: number): { marks: Mark[]; labels: Int32Array; compMark: Int32Array } {
  const labels = new Int32Array(width * height);
  const parent: number[] = [0];
  const find = (a: number): number => {
    while (parent[a] !== a) {
      parent[a] = parent[parent[a]!]!;
      a = parent[a]!;
    }
    return a;
  };
  const union = (a: number, b: number): number => {
    const ra = find(a);
    const rb = find(b);
    if (ra === rb) return ra;
    if (ra < rb) {
      parent[rb] = ra;
      return ra;
    }
    parent[ra] = rb;
    return rb;
  };
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const c = cls[row + x]!;
      if (c === NONE) continue;
      let l = 0;
      if (x > 0 && cls[row + x - 1] === c) l = labels[row + x - 1]!;
      if (y > 0) {
        const up = row - width + x;
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          if (xx < 0 || xx >= width) continue;
          if (cls[up + dx] === c) {
            const m = labels[up + dx]!;
            l = l ? union(l, m) : m;
          }
        }
      }
      if (!l) {
        l = parent.length;
        parent.push(l);
      }
      labels[row + x] = l;
    }
  }
  const count = parent.length;
  const root = new Int32Array(count);
  for (let i = 1; i < count; i++) root[i] = find(i);
  const boxes = new Map<number, Mark>();
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const l = labels[row + x]!;
      if (!l) continue;
      const r = root[l]!;
      labels[row + x] = r;
      let m = boxes.get(r);
      if (!m) {
        m = { cls: cls[row + x]!, x0: x, y0: y, x1: x, y1: y, pixels: 0, parts: 1, spanW: 0, spanH: 0, sx: 0, sy: 0, sxx: 0, syy: 0, sxy: 0 };
        boxes.set(r, m);
      }
      if (x < m.x0) m.x0 = x;
      if (x > m.x1) m.x1 = x;
      if (y > m.y1) m.y1 = y;
      m.pixels++;
      m.sx += x;
      m.sy += y;
      m.sxx += x * x;
      m.syy += y * y;
      m.sxy += x * y;
    }
  }
  for (const m of boxes.values()) {
    m.spanW = m.x1 - m.x0 + 1;
    m.spanH = m.y1 - m.y0 + 1;
  }
  const comps = [...boxes.entries()].filter(([, m]) => m.pixels >= minPixels);
  // Merge nearby components of the same class (characters into lines, stamp parts together).
  const n = comps.length;
  const up = Array.from({ length: n }, (_, i) => i);
  const f = (a: number): number => {
    while (up[a] !== a) {
      up[a] = up[up[a]!]!;
      a = up[a]!;
    }
    return a;
  };
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => comps[a]![1].x0 - comps[b]![1].x0);
  // Characters of one line may stand further apart (letter-spaced headings): side by side
  // with most of their height shared, a gap of up to their height still joins them.
  const maxH = comps.reduce((m, [, c]) => Math.max(m, c.y1 - c.y0 + 1), 0);
  for (let oi = 0; oi < n; oi++) {
    const i = order[oi]!;
    const a = comps[i]![1];
    for (let oj = oi + 1; oj < n; oj++) {
      const j = order[oj]!;
      const b = comps[j]![1];
      if (b.x0 > a.x1 + Math.max(gap, maxH)) break;
      if (a.cls !== b.cls) continue;
      const near = b.x0 <= a.x1 + gap && !(b.y0 > a.y1 + gap || a.y0 > b.y1 + gap);
      let inLine = false;
      if (!near) {
        const ha = a.y1 - a.y0 + 1;
        const hb = b.y1 - b.y0 + 1;
        const shared = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0) + 1;
        const h = Math.min(ha, hb);
        inLine = shared >= 0.6 * Math.max(ha, hb) && Math.max(ha, hb) <= 1.6 * h && b.x0 - a.x1 <= h;
      }
      if (near || inLine) up[f(i)] = f(j);
    }
  }
  const merged = new Map<number, Mark>();
  const compMark = new Int32Array(count).fill(-1);
  comps.forEach(([label, m], i) => {
    const r = f(i);
    compMark[label] = r;
    const t = merged.get(r);
    if (!t) merged.set(r, { ...m });
    else {
      t.x0 = Math.min(t.x0, m.x0);
      t.y0 = Math.min(t.y0, m.y0);
      t.x1 = Math.max(t.x1, m.x1);
      t.y1 = Math.max(t.y1, m.y1);
      t.pixels += m.pixels;
      t.parts += 1;
      t.spanW = Math.max(t.spanW, m.spanW);
      t.spanH = Math.max(t.spanH, m.spanH);
      t.sx += m.sx;
      t.sy += m.sy;
      t.sxx += m.sxx;
      t.syy += m.syy;
      t.sxy += m.sxy;
    }
  });
  // compMark maps component label → merged id; remap ids to indices.
  const ids = [...merged.keys()];
  const index = new Map(ids.map((id, i) => [id, i]));
  for (let i = 0; i < count; i++) if (compMark[i]! >= 0) compMark[i] = index.get(compMark[i]!)!;
  return { marks: ids.map((id) => merged.get(id)!), labels, compMark };
}

/**
 * A rectangle outline: along each side, the outermost ink lies on a straight line (fitted, so
 * a tilted stamp counts) at most positions.
 */
function isRectangle(labels: Int32Array, compMark: Int32Array, id: number, m: Mark, width: number): boolean {
  const w = m.x1 - m.x0 + 1;
  const h = m.y1 - m.y0 + 1;
  const top = new Float64Array(w).fill(NaN);
  const bottom = new Float64Array(w).fill(NaN);
  const left = new Float64Array(h).fill(NaN);
  const right = new Float64Array(h).fill(NaN);
  for (let y = m.y0; y <= m.y1; y++) {
    const row = y * width;
    for (let x = m.x0; x <= m.x1; x++) {
      const l = labels[row + x]!;
      if (!l || compMark[l] !== id) continue;
      const i = x - m.x0;
      const j = y - m.y0;
      if (Number.isNaN(top[i]!)) top[i] = j;
      bottom[i] = j;
      if (Number.isNaN(left[j]!)) left[j] = i;
      right[j] = i;
    }
  }
  const straight = (p: Float64Array): number => {
    const n = p.length;
    const a = Math.floor(n * 0.12);
    const b = Math.ceil(n * 0.88);
    let sx = 0;
    let sy = 0;
    let sxx = 0;
    let sxy = 0;
    let k = 0;
    for (let i = a; i < b; i++) {
      const v = p[i]!;
      if (Number.isNaN(v)) continue;
      sx += i;
      sy += v;
      sxx += i * i;
      sxy += i * v;
      k++;
    }
    if (k < 5 || b - a < 5) return 0;
    const den = k * sxx - sx * sx;
    const slope = den ? (k * sxy - sx * sy) / den : 0;
    const icpt = (sy - slope * sx) / k;
    let good = 0;
    for (let i = a; i < b; i++) {
      const v = p[i]!;
      if (!Number.isNaN(v) && Math.abs(v - (slope * i + icpt)) <= 2) good++;
    }
    return good / (b - a);
  };
  const [t, b, l, r] = [straight(top), straight(bottom), straight(left), straight(right)];
  // Three straight sides (the fourth may be under a seal), or two long parallel ones drawn in
  // one stroke across the mark (a frame, not the tops and feet of a line of characters).
  const straightSides = [t, b, l, r].filter((v) => v >= 0.7).length;
  return straightSides >= 3 || (t >= 0.85 && b >= 0.85 && w >= h && m.spanW >= 0.85 * w) || (l >= 0.85 && r >= 0.85 && h >= w && m.spanH >= 0.85 * h);
}

// ---- The detector -------------------------------------------------------------------------

const GREY_NOTE = '灰度（黑白）图像：无法按颜色确认红色公章；按形状看到疑似圆形印章，未能确认，请上传彩色扫描件。';
const GREY_NONE_NOTE = '灰度（黑白）图像：无法按颜色识别红色公章，按形状也未看到圆形印章；请上传彩色扫描件。';
const GREY_SKIPPED_NOTE = '灰度（黑白）图像：无法按颜色识别红色公章，未做识别；请上传彩色扫描件。';

/** A shape's colour that could be a seal's ink: red to orange (red the strongest channel, clearly coloured), or unknown. */
function mayBeSealInk(colour: string): boolean {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour);
  if (!m) return true;
  const [r, g, b] = [m[1]!, m[2]!, m[3]!].map((h) => parseInt(h, 16)) as [number, number, number];
  return r >= g && r >= b && r - Math.min(g, b) >= CHROMA_MIN;
}

const mayHoldSeal = (drawing: PageDrawing) => drawing.images > 0 || drawing.shapeColours.some(mayBeSealInk);

/** Seals on a page (see the file's comment). */
export async function detectSeals(page: ReadPage, options: SealOptions = {}): Promise<SealDetection> {
  // A text-layer page that paints no image and no reddish shape has nothing a seal could be
  // made of (red text alone is a title): it is not drawn at all.
  if (options.fromDrawing !== false && !options.pixels && page.drawing && !mayHoldSeal(await page.drawing())) return { seals: [], rejected: [], greyscale: false, unconfirmed: [] };
  // A page read by OCR, or one with no text layer at all, is a scan or photo.
  const raster = options.raster ?? (page.source === 'ocr' || page.lines.length === 0);
  const workDpi = options.workDpi ?? WORK_DPI;
  if (!options.pixels && page.render && page.dpi > workDpi) {
    // A text-layer page is drawn straight at the working resolution: a quarter of the pixels
    // to draw and no shrinking, the same shapes (boxes still in the page's grid).
    const image = await page.render(workDpi);
    return detectSealsInImage(image, workDpi, page.number, { ...options, raster, boxScale: page.dpi / workDpi });
  }
  const image = options.pixels ?? (await page.pixels());
  return detectSealsInImage(image, page.dpi, page.number, { ...options, raster });
}

/** The same on raw pixels at `dpi` (boxes in those pixels). */
export async function detectSealsInImage(image: RasterImage, dpi: number, pageNumber = 1, options: SealOptions = {}): Promise<SealDetection> {
  const workDpi = options.workDpi ?? WORK_DPI;
  const work = await workingCopy(image, dpi, workDpi);
  const { width, height } = work;
  const greyscale = isGreyscale(image, options.raster ?? false);
  const g: Geometry = {
    rMin: mmToPx(MIN_DIAMETER_MM / 2, work.dpi) * 0.95,
    rMax: mmToPx(MAX_DIAMETER_MM / 2, work.dpi),
    dpi: work.dpi,
  };
  const boxScale = options.boxScale ?? 1;
  const toPage = (x0: number, y0: number, x1: number, y1: number): PageRegion => {
    const s = boxScale / work.scale;
    const x = Math.max(0, x0 * s);
    const y = Math.max(0, y0 * s);
    return {
      page: pageNumber,
      x: Math.round(x),
      y: Math.round(y),
      width: Math.round(Math.min(image.width * boxScale, x1 * s) - x),
      height: Math.round(Math.min(image.height * boxScale, y1 * s) - y),
    };
  };

  if (greyscale) {
    if (options.greyscale === 'skip') return { seals: [], rejected: [], greyscale: true, unconfirmed: [], note: GREY_SKIPPED_NOTE };
    const rings = findRings(greyInk(work), work, g, true, toPage).found;
    return { seals: [], rejected: [], greyscale: true, unconfirmed: rings.map((r) => r.region), note: rings.length ? GREY_NOTE : GREY_NONE_NOTE };
  }

  const { cls, red } = classify(work);
  const { found: seals, refused } = findRings(red, work, g, false, toPage);
  if (options.explain === false) return { seals: seals.map((s) => s.region), rejected: [], greyscale: false, unconfirmed: [] };

  // Everything red not inside a seal, and blue and gold ink, grouped into marks.
  const rejected: RejectedMark[] = [];
  for (const r of refused) {
    const b = boxOf(r.ellipse);
    rejected.push({ ...toPage(b.x0, b.y0, b.x1, b.y1), reason: r.reason });
  }
  // Clear the ink of seals and refused rings, so what is left is grouped into other marks.
  for (const e of [...seals.map((s) => s.work), ...refused.map((r) => r.ellipse)]) {
    const cos = Math.cos(e.theta);
    const sin = Math.sin(e.theta);
    const ext = e.a * 1.12 + 3;
    for (let y = Math.max(0, Math.floor(e.cy - ext)); y <= Math.min(height - 1, Math.ceil(e.cy + ext)); y++) {
      for (let x = Math.max(0, Math.floor(e.cx - ext)); x <= Math.min(width - 1, Math.ceil(e.cx + ext)); x++) {
        const p = y * width + x;
        if (cls[p] === RED && rho(e, x, y, cos, sin) <= 1.1 + 3 / e.b) cls[p] = NONE;
      }
    }
  }
  const mmPx = mmToPx(1, work.dpi);
  const { marks: all, labels, compMark } = marks(cls, width, height, Math.max(2, Math.round(mmPx * 1.6)), 3);
  // A rule or underline (also tilted, in a photo): thin across its direction, long along it.
  const isLine = (m: Mark) => {
    const { across, along } = lineShape(m);
    return across <= mmPx * 0.6 && along >= mmPx * 6 && along >= across * 15;
  };
  all.forEach((m, id) => {
    const wMm = pxToMm(m.x1 - m.x0 + 1, work.dpi);
    const hMm = pxToMm(m.y1 - m.y0 + 1, work.dpi);
    const major = Math.max(wMm, hMm);
    const minor = Math.min(wMm, hMm);
    const region = toPage(m.x0, m.y0, m.x1 + 1, m.y1 + 1);
    const bboxFill = m.pixels / ((m.x1 - m.x0 + 1) * (m.y1 - m.y0 + 1));
    const pageWmm = pxToMm(width, work.dpi);
    const pageHmm = pxToMm(height, work.dpi);
    if (m.cls === GOLD) {
      if (wMm > pageWmm * 0.4 && hMm > pageHmm * 0.4) rejected.push({ ...region, reason: '金色边框' });
      else if (major > 30 && minor < 4) rejected.push({ ...region, reason: '金色线条' });
      return;
    }
    if (m.cls === BLUE) {
      if (major >= 15 && major <= 70 && major / minor <= 1.5 && bboxFill < 0.5) rejected.push({ ...region, reason: '蓝色印章' });
      return;
    }
    if (major < 3) return;
    let reason: string;
    if (wMm > pageWmm * 0.4 && hMm > pageHmm * 0.4 && bboxFill < 0.05) reason = '红色边框';
    else if (isLine(m)) reason = lineShape(m).along >= mmPx * pageWmm * 0.35 ? '红色线条' : '红色下划线';
    else if (major >= 15 && major / minor <= 1.35 && bboxFill >= 0.5) reason = '国徽图案';
    else if (major >= 8 && minor >= 5 && isRectangle(labels, compMark, id, m, width)) reason = '矩形印章';
    else if (m.parts >= 2 && wMm >= hMm * 1.5) reason = hMm >= 5 ? '红色标题文字' : '红色文字';
    else if (major >= MIN_DIAMETER_MM * 0.7 && major / minor <= 1.35 && bboxFill < 0.4) reason = '圆形红色印记（不像公章）';
    else if (major < 8) reason = '红色文字';
    else reason = '其他红色印记';
    rejected.push({ ...region, reason });
  });
  return { seals: seals.map((s) => s.region), rejected, greyscale: false, unconfirmed: [] };
}

interface Found {
  region: SealRegion;
  work: Ellipse;
}

/** Area of the intersection of the two ellipses' boxes over the smaller box. */
function overlapShare(p: Ellipse, q: Ellipse): number {
  const box = (e: Ellipse) => {
    const c = Math.cos(e.theta);
    const s = Math.sin(e.theta);
    const hw = Math.sqrt((e.a * c) ** 2 + (e.b * s) ** 2);
    const hh = Math.sqrt((e.a * s) ** 2 + (e.b * c) ** 2);
    return { x0: e.cx - hw, x1: e.cx + hw, y0: e.cy - hh, y1: e.cy + hh };
  };
  const a = box(p);
  const b = box(q);
  const w = Math.max(0, Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0));
  const h = Math.max(0, Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0));
  const area = (r: typeof a) => (r.x1 - r.x0) * (r.y1 - r.y0);
  return (w * h) / Math.min(area(a), area(b));
}

const RING_REASONS: Record<string, string> = {
  filled: '国徽图案',
  empty: '空心红色圆圈（无印文）',
  size: '圆形印记尺寸不符',
  shape: '椭圆过扁',
};

function boxOf(e: Ellipse): { x0: number; y0: number; x1: number; y1: number } {
  const cos = Math.cos(e.theta);
  const sin = Math.sin(e.theta);
  const hw = Math.sqrt((e.a * cos) ** 2 + (e.b * sin) ** 2);
  const hh = Math.sqrt((e.a * sin) ** 2 + (e.b * cos) ** 2);
  return { x0: e.cx - hw, y0: e.cy - hh, x1: e.cx + hw, y1: e.cy + hh };
}

function findRings(strength: Uint8Array, work: Work, g: Geometry, grey: boolean, toPage: (x0: number, y0: number, x1: number, y1: number) => PageRegion): { found: Found[]; refused: { ellipse: Ellipse; reason: string }[] } {
  const { width, height } = work;
  const peaks = houghCentres(strength, width, height, g.rMin, g.rMax, 40);
  const accepted: Candidate[] = [];
  const others: Candidate[] = [];
  peaks.forEach((p, i) => {
    // Deep inside a seal already found: another view of the same impression.
    if (accepted.some((a) => rho(a.ellipse, p.x, p.y, Math.cos(a.ellipse.theta), Math.sin(a.ellipse.theta)) < 0.5)) return;
    const c = verify(strength, width, height, p.x, p.y, g, 0x5eed + i * 7919);
    if (!c) return;
    if (c.verdict !== 'seal') {
      if (c.verdict !== 'weak') others.push(c);
      return;
    }
    if (grey && !greyRing(strength, width, height, c)) return;
    accepted.push(c);
  });
  // One impression, one seal: keep the best of overlapping fits.
  accepted.sort((a, b) => b.score - a.score);
  const kept: Candidate[] = [];
  for (const c of accepted) {
    // Another fit of the same impression (e.g. an inner text band) lies mostly inside a kept one.
    if (kept.some((k) => overlapShare(k.ellipse, c.ellipse) > 0.4)) continue;
    kept.push(c);
  }
  // Round things that are not seals, once each, and not where a seal is.
  others.sort((a, b) => b.coverage - a.coverage);
  const refused: { ellipse: Ellipse; reason: string }[] = [];
  for (const c of others) {
    if (kept.some((k) => overlapShare(k.ellipse, c.ellipse) > 0.4)) continue;
    if (refused.some((r) => overlapShare(r.ellipse, c.ellipse) > 0.4)) continue;
    refused.push({ ellipse: c.ellipse, reason: RING_REASONS[c.verdict]! });
  }
  const found = kept.map((c) => {
    const e = c.ellipse;
    const b = boxOf(e);
    const ink = grey ? null : inkColour(work, e);
    const faded = ink !== null && ink.saturation < FADED_SATURATION;
    const confidence = grey ? Math.min(0.45, 0.2 + c.score * 0.25) : 0.5 + c.score * 0.49;
    const region: SealRegion = {
      ...toPage(b.x0, b.y0, b.x1, b.y1),
      color: 'red',
      confidence: Math.round(confidence * 100) / 100,
      shape: e.a / e.b > 1.12 ? 'oval' : 'round',
      faded,
      sizeMm: { major: Math.round(c.majorMm * 10) / 10, minor: Math.round(c.minorMm * 10) / 10 },
      basis: grey ? 'shape' : 'colour',
    };
    return { region, work: e };
  });
  return { found, refused };
}

/** The saturation (chroma / max) of the ring's most saturated pixels: a faded stamp is pale throughout. */
const FADED_SATURATION = 0.42;

function inkColour(work: Work, e: Ellipse): { saturation: number; chroma: number } {
  const { rgb, width, height } = work;
  const cos = Math.cos(e.theta);
  const sin = Math.sin(e.theta);
  const ext = e.a * 1.05 + 2;
  const sats: number[] = [];
  const chromas: number[] = [];
  const bandIn = 1 - Math.max(0.08, 3 / e.b);
  const bandOut = 1 + Math.max(0.04, 2 / e.b);
  for (let y = Math.max(0, Math.floor(e.cy - ext)); y <= Math.min(height - 1, Math.ceil(e.cy + ext)); y++) {
    for (let x = Math.max(0, Math.floor(e.cx - ext)); x <= Math.min(width - 1, Math.ceil(e.cx + ext)); x++) {
      const r = rho(e, x, y, cos, sin);
      if (r < bandIn || r > bandOut) continue;
      const i = (y * width + x) * 3;
      const R = rgb[i]!;
      const G = rgb[i + 1]!;
      const B = rgb[i + 2]!;
      const mx = Math.max(R, G, B);
      const c = mx - Math.min(R, G, B);
      if (mx !== R || c < CHROMA_WEAK) continue;
      sats.push(c / mx);
      chromas.push(c);
    }
  }
  if (!sats.length) return { saturation: 0, chroma: 0 };
  sats.sort((p, q) => p - q);
  chromas.sort((p, q) => p - q);
  const at = (a: number[], q: number) => a[Math.min(a.length - 1, Math.floor(a.length * q))]!;
  return { saturation: at(sats, 0.9), chroma: at(chromas, 0.9) };
}

/**
 * Greyscale only: the ring must stand out from the ink around it (text under a seal is
 * everywhere; a ring is a thin band inked all the way round, with paper or sparse ink
 * just outside it).
 */
function greyRing(ink: Uint8Array, width: number, height: number, c: Candidate): boolean {
  const e = c.ellipse;
  const cos = Math.cos(e.theta);
  const sin = Math.sin(e.theta);
  const ext = e.a * 1.3 + 2;
  let band = 0;
  let bandInk = 0;
  let out = 0;
  let outInk = 0;
  for (let y = Math.max(0, Math.floor(e.cy - ext)); y <= Math.min(height - 1, Math.ceil(e.cy + ext)); y++) {
    for (let x = Math.max(0, Math.floor(e.cx - ext)); x <= Math.min(width - 1, Math.ceil(e.cx + ext)); x++) {
      const r = rho(e, x, y, cos, sin);
      const v = ink[y * width + x]!;
      if (r >= 1 - 3 / e.b && r <= 1 + 1.5 / e.b) {
        band++;
        if (v) bandInk++;
      } else if (r >= 1.1 && r <= 1.3) {
        out++;
        if (v) outInk++;
      }
    }
  }
  const bandDensity = band ? bandInk / band : 0;
  const outDensity = out ? outInk / out : 0;
  return c.coverage >= 0.85 && bandDensity >= 0.45 && bandDensity > outDensity * 2.5;
}

// ---- The seal on the 单位公章 area -----------------------------------------------------------

export interface SealOnArea {
  /** A seal overlaps the label's line, or its outline comes within 1.5 seal radii of it. */
  onArea: boolean;
  /** The label line found (null: no such line on the page). */
  label: TextLine | null;
  /** The label's area: from the label to the end of its line. */
  labelBox: Box | null;
  /** The nearest seal to it, and the gap between its outline and the label in page pixels (0 when overlapping). */
  seal: SealRegion | null;
  distance: number | null;
}

/** Distance from a point to a box (0 inside). */
function pointToBox(x: number, y: number, b: Box): number {
  const dx = Math.max(b.x - x, 0, x - (b.x + b.width));
  const dy = Math.max(b.y - y, 0, y - (b.y + b.height));
  return Math.hypot(dx, dy);
}

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/**
 * The label's area in a line: from the start of the match to the end of the line (the label
 * and what follows it, e.g. the company name or a blank), so that another label earlier on
 * the same line (法定代表人（签字）：…) does not count. Characters are taken as evenly spaced.
 */
function labelArea(line: TextLine, re: RegExp): Box {
  const text = line.text;
  const m = new RegExp(re.source, re.flags.replace('g', '')).exec(text);
  if (!m || text.length === 0) return line.box;
  const chars = [...text].length;
  const start = [...text.slice(0, m.index)].length;
  const x = line.box.x + (line.box.width * start) / chars;
  return { x, y: line.box.y, width: Math.max(1, line.box.x + line.box.width - x), height: line.box.height };
}

/**
 * Where the seal must sit (the 单位公章 / 公章 label of a pledge): is one of `seals` on it?
 * Lines are matched with whitespace removed.
 */
export function findSealOnArea(seals: readonly SealRegion[], page: ReadPage, label: RegExp = /单位公章|公章/): SealOnArea {
  const re = new RegExp(label.source, label.flags.replace(/[gy]/g, ''));
  const squash = (t: string) => t.replace(/\s+/g, '');
  const matching = page.lines.filter((l) => re.test(squash(l.text)));
  // Prefer lines where the match is a label (followed by a colon or bracket, or ending a
  // short line) over body text that merely mentions it (…加盖公章之日起生效…).
  const labelled = matching.filter((l) => {
    const text = squash(l.text);
    const m = re.exec(text);
    if (!m) return false;
    const after = text.slice(m.index + m[0].length);
    return /^[：:）)\]】]/.test(after) || after.length === 0 || [...text].length <= 14;
  });
  const lines = labelled.length ? labelled : matching;
  const onPage = seals.filter((s) => s.page === page.number);
  let best: SealOnArea | null = null;
  for (const line of lines) {
    const box = labelArea({ ...line, text: squash(line.text) }, re);
    for (const seal of onPage) {
      const cx = seal.x + seal.width / 2;
      const cy = seal.y + seal.height / 2;
      const radius = Math.max(seal.width, seal.height) / 2;
      const centre = pointToBox(cx, cy, box);
      const touching = overlaps(seal, box);
      const distance = touching ? 0 : Math.max(0, centre - radius);
      // Stamped over the label, the name after it or the date under it (骑年盖月): the
      // impression's outline comes within 1.5 radii of the label's line.
      const onArea = touching || distance <= radius * 1.5;
      const better = !best || (onArea && !best.onArea) || (onArea === best.onArea && distance < best.distance!);
      if (better) best = { onArea, label: line, labelBox: box, seal, distance };
    }
  }
  if (best) return best;
  const first = lines[0] ?? null;
  return { onArea: false, label: first, labelBox: first ? labelArea({ ...first, text: squash(first.text) }, re) : null, seal: null, distance: null };
}

/**
 * Whether a seal sits on the area of the line matching `label` (pledges: the seal must be on
 * 单位公章): it overlaps the line, or its outline comes within 1.5 seal radii of it. Lines
 * where the match is a label (…公章：) are preferred to body text that mentions it.
 */
export function sealOnArea(seals: readonly SealRegion[], page: ReadPage, label: RegExp = /单位公章|公章/): boolean {
  return findSealOnArea(seals, page, label).onArea;
}
