/**
 * Finding the sheet of paper in a photo. A phone photo shows the page on a desk; OCR's page
 * segmentation fails on the dark surround (measured: 72 of ~900 characters read on a corpus
 * photo, 690 once cropped to the paper), and the page's resolution is that of the paper,
 * not of the whole photo.
 */
import { percentile } from '../util/percentile.js';
import type { Box, RasterImage } from './types.js';

/** Work on a copy about this wide: the paper's edges need no more. */
const SAMPLE_WIDTH = 400;

function luminance(image: RasterImage, x: number, y: number): number {
  const i = (y * image.width + x) * image.channels;
  if (image.channels === 1) return image.data[i]!;
  return 0.299 * image.data[i]! + 0.587 * image.data[i + 1]! + 0.114 * image.data[i + 2]!;
}

/**
 * The bounding box of a bright sheet on a darker background, in the image's pixels; null
 * when the image is (nearly) all paper, as scans are, or no clear sheet stands out.
 */
export function findPaper(image: RasterImage): Box | null {
  const step = Math.max(1, Math.floor(image.width / SAMPLE_WIDTH));
  const cols = Math.floor(image.width / step);
  const rows = Math.floor(image.height / step);
  const grid = new Float32Array(cols * rows);
  let sum = 0;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const v = luminance(image, c * step, r * step);
      grid[r * cols + c] = v;
      sum += v;
    }
  }
  // Paper is the bright mode. A sheet lit unevenly (a shadow across its top) stays brighter
  // than the desk but not than a fixed level between the mean and white, and was cut off at
  // the shadow (a corpus photo lost its top 40%, title and code with it): the level is also
  // kept well below the paper's, measured from the desk seen at the photo's edges.
  const mean = sum / grid.length;
  const desk = edgeLevel(grid, cols, rows);
  const paper = percentile(grid, 0.9);
  const fromDesk = paper - desk >= 40 ? desk + 0.4 * (paper - desk) : Infinity;
  const threshold = Math.min(200, (mean + 255) / 2 - 25, fromDesk);
  const bright = (r: number, c: number) => grid[r * cols + c]! > threshold;
  const rowShare = (r: number) => {
    let n = 0;
    for (let c = 0; c < cols; c++) n += bright(r, c) ? 1 : 0;
    return n / cols;
  };
  const colShare = (c: number) => {
    let n = 0;
    for (let r = 0; r < rows; r++) n += bright(r, c) ? 1 : 0;
    return n / rows;
  };
  const SHEET = 0.35;
  let top = 0;
  let bottom = rows - 1;
  let left = 0;
  let right = cols - 1;
  while (top < bottom && rowShare(top) < SHEET) top++;
  while (bottom > top && rowShare(bottom) < SHEET) bottom--;
  while (left < right && colShare(left) < SHEET) left++;
  while (right > left && colShare(right) < SHEET) right--;
  const area = ((right - left + 1) * (bottom - top + 1)) / (rows * cols);
  if (area > 0.9 || area < 0.2) return null;

  // The surround must be clearly darker than the sheet, or this is no photo of a page.
  let inside = 0;
  let insideN = 0;
  let outside = 0;
  let outsideN = 0;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const v = grid[r * cols + c]!;
      if (r >= top && r <= bottom && c >= left && c <= right) {
        inside += v;
        insideN++;
      } else {
        outside += v;
        outsideN++;
      }
    }
  }
  if (!outsideN || inside / insideN - outside / outsideN < 40) return null;
  const margin = 2 * step;
  const x = Math.max(0, left * step - margin);
  const y = Math.max(0, top * step - margin);
  return {
    x,
    y,
    width: Math.min(image.width - x, (right - left + 1) * step + 2 * margin),
    height: Math.min(image.height - y, (bottom - top + 1) * step + 2 * margin),
  };
}

/** The median brightness of the outermost 4% of the image on every side: the desk, in a photo. */
function edgeLevel(grid: Float32Array, cols: number, rows: number): number {
  const band = Math.max(1, Math.round(Math.min(cols, rows) * 0.04));
  const values: number[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      if (r < band || r >= rows - band || c < band || c >= cols - band) values.push(grid[r * cols + c]!);
    }
  }
  return percentile(values, 0.5);
}
