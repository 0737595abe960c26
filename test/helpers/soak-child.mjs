/**
 * Child process for the soak test (test/soak.test.ts) and `bench/read.bench.js --soak`:
 * reads many pages in one process and samples its memory after every batch, so that a leak
 * shows as growth from the first batch to the last. Run in a process of its own (a test
 * runner's heap would blur the figures), with --expose-gc so samples follow a full GC.
 *
 *   node --expose-gc test/helpers/soak-child.mjs [--text-pages 300] [--text-rounds 3]
 *        [--ocr-pages 24] [--ocr-batch 8] [--workers 2] [--recycle-after 8]
 *
 * Text phase: a PDF of `text-pages` pages (the example pledge and summary pages repeated) is
 * read whole `text-rounds` times; every page's text must equal the text of the page it
 * copies. OCR phase: `ocr-pages` JPEG scans of those pages (200 DPI, grey) are read with one
 * TesseractEngine, two at a time, in batches of `ocr-batch`; every page must reach a
 * character accuracy against the text layer, and on pledge pages findCreditCode (the
 * code-line pass on the eng worker) must find the code.
 *
 * Output: one JSON object per line on stdout — {type:'sample', …} after each batch, then
 * {type:'done', …}. A failed check is reported in the samples (`bad`), never thrown, so the
 * parent sees every figure.
 */
import { characterAccuracy, CREDIT_CODE, generateExamples, loadLibrary, memory, repeatPages, scanPdf } from './scans.mjs';

const argv = process.argv.slice(2);
const option = (name, fallback) => {
  const at = argv.indexOf(`--${name}`);
  return at >= 0 ? Number(argv[at + 1]) : fallback;
};
const TEXT_PAGES = option('text-pages', 300);
const TEXT_ROUNDS = option('text-rounds', 3);
const OCR_PAGES = option('ocr-pages', 24);
const OCR_BATCH = option('ocr-batch', 8);
const WORKERS = option('workers', 2);
const RECYCLE_AFTER = option('recycle-after', 8);
const MIN_ACCURACY = option('min-accuracy', 0.9);

const emit = (object) => process.stdout.write(JSON.stringify(object) + '\n');
const gc = () => {
  globalThis.gc?.();
  globalThis.gc?.();
};
async function sample(phase, batch, pages, extra = {}) {
  // Let finished workers' threads end and native buffers be freed before measuring.
  await new Promise((resolve) => setTimeout(resolve, 50));
  gc();
  const { rss, hwm } = await memory();
  const { heapUsed, external, arrayBuffers } = process.memoryUsage();
  emit({ type: 'sample', phase, batch, pages, rss, hwm, heapUsed, external, arrayBuffers, ...extra });
  return rss;
}

const started = performance.now();
const lib = await loadLibrary();
const { pledge, summary } = await generateExamples(lib);
const sources = [pledge, summary];
const expected = [];
for (const bytes of sources) expected.push((await lib.readUpload(bytes, { noCache: true })).pages.map((p) => p.text));
await sample('start', 0, 0);

// ---- text layer ----------------------------------------------------------------------------
let textPagesRead = 0;
let textBad = 0;
if (TEXT_PAGES > 0) {
  const { bytes, origin } = await repeatPages(sources, TEXT_PAGES);
  for (let round = 1; round <= TEXT_ROUNDS; round++) {
    const t = performance.now();
    const result = await lib.readUpload(bytes, { name: `soak-${TEXT_PAGES}.pdf`, noCache: true });
    const ms = performance.now() - t;
    let bad = 0;
    result.pages.forEach((page, i) => {
      const [s, p] = origin[i];
      if (page.source !== 'text-layer' || page.text !== expected[s][p]) bad++;
    });
    if (result.pages.length !== TEXT_PAGES) bad += Math.abs(TEXT_PAGES - result.pages.length);
    textPagesRead += result.pages.length;
    textBad += bad;
    await sample('text', round, result.pages.length, { ms: Math.round(ms), msPerPage: ms / result.pages.length, bad, pdfBytes: bytes.length });
  }
}

// ---- OCR -------------------------------------------------------------------------------------
let ocrPagesRead = 0;
let ocrBad = 0;
let codesFound = 0;
let codePages = 0;
let engineStats = null;
const accuracies = [];
if (OCR_PAGES > 0) {
  const scans = [];
  for (let s = 0; s < sources.length; s++) {
    for (const scan of await scanPdf(lib, sources[s])) scans.push({ ...scan, source: s, index: scan.page - 1 });
  }
  const engine = new lib.TesseractEngine({ workers: WORKERS, recycleAfter: RECYCLE_AFTER });
  try {
    const t0 = performance.now();
    await engine.warmUp();
    await sample('ocr-warm', 0, 0, { ms: Math.round(performance.now() - t0) });
    let done = 0;
    for (let batch = 1; done < OCR_PAGES; batch++) {
      const size = Math.min(OCR_BATCH, OCR_PAGES - done);
      const t = performance.now();
      let next = 0;
      let bad = 0;
      const readOne = async () => {
        while (next < size) {
          const k = done + next++;
          const scan = scans[k % scans.length];
          const result = await lib.readUpload(scan.jpeg, { name: `scan-${k}.jpg`, engine, noCache: true });
          const page = result.pages[0];
          const accuracy = characterAccuracy(page?.text ?? '', expected[scan.source][scan.index]);
          accuracies.push(accuracy);
          if (!page || page.source !== 'ocr' || accuracy < MIN_ACCURACY) bad++;
          if (scan.source === 0) {
            codePages++;
            const code = await lib.findCreditCode(result.pages, engine);
            if (code?.valid && code.value === CREDIT_CODE) codesFound++;
            else bad++;
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(2, size) }, readOne));
      done += size;
      ocrPagesRead += size;
      ocrBad += bad;
      const ms = performance.now() - t;
      // Sample at the same point of every batch: the pool full again (workers retired by
      // recycling have been replaced and their replacements have started).
      await engine.warmUp();
      const { started: workersStarted, recycled, replaced } = engine.debugState();
      await sample('ocr', batch, size, { ms: Math.round(ms), sPerPage: ms / 1000 / size, bad, workersStarted, recycled, replaced });
    }
    engineStats = engine.debugState();
    delete engineStats.workers;
  } finally {
    await engine.close();
  }
  await sample('ocr-closed', 0, 0);
}

const { hwm } = await memory();
emit({
  type: 'done',
  textPagesRead,
  textBad,
  ocrPagesRead,
  ocrBad,
  codesFound,
  codePages,
  minAccuracy: accuracies.length ? Math.min(...accuracies) : null,
  meanAccuracy: accuracies.length ? accuracies.reduce((a, b) => a + b, 0) / accuracies.length : null,
  engine: engineStats,
  maxRSS: process.resourceUsage().maxRSS * 1024,
  hwm,
  seconds: (performance.now() - started) / 1000,
});
