/**
 * `npm run eval`: accuracy of the pre-check over a labelled corpus, per check and quality
 * class (clean text-layer PDF / scan / photo / low-resolution scan), plus a held-out set made
 * differently (eval/heldout.ts), for one or more OCR engines side by side.
 *
 *   npm run eval                                   default engine, default corpus
 *   npm run eval -- --engines tesseract,paddle,auto
 *   npm run eval -- --seed 7 --per-kind 6 --evidence-per-kind 3 --json out.json
 *
 * Options:
 *   --seed N               corpus seed (default 4099; the tests use 2026)
 *   --per-kind N           licences and credit reports N each, pledges 2N (default 4)
 *   --evidence-per-kind N  evidence documents per indicator window (default 2)
 *   --companies N          companies the documents belong to (default 4)
 *   --variants a,b         quality classes (default clean,scan,photo,lowres)
 *   --engines a,b | all    OCR engines (default: all, side by side)
 *   --iou X                seal match threshold (default 0.5)
 *   --concurrency N        files analysed at once (default 1, so per-file times are clean)
 *   --no-held-out          skip the held-out set
 *   --json PATH            write every score, expectation and finding as JSON
 *
 * Facts per layout group (eval/layouts.ts): development layouts (test/corpus/layouts*) beside
 * held-out ones (eval/held-out-layouts/), ours beside the peer script (eval/peer.ts):
 *   --layouts-only         run just this part (quick: one engine, no corpus above)
 *   --no-layouts           skip this part
 *   --layout-engine E      the OCR engine for it (default auto)
 *   --layout-clean N       clean text-layer documents per layout (default 3)
 *   --layout-raster N      raster documents per layout (default 2)
 *   --layout-raster-variants a,b   what they cycle through (default scan,photo,lowres)
 *   --layout-submissions N clean submissions per group (default: as many as the group's
 *                          most numerous kind has layouts, at least 2)
 *   --layout-submission-variants a,b   what their files cycle through (default clean)
 *   --layout-groups a,b    dev,held-out (default both)
 *   --layout-ids a,b       only these layouts
 *   (--seed and --companies apply too; --json keeps every document's facts and scores)
 *
 * Eligibility verdicts (eval/eligibility.ts): companies that may apply and companies that may
 * not in each way (test/corpus/eligibility-cases.ts), each licence clean and as a raster copy,
 * through checkEligibility, and a few whole submissions through checkSubmission:
 *   --eligibility-only     run just this part
 *   --no-eligibility       skip this part
 *   --eligibility-engine E the OCR engine for it (default auto)
 *   --eligibility-companies N   companies per case (default 3)
 *   --eligibility-raster-variants a,b   what the raster copies cycle through (default scan,photo)
 *   --eligibility-submissions a,b   cases run as whole submissions (default eligible,branch,too-young)
 *   --eligibility-groups a,b   licence layouts: dev,held-out (default dev)
 *   --eligibility-date D   the application date (default 2026-06-18)
 *   (--seed applies too; --json keeps every verdict with its reasons and the licence facts read)
 *
 * Everything runs through the real pipeline: every company's documents go into one AA
 * submission (checkSubmission), with a few defects planted at submission level — evidence in
 * a wrong window, another company's pledge, one submission dated outside the period — and
 * each file's findings are compared with what its truth calls for (eval/metrics.ts).
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { CheckResult, Slot, Submission } from '../src/checks/schema.js';
import { checkSubmission } from '../src/checks/submission.js';
import { INDICATOR_IDS } from '../src/domain/catalogue.js';
import { clearReadCache } from '../src/reading/read.js';
import { createEngine, DEFAULT_ENGINE, ENGINE_IDS, isEngineId, type EngineId } from '../src/reading/ocr/registry.js';
import type { CorpusCompany } from '../test/corpus/companies.js';
import { ELIGIBILITY_CASES, type EligibilityCase } from '../test/corpus/eligibility-cases.js';
import { corpusCompanies, DEV_LAYOUTS, generateCorpus, VARIANTS, type CorpusItem, type Layout, type RasterBase, type Truth, type Variant } from '../test/corpus/index.js';
import { HELD_OUT_LICENCE_LAYOUTS } from './held-out-layouts/licences.js';
import { HELD_OUT_PLEDGE_LAYOUTS } from './held-out-layouts/pledges.js';
import { HELD_OUT_REPORT_LAYOUTS } from './held-out-layouts/reports.js';
import { eligibilityReport, runEligibilityEval, type EligibilityEvalResult, type EligibilityLayoutGroup } from './eligibility.js';
import { generateHeldOut } from './heldout.js';
import { layoutsReport, runLayoutsEval, type LayoutGroupInput, type LayoutsEvalResult } from './layouts.js';
import {
  compareFindings,
  expectedFindings,
  formatRate,
  isFindingCode,
  pct,
  plusDays,
  precisionRecall,
  renderTable,
  scoreItem,
  Tally,
  type Counts,
  type ItemScore,
} from './metrics.js';

// ---- Options ---------------------------------------------------------------------------

const { values: args } = parseArgs({
  options: {
    seed: { type: 'string', default: '4099' },
    'per-kind': { type: 'string', default: '4' },
    'evidence-per-kind': { type: 'string', default: '2' },
    companies: { type: 'string', default: '4' },
    variants: { type: 'string', default: VARIANTS.join(',') },
    engines: { type: 'string', default: 'all' },
    iou: { type: 'string', default: '0.5' },
    concurrency: { type: 'string', default: '1' },
    'no-held-out': { type: 'boolean', default: false },
    json: { type: 'string' },
    'layouts-only': { type: 'boolean', default: false },
    'no-layouts': { type: 'boolean', default: false },
    'layout-engine': { type: 'string', default: DEFAULT_ENGINE },
    'layout-clean': { type: 'string', default: '3' },
    'layout-raster': { type: 'string', default: '2' },
    'layout-raster-variants': { type: 'string', default: 'scan,photo,lowres' },
    'layout-submissions': { type: 'string' },
    'layout-submission-variants': { type: 'string', default: 'clean' },
    'layout-groups': { type: 'string', default: 'dev,held-out' },
    'layout-ids': { type: 'string' },
    'eligibility-only': { type: 'boolean', default: false },
    'no-eligibility': { type: 'boolean', default: false },
    'eligibility-engine': { type: 'string', default: DEFAULT_ENGINE },
    'eligibility-companies': { type: 'string', default: '3' },
    'eligibility-raster-variants': { type: 'string', default: 'scan,photo' },
    'eligibility-submissions': { type: 'string', default: 'eligible,branch,too-young' },
    'eligibility-groups': { type: 'string', default: 'dev' },
    'eligibility-date': { type: 'string', default: '2026-06-18' },
    help: { type: 'boolean', default: false },
  },
  strict: true,
});

if (args.help) {
  console.log(`npm run eval -- [--seed N] [--per-kind N] [--evidence-per-kind N] [--companies N] [--variants clean,scan,photo,lowres]
                [--engines ${ENGINE_IDS.join(',')} | all] [--iou 0.5] [--concurrency 1] [--no-held-out] [--json out.json]
                [--layouts-only | --no-layouts] [--layout-engine ${DEFAULT_ENGINE}] [--layout-clean 3] [--layout-raster 2]
                [--layout-raster-variants scan,photo,lowres] [--layout-submissions N] [--layout-submission-variants clean]
                [--layout-groups dev,held-out] [--layout-ids a,b]
                [--eligibility-only | --no-eligibility] [--eligibility-engine ${DEFAULT_ENGINE}] [--eligibility-companies 3]
                [--eligibility-raster-variants scan,photo] [--eligibility-submissions eligible,branch,too-young]
                [--eligibility-groups dev] [--eligibility-date 2026-06-18]
(default: every engine side by side; the tool's default engine is ${DEFAULT_ENGINE})`);
  process.exit(0);
}

const int = (name: string, value: string, min: number) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer ≥ ${min}, not "${value}"`);
  return n;
};
const SEED = int('seed', args.seed, 0);
const PER_KIND = int('per-kind', args['per-kind'], 1);
const EVIDENCE_PER_KIND = int('evidence-per-kind', args['evidence-per-kind'], 0);
const COMPANIES = int('companies', args.companies, 1);
const CONCURRENCY = int('concurrency', args.concurrency, 1);
const IOU = Number(args.iou);
if (!(IOU > 0 && IOU <= 1)) throw new Error(`--iou must be in (0, 1], not "${args.iou}"`);
const variants = args.variants.split(',').map((v) => v.trim());
for (const v of variants) if (!(VARIANTS as readonly string[]).includes(v)) throw new Error(`unknown variant "${v}" (${VARIANTS.join(', ')})`);
const LAYOUTS_ONLY = args['layouts-only'];
if (LAYOUTS_ONLY && args['no-layouts']) throw new Error('--layouts-only and --no-layouts exclude each other');
const ELIGIBILITY_ONLY = args['eligibility-only'];
if (ELIGIBILITY_ONLY && args['no-eligibility']) throw new Error('--eligibility-only and --no-eligibility exclude each other');
if (ELIGIBILITY_ONLY && LAYOUTS_ONLY) throw new Error('--eligibility-only and --layouts-only exclude each other');
const list = (value: string) => value.split(',').map((v) => v.trim()).filter(Boolean);
const RASTER_BASES = VARIANTS.filter((v) => v !== 'clean');
const layoutRasterVariants = list(args['layout-raster-variants']);
for (const v of layoutRasterVariants) if (!(RASTER_BASES as readonly string[]).includes(v)) throw new Error(`--layout-raster-variants: unknown "${v}" (${RASTER_BASES.join(', ')})`);
const layoutSubmissionVariants = list(args['layout-submission-variants']);
for (const v of layoutSubmissionVariants) if (!(VARIANTS as readonly string[]).includes(v)) throw new Error(`--layout-submission-variants: unknown "${v}" (${VARIANTS.join(', ')})`);
const LAYOUT_GROUPS = list(args['layout-groups']);
for (const g of LAYOUT_GROUPS) if (g !== 'dev' && g !== 'held-out') throw new Error(`--layout-groups: unknown "${g}" (dev, held-out)`);
if (!isEngineId(args['layout-engine'])) throw new Error(`--layout-engine: unknown "${args['layout-engine']}" (${ENGINE_IDS.join(', ')})`);
const layoutEngine: EngineId = args['layout-engine'];
if (!isEngineId(args['eligibility-engine'])) throw new Error(`--eligibility-engine: unknown "${args['eligibility-engine']}" (${ENGINE_IDS.join(', ')})`);
const eligibilityEngine: EngineId = args['eligibility-engine'];
const eligibilityRasterVariants = list(args['eligibility-raster-variants']);
if (!eligibilityRasterVariants.length) throw new Error('--eligibility-raster-variants: give at least one');
for (const v of eligibilityRasterVariants) if (!(RASTER_BASES as readonly string[]).includes(v)) throw new Error(`--eligibility-raster-variants: unknown "${v}" (${RASTER_BASES.join(', ')})`);
const eligibilitySubmissions = list(args['eligibility-submissions']);
for (const c of eligibilitySubmissions) if (!(ELIGIBILITY_CASES as readonly string[]).includes(c)) throw new Error(`--eligibility-submissions: unknown case "${c}" (${ELIGIBILITY_CASES.join(', ')})`);
const ELIGIBILITY_GROUPS = list(args['eligibility-groups']);
for (const g of ELIGIBILITY_GROUPS) if (g !== 'dev' && g !== 'held-out') throw new Error(`--eligibility-groups: unknown "${g}" (dev, held-out)`);
if (!/^\d{4}-\d{2}-\d{2}$/.test(args['eligibility-date'])) throw new Error(`--eligibility-date must be YYYY-MM-DD, not "${args['eligibility-date']}"`);
const engineIds = (args.engines === 'all' ? [...ENGINE_IDS] : args.engines.split(',').map((e) => e.trim())) as string[];
for (const e of engineIds) if (!(ENGINE_IDS as readonly string[]).includes(e)) throw new Error(`unknown engine "${e}" (registered: ${ENGINE_IDS.join(', ')})`);

// ---- Material --------------------------------------------------------------------------

const HELD_OUT_CLASSES = ['held-out clean', 'held-out scan'] as const;
type Cls = Variant | (typeof HELD_OUT_CLASSES)[number];

interface EvalItem {
  item: CorpusItem;
  cls: Cls;
}

interface PlannedFile {
  item: EvalItem;
  slot: Slot;
  /** Scored for the per-document checks (false for a copy planted in another submission). */
  home: boolean;
}

interface Plan {
  name: string;
  company: CorpusCompany;
  applicationDate: string;
  files: PlannedFile[];
}

const slotOf = (t: Truth): Slot => (t.kind === 'evidence' ? t.windowId : t.kind);
const insidePeriod = (date: string) => date.slice(5) >= '05-20' && date.slice(5) <= '07-20';

/**
 * One AA submission per company with all its documents, and defects planted across files:
 * every fourth evidence document in the window five places on, the next company's first
 * pledge, and (with three companies or more) the last submission dated 3 August.
 */
function plan(items: EvalItem[], companies: CorpusCompany[], prefix: string, outsideLast: boolean): Plan[] {
  let evidenceIndex = 0;
  const misplace = new Map<string, Slot>();
  for (const { item } of items) {
    if (item.truth.kind !== 'evidence') continue;
    if (evidenceIndex++ % 4 === 1) misplace.set(item.id, INDICATOR_IDS[(INDICATOR_IDS.indexOf(item.truth.windowId) + 5) % INDICATOR_IDS.length]!);
  }
  return companies.map((company, ci) => {
    const own = items.filter((e) => e.item.truth.company.creditCode === company.creditCode && e.item.truth.company.name === company.name);
    const files: PlannedFile[] = own.map((e) => ({ item: e, slot: misplace.get(e.item.id) ?? slotOf(e.item.truth), home: true }));
    const next = companies[(ci + 1) % companies.length]!;
    const foreign = companies.length > 1 ? items.find((e) => e.item.truth.kind === 'pledge' && e.item.truth.company.creditCode === next.creditCode) : undefined;
    if (foreign) files.push({ item: foreign, slot: 'pledge', home: false });
    const report = own.find((e) => e.item.truth.kind === 'credit-report');
    const applicationDate = outsideLast && ci === companies.length - 1 ? '2026-08-03' : report ? plusDays((report.item.truth as { generatedAt: string }).generatedAt, ci % 3) : '2026-06-18';
    return { name: `${prefix}${ci + 1}`, company, applicationDate, files };
  });
}

/** Submission-level findings the plan calls for: materials missing and the period. */
function expectedSubmissionFindings(p: Plan): { materials: number; outside: boolean } {
  const slots = new Set(p.files.map((f) => f.slot));
  const required = ['business-license', 'pledge', 'credit-report', ...INDICATOR_IDS];
  return { materials: required.filter((s) => !slots.has(s as Slot)).length, outside: !insidePeriod(p.applicationDate) };
}

// ---- Running ---------------------------------------------------------------------------

interface FileRecord {
  id: string;
  cls: Cls;
  submission: string;
  slot: Slot;
  home: boolean;
  pages: number;
  ocrPages: number;
  ms: number;
  score: ItemScore | null;
  expected: string[];
  actual: string[];
  findings: { code: string; severity: string }[];
}

interface EngineRun {
  id: string;
  status: 'ok' | 'unavailable';
  error?: string;
  wallSeconds: number;
  peakRssMB: number;
  files: FileRecord[];
  submissions: { name: string; verdict: string; expectedMaterials: number; materials: number; expectedOutside: boolean; outside: boolean }[];
}

/** Peak resident memory while `run` runs, sampled every 100 ms. */
async function withRss<T>(run: () => Promise<T>): Promise<{ result: T; peakMB: number }> {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 100);
  try {
    const result = await run();
    peak = Math.max(peak, process.memoryUsage.rss());
    return { result, peakMB: peak / 1024 / 1024 };
  } finally {
    clearInterval(timer);
  }
}

async function runEngine(id: string, plans: Plan[]): Promise<EngineRun> {
  clearReadCache();
  const started = performance.now();
  let engine;
  try {
    engine = await createEngine(id as EngineId);
  } catch (error) {
    return { id, status: 'unavailable', error: String((error as Error).message ?? error), wallSeconds: 0, peakRssMB: 0, files: [], submissions: [] };
  }
  try {
    const { result, peakMB } = await withRss(async () => {
      const files: FileRecord[] = [];
      const submissions: EngineRun['submissions'] = [];
      for (const p of plans) {
        const bytes = new Map(p.files.map((f) => [f.item.item.fileName, f.item.item.bytes]));
        const submission: Submission = {
          company: { name: p.company.name, creditCode: p.company.creditCode },
          level: 'AA',
          applicationDate: p.applicationDate,
          files: p.files.map((f) => ({ path: f.item.item.fileName, slot: f.slot })),
        };
        const result: CheckResult = await checkSubmission(submission, async (path) => bytes.get(path)!, { engine, concurrency: CONCURRENCY });
        p.files.forEach((f, i) => {
          const analysis = result.files[i]!;
          if (analysis.file !== f.item.item.fileName) throw new Error(`result order: ${analysis.file} ≠ ${f.item.item.fileName}`);
          const truth = f.item.item.truth;
          const fileFindings = result.findings.filter((x) => x.file === analysis.file);
          files.push({
            id: f.item.item.id,
            cls: f.item.cls,
            submission: p.name,
            slot: f.slot,
            home: f.home,
            pages: analysis.pages.length,
            ocrPages: analysis.pages.filter((pg) => pg.source === 'ocr').length,
            ms: analysis.elapsedMs,
            score: f.home ? scoreItem(truth, analysis, IOU) : null,
            expected: expectedFindings(truth, { slot: f.slot, applicant: submission.company, level: 'AA', applicationDate: p.applicationDate }),
            actual: [...new Set(fileFindings.map((x) => x.code).filter(isFindingCode))].sort(),
            findings: fileFindings.map((x) => ({ code: x.code, severity: x.severity })),
          });
        });
        const want = expectedSubmissionFindings(p);
        const general = result.findings.filter((x) => !x.file);
        submissions.push({
          name: p.name,
          verdict: result.verdict,
          expectedMaterials: want.materials,
          materials: general.filter((x) => x.code === 'QC_MATERIAL_MISSING').length,
          expectedOutside: want.outside,
          outside: general.some((x) => x.code === 'QC_OUTSIDE_APPLICATION_PERIOD'),
        });
        process.stderr.write(`  ${id}: ${p.name} done (${((performance.now() - started) / 1000).toFixed(0)} s)\n`);
      }
      return { files, submissions };
    });
    return { id, status: 'ok', wallSeconds: (performance.now() - started) / 1000, peakRssMB: peakMB, ...result };
  } finally {
    await engine.close();
  }
}

// ---- Tables ----------------------------------------------------------------------------

const CHECKS = [
  'kind',
  'credit code exact',
  'credit code wrong but valid',
  'seal precision',
  'seal recall',
  'seals on B/W copies (not scored)',
  'signature',
  'date typed exact',
  'date handwritten exact',
  'date blank → none',
  'date read wrong',
  'report period + generated',
  'report query settings',
  'report records found',
  'window top-1',
  'bullets: recall',
  'bullets: precision (lower bound)',
  'findings: file exactly right',
  'findings: precision',
  'findings: recall',
] as const;

function tally(run: EngineRun): Tally {
  const t = new Tally();
  for (const f of run.files) {
    const s = f.score;
    if (s) {
      t.rate('kind', f.cls, s.kind);
      if (s.code) {
        t.rate('credit code exact', f.cls, s.code.exact);
        t.rate('credit code wrong but valid', f.cls, s.code.wrongValid);
      }
      if (s.blackAndWhite) t.count('seal on B/W copies', f.cls, s.seals);
      else t.count('seal', f.cls, s.seals);
      if (s.signature !== undefined) t.rate('signature', f.cls, s.signature);
      if (s.date) {
        t.rate(s.date.style === 'typed' ? 'date typed exact' : s.date.style === 'handwritten' ? 'date handwritten exact' : 'date blank → none', f.cls, s.date.exact);
        t.rate('date read wrong', f.cls, s.date.wrong);
      }
      if (s.report) {
        t.rate('report period + generated', f.cls, s.report.dates);
        t.rate('report query settings', f.cls, s.report.settings);
        t.rate('report records found', f.cls, s.report.records);
      }
      if (s.window !== undefined) t.rate('window top-1', f.cls, s.window);
      if (s.bullets) t.count('bullets', f.cls, s.bullets);
    }
    const c = compareFindings(f.expected, f.actual);
    t.rate('findings: file exactly right', f.cls, c.exact);
    t.count('findings', f.cls, c);
  }
  for (const s of run.submissions) {
    t.rate('submission: materials missing counted', 'all', s.materials === s.expectedMaterials);
    t.rate('submission: period', 'all', s.outside === s.expectedOutside);
  }
  return t;
}

function cell(t: Tally, check: string, classes: readonly string[]): string {
  if (check === 'seals on B/W copies (not scored)') {
    const c = t.pooledCounts('seal on B/W copies', classes);
    return c.tp + c.fn + c.fp ? `${c.tp + c.fn}` : '—';
  }
  if (/^(seal|findings|bullets):? ?(precision|recall)/.test(check)) {
    const c: Counts = t.pooledCounts(check.split(/[: ]/)[0]!, classes);
    const pr = precisionRecall(c);
    const [k, n, v] = check.includes('precision') ? [c.tp, c.tp + c.fp, pr.precision] : [c.tp, c.tp + c.fn, pr.recall];
    return n ? `${k}/${n} ${pct(v)}` : '—';
  }
  return formatRate(t.pooled(check, classes));
}

function timeCell(run: EngineRun, classes: readonly string[]): string {
  const files = run.files.filter((f) => f.home && classes.includes(f.cls));
  const pages = files.reduce((n, f) => n + f.pages, 0);
  const ms = files.reduce((n, f) => n + f.ms, 0);
  return pages ? `${(ms / pages / 1000).toFixed(2)} s` : '—';
}

function classesOf(run: EngineRun): { columns: [string, readonly string[]][] } {
  const present = new Set(run.files.map((f) => f.cls));
  const columns: [string, readonly string[]][] = [];
  for (const v of VARIANTS) if (present.has(v)) columns.push([v, [v]]);
  const raster = VARIANTS.filter((v) => v !== 'clean' && present.has(v));
  if (raster.length > 1) columns.push(['all raster', raster]);
  for (const h of HELD_OUT_CLASSES) if (present.has(h)) columns.push([h, [h]]);
  return { columns };
}

function engineTable(run: EngineRun): string {
  const t = tally(run);
  const { columns } = classesOf(run);
  const rows = CHECKS.map((check) => [check, ...columns.map(([, cls]) => cell(t, check, cls))]);
  rows.push(['time per page (analysis)', ...columns.map(([, cls]) => timeCell(run, cls))]);
  const ocr = run.files.filter((f) => f.home).reduce((n, f) => n + f.ocrPages, 0);
  const all = run.files.filter((f) => f.home).reduce((n, f) => n + f.pages, 0);
  const subs = run.submissions.length;
  return [
    renderTable(['check', ...columns.map(([name]) => name)], rows.filter((r) => r.slice(1).some((c) => c !== '—'))),
    '',
    `submissions: ${subs}; verdicts ${run.submissions.map((s) => s.verdict).join(' ')}; materials-missing count right ${formatRate(t.pooled('submission: materials missing counted', ['all']))}; period finding right ${formatRate(t.pooled('submission: period', ['all']))}`,
    `wall ${run.wallSeconds.toFixed(0)} s for ${all} pages (${ocr} by OCR) = ${(run.wallSeconds / Math.max(1, all)).toFixed(2)} s/page; process peak RSS while it ran ${run.peakRssMB.toFixed(0)} MB (the corpus in memory included)`,
  ].join('\n');
}

function comparisonTable(runs: EngineRun[]): string {
  const ok = runs.filter((r) => r.status === 'ok');
  const raster = VARIANTS.filter((v) => v !== 'clean');
  const groups: [string, readonly string[]][] = [
    ['raster', raster],
    ['held-out', HELD_OUT_CLASSES],
  ];
  const tallies = ok.map(tally);
  const header = ['check', ...ok.flatMap((r) => groups.map(([g]) => `${r.id} ${g}`))];
  const rows = CHECKS.map((check) => [check, ...tallies.flatMap((t) => groups.map(([, cls]) => cell(t, check, cls)))]);
  rows.push(['time per page (analysis)', ...ok.flatMap((r) => groups.map(([, cls]) => timeCell(r, cls)))]);
  rows.push(['peak RSS', ...ok.flatMap((r) => groups.map(() => `${r.peakRssMB.toFixed(0)} MB`))]);
  return renderTable(header, rows.filter((r) => r.slice(1).some((c) => c !== '—')));
}

function misses(run: EngineRun): string {
  const out: string[] = [];
  const add = (what: string, ids: string[]) => {
    if (ids.length) out.push(`  ${what} (${ids.length}): ${ids.slice(0, 10).join(', ')}${ids.length > 10 ? ', …' : ''}`);
  };
  const home = run.files.filter((f) => f.score);
  add('kind', home.filter((f) => !f.score!.kind).map((f) => f.id));
  add('credit code not exact', home.filter((f) => f.score!.code && !f.score!.code.exact).map((f) => f.id));
  add('credit code wrong but valid', home.filter((f) => f.score!.code?.wrongValid).map((f) => f.id));
  add('seal missed', home.filter((f) => f.score!.seals.fn).map((f) => f.id));
  add('seal false alarm', home.filter((f) => f.score!.seals.fp).map((f) => f.id));
  add('signature', home.filter((f) => f.score!.signature === false).map((f) => f.id));
  add('date', home.filter((f) => f.score!.date && !f.score!.date.exact).map((f) => `${f.id} (${f.score!.date!.style})`));
  add('report period', home.filter((f) => f.score!.report && !f.score!.report.dates).map((f) => f.id));
  add('report settings', home.filter((f) => f.score!.report && !f.score!.report.settings).map((f) => f.id));
  add('window', home.filter((f) => f.score!.window === false).map((f) => f.id));
  const wrong = run.files.filter((f) => !compareFindings(f.expected, f.actual).exact);
  add('findings', wrong.map((f) => `${f.id}${f.home ? '' : ' (planted copy)'}: expected [${f.expected.join(' ')}] got [${f.actual.join(' ')}]`));
  return out.join('\n');
}

// ---- Main ------------------------------------------------------------------------------

/** The corpus part: every check per quality class, per engine; what --json keeps of it. */
async function corpusEval(): Promise<object> {
  const t0 = performance.now();
  console.log(`qcredit eval — seed ${SEED}, per kind ${PER_KIND} (pledges ${PER_KIND * 2}), evidence ${EVIDENCE_PER_KIND} per window, ${COMPANIES} companies, variants ${variants.join(',')}, engines ${engineIds.join(',')}, seal IoU ≥ ${IOU}`);
  const common = { seed: SEED, companies: COMPANIES, variants: variants as Variant[] };
  const corpus = [
    ...(await generateCorpus({ ...common, perKind: PER_KIND, kinds: ['business-license', 'pledge', 'credit-report'] })),
    ...(EVIDENCE_PER_KIND ? await generateCorpus({ ...common, perKind: EVIDENCE_PER_KIND, kinds: ['evidence'] }) : []),
  ];
  const companies = corpusCompanies(common);
  const items: EvalItem[] = corpus.map((item) => ({ item, cls: item.variant }));
  let plans = plan(items, companies, 'corpus-', companies.length >= 3);
  let heldOutCount = 0;
  if (!args['no-held-out']) {
    const held = await generateHeldOut({ seed: SEED });
    heldOutCount = held.items.length;
    const heldItems: EvalItem[] = held.items.map((item) => ({ item, cls: item.variant === 'clean' ? 'held-out clean' : 'held-out scan' }));
    plans = [...plans, ...plan(heldItems, held.companies, 'held-out-', false)];
  }
  const generated = (performance.now() - t0) / 1000;
  const byClass = new Map<string, number>();
  for (const p of plans) for (const f of p.files) if (f.home) byClass.set(f.item.cls, (byClass.get(f.item.cls) ?? 0) + 1);
  console.log(`generated ${corpus.length} corpus files + ${heldOutCount} held-out in ${generated.toFixed(0)} s (${[...byClass].map(([c, n]) => `${c} ${n}`).join(', ')}); ${plans.length} submissions`);

  const runs: EngineRun[] = [];
  for (const id of engineIds) {
    console.log(`\n== engine ${id}`);
    const run = await runEngine(id, plans);
    runs.push(run);
    if (run.status !== 'ok') {
      console.log(`unavailable: ${run.error}`);
      continue;
    }
    console.log(engineTable(run));
    const m = misses(run);
    if (m) console.log(`\nmisses (${id}):\n${m}`);
  }
  if (runs.filter((r) => r.status === 'ok').length > 1) console.log(`\n== engines side by side\n${comparisonTable(runs)}`);
  const total = (performance.now() - t0) / 1000;
  console.log(`\ntotal ${total.toFixed(0)} s (generation ${generated.toFixed(0)} s); process peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);

  return {
    options: { seed: SEED, perKind: PER_KIND, evidencePerKind: EVIDENCE_PER_KIND, companies: COMPANIES, variants, engines: engineIds, iou: IOU, concurrency: CONCURRENCY, heldOut: !args['no-held-out'] },
    seconds: { generation: generated, total },
    engines: runs,
  };
}

/** The layout groups, filtered by --layout-groups and --layout-ids; a wrong id is an error. */
function layoutGroupInputs(): LayoutGroupInput[] {
  const all: LayoutGroupInput[] = [
    { group: 'dev', layouts: DEV_LAYOUTS },
    { group: 'held-out', layouts: [...HELD_OUT_LICENCE_LAYOUTS, ...HELD_OUT_PLEDGE_LAYOUTS, ...HELD_OUT_REPORT_LAYOUTS] as Layout[] },
  ];
  const ids = args['layout-ids'] ? list(args['layout-ids']) : null;
  const known = new Set(all.flatMap((g) => g.layouts.map((l) => l.id)));
  for (const id of ids ?? []) if (!known.has(id)) throw new Error(`--layout-ids: unknown layout "${id}" (${[...known].join(', ')})`);
  return all
    .filter((g) => LAYOUT_GROUPS.includes(g.group))
    .map((g) => ({ group: g.group, layouts: ids ? g.layouts.filter((l) => ids.includes(l.id)) : g.layouts }))
    .filter((g) => g.layouts.length);
}

/** The layouts part (eval/layouts.ts), with one engine. */
async function layoutsEval(): Promise<LayoutsEvalResult> {
  const groups = layoutGroupInputs();
  const perKind = (g: LayoutGroupInput) => Math.max(...(['business-license', 'pledge', 'credit-report'] as const).map((k) => g.layouts.filter((l) => l.kind === k).length));
  const submissions = args['layout-submissions'] !== undefined ? int('layout-submissions', args['layout-submissions'], 0) : Math.max(2, ...groups.map(perKind));
  const clean = int('layout-clean', args['layout-clean'], 0);
  const raster = int('layout-raster', args['layout-raster'], 0);
  console.log(`\n== facts per layout group — engine ${layoutEngine}, seed ${SEED}, per layout ${clean} clean + ${raster} raster (${layoutRasterVariants.join(',')}), ${submissions} clean submissions per group (${layoutSubmissionVariants.join(',')}); layouts ${groups.map((g) => `${g.group}: ${g.layouts.map((l) => l.id).join(', ')}`).join('; ')}`);
  clearReadCache();
  const engine = await createEngine(layoutEngine);
  try {
    const result = await runLayoutsEval({
      seed: SEED,
      groups,
      clean,
      raster,
      rasterVariants: layoutRasterVariants as RasterBase[],
      submissions,
      submissionVariants: layoutSubmissionVariants as ('clean' | RasterBase)[],
      companies: COMPANIES,
      engine,
      engineId: layoutEngine,
      log: (line) => process.stderr.write(`${line}\n`),
    });
    console.log(`\n${layoutsReport(result)}`);
    return result;
  } finally {
    await engine.close();
  }
}

/** The eligibility part (eval/eligibility.ts), with one engine; held-out licences only when asked for. */
async function eligibilityEval(): Promise<EligibilityEvalResult> {
  const groups: EligibilityLayoutGroup[] = [];
  if (ELIGIBILITY_GROUPS.includes('dev')) groups.push({ group: 'dev', layouts: DEV_LAYOUTS });
  if (ELIGIBILITY_GROUPS.includes('held-out')) groups.push({ group: 'held-out', layouts: HELD_OUT_LICENCE_LAYOUTS as Layout[] });
  const companies = int('eligibility-companies', args['eligibility-companies'], 1);
  console.log(`\n== eligibility verdicts — engine ${eligibilityEngine}, seed ${SEED}, ${companies} companies per case, raster ${eligibilityRasterVariants.join(',')}, submissions ${eligibilitySubmissions.join(',') || 'none'}, groups ${groups.map((g) => g.group).join(',')}`);
  clearReadCache();
  const engine = await createEngine(eligibilityEngine);
  try {
    const result = await runEligibilityEval({
      seed: SEED,
      groups,
      companies,
      rasterVariants: eligibilityRasterVariants as RasterBase[],
      submissionCases: eligibilitySubmissions as EligibilityCase[],
      submissionLayouts: DEV_LAYOUTS,
      applicationDate: args['eligibility-date'],
      engine,
      engineId: eligibilityEngine,
      log: (line) => process.stderr.write(`${line}\n`),
    });
    console.log(`\n${eligibilityReport(result)}`);
    return result;
  } finally {
    await engine.close();
  }
}

async function main(): Promise<void> {
  const only = LAYOUTS_ONLY || ELIGIBILITY_ONLY;
  const corpus = only ? null : await corpusEval();
  const layouts = args['no-layouts'] || ELIGIBILITY_ONLY ? null : await layoutsEval();
  const eligibility = args['no-eligibility'] || LAYOUTS_ONLY ? null : await eligibilityEval();
  if (args.json) {
    const out = LAYOUTS_ONLY ? layouts : ELIGIBILITY_ONLY ? eligibility : { ...corpus, ...(layouts ? { layouts } : {}), ...(eligibility ? { eligibility } : {}) };
    await writeFile(args.json, JSON.stringify(out, null, 2));
    console.log(`wrote ${args.json}`);
  }
}

await main();
