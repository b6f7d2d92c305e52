import type pg from 'pg';

// The op log's partitions (migration 0001_op_log.sql): ranges of log numbers, created ahead of
// need so that inserts land in their own partition, never in the default one. Created when the
// numbers drawn pass the middle of the newest partition, on a connection of its own (creating a
// partition briefly locks the log against inserts), by whichever process gets there first.

export const DEFAULT_PARTITION_SIZE = 10_000_000;

export function createPartitionKeeper(pool: pg.Pool, size = DEFAULT_PARTITION_SIZE, log: (m: string) => void = () => undefined) {
  /** Partitions known to exist up to (exclusive) this number. */
  let coveredTo = 0;
  let running: Promise<void> | null = null;

  async function ensure(upTo: number): Promise<void> {
    const client = await pool.connect();
    try {
      const existing = await client.query<{ name: string }>(
        `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
         WHERE p.relname = 'ops' AND c.relname LIKE 'ops\\_p%'`,
      );
      const have = new Set(existing.rows.map((r) => r.name));
      const last = Math.floor(upTo / size);
      for (let k = 0; k <= last; k++) {
        const name = `ops_p${k}`;
        if (have.has(name)) continue;
        try {
          await client.query(`CREATE TABLE IF NOT EXISTS ${name} PARTITION OF ops FOR VALUES FROM (${k * size}) TO (${(k + 1) * size})`);
        } catch (e) {
          // Another process created it at the same moment (or rows of the range already sit in
          // the default partition, which only a person should move): inserts still succeed.
          log(`op log partition ${name}: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
      coveredTo = Math.max(coveredTo, (last + 1) * size);
    } finally {
      client.release();
    }
  }

  return {
    /** At open: partitions up to the current number and the next range. */
    async prepare(current: number): Promise<void> {
      await ensure(current + size);
    },
    /** After a push drew numbers up to `highest`. */
    drawn(highest: number): void {
      if (highest + size / 2 < coveredTo || running) return;
      running = ensure(highest + size)
        .catch((e: unknown) => log(`creating op log partitions failed: ${String(e)}`))
        .finally(() => {
          running = null;
        });
    },
    async settle(): Promise<void> {
      await running;
    },
  };
}
