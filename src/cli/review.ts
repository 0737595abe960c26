/** `qcredit review`: a folder of submissions checked in one go, for the reviewer's desk. */
import type { Level } from '../domain/levels.js';
import type { EngineId } from '../reading/ocr/registry.js';
import { readJsonFile } from '../io/json.js';
import type { ReviewProgress } from '../review/run.js';

interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  tty?: boolean;
}

export interface ReviewFlags {
  output: string;
  store?: string;
  level?: Level;
  date?: string;
  engine?: EngineId;
  quick?: boolean;
  policy?: string;
  json?: boolean;
}

function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s}秒` : `${Math.floor(s / 60)}分${s % 60}秒`;
}

/** One line, redrawn in place: files done, the time left, the submission in work. */
export function progressLine(p: ReviewProgress): string {
  const eta = p.etaMs === null ? '' : `，约剩 ${duration(p.etaMs)}`;
  return `[${p.submissionsDone}/${p.submissionsTotal} 份] 文件 ${p.filesDone}/${p.filesTotal}${eta}${p.current ? ` · ${p.current}` : ''}`;
}

export async function reviewCommand(input: string, flags: ReviewFlags, io: Io): Promise<number> {
  const { reviewFolder } = await import('../review/run.js');
  const policy = flags.policy ? (await import('../domain/policy/index.js')).resolvePolicy(await readJsonFile(flags.policy)) : undefined;
  const { createEngine } = await import('../reading/ocr/registry.js');
  const engine = await createEngine(flags.engine);
  // Ctrl-C: stop starting work; every submission finished is in the store already.
  const stop = new AbortController();
  const interrupt = () => stop.abort(new Error('interrupted'));
  process.once('SIGINT', interrupt);
  let last: ReviewProgress | null = null;
  const draw = (p: ReviewProgress) => {
    last = p;
    if (io.tty) io.stderr(`\r\x1b[K${progressLine(p)}`);
  };
  try {
    const outcome = await reviewFolder({
      input,
      output: flags.output,
      store: flags.store,
      engine,
      level: flags.level,
      applicationDate: flags.date,
      quick: flags.quick,
      policy,
      signal: stop.signal,
      onProgress: draw,
    });
    if (io.tty) io.stderr('\n');
    const failed = outcome.submissions.filter((s) => s.result.verdict === 'fail').length;
    const repeated = outcome.submissions.filter((s) => s.cross.length).length;
    if (flags.json) {
      io.stdout(
        JSON.stringify(
          {
            submissions: outcome.submissions.map((s) => ({ id: s.id, company: s.result.company, verdict: s.result.verdict, reused: s.reused, findings: s.result.findings.map((f) => ({ code: f.code, severity: f.severity, file: f.file })), cross: s.cross })),
            filesAnalysed: outcome.filesAnalysed,
            filesReused: outcome.filesReused,
            outputs: outcome.outputs,
          },
          null,
          2,
        ) + '\n',
      );
    } else {
      io.stdout(
        `已预审 ${outcome.submissions.length} 份申报：不通过 ${failed} 份，疑似跨申报重复 ${repeated} 份（本次识别 ${outcome.filesAnalysed} 个文件，沿用已有结果 ${outcome.filesReused} 个）\n` +
          `  汇总表：${outcome.outputs.workbook}\n  CSV：${outcome.outputs.submissionsCsv}、${outcome.outputs.findingsCsv}\n  目录页：${outcome.outputs.index}\n`,
      );
    }
    return failed ? 1 : 0;
  } catch (error) {
    if (stop.signal.aborted) {
      if (io.tty) io.stderr('\n');
      const done = (last as ReviewProgress | null)?.submissionsDone ?? 0;
      io.stderr(`已中断：已完成的 ${done} 份申报已保存，再次运行同一命令将从中断处继续。\n`);
      return 130;
    }
    throw error;
  } finally {
    process.off('SIGINT', interrupt);
    await engine.close();
  }
}
