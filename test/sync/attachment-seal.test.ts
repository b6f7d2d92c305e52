import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { attachmentKey, openFile, sealFile } from '@shared/node/seal';
import { randomKey } from '../helpers/store';

// Attachment files are sealed with a key derived from the store key: without it, or after any
// change to the file, they do not open.

describe('sealed attachment files', () => {
  const key = attachmentKey(randomKey());
  const plain = Buffer.from('营业执照 91640502MA76QK3P5C '.repeat(50));

  it('open to the same bytes with the same store key', () => {
    expect(openFile(key, sealFile(key, plain)).equals(plain)).toBe(true);
  });

  it('do not show the plaintext, and seal the same bytes differently each time', () => {
    const a = sealFile(key, plain);
    const b = sealFile(key, plain);
    expect(a.includes(Buffer.from('营业执照'))).toBe(false);
    expect(a.equals(b)).toBe(false);
  });

  it('refuse another store key', () => {
    expect(() => openFile(attachmentKey(randomKey()), sealFile(key, plain))).toThrow();
  });

  it('refuse a file changed by one bit, or one that was never sealed', () => {
    const sealed = sealFile(key, randomBytes(4096));
    sealed[100] = (sealed[100] ?? 0) ^ 1;
    expect(() => openFile(key, sealed)).toThrow();
    expect(() => openFile(key, Buffer.from('plain text photo'))).toThrow(/not a sealed/);
  });

  it('derive a key that is not the store key', () => {
    const storeKey = randomKey();
    expect(attachmentKey(storeKey).toString('hex')).not.toBe(storeKey);
  });
});
