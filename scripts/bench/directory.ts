import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { openDatabase } from '@db/open';
import { updateSettings } from '@main/session/settings-queries';
import { updateDirectorySettings } from '@main/followup/threshold-queries';
import { createCore, type Core } from '@main/core';
import { dispatch } from '@main/ipc/dispatch';
import { recomputeAllFlags } from '@main/followup/thresholds';
import { warmDirectory } from '@main/directory/warmup';
import { summariesFor } from '@main/ledger/summaries';
import { usccCheckChar } from '@shared/census/identifiers';
import type { Channel, Input } from '@shared/ipc/contract';
import { defaultDirectorySettings } from '@shared/followup/thresholds';
import { seedDirectory, type SeededDirectory } from './directory-seed';
import { prng } from './registration-seed';
import { timeSamples } from './lib/stats';
import { withTempDir } from './lib/temp-dir';
import type { Benchmark } from './types';

// The directory at district size: 100,000 enterprises with twelve months of ledger
// each (1.2 M ledger rows) in an encrypted store file. Seeding takes a while, so the benchmarks
// share one seeded file (removed when the process exits); each starts a core on it afresh.
// Lists and statistics are timed as the renderer gets them: through dispatch() (input and
// output checked against the contract), the Result serialised as the web harness sends it,
// 200 rows a page as the table asks (renderer/src/features/directory/list/list-store.ts), with
// varied queries so no answer is the previous one again.

const COUNT = 100_000;
const YEAR = 2024;
const WINDOW = 200;

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
  // The summaries the seeding's 1.2 M ledger rows marked: computed once, as after an upgrade.
  summariesFor(store.db).refresh();
  store.sqlite.exec('ANALYZE');
  store.sqlite.close();
  shared = { file, key, seeded };
  return shared;
}

const startCore = (s: Shared): Core => createCore({ dbPath: s.file, key: s.key, shell: 'web', appVersion: 'bench' });

/** A core on the seeded store, its directory warmed as after a start (untimed). */
async function withCore(fn: (core: Core, seeded: SeededDirectory) => Promise<number[]>): Promise<number[]> {
  const s = seededFile();
  const core = startCore(s);
  try {
    await warmDirectory(core.db, () => true, YEAR).done;
    return await fn(core, s.seeded);
  } finally {
    core.close();
  }
}

/** One call as the renderer makes it; the Result is serialised as the harness sends it. */
async function ipc<C extends Channel>(core: Core, channel: C, input: Input<C>): Promise<void> {
  const r = await dispatch(core.handlers, channel, input, { shell: 'web' });
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
  JSON.stringify(r);
}

export const directorySearch100k: Benchmark = {
  name: 'directory.search-100k',
  description: `enterprises:list through dispatch: instant search (a page of ${WINDOW} + total) by name, pinyin initials, USCC and address over ${COUNT} enterprises`,
  unit: 'ms',
  target: 30,
  better: 'lower',
  run: () =>
    withCore(async (core) => {
      const rand = prng(3);
      const terms = ['金沙', 'jssm', '91640502000', '应理南街', '枸杞加工', 'hd sm', '宏达 商贸', '没有这家企业', '第12分公司', 'tyjc', '文萃路 1', '鑫源 餐饮', 'zwsh', '汽车修理', '9164050200000', '黄河 运输'];
      let i = 0;
      return timeSamples(96, () => {
        const query = terms[i++ % terms.length] ?? '';
        // Deeper pages now and then, as a user scrolling the results.
        const offset = rand() < 0.25 ? WINDOW * Math.floor(rand() * 5) : 0;
        return ipc(core, 'enterprises:list', { query, limit: WINDOW, offset });
      });
    }),
};

export const directoryFilter100k: Benchmark = {
  name: 'directory.filter-100k',
  description: `enterprises:list through dispatch: filtered, sorted pages of ${WINDOW} (township, industry section, scale, 包保责任人, flags; deep offsets) over ${COUNT} enterprises`,
  unit: 'ms',
  target: 30,
  better: 'lower',
  run: () =>
    withCore(async (core, seeded) => {
      const rand = prng(7);
      const township = () => (seeded.villages[Math.floor(rand() * seeded.villages.length)] ?? '').slice(0, 9);
      const liaison = () => seeded.liaisons[Math.floor(rand() * seeded.liaisons.length)] ?? '';
      const offset = () => WINDOW * Math.floor(rand() * 300);
      const queries: Input<'enterprises:list'>[] = [];
      for (let i = 0; i < 16; i += 1) {
        queries.push(
          { limit: WINDOW, offset: offset() },
          { divisionPrefix: township(), limit: WINDOW },
          { industry: 'F', scale: 'below', limit: WINDOW, offset: offset() },
          { liaison: liaison(), limit: WINDOW, offset: WINDOW * Math.floor(rand() * 20) },
          { isNearThreshold: true, sort: 'ytdRevenue', direction: 'desc', limit: WINDOW },
          { divisionPrefix: township(), industry: 'C', sort: 'ytdRevenue', direction: 'desc', limit: WINDOW },
          { stages: ['none'], isGrowth: false, scale: 'above', sort: 'uscc', limit: WINDOW, offset: WINDOW * Math.floor(rand() * 30) },
          { divisionPrefix: township(), sort: 'name', direction: 'desc', limit: WINDOW },
        );
      }
      let i = 0;
      return timeSamples(96, () => ipc(core, 'enterprises:list', queries[i++ % queries.length] ?? {}));
    }),
};

export const directoryStats100k: Benchmark = {
  name: 'directory.stats',
  description: `stats:directory through dispatch: per township, industry section or division, unfiltered or filtered, over ${COUNT} enterprises and 1.2 M ledger rows`,
  unit: 'ms',
  target: 500,
  better: 'lower',
  run: () =>
    withCore(async (core, seeded) => {
      const rand = prng(13);
      const township = () => (seeded.villages[Math.floor(rand() * seeded.villages.length)] ?? '').slice(0, 9);
      const queries: Input<'stats:directory'>[] = [
        { groupBy: 'township', year: YEAR },
        { groupBy: 'industrySection', year: YEAR },
        { groupBy: 'industryDivision', year: YEAR },
        { groupBy: 'industrySection', year: YEAR, filter: { divisionPrefix: township() } },
        { groupBy: 'township', year: YEAR, filter: { scale: 'above' } },
        { groupBy: 'township', year: YEAR, filter: { query: '金沙' } },
        { groupBy: 'industryDivision', year: YEAR - 1 },
        { groupBy: 'township', year: YEAR, filter: { isNearThreshold: true, liaison: seeded.liaisons[0] ?? '' } },
      ];
      let i = 0;
      return timeSamples(48, () => ipc(core, 'stats:directory', queries[i++ % queries.length] ?? { groupBy: 'township', year: YEAR }), queries.length);
    }),
};

export const directoryColdList100k: Benchmark = {
  name: 'directory.index-load-100k',
  description: `the first enterprises:list after a start when nothing was warmed yet: the whole in-memory index load of ${COUNT} enterprises (normally done in the background at start)`,
  unit: 'ms',
  target: 1_500,
  better: 'lower',
  run: async () => {
    const s = seededFile();
    const samples: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      const core = startCore(s);
      try {
        const start = performance.now();
        await ipc(core, 'enterprises:list', { limit: WINDOW });
        samples.push(performance.now() - start);
      } finally {
        core.close();
      }
    }
    return samples;
  },
};

export const directoryWarmupPause100k: Benchmark = {
  name: 'directory.warmup-longest-pause-100k',
  description: `the longest time main cannot answer IPC while the directory of ${COUNT} enterprises warms up in the background after a start`,
  unit: 'ms',
  target: 150,
  better: 'lower',
  run: async () => {
    const s = seededFile();
    const samples: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const core = startCore(s);
      const delay = monitorEventLoopDelay({ resolution: 5 });
      try {
        delay.enable();
        await warmDirectory(core.db, () => true, YEAR).done;
        delay.disable();
        samples.push(delay.max / 1e6);
      } finally {
        core.close();
      }
    }
    return samples;
  },
};

export const directoryOpenYear100k: Benchmark = {
  name: 'directory.open-year-100k',
  description: `ledger:getYear through dispatch: an enterprise's year (12 months + last year, computed YTD/growth, annual figures, evidence coverage, findings) among ${COUNT}`,
  unit: 'ms',
  target: 20,
  better: 'lower',
  run: () =>
    withCore(async (core, seeded) => {
      const rand = prng(11);
      return timeSamples(60, () => ipc(core, 'ledger:getYear', { enterpriseId: seeded.ids[Math.floor(rand() * seeded.ids.length)] ?? '', year: YEAR }));
    }),
};

export const directoryFlags100k: Benchmark = {
  name: 'directory.flags-all-100k',
  description: `recompute 准规模/成长型/below-threshold flags of all ${COUNT} enterprises after a settings change`,
  unit: 'ms',
  target: 2_000,
  better: 'lower',
  run: () =>
    withCore(async (core) => {
      let pct = defaultDirectorySettings.nearThresholdPct;
      // Alternate the share so every run rewrites the flags of many enterprises.
      return timeSamples(
        6,
        () => {
          pct = pct === 80 ? 50 : 80;
          const settings = updateDirectorySettings(core.db, { nearThresholdPct: pct }, new Date().toISOString());
          recomputeAllFlags(core.db, settings);
        },
        1,
      );
    }),
};

/** A directory file of `count` new enterprises as a township would import it. */
function directoryCsv(count: number): string {
  const lines = ['统一社会信用代码,企业名称,详细地址,统计用区划代码,行业代码,规模,包保责任人,经营状态'];
  const trades = ['商贸', '建材', '运输', '餐饮'];
  for (let i = 0; i < count; i += 1) {
    const body = `91640502${String(i).padStart(9, '0')}`;
    lines.push(`${body}${usccCheckChar(body)},中卫市导入${trades[i % 4]}${i}有限公司,应理南街${i % 300}号,6405021${String(i % 9).padStart(2, '0')}001,5211,规下,张伟,在营`);
  }
  return lines.join('\n');
}

export const directoryImport20k: Benchmark = {
  name: 'directory.import-20k',
  description: 'directory:import through dispatch of a CSV of 20,000 new enterprises into an empty encrypted store (rows, trace, one sync op each, flags)',
  unit: 'ms',
  target: 5_000,
  better: 'lower',
  run: async () => {
    const file = { fileName: '企业库.csv', contentBase64: Buffer.from(directoryCsv(20_000)).toString('base64') };
    const samples: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      await withTempDir('directory-import', async (dir) => {
        const core = createCore({ dbPath: path.join(dir, 'census.db'), key: randomBytes(32).toString('hex'), shell: 'web', appVersion: 'bench' });
        try {
          updateSettings(core.db, { userName: '乡镇统计员', deviceName: '镇政府-台式机' });
          const start = performance.now();
          await ipc(core, 'directory:import', file);
          samples.push(performance.now() - start);
        } finally {
          core.close();
        }
      });
    }
    return samples;
  },
};

export const directoryBenchmarks: readonly Benchmark[] = [
  directorySearch100k,
  directoryFilter100k,
  directoryStats100k,
  directoryColdList100k,
  directoryWarmupPause100k,
  directoryOpenYear100k,
  directoryFlags100k,
  directoryImport20k,
];
