/**
 * The reviewer's desk: every submission in a folder checked, what was seen recorded in the
 * store, the cross-submission findings drawn from it, and the outputs written (the workbook,
 * its CSV, one HTML report per submission, an index page).
 *
 * Resumable: a submission's result is kept under a key over its files' sha256, its settings
 * and the tool version, as soon as it is done; a second run reads only the bytes (to hash
 * them) of a submission already done. A file's facts are kept by its sha256 likewise.
 */
import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { checkSubmission, type AnalysisCache } from '../checks/submission.js';
import { clearReadCache } from '../reading/read.js';
import type { CheckResult } from '../checks/schema.js';
import type { Level } from '../domain/levels.js';
import type { EligibilityPolicy } from '../domain/policy/index.js';
import type { OcrEngine } from '../reading/ocr/engine.js';
import { crossFindings, recordSubmission, type CrossFinding } from '../store/cross.js';
import { openStore, type Store } from '../store/store.js';
import { QcError } from '../errors.js';
import { discoverSubmissions, type FolderSubmission } from './discover.js';
import { factsOf, withCross } from './repeats.js';
import { loadFrom, resolveSubmission } from './resolve.js';
import { writeOutputs, type ReviewOutputs } from './outputs.js';

/** The store's file in the output folder when no other store is named. */
export const DEFAULT_STORE_FILE = 'qcredit-store.sqlite';
/** Files analysed at once within a submission (as `qcredit check`). */
const CONCURRENCY = 3;

export interface ReviewOptions {
  /** The folder of submissions (one sub-folder each). */
  input: string;
  /** Where the workbook, CSV, reports and index go (created when missing). */
  output: string;
  /** A `postgres://` URL or a SQLite file; the output folder's qcredit-store.sqlite by default. */
  store?: string;
  /** An open store to use instead (the caller closes it). */
  openedStore?: Store;
  engine?: OcrEngine;
  /** For folders without submission.json: the level (AA by default) and the application date (today). */
  level?: Level;
  applicationDate?: string;
  quick?: boolean;
  policy?: EligibilityPolicy;
  /** Stops between files; what is finished is kept. */
  signal?: AbortSignal;
  onProgress?: (progress: ReviewProgress) => void;
}

export interface ReviewProgress {
  submissionsDone: number;
  submissionsTotal: number;
  filesDone: number;
  filesTotal: number;
  /** The submission being worked on (its folder), null between and after. */
  current: string | null;
  /** Milliseconds left at the pace of the files analysed so far (null before there is a pace). */
  etaMs: number | null;
}

export interface ReviewedSubmission {
  id: string;
  /** The check's result with the cross-submission findings added (warnings, on their files). */
  result: CheckResult;
  cross: CrossFinding[];
  /** Taken from the store: nothing was read again. */
  reused: boolean;
}

export interface ReviewOutcome {
  submissions: ReviewedSubmission[];
  /** Files analysed in this run (0 when everything came from the store). */
  filesAnalysed: number;
  filesReused: number;
  outputs: ReviewOutputs;
}

const today = () => new Date().toISOString().slice(0, 10);

/** The key a submission's result is kept under: its files' contents, its settings, the tool version. */
function resultKey(folder: FolderSubmission, hashes: Map<string, string>, settings: object, version: string): string {
  const files = folder.files.map((f) => ({ path: f.path, slot: f.slot, from: f.slotSource, sha256: hashes.get(f.path) ?? 'missing' }));
  return createHash('sha256').update(JSON.stringify({ version, declared: folder.declared, files, settings })).digest('hex');
}

export async function reviewFolder(options: ReviewOptions): Promise<ReviewOutcome> {
  const output = path.resolve(options.output);
  // Nothing to review: no output folder left behind either.
  const folders = await discoverSubmissions(options.input, [output]);
  await mkdir(output, { recursive: true }).catch((cause) => {
    throw new QcError('QC_OUTPUT_WRITE', { file: output, reason: (cause as Error).message }, { cause });
  });
  const location = options.store ?? path.join(output, DEFAULT_STORE_FILE);
  let store = options.openedStore;
  if (!store) {
    try {
      store = await openStore(location);
    } catch (cause) {
      throw new QcError('QC_STORE_UNAVAILABLE', { store: location.replace(/\/\/[^@/]*@/, '//…@'), reason: (cause as Error).message }, { cause });
    }
  }
  try {
    return await reviewWith(store, folders, output, options);
  } finally {
    if (!options.openedStore) await store.close();
  }
}

async function reviewWith(store: Store, folders: FolderSubmission[], output: string, options: ReviewOptions): Promise<ReviewOutcome> {
  const defaults = { level: options.level ?? 'AA', applicationDate: options.applicationDate ?? today() };
  const settings = { defaults, quick: Boolean(options.quick), policy: options.policy ?? null };
  const filesTotal = folders.reduce((n, f) => n + f.files.length, 0);
  let filesDone = 0;
  let filesAnalysed = 0;
  let filesReused = 0;
  let analysedMs = 0;
  const progress = (submissionsDone: number, current: string | null) => {
    const pace = filesAnalysed ? analysedMs / filesAnalysed : null;
    options.onProgress?.({ submissionsDone, submissionsTotal: folders.length, filesDone, filesTotal, current, etaMs: pace === null ? null : pace * (filesTotal - filesDone) });
  };

  const reviewed: { id: string; result: CheckResult; reused: boolean }[] = [];
  for (const [index, folder] of folders.entries()) {
    options.signal?.throwIfAborted();
    progress(index, folder.id);
    const load = loadFrom(folder.folder);
    const bytes = new Map<string, Uint8Array>();
    const hashes = new Map<string, string>();
    for (const file of folder.files) {
      try {
        const b = await load(file.path);
        bytes.set(file.path, b);
        hashes.set(file.path, createHash('sha256').update(b).digest('hex'));
      } catch {
        // A file submission.json names but the folder lacks: the check says so (QC_FILE_NOT_FOUND).
      }
    }
    const key = resultKey(folder, hashes, settings, store.version);
    let result = await store.result(key);
    const reused = result !== null;
    if (result) {
      filesDone += folder.files.length;
      filesReused += folder.files.length;
    } else {
      const started = performance.now();
      const { submission, notes } = await resolveSubmission(folder, defaults, { engine: options.engine, signal: options.signal });
      const before = filesDone;
      let loaded = 0;
      // Files analysed in an earlier run (one cut off by Ctrl-C, or a submission changed since)
      // are taken from the store; each new analysis is kept there as soon as it is done.
      let kept = 0;
      const analyses: AnalysisCache = {
        get: async (k) => {
          const analysis = await store.analysis(k);
          if (analysis) kept++;
          return analysis;
        },
        put: (k, analysis) => store.saveAnalysis(k, analysis),
      };
      const checked = await checkSubmission(
        submission,
        async (file) => {
          // A file's load starts its analysis: the one `CONCURRENCY` places back is done by now.
          loaded++;
          filesDone = before + Math.max(0, loaded - CONCURRENCY);
          progress(index, folder.id);
          const b = bytes.get(file) ?? (await load(file));
          return b;
        },
        { engine: options.engine, previews: true, quick: options.quick, policy: options.policy, signal: options.signal, concurrency: CONCURRENCY, analyses },
      );
      result = notes.length ? { ...checked, findings: [...notes, ...checked.findings], verdict: notes.some((n) => n.severity === 'error') ? 'fail' : checked.verdict } : checked;
      filesDone = before + folder.files.length;
      filesAnalysed += folder.files.length - kept;
      filesReused += kept;
      analysedMs += performance.now() - started;
      // Kept at once: a Ctrl-C after this line loses nothing of this submission.
      await store.saveResult(key, { id: folder.id, company: result.company }, result);
      // The reading layer caches every upload it read (with its open PDF): no other submission
      // shares them, and 50 submissions' worth held 1.6 GB at the end of the first bench run.
      clearReadCache();
    }

    const source = (name: string) => [...bytes.entries()].find(([p]) => path.basename(p) === name)?.[1];
    const facts = await factsOf(store, result, source);
    await recordSubmission(store, { id: folder.id, company: result.company, files: facts });
    reviewed.push({ id: folder.id, result, reused });
  }
  progress(folders.length, null);

  // Asked again now that every submission is in: the first of two twins learns of the second.
  const submissions: ReviewedSubmission[] = [];
  for (const r of reviewed) {
    const cross = await crossFindings(store, r.id);
    submissions.push({ id: r.id, result: withCross(r.result, cross), cross, reused: r.reused });
  }
  const outputs = await writeOutputs(output, submissions);
  return { submissions, filesAnalysed, filesReused, outputs };
}
