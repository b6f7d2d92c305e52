import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DAILY_BACKUPS_KEPT, listBackups, takeDailyBackup } from '@shared/node/sqlite/backup';
import { openDatabase } from '@db/open';
import { settings } from '@db/schema';
import { createTempStore, dumpStore, randomKey, type TempStore } from '../helpers/store';

// The rolling daily copy the start-up screen offers when the store is damaged: sealed with the
// store's key, a consistent snapshot taken while the app runs, one a day, a few kept.

const MARKER = '沙坡头区DAILY-BACKUP-MARKER';
const hours = (n: number) => n * 60 * 60 * 1000;

let store: TempStore;
afterEach(() => store?.dispose());

const backupDir = () => path.join(store.dir, 'backups');

describe('takeDailyBackup', () => {
  it('copies the open store, rows still in its WAL included, encrypted with the same key', () => {
    store = createTempStore();
    const { db, sqlite } = store.open();
    db.insert(settings).values({ key: 'userName', value: JSON.stringify(MARKER), updatedAt: 'now' }).run();
    expect(fs.statSync(`${store.path}-wal`).size).toBeGreaterThan(0);

    const file = takeDailyBackup(sqlite, store.path, backupDir(), new Date('2025-03-01T08:00:00Z'));
    expect(file).toBe(path.join(backupDir(), 'census-20250301T080000000Z-daily.db'));
    const bytes = fs.readFileSync(file!);
    expect(bytes.includes(Buffer.from(MARKER))).toBe(false);
    expect(bytes.includes(Buffer.from('SQLite format 3'))).toBe(false);
    expect(fs.readdirSync(backupDir())).toEqual(['census-20250301T080000000Z-daily.db']); // no .partial left

    const copy = openDatabase(file!, { key: store.key });
    expect(dumpStore(copy.sqlite)).toEqual(dumpStore(sqlite));
    copy.sqlite.close();
    expect(() => openDatabase(file!, { key: randomKey() })).toThrow(/not the key|cannot be read/);
  });

  it('takes one a day and keeps the newest few, leaving pre-migration copies alone', () => {
    store = createTempStore();
    const { sqlite } = store.open();
    fs.mkdirSync(backupDir());
    const premigration = 'census-20240101T000000000Z-before-0001_x.db';
    fs.writeFileSync(path.join(backupDir(), premigration), '');
    const start = Date.parse('2025-03-01T08:00:00Z');

    expect(takeDailyBackup(sqlite, store.path, backupDir(), new Date(start))).not.toBeNull();
    expect(takeDailyBackup(sqlite, store.path, backupDir(), new Date(start + hours(19)))).toBeNull();
    for (let day = 1; day <= 4; day++) {
      expect(takeDailyBackup(sqlite, store.path, backupDir(), new Date(start + day * hours(21)))).not.toBeNull();
    }
    const daily = listBackups(store.path, backupDir()).filter((b) => b.kind === 'daily');
    expect(daily).toHaveLength(DAILY_BACKUPS_KEPT);
    expect(daily[0]?.takenAt).toBe(new Date(start + 4 * hours(21)).toISOString());
    expect(fs.existsSync(path.join(backupDir(), premigration))).toBe(true);
  });

  it('is not held off by a copy stamped in the future (a clock that was set back)', () => {
    store = createTempStore();
    const { sqlite } = store.open();
    expect(takeDailyBackup(sqlite, store.path, backupDir(), new Date('2030-01-01T00:00:00Z'))).not.toBeNull();
    expect(takeDailyBackup(sqlite, store.path, backupDir(), new Date('2025-03-01T08:00:00Z'))).not.toBeNull();
  });
});
