import path from 'node:path';
import { laptopArea } from './laptop-ops';
import { HttpLaptop } from './http-laptop';
import { freshPull } from './http-pull';
import { withPgCluster } from './pg-cluster-bench';
import { seedPgDatabase } from './pg-seed';
import { startWaitSampler, type WaitReport } from './pg-waits';
import { type CrowdFigures, prepareCrowd, pushCrowd } from './push-crowd';
import { startServerFleet } from './server-fleet';
import { withTempDir } from './temp-dir';

// The bench's push and fresh-pull scenario on both stores, in one run so that the figures are
// ratios of the same moment on this shared machine: SQLite (one process), then PostgreSQL with
// 1, 2 and 4 processes over one database each, on one durable cluster (fsync and
// synchronous_commit on, as in production) started for the run and stopped after. Every store
// first holds the same 10,000 units (one area, ~2 KB '$create' each); then 1, 8 and 32 devices
// push 300 units each at once; then a laptop-shaped client pulls the 10,000 units fresh.

export const DEVICE_COUNTS = [1, 8, 32] as const;
export const UNITS_PER_DEVICE = 300;
export const PULL_UNITS = 10_000;
const PULL_INDEX = 190;
const PULL_CREATE_BYTES = 1_800;
const PULL_REPEATS = 3;
const PASSWORD = 'bench-password-1';

export const CONFIGS = [
  { key: 'sqlite', label: 'SQLite, 1 process', processes: 1, pg: false },
  { key: 'pg1', label: 'PostgreSQL, 1 process', processes: 1, pg: true },
  { key: 'pg2', label: 'PostgreSQL, 2 processes', processes: 2, pg: true },
  { key: 'pg4', label: 'PostgreSQL, 4 processes', processes: 4, pg: true },
] as const;
export type ConfigKey = (typeof CONFIGS)[number]['key'];

export interface ConfigFigures {
  pushes: Record<(typeof DEVICE_COUNTS)[number], CrowdFigures>;
  /** Peak resident memory of each server process (MiB). */
  peakRssMiB: number[];
  /** Fresh pulls of the 10,000 units (ms each), on the configurations that measure it. */
  freshPullMs: number[];
  /** What the database sessions waited on during the 32-device push (PostgreSQL). */
  waits32: WaitReport | null;
}

export type PushRun = Record<ConfigKey, ConfigFigures>;

const log = (m: string): void => void process.stderr.write(`  ${m}\n`);

export async function runPushScenario(): Promise<PushRun> {
  return withTempDir('pg', (dir) =>
    withPgCluster({ durable: true, settings: { track_wal_io_timing: 'on' } }, async (pgc) => {
      const run: Partial<PushRun> = {};
      const pullArea = laptopArea(PULL_INDEX);
      for (const config of CONFIGS) {
        const configStart = performance.now();
        const dbName = `bench_${config.key}`;
        const database = config.pg ? await pgc.createDatabase(dbName) : undefined;
        if (database !== undefined) {
          await seedPgDatabase(database, {
            units: PULL_UNITS,
            opsPerUnit: 1,
            scopeArea: pullArea,
            scopeUnits: PULL_UNITS,
            otherAreas: [pullArea],
            createBytes: PULL_CREATE_BYTES,
            devices: 1,
            deadline: Number.POSITIVE_INFINITY,
            log: () => undefined,
          });
        }
        const fleet = await startServerFleet(path.join(dir, config.key), config.processes, database);
        try {
          const admin = fleet.servers[0]!;
          if (database === undefined) await admin.seedUnits(PULL_UNITS, pullArea, 'b');
          const pushes: Partial<ConfigFigures['pushes']> = {};
          let waits32: WaitReport | null = null;
          let first = 0;
          for (const n of DEVICE_COUNTS) {
            const devices = await prepareCrowd(fleet, n, first, UNITS_PER_DEVICE, `${config.key}n${n}`);
            first += n;
            const sampler = database !== undefined && n === 32 ? await startWaitSampler(pgc.cluster.adminUrl, path.join(pgc.cluster.dir, 'data'), dbName) : null;
            const figures = await pushCrowd(fleet, devices);
            if (sampler) waits32 = await sampler.stop();
            pushes[n] = figures;
            log(`${config.label}, ${n} devices: ${Math.round(figures.opsPerS)} ops/s, server CPU ${figures.serverCpuUsPerOp.toFixed(0)} µs per op, devices' ${figures.clientCpuUsPerOp.toFixed(0)} µs`);
          }
          const freshPullMs: number[] = [];
          if (config.key === 'sqlite' || config.key === 'pg1') {
            await admin.addUser({ username: 'puller', name: '拉取员', role: 'enumerator', password: PASSWORD });
            await admin.assign('puller', [pullArea]);
            const http = new HttpLaptop(admin.url);
            try {
              const session = await http.login('puller', PASSWORD, 'puller-device-0001');
              for (let i = 0; i < PULL_REPEATS; i++) {
                const pulled = await freshPull(http, session);
                if (pulled.changes !== PULL_UNITS) throw new Error(`fresh pull brought ${pulled.changes} changes, not ${PULL_UNITS}`);
                freshPullMs.push(pulled.ms);
              }
            } finally {
              http.close();
            }
            log(`${config.label}: fresh pull of ${PULL_UNITS} units ${freshPullMs.map((m) => m.toFixed(0)).join(', ')} ms`);
          }
          run[config.key] = { pushes: pushes as ConfigFigures['pushes'], peakRssMiB: await fleet.peakRssMiB(), freshPullMs, waits32 };
        } finally {
          await fleet.close();
        }
        if (database !== undefined) await pgc.dropDatabase(dbName);
        log(`${config.label}: ${((performance.now() - configStart) / 1000).toFixed(0)} s in all (sign-ins, signing, seeding included)`);
      }
      return run as PushRun;
    }),
  );
}
