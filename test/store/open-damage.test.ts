import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { takeDailyBackup } from '@shared/node/sqlite/backup';
import { StoreOpenError, type StoreOpenErrorCode } from '@shared/node/sqlite/errors';
import { keyCheckPath } from '@db/key-check';
import type { AppDatabase } from '@db/open';
import { units } from '@db/schema';
import { createTempStore, randomKey, type TempStore } from '../helpers/store';

// A store file damaged on disk (a 0-byte file after a failed copy, a file cut short by a full
// disk, a flipped bit) must never open as a new empty store or open silently, and damage must
// not be reported as a wrong key. Each case checks the file is left byte-for-byte as it was.

const PAGE = 4096;
const NOW = '2025-01-02T03:04:05.000Z';

let store: TempStore;
afterEach(() => store?.dispose());

function seedUnits(db: AppDatabase, count: number): void {
  for (let i = 0; i < count; i++) {
    db.insert(units)
      .values({
        id: `u${i}`,
        areaCode: '640502001001001',
        kind: i % 2 === 0 ? 'legal' : 'individual',
        name: `沙坡头区第${i}号单位`,
        source: 'frame',
        createdAt: NOW,
        updatedAt: NOW,
      })
      .run();
  }
}

/** A closed store with `count` units: one file, the WAL checkpointed into it. */
function closedStore(count = 300): TempStore {
  const s = createTempStore();
  const { db, sqlite } = s.open();
  seedUnits(db, count);
  sqlite.close();
  return s;
}

const sha = (file: string): string => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

function flipByte(file: string, offset: number): void {
  const bytes = fs.readFileSync(file);
  bytes[offset] = (bytes[offset] ?? 0) ^ 0x10;
  fs.writeFileSync(file, bytes);
}

/** A leaf page of the units table, 1-based, as SQLite's dbstat reports it. */
function unitsLeafPage(s: TempStore): number {
  const { sqlite } = s.open();
  const page = sqlite.prepare("SELECT max(pageno) FROM dbstat WHERE name = 'units' AND pagetype = 'leaf'").pluck().get();
  sqlite.close();
  if (typeof page !== 'number' || page < 2) throw new Error('no units leaf page');
  return page;
}

function expectOpenError(fn: () => unknown, code: StoreOpenErrorCode): StoreOpenError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(StoreOpenError);
    const error = e as StoreOpenError;
    expect({ code: error.code, message: error.message }).toMatchObject({ code });
    return error;
  }
  throw new Error(`expected StoreOpenError ${code}`);
}

describe('openDatabase: a file that cannot be a whole store is damaged, never new', () => {
  it('refuses a 0-byte store file instead of making a new empty store in it', () => {
    store = createTempStore();
    fs.writeFileSync(store.path, '');
    const error = expectOpenError(() => store.open(), 'DAMAGED');
    expect(error.damage).toBe('empty');
    expect(fs.statSync(store.path).size).toBe(0);
    expect(fs.readdirSync(store.dir)).toEqual(['census.db']);
  });

  it('refuses a store cut short in the middle of a page', () => {
    store = closedStore();
    fs.truncateSync(store.path, fs.statSync(store.path).size - 1000);
    const before = sha(store.path);
    expect(expectOpenError(() => store.open(), 'DAMAGED').damage).toBe('incomplete');
    expect(sha(store.path)).toBe(before);
  });

  it('refuses a file shorter than one page', () => {
    store = closedStore();
    fs.truncateSync(store.path, 2000);
    expect(expectOpenError(() => store.open(), 'DAMAGED').damage).toBe('incomplete');
  });

  it('refuses a store that lost its last pages at a page boundary', () => {
    store = closedStore(2000);
    const size = fs.statSync(store.path).size;
    fs.truncateSync(store.path, size - 3 * PAGE);
    const before = sha(store.path);
    expect(expectOpenError(() => store.open(), 'DAMAGED').damage).toBe('pages');
    expect(sha(store.path)).toBe(before);
  });

  it('refuses a write-ahead log whose store file is gone, rather than start a new store over it', () => {
    store = createTempStore();
    const { db, sqlite } = store.open();
    seedUnits(db, 5); // in the WAL while the connection is open
    const wal = fs.readFileSync(`${store.path}-wal`);
    sqlite.close();
    fs.rmSync(store.path);
    fs.writeFileSync(`${store.path}-wal`, wal);
    expect(expectOpenError(() => store.open(), 'DAMAGED').damage).toBe('wal-only');
    expect(fs.existsSync(store.path)).toBe(false);
  });
});

describe('openDatabase: damage to page 1 is told apart from a wrong key', () => {
  it('reports a flipped byte in page 1 as damage when the key-check file confirms the key', () => {
    store = closedStore();
    expect(fs.existsSync(keyCheckPath(store.path))).toBe(true);
    flipByte(store.path, 100);
    const before = sha(store.path);
    expect(expectOpenError(() => store.open(), 'DAMAGED').damage).toBe('header');
    expect(sha(store.path)).toBe(before);
  });

  it('reports a wrong key as a wrong key, backups or not', () => {
    store = closedStore();
    const opened = store.open();
    takeDailyBackup(opened.sqlite, store.path, path.join(store.dir, 'backups'));
    opened.sqlite.close();
    const before = sha(store.path);
    expectOpenError(() => store.open({ key: randomKey() }), 'WRONG_KEY');
    expect(sha(store.path)).toBe(before);
  });

  it('uses a backup the key opens as the witness when the key-check file is lost', () => {
    store = closedStore();
    const opened = store.open();
    takeDailyBackup(opened.sqlite, store.path, path.join(store.dir, 'backups'));
    opened.sqlite.close();
    fs.rmSync(keyCheckPath(store.path));
    flipByte(store.path, 100);
    expect(expectOpenError(() => store.open(), 'DAMAGED').damage).toBe('header');
    // The same witness refuses another key: the backup does not open with it either.
    expect(expectOpenError(() => store.open({ key: randomKey() }), 'WRONG_KEY').message).toMatch(/none of its backups/);
  });

  it('says it cannot tell when page 1 fails and there is no witness at all', () => {
    store = closedStore();
    fs.rmSync(keyCheckPath(store.path));
    flipByte(store.path, 100);
    const error = expectOpenError(() => store.open(), 'UNREADABLE');
    expect(error.message).toMatch(/wrong key or a damaged page 1/);
  });

  it('writes the key-check file for a store that has none once the key opens it', () => {
    store = closedStore();
    fs.rmSync(keyCheckPath(store.path));
    store.open().sqlite.close();
    expect(fs.existsSync(keyCheckPath(store.path))).toBe(true);
    // And does not write one for a key that failed.
    fs.rmSync(keyCheckPath(store.path));
    expectOpenError(() => store.open({ key: randomKey() }), 'UNREADABLE');
    expect(fs.existsSync(keyCheckPath(store.path))).toBe(false);
  });
});

describe('openDatabase: the integrity check finds damage past page 1', () => {
  it('refuses a store with a flipped byte in a later page that would otherwise open', () => {
    store = closedStore(2000);
    const page = unitsLeafPage(store);
    flipByte(store.path, (page - 1) * PAGE + 200);
    const before = sha(store.path);
    // Without the check the store opens as if nothing were wrong, until the page is read.
    const unchecked = store.open({ integrityCheck: 'none' });
    expect(unchecked.sqlite.prepare('SELECT count(*) FROM settings').pluck().get()).toBeTypeOf('number');
    unchecked.sqlite.close();
    expect(expectOpenError(() => store.open(), 'DAMAGED').damage).toBe('pages');
    expect(sha(store.path)).toBe(before);
  });

  it('runs the full check on request, which finds an index out of step with its table', () => {
    store = closedStore();
    // An index whose entries no longer match its rows: the quick check does not compare them.
    const { sqlite } = store.open();
    sqlite.unsafeMode(true);
    sqlite.pragma('writable_schema = ON');
    sqlite
      .prepare("UPDATE sqlite_master SET sql = 'CREATE INDEX `units_status_idx` ON `units` (`kind`)' WHERE name = ?")
      .run('units_status_idx');
    sqlite.pragma('writable_schema = OFF');
    sqlite.close();

    const quick = store.open({ integrityCheck: 'quick' });
    expect(quick.integrityCheck).toBe('quick');
    quick.sqlite.close();
    const error = expectOpenError(() => store.open({ integrityCheck: 'full' }), 'DAMAGED');
    expect(error.damage).toBe('pages');
    expect(error.message).toMatch(/missing from index units_status_idx/);
  });
});

describe('openDatabase: making a new store', () => {
  it('makes the store under a temporary name and clears what a crashed first start left', () => {
    store = createTempStore();
    fs.writeFileSync(`${store.path}.creating`, 'half a store from a first start that crashed');
    const opened = store.open();
    expect(opened.created).toBe(true);
    opened.sqlite.close();
    expect(fs.existsSync(`${store.path}.creating`)).toBe(false);
    expect(store.open().created).toBe(false);
  });
});
