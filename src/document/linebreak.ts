/**
 * Chinese line breaking (禁则处理, after GB/T 15834 practice and JIS X 4051's kinsoku rules):
 * any two CJK characters may be split, except that closing punctuation never starts a line
 * and opening punctuation never ends one; Latin words and numbers (a credit code, a phone
 * number, a file name) stay whole unless they are wider than the line.
 */
import type { Run } from './model.js';

/** Characters that must not begin a line. */
export const NO_LINE_START = new Set(
  [...'。，、；：？！）」』】》〉〕〗〙〛”’．，．・…‥—～%％,.;:?!)]}›»ー々ぁぃぅぇぉっゃゅょゎ·'],
);
/** Characters that must not end a line. */
export const NO_LINE_END = new Set([...'（「『【《〈〔〖〘〚“‘([{‹«￥$']);

/**
 * Full-width closing punctuation whose glyph sits in the left half of its em box. When
 * another punctuation mark follows (“》（”, “）。”, “）.pdf”), its empty right half is dropped
 * (标点挤压), as Chinese typesetting does, instead of leaving a full em of white.
 */
export const SQUEEZABLE = new Set([...'，。、；：）」』】》〉〕〗”’']);
const PUNCTUATION = /[\p{P}]/u;

/** A piece of text that is never split: a CJK character or a Latin word, with its style. */
export interface Segment {
  text: string;
  run: Run;
  /** Breaking is allowed before this segment. */
  breakBefore: boolean;
  /** Whitespace: may be dropped at the start or end of a line. */
  space: boolean;
  /** A squeezed punctuation mark, set only on single-character segments: half its advance. */
  squeeze?: boolean;
}

const WORD_CHAR = /[\p{Script=Latin}\p{Nd}_@#&+\-/.:'’%$€£¥*=~^|\\<>]/u;

function isCjk(char: string): boolean {
  return /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\uff00-\uffef\u2014\u2026\u201c\u201d\u2018\u2019]/u.test(char);
}

/** Split styled runs into unbreakable segments, deciding where a line may break. */
export function segment(runs: Run[]): Segment[] {
  const segments: Segment[] = [];
  for (const run of runs) {
    const chars = [...run.text.replace(/[\t\r]/g, ' ')];
    let i = 0;
    while (i < chars.length) {
      const char = chars[i]!;
      let text = char;
      if (char === '\n') {
        segments.push({ text: '\n', run, breakBefore: true, space: false });
        i++;
        continue;
      }
      if (char === ' ') {
        while (chars[i + 1] === ' ') text += chars[++i];
        segments.push({ text, run, breakBefore: false, space: true });
        i++;
        continue;
      }
      if (!isCjk(char) && WORD_CHAR.test(char)) {
        while (i + 1 < chars.length && !isCjk(chars[i + 1]!) && WORD_CHAR.test(chars[i + 1]!)) text += chars[++i];
      }
      segments.push({ text, run, breakBefore: true, space: false });
      i++;
    }
  }
  // Apply the kinsoku rules and keep words glued to neighbouring punctuation. A space is a
  // break opportunity (the line breaks after it and the space is dropped), but the kinsoku
  // rules win: "代码 ，" must not put "，" at a line start, nor "（ 代码" leave "（" at an end.
  let lastSolid: Segment | undefined;
  for (let k = 0; k < segments.length; k++) {
    const seg = segments[k]!;
    const prev = segments[k - 1];
    const before = lastSolid;
    if (!seg.space) lastSolid = seg;
    if (!prev) {
      seg.breakBefore = false;
      continue;
    }
    if (seg.text === '\n') continue;
    if (seg.space) seg.breakBefore = false;
    else if (prev.text === '\n') seg.breakBefore = true;
    else if (NO_LINE_START.has(seg.text[0]!)) seg.breakBefore = false;
    else if (before && NO_LINE_END.has(before.text[before.text.length - 1]!)) seg.breakBefore = false;
    else if (prev.space) seg.breakBefore = true;
    // A number stays with the character after it: "20日", "94.1分", "3项" never split.
    else if (/[\p{Nd}%]$/u.test(prev.text) && isCjk(seg.text[0]!) && !PUNCTUATION.test(seg.text[0]!)) seg.breakBefore = false;
    else {
      const prevLast = prev.text[prev.text.length - 1]!;
      const first = seg.text[0]!;
      // Between two non-CJK pieces (e.g. "ISO" + "9001" never happens, but "9001:" does) keep together.
      seg.breakBefore = isCjk(first) || isCjk(prevLast);
    }
  }
  for (let k = 0; k + 1 < segments.length; k++) {
    const seg = segments[k]!;
    const next = segments[k + 1]!;
    if (SQUEEZABLE.has(seg.text) && !next.space && PUNCTUATION.test(next.text[0]!)) seg.squeeze = true;
  }
  return segments;
}

export interface LineFragment {
  text: string;
  run: Run;
  width: number;
  /** Indices (in code points) of squeezed punctuation in `text`, each drawn at half advance. */
  squeezed?: number[];
}

export interface Line {
  fragments: LineFragment[];
  width: number;
  /** The line ends a paragraph (or a forced break): never stretched for justification. */
  last: boolean;
}

export type Measure = (text: string, run: Run) => number;

/**
 * Greedy line filling over segments. `firstWidth` lets the first line be shorter
 * (first-line indent).
 */
export function breakLines(runs: Run[], width: number, measure: Measure, firstWidth = width): Line[] {
  const segments = segment(runs);
  const lines: Line[] = [];
  let current: Segment[] = [];
  let currentWidth = 0;
  const widthOf = (s: Segment) => measure(s.text, s.run) * (s.squeeze ? 0.5 : 1);
  const limit = () => (lines.length === 0 ? firstWidth : width);

  const flush = (last: boolean) => {
    while (current.length && current[current.length - 1]!.space) current.pop();
    lines.push(toLine(current, widthOf, last));
    current = [];
    currentWidth = 0;
  };

  for (let k = 0; k < segments.length; k++) {
    const seg = segments[k]!;
    if (seg.text === '\n') {
      flush(true);
      continue;
    }
    if (seg.space && current.length === 0) continue;
    const w = widthOf(seg);
    // A space may hang past the end of the line: if the line breaks after it, it is dropped.
    if (seg.space || currentWidth + w <= limit() + 1e-6) {
      current.push(seg);
      currentWidth += w;
      continue;
    }
    // Too wide: find the last allowed break point in the current line plus this segment.
    const candidate = [...current, seg];
    let breakAt = -1;
    for (let j = candidate.length - 1; j > 0; j--) {
      if (candidate[j]!.breakBefore) {
        breakAt = j;
        break;
      }
    }
    if (breakAt > 0) {
      const head = candidate.slice(0, breakAt);
      const tail = candidate.slice(breakAt);
      current = head;
      flush(false);
      for (const t of tail) {
        if (t.space && current.length === 0) continue;
        current.push(t);
        currentWidth += widthOf(t);
      }
      // A tail can still overflow (a long word); split it by characters.
      if (currentWidth > limit() + 1e-6) splitOverflow();
      continue;
    }
    // No legal break (e.g. a word longer than the line): break by characters.
    current.push(seg);
    currentWidth += w;
    splitOverflow();
  }
  if (current.length || lines.length === 0) flush(true);
  else lines[lines.length - 1]!.last = true;
  return lines;

  /**
   * Break an unbreakable run of segments (a word wider than the line) by characters, still
   * keeping closing punctuation off a line start and opening punctuation off a line end
   * where the line has another character to carry over.
   */
  function splitOverflow() {
    const pieces: Segment[] = [];
    for (const s of current) {
      if (s.space) pieces.push(s);
      else if ([...s.text].length === 1) pieces.push(s);
      else for (const ch of s.text) pieces.push({ ...s, text: ch, squeeze: false });
    }
    current = [];
    currentWidth = 0;
    for (const p of pieces) {
      if (p.space) {
        if (current.length) {
          current.push(p);
          currentWidth += widthOf(p);
        }
        continue;
      }
      const w = widthOf(p);
      if (currentWidth + w > limit() + 1e-6 && current.length) {
        const carry: Segment[] = [];
        const solid = (s: Segment) => !s.space;
        const forbidden = () => {
          const next = carry.find(solid) ?? p;
          const end = [...current].reverse().find(solid);
          return NO_LINE_START.has(next.text[0]!) || (end !== undefined && NO_LINE_END.has(end.text[end.text.length - 1]!));
        };
        while (forbidden() && current.filter(solid).length > 1) {
          while (current[current.length - 1]!.space) carry.unshift(current.pop()!);
          carry.unshift(current.pop()!);
        }
        flush(false);
        for (const c of carry) {
          if (c.space && current.length === 0) continue;
          current.push(c);
          currentWidth += widthOf(c);
        }
      }
      current.push(p);
      currentWidth += w;
    }
  }
}

function toLine(segments: Segment[], widthOf: (s: Segment) => number, last: boolean): Line {
  const fragments: LineFragment[] = [];
  let width = 0;
  for (const s of segments) {
    let fragment = fragments[fragments.length - 1];
    if (!fragment || fragment.run !== s.run) {
      fragment = { text: '', run: s.run, width: 0 };
      fragments.push(fragment);
    }
    if (s.squeeze) (fragment.squeezed ??= []).push([...fragment.text].length);
    const w = widthOf(s);
    fragment.text += s.text;
    fragment.width += w;
    width += w;
  }
  return { fragments, width, last };
}
