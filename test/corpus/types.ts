/**
 * Ground truth of the labelled corpus.
 *
 * Coordinates: every box is axis-aligned, origin at the top left of its page, in the page's
 * pixel grid described by `truth.pages[page - 1]` (`width` × `height` at `dpi`):
 *  - text-layer PDFs (variant `clean`): the grid is the PDF page in points (dpi 72); a reader
 *    that renders at D dpi multiplies by D / 72;
 *  - raster variants: the grid is the output image's own pixels (the JPEG, or the JPEG that
 *    fills that page of an image-only PDF). Boxes were carried through the same rotation or
 *    perspective warp as the pixels and are the bounding box of the transformed rectangle,
 *    clipped to the image, so they are a little looser than the mark itself.
 * `page` is 1-based.
 */
import type { Box } from '../../src/reading/types.js';
import type { IndicatorId } from '../../src/domain/catalogue.js';
import type { Weight } from './fonts.js';

export type { Box };

export const KINDS = ['business-license', 'pledge', 'credit-report', 'evidence'] as const;
export type CorpusKind = (typeof KINDS)[number];

export const VARIANTS = ['clean', 'scan', 'photo', 'lowres'] as const;

/**
 * Harder copies, generated only when asked for (`CorpusOptions.hard`), each a scan or a photo
 * (`raster.base`) of a document of its own:
 *  - `handwritten-code`: a pledge whose credit code was written by hand into the blank (the
 *    printed code whited out; the handwriting is synthetic: font glyphs with per-glyph
 *    jitter, rotation, slant, pen weight and an elastic warp);
 *  - `code-under-seal`: a pledge with the company seal stamped over its code;
 *  - `rotated`: a page scanned or photographed sideways or upside down (pixels turned
 *    90°/180°/270°, no EXIF);
 *  - `exif-rotated`: a JPEG stored sideways or upside down with an EXIF Orientation tag that
 *    says how to show it.
 */
export const HARD_VARIANTS = ['handwritten-code', 'code-under-seal', 'rotated', 'exif-rotated'] as const;
export type HardVariant = (typeof HARD_VARIANTS)[number];
export type Variant = (typeof VARIANTS)[number] | HardVariant;
/** What a hard variant's pixels were made as. */
export type RasterBase = Exclude<(typeof VARIANTS)[number], 'clean'>;

export type Mime = 'application/pdf' | 'image/jpeg';

/** Who a real seal belongs to. */
export type SealRole =
  /** The applicant's 公章 (company name along the arc, star, optional number). */
  | 'company'
  /** The applicant's 合同专用章: a company seal, but not the 公章 a pledge asks for. */
  | 'company-contract'
  /** The registration authority's seal on a business licence. */
  | 'registration-authority'
  /** The issuer of a credit report. */
  | 'credit-centre'
  /** Any other issuer: certification body, government department, test lab, auditor … */
  | 'issuer';

export interface SealMark {
  page: number;
  box: Box;
  role: SealRole;
  /** The text along the arc. */
  text: string;
  /** Horizontal text under the star, if any (e.g. 合同专用章, 检验检测专用章). */
  centerText: string | null;
  /** Light, pinkish, partly transparent impression. */
  faded: boolean;
}

export type DecoyKind =
  /** A red national-emblem-like disc with stars and rays (not a ring stamp). */
  | 'emblem'
  /** Red title or heading text (e.g. a 红头文件 header). */
  | 'red-heading'
  /** Red horizontal rule(s). */
  | 'red-rule'
  /** Red underline under text. */
  | 'red-underline'
  /** Red rectangular stamp: 副本, 已审核, 与原件一致 … */
  | 'rect-stamp'
  /** Blue round stamp: not a company seal. */
  | 'blue-stamp'
  /** Gold/brown decorative border of a licence or certificate. */
  | 'gold-border';

export interface DecoyMark {
  page: number;
  box: Box;
  kind: DecoyKind;
  colour: 'red' | 'blue' | 'gold';
  text: string | null;
}

export interface PageGrid {
  width: number;
  height: number;
  dpi: number;
}

export interface Point {
  x: number;
  y: number;
}

export interface RasterTruth {
  /** Rendering resolution of the page before the scan/photo effects. */
  dpi: number;
  /** False: greyscale (red seals are then only grey). */
  colour: boolean;
  /** 'jpeg': a single JPEG file; 'pdf': a PDF of one JPEG per page, with no text layer. */
  container: 'jpeg' | 'pdf';
  jpegQuality: number;
  /** Clockwise rotation of the content, degrees (scans). */
  rotation: number;
  blur: number;
  /** Standard deviation of the added grain, in grey levels. */
  noise: number;
  /** Photos: where the page's corners landed (top-left, top-right, bottom-right, bottom-left), per page. */
  pageCorners: Point[][] | null;
  /** Hard variants only: the variant the pixels were made as. */
  base?: RasterBase;
  /**
   * Hard variants only: degrees clockwise the stored pixels are turned from upright (for
   * `exif-rotated`, before the EXIF tag is applied). Truth boxes and `pages` stay in the
   * upright grid, the one a reader that turns pages upright reports in.
   */
  turned?: 0 | 90 | 180 | 270;
  /** `exif-rotated` only: the EXIF Orientation tag written (3, 6 or 8). */
  exifOrientation?: number;
}

export interface CompanyTruth {
  name: string;
  creditCode: string;
  legalRepresentative: string;
}

interface TruthBase {
  kind: CorpusKind;
  variant: Variant;
  /**
   * The layout that made it (see ./layouts.ts): an id such as 'report-xinyong-table'. Rates
   * are reported per layout, and layouts of the held-out group (eval/held-out-layouts/) never
   * appear in tests.
   */
  layout: string;
  /** The document's title as printed. */
  title: string;
  /** A realistic name the applicant might upload the file under. */
  uploadName: string;
  company: CompanyTruth;
  /** The applicant's credit code. */
  code: string;
  /** Whether `code` is printed in the document (handwritten codes count: they are on the page). */
  codePrinted: boolean;
  /** Hard variants only: how the code is on the page, and where (same grid as seals). */
  codeMark?: { style: 'handwritten' | 'under-seal'; page: number; box: Box };
  /** True for `clean` PDFs only. */
  textLayer: boolean;
  fonts: { body: Weight; bold: Weight };
  pages: PageGrid[];
  /** Real seals (red or faded pink), of any owner. */
  seals: SealMark[];
  /** Things a seal detector must not take for a seal. */
  decoys: DecoyMark[];
  raster: RasterTruth | null;
}

export interface BusinessLicenseTruth extends TruthBase {
  kind: 'business-license';
  name: string;
  entityType: string;
  legalRepresentative: string;
  registeredCapital: string;
  establishedOn: string;
  address: string;
  registrationAuthority: string;
  /** The date under 登记机关. */
  issuedOn: string;
  /** 营业期限's end, YYYY-MM-DD; null when it says 长期 (or the licence prints no term). */
  termUntil: string | null;
  copy: '正本' | '副本';
  orientation: 'landscape' | 'portrait';
  /**
   * What the licence registers: a company (法定代表人, 住所), a branch (分公司: 负责人,
   * 营业场所) or an individual business (个体工商户: 经营者, 经营场所, no capital).
   * `legalRepresentative` holds the 负责人 / 经营者 of the latter two.
   */
  entity: 'company' | 'branch' | 'individual';
}

export type PledgeState =
  | 'complete-typed-date'
  | 'complete-handwritten-date'
  | 'faded-seal'
  | 'no-seal'
  | 'no-signature'
  | 'no-date'
  | 'contract-seal'
  | 'blank';

export interface PledgeTruth extends TruthBase {
  kind: 'pledge';
  state: PledgeState;
  /** Any red seal of the applicant in the seal area. */
  sealPresent: boolean;
  /** Specifically the 公章 (a 合同专用章 does not count). */
  officialSealPresent: boolean;
  signaturePresent: boolean;
  /** Where the handwritten signature is (same grid as seals). */
  signature: { page: number; box: Box } | null;
  /** The date on the 年 月 日 line, or null when it was left blank. */
  signedDate: string | null;
  /** Whether anything was written or typed on the date line (false only when left blank). */
  dateFilled: boolean;
  dateStyle: 'typed' | 'handwritten' | null;
}

export interface CreditRecordTruth {
  type: string;
  decisionNumber: string;
  date: string;
  authority: string;
}

export interface CreditReportTruth extends TruthBase {
  kind: 'credit-report';
  reportNumber: string;
  /** 查询时间段, inclusive, YYYY-MM-DD. */
  from: string;
  to: string;
  /** 报告生成时间, 'YYYY-MM-DD HH:mm:ss'. */
  generatedAt: string;
  /** 简易处罚: 是. */
  simplePenaltyIncluded: boolean;
  /** 查询领域: 全选. */
  allDomains: boolean;
  domains: string[];
  recordsCount: number;
  records: CreditRecordTruth[];
  /** Months covered by from–to (rounded). */
  months: number;
  /** The page (1-based) on which the period's labelled statement stands. */
  periodPage: number;
}

export interface EvidenceTruth extends TruthBase {
  kind: 'evidence';
  windowId: IndicatorId;
  /** Which template made it, e.g. 'iso9001-certificate'. */
  template: string;
  /** The scoring bullets it is evidence for, e.g. ['infrastructure.5']. */
  bulletIds: string[];
  issuer: string;
  /** The document's date (issue, report or approval), YYYY-MM-DD. */
  date: string;
}

export type Truth = BusinessLicenseTruth | PledgeTruth | CreditReportTruth | EvidenceTruth;

export interface CorpusItem {
  /** Unique and stable for a seed, e.g. 'pledge-03-scan'. */
  id: string;
  kind: CorpusKind;
  variant: Variant;
  /** `<id>.<pdf|jpg>`. */
  fileName: string;
  bytes: Uint8Array;
  mime: Mime;
  /** Raster variants: the dpi of the image grid. */
  dpi?: number;
  truth: Truth;
  /** Raster variants, with `keepSource` only: the text-layer PDF the copy was made from (its text is the page's text). */
  source?: Uint8Array;
}

/** A truth without the fields only the variant decides (distributes over the union). */
export type DocTruth<T extends Truth = Truth> = T extends Truth ? Omit<T, 'variant' | 'raster' | 'textLayer'> : never;

/** What a document builder returns: the text-layer PDF and its truth in PDF points. */
export interface BuiltDocument<T extends Truth = Truth> {
  pdf: Uint8Array;
  truth: DocTruth<T>;
}
