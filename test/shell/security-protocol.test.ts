import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  contentSecurityPolicy,
  createAppRequestHandler,
  mimeTypeFor,
  resolveAppPath,
} from '@main/shell/protocol';

// The app:// handler against a real folder laid out like out/renderer, with a secret next to it
// that no request may reach.

let base: string;
let root: string;
let handle: (request: Request) => Promise<Response>;

beforeAll(() => {
  base = mkdtempSync(path.join(tmpdir(), 'census-protocol-'));
  root = path.join(base, 'renderer');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>经普外业通</title>');
  writeFileSync(path.join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(path.join(root, 'assets', 'index-abc.css'), 'body{}');
  writeFileSync(path.join(root, 'assets', 'font.woff2'), Buffer.from([0x77, 0x4f, 0x46, 0x32]));
  writeFileSync(path.join(root, 'assets', 'blob.bin'), Buffer.from([1, 2, 3]));
  writeFileSync(path.join(base, 'secret.txt'), 'store key');
  writeFileSync(path.join(base, 'renderer-evil.txt'), 'sibling with a shared prefix');
  handle = createAppRequestHandler(root);
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

const get = (url: string, method = 'GET') => handle(new Request(url, { method }));

describe('resolveAppPath', () => {
  it('maps / to index.html and asset paths inside the root', () => {
    expect(resolveAppPath(root, 'app://census/')).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://census/assets/index-abc.js')).toBe(path.join(root, 'assets', 'index-abc.js'));
    expect(resolveAppPath(root, 'app://census/assets/a%20b.png')).toBe(path.join(root, 'assets', 'a b.png'));
  });

  it.each([
    ['an encoded backslash (a separator on Windows)', 'app://census/..%5csecret.txt'],
    ['a NUL byte', 'app://census/index.html%00.png'],
    ['malformed percent-encoding', 'app://census/%E0%A4%A'],
    ['another host', 'app://other/index.html'],
    ['another scheme', 'file:///etc/passwd'],
    ['credentials', 'app://u:p@census/index.html'],
  ])('refuses %s', (_why, url) => {
    expect(resolveAppPath(root, url)).toBeNull();
  });

  it.each([
    'app://census/../../secret.txt',
    'app://census/%2e%2e/secret.txt',
    'app://census/%2E%2E/%2e%2e/secret.txt',
    'app://census/assets/..%2f..%2f..%2fsecret.txt',
    'app://census/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
  ])('folds dot segments at the root, so %s stays inside it', (url) => {
    // Dot segments are normalised after decoding and clamp at the root: the worst case is a
    // file of the same name inside the root, which here does not exist (the handler 404s).
    expect(resolveAppPath(root, url)).toBe(path.join(root, 'secret.txt'));
  });
});

describe('createAppRequestHandler', () => {
  it('serves index.html with the CSP and no caching', async () => {
    const res = await get('app://census/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain('经普外业通');
  });

  it('serves assets with their MIME types', async () => {
    const js = await get('app://census/assets/index-abc.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await js.text()).toBe('console.log(1)');
    expect((await get('app://census/assets/index-abc.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect((await get('app://census/assets/font.woff2')).headers.get('content-type')).toBe('font/woff2');
    expect((await get('app://census/assets/blob.bin')).headers.get('content-type')).toBe('application/octet-stream');
  });

  it('answers 404 for a missing asset and for anything outside the root', async () => {
    expect((await get('app://census/assets/missing.js')).status).toBe(404);
    expect((await get('app://census/%2e%2e/secret.txt')).status).toBe(404);
    expect((await get('app://census/..%5csecret.txt')).status).toBe(404);
    expect((await get('app://census/%2e%2e/renderer-evil.txt')).status).toBe(404);
    expect((await get('app://other/index.html')).status).toBe(404);
    const notFound = await get('app://census/assets/missing.js');
    expect(notFound.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
  });

  it('falls back to index.html for client-side routes (no extension)', async () => {
    const res = await get('app://census/units/320102');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await get('app://census/assets/index-abc.js', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String('console.log(1)'.length));
    expect(await head.text()).toBe('');
    const post = await get('app://census/index.html', 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('answers 404 for every path when the renderer is not built', async () => {
    const empty = createAppRequestHandler(path.join(base, 'not-built'));
    expect((await empty(new Request('app://census/'))).status).toBe(404);
    expect((await empty(new Request('app://census/units'))).status).toBe(404);
  });
});

describe('mimeTypeFor', () => {
  it('is case-insensitive on the extension', () => {
    expect(mimeTypeFor('LOGO.PNG')).toBe('image/png');
    expect(mimeTypeFor('icon.svg')).toBe('image/svg+xml');
  });
});
