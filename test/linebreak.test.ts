import { describe, expect, it } from 'vitest';
import { breakLines, segment, SQUEEZABLE, type Line } from '../src/document/linebreak.js';
import type { Run } from '../src/document/model.js';

// A simple measure: CJK (and any non-ASCII) characters are 1 wide, ASCII (Latin, digits, space) 0.5.
const charWidth = (ch: string) => (ch.charCodeAt(0) < 0x80 ? 0.5 : 1);
const widthOf = (text: string) => [...text].reduce((w, ch) => w + charWidth(ch), 0);
/**
 * Width of a laid-out line as a typesetter counts it: closing punctuation directly followed
 * by punctuation (in the line, or first on the next line) takes half its width (标点挤压).
 */
const lineWidth = (line: string, following = '') => {
  const chars = [...line + following];
  return [...line].reduce((w, ch, i) => {
    const squeezed = SQUEEZABLE.has(ch) && chars[i + 1] !== undefined && /\p{P}/u.test(chars[i + 1]!);
    return w + charWidth(ch) * (squeezed ? 0.5 : 1);
  }, 0);
};
const measure = (text: string) => widthOf(text);

const lineText = (line: Line) => line.fragments.map((f) => f.text).join('');
const texts = (text: string, width: number, firstWidth = width) => breakLines([{ text }], width, measure, firstWidth).map(lineText);

// The rules as the brief states them, independent of the implementation's own sets.
const CLOSING = [...'。，、；：？！）」』】》'];
const OPENING = [...'（「『【《'];
const HANZI = [...'质量信用等级认定申报企业承诺书江苏省市场监督管理局诚信体系评价指标窗口证明材料'];

describe('segment', () => {
  it('splits CJK text into single characters with a break allowed between them', () => {
    const segs = segment([{ text: '质量信用' }]);
    expect(segs.map((s) => s.text)).toEqual(['质', '量', '信', '用']);
    expect(segs.map((s) => s.breakBefore)).toEqual([false, true, true, true]);
  });

  it('keeps Latin words, numbers, credit codes, phone numbers and e-mail addresses whole', () => {
    const words = ['ISO', '9001', '91320507MA1MXQ7P9P', '0512-65881234', 'quality@zhekun-precision.cn', 'GB/T', '4.8%'];
    const segs = segment([{ text: `认证${words.join('和')}。` }]).map((s) => s.text);
    for (const word of words) expect(segs).toContain(word);
  });

  it('forbids a break before closing punctuation and after opening punctuation', () => {
    for (const ch of CLOSING) {
      const segs = segment([{ text: `甲${ch}乙` }]);
      expect(segs[1]!.text).toBe(ch);
      expect(segs[1]!.breakBefore, ch).toBe(false);
      expect(segs[2]!.breakBefore, ch).toBe(true);
    }
    for (const ch of OPENING) {
      const segs = segment([{ text: `甲${ch}乙` }]);
      expect(segs[1]!.breakBefore, ch).toBe(true);
      expect(segs[2]!.breakBefore, ch).toBe(false);
    }
  });

  it('marks spaces and lets the line break after them, but never against the kinsoku rules', () => {
    const segs = segment([{ text: 'ISO 9001 ，（ 认证' }]);
    expect(segs.map((s) => s.text)).toEqual(['ISO', ' ', '9001', ' ', '，', '（', ' ', '认', '证']);
    expect(segs.filter((s) => s.space).map((s) => s.text)).toEqual([' ', ' ', ' ']);
    const byText = (t: string, nth = 0) => segs.filter((s) => s.text === t)[nth]!;
    expect(byText('9001').breakBefore).toBe(true);
    expect(byText('，').breakBefore).toBe(false); // space before it, still no line start
    expect(byText('认').breakBefore).toBe(false); // space after '（', still no line end
  });

  it('keeps each segment tied to its run across several runs', () => {
    const a: Run = { text: '甲乙', bold: true };
    const b: Run = { text: 'ABC丙' };
    const segs = segment([a, b]);
    expect(segs.map((s) => [s.text, s.run])).toEqual([
      ['甲', a],
      ['乙', a],
      ['ABC', b],
      ['丙', b],
    ]);
  });
});

describe('breakLines', () => {
  it('fills lines greedily, each no wider than the width', () => {
    expect(texts('一二三四五六七八九十', 4)).toEqual(['一二三四', '五六七八', '九十']);
    expect(texts('一二三四', 4)).toEqual(['一二三四']);
  });

  it('returns one empty line for empty text', () => {
    const lines = breakLines([{ text: '' }], 10, measure);
    expect(lines).toHaveLength(1);
    expect(lines[0]!.fragments).toEqual([]);
    expect(lines[0]!.last).toBe(true);
  });

  it.each(CLOSING)('never starts a line with %s: the previous character is pushed down with it', (ch) => {
    // Without the rule, the punctuation would land exactly at the start of line 2.
    const lines = texts(`一二三四${ch}五六七`, 4);
    expect(lines[0]).toBe('一二三');
    expect(lines[1]!.startsWith(`四${ch}`)).toBe(true);
    expect(lines.join('')).toBe(`一二三四${ch}五六七`);
  });

  it.each(OPENING)('never ends a line with %s: it moves to the next line', (ch) => {
    // Without the rule, the bracket would be the last character that fits on line 1.
    const lines = texts(`一二三${ch}四五六`, 4);
    expect(lines[0]).toBe('一二三');
    expect(lines[1]!.startsWith(`${ch}四`)).toBe(true);
  });

  it('handles closing and opening punctuation together ("。（" at the break)', () => {
    const lines = texts('一二三。（四五六七', 4);
    for (const line of lines.slice(1)) expect(CLOSING).not.toContain(line[0]);
    for (const line of lines.slice(0, -1)) expect(OPENING).not.toContain(line.at(-1));
    expect(lines.join('')).toBe('一二三。（四五六七');
  });

  it('keeps a credit code, a phone number and an e-mail address whole, moving them to the next line', () => {
    const code = '91320507MA1MXQ7P9P'; // 9 wide
    const lines = texts(`统一社会信用代码：${code}。`, 12);
    expect(lines.some((l) => l.includes(code))).toBe(true);
    expect(lines).toEqual(['统一社会信用代码：', `${code}。`]);

    const phone = '0512-65881234'; // 6.5 wide
    const mail = 'quality@zhekun-precision.cn'; // 13.5 wide
    const lines2 = texts(`联系电话${phone}，电子邮箱${mail}`, 16); // line 1 is 15.5 wide
    expect(lines2).toEqual([`联系电话${phone}，电子邮箱`, mail]);
    const lines3 = texts(`联系电话${phone}，电子邮箱${mail}`, 8);
    expect(lines3[0]).toBe('联系电话');
    expect(lines3[1]).toBe(`${phone}，`);
  });

  it('keeps a word glued to the punctuation after it', () => {
    const lines = texts('通过认证ISO9001，', 6.5); // 认证 + ISO9001 = 5.5; the comma must go along
    for (const line of lines.slice(1)) expect(CLOSING).not.toContain(line[0]);
    expect(lines.some((l) => l.includes('ISO9001，'))).toBe(true);
  });

  it('keeps a number with the character after it, so a unit never starts a line alone', () => {
    // "满意度为94.1分。" at a width that would otherwise leave "分。" alone on the last line.
    const lines = breakLines([{ text: '满意度分别为92.6分和94.1分。' }], 9, measure).map(lineText);
    expect(lines.join('')).toBe('满意度分别为92.6分和94.1分。');
    for (const line of lines) expect(line).not.toMatch(/^[分日月年]/);
    expect(segment([{ text: '5月20日' }]).map((s) => [s.text, s.breakBefore])).toEqual([
      ['5', false], ['月', false], ['20', true], ['日', false],
    ]);
  });

  it('squeezes closing punctuation followed by punctuation to half width (标点挤压)', () => {
    const segs = segment([{ text: '《指南》（GB/T 31870），版）.pdf' }]);
    const squeezed = segs.filter((s) => s.squeeze).map((s) => s.text);
    expect(squeezed).toEqual(['》', '）', '）']);
    const [line] = breakLines([{ text: '》（' }], 10, measure);
    expect(line!.width).toBe(1.5);
    expect(line!.fragments[0]!.squeezed).toEqual([0]);
    // Not squeezed before a character that is not punctuation.
    expect(segment([{ text: '）字' }]).some((s) => s.squeeze)).toBe(false);
  });

  it('splits a word longer than the line by characters', () => {
    const word = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123'; // 30 characters, 15 wide
    const lines = breakLines([{ text: word }], 4, measure);
    expect(lines.map(lineText)).toEqual(['ABCDEFGH', 'IJKLMNOP', 'QRSTUVWX', 'YZ0123']);
    for (const line of lines) expect(line.width).toBeLessThanOrEqual(4);
  });

  it('splits a long word that follows Chinese text onto its own lines, keeping closing punctuation off a line start', () => {
    const lines = texts('见附件ABCDEFGHIJKLMNOPQRST。', 4);
    expect(lines[0]).toBe('见附件');
    expect(lines.join('')).toBe('见附件ABCDEFGHIJKLMNOPQRST。');
    for (const line of lines) expect(widthOf(line)).toBeLessThanOrEqual(4);
    for (const line of lines.slice(1)) expect(line[0]).not.toBe('。');
  });

  it('applies the first-line width to the first line only (first-line indent)', () => {
    const text = '一'.repeat(25);
    const lines = breakLines([{ text }], 10, measure, 8);
    expect(lines.map((l) => lineText(l).length)).toEqual([8, 10, 7]);
    expect(lines.map((l) => l.width)).toEqual([8, 10, 7]);
  });

  it('breaks at explicit "\\n", marking those lines as last (not justified)', () => {
    const lines = breakLines([{ text: '一二三四五六\n七八' }, { text: '\n九' }], 4, measure);
    expect(lines.map(lineText)).toEqual(['一二三四', '五六', '七八', '九']);
    expect(lines.map((l) => l.last)).toEqual([false, true, true, true]);
  });

  it('keeps empty lines from consecutive breaks', () => {
    expect(texts('甲\n\n乙', 10)).toEqual(['甲', '', '乙']);
  });

  it('drops spaces at line edges but keeps them inside a line', () => {
    expect(texts('  甲乙  ', 10)).toEqual(['甲乙']);
    // "ab cd" is exactly 2.5 wide: the space after it hangs and is dropped, not a reason to break early.
    expect(texts('ab cd ef gh', 2.5)).toEqual(['ab cd', 'ef gh']);
    expect(texts('一二三四 五六', 4)).toEqual(['一二三四', '五六']);
    expect(texts('甲\n  乙  \n丙', 10)).toEqual(['甲', '乙', '丙']);
    const lines = breakLines([{ text: 'ISO 9001 质量管理体系 认证证书' }], 6, measure);
    for (const line of lines) {
      expect(lineText(line)).not.toMatch(/^ | $/);
      expect(line.width).toBe(widthOf(lineText(line)));
    }
  });

  it('does not let a space before closing punctuation open a way around the kinsoku rule', () => {
    const lines = texts('一二三 ，四五', 4);
    for (const line of lines.slice(1)) expect(line[0]).not.toBe('，');
    const open = texts('一二（ 三四五', 4);
    for (const line of open.slice(0, -1)) expect(line.at(-1)).not.toBe('（');
  });

  it('keeps styles: fragments follow runs, merge within a run and are measured', () => {
    const bold: Run = { text: '乙丙丁', bold: true };
    const plain: Run = { text: '甲' };
    const tail: Run = { text: '戊己', tone: 'warning' };
    const lines = breakLines([plain, bold, tail], 3, (text, run) => widthOf(text) * (run.bold ? 1.5 : 1));
    // 甲 (1) + 乙 (1.5) fit in 3, 丙 does not.
    expect(lines.map((l) => l.fragments.map((f) => [f.text, f.run, f.width]))).toEqual([
      [
        ['甲', plain, 1],
        ['乙', bold, 1.5],
      ],
      [['丙丁', bold, 3]],
      [['戊己', tail, 2]],
    ]);
    expect(lines.map((l) => l.width)).toEqual([2.5, 3, 2]);
  });
});

// ---- Property test ------------------------------------------------------------------------------

/** mulberry32: a small seeded generator, so a failure can be reproduced. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LATIN = ['ISO', 'AB', '9001', 'GB', 'T', 'A1', '2026'];

/**
 * Random Chinese text with punctuation, spaces and short Latin words. At most one opening and
 * one closing mark sit around each word, so every unbreakable cluster is at most 5 wide
 * (e.g. "（ 9001 ，") and any width ≥ 5 has a legal break for every line.
 */
function randomText(random: () => number): string {
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const count = 1 + Math.floor(random() * 60);
  let text = random() < 0.1 ? ' ' : '';
  let previousLatin = false;
  for (let i = 0; i < count; i++) {
    if (random() < 0.12) text += pick(OPENING);
    if (random() < 0.06) text += ' ';
    const latin: boolean = !previousLatin && random() < 0.15;
    text += latin ? pick(LATIN) : pick(HANZI);
    previousLatin = latin;
    if (random() < 0.06) text += ' ';
    if (random() < 0.2) text += pick(CLOSING);
    if (random() < 0.08) {
      text += ' ';
      previousLatin = false;
    }
  }
  return text;
}

const isAlnum = (ch: string | undefined) => ch !== undefined && /[A-Za-z0-9]/.test(ch);

describe('property: random Chinese text with punctuation, spaces and words', () => {
  it('obeys the rules for 3000 random texts and widths', () => {
    const random = rng(20260520);
    for (let n = 0; n < 3000; n++) {
      const input = randomText(random);
      const width = 5 + Math.floor(random() * 40) / 2; // 5 … 24.5
      const firstWidth = Math.max(5, width - [0, 1, 2][Math.floor(random() * 3)]!);
      const lines = breakLines([{ text: input }], width, measure, firstWidth).map(lineText);
      const context = `#${n} width=${width} first=${firstWidth} ${JSON.stringify(input)} → ${JSON.stringify(lines)}`;

      // 1. The lines are the input in order, losing nothing but spaces at line edges.
      let at = 0;
      const gaps: number[] = []; // spaces dropped before each line
      for (const line of lines) {
        const start = at;
        while (input[at] === ' ') at++;
        gaps.push(at - start);
        expect(input.startsWith(line, at), context).toBe(true);
        at += line.length;
      }
      while (input[at] === ' ') at++;
      expect(at, context).toBe(input.length);

      lines.forEach((line, i) => {
        const limit = i === 0 ? firstWidth : width;
        // 2. No space at a line edge, and no line wider than its limit.
        expect(line, context).not.toMatch(/^ | $/);
        expect(lineWidth(line, gaps[i + 1] === 0 ? lines[i + 1]?.[0] : ''), context).toBeLessThanOrEqual(limit + 1e-9);
        // 3. Kinsoku.
        if (i > 0) expect(CLOSING, context).not.toContain(line[0]);
        if (i < lines.length - 1) expect(OPENING, context).not.toContain(line.at(-1));
        // 4. Latin words are never split (in these texts every word fits a line).
        if (i > 0 && gaps[i] === 0) expect(isAlnum(lines[i - 1]!.at(-1)) && isAlnum(line[0]), context).toBe(false);
      });

      // 5. Greedy: the first unit of the next line could not have moved up, by width or by a rule.
      for (let i = 0; i < lines.length - 1; i++) {
        const next = lines[i + 1]!;
        // A number is glued to the character after it ("2026年"), so they move as one unit.
        const unit = isAlnum(next[0]) ? /^[A-Za-z0-9]*[0-9]\p{Script=Han}|^[A-Za-z0-9]+/u.exec(next)![0] : next[0]!;
        const after = (next.slice(unit.length).trimStart() || lines[i + 2]?.trimStart() || '')[0];
        const limit = i === 0 ? firstWidth : width;
        const tooWide = lineWidth(lines[i]!, gaps[i + 1] === 0 ? unit[0] : '') + gaps[i + 1]! * 0.5 + lineWidth(unit, after) > limit + 1e-9;
        const forbidden = OPENING.includes(unit.at(-1)!) || (after !== undefined && CLOSING.includes(after));
        expect(tooWide || forbidden, `line ${i} could hold "${unit}": ${context}`).toBe(true);
      }
    }
  });

  it('holds for pure Chinese text at narrow widths (3, the widest cluster "（字。")', () => {
    const random = rng(7);
    for (let n = 0; n < 2000; n++) {
      let input = '';
      const count = 1 + Math.floor(random() * 40);
      for (let i = 0; i < count; i++) {
        if (random() < 0.15) input += OPENING[Math.floor(random() * OPENING.length)];
        input += HANZI[Math.floor(random() * HANZI.length)];
        if (random() < 0.25) input += CLOSING[Math.floor(random() * CLOSING.length)];
      }
      const width = 3 + Math.floor(random() * 8);
      const lines = texts(input, width);
      const context = `width=${width} ${input} → ${JSON.stringify(lines)}`;
      expect(lines.join(''), context).toBe(input);
      lines.forEach((line, i) => {
        expect(lineWidth(line, lines[i + 1]?.[0]), context).toBeLessThanOrEqual(width);
        if (i > 0) expect(CLOSING, context).not.toContain(line[0]);
        if (i < lines.length - 1) expect(OPENING, context).not.toContain(line.at(-1));
      });
    }
  });
});
