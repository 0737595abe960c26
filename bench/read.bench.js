#!/usr/bin/env node
/**
 * Reading benchmark for qcredit: text-layer pages, scanned pages through OCR (1 and 2
 * workers, warm), the credit-code pass, the native `tesseract` command on the same pages in
 * the same run, and memory.
 *
 *   npm run bench        (= npm run build && node --expose-gc bench/generate.bench.js
 *                           && node --expose-gc bench/read.bench.js)
 *
 * Options:
 *   --quick       fewer runs and pages (a smoke test; figures are rough)
 *   --soak        also read 300 scanned pages (+ 900 text-layer pages) in a child process
 *                 and check memory growth against the same bound as test/soak.test.ts
 *   --soak-pages N, --soak-recycle N   size of that soak (300) and the engine's recycleAfter (25)
 *   --soak-arena2 repeat the soak with MALLOC_ARENA_MAX=2 (glibc keeps fewer per-thread arenas)
 *   --only-soak   the soak alone
 *   --no-native   skip the native tesseract comparison
 *
 * Plain ESM JavaScript against the compiled library in ../dist (no TypeScript runner). Test
 * material is generated in memory (test/helpers/scans.mjs): the example pledge (1 page) and
 * summary (6 pages) as PDFs; "scans" of them rendered at 200 DPI by the library's own
 * openPdf().render, made grey and encoded as JPEG (quality 75) by sharp.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { table } from './table.mjs';
import {
  characterAccuracy,
  CREDIT_CODE,
  generateEvidence,
  generateExamples,
  jpegToPng,
  loadLibrary,
  memory,
  repeatPages,
  scanPdf,
  scansToPdf,
} from '../test/helpers/scans.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const has = (flag) => args.includes(flag);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const QUICK = has('--quick');
const SOAK = has('--soak');
const NATIVE = !has('--no-native');
const TARGETS = { textPageMs: 30, scannedVsNative: 1.0 }; // from the issue
/** test/soak.test.ts uses the same bounds. */
const SOAK_BOUNDS = { textGrowthMB: 60, ocrGrowthMB: 200 };

// ---------------------------------------------------------------------------------------
// helpers

const ms = (x) => (x == null || Number.isNaN(x) ? '—' : x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const sec = (x) => (x == null || Number.isNaN(x) ? '—' : x.toFixed(2));
const mb = (bytes) => (bytes == null || Number.isNaN(bytes) ? '—' : `${(bytes / 1024 / 1024).toFixed(0)} MB`);
const ratio = (x) => (x == null || Number.isNaN(x) ? '—' : `${x.toFixed(2)}×`);
const pct = (x) => (x == null || Number.isNaN(x) ? '—' : `${(100 * x).toFixed(1)}%`);
const verdict = (ok) => (ok == null ? '' : ok ? 'PASS' : 'MISS');
const loadavg = () => os.loadavg().map((x) => x.toFixed(2)).join(' / ');
const gc = () => {
  globalThis.gc?.();
  globalThis.gc?.();
};
const sleep = (msec) => new Promise((resolve) => setTimeout(resolve, msec));

function quantile(sorted, q) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}
function stats(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const n = sorted.length;
  return {
    n,
    min: sorted[0],
    median: !n ? NaN : n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2,
    p95: quantile(sorted, 0.95),
    max: sorted[n - 1],
    mean: n ? sorted.reduce((a, b) => a + b, 0) / n : NaN,
  };
}


/** CPU seconds of this process (all its threads: main, tesseract workers, libvips). */
const cpuSelf = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};
/** CPU seconds of this process's waited-for children (/proc/self/stat cutime + cstime). */
const CLK_TCK = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100;
function cpuChildren() {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) / CLK_TCK; // fields 16 and 17 of stat(5)
  } catch {
    return NaN;
  }
}

/** Settled memory: a pause for threads ending, then full GCs. */
async function settledMemory() {
  await sleep(100);
  gc();
  const m = await memory();
  return { ...m, maxRSS: process.resourceUsage().maxRSS * 1024, ...process.memoryUsage(), rss: m.rss };
}

function version(name) {
  try {
    return JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return '?';
  }
}

/** Run `command` asynchronously; resolves with wall ms, exit status and stdout. */
function run(command, argv, { env, input } = {}) {
  return new Promise((resolve) => {
    const t = performance.now();
    const child = spawn(command, argv, { env: { ...process.env, ...env }, stdio: [input ? 'pipe' : 'ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    if (input) child.stdin.end(input);
    child.on('error', (error) => resolve({ ms: performance.now() - t, status: null, stdout, stderr: String(error) }));
    child.on('close', (status) => resolve({ ms: performance.now() - t, status, stdout, stderr }));
  });
}

/** Run `task(i)` for i in 0..count-1, at most `limit` at once. */
async function mapLimited(count, limit, task) {
  const results = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, count) }, async () => {
      while (next < count) {
        const i = next++;
        results[i] = await task(i);
      }
    }),
  );
  return results;
}

// ---------------------------------------------------------------------------------------
// native tesseract

function findNative() {
  const probe = spawnSync('tesseract', ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) return { missing: `not installed (${probe.error?.code ?? `exit ${probe.status}`})` };
  const langs = spawnSync('tesseract', ['--list-langs'], { encoding: 'utf8' });
  const version = (probe.stdout + probe.stderr).split('\n')[0].trim();
  const hasChi = /^chi_sim$/m.test(langs.stdout + langs.stderr);
  const timeBin = spawnSync('/usr/bin/time', ['-f', '%M', 'true'], { encoding: 'utf8' }).status === 0 ? '/usr/bin/time' : null;
  return { version, hasChi, timeBin };
}

// ---------------------------------------------------------------------------------------
// --mem-probe W JPEG: in a fresh child process, RSS with a TesseractEngine of W workers

async function memProbe() {
  const workers = option('mem-probe', 1);
  const jpeg = new Uint8Array(readFileSync(args[args.indexOf('--mem-probe') + 2]));
  const lib = await loadLibrary();
  const out = { workers };
  out.base = (await settledMemory()).rss;
  const engine = new lib.TesseractEngine({ workers, recycleAfter: 1000 });
  await engine.warmUp();
  out.warm = (await settledMemory()).rss;
  const readAll = (count) => mapLimited(count, workers, () => lib.readUpload(jpeg, { name: 'p.jpg', engine, noCache: true }));
  await readAll(workers);
  out.onePage = (await settledMemory()).rss;
  await readAll(4 * workers);
  out.fivePages = (await settledMemory()).rss;
  await engine.close();
  out.closed = (await settledMemory()).rss;
  out.hwm = (await memory()).hwm;
  process.stdout.write(JSON.stringify(out) + '\n');
}

// ---------------------------------------------------------------------------------------
// main

async function main() {
  const started = performance.now();
  const cpus = os.cpus();
  console.log('qcredit reading benchmark');
  console.log(`machine: ${cpus.length} × ${cpus[0]?.model?.trim() ?? '?'} | ${mb(os.totalmem())} RAM | ${os.platform()} ${os.release()} | node ${process.version} (V8 ${process.versions.v8})`);
  console.log(
    `libs: pdfjs-dist ${version('pdfjs-dist')}, @napi-rs/canvas ${version('@napi-rs/canvas')}, tesseract.js ${version('tesseract.js')} (core ${version('tesseract.js-core')}), sharp ${version('sharp')}`,
  );
  console.log(`load average (1/5/15 min) at start: ${loadavg()} — other processes share these ${cpus.length} CPUs; wall times are load-sensitive, CPU times less so`);
  console.log(`gc exposed: ${typeof globalThis.gc === 'function' ? 'yes' : 'NO (run with --expose-gc for settled memory figures)'}${QUICK ? ' | QUICK mode: few runs and pages, figures are rough' : ''}`);

  const lib = await loadLibrary();
  const memStart = await settledMemory();
  const { pledge, summary } = await generateExamples(lib);
  const tmp = mkdtempSync(join(os.tmpdir(), 'qcredit-read-bench-'));

  // --- 1. text-layer pages -------------------------------------------------------------------
  const long = await repeatPages([pledge, summary], 300);
  const docs = [
    { name: 'summary PDF (6 pages)', bytes: summary, pages: 6 },
    { name: 'pledge PDF (1 page)', bytes: pledge, pages: 1 },
  ];
  const reads = QUICK ? 15 : 120;
  for (const d of docs) d.samples = [];
  for (let i = 0; i < 5; i++) for (const d of docs) await lib.readUpload(d.bytes, { name: 'w.pdf', noCache: true });
  for (let i = 0; i < reads; i++) {
    for (const d of docs) {
      const t = performance.now();
      const result = await lib.readUpload(d.bytes, { name: 'bench.pdf', noCache: true });
      d.samples.push((performance.now() - t) / result.pages.length);
      if (result.pages.length !== d.pages || result.pages.some((p) => p.source !== 'text-layer')) throw new Error(`${d.name}: unexpected read`);
    }
  }
  const longSamples = [];
  const longRuns = QUICK ? 1 : 3;
  for (let i = 0; i < longRuns; i++) {
    const t = performance.now();
    const result = await lib.readUpload(long.bytes, { name: 'long.pdf', noCache: true });
    longSamples.push((performance.now() - t) / result.pages.length);
  }
  // Where a text-layer page goes: open + close, and the text of one page on an open document.
  const openClose = [];
  const perPage = [];
  for (let i = 0; i < (QUICK ? 10 : 60); i++) {
    let t = performance.now();
    const pdf = await lib.openPdf(summary, 's.pdf');
    const opened = performance.now() - t;
    for (let n = 1; n <= pdf.pageCount; n++) {
      t = performance.now();
      await pdf.textLines(n, 200);
      perPage.push(performance.now() - t);
    }
    t = performance.now();
    await pdf.close();
    openClose.push(opened + performance.now() - t);
  }
  const textRows = docs.map((d) => {
    const s = stats(d.samples);
    return [d.name, s.n, ms(s.median), ms(s.p95), ms(s.min), ms(s.max), `< ${TARGETS.textPageMs}`, verdict(s.median < TARGETS.textPageMs), verdict(s.p95 < TARGETS.textPageMs)];
  });
  const ls = stats(longSamples);
  textRows.push([`300-page PDF (${(long.bytes.length / 1024).toFixed(0)} KB), read whole`, ls.n, ms(ls.median), '', ms(ls.min), ms(ls.max), `< ${TARGETS.textPageMs}`, verdict(ls.median < TARGETS.textPageMs), '']);
  table(
    'Text-layer pages: ms per page (readUpload with noCache: true, in-process, warm; per-document time ÷ its pages)',
    [['document', 'l'], ['reads', 'r'], ['median', 'r'], ['p95', 'r'], ['min', 'r'], ['max', 'r'], ['target', 'r'], ['median', 'l'], ['p95', 'l']],
    textRows,
    [
      `of which: openPdf + close ${ms(stats(openClose).median)} ms per document (median); textLines ${ms(stats(perPage).median)} ms per page (median, p95 ${ms(stats(perPage).p95)}).`,
      'readUpload also hashes the bytes (sha256) and sniffs the type; pages are read 3 at a time.',
    ],
  );
  const memText = await settledMemory();

  // --- 2. scanned pages --------------------------------------------------------------------
  const allScans = [
    ...(await scanPdf(lib, pledge)).map((s) => ({ ...s, label: 'pledge p1', doc: 'pledge', expected: null })),
    ...(await scanPdf(lib, summary)).map((s) => ({ ...s, label: `summary p${s.page}`, doc: 'summary', expected: null })),
  ];
  const expectedText = [
    ...(await lib.readUpload(pledge, { noCache: true })).pages.map((p) => p.text),
    ...(await lib.readUpload(summary, { noCache: true })).pages.map((p) => p.text),
  ];
  allScans.forEach((s, i) => (s.expected = expectedText[i]));
  const scans = QUICK ? allScans.slice(0, 2) : allScans;
  const rounds = QUICK ? 1 : 2;
  for (const [i, s] of scans.entries()) {
    s.png = join(tmp, `page-${i + 1}.png`);
    writeFileSync(s.png, await jpegToPng(s.jpeg));
  }
  // A three-page piece of evidence (质量月活动总结) scanned into one image-only PDF.
  const EVIDENCE_WINDOW = 'quality-culture';
  const evidencePages = await scanPdf(lib, await generateEvidence(lib));
  for (const [i, page] of evidencePages.entries()) {
    page.png = join(tmp, `evidence-${i + 1}.png`);
    page.label = `evidence p${i + 1}`;
    writeFileSync(page.png, await jpegToPng(page.jpeg));
  }
  const evidence = { pages: evidencePages, pdf: await scansToPdf(evidencePages) };
  const jpegKB = stats(scans.map((s) => s.jpeg.length / 1024));
  console.log(
    `\nScanned pages: ${scans.length} (${scans.map((s) => s.label).join(', ')}), ${scans[0].width}×${scans[0].height} px (A4 at 200 DPI), grey JPEG q75, median ${jpegKB.median.toFixed(0)} KB; ${rounds} round(s) each.`,
  );

  // Native tesseract: availability, and the same model as ours in a tessdata folder of its own.
  let native = null;
  if (!NATIVE) console.log('native tesseract: skipped (--no-native)');
  else {
    native = findNative();
    if (native.missing) {
      console.log(`native tesseract: ${native.missing} — skipped (on Debian: apt-get install -y tesseract-ocr tesseract-ocr-chi-sim)`);
      native = null;
    } else {
      const sameModel = join(tmp, 'tessdata');
      mkdirSync(sameModel, { recursive: true });
      writeFileSync(join(sameModel, 'chi_sim.traineddata'), gunzipSync(readFileSync(join(lib.shippedLangPath('chi_sim'), 'chi_sim.traineddata.gz'))));
      native.variants = [{ key: 'same', label: `native, same model as ours (chi_sim 4.0.0_best_int)`, extra: ['--tessdata-dir', sameModel] }];
      if (native.hasChi) native.variants.push({ key: 'stock', label: 'native, distribution chi_sim data', extra: [] });
      console.log(`native tesseract: ${native.version}${native.hasChi ? '' : ' (no chi_sim data installed: only the same-model run)'}; run as OMP_THREAD_LIMIT=1 tesseract page.png - -l chi_sim --psm 3`);
    }
  }
  const nativeOnce = async (variant, scan) => {
    const r = await run('tesseract', [scan.png, '-', '-l', 'chi_sim', '--psm', '3', ...variant.extra], { env: { OMP_THREAD_LIMIT: '1' } });
    if (r.status !== 0) throw new Error(`native tesseract failed on ${scan.label}: ${r.stderr.slice(0, 300)}`);
    return r;
  };

  // Native start-up: the model load on a tiny blank image.
  const nativeStartup = {};
  if (native) {
    const blank = join(tmp, 'blank.png');
    const { default: sharp } = await import('sharp');
    await sharp({ create: { width: 64, height: 64, channels: 3, background: '#ffffff' } }).toColourspace('b-w').png().toFile(blank);
    for (const v of native.variants) {
      const times = [];
      for (let i = 0; i < (QUICK ? 2 : 4); i++) times.push((await nativeOnce(v, { png: blank, label: 'blank' })).ms);
      nativeStartup[v.key] = stats(times).median;
    }
  }

  const results = {}; // `${workers}`: {...}
  const memRows = [['before generating (library loaded)', memStart], ['after the text-layer runs', memText]];
  for (const workers of [1, 2]) {
    const r = (results[workers] = { ours: [], oursCpu: 0, oursWall: 0, code: [], codeOk: 0, accuracy: [], native: {}, pledgeBands: [], pledgeWhole: [], pledgeNative: {}, evidenceLazy: [], evidenceWhole: [], evidenceNative: {}, evidencePagesRead: [] });
    gc();
    const before = await settledMemory();
    let t = performance.now();
    const engine = new lib.TesseractEngine({ workers });
    await engine.warmUp();
    r.startup = performance.now() - t;
    const warm = await settledMemory();
    r.started = engine.debugState().workers.length; // chi_sim × workers + 1 eng
    // The first recognition on fresh workers pays lazy set-up: one page per worker, untimed.
    t = performance.now();
    await mapLimited(workers, workers, () => lib.readUpload(scans[0].jpeg, { name: 'first.jpg', engine, noCache: true }));
    r.firstPage = performance.now() - t;
    const afterFirst = await settledMemory();

    for (const v of native?.variants ?? []) r.native[v.key] = { wall: 0, cpu: 0, perPage: [], accuracy: [] };
    for (let round = 0; round < rounds; round++) {
      // Chunks of `workers` pages, each read by ours (`workers` at a time, one page per
      // readUpload, as uploads arrive) and then by each native variant (as many processes at
      // a time): interleaved chunk by chunk, so load from other processes falls on all alike.
      for (let first = 0; first < scans.length; first += workers) {
        const chunk = scans.slice(first, first + workers).map((scan, k) => ({ scan, i: first + k }));
        const cpu0 = cpuSelf();
        t = performance.now();
        await Promise.all(
          chunk.map(async ({ scan, i }) => {
            const t0 = performance.now();
            const result = await lib.readUpload(scan.jpeg, { name: `scan-${i}.jpg`, engine, noCache: true });
            if (workers === 1) r.ours.push((performance.now() - t0) / 1000);
            if (round === 0) r.accuracy[i] = characterAccuracy(result.pages[0].text, scan.expected);
          }),
        );
        r.oursWall += (performance.now() - t) / 1000;
        r.oursCpu += cpuSelf() - cpu0;
        for (const v of native?.variants ?? []) {
          const n = r.native[v.key];
          const c0 = cpuChildren();
          const w0 = performance.now();
          await Promise.all(
            chunk.map(async ({ scan, i }) => {
              const out = await nativeOnce(v, scan);
              if (workers === 1) n.perPage.push(out.ms / 1000);
              if (round === 0) n.accuracy[i] = characterAccuracy(out.stdout, scan.expected);
            }),
          );
          n.wall += (performance.now() - w0) / 1000;
          n.cpu += cpuChildren() - c0;
        }
      }
      // The pledge as the pre-check reads it when it is uploaded as a pledge: its head and
      // foot only (reading-plan.ts), against the whole page by ours and by native tesseract.
      {
        const scan = scans[0];
        const t0 = performance.now();
        const lazy = await lib.readUpload(scan.jpeg, { name: 'pledge.jpg', engine, noCache: true, lazy: true });
        await lib.readWhatChecksNeed(lazy.pages, { kind: 'pledge' });
        r.pledgeBands.push((performance.now() - t0) / 1000);
        const t1 = performance.now();
        await lib.readUpload(scan.jpeg, { name: 'pledge.jpg', engine, noCache: true });
        r.pledgeWhole.push((performance.now() - t1) / 1000);
        for (const v of native?.variants ?? []) {
          const out = await nativeOnce(v, scan);
          (r.pledgeNative[v.key] ??= []).push(out.ms / 1000);
        }
      }
      // A scanned piece of evidence checked for its window (analyze --as <window>, check
      // --quick): its first page until it shows the window, nothing after (reading-plan.ts);
      // against the whole file by ours and page by page by native tesseract.
      {
        const t0 = performance.now();
        const lazy = await lib.readUpload(evidence.pdf, { name: 'evidence.pdf', engine, noCache: true, lazy: true, secondOpinions: false });
        await lib.readWhatChecksNeed(lazy.pages, { kind: 'evidence', window: EVIDENCE_WINDOW });
        r.evidenceLazy.push((performance.now() - t0) / 1000);
        r.evidencePagesRead.push(lazy.pages.filter((p) => p.lines.length).length);
        const t1 = performance.now();
        await lib.readUpload(evidence.pdf, { name: 'evidence.pdf', engine, noCache: true, secondOpinions: false });
        r.evidenceWhole.push((performance.now() - t1) / 1000);
        for (const v of native?.variants ?? []) {
          // As many processes at a time as we have workers.
          const w0 = performance.now();
          await mapLimited(evidence.pages.length, workers, (i) => nativeOnce(v, evidence.pages[i]));
          (r.evidenceNative[v.key] ??= []).push((performance.now() - w0) / 1000);
        }
      }
      // The credit code on the pledge: the page read, then findCreditCode's code-line pass.
      t = performance.now();
      const read = await lib.readUpload(scans[0].jpeg, { name: 'pledge.jpg', engine, noCache: true });
      const readMs = performance.now() - t;
      t = performance.now();
      const found = await lib.findCreditCode(read.pages, engine);
      r.code.push({ readMs, findMs: performance.now() - t });
      if (found?.valid && found.value === CREDIT_CODE) r.codeOk++;
    }
    r.pages = scans.length * rounds;
    const afterPages = await settledMemory();
    await engine.close();
    const closed = await settledMemory();
    r.mem = { before, warm, afterFirst, afterPages, closed };
    memRows.push(
      [`${workers} worker(s): before the engine`, before],
      [`${workers} worker(s): after warmUp (${r.started} workers: ${workers} chi_sim + 1 eng)`, warm],
      [`${workers} worker(s): after the first page per worker`, afterFirst],
      [`${workers} worker(s): after ${r.pages} more pages + ${rounds} code passes`, afterPages],
      [`${workers} worker(s): after close()`, closed],
    );
  }

  // Table: s per scanned page.
  const scanRows = [];
  const verdictRows = [];
  for (const workers of [1, 2]) {
    const r = results[workers];
    const oursPerPage = r.oursWall / r.pages;
    const oursCpuPerPage = r.oursCpu / r.pages;
    const per = workers === 1 ? stats(r.ours) : null;
    scanRows.push([
      `ours: readUpload(jpeg) on TesseractEngine({ workers: ${workers} }), warm`,
      `${workers}`,
      sec(oursPerPage),
      per ? `${sec(per.min)}–${sec(per.max)}` : '',
      sec(oursCpuPerPage),
      pct(stats(r.accuracy).mean),
      '',
    ]);
    for (const v of native?.variants ?? []) {
      const n = r.native[v.key];
      const nPerPage = n.wall / r.pages;
      const np = workers === 1 ? stats(n.perPage) : null;
      const vs = oursPerPage / nPerPage;
      scanRows.push([`${v.label}, ${workers === 1 ? 'one page at a time' : 'two pages in parallel'}`, `${workers}`, sec(nPerPage), np ? `${sec(np.min)}–${sec(np.max)}` : '', sec(n.cpu / r.pages), pct(stats(n.accuracy).mean), ratio(vs)]);
      verdictRows.push([
        `scanned page, ${workers} worker(s) vs ${v.label}`,
        sec(oursPerPage),
        sec(nPerPage),
        ratio(vs),
        ratio(oursCpuPerPage / (n.cpu / r.pages)),
        `≤ ${TARGETS.scannedVsNative.toFixed(2)}×`,
        verdict(vs <= TARGETS.scannedVsNative),
      ]);
    }
  }
  table(
    `Scanned A4 pages at 200 DPI: seconds per page (wall: pages done ÷ time, ${scans.length} pages × ${rounds} round(s); CPU: all threads of the process / of the children)`,
    [['reader', 'l'], ['parallel', 'r'], ['s/page', 'r'], ['range (1 at a time)', 'r'], ['CPU s/page', 'r'], ['char accuracy', 'r'], ['ours ÷ this', 'r']],
    scanRows,
    [
      'ours = the whole readUpload: sniff, JPEG decode (sharp), deskew, grey, PNM encode, transfer to the worker, tesseract.js (wasm, SIMD) recognise, lines;',
      '  worker start-up is excluded (warmUp first, and one untimed page per worker). native = the tesseract CLI per page: process start and model load included',
      `  (start-up on a blank 64×64 image: ${native ? native.variants.map((v) => `${v.key === 'same' ? 'same model' : 'distribution data'} ${ms(nativeStartup[v.key])} ms`).join(', ') : '—'}).`,
      'char accuracy = 1 − edit distance ÷ length against the page\'s own text layer, whitespace removed (first round).',
    ],
  );

  // Start-up and the credit-code pass.
  const startRows = [];
  for (const workers of [1, 2]) {
    const r = results[workers];
    const read = stats(r.code.map((c) => c.readMs));
    const find = stats(r.code.map((c) => c.findMs));
    startRows.push([`TesseractEngine({ workers: ${workers} }).warmUp() (${r.started} workers)`, ms(r.startup), '']);
    startRows.push([`  first page per worker afterwards (${workers} page(s), lazy set-up)`, ms(r.firstPage), '']);
    startRows.push([`  pledge scan: readUpload (median of ${read.n})`, ms(read.median), '']);
    startRows.push([`  then findCreditCode(pages, engine): code-line pass on the eng worker (median)`, ms(find.median), `${r.codeOk}/${r.code.length} read ${CREDIT_CODE}`]);
  }
  table('OCR start-up and the credit-code pass (ms, wall)', [['step', 'l'], ['ms', 'r'], ['result', 'l']], startRows);

  // The pledge, read as the pre-check reads it.
  const pledgeRows = [];
  for (const workers of [1, 2]) {
    const r = results[workers];
    const bands = stats(r.pledgeBands).median;
    const whole = stats(r.pledgeWhole).median;
    pledgeRows.push([`ours, ${workers} worker(s): head and foot (uploaded as a pledge)`, sec(bands), '', '']);
    pledgeRows.push([`ours, ${workers} worker(s): the whole page`, sec(whole), '', '']);
    for (const v of native?.variants ?? []) {
      const n = stats(r.pledgeNative[v.key]).median;
      pledgeRows.push([`  ${v.label}: the whole page`, sec(n), ratio(bands / n), verdict(bands / n <= TARGETS.scannedVsNative)]);
      verdictRows.push([`scanned pledge as checked (head and foot), ${workers} worker(s) vs ${v.label}`, sec(bands), sec(n), ratio(bands / n), '—', `≤ ${TARGETS.scannedVsNative.toFixed(2)}×`, verdict(bands / n <= TARGETS.scannedVsNative)]);
    }
  }
  table(
    `The scanned pledge, read as the pre-check reads it (median of ${rounds} round(s), s, wall)`,
    [['reader', 'l'], ['s', 'r'], ['bands ÷ native', 'r'], ['', 'l']],
    pledgeRows,
    [
      'head and foot = readUpload({ lazy: true }) + readWhatChecksNeed(pages, { kind: \'pledge\' }): the title and code (top 20%) and the signing area (from 70% down),',
      '  read side by side; the paragraphs of promises in between are not read. Licences, reports and evidence are read whole (their checks use all their text).',
    ],
  );

  // The evidence, read as the pre-check reads it.
  const evidenceRows = [];
  for (const workers of [1, 2]) {
    const r = results[workers];
    const lazy = stats(r.evidenceLazy).median;
    const whole = stats(r.evidenceWhole).median;
    const pagesRead = stats(r.evidencePagesRead).median;
    evidenceRows.push([`ours, ${workers} worker(s): as checked in its window (pages read: ${pagesRead} of ${evidence.pages.length})`, sec(lazy), '', '']);
    evidenceRows.push([`ours, ${workers} worker(s): every page`, sec(whole), '', '']);
    for (const v of native?.variants ?? []) {
      const n = stats(r.evidenceNative[v.key]).median;
      evidenceRows.push([`  ${v.label}: every page, ${workers} process(es) at a time`, sec(n), ratio(lazy / n), verdict(lazy / n <= TARGETS.scannedVsNative)]);
      verdictRows.push([`scanned evidence as checked (${evidence.pages.length} pages, per page), ${workers} worker(s) vs ${v.label}`, sec(lazy / evidence.pages.length), sec(n / evidence.pages.length), ratio(lazy / n), '—', `≤ ${TARGETS.scannedVsNative.toFixed(2)}×`, verdict(lazy / n <= TARGETS.scannedVsNative)]);
    }
  }
  table(
    `A scanned ${evidence.pages.length}-page piece of evidence (质量月活动总结, an image-only PDF), read for its window as analyze --as <window> and check --quick read it (median of ${rounds} round(s), s, wall)`,
    [['reader', 'l'], ['s', 'r'], ['checked ÷ native', 'r'], ['', 'l']],
    evidenceRows,
    [
      `as checked = readUpload({ lazy: true }) + readWhatChecksNeed(pages, { kind: 'evidence', window: '${EVIDENCE_WINDOW}' }): the top of page 1, then the rest of`,
      '  page 1, until the text shows the window beyond doubt; later pages are not rendered. Evidence in another window is read whole.',
      'Both of ours with secondOpinions: false, as the analysis reads evidence. qcredit check reads evidence whole by default (its window summary judges every',
      '  scoring bullet from all of the text): that is the "every page" row.',
    ],
  );

  if (verdictRows.length) {
    table(
      'Target: a scanned page no slower than native tesseract on the same page',
      [['comparison', 'l'], ['ours s/page', 'r'], ['native s/page', 'r'], ['wall ratio', 'r'], ['CPU ratio', 'r'], ['target', 'r'], ['', 'l']],
      verdictRows,
      [
        'wall ratio = ours ÷ native seconds per page (decides PASS/MISS); CPU ratio = the same in CPU seconds, less sensitive to load from other processes.',
        'tesseract.js runs tesseract 5 compiled to WebAssembly (128-bit SIMD; relaxed SIMD is not enabled in Node 20): the recognition itself is slower than',
        'native code on the same model, whatever is done around it.',
      ],
    );
  } else {
    console.log('\nTarget: a scanned page no slower than native tesseract — not measured (native tesseract not installed, skipped).');
  }

  // --- 2b. every OCR engine of the registry, side by side ---------------------------------------
  await compareEngines(lib, scans, tmp);

  // --- 3. memory -----------------------------------------------------------------------------
  // Per worker: fresh child processes with 1 and with 2 chi_sim workers (each also starts the
  // eng worker), so nothing left from earlier phases blurs the deltas.
  const probeJpeg = join(tmp, 'probe.jpg');
  writeFileSync(probeJpeg, scans[0].jpeg);
  const probes = {};
  for (const workers of [1, 2]) {
    for (const [key, env] of [['default', {}], ...(QUICK ? [] : [['arena2', { MALLOC_ARENA_MAX: '2' }]])]) {
      const r = await run(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), '--mem-probe', String(workers), probeJpeg], { env });
      if (r.status === 0) probes[`${workers}-${key}`] = JSON.parse(r.stdout.trim().split('\n').pop());
      else console.log(`memory probe (${workers} workers, ${key}) failed: ${r.stderr.slice(0, 300)}`);
    }
  }
  const probeRows = Object.entries(probes).map(([key, p]) => [
    `${p.workers} chi_sim + 1 eng${key.endsWith('arena2') ? ', MALLOC_ARENA_MAX=2' : ''}`,
    mb(p.base),
    `+${mb(p.warm - p.base)}`,
    `+${mb(p.onePage - p.base)}`,
    `+${mb(p.fivePages - p.base)}`,
    `+${mb(p.closed - p.base)}`,
    mb(p.hwm),
  ]);
  const p1 = probes['1-default'];
  const p2 = probes['2-default'];
  const chi = p1 && p2 ? { warm: p2.warm - p2.base - (p1.warm - p1.base), page: p2.fivePages - p2.base - (p1.fivePages - p1.base) } : null;
  const eng = p1 && chi ? p1.warm - p1.base - chi.warm : NaN;
  table(
    'Memory (this process; RSS after a pause and full GCs)',
    [['when', 'l'], ['RSS', 'r'], ['VmHWM', 'r'], ['maxRSS', 'r'], ['heap used', 'r'], ['external', 'r']],
    memRows.map(([label, m]) => [label, mb(m.rss), mb(m.hwm), mb(m.maxRSS), mb(m.heapUsed), mb(m.external)]),
    [
      `peak of the whole run: maxRSS ${mb(process.resourceUsage().maxRSS * 1024)}, VmHWM ${mb((await memory()).hwm)}.`,
      'Rows after the first engine are blurred by it: memory freed by ended worker threads stays in glibc malloc arenas and is reused.',
    ],
  );
  if (probeRows.length) {
    table(
      'Memory per OCR worker (fresh child process per row: dist/ reading modules loaded, then an engine; RSS growth over the base, after GC)',
      [['engine', 'l'], ['base RSS', 'r'], ['warmUp', 'r'], ['+1 page/worker', 'r'], ['+5 pages/worker', 'r'], ['after close()', 'r'], ['VmHWM', 'r']],
      probeRows,
      [
        chi
          ? `one chi_sim worker ≈ ${mb(chi.warm)} started, ≈ ${mb(chi.page)} after 5 pages (2-worker row − 1-worker row); the eng worker ≈ ${mb(eng)} started.`
          : 'per-worker figures unavailable (a probe failed).',
        'Threads share the process: Node 20 gives no per-thread figure, so these are differences of RSS. "after close()" is what stays in the',
        'process once every worker thread has ended (malloc arenas of the ended threads); MALLOC_ARENA_MAX=2 (set before Node starts) halves it.',
      ],
    );
  }
  if (native?.timeBin) {
    const rows = [];
    for (const v of native.variants) {
      const r = spawnSync(native.timeBin, ['-f', '%M', 'tesseract', scans[0].png, '-', '-l', 'chi_sim', '--psm', '3', ...v.extra], {
        encoding: 'utf8',
        env: { ...process.env, OMP_THREAD_LIMIT: '1' },
      });
      rows.push([v.label, mb(Number(r.stderr.trim().split('\n').pop()) * 1024)]);
    }
    table('Native tesseract peak memory, one page (GNU time %M)', [['command', 'l'], ['max RSS', 'r']], rows);
  }

  // --- 4. soak -------------------------------------------------------------------------------
  if (SOAK) await soak();

  rmSync(tmp, { recursive: true, force: true });
  console.log(`\nload average at end: ${loadavg()}`);
  console.log(`total bench time: ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/**
 * The same scanned pages read by each engine of the registry (tesseract, PP-OCR, the 'auto'
 * policy), each in a fresh child process (`--engine-probe`): cold start (createEngine +
 * warmUp, models loaded), seconds per page, character accuracy, the credit-code pass, peak
 * RSS. The labelled corpus comparison (handwritten codes, seals, rotated pages) is
 * test/ocr-engines.measure.test.ts.
 */
async function compareEngines(lib, scans, tmp) {
  const list = join(tmp, 'engine-scans.json');
  writeFileSync(list, JSON.stringify(scans.map((s, i) => {
    const file = join(tmp, `engine-scan-${i}.jpg`);
    writeFileSync(file, s.jpeg);
    return { file, label: s.label, expected: s.expected };
  })));
  const rows = [];
  for (const id of lib.ENGINE_IDS) {
    const r = await run(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), '--engine-probe', id, list]);
    if (r.status !== 0) {
      rows.push([id, 'failed', '', '', '', '', r.stderr.split('\n').find((l) => /QC_|Error/.test(l))?.slice(0, 120) ?? `exit ${r.status}`]);
      continue;
    }
    const p = JSON.parse(r.stdout.trim().split('\n').pop());
    rows.push([id, ms(p.coldStartMs), sec(p.perPage), pct(p.accuracy), ms(p.codeMs), `${p.codeOk}/${p.codeRuns}`, mb(p.maxRSS)]);
  }
  table(
    `OCR engines side by side: the ${scans.length} scanned page(s) above, read once each (fresh child process per engine)`,
    [['engine', 'l'], ['cold start ms', 'r'], ['s/page', 'r'], ['char accuracy', 'r'], ['code pass ms', 'r'], ['code read', 'r'], ['peak RSS', 'r']],
    rows,
    [
      'cold start = createEngine + warmUp in a fresh process (models / language data loaded, workers started); s/page = readUpload per page, warm.',
      'code pass = findCreditCode on the pledge scan after its read; the policy may ask its second engine. Accuracy and codes on hard cases: see README "OCR engines".',
    ],
  );
}

async function engineProbe() {
  const id = args[args.indexOf('--engine-probe') + 1];
  const scans = JSON.parse(readFileSync(args[args.indexOf('--engine-probe') + 2], 'utf8'));
  const lib = await loadLibrary();
  let t = performance.now();
  const engine = await lib.createEngine(id);
  await engine.warmUp();
  const coldStartMs = performance.now() - t;
  let seconds = 0;
  const accuracy = [];
  let codeMs = 0;
  let codeOk = 0;
  let codeRuns = 0;
  for (const [i, scan] of scans.entries()) {
    const jpeg = new Uint8Array(readFileSync(scan.file));
    t = performance.now();
    const result = await lib.readUpload(jpeg, { name: `scan-${i}.jpg`, engine, noCache: true });
    seconds += (performance.now() - t) / 1000;
    accuracy.push(characterAccuracy(result.pages[0].text, scan.expected));
    if (scan.label.startsWith('pledge')) {
      t = performance.now();
      const found = await lib.findCreditCode(result.pages, engine);
      codeMs += performance.now() - t;
      codeRuns++;
      if (found?.valid && found.value === CREDIT_CODE) codeOk++;
    }
  }
  await engine.close();
  const out = { id, coldStartMs, perPage: seconds / scans.length, accuracy: stats(accuracy).mean, codeMs: codeRuns ? codeMs / codeRuns : NaN, codeOk, codeRuns, maxRSS: process.resourceUsage().maxRSS * 1024 };
  process.stdout.write(JSON.stringify(out) + '\n');
}

/** 300 scanned pages (and 3 × 300 text-layer pages) in a child process, memory per batch. */
async function soak() {
  const pages = option('soak-pages', 300);
  const recycle = option('soak-recycle', 25);
  // Two workers: a batch of 2 × recycleAfter pages retires each chi_sim worker about once, so
  // samples (taken with the pool refilled) fall at about the same point of the workers' life.
  const batch = 2 * recycle;
  const argv = [
    '--expose-gc',
    join(ROOT, 'test/helpers/soak-child.mjs'),
    '--text-pages', '300', '--text-rounds', '3',
    '--ocr-pages', String(pages), '--ocr-batch', String(batch), '--workers', '2', '--recycle-after', String(recycle),
  ];
  const variants = [{ label: 'default malloc', env: {} }];
  if (has('--soak-arena2')) variants.push({ label: 'MALLOC_ARENA_MAX=2', env: { MALLOC_ARENA_MAX: '2' } });
  for (const variant of variants) {
    console.log(`\nSoak (${variant.label}): node ${argv.slice(1).join(' ').replace(ROOT, '')} — ${pages} scanned pages, about ${Math.round(pages * 1.2 / 60)} min or more…`);
    const t = performance.now();
    const r = await run(process.execPath, argv, { env: variant.env });
    const lines = r.stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
    if (r.status !== 0) {
      console.log(`soak child failed (exit ${r.status}): ${r.stderr.slice(-1000)}`);
      continue;
    }
    const samples = lines.filter((l) => l.type === 'sample');
    const done = lines.find((l) => l.type === 'done');
    const text = samples.filter((s) => s.phase === 'text');
    const ocr = samples.filter((s) => s.phase === 'ocr');
    const textGrowth = text.at(-1).rss - text[0].rss;
    const ocrGrowth = ocr.at(-1).rss - ocr[0].rss;
    // Least-squares slope of RSS over pages read, OCR batches: a leak shows as a steady slope.
    let done0 = 0;
    const xs = ocr.map((s) => (done0 += s.pages));
    const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
    const my = ocr.reduce((a, s) => a + s.rss, 0) / ocr.length;
    const slope = xs.reduce((a, x, i) => a + (x - mx) * (ocr[i].rss - my), 0) / xs.reduce((a, x) => a + (x - mx) ** 2, 0);
    table(
      `Soak, ${variant.label}: RSS after each batch (child process, after GC; OCR: 2 workers, recycleAfter ${recycle}, ${batch} pages per batch)`,
      [['phase', 'l'], ['batch', 'r'], ['pages', 'r'], ['RSS', 'r'], ['VmHWM', 'r'], ['heap used', 'r'], ['time', 'r'], ['bad pages', 'r'], ['workers started', 'r']],
      samples.map((s) => [
        s.phase,
        s.batch,
        s.pages,
        mb(s.rss),
        mb(s.hwm),
        mb(s.heapUsed),
        s.phase === 'text' ? `${ms(s.msPerPage)} ms/page` : s.phase === 'ocr' ? `${sec(s.sPerPage)} s/page` : s.ms ? `${ms(s.ms)} ms` : '',
        s.bad ?? '',
        s.workersStarted ?? '',
      ]),
      [
        `text: ${done.textPagesRead} pages, ${done.textBad} wrong; growth first → last batch ${mb(textGrowth)} (bound < ${SOAK_BOUNDS.textGrowthMB} MB): ${verdict(textGrowth < SOAK_BOUNDS.textGrowthMB * 1024 * 1024)}`,
        `OCR: ${done.ocrPagesRead} pages, ${done.ocrBad} bad (accuracy < 90% or code not found), accuracy min ${pct(done.minAccuracy)} mean ${pct(done.meanAccuracy)}, codes ${done.codesFound}/${done.codePages};`,
        `  growth first → last batch ${mb(ocrGrowth)} (bound < ${SOAK_BOUNDS.ocrGrowthMB} MB): ${verdict(ocrGrowth < SOAK_BOUNDS.ocrGrowthMB * 1024 * 1024)}; largest batch − first ${mb(Math.max(...ocr.map((s) => s.rss)) - ocr[0].rss)};`,
        `  trend ${mb(slope * 100)} per 100 pages (least squares over the OCR batches); peak ${mb(done.hwm)}; ${((performance.now() - t) / 1000).toFixed(0)} s`,
        `  engine: ${JSON.stringify(done.engine)}`,
      ],
    );
  }
}

if (has('--mem-probe')) await memProbe();
else if (has('--engine-probe')) await engineProbe();
else if (has('--only-soak')) {
  console.log(`qcredit reading soak | node ${process.version} | load average at start: ${loadavg()}`);
  await soak();
  console.log(`\nload average at end: ${loadavg()}`);
} else await main();
