/**
 * The web page served at `/`: a Fastify plugin that serves `web/` (plain ES modules, no
 * bundler) and the Noto Sans SC font from the installed package. Everything comes from the
 * tool itself — never a CDN — because applicants' machines and the portal's reviewers often
 * sit on closed networks, and Chinese must render with the same font as the PDFs.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

const require = createRequire(import.meta.url);

/** `web/` sits at the package root, two levels above both src/server/ and dist/server/. */
export const WEB_DIR = fileURLToPath(new URL('../../web/', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
};

/**
 * Only our own scripts, styles and fonts; images from data:/blob: because thumbnails arrive
 * as data URIs and local image files are previewed from blob URLs. No inline script or
 * style: the page renders text from uploaded documents, so injected markup must stay inert.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
};

interface FontFile {
  weight: number;
  format: 'woff2' | 'woff';
  path: string;
  /** Part of the URL, so the file can be cached forever and a new package version still loads. */
  url: string;
}

function fontFiles(): FontFile[] {
  let version = '0';
  try {
    version = (require('@openfonts/noto-sans-sc_all/package.json') as { version: string }).version;
  } catch {
    // The fonts below fail to resolve too; the page then falls back to system fonts.
  }
  const files: FontFile[] = [];
  for (const weight of [400, 700]) {
    for (const format of ['woff2', 'woff'] as const) {
      try {
        const path = require.resolve(`@openfonts/noto-sans-sc_all/files/noto-sans-sc-all-${weight}.${format}`);
        files.push({ weight, format, path, url: `/web/fonts/noto-sans-sc-${weight}-${version}.${format}` });
      } catch {
        // A missing weight or format is left out of the @font-face rule.
      }
    }
  }
  return files;
}

/** The @font-face rules, generated because the font URLs carry the package version. */
function fontCss(fonts: FontFile[]): string {
  const rules: string[] = [];
  for (const weight of [...new Set(fonts.map((f) => f.weight))]) {
    const src = fonts
      .filter((f) => f.weight === weight)
      .map((f) => `url("${f.url}") format("${f.format}")`)
      .join(', ');
    // swap: text stays readable in a fallback font while the 4 MB face loads the first time.
    rules.push(`@font-face{font-family:"QC Noto Sans SC";font-style:normal;font-weight:${weight};font-display:swap;src:${src}}`);
  }
  return rules.join('\n') + '\n';
}

interface Asset {
  body: Buffer;
  etag: string;
  type: string;
  mtimeMs: number;
}

const etagOf = (body: Buffer | string) => `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;

function send(request: FastifyRequest, reply: FastifyReply, asset: { body: Buffer | string; etag: string; type: string }, cacheControl: string) {
  reply.headers(SECURITY_HEADERS).header('cache-control', cacheControl).header('etag', asset.etag).type(asset.type);
  if (request.headers['if-none-match'] === asset.etag) return reply.code(304).send();
  return reply.send(asset.body);
}

export async function registerWebPage(app: FastifyInstance): Promise<void> {
  const fonts = fontFiles();
  const css = fontCss(fonts);
  const fontsCss = { body: css, etag: etagOf(css), type: TYPES['.css']! };
  const names = new Set((await readdir(WEB_DIR).catch(() => [] as string[])).filter((name) => TYPES[extname(name)]));

  // Read on demand and re-read when the file changes, so an edited page shows without a restart.
  const cache = new Map<string, Asset>();
  async function asset(name: string): Promise<Asset | null> {
    if (!names.has(name)) return null;
    const path = join(WEB_DIR, name);
    const info = await stat(path).catch(() => null);
    if (!info?.isFile()) return null;
    const cached = cache.get(name);
    if (cached && cached.mtimeMs === info.mtimeMs) return cached;
    const body = await readFile(path);
    const fresh = { body, etag: etagOf(body), type: TYPES[extname(name)]!, mtimeMs: info.mtimeMs };
    cache.set(name, fresh);
    return fresh;
  }

  // no-cache: the browser keeps a copy but asks (If-None-Match) each time, so an upgraded
  // tool is never paired with a stale script.
  const REVALIDATE = 'no-cache';

  app.get('/', async (request, reply) => {
    const page = await asset('index.html');
    if (!page) return reply.code(404).type('text/plain; charset=utf-8').send('web/index.html is missing from this installation');
    return send(request, reply, page, REVALIDATE);
  });

  app.get('/web/fonts.css', async (request, reply) => send(request, reply, fontsCss, REVALIDATE));

  for (const font of fonts) {
    const etag = `"${font.url.slice(font.url.lastIndexOf('/') + 1)}"`;
    app.get(font.url, async (request, reply) => {
      reply
        .headers(SECURITY_HEADERS)
        .header('cache-control', 'public, max-age=31536000, immutable')
        .header('etag', etag)
        .type(TYPES[`.${font.format}`]!);
      if (request.headers['if-none-match'] === etag) return reply.code(304).send();
      const { size } = await stat(font.path);
      reply.header('content-length', size);
      return reply.send(createReadStream(font.path));
    });
  }

  app.get<{ Params: { name: string } }>('/web/:name', async (request, reply) => {
    const found = request.params.name === 'index.html' ? null : await asset(request.params.name);
    if (!found) return reply.code(404).type('text/plain; charset=utf-8').send('Not found');
    return send(request, reply, found, REVALIDATE);
  });
}
