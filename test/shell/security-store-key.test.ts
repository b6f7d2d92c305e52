import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  classifyKeystore,
  decideKeyAction,
  KEY_FILE_NAME,
  KeyStoreError,
  loadOrCreateStoreKey,
  type KeyFileState,
  type Keystore,
  type KeyStorage,
  type StoreKeyOptions,
} from '@main/shell/store-key';

/**
 * Stands in for Electron's safeStorage (which needs a running app): AES-less but keyed, so a
 * different "keyring" (another instance) cannot decrypt, and the ciphertext never contains
 * the key in the clear.
 */
function fakeKeystore(opts: { available?: boolean; backend?: string } = {}): KeyStorage & { secret: Buffer } {
  const secret = randomBytes(32);
  const xor = (data: Buffer) => Buffer.from(data.map((b, i) => b ^ (secret[i % secret.length] ?? 0)));
  return {
    secret,
    isEncryptionAvailable: () => opts.available ?? true,
    getSelectedStorageBackend: () => opts.backend ?? 'gnome_libsecret',
    encryptString: (plain) => Buffer.concat([Buffer.from('v11'), secret.subarray(0, 4), xor(Buffer.from(plain))]),
    decryptString: (encrypted) => {
      if (!encrypted.subarray(3, 7).equals(secret.subarray(0, 4))) throw new Error('Error while decrypting');
      return xor(encrypted.subarray(7)).toString();
    },
  };
}

describe('decideKeyAction', () => {
  const decide = (keyFile: KeyFileState, storeExists: boolean, keystore: Keystore, allowWeak = false) =>
    decideKeyAction({ keyFile, storeExists, keystore, allowWeak });

  it('creates a key in the OS keystore on first run', () => {
    expect(decide('missing', false, 'strong')).toEqual({ action: 'create', protection: 'safeStorage' });
  });

  it('never makes a new key while a store exists, whatever the keystore or override', () => {
    for (const keystore of ['strong', 'weak', 'unavailable'] as const) {
      expect(decide('missing', true, keystore, true)).toEqual({ action: 'refuse', code: 'KEY_FILE_MISSING' });
    }
  });

  it('refuses a weak or missing keystore unless the operator allowed it', () => {
    expect(decide('missing', false, 'weak')).toEqual({ action: 'refuse', code: 'WEAK_KEYSTORE' });
    expect(decide('missing', false, 'unavailable')).toEqual({ action: 'refuse', code: 'NO_KEYSTORE' });
    expect(decide('missing', false, 'weak', true)).toEqual({ action: 'create', protection: 'safeStorage' });
    expect(decide('missing', false, 'unavailable', true)).toEqual({ action: 'create', protection: 'plain' });
  });

  it('reads an existing wrapped key, and refuses when nothing can unwrap it', () => {
    expect(decide('safeStorage', true, 'strong')).toEqual({ action: 'read', protection: 'safeStorage', reprotect: false });
    expect(decide('safeStorage', true, 'weak')).toEqual({ action: 'read', protection: 'safeStorage', reprotect: false });
    expect(decide('safeStorage', true, 'unavailable', true)).toEqual({ action: 'refuse', code: 'NO_KEYSTORE' });
  });

  it('moves a plaintext key into a real keystore when one appears, else needs the override', () => {
    expect(decide('plain', true, 'strong')).toEqual({ action: 'read', protection: 'plain', reprotect: true });
    expect(decide('plain', true, 'weak')).toEqual({ action: 'refuse', code: 'WEAK_KEYSTORE' });
    expect(decide('plain', true, 'unavailable', true)).toEqual({ action: 'read', protection: 'plain', reprotect: false });
  });

  it('refuses a damaged key file rather than replacing it', () => {
    expect(decide('corrupt', false, 'strong', true)).toEqual({ action: 'refuse', code: 'KEY_FILE_CORRUPT' });
  });
});

describe('classifyKeystore', () => {
  it("treats Linux's basic_text (a fixed password) and an unknown backend as weak", () => {
    expect(classifyKeystore(fakeKeystore({ backend: 'basic_text' }), 'linux')).toBe('weak');
    expect(classifyKeystore(fakeKeystore({ backend: 'unknown' }), 'linux')).toBe('weak');
    expect(classifyKeystore(fakeKeystore({ backend: 'kwallet6' }), 'linux')).toBe('strong');
  });

  it('trusts DPAPI/Keychain when available and never asks them for a Linux backend', () => {
    const storage = fakeKeystore();
    storage.getSelectedStorageBackend = () => {
      throw new Error('linux only');
    };
    expect(classifyKeystore(storage, 'win32')).toBe('strong');
    expect(classifyKeystore(fakeKeystore({ available: false }), 'win32')).toBe('unavailable');
  });
});

describe('loadOrCreateStoreKey', () => {
  let dir: string;
  let storePath: string;
  let keyPath: string;
  const options = (storage: KeyStorage, extra: Partial<StoreKeyOptions> = {}): StoreKeyOptions => ({
    userDataDir: dir,
    storePath,
    storage,
    platform: 'linux',
    allowWeak: false,
    ...extra,
  });
  const refusal = (fn: () => unknown): KeyStoreError => {
    try {
      fn();
    } catch (e) {
      if (e instanceof KeyStoreError) return e;
      throw e;
    }
    throw new Error('expected a KeyStoreError');
  };

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'census-key-'));
    storePath = path.join(dir, 'census.db');
    keyPath = path.join(dir, KEY_FILE_NAME);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates a 32-byte key, stores it only in wrapped form, and returns the same key next start', () => {
    const storage = fakeKeystore();
    const first = loadOrCreateStoreKey(options(storage));
    expect(first.isNew).toBe(true);
    expect(first.key).toMatch(/^[0-9a-f]{64}$/);
    const onDisk = readFileSync(keyPath, 'utf8');
    expect(onDisk).not.toContain(first.key);
    expect(JSON.parse(onDisk)).toMatchObject({ protection: 'safeStorage', backend: 'gnome_libsecret' });
    if (process.platform !== 'win32') expect(statSync(keyPath).mode & 0o077).toBe(0);

    writeFileSync(storePath, 'an existing store');
    const second = loadOrCreateStoreKey(options(storage));
    expect(second).toMatchObject({ key: first.key, isNew: false, protection: 'safeStorage' });
  });

  it('gives each installation its own key', () => {
    const a = loadOrCreateStoreKey(options(fakeKeystore())).key;
    rmSync(keyPath);
    expect(loadOrCreateStoreKey(options(fakeKeystore())).key).not.toBe(a);
  });

  it('refuses, and writes nothing, when the store exists but its key file does not', () => {
    writeFileSync(storePath, 'an existing store');
    const error = refusal(() => loadOrCreateStoreKey(options(fakeKeystore(), { allowWeak: true })));
    expect(error.code).toBe('KEY_FILE_MISSING');
    expect(error.message).toContain('缺少它的密钥文件');
    expect(error.message).toContain(storePath);
    expect(existsSync(keyPath)).toBe(false);
    expect(readFileSync(storePath, 'utf8')).toBe('an existing store');
  });

  it('refuses a basic_text keyring without the override, and keeps no key', () => {
    const error = refusal(() => loadOrCreateStoreKey(options(fakeKeystore({ backend: 'basic_text' }))));
    expect(error.code).toBe('WEAK_KEYSTORE');
    expect(error.message).toContain('CENSUS_ALLOW_WEAK_KEYSTORE=1');
    expect(existsSync(keyPath)).toBe(false);
  });

  it('with the override and no keystore at all, keeps a plaintext key, then wraps it once a keystore exists', () => {
    const created = loadOrCreateStoreKey(options(fakeKeystore({ available: false }), { allowWeak: true }));
    expect(created.protection).toBe('plain');
    writeFileSync(storePath, 'an existing store');

    const keyring = fakeKeystore();
    const upgraded = loadOrCreateStoreKey(options(keyring));
    expect(upgraded).toMatchObject({ key: created.key, protection: 'safeStorage', isNew: false });
    expect(readFileSync(keyPath, 'utf8')).not.toContain(created.key);
    expect(loadOrCreateStoreKey(options(keyring)).key).toBe(created.key);
  });

  it('reports a key the keyring cannot decrypt (another user) and leaves the file alone', () => {
    loadOrCreateStoreKey(options(fakeKeystore()));
    writeFileSync(storePath, 'an existing store');
    const before = readFileSync(keyPath, 'utf8');
    const error = refusal(() => loadOrCreateStoreKey(options(fakeKeystore())));
    expect(error.code).toBe('KEY_UNREADABLE');
    expect(readFileSync(keyPath, 'utf8')).toBe(before);
  });

  it('reports a damaged key file and leaves it alone', () => {
    writeFileSync(keyPath, '{"format":"census-store-key"');
    expect(refusal(() => loadOrCreateStoreKey(options(fakeKeystore()))).code).toBe('KEY_FILE_CORRUPT');
    writeFileSync(
      keyPath,
      JSON.stringify({ format: 'census-store-key', version: 1, protection: 'plain', data: 'not-hex', createdAt: '' }),
    );
    expect(refusal(() => loadOrCreateStoreKey(options(fakeKeystore(), { allowWeak: true }))).code).toBe(
      'KEY_FILE_CORRUPT',
    );
    expect(readFileSync(keyPath, 'utf8')).toContain('not-hex');
  });

  it('writes no key file when the keystore cannot give back what it encrypted', () => {
    const broken = fakeKeystore();
    broken.decryptString = () => 'f'.repeat(64);
    expect(() => loadOrCreateStoreKey(options(broken))).toThrow('did not return the key');
    expect(existsSync(keyPath)).toBe(false);
  });
});
