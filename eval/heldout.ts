/**
 * Held-out documents: made differently from the corpus, to check that the pre-check
 * generalises rather than fits the corpus generator. Same truth shape (test/corpus/types.ts),
 * so they are scored exactly like the corpus, but reported on their own.
 *
 * What differs from the corpus:
 *  - marks: seals (double ring, text over a wider arc, other colour and ink texture) and
 *    signatures (free Bézier strokes) are drawn here, not by test/corpus/marks.ts;
 *  - placement: found from the PDF's text positions (pdfjs), a seal sometimes on the
 *    单位公章 label rather than over the date;
 *  - credit reports: another layout (label：value lines, Chinese dates with a dash, a
 *    different records table) rendered by the project's own document pipeline
 *    (markup → model → PDF), not by the corpus's Composer;
 *  - scans: 150 dpi, paper tone, Gaussian grain, a blur and a rotation done by sharp, JPEG
 *    4:2:0 — not the corpus's raster path (inverse-mapped warps, its own grain).
 */
import { createCanvas } from '@napi-rs/canvas';
import { BlendMode, PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { parseMarkup } from '../src/document/markup.js';
import { renderPdf } from '../src/document/pdf.js';
import { generatePledge } from '../src/generators/pledge.js';
import { companyInput, generateCompanies, type CorpusCompany } from '../test/corpus/companies.js';
import { canvasFamily, fontPath } from '../test/corpus/fonts.js';
import { addDays, addMonths, createRng, randomDate, zhDate, type Rng } from '../test/corpus/random.js';
import type { Box, CorpusItem, CreditReportTruth, PageGrid, PledgeState, PledgeTruth, SealMark, Truth } from '../test/corpus/types.js';
import { extractPdfText, renderPdfPages } from '../test/helpers/render.js';

/** Points to canvas pixels for drawn marks (≈ 300 dpi). */
const INK_SCALE = 4;

interface Ink {
  png: Uint8Array;
  /** Size in points. */
  width: number;
  height: number;
}

/** A round seal, drawn here: double ring, text over ~250°, a star, optional centre text. */
async function drawSeal(rng: Rng, text: string, centerText: string | null, diameterPt: number): Promise<Ink> {
  const size = Math.round(diameterPt * INK_SCALE);
  const canvas = createCanvas(size, size);
  const ctx = canvas.getContext('2d');
  const [r, g, b] = rng.pick([[198, 28, 40], [214, 44, 52], [186, 20, 48]] as const);
  ctx.strokeStyle = ctx.fillStyle = `rgb(${r},${g},${b})`;
  const c = size / 2;
  const ring = size * rng.float(0.03, 0.045);
  ctx.lineWidth = ring;
  ctx.beginPath();
  ctx.arc(c, c, c - ring / 2 - 1, 0, Math.PI * 2);
  ctx.stroke();
  ctx.lineWidth = size * 0.008;
  ctx.beginPath();
  ctx.arc(c, c, c - ring * 2.2, 0, Math.PI * 2);
  ctx.stroke();
  // The star.
  const star = size * 0.12;
  ctx.beginPath();
  for (let i = 0; i < 10; i++) {
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    const rr = i % 2 ? star * 0.4 : star;
    ctx.lineTo(c + rr * Math.cos(a), c + rr * Math.sin(a));
  }
  ctx.closePath();
  ctx.fill();
  // The text along the arc, characters upright to the centre.
  const family = await canvasFamily(700);
  const chars = [...text];
  const fontSize = Math.min(size * 0.15, (size * 2.6) / chars.length);
  ctx.font = `${fontSize}px ${family}`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  const span = (rng.float(235, 265) * Math.PI) / 180;
  const radius = c - ring * 2.2 - fontSize * 0.62;
  chars.forEach((ch, i) => {
    const a = -Math.PI / 2 - span / 2 + (span * (i + 0.5)) / chars.length;
    ctx.save();
    ctx.translate(c + radius * Math.cos(a), c + radius * Math.sin(a));
    ctx.rotate(a + Math.PI / 2);
    ctx.fillText(ch, 0, 0);
    ctx.restore();
  });
  if (centerText) {
    ctx.font = `${size * 0.085}px ${family}`;
    ctx.fillText(centerText, c, c + size * 0.25);
  }
  // Uneven ink: blotchy dropouts over the whole impression.
  const image = ctx.getImageData(0, 0, size, size);
  const cells = 24;
  const cell = size / cells;
  const pressure = Array.from({ length: (cells + 1) * (cells + 1) }, () => rng.float(0.55, 1));
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 4 + 3;
      if (!image.data[i]) continue;
      const p = pressure[Math.floor(y / cell) * (cells + 1) + Math.floor(x / cell)]!;
      image.data[i] = Math.round(image.data[i]! * p * (rng.next() < 0.06 ? 0.3 : 1));
    }
  }
  ctx.putImageData(image, 0, 0);
  return { png: new Uint8Array(await canvas.encode('png')), width: diameterPt, height: diameterPt };
}

/** A signature: a few free strokes per character, in dark pen ink. */
async function drawSignature(rng: Rng, chars: number, heightPt: number): Promise<Ink> {
  const widthPt = heightPt * (0.85 * chars + 0.3);
  const w = Math.round(widthPt * INK_SCALE);
  const h = Math.round(heightPt * INK_SCALE);
  const canvas = createCanvas(w, h);
  const ctx = canvas.getContext('2d');
  ctx.strokeStyle = rng.pick(['rgb(20,24,72)', 'rgb(28,28,34)', 'rgb(16,40,110)']);
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  const cellW = w / (chars + 0.35);
  for (let k = 0; k < chars; k++) {
    const x0 = k * cellW + cellW * 0.15;
    for (let s = 0; s < rng.int(2, 4); s++) {
      ctx.lineWidth = INK_SCALE * rng.float(0.6, 1.1);
      ctx.beginPath();
      const p = () => [x0 + rng.float(0, cellW * 1.1), rng.float(h * 0.1, h * 0.9)] as const;
      const start = p();
      ctx.moveTo(start[0], start[1]);
      for (let seg = 0; seg < rng.int(1, 3); seg++) {
        const [a, b2] = p();
        const [c2, d] = p();
        const [e, f] = p();
        ctx.bezierCurveTo(a, b2, c2, d, e, f);
      }
      ctx.stroke();
    }
  }
  // The flourish under the name.
  ctx.lineWidth = INK_SCALE * 0.8;
  ctx.beginPath();
  ctx.moveTo(w * 0.05, h * 0.8);
  ctx.quadraticCurveTo(w * 0.5, h * rng.float(0.85, 1), w * 0.97, h * rng.float(0.5, 0.75));
  ctx.stroke();
  return { png: new Uint8Array(await canvas.encode('png')), width: widthPt, height: heightPt };
}

/** Draw ink centred on (cx, cy) (points, top-left origin) of a page; returns its box. */
async function place(doc: PDFDocument, pageIndex: number, ink: Ink, cx: number, cy: number): Promise<Box> {
  const page = doc.getPage(pageIndex);
  const image = await doc.embedPng(ink.png);
  const x = cx - ink.width / 2;
  const y = cy - ink.height / 2;
  page.drawImage(image, { x, y: page.getHeight() - y - ink.height, width: ink.width, height: ink.height, blendMode: BlendMode.Multiply });
  return { x, y, width: ink.width, height: ink.height };
}

interface Located {
  page: number;
  /** Top-left origin, points. */
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Where text containing `needle` (or matching it) is, from the PDF's text layer (the last match). */
async function locate(pdf: Uint8Array, needle: string | RegExp): Promise<Located> {
  const { pages } = await extractPdfText(pdf);
  let found: Located | null = null;
  pages.forEach((p, i) => {
    for (const item of p.items) {
      if (typeof needle === 'string' ? item.str.includes(needle) : needle.test(item.str)) found = { page: i + 1, x: item.x, y: p.height - item.y - item.height, width: item.width, height: item.height };
    }
  });
  if (!found) throw new Error(`held-out: "${needle}" not found in the PDF`);
  return found;
}

/** The blank 年 月 日 line: its characters stand alone, with room for the year before 年. */
async function blankDateLine(pdf: Uint8Array): Promise<Located> {
  const year = await locate(pdf, /^[\s\u3000]*年[\s\u3000]*$/);
  const day = await locate(pdf, /^[\s\u3000]*日[\s\u3000]*$/);
  const x = year.x - 4 * year.height;
  return { page: year.page, x, y: year.y, width: day.x + day.width - x, height: year.height };
}

const FONTS = { body: 400, bold: 700 } as const;

// ---- Pledges ---------------------------------------------------------------------------

const PLEDGE_CASES: PledgeState[] = ['complete-typed-date', 'no-seal', 'no-signature', 'no-date'];

async function heldOutPledge(company: CorpusCompany, rng: Rng, state: PledgeState) {
  const typed = state !== 'no-date';
  const signedDate = typed ? randomDate(rng, '2026-05-20', '2026-07-15') : null;
  const pdf0 = await generatePledge(companyInput(company), 'pdf', { signatureRoom: rng.int(70, 88), ...(signedDate ? { signedDate } : {}) });
  const doc = await PDFDocument.load(pdf0, { updateMetadata: false });
  const sign = await locate(pdf0, '签字');
  const sealLabel = await locate(pdf0, '单位公章');
  const date = typed ? await locate(pdf0, zhDate(signedDate!)) : await blankDateLine(pdf0);
  const seals: SealMark[] = [];
  let signature: PledgeTruth['signature'] = null;
  if (state !== 'no-signature') {
    const ink = await drawSignature(rng, [...company.legalRepresentative].length, rng.float(20, 28));
    const box = await place(doc, sign.page - 1, ink, sign.x + sign.width + ink.width / 2 + rng.float(4, 16), sign.y + sign.height / 2 + rng.float(-3, 3));
    signature = { page: sign.page, box };
  }
  if (state !== 'no-seal') {
    const ink = await drawSeal(rng, company.name, null, rng.float(112, 122));
    // On the date (骑年盖月) or just right of the 单位公章 label.
    const onLabel = rng.chance(0.4);
    const [cx, cy] = onLabel ? [sealLabel.x + sealLabel.width + ink.width * 0.35, sealLabel.y + sealLabel.height / 2] : [date.x + date.width / 2 + rng.float(-12, 12), date.y - rng.float(0, 24)];
    const box = await place(doc, sealLabel.page - 1, ink, cx, cy);
    seals.push({ page: sealLabel.page, box, role: 'company', text: company.name, centerText: null, faded: false });
  }
  const pdf = await doc.save({ useObjectStreams: true });
  const truth: Omit<PledgeTruth, 'variant' | 'raster' | 'textLayer'> = {
    kind: 'pledge',
    title: '企业质量信用等级认定申报承诺书',
    uploadName: '承诺书.pdf',
    company: { name: company.name, creditCode: company.creditCode, legalRepresentative: company.legalRepresentative },
    code: company.creditCode,
    codePrinted: true,
    fonts: FONTS,
    pages: doc.getPages().map((p) => ({ width: p.getWidth(), height: p.getHeight(), dpi: 72 })),
    seals,
    decoys: [],
    state,
    sealPresent: seals.length > 0,
    officialSealPresent: seals.length > 0,
    signaturePresent: signature !== null,
    signature,
    signedDate,
    dateFilled: typed,
    dateStyle: typed ? 'typed' : null,
    layout: 'pledge-generator',
  };
  return { pdf, truth };
}

// ---- Credit reports --------------------------------------------------------------------

interface ReportCase {
  months: number;
  allDomains: boolean;
  simplePenaltyIncluded: boolean;
  records: number;
}

const REPORT_CASES: ReportCase[] = [
  { months: 36, allDomains: true, simplePenaltyIncluded: true, records: 0 },
  { months: 12, allDomains: true, simplePenaltyIncluded: true, records: 0 },
  { months: 36, allDomains: false, simplePenaltyIncluded: true, records: 0 },
  { months: 36, allDomains: true, simplePenaltyIncluded: false, records: 1 },
];

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

async function heldOutReport(company: CorpusCompany, rng: Rng, shape: ReportCase) {
  const generated = randomDate(rng, '2026-05-20', '2026-07-08');
  const time = `${String(rng.int(8, 18)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}`;
  const to = generated;
  const from = addDays(addMonths(to, -shape.months), 1);
  const number = `XYBG${generated.replaceAll('-', '')}${rng.chars('0123456789', 5)}`;
  const domains = shape.allDomains ? [] : ['市场监管', '税务', '生态环境', '应急管理'].slice(0, rng.int(2, 4));
  const records = Array.from({ length: shape.records }, (_, i) => {
    const date = randomDate(rng, from, to);
    return { number: `${company.district.city.slice(0, 1)}市监罚〔${date.slice(0, 4)}〕${rng.int(10, 900)}号`, date, reason: '未按规定公示年度报告', result: '警告', authority: company.registrationAuthority, i };
  });
  const markup = `<document title="专项信用报告" page-numbers="on">
<p align="right" size="small">报告编号：${number}</p>
<title>专项信用报告</title>
<p align="center">江苏省公共信用信息中心</p>
<h2>一、报告信息</h2>
<p>企业名称：${esc(company.name)}</p>
<p>统一社会信用代码：${company.creditCode}</p>
<p>信用信息查询时段：${zhDate(from)}—${zhDate(to)}</p>
<p>查询领域：${shape.allDomains ? '全选' : domains.join('、')}</p>
<p>简易处罚：${shape.simplePenaltyIncluded ? '是' : '否'}</p>
<p>报告生成时间：${zhDate(generated)} ${time}</p>
<h2>二、基本信息</h2>
<p>法定代表人：${esc(company.legalRepresentative)}</p>
<p>登记机关：${esc(company.registrationAuthority)}</p>
<p>住所：${esc(company.address)}</p>
<h2>三、行政处罚信息</h2>
${records.length ? `<table widths="1,4,4,2,3" header-rows="1"><tr><th>序号</th><th>处罚决定书文号</th><th>处罚事由</th><th>处罚结果</th><th>处罚日期</th></tr>${records.map((r) => `<tr><td>${r.i + 1}</td><td>${esc(r.number)}</td><td>${r.reason}</td><td>${r.result}</td><td>${r.date}</td></tr>`).join('')}</table>` : '<p>无</p>'}
${shape.simplePenaltyIncluded ? '<h2>四、简易处罚信息</h2><p>无</p>' : ''}
<h2>${shape.simplePenaltyIncluded ? '五' : '四'}、失信信息</h2>
<p>严重失信主体名单：无</p>
<p>失信被执行人：无</p>
<p>经营异常名录：无</p>
<spacer height="24"/>
<p align="right">出具单位：江苏省公共信用信息中心</p>
<p align="right">${zhDate(generated)}</p>
</document>`;
  const pdf0 = await renderPdf(parseMarkup(markup, 'held-out credit report'), { fontPaths: { regular: fontPath(300), bold: fontPath(900) } });
  const doc = await PDFDocument.load(pdf0, { updateMetadata: false });
  const issuer = await locate(pdf0, '出具单位');
  const ink = await drawSeal(rng, '江苏省公共信用信息中心', rng.chance(0.5) ? '信用报告专用章' : null, 119);
  const box = await place(doc, issuer.page - 1, ink, issuer.x + issuer.width * 0.6, issuer.y + rng.float(0, 16));
  const pdf = await doc.save({ useObjectStreams: true });
  const truth: Omit<CreditReportTruth, 'variant' | 'raster' | 'textLayer'> = {
    kind: 'credit-report',
    title: '专项信用报告',
    uploadName: '专项信用报告.pdf',
    company: { name: company.name, creditCode: company.creditCode, legalRepresentative: company.legalRepresentative },
    code: company.creditCode,
    codePrinted: true,
    fonts: { body: 300, bold: 900 },
    pages: doc.getPages().map((p) => ({ width: p.getWidth(), height: p.getHeight(), dpi: 72 })),
    seals: [{ page: issuer.page, box, role: 'credit-centre', text: '江苏省公共信用信息中心', centerText: null, faded: false }],
    decoys: [],
    reportNumber: number,
    from,
    to,
    generatedAt: `${generated} ${time}`,
    simplePenaltyIncluded: shape.simplePenaltyIncluded,
    allDomains: shape.allDomains,
    domains,
    recordsCount: records.length,
    records: records.map((r) => ({ type: '行政处罚', decisionNumber: r.number, date: r.date, authority: r.authority })),
    months: shape.months,
    periodPage: 1,
    layout: 'report-markup-lines',
  };
  return { pdf, truth };
}

// ---- Scans -----------------------------------------------------------------------------

const SCAN_DPI = 150;

/** A colour scan by another path: paper tone, grain, blur and rotation by sharp, JPEG 4:2:0. */
async function scan(pdf: Uint8Array, rng: Rng): Promise<{ bytes: Uint8Array; mime: 'image/jpeg' | 'application/pdf'; pages: PageGrid[]; map: (page: number, box: Box) => Box; quality: number; rotation: number; noise: number }> {
  const rendered = await renderPdfPages(pdf, SCAN_DPI);
  const quality = rng.int(62, 80);
  const rotation = rng.sign() * rng.float(0.4, 1.6);
  const noise = rng.float(4, 7);
  const jpegs: Buffer[] = [];
  const grids: PageGrid[] = [];
  const maps: ((b: Box) => Box)[] = [];
  for (const png of rendered) {
    const { width, height } = png;
    const data = Buffer.alloc(width * height * 3);
    const tone = [rng.float(0.95, 1), rng.float(0.94, 0.99), rng.float(0.9, 0.96)];
    for (let i = 0, j = 0; i < png.data.length; i += 4, j += 3) {
      for (let k = 0; k < 3; k++) data[j + k] = Math.max(0, Math.min(255, png.data[i + k]! * tone[k]! + rng.normal() * noise));
    }
    const { data: out, info } = await sharp(data, { raw: { width, height, channels: 3 } })
      .blur(rng.float(0.4, 0.7))
      .rotate(rotation, { background: '#f4f1ea' })
      .jpeg({ quality, chromaSubsampling: '4:2:0' })
      .toBuffer({ resolveWithObject: true });
    jpegs.push(out);
    grids.push({ width: info.width, height: info.height, dpi: SCAN_DPI });
    const a = (rotation * Math.PI) / 180;
    const s = SCAN_DPI / 72;
    // sharp rotates clockwise about the centre and grows the canvas to fit.
    const to = (x: number, y: number) => [info.width / 2 + (x - width / 2) * Math.cos(a) - (y - height / 2) * Math.sin(a), info.height / 2 + (x - width / 2) * Math.sin(a) + (y - height / 2) * Math.cos(a)] as const;
    maps.push((b) => {
      const pts = [to(b.x * s, b.y * s), to((b.x + b.width) * s, b.y * s), to(b.x * s, (b.y + b.height) * s), to((b.x + b.width) * s, (b.y + b.height) * s)];
      const xs = pts.map((p) => p[0]);
      const ys = pts.map((p) => p[1]);
      return { x: Math.min(...xs), y: Math.min(...ys), width: Math.max(...xs) - Math.min(...xs), height: Math.max(...ys) - Math.min(...ys) };
    });
  }
  let bytes: Uint8Array;
  let mime: 'image/jpeg' | 'application/pdf';
  if (jpegs.length === 1) {
    bytes = new Uint8Array(jpegs[0]!);
    mime = 'image/jpeg';
  } else {
    const out = await PDFDocument.create();
    for (let i = 0; i < jpegs.length; i++) {
      const img = await out.embedJpg(jpegs[i]!);
      const page = out.addPage([(grids[i]!.width * 72) / SCAN_DPI, (grids[i]!.height * 72) / SCAN_DPI]);
      page.drawImage(img, { x: 0, y: 0, width: page.getWidth(), height: page.getHeight() });
    }
    bytes = await out.save();
    mime = 'application/pdf';
  }
  return { bytes, mime, pages: grids, map: (page, box) => maps[page - 1]!(box), quality, rotation, noise };
}

// ---- The held-out set ------------------------------------------------------------------

export interface HeldOutOptions {
  seed?: number;
}

/**
 * The held-out items: 4 pledges and 4 credit reports of two companies of their own, each as
 * a text-layer PDF and as a scan made by this module (16 files). Variants are 'clean' and
 * 'scan'; ids start with 'heldout-'.
 */
export async function generateHeldOut(options: HeldOutOptions = {}): Promise<{ items: CorpusItem[]; companies: CorpusCompany[] }> {
  const root = createRng(`held-out-${options.seed ?? 7}`);
  const companies = generateCompanies(root.fork('companies'), 2);
  const built: { id: string; pdf: Uint8Array; truth: Omit<Truth, 'variant' | 'raster' | 'textLayer'> }[] = [];
  for (const [i, state] of PLEDGE_CASES.entries()) {
    const company = companies[i % 2]!;
    built.push({ id: `heldout-pledge-${state}`, ...(await heldOutPledge(company, root.fork(`pledge-${state}`), state)) });
  }
  for (const [i, shape] of REPORT_CASES.entries()) {
    const company = companies[i % 2]!;
    built.push({ id: `heldout-credit-report-${i + 1}`, ...(await heldOutReport(company, root.fork(`report-${i}`), shape)) });
  }
  const items: CorpusItem[] = [];
  for (const b of built) {
    const base = b.truth as Truth;
    items.push({ id: `${b.id}-clean`, kind: base.kind, variant: 'clean', fileName: `${b.id}-clean.pdf`, bytes: b.pdf, mime: 'application/pdf', truth: { ...base, variant: 'clean', textLayer: true, raster: null } as Truth });
    const s = await scan(b.pdf, root.fork(`scan-${b.id}`));
    const mapped = <T extends { page: number; box: Box }>(m: T): T => ({ ...m, box: s.map(m.page, m.box) });
    const truth = {
      ...base,
      variant: 'scan',
      textLayer: false,
      pages: s.pages,
      seals: base.seals.map(mapped),
      decoys: [],
      raster: { dpi: SCAN_DPI, colour: true, container: s.mime === 'image/jpeg' ? 'jpeg' : 'pdf', jpegQuality: s.quality, rotation: s.rotation, blur: 0.5, noise: s.noise, pageCorners: null },
      ...(base.kind === 'pledge' ? { signature: base.signature ? mapped(base.signature) : null } : {}),
    } as Truth;
    items.push({ id: `${b.id}-scan`, kind: base.kind, variant: 'scan', fileName: `${b.id}-scan.${s.mime === 'image/jpeg' ? 'jpg' : 'pdf'}`, bytes: s.bytes, mime: s.mime, dpi: SCAN_DPI, truth });
  }
  return { items, companies };
}
