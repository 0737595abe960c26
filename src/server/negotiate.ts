/** Which document format to answer with: `?format=` first, then the Accept header, else PDF. */
import { QcError } from '../errors.js';
import type { OutputFormat } from '../generators/format.js';

export const DOCUMENT_TYPES: Record<OutputFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

export function chooseFormat(explicit: OutputFormat | undefined, accept: string | undefined): OutputFormat {
  if (explicit) return explicit;
  if (!accept?.trim()) return 'pdf';
  const ranges = accept
    .split(',')
    .map((part, index) => {
      const [type = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
      const q = Number(params.find((p) => p.startsWith('q='))?.slice(2) ?? 1);
      return { type, q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((r) => r.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { type } of ranges) {
    if (type === DOCUMENT_TYPES.pdf || type === '*/*' || type === 'application/*') return 'pdf';
    if (type === DOCUMENT_TYPES.docx) return 'docx';
  }
  throw new QcError('QC_NOT_ACCEPTABLE', { accept, available: `${DOCUMENT_TYPES.pdf}、${DOCUMENT_TYPES.docx}` });
}
