/**
 * The sample submission shipped in examples/submission/: the README's main-job command runs
 * on it, so it must show every planted defect — and call nothing else an error.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSubmissionFile } from '../src/checks/submission.js';
import type { CheckResult } from '../src/checks/schema.js';
import { TesseractEngine } from '../src/reading/ocr/tesseract.js';
import { renderHtmlReport } from '../src/report/html.js';
import { makeExampleSubmission, PLANTED } from './examples/make-submission.js';
import { REPO_ROOT } from './helpers/render.js';
import { uncoveredCharacters } from './helpers/report-font.js';

const DIR = path.join(REPO_ROOT, 'examples/submission');
let engine: TesseractEngine;
let result: CheckResult;

beforeAll(async () => {
  if (process.env.UPDATE_EXAMPLES === '1' || !existsSync(path.join(DIR, 'submission.json'))) {
    if (process.env.CI) throw new Error('examples/submission is missing: run UPDATE_EXAMPLES=1 npx vitest run test/example-submission.test.ts and commit it');
    await makeExampleSubmission(DIR);
  }
  engine = new TesseractEngine();
  result = await checkSubmissionFile(path.join(DIR, 'submission.json'), { engine, previews: true });
}, 180_000);

afterAll(async () => {
  await engine?.close();
});

describe('examples/submission', () => {
  it('fails, finding every planted defect', () => {
    expect(result.verdict).toBe('fail');
    for (const planted of PLANTED) {
      const found = result.findings.some((f) => f.code === planted.code && (!planted.file || f.file === planted.file));
      expect(found, `${planted.code} in ${planted.file}`).toBe(true);
    }
  });

  it('calls nothing else an error', () => {
    const unexpected = result.findings.filter((f) => f.severity === 'error' && !PLANTED.some((p) => p.code === f.code && (!p.file || p.file === f.file)));
    expect(unexpected.map((f) => `${f.code} ${f.file ?? ''}: ${f.message}`)).toEqual([]);
  });

  it('suggests the right window for the misplaced certificate, and reads the right code everywhere', () => {
    const misplaced = result.files.find((f) => f.file === '品牌建设-质量管理体系认证证书.pdf')!;
    expect(misplaced.misplaced).toBe(true);
    expect(misplaced.suggestedSlot).toBe('infrastructure');
    for (const file of result.files.filter((f) => f.kind !== 'evidence')) {
      expect(file.creditCode?.value, file.file).toBe(result.company.creditCode);
    }
  });

  it('renders one self-contained HTML report: a thumbnail per file with the seals and the code boxed where they were found', async () => {
    const html = await renderHtmlReport(result);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    for (const file of result.files) {
      expect(file.preview, file.file).not.toBeNull();
      expect(file.preview!.dataUri.startsWith('data:image/jpeg;base64,')).toBe(true);
    }
    expect(html.match(/<img src="data:image\/jpeg;base64,/g)?.length).toBe(result.files.length);
    const pledge = result.files.find((f) => f.slot === 'pledge')!;
    const seal = pledge.seal.regions.find((r) => r.page === pledge.preview!.page)!;
    // The seal's box, scaled onto the thumbnail, is drawn where the check found it.
    const x = (seal.x * pledge.preview!.scale).toFixed(1);
    expect(html).toContain(`<rect class="seal" x="${x}"`);
    expect(html).toContain('<rect class="code"');
    for (const f of result.findings) expect(html).toContain(f.message.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;'));
    // It carries the font for every character it shows (test/report-font.test.ts draws it in Chromium).
    expect(await uncoveredCharacters(html)).toEqual([]);
  });
});
