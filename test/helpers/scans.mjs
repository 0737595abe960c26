/**
 * Generated test material for the reading benchmark and the offline / soak tests (plain ESM,
 * against the compiled library in dist/, so it runs in a bare `node` child process):
 *
 * - the example pledge (1 page) and summary (6 pages) as PDFs, with fixed dates;
 * - "scans" of their pages: rendered at 200 DPI with the library's own `openPdf().render`,
 *   made grey and encoded as JPEG with sharp, as a flatbed scanner would deliver them;
 * - long PDFs made by repeating those pages (pdf-lib `copyPages`).
 *
 * Only Node built-ins, sharp, pdf-lib and dist/ are imported. Nothing is written to disk.
 */
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const DIST = new URL('../../dist/', import.meta.url);
export const EXAMPLES = path.join(REPO_ROOT, 'examples');
/** The example company's code (examples/company.json). */
export const CREDIT_CODE = '91320507MA1MXQ7P9P';
export const FIXED_DATE = new Date('2026-05-20T08:00:00Z');
export const TODAY = '2026-05-20';

/** The library modules the tests and the bench use, imported from dist/. */
export async function loadLibrary() {
  const [lib, read, pdf, tesseract, creditCode, plan] = await Promise.all([
    import(new URL('index.js', DIST).href),
    import(new URL('reading/read.js', DIST).href),
    import(new URL('reading/pdf.js', DIST).href),
    import(new URL('reading/ocr/tesseract.js', DIST).href),
    import(new URL('reading/credit-code.js', DIST).href),
    import(new URL('checks/reading-plan.js', DIST).href),
  ]);
  return {
    ...lib,
    readUpload: read.readUpload,
    clearReadCache: read.clearReadCache,
    openPdf: pdf.openPdf,
    TesseractEngine: tesseract.TesseractEngine,
    shippedLangPath: tesseract.shippedLangPath,
    findCreditCode: creditCode.findCreditCode,
    readWhatChecksNeed: plan.readWhatChecksNeed,
  };
}

/** The example pledge and summary as PDFs (fixed dates: the same bytes every time). */
export async function generateExamples(lib) {
  const company = await lib.readJsonFile(path.join(EXAMPLES, 'company.json'));
  const application = await lib.readApplicationFile(path.join(EXAMPLES, 'application.json'));
  const pledge = await lib.generatePledge(company, 'pdf', { creationDate: FIXED_DATE });
  const summary = await lib.generateSummary(application, 'pdf', { creationDate: FIXED_DATE, today: TODAY });
  return { company, application, pledge, summary };
}

/**
 * A piece of evidence for the 质量文化 window, as a company writes one: a three-page summary of
 * its quality month (质量月活动总结), title on top, then paragraphs and a table. Made with the
 * library's own markup and PDF renderer (fixed date: the same bytes every time).
 */
export async function generateEvidence(lib) {
  const company = await lib.readJsonFile(path.join(EXAMPLES, 'company.json'));
  const activities = [
    ['9月1日', '质量月启动大会暨质量诚信承诺签字仪式', '全体员工'],
    ['9月5日', '质量法律法规及质量文化专题培训', '各部门负责人'],
    ['9月12日', '质量知识竞赛（初赛）', '生产一线班组'],
    ['9月19日', '质量诚信宣传展板与质量誓词宣誓', '全体员工'],
    ['9月26日', '质量知识竞赛决赛及表彰', '入围选手'],
  ];
  const rows = activities.map(([day, what, who]) => `<tr><td>${day}</td><td>${what}</td><td>${who}</td></tr>`).join('');
  const paragraph = (n) =>
    `<p indent="2">第${n}阶段，公司围绕“质量第一、诚信为本”的质量核心价值观，组织各部门开展质量文化建设与质量诚信宣传教育。各车间结合岗位实际，梳理质量风险点，开展质量意识提升活动，形成了人人重视质量、人人参与改进的良好氛围。培训记录、签到表及培训效果评价表均已归档备查。</p>`;
  const body = Array.from({ length: 20 }, (_, i) => paragraph(i + 1)).join('\n');
  const markup = `<document title="质量月活动总结报告" page-numbers="auto">
<title>${company.name}2025年“质量月”活动总结报告</title>
<p indent="2">为深入贯彻质量强国建设纲要，推进企业质量文化建设，公司于2025年9月组织开展了以“质量第一、诚信经营”为主题的质量月活动。现将活动情况总结如下。</p>
<h2>一、活动安排</h2>
<table><tr><th>日期</th><th>活动内容</th><th>参加人员</th></tr>${rows}</table>
<h2>二、活动开展情况</h2>
${body}
<h2>三、下一步工作</h2>
<p indent="2">公司将把质量月活动中形成的好做法固化为长效机制，持续开展质量诚信宣传和质量文化培训，不断提升全员质量意识。</p>
</document>`;
  return lib.renderPdf(lib.parseMarkup(markup), { creationDate: FIXED_DATE });
}

/**
 * Every page of a PDF as a greyscale JPEG "scan" at `dpi`, rendered by the library's own
 * renderer. Returns [{ page, jpeg (Uint8Array), width, height }].
 */
export async function scanPdf(lib, pdfBytes, { dpi = 200, quality = 75, name = 'source.pdf' } = {}) {
  const { default: sharp } = await import('sharp');
  const pdf = await lib.openPdf(pdfBytes, name);
  try {
    const pages = [];
    for (let n = 1; n <= pdf.pageCount; n++) {
      const raster = await pdf.render(n, dpi);
      const jpeg = await sharp(raster.data, { raw: { width: raster.width, height: raster.height, channels: raster.channels } })
        .flatten({ background: '#ffffff' })
        .toColourspace('b-w') // one channel, as a greyscale scan (`greyscale()` alone still writes 3)
        .jpeg({ quality })
        .withDensity(dpi)
        .toBuffer();
      pages.push({ page: n, jpeg: new Uint8Array(jpeg.buffer, jpeg.byteOffset, jpeg.byteLength), width: raster.width, height: raster.height });
    }
    return pages;
  } finally {
    await pdf.close();
  }
}

/** Scanned pages (scanPdf's JPEGs) as one image-only PDF, as a scanner's "scan to PDF" makes it. */
export async function scansToPdf(pages, dpi = 200) {
  const { PDFDocument } = await import('pdf-lib');
  const out = await PDFDocument.create();
  out.setCreationDate(FIXED_DATE);
  out.setModificationDate(FIXED_DATE);
  for (const { jpeg, width, height } of pages) {
    const image = await out.embedJpg(jpeg);
    const page = out.addPage([(width * 72) / dpi, (height * 72) / dpi]);
    page.drawImage(image, { x: 0, y: 0, width: page.getWidth(), height: page.getHeight() });
  }
  return out.save();
}

/** The same JPEG as a greyscale PNG (for the native tesseract command: identical pixels). */
export async function jpegToPng(jpeg) {
  const { default: sharp } = await import('sharp');
  return sharp(jpeg).toColourspace('b-w').png({ compressionLevel: 1 }).toBuffer();
}

/**
 * A PDF of `count` pages made by cycling through the pages of `sources` (PDF bytes), as one
 * document: each source page is copied once and repeats share its content stream and
 * resources (fonts), as the pages of one long document would. Returns the bytes and, for
 * each page, [source index, page index] it shows.
 */
export async function repeatPages(sources, count) {
  const { PDFDocument, PDFPage } = await import('pdf-lib');
  const out = await PDFDocument.create();
  const loaded = await Promise.all(sources.map((bytes) => PDFDocument.load(bytes)));
  const order = loaded.flatMap((doc, s) => doc.getPageIndices().map((p) => [s, p]));
  const copies = [];
  for (const doc of loaded) copies.push(await out.copyPages(doc, doc.getPageIndices()));
  const origin = [];
  for (let i = 0; i < count; i++) {
    const [s, p] = order[i % order.length];
    const first = copies[s][p];
    if (i < order.length) {
      out.addPage(first);
    } else {
      // A page object may be added once only: a shallow clone shares /Contents and /Resources.
      const leaf = first.node.clone();
      out.addPage(PDFPage.of(leaf, out.context.register(leaf), out));
    }
    origin.push([s, p]);
  }
  return { bytes: await out.save({ useObjectStreams: true }), origin };
}

/** Levenshtein distance over code points (for OCR accuracy against the text layer). */
export function editDistance(a, b) {
  const x = [...a];
  const y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[y.length];
}

/**
 * Character accuracy of `read` against `expected`, 0..1: 1 − edit distance / length, over
 * the text with all whitespace removed and full-width ASCII punctuation folded (OCR reads
 * "：" as ":" and "（" as "(" or "〈").
 */
export function characterAccuracy(read, expected) {
  const fold = (s) =>
    s
      .replace(/\s+/g, '')
      .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
      .replace(/[〈《]/g, '(')
      .replace(/[〉》]/g, ')');
  const e = fold(expected);
  if (!e.length) return read.trim() ? 0 : 1;
  return Math.max(0, 1 - editDistance(fold(read), e) / [...e].length);
}

/** Resident set size now, and the high-water mark, in bytes (Linux /proc; NaN elsewhere). */
export async function memory() {
  const { readFileSync } = await import('node:fs');
  try {
    const status = readFileSync('/proc/self/status', 'utf8');
    const kb = (key) => Number(new RegExp(`${key}:\\s*(\\d+)`).exec(status)?.[1] ?? NaN) * 1024;
    return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
  } catch {
    return { rss: process.memoryUsage().rss, hwm: NaN };
  }
}
