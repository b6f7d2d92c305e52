import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { openDatabase } from '../../db/open';
import { defaultDivisionDataDir, loadRegionFromData } from '../../db/queries/divisions';
import { ensureRendererBuilt, startHarness, type Harness } from '../../electron/web/harness';
import type { Channel, Input, Output } from '../../shared/ipc/contract';
import type { Result } from '../../shared/result';
import { launchBrowser, type TestBrowser } from './browser';

// One app for an e2e file: the loopback harness on a fresh encrypted store, the deployment's
// division codes (沙坡头区) loaded as a deployment has them, Debian's chromium on it, and every
// console error or uncaught page error collected so a file can assert there were none.

export interface E2eApp {
  dataDir: string;
  harness: Harness;
  browser: TestBrowser;
  page: Page;
  /** Console errors and uncaught page errors, in order. */
  problems: string[];
  /** A channel called the way the renderer calls it, for checking what the store holds. */
  api<C extends Channel>(channel: C, input: Input<C>): Promise<Output<C>>;
  close(): Promise<void>;
}

export async function openE2eApp(prefix: string, opts: { isReducedMotion?: boolean } = {}): Promise<E2eApp> {
  ensureRendererBuilt();
  const dataDir = mkdtempSync(path.join(tmpdir(), prefix));
  const key = randomBytes(32).toString('hex');
  const harness = await startHarness({ dataDir, key });
  // A second connection is fine: the store runs in WAL mode.
  const store = openDatabase(harness.dbPath, { key });
  try {
    loadRegionFromData(store.db, defaultDivisionDataDir(), '640502');
  } finally {
    store.sqlite.close();
  }
  const browser = await launchBrowser();
  const page = browser.page;
  // Charts then draw without animation, so a screenshot shows the finished chart.
  if (opts.isReducedMotion) await page.emulateMedia({ reducedMotion: 'reduce' });
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));

  async function api<C extends Channel>(channel: C, input: Input<C>): Promise<Output<C>> {
    const res = await fetch(`${harness.origin}/api/ipc/${channel}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${harness.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ input }),
    });
    const body = (await res.json()) as Result<Output<C>>;
    if (!body.ok) throw new Error(`${channel}: ${body.error.code} ${body.error.message}`);
    return body.value;
  }

  return {
    dataDir,
    harness,
    browser,
    page,
    problems,
    api,
    async close() {
      await browser.close();
      await harness.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
