/**
 * Writes the benchmark's AA submission (eval/kit.ts) to a folder: 15 files — licence,
 * pledge, three-year credit report, evidence for all 11 windows and a second one for
 * 科技研发创新 — seven of them colour scans (the licence, pledge and report, four evidence
 * documents), and submission.json. Prints a JSON summary of what it wrote.
 *
 *   vite-node eval/bench-submission.ts -- <folder>
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Slot } from '../src/checks/schema.js';
import { generateCompanies } from '../test/corpus/companies.js';
import { createRng } from '../test/corpus/random.js';
import { aaSubmission, submissionOf } from './kit.js';

const SCANNED = new Set<Slot>(['business-license', 'pledge', 'credit-report', 'infrastructure', 'rnd-innovation', 'quality-level', 'brand-building']);

const dir = process.argv.slice(2).filter((a) => a !== '--')[0];
if (!dir) throw new Error('usage: vite-node eval/bench-submission.ts -- <folder>');
const [company] = generateCompanies(createRng('qcredit-bench-submission'), 1);
const kit = await aaSubmission(company!, {
  label: 'qcredit-bench-submission',
  scan: (slot, template) => SCANNED.has(slot) && template !== 'invention-patent-certificate',
  extraEvidence: [['rnd-innovation', 'invention-patent-certificate']],
});
await mkdir(dir, { recursive: true });
for (const f of kit.files) await writeFile(join(dir, f.name), f.bytes);
await writeFile(join(dir, 'submission.json'), JSON.stringify(submissionOf(kit).submission, null, 2) + '\n');
process.stdout.write(
  JSON.stringify({
    dir,
    applicationDate: kit.applicationDate,
    files: kit.files.map((f) => ({ name: f.name, slot: f.slot, scanned: f.scanned, bytes: f.bytes.length, pages: f.truth.pages.length })),
  }) + '\n',
);
