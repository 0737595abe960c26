/** The real type of an upload, from its first bytes: a file's name may lie. */
import { extname } from 'node:path';
import type { FileType } from './types.js';

const startsWith = (bytes: Uint8Array, signature: number[], at = 0) => signature.every((b, i) => bytes[at + i] === b);
const ascii = (bytes: Uint8Array, from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));

/** The file type from magic bytes, or null when it is none we read. */
export function sniffType(bytes: Uint8Array): FileType | null {
  // PDF readers accept the header anywhere in the first KiB (some generators prepend junk).
  if (ascii(bytes, 0, Math.min(bytes.length, 1024)).includes('%PDF-')) return 'pdf';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return 'tiff';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'webp';
  return null;
}

/** A human name for a type we do not read, for the error message. */
export function describeUnsupported(bytes: Uint8Array): string {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return 'ZIP/Office 文档（如 DOCX、XLSX）';
  if (ascii(bytes, 0, 4) === 'GIF8') return 'GIF 图片';
  if (ascii(bytes, 0, 2) === 'BM') return 'BMP 图片';
  if (ascii(bytes, 4, 8) === 'ftyp') return 'HEIC/MP4 等';
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) return '旧版 Office 文档（DOC/XLS）';
  if (startsWith(bytes, [0x52, 0x61, 0x72, 0x21]) || startsWith(bytes, [0x37, 0x7a, 0xbc, 0xaf])) return 'RAR/7z 压缩包';
  const head = bytes.subarray(0, 512);
  if (head.length && head.every((b) => b === 0x09 || b === 0x0a || b === 0x0d || b >= 0x20)) return '文本文件';
  return '未知格式';
}

export const EXTENSIONS: Record<FileType, readonly string[]> = {
  pdf: ['pdf'],
  jpeg: ['jpg', 'jpeg', 'jpe', 'jfif'],
  png: ['png'],
  tiff: ['tif', 'tiff'],
  webp: ['webp'],
};

/** The type a file name claims, or null (no or unknown extension). */
export function typeFromName(name: string): FileType | null {
  const ext = extname(name).slice(1).toLowerCase();
  for (const [type, exts] of Object.entries(EXTENSIONS) as [FileType, readonly string[]][]) {
    if (exts.includes(ext)) return type;
  }
  return null;
}

export const TYPE_LABELS: Record<FileType, string> = { pdf: 'PDF', jpeg: 'JPEG', png: 'PNG', tiff: 'TIFF', webp: 'WebP' };
