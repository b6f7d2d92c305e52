import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openSealedStream, sealedPlainBytes } from '@server/attachments/records';
import { RECORDS_MAGIC, sealRecord } from '@shared/node/seal';

// A sealed file read from an object store arrives in pieces cut anywhere (network reads), not
// at record boundaries: the record reader must give back the plaintext, and the header walk its
// length, however the bytes are cut.

const KEY = randomBytes(32);
const SHA = 'ab'.repeat(32);

function sealedFile(chunks: Buffer[]): Buffer {
  let offset = 0;
  const records = chunks.map((c) => {
    const r = sealRecord(KEY, c, SHA, offset);
    offset += c.length;
    return r;
  });
  return Buffer.concat([RECORDS_MAGIC, ...records]);
}

async function* cut(bytes: Buffer, at: number[]): AsyncGenerator<Uint8Array> {
  let from = 0;
  for (const to of [...new Set(at)].sort((a, b) => a - b)) {
    if (to <= from || to >= bytes.length) continue;
    yield bytes.subarray(from, to);
    from = to;
  }
  yield bytes.subarray(from);
}

describe('a sealed file arriving in pieces', () => {
  it('opens to its plaintext and counts its plaintext bytes wherever the pieces are cut', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 3_000 }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.integer({ min: 1, max: 20_000 }), { maxLength: 12 }),
        async (sizes, cuts) => {
          const chunks = sizes.map((n) => randomBytes(n));
          const file = sealedFile(chunks);
          const opened: Buffer[] = [];
          for await (const piece of openSealedStream(KEY, cut(file, cuts), SHA)) opened.push(piece);
          expect(Buffer.concat(opened).equals(Buffer.concat(chunks))).toBe(true);
          expect(await sealedPlainBytes(cut(file, cuts))).toBe(sizes.reduce((a, b) => a + b, 0));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('refuses a file cut short or altered', async () => {
    const file = sealedFile([randomBytes(1_000), randomBytes(1_000)]);
    const drain = async (bytes: Buffer) => {
      for await (const piece of openSealedStream(KEY, cut(bytes, [7, 500]), SHA)) void piece;
    };
    await expect(drain(file.subarray(0, file.length - 10))).rejects.toThrow(/cut short/);
    const altered = Buffer.from(file);
    altered[1_500] = (altered[1_500] ?? 0) ^ 1;
    await expect(drain(altered)).rejects.toThrow();
  });
});
