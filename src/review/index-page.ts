/** The review's index page: every submission with its verdict, counts, repeats and a link to its report. */
import { eligibilityVerdict } from '../cli/format.js';
import { REPORT_FONT_FAMILY, reportFontFace } from '../report/font.js';
import { crossSummary, reportPath, type ReviewedRow } from './table.js';

const escape = (text: unknown) => String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const CSS = `
body{font-family:"${REPORT_FONT_FAMILY}","Noto Sans SC","PingFang SC","Microsoft YaHei",sans-serif;margin:0;background:#f4f5f7;color:#1f2329}
header{background:#fff;padding:20px 32px;border-bottom:1px solid #e5e6eb}h1{margin:0 0 6px;font-size:22px}.meta{color:#646a73}
table{border-collapse:collapse;margin:20px 32px;background:#fff;width:calc(100% - 64px);font-size:14px}
th,td{border:1px solid #e5e6eb;padding:6px 10px;text-align:left;vertical-align:top}th{background:#f7f8fa}
.verdict{display:inline-block;padding:2px 10px;border-radius:10px;color:#fff;font-weight:bold}.pass{background:#2ea043}.fail{background:#cf222e}
.repeat{color:#b7791f;font-size:12px}td.num{text-align:right}
`;

/** The page carries a subset of the shipped Chinese font, as the reports do: a reader's machine may have none. */
export async function renderIndexPage(rows: readonly ReviewedRow[]): Promise<string> {
  const failed = rows.filter((r) => r.result.verdict === 'fail').length;
  const repeated = rows.filter((r) => r.cross.length).length;
  const body = rows
    .map(({ id, result, cross }) => {
      const errors = result.findings.filter((f) => f.severity === 'error').length;
      const warnings = result.findings.filter((f) => f.severity === 'warning').length;
      return `<tr data-id="${escape(id)}" data-verdict="${result.verdict}"><td><a href="${escape(reportPath(id))}">${escape(result.company.name)}</a><div class="meta">${escape(id)}</div></td><td>${escape(result.company.creditCode)}</td><td>${escape(result.level)}</td><td><span class="verdict ${result.verdict}">${result.verdict === 'pass' ? '通过' : '不通过'}</span></td><td class="num errors">${errors}</td><td class="num warnings">${warnings}</td><td>${escape(eligibilityVerdict(result.eligibility))}</td><td class="repeats">${cross.length ? cross.map((c) => `<div class="repeat">疑似 ${escape(crossSummary(c))}</div>`).join('') : ''}</td></tr>`;
    })
    .join('\n');
  const title = `<title>批量预审 — ${rows.length} 份申报</title>`;
  const page = `<body><header><h1>江苏省企业质量信用等级认定 · 批量预审</h1><div class="meta">共 ${rows.length} 份申报，不通过 ${failed} 份，疑似跨申报重复 ${repeated} 份</div></header>
<table><thead><tr><th>企业（点击查看报告）</th><th>统一社会信用代码</th><th>等级</th><th>预审结论</th><th>错误</th><th>提醒</th><th>申报资质</th><th>跨申报重复（疑似）</th></tr></thead>
<tbody>
${body}
</tbody></table></body>`;
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">${title}<style>${await reportFontFace(title + page)}${CSS}</style></head>
${page}</html>
`;
}
