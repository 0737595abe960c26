/**
 * The company a document names: its name (名称 / 企业名称 / 申报企业 …) and its date of
 * establishment (成立日期), each read next to its label by the field machinery (src/fields),
 * never guessed from free text. A pledge also names the company in its opening sentence
 * (本企业（XX有限公司，统一社会信用代码：…）) and over its seal (企业名称（盖章）：…).
 */
import { extractFields, type FieldSpec, type Label } from '../fields/extract.js';
import { companyNameForm, dateForm } from '../fields/forms.js';
import { fieldDocument } from '../fields/text.js';
import type { ReadPage } from '../reading/types.js';
import { editDistance } from '../util/edit-distance.js';

export interface CompanyInfo {
  name: string | null;
  establishedOn: string | null;
}

const labels = (words: readonly string[], weight = 1): Label[] => words.map((match) => ({ match, weight }));

export const COMPANY_NAME_LABELS: readonly Label[] = [
  ...labels(['企业名称', '单位名称', '主体名称', '市场主体名称', '公司名称', '申报企业', '申报单位', '申请单位', '承诺单位', '受检单位', '获证组织', '企业（单位）名称', '被查询主体', '信用主体名称']),
  { match: /(?<![\p{Script=Han}])名\s?称/u, weight: 0.8 },
  // 本企业（XX有限公司，统一社会信用代码：…）: the name in the pledge's opening brackets.
  { match: /本(?:企业|单位|公司)\s?[(（<〈]/u, weight: 0.8 },
];

const SPECS: FieldSpec<unknown>[] = [
  { name: 'name', labels: COMPANY_NAME_LABELS, form: companyNameForm, places: ['after', 'right', 'below'] },
  { name: 'establishedOn', labels: labels(['成立日期', '注册日期', '成立时间', '设立日期']), form: dateForm, places: ['after', 'right', 'below'] },
];

/** The company a document names, from its first three pages. */
export function extractCompanyInfo(pages: ReadPage[]): CompanyInfo {
  const out = extractFields(fieldDocument(pages.slice(0, 3)), SPECS, labels(['统一社会信用代码', '法定代表人', '地址', '住所']));
  return { name: (out.get('name')?.result?.value as string | undefined) ?? null, establishedOn: (out.get('establishedOn')?.result?.value as string | undefined) ?? null };
}

/** '2016年9月12日', '2016-09-12', '2016.9.12', '2016/09/12' → '2016-09-12' (real dates only). */
export function parseDate(text: string): string | null {
  return dateForm.find(text)[0]?.value ?? null;
}

/** Company names compared as people read them: brackets, spaces and width do not matter. */
export function sameCompanyName(a: string, b: string): boolean {
  const fold = (s: string) => s.normalize('NFKC').replace(/[\s()（）]/g, '');
  return fold(a) === fold(b);
}

/**
 * A name read by OCR may differ from the real one by a misread rare character (玥 → 班);
 * such a near match is not a different company.
 */
export function nearCompanyName(read: string, expected: string): boolean {
  const fold = (s: string) => s.normalize('NFKC').replace(/[\s()（）]/g, '');
  return editDistance(fold(read), fold(expected)) <= Math.max(1, Math.floor([...fold(expected)].length * 0.2));
}
