/**
 * The measurement behind the engine policy (src/reading/ocr/policy.ts): tesseract, PP-OCR and
 * the policy over the labelled corpus — licences, pledges and credit reports as scans, photos
 * and low-resolution copies, plus the hard variants (handwritten codes, codes under seals,
 * pages turned 90°/180°/270°, EXIF-rotated JPEGs). Each engine runs in a child process of its
 * own (bench/ocr-engines.bench.js, over dist/), so its peak memory is its own.
 *
 * Slow (minutes): runs only when asked.
 *
 *   npm run bench:ocr     (= npm run build && QCREDIT_OCR_MEASURE=1 vitest run test/ocr-engines.measure.test.ts)
 *
 * Environment: QCREDIT_OCR_ENGINES (default 'tesseract,paddle,auto'), QCREDIT_OCR_PER_KIND
 * (documents per kind, default 4), QCREDIT_OCR_HARD (documents per hard variant, default 6),
 * QCREDIT_OCR_RULES (JSON rules for an extra 'auto' run, e.g. a candidate policy),
 * QCREDIT_OCR_OUT (where to write the JSON of all runs).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readUpload } from '../src/reading/read.js';
import type { ReadPage } from '../src/reading/types.js';
import { generateCorpus, type CorpusItem } from './corpus/index.js';

const MEASURE = Boolean(process.env.QCREDIT_OCR_MEASURE);
const ENGINES = (process.env.QCREDIT_OCR_ENGINES ?? 'tesseract,paddle,auto').split(',').filter(Boolean);
const PER_KIND = Number(process.env.QCREDIT_OCR_PER_KIND ?? 4);
const HARD = Number(process.env.QCREDIT_OCR_HARD ?? 6);
const ROOT = path.resolve(import.meta.dirname, '..');

interface ItemRun {
  id: string;
  kind: string;
  variant: string;
  pages: number;
  readSeconds: number;
  codeSeconds: number;
  rotation: number[];
  truthCode: string;
  code: { raw: string; value: string; valid: boolean; repaired: boolean; candidates: string[] } | null;
  accuracy: number;
  expectedChars: number;
}

interface EngineRun {
  engine: string;
  label: string;
  coldStartMs: number;
  peakRssMB: number;
  items: ItemRun[];
}

/**
 * The text of the typeset page (what OCR should give back), in the order the bench puts OCR
 * lines in: rows top to bottom, left to right within a row.
 */
function typesetText(pages: ReadPage[]): string {
  return pages
    .map((page) => {
      const lines = [...page.lines].sort((a, b) => a.box.y + a.box.height / 2 - (b.box.y + b.box.height / 2));
      const rows: { centre: number; height: number; lines: typeof lines }[] = [];
      for (const line of lines) {
        const row = rows[rows.length - 1];
        const centre = line.box.y + line.box.height / 2;
        if (row && Math.abs(row.centre - centre) < Math.max(row.height, line.box.height) * 0.5) row.lines.push(line);
        else rows.push({ centre, height: line.box.height, lines: [line] });
      }
      return rows.map((row) => row.lines.sort((a, b) => a.box.x - b.box.x).map((l) => l.text).join(' ')).join('\n');
    })
    .join('\n');
}

async function writeMeasureCorpus(): Promise<string> {
  const dir = path.join(tmpdir(), `qcredit-ocr-measure-${PER_KIND}-${HARD}`);
  if (existsSync(path.join(dir, 'manifest.json'))) return dir;
  mkdirSync(dir, { recursive: true });
  const items: CorpusItem[] = await generateCorpus({
    kinds: ['business-license', 'pledge', 'credit-report'],
    variants: ['scan', 'photo', 'lowres'],
    perKind: PER_KIND,
    hard: HARD,
    keepSource: true,
  });
  for (const item of items) {
    writeFileSync(path.join(dir, item.fileName), item.bytes);
    const source = await readUpload(item.source!, { name: `${item.id}.pdf`, noCache: true });
    writeFileSync(path.join(dir, `${item.id}.text.txt`), typesetText(source.pages));
  }
  writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(items.map(({ bytes: _b, source: _s, ...rest }) => rest)));
  return dir;
}

/** One engine over the corpus in a child process (asynchronously: a blocked test process would miss vitest's heartbeats). */
function runEngine(dir: string, engine: string, rules?: string): Promise<EngineRun> {
  const args = ['--expose-gc', path.join(ROOT, 'bench/ocr-engines.bench.js'), '--corpus', dir, '--engine', engine, ...(rules ? ['--rules', rules] : [])];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.on('error', reject);
    child.on('close', (status) => {
      if (status !== 0) return reject(new Error(`${engine} run failed (exit ${status})`));
      const run = JSON.parse(stdout.trim().split('\n').pop()!) as Omit<EngineRun, 'label'>;
      resolve({ ...run, label: rules ? `auto ${rules}` : engine });
    });
  });
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - [...s].length));

function table(runs: EngineRun[]): string {
  const classes = [...new Set(runs[0]!.items.map((i) => i.variant))];
  const out: string[] = [];
  const codeRead = (items: ItemRun[]) => items.filter((i) => i.code?.valid && i.code.value === i.truthCode).length;
  const wrongValid = (items: ItemRun[]) => items.filter((i) => i.code?.valid && i.code.value !== i.truthCode).length;
  const accuracy = (items: ItemRun[]) => items.reduce((s, i) => s + i.accuracy * i.expectedChars, 0) / Math.max(1, items.reduce((s, i) => s + i.expectedChars, 0));
  const perPage = (items: ItemRun[]) => items.reduce((s, i) => s + i.readSeconds + i.codeSeconds, 0) / Math.max(1, items.reduce((s, i) => s + i.pages, 0));
  out.push(pad('credit code read exactly', 26) + runs.map((r) => pad(r.label.slice(0, 14), 16)).join(''));
  for (const c of [...classes, 'all']) {
    const row = runs.map((r) => {
      const items = c === 'all' ? r.items : r.items.filter((i) => i.variant === c);
      return pad(`${codeRead(items)}/${items.length}`, 16);
    });
    out.push(pad(`  ${c}`, 26) + row.join(''));
  }
  out.push(pad('  wrong code called valid', 26) + runs.map((r) => pad(String(wrongValid(r.items)), 16)).join(''));
  out.push(pad('character accuracy', 26));
  for (const c of [...classes, 'all']) {
    out.push(pad(`  ${c}`, 26) + runs.map((r) => pad(pct(accuracy(c === 'all' ? r.items : r.items.filter((i) => i.variant === c))), 16)).join(''));
  }
  out.push(pad('seconds per page', 26) + runs.map((r) => pad(perPage(r.items).toFixed(2), 16)).join(''));
  out.push(pad('cold start (warmUp), ms', 26) + runs.map((r) => pad(r.coldStartMs.toFixed(0), 16)).join(''));
  out.push(pad('peak RSS, MB', 26) + runs.map((r) => pad(r.peakRssMB.toFixed(0), 16)).join(''));
  return out.join('\n');
}

describe.runIf(MEASURE)('OCR engines over the labelled corpus (measurement)', () => {
  it('reads the corpus with each engine and the policy', async () => {
    const dir = await writeMeasureCorpus();
    // One after another: engines running side by side would slow each other down.
    const runs: EngineRun[] = [];
    for (const engine of ENGINES) runs.push(await runEngine(dir, engine));
    if (process.env.QCREDIT_OCR_RULES) runs.push(await runEngine(dir, 'auto', process.env.QCREDIT_OCR_RULES));
    const report = table(runs);
    console.log(`corpus: ${dir} (${runs[0]!.items.length} files)\n${report}`);
    for (const run of runs) {
      const misses = run.items.filter((i) => !(i.code?.valid && i.code.value === i.truthCode));
      console.log(`${run.label} misses:\n  ${misses.map((i) => `${i.id}: ${i.code ? `${i.code.raw} → ${i.code.value}${i.code.valid ? '' : ' (invalid)'}` : 'nothing'}`).join('\n  ')}`);
    }
    if (process.env.QCREDIT_OCR_OUT) writeFileSync(process.env.QCREDIT_OCR_OUT, JSON.stringify(runs, null, 1));
    for (const run of runs) {
      for (const item of run.items) if (item.code?.valid) expect(item.code.value, `${run.label}: ${item.id}`).toBe(item.truthCode);
    }
  }, 6 * 3600_000);
});
