/**
 * The house style, shared by the PDF and DOCX writers so a document looks the same in both:
 * A4 geometry and margins, type sizes and line heights (points), and block spacing.
 * Sizes follow Chinese form practice (五号 10.5 pt body), tight enough that the pledge fits
 * one page with room to sign and seal.
 */
/** The Chinese font family both writers name (Noto Sans SC, shipped; see fonts/README.md). */
export const FONT_FAMILY = 'Noto Sans SC';

export const PAGE = { width: 595.28, height: 841.89, top: 58, bottom: 58, left: 74, right: 74 } as const;
export const BODY_WIDTH = PAGE.width - PAGE.left - PAGE.right;

export interface TextStyle {
  size: number;
  lineHeight: number;
  bold: boolean;
}

export const TYPE = {
  title: { size: 20, lineHeight: 30, bold: true },
  h1: { size: 14, lineHeight: 22, bold: true },
  h2: { size: 12.5, lineHeight: 20, bold: true },
  h3: { size: 11, lineHeight: 18, bold: true },
  body: { size: 10.5, lineHeight: 17.5, bold: false },
  small: { size: 9, lineHeight: 14, bold: false },
  cell: { size: 9.5, lineHeight: 14.5, bold: false },
  footer: { size: 9, lineHeight: 12, bold: false },
} as const satisfies Record<string, TextStyle>;

/** Vertical spacing in points. */
export const SPACING = {
  titleBefore: 6,
  titleAfter: 8,
  headingBefore: 3,
  headingAfter: 2,
  paragraphAfter: 3,
  tableAfter: 8,
  signatureBefore: 8,
  cellPadX: 5,
  cellPadY: 4,
} as const;

/** Colours as hex RGB. */
export const COLOR = { text: '000000', warning: 'C00000', muted: '666666', headerFill: 'EBEBEB', border: '000000' } as const;
