#!/usr/bin/env node
/**
 * Generation benchmark for qcredit: warm per-document times, where the pledge PDF's time
 * goes, cold CLI times, memory, and two peers (pdf-lib embedding the whole font; LibreOffice
 * converting our DOCX).
 *
 *   npm run bench        (= npm run build && node --expose-gc bench/generate.bench.js)
 *
 * Plain ESM JavaScript against the compiled library in ../dist, so no TypeScript runner is
 * needed. Only Node built-ins are imported statically: the library is imported dynamically,
 * so that the `--cold-probe` mode (run in child processes) can time its import too.
 *
 * Options: --quick (fewer runs, for a smoke test), --no-soffice, --no-cli.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { table } from './table.mjs';

const bootMs = performance.now(); // time from process start to the first line of this module
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = new URL('../dist/', import.meta.url);
const COMPANY_FILE = join(ROOT, 'examples/company.json');
const APPLICATION_FILE = join(ROOT, 'examples/application.json');
const CREDIT_CODE = '91320507MA1MXQ7P9P';
const FIXED_DATE = new Date('2026-05-20T08:00:00Z'); // reproducible PDF bytes
const TARGETS = { pledgePdf: 30, pledgeDocx: 15 }; // ms, warm, from the issue

const args = new Set(process.argv.slice(2));
const QUICK = args.has('--quick');

// ---------------------------------------------------------------------------------------
// helpers

const ms = (x) => (x == null || Number.isNaN(x) ? '—' : x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const kb = (bytes) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(2)} MB` : `${(bytes / 1024).toFixed(1)} KB`);
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function quantile(sorted, q) {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i];
}
function stats(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    min: sorted[0],
    median: sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2,
    p95: quantile(sorted, 0.95),
    max: sorted[sorted.length - 1],
    mean: sorted.reduce((a, b) => a + b, 0) / sorted.length,
  };
}

/**
 * Time an async function: `warmup` untimed calls, then timed calls until `runs` are done or
 * `budgetMs` of timed work is spent (at least `minRuns`). Returns stats and the last result.
 */
async function measure(fn, { warmup = 20, runs = 200, minRuns = 30, budgetMs = 12_000 } = {}) {
  if (QUICK) {
    warmup = Math.min(warmup, 3);
    runs = Math.min(runs, 10);
    minRuns = Math.min(minRuns, 5);
  }
  let result;
  for (let i = 0; i < warmup; i++) result = await fn();
  const samples = [];
  let spent = 0;
  while (samples.length < runs && (samples.length < minRuns || spent < budgetMs)) {
    const t = performance.now();
    result = await fn();
    const dt = performance.now() - t;
    samples.push(dt);
    spent += dt;
  }
  return { ...stats(samples), result };
}

/**
 * Time several async functions in interleaved rounds (each round runs every function once,
 * starting from a rotating position), so that load from other processes on this shared
 * machine, GC and heap growth fall on all of them alike. Returns { name: stats + result }.
 */
async function measureInterleaved(entries, { warmup = 20, rounds = 200, minRounds = 30, budgetMs = 30_000 } = {}) {
  if (QUICK) {
    warmup = Math.min(warmup, 3);
    rounds = Math.min(rounds, 10);
    minRounds = Math.min(minRounds, 5);
  }
  const results = {};
  for (let i = 0; i < warmup; i++) for (const [name, fn] of entries) results[name] = await fn();
  const samples = Object.fromEntries(entries.map(([name]) => [name, []]));
  let spent = 0;
  for (let round = 0; round < rounds && (round < minRounds || spent < budgetMs); round++) {
    for (let k = 0; k < entries.length; k++) {
      const [name, fn] = entries[(round + k) % entries.length];
      const t = performance.now();
      results[name] = await fn();
      const dt = performance.now() - t;
      samples[name].push(dt);
      spent += dt;
    }
  }
  return Object.fromEntries(entries.map(([name]) => [name, { ...stats(samples[name]), result: results[name] }]));
}

const loadavg = () => os.loadavg().map((x) => x.toFixed(2)).join(' / ');


function collectBlockTexts(model) {
  // One string per block, the same text collectText() gathers, for the naive peer.
  const runs = (rs) => rs.map((r) => r.text).join('');
  const out = [model.title];
  for (const b of model.blocks) {
    if (b.type === 'title' || b.type === 'heading' || b.type === 'paragraph') out.push(runs(b.runs));
    else if (b.type === 'list') b.items.forEach((it) => out.push(runs(it)));
    else if (b.type === 'table') b.rows.forEach((row) => out.push(row.cells.map((c) => c.paragraphs.map(runs).join(' ')).join(' ')));
    else if (b.type === 'signature') out.push(runs(b.sign), runs(b.seal), runs(b.date));
  }
  return out.filter((t) => t.trim());
}

/**
 * What-if for subsetting: one harfbuzz instance with the font copied in once and its face kept
 * (optionally `hb_subset_preprocess`ed), so each call only builds the subset. Same flags as
 * subsetFor (all layout features, no layout closure, no hinting).
 */
async function persistentSubsetter(ttf, { preprocess = false } = {}) {
  const wasm = readFileSync(createRequire(import.meta.url).resolve('harfbuzzjs/dist/harfbuzz-subset.wasm'));
  const { instance } = await WebAssembly.instantiate(wasm);
  const hb = instance.exports;
  hb._initialize();
  const heap = () => new Uint8Array(hb.memory.buffer);
  const ptr = hb.malloc(ttf.byteLength);
  heap().set(ttf, ptr);
  const blob = hb.hb_blob_create(ptr, ttf.byteLength, 2 /* writable */, 0, 0);
  let face = hb.hb_face_create(blob, 0);
  hb.hb_blob_destroy(blob);
  const t0 = performance.now();
  if (preprocess) {
    const pre = hb.hb_subset_preprocess(face);
    hb.hb_face_destroy(face);
    face = pre;
  }
  const setupMs = performance.now() - t0;
  const subset = (text) => {
    const input = hb.hb_subset_input_create_or_fail();
    const features = hb.hb_subset_input_set(input, 6 /* layout feature tags */);
    hb.hb_set_clear(features);
    hb.hb_set_invert(features);
    hb.hb_subset_input_set_flags(input, hb.hb_subset_input_get_flags(input) | 0x200 /* no layout closure */ | 0x1 /* no hinting */);
    const unicodes = hb.hb_subset_input_unicode_set(input);
    for (const c of new Set(text + '0123456789 ')) hb.hb_set_add(unicodes, c.codePointAt(0));
    const result = hb.hb_subset_or_fail(face, input);
    hb.hb_subset_input_destroy(input);
    const out = hb.hb_face_reference_blob(result);
    const data = hb.hb_blob_get_data(out, 0);
    const bytes = heap().slice(data, data + hb.hb_blob_get_length(out));
    hb.hb_blob_destroy(out);
    hb.hb_face_destroy(result);
    return bytes;
  };
  return { subset, setupMs };
}

function vmHWM() {
  try {
    return Number(/VmHWM:\s*(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))[1]) * 1024;
  } catch {
    return NaN;
  }
}

function spawnTimed(argv, opts = {}) {
  const t = performance.now();
  const r = spawnSync(process.execPath, argv, { cwd: ROOT, encoding: 'utf8', ...opts });
  const dt = performance.now() - t;
  return { ms: dt, status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', error: r.error };
}

// ---------------------------------------------------------------------------------------
// --cold-probe: run in a fresh child process; prints one JSON line of timings.

async function coldProbe() {
  const t = {};
  t.boot = bootMs;
  let t0 = performance.now();
  const lib = await import(new URL('index.js', DIST));
  t.importLib = performance.now() - t0;
  const fonts = await import(new URL('document/fonts.js', DIST));
  t0 = performance.now();
  const company = await lib.readJsonFile(COMPANY_FILE);
  t.readJson = performance.now() - t0;
  t0 = performance.now();
  const model = await lib.pledgeModel(company);
  t.firstModel = performance.now() - t0;
  t0 = performance.now();
  const regular = await fonts.loadFont('regular');
  t.loadRegular = performance.now() - t0;
  t0 = performance.now();
  await fonts.loadFont('bold');
  t.loadBold = performance.now() - t0;
  t0 = performance.now();
  await fonts.subsetFor(regular, '一');
  t.firstSubset = performance.now() - t0; // includes instantiating harfbuzz's wasm
  t0 = performance.now();
  await new Promise((resolve) => setTimeout(resolve, 0));
  t.stallAfterSubset = performance.now() - t0; // main thread busy after the first wasm run (tier-up)
  t0 = performance.now();
  await lib.renderPdf(model, { creationDate: FIXED_DATE });
  t.firstRender = performance.now() - t0;
  t0 = performance.now();
  await lib.generatePledge(company, 'pdf', { creationDate: FIXED_DATE });
  t.secondGenerate = performance.now() - t0;
  // Of loadFont: the WOFF → TrueType inflate alone (done again here, after everything else).
  const woff = readFileSync(createRequire(import.meta.url).resolve('@openfonts/noto-sans-sc_all/files/noto-sans-sc-all-400.woff'));
  t0 = performance.now();
  fonts.woffToSfnt(new Uint8Array(woff));
  t.woffInflate = performance.now() - t0;
  process.stdout.write(JSON.stringify(t) + '\n');
}

// ---------------------------------------------------------------------------------------
// main

async function main() {
  const started = performance.now();
  const lib = await import(new URL('index.js', DIST));
  const fonts = await import(new URL('document/fonts.js', DIST));
  const pdfMod = await import(new URL('document/pdf.js', DIST));
  const modelMod = await import(new URL('document/model.js', DIST));
  const require = createRequire(import.meta.url);
  const { PDFDocument } = await import('pdf-lib');
  const fontkit = await import('fontkit');
  const subsetFont = (await import('subset-font')).default;
  const pako = require('pako'); // pdf-lib's deflate
  const version = (name) => {
    try {
      return JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
    } catch {
      return '?';
    }
  };

  const cpus = os.cpus();
  console.log('qcredit generation benchmark');
  console.log(`machine: ${cpus.length} × ${cpus[0]?.model?.trim() ?? '?'} | ${mb(os.totalmem())} RAM | ${os.platform()} ${os.release()} | node ${process.version} (V8 ${process.versions.v8})`);
  console.log(`libs: qcredit ${lib.VERSION}, pdf-lib ${version('pdf-lib')}, docx ${version('docx')}, fontkit ${version('fontkit')}, subset-font ${version('subset-font')}, harfbuzzjs ${version('harfbuzzjs')}, handlebars ${version('handlebars')}`);
  console.log(`load average (1/5/15 min) at start: ${loadavg()} — other processes share these ${cpus.length} CPUs; p95s and maxima are load-sensitive`);
  console.log(`gc exposed: ${typeof globalThis.gc === 'function' ? 'yes' : 'NO (run with --expose-gc for heap-after-gc figures)'}${QUICK ? ' | QUICK mode: few runs, figures are rough' : ''}`);
  const gc = () => globalThis.gc?.();

  const company = await lib.readJsonFile(COMPANY_FILE);
  const application = await lib.readApplicationFile(APPLICATION_FILE);
  const today = '2026-05-20';

  // --- 1. warm generation per document ---------------------------------------------------
  const docs = [
    { name: 'pledge PDF', run: () => lib.generatePledge(company, 'pdf', { creationDate: FIXED_DATE }), target: TARGETS.pledgePdf, pdf: true },
    { name: 'pledge DOCX', run: () => lib.generatePledge(company, 'docx'), target: TARGETS.pledgeDocx },
    { name: 'pledge DOCX embedFont', run: () => lib.generatePledge(company, 'docx', { embedFont: true }) },
    { name: 'summary PDF', run: () => lib.generateSummary(application, 'pdf', { creationDate: FIXED_DATE, today }), pdf: true },
    { name: 'summary DOCX', run: () => lib.generateSummary(application, 'docx', { today }) },
  ];
  const firsts = {};
  let stallAfterFirst = 0;
  for (const doc of docs) {
    let t = performance.now();
    await doc.run(); // the first call in this process (the first doc also pays font loading)
    firsts[doc.name] = performance.now() - t;
    t = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 0)); // let deferred V8 work (wasm tier-up) land here, not in the next doc
    if (doc === docs[0]) stallAfterFirst = performance.now() - t;
  }
  gc();
  const warm = await measureInterleaved(docs.map((d) => [d.name, d.run]), { rounds: 200, budgetMs: 40_000 });
  for (const doc of docs) {
    const w = warm[doc.name];
    Object.assign(w, { first: firsts[doc.name], bytes: w.result.length, pages: doc.pdf ? (await PDFDocument.load(w.result)).getPageCount() : null });
  }
  table(
    `Warm generation per document (ms, in-process, ${warm['pledge PDF'].n} interleaved rounds after warm-up; includes validation, template, layout, fonts, writing)`,
    [['document', 'l'], ['runs', 'r'], ['first', 'r'], ['median', 'r'], ['p95', 'r'], ['min', 'r'], ['max', 'r'], ['size', 'r'], ['pages', 'r'], ['target', 'r'], ['median', 'l'], ['p95', 'l']],
    docs.map((d) => {
      const w = warm[d.name];
      const verdict = (x) => (d.target ? (x < d.target ? 'PASS' : 'MISS') : '');
      return [d.name, w.n, ms(w.first), ms(w.median), ms(w.p95), ms(w.min), ms(w.max), kb(w.bytes), w.pages ?? '', d.target ? `< ${d.target}` : '', verdict(w.median), verdict(w.p95)];
    }),
    [
      '"first" = first call in this process: the first document (pledge PDF) also pays loading both font weights, harfbuzz, and JIT;',
      `  after it the event loop was blocked another ${ms(stallAfterFirst)} ms (V8 tiering up harfbuzz's wasm), counted in no row.`,
      `Targets (issue): warm pledge PDF < ${TARGETS.pledgePdf} ms, pledge DOCX < ${TARGETS.pledgeDocx} ms; PASS/MISS shown for the median and for p95.`,
    ],
  );

  // --- 2. where the pledge PDF's time goes ----------------------------------------------
  gc();
  const model = await lib.pledgeModel(company);
  const regular = await fonts.loadFont('regular');
  const bold = await fonts.loadFont('bold');
  const { layout } = await pdfMod.layoutDocument(model);
  const numbered = model.pageNumbers === 'on' || (model.pageNumbers === 'auto' && layout.pages.length > 1);
  const drawn = { regular: numbered ? pdfMod.pageNumberText(layout.pages.length, layout.pages.length) : '', bold: '' };
  for (const op of layout.pages.flat()) {
    if (op.kind !== 'line') continue;
    for (const f of op.line.fragments) drawn[f.run.bold || op.style.bold ? 'bold' : 'regular'] += f.text;
  }
  const allText = modelMod.collectText(model);
  const uniq = (s) => new Set(s + '0123456789 ').size;
  const [subRegular, subBold] = await Promise.all([fonts.subsetFor(regular, drawn.regular), fonts.subsetFor(bold, drawn.bold)]);

  gc();
  // pdf-lib alone, without our drawing: create, embed the two subsets, one glyph each, save.
  const embedSave = async () => {
    const pdf = await PDFDocument.create();
    pdf.registerFontkit(fonts.plainFontkit);
    const r = await pdf.embedFont(subRegular, { subset: false });
    const b = await pdf.embedFont(subBold, { subset: false });
    const page = pdf.addPage([595.28, 841.89]);
    page.drawText('一', { x: 10, y: 10, size: 10, font: r });
    page.drawText('一', { x: 10, y: 30, size: 10, font: b });
    return pdf.save({ useObjectStreams: true });
  };
  const stage = await measureInterleaved([
    ['model', () => lib.pledgeModel(company)],
    ['layout', () => pdfMod.layoutDocument(model)],
    ['subset', () => Promise.all([fonts.subsetFor(regular, drawn.regular), fonts.subsetFor(bold, drawn.bold)])],
    ['embedSave', embedSave],
    ['renderPdf', () => pdfMod.renderPdf(model, { creationDate: FIXED_DATE })],
    ['total', () => lib.generatePledge(company, 'pdf', { creationDate: FIXED_DATE })],
  ], { rounds: 200, budgetMs: 25_000 });

  // Memory of our own work, before the what-ifs below add two more harfbuzz instances.
  gc();
  const memOurs = { maxRSS: process.resourceUsage().maxRSS * 1024, hwm: vmHWM(), ...process.memoryUsage() };

  // Diagnostics on subsetting, with what-ifs.
  const ttfBuf = Buffer.from(regular.ttf.buffer, regular.ttf.byteOffset, regular.ttf.byteLength);
  const dropOpts = { targetFormat: 'truetype', noLayoutClosure: true, noHinting: true, dropTables: ['GSUB', 'GPOS', 'GDEF', 'BASE', 'vhea', 'vmtx', 'VORG', 'DSIG'] };
  const kept = await persistentSubsetter(regular.ttf);
  const preprocessed = await persistentSubsetter(regular.ttf, { preprocess: true });
  const diag = await measureInterleaved([
    ['subsetRegularOnly', () => fonts.subsetFor(regular, drawn.regular)],
    ['subsetBoldOnly', () => fonts.subsetFor(bold, drawn.bold)],
    ['subsetCollected', () => fonts.subsetFor(regular, allText)],
    ['subsetFixed', () => fonts.subsetFor(regular, '')],
    ['memcpy', () => Promise.resolve(new Uint8Array(regular.ttf))],
    ['dropLayout', () => subsetFont(ttfBuf, drawn.regular + '0123456789 ', dropOpts)],
    ['keptFace', () => Promise.resolve(kept.subset(drawn.regular))],
    ['preFace', () => Promise.resolve(preprocessed.subset(drawn.regular))],
    ['pako', () => Promise.resolve(pako.deflate(subRegular))],
    ['zlib', () => Promise.resolve(deflateSync(subRegular))],
  ], { rounds: 100, budgetMs: 10_000 });
  const droppedBytes = diag.dropLayout.result.length;
  const same = (a) => Buffer.from(a).equals(Buffer.from(subRegular));

  const restMedian = stage.renderPdf.median - stage.layout.median - stage.subset.median;
  const drawMedian = restMedian - stage.embedSave.median;
  const pct = (x) => `${((100 * x) / stage.total.median).toFixed(0)}%`;
  table(
    `Where the pledge PDF time goes (ms over ${stage.total.n} interleaved rounds; ${layout.pages.length} page(s); share of the generatePledge median)`,
    [['stage', 'l'], ['median', 'r'], ['p95', 'r'], ['min', 'r'], ['share', 'r'], ['what it is', 'l']],
    [
      ['template → model (pledgeModel)', ms(stage.model.median), ms(stage.model.p95), ms(stage.model.min), pct(stage.model.median), 'zod validation, read .hbs, Handlebars render, markup parse'],
      ['layout (layoutDocument)', ms(stage.layout.median), ms(stage.layout.p95), ms(stage.layout.min), pct(stage.layout.median), 'fonts (cached), missing-glyph check, line breaking'],
      ['font subsetting (2× subsetFor)', ms(stage.subset.median), ms(stage.subset.p95), ms(stage.subset.min), pct(stage.subset.median), `harfbuzz wasm: regular ${uniq(drawn.regular)} chars, bold ${uniq(drawn.bold)} chars`],
      ['rest of renderPdf (pdf-lib)', ms(restMedian), '', '', pct(restMedian), 'renderPdf − layout − subsetting, split as:'],
      ['  embed + save', ms(stage.embedSave.median), ms(stage.embedSave.p95), ms(stage.embedSave.min), pct(stage.embedSave.median), 'pdf-lib alone: fontkit-parse 2 subsets, deflate, widths/ToUnicode, save'],
      ['  drawing (derived)', ms(drawMedian), '', '', pct(drawMedian), 'the remainder: drawText per fragment (plainFontkit layout), rules'],
      ['renderPdf(model), measured', ms(stage.renderPdf.median), ms(stage.renderPdf.p95), ms(stage.renderPdf.min), pct(stage.renderPdf.median), ''],
      ['generatePledge(…, "pdf"), measured', ms(stage.total.median), ms(stage.total.p95), ms(stage.total.min), '100%', `check: model + renderPdf medians = ${ms(stage.model.median + stage.renderPdf.median)}`],
    ],
  );
  table(
    `Subsetting diagnostics (ms over ${diag.memcpy.n} interleaved rounds)`,
    [['call', 'l'], ['median', 'r'], ['p95', 'r'], ['output', 'r']],
    [
      [`subsetFor(regular, drawn regular text: ${uniq(drawn.regular)} chars)`, ms(diag.subsetRegularOnly.median), ms(diag.subsetRegularOnly.p95), kb(subRegular.length)],
      [`subsetFor(bold, drawn bold text: ${uniq(drawn.bold)} chars)`, ms(diag.subsetBoldOnly.median), ms(diag.subsetBoldOnly.p95), kb(subBold.length)],
      [`subsetFor(regular, collectText(model): ${uniq(allText)} chars)`, ms(diag.subsetCollected.median), ms(diag.subsetCollected.p95), kb(diag.subsetCollected.result.length)],
      ['subsetFor(regular, "") — fixed cost per call (digits only)', ms(diag.subsetFixed.median), ms(diag.subsetFixed.p95), kb(diag.subsetFixed.result.length)],
      [`  reference: memcpy of the ${mb(regular.ttf.byteLength)} TTF in JS`, ms(diag.memcpy.median), ms(diag.memcpy.p95), ''],
      ['what-if: regular subset with GSUB/GPOS/GDEF/vmtx… dropped', ms(diag.dropLayout.median), ms(diag.dropLayout.p95), kb(droppedBytes)],
      [`what-if: harfbuzz face kept across calls (${same(diag.keptFace.result) ? 'bytes identical to subsetFor' : 'bytes DIFFER'})`, ms(diag.keptFace.median), ms(diag.keptFace.p95), kb(diag.keptFace.result.length)],
      [`what-if: kept + hb_subset_preprocess (one-off ${ms(preprocessed.setupMs)} ms; ${same(diag.preFace.result) ? 'identical' : 'bytes DIFFER'})`, ms(diag.preFace.median), ms(diag.preFace.p95), kb(diag.preFace.result.length)],
    ],
    [
      'subsetFor keeps one harfbuzz face per weight (src/document/subset.ts); the dropLayout row still uses the subset-font package,',
      'which copies the whole TTF into wasm memory and builds a new face on every call — the cost subsetFor no longer pays.',
    ],
  );
  table(
    `Deflate of the regular subset (${kb(subRegular.length)}), as pdf-lib does for FontFile2 streams (ms over ${diag.pako.n} rounds)`,
    [['deflater', 'l'], ['median', 'r'], ['p95', 'r'], ['output', 'r']],
    [
      [`pako ${version('pako')} (pure JS; what pdf-lib uses for every stream)`, ms(diag.pako.median), ms(diag.pako.p95), kb(diag.pako.result.length)],
      ['node:zlib deflateSync (native zlib, default level)', ms(diag.zlib.median), ms(diag.zlib.p95), kb(diag.zlib.result.length)],
    ],
  );


  // --- 4. cold CLI --------------------------------------------------------------------------
  const tmp = mkdtempSync(join(os.tmpdir(), 'qcredit-bench-'));
  let cliRows = [];
  let coldRows = [];
  let importRows = [];
  if (!args.has('--no-cli')) {
    const cliRuns = QUICK ? 2 : 7;
    // Peak RSS of a child: VmHWM of its own address space. (ru_maxrss is not usable for a child
    // spawned from this big process: Linux carries the parent's high-water mark across fork+exec.)
    const rssHook = `data:text/javascript,${encodeURIComponent(
      'import{readFileSync as r}from"node:fs";process.on("exit",()=>{let h=NaN;try{h=+/VmHWM:\\s*(\\d+)/.exec(r("/proc/self/status","utf8"))[1]}catch{}process.stderr.write("\\nBENCH_HWM "+h+"\\n")})',
    )}`;
    const commands = [
      { name: 'node -e 0 (baseline: Node start-up)', argv: ['-e', '0'] },
      { name: 'qcredit --version', argv: ['bin/qcredit.js', '--version'] },
      { name: 'qcredit pledge -o p.pdf', argv: ['bin/qcredit.js', 'pledge', '--company', 'examples/company.json', '-o', join(tmp, 'p.pdf')], out: join(tmp, 'p.pdf') },
      { name: 'qcredit pledge -o p.docx', argv: ['bin/qcredit.js', 'pledge', '--company', 'examples/company.json', '-o', join(tmp, 'p.docx')], out: join(tmp, 'p.docx') },
      { name: `qcredit uscc ${CREDIT_CODE}`, argv: ['bin/qcredit.js', 'uscc', CREDIT_CODE] },
      {
        name: 'what-if: node --liftoff-only … pledge -o p.pdf',
        argv: ['--liftoff-only', 'bin/qcredit.js', 'pledge', '--company', 'examples/company.json', '-o', join(tmp, 'p2.pdf')],
        out: join(tmp, 'p2.pdf'),
      },
    ];
    // Interleaved rounds: every command once per round, so load from other processes hits all alike.
    const samples = commands.map(() => []);
    const failed = commands.map(() => null);
    for (let i = 0; i < cliRuns; i++) {
      commands.forEach((c, k) => {
        const r = spawnTimed(c.argv);
        if (r.status !== 0) failed[k] = `exit ${r.status}: ${r.stderr.trim().split('\n')[0]}`;
        samples[k].push(r.ms);
      });
    }
    commands.forEach((c, k) => {
      const rss = spawnTimed(['--import', rssHook, ...c.argv]);
      const peak = Number(/BENCH_HWM (\d+)/.exec(rss.stderr)?.[1] ?? NaN) * 1024;
      const s = stats(samples[k]);
      cliRows.push([c.name, s.n, ms(s.median), ms(s.min), ms(s.max), Number.isNaN(peak) ? '—' : mb(peak), c.out ? kb(statSync(c.out).size) : '', failed[k] ?? 'ok']);
    });

    // Where a cold pledge PDF goes: a fresh process per probe.
    const probes = [];
    for (let i = 0; i < (QUICK ? 2 : 5); i++) {
      const r = spawnTimed(['--expose-gc', fileURLToPath(import.meta.url), '--cold-probe']);
      if (r.status === 0) probes.push(JSON.parse(r.stdout.trim().split('\n').pop()));
      else console.log(`cold probe failed: ${r.stderr.slice(0, 400)}`);
    }
    const med = (k) => stats(probes.map((p) => p[k])).median;
    if (probes.length) {
      coldRows = [
        ['Node start-up until user code runs', ms(med('boot'))],
        ['import dist/index.js (all modules + deps)', ms(med('importLib'))],
        ['read company.json', ms(med('readJson'))],
        ['first pledgeModel (zod, Handlebars compile, parse)', ms(med('firstModel'))],
        ['loadFont("regular"): read WOFF, inflate, fontkit.create', ms(med('loadRegular'))],
        [`  of which WOFF → TTF inflate alone`, ms(med('woffInflate'))],
        ['loadFont("bold")', ms(med('loadBold'))],
        ['first subsetFor (instantiates harfbuzz wasm)', ms(med('firstSubset'))],
        ['event-loop stall right after it (setTimeout 0 latency)', ms(med('stallAfterSubset'))],
        ['first renderPdf (fonts + wasm ready, JIT cold)', ms(med('firstRender'))],
        ['second generatePledge pdf (same process)', ms(med('secondGenerate'))],
      ];
    }

    // Import cost of each heavy dependency, each in a fresh process.
    const specs = [
      ['pdf-lib', 'pdf-lib'],
      ['docx', 'docx'],
      ['fontkit', 'fontkit'],
      ['subset-font (+ fontverter, wawoff2)', 'subset-font'],
      ['handlebars', 'handlebars'],
      ['zod', 'zod'],
      ['commander', 'commander'],
      ['dist/domain/uscc-report.js (what `uscc` needs)', new URL('domain/uscc-report.js', DIST).href],
      ['dist/cli/main.js (what bin/qcredit.js loads)', new URL('cli/main.js', DIST).href],
    ];
    for (const [label, spec] of specs) {
      const samples = [];
      for (let i = 0; i < (QUICK ? 1 : 3); i++) {
        const r = spawnTimed(['--input-type=module', '-e', `const t=performance.now();await import(${JSON.stringify(spec)});process.stdout.write(String(performance.now()-t))`]);
        if (r.status === 0) samples.push(Number(r.stdout));
      }
      importRows.push([label, samples.length ? ms(stats(samples).median) : 'failed']);
    }
  }
  if (cliRows.length) {
    table(
      'Cold CLI (wall ms per spawn, median of interleaved rounds; peak RSS = VmHWM from one extra run with an exit hook)',
      [['command', 'l'], ['runs', 'r'], ['median', 'r'], ['min', 'r'], ['max', 'r'], ['peak RSS', 'r'], ['output', 'r'], ['status', 'l']],
      cliRows,
      ['--liftoff-only keeps V8 from tiering harfbuzz\'s wasm up to TurboFan, which otherwise blocks the event loop after the first subset.'],
    );
  }
  if (coldRows.length) table('Where a cold pledge PDF goes (fresh process, median of probes, ms)', [['step', 'l'], ['ms', 'r']], coldRows);
  if (importRows.length) table('Import cost in a fresh process (ms, median of 3)', [['module', 'l'], ['ms', 'r']], importRows);

  // --- 5. peers ----------------------------------------------------------------------------
  // (a) The naive approach: pdf-lib embedding the whole Noto Sans SC TTF (subset: false),
  //     upstream fontkit registered, the same pledge text drawn as plain lines, no layout.
  const blockTexts = collectBlockTexts(model);
  let naiveSave = [];
  const naive = await measure(
    async () => {
      const t0 = performance.now();
      const pdf = await PDFDocument.create();
      pdf.registerFontkit(fontkit);
      const font = await pdf.embedFont(regular.ttf, { subset: false });
      let page = pdf.addPage([595.28, 841.89]);
      let y = 800;
      for (const text of blockTexts) {
        if (y < 60) {
          page = pdf.addPage([595.28, 841.89]);
          y = 800;
        }
        page.drawText(text, { x: 74, y, size: 10.5, font });
        y -= 18;
      }
      const t1 = performance.now();
      const bytes = await pdf.save({ useObjectStreams: true });
      naiveSave.push(performance.now() - t1);
      void t0;
      return bytes;
    },
    { warmup: 1, runs: 5, minRuns: 3, budgetMs: 8000 },
  );
  naiveSave = naiveSave.slice(-naive.n);
  const naiveSaveMedian = stats(naiveSave).median;
  const ours = warm['pledge PDF'];
  gc();
  const memAfterNaive = { maxRSS: process.resourceUsage().maxRSS * 1024, hwm: vmHWM(), ...process.memoryUsage() };

  // (b) LibreOffice converting our pledge DOCX to PDF.
  let soffice = null;
  if (!args.has('--no-soffice')) {
    const which = spawnSync('sh', ['-c', 'command -v soffice || command -v libreoffice'], { encoding: 'utf8' });
    const bin = which.stdout.trim().split('\n')[0];
    if (bin) {
      const docx = await lib.generatePledge(company, 'docx');
      const docxPath = join(tmp, 'pledge-lo.docx');
      writeFileSync(docxPath, docx);
      const profile = pathToFileURL(join(tmp, 'lo-profile')).href;
      const cjk = spawnSync('sh', ['-c', 'fc-list :lang=zh family 2>/dev/null | head -1'], { encoding: 'utf8' }).stdout.trim();
      const convert = () => {
        const t = performance.now();
        const r = spawnSync(bin, [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', tmp, docxPath], { encoding: 'utf8', timeout: 120_000 });
        return { ms: performance.now() - t, ok: r.status === 0 && !r.error };
      };
      const first = convert(); // creates the profile: a one-off cost
      const second = QUICK ? null : convert();
      let size = null;
      try {
        size = statSync(join(tmp, 'pledge-lo.pdf')).size;
      } catch {}
      soffice = { bin, first, second, size, cjk };
    } else {
      soffice = { missing: true };
    }
  }

  const peerRows = [
    ['ours: generatePledge pdf (warm median)', ms(ours.median), kb(ours.bytes), '1.0×', '1.0×'],
    [
      `naive: pdf-lib + fontkit, whole TTF (subset:false), ${blockTexts.length} plain lines`,
      ms(naive.median),
      kb(naive.result.length),
      `${(naive.median / ours.median).toFixed(0)}×`,
      `${(naive.result.length / ours.bytes).toFixed(0)}×`,
    ],
    ['  of which pdf.save() (deflates the 10.5 MB font)', ms(naiveSaveMedian), '', '', ''],
  ];
  const peerNotes = [`naive peer: ${naive.n} runs after 1 warm-up, same process, same cached TTF bytes.`];
  if (soffice?.missing) peerNotes.push('LibreOffice (soffice) not on PATH: peer skipped.');
  else if (soffice) {
    peerRows.push([
      'LibreOffice: soffice --convert-to pdf our pledge DOCX (fresh profile)',
      soffice.first.ok ? ms(soffice.first.ms) : 'failed',
      soffice.size ? kb(soffice.size) : '—',
      soffice.first.ok ? `${(soffice.first.ms / ours.median).toFixed(0)}×` : '',
      soffice.size ? `${(soffice.size / ours.bytes).toFixed(1)}×` : '',
    ]);
    if (soffice.second) {
      peerRows.push([
        'LibreOffice: same, profile already created',
        soffice.second.ok ? ms(soffice.second.ms) : 'failed',
        '',
        soffice.second.ok ? `${(soffice.second.ms / ours.median).toFixed(0)}×` : '',
        '',
      ]);
    }
    peerNotes.push(`soffice = ${soffice.bin}; each conversion is a fresh process (start-up included).`);
    peerNotes.push(soffice.cjk ? `system CJK font: ${soffice.cjk}` : 'No system CJK font (fc-list :lang=zh is empty): LibreOffice substitutes/omits Chinese glyphs, so its PDF is not comparable in content.');
  }
  table('Peers (same run)', [['approach', 'l'], ['ms', 'r'], ['size', 'r'], ['time ratio', 'r'], ['size ratio', 'r']], peerRows, peerNotes);

  // --- memory table --------------------------------------------------------------------------
  table(
    'Memory (this process)',
    [['when', 'l'], ['peak RSS (maxRSS)', 'r'], ['VmHWM', 'r'], ['RSS now', 'r'], ['heap used after gc', 'r'], ['external', 'r'], ['of which ArrayBuffers', 'r']],
    [
      ['after our benchmarks (before what-ifs, CLI, peers)', mb(memOurs.maxRSS), mb(memOurs.hwm), mb(memOurs.rss), mb(memOurs.heapUsed), mb(memOurs.external), mb(memOurs.arrayBuffers)],
      ['after the what-ifs and the naive whole-font peer', mb(memAfterNaive.maxRSS), mb(memAfterNaive.hwm), mb(memAfterNaive.rss), mb(memAfterNaive.heapUsed), mb(memAfterNaive.external), mb(memAfterNaive.arrayBuffers)],
    ],
    [
      'Peak RSS = process.resourceUsage().maxRSS (high-water mark; can include the parent\'s (npm\'s) mark carried across fork+exec);',
      'VmHWM = high-water mark of this process\'s own address space. Both font weights stay loaded as TTF (2 × ~10.5 MB ArrayBuffers),',
      'plus one copy of each in harfbuzz\'s wasm memory (loaded once per process); wasm memory never shrinks',
      '(external − ArrayBuffers is mostly wasm linear memory).',
    ],
  );

  rmSync(tmp, { recursive: true, force: true });
  console.log(`\nload average at end: ${loadavg()}`);
  console.log(`total bench time: ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

if (args.has('--cold-probe')) await coldProbe();
else await main();
