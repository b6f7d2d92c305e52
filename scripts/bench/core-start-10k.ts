import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { openDatabase } from '@db/open';
import { createCore } from '@main/core';
import { dispatch } from '@main/ipc/dispatch';
import { seedUnits } from './lib/seed-units';
import { withTempDir } from './lib/temp-dir';
import { timeSamples } from './lib/stats';
import { unitCount } from './store-open-10k';
import type { Benchmark } from './types';

// What the user waits for after the store opens: the core built and the first screen's data
// (overview:get, which aggregates every unit by status) through the real dispatch path.
export const coreStart10k: Benchmark = {
  name: 'core.start-10k-overview',
  description: `createCore on a ${unitCount}-unit store, then overview:get through dispatch`,
  unit: 'ms',
  target: 300,
  better: 'lower',
  run: () =>
    withTempDir('core', async (dir) => {
      const key = randomBytes(32).toString('hex');
      const dbPath = path.join(dir, 'census.db');
      const seeded = openDatabase(dbPath, { key });
      seedUnits(seeded.db, { count: unitCount, tracesPerUnit: 3 });
      seeded.sqlite.close();
      return timeSamples(20, async () => {
        const core = createCore({ dbPath, key, shell: 'web', appVersion: 'bench' });
        try {
          const result = await dispatch(core.handlers, 'overview:get', undefined, { shell: 'web' });
          if (!result.ok) throw new Error(`overview:get failed: ${result.error.code} ${result.error.message}`);
        } finally {
          core.close();
        }
      });
    }),
};
