import type pg from 'pg';
import type { KeyedLock } from '../../attachments/lock';
import { StorageError } from '../../attachments/store';

// A lock every server process on the database sees: a transaction-scoped advisory lock on the
// key's hash, held on a pooled connection while `fn` runs (an upload chunk's check-then-write,
// routes/attachments.ts). A process that dies releases it with its connection. Waiting longer
// than `maxWaitMs` answers 503 STORAGE_UNAVAILABLE, as the folder lock does.

/** Seed of hashtextextended, so these keys do not meet the store's own advisory locks. */
const SEED = 7_301;

export function createPgAdvisoryLock(pool: pg.Pool, maxWaitMs = 60_000): KeyedLock {
  return {
    async withLock(key, fn) {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query(`BEGIN; SET LOCAL lock_timeout = '${Math.max(1, Math.round(maxWaitMs))}ms'`);
        try {
          await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, $2))', [key, SEED]);
        } catch (e) {
          await client.query('ROLLBACK').catch(() => undefined);
          if ((e as { code?: string }).code === '55P03') throw new StorageError('unavailable', `attachment lock ${key} still held after ${maxWaitMs} ms`);
          throw e;
        }
        try {
          return await fn();
        } finally {
          await client.query('COMMIT').catch((e: unknown) => {
            broken = e instanceof Error ? e : new Error(String(e));
          });
        }
      } finally {
        client.release(broken);
      }
    },
  };
}
