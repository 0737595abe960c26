/**
 * A complete, correct AA submission of one corpus company, for tests that plant defects into
 * it and for the end-to-end benchmark: the licence, the signed and sealed pledge, a
 * three-year credit report queried with the right settings, and one evidence document for
 * each of the 11 indicator windows (plus any extra), each file a text-layer PDF or a colour
 * scan of it.
 */
import type { Slot, Submission } from '../src/checks/schema.js';
import { INDICATOR_IDS, type IndicatorId } from '../src/domain/catalogue.js';
import { buildBusinessLicense } from '../test/corpus/business-license.js';
import type { CorpusCompany } from '../test/corpus/companies.js';
import { buildCreditReport } from '../test/corpus/credit-report.js';
import { buildEvidence, templatesFor } from '../test/corpus/evidence.js';
import type { FontChoice } from '../test/corpus/fonts.js';
import { buildPledge } from '../test/corpus/pledge.js';
import { addDays, createRng } from '../test/corpus/random.js';
import type { BuiltDocument, CreditReportTruth, Truth } from '../test/corpus/types.js';
import { colourScan, steered } from './plant.js';

export const KIT_FONTS: FontChoice = { body: 400, bold: 700 };

export interface ReportShape {
  /** Months covered (36 for AA/AAA, 12 for A). */
  months?: 36 | 24 | 12;
  simplePenaltyIncluded?: boolean;
  allDomains?: boolean;
  /** Administrative penalties (行政处罚) in the period. */
  records?: 0 | 1 | 2;
}

/**
 * A 信用江苏 report of `company` with the given shape, its period ending on its generation
 * day. Everything else comes from the stream `label`, so two shapes of one label are the
 * same report but for what was forced (and what follows from it: the records table).
 */
export async function creditReportOf(company: CorpusCompany, label: string, shape: ReportShape = {}): Promise<BuiltDocument<CreditReportTruth>> {
  const want = { months: 36, simplePenaltyIncluded: true, allDomains: true, records: 0, ...shape };
  const rng = steered(label, {
    weighted: { '[36,12,24,6,3]': want.months, '[0,1,2,3]': want.records, '["centre","centre-faded","none"]': 'centre' },
    // 0.5: the period ends on the generation day; 0.4: a record is a 行政处罚, not a 简易处罚.
    chance: { '0.75': want.simplePenaltyIncluded, '0.7': want.allDomains, '0.5': true, ...(want.records ? { '0.4': false } : {}) },
  });
  const built = await buildCreditReport(company, rng, KIT_FONTS);
  const t = built.truth;
  // A rule that no longer applies means the builder changed: the report is not what was asked.
  const wrong = [
    ...rng.unused(),
    ...(t.months !== want.months ? ['months'] : []),
    ...(t.simplePenaltyIncluded !== want.simplePenaltyIncluded ? ['simplePenaltyIncluded'] : []),
    ...(t.allDomains !== want.allDomains ? ['allDomains'] : []),
    ...(t.recordsCount !== want.records ? ['records'] : []),
    ...(t.to !== t.generatedAt.slice(0, 10) ? ['to'] : []),
  ];
  if (wrong.length) throw new Error(`creditReportOf(${label}): the builder did not make ${wrong.join(', ')} as asked`);
  return built;
}

export interface KitFile {
  /** The upload's file name (unique in the kit). */
  name: string;
  slot: Slot;
  bytes: Uint8Array;
  /** The text-layer PDF it was made from (the same when not scanned). */
  pdf: Uint8Array;
  scanned: boolean;
  truth: Truth;
}

export interface Kit {
  company: CorpusCompany;
  level: 'AA';
  applicationDate: string;
  files: KitFile[];
}

export interface KitOptions {
  /** Streams derive from it: the same label, the same files. */
  label: string;
  /** Which files are colour scans (by slot and template id); none by default. */
  scan?: (slot: Slot, template: string) => boolean;
  /** More evidence: [window, template id] pairs, after the 11 first templates. */
  extraEvidence?: [IndicatorId, string][];
  /** Days between the report's generation and the application (2 by default). */
  daysAfterReport?: number;
}

const WINDOW_LABELS: Record<IndicatorId, string> = {
  'quality-culture': '质量文化',
  'risk-control': '风险管控',
  resources: '资源保障',
  infrastructure: '基础设施建设',
  'rnd-innovation': '科技研发创新',
  'credit-evaluation': '质量信用评价',
  'credit-improvement': '质量信用改进',
  'quality-level': '质量水平',
  'customer-satisfaction': '顾客满意',
  'brand-building': '品牌建设',
  'social-responsibility': '社会责任',
};

/** A file of the kit as uploaded: scanned or not, named for what it is. */
async function upload(name: string, slot: Slot, built: BuiltDocument, scanned: boolean, label: string): Promise<KitFile> {
  const truth = built.truth as unknown as Truth;
  if (!scanned) return { name: `${name}.pdf`, slot, bytes: built.pdf, pdf: built.pdf, scanned, truth };
  const scan = await colourScan(built.pdf, built.truth.pages, `${label}-scan-${name}`);
  return { name: `${name}（扫描件）.${scan.mime === 'image/jpeg' ? 'jpg' : 'pdf'}`, slot, bytes: scan.bytes, pdf: built.pdf, scanned, truth };
}

/** The correct AA submission of `company`: every material present, nothing wrong. */
export async function aaSubmission(company: CorpusCompany, options: KitOptions): Promise<Kit> {
  const { label } = options;
  const scan = options.scan ?? (() => false);
  const rng = createRng(label);
  const files: Promise<KitFile>[] = [];
  files.push(buildBusinessLicense(company, rng.fork('licence'), KIT_FONTS).then((b) => upload('1-营业执照', 'business-license', b, scan('business-license', ''), label)));
  files.push(buildPledge(company, rng.fork('pledge'), KIT_FONTS, 'complete-typed-date').then((b) => upload('2-承诺书', 'pledge', b, scan('pledge', ''), label)));
  const report = await creditReportOf(company, `${label}-report`);
  files.push(upload('3-专项信用报告', 'credit-report', report, scan('credit-report', ''), label));
  const evidence: [IndicatorId, string][] = [...INDICATOR_IDS.map((w) => [w, templatesFor(w)[0]!.id] as [IndicatorId, string]), ...(options.extraEvidence ?? [])];
  evidence.forEach(([window, id], i) => {
    const template = templatesFor(window).find((t) => t.id === id);
    if (!template) throw new Error(`no evidence template ${id} for ${window}`);
    files.push(buildEvidence(company, rng.fork(`evidence-${window}-${id}`), KIT_FONTS, template).then((b) => upload(`${String(i + 4).padStart(2, '0')}-${WINDOW_LABELS[window]}-${b.truth.title.replace(/[\\/:*?"<>|\s]/g, '')}`, window, b, scan(window, id), label)));
  });
  return {
    company,
    level: 'AA',
    applicationDate: addDays(report.truth.generatedAt.slice(0, 10), options.daysAfterReport ?? 2),
    files: await Promise.all(files),
  };
}

/** The submission JSON of a kit (paths are the file names) and a loader for its bytes. */
export function submissionOf(kit: Kit, files: KitFile[] = kit.files, overrides: Partial<Submission> = {}): { submission: Submission; load: (path: string) => Promise<Uint8Array> } {
  const bytes = new Map(files.map((f) => [f.name, f.bytes]));
  return {
    submission: {
      company: { name: kit.company.name, creditCode: kit.company.creditCode },
      level: kit.level,
      applicationDate: kit.applicationDate,
      files: files.map((f) => ({ path: f.name, slot: f.slot })),
      ...overrides,
    },
    load: async (path) => {
      const b = bytes.get(path);
      if (!b) throw new Error(`not in the kit: ${path}`);
      return b;
    },
  };
}
