/**
 * DB (Differentiable Binarization) post-processing, as PaddleOCR's DBPostProcess does it, in
 * plain JavaScript: threshold the probability map, take each connected text kernel, fit its
 * minimum-area rectangle, drop weak or tiny ones, and grow ("unclip") the rectangle back to the
 * text's full extent — the model predicts kernels shrunk by the same rule.
 *
 * Connected components stand in for OpenCV's contours: a kernel's minimum-area rectangle is
 * that of its pixels' convex hull either way.
 */

export interface Point {
  x: number;
  y: number;
}

/** Four corners: top-left, top-right, bottom-right, bottom-left (in reading direction). */
export type Quad = [Point, Point, Point, Point];

export interface DbOptions {
  /** Probability above which a pixel is text. PaddleOCR: 0.3. */
  threshold: number;
  /** Mean probability a kernel needs to be kept. PaddleOCR: 0.6. */
  boxThreshold: number;
  /** How far kernels are grown back (area × ratio / perimeter). PaddleOCR: 1.5. */
  unclipRatio: number;
  /** Kernels whose shorter side is below this (map pixels) are noise. PaddleOCR: 3. */
  minSize: number;
  maxCandidates: number;
}

export const DB_DEFAULTS: DbOptions = { threshold: 0.3, boxThreshold: 0.6, unclipRatio: 1.5, minSize: 3, maxCandidates: 1000 };

export interface DetectedBox {
  quad: Quad;
  /** Mean probability inside the kernel. */
  score: number;
}

/**
 * Text boxes from a probability map (`width` × `height`, row-major), in map pixels. Boxes are
 * grown by the unclip distance and clipped to the map.
 */
export function boxesFromProbabilityMap(map: Float32Array, width: number, height: number, options: DbOptions = DB_DEFAULTS): DetectedBox[] {
  const labels = new Int32Array(width * height);
  const boxes: DetectedBox[] = [];
  const stack: number[] = [];
  let next = 0;
  for (let start = 0; start < map.length && boxes.length < options.maxCandidates; start++) {
    if (labels[start] !== 0 || map[start]! <= options.threshold) continue;
    const label = ++next;
    // Flood fill (8-connected), collecting each row's extreme pixels: the hull of a component
    // is the hull of its rows' end points, a few hundred points instead of thousands.
    const rowMin = new Map<number, number>();
    const rowMax = new Map<number, number>();
    let sum = 0;
    let count = 0;
    labels[start] = label;
    stack.push(start);
    while (stack.length) {
      const at = stack.pop()!;
      const x = at % width;
      const y = (at - x) / width;
      sum += map[at]!;
      count++;
      const lo = rowMin.get(y);
      if (lo === undefined || x < lo) rowMin.set(y, x);
      const hi = rowMax.get(y);
      if (hi === undefined || x > hi) rowMax.set(y, x);
      for (let dy = -1; dy <= 1; dy++) {
        const ny = y + dy;
        if (ny < 0 || ny >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          if (nx < 0 || nx >= width || (dx === 0 && dy === 0)) continue;
          const n = ny * width + nx;
          if (labels[n] === 0 && map[n]! > options.threshold) {
            labels[n] = label;
            stack.push(n);
          }
        }
      }
    }
    if (count < 4) continue;
    const points: Point[] = [];
    for (const [y, x] of rowMin) {
      points.push({ x, y });
      const hi = rowMax.get(y)!;
      if (hi !== x) points.push({ x: hi, y });
    }
    const rect = minAreaRect(convexHull(points));
    if (Math.min(rect.width, rect.height) < options.minSize) continue;
    // PaddleOCR scores the box ('fast' mode); the component's own mean is the same idea
    // without rasterising the polygon again.
    const score = sum / count;
    if (score < options.boxThreshold) continue;
    const grown = unclip(rect, options.unclipRatio);
    if (Math.min(grown.width, grown.height) < options.minSize + 2) continue;
    boxes.push({ quad: clipQuad(rectCorners(grown), width, height), score });
  }
  return boxes;
}

export interface RotatedRect {
  cx: number;
  cy: number;
  width: number;
  height: number;
  /** Direction of the `width` side, radians. */
  angle: number;
}

/** Andrew's monotone chain; returns the hull counter-clockwise (y down: clockwise on screen). */
export function convexHull(points: Point[]): Point[] {
  const sorted = [...points].sort((a, b) => a.x - b.x || a.y - b.y);
  if (sorted.length <= 2) return sorted;
  const cross = (o: Point, a: Point, b: Point) => (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
  const lower: Point[] = [];
  for (const p of sorted) {
    while (lower.length >= 2 && cross(lower[lower.length - 2]!, lower[lower.length - 1]!, p) <= 0) lower.pop();
    lower.push(p);
  }
  const upper: Point[] = [];
  for (let i = sorted.length - 1; i >= 0; i--) {
    const p = sorted[i]!;
    while (upper.length >= 2 && cross(upper[upper.length - 2]!, upper[upper.length - 1]!, p) <= 0) upper.pop();
    upper.push(p);
  }
  return [...lower.slice(0, -1), ...upper.slice(0, -1)];
}

/** Minimum-area enclosing rectangle of a convex polygon (one of its sides lies on an edge). */
export function minAreaRect(hull: Point[]): RotatedRect {
  if (hull.length === 0) return { cx: 0, cy: 0, width: 0, height: 0, angle: 0 };
  if (hull.length === 1) return { cx: hull[0]!.x, cy: hull[0]!.y, width: 0, height: 0, angle: 0 };
  let best: RotatedRect | null = null;
  let bestArea = Infinity;
  for (let i = 0; i < hull.length; i++) {
    const a = hull[i]!;
    const b = hull[(i + 1) % hull.length]!;
    const length = Math.hypot(b.x - a.x, b.y - a.y);
    if (length === 0) continue;
    const ux = (b.x - a.x) / length;
    const uy = (b.y - a.y) / length;
    let minU = Infinity, maxU = -Infinity, minV = Infinity, maxV = -Infinity;
    for (const p of hull) {
      const u = p.x * ux + p.y * uy;
      const v = -p.x * uy + p.y * ux;
      if (u < minU) minU = u;
      if (u > maxU) maxU = u;
      if (v < minV) minV = v;
      if (v > maxV) maxV = v;
    }
    const area = (maxU - minU) * (maxV - minV);
    if (area < bestArea) {
      bestArea = area;
      const cu = (minU + maxU) / 2;
      const cv = (minV + maxV) / 2;
      best = { cx: cu * ux - cv * uy, cy: cu * uy + cv * ux, width: maxU - minU, height: maxV - minV, angle: Math.atan2(uy, ux) };
    }
  }
  return normalizeRect(best!);
}

/** The same rectangle with its `width` side the one closest to horizontal. */
function normalizeRect(rect: RotatedRect): RotatedRect {
  let { width, height, angle } = rect;
  // Fold the angle into (-π/4, π/4]; a quarter turn swaps the sides.
  while (angle > Math.PI / 4) {
    angle -= Math.PI / 2;
    [width, height] = [height, width];
  }
  while (angle <= -Math.PI / 4) {
    angle += Math.PI / 2;
    [width, height] = [height, width];
  }
  return { ...rect, width, height, angle };
}

/** The rectangle grown on every side by area × ratio / perimeter (PaddleOCR's unclip). */
export function unclip(rect: RotatedRect, ratio: number): RotatedRect {
  // The pixel centres the rectangle was fitted to are one pixel short of the kernel's extent.
  const width = rect.width + 1;
  const height = rect.height + 1;
  const distance = (width * height * ratio) / (2 * (width + height));
  return { ...rect, width: width + 2 * distance, height: height + 2 * distance };
}

/** Corners of a rectangle: top-left, top-right, bottom-right, bottom-left. */
export function rectCorners(rect: RotatedRect): Quad {
  const ux = Math.cos(rect.angle);
  const uy = Math.sin(rect.angle);
  const hw = rect.width / 2;
  const hh = rect.height / 2;
  const at = (su: number, sv: number): Point => ({ x: rect.cx + su * hw * ux - sv * hh * uy, y: rect.cy + su * hw * uy + sv * hh * ux });
  return [at(-1, -1), at(1, -1), at(1, 1), at(-1, 1)];
}

function clipQuad(quad: Quad, width: number, height: number): Quad {
  return quad.map((p) => ({ x: Math.min(width, Math.max(0, p.x)), y: Math.min(height, Math.max(0, p.y)) })) as Quad;
}
