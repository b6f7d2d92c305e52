import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '@main/core';
import { dispatch, type HandlerTable } from '@main/ipc/dispatch';
import { AppError } from '@shared/result';
import { randomKey } from '../helpers/store';

const ctx = { shell: 'electron' } as const;
let core: Core;
let logged: [string, unknown][];
beforeEach(() => {
  core = createCore({ dbPath: ':memory:', key: randomKey(), shell: 'electron', appVersion: '0.1.0' });
  logged = [];
});
afterEach(() => core.close());

const run = (handlers: HandlerTable, channel: string, input?: unknown) =>
  dispatch(handlers, channel, input, ctx, { logError: (c, e) => logged.push([c, e]) });

describe('dispatch()', () => {
  it('hands the handler the parsed input (trimmed), not the raw payload', async () => {
    let received: unknown;
    const handlers: HandlerTable = {
      ...core.handlers,
      'settings:update': (patch, c) => {
        received = { patch, c };
        return core.handlers['settings:update'](patch, c);
      },
    };
    await run(handlers, 'settings:update', { userName: '  李四  ' });
    expect(received).toEqual({ patch: { userName: '李四' }, c: ctx });
  });

  it('turns an AppError into its code and issues, without logging it', async () => {
    const handlers: HandlerTable = {
      ...core.handlers,
      'overview:get': () => {
        throw new AppError('RULE_VIOLATION', 'refused', [{ path: 'x', message: 'why' }]);
      },
    };
    expect(await run(handlers, 'overview:get')).toEqual({
      ok: false,
      error: { code: 'RULE_VIOLATION', message: 'refused', issues: [{ path: 'x', message: 'why' }] },
    });
    expect(logged).toEqual([]);
  });

  it('logs an unexpected failure and answers INTERNAL', async () => {
    core.sqlite.close(); // the real services now fail the way a broken store does
    const result = await run(core.handlers, 'settings:get');
    expect(!result.ok && result.error.code).toBe('INTERNAL');
    expect(logged.map(([channel]) => channel)).toEqual(['settings:get']);
  });

  it('refuses a handler result outside the contract as INTERNAL', async () => {
    const handlers: HandlerTable = {
      ...core.handlers,
      'app:info': () => ({ ...core.info, isEncrypted: 'yes' }) as unknown as typeof core.info,
    };
    const result = await run(handlers, 'app:info');
    expect(!result.ok && result.error.code).toBe('INTERNAL');
    expect(logged).toHaveLength(1);
  });
});
