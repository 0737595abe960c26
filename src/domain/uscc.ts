/**
 * Unified social credit code (统一社会信用代码, GB 32100-2015): normalising, validating,
 * describing and repairing OCR misreads. This module is the single source of truth for the
 * code's alphabet, weights and structure tables.
 *
 * Layout of the 18 characters:
 *   1     registration authority (登记管理部门)
 *   2     entity category (机构类别), meaning depends on position 1
 *   3–8   administrative division code (GB/T 2260, see ./divisions.ts)
 *   9–17  organisation code (GB 11714, 8 body characters + its own check character)
 *   18    check character over positions 1–17
 */
import { QcError, describeError, type ErrorParams } from '../errors.js';
import { lookupDivision } from './divisions.js';

/** 31 characters; I, O, Z, S and V are left out because they look like 1, 0, 2, 5 and U. */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Weight of positions 1–17: 3^(i-1) mod 31. */
export const USCC_WEIGHTS: readonly number[] = [
  1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

const VALUE = new Map<string, number>([...USCC_ALPHABET].map((ch, i) => [ch, i]));

export interface RegistrationAuthority {
  readonly name: string;
  /** Category digit (position 2) → name. */
  readonly categories: Readonly<Record<string, string>>;
}

/** GB 32100-2015 table of registration authorities and the categories each may issue. */
export const REGISTRATION_AUTHORITIES: Readonly<Record<string, RegistrationAuthority>> = {
  '1': {
    name: '机构编制',
    categories: { '1': '机关', '2': '事业单位', '3': '中央编办直接管理机构编制的群众团体', '9': '其他' },
  },
  '2': { name: '外交', categories: { '1': '外国常驻新闻机构', '9': '其他' } },
  '3': {
    name: '司法行政',
    categories: {
      '1': '律师执业机构',
      '2': '公证处',
      '3': '基层法律服务所',
      '4': '司法鉴定机构',
      '5': '仲裁委员会',
      '9': '其他',
    },
  },
  '4': { name: '文化', categories: { '1': '外国在华文化中心', '9': '其他' } },
  '5': { name: '民政', categories: { '1': '社会团体', '2': '民办非企业单位', '3': '基金会', '9': '其他' } },
  '6': {
    name: '旅游',
    categories: {
      '1': '外国旅游部门常驻代表机构',
      '2': '港澳台地区旅游部门常驻内地（大陆）代表机构',
      '9': '其他',
    },
  },
  '7': { name: '宗教', categories: { '1': '宗教活动场所', '2': '宗教院校', '9': '其他' } },
  '8': { name: '工会', categories: { '1': '基层工会', '9': '其他' } },
  '9': { name: '市场监管（工商）', categories: { '1': '企业', '2': '个体工商户', '3': '农民专业合作社' } },
  A: { name: '中央军委改革和编制办公室', categories: { '1': '军队事业单位', '9': '其他' } },
  N: {
    name: '农业',
    categories: {
      '1': '组级集体经济组织',
      '2': '村级集体经济组织',
      '3': '乡镇级集体经济组织',
      '9': '其他',
    },
  },
  Y: { name: '其他', categories: { '1': '其他' } },
};

export type UsccProblemCode =
  | 'QC_USCC_EMPTY'
  | 'QC_USCC_LENGTH'
  | 'QC_USCC_CHARSET'
  | 'QC_USCC_STRUCTURE'
  | 'QC_USCC_CHECK';

export interface UsccProblem {
  code: UsccProblemCode;
  /** zh-CN */
  message: string;
  messageEn: string;
  /** 1-based position in the normalised code, when the problem is at one place. */
  position?: number;
}

export interface UsccValidation {
  input: string;
  /** The normalised input. */
  code: string;
  valid: boolean;
  problems: UsccProblem[];
  /**
   * Whether positions 9–17 pass the GB 11714 organisation-code check; null when they cannot be
   * checked. Informational only: it never makes a code invalid (all 100 reference codes pass
   * it, but the standard does not require it of the credit code).
   */
  orgCodeValid: boolean | null;
  /** The correct position-18 character, when positions 1–17 are all in the alphabet. */
  expectedCheck: string | null;
}

export interface UsccParts {
  /** name is null for a character that is not a registration authority. */
  registrationAuthority: { code: string; name: string | null };
  category: { code: string; name: string | null };
  division: { code: string; province: string | null; city: string | null; isJiangsu: boolean };
  /** `formatted` is the usual printed form 'XXXXXXXX-X'. */
  organizationCode: { code: string; formatted: string; valid: boolean };
  check: string;
}

export type UsccRepairStatus = 'valid' | 'repaired' | 'ambiguous' | 'unrepairable';

export interface UsccRepair {
  input: string;
  status: UsccRepairStatus;
  /** The one valid code, for 'valid' and 'repaired'; null otherwise. */
  code: string | null;
  /**
   * 'ambiguous': every equally good candidate, sorted; a single one when it was unique but its
   * organisation code fails, so it needs confirming. [code] when valid/repaired; [] otherwise.
   */
  candidates: string[];
  /** zh-CN description of each change for 'repaired', positions in the normalised input. */
  edits: string[];
}

// ---------------------------------------------------------------------------------------------
// Normalising

/** Hyphens and dashes people type between groups of characters (U+FF0D is folded to '-' first). */
const DASHES = /[-\u2010-\u2015\u2212\uFE58\uFE63]/g;
/** Whitespace plus zero-width characters that copy-paste from web pages leaves behind. */
const SPACES = /[\s\u200B-\u200D\u2060\uFEFF]/g;

/**
 * Full-width → half-width, drop whitespace and dashes, upper-case. Chinese input methods make
 * full-width letters and digits easy to type by accident, so they must not cause a rejection.
 */
export function normalizeUscc(input: string): string {
  return input
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(SPACES, '')
    .replace(DASHES, '')
    .toUpperCase();
}

// ---------------------------------------------------------------------------------------------
// Check characters

/**
 * 31 - (sum mod 31), where a result of 31 means '0'. Validators that index the alphabet with
 * 31 directly get undefined and reject every code whose check character is '0'; the final
 * `% 31` is what avoids that.
 */
function checkFromSum(sum: number): string {
  return USCC_ALPHABET.charAt((31 - (sum % 31)) % 31);
}

function weightedSum(first17: string): number {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (VALUE.get(first17.charAt(i)) ?? 0) * (USCC_WEIGHTS[i] ?? 0);
  return sum;
}

/** The check character (position 18) for 17 normalised characters; throws QcError otherwise. */
export function computeUsccCheck(first17: string): string {
  if (first17.length !== 17) {
    throw new QcError('QC_USCC_STRUCTURE', {
      reason: `计算校验位需要前17位，实际为${first17.length}位`,
    });
  }
  const bad = [...first17].findIndex((ch) => !VALUE.has(ch));
  if (bad >= 0) throw new QcError('QC_USCC_CHARSET', { position: bad + 1, char: first17.charAt(bad) });
  return checkFromSum(weightedSum(first17));
}

const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** GB 11714 check over 8 body characters: digits 0–9, letters A=10 … Z=35. */
export function orgCodeCheck(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const ch = body8.charAt(i);
    const value = ch >= '0' && ch <= '9' ? Number(ch) : ch.charCodeAt(0) - 55;
    sum += value * (ORG_WEIGHTS[i] ?? 0);
  }
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

function orgCodeValid(code18: string): boolean {
  return orgCodeCheck(code18.slice(8, 16)) === code18.charAt(16);
}

// ---------------------------------------------------------------------------------------------
// Validating

function problem(code: UsccProblemCode, params: ErrorParams, position?: number): UsccProblem {
  const { zh, en } = describeError(code, params);
  const found: UsccProblem = { code, message: zh, messageEn: en };
  if (position !== undefined) found.position = position;
  return found;
}

/** QC_USCC_STRUCTURE with the reason in the language of each message. */
function structureProblem(position: number, zhReason: string, enReason: string): UsccProblem {
  return {
    code: 'QC_USCC_STRUCTURE',
    message: describeError('QC_USCC_STRUCTURE', { reason: zhReason }).zh,
    messageEn: describeError('QC_USCC_STRUCTURE', { reason: enReason }).en,
    position,
  };
}

/**
 * Problems with positions 1–8 of an 18-character code. Parts that already have a charset problem
 * are skipped so that one wrong character is not reported twice.
 */
function structureProblems(code: string, charsetBad: (position: number) => boolean): UsccProblem[] {
  const found: UsccProblem[] = [];
  const authorityCode = code.charAt(0);
  const authority = Object.hasOwn(REGISTRATION_AUTHORITIES, authorityCode)
    ? REGISTRATION_AUTHORITIES[authorityCode]
    : undefined;
  if (!charsetBad(1) && !authority) {
    found.push(
      structureProblem(
        1,
        `第1位登记管理部门代码“${authorityCode}”不存在`,
        `no registration authority "${authorityCode}" at position 1`,
      ),
    );
  }
  const category = code.charAt(1);
  if (authority && !charsetBad(2) && !Object.hasOwn(authority.categories, category)) {
    found.push(
      structureProblem(
        2,
        `第2位机构类别“${category}”不属于登记管理部门“${authority.name}”`,
        `category "${category}" at position 2 does not exist for registration authority "${authorityCode}"`,
      ),
    );
  }
  const division = code.slice(2, 8);
  if (![3, 4, 5, 6, 7, 8].some(charsetBad)) {
    if (!/^\d{6}$/.test(division)) {
      found.push(
        structureProblem(
          3,
          `第3–8位行政区划码应为6位数字，实际为“${division}”`,
          `positions 3–8 should be a six-digit division code, not "${division}"`,
        ),
      );
    } else if (lookupDivision(division).province === null) {
      found.push(
        structureProblem(
          3,
          `第3–8位行政区划码“${division}”不属于任何省级行政区`,
          `division code "${division}" at positions 3–8 belongs to no province`,
        ),
      );
    }
  }
  return found;
}

/** Validates after normalising; reports every problem found, not just the first. */
export function validateUscc(input: string): UsccValidation {
  const code = normalizeUscc(input);
  const problems: UsccProblem[] = [];
  const done = (orgValid: boolean | null, expectedCheck: string | null): UsccValidation => ({
    input,
    code,
    valid: problems.length === 0,
    problems,
    orgCodeValid: orgValid,
    expectedCheck,
  });

  if (code === '') {
    problems.push(problem('QC_USCC_EMPTY', {}));
    return done(null, null);
  }
  if (code.length !== 18) problems.push(problem('QC_USCC_LENGTH', { length: code.length }));
  const bad = new Set<number>();
  [...code].forEach((ch, i) => {
    if (VALUE.has(ch)) return;
    bad.add(i + 1);
    problems.push(problem('QC_USCC_CHARSET', { position: i + 1, char: ch }, i + 1));
  });
  // With a wrong length every later position is shifted, so structure and check say nothing.
  if (code.length !== 18) return done(null, null);

  problems.push(...structureProblems(code, (p) => bad.has(p)));
  const first17Ok = [...bad].every((p) => p === 18);
  const expectedCheck = first17Ok ? checkFromSum(weightedSum(code)) : null;
  const actual = code.charAt(17);
  if (expectedCheck !== null && expectedCheck !== actual) {
    problems.push(problem('QC_USCC_CHECK', { expected: expectedCheck, actual }, 18));
  }
  const orgChecked = ![9, 10, 11, 12, 13, 14, 15, 16, 17].some((p) => bad.has(p));
  return done(orgChecked ? orgCodeValid(code) : null, expectedCheck);
}

// ---------------------------------------------------------------------------------------------
// Describing

/** The parts of a code (normalised first); null unless it is 18 alphabet characters. */
export function describeUscc(code: string): UsccParts | null {
  const c = normalizeUscc(code);
  if (c.length !== 18 || ![...c].every((ch) => VALUE.has(ch))) return null;
  const authority = REGISTRATION_AUTHORITIES[c.charAt(0)];
  const division = c.slice(2, 8);
  const place = lookupDivision(division);
  const org = c.slice(8, 17);
  return {
    registrationAuthority: { code: c.charAt(0), name: authority?.name ?? null },
    category: { code: c.charAt(1), name: authority?.categories[c.charAt(1)] ?? null },
    division: { code: division, province: place.province, city: place.city, isJiangsu: place.isJiangsu },
    organizationCode: { code: org, formatted: `${org.slice(0, 8)}-${org.charAt(8)}`, valid: orgCodeValid(c) },
    check: c.charAt(17),
  };
}

// ---------------------------------------------------------------------------------------------
// Repairing OCR misreads
//
// A candidate is built from the normalised input by deleting surplus characters and replacing
// look-alikes; each deletion or replacement is one edit. Candidates must pass the checksum and
// the structure check. The checksum catches every single substitution (weights and value
// differences are non-zero mod the prime 31), but about 1 in 31 arbitrary changes passes by
// chance, so the search is kept to plausible OCR confusions and the fewest edits win; ties
// are reported as ambiguous rather than guessed.

/** Characters that never occur in a code → the valid characters OCR most likely saw. */
const FORCED: Readonly<Record<string, string>> = { O: '0DQ', I: '1L', Z: '2', S: '5', V: 'UY' };
/** Valid characters OCR confuses with each other; replacing one costs an edit. */
const CONFUSABLE: Readonly<Record<string, string>> = {
  '0': 'DQ',
  D: '0Q',
  Q: '0D',
  '1': 'L', // lowercase l is a common read of 1 and becomes L when upper-cased
  L: '1',
  '8': 'B',
  B: '8',
  '6': 'G',
  G: '6',
};
/** Positions 2–8 hold only digits, so a letter there is taken as the digit it resembles. */
const DIGIT_LOOKALIKE: Readonly<Record<string, string>> = {
  O: '0',
  D: '0',
  Q: '0',
  I: '1',
  L: '1',
  Z: '2',
  S: '5',
  B: '8',
  G: '6',
  T: '7',
};
const DIGITS = '0123456789';
const MAX_DELETIONS = 2;
/** Optional replacements of valid characters, beyond those forced on invalid ones. */
const MAX_OPTIONAL = 2;
/** Cap on combinations of forced choices (e.g. each O may be 0, D or Q). */
const MAX_FORCED_COMBINATIONS = 729;

function allowedAt(pos: number, ch: string): boolean {
  if (pos === 0) return Object.hasOwn(REGISTRATION_AUTHORITIES, ch);
  if (pos <= 7) return DIGITS.includes(ch);
  return VALUE.has(ch);
}

/** One position of a candidate: where it came from and which characters may stand there. */
interface Slot {
  from: number; // index in the normalised input
  original: string;
  keep: boolean; // the original may stay (it is allowed here)
  alternatives: string; // replacements, each one edit
}

function slotFor(pos: number, from: number, ch: string): Slot {
  const keep = allowedAt(pos, ch);
  let alternatives: string;
  // Digits there are taken as read: no digit looks like another, and trying digit swaps would
  // only add chance checksum passes.
  if (pos >= 1 && pos <= 7) alternatives = keep ? '' : (DIGIT_LOOKALIKE[ch] ?? '');
  else alternatives = (keep ? CONFUSABLE[ch] : (FORCED[ch] ?? CONFUSABLE[ch])) ?? '';
  alternatives = [...alternatives].filter((alt) => allowedAt(pos, alt)).join('');
  return { from, original: ch, keep, alternatives };
}

/** One way to reach 18 characters: which input characters are deleted, and the slots left. */
interface Plan {
  deleted: number[];
  slots: Slot[];
  /** Slots whose character is not allowed where it stands, so one of its alternatives must be used. */
  forced: number[];
  /** Replacements of allowed characters that may be tried. */
  optional: Change[];
}

interface Change {
  pos: number;
  alt: string;
}

/** All k-element subsets of 0..n-1, in increasing order. */
function subsets(n: number, k: number): number[][] {
  if (k === 0) return [[]];
  const out: number[][] = [];
  for (let first = 0; first <= n - k; first++) {
    for (const rest of subsets(n - first - 1, k - 1)) out.push([first, ...rest.map((r) => r + first + 1)]);
  }
  return out;
}

function plansFor(code: string): Plan[] {
  const plans: Plan[] = [];
  for (const deleted of subsets(code.length, code.length - 18)) {
    const slots: Slot[] = [];
    for (let from = 0; from < code.length; from++) {
      if (!deleted.includes(from)) slots.push(slotFor(slots.length, from, code.charAt(from)));
    }
    const forced = slots.flatMap((s, pos) => (s.keep ? [] : [pos]));
    if (forced.some((pos) => slots[pos]!.alternatives === '')) continue; // e.g. a stray '.' kept
    const combinations = forced.reduce((n, pos) => n * slots[pos]!.alternatives.length, 1);
    if (combinations > MAX_FORCED_COMBINATIONS) continue;
    const optional = slots.flatMap((s, pos) =>
      s.keep ? [...s.alternatives].map((alt) => ({ pos, alt })) : [],
    );
    plans.push({ deleted, slots, forced, optional });
  }
  return plans;
}

/**
 * Adds to `found` every code reachable with the plan's forced replacements plus exactly
 * `optionalCount` optional ones that passes checksum and structure. Sums are updated
 * incrementally, so each combination costs a few additions, not a full recomputation.
 */
function searchPlan(code: string, plan: Plan, optionalCount: number, found: Map<string, string[]>): void {
  const { slots, forced, optional } = plan;
  const original = slots.map((s) => s.original);
  // Position 18 (index 17) is the check character itself and has no weight.
  const weighted = (pos: number, ch: string) =>
    pos < 17 ? (VALUE.get(ch) ?? 0) * (USCC_WEIGHTS[pos] ?? 0) : 0;

  const test = (sum: number, changes: Change[]) => {
    const chars = [...original];
    for (const { pos, alt } of changes) chars[pos] = alt;
    if (checkFromSum(sum) !== chars[17]) return;
    const candidate = chars.join('');
    if (found.has(candidate) || structureProblems(candidate, () => false).length > 0) return;
    found.set(candidate, describeEdits(code, plan, changes));
  };

  const withOptional = (sum: number, changes: Change[]) => {
    const shifted = (c: Change) => weighted(c.pos, c.alt) - weighted(c.pos, original[c.pos]!);
    if (optionalCount === 0) test(sum, changes);
    else if (optionalCount === 1) for (const a of optional) test(sum + shifted(a), [...changes, a]);
    else {
      for (let i = 0; i < optional.length; i++) {
        for (let j = i + 1; j < optional.length; j++) {
          const a = optional[i]!;
          const b = optional[j]!;
          if (a.pos !== b.pos) test(sum + shifted(a) + shifted(b), [...changes, a, b]);
        }
      }
    }
  };

  const withForced = (i: number, sum: number, changes: Change[]): void => {
    if (i === forced.length) return withOptional(sum, changes);
    const pos = forced[i]!;
    for (const alt of slots[pos]!.alternatives) {
      withForced(i + 1, sum + weighted(pos, alt), [...changes, { pos, alt }]);
    }
  };

  // Forced slots contribute only through withForced: their original character is not valid there.
  const base = slots.reduce((sum, s, pos) => (s.keep ? sum + weighted(pos, s.original) : sum), 0);
  withForced(0, base, []);
}

/** '删除第19位多余字符“S”', '第3位 O→0', ordered by position in the normalised input. */
function describeEdits(code: string, plan: Plan, changes: Change[]): string[] {
  const edits = [
    ...plan.deleted.map((from) => ({ from, text: `删除第${from + 1}位多余字符“${code.charAt(from)}”` })),
    ...changes.map(({ pos, alt }) => {
      const slot = plan.slots[pos]!;
      return { from: slot.from, text: `第${slot.from + 1}位 ${slot.original}→${alt}` };
    }),
  ];
  return edits.sort((a, b) => a.from - b.from).map((e) => e.text);
}

/**
 * Repairs an OCR reading of a code (normalising first). Candidates with the fewest edits win;
 * among them those whose organisation code (positions 9–17) also checks out are preferred.
 *
 * 'repaired' needs exactly one such candidate *with a valid organisation code*. All 100
 * reference codes have one, while a candidate produced by a chance checksum pass almost never
 * does (measured on the reference codes with errors outside the look-alike model, ~9 in 10 wrong
 * repairs had an invalid one). So a lone candidate whose organisation code fails is returned as
 * 'ambiguous' with that one candidate: a suggestion for the user to confirm. A wrong code
 * presented as repaired is the worst outcome; asking costs one click.
 */
export function repairUscc(input: string): UsccRepair {
  const code = normalizeUscc(input);
  if (validateUscc(code).valid) return { input, status: 'valid', code, candidates: [code], edits: [] };
  const unrepairable: UsccRepair = { input, status: 'unrepairable', code: null, candidates: [], edits: [] };
  if (code.length < 18 || code.length > 18 + MAX_DELETIONS) return unrepairable;

  const plans = plansFor(code);
  if (plans.length === 0) return unrepairable;
  // Every plan deletes the same number of characters, so edits differ only in replacements:
  // search by increasing count of them and stop at the first count that yields candidates.
  const fewestForced = Math.min(...plans.map((p) => p.forced.length));
  for (let replacements = fewestForced; replacements <= fewestForced + MAX_OPTIONAL; replacements++) {
    const found = new Map<string, string[]>();
    for (const plan of plans) {
      const optionalCount = replacements - plan.forced.length;
      if (optionalCount >= 0 && optionalCount <= MAX_OPTIONAL) searchPlan(code, plan, optionalCount, found);
    }
    if (found.size === 0) continue;
    const all = [...found.keys()];
    const orgValid = all.filter(orgCodeValid);
    if (orgValid.length === 1) {
      const repaired = orgValid[0]!;
      return { input, status: 'repaired', code: repaired, candidates: [repaired], edits: found.get(repaired)! };
    }
    const best = orgValid.length > 0 ? orgValid : all;
    return { input, status: 'ambiguous', code: null, candidates: best.sort(), edits: [] };
  }
  return unrepairable;
}
