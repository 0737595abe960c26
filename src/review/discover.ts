/**
 * A folder of submissions: each sub-folder is one enterprise's, either with its
 * `submission.json` (the same file `qcredit check` takes) or just its files, whose slots are
 * then taken from their names where the names say it, and otherwise from their content.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { INDICATORS } from '../domain/catalogue.js';
import { parseInput } from '../domain/validate.js';
import { QcError } from '../errors.js';
import { readJsonFile } from '../io/json.js';
import { submissionSchema, type Slot, type Submission } from '../checks/schema.js';

export type SlotSource = 'submission' | 'name' | 'content';

export interface FolderFile {
  /** Relative to the submission's folder. */
  path: string;
  /** Null until the content says (slotSource 'content'). */
  slot: Slot | null;
  slotSource: SlotSource;
}

export interface FolderSubmission {
  /** The sub-folder's name: the submission's id in the store and its report's name. */
  id: string;
  folder: string;
  /** As its submission.json states it; null when the folder has none. */
  declared: Submission | null;
  files: FolderFile[];
}

export const SUBMISSION_FILE = 'submission.json';
const UPLOAD = /\.(pdf|jpe?g|png|tiff?|webp)$/i;

/** What a file name says of its slot, windows first: 质量文化-企业质量信用报告.pdf is evidence, not the credit report. */
const NAMED: readonly [Slot, readonly string[]][] = [
  ...INDICATORS.map((i) => [i.id, [i.id, i.name, i.name.split('和')[0]!].filter((n) => n.length >= 4)] as [Slot, string[]]),
  ['business-license', ['营业执照', 'business-license']],
  ['pledge', ['承诺书', 'pledge']],
  ['credit-report', ['信用报告', 'credit-report']],
];

export function slotFromName(name: string): Slot | null {
  const base = path.basename(name).toLowerCase();
  return NAMED.find(([, words]) => words.some((w) => base.includes(w.toLowerCase())))?.[0] ?? null;
}

/** The sub-folders of `root` that hold a submission, by name (`skip`: the output folder, when inside). */
export async function discoverSubmissions(root: string, skip: readonly string[] = []): Promise<FolderSubmission[]> {
  let entries;
  try {
    entries = await readdir(root, { withFileTypes: true });
  } catch (cause) {
    throw new QcError('QC_FILE_NOT_FOUND', { file: root }, { cause });
  }
  const skipped = new Set(skip.map((s) => path.resolve(s)));
  const folders = entries
    .filter((e) => e.isDirectory() && !e.name.startsWith('.') && !skipped.has(path.resolve(root, e.name)))
    .map((e) => e.name)
    .sort((a, b) => a.localeCompare(b, 'zh-CN'));
  const found: FolderSubmission[] = [];
  for (const id of folders) {
    const submission = await submissionIn(path.join(root, id), id);
    if (submission) found.push(submission);
  }
  if (!found.length) throw new QcError('QC_REVIEW_FOLDER_EMPTY', { folder: root });
  return found;
}

async function submissionIn(folder: string, id: string): Promise<FolderSubmission | null> {
  const declaredPath = path.join(folder, SUBMISSION_FILE);
  if (await stat(declaredPath).then((s) => s.isFile(), () => false)) {
    const declared = parseInput(submissionSchema, await readJsonFile(declaredPath), `${id}/${SUBMISSION_FILE}`);
    return { id, folder, declared, files: declared.files.map((f) => ({ path: f.path, slot: f.slot, slotSource: 'submission' as const })) };
  }
  const names = (await readdir(folder, { withFileTypes: true }))
    .filter((e) => e.isFile() && UPLOAD.test(e.name) && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort((a, b) => a.localeCompare(b, 'zh-CN'));
  if (!names.length) return null;
  return {
    id,
    folder,
    declared: null,
    files: names.map((name) => {
      const slot = slotFromName(name);
      return { path: name, slot, slotSource: slot ? ('name' as const) : ('content' as const) };
    }),
  };
}
