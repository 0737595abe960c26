/**
 * The HTML report carries its own Chinese font: a reader's machine may have none (every
 * character a box), and the page must stay one self-contained file. So the page embeds the
 * shipped Noto Sans SC (../document/fonts.ts, the font the PDFs use), cut down by the same
 * harfbuzz subsetter to exactly the characters the page shows, as a WOFF2 data URI.
 */
import { FONT_FAMILY } from '../document/style.js';

/**
 * The embedded face's own family name: a locally installed Noto Sans SC can neither stand in
 * for it nor be shadowed by a subset that lacks some of its characters.
 */
export const REPORT_FONT_FAMILY = `qcredit ${FONT_FAMILY}`;

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };

/** The characters a reader sees: the markup's text, tags left out and entities decoded. */
export function shownCharacters(markup: string): string {
  const text = markup.replace(/<[^>]*>/g, '').replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => ENTITIES[name]!);
  return [...new Set(text)].filter((char) => char >= ' ').join('');
}

/** An @font-face rule holding just the glyphs for the characters `markup` shows. */
export async function reportFontFace(markup: string): Promise<string> {
  // The font code (fontkit, harfbuzz, the WOFF2 writer) loads only when a report is written.
  const [{ loadFont, subsetFor }, { sfntToWoff2 }] = await Promise.all([import('../document/fonts.js'), import('../document/woff2.js')]);
  const font = await loadFont('regular');
  const woff2 = sfntToWoff2(await subsetFor(font, shownCharacters(markup)));
  // Bold text (headings, the verdict) is emboldened by the browser from this one weight: a
  // second embedded weight would nearly double the font's share of the page.
  return `@font-face{font-family:"${REPORT_FONT_FAMILY}";src:url(data:font/woff2;base64,${Buffer.from(woff2).toString('base64')}) format("woff2");font-display:block}`;
}
