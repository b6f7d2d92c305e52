import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import { z } from 'zod';
import { writeFileDurably } from '@shared/node/durable-file';

// Why this file exists: SQLCipher authenticates every page with an HMAC keyed from the store
// key, so a wrong key and a damaged page 1 fail in exactly the same way (SQLITE_NOTADB on the
// first read), and the store file alone cannot say which. The key-check file beside the store
// is a second witness sealed with the same key: a random salt and HMAC-SHA256(key, label ‖
// salt), written once the key has opened the store. When page 1 later fails, a key that still
// verifies here is the store's key, so page 1 is damaged; a key that does not is another key.
// The HMAC reveals nothing of the key. Backups sealed with the key are the fallback witness
// (db/integrity.ts) for stores made before this file existed or whose check file is lost.

const LABEL = 'census-field store key check v1';

const KeyCheckFile = z.object({
  format: z.literal('census-key-check'),
  version: z.literal(1),
  salt: z.string().regex(/^[0-9a-f]{32}$/),
  mac: z.string().regex(/^[0-9a-f]{64}$/),
});
type KeyCheckFile = z.infer<typeof KeyCheckFile>;

/** `<store>.keycheck`, beside the store file. */
export const keyCheckPath = (storePath: string): string => `${storePath}.keycheck`;

const macOf = (keyHex: string, saltHex: string): Buffer =>
  createHmac('sha256', Buffer.from(keyHex, 'hex'))
    .update(LABEL)
    .update(Buffer.from(saltHex, 'hex'))
    .digest();

/** 'missing' also covers an unreadable or malformed file: it witnesses nothing either way. */
export type KeyVerdict = 'matches' | 'differs' | 'missing';

function readKeyCheck(storePath: string): KeyCheckFile | null {
  try {
    const parsed = KeyCheckFile.safeParse(JSON.parse(fs.readFileSync(keyCheckPath(storePath), 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function verifyKeyCheck(storePath: string, keyHex: string): KeyVerdict {
  const file = readKeyCheck(storePath);
  if (!file) return 'missing';
  return timingSafeEqual(macOf(keyHex, file.salt), Buffer.from(file.mac, 'hex')) ? 'matches' : 'differs';
}

/**
 * Writes the key-check file for a key that has just opened the store, unless it already
 * verifies. A check file for another key is replaced: the store itself has proved this key.
 */
export function ensureKeyCheck(storePath: string, keyHex: string): void {
  if (verifyKeyCheck(storePath, keyHex) === 'matches') return;
  const salt = randomBytes(16).toString('hex');
  const file: KeyCheckFile = {
    format: 'census-key-check',
    version: 1,
    salt,
    mac: macOf(keyHex, salt).toString('hex'),
  };
  writeFileDurably(keyCheckPath(storePath), `${JSON.stringify(file)}\n`);
}
