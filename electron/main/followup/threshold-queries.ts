import { eq } from 'drizzle-orm';
import { defaultDirectorySettings, DirectorySettings, DirectorySettingsPatch } from '@shared/followup/thresholds';
import type { AppDatabase } from '@db/open';
import { settings } from '@db/schema';

// 入规纳统 working settings (shares, growth rate, tolerance) in the settings table under one
// dotted key, so they never clash with the user-facing settings keys.
export const DIRECTORY_SETTINGS_KEY = 'directory.settings';

/** Stored values over the defaults; a stored value that no longer fits reads as its default. */
export function getDirectorySettings(db: Pick<AppDatabase, 'select'>): DirectorySettings {
  const row = db.select().from(settings).where(eq(settings.key, DIRECTORY_SETTINGS_KEY)).get();
  if (!row) return defaultDirectorySettings;
  let stored: unknown;
  try {
    stored = JSON.parse(row.value);
  } catch {
    return defaultDirectorySettings;
  }
  const out: Record<string, unknown> = { ...defaultDirectorySettings };
  if (typeof stored === 'object' && stored !== null) {
    for (const [key, schema] of Object.entries(DirectorySettings.shape)) {
      const parsed = schema.safeParse((stored as Record<string, unknown>)[key]);
      if (parsed.success) out[key] = parsed.data;
    }
  }
  return DirectorySettings.parse(out);
}

export function updateDirectorySettings(db: Pick<AppDatabase, 'select' | 'insert'>, patch: DirectorySettingsPatch, at: string): DirectorySettings {
  const next = DirectorySettings.parse({ ...getDirectorySettings(db), ...DirectorySettingsPatch.parse(patch) });
  const value = JSON.stringify(next);
  db.insert(settings)
    .values({ key: DIRECTORY_SETTINGS_KEY, value, updatedAt: at })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: at } })
    .run();
  return next;
}
