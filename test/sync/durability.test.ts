import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '@db/open';
import { openServerDatabase } from '@server/db/open';
import { readStamp } from '@main/sync/identity';
import { randomKey } from '../helpers/store';
import { createUnit, newUnit, readContent } from './helpers';
import { visibleUnits, World } from './world';

// Durability of commits (db/open.ts, server/db/open.ts: synchronous = FULL). A process killed
// with SIGKILL between a commit and the checkpoint that would copy it into the store file must
// lose nothing it committed: on reopen the WAL is replayed, and the next sync neither forks
// nor loses an op. A process kill leaves the operating system's file cache intact, so it
// cannot show what a power cut does to writes not yet synced to disk: that is what FULL
// (an fsync of the WAL at every commit) is for, and it is asserted on both stores below; the
// consequence of losing synced-late commits (a store behind the server) is the rollback
// tested in fork.test.ts.

const root = fileURLToPath(new URL('../..', import.meta.url));
const child = path.join(root, 'test/sync/fixtures/commit-then-wait.ts');

interface Report {
  seq: number;
  pending: number;
  acked: number;
  units: string[];
}

/** Runs the child on the store until it reports its commits, then kills it with SIGKILL. */
function commitThenKill(dbPath: string, key: string): Promise<{ report: Report; walBytes: number; signal: string | null }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', child, JSON.stringify({ dbPath, key })], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let report: Report | null = null;
    let walBytes = 0;
    proc.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
    proc.stdout.on('data', (d: Buffer) => {
      out += d.toString('utf8');
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (!line || report) return;
      report = JSON.parse(line) as Report;
      // Everything this run committed is in the WAL, not yet in the store file.
      walBytes = fs.statSync(`${dbPath}-wal`).size;
      proc.kill('SIGKILL');
    });
    proc.on('error', reject);
    proc.on('close', (_code, signal) => {
      if (!report) reject(new Error(`the child ended without a report: ${err}`));
      else resolve({ report, walBytes, signal });
    });
  });
}

let world: World;
beforeEach(async () => {
  world = new World();
  await world.start();
  await world.user('enum01', 'enumerator', ['640502100001']);
  await world.user('super01', 'supervisor', ['640502100']);
});
afterEach(async () => world.close());

describe('commits across a SIGKILL between commit and checkpoint', () => {
  it('are all there on reopen, and the next sync neither forks nor loses an op', { timeout: 60_000 }, async () => {
    const a = await world.client('a', 'enum01');
    createUnit(a.core.db, 'unit-kill-0001', newUnit({ name: '中卫市宏达商贸有限公司' }));
    await a.sync();
    a.core.close();

    const { report, walBytes, signal } = await commitThenKill(a.dbPath, a.key);
    expect(signal).toBe('SIGKILL');
    // Killed with the push acked (committed) and the pull that would settle it in flight.
    expect(report).toMatchObject({ seq: 3, pending: 0, acked: 2, units: ['unit-kill-0001', 'unit-kill-0002'] });
    expect(walBytes).toBeGreaterThan(0);

    a.reopen();
    // What the killed process committed: the new unit and its edit, both marked acked.
    expect(readStamp(a.core.db).seq).toBe(report.seq);
    expect(a.core.sqlite.prepare("SELECT count(*) FROM sync_outbox WHERE status = 'acked'").pluck().get()).toBe(2);
    expect(a.core.sync.status().pending).toBe(0);
    expect(Object.keys(visibleUnits(a.core))).toEqual(report.units);
    expect(JSON.parse(readContent(a.core.db, 'unit-kill-0002')?.data ?? '{}')).toMatchObject({ '611': { employees: 77 } });

    await a.sync();
    expect(a.core.sync.status()).toMatchObject({ fork: null, pending: 0, lastError: null });
    // Settled by this pull; nothing was sent twice (the server's chain ends at the same seq).
    expect(a.core.sqlite.prepare('SELECT count(*) FROM sync_outbox').pluck().get()).toBe(0);
    expect((await world.server.store.lastOp(a.core.sync.engine.deviceId)).seq).toBe(report.seq);
    const s = await world.client('s', 'super01');
    await s.sync();
    expect(visibleUnits(s.core)).toEqual(visibleUnits(a.core));
  });
});

describe('synchronous setting', () => {
  it('is FULL on the laptop store and on the server store (a commit that returned is on disk)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'census-durability-'));
    try {
      const laptop = openDatabase(path.join(dir, 'census.db'), { key: randomKey() });
      const server = openServerDatabase(path.join(dir, 'server.db'));
      try {
        // 2 = FULL (0 OFF, 1 NORMAL, 3 EXTRA).
        expect(laptop.sqlite.pragma('synchronous', { simple: true })).toBe(2);
        expect(server.sqlite.pragma('synchronous', { simple: true })).toBe(2);
        expect(laptop.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
      } finally {
        laptop.sqlite.close();
        server.sqlite.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
