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
  const last = [...path].reverse().find((p) => typeof p === 'string');
  const label = last !== undefined ? FIELD_LABELS[String(last)] : undefined;
  return label ? `${dotted}（${label}）` : dotted;
}

export function issuesOf(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({ path: describePath(issue.path), message: translate(issue) }));
}

/** zod's built-in English messages for the common cases, in Chinese. */
function translate(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && issue.input === undefined) return '缺少此项（必填）';
  if (issue.code === 'unrecognized_keys') return `无法识别的字段：${issue.keys.join('、')}`;
  if (issue.code === 'invalid_type') return `类型错误，应为${issue.expected === 'string' ? '文字' : issue.expected === 'number' ? '数字' : issue.expected === 'object' ? '对象' : issue.expected === 'array' ? '列表' : issue.expected}`;
  return issue.message;
}

/** Parse `data` with `schema` or throw QC_INPUT_INVALID listing every problem. */
export function parseInput<S extends z.ZodType>(schema: S, data: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issues = issuesOf(result.error);
  const details = `${what}有${issues.length}处问题：` + issues.map((i) => `${i.path}：${i.message}`).join('；');
  throw Object.assign(new QcError('QC_INPUT_INVALID', { details, what, count: issues.length }), { issues });
}
