/**
 * Finding the unified social credit code on read pages.
 *
 * The code is anchored on its label (统一社会信用代码 / 信用代码): about one in 31 random
 * 18-character strings passes the checksum, so a code found without its label must pass
 * every structural check too. On OCR pages the code's line is read a second time by a Latin
 * engine restricted to the code alphabet, from the red channel (red seals fade, blue and
 * black ink stay dark), and every reading goes through the checksum repair; readings that
 * disagree are never resolved by guessing. With the 'auto' engine policy, a code-line reading
 * that fails the checksum as read, is unsure, or lies under red ink is read once more by the
 * other engine (its second opinion), and the checksum arbitrates between them.
 */
import { repairUscc, USCC_ALPHABET, validateUscc } from '../domain/uscc.js';
import type { OcrEngine, OcrRequest, OcrResult } from './ocr/engine.js';
import { hasSecondOpinion, type SecondOpinion } from './ocr/policy.js';
import { ocrPage, redInkShare } from './ocr-page.js';
import { crop, redChannel, upscaleTo } from './ocr/preprocess.js';
import type { Box, ReadPage, TextLine } from './types.js';

export interface CreditCodeReading {
  /** The code: repaired when a misread was repaired, else as printed (normalised). */
  value: string;
  /** Passes the check character and the structure checks. */
  valid: boolean;
  /** `value` differs from what was read (look-alike characters, stray characters). */
  repaired: boolean;
  /** What was read, before repair. */
  raw: string;
  page: number;
  /** Where the code is on the page (page pixels). */
  box: Box;
  /** Whether the label 统一社会信用代码 was found next to it. */
  labelled: boolean;
  /** How it was read: from the text layer as printed, or by OCR (a scan, or ink written on a text-layer page). */
  by: 'text-layer' | 'ocr';
  /** When readings could not be reconciled: the codes they could be. */
  candidates: string[];
}

/** OCR look-alikes of code characters, accepted in raw text so repair can fix them. */
const LOOKALIKES = 'OIZSV';
export const CODE_LABEL = /(?:统一)?社会信用代码|统一社会信用|信用代码/;
/**
 * Code characters with what may stand between them: spaces (a code typed into 18 boxes of a
 * form, or letter-spaced by an exporter, reads "9 1 3 2 …"), dashes, and box rules read as bars.
 */
const CODE_RUN = new RegExp(`[${USCC_ALPHABET}${LOOKALIKES}a-z0-9\\s\\-|｜]{15,80}`, 'gi');
const SEPARATORS = /[\s\-|｜]+/;

interface Token {
  raw: string;
  line: TextLine;
}

/**
 * Runs of code-like characters in a text, nearest to 18 characters first. A run's pieces
 * (split at separators) are joined from each piece into the stretch nearest 18 characters
 * that can be a code (16–21, so a dropped or an extra character can still be repaired):
 * "9132 0507 MA1M XQ7P 9P" is one code, and "… 7P9P 2026" or "… 7P9P TEL" gives the code.
 */
function tokensIn(line: TextLine, text = line.text): Token[] {
  const tokens: Token[] = [];
  for (const match of text.toUpperCase().matchAll(CODE_RUN)) {
    const pieces = match[0].split(SEPARATORS).filter(Boolean);
    let coveredTo = -1;
    for (let start = 0; start < pieces.length; start++) {
      let best: { raw: string; end: number } | null = null;
      let raw = '';
      for (let end = start; end < pieces.length && raw.length + pieces[end]!.length <= 21; end++) {
        raw += pieces[end]!;
        if (raw.length >= 16 && (!best || Math.abs(raw.length - 18) < Math.abs(best.raw.length - 18))) best = { raw, end };
      }
      // A stretch ending where an earlier one ended is only that one's tail.
      if (!best || best.end <= coveredTo) continue;
      tokens.push({ raw: best.raw, line });
      coveredTo = best.end;
    }
  }
  return tokens.sort((a, b) => Math.abs(a.raw.length - 18) - Math.abs(b.raw.length - 18));
}

const sameRow = (a: Box, b: Box) => Math.abs(a.y + a.height / 2 - (b.y + b.height / 2)) < Math.max(a.height, b.height) * 0.6;

/** Lines to look in for the code near a label: its own rest, cells to its right, the line below. */
function nearLabel(page: ReadPage, label: TextLine): Token[] {
  const after = label.text.slice((label.text.match(CODE_LABEL)?.index ?? 0) + (label.text.match(CODE_LABEL)?.[0].length ?? 0)).replace(/^[：:\s]+/, '');
  const tokens = tokensIn(label, after);
  const right = page.lines
    .filter((l) => l !== label && sameRow(l.box, label.box) && l.box.x > label.box.x)
    .sort((a, b) => a.box.x - b.box.x);
  for (const l of right) tokens.push(...tokensIn(l));
  const below = page.lines
    // Two rows down: a 20-digit 证照编号 or a 注册号 may stand between the label and the code.
    .filter((l) => l.box.y > label.box.y + label.box.height * 0.5 && l.box.y < label.box.y + label.box.height * 4.8)
    .filter((l) => l.box.x + l.box.width > label.box.x - label.box.height * 2 && l.box.x < label.box.x + label.box.width + label.box.height * 12)
    .sort((a, b) => a.box.y - b.box.y);
  for (const l of below) tokens.push(...tokensIn(l));
  return tokens;
}

/**
 * A reading much longer than a code (the code line read with its neighbours: "…9P12" or two
 * codes run together) holds the code only where exactly one 18-character stretch of it passes
 * every check; otherwise it is returned as read, and no code is made of it.
 */
function codeWithin(raw: string): string {
  if (raw.length <= 18 + 3) return raw;
  const found = new Set<string>();
  for (let at = 0; at + 18 <= raw.length; at++) if (strictlyValid(raw.slice(at, at + 18))) found.add(raw.slice(at, at + 18));
  return found.size === 1 ? [...found][0]! : raw;
}

/**
 * Tokens near a label, those that are codes as read first (a 20-digit 证照编号 may stand
 * between the label and the code), then those of 18 characters; otherwise in order.
 */
function byLikelihood(tokens: Token[]): Token[] {
  const rank = (t: Token) => (validateUscc(t.raw).valid ? 0 : t.raw.replace(/[^0-9A-Z]/gi, '').length === 18 ? 1 : 2);
  return tokens.map((t, i) => ({ t, i, r: rank(t) })).sort((a, b) => a.r - b.r || a.i - b.i).map(({ t }) => t);
}

/** A code that stands without its label: it must pass everything, organisation code included. */
function strictlyValid(code: string): boolean {
  const v = validateUscc(code);
  return v.valid && v.orgCodeValid === true;
}

interface Reading {
  raw: string;
  code: string | null;
  exact: boolean;
  candidates: string[];
  /** The candidates put back a character the reader dropped: they count only where another reading agrees. */
  partial?: boolean;
}

/**
 * The codes a 17-character reading can be with the one character the reader dropped put back
 * (handwriting: a narrow 1 or a character squeezed against the next), passing every check,
 * organisation code included.
 */
function droppedCharacter(raw: string): string[] {
  const code = raw.toUpperCase().replace(/[^0-9A-Z]/g, '');
  if (code.length !== 17 || [...code].some((c) => !USCC_ALPHABET.includes(c))) return [];
  const found = new Set<string>();
  for (let at = 0; at <= code.length; at++) {
    for (const char of USCC_ALPHABET) {
      const candidate = code.slice(0, at) + char + code.slice(at);
      if (strictlyValid(candidate)) found.add(candidate);
    }
  }
  return [...found].sort();
}

function interpret(raw: string): Reading {
  const repair = repairUscc(raw);
  if (repair.status === 'valid') return { raw, code: repair.code, exact: true, candidates: [repair.code!] };
  if (repair.status === 'repaired') return { raw, code: repair.code, exact: false, candidates: [repair.code!] };
  if (repair.status === 'unrepairable') {
    const dropped = droppedCharacter(raw);
    if (dropped.length) return { raw, code: null, exact: false, candidates: dropped, partial: true };
  }
  return { raw, code: null, exact: false, candidates: repair.candidates };
}

/** Characters that differ between two 18-character strings (Infinity for other lengths). */
function mismatches(a: string, b: string): number {
  if (a.length !== b.length) return Infinity;
  let n = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) n++;
  return n;
}

/**
 * Whether another full-length reading differs from a repaired code in more places than
 * misreads explain: a repair that one reading supports and another contradicts is a guess.
 */
function contradicted(code: string, readings: Reading[]): boolean {
  return readings.some((r) => {
    if (r.code === code) return false;
    const raw = r.raw.toUpperCase().replace(/[^0-9A-Z]/g, '');
    return raw.length === 18 && mismatches(raw, code) > 2;
  });
}

/**
 * Reconcile several readings of one code. A code read exactly (checksum valid as read) wins;
 * otherwise the readings' repairs must agree; otherwise the candidates all readings share.
 */
function reconcile(readings: Reading[]): { code: string | null; exact: boolean; candidates: string[] } {
  const exact = readings.filter((r) => r.exact).map((r) => r.code!);
  if (exact.length && exact.every((c) => c === exact[0])) return { code: exact[0]!, exact: true, candidates: [exact[0]!] };
  const repaired = [...new Set(readings.filter((r) => r.code).map((r) => r.code!))];
  if (repaired.length === 1 && !exact.length && !contradicted(repaired[0]!, readings)) return { code: repaired[0]!, exact: false, candidates: repaired };
  const pools = readings.filter((r) => r.candidates.length).map((r) => new Set(r.candidates));
  const shared = pools.length ? [...pools[0]!].filter((c) => pools.every((p) => p.has(c))) : [];
  // A guess among candidates needs two readings that agree on it: one reading's lone
  // 'ambiguous' suggestion is exactly what the repair declined to trust.
  if (shared.length === 1 && pools.length >= 2 && !exact.length && !repaired.length && !contradicted(shared[0]!, readings)) {
    return { code: shared[0]!, exact: false, candidates: shared };
  }
  return { code: null, exact: false, candidates: [...new Set([...exact, ...repaired, ...shared])].sort() };
}

/**
 * The blank after the label inside its own line (本企业（统一社会信用代码：____）…): from the
 * label's last character to the closing bracket (or the page's edge), as high as that
 * character's box — on a slanted photo the line's box is much taller than the line. Null when
 * the label's characters have no boxes of their own.
 */
function afterLabel(page: ReadPage, label: TextLine): Box | null {
  const ends = label.words.filter((w) => /码$|码[：:]$/.test(w.text));
  const end = ends[ends.length - 1];
  if (!end || end.box.width > label.box.width * 0.5) return null;
  const from = end.box.x + end.box.width;
  const close = label.words.find((w) => w.box.x > from && /[）)]/.test(w.text));
  const to = close ? close.box.x : page.width * 0.97;
  if (to - from < end.box.height * 4) return null;
  return { x: from, y: end.box.y, width: to - from, height: end.box.height };
}

/**
 * The blank of a label that ends its line (本企业（…统一社会信用代码： at the right margin): it
 * goes on at the start of the next line, from the text's left margin to where that line's
 * words begin (…____）在充分知晓…). Null when the label does not end its line or no next line
 * leaves room.
 */
function wrappedBlank(page: ReadPage, label: TextLine): Box | null {
  const m = CODE_LABEL.exec(label.text);
  if (!m || label.text.slice(m.index + m[0].length).replace(/[：:\s_]/g, '').length > 0) return null;
  const h = label.box.height;
  // Only a line of running text that reaches the right margin wraps (a licence's label alone on
  // its row does not).
  const wide = page.lines.filter((l) => l.box.width > page.width * 0.3);
  const right = Math.max(0, ...wide.map((l) => l.box.x + l.box.width));
  if (label.box.width < page.width * 0.3 || label.box.x + label.box.width < right - h * 2) return null;
  const next = page.lines
    .filter((l) => l.box.y > label.box.y + h * 0.6 && l.box.y < label.box.y + h * 3)
    .sort((a, b) => a.box.y - b.box.y)[0];
  if (!next) return null;
  const margin = Math.min(...wide.map((l) => l.box.x), label.box.x);
  if (next.box.x - margin < h * 4) return null;
  return { x: margin, y: next.box.y, width: next.box.x - margin, height: next.box.height };
}

/** Where to re-read the code: its token's words when located, else the blank or the row right of the label. */
function codeRegion(page: ReadPage, token: Token | undefined, label: TextLine | undefined): Box | null {
  const line = token?.line ?? label;
  if (!line) return null;
  const words = token ? line.words.filter((w) => /[0-9A-Z]{2,}/i.test(w.text)) : [];
  let box: Box;
  if (words.length) {
    const x = Math.min(...words.map((w) => w.box.x));
    const right = Math.max(...words.map((w) => w.box.x + w.box.width));
    box = { x, y: line.box.y, width: right - x, height: line.box.height };
  } else if (label && line === label) {
    box = afterLabel(page, label) ?? wrappedBlank(page, label) ?? { x: label.box.x + label.box.width * 0.45, y: label.box.y, width: page.width * 0.97 - (label.box.x + label.box.width * 0.45), height: label.box.height };
  } else {
    box = line.box;
  }
  return padded(page, box);
}

/** A box with room around it for the characters' ascenders and the reader's margins, on the page. */
function padded(page: ReadPage, box: Box): Box {
  const padX = box.height * 0.8;
  const padY = box.height * 0.35;
  const x = Math.max(0, box.x - padX);
  const y = Math.max(0, box.y - padY);
  return { x, y, width: Math.min(page.width - x, box.width + 2 * padX), height: Math.min(page.height - y, box.height + 2 * padY) };
}

/** A code-line reading below this confidence gets a second opinion. */
const SURE = 0.9;
/** Share of red ink in the code's region above which it counts as under a seal. */
const RED_REGION = 0.01;

/** Read the code line again with a Latin engine restricted to the code alphabet; with a second opinion when doubtful. */
async function rereadLine(page: ReadPage, region: Box, engine: OcrEngine): Promise<string[]> {
  const pixels = await page.pixels();
  const area = crop(pixels, region);
  // Scale so the line's characters are ~40 px tall, where tesseract reads Latin best.
  const scale = Math.min(4, Math.max(1, 40 / Math.max(8, region.height * 0.55)));
  const image = await upscaleTo(await redChannel(area), scale);
  const request: OcrRequest = { image, mode: 'line', script: 'latin', whitelist: USCC_ALPHABET + LOOKALIKES };
  const text = (result: OcrResult | null) => {
    const code = (result?.lines ?? []).map((l) => l.text).join('').toUpperCase().replace(/[^0-9A-Z]/g, '');
    return code.length >= 15 ? codeWithin(code) : null;
  };
  const first = await engine.recognize(request).catch(() => null);
  const read = text(first);
  const doubtful = !read || interpret(read).exact === false || first!.confidence < SURE || redInkShare(area) > RED_REGION;
  const second = doubtful && hasSecondOpinion(engine) ? text(await engine.secondOpinion(request).catch(() => null)) : null;
  return [read, second].filter((r): r is string => r !== null);
}

/**
 * Where a code is to be written after its label: the blank before the text that follows it
 * (…代码：____）在…), the start of the next line when the label ends its line, else the width of
 * a code after the label. Null on a text layer whose words run on right after the label (代码：）
 * 在充分…): there is no blank.
 */
function blankAfter(page: ReadPage, label: TextLine, reach: 'code' | 'line' = 'code'): Box | null {
  const m = CODE_LABEL.exec(label.text);
  if (!m) return null;
  const found = afterLabel(page, label) ?? wrappedBlank(page, label);
  if (found) return found;
  const after = label.text.slice(m.index + m[0].length).replace(/^[:：\s]+/, '');
  if (page.source === 'text-layer' && after && !/^[_\s]/.test(after)) return null;
  const end = label.box.x + (label.box.width * (m.index + m[0].length + 1)) / Math.max(1, [...label.text].length);
  const h = label.box.height;
  // To read, the rest of the row (a code written large runs past its blank; the Latin reader's
  // alphabet drops the Chinese around it); to look for ink, the width of a code.
  return { x: end, y: label.box.y, width: reach === 'line' ? page.width * 0.97 - end : Math.min(page.width - end, h * 14), height: h };
}

/** Share of ink (dark pixels) above which something is written in the code's blank. */
const INK_SHARE = 0.02;

/**
 * Whether something is written where the code belongs: right after its label, on the label's
 * row, over the width of 18 characters. A code filled in by hand but not read leaves ink
 * there; a blank left empty does not.
 */
export async function inkWhereCodeBelongs(pages: ReadPage[]): Promise<boolean> {
  for (const page of pages) {
    const label = page.lines.find((line) => CODE_LABEL.test(line.text));
    if (!label) continue;
    const region = blankAfter(page, label);
    if (!region || region.width < label.box.height) return false;
    const area = crop(await page.pixels(), region);
    let dark = 0;
    for (let y = 0; y < area.height; y++) {
      let row = 0;
      for (let x = 0; x < area.width; x++) {
        const o = (y * area.width + x) * area.channels;
        const [r, g, b] = area.channels >= 3 ? [area.data[o]!, area.data[o + 1]!, area.data[o + 2]!] : [area.data[o]!, area.data[o]!, area.data[o]!];
        // Pen ink is black or blue; red is a seal's or an emblem's.
        if ((r * 299 + g * 587 + b * 114) / 1000 < 110 && r - Math.max(g, b) < 60) row++;
      }
      // A blank's underline (or a table rule) is a row of ink, not writing.
      if (row < area.width * 0.6) dark += row;
    }
    return dark / (area.width * area.height) > INK_SHARE;
  }
  return false;
}

/** Pages the second engine reads again when the first engine's pages gave no valid code (the code is on the first). */
const SECOND_READING_PAGES = 2;

/**
 * The applicant's credit code on these pages, or null when there is none to be found.
 *
 * With an engine that gives second opinions (the 'auto' policy) and OCR pages on which no valid
 * code was found, the first OCR pages are read again by the other engine and the search runs
 * once more on its lines, the first search's readings of the code taking part.
 */
export async function findCreditCode(pages: ReadPage[], engine?: OcrEngine): Promise<CreditCodeReading | null> {
  const first = await search(pages, engine);
  if (first.reading?.valid || !hasSecondOpinion(engine) || !pages.some((p) => p.source === 'ocr')) return first.reading;
  const again = await readAgain(pages, engine);
  const second = await search(again, engine, first.readings);
  return second.reading?.valid ? second.reading : (first.reading ?? second.reading);
}

/** The OCR pages (the first few) read by the policy's other engine, with the same preprocessing as the first reading. */
async function readAgain(pages: ReadPage[], engine: OcrEngine & SecondOpinion): Promise<ReadPage[]> {
  const other: OcrEngine = {
    id: `${engine.id}-second`,
    recognize: async (request) => (await engine.secondOpinion(request)) ?? { lines: [], confidence: 0, elapsedMs: 0 },
    warmUp: async () => {},
    close: async () => {},
  };
  const again: ReadPage[] = [];
  for (const page of pages.filter((p) => p.source === 'ocr').slice(0, SECOND_READING_PAGES)) {
    // The whole image, not the sheet found in it: PP-OCR's detector is not thrown by a desk
    // around the page, and a shadow across a photo can make the sheet look smaller than it is.
    const { lines } = await ocrPage(other, await page.pixels(), page.dpi, SECOND_READING_TIMEOUT_MS, true).catch(() => ({ lines: [] as TextLine[] }));
    again.push({ ...page, lines, text: lines.map((l) => l.text).join('\n') });
  }
  return again;
}

const SECOND_READING_TIMEOUT_MS = 60_000;

/**
 * A code in a text layer is what the document says: a misprint is the document's defect, to be
 * reported as printed (with the codes it may have meant), never silently repaired.
 */
function asPrinted(raw: string, page: ReadPage, box: Box): CreditCodeReading {
  const checked = validateUscc(raw);
  const suggestions = checked.valid ? [checked.code] : repairUscc(raw).candidates;
  return { value: checked.code, valid: checked.valid, repaired: false, raw, page: page.number, box, labelled: true, by: 'text-layer', candidates: suggestions };
}

/** What OCR readings of a code near its label come to, once reconciled. */
function ocrReading(result: { code: string | null; exact: boolean; candidates: string[] }, readings: Reading[], page: ReadPage, box: Box): CreditCodeReading {
  const raw = readings[0]!.raw;
  return {
    value: result.code ?? validateUscc(raw).code,
    valid: result.code !== null,
    repaired: result.code !== null && !result.exact,
    raw,
    page: page.number,
    box,
    labelled: true,
    by: 'ocr',
    candidates: result.candidates,
  };
}

async function search(pages: ReadPage[], engine: OcrEngine | undefined, prior: Reading[] = []): Promise<{ reading: CreditCodeReading | null; readings: Reading[] }> {
  let fallback: CreditCodeReading | null = null;
  let fallbackReadings: Reading[] = [];
  for (const page of pages) {
    const labels = page.lines.filter((l) => CODE_LABEL.test(l.text));
    for (const label of labels) {
      const tokens = byLikelihood(nearLabel(page, label));
      const token = tokens[0];
      if (page.source === 'text-layer') {
        if (!token) {
          // The label printed, its blank filled in by hand (a form typed, then written on):
          // the code is ink, not text. Read the blank by OCR.
          if (!engine) continue;
          const blank = blankAfter(page, label, 'line');
          const region = blank && padded(page, blank);
          const lines = region ? await rereadLine(page, region, engine).catch(() => []) : [];
          const readings = lines.map(interpret);
          if (!readings.length) continue;
          const reconciled = reconcile(readings);
          // Handwriting read once: a repair of it is a guess; only a reading valid as read, or a
          // repair two readings agree on, is the code.
          const result = reconciled.exact || readings.length >= 2 ? reconciled : { code: null, exact: false, candidates: reconciled.candidates };
          const reading = ocrReading(result, readings, page, region!);
          if (reading.valid) return { reading, readings };
          if (!fallback) {
            fallback = reading;
            fallbackReadings = readings;
          }
          continue;
        }
        const printed = asPrinted(token.raw, page, codeRegion(page, token, label) ?? label.box);
        if (printed.valid) return { reading: printed, readings: [] };
        if (!fallback) fallback = printed;
        continue;
      }
      const readings = tokens.slice(0, 2).map((t) => interpret(t.raw));
      const region = codeRegion(page, token, label);
      if (page.source === 'ocr' && engine && region) {
        const lines = await rereadLine(page, region, engine).catch(() => []);
        readings.unshift(...lines.map(interpret));
      }
      if (!readings.length) continue;
      readings.push(...prior);
      const reading = ocrReading(reconcile(readings), readings, page, region ?? label.box);
      if (reading.valid) return { reading, readings };
      if (!fallback) {
        fallback = reading;
        fallbackReadings = readings;
      }
    }
  }
  if (fallback) return { reading: fallback, readings: fallbackReadings };
  // No label anywhere: accept only a code that passes every check.
  for (const page of pages) {
    for (const line of page.lines) {
      for (const token of tokensIn(line)) {
        if (token.raw.length === 18 && strictlyValid(token.raw)) {
          const reading: CreditCodeReading = { value: token.raw, valid: true, repaired: false, raw: token.raw, page: page.number, box: line.box, labelled: false, by: page.source, candidates: [token.raw] };
          return { reading, readings: [] };
        }
      }
    }
  }
  return { reading: null, readings: [] };
}
