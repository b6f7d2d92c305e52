import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NEW_STORE_PAGE_BYTES, openServerDatabase } from '@server/db/open';
import { randomKey } from '../helpers/store';

// A new plain server store is made with 16 KiB pages (server/db/open.ts says why); a store made
// before keeps its pages and everything in it; an encrypted store keeps SQLCipher's pages and
// opens again with its key.

let dir = '';
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'census-store-pages-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const pageSize = (sqlite: Database.Database): unknown => sqlite.pragma('page_size', { simple: true });

describe('server store pages', () => {
  it('a new store has 16 KiB pages, and keeps them on reopen', () => {
    const file = path.join(dir, 'server.db');
    const first = openServerDatabase(file);
    expect(pageSize(first.sqlite)).toBe(NEW_STORE_PAGE_BYTES);
    expect(NEW_STORE_PAGE_BYTES).toBe(16_384);
    first.sqlite.close();
    const again = openServerDatabase(file);
    expect(pageSize(again.sqlite)).toBe(16_384);
    expect(again.migrated).toEqual([]);
    again.sqlite.close();
  });

  it('a store made with 4 KiB pages opens as it is, its rows kept', () => {
    const file = path.join(dir, 'server.db');
    const old = new Database(file);
    old.pragma('page_size = 4096');
    old.pragma('journal_mode = WAL');
    old.exec("CREATE TABLE kept (v TEXT); INSERT INTO kept VALUES ('一行')");
    old.close();
    const opened = openServerDatabase(file);
    expect(pageSize(opened.sqlite)).toBe(4096);
    expect(opened.sqlite.prepare('SELECT v FROM kept').pluck().all()).toEqual(['一行']);
    opened.sqlite.close();
  });

  it('an encrypted store keeps SQLCipher’s pages and opens again with its key', () => {
    const file = path.join(dir, 'server.db');
    const key = randomKey();
    openServerDatabase(file, { key }).sqlite.close();
    const again = openServerDatabase(file, { key });
    expect(pageSize(again.sqlite)).toBe(4096);
    again.sqlite.close();
    expect(() => openServerDatabase(file)).toThrow(/CENSUS_SERVER_DB_KEY/);
  });
});
