import Database from 'better-sqlite3-multiple-ciphers';

export type SqliteDatabase = Database.Database;

/** SQLCipher 4's page size; every encrypted store file is a whole number of pages. */
export const CIPHER_PAGE_SIZE = 4096;

const KEY_PATTERN = /^[0-9a-fA-F]{64}$/;

/** Checked before a key is spliced into a PRAGMA: only hex digits can ever reach SQL. */
export const isStoreKey = (key: string): boolean => KEY_PATTERN.test(key);

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
export function keyConnection(sqlite: SqliteDatabase, key: string): void {
  if (!isStoreKey(key)) throw new Error('the store key must be 64 hex characters');
  sqlite.pragma("cipher = 'sqlcipher'");
  sqlite.pragma('legacy = 4');
  sqlite.pragma(`key = "x'${key}'"`);
}

/** The first read decrypts page 1: a wrong key or a damaged page 1 fails its HMAC here. */
export function readFirstPage(sqlite: SqliteDatabase): void {
  sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
}

export const sqliteCode = (e: unknown): string | null =>
  e instanceof Database.SqliteError ? e.code : null;

/** SQLITE_CORRUPT and its extended codes (SQLITE_CORRUPT_VTAB, …). */
export const isCorruptError = (e: unknown): boolean => sqliteCode(e)?.startsWith('SQLITE_CORRUPT') ?? false;
export const isNotADatabaseError = (e: unknown): boolean => sqliteCode(e) === 'SQLITE_NOTADB';

export type KeyProbe = 'opens' | 'refused' | 'corrupt';

/**
 * Does `key` open the store file at `file`? Opened read-only and closed again. 'refused': page 1
 * fails its check (another key, or damage); 'corrupt': page 1 opens but a later read fails.
 */
export function probeKey(file: string, key: string): KeyProbe {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  try {
    keyConnection(sqlite, key);
    readFirstPage(sqlite);
    return 'opens';
  } catch (e) {
    if (isNotADatabaseError(e)) return 'refused';
    if (isCorruptError(e)) return 'corrupt';
    throw e;
  } finally {
    sqlite.close();
  }
}
