/**
 * The HTTP service with a store of what was seen (`--store`, issue 18): every checked
 * submission is recorded by its fingerprints, and the same material under another company is
 * a finding of the second submission — over the synchronous route and the asynchronous one.
 * The store here is SQLite; the store's own suite (test/store.test.ts) runs on PostgreSQL too.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkResultSchema, type CheckResult } from '../src/checks/schema.js';
import type { OcrEngine } from '../src/reading/ocr/engine.js';
import { createEngine } from '../src/reading/ocr/registry.js';
import { checkRepeats } from '../src/review/repeats.js';
import { buildServer } from '../src/server/app.js';
import { openStore } from '../src/store/store.js';
import { EXAMPLES, waitFor } from './helpers/server-fixtures.js';

const dir = mkdtempSync(path.join(tmpdir(), 'qcredit-store-server-'));
const CERTIFICATE = '品牌建设-质量管理体系认证证书.pdf';
const certificate = new Uint8Array(readFileSync(path.join(EXAMPLES, 'submission', CERTIFICATE)));
const vectors = readFileSync(path.join(EXAMPLES, '..', 'test', 'fixtures', 'uscc-valid-vectors.txt'), 'utf8').split('\n').filter((l) => /^[0-9A-Z]{18}$/.test(l));

/** A one-file submission of `company`: the example certificate in its window. */
function submissionOf(name: string, creditCode: string) {
  return { company: { name, creditCode }, level: 'AA' as const, applicationDate: '2026-06-18', files: [{ path: CERTIFICATE, slot: 'brand-building' }] };
}

function form(submission: object): FormData {
  const data = new FormData();
  data.append('submission', JSON.stringify(submission));
  data.append('files', new Blob([certificate]), CERTIFICATE);
  return data;
}

const repeatCodes = (result: CheckResult) => result.findings.filter((f) => f.code.startsWith('QC_REPEAT_')).map((f) => f.code);

let engine: OcrEngine;
let app: FastifyInstance;
let base: string;

beforeAll(async () => {
  engine = await createEngine('tesseract', { workers: 1 });
  app = await buildServer({ port: 0, logLevel: 'silent', store: path.join(dir, 'seen.sqlite') }, { engine });
  base = await app.listen({ port: 0, host: '127.0.0.1' });
  // The engine warms up before the server takes checks.
  await waitFor(async () => (await fetch(`${base}/readyz`)).status === 200);
});
afterAll(async () => {
  await app?.close();
  await engine?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a server with a store of what was seen', () => {
  it('POST /v1/check: the same certificate under a second company is a QC_REPEAT_FILE warning naming the first; the same company again is none', async () => {
    const first = await fetch(`${base}/v1/check`, { method: 'POST', body: form(submissionOf('苏州甲科技有限公司', vectors[1]!)) });
    expect(first.status).toBe(200);
    expect(repeatCodes(checkResultSchema.parse(await first.json()))).toEqual([]);

    const again = await fetch(`${base}/v1/check`, { method: 'POST', body: form(submissionOf('苏州甲科技有限公司', vectors[1]!)) });
    expect(repeatCodes(checkResultSchema.parse(await again.json()))).toEqual([]);

    const second = await fetch(`${base}/v1/check`, { method: 'POST', body: form(submissionOf('无锡乙机械有限公司', vectors[2]!)) });
    const result = checkResultSchema.parse(await second.json());
    expect(repeatCodes(result)).toEqual(['QC_REPEAT_FILE']);
    const repeat = result.files[0]!.findings.find((f) => f.code === 'QC_REPEAT_FILE')!;
    expect(repeat.severity).toBe('warning');
    expect(repeat.message).toContain('苏州甲科技有限公司');
    expect(repeat.message).toContain('疑似');
  });

  it('POST /v1/checks (in process): the finished job\'s result carries the repeats too, one for each other company', async () => {
    const posted = await fetch(`${base}/v1/checks`, { method: 'POST', body: form(submissionOf('南通丙纺织有限公司', vectors[3]!)) });
    expect(posted.status).toBe(202);
    const location = posted.headers.get('location')!;
    let view: { status: string; result: CheckResult | null } = { status: 'queued', result: null };
    await waitFor(async () => {
      view = (await (await fetch(`${base}${location}`)).json()) as typeof view;
      return view.status === 'completed' || view.status === 'failed';
    });
    expect(view.status).toBe('completed');
    // Seen under two companies before (one of them twice): one finding for each company.
    const result = checkResultSchema.parse(view.result);
    expect(repeatCodes(result)).toEqual(['QC_REPEAT_FILE', 'QC_REPEAT_FILE']);
    const messages = result.findings.filter((f) => f.code === 'QC_REPEAT_FILE').map((f) => f.message).join('\n');
    expect(messages).toContain('苏州甲科技有限公司');
    expect(messages).toContain('无锡乙机械有限公司');
  });
});

describe('retention', () => {
  it('a sighting older than the retention period is forgotten before the next submission is compared', async () => {
    const store = await openStore(path.join(dir, 'retention.sqlite'));
    try {
      const result = (name: string, code: string): CheckResult =>
        ({ company: { name, creditCode: code }, files: [{ file: CERTIFICATE, sha256: 'c'.repeat(64), findings: [] }], findings: [] }) as unknown as CheckResult;
      const bytesOf = (file: string) => (file === CERTIFICATE ? certificate : undefined);
      await checkRepeats(store, result('苏州甲科技有限公司', vectors[1]!), bytesOf, { id: 'a', now: '2026-01-10T00:00:00.000Z' });
      // Within 30 days: the repeat is found.
      const soon = await checkRepeats(store, result('无锡乙机械有限公司', vectors[2]!), bytesOf, { id: 'b', now: '2026-02-01T00:00:00.000Z', retentionDays: 30 });
      expect(repeatCodes(soon)).toEqual(['QC_REPEAT_FILE']);
      // Past 30 days from both: both earlier sightings are gone.
      const later = await checkRepeats(store, result('南通丙纺织有限公司', vectors[3]!), bytesOf, { id: 'c', now: '2026-04-01T00:00:00.000Z', retentionDays: 30 });
      expect(repeatCodes(later)).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
