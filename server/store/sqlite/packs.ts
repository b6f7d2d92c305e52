import type Database from 'better-sqlite3-multiple-ciphers';
import { desc, eq, max } from 'drizzle-orm';
import type { ServerDatabase } from '@server/db/open';
import { formPacks } from '@server/db/schema';
import { toPack } from '../rows';
import { type ServerStore, StoreConflictError } from '../types';

// Published form packs on the embedded store: a handful of rows, written by hand, so plain
// drizzle. What may be published is decided in server/forms/publish.ts.

type PackMethods = Pick<ServerStore, 'findPack' | 'currentPack' | 'listPacks' | 'publishPack'>;


export function createPackStore(sqlite: Database.Database, db: ServerDatabase): PackMethods {
  const find = (ref: string) => db.select().from(formPacks).where(eq(formPacks.ref, ref)).get();
  const current = () => db.select().from(formPacks).orderBy(desc(formPacks.currentSeq)).limit(1).get();
  return {
    async findPack(ref) {
      const row = find(ref);
      return row ? toPack(row) : null;
    },
    async currentPack() {
      const row = current();
      return row ? toPack(row) : null;
    },
    async listPacks() {
      const currentRef = current()?.ref;
      return db
        .select()
        .from(formPacks)
        .orderBy(desc(formPacks.currentSeq))
        .all()
        .map((row) => {
          const { bodyJson: _body, ...rest } = toPack(row);
          return { ...rest, isCurrent: row.ref === currentRef };
        });
    },
    async publishPack(pack, at) {
      return sqlite.transaction(() => {
        const seq = (db.select({ n: max(formPacks.currentSeq) }).from(formPacks).get()?.n ?? 0) + 1;
        const existing = find(pack.ref);
        if (existing && existing.hash !== pack.hash) {
          throw new StoreConflictError('PACK_VERSION_TAKEN', `form pack ${pack.ref} is already published with other content`);
        }
        if (existing) {
          db.update(formPacks).set({ currentSeq: seq, currentSince: at }).where(eq(formPacks.ref, pack.ref)).run();
        } else {
          db.insert(formPacks)
            .values({ ref: pack.ref, packId: pack.packId, version: pack.version, hash: pack.hash, body: pack.bodyJson, publishedBy: pack.publishedBy, publishedAt: at, currentSince: at, currentSeq: seq })
            .run();
        }
        return toPack(find(pack.ref) as typeof formPacks.$inferSelect);
      }).immediate();
    },
  };
}
