import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

// Files sealed at rest with AES-256-GCM, for the laptop (electron/main/sync/attachments.ts) and
// the bureau server (server/attachments.ts): the same primitive on both sides. Node only: the
// renderer may not import shared/node (eslint.config.js), and the server may not import
// electron/, so this is the one place both reach.
//
// Keys are derived with HKDF from the store's key (the laptop's store key, the server's
// CENSUS_SERVER_DB_KEY), never the store key itself, with a different label per use.

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A 32-byte key for `label` derived from a 64-hex store key. */
export function deriveKey(storeKeyHex: string, label: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(storeKeyHex, 'hex'), Buffer.alloc(0), label, 32));
}

/** The laptop's attachment key for its store key (64 hex characters). */
export const attachmentKey = (storeKeyHex: string): Buffer => deriveKey(storeKeyHex, 'census-field attachments v1');

/** The bureau server's attachment key for CENSUS_SERVER_DB_KEY. */
export const serverAttachmentKey = (dbKeyHex: string): Buffer => deriveKey(dbKeyHex, 'census-server attachments v1');

// ---- A whole file as one sealed block (the laptop: photos of a few MB, read whole).

const FILE_MAGIC = Buffer.from('CFA1');

export function sealFile(key: Buffer, plain: Uint8Array): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([FILE_MAGIC, iv, body, cipher.getAuthTag()]);
}

/** The plaintext of a sealed file; throws when the file was altered or the key is wrong. */
export function openFile(key: Buffer, sealed: Buffer): Buffer {
  if (sealed.length < FILE_MAGIC.length + IV_BYTES + TAG_BYTES || !sealed.subarray(0, FILE_MAGIC.length).equals(FILE_MAGIC)) {
    throw new Error('not a sealed attachment file');
  }
  const iv = sealed.subarray(FILE_MAGIC.length, FILE_MAGIC.length + IV_BYTES);
  const tag = sealed.subarray(sealed.length - TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(sealed.subarray(FILE_MAGIC.length + IV_BYTES, sealed.length - TAG_BYTES)), decipher.final()]);
}

// ---- A file as a sequence of sealed records (the server: files up to 100 MB that arrive in
// chunks and are streamed out again, never held whole). After a 4-byte header, each record is
// [u32 plaintext length][iv][ciphertext][tag], authenticated together with `<name>:<offset>`
// (its file's name and its plaintext offset), so a record cannot be moved within a file or to
// another one undetected. A record is appended whole; a torn one at the end (a crash mid-write)
// is recognised by its length and cut off.

export const RECORDS_MAGIC = Buffer.from('CFS1');
export const RECORD_HEADER_BYTES = 4 + IV_BYTES;
/** Bytes a record adds to its plaintext. */
export const RECORD_OVERHEAD = RECORD_HEADER_BYTES + TAG_BYTES;

const aadOf = (name: string, offset: number): Buffer => Buffer.from(`${name}:${offset}`, 'utf8');

/** One record holding `plain`, which starts at plaintext `offset` of file `name`. */
export function sealRecord(key: Buffer, plain: Uint8Array, name: string, offset: number): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aadOf(name, offset));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(plain.byteLength);
  return Buffer.concat([length, iv, body, cipher.getAuthTag()]);
}

/** The plaintext length a record header announces (the first 4 bytes of `header`). */
export const recordLength = (header: Uint8Array): number => Buffer.from(header.buffer, header.byteOffset, 4).readUInt32BE(0);

/** The plaintext of one whole record (header included); throws when altered, moved or under another key. */
export function openRecord(key: Buffer, record: Buffer, name: string, offset: number): Buffer {
  const length = recordLength(record);
  if (record.length !== length + RECORD_OVERHEAD) throw new Error('sealed record has the wrong length');
  const iv = record.subarray(4, RECORD_HEADER_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(aadOf(name, offset));
  decipher.setAuthTag(record.subarray(record.length - TAG_BYTES));
  return Buffer.concat([decipher.update(record.subarray(RECORD_HEADER_BYTES, record.length - TAG_BYTES)), decipher.final()]);
}
