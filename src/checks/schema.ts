/**
 * The JSON that `qcredit analyze --json` and `qcredit check --json` print, as zod schemas:
 * the contract other programs (portal backends) rely on. Every field is documented here.
 */
import { z } from 'zod';
import { INDICATOR_IDS } from '../domain/catalogue.js';
import { LEVELS } from '../domain/levels.js';
import { isCalendarDate } from '../domain/dates.js';
import { DOCUMENT_KINDS, MATERIAL_KINDS } from './kind.js';
import { ELIGIBILITY_RULES } from './eligibility.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const boxSchema = z.object({
  x: z.number(),
  y: z.number(),
  width: z.number(),
  height: z.number(),
}).describe('A box in the page image\'s pixels (at the page\'s dpi), origin top-left');

export const findingSchema = z.object({
  code: z.string().describe('Stable code, e.g. QC_SEAL_MISSING (all codes: src/errors.ts)'),
  severity: z.enum(['error', 'warning', 'info']),
  message: z.string().describe('zh-CN'),
  messageEn: z.string(),
  action: z.string().optional().describe('zh-CN: what to do about it'),
  file: z.string().optional().describe('The file it is about (submission findings)'),
  page: z.number().int().positive().optional(),
  box: boxSchema.optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});

export const sourceSchema = z.object({
  page: z.number().int().positive(),
  box: boxSchema,
  label: z.string().nullable().describe('The label it stood by (null: found by its form alone)'),
}).describe('Where a fact was read');

export const sealRegionSchema = boxSchema.extend({
  page: z.number().int().positive(),
  color: z.literal('red'),
  confidence: z.number().min(0).max(1),
});

export const analysisSchema = z.object({
  file: z.string(),
  sha256: z.string(),
  type: z.enum(['pdf', 'jpeg', 'png', 'tiff', 'webp']).nullable().describe('Real type, from the bytes (null when unreadable)'),
  pages: z.array(z.object({
    number: z.number().int().positive(),
    width: z.number(),
    height: z.number(),
    dpi: z.number(),
    source: z.enum(['text-layer', 'ocr']),
  })),
  kind: z.enum(DOCUMENT_KINDS),
  kindConfidence: z.number().min(0).max(1),
  creditCode: z.object({
    value: z.string().length(18).nullable().describe('The code: exactly 18 characters as read, after repair; null when what was read is not a code of 18 characters (see raw)'),
    valid: z.boolean(),
    repaired: z.boolean(),
    raw: z.string().max(80).describe('As read, before repair'),
    candidates: z.array(z.string()),
    page: z.number().int().positive(),
    box: boxSchema,
  }).nullable(),
  seal: z.object({
    present: z.boolean(),
    confidence: z.number().min(0).max(1),
    regions: z.array(sealRegionSchema),
    onSealArea: z.boolean().nullable().describe('Pledges: whether a seal sits on the 单位公章 area'),
  }),
  signature: z.object({ present: z.boolean(), confidence: z.number().min(0).max(1) }).nullable().describe('Pledges only'),
  signedDate: isoDate.nullable().describe('Pledges: the 年 月 日 line (null both when blank and when filled in but unreadable: see signing)'),
  signing: z.object({
    date: isoDate.nullable().describe('The date on the 年 月 日 line, when read with confidence'),
    filled: z.boolean().describe('Something is written on the date line, even when it could not be read'),
  }).nullable().describe('Pledges only'),
  report: z.object({
    from: isoDate.nullable(),
    to: isoDate.nullable(),
    generatedAt: isoDate.nullable(),
    reportNumber: z.string().nullable(),
    simplePenaltyIncluded: z.boolean().nullable(),
    allDomains: z.boolean().nullable(),
    records: z.array(z.object({ category: z.string(), count: z.number().nullable(), items: z.array(z.string()) })),
    recordsFound: z.boolean().nullable().describe('Records in any category (true); every category read says none (false); null when not all could be read'),
    sources: z.object({
      period: sourceSchema.nullable(),
      generatedAt: sourceSchema.nullable(),
      reportNumber: sourceSchema.nullable(),
      settings: sourceSchema.nullable(),
    }).describe('Where each fact was read'),
  }).nullable().describe('Credit reports only'),
  licence: z.object({
    name: z.string().nullable(),
    entityType: z.string().nullable().describe('类型'),
    legalRepresentative: z.string().nullable().describe('法定代表人 (a branch\'s 负责人, an individual business\'s 经营者)'),
    registeredCapital: z.string().nullable(),
    establishedOn: isoDate.nullable().describe('成立日期 (注册日期)'),
    termFrom: isoDate.nullable().describe('营业期限 from'),
    termTo: isoDate.nullable().describe('营业期限 to; null when open-ended (termOpen) or not read'),
    termOpen: z.boolean().nullable().describe('营业期限 长期; null when no term was read'),
    address: z.string().nullable().describe('住所 (经营场所, 营业场所)'),
    registrationAuthority: z.string().nullable().describe('登记机关, when printed as text'),
    issuedOn: isoDate.nullable().describe('The date under 登记机关'),
    sources: z.record(z.string(), sourceSchema).describe('Where each fact that was read stands'),
  }).nullable().describe('Business licences only: every fact read is read next to its label'),
  window: z.object({
    id: z.enum(INDICATOR_IDS),
    confidence: z.number().min(0).max(1),
    ranking: z.array(z.object({ id: z.enum(INDICATOR_IDS), score: z.number() })),
    reasons: z.array(z.string()),
    bullets: z.array(z.object({ id: z.string(), score: z.number() })),
  }).nullable().describe('Evidence only: the indicator window it belongs to'),
  company: z.object({ name: z.string().nullable(), establishedOn: isoDate.nullable() }).nullable(),
  findings: z.array(findingSchema),
  preview: z.object({
    page: z.number().int().positive(),
    width: z.number().int().positive(),
    height: z.number().int().positive(),
    scale: z.number().positive().describe('Page pixels × scale = thumbnail pixels: boxes are drawn at box × scale'),
    dataUri: z.string().describe('data:image/jpeg;base64,…'),
  }).nullable().describe('Only when asked for (the preview / previews option): a small JPEG of the page that matters most'),
  partlyRead: z.boolean().describe('Part of the file was left unread because its checks did not need it (a scanned pledge\'s paragraphs of promises; evidence past what showed its window): the evidence\'s `window.bullets` are judged from what was read. Ask for readAll to read everything'),
  elapsedMs: z.number(),
});

export type Analysis = z.infer<typeof analysisSchema>;

export const eligibilityReasonSchema = findingSchema.extend({
  rule: z.enum(ELIGIBILITY_RULES),
  status: z.enum(['met', 'not-met', 'unknown']),
  basis: z.array(z.string()).describe('What it was decided from (zh-CN): the code, the licence\'s facts, the report\'s records'),
  ruleSource: z.string().describe('Where the rule comes from'),
});

export const eligibilitySchema = z.object({
  eligible: z.boolean().describe('False when a rule is broken (an error); true otherwise'),
  confirmed: z.boolean().describe('Every rule confirmed as met (none left unknown)'),
  policyYear: z.number().int(),
  reasons: z.array(eligibilityReasonSchema).describe('One per rule: jiangsu, legalPerson, years, licence, ladder, publicCredit'),
}).describe('Basic eligibility (基本资质): who may apply at all');

export const SLOTS = [...MATERIAL_KINDS, ...INDICATOR_IDS] as const;
export type Slot = (typeof SLOTS)[number];
/** What a single file may be analysed as: a slot, or evidence whose window is not said. */
export const UPLOADED_AS = [...SLOTS, 'evidence'] as const;
export type UploadedAs = (typeof UPLOADED_AS)[number];

/** The rating an applicant holds now and since when: the level ladder is checked against it. */
export const currentRatingSchema = z.strictObject({
  level: z.enum(LEVELS, { message: `现有等级应为 ${LEVELS.join('、')} 之一` }),
  since: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: '获评日期格式应为 YYYY-MM-DD', abort: true }).refine(isCalendarDate, { message: '获评日期不是有效的日期' }).describe('The day the rating was awarded'),
});

export const submissionSchema = z.strictObject({
  company: z.strictObject({ name: z.string().trim().min(1), creditCode: z.string().trim().min(1) }),
  level: z.enum(LEVELS),
  applicationDate: isoDate,
  currentRating: currentRatingSchema.optional().describe('The rating held now (AA needs A held for 2 years, AAA needs AA); without it the ladder is a reminder'),
  files: z.array(z.strictObject({ path: z.string().min(1), slot: z.enum(SLOTS) })).max(500),
});
export type Submission = z.infer<typeof submissionSchema>;

export const fileResultSchema = analysisSchema.extend({
  slot: z.enum(SLOTS),
  misplaced: z.boolean(),
  suggestedSlot: z.enum(SLOTS).nullable(),
});

export const checkResultSchema = z.object({
  verdict: z.enum(['pass', 'fail']),
  company: z.object({ name: z.string(), creditCode: z.string() }),
  level: z.enum(LEVELS),
  applicationDate: isoDate,
  files: z.array(fileResultSchema),
  findings: z.array(findingSchema),
  eligibility: eligibilitySchema,
  windows: z.array(z.object({
    id: z.enum(INDICATOR_IDS),
    files: z.array(z.string()),
    bullets: z.array(z.object({ id: z.string(), text: z.string(), evidenced: z.boolean(), files: z.array(z.string()) })),
    partlyRead: z.array(z.string()).describe('Files of this window read only as far as their window showed: bullets they evidence further on are not seen (readAll reads them whole)'),
  })).describe('Self-assessment per window: which scoring bullets the uploaded evidence seems to cover'),
  elapsedMs: z.number(),
});
export type CheckResult = z.infer<typeof checkResultSchema>;
