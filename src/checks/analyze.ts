/**
 * One uploaded file, analysed: read it, tell what it is, and run the checks that fit it.
 * This module only composes the reading layer and the checks; each check lives in its own
 * module and returns what it found plus findings.
 */
import { createHash } from 'node:crypto';
import { isQcError } from '../errors.js';
import { isIndicatorId, type IndicatorId } from '../domain/catalogue.js';
import type { Level } from '../domain/levels.js';
import { findCreditCode, inkWhereCodeBelongs } from '../reading/credit-code.js';
import type { ReadLimitsInput } from '../reading/limits.js';
import type { OcrEngine } from '../reading/ocr/engine.js';
import { abortable } from '../reading/ocr/abortable.js';
import { readUpload } from '../reading/read.js';
import type { ReadResult } from '../reading/types.js';
import { extractCompanyInfo } from './company-info.js';
import { readLicenceFields } from '../fields/licence.js';
import { checkCreditReport, parseCreditReport } from './credit-report.js';
import { checkWindow, classifyEvidence } from './evidence-window.js';
import { detectKind, isMaterialKind, type DocumentKind } from './kind.js';
import { readAll, readWhatChecksNeed, type Expected } from './reading-plan.js';
import { checkReadable } from './readable.js';
import { checkPledgeSigning, signingFindings } from './pledge-signing.js';
import type { Analysis, UploadedAs } from './schema.js';
import { detectSeals, findSealOnArea, type SealRegion } from './seal.js';
import { sealPurpose } from './seal-purpose.js';
import { finding, type Finding } from './types.js';
import { makeThumbnail } from '../reading/thumbnail.js';
import { timedEngine } from '../reading/ocr/timed.js';
import { profiling, timed } from '../util/stages.js';

export interface AnalyzeOptions {
  engine?: OcrEngine;
  limits?: ReadLimitsInput;
  /** With these, a credit report's period and age are checked too. */
  level?: Level;
  applicationDate?: string;
  /** Attach a thumbnail of the page that matters most (the code's, a seal's, or the first). */
  preview?: boolean;
  /** Keep nothing of the file in the read cache (a server must not hold uploads after its answer). */
  noCache?: boolean;
  /**
   * The kind the file was uploaded as (its slot). A scanned pledge is then read only where
   * its checks look (its head and foot), about half the OCR time; the kind is still decided
   * from the file's content.
   */
  expectedKind?: DocumentKind;
  /**
   * The indicator window evidence was uploaded into (its slot; implies `expectedKind`
   * 'evidence'). The analysis then says whether the file belongs there (QC_WINDOW_MISMATCH),
   * and a scan whose first page's head already shows it belongs there is read no further.
   */
  expectedWindow?: IndicatorId;
  /**
   * Stops the work when it aborts (a server's request out of time): no more OCR is started,
   * and the analysis rejects with the signal's reason instead of making it a finding.
   */
  signal?: AbortSignal;
  /**
   * Read every page whole even when the checks need less (`partlyRead` is then false): the
   * scoring bullets a piece of evidence covers are then judged from all of it. The window
   * the evidence was uploaded into is still checked.
   */
  readAll?: boolean;
}

/** The options that say where a file was uploaded: a window means evidence in that window. */
export function uploadedAs(as: UploadedAs | undefined): Pick<AnalyzeOptions, 'expectedKind' | 'expectedWindow'> {
  if (!as) return {};
  return isIndicatorId(as) ? { expectedWindow: as } : { expectedKind: as };
}

/** The kind and window the file was uploaded as. */
const uploadedInto = (options: AnalyzeOptions): Expected =>
  options.expectedWindow ? { kind: 'evidence', window: options.expectedWindow } : { kind: options.expectedKind };

/** What the reading plan is told: where the file was uploaded, unless it is to be read whole. */
const expectedOf = (options: AnalyzeOptions): Expected => (options.readAll ? {} : uploadedInto(options));

/**
 * Seals on every page (at most the first 10: seals sit on the pages that matter), and
 * whether any page was greyscale, where a seal's colour cannot be seen.
 */
async function sealsOf(result: ReadResult, kind: DocumentKind): Promise<{ seals: SealRegion[]; greyscale: boolean }> {
  const seals: SealRegion[] = [];
  let greyscale = false;
  // A pledge without a seal is an error: its pages are always looked at, not judged from their
  // drawing operators (a seal drawn in a Type 3 font, say, would not show there).
  const fromDrawing = kind !== 'pledge';
  for (const page of result.pages.slice(0, 10)) {
    const detection = await timed('seal', () => detectSeals(page, { explain: false, fromDrawing }));
    seals.push(...detection.seals);
    greyscale ||= detection.greyscale;
  }
  return { seals, greyscale };
}

function emptyAnalysis(file: string, sha256: string): Analysis {
  return {
    file,
    sha256,
    type: null,
    pages: [],
    kind: 'unknown',
    kindConfidence: 0,
    creditCode: null,
    seal: { present: false, confidence: 0, regions: [], onSealArea: null },
    signature: null,
    signedDate: null,
    signing: null,
    report: null,
    licence: null,
    window: null,
    company: null,
    findings: [],
    preview: null,
    partlyRead: false,
    elapsedMs: 0,
  };
}

const pageSummaries = (result: ReadResult): Analysis['pages'] => result.pages.map(({ number, width, height, dpi, source }) => ({ number, width, height, dpi, source }));

/**
 * Analyse one file. Never throws for a bad file: its error becomes a finding, whether it
 * shows when the file is read or only later (a page whose text reads but which cannot be
 * drawn for the seal check).
 */
export async function analyzeFile(bytes: Uint8Array, name: string, given: AnalyzeOptions = {}): Promise<Analysis> {
  const started = performance.now();
  const { signal } = given;
  signal?.throwIfAborted();
  const guarded = signal && given.engine ? { ...given, engine: abortable(given.engine, signal) } : given;
  // A profiled analysis (the benchmarks) counts every OCR request as the `ocr` stage.
  const options = profiling() && guarded.engine ? { ...guarded, engine: timedEngine(guarded.engine) } : guarded;
  let result: ReadResult | undefined;
  let analysis: Analysis;
  try {
    const expected = expectedOf(options);
    // A scanned pledge's paragraphs of promises are not read, nor evidence past what shows
    // its window (see reading-plan.ts).
    const lazy = expected.kind === 'pledge' || !!expected.window;
    // Evidence, read whole or not, is read for the gist (its window, its bullets): no second
    // OCR engine. Measured (npm run eval): windows right 17/18 either way; the AA bench
    // submission's cold check went from 22.6 s to 16.4 s.
    const secondOpinions = !options.expectedWindow && options.expectedKind !== 'evidence';
    result = await readUpload(bytes, { name, engine: options.engine, limits: options.limits, noCache: options.noCache, lazy, secondOpinions });
    await readWhatChecksNeed(result.pages, expected);
    const read = result;
    analysis = await timed('checks', () => analyzeRead(read, options));
  } catch (error) {
    // Work given up (the signal's reason) is not the file's fault.
    if (!isQcError(error) || signal?.aborted) throw error;
    analysis = emptyAnalysis(name, result?.sha256 ?? createHash('sha256').update(bytes).digest('hex'));
    if (result) {
      analysis.type = result.type;
      analysis.pages = pageSummaries(result);
    }
    analysis.findings.push({ code: error.code, severity: 'error', message: error.message, messageEn: error.messageEn, params: error.params });
  }
  // An upload not to be kept (a server's) leaves nothing open once analysed.
  if (options.noCache) await result?.release();
  // Steps that shrug off an OCR failure (a second reading) may have met the abort.
  signal?.throwIfAborted();
  analysis.elapsedMs = performance.now() - started;
  return analysis;
}

/** Analyse an upload that has been read already. */
export async function analyzeRead(result: ReadResult, options: AnalyzeOptions = {}): Promise<Analysis> {
  const { engine } = options;
  const file = result.name;
  // A no-op when analyzeFile has read what is needed already.
  await readWhatChecksNeed(result.pages, expectedOf(options));
  const findings: Finding[] = result.warnings.map((w) => ({ code: w.code as Finding['code'], severity: 'warning', message: w.message, messageEn: w.messageEn, params: {} }));
  const kind = detectKind(result.pages);
  const analysis: Analysis = {
    ...emptyAnalysis(file, result.sha256),
    type: result.type,
    pages: pageSummaries(result),
    kind: kind.kind,
    kindConfidence: kind.confidence,
    partlyRead: result.pages.some((page) => page.complete === false),
  };

  findings.push(...checkReadable(result, kind, uploadedInto(options)));

  // The credit code: every kind but evidence must carry the applicant's.
  const needsCode = isMaterialKind(kind.kind);
  // Evidence may show a code, but nothing checks it: no second OCR pass of its code line.
  let code = kind.kind === 'unknown' ? null : await findCreditCode(result.pages, needsCode ? engine : undefined);
  if (needsCode && !code?.valid && result.pages.some((page) => page.complete === false)) {
    // A doubtful code on a page read in bands: the whole page, read in one pass, is the
    // reading the code was always checked against before bands; read it and look again.
    await readAll(result.pages);
    code = await findCreditCode(result.pages, engine);
  }
  if (code) {
    // A code is 18 characters or nothing: a longer or shorter run is what was read, not a code.
    const value = code.value.length === 18 ? code.value : null;
    analysis.creditCode = { value, valid: code.valid && value !== null, repaired: code.repaired, raw: code.raw.slice(0, 80), candidates: code.candidates.filter((c) => c.length === 18), page: code.page, box: code.box };
    if (!code.valid && needsCode) {
      const reason = code.candidates.length > 1 ? `可能是 ${code.candidates.join('、')} 之一，无法确定` : '校验位或结构不符';
      // A code printed in a text layer is what the document says: invalid is an error. One read
      // by OCR may be the reader's mistake as well as the writer's: a warning to check by eye.
      const printed = code.by === 'text-layer';
      if (value === null && !printed) findings.push(finding('QC_CODE_UNREADABLE', 'warning', { file }, { page: code.page, box: code.box }));
      else findings.push(finding('QC_CODE_INVALID', printed ? 'error' : 'warning', { file, code: value ?? code.raw.slice(0, 40), reason }, { page: code.page, box: code.box }));
    }
  } else if (needsCode) {
    // Its label is there and the code beside it could not be read (handwriting, a stain): say
    // where to look. No label and no code: the code is missing.
    // Only a form is filled in by hand: a pledge's blank.
    const written = kind.kind === 'pledge' && (await inkWhereCodeBelongs(result.pages).catch(() => false));
    if (written) findings.push(finding('QC_CODE_UNREADABLE', 'warning', { file }));
    else findings.push(finding('QC_CODE_NOT_FOUND', kind.kind === 'credit-report' ? 'warning' : 'error', { file }));
  }

  // Seals, on every kind (the report and licences carry their issuers' seals).
  const { seals, greyscale } = await sealsOf(result, kind.kind);
  // On a black-and-white copy a red seal cannot be confirmed: say so, as a warning.
  const sealWhere = (zh: string, en: string) => (greyscale ? { where: `${zh}（黑白扫描件无法确认）`, whereEn: `${en} (black-and-white copy: cannot be confirmed)` } : { where: zh, whereEn: en });
  analysis.seal = {
    present: seals.length > 0,
    confidence: seals.length ? Math.max(...seals.map((s) => s.confidence)) : 0,
    regions: seals.map(({ page, x, y, width, height, confidence }) => ({ page, x, y, width, height, color: 'red' as const, confidence })),
    onSealArea: null,
  };

  if (kind.kind === 'pledge') {
    const last = result.pages[result.pages.length - 1]!;
    const area = findSealOnArea(seals.filter((s) => s.page === last.number), last);
    analysis.seal.onSealArea = area.label ? area.onArea : null;
    const where = area.labelBox ? { page: last.number, box: area.labelBox } : {};
    // No seal at all is an error; a seal found elsewhere than 单位公章 only a warning.
    const none = !seals.length;
    if (none || (area.label && !area.onArea)) {
      const severity = none && !greyscale ? 'error' : 'warning';
      findings.push(finding('QC_SEAL_MISSING', severity, { file, ...(none ? sealWhere('“单位公章”处的', 'at 单位公章') : { where: '“单位公章”处的', whereEn: 'at 单位公章' }) }, where));
    } else if (engine) {
      // A seal that names another purpose under its star (合同专用章 …) is not the 公章.
      const onLast = seals.filter((s) => s.page === last.number);
      const purposes = await Promise.all(onLast.map((s) => sealPurpose(last, s, engine)));
      const purpose = purposes.length && purposes.every((p) => p !== null) ? purposes[0]! : null;
      if (purpose) {
        const box = onLast[0]!;
        findings.push(
          finding('QC_SEAL_MISSING', 'error', { file, where: `“单位公章”处（所盖印章为“${purpose}”）的`, whereEn: `at 单位公章 (the seal there reads ${purpose})` }, { page: last.number, box: { x: box.x, y: box.y, width: box.width, height: box.height } }),
        );
      }
    }
    const signing = await checkPledgeSigning(result.pages, engine);
    analysis.signature = { present: signing.signature.present, confidence: signing.signature.confidence };
    analysis.signedDate = signing.signedDate;
    analysis.signing = { date: signing.signedDate, filled: signing.dateFilled };
    findings.push(...signingFindings(signing, file));
  }

  if (kind.kind === 'business-license' && !seals.length) {
    findings.push(finding('QC_SEAL_MISSING', 'warning', { file, ...sealWhere('登记机关的', 'of the registration authority') }));
  }

  let reportSubject: string | null = null;
  if (kind.kind === 'credit-report') {
    const report = parseCreditReport(result.pages);
    reportSubject = report.company.name;
    analysis.report = {
      from: report.from,
      to: report.to,
      generatedAt: report.generatedAt,
      reportNumber: report.reportNumber,
      simplePenaltyIncluded: report.simplePenaltyIncluded,
      allDomains: report.allDomains,
      records: report.records.map((r) => ({ category: r.category, count: r.count, items: r.items })),
      recordsFound: report.recordsFound,
      sources: report.sources ?? { period: null, generatedAt: null, reportNumber: null, settings: null },
    };
    if (options.level && options.applicationDate) {
      findings.push(...(checkCreditReport(report, { level: options.level, applicationDate: options.applicationDate }, file) as Finding[]));
    }
  }

  if (kind.kind === 'evidence') {
    const classification = classifyEvidence(result.pages);
    analysis.window = {
      id: classification.id,
      confidence: classification.confidence,
      ranking: classification.ranking,
      reasons: classification.reasons,
      bullets: classification.bullets,
    };
    if (options.expectedWindow) findings.push(...checkWindow(classification, options.expectedWindow, file));
  }
  // A file uploaded as the licence is read as one unless it is recognisably another material:
  // real licences (a gold title lost in a scan, an electronic licence) often read as "evidence".
  const asLicence = kind.kind === 'business-license' || (options.expectedKind === 'business-license' && (kind.kind === 'evidence' || kind.kind === 'unknown'));
  if (asLicence) {
    const licence = readLicenceFields(result.pages);
    analysis.licence = licence;
    analysis.company = licence.name || licence.establishedOn ? { name: licence.name, establishedOn: licence.establishedOn } : null;
  } else if (kind.kind !== 'evidence') {
    const info = extractCompanyInfo(result.pages);
    // A report's own reading of its subject (企业名称, 被查询主体 …) counts first.
    const name = reportSubject ?? info.name;
    analysis.company = name || info.establishedOn ? { name, establishedOn: info.establishedOn } : null;
  }
  analysis.findings = findings;
  if (options.preview) {
    const number = analysis.creditCode?.page ?? analysis.seal.regions[0]?.page ?? 1;
    const page = result.pages.find((p) => p.number === number) ?? result.pages[0];
    analysis.preview = page ? await makeThumbnail(page) : null;
  }
  return analysis;
}
