/** How the CLI prints a credit-code report for people. */
import type { UsccReport } from '../domain/uscc-report.js';

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
