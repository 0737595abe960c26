// @ts-check
/**
 * The company: name and credit code (checked as typed against the server's validator, the
 * same one the CLI and the pre-check use), and the fields the pledge and the summary need
 * (companySchema in src/domain/company.ts). Kept in localStorage so an applicant fills them
 * in once.
 */
import { getCreditCode } from './api.js';
import { byId, field, h, replaceChildren } from './dom.js';

const STORAGE_KEY = 'qcredit.form.v1';

/** Required by companySchema besides name and creditCode, with the schema's own labels. */
const REQUIRED = /** @type {const} */ ([
  ['legalRepresentative', '法定代表人'],
  ['address', '住所（地址）'],
  ['contact.name', '联系人'],
  ['contact.phone', '联系电话'],
]);

/** @returns {HTMLInputElement[]} */
function companyInputs() {
  return [...document.querySelectorAll('input[data-company]')].map((el) => /** @type {HTMLInputElement} */ (el));
}

/**
 * The company object for /v1/pledge and /v1/summary; empty optional fields are left out,
 * because the schema is strict about what it is given, not about what is missing.
 */
export function companyData() {
  /** @type {Record<string, any>} */
  const company = {
    name: field('company-name').value.trim(),
    creditCode: field('credit-code').value.trim(),
  };
  /** @type {Record<string, string>} */
  const contact = {};
  for (const input of companyInputs()) {
    const key = input.dataset.company ?? '';
    const value = input.value.trim();
    if (!value) continue;
    if (key.startsWith('contact.')) contact[key.slice(8)] = value;
    else if (key === 'employees') company.employees = Number(value);
    else company[key] = value;
  }
  company.contact = contact;
  return company;
}

/**
 * Fields the pledge cannot be made without. Returns the first missing input to focus, and the
 * labels of all missing ones.
 * @returns {{missing: string[], first: HTMLElement | null}}
 */
export function missingCompanyFields() {
  /** @type {string[]} */
  const missing = [];
  /** @type {HTMLElement | null} */
  let first = null;
  const name = field('company-name');
  const code = field('credit-code');
  for (const [el, label] of /** @type {[HTMLInputElement, string][]} */ ([[name, '企业名称'], [code, '统一社会信用代码']])) {
    if (!el.value.trim()) {
      missing.push(label);
      first ??= el;
    }
  }
  for (const [key, label] of REQUIRED) {
    const el = /** @type {HTMLInputElement | null} */ (document.querySelector(`input[data-company="${key}"]`));
    if (el && !el.value.trim()) {
      missing.push(label);
      el.setAttribute('aria-invalid', 'true');
      first ??= el;
    }
  }
  return { missing, first };
}

/**
 * Live validation of the credit code. Short input only shows how many characters are there;
 * from 18 characters (or on leaving the field) the server says what is wrong and, when the
 * checksum allows it, which code was meant.
 * @param {(code: string) => void} onChange
 */
export function setUpCreditCode(onChange) {
  const input = field('credit-code');
  const msg = byId('credit-code-msg');
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  /** @type {AbortController | null} */
  let inflight = null;
  let shown = '';

  /** @param {boolean} now */
  const schedule = (now) => {
    clearTimeout(timer);
    const value = input.value.replace(/[\s\u3000]/g, '');
    onChange(value);
    if (!value) {
      inflight?.abort();
      shown = '';
      input.removeAttribute('aria-invalid');
      msg.replaceChildren();
      return;
    }
    if (value.length < 18 && !now) {
      inflight?.abort();
      shown = '';
      input.removeAttribute('aria-invalid');
      msg.className = 'msg hint';
      msg.replaceChildren(`已输入 ${value.length} 位，共 18 位`);
      return;
    }
    if (value === shown) return;
    timer = setTimeout(() => void validate(value), now ? 0 : 300);
  };

  /** @param {string} value */
  const validate = async (value) => {
    inflight?.abort();
    const controller = new AbortController();
    inflight = controller;
    let report;
    try {
      report = await getCreditCode(value, controller.signal);
    } catch (error) {
      if (controller.signal.aborted) return;
      msg.className = 'msg hint';
      msg.replaceChildren('暂时无法校验信用代码（', error instanceof Error ? error.message : String(error), '）');
      return;
    }
    if (controller.signal.aborted) return;
    // The endpoint answers one code; tolerate a list like `uscc --json` prints.
    const r = Array.isArray(report) ? report[0] : report;
    shown = value;
    showReport(r);
  };

  /** @param {any} r */
  const showReport = (r) => {
    if (r?.valid) {
      input.setAttribute('aria-invalid', 'false');
      const parts = r.parts;
      const division = parts?.division;
      const place = division ? `${division.province ?? ''}${division.city ?? ''}`.trim() : '';
      msg.className = 'msg ok';
      msg.replaceChildren(
        h('span', { class: 'ok-mark', 'aria-hidden': 'true' }, '✓ '),
        '代码有效',
        parts?.category?.name ? `：${parts.category.name}` : '',
        place ? `，${place}` : '',
        parts?.organizationCode?.formatted ? `，组织机构代码 ${parts.organizationCode.formatted}` : '',
      );
      if (division && division.isJiangsu === false) {
        msg.className = 'msg warn';
        msg.append(h('div', null, '注意：登记地不在江苏省，本认定面向江苏省内企业。'));
      }
      return;
    }
    input.setAttribute('aria-invalid', 'true');
    msg.className = 'msg bad';
    const problems = /** @type {{message: string}[]} */ (r?.problems ?? []);
    const candidates = /** @type {string[]} */ (r?.repair ? [r.repair] : (r?.candidates ?? []).slice(0, 4));
    replaceChildren(
      msg,
      problems.map((p) => h('div', null, p.message)),
      candidates.length
        ? h(
            'div',
            { class: 'repair' },
            candidates.length === 1 ? '是否应为 ' : '可能是 ',
            candidates.map((code) =>
              h('button', { type: 'button', class: 'link mono', 'aria-label': `改为 ${code}`, onclick: () => {
                input.value = code;
                schedule(true);
                input.focus();
              } }, code),
            ),
            r?.edits?.length && candidates.length === 1 ? h('span', { class: 'hint' }, `（${r.edits.join('，')}）`) : '',
            '？',
          )
        : null,
    );
  };

  input.addEventListener('input', () => schedule(false));
  input.addEventListener('blur', () => {
    if (input.value.trim()) schedule(true);
  });
  return { revalidate: () => schedule(true) };
}

/**
 * @typedef {object} Saved
 * @property {string} [level]
 * @property {string} [name]
 * @property {string} [creditCode]
 * @property {Record<string, string>} [company]
 * @property {Record<string, string>} [explanations]
 * @property {boolean} [pledgeDated]
 * @property {{level: string, since: string}} [currentRating] the rating held now (empty strings when not given)
 */

/** @returns {Saved} */
export function loadSaved() {
  try {
    return JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}') ?? {};
  } catch {
    return {};
  }
}

/** @param {Saved} saved */
export function save(saved) {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(saved));
  } catch {
    // Private windows and full storage: the form simply is not remembered.
  }
}

export function forget() {
  try {
    localStorage.removeItem(STORAGE_KEY);
  } catch {
    // nothing was stored
  }
}

/** @param {Saved} saved */
export function restoreCompany(saved) {
  if (saved.name) field('company-name').value = saved.name;
  if (saved.creditCode) field('credit-code').value = saved.creditCode;
  for (const input of companyInputs()) {
    const value = saved.company?.[input.dataset.company ?? ''];
    if (value) input.value = value;
  }
}

/** @returns {Record<string, string>} */
export function companyFieldValues() {
  /** @type {Record<string, string>} */
  const values = {};
  for (const input of companyInputs()) if (input.value.trim()) values[input.dataset.company ?? ''] = input.value.trim();
  return values;
}
