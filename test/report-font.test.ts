/**
 * The HTML report draws its Chinese with a font it carries: a subset of the shipped Noto Sans
 * SC, as a WOFF2 data URI, covering exactly the characters the page shows. Checked on the
 * bytes (an @font-face with a data URI, nothing loaded from outside, every character covered,
 * read back with fontkit) and in Chromium with every Chinese-capable system font hidden, where
 * the page without its font draws boxes.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as fontkit from 'fontkit';
import { chromium, type Browser, type Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assessEligibility, eligibilityFindings, type EligibilityFacts } from '../src/checks/eligibility.js';
import { checkResultSchema, type CheckResult } from '../src/checks/schema.js';
import { finding } from '../src/checks/types.js';
import { getIndicator } from '../src/domain/catalogue.js';
import { renderHtmlReport } from '../src/report/html.js';
import { REPORT_FONT_FAMILY } from '../src/report/font.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH, chromiumUnavailable } from './helpers/browser.js';
import { fontFaceOf, isChinese, uncoveredCharacters, visibleText } from './helpers/report-font.js';

const SHOTS = path.join(tmpdir(), 'qcredit-report-font');
const CODE = '9132038148150847XC';

/** A report with every part the page can show: eligibility, general findings, file cards of each kind, windows. */
async function fullReport(): Promise<CheckResult> {
  const facts: EligibilityFacts = {
    level: 'AA',
    applicationDate: '2026-06-18',
    company: { name: '徐州玥琍家纺股份有限公司', creditCode: CODE, entityType: '股份有限公司', establishedOn: '2024-03-01', termOpen: true },
    report: { file: '3-专项信用报告.pdf', byOcr: false, records: [], recordsFound: false },
  };
  const eligibility = assessEligibility(facts);
  const thumb = await sharp({ create: { width: 120, height: 170, channels: 3, background: '#ffffff' } }).jpeg().toBuffer();
  const preview = { page: 1, width: 120, height: 170, scale: 0.1, dataUri: `data:image/jpeg;base64,${thumb.toString('base64')}` };
  const box = { x: 100, y: 100, width: 300, height: 300 };
  const base = {
    sha256: '0'.repeat(64), type: 'pdf', pages: [{ number: 1, width: 1200, height: 1700, dpi: 150, source: 'ocr' }], kindConfidence: 0.9,
    creditCode: null, seal: { present: false, confidence: 0, regions: [], onSealArea: null }, signature: null, signedDate: null, signing: null,
    report: null, licence: null, window: null, company: null, findings: [], preview: null, partlyRead: false, elapsedMs: 0, misplaced: false, suggestedSlot: null,
  };
  const files = [
    {
      ...base, file: '1-营业执照.pdf', kind: 'business-license', slot: 'business-license', preview,
      creditCode: { value: null, valid: false, repaired: false, raw: '91320381481508', candidates: [], page: 1, box },
      company: { name: '徐州玥琍家纺股份有限公司', establishedOn: '2024-03-01' },
      licence: { name: '徐州玥琍家纺股份有限公司', entityType: '股份有限公司（非上市、自然人投资或控股）', legalRepresentative: '张晓燕', registeredCapital: '5000万元', establishedOn: '2024-03-01', termFrom: '2024-03-01', termTo: null, termOpen: true, address: '江苏省新沂市经济技术开发区富民路13号', registrationAuthority: '新沂市市场监督管理局', issuedOn: '2024-03-01', sources: {} },
      findings: [{ ...finding('QC_MATERIAL_MISSING', 'warning', { material: '营业执照副本' }, { page: 1 }), file: '1-营业执照.pdf' }],
    },
    {
      ...base, file: '2-承诺书（扫描）.jpg', type: 'jpeg', kind: 'pledge', slot: 'pledge', preview,
      creditCode: { value: CODE, valid: true, repaired: true, raw: '9132038148I50847XC', candidates: [], page: 1, box },
      seal: { present: true, confidence: 0.9, regions: [{ ...box, page: 1, color: 'red', confidence: 0.93 }], onSealArea: true },
      signature: { present: false, confidence: 0.2 }, signing: { date: null, filled: true },
    },
    {
      ...base, file: '3-专项信用报告.pdf', kind: 'credit-report', slot: 'credit-report',
      report: { from: '2023-06-18', to: '2026-06-17', generatedAt: '2026-06-17', reportNumber: 'JS20260617-0042', simplePenaltyIncluded: true, allDomains: true, records: [], recordsFound: false, sources: { period: null, generatedAt: null, reportNumber: null, settings: null } },
    },
    {
      ...base, file: '品牌建设-质量管理体系认证证书.pdf', kind: 'evidence', slot: 'brand-building', misplaced: true, suggestedSlot: 'infrastructure',
      window: { id: 'infrastructure', confidence: 0.82, ranking: [], reasons: [], bullets: [] },
    },
  ];
  const windows = (['infrastructure', 'brand-building'] as const).map((id) => ({
    id,
    files: id === 'brand-building' ? ['品牌建设-质量管理体系认证证书.pdf'] : [],
    bullets: getIndicator(id).bullets.map((b, i) => ({ id: b.id, text: b.text, evidenced: i === 0, files: [] })),
    partlyRead: id === 'brand-building' ? ['品牌建设-质量管理体系认证证书.pdf'] : [],
  }));
  const findings = [...eligibilityFindings(eligibility), finding('QC_MATERIAL_MISSING', 'error', { material: '承诺书' })];
  return checkResultSchema.parse({
    verdict: 'fail', company: { name: facts.company.name, creditCode: CODE }, level: 'AA', applicationDate: facts.applicationDate,
    files, findings, eligibility, windows, elapsedMs: 0,
  });
}

let result: CheckResult;
let html: string;

beforeAll(async () => {
  result = await fullReport();
  html = await renderHtmlReport(result);
}, 60_000);

describe('the HTML report’s embedded font', () => {
  it('is one @font-face with a WOFF2 data URI, first in the page’s font list; the page names no outside resource', () => {
    expect(html.match(/@font-face/g)).toHaveLength(1);
    const face = fontFaceOf(html);
    expect(face.family).toBe(REPORT_FONT_FAMILY);
    expect(face.format).toBe('woff2');
    expect(face.bytes.subarray(0, 4).toString('latin1')).toBe('wOF2');
    expect(html).toContain(`body{font-family:"${REPORT_FONT_FAMILY}","Noto Sans SC",`);
    // Monospaced text (credit codes) falls back to it for the Chinese words beside them.
    expect(html).toMatch(new RegExp(`\\.mono\\{font-family:[^}]*"${REPORT_FONT_FAMILY}"\\}`));
    // Every URL the page names is a data: URI: no fetch, no @import, no link to anywhere.
    const urls = [...html.matchAll(/(?:src|href)\s*=\s*["']?([^"'\s>]+)|url\(\s*["']?([^"')]+)/g)].map((m) => m[1] ?? m[2]!);
    expect(urls.length).toBeGreaterThan(0);
    expect(urls.filter((u) => !u.startsWith('data:'))).toEqual([]);
    expect(html).not.toMatch(/@import|<link\b|<script\b|https?:\/\//);
  });

  it('covers every character the page shows that the shipped font has, every Chinese one among them, and little else', async () => {
    const shown = [...new Set(visibleText(html))].filter((c) => c > ' ');
    expect(shown.filter(isChinese).length).toBeGreaterThan(300);
    expect(await uncoveredCharacters(html)).toEqual([]);
    // A subset, not the font: one glyph per character shown (plus .notdef, digits and space, which are always kept).
    const font = fontkit.create(fontFaceOf(html).bytes) as fontkit.Font;
    expect(font.numGlyphs).toBeLessThanOrEqual(shown.length + 12);
    expect(font.hasGlyphForCodePoint('龘'.codePointAt(0)!)).toBe(false);
  });

  it('follows the report’s own text: a company name’s rare characters are embedded too', async () => {
    const name = '徐州犇鑫龘堃纺织有限公司';
    const other = await renderHtmlReport({ ...result, company: { ...result.company, name } });
    const font = fontkit.create(fontFaceOf(other).bytes) as fontkit.Font;
    for (const char of '犇鑫龘堃') expect(font.hasGlyphForCodePoint(char.codePointAt(0)!), char).toBe(true);
  });
});

const unavailable = chromiumUnavailable();
if (unavailable) console.warn(`skipped the report font's browser test (test/report-font.test.ts): ${unavailable}`);

/**
 * Fontconfig as the system has it, minus every font that covers Chinese, Japanese or Korean:
 * the machine of a reader who has no Chinese font, whatever this machine has installed.
 */
function fontconfigWithoutCjk(dir: string): string {
  const file = path.join(dir, 'fonts.conf');
  const reject = ['zh', 'ja', 'ko'].map((lang) => `<pattern><patelt name="lang"><string>${lang}</string></patelt></pattern>`).join('');
  writeFileSync(
    file,
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n<include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n<selectfont><rejectfont>${reject}</rejectfont></selectfont>\n<cachedir>${path.join(dir, 'cache')}</cachedir>\n</fontconfig>\n`,
  );
  return file;
}

/**
 * Per character, whether it is drawn differently from a character no font has (the missing-
 * glyph box), on a canvas in the page once its fonts are ready. (Browser code as a string:
 * this project's types have no DOM.)
 */
async function drawnUnlikeBox(page: Page, family: string, chars: string[]): Promise<Record<string, boolean>> {
  return (await page.evaluate(`(async () => {
    await document.fonts.ready;
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 48;
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    const pixels = (char) => {
      ctx.clearRect(0, 0, 48, 48);
      ctx.font = ${JSON.stringify(`32px "${family}", sans-serif`)};
      ctx.fillText(char, 4, 38);
      return ctx.getImageData(0, 0, 48, 48).data.join(',');
    };
    // A private-use code point: no font has it, so it is drawn as the missing-glyph box.
    const box = pixels('\\ue000');
    return Object.fromEntries(${JSON.stringify(chars)}.map((c) => [c, pixels(c) !== box]));
  })()`)) as Record<string, boolean>;
}

describe.skipIf(unavailable !== null)('the HTML report in Chromium with no Chinese font on the system', () => {
  let dir: string;
  let browser: Browser;
  let page: Page;
  const requested: string[] = [];
  const withoutFace = () => html.replace(/@font-face\{[^}]*\}/, '');

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'qcredit-fontconfig-'));
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, env: { ...process.env, FONTCONFIG_FILE: fontconfigWithoutCjk(dir) } });
    page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    page.on('request', (request) => {
      if (!request.url().startsWith('data:')) requested.push(request.url());
    });
    mkdirSync(SHOTS, { recursive: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('draws boxes for Chinese without the embedded font (no system font stands in)', async () => {
    await page.setContent(withoutFace());
    const drawn = await drawnUnlikeBox(page, 'sans-serif', [...'资质预审报告', 'a']);
    expect(drawn).toEqual({ 资: false, 质: false, 预: false, 审: false, 报: false, 告: false, a: true });
    await page.screenshot({ path: path.join(SHOTS, 'without-font.png'), fullPage: true });
  });

  it('loads the embedded font from the page alone and draws every Chinese character the reader sees with it', async () => {
    await page.setContent(html);
    const family = JSON.stringify(REPORT_FONT_FAMILY);
    const state = (await page.evaluate(`(async () => {
      await document.fonts.ready;
      return {
        statuses: [...document.fonts].filter((f) => f.family.replace(/"/g, '') === ${family}).map((f) => f.status),
        check: document.fonts.check('16px "' + ${family} + '"', '资质'),
        text: document.body.innerText,
      };
    })()`)) as { statuses: string[]; check: boolean; text: string };
    expect(state.statuses).toEqual(['loaded']);
    expect(state.check).toBe(true);
    // The ideographic space draws nothing, with a font or without: there is nothing to compare.
    const chinese = [...new Set(state.text)].filter((c) => isChinese(c) && !/\s/.test(c));
    expect(chinese.length).toBeGreaterThan(300);
    const drawn = await drawnUnlikeBox(page, REPORT_FONT_FAMILY, chinese);
    expect(Object.entries(drawn).filter(([, ok]) => !ok).map(([c]) => c)).toEqual([]);
    await page.screenshot({ path: path.join(SHOTS, 'with-font.png'), fullPage: true });
    expect(requested).toEqual([]);
  });

  it('draws a Chinese heading differently from the same page without its font', async () => {
    const heading = async (doc: string) => {
      await page.setContent(doc);
      await page.evaluate('document.fonts.ready');
      return page.locator('#h-eligibility').screenshot();
    };
    const withFont = await heading(html);
    const without = await heading(withoutFace());
    writeFileSync(path.join(SHOTS, 'heading-with-font.png'), withFont);
    writeFileSync(path.join(SHOTS, 'heading-without-font.png'), without);
    expect(withFont.equals(without)).toBe(false);
  });
});
