import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '@main/core';
import { dispatch } from '@main/ipc/dispatch';
import { channels } from '@shared/ipc/contract';
import { defaultSettings } from '@shared/session/settings';
import { createTempStore, dumpStore, latestRepoTag, randomKey, type TempStore } from '../helpers/store';

const ctx = { shell: 'web' } as const;
let core: Core;
beforeEach(() => {
  core = createCore({ dbPath: ':memory:', key: randomKey(), shell: 'web', appVersion: '0.1.0-test' });
  // Something to lose: a hostile call must leave it exactly as it is.
  core.handlers['settings:update']({ userName: '王小明', regionCode: '640502' }, ctx);
});
afterEach(() => core.close());

const call = (channel: string, input?: unknown) => dispatch(core.handlers, channel, input, ctx, { logError: () => {} });

const deep = (depth: number): unknown => {
  let value: unknown = 'x';
  for (let i = 0; i < depth; i += 1) value = { userName: value };
  return value;
};

describe('the real handler table behind dispatch()', () => {
  it('has a handler for every channel in the contract', () => {
    expect(Object.keys(core.handlers).sort()).toEqual([...channels].sort());
  });

  it('round-trips valid settings', async () => {
    const updated = await call('settings:update', { deviceName: ' 平板-03 ', language: 'en', serverUrl: 'https://tj.example.gov.cn' });
    const expected = {
      ...defaultSettings,
      userName: '王小明',
      regionCode: '640502',
      deviceName: '平板-03',
      language: 'en',
      serverUrl: 'https://tj.example.gov.cn',
    };
    expect(updated).toEqual({ ok: true, value: expected });
    expect(await call('settings:get')).toEqual({ ok: true, value: expected });
    expect(await call('settings:update', {})).toEqual({ ok: true, value: expected });
  });

  it('serves the overview and app info within the contract', async () => {
    const overview = await call('overview:get');
    expect(overview.ok && overview.value).toMatchObject({ units: { total: 0 }, sync: { isServerConfigured: false } });
    expect(await call('app:info')).toEqual({
      ok: true,
      value: {
        version: '0.1.0-test',
        schemaVersion: latestRepoTag(),
        shell: 'web',
        storePath: ':memory:',
        isEncrypted: false,
      },
    });
  });

  it('reports an encrypted file store in app info', async () => {
    const temp: TempStore = createTempStore();
    const fileCore = createCore({ dbPath: temp.path, key: temp.key, shell: 'electron', appVersion: '1.2.3' });
    try {
      const info = await dispatch(fileCore.handlers, 'app:info', undefined, { shell: 'electron' });
      expect(info).toEqual({
        ok: true,
        value: { version: '1.2.3', schemaVersion: latestRepoTag(), shell: 'electron', storePath: temp.path, isEncrypted: true },
      });
    } finally {
      fileCore.close();
      temp.dispose();
    }
  });

  const protoJson = JSON.parse('{"__proto__": {"isAdmin": true}, "userName": "x"}') as unknown;
  const invalid: [string, string, unknown][] = [
    ['a wrong type', 'settings:update', { userName: 42 }],
    ['null for a string', 'settings:update', { userName: null }],
    ['an extra key', 'settings:update', { userName: 'a', isAdmin: true }],
    ['a huge string', 'settings:update', { userName: 'x'.repeat(5_000_000) }],
    ['a huge region code', 'settings:update', { regionCode: '6'.repeat(1_000_000) }],
    ['a javascript: server URL', 'settings:update', { serverUrl: 'javascript:alert(1)' }],
    ['an unknown language', 'settings:update', { language: 'fr' }],
    ['a __proto__ key from JSON', 'settings:update', protoJson],
    ['a constructor.prototype payload', 'settings:update', { constructor: { prototype: { isAdmin: true } } }],
    ['deep nesting', 'settings:update', deep(10_000)],
    ['an array', 'settings:update', [{ userName: 'a' }]],
    ['a string', 'settings:update', 'userName=a'],
    ['null', 'settings:update', null],
    ['no input', 'settings:update', undefined],
    ['a number', 'settings:update', 1],
    ['NaN', 'settings:update', Number.NaN],
    ['a bigint', 'settings:update', 10n],
    ['a function', 'settings:update', () => ({ userName: 'a' })],
    ['a symbol', 'settings:update', Symbol('userName')],
    ['input to a channel that takes none', 'settings:get', { userName: 'a' }],
    ['null to a channel that takes none', 'overview:get', null],
    ['an empty object to a channel that takes none', 'app:info', {}],
  ];
  it.each(invalid)('rejects %s with INVALID_INPUT and changes nothing', async (_label, channel, input) => {
    const before = dumpStore(core.sqlite);
    const result = await call(channel, input);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('INVALID_INPUT');
    expect(dumpStore(core.sqlite)).toEqual(before);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it('names the offending field, without echoing a huge value back', async () => {
    const result = await call('settings:update', { userName: 'x'.repeat(1_000_000) });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.issues?.map((i) => i.path)).toEqual(['userName']);
    expect(JSON.stringify(result.error).length).toBeLessThan(1_000);
  });

  it.each(['settings:delete', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '', 'settings:get ', 'SETTINGS:GET'])(
    'answers UNKNOWN_CHANNEL for %j and changes nothing',
    async (channel) => {
      const before = dumpStore(core.sqlite);
      const result = await call(channel, { userName: 'a' });
      expect(!result.ok && result.error.code).toBe('UNKNOWN_CHANNEL');
      expect(dumpStore(core.sqlite)).toEqual(before);
    },
  );

  // Electron's structured clone (not JSON) can deliver these; zod would read them as empty
  // objects, so dispatch refuses anything that is not plain data.
  it.each([
    ['a Date', new Date(0)],
    ['a Map', new Map([['userName', 'a']])],
    ['a typed array', new Uint8Array([1, 2, 3])],
    ['a class instance', new (class Patch { userName = 'x'; })()],
    ['NaN inside', { userName: 'a', extra: Number.NaN }],
  ])('refuses %s with INVALID_INPUT and changes nothing', async (_label, input) => {
    const before = dumpStore(core.sqlite);
    const result = await call('settings:update', input);
    expect(!result.ok && result.error.code).toBe('INVALID_INPUT');
    expect(dumpStore(core.sqlite)).toEqual(before);
  });
});
