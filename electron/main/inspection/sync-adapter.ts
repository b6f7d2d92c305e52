import { and, eq, inArray } from 'drizzle-orm';
import type { AppDatabase } from '@db/open';
import { drawItems, draws, publishedDraws } from '@db/schema';
import { DrawCreateValue, DrawFindingValue, drawFindingFieldPattern } from '@shared/inspection/sync-fields';
import { PublishedDrawCreateValue } from '@shared/enforcement/sync-fields';
import type { JsonValue } from '@shared/sync/protocol';
import type { EntityAdapter } from '../sync/registry';
import { dropPublishedDraw, writePublishedDraw } from '../enforcement/draw-rows';

// The 'draw' sync entity made local (shared/inspection/sync-fields.ts): a draw run on any laptop
// of the area becomes the same draws and draw_items rows the laptop that ran it wrote, and each
// drawn enterprise's findings follow the newest record of them. Rows already equal are left
// alone, so the draw coming back to the laptop that ran it writes nothing.

const findingColumns = (f: DrawFindingValue) => ({
  result: f.result,
  findings: f.findings,
  isClosed: f.isClosed,
  closedAt: f.closedAt,
  closingNote: f.closingNote,
  updatedAt: f.updatedAt,
});

function writeDraw(db: AppDatabase, id: string, d: DrawCreateValue): boolean {
  if (db.select({ id: draws.id }).from(draws).where(eq(draws.id, id)).get()) return false;
  db.insert(draws)
    .values({
      id,
      title: d.title,
      seed: d.seed,
      algorithm: d.algorithm,
      filter: JSON.stringify(d.filter),
      poolSize: d.poolSize,
      poolHash: d.poolHash,
      inspectors: JSON.stringify(d.inspectors),
      inspectorsPerEnterprise: d.inspectorsPerEnterprise,
      createdAt: d.createdAt,
      createdBy: d.createdBy,
    })
    .run();
  for (const item of d.items) {
    db.insert(drawItems)
      .values({ drawId: id, enterpriseId: item.enterpriseId, position: item.position, uscc: item.uscc, name: item.name, divisionCode: item.divisionCode, inspectors: JSON.stringify(item.inspectors) })
      .onConflictDoNothing()
      .run();
  }
  return true;
}

function writeFinding(db: AppDatabase, drawId: string, enterpriseId: string, value: JsonValue): boolean {
  const parsed = DrawFindingValue.safeParse(value);
  if (!parsed.success) return false;
  const next = findingColumns(parsed.data);
  const where = and(eq(drawItems.drawId, drawId), eq(drawItems.enterpriseId, enterpriseId));
  const row = db.select().from(drawItems).where(where).get();
  if (!row) return false;
  const current = { result: row.result, findings: row.findings, isClosed: row.isClosed, closedAt: row.closedAt, closingNote: row.closingNote, updatedAt: row.updatedAt };
  if (JSON.stringify(current) === JSON.stringify(next)) return false;
  db.update(drawItems).set(next).where(where).run();
  return true;
}

export function createDrawAdapter(db: AppDatabase): EntityAdapter {
  return {
    rebuild(drawId, visible) {
      const created = DrawCreateValue.safeParse(visible.get('$create'));
      let isChanged: boolean;
      if (created.success) isChanged = writeDraw(db, drawId, created.data);
      // A draw published before it runs (electron/main/enforcement): its own rows, and once it
      // has run the same draw rows as above, whose findings the loop below then updates.
      else if (PublishedDrawCreateValue.safeParse(visible.get('$create')).success) isChanged = writePublishedDraw(db, drawId, visible);
      else {
        // Both sides check the same schema before a draw travels: this one is from a newer build.
        console.warn(`[inspection] unreadable draw ${drawId}: ${created.error.issues[0]?.message ?? ''}`);
        return false;
      }
      for (const [field, value] of visible) {
        const m = drawFindingFieldPattern.exec(field);
        if (m?.[1] && writeFinding(db, drawId, m[1], value)) isChanged = true;
      }
      return isChanged;
    },
    drop(drawId) {
      dropPublishedDraw(db, drawId);
      db.delete(drawItems).where(eq(drawItems.drawId, drawId)).run();
      db.delete(draws).where(eq(draws.id, drawId)).run();
    },
    existing: (ids) =>
      new Set([
        ...db.select({ id: draws.id }).from(draws).where(inArray(draws.id, [...ids])).all().map((r) => r.id),
        ...db.select({ id: publishedDraws.id }).from(publishedDraws).where(inArray(publishedDraws.id, [...ids])).all().map((r) => r.id),
      ]),
  };
}
