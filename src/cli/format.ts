/** How the CLI prints a credit-code report and an eligibility answer for people. */
import type { UsccReport } from '../domain/uscc-report.js';
import type { Eligibility, EligibilityStatus } from '../checks/eligibility.js';
import type { Severity } from '../checks/types.js';

export function formatUsccReport(report: UsccReport): string {
  const lines: string[] = [];
  if (report.valid) {
    lines.push(`${report.code}  ✓ 有效`);
    const p = report.parts;
    if (p) {
      lines.push(`  登记管理部门：${p.registrationAuthority.code} ${p.registrationAuthority.name ?? '未知'}　机构类别：${p.category.code} ${p.category.name ?? '未知'}`);
      lines.push(`  行政区划：${p.division.code} ${[p.division.province, p.division.city].filter(Boolean).join(' ') || '未知'}`);
      lines.push(`  组织机构代码：${p.organizationCode.formatted}（${p.organizationCode.valid ? '校验通过' : '校验不通过'}）`);
    }
    if (report.code !== report.input) lines.push(`  （已规范化输入“${report.input}”）`);
    return lines.join('\n');
  }
  lines.push(`${report.input}  ✗ 无效`);
  for (const problem of report.problems) lines.push(`  - ${problem.message}`);
  if (report.repairStatus === 'repaired') {
    lines.push(`  修复建议：${report.repair}（${report.edits.join('，')}）`);
  } else if (report.repairStatus === 'ambiguous') {
    lines.push(`  可能的正确代码（无法唯一确定，请核对原件）：${report.candidates.join('、')}`);
  } else {
    lines.push('  无法自动修复，请核对原件');
  }
  return lines.join('\n');
}

/** The eligibility verdict in words: refused on a broken rule, sure only when every rule is met. */
export function eligibilityVerdict(e: Pick<Eligibility, 'eligible' | 'confirmed'>): string {
  return !e.eligible ? '不符合申报条件' : e.confirmed ? '可以申报' : '尚待确认';
}

/** What a marked line needs of a finding or an eligibility reason (schema-parsed ones included). */
interface Markable {
  severity: Severity;
  status?: EligibilityStatus;
  message: string;
  action?: string;
  file?: string;
  page?: number;
}

/** ✓ met, ✗ broken, ? to look at, · for information. */
function mark(f: Markable): string {
  if (f.status === 'met') return '✓';
  return f.severity === 'error' ? '✗' : f.severity === 'warning' ? '?' : '·';
}

function markedLine(f: Markable): string {
  const where = f.file ? `（${f.file}${f.page ? ` 第${f.page}页` : ''}）` : f.page ? `（第${f.page}页）` : '';
  return `  ${mark(f)} ${f.message}${where}${f.action ? `\n      → ${f.action}` : ''}`;
}

/** One line per rule (and per problem reading a file), each with its mark and what to do. */
export function formatEligibilityReasons(reasons: readonly Markable[], fileFindings: readonly Markable[] = []): string[] {
  return [...reasons.map(markedLine), ...fileFindings.map(markedLine)];
}
