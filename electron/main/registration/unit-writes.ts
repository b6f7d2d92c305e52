import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@db/open';
import { unitChanges, units } from '@db/schema';
import { notDeleted, type ItemChange, type UnitRecord } from './units-queries';

// The row writes a registration action makes: a unit, a guarded update, a trace row. Callers own
// the transaction: a unit write and its trace row are always written together by the service,
// inside one db.transaction((tx) => …), and they pass tx.

type NewUnitRecord = typeof units.$inferInsert;

export interface NewChange {
  unitId: string;
  at: string;
  userName: string;
  deviceName: string;
  action: 'create' | 'import' | 'save' | 'submit' | 'not_found' | 'out_of_scope' | 'reopen' | 'withdraw' | 'pack' | 'code_industry';
  changes: readonly ItemChange[];
  reason: string | null;
}

// Inserts run once per unit of a frame import (thousands in one transaction): the statements
// are built and prepared once per handle, so once per transaction (or once for the store when a
// caller writes outside one), and the thousands of rows of one import reuse them.
const prepareInserts = (db: Db) => ({
  unit: db
    .insert(units)
    .values({
      id: sql.placeholder('id'),
      areaCode: sql.placeholder('areaCode'),
      kind: sql.placeholder('kind'),
      status: sql.placeholder('status'),
      name: sql.placeholder('name'),
      uscc: sql.placeholder('uscc'),
      address: sql.placeholder('address'),
      industryCode: sql.placeholder('industryCode'),
      searchText: sql.placeholder('searchText'),
      data: sql.placeholder('data'),
      explanations: sql.placeholder('explanations'),
      notFoundReason: sql.placeholder('notFoundReason'),
      outOfScopeReason: sql.placeholder('outOfScopeReason'),
      formPack: sql.placeholder('formPack'),
      source: sql.placeholder('source'),
      frameRow: sql.placeholder('frameRow'),
      findingsMandatory: sql.placeholder('findingsMandatory'),
      findingsVerify: sql.placeholder('findingsVerify'),
      findingsHint: sql.placeholder('findingsHint'),
      createdAt: sql.placeholder('createdAt'),
      updatedAt: sql.placeholder('updatedAt'),
    })
    .prepare(),
  change: db
    .insert(unitChanges)
    .values({
      unitId: sql.placeholder('unitId'),
      at: sql.placeholder('at'),
      userName: sql.placeholder('userName'),
      deviceName: sql.placeholder('deviceName'),
      action: sql.placeholder('action'),
      changes: sql.placeholder('changes'),
      reason: sql.placeholder('reason'),
    })
    .prepare(),
});
const preparedInserts = new WeakMap<Db, ReturnType<typeof prepareInserts>>();
function inserts(db: Db) {
  let statements = preparedInserts.get(db);
  if (!statements) {
    statements = prepareInserts(db);
    preparedInserts.set(db, statements);
  }
  return statements;
}

export type NewUnit = Pick<NewUnitRecord, 'id' | 'areaCode' | 'kind' | 'source' | 'createdAt' | 'updatedAt'> &
  Partial<Omit<NewUnitRecord, 'version' | 'deletedAt'>>;

/** Inserts a unit (version 1). */
export function insertUnit(db: Db, row: NewUnit): void {
  inserts(db).unit.run({
    status: 'not_started',
    name: '',
    uscc: '',
    address: '',
    industryCode: '',
    searchText: '',
    data: '{}',
    explanations: '{}',
    notFoundReason: null,
    outOfScopeReason: null,
    formPack: null,
    frameRow: null,
    findingsMandatory: 0,
    findingsVerify: 0,
    findingsHint: 0,
    ...row,
  });
}

export type UnitPatch = Partial<
  Pick<
    UnitRecord,
    | 'status'
    | 'name'
    | 'uscc'
    | 'address'
    | 'industryCode'
    | 'searchText'
    | 'data'
    | 'explanations'
    | 'notFoundReason'
    | 'outOfScopeReason'
    | 'formPack'
    | 'findingsMandatory'
    | 'findingsVerify'
    | 'findingsHint'
  >
>;

/**
 * Applies `patch` when the unit is still at `version`, bumping the version; false when it is
 * not (changed underneath the caller, or deleted), in which case nothing was written.
 */
export function updateUnitAtVersion(db: Db, id: string, version: number, updatedAt: string, patch: UnitPatch): boolean {
  const result = db
    .update(units)
    .set({ ...patch, updatedAt, version: version + 1 })
    .where(and(eq(units.id, id), eq(units.version, version), notDeleted))
    .run();
  return result.changes === 1;
}

/** Appends a trace row. */
export function insertChange(db: Db, change: NewChange): void {
  inserts(db).change.run({
    unitId: change.unitId,
    at: change.at,
    userName: change.userName,
    deviceName: change.deviceName,
    action: change.action,
    changes: JSON.stringify(change.changes),
    reason: change.reason,
  });
}

/** Withdraws a live unit still at `version`: the row stays as a tombstone (deletedAt). */
export function markUnitWithdrawn(db: Db, id: string, version: number, at: string): void {
  db.update(units)
    .set({ deletedAt: at, updatedAt: at, version: version + 1 })
    .where(and(eq(units.id, id), eq(units.version, version), notDeleted))
    .run();
}
