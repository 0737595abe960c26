/**
 * Finding the unified social credit code on read pages.
 *
 * The code is anchored on its label (统一社会信用代码 / 信用代码): about one in 31 random
 * 18-character strings passes the checksum, so a code found without its label must pass
 * every structural check too. On OCR pages the code's line is read a second time by a Latin
 * engine restricted to the code alphabet, from the red channel (red seals fade, blue and
 * black ink stay dark), and every reading goes through the checksum repair; readings that
 * disagree are never resolved by guessing.
 */
import { repairUscc, USCC_ALPHABET, validateUscc } from '../domain/uscc.js';
import type { OcrEngine } from './ocr/engine.js';
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
  /** When readings could not be reconciled: the codes they could be. */
  candidates: string[];
}

/** OCR look-alikes of code characters, accepted in raw text so repair can fix them. */
const LOOKALIKES = 'OIZSV';
const LABEL = /(?:统一)?社会信用代码|统一社会信用|信用代码/;
const CODE_RUN = new RegExp(`[${USCC_ALPHABET}${LOOKALIKES}a-z0-9\\s\\-]{15,30}`, 'gi');

interface Token {
  raw: string;
  line: TextLine;
}

/** Runs of code-like characters in a text, longest first. */
function tokensIn(line: TextLine, text = line.text): Token[] {
  const tokens: Token[] = [];
  for (const match of text.toUpperCase().matchAll(CODE_RUN)) {
    const raw = match[0].replace(/[\s-]/g, '');
    if (raw.length >= 16 && raw.length <= 21) tokens.push({ raw, line });
  }
  return tokens.sort((a, b) => Math.abs(a.raw.length - 18) - Math.abs(b.raw.length - 18));
}

const sameRow = (a: Box, b: Box) => Math.abs(a.y + a.height / 2 - (b.y + b.height / 2)) < Math.max(a.height, b.height) * 0.6;

/** Lines to look in for the code near a label: its own rest, cells to its right, the line below. */
function nearLabel(page: ReadPage, label: TextLine): Token[] {
  const after = label.text.slice((label.text.match(LABEL)?.index ?? 0) + (label.text.match(LABEL)?.[0].length ?? 0)).replace(/^[：:\s]+/, '');
  const tokens = tokensIn(label, after);
  const right = page.lines
    .filter((l) => l !== label && sameRow(l.box, label.box) && l.box.x > label.box.x)
    .sort((a, b) => a.box.x - b.box.x);
  for (const l of right) tokens.push(...tokensIn(l));
  const below = page.lines
    .filter((l) => l.box.y > label.box.y + label.box.height * 0.5 && l.box.y < label.box.y + label.box.height * 3.2)
    .filter((l) => l.box.x + l.box.width > label.box.x - label.box.height * 2 && l.box.x < label.box.x + label.box.width + label.box.height * 12)
    .sort((a, b) => a.box.y - b.box.y);
  for (const l of below) tokens.push(...tokensIn(l));
  return tokens;
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
}

function interpret(raw: string): Reading {
  const repair = repairUscc(raw);
  if (repair.status === 'valid') return { raw, code: repair.code, exact: true, candidates: [repair.code!] };
  if (repair.status === 'repaired') return { raw, code: repair.code, exact: false, candidates: [repair.code!] };
  return { raw, code: null, exact: false, candidates: repair.candidates };
}

/**
 * Reconcile several readings of one code. A code read exactly (checksum valid as read) wins;
 * otherwise the readings' repairs must agree; otherwise the candidates all readings share.
 */
function reconcile(readings: Reading[]): { code: string | null; exact: boolean; candidates: string[] } {
  const exact = readings.filter((r) => r.exact).map((r) => r.code!);
  if (exact.length && exact.every((c) => c === exact[0])) return { code: exact[0]!, exact: true, candidates: [exact[0]!] };
  const repaired = [...new Set(readings.filter((r) => r.code).map((r) => r.code!))];
  if (repaired.length === 1 && !exact.length) return { code: repaired[0]!, exact: false, candidates: repaired };
  const pools = readings.filter((r) => r.candidates.length).map((r) => new Set(r.candidates));
  const shared = pools.length ? [...pools[0]!].filter((c) => pools.every((p) => p.has(c))) : [];
  if (shared.length === 1 && !exact.length && !repaired.length) return { code: shared[0]!, exact: false, candidates: shared };
  return { code: null, exact: false, candidates: [...new Set([...exact, ...repaired, ...shared])].sort() };
}

/** Where to re-read the code: its token's words when located, else the row right of the label. */
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
    const start = label.box.x + label.box.width * 0.45;
    box = { x: start, y: label.box.y, width: page.width - start - page.width * 0.03, height: label.box.height };
  } else {
    box = line.box;
  }
  const padX = box.height * 0.8;
  const padY = box.height * 0.35;
  const x = Math.max(0, box.x - padX);
  const y = Math.max(0, box.y - padY);
  return { x, y, width: Math.min(page.width - x, box.width + 2 * padX), height: Math.min(page.height - y, box.height + 2 * padY) };
}

/** Read the code line again with a Latin engine restricted to the code alphabet. */
async function rereadLine(page: ReadPage, region: Box, engine: OcrEngine): Promise<string | null> {
  const pixels = await page.pixels();
  // Scale so the line's characters are ~40 px tall, where tesseract reads Latin best.
  const scale = Math.min(4, Math.max(1, 40 / Math.max(8, region.height * 0.55)));
  const image = await upscaleTo(await redChannel(crop(pixels, region)), scale);
  const result = await engine.recognize({ image, mode: 'line', script: 'latin', whitelist: USCC_ALPHABET + LOOKALIKES });
  const text = result.lines.map((l) => l.text).join('').toUpperCase().replace(/[^0-9A-Z]/g, '');
  return text.length >= 15 ? text : null;
}

/** The applicant's credit code on these pages, or null when there is none to be found. */
export async function findCreditCode(pages: ReadPage[], engine?: OcrEngine): Promise<CreditCodeReading | null> {
  let fallback: CreditCodeReading | null = null;
  for (const page of pages) {
    const labels = page.lines.filter((l) => LABEL.test(l.text));
    for (const label of labels) {
      const tokens = nearLabel(page, label);
      const token = tokens[0];
      const readings = tokens.slice(0, 2).map((t) => interpret(t.raw));
      const region = codeRegion(page, token, label);
      if (page.source === 'ocr' && engine && region) {
        const line = await rereadLine(page, region, engine).catch(() => null);
        if (line) readings.unshift(interpret(line));
      }
      if (!readings.length) continue;
      const result = reconcile(readings);
      const raw = readings[0]!.raw;
      const reading: CreditCodeReading = {
        value: result.code ?? validateUscc(raw).code,
        valid: result.code !== null,
        repaired: result.code !== null && !result.exact,
        raw,
        page: page.number,
        box: region ?? label.box,
        labelled: true,
        candidates: result.candidates,
      };
      if (reading.valid) return reading;
      fallback ??= reading;
    }
  }
  if (fallback) return fallback;
  // No label anywhere: accept only a code that passes every check.
  for (const page of pages) {
    for (const line of page.lines) {
      for (const token of tokensIn(line)) {
        if (token.raw.length === 18 && strictlyValid(token.raw)) {
          return { value: token.raw, valid: true, repaired: false, raw: token.raw, page: page.number, box: line.box, labelled: false, candidates: [token.raw] };
        }
      }
    }
  }
  return null;
}
