import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type SqliteDatabase } from '@db/open';
import { DeferredCheckpoint } from '@main/sync/wal';
import { randomKey } from '../helpers/store';

const dirs: string[] = [];
const stores: SqliteDatabase[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) if (s.open) s.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function openStore(): SqliteDatabase {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'census-wal-'));
  dirs.push(dir);
  const { sqlite } = openDatabase(path.join(dir, 'store.db'), { key: randomKey() });
  stores.push(sqlite);
  return sqlite;
}

const walPages = (sqlite: SqliteDatabase) =>
  (sqlite.pragma('wal_checkpoint(PASSIVE)') as { log: number; checkpointed: number }[])[0];

/** ~6 MB in one transaction: well past the 1,000 pages an automatic checkpoint waits for. */
function writeBulk(sqlite: SqliteDatabase): void {
  const insert = sqlite.prepare('INSERT INTO bulk (body) VALUES (?)');
  sqlite.transaction(() => {
    for (let i = 0; i < 3_000; i++) insert.run('x'.repeat(2_000));
  })();
}

/** Everything in the WAL was already copied by the deferred checkpoint. */
function expectWalCopied(sqlite: SqliteDatabase): void {
  const wal = walPages(sqlite);
  expect(wal?.log).toBeGreaterThan(1_000);
  expect(wal?.checkpointed).toBe(wal?.log);
}

describe('deferred checkpoint around a sync', () => {
  it('pauses automatic checkpoints during the work, restores them after, and checkpoints once settled', async () => {
    const sqlite = openStore();
    sqlite.exec('CREATE TABLE bulk (id INTEGER PRIMARY KEY, body TEXT)');
    const checkpoint = new DeferredCheckpoint(sqlite);
    const before = sqlite.pragma('wal_autocheckpoint', { simple: true });
    let during: unknown;
    await checkpoint.around(async () => {
      during = sqlite.pragma('wal_autocheckpoint', { simple: true });
      writeBulk(sqlite);
    });
    expect(during).toBe(0);
    expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(before);
    await checkpoint.settled();
    expectWalCopied(sqlite);
    expect(sqlite.prepare('SELECT count(*) AS n FROM bulk').get()).toEqual({ n: 3_000 });
  });

  it('restores automatic checkpoints when the work fails', async () => {
    const sqlite = openStore();
    const checkpoint = new DeferredCheckpoint(sqlite);
    const before = sqlite.pragma('wal_autocheckpoint', { simple: true });
    await expect(checkpoint.around(() => Promise.reject(new Error('cut connection')))).rejects.toThrow('cut connection');
    expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(before);
    await checkpoint.settled();
  });

  it('does the same around one synchronous transaction, and restores automatic checkpoints when it throws', async () => {
    const sqlite = openStore();
    sqlite.exec('CREATE TABLE bulk (id INTEGER PRIMARY KEY, body TEXT)');
    const checkpoint = new DeferredCheckpoint(sqlite);
    const before = sqlite.pragma('wal_autocheckpoint', { simple: true });
    const during = checkpoint.aroundSync(() => {
      writeBulk(sqlite);
      return sqlite.pragma('wal_autocheckpoint', { simple: true });
    });
    expect(during).toBe(0);
    expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(before);
    await checkpoint.settled();
    expectWalCopied(sqlite);

    expect(() =>
      checkpoint.aroundSync(() => {
        throw new Error('disk full');
      }),
    ).toThrow('disk full');
    expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(before);
    await checkpoint.settled();
  });
});
