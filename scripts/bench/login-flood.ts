import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { updateSettings } from '@main/session/settings-queries';
import { createCore } from '@main/core';
import { recordNewUnits } from '@main/registration/unit-ops';
import { APP_VERSION_HEADER } from '@shared/sync/api';
import { BENCH_COUNTY, generateUnits, seedRegistration } from './registration-seed';
import { startServerProcess, type ServerProcess } from './lib/server-process';
import { median } from './lib/stats';
import { withTempDir } from './lib/temp-dir';
import type { Benchmark } from './types';

// A login flood beside sync work: 64 connections keep sending failed logins, each attempt from
// another address (X-Forwarded-For, the server behind a trusted proxy) for another username,
// with the failed-login budgets set out of reach, so every attempt asks for a password check
// (scrypt, on libuv's thread pool): the case the budgets cannot stop. Meanwhile a signed-in
// laptop pulls 300 units (a gzipped answer: the same thread pool). Reported: the median pull
// during the flood over the median pull without one. The server runs in its own process.

const CONNECTIONS = 64;
const SAMPLES = 15;
const UNITS = 300;
const PASSWORD = 'bench-password-1';
const FLOOD_ENTRY = fileURLToPath(new URL('./lib/login-flood-child.ts', import.meta.url));
const OUT_OF_REACH = { failures: 1_000_000_000, windowMs: 60_000 };

async function seed(dir: string, server: ServerProcess): Promise<void> {
  await server.addUser({ username: 'bench-a', name: '普查员甲', role: 'supervisor', password: PASSWORD });
  await server.assign('bench-a', [BENCH_COUNTY]);
  const core = createCore({ dbPath: path.join(dir, 'a.db'), key: randomBytes(32).toString('hex'), shell: 'web', appVersion: 'bench' });
  try {
    core.sync.stop();
    updateSettings(core.db, { serverUrl: server.url, userName: 'a', deviceName: 'a' });
    if (!(await core.sync.engine.login('bench-a', PASSWORD)).isLoggedIn) throw new Error('bench login failed');
    const list = generateUnits(UNITS);
    seedRegistration(core.db, list);
    core.db.transaction((tx) => recordNewUnits(tx, list.map((u) => u.id)));
    if (!(await core.sync.engine.sync('manual'))) throw new Error(`bench sync failed: ${JSON.stringify(core.sync.status().lastError)}`);
    await core.sync.engine.settled();
  } finally {
    core.close();
  }
}

const headers = { 'content-type': 'application/json', [APP_VERSION_HEADER]: 'bench' };

async function signIn(url: string): Promise<string> {
  const res = await fetch(`${url}/auth/login`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ username: 'bench-a', password: PASSWORD, deviceId: 'bench-puller-0001' }),
  });
  const body = (await res.json()) as { accessToken?: string };
  if (!body.accessToken) throw new Error(`bench sign-in: HTTP ${res.status}`);
  return body.accessToken;
}

async function timedPull(url: string, token: string): Promise<number> {
  const start = performance.now();
  const res = await fetch(`${url}/sync/pull`, {
    method: 'POST',
    headers: { ...headers, authorization: `Bearer ${token}`, 'accept-encoding': 'gzip' },
    body: JSON.stringify({ protocol: 1, cursor: 0, limit: 5_000 }),
  });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`bench pull: HTTP ${res.status}`);
  return performance.now() - start;
}

export interface FloodFigures {
  idleMs: number;
  floodMs: number;
  /** Login answers during the flood, by HTTP status. */
  statuses: Record<string, number>;
}

/**
 * Pulls without and then during a flood; medians of SAMPLES pulls each. `withBudgets`: the
 * default failed-login budgets instead of budgets out of reach (they then refuse the flood
 * before any password check).
 */
export async function measureLoginFlood(withBudgets = false): Promise<FloodFigures> {
  return withTempDir('login-flood', async (dir) => {
    const serverDir = path.join(dir, 'server');
    fs.mkdirSync(serverDir);
    const server = await startServerProcess(serverDir, withBudgets ? { trustProxy: true } : { trustProxy: true, loginLimit: { perAddress: OUT_OF_REACH, overall: OUT_OF_REACH } });
    try {
      await seed(dir, server);
      const token = await signIn(server.url);
      const idle: number[] = [];
      for (let i = 0; i < SAMPLES + 2; i++) idle.push(await timedPull(server.url, token));
      // The attacker runs in its own process: its event loop must not be the one timing pulls.
      const attacker = fork(FLOOD_ENTRY, [server.url, String(CONNECTIONS)], {
        execArgv: ['--import', import.meta.resolve('tsx')],
        stdio: ['ignore', 2, 2, 'ipc'],
      });
      const report = new Promise<Record<string, number>>((resolve, reject) => {
        attacker.on('message', (m) => {
          if (typeof m === 'object' && m !== null && 'statuses' in m) resolve(m.statuses as Record<string, number>);
        });
        attacker.once('exit', (code) => reject(new Error(`the flood process exited (${String(code)}) without a report`)));
      });
      await new Promise<void>((resolve) => attacker.once('message', () => resolve()));
      // Let the flood fill the server's queues before timing.
      await new Promise((r) => setTimeout(r, 500));
      const during: number[] = [];
      try {
        for (let i = 0; i < SAMPLES; i++) during.push(await timedPull(server.url, token));
      } finally {
        attacker.send('stop');
      }
      const statuses = await report;
      return { idleMs: median(idle.slice(2)), floodMs: median(during), statuses };
    } finally {
      await server.close();
    }
  });
}

export const loginFloodBenchmarks: readonly Benchmark[] = [
  {
    name: 'server.pull-under-login-flood',
    description: `a ${UNITS}-unit pull while ${CONNECTIONS} connections flood failed logins that all reach the password check, over the same pull unflooded (ratio of medians)`,
    unit: '×',
    // Before the password checks were bounded: 20 ms became 47.6 s (×2,400) on this bench.
    target: 10,
    better: 'lower',
    async run() {
      const f = await measureLoginFlood();
      return [f.floodMs / f.idleMs];
    },
  },
];
