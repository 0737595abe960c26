/**
 * The API's own zod schemas: what the routes take (query strings) and the answers that have
 * no schema elsewhere (credit-code reports, eligibility answers, the catalogue, health).
 * Analyses, check results, companies and applications use the project's schemas unchanged.
 */
import { z } from 'zod';
import { CATEGORY_IDS, INDICATOR_IDS } from '../domain/catalogue.js';
import { LEVELS } from '../domain/levels.js';
import type { UsccReport } from '../domain/uscc-report.js';
import { analysisSchema, eligibilitySchema, findingSchema, SLOTS, UPLOADED_AS } from '../checks/schema.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: '日期格式应为 YYYY-MM-DD' });

export const usccReportSchema = z.object({
  input: z.string(),
  valid: z.boolean(),
  code: z.string().describe('The normalised code (full-width, spaces and case fixed)'),
  problems: z.array(z.object({ code: z.string(), message: z.string().describe('zh-CN'), messageEn: z.string() })),
  parts: z.object({
    registrationAuthority: z.object({ code: z.string(), name: z.string().nullable() }),
    category: z.object({ code: z.string(), name: z.string().nullable() }),
    division: z.object({ code: z.string(), province: z.string().nullable(), city: z.string().nullable(), isJiangsu: z.boolean() }),
    organizationCode: z.object({ code: z.string(), formatted: z.string(), valid: z.boolean() }),
    check: z.string(),
  }).nullable().describe('Only for a valid code'),
  repair: z.string().nullable().describe('The unique repaired code, or null'),
  repairStatus: z.enum(['valid', 'repaired', 'ambiguous', 'unrepairable']),
  candidates: z.array(z.string()),
  edits: z.array(z.string()).describe('zh-CN: each change the repair made'),
});
// The schema and the library's type must not drift apart.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const usccReportMatches: Same<z.infer<typeof usccReportSchema>, UsccReport> = true;
void usccReportMatches;

/** `qcredit eligibility --json`: the rules' verdict, the licence's facts as read, problems reading the files. */
export const eligibilityAnswerSchema = eligibilitySchema.extend({
  licence: analysisSchema.shape.licence.describe('The licence\'s facts as read, when a licence file was sent'),
  fileFindings: z.array(findingSchema).describe('Problems reading the files sent (unreadable, not a licence …), each with its `file`'),
}).describe('Basic eligibility (基本资质) with what was read from the files');

export const catalogueSchema = z.object({
  levels: z.array(z.object({
    id: z.enum(LEVELS),
    description: z.string(),
    submission: z.enum(['rolling', 'window']).describe('rolling: any time (实时申报); window: only in the application period'),
    window: z.object({ from: z.string(), to: z.string() }).nullable().describe('MM-DD, inclusive'),
    creditReportYears: z.number().int(),
    needsIndicatorEvidence: z.boolean(),
    materials: z.array(z.object({ id: z.string(), name: z.string(), note: z.string().nullable() })),
  })),
  categories: z.array(z.object({ id: z.enum(CATEGORY_IDS), order: z.number().int(), name: z.string(), points: z.number() })),
  indicators: z.array(z.object({
    id: z.enum(INDICATOR_IDS),
    order: z.number().int(),
    category: z.enum(CATEGORY_IDS),
    name: z.string(),
    points: z.number(),
    bullets: z.array(z.object({ id: z.string(), order: z.number().int(), text: z.string(), evidenceHints: z.array(z.string()) })),
  })),
  slots: z.array(z.object({ id: z.enum(SLOTS), name: z.string() })).describe('Where a file of a submission can be uploaded'),
});
export type Catalogue = z.infer<typeof catalogueSchema>;

export const healthSchema = z.object({ status: z.literal('ok') });

export const readinessSchema = z.object({
  status: z.enum(['starting', 'ready', 'failed', 'closing']),
  engine: z.string(),
  queue: z.object({ inFlight: z.number().int(), queued: z.number().int(), maxInFlight: z.number().int(), maxQueued: z.number().int() }),
  error: z.string().optional().describe('Why the OCR engine did not start'),
});

export const analyzeQuerySchema = z.strictObject({
  level: z.enum(LEVELS).optional().describe('With applicationDate: the credit report\'s period and age are checked too'),
  applicationDate: isoDate.optional(),
  ocr: z.stringbool().default(true).describe('false: read text layers only (like --no-ocr)'),
  preview: z.stringbool().default(false).describe('true: attach a small JPEG of the page that matters most (`preview`)'),
  readAll: z.stringbool().default(false).describe('true: read every page whole, even what the checks do not need (every scoring bullet the evidence covers is then seen); slower'),
  as: z.enum(UPLOADED_AS).optional().describe('Where the file is uploaded: a kind, or an evidence window (an indicator id). A scanned pledge is read at its head and foot only, about twice as fast; evidence whose first page\'s head already shows its window is read no further, and is checked against that window (QC_WINDOW_MISMATCH). The kind is still decided from the content'),
});

export const checkQuerySchema = z.strictObject({
  format: z.enum(['json', 'html']).default('json').describe('html: the self-contained HTML report'),
  previews: z.stringbool().default(false).describe('true: each file gets `preview`, a small JPEG of its page that matters most (always on for html)'),
  quick: z.stringbool().default(false).describe('true: read evidence only until its window shows (like analyze with as=<window>): faster on scans, but bullets it covers further on are not counted (each window lists such files in `partlyRead`)'),
});

export const pledgeQuerySchema = z.strictObject({
  format: z.enum(['pdf', 'docx']).optional().describe('Wins over the Accept header; PDF when neither says'),
  date: isoDate.optional().describe('The signing date printed on the 年 月 日 line (blank by default)'),
  embedFont: z.stringbool().default(false).describe('DOCX: embed a font subset'),
});

export const summaryQuerySchema = z.strictObject({
  format: z.enum(['pdf', 'docx']).optional().describe('Wins over the Accept header; PDF when neither says'),
  today: isoDate.optional().describe('The generated-on date (today by default)'),
  embedFont: z.stringbool().default(false).describe('DOCX: embed a font subset'),
});

export const creditCodeParamsSchema = z.strictObject({
  code: z.string().min(1).max(64).describe('The code as read or typed; full-width characters and spaces are fine'),
});
