/**
 * What makes two submissions the same for Idempotency-Key: the submission, the uploaded files'
 * hashes by name, the files dropped for size, the run options and the webhook. A retried POST
 * with the same key and body gets the same job; the same key with another body is a conflict.
 */
import { createHash } from 'node:crypto';
import type { SubmitRequest } from './types.js';
import { sha256Hex } from './work.js';

export function submissionFingerprint(request: SubmitRequest): string {
  const files = request.files.map((f) => [f.name, sha256Hex(f.bytes)]).sort(([a], [b]) => (a! < b! ? -1 : a! > b! ? 1 : 0));
  return createHash('sha256')
    .update(JSON.stringify([request.submission, files, [...request.oversize].sort(), request.options, request.webhook?.url ?? null]))
    .digest('hex');
}
