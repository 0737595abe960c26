/**
 * The generated PDFs, checked the way a reader sees them: text extracted with pdfjs AND pages
 * rendered to pixels with pdfjs on @napi-rs/canvas using only the fonts embedded in the PDF
 * (a text round trip alone passes even when every glyph is blank; see test/helpers/render.ts).
 *
 * Snapshots: test/snapshots/*.png are reviewed renders. After an intended layout change,
 * regenerate them with `UPDATE_SNAPSHOTS=1 npx vitest run test/pdf.test.ts`, LOOK at every
 * changed PNG, and commit them only if the pages look right. On a mismatch, the render and a
 * diff image are written to test/__output__/.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as fontkit from 'fontkit';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef, decodePDFRawStream, type PDFObject } from 'pdf-lib';
import type { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadFont } from '../src/document/fonts.js';
import { parseMarkup } from '../src/document/markup.js';
import { PAGE, renderPdf } from '../src/document/pdf.js';
import { INDICATORS, type IndicatorId } from '../src/domain/catalogue.js';
import { generatePledge } from '../src/generators/pledge.js';
import { generateSummary } from '../src/generators/summary.js';
import { readApplicationFile, readJsonFile } from '../src/io/json.js';
import {
  REPO_ROOT,
  comparePng,
  extractPdfText,
  inkRatio,
  renderPdfPages,
  type Box,
  type PageText,
  type TextItem,
} from './helpers/render.js';

const repoRoot = REPO_ROOT;
/** CI clones the repository elsewhere but always puts shared/ beside it. */
const NOTICE_PATH = path.resolve(repoRoot, 'test/fixtures/notice-2026.md');
const SNAPSHOT_DIR = path.join(repoRoot, 'test/snapshots');

/** Fixed inputs so the output is byte-for-byte reproducible. */
const CREATION_DATE = new Date('2026-06-15T09:00:00+08:00');
const TODAY = '2026-06-15';
const A4 = { width: 595.28, height: 841.89 };
const RARE_CHARS = [...'喆堃昇珺犇'];

/** The kinsoku rules under test, spelled out here rather than imported from the code under test. */
const NO_START = [...'。，、；：？！）」』】》'];
const NO_END = [...'（「『【《'];

const squash = (text: string) => text.replace(/\s+/gu, '');
const pageText = (page: PageText) => squash(page.lines.join(''));
const docText = (pages: PageText[]) => pages.map(pageText).join('');

interface Company {
  name: string;
  creditCode: string;
  legalRepresentative: string;
  contact: { name: string };
}
interface Application {
  company: Company;
  level: string;
  windows: Partial<Record<IndicatorId, { explanation?: string; evidence?: (string | { file: string })[] }>>;
}

/** The paragraphs and headings of 附件1 in the notice, in order, the credit code blank filled in. */
function officialPledgeParagraphs(creditCode: string): string[] {
  const notice = readFileSync(NOTICE_PATH, 'utf8');
  const lines = notice.split(/\r?\n/).map((l) => l.trim());
  const start = lines.indexOf('附件1');
  const end = lines.findIndex((l, i) => i > start && l.startsWith('附件2'));
  if (start < 0 || end < 0) throw new Error(`附件1 not found in ${NOTICE_PATH}`);
  const paragraphs = lines.slice(start, end).filter(Boolean);
  const blanks = paragraphs.filter((p) => /_{5,}/.test(p));
  if (blanks.length !== 1) throw new Error('expected exactly one blank for the credit code in 附件1');
  return paragraphs.map((p) => squash(p.replace(/_{5,}/, creditCode)));
}

/** Every line part (a line, or one cell's piece of a table row) breaking a kinsoku rule. */
function kinsokuViolations(pages: PageText[]): string[] {
  const bad: string[] = [];
  pages.forEach((page, p) =>
    page.lineParts.forEach((parts, l) =>
      parts.forEach((raw) => {
        const part = squash(raw);
        if (!part) return;
        if (NO_START.includes([...part][0]!)) bad.push(`p${p + 1} l${l + 1} starts with ${[...part][0]}: ${part}`);
        if (NO_END.includes([...part].at(-1)!)) bad.push(`p${p + 1} l${l + 1} ends with ${[...part].at(-1)}: ${part}`);
      }),
    ),
  );
  return bad;
}

/** Text of the items starting between x0 and x1 (points), in reading order, whitespace removed. */
function columnText(pages: PageText[], x0: number, x1: number): string {
  return pages
    .map((page) =>
      [...page.items]
        .filter((i) => i.x >= x0 && i.x < x1)
        .sort((a, b) => b.y - a.y || a.x - b.x)
        .map((i) => i.str)
        .join(''),
    )
    .map(squash)
    .join('');
}

/**
 * The pixel box of the characters `text` inside a text item, at `dpi`: horizontally by the
 * font's advance widths scaled to the item's width, vertically the em box around the baseline.
 */
async function charBox(item: TextItem, text: string, pageHeight: number, dpi: number): Promise<Box> {
  const font = await loadFont('regular');
  const chars = [...item.str];
  const at = item.str.indexOf(text);
  if (at < 0) throw new Error(`“${text}” is not in “${item.str}”`);
  const before = [...item.str.slice(0, at)];
  const adv = (cs: string[]) => cs.reduce((w, c) => w + (/\s/.test(c) ? 0.25 : font.advance(c)), 0);
  const scale = item.width / adv(chars);
  const x = item.x + adv(before) * scale;
  const width = adv([...text]) * scale;
  const k = dpi / 72;
  // Noto Sans SC's ideographic em box runs from 0.88 em above the baseline to 0.12 em below.
  return { x: x * k, y: (pageHeight - item.y - 0.88 * item.height) * k, width: width * k, height: item.height * k };
}

function findItem(page: PageText, text: string): TextItem {
  const item = page.items.find((i) => i.str.includes(text));
  if (!item) throw new Error(`no text item contains “${text}”`);
  return item;
}

/** A copy of the PDF whose embedded TrueType fonts have every glyph outline zeroed (blank). */
async function blankEmbeddedGlyphs(bytes: Uint8Array): Promise<{ pdf: Uint8Array; fonts: number }> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  let fonts = 0;
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.of('Type')) !== PDFName.of('FontDescriptor')) continue;
    const ref = object.get(PDFName.of('FontFile2'));
    if (!(ref instanceof PDFRef)) continue;
    const stream = doc.context.lookup(ref);
    if (!(stream instanceof PDFRawStream)) throw new Error('FontFile2 is not a stream');
    const ttf = new Uint8Array(decodePDFRawStream(stream).decode());
    const view = new DataView(ttf.buffer, ttf.byteOffset, ttf.byteLength);
    const numTables = view.getUint16(4);
    for (let t = 0; t < numTables; t++) {
      const entry = 12 + t * 16;
      if (String.fromCharCode(...ttf.subarray(entry, entry + 4)) !== 'glyf') continue;
      ttf.fill(0, view.getUint32(entry + 8), view.getUint32(entry + 8) + view.getUint32(entry + 12));
      fonts++;
    }
    doc.context.assign(ref, doc.context.flateStream(ttf, { Length1: ttf.length }));
  }
  return { pdf: await doc.save({ useObjectStreams: true }), fonts };
}

let company: Company;
let application: Application;
let pledgePdf: Uint8Array;
let pledgeText: PageText[];
let summaryPdf: Uint8Array;
let summaryText: PageText[];

beforeAll(async () => {
  company = (await readJsonFile(path.join(repoRoot, 'examples/company.json'))) as Company;
  application = (await readApplicationFile(path.join(repoRoot, 'examples/application.json'))) as Application;
  pledgePdf = await generatePledge(company, 'pdf', { creationDate: CREATION_DATE });
  pledgeText = (await extractPdfText(pledgePdf)).pages;
  summaryPdf = await generateSummary(application, 'pdf', { creationDate: CREATION_DATE, today: TODAY });
  summaryText = (await extractPdfText(summaryPdf)).pages;
});

describe('pledge PDF (附件1 承诺书)', () => {
  it('is one small A4 page', async () => {
    expect(pledgePdf.byteLength).toBeLessThan(100 * 1024);
    const doc = await PDFDocument.load(pledgePdf);
    expect(doc.getPageCount()).toBe(1);
    const { width, height } = doc.getPage(0).getSize();
    expect(width).toBeCloseTo(A4.width, 2);
    expect(height).toBeCloseTo(A4.height, 2);
    expect(pledgeText).toHaveLength(1);
    expect(pledgeText[0]!.width).toBeCloseTo(A4.width, 2);
    expect(pledgeText[0]!.height).toBeCloseTo(A4.height, 2);
  });

  it('is byte-for-byte reproducible with a fixed creation date', async () => {
    const again = await generatePledge(company, 'pdf', { creationDate: CREATION_DATE });
    expect(Buffer.from(again).equals(Buffer.from(pledgePdf))).toBe(true);
  });

  it('carries every paragraph and heading of the official 附件1, in order, the code in the blank', () => {
    const official = officialPledgeParagraphs(company.creditCode);
    // 附件1, title, preamble, 6 × (heading + paragraph), signature labels, date line.
    expect(official.length).toBeGreaterThanOrEqual(17);
    expect(official.some((p) => p.includes(company.creditCode))).toBe(true);
    const text = pageText(pledgeText[0]!);
    let from = 0;
    for (const paragraph of official) {
      const at = text.indexOf(paragraph, from);
      expect(at, `official text missing or out of order: ${paragraph}`).toBeGreaterThanOrEqual(0);
      from = at + paragraph.length;
    }
  });

  it('names the company and has the signing area with a blank date', () => {
    const text = pageText(pledgeText[0]!);
    expect(text).toContain(company.name);
    expect(text).toContain(`申报企业（全称）：${company.name}`);
    for (const label of ['法定代表人（或负责人）签字：', '单位公章：', '年', '月', '日']) expect(text).toContain(label);
    expect(text.endsWith('年月日')).toBe(true);
  });

  it('prints the signing date when given', async () => {
    const pdf = await generatePledge(company, 'pdf', { creationDate: CREATION_DATE, signedDate: '2026-06-01' });
    const text = pageText((await extractPdfText(pdf)).pages[0]!);
    expect(text).toContain('2026年6月1日');
    expect(text).not.toContain('年月日');
  });
});

describe('fonts', () => {
  async function embeddedFonts(bytes: Uint8Array) {
    const doc = await PDFDocument.load(bytes);
    const fonts: { name: string; embedded: boolean; glyphs: number; bytes: number }[] = [];
    const fontFile = (descriptor: PDFDict | undefined) => {
      const ref = descriptor?.get(PDFName.of('FontFile2'));
      const stream = ref instanceof PDFRef ? doc.context.lookup(ref) : undefined;
      return stream instanceof PDFRawStream ? stream : undefined;
    };
    for (const [, object] of doc.context.enumerateIndirectObjects()) {
      if (!(object instanceof PDFDict) || object.get(PDFName.of('Type')) !== PDFName.of('Font')) continue;
      const subtype = object.get(PDFName.of('Subtype'));
      if (subtype === PDFName.of('CIDFontType2')) continue; // checked through its Type0 parent
      const name = String(object.get(PDFName.of('BaseFont')));
      let descriptor: PDFDict | undefined;
      if (subtype === PDFName.of('Type0')) {
        const descendant = object.lookup(PDFName.of('DescendantFonts'), PDFArray).lookup(0, PDFDict);
        descriptor = descendant.lookupMaybe(PDFName.of('FontDescriptor'), PDFDict);
      } else {
        descriptor = object.lookupMaybe(PDFName.of('FontDescriptor'), PDFDict);
      }
      const stream = fontFile(descriptor);
      if (!stream) {
        fonts.push({ name, embedded: false, glyphs: 0, bytes: 0 });
        continue;
      }
      const ttf = decodePDFRawStream(stream).decode();
      const font = fontkit.create(Buffer.from(ttf)) as fontkit.Font;
      fonts.push({ name, embedded: true, glyphs: font.numGlyphs, bytes: ttf.byteLength });
    }
    return fonts;
  }

  it('embeds every font as a small TrueType subset (FontFile2)', async () => {
    for (const pdf of [pledgePdf, summaryPdf]) {
      const fonts = await embeddedFonts(pdf);
      expect(fonts.length).toBeGreaterThanOrEqual(1);
      for (const font of fonts) {
        expect(font.embedded, `${font.name} is not embedded`).toBe(true);
        // The full Noto Sans SC has ~30 000 glyphs; a document uses a few hundred.
        expect(font.glyphs, `${font.name} is not subset`).toBeLessThan(1500);
        expect(font.bytes).toBeLessThan(200 * 1024);
      }
    }
    expect(pledgePdf.byteLength).toBeLessThan(100 * 1024);
    expect(summaryPdf.byteLength).toBeLessThan(250 * 1024);
  });

  /** Each font a page uses, with the three names a Type0 font gives its subset. */
  async function subsetFontNames(bytes: Uint8Array) {
    const doc = await PDFDocument.load(bytes);
    const name = (value: PDFObject | undefined) => (value instanceof PDFName ? value.decodeText() : String(value));
    const fonts = new Map<string, { type0: string; cidFont: string; descriptor: string; program: string }>();
    for (const page of doc.getPages()) {
      const resources = page.node.Resources()?.lookupMaybe(PDFName.of('Font'), PDFDict);
      for (const [, ref] of resources?.entries() ?? []) {
        const font = doc.context.lookup(ref, PDFDict);
        expect(font.get(PDFName.of('Subtype'))).toBe(PDFName.of('Type0'));
        const cidFont = font.lookup(PDFName.of('DescendantFonts'), PDFArray).lookup(0, PDFDict);
        const descriptor = cidFont.lookup(PDFName.of('FontDescriptor'), PDFDict);
        const stream = descriptor.lookup(PDFName.of('FontFile2'));
        if (!(stream instanceof PDFRawStream)) throw new Error('FontFile2 is not a stream');
        const ttf = decodePDFRawStream(stream).decode();
        fonts.set(String(ref), {
          type0: name(font.get(PDFName.of('BaseFont'))),
          cidFont: name(cidFont.get(PDFName.of('BaseFont'))),
          descriptor: name(descriptor.get(PDFName.of('FontName'))),
          program: (fontkit.create(Buffer.from(ttf)) as fontkit.Font).postscriptName,
        });
      }
    }
    return [...fonts.values()];
  }

  it('names every subset with a six-letter tag (ISO 32000-1, 9.6.4), the same in all three places', async () => {
    for (const pdf of [pledgePdf, summaryPdf]) {
      const fonts = await subsetFontNames(pdf);
      // Regular and bold: two different subsets.
      expect(fonts.length).toBe(2);
      for (const font of fonts) {
        expect(font.type0).toMatch(/^[A-Z]{6}\+/);
        expect(font.cidFont).toBe(font.type0);
        expect(font.descriptor).toBe(font.type0);
        // After the tag: the PostScript name of the embedded font program itself.
        expect(font.type0.slice(7)).toBe(font.program);
      }
      expect(new Set(fonts.map((f) => f.type0.slice(0, 6))).size, 'two subsets share a tag').toBe(fonts.length);
    }
    expect((await subsetFontNames(pledgePdf)).map((f) => f.program).sort()).toEqual(['NotoSansSC-Bold', 'NotoSansSC-Regular']);
  });

  const pdffonts = spawnSync('pdffonts', ['-v']).error ? undefined : 'pdffonts';
  it.skipIf(!pdffonts)(`pdffonts reports the subsets as subsets${pdffonts ? '' : ' (skipped: pdffonts from poppler-utils is not installed)'}`, () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'qcredit-pdffonts-'));
    try {
      for (const [file, pdf] of [['pledge.pdf', pledgePdf], ['summary.pdf', summaryPdf]] as const) {
        writeFileSync(path.join(dir, file), pdf);
        const run = spawnSync(pdffonts!, [path.join(dir, file)], { encoding: 'utf8' });
        expect(run.status, run.stderr).toBe(0);
        // Columns are as wide as the dashes under the header: name, type, encoding, emb, sub, uni, object ID.
        const lines = run.stdout.split('\n');
        const rule = lines.findIndex((l) => l.startsWith('---'));
        const columns: [number, number][] = [];
        for (const m of lines[rule]!.matchAll(/-+/g)) columns.push([m.index!, m.index! + m[0].length]);
        const rows = lines.slice(rule + 1).filter((l) => l.trim()).map((l) => columns.map(([from, to]) => l.slice(from, to).trim()));
        expect(rows).toHaveLength(2);
        for (const [name, , , emb, sub] of rows) {
          expect(name).toMatch(/^[A-Z]{6}\+NotoSansSC-/);
          expect({ name, emb, sub }).toEqual({ name, emb: 'yes', sub: 'yes' });
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('extracts and visibly draws the rare name characters 喆堃昇珺犇', async () => {
    const dpi = 144;
    // Pledge: the company name.
    expect(pageText(pledgeText[0]!)).toContain('喆堃');
    const [pledgePage] = await renderPdfPages(pledgePdf, dpi);
    const nameItem = findItem(pledgeText[0]!, company.name);
    const checks: [PNG, PageText, TextItem, string][] = ['喆', '堃'].map((c) => [pledgePage!, pledgeText[0]!, nameItem, c]);

    // Summary: company name, legal representative and contact in the table on page 1.
    const summaryFirst = summaryText[0]!;
    for (const c of RARE_CHARS) expect(pageText(summaryFirst)).toContain(c);
    const [summaryPage] = await renderPdfPages(summaryPdf, dpi);
    for (const c of RARE_CHARS) checks.push([summaryPage!, summaryFirst, findItem(summaryFirst, c), c]);

    for (const [png, page, item, char] of checks) {
      const ink = inkRatio(png, await charBox(item, char, page.height, dpi));
      expect(ink, `“${char}” in “${item.str}” looks blank (ink ${ink.toFixed(3)})`).toBeGreaterThan(0.1);
      // As inky as the common characters beside it: a font missing only the rare glyphs
      // (a GB2312-only subset) would draw those and leave this one blank.
      const common = [...item.str].filter((c) => /\p{Script=Han}/u.test(c) && !RARE_CHARS.includes(c));
      const inks = await Promise.all(common.map(async (c) => inkRatio(png, await charBox(item, c, page.height, dpi))));
      const mean = inks.reduce((a, b) => a + b, 0) / inks.length;
      expect(common.length).toBeGreaterThan(0);
      expect(ink, `“${char}” ink ${ink.toFixed(3)} vs ${mean.toFixed(3)} for ${common.join('')}`).toBeGreaterThan(mean * 0.5);
    }
  });
});

describe('line breaking (禁则)', () => {
  it('no line of the pledge or the summary starts with closing or ends with opening punctuation', () => {
    expect(kinsokuViolations(pledgeText)).toEqual([]);
    expect(kinsokuViolations(summaryText)).toEqual([]);
  });

  it('holds for a long paragraph packed with punctuation, at every indent and in table cells', async () => {
    const pieces: string[] = [];
    for (let n = 0; n < 90; n++) {
      const a = '质量信用等级认定'.slice(0, (n % 7) + 1);
      const b = '企业申报材料'.slice(0, (n % 5) + 1);
      pieces.push(
        [`${a}，`, `（${b}）`, `${a}。`, `「${b}」`, `${a}、`, `【${b}】`, `${a}；`, `《${b}》`, `${a}：`, `『${b}』`, `${a}？`, `${b}！`][n % 12]!,
        n % 4 === 0 ? `（${a}）。` : '',
        n % 9 === 0 ? `《${b}》（${a}），` : '',
        // A space beside punctuation is a break opportunity the kinsoku rules must override.
        n % 6 === 0 ? `${a} ）。（ ${b}` : '',
        n % 8 === 0 ? `ISO 9001 ，GB/T 31870 ）「 ${b}` : '',
      );
    }
    const long = pieces.join('');
    const paragraphs = [0, 1, 2, 3].map((indent) => `<p indent="${indent}">${long}</p>`).join('\n');
    // Sweep a space-then-punctuation pair across the end of the first line.
    const sweep = Array.from({ length: 12 }, (_, k) => `<p>${'字'.repeat(35 + k)} ）后文。${'字'.repeat(35 + k)}（ 前文。</p>`).join('\n');
    const cell = (text: string) => `<td>${text}</td>`;
    const markup = `<document title="禁则测试" page-numbers="on">
<title>禁则（标点）测试</title>
${paragraphs}
${sweep}
<ul><li>${long}</li></ul>
<table widths="13,29,58" header-rows="1"><tr><th>序号</th><th>名称</th><th>说明</th></tr>
<tr>${cell(long.slice(0, 300))}${cell(long.slice(0, 600))}${cell(long)}</tr></table>
</document>`;
    const pdf = await renderPdf(parseMarkup(markup), { creationDate: CREATION_DATE });
    const pages = (await extractPdfText(pdf)).pages;
    const lines = pages.flatMap((p) => p.lineParts.flat().map(squash)).filter(Boolean);
    expect(lines.length).toBeGreaterThan(150);
    expect(kinsokuViolations(pages)).toEqual([]);
    // The rule was really exercised: punctuation sits at many line ends and line starts.
    expect(lines.filter((l) => NO_START.includes([...l].at(-1)!)).length).toBeGreaterThan(30);
    expect(lines.filter((l) => NO_END.includes([...l][0]!)).length).toBeGreaterThan(10);
    // And nothing was lost or duplicated on the way.
    expect(docText(pages)).toContain(squash(long));
  });
});

describe('summary PDF (申报材料汇总)', () => {
  it('has several pages, each numbered 第 N 页 共 M 页', async () => {
    const doc = await PDFDocument.load(summaryPdf);
    const total = doc.getPageCount();
    expect(total).toBeGreaterThanOrEqual(3);
    expect(summaryText).toHaveLength(total);
    summaryText.forEach((page, i) => {
      expect(squash(page.lines.at(-1)!)).toBe(`第${i + 1}页共${total}页`);
      expect(page.width).toBeCloseTo(A4.width, 2);
      expect(page.height).toBeCloseTo(A4.height, 2);
    });
  });

  it('lists every indicator window in catalogue order', () => {
    const text = docText(summaryText);
    let from = 0;
    for (const indicator of INDICATORS) {
      const heading = `窗口${indicator.order}${squash(indicator.name)}（${indicator.points}分）`;
      const at = text.indexOf(heading, from);
      expect(at, `missing or out of order: ${heading}`).toBeGreaterThanOrEqual(0);
      from = at + heading.length;
    }
    // The overview table lists the windows in the same order (its name column).
    const body = PAGE.width - PAGE.left - PAGE.right;
    const names = columnText(summaryText, PAGE.left + body * 0.07, PAGE.left + body * 0.42);
    from = 0;
    for (const indicator of INDICATORS) {
      const at = names.indexOf(squash(indicator.name), from);
      expect(at, `overview: ${indicator.name}`).toBeGreaterThanOrEqual(0);
      from = at + 1;
    }
  });

  it('lists every evidence file of the example', () => {
    const files = Object.values(application.windows).flatMap((w) => (w.evidence ?? []).map((e) => (typeof e === 'string' ? e : e.file)));
    expect(files.length).toBeGreaterThan(20);
    const body = PAGE.width - PAGE.left - PAGE.right;
    // The 文件名 column of the evidence tables (widths 8,46,46).
    const column = columnText(summaryText, PAGE.left + body * 0.08, PAGE.left + body * 0.54);
    for (const file of files) expect(column, file).toContain(squash(file));
  });

  it('flags the window without evidence and the window without an explanation', () => {
    const text = docText(summaryText);
    const section = (order: number) => {
      const start = text.indexOf(`窗口${order}${squash(INDICATORS[order - 1]!.name)}`);
      const next = INDICATORS[order] ? text.indexOf(`窗口${order + 1}${squash(INDICATORS[order]!.name)}`) : text.length;
      return text.slice(start, next);
    };
    const noEvidence = INDICATORS.filter((i) => !application.windows[i.id]?.evidence?.length);
    const noExplanation = INDICATORS.filter((i) => !application.windows[i.id]?.explanation?.trim());
    expect(noEvidence.map((i) => i.id)).toEqual(['credit-improvement']);
    expect(noExplanation.map((i) => i.id)).toEqual(['social-responsibility']);
    expect(text.split('【未列出证明材料】')).toHaveLength(2);
    expect(text.split('【未填写指标说明】')).toHaveLength(2);
    expect(section(noEvidence[0]!.order)).toContain('【未列出证明材料】');
    expect(section(noExplanation[0]!.order)).toContain('【未填写指标说明】');
  });

  it('repeats the evidence table header on every page a 120-file table continues on', async () => {
    const files = Array.from({ length: 120 }, (_, i) => ({ file: `证明材料-${String(i + 1).padStart(3, '0')}.pdf`, title: `第${i + 1}份材料` }));
    const big = { ...application, windows: { 'quality-culture': { explanation: '公司确立质量核心价值观。', evidence: files } } };
    const pdf = await generateSummary(big, 'pdf', { creationDate: CREATION_DATE, today: TODAY });
    const pages = (await extractPdfText(pdf)).pages;
    const isRow = (line: string) => /证明材料-\d{3}\.pdf/.test(line);
    const isHeader = (parts: string[]) => parts.map(squash).join('|') === '序号|文件名|材料名称及说明';
    const tablePages = pages.map((p, i) => ({ page: p, i })).filter(({ page }) => page.lines.some(isRow));
    expect(tablePages.length).toBeGreaterThanOrEqual(2);

    tablePages.forEach(({ page, i }, k) => {
      const firstRow = page.lines.findIndex(isRow);
      const header = page.lineParts.findIndex(isHeader);
      expect(header, `page ${i + 1}: no header row`).toBeGreaterThanOrEqual(0);
      expect(header, `page ${i + 1}: header after the first row`).toBeLessThan(firstRow);
      // On continuation pages the header is the very first line of the page.
      if (k > 0) expect(header, `page ${i + 1}: header not at the top`).toBe(0);
    });

    // Every file exactly once, in order, across the pages.
    const listed = pages.flatMap((p) => p.lines.join('').match(/证明材料-\d{3}\.pdf/g) ?? []);
    expect(listed).toEqual(files.map((f) => f.file));
  });

  it('has no indicator section for an A-level application', async () => {
    const pdf = await generateSummary({ ...application, level: 'A' }, 'pdf', { creationDate: CREATION_DATE, today: TODAY });
    const text = docText((await extractPdfText(pdf)).pages);
    expect(text).toContain('A级');
    expect(text).not.toContain('三、技术指标证明材料');
    expect(text).not.toContain('证明材料清单');
    expect(text).not.toMatch(/窗口\d/);
    for (const indicator of INDICATORS) expect(text).not.toContain(`${squash(indicator.name)}（${indicator.points}分）`);
  });
});

describe('tables', () => {
  it('never leave the header row alone at the bottom of a page', async () => {
    // Five-line first row; slide the table down the page so that, at some start position,
    // the header and three lines fit but the whole first row does not.
    const row = '第一行的内容比较长，需要换行显示。'.repeat(9);
    for (let n = 26; n <= 38; n++) {
      const markup = `<document title="表头" page-numbers="auto">${'<p>段落。</p>'.repeat(n)}
<table widths="1,3" header-rows="1"><tr><th>序号</th><th>内容</th></tr><tr><td>1</td><td>${row}</td></tr><tr><td>2</td><td>短</td></tr></table>
</document>`;
      const pages = (await extractPdfText(await renderPdf(parseMarkup(markup), { creationDate: CREATION_DATE }))).pages;
      pages.forEach((page, p) => {
        const header = page.lineParts.findIndex((parts) => parts.map(squash).join('|') === '序号|内容');
        if (header < 0) return;
        const next = page.lineParts[header + 1]?.map(squash) ?? [];
        expect(next[0], `${n} paragraphs: page ${p + 1} ends with the bare table header`).toMatch(/^[12]$/);
      });
    }
  });
});

describe('keeping labels with what they label', () => {
  it('never ends a page with a heading or a keep="next" label: it moves on with the table it labels', async () => {
    for (let n = 30; n <= 44; n++) {
      const markup = `<document title="标签" page-numbers="auto">${'<p>段落。</p>'.repeat(n)}
<h3>窗口1　质量文化（10分）</h3>
<p keep="next"><b>证明材料清单：</b></p>
<table widths="1,3" header-rows="1"><tr><th>序号</th><th>文件名</th></tr><tr><td>1</td><td>证书.pdf</td></tr></table>
</document>`;
      const pages = (await extractPdfText(await renderPdf(parseMarkup(markup), { creationDate: CREATION_DATE }))).pages;
      const pageOf = (text: string) => pages.findIndex((page) => page.lines.some((line) => squash(line).includes(text)));
      const label = pageOf('证明材料清单：');
      expect(pageOf('窗口1'), `${n} paragraphs`).toBe(label);
      expect(pageOf('证书.pdf'), `${n} paragraphs`).toBe(label);
    }
  });
});

describe('image snapshots (72 DPI, reviewed PNGs in test/snapshots/)', () => {
  const options = { threshold: 0.1, maxDiffRatio: 0.005 };

  it('pledge page 1', async () => {
    const [page] = await renderPdfPages(pledgePdf, 72);
    const result = comparePng(page!, path.join(SNAPSHOT_DIR, 'pledge-p1.png'), options);
    expect(result.match, result.message).toBe(true);
  });

  it('summary pages 1 and 2', async () => {
    const pages = await renderPdfPages(summaryPdf, 72);
    for (const n of [1, 2]) {
      const result = comparePng(pages[n - 1]!, path.join(SNAPSHOT_DIR, `summary-p${n}.png`), options);
      expect(result.match, result.message).toBe(true);
    }
  });

  it('would catch blank glyphs that still extract as perfect text', async () => {
    const broken = await blankEmbeddedGlyphs(pledgePdf);
    expect(broken.fonts).toBeGreaterThanOrEqual(1);

    // The trap: the text round trip of the broken PDF is flawless…
    const text = (await extractPdfText(broken.pdf)).pages;
    expect(text.map((p) => p.lines)).toEqual(pledgeText.map((p) => p.lines));

    // …but the page is blank where the text should be.
    const [good] = await renderPdfPages(pledgePdf, 72);
    const [bad] = await renderPdfPages(broken.pdf, 72);
    expect(inkRatio(bad!)).toBeLessThan(inkRatio(good!) * 0.2);
    const box = await charBox(findItem(pledgeText[0]!, company.name), company.name, A4.height, 72);
    expect(inkRatio(good!, box)).toBeGreaterThan(0.1);
    expect(inkRatio(bad!, box)).toBeLessThan(0.01);

    const result = comparePng(bad!, path.join(SNAPSHOT_DIR, 'pledge-p1.png'), { ...options, readOnly: true, outputName: 'pledge-p1-blank-glyphs' });
    expect(result.match).toBe(false);
    expect(result.diffRatio).toBeGreaterThan(0.02);
  });
});
