import { createHash, createDecipheriv, createHmac, pbkdf2Sync } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { StoreOpenError, type StoreOpenErrorCode } from '@shared/node/sqlite/errors';
import { openDatabase, type AppDatabase } from '@db/open';
import { settings, unitChanges, units } from '@db/schema';
import {
  copyMigrations,
  createTempStore,
  dumpStore,
  latestRepoTag,
  openMemoryStore,
  randomKey,
  repoMigrations,
  type ExtraMigration,
  type TempStore,
} from '../helpers/store';

const MARKER = '沙坡头区PLAINTEXT-MARKER-7f3a';
const NOW = '2025-01-02T03:04:05.000Z';

let store: TempStore;
const tempFolders: string[] = [];
afterEach(() => {
  store?.dispose();
  for (const dir of tempFolders.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});
const migrations = (...extra: ExtraMigration[]) => {
  const dir = copyMigrations(extra);
  tempFolders.push(dir);
  return dir;
};

function seed(db: AppDatabase): void {
  db.insert(settings).values({ key: 'userName', value: JSON.stringify(MARKER), updatedAt: NOW }).run();
  db.insert(units)
    .values({
      id: 'u1',
      areaCode: '640502001001001',
      kind: 'legal',
      name: MARKER,
      source: 'frame',
      createdAt: NOW,
      updatedAt: NOW,
    })
    .run();
  db.insert(unitChanges)
    .values({ unitId: 'u1', at: NOW, userName: 'a', deviceName: 'd', action: 'create', changes: '[]' })
    .run();
}

/**
 * Hashes of the store file and its WAL, to prove an operation wrote nothing. The -shm file is
 * left out: it is SQLite's shared-memory index, rebuilt from the WAL by any reader.
 */
function fileBytes(storePath: string): Record<string, string> {
  return Object.fromEntries(
    ['', '-wal']
      .filter((suffix) => fs.existsSync(storePath + suffix))
      .map((suffix) => [suffix, createHash('sha256').update(fs.readFileSync(storePath + suffix)).digest('hex')]),
  );
}

function expectOpenError(fn: () => unknown, code: StoreOpenErrorCode): StoreOpenError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(StoreOpenError);
    const error = e as StoreOpenError;
    expect(error.code).toBe(code);
    return error;
  }
  throw new Error(`expected StoreOpenError ${code}`);
}

// Test-only migrations are appended after the repo's newest one, whatever that is.
const repoTags = repoMigrations().map((m) => m.tag);
const latest = latestRepoTag();
const addNote = { tag: 'test_unit_note', statements: ["ALTER TABLE `units` ADD `note` text DEFAULT '' NOT NULL;"] };

describe('openDatabase: fresh stores', () => {
  it('applies the real migrations to an in-memory store', () => {
    const { sqlite, migrated, backupPath, schemaVersion } = openMemoryStore();
    expect(migrated).toEqual(repoTags);
    expect(schemaVersion).toBe(latest);
    expect(backupPath).toBeNull();
    const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['settings', 'units', 'unit_changes', 'enterprises']));
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    sqlite.close();
  });

  it('creates an encrypted WAL store file with the agreed pragmas, and reopens it without migrating', () => {
    store = createTempStore();
    const first = store.open();
    expect(first.migrated).toEqual(repoTags);
    expect(first.backupPath).toBeNull();
    expect(first.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(first.sqlite.pragma('synchronous', { simple: true })).toBe(2); // FULL (db/open.ts says why)
    expect(first.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(first.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(first.sqlite.pragma('cipher', { simple: true })).toBe('sqlcipher');
    first.sqlite.close();

    const again = store.open();
    expect(again.migrated).toEqual([]);
    expect(again.backupPath).toBeNull();
    expect(again.schemaVersion).toBe(latest);
    expect(fs.existsSync(path.join(store.dir, 'backups'))).toBe(false);
  });

  it('keeps plaintext out of the store file and its WAL', () => {
    store = createTempStore();
    const { sqlite, db } = store.open();
    seed(db);
    const needle = Buffer.from(MARKER, 'utf8');
    // While open the rows sit in the WAL; after close they are checkpointed into the file.
    expect(fs.readFileSync(`${store.path}-wal`).includes(needle)).toBe(false);
    sqlite.close();
    expect(fs.readFileSync(store.path).includes(needle)).toBe(false);
    expect(fs.readFileSync(store.path).includes(Buffer.from('SQLite format 3'))).toBe(false);
    expect(store.open().db.select().from(units).get()?.name).toBe(MARKER);
  });

  it('writes the standard SQLCipher 4 page format, so stock SQLCipher tools can open it with the raw key', () => {
    store = createTempStore();
    store.open().sqlite.close();
    const page = fs.readFileSync(store.path).subarray(0, 4096);
    const key = Buffer.from(store.key, 'hex');
    // SQLCipher 4: 16-byte salt, AES-256-CBC body, 80 reserved bytes = 16-byte IV + HMAC-SHA512.
    const iv = page.subarray(4096 - 80, 4096 - 64);
    const decipher = createDecipheriv('aes-256-cbc', key, iv).setAutoPadding(false);
    const header = Buffer.concat([decipher.update(page.subarray(16, 4096 - 80)), decipher.final()]);
    expect(header.readUInt16BE(0)).toBe(4096); // page size at header offset 16
    expect(header[4]).toBe(80); // reserved bytes per page at offset 20
    const hmacKey = pbkdf2Sync(key, Buffer.from(page.subarray(0, 16).map((b) => b ^ 0x3a)), 2, 32, 'sha512');
    const mac = createHmac('sha512', hmacKey).update(page.subarray(16, 4096 - 64)).update(Buffer.from([1, 0, 0, 0]));
    expect(mac.digest().equals(page.subarray(4096 - 64))).toBe(true);
    // Sanity of the check itself: the same decryption with another key yields no header.
    const wrong = createDecipheriv('aes-256-cbc', Buffer.alloc(32, 1), iv).setAutoPadding(false);
    expect(wrong.update(page.subarray(16, 32)).readUInt16BE(0)).not.toBe(4096);
  });
});

describe('openDatabase: refusing what it must not open, changing nothing', () => {
  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['not 64 hex characters', 'abc'],
    ['an injection attempt', `${'a'.repeat(62)}'"`],
  ])('refuses a %s key before touching the disk', (_label, key) => {
    store = createTempStore();
    expectOpenError(() => openDatabase(store.path, { key }), 'KEY_MISSING');
    expect(fs.existsSync(store.path)).toBe(false);
    expectOpenError(() => openDatabase(':memory:', { key }), 'KEY_MISSING');
  });

  it('refuses a wrong key and leaves the file and its live WAL byte-for-byte unchanged', () => {
    store = createTempStore();
    const { db, sqlite } = store.open();
    seed(db); // left in the WAL: the first connection stays open
    const before = fileBytes(store.path);
    expect(Object.keys(before)).toEqual(['', '-wal']);
    expectOpenError(() => store.open({ key: randomKey() }), 'WRONG_KEY');
    expect(fileBytes(store.path)).toEqual(before);

    // As after a crash: the WAL holds committed rows and no connection is open on the copy.
    const crashed = path.join(store.dir, 'crashed.db');
    for (const suffix of ['', '-wal', '.keycheck']) fs.copyFileSync(store.path + suffix, crashed + suffix);
    const crashedBefore = fileBytes(crashed);
    expectOpenError(() => openDatabase(crashed, { key: randomKey() }), 'WRONG_KEY');
    expect(fileBytes(crashed)).toEqual(crashedBefore);
    const recovered = openDatabase(crashed, { key: store.key });
    expect(recovered.db.select().from(units).all()).toHaveLength(1);
    recovered.sqlite.close();
    sqlite.close();

    const closed = fileBytes(store.path);
    expectOpenError(() => store.open({ key: randomKey() }), 'WRONG_KEY');
    expect(fileBytes(store.path)).toEqual(closed);
    expect(store.open().db.select().from(units).all()).toHaveLength(1);
  });

  it('refuses a plaintext SQLite file without encrypting or changing it', () => {
    store = createTempStore();
    const plain = new Database(store.path);
    plain.exec(`CREATE TABLE t(x); INSERT INTO t VALUES ('${MARKER}')`);
    plain.close();
    const before = fileBytes(store.path);
    expectOpenError(() => store.open(), 'NOT_A_DATABASE');
    expect(fileBytes(store.path)).toEqual(before);
  });

  it('refuses a file that is not a database at all as damaged, never as a new store', () => {
    store = createTempStore();
    fs.writeFileSync(store.path, `census notes ${MARKER}\n`.repeat(10));
    const before = fileBytes(store.path);
    expect(expectOpenError(() => store.open(), 'DAMAGED').damage).toBe('incomplete');
    expect(fileBytes(store.path)).toEqual(before);
  });

  it('refuses a store whose applied migration was edited afterwards', () => {
    store = createTempStore();
    store.open().sqlite.close();
    const edited = migrations();
    fs.appendFileSync(path.join(edited, '0000_foundation.sql'), '\n-- tidied up\n');
    const before = fileBytes(store.path);
    const error = expectOpenError(() => store.open({ migrationsFolder: edited }), 'EDITED_MIGRATION');
    expect(error.message).toContain('0000_foundation');
    expect(fileBytes(store.path)).toEqual(before);
  });

  it('refuses a journal that gained a migration older than the store’s newest', () => {
    store = createTempStore();
    const newest = repoMigrations().at(-1)!.when;
    store.open({ migrationsFolder: migrations({ ...addNote, when: newest + 1000 }) }).sqlite.close();
    const inserted = migrations(
      { tag: 'test_between', statements: ['CREATE TABLE `late` (`id` text PRIMARY KEY NOT NULL);'], when: newest + 500 },
      { ...addNote, when: newest + 1000 },
    );
    expectOpenError(() => store.open({ migrationsFolder: inserted }), 'EDITED_MIGRATION');
  });

  it('refuses a store migrated by a newer build instead of migrating it down', () => {
    store = createTempStore();
    const newer = store.open({ migrationsFolder: migrations(addNote) });
    expect(newer.schemaVersion).toBe('test_unit_note');
    seed(newer.db);
    newer.sqlite.close();
    const before = fileBytes(store.path);
    const error = expectOpenError(() => store.open(), 'STORE_TOO_NEW');
    expect(error.message).toMatch(/newer version/);
    expect(fileBytes(store.path)).toEqual(before);
  });
});

describe('openDatabase: migrating a store that holds data', () => {
  it('backs the file up, applies the new migration and keeps every row', () => {
    store = createTempStore();
    const v0 = store.open();
    seed(v0.db);
    const rowsBefore = dumpStore(v0.sqlite);
    v0.sqlite.close();

    const v1 = store.open({ migrationsFolder: migrations(addNote) });
    expect(v1.migrated).toEqual(['test_unit_note']);
    expect(v1.schemaVersion).toBe('test_unit_note');
    expect(v1.backupPath).toMatch(/[/\\]backups[/\\]census-\d{8}T\d{9}Z-before-test_unit_note\.db$/);
    const after = dumpStore(v1.sqlite);
    expect(after.units).toEqual(rowsBefore.units!.map((u) => ({ ...(u as object), note: '' })));
    expect(after.settings).toEqual(rowsBefore.settings);
    expect(after.unit_changes).toEqual(rowsBefore.unit_changes);

    // The backup is the encrypted store as it was: same key, old schema, same rows.
    const backup = openDatabase(v1.backupPath!, { key: store.key });
    expect(backup.migrated).toEqual([]);
    expect(dumpStore(backup.sqlite)).toEqual(rowsBefore);
    backup.sqlite.close();
    expect(fs.readFileSync(v1.backupPath!).includes(Buffer.from(MARKER))).toBe(false);
  });

  it('rolls a failing migration back entirely, keeps the data and reports the backup', () => {
    store = createTempStore();
    const v0 = store.open();
    seed(v0.db);
    const rowsBefore = dumpStore(v0.sqlite);
    v0.sqlite.close();

    const broken = migrations({
      tag: 'test_broken',
      statements: [
        'CREATE TABLE `half_done` (`id` text PRIMARY KEY NOT NULL);',
        'INSERT INTO `no_such_table` VALUES (1);',
      ],
    });
    const error = expectOpenError(() => store.open({ migrationsFolder: broken }), 'MIGRATION_FAILED');
    expect(error.backupPath).toBeDefined();
    expect(fs.existsSync(error.backupPath!)).toBe(true);
    expect(error.message).toContain(error.backupPath!);

    const reopened = store.open();
    expect(reopened.migrated).toEqual([]);
    expect(dumpStore(reopened.sqlite)).toEqual(rowsBefore); // no half_done table, no bookkeeping row
  });

  it('applies all pending migrations in one transaction: a later failure undoes the earlier ones', () => {
    store = createTempStore();
    store.open().sqlite.close();
    const folder = migrations(addNote, { tag: 'test_broken', statements: ['INSERT INTO `no_such_table` VALUES (1);'] });
    expectOpenError(() => store.open({ migrationsFolder: folder }), 'MIGRATION_FAILED');
    const reopened = store.open();
    expect(reopened.schemaVersion).toBe(latest);
    const columns = reopened.sqlite.pragma('table_info(units)') as { name: string }[];
    expect(columns.map((c) => c.name)).not.toContain('note');
  });

  it('rebuilds a referenced table the way drizzle-kit does without tripping foreign keys', () => {
    store = createTempStore();
    const v0 = store.open();
    seed(v0.db);
    // Rebuild the table as it is now, with every column it has now.
    const ddl = v0.sqlite.prepare("SELECT sql FROM sqlite_master WHERE name = 'units'").pluck().get() as string;
    const unitsDdl = `${ddl.replace('`units`', '`__new_units`')};`;
    const info = v0.sqlite.pragma('table_info(units)') as { name: string }[];
    const columns = info.map((c) => `\`${c.name}\``).join(', ');
    v0.sqlite.close();
    const rebuild = migrations({
      tag: 'test_rebuild_units',
      statements: [
        'PRAGMA foreign_keys=OFF;',
        unitsDdl,
        `INSERT INTO \`__new_units\`(${columns}) SELECT ${columns} FROM \`units\`;`,
        'DROP TABLE `units`;',
        'ALTER TABLE `__new_units` RENAME TO `units`;',
        'PRAGMA foreign_keys=ON;',
        'CREATE INDEX `units_area_idx` ON `units` (`area_code`);',
      ],
    });
    const v1 = store.open({ migrationsFolder: rebuild });
    expect(v1.migrated).toEqual(['test_rebuild_units']);
    expect(v1.db.select().from(units).all()).toHaveLength(1);
    expect(v1.sqlite.pragma('foreign_key_check')).toEqual([]);
    expect(v1.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('keeps only the newest five backups of a store', () => {
    store = createTempStore();
    store.open().sqlite.close();
    const backups = path.join(store.dir, 'backups');
    fs.mkdirSync(backups);
    const old = ['20240101', '20240201', '20240301', '20240401', '20240501'].map((d) => `${d}T000000000Z`);
    for (const stamp of old) fs.writeFileSync(path.join(backups, `census-${stamp}-before-0000_x.db`), '');
    fs.writeFileSync(path.join(backups, 'other-20230101T000000000Z-before-0000_x.db'), '');

    const { backupPath } = store.open({ migrationsFolder: migrations(addNote) });
    const left = fs.readdirSync(backups).sort();
    expect(left).toHaveLength(6);
    expect(left).toContain(path.basename(backupPath!));
    expect(left).toContain('other-20230101T000000000Z-before-0000_x.db'); // another store's backups are not ours to prune
    expect(left).not.toContain('census-20240101T000000000Z-before-0000_x.db');
  });
});
