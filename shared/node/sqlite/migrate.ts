import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3-multiple-ciphers';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { z } from 'zod';
import { describeError, StoreOpenError } from './errors';

// drizzle's migrator keeps its bookkeeping in this table: one row per applied migration with
// the sha256 of the .sql file and the journal's `when` (folderMillis) as created_at. It applies
// every migration whose folderMillis is newer than the newest row, all in one BEGIN…COMMIT.
// It never compares hashes and silently skips an older migration it has not applied, so we
// check the history ourselves before letting it run.
const MIGRATIONS_TABLE = '__drizzle_migrations';

export interface KnownMigration {
  tag: string;
  folderMillis: number;
  hash: string;
}

export interface MigrationPlan {
  /** Tags already applied to the store, oldest first. */
  applied: string[];
  /** Tags this build will apply, oldest first. */
  pending: string[];
  /** Tag of the newest migration once the plan has run ('' for an empty journal). */
  targetVersion: string;
}

const Journal = z.object({
  entries: z.array(z.object({ idx: z.number(), when: z.number(), tag: z.string().min(1) })),
});

/** The migrations shipped with this build, hashed exactly as drizzle's migrator hashes them. */
export function readKnownMigrations(migrationsFolder: string): KnownMigration[] {
  try {
    const journalPath = path.join(migrationsFolder, 'meta', '_journal.json');
    const journal = Journal.parse(JSON.parse(fs.readFileSync(journalPath, 'utf8')));
    // Same reader the migrator uses, so hashes and order match what it will apply.
    const files = readMigrationFiles({ migrationsFolder });
    return journal.entries.map((entry, i) => {
      const file = files[i];
      if (!file || file.folderMillis !== entry.when) throw new Error(`journal entry ${entry.tag} has no file`);
      return { tag: entry.tag, folderMillis: entry.when, hash: file.hash };
    });
  } catch (e) {
    throw new StoreOpenError(
      'IO',
      `无法读取数据库迁移文件 / Cannot read the store migrations in ${migrationsFolder}: ${describeError(e)}`,
      { cause: e },
    );
  }
}

/** A row of drizzle's bookkeeping table: an applied migration's hash and folderMillis. */
export interface AppliedRow {
  hash: string;
  createdAt: number;
}

function readAppliedRows(sqlite: Database.Database): AppliedRow[] {
  const hasTable = sqlite
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")
    .pluck()
    .get(MIGRATIONS_TABLE);
  if (hasTable === undefined) return [];
  const rows = sqlite
    .prepare(`SELECT hash, created_at AS createdAt FROM "${MIGRATIONS_TABLE}" ORDER BY created_at`)
    .all() as { hash: string; createdAt: number | string }[];
  return rows.map((r) => ({ hash: r.hash, createdAt: Number(r.createdAt) }));
}

/**
 * Compares the store's applied migrations with this build's journal and decides what to run.
 * Refuses (reading only, writing nothing) a store migrated by a newer build, a store whose
 * applied migration differs from the committed file, and a journal that gained a migration
 * older than the store's newest one (drizzle would skip it for ever).
 */
export function planMigrations(sqlite: Database.Database, known: KnownMigration[]): MigrationPlan {
  return planAppliedMigrations(readAppliedRows(sqlite), known);
}

/** planMigrations over the applied rows as read from any database (the server's PostgreSQL too). */
export function planAppliedMigrations(applied: readonly AppliedRow[], known: KnownMigration[]): MigrationPlan {
  const byMillis = new Map(known.map((m) => [m.folderMillis, m]));
  const newestKnown = known.at(-1)?.folderMillis ?? 0;
  const appliedTags: string[] = [];

  for (const row of applied) {
    const match = byMillis.get(row.createdAt);
    if (!match) {
      if (row.createdAt > newestKnown) {
        throw new StoreOpenError(
          'STORE_TOO_NEW',
          '数据文件由更新版本的程序创建，请升级本程序后再打开 / The store was written by a newer version of the app; update the app to open it',
        );
      }
      throw new StoreOpenError(
        'EDITED_MIGRATION',
        `数据文件的迁移记录与本程序不一致 / The store has an applied migration (${row.createdAt}) unknown to this build`,
      );
    }
    if (match.hash !== row.hash) {
      throw new StoreOpenError(
        'EDITED_MIGRATION',
        `迁移 ${match.tag} 已被修改 / Migration ${match.tag} differs from the one applied to this store; committed migrations must never be edited`,
      );
    }
    appliedTags.push(match.tag);
  }

  const newestApplied = applied.at(-1)?.createdAt ?? -Infinity;
  const skipped = known.filter((m) => m.folderMillis <= newestApplied && !appliedTags.includes(m.tag));
  if (skipped.length > 0) {
    throw new StoreOpenError(
      'EDITED_MIGRATION',
      `迁移 ${skipped.map((m) => m.tag).join(', ')} 早于已应用的迁移 / Migration(s) ${skipped
        .map((m) => m.tag)
        .join(', ')} are older than the store's newest migration and would never run`,
    );
  }

  const pending = known.filter((m) => m.folderMillis > newestApplied).map((m) => m.tag);
  return { applied: appliedTags, pending, targetVersion: known.at(-1)?.tag ?? '' };
}

/**
 * Runs drizzle's migrator (one transaction: all pending migrations or none). Foreign keys are
 * off meanwhile, as SQLite prescribes for schema changes: drizzle-kit rebuilds a table by
 * copy-drop-rename, and its own `PRAGMA foreign_keys=OFF` is a no-op inside the transaction,
 * so with them on the DROP of a referenced table would fail on real data. The references are
 * checked once the migration has committed.
 */
export function applyMigrations<TSchema extends Record<string, unknown>>(
  sqlite: Database.Database,
  db: BetterSQLite3Database<TSchema>,
  migrationsFolder: string,
  backupPath: string | null,
): void {
  const kept = backupPath ? ` 迁移前的备份 / backup before migrating: ${backupPath}` : '';
  sqlite.pragma('foreign_keys = OFF');
  try {
    migrate(db, { migrationsFolder });
  } catch (e) {
    throw new StoreOpenError(
      'MIGRATION_FAILED',
      `数据库升级失败，数据未改动 / Store migration failed and was rolled back: ${describeError(e)}.${kept}`,
      { backupPath, cause: e },
    );
  } finally {
    sqlite.pragma('foreign_keys = ON');
  }
  const violations = sqlite.pragma('foreign_key_check') as unknown[];
  if (violations.length > 0) {
    throw new StoreOpenError(
      'MIGRATION_FAILED',
      `数据库升级后存在 ${violations.length} 处无效引用 / The migrated store has ${violations.length} broken reference(s).${kept}`,
      { backupPath },
    );
  }
}
