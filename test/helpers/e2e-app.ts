import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { openDatabase, type AppDatabase } from '@db/open';
import { defaultDivisionDataDir, loadRegionFromData } from '@main/divisions/queries';
import { ensureRendererBuilt, startHarness, type Harness, type HarnessOptions } from '../../electron/web/harness';
import type { Channel, Input, Output } from '@shared/ipc/contract';
import type { Result } from '@shared/result';
import { launchBrowser, type TestBrowser } from './browser';

// One app for an e2e file: the loopback harness on a fresh encrypted store, the deployment's
// division codes (沙坡头区) loaded as a deployment has them (unless a file asks for none),
// Debian's chromium on it, and every console error or uncaught page error collected so a file
// can assert there were none. Files with more than one laptop open the others without a browser.

/** A channel called the way the renderer calls it, on the given harness. */
export async function callChannel<C extends Channel>(harness: Harness, channel: C, input: Input<C>): Promise<Output<C>> {
  const res = await fetch(`${harness.origin}/api/ipc/${channel}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${harness.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ input }),
  });
  const body = (await res.json()) as Result<Output<C>>;
  if (!body.ok) throw new Error(`${channel}: ${body.error.code} ${body.error.message}`);
  return body.value;
}

/** Collects a page's console errors and uncaught page errors (CSP violations land here too). */
export function collectProblems(page: Page, problems: string[]): void {
  page.on('console', (m) => {
    // The harness answers domain errors with HTTP 200; any console error is a real problem.
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
}

export interface E2eStoreOptions {
  /** Division codes loaded into the store before the browser comes; null loads none. Default '640502'. */
  region?: string | null;
  /** The laptop's sync clock and scheduler timers (a simulated day). */
  syncClock?: HarnessOptions['syncClock'];
}

/** A laptop without a browser: the harness on a fresh encrypted store in its own temp folder. */
export interface E2eLaptop {
  dataDir: string;
  harness: Harness;
  /** A channel called the way the renderer calls it, for checking what the store holds. */
  api<C extends Channel>(channel: C, input: Input<C>): Promise<Output<C>>;
  /** Runs `fn` on a second connection to the laptop's store (WAL), e.g. to put a login's session in place. */
  withStore(fn: (db: AppDatabase) => void): void;
  close(): Promise<void>;
}

export async function openE2eLaptop(prefix: string, opts: E2eStoreOptions = {}): Promise<E2eLaptop> {
  ensureRendererBuilt();
  const dataDir = mkdtempSync(path.join(tmpdir(), prefix));
  const key = randomBytes(32).toString('hex');
  const harness = await startHarness({ dataDir, key, ...(opts.syncClock ? { syncClock: opts.syncClock } : {}) });
  const region = opts.region === undefined ? '640502' : opts.region;
  // A second connection is fine: the store runs in WAL mode.
  const withStore = (fn: (db: AppDatabase) => void) => {
    const store = openDatabase(harness.dbPath, { key });
    try {
      fn(store.db);
    } finally {
      store.sqlite.close();
    }
  };
  if (region !== null) withStore((db) => loadRegionFromData(db, defaultDivisionDataDir(), region));
  return {
    dataDir,
    harness,
    api: (channel, input) => callChannel(harness, channel, input),
    withStore,
    async close() {
      await harness.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface E2eApp extends E2eLaptop {
  browser: TestBrowser;
  page: Page;
  /** Console errors and uncaught page errors, in order. */
  problems: string[];
}

export async function openE2eApp(prefix: string, opts: E2eStoreOptions & { isReducedMotion?: boolean } = {}): Promise<E2eApp> {
  const laptop = await openE2eLaptop(prefix, opts);
  let browser: TestBrowser;
  try {
    browser = await launchBrowser();
  } catch (e) {
    await laptop.close();
    throw e;
  }
  const page = browser.page;
  // Charts then draw without animation, so a screenshot shows the finished chart.
  if (opts.isReducedMotion) await page.emulateMedia({ reducedMotion: 'reduce' });
  const problems: string[] = [];
  collectProblems(page, problems);
  return {
    ...laptop,
    browser,
    page,
    problems,
    async close() {
      await browser.close();
      await laptop.close();
    },
  };
}

/**
 * The app for a whole e2e file: opened before the file's first test (and before the hooks the
 * file registers after this call), closed after its last. Its fields read the open app, so a
 * test reads them at run time, never while the file is being collected.
 */
export function useE2eApp(prefix: string, opts: Parameters<typeof openE2eApp>[1] = {}): E2eApp {
  let app: E2eApp | undefined;
  beforeAll(async () => {
    app = await openE2eApp(prefix, opts);
  });
  afterAll(async () => {
    await app?.close();
  });
  const open = (): E2eApp => {
    if (!app) throw new Error(`The e2e app (${prefix}) is not open: use it inside a hook or test.`);
    return app;
  };
  return {
    get dataDir() {
      return open().dataDir;
    },
    get harness() {
      return open().harness;
    },
    get browser() {
      return open().browser;
    },
    get page() {
      return open().page;
    },
    get problems() {
      return open().problems;
    },
    api: (channel, input) => open().api(channel, input),
    withStore: (fn) => open().withStore(fn),
    close: () => open().close(),
  };
}
