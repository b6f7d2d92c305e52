import { eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '@db/open';
import { units } from '@db/schema';
import type { Op } from '@shared/sync/protocol';
import { recordOps, type OutboxChange } from '../sync/outbox';
import { diffUnit, type UnitContent } from './unit-fields';

// A unit write as sync ops (one per changed field, registration/unit-fields.ts), recorded
// through the engine's one outbox call in the transaction that writes the row.

/**
 * The ops for one unit write: `before` is the unit as it was (null when it is new), `after`
 * as written. Call inside the transaction that writes the unit.
 */
export function recordUnitChange(
  tx: Db,
  unitId: string,
  before: UnitContent | null,
  after: UnitContent,
  now: Date = new Date(),
): Op[] {
  const changes = diffUnit(before, after).map(
    (c): OutboxChange => ({ entity: 'unit', entityId: unitId, areaCode: after.areaCode, field: c.field, value: c.value }),
  );
  return recordOps(tx, changes, now);
}

const prepareUnitRead = (tx: Db) =>
  tx
    .select()
    .from(units)
    .where(eq(units.id, sql.placeholder('id')))
    .prepare();
const unitReads = new WeakMap<Db, ReturnType<typeof prepareUnitRead>>();

function readUnit(tx: Db, unitId: string): UnitContent {
  let statement = unitReads.get(tx);
  if (!statement) {
    statement = prepareUnitRead(tx);
    unitReads.set(tx, statement);
  }
  const row = statement.get({ id: unitId });
  if (!row) throw new Error(`recordUnitWrite: unit ${unitId} is not in the store`);
  return row;
}

/**
 * For a service that has just written a unit row inside `tx`: records the ops from `before`
 * (the row as read before the write; null for a new unit) to the row as now stored.
 */
export function recordUnitWrite(tx: Db, unitId: string, before: UnitContent | null, now: Date = new Date()): Op[] {
  return recordUnitChange(tx, unitId, before, readUnit(tx, unitId), now);
}

/**
 * recordUnitWrite for many new units written in `tx` (a frame import): one '$create' op each.
 * The op chain's stamp is read once for the transaction (outbox.ts); the units are read, made
 * into ops and recorded a chunk at a time, so no more than a chunk's values are alive at once
 * (10,000 values held to the end cost the collector more than building them). Returns how many
 * ops were recorded.
 */
export function recordNewUnits(tx: Db, unitIds: readonly string[], now: Date = new Date()): number {
  let recorded = 0;
  for (let i = 0; i < unitIds.length; i += READ_CHUNK) {
    const chunk = unitIds.slice(i, i + READ_CHUNK);
    // One statement per chunk rather than one per unit, and only the synced columns.
    const rows = new Map(tx.select(contentColumns).from(units).where(inArray(units.id, chunk)).all().map((row) => [row.id, row]));
    const changes: OutboxChange[] = [];
    for (const id of chunk) {
      const unit = rows.get(id);
      if (!unit) throw new Error(`recordNewUnits: unit ${id} is not in the store`);
      for (const c of diffUnit(null, unit)) changes.push({ entity: 'unit', entityId: id, areaCode: unit.areaCode, field: c.field, value: c.value });
    }
    recorded += recordOps(tx, changes, now).length;
  }
  return recorded;
}

/** Ids per read: well under SQLite's limit on bound parameters (32,766). */
const READ_CHUNK = 500;

const contentColumns = {
  id: units.id,
  areaCode: units.areaCode,
  kind: units.kind,
  source: units.source,
  status: units.status,
  name: units.name,
  uscc: units.uscc,
  address: units.address,
  industryCode: units.industryCode,
  data: units.data,
  explanations: units.explanations,
  notFoundReason: units.notFoundReason,
  outOfScopeReason: units.outOfScopeReason,
  formPack: units.formPack,
  frameRow: units.frameRow,
  deletedAt: units.deletedAt,
} satisfies Record<keyof UnitContent | 'id', unknown>;
