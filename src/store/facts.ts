/**
 * What the store keeps of each file besides its result: the facts two submissions are
 * compared by. Computed by src/review/fingerprint.ts; kept by the file's sha256.
 */
export interface PageHash {
  page: number;
  /** 64-bit dHash of the page's rendering (16 hex digits): looked up by equality. */
  dhash: string;
  /**
   * A finer dHash (32 × 32 bits, 256 hex digits): two pages of one template but different
   * text share the coarse hash; they differ here, a re-encoded copy of one page does not.
   */
  fine: string;
}

export interface SealPrint {
  page: number;
  /** The seal's red ink, cropped to its extent and normalised to 16 × 16 (64 hex digits). */
  hash: string;
}

export interface FileFacts {
  sha256: string;
  pages: PageHash[];
  seals: SealPrint[];
  /** Certificate numbers read from the file's text (证书编号 …). */
  certificates: string[];
  /** A credit report's number (from the analysis). */
  reportNumber: string | null;
}

/** Bits that differ between two hex strings of one length. */
export function hammingHex(a: string, b: string): number {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  let bits = 0;
  for (let i = 0; i < a.length; i++) {
    let x = parseInt(a[i]!, 16) ^ parseInt(b[i]!, 16);
    while (x) {
      bits += x & 1;
      x >>= 1;
    }
  }
  return bits;
}
