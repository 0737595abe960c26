/**
 * Whitespace and width normalisation for recognised Chinese text.
 *
 * OCR (tesseract's chi_sim in particular) puts spaces between Chinese characters: "承 诺 书".
 * Chinese has no spaces between words, so any whitespace between two CJK characters (or a CJK
 * character and CJK punctuation) is noise; spaces between Latin words and numbers are real.
 */

/**
 * Characters that take no space next to each other: Han ideographs, kana, bopomofo, CJK
 * symbols and punctuation (U+3000–U+303F, which includes 、。「」《》), full-width forms
 * (U+FF01–U+FF60: ，：；（）！？ and full-width letters and digits, U+FFE0–U+FFEE),
 * vertical and small form variants, and the quotes, ellipsis, dashes and middle dot that
 * Chinese text uses (“”‘’…—·).
 */
const CJK_CLASS =
  '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Bopomofo}' +
  '\\u3000-\\u303F\\u31C0-\\u31EF\\uFE10-\\uFE1F\\uFE30-\\uFE4F\\uFF01-\\uFF60\\uFFE0-\\uFFEE' +
  '\\u2018\\u2019\\u201C\\u201D\\u2026\\u2014\\u00B7';

/** A single space (after collapsing) with CJK on both sides. */
const SPACE_BETWEEN_CJK = new RegExp(`(?<=[${CJK_CLASS}]) (?=[${CJK_CLASS}])`, 'gu');
/** Whitespace, including U+3000 ideographic space and no-break spaces. */
const WHITESPACE_RUN = /[\s\u00A0\u2000-\u200B\u3000\uFEFF]+/gu;

/**
 * Chinese text with OCR whitespace noise removed:
 * - whitespace between two CJK characters (or CJK and CJK punctuation) is removed;
 * - every other whitespace run (newlines and U+3000 included) becomes one ASCII space;
 * - leading and trailing whitespace is trimmed.
 *
 * `'江 苏  省 ， Hello   world 2026 年'` → `'江苏省，Hello world 2026 年'`.
 */
export function normalizeChineseText(text: string): string {
  return text.replace(WHITESPACE_RUN, ' ').trim().replace(SPACE_BETWEEN_CJK, '');
}

/**
 * Full-width ASCII (U+FF01–U+FF5E, e.g. `ＡＢＣ１２３（）`) to half-width, and the ideographic
 * space U+3000 to an ASCII space. For matching (codes, numbers, labels), not for display:
 * Chinese punctuation such as `，` becomes `,`.
 */
export function toHalfWidthAscii(text: string): string {
  return text.replace(/[\uFF01-\uFF5E\u3000]/gu, (char) =>
    char === '\u3000' ? ' ' : String.fromCharCode(char.charCodeAt(0) - 0xfee0),
  );
}
