/**
 * The last few PDFs read stay open, so that drawing their pages afterwards (the seal check,
 * thumbnails, OCR of a page read later) reuses the fonts and objects parsed while their text
 * was read, instead of parsing the file again: on a text-layer PDF that second parse was a
 * third of a cold `qcredit analyze` (issue 14).
 *
 * Bounded: at most KEEP documents stay open. The least recently used is closed when another
 * is kept, or, when a page of it is being drawn just then, as soon as that drawing ends; it is
 * opened again from its bytes if it is needed later.
 */
import type { PdfFile } from './pdf.js';

const KEEP = 2;

interface Kept {
  pdf: Promise<PdfFile> | null;
  busy: number;
  evicted: boolean;
}

/** Least recently used first. */
const kept: Kept[] = [];

function close(entry: Kept): void {
  const pdf = entry.pdf;
  entry.pdf = null;
  void pdf?.then((p) => p.close()).catch(() => {});
}

function remember(entry: Kept): void {
  const at = kept.indexOf(entry);
  if (at >= 0) kept.splice(at, 1);
  entry.evicted = false;
  kept.push(entry);
  while (kept.length > KEEP) {
    const old = kept.shift()!;
    old.evicted = true;
    if (old.busy === 0) close(old);
  }
}

export interface KeptPdf {
  /** Runs `work` on the open document, opening it again first if it was closed. */
  use<T>(work: (pdf: PdfFile) => Promise<T>): Promise<T>;
  /** Closes it (now, or when the drawing in progress ends): a server's upload must not outlive its answer. `use` would open it again. */
  release(): Promise<void>;
}

/** Keeps `first` (already open) among the open documents; `reopen` opens it again from its bytes. */
export function keepOpen(first: PdfFile, reopen: () => Promise<PdfFile>): KeptPdf {
  const entry: Kept = { pdf: Promise.resolve(first), busy: 0, evicted: false };
  remember(entry);
  return {
    async use(work) {
      if (!entry.pdf) {
        const opening = reopen();
        entry.pdf = opening;
        // A failed opening is not kept: the next use tries again.
        opening.catch(() => {
          if (entry.pdf === opening) entry.pdf = null;
        });
      }
      remember(entry);
      entry.busy++;
      try {
        return await work(await entry.pdf);
      } finally {
        entry.busy--;
        if (entry.evicted && entry.busy === 0) close(entry);
      }
    },
    async release() {
      const at = kept.indexOf(entry);
      if (at >= 0) kept.splice(at, 1);
      entry.evicted = true;
      if (entry.busy === 0) close(entry);
    },
  };
}
