/**
 * Uploaded images (JPEG, PNG, TIFF incl. multi-page, WebP) through sharp: the pixel count is
 * checked from the header before anything is decoded (decompression bombs), EXIF orientation
 * is applied, and the resolution comes from the file or is estimated from an A4 page.
 */
import type { Metadata } from 'sharp';
import { loadSharp } from './sharp.js';
import { QcError } from '../errors.js';
import type { RasterImage } from './types.js';

export interface ImageFile {
  pageCount: number;
  /** Pixels per inch: from the file when plausible, else estimated (see `estimateDpi`). */
  dpi: number;
  /** Whether `dpi` came from the file (scanners write it; phones do not). */
  dpiFromFile: boolean;
  /** Degrees turned clockwise to honour the EXIF orientation. */
  rotation: number;
  /** Size after orientation. */
  width: number;
  height: number;
  /** Decode one page (1-based), upright, as RGB. */
  decode(page: number): Promise<RasterImage>;
}

const EXIF_ROTATION: Record<number, number> = { 3: 180, 4: 180, 5: 90, 6: 90, 7: 270, 8: 270 };

/**
 * A scan or photo of an A4 page: its long side spans 297 mm (11.69 in). Used when the file
 * states no resolution (most phone photos) or an implausible one (72 "dpi" from editors).
 */
export function estimateDpi(width: number, height: number): number {
  return Math.max(width, height) / 11.69;
}

export async function openImage(bytes: Uint8Array, file: string, maxPixels: number): Promise<ImageFile> {
  const sharp = await loadSharp();
  let meta: Metadata;
  try {
    // The header alone; libvips refuses absurd sizes already here.
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (error) {
    const message = (error as Error).message;
    if (/pixel limit|too large|dimensions/i.test(message)) throw new QcError('QC_IMAGE_TOO_LARGE', { file, width: '?', height: '?', limit: maxPixels.toLocaleString('en') }, { cause: error });
    throw new QcError('QC_IMAGE_CORRUPT', { file, reason: message }, { cause: error });
  }
  const width0 = meta.width ?? 0;
  const height0 = meta.pageHeight ?? meta.height ?? 0;
  if (!width0 || !height0) throw new QcError('QC_PAGE_EMPTY_SIZE', { file, page: 1 });
  if (width0 * height0 > maxPixels) {
    throw new QcError('QC_IMAGE_TOO_LARGE', { file, width: width0, height: height0, limit: maxPixels.toLocaleString('en') });
  }
  const rotation = EXIF_ROTATION[meta.orientation ?? 1] ?? 0;
  const [width, height] = rotation % 180 ? [height0, width0] : [width0, height0];
  const pageCount = meta.pages ?? 1;
  const density = meta.density && meta.density >= 96 && meta.density <= 1200 ? meta.density : undefined;
  // A stated density is trusted only when it gives a page of plausible size (A5 to A3).
  const statedInches = density ? Math.max(width, height) / density : 0;
  const dpiFromFile = Boolean(density && statedInches >= 7 && statedInches <= 17.5);
  const dpi = dpiFromFile ? density! : estimateDpi(width, height);

  return {
    pageCount,
    dpi,
    dpiFromFile,
    rotation,
    width,
    height,
    async decode(page) {
      try {
        const { data, info } = await sharp(bytes, { page: page - 1, limitInputPixels: maxPixels, failOn: 'truncated' })
          .rotate()
          .flatten({ background: '#ffffff' })
          .toColourspace('srgb')
          .raw()
          .toBuffer({ resolveWithObject: true });
        return { width: info.width, height: info.height, channels: info.channels as 3, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
      } catch (error) {
        const message = (error as Error).message;
        if (/pixel limit/i.test(message)) throw new QcError('QC_IMAGE_TOO_LARGE', { file, width: width0, height: height0, limit: maxPixels.toLocaleString('en') }, { cause: error });
        throw new QcError('QC_IMAGE_CORRUPT', { file, reason: message }, { cause: error });
      }
    },
  };
}
