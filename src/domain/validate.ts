/** Validation at the boundary: zod issues become one QcError that names each field in Chinese. */
import type { z } from 'zod';
import { QcError } from '../errors.js';
import { FIELD_LABELS } from './company.js';

export interface FieldIssue {
  /** Dotted path, e.g. `company.creditCode` or `windows.resources.evidence.0.file`. */
  path: string;
  message: string;
}

export function describePath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '（整体）';
  const dotted = path.map(String).join('.');
  // The named segments (indexes skipped), most specific label first: contact.name, then name.
  const named = path.filter((p): p is string => typeof p === 'string');
  let label: string | undefined;
  for (let from = 0; from < named.length && label === undefined; from++) {
    const key = named.slice(from).join('.');
    if (Object.hasOwn(FIELD_LABELS, key)) label = FIELD_LABELS[key];
  }
  return label ? `${dotted}（${label}）` : dotted;
}

/** Parse with `{ reportInput: true }`: without it zod leaves `input` out of every issue. */
export function issuesOf(error: z.ZodError): FieldIssue[] {
  return error.issues.flatMap((issue) => flattenUnion(issue, [])).map(({ issue, path }) => ({ path: describePath(path), message: translate(issue) }));
}

/**
 * A union (an evidence item is a file name or an object) fails with one issue holding every
 * branch's issues. When only one branch accepts the value's type, its issues are the real ones
 * (an empty file name, a missing `file`); otherwise the union's own message stands.
 */
function flattenUnion(issue: z.core.$ZodIssue, prefix: readonly PropertyKey[]): { issue: z.core.$ZodIssue; path: PropertyKey[] }[] {
  const path = [...prefix, ...issue.path];
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    const typed = issue.errors.filter((branch) => !branch.some((i) => i.code === 'invalid_type' && i.path.length === 0));
    if (typed.length === 1 && typed[0]!.length > 0) return typed[0]!.flatMap((i) => flattenUnion(i, path));
  }
  return [{ issue, path }];
}

const CJK = /[\u3400-\u9fff]/;
const TYPE_NAMES: Record<string, string> = { string: '文字', number: '数字', int: '整数', object: '对象', array: '列表', boolean: '是/否（true/false）' };

/** zod's built-in English messages for the common cases, in Chinese; our own messages are kept. */
function translate(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && issue.input === undefined) return '缺少此项（必填）';
  if (issue.code === 'unrecognized_keys') return `无法识别的字段：${issue.keys.join('、')}（请检查拼写）`;
  if (CJK.test(issue.message)) return issue.message;
  if (issue.code === 'invalid_type') return `类型错误，应为${TYPE_NAMES[issue.expected] ?? issue.expected}`;
  return issue.message;
}

/** Parse `data` with `schema` or throw QC_INPUT_INVALID listing every problem. */
export function parseInput<S extends z.ZodType>(schema: S, data: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(data, { reportInput: true });
  if (result.success) return result.data;
  const issues = issuesOf(result.error);
  const details = `${what}有${issues.length}处问题：` + issues.map((i) => `${i.path}：${i.message}`).join('；');
  throw Object.assign(new QcError('QC_INPUT_INVALID', { details, what, count: issues.length }), { issues });
}
