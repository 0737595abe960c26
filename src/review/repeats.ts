/**
 * What repeats across companies, for one checked submission: its files' facts (from the store
 * when a file was seen before, else fingerprinted now and kept), recorded under the
 * submission's id, and the cross-submission findings they give, merged into its result. The
 * reviewer's desk and the HTTP service (`--store`) both end a submission with this.
 */
import type { CheckResult } from '../checks/schema.js';
import { forgetSightingsBefore, recordSubmission, type CrossFinding } from '../store/cross.js';
import type { FileFacts } from '../store/facts.js';
import type { Store } from '../store/store.js';
import { fingerprintFile } from './fingerprint.js';

/** The result with the cross findings on their files and in the list (a warning each: the verdict stands). */
export function withCross(result: CheckResult, cross: readonly CrossFinding[]): CheckResult {
  const plain = (f: CrossFinding) => {
    const { other: _other, ...rest } = f;
    return rest;
  };
  const repeat = (f: { code: string }) => f.code.startsWith('QC_REPEAT_');
  return {
    ...result,
    files: result.files.map((file) => ({ ...file, findings: [...file.findings.filter((f) => !repeat(f)), ...cross.filter((c) => c.file === file.file).map(plain)] })),
    findings: [...result.findings.filter((f) => !repeat(f)), ...cross.map(plain)],
  };
}

/** Each file's facts: known by its sha256 and the tool version, or fingerprinted from its bytes now. */
export async function factsOf(store: Store, result: CheckResult, bytesOf: (file: string) => Uint8Array | undefined): Promise<{ file: string; facts: FileFacts }[]> {
  const facts: { file: string; facts: FileFacts }[] = [];
  for (const file of result.files) {
    let known = await store.fileFacts(file.sha256);
    if (!known) {
      const bytes = bytesOf(file.file);
      if (!bytes) continue;
      known = await fingerprintFile(bytes, file);
      await store.saveFileFacts(known);
    }
    facts.push({ file: file.file, facts: known });
  }
  return facts;
}

export interface RepeatsOptions {
  /** The submission's id in the store (a server's job or request id). */
  id: string;
  /** Sightings older than this many days are forgotten first (a server's retention period). */
  retentionDays?: number;
  /** The time it is (ISO 8601), for the record and the retention period; now by default. */
  now?: string;
}

/** Records the submission and returns its result with what repeats under other companies. */
export async function checkRepeats(store: Store, result: CheckResult, bytesOf: (file: string) => Uint8Array | undefined, options: RepeatsOptions): Promise<CheckResult> {
  const now = options.now ?? new Date().toISOString();
  if (options.retentionDays) await forgetSightingsBefore(store, new Date(Date.parse(now) - options.retentionDays * 86_400_000).toISOString());
  const files = await factsOf(store, result, bytesOf);
  const cross = await recordSubmission(store, { id: options.id, company: result.company, files, recordedAt: now });
  return withCross(result, cross);
}

/** What a server or worker does with each checked submission when it keeps a store. */
export type Repeats = (result: CheckResult, bytesOf: (file: string) => Uint8Array | undefined, id: string) => Promise<CheckResult>;

/**
 * Repeats against the store at `location` (a SQLite file or a postgres:// URL), opened on the
 * first submission; `close` closes it if it was opened. Only fingerprints and results are
 * kept, never the uploads; sightings older than `retentionDays` are forgotten.
 */
export function repeatsAt(location: string, retentionDays: number): { repeats: Repeats; close(): Promise<void> } {
  let opened: Promise<Store> | undefined;
  const store = async () => {
    const { openStore } = await import('../store/store.js');
    return (opened ??= openStore(location).catch((error: unknown) => {
      // A store that could not be opened is tried again with the next submission.
      opened = undefined;
      throw error;
    }));
  };
  return {
    repeats: async (result, bytesOf, id) => checkRepeats(await store(), result, bytesOf, { id, retentionDays }),
    close: async () => {
      if (opened) await (await opened.catch(() => null))?.close();
    },
  };
}
