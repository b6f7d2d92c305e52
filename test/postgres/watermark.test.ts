import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beginAtWatermark, CLAIM, SEQUENCE_VALUE, SWEEP_CLAIMS, UNCLAIM } from '@server/store/postgres/watermark';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

// The watermark (server/store/postgres/watermark.ts) on its own: writers that claim and draw
// numbers from gseq_seq exactly as a push does (store/postgres/push.ts), committing in any
// order, and readers that cap at beginAtWatermark. What a reader saw at or below its watermark
// must be all there ever is at or below it: a change numbered below a cursor and committed
// after the read would be skipped by every later pull.

let db: TestDatabase;
let pool: pg.Pool;
let claims: pg.PoolClient;

beforeAll(async () => {
  db = await createTestDatabase();
  pool = new pg.Pool({ connectionString: db.url, max: 12 });
  // A terminated backend's client errors on its own; the test means it.
  pool.on('error', () => undefined);
  await pool.query('CREATE TABLE drawn (n bigint PRIMARY KEY)');
  claims = await pool.connect();
});

afterAll(async () => {
  claims?.release();
  await pool?.end();
  await db?.drop();
});

/** A push's transaction reduced to what the watermark depends on: claim, draw, write, end. */
class Writer {
  readonly drawn: number[] = [];
  private constructor(
    readonly client: pg.PoolClient,
    readonly xid: string,
    readonly pid: number,
  ) {}

  static async begin(): Promise<Writer> {
    const client = await pool.connect();
    client.on('error', () => undefined);
    await client.query('BEGIN');
    const row = (await client.query<{ x: string; pid: number }>('SELECT pg_current_xact_id()::text AS x, pg_backend_pid() AS pid')).rows[0];
    if (!row) throw new Error('no transaction id');
    await claims.query(CLAIM, [row.x]);
    return new Writer(client, row.x, row.pid);
  }

  async draw(): Promise<number> {
    const n = Number((await this.client.query<{ n: string }>("SELECT nextval('gseq_seq') AS n")).rows[0]?.n);
    await this.client.query('INSERT INTO drawn (n) VALUES ($1)', [n]);
    this.drawn.push(n);
    return n;
  }

  async end(how: 'COMMIT' | 'ROLLBACK'): Promise<void> {
    await this.client.query(how);
    this.client.release();
    await claims.query(UNCLAIM, [this.xid]);
  }

  /** The process dies mid-push: its backend goes, its claim stays behind. */
  async kill(): Promise<void> {
    await pool.query('SELECT pg_terminate_backend($1)', [this.pid]);
    for (let i = 0; i < 200; i++) {
      const left = await pool.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [this.pid]);
      if (left.rowCount === 0) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    this.client.release(true);
  }
}

/** A reader as read.ts reads: its watermark and every number at or below it in its snapshot. */
async function read(): Promise<{ watermark: number; seen: number[] }> {
  const client = await pool.connect();
  try {
    const watermark = await beginAtWatermark(client);
    const seen = (await client.query<{ n: string }>('SELECT n FROM drawn WHERE n <= $1 ORDER BY n', [watermark])).rows.map((r) => Number(r.n));
    await client.query('COMMIT');
    return { watermark, seen };
  } finally {
    client.release();
  }
}

const committed = async (upTo: number): Promise<number[]> =>
  (await pool.query<{ n: string }>('SELECT n FROM drawn WHERE n <= $1 ORDER BY n', [upTo])).rows.map((r) => Number(r.n));
const sequenceValue = async (): Promise<number> => Number((await pool.query<{ s: string }>(SEQUENCE_VALUE)).rows[0]?.s);
const claimCount = async (): Promise<number> => Number((await pool.query<{ c: string }>('SELECT count(*) AS c FROM gseq_claims')).rows[0]?.c);

describe('the watermark of the global order', () => {
  it('caps a reader below a lower number that commits after a higher one, and lets it pass once committed', async () => {
    const low = await Writer.begin();
    const a = await low.draw();
    const high = await Writer.begin();
    const b = await high.draw();
    expect(b).toBeGreaterThan(a);
    await high.end('COMMIT');

    // The hazard is staged: b is visible, a is not yet, and the sequence stands at b.
    expect(await committed(b)).toContain(b);
    expect(await committed(b)).not.toContain(a);
    expect(await sequenceValue()).toBe(b);

    const between = await read();
    expect(between.watermark).toBeLessThan(a);
    expect(between.seen).not.toContain(b);

    await low.end('COMMIT');
    const after = await read();
    expect(after.watermark).toBeGreaterThanOrEqual(b);
    expect(after.seen).toEqual(expect.arrayContaining([a, b]));
    // Nothing at or below the first reader's watermark appeared after it read.
    expect(await committed(between.watermark)).toEqual(between.seen);
  });

  it('a rolled-back push leaves a hole that holds nobody back', async () => {
    const w = await Writer.begin();
    const a = await w.draw();
    expect((await read()).watermark).toBeLessThan(a);
    await w.end('ROLLBACK');
    const after = await read();
    expect(after.watermark).toBeGreaterThanOrEqual(a);
    expect(after.seen).not.toContain(a);
  });

  it('the claim of a killed connection does not hold readers back (and is swept)', async () => {
    const w = await Writer.begin();
    const a = await w.draw();
    // While its transaction runs, its claim holds every reader below its number.
    expect((await read()).watermark).toBeLessThan(a);
    await w.kill();
    // Its claim is still in the table: nobody removed it, the process is gone.
    expect(await claimCount()).toBe(1);
    const after = await read();
    expect(after.watermark).toBe(await sequenceValue());
    expect(after.watermark).toBeGreaterThanOrEqual(a);
    expect(after.seen).not.toContain(a);
    await pool.query(SWEEP_CLAIMS);
    expect(await claimCount()).toBe(0);
  });

  it('whatever the interleaving of claims, draws, commits, rollbacks and kills, no reader passes a number that appears later', async () => {
    type Step = { kind: 'open' } | { kind: 'draw' | 'commit' | 'rollback' | 'kill'; writer: number } | { kind: 'read' };
    const step: fc.Arbitrary<Step> = fc.oneof(
      { arbitrary: fc.constant({ kind: 'open' as const }), weight: 2 },
      { arbitrary: fc.record({ kind: fc.constant('draw' as const), writer: fc.nat(3) }), weight: 3 },
      { arbitrary: fc.record({ kind: fc.constant('commit' as const), writer: fc.nat(3) }), weight: 2 },
      { arbitrary: fc.record({ kind: fc.constant('rollback' as const), writer: fc.nat(3) }), weight: 1 },
      { arbitrary: fc.record({ kind: fc.constant('kill' as const), writer: fc.nat(3) }), weight: 1 },
      { arbitrary: fc.constant({ kind: 'read' as const }), weight: 3 },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 4, maxLength: 24 }), async (steps) => {
        const open: Writer[] = [];
        const reads: { watermark: number; seen: number[] }[] = [];
        try {
          for (const s of steps) {
            if (s.kind === 'open') {
              if (open.length < 4) open.push(await Writer.begin());
            } else if (s.kind === 'read') {
              reads.push(await read());
            } else {
              const w = open[s.writer % Math.max(1, open.length)];
              if (!w) continue;
              if (s.kind === 'draw') await w.draw();
              else {
                open.splice(open.indexOf(w), 1);
                if (s.kind === 'kill') await w.kill();
                else await w.end(s.kind === 'commit' ? 'COMMIT' : 'ROLLBACK');
              }
            }
          }
        } finally {
          for (const w of open.splice(0)) await w.end('COMMIT');
        }
        let previous = 0;
        for (const r of reads) {
          expect(await committed(r.watermark)).toEqual(r.seen);
          expect(r.watermark).toBeGreaterThanOrEqual(previous);
          previous = r.watermark;
        }
        // Once nothing runs, the watermark is the sequence itself: nothing waits for ever.
        expect((await read()).watermark).toBe(await sequenceValue());
      }),
      { numRuns: 40 },
    );
  });
});
