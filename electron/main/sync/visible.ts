import { sql } from 'drizzle-orm';
import type { Db } from '@db/open';
import { syncBase, syncOutbox } from '@db/schema';
import type { JsonValue } from '@shared/sync/protocol';

// What the laptop shows of a synced entity, the one rule every adapter and index uses: the
// server's value of each field (sync_base), with this device's own ops on top in outbox order
// (pending, or acked but not yet seen in a complete pull), so a download never hides an edit
// the user made and has not seen the fate of.

/** The server's fields of an entity: field → [server version, value] (sync_base). */
export type ServerFields = Readonly<Record<string, readonly [version: number, value: JsonValue]>>;

/**
 * The visible fields from the server's values and this device's ops (oldest first). Fields an
 * op set are added to `pending` when it is given (the review index marks them unsent).
 */
export function visibleFields(
  base: ServerFields,
  ownOps: Iterable<{ readonly field: string; readonly value: JsonValue }>,
  pending?: Set<string>,
): Map<string, JsonValue> {
  const visible = new Map<string, JsonValue>();
  // for…in over the parsed document: no array of entries per entity (a fresh pull has 10,000).
  for (const field in base) visible.set(field, (base[field] as ServerFields[string])[1]);
  for (const op of ownOps) {
    visible.set(op.field, op.value);
    pending?.add(op.field);
  }
  return visible;
}

export interface VisibleEntity {
  fields: Map<string, JsonValue>;
  /** Fields whose visible value is one of this device's ops. */
  pending: Set<string>;
}

/**
 * visibleFields of many entities of one kind, restricted to the fields starting with `prefix`
 * (e.g. a unit's review events, 'review.e-'): SQLite's json_each walks the stored documents and
 * hands over only those fields, rather than whole documents (~60 fields a unit) parsed in JS.
 * Entities holding none of them are left out.
 */
export function readVisible(db: Db, entity: string, ids: readonly string[], prefix: string): Map<string, VisibleEntity> {
  const out = new Map<string, VisibleEntity>();
  if (ids.length === 0) return out;
  const idList = sql.join(ids.map((id) => sql`${id}`), sql`, `);
  const bases = db.all<{ id: string; field: string; value: string }>(
    sql`SELECT b.entity_id AS id, j.key AS field, (j.value -> '$[1]') AS value
        FROM ${syncBase} b, json_each(b.fields) j
        WHERE b.entity = ${entity} AND b.entity_id IN (${idList})
          AND instr(b.fields, ${prefix}) > 0 AND substr(j.key, 1, ${prefix.length}) = ${prefix}`,
  );
  const ops = db.all<{ id: string; field: string; value: string }>(
    sql`SELECT entity_id AS id, field, (op -> '$.value') AS value FROM ${syncOutbox}
        WHERE entity = ${entity} AND entity_id IN (${idList}) AND substr(field, 1, ${prefix.length}) = ${prefix}
        ORDER BY seq`,
  );
  const baseOf = new Map<string, Record<string, [number, JsonValue]>>();
  for (const b of bases) {
    let fields = baseOf.get(b.id);
    if (!fields) baseOf.set(b.id, (fields = {}));
    // Only the value matters to what shows, not the server version.
    fields[b.field] = [0, JSON.parse(b.value) as JsonValue];
  }
  const opsOf = new Map<string, { field: string; value: JsonValue }[]>();
  for (const o of ops) push(opsOf, o.id, { field: o.field, value: JSON.parse(o.value) as JsonValue });
  for (const id of new Set([...baseOf.keys(), ...opsOf.keys()])) {
    const pending = new Set<string>();
    out.set(id, { fields: visibleFields(baseOf.get(id) ?? {}, opsOf.get(id) ?? [], pending), pending });
  }
  return out;
}

function push<T>(map: Map<string, T[]>, key: string, item: T): void {
  const list = map.get(key);
  if (list) list.push(item);
  else map.set(key, [item]);
}
