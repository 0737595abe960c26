/**
 * Handlebars templates → document markup → document model.
 *
 * Templates compile in strict mode, so a misspelt field is an error rather than a silent
 * blank in an official form; the data we pass always carries every optional field
 * (as null), so `{{#if}}` on optional data still works.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { QcError } from '../errors.js';
import { parseMarkup } from './markup.js';
import type { DocumentModel } from './model.js';

/** The templates shipped with qcredit. */
export const TEMPLATE_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));

const CN_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/**
 * 1 → 一, 12 → 十二, 21 → 二十一 (enough for section numbering: 0–99). Anything else (a
 * negative, fractional or larger number, or not a number at all) is returned in Arabic digits
 * rather than as wrong Chinese such as “十十” for 100.
 */
export function chineseNumber(n: number): string {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > 99) return String(n);
  if (n <= 10) return CN_DIGITS[n]!;
  if (n < 20) return '十' + CN_DIGITS[n - 10]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return CN_DIGITS[tens]! + '十' + (ones ? CN_DIGITS[ones]! : '');
}

/** '2026-05-20' → '2026年5月20日'. */
export function chineseDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : iso;
}

function createEngine(): typeof Handlebars {
  const hb = Handlebars.create();
  hb.registerHelper('inc', (n: number) => n + 1);
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hb.registerHelper('or', (...args: unknown[]) => args.slice(0, -1).some(Boolean));
  hb.registerHelper('and', (...args: unknown[]) => args.slice(0, -1).every(Boolean));
  hb.registerHelper('not', (a: unknown) => !a);
  hb.registerHelper('cn', (...args: unknown[]) => {
    if (args.length !== 2) throw new Error('cn 需要一个参数，例如 {{cn order}}');
    return chineseNumber(args[0] as number);
  });
  hb.registerHelper('date', (iso: string | null) => (iso ? chineseDate(iso) : ''));
  /** Split free text into its non-empty lines, for one <p> per line. */
  hb.registerHelper('lines', (text: string | null) =>
    (text ?? '').split(/\r?\n/).map((l) => l.trim()).filter(Boolean),
  );
  return hb;
}

const engine = createEngine();
const compiled = new Map<string, Handlebars.TemplateDelegate>();

/** A template: its source and a name to show in error messages. */
export interface TemplateSource {
  name: string;
  source: string;
}

const shipped = new Map<string, Promise<TemplateSource>>();

/**
 * A shipped template by name (`pledge`, `summary`; read once per process) or a user's
 * template file by path (read on every call, so edits show at once).
 */
export async function loadTemplate(pathOrName: string): Promise<TemplateSource> {
  const isShipped = /^[\w-]+$/.test(pathOrName);
  if (isShipped) {
    let pending = shipped.get(pathOrName);
    if (!pending) {
      pending = readTemplate(`${TEMPLATE_DIR}${pathOrName}.hbs`, `${pathOrName}.hbs`);
      pending.catch(() => shipped.delete(pathOrName));
      shipped.set(pathOrName, pending);
    }
    return pending;
  }
  return readTemplate(pathOrName, pathOrName);
}

async function readTemplate(path: string, name: string): Promise<TemplateSource> {
  try {
    return { name, source: await readFile(path, 'utf8') };
  } catch (cause) {
    throw new QcError('QC_FILE_NOT_FOUND', { file: path }, { cause });
  }
}

function compile(template: TemplateSource): Handlebars.TemplateDelegate {
  const key = `${template.name}\u0000${template.source}`;
  let fn = compiled.get(key);
  if (!fn) {
    try {
      fn = engine.compile(template.source, { strict: true });
      // Handlebars parses lazily: force the parse now so syntax errors surface here.
      engine.precompile(template.source, { strict: true });
    } catch (cause) {
      throw new QcError('QC_TEMPLATE_SYNTAX', { template: template.name, reason: firstLine(cause) }, { cause });
    }
    compiled.set(key, fn);
  }
  return fn;
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n').filter(Boolean).slice(0, 4).join(' ').trim();
}

/** Render a template with data to the document model; all errors are QcErrors. */
export function renderTemplate(template: TemplateSource, data: object): DocumentModel {
  const fn = compile(template);
  let markup: string;
  try {
    markup = fn(data);
  } catch (cause) {
    const missing = missingField(cause, template.source);
    if (missing) throw new QcError('QC_TEMPLATE_FIELD_MISSING', { template: template.name, ...missing }, { cause });
    throw new QcError('QC_TEMPLATE_SYNTAX', { template: template.name, reason: firstLine(cause) }, { cause });
  }
  return parseMarkup(markup, template.name);
}

/**
 * Strict mode's error names only the last part of the path (`"nmae" not defined in
 * [object Object] - 1:15`): read the whole expression (`company.nmae`) from the template at
 * the reported position, so the message says which field is misspelt and where.
 */
function missingField(error: unknown, source: string): { field: string; line: number; column: number; reason: string } | null {
  const message = error instanceof Error ? error.message : String(error);
  // The object's text may span lines (a string value with line breaks): match the whole message.
  const m = /^"([^"]*)" not defined in [\s\S]*?(?: - (\d+):(\d+))?$/.exec(message.trim());
  if (!m) {
    // Strict lookup of a field on a text or number value (`{{company.name.first}}`) fails in
    // Handlebars itself, without a position: still a missing field.
    const onValue = /^Cannot use 'in' operator to search for '([^']*)' in /.exec(message);
    return onValue ? { field: onValue[1]!, line: 0, column: 0, reason: onValue[1]! } : null;
  }
  const name = m[1]!;
  if (m[2] === undefined) return { field: name, line: 0, column: 0, reason: name };
  const line = Number(m[2]);
  const column = Number(m[3]);
  let field = name;
  const expression = /^[^\s}()=|~]+/.exec(source.split('\n')[line - 1]?.slice(column) ?? '')?.[0];
  if (expression) {
    const parts = expression.split(/[./]/);
    const at = parts.indexOf(name);
    if (at >= 0) field = expression.slice(0, parts.slice(0, at + 1).join('.').length);
  }
  return { field, line, column: column + 1, reason: `${field}（第${line}行第${column + 1}列）` };
}
