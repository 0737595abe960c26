/**
 * The real engine, counting the page rows it is asked to recognise (page mode): how much of a
 * page was read, for the tests of reading only what a check needs.
 */
import type { OcrEngine, OcrRequest, OcrResult } from '../../src/reading/ocr/engine.js';

export class CountingEngine implements OcrEngine {
  readonly id = 'tesseract';
  rows = 0;
  /** Page requests that let a policy engine ask its other engine (OcrRequest.secondOpinion). */
  secondOpinions = 0;
  /**
   * @param widest requests wider than this are not counted: with the scan's width, a poor
   *   reading read again enlarged (ocr-page.ts) is not counted twice
   */
  constructor(
    private readonly inner: OcrEngine,
    private readonly widest = Infinity,
  ) {}
  recognize(request: OcrRequest): Promise<OcrResult> {
    if (request.mode === 'page' && request.image.width <= this.widest) this.rows += request.image.height;
    if (request.mode === 'page' && request.secondOpinion !== false) this.secondOpinions++;
    return this.inner.recognize(request);
  }
  warmUp() {
    return this.inner.warmUp();
  }
  close() {
    return this.inner.close();
  }
}
