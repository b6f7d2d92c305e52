import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3-multiple-ciphers';
import type { RunResult } from 'better-sqlite3-multiple-ciphers';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import { backupStore, defaultBackupDir } from '@shared/node/sqlite/backup';
import { isStoreKey, keyConnection, readFirstPage, type SqliteDatabase } from '@shared/node/sqlite/cipher';
import { drizzleClient } from '@shared/node/sqlite/drizzle-client';
import { fsyncFile, renameDurably } from '@shared/node/durable-file';
import { describeError, StoreOpenError } from '@shared/node/sqlite/errors';
import { checkIntegrity, explainFirstReadFailure, inspectStoreFile, type IntegrityCheck } from './integrity';
import { ensureKeyCheck } from './key-check';
import { applyMigrations, planMigrations, readKnownMigrations, type KnownMigration } from '@shared/node/sqlite/migrate';
import * as schema from './schema';

export type AppDatabase = BetterSQLite3Database<typeof schema>;
/**
 * The store or a transaction on it: the one handle every query and service function takes, so
 * a caller inside `db.transaction((tx) => …)` passes `tx` and any other caller passes the store.
 */
export type Db = BaseSQLiteDatabase<'sync', RunResult, typeof schema>;
export type { SqliteDatabase };

export interface OpenDatabaseOptions {
  /** 64 hex characters: 32 random bytes, used as the raw cipher key. */
  key: string | undefined;
  /** drizzle-kit's output folder; the packaged app passes its resources path. */
  migrationsFolder?: string;
  /** Where backups are kept (and looked for as key witnesses); defaults to `<store dir>/backups`. */
  backupDir?: string;
  /**
   * The check an existing store passes before anything is written: 'quick' (default), 'full'
   * after an unclean shutdown (db/run-marker.ts), 'none' only where a caller has just checked.
   */
  integrityCheck?: IntegrityCheck;
}

export interface OpenedDatabase {
  sqlite: SqliteDatabase;
  db: AppDatabase;
  /** Tags of the migrations applied by this open, oldest first. */
  migrated: string[];
  /** The copy taken before migrating, or null when nothing needed migrating. */
  backupPath: string | null;
  /** Tag of the newest migration applied to the store. */
  schemaVersion: string;
  /** True when no store was there and this open made it. */
  created: boolean;
  /** The integrity check this open ran. */
  integrityCheck: IntegrityCheck;
}

export const MEMORY_PATH = ':memory:';

/**
 * `db/migrations` beside this file. Resolved when called, never at import time; a bundled
 * main process (CommonJS, no import.meta.url) must pass `migrationsFolder` itself.
 */
export function defaultMigrationsFolder(): string {
  const here: string | undefined = import.meta.url;
  if (!here) {
    throw new StoreOpenError('IO', '未指定迁移目录 / migrationsFolder must be given when bundled');
  }
  return path.join(path.dirname(fileURLToPath(here)), 'migrations');
}

/**
 * Opens (creating if needed) the encrypted local store: checks the key, checks the file's
 * integrity, sets the connection pragmas and brings the schema up to date, backing the file up
 * first when an existing store is migrated. Only a missing file makes a new store; a 0-byte,
 * cut-short or otherwise damaged file is refused as DAMAGED (db/integrity.ts). Never deletes,
 * truncates or replaces an existing store: every failure leaves it as it was (a failed
 * migration is rolled back) and throws a StoreOpenError.
 */
export function openDatabase(storePath: string, opts: OpenDatabaseOptions): OpenedDatabase {
  const key = opts.key;
  if (key === undefined || key === '') {
    throw new StoreOpenError('KEY_MISSING', '缺少数据加密密钥 / The store key is missing');
  }
  if (!isStoreKey(key)) {
    throw new StoreOpenError('KEY_MISSING', '数据加密密钥格式无效 / The store key must be 64 hex characters');
  }
  const migrationsFolder = opts.migrationsFolder ?? defaultMigrationsFolder();
  const known = readKnownMigrations(migrationsFolder);
  if (storePath === MEMORY_PATH) {
    // SQLite3MC cannot key an in-memory store, and it never reaches disk.
    return prepare(connect(MEMORY_PATH), { known, migrationsFolder, backupPath: () => null, check: 'none' });
  }
  const backupDir = opts.backupDir ?? defaultBackupDir(storePath);
  if (inspectStoreFile(storePath) === 'missing') {
    const migrated = createStore(storePath, key, known, migrationsFolder);
    const opened = openExisting(storePath, key, known, migrationsFolder, backupDir, 'none');
    return { ...opened, migrated, created: true };
  }
  return openExisting(storePath, key, known, migrationsFolder, backupDir, opts.integrityCheck ?? 'quick');
}

function connect(storePath: string): SqliteDatabase {
  try {
    if (storePath !== MEMORY_PATH) fs.mkdirSync(path.dirname(storePath), { recursive: true });
    return new Database(storePath);
  } catch (e) {
    throw new StoreOpenError('IO', `无法打开数据文件 / Cannot open the store file ${storePath}: ${describeError(e)}`, {
      cause: e,
    });
  }
}

function openExisting(
  storePath: string,
  key: string,
  known: KnownMigration[],
  migrationsFolder: string,
  backupDir: string,
  check: IntegrityCheck,
): OpenedDatabase {
  const sqlite = connect(storePath);
  try {
    keyConnection(sqlite, key);
    try {
      readFirstPage(sqlite);
    } catch (e) {
      throw explainFirstReadFailure(e, storePath, key, backupDir);
    }
  } catch (e) {
    sqlite.close();
    throw e;
  }
  return prepare(sqlite, {
    known,
    migrationsFolder,
    check,
    // The store opened with this key: the key-check file may now vouch for it.
    afterChecks: () => ensureKeyCheck(storePath, key),
    backupPath: (firstPending) => backupStore(sqlite, storePath, backupDir, firstPending),
  });
}

interface PrepareSteps {
  known: KnownMigration[];
  migrationsFolder: string;
  check: IntegrityCheck;
  afterChecks?: () => void;
  /** Takes the pre-migration copy of a store that holds applied migrations. */
  backupPath(firstPending: string): string | null;
}

/** Pragmas, integrity check, migration plan, then (only once all passed) the first writes. */
function prepare(sqlite: SqliteDatabase, steps: PrepareSteps): OpenedDatabase {
  try {
    // Connection settings that write nothing; the file is still untouched here.
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('foreign_keys = ON');
    // Sorts and temp tables stay in memory: temp files are not covered by the cipher.
    sqlite.pragma('temp_store = MEMORY');

    // Decide before writing anything, so a refused store is left exactly as it was.
    checkIntegrity(sqlite, steps.check);
    const plan = planMigrations(sqlite, steps.known);

    // WAL: readers never block the writer. FULL syncs the WAL at every commit, so a commit
    // that returned survives a power cut too. NORMAL (the WAL default) would lose the commits
    // since the last checkpoint on power loss: a laptop could then come back behind what the
    // server already holds from it (ops pushed and acked, then gone here), reuse their
    // sequence numbers for new work and fork its op chain (electron/main/sync/fork.ts), and
    // the user's last saves would vanish. The cost is one fsync per transaction: a form save,
    // a pull page, a whole frame import (test/sync/durability.test.ts).
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');

    steps.afterChecks?.();
    const db = drizzleClient(sqlite, schema);
    let backupPath: string | null = null;
    const firstPending = plan.pending[0];
    if (firstPending !== undefined) {
      if (plan.applied.length > 0) backupPath = steps.backupPath(firstPending);
      applyMigrations(sqlite, db, steps.migrationsFolder, backupPath);
    }
    return {
      sqlite,
      db,
      migrated: plan.pending,
      backupPath,
      schemaVersion: plan.targetVersion,
      created: false,
      integrityCheck: steps.check,
    };
  } catch (e) {
    sqlite.close();
    if (e instanceof StoreOpenError) throw e;
    throw new StoreOpenError('IO', `打开数据文件失败 / Opening the store failed: ${describeError(e)}`, { cause: e });
  }
}

/**
 * Makes a new store where there is none, atomically: built and migrated under a temporary
 * name, closed (so the one file is the whole store) and only then renamed into place, with its
 * key-check file written first. A crash part-way leaves no file at the store path, so the next
 * start makes it again instead of finding a half-made store it would have to call damaged.
 */
function createStore(storePath: string, key: string, known: KnownMigration[], migrationsFolder: string): string[] {
  const temp = `${storePath}.creating`;
  // Leftovers of a first start that crashed: they hold nothing but our own empty schema.
  for (const suffix of ['', '-journal', '-wal', '-shm']) fs.rmSync(temp + suffix, { force: true });
  const sqlite = connect(temp);
  try {
    keyConnection(sqlite, key);
    sqlite.pragma('foreign_keys = ON');
    // Until the rename nothing depends on this file, and a crash throws it away: no journal
    // file and no syncs while it is built, one fsync before it takes the store's name.
    sqlite.pragma('journal_mode = MEMORY');
    sqlite.pragma('synchronous = OFF');
    const plan = planMigrations(sqlite, known);
    applyMigrations(sqlite, drizzleClient(sqlite, schema), migrationsFolder, null);
    sqlite.close();
    fsyncFile(temp);
    ensureKeyCheck(storePath, key);
    renameDurably(temp, storePath);
    return plan.pending;
  } catch (e) {
    if (sqlite.open) sqlite.close();
    for (const suffix of ['', '-journal']) fs.rmSync(temp + suffix, { force: true });
    if (e instanceof StoreOpenError) throw e;
    throw new StoreOpenError('IO', `无法新建数据文件 / Cannot create the store ${storePath}: ${describeError(e)}`, {
      cause: e,
    });
  }
}
