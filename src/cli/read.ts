/** `qcredit read`: the reading layer on the command line, with progress on a terminal. */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { isQcError, QcError } from '../errors.js';
import type { ReadLimitsInput } from '../reading/limits.js';
import type { EngineId } from '../reading/ocr/registry.js';
import type { ReadResult } from '../reading/types.js';

export interface ReadCommandOptions {
  json?: boolean;
  ocr?: boolean;
  dpi?: number;
  maxPages?: number;
  timeout?: number;
  /** OCR engine id (the registry's default when absent). */
  engine?: EngineId;
}

interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stderr is a terminal (then a progress bar is drawn). */
  tty?: boolean;
}

/** A one-line progress bar redrawn in place on a terminal. */
function progressBar(io: Io, label: string) {
  let shown = false;
  return {
    update(done: number, total: number) {
      if (!io.tty || total < 2) return;
      const width = 24;
      const filled = Math.round((done / total) * width);
      io.stderr(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} 页`);
      shown = true;
    },
    end() {
      if (shown) io.stderr('\n');
    },
  };
}

/** A ReadResult as plain JSON (pages without their pixel accessor). */
export function readResultJson(result: ReadResult) {
  return {
    ...result,
    pages: result.pages.map(({ pixels: _pixels, ...page }) => page),
  };
}

function formatResult(result: ReadResult): string {
  const sources = [...new Set(result.pages.map((p) => (p.source === 'ocr' ? 'OCR 识别' : '文字层')))].join('、');
  const out = [`== ${result.name}（${result.type.toUpperCase()}，${result.pages.length} 页，${sources}，${Math.round(result.elapsedMs)} 毫秒）==`];
  for (const w of result.warnings) out.push(`提示 [${w.code}]：${w.message}`);
  for (const page of result.pages) {
    out.push(`--- 第 ${page.number} 页（${page.source === 'ocr' ? 'OCR 识别' : '文字层'}，${page.width}×${page.height} 像素，${Math.round(page.dpi)} DPI）---`);
    out.push(page.text || '（本页没有文字）');
  }
  return out.join('\n');
}

/** Read each file on its own: one bad file never stops the others. Returns the exit status. */
export async function readCommand(files: string[], opts: ReadCommandOptions, io: Io): Promise<number> {
  const { readUpload } = await import('../reading/read.js');
  const limits: ReadLimitsInput = {
    ...(opts.dpi ? { rasterDpi: opts.dpi } : {}),
    ...(opts.maxPages ? { maxPages: opts.maxPages } : {}),
    ...(opts.timeout ? { ocrTimeoutMs: opts.timeout } : {}),
  };
  const engine = opts.ocr === false ? undefined : await (await import('../reading/ocr/registry.js')).createEngine(opts.engine);
  const results: unknown[] = [];
  let failed = 0;
  try {
    for (const file of files) {
      const bar = progressBar(io, basename(file));
      try {
        let bytes: Uint8Array;
        try {
          bytes = new Uint8Array(await readFile(file));
        } catch (cause) {
          throw new QcError('QC_FILE_NOT_FOUND', { file }, { cause });
        }
        const result = await readUpload(bytes, { name: basename(file), limits, engine, onProgress: bar.update });
        bar.end();
        if (opts.json) results.push({ file, ...readResultJson(result) });
        else io.stdout(formatResult(result) + '\n\n');
      } catch (error) {
        bar.end();
        if (!isQcError(error)) throw error;
        failed++;
        if (opts.json) results.push({ file, error: error.toJSON() });
        else io.stderr(`错误 [${error.code}]：${error.message}\n  (${error.messageEn})\n`);
      }
    }
  } finally {
    await engine?.close();
  }
  if (opts.json) io.stdout(JSON.stringify(files.length === 1 ? results[0] : results, null, 2) + '\n');
  return failed ? 2 : 0;
}
