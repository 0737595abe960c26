/**
 * The application summary (申报材料汇总): company details, the level, the material
 * checklist for that level and, for AA/AAA, one section per indicator window in catalogue
 * order with its points, scoring bullets, the applicant's explanation and evidence list.
 */
import { applicationSchema, type ApplicationInput } from '../domain/company.js';
import { CATEGORIES, INDICATORS } from '../domain/catalogue.js';
import { LEVEL_POLICY, requiredMaterials } from '../domain/levels.js';
import { parseInput } from '../domain/validate.js';
import type { DocumentModel } from '../document/model.js';
import { chineseNumber, loadTemplate, renderTemplate, type TemplateSource } from '../document/template.js';
import { companyContext } from './context.js';
import { renderDocument, type OutputFormat, type RenderOptions } from './output.js';

export interface SummaryOptions {
  template?: string | TemplateSource;
  /** The date printed as generated on (YYYY-MM-DD); today by default. */
  today?: string;
}

function todayIso(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function summaryContext(input: ApplicationInput | unknown, options: SummaryOptions = {}) {
  const application = parseInput(applicationSchema, input, '申报信息');
  const policy = LEVEL_POLICY[application.level];
  const windows = application.windows ?? {};
  const indicators = INDICATORS.map((indicator) => {
    const entry = windows[indicator.id];
    const explanation = entry?.explanation?.trim() || null;
    const evidence = (entry?.evidence ?? []).map((item, i) => ({ index: i + 1, ...item }));
    return {
      id: indicator.id,
      order: indicator.order,
      cnOrder: chineseNumber(indicator.order),
      name: indicator.name,
      points: indicator.points,
      category: CATEGORIES.find((c) => c.id === indicator.category)!.name,
      bullets: indicator.bullets.map((b) => b.text),
      explanation,
      evidence,
      hasExplanation: explanation !== null,
      hasEvidence: evidence.length > 0,
      complete: explanation !== null && evidence.length > 0,
    };
  });
  const categories = CATEGORIES.map((category) => ({
    order: category.order,
    cnOrder: chineseNumber(category.order),
    name: category.name,
    points: category.points,
    indicators: indicators.filter((i) => INDICATORS.find((x) => x.id === i.id)!.category === category.id),
  }));
  return {
    company: companyContext(application.company),
    level: application.level,
    levelDescription: policy.description,
    applicationDate: application.applicationDate ?? null,
    generatedOn: options.today ?? todayIso(),
    creditReportYears: policy.creditReportYears,
    needsEvidence: policy.needsIndicatorEvidence,
    applicationWindow: policy.window ? `${Number(policy.window.from.slice(0, 2))}月${Number(policy.window.from.slice(3))}日至${Number(policy.window.to.slice(0, 2))}月${Number(policy.window.to.slice(3))}日` : null,
    materials: requiredMaterials(application.level).map((m, i) => ({ index: i + 1, name: m.name, note: m.note ?? null })),
    categories,
    indicators,
    stats: {
      windows: indicators.length,
      complete: indicators.filter((i) => i.complete).length,
      missingExplanation: indicators.filter((i) => !i.hasExplanation).length,
      missingEvidence: indicators.filter((i) => !i.hasEvidence).length,
      evidenceFiles: indicators.reduce((n, i) => n + i.evidence.length, 0),
    },
    /** Windows filled in although the level does not need them (A). */
    ignoredWindows: policy.needsIndicatorEvidence ? 0 : indicators.filter((i) => i.hasExplanation || i.hasEvidence).length,
  };
}

export async function summaryModel(input: ApplicationInput | unknown, options: SummaryOptions = {}): Promise<DocumentModel> {
  const context = summaryContext(input, options);
  const template = typeof options.template === 'object' ? options.template : await loadTemplate(options.template ?? 'summary');
  return renderTemplate(template, context);
}

export async function generateSummary(
  input: ApplicationInput | unknown,
  format: OutputFormat,
  options: SummaryOptions & RenderOptions = {},
): Promise<Uint8Array> {
  return renderDocument(await summaryModel(input, options), format, options);
}
