/** Reading the user's JSON files, with errors that say which file and what is wrong. */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { QcError } from '../errors.js';

export async function readJsonFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    throw new QcError('QC_FILE_NOT_FOUND', { file: path }, { cause });
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (cause) {
    throw new QcError('QC_JSON_INVALID', { file: path, reason: (cause as Error).message }, { cause });
  }
}

/**
 * An application file may name its company file instead of repeating it
 * (`"company": "company.json"`, relative to the application file), so the company data is
 * filled in once and shared by the pledge and the summary.
 */
export async function readApplicationFile(path: string): Promise<unknown> {
  const data = await readJsonFile(path);
  if (data && typeof data === 'object' && typeof (data as { company?: unknown }).company === 'string') {
    const companyPath = resolve(dirname(path), (data as { company: string }).company);
    return { ...data, company: await readJsonFile(companyPath) };
  }
  return data;
}
