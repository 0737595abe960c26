/**
 * Facts read per layout group: development layouts (the reading code was tuned on them) beside
 * held-out layouts (written without looking at the reader), ours beside the peer regex script
 * (eval/peer.ts) on the very same reading of each file, so that the comparison is about
 * parsing, not OCR.
 *
 * A layout is only ever scored as held-out when it is in the held-out group: the groups are
 * given by the caller (eval/run.ts imports eval/held-out-layouts/; this module does not, so
 * that a test may import it without loading them) and every rate is printed per group, side
 * by side.
 *
 * Three parts:
 *  - scoring (pure): what a reader said (ours: the Analysis; the peer: PeerFacts) against the
 *    truth, per fact, right and "wrong value given" (a non-null value that is wrong);
 *  - clean submissions: a licence, a pledge and a credit report of one company, all true and
 *    in order, checked by checkSubmission; any finding of severity 'error' is a false error;
 *  - the runner and its tables (markdown).
 */
import { isQcError } from '../src/errors.js';
import { analyzeRead } from '../src/checks/analyze.js';
import { readWhatChecksNeed } from '../src/checks/reading-plan.js';
import type { Submission } from '../src/checks/schema.js';
import { checkSubmission } from '../src/checks/submission.js';
import { isWithinApplicationPeriod } from '../src/domain/levels.js';
import { addYears } from '../src/domain/dates.js';
import type { OcrEngine } from '../src/reading/ocr/engine.js';
import { readUpload } from '../src/reading/read.js';
import { generateCompanies, type CorpusCompany } from '../test/corpus/companies.js';
import { BODY_WEIGHTS, BOLD_WEIGHTS, type FontChoice } from '../test/corpus/fonts.js';
import type { Layout, LayoutGroup } from '../test/corpus/layouts.js';
import { createRng, type Rng } from '../test/corpus/random.js';
import { rasterize } from '../test/corpus/raster.js';
import type { BuiltDocument, DocTruth, PledgeState, RasterBase, Truth } from '../test/corpus/types.js';
import { expectedFindings, plusDays } from './metrics.js';
import { peerRead, type PeerFacts } from './peer.js';
import type { LicenceFields } from '../src/fields/licence.js';

// ---- What is read ----------------------------------------------------------------------

export type DocKind = Layout['kind'];
export const DOC_KINDS: readonly DocKind[] = ['business-license', 'pledge', 'credit-report'];

/** The licence's facts as the analysis gives them (`Analysis.licence`), without where each stands. */
export type LicenceRead = Omit<LicenceFields, 'sources'>;

/**
 * The fields of an Analysis (src/checks/schema.ts) this evaluation reads. An Analysis is
 * passed as it is: if a field is renamed or missing, the type check says so here.
 */
export interface OurAnalysis {
  kind: string;
  /** `value` is 18 characters or null (what was read is no code of 18 characters). */
  creditCode: { value: string | null } | null;
  report: {
    from: string | null;
    to: string | null;
    generatedAt: string | null;
    reportNumber: string | null;
    allDomains: boolean | null;
    simplePenaltyIncluded: boolean | null;
  } | null;
  licence: LicenceRead | null;
  company: { name: string | null } | null;
  signing: { date: string | null; filled: boolean } | null;
  findings: readonly { code: string; severity: string }[];
}

/**
 * What one reader said about one document, in one shape for ours and the peer. A field the
 * reader cannot speak to is `undefined` (not scored for it); null means "said nothing".
 */
export interface ReadFacts {
  kind?: string | null;
  creditCode: string | null;
  /** Licences: 名称; credit reports: the company the report is about. */
  companyName: string | null;
  periodFrom: string | null;
  periodTo: string | null;
  generatedAt: string | null;
  reportNumber: string | null;
  allDomains: boolean | null;
  simplePenaltyIncluded: boolean | null;
  signedDate: string | null;
  /** Whether the date line was filled in; undefined when the reader does not say (the peer). */
  dateFilled?: boolean | null;
  establishedOn: string | null;
  /** The licence's other facts (ours only). */
  licence?: Pick<LicenceRead, 'entityType' | 'legalRepresentative' | 'registeredCapital' | 'address' | 'registrationAuthority' | 'issuedOn' | 'termTo'>;
}

const NOTHING: ReadFacts = {
  creditCode: null,
  companyName: null,
  periodFrom: null,
  periodTo: null,
  generatedAt: null,
  reportNumber: null,
  allDomains: null,
  simplePenaltyIncluded: null,
  signedDate: null,
  establishedOn: null,
};

/**
 * Our facts, from the analysis of a document uploaded as `kind` (null: the analysis failed;
 * every fact is then unread). The company's name is the licence's 名称 on a licence and the
 * company a report names on a report.
 */
export function oursFacts(kind: DocKind, a: OurAnalysis | null): ReadFacts {
  if (!a) return { ...NOTHING, kind: null, dateFilled: null, ...(kind === 'business-license' ? { licence: emptyLicence() } : {}) };
  const r = a.report;
  const l = a.licence;
  return {
    kind: a.kind,
    creditCode: a.creditCode?.value ?? null,
    companyName: kind === 'business-license' ? (l?.name ?? null) : (a.company?.name ?? null),
    periodFrom: r?.from ?? null,
    periodTo: r?.to ?? null,
    generatedAt: r?.generatedAt ?? null,
    reportNumber: r?.reportNumber ?? null,
    allDomains: r?.allDomains ?? null,
    simplePenaltyIncluded: r?.simplePenaltyIncluded ?? null,
    signedDate: a.signing?.date ?? null,
    dateFilled: a.signing ? a.signing.filled : null,
    establishedOn: l?.establishedOn ?? null,
    ...(kind === 'business-license'
      ? {
          licence: l
            ? { entityType: l.entityType, legalRepresentative: l.legalRepresentative, registeredCapital: l.registeredCapital, address: l.address, registrationAuthority: l.registrationAuthority, issuedOn: l.issuedOn, termTo: l.termTo }
            : emptyLicence(),
        }
      : {}),
  };
}

function emptyLicence(): NonNullable<ReadFacts['licence']> {
  return { entityType: null, legalRepresentative: null, registeredCapital: null, address: null, registrationAuthority: null, issuedOn: null, termTo: null };
}

/** The peer's facts: it does not tell kinds, nor whether a blank date line was filled. */
export function peerFactsOf(p: PeerFacts): ReadFacts {
  return {
    creditCode: p.creditCode,
    companyName: p.companyName,
    periodFrom: p.periodFrom,
    periodTo: p.periodTo,
    generatedAt: p.generatedAt,
    reportNumber: p.reportNumber,
    allDomains: p.allDomains,
    simplePenaltyIncluded: p.simplePenaltyIncluded,
    signedDate: p.signedDate,
    establishedOn: p.establishedOn,
  };
}

// ---- Scoring ---------------------------------------------------------------------------

export const FACTS = [
  { id: 'kind', label: 'kind detected (ours only)', kinds: DOC_KINDS },
  { id: 'period', label: 'report period (from and to exact)', kinds: ['credit-report'] },
  { id: 'generated', label: 'report generation day', kinds: ['credit-report'] },
  { id: 'settings', label: 'report query settings (全选 and 简易处罚 both right)', kinds: ['credit-report'] },
  { id: 'number', label: 'report number', kinds: ['credit-report'] },
  { id: 'code', label: 'credit code exact (licence, pledge, report)', kinds: DOC_KINDS },
  { id: 'name', label: 'company name (licence; report)', kinds: ['business-license', 'credit-report'] },
  {
    id: 'signing',
    label: 'pledge signing date (exact, or honestly unreadable: null with filled=true for a filled date, null with filled=false for a blank)',
    kinds: ['pledge'],
  },
  { id: 'signing-exact', label: 'pledge signing date exact, dates filled in', kinds: ['pledge'] },
  { id: 'established', label: 'licence established on', kinds: ['business-license'] },
  { id: 'licence-type', label: 'licence entity type (ours only)', kinds: ['business-license'] },
  { id: 'licence-person', label: 'licence legal representative / 负责人 / 经营者 (ours only)', kinds: ['business-license'] },
  { id: 'licence-capital', label: 'licence registered capital (ours only)', kinds: ['business-license'] },
  { id: 'licence-address', label: 'licence address (ours only)', kinds: ['business-license'] },
  { id: 'licence-authority', label: 'licence registration authority (ours only)', kinds: ['business-license'] },
  { id: 'licence-issued', label: 'licence issued on (ours only)', kinds: ['business-license'] },
  { id: 'licence-term', label: 'licence term end (null for 长期 or none) (ours only)', kinds: ['business-license'] },
] as const satisfies readonly { id: string; label: string; kinds: readonly DocKind[] }[];

export type FactId = (typeof FACTS)[number]['id'];
/** Facts that are a part of another fact: no "wrong value" row of their own. */
const NO_WRONG_ROW: ReadonlySet<FactId> = new Set<FactId>(['signing-exact']);

export interface FactScore {
  right: boolean;
  /** A value was given and it is wrong (a null, an honest "not read", never is). */
  wrong: boolean;
}

export type FactScores = Partial<Record<FactId, FactScore>>;

/** Same text up to blanks and full-width forms (（）→(), ０→0): OCR and layouts vary in these. */
export const sameText = (a: string, b: string) => a.normalize('NFKC').replace(/\s+/g, '') === b.normalize('NFKC').replace(/\s+/g, '');

/** A truth's text value: '' (not printed) is expected as null. */
function scoreText(read: string | null | undefined, truth: string | null): FactScore {
  const want = truth === null || truth === '' ? null : truth;
  const got = read ?? null;
  if (want === null) return { right: got === null, wrong: got !== null };
  const ok = got !== null && sameText(got, want);
  return { right: ok, wrong: got !== null && !ok };
}

/** Exact values (dates, codes, booleans). */
function scoreExact<T>(read: T | null | undefined, truth: T | null): FactScore {
  const got = read ?? null;
  return { right: got === truth, wrong: got !== null && got !== truth };
}

const both = (a: FactScore, b: FactScore): FactScore => ({ right: a.right && b.right, wrong: a.wrong || b.wrong });

/**
 * Each fact the truth can speak to, for one reader. The pledge's date counts right when it is
 * exact, or honestly unreadable: null with filled=true on a filled date line, null with
 * filled=false on a blank one. A reader that does not say whether the line was filled (the
 * peer) is right on a blank line by giving no date, and on a filled one only by its date.
 */
export function scoreFacts(truth: DocTruth | Truth, read: ReadFacts): FactScores {
  const s: FactScores = {};
  if (truth.kind === 'evidence') return s;
  if (read.kind !== undefined) s.kind = { right: read.kind === truth.kind, wrong: read.kind !== null && read.kind !== 'unknown' && read.kind !== truth.kind };
  if (truth.codePrinted) s.code = scoreExact(read.creditCode, truth.code);
  if (truth.kind === 'credit-report') {
    s.period = both(scoreExact(read.periodFrom, truth.from), scoreExact(read.periodTo, truth.to));
    s.generated = scoreExact(read.generatedAt, truth.generatedAt.slice(0, 10));
    s.settings = both(scoreExact(read.allDomains, truth.allDomains), scoreExact(read.simplePenaltyIncluded, truth.simplePenaltyIncluded));
    s.number = scoreText(read.reportNumber, truth.reportNumber);
    s.name = scoreText(read.companyName, truth.company.name);
  }
  if (truth.kind === 'business-license') {
    s.name = scoreText(read.companyName, truth.name);
    s.established = scoreExact(read.establishedOn, truth.establishedOn);
    const l = read.licence;
    if (l) {
      s['licence-type'] = scoreText(l.entityType, truth.entityType);
      s['licence-person'] = scoreText(l.legalRepresentative, truth.legalRepresentative);
      s['licence-capital'] = scoreText(l.registeredCapital, truth.registeredCapital);
      s['licence-address'] = scoreText(l.address, truth.address);
      s['licence-authority'] = scoreText(l.registrationAuthority, truth.registrationAuthority);
      s['licence-issued'] = scoreExact(l.issuedOn, truth.issuedOn);
      s['licence-term'] = scoreExact(l.termTo, truth.termUntil);
    }
  }
  if (truth.kind === 'pledge') {
    const date = read.signedDate ?? null;
    const filled = read.dateFilled;
    const dateWrong = date !== null && date !== truth.signedDate;
    const filledWrong = filled !== undefined && filled !== null && filled !== truth.dateFilled;
    let right: boolean;
    if (truth.dateFilled) right = date === truth.signedDate || (date === null && filled === true);
    else right = date === null && (filled === undefined || filled === false);
    s.signing = { right, wrong: dateWrong || filledWrong };
    if (truth.dateFilled) s['signing-exact'] = { right: date !== null && date === truth.signedDate, wrong: dateWrong };
  }
  return s;
}

// ---- Records and tallies ---------------------------------------------------------------

export type VariantClass = 'clean' | 'raster';
export const classOf = (variant: string): VariantClass => (variant === 'clean' ? 'clean' : 'raster');

export interface DocRecord {
  id: string;
  layout: string;
  group: LayoutGroup;
  kind: DocKind;
  variant: 'clean' | RasterBase;
  /** Pledges: what was done to the printout. */
  state?: PledgeState;
  fileName: string;
  pages: number;
  ocrPages: number;
  /** Reading and our analysis, milliseconds. */
  ms: number;
  /** Set when the file could not be read or analysed (every fact then unread). */
  error?: string;
  truth: ReadFacts;
  ours: ReadFacts;
  peer: ReadFacts;
  scores: { ours: FactScores; peer: FactScores };
  findings: { code: string; severity: string }[];
}

export interface Rate {
  k: number;
  n: number;
}

export type Reader = 'ours' | 'peer';
type ScoreKey = 'right' | 'wrong';

/** The rate of a fact over some records: right (or wrong values given) out of those scored. */
export function rateOf(records: readonly Pick<DocRecord, 'scores'>[], reader: Reader, fact: FactId, key: ScoreKey = 'right'): Rate {
  let k = 0;
  let n = 0;
  for (const r of records) {
    const s = r.scores[reader][fact];
    if (!s) continue;
    n++;
    if (s[key]) k++;
  }
  return { k, n };
}

/** Facts only ours is scored on (the peer does not tell kinds nor a licence's other fields). */
export const OURS_ONLY: ReadonlySet<FactId> = new Set(FACTS.filter((f) => f.label.endsWith('(ours only)')).map((f) => f.id));

/**
 * Wrong values given, summed over the facts that have a row of their own; by default only
 * those both readers are scored on, so that ours and the peer's totals compare.
 */
export function wrongTotal(records: readonly Pick<DocRecord, 'scores'>[], reader: Reader, facts: 'shared' | 'all' = 'shared'): Rate {
  return FACTS.filter((f) => !NO_WRONG_ROW.has(f.id) && (facts === 'all' || !OURS_ONLY.has(f.id))).reduce((acc, f) => {
    const r = rateOf(records, reader, f.id, 'wrong');
    return { k: acc.k + r.k, n: acc.n + r.n };
  }, { k: 0, n: 0 });
}

export const fmtRate = (r: Rate) => (r.n ? `${r.k}/${r.n}` : '—');

/** A markdown table (what the README takes as it is). */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  return [`| ${header.map(esc).join(' | ')} |`, `|${header.map((_, i) => (i ? '---:' : '---')).join('|')}|`, ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`)].join('\n');
}

// ---- Clean submissions -----------------------------------------------------------------

export interface SubmissionContext {
  applicant: { name: string; creditCode: string };
  applicationDate: string;
}

export const SUBMISSION_PLEDGE_STATES: readonly PledgeState[] = ['complete-typed-date', 'complete-handwritten-date'];

/**
 * Whether a document belongs in a clean AA submission of the applicant on that date: its
 * code and name are the applicant's, printed; a licence is a company's (not a branch's or an
 * individual business's); a pledge is complete (公章, signature, date); a credit report
 * covers 36 months with 全选 and 简易处罚 and has no records, and is in date for the
 * application (by the notice's rules: eval/metrics.ts expectedFindings finds nothing).
 */
const minusYears = (iso: string, years: number) => addYears(iso, -years);

export function fitsCleanSubmission(truth: DocTruth | Truth, ctx: SubmissionContext): boolean {
  if (truth.kind === 'evidence') return false;
  if (!truth.codePrinted || truth.code !== ctx.applicant.creditCode || truth.company.name !== ctx.applicant.name) return false;
  const expected = () => expectedFindings({ ...truth, variant: 'clean', textLayer: true, raster: null } as Truth, { slot: truth.kind, applicant: ctx.applicant, level: 'AA', applicationDate: ctx.applicationDate });
  switch (truth.kind) {
    case 'business-license':
      // A licence without the authority's seal (the electronic licence) is in order: the
      // check only warns about it.
      // …and the company may apply: 3 years old and its licence in force on the application day.
      return truth.entity === 'company' && truth.name === ctx.applicant.name && truth.establishedOn <= minusYears(ctx.applicationDate, 3) && (truth.termUntil === null || truth.termUntil >= ctx.applicationDate);
    case 'pledge':
      return SUBMISSION_PLEDGE_STATES.includes(truth.state) && truth.officialSealPresent && truth.signaturePresent && truth.signedDate !== null && expected().length === 0;
    case 'credit-report':
      return truth.months === 36 && truth.allDomains && truth.simplePenaltyIncluded && truth.recordsCount === 0 && expected().length === 0;
  }
}

export interface SubmissionRecord {
  group: LayoutGroup;
  name: string;
  company: string;
  applicationDate: string;
  files: { kind: DocKind; layout: string; variant: string; fileName: string }[];
  verdict: 'pass' | 'fail';
  /** Findings of severity 'error' (all false: the submission is in order). */
  errors: { code: string; file?: string; message: string }[];
  warnings: { code: string; file?: string; message: string }[];
  ms: number;
}

export interface SkippedSubmission {
  group: LayoutGroup;
  name: string;
  reason: string;
}

// ---- The runner ------------------------------------------------------------------------

export interface LayoutGroupInput {
  group: LayoutGroup;
  layouts: readonly Layout[];
}

export interface LayoutsEvalOptions {
  seed: number;
  groups: readonly LayoutGroupInput[];
  /** Clean text-layer documents per layout. */
  clean: number;
  /** Raster documents per layout, cycling through `rasterVariants`. */
  raster: number;
  rasterVariants: readonly RasterBase[];
  /** Clean submissions per group (0: none). */
  submissions: number;
  /** The variants a submission's files cycle through. */
  submissionVariants: readonly ('clean' | RasterBase)[];
  /** Companies the documents are spread over. */
  companies: number;
  engine: OcrEngine;
  engineId: string;
  log?: (line: string) => void;
}

export interface LayoutsEvalResult {
  options: Omit<LayoutsEvalOptions, 'engine' | 'log' | 'groups'> & { groups: { group: LayoutGroup; layouts: { id: string; kind: DocKind; description: string }[] }[] };
  documents: DocRecord[];
  buildFailures: { layout: string; group: LayoutGroup; id: string; error: string }[];
  submissions: SubmissionRecord[];
  skippedSubmissions: SkippedSubmission[];
  seconds: { documents: number; submissions: number; total: number };
}

/**
 * The order pledge states are taken in, per layout: the clean documents from the first, the
 * raster ones from the second. Dates typed, handwritten and blank come first: the signing
 * date is what is scored on a pledge.
 */
const PLEDGE_ORDER_CLEAN: readonly PledgeState[] = ['complete-typed-date', 'complete-handwritten-date', 'no-date', 'no-signature', 'faded-seal', 'no-seal', 'contract-seal', 'blank'];
const PLEDGE_ORDER_RASTER: readonly PledgeState[] = ['complete-handwritten-date', 'complete-typed-date', 'no-date', 'faded-seal', 'no-signature', 'blank', 'no-seal', 'contract-seal'];

function fontsOf(rng: Rng): FontChoice {
  return { body: rng.pick(BODY_WEIGHTS), bold: rng.pick(BOLD_WEIGHTS) };
}

async function buildWith(layout: Layout, company: CorpusCompany, rng: Rng, state: PledgeState): Promise<BuiltDocument> {
  const fonts = fontsOf(rng.fork('fonts'));
  const ctx = { company, rng: rng.fork('document'), fonts };
  switch (layout.kind) {
    case 'pledge':
      return (await layout.build({ ...ctx, state }));
    case 'business-license':
      return (await layout.build(ctx));
    case 'credit-report':
      return (await layout.build(ctx));
  }
}

/** A fixed creation day for raster files' metadata: nothing may depend on the clock. */
const RASTER_DATE = new Date(Date.UTC(2026, 5, 1, 9, 30));

async function asUploaded(built: BuiltDocument, variant: 'clean' | RasterBase, rng: Rng, stem: string): Promise<{ bytes: Uint8Array; fileName: string; colour: boolean }> {
  if (variant === 'clean') return { bytes: built.pdf, fileName: `${stem}.pdf`, colour: true };
  const r = await rasterize(built.pdf, built.truth.pages, variant, rng, RASTER_DATE);
  return { bytes: r.bytes, fileName: `${stem}.${r.mime === 'image/jpeg' ? 'jpg' : 'pdf'}`, colour: r.raster.colour };
}

/** The facts the truth holds, in the readers' shape (for the JSON: what was to be read). */
export function truthFacts(truth: DocTruth | Truth): ReadFacts {
  const t = truth;
  return {
    kind: t.kind,
    creditCode: t.codePrinted ? t.code : null,
    companyName: t.kind === 'business-license' ? t.name : t.company.name,
    periodFrom: t.kind === 'credit-report' ? t.from : null,
    periodTo: t.kind === 'credit-report' ? t.to : null,
    generatedAt: t.kind === 'credit-report' ? t.generatedAt.slice(0, 10) : null,
    reportNumber: t.kind === 'credit-report' ? t.reportNumber : null,
    allDomains: t.kind === 'credit-report' ? t.allDomains : null,
    simplePenaltyIncluded: t.kind === 'credit-report' ? t.simplePenaltyIncluded : null,
    signedDate: t.kind === 'pledge' ? t.signedDate : null,
    dateFilled: t.kind === 'pledge' ? t.dateFilled : null,
    establishedOn: t.kind === 'business-license' ? t.establishedOn : null,
    ...(t.kind === 'business-license'
      ? { licence: { entityType: t.entityType, legalRepresentative: t.legalRepresentative, registeredCapital: t.registeredCapital || null, address: t.address, registrationAuthority: t.registrationAuthority, issuedOn: t.issuedOn, termTo: t.termUntil } }
      : {}),
  };
}

/**
 * Read a file once, analyse it as ours does for its slot (a pledge read at head and foot),
 * and give the peer the text of that same reading.
 */
async function readBoth(bytes: Uint8Array, fileName: string, kind: DocKind, engine: OcrEngine): Promise<{ analysis: OurAnalysis | null; peer: PeerFacts; pages: number; ocrPages: number; error?: string }> {
  try {
    const result = await readUpload(bytes, { name: fileName, engine, noCache: true, lazy: kind === 'pledge', secondOpinions: true });
    await readWhatChecksNeed(result.pages, { kind });
    const analysis = await analyzeRead(result, { engine, level: 'AA', applicationDate: '2026-06-20', expectedKind: kind });
    // The text after the analysis: what it read (it may read more of a page for a doubtful code).
    const text = result.pages.map((p) => p.text).join('\n');
    return { analysis, peer: peerRead(text), pages: result.pages.length, ocrPages: result.pages.filter((p) => p.source === 'ocr').length };
  } catch (error) {
    // A file the pipeline refuses (a QcError) reads nothing; anything else is a bug, but one
    // file must not cost the whole run: it is recorded and listed with the misses.
    const what = isQcError(error) ? `${error.code}: ${error.message}` : `unexpected: ${String((error as Error).stack ?? error)}`;
    return { analysis: null, peer: peerRead(''), pages: 0, ocrPages: 0, error: what };
  }
}

async function documentsOf(options: LayoutsEvalOptions, companies: CorpusCompany[], result: LayoutsEvalResult): Promise<void> {
  const log = options.log ?? (() => {});
  for (const { group, layouts } of options.groups) {
    for (const [li, layout] of layouts.entries()) {
      const count = options.clean + options.raster;
      for (let j = 0; j < count; j++) {
        const raster = j >= options.clean;
        const r = j - options.clean;
        const variant: 'clean' | RasterBase = raster ? options.rasterVariants[(r + li) % options.rasterVariants.length]! : 'clean';
        const state = layout.kind === 'pledge' ? (raster ? PLEDGE_ORDER_RASTER[r % PLEDGE_ORDER_RASTER.length]! : PLEDGE_ORDER_CLEAN[j % PLEDGE_ORDER_CLEAN.length]!) : 'complete-typed-date';
        const company = companies[(j + li) % companies.length]!;
        const id = `${layout.id}-${String(j + 1).padStart(2, '0')}-${variant}`;
        const rng = createRng(`layouts-${options.seed}-${layout.id}-${j}`);
        let built: BuiltDocument;
        let file: { bytes: Uint8Array; fileName: string };
        try {
          built = await buildWith(layout, company, rng, state);
          file = await asUploaded(built, variant, rng.fork('raster'), id);
        } catch (error) {
          result.buildFailures.push({ layout: layout.id, group, id, error: String((error as Error).stack ?? error) });
          log(`  ${id}: build failed: ${(error as Error).message}`);
          continue;
        }
        const truth = built.truth;
        // The truth names the layout that made it; a layout that says otherwise has a bug.
        if (truth.layout !== layout.id) log(`  ${id}: truth.layout is "${truth.layout}", not "${layout.id}"`);
        const started = performance.now();
        const read = await readBoth(file.bytes, file.fileName, layout.kind, options.engine);
        const ms = performance.now() - started;
        const ours = oursFacts(layout.kind, read.analysis);
        const peer = peerFactsOf(read.peer);
        result.documents.push({
          id,
          layout: layout.id,
          group,
          kind: layout.kind,
          variant,
          ...(layout.kind === 'pledge' ? { state } : {}),
          fileName: file.fileName,
          pages: read.pages,
          ocrPages: read.ocrPages,
          ms,
          ...(read.error ? { error: read.error } : {}),
          truth: truthFacts(truth),
          ours,
          peer,
          scores: { ours: scoreFacts(truth, ours), peer: scoreFacts(truth, peer) },
          findings: (read.analysis?.findings ?? []).map((f) => ({ code: f.code, severity: f.severity })),
        });
        log(`  ${id}: ${(ms / 1000).toFixed(1)} s${read.error ? ` (${read.error})` : ''}`);
      }
    }
  }
}

const ATTEMPTS = 40;

interface Fitted {
  built: BuiltDocument;
  rng: Rng;
}

/** Build with `layout` until the truth fits (a fresh stream each attempt), or null. */
async function buildFitting(layout: Layout, company: CorpusCompany, label: string, state: PledgeState, fits: (truth: DocTruth) => boolean): Promise<Fitted | null> {
  for (let a = 0; a < ATTEMPTS; a++) {
    const rng = createRng(`${label}-${a}`);
    const built = await buildWith(layout, company, rng, state);
    if (fits(built.truth)) return { built, rng };
  }
  return null;
}

/** A raster copy in colour (a black-and-white copy's seals cannot be confirmed: not "in order"). */
async function uploadInColour(f: Fitted, variant: 'clean' | RasterBase, stem: string): Promise<{ bytes: Uint8Array; fileName: string } | null> {
  for (let a = 0; a < 8; a++) {
    const up = await asUploaded(f.built, variant, f.rng.fork(`raster-${a}`), stem);
    if (up.colour) return up;
  }
  return null;
}

async function submissionsOf(options: LayoutsEvalOptions, companies: CorpusCompany[], result: LayoutsEvalResult): Promise<void> {
  const log = options.log ?? (() => {});
  for (const { group, layouts } of options.groups) {
    const of = <K extends DocKind>(kind: K) => layouts.filter((l) => l.kind === kind);
    const licences = of('business-license');
    const pledges = of('pledge');
    const reports = of('credit-report');
    for (let s = 0; s < options.submissions; s++) {
      const name = `${group}-${s + 1}`;
      const skip = (reason: string) => {
        result.skippedSubmissions.push({ group, name, reason });
        log(`  submission ${name}: skipped (${reason})`);
      };
      if (!licences.length || !pledges.length || !reports.length) {
        skip(`the group lacks a layout of ${[!licences.length && 'licences', !pledges.length && 'pledges', !reports.length && 'credit reports'].filter(Boolean).join(', ')}`);
        continue;
      }
      const company = companies[s % companies.length]!;
      const applicant = { name: company.name, creditCode: company.creditCode };
      const label = `layouts-submission-${options.seed}-${name}`;
      const variantOf = (k: number) => options.submissionVariants[(s + k) % options.submissionVariants.length]!;

      // The report first: its generation day sets the application date (1–5 days later).
      const reportLayout = reports[s % reports.length]!;
      let applicationDate = '';
      const report = await buildFitting(reportLayout, company, `${label}-report`, 'complete-typed-date', (t) => {
        if (t.kind !== 'credit-report') return false;
        const date = plusDays(t.generatedAt.slice(0, 10), 1 + (s % 5));
        if (!isWithinApplicationPeriod('AA', date) || !fitsCleanSubmission(t, { applicant, applicationDate: date })) return false;
        applicationDate = date;
        return true;
      });
      if (!report) {
        skip(`no credit report of ${reportLayout.id} in ${ATTEMPTS} tries fits (36 months, 全选, 简易处罚, no records, dated in the application period)`);
        continue;
      }
      const ctx: SubmissionContext = { applicant, applicationDate };
      // Licences of a company only: a branch's or an individual business's layout cannot serve.
      const licenceLayouts = [...licences.slice(s % licences.length), ...licences.slice(0, s % licences.length)];
      let licence: Fitted | null = null;
      let licenceLayout: Layout | null = null;
      for (const l of licenceLayouts) {
        licence = await buildFitting(l, company, `${label}-licence-${l.id}`, 'complete-typed-date', (t) => fitsCleanSubmission(t, ctx));
        if (licence) {
          licenceLayout = l;
          break;
        }
      }
      if (!licence || !licenceLayout) {
        skip('no licence layout of the group makes a company licence');
        continue;
      }
      const pledgeLayout = pledges[s % pledges.length]!;
      const state = SUBMISSION_PLEDGE_STATES[s % SUBMISSION_PLEDGE_STATES.length]!;
      const pledge = await buildFitting(pledgeLayout, company, `${label}-pledge`, state, (t) => fitsCleanSubmission(t, ctx));
      if (!pledge) {
        skip(`no complete pledge of ${pledgeLayout.id} in ${ATTEMPTS} tries`);
        continue;
      }

      const parts = [
        { kind: 'business-license' as const, layout: licenceLayout.id, fitted: licence, stem: `${name}-1-营业执照` },
        { kind: 'pledge' as const, layout: pledgeLayout.id, fitted: pledge, stem: `${name}-2-承诺书` },
        { kind: 'credit-report' as const, layout: reportLayout.id, fitted: report, stem: `${name}-3-专项信用报告` },
      ];
      const files: SubmissionRecord['files'] = [];
      const bytes = new Map<string, Uint8Array>();
      let failed = false;
      for (const [k, p] of parts.entries()) {
        const variant = variantOf(k);
        const up = await uploadInColour(p.fitted, variant, p.stem);
        if (!up) {
          skip(`no colour ${variant} of the ${p.kind}`);
          failed = true;
          break;
        }
        bytes.set(up.fileName, up.bytes);
        files.push({ kind: p.kind, layout: p.layout, variant, fileName: up.fileName });
      }
      if (failed) continue;
      const submission: Submission = {
        company: applicant,
        level: 'AA',
        applicationDate,
        files: files.map((f) => ({ path: f.fileName, slot: f.kind })),
      };
      const started = performance.now();
      const checked = await checkSubmission(submission, async (path) => bytes.get(path)!, { engine: options.engine, concurrency: 1, noCache: true });
      const ms = performance.now() - started;
      const pick = (severity: string) => checked.findings.filter((f) => f.severity === severity).map((f) => ({ code: f.code, ...(f.file ? { file: f.file } : {}), message: f.message }));
      const record: SubmissionRecord = { group, name, company: company.name, applicationDate, files, verdict: checked.verdict, errors: pick('error'), warnings: pick('warning'), ms };
      result.submissions.push(record);
      log(`  submission ${name}: ${record.verdict}${record.errors.length ? ` (${record.errors.map((e) => e.code).join(', ')})` : ''} in ${(ms / 1000).toFixed(1)} s`);
    }
  }
}

export async function runLayoutsEval(options: LayoutsEvalOptions): Promise<LayoutsEvalResult> {
  const t0 = performance.now();
  const companies = generateCompanies(createRng(`layouts-${options.seed}`).fork('companies'), options.companies);
  const { engine: _engine, log: _log, groups, ...rest } = options;
  const result: LayoutsEvalResult = {
    options: { ...rest, groups: groups.map((g) => ({ group: g.group, layouts: g.layouts.map((l) => ({ id: l.id, kind: l.kind, description: l.description })) })) },
    documents: [],
    buildFailures: [],
    submissions: [],
    skippedSubmissions: [],
    seconds: { documents: 0, submissions: 0, total: 0 },
  };
  await documentsOf(options, companies, result);
  const t1 = performance.now();
  if (options.submissions > 0) await submissionsOf(options, companies, result);
  const t2 = performance.now();
  result.seconds = { documents: (t1 - t0) / 1000, submissions: (t2 - t1) / 1000, total: (t2 - t0) / 1000 };
  return result;
}

// ---- Tables ----------------------------------------------------------------------------

const GROUPS: readonly LayoutGroup[] = ['dev', 'held-out'];
const groupName = (g: LayoutGroup) => (g === 'dev' ? 'dev' : 'held-out');

function falseErrorsCell(result: Pick<LayoutsEvalResult, 'submissions'>, group: LayoutGroup): string {
  const subs = result.submissions.filter((s) => s.group === group);
  return subs.length ? `${subs.filter((s) => s.errors.length).length}/${subs.length}` : '—';
}

/** The main table: each fact, ours and the peer, per group. */
export function groupTable(result: Pick<LayoutsEvalResult, 'documents' | 'submissions'>): string {
  const of = (g: LayoutGroup) => result.documents.filter((d) => d.group === g);
  const header = ['fact', ...GROUPS.flatMap((g) => [`${groupName(g)}: ours`, `${groupName(g)}: peer`])];
  const rows: string[][] = FACTS.map((f) => [f.label, ...GROUPS.flatMap((g) => [fmtRate(rateOf(of(g), 'ours', f.id)), fmtRate(rateOf(of(g), 'peer', f.id))])]);
  for (const f of FACTS) {
    if (NO_WRONG_ROW.has(f.id)) continue;
    rows.push([`wrong value given: ${f.label.replace(/ \(.*$/, '')}`, ...GROUPS.flatMap((g) => [fmtRate(rateOf(of(g), 'ours', f.id, 'wrong')), fmtRate(rateOf(of(g), 'peer', f.id, 'wrong'))])]);
  }
  rows.push(['wrong values given, facts both read', ...GROUPS.flatMap((g) => [fmtRate(wrongTotal(of(g), 'ours')), fmtRate(wrongTotal(of(g), 'peer'))])]);
  rows.push(['wrong values given, every fact (ours)', ...GROUPS.flatMap((g) => [fmtRate(wrongTotal(of(g), 'ours', 'all')), '—'])]);
  rows.push(['false errors on clean submissions', ...GROUPS.flatMap((g) => [falseErrorsCell(result, g), '—'])]);
  return markdownTable(header, rows.filter((r) => r.slice(1).some((c) => c !== '—')));
}

/** Short column names for the per-layout table. */
const SHORT: Partial<Record<FactId, string>> = {
  kind: 'kind',
  code: 'code',
  name: 'name',
  established: 'established',
  period: 'period',
  generated: 'generated',
  settings: 'settings',
  number: 'number',
  signing: 'signing date',
};

/** One row per layout: its group, documents, and each fact's rate (ours · peer). */
export function layoutTable(result: Pick<LayoutsEvalResult, 'documents'>, layoutOrder?: readonly string[]): string {
  const ids = layoutOrder ?? [...new Set(result.documents.map((d) => d.layout))];
  const facts = (Object.keys(SHORT) as FactId[]).filter((f) => result.documents.some((d) => d.scores.ours[f] || d.scores.peer[f]));
  const header = ['layout', 'group', 'kind', 'docs', ...facts.map((f) => SHORT[f]!), 'wrong values (facts both read)', 'time/doc'];
  const rows = ids.flatMap((id) => {
    const docs = result.documents.filter((d) => d.layout === id);
    if (!docs.length) return [];
    const cell = (r: Rate, p: Rate) => (r.n || p.n ? `${fmtRate(r)} · ${fmtRate(p)}` : '—');
    const clean = docs.filter((d) => d.variant === 'clean').length;
    return [[
      id,
      docs[0]!.group,
      docs[0]!.kind,
      `${docs.length} (${clean} clean)`,
      ...facts.map((f) => cell(rateOf(docs, 'ours', f), rateOf(docs, 'peer', f))),
      cell(wrongTotal(docs, 'ours'), wrongTotal(docs, 'peer')),
      `${(docs.reduce((n, d) => n + d.ms, 0) / docs.length / 1000).toFixed(1)} s`,
    ]];
  });
  return markdownTable(header, rows);
}

/** Each fact per group and variant class (clean text layer / raster: scan, photo, lowres). */
export function classTable(result: Pick<LayoutsEvalResult, 'documents'>): string {
  const cols = GROUPS.flatMap((g) => (['clean', 'raster'] as const).map((c) => [g, c] as const));
  const of = (g: LayoutGroup, c: VariantClass) => result.documents.filter((d) => d.group === g && classOf(d.variant) === c);
  const header = ['fact', ...cols.flatMap(([g, c]) => [`${groupName(g)} ${c}: ours`, `${groupName(g)} ${c}: peer`])];
  const rows = FACTS.map((f) => [f.label.replace(/ \(exact,.*$/, ' (exact or honestly unreadable)'), ...cols.flatMap(([g, c]) => [fmtRate(rateOf(of(g, c), 'ours', f.id)), fmtRate(rateOf(of(g, c), 'peer', f.id))])]);
  rows.push(['wrong values given, facts both read', ...cols.flatMap(([g, c]) => [fmtRate(wrongTotal(of(g, c), 'ours')), fmtRate(wrongTotal(of(g, c), 'peer'))])]);
  return markdownTable(header, rows.filter((r) => r.slice(1).some((c) => c !== '—')));
}

/** Documents where ours got a fact wrong, and every false error, for looking into. */
export function missList(result: Pick<LayoutsEvalResult, 'documents' | 'submissions' | 'buildFailures' | 'skippedSubmissions'>): string {
  const out: string[] = [];
  for (const d of result.documents) {
    const bad = (Object.entries(d.scores.ours) as [FactId, FactScore][]).filter(([, s]) => !s.right).map(([f, s]) => `${f}${s.wrong ? ' (wrong value)' : ''}`);
    if (bad.length || d.error) out.push(`  ${d.id} [${d.group}]: ${[...bad, ...(d.error ? [d.error.split('\n')[0]!] : [])].join(', ')}`);
  }
  const lines: string[] = [];
  if (out.length) lines.push(`ours, facts not right (${out.length} documents):`, ...out);
  const failing = result.submissions.filter((s) => s.errors.length);
  if (failing.length) {
    lines.push('false errors on clean submissions:');
    for (const s of failing) lines.push(`  ${s.name} (${s.files.map((f) => `${f.layout} ${f.variant}`).join(', ')}; ${s.applicationDate}): ${s.errors.map((e) => `${e.code}${e.file ? ` on ${e.file}` : ''} (${e.message})`).join('; ')}`);
  }
  for (const s of result.skippedSubmissions) lines.push(`submission ${s.name} skipped: ${s.reason}`);
  for (const b of result.buildFailures) lines.push(`build failed: ${b.id}: ${b.error.split('\n')[0]}`);
  return lines.join('\n');
}

/** Everything printed for the layouts part. */
export function layoutsReport(result: LayoutsEvalResult): string {
  const docs = result.documents;
  const pages = docs.reduce((n, d) => n + d.pages, 0);
  const ocr = docs.reduce((n, d) => n + d.ocrPages, 0);
  const order = result.options.groups.flatMap((g) => g.layouts.map((l) => l.id));
  return [
    `## Facts per layout group (engine ${result.options.engineId}; seed ${result.options.seed}; per layout ${result.options.clean} clean + ${result.options.raster} raster (${result.options.rasterVariants.join('/')}))`,
    '',
    groupTable(result),
    '',
    '### Per layout (ours · peer)',
    '',
    layoutTable(result, order),
    '',
    '### Per variant class',
    '',
    classTable(result),
    '',
    `${docs.length} documents, ${pages} pages (${ocr} by OCR), read in ${result.seconds.documents.toFixed(0)} s; ${result.submissions.length} clean submissions (${result.options.submissionVariants.join('/')}) checked in ${result.seconds.submissions.toFixed(0)} s; total ${result.seconds.total.toFixed(0)} s`,
    missList(result),
  ].join('\n');
}
