/**
 * qcredit — the library API. Everything the CLI does is available here.
 *
 * @example
 *   import { generatePledge } from 'qcredit';
 *   const pdf = await generatePledge(company, 'pdf');
 */
export * from './errors.js';
export * from './domain/uscc.js';
export { PROVINCES, JIANGSU_CITIES, lookupDivision } from './domain/divisions.js';
export * from './domain/catalogue.js';
export * from './domain/levels.js';
export * from './domain/company.js';
export { parseInput, type FieldIssue } from './domain/validate.js';
export type * from './document/model.js';
export { parseMarkup } from './document/markup.js';
export { loadTemplate, renderTemplate, TEMPLATE_DIR, type TemplateSource } from './document/template.js';
export type { PdfOptions } from './document/pdf.js';
export type { DocxOptions } from './document/docx.js';
export { FONT_FAMILY } from './document/style.js';
// The writers and their font code (pdf-lib, fontkit, harfbuzz, docx) load when first called:
// importing qcredit to check uploads loads none of them.
/** A document model as PDF, with the embedded Chinese font subset. */
export async function renderPdf(...args: Parameters<typeof import('./document/pdf.js').renderPdf>): ReturnType<typeof import('./document/pdf.js').renderPdf> {
  return (await import('./document/pdf.js')).renderPdf(...args);
}
/** A document model as DOCX. */
export async function renderDocx(...args: Parameters<typeof import('./document/docx.js').renderDocx>): ReturnType<typeof import('./document/docx.js').renderDocx> {
  return (await import('./document/docx.js')).renderDocx(...args);
}
export { generatePledge, pledgeModel, pledgeOptionsSchema, type PledgeOptions } from './generators/pledge.js';
export { generateSummary, summaryModel, summaryContext, type SummaryOptions } from './generators/summary.js';
export { formatFromPath, renderDocument, OUTPUT_FORMATS, type OutputFormat, type RenderOptions } from './generators/output.js';
export { readJsonFile, readApplicationFile } from './io/json.js';
export { usccReport, type UsccReport } from './domain/uscc-report.js';
export { readUpload, clearReadCache, type ReadOptions } from './reading/read.js';
export type { ReadResult, ReadPage, TextLine, Word, Box, RasterImage, FileType } from './reading/types.js';
export { readLimitsSchema, type ReadLimitsInput } from './reading/limits.js';
export type { OcrEngine, OcrRequest, OcrResult, OcrMode } from './reading/ocr/engine.js';
export { createEngine, ENGINE_IDS, DEFAULT_ENGINE, type EngineId, type CreateEngineOptions } from './reading/ocr/registry.js';
export { analyzeFile, analyzeRead, type AnalyzeOptions } from './checks/analyze.js';
export { checkSubmission, checkSubmissionFile, type CheckOptions } from './checks/submission.js';
export { assessEligibility, eligibilityFindings, ELIGIBILITY_RULES, ELIGIBILITY_RULE_NAMES, type Eligibility, type EligibilityFacts, type EligibilityReason, type EligibilityRule, type LicenceEvidence, type ReportEvidence } from './checks/eligibility.js';
export { checkEligibility, eligibilityRequestSchema, type EligibilityRequest, type EligibilityAnswer } from './checks/eligibility-request.js';
export { DEFAULT_POLICY, POLICY_2026, policyFor, resolvePolicy, eligibilityPolicySchema, type EligibilityPolicy, type EligibilityPolicyOverride } from './domain/policy/index.js';
export { formOfCode, formOfName, formOfType, ENTITY_FORMS, type EntityForm } from './domain/entity.js';
export * from './checks/schema.js';
export type { Finding } from './checks/types.js';
export { renderHtmlReport } from './report/html.js';
export { checkRepeats, type Repeats, type RepeatsOptions } from './review/index.js';
export { reviewFolder, DEFAULT_STORE_FILE, discoverSubmissions, slotFromName, fingerprintFile, certificateNumbers, submissionsTable, findingsTable, toCsv, WORKBOOK_FILE, type ReviewOptions, type ReviewOutcome, type ReviewProgress, type ReviewedSubmission, type FolderSubmission, type ReviewOutputs } from './review/index.js';
export { openStore, recordSubmission, crossFindings, forgetSubmission, forgetSightingsBefore, MIGRATIONS, SCHEMA_VERSION, type Store, type StoredSubmission, type CrossFinding, type SubmissionFacts, type FileFacts } from './store/index.js';
export { runCli } from './cli/main.js';
export { serverOptionsSchema, type ServerOptions, type ServerOptionsInput, type ServerLimits } from './server/options.js';
export type { ServerDeps } from './server/app.js';
/** The HTTP service (`qcredit serve`) as a Fastify instance, not listening yet; Fastify loads only when called. */
export async function buildServer(...args: Parameters<typeof import('./server/app.js').buildServer>): ReturnType<typeof import('./server/app.js').buildServer> {
  const { buildServer: build } = await import('./server/app.js');
  return build(...args);
}
export { VERSION } from './version.js';
