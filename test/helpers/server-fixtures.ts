/**
 * Material and plumbing for test/server.test.ts: real generated documents, a real "scan" of
 * one (rendered by the library's own PDF renderer, encoded by sharp), multipart bodies built
 * by hand, and a request whose upload can be held half-sent (to keep a queue turn busy, or a
 * request in flight across a shutdown). Nothing is written to disk.
 */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { generatePledge } from '../../src/generators/pledge.js';
import { generateSummary } from '../../src/generators/summary.js';
import { readApplicationFile } from '../../src/io/json.js';
import { openPdf } from '../../src/reading/pdf.js';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const EXAMPLES = path.join(REPO_ROOT, 'examples');
const FIXED_DATE = new Date('2026-05-20T08:00:00Z');

export interface Materials {
  company: Record<string, unknown>;
  application: unknown;
  /** The example pledge, 1 text-layer page. */
  pledgePdf: Uint8Array;
  /** The example summary, 6 text-layer pages. */
  summaryPdf: Uint8Array;
  /** The pledge's page rendered at 200 DPI, grey JPEG: a scan with no text layer. */
  scanJpeg: Uint8Array;
  /** A PDF that stops after its header. */
  corruptPdf: Uint8Array;
}

export async function makeMaterials(): Promise<Materials> {
  const company = JSON.parse(readFileSync(path.join(EXAMPLES, 'company.json'), 'utf8')) as Record<string, unknown>;
  const application = await readApplicationFile(path.join(EXAMPLES, 'application.json'));
  const pledgePdf = await generatePledge(company, 'pdf', { creationDate: FIXED_DATE });
  const summaryPdf = await generateSummary(application, 'pdf', { creationDate: FIXED_DATE, today: '2026-05-20' });
  const pdf = await openPdf(pledgePdf, 'pledge.pdf');
  let scanJpeg: Uint8Array;
  try {
    const raster = await pdf.render(1, 200);
    const jpeg = await sharp(raster.data, { raw: { width: raster.width, height: raster.height, channels: raster.channels } })
      .flatten({ background: '#ffffff' })
      .toColourspace('b-w')
      .jpeg({ quality: 80 })
      .withDensity(200)
      .toBuffer();
    scanJpeg = new Uint8Array(jpeg);
  } finally {
    await pdf.close();
  }
  const corruptPdf = new TextEncoder().encode('%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R');
  return { company, application, pledgePdf, summaryPdf, scanJpeg, corruptPdf };
}

export interface Part {
  name: string;
  filename?: string;
  contentType?: string;
  data: Uint8Array | string;
}

export const BOUNDARY = 'qcredit-test-boundary-7c1f';

/** A multipart/form-data body, byte for byte. */
export function multipartBody(parts: Part[], boundary = BOUNDARY): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = `form-data; name="${part.name}"${part.filename !== undefined ? `; filename="${part.filename}"` : ''}`;
    const type = part.contentType ?? (part.filename !== undefined ? 'application/octet-stream' : undefined);
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${type ? `Content-Type: ${type}\r\n` : ''}\r\n`, 'utf8'));
    chunks.push(typeof part.data === 'string' ? Buffer.from(part.data, 'utf8') : Buffer.from(part.data));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A POST whose body is sent up to `heldAt` bytes and then held until `release()`: the server
 * has the request (and its queue turn) but not the whole upload.
 */
export function heldRequest(base: string, urlPath: string, body: Buffer, { heldAt = Math.floor(body.length / 2), headers = {} as Record<string, string> } = {}) {
  const url = new URL(urlPath, base);
  let settle!: (response: RawResponse) => void;
  let fail!: (error: unknown) => void;
  const response = new Promise<RawResponse>((resolve, reject) => {
    settle = resolve;
    fail = reject;
  });
  const req = httpRequest(
    { host: url.hostname, port: url.port, path: url.pathname + url.search, method: 'POST', agent: false, headers: { ...headers, 'content-type': `multipart/form-data; boundary=${BOUNDARY}`, 'content-length': body.length } },
    (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => settle({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', fail);
    },
  );
  req.on('error', fail);
  req.write(body.subarray(0, heldAt));
  return {
    response,
    release: () => req.end(body.subarray(heldAt)),
  };
}

/** Polls until `check` passes (or throws after `ms`). */
export async function waitFor(check: () => Promise<boolean>, ms = 60_000, every = 50): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, every));
  }
}
