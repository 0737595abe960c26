/** The optional API key: `Authorization: Bearer <key>` or `X-API-Key: <key>`, compared in constant time. */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { QcError } from '../errors.js';

// Hashes have one length whatever the key's, so the comparison leaks nothing about it.
const digest = (text: string) => createHash('sha256').update(text).digest();

function presented(headers: IncomingHttpHeaders): string | undefined {
  const bearer = /^Bearer\s+(.+)$/i.exec(headers.authorization ?? '')?.[1]?.trim();
  if (bearer) return bearer;
  const header = headers['x-api-key'];
  return (Array.isArray(header) ? header[0] : header)?.trim() || undefined;
}

/** A check that throws QC_UNAUTHORIZED unless the request carries the key. */
export function apiKeyCheck(key: string): (headers: IncomingHttpHeaders) => void {
  const expected = digest(key);
  return (headers) => {
    const given = presented(headers);
    if (given === undefined || !timingSafeEqual(digest(given), expected)) throw new QcError('QC_UNAUTHORIZED');
  };
}
