/**
 * A small picture of one page, for reports and the web page to draw boxes on. Made from the
 * pixels the checks already read, so a report never opens or renders the file a second time.
 */
import { loadSharp } from './sharp.js';
import type { ReadPage } from './types.js';

export interface Thumbnail {
  page: number;
  width: number;
  height: number;
  /** Page pixels (the grid boxes use) × scale = thumbnail pixels. */
  scale: number;
  /** A JPEG as a data URI: self-contained in JSON and HTML. */
  dataUri: string;
}

export const THUMBNAIL_WIDTH = 360;

/** Never fails the check it illustrates: an unreadable page simply has no thumbnail. */
export async function makeThumbnail(page: ReadPage, width = THUMBNAIL_WIDTH): Promise<Thumbnail | null> {
  try {
    const [raster, sharp] = await Promise.all([page.pixels(), loadSharp()]);
    const { data, info } = await sharp(raster.data, { raw: { width: raster.width, height: raster.height, channels: raster.channels } })
      .resize({ width: Math.min(width, raster.width) })
      .jpeg({ quality: 70 })
      .toBuffer({ resolveWithObject: true });
    return { page: page.number, width: info.width, height: info.height, scale: info.width / page.width, dataUri: `data:image/jpeg;base64,${data.toString('base64')}` };
  } catch {
    return null;
  }
}
