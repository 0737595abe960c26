#!/usr/bin/env node
/**
 * One OCR engine (or policy) over a written corpus, in a process of its own so that its peak
 * memory is its own: every item read with readUpload + findCreditCode, as the checks do.
 *
 *   node bench/ocr-engines.bench.js --corpus DIR --engine tesseract|paddle|auto [--rules JSON]
 *
 * DIR is written by test/ocr-engines.measure.test.ts (manifest.json, the files, and
 * <id>.text.txt: the text of the page as typeset). Prints one JSON object: per item the
 * code read, character accuracy and seconds; the engine's cold start and the peak RSS.
 *
 * Plain ESM against the compiled library in ../dist (npm run build first).
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { characterAccuracy } from '../test/helpers/scans.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : fallback;
};
const dir = option('corpus');
const engineId = option('engine', 'tesseract');
const rules = option('rules') ? JSON.parse(option('rules')) : undefined;
if (!dir) {
  console.error('usage: node bench/ocr-engines.bench.js --corpus DIR --engine ID [--rules JSON]');
  process.exit(2);
}

const dist = new URL('../dist/', import.meta.url);
const [{ readUpload }, { findCreditCode }, { createEngine }] = await Promise.all([
  import(new URL('reading/read.js', dist).href),
  import(new URL('reading/credit-code.js', dist).href),
  import(new URL('reading/ocr/registry.js', dist).href),
]);

/** Lines in reading order whatever order an engine returned them in: rows top to bottom, then left to right. */
function pageText(pages) {
  return pages
    .map((page) => {
      const lines = [...page.lines].sort((a, b) => a.box.y + a.box.height / 2 - (b.box.y + b.box.height / 2));
      const rows = [];
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

/** Mean line confidence over a file's pages, weighted by characters. */
function meanConfidence(pages) {
  let sum = 0;
  let chars = 0;
  for (const line of pages.flatMap((p) => p.lines)) {
    const n = line.text.replace(/\s/g, '').length;
    sum += line.confidence * n;
    chars += n;
  }
  return chars ? sum / chars : 0;
}

const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
const started = performance.now();
const engine = await createEngine(engineId, rules ? { rules } : {});
await engine.warmUp();
const coldStartMs = performance.now() - started;

const items = [];
for (const item of manifest) {
  const bytes = new Uint8Array(readFileSync(join(dir, item.fileName)));
  const expected = readFileSync(join(dir, `${item.id}.text.txt`), 'utf8');
  const t0 = performance.now();
  const result = await readUpload(bytes, { name: item.fileName, engine, noCache: true });
  const t1 = performance.now();
  const code = await findCreditCode(result.pages, engine);
  const t2 = performance.now();
  items.push({
    id: item.id,
    kind: item.kind,
    variant: item.variant,
    pages: result.pages.length,
    readSeconds: (t1 - t0) / 1000,
    codeSeconds: (t2 - t1) / 1000,
    rotation: result.pages.map((p) => p.rotation),
    truthCode: item.truth.code,
    code: code ? { raw: code.raw, value: code.value, valid: code.valid, repaired: code.repaired, candidates: code.candidates } : null,
    accuracy: characterAccuracy(pageText(result.pages), expected),
    confidence: meanConfidence(result.pages),
    expectedChars: expected.replace(/\s+/g, '').length,
  });
  process.stderr.write(`${engineId} ${item.id} ${((t2 - t0) / 1000).toFixed(1)} s ${code?.valid ? (code.value === item.truth.code ? 'ok' : 'WRONG-VALID') : 'no code'}\n`);
}
await engine.close();
const peakRssMB = process.resourceUsage().maxRSS / 1024;
console.log(JSON.stringify({ engine: engineId, rules: engine.rules ?? null, degraded: engine.degraded ?? null, coldStartMs, peakRssMB, loadavg: os.loadavg(), items }));
