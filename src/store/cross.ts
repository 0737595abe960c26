/**
 * Findings across submissions: the same file, page, seal image, certificate number or credit
 * report number under two companies (two different credit codes). Each is 疑似 (a warning,
 * what to look at), never an error: a group's companies may share a certificate honestly.
 */
import type { Finding } from '../checks/types.js';
import { finding } from '../checks/types.js';
import type { Db } from './db.js';
import { hammingHex, type FileFacts } from './facts.js';
import type { Store, StoredSubmission } from './store.js';

/** Fine page hashes (1024 bits) this close are one page: a re-encoded copy (measured: two companies' pledges of one template are 33 and more apart). */
export const PAGE_BITS_APART = 10;
/**
 * A page seen under this many companies is a form's boilerplate (the notes page every credit
 * report ends with), not a page one company took from another.
 */
export const BOILERPLATE_COMPANIES = 3;
/** A fine hash with fewer bits set is a blank or nearly blank page: all blank pages look alike. */
const BLANK_BITS = 32;

/** Seal prints (256 bits) this close are one image (measured on corpus pledges: 2 to 6 bits for a pasted copy, 16 to 32 between companies). */
export const SEAL_BITS_APART = 10;

export type SightingKind = 'file' | 'page' | 'seal' | 'certificate' | 'report-number';

export interface CrossFinding extends Finding {
  file: string;
  /** The other submission it repeats. */
  other: { submission: string; company: string; creditCode: string; file: string };
}

interface SightingRow {
  submission: string;
  credit_code: string;
  company: string;
  file: string;
  kind: SightingKind;
  value: string;
  page: number | null;
  detail: string | null;
}

/** A submission's files and their facts, as the store keeps them. */
export interface SubmissionFacts extends StoredSubmission {
  files: { file: string; facts: FileFacts }[];
  /** When it was seen (ISO 8601; now when not given): sightings older than a retention period are forgotten. */
  recordedAt?: string;
}

function sightingsOf(submission: SubmissionFacts): Omit<SightingRow, 'submission' | 'credit_code' | 'company'>[] {
  const rows: Omit<SightingRow, 'submission' | 'credit_code' | 'company'>[] = [];
  for (const { file, facts } of submission.files) {
    rows.push({ file, kind: 'file', value: facts.sha256, page: null, detail: null });
    for (const p of facts.pages) rows.push({ file, kind: 'page', value: p.dhash, page: p.page, detail: p.fine });
    // Seals are compared by distance, not looked up: the value is the print itself.
    for (const s of facts.seals) rows.push({ file, kind: 'seal', value: s.hash, page: s.page, detail: facts.sha256 });
    for (const number of new Set(facts.certificates)) rows.push({ file, kind: 'certificate', value: number, page: null, detail: null });
    if (facts.reportNumber) rows.push({ file, kind: 'report-number', value: facts.reportNumber, page: null, detail: null });
  }
  return rows;
}

/**
 * Records what a submission's files showed (replacing what was recorded under its id before)
 * and returns its cross-submission findings against everything in the store. For the
 * reviewer's desk and, later, the HTTP service: one call per checked submission.
 */
export async function recordSubmission(store: Store, submission: SubmissionFacts): Promise<CrossFinding[]> {
  await store.db.transaction(async (tx) => {
    await tx.query('DELETE FROM sightings WHERE submission = ?', [submission.id]);
    const recordedAt = submission.recordedAt ?? new Date().toISOString();
    for (const row of sightingsOf(submission)) {
      await tx.query('INSERT INTO sightings (submission, credit_code, company, file, kind, value, page, detail, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)', [
        submission.id,
        submission.company.creditCode,
        submission.company.name,
        row.file,
        row.kind,
        row.value,
        row.page,
        row.detail,
        recordedAt,
      ]);
    }
  });
  return crossFindings(store, submission.id);
}

/**
 * The cross-submission findings of a recorded submission, as of now: a submission recorded
 * before its twin learns of it when asked again (the review asks again once all are in).
 */
export async function crossFindings(store: Store, submissionId: string): Promise<CrossFinding[]> {
  const db = store.db;
  const mine = await db.query<SightingRow>('SELECT * FROM sightings WHERE submission = ?', [submissionId]);
  if (!mine.length) return [];
  const code = mine[0]!.credit_code;
  const found = new Map<string, CrossFinding>();
  const add = (key: string, f: Finding, file: string, other: SightingRow) => {
    if (!found.has(key)) found.set(key, { ...f, file, other: { submission: other.submission, company: other.company, creditCode: other.credit_code, file: other.file } });
  };
  const otherOf = (o: SightingRow) => ({ otherCompany: o.company, otherCode: o.credit_code, otherFile: o.file });

  // Equal values under another credit code: files, pages (then confirmed by the fine hash), numbers.
  const equal = await db.query<SightingRow & { mine_file: string; mine_page: number | null; mine_detail: string | null }>(
    `SELECT o.*, m.file AS mine_file, m.page AS mine_page, m.detail AS mine_detail
       FROM sightings m JOIN sightings o ON o.kind = m.kind AND o.value = m.value AND o.credit_code <> m.credit_code
      WHERE m.submission = ? AND m.kind IN ('file', 'page', 'certificate', 'report-number')
      ORDER BY o.submission, o.file, o.page`,
    [submissionId],
  );
  const boilerplate = new Set(
    (
      await db.query<{ value: string }>(
        `SELECT value FROM sightings WHERE kind = 'page' AND value IN (SELECT value FROM sightings WHERE submission = ? AND kind = 'page')
          GROUP BY value HAVING COUNT(DISTINCT credit_code) >= ?`,
        [submissionId, BOILERPLATE_COMPANIES],
      )
    ).map((r) => r.value),
  );
  const blank = (fine: string) => hammingHex(fine, '0'.repeat(fine.length)) < BLANK_BITS;
  // One finding per other company (its credit code), however often that company submitted the file.
  const sameFiles = new Set(equal.filter((r) => r.kind === 'file').map((r) => `${r.mine_file}\u0000${r.credit_code}\u0000${r.file}`));
  for (const r of equal) {
    const pairKey = `${r.mine_file}\u0000${r.credit_code}\u0000${r.file}`;
    if (r.kind === 'file') {
      add(`file|${pairKey}`, finding('QC_REPEAT_FILE', 'warning', { file: r.mine_file, ...otherOf(r) }), r.mine_file, r);
    } else if (r.kind === 'page') {
      // One file seen twice is said once, as the file; a page alone only when the fine hashes agree.
      if (sameFiles.has(pairKey) || boilerplate.has(r.value) || !r.detail || !r.mine_detail || blank(r.mine_detail)) continue;
      if (hammingHex(r.detail, r.mine_detail) > PAGE_BITS_APART) continue;
      add(`page|${pairKey}|${r.mine_page}`, finding('QC_REPEAT_PAGE', 'warning', { file: r.mine_file, page: r.mine_page ?? 1, otherPage: r.page ?? 1, ...otherOf(r) }, { page: r.mine_page ?? undefined }), r.mine_file, r);
    } else if (r.kind === 'certificate') {
      if (sameFiles.has(pairKey)) continue;
      add(`certificate|${r.value}|${r.mine_file}|${r.credit_code}`, finding('QC_REPEAT_CERTIFICATE', 'warning', { file: r.mine_file, number: r.value, ...otherOf(r) }), r.mine_file, r);
    } else if (r.kind === 'report-number') {
      if (sameFiles.has(pairKey)) continue;
      add(`report|${r.value}|${r.mine_file}|${r.credit_code}`, finding('QC_REPEAT_REPORT_NUMBER', 'warning', { file: r.mine_file, number: r.value, ...otherOf(r) }), r.mine_file, r);
    }
  }

  // Seals by distance: every other company's seal prints (few per submission) against ours.
  const mySeals = mine.filter((r) => r.kind === 'seal');
  if (mySeals.length) {
    const others = await db.query<SightingRow>("SELECT * FROM sightings WHERE kind = 'seal' AND credit_code <> ? ORDER BY submission, file, page", [code]);
    for (const m of mySeals) {
      for (const o of others) {
        const pairKey = `${m.file}\u0000${o.credit_code}\u0000${o.file}`;
        if (sameFiles.has(pairKey) || hammingHex(m.value, o.value) > SEAL_BITS_APART) continue;
        add(`seal|${pairKey}|${m.page}|${o.page}`, finding('QC_REPEAT_SEAL', 'warning', { file: m.file, page: m.page ?? 1, otherPage: o.page ?? 1, ...otherOf(o) }, { page: m.page ?? undefined }), m.file, o);
      }
    }
  }
  return [...found.values()];
}

/**
 * Forgets every sighting recorded before `cutoff` (ISO 8601): a server keeps what it has seen
 * for a retention period only. Returns how many were forgotten. Sightings from before the
 * retention period was recorded (no time) are kept.
 */
export async function forgetSightingsBefore(store: Store, cutoff: string): Promise<number> {
  const [counted] = await store.db.query<{ n: number | string }>('SELECT COUNT(*) AS n FROM sightings WHERE recorded_at < ?', [cutoff]);
  await store.db.query('DELETE FROM sightings WHERE recorded_at < ?', [cutoff]);
  return Number(counted?.n ?? 0);
}

/** Forgets a submission's sightings (its results stay, by their key). */
export async function forgetSubmission(store: Store, submissionId: string): Promise<void> {
  await store.db.query('DELETE FROM sightings WHERE submission = ?', [submissionId]);
}

export type { Db };
