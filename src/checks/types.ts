/**
 * The shape every check shares: it looks at read pages (and, for pixel checks, their
 * pixels) and returns what it found plus findings a person can act on.
 */
import { describeError, type ErrorParams, type QcErrorCode } from '../errors.js';
import type { OcrEngine } from '../reading/ocr/engine.js';
import type { Box, ReadResult } from '../reading/types.js';

export type Severity = 'error' | 'warning' | 'info';

export interface Finding {
  code: QcErrorCode;
  severity: Severity;
  /** zh-CN, for the applicant or reviewer. */
  message: string;
  messageEn: string;
  /** zh-CN: what to do about it. */
  action?: string;
  /** Where it is, when it is somewhere (1-based page, box in that page's pixels). */
  page?: number;
  box?: Box;
  params: ErrorParams;
}

export function finding(code: QcErrorCode, severity: Severity, params: ErrorParams, where: { page?: number; box?: Box } = {}): Finding {
  const { zh, en, action } = describeError(code, params);
  return { code, severity, message: zh, messageEn: en, ...(action ? { action } : {}), ...where, params };
}

/** A region on a page, in that page's pixels. */
export interface PageRegion extends Box {
  page: number;
}

/** What a check is given. */
export interface CheckInput {
  file: ReadResult;
  /** For second readings of small regions (the code line); checks work without it. */
  engine?: OcrEngine;
}
