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

/** 1 → 一, 12 → 十二, 21 → 二十一 (enough for section numbering). */
export function chineseNumber(n: number): string {
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
  hb.registerHelper('cn', (n: number) => chineseNumber(n));
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

export async function loadTemplate(pathOrName: string): Promise<TemplateSource> {
  const isShipped = /^[\w-]+$/.test(pathOrName);
  const path = isShipped ? `${TEMPLATE_DIR}${pathOrName}.hbs` : pathOrName;
  try {
    return { name: isShipped ? `${pathOrName}.hbs` : pathOrName, source: await readFile(path, 'utf8') };
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
    const reason = firstLine(cause);
    const code = /not defined in/.test(reason) ? 'QC_TEMPLATE_FIELD_MISSING' : 'QC_TEMPLATE_SYNTAX';
    throw new QcError(code, { template: template.name, reason }, { cause });
  }
  return parseMarkup(markup, template.name);
}
