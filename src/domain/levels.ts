/**
 * Rating levels and what each requires, as set by the notice 苏市监质〔2026〕64号
 * "关于开展2026年度江苏省质量信用A级及以上企业等级认定工作的通知", section 一 (申报时间及路径)
 * and section 二 (审批程序及时间安排). The notice is kept verbatim in test/fixtures/notice-2026.md.
 */

import { isCalendarDate } from './dates.js';

/** A tuple so that it can be passed to `z.enum`. */
export const LEVELS = ['A', 'AA', 'AAA'] as const;
export type Level = (typeof LEVELS)[number];

export type MaterialId = 'business-license' | 'pledge' | 'credit-report' | 'indicator-evidence';

/** One item to upload on 江苏市场监管企业通. */
export interface MaterialItem {
  readonly id: MaterialId;
  /** Name as the notice words it. */
  readonly name: string;
  /** How to obtain the item, or what goes wrong if it is done wrong. */
  readonly note?: string;
}

/** A calendar day without year, 'MM-DD': the notice states windows without one. */
export type MonthDay = `${number}${number}-${number}${number}`;

export interface LevelPolicy {
  /** e.g. 'A级（实时申报）'. */
  readonly description: string;
  /** A is accepted at any time (实时申报); AA and AAA only within a window (集中申报). */
  readonly submission: 'rolling' | 'window';
  /** Inclusive on both ends. Only for `submission: 'window'`. */
  readonly window?: { readonly from: MonthDay; readonly to: MonthDay };
  /** 近一年 or 近三年 专项信用报告. */
  readonly creditReportYears: 1 | 3;
  /** Whether the 附件2 indicator evidence must be uploaded. */
  readonly needsIndicatorEvidence: boolean;
  /** A: approval within this many working days after submission. */
  readonly reviewWorkingDays?: number;
  /** AA/AAA: fixed review deadlines (county preliminary review, then city review and recommendation). */
  readonly reviewDeadlines?: { readonly county: MonthDay; readonly city: MonthDay };
}

// AA and AAA share one procedure in the notice; only the level applied for differs.
// The nested objects are frozen here because AA and AAA share them through the spread.
const WINDOW_POLICY = {
  submission: 'window',
  window: Object.freeze({ from: '05-20', to: '07-20' } as const),
  creditReportYears: 3,
  needsIndicatorEvidence: true,
  reviewDeadlines: Object.freeze({ county: '07-25', city: '07-31' } as const),
} as const;

export const LEVEL_POLICY: Readonly<Record<Level, LevelPolicy>> = Object.freeze({
  A: Object.freeze({
    description: 'A级（实时申报）',
    submission: 'rolling',
    creditReportYears: 1,
    needsIndicatorEvidence: false,
    reviewWorkingDays: 30,
  }),
  AA: Object.freeze({ description: 'AA级（集中申报）', ...WINDOW_POLICY }),
  AAA: Object.freeze({ description: 'AAA级（集中申报）', ...WINDOW_POLICY }),
});

// Wording of the notice; the query options matter, a report without them is rejected.
const CREDIT_REPORT_NOTE =
  '登录信用江苏官网，进入“信用服务 - 专项信用报告申请”，查询领域勾选“全选”，简易处罚选择“是”';

/** The materials to upload for a level, in the order the notice lists them. */
export function requiredMaterials(level: Level): readonly MaterialItem[] {
  const policy = LEVEL_POLICY[level];
  const items: MaterialItem[] = [
    { id: 'business-license', name: '营业执照' },
    { id: 'pledge', name: '企业质量信用等级认定申报承诺书（附件1）' },
    {
      id: 'credit-report',
      name: policy.creditReportYears === 1 ? '近一年的专项信用报告' : '近三年的专项信用报告',
      note: CREDIT_REPORT_NOTE,
    },
  ];
  if (policy.needsIndicatorEvidence) {
    items.push({
      id: 'indicator-evidence',
      name: '《技术指标》（附件2）所需证明材料，并对照各指标窗口填写指标说明和证明材料清单',
      note: '传错提交窗口的此项不得分',
    });
  }
  return Object.freeze(items.map((item) => Object.freeze(item)));
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Whether a level may be applied for on `date` ('YYYY-MM-DD', local calendar day).
 * The window is compared by month and day only, since the notice gives it without a year.
 * Throws a RangeError on a malformed or impossible date rather than guessing.
 */
export function isWithinApplicationPeriod(level: Level, date: string): boolean {
  const match = DATE_PATTERN.exec(date);
  if (!match) throw new RangeError(`Expected a date as YYYY-MM-DD, got "${date}"`);
  if (!isCalendarDate(date)) throw new RangeError(`Not a calendar date: "${date}"`);

  const policy = LEVEL_POLICY[level];
  if (policy.submission === 'rolling' || !policy.window) return true;
  // Zero-padded 'MM-DD' strings order the same way as the days they name.
  const monthDay = date.slice(5);
  return monthDay >= policy.window.from && monthDay <= policy.window.to;
}
