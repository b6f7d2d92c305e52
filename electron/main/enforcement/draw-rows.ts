import { eq } from 'drizzle-orm';
import type { Db } from '@db/open';
import { drawItems, draws, publishedDraws, publishedDrawSeeds } from '@db/schema';
import { PublishedDrawCreateValue, DrawRunValue } from '@shared/enforcement/sync-fields';
import type { PublishedDraw } from '@shared/enforcement/wire';
import type { JsonValue } from '@shared/sync/protocol';
import { fieldsText, readFields, type FieldMap } from './field-rows';

// A published draw's rows: its synced fields ('$create', 'run') in published_draws, and once it
// has run, the same draws/draw_items rows a plain draw writes, so the inspection screen lists it
// and records its findings (electron/main/inspection) with nothing of its own to learn.

/** Writes a published draw's fields and, once run, its draws/draw_items rows; true when a row changed. */
export function writePublishedDraw(db: Db, id: string, fields: ReadonlyMap<string, JsonValue>): boolean {
  const create = PublishedDrawCreateValue.safeParse(fields.get('$create'));
  if (!create.success) return false;
  const kept = new Map([...fields].filter(([k]) => k === '$create' || k === 'run'));
  const text = fieldsText(kept);
  const row = db.select().from(publishedDraws).where(eq(publishedDraws.id, id)).get();
  let isChanged = false;
  if (!row) {
    db.insert(publishedDraws).values({ id, fields: text, publishedAt: create.data.at }).run();
    isChanged = true;
  } else if (row.fields !== text) {
    db.update(publishedDraws).set({ fields: text }).where(eq(publishedDraws.id, id)).run();
    isChanged = true;
  }
  const run = DrawRunValue.safeParse(fields.get('run'));
  if (run.success && !db.select({ id: draws.id }).from(draws).where(eq(draws.id, id)).get()) {
    const c = create.data;
    const names = [...new Set(c.roster.map((r) => r.name))].sort();
    db.insert(draws)
      .values({
        id,
        title: c.title,
        seed: run.data.seed,
        algorithm: c.algorithm,
        filter: JSON.stringify(c.filter),
        poolSize: c.pool.length,
        poolHash: c.poolHash,
        inspectors: JSON.stringify(names),
        inspectorsPerEnterprise: c.perEnterprise,
        createdAt: run.data.at,
        createdBy: run.data.by.name,
      })
      .run();
    for (const item of run.data.items) {
      db.insert(drawItems)
        .values({ drawId: id, enterpriseId: item.enterpriseId, position: item.position, uscc: item.uscc, name: item.name, divisionCode: item.divisionCode, inspectors: JSON.stringify(item.inspectors.map((i) => i.name)) })
        .onConflictDoNothing()
        .run();
    }
    isChanged = true;
  }
  return isChanged;
}

export function readPublishedDraw(db: Pick<Db, 'select'>, id: string): PublishedDraw | null {
  const row = db.select().from(publishedDraws).where(eq(publishedDraws.id, id)).get();
  if (!row) return null;
  return toPublishedDraw(db, id, readFields(row.fields));
}

export function toPublishedDraw(db: Pick<Db, 'select'>, id: string, fields: FieldMap): PublishedDraw | null {
  const create = PublishedDrawCreateValue.safeParse(fields.get('$create'));
  if (!create.success) return null;
  const c = create.data;
  const run = DrawRunValue.safeParse(fields.get('run'));
  const holdsSeed = db.select({ id: publishedDrawSeeds.drawId }).from(publishedDrawSeeds).where(eq(publishedDrawSeeds.drawId, id)).get() !== undefined;
  return {
    id,
    title: c.title,
    areaCode: c.areaCode,
    algorithm: c.algorithm,
    filter: c.filter,
    day: c.day,
    count: c.count,
    perEnterprise: c.perEnterprise,
    seedHash: c.seedHash,
    poolHash: c.poolHash,
    rosterHash: c.rosterHash,
    pool: c.pool,
    roster: c.roster,
    publishedAt: c.at,
    publishedBy: c.by.name,
    holdsSeed,
    run: run.success ? run.data : null,
  };
}

export function dropPublishedDraw(db: Db, id: string): void {
  db.delete(publishedDraws).where(eq(publishedDraws.id, id)).run();
}
