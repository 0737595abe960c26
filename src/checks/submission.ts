/**
 * A whole submission: every file analysed in the slot it is about to be uploaded to, then the
 * rules that span files — materials present for the level, the application period, the same
 * credit code and company name everywhere, the credit report's period, and evidence in the
 * right indicator window.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { INDICATORS } from '../domain/catalogue.js';
import { isWithinApplicationPeriod, LEVEL_POLICY, requiredMaterials } from '../domain/levels.js';
import { normalizeUscc } from '../domain/uscc.js';
import { parseInput } from '../domain/validate.js';
import { isQcError, QcError } from '../errors.js';
import { readJsonFile } from '../io/json.js';
import type { OcrEngine } from '../reading/ocr/engine.js';
import type { ReadLimitsInput } from '../reading/limits.js';
import { mapLimited } from '../util/map-limited.js';
import { analyzeFile, uploadedAs } from './analyze.js';
import { nearCompanyName, sameCompanyName } from './company-info.js';
import { SLOTS, submissionSchema, type Analysis, type CheckResult, type Slot, type Submission } from './schema.js';
import { finding, type Finding } from './types.js';
import { isWindow, slotName } from './slots.js';
import { assessEligibility, eligibilityFindings, licenceEvidenceOf, reportEvidenceOf } from './eligibility.js';
import type { EligibilityPolicy } from '../domain/policy/index.js';
import { VERSION } from '../version.js';

export interface CheckOptions {
  engine?: OcrEngine;
  limits?: ReadLimitsInput;
  /** Files analysed at once (OCR is bounded by the engine's pool anyway). */
  concurrency?: number;
  /** Attach a thumbnail to each file's result (for the HTML report and the web page). */
  previews?: boolean;
  /** Keep nothing of the files in the read cache (see AnalyzeOptions.noCache). */
  noCache?: boolean;
  /** Stops the work when it aborts: no further file or OCR is started (see AnalyzeOptions.signal). */
  signal?: AbortSignal;
  /**
   * Read evidence only until its window shows (as `analyzeFile` with `expectedWindow` does):
   * faster, but the bullets it covers further on are not seen (such files are listed in each
   * window's `partlyRead`). By default evidence is read whole, so that the window summary
   * judges every bullet from all of it.
   */
  quick?: boolean;
  /** The eligibility policy (this year's by default; a portal may pass its own, see resolvePolicy). */
  policy?: EligibilityPolicy;
  /**
   * Analyses kept from earlier runs (the reviewer's desk keeps them in its store): a file is
   * looked up by a key over its bytes, its name, its slot and everything that changes its
   * analysis, and analysed only when not found; each new analysis is kept as soon as it is done.
   */
  analyses?: AnalysisCache;
}

/** Where analyses are kept between runs, by `analysisKey`. */
export interface AnalysisCache {
  get(key: string): Promise<Analysis | null>;
  put(key: string, analysis: Analysis): Promise<void>;
}

/** The key an analysis is kept under: the file's bytes and everything else that changes it, and the tool version. */
export function analysisKey(bytes: Uint8Array, name: string, slot: Slot, submission: Pick<Submission, 'level' | 'applicationDate'>, options: Pick<CheckOptions, 'previews' | 'quick' | 'engine'>): string {
  const settings = { name, slot, level: submission.level, applicationDate: submission.applicationDate, previews: Boolean(options.previews), quick: Boolean(options.quick), engine: options.engine?.id ?? null, version: VERSION };
  return createHash('sha256').update(bytes).update(JSON.stringify(settings)).digest('hex');
}


/** A kind detected with less confidence than this does not make a misplaced material an error. */
const KIND_SURE = 0.7;

/** Where the analysis says the file belongs. */
function suggestedSlot(analysis: Analysis): Slot | null {
  if (analysis.kind === 'evidence') return analysis.window?.id ?? null;
  if (analysis.kind === 'unknown') return null;
  return analysis.kind;
}

/** Check a submission whose files are given as bytes (the server's path). */
export async function checkSubmission(
  submission: Submission,
  load: (path: string) => Promise<Uint8Array>,
  options: CheckOptions = {},
): Promise<CheckResult> {
  const started = performance.now();
  const applicant = { name: submission.company.name, creditCode: normalizeUscc(submission.company.creditCode) };
  const findings: Finding[] = [];
  const withFile = <F extends object>(f: F, file: string) => ({ ...f, file });

  const analyses = await mapLimited(submission.files, options.concurrency ?? 3, async ({ path, slot }) => {
    options.signal?.throwIfAborted();
    const name = basename(path);
    let bytes: Uint8Array;
    try {
      bytes = await load(path);
    } catch (error) {
      const analysis = await analyzeFile(new Uint8Array(0), name);
      // A loader that knows why a file is missing (e.g. dropped for its size) says so.
      const missing = isQcError(error) ? error : new QcError('QC_FILE_NOT_FOUND', { file: path });
      analysis.findings = [{ code: missing.code, severity: 'error', message: missing.message, messageEn: missing.messageEn, params: missing.params }];
      return { analysis, slot };
    }
    const key = options.analyses ? analysisKey(bytes, name, slot, submission, options) : null;
    const kept = key ? await options.analyses!.get(key) : null;
    if (kept) return { analysis: kept, slot };
    const analysis = await analyzeFile(bytes, name, {
      engine: options.engine,
      limits: options.limits,
      level: submission.level,
      applicationDate: submission.applicationDate,
      preview: options.previews,
      noCache: options.noCache,
      ...uploadedAs(slot),
      signal: options.signal,
      // The window summary's bullets need all of the evidence's text.
      readAll: isWindow(slot) && !options.quick,
    });
    // Kept at once: work interrupted later loses nothing of this file.
    if (key) await options.analyses!.put(key, analysis);
    return { analysis, slot };
  });

  const files = analyses.map(({ analysis, slot }) => {
    const suggested = suggestedSlot(analysis);
    const fileFindings = [...analysis.findings];
    let misplaced = false;
    if (isWindow(slot)) {
      if (analysis.kind === 'evidence') {
        // The analysis checked the window it was uploaded into (AnalyzeOptions.expectedWindow).
        misplaced = analysis.findings.some((f) => f.code === 'QC_WINDOW_MISMATCH' && f.severity === 'error');
      } else if (analysis.kind !== 'unknown') {
        misplaced = true;
        fileFindings.push(finding('QC_WINDOW_MISMATCH', 'error', { file: analysis.file, slot, slotName: slotName(slot), suggested: analysis.kind, suggestedName: slotName(analysis.kind) }));
      }
    } else if (analysis.kind !== slot && analysis.kind !== 'unknown' && analysis.pages.length) {
      // Another material recognised with confidence is misplaced (an error). "Evidence" is what
      // a file is called when it is none of the materials: that may be a layout the signals
      // do not know, so it is a warning to look at, not a verdict.
      misplaced = analysis.kind !== 'evidence' && analysis.kindConfidence >= KIND_SURE;
      fileFindings.push(finding('QC_WINDOW_MISMATCH', misplaced ? 'error' : 'warning', { file: analysis.file, slot, slotName: slotName(slot), suggested: suggested ?? 'unknown', suggestedName: suggested ? slotName(suggested) : '无法识别' }));
    }

    // The applicant's code and name on every document that carries them.
    const code = analysis.creditCode;
    if (code?.valid && code.value !== null && code.value !== applicant.creditCode && analysis.kind !== 'evidence') {
      fileFindings.push(finding('QC_CODE_MISMATCH', 'error', { file: analysis.file, code: code.value, other: '申报企业的代码', expected: applicant.creditCode }, { page: code.page, box: code.box }));
    }
    const name = analysis.company?.name;
    if (name && analysis.kind !== 'evidence' && !sameCompanyName(name, applicant.name)) {
      // Text from OCR can misread a character: a near match passes, a far one is only a warning.
      const byOcr = analysis.pages.some((p) => p.source === 'ocr');
      if (!byOcr || !nearCompanyName(name, applicant.name)) {
        fileFindings.push(finding('QC_NAME_MISMATCH', byOcr ? 'warning' : 'error', { file: analysis.file, name, other: '申报企业名称', expected: applicant.name }));
      }
    }
    return { ...analysis, findings: fileFindings.map((f) => withFile(f, analysis.file)), slot, misplaced, suggestedSlot: misplaced ? suggested : null };
  });

  // Materials the level requires, by slot.
  for (const material of requiredMaterials(submission.level)) {
    if (material.id === 'indicator-evidence') {
      for (const indicator of INDICATORS) {
        if (!files.some((f) => f.slot === indicator.id)) {
          findings.push(finding('QC_MATERIAL_MISSING', 'warning', { material: `“${indicator.name}”窗口的证明材料（本窗口${indicator.points}分将不得分）` }));
        }
      }
    } else if (!files.some((f) => f.slot === material.id)) {
      findings.push(finding('QC_MATERIAL_MISSING', 'error', { material: material.name }));
    }
  }

  const policy = LEVEL_POLICY[submission.level];
  if (policy.window && !isWithinApplicationPeriod(submission.level, submission.applicationDate)) {
    const window = `${Number(policy.window.from.slice(0, 2))}月${Number(policy.window.from.slice(3))}日至${Number(policy.window.to.slice(0, 2))}月${Number(policy.window.to.slice(3))}日`;
    findings.push(finding('QC_OUTSIDE_APPLICATION_PERIOD', 'error', { level: submission.level, window, date: submission.applicationDate }));
  }

  // Every file's code is compared with the applicant's above, the licence's too: a licence
  // of another company is flagged itself, and the files that carry the applicant's code are
  // not blamed for disagreeing with it.

  const windows = INDICATORS.map((indicator) => {
    const inWindow = files.filter((f) => f.slot === indicator.id);
    return {
      id: indicator.id,
      files: inWindow.map((f) => f.file),
      bullets: indicator.bullets.map((bullet) => {
        const covering = inWindow.filter((f) => !f.misplaced && f.window?.bullets.some((b) => b.id === bullet.id && b.score > 0));
        return { id: bullet.id, text: bullet.text, evidenced: covering.length > 0, files: covering.map((f) => f.file) };
      }),
      partlyRead: inWindow.filter((f) => f.partlyRead && !f.misplaced).map((f) => f.file),
    };
  });

  // Who may apply at all, from the licence and the report as read and what the applicant states.
  const eligibility = assessEligibility(
    {
      level: submission.level,
      applicationDate: submission.applicationDate,
      company: applicant,
      licence: licenceOf(files),
      report: reportOf(files),
      currentRating: submission.currentRating ?? null,
    },
    options.policy,
  );

  const all = [...eligibilityFindings(eligibility), ...findings, ...files.flatMap((f) => f.findings)];
  return {
    verdict: all.some((f) => f.severity === 'error') ? 'fail' : 'pass',
    company: applicant,
    level: submission.level,
    applicationDate: submission.applicationDate,
    eligibility,
    files,
    findings: all,
    windows: policy.needsIndicatorEvidence ? windows : [],
    elapsedMs: performance.now() - started,
  };
}

const licenceOf = (files: (Analysis & { slot: Slot })[]) => {
  const f = materialFile(files, 'business-license', (x) => x.licence !== null);
  return f && licenceEvidenceOf(f);
};
const reportOf = (files: (Analysis & { slot: Slot })[]) => {
  const f = materialFile(files, 'credit-report', (x) => x.report !== null);
  return f && reportEvidenceOf(f);
};

/** The file uploaded as the material, else any file read as it (a licence put in another slot still speaks). */
const materialFile = <T extends Analysis & { slot: Slot }>(files: T[], slot: Slot, has: (f: T) => boolean) =>
  files.find((f) => f.slot === slot && has(f)) ?? files.find((f) => f.kind === slot && has(f)) ?? null;

/** Check a submission file: its `files` paths are relative to it. */
export async function checkSubmissionFile(path: string, options: CheckOptions = {}): Promise<CheckResult> {
  const submission = parseInput(submissionSchema, await readJsonFile(path), '申报材料清单');
  const base = dirname(resolve(path));
  return checkSubmission(submission, async (file) => new Uint8Array(await readFile(resolve(base, file))), options);
}

export { SLOTS };
