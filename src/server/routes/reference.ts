/** GET /v1/credit-codes/{code} and GET /v1/catalogue: answers from the domain modules, no uploads. */
import { SLOTS } from '../../checks/schema.js';
import { slotName } from '../../checks/slots.js';
import { CATEGORIES, INDICATORS } from '../../domain/catalogue.js';
import { LEVEL_POLICY, LEVELS, requiredMaterials } from '../../domain/levels.js';
import { usccReport } from '../../domain/uscc-report.js';
import { defineRoute } from '../route.js';
import { catalogueSchema, creditCodeParamsSchema, usccReportSchema, type Catalogue } from '../schemas.js';

export const creditCodeRoute = defineRoute({
  method: 'GET',
  url: '/v1/credit-codes/:code',
  operationId: 'creditCode',
  tag: 'reference',
  summary: '校验、解析并修复统一社会信用代码 / validate, describe and repair a credit code',
  description: 'The answer of `qcredit uscc --json` for one code. An invalid code is answered with 200 and `valid: false`.',
  auth: true,
  queued: false,
  params: creditCodeParamsSchema,
  responses: { 200: { description: 'Validity, parts and repair candidates', json: usccReportSchema } },
  errors: [400, 401],
  async handle({ params }) {
    return { kind: 'json', body: usccReport(params.code) };
  },
});

/** The catalogue as the web page and portals need it; built from the one source of truth. */
export function buildCatalogue(): Catalogue {
  return {
    levels: LEVELS.map((id) => {
      const policy = LEVEL_POLICY[id];
      return {
        id,
        description: policy.description,
        submission: policy.submission,
        window: policy.window ? { from: policy.window.from, to: policy.window.to } : null,
        creditReportYears: policy.creditReportYears,
        needsIndicatorEvidence: policy.needsIndicatorEvidence,
        materials: requiredMaterials(id).map((m) => ({ id: m.id, name: m.name, note: m.note ?? null })),
      };
    }),
    categories: CATEGORIES.map((c) => ({ ...c })),
    indicators: INDICATORS.map((i) => ({
      id: i.id,
      order: i.order,
      category: i.category,
      name: i.name,
      points: i.points,
      bullets: i.bullets.map((b) => ({ id: b.id, order: b.order, text: b.text, evidenceHints: [...b.evidenceHints] })),
    })),
    slots: SLOTS.map((id) => ({ id, name: slotName(id) })),
  };
}

export const catalogueRoute = defineRoute({
  method: 'GET',
  url: '/v1/catalogue',
  operationId: 'catalogue',
  tag: 'reference',
  summary: '等级、申报材料与11个指标窗口 / levels, materials and the 11 indicator windows',
  description: 'The levels with the materials each requires, and the indicator windows of 附件2 with points, scoring bullets and evidence hints.',
  auth: true,
  queued: false,
  responses: { 200: { description: 'The catalogue', json: catalogueSchema } },
  errors: [401],
  async handle() {
    return { kind: 'json', body: buildCatalogue() };
  },
});
