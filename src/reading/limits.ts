/**
 * Limits on what one upload may cost. Every limit has a safe default and can be changed by
 * the library caller, the CLI and (later) the server's configuration.
 */
import { z } from 'zod';

export const readLimitsSchema = z.strictObject({
  /** Largest file accepted, in bytes. */
  maxFileBytes: z.number().int().positive().default(50 * 1024 * 1024),
  /** Most pages read from one PDF (a longer one is refused with a clear message). */
  maxPages: z.number().int().positive().default(300),
  /** Most pixels in an uploaded image (decompression bombs declare huge sizes in tiny files). */
  maxImagePixels: z.number().int().positive().default(60_000_000),
  /** Time allowed for reading the text of one page by OCR. */
  ocrTimeoutMs: z.number().int().positive().default(60_000),
  /** Resolution PDF pages are rasterised at for OCR and pixel checks. */
  rasterDpi: z.number().min(50).max(600).default(200),
  /** A text-layer page with fewer readable characters than this is read by OCR instead. */
  minTextLayerChars: z.number().int().nonnegative().default(20),
});

export type ReadLimits = z.infer<typeof readLimitsSchema>;
export type ReadLimitsInput = z.input<typeof readLimitsSchema>;

export const DEFAULT_LIMITS: ReadLimits = readLimitsSchema.parse({});

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} B`;
}
