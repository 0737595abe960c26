/**
 * Writes a folder of generated submissions for the review benchmark (bench/review.bench.js):
 *   vite-node test/helpers/review-generate.ts -- <folder> <count>
 * Prints one JSON line: the submissions and files written. Text-layer PDFs (see review-folder.ts).
 */
import { companiesFor, plainSubmission, writeSubmissions } from './review-folder.js';

const [folder, count = '50'] = process.argv.slice(2).filter((a) => a !== '--');
if (!folder) throw new Error('usage: review-generate.ts <folder> [count]');
const companies = companiesFor('qcredit-review-bench', Number(count));
const planned = [];
// A few at a time: the generators are CPU-bound, two cores.
for (let i = 0; i < companies.length; i += 4) {
  planned.push(...(await Promise.all(companies.slice(i, i + 4).map((c, j) => plainSubmission(c, `qcredit-review-bench-${i + j}`)))));
}
await writeSubmissions(folder, planned);
console.log(JSON.stringify({ submissions: planned.length, files: planned.reduce((n, p) => n + p.files.length, 0) }));
