/**
 * Positioned pieces of text (PDF text items, OCR words) grouped into lines in reading order.
 * Pieces on one row but far apart (table cells, two columns) become separate lines, as an
 * OCR engine would return them.
 */
import { normalizeChineseText } from './normalize.js';
import type { Box, TextLine } from './types.js';

export interface PositionedText {
  text: string;
  box: Box;
  confidence: number;
}

const CJK = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u;

/** The smallest box holding all of `boxes`. */
export function unionBox(boxes: readonly Box[]): Box {
  const x = Math.min(...boxes.map((b) => b.x));
  const y = Math.min(...boxes.map((b) => b.y));
  const right = Math.max(...boxes.map((b) => b.x + b.width));
  const bottom = Math.max(...boxes.map((b) => b.y + b.height));
  return { x, y, width: right - x, height: bottom - y };
}

function verticalOverlap(a: Box, b: Box): number {
  const top = Math.max(a.y, b.y);
  const bottom = Math.min(a.y + a.height, b.y + b.height);
  return Math.max(0, bottom - top) / Math.max(1e-6, Math.min(a.height, b.height));
}

export function groupIntoLines(pieces: PositionedText[]): TextLine[] {
  const rows: PositionedText[][] = [];
  const sorted = [...pieces].sort((a, b) => a.box.y + a.box.height / 2 - (b.box.y + b.box.height / 2));
  for (const piece of sorted) {
    const row = rows.find((r) => verticalOverlap(unionBox(r.map((p) => p.box)), piece.box) >= 0.5);
    if (row) row.push(piece);
    else rows.push([piece]);
  }
  const lines: TextLine[] = [];
  for (const row of rows) {
    row.sort((a, b) => a.box.x - b.box.x);
    const height = Math.max(...row.map((p) => p.box.height));
    // A gap wider than one and a half characters separates table cells or columns; letter-
    // spaced titles ("营 业 执 照", about one character apart) stay one line.
    let current: PositionedText[] = [];
    const flush = () => {
      if (current.length) lines.push(toLine(current));
      current = [];
    };
    for (const piece of row) {
      const last = current[current.length - 1];
      const gap = last ? piece.box.x - (last.box.x + last.box.width) : 0;
      // Letter-spaced labels ("名　　称", "类　　型") are single characters far apart.
      const spaced = last !== undefined && [...last.text.trim()].length === 1 && [...piece.text.trim()].length === 1;
      if (last && gap > height * (spaced ? 4 : 1.5)) flush();
      current.push(piece);
    }
    flush();
  }
  return lines.sort((a, b) => (Math.abs(a.box.y - b.box.y) < Math.min(a.box.height, b.box.height) / 2 ? a.box.x - b.box.x : a.box.y - b.box.y));
}

function toLine(pieces: PositionedText[]): TextLine {
  let text = '';
  pieces.forEach((piece, i) => {
    const prev = pieces[i - 1];
    if (prev) {
      const gap = piece.box.x - (prev.box.x + prev.box.width);
      const boundary = (prev.text.trim().slice(-1) || ' ') + (piece.text.trim()[0] ?? ' ');
      // Latin words need their space back when the PDF positioned them apart.
      if (gap > piece.box.height * 0.2 && !CJK.test(boundary)) text += ' ';
    }
    text += piece.text;
  });
  const confidence = pieces.reduce((sum, p) => sum + p.confidence * p.text.length, 0) / Math.max(1, pieces.reduce((n, p) => n + p.text.length, 0));
  return {
    text: normalizeChineseText(text),
    box: unionBox(pieces.map((p) => p.box)),
    confidence,
    words: pieces.map((p) => ({ text: p.text.trim(), box: p.box, confidence: p.confidence })),
  };
}
