import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { SafeStorage } from 'electron';
import { z } from 'zod';

// The local store is encrypted with a per-installation random key. The key lives next to the
// store in userData, itself encrypted with the OS keystore through Electron's safeStorage
// (DPAPI on Windows, libsecret/KWallet on Linux). Losing the key file means losing the store,
// so nothing here makes a new key while a store exists or replaces a key file with another key.
// No runtime `electron` import: index.ts passes safeStorage in, tests pass a stand-in.

export const KEY_FILE_NAME = 'census.key';
export const ALLOW_WEAK_ENV = 'CENSUS_ALLOW_WEAK_KEYSTORE';

export type KeyStorage = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'> & {
  getSelectedStorageBackend?: () => string;
};

/** strong: an OS keystore; weak: Linux 'basic_text' (Chromium's fixed password); unavailable. */
export type Keystore = 'strong' | 'weak' | 'unavailable';
export type Protection = 'safeStorage' | 'plain';
export type KeyFileState = 'missing' | 'corrupt' | Protection;

export type KeyStoreErrorCode =
  | 'KEY_FILE_MISSING'
  | 'KEY_FILE_CORRUPT'
  | 'KEY_UNREADABLE'
  | 'WEAK_KEYSTORE'
  | 'NO_KEYSTORE';

export type KeyDecision =
  | { action: 'create'; protection: Protection }
  | { action: 'read'; protection: Protection; reprotect: boolean }
  | { action: 'refuse'; code: KeyStoreErrorCode };

/**
 * What to do at start-up. Refusing is always preferred to anything that could orphan an
 * existing store (a new key over it) or leave the key readable by anyone with the disk
 * (plaintext) without the operator having asked for that with CENSUS_ALLOW_WEAK_KEYSTORE=1.
 */
export function decideKeyAction(state: {
  keyFile: KeyFileState;
  storeExists: boolean;
  keystore: Keystore;
  allowWeak: boolean;
}): KeyDecision {
  const { keyFile, storeExists, keystore, allowWeak } = state;
  switch (keyFile) {
    case 'missing':
      if (storeExists) return { action: 'refuse', code: 'KEY_FILE_MISSING' };
      if (keystore === 'strong') return { action: 'create', protection: 'safeStorage' };
      if (!allowWeak) return { action: 'refuse', code: keystore === 'weak' ? 'WEAK_KEYSTORE' : 'NO_KEYSTORE' };
      return { action: 'create', protection: keystore === 'weak' ? 'safeStorage' : 'plain' };
    case 'corrupt':
      return { action: 'refuse', code: 'KEY_FILE_CORRUPT' };
    case 'safeStorage':
      // A key already wrapped by a weak backend is read as is: refusing would only lock the
      // user out of data whose protection was accepted when the key was made.
      if (keystore === 'unavailable') return { action: 'refuse', code: 'NO_KEYSTORE' };
      return { action: 'read', protection: 'safeStorage', reprotect: false };
    case 'plain':
      // A plaintext key (made under CENSUS_ALLOW_WEAK_KEYSTORE=1) moves into a real keystore
      // as soon as one exists.
      if (keystore === 'strong') return { action: 'read', protection: 'plain', reprotect: true };
      if (!allowWeak) return { action: 'refuse', code: 'WEAK_KEYSTORE' };
      return { action: 'read', protection: 'plain', reprotect: false };
  }
}

export function classifyKeystore(storage: KeyStorage, platform: NodeJS.Platform): Keystore {
  if (!storage.isEncryptionAvailable()) return 'unavailable';
  if (platform !== 'linux') return 'strong';
  // 'unknown' is only reported before app 'ready'; treat it like basic_text rather than trust it.
  const backend = storage.getSelectedStorageBackend?.() ?? 'unknown';
  return backend === 'basic_text' || backend === 'unknown' ? 'weak' : 'strong';
}

const KeyFile = z.object({
  format: z.literal('census-store-key'),
  version: z.literal(1),
  protection: z.enum(['safeStorage', 'plain']),
  /** base64 of safeStorage.encryptString(key), or the hex key itself when plain. */
  data: z.string().min(1),
  createdAt: z.string(),
  backend: z.string().optional(),
});
type KeyFile = z.infer<typeof KeyFile>;

const KEY_PATTERN = /^[0-9a-f]{64}$/;

const messages: Record<KeyStoreErrorCode, (p: { keyPath: string; storePath: string }) => string> = {
  KEY_FILE_MISSING: (p) =>
    `找到了本地数据库 ${p.storePath}，但缺少它的密钥文件 ${p.keyPath}。没有密钥无法打开数据库；为免覆盖已有数据，程序不会新建数据库，也未改动任何文件。请从备份恢复密钥文件，或联系区统计局技术支持。\n\n` +
    `The local store exists but its key file is missing (${p.keyPath}). Nothing was changed; restore the key file from a backup.`,
  KEY_FILE_CORRUPT: (p) =>
    `数据库密钥文件 ${p.keyPath} 已损坏，无法读取。程序未改动任何文件。请从备份恢复该文件，或联系区统计局技术支持。\n\n` +
    `The store key file is damaged (${p.keyPath}). Nothing was changed; restore it from a backup.`,
  KEY_UNREADABLE: (p) =>
    `无法用系统密钥库解密数据库密钥文件 ${p.keyPath}。常见原因：换了操作系统用户登录、系统密钥环被重置或锁定，或在另一台电脑上打开了复制来的数据。请用原来的用户登录并解锁密钥环后重试。程序未改动任何文件。\n\n` +
    `The OS keystore could not decrypt the store key (${p.keyPath}); sign in as the original user and unlock the keyring. Nothing was changed.`,
  WEAK_KEYSTORE: () =>
    `本机没有可用的系统密钥环（如 GNOME 密钥环或 KWallet），数据库密钥只能以等同明文的方式保存。为保护调查对象数据，程序将退出。请在桌面环境中启用系统密钥环后重试；如确需在此环境运行（例如测试机），可设置环境变量 ${ALLOW_WEAK_ENV}=1 后启动。\n\n` +
    `No OS keyring is available, so the store key could only be kept as good as plaintext. Enable a keyring, or start with ${ALLOW_WEAK_ENV}=1 to accept that.`,
  NO_KEYSTORE: () =>
    `系统加密服务不可用，无法安全保存或读取数据库密钥，程序将退出。请检查系统密钥环或用户配置后重试；如确需在此环境运行（例如测试机），可设置环境变量 ${ALLOW_WEAK_ENV}=1 后启动（密钥将以明文保存）。\n\n` +
    `OS encryption (safeStorage) is unavailable. Start with ${ALLOW_WEAK_ENV}=1 to keep the key in plaintext.`,
};

export class KeyStoreError extends Error {
  constructor(
    readonly code: KeyStoreErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'KeyStoreError';
  }
}

export interface StoreKeyOptions {
  userDataDir: string;
  storePath: string;
  storage: KeyStorage;
  platform: NodeJS.Platform;
  allowWeak: boolean;
  now?: () => Date;
}

export interface StoreKey {
  key: string;
  keyPath: string;
  isNew: boolean;
  protection: Protection;
}

function readKeyFile(keyPath: string): KeyFile | 'missing' | 'corrupt' {
  if (!existsSync(keyPath)) return 'missing';
  try {
    const parsed = KeyFile.safeParse(JSON.parse(readFileSync(keyPath, 'utf8')));
    return parsed.success ? parsed.data : 'corrupt';
  } catch (e) {
    if (e instanceof SyntaxError) return 'corrupt';
    throw e;
  }
}

/** Write-then-rename with fsync: a crash leaves the old file or the new one, never half a key. */
function writeFileDurably(filePath: string, contents: string): void {
  const tmp = `${filePath}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    writeSync(fd, contents);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, filePath);
  if (process.platform !== 'win32') {
    const dir = openSync(path.dirname(filePath), 'r');
    try {
      fsyncSync(dir);
    } finally {
      closeSync(dir);
    }
  }
}

function wrap(key: string, protection: Protection, opts: StoreKeyOptions): KeyFile {
  const backend = opts.platform === 'linux' ? opts.storage.getSelectedStorageBackend?.() : undefined;
  return {
    format: 'census-store-key',
    version: 1,
    protection,
    data: protection === 'plain' ? key : opts.storage.encryptString(key).toString('base64'),
    createdAt: (opts.now ?? (() => new Date()))().toISOString(),
    ...(backend ? { backend } : {}),
  };
}

/** Wraps and unwraps once in memory, so a keystore that cannot round-trip never gets written. */
function wrapChecked(key: string, protection: Protection, opts: StoreKeyOptions, keyPath: string): KeyFile {
  const wrapped = wrap(key, protection, opts);
  if (unwrap(wrapped, opts, keyPath) !== key) throw new Error('The keystore did not return the key it was given');
  return wrapped;
}

function unwrap(file: KeyFile, opts: StoreKeyOptions, keyPath: string): string {
  let key: string;
  if (file.protection === 'plain') {
    key = file.data;
  } else {
    try {
      key = opts.storage.decryptString(Buffer.from(file.data, 'base64'));
    } catch {
      throw fail('KEY_UNREADABLE', keyPath, opts.storePath);
    }
  }
  if (!KEY_PATTERN.test(key)) throw fail('KEY_FILE_CORRUPT', keyPath, opts.storePath);
  return key;
}

function fail(code: KeyStoreErrorCode, keyPath: string, storePath: string): KeyStoreError {
  return new KeyStoreError(code, messages[code]({ keyPath, storePath }));
}

/**
 * Returns the store key, creating and saving one on first run. Throws KeyStoreError (Chinese
 * and English message, for a dialog) when it must refuse; I/O errors propagate as they are.
 */
export function loadOrCreateStoreKey(opts: StoreKeyOptions): StoreKey {
  const keyPath = path.join(opts.userDataDir, KEY_FILE_NAME);
  const file = readKeyFile(keyPath);
  const decision = decideKeyAction({
    keyFile: typeof file === 'string' ? file : file.protection,
    storeExists: existsSync(opts.storePath),
    keystore: classifyKeystore(opts.storage, opts.platform),
    allowWeak: opts.allowWeak,
  });
  switch (decision.action) {
    case 'refuse':
      throw fail(decision.code, keyPath, opts.storePath);
    case 'read': {
      if (typeof file === 'string') throw new Error(`Key file state ${file} cannot be read`);
      const key = unwrap(file, opts, keyPath);
      if (decision.reprotect) writeFileDurably(keyPath, JSON.stringify(wrapChecked(key, 'safeStorage', opts, keyPath)));
      return { key, keyPath, isNew: false, protection: decision.reprotect ? 'safeStorage' : file.protection };
    }
    case 'create': {
      mkdirSync(opts.userDataDir, { recursive: true });
      const key = randomBytes(32).toString('hex');
      writeFileDurably(keyPath, JSON.stringify(wrapChecked(key, decision.protection, opts, keyPath)));
      // Read the file back before any store is made with the key: one we could not reopen
      // would orphan everything written with it.
      const saved = readKeyFile(keyPath);
      if (typeof saved === 'string' || unwrap(saved, opts, keyPath) !== key) {
        throw new Error(`The new store key at ${keyPath} did not read back`);
      }
      return { key, keyPath, isNew: true, protection: decision.protection };
    }
  }
}
