/**
 * A folder's submission as `checkSubmission` takes it. With a submission.json, that file; without
 * one, the slots its file names say, the rest by what the analysis reads them as (said in an
 * info finding), and the company from its business licence.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { analyzeFile, uploadedAs } from '../checks/analyze.js';
import type { Analysis, CheckResult, Slot, Submission } from '../checks/schema.js';
import { slotName } from '../checks/slots.js';
import { finding } from '../checks/types.js';
import type { Level } from '../domain/levels.js';
import type { OcrEngine } from '../reading/ocr/engine.js';
import type { FolderSubmission } from './discover.js';

export interface Defaults {
  /** The level of a folder without submission.json. */
  level: Level;
  applicationDate: string;
}

export interface Resolved {
  submission: Submission;
  /** What was decided for the folder rather than read from its submission.json (info and errors). */
  notes: CheckResult['findings'];
}

export const loadFrom = (folder: string) => async (file: string) => new Uint8Array(await readFile(path.resolve(folder, file)));

/** Where the analysis says a file belongs (null: it cannot tell). */
function slotOf(analysis: Analysis): Slot | null {
  if (analysis.kind === 'evidence') return analysis.window?.id ?? null;
  return analysis.kind === 'unknown' ? null : analysis.kind;
}

export async function resolveSubmission(folder: FolderSubmission, defaults: Defaults, options: { engine?: OcrEngine; signal?: AbortSignal }): Promise<Resolved> {
  if (folder.declared) return { submission: folder.declared, notes: [] };
  const load = loadFrom(folder.folder);
  const notes: CheckResult['findings'] = [];
  const files: Submission['files'] = [];
  for (const file of folder.files) {
    if (file.slot) {
      files.push({ path: file.path, slot: file.slot });
      continue;
    }
    options.signal?.throwIfAborted();
    const analysis = await analyzeFile(await load(file.path), path.basename(file.path), { engine: options.engine, signal: options.signal });
    const slot = slotOf(analysis);
    notes.push({ ...finding('QC_REVIEW_SLOT_FROM_CONTENT', 'info', { file: file.path, slot: slot ?? 'none', slotName: slot ? slotName(slot) : '无法识别（未纳入预审）' }), file: file.path });
    if (slot) files.push({ path: file.path, slot });
  }

  // The company: from the licence, read as `checkSubmission` will read it (the read is cached).
  let company = { name: folder.id, creditCode: '未识别' };
  const licence = files.find((f) => f.slot === 'business-license');
  if (licence) {
    const analysis = await analyzeFile(await load(licence.path), path.basename(licence.path), { engine: options.engine, signal: options.signal, ...uploadedAs('business-license') });
    const name = analysis.licence?.name ?? analysis.company?.name ?? null;
    const code = analysis.creditCode?.valid ? analysis.creditCode.value : null;
    if (name && code) company = { name, creditCode: code };
  }
  if (company.creditCode === '未识别') notes.push(finding('QC_REVIEW_COMPANY_UNREAD', 'error', { folder: folder.id }));
  return { submission: { company, level: defaults.level, applicationDate: defaults.applicationDate, files }, notes };
}
