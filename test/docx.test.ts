import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { loadFont, subsetFor } from '../src/document/fonts.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { A4, DOCX_DECORATION_TEXT, renderDocx, wantsPageNumbers } from '../src/document/docx.js';
import { collectText } from '../src/document/model.js';
import type { DocumentModel, Run, TableRow } from '../src/document/model.js';
import { QcError } from '../src/errors.js';
import { PAGE, TYPE } from '../src/document/style.js';

// ---- A hand-built model -----------------------------------------------------------------------------------------------

const TITLE = '江苏省企业质量信用承诺书';
const RARE = '喆堃昇珺犇';
const WARNING = '请补充填写统一社会信用代码';
const r = (text: string, extra: Partial<Run> = {}): Run => ({ text, ...extra });

const dataRows: TableRow[] = Array.from({ length: 60 }, (_, i) => ({
  cells: [
    { paragraphs: [[r(String(i + 1))]], align: 'center' },
    { paragraphs: [[r(`第${i + 1}项 质量管理制度${i % 5 === 0 ? RARE : ''}`)]], align: 'left' },
    { paragraphs: [[r(i % 2 === 0 ? '符合' : '基本符合')]], align: 'center' },
  ],
}));

const model: DocumentModel = {
  title: TITLE,
  pageNumbers: 'auto',
  blocks: [
    { type: 'title', runs: [r(TITLE)] },
    { type: 'heading', level: 1, runs: [r('一、企业基本情况')] },
    {
      type: 'paragraph',
      align: 'justify',
      indent: 2,
      runs: [r('本企业（法定代表人：'), r(`张${RARE}`, { underline: true }), r('）郑重承诺，所提交的申报材料真实、准确、完整。')],
    },
    { type: 'heading', level: 2, runs: [r('（一）申报事项')] },
    { type: 'paragraph', align: 'left', indent: 0, runs: [r(WARNING, { tone: 'warning' })] },
    { type: 'heading', level: 3, runs: [r('1．承诺内容')] },
    {
      type: 'list',
      ordered: true,
      items: [[r('遵守产品质量法律法规')], [r('建立健全质量管理体系')], [r('接受社会监督', { bold: true })]],
    },
    { type: 'list', ordered: false, items: [[r('附件一：营业执照复印件')], [r('附件二：质量管理体系认证证书')]] },
    { type: 'paragraph', align: 'left', indent: 0, small: true, runs: [r('注：本表由申报企业填写。', { tone: 'muted' })] },
    {
      type: 'table',
      columns: [1, 4, 2],
      headerRows: 1,
      rows: [
        {
          cells: [
            { paragraphs: [[r('序号', { bold: true })]], align: 'center' },
            { paragraphs: [[r('评价内容', { bold: true })]], align: 'center' },
            { paragraphs: [[r('自评结果', { bold: true })]], align: 'center' },
          ],
        },
        ...dataRows,
      ],
    },
    { type: 'spacer', height: 24 },
    {
      type: 'signature',
      sign: [r('法定代表人（签字）：')],
      seal: [r('企业（盖章）：')],
      date: [r('2026年  月  日')],
      room: 100,
    },
  ],
};

/** Every text of the model, in document order. */
const expectedTexts = [
  TITLE,
  '一、企业基本情况',
  '本企业（法定代表人：',
  `张${RARE}`,
  '）郑重承诺，所提交的申报材料真实、准确、完整。',
  '（一）申报事项',
  WARNING,
  '1．承诺内容',
  '遵守产品质量法律法规',
  '建立健全质量管理体系',
  '接受社会监督',
  '附件一：营业执照复印件',
  '附件二：质量管理体系认证证书',
  '注：本表由申报企业填写。',
  '序号',
  '评价内容',
  '自评结果',
  ...dataRows.flatMap((row) => row.cells.map((c) => c.paragraphs[0]![0]!.text)),
  '法定代表人（签字）：',
  '企业（盖章）：',
  '2026年  月  日',
];

// ---- Reading the DOCX (a zip) without a zip library: node:zlib inflates, the central directory lists the entries ----

function unzip(bytes: Uint8Array): Map<string, string> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('not a zip file');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const files = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    expect(buf.readUInt32LE(p)).toBe(0x02014b50);
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLength = buf.readUInt16LE(p + 28);
    const skip = nameLength + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLength);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(start, start + size);
    const data = method === 0 ? raw : inflateRawSync(raw);
    // Fonts are binary: keep them as latin1 so their length is their byte length.
    files.set(name, data.toString(name.endsWith('.xml') || name.endsWith('.rels') ? 'utf8' : 'latin1'));
    p += 46 + skip;
  }
  return files;
}

const part = (files: Map<string, string>, name: string) => {
  const xml = files.get(name);
  if (xml === undefined) throw new Error(`${name} is missing; parts: ${[...files.keys()].join(', ')}`);
  return xml;
};

const decodeXml = (s: string) =>
  s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** The texts of the <w:t> elements, in order. */
const textsOf = (xml: string) => [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => decodeXml(m[1]!));

/** Asserts that each expected text occurs after the previous one in the concatenated text. */
function expectInOrder(haystack: string, needles: readonly string[]) {
  let from = 0;
  for (const needle of needles) {
    const at = haystack.indexOf(needle, from);
    expect(at, `"${needle}" should follow position ${from}`).toBeGreaterThanOrEqual(0);
    from = at + needle.length;
  }
}

// ---- Fonts to embed: Noto Sans SC from the @openfonts package, subset to the document's characters -------------------

async function subsetNoto(text: string) {
  const [regular, bold] = await Promise.all([loadFont('regular'), loadFont('bold')]);
  return { regular: await subsetFor(regular, text), bold: await subsetFor(bold, text) };
}

// ---- Tests ------------------------------------------------------------------------------------------------------------

describe('renderDocx', () => {
  let files: Map<string, string>;
  let documentXml: string;

  beforeAll(async () => {
    const bytes = await renderDocx(model, { creator: 'qcredit test' });
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(bytes.subarray(0, 2)).toString('latin1')).toBe('PK');
    files = unzip(bytes);
    documentXml = part(files, 'word/document.xml');
  });

  it('contains every text of the model, in order, including rare characters', () => {
    const text = textsOf(documentXml).join('');
    expectInOrder(text, expectedTexts);
    expect(text).toContain(RARE);
    // Nothing but the model's text and the list prefixes
    const prefixes = ['1．', '2．', '3．', '•', '•'];
    expect(text.length).toBe(expectedTexts.join('').length + prefixes.join('').length);
  });

  it('uses the named styles rather than inline fonts and sizes', () => {
    for (const id of ['Title', 'Heading1', 'Heading2', 'Heading3', 'BodyText', 'SmallText', 'TableText']) {
      expect(documentXml).toContain(`<w:pStyle w:val="${id}"/>`);
    }
    expect(documentXml).not.toContain('<w:rFonts');
    expect(documentXml).not.toContain('<w:sz ');
    // First-line indent of 2 characters, justified body text
    expect(documentXml).toMatch(/<w:ind [^>]*w:firstLineChars="200"/);
    expect(documentXml).toContain('<w:jc w:val="both"/>');
  });

  it('sets the East Asian font and zh-CN in the styles', () => {
    const styles = part(files, 'word/styles.xml');
    const defaults = styles.match(/<w:rPrDefault>.*?<\/w:rPrDefault>/s)?.[0] ?? '';
    expect(defaults).toContain('w:eastAsia="Noto Sans SC"');
    expect(defaults).toContain('w:ascii="Noto Sans SC"');
    expect(defaults).toContain('w:hAnsi="Noto Sans SC"');
    expect(defaults).toContain('w:cs="Noto Sans SC"');
    expect(defaults).toMatch(/<w:lang [^>]*w:eastAsia="zh-CN"/);
    // The named styles carry the font too, and the title is 22pt bold and centred
    const title = styles.match(/<w:style [^>]*w:styleId="Title".*?<\/w:style>/s)?.[0] ?? '';
    expect(title).toContain('w:eastAsia="Noto Sans SC"');
    // Half-points, from the same house style the PDF uses.
    expect(title).toContain(`<w:sz w:val="${TYPE.title.size * 2}"/>`);
    expect(title).toContain('<w:b/>');
    expect(title).toContain('<w:jc w:val="center"/>');
    const heading1 = styles.match(/<w:style [^>]*w:styleId="Heading1".*?<\/w:style>/s)?.[0] ?? '';
    expect(heading1).toContain('<w:outlineLvl w:val="0"/>');
    const body = styles.match(/<w:style [^>]*w:styleId="BodyText".*?<\/w:style>/s)?.[0] ?? '';
    expect(body).toMatch(new RegExp(`<w:spacing [^>]*w:line="${Math.round(TYPE.body.lineHeight * 20)}"[^>]*w:lineRule="exact"`));
  });

  it('lays out A4 pages with official-document margins', () => {
    expect(documentXml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(A4).toEqual({ width: 11906, height: 16838 });
    const margins = documentXml.match(/<w:pgMar [^>]*>/)?.[0] ?? '';
    const twips = (points: number) => Math.round(points * 20);
    expect(margins).toContain(`w:top="${twips(PAGE.top)}"`);
    expect(margins).toContain(`w:bottom="${twips(PAGE.bottom)}"`);
    expect(margins).toContain(`w:left="${twips(PAGE.left)}"`);
    expect(margins).toContain(`w:right="${twips(PAGE.right)}"`);
  });

  it('repeats the header row of the table, scaled to the text width', () => {
    const tables = [...documentXml.matchAll(/<w:tbl>.*?<\/w:tbl>/gs)].map((m) => m[0]);
    expect(tables).toHaveLength(2); // the data table and the signature table
    const table = tables[0]!;
    const rows = [...table.matchAll(/<w:tr>.*?<\/w:tr>/gs)].map((m) => m[0]);
    expect(rows).toHaveLength(61);
    expect(rows[0]).toContain('<w:tblHeader/>');
    expect(rows.slice(1).some((row) => row.includes('<w:tblHeader'))).toBe(false);
    expect(table).not.toContain('<w:cantSplit');
    const grid = [...table.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
    expect(grid).toHaveLength(3);
    expect(grid.reduce((a, b) => a + b, 0)).toBe(A4.width - Math.round(PAGE.left * 20) - Math.round(PAGE.right * 20));
    expect(grid[1]! / grid[0]!).toBeCloseTo(4, 1);
    expect(table).toMatch(/<w:top w:val="single" w:color="000000" w:sz="4"/);
  });

  it('writes the signature block as a borderless table with room to sign, then the date on the right', () => {
    const signature = [...documentXml.matchAll(/<w:tbl>.*?<\/w:tbl>/gs)].map((m) => m[0])[1]!;
    expect(textsOf(signature)).toEqual(['法定代表人（签字）：', '企业（盖章）：']);
    expect(signature).not.toContain('w:val="single"');
    expect(signature).toMatch(/<w:trHeight w:val="2000" w:hRule="exact"\/>/); // 100pt
    const after = documentXml.slice(documentXml.indexOf(signature) + signature.length);
    const date = after.match(/<w:p>.*?<\/w:p>/s)?.[0] ?? '';
    expect(textsOf(date)).toEqual(['2026年  月  日']);
    expect(date).toContain('<w:jc w:val="right"/>');
  });

  it('colours the warning run, greys the muted one and underlines', () => {
    const runOf = (text: string) =>
      [...documentXml.matchAll(/<w:r>.*?<\/w:r>/gs)].map((m) => m[0]).find((run) => run.includes(`>${text}</w:t>`)) ?? '';
    const warning = runOf(WARNING);
    expect(warning).toContain('<w:color w:val="C00000"/>');
    expect(warning).toContain('<w:b/>');
    expect(runOf('注：本表由申报企业填写。')).toContain('<w:color w:val="666666"/>');
    expect(runOf(`张${RARE}`)).toContain('<w:u w:val="single"/>');
    expect(runOf('接受社会监督')).toContain('<w:b/>');
  });

  it('numbers the pages in the footer with PAGE and NUMPAGES fields', () => {
    const footerName = [...files.keys()].find((name) => /^word\/footer\d*\.xml$/.test(name));
    expect(footerName).toBeDefined();
    const footer = part(files, footerName!);
    expect(footer).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/);
    expect(footer).toMatch(/<w:instrText[^>]*>\s*NUMPAGES\s*<\/w:instrText>/);
    expect(textsOf(footer).join('')).toMatch(/^第 .*页 共 .*页$/);
    expect(footer).toContain('<w:pStyle w:val="Footer"/>');
    const style = part(files, 'word/styles.xml').match(/<w:style [^>]*w:styleId="Footer".*?<\/w:style>/s)?.[0] ?? '';
    expect(style).toContain('<w:jc w:val="center"/>');
  });

  it('fills the document properties', () => {
    const core = part(files, 'docProps/core.xml');
    expect(core).toContain(`<dc:title>${TITLE}</dc:title>`);
    expect(core).toContain('<dc:creator>qcredit test</dc:creator>');
    expect(core).toContain('<dc:language>zh-CN</dc:language>');
  });

  it('writes page breaks as pageBreakBefore of the next paragraph', async () => {
    const bytes = await renderDocx({
      title: 'T',
      pageNumbers: 'off',
      blocks: [
        { type: 'paragraph', align: 'left', indent: 0, runs: [r('第一页')] },
        { type: 'pageBreak' },
        { type: 'heading', level: 1, runs: [r('第二页')] },
      ],
    });
    const xml = part(unzip(bytes), 'word/document.xml');
    const paragraphs = [...xml.matchAll(/<w:p>.*?<\/w:p>/gs)].map((m) => m[0]);
    expect(paragraphs).toHaveLength(2);
    expect(paragraphs[1]).toContain('<w:pageBreakBefore/>');
    expect(textsOf(paragraphs[1]!)).toEqual(['第二页']);
  });

  it('decides page numbers from the model', async () => {
    const short: DocumentModel = { title: 'T', pageNumbers: 'auto', blocks: [{ type: 'title', runs: [r('T')] }] };
    expect(wantsPageNumbers(short)).toBe(false);
    expect(wantsPageNumbers(model)).toBe(true);
    expect(wantsPageNumbers({ ...short, pageNumbers: 'on' })).toBe(true);
    expect(wantsPageNumbers({ ...model, pageNumbers: 'off' })).toBe(false);
    const off = unzip(await renderDocx({ ...model, pageNumbers: 'off' }));
    expect([...off.keys()].some((name) => name.startsWith('word/footer'))).toBe(false);
  });

  it('uses another font family when asked', async () => {
    const styles = part(unzip(await renderDocx(model, { fontFamily: 'SimSun' })), 'word/styles.xml');
    expect(styles).toContain('w:eastAsia="SimSun"');
    expect(styles).not.toContain('Noto Sans SC');
  });
});

describe('renderDocx with embedded fonts', () => {
  let bytes: Uint8Array;
  let fonts: { regular: Uint8Array; bold: Uint8Array };

  beforeAll(async () => {
    fonts = await subsetNoto(collectText(model) + DOCX_DECORATION_TEXT);
    bytes = await renderDocx(model, { embedFonts: fonts });
  }, 30_000);

  it('embeds the regular and bold faces under the font family name', () => {
    const files = unzip(bytes);
    const fontTable = part(files, 'word/fontTable.xml');
    expect(fontTable).toContain('<w:font w:name="Noto Sans SC">');
    expect(fontTable).toMatch(/<w:embedRegular [^>]*r:id="rId\d+"/);
    expect(fontTable).toMatch(/<w:embedBold [^>]*r:id="rId\d+"/);
    expect(part(files, 'word/settings.xml')).toContain('<w:embedTrueTypeFonts/>');
    expect(files.get('word/fonts/font1.odttf')?.length).toBe(fonts.regular.length);
    expect(files.get('word/fonts/font2.odttf')?.length).toBe(fonts.bold.length);
  });

  it('refuses a web font, which Word cannot embed', async () => {
    const require = createRequire(import.meta.url);
    const woff = new Uint8Array(readFileSync(require.resolve('@openfonts/noto-sans-sc_all/files/noto-sans-sc-all-400.woff')));
    await expect(renderDocx(model, { embedFonts: { regular: woff } })).rejects.toSatisfy(
      (e: unknown) => e instanceof QcError && e.code === 'QC_FONT_UNAVAILABLE',
    );
  });

  // ---- Opening the DOCX in LibreOffice -------------------------------------------------------------------------------

  const hasCommand = (command: string) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
  const soffice = hasCommand('soffice');
  if (!soffice) console.warn('LibreOffice (soffice) not installed: skipped DOCX→PDF open test');

  let work = '';
  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it.skipIf(!soffice)(
    'opens in LibreOffice and converts to a PDF of several pages',
    () => {
      work = mkdtempSync(join(tmpdir(), 'qcredit-docx-'));
      const docx = join(work, 'pledge.docx');
      writeFileSync(docx, bytes);
      execFileSync(
        'soffice',
        [`-env:UserInstallation=file://${join(work, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', work, docx],
        { stdio: 'pipe', timeout: 120_000 },
      );
      const pdfPath = join(work, 'pledge.pdf');
      expect(existsSync(pdfPath)).toBe(true);
      const pdf = readFileSync(pdfPath).toString('latin1');
      const pages = pdf.match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
      expect(pages).toBeGreaterThanOrEqual(2);
      // No CJK font needs to be installed: LibreOffice draws the text with the fonts embedded in the DOCX
      expect(pdf).toMatch(/\/BaseFont\s*\/[A-Z]{6}\+NotoSansSC-Regular/);
      expect(pdf).toMatch(/\/BaseFont\s*\/[A-Z]{6}\+NotoSansSC-Bold/);
      if (hasCommand('pdftotext')) {
        const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
        expect(text.replace(/\s+/g, '')).toContain(TITLE);
        expect(text).toContain(RARE);
        expect(text.split('\f').filter((page) => page.trim()).length).toBe(pages);
        // pdftotext drops the spaces around the fields: '第1页共3页'
        expect(text.replace(/\s+/g, '')).toContain(`第1页共${pages}页`);
      } else {
        console.warn('pdftotext (poppler-utils) not installed: the PDF text was not checked');
      }
    },
    180_000,
  );
});
