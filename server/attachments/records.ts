import { RECORD_OVERHEAD, RECORDS_MAGIC, openRecord, recordLength } from '@shared/node/seal';

// A sealed file (shared/node/seal.ts: magic, then [u32 length][iv][ciphertext][tag] records) read
// from a byte stream, as an object store hands it out: records are cut out as they complete,
// so no more than one record (one uploaded chunk, ≤ the body cap) is held at a time.

/** The plaintext of a sealed file arriving as `bytes`; throws when a record was altered or cut short. */
export async function* openSealedStream(key: Buffer, bytes: AsyncIterable<Uint8Array>, sha: string): AsyncGenerator<Buffer> {
  let held = Buffer.alloc(0);
  let isPastMagic = false;
  let offset = 0;
  for await (const piece of bytes) {
    held = held.length === 0 ? Buffer.from(piece) : Buffer.concat([held, piece]);
    if (!isPastMagic) {
      if (held.length < RECORDS_MAGIC.length) continue;
      if (!held.subarray(0, RECORDS_MAGIC.length).equals(RECORDS_MAGIC)) throw new Error(`attachment ${sha} is not a sealed file`);
      held = held.subarray(RECORDS_MAGIC.length);
      isPastMagic = true;
    }
    while (held.length >= 4) {
      const whole = recordLength(held) + RECORD_OVERHEAD;
      if (held.length < whole) break;
      const plain = openRecord(key, held.subarray(0, whole), sha, offset);
      offset += plain.length;
      held = held.subarray(whole);
      yield plain;
    }
  }
  if (!isPastMagic || held.length > 0) throw new Error(`attachment ${sha}: a sealed record is cut short`);
}

/** Plaintext bytes of a sealed file arriving as `bytes`, from its record headers alone (nothing decrypted). */
export async function sealedPlainBytes(bytes: AsyncIterable<Uint8Array>): Promise<number> {
  let total = 0;
  let skip = RECORDS_MAGIC.length;
  let header = Buffer.alloc(0);
  for await (const chunk of bytes) {
    let piece = Buffer.from(chunk);
    while (piece.length > 0) {
      if (skip > 0) {
        const n = Math.min(skip, piece.length);
        skip -= n;
        piece = piece.subarray(n);
        continue;
      }
      const need = 4 - header.length;
      header = Buffer.concat([header, piece.subarray(0, need)]);
      piece = piece.subarray(need);
      if (header.length < 4) continue;
      const length = recordLength(header);
      total += length;
      skip = length + RECORD_OVERHEAD - 4;
      header = Buffer.alloc(0);
    }
  }
  return total;
}
