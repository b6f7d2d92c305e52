import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3-multiple-ciphers';
import { fsyncFile, renameDurably } from '../durable-file';
import { describeError, StoreOpenError } from './errors';

// Copies of the store, still encrypted with its key, in `<store dir>/backups`:
//   <name>-<stamp>-before-<tag>.db  taken before a migration (the newest BACKUPS_KEPT kept)
//   <name>-<stamp>-daily.db         a rolling daily copy (the newest DAILY_BACKUPS_KEPT kept)
// The start-up screen lists them when the store cannot be opened (db/recovery.ts restores one).

/** How many pre-migration backups of one store are kept; older ones are pruned. */
export const BACKUPS_KEPT = 5;
/** How many daily copies are kept: a few days back, without filling a laptop's disk. */
export const DAILY_BACKUPS_KEPT = 3;
/** A daily copy is due once the newest is this old (not 24 h: the app starts at varying hours). */
export const DAILY_BACKUP_AGE_MS = 20 * 60 * 60 * 1000;

/** `<dir>/backups`, next to the store. */
export const defaultBackupDir = (storePath: string): string => path.join(path.dirname(storePath), 'backups');

// 20250101T093000123Z: sortable as text and safe in file names on every platform.
const stamp = (d: Date): string => d.toISOString().replace(/[-:.]/g, '');
const STAMP = '(\\d{8}T\\d{9}Z)';

function stampToIso(s: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z$/.exec(s);
  if (!m) throw new Error(`not a backup stamp: ${s}`);
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${m[7]}Z`;
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const beforePattern = (name: string) => new RegExp(`^${escapeRegExp(name)}-${STAMP}-before-(.+)\\.db$`);
const dailyPattern = (name: string) => new RegExp(`^${escapeRegExp(name)}-${STAMP}-daily\\.db$`);

/**
 * Copies the open store to `target` with VACUUM INTO: SQLite's online copy, read in one
 * transaction, so the copy is a consistent snapshot while the app keeps writing through WAL,
 * and every page is read through the cipher, so a page that fails its check fails the copy
 * instead of being copied. SQLite3 Multiple Ciphers writes the copy with the source's cipher
 * and key. (The backup API cannot be used: better-sqlite3 opens the destination without a key,
 * and the cipher library refuses to copy an encrypted store into a plaintext file.) The copy
 * is written under a temporary name, fsynced and only then renamed, so a backup that exists
 * is a complete one.
 */
export function copyStoreInto(sqlite: Database.Database, target: string): void {
  const partial = `${target}.partial`;
  // Left by a copy that crashed half-way: ours, incomplete, and in the way of VACUUM INTO.
  fs.rmSync(partial, { force: true });
  try {
    sqlite.prepare('VACUUM INTO ?').run(partial);
    fsyncFile(partial);
    renameDurably(partial, target);
  } catch (e) {
    fs.rmSync(partial, { force: true });
    throw e;
  }
}

/**
 * Copies the store to `<backupDir>/<name>-<timestamp>-before-<tag>.db` before migrating it and
 * returns the copy's path; prunes all but the newest BACKUPS_KEPT of these.
 */
export function backupStore(
  sqlite: Database.Database,
  storePath: string,
  backupDir: string,
  beforeTag: string,
  now: Date = new Date(),
): string {
  try {
    fs.mkdirSync(backupDir, { recursive: true });
    const name = path.parse(storePath).name;
    const target = path.join(backupDir, `${name}-${stamp(now)}-before-${beforeTag}.db`);
    copyStoreInto(sqlite, target);
    pruneBackups(backupDir, name);
    return target;
  } catch (e) {
    throw new StoreOpenError(
      'IO',
      `升级前备份失败，未做任何改动 / Could not back up the store before migrating, nothing was changed: ${describeError(e)}`,
      { cause: e },
    );
  }
}

export interface BackupFile {
  name: string;
  path: string;
  kind: 'daily' | 'before-migration';
  takenAt: string;
  bytes: number;
  beforeTag: string | null;
}

/** The store's backups in `backupDir`, newest first; an absent folder holds none. */
export function listBackups(storePath: string, backupDir: string): BackupFile[] {
  const name = path.parse(storePath).name;
  const before = beforePattern(name);
  const daily = dailyPattern(name);
  let files: string[];
  try {
    files = fs.readdirSync(backupDir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  const found: BackupFile[] = [];
  for (const file of files) {
    const b = before.exec(file);
    const d = b ? null : daily.exec(file);
    const takenStamp = b?.[1] ?? d?.[1];
    if (takenStamp === undefined) continue;
    const full = path.join(backupDir, file);
    const stat = fs.statSync(full, { throwIfNoEntry: false });
    if (!stat?.isFile()) continue;
    found.push({
      name: file,
      path: full,
      kind: b ? 'before-migration' : 'daily',
      takenAt: stampToIso(takenStamp),
      bytes: stat.size,
      beforeTag: b?.[2] ?? null,
    });
  }
  return found.sort((x, y) => (x.takenAt < y.takenAt ? 1 : x.takenAt > y.takenAt ? -1 : 0));
}

/**
 * Takes the daily copy when the newest is DAILY_BACKUP_AGE_MS old or there is none, and prunes
 * all but the newest DAILY_BACKUPS_KEPT. Returns the new copy's path, or null when none was due.
 * Call it only on a store that has passed its integrity check.
 */
export function takeDailyBackup(
  sqlite: Database.Database,
  storePath: string,
  backupDir: string,
  now: Date = new Date(),
): string | null {
  const newest = listBackups(storePath, backupDir).find((b) => b.kind === 'daily');
  // A copy stamped in the future (a clock set back) does not hold off today's.
  if (newest) {
    const age = now.getTime() - Date.parse(newest.takenAt);
    if (age >= 0 && age < DAILY_BACKUP_AGE_MS) return null;
  }
  fs.mkdirSync(backupDir, { recursive: true });
  const name = path.parse(storePath).name;
  const target = path.join(backupDir, `${name}-${stamp(now)}-daily.db`);
  copyStoreInto(sqlite, target);
  prune(backupDir, dailyPattern(name), DAILY_BACKUPS_KEPT);
  return target;
}

function prune(backupDir: string, pattern: RegExp, kept: number): string[] {
  const backups = fs
    .readdirSync(backupDir)
    .filter((f) => pattern.test(f))
    .sort()
    .reverse();
  const removed = backups.slice(kept);
  for (const file of removed) fs.rmSync(path.join(backupDir, file));
  return removed;
}

/** Deletes all but the newest BACKUPS_KEPT pre-migration backups of the store called `name`. */
export function pruneBackups(backupDir: string, name: string): string[] {
  return prune(backupDir, beforePattern(name), BACKUPS_KEPT);
}
