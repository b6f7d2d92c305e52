import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3-multiple-ciphers';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { backupStore, defaultBackupDir } from './backup';
import { drizzleClient } from './drizzle-client';
import { describeError, StoreOpenError } from './errors';
import { applyMigrations, planMigrations, readKnownMigrations } from './migrate';
import * as schema from './schema';

export type AppDatabase = BetterSQLite3Database<typeof schema>;
export type SqliteDatabase = Database.Database;

export interface OpenDatabaseOptions {
  /** 64 hex characters: 32 random bytes, used as the raw cipher key. */
  key: string | undefined;
  /** drizzle-kit's output folder; the packaged app passes its resources path. */
  migrationsFolder?: string;
  /** Where pre-migration backups go; defaults to `<store dir>/backups`. */
  backupDir?: string;
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
}

export const MEMORY_PATH = ':memory:';

const KEY_PATTERN = /^[0-9a-fA-F]{64}$/;
const PLAINTEXT_HEADER = Buffer.from('SQLite format 3\0', 'latin1');
// SQLCipher 4's page size; every encrypted store file is a whole number of pages.
const CIPHER_PAGE_SIZE = 4096;

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
 * Opens (creating if needed) the encrypted local store, checks the key, sets the connection
 * pragmas and brings the schema up to date, backing the file up first when an existing store
 * is migrated. Never deletes, truncates or replaces an existing file: every failure leaves
 * the store as it was (a failed migration is rolled back) and throws a StoreOpenError.
 */
export function openDatabase(storePath: string, opts: OpenDatabaseOptions): OpenedDatabase {
  const key = opts.key;
  if (key === undefined || key === '') {
    throw new StoreOpenError('KEY_MISSING', '缺少数据加密密钥 / The store key is missing');
  }
  // Checked before it is spliced into a PRAGMA: only hex digits can ever reach SQL.
  if (!KEY_PATTERN.test(key)) {
    throw new StoreOpenError('KEY_MISSING', '数据加密密钥格式无效 / The store key must be 64 hex characters');
  }
  const isMemory = storePath === MEMORY_PATH;
  const migrationsFolder = opts.migrationsFolder ?? defaultMigrationsFolder();
  const known = readKnownMigrations(migrationsFolder);
  const existed = !isMemory && inspectExistingFile(storePath);

  let sqlite: SqliteDatabase;
  try {
    if (!isMemory) fs.mkdirSync(path.dirname(storePath), { recursive: true });
    sqlite = new Database(storePath);
  } catch (e) {
    throw new StoreOpenError('IO', `无法打开数据文件 / Cannot open the store file ${storePath}: ${describeError(e)}`, {
      cause: e,
    });
  }

  try {
    if (!isMemory) applyKey(sqlite, key, storePath);
    // Connection settings that write nothing; the file is still untouched here.
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('foreign_keys = ON');
    // Sorts and temp tables stay in memory: temp files are not covered by the cipher.
    sqlite.pragma('temp_store = MEMORY');

    // Decide before writing anything, so a refused store is left exactly as it was.
    const plan = planMigrations(sqlite, known);

    // WAL: readers never block the writer. FULL syncs the WAL at every commit, so a commit
    // that returned survives a power cut too. NORMAL (the WAL default) would lose the commits
    // since the last checkpoint on power loss: a laptop could then come back behind what the
    // server already holds from it (ops pushed and acked, then gone here), reuse their
    // sequence numbers for new work and fork its op chain (electron/main/sync/fork.ts), and
    // the user's last saves would vanish. The cost is one fsync per transaction: a form save,
    // a pull page, a whole frame import (test/sync/durability.test.ts).
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');

    const db = drizzleClient(sqlite, schema);
    let backupPath: string | null = null;
    const firstPending = plan.pending[0];
    if (firstPending !== undefined) {
      if (existed && plan.applied.length > 0) {
        backupPath = backupStore(sqlite, storePath, opts.backupDir ?? defaultBackupDir(storePath), firstPending);
      }
      applyMigrations(sqlite, db, migrationsFolder, backupPath);
    }
    return { sqlite, db, migrated: plan.pending, backupPath, schemaVersion: plan.targetVersion };
  } catch (e) {
    sqlite.close();
    if (e instanceof StoreOpenError) throw e;
    throw new StoreOpenError('IO', `打开数据文件失败 / Opening the store failed: ${describeError(e)}`, { cause: e });
  }
}

/**
 * True when a non-empty file is already there. A plaintext SQLite file is refused before
 * SQLite touches it: we do not silently encrypt, or pretend to have encrypted, someone's data.
 */
function inspectExistingFile(storePath: string): boolean {
  let header: Buffer;
  try {
    if (!fs.existsSync(storePath)) return false;
    const stat = fs.statSync(storePath);
    if (!stat.isFile()) throw new Error('the path is not a file');
    if (stat.size === 0) return false;
    header = Buffer.alloc(PLAINTEXT_HEADER.length);
    const fd = fs.openSync(storePath, 'r');
    try {
      fs.readSync(fd, header, 0, header.length, 0);
    } finally {
      fs.closeSync(fd);
    }
  } catch (e) {
    throw new StoreOpenError('IO', `无法读取数据文件 / Cannot read the store file ${storePath}: ${describeError(e)}`, {
      cause: e,
    });
  }
  if (header.equals(PLAINTEXT_HEADER)) {
    throw new StoreOpenError(
      'NOT_A_DATABASE',
      '该文件是未加密的数据库，拒绝打开 / The file is an unencrypted SQLite database, not an encrypted store',
    );
  }
  return true;
}

/**
 * Cipher choice: SQLCipher 4 (AES-256-CBC pages, HMAC-SHA512 per page) rather than the
 * library's default ChaCha20. It is the most widely reviewed SQLite encryption format, and
 * being standard means the bureau's IT can open a store with stock SQLCipher tools if this
 * app ever cannot — user data is never hostage to our code. `legacy = 4` selects the exact
 * SQLCipher 4 layout (the non-legacy variant leaves header bytes in the clear and is not
 * SQLCipher-compatible). The key is passed as x'<hex>': raw key material, so the PBKDF2
 * stretching meant for passwords (~130 ms per open) is skipped; our key is already 256
 * random bits. `PRAGMA hexkey` would run that KDF over the bytes, so it is not used.
 */
function applyKey(sqlite: SqliteDatabase, key: string, storePath: string): void {
  sqlite.pragma("cipher = 'sqlcipher'");
  sqlite.pragma('legacy = 4');
  sqlite.pragma(`key = "x'${key}'"`);
  try {
    // The first read decrypts page 1; a wrong key fails its HMAC here.
    sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (e) {
    if (e instanceof Database.SqliteError && e.code === 'SQLITE_NOTADB') {
      // Ciphertext under another key and random bytes look alike; a file that is not a
      // whole number of cipher pages was never a store.
      const size = fs.statSync(storePath).size;
      if (size % CIPHER_PAGE_SIZE !== 0) {
        throw new StoreOpenError('NOT_A_DATABASE', '该文件不是本程序的数据文件 / The file is not a store', {
          cause: e,
        });
      }
      throw new StoreOpenError(
        'WRONG_KEY',
        '数据加密密钥不正确，或文件不是本程序的数据文件 / The store key does not match this file (or the file is not a store)',
        { cause: e },
      );
    }
    throw e;
  }
}
