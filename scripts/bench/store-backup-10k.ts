import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { takeDailyBackup } from '@shared/node/sqlite/backup';
import { openDatabase } from '@db/open';
import { seedUnits } from './lib/seed-units';
import { withTempDir } from './lib/temp-dir';
import { timeSamples } from './lib/stats';
import { unitCount } from './store-open-10k';
import type { Benchmark } from './types';

// The daily backup (VACUUM INTO, sealed with the store key) runs on main's thread once a day,
// a minute after start: how long the app is busy while it copies an enumerator's store.
export const storeBackup10k: Benchmark = {
  name: 'store.daily-backup-10k',
  description: `daily backup (VACUUM INTO, encrypted) of a store of ${unitCount} units + ${unitCount * 3} trace rows`,
  unit: 'ms',
  target: 500,
  better: 'lower',
  run: () =>
    withTempDir('backup', async (dir) => {
      const key = randomBytes(32).toString('hex');
      const file = path.join(dir, 'census.db');
      const store = openDatabase(file, { key });
      seedUnits(store.db, { count: unitCount, tracesPerUnit: 3 });
      const backups = path.join(dir, 'backups');
      let day = 0;
      try {
        return await timeSamples(8, () => {
          // Each sample a day later, so each one is due; pruning keeps the folder small.
          day += 1;
          if (!takeDailyBackup(store.sqlite, file, backups, new Date(Date.UTC(2025, 0, day, 8)))) {
            throw new Error('the daily backup was not taken');
          }
        });
      } finally {
        store.sqlite.close();
        fs.rmSync(backups, { recursive: true, force: true });
      }
    }),
};
