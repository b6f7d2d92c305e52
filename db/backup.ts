import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3-multiple-ciphers';
import { describeError, StoreOpenError } from './errors';

/** How many pre-migration backups of one store are kept; older ones are pruned. */
export const BACKUPS_KEPT = 5;

/** `<dir>/backups`, next to the store. */
export const defaultBackupDir = (storePath: string): string => path.join(path.dirname(storePath), 'backups');

// 20250101T093000123Z: sortable as text and safe in file names on every platform.
const stamp = (d: Date): string => d.toISOString().replace(/[-:.]/g, '');

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function sha256(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/**
 * Copies the store, still encrypted, to `<backupDir>/<name>-<timestamp>-before-<tag>.db` and
 * returns the copy's path. The WAL is checkpointed into the main file first so the single
 * file is the whole store. The copy is written under a temporary name, fsynced, compared
 * with the source and only then renamed, so a backup that exists is a complete one.
 */
export function backupStore(
  sqlite: Database.Database,
  storePath: string,
  backupDir: string,
  beforeTag: string,
  now: Date = new Date(),
): string {
  try {
    const [checkpoint] = sqlite.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    if (checkpoint && checkpoint.busy !== 0) {
      throw new Error('another connection is using the store, so its WAL could not be checkpointed');
    }
    fs.mkdirSync(backupDir, { recursive: true });
    const name = path.parse(storePath).name;
    const target = path.join(backupDir, `${name}-${stamp(now)}-before-${beforeTag}.db`);
    const partial = `${target}.partial`;
    fs.copyFileSync(storePath, partial, fs.constants.COPYFILE_EXCL);
    const fd = fs.openSync(partial, 'r+');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    if (sha256(partial) !== sha256(storePath)) throw new Error('the copy differs from the store');
    fs.renameSync(partial, target);
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

/** Deletes all but the newest BACKUPS_KEPT backups of the store called `name`. */
export function pruneBackups(backupDir: string, name: string): string[] {
  const pattern = new RegExp(`^${escapeRegExp(name)}-(\\d{8}T\\d{9}Z)-before-.+\\.db$`);
  const backups = fs
    .readdirSync(backupDir)
    .filter((f) => pattern.test(f))
    .sort()
    .reverse();
  const removed = backups.slice(BACKUPS_KEPT);
  for (const file of removed) fs.rmSync(path.join(backupDir, file));
  return removed;
}
