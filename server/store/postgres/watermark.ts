import type pg from 'pg';

// Global order without holes when several processes push at once (server/README.md, "Why
// several processes agree"). gseq numbers come from one sequence (gseq_seq), drawn inside each push's
// transaction, so a number can become visible after a higher one: 101 commits after 102. A
// reader must never move a cursor past a number that may still appear. Every push, before it
// draws any number, records a claim — its transaction id and the sequence's value then (its
// floor: every number it draws is above it) — committed on a connection of its own. A reader
// then takes
//
//   W = min(S, lowest floor of a claim whose transaction its snapshot still sees running)
//
// where S is the sequence's value read *before* the reader's snapshot, and reads nothing above W.
// Any number ≤ W is final in that snapshot: drawn before S was read, so by a transaction whose
// claim was committed before it drew; if that transaction is still running in the snapshot its
// claim is visible and its floor is below the number, so W would be lower; so it has finished
// (committed, and visible, or rolled back, a hole for good). A claim of a transaction that has
// finished — committed, rolled back, or its process killed — is seen as finished by
// pg_visible_in_snapshot and never holds readers back. No lock or counter is shared by the
// writers beyond the sequence itself (nextval never waits for a transaction).

/** The sequence's last issued value (is_called false: nothing issued yet beyond start − 1). */
export const SEQUENCE_VALUE = 'SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END AS s FROM gseq_seq';

const FLOOR_OF_RUNNING = 'SELECT min(floor) AS f FROM gseq_claims WHERE NOT pg_visible_in_snapshot(xid, pg_current_snapshot())';

/**
 * Starts a REPEATABLE READ, READ ONLY transaction on `client` and returns its watermark: every
 * change with a gseq ≤ W is in its snapshot or never will be. Two round trips: S must be read in
 * a statement of its own before the transaction's snapshot is taken (several statements in one
 * message would share one implicit transaction).
 */
export async function beginAtWatermark(client: pg.ClientBase): Promise<number> {
  const s = Number((await client.query<{ s: number }>(SEQUENCE_VALUE)).rows[0]?.s ?? 0);
  const results = (await client.query(`BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; ${FLOOR_OF_RUNNING}`)) as unknown as pg.QueryResult[];
  const f = results[1]?.rows[0]?.f;
  return f === null || f === undefined ? s : Math.min(s, Number(f));
}

/**
 * Runs `read` in a snapshot with its watermark (beginAtWatermark) on a pooled connection, and
 * ends the transaction.
 */
export async function readAtWatermark<T>(pool: pg.Pool, read: (client: pg.PoolClient, watermark: number) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    const watermark = await beginAtWatermark(client);
    const result = await read(client, watermark);
    await client.query('COMMIT');
    return result;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}

/** The claim a push makes before drawing numbers (on the claims connection, committed at once). */
export const CLAIM = `INSERT INTO gseq_claims (xid, floor) VALUES ($1::xid8, (${SEQUENCE_VALUE}))`;
export const UNCLAIM = 'DELETE FROM gseq_claims WHERE xid = $1::xid8';
/** Claims of finished transactions left behind (a process killed mid-push); run now and then. */
export const SWEEP_CLAIMS = 'DELETE FROM gseq_claims WHERE pg_visible_in_snapshot(xid, pg_current_snapshot())';
