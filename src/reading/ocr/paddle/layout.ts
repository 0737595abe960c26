/**
 * Recognised quads → the OCR interface's lines and words: reading order, axis-aligned boxes
 * in the request image's pixels, words with boxes from where CTC saw their characters.
 *
 * PP-OCR reads lines, not words. Words here are runs of Latin letters and digits (a credit
 * code is one word) and single Chinese characters or punctuation marks — what tesseract's
 * chi_sim returns too, and what the credit-code finder uses to locate a code inside its line.
 */
import { normalizeChineseText } from '../../normalize.js';
import type { Box, TextLine, Word } from '../../types.js';
import type { Point, Quad } from './db.js';
import type { RecognizedLine } from './pipeline.js';

export interface PlacedLine {
  quad: Quad;
  /** Whether the strip was read turned 180° (then its text runs from quad[2] to quad[3]). */
  flipped: boolean;
  read: RecognizedLine;
}

const WORD_CHAR = /[0-9A-Za-z]/;

function boundingBox(points: Point[], width: number, height: number): Box {
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const x0 = Math.max(0, Math.min(...xs));
  const y0 = Math.max(0, Math.min(...ys));
  const x1 = Math.min(width, Math.max(...xs));
  const y1 = Math.min(height, Math.max(...ys));
  return { x: x0, y: y0, width: Math.max(0, x1 - x0), height: Math.max(0, y1 - y0) };
}

/** The part of the quad between fractions `a` and `b` of its length (in reading direction). */
function slice(quad: Quad, flipped: boolean, a: number, b: number): Point[] {
  const [p0, p1, p2, p3] = flipped ? [quad[2], quad[3], quad[0], quad[1]] : quad;
  const along = (from: Point, to: Point, t: number): Point => ({ x: from.x + (to.x - from.x) * t, y: from.y + (to.y - from.y) * t });
  return [along(p0, p1, a), along(p0, p1, b), along(p3, p2, b), along(p3, p2, a)];
}

/**
 * Each character's extent along the strip, as fractions of the line: boundaries halfway
 * between neighbouring characters' CTC peaks (a peak is one or two time steps, far narrower
 * than the glyph).
 */
function characterSpans(read: RecognizedLine): [number, number][] {
  const centres = read.chars.map((c) => ((c.first + c.last + 1) / 2) * read.stepWidth);
  const n = centres.length;
  const typical = n > 1 ? (centres[n - 1]! - centres[0]!) / (n - 1) : read.stripWidth;
  return centres.map((centre, i) => {
    const left = i > 0 ? (centres[i - 1]! + centre) / 2 : centre - typical / 2;
    const right = i < n - 1 ? (centre + centres[i + 1]!) / 2 : centre + typical / 2;
    const clamp = (v: number) => Math.min(1, Math.max(0, v / read.stripWidth));
    return [clamp(left), clamp(right)];
  });
}

/** One line of the interface from one recognised quad; null when nothing readable is left. */
export function toTextLine(line: PlacedLine, width: number, height: number): TextLine | null {
  const { read } = line;
  const spans = characterSpans(read);
  const words: Word[] = [];
  let i = 0;
  while (i < read.chars.length) {
    const char = read.chars[i]!.char;
    if (char.trim() === '') {
      i++;
      continue;
    }
    let j = i + 1;
    if (WORD_CHAR.test(char)) while (j < read.chars.length && WORD_CHAR.test(read.chars[j]!.char)) j++;
    const chars = read.chars.slice(i, j);
    const text = normalizeChineseText(chars.map((c) => c.char).join(''));
    if (text) {
      words.push({
        text,
        box: boundingBox(slice(line.quad, line.flipped, spans[i]![0], spans[j - 1]![1]), width, height),
        confidence: chars.reduce((sum, c) => sum + c.probability, 0) / chars.length,
      });
    }
    i = j;
  }
  const text = normalizeChineseText(read.text);
  if (!text || !words.length) return null;
  const box = boundingBox(line.quad, width, height);
  return { text, box, confidence: read.confidence, words: words.sort((a, b) => a.box.x - b.box.x) };
}

/** Lines in reading order: rows top to bottom (a line joins a row when its centre is near the row's), left to right within a row. */
export function readingOrder(lines: TextLine[]): TextLine[] {
  const centre = (line: TextLine) => line.box.y + line.box.height / 2;
  const sorted = [...lines].sort((a, b) => centre(a) - centre(b));
  const rows: { lines: TextLine[]; centre: number; height: number }[] = [];
  for (const line of sorted) {
    const row = rows[rows.length - 1];
    // Against the row as a whole (its mean centre and height), not any one member: in a
    // table of cells of unequal height each line overlaps the next, and member by member a
    // "row" chained down a whole table (a report's next heading was read before its records).
    if (row && Math.abs(centre(line) - row.centre) < 0.5 * Math.min(row.height, line.box.height)) {
      row.lines.push(line);
      const n = row.lines.length;
      row.centre += (centre(line) - row.centre) / n;
      row.height += (line.box.height - row.height) / n;
    } else {
      rows.push({ lines: [line], centre: centre(line), height: line.box.height });
    }
  }
  return rows.flatMap((row) => row.lines.sort((a, b) => a.box.x - b.box.x));
}

/**
 * A single-line request's line: the detected pieces of the main row (a crop around a line
 * often catches the edges of the lines above and below) joined left to right. The main row is
 * the widest, favouring rows near the middle, where the caller centred the line.
 */
export function joinAsOneLine(lines: TextLine[], imageHeight: number): TextLine[] {
  if (lines.length <= 1) return lines;
  const rows: TextLine[][] = [];
  for (const line of [...lines].sort((a, b) => a.box.y + a.box.height / 2 - (b.box.y + b.box.height / 2))) {
    const row = rows.find((r) =>
      r.some((o) => Math.min(o.box.y + o.box.height, line.box.y + line.box.height) - Math.max(o.box.y, line.box.y) > 0.5 * Math.min(o.box.height, line.box.height)),
    );
    if (row) row.push(line);
    else rows.push([line]);
  }
  const middle = imageHeight / 2;
  const score = (row: TextLine[]) => {
    const centre = row.reduce((sum, l) => sum + l.box.y + l.box.height / 2, 0) / row.length;
    return row.reduce((sum, l) => sum + l.box.width, 0) * (1 - (0.5 * Math.abs(centre - middle)) / Math.max(1, middle));
  };
  const main = rows.reduce((best, row) => (score(row) > score(best) ? row : best));
  const ordered = [...main].sort((a, b) => a.box.x - b.box.x);
  const chars = (l: TextLine) => [...l.text].length;
  const total = ordered.reduce((n, l) => n + chars(l), 0);
  const x = Math.min(...ordered.map((l) => l.box.x));
  const y = Math.min(...ordered.map((l) => l.box.y));
  const right = Math.max(...ordered.map((l) => l.box.x + l.box.width));
  const bottom = Math.max(...ordered.map((l) => l.box.y + l.box.height));
  return [
    {
      text: normalizeChineseText(ordered.map((l) => l.text).join(' ')),
      box: { x, y, width: right - x, height: bottom - y },
      confidence: ordered.reduce((sum, l) => sum + l.confidence * chars(l), 0) / Math.max(1, total),
      words: ordered.flatMap((l) => l.words),
    },
  ];
}
