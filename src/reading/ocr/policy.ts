/**
 * The engine policy ('auto'): tesseract.js and PP-OCR composed behind the one OCR interface,
 * each used where it measured best, and a second opinion from the other when the first
 * reading is doubtful. The rules and the measurements behind them are in the README
 * ("OCR engines") and come from `npm run bench:ocr` over the labelled corpus.
 *
 * - Pages are read by `rules.page`; a reading whose confidence is below
 *   `rules.pageSecondOpinionBelow` is read again by the other engine and the reading with
 *   more confident characters is kept.
 * - The credit-code line is read by `rules.codeLine`. Credit-code.ts asks for the other
 *   engine's reading (`secondOpinion`) when that reading fails the checksum, is unsure, or
 *   lies under red ink, and has the other engine read the page again when no valid code was
 *   found on it; the checksum then arbitrates, and readings that disagree are never settled
 *   by a guess.
 * - Where onnxruntime cannot load, the policy is tesseract alone, with a warning
 *   (QC_OCR_ENGINE_UNAVAILABLE), never a crash.
 */
import { describeError, isQcError, type QcErrorValue } from '../../errors.js';
import type { OcrEngine, OcrRequest, OcrResult } from './engine.js';
import type { OcrLogger } from './tesseract.js';

export type MemberId = 'tesseract' | 'paddle';

export interface PolicyRules {
  /** Reads pages. */
  page: MemberId;
  /** A page reading below this mean confidence is read by the other engine too (0: never). */
  pageSecondOpinionBelow: number;
  /** Reads the credit-code line (Latin, whitelisted) first. */
  codeLine: MemberId;
  /** Reads other single lines (dates, short fields). */
  line: MemberId;
}

/**
 * The default rules, chosen by measurement (test/ocr-engines.measure.test.ts: 40 files, 46
 * pages of the labelled corpus, handwritten codes, codes under seals and rotated pages
 * included; README "OCR engines"):
 * - tesseract reads pages: PP-OCR reads more accurately (88.8 % of characters against 82.9 %)
 *   but took 1.5–2.7× as long per page here (the budget is 1.5×), and on clean scans the two
 *   are close (93 % and 92 %);
 * - PP-OCR reads a page again when tesseract's confidence is below 0.8 (photos, low-resolution
 *   and rotated copies): 85.5 % of characters for 1.24–1.40× tesseract's time;
 * - the code line is read by tesseract, then by PP-OCR when doubtful (credit-code.ts), and PP-OCR
 *   reads the page again when no valid code was found: 40/40 codes, against 39/40 for PP-OCR
 *   alone and 30/40 for tesseract alone, no wrong code called valid by any;
 * - other lines (dates, short fields) stay with tesseract, which the signing checks were
 *   tuned on.
 */
export const DEFAULT_RULES: PolicyRules = {
  page: 'tesseract',
  pageSecondOpinionBelow: 0.8,
  codeLine: 'tesseract',
  line: 'tesseract',
};

/** An engine that can give a second reading of a request from another engine. */
export interface SecondOpinion {
  /** The other engine's reading of the request, or null when there is no other engine. */
  secondOpinion(request: OcrRequest): Promise<OcrResult | null>;
}

export function hasSecondOpinion(engine: OcrEngine | undefined): engine is OcrEngine & SecondOpinion {
  return typeof (engine as Partial<SecondOpinion> | undefined)?.secondOpinion === 'function';
}

export interface PolicyEngineOptions {
  rules?: Partial<PolicyRules>;
  /** Tesseract workers / onnxruntime threads. */
  workers?: number;
  logger?: OcrLogger;
}

/** A reading's worth: its characters weighted by confidence. */
const score = (result: OcrResult) => result.lines.reduce((sum, l) => sum + l.confidence * [...l.text.replace(/\s/g, '')].length, 0);

export class PolicyEngine implements OcrEngine, SecondOpinion {
  readonly id = 'auto';
  readonly rules: PolicyRules;
  /** Why the policy runs on tesseract alone (onnxruntime unavailable), else null. */
  readonly degraded: QcErrorValue | null;

  private readonly members: Partial<Record<MemberId, OcrEngine>>;

  constructor(members: { tesseract: OcrEngine; paddle?: OcrEngine | null }, options: { rules?: Partial<PolicyRules>; degraded?: QcErrorValue | null } = {}) {
    this.members = { tesseract: members.tesseract, ...(members.paddle ? { paddle: members.paddle } : {}) };
    this.rules = { ...DEFAULT_RULES, ...options.rules };
    this.degraded = options.degraded ?? null;
  }

  private member(id: MemberId): OcrEngine {
    return this.members[id] ?? this.members.tesseract!;
  }

  private other(id: MemberId): OcrEngine | null {
    const first = this.member(id);
    const second = this.member(id === 'paddle' ? 'tesseract' : 'paddle');
    return second === first ? null : second;
  }

  /** The member that reads this kind of request first. */
  private primary(request: OcrRequest): MemberId {
    if (request.mode === 'page') return this.rules.page;
    return request.script === 'latin' ? this.rules.codeLine : this.rules.line;
  }

  async recognize(request: OcrRequest): Promise<OcrResult> {
    const first = this.primary(request);
    const result = await this.member(first).recognize(request);
    if (request.mode !== 'page' || request.secondOpinion === false || !(result.confidence < this.rules.pageSecondOpinionBelow)) return result;
    const other = this.other(first);
    if (!other) return result;
    // A second opinion that fails (a time-out) leaves the first reading standing.
    const second = await other.recognize(request).catch(() => null);
    return second && score(second) > score(result) ? second : result;
  }

  async secondOpinion(request: OcrRequest): Promise<OcrResult | null> {
    const other = this.other(this.primary(request));
    return other ? other.recognize(request) : null;
  }

  async warmUp(): Promise<void> {
    await Promise.all(Object.values(this.members).map((member) => member.warmUp()));
  }

  async close(): Promise<void> {
    await Promise.all(Object.values(this.members).map((member) => member.close()));
  }
}

/**
 * The 'auto' engine: tesseract plus PP-OCR, or tesseract alone with a warning when PP-OCR
 * cannot load here.
 */
export async function createPolicyEngine(options: PolicyEngineOptions = {}): Promise<PolicyEngine> {
  const [{ TesseractEngine }, paddle] = await Promise.all([import('./tesseract.js'), import('./paddle/engine.js')]);
  const tesseract = new TesseractEngine({ workers: options.workers, logger: options.logger });
  let member: OcrEngine | null = null;
  let degraded: QcErrorValue | null = null;
  try {
    member = new paddle.PaddleEngine({ threads: options.workers, logger: options.logger });
  } catch (error) {
    if (!isQcError(error)) throw error;
    degraded = error.toJSON();
    const { zh, en } = describeError(error.code, error.params);
    const message = `${zh}（已改用 tesseract 识别）/ ${en} (falling back to tesseract)`;
    if (options.logger?.warn) options.logger.warn(message, { code: error.code });
    else process.emitWarning(message, { code: error.code });
  }
  return new PolicyEngine({ tesseract, paddle: member }, { rules: options.rules, degraded });
}
