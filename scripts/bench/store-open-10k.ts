import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { openDatabase } from '@db/open';
import { seedUnits } from './lib/seed-units';
import { withTempDir } from './lib/temp-dir';
import { timeSamples } from './lib/stats';
import type { Benchmark } from './types';

// An enumerator's laptop late in registration: 10,000 units with their change traces. Only
// one migration exists, so this measures opening an up-to-date store (key, migration check)
// plus a first read that has to decrypt real pages; a migrate-on-open of a large store is
// added when a second migration exists.
export const unitCount = 10_000;

export const storeOpen10k: Benchmark = {
  name: 'store.open-10k',
  description: `open an encrypted store of ${unitCount} units + ${unitCount * 3} trace rows: key, quick_check of every page, migrations, count units`,
  unit: 'ms',
  target: 200,
  better: 'lower',
  run: () =>
    withTempDir('10k', async (dir) => {
      const key = randomBytes(32).toString('hex');
      const file = path.join(dir, 'census.db');
      const seeded = openDatabase(file, { key });
      seedUnits(seeded.db, { count: unitCount, tracesPerUnit: 3 });
      seeded.sqlite.close();
      return timeSamples(20, () => {
        const store = openDatabase(file, { key });
        const row = store.sqlite.prepare('SELECT count(*) AS n FROM units').get() as { n: number };
        if (row.n !== unitCount) throw new Error(`expected ${unitCount} units, found ${row.n}`);
        store.sqlite.close();
      });
    }),
};
