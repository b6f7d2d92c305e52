import { eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { defaultSettings, Settings, SettingsPatch } from '@shared/session/settings';
import type { AppDatabase } from '@db/open';
import { settings } from '@db/schema';

// The settings table is key → JSON value. User-facing settings use the keys of the shared
// Settings schema; internal state (sync bookkeeping) uses dotted keys that can never clash.
export const LAST_SYNC_AT_KEY = 'sync.lastSyncAt';

const settingKeys = Object.keys(Settings.shape) as (keyof Settings)[];
const isSettingKey = (key: string): key is keyof Settings => Object.hasOwn(Settings.shape, key);

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Every setting, stored values over the defaults. A stored value that no longer passes its
 * schema (hand-edited, or written by a build with looser rules) reads as the default instead
 * of making the whole app unusable; its row is left as it is, so nothing is lost.
 */
export function getSettings(db: AppDatabase): Settings {
  const rows = db.select().from(settings).where(inArray(settings.key, settingKeys)).all();
  const merged: Record<string, unknown> = { ...defaultSettings };
  for (const row of rows) {
    if (!isSettingKey(row.key)) continue;
    const parsed = Settings.shape[row.key].safeParse(parseJson(row.value));
    if (parsed.success) merged[row.key] = parsed.data;
  }
  return Settings.parse(merged);
}

/**
 * Validates `patch` (throws the ZodError of SettingsPatch if it is invalid, writing nothing),
 * writes the given keys in one transaction and returns the settings as now stored.
 */
export function updateSettings(db: AppDatabase, patch: SettingsPatch, now: Date = new Date()): Settings {
  const valid = SettingsPatch.parse(patch);
  const next = Settings.parse({ ...getSettings(db), ...valid });
  const updatedAt = now.toISOString();
  db.transaction((tx) => {
    for (const key of settingKeys) {
      if (!Object.hasOwn(valid, key)) continue;
      const value = JSON.stringify(next[key]);
      tx.insert(settings)
        .values({ key, value, updatedAt })
        .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt } })
        .run();
    }
  });
  return getSettings(db);
}

const IsoTimestamp = z.iso.datetime();

/** When the last successful sync finished (ISO-8601 UTC), or null if it never has. */
export function getLastSyncAt(db: AppDatabase): string | null {
  const row = db.select().from(settings).where(eq(settings.key, LAST_SYNC_AT_KEY)).get();
  if (!row) return null;
  const parsed = IsoTimestamp.safeParse(parseJson(row.value));
  return parsed.success ? parsed.data : null;
}

/** Records a finished sync; `at` must be `Date#toISOString()` output (compared as text). */
export function setLastSyncAt(db: AppDatabase, at: string, now: Date = new Date()): void {
  const value = JSON.stringify(IsoTimestamp.parse(at));
  const updatedAt = now.toISOString();
  db.insert(settings)
    .values({ key: LAST_SYNC_AT_KEY, value, updatedAt })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt } })
    .run();
}

/** Internal bookkeeping under a dotted key (never a user setting): the stored JSON, or null. */
export function getStateValue(db: AppDatabase, key: `${string}.${string}`): unknown {
  const row = db.select().from(settings).where(eq(settings.key, key)).get();
  return row ? (parseJson(row.value) ?? null) : null;
}

export function setStateValue(db: AppDatabase, key: `${string}.${string}`, value: unknown, now: Date = new Date()): void {
  const text = JSON.stringify(value);
  const updatedAt = now.toISOString();
  db.insert(settings)
    .values({ key, value: text, updatedAt })
    .onConflictDoUpdate({ target: settings.key, set: { value: text, updatedAt } })
    .run();
}
