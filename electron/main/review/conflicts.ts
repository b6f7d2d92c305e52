import { packForUnit } from '../forms/packs';
import { asc, eq } from 'drizzle-orm';
import type { AppDatabase } from '@db/open';
import { insertReviewChange } from './queries';
import { getUnit } from '../registration/units-queries';
import { syncConflicts, syncOutbox } from '@db/schema';
import type { ParsedInput } from '@shared/ipc/contract';
import { reviewStatusRoles } from '@shared/review/review';
import { type ConflictView } from '@shared/review/conflicts';
import { AppError } from '@shared/result';
import { ConflictRecord, ResolveValue } from '@shared/sync/api';
import { checkField } from '@shared/sync/fields';
import type { JsonValue } from '@shared/sync/protocol';
import { UnitStatus } from '@shared/registration/units';
import { fieldItem, valueRefusals } from '@shared/rules/value-checks';
import { normaliseStored } from '@shared/text/item-input';
import { normaliseInput, type InputKind } from '@shared/text/normalise';
import { recordOps } from '../sync/outbox';
import { unitRuleContext } from '../registration/rules';
import { storedForms } from './events';
import { attribution, requirePermission } from '../session/roles';

// Conflict resolution: the open conflicts the server reported at the last sync, with
// both values, authors and times; choosing one (or typing a third) queues a '$resolve' op made
// against the version of the field this laptop saw, sent at the next sync like any edit.

interface PendingResolution {
  value: JsonValue;
  at: string;
}

function pendingResolutions(db: AppDatabase): Map<string, PendingResolution> {
  const rows = db
    .select({ op: syncOutbox.op })
    .from(syncOutbox)
    .where(eq(syncOutbox.field, '$resolve'))
    .orderBy(asc(syncOutbox.seq))
    .all();
  const out = new Map<string, PendingResolution>();
  for (const r of rows) {
    const op = JSON.parse(r.op) as { value: unknown; at: string };
    const parsed = ResolveValue.safeParse(op.value);
    if (parsed.success) out.set(parsed.data.conflictId, { value: parsed.data.value, at: op.at });
  }
  return out;
}

/** Display names of records of one kind held here (the sync registry's adapters: registry.ts). */
export type RecordNames = (ids: readonly string[], entity: string) => ReadonlyMap<string, string>;

export function listConflictViews(db: AppDatabase, names: RecordNames): ConflictView[] {
  const pending = pendingResolutions(db);
  const rows = db
    .select({ id: syncConflicts.conflictId, record: syncConflicts.record, isOwn: syncConflicts.isOwn })
    .from(syncConflicts)
    .orderBy(asc(syncConflicts.conflictId))
    .all();
  const records = rows.map((r) => ({ ...r, c: ConflictRecord.parse(JSON.parse(r.record)) }));
  const named = new Map<string, ReadonlyMap<string, string>>();
  for (const entity of new Set(records.map((r) => r.c.entity))) {
    named.set(entity, names([...new Set(records.filter((r) => r.c.entity === entity).map((r) => r.c.entityId))], entity));
  }
  return records.map((r) => {
    const c = r.c;
    const side = (s: typeof c.current) => ({ value: s.value, userName: s.userName || s.userId, deviceId: s.deviceId, at: s.at });
    return {
      conflictId: c.id,
      entity: c.entity,
      entityId: c.entityId,
      entityName: named.get(c.entity)?.get(c.entityId) ?? '',
      areaCode: c.scopeKey,
      field: c.field,
      current: side(c.current),
      incoming: side(c.incoming),
      winner: c.winner,
      createdAt: c.createdAt,
      isOwn: r.isOwn,
      pendingResolution: pending.get(c.id) ?? null,
    };
  });
}

// Unit attributes a supervisor may type a third value for, read as their form items are.
const attributeKinds: Partial<Record<string, InputKind>> = { name: 'text', address: 'text', notFoundReason: 'text', outOfScopeReason: 'text', uscc: 'code', industryCode: 'code' };

/**
 * A value the supervisor typed, normalised as the form would store it (full-width digits and
 * letters, spaces inside codes) and put through the item's own checks, as any edit of that item
 * is: a value the form would flag as wrong in itself (强制性: format, code list, range, an
 * identifier's structure) is refused here rather than pushed into an enumerator's form.
 */
function typedResolution(db: AppDatabase, c: ConflictRecord, typed: JsonValue, at: Date): JsonValue {
  if (c.entity !== 'unit' || typeof typed !== 'string') return typed;
  const kind = attributeKinds[c.field];
  if (kind) {
    const text = normaliseInput(typed, kind);
    return c.field === 'uscc' ? text.toUpperCase() : text;
  }
  const record = getUnit(db, c.entityId);
  const target = fieldItem(packForUnit(db, record?.formPack ?? null).pack, c.field);
  if (!target) return typed;
  const stored = normaliseStored(target.ref.item, typed);
  // A string in, a scalar out: a blank clears the item.
  const value: JsonValue = stored === undefined || stored === '' || Array.isArray(stored) ? null : stored;
  const forms = record ? storedForms(record.data) : {};
  const refusals = valueRefusals(target, forms[target.spec.id] ?? {}, value, { ...unitRuleContext(db, at, null), forms });
  if (refusals.length > 0) {
    const issues = refusals.map((f) => ({ path: 'value', message: `${f.messageZh} / ${f.messageEn}` }));
    throw new AppError('INVALID_INPUT', `此值不能用于${target.ref.item.labelZh}，未作任何修改 / Not a valid ${target.ref.item.labelEn}; nothing was changed`, issues);
  }
  return value;
}

export function resolveConflict(db: AppDatabase, input: ParsedInput<'conflicts:resolve'>, at: Date, names: RecordNames): ConflictView[] {
  const session = requirePermission(db, 'conflicts.resolve');
  const who = attribution(db, session);
  const row = db.select().from(syncConflicts).where(eq(syncConflicts.conflictId, input.conflictId)).get();
  if (!row) throw new AppError('NOT_FOUND', `没有此冲突 / No conflict ${input.conflictId}`);
  if (pendingResolutions(db).has(input.conflictId)) {
    throw new AppError('RULE_VIOLATION', '此冲突已处理，待同步 / This conflict is already resolved here; it goes up at the next sync');
  }
  const c = ConflictRecord.parse(JSON.parse(row.record));
  const value: JsonValue =
    input.choice === 'current'
      ? c.current.value
      : input.choice === 'incoming'
        ? c.incoming.value
        : typedResolution(db, c, input.value ?? null, at);
  const check = checkField(c.entity, c.field, value);
  if (!check.ok) throw new AppError('INVALID_INPUT', check.message, [{ path: 'value', message: check.message }]);
  // The server refuses a resolution that would set a review status the role may not set.
  if (c.entity === 'unit' && c.field === 'status') {
    const status = UnitStatus.safeParse(value);
    const allowed = status.success ? reviewStatusRoles[status.data] : undefined;
    if (allowed && !allowed.includes(session.role)) {
      throw new AppError('FORBIDDEN', `无权将状态设为 ${String(value)} / A ${session.role} may not set status ${String(value)}`);
    }
  }
  const stamp = at.toISOString();
  db.transaction((tx) => {
    recordOps(
      tx,
      [{ entity: c.entity, entityId: c.entityId, areaCode: c.scopeKey, field: '$resolve', value: { conflictId: c.id, value }, baseField: c.field }],
      at,
    );
    if (c.entity === 'unit' && getUnit(db, c.entityId)) {
      const kept = c.winner === 'current' ? c.current.value : c.incoming.value;
      insertReviewChange(tx, {
        unitId: c.entityId,
        at: stamp,
        ...who,
        action: 'resolve',
        changes: [{ path: c.field, from: kept, to: value }],
        reason: `解决冲突 / Resolved conflict ${c.id} (${input.choice}): ${c.current.userName} ↔ ${c.incoming.userName}`,
      });
    }
  });
  return listConflictViews(db, names);
}
