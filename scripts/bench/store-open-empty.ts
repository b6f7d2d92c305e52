import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { openDatabase } from '@db/open';
import { withTempDir } from './lib/temp-dir';
import { timeSamples } from './lib/stats';
import type { Benchmark } from './types';

// Every start of a new install: open the encrypted file, derive the key, check migrations.
export const storeOpenEmpty: Benchmark = {
  name: 'store.open-empty',
  description: 'open an existing empty encrypted store, with the migration check',
  unit: 'ms',
  target: 100,
  better: 'lower',
  run: () =>
    withTempDir('empty', async (dir) => {
      const key = randomBytes(32).toString('hex');
      const file = path.join(dir, 'census.db');
      openDatabase(file, { key }).sqlite.close();
      return timeSamples(30, () => {
        const store = openDatabase(file, { key });
        if (store.migrated.length > 0) throw new Error('an up-to-date store was migrated again');
        store.sqlite.close();
      });
    }),
};
