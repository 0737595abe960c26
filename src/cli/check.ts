/** `qcredit analyze` and `qcredit check`: the pre-check on the command line. */
import type { UploadedAs } from '../checks/schema.js';
import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { isQcError, QcError } from '../errors.js';
import type { Level } from '../domain/levels.js';
import type { Analysis, CheckResult } from '../checks/schema.js';
import type { EngineId } from '../reading/ocr/registry.js';
import { KIND_NAMES } from '../checks/kind.js';
import { readJsonFile } from '../io/json.js';
import { eligibilityVerdict, formatEligibilityReasons } from './format.js';

interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const SEVERITY = { error: '✗ 错误', warning: '! 提醒', info: 'i 信息' } as const;

function formatFinding(f: Analysis['findings'][number]): string {
  const where = f.page ? `（第${f.page}页）` : '';
  return `  ${SEVERITY[f.severity]} [${f.code}] ${f.message}${where}${f.action ? `\n      → ${f.action}` : ''}`;
}

export function formatAnalysis(a: Analysis): string {
  const lines = [`== ${a.file}：${KIND_NAMES[a.kind]}（${a.pages.length} 页${a.pages.some((p) => p.source === 'ocr') ? '，OCR 识别' : ''}）==`];
  if (a.creditCode) lines.push(`  统一社会信用代码：${a.creditCode.value ?? `（识别为“${a.creditCode.raw}”，不是18位代码）`}${a.creditCode.valid ? (a.creditCode.repaired ? `（已由识别结果“${a.creditCode.raw}”校正）` : '（有效）') : '（无效）'}`);
  if (a.company?.name) lines.push(`  企业名称：${a.company.name}${a.company.establishedOn ? `　成立日期：${a.company.establishedOn}` : ''}`);
  if (a.licence) {
    const l = a.licence;
    const term = l.termOpen === null ? '未识别' : `${l.termFrom ?? '?'} 至 ${l.termOpen ? '长期' : (l.termTo ?? '?')}`;
    lines.push(`  类型：${l.entityType ?? '未识别'}　法定代表人（负责人）：${l.legalRepresentative ?? '未识别'}　注册资本：${l.registeredCapital ?? '未识别'}`);
    lines.push(`  营业期限：${term}　住所：${l.address ?? '未识别'}　登记日期：${l.issuedOn ?? '未识别'}`);
  }
  lines.push(`  印章：${a.seal.present ? `有 ${a.seal.regions.length} 枚（${[...new Set(a.seal.regions.map((r) => `第${r.page}页`))].join('、')}）` : '未发现红色公章'}`);
  if (a.signature) lines.push(`  签字：${a.signature.present ? '有' : '未发现'}　签署日期：${a.signedDate ?? (a.signing?.filled ? '已填写，未能识别' : '未填写')}`);
  if (a.report) lines.push(`  报告编号：${a.report.reportNumber ?? '未识别'}　查询时间段：${a.report.from ?? '?'} 至 ${a.report.to ?? '?'}　生成：${a.report.generatedAt ?? '?'}　全选：${a.report.allDomains ?? '?'}　简易处罚：${a.report.simplePenaltyIncluded ?? '?'}`);
  if (a.window) lines.push(`  指标窗口：${a.window.id}（置信度 ${a.window.confidence.toFixed(2)}）${a.window.reasons[0] ? '：' + a.window.reasons[0] : ''}`);
  if (a.partlyRead) lines.push('  只识别了检查所需的部分（--read-all 全部识别）');
  for (const f of a.findings) lines.push(formatFinding(f));
  if (!a.findings.length) lines.push('  未发现问题');
  return lines.join('\n');
}

export function formatCheck(result: CheckResult): string {
  const { eligibility } = result;
  const out = [
    `申报企业：${result.company.name}（${result.company.creditCode}）　等级：${result.level}　申报日期：${result.applicationDate}`,
    '',
    // Whether the enterprise may apply at all comes before what its files say.
    `== 申报资质：${eligibilityVerdict(eligibility)}（${eligibility.policyYear}年度规则）==`,
    ...formatEligibilityReasons(eligibility.reasons),
    '',
  ];
  for (const file of result.files) {
    out.push(formatAnalysis(file).replace(/^== (.*?)==/, `== [${file.slot}] $1${file.misplaced ? `（放错窗口，应为 ${file.suggestedSlot ?? '?'}）` : ''}==`));
  }
  // Eligibility's findings were printed in its block above.
  const eligibilityCodes = new Set(eligibility.reasons.map((r) => r.code));
  const general = result.findings.filter((f) => !f.file && !eligibilityCodes.has(f.code));
  if (general.length) out.push('', '== 整体 ==', ...general.map(formatFinding));
  const errors = result.findings.filter((f) => f.severity === 'error').length;
  const warnings = result.findings.filter((f) => f.severity === 'warning').length;
  out.push('', result.verdict === 'pass' ? `结论：通过（${warnings} 条提醒）` : `结论：不通过（${errors} 个错误，${warnings} 条提醒）`);
  return out.join('\n');
}

/** The engine is made when a file first needs OCR: text-layer PDFs alone load none. */
async function engine(id?: EngineId) {
  const { engineOnDemand } = await import('../reading/ocr/registry.js');
  return engineOnDemand(id);
}

export async function analyzeCommand(files: string[], opts: { json?: boolean; level?: Level; date?: string; ocr?: boolean; engine?: EngineId; as?: UploadedAs; readAll?: boolean }, io: Io): Promise<number> {
  const { analyzeFile, uploadedAs } = await import('../checks/analyze.js');
  const ocr = opts.ocr === false ? undefined : await engine(opts.engine);
  // Each result is written as soon as it is ready and not kept: memory does not grow with the
  // number of files. One file gives one JSON object, several a JSON array.
  const many = files.length > 1;
  let written = 0;
  const emitJson = (analysis: Analysis) => io.stdout(`${many ? (written++ ? ',\n' : '[\n') : ''}${JSON.stringify(analysis, null, 2)}${many ? '' : '\n'}`);
  let failed = false;
  try {
    for (const file of files) {
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await readFile(file));
      } catch (cause) {
        const error = new QcError('QC_FILE_NOT_FOUND', { file }, { cause });
        io.stderr(`错误 [${error.code}]：${error.message}\n`);
        failed = true;
        continue;
      }
      // Each file is analysed once: nothing of it is kept in the read cache.
      const analysis = await analyzeFile(bytes, basename(file), { engine: ocr, level: opts.level, applicationDate: opts.date, ...uploadedAs(opts.as), readAll: opts.readAll, noCache: true });
      if (analysis.findings.some((f) => f.severity === 'error')) failed = true;
      if (opts.json) emitJson(analysis);
      else io.stdout(formatAnalysis(analysis) + '\n\n');
    }
  } finally {
    await ocr?.close();
  }
  if (opts.json && many) io.stdout(written ? '\n]\n' : '[]\n');
  return failed ? 1 : 0;
}

export async function checkCommand(submission: string, opts: { json?: boolean; html?: string; engine?: EngineId; quick?: boolean; policy?: string }, io: Io): Promise<number> {
  const { checkSubmissionFile } = await import('../checks/submission.js');
  // A bad policy file is the user's to fix before any OCR starts.
  const policy = opts.policy ? (await import('../domain/policy/index.js')).resolvePolicy(await readJsonFile(opts.policy)) : undefined;
  const ocr = await engine(opts.engine);
  let result: CheckResult;
  try {
    // Each file is analysed once: nothing of it is kept in the read cache.
    result = await checkSubmissionFile(submission, { engine: ocr, previews: Boolean(opts.html), quick: opts.quick, policy, noCache: true });
    if (opts.html) {
      const { renderHtmlReport } = await import('../report/html.js');
      try {
        await writeFile(opts.html, await renderHtmlReport(result));
      } catch (cause) {
        if (isQcError(cause)) throw cause;
        throw new QcError('QC_OUTPUT_WRITE', { file: opts.html, reason: (cause as Error).message }, { cause });
      }
    }
  } finally {
    await ocr.close();
  }
  // The thumbnails were for the HTML file; JSON on a terminal or in a pipe stays small.
  const printed = { ...result, files: result.files.map((f) => ({ ...f, preview: null })) };
  io.stdout(opts.json ? JSON.stringify(printed, null, 2) + '\n' : formatCheck(result) + '\n');
  if (opts.html) io.stderr(`已生成 HTML 报告 ${opts.html}\n`);
  return result.verdict === 'pass' ? 0 : 1;
}
