import type { SyncDb } from '../../../db/queries/sync-state';
import type { EnterpriseFields } from '../../../shared/directory';
import { enterpriseAttributeNames } from '../../../shared/directory-sync';
import type { JsonValue } from '../../../shared/sync/protocol';
import { recordOps } from '../sync/outbox';

// Sync ops of directory writes (shared/directory-sync.ts): every service write calls these in
// the transaction that changes the rows, so the change and its ops are stored together or not
// at all — the same rule as units.

export interface FieldOp {
  field: string;
  value: JsonValue;
}

export function recordEnterpriseOps(tx: SyncDb, enterpriseId: string, divisionCode: string, ops: readonly FieldOp[], at: Date): void {
  recordOps(
    tx,
    ops.map((o) => ({ entity: 'enterprise' as const, entityId: enterpriseId, areaCode: divisionCode, field: o.field, value: o.value })),
    at,
  );
}

const isEmpty = (v: unknown): boolean => v === '' || v === false;

/**
 * Identity field ops from `before` (null: a new enterprise, whose '$create' names its scope
 * key and USCC, and whose empty attributes need no op) to `after`.
 */
export function identityOps(before: EnterpriseFields | null, after: EnterpriseFields): FieldOp[] {
  const ops: FieldOp[] = before ? [] : [{ field: '$create', value: { areaCode: after.divisionCode, uscc: after.uscc } }];
  for (const name of enterpriseAttributeNames) {
    const value = after[name];
    if (before ? before[name] === value : isEmpty(value)) continue;
    ops.push({ field: name, value });
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
