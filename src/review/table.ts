/**
 * The review as two tables — one row per submission, one row per finding — for the workbook
 * and its CSV alike (one source for both: the same headers, the same cells).
 */
import type { CheckResult } from '../checks/schema.js';
import { eligibilityVerdict } from '../cli/format.js';
import { INDICATORS } from '../domain/catalogue.js';
import type { CrossFinding } from '../store/cross.js';

export interface ReviewedRow {
  id: string;
  result: CheckResult;
  cross: CrossFinding[];
}

export type Cell = string | number | { text: string; hyperlink: string };

export interface Table {
  name: string;
  headers: string[];
  rows: Cell[][];
}

const SEVERITY_NAMES = { error: '错误', warning: '提醒', info: '信息' } as const;

/** "QC_SEAL_MISSING×2；QC_CODE_MISMATCH×1", most frequent first. */
function byCode(findings: readonly { code: string }[]): string {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.code, (counts.get(f.code) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([code, n]) => `${code}×${n}`).join('；');
}

/** The report of a submission, relative to the output folder. */
export const reportPath = (id: string) => `reports/${id.replace(/[\\/:*?"<>|]/g, '_')}.html`;

/** One cross finding in a few words: what repeats, and where else. */
export const crossSummary = (c: CrossFinding) => `${c.code.replace('QC_REPEAT_', '')}：${c.file} ↔ ${c.other.company}（${c.other.creditCode}）${c.other.file}`;

export function submissionsTable(rows: readonly ReviewedRow[]): Table {
  return {
    name: '申报汇总',
    headers: [
      '文件夹', '企业名称', '统一社会信用代码', '申报等级', '申报日期', '预审结论', '错误数', '提醒数', '错误（按代码）', '提醒（按代码）',
      '申报资质', '跨申报重复（疑似）', '跨申报重复详情',
      ...INDICATORS.map((i) => `证明材料：${i.name}`), '空窗口', '报告',
    ],
    rows: rows.map(({ id, result, cross }) => {
      const errors = result.findings.filter((f) => f.severity === 'error');
      const warnings = result.findings.filter((f) => f.severity === 'warning');
      const windows = new Map(result.windows.map((w) => [w.id, w.files.length]));
      return [
        id,
        result.company.name,
        result.company.creditCode,
        result.level,
        result.applicationDate,
        result.verdict === 'pass' ? '通过' : '不通过',
        errors.length,
        warnings.length,
        byCode(errors),
        byCode(warnings),
        eligibilityVerdict(result.eligibility),
        cross.length,
        cross.map(crossSummary).join('\n'),
        // A level without indicator evidence (A) has no windows: its cells stay empty.
        ...INDICATORS.map((i) => (windows.has(i.id) ? windows.get(i.id)! : '')),
        INDICATORS.filter((i) => windows.get(i.id) === 0).map((i) => i.name).join('、'),
        { text: reportPath(id), hyperlink: reportPath(id) },
      ];
    }),
  };
}

export function findingsTable(rows: readonly ReviewedRow[]): Table {
  return {
    name: '全部问题',
    headers: ['文件夹', '企业名称', '统一社会信用代码', '文件', '严重程度', '代码', '说明', '怎么办', '页码', '重复于'],
    rows: rows.flatMap(({ id, result, cross }) =>
      result.findings.map((f) => {
        const other = f.code.startsWith('QC_REPEAT_') ? cross.find((c) => c.code === f.code && c.file === f.file && c.message === f.message)?.other : undefined;
        return [
          id,
          result.company.name,
          result.company.creditCode,
          f.file ?? '',
          SEVERITY_NAMES[f.severity],
          f.code,
          f.message,
          f.action ?? '',
          f.page ?? '',
          other ? `${other.company}（${other.creditCode}）${other.submission}/${other.file}` : '',
        ];
      }),
    ),
  };
}
