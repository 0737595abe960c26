#!/usr/bin/env node
/**
 * Asynchronous checks at scale: N example submissions through the HTTP API (POST /v1/checks,
 * then GET /v1/checks/{id} until done), run three ways on the same work:
 *   1. in-process: `qcredit serve` alone (the embedded backend, --jobs-concurrency jobs at once);
 *   2. Redis + 1 `qcredit worker` process;
 *   3. Redis + 2 `qcredit worker` processes.
 * Reported: throughput (submissions a minute), p50/p95 time from POST to result, and the peak
 * RSS of every process (VmHWM from /proc). Each submission has its own application date, so
 * no file's reading is reused from another (the Redis backend reuses readings by hash).
 *
 *   npm run bench:queue                      (builds, then N = 100)
 *   node bench/queue.bench.js --n 20 [--redis redis://127.0.0.1:6379] [--concurrency 1]
 *     --concurrency: jobs at once per worker process, and in-process (default 1)
 *
 * Redis must answer at --redis (default 127.0.0.1:6379); the run uses its own key prefix and
 * removes its keys afterwards. The submission: the example's text-layer files (licence, credit
 * report, two windows' evidence) and its scanned pledge (OCR).
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { option } from './process.mjs';
import { table } from './table.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const N = Number(option('n', 100));
const REDIS = option('redis', 'redis://127.0.0.1:6379');
const CONCURRENCY = Number(option('concurrency', 1));
const KEY = 'bench-queue-key-0123456789';
const PREFIX = `qcbench-${process.pid}`;

const { Redis } = await import('ioredis');

const EXAMPLE = join(ROOT, 'examples', 'submission');
const base = JSON.parse(readFileSync(join(EXAMPLE, 'submission.json'), 'utf8'));
const kept = base.files.filter((f) => ['business-license', 'pledge', 'credit-report', 'quality-culture', 'resources'].includes(f.slot));
const bytes = new Map(kept.map((f) => [f.path, readFileSync(join(EXAMPLE, f.path))]));

/** The i-th submission: the same files, its own application date (so nothing is reused). */
function formOf(i) {
  const date = new Date(Date.UTC(2026, 5, 1) + i * 86_400_000).toISOString().slice(0, 10);
  const data = new FormData();
  data.append('submission', JSON.stringify({ ...base, applicationDate: date, files: kept }));
  for (const [name, b] of bytes) data.append('files', new Blob([b]), name);
  return data;
}

const children = [];
function start(argv, env) {
  const child = spawn(process.execPath, ['bin/qcredit.js', ...argv], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  let stdout = '';
  child.stderr.on('data', (c) => (stderr += c));
  child.stdout.on('data', (c) => (stdout += c));
  children.push(child);
  return { child, stderr: () => stderr, stdout: () => stdout };
}
const wait = (ms) => new Promise((r) => setTimeout(r, ms));
async function until(check, ms, what) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await wait(100);
  }
}
/** Peak resident set of a live process, from /proc (Linux). */
function peakRss(pid) {
  try {
    const kb = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
    return `${(kb / 1024).toFixed(0)} MB`;
  } catch {
    return 'n/a';
  }
}
async function stop(p) {
  if (p.child.exitCode !== null) return;
  const exited = new Promise((r) => p.child.once('exit', r));
  p.child.kill('SIGTERM');
  await Promise.race([exited, wait(30_000).then(() => p.child.kill('SIGKILL'))]);
}
async function removeKeys() {
  const client = new Redis(REDIS);
  let cursor = '0';
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', `${PREFIX}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) await client.del(...keys);
  } while (cursor !== '0');
  await client.quit();
}
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

async function run(label, workers) {
  const redis = workers > 0;
  const env = {
    QCREDIT_API_KEY: KEY,
    ...(redis ? { QCREDIT_REDIS_URL: REDIS, QCREDIT_QUEUE_PREFIX: PREFIX } : {}),
    QCREDIT_MAX_JOBS_PER_KEY: String(N + 10),
  };
  const api = start(['serve', '--port', '0', '--engine', 'tesseract', '--ocr-workers', '1', '--log-level', 'warn'], env);
  await until(() => /http:\/\/127\.0\.0\.1:\d+\//.test(api.stderr()), 60_000, 'server start');
  const url = /(http:\/\/127\.0\.0\.1:\d+)\//.exec(api.stderr())[1];
  await until(async () => (await fetch(`${url}/readyz`)).ok, 120_000, 'server ready');
  const ws = [];
  for (let i = 0; i < workers; i++) ws.push(start(['worker', '--redis-url', REDIS, '--prefix', PREFIX, '--concurrency', String(CONCURRENCY), '--engine', 'tesseract', '--ocr-workers', '1', '--log-level', 'warn'], {}));
  for (const w of ws) await until(() => w.stderr().includes('工作进程已启动'), 60_000, 'worker start');
  const auth = { authorization: `Bearer ${KEY}` };
  const submitted = [];
  const t0 = performance.now();
  for (let i = 0; i < N; i++) {
    const at = performance.now();
    const res = await fetch(`${url}/v1/checks`, { method: 'POST', body: formOf(i), headers: auth });
    if (res.status !== 202) throw new Error(`${label}: POST answered ${res.status} ${await res.text()}`);
    submitted.push({ at, location: res.headers.get('location'), doneAt: null, status: null });
  }
  while (submitted.some((s) => s.doneAt === null)) {
    for (const s of submitted.filter((x) => x.doneAt === null)) {
      const view = await (await fetch(url + s.location, { headers: auth })).json();
      if (['completed', 'failed', 'cancelled'].includes(view.status)) {
        s.doneAt = performance.now();
        s.status = view.status;
      }
    }
    await wait(200);
  }
  const wall = Math.max(...submitted.map((s) => s.doneAt)) - t0;
  const latencies = submitted.map((s) => (s.doneAt - s.at) / 1000);
  const rss = [`api ${peakRss(api.child.pid)}`, ...ws.map((w, i) => `worker${i + 1} ${peakRss(w.child.pid)}`)].join(', ');
  for (const w of ws) await stop(w);
  await stop(api);
  const failed = submitted.filter((s) => s.status !== 'completed').length;
  return [label, N, failed, (wall / 1000).toFixed(1), ((N / wall) * 60_000).toFixed(1), pct(latencies, 50).toFixed(1), pct(latencies, 95).toFixed(1), rss];
}

const rows = [];
try {
  rows.push(await run(`in-process (1 job at a time)`, 0));
  rows.push(await run(`Redis + 1 worker (concurrency ${CONCURRENCY})`, 1));
  rows.push(await run(`Redis + 2 workers (concurrency ${CONCURRENCY})`, 2));
} finally {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  await removeKeys().catch(() => {});
}
table(
  `Async checks: ${N} submissions of ${kept.length} files (1 scan) through POST /v1/checks — ${os.cpus().length} cores, Node ${process.version}`,
  [['mode', 'l'], ['N', 'r'], ['not ok', 'r'], ['wall s', 'r'], ['per min', 'r'], ['p50 s', 'r'], ['p95 s', 'r'], ['peak RSS', 'l']],
  rows,
  ['time to result: from the POST to the GET that saw it done (polled every 200 ms); all N are posted at once', 'OCR: tesseract, 1 thread in every process'],
);
