/**
 * The store of what was seen, one suite over both backends: SQLite always, the real
 * PostgreSQL when it answers (a schema of its own per run, dropped after). Migrations, facts
 * and results by version, and the cross-submission findings drawn from the sightings.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckResult } from '../src/checks/schema.js';
import { crossFindings, hammingHex, MIGRATIONS, migrate, openStore, recordSubmission, SCHEMA_VERSION, type FileFacts, type Store } from '../src/store/index.js';
import { postgresUnavailable, uniqueSchema } from './helpers/review-postgres.js';

const pgMissing = await postgresUnavailable();
if (pgMissing) console.warn(`skipped the PostgreSQL store tests (test/store.test.ts): ${pgMissing}`);

const hex = (bits: number, flip: number[] = [], seed = 0) => {
  // A deterministic pattern of `bits` bits, some flipped.
  const out: number[] = [];
  for (let i = 0; i < bits; i++) out.push(((i * 7 + seed * 13) % 5 < 2 ? 1 : 0) ^ (flip.includes(i) ? 1 : 0));
  let s = '';
  for (let i = 0; i < bits; i += 4) s += ((out[i]! << 3) | (out[i + 1]! << 2) | (out[i + 2]! << 1) | out[i + 3]!).toString(16);
  return s;
};
const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

const facts = (sha256: string, more: Partial<FileFacts> = {}): FileFacts => ({ sha256, pages: [], seals: [], certificates: [], reportNumber: null, ...more });
const A = { id: 'a', company: { name: '甲公司', creditCode: '91320000000000001A' } };
const B = { id: 'b', company: { name: '乙公司', creditCode: '91320000000000002B' } };
const A2 = { id: 'a-again', company: { name: '甲公司', creditCode: '91320000000000001A' } };

const codes = (findings: { code: string; file: string; other: { submission: string; file: string } }[]) => findings.map((f) => `${f.code} ${f.file}→${f.other.submission}/${f.other.file}`).sort();

const backends: { name: string; skip: boolean; open: () => Promise<{ location: string; cleanup: () => Promise<void> }> }[] = [
  {
    name: 'SQLite',
    skip: false,
    open: async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'qcredit-store-'));
      return { location: path.join(dir, 'store.sqlite'), cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
  {
    name: 'PostgreSQL',
    skip: pgMissing !== null,
    open: async () => {
      const { url, drop } = uniqueSchema('store');
      return { location: url, cleanup: drop };
    },
  },
];

for (const backend of backends) {
  describe.skipIf(backend.skip)(`the store on ${backend.name}`, () => {
    let location: string;
    let cleanup: () => Promise<void>;
    let store: Store;
    beforeAll(async () => {
      ({ location, cleanup } = await backend.open());
      store = await openStore(location);
    });
    afterAll(async () => {
      await store?.close();
      await cleanup?.();
    });

    it('applies the numbered migrations in order, once', async () => {
      const rows = await store.db.query<{ version: number }>('SELECT version FROM schema_version ORDER BY version');
      expect(rows.map((r) => Number(r.version))).toEqual(MIGRATIONS.map((m) => m.version));
      expect(Number(rows[rows.length - 1]!.version)).toBe(SCHEMA_VERSION);
      // Opening again migrates nothing, and a second open of the same store works.
      expect(await migrate(store.db)).toEqual([]);
      const again = await openStore(location);
      await again.close();
    });

    it('keeps file facts and results under the tool version: another version sees none of them', async () => {
      const f = facts('f'.repeat(64), { certificates: ['123Q45678R0M'], reportNumber: 'XYBG2026' });
      await store.saveFileFacts(f);
      expect(await store.fileFacts(f.sha256)).toEqual(f);
      const result = { verdict: 'pass', company: A.company, findings: [] } as unknown as CheckResult;
      await store.saveResult('key-1', A, result);
      expect(await store.result('key-1')).toEqual(result);
      expect(await store.result('key-2')).toBeNull();
      const next = await openStore(location, { version: '999.0.0' });
      try {
        expect(await next.fileFacts(f.sha256)).toBeNull();
        expect(await next.result('key-1')).toBeNull();
      } finally {
        await next.close();
      }
    });

    it('finds the same file, page, seal, certificate and report number under two companies, and nothing within one', async () => {
      const page = { page: 1, dhash: 'abcdef0123456789', fine: hex(1024) };
      const seal = { page: 2, hash: hex(256, [], 1) };
      await recordSubmission(store, {
        ...A,
        files: [
          { file: 'cert.pdf', facts: facts('1'.repeat(64), { certificates: ['123Q45678R0M'], pages: [page] }) },
          { file: 'pledge.pdf', facts: facts('2'.repeat(64), { seals: [seal] }) },
          { file: 'report.pdf', facts: facts('3'.repeat(64), { reportNumber: 'XYBG2026123' }) },
          { file: 'shared.pdf', facts: facts('4'.repeat(64), { certificates: ['999Q00000R1M'], pages: [{ page: 1, dhash: '1111222233334444', fine: hex(1024, [], 2) }] }) },
        ],
      });
      const b = await recordSubmission(store, {
        ...B,
        files: [
          // Another certificate with A's number; a page whose coarse hash matches A's but whose fine one is far.
          { file: 'b-cert.pdf', facts: facts('5'.repeat(64), { certificates: ['123Q45678R0M'], pages: [{ ...page, fine: hex(1024, range(0, 200)) }] }) },
          // A's seal image, a few bits off (re-rendered), on B's pledge.
          { file: 'b-pledge.pdf', facts: facts('6'.repeat(64), { seals: [{ page: 1, hash: hex(256, [3, 50, 200, 201], 1) }] }) },
          { file: 'b-report.pdf', facts: facts('7'.repeat(64), { reportNumber: 'XYBG2026123' }) },
          // The very same file as A's: said once, as the file (not its page and number again).
          { file: 'b-shared.pdf', facts: facts('4'.repeat(64), { certificates: ['999Q00000R1M'], pages: [{ page: 1, dhash: '1111222233334444', fine: hex(1024, [], 2) }] }) },
          // A seal of another company: far from A's.
          { file: 'b-licence.pdf', facts: facts('8'.repeat(64), { seals: [{ page: 1, hash: hex(256, range(100, 16), 1) }] }) },
        ],
      });
      expect(codes(b)).toEqual(
        [
          'QC_REPEAT_CERTIFICATE b-cert.pdf→a/cert.pdf',
          'QC_REPEAT_SEAL b-pledge.pdf→a/pledge.pdf',
          'QC_REPEAT_REPORT_NUMBER b-report.pdf→a/report.pdf',
          'QC_REPEAT_FILE b-shared.pdf→a/shared.pdf',
        ].sort(),
      );
      expect(b.every((f) => f.severity === 'warning' && f.message.startsWith('疑似'))).toBe(true);
      expect(b.find((f) => f.code === 'QC_REPEAT_SEAL')!.params).toMatchObject({ otherCompany: '甲公司', page: 1, otherPage: 2 });

      // A, recorded first, learns of B when asked again; the same company twice is no repeat.
      await recordSubmission(store, { ...A2, files: [{ file: 'cert-copy.pdf', facts: facts('1'.repeat(64), { certificates: ['123Q45678R0M'] }) }] });
      const a = await crossFindings(store, 'a');
      expect(codes(a)).toEqual(
        ['QC_REPEAT_CERTIFICATE cert.pdf→b/b-cert.pdf', 'QC_REPEAT_SEAL pledge.pdf→b/b-pledge.pdf', 'QC_REPEAT_REPORT_NUMBER report.pdf→b/b-report.pdf', 'QC_REPEAT_FILE shared.pdf→b/b-shared.pdf'].sort(),
      );
      expect(await crossFindings(store, 'a-again')).toEqual([
        expect.objectContaining({ code: 'QC_REPEAT_CERTIFICATE', file: 'cert-copy.pdf', other: expect.objectContaining({ submission: 'b' }) }),
      ]);
    });

    it('a page repeated alone (same rendering, another file) is a page finding; recording again replaces, not adds', async () => {
      const page = { page: 3, dhash: 'feedfacecafebeef', fine: hex(1024, [], 3) };
      await recordSubmission(store, { id: 'c', company: { name: '丙公司', creditCode: '91320000000000003C' }, files: [{ file: 'c.pdf', facts: facts('9'.repeat(64), { pages: [page] }) }] });
      const once = await recordSubmission(store, { id: 'd', company: { name: '丁公司', creditCode: '91320000000000004D' }, files: [{ file: 'd.pdf', facts: facts('a'.repeat(64), { pages: [{ ...page, page: 1, fine: hex(1024, [7, 9], 3) }] }) }] });
      const twice = await recordSubmission(store, { id: 'd', company: { name: '丁公司', creditCode: '91320000000000004D' }, files: [{ file: 'd.pdf', facts: facts('a'.repeat(64), { pages: [{ ...page, page: 1, fine: hex(1024, [7, 9], 3) }] }) }] });
      expect(codes(once)).toEqual(['QC_REPEAT_PAGE d.pdf→c/c.pdf']);
      expect(twice).toEqual(once);
      expect(once[0]!.params).toMatchObject({ page: 1, otherPage: 3 });
    });

    it('a page under three companies or more is boilerplate, and a blank page is no repeat', async () => {
      const notes = { page: 9, dhash: '0123012301230123', fine: hex(1024, [], 4) };
      const blankPage = { page: 1, dhash: '0000000000000000', fine: '0'.repeat(256) };
      const record = (id: string, code: string, pages: { page: number; dhash: string; fine: string }[]) =>
        recordSubmission(store, { id, company: { name: `${id}公司`, creditCode: code }, files: [{ file: `${id}.pdf`, facts: facts(`${id}`.padEnd(64, '0'), { pages }) }] });
      expect(codes(await record('e', '91320000000000005E', [notes, blankPage]))).toEqual([]);
      // Two companies: the notes page is a repeat (the blank page is not).
      expect(codes(await record('f', '91320000000000006F', [notes, blankPage]))).toEqual(['QC_REPEAT_PAGE f.pdf→e/e.pdf']);
      // A third: the page is everybody's, said of nobody any more.
      expect(codes(await record('g', '91320000000000007G', [notes, blankPage]))).toEqual([]);
      expect(codes(await crossFindings(store, 'e'))).toEqual([]);
    });
  });
}

describe('hammingHex', () => {
  it('counts the bits that differ', () => {
    expect(hammingHex('00', '00')).toBe(0);
    expect(hammingHex('0f', 'f0')).toBe(8);
    expect(hammingHex('8', '1')).toBe(2);
    expect(hammingHex('ab', 'abc')).toBe(Number.POSITIVE_INFINITY);
  });
});
