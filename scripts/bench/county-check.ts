import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createCore } from '@main/core';
import { recordNewUnits } from '@main/registration/unit-ops';
import { updateSettings } from '@main/session/settings-queries';
import { APP_VERSION_HEADER } from '@shared/sync/api';
import { BENCH_COUNTY, generateUnits, seedRegistration } from './registration-seed';
import { startServerProcess } from './lib/server-process';
import { withTempDir } from './lib/temp-dir';
import type { Benchmark } from './types';

// The bureau's county-wide check (GET /registration/county-check) over 10,000 units of realistic
// size on the server (one in fifty sharing its USCC with another unit): answered for the whole
// county (the bureau, a supervisor of the county) and for one 普查区 (an enumerator), as a laptop
// asks after each sync. Timed from the client over loopback; the server in its own process.

const UNITS = 10_000;
const PASSWORD = 'bench-password-1';
const SAMPLES = 7;

async function token(url: string, username: string): Promise<string> {
  const res = await fetch(`${url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [APP_VERSION_HEADER]: '1.0.0' },
    body: JSON.stringify({ username, password: PASSWORD, deviceId: `bench-${username}`, deviceName: username }),
  });
  const body = (await res.json()) as { accessToken?: string };
  if (!body.accessToken) throw new Error(`bench login ${username} failed`);
  return body.accessToken;
}

async function timed(url: string, accessToken: string, asOf = ''): Promise<{ ms: number; findings: number; asOf: string }> {
  const start = performance.now();
  const query = asOf === '' ? '' : `?asOf=${encodeURIComponent(asOf)}`;
  const res = await fetch(`${url}/registration/county-check${query}`, { headers: { authorization: `Bearer ${accessToken}`, [APP_VERSION_HEADER]: '1.0.0' } });
  const body = (await res.json()) as { findings?: unknown[]; asOf?: string };
  const ms = performance.now() - start;
  if (res.status !== 200 || !body.findings) throw new Error(`county check answered ${res.status}`);
  return { ms, findings: body.findings.length, asOf: body.asOf ?? '' };
}

let cached: Promise<{ county: number[]; district: number[]; unchanged: number[] }> | null = null;

const figures = () =>
  (cached ??= withTempDir('county', async (dir) => {
    const serverDir = path.join(dir, 'server');
    fs.mkdirSync(serverDir);
    const server = await startServerProcess(serverDir);
    try {
      const list = generateUnits(UNITS);
      // One in fifty registered twice: the same USCC as the unit before it (mostly another 普查区).
      for (let i = 50; i < list.length; i += 50) {
        const u = list[i];
        const before = list[i - 1];
        if (u && before) u.uscc = before.uscc;
      }
      const district = list[0]?.areaCode.slice(0, 12) ?? '';
      await server.addUser({ username: 'bench-county', name: '指导员', role: 'supervisor', password: PASSWORD });
      await server.assign('bench-county', [BENCH_COUNTY]);
      await server.addUser({ username: 'bench-district', name: '普查员', role: 'enumerator', password: PASSWORD });
      await server.assign('bench-district', [district]);
      const core = createCore({ dbPath: path.join(dir, 'seed.db'), key: randomBytes(32).toString('hex'), shell: 'web', appVersion: 'bench' });
      core.sync.stop();
      updateSettings(core.db, { serverUrl: server.url, userName: 'seed', deviceName: 'seed' });
      const status = await core.sync.engine.login('bench-county', PASSWORD);
      if (!status.isLoggedIn) throw new Error('bench login failed');
      seedRegistration(core.db, list);
      core.db.transaction((tx) => recordNewUnits(tx, list.map((u) => u.id)));
      if (!(await core.sync.engine.sync('manual'))) throw new Error('bench seed sync failed');
      await core.sync.engine.settled();
      core.close();
      const countyToken = await token(server.url, 'bench-county');
      const districtToken = await token(server.url, 'bench-district');
      const county: number[] = [];
      const districtMs: number[] = [];
      const unchanged: number[] = [];
      for (let i = 0; i < SAMPLES; i++) {
        const c = await timed(server.url, countyToken);
        const d = await timed(server.url, districtToken);
        if (i === 0) process.stderr.write(`  county: ${c.findings} findings; one 普查区 (${district}): ${d.findings}\n`);
        county.push(c.ms);
        districtMs.push(d.ms);
        unchanged.push((await timed(server.url, countyToken, c.asOf)).ms);
      }
      return { county, district: districtMs, unchanged };
    } finally {
      await server.close();
    }
  }));

export const countyCheckBenchmarks: readonly Benchmark[] = [
  {
    name: 'county-check.county-10k',
    description: `GET /registration/county-check for the whole county (${UNITS} units, 1 in 50 a duplicate), as the bureau's laptop asks after each sync; the first sample includes the server's one-time read of every unit after its start`,
    unit: 'ms',
    target: 200,
    better: 'lower',
    run: async () => (await figures()).county,
  },
  {
    name: 'county-check.district-10k',
    description: `GET /registration/county-check for one 普查区 of a county of ${UNITS} units, as an enumerator's laptop asks after each sync`,
    unit: 'ms',
    target: 50,
    better: 'lower',
    run: async () => (await figures()).district,
  },
  {
    name: 'county-check.unchanged-10k',
    description: `the same for the whole county from a laptop holding the current answer (nothing changed since): what every sync after the first costs`,
    unit: 'ms',
    target: 20,
    better: 'lower',
    run: async () => (await figures()).unchanged,
  },
];
