/**
 * Font weights of Noto Sans SC for the corpus: text-layer PDFs vary between light/regular
 * body text and bold/black headings, and seals and stamps are drawn on a canvas with the
 * same font registered under our own family names.
 */
import { createRequire } from 'node:module';
import { GlobalFonts } from '@napi-rs/canvas';
import { loadFont, type LoadedFont } from '../../src/document/fonts.js';

const require = createRequire(import.meta.url);

export type Weight = 300 | 400 | 700 | 900;
export const BODY_WEIGHTS: readonly Weight[] = [300, 400];
export const BOLD_WEIGHTS: readonly Weight[] = [700, 900];

export function fontPath(weight: Weight): string {
  return require.resolve(`@openfonts/noto-sans-sc_all/files/noto-sans-sc-all-${weight}.woff`);
}

/** The project's font loader, one cache entry per weight. */
export function corpusFont(weight: Weight): Promise<LoadedFont> {
  return loadFont(weight >= 700 ? 'bold' : 'regular', fontPath(weight));
}

/** `fontPaths` for renderPdf / generatePledge. */
export function fontPaths(fonts: FontChoice): { regular: string; bold: string } {
  return { regular: fontPath(fonts.body), bold: fontPath(fonts.bold) };
}

export interface FontChoice {
  body: Weight;
  bold: Weight;
}

const registered = new Map<Weight, Promise<string>>();

/** A canvas font family name for the weight (registered once per process). */
export function canvasFamily(weight: Weight): Promise<string> {
  let pending = registered.get(weight);
  if (!pending) {
    pending = corpusFont(weight).then((font) => {
      const family = `QcCorpus${weight}`;
      GlobalFonts.register(Buffer.from(font.ttf.buffer, font.ttf.byteOffset, font.ttf.byteLength), family);
      return family;
    });
    registered.set(weight, pending);
  }
  return pending;
}
