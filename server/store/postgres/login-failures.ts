import type pg from 'pg';
import type { FailureLog } from '../../auth/rate-limit';

// Failed logins in the database, so that every server process counts the same failures: five on
// one process and one on another are six (server/auth/rate-limit.ts decides with them).

export function createPgFailureLog(pool: pg.Pool): FailureLog {
  return {
    async recent(budget, sinceMs, limit) {
      const rows = await pool.query<{ at: number }>(
        'SELECT at FROM login_failures WHERE budget = $1 AND at > $2 ORDER BY at DESC LIMIT $3',
        [budget, sinceMs, limit],
      );
      return rows.rows.map((r) => Number(r.at)).reverse();
    },
    async record(budgets, atMs, pruneBeforeMs) {
      await pool.query('INSERT INTO login_failures (budget, at) SELECT b, $2 FROM unnest($1::text[]) AS b', [budgets, atMs]);
      // Rows older than every window go at once: failures are rare, so the table stays small.
      await pool.query('DELETE FROM login_failures WHERE at < $1', [pruneBeforeMs]);
    },
    async clear(budget) {
      await pool.query('DELETE FROM login_failures WHERE budget = $1', [budget]);
    },
  };
}
