#!/usr/bin/env node
/**
 * HTTP service benchmark: `POST /v1/analyze` on a small text-layer PDF and on a scanned image
 * at concurrency 1, 4 and 16 (autocannon), plus an overload run past the queue's bound; the
 * share of 429s; the server's peak memory; then 1,000 requests in a row with the server's
 * memory (after GC) at the start, along the way and at the end. The same analyses through
 * the library, with no HTTP, are measured in the same run as the peer: the difference is what
 * the server adds.
 *
 *   npm run bench:server        (= npm run build && node --expose-gc bench/server.bench.js)
 *
 * Options:
 *   --quick        fewer requests (a smoke test; figures are rough)
 *   --soak N       requests in a row for the memory check (default 1000)
 *
 * The server runs in a child process (`--child`, this same file) with its defaults, as
 * `qcredit serve` starts it, so its memory is its own; MALLOC_ARENA_MAX=2 as the README
 * recommends for servers. Test material is generated in memory (test/helpers/scans.mjs):
 * the example pledge as a PDF (1 text-layer page, ~70 KB) and that page "scanned" (rendered
 * at 200 DPI, grey JPEG, ~340 KB). Plain ESM JavaScript against the compiled library in ../dist.
 */
import { fork } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { table } from './table.mjs';

const DIST = new URL('../dist/', import.meta.url);
const args = process.argv.slice(2);
const has = (flag) => args.includes(flag);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function statusMemory() {
  try {
    const status = readFileSync('/proc/self/status', 'utf8');
    const kb = (key) => Number(new RegExp(`${key}:\\s*(\\d+)`).exec(status)?.[1] ?? NaN) * 1024;
    return { rss: kb('VmRSS'), peak: kb('VmHWM') };
  } catch {
    return { rss: process.memoryUsage().rss, peak: process.resourceUsage().maxRSS * 1024 };
  }
}

// ---------------------------------------------------------------------------------------
// The server, in the child process

async function child() {
  const { buildServer } = await import(new URL('index.js', DIST).href);
  const app = await buildServer({ logLevel: 'warn' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address();
  process.on('message', async (message) => {
    if (message === 'memory') {
      // Full collections, with a pause for finalisers and worker threads to let go.
      for (let i = 0; i < 3; i++) {
        globalThis.gc?.();
        await sleep(50);
      }
      const { heapUsed, external, arrayBuffers } = process.memoryUsage();
      process.send({ type: 'memory', ...statusMemory(), heapUsed, external, arrayBuffers });
    } else if (message === 'peak') {
      process.send({ type: 'peak', ...statusMemory() });
    } else if (message === 'close') {
      await app.close();
      process.send({ type: 'closed' });
      process.disconnect();
    }
  });
  // The bench is gone (finished or killed): do not linger as an orphan server.
  process.on('disconnect', () => app.close().finally(() => process.exit(0)));
  process.send({ type: 'listening', port });
}

// ---------------------------------------------------------------------------------------
// The benchmark, in the parent

const ms = (x) => (x == null || Number.isNaN(x) ? '—' : x >= 100 ? x.toFixed(0) : x.toFixed(1));
const mb = (bytes) => (bytes == null || Number.isNaN(bytes) ? '—' : `${(bytes / 1024 / 1024).toFixed(0)} MB`);
const pct = (x) => (x == null || Number.isNaN(x) ? '—' : `${(100 * x).toFixed(1)}%`);


function quantile(sorted, q) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

const BOUNDARY = 'qcredit-bench-boundary';
function multipart(name, bytes) {
  return Buffer.concat([
    Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    Buffer.from(bytes),
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ]);
}

function startServer() {
  const server = fork(fileURLToPath(import.meta.url), ['--child'], {
    execArgv: ['--expose-gc'],
    env: { ...process.env, MALLOC_ARENA_MAX: '2' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiting = new Map();
  server.on('message', (message) => {
    const resolve = waiting.get(message.type);
    waiting.delete(message.type);
    resolve?.(message);
  });
  const next = (type) => new Promise((resolve) => waiting.set(type, resolve));
  const ask = (question, answer) => {
    const reply = next(answer);
    server.send(question);
    return reply;
  };
  return {
    listening: next('listening'),
    memory: () => ask('memory', 'memory'),
    peak: () => ask('peak', 'peak'),
    close: () => ask('close', 'closed'),
  };
}

/** Progress on stderr, so a slow phase on a loaded machine can be told from a stuck one. */
const progress = (text) => process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${text}\n`);

async function load(autocannon, base, body, connections, amount) {
  progress(`autocannon: ${amount} requests, ${connections} at a time`);
  const result = await autocannon({
    url: `${base}/v1/analyze`,
    method: 'POST',
    headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
    body,
    connections,
    amount,
    timeout: 300,
  });
  const count = (status) => result.statusCodeStats?.[status]?.count ?? 0;
  const answered = result['2xx'] + result.non2xx;
  return {
    answered,
    ok: result['2xx'],
    busy: count('429'),
    unavailable: count('503'),
    other: result.non2xx - count('429') - count('503'),
    errors: result.errors + result.timeouts,
    perSecond: answered / result.duration,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
  };
}

/** `count` requests at once, each sent once; latency of every answer, and of the refusals alone. */
async function burstOf(base, body, count) {
  progress(`burst: ${count} requests at once`);
  const answers = await Promise.all(
    Array.from({ length: count }, async () => {
      const t = performance.now();
      try {
        const res = await fetch(`${base}/v1/analyze`, { method: 'POST', body, headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` } });
        await res.arrayBuffer();
        return { status: res.status, ms: performance.now() - t };
      } catch {
        return { status: 0, ms: performance.now() - t };
      }
    }),
  );
  const sorted = answers.map((a) => a.ms).sort((a, b) => a - b);
  const refused = answers.filter((a) => a.status === 429).map((a) => a.ms).sort((a, b) => a - b);
  return {
    answered: answers.length,
    busy: refused.length,
    other: answers.filter((a) => a.status !== 200 && a.status !== 429).length,
    p50: quantile(sorted, 0.5),
    p90: quantile(sorted, 0.9),
    p99: quantile(sorted, 0.99),
    refusedMax: refused.at(-1),
  };
}

/** The same analyses through the library, no HTTP: `amount` requests, `connections` at a time. */
async function peer(lib, engine, bytes, name, connections, amount) {
  progress(`peer: ${amount} ${name}, ${connections} at a time`);
  const latencies = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < amount) {
      next++;
      const t = performance.now();
      await lib.analyzeFile(bytes, name, { engine });
      latencies.push(performance.now() - t);
      // As the server does: nothing of an upload stays in the read cache.
      lib.clearReadCache();
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { perSecond: amount / seconds, p50: quantile(latencies, 0.5), p90: quantile(latencies, 0.9), p99: quantile(latencies, 0.99) };
}

async function main() {
  if (!existsSync(new URL('index.js', DIST))) {
    console.error('dist/ is missing: run `npm run build` first (npm run bench:server does).');
    process.exit(2);
  }
  const quick = has('--quick');
  const soak = option('soak', quick ? 300 : 1000);
  const { default: autocannon } = await import('autocannon');
  const { loadLibrary, generateExamples, scanPdf } = await import('../test/helpers/scans.mjs');
  const lib = await loadLibrary();
  const { pledge } = await generateExamples(lib);
  const [scan] = await scanPdf(lib, pledge, { name: 'pledge.pdf' });
  const files = [
    { label: 'text-layer PDF', name: '承诺书.pdf', bytes: pledge, body: multipart('承诺书.pdf', pledge), amounts: quick ? [8, 16, 32] : [30, 60, 120] },
    { label: 'scanned JPEG', name: '承诺书.jpg', bytes: scan.jpeg, body: multipart('承诺书.jpg', scan.jpeg), amounts: quick ? [1, 4, 8] : [2, 8, 16] },
  ];
  const levels = [1, 4, 16];

  console.log(`qcredit server benchmark — Node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), load ${os.loadavg().map((x) => x.toFixed(2)).join(' / ')}`);
  console.log(`server: buildServer defaults (in flight 4, queued 32, the default OCR engine), child process, MALLOC_ARENA_MAX=2${quick ? '; --quick' : ''}`);
  console.log(`files: ${files.map((f) => `${f.label} ${(f.bytes.length / 1024).toFixed(0)} KB`).join(', ')}`);

  const server = startServer();
  const { port } = await server.listening;
  const base = `http://127.0.0.1:${port}`;
  const started = performance.now();
  while ((await fetch(`${base}/readyz`)).status !== 200) await sleep(100);
  const readyMs = performance.now() - started;
  const { engine: engineId } = await (await fetch(`${base}/readyz`)).json();
  console.log(`OCR engine: ${engineId}`);
  const idle = await server.memory();

  // The peer: the same work in this process through the library, with the server's engine.
  const engine = await lib.createEngine(engineId, {});
  await engine.warmUp();

  // Warm-up of both: module loading, font and CMap caches, the first OCR.
  await load(autocannon, base, files[0].body, 1, 10);
  await load(autocannon, base, files[1].body, 1, 1);
  await peer(lib, engine, files[0].bytes, files[0].name, 1, 5);
  await peer(lib, engine, files[1].bytes, files[1].name, 1, 1);

  // Each server run is followed at once by its peer run, so both meet the same machine load.
  const rows = [];
  const peers = [];
  const record = (file, connections, run, peak) => {
    rows.push([file.label, String(connections), String(run.answered), run.perSecond.toFixed(run.perSecond >= 10 ? 1 : 2), ms(run.p50), ms(run.p90), ms(run.p99), pct(run.busy / run.answered), String(run.other + run.errors + run.unavailable), mb(peak)]);
  };
  for (const file of files) {
    for (const [i, connections] of levels.entries()) {
      const run = await load(autocannon, base, file.body, connections, file.amounts[i]);
      record(file, connections, run, (await server.peak()).peak);
      // 16 scans at once through the library prove nothing the 4 do not, at a minute's cost.
      if (file.label === 'scanned JPEG' && connections === 16) continue;
      peers.push([file.label, String(connections), await peer(lib, engine, file.bytes, file.name, connections, file.amounts[i])]);
    }
  }
  await engine.close();

  // The server's own cost: the same 67 KB multipart upload, of bytes that are no document,
  // so reading it is over at once. What remains is HTTP, multipart, the queue, the log
  // lines and the answer checked against its schema.
  const junk = multipart('junk.pdf', new Uint8Array(pledge.length).fill(0x20));
  for (const [connections, amount] of [[1, quick ? 100 : 300], [16, quick ? 400 : 2000]]) {
    const run = await load(autocannon, base, junk, connections, amount);
    record({ label: `${(pledge.length / 1024).toFixed(0)} KB upload, no document` }, connections, run, (await server.peak()).peak);
  }

  // A burst past the bound (4 in flight + 32 queued), each request sent once: the excess
  // must be refused at once (429), not held. (autocannon would resend every refused request
  // at once, so its 429 count would measure its own retry loop.)
  const burst = await burstOf(base, files[0].body, 64);
  rows.push(['text-layer PDF, one burst', '64', String(burst.answered), '—', ms(burst.p50), ms(burst.p90), ms(burst.p99), pct(burst.busy / burst.answered), String(burst.other), mb((await server.peak()).peak)]);

  // 1,000 in a row: memory after GC at the start, along the way and at the end.
  const memory = [{ after: 0, ...(await server.memory()) }];
  const step = soak / 4;
  let soakErrors = 0;
  const soakStarted = performance.now();
  for (let done = step; done <= soak; done += step) {
    const run = await load(autocannon, base, files[0].body, 1, step);
    soakErrors += run.answered - run.ok + run.errors;
    memory.push({ after: done, ...(await server.memory()) });
  }
  const soakSeconds = (performance.now() - soakStarted) / 1000;
  const peakAll = (await server.peak()).peak;
  const closeStarted = performance.now();
  await server.close();
  const closeMs = performance.now() - closeStarted;

  table(
    'POST /v1/analyze (autocannon; latency over all answers, 429s included)',
    [['file', 'l'], ['conc.', 'r'], ['answers', 'r'], ['req/s', 'r'], ['p50 ms', 'r'], ['p90 ms', 'r'], ['p99 ms', 'r'], ['429', 'r'], ['other errors', 'r'], ['server peak RSS', 'r']],
    rows,
    [
      `ready after ${ms(readyMs)} ms (OCR workers warm); idle RSS after GC ${mb(idle.rss)}; peak RSS is the process's high-water mark so far`,
      `the burst sends 64 at once against 4 in flight + 32 queued: ${burst.busy} refused with 429 (the slowest refusal took ${ms(burst.refusedMax)} ms), the rest answered`,
    ],
  );
  const serverRow = (label, connections) => rows.find((r) => r[0] === label && r[1] === connections);
  table(
    'Peer: the same analyses through the library in one process, no HTTP',
    [['file', 'l'], ['conc.', 'r'], ['req/s', 'r'], ['p50 ms', 'r'], ['p90 ms', 'r'], ['p99 ms', 'r'], ['server p50 ms', 'r'], ['HTTP overhead (p50)', 'r']],
    peers.map(([label, connections, p]) => {
      const s = serverRow(label, connections);
      const overhead = s ? Number(s[4]) - p.p50 : NaN;
      return [label, connections, p.perSecond.toFixed(p.perSecond >= 10 ? 1 : 2), ms(p.p50), ms(p.p90), ms(p.p99), s?.[4] ?? '—', Number.isNaN(overhead) ? '—' : `${overhead >= 0 ? '+' : ''}${ms(overhead)} ms`];
    }),
    ['each peer run follows its server run at once; at concurrency > 1 both are bound by the same 2 cores, which the server shares with autocannon'],
  );
  const first = memory[1];
  const last = memory[memory.length - 1];
  table(
    `${soak} text-layer requests in a row (${(soak / soakSeconds).toFixed(1)} req/s, ${soakErrors} not 200): server memory after GC`,
    [['after', 'r'], ['RSS', 'r'], ['heap used', 'r'], ['external', 'r'], ['array buffers', 'r']],
    memory.map((m) => [String(m.after), mb(m.rss), mb(m.heapUsed), mb(m.external), mb(m.arrayBuffers)]),
    [
      `growth from the first ${step} to the end: RSS ${mb(last.rss - first.rss)}, heap ${mb(last.heapUsed - first.heapUsed)}; from the start: RSS ${mb(last.rss - memory[0].rss)}`,
      `server peak RSS over the whole run ${mb(peakAll)}; graceful close took ${ms(closeMs)} ms`,
    ],
  );
  const bounded = last.heapUsed - first.heapUsed < 20 * 1024 * 1024 && last.rss - first.rss < 60 * 1024 * 1024;
  console.log(`\nmemory over the last ${soak - step} requests: ${bounded ? 'flat (heap +<20 MB, RSS +<60 MB)' : 'GROWING'}`);
  if (!bounded) process.exitCode = 1;
}

if (has('--child')) await child();
else await main();
