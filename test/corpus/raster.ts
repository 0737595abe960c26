/**
 * Raster variants of a text-layer PDF: what a scanner or a phone makes of the printout.
 *
 *  - scan:   200 dpi, small rotation (0.3–2°), paper tone, grain, slight blur, JPEG 55–80,
 *            colour or greyscale; a JPEG file or an image-only PDF.
 *  - lowres: the same at 100–120 dpi and lower JPEG quality.
 *  - photo:  colour, the page in perspective on a darker background (a desk), uneven
 *            lighting, a warm cast, grain and blur; JPEG (or a PDF of photos when the
 *            document has several pages, as scanning apps make).
 *
 * Pages are rendered with pdfjs (test/helpers/render.ts), then warped by inverse mapping
 * through a 3×3 projective matrix (an affine one for scans), so truth boxes go through the
 * very same matrix: a box becomes the bounding box of its four transformed corners, clipped
 * to the image.
 */
import sharp from 'sharp';
import { PDFDocument } from 'pdf-lib';
import { renderPdfPages } from '../helpers/render.js';
import { pixelNoise, type Rng } from './random.js';
import type { Box, PageGrid, Point, RasterBase, RasterTruth } from './types.js';

type Mat = [number, number, number, number, number, number, number, number, number];

function apply(m: Mat, x: number, y: number): Point {
  const w = m[6] * x + m[7] * y + m[8];
  return { x: (m[0] * x + m[1] * y + m[2]) / w, y: (m[3] * x + m[4] * y + m[5]) / w };
}

function invert(m: Mat): Mat {
  const [a, b, c, d, e, f, g, h, i] = m;
  const A = e * i - f * h;
  const B = -(d * i - f * g);
  const C = d * h - e * g;
  const det = a * A + b * B + c * C;
  return [
    A / det, -(b * i - c * h) / det, (b * f - c * e) / det,
    B / det, (a * i - c * g) / det, -(a * f - c * d) / det,
    C / det, -(a * h - b * g) / det, (a * e - b * d) / det,
  ];
}

/** The projective matrix taking the four `from` points to the four `to` points. */
function homography(from: Point[], to: Point[]): Mat {
  const A: number[][] = [];
  const b: number[] = [];
  for (let k = 0; k < 4; k++) {
    const { x, y } = from[k]!;
    const { x: u, y: v } = to[k]!;
    A.push([x, y, 1, 0, 0, 0, -u * x, -u * y]);
    b.push(u);
    A.push([0, 0, 0, x, y, 1, -v * x, -v * y]);
    b.push(v);
  }
  // Gaussian elimination with partial pivoting.
  for (let col = 0; col < 8; col++) {
    let pivot = col;
    for (let r = col + 1; r < 8; r++) if (Math.abs(A[r]![col]!) > Math.abs(A[pivot]![col]!)) pivot = r;
    [A[col], A[pivot]] = [A[pivot]!, A[col]!];
    [b[col], b[pivot]] = [b[pivot]!, b[col]!];
    for (let r = 0; r < 8; r++) {
      if (r === col) continue;
      const f = A[r]![col]! / A[col]![col]!;
      for (let k = col; k < 8; k++) A[r]![k]! -= f * A[col]![k]!;
      b[r]! -= f * b[col]!;
    }
  }
  const h = b.map((v, i) => v / A[i]![i]!);
  return [h[0]!, h[1]!, h[2]!, h[3]!, h[4]!, h[5]!, h[6]!, h[7]!, 1];
}

interface WarpOptions {
  /** Background colour where the page is not. */
  background: readonly [number, number, number];
  /** Brightness factor at a point (1 = unchanged). */
  light: ((x: number, y: number) => number) | null;
  /** Multipliers per channel (colour cast / paper tone). */
  tint: readonly [number, number, number];
  /** Lift blacks: out = lift + v * (255 - lift) / 255. */
  lift: number;
  noise: number;
  seed: number;
}

/** Inverse-map every output pixel through `inv` into the RGBA source; bilinear; returns RGB. */
function warp(src: { data: Uint8Array; width: number; height: number }, width: number, height: number, inv: Mat, o: WarpOptions): Buffer {
  const out = Buffer.alloc(width * height * 3);
  const sw = src.width;
  const sh = src.height;
  const sd = src.data;
  const [bgR, bgG, bgB] = o.background;
  const [tR, tG, tB] = o.tint;
  const scale = (255 - o.lift) / 255;
  // Grain from a table of Gaussian-ish values walked by an LCG (a few calls per pixel to a
  // generator would cost more than the warp itself).
  const rand = pixelNoise(o.seed);
  const table = new Float32Array(1 << 16);
  for (let i = 0; i < table.length; i++) table[i] = (rand() + rand() + rand() - 1.5) * 2 * o.noise;
  let k = o.seed >>> 0;
  // Lighting varies slowly: evaluate it on a coarse grid.
  const step = 4;
  const lw = Math.ceil(width / step) + 1;
  const light = o.light ? new Float32Array(lw * (Math.ceil(height / step) + 1)) : null;
  if (light && o.light) for (let gy = 0; gy * step < height + step; gy++) for (let gx = 0; gx < lw; gx++) light[gy * lw + gx] = o.light(gx * step, gy * step);
  for (let y = 0; y < height; y++) {
    const lrow = ((y / step) | 0) * lw;
    for (let x = 0; x < width; x++) {
      const w = inv[6] * x + inv[7] * y + inv[8];
      const sx = (inv[0] * x + inv[1] * y + inv[2]) / w;
      const sy = (inv[3] * x + inv[4] * y + inv[5]) / w;
      let r: number;
      let g: number;
      let b: number;
      if (sx >= 0 && sy >= 0 && sx < sw - 1 && sy < sh - 1) {
        const x0 = sx | 0;
        const y0 = sy | 0;
        const fx = sx - x0;
        const fy = sy - y0;
        const i00 = (y0 * sw + x0) * 4;
        const i10 = i00 + 4;
        const i01 = i00 + sw * 4;
        const i11 = i01 + 4;
        const w00 = (1 - fx) * (1 - fy);
        const w10 = fx * (1 - fy);
        const w01 = (1 - fx) * fy;
        const w11 = fx * fy;
        r = sd[i00]! * w00 + sd[i10]! * w10 + sd[i01]! * w01 + sd[i11]! * w11;
        g = sd[i00 + 1]! * w00 + sd[i10 + 1]! * w10 + sd[i01 + 1]! * w01 + sd[i11 + 1]! * w11;
        b = sd[i00 + 2]! * w00 + sd[i10 + 2]! * w10 + sd[i01 + 2]! * w01 + sd[i11 + 2]! * w11;
        r = (o.lift + r * scale) * tR;
        g = (o.lift + g * scale) * tG;
        b = (o.lift + b * scale) * tB;
      } else {
        r = bgR;
        g = bgG;
        b = bgB;
      }
      const l = light ? light[lrow + ((x / step) | 0)]! : 1;
      k = (Math.imul(k, 1103515245) + 12345) >>> 0;
      const n = table[k >>> 16]!;
      const c = table[k & 0xffff]! * 0.25;
      const i = (y * width + x) * 3;
      out[i] = Math.max(0, Math.min(255, r * l + n + c));
      out[i + 1] = Math.max(0, Math.min(255, g * l + n));
      out[i + 2] = Math.max(0, Math.min(255, b * l + n - c));
    }
  }
  return out;
}

export interface RasterOutput {
  bytes: Uint8Array;
  mime: 'image/jpeg' | 'application/pdf';
  dpi: number;
  pages: PageGrid[];
  raster: RasterTruth;
  /** Carry a box in PDF points on a 1-based page into the output's pixel grid. */
  mapBox(page: number, box: Box): Box;
}

/**
 * Hard variants: how the stored pixels differ from the upright page. `turn` turns them
 * clockwise; `exifOrientation` (3, 6, 8) writes a JPEG whose pixels are turned so that the tag
 * turns them upright again (and forces a JPEG file). Truth stays in the upright grid.
 */
export interface StoredTurn {
  turn?: 0 | 90 | 180 | 270;
  exifOrientation?: 3 | 6 | 8;
}

/** Degrees an EXIF Orientation tag turns the stored pixels clockwise to show them. */
const EXIF_TURN = { 3: 180, 6: 90, 8: 270 } as const;

/** Rasterise a text-layer PDF whose pages are `pageSizes` (points) as the variant. */
export async function rasterize(pdf: Uint8Array, pageSizes: { width: number; height: number }[], variant: RasterBase, rng: Rng, creationDate: Date, stored: StoredTurn = {}): Promise<RasterOutput> {
  const photo = variant === 'photo';
  const renderDpi = variant === 'scan' ? 200 : variant === 'lowres' ? rng.int(100, 120) : 150;
  const colour = photo || rng.chance(0.6);
  const quality = variant === 'scan' ? rng.int(55, 80) : variant === 'lowres' ? rng.int(50, 70) : rng.int(70, 88);
  const blur = variant === 'lowres' ? rng.float(0.4, 0.7) : photo ? rng.float(0.5, 0.9) : rng.float(0.35, 0.75);
  const noise = photo ? rng.float(4, 8) : rng.float(3, 8);
  const rotation = photo ? 0 : rng.sign() * rng.float(0.3, 2);
  const container: 'jpeg' | 'pdf' = stored.exifOrientation ? 'jpeg' : pageSizes.length > 1 ? 'pdf' : photo ? 'jpeg' : rng.chance(0.5) ? 'jpeg' : 'pdf';
  if (stored.exifOrientation && pageSizes.length > 1) throw new Error('an EXIF-rotated copy must be a single page');
  const turned = stored.exifOrientation ? ((360 - EXIF_TURN[stored.exifOrientation]) % 360) as 0 | 90 | 180 | 270 : stored.turn ?? 0;
  const rendered = await renderPdfPages(pdf, renderDpi);
  const mats: Mat[] = [];
  const grids: PageGrid[] = [];
  const corners: Point[][] = [];
  const jpegs: Uint8Array[] = [];
  let gridDpi = renderDpi;
  // One desk and one lamp for all pages of a photographed document.
  const desk = rng.pick([
    [92, 70, 52],
    [58, 58, 62],
    [120, 96, 72],
    [44, 48, 56],
    [136, 132, 124],
  ] as const);
  const shadow = photo && rng.chance(0.4) ? { angle: rng.float(0, Math.PI * 2), depth: rng.float(0.12, 0.25), offset: rng.float(-0.15, 0.25) } : null;

  for (let p = 0; p < rendered.length; p++) {
    const png = rendered[p]!;
    const src = { data: png.data as unknown as Uint8Array, width: png.width, height: png.height };
    const prng = rng.fork(`page-${p}`);
    let m: Mat;
    let width: number;
    let height: number;
    let options: WarpOptions;
    if (!photo) {
      width = png.width;
      height = png.height;
      const a = (rotation * Math.PI) / 180;
      const cx = width / 2;
      const cy = height / 2;
      const dx = prng.float(-0.006, 0.006) * width;
      const dy = prng.float(-0.006, 0.006) * height;
      const cos = Math.cos(a);
      const sin = Math.sin(a);
      // Rotate clockwise about the centre (y points down), then shift a little.
      m = [cos, -sin, cx - cos * cx + sin * cy + dx, sin, cos, cy - sin * cx - cos * cy + dy, 0, 0, 1];
      const paper = prng.float(0.955, 0.995);
      const edge = prng.chance(0.4) ? prng.pick(['top', 'left'] as const) : null;
      const edgeWidth = width * 0.012;
      options = {
        background: [238, 238, 236],
        light: edge ? (x, y) => (edge === 'left' ? (x < edgeWidth ? 0.55 + 0.45 * (x / edgeWidth) : 1) : y < edgeWidth ? 0.55 + 0.45 * (y / edgeWidth) : 1) : null,
        tint: [paper, paper, paper * prng.float(0.97, 1)],
        lift: prng.float(8, 26),
        noise,
        seed: prng.int(1, 2 ** 31),
      };
    } else {
      const landscape = png.width > png.height;
      width = landscape ? 2048 : 1536;
      height = landscape ? 1536 : 2048;
      const fit = Math.min((width * 0.9) / png.width, (height * 0.9) / png.height) * prng.float(0.88, 0.98);
      const pw = png.width * fit;
      const ph = png.height * fit;
      const cx = width / 2 + prng.float(-0.03, 0.03) * width;
      const cy = height / 2 + prng.float(-0.03, 0.03) * height;
      const a = (prng.float(-4, 4) * Math.PI) / 180;
      const base: Point[] = [
        { x: -pw / 2, y: -ph / 2 },
        { x: pw / 2, y: -ph / 2 },
        { x: pw / 2, y: ph / 2 },
        { x: -pw / 2, y: ph / 2 },
      ];
      // Perspective: the edge farther from the camera is shorter.
      const k = prng.float(0.02, 0.07);
      const side = prng.pick(['top', 'bottom', 'left', 'right'] as const);
      const shrink = (pt: Point, i: number): Point => {
        const onTop = i < 2;
        const onLeft = i === 0 || i === 3;
        if (side === 'top' && onTop) return { x: pt.x * (1 - k), y: pt.y * (1 - k * 0.3) };
        if (side === 'bottom' && !onTop) return { x: pt.x * (1 - k), y: pt.y * (1 - k * 0.3) };
        if (side === 'left' && onLeft) return { x: pt.x * (1 - k * 0.3), y: pt.y * (1 - k) };
        if (side === 'right' && !onLeft) return { x: pt.x * (1 - k * 0.3), y: pt.y * (1 - k) };
        return pt;
      };
      const dst = base.map(shrink).map((pt) => {
        const jx = pt.x + prng.float(-0.012, 0.012) * pw;
        const jy = pt.y + prng.float(-0.012, 0.012) * ph;
        return { x: cx + jx * Math.cos(a) - jy * Math.sin(a), y: cy + jx * Math.sin(a) + jy * Math.cos(a) };
      });
      m = homography(
        [{ x: 0, y: 0 }, { x: png.width, y: 0 }, { x: png.width, y: png.height }, { x: 0, y: png.height }],
        dst,
      );
      corners.push(dst.map((pt) => ({ x: Math.round(pt.x * 10) / 10, y: Math.round(pt.y * 10) / 10 })));
      gridDpi = Math.round(renderDpi * fit);
      const lx = prng.float(0, width);
      const ly = prng.float(0, height * 0.5);
      const diag2 = width * width + height * height;
      const strength = prng.float(0.3, 0.6);
      const nx = shadow ? Math.cos(shadow.angle) : 0;
      const ny = shadow ? Math.sin(shadow.angle) : 0;
      const soft = 0.08;
      const gx = prng.float(-0.12, 0.12);
      const gy = prng.float(-0.12, 0.12);
      const warm = prng.float(0, 0.06);
      options = {
        background: desk,
        light: (x, y) => {
          const d = ((x - lx) ** 2 + (y - ly) ** 2) / diag2;
          let l = 1.04 - strength * d * 1.6 + gx * (x / width - 0.5) + gy * (y / height - 0.5);
          if (shadow) {
            // A soft-edged shadow (a hand or the phone) over one side of the picture.
            const t = (nx * (x / width - 0.5) + ny * (y / height - 0.5) - shadow.offset) / soft;
            l *= 1 - shadow.depth * Math.min(1, Math.max(0, t + 0.5));
          }
          return Math.max(0.4, l);
        },
        tint: [1, 1 - warm * 0.4, 1 - warm],
        lift: prng.float(10, 30),
        noise,
        seed: prng.int(1, 2 ** 31),
      };
    }
    mats.push(m);
    const rgb = warp(src, width, height, invert(m), options);
    let image = sharp(rgb, { raw: { width, height, channels: 3 } });
    if (!colour) image = image.greyscale().toColourspace('b-w');
    image = image.blur(blur);
    if (turned) {
      // sharp turns an image before it blurs it: take the blurred pixels, then turn them.
      const { data, info } = await image.raw().toBuffer({ resolveWithObject: true });
      image = sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } }).rotate(turned);
    }
    // withDensity, not withMetadata: withMetadata converts to sRGB and makes greyscale JPEGs three-channel
    // (an EXIF tag needs withMetadata, so EXIF-rotated copies are three-channel).
    const encoder = image.jpeg({ quality, mozjpeg: false });
    const jpeg = await (stored.exifOrientation
      ? encoder.withMetadata({ orientation: stored.exifOrientation, density: photo ? 72 : renderDpi })
      : encoder.withDensity(photo ? 72 : renderDpi)
    ).toBuffer();
    jpegs.push(new Uint8Array(jpeg));
    grids.push({ width, height, dpi: photo ? gridDpi : renderDpi });
  }

  let bytes: Uint8Array;
  if (container === 'jpeg') bytes = jpegs[0]!;
  else {
    const doc = await PDFDocument.create();
    for (let p = 0; p < jpegs.length; p++) {
      const img = await doc.embedJpg(jpegs[p]!);
      const grid = grids[p]!;
      const [w, h] = turned % 180 ? [grid.height, grid.width] : [grid.width, grid.height];
      const page = doc.addPage([(w * 72) / grid.dpi, (h * 72) / grid.dpi]);
      page.drawImage(img, { x: 0, y: 0, width: page.getWidth(), height: page.getHeight() });
    }
    doc.setProducer(photo ? 'CamScanner' : rng.pick(['Canon iR-ADV C5535', 'RICOH MP C3004', 'HP LaserJet MFP', 'EPSON Scan']));
    doc.setCreator(photo ? 'CamScanner' : 'Scanner');
    doc.setCreationDate(creationDate);
    doc.setModificationDate(creationDate);
    bytes = await doc.save({ useObjectStreams: true });
  }

  const mapBox = (page: number, box: Box): Box => {
    const m = mats[page - 1]!;
    const grid = grids[page - 1]!;
    const s = renderDpi / 72;
    const pts = [
      apply(m, box.x * s, box.y * s),
      apply(m, (box.x + box.width) * s, box.y * s),
      apply(m, (box.x + box.width) * s, (box.y + box.height) * s),
      apply(m, box.x * s, (box.y + box.height) * s),
    ];
    const x0 = Math.max(0, Math.min(...pts.map((p) => p.x)));
    const y0 = Math.max(0, Math.min(...pts.map((p) => p.y)));
    const x1 = Math.min(grid.width, Math.max(...pts.map((p) => p.x)));
    const y1 = Math.min(grid.height, Math.max(...pts.map((p) => p.y)));
    const r = (v: number) => Math.round(v * 10) / 10;
    return { x: r(x0), y: r(y0), width: r(Math.max(0, x1 - x0)), height: r(Math.max(0, y1 - y0)) };
  };
  void pageSizes;
  return {
    bytes,
    mime: container === 'jpeg' ? 'image/jpeg' : 'application/pdf',
    dpi: grids[0]!.dpi,
    pages: grids,
    raster: {
      dpi: renderDpi,
      colour,
      container,
      jpegQuality: quality,
      rotation: Math.round(rotation * 100) / 100,
      blur: Math.round(blur * 100) / 100,
      noise: Math.round(noise * 100) / 100,
      pageCorners: photo ? corners : null,
      ...(stored.turn !== undefined || stored.exifOrientation ? { turned } : {}),
      ...(stored.exifOrientation ? { exifOrientation: stored.exifOrientation } : {}),
    },
    mapBox,
  };
}
