/**
 * The eligibility policy of each year of the scheme, and a portal's own on top of it.
 */
import { parseInput } from '../validate.js';
import { POLICY_2026 } from './2026.js';
import { eligibilityPolicySchema, eligibilityPolicyOverrideSchema, type EligibilityPolicy } from './types.js';

export { eligibilityPolicySchema, eligibilityPolicyOverrideSchema, type EligibilityPolicy, type EligibilityPolicyOverride } from './types.js';
export { POLICY_2026 } from './2026.js';

const POLICIES: readonly EligibilityPolicy[] = [POLICY_2026];

/** The policy in force this year: the newest one. */
export const DEFAULT_POLICY: EligibilityPolicy = POLICIES[POLICIES.length - 1]!;

/** The policy of a year of the scheme: the newest one not after it (earlier years fall back to the oldest). */
export function policyFor(year: number): EligibilityPolicy {
  const known = POLICIES.filter((p) => p.year <= year);
  return known[known.length - 1] ?? POLICIES[0]!;
}

/**
 * A policy from outside (JSON): any part left out keeps the default's. Throws QC_INPUT_INVALID
 * naming the part that is wrong.
 */
export function resolvePolicy(input: unknown, base: EligibilityPolicy = DEFAULT_POLICY): EligibilityPolicy {
  if (input === undefined || input === null) return base;
  const override = parseInput(eligibilityPolicyOverrideSchema, input, '资质审核规则');
  return parseInput(eligibilityPolicySchema, { ...base, ...override, sources: { ...base.sources, ...(override.sources ?? {}) } }, '资质审核规则');
}
