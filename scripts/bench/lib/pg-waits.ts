import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';

// What the database's sessions of one database wait on while a figure is measured, sampled
// from pg_stat_activity every few milliseconds (pg_stat_statements is not installed): each
// active session counted under its wait event, 'CPU' when it waits on nothing. Together with
// pg_stat_wal's deltas (WAL flushes and their time, track_wal_io_timing) it says what all server
// processes share: the WAL flush (LWLock:WALWrite, IO:WALSync), row locks (Lock:*), or nothing.

export interface WaitReport {
  samples: number;
  /** Active-session samples per wait event, most frequent first. */
  waits: [string, number][];
  /** pg_stat_wal deltas over the window. */
  wal: { records: number; bytes: number; syncs: number; syncMs: number; writes: number };
  /** Commits in the database over the window. */
  commits: number;
  /** CPU time of the cluster's processes over the window (ms; Linux /proc, 0 elsewhere). */
  databaseCpuMs: number;
}

/** CPU time (ms) of the postmaster and its children, read from /proc (clock ticks of 10 ms). */
function clusterCpuMs(dataDir: string): number {
  try {
    const postmaster = Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    let ticks = 0;
    for (const entry of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      let stat: string;
      try {
        stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      } catch {
        continue;
      }
      // Fields after the command (which may hold spaces): state ppid … utime(14) stime(15).
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(entry) === postmaster || Number(fields[1]) === postmaster) ticks += Number(fields[11]) + Number(fields[12]);
    }
    return ticks * 10;
  } catch {
    return 0;
  }
}

type WalRow = { wal_records: string; wal_bytes: string; wal_sync: string; wal_sync_time: number; wal_write: string };

export async function startWaitSampler(adminUrl: string, dataDir: string, database: string, everyMs = 5): Promise<{ stop(): Promise<WaitReport> }> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  const wal = async (): Promise<WalRow> => (await client.query<WalRow>('SELECT wal_records, wal_bytes, wal_sync, wal_sync_time, wal_write FROM pg_stat_wal')).rows[0] as WalRow;
  const commits = async (): Promise<number> =>
    Number((await client.query<{ c: string }>('SELECT xact_commit AS c FROM pg_stat_database WHERE datname = $1', [database])).rows[0]?.c ?? 0);
  await client.query('SELECT pg_stat_clear_snapshot()');
  const walBefore = await wal();
  const commitsBefore = await commits();
  const cpuBefore = clusterCpuMs(dataDir);
  const counts = new Map<string, number>();
  let samples = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const rows = await client.query<{ w: string }>(
        `SELECT coalesce(wait_event_type || ':' || wait_event, 'CPU') AS w FROM pg_stat_activity
         WHERE datname = $1 AND state = 'active' AND backend_type = 'client backend' AND pid <> pg_backend_pid()`,
        [database],
      );
      samples += 1;
      for (const r of rows.rows) counts.set(r.w, (counts.get(r.w) ?? 0) + 1);
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      // Statistics are read once per transaction snapshot: clear it to see the new values.
      await client.query('SELECT pg_stat_clear_snapshot()');
      const walAfter = await wal();
      const commitsAfter = await commits();
      const databaseCpuMs = clusterCpuMs(dataDir) - cpuBefore;
      await client.end();
      return {
        samples,
        waits: [...counts.entries()].sort((a, b) => b[1] - a[1]),
        wal: {
          records: Number(walAfter.wal_records) - Number(walBefore.wal_records),
          bytes: Number(walAfter.wal_bytes) - Number(walBefore.wal_bytes),
          syncs: Number(walAfter.wal_sync) - Number(walBefore.wal_sync),
          syncMs: walAfter.wal_sync_time - walBefore.wal_sync_time,
          writes: Number(walAfter.wal_write) - Number(walBefore.wal_write),
        },
        commits: commitsAfter - commitsBefore,
        databaseCpuMs,
      };
    },
  };
}
