import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../electron/web/harness';
import { contentSecurityPolicy } from '../../electron/web/static-files';
import { rawRequest } from '../helpers/http';

let root: string;
let rendererDir: string;
let harness: Harness;
const indexHtml = '<!doctype html><title>census</title><div id="root"></div>';

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'census-harness-static-'));
  rendererDir = path.join(root, 'renderer');
  mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(path.join(rendererDir, 'index.html'), indexHtml);
  writeFileSync(path.join(rendererDir, 'assets', 'app-1a2b.js'), 'console.log(1);');
  writeFileSync(path.join(rendererDir, 'assets', 'app-1a2b.css'), 'body{}');
  // A secret beside the renderer folder: traversal attempts aim at it.
  writeFileSync(path.join(root, 'secret.txt'), 'TOP-SECRET');
  harness = await startHarness({ dataDir: path.join(root, 'data'), key: randomBytes(32).toString('hex'), rendererDir });
});

afterAll(async () => {
  await harness.close();
  rmSync(root, { recursive: true, force: true });
});

const get = (p: string) => rawRequest({ port: harness.port, path: p });

describe('web harness static files', () => {
  it('serves index.html with the strict CSP and no caching', async () => {
    const r = await get('/?token=abc');
    expect(r.status).toBe(200);
    expect(r.text).toBe(indexHtml);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.headers['content-security-policy']).toBe(contentSecurityPolicy);
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['referrer-policy']).toBe('no-referrer');
    expect(r.headers['cache-control']).toBe('no-store');
  });

  it('serves assets with their MIME types', async () => {
    const js = await get('/assets/app-1a2b.js');
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    const css = await get('/assets/app-1a2b.css');
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
  });

  it('falls back to index.html for app routes but 404s a missing asset', async () => {
    const route = await get('/settings');
    expect(route.status).toBe(200);
    expect(route.text).toBe(indexHtml);
    expect((await get('/assets/missing.js')).status).toBe(404);
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const p of ['/../secret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/..%5csecret.txt', '/%00', '/%E0%A4%A']) {
      const r = await get(p);
      expect(r.text, p).not.toContain('TOP-SECRET');
      expect([200, 400, 404], p).toContain(r.status);
    }
    // An absolute-form target is not a path at all.
    const absolute = await get(`http://127.0.0.1:${harness.port}/../secret.txt`);
    expect(absolute.status).toBe(400);
  });

  it('refuses writes to static paths', async () => {
    const r = await rawRequest({ port: harness.port, method: 'POST', path: '/index.html', body: 'x' });
    expect(r.status).toBe(405);
  });
});

describe('web harness development key', () => {
  it('generates a key per data dir once, warns loudly, and reuses it', async () => {
    const dataDir = path.join(root, 'dev-data');
    const saved = process.env.CENSUS_DB_KEY;
    delete process.env.CENSUS_DB_KEY;
    try {
      const warnings: string[] = [];
      const first = await startHarness({ dataDir, rendererDir, warn: (m) => warnings.push(m) });
      await first.close();
      const keyFile = path.join(dataDir, 'dev-key.txt');
      expect(existsSync(keyFile)).toBe(true);
      expect(statSync(keyFile).mode & 0o077).toBe(0);
      const key = readFileSync(keyFile, 'utf8').trim();
      expect(key).toMatch(/^[0-9a-f]{64}$/);
      expect(warnings[0]).toContain('DEVELOPMENT HARNESS');

      // Same data dir: same key, so the encrypted store opens again.
      const second = await startHarness({ dataDir, rendererDir, warn: (m) => warnings.push(m) });
      await second.close();
      expect(readFileSync(keyFile, 'utf8').trim()).toBe(key);
      expect(warnings).toHaveLength(2);
    } finally {
      if (saved !== undefined) process.env.CENSUS_DB_KEY = saved;
    }
  });

  it('prefers CENSUS_DB_KEY and then writes no key file', async () => {
    const dataDir = path.join(root, 'env-data');
    const saved = process.env.CENSUS_DB_KEY;
    process.env.CENSUS_DB_KEY = randomBytes(32).toString('hex');
    try {
      const warnings: string[] = [];
      const h = await startHarness({ dataDir, rendererDir, warn: (m) => warnings.push(m) });
      await h.close();
      expect(existsSync(path.join(dataDir, 'dev-key.txt'))).toBe(false);
      expect(warnings).toEqual([]);
    } finally {
      if (saved === undefined) delete process.env.CENSUS_DB_KEY;
      else process.env.CENSUS_DB_KEY = saved;
    }
  });
});
