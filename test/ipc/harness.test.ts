import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../electron/web/harness';
import { defaultSettings } from '@shared/session/settings';
import { rawRequest, type RawResponse } from '../helpers/http';

// The harness is reachable by any page the developer has open, so these tests play that page:
// wrong token, forged Host, foreign Origin, huge and malformed bodies. Each must be refused
// with its code and leave the store as it was.

let dataDir: string;
let harness: Harness;
const key = randomBytes(32).toString('hex');

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'census-harness-'));
  harness = await startHarness({ dataDir, key, rendererDir: path.join(dataDir, 'no-renderer') });
});

afterAll(async () => {
  await harness.close();
  rmSync(dataDir, { recursive: true, force: true });
});

interface CallOptions {
  token?: string | null;
  headers?: Record<string, string>;
  body?: string | Buffer;
  method?: string;
  isChunked?: boolean;
}

function call(channel: string, opts: CallOptions = {}): Promise<RawResponse> {
  const token = opts.token === undefined ? harness.token : opts.token;
  return rawRequest({
    port: harness.port,
    method: opts.method ?? 'POST',
    path: `/api/ipc/${channel}`,
    headers: {
      'Content-Type': 'application/json',
      ...(token === null ? {} : { Authorization: `Bearer ${token}` }),
      ...opts.headers,
    },
    body: opts.body ?? '{}',
    ...(opts.isChunked ? { isChunked: true } : {}),
  });
}

const json = (r: RawResponse): unknown => JSON.parse(r.text);
const errorCode = (r: RawResponse): unknown => (json(r) as { error?: { code?: unknown } }).error?.code;

async function currentSettings(): Promise<unknown> {
  const r = await call('settings:get');
  expect(r.status).toBe(200);
  const body = json(r) as { ok: boolean; value: unknown };
  expect(body.ok).toBe(true);
  return body.value;
}

/** Runs `attempt` and checks the settings did not move. */
async function expectUnchanged(attempt: () => Promise<void>): Promise<void> {
  const before = await currentSettings();
  await attempt();
  expect(await currentSettings()).toEqual(before);
}

const hostilePatch = JSON.stringify({ input: { userName: '入侵者' } });

describe('web harness API', () => {
  it('answers a valid settings round trip through the real handlers', async () => {
    expect(await currentSettings()).toEqual(defaultSettings);
    const patch = { userName: '张三', deviceName: '沙坡头区-平板01', serverUrl: 'https://tj.example.cn', regionCode: '640502' };
    const r = await call('settings:update', { body: JSON.stringify({ input: patch }) });
    expect(r.status).toBe(200);
    expect(json(r)).toEqual({ ok: true, value: { ...defaultSettings, ...patch } });
    expect(await currentSettings()).toEqual({ ...defaultSettings, ...patch });

    const info = json(await call('app:info')) as { ok: boolean; value: { shell: string; storePath: string } };
    expect(info.ok).toBe(true);
    expect(info.value.shell).toBe('web');
    expect(info.value.storePath).toBe(harness.dbPath);
  });

  it('refuses a missing or wrong token with 401 UNAUTHORIZED', async () => {
    await expectUnchanged(async () => {
      for (const token of [null, '', 'not-hex', randomBytes(24).toString('hex'), `${harness.token}00`]) {
        const r = await call('settings:update', { token, body: hostilePatch });
        expect(r.status).toBe(401);
        expect(errorCode(r)).toBe('UNAUTHORIZED');
      }
      const basic = await call('settings:update', { token: null, body: hostilePatch, headers: { Authorization: `Basic ${harness.token}` } });
      expect(basic.status).toBe(401);
    });
  });

  it('refuses a Host that does not name this harness (DNS rebinding) with 403', async () => {
    await expectUnchanged(async () => {
      for (const host of ['evil.example', `evil.example:${harness.port}`, `127.0.0.1:${harness.port + 1}`, `0.0.0.0:${harness.port}`]) {
        const r = await call('settings:update', { body: hostilePatch, headers: { Host: host } });
        expect(r.status, host).toBe(403);
        expect(errorCode(r)).toBe('FORBIDDEN');
      }
    });
    // The static side is guarded too: a rebound page must not even read index.html.
    const page = await rawRequest({ port: harness.port, path: '/', headers: { Host: 'evil.example' } });
    expect(page.status).toBe(403);
  });

  it('accepts both loopback names for Host and Origin', async () => {
    const r = await call('settings:get', {
      headers: { Host: `localhost:${harness.port}`, Origin: `http://localhost:${harness.port}` },
    });
    expect(r.status).toBe(200);
    const same = await call('settings:get', { headers: { Origin: harness.origin } });
    expect(same.status).toBe(200);
  });

  it('refuses a foreign Origin with 403 even with the right token', async () => {
    await expectUnchanged(async () => {
      for (const origin of ['http://evil.example', 'null', `https://127.0.0.1:${harness.port}`, `http://127.0.0.1:${harness.port + 1}`]) {
        const r = await call('settings:update', { body: hostilePatch, headers: { Origin: origin } });
        expect(r.status, origin).toBe(403);
        expect(errorCode(r)).toBe('FORBIDDEN');
      }
    });
  });

  it('refuses a body over 16 MB with 413, declared or streamed', async () => {
    // 16 MB: a 10 MB import file as base64 in its envelope fits, anything much bigger does not.
    const huge = JSON.stringify({ input: { userName: 'x'.repeat(16 * 1024 * 1024) } });
    await expectUnchanged(async () => {
      const declared = await call('settings:update', { body: huge });
      expect(declared.status).toBe(413);
      expect(errorCode(declared)).toBe('INVALID_INPUT');
      const streamed = await call('settings:update', { body: huge, isChunked: true });
      expect(streamed.status).toBe(413);
    });
  });

  it('answers an unknown channel with UNKNOWN_CHANNEL', async () => {
    for (const channel of ['nope:nothing', '__proto__', 'constructor', 'settings%3Aget%00', 'settings:get/..']) {
      const r = await call(channel);
      expect(r.status, channel).toBe(200);
      expect(errorCode(r), channel).toBe('UNKNOWN_CHANNEL');
    }
  });

  it('refuses malformed bodies with 400 INVALID_INPUT and nothing changed', async () => {
    await expectUnchanged(async () => {
      for (const body of ['{"input": {"userName": "x"', 'userName=x', '[{"input":{}}]', '"input"', 'null', '{"input":{},"role":"admin"}']) {
        const r = await call('settings:update', { body });
        expect(r.status, body).toBe(400);
        expect(errorCode(r), body).toBe('INVALID_INPUT');
      }
      const form = await call('settings:update', { body: hostilePatch, headers: { 'Content-Type': 'text/plain' } });
      expect(form.status).toBe(415);
      const get = await call('settings:update', { method: 'GET', body: '' });
      expect(get.status).toBe(405);
    });
  });

  it('refuses hostile inputs through the channel schema and stores nothing', async () => {
    const hostile: unknown[] = [
      { serverUrl: 'file:///etc/passwd' },
      { serverUrl: 'javascript:alert(1)' },
      { regionCode: '64050' },
      { regionCode: '640502; DROP TABLE settings' },
      { language: 'fr' },
      { userName: 'x'.repeat(41) },
      { userName: 42 },
      { isAdmin: true },
      JSON.parse('{"__proto__": {"userName": "polluted"}}'),
      'settings',
      [],
    ];
    await expectUnchanged(async () => {
      for (const input of hostile) {
        const r = await call('settings:update', { body: JSON.stringify({ input }) });
        expect(r.status, JSON.stringify(input)).toBe(200);
        expect(errorCode(r), JSON.stringify(input)).toBe('INVALID_INPUT');
      }
    });
    expect(({} as Record<string, unknown>).userName).toBeUndefined();
  });

  it('stores SQL-looking text literally', async () => {
    const userName = "Robert'); DROP TABLE settings;--";
    const r = await call('settings:update', { body: JSON.stringify({ input: { userName } }) });
    expect(json(r)).toMatchObject({ ok: true, value: { userName } });
    expect(await currentSettings()).toMatchObject({ userName, regionCode: '640502' });
  });

  it('answers unknown API paths with 404 and no renderer with a clear 503', async () => {
    const api = await rawRequest({ port: harness.port, path: '/api/other' });
    expect(api.status).toBe(404);
    const page = await rawRequest({ port: harness.port, path: '/' });
    expect(page.status).toBe(503);
    expect(page.text).toContain('vite build --config renderer/vite.config.ts');
  });

  it('keeps settings across a restart on the same data dir', async () => {
    const before = await currentSettings();
    await harness.close();
    harness = await startHarness({ dataDir, key, rendererDir: path.join(dataDir, 'no-renderer') });
    expect(await currentSettings()).toEqual(before);
  });
});
