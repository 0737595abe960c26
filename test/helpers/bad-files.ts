/**
 * Deliberately bad uploads, made by code: an encrypted PDF, a decompression-bomb PNG header,
 * a PDF with thousands of pages, truncated files.
 */
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, rgb, StandardFonts } from 'pdf-lib';

function rc4(key: Uint8Array, data: Uint8Array): Uint8Array {
  const s = Array.from({ length: 256 }, (_, i) => i);
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + s[i]! + key[i % key.length]!) & 255;
    [s[i], s[j]] = [s[j]!, s[i]!];
  }
  const out = new Uint8Array(data.length);
  for (let k = 0, i = 0, j = 0; k < data.length; k++) {
    i = (i + 1) & 255;
    j = (j + s[i]!) & 255;
    [s[i], s[j]] = [s[j]!, s[i]!];
    out[k] = data[k]! ^ s[(s[i]! + s[j]!) & 255]!;
  }
  return out;
}

const PASSWORD_PAD = Uint8Array.from([
  0x28, 0xbf, 0x4e, 0x5e, 0x4e, 0x75, 0x8a, 0x41, 0x64, 0x00, 0x4e, 0x56, 0xff, 0xfa, 0x01, 0x08,
  0x2e, 0x2e, 0x00, 0xb6, 0xd0, 0x68, 0x3e, 0x80, 0x2f, 0x0c, 0xa9, 0xfe, 0x64, 0x53, 0x69, 0x7a,
]);
const pad = (password: string) => {
  const bytes = new TextEncoder().encode(password).subarray(0, 32);
  const out = new Uint8Array(32);
  out.set(bytes);
  out.set(PASSWORD_PAD.subarray(0, 32 - bytes.length), bytes.length);
  return out;
};
const md5 = (...parts: Uint8Array[]) => {
  const hash = createHash('md5');
  for (const p of parts) hash.update(p);
  return new Uint8Array(hash.digest());
};

/**
 * A PDF protected by a user (open) password, standard security handler revision 2 (RC4
 * 40-bit): the O and U entries are computed as the PDF specification's algorithms 3.3 and
 * 3.4 say, so a reader asks for the password (the content itself is not encrypted — no reader
 * gets that far without the password).
 */
export async function encryptedPdf(userPassword = 'secret', ownerPassword = 'owner'): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  page.drawText('secret', { font: await doc.embedFont(StandardFonts.Helvetica), x: 50, y: 700 });
  const id = md5(new TextEncoder().encode('qcredit-test-encrypted'));
  const permissions = -44; // print, copy etc. as bits; any value works for the test
  const o = rc4(md5(pad(ownerPassword)).subarray(0, 5), pad(userPassword));
  const p = new Uint8Array(4);
  new DataView(p.buffer).setInt32(0, permissions, true);
  const key = md5(pad(userPassword), o, p, id).subarray(0, 5);
  const u = rc4(key, PASSWORD_PAD);
  const hex = (bytes: Uint8Array) => PDFHexString.of(Buffer.from(bytes).toString('hex'));
  const encrypt = doc.context.obj({
    Filter: PDFName.of('Standard'),
    V: PDFNumber.of(1),
    R: PDFNumber.of(2),
    O: hex(o),
    U: hex(u),
    P: PDFNumber.of(permissions),
  });
  doc.context.trailerInfo.Encrypt = doc.context.register(encrypt);
  doc.context.trailerInfo.ID = doc.context.obj([hex(id), hex(id)]);
  return doc.save({ useObjectStreams: false });
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 255]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(new TextEncoder().encode(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** A tiny PNG whose header declares `width` × `height` pixels (a decompression bomb's shape). */
export function pngDeclaring(width: number, height: number): Uint8Array {
  const ihdr = new Uint8Array(13);
  const view = new DataView(ihdr.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  ihdr.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale
  // A few rows of zeros: the file is tiny, only the header claims the size.
  const idat = deflateSync(new Uint8Array(1024));
  const signature = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', new Uint8Array(0))]);
}

/** A valid PDF with `pages` blank A4 pages. */
export async function manyPagePdf(pages: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages; i++) doc.addPage([595, 842]);
  return doc.save();
}

/** A PDF with one A4 page and one whose MediaBox has no area. */
export async function zeroSizePagePdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage([0, 0]);
  return doc.save();
}

/**
 * A PDF whose text layer reads but whose page cannot be drawn: its font's name holds a NUL
 * byte, which the canvas refuses when the page is rendered (as pixel checks need it).
 */
export async function undrawablePdf(text = 'Unified social credit code 91320507MA1MXQ7P9P'): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595, 842]);
  page.drawText(text, { x: 50, y: 700, size: 14, font });
  // A red ring: the seal check must draw this page (a page with nothing a seal could be made of is not drawn).
  page.drawCircle({ x: 400, y: 300, size: 55, borderColor: rgb(0.85, 0.05, 0.1), borderWidth: 3 });
  // The font's dictionary is written on save: load the saved file to rename it.
  const saved = await PDFDocument.load(await doc.save());
  for (const [, object] of saved.context.enumerateIndirectObjects()) {
    if (object instanceof PDFDict && object.get(PDFName.of('Type')) === PDFName.of('Font')) object.set(PDFName.of('BaseFont'), PDFName.of('Helvetica\u0000Bad'));
  }
  return saved.save();
}
