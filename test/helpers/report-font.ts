/**
 * Reading the HTML report's embedded font back: the @font-face's bytes, the text a reader
 * sees, and which of its characters the font cannot draw.
 */
import * as fontkit from 'fontkit';
import { loadFont } from '../../src/document/fonts.js';

const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"' };

/** The text a reader sees in the page's body: tags dropped, character references decoded. */
export function visibleText(html: string): string {
  return html
    .slice(html.indexOf('<body>'))
    .replace(/<[^>]*>/g, '')
    .replace(/&(#\d+|amp|lt|gt|quot);/g, (_, ref: string) => (ref.startsWith('#') ? String.fromCodePoint(Number(ref.slice(1))) : NAMED[ref]!));
}

/** Han ideographs, CJK and full-width punctuation: what a machine without a Chinese font shows as boxes. */
export const isChinese = (char: string) => /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u.test(char);

/** The page's one @font-face with a data URI: its family, its format and the font's bytes. */
export function fontFaceOf(html: string): { family: string; format: string; bytes: Buffer } {
  const m = /@font-face\{font-family:"([^"]+)";src:url\(data:font\/(\w+);base64,([A-Za-z0-9+/=]+)\) format\("(\w+)"\)/.exec(html);
  if (!m) throw new Error('no @font-face with a data URI');
  return { family: m[1]!, format: m[4]!, bytes: Buffer.from(m[3]!, 'base64') };
}

/**
 * Characters the reader sees that the embedded font lacks: Chinese ones it lacks at all, and
 * any other the shipped font has (what the shipped font lacks, like ✗, the system draws).
 */
export async function uncoveredCharacters(html: string): Promise<string[]> {
  const font = fontkit.create(fontFaceOf(html).bytes) as fontkit.Font;
  const shipped = await loadFont('regular');
  return [...new Set(visibleText(html))].filter((c) => c > ' ' && (isChinese(c) || shipped.has(c)) && !font.hasGlyphForCodePoint(c.codePointAt(0)!));
}
