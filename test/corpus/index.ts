/**
 * A deterministic, labelled corpus of realistic Chinese application documents for tests and
 * accuracy evaluation: business licences, pledges, credit reports and evidence for each of
 * the 11 indicator windows, each as a clean text-layer PDF or as a scan, a phone photo or a
 * low-resolution scan, with ground truth (see ./types.ts for the truth and its coordinates).
 *
 *   const items = await generateCorpus();                 // the default corpus, seed 2026
 *   const big = await generateCorpus({ perKind: 12 });    // more of everything, for evaluation
 *   await writeCorpus('/tmp/corpus');                     // files + truth JSON + previews
 *
 * Everything derives from the seed: the same options give byte-identical files and truth.
 * Every document has its own random stream (forked from the seed by its id), so changing
 * `perKind` adds or removes documents without changing the others.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { INDICATOR_IDS } from '../../src/domain/catalogue.js';
import { generateCompanies, type CorpusCompany } from './companies.js';
import { buildEvidence, templatesFor } from './evidence.js';
import { BODY_WEIGHTS, BOLD_WEIGHTS, type FontChoice } from './fonts.js';
import { CLASSIC_LAYOUTS, layoutsOf, type Layout } from './layouts.js';
import { PLEDGE_STATES } from './pledge.js';
import { imagePreview, pdfPreviews } from './preview.js';
import { createRng, type Rng } from './random.js';
import { rasterize, type StoredTurn } from './raster.js';
import { HARD_VARIANTS, KINDS, VARIANTS, type BuiltDocument, type CorpusItem, type CorpusKind, type HardVariant, type RasterBase, type Truth, type Variant } from './types.js';

export * from './types.js';
export { generateCompanies, type CorpusCompany } from './companies.js';
export { EVIDENCE_TEMPLATES, templatesFor } from './evidence.js';
export { PLEDGE_STATES } from './pledge.js';
export { CLASSIC_LAYOUTS, DEV_LAYOUTS, layoutsOf, type Layout, type LayoutGroup } from './layouts.js';
export type { StoredTurn } from './raster.js';

export interface CorpusOptions {
  /** 2026 by default. */
  seed?: number;
  /**
   * Documents per kind: that many business licences and credit reports, twice as many
   * pledges (they have eight states), and that many evidence documents per indicator
   * window. 4 by default (60 files); raise it for evaluation.
   */
  perKind?: number;
  /** Number of fictitious companies the documents are spread over; 4 by default. */
  companies?: number;
  /** Variants to cycle through; all four by default. */
  variants?: readonly Variant[];
  /** Kinds to generate; all by default. */
  kinds?: readonly CorpusKind[];
  /** Documents built at the same time (rendering overlaps with encoding); 2 by default. */
  concurrency?: number;
  /**
   * Documents per hard variant (see HARD_VARIANTS), added after the others; 0 by default.
   * Each is a document of its own (its own random stream), so the other items are unchanged.
   * `kinds` applies: handwritten codes and codes under seals are pledges.
   */
  hard?: number;
  /** Which hard variants `hard` makes; all of HARD_VARIANTS by default. */
  hardVariants?: readonly HardVariant[];
  /** Keep each raster copy's text-layer PDF in `item.source` (for measuring OCR); off by default. */
  keepSource?: boolean;
  /**
   * The layouts to make licences, pledges and credit reports in (./layouts.ts); document i of
   * a kind uses that kind's layout i mod n. CLASSIC_LAYOUTS by default (one per kind), so
   * that a seed keeps its documents. A kind with no layout here falls back to its classic one.
   */
  layouts?: readonly Layout[];
}

interface Job {
  id: string;
  kind: CorpusKind;
  variant: Variant;
  company: CorpusCompany;
  rng: Rng;
  build: (rng: Rng, fonts: FontChoice) => Promise<BuiltDocument>;
  /** Hard variants: what the pixels are made as, and how they are stored. */
  base?: RasterBase;
  stored?: StoredTurn;
}

/** `count` variants covering every variant once before any repeats, in a seeded order. */
function variantCycle(rng: Rng, variants: readonly Variant[], count: number): Variant[] {
  const out: Variant[] = [];
  while (out.length < count) out.push(...rng.shuffle(variants));
  return out.slice(0, count);
}

const pad = (n: number) => String(n + 1).padStart(2, '0');

type Resolved = Required<Omit<CorpusOptions, 'concurrency' | 'keepSource'>>;

/** The layouts of `kind` to cycle through (the classic one when none is given). */
function layoutCycle<K extends Layout['kind']>(options: Resolved, kind: K): Extract<Layout, { kind: K }>[] {
  const given = layoutsOf(options.layouts, kind);
  return given.length ? given : layoutsOf(CLASSIC_LAYOUTS, kind);
}

function plan(options: Resolved): { jobs: Job[]; companies: CorpusCompany[] } {
  const root = createRng(options.seed);
  const companies = generateCompanies(root.fork('companies'), options.companies);
  const jobs: Job[] = [];
  const licences = layoutCycle(options, 'business-license');
  const pledges = layoutCycle(options, 'pledge');
  const reports = layoutCycle(options, 'credit-report');
  const wants = (kind: CorpusKind) => options.kinds.includes(kind);
  const add = (kind: CorpusKind, key: string, i: number, variant: Variant, build: Job['build']) => {
    const id = `${key}-${pad(i)}-${variant}`;
    jobs.push({ id, kind, variant, company: companies[i % companies.length]!, rng: root.fork(`${key}-${i}`), build });
  };
  if (wants('business-license')) {
    const variants = variantCycle(root.fork('v-license'), options.variants, options.perKind);
    for (let i = 0; i < options.perKind; i++) {
      const company = companies[i % companies.length]!;
      const layout = licences[i % licences.length]!;
      add('business-license', 'business-license', i, variants[i]!, (rng, fonts) => layout.build({ company, rng, fonts }));
    }
  }
  if (wants('pledge')) {
    const count = options.perKind * 2;
    const variants = variantCycle(root.fork('v-pledge'), options.variants, count);
    for (let i = 0; i < count; i++) {
      const company = companies[i % companies.length]!;
      const state = PLEDGE_STATES[i % PLEDGE_STATES.length]!;
      const layout = pledges[i % pledges.length]!;
      add('pledge', 'pledge', i, variants[i]!, (rng, fonts) => layout.build({ company, rng, fonts, state }));
    }
  }
  if (wants('credit-report')) {
    const variants = variantCycle(root.fork('v-credit'), options.variants, options.perKind);
    for (let i = 0; i < options.perKind; i++) {
      const company = companies[i % companies.length]!;
      const layout = reports[i % reports.length]!;
      add('credit-report', 'credit-report', i, variants[i]!, (rng, fonts) => layout.build({ company, rng, fonts }));
    }
  }
  if (wants('evidence')) {
    INDICATOR_IDS.forEach((window, w) => {
      const templates = templatesFor(window);
      const variants = variantCycle(root.fork(`v-${window}`), options.variants, options.perKind);
      for (let i = 0; i < options.perKind; i++) {
        const company = companies[(i + w) % companies.length]!;
        const template = templates[i % templates.length]!;
        const id = `evidence-${window}-${pad(i)}-${variants[i]}`;
        jobs.push({ id, kind: 'evidence', variant: variants[i]!, company, rng: root.fork(`evidence-${window}-${i}`), build: (rng, fonts) => buildEvidence(company, rng, fonts, template) });
      }
    });
  }
  if (options.hard > 0) jobs.push(...hardJobs(options, root, companies));
  return { jobs, companies };
}

/**
 * The hard variants' documents. Codes by hand and under seals are pledges (scans and photos
 * alternating); rotated pages cycle through licences, pledges and credit reports and through
 * 90°, 180° and 270°; EXIF-rotated files are single-page JPEGs (licences and pledges) tagged 6, 3
 * or 8 in turn.
 */
function hardJobs(options: Resolved, root: Rng, companies: CorpusCompany[]): Job[] {
  const jobs: Job[] = [];
  const wants = (kind: CorpusKind) => options.kinds.includes(kind);
  const licences = layoutCycle(options, 'business-license');
  const reports = layoutCycle(options, 'credit-report');
  const pledges = layoutCycle(options, 'pledge');
  const marked = pledges.filter((l) => l.codeMarks);
  const markable = marked.length ? marked : layoutsOf(CLASSIC_LAYOUTS, 'pledge');
  const builders: Record<Exclude<CorpusKind, 'evidence'>, (company: CorpusCompany, i: number) => Job['build']> = {
    'business-license': (company, i) => (rng, fonts) => licences[i % licences.length]!.build({ company, rng, fonts }),
    pledge: (company, i) => (rng, fonts) => pledges[i % pledges.length]!.build({ company, rng, fonts, state: PLEDGE_STATES[i % PLEDGE_STATES.length]! }),
    'credit-report': (company, i) => (rng, fonts) => reports[i % reports.length]!.build({ company, rng, fonts }),
  };
  const add = (variant: HardVariant, kind: Exclude<CorpusKind, 'evidence'>, i: number, base: RasterBase, build: Job['build'] | null, stored?: StoredTurn) => {
    if (!options.hardVariants.includes(variant)) return;
    const company = companies[(i + 1) % companies.length]!;
    jobs.push({ id: `${kind}-${pad(i)}-${variant}`, kind, variant, company, rng: root.fork(`${kind}-${variant}-${i}`), build: build ?? builders[kind](company, i), base, stored });
  };
  const bases: RasterBase[] = ['scan', 'photo'];
  // States whose pledges are complete or nearly: the code is the point here, not the signing.
  const states = ['complete-typed-date', 'complete-handwritten-date', 'no-signature', 'faded-seal'] as const;
  for (let i = 0; i < options.hard; i++) {
    if (wants('pledge')) {
      const company = companies[(i + 1) % companies.length]!;
      const state = states[i % states.length]!;
      const layout = markable[i % markable.length]!;
      add('handwritten-code', 'pledge', i, bases[i % 2]!, (rng, fonts) => layout.build({ company, rng, fonts, state, codeMark: 'handwritten' }));
      add('code-under-seal', 'pledge', i, bases[(i + 1) % 2]!, (rng, fonts) => layout.build({ company, rng, fonts, state, codeMark: 'under-seal' }));
    }
    const rotatable = (['business-license', 'pledge', 'credit-report'] as const).filter(wants);
    if (rotatable.length) add('rotated', rotatable[i % rotatable.length]!, i, bases[Math.floor(i / 3) % 2]!, null, { turn: ([90, 180, 270] as const)[i % 3] });
    const single = (['business-license', 'pledge'] as const).filter(wants);
    if (single.length) add('exif-rotated', single[i % single.length]!, i, bases[(i + 1) % 2]!, null, { exifOrientation: ([6, 3, 8] as const)[i % 3] });
  }
  return jobs;
}

function photoName(rng: Rng): string {
  return `IMG_2026${String(rng.int(5, 7)).padStart(2, '0')}${String(rng.int(1, 28)).padStart(2, '0')}_${String(rng.int(80000, 195959)).padStart(6, '0')}.jpg`;
}

async function run(job: Job, keepSource = false): Promise<CorpusItem> {
  const fontRng = job.rng.fork('fonts');
  const fonts: FontChoice = { body: fontRng.pick(BODY_WEIGHTS), bold: fontRng.pick(BOLD_WEIGHTS) };
  const built = await job.build(job.rng.fork('document'), fonts);
  const base = built.truth;
  if (job.variant === 'clean') {
    const truth = { ...base, variant: 'clean', textLayer: true, raster: null } as Truth;
    return { id: job.id, kind: job.kind, variant: job.variant, fileName: `${job.id}.pdf`, bytes: built.pdf, mime: 'application/pdf', truth };
  }
  const rrng = job.rng.fork('raster');
  const created = new Date(Date.UTC(2026, 4, 20 + rrng.int(0, 30), rrng.int(0, 10), rrng.int(0, 59)));
  const made = job.base ?? (job.variant as RasterBase);
  const r = await rasterize(built.pdf, base.pages, made, rrng, created, job.stored);
  const mapPaged = <T extends { page: number; box: { x: number; y: number; width: number; height: number } }>(m: T): T => ({ ...m, box: r.mapBox(m.page, m.box) });
  const ext = r.mime === 'image/jpeg' ? 'jpg' : 'pdf';
  const stem = base.uploadName.replace(/\.[a-z]+$/i, '');
  const uploadName = r.mime === 'image/jpeg' ? (made === 'photo' && rrng.chance(0.6) ? photoName(rrng) : `${stem}.jpg`) : made === 'photo' ? `${stem}（手机扫描）.pdf` : `${stem}${rrng.pick(['扫描件', '', '(扫描)'])}.pdf`;
  const truth = {
    ...base,
    variant: job.variant,
    uploadName,
    textLayer: false,
    pages: r.pages,
    seals: base.seals.map(mapPaged),
    decoys: base.decoys.map(mapPaged),
    raster: job.base ? { ...r.raster, base: job.base } : r.raster,
    ...(base.codeMark ? { codeMark: mapPaged(base.codeMark) } : {}),
    ...(base.kind === 'pledge' ? { signature: base.signature ? mapPaged(base.signature) : null } : {}),
  } as Truth;
  return { id: job.id, kind: job.kind, variant: job.variant, fileName: `${job.id}.${ext}`, bytes: r.bytes, mime: r.mime, dpi: r.dpi, truth, ...(keepSource ? { source: built.pdf } : {}) };
}

function resolve(options: CorpusOptions): Resolved & { concurrency: number } {
  return {
    seed: options.seed ?? 2026,
    perKind: options.perKind ?? 4,
    companies: options.companies ?? 4,
    variants: options.variants ?? VARIANTS,
    kinds: options.kinds ?? KINDS,
    concurrency: Math.max(1, options.concurrency ?? 2),
    hard: Math.max(0, Math.floor(options.hard ?? 0)),
    hardVariants: options.hardVariants ?? HARD_VARIANTS,
    layouts: options.layouts ?? CLASSIC_LAYOUTS,
  };
}

/** The companies a corpus with these options is about. */
export function corpusCompanies(options: CorpusOptions = {}): CorpusCompany[] {
  return plan(resolve(options)).companies;
}

/** Generate the corpus (in a stable order: licences, pledges, credit reports, evidence by window). */
export async function generateCorpus(options: CorpusOptions = {}): Promise<CorpusItem[]> {
  const resolved = resolve(options);
  const { jobs } = plan(resolved);
  const items: CorpusItem[] = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const index = next++;
      items[index] = await run(jobs[index]!, options.keepSource);
    }
  };
  await Promise.all(Array.from({ length: Math.min(resolved.concurrency, jobs.length) }, worker));
  return items;
}

export interface WriteOptions extends CorpusOptions {
  /** Also write PNG previews (first pages of PDFs, downscaled JPEGs) under previews/. */
  previews?: boolean;
}

/**
 * Write the corpus to `dir` for looking at it: every file, `<id>.truth.json` beside it,
 * `manifest.json` (all items without bytes), `companies.json`, and optional previews.
 */
export async function writeCorpus(dir: string, options: WriteOptions = {}, items?: CorpusItem[]): Promise<CorpusItem[]> {
  const corpus = items ?? (await generateCorpus(options));
  await mkdir(dir, { recursive: true });
  if (options.previews) await mkdir(join(dir, 'previews'), { recursive: true });
  for (const item of corpus) {
    await writeFile(join(dir, item.fileName), item.bytes);
    await writeFile(join(dir, `${item.id}.truth.json`), JSON.stringify(item.truth, null, 2));
    if (options.previews) {
      if (item.mime === 'image/jpeg') await writeFile(join(dir, 'previews', `${item.id}.png`), await imagePreview(item.bytes));
      else {
        const pages = await pdfPreviews(item.bytes, item.truth.textLayer ? 100 : 72, 4);
        for (let p = 0; p < pages.length; p++) await writeFile(join(dir, 'previews', `${item.id}-p${p + 1}.png`), pages[p]!);
      }
    }
  }
  const manifest = corpus.map(({ bytes, source: _source, ...rest }) => ({ ...rest, size: bytes.length }));
  await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  await writeFile(join(dir, 'companies.json'), JSON.stringify(corpusCompanies(options), null, 2));
  return corpus;
}
