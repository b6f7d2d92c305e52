import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

// Debian's chromium, driven by playwright-core (no browser download on this machine or in CI).
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const screenshotDir = path.resolve('test-results', 'screenshots');

export interface TestBrowser {
  context: BrowserContext;
  page: Page;
  /** Saves test-results/screenshots/<name>.png (full page) and returns its path. */
  screenshot(name: string): Promise<string>;
  /** Closes chromium and deletes its profile. */
  close(): Promise<void>;
}

/**
 * Each launch gets its own fresh profile folder, so no state (storage, cache, cookies) leaks
 * between specs — the isolation Bruno's e2e suite relies on.
 */
export async function launchBrowser(opts: { locale?: string } = {}): Promise<TestBrowser> {
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'census-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: chromiumPath,
      args: chromiumArgs,
      headless: true,
      locale: opts.locale ?? 'zh-CN',
      viewport: { width: 1280, height: 800 },
    });
  } catch (e) {
    rmSync(userDataDir, { recursive: true, force: true });
    throw e;
  }
  const page = context.pages()[0] ?? (await context.newPage());
  mkdirSync(screenshotDir, { recursive: true });
  return {
    context,
    page,
    async screenshot(name) {
      const file = path.join(screenshotDir, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
    async close() {
      try {
        await context.close();
      } finally {
        rmSync(userDataDir, { recursive: true, force: true });
      }
    },
  };
}
