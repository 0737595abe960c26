/**
 * Layouts: independent ways of laying out one kind of document. Every kind comes in several,
 * so that a rate measured on documents of one layout can be checked on layouts the reading
 * code was never tuned on.
 *
 * Two groups, kept apart by where their code lives:
 *  - development layouts (here, `DEV_LAYOUTS`): tests, fixtures and tuning use only these;
 *  - held-out layouts (`eval/held-out-layouts/`): written without looking at the reading code,
 *    used only by `npm run eval`, which reports them on their own. A test checks that nothing
 *    under `src/` or `test/` imports them (test/layout-split.test.ts).
 *
 * A layout is a builder plus an id; the corpus cycles through the layouts it is given
 * (`CorpusOptions.layouts`), and the truth records which one made each document.
 */
import { buildBusinessLicense } from './business-license.js';
import type { CorpusCompany } from './companies.js';
import { buildCreditReport } from './credit-report.js';
import type { FontChoice } from './fonts.js';
import { buildPledge, type PledgeCodeMark } from './pledge.js';
import type { Rng } from './random.js';
import type { BuiltDocument, BusinessLicenseTruth, CreditReportTruth, PledgeState, PledgeTruth } from './types.js';
import { DEV_LICENCE_LAYOUTS } from './layouts/licences.js';
import { DEV_PLEDGE_LAYOUTS } from './layouts/pledges.js';
import { DEV_REPORT_LAYOUTS } from './layouts/reports.js';

export type LayoutGroup = 'dev' | 'held-out';

export interface LayoutContext {
  company: CorpusCompany;
  rng: Rng;
  fonts: FontChoice;
}

export interface PledgeContext extends LayoutContext {
  /** What the applicant did to the printout (signed, sealed, dated … or not). */
  state: PledgeState;
  /** Hard variants: the code written by hand into its blank, or a seal stamped over it. */
  codeMark?: PledgeCodeMark;
}

interface LayoutBase {
  /** Stable and unique, e.g. 'report-xinyong-table'; recorded as `truth.layout`. */
  id: string;
  group: LayoutGroup;
  /** One line: what the layout is modelled on and what is different about it. */
  description: string;
}

export interface CreditReportLayout extends LayoutBase {
  kind: 'credit-report';
  build(ctx: LayoutContext): Promise<BuiltDocument<CreditReportTruth>>;
}
export interface BusinessLicenseLayout extends LayoutBase {
  kind: 'business-license';
  build(ctx: LayoutContext): Promise<BuiltDocument<BusinessLicenseTruth>>;
}
export interface PledgeLayout extends LayoutBase {
  kind: 'pledge';
  /** False when the layout cannot carry a hard code mark (the corpus then uses another). */
  codeMarks?: boolean;
  build(ctx: PledgeContext): Promise<BuiltDocument<PledgeTruth>>;
}

export type Layout = CreditReportLayout | BusinessLicenseLayout | PledgeLayout;

/** The layouts the corpus has always made: the default, so that seeds keep their documents. */
export const CLASSIC_LAYOUTS: readonly Layout[] = [
  {
    id: 'licence-saic-2019',
    kind: 'business-license',
    group: 'dev',
    description: 'The 2019 营业执照 (landscape 正本/副本) and the 2016 portrait 副本: labels left of values in two columns.',
    build: ({ company, rng, fonts }) => buildBusinessLicense(company, rng, fonts),
  },
  {
    id: 'pledge-generator',
    kind: 'pledge',
    group: 'dev',
    codeMarks: true,
    description: "qcredit's own pledge (templates/pledge.hbs), printed, signed, sealed and dated.",
    build: ({ company, rng, fonts, state, codeMark }) => buildPledge(company, rng, fonts, state, codeMark),
  },
  {
    id: 'report-xinyong-table',
    kind: 'credit-report',
    group: 'dev',
    description: '信用江苏 专项信用报告: a two-column table of 企业名称 … 报告生成时间 on page 1 (查询时间段), records in tables.',
    build: ({ company, rng, fonts }) => buildCreditReport(company, rng, fonts),
  },
];

/**
 * Every development layout. Tests may use any of these; eval reports them as the group the
 * code was tuned on.
 */
export const DEV_LAYOUTS: readonly Layout[] = [...CLASSIC_LAYOUTS, ...DEV_LICENCE_LAYOUTS, ...DEV_PLEDGE_LAYOUTS, ...DEV_REPORT_LAYOUTS];

export function layoutsOf<K extends Layout['kind']>(layouts: readonly Layout[], kind: K): Extract<Layout, { kind: K }>[] {
  return layouts.filter((l): l is Extract<Layout, { kind: K }> => l.kind === kind);
}
