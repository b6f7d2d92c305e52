import path from 'node:path';
import { laptopArea } from './laptop-ops';
import { HttpLaptop, type LaptopSession } from './http-laptop';
import { freshPull, noopSync, pullPage, verifyTotal } from './http-pull';
import { withPgCluster } from './pg-cluster-bench';
import { type PgSeeded, seedPgDatabase } from './pg-seed';
import { startServerFleet } from './server-fleet';
import { withTempDir } from './temp-dir';

// The server's reads at city size on PostgreSQL: a database of 10,000 units and one of
// 1,000,000 units, each with 20 ops per unit in its log (a '$create' and edits of four fields;
// pg-seed.ts seeds them inside the database), one after the other on one cluster. A laptop's
// scope is one area of 500 units spread over the whole log in both. Two server processes serve
// each database; two laptops (one per process) measure: the first verify on each process (its
// checksum computed from nothing), fresh pulls (every snapshot and pull page timed), a pull
// page 20,000 changes behind the newest, and no-op syncs. The cluster runs without fsync and
// with wal_level=minimal so the seeding skips the WAL: reads are what is measured here.

export const SCOPE_UNITS = 500;
export const OPS_PER_UNIT = 20;
export const SIZES = [10_000, 1_000_000] as const;
const OTHER_AREAS = 1_999;
const CREATE_BYTES = 800;
const DEVICES = 200;
const FRESH_PULLS = 10;
const SAMPLES = 20;
const BEHIND = 20_000;
/** Op log loading stops starting new chunks this long after the scale scenario began. */
const SEED_BUDGET_MS = 9 * 60_000;
const PASSWORD = 'bench-password-1';

export interface SizeFigures {
  seeded: PgSeeded;
  pageMs: number[];
  freshPullMs: number[];
  verifyColdMs: number[];
  behindMs: number[];
  noopMs: number[];
  peakRssMiB: number[];
}

export type ScaleRun = Record<(typeof SIZES)[number], SizeFigures>;

const log = (m: string): void => void process.stderr.write(`  ${m}\n`);

async function measure(url: string, dir: string, seeded: PgSeeded): Promise<SizeFigures> {
  const fleet = await startServerFleet(dir, 2, url);
  const laptops: { http: HttpLaptop; session: LaptopSession }[] = [];
  try {
    for (let i = 0; i < 2; i++) {
      const username = `reader-${i}`;
      await fleet.servers[0]!.addUser({ username, name: `普查员${i}`, role: 'enumerator', password: PASSWORD });
      await fleet.servers[0]!.assign(username, [laptopArea(0)]);
      const http = new HttpLaptop(fleet.serverFor(i).url);
      laptops.push({ http, session: await http.login(username, PASSWORD, `reader-device-${i}`) });
    }
    const verifyColdMs: number[] = [];
    let total = '';
    for (const l of laptops) {
      const v = await verifyTotal(l.http, l.session);
      verifyColdMs.push(v.ms);
      if (total !== '' && v.total !== total) throw new Error('the two processes disagree on the scope checksum');
      total = v.total;
    }
    const pageMs: number[] = [];
    const freshPullMs: number[] = [];
    let cursor = 0;
    let fields = -1;
    for (let i = 0; i < FRESH_PULLS; i++) {
      const l = laptops[i % 2]!;
      const pulled = await freshPull(l.http, l.session);
      if (fields !== -1 && pulled.changes !== fields) throw new Error(`fresh pulls brought ${fields} and ${pulled.changes} changes`);
      fields = pulled.changes;
      pageMs.push(...pulled.pageMs);
      freshPullMs.push(pulled.ms);
      cursor = pulled.cursor;
    }
    const behindMs: number[] = [];
    const noopMs: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const l = laptops[i % 2]!;
      behindMs.push((await pullPage(l.http, l.session, Math.max(0, seeded.ops - BEHIND))).ms);
      noopMs.push(await noopSync(l.http, l.session, cursor, total));
    }
    log(`${seeded.units.toLocaleString('en')} units: a fresh pull of the scope brings ${fields} fields in ${pageMs.length / FRESH_PULLS} pages`);
    return { seeded, pageMs, freshPullMs, verifyColdMs, behindMs, noopMs, peakRssMiB: await fleet.peakRssMiB() };
  } finally {
    for (const l of laptops) l.http.close();
    await fleet.close();
  }
}

export async function runScaleScenario(): Promise<ScaleRun> {
  const started = performance.now();
  return withTempDir('pg-scale', (dir) =>
    withPgCluster(
      { durable: false, settings: { wal_level: 'minimal', max_wal_senders: '0', max_wal_size: '16GB', checkpoint_timeout: '30min', shared_buffers: '1GB' } },
      async (pgc) => {
        const run: Partial<ScaleRun> = {};
        const otherAreas = Array.from({ length: OTHER_AREAS }, (_, i) => laptopArea(i + 1));
        for (const units of SIZES) {
          const name = `scale_${units}`;
          const url = await pgc.createDatabase(name);
          const seeded = await seedPgDatabase(url, {
            units,
            opsPerUnit: OPS_PER_UNIT,
            scopeArea: laptopArea(0),
            scopeUnits: SCOPE_UNITS,
            otherAreas,
            createBytes: CREATE_BYTES,
            devices: DEVICES,
            deadline: started + SEED_BUDGET_MS,
            log,
          });
          const p = seeded.phases;
          log(
            `seeded ${seeded.units.toLocaleString('en')} units, ${seeded.ops.toLocaleString('en')} ops in ${(seeded.ms / 1000).toFixed(0)} s ` +
              `(op rows ${(p.opRows! / 1000).toFixed(0)} s, op indexes ${(p.opIndexes! / 1000).toFixed(0)} s, entities + fields ${(p.state! / 1000).toFixed(0)} s)` +
              (seeded.ops < units * OPS_PER_UNIT ? ` — NOT the ${(units * OPS_PER_UNIT).toLocaleString('en')} planned: the seeding budget ran out` : ''),
          );
          run[units] = await measure(url, path.join(dir, name), seeded);
          await pgc.dropDatabase(name);
        }
        log(`scale part took ${((performance.now() - started) / 60_000).toFixed(1)} min`);
        return run as ScaleRun;
      },
    ),
  );
}
