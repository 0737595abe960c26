/** Output formats, chosen from the output file's extension (kept light: the CLI loads it eagerly). */
import { extname } from 'node:path';
import { QcError } from '../errors.js';

export const OUTPUT_FORMATS = ['pdf', 'docx'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** The format an output path asks for, from its extension. */
export function formatFromPath(path: string): OutputFormat {
  const ext = extname(path).slice(1).toLowerCase();
  if ((OUTPUT_FORMATS as readonly string[]).includes(ext)) return ext as OutputFormat;
  throw new QcError('QC_OUTPUT_FORMAT', { ext: ext || path });
}
