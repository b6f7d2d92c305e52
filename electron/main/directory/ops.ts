import type { EnterpriseFields } from '@shared/directory/directory';
import { enterpriseAttributeNames } from '@shared/directory/sync-fields';
import type { JsonValue } from '@shared/sync/protocol';
import { recordOps } from '../sync/outbox';
import type { Db } from '@db/open';

// Sync ops of directory writes (shared/directory/sync-fields.ts): every service write calls these in
// the transaction that changes the rows, so the change and its ops are stored together or not
// at all — the same rule as units.

export interface FieldOp {
  field: string;
  value: JsonValue;
}

export function recordEnterpriseOps(tx: Db, enterpriseId: string, divisionCode: string, ops: readonly FieldOp[], at: Date): void {
  recordOps(
    tx,
    ops.map((o) => ({ entity: 'enterprise' as const, entityId: enterpriseId, areaCode: divisionCode, field: o.field, value: o.value })),
    at,
  );
}

/** Ops of many enterprises recorded in one go (an import): the op chain's stamp is read and written once. */
export function recordManyEnterpriseOps(tx: Db, writes: readonly { enterpriseId: string; divisionCode: string; ops: readonly FieldOp[] }[], at: Date): void {
  recordOps(
    tx,
    writes.flatMap((w) => w.ops.map((o) => ({ entity: 'enterprise' as const, entityId: w.enterpriseId, areaCode: w.divisionCode, field: o.field, value: o.value }))),
    at,
  );
}

const isEmpty = (v: unknown): boolean => v === '' || v === false || v === null;
/**
 * Defaults a '$create' leaves out like empty values. For qualificationKind this matters: an older
 * laptop's `hasQualification: true` reads as 'unconfirmed' only where no kind was ever stated
 * (sync-adapter.ts), so a new enterprise must not state 'none' merely by default.
 */
const createDefaults: Partial<Record<string, unknown>> = { unitKind: 'legal', qualificationKind: 'none' };

/**
 * The '$create' of a new enterprise: its scope key (division code, as `areaCode`) and USCC, and
 * its initial attributes in `fields` (shared/directory/sync-fields.ts), the way units carry theirs
 * (electron/main/registration/unit-fields.ts createValue). One op per new enterprise rather than one per
 * attribute: an import of 20,000 rows queues 20,000 ops, not 180,000. The division code stays
 * out of `fields` (the server refuses the scope field there), as do empty attributes.
 */
export function createValue(fields: EnterpriseFields, extra: Readonly<Record<string, JsonValue>> = {}): JsonValue {
  // `extra`: initial fields beyond the attributes (the 包保 assignment an import records with it).
  const initial: Record<string, JsonValue> = { ...extra };
  for (const name of enterpriseAttributeNames) {
    const value = fields[name];
    if (name === 'divisionCode' || isEmpty(value) || createDefaults[name] === value) continue;
    initial[name] = value;
  }
  return { areaCode: fields.divisionCode, uscc: fields.uscc, fields: initial };
}

/** Identity field ops from `before` (null: a new enterprise, one '$create') to `after`. */
export function identityOps(before: EnterpriseFields | null, after: EnterpriseFields): FieldOp[] {
  if (!before) return [{ field: '$create', value: createValue(after) }];
  const ops: FieldOp[] = [];
  for (const name of enterpriseAttributeNames) {
    const value = after[name];
    if (before[name] !== value) ops.push({ field: name, value });
  }
  return ops;
}

/** The trace entries of the same change, as { path, from, to }. */
export function identityChanges(before: EnterpriseFields | null, after: EnterpriseFields): { path: string; from: unknown; to: unknown }[] {
  const out: { path: string; from: unknown; to: unknown }[] = [];
  for (const name of enterpriseAttributeNames) {
    const from = before ? before[name] : null;
    const to = after[name];
    if (before ? from !== to : !isEmpty(to)) out.push({ path: name, from, to });
  }
  return out;
}
