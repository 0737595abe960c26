/**
 * The work of a check job, the same in both backends: a child job per file reads it (with the
 * options `checkSubmission` would use for it, recording its OCR), and the parent job applies
 * the submission's rules by calling `checkSubmission` itself, its OCR played back from the
 * children's recordings. A file whose child failed becomes that file's finding.
 */
import { createHash } from 'node:crypto';
import { analyzeFile, uploadedAs } from '../checks/analyze.js';
import type { CheckResult, Slot, Submission } from '../checks/schema.js';
import { isWindow } from '../checks/slots.js';
import { checkSubmission } from '../checks/submission.js';
import type { EligibilityPolicy } from '../domain/policy/index.js';
import { QcError } from '../errors.js';
import { formatBytes, type ReadLimitsInput } from '../reading/limits.js';
import type { OcrEngine } from '../reading/ocr/engine.js';
import type { Repeats } from '../review/repeats.js';
import { VERSION } from '../version.js';
import { recordingEngine, replayingEngine, type OcrTape, type ReplayStats } from './ocr-tape.js';
import type { CheckRunOptions } from './types.js';
import { baseName } from '../util/base-name.js';

export const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** One file of a submission, as its child job reads it. */
export interface FileTask {
  name: string;
  sha256: string;
  slot: Slot;
  level: Submission['level'];
  applicationDate: string;
  options: CheckRunOptions;
}

/** The child jobs of a submission: one per uploaded file and slot it is listed in. */
export function fileTasks(submission: Submission, uploaded: Map<string, string>, options: CheckRunOptions): FileTask[] {
  const tasks = new Map<string, FileTask>();
  for (const { path, slot } of submission.files) {
    const name = baseName(path);
    const sha256 = uploaded.get(name);
    if (!sha256) continue; // missing or oversize: a finding when the parent puts the result together
    tasks.set(`${name}\u0000${slot}`, { name, sha256, slot, level: submission.level, applicationDate: submission.applicationDate, options });
  }
  return [...tasks.values()];
}

/**
 * What a file's reading depends on: the tool's version, the file's bytes and everything the
 * analysis is told. The same file checked twice with the same key is read once.
 */
export function fileCacheKey(task: FileTask): string {
  return createHash('sha256')
    .update(JSON.stringify([VERSION, task.sha256, task.name, task.slot, task.level, task.applicationDate, task.options.quick, task.options.previews]))
    .digest('hex');
}

export interface WorkContext {
  engine?: OcrEngine;
  limits: ReadLimitsInput;
  signal?: AbortSignal;
  /** With a store (`--store`): the submission recorded, and what repeats under other companies added to its result. */
  repeats?: Repeats;
}

/** Reads one file as `checkSubmission` would (src/checks/submission.ts), recording its OCR. */
export async function readFileTask(bytes: Uint8Array, task: FileTask, context: WorkContext): Promise<OcrTape> {
  const tape: OcrTape = {};
  await analyzeFile(bytes, task.name, {
    engine: context.engine ? recordingEngine(context.engine, tape) : undefined,
    limits: context.limits,
    level: task.level,
    applicationDate: task.applicationDate,
    preview: task.options.previews,
    noCache: true,
    ...uploadedAs(task.slot),
    signal: context.signal,
    readAll: isWindow(task.slot) && !task.options.quick,
  });
  return tape;
}

export interface AssembleInput {
  submission: Submission;
  /** Bytes by file name (uploaded files only). */
  load(name: string): Promise<Uint8Array | null>;
  oversize: ReadonlySet<string>;
  /** Files whose child job failed, with why. */
  failed: ReadonlyMap<string, string>;
  tape: OcrTape;
  options: CheckRunOptions;
  policy?: EligibilityPolicy;
  maxFileBytes: number;
  /** The job's id: the submission's id in the store. */
  id: string;
}

/** The parent's work: the submission's result, OCR played back from its files' recordings. */
export async function assembleCheck(input: AssembleInput, context: WorkContext, stats?: ReplayStats): Promise<CheckResult> {
  const { submission, options } = input;
  const loaded = new Map<string, Uint8Array>();
  const result = await checkSubmission(
    submission,
    async (path) => {
      const name = baseName(path);
      if (input.oversize.has(name)) {
        throw new QcError('QC_FILE_TOO_LARGE', { file: name, size: `> ${formatBytes(input.maxFileBytes)}`, limit: formatBytes(input.maxFileBytes) });
      }
      const reason = input.failed.get(name);
      if (reason !== undefined) throw new QcError('QC_JOB_FILE_FAILED', { file: name, reason });
      const bytes = await input.load(name);
      if (!bytes) throw new QcError('QC_FILE_NOT_FOUND', { file: path });
      loaded.set(name, bytes);
      return bytes;
    },
    {
      engine: context.engine || Object.keys(input.tape).length ? replayingEngine(input.tape, context.engine, stats) : undefined,
      limits: context.limits,
      previews: options.previews,
      noCache: true,
      signal: context.signal,
      quick: options.quick,
      policy: input.policy,
    },
  );
  return context.repeats ? context.repeats(result, (name) => loaded.get(name), input.id) : result;
}
