/**
 * 承诺书: the project's own pledge (generatePledge), then what the applicant does to the
 * printout: the company's red seal over 单位公章 (usually over the date too, 骑年盖月), the
 * legal representative's handwritten signature, and the date typed or written in by hand —
 * or some of these missing.
 */
import { BlendMode, PDFDocument } from 'pdf-lib';
import { generatePledge, pledgeModel } from '../../src/generators/pledge.js';
import { layoutDocument } from '../../src/document/pdf.js';
import { companyInput, type CorpusCompany } from './companies.js';
import { fontPaths, type FontChoice } from './fonts.js';
import { drawHandDigits, drawRectStamp, drawRoundSeal, drawSignature, SEAL_PINK, SEAL_RED, SEAL_RED_DEEP, type InkImage } from './marks.js';
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

export async function buildPledge(company: CorpusCompany, rng: Rng, fonts: FontChoice, state: PledgeState): Promise<BuiltDocument<PledgeTruth>> {
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
      dateStyle,
    },
  };
}
