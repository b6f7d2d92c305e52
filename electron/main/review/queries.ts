import { and, asc, eq, gte, inArray, like, sql } from 'drizzle-orm';
import { isReviewField, ReviewEventValue } from '@shared/review/review';
import type { AppDatabase } from '@db/open';
import { reviewDirty, reviewEvents, unitChanges, units } from '@db/schema';
import { readVisible } from '../sync/visible';

// The review-event index (db/schema/review.ts): refreshed from the synced fields of the units
// the triggers marked (migration 'review_triggers'), then queried for threads, queues and the trend.

export interface StoredReviewEvent {
  unitId: string;
  /** 'e-…' */
  id: string;
  value: ReviewEventValue;
  isPending: boolean;
}

const CHUNK = 500;
const FIELD_PREFIX_LENGTH = 'review.'.length;
/** The fields review events travel in ('review.e-<id>', shared/review/review.ts). */
const REVIEW_FIELD_PREFIX = 'review.e-';

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Re-reads the events of every marked unit as the laptop shows them (sync/visible.ts: the
 * server's with this laptop's unsent ones on top, the rule every synced row is built by).
 * Cheap when nothing is marked; after a fresh pull of 10,000 units it reads only the units
 * that have events.
 */
export function refreshReviewIndex(db: AppDatabase): number {
  const dirty = db.select({ id: reviewDirty.unitId }).from(reviewDirty).all().map((r) => r.id);
  if (dirty.length === 0) return 0;
  db.transaction((tx) => {
    for (const ids of chunks(dirty)) {
      const found = new Map<string, StoredReviewEvent>();
      for (const [unitId, visible] of readVisible(tx, 'unit', ids, REVIEW_FIELD_PREFIX)) {
        for (const [field, value] of visible.fields) {
          if (isReviewField(field)) keep(found, unitId, field, value, visible.pending.has(field));
        }
      }
      tx.delete(reviewEvents).where(inArray(reviewEvents.unitId, ids)).run();
      const rows = [...found.values()].map((e) => ({
        unitId: e.unitId,
        eventId: e.id,
        kind: e.value.kind,
        at: e.value.at,
        byName: e.value.by.name,
        byRole: e.value.by.role,
        value: JSON.stringify(e.value),
        isPending: e.isPending,
      }));
      for (const part of chunks(rows, 200)) tx.insert(reviewEvents).values(part).run();
      tx.delete(reviewDirty).where(inArray(reviewDirty.unitId, ids)).run();
    }
  });
  return dirty.length;
}

function keep(found: Map<string, StoredReviewEvent>, unitId: string, field: string, value: unknown, isPending: boolean): void {
  const parsed = ReviewEventValue.safeParse(value);
  // Both sides check events against the same schema before they travel; one that fails here was
  // written by a newer build. It stays in sync_base untouched; this build cannot show it.
  if (!parsed.success) {
    console.warn(`[review] unreadable event ${field} of unit ${unitId}`);
    return;
  }
  found.set(`${unitId}\u0000${field}`, { unitId, id: field.slice(FIELD_PREFIX_LENGTH), value: parsed.data, isPending });
}

/** The events of each unit, oldest first (author time, then id). Refresh the index first. */
export function eventsOf(db: AppDatabase, unitIds: readonly string[]): Map<string, StoredReviewEvent[]> {
  const out = new Map<string, StoredReviewEvent[]>();
  for (const ids of chunks([...new Set(unitIds)])) {
    const rows = db
      .select()
      .from(reviewEvents)
      .where(inArray(reviewEvents.unitId, ids))
      .orderBy(asc(reviewEvents.at), asc(reviewEvents.eventId))
      .all();
    for (const r of rows) {
      const list = out.get(r.unitId) ?? [];
      list.push({ unitId: r.unitId, id: r.eventId, value: ReviewEventValue.parse(JSON.parse(r.value)), isPending: r.isPending });
      out.set(r.unitId, list);
    }
  }
  return out;
}

/**
 * Units edited after approval or acceptance whose edit no acceptance has settled yet (an
 * 'accept' event lists the reopen events it settles in `reopens`): flagged for the bureau.
 */
export function reopenedUnitIds(db: AppDatabase): string[] {
  return db
    .all<{ unit_id: string }>(
      sql`SELECT DISTINCT r.unit_id FROM review_events r
          WHERE r.kind = 'reopen'
            AND NOT EXISTS (
              SELECT 1 FROM review_events a, json_each(a.value, '$.reopens') j
              WHERE a.unit_id = r.unit_id AND a.kind = 'accept' AND j.value = r.event_id
            )`,
    )
    .map((r) => r.unit_id);
}

/** Review events of the given kinds since `fromIso`, with the unit's area, for the daily trend. */
export function eventsSince(db: AppDatabase, fromIso: string, areaPrefix: string): { kind: string; at: string }[] {
  return db
    .select({ kind: reviewEvents.kind, at: reviewEvents.at })
    .from(reviewEvents)
    .innerJoin(units, eq(units.id, reviewEvents.unitId))
    .where(
      and(
        gte(reviewEvents.at, fromIso),
        inArray(reviewEvents.kind, ['submit', 'return', 'approve', 'accept']),
        areaPrefix === '' ? undefined : like(units.areaCode, `${areaPrefix}%`),
        sql`${units.deletedAt} IS NULL`,
      ),
    )
    .all();
}

/** The first submission of each unit (under the prefix) that was first submitted since `fromIso`. */
export function firstSubmitsSince(db: AppDatabase, fromIso: string, areaPrefix: string): string[] {
  return db
    .all<{ first: string }>(
      sql`SELECT min(r.at) AS first FROM review_events r JOIN units u ON u.id = r.unit_id
          WHERE r.kind = 'submit' AND u.deleted_at IS NULL AND u.area_code LIKE ${`${areaPrefix}%`}
          GROUP BY r.unit_id HAVING min(r.at) >= ${fromIso}`,
    )
    .map((r) => r.first);
}

export interface ReviewChange {
  unitId: string;
  at: string;
  userName: string;
  deviceName: string;
  action: 'approve' | 'return' | 'accept' | 'answer' | 'resolve';
  changes: { path: string; from: unknown; to: unknown }[];
  reason: string | null;
}

/** A trace row for a review step (unit_changes; the same history as registration's). */
export function insertReviewChange(db: Pick<AppDatabase, 'insert'>, c: ReviewChange): void {
  db.insert(unitChanges)
    .values({
      unitId: c.unitId,
      at: c.at,
      userName: c.userName,
      deviceName: c.deviceName,
      action: c.action,
      changes: JSON.stringify(c.changes),
      reason: c.reason,
    })
    .run();
}
