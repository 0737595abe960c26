/**
 * The pre-check as one self-contained HTML file (no external resources; it carries its own subset
 * of the Chinese font, see ./font.ts): the verdict, whether the enterprise may apply at all
 * (基本资质, rule by rule, first: nothing else matters if not), each file with a thumbnail on
 * which the seals and the credit code are boxed, every finding in Chinese with what to do about
 * it, and the indicator windows with their evidence.
 */
import { getIndicator } from '../domain/catalogue.js';
import { THUMBNAIL_WIDTH } from '../reading/thumbnail.js';
import type { CheckResult } from '../checks/schema.js';
import { KIND_NAMES } from '../checks/kind.js';
import { slotName } from '../checks/slots.js';
import { ELIGIBILITY_RULE_NAMES, type EligibilityRule } from '../checks/eligibility.js';
import { REPORT_FONT_FAMILY, reportFontFace } from './font.js';

type FileResult = CheckResult['files'][number];
type FindingItem = CheckResult['findings'][number];
type EligibilityResult = CheckResult['eligibility'];
type EligibilityReasonItem = EligibilityResult['reasons'][number];

const RULE_NAMES = Object.fromEntries(Object.entries(ELIGIBILITY_RULE_NAMES).map(([rule, name]) => [rule, name.zh])) as Readonly<Record<EligibilityRule, string>>;


const escape = (text: unknown) =>
  String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function findingHtml(f: FindingItem): string {
  const icon = f.severity === 'error' ? '✗' : f.severity === 'warning' ? '!' : 'i';
  return `<li class="finding ${f.severity}"><span class="icon">${icon}</span><div><div class="msg">${escape(f.message)}${f.page ? `<span class="where">第${f.page}页</span>` : ''}</div>${
    f.action ? `<div class="action">怎么办：${escape(f.action)}</div>` : ''
  }<div class="code">${escape(f.code)}</div></div></li>`;
}

/** How a rule stands: met, broken (an error), to be looked at (a warning), or a reminder. */
function ruleMark(r: EligibilityReasonItem): { mark: string; cls: string; label: string } {
  if (r.status === 'met') return { mark: '✓', cls: 'met', label: '符合' };
  if (r.severity === 'error') return { mark: '✗', cls: 'error', label: '不符合' };
  if (r.severity === 'warning') return { mark: '?', cls: 'warning', label: '待确认' };
  return { mark: '·', cls: 'info', label: '待核实' };
}

const eligibilityKey = (f: { code: string; message: string }) => `${f.code}\u0000${f.message}`;

/** A met rule's message starts with the rule's name, which the row already shows. */
function withoutRuleName(r: EligibilityReasonItem): string {
  const prefix = `${RULE_NAMES[r.rule]}：`;
  return r.message.startsWith(prefix) ? r.message.slice(prefix.length) : r.message;
}

function eligibilityRow(r: EligibilityReasonItem): string {
  const { mark, cls, label } = ruleMark(r);
  const where = [r.file, r.page ? `第${r.page}页` : ''].filter(Boolean).join(' ');
  return `<tr class="rule ${cls}" data-rule="${escape(r.rule)}" data-code="${escape(r.code)}"><td class="mark" title="${label}">${mark}</td><th scope="row">${escape(RULE_NAMES[r.rule])}<div class="state">${label}</div></th><td><div class="msg">${escape(withoutRuleName(r))}${where ? `<span class="where">${escape(where)}</span>` : ''}</div>${
    r.action ? `<div class="action">怎么办：${escape(r.action)}</div>` : ''
  }${r.basis.length ? `<ul class="basis">${r.basis.map((b) => `<li>${escape(b)}</li>`).join('')}</ul>` : ''}${r.ruleSource ? `<div class="source">依据：${escape(r.ruleSource)}</div>` : ''}</td></tr>`;
}

function eligibilitySection(e: EligibilityResult): string {
  const names = (rs: EligibilityReasonItem[]) => rs.map((r) => escape(RULE_NAMES[r.rule])).join('、');
  const broken = e.reasons.filter((r) => r.status !== 'met' && r.severity === 'error');
  const open = e.reasons.filter((r) => r.status !== 'met' && r.severity !== 'error');
  const [cls, verdict] = !e.eligible ? ['fail', '不符合申报条件'] : e.confirmed ? ['pass', '可以申报'] : ['pending', '尚待确认'];
  const met = e.reasons.filter((r) => r.status === 'met').length;
  const lines = [
    broken.length ? `<div class="bad">不符合：${names(broken)}</div>` : '',
    open.length ? `<div>请核对：${names(open)}（见下表“怎么办”）</div>` : '',
  ].join('');
  return `<section class="eligibility" id="eligibility" aria-labelledby="h-eligibility">
<h2 id="h-eligibility">基本资质 <small lang="en">Basic eligibility</small></h2>
<div class="general"><div class="elig-verdict"><span class="verdict ${cls}">${verdict}</span> ${e.policyYear}年度申报条件 ${e.reasons.length} 项，已确认符合 ${met} 项</div>${lines ? `<div class="elig-todo">${lines}</div>` : ''}
<table class="elig"><tr><th></th><th>条件</th><th>情况、怎么办与判断依据</th></tr>${e.reasons.map(eligibilityRow).join('')}</table></div>
</section>`;
}

function fileCard(file: FileResult): string {
  const thumb = file.preview;
  const page = thumb?.page ?? 1;
  const boxes: string[] = [];
  if (thumb) {
    const rect = (b: { x: number; y: number; width: number; height: number }, cls: string, label: string) =>
      `<rect class="${cls}" x="${(b.x * thumb.scale).toFixed(1)}" y="${(b.y * thumb.scale).toFixed(1)}" width="${(b.width * thumb.scale).toFixed(1)}" height="${(b.height * thumb.scale).toFixed(1)}"><title>${escape(label)}</title></rect>`;
    for (const seal of file.seal.regions.filter((r) => r.page === page)) boxes.push(rect(seal, 'seal', `印章（置信度 ${seal.confidence.toFixed(2)}）`));
    if (file.creditCode && file.creditCode.page === page) boxes.push(rect(file.creditCode.box, 'code', `统一社会信用代码 ${file.creditCode.value ?? file.creditCode.raw}`));
  }
  const errors = file.findings.filter((f) => f.severity === 'error').length;
  const status = errors ? 'status-bad' : file.findings.length ? 'status-warn' : 'status-ok';
  const facts: string[] = [`<dt>识别为</dt><dd>${escape(KIND_NAMES[file.kind])}</dd>`];
  if (file.creditCode) facts.push(`<dt>信用代码</dt><dd class="mono">${escape(file.creditCode.value ?? `“${file.creditCode.raw}”（不是18位代码）`)} ${file.creditCode.valid ? (file.creditCode.repaired ? `<small>（由“${escape(file.creditCode.raw)}”校正）</small>` : '') : '<b class="bad">无效</b>'}</dd>`);
  if (file.company?.name) facts.push(`<dt>企业名称</dt><dd>${escape(file.company.name)}</dd>`);
  facts.push(`<dt>印章</dt><dd>${file.seal.present ? `有 ${file.seal.regions.length} 枚` : '<b class="bad">未发现</b>'}</dd>`);
  if (file.signature) facts.push(`<dt>签字</dt><dd>${file.signature.present ? '有' : '<b class="bad">未发现</b>'}</dd><dt>签署日期</dt><dd>${escape(file.signedDate ?? (file.signing?.filled ? '已填写，未能识别' : '未填写'))}</dd>`);
  if (file.licence) {
    const l = file.licence;
    const term = l.termOpen === null ? '未识别' : `${l.termFrom ?? '?'} 至 ${l.termOpen ? '长期' : (l.termTo ?? '?')}`;
    facts.push(`<dt>类型</dt><dd>${escape(l.entityType ?? '未识别')}</dd><dt>法定代表人</dt><dd>${escape(l.legalRepresentative ?? '未识别')}</dd><dt>成立日期</dt><dd>${escape(l.establishedOn ?? '未识别')}</dd><dt>营业期限</dt><dd>${escape(term)}</dd>`);
  }
  if (file.report) facts.push(`<dt>查询时间段</dt><dd>${escape(file.report.from ?? '?')} 至 ${escape(file.report.to ?? '?')}</dd><dt>报告生成</dt><dd>${escape(file.report.generatedAt ?? '?')}</dd><dt>报告编号</dt><dd class="mono">${escape(file.report.reportNumber ?? '?')}</dd>`);
  if (file.window) facts.push(`<dt>内容属于</dt><dd>${escape(slotName(file.window.id))}（${Math.round(file.window.confidence * 100)}%）</dd>`);
  return `<section class="file ${status}">
  <div class="thumb">${thumb ? `<div class="frame" style="width:${thumb.width}px;height:${thumb.height}px"><img src="${thumb.dataUri}" width="${thumb.width}" height="${thumb.height}" alt="第${page}页缩略图"><svg width="${thumb.width}" height="${thumb.height}">${boxes.join('')}</svg></div><div class="legend"><span class="k seal"></span>印章 <span class="k code"></span>信用代码</div>` : '<div class="nothumb">无预览</div>'}</div>
  <div class="body">
    <h3>${escape(file.file)} <span class="slot">上传窗口：${escape(slotName(file.slot))}</span>${file.misplaced ? `<span class="move">应移至：${escape(file.suggestedSlot ? slotName(file.suggestedSlot) : '无法判断')}</span>` : ''}</h3>
    <dl>${facts.join('')}</dl>
    ${file.findings.length ? `<ul class="findings">${file.findings.map(findingHtml).join('')}</ul>` : '<p class="fine">✓ 未发现问题</p>'}
  </div>
</section>`;
}

const CSS = `
body{font-family:"${REPORT_FONT_FAMILY}","Noto Sans SC","PingFang SC","Microsoft YaHei",sans-serif;margin:0;background:#f4f5f7;color:#1f2329}
header{background:#fff;padding:24px 32px;border-bottom:1px solid #e5e6eb}
h1{margin:0 0 8px;font-size:22px}h2{font-size:18px;margin:28px 32px 12px}h3{margin:0 0 8px;font-size:16px}
.verdict{display:inline-block;padding:4px 14px;border-radius:14px;font-weight:bold;color:#fff}
.verdict.pass{background:#2ea043}.verdict.fail{background:#cf222e}
.meta{color:#646a73;margin-top:6px}
main{padding-bottom:40px}
.file{display:flex;gap:20px;background:#fff;margin:12px 32px;padding:16px;border-radius:8px;border-left:6px solid #2ea043}
.file.status-warn{border-left-color:#d4a72c}.file.status-bad{border-left-color:#cf222e}
.frame{position:relative}.frame img,.frame svg{position:absolute;left:0;top:0}.frame img{border:1px solid #ddd}
rect{fill:none;stroke-width:2.5}rect.seal{stroke:#cf222e}rect.code{stroke:#0969da}
.legend{font-size:12px;color:#646a73;margin-top:6px}.k{display:inline-block;width:12px;height:8px;border:2px solid;margin:0 2px 0 8px}.k.seal{border-color:#cf222e}.k.code{border-color:#0969da}
.nothumb{width:${THUMBNAIL_WIDTH}px;height:120px;display:flex;align-items:center;justify-content:center;background:#eee;color:#888}
.body{flex:1;min-width:0}.slot{font-weight:normal;color:#646a73;font-size:13px;margin-left:8px}
.move{background:#fff1f0;color:#cf222e;font-size:13px;margin-left:8px;padding:2px 8px;border-radius:4px}
dl{display:grid;grid-template-columns:6em 1fr;gap:4px 12px;font-size:14px;margin:8px 0}dt{color:#646a73}dd{margin:0}
.mono{font-family:ui-monospace,Menlo,monospace,"${REPORT_FONT_FAMILY}"}.bad{color:#cf222e}small{color:#646a73}
ul.findings{list-style:none;padding:0;margin:8px 0 0}
.finding{display:flex;gap:10px;padding:8px 10px;border-radius:6px;margin-bottom:6px;font-size:14px}
.finding.error{background:#fff1f0}.finding.warning{background:#fff8e1}.finding.info{background:#f0f6ff}
.icon{font-weight:bold;width:1.2em;text-align:center}.error .icon{color:#cf222e}.warning .icon{color:#b7791f}
.action{color:#3d4450;margin-top:3px}.code{color:#8f959e;font-size:12px;margin-top:2px}.where{color:#646a73;margin-left:6px;font-size:12px}
.fine{color:#2ea043}
.verdict.pending{background:#d4a72c}
.elig-verdict{margin:4px 0 8px}.elig-todo{font-size:14px;margin-bottom:10px;color:#3d4450}
.general table.elig{margin:0;width:100%}
.elig td.mark{width:24px;text-align:center;font-weight:bold;font-size:16px}.elig th[scope=row]{width:8em;font-weight:normal;background:#fff}
.elig .state{font-size:12px;color:#646a73;margin-top:2px}
.elig tr.met .mark{color:#2ea043}.elig tr.error .mark,.elig tr.error .state{color:#cf222e}.elig tr.warning .mark,.elig tr.warning .state{color:#b7791f}.elig tr.info .mark{color:#646a73;font-size:24px;line-height:18px}
.elig tr.error td,.elig tr.error th{background:#fff1f0}.elig tr.warning td,.elig tr.warning th{background:#fff8e1}
ul.basis{margin:4px 0 0;padding-left:1.2em;font-size:12px;color:#646a73}.source{font-size:12px;color:#8f959e;margin-top:3px}
.general{background:#fff;margin:12px 32px;padding:12px 16px;border-radius:8px}
table{border-collapse:collapse;margin:0 32px;background:#fff;width:calc(100% - 64px);font-size:14px}
th,td{border:1px solid #e5e6eb;padding:6px 10px;text-align:left;vertical-align:top}th{background:#f7f8fa}
td.yes{color:#2ea043}td.no{color:#8f959e}
@media print{body{background:#fff}.file{break-inside:avoid}}
`;

/**
 * The report as one HTML string; thumbnails come from the check's `previews` option. Async
 * because the page embeds a subset of the Chinese font, cut from the shipped one on first use.
 */
export async function renderHtmlReport(result: CheckResult): Promise<string> {
  const cards = result.files.map(fileCard);
  // The eligibility section shows its reasons; the general list does not say them twice.
  const eligibilityShown = new Set(result.eligibility.reasons.map(eligibilityKey));
  const general = result.findings.filter((f) => !f.file && !eligibilityShown.has(eligibilityKey(f)));
  const errors = result.findings.filter((f) => f.severity === 'error').length;
  const warnings = result.findings.filter((f) => f.severity === 'warning').length;
  const windows = result.windows.length
    ? `<h2>指标窗口与证明材料（自评参考）</h2><table><tr><th>指标窗口</th><th>分值</th><th>已上传</th><th>评分细则（✓ 表示已有材料似可佐证）</th></tr>${result.windows
        .map((w) => {
          const indicator = getIndicator(w.id);
          return `<tr><td>${escape(indicator.name)}</td><td>${indicator.points}</td><td>${w.files.length ? w.files.map(escape).join('<br>') : '<span class="bad">无</span>'}</td><td>${w.bullets
            .map((b) => `<div class="${b.evidenced ? 'yes' : 'no'}">${b.evidenced ? '✓' : '○'} ${escape(b.text)}</div>`)
            .join('')}${w.partlyRead.length ? `<div class="meta">${w.partlyRead.map(escape).join('、')} 只识别到能确认所属窗口为止（快速预审），其后内容佐证的细则未计入</div>` : ''}</td></tr>`;
        })
        .join('')}</table>`
    : '';
  const title = `<title>申报材料预审报告 — ${escape(result.company.name)}</title>`;
  const body = `<body>
<header><h1>江苏省企业质量信用等级认定 · 申报材料预审报告</h1>
<div><span class="verdict ${result.verdict}">${result.verdict === 'pass' ? '预审通过' : '预审不通过'}</span> ${errors} 个错误，${warnings} 条提醒</div>
<div class="meta">申报企业：${escape(result.company.name)}（${escape(result.company.creditCode)}）　申报等级：${escape(result.level)}　申报日期：${escape(result.applicationDate)}　共 ${result.files.length} 个文件</div></header>
<main>
${eligibilitySection(result.eligibility)}
${general.length ? `<h2>整体</h2><div class="general"><ul class="findings">${general.map(findingHtml).join('')}</ul></div>` : ''}
<h2>逐个文件</h2>
${cards.join('\n')}
${windows}
</main></body>`;
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
${title}<style>${await reportFontFace(title + body)}${CSS}</style></head>
${body}</html>
`;
}
