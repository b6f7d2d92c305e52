import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';
import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { ServerDatabase } from '@server/db/open';
import { forkRequests } from '@server/db/schema';
import { toForkRequest } from '../rows';
import type { ForkRequestRecord, ServerStore } from '../types';

// Requests for a new chain branch (shared/sync/fork.ts) on the embedded store: few rows, asked
// and decided by hand, so plain drizzle. Every change is one statement or one transaction.

type ForkMethods = Pick<ServerStore, 'openForkRequest' | 'findForkRequest' | 'listForkRequests' | 'decideForkRequest' | 'completeForkRequest'>;


export function createForkRequests(sqlite: Database.Database, db: ServerDatabase): ForkMethods {
  const find = (id: string): ForkRequestRecord | null => {
    const row = db.select().from(forkRequests).where(eq(forkRequests.id, id)).get();
    return row ? toForkRequest(row) : null;
  };
  return {
    async openForkRequest(request) {
      return sqlite.transaction(() => {
        const open = db
          .select()
          .from(forkRequests)
          .where(and(eq(forkRequests.deviceId, request.deviceId), eq(forkRequests.userId, request.userId), inArray(forkRequests.status, ['pending', 'approved'])))
          .orderBy(desc(forkRequests.requestedAt))
          .get();
        if (open) return toForkRequest(open);
        const row = { ...request, id: `fk-${randomBytes(6).toString('hex')}`, status: 'pending' as const, decidedBy: null, decidedAt: null, completedAt: null };
        db.insert(forkRequests).values(row).run();
        return row;
      }).immediate();
    },
    async findForkRequest(id) {
      return find(id);
    },
    async listForkRequests(status) {
      const q = db.select().from(forkRequests);
      const rows = status === undefined ? q.orderBy(desc(forkRequests.requestedAt)).all() : q.where(eq(forkRequests.status, status)).orderBy(desc(forkRequests.requestedAt)).all();
      return rows.map(toForkRequest);
    },
    async decideForkRequest(id, status, by, at) {
      const changed = db
        .update(forkRequests)
        .set({ status, decidedBy: by, decidedAt: at })
        .where(and(eq(forkRequests.id, id), eq(forkRequests.status, 'pending')))
        .run();
      return changed.changes === 0 ? null : find(id);
    },
    async completeForkRequest(id, at) {
      sqlite.transaction(() => {
        db.update(forkRequests).set({ status: 'completed' }).where(eq(forkRequests.id, id)).run();
        db.update(forkRequests).set({ completedAt: at }).where(and(eq(forkRequests.id, id), isNull(forkRequests.completedAt))).run();
      }).immediate();
    },
  };
}
