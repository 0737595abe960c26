/**
 * Photos lit unevenly: a shadow across the sheet must neither cut the sheet short (paper.ts)
 * nor make tesseract's one global threshold lose the shadowed text (flattenLighting). The
 * corpus photo that showed both (pledge-02-photo, seed 4099) is read with the real engine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flattenLighting } from '../src/reading/ocr/preprocess.js';
import type { OcrEngine } from '../src/reading/ocr/engine.js';
import { createEngine } from '../src/reading/ocr/registry.js';
import { findPaper } from '../src/reading/paper.js';
import { readUpload } from '../src/reading/read.js';
import type { RasterImage } from '../src/reading/types.js';
import { generateCorpus } from './corpus/index.js';
import type { PledgeTruth } from './corpus/types.js';

/** A grey sheet on a dark desk, its top half in shadow, with a few dark "text" strokes. */
function shadowedPhoto(): RasterImage {
  const width = 600;
  const height = 800;
  const data = new Uint8Array(width * height).fill(60); // the desk
  for (let y = 60; y < 760; y++) {
    for (let x = 50; x < 550; x++) {
      // Paper: 150 in the shadow at the top, 235 in the light at the bottom.
      data[y * width + x] = y < 400 ? 150 : 235;
    }
  }
  for (const top of [120, 500]) {
    for (let y = top; y < top + 12; y++) for (let x = 100; x < 500; x += 4) data[y * width + x] = top < 400 ? 40 : 30;
  }
  return { width, height, channels: 1, data };
}

describe('uneven lighting', () => {
  it('finds the whole sheet, shadow and all', () => {
    const paper = findPaper(shadowedPhoto())!;
    expect(paper).not.toBeNull();
    expect(paper.y).toBeLessThan(80);
    expect(paper.y + paper.height).toBeGreaterThan(740);
  });

  it('evens out the paper and keeps text dark in the shadow', async () => {
    const photo = shadowedPhoto();
    const flat = await flattenLighting(photo);
    const at = (image: RasterImage, x: number, y: number) => image.data[y * image.width + x]!;
    // Paper in the shadow and in the light both come out near white…
    expect(at(flat, 300, 200)).toBeGreaterThan(230);
    expect(at(flat, 300, 600)).toBeGreaterThan(230);
    // …and text stays dark in both.
    expect(at(flat, 100, 125)).toBeLessThan(90);
    expect(at(flat, 100, 505)).toBeLessThan(90);
    // An evenly lit page is left alone.
    const even: RasterImage = { width: 200, height: 200, channels: 1, data: new Uint8Array(200 * 200).fill(240) };
    expect(await flattenLighting(even)).toBe(even);
  });
});

describe('a corpus photo with a shadow across it', () => {
  let engine: OcrEngine;
  beforeAll(async () => {
    engine = await createEngine('tesseract');
  });
  afterAll(async () => {
    await engine?.close();
  });

  it('is read from its title down, code included', async () => {
    const items = await generateCorpus({ seed: 4099, perKind: 4, kinds: ['pledge'], variants: ['clean', 'scan', 'photo', 'lowres'] });
    const photo = items.find((item) => item.id === 'pledge-02-photo')!;
    expect(photo).toBeDefined();
    const read = await readUpload(photo.bytes, { name: photo.fileName, engine, noCache: true });
    const text = read.pages[0]!.text.replace(/\s/g, '');
    expect(text).toMatch(/申报承诺书/);
    expect(text).toContain((photo.truth as PledgeTruth).code);
  }, 180_000);
});
