import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3-multiple-ciphers';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { backupStore } from '@shared/node/sqlite/backup';
import { drizzleClient } from '@shared/node/sqlite/drizzle-client';
import { isNotADatabaseError, isStoreKey, keyConnection, readFirstPage } from '@shared/node/sqlite/cipher';
import { describeError, StoreOpenError } from '@shared/node/sqlite/errors';
import { applyMigrations, planMigrations, readKnownMigrations } from '@shared/node/sqlite/migrate';
import * as schema from './schema';

export type ServerDatabase = BetterSQLite3Database<typeof schema>;

export interface OpenedServerDatabase {
  sqlite: Database.Database;
  db: ServerDatabase;
  migrated: string[];
  backupPath: string | null;
}

export interface OpenServerDatabaseOptions {
  /**
   * Optional SQLCipher key (64 hex). The server runs in the bureau's machine room, where disk
   * encryption belongs to the OS and an unreadable database after a lost key would be the
   * worse failure; the key is there for offices that want the file itself encrypted.
   */
  key?: string | undefined;
  migrationsFolder?: string;
}

/** server/db/migrations beside this file (resolved when called, never at import time). */
export function serverMigrationsFolder(): string {
  return path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
}

/**
 * Opens (creating if needed) the server store at `file`, checks the key when one is given and
 * applies pending migrations with the same history checks and pre-migration backup as the
 * laptop store (shared/node/sqlite/migrate.ts). Throws StoreOpenError; never replaces an existing file.
 */
export function openServerDatabase(file: string, opts: OpenServerDatabaseOptions = {}): OpenedServerDatabase {
  const key = opts.key === '' ? undefined : opts.key;
  if (key !== undefined && !isStoreKey(key)) {
    throw new StoreOpenError('KEY_MISSING', '服务器数据库密钥须为 64 位十六进制 / CENSUS_SERVER_DB_KEY must be 64 hex characters');
  }
  const migrationsFolder = opts.migrationsFolder ?? serverMigrationsFolder();
  const known = readKnownMigrations(migrationsFolder);
  const existed = fs.existsSync(file) && fs.statSync(file).size > 0;
  let sqlite: Database.Database;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    sqlite = new Database(file);
  } catch (e) {
    throw new StoreOpenError('IO', `无法打开服务器数据库 / Cannot open the server store ${file}: ${describeError(e)}`, {
      cause: e,
    });
  }
  try {
    // Same cipher choice as the laptop store: SQLCipher 4 with a raw key (shared/node/sqlite/cipher.ts).
    if (key !== undefined) keyConnection(sqlite, key);
    try {
      readFirstPage(sqlite);
    } catch (e) {
      if (isNotADatabaseError(e)) {
        throw new StoreOpenError(
          key === undefined ? 'NOT_A_DATABASE' : 'WRONG_KEY',
          key === undefined
            ? '服务器数据库已加密或不是数据库，请设置 CENSUS_SERVER_DB_KEY / The server store is encrypted or not a database: set CENSUS_SERVER_DB_KEY'
            : '服务器数据库密钥不正确 / CENSUS_SERVER_DB_KEY does not open this server store',
          { cause: e },
        );
      }
      throw e;
    }
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('temp_store = MEMORY');
    const plan = planMigrations(sqlite, known);
    sqlite.pragma('journal_mode = WAL');
    // FULL: every commit's WAL is synced before the answer leaves. The server is the record:
    // a laptop that hears "acked" marks its ops done and later deletes them, so a push
    // answered and then lost to a power cut (NORMAL's risk) would lose those ops for good.
    // One fsync per push batch or request that writes.
    sqlite.pragma('synchronous = FULL');
    const db = drizzleClient(sqlite, schema);
    let backupPath: string | null = null;
    const firstPending = plan.pending[0];
    if (firstPending !== undefined) {
      if (existed && plan.applied.length > 0) {
        backupPath = backupStore(sqlite, file, path.join(path.dirname(file), 'backups'), firstPending);
      }
      applyMigrations(sqlite, db, migrationsFolder, backupPath);
    }
    return { sqlite, db, migrated: plan.pending, backupPath };
  } catch (e) {
    sqlite.close();
    if (e instanceof StoreOpenError) throw e;
    throw new StoreOpenError('IO', `打开服务器数据库失败 / Opening the server store failed: ${describeError(e)}`, {
      cause: e,
    });
  }
}
