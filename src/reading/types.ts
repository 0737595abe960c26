/**
 * What the reading layer produces for every upload, whatever it was (a PDF with a text layer,
 * a scan, a phone photo): pages of located text and, on demand, the page's pixels.
 *
 * Coordinates: every box is in the page's own pixel grid at `page.dpi` (for a text-layer PDF
 * page that grid is the page at `dpi`, so PDF points × dpi / 72), origin top-left.
 */

/** An axis-aligned box, top-left origin, in page pixels. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Word {
  text: string;
  box: Box;
  /** 0..1; 1 for text-layer text. */
  confidence: number;
}

export interface TextLine {
  /** The line's text, Chinese whitespace normalised (no spaces between CJK characters). */
  text: string;
  box: Box;
  /** 0..1; 1 for text-layer text. */
  confidence: number;
  words: Word[];
}

/** Raw pixels: 8-bit, row-major, `channels` interleaved (1 grey, 3 RGB, 4 RGBA). */
export interface RasterImage {
  width: number;
  height: number;
  channels: 1 | 3 | 4;
  data: Uint8Array;
}

export type TextSource = 'text-layer' | 'ocr';

/** What a text-layer PDF page paints, read from its drawing operators without rendering it. */
export interface PageDrawing {
  /** Images painted (a scan, a photo, a pasted seal or logo, an image mask). */
  images: number;
  /** Colours of its filled or stroked shapes as '#rrggbb', or 'pattern' for a pattern or shading (any colour); text is not a shape. */
  shapeColours: string[];
}

export interface ReadPage {
  /** 1-based page number. */
  number: number;
  /** Size in pixels at `dpi` (the grid all boxes use). */
  width: number;
  height: number;
  /** Resolution of that grid, pixels per inch (from the file, or estimated for images). */
  dpi: number;
  /** Where the text came from. */
  source: TextSource;
  lines: TextLine[];
  /** All lines joined with '\n'. */
  text: string;
  /** Rotation applied to make the page upright (EXIF, PDF /Rotate, or its content: see orientation.ts), degrees clockwise. */
  rotation: number;
  /** The page's pixels at `dpi` (rendered on first use for PDFs, then cached). */
  pixels(): Promise<RasterImage>;
  /**
   * Text-layer PDF pages only: the page drawn afresh at another resolution. Checks that look
   * at shapes rather than strokes (the seal check works at 100 dpi) ask for a quarter of the
   * pixels instead of shrinking the page's own.
   */
  render?(dpi: number): Promise<RasterImage>;
  /** Text-layer PDF pages only: what the page paints, from its drawing operators (nothing rendered). */
  drawing?(): Promise<PageDrawing>;
  /**
   * False while only some bands of an OCR page have been read (`ReadOptions.lazy`): `lines`
   * and `text` then hold what was read so far. Absent: complete.
   */
  readonly complete?: boolean;
  /**
   * Reads the rows between `from` and `to` (shares of the height of the sheet of paper: the
   * page itself for a scan or a PDF, the sheet in it for a photo) that have not
   * been read yet; `lines` and `text` then include them. `readRows(0, 1)` reads the whole
   * page in one pass, replacing any bands (layout analysis needs the whole page). Absent on
   * pages read whole.
   */
  readRows?(from: number, to: number): Promise<void>;
}

export type FileType = 'pdf' | 'jpeg' | 'png' | 'tiff' | 'webp';

export interface ReadWarning {
  code: string;
  message: string;
  messageEn: string;
}

export interface ReadResult {
  /** The name it was uploaded under (may lie about the type). */
  name: string;
  sha256: string;
  size: number;
  /** The real type, sniffed from the bytes. */
  type: FileType;
  pages: ReadPage[];
  /** Problems that did not stop reading (e.g. a file name that lies about the type). */
  warnings: ReadWarning[];
  /** Milliseconds spent reading. */
  elapsedMs: number;
  /**
   * Lets go of what the reading keeps to draw pages later (a PDF's parsed document): a server
   * calls it when its answer is out. Pages can still be drawn afterwards, at the cost of
   * parsing the file again.
   */
  release(): Promise<void>;
}
