/**
 * Held-out pledge layout `pledge-official-handfilled`: the official 附件1 form
 * (企业质量信用等级认定申报承诺书) printed blank — an empty underlined blank for the credit code,
 * empty signing and date lines — and then filled in by hand: the code written into the blank,
 * the legal representative's signature, the date digits in the gaps of 年 月 日, and the
 * company seal, or some of these missing (PledgeState, same meaning as test/corpus/pledge.ts).
 */
import { A4, Composer, type Rgb } from '../../test/corpus/compose.js';
import type { PledgeLayout } from '../../test/corpus/layouts.js';
import { drawHandCode, drawSignature } from '../../test/corpus/marks.js';
import { addRectStamp, addSeal, companySeal, placeInk } from '../../test/corpus/parts.js';
import { randomDate } from '../../test/corpus/random.js';
import type { Box, BuiltDocument, PledgeState, PledgeTruth } from '../../test/corpus/types.js';
import { BLACK_INK, handDigitsAt, PEN_COLOURS } from './kit.js';
import { PLEDGE_PROMISES, PLEDGE_TITLE } from '../../test/corpus/pledge-text.js';

const TITLE = PLEDGE_TITLE;
const OPENING_BEFORE = '本企业（统一社会信用代码：';
const OPENING_AFTER = '）在充分知晓并理解相关规定的前提下，自愿申请参加江苏省企业质量信用等级认定。现郑重承诺如下：';

const PROMISES = PLEDGE_PROMISES;

const SIGN_LABEL = '法定代表人（或负责人）签字：';
const SEAL_LABEL = '单位公章：';

/** Classic semantics: which marks a state has. */
function marksOf(state: PledgeState): { seal: boolean; signature: boolean; date: boolean; faded: boolean; contract: boolean } {
  return {
    seal: state !== 'no-seal' && state !== 'blank',
    signature: state !== 'no-signature' && state !== 'blank',
    date: state !== 'no-date' && state !== 'blank',
    faded: state === 'faded-seal',
    contract: state === 'contract-seal',
  };
}

async function buildHandFilled({ company, rng, fonts, state }: Parameters<PledgeLayout['build']>[0]): Promise<BuiltDocument<PledgeTruth>> {
  const marks = marksOf(state);
  // A form printed blank has no typed date: every filled date is handwritten.
  const signedDate = marks.date ? randomDate(rng, '2026-04-20', '2026-07-20') : null;
  const pen: Rgb = rng.pick(PEN_COLOURS);

  // A compact print fits on one page; a roomy one runs onto a second.
  const compact = rng.chance(0.45);
  const size = compact ? rng.float(10.5, 11.5) : rng.float(12, 14);
  const lh = size * (compact ? rng.float(1.4, 1.6) : rng.float(1.55, 1.9));
  const side = compact ? rng.float(48, 62) : rng.float(56, 84);
  const c = await Composer.create(A4, fonts, { top: compact ? rng.float(42, 56) : rng.float(50, 86), bottom: rng.float(46, 72), left: side, right: side + rng.float(-6, 6) });
  const L = c.margin.left;
  const width = c.contentWidth;
  const pageNumbers = rng.chance(0.4);

  // 附件1 at the top left, then the title.
  if (rng.chance(0.75)) {
    const label = rng.pick(['附件1', '附件 1', '附件1：']);
    c.text(label, L, c.y, { size: size + rng.float(0, 2), weight: rng.chance(0.6) ? 'bold' : 'body', color: BLACK_INK });
    c.gap(size * 2.2);
  }
  const titleSize = rng.float(16, 22);
  c.gap(rng.float(4, 16));
  c.text(TITLE, c.width / 2, c.y, { size: titleSize, weight: 'bold', color: BLACK_INK, align: 'center', spacing: rng.chance(0.3) ? rng.float(1, 3) : 0 });
  c.gap(titleSize * rng.float(2.0, 2.8));

  // The opening sentence with the empty code blank; it stays on the first line.
  const indent = size * 2;
  const top = c.y + (lh - size) / 2;
  const beforeW = c.measure(OPENING_BEFORE, size);
  const room = width - indent - beforeW - size * 2.5;
  const blankW = Math.max(120, Math.min(rng.float(150, 215), room));
  const x0 = L + indent;
  c.text(OPENING_BEFORE, x0, top, { size, color: BLACK_INK });
  const bx = x0 + beforeW + 1;
  const lineY = top + size * 1.04;
  if (rng.chance(0.5)) {
    // Underscores typed into the Word form.
    const n = Math.max(8, Math.floor(blankW / c.measure('_', size)));
    c.text('_'.repeat(n), bx, top, { size, color: BLACK_INK });
  } else c.line(bx, lineY, bx + blankW, lineY, 0.6, BLACK_INK);
  const afterX = bx + blankW + 1;
  const afterLines = c.wrap(OPENING_AFTER, width, size, 'body', L + width - afterX);
  c.text(afterLines[0]!, afterX, top, { size, color: BLACK_INK });
  c.gap(lh);
  if (afterLines.length > 1) c.para(afterLines.slice(1).join(''), { size, lineHeight: lh, color: BLACK_INK, after: size * rng.float(0.2, 0.8) });

  // The applicant writes the code on the line.
  const codeHeight = size * rng.float(1.0, 1.35);
  const codeWidth = blankW * rng.float(0.84, 0.98);
  const codeInk = await drawHandCode(rng, company.creditCode, { heightPt: codeHeight, widthPt: codeWidth, color: pen });
  const glyph = Math.min(codeHeight, codeWidth / ([...company.creditCode].length * 0.66 + 0.6));
  const codeBox = placeInk(c, codeInk, bx + blankW / 2 + rng.float(-3, 3), lineY - 1.5 - glyph / 2 + rng.float(-1.5, 1));
  const codePage = c.page + 1;

  // The promises.
  const headingBold = rng.chance(0.7);
  const headingIndent = rng.chance(0.6) ? 2 : 0;
  for (const [heading, body] of PROMISES) {
    // A heading stays with its first lines (keep with next).
    c.ensure(lh * 2.5);
    c.para(heading, { size, lineHeight: lh, weight: headingBold ? 'bold' : 'body', indent: headingIndent, align: 'left', color: BLACK_INK });
    c.para(body, { size, lineHeight: lh, indent: 2, color: BLACK_INK, after: size * rng.float(0, 0.6) });
  }

  // The signing area: kept together, on a page of its own when the form is printed so.
  const sameLine = rng.chance(0.55);
  const blockH = (sameLine ? 2 : 3) * lh * 1.6 + 90;
  // Only a one-page print is pushed over: the form has one or two pages, never three.
  if (c.page === 0 && rng.chance(0.15)) c.newPage();
  else c.ensure(blockH);
  c.gap(rng.float(18, 56));
  const signPage = c.page;
  const area = rng.weighted(['left', 'indented', 'right-half'], [3, 2, 3]);
  // The signature goes after the label: leave it room before the right margin.
  const axMax = L + width - c.measure(SIGN_LABEL, size) - 90;
  const ax = Math.min(axMax, area === 'left' ? L : area === 'indented' ? L + size * 2 : L + width * rng.float(0.36, 0.46));
  const signTop = c.y;
  const signBox = c.text(SIGN_LABEL, ax, signTop, { size, color: BLACK_INK });
  let sealLabel: Box;
  if (sameLine && area !== 'right-half') {
    const gapW = Math.min(rng.float(100, 160), L + width - (signBox.x + signBox.width) - c.measure(SEAL_LABEL, size) - 70);
    sealLabel = c.text(SEAL_LABEL, signBox.x + signBox.width + Math.max(60, gapW), signTop, { size, color: BLACK_INK });
    c.gap(lh * rng.float(1.8, 2.6));
  } else {
    c.gap(lh * rng.float(1.6, 2.4));
    sealLabel = c.text(SEAL_LABEL, ax, c.y, { size, color: BLACK_INK });
    c.gap(lh * rng.float(1.6, 2.4));
  }

  // 年 月 日 with empty gaps, right-aligned or under the labels.
  // Gaps of ideographic or plain spaces, wide enough for a hand to write in.
  const sp = rng.chance(0.6) ? '　' : ' ';
  const fill = (ems: number) => {
    let gap = sp;
    while (c.measure(gap, size) < ems * size) gap += sp;
    return gap;
  };
  const yearGap = fill(rng.float(3, 4.2));
  const mGap = fill(rng.float(1.8, 2.6));
  const dateText = `${yearGap}年${mGap}月${mGap}日`;
  const dateW = c.measure(dateText, size);
  const dateRight = rng.chance(0.6);
  const dx = dateRight ? L + width - dateW - rng.float(0, size * 3) : sealLabel.x + rng.float(0, size * 4);
  const dateTop = c.y;
  c.text(dateText, dx, dateTop, { size, color: BLACK_INK });
  const dateCy = dateTop + size * 0.5;
  c.gap(lh);

  if (rng.chance(0.3)) {
    c.gap(lh * 0.6);
    c.para(rng.pick(['注：本承诺书须由法定代表人（或负责人）签字并加盖单位公章后扫描上传。', '注：承诺书须加盖单位公章，复印件无效。']), { size: size * 0.82, lineHeight: size * 1.4, align: 'left', color: BLACK_INK });
  }

  let signature: PledgeTruth['signature'] = null;
  if (marks.signature) {
    const ink = drawSignature(rng, { heightPt: rng.float(18, 28), chars: [...company.legalRepresentative].length, color: pen });
    const cx = signBox.x + signBox.width + ink.inner.width / 2 + rng.float(2, 16);
    const cy = signTop + size * 0.55 + rng.float(-6, 3);
    signature = { page: signPage + 1, box: placeInk(c, ink, cx, cy) };
  }
  if (signedDate) {
    const [y, m, d] = signedDate.split('-');
    const h = Math.min(size * rng.float(0.95, 1.2), c.measure(yearGap, size) / 2.7);
    const at = (prefix: string, gap: string) => dx + c.measure(prefix, size) + c.measure(gap, size) / 2;
    handDigitsAt(c, rng, y!, at('', yearGap), dateCy + rng.float(-2, 1), h, pen);
    handDigitsAt(c, rng, String(Number(m)), at(`${yearGap}年`, mGap), dateCy + rng.float(-2, 1), h, pen);
    handDigitsAt(c, rng, String(Number(d)), at(`${yearGap}年${mGap}月`, mGap), dateCy + rng.float(-2, 1), h, pen);
  }
  if (marks.seal) {
    // Over the date (骑年盖月) or on the 单位公章 label.
    const onLabel = rng.chance(0.4);
    const cx = onLabel ? sealLabel.x + sealLabel.width + rng.float(20, 55) : dx + dateW / 2 + rng.float(-25, 15);
    const cy = onLabel ? sealLabel.y + size * 0.5 + rng.float(-20, 20) : dateCy + rng.float(-38, 2);
    await addSeal(c, rng, Math.max(62, Math.min(cx, c.width - 62)), cy, companySeal(company, rng, { contract: marks.contract, faded: marks.faded }));
  }
  if (rng.chance(0.15)) {
    await addRectStamp(c, rng, L + width - rng.float(60, 110), rng.float(40, 60), ['仅供质量信用等级认定使用'], 10);
  }
  if (pageNumbers && c.pageCount > 1) {
    const style = rng.int(0, 2);
    c.footer = (cc, page, total) => {
      const text = style === 0 ? `第 ${page} 页 共 ${total} 页` : style === 1 ? `${page}` : `- ${page} -`;
      cc.text(text, cc.width / 2, cc.height - 40, { size: 9, color: BLACK_INK, align: 'center' });
    };
  }

  const pdf = await c.finish({ title: rng.pick([TITLE, '附件1', 'Scan']), creationDate: new Date(`${signedDate ?? '2026-05-26'}T16:${String(rng.int(10, 59))}:00+08:00`), creator: rng.pick(['Canon iR-ADV C3525', 'HP Scan', 'CamScanner', 'Brother MFC']), producer: 'pdf-lib' });
  return {
    pdf,
    truth: {
      kind: 'pledge',
      layout: 'pledge-official-handfilled',
      title: TITLE,
      uploadName: rng.pick(['承诺书.pdf', '附件1承诺书.pdf', '申报承诺书（签字盖章）.pdf', `${company.shortName}承诺书.pdf`]),
      company: { name: company.name, creditCode: company.creditCode, legalRepresentative: company.legalRepresentative },
      code: company.creditCode,
      codePrinted: true,
      codeMark: { style: 'handwritten', page: codePage, box: codeBox },
      fonts,
      pages: Array.from({ length: c.pageCount }, () => ({ width: c.width, height: c.height, dpi: 72 })),
      seals: c.seals,
      decoys: c.decoys,
      state,
      sealPresent: marks.seal,
      officialSealPresent: marks.seal && !marks.contract,
      signaturePresent: marks.signature,
      signature,
      signedDate,
      dateFilled: signedDate !== null,
      dateStyle: signedDate ? 'handwritten' : null,
    },
  };
}

export const HELD_OUT_PLEDGE_LAYOUTS: readonly PledgeLayout[] = [
  {
    id: 'pledge-official-handfilled',
    kind: 'pledge',
    group: 'held-out',
    // The code is already handwritten: the form cannot take another code mark.
    codeMarks: false,
    description: 'The official 附件1 承诺书 printed blank and filled in by hand: code written into the blank, signature, handwritten date digits, company seal.',
    build: buildHandFilled,
  },
];
