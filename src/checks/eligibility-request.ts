/**
 * Eligibility on its own (`qcredit eligibility`, POST /v1/eligibility): from typed fields alone,
 * or with the licence (and the credit report) read from their files. The same rules as a whole
 * submission's check (assessEligibility); this only gathers the facts.
 */
import { z } from 'zod';
import { LEVELS } from '../domain/levels.js';
import { creditCodeSchema, isoDate } from '../domain/company.js';
import { eligibilityPolicyOverrideSchema, resolvePolicy, type EligibilityPolicy } from '../domain/policy/index.js';
import { analyzeFile, uploadedAs } from './analyze.js';
import { assessEligibility, licenceEvidenceOf, reportEvidenceOf, type Eligibility } from './eligibility.js';
import { currentRatingSchema, type Analysis } from './schema.js';
import type { OcrEngine } from '../reading/ocr/engine.js';
import type { ReadLimitsInput } from '../reading/limits.js';


export const eligibilityRequestSchema = z.strictObject({
  level: z.enum(LEVELS, { message: `申报等级应为 ${LEVELS.join('、')} 之一` }),
  applicationDate: isoDate,
  company: z
    .strictObject({
      name: z.string().trim().min(1).max(100).optional(),
      // Checked as everywhere a code is typed: a wrong check character is the applicant's to fix.
      creditCode: creditCodeSchema.optional(),
      establishedOn: isoDate.optional(),
      entityType: z.string().trim().min(1).max(60).optional().describe('类型 as the licence prints it'),
      termTo: isoDate.optional().describe('营业期限 end'),
      termOpen: z.boolean().optional().describe('营业期限 长期'),
    })
    .default({}),
  currentRating: currentRatingSchema.optional(),
  policy: eligibilityPolicyOverrideSchema.optional().describe('A portal\'s own policy: parts left out keep this year\'s'),
});
export type EligibilityRequest = z.infer<typeof eligibilityRequestSchema>;

export interface EligibilityFile {
  bytes: Uint8Array;
  name: string;
}

export interface EligibilityOptions {
  engine?: OcrEngine;
  limits?: ReadLimitsInput;
  signal?: AbortSignal;
  /** Keep nothing of the files in the read cache (see AnalyzeOptions.noCache): the server's uploads. */
  noCache?: boolean;
  /** Overrides the request's policy (a server's configured one). */
  policy?: EligibilityPolicy;
}

export interface EligibilityAnswer extends Eligibility {
  /** The licence's facts as read, when a licence file was given. */
  licence: Analysis['licence'];
  /** Problems reading the files (unreadable, not a licence …). */
  fileFindings: Analysis['findings'];
}

/** Eligibility from typed fields and, when given, the licence and credit report files. */
export async function checkEligibility(
  request: EligibilityRequest,
  files: { licence?: EligibilityFile; report?: EligibilityFile } = {},
  options: EligibilityOptions = {},
): Promise<EligibilityAnswer> {
  const read = (f: EligibilityFile | undefined, as: 'business-license' | 'credit-report') =>
    f ? analyzeFile(f.bytes, f.name, { engine: options.engine, limits: options.limits, signal: options.signal, noCache: options.noCache, ...uploadedAs(as), level: request.level, applicationDate: request.applicationDate }) : Promise.resolve(null);
  const [licence, report] = await Promise.all([read(files.licence, 'business-license'), read(files.report, 'credit-report')]);
  const policy = options.policy ?? resolvePolicy(request.policy);
  const eligibility = assessEligibility(
    {
      level: request.level,
      applicationDate: request.applicationDate,
      // A code on the licence stands in for a typed one.
      company: { ...request.company, creditCode: request.company.creditCode ?? (licence?.creditCode?.valid ? licence.creditCode.value : null) },
      licence: licence && licenceEvidenceOf(licence),
      report: report && reportEvidenceOf(report),
      currentRating: request.currentRating ?? null,
    },
    policy,
  );
  const fileFindings = [licence, report].flatMap((a) => (a ? a.findings.filter((f) => f.severity !== 'info').map((f) => ({ ...f, file: a.file })) : []));
  return { ...eligibility, licence: licence?.licence ?? null, fileFindings };
}
