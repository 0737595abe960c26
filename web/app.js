// @ts-check
/**
 * The page's controller: the catalogue from the server, the files the applicant put into
 * slots, the pre-check run with its progress, the results, and the downloads.
 */
import { ApiError, getCatalogue, getFeatures, postCheck, postDocument, setApiKey } from './api.js';
import { companyData, companyFieldValues, forget, loadSaved, missingCompanyFields, restoreCompany, save, setUpCreditCode } from './company.js';
import { byId, field, formatSize, h, today } from './dom.js';
import { renderResults } from './results.js';
import { createSlot, renderSlotFiles } from './slots.js';

/**
 * @typedef {import('./slots.js').Entry} Entry
 * @typedef {import('./slots.js').SlotView} SlotView
 * @typedef {import('./slots.js').EntryStatus} EntryStatus
 * @typedef {import('./results.js').CheckResult} CheckResult
 * @typedef {{id: string, name: string, note?: string}} Material
 * @typedef {{id: string, description: string, rolling: boolean, window: {from: string, to: string} | null, creditReportYears: number, needsEvidence: boolean, materials: Material[]}} LevelInfo
 * @typedef {{id: string, name: string, category: string, points: number, bullets: {id: string, text: string}[]}} WindowInfo
 * @typedef {{id: string, order: number, name: string, points: number}} CategoryInfo
 * @typedef {{levels: LevelInfo[], windows: WindowInfo[], categories: CategoryInfo[]}} Catalogue
 */

const BASE_SLOT_NAMES = /** @type {Record<string, string>} */ ({ 'business-license': '营业执照', pledge: '承诺书（附件1）', 'credit-report': '专项信用报告' });
const BASE_SLOT_IDS = Object.keys(BASE_SLOT_NAMES);

const state = {
  /** @type {Catalogue | null} */
  catalogue: null,
  level: 'AA',
  /** @type {Entry[]} */
  entries: [],
  /** @type {CheckResult | null} */
  result: null,
  /** What the result was computed from, to tell when it no longer matches the form. */
  resultKey: '',
  /** @type {Map<string, Entry>} names sent in the last run → entries */
  resultEntries: new Map(),
  /** @type {{abort: () => void} | null} */
  running: null,
  /** @type {Record<string, string>} */
  explanations: {},
  nextId: 1,
  /** @type {string | null} the /v1/check query parameter that asks for thumbnails */
  previewParam: null,
};

/** @type {Map<string, SlotView>} */
const slots = new Map();
/** @type {string[]} object URLs of the current thumbnails */
let objectUrls = [];

// ---------------------------------------------------------------- catalogue

/**
 * GET /v1/catalogue (catalogueSchema in src/server/schemas.ts), in the shape the page uses.
 * @param {any} raw
 * @returns {Catalogue}
 */
function normalizeCatalogue(raw) {
  return {
    levels: raw.levels.map((/** @type {any} */ l) => ({
      id: l.id,
      description: l.description,
      rolling: l.submission === 'rolling',
      window: l.window,
      creditReportYears: l.creditReportYears,
      needsEvidence: l.needsIndicatorEvidence,
      materials: l.materials.map((/** @type {any} */ m) => ({ id: m.id, name: m.name, note: m.note ?? undefined })),
    })),
    windows: raw.indicators.map((/** @type {any} */ w) => ({
      id: w.id,
      name: w.name,
      category: w.category,
      points: w.points,
      bullets: w.bullets.map((/** @type {any} */ b) => ({ id: b.id, text: b.text })),
    })),
    categories: raw.categories.map((/** @type {any} */ c) => ({ id: c.id, order: c.order, name: c.name, points: c.points })),
  };
}

/** @param {string} slot */
function slotName(slot) {
  return BASE_SLOT_NAMES[slot]?.replace('（附件1）', '') ?? state.catalogue?.windows.find((w) => w.id === slot)?.name ?? slot;
}

/** @param {string} monthDay 'MM-DD' */
const chineseDay = (monthDay) => `${Number(monthDay.slice(0, 2))}月${Number(monthDay.slice(3))}日`;

function currentLevel() {
  return state.catalogue?.levels.find((l) => l.id === state.level) ?? null;
}

// ---------------------------------------------------------------- building the form

function buildLevels() {
  const container = byId('level-options');
  const levels = state.catalogue?.levels ?? [];
  if (!levels.some((l) => l.id === state.level)) state.level = levels.find((l) => l.id === 'AA')?.id ?? levels[0]?.id ?? 'A';
  container.replaceChildren(
    ...levels.map((level) => {
      const needs = level.materials.map((m) =>
        m.id === 'indicator-evidence' ? '附件2 指标证明材料（11个窗口）' : m.id === 'pledge' ? '申报承诺书（附件1）' : m.name,
      );
      const mode = level.rolling ? '实时申报，随时可报' : level.window ? `集中申报，${chineseDay(level.window.from)}至${chineseDay(level.window.to)}` : '';
      const id = `level-${level.id}`;
      return h(
        'label',
        { class: 'level-option', for: id },
        h('input', { type: 'radio', name: 'level', value: level.id, id, checked: level.id === state.level, 'aria-describedby': `${id}-needs` }),
        h('span', { class: 'level-name' }, `${level.id}级`),
        h('span', { class: 'level-mode' }, mode),
        h('span', { class: 'level-needs', id: `${id}-needs` }, `需上传：${needs.join('、')}`),
      );
    }),
  );
  container.addEventListener('change', (event) => {
    const target = /** @type {HTMLInputElement} */ (event.target);
    if (target.name !== 'level') return;
    state.level = target.value;
    applyLevel();
    persist();
    refresh();
  });
}

/**
 * @param {string} id
 * @returns {import('./slots.js').SlotSpec}
 */
function baseSlotSpec(id) {
  return { id, title: BASE_SLOT_NAMES[id] ?? id };
}

function buildSlots() {
  const handlers = { onAdd: addFiles, onExplain: setExplanation };
  const base = byId('base-slots');
  for (const id of BASE_SLOT_IDS) {
    const view = createSlot(baseSlotSpec(id), handlers);
    slots.set(id, view);
    base.append(view.el);
  }
  const groups = byId('window-groups');
  const catalogue = /** @type {Catalogue} */ (state.catalogue);
  for (const category of [...catalogue.categories].sort((a, b) => a.order - b.order)) {
    const windows = catalogue.windows.filter((w) => w.category === category.id);
    const grid = h('div', { class: 'slots windows-grid' });
    for (const w of windows) {
      const view = createSlot({ id: w.id, title: w.name, points: w.points, bullets: w.bullets, explanation: true }, handlers);
      if (view.explanation) view.explanation.value = state.explanations[w.id] ?? '';
      slots.set(w.id, view);
      grid.append(view.el);
    }
    groups.append(
      h(
        'section',
        { class: 'category', 'aria-labelledby': `cat-${category.id}` },
        h('h4', { class: 'category-title', id: `cat-${category.id}` }, `${category.order}．${category.name}`, h('span', { class: 'points' }, `${category.points}分`)),
        grid,
      ),
    );
  }
}

/** Texts that depend on the level: the credit report's years, the windows, the date check. */
function applyLevel() {
  const level = currentLevel();
  const needsEvidence = level?.needsEvidence ?? state.level !== 'A';
  byId('windows').hidden = !needsEvidence;
  const years = level?.creditReportYears ?? 3;
  const report = level?.materials.find((m) => m.id === 'credit-report');
  const hints = /** @type {Record<string, string>} */ ({
    'business-license': '营业执照（副本）扫描件或电子营业执照，统一社会信用代码要清晰可见。',
    pledge: '法定代表人签字、加盖公章后扫描。还没有的话，可在下方「生成与下载」下载已填好的承诺书。',
    'credit-report': `${report?.name ?? (years === 1 ? '近一年的专项信用报告' : '近三年的专项信用报告')}：${report?.note ?? '登录信用江苏官网，进入“信用服务 - 专项信用报告申请”，查询领域勾选“全选”，简易处罚选择“是”'}。`,
  });
  for (const id of BASE_SLOT_IDS) slots.get(id)?.hint.replaceChildren(hints[id] ?? '');
  checkDate();
}

function checkDate() {
  const input = field('application-date');
  const msg = byId('application-date-msg');
  const level = currentLevel();
  const date = input.value;
  if (!date) {
    msg.className = 'msg bad';
    msg.textContent = '请填写申报日期';
    return;
  }
  if (level?.window) {
    const md = date.slice(5);
    const inside = md >= level.window.from && md <= level.window.to;
    msg.className = inside ? 'msg hint' : 'msg warn';
    msg.textContent = inside
      ? `${level.id}级集中申报期：${chineseDay(level.window.from)}至${chineseDay(level.window.to)}`
      : `该日期不在${level.id}级集中申报期（${chineseDay(level.window.from)}至${chineseDay(level.window.to)}）内`;
  } else {
    msg.className = 'msg hint';
    msg.textContent = level ? 'A级实时申报，随时可以提交' : '';
  }
}

// ---------------------------------------------------------------- files in slots

/**
 * Names must be unique in one submission: the server matches files by name.
 * @param {string} name
 */
function uniqueName(name) {
  const taken = new Set(state.entries.map((e) => e.name));
  if (!taken.has(name)) return name;
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 ? name.slice(0, dot) : name;
  const ext = dot > 0 ? name.slice(dot) : '';
  for (let i = 2; ; i++) {
    const candidate = `${stem}（${i}）${ext}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/**
 * @param {string} slot
 * @param {File[]} files
 */
function addFiles(slot, files) {
  for (const file of files) state.entries.push({ id: `f${state.nextId++}`, file, name: uniqueName(file.name), slot });
  refresh();
  announce(`已将 ${files.length} 个文件放入「${slotName(slot)}」`);
}

/** @param {string} id */
function removeEntry(id) {
  const entry = state.entries.find((e) => e.id === id);
  if (!entry) return;
  state.entries = state.entries.filter((e) => e !== entry);
  refresh();
  // The removed row's button is gone; keep the keyboard user in the same slot.
  slots.get(entry.slot)?.button.focus();
  announce(`已移除 ${entry.name}`);
}

/**
 * @param {string} id
 * @param {string} slot
 */
function moveEntry(id, slot) {
  const entry = state.entries.find((e) => e.id === id);
  if (!entry || !slots.has(slot)) return;
  entry.slot = slot;
  refresh();
  announce(`已将 ${entry.name} 移至「${slotName(slot)}」，正在重新预审`);
  void runCheck();
}

/**
 * @param {string} slot
 * @param {string} text
 */
function setExplanation(slot, text) {
  state.explanations[slot] = text;
  persist();
}

/** Entries that go with this level: A uploads no indicator evidence. */
function activeEntries() {
  const level = currentLevel();
  const needsEvidence = level?.needsEvidence ?? state.level !== 'A';
  return state.entries.filter((e) => needsEvidence || BASE_SLOT_IDS.includes(e.slot));
}

/** Per entry, its result, when the last run saw it in the same slot. */
function entryStatuses() {
  /** @type {Map<string, EntryStatus>} */
  const statuses = new Map();
  if (!state.result) return statuses;
  state.result.files.forEach((file, index) => {
    const entry = state.resultEntries.get(file.file);
    if (!entry || entry.slot !== file.slot || !state.entries.includes(entry)) return;
    const errors = file.findings.filter((f) => f.severity === 'error').length;
    const warnings = file.findings.filter((f) => f.severity === 'warning').length;
    /** @type {EntryStatus['status']} */
    const status = file.misplaced ? 'misplaced' : errors ? 'bad' : warnings ? 'warn' : 'ok';
    const label = file.misplaced ? '放错了窗口' : errors ? `${errors} 个错误` : warnings ? `${warnings} 条提醒` : '未发现问题';
    statuses.set(entry.id, { status, label, target: cardId(index) });
  });
  return statuses;
}

/** @param {number} index */
const cardId = (index) => `result-file-${index + 1}`;

function formKey() {
  return JSON.stringify([
    state.level,
    field('company-name').value.trim(),
    field('credit-code').value.trim(),
    field('application-date').value,
    ratingInputs().level.value,
    ratingInputs().since.value,
    activeEntries().map((e) => [e.id, e.slot]),
  ]);
}

/** Re-renders what depends on the entries: slot lists, the count, the stale notice. */
function refresh() {
  const statuses = entryStatuses();
  for (const [id, view] of slots) {
    renderSlotFiles(
      view,
      state.entries.filter((e) => e.slot === id),
      statuses,
      { onRemove: removeEntry },
    );
  }
  const active = activeEntries();
  const left = state.entries.length - active.length;
  const bytes = active.reduce((sum, e) => sum + e.file.size, 0);
  byId('file-count').textContent = [
    active.length ? `已放入 ${active.length} 个文件，共 ${formatSize(bytes)}` : '',
    left ? `指标窗口中的 ${left} 个文件不随${state.level}级申报上传` : '',
  ]
    .filter(Boolean)
    .join('；');
  const stale = document.getElementById('stale-note');
  if (stale) stale.hidden = !state.result || state.resultKey === formKey();
}

// ---------------------------------------------------------------- status and progress

const statusEl = () => byId('status');

/** @param {string} text */
function announce(text) {
  statusEl().textContent = text;
  statusEl().className = 'status';
}

/**
 * @param {string} text
 * @param {'error' | 'ok' | ''} [kind]
 */
function setStatus(text, kind = '') {
  statusEl().textContent = text;
  statusEl().className = `status ${kind}`;
}

/** @type {ReturnType<typeof setInterval> | undefined} */
let ticker;

/**
 * @param {'upload' | 'work' | 'idle'} phase
 * @param {number} [percent]
 */
function showProgress(phase, percent) {
  const progress = /** @type {HTMLProgressElement} */ (byId('progress'));
  const elapsed = byId('elapsed');
  progress.hidden = phase === 'idle';
  if (phase === 'upload') {
    progress.value = percent ?? 0;
    elapsed.textContent = `上传 ${Math.round(percent ?? 0)}%`;
  } else if (phase === 'work') {
    // Indeterminate: the server does not report how far the OCR is.
    progress.removeAttribute('value');
    const started = Date.now();
    clearInterval(ticker);
    elapsed.textContent = '已用 0 秒';
    ticker = setInterval(() => {
      elapsed.textContent = `已用 ${Math.round((Date.now() - started) / 1000)} 秒`;
    }, 1000);
  } else {
    clearInterval(ticker);
    elapsed.textContent = '';
  }
}

/** @param {boolean} running */
function setRunning(running) {
  const run = /** @type {HTMLButtonElement} */ (byId('run'));
  run.disabled = running;
  run.textContent = running ? '正在预审…' : state.result ? '重新预审' : '开始预审';
  byId('cancel').hidden = !running;
  for (const button of document.querySelectorAll('button[data-download="report"]')) /** @type {HTMLButtonElement} */ (button).disabled = running;
  document.body.classList.toggle('busy', running);
}

// ---------------------------------------------------------------- the pre-check

/**
 * What the submission needs before it can be checked; focuses the first thing to fix.
 * @returns {boolean}
 */
function readyToCheck() {
  const name = field('company-name');
  const code = field('credit-code');
  const date = field('application-date');
  for (const [el, text] of /** @type {[HTMLInputElement, string][]} */ ([
    [name, '请填写企业名称'],
    [code, '请填写统一社会信用代码'],
    [date, '请填写申报日期'],
  ])) {
    if (!el.value.trim()) {
      setStatus(text, 'error');
      el.focus();
      return false;
    }
  }
  const { level, since } = ratingInputs();
  if (Boolean(level.value) !== Boolean(since.value)) {
    const missing = level.value ? since : level;
    setStatus(level.value ? '请填写现有等级的获评日期，或把现有等级改回“未填写”' : '请选择现有等级，或清空获评日期', 'error');
    missing.setAttribute('aria-invalid', 'true');
    missing.focus();
    return false;
  }
  if (!activeEntries().length) {
    setStatus('请先把要上传的文件放入对应的位置', 'error');
    slots.get('business-license')?.button.focus();
    return false;
  }
  return true;
}

/** The optional current rating: the server checks the level ladder against it. */
function ratingInputs() {
  return { level: /** @type {HTMLSelectElement} */ (byId('current-level')), since: field('current-since') };
}

/** @returns {{level: string, since: string} | null} null unless both are filled */
function currentRating() {
  const { level, since } = ratingInputs();
  return level.value && since.value ? { level: level.value, since: since.value } : null;
}

function submission() {
  const rating = currentRating();
  return {
    company: { name: field('company-name').value.trim(), creditCode: field('credit-code').value.trim() },
    level: state.level,
    applicationDate: field('application-date').value,
    ...(rating ? { currentRating: rating } : {}),
    files: activeEntries().map((e) => ({ path: e.name, slot: e.slot })),
  };
}

function formData() {
  const form = new FormData();
  // The submission first: the server reads the stream in order and must know the slots.
  form.append('submission', JSON.stringify(submission()));
  for (const entry of activeEntries()) form.append('files', entry.file, entry.name);
  return form;
}

/**
 * Uploads the submission and waits for the server; returns the JSON result or the HTML
 * report, or null when it failed (the status line says why) or was cancelled.
 * @param {'json' | 'html'} format
 */
async function upload(format) {
  const entries = activeEntries();
  const count = entries.length;
  setRunning(true);
  setStatus(`正在上传 ${count} 个文件…`);
  showProgress('upload', 0);
  let working = false;
  const startWork = () => {
    if (working) return;
    working = true;
    const scans = entries.filter((e) => /^image\//.test(e.file.type)).length;
    setStatus(`上传完成，正在识别和检查 ${count} 个文件${scans ? `（其中 ${scans} 个扫描件，每页约需 2 秒）` : ''}…`);
    showProgress('work');
  };
  const attempt = () => {
    const call = postCheck(formData(), {
      format,
      previewParam: format === 'json' ? state.previewParam : null,
      onUpload: (loaded, total) => {
        if (!working) showProgress('upload', (loaded / total) * 100);
      },
      onUploaded: startWork,
    });
    state.running = call;
    return call.done;
  };
  try {
    for (let tries = 1; ; tries++) {
      try {
        return { answer: await attempt(), entries };
      } catch (error) {
        // 503 while the OCR engine warms up: worth waiting for, a few times, without a click.
        if (!(error instanceof ApiError) || error.status !== 503 || tries >= 4 || (error.retryAfter ?? 99) > 30) throw error;
        working = false;
        const seconds = error.retryAfter ?? 5;
        setStatus(`${error.message.replace(/（约.*$/, '')}，${seconds} 秒后自动重试…`);
        showProgress('idle');
        await wait(seconds * 1000);
        setStatus(`正在上传 ${count} 个文件…`);
        showProgress('upload', 0);
      }
    }
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') {
      setStatus('已取消预审');
    } else if (error instanceof ApiError) {
      setStatus(error.message, 'error');
      if (error.status === 401) askForKey();
    } else {
      setStatus(`预审失败：${error instanceof Error ? error.message : String(error)}`, 'error');
    }
    return null;
  } finally {
    state.running = null;
    showProgress('idle');
    setRunning(false);
  }
}

/**
 * A pause the cancel button can end.
 * @param {number} ms
 * @returns {Promise<void>}
 */
function wait(ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    state.running = {
      abort: () => {
        clearTimeout(timer);
        reject(new DOMException('已取消', 'AbortError'));
      },
    };
  });
}

async function runCheck() {
  if (state.running || !readyToCheck()) return;
  const key = formKey();
  const done = await upload('json');
  if (!done) return;
  const result = /** @type {CheckResult} */ (done.answer);
  state.result = result;
  state.resultKey = key;
  state.resultEntries = new Map(done.entries.map((e) => [e.name, e]));
  showResults();
  const errors = result.findings.filter((f) => f.severity === 'error').length;
  const warnings = result.findings.filter((f) => f.severity === 'warning').length;
  setStatus(`预审完成：${result.verdict === 'pass' ? '通过' : '不通过'}，${errors} 个错误、${warnings} 条提醒。结果在下方。`, result.verdict === 'pass' ? 'ok' : 'error');
  setRunning(false);
  const heading = byId('h-results');
  const smooth = !window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  heading.scrollIntoView({ block: 'start', behavior: smooth ? 'smooth' : 'auto' });
  heading.focus({ preventScroll: true });
}

function showResults() {
  const result = state.result;
  if (!result) return;
  for (const url of objectUrls) URL.revokeObjectURL(url);
  objectUrls = [];
  byId('results').hidden = false;
  byId('download-step').textContent = '4';
  const body = byId('results-body');
  renderResults(
    body,
    result,
    {
      entryByName: state.resultEntries,
      slotName,
      windowInfo: (id) => state.catalogue?.windows.find((w) => w.id === id),
      onMove: moveEntry,
      canMove: (slot) => BASE_SLOT_IDS.includes(slot) || currentLevel()?.needsEvidence !== false,
      track: (url) => objectUrls.push(url),
    },
    (file) => cardId(result.files.indexOf(file)),
  );
  body.prepend(h('p', { class: 'banner warn', id: 'stale-note', hidden: true }, '材料或申报信息已有改动，下面的结果可能已过时，请重新预审。'));
  refresh();
}

// ---------------------------------------------------------------- downloads

/**
 * @param {Blob} blob
 * @param {string} filename
 */
function saveBlob(blob, filename) {
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: filename, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked later: the download reads the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** @param {string} text */
const safeName = (text) => text.replace(/[\\/:*?"<>|\s]+/g, '').slice(0, 60) || '企业';

function windowsForSummary() {
  /** @type {Record<string, {explanation?: string, evidence?: string[]}>} */
  const windows = {};
  for (const w of state.catalogue?.windows ?? []) {
    const evidence = state.entries.filter((e) => e.slot === w.id).map((e) => e.name);
    const explanation = (state.explanations[w.id] ?? '').trim();
    if (!evidence.length && !explanation) continue;
    windows[w.id] = { ...(explanation ? { explanation } : {}), ...(evidence.length ? { evidence } : {}) };
  }
  return windows;
}

/**
 * @param {string} kind
 * @param {'pdf' | 'docx' | 'html'} format
 */
async function download(kind, format) {
  const status = byId('download-status');
  status.className = 'dl-status';
  const label = kind === 'pledge' ? '承诺书' : kind === 'summary' ? '申报材料汇总' : '预审报告';
  const company = field('company-name').value.trim();

  if (kind === 'report') {
    if (state.running || !readyToCheck()) {
      status.textContent = state.running ? '请等当前预审完成' : byId('status').textContent ?? '';
      status.className = 'dl-status error';
      return;
    }
    status.textContent = '正在生成预审报告（需要重新检查全部文件）…';
    const done = await upload('html');
    if (!done) {
      status.textContent = `预审报告生成失败：${byId('status').textContent}`;
      status.className = 'dl-status error';
      return;
    }
    saveBlob(/** @type {Blob} */ (done.answer), `预审报告-${safeName(company)}.html`);
    setStatus('预审报告已生成');
    status.textContent = '预审报告已下载。';
    status.className = 'dl-status ok';
    return;
  }

  const { missing, first } = missingCompanyFields();
  if (missing.length) {
    /** @type {HTMLDetailsElement} */ (byId('company-details')).open = true;
    status.textContent = `生成${label}还需要填写：${missing.join('、')}`;
    status.className = 'dl-status error';
    first?.focus();
    return;
  }
  const company_ = companyData();
  const date = field('application-date').value;
  /** @type {unknown} */
  let body;
  /** @type {Record<string, string>} */
  const query = {};
  if (kind === 'pledge') {
    body = company_;
    if (/** @type {HTMLInputElement} */ (byId('pledge-dated')).checked && date) query.date = date;
  } else {
    const windows = windowsForSummary();
    body = { company: company_, level: state.level, ...(date ? { applicationDate: date } : {}), ...(currentLevel()?.needsEvidence === false ? {} : { windows }) };
  }
  status.textContent = `正在生成${label}…`;
  try {
    const { blob, filename } = await postDocument(/** @type {'pledge' | 'summary'} */ (kind), /** @type {'pdf' | 'docx'} */ (format), body, query);
    // The server names the file generically (承诺书.pdf); with the company in it, a reviewer
    // keeping several applications in one folder can tell them apart.
    const stem = filename?.replace(/\.[^.]+$/, '') || (kind === 'pledge' ? '承诺书' : '申报材料汇总');
    saveBlob(blob, `${stem}-${safeName(company)}.${format}`);
    status.textContent = `${label}（${format === 'pdf' ? 'PDF' : 'Word'}）已下载。`;
    status.className = 'dl-status ok';
  } catch (error) {
    status.textContent = `${label}生成失败：${error instanceof Error ? error.message : String(error)}`;
    status.className = 'dl-status error';
    if (error instanceof ApiError && error.status === 401) askForKey();
  }
}

// ---------------------------------------------------------------- API key

function askForKey() {
  const prompt = byId('key-prompt');
  prompt.hidden = false;
  byId('api-key').focus();
}

// ---------------------------------------------------------------- persistence

function persist() {
  save({
    level: state.level,
    name: field('company-name').value.trim(),
    creditCode: field('credit-code').value.trim(),
    company: companyFieldValues(),
    explanations: state.explanations,
    pledgeDated: /** @type {HTMLInputElement} */ (byId('pledge-dated')).checked,
    currentRating: { level: ratingInputs().level.value, since: ratingInputs().since.value },
  });
}

// ---------------------------------------------------------------- start

async function start() {
  const saved = loadSaved();
  if (saved.level) state.level = saved.level;
  state.explanations = { ...(saved.explanations ?? {}) };
  restoreCompany(saved);
  /** @type {HTMLInputElement} */ (byId('pledge-dated')).checked = saved.pledgeDated ?? false;
  ratingInputs().level.value = saved.currentRating?.level ?? '';
  ratingInputs().since.value = saved.currentRating?.since ?? '';
  const date = /** @type {HTMLInputElement} */ (byId('application-date'));
  date.value = today();

  const codeCheck = setUpCreditCode(() => persist());
  if (field('credit-code').value.trim()) codeCheck.revalidate();

  byId('form').addEventListener('submit', (event) => event.preventDefault());
  byId('form').addEventListener('input', (event) => {
    const target = /** @type {HTMLElement} */ (event.target);
    if (target.matches('input[data-company], #company-name')) {
      target.removeAttribute('aria-invalid');
      persist();
    }
    if (target.id === 'application-date') checkDate();
    if (target.id === 'current-level' || target.id === 'current-since') {
      for (const input of Object.values(ratingInputs())) input.removeAttribute('aria-invalid');
      persist();
    }
    refresh();
  });
  byId('forget').addEventListener('click', () => {
    forget();
    for (const input of document.querySelectorAll('input[data-company]')) /** @type {HTMLInputElement} */ (input).value = '';
    byId('download-status').textContent = '已清除本浏览器保存的企业信息。';
  });
  byId('run').addEventListener('click', () => void runCheck());
  byId('cancel').addEventListener('click', () => state.running?.abort());
  for (const button of document.querySelectorAll('button[data-download]')) {
    const b = /** @type {HTMLButtonElement} */ (button);
    b.addEventListener('click', async () => {
      b.setAttribute('aria-busy', 'true');
      try {
        await download(b.dataset.download ?? '', /** @type {'pdf' | 'docx' | 'html'} */ (b.dataset.format));
      } finally {
        b.removeAttribute('aria-busy');
      }
    });
  }
  // A file dropped outside every slot would otherwise open in the tab and lose the form.
  window.addEventListener('dragover', (event) => event.preventDefault());
  window.addEventListener('drop', (event) => {
    event.preventDefault();
    if (event.dataTransfer?.files.length) setStatus('请把文件拖到对应的材料位置上', 'error');
  });
  window.addEventListener('beforeunload', (event) => {
    if (state.entries.length) event.preventDefault();
  });

  byId('key-prompt').addEventListener('submit', (event) => {
    event.preventDefault();
    setApiKey(/** @type {HTMLInputElement} */ (byId('api-key')).value);
    byId('key-prompt').hidden = true;
    if (!state.catalogue) void loadCatalogue();
    else setStatus('已设置 API 密钥，请重试刚才的操作。');
  });
  await loadCatalogue();
}

async function loadCatalogue() {
  const banner = byId('load-error');
  const run = /** @type {HTMLButtonElement} */ (byId('run'));
  try {
    const [catalogue, features] = await Promise.all([getCatalogue(), getFeatures()]);
    state.catalogue = normalizeCatalogue(catalogue);
    state.previewParam = features.previewParam;
  } catch (error) {
    banner.hidden = false;
    banner.textContent = `无法读取指标目录：${error instanceof Error ? error.message : String(error)}`;
    run.disabled = true;
    if (error instanceof ApiError && error.status === 401) askForKey();
    return;
  }
  banner.hidden = true;
  run.disabled = false;
  buildLevels();
  buildSlots();
  applyLevel();
  refresh();
  document.body.classList.add('ready');
  setStatus('填写企业名称和信用代码，放入要上传的文件，然后点“开始预审”。');
}

void start();
