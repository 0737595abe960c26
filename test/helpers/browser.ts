/**
 * A real headless Chromium (Debian's `chromium` package) driven by playwright-core. The flags
 * keep it off the network: on a closed machine its background services (updates, sync,
 * QUIC probes) otherwise stall or fail, and a test must never depend on the outside world.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM_PATH = process.env.QC_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Why the browser tests cannot run here, or null when they can. */
export function chromiumUnavailable(): string | null {
  return existsSync(CHROMIUM_PATH) ? null : `${CHROMIUM_PATH} not found (install Debian's "chromium" package; .ci/run does)`;
}

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A fresh profile each time, so no earlier run's state (storage, cache) leaks in. */
export async function launchBrowser(viewport = { width: 1366, height: 768 }): Promise<Browser> {
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'qcredit-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
    locale: 'zh-CN',
    // Instant scrolling, so a screenshot never catches the page mid-scroll.
    reducedMotion: 'reduce',
    acceptDownloads: true,
  });
  return {
    context,
    async close() {
      await context.close().catch(() => undefined);
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
