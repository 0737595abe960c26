/**
 * Eligibility verdicts (基本资质) on generated applicants: companies that may apply, and
 * companies that may not in each way the rules know (test/corpus/eligibility-cases.ts), each
 * licence made by a licence layout, uploaded as a clean text-layer PDF and as a raster copy.
 *
 * Two parts:
 *  - scoring (pure): an Eligibility against what the case calls for — the verdict right (an
 *    eligible company has no eligibility error; an ineligible one an error on the rule broken,
 *    with its code), "flagged" (an ineligible one has at least an error or a warning on that
 *    rule: a reviewer looks), false errors (an eligible company turned away) and errors on a
 *    rule the case does not break;
 *  - the runner: each licence through `checkEligibility` as the applicant would use it (level
 *    AA, the rating held, the name and code typed), and a few whole submissions (licence,
 *    pledge, credit report) through `checkSubmission`, scored on `result.eligibility`; and its
 *    tables (markdown).
 *
 * The layouts are given by the caller, per group, as in eval/layouts.ts: this module does not
 * import the held-out layouts, so that a test may import it.
 */
import { isQcError } from '../src/errors.js';
import type { LicenceFields } from '../src/fields/licence.js';
import type { EligibilityRule } from '../src/checks/eligibility.js';
import { checkEligibility, type EligibilityRequest } from '../src/checks/eligibility-request.js';
import type { Submission } from '../src/checks/schema.js';
import { checkSubmission } from '../src/checks/submission.js';
import { addYears } from '../src/domain/dates.js';
import type { OcrEngine } from '../src/reading/ocr/engine.js';
import { generateCompanies, type CorpusCompany } from '../test/corpus/companies.js';
import { companyForCase, ELIGIBILITY_CASES, EXPECTED, type EligibilityCase, type EligibilityExpectation } from '../test/corpus/eligibility-cases.js';
import { BODY_WEIGHTS, BOLD_WEIGHTS } from '../test/corpus/fonts.js';
import { layoutsOf, type Layout, type LayoutGroup } from '../test/corpus/layouts.js';
import { createRng, type Rng } from '../test/corpus/random.js';
import { rasterize } from '../test/corpus/raster.js';
import type { BuiltDocument, BusinessLicenseTruth, DocTruth, RasterBase } from '../test/corpus/types.js';
import { fitsCleanSubmission, markdownTable, sameText, type VariantClass } from './layouts.js';

// ---- Scoring ---------------------------------------------------------------------------

/** The part of an eligibility reason scored here (an EligibilityReason has it). */
export interface ScoredReason {
  rule: EligibilityRule;
  code: string;
  severity: string;
}

export interface EligibilityScore {
  /** Eligible: no eligibility error. Ineligible: an error on the expected rule with the expected code. */
  right: boolean;
  /** Ineligible: an error or a warning on the expected rule. Eligible: the same as right. */
  flagged: boolean;
  /** Eligible cases: every reason of severity error (each one turns away a company that may apply). */
  falseErrors: ScoredReason[];
  /** Errors on a rule other than the expected one (on an eligible case: every error). */
  wrongRule: ScoredReason[];
  /** Ineligible: the expected rule gave an error with another code (e.g. a branch called a partnership). */
  wrongCode: string | null;
  /** Warnings (on any rule): what a reviewer is asked to look at. */
  warnings: ScoredReason[];
}

const scored = (r: ScoredReason): ScoredReason => ({ rule: r.rule, code: r.code, severity: r.severity });

/** One verdict against what the case calls for. */
export function scoreEligibility(expected: EligibilityExpectation, eligibility: { eligible: boolean; reasons: readonly ScoredReason[] }): EligibilityScore {
  const errors = eligibility.reasons.filter((r) => r.severity === 'error').map(scored);
  const warnings = eligibility.reasons.filter((r) => r.severity === 'warning').map(scored);
  if (expected.eligible || expected.rule === null) {
    const right = errors.length === 0 && eligibility.eligible;
    return { right, flagged: right, falseErrors: errors, wrongRule: errors, wrongCode: null, warnings };
  }
  const onRule = errors.filter((r) => r.rule === expected.rule);
  const right = onRule.some((r) => r.code === expected.code) && !eligibility.eligible;
  const flagged = right || eligibility.reasons.some((r) => r.rule === expected.rule && (r.severity === 'error' || r.severity === 'warning'));
  return {
    right,
    flagged,
    falseErrors: [],
    wrongRule: errors.filter((r) => r.rule !== expected.rule),
    wrongCode: right ? null : (onRule[0]?.code ?? null),
    warnings,
  };
}

// ---- Records and tallies ---------------------------------------------------------------

/** The licence's eligibility facts: as printed (truth) or as read (termTo null for 长期 in the truth; see termOpen when read). */
export type LicenceFacts = Pick<LicenceFields, 'name' | 'entityType' | 'establishedOn' | 'termTo' | 'termOpen' | 'address' | 'registrationAuthority'>;

export interface EligibilityRecord {
  id: string;
  case: EligibilityCase;
  group: LayoutGroup;
  layout: string;
  variant: 'clean' | RasterBase;
  /** How the verdict was asked for: `checkEligibility` with the licence, or a whole submission. */
  via: 'eligibility' | 'submission';
  company: { name: string; creditCode: string };
  fileName: string;
  ms: number;
  /** Set when the check threw (the verdict is then scored as not right, never flagged). */
  error?: string;
  truth: LicenceFacts;
  read: LicenceFacts | null;
  eligible: boolean | null;
  reasons: (ScoredReason & { status: string; message: string })[];
  /** Problems reading the licence (unreadable, not a licence …). */
  fileFindings: string[];
  score: EligibilityScore;
  /** Submissions: the overall verdict and its error codes. */
  submission?: { verdict: 'pass' | 'fail'; errors: string[] };
}

export const classOfVariant = (v: 'clean' | RasterBase): VariantClass => (v === 'clean' ? 'clean' : 'raster');

export interface Rate {
  k: number;
  n: number;
}

const fmt = (r: Rate) => (r.n ? `${r.k}/${r.n}` : '—');
const count = <T>(items: readonly T[], pick: (t: T) => boolean): Rate => ({ k: items.filter(pick).length, n: items.length });

type Scored = Pick<EligibilityRecord, 'case' | 'variant' | 'score'>;

/**
 * One row per case and two totals (may apply / may not), for the records given: verdict right
 * on clean and raster copies, flagged on raster copies (ineligible cases), false errors
 * (eligible cases) and errors on another rule (ineligible cases), all copies.
 */
export function caseTable(records: readonly Scored[], cases: readonly EligibilityCase[] = ELIGIBILITY_CASES): string {
  const header = ['case', 'expected', 'clean right', 'raster right', 'raster flagged', 'false errors', 'wrong-rule errors'];
  const row = (label: string, expected: string, rs: readonly Scored[], eligible: boolean): string[] => {
    const clean = rs.filter((r) => classOfVariant(r.variant) === 'clean');
    const raster = rs.filter((r) => classOfVariant(r.variant) === 'raster');
    return [
      label,
      expected,
      fmt(count(clean, (r) => r.score.right)),
      fmt(count(raster, (r) => r.score.right)),
      eligible ? '—' : fmt(count(raster, (r) => r.score.flagged)),
      eligible ? fmt(count(rs, (r) => r.score.falseErrors.length > 0)) : '—',
      eligible ? '—' : fmt(count(rs, (r) => r.score.wrongRule.length > 0)),
    ];
  };
  const rows = cases.flatMap((c) => {
    const rs = records.filter((r) => r.case === c);
    if (!rs.length) return [];
    const e = EXPECTED[c];
    return [row(c, e.eligible ? 'eligible' : `${e.rule}: ${e.code}`, rs, e.eligible)];
  });
  const may = records.filter((r) => EXPECTED[r.case].eligible);
  const mayNot = records.filter((r) => !EXPECTED[r.case].eligible);
  if (may.length) rows.push(row('**all eligible**', '', may, true));
  if (mayNot.length) rows.push(row('**all ineligible**', '', mayNot, false));
  return markdownTable(header, rows);
}

/** What a record read differently from what its licence prints (the facts eligibility uses). */
export function misreadFacts(truth: LicenceFacts, read: LicenceFacts | null): string[] {
  if (!read) return ['nothing read'];
  const out: string[] = [];
  const text = (key: 'name' | 'entityType' | 'address' | 'registrationAuthority') => {
    const want = truth[key];
    const got = read[key];
    if (want === null ? got !== null : got === null || !sameText(got, want)) out.push(`${key} ${JSON.stringify(got)} (printed ${JSON.stringify(want)})`);
  };
  text('name');
  text('entityType');
  if (read.establishedOn !== truth.establishedOn) out.push(`establishedOn ${read.establishedOn} (printed ${truth.establishedOn})`);
  const term = (f: LicenceFacts, printed: boolean) => (printed ? (f.termTo ?? '长期') : f.termOpen ? '长期' : (f.termTo ?? 'null'));
  if (term(read, false) !== term(truth, true)) out.push(`term ${term(read, false)} (printed ${term(truth, true)})`);
  text('registrationAuthority');
  text('address');
  return out;
}

/** Every record not right, every error on another rule, and warnings on eligible raster copies. */
export function missList(records: readonly EligibilityRecord[]): string {
  const lines: string[] = [];
  const line = (r: EligibilityRecord, what: string) => {
    const misread = misreadFacts(r.truth, r.read);
    const file = r.fileFindings.length ? `; file: ${r.fileFindings.join(', ')}` : '';
    lines.push(`  ${r.id} [${r.group} ${r.layout} ${r.variant}${r.via === 'submission' ? ', submission' : ''}]: ${what}${r.error ? ` — ${r.error.split('\n')[0]}` : ''}${misread.length ? `; misread: ${misread.join(', ')}` : ''}${file}`);
  };
  const describe = (rs: readonly (ScoredReason & { message?: string })[]) => rs.map((x) => `${x.rule} ${x.severity} ${x.code}`).join('; ');
  for (const r of records) {
    const e = EXPECTED[r.case];
    const s = r.score;
    const onRule = r.reasons.filter((x) => x.rule === e.rule && x.severity !== 'info');
    if (!s.right) {
      const got = e.eligible ? `false error: ${describe(s.falseErrors)}` : s.wrongCode ? `wrong code ${s.wrongCode}` : s.flagged ? `only a warning: ${describe(onRule)}` : `missed (${e.rule} ${r.reasons.find((x) => x.rule === e.rule)?.status ?? 'no reason'})`;
      line(r, got);
    } else if (s.wrongRule.length) {
      line(r, `right, but errors on other rules: ${describe(s.wrongRule)}`);
    } else if (e.eligible && s.warnings.length && r.via === 'eligibility') {
      line(r, `eligible, warnings: ${describe(s.warnings)}`);
    }
  }
  return lines.length ? ['not right, errors on other rules, and warnings on eligible copies:', ...lines].join('\n') : '';
}

// ---- The runner ------------------------------------------------------------------------

export interface EligibilityLayoutGroup {
  group: LayoutGroup;
  layouts: readonly Layout[];
}

export interface EligibilityEvalOptions {
  seed: number;
  /** Licence layouts per group (other kinds are ignored). */
  groups: readonly EligibilityLayoutGroup[];
  cases?: readonly EligibilityCase[];
  /** Companies per case. */
  companies: number;
  /** The raster copies cycle through these. */
  rasterVariants: readonly RasterBase[];
  /** Cases run as whole submissions (licence, pledge, credit report), one each. */
  submissionCases: readonly EligibilityCase[];
  /** Pledge and credit report layouts for the submissions (the dev ones). */
  submissionLayouts: readonly Layout[];
  applicationDate: string;
  engine: OcrEngine;
  engineId: string;
  log?: (line: string) => void;
}

export interface EligibilityEvalResult {
  options: Omit<EligibilityEvalOptions, 'engine' | 'log' | 'groups' | 'submissionLayouts'> & { groups: { group: LayoutGroup; layouts: string[] }[]; currentRating: { level: 'A'; since: string } };
  records: EligibilityRecord[];
  /** Layouts that cannot show a case's company as it is (the branch layout makes a branch of any). */
  skipped: { group: LayoutGroup; case: EligibilityCase; layout: string; reason: string }[];
  seconds: { licences: number; submissions: number; total: number };
}

/** A fixed creation day for raster files' metadata: nothing may depend on the clock. */
const RASTER_DATE = new Date(Date.UTC(2026, 5, 1, 9, 30));

const fontsOf = (rng: Rng) => ({ body: rng.pick(BODY_WEIGHTS), bold: rng.pick(BOLD_WEIGHTS) });

/** A licence's truth as a layout builds it (before it is uploaded as a variant). */
type LicenceTruth = BuiltDocument<BusinessLicenseTruth>['truth'];

function licenceTruthFacts(t: LicenceTruth): LicenceFacts {
  return { name: t.name, entityType: t.entityType, establishedOn: t.establishedOn, termTo: t.termUntil, termOpen: t.termUntil === null, address: t.address, registrationAuthority: t.registrationAuthority };
}

/**
 * Whether a licence shows the company as the case made it: its name, code, type, founding day,
 * and a term that is over, or not, on the application day as the company's is. A layout that
 * makes something else of it (a branch of it) cannot show the case; one that prints a term of
 * its era (a day shorter, 长期 for a fixed one) may, while the term says the same on that day.
 */
export function showsCompany(t: LicenceTruth, c: CorpusCompany, applicationDate: string): boolean {
  const valid = (termUntil: string | null) => termUntil === null || termUntil >= applicationDate;
  return t.name === c.name && t.code === c.creditCode && sameText(t.entityType, c.type) && t.establishedOn === c.establishedOn && valid(t.termUntil) === valid(c.termUntil);
}

async function upload(built: BuiltDocument, variant: 'clean' | RasterBase, rng: Rng, stem: string): Promise<{ bytes: Uint8Array; fileName: string }> {
  if (variant === 'clean') return { bytes: built.pdf, fileName: `${stem}.pdf` };
  const r = await rasterize(built.pdf, built.truth.pages, variant, rng, RASTER_DATE);
  return { bytes: r.bytes, fileName: `${stem}.${r.mime === 'image/jpeg' ? 'jpg' : 'pdf'}` };
}

const failure = (error: unknown) => (isQcError(error) ? `${error.code}: ${error.message}` : `unexpected: ${String((error as Error).stack ?? error)}`);

function reasonsOf(e: { reasons: readonly EligibilityRecord['reasons'][number][] }): EligibilityRecord['reasons'] {
  return e.reasons.map((r) => ({ rule: r.rule, code: r.code, severity: r.severity, status: r.status, message: r.message }));
}

function readFacts(l: LicenceFacts | null | undefined): LicenceFacts | null {
  return l ? { name: l.name, entityType: l.entityType, establishedOn: l.establishedOn, termTo: l.termTo, termOpen: l.termOpen, address: l.address, registrationAuthority: l.registrationAuthority } : null;
}

interface CaseLicence {
  layout: Layout & { kind: 'business-license' };
  built: BuiltDocument<BusinessLicenseTruth>;
  rng: Rng;
}

/** The case's licence by the first layout (from `start` on, in turn) that shows the company as it is. */
async function licenceFor(
  layouts: readonly (Layout & { kind: 'business-license' })[],
  start: number,
  company: CorpusCompany,
  applicationDate: string,
  label: string,
  onSkip: (layout: string, reason: string) => void,
): Promise<CaseLicence | null> {
  for (let k = 0; k < layouts.length; k++) {
    const layout = layouts[(start + k) % layouts.length]!;
    const rng = createRng(`${label}-${layout.id}`);
    let built: BuiltDocument<BusinessLicenseTruth>;
    try {
      built = await layout.build({ company, rng: rng.fork('document'), fonts: fontsOf(rng.fork('fonts')) });
    } catch (error) {
      onSkip(layout.id, `build failed: ${(error as Error).message}`);
      continue;
    }
    if (showsCompany(built.truth, company, applicationDate)) return { layout, built, rng };
    onSkip(layout.id, `prints another company or term (${built.truth.name}, ${built.truth.entityType}, ${built.truth.establishedOn} 至 ${built.truth.termUntil ?? '长期'})`);
  }
  return null;
}

const ATTEMPTS = 40;

/** A pledge or credit report of the company that fits a clean submission on the date, or null. */
async function fittingDocument(layout: Layout, company: CorpusCompany, label: string, applicationDate: string): Promise<BuiltDocument | null> {
  const applicant = { name: company.name, creditCode: company.creditCode };
  for (let a = 0; a < ATTEMPTS; a++) {
    const rng = createRng(`${label}-${a}`);
    const ctx = { company, rng: rng.fork('document'), fonts: fontsOf(rng.fork('fonts')) };
    const built: BuiltDocument = layout.kind === 'pledge' ? await layout.build({ ...ctx, state: 'complete-typed-date' }) : await layout.build(ctx);
    const truth = built.truth as DocTruth;
    // Dated on or before the application: a report generated later or a pledge signed later is not in order.
    const dated = truth.kind === 'credit-report' ? truth.generatedAt.slice(0, 10) : truth.kind === 'pledge' ? truth.signedDate : null;
    if (dated !== null && dated > applicationDate) continue;
    if (fitsCleanSubmission(truth, { applicant, applicationDate })) return built;
  }
  return null;
}

export async function runEligibilityEval(options: EligibilityEvalOptions): Promise<EligibilityEvalResult> {
  const t0 = performance.now();
  const log = options.log ?? (() => {});
  const cases = options.cases ?? ELIGIBILITY_CASES;
  const date = options.applicationDate;
  const currentRating = { level: 'A' as const, since: addYears(date, -3) };
  const bases = generateCompanies(createRng(`eligibility-${options.seed}`).fork('companies'), options.companies);
  const { engine, log: _log, groups, submissionLayouts: _sl, ...rest } = options;
  const result: EligibilityEvalResult = {
    options: { ...rest, cases, groups: groups.map((g) => ({ group: g.group, layouts: layoutsOf(g.layouts, 'business-license').map((l) => l.id) })), currentRating },
    records: [],
    skipped: [],
    seconds: { licences: 0, submissions: 0, total: 0 },
  };
  const companyOf = (c: EligibilityCase, ci: number) => companyForCase(c, bases[ci]!, date, createRng(`eligibility-${options.seed}-${c}-${ci}`));
  const skip = (group: LayoutGroup, c: EligibilityCase) => (layout: string, reason: string) => {
    if (!result.skipped.some((s) => s.group === group && s.case === c && s.layout === layout)) result.skipped.push({ group, case: c, layout, reason });
  };

  // Each licence, clean and raster, through checkEligibility as the applicant would ask.
  for (const { group, layouts } of groups) {
    const licences = layoutsOf(layouts, 'business-license');
    if (!licences.length) continue;
    for (const [caseIndex, c] of cases.entries()) {
      for (let ci = 0; ci < options.companies; ci++) {
        const company = companyOf(c, ci);
        const label = `eligibility-${options.seed}-${group}-${c}-${ci}`;
        const licence = await licenceFor(licences, ci + caseIndex, company, date, label, skip(group, c));
        if (!licence) continue;
        const rasterVariant = options.rasterVariants[(ci + caseIndex) % options.rasterVariants.length]!;
        for (const variant of ['clean', rasterVariant] as const) {
          const id = `${group}-${c}-${ci + 1}-${variant}`;
          const file = await upload(licence.built, variant, licence.rng.fork('raster'), id);
          const request: EligibilityRequest = { level: 'AA', applicationDate: date, company: { name: company.name, creditCode: company.creditCode }, currentRating };
          const started = performance.now();
          let answer: Awaited<ReturnType<typeof checkEligibility>> | null = null;
          let error: string | undefined;
          try {
            answer = await checkEligibility(request, { licence: { bytes: file.bytes, name: file.fileName } }, { engine });
          } catch (e) {
            error = failure(e);
          }
          const ms = performance.now() - started;
          const reasons = answer ? reasonsOf(answer) : [];
          const score = answer ? scoreEligibility(EXPECTED[c], answer) : { right: false, flagged: false, falseErrors: [], wrongRule: [], wrongCode: null, warnings: [] };
          result.records.push({
            id,
            case: c,
            group,
            layout: licence.layout.id,
            variant,
            via: 'eligibility',
            company: { name: company.name, creditCode: company.creditCode },
            fileName: file.fileName,
            ms,
            ...(error ? { error } : {}),
            truth: licenceTruthFacts(licence.built.truth),
            read: readFacts(answer?.licence ?? null),
            eligible: answer ? answer.eligible : null,
            reasons,
            fileFindings: (answer?.fileFindings ?? []).map((f) => `${f.severity} ${f.code}`),
            score,
          });
          log(`  ${id} (${licence.layout.id}): ${score.right ? 'right' : score.flagged ? 'flagged' : 'WRONG'} in ${(ms / 1000).toFixed(1)} s`);
        }
      }
    }
  }
  const t1 = performance.now();

  // A few whole submissions, clean, of the first group: the verdict as checkSubmission gives it.
  const first = groups.find((g) => layoutsOf(g.layouts, 'business-license').length);
  const pledgeLayout = layoutsOf(options.submissionLayouts, 'pledge')[0];
  const reportLayout = layoutsOf(options.submissionLayouts, 'credit-report')[0];
  if (first && pledgeLayout && reportLayout) {
    for (const [s, c] of options.submissionCases.entries()) {
      const ci = s % options.companies;
      const company = companyOf(c, ci);
      const label = `eligibility-submission-${options.seed}-${c}-${ci}`;
      const licence = await licenceFor(layoutsOf(first.layouts, 'business-license'), s, company, date, label, skip(first.group, c));
      const pledge = await fittingDocument(pledgeLayout, company, `${label}-pledge`, date);
      const report = await fittingDocument(reportLayout, company, `${label}-report`, date);
      if (!licence || !pledge || !report) {
        log(`  submission ${c}: skipped (${[!licence && 'no licence', !pledge && 'no pledge', !report && 'no credit report'].filter(Boolean).join(', ')} fits)`);
        continue;
      }
      const id = `${first.group}-${c}-submission`;
      const files = [
        { slot: 'business-license' as const, fileName: `${id}-1-营业执照.pdf`, bytes: licence.built.pdf },
        { slot: 'pledge' as const, fileName: `${id}-2-承诺书.pdf`, bytes: pledge.pdf },
        { slot: 'credit-report' as const, fileName: `${id}-3-专项信用报告.pdf`, bytes: report.pdf },
      ];
      const bytes = new Map(files.map((f) => [f.fileName, f.bytes]));
      const submission: Submission = { company: { name: company.name, creditCode: company.creditCode }, level: 'AA', applicationDate: date, currentRating, files: files.map((f) => ({ path: f.fileName, slot: f.slot })) };
      const started = performance.now();
      let checked: Awaited<ReturnType<typeof checkSubmission>> | null = null;
      let error: string | undefined;
      try {
        checked = await checkSubmission(submission, async (path) => bytes.get(path)!, { engine, concurrency: 1, noCache: true });
      } catch (e) {
        error = failure(e);
      }
      const ms = performance.now() - started;
      const score = checked ? scoreEligibility(EXPECTED[c], checked.eligibility) : { right: false, flagged: false, falseErrors: [], wrongRule: [], wrongCode: null, warnings: [] };
      const licenceFile = checked?.files[0];
      result.records.push({
        id,
        case: c,
        group: first.group,
        layout: licence.layout.id,
        variant: 'clean',
        via: 'submission',
        company: submission.company,
        fileName: files[0]!.fileName,
        ms,
        ...(error ? { error } : {}),
        truth: licenceTruthFacts(licence.built.truth),
        read: readFacts(licenceFile?.licence ?? null),
        eligible: checked ? checked.eligibility.eligible : null,
        reasons: checked ? reasonsOf(checked.eligibility) : [],
        fileFindings: [],
        score,
        ...(checked ? { submission: { verdict: checked.verdict, errors: [...new Set(checked.findings.filter((f) => f.severity === 'error').map((f) => f.code))] } } : {}),
      });
      log(`  submission ${c}: eligibility ${score.right ? 'right' : 'WRONG'}, verdict ${checked?.verdict ?? 'failed'} in ${(ms / 1000).toFixed(1)} s`);
    }
  }
  const t2 = performance.now();
  result.seconds = { licences: (t1 - t0) / 1000, submissions: (t2 - t1) / 1000, total: (t2 - t0) / 1000 };
  return result;
}

// ---- Tables ----------------------------------------------------------------------------

/** Whole submissions: the eligibility verdict and the submission's own. */
export function submissionTable(records: readonly EligibilityRecord[]): string {
  const subs = records.filter((r) => r.via === 'submission');
  if (!subs.length) return '';
  const rows = subs.map((r) => {
    const e = EXPECTED[r.case];
    return [
      r.case,
      r.layout,
      e.eligible ? 'eligible' : `${e.rule}: ${e.code}`,
      r.eligible === null ? 'failed' : r.eligible ? 'eligible' : 'ineligible',
      r.score.right ? 'yes' : 'no',
      r.submission ? `${r.submission.verdict}${r.submission.errors.length ? ` (${r.submission.errors.join(', ')})` : ''}` : '—',
    ];
  });
  return markdownTable(['case', 'licence layout', 'expected', 'result.eligibility', 'right', 'verdict (errors)'], rows);
}

/** Everything printed for the eligibility part. */
export function eligibilityReport(result: EligibilityEvalResult): string {
  const o = result.options;
  const lines = [
    `## Eligibility verdicts (engine ${o.engineId}; seed ${o.seed}; ${o.companies} companies per case; application ${o.applicationDate}, AA, holding A since ${o.currentRating.since}; raster ${o.rasterVariants.join('/')})`,
  ];
  for (const g of o.groups) {
    const records = result.records.filter((r) => r.group === g.group && r.via === 'eligibility');
    if (!records.length) continue;
    lines.push('', `### ${g.group} licence layouts (${[...new Set(records.map((r) => r.layout))].join(', ')}) — checkEligibility with the licence`, '', caseTable(records, o.cases));
  }
  const subs = submissionTable(result.records);
  if (subs) lines.push('', '### Whole submissions (clean licence, pledge and credit report; checkSubmission → result.eligibility)', '', subs);
  const docs = result.records.filter((r) => r.via === 'eligibility');
  const raster = docs.filter((r) => r.variant !== 'clean');
  lines.push(
    '',
    `${docs.length} licences (${raster.length} raster: ${raster.length ? (raster.reduce((n, r) => n + r.ms, 0) / raster.length / 1000).toFixed(1) : '—'} s each) in ${result.seconds.licences.toFixed(0)} s; ${result.records.length - docs.length} submissions in ${result.seconds.submissions.toFixed(0)} s; total ${result.seconds.total.toFixed(0)} s`,
  );
  for (const key of new Set(result.skipped.map((s) => `${s.group} ${s.layout}`))) {
    const of = result.skipped.filter((s) => `${s.group} ${s.layout}` === key);
    lines.push(`layout ${of[0]!.layout} [${of[0]!.group}] not used for ${of.map((s) => s.case).join(', ')}: e.g. ${of[0]!.reason}`);
  }
  const misses = missList(result.records);
  if (misses) lines.push(misses);
  return lines.join('\n');
}
