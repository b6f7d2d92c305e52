import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MEMORY_PATH, openDatabase, type OpenDatabaseOptions, type OpenedDatabase, type SqliteDatabase } from '@db/open';

/** A fresh store key: 32 random bytes as 64 hex characters, like the app's. */
export const randomKey = (): string => randomBytes(32).toString('hex');

/** A fresh in-memory store with the real migrations applied. */
export function openMemoryStore(options: Partial<OpenDatabaseOptions> = {}): OpenedDatabase {
  return openDatabase(MEMORY_PATH, { key: randomKey(), ...options });
}

export interface TempStore {
  /** A new temp folder holding only this store (and its backups). */
  dir: string;
  /** `<dir>/census.db`; does not exist until the first open. */
  path: string;
  key: string;
  /** Opens the store with its key; options override (e.g. a different key or migrations). */
  open(options?: Partial<OpenDatabaseOptions>): OpenedDatabase;
  /** Closes every connection opened through `open` and deletes the folder. */
  dispose(): void;
}

/** A temp-file store with a random key. Call `dispose()` in afterEach. */
export function createTempStore(): TempStore {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'census-store-'));
  const storePath = path.join(dir, 'census.db');
  const key = randomKey();
  const opened: SqliteDatabase[] = [];
  return {
    dir,
    path: storePath,
    key,
    open(options = {}) {
      const store = openDatabase(storePath, { key, ...options });
      opened.push(store.sqlite);
      return store;
    },
    dispose() {
      for (const sqlite of opened) if (sqlite.open) sqlite.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Every row of every table (the migration bookkeeping included), in a stable order: compare
 * a dump before and after an operation to prove it changed nothing.
 */
export function dumpStore(sqlite: SqliteDatabase): Record<string, unknown[]> {
  const tables = sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
  return Object.fromEntries(
    tables.map((t) => [t, sqlite.prepare(`SELECT * FROM "${t.replaceAll('"', '""')}" ORDER BY rowid`).all()]),
  );
}

export interface ExtraMigration {
  /** e.g. '0001_add_note'; becomes `<tag>.sql` and a journal entry. */
  tag: string;
  /** Statements, joined with drizzle-kit's breakpoint marker. */
  statements: string[];
  /** Journal `when`; defaults to one second after the previous entry (tests need not be in order). */
  when?: number;
}

/** The repo's db/migrations. */
export const repoMigrationsFolder = fileURLToPath(new URL('../../db/migrations', import.meta.url));

interface JournalEntry {
  idx: number;
  version: string;
  when: number;
  tag: string;
  breakpoints: boolean;
}

function readJournal(folder: string): { entries: JournalEntry[] } {
  return JSON.parse(fs.readFileSync(path.join(folder, 'meta', '_journal.json'), 'utf8')) as { entries: JournalEntry[] };
}

/** The repo's migrations as its journal lists them, oldest first. */
export function repoMigrations(): { tag: string; when: number }[] {
  return readJournal(repoMigrationsFolder).entries.map(({ tag, when }) => ({ tag, when }));
}

/** Tag of the repo's newest migration: the schemaVersion of a freshly opened store. */
export const latestRepoTag = (): string => repoMigrations().at(-1)?.tag ?? '';

/**
 * A copy of db/migrations in a new temp folder, with `extra` migrations appended as
 * drizzle-kit would write them: simulates a newer (or differently edited) build.
 */
export function copyMigrations(extra: ExtraMigration[] = []): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'census-migrations-'));
  fs.cpSync(repoMigrationsFolder, dir, { recursive: true });
  const journal = readJournal(dir);
  for (const m of extra) {
    const last = journal.entries.at(-1);
    journal.entries.push({
      idx: journal.entries.length,
      version: last?.version ?? '6',
      when: m.when ?? (last?.when ?? Date.now()) + 1000,
      tag: m.tag,
      breakpoints: true,
    });
    fs.writeFileSync(path.join(dir, `${m.tag}.sql`), m.statements.join('\n--> statement-breakpoint\n'));
  }
  fs.writeFileSync(path.join(dir, 'meta', '_journal.json'), JSON.stringify(journal, null, 2));
  return dir;
}
