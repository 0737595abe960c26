/**
 * 承诺书: the project's own pledge (generatePledge), then what the applicant does to the
 * printout: the company's red seal over 单位公章 (usually over the date too, 骑年盖月), the
 * legal representative's handwritten signature, and the date typed or written in by hand —
 * or some of these missing.
 */
import { BlendMode, PDFDocument, rgb } from 'pdf-lib';
import { generatePledge, pledgeModel } from '../../src/generators/pledge.js';
import { layoutDocument } from '../../src/document/pdf.js';
import { companyInput, type CorpusCompany } from './companies.js';
import { fontPaths, type FontChoice } from './fonts.js';
import { drawHandCode, drawHandDigits, drawRectStamp, drawRoundSeal, drawSignature, SEAL_PINK, SEAL_RED, SEAL_RED_DEEP, type InkImage } from './marks.js';
import { randomDate, type Rng } from './random.js';
import type { Box, BuiltDocument, DecoyMark, PledgeState, PledgeTruth, SealMark } from './types.js';

export const PLEDGE_STATES: readonly PledgeState[] = [
  'complete-typed-date',
  'complete-handwritten-date',
  'no-seal',
  'faded-seal',
  'no-signature',
  'contract-seal',
  'no-date',
  'blank',
];

type LayoutOp = Awaited<ReturnType<typeof layoutDocument>>['layout']['pages'][number][number];
type LineOp = Extract<LayoutOp, { kind: 'line' }>;

const lineText = (op: LineOp) => op.line.fragments.map((f) => f.text).join('');

/** What is done to the code's blank (hard variants); nothing by default. */
export type PledgeCodeMark = 'handwritten' | 'under-seal';

export async function buildPledge(company: CorpusCompany, rng: Rng, fonts: FontChoice, state: PledgeState, codeMark?: PledgeCodeMark): Promise<BuiltDocument<PledgeTruth>> {
  const hasSeal = !['no-seal', 'blank'].includes(state);
  const hasSignature = !['no-signature', 'blank'].includes(state);
  const dateStyle: PledgeTruth['dateStyle'] =
    state === 'no-date' || state === 'blank' ? null : state === 'complete-typed-date' || state === 'contract-seal' ? 'typed' : state === 'complete-handwritten-date' ? 'handwritten' : rng.pick(['typed', 'handwritten'] as const);
  const signedDate = dateStyle ? randomDate(rng, '2026-05-20', '2026-07-15') : null;
  const input = companyInput(company);
  // More than 90 points pushes the signing area onto a second page.
  const signatureRoom = rng.int(72, 90);
  const creationDate = new Date(`${signedDate ?? '2026-05-26'}T10:${String(rng.int(10, 59))}:00+08:00`);
  const options = { signatureRoom, ...(dateStyle === 'typed' ? { signedDate: signedDate! } : {}) };
  const paths = fontPaths(fonts);
  const printed = await generatePledge(input, 'pdf', { ...options, creationDate, fontPaths: paths });
  const { layout } = await layoutDocument(await pledgeModel(input, options), { fontPaths: paths });

  // Where the signing area landed.
  let pageIndex = 0;
  let signOp: LineOp | undefined;
  let sealOp: LineOp | undefined;
  let dateOp: LineOp | undefined;
  layout.pages.forEach((ops, p) => {
    for (const op of ops) {
      if (op.kind !== 'line') continue;
      const text = lineText(op);
      if (text.includes('签字')) {
        signOp = op;
        pageIndex = p;
      }
      if (text.startsWith('单位公章')) sealOp = op;
      if (/年.*月.*日$/.test(text) && signOp) dateOp = op;
    }
  });
  if (!signOp || !sealOp || !dateOp) throw new Error('pledge layout: signing area not found');
  const size = signOp.style.size;
  const lineW = (op: LineOp) => op.line.width;
  const dateLeft = dateOp.x + dateOp.width - lineW(dateOp);
  const dateTop = dateOp.y;

  const doc = await PDFDocument.load(printed, { updateMetadata: false });
  const page = doc.getPage(pageIndex);
  const H = page.getHeight();
  const seals: SealMark[] = [];
  const decoys: DecoyMark[] = [];
  const draw = async (ink: InkImage, cx: number, cy: number): Promise<Box> => {
    const image = await doc.embedPng(ink.png);
    const x = cx - ink.inner.x - ink.inner.width / 2;
    const y = cy - ink.inner.y - ink.inner.height / 2;
    page.drawImage(image, { x, y: H - y - ink.height, width: ink.width, height: ink.height, blendMode: BlendMode.Multiply });
    return { x: x + ink.inner.x, y: y + ink.inner.y, width: ink.inner.width, height: ink.inner.height };
  };

  let signature: PledgeTruth['signature'] = null;
  if (hasSignature) {
    const ink = drawSignature(rng, { heightPt: rng.float(18, 26), chars: [...company.legalRepresentative].length });
    const afterLabel = rng.chance(0.5);
    const cx = afterLabel ? signOp.x + lineW(signOp) + ink.inner.width / 2 + rng.float(0, 10) : signOp.x + rng.float(40, 110) + ink.inner.width / 2;
    const cy = afterLabel ? signOp.y + size * 0.6 + rng.float(-4, 4) : signOp.y + rng.float(32, signatureRoom - 10);
    signature = { page: pageIndex + 1, box: await draw(ink, cx, cy) };
  }
  if (dateStyle === 'handwritten') {
    const em = size;
    const [y, m, d] = signedDate!.split('-');
    const h = rng.float(11, 14);
    const color = rng.pick([[18, 30, 92], [22, 22, 28]] as const);
    const cy = dateTop + dateOp.style.lineHeight / 2 + rng.float(-2, 1);
    await draw(drawHandDigits(rng, y!, { heightPt: h, color }), dateLeft + 2 * em, cy);
    // The blank line is '　　　　年　　月　　日': digits go in the gaps before 年, 月 and 日.
    await draw(drawHandDigits(rng, String(Number(m)), { heightPt: h, color }), dateLeft + 6 * em, cy);
    await draw(drawHandDigits(rng, String(Number(d)), { heightPt: h, color }), dateLeft + 9 * em, cy);
  }
  if (hasSeal) {
    const faded = state === 'faded-seal';
    const contract = state === 'contract-seal';
    const text = company.name;
    const centerText = contract ? '合同专用章' : null;
    const ink = await drawRoundSeal(rng, {
      text,
      centerText,
      bottomText: !contract && rng.chance(0.6) ? company.sealNumber : null,
      diameterMm: 40,
      color: faded ? SEAL_PINK : rng.pick([SEAL_RED, SEAL_RED_DEEP]),
      density: faded ? rng.float(0.4, 0.58) : rng.float(0.8, 0.97),
      wear: faded ? rng.float(0.5, 0.85) : rng.float(0.1, 0.55),
      rotation: rng.float(-15, 15),
      weight: rng.pick([700, 900] as const),
    });
    const dateCentre = dateLeft + lineW(dateOp) / 2;
    const cx = Math.min(dateCentre + rng.float(-30, 10), sealOp.x + 200);
    const cy = dateTop + rng.float(-38, 0);
    const box = await draw(ink, cx, cy);
    seals.push({ page: pageIndex + 1, box, role: contract ? 'company-contract' : 'company', text, centerText, faded });
  }
  if (rng.chance(0.2)) {
    const ink = await drawRectStamp(rng, { lines: ['仅供质量信用等级认定使用'], sizePt: 10 });
    const box = await draw(ink, 420 + rng.float(-20, 20), 70 + rng.float(-8, 8));
    decoys.push({ page: pageIndex + 1, box, kind: 'rect-stamp', colour: 'red', text: '仅供质量信用等级认定使用' });
  }
  const codeBox = codeMark ? await markCode(doc, layout.pages, company, rng, codeMark, seals) : undefined;
  const pdf = await doc.save({ useObjectStreams: true });
  const size0 = doc.getPage(0).getSize();
  return {
    pdf,
    truth: {
      kind: 'pledge',
      title: '企业质量信用等级认定申报承诺书',
      uploadName: rng.pick(['承诺书.pdf', '申报承诺书.pdf', '企业质量信用等级认定申报承诺书.pdf', `${company.shortName}承诺书（盖章）.pdf`]),
      company: { name: company.name, creditCode: company.creditCode, legalRepresentative: company.legalRepresentative },
      code: company.creditCode,
      codePrinted: true,
      ...(codeMark && codeBox ? { codeMark: { style: codeMark, ...codeBox } } : {}),
      fonts,
      pages: doc.getPages().map(() => ({ width: size0.width, height: size0.height, dpi: 72 })),
      seals,
      decoys,
      state,
      sealPresent: hasSeal,
      officialSealPresent: hasSeal && state !== 'contract-seal',
      signaturePresent: hasSignature,
      signature,
      signedDate,
      dateFilled: dateStyle !== null,
      dateStyle,
      layout: 'pledge-generator',
    },
  };
}

/**
 * Hard variants: the code's blank (`本企业（统一社会信用代码：____）`) filled in by hand — the
 * printed code whited out above the underline and the code written on the line — or the
 * company seal stamped over the printed code. Returns where the code is (points).
 */
async function markCode(
  doc: PDFDocument,
  pages: LayoutOp[][],
  company: CorpusCompany,
  rng: Rng,
  mark: PledgeCodeMark,
  seals: SealMark[],
): Promise<{ page: number; box: Box }> {
  for (const [p, ops] of pages.entries()) {
    for (const op of ops) {
      if (op.kind !== 'line' || !lineText(op).includes(company.creditCode)) continue;
      // Where the underlined fragment is drawn: the same justification as the PDF writer.
      const { line, style } = op;
      const count = line.fragments.reduce((n, f) => n + [...f.text].length, 0);
      const perGap = op.align === 'justify' && !line.last && count > 1 ? (op.width - line.width) / (count - 1) : 0;
      const spacing = perGap > 0 && perGap < style.size * 0.6 ? perGap : 0;
      let x = op.x + (op.align === 'center' ? (op.width - line.width) / 2 : op.align === 'right' ? op.width - line.width : 0);
      for (const fragment of line.fragments) {
        const n = [...fragment.text].length;
        if (!fragment.text.includes(company.creditCode)) {
          x += fragment.width + spacing * n;
          continue;
        }
        const width = fragment.width + spacing * Math.max(0, n - 1);
        const baseline = op.y + (style.lineHeight - style.size) / 2 + style.size * 0.86;
        const page = doc.getPage(p);
        const H = page.getHeight();
        const draw = async (ink: InkImage, cx: number, cy: number): Promise<Box> => {
          const image = await doc.embedPng(ink.png);
          const left = cx - ink.inner.x - ink.inner.width / 2;
          const top = cy - ink.inner.y - ink.inner.height / 2;
          page.drawImage(image, { x: left, y: H - top - ink.height, width: ink.width, height: ink.height, blendMode: BlendMode.Multiply });
          return { x: left + ink.inner.x, y: top + ink.inner.y, width: ink.inner.width, height: ink.inner.height };
        };
        if (mark === 'handwritten') {
          // White out the printed code, not the underline (drawn 0.16 em under the baseline).
          const top = baseline - style.size * 0.95;
          const bottom = baseline + style.size * 0.08;
          page.drawRectangle({ x: x - 0.5, y: H - bottom, width: width + 1, height: bottom - top, color: rgb(1, 1, 1) });
          const ink = await drawHandCode(rng, company.creditCode, { heightPt: style.size * rng.float(0.95, 1.25), widthPt: width * rng.float(0.86, 0.98) });
          const cx = x + width / 2 + rng.float(-2, 2);
          const cy = baseline - style.size * 0.16 - ink.height * 0.5 + ink.height * 0.12;
          return { page: p + 1, box: await draw(ink, cx, cy) };
        }
        const ink = await drawRoundSeal(rng, {
          text: company.name,
          bottomText: rng.chance(0.5) ? company.sealNumber : null,
          diameterMm: rng.float(38, 42),
          color: rng.pick([SEAL_RED, SEAL_RED_DEEP]),
          density: rng.float(0.75, 0.95),
          wear: rng.float(0.1, 0.5),
          rotation: rng.float(-20, 20),
          weight: rng.pick([700, 900] as const),
        });
        const cx = x + width * rng.float(0.3, 0.7);
        const cy = baseline - style.size * 0.4 + rng.float(-12, 12);
        const box = await draw(ink, cx, cy);
        seals.push({ page: p + 1, box, role: 'company', text: company.name, centerText: null, faded: false });
        return { page: p + 1, box: { x, y: baseline - style.size, width, height: style.size * 1.2 } };
      }
    }
  }
  throw new Error('pledge layout: the credit code line was not found');
}
