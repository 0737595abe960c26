/**
 * The facts a file is compared with other submissions' files by (see src/store/facts.ts):
 * perceptual hashes of its pages, prints of its seals' ink, the certificate numbers its text
 * layer shows, and a credit report's number.
 *
 * The pages are rendered again here, small: the reading layer keeps no page pixels once a
 * file is analysed, and the check functions are not this module's to change.
 */
import { loadSharp } from '../reading/sharp.js';
import type { Analysis } from '../checks/schema.js';
import { openImage } from '../reading/image.js';
import { DEFAULT_LIMITS } from '../reading/limits.js';
import { openPdf } from '../reading/pdf.js';
import type { Box, RasterImage } from '../reading/types.js';
import type { FileFacts, PageHash, SealPrint } from '../store/facts.js';

/** Pages hashed per file: a reused page is almost always near the front; a 300-page scan is not hashed whole. */
export const HASHED_PAGES = 20;
/** Enough pixels for a 33 × 32 dHash, cheap to render. */
const HASH_DPI = 24;
/** A seal of 40 mm is ~110 px across here: plenty for a 16 × 16 print. */
const SEAL_DPI = 72;
const PRINT_SIDE = 16;

/** Bits as hex, most significant first (4 bits a digit). */
function hex(bits: boolean[]): string {
  let out = '';
  for (let i = 0; i < bits.length; i += 4) out += ((Number(bits[i]) << 3) | (Number(bits[i + 1]) << 2) | (Number(bits[i + 2]) << 1) | Number(bits[i + 3])).toString(16);
  return out;
}

const rawInput = async (image: RasterImage) => (await loadSharp())(Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength), { raw: { width: image.width, height: image.height, channels: image.channels } });

/** The difference hash of a picture: whether each cell is darker than its right neighbour, `side` × `side` bits. */
async function dHash(image: RasterImage, side: number): Promise<string> {
  const { data, info } = await (await rawInput(image)).removeAlpha().greyscale().resize(side + 1, side, { fit: 'fill', kernel: 'cubic' }).toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== 1) throw new Error(`dHash: ${info.channels} channels, expected 1`);
  const bits: boolean[] = [];
  for (let y = 0; y < side; y++) for (let x = 0; x < side; x++) bits.push(data[y * (side + 1) + x]! < data[y * (side + 1) + x + 1]!);
  return hex(bits);
}

export async function pageHash(page: number, image: RasterImage): Promise<PageHash> {
  return { page, dhash: await dHash(image, 8), fine: await dHash(image, 32) };
}

/** A seal's box grown by this share of its size on each side: the detected box may clip the ring. */
const SEAL_MARGIN = 0.15;

/**
 * A seal's print: its red ink (not the text or lines under it, which differ from page to
 * page), cropped to the ink's own extent (a detected box varies by a few pixels from one
 * page to another), averaged down to 16 × 16, a cell set when an eighth of it is ink: coarse
 * enough that the text under the seal (black through the red) does not count, fine enough
 * that two companies' seals differ. Measured on corpus pledges: one image pasted on another
 * pledge 2 to 6 bits apart, two companies' seals 16 to 32 (of 256).
 */
export async function sealPrint(page: number, image: RasterImage, box: Box): Promise<SealPrint | null> {
  const grow = (v: number) => v * SEAL_MARGIN;
  const x0 = Math.max(0, Math.floor(box.x - grow(box.width)));
  const y0 = Math.max(0, Math.floor(box.y - grow(box.height)));
  const x1 = Math.min(image.width, Math.ceil(box.x + box.width + grow(box.width)));
  const y1 = Math.min(image.height, Math.ceil(box.y + box.height + grow(box.height)));
  const w = x1 - x0;
  const h = y1 - y0;
  if (w < 8 || h < 8) return null;
  const c = image.channels;
  const ink = new Uint8Array(w * h);
  const rows = new Uint32Array(h);
  const cols = new Uint32Array(w);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = ((y + y0) * image.width + x + x0) * c;
      const r = image.data[i]!;
      const g = c >= 3 ? image.data[i + 1]! : r;
      const b = c >= 3 ? image.data[i + 2]! : r;
      if (r - Math.max(g, b) > 50) {
        ink[y * w + x] = 255;
        rows[y]!++;
        cols[x]!++;
      }
    }
  }
  // The ink's extent: rows and columns with more than a speck of red.
  const speck = 2;
  const top = rows.findIndex((n) => n > speck);
  const left = cols.findIndex((n) => n > speck);
  if (top < 0 || left < 0) return null;
  const bottom = h - 1 - [...rows].reverse().findIndex((n) => n > speck);
  const right = w - 1 - [...cols].reverse().findIndex((n) => n > speck);
  if (right - left < 8 || bottom - top < 8) return null;
  const sharp = await loadSharp();
  const small = await sharp(Buffer.from(ink), { raw: { width: w, height: h, channels: 1 } })
    .extract({ left, top, width: right - left + 1, height: bottom - top + 1 })
    .resize(PRINT_SIDE, PRINT_SIDE, { fit: 'fill' })
    // One channel out, as in: sharp would otherwise give sRGB, each bit three times.
    .toColourspace('b-w')
    .raw()
    .toBuffer();
  if (small.length !== PRINT_SIDE * PRINT_SIDE) throw new Error(`seal print: ${small.length} values, expected ${PRINT_SIDE * PRINT_SIDE}`);
  return { page, hash: hex([...small].map((v) => v >= 32)) };
}

/** 证书编号：…, 证书号 …: runs of six or more letters and digits (with - and /) with four digits at least. */
const CERTIFICATE = /(?:证书编号|证书号码|证书号|认证证书号)\s*[:：]?\s*([A-Z0-9][A-Z0-9\-/]{5,39})/gi;

export function certificateNumbers(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.replace(/[ \u3000]/g, '').matchAll(CERTIFICATE)) {
    const number = m[1]!.toUpperCase();
    if ((number.match(/\d/g) ?? []).length >= 4) found.add(number);
  }
  return [...found];
}

/** The seal regions of a page scaled from the analysis's page grid to a rendering at `dpi`. */
const scaled = (box: Box, factor: number): Box => ({ x: box.x * factor, y: box.y * factor, width: box.width * factor, height: box.height * factor });

/**
 * Whose seals are printed: the applicant's own, on its pledge. The seals on a licence, a credit
 * report or a certificate are their issuers' — one authority's electronic seal is the same
 * image on every company's licence, and that is no reuse.
 */
const printsSeals = (analysis: Pick<Analysis, 'kind'>) => analysis.kind === 'pledge';

/** The facts of one analysed file; an unreadable file gives its hash alone. */
export async function fingerprintFile(bytes: Uint8Array, analysis: Pick<Analysis, 'file' | 'sha256' | 'type' | 'kind' | 'pages' | 'seal' | 'report'>): Promise<FileFacts> {
  const facts: FileFacts = { sha256: analysis.sha256, pages: [], seals: [], certificates: [], reportNumber: analysis.report?.reportNumber ?? null };
  const sealRegions = printsSeals(analysis) ? analysis.seal.regions : [];
  try {
    if (analysis.type === 'pdf') {
      const pdf = await openPdf(bytes, analysis.file);
      try {
        const text: string[] = [];
        for (let n = 1; n <= Math.min(pdf.pageCount, HASHED_PAGES); n++) {
          facts.pages.push(await pageHash(n, await pdf.render(n, HASH_DPI)));
          text.push((await pdf.textLines(n, 72)).map((l) => l.text).join('\n'));
          const seals = sealRegions.filter((r) => r.page === n);
          const read = analysis.pages.find((p) => p.number === n);
          if (seals.length && read) {
            const image = await pdf.render(n, SEAL_DPI);
            for (const seal of seals) {
              const print = await sealPrint(n, image, scaled(seal, SEAL_DPI / read.dpi));
              if (print) facts.seals.push(print);
            }
          }
        }
        facts.certificates = certificateNumbers(text.join('\n'));
      } finally {
        await pdf.close();
      }
    } else if (analysis.type) {
      const image = await openImage(bytes, analysis.file, DEFAULT_LIMITS.maxImagePixels);
      for (let n = 1; n <= Math.min(image.pageCount, HASHED_PAGES); n++) {
        const pixels = await image.decode(n);
        facts.pages.push(await pageHash(n, pixels));
        for (const seal of sealRegions.filter((r) => r.page === n)) {
          const print = await sealPrint(n, pixels, seal);
          if (print) facts.seals.push(print);
        }
      }
    }
  } catch {
    // A file the analysis could not read either: its sha256 still tells an identical upload.
  }
  return facts;
}
