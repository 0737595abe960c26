/**
 * What kind of entity a registration is — a company, a branch, an individual business … — from
 * each of the three things that say it: the credit code's first two characters (GB 32100
 * registration authority and category), the licence's 类型, and the name's ending. Only an
 * enterprise with legal personality (企业法人: 有限责任公司, 股份有限公司, and the 全民所有制 /
 * 集体所有制 enterprises that are legal persons) may apply for the quality-credit rating.
 */
import { describeUscc } from './uscc.js';

export const ENTITY_FORMS = [
  'company',
  'enterprise-legal-person',
  'branch',
  'sole-proprietorship',
  'partnership',
  'individual',
  'cooperative',
  'not-enterprise',
] as const;
export type EntityForm = (typeof ENTITY_FORMS)[number];

/** Forms that are independent legal persons and enterprises. */
export const INDEPENDENT_FORMS: ReadonlySet<EntityForm> = new Set(['company', 'enterprise-legal-person']);

/**
 * 类型 as licences print it → the form. Order matters: a branch of a company says both
 * 有限责任公司 and 分公司; a partnership's type says 有限合伙 (not 有限公司).
 */
const TYPE_FORMS: readonly [RegExp, EntityForm][] = [
  [/分公司|分支机构|非法人|分厂|办事处|营业单位/u, 'branch'],
  [/个体工商户|个体经营|^个体/u, 'individual'],
  [/个人独资/u, 'sole-proprietorship'],
  [/合伙/u, 'partnership'],
  [/农民专业合作社|合作社联合社|专业合作社/u, 'cooperative'],
  [/有限责任公司|股份有限公司|有限公司|股份公司/u, 'company'],
  [/全民所有制|集体所有制|股份合作制|联营|国有企业|集体企业|企业法人/u, 'enterprise-legal-person'],
];

/** The form a licence's 类型 says, or null when it names none of them. */
export function formOfType(type: string): EntityForm | null {
  const t = type.replace(/\s/g, '');
  for (const [pattern, form] of TYPE_FORMS) if (pattern.test(t)) return form;
  return null;
}

/**
 * What a name's ending says: a branch (…分公司, …分厂, …办事处, …分店, …营业部) or nothing. A
 * name that ends as a company (…有限公司) says 'company' only when nothing before it says branch.
 */
export function formOfName(name: string): EntityForm | null {
  const n = name.replace(/\s/g, '');
  // A branch may put its own name in brackets: …有限公司（南京分公司）.
  if (/(?:分公司|分厂|办事处|分店|营业部|分部|分所|分中心)[)）]?$/u.test(n)) return 'branch';
  if (/专业合作社$/u.test(n)) return 'cooperative';
  if (/合伙企业|[(（](?:有限|普通|特殊普通)合伙[)）]$/u.test(n)) return 'partnership';
  if (/个人独资企业$/u.test(n)) return 'sole-proprietorship';
  // A note in brackets after a company's name (…有限公司（原…）) does not change what it is.
  if (/(?:有限责任公司|股份有限公司|有限公司)(?:[（(][^）)]*[）)])?$/u.test(n)) return 'company';
  return null;
}

/**
 * What the credit code's registration authority and category say. 9 + 1 is an enterprise of any
 * form (a company, a branch, a partnership …: the code cannot tell them apart), so it is null.
 */
export function formOfCode(code: string): EntityForm | null {
  const parts = describeUscc(code);
  if (!parts) return null;
  if (parts.registrationAuthority.code !== '9') return 'not-enterprise';
  if (parts.category.code === '2') return 'individual';
  if (parts.category.code === '3') return 'cooperative';
  return null;
}
