/**
 * What of a lazily read upload the checks need (see `ReadOptions.lazy`). A pledge's checks
 * look only at its head (title, credit code) and its foot (signature, seal, date), so the
 * paragraphs of promises between them need not be read. Evidence can be read for its window
 * alone: when its first page (the top, then the rest) already shows it is in the window it
 * was uploaded into, the rest is never read. Every other kind is read whole, in one pass: a
 * licence's fields and a report's records are all used, and tesseract's layout analysis
 * reads a form worse when it is cut in bands.
 */
import type { IndicatorId } from '../domain/catalogue.js';
import { CODE_LABEL } from '../reading/credit-code.js';
import type { ReadPage } from '../reading/types.js';
import { mapLimited } from '../util/map-limited.js';
import { classifyEvidence, confirmsWindow } from './evidence-window.js';
import { detectKind, matchText, type DocumentKind } from './kind.js';
import { SEAL_LABEL, SIGN_LABEL, SIGNER } from './pledge-signing.js';

/**
 * A pledge's head is read down to 20% of the sheet, then to 35% if its code's label was not
 * there; its foot from 70% of the sheet down, then from 50%, until the signing row is read.
 * OCR time grows with the lines read: small steps first.
 */
const HEAD_ENDS = [0.2, 0.35];
const FOOT_STARTS = [0.7, 0.5];
/**
 * A piece of evidence's title and opening lines are at the top of its first page; a report's
 * cover has its title lower down: the top first, then the rest of that page, band by band
 * (readRows(0, 1) would read the page again whole).
 */
const EVIDENCE_FIRST_PAGE_BANDS: readonly [from: number, to: number][] = [
  [0, 0.35],
  [0.35, 1],
];
/** Pages rendered and read at once by readAll: the OCR pool bounds the work, this the memory. */
const PAGES_AT_ONCE = 3;

const partial = (pages: readonly ReadPage[]) => pages.filter((page) => page.complete === false);

/** Reads every page still unread or partly read, whole. */
export async function readAll(pages: readonly ReadPage[]): Promise<void> {
  await mapLimited(partial(pages), PAGES_AT_ONCE, async (page) => page.readRows?.(0, 1));
}

const hasCodeLabel = (pages: readonly ReadPage[]) => pages.some((page) => page.lines.some((line) => CODE_LABEL.test(matchText(line.text))));

/**
 * Whether the signing row was read, with the line above it (the company's name often sits
 * there). Any of its words will do (签字, 法定代表人, 单位公章): a signature over the label
 * often garbles 签字, and the signing check reads that area again itself. A sentence of the
 * promises that names the legal representative sits above the signing row, which the foot
 * band, running to the bottom of the page, then holds as well.
 */
function signingRowRead(page: ReadPage): boolean {
  const lines = [...page.lines].sort((a, b) => a.box.y - b.box.y);
  return lines.some((line, i) => {
    const above = lines[i - 1];
    if (line.box.y < page.height * 0.4 || !above || line.box.y - above.box.y > line.box.height * 4) return false;
    const text = matchText(line.text);
    return SIGN_LABEL.test(text) || SIGNER.test(text) || SEAL_LABEL.test(text);
  });
}

async function readPledgeHead(pages: readonly ReadPage[]): Promise<void> {
  for (const end of HEAD_ENDS) {
    await pages[0]!.readRows?.(0, end);
    if (hasCodeLabel(pages)) return;
  }
}

async function readPledgeFoot(page: ReadPage): Promise<boolean> {
  for (const start of FOOT_STARTS) {
    await page.readRows?.(start, 1);
    if (signingRowRead(page)) return true;
  }
  return false;
}

/** Where the file was uploaded: its kind, and for evidence the window it was put in. */
export interface Expected {
  kind?: DocumentKind;
  window?: IndicatorId;
}

/**
 * Reads what the checks will look at, given where the file was uploaded. A shortcut that
 * lost a finding would cost more than the time it saves, so a shortcut only ever confirms:
 * - a pledge gets its head and foot read (side by side, on two OCR workers); the rest only
 *   if that does not show a pledge with its code's label and signing row;
 * - evidence in a window gets the top of its first page read, then the rest of that page;
 *   the rest of the file only if that does not show evidence for its window beyond doubt.
 * Anything else, and any upload of unknown kind, is read whole.
 */
export async function readWhatChecksNeed(pages: readonly ReadPage[], expected: Expected = {}): Promise<void> {
  if (!partial(pages).length) return;
  if (expected.kind === 'pledge') {
    const [, foot] = await Promise.all([readPledgeHead(pages), readPledgeFoot(pages[pages.length - 1]!)]);
    if (foot && hasCodeLabel(pages) && detectKind([...pages]).kind === 'pledge') return;
  }
  if (expected.kind === 'evidence' && expected.window) {
    for (const [from, to] of EVIDENCE_FIRST_PAGE_BANDS) {
      await pages[0]!.readRows?.(from, to);
      if (detectKind([...pages]).kind === 'evidence' && confirmsWindow(classifyEvidence(pages), expected.window)) return;
    }
  }
  await readAll(pages);
}
