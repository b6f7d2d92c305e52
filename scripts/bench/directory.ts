import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase, type OpenedDatabase } from '../../db/open';
import { updateSettings } from '../../db/queries/settings';
import { updateDirectorySettings } from '../../db/queries/directory-settings';
import { createDirectoryService } from '../../electron/main/services/directory';
import { recomputeAllFlags } from '../../electron/main/services/directory-flags';
import { createLedgerService } from '../../electron/main/services/ledger';
import { EnterpriseQuery } from '../../shared/directory';
import { defaultDirectorySettings } from '../../shared/thresholds';
import { seedDirectory, type SeededDirectory } from './directory-seed';
import { prng } from './registration-seed';
import { timeSamples } from './lib/stats';
import type { Benchmark } from './types';

// The directory (issue 5) at district size: 100,000 enterprises with twelve months of ledger
// each (1.2 M ledger rows) in an encrypted store file. Seeding takes a while, so the four
// benchmarks share one seeded file (removed when the process exits); each opens it afresh.

const COUNT = 100_000;

interface Shared {
  file: string;
  key: string;
  seeded: SeededDirectory;
}

let shared: Shared | null = null;

function seededFile(): Shared {
  if (shared) return shared;
  const dir = mkdtempSync(path.join(tmpdir(), 'census-bench-directory-'));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'census.db');
  const key = randomBytes(32).toString('hex');
  const store = openDatabase(file, { key });
  const seeded = seedDirectory(store.sqlite, COUNT);
  updateSettings(store.db, { userName: '乡镇统计员', deviceName: '镇政府-台式机', regionCode: '640502' });
  recomputeAllFlags(store.db, undefined, { fromLedger: true });
  store.sqlite.exec('ANALYZE');
  store.sqlite.close();
  shared = { file, key, seeded };
  return shared;
}

async function withStore(fn: (store: OpenedDatabase, seeded: SeededDirectory) => Promise<number[]>): Promise<number[]> {
  const s = seededFile();
  const store = openDatabase(s.file, { key: s.key });
  try {
    return await fn(store, s.seeded);
  } finally {
    store.sqlite.close();
  }
}

const query = (q: Parameters<typeof EnterpriseQuery.parse>[0]) => EnterpriseQuery.parse(q);

export const directorySearch100k: Benchmark = {
  name: 'directory.search-100k',
  description: `instant search (page of 100 + total) by name, pinyin initials, USCC and address over ${COUNT} enterprises`,
  unit: 'ms',
  target: 30,
  better: 'lower',
  run: () =>
    withStore(async (store) => {
      const svc = createDirectoryService(store.db);
      const terms = ['金沙', 'jssm', '91640502000', '应理南街', '枸杞加工', 'hd sm', '宏达 商贸', '没有这家企业'];
      let i = 0;
      return timeSamples(64, () => svc.list(query({ query: terms[i++ % terms.length], limit: 100 })));
    }),
};

export const directoryFilter100k: Benchmark = {
  name: 'directory.filter-100k',
  description: `filtered, sorted pages (township, industry section, scale, 包保责任人, flags; deep offsets) over ${COUNT} enterprises`,
  unit: 'ms',
  target: 30,
  better: 'lower',
  run: () =>
    withStore(async (store, seeded) => {
      const svc = createDirectoryService(store.db);
      const rand = prng(7);
      const township = () => (seeded.villages[Math.floor(rand() * seeded.villages.length)] ?? '').slice(0, 9);
      const queries = [
        () => svc.list(query({ limit: 100 })),
        () => svc.list(query({ divisionPrefix: township(), limit: 100 })),
        () => svc.list(query({ industry: 'F', scale: 'below', limit: 100 })),
        () => svc.list(query({ liaison: seeded.liaisons[Math.floor(rand() * seeded.liaisons.length)], limit: 100, offset: 2_000 })),
        () => svc.list(query({ isNearThreshold: true, sort: 'ytdRevenue', direction: 'desc', limit: 100 })),
        () => svc.list(query({ divisionPrefix: township(), industry: 'C', sort: 'ytdRevenue', direction: 'desc', limit: 100 })),
        () => svc.list(query({ limit: 100, offset: 60_000 })),
        () => svc.list(query({ stages: ['none'], isGrowth: false, scale: 'above', limit: 100 })),
      ];
      let i = 0;
      return timeSamples(64, () => queries[i++ % queries.length]?.());
    }),
};

export const directoryOpenYear100k: Benchmark = {
  name: 'directory.open-year-100k',
  description: `open an enterprise's ledger year (12 months + last year, computed YTD/growth, evidence coverage, findings) among ${COUNT}`,
  unit: 'ms',
  target: 20,
  better: 'lower',
  run: () =>
    withStore(async (store, seeded) => {
      const svc = createLedgerService(store.db);
      const rand = prng(11);
      return timeSamples(60, () => svc.getYear({ enterpriseId: seeded.ids[Math.floor(rand() * seeded.ids.length)] ?? '', year: 2024 }));
    }),
};

export const directoryFlags100k: Benchmark = {
  name: 'directory.flags-all-100k',
  description: `recompute 准规模/成长型/below-threshold flags of all ${COUNT} enterprises from 1.2 M ledger rows after a settings change`,
  unit: 'ms',
  target: 2_000,
  better: 'lower',
  run: () =>
    withStore(async (store) => {
      let pct = defaultDirectorySettings.nearThresholdPct;
      // Alternate the share so every run rewrites the flags of many enterprises.
      return timeSamples(
        6,
        () => {
          pct = pct === 80 ? 50 : 80;
          const settings = updateDirectorySettings(store.db, { nearThresholdPct: pct }, new Date().toISOString());
          recomputeAllFlags(store.db, settings);
        },
        1,
      );
    }),
};

export const directoryBenchmarks: readonly Benchmark[] = [directorySearch100k, directoryFilter100k, directoryOpenYear100k, directoryFlags100k];
