/**
 * Scoring the pre-check against the corpus's ground truth. Everything here is a pure function
 * of a truth (test/corpus/types.ts) and what the tool returned; nothing is tuned to the
 * generator. A check the truth cannot speak to is not scored (e.g. the signature of a
 * licence).
 */
import type { Analysis, Slot } from '../src/checks/schema.js';
import { DEFAULT_MAX_AGE_DAYS, DEFAULT_TOLERANCE_DAYS } from '../src/checks/credit-report.js';
import type { Level } from '../src/domain/levels.js';
import type { Box, Truth } from '../test/corpus/types.js';

// ---- Boxes -----------------------------------------------------------------------------

export function area(b: Box): number {
  return Math.max(0, b.width) * Math.max(0, b.height);
}

/** Intersection over union of two boxes (0 when either is empty). */
export function iou(a: Box, b: Box): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  const inter = w > 0 && h > 0 ? w * h : 0;
  const union = area(a) + area(b) - inter;
  return union > 0 ? inter / union : 0;
}

export function scaleBox(b: Box, sx: number, sy: number): Box {
  return { x: b.x * sx, y: b.y * sy, width: b.width * sx, height: b.height * sy };
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

/**
 * One-to-one matching of found boxes to true boxes: pairs are taken by decreasing IoU, each
 * box used once, a pair counting only at IoU ≥ threshold.
 */
export function matchBoxes(truth: Box[], found: Box[], threshold = 0.5): Counts & { pairs: [number, number, number][] } {
  const candidates: [number, number, number][] = [];
  truth.forEach((t, i) => found.forEach((f, j) => {
    const v = iou(t, f);
    if (v >= threshold) candidates.push([i, j, v]);
  }));
  candidates.sort((a, b) => b[2] - a[2]);
  const usedT = new Set<number>();
  const usedF = new Set<number>();
  const pairs: [number, number, number][] = [];
  for (const [i, j, v] of candidates) {
    if (usedT.has(i) || usedF.has(j)) continue;
    usedT.add(i);
    usedF.add(j);
    pairs.push([i, j, v]);
  }
  return { tp: pairs.length, fp: found.length - pairs.length, fn: truth.length - pairs.length, pairs };
}

/** Precision and recall; null where undefined (nothing found / nothing to find). */
export function precisionRecall(c: Counts): { precision: number | null; recall: number | null } {
  return { precision: c.tp + c.fp ? c.tp / (c.tp + c.fp) : null, recall: c.tp + c.fn ? c.tp / (c.tp + c.fn) : null };
}

export const addCounts = (a: Counts, b: Counts): Counts => ({ tp: a.tp + b.tp, fp: a.fp + b.fp, fn: a.fn + b.fn });
export const ZERO: Counts = Object.freeze({ tp: 0, fp: 0, fn: 0 });

// ---- Dates -----------------------------------------------------------------------------

const DAY = 86_400_000;
const day = (iso: string) => Date.parse(`${iso.slice(0, 10)}T00:00:00Z`);
export const daysBetween = (from: string, to: string) => Math.round((day(to) - day(from)) / DAY);
export const plusDays = (iso: string, n: number) => new Date(day(iso) + n * DAY).toISOString().slice(0, 10);

/** The same calendar day `years` earlier; 29 February becomes 28 February. */
export function yearsBefore(iso: string, years: number): string {
  const y = Number(iso.slice(0, 4)) - years;
  const md = iso.slice(5, 10) === '02-29' && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)) ? '02-28' : iso.slice(5, 10);
  return `${y}-${md}`;
}

// ---- Per-document scores ---------------------------------------------------------------

export interface ItemScore {
  kind: boolean;
  /** Documents that must carry the applicant's code (not evidence). */
  code?: { exact: boolean; wrongValid: boolean };
  seals: Counts;
  /**
   * A black-and-white copy: its red seals are grey, and colour is how a seal is told from
   * a printed ring or a blue stamp. The tool says it cannot confirm them (a warning that
   * asks for a colour copy); its seal counts are reported apart from colour pages'.
   */
  blackAndWhite: boolean;
  signature?: boolean;
  date?: { style: 'typed' | 'handwritten' | 'blank'; exact: boolean; wrong: boolean };
  report?: { dates: boolean; settings: boolean; records: boolean };
  window?: boolean;
  /**
   * Evidence: the scoring bullets the analysis says it covers (window.bullets, score > 0)
   * against those the document was written for. An extra bullet is not always wrong (a
   * document may well touch on another), so precision here is a lower bound.
   */
  bullets?: Counts;
}

/** What the read page grid is relative to the truth's, per page (a reader may render or upscale). */
function pageScale(truth: Truth, analysis: Pick<Analysis, 'pages'>, page: number): [number, number] | null {
  const t = truth.pages[page - 1];
  const a = analysis.pages[page - 1];
  if (!t || !a) return null;
  return [a.width / t.width, a.height / t.height];
}

export type ScoredAnalysis = Pick<Analysis, 'kind' | 'pages' | 'creditCode' | 'seal' | 'signature' | 'signedDate' | 'report' | 'window'>;

export function scoreItem(truth: Truth, analysis: ScoredAnalysis, iouThreshold = 0.5): ItemScore {
  const score: ItemScore = { kind: analysis.kind === truth.kind, seals: { ...ZERO }, blackAndWhite: isBlackAndWhite(truth) };

  if (truth.kind !== 'evidence' && truth.codePrinted) {
    const c = analysis.creditCode;
    score.code = { exact: !!c && c.valid && c.value === truth.code, wrongValid: !!c && c.valid && c.value !== truth.code };
  }

  // Seals, page by page, in the read page's grid. Regions on pages the truth has no grid for
  // (never, in practice) count as false positives.
  const pages = new Set([...truth.seals.map((s) => s.page), ...analysis.seal.regions.map((r) => r.page)]);
  for (const page of pages) {
    const scale = pageScale(truth, analysis, page);
    const found = analysis.seal.regions.filter((r) => r.page === page);
    if (!scale) {
      score.seals = addCounts(score.seals, { tp: 0, fp: found.length, fn: truth.seals.filter((s) => s.page === page).length });
      continue;
    }
    const want = truth.seals.filter((s) => s.page === page).map((s) => scaleBox(s.box, scale[0], scale[1]));
    const m = matchBoxes(want, found, iouThreshold);
    score.seals = addCounts(score.seals, m);
  }

  if (truth.kind === 'pledge') {
    score.signature = (analysis.signature?.present ?? false) === truth.signaturePresent;
    const style = truth.dateStyle ?? 'blank';
    score.date = {
      style,
      exact: analysis.signedDate === truth.signedDate,
      wrong: analysis.signedDate !== null && analysis.signedDate !== truth.signedDate,
    };
  }

  if (truth.kind === 'credit-report') {
    const r = analysis.report;
    score.report = {
      dates: !!r && r.from === truth.from && r.to === truth.to && r.generatedAt === truth.generatedAt.slice(0, 10),
      settings: !!r && r.allDomains === truth.allDomains && r.simplePenaltyIncluded === truth.simplePenaltyIncluded,
      // Records found ⇔ the truth has some: a parsed category with a count or items.
      records: !!r && r.records.some((x) => (x.count ?? 0) > 0 || (x.count === null && x.items.length > 0)) === truth.recordsCount > 0,
    };
  }

  if (truth.kind === 'evidence') {
    score.window = analysis.window?.id === truth.windowId;
    const found = new Set((analysis.window?.bullets ?? []).filter((b) => b.score > 0).map((b) => b.id));
    const want = new Set(truth.bulletIds);
    score.bullets = {
      tp: [...want].filter((b) => found.has(b)).length,
      fn: [...want].filter((b) => !found.has(b)).length,
      fp: [...found].filter((b) => !want.has(b)).length,
    };
  }
  return score;
}

// ---- Expected findings -----------------------------------------------------------------

/** The finding codes of the pre-check (src/errors.ts); other codes are not scored. */
export const FINDING_CODES = [
  'QC_CODE_NOT_FOUND',
  'QC_CODE_UNREADABLE',
  'QC_CODE_INVALID',
  'QC_CODE_MISMATCH',
  'QC_NAME_MISMATCH',
  'QC_SEAL_MISSING',
  'QC_SIGNATURE_MISSING',
  'QC_DATE_MISSING',
  'QC_REPORT_RANGE_SHORT',
  'QC_REPORT_STALE',
  'QC_REPORT_SETTINGS',
  'QC_REPORT_RECORDS',
  'QC_WINDOW_MISMATCH',
  'QC_MATERIAL_MISSING',
  'QC_OUTSIDE_APPLICATION_PERIOD',
] as const;
export type FindingCode = (typeof FINDING_CODES)[number];
export const isFindingCode = (code: string): code is FindingCode => (FINDING_CODES as readonly string[]).includes(code);

export interface FileContext {
  slot: Slot;
  applicant: { name: string; creditCode: string };
  level: Level;
  applicationDate: string;
  /** Credit-report policy; the tool's defaults unless given. */
  toleranceDays?: number;
  maxAgeDays?: number;
}

const WINDOW_SLOTS = new Set<string>(['business-license', 'pledge', 'credit-report']);

const isBlackAndWhite = (truth: Truth) => truth.raster !== null && truth.raster !== undefined && !truth.raster.colour;

/**
 * The findings a file calls for, by the notice's rules and the truth alone: what is wrong with
 * the document itself and with where it was put. Severity is not predicted (a grey copy's
 * missing seal is a warning, a colour copy's an error): codes are compared.
 */
export function expectedFindings(truth: Truth, ctx: FileContext): FindingCode[] {
  const out = new Set<FindingCode>();
  const carriesCode = truth.kind !== 'evidence';
  if (carriesCode) {
    if (!truth.codePrinted) out.add('QC_CODE_NOT_FOUND');
    else if (truth.code !== ctx.applicant.creditCode) out.add('QC_CODE_MISMATCH');
    if (truth.company.name !== ctx.applicant.name) out.add('QC_NAME_MISMATCH');
  }
  if (!WINDOW_SLOTS.has(ctx.slot)) {
    if (truth.kind !== 'evidence' || truth.windowId !== ctx.slot) out.add('QC_WINDOW_MISMATCH');
  } else if (truth.kind !== ctx.slot) {
    out.add('QC_WINDOW_MISMATCH');
  }
  // On a black-and-white copy no seal can be confirmed: the tool asks for a colour copy.
  const sealUnconfirmable = isBlackAndWhite(truth) && (truth.kind === 'pledge' || truth.kind === 'business-license');
  if (sealUnconfirmable) out.add('QC_SEAL_MISSING');
  if (truth.kind === 'pledge') {
    // The pledge takes effect with the company's 公章: a 合同专用章 is not one.
    if (!truth.officialSealPresent) out.add('QC_SEAL_MISSING');
    if (!truth.signaturePresent) out.add('QC_SIGNATURE_MISSING');
    if (truth.signedDate === null) out.add('QC_DATE_MISSING');
  }
  if (truth.kind === 'business-license' && !truth.seals.some((s) => s.role === 'registration-authority')) out.add('QC_SEAL_MISSING');
  if (truth.kind === 'credit-report') {
    const tolerance = ctx.toleranceDays ?? DEFAULT_TOLERANCE_DAYS;
    const maxAge = ctx.maxAgeDays ?? DEFAULT_MAX_AGE_DAYS;
    const years = ctx.level === 'A' ? 1 : 3;
    const needFrom = yearsBefore(ctx.applicationDate, years);
    if (daysBetween(needFrom, truth.from) > tolerance || daysBetween(truth.to, ctx.applicationDate) > tolerance) out.add('QC_REPORT_RANGE_SHORT');
    if (daysBetween(truth.generatedAt, ctx.applicationDate) > maxAge) out.add('QC_REPORT_STALE');
    if (!truth.allDomains || !truth.simplePenaltyIncluded) out.add('QC_REPORT_SETTINGS');
    if (truth.recordsCount > 0) out.add('QC_REPORT_RECORDS');
  }
  return [...out].sort();
}

/** Codes expected against codes raised (each counted once per file). */
export function compareFindings(expected: readonly string[], actual: readonly string[]): Counts & { exact: boolean } {
  const e = new Set(expected);
  const a = new Set(actual);
  const tp = [...a].filter((c) => e.has(c)).length;
  return { tp, fp: a.size - tp, fn: e.size - tp, exact: tp === e.size && tp === a.size };
}

// ---- Tallies and tables ----------------------------------------------------------------

export interface Rate {
  n: number;
  k: number;
}

/** Named rates and counts per class, in insertion order. */
export class Tally {
  readonly rates = new Map<string, Map<string, Rate>>();
  readonly counts = new Map<string, Map<string, Counts>>();

  rate(check: string, cls: string, ok: boolean): void {
    const row = this.rates.get(check) ?? new Map<string, Rate>();
    this.rates.set(check, row);
    const cell = row.get(cls) ?? { n: 0, k: 0 };
    row.set(cls, { n: cell.n + 1, k: cell.k + (ok ? 1 : 0) });
  }

  count(check: string, cls: string, c: Counts): void {
    const row = this.counts.get(check) ?? new Map<string, Counts>();
    this.counts.set(check, row);
    row.set(cls, addCounts(row.get(cls) ?? ZERO, c));
  }

  /** A rate over several classes together. */
  pooled(check: string, classes: readonly string[]): Rate {
    const row = this.rates.get(check);
    return classes.reduce((acc, c) => ({ n: acc.n + (row?.get(c)?.n ?? 0), k: acc.k + (row?.get(c)?.k ?? 0) }), { n: 0, k: 0 });
  }

  pooledCounts(check: string, classes: readonly string[]): Counts {
    const row = this.counts.get(check);
    return classes.reduce((acc, c) => addCounts(acc, row?.get(c) ?? ZERO), ZERO);
  }
}

export const pct = (x: number | null) => (x === null ? '—' : `${(100 * x).toFixed(x === 1 ? 0 : 1)}%`);
export const formatRate = (r: Rate | undefined) => (!r || r.n === 0 ? '—' : `${r.k}/${r.n} ${pct(r.k / r.n)}`);

/** A plain-text table; the first column left-aligned, the others right-aligned. */
export function renderTable(header: string[], rows: string[][]): string {
  const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0);
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const pad = (s: string, i: number) => (i === 0 ? s + ' '.repeat(widths[i]! - width(s)) : ' '.repeat(widths[i]! - width(s)) + s);
  const line = (cells: string[]) => cells.map((c, i) => pad(c, i)).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
