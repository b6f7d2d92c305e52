import type pg from 'pg';
import { ResolveValue } from '@shared/sync/api';
import type { Op } from '@shared/sync/protocol';
import type { OpCheck } from '../../sync/op-checks';
import { pushBatch, type PushInput } from '../../sync/push-batch';
import type { PushContext, PushResult } from '../types';
import { entityKey, GroupState } from './push-state';
import { CLAIM, UNCLAIM } from './watermark';
import { loadForDecisions } from './push-load';
import { writeGroup } from './push-write';

// Push on PostgreSQL. Pushes that arrive together are stored as one group in one transaction
// (one commit for many devices' batches, as on SQLite), several groups at once on separate
// connections. A group:
//  1. claims its place in the global order (watermark.ts) on the claims connection;
//  2. locks, in one sorted statement each, the devices' heads and every entity its ops name
//     (an entity not yet stored gets a placeholder row, which is what holds a concurrent create
//     of the same id back), so two processes writing the same field decide one after the other
//     and exactly one of them sees the other's write: one conflict per race;
//  3. reads what the decisions need (fields, conflicts, replayed ops) and draws its numbers;
//  4. decides every batch in memory with the shared rules (sync/push-batch.ts) and writes the
//     result in bulk; placeholders of entities never created are deleted before the commit.
// A deadlock with another group (entities locked in sorted order make it rare) rolls the group
// back and runs it again; a batch that fails on its own fails alone.

interface Waiting {
  input: PushInput;
  resolve: (value: PushResult) => void;
  reject: (error: unknown) => void;
}

export interface PgPusherOptions {
  /** Groups stored at once (connections used for pushes). Default 2. */
  concurrency?: number;
  /** Most ops in one group. Default 2,000 (several groups run at once; bigger ones only cost memory). */
  maxWeight?: number;
  /** Called with the highest number drawn (to create op log partitions ahead). */
  onDrawn?: (highest: number) => void;
  log?: (message: string) => void;
}

class ItemFailed extends Error {
  constructor(
    readonly index: number,
    readonly error: unknown,
  ) {
    super('a push in the group failed');
  }
}

const RETRYABLE = new Set(['40P01', '40001']);
const isRetryable = (e: unknown): boolean => RETRYABLE.has(String((e as { code?: string }).code));

export function createPgPusher(pool: pg.Pool, opts: PgPusherOptions = {}) {
  const concurrency = opts.concurrency ?? 2;
  const maxWeight = opts.maxWeight ?? 2_000;
  let queue: Waiting[] = [];
  let running = 0;
  let claims: Promise<pg.PoolClient> | null = null;
  const idle = new Set<() => void>();

  const pendingUnclaims = new Set<Promise<unknown>>();

  /**
   * Runs a statement on the connection claims are committed on (synchronous_commit off: a claim
   * need not outlive a crash of the database, which ends every transaction it stands for). A
   * broken connection is dropped, and the next claim opens another.
   */
  let claimsTail: Promise<unknown> = Promise.resolve();
  /** One statement at a time on the claims connection (pg queues overlapping ones, and is retiring that). */
  function onClaims(text: string, values: unknown[], attempts = 1): Promise<void> {
    const run = claimsTail.catch(() => undefined).then(() => claimOnce(text, values, attempts));
    claimsTail = run;
    return run;
  }

  async function claimOnce(text: string, values: unknown[], attempts: number): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const current = (claims ??= pool.connect().then(async (c) => {
        await c.query('SET synchronous_commit = off');
        return c;
      }));
      let client: pg.PoolClient | undefined;
      try {
        client = await current;
        await client.query(text, values);
        return;
      } catch (e) {
        // Only the first to see it fail drops it (a client is released once).
        if (claims === current) {
          claims = null;
          client?.release(e instanceof Error ? e : new Error(String(e)));
        }
        if (attempt >= attempts) throw e;
      }
    }
  }

  async function storeGroup(items: readonly Waiting[]): Promise<PushResult[]> {
    const client = await pool.connect();
    let xid: string | null = null;
    try {
      await client.query('BEGIN');
      xid = String((await client.query<{ x: string }>('SELECT pg_current_xact_id()::text AS x')).rows[0]?.x);
      // A claim is tried once more on a new connection when the old one was cut.
      await onClaims(CLAIM, [xid], 2);

      const inputs = items.map((w) => w.input);
      const devices = [...new Set(inputs.map((i) => i.ctx.deviceId))].sort();
      const allOps = inputs.flatMap((i) => i.batch);
      const conflictIds = new Set<string>();
      for (const op of allOps) {
        if (op.field !== '$resolve') continue;
        const parsed = ResolveValue.safeParse(op.value);
        if (parsed.success) conflictIds.add(parsed.data.conflictId);
      }
      const entityKeys = new Map<string, [string, string]>();
      for (const op of allOps) entityKeys.set(entityKey(op.entity, op.entityId), [op.entity, op.entityId]);
      const sortedEntities = [...entityKeys.values()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));

      // Locks: device heads, then entities, each in sorted order.
      const heads = await client.query<{ device_id: string; seq: number; hash: string }>(
        `INSERT INTO device_heads (device_id, seq, hash) SELECT d, 0, '' FROM unnest($1::text[]) AS d ORDER BY d
         ON CONFLICT (device_id) DO UPDATE SET seq = device_heads.seq RETURNING device_id, seq, hash`,
        [devices],
      );
      const locked = await client.query<{ entity: string; entity_id: string; scope_key: string; created_gseq: number }>(
        `INSERT INTO entities (entity, entity_id, scope_key, bucket, created_gseq)
         SELECT e, i, '', '', 0 FROM unnest($1::text[], $2::text[]) AS k(e, i) ORDER BY e, i
         ON CONFLICT (entity, entity_id) DO UPDATE SET created_gseq = entities.created_gseq
         RETURNING entity, entity_id, scope_key, created_gseq`,
        [sortedEntities.map((k) => k[0]), sortedEntities.map((k) => k[1])],
      );

      const numbers = (
        await client.query<{ n: number }>('SELECT nextval(\'gseq_seq\') AS n FROM generate_series(1, $1::int)', [Math.max(1, allOps.length)])
      ).rows
        .map((r) => Number(r.n))
        .sort((a, b) => a - b);
      // An accepted op's gseq is its log_no: the newest one is found from the end of the log's key.
      const issued = Number((await client.query<{ g: number }>('SELECT coalesce(max(log_no), 0) AS g FROM ops WHERE gseq IS NOT NULL')).rows[0]?.g ?? 0);
      const state = new GroupState(numbers, issued);
      for (const h of heads.rows) state.heads.set(h.device_id, { seq: h.seq, hash: h.hash });
      const placeholders: [string, string][] = [];
      for (const r of locked.rows) {
        if (r.created_gseq > 0) state.scopes.set(entityKey(r.entity, r.entity_id), r.scope_key);
        else {
          state.scopes.set(entityKey(r.entity, r.entity_id), undefined);
          placeholders.push([r.entity, r.entity_id]);
        }
      }
      await loadForDecisions(client, state, inputs, conflictIds, placeholders);

      const results: PushResult[] = [];
      items.forEach((w, index) => {
        try {
          results.push(pushBatch(state, w.input));
        } catch (error) {
          throw new ItemFailed(index, error);
        }
      });
      await writeGroup(client, state, placeholders);
      await client.query('COMMIT');
      opts.onDrawn?.(numbers.at(-1) ?? 0);
      return results;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
      if (xid !== null) {
        const done = xid;
        // Not awaited by the push: a finished transaction's claim no longer holds readers back.
        const unclaim = onClaims(UNCLAIM, [done]).catch((e: unknown) => opts.log?.(`could not remove a push claim: ${String(e)}`));
        pendingUnclaims.add(unclaim);
        void unclaim.finally(() => pendingUnclaims.delete(unclaim));
      }
    }
  }

  async function runGroup(items: Waiting[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        const results = await storeGroup(items);
        items.forEach((w, i) => w.resolve(results[i] as PushResult));
        return;
      } catch (e) {
        if (e instanceof ItemFailed) {
          // That batch fails alone; the others are stored as if it had never been sent.
          items[e.index]?.reject(e.error);
          items = items.filter((_, i) => i !== e.index);
          if (items.length === 0) return;
          continue;
        }
        if (isRetryable(e) && attempt < 5) continue;
        if (items.length > 1) {
          for (const w of items) await runGroup([w]);
          return;
        }
        for (const w of items) w.reject(e);
        return;
      }
    }
  }

  function drain(): void {
    while (running < concurrency && queue.length > 0) {
      let count = 0;
      let weight = 0;
      while (count < queue.length && count < 64) {
        const next = queue[count]?.input.batch.length ?? 0;
        if (count > 0 && weight + next > maxWeight) break;
        weight += next;
        count += 1;
      }
      const items = queue.slice(0, count);
      queue = queue.slice(count);
      running += 1;
      void runGroup(items).finally(() => {
        running -= 1;
        if (running === 0 && queue.length === 0) for (const f of idle) f();
        setImmediate(drain);
      });
    }
  }

  return {
    push(ctx: PushContext, ops: readonly Op[], checks?: readonly OpCheck[]): Promise<PushResult> {
      return new Promise<PushResult>((resolve, reject) => {
        queue.push({ input: { ctx, batch: ops, checks }, resolve, reject });
        setImmediate(drain);
      });
    },
    /** Waits for every queued and running push; then releases the claims connection. */
    async close(): Promise<void> {
      if (running > 0 || queue.length > 0) {
        await new Promise<void>((resolve) => {
          const done = () => {
            idle.delete(done);
            resolve();
          };
          idle.add(done);
        });
      }
      await Promise.all([...pendingUnclaims]);
      const last = claims;
      claims = null;
      if (last) (await last.catch(() => null))?.release();
    },
  };
}
