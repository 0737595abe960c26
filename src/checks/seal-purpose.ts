/**
 * What a seal is for, from the words under its star. A company's 公章 carries its name along
 * the arc and nothing (or a number) under the star; a special-purpose seal says what it is
 * for there: 合同专用章, 财务专用章, 发票专用章 … A pledge takes effect with the 公章
 * (附件1: "自本企业加盖公章之日起生效"), so another seal on it is no seal at all.
 */
import type { OcrEngine, OcrRequest } from '../reading/ocr/engine.js';
import { hasSecondOpinion } from '../reading/ocr/policy.js';
import { crop, upscaleTo } from '../reading/ocr/preprocess.js';
import type { RasterImage, ReadPage } from '../reading/types.js';
import type { SealRegion } from './seal.js';

/**
 * The words of a special-purpose seal (OCR may drop a character of 专用章). Only words read
 * as such count: tesseract garbles stamp lettering (合同专用章 as 全同志用意), PP-OCR reads it.
 */
const SPECIAL_PURPOSE = /(合同|财务|发票|业务|人事|质检|报关|法人)[专用章]{0,3}|专用章/;

/**
 * Red ink made dark, everything else light: black print over the seal (a typed date) and the
 * paper both vanish, so only the seal's own words are read.
 */
function redInkDark(image: RasterImage): RasterImage | null {
  if (image.channels < 3) return null; // no colour: the seal's words cannot be told from print
  const data = new Uint8Array(image.width * image.height);
  for (let i = 0, p = 0; i < data.length; i++, p += image.channels) {
    const r = image.data[p]!, g = image.data[p + 1]!, b = image.data[p + 2]!;
    data[i] = 255 - Math.min(255, Math.max(0, (r - (g + b) / 2) * 2));
  }
  return { width: image.width, height: image.height, channels: 1, data };
}

/**
 * The purpose the seal names under its star (e.g. '合同专用章'), or null for a seal that names
 * none (a 公章) or whose words could not be read. Never guesses: only words that read as a
 * purpose count.
 */
export async function sealPurpose(page: ReadPage, seal: SealRegion, engine: OcrEngine): Promise<string | null> {
  const pixels = await page.pixels();
  const d = Math.min(seal.width, seal.height);
  const cx = seal.x + seal.width / 2;
  const cy = seal.y + seal.height / 2;
  // Under the star: from just below the centre to above the bottom of the ring's lettering.
  const strip = { x: cx - 0.36 * d, y: cy + 0.12 * d, width: 0.72 * d, height: 0.24 * d };
  let image: RasterImage | null;
  try {
    image = redInkDark(crop(pixels, strip));
  } catch {
    return null; // the strip lies outside the page
  }
  if (!image) return null;
  // Characters ~0.09 of the seal across: bring them to ~40 px for the engine.
  const ratio = Math.min(4, Math.max(1, 40 / (0.09 * d)));
  const request: OcrRequest = { image: await upscaleTo(image, ratio), mode: 'line', script: 'chinese', secondOpinion: false };
  const readings = [engine.recognize(request)];
  // Where the engine has a second one (auto: PP-OCR), it reads the words too.
  if (hasSecondOpinion(engine)) readings.push(engine.secondOpinion(request).then((r) => r ?? Promise.reject(new Error('none'))));
  for (const read of await Promise.allSettled(readings)) {
    if (read.status !== 'fulfilled') continue;
    const text = read.value.lines.map((l) => l.text).join('').replace(/\s/g, '');
    const match = SPECIAL_PURPOSE.exec(text);
    if (match) return match[1] ? `${match[1]}专用章` : '专用章';
  }
  return null;
}
