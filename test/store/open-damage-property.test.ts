import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreOpenError } from '@shared/node/sqlite/errors';
import { keyCheckPath } from '@db/key-check';
import { openDatabase } from '@db/open';
import { createTempStore, dumpStore, type TempStore } from '../helpers/store';

// One flipped bit anywhere in a store file: the open either refuses it as DAMAGED (never as a
// wrong key, never as a new store) or, when the bit lies where no data lives (a free page),
// opens with every row exactly as it was. It never opens with different data.

let store: TempStore;
let original: Record<string, unknown[]>;
let size: number;

beforeAll(() => {
  store = createTempStore();
  const { sqlite } = store.open();
  const insert = sqlite.prepare(
    "INSERT INTO units (id, area_code, kind, name, source, created_at, updated_at) VALUES (?, '640502100002001', ?, ?, 'frame', 'now', 'now')",
  );
  for (let i = 0; i < 400; i++) insert.run(`u${i}`, i % 2 ? 'legal' : 'individual', `沙坡头区第${i}号单位`);
  // Free pages too: a dropped table leaves its pages on the freelist.
  sqlite.exec('CREATE TABLE scratch (x); INSERT INTO scratch SELECT randomblob(800) FROM units; DROP TABLE scratch;');
  original = dumpStore(sqlite);
  sqlite.close();
  size = fs.statSync(store.path).size;
});
afterAll(() => store.dispose());

describe('a flipped bit anywhere in the store', () => {
  it('is refused as damage or changes nothing that is read', () => {
    const copy = path.join(store.dir, 'flipped', 'census.db');
    fs.mkdirSync(path.dirname(copy));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: size - 1 }), fc.integer({ min: 0, max: 7 }), (offset, bit) => {
        for (const suffix of ['', '-wal', '-shm']) fs.rmSync(copy + suffix, { force: true });
        const bytes = fs.readFileSync(store.path);
        bytes[offset] = (bytes[offset] ?? 0) ^ (1 << bit);
        fs.writeFileSync(copy, bytes);
        fs.copyFileSync(keyCheckPath(store.path), keyCheckPath(copy));
        let opened;
        try {
          opened = openDatabase(copy, { key: store.key });
        } catch (e) {
          expect(e).toBeInstanceOf(StoreOpenError);
          expect((e as StoreOpenError).code).toBe('DAMAGED');
          return;
        }
        try {
          expect(opened.created).toBe(false);
          expect(dumpStore(opened.sqlite)).toEqual(original);
        } finally {
          opened.sqlite.close();
        }
      }),
      { numRuns: 60 },
    );
  });
});
