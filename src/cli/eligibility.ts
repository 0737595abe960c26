/** `qcredit eligibility`: may this enterprise apply at all (基本资质), from typed fields and/or its licence. */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { EligibilityAnswer, EligibilityFile } from '../checks/eligibility-request.js';
import { isQcError, QcError } from '../errors.js';
import { readJsonFile } from '../io/json.js';
import type { EngineId } from '../reading/ocr/registry.js';
import { eligibilityVerdict, formatEligibilityReasons } from './format.js';

interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** The command's flags as commander hands them over (every value a string, checked by the schema). */
export interface EligibilityFlags {
  level?: string;
  date?: string;
  company?: string;
  code?: string;
  established?: string;
  type?: string;
  termTo?: string;
  termOpen?: boolean;
  rating?: string;
  ratingSince?: string;
  licence?: string;
  report?: string;
  policy?: string;
  json?: boolean;
  engine?: EngineId;
}

/** Each request field as the flag the user typed, so that a problem names that flag. */
const FLAGS: Readonly<Record<string, string>> = {
  level: '--level（申报等级）',
  applicationDate: '--date（申报日期）',
  'company.name': '--company（企业名称）',
  'company.creditCode': '--code（统一社会信用代码）',
  'company.establishedOn': '--established（成立日期）',
  'company.entityType': '--type（类型）',
  'company.termTo': '--term-to（营业期限截止日期）',
  'company.termOpen': '--term-open（营业期限为长期）',
  'currentRating.level': '--rating（现有等级）',
  'currentRating.since': '--rating-since（现有等级的获评日期）',
};

/** The local calendar day: an application is dated where the applicant is. */
function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

const defined = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

/** Flags → the request the library takes; unset flags stay out, so the schema says what is missing. */
export function eligibilityRequestOf(flags: EligibilityFlags): Record<string, unknown> {
  const rating = flags.rating !== undefined || flags.ratingSince !== undefined ? defined({ level: flags.rating, since: flags.ratingSince }) : undefined;
  return defined({
    level: flags.level,
    applicationDate: flags.date ?? today(),
    company: defined({
      name: flags.company,
      creditCode: flags.code,
      establishedOn: flags.established,
      entityType: flags.type,
      termTo: flags.termTo,
      termOpen: flags.termOpen,
    }),
    currentRating: rating,
  });
}

/** A QC_INPUT_INVALID's fields renamed to the flags they came from. */
function namedByFlag(error: unknown): unknown {
  const issues = isQcError(error) ? (error as QcError & { issues?: { path: string }[] }).issues : undefined;
  for (const issue of issues ?? []) {
    issue.path = FLAGS[issue.path.replace(/（.*$/u, '')] ?? issue.path;
  }
  return error;
}

async function readInput(file: string): Promise<EligibilityFile> {
  try {
    return { bytes: new Uint8Array(await readFile(file)), name: basename(file) };
  } catch (cause) {
    throw new QcError('QC_FILE_NOT_FOUND', { file }, { cause });
  }
}

export function formatEligibilityAnswer(answer: EligibilityAnswer, request: { level: string; applicationDate: string }): string {
  return [
    `申报资质：${eligibilityVerdict(answer)}（申报${request.level}级，申报日期 ${request.applicationDate}，${answer.policyYear}年度规则）`,
    ...formatEligibilityReasons(answer.reasons, answer.fileFindings),
  ].join('\n');
}

/** Exit status: 0 eligible (confirmed or not), 1 not eligible; bad input throws (2). */
export async function eligibilityCommand(flags: EligibilityFlags, io: Io): Promise<number> {
  const { checkEligibility, eligibilityRequestSchema } = await import('../checks/eligibility-request.js');
  const { parseInput } = await import('../domain/validate.js');
  const { resolvePolicy } = await import('../domain/policy/index.js');
  let request;
  try {
    request = parseInput(eligibilityRequestSchema, eligibilityRequestOf(flags), '资质查询参数');
  } catch (error) {
    throw namedByFlag(error);
  }
  // Everything the user gave is checked before any file is read or OCR started.
  const policy = flags.policy ? resolvePolicy(await readJsonFile(flags.policy)) : undefined;
  const licence = flags.licence ? await readInput(flags.licence) : undefined;
  const report = flags.report ? await readInput(flags.report) : undefined;
  // Typed fields alone need no OCR engine (nor its start-up time).
  const engine = licence || report ? await (await import('../reading/ocr/registry.js')).createEngine(flags.engine) : undefined;
  let answer: EligibilityAnswer;
  try {
    answer = await checkEligibility(request, { licence, report }, { engine, policy });
  } finally {
    await engine?.close();
  }
  io.stdout(flags.json ? JSON.stringify(answer, null, 2) + '\n' : formatEligibilityAnswer(answer, request) + '\n');
  return answer.eligible ? 0 : 1;
}
