import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { openDatabase } from '@db/open';
import { withTempDir } from './lib/temp-dir';
import { timeSamples } from './lib/stats';
import type { Benchmark } from './types';

// First start on a new laptop: create the encrypted file and apply every migration.
export const storeMigrateFresh: Benchmark = {
  name: 'store.migrate-fresh',
  description: 'create a new encrypted store file and apply all migrations',
  unit: 'ms',
  target: 150,
  better: 'lower',
  run: () =>
    withTempDir('fresh', async (dir) => {
      const key = randomBytes(32).toString('hex');
      let n = 0;
      return timeSamples(30, () => {
        const store = openDatabase(path.join(dir, `fresh-${n++}.db`), { key });
        store.sqlite.close();
      });
    }),
};
