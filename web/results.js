// @ts-check
/**
 * The pre-check's answer, in the wording and look of the HTML report (src/report/html.ts):
 * the verdict, basic eligibility (基本资质) rule by rule, each file with a thumbnail on which the seals and the credit code are boxed,
 * every finding with what to do, misplaced evidence with a one-click move, and the
 * self-assessment per indicator window.
 */
import { h, replaceChildren, svg } from './dom.js';

/**
 * @typedef {import('./slots.js').Entry} Entry
 * @typedef {{x: number, y: number, width: number, height: number}} Box
 * @typedef {{code: string, severity: 'error' | 'warning' | 'info', message: string, action?: string, file?: string, page?: number, box?: Box}} Finding
 * @typedef {{number: number, width: number, height: number, dpi: number, source: string}} PageInfo
 * @typedef {{src: string, width: number, height: number, page: number, pageWidth: number, pageHeight: number}} Thumb
 * @typedef {object} FileResult
 * @property {string} file
 * @property {string} slot
 * @property {string} kind
 * @property {PageInfo[]} pages
 * @property {boolean} misplaced
 * @property {string | null} suggestedSlot
 * @property {{value: string | null, valid: boolean, repaired: boolean, raw: string, page: number, box: Box} | null} creditCode
 * @property {{present: boolean, regions: (Box & {page: number, confidence: number})[], onSealArea: boolean | null}} seal
 * @property {{present: boolean} | null} signature
 * @property {string | null} signedDate
 * @property {{date: string | null, filled: boolean} | null} [signing]
 * @property {{entityType: string | null, legalRepresentative: string | null, establishedOn: string | null, termFrom: string | null, termTo: string | null, termOpen: boolean | null} | null} [licence]
 * @property {{from: string | null, to: string | null, generatedAt: string | null, reportNumber: string | null} | null} report
 * @property {{id: string, confidence: number} | null} window
 * @property {{name: string | null} | null} company
 * @property {Finding[]} findings
 * @property {any} [preview]
 *
 * @typedef {object} CheckResult
 * @property {'pass' | 'fail'} verdict
 * @property {{name: string, creditCode: string}} company
 * @property {string} level
 * @property {string} applicationDate
 * @property {FileResult[]} files
 * @property {Finding[]} findings
 * @property {Eligibility} [eligibility]
 * @property {{id: string, files: string[], bullets: {id: string, text: string, evidenced: boolean, files: string[]}[], partlyRead: string[]}[]} windows
 * @property {number} elapsedMs
 *
 * @typedef {Finding & {rule: string, status: 'met' | 'not-met' | 'unknown', basis: string[], ruleSource: string}} EligibilityReason
 * @typedef {{eligible: boolean, confirmed: boolean, policyYear: number, reasons: EligibilityReason[]}} Eligibility
 *
 * @typedef {object} ResultContext
 * @property {Map<string, Entry>} entryByName
 * @property {(slot: string) => string} slotName
 * @property {(id: string) => {points: number, category?: string} | undefined} windowInfo
 * @property {(entryId: string, slot: string) => void} onMove
 * @property {(slot: string) => boolean} canMove whether the form has that slot at this level
 * @property {(url: string) => void} track object URLs to revoke on the next render
 */

export const KIND_NAMES = /** @type {Record<string, string>} */ ({
  'business-license': '营业执照',
  pledge: '承诺书',
  'credit-report': '专项信用报告',
  evidence: '证明材料',
  unknown: '无法识别',
});

const SEVERITY = {
  error: { icon: '✗', label: '错误' },
  warning: { icon: '!', label: '提醒' },
  info: { icon: 'i', label: '提示' },
};

/** @param {Finding} f */
export function findingItem(f) {
  const severity = SEVERITY[f.severity] ?? SEVERITY.info;
  return h(
    'li',
    { class: `finding ${f.severity}`, 'data-code': f.code },
    h('span', { class: 'icon', 'aria-hidden': 'true' }, severity.icon),
    h(
      'div',
      null,
      h('div', { class: 'msg' }, h('span', { class: 'sr-only' }, `${severity.label}：`), f.message, f.page ? h('span', { class: 'where' }, `第${f.page}页`) : null),
      f.action ? h('div', { class: 'action' }, h('b', null, '怎么办：'), f.action) : null,
      h('div', { class: 'code' }, f.code),
    ),
  );
}

/**
 * Findings with the same code and the same advice, as one item: six missing windows read
 * better as one list than as six boxes that each say 请按通知要求补充上传该材料.
 * @param {Finding[]} findings
 * @returns {Finding[][]}
 */
function groupFindings(findings) {
  /** @type {Map<string, Finding[]>} */
  const groups = new Map();
  for (const f of findings) {
    const key = `${f.severity}|${f.code}|${f.action ?? ''}|${f.page ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  return [...groups.values()];
}

/** @param {Finding[]} group */
function findingGroup(group) {
  const first = /** @type {Finding} */ (group[0]);
  if (group.length === 1) return findingItem(first);
  const severity = SEVERITY[first.severity] ?? SEVERITY.info;
  return h(
    'li',
    { class: `finding ${first.severity}`, 'data-code': first.code },
    h('span', { class: 'icon', 'aria-hidden': 'true' }, severity.icon),
    h(
      'div',
      null,
      h('span', { class: 'sr-only' }, `${group.length} 条${severity.label}：`),
      h('ul', { class: 'msgs' }, group.map((f) => h('li', { class: 'msg' }, f.message))),
      first.action ? h('div', { class: 'action' }, h('b', null, '怎么办：'), first.action) : null,
      h('div', { class: 'code' }, first.code),
    ),
  );
}

/** The rules' names (RULE_NAMES in src/report/html.ts). */
const RULE_NAMES = /** @type {Record<string, string>} */ ({
  jiangsu: '江苏省登记',
  legalPerson: '独立法人资格',
  years: '正常经营年限',
  licence: '营业执照有效',
  ladder: '等级逐级申报',
  publicCredit: '公共信用状况',
});

/** @param {EligibilityReason} r */
function ruleMark(r) {
  if (r.status === 'met') return { mark: '✓', cls: 'met', label: '符合' };
  if (r.severity === 'error') return { mark: '✗', cls: 'error', label: '不符合' };
  if (r.severity === 'warning') return { mark: '?', cls: 'warning', label: '待确认' };
  return { mark: '·', cls: 'info', label: '待核实' };
}

/** @param {{code: string, message: string}} f */
const eligibilityKey = (f) => `${f.code}\u0000${f.message}`;

/**
 * A met rule's message starts with the rule's name, which the row already shows.
 * @param {EligibilityReason} r
 */
function withoutRuleName(r) {
  const prefix = `${RULE_NAMES[r.rule] ?? r.rule}：`;
  return r.message.startsWith(prefix) ? r.message.slice(prefix.length) : r.message;
}

/** @param {EligibilityReason} r */
function eligibilityRow(r) {
  const { mark, cls, label } = ruleMark(r);
  const where = [r.file, r.page ? `第${r.page}页` : ''].filter(Boolean).join(' ');
  return h(
    'tr',
    { class: `rule ${cls}`, 'data-rule': r.rule, 'data-code': r.code },
    h('td', { class: 'mark', 'aria-hidden': 'true' }, mark),
    h('th', { scope: 'row' }, RULE_NAMES[r.rule] ?? r.rule, h('div', { class: 'state' }, label)),
    h(
      'td',
      null,
      h('div', { class: 'msg' }, withoutRuleName(r), where ? h('span', { class: 'where' }, where) : null),
      r.action ? h('div', { class: 'action' }, h('b', null, '怎么办：'), r.action) : null,
      r.basis.length ? h('ul', { class: 'basis', 'aria-label': '判断依据' }, r.basis.map((b) => h('li', null, b))) : null,
      r.ruleSource ? h('div', { class: 'source' }, `依据：${r.ruleSource}`) : null,
    ),
  );
}

/**
 * Whether the company may apply at all: the verdict, what to check, and one row per rule.
 * @param {Eligibility} e
 */
function eligibilityBlock(e) {
  /** @param {EligibilityReason[]} rs */
  const names = (rs) => rs.map((r) => RULE_NAMES[r.rule] ?? r.rule).join('、');
  const broken = e.reasons.filter((r) => r.status !== 'met' && r.severity === 'error');
  const open = e.reasons.filter((r) => r.status !== 'met' && r.severity !== 'error');
  const [cls, verdict] = !e.eligible ? ['fail', '不符合申报条件'] : e.confirmed ? ['pass', '可以申报'] : ['pending', '尚待确认'];
  const met = e.reasons.filter((r) => r.status === 'met').length;
  return h(
    'section',
    { class: 'eligibility', id: 'eligibility', 'aria-labelledby': 'h-eligibility' },
    h('h3', { id: 'h-eligibility' }, '基本资质 ', h('span', { class: 'hint', lang: 'en' }, 'Basic eligibility')),
    h(
      'div',
      { class: `elig-verdict ${cls}` },
      h('strong', null, verdict),
      h('span', { class: 'meta' }, `${e.policyYear}年度申报条件 ${e.reasons.length} 项，已确认符合 ${met} 项`),
      broken.length ? h('div', { class: 'elig-todo bad' }, `不符合：${names(broken)}`) : null,
      open.length ? h('div', { class: 'elig-todo' }, `请核对：${names(open)}（见下表“怎么办”）`) : null,
    ),
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'elig' },
        h('caption', { class: 'sr-only' }, '基本资质各项条件'),
        h('thead', null, h('tr', null, h('th', { scope: 'col' }, h('span', { class: 'sr-only' }, '情况')), h('th', { scope: 'col' }, '条件'), h('th', { scope: 'col' }, '情况、怎么办与判断依据'))),
        h('tbody', null, e.reasons.map(eligibilityRow)),
      ),
    ),
  );
}

/** @param {FileResult} file */
function fileStatus(file) {
  if (file.misplaced) return 'bad';
  if (file.findings.some((f) => f.severity === 'error')) return 'bad';
  if (file.findings.some((f) => f.severity === 'warning')) return 'warn';
  return 'ok';
}

/**
 * The thumbnail: the server's preview when it sent one (a data URI of the page the boxes are
 * on), otherwise the uploaded image itself. PDFs without a preview get none: the browser has
 * no PDF rasteriser the page may use under its CSP.
 * @param {FileResult} file
 * @param {Entry | undefined} entry
 * @param {ResultContext} ctx
 * @returns {Thumb | null}
 */
function thumbOf(file, entry, ctx) {
  const preview = file.preview;
  const fallbackPage = file.creditCode?.page ?? file.seal.regions[0]?.page ?? 1;
  if (preview && typeof preview === 'object') {
    const src = preview.dataUri ?? preview.uri ?? preview.src ?? preview.url;
    const pageNumber = preview.page ?? fallbackPage;
    const page = file.pages.find((p) => p.number === pageNumber);
    if (typeof src === 'string' && page) {
      return { src, width: preview.width, height: preview.height, page: pageNumber, pageWidth: page.width, pageHeight: page.height };
    }
  }
  const page = file.pages.find((p) => p.number === 1);
  if (entry && page && file.pages.length === 1 && /^image\/(jpeg|png|webp)$/.test(entry.file.type)) {
    const src = URL.createObjectURL(entry.file);
    ctx.track(src);
    const scale = 320 / page.width;
    return { src, width: 320, height: Math.round(page.height * scale), page: 1, pageWidth: page.width, pageHeight: page.height };
  }
  return null;
}

/**
 * Boxes are drawn in page pixels: the SVG's viewBox is the page, so no scale is needed and
 * they stay on the seal at any displayed size.
 * @param {FileResult} file
 * @param {Thumb} thumb
 */
function thumbFigure(file, thumb) {
  /** @type {SVGElement[]} */
  const boxes = [];
  /**
   * @param {Box} b
   * @param {string} cls
   * @param {string} label
   */
  const rect = (b, cls, label) => {
    // A little outside the region, with a white halo: a red box on a red seal is otherwise hard to see.
    const pad = thumb.pageWidth * 0.012;
    const at = { x: b.x - pad, y: b.y - pad, width: b.width + 2 * pad, height: b.height + 2 * pad, 'vector-effect': 'non-scaling-stroke' };
    return svg('g', { class: cls }, svg('title', null, label), svg('rect', { ...at, class: 'halo' }), svg('rect', { ...at, class: 'box' }));
  };
  const seals = file.seal.regions.filter((r) => r.page === thumb.page);
  for (const seal of seals) boxes.push(rect(seal, 'seal', `印章（置信度 ${seal.confidence.toFixed(2)}）`));
  const code = file.creditCode && file.creditCode.page === thumb.page ? file.creditCode : null;
  if (code) boxes.push(rect(code.box, 'code', `统一社会信用代码 ${code.value}`));
  const described = [seals.length ? `${seals.length} 枚印章` : '', code ? '信用代码' : ''].filter(Boolean).join('和');
  return h(
    'figure',
    { class: 'thumb' },
    h(
      'div',
      { class: 'frame' },
      h('img', { src: thumb.src, width: thumb.width, height: thumb.height, alt: `第${thumb.page}页缩略图${described ? `，已框出${described}` : ''}` }),
      svg('svg', { viewBox: `0 0 ${thumb.pageWidth} ${thumb.pageHeight}`, preserveAspectRatio: 'none', 'aria-hidden': 'true', focusable: 'false' }, boxes),
    ),
    h(
      'figcaption',
      { class: 'legend' },
      file.pages.length > 1 ? `第${thumb.page}页 / 共${file.pages.length}页 ` : '',
      h('span', { class: 'k seal' }),
      '印章 ',
      h('span', { class: 'k code' }),
      '信用代码',
    ),
  );
}

/**
 * @param {FileResult} file
 * @param {ResultContext} ctx
 * @param {string} id
 */
function fileCard(file, ctx, id) {
  const entry = ctx.entryByName.get(file.file);
  const thumb = thumbOf(file, entry, ctx);
  /** @type {HTMLElement[]} */
  const facts = [];
  /**
   * @param {string} term
   * @param {...import('./dom.js').Child} value
   */
  const fact = (term, ...value) => facts.push(h('dt', null, term), h('dd', null, ...value));
  fact('识别为', KIND_NAMES[file.kind] ?? file.kind);
  if (file.pages.length) fact('页数', `${file.pages.length} 页${file.pages.some((p) => p.source === 'ocr') ? '（扫描件，已识别文字）' : ''}`);
  if (file.creditCode) {
    fact(
      '信用代码',
      h('span', { class: 'mono' }, file.creditCode.value ?? `“${file.creditCode.raw}”（不是18位代码）`),
      ' ',
      file.creditCode.valid ? (file.creditCode.repaired ? h('small', null, `（由“${file.creditCode.raw}”校正）`) : null) : h('b', { class: 'bad' }, '无效'),
    );
  }
  if (file.company?.name) fact('企业名称', file.company.name);
  if (file.pages.length) fact('印章', file.seal.present ? `有 ${file.seal.regions.length} 枚` : h('b', { class: 'bad' }, '未发现'));
  if (file.signature) {
    fact('签字', file.signature.present ? '有' : h('b', { class: 'bad' }, '未发现'));
    fact('签署日期', file.signedDate ?? (file.signing?.filled ? '已填写，未能识别' : '未填写'));
  }
  if (file.licence) {
    const l = file.licence;
    fact('类型', l.entityType ?? '未识别');
    fact('法定代表人', l.legalRepresentative ?? '未识别');
    fact('成立日期', l.establishedOn ?? '未识别');
    fact('营业期限', l.termOpen === null ? '未识别' : `${l.termFrom ?? '?'} 至 ${l.termOpen ? '长期' : (l.termTo ?? '?')}`);
  }
  if (file.report) {
    fact('查询时间段', `${file.report.from ?? '?'} 至 ${file.report.to ?? '?'}`);
    fact('报告生成', file.report.generatedAt ?? '?');
    fact('报告编号', h('span', { class: 'mono' }, file.report.reportNumber ?? '?'));
  }
  if (file.window) fact('内容属于', `${ctx.slotName(file.window.id)}（${Math.round(file.window.confidence * 100)}%）`);

  const target = file.suggestedSlot;
  const move = file.misplaced
    ? h(
        'div',
        { class: 'misplaced' },
        h('p', null, target ? ['放错了位置：内容更符合「', h('b', null, ctx.slotName(target)), '」。'] : '放错了位置，但无法判断应放在哪个窗口，请对照评分细则确认。'),
        target && entry && ctx.canMove(target)
          ? h('button', { type: 'button', class: 'primary small move', 'data-move': target, onclick: () => ctx.onMove(entry.id, target) }, `移至「${ctx.slotName(target)}」`)
          : null,
      )
    : null;

  const titleId = `${id}-title`;
  return h(
    'article',
    { class: `file status-${fileStatus(file)}`, id, 'aria-labelledby': titleId, 'data-file': file.file },
    thumb ? thumbFigure(file, thumb) : h('div', { class: 'thumb nothumb' }, h('span', null, file.pages.length ? '无预览' : '无法读取')),
    h(
      'div',
      { class: 'body' },
      h('h4', { id: titleId }, h('span', { class: 'fname' }, file.file), h('span', { class: 'in-slot' }, `上传位置：${ctx.slotName(file.slot)}`)),
      move,
      h('dl', null, facts),
      file.findings.length ? h('ul', { class: 'findings' }, file.findings.map(findingItem)) : h('p', { class: 'fine' }, '✓ 未发现问题'),
    ),
  );
}

/**
 * @param {CheckResult} result
 * @param {ResultContext} ctx
 */
function windowsTable(result, ctx) {
  if (!result.windows.length) return null;
  const misplaced = new Set(result.files.filter((f) => f.misplaced).map((f) => f.file));
  return h(
    'section',
    { class: 'assessment', 'aria-labelledby': 'h-assessment' },
    h('h3', { id: 'h-assessment' }, '指标窗口自评 ', h('span', { class: 'hint' }, '（✓ 表示已放入的材料似可佐证该条评分细则，仅供参考，以评审为准）')),
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        null,
        h('caption', { class: 'sr-only' }, '各指标窗口的证明材料和评分细则自评'),
        h('thead', null, h('tr', null, h('th', { scope: 'col' }, '指标窗口'), h('th', { scope: 'col' }, '分值'), h('th', { scope: 'col' }, '已放入的文件'), h('th', { scope: 'col' }, '评分细则'))),
        h(
          'tbody',
          null,
          result.windows.map((w) => {
            const covered = w.bullets.filter((b) => b.evidenced).length;
            return h(
              'tr',
              { 'data-window': w.id },
              h('th', { scope: 'row' }, ctx.slotName(w.id), h('div', { class: 'covered' }, `已佐证 ${covered}/${w.bullets.length} 条`)),
              h('td', { class: 'num' }, String(ctx.windowInfo(w.id)?.points ?? '')),
              h(
                'td',
                null,
                w.files.length
                  ? w.files.map((name) => h('div', { class: misplaced.has(name) ? 'bad' : '' }, name, misplaced.has(name) ? '（传错窗口，不得分）' : ''))
                  : h('span', { class: 'bad' }, '无'),
              ),
              h(
                'td',
                null,
                h(
                  'ul',
                  { class: 'bullet-check' },
                  w.bullets.map((b) =>
                    h(
                      'li',
                      { class: b.evidenced ? 'yes' : 'no' },
                      h('span', { class: 'mark', 'aria-hidden': 'true' }, b.evidenced ? '✓' : '○'),
                      h('span', { class: 'sr-only' }, b.evidenced ? '已佐证：' : '未佐证：'),
                      b.text,
                    ),
                  ),
                ),
              ),
            );
          }),
        ),
      ),
    ),
  );
}

/**
 * Links to the files that need work, right under the verdict: on a laptop screen only a card
 * or two fit, and the one with the problem may be the ninth.
 * @param {CheckResult} result
 * @param {(file: FileResult) => string} cardId
 */
function problemLinks(result, cardId) {
  const needing = result.files.filter((f) => fileStatus(f) !== 'ok');
  if (!needing.length) return null;
  return h(
    'nav',
    { class: 'todo', 'aria-label': '需要处理的文件' },
    h('span', { class: 'todo-label' }, '需要处理：'),
    needing.map((f) => {
      const errors = f.findings.filter((x) => x.severity === 'error').length;
      const warnings = f.findings.filter((x) => x.severity === 'warning').length;
      const what = f.misplaced ? '放错窗口' : errors ? `${errors} 个错误` : `${warnings} 条提醒`;
      return h('a', { href: `#${cardId(f)}`, class: `todo-link ${fileStatus(f)}` }, f.file, h('small', null, `（${what}）`));
    }),
  );
}

/**
 * @param {HTMLElement} container
 * @param {CheckResult} result
 * @param {ResultContext} ctx
 * @param {(file: FileResult) => string} cardId
 */
export function renderResults(container, result, ctx, cardId) {
  const errors = result.findings.filter((f) => f.severity === 'error').length;
  const warnings = result.findings.filter((f) => f.severity === 'warning').length;
  // The eligibility block shows its reasons; the general list does not say them twice.
  const eligibilityShown = new Set((result.eligibility?.reasons ?? []).map(eligibilityKey));
  const general = result.findings.filter((f) => !f.file && !eligibilityShown.has(eligibilityKey(f)));
  const pass = result.verdict === 'pass';
  replaceChildren(
    container,
    h(
      'div',
      { class: `verdict-banner ${result.verdict}`, id: 'verdict' },
      h('span', { class: 'verdict-icon', 'aria-hidden': 'true' }, pass ? '✓' : '✗'),
      h(
        'div',
        null,
        h('div', { class: 'verdict-line' }, h('strong', null, pass ? '预审通过' : '预审不通过'), `　${errors} 个错误，${warnings} 条提醒`),
        h(
          'div',
          { class: 'meta' },
          `申报企业：${result.company.name}（${result.company.creditCode}）　申报等级：${result.level}　申报日期：${result.applicationDate}　共 ${result.files.length} 个文件　用时 ${(result.elapsedMs / 1000).toFixed(1)} 秒`,
        ),
      ),
    ),
    result.eligibility ? eligibilityBlock(result.eligibility) : null,
    problemLinks(result, cardId),
    general.length ? h('section', { class: 'general', 'aria-labelledby': 'h-general' }, h('h3', { id: 'h-general' }, '整体'), h('ul', { class: 'findings' }, groupFindings(general).map(findingGroup))) : null,
    h('h3', null, '逐个文件'),
    result.files.map((file) => fileCard(file, ctx, cardId(file))),
    windowsTable(result, ctx),
  );
}
