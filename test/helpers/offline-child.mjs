/**
 * Child process for test/offline.test.ts: generates, reads (text layer and OCR) and finds the
 * credit code with the compiled library, then prints one JSON line on stdout. It is run in an
 * empty working directory, in a network namespace and/or under the no-network preload; it
 * must work there exactly as anywhere else.
 *
 *   node [--import test/helpers/no-network.mjs] test/helpers/offline-child.mjs
 *
 * Nothing is written to disk: the PDFs, the DOCX and the scan stay in memory.
 */
import os from 'node:os';
import { threadId } from 'node:worker_threads';
import { CREDIT_CODE, generateExamples, loadLibrary, scanPdf } from './scans.mjs';

const started = performance.now();
const lib = await loadLibrary();
const { pledge, summary, company } = await generateExamples(lib);
const pledgeDocx = await lib.generatePledge(company, 'docx');

// Text-layer reading of the generated PDFs.
const pledgeText = await lib.readUpload(pledge, { name: 'pledge.pdf', noCache: true });
const summaryText = await lib.readUpload(summary, { name: 'summary.pdf', noCache: true });
const textLayerCode = await lib.findCreditCode(pledgeText.pages);

// The pledge as a scan, read by OCR, its code found with the code-line pass (eng worker).
const [scan] = await scanPdf(lib, pledge);
const threads = new Set();
const engine = new lib.TesseractEngine({ workers: 1 });
let ocr;
let code;
try {
  await engine.warmUp();
  for (const w of engine.debugState().workers) threads.add(w.thread?.threadId);
  ocr = await lib.readUpload(scan.jpeg, { name: 'pledge-scan.jpg', engine, noCache: true });
  code = await lib.findCreditCode(ocr.pages, engine);
} finally {
  await engine.close();
}

const interfaces = Object.entries(os.networkInterfaces()).map(([name, list]) => ({
  name,
  internal: (list ?? []).every((a) => a.internal),
}));

const summaryLine = {
  ok: true,
  threadId,
  generated: { pledgePdf: pledge.length, summaryPdf: summary.length, pledgeDocx: pledgeDocx.length },
  textLayer: {
    pledgePages: pledgeText.pages.length,
    summaryPages: summaryText.pages.length,
    sources: [...pledgeText.pages, ...summaryText.pages].map((p) => p.source),
    code: textLayerCode?.value ?? null,
  },
  ocr: {
    pages: ocr.pages.length,
    source: ocr.pages[0]?.source,
    chars: ocr.pages[0]?.text.replace(/\s/g, '').length ?? 0,
    code: code?.value ?? null,
    valid: code?.valid ?? false,
    raw: code?.raw ?? null,
    workerThreads: [...threads].filter((t) => t !== undefined),
  },
  expectedCode: CREDIT_CODE,
  network: {
    preload: globalThis.__noNetwork ? true : false,
    attemptsMainThread: globalThis.__noNetwork?.attempts ?? null,
    attemptsOtherThreads: globalThis.__noNetwork?.seenInOtherThreads ?? null,
    interfaces,
  },
  ms: Math.round(performance.now() - started),
};
process.stdout.write(JSON.stringify(summaryLine) + '\n');
