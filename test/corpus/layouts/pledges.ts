/**
 * Development pledge layouts (besides the classic 'pledge-generator'):
 *  - 'pledge-official-typed': the official 附件1 form as an applicant types it in Word — the
 *    official wording, the code typed into the opening sentence (underlined or not, sometimes
 *    with the company's name), the six promises, and the signing block on one line or two,
 *    then printed, signed, sealed and dated as the PledgeState says (same meaning as
 *    ../pledge.ts).
 */
import { A4, Composer } from '../compose.js';
import type { PledgeContext, PledgeLayout } from '../layouts.js';
import { drawHandCode, drawHandDigits, drawRectStamp, drawRoundSeal, drawSignature, INK_COLORS, SEAL_PINK, SEAL_RED, SEAL_RED_DEEP } from '../marks.js';
import { placeInk } from '../parts.js';
import { randomDate, zhDate, zhDateUpper } from '../random.js';
import type { Box, BuiltDocument, PledgeTruth } from '../types.js';
import { PLEDGE_PROMISES, PLEDGE_TITLE } from '../pledge-text.js';

const TITLE = PLEDGE_TITLE;

/** 附件1's wording, word for word. */
const OPENING_TAIL = '在充分知晓并理解相关规定的前提下，自愿申请参加江苏省企业质量信用等级认定。为维护认定工作的严肃性和权威性，本企业郑重作出如下承诺：';
const PROMISES = PLEDGE_PROMISES;

/** Where a run of a paragraph was drawn: its left edge, the top of its line, its width. */
interface Spot {
  page: number;
  x: number;
  top: number;
  width: number;
}

/**
 * A justified paragraph from the cursor, like Composer.para, with one run (`token`) that may
 * be left undrawn (a blank) and whose place is returned. The token has no break inside it
 * (wrap keeps a run of letters and digits whole), and the text has no ASCII spaces, so the
 * wrapped lines are contiguous slices of it.
 */
function paragraphWithToken(
  c: Composer,
  before: string,
  token: string,
  after: string,
  o: { size: number; lineHeight: number; indent: number; drawToken: boolean; space: number },
): Spot {
  const text = before + token + after;
  const { size, lineHeight: lh } = o;
  const width = c.contentWidth;
  const indent = o.indent * size;
  const lines = c.wrap(text, width, size, 'body', width - indent);
  const from = before.length;
  const to = from + token.length;
  let offset = 0;
  let spot: Spot | null = null;
  lines.forEach((line, i) => {
    c.ensure(lh);
    const top = c.y + (lh - size) / 2;
    const x = c.margin.left + (i === 0 ? indent : 0);
    const avail = width - (i === 0 ? indent : 0);
    const chars = [...line].length;
    let extra = 0;
    if (i < lines.length - 1 && chars > 1) {
      const per = (avail - c.measure(line, size)) / (chars - 1);
      if (per > 0 && per < size * 0.5) extra = per;
    }
    const start = offset;
    offset += line.length;
    if (from >= start && to <= offset) {
      const pre = line.slice(0, from - start);
      const post = line.slice(to - start);
      const tokenX = x + c.measure(pre, size, 'body', extra);
      c.text(pre, x, top, { size, spacing: extra });
      if (o.drawToken) c.text(token, tokenX, top, { size, spacing: extra });
      c.text(post, tokenX + c.measure(token, size, 'body', extra), top, { size, spacing: extra });
      spot = { page: c.page, x: tokenX, top, width: c.measure(token, size, 'body', extra) - extra };
    } else {
      c.text(line, x, top, { size, spacing: extra });
    }
    c.y += lh;
  });
  c.y += o.space;
  if (!spot) throw new Error('pledge-official-typed: the code run was not laid out');
  return spot;
}

/** Draw on another page than the current one (marks put on after the text flowed on). */
function onPage<T>(c: Composer, page: number, draw: () => T): T {
  const saved = c.page;
  c.page = page;
  try {
    return draw();
  } finally {
    c.page = saved;
  }
}

async function buildOfficialTyped({ company, rng, fonts, state, codeMark }: PledgeContext): Promise<BuiltDocument<PledgeTruth>> {
  // What the applicant did to the printout: the same meaning as the classic pledge's states.
  const hasSeal = !['no-seal', 'blank'].includes(state);
  const hasSignature = !['no-signature', 'blank'].includes(state);
  const dateStyle: PledgeTruth['dateStyle'] =
    state === 'no-date' || state === 'blank' ? null : state === 'complete-typed-date' || state === 'contract-seal' ? 'typed' : state === 'complete-handwritten-date' ? 'handwritten' : rng.pick(['typed', 'handwritten'] as const);
  const signedDate = dateStyle ? randomDate(rng, '2026-05-20', '2026-07-15') : null;

  // How this applicant's Word document is set up.
  const size = rng.pick([10.5, 11, 12, 12, rng.float(10.5, 12)]);
  // Word's single spacing, 1.25 lines or 1.5 lines (the font's line is about 1.3 em).
  const lh = size * rng.weighted([rng.float(1.3, 1.45), rng.float(1.55, 1.7), rng.float(1.85, 2)], [3, 2, 2]);
  const margin = { top: rng.float(60, 92), bottom: rng.float(60, 80), left: rng.float(68, 92), right: 0 };
  margin.right = margin.left + rng.float(-6, 4);
  const c = await Composer.create(A4, fonts, margin);
  const cw = c.contentWidth;
  const pageNumbers = rng.weighted(['none', 'dash', 'of'] as const, [3, 2, 1]);
  if (pageNumbers !== 'none') {
    c.footer = (cc, page, total) => {
      if (total < 2) return;
      cc.text(pageNumbers === 'dash' ? `- ${page} -` : `第 ${page} 页 共 ${total} 页`, cc.width / 2, cc.height - margin.bottom / 2 - 5, { size: 9, align: 'center' });
    };
  }

  if (rng.chance(0.6)) {
    const s = rng.pick([12, 14, 16, size]);
    c.text(rng.pick(['附件1', '附件1', '附件 1', '附件1：']), margin.left, c.y, { size: s, weight: rng.chance(0.6) ? 'bold' : 'body' });
    c.gap(s * rng.float(1.8, 2.6));
  } else {
    c.gap(rng.float(0, 12));
  }
  const titleSize = rng.pick([16, 18, 22, rng.float(16, 22)]);
  c.text(TITLE, c.width / 2, c.y, { size: titleSize, weight: 'bold', align: 'center', spacing: rng.chance(0.3) ? rng.float(0.5, 2) : 0 });
  c.gap(titleSize * rng.float(1.9, 2.6));

  // The opening sentence, with the code (or its blank) in it.
  const half = rng.chance(0.15);
  const [open, close, colon] = half ? ['(', ')', ':'] : ['（', '）', '：'];
  const opening = rng.weighted(['plain', 'named-inside', 'named-after', 'name-line'] as const, [5, 3, 1, 2]);
  if (opening === 'name-line') {
    c.para(`${rng.pick(['申报企业', '企业名称', '申报单位'])}：${company.name}`, { size, lineHeight: lh, align: 'left' });
  }
  const lead =
    opening === 'named-inside' ? `本企业${open}${company.name}，统一社会信用代码${colon}` : opening === 'named-after' ? `本企业${company.name}${open}统一社会信用代码${colon}` : `本企业${open}统一社会信用代码${colon}`;
  const handCode = codeMark === 'handwritten';
  // A blank for the hand: a run of digits as wide as the blank, never drawn.
  const zero = c.measure('0', size);
  const blankChars = Math.round((c.measure(company.creditCode, size) * rng.float(1.15, 1.45)) / zero);
  const token = handCode ? '0'.repeat(blankChars) : company.creditCode;
  const underline = handCode || rng.chance(0.5);
  const paraSpace = rng.float(0, size * 0.5);
  const spot = paragraphWithToken(c, lead, token, `${close}${OPENING_TAIL}`, { size, lineHeight: lh, indent: 2, drawToken: !handCode, space: paraSpace });
  const underlineY = spot.top + size * 1.1;
  if (underline) onPage(c, spot.page, () => c.line(spot.x - 2, underlineY, spot.x + spot.width + 2, underlineY, 0.6));

  // The six promises.
  const headIndent = rng.pick([0, 2, 2]);
  const headWeight = rng.chance(0.75) ? ('bold' as const) : ('body' as const);
  for (const [heading, body] of PROMISES) {
    c.para(heading, { size, weight: headWeight, lineHeight: lh, indent: headIndent, align: 'left' });
    c.para(body, { size, lineHeight: lh, indent: 2, after: paraSpace });
  }

  // The signing block: 签字 and 单位公章 on one line (as the form has it) or on two, then the
  // date line, right-aligned; sometimes the company's name above the date.
  const oneLine = rng.chance(0.55);
  const before = rng.float(size * 1, size * 3.5);
  const between = rng.float(size * 1.6, size * 3.2);
  const room = rng.float(size * 2, size * 4.2);
  const nameLine = rng.chance(0.35);
  const block = before + lh + (oneLine ? 0 : between + lh) + room + (nameLine ? lh : 0) + lh + 30;
  c.ensure(block);
  c.gap(before);
  const signLabel = '法定代表人（或负责人）签字：';
  const sealLabel = '单位公章：';
  const signX = margin.left + (oneLine ? rng.pick([0, 2 * size]) : rng.pick([0, 2 * size, cw * rng.float(0.3, 0.45)]));
  const signTop = c.y + (lh - size) / 2;
  const signBox = c.text(signLabel, signX, signTop, { size });
  let sealBox: Box;
  if (oneLine) {
    const sealX = Math.max(signBox.x + signBox.width + size * 4, margin.left + cw * rng.float(0.58, 0.68));
    sealBox = c.text(sealLabel, Math.min(sealX, margin.left + cw - size * 7), signTop, { size });
    c.y += lh;
  } else {
    c.y += lh + between;
    sealBox = c.text(sealLabel, signX, c.y + (lh - size) / 2, { size });
    c.y += lh;
  }
  c.gap(room);
  const right = margin.left + cw - rng.pick([0, 0, size, 2 * size]);
  if (nameLine) {
    const label = rng.pick(['企业名称（盖章）：', '申报企业（盖章）：', '单位名称（盖章）：']);
    c.text(`${label}${company.name}`, right, c.y + (lh - size) / 2, { size, align: 'right' });
    c.y += lh;
  }
  const dateTop = c.y + (lh - size) / 2;
  const signPage = c.page;
  // The blank date line, as ideographic spaces before 年, 月 and 日.
  const gaps = ['　'.repeat(rng.int(3, 5)), '　'.repeat(rng.int(2, 3)), '　'.repeat(rng.int(2, 3))];
  const blank = `${gaps[0]}年${gaps[1]}月${gaps[2]}日`;
  const dateText = dateStyle === 'typed' ? rng.pick([zhDate(signedDate!), zhDate(signedDate!, true), zhDateUpper(signedDate!)]) : blank;
  const dateBox = c.text(dateText, right, dateTop, { size, align: 'right' });
  c.y += lh;

  // What was done to the printout.
  let signature: PledgeTruth['signature'] = null;
  if (hasSignature) {
    const ink = drawSignature(rng, { heightPt: rng.float(18, 26), chars: [...company.legalRepresentative].length });
    const after = signBox.x + signBox.width;
    const limit = oneLine ? sealBox.x - 4 : c.width - margin.right * 0.5;
    const fits = after + ink.inner.width + 4 <= limit;
    // After the label when there is room on the line; under it, in the space left for it, when not.
    const cx = fits ? after + ink.inner.width / 2 + rng.float(2, Math.min(14, limit - after - ink.inner.width)) : signX + rng.float(size * 3, size * 8) + ink.inner.width / 2;
    const cy = fits ? signTop + size * 0.5 + rng.float(-4, 2) : signTop + size + ink.inner.height / 2 + rng.float(0, 4);
    signature = { page: signPage + 1, box: placeInk(c, ink, cx, cy) };
  }
  if (dateStyle === 'handwritten') {
    const color = rng.pick(INK_COLORS);
    const cy = dateTop + size * 0.5 + rng.float(-2, 1);
    const [y, m, d] = signedDate!.split('-') as [string, string, string];
    const parts = [y, String(Number(m)), String(Number(d))];
    let x = dateBox.x;
    const marks = ['年', '月', '日'];
    for (let i = 0; i < 3; i++) {
      const gapW = c.measure(gaps[i]!, size);
      // Written into the gap before 年, 月 or 日, as large as it allows.
      const h = Math.min(rng.float(11, 14), (gapW * 0.92) / (parts[i]!.length * 0.62 + 0.5));
      placeInk(c, drawHandDigits(rng, parts[i]!, { heightPt: h, color }), x + gapW / 2 + rng.float(-2, 2), cy);
      x += gapW + c.measure(marks[i]!, size);
    }
  }
  if (hasSeal) {
    const faded = state === 'faded-seal';
    const contract = state === 'contract-seal';
    const centerText = contract ? '合同专用章' : null;
    const ink = await drawRoundSeal(rng, {
      text: company.name,
      centerText,
      bottomText: !contract && rng.chance(0.6) ? company.sealNumber : null,
      diameterMm: rng.float(38, 42),
      color: faded ? SEAL_PINK : rng.pick([SEAL_RED, SEAL_RED_DEEP]),
      density: faded ? rng.float(0.4, 0.58) : rng.float(0.8, 0.97),
      wear: faded ? rng.float(0.5, 0.85) : rng.float(0.1, 0.55),
      rotation: rng.float(-15, 15),
      weight: rng.pick([700, 900] as const),
    });
    const r = ink.inner.width / 2;
    // Over 单位公章 and towards the date (骑年盖月), kept on the paper.
    const cx = Math.min(sealBox.x + sealBox.width + r * rng.float(0.1, 0.7), c.width - 24 - r);
    const cy = sealBox.y + size / 2 + rng.float(0, Math.max(10, dateTop - sealBox.y));
    const box = placeInk(c, ink, cx, cy);
    c.addSeal({ box, role: contract ? 'company-contract' : 'company', text: company.name, centerText, faded });
  }

  let codeBox: { page: number; box: Box } | undefined;
  if (codeMark === 'handwritten') {
    const heightPt = size * rng.float(0.95, 1.25);
    const widthPt = spot.width * rng.float(0.86, 0.98);
    const ink = await drawHandCode(rng, company.creditCode, { heightPt, widthPt });
    const fit = Math.min(heightPt, widthPt / ([...company.creditCode].length * 0.66 + 0.6));
    // The letters stand on the underline.
    const box = onPage(c, spot.page, () => placeInk(c, ink, spot.x + spot.width / 2 + rng.float(-3, 3), underlineY - 1.5 - fit / 2 + rng.float(-1, 1)));
    codeBox = { page: spot.page + 1, box };
  } else if (codeMark === 'under-seal') {
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
    const box = onPage(c, spot.page, () => placeInk(c, ink, spot.x + spot.width * rng.float(0.3, 0.7), spot.top + size * 0.5 + rng.float(-12, 12)));
    c.addSeal({ box, role: 'company', text: company.name, centerText: null, faded: false }, spot.page);
    codeBox = { page: spot.page + 1, box: { x: spot.x, y: spot.top - size * 0.1, width: spot.width, height: size * 1.2 } };
  }
  if (rng.chance(0.15)) {
    // A 仅供…使用 stamp at the top of the first page: red, and no seal.
    const text = '仅供质量信用等级认定使用';
    const ink = await drawRectStamp(rng, { lines: [text], sizePt: 10 });
    const box = onPage(c, 0, () => placeInk(c, ink, c.width - margin.right - rng.float(60, 110), margin.top * rng.float(0.45, 0.75)));
    c.addDecoy({ box, kind: 'rect-stamp', colour: 'red', text }, 0);
  }

  const creationDate = new Date(`${signedDate ?? '2026-05-26'}T${String(rng.int(8, 17)).padStart(2, '0')}:${String(rng.int(10, 59))}:00+08:00`);
  const pdf = await c.finish({ title: rng.chance(0.5) ? TITLE : '附件1', author: rng.pick(['Administrator', 'User', company.contact.name, '']), creationDate, creator: 'Microsoft® Word 2016', producer: 'Microsoft® Word 2016' });
  return {
    pdf,
    truth: {
      kind: 'pledge',
      layout: 'pledge-official-typed',
      title: TITLE,
      uploadName: rng.pick(['承诺书.pdf', '附件1 申报承诺书.pdf', '企业质量信用等级认定申报承诺书.pdf', `${company.shortName}申报承诺书.pdf`, '承诺书（盖章扫描）.pdf']),
      company: { name: company.name, creditCode: company.creditCode, legalRepresentative: company.legalRepresentative },
      code: company.creditCode,
      codePrinted: true,
      ...(codeMark && codeBox ? { codeMark: { style: codeMark, ...codeBox } } : {}),
      fonts,
      pages: Array.from({ length: c.pageCount }, () => ({ width: c.width, height: c.height, dpi: 72 })),
      seals: c.seals,
      decoys: c.decoys,
      state,
      sealPresent: hasSeal,
      officialSealPresent: hasSeal && state !== 'contract-seal',
      signaturePresent: hasSignature,
      signature,
      signedDate,
      dateFilled: dateStyle !== null,
      dateStyle,
    },
  };
}

export const DEV_PLEDGE_LAYOUTS: readonly PledgeLayout[] = [
  {
    id: 'pledge-official-typed',
    kind: 'pledge',
    group: 'dev',
    codeMarks: true,
    description: 'The official 附件1 form typed by the applicant in Word: the code typed into the opening sentence, the six promises, 签字 and 单位公章 on one line or two, the date line right-aligned.',
    build: buildOfficialTyped,
  },
];
