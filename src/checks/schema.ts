/**
 * The JSON that `qcredit analyze --json` and `qcredit check --json` print, as zod schemas:
 * the contract other programs (portal backends) rely on. Every field is documented here.
 */
import { z } from 'zod';
import { INDICATOR_IDS } from '../domain/catalogue.js';
import { LEVELS } from '../domain/levels.js';
import { DOCUMENT_KINDS, MATERIAL_KINDS } from './kind.js';

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
    value: z.string().describe('18 characters as read, after repair'),
    valid: z.boolean(),
    repaired: z.boolean(),
    raw: z.string().describe('As read, before repair'),
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
  signedDate: isoDate.nullable().describe('Pledges: the 年 月 日 line'),
  report: z.object({
    from: isoDate.nullable(),
    to: isoDate.nullable(),
    generatedAt: isoDate.nullable(),
    reportNumber: z.string().nullable(),
    simplePenaltyIncluded: z.boolean().nullable(),
    allDomains: z.boolean().nullable(),
    records: z.array(z.object({ category: z.string(), count: z.number().nullable(), items: z.array(z.string()) })),
  }).nullable().describe('Credit reports only'),
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

export const SLOTS = [...MATERIAL_KINDS, ...INDICATOR_IDS] as const;
export type Slot = (typeof SLOTS)[number];
/** What a single file may be analysed as: a slot, or evidence whose window is not said. */
export const UPLOADED_AS = [...SLOTS, 'evidence'] as const;
export type UploadedAs = (typeof UPLOADED_AS)[number];

export const submissionSchema = z.strictObject({
  company: z.strictObject({ name: z.string().trim().min(1), creditCode: z.string().trim().min(1) }),
  level: z.enum(LEVELS),
  applicationDate: isoDate,
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
  windows: z.array(z.object({
    id: z.enum(INDICATOR_IDS),
    files: z.array(z.string()),
    bullets: z.array(z.object({ id: z.string(), text: z.string(), evidenced: z.boolean(), files: z.array(z.string()) })),
    partlyRead: z.array(z.string()).describe('Files of this window read only as far as their window showed: bullets they evidence further on are not seen (readAll reads them whole)'),
  })).describe('Self-assessment per window: which scoring bullets the uploaded evidence seems to cover'),
  elapsedMs: z.number(),
});
export type CheckResult = z.infer<typeof checkResultSchema>;
