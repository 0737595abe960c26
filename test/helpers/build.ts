/**
 * Makes sure dist/ is built from the current src/ before a test spawns a child process that
 * imports it: builds (`npm run build`) when an output is missing or older than the newest
 * source file. A lock directory keeps two test files (run in parallel forks) from running
 * tsc over the same outputs at once.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

function newestSource(folder: string): number {
  return Math.max(
    0,
    ...readdirSync(folder, { withFileTypes: true }).map((entry) => {
      const full = path.join(folder, entry.name);
      return entry.isDirectory() ? newestSource(full) : entry.name.endsWith('.ts') ? statSync(full).mtimeMs : 0;
    }),
  );
}

function stale(outputs: string[]): boolean {
  const newest = newestSource(path.join(REPO_ROOT, 'src'));
  return outputs.some((file) => {
    const full = path.join(REPO_ROOT, 'dist', file);
    return !existsSync(full) || statSync(full).mtimeMs < newest;
  });
}

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** Builds dist/ unless `outputs` (paths under dist/) are all newer than every src/ file. */
export function ensureBuilt(outputs: string[]): void {
  if (!stale(outputs)) return;
  const lock = path.join(tmpdir(), `qcredit-build-${Buffer.from(REPO_ROOT).toString('hex').slice(-24)}.lock`);
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Someone else is building; a lock older than two minutes is left over from a crash.
      try {
        if (Date.now() - statSync(lock).mtimeMs > 120_000) rmSync(lock, { recursive: true, force: true });
      } catch {
        // gone already
      }
      if (Date.now() > deadline) throw new Error(`could not take the build lock ${lock}`);
      sleep(250);
    }
  }
  try {
    if (stale(outputs)) execFileSync('npm', ['run', 'build'], { cwd: REPO_ROOT, stdio: 'pipe' });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** What the child scripts in test/helpers import from dist/. */
export const READING_OUTPUTS = [
  'index.js',
  'reading/read.js',
  'reading/pdf.js',
  'reading/credit-code.js',
  'reading/ocr/tesseract.js',
  'reading/ocr/preprocess.js',
  'reading/image.js',
];
