/**
 * Running commands for the benchmarks, one implementation for every bench script: wall time
 * and, where /usr/bin/time exists, the command's peak RSS; and the median of a series.
 */
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** '/usr/bin/time' when it can report a command's peak RSS (-f %M), else null. */
export const TIME_BIN = spawnSync('/usr/bin/time', ['-f', '%M', 'true']).status === 0 ? '/usr/bin/time' : null;

/** Runs a command from the repository's root: { status, stdout, stderr, ms, rssKB } (rssKB null without `timeBin`). */
export function run(cmd, argv, { env = {}, timeBin = null } = {}) {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(timeBin ?? cmd, timeBin ? ['-f', '%M', cmd, ...argv] : argv, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status) => {
      const ms = performance.now() - started;
      let rssKB = null;
      if (timeBin) {
        const lines = stderr.trimEnd().split('\n');
        rssKB = Number(lines.pop());
        stderr = lines.join('\n');
      }
      resolve({ status, stdout, stderr, ms, rssKB });
    });
  });
}

/** The median of the finite numbers among `xs` (NaN when there are none). */
export function median(xs) {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return NaN;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** The repository's root folder (benchmarks run commands and read examples from there). */
export const REPO_ROOT = ROOT;

/** `--name value` from the command line, else `fallback` (a string: the caller converts it). */
export function option(name, fallback) {
  const args = process.argv.slice(2);
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : fallback;
}
