/**
 * The `qcredit` command line: a thin surface over the library. It parses arguments,
 * reads and writes files, and turns QcErrors into a message and an exit status.
 *
 * Exit status: 0 success; 1 a checked code is invalid; 2 bad input or usage.
 */
import { writeFile } from 'node:fs/promises';
import { Command, CommanderError, Option } from 'commander';
import { isQcError, QcError } from '../errors.js';
import { isCalendarDate } from '../domain/dates.js';
import { formatFromPath } from '../generators/format.js';
import { readApplicationFile, readJsonFile } from '../io/json.js';
import { formatUsccReport } from './format.js';
import { usccReport } from '../domain/uscc-report.js';
import { VERSION } from '../version.js';

interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stderr is a terminal (progress bars are drawn only there). */
  tty?: boolean;
}

const positiveInt = (flag: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new CommanderError(2, 'qcredit.number', `${flag} 应为正整数：${value}`);
  return n;
};

/** YYYY-MM-DD and a real day: 2026-02-30 and 2026-13-01 are rejected, not printed on a form. */
const dateOption = (flag: string, description: string) =>
  new Option(flag, description).argParser((value: string) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new CommanderError(2, 'qcredit.date', `日期格式应为 YYYY-MM-DD：${value}`);
    if (!isCalendarDate(value)) throw new CommanderError(2, 'qcredit.date', `不是有效的日期：${value}`);
    return value;
  });

/** Writing the output failed (no such folder, no permission): the user's to fix, not a crash. */
async function writeOutput(file: string, bytes: Uint8Array): Promise<void> {
  try {
    await writeFile(file, bytes);
  } catch (cause) {
    throw new QcError('QC_OUTPUT_WRITE', { file, reason: `${(cause as Error)?.message ?? String(cause)}（请检查文件夹是否存在、是否有写入权限）` }, { cause });
  }
}

function sizeLabel(bytes: number): string {
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(2)} MB`;
}

function buildProgram(io: Io, setExit: (code: number) => void): Command {
  const program = new Command('qcredit')
    .description(
      '江苏省企业质量信用等级认定工具：生成承诺书与申报材料汇总（PDF/DOCX），校验统一社会信用代码。\n\n' +
        'Toolkit for the Jiangsu enterprise quality-credit rating: generate the pledge and the ' +
        'application summary (PDF/DOCX) and validate unified social credit codes.',
    )
    .version(VERSION, '-v, --version')
    .showHelpAfterError('（使用 --help 查看用法）')
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride();

  program
    .command('pledge')
    .description('生成企业质量信用等级认定申报承诺书（附件1） / generate the pledge letter')
    .requiredOption('-c, --company <file>', '企业信息 JSON 文件 / company data (JSON)')
    .option('-o, --output <file>', '输出文件，按扩展名选择 .pdf 或 .docx / output file (.pdf or .docx)', 'pledge.pdf')
    .addOption(dateOption('--date <YYYY-MM-DD>', '填入签署日期（默认留空手写） / fill in the signing date (blank by default)'))
    .option('-t, --template <file>', '自定义 Handlebars 模板 / your own Handlebars template')
    .option('--embed-font', 'DOCX：嵌入字体子集（嵌入后 Word 中该字体不可编辑） / DOCX: embed a font subset')
    .addHelpText('after', '\n示例 / example:\n  qcredit pledge --company examples/company.json -o pledge.pdf')
    .action(async (opts: { company: string; output: string; date?: string; template?: string; embedFont?: boolean }) => {
      const format = formatFromPath(opts.output);
      const company = await readJsonFile(opts.company);
      // Generators load on demand: `uscc` and `--help` should not pay for PDF and font code.
      const { loadTemplate } = await import('../document/template.js');
      const { generatePledge } = await import('../generators/pledge.js');
      const template = opts.template ? await loadTemplate(opts.template) : undefined;
      const bytes = await generatePledge(company, format, { signedDate: opts.date, template, embedFont: opts.embedFont });
      await writeOutput(opts.output, bytes);
      io.stdout(`已生成承诺书 ${opts.output}（${format.toUpperCase()}，${sizeLabel(bytes.length)}）\n`);
    });

  program
    .command('summary')
    .description('生成申报材料汇总（企业信息、材料清单、各指标窗口的指标说明与证明材料清单） / generate the application summary')
    .requiredOption('-a, --application <file>', '申报信息 JSON 文件（company 可写企业信息文件名） / application data (JSON)')
    .option('-o, --output <file>', '输出文件，按扩展名选择 .pdf 或 .docx / output file (.pdf or .docx)', 'summary.pdf')
    .option('-t, --template <file>', '自定义 Handlebars 模板 / your own Handlebars template')
    .addOption(dateOption('--today <YYYY-MM-DD>', '汇总上印的生成日期（默认今天） / the generated-on date (today by default)'))
    .option('--embed-font', 'DOCX：嵌入字体子集 / DOCX: embed a font subset')
    .addHelpText('after', '\n示例 / example:\n  qcredit summary --application examples/application.json -o summary.docx')
    .action(async (opts: { application: string; output: string; template?: string; today?: string; embedFont?: boolean }) => {
      const format = formatFromPath(opts.output);
      const application = await readApplicationFile(opts.application);
      const { loadTemplate } = await import('../document/template.js');
      const { generateSummary } = await import('../generators/summary.js');
      const template = opts.template ? await loadTemplate(opts.template) : undefined;
      const bytes = await generateSummary(application, format, { template, today: opts.today, embedFont: opts.embedFont });
      await writeOutput(opts.output, bytes);
      io.stdout(`已生成申报材料汇总 ${opts.output}（${format.toUpperCase()}，${sizeLabel(bytes.length)}）\n`);
    });

  program
    .command('uscc')
    .description('校验、解析并修复统一社会信用代码（GB 32100-2015） / validate, describe and repair credit codes')
    .argument('<code...>', '一个或多个代码 / one or more codes')
    .option('--json', '以 JSON 输出（每个代码含 input、valid、code、repair 等） / print JSON')
    .addHelpText(
      'after',
      '\n退出码：全部有效为 0，否则为 1。 / exit status 0 only when every code is valid.\n' +
        '示例 / example:\n  qcredit uscc 91320507MA1MXQ7P9P 9132O507MA1MXQ7P9P --json',
    )
    .action((codes: string[], opts: { json?: boolean }) => {
      const reports = codes.map(usccReport);
      io.stdout(opts.json ? JSON.stringify(reports, null, 2) + '\n' : reports.map(formatUsccReport).join('\n\n') + '\n');
      setExit(reports.every((r) => r.valid) ? 0 : 1);
    });

  program
    .command('read')
    .description('读取上传文件（PDF、JPEG、PNG、TIFF、WebP）的文字：有文字层的直接读取，扫描件和照片用 OCR 识别 / read the text of uploads')
    .argument('<file...>', '一个或多个文件 / one or more files')
    .option('--json', '输出完整 JSON（每页的行、位置框和置信度） / print the full JSON')
    .option('--no-ocr', '只读取文字层，不做 OCR / text layer only, no OCR')
    .addOption(new Option('--dpi <n>', 'PDF 页面栅格化分辨率 / rasterising resolution').argParser(positiveInt('--dpi')))
    .addOption(new Option('--max-pages <n>', '每个 PDF 最多读取的页数（默认 300） / page limit per PDF').argParser(positiveInt('--max-pages')))
    .addOption(new Option('--timeout <ms>', '每页 OCR 的时间上限（毫秒，默认 60000） / OCR time limit per page').argParser(positiveInt('--timeout')))
    .addHelpText('after', '\n退出码：全部读取成功为 0，有文件无法读取为 2。 / exit status 2 when any file cannot be read.\n示例 / example:\n  qcredit read 营业执照.jpg 承诺书.pdf')
    .action(async (files: string[], opts: { json?: boolean; ocr?: boolean; dpi?: number; maxPages?: number; timeout?: number }) => {
      const { readCommand } = await import('./read.js');
      setExit(await readCommand(files, opts, { ...io, tty: io.tty }));
    });

  program
    .command('analyze')
    .description('分析单个上传文件：识别文件类型，检查统一社会信用代码、印章、签字与日期、信用报告、证明材料所属指标窗口 / analyse uploads one by one')
    .argument('<file...>', '一个或多个文件 / one or more files')
    .option('--json', '输出 JSON（字段说明见 README） / print JSON')
    .addOption(new Option('--level <level>', '申报等级（检查信用报告覆盖期间时需要） / level, for the report period check').choices(['A', 'AA', 'AAA']))
    .addOption(dateOption('--date <YYYY-MM-DD>', '申报日期（同上） / application date, for the report checks'))
    .option('--no-ocr', '不做 OCR，只读取文字层 / no OCR')
    .addHelpText('after', '\n退出码：没有错误为 0，有错误为 1。 / exit status 1 when any error is found.\n示例 / example:\n  qcredit analyze 承诺书.jpg --json')
    .action(async (files: string[], opts: { json?: boolean; level?: 'A' | 'AA' | 'AAA'; date?: string; ocr?: boolean }) => {
      const { analyzeCommand } = await import('./check.js');
      setExit(await analyzeCommand(files, opts, io));
    });

  program
    .command('check')
    .description('预审一次申报：按申报清单检查每个文件及其上传窗口、材料是否齐全、代码与名称是否一致 / pre-check a whole submission')
    .argument('<submission>', '申报清单 JSON（company、level、applicationDate、files[{path, slot}]） / submission file')
    .option('--json', '输出 JSON / print JSON')
    .option('--html <file>', '另存一份可直接打开的 HTML 报告 / also write a self-contained HTML report')
    .addHelpText('after', '\n退出码：通过为 0，不通过为 1，输入有误为 2。 / exit 0 pass, 1 fail, 2 bad input.\n示例 / example:\n  qcredit check examples/submission/submission.json --html report.html')
    .action(async (submission: string, opts: { json?: boolean; html?: string }) => {
      const { checkCommand } = await import('./check.js');
      setExit(await checkCommand(submission, opts, io));
    });

  return program;
}

/** Run the CLI with `argv` (without node and script); returns the exit status. */
export async function runCli(
  argv: string[],
  io: Io = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t), tty: process.stderr.isTTY },
): Promise<number> {
  let exit = 0;
  const program = buildProgram(io, (code) => (exit = code));
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exit;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return 0;
      // `qcredit help` exits 0; help shown because no command was given is a usage error.
      if (error.code === 'commander.help') return error.exitCode === 0 ? 0 : 2;
      if (error.code === 'qcredit.date' || error.code === 'qcredit.number') io.stderr(`错误：${error.message}\n`);
      return 2;
    }
    if (isQcError(error)) {
      const issues = (error as QcError & { issues?: { path: string; message: string }[] }).issues;
      if (issues?.length) {
        // One line per field reads better than the joined message.
        io.stderr(`错误 [${error.code}]：${error.params.what}有${issues.length}处问题：\n`);
        for (const i of issues) io.stderr(`  - ${i.path}：${i.message}\n`);
        io.stderr(`  (invalid input: ${issues.length} problem(s) in ${issues.map((i) => i.path.replace(/（.*/, '')).join(', ')})\n`);
      } else {
        io.stderr(`错误 [${error.code}]：${error.message}\n  (${error.messageEn})\n`);
      }
      return 2;
    }
    io.stderr(`内部错误 / internal error: ${(error as Error)?.stack ?? String(error)}\n`);
    return 70;
  }
}

