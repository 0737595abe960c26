// @ts-check
/**
 * The upload slots: the three materials every level needs and, for AA/AAA, the 11 indicator
 * windows of 附件2. Each slot takes files by drag-and-drop or through its own button, so a
 * keyboard user reaches every slot with Tab.
 */
import { h, formatSize } from './dom.js';

/**
 * @typedef {object} Entry A file the applicant put into a slot
 * @property {string} id
 * @property {File} file
 * @property {string} name the name sent to the server (unique within the submission)
 * @property {string} slot
 *
 * @typedef {object} SlotSpec
 * @property {string} id
 * @property {string} title
 * @property {string} [hint]
 * @property {number} [points]
 * @property {{id: string, text: string}[]} [bullets]
 * @property {boolean} [explanation] whether the slot has a 指标说明 box (indicator windows)
 *
 * @typedef {object} SlotView
 * @property {HTMLElement} el
 * @property {HTMLUListElement} list
 * @property {HTMLElement} hint
 * @property {HTMLElement} title
 * @property {HTMLTextAreaElement | null} explanation
 * @property {HTMLButtonElement} button
 *
 * @typedef {{status: 'ok' | 'warn' | 'bad' | 'misplaced', label: string, target: string}} EntryStatus
 */

const ACCEPT = '.pdf,.jpg,.jpeg,.png,.tif,.tiff,.webp,application/pdf,image/*';

/**
 * @param {SlotSpec} spec
 * @param {{onAdd: (slot: string, files: File[]) => void, onExplain?: (slot: string, text: string) => void}} handlers
 * @returns {SlotView}
 */
export function createSlot(spec, handlers) {
  const titleId = `slot-${spec.id}-title`;
  const input = h('input', {
    type: 'file',
    multiple: true,
    accept: ACCEPT,
    class: 'file-input',
    tabindex: -1,
    'aria-hidden': 'true',
    'data-slot': spec.id,
    id: `input-${spec.id}`,
  });
  const button = h('button', { type: 'button', class: 'choose', 'aria-label': `选择文件放入「${spec.title}」` }, '选择文件');
  button.addEventListener('click', () => input.click());
  input.addEventListener('change', () => {
    const files = [...(input.files ?? [])];
    input.value = '';
    if (files.length) handlers.onAdd(spec.id, files);
  });

  const list = h('ul', { class: 'files', 'aria-label': `「${spec.title}」中的文件` });
  const hint = h('p', { class: 'hint slot-hint' }, spec.hint ?? '');
  const title = h('h4', { id: titleId }, spec.title);

  /** @type {HTMLTextAreaElement | null} */
  let explanation = null;
  if (spec.explanation) {
    explanation = h('textarea', { rows: 4, maxlength: 5000, id: `explain-${spec.id}`, placeholder: '如：设立风险管理委员会，制定《质量信用风险管理办法》……' });
    const box = explanation;
    box.addEventListener('input', () => handlers.onExplain?.(spec.id, box.value));
  }

  const el = h(
    'div',
    { class: `slot${spec.points ? ' window' : ''}`, id: `slot-${spec.id}`, 'data-slot': spec.id, role: 'group', 'aria-labelledby': titleId },
    h('div', { class: 'slot-head' }, title, spec.points ? h('span', { class: 'points' }, `${spec.points}分`) : null),
    hint,
    spec.bullets?.length
      ? h(
          'details',
          { class: 'bullets' },
          h('summary', null, `评分细则（${spec.bullets.length}条）`),
          h('ul', null, spec.bullets.map((b) => h('li', { 'data-bullet': b.id }, b.text))),
        )
      : null,
    h('div', { class: 'drop' }, h('span', { class: 'drop-text', 'aria-hidden': 'true' }, '拖入文件，或'), button, input),
    list,
    explanation
      ? h('details', { class: 'explain' }, h('summary', null, '指标说明（写入申报汇总）'), h('label', { class: 'sr-only', for: explanation.id }, `「${spec.title}」的指标说明`), explanation)
      : null,
  );

  // The whole card takes drops: aiming at a small zone inside a long list of windows is fiddly.
  let depth = 0;
  el.addEventListener('dragenter', (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    depth++;
    el.classList.add('dragover');
  });
  el.addEventListener('dragover', (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
  });
  el.addEventListener('dragleave', () => {
    depth = Math.max(0, depth - 1);
    if (!depth) el.classList.remove('dragover');
  });
  el.addEventListener('drop', (event) => {
    event.preventDefault();
    depth = 0;
    el.classList.remove('dragover');
    const files = [...(event.dataTransfer?.files ?? [])];
    if (files.length) handlers.onAdd(spec.id, files);
  });

  return { el, list, hint, title, explanation, button };
}

/** @param {DragEvent} event */
function hasFiles(event) {
  return [...(event.dataTransfer?.types ?? [])].includes('Files');
}

const STATUS_TEXT = { ok: '✓', warn: '!', bad: '×', misplaced: '移' };

/**
 * @param {SlotView} view
 * @param {Entry[]} entries
 * @param {Map<string, EntryStatus>} statuses
 * @param {{onRemove: (id: string) => void}} handlers
 */
export function renderSlotFiles(view, entries, statuses, handlers) {
  view.el.classList.toggle('filled', entries.length > 0);
  view.list.replaceChildren(
    ...entries.map((entry) => {
      const status = statuses.get(entry.id);
      return h(
        'li',
        { 'data-entry': entry.id },
        status
          ? h('a', { class: `chip ${status.status}`, href: `#${status.target}`, title: status.label }, h('span', { 'aria-hidden': 'true' }, STATUS_TEXT[status.status]), h('span', { class: 'sr-only' }, `${status.label}，查看结果`))
          : null,
        h('span', { class: 'fname', title: entry.name }, entry.name),
        h('span', { class: 'size' }, formatSize(entry.file.size)),
        h('button', { type: 'button', class: 'remove', 'aria-label': `移除 ${entry.name}`, title: '移除', onclick: () => handlers.onRemove(entry.id) }, '×'),
      );
    }),
  );
}
