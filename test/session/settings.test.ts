import { ZodError } from 'zod';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '@db/open';
import { getLastSyncAt, getSettings, LAST_SYNC_AT_KEY, setLastSyncAt, updateSettings } from '@main/session/settings-queries';
import { settings } from '@db/schema';
import { defaultSettings, type SettingsPatch } from '@shared/session/settings';
import { dumpStore, openMemoryStore } from '../helpers/store';

let store: OpenedDatabase;
beforeEach(() => {
  store = openMemoryStore();
});
afterEach(() => store.sqlite.close());

describe('settings queries', () => {
  it('reads the defaults from an empty store', () => {
    expect(getSettings(store.db)).toEqual(defaultSettings);
  });

  it('writes only the patched keys and returns the merged, trimmed settings', () => {
    const next = updateSettings(store.db, { userName: '  王小明 ', regionCode: '640502' });
    expect(next).toEqual({ ...defaultSettings, userName: '王小明', regionCode: '640502' });
    expect(getSettings(store.db)).toEqual(next);
    const keys = store.db.select({ key: settings.key }).from(settings).all().map((r) => r.key);
    expect(keys.sort()).toEqual(['regionCode', 'userName']);

    updateSettings(store.db, { language: 'en' });
    expect(getSettings(store.db)).toEqual({ ...next, language: 'en' });
  });

  it.each<[string, unknown]>([
    ['a bad region code', { regionCode: '64050' }],
    ['a file: server URL', { serverUrl: 'file:///etc/passwd' }],
    ['an unknown key', { isAdmin: true }],
    ['a wrong type', { userName: 42 }],
  ])('rejects %s and writes nothing', (_label, patch) => {
    updateSettings(store.db, { userName: 'kept' });
    const before = dumpStore(store.sqlite);
    expect(() => updateSettings(store.db, patch as SettingsPatch)).toThrow(ZodError);
    expect(dumpStore(store.sqlite)).toEqual(before);
  });

  it('reads a stored value that no longer validates as its default, keeping the row', () => {
    store.db.insert(settings).values({ key: 'regionCode', value: '"not-a-code"', updatedAt: 'x' }).run();
    store.db.insert(settings).values({ key: 'userName', value: '{broken json', updatedAt: 'x' }).run();
    store.db.insert(settings).values({ key: 'deviceName', value: '"平板01"', updatedAt: 'x' }).run();
    expect(getSettings(store.db)).toEqual({ ...defaultSettings, deviceName: '平板01' });
    expect(store.db.select().from(settings).all()).toHaveLength(3);
  });

  it('keeps sync bookkeeping apart from user settings', () => {
    expect(getLastSyncAt(store.db)).toBeNull();
    setLastSyncAt(store.db, '2025-03-01T08:00:00.000Z');
    setLastSyncAt(store.db, '2025-03-02T08:00:00.000Z');
    expect(getLastSyncAt(store.db)).toBe('2025-03-02T08:00:00.000Z');
    expect(getSettings(store.db)).toEqual(defaultSettings);
    expect(() => setLastSyncAt(store.db, 'yesterday')).toThrow(ZodError);
    const row = store.db.select().from(settings).all().find((r) => r.key === LAST_SYNC_AT_KEY);
    expect(row?.value).toBe('"2025-03-02T08:00:00.000Z"');
  });
});
