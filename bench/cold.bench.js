#!/usr/bin/env node
/**
 * Cold commands, as a user runs them one file at a time (issue 14): `qcredit analyze FILE`
 * in a fresh process for each example upload, beside the same-run peers — `pdftotext` for a
 * PDF's text, native `tesseract` for a scan, where installed — then where the time goes,
 * stage by stage, in the same cold process (bench/stages-child.mjs).
 *
 *   npm run bench   (builds; this runs after the reading benchmarks)
 *   node bench/cold.bench.js [--runs N] [--engine ID]     (runs: cold runs per file, 3)
 *
 * Targets from the issue: a text-layer PDF ≤ 0.5 s; a scanned page ≤ native tesseract + 0.3 s.
 * Wall times on a shared 2-core machine move with its load: compare the columns of one run,
 * not runs of different days. Peak RSS from /usr/bin/time -f %M where it exists. Then the
 * example files in one process, once and four times over: peak memory must not grow with them.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import os from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, option, run, TIME_BIN } from './process.mjs';
import { table } from './table.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RUNS = Number(option('runs', 3));
const ENGINE = option('engine', '');
const TEXT_LAYER_TARGET_MS = 500;
const SCAN_MARGIN_MS = 300;
const EXAMPLES = join(ROOT, 'examples', 'submission');

const sec = (ms) => (Number.isFinite(ms) ? (ms / 1000).toFixed(2) : 'n/a');
const mbFromKb = (kb) => (Number.isFinite(kb) ? `${Math.round(kb / 1024)} MB` : 'n/a');
const has = (cmd, flag = '--version') => spawnSync(cmd, [flag], { encoding: 'utf8' }).status === 0;

/** Wall ms and peak RSS (KB, NaN without /usr/bin/time) of one command. */
const runOnce = async (cmd, argv) => {
  const r = await run(cmd, argv, { timeBin: TIME_BIN });
  return { ...r, rssKB: r.rssKB ?? NaN };
};

async function repeated(cmd, argv) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await runOnce(cmd, argv));
  return { ms: median(runs.map((r) => r.ms)), rssKB: median(runs.map((r) => r.rssKB)), failed: runs.find((r) => r.status !== 0 && r.status !== 1) };
}

async function main() {
  const cpus = os.cpus();
  console.log('qcredit cold-command benchmark (issue 14: a text-layer PDF ≤ 0.5 s; a scanned page ≤ native tesseract + 0.3 s)');
  console.log(`machine: ${cpus.length} × ${cpus[0]?.model?.trim() ?? '?'} | node ${process.version} | load average at start ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const files = readdirSync(EXAMPLES).filter((f) => /\.(pdf|jpe?g|png)$/i.test(f)).sort();
  const pdftotext = has('pdftotext', '-v');
  const tesseract = has('tesseract');
  const node = process.execPath;
  const engineArgs = ENGINE ? ['--engine', ENGINE] : [];

  const baseline = await repeated(node, ['bin/qcredit.js', '--version']);
  const library = await repeated(node, ['--input-type=module', '-e', "await import('./dist/index.js')"]);
  const rows = [
    ['node bin/qcredit.js --version', '', sec(baseline.ms), mbFromKb(baseline.rssKB), '', ''],
    ["import('qcredit') (dist/index.js)", '', sec(library.ms), mbFromKb(library.rssKB), '', ''],
  ];
  const profiles = [];
  for (const name of files) {
    const path = join(EXAMPLES, name);
    const ours = await repeated(node, ['bin/qcredit.js', 'analyze', path, '--json', ...engineArgs]);
    if (ours.failed) console.error(`${name}: qcredit exited ${ours.failed.status}: ${ours.failed.stderr.slice(0, 300)}`);
    const isPdf = extname(name).toLowerCase() === '.pdf';
    const stage = spawnSync(node, ['bench/stages-child.mjs', path, ENGINE], { cwd: ROOT, encoding: 'utf8' });
    const profile = stage.status === 0 ? JSON.parse(stage.stdout.trim().split('\n').pop()) : null;
    if (!profile) console.error(`${name}: stage profile failed: ${stage.stderr.slice(0, 300)}`);
    profiles.push({ name, profile });
    const textLayer = profile ? profile.ocrPages === 0 : isPdf;
    let peer = null;
    let peerName = '';
    if (isPdf && textLayer && pdftotext) {
      peer = await repeated('pdftotext', ['-layout', path, '-']);
      peerName = 'pdftotext';
    } else if (!isPdf && tesseract) {
      peer = await repeated('tesseract', [path, '-', '-l', 'chi_sim']);
      peerName = 'tesseract';
    }
    const target = textLayer ? `≤ ${sec(TEXT_LAYER_TARGET_MS)} s ${ours.ms <= TEXT_LAYER_TARGET_MS ? '✓' : '✗'}` : peer ? `≤ ${sec(peer.ms + SCAN_MARGIN_MS)} s ${ours.ms <= peer.ms + SCAN_MARGIN_MS ? '✓' : '✗'}` : 'peer n/a';
    rows.push([`analyze ${name}`, textLayer ? 'text layer' : 'OCR', sec(ours.ms), mbFromKb(ours.rssKB), peer ? `${sec(peer.ms)} (${peerName})` : 'n/a', target]);
  }
  // Many files in one process: memory must not grow with their number (results are written
  // as they come, nothing of a file is kept). The example files once, then four times over.
  const paths = files.map((f) => join(EXAMPLES, f));
  for (const times of [1, 4]) {
    const argv = Array.from({ length: times }, () => paths).flat();
    const batch = await runOnce(node, ['bin/qcredit.js', 'analyze', ...argv, '--json', ...engineArgs]);
    rows.push([`analyze ${argv.length} files in one process`, 'both', sec(batch.ms), mbFromKb(batch.rssKB), '', `${sec(batch.ms / argv.length)} s a file`]);
  }
  table(`Cold commands, median of ${RUNS} fresh processes each`, [['command', 'l'], ['reads by', 'l'], ['seconds', 'r'], ['peak RSS', 'r'], ['peer seconds', 'r'], ['target', 'l']], rows, [
    `peers: pdftotext ${pdftotext ? 'present' : 'not installed'}; native tesseract ${tesseract ? 'present' : 'not installed (apt-get install tesseract-ocr tesseract-ocr-chi-sim)'}`,
  ]);

  const stageNames = ['text-layer', 'rasterise', 'orientation', 'ocr', 'seal', 'checks'];
  table(
    'Where a cold analyze spends its time (ms; one fresh process per file; stages exclusive, parallel work adds up)',
    [['file', 'l'], ['start-up', 'r'], ...stageNames.map((s) => [s, 'r']), ['other', 'r'], ['analyze', 'r']],
    profiles.map(({ name, profile: p }) => {
      if (!p) return [name, 'failed'];
      const staged = stageNames.reduce((sum, s) => sum + p.stages[s], 0);
      return [name, p.startupMs.toFixed(0), ...stageNames.map((s) => p.stages[s].toFixed(0)), Math.max(0, p.analyzeMs - staged).toFixed(0), p.analyzeMs.toFixed(0)];
    }),
    ['start-up: from process start until the modules `qcredit analyze` loads are in; other: reading the file, sniffing, waiting'],
  );
  console.log(`load average at end ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
}

await main();
