import fs from 'node:fs';
import { listBackups } from '@shared/node/sqlite/backup';
import { CIPHER_PAGE_SIZE, isCorruptError, isNotADatabaseError, probeKey, type SqliteDatabase } from '@shared/node/sqlite/cipher';
import { describeError, StoreOpenError } from '@shared/node/sqlite/errors';
import { verifyKeyCheck } from './key-check';

// Telling a damaged store from a wrong key and from a new one, before anything is written.
// The store file is never repaired, truncated or replaced here: a refused store is left
// exactly as it was for the start-up screen to offer a backup (db/recovery.ts).

const PLAINTEXT_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

export type IntegrityCheck = 'quick' | 'full' | 'none';

const damaged = (damage: 'empty' | 'incomplete' | 'wal-only', message: string): StoreOpenError =>
  new StoreOpenError('DAMAGED', message, { damage });

/**
 * 'missing' when no store is there yet, 'present' when a file that may be a store is. Only a
 * missing file is ever new: a 0-byte file, a file that is not a whole number of pages or a
 * write-ahead log without its store is a damaged store, never a fresh start (opening one would
 * write an empty store over whatever was meant to be there). A plaintext SQLite file is refused
 * too: we do not silently encrypt, or pretend to have encrypted, someone's data.
 */
export function inspectStoreFile(storePath: string): 'missing' | 'present' {
  let size: number;
  const header = Buffer.alloc(PLAINTEXT_HEADER.length);
  try {
    const stat = fs.statSync(storePath, { throwIfNoEntry: false });
    if (!stat) {
      const wal = fs.statSync(`${storePath}-wal`, { throwIfNoEntry: false });
      if (wal && wal.size > 0) {
        throw damaged(
          'wal-only',
          `数据文件缺失，只剩写入日志 ${storePath}-wal / The store file is missing but its write-ahead log is still there`,
        );
      }
      return 'missing';
    }
    if (!stat.isFile()) throw new Error('the path is not a file');
    size = stat.size;
    if (size > 0) {
      const fd = fs.openSync(storePath, 'r');
      try {
        fs.readSync(fd, header, 0, header.length, 0);
      } finally {
        fs.closeSync(fd);
      }
    }
  } catch (e) {
    if (e instanceof StoreOpenError) throw e;
    throw new StoreOpenError('IO', `无法读取数据文件 / Cannot read the store file ${storePath}: ${describeError(e)}`, {
      cause: e,
    });
  }
  if (size === 0) throw damaged('empty', '数据文件为空（0 字节）/ The store file is empty (0 bytes)');
  if (header.equals(PLAINTEXT_HEADER)) {
    throw new StoreOpenError(
      'NOT_A_DATABASE',
      '该文件是未加密的数据库，拒绝打开 / The file is an unencrypted SQLite database, not an encrypted store',
    );
  }
  if (size % CIPHER_PAGE_SIZE !== 0) {
    throw damaged(
      'incomplete',
      `数据文件不完整：${size} 字节不是整数个 ${CIPHER_PAGE_SIZE} 字节的数据页 / The store file is cut short or not a store: ${size} bytes is not a whole number of ${CIPHER_PAGE_SIZE}-byte pages`,
    );
  }
  return 'present';
}

/**
 * The store's first read failed. SQLITE_CORRUPT: page 1 decrypted, so the key is right and the
 * file is damaged further in (typically cut short at a page boundary). SQLITE_NOTADB: page 1
 * failed its HMAC, which a wrong key and a damaged page 1 do alike; two witnesses decide. The
 * key-check file (db/key-check.ts) says directly whether this is the store's key. The store's
 * backups, sealed with the store's key, say it too: one that opens proves the key right, and
 * backups that all refuse it prove it wrong. With no witness we say we cannot tell.
 */
export function explainFirstReadFailure(
  error: unknown,
  storePath: string,
  key: string,
  backupDir: string,
): StoreOpenError {
  if (isCorruptError(error)) {
    return new StoreOpenError(
      'DAMAGED',
      `数据文件已损坏，部分数据页无法读取 / The store is damaged: pages past the first cannot be read (${describeError(error)})`,
      { damage: 'pages', cause: error },
    );
  }
  if (!isNotADatabaseError(error)) {
    return new StoreOpenError('IO', `打开数据文件失败 / Opening the store failed: ${describeError(error)}`, {
      cause: error,
    });
  }
  const byBackups = backupsSayOfKey(storePath, key, backupDir);
  const byCheckFile = verifyKeyCheck(storePath, key);
  if (byBackups === 'right' || byCheckFile === 'matches') {
    const witness = byBackups === 'right' ? 'the key opens this store’s backups' : 'the key-check file confirms the key';
    return new StoreOpenError('DAMAGED', `数据文件首页已损坏，密钥无误 / Page 1 of the store is damaged: ${witness}`, {
      damage: 'header',
      cause: error,
    });
  }
  if (byCheckFile === 'differs' || byBackups === 'wrong') {
    const witness = byCheckFile === 'differs' ? 'the key-check file' : 'none of its backups opens with it';
    return new StoreOpenError(
      'WRONG_KEY',
      `数据加密密钥与该数据文件不符 / The store key is not the key of this store (${witness})`,
      { cause: error },
    );
  }
  return new StoreOpenError(
    'UNREADABLE',
    '无法读取数据文件：密钥不对，或文件首页已损坏，无从分辨 / The store cannot be read: a wrong key or a damaged page 1, and nothing tells which',
    { cause: error },
  );
}

/**
 * 'right' when a backup of this store opens with `key`, 'wrong' when backups exist and every
 * one whose page 1 could be read refuses it, 'unknown' otherwise (none, or none readable).
 */
function backupsSayOfKey(storePath: string, key: string, backupDir: string): 'right' | 'wrong' | 'unknown' {
  let refused = 0;
  let backups;
  try {
    backups = listBackups(storePath, backupDir);
  } catch {
    return 'unknown';
  }
  for (const backup of backups) {
    try {
      if (probeKey(backup.path, key) !== 'refused') return 'right';
      refused += 1;
    } catch {
      // An unreadable backup witnesses nothing.
    }
  }
  return refused > 0 ? 'wrong' : 'unknown';
}

/**
 * PRAGMA quick_check (every page read and decrypted, b-tree structure and record formats
 * checked: ~0.1 s for an enumerator's 10,000 units) or integrity_check (also every index entry
 * against its row: about twice as long). A page failing its HMAC makes SQLite throw rather than
 * report; both come out as DAMAGED ('pages').
 */
export function checkIntegrity(sqlite: SqliteDatabase, check: IntegrityCheck): void {
  if (check === 'none') return;
  const pragma = check === 'full' ? 'integrity_check' : 'quick_check';
  let problems: string[];
  try {
    problems = (sqlite.pragma(pragma, { simple: false }) as Record<string, string>[])
      .map((row) => Object.values(row)[0] ?? '')
      .filter((line) => line !== 'ok');
  } catch (e) {
    if (isCorruptError(e) || isNotADatabaseError(e)) problems = [describeError(e)];
    else throw e;
  }
  if (problems.length === 0) return;
  const shown = problems.slice(0, 5).join('; ');
  throw new StoreOpenError(
    'DAMAGED',
    `数据文件完整性检查未通过 / The store failed its ${check} integrity check: ${shown}${problems.length > 5 ? ' …' : ''}`,
    { damage: 'pages' },
  );
}
