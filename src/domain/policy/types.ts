/**
 * What makes an enterprise eligible to apply (基本资质), as data: one object per year of the
 * scheme, so that next year's notice is a new file, not a code change, and a portal can pass
 * its own. zod validates a policy given from outside (a JSON file, an HTTP body).
 */
import { z } from 'zod';
import { LEVELS } from '../levels.js';

const ladderStep = z.strictObject({
  /** The rating the applicant must hold now… */
  requires: z.enum(LEVELS),
  /** …and for at least this many whole years on the application date (0: holding it is enough). */
  heldYears: z.number().int().min(0).max(20),
});

export const eligibilityPolicySchema = z.strictObject({
  /** The scheme's year, e.g. 2026. */
  year: z.number().int().min(2000).max(2100),
  /** The province applicants must be registered in: the two-digit GB/T 2260 prefix. */
  provinceCode: z.string().regex(/^\d{2}$/, { message: '省级行政区划代码应为2位数字' }),
  /** Whole years from 成立日期 to the application date (正常经营年限). */
  minYearsInOperation: z.number().int().min(0).max(50),
  /** Per level applied for: the rating it builds on, or null when none is needed. */
  ladder: z.strictObject({ A: ladderStep.nullable(), AA: ladderStep.nullable(), AAA: ladderStep.nullable() }),
  /**
   * Record categories of the credit report that bar an application (as the report's sections
   * are named, see RECORD_CATEGORIES); the others are listed for the reviewer's information.
   */
  barringRecords: z.array(z.string().min(1)).max(50),
  /** Where each rule comes from, in words a reviewer can look up. */
  sources: z.record(z.string(), z.string()),
});

export type EligibilityPolicy = z.infer<typeof eligibilityPolicySchema>;
/** A portal's own policy: any part left out keeps this year's default. */
export const eligibilityPolicyOverrideSchema = eligibilityPolicySchema.partial();
export type EligibilityPolicyOverride = z.infer<typeof eligibilityPolicyOverrideSchema>;
