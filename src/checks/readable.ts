/**
 * Whether an upload could be read at all.
 * - QC_CONTENT_UNREADABLE: (almost) nothing could be read — a blank page, a thumbnail, a photo
 *   too blurred. Every other check then finds nothing to say, so without this a blank page in
 *   the pledge's slot would pass. In a fixed slot (licence, pledge, report) it is an error:
 *   the material is as good as missing. As evidence, or with no slot, a warning: a photo of a
 *   plaque can carry too few words to judge.
 * - QC_IMAGE_LOW_RESOLUTION: some text was read from an image too coarse to read it reliably
 *   (a warning: the findings its misreadings cause say what is wrong).
 */
import { getIndicator } from '../domain/catalogue.js';
import type { ReadResult } from '../reading/types.js';
import { isMaterialKind, KIND_NAMES, type KindDetection, type MaterialKind } from './kind.js';
import type { Expected } from './reading-plan.js';
import { finding, type Finding } from './types.js';

/**
 * Below this, 10.5 pt body text is under 15 px high. The corpus' low-resolution copies
 * (100–120 DPI) are the coarsest measured to read well.
 */
const LOW_DPI = 100;

const KIND_NAMES_EN: Record<MaterialKind, string> = { 'business-license': 'the business licence', pledge: 'the pledge', 'credit-report': 'the credit report' };

export function checkReadable(result: ReadResult, kind: KindDetection, expected: Expected): Finding[] {
  // Pages that needed OCR were not read at all (no engine, or it failed): the reading says so.
  if (!result.pages.length || result.warnings.some((w) => w.code === 'QC_OCR_FAILED')) return [];
  const coarsest = result.pages.filter((page) => page.source === 'ocr').sort((a, b) => a.dpi - b.dpi)[0];
  const coarse = coarsest && coarsest.dpi < LOW_DPI ? coarsest : null;
  if (kind.kind !== 'unknown') {
    if (!coarse) return [];
    return [finding('QC_IMAGE_LOW_RESOLUTION', 'warning', { file: result.name, width: coarse.width, height: coarse.height, dpi: Math.round(coarse.dpi) }, { page: coarse.number })];
  }
  const fixed = isMaterialKind(expected.kind) ? expected.kind : null;
  const what = expected.window
    ? { what: `“${getIndicator(expected.window).name}”窗口的证明材料`, whatEn: `evidence for the "${expected.window}" window` }
    : fixed
      ? { what: KIND_NAMES[fixed], whatEn: KIND_NAMES_EN[fixed] }
      : { what: '哪一类申报材料', whatEn: 'any kind of application material' };
  const why = coarse
    ? { why: `（图像只有 ${coarse.width}×${coarse.height} 像素，分辨率过低）`, whyEn: ` (the image is only ${coarse.width}×${coarse.height} pixels: too low a resolution)` }
    : { why: '', whyEn: '' };
  return [finding('QC_CONTENT_UNREADABLE', fixed ? 'error' : 'warning', { file: result.name, ...what, ...why })];
}
