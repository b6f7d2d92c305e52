import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { AppError } from '@shared/result';
import type { BackupState } from '@shared/startup/startup';
import { listBackups, type BackupFile } from '@shared/node/sqlite/backup';
import { keyConnection, probeKey, readFirstPage } from '@shared/node/sqlite/cipher';
import { fsyncFile, renameDurably } from '@shared/node/durable-file';
import { describeError } from '@shared/node/sqlite/errors';
import { checkIntegrity } from './integrity';

// What the start-up screen does with a store that will not open: list the backups with what
// this installation's key makes of them, and, once the user has confirmed, put a backup in
// the store's place or clear the way for a new store. The store's files are only ever renamed
// into `<store dir>/damaged/`, never deleted or overwritten: technical support may still
// recover what the damaged file holds.

export interface CheckedBackup extends BackupFile {
  state: BackupState;
}

/** `<store dir>/damaged`: where recovery moves a store it replaces. */
export const damagedDir = (storePath: string): string => path.join(path.dirname(storePath), 'damaged');

/**
 * The store's backups, newest first, each probed with `key`: 'usable' when its first page
 * opens with the key (the full check runs when one is chosen), 'wrong-key' when it does not.
 */
export function checkBackups(storePath: string, backupDir: string, key: string | undefined): CheckedBackup[] {
  return listBackups(storePath, backupDir).map((b) => ({ ...b, state: probeState(b.path, key) }));
}

function probeState(file: string, key: string | undefined): BackupState {
  if (key === undefined) return 'wrong-key';
  try {
    const probe = probeKey(file, key);
    return probe === 'opens' ? 'usable' : probe === 'refused' ? 'wrong-key' : 'damaged';
  } catch {
    return 'damaged';
  }
}

const stamp = (d: Date): string => d.toISOString().replace(/[-:.]/g, '');

/**
 * Moves the store file and its -wal and -shm (whichever exist) into `damaged/` under one
 * timestamped name, so they stay together and nothing at the store path is left to open.
 * Returns the new paths.
 */
export function setAsideStore(storePath: string, now: Date = new Date()): string[] {
  const dir = damagedDir(storePath);
  fs.mkdirSync(dir, { recursive: true });
  const parsed = path.parse(storePath);
  let base = path.join(dir, `${parsed.name}-${stamp(now)}${parsed.ext}`);
  // Two recoveries in the same millisecond would collide; never overwrite a kept file.
  for (let n = 2; fs.existsSync(base); n++) base = path.join(dir, `${parsed.name}-${stamp(now)}-${n}${parsed.ext}`);
  const moved: string[] = [];
  for (const suffix of ['', '-wal', '-shm']) {
    if (!fs.existsSync(storePath + suffix)) continue;
    renameDurably(storePath + suffix, base + suffix);
    moved.push(base + suffix);
  }
  return moved;
}

/**
 * The full check of a chosen backup, read-only: it must open with the key and pass
 * integrity_check before it may replace anything. Throws AppError('RULE_VIOLATION').
 */
function verifyBackup(backup: CheckedBackup, key: string): void {
  let sqlite: Database.Database | null = null;
  try {
    sqlite = new Database(backup.path, { readonly: true, fileMustExist: true });
    keyConnection(sqlite, key);
    readFirstPage(sqlite);
    checkIntegrity(sqlite, 'full');
  } catch (e) {
    throw new AppError(
      'RULE_VIOLATION',
      `该备份无法使用，未作任何改动 / The backup ${backup.name} cannot be used, nothing was changed: ${describeError(e)}`,
    );
  } finally {
    sqlite?.close();
  }
}

export interface Restored {
  backup: CheckedBackup;
  setAside: string[];
}

/**
 * Puts the backup called `name` in the store's place: checks it in full, moves the damaged
 * store aside, then copies the backup (the backup itself stays) under a temporary name,
 * flushes it and renames it to the store path. The caller opens the store again.
 */
export function restoreBackup(
  storePath: string,
  backupDir: string,
  key: string,
  name: string,
  now: Date = new Date(),
): Restored {
  // Only a name the folder lists: never a path from the renderer.
  const backup = checkBackups(storePath, backupDir, key).find((b) => b.name === name);
  if (!backup) throw new AppError('NOT_FOUND', `没有这个备份 / No backup called ${name}`);
  if (backup.state !== 'usable') {
    throw new AppError('RULE_VIOLATION', `该备份无法用本机密钥打开 / The backup ${name} does not open with this key`);
  }
  verifyBackup(backup, key);
  const setAside = setAsideStore(storePath, now);
  const partial = `${storePath}.restoring`;
  fs.rmSync(partial, { force: true });
  fs.copyFileSync(backup.path, partial, fs.constants.COPYFILE_EXCL);
  fsyncFile(partial);
  renameDurably(partial, storePath);
  return { backup, setAside };
}
