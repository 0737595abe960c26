// One cold analysis, profiled by stage (bench/cold.bench.js runs this once per file, in a
// fresh process): start-up (Node and the modules `qcredit analyze` loads), then each stage of
// util/stages.ts, then the rest. Prints one JSON line.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

const file = process.argv[2];
const { analyzeFile } = await import('../dist/checks/analyze.js');
const { engineOnDemand } = await import('../dist/reading/ocr/registry.js');
const { profileStages } = await import('../dist/util/stages.js');
// performance.now() counts from the process's start: this is what a cold command pays before any work.
const startupMs = performance.now();
const engine = engineOnDemand(process.argv[3] || undefined);
const started = performance.now();
const { result, stages } = await profileStages(() => analyzeFile(new Uint8Array(readFileSync(file)), basename(file), { engine }));
const analyzeMs = performance.now() - started;
await engine.close();
console.log(JSON.stringify({ startupMs, analyzeMs, stages, kind: result.kind, pages: result.pages.length, ocrPages: result.pages.filter((p) => p.source === 'ocr').length }));
