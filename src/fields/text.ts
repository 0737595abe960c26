/**
 * The text of read pages as the field extractor sees it: every line with its page, box and
 * confidence, its text normalised for matching (half-width ASCII, one kind of each bracket and
 * dash, single spaces), and the document's watermark words cut out.
 *
 * Watermarks (信用江苏 drawn across a report) sit in the text layer like any other text: drawn
 * faint on a table row's baseline they end up inside a value ("全 信用江苏 选"), and OCR reads
 * them as lines of their own. They are told apart by repetition: a short run of Chinese, without
 * digits or the words values are made of, that the document repeats as a piece of text of its
 * own at least three times.
 */
import { normalizeChineseText, toHalfWidthAscii } from '../reading/normalize.js';
import { unionBox } from '../reading/lines.js';
import type { Box, ReadPage } from '../reading/types.js';

export interface FieldLine {
  /** Position in reading order over the whole document. */
  index: number;
  page: number;
  /** Normalised, watermark words removed. */
  text: string;
  box: Box;
  /** 0..1; 1 for a text layer. */
  confidence: number;
  /** The line is a watermark or running decoration and nothing else. */
  decoration: boolean;
  /** Character offsets in `text` → x positions, when the line's words give them (else spread evenly). */
  xAt(offset: number): number;
}

export interface FieldDocument {
  lines: FieldLine[];
  /** Lines of each page, in reading order. */
  byPage: Map<number, FieldLine[]>;
  /** The watermark words that were cut out. */
  decorations: string[];
  pages: { number: number; width: number; height: number }[];
}

/** Half-width ASCII, one kind of each bracket and dash, single spaces. */
export function normalizeField(text: string): string {
  return toHalfWidthAscii(text)
    .replace(/[〔【〖［]/g, '[')
    .replace(/[〕】〗］]/g, ']')
    .replace(/[〈《「『]/g, '<')
    .replace(/[〉》」』]/g, '>')
    .replace(/[‐‑‒–−﹣]/g, '-')
    .replace(/[—―─━]+/g, '—')
    .replace(/[∶︰]/g, ':')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Words values are made of: a repeated piece holding one of them is content (无相关记录 under
 * every empty section), never a watermark.
 */
const VALUE_WORDS = /[无是否有\d局条页]|记录|信息|全选|全部|包含|不含|处罚|失信|名单|名录|异常|许可|强制/;

/**
 * The words credit portals print across their reports as a watermark: cut out of a value even
 * where the document does not repeat them often enough to be told by repetition.
 */
export const KNOWN_WATERMARKS: readonly string[] = ['信用江苏', '信用中国(江苏)', '信用中国'];

function decorationsOf(pages: ReadPage[]): string[] {
  const counts = new Map<string, number>();
  for (const page of pages) {
    for (const line of page.lines) {
      // Each piece of text as it was drawn (PDF text items, OCR words) and each whole line.
      const pieces = new Set([line.text, ...line.words.map((w) => w.text)].map((t) => normalizeField(t).replace(/\s/g, '')));
      for (const piece of pieces) counts.set(piece, (counts.get(piece) ?? 0) + 1);
    }
  }
  return [...counts]
    .filter(([text, n]) => {
      const length = [...text].length;
      // A long repeated phrase (仅用于企业质量信用等级认定他用无效) is a watermark even with 无 in it.
      return n >= 3 && length >= 3 && length <= 24 && /^[\p{Script=Han}()]+$/u.test(text) && (length >= 9 || !VALUE_WORDS.test(text));
    })
    .map(([text]) => text)
    .concat(KNOWN_WATERMARKS.filter((w) => !counts.has(w) || (counts.get(w) ?? 0) < 3))
    .sort((a, b) => b.length - a.length);
}

/** Offsets → x from the line's words (text layer items, OCR words), else evenly spread. */
function positions(text: string, box: Box, words: { text: string; box: Box }[]): (offset: number) => number {
  const anchors: { offset: number; x: number }[] = [];
  let from = 0;
  for (const word of words) {
    const w = normalizeField(word.text).replace(/\s/g, '');
    if (!w) continue;
    const at = text.replace(/\s/g, '').indexOf(w, from);
    if (at < 0) continue;
    // Offsets are counted without spaces; map them back onto `text`.
    anchors.push({ offset: at, x: word.box.x }, { offset: at + w.length, x: word.box.x + word.box.width });
    from = at + w.length;
  }
  const compactOffset = (offset: number) => text.slice(0, offset).replace(/\s/g, '').length;
  const length = Math.max(1, text.replace(/\s/g, '').length);
  return (offset: number) => {
    const o = compactOffset(offset);
    if (anchors.length >= 2) {
      let before = anchors[0]!;
      let after = anchors[anchors.length - 1]!;
      for (const a of anchors) {
        if (a.offset <= o && a.offset >= before.offset) before = a;
        if (a.offset >= o && a.offset <= after.offset) after = a;
      }
      if (after.offset === before.offset) return before.x;
      return before.x + ((after.x - before.x) * (o - before.offset)) / (after.offset - before.offset);
    }
    return box.x + (box.width * o) / length;
  };
}

const clamp01 = (n: number) => (Number.isFinite(n) ? Math.min(1, Math.max(0, n)) : 0);

export function fieldDocument(pages: ReadPage[]): FieldDocument {
  const decorations = decorationsOf(pages);
  const lines: FieldLine[] = [];
  const byPage = new Map<number, FieldLine[]>();
  for (const page of pages) {
    const own: FieldLine[] = [];
    for (const line of page.lines) {
      const raw = normalizeField(line.text);
      if (!raw) continue;
      let text = raw;
      for (const mark of decorations) {
        // A watermark word may be cut by spaces the reader put between its characters.
        const spaced = new RegExp([...mark].map((c) => c.replace(/[()]/g, '\\$&')).join('\\s?'), 'g');
        text = text.replace(spaced, ' ');
      }
      // Cut out, a watermark leaves the value's halves apart: 全 选 → 全选.
      text = normalizeChineseText(text);
      // Punctuation alone is decoration, but not ****** (a licence's term with no end date).
      const decoration = text === '' || (/^[\s\p{P}]*$/u.test(text) && !/^\s*\*{3,}\s*$/u.test(text));
      // A watermark word drawn large across the row makes the line's box tall; the line is
      // where its other words are.
      const kept = line.words.filter((w) => !decorations.includes(normalizeField(w.text).replace(/\s/g, '')));
      const box = !decoration && kept.length && kept.length < line.words.length ? unionBox(kept.map((w) => w.box)) : line.box;
      const entry: FieldLine = {
        index: lines.length,
        page: page.number,
        text: decoration ? raw : text,
        box,
        confidence: clamp01(line.confidence),
        decoration,
        xAt: positions(decoration ? raw : text, line.box, line.words),
      };
      lines.push(entry);
      own.push(entry);
    }
    byPage.set(page.number, own);
  }
  return { lines, byPage, decorations, pages: pages.map((p) => ({ number: p.number, width: p.width, height: p.height })) };
}
