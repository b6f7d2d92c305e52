import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, expectTypeOf, it } from 'vitest';
import { createCore, type Core } from '@main/core';
import { registerIpc, type IpcMainLike } from '@main/ipc/register';
import { buildCensusApi, type CensusApi, type MethodName, type MethodTable } from '@shared/ipc/api-types';
import { channels, methodName, type Channel } from '@shared/ipc/contract';
import type { Result } from '@shared/result';
import type { Settings } from '@shared/session/settings';

// registerIpc against a stand-in for Electron's ipcMain, over the real handler table and an
// in-memory store with the real migrations: what a renderer frame sends is what main sees.

interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
  id: number;
}
interface FakeEvent {
  senderFrame: FakeFrame | null;
}
type Listener = (event: FakeEvent, ...args: unknown[]) => unknown;

class FakeIpcMain implements IpcMainLike<FakeEvent> {
  readonly listeners = new Map<string, Listener>();
  handle(channel: string, listener: Listener): void {
    if (this.listeners.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.listeners.set(channel, listener);
  }
  /** What ipcRenderer.invoke(channel, ...args) from `frame` would resolve to. */
  async invoke(frame: FakeFrame | null, channel: string, ...args: unknown[]): Promise<Result<unknown>> {
    const listener = this.listeners.get(channel);
    if (!listener) throw new Error(`No handler registered for '${channel}'`);
    return (await listener({ senderFrame: frame }, ...args)) as Result<unknown>;
  }
}

const ourTop: FakeFrame = { url: 'app://census/index.html', parent: null, id: 1 };
const ownFrameIds = new Set([ourTop.id]);

let core: Core;
let ipc: FakeIpcMain;
let forbidden: { channel: string; senderUrl: string | null }[];
let handlerCalls: string[];

beforeEach(() => {
  core = createCore({
    dbPath: ':memory:',
    key: randomBytes(32).toString('hex'),
    shell: 'electron',
    appVersion: '0.1.0-test',
  });
  handlerCalls = [];
  // Count real handler calls without changing what they do.
  const counted = Object.fromEntries(
    Object.entries(core.handlers).map(([channel, handler]) => [
      channel,
      (...args: unknown[]) => {
        handlerCalls.push(channel);
        return (handler as (...a: unknown[]) => unknown)(...args);
      },
    ]),
  ) as unknown as typeof core.handlers;
  ipc = new FakeIpcMain();
  forbidden = [];
  registerIpc(ipc, counted, {
    isOwnTopFrame: (frame) => ownFrameIds.has(frame.id),
    logForbidden: (channel, senderUrl) => forbidden.push({ channel, senderUrl }),
  });
});

afterEach(() => core.close());

describe('registerIpc', () => {
  it('registers exactly the contract channels', () => {
    expect([...ipc.listeners.keys()].sort()).toEqual([...channels].sort());
  });

  it('answers our own top frame with the real handler result', async () => {
    const info = await ipc.invoke(ourTop, 'app:info');
    expect(info).toMatchObject({ ok: true, value: { shell: 'electron', version: '0.1.0-test', isEncrypted: false } });

    const updated = await ipc.invoke(ourTop, 'settings:update', { userName: '  王小明 ' });
    expect(updated.ok).toBe(true);
    const settings = await ipc.invoke(ourTop, 'settings:get');
    expect(settings.ok && (settings.value as Settings).userName).toBe('王小明');
    expect(forbidden).toEqual([]);
  });

  it.each<[string, FakeFrame | null]>([
    ['a foreign page', { url: 'https://evil.example/', parent: null, id: 1 }],
    ['a look-alike origin', { url: 'app://census.evil/', parent: null, id: 1 }],
    ['about:blank', { url: 'about:blank', parent: null, id: 1 }],
    ['a subframe showing our bundle', { url: 'app://census/index.html', parent: ourTop, id: 2 }],
    ['a top frame of a window that is not ours', { url: 'app://census/index.html', parent: null, id: 99 }],
    ['a frame that is gone', null],
  ])('refuses %s with FORBIDDEN_SENDER and never calls the handler', async (_who, frame) => {
    const result = await ipc.invoke(frame, 'settings:update', { userName: 'mallory' });
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    expect(handlerCalls).toEqual([]);
    expect(forbidden).toEqual([{ channel: 'settings:update', senderUrl: frame?.url ?? null }]);
    const settings = await ipc.invoke(ourTop, 'settings:get');
    expect(settings.ok && (settings.value as Settings).userName).toBe('');
  });

  it('refuses a frame Electron can no longer read (disposed mid-call)', async () => {
    const disposed = {
      get url(): string {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
      parent: null,
      id: 1,
    };
    const result = await ipc.invoke(disposed, 'settings:get');
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    expect(handlerCalls).toEqual([]);
  });

  it('rejects bad input from our own frame with INVALID_INPUT and changes nothing', async () => {
    const result = await ipc.invoke(ourTop, 'settings:update', { userName: 'x', isAdmin: true });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(handlerCalls).toEqual([]);
  });

  it('uses only the first argument as input', async () => {
    const result = await ipc.invoke(ourTop, 'settings:update', { deviceName: '笔记本 1' }, { deviceName: 'ignored' });
    expect(result.ok && (result.value as Settings).deviceName).toBe('笔记本 1');
  });
});

describe('buildCensusApi (the preload surface)', () => {
  const table = Object.fromEntries(channels.map((c) => [c, methodName(c)])) as unknown as MethodTable;

  it('has one function per channel, named methodName(channel), bound to that channel', async () => {
    const calls: [Channel, unknown][] = [];
    const api = buildCensusApi(async (channel, input) => {
      calls.push([channel, input]);
      return { ok: true, value: null };
    }, table);
    expect(Object.keys(api).sort()).toEqual(channels.map(methodName).sort());
    for (const channel of channels) {
      const method = (api as unknown as Record<string, (input?: unknown) => Promise<unknown>>)[methodName(channel)];
      await method?.({ probe: channel });
    }
    expect(calls).toEqual(channels.map((c) => [c, { probe: c }]));
    expect(Object.isFrozen(api)).toBe(true);
    expect(api).not.toHaveProperty('invoke');
  });

  it('carries calls end to end: preload API → registered ipcMain → real handler', async () => {
    const api = buildCensusApi((channel, input) => ipc.invoke(ourTop, channel, input), table);
    const saved = await api.settingsUpdate({ regionCode: '640502' });
    expect(saved).toMatchObject({ ok: true, value: { regionCode: '640502' } });
    expect(await api.settingsGet()).toMatchObject({ ok: true, value: { regionCode: '640502' } });
  });

  it('types methods as the runtime names them', () => {
    expectTypeOf<MethodName<'settings:update'>>().toEqualTypeOf<'settingsUpdate'>();
    expectTypeOf<MethodName<'unit-changes:list-recent'>>().toEqualTypeOf<'unitChangesListRecent'>();
    expect(methodName('unit-changes:list-recent')).toBe('unitChangesListRecent');
    expectTypeOf<CensusApi['appInfo']>().parameters.toEqualTypeOf<[]>();
    expectTypeOf<Awaited<ReturnType<CensusApi['settingsGet']>>>().toEqualTypeOf<Result<Settings>>();
  });
});
