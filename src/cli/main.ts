/**
 * The `qcredit` command line: a thin surface over the library. It parses arguments,
 * reads and writes files, and turns QcErrors into a message and an exit status.
 *
 * Exit status: 0 success; 1 a checked code is invalid, a check fails, or the enterprise may not
 * apply; 2 bad input or usage.
 */
import { UPLOADED_AS, type UploadedAs } from '../checks/schema.js';
import { writeFile } from 'node:fs/promises';
import { Command, CommanderError, Option } from 'commander';
import { isQcError, QcError } from '../errors.js';
import { isCalendarDate } from '../domain/dates.js';
import { formatFromPath } from '../generators/format.js';
import { readApplicationFile, readJsonFile } from '../io/json.js';
import { formatUsccReport } from './format.js';
import { usccReport } from '../domain/uscc-report.js';
import { VERSION } from '../version.js';
import { LOG_LEVELS, SERVER_DEFAULTS } from '../server/defaults.js';
import { DEFAULT_ENGINE, ENGINE_IDS, type EngineId } from '../reading/ocr/registry.js';

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

/** `--engine <id>` for the commands that read uploads (the registry names the engines). */
const engineOption = () =>
  new Option('--engine <id>', `文字识别引擎：auto（按实测策略组合两种引擎）、tesseract 或 paddle（PP-OCR） / OCR engine (default ${DEFAULT_ENGINE})`).choices([...ENGINE_IDS]);

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
    .addOption(engineOption())
    .addHelpText('after', '\n退出码：全部读取成功为 0，有文件无法读取为 2。 / exit status 2 when any file cannot be read.\n示例 / example:\n  qcredit read 营业执照.jpg 承诺书.pdf')
    .action(async (files: string[], opts: { json?: boolean; ocr?: boolean; dpi?: number; maxPages?: number; timeout?: number; engine?: EngineId }) => {
      const { readCommand } = await import('./read.js');
      setExit(await readCommand(files, opts, { ...io, tty: io.tty }));
    });

  program
    .command('analyze')
    .description('分析单个上传文件：识别文件类型，检查统一社会信用代码、印章、签字与日期、信用报告、证明材料所属指标窗口 / analyse uploads one by one')
    .argument('<file...>', '一个或多个文件 / one or more files')
    .option('--json', '输出 JSON（字段说明见 README；多个文件时为数组，逐个写出） / print JSON (several files: an array, written file by file)')
    .addOption(new Option('--level <level>', '申报等级（检查信用报告覆盖期间时需要） / level, for the report period check').choices(['A', 'AA', 'AAA']))
    .addOption(dateOption('--date <YYYY-MM-DD>', '申报日期（同上） / application date, for the report checks'))
    .option('--no-ocr', '不做 OCR，只读取文字层 / no OCR')
    .addOption(engineOption())
    .option('--read-all', '识别全部内容（默认只识别检查所需部分：扫描的承诺书的首尾、证明材料能确认窗口的部分；全读时可完整判断证明材料覆盖的评分细则，但更慢） / read every page whole (by default only what the checks need is read: a scanned pledge\'s head and foot, evidence until its window shows; reading all shows every scoring bullet the evidence covers, slower)')
    .addOption(
      new Option(
        '--as <slot>',
        '文件上传到哪个位置：材料类型，或证明材料的指标窗口（如 quality-culture）。扫描的承诺书只识别首尾，约快一倍；证明材料首页开头已能确认属于该窗口时不再往下识别，并检查是否传错窗口；类型仍按内容判断 / where the file is uploaded: a kind, or an evidence window (e.g. quality-culture). A scanned pledge is read at its head and foot only, about twice as fast; evidence whose first page\'s head already shows its window is read no further, and is checked against that window; the kind is still decided from the content',
      ).choices([...UPLOADED_AS]),
    )
    .addHelpText('after', '\n退出码：没有错误为 0，有错误为 1。 / exit status 1 when any error is found.\n示例 / example:\n  qcredit analyze 承诺书.jpg --as pledge --json\n  qcredit analyze 质量月活动.pdf --as quality-culture')
    .action(async (files: string[], opts: { json?: boolean; level?: 'A' | 'AA' | 'AAA'; date?: string; ocr?: boolean; engine?: EngineId; as?: UploadedAs; readAll?: boolean }) => {
      const { analyzeCommand } = await import('./check.js');
      setExit(await analyzeCommand(files, opts, io));
    });

  program
    .command('check')
    .description('预审一次申报：按申报清单检查每个文件及其上传窗口、材料是否齐全、代码与名称是否一致 / pre-check a whole submission')
    .argument('<submission>', '申报清单 JSON（company、level、applicationDate、files[{path, slot}]） / submission file')
    .option('--json', '输出 JSON / print JSON')
    .option('--html <file>', '另存一份可直接打开的 HTML 报告 / also write a self-contained HTML report')
    .addOption(engineOption())
    .option('--policy <file>', '本平台的资质审核规则 JSON：只写要改的项，其余沿用当年规则 / a portal\'s own eligibility policy (JSON; parts left out keep this year\'s)')
    .option('--quick', '快速预审：证明材料只识别到能确认所属窗口为止（扫描件更快，但其后内容佐证的评分细则不计入，报告中会注明） / quick pre-check: evidence is read only until its window shows (faster on scans; bullets it covers further on are not counted, and the report says so)')
    .addHelpText('after', '\n退出码：通过为 0，不通过为 1，输入有误为 2。 / exit 0 pass, 1 fail, 2 bad input.\n示例 / example:\n  qcredit check examples/submission/submission.json --html report.html')
    .action(async (submission: string, opts: { json?: boolean; html?: string; engine?: EngineId; quick?: boolean; policy?: string }) => {
      const { checkCommand } = await import('./check.js');
      setExit(await checkCommand(submission, opts, io));
    });

  program
    .command('eligibility')
    .description(
      '判断企业能否申报（基本资质）：江苏省登记、独立法人资格、正常经营年限、营业执照有效、等级逐级申报、公共信用状况。' +
        '可只填写字段，也可读取营业执照（及专项信用报告） / may the enterprise apply at all: from typed fields, or its licence (and credit report)',
    )
    .option('--level <level>', '申报等级：A、AA 或 AAA（必填） / level applied for (required)')
    .option('--date <YYYY-MM-DD>', '申报日期（默认今天） / application date (today by default)')
    .option('--company <name>', '企业名称 / company name')
    .option('--code <uscc>', '统一社会信用代码 / unified social credit code')
    .option('--established <YYYY-MM-DD>', '成立日期 / date of establishment')
    .option('--type <type>', '营业执照上的“类型”，如 有限责任公司（自然人投资或控股） / entity type as the licence prints it')
    .addOption(new Option('--term-to <YYYY-MM-DD>', '营业期限截止日期 / the licence term\'s last day').conflicts('termOpen'))
    .option('--term-open', '营业期限为长期 / the licence term is open-ended')
    .option('--rating <level>', '现有等级（A、AA 或 AAA，与 --rating-since 一起填写） / rating held now')
    .option('--rating-since <YYYY-MM-DD>', '现有等级的获评日期 / the day that rating was awarded')
    .option('--licence <file>', '营业执照（PDF 或图片）：从中读取名称、类型、成立日期、营业期限、登记机关和住所 / the business licence file')
    .option('--report <file>', '专项信用报告：从中读取失信、处罚等记录 / the credit report file')
    .option('--policy <file>', '本平台的资质审核规则 JSON：只写要改的项，其余沿用当年规则 / a portal\'s own policy (JSON; parts left out keep this year\'s)')
    .option('--json', '输出 JSON（eligible、confirmed、reasons 等） / print JSON')
    .addOption(engineOption())
    .addHelpText(
      'after',
      '\n结论：可以申报、不符合申报条件、尚待确认（有未能确认的条件）。 / verdict: eligible, not eligible, or not yet confirmed.\n' +
        '退出码：可以申报或尚待确认为 0，不符合申报条件为 1，输入有误为 2。 / exit 0 eligible or unconfirmed, 1 not eligible, 2 bad input.\n' +
        '示例 / example:\n' +
        '  qcredit eligibility --level AA --code 91320507MA1MXQ7P9P --established 2015-03-12 --term-open --rating A --rating-since 2023-05-10\n' +
        '  qcredit eligibility --level A --licence 营业执照.pdf --report 专项信用报告.pdf --json',
    )
    .action(async (opts: import('./eligibility.js').EligibilityFlags) => {
      const { eligibilityCommand } = await import('./eligibility.js');
      setExit(await eligibilityCommand(opts, io));
    });

  program
    .command('review')
    .description('批量预审：文件夹中每个子文件夹为一家企业的申报（含 submission.json，或只有文件、按文件名或内容判断上传位置），输出汇总表（.xlsx 与 CSV）、每份申报的 HTML 报告和目录页，并查找跨申报重复（同一文件、页面、印章图像、证书编号、报告编号） / review a folder of submissions')
    .argument('<folder>', '申报所在文件夹 / the folder of submissions (one sub-folder each)')
    .option('-o, --output <folder>', '输出文件夹 / output folder', 'qcredit-review')
    .addOption(new Option('--store <url-or-file>', '存储：postgres://… 或 SQLite 文件（默认输出文件夹中的 qcredit-store.sqlite） / the store (PostgreSQL URL or SQLite file)').env('QCREDIT_STORE_URL'))
    .addOption(new Option('--level <level>', '没有 submission.json 的申报按此等级预审（默认 AA） / level for folders without submission.json').choices(['A', 'AA', 'AAA']))
    .addOption(dateOption('--date <YYYY-MM-DD>', '没有 submission.json 的申报的申报日期（默认今天） / their application date (today by default)'))
    .addOption(engineOption())
    .option('--quick', '快速预审（同 check --quick） / quick pre-check (as check --quick)')
    .option('--policy <file>', '本平台的资质审核规则 JSON / a portal\'s own eligibility policy (JSON)')
    .option('--json', '输出 JSON 摘要 / print a JSON summary')
    .addHelpText('after', '\n进度显示在终端（标准错误）。中断（Ctrl-C）不丢失已完成的申报：再次运行只处理未完成的。\n退出码：全部通过为 0，有不通过为 1，输入有误为 2。 / exit 0 all pass, 1 some fail, 2 bad input.\n示例 / example:\n  qcredit review 申报材料/ -o 预审结果/')
    .action(async (folder: string, opts: import('./review.js').ReviewFlags) => {
      const { reviewCommand } = await import('./review.js');
      setExit(await reviewCommand(folder, opts, io));
    });

  // `qcredit serve`: defaults come from a module that loads nothing; the server loads on run.
  const D = SERVER_DEFAULTS;
  const port = (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0 || n > 65535) throw new CommanderError(2, 'qcredit.number', `--port 应为 0 到 65535 之间的整数：${value}`);
    return n;
  };
  program
    .command('serve')
    .description('启动 HTTP 服务（预审、申报资质、生成文书、校验代码；OpenAPI 文档在 /openapi.json） / run the HTTP API')
    .addOption(new Option('--port <n>', `监听端口（0 为任选空闲端口） / port (default ${D.port})`).argParser(port))
    .option('--host <address>', `监听地址；默认只接受本机连接，0.0.0.0 对外开放 / address to listen on (default ${D.host})`)
    .addOption(new Option('--api-key <key>', '设置后所有 /v1 接口都需提供此密钥（Authorization: Bearer 或 X-API-Key），至少 8 个字符；建议用环境变量，命令行参数他人可见 / require this API key').env('QCREDIT_API_KEY'))
    .addOption(engineOption())
    .addOption(new Option('--ocr-workers <n>', '文字识别的工作线程数（tesseract 每个约占 260 MB 内存；默认由引擎按 CPU 核数决定） / OCR workers or threads').argParser(positiveInt('--ocr-workers')))
    .addOption(new Option('--max-file-size <MB>', `每个文件的大小上限（MB） / per-file size limit (default ${D.maxFileMB})`).argParser(positiveInt('--max-file-size')))
    .addOption(new Option('--max-request-size <MB>', `每个请求的大小上限（MB） / per-request size limit (default ${D.maxRequestMB})`).argParser(positiveInt('--max-request-size')))
    .addOption(new Option('--max-files <n>', `每个请求的文件数上限 / files per request (default ${D.maxFiles})`).argParser(positiveInt('--max-files')))
    .addOption(new Option('--max-pages <n>', `每个文件读取的页数上限 / pages per file (default ${D.maxPages})`).argParser(positiveInt('--max-pages')))
    .addOption(new Option('--max-pixels <n>', `每张图片的像素上限 / pixels per image (default ${D.maxImagePixels})`).argParser(positiveInt('--max-pixels')))
    .addOption(new Option('--timeout <s>', `每个请求的时间上限（秒，含上传与排队），超时返回 504 / time per request (default ${D.requestTimeoutS})`).argParser(positiveInt('--timeout')))
    .addOption(new Option('--concurrency <n>', `同时处理的请求数 / requests worked on at once (default ${D.maxInFlight})`).argParser(positiveInt('--concurrency')))
    .addOption(new Option('--queue <n>', `排队等待的请求数上限，再多返回 429 / requests waiting, more get 429 (default ${D.maxQueued})`).argParser((v: string) => (v === '0' ? 0 : positiveInt('--queue')(v))))
    .addOption(new Option('--log-level <level>', `日志级别（JSON 日志写到标准输出） / log level (default ${D.logLevel})`).choices([...LOG_LEVELS]))
    .option('--policy <file>', '本平台的资质审核规则 JSON，用于 /v1/check 和 /v1/eligibility：只写要改的项，其余沿用当年规则 / a portal\'s own eligibility policy (JSON)')
    .addOption(new Option('--store <location>', '“已见材料”库：SQLite 文件或 postgres:// 地址。设置后每次预审记下文件指纹（不保存文件本身），同一文件、页面、印章、证书编号或报告编号出现在另一企业名下时给出提醒（QC_REPEAT_…） / a store of what was seen: repeats across companies become findings').env('QCREDIT_STORE_URL'))
    .addOption(new Option('--store-retention <days>', '库中指纹保留天数（默认 365） / days fingerprints are kept (default 365)').argParser(positiveInt('--store-retention')))
    .addHelpText(
      'after',
      '\n接口 / routes: POST /v1/analyze, POST /v1/check, POST /v1/checks (异步 / async), GET|DELETE /v1/checks/{id},\n' +
        '  POST /v1/eligibility, POST /v1/pledge, POST /v1/summary, GET /v1/credit-codes/{code}, GET /v1/catalogue,\n' +
        '  GET /healthz, GET /readyz, GET /metrics, GET /openapi.json, GET / (网页); with Redis: /admin/queues\n' +
        '收到 SIGTERM 或 SIGINT 时处理完已接受的请求再退出。 / SIGTERM or SIGINT: finish accepted requests, then exit.\n' +
        '示例 / example:\n  QCREDIT_API_KEY=… qcredit serve --host 0.0.0.0 --port 8080',
    )
    // Asynchronous checks (POST /v1/checks): the server reads these from the environment (src/server/options.ts jobOptionsFromEnv).
    .addOption(new Option('--redis-url <url>', '异步预审任务放到 Redis（BullMQ），由 qcredit worker 处理；不设则在本进程内处理 / run async checks on Redis with qcredit workers').env('QCREDIT_REDIS_URL'))
    .addOption(new Option('--queue-prefix <prefix>', 'Redis 键前缀（默认 qcredit） / Redis key prefix').env('QCREDIT_QUEUE_PREFIX'))
    .addOption(new Option('--webhook-hosts <hosts>', '允许的回调主机，逗号分隔（*.example.com 表示其子域名） / hosts webhooks may go to').env('QCREDIT_WEBHOOK_HOSTS'))
    .action(async (opts: import('./serve.js').ServeFlags & { redisUrl?: string; queuePrefix?: string; webhookHosts?: string }) => {
      const { serveCommand } = await import('./serve.js');
      if (opts.redisUrl) process.env.QCREDIT_REDIS_URL = opts.redisUrl;
      if (opts.queuePrefix) process.env.QCREDIT_QUEUE_PREFIX = opts.queuePrefix;
      if (opts.webhookHosts) process.env.QCREDIT_WEBHOOK_HOSTS = opts.webhookHosts;
      setExit(await serveCommand(opts, io));
    });

  program
    .command('worker')
    .description('异步预审的工作进程：从 Redis（BullMQ）取任务，可在任意能连到 Redis 的机器上运行多个 / take async check jobs from Redis')
    .addOption(new Option('--redis-url <url>', 'Redis 地址 / Redis URL (redis://host:port)').env('QCREDIT_REDIS_URL'))
    .addOption(new Option('--prefix <prefix>', 'Redis 键前缀，须与服务一致（默认 qcredit） / key prefix, as the server\'s').env('QCREDIT_QUEUE_PREFIX'))
    .addOption(new Option('--concurrency <n>', '同时处理的任务数（文件或申报） / jobs worked on at once (default 2)').argParser(positiveInt('--concurrency')))
    .addOption(engineOption())
    .addOption(new Option('--ocr-workers <n>', '文字识别线程数 / OCR threads').argParser(positiveInt('--ocr-workers')))
    .addOption(new Option('--webhook-hosts <hosts>', '允许的回调主机，逗号分隔 / hosts webhooks may go to').env('QCREDIT_WEBHOOK_HOSTS'))
    .addOption(new Option('--result-ttl <s>', '结果与上传文件保留秒数，须与服务一致 / seconds results and uploads are kept (default 3600)').argParser(positiveInt('--result-ttl')).env('QCREDIT_JOB_TTL'))
    .addOption(new Option('--lock-duration <s>', '任务锁时长（秒）：进程被杀后，其任务在此之后由其他进程接手 / job lock, seconds (default 30)').argParser(positiveInt('--lock-duration')))
    .addOption(new Option('--stalled-interval <s>', '检查停滞任务的间隔（秒） / stalled-job check interval (default 15)').argParser(positiveInt('--stalled-interval')))
    .addOption(new Option('--log-level <level>', '日志级别（JSON 日志写到标准输出） / log level').choices([...LOG_LEVELS]))
    .addOption(new Option('--store <location>', '与服务共用的“已见材料”库（SQLite 文件或 postgres:// 地址），在此完成的申报也记入其中 / the store the servers share').env('QCREDIT_STORE_URL'))
    .addOption(new Option('--store-retention <days>', '库中指纹保留天数（默认 365） / days fingerprints are kept').argParser(positiveInt('--store-retention')))
    .addHelpText('after', '\n收到 SIGTERM 或 SIGINT 时处理完手上的任务再退出；再收到一次则立即交还。 / SIGTERM: finish jobs in hand, then exit; twice: hand them back.\n示例 / example:\n  QCREDIT_REDIS_URL=redis://10.0.0.5:6379 qcredit worker --concurrency 2 --ocr-workers 2')
    .action(async (opts: import('./worker.js').WorkerFlags) => {
      const { workerCommand } = await import('./worker.js');
      setExit(await workerCommand(opts, io));
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

