/**
 * The reviewer's desk in parts: slots from file names, certificate numbers from text, the CSV
 * Excel opens, the progress line, and seal prints that tell a pasted copy from another seal.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { runCli } from '../src/cli/main.js';
import { progressLine } from '../src/cli/review.js';
import { slotFromName } from '../src/review/discover.js';
import { certificateNumbers, sealPrint } from '../src/review/fingerprint.js';
import { toCsv } from '../src/review/outputs.js';
import { hammingHex, SEAL_BITS_APART } from '../src/store/index.js';
import type { RasterImage } from '../src/reading/types.js';
import { parseCsv } from './helpers/review-csv.js';

describe('slotFromName', () => {
  it('reads windows first, then the three materials; says nothing of a name that says nothing', () => {
    expect(slotFromName('质量文化-企业质量信用报告.pdf')).toBe('quality-culture');
    expect(slotFromName('3-专项信用报告.pdf')).toBe('credit-report');
    expect(slotFromName('1-营业执照（副本）.jpg')).toBe('business-license');
    expect(slotFromName('承诺书扫描.pdf')).toBe('pledge');
    expect(slotFromName('04-基础设施建设-质量管理体系认证证书.pdf')).toBe('infrastructure');
    expect(slotFromName('质量信用改进-QC成果.pdf')).toBe('credit-improvement');
    expect(slotFromName('brand-building.pdf')).toBe('brand-building');
    expect(slotFromName('scan-0001.pdf')).toBeNull();
  });
});

describe('certificateNumbers', () => {
  it('takes labelled numbers with digits enough, not document numbers', () => {
    expect(certificateNumbers('质量管理体系认证证书\n证书编号：34126Q17997R2M\n文件编号：QM-12-3')).toEqual(['34126Q17997R2M']);
    expect(certificateNumbers('证书号 GR202432001234')).toEqual(['GR202432001234']);
    expect(certificateNumbers('证书编号：待定')).toEqual([]);
    expect(certificateNumbers('证书编号：ABCDEFG1')).toEqual([]);
  });
});

describe('toCsv', () => {
  it('writes a BOM, quotes what needs quoting, and reads back the same', () => {
    const table = { name: 't', headers: ['企业名称', '说明'], rows: [['甲,乙"公司"', '第一行\n第二行'], [3, { text: 'reports/a.html', hyperlink: 'reports/a.html' }]] };
    const csv = toCsv(table);
    expect(csv.startsWith('\uFEFF企业名称,说明\r\n')).toBe(true);
    expect(parseCsv(csv)).toEqual({ bom: true, rows: [['企业名称', '说明'], ['甲,乙"公司"', '第一行\n第二行'], ['3', 'reports/a.html']] });
  });
});

describe('progressLine', () => {
  it('says the submissions and files done, the time left and the submission in work', () => {
    expect(progressLine({ submissionsDone: 3, submissionsTotal: 12, filesDone: 17, filesTotal: 60, current: '甲公司', etaMs: 95_000 })).toBe('[3/12 份] 文件 17/60，约剩 1分35秒 · 甲公司');
    expect(progressLine({ submissionsDone: 0, submissionsTotal: 2, filesDone: 0, filesTotal: 9, current: null, etaMs: null })).toBe('[0/2 份] 文件 0/9');
  });
});

/** A red ring with a mark in it (the "text"), black lines through it, on white, at `scale`. */
async function sealOnPage(mark: 'a' | 'b', scale: number, lines: number): Promise<{ image: RasterImage; box: { x: number; y: number; width: number; height: number } }> {
  const size = Math.round(120 * scale);
  const text = mark === 'a' ? '<rect x="40" y="30" width="10" height="60"/>' : '<rect x="70" y="30" width="10" height="60"/>';
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="300" height="300" viewBox="0 0 300 300"><rect width="300" height="300" fill="#fff"/>
    ${Array.from({ length: lines }, (_, i) => `<rect x="0" y="${60 + i * 24}" width="300" height="3" fill="#000"/>`).join('')}
    <g transform="translate(90 90) scale(${size / 120})" fill="rgb(222,16,30)" style="mix-blend-mode:multiply"><circle cx="60" cy="60" r="55" fill="none" stroke="rgb(222,16,30)" stroke-width="6"/>${text}</g></svg>`;
  const { data, info } = await sharp(Buffer.from(svg)).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { image: { width: info.width, height: info.height, channels: info.channels as 3, data: new Uint8Array(data) }, box: { x: 92, y: 92, width: size - 4, height: size - 4 } };
}

describe('sealPrint', () => {
  it('a seal image again, larger and on other lines, prints close; another seal does not', async () => {
    const first = await sealOnPage('a', 1, 3);
    const again = await sealOnPage('a', 1.25, 5);
    const other = await sealOnPage('b', 1, 3);
    const [p1, p2, p3] = await Promise.all([sealPrint(1, first.image, first.box), sealPrint(1, again.image, again.box), sealPrint(1, other.image, other.box)]);
    expect(p1!.hash).toHaveLength(64);
    expect(hammingHex(p1!.hash, p2!.hash)).toBeLessThanOrEqual(SEAL_BITS_APART);
    expect(hammingHex(p1!.hash, p3!.hash)).toBeGreaterThan(SEAL_BITS_APART);
  });

  it('no red in the box: no print', async () => {
    const white: RasterImage = { width: 50, height: 50, channels: 3, data: new Uint8Array(50 * 50 * 3).fill(255) };
    expect(await sealPrint(1, white, { x: 5, y: 5, width: 40, height: 40 })).toBeNull();
  });
});

describe('qcredit review, bad input', () => {
  it('a folder without sub-folders of files: exit 2, says why, leaves no output folder', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'qcredit-review-empty-'));
    try {
      mkdirSync(path.join(dir, 'in', '空文件夹'), { recursive: true });
      let stderr = '';
      const status = await runCli(['review', path.join(dir, 'in'), '-o', path.join(dir, 'out'), '--engine', 'tesseract'], { stdout: () => undefined, stderr: (t) => (stderr += t) });
      expect(status).toBe(2);
      expect(stderr).toContain('QC_REVIEW_FOLDER_EMPTY');
      expect(existsSync(path.join(dir, 'out'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('analyses kept between runs (checkSubmission with an analysis cache)', () => {
  it('a file analysed once is taken from the cache the next time; another slot, date or file is analysed anew', async () => {
    const { readFileSync } = await import('node:fs');
    const { checkSubmission, analysisKey } = await import('../src/checks/submission.js');
    type Analysis = import('../src/checks/schema.js').Analysis;
    const examples = path.join(import.meta.dirname, '..', 'examples', 'submission');
    const files = new Map(['3-专项信用报告.pdf', '品牌建设-质量管理体系认证证书.pdf'].map((f) => [f, new Uint8Array(readFileSync(path.join(examples, f)))]));
    const kept = new Map<string, Analysis>();
    let puts = 0;
    const analyses = { get: async (k: string) => kept.get(k) ?? null, put: async (k: string, a: Analysis) => void (puts++, kept.set(k, a)) };
    const submission = (applicationDate: string) => ({
      company: { name: '徐州玥琍家纺股份有限公司', creditCode: '9132038148150847XC' },
      level: 'AA' as const,
      applicationDate,
      files: [
        { path: '3-专项信用报告.pdf', slot: 'credit-report' as const },
        { path: '品牌建设-质量管理体系认证证书.pdf', slot: 'brand-building' as const },
      ],
    });
    const load = async (p: string) => files.get(p)!;
    const first = await checkSubmission(submission('2026-06-18'), load, { analyses, noCache: true });
    expect(puts).toBe(2);
    const second = await checkSubmission(submission('2026-06-18'), load, { analyses, noCache: true });
    expect(puts).toBe(2);
    expect(second.files.map((f) => f.findings)).toEqual(first.files.map((f) => f.findings));
    // Another application date changes the report's checks: both files are analysed again.
    await checkSubmission(submission('2026-07-01'), load, { analyses, noCache: true });
    expect(puts).toBe(4);
    // The key is the bytes and what changes the analysis: another slot is another key.
    const bytes = files.get('3-专项信用报告.pdf')!;
    expect(analysisKey(bytes, 'a.pdf', 'credit-report', { level: 'AA', applicationDate: '2026-06-18' }, {})).not.toBe(
      analysisKey(bytes, 'a.pdf', 'brand-building', { level: 'AA', applicationDate: '2026-06-18' }, {}),
    );
  });
});

describe('the index page', () => {
  it('carries its own subset of the Chinese font, as the reports do (a reader may have no CJK font)', async () => {
    const { renderIndexPage } = await import('../src/review/index-page.js');
    const { REPORT_FONT_FAMILY } = await import('../src/report/font.js');
    const html = await renderIndexPage([]);
    expect(html).toMatch(/@font-face\{font-family:"qcredit [^"]+";src:url\(data:font\/woff2;base64,/);
    expect(html).toContain(`font-family:"${REPORT_FONT_FAMILY}"`);
    // A subset of the page's own characters: small, not the whole font.
    expect(html.length).toBeLessThan(60_000);
  });
});
