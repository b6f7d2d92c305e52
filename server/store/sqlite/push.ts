import type Database from 'better-sqlite3-multiple-ciphers';
import type { Op } from '@shared/sync/protocol';
import type { OpCheck } from '../../sync/op-checks';
import { pushBatch, type PushInput } from '../../sync/push-batch';
import type { LastOp, PushContext, PushResult } from '../types';
import { createSqliteChain } from './apply-op';
import { createGroupCommit } from './group-commit';

// Push on SQLite: each batch (sync/push-batch.ts) in a SAVEPOINT inside the IMMEDIATE
// transaction of the batches that arrived with it (group-commit.ts), so it is stored or not as
// a whole and alone. better-sqlite3 is synchronous, so nothing is awaited inside it. Each value
// is serialised once: a first sync stores 10,000 ops of ~2 KB each, and per-op overhead is what
// bounds its speed.

/**
 * `onFieldWritten` hears of every entity whose field state changes inside a push, with its
 * scope key (the checksum cache drops that entity's bucket in the scopes that see it).
 */
export function createPusher(sqlite: Database.Database, onFieldWritten: (entityId: string, scopeKey: string) => void = () => undefined) {
  const chainState = createSqliteChain(sqlite, onFieldWritten);
  const lastOp = (deviceId: string): LastOp => chainState().lastOp(deviceId);

  // 8,000 ops (16 full batches of a first sync) a group: one fsync for all of them, while the
  // first batch's answer waits a fraction of a second and the parsed batches held stay small.
  const group = createGroupCommit(sqlite, (input: PushInput) => pushBatch(chainState(), input), {
    maxWeight: 8_000,
    weight: (input) => input.batch.length,
  });
  return {
    lastOp,
    push: (ctx: PushContext, ops: readonly Op[], checks?: readonly OpCheck[]): Promise<PushResult> =>
      group.submit(checks === undefined ? { ctx, batch: ops } : { ctx, batch: ops, checks }),
    /** Stores the pushes still waiting for their group (the store is about to close). */
    flush: (): void => group.flush(),
  };
}
