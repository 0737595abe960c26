/**
 * Reading a fact by meaning: a field is a set of label synonyms plus the form of its value
 * (forms.ts). Every label found on any page proposes the text around it — the rest of its line,
 * the cell to its right, the cell below it, and (for layouts that put the value first) the text
 * before it or the cell to its left — and the form picks values out of that text. Each
 * candidate is scored by where it stood, how well it fits its form and how confidently it was
 * read; statements of the same value add up (a period in the table and again in the notes), and
 * the best value is kept only when it is clearly ahead. Otherwise the field is null: nothing is
 * guessed.
 */
import type { Box } from '../reading/types.js';
import type { FieldDocument, FieldLine } from './text.js';
import type { FormMatch, ValueForm } from './forms.js';

/** Where a value stood relative to its label. */
export type Place = 'after' | 'right' | 'below' | 'before' | 'left' | 'above' | 'unlabelled';

/** How much a place counts: the usual places fully, value-first layouts less. */
const PLACE_WEIGHT: Record<Place, number> = { after: 1, right: 0.95, below: 0.85, before: 0.75, left: 0.7, above: 0.6, unlabelled: 0.35 };

export interface Label {
  /** The label's words: a string (matched as written, spaces between characters allowed) or a pattern. */
  match: string | RegExp;
  /** 1 by default; a weak synonym (编号) or a decoy's label (打印时间) counts less. */
  weight?: number;
}

export interface FieldSpec<T> {
  name: string;
  labels: readonly Label[];
  form: ValueForm<T>;
  /** Places values may stand in; all labelled places by default. */
  places?: readonly Place[];
  /** Whether a line continues the value read so far (a list of domains over two lines, a wrapped name). */
  continues?: (line: FieldLine, soFar: string) => boolean;
  /** Candidates found without a label (a date under the issuer's seal), scored as `unlabelled`. */
  unlabelled?: (doc: FieldDocument) => Candidate<T>[];
  /** Count the unlabelled candidates only when no label gave one (the label lost to OCR). */
  unlabelledOnlyAlone?: boolean;
  /** A value must be ahead of the next by this factor (default 1.25); a function gives each value its own (a value that makes an error needs more). */
  margin?: number | ((value: T) => number);
  /** Minimum total score (default 0.3). */
  minScore?: number;
}

export interface Candidate<T> {
  value: T;
  score: number;
  page: number;
  box: Box;
  label: string | null;
  place: Place;
}

export interface FieldResult<T> {
  value: T;
  /** 0..1: the winner's share of all the weight given to any value. */
  confidence: number;
  /** Where the strongest statement of the value stands. */
  page: number;
  box: Box;
  label: string | null;
  place: Place;
}

export interface FieldOutcome<T> {
  result: FieldResult<T> | null;
  /** Every candidate, best first (for explaining a null: "read two different periods"). */
  candidates: Candidate<T>[];
  /** True when values were found but none was clearly ahead. */
  ambiguous: boolean;
}

// ---- Labels ------------------------------------------------------------------------------------

interface LabelHit {
  line: FieldLine;
  start: number;
  end: number;
  label: string;
  weight: number;
  field: string;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A label as a pattern: its characters with optional spaces between them (OCR, letter-spaced labels). */
function labelPattern(label: Label): RegExp {
  if (label.match instanceof RegExp) return new RegExp(label.match.source, [...new Set([...label.match.flags, 'g', 'u'])].join(''));
  return new RegExp([...label.match].map(escape).join('\\s?'), 'gu');
}

/**
 * A label of four characters or more with one of them misread (报告师号 for 报告编号): OCR's
 * commonest damage to a label. It counts a little less than the label read right.
 */
function misreadPattern(label: Label): RegExp | null {
  if (typeof label.match !== 'string') return null;
  const chars = [...label.match];
  if (chars.length < 4) return null;
  const variants = chars.map((_, i) => chars.map((c, j) => (i === j ? '[^\\s\\d:;,.()\\[\\]<>]' : escape(c))).join('\\s?'));
  return new RegExp(variants.join('|'), 'gu');
}

const MISREAD_WEIGHT = 0.8;

interface LabelPattern {
  re: RegExp;
  weight: number;
  exact: boolean;
  /** The label's characters (string labels), and how many of them a match may lack (a misreading: one). */
  chars: readonly string[] | null;
  lacking: number;
}

/**
 * Each label's patterns, compiled once: the specs are module constants, and compiling the
 * misreading alternations anew for every document was most of the extraction's time.
 */
const compiled = new WeakMap<Label, LabelPattern[]>();

function patternsOf(label: Label): LabelPattern[] {
  let patterns = compiled.get(label);
  if (!patterns) {
    const misread = misreadPattern(label);
    const weight = label.weight ?? 1;
    const chars = typeof label.match === 'string' ? [...new Set(label.match)] : null;
    patterns = [{ re: labelPattern(label), weight, exact: true, chars, lacking: 0 }];
    if (misread) patterns.push({ re: misread, weight: weight * MISREAD_WEIGHT, exact: false, chars, lacking: 1 });
    compiled.set(label, patterns);
  }
  return patterns;
}

/** Whether a line holds all of a label's characters but at most `lacking` (cheap, before the regex). */
function mayHold(text: string, chars: readonly string[], lacking: number): boolean {
  let missing = 0;
  for (const c of chars) if (!text.includes(c) && ++missing > lacking) return false;
  return true;
}

function labelHits(doc: FieldDocument, specs: readonly FieldSpec<unknown>[], known: ReadonlySet<string> = new Set()): LabelHit[] {
  const hits: LabelHit[] = [];
  for (const spec of specs) {
    const patterns = spec.labels.flatMap(patternsOf);
    for (const line of doc.lines) {
      if (line.decoration) continue;
      for (const { re, weight, exact, chars, lacking } of patterns) {
        if (chars && !mayHold(line.text, chars, lacking)) continue;
        for (const m of line.text.matchAll(re)) {
          if (!m[0]) continue;
          // A "misreading" that is another label read right (营业期限自 for 营业期限至) is that label.
          if (!exact && known.has(m[0].replace(/\s/g, ''))) continue;
          hits.push({ line, start: m.index, end: m.index + m[0].length, label: m[0].replace(/\s/g, ''), weight, field: spec.name });
        }
      }
    }
  }
  // A label inside a longer one (编号 in 报告编号) is that one's; where a label was read both
  // right and as a misreading (the same characters), the right reading stands.
  const covers = (o: LabelHit, h: LabelHit) => o.line === h.line && o.start <= h.start && o.end >= h.end;
  // Two fields may share a label (the domains' verdict and their list): both keep it.
  const stronger = (o: LabelHit, h: LabelHit) =>
    o.end - o.start > h.end - h.start || (o.end - o.start === h.end - h.start && o.field === h.field && (o.weight > h.weight || (o.weight === h.weight && o.label < h.label)));
  return hits.filter((h) => !hits.some((o) => o !== h && covers(o, h) && stronger(o, h)));
}

/** One pattern for any of `labels` (a line that holds one of them holds a label). */
export function anyLabel(labels: readonly Label[]): RegExp {
  return new RegExp(labels.map((l) => labelPattern(l).source).join('|'), 'u');
}

// ---- Geometry ----------------------------------------------------------------------------------

const centreY = (b: Box) => b.y + b.height / 2;
/** Two boxes on one row: centres closer than three quarters of the taller one's height. */
const sameRow = (a: Box, b: Box) => Math.abs(centreY(a) - centreY(b)) < 0.75 * Math.max(a.height, b.height);

/** The part of a label's line that is the label itself, in page pixels. */
function labelSpan(hit: LabelHit): { x0: number; x1: number } {
  // The end is the last character's start plus one character: the offset after it may be the
  // start of the next word, far away across a table's cell.
  const x0 = hit.line.xAt(hit.start);
  const last = hit.line.xAt(Math.max(hit.start, hit.end - 1));
  const n = hit.end - hit.start;
  const advance = n > 1 ? (last - x0) / (n - 1) : hit.line.box.height;
  return { x0, x1: last + Math.max(advance, hit.line.box.height * 0.5) };
}

/** What may stand between a label and its value, or after a value before its label. */
const LEADING = /^[\s:;,.、。，：；|/\\()[\]<>{}"'“”‘’_=*#~—-]*/;
const TRAILING = /[\s:;,.、。，：；|/\\()[\]<>{}"'“”‘’_=*#~—-]*$/;

interface Window {
  text: string;
  /** Offset of the value's expected position: matches far from it count less. */
  anchor: 'start' | 'end';
  line: FieldLine;
  place: Place;
  /** 1 next to the label; less further away. */
  nearness: number;
}

/** The column of a label among the labels of its row: halfway to its neighbours on each side. */
function columnOf(hit: LabelHit, row: LabelHit[]): { x0: number; x1: number } {
  const i = row.indexOf(hit);
  const at = (h: LabelHit) => labelSpan(h);
  const own = at(hit);
  const prev = i > 0 ? at(row[i - 1]!) : null;
  const next = i < row.length - 1 ? at(row[i + 1]!) : null;
  return { x0: prev ? (prev.x1 + own.x0) / 2 : -Infinity, x1: next ? (own.x1 + next.x0) / 2 : Infinity };
}

/** The characters of a line whose centres lie between x0 and x1. */
function sliceByX(line: FieldLine, x0: number, x1: number): string {
  let out = '';
  const chars = [...line.text];
  let offset = 0;
  for (const ch of chars) {
    const centre = (line.xAt(offset) + line.xAt(offset + ch.length)) / 2;
    if (centre >= x0 && centre <= x1) out += ch;
    offset += ch.length;
  }
  return out.trim();
}

// ---- Extraction --------------------------------------------------------------------------------

/**
 * Each field of `specs` read from `doc`. The fields are read together: a label of one field
 * ends the value window of another, and text that is one label's value is not also offered as
 * the value before another label.
 */
export function extractFields(doc: FieldDocument, specs: readonly FieldSpec<any>[], stops: readonly Label[] = []): Map<string, FieldOutcome<any>> {
  const known = new Set([...specs.flatMap((s) => s.labels), ...stops].map((l) => l.match).filter((m): m is string => typeof m === 'string'));
  const hits = labelHits(doc, specs, known);
  const stopHits = labelHits(doc, [{ name: '', labels: stops, form: { find: () => [] } }], known);
  const allHits = [...hits, ...stopHits];
  const hitsByLine = new Map<FieldLine, LabelHit[]>();
  for (const h of allHits) hitsByLine.set(h.line, [...(hitsByLine.get(h.line) ?? []), h].sort((a, b) => a.start - b.start));
  const startsLabel = (line: FieldLine) => (hitsByLine.get(line) ?? []).some((h) => line.text.slice(0, h.start).replace(LEADING, '').length <= 1);
  /** Lines whose text is some label's value (after it, to its right, below it). */
  const claimed = new Set<FieldLine>();

  const pageLines = (page: number) => doc.byPage.get(page) ?? [];

  const continued = (spec: FieldSpec<any>, first: FieldLine, start: string): string => {
    if (!spec.continues) return '';
    let text = '';
    let last = first;
    for (const line of pageLines(first.page)) {
      if (line.index <= last.index || line.decoration) continue;
      const h = Math.max(last.box.height, line.box.height);
      const gap = line.box.y - (last.box.y + last.box.height);
      if (gap > 1.1 * h || gap < -0.3 * h) continue;
      if (line.box.x > last.box.x + last.box.width || line.box.x + line.box.width < first.box.x - h) continue;
      if (startsLabel(line) || !spec.continues(line, start + text)) break;
      text += line.text;
      last = line;
    }
    return text;
  };

  const windowsOf = (spec: FieldSpec<any>, hit: LabelHit): Window[] => {
    const places = new Set(spec.places ?? ['after', 'right', 'below', 'before', 'left', 'above']);
    const out: Window[] = [];
    const { line } = hit;
    const onLine = hitsByLine.get(line) ?? [];
    const next = onLine.find((h) => h.start >= hit.end);
    const previous = [...onLine].reverse().find((h) => h.end <= hit.start);
    const span = labelSpan(hit);
    const h = line.box.height;
    if (places.has('after')) {
      // A value does not run past the end of its sentence (…输入报告编号查询。咨询电话：…).
      // In a sentence the label joins its value with 为 / 是 (报告对象为XX有限公司, 报告期为…): the
      // connector is the label's, not the value's. Only right against the label: after a colon
      // or a space, 为 starts the value (名称：为民科技有限公司).
      const rest = line.text.slice(hit.end, next?.start ?? line.text.length).replace(/^(?:为|是|系)(?=\p{Script=Han}|\d)/u, '');
      const text = rest.slice(0, /。/.exec(rest)?.index ?? rest.length);
      if (text.replace(LEADING, '')) out.push({ text: text + (next ? '' : continued(spec, line, text)), anchor: 'start', line, place: 'after', nearness: 1 });
    }
    const row = pageLines(line.page).filter((l) => l !== line && !l.decoration && sameRow(l.box, line.box));
    if (places.has('right') && !next) {
      const cell = row.filter((l) => l.box.x >= span.x1 - h * 0.5).sort((a, b) => a.box.x - b.box.x)[0];
      if (cell && !startsLabel(cell)) {
        const gap = (cell.box.x - span.x1) / Math.max(1, h);
        const upTo = (hitsByLine.get(cell) ?? [])[0]?.start ?? cell.text.length;
        out.push({ text: cell.text.slice(0, upTo) + continued(spec, cell, cell.text.slice(0, upTo)), anchor: 'start', line: cell, place: 'right', nearness: gap < 12 ? 1 : 0.8 });
      }
    }
    if (places.has('below')) {
      const below = pageLines(line.page)
        .filter((l) => !l.decoration && l.box.y > line.box.y + h * 0.6 && l.box.y - (line.box.y + h) < h * 3.6)
        .filter((l) => l.box.x < span.x1 + h && l.box.x + l.box.width > span.x0 - h)
        .sort((a, b) => a.box.y - b.box.y)[0];
      if (below && !startsLabel(below)) {
        const upTo = (hitsByLine.get(below) ?? [])[0]?.start ?? below.text.length;
        const gap = (below.box.y - (line.box.y + h)) / Math.max(1, h);
        // A header row of labels read as one line, its values as one line under it: the value
        // is the part of that line in the label's column.
        const spans = onLine.filter((h, i) => onLine.findIndex((o) => o.start === h.start && o.end === h.end) === i);
        const column = spans.length > 1 ? columnOf(spans.find((o) => o.start === hit.start && o.end === hit.end)!, spans) : null;
        const text = column ? sliceByX(below, column.x0, column.x1) : below.text.slice(0, upTo) + continued(spec, below, below.text.slice(0, upTo));
        // A cell under a header row of labels may be centred in a taller row.
        if (text) out.push({ text, anchor: 'start', line: below, place: 'below', nearness: gap < 1.2 ? 1 : gap < 2.6 ? 0.85 : 0.7 });
      }
    }
    if (places.has('before') && !previous) {
      const text = line.text.slice(0, hit.start);
      if (text.replace(TRAILING, '')) out.push({ text, anchor: 'end', line, place: 'before', nearness: 1 });
    }
    if (places.has('left') && !previous) {
      const cell = row.filter((l) => l.box.x + l.box.width <= span.x0 + h * 0.5).sort((a, b) => b.box.x - a.box.x)[0];
      if (cell && !claimed.has(cell) && !(hitsByLine.get(cell) ?? []).length) out.push({ text: cell.text, anchor: 'end', line: cell, place: 'left', nearness: 1 });
    }
    if (places.has('above')) {
      const above = pageLines(line.page)
        .filter((l) => !l.decoration && l.box.y + l.box.height < line.box.y + h * 0.4 && line.box.y - (l.box.y + l.box.height) < h * 1.6)
        .filter((l) => l.box.x < span.x1 + h && l.box.x + l.box.width > span.x0 - h)
        .sort((a, b) => b.box.y - a.box.y)[0];
      if (above && !claimed.has(above) && !(hitsByLine.get(above) ?? []).length) out.push({ text: above.text, anchor: 'end', line: above, place: 'above', nearness: 1 });
    }
    return out;
  };

  // Values after, right of and below labels are claimed first, so that a value-first reading
  // never takes another label's value.
  for (const hit of hits) {
    const spec = specs.find((s) => s.name === hit.field)!;
    // Only a value of the label's form is claimed: a date row is not the name under it.
    for (const w of windowsOf({ ...spec, places: ['right', 'below'] }, hit)) if (spec.form.find(w.text).length) claimed.add(w.line);
  }

  const outcomes = new Map<string, FieldOutcome<any>>();
  for (const spec of specs) {
    const candidates: Candidate<any>[] = [];
    for (const hit of hits.filter((h) => h.field === spec.name)) {
      for (const window of windowsOf(spec, hit)) {
        const best = pick(spec.form.find(window.text), window);
        if (!best) continue;
        const score = PLACE_WEIGHT[window.place] * window.nearness * best.quality * hit.weight * (0.5 + 0.5 * window.line.confidence) * best.distance;
        candidates.push({ value: best.value, score, page: window.line.page, box: window.place === 'after' || window.place === 'before' ? hit.line.box : window.line.box, label: hit.label, place: window.place });
      }
    }
    if (spec.unlabelled && !(spec.unlabelledOnlyAlone && candidates.length)) {
      candidates.push(...spec.unlabelled(doc).map((c) => ({ ...c, score: c.score * PLACE_WEIGHT.unlabelled })));
    }
    outcomes.set(spec.name, decide(spec, candidates));
  }
  return outcomes;
}

/** The match nearest the label in a window, and how near it is (1 adjacent … 0.6 far). */
function pick<T>(matches: FormMatch<T>[], window: Window): (FormMatch<T> & { distance: number }) | null {
  if (!matches.length) return null;
  const skipped = (m: FormMatch<T>) =>
    window.anchor === 'start' ? window.text.slice(0, m.start).replace(LEADING, '').length : window.text.slice(m.end).replace(TRAILING, '').length;
  const best = [...matches].sort((a, b) => skipped(a) - skipped(b))[0]!;
  const n = skipped(best);
  // A value-first window must end at its label (…2026年5月31日（报告期）); a value after its
  // label starts near it (查询时间段：（北京时间）2023…), not further on in a sentence.
  if (window.anchor === 'end' ? n > 4 : n > 8) return null;
  // A value in brackets after its label is a sentence's aside (本报告仅反映查询时间段（…）内的
  //信用信息), which counts less than a table's cell or a label：value line.
  const aside = window.anchor === 'start' && /[(<]/.test(window.text.slice(0, best.start)) ? 0.7 : 1;
  return { ...best, distance: Math.max(0.6, 1 - 0.04 * n) * aside };
}

function decide<T>(spec: FieldSpec<T>, given: Candidate<T>[]): FieldOutcome<T> {
  const key = (v: T) => (spec.form.key ? spec.form.key(v) : String(v));
  // One statement counts once: a running head or footer says its value under the same label
  // on every page, and one line of text may stand beside two labels (信息领域 / 查询范围).
  const strongest = new Map<string, Candidate<T>>();
  for (const c of given) {
    const labelled = c.place !== 'unlabelled' ? `${key(c.value)}|label:${c.label}` : null;
    const line = `${key(c.value)}|line:${c.page}|${Math.round(c.box.x / 8)}|${Math.round(c.box.y / 8)}`;
    const at = labelled && given.some((o) => o !== c && o.label === c.label && o.page !== c.page && key(o.value) === key(c.value)) ? labelled : line;
    const prior = strongest.get(at);
    if (!prior || c.score > prior.score) strongest.set(at, c);
  }
  const candidates = [...strongest.values()];
  const totals = new Map<string, { total: number; best: Candidate<T> }>();
  for (const c of candidates) {
    const k = key(c.value);
    const t = totals.get(k);
    if (!t) totals.set(k, { total: c.score, best: c });
    else {
      t.total += c.score;
      if (c.score > t.best.score) t.best = c;
    }
  }
  const ranked = [...totals.values()].sort((a, b) => b.total - a.total);
  const sorted = [...candidates].sort((a, b) => b.score - a.score);
  const [first, second] = ranked;
  if (!first || first.total < (spec.minScore ?? 0.3)) return { result: null, candidates: sorted, ambiguous: false };
  const margin = typeof spec.margin === 'function' ? spec.margin(first.best.value) : (spec.margin ?? 1.25);
  if (second && first.total < second.total * margin) return { result: null, candidates: sorted, ambiguous: true };
  const all = ranked.reduce((n, r) => n + r.total, 0);
  const { value, page, box, label, place } = first.best;
  return { result: { value, confidence: first.total / all, page, box, label, place }, candidates: sorted, ambiguous: false };
}

/** One field alone (see extractFields). */
export function extractField<T>(doc: FieldDocument, spec: FieldSpec<T>, stops: readonly Label[] = []): FieldOutcome<T> {
  return extractFields(doc, [spec], stops).get(spec.name)!;
}
