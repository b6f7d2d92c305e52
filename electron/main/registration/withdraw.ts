import type { AppDatabase } from '@db/open';
import { getUnit, lastWithdrawTrace, withdrawnRows } from './units-queries';
import { insertChange, markUnitWithdrawn } from './unit-writes';
import type { ParsedInput } from '@shared/ipc/contract';
import type { WithdrawnUnit } from '@shared/registration/registration';
import { AppError, userError } from '@shared/result';
import { UnitKind } from '@shared/registration/units';
import { recordOps } from '../sync/outbox';
import { readTeam } from '../session/roles';
import { requireProfile, type RegistrationOptions } from './service';

// Mistakes taken back (duplicates at the door are registration-duplicates.ts). A unit added by
// mistake is withdrawn before it is ever submitted: it leaves every list and count, but
// nothing is erased — the row stays as a tombstone, the trace
// says who withdrew it, when and why, and the '$delete' op carries the reason to the server,
// so every other laptop shows it under 已撤销 with the same reason instead of losing it.

/** Statuses a unit may be withdrawn from: never submitted to review. */
const withdrawable = new Set<string>(['not_started', 'draft', 'completed']);

export function createWithdrawService(db: AppDatabase, opts: RegistrationOptions = {}) {
  const now = opts.now ?? (() => new Date());

  return {
    withdraw(input: ParsedInput<'units:withdraw'>): WithdrawnUnit {
      const profile = requireProfile(db);
      const at = now();
      const stamp = at.toISOString();
      db.transaction((tx) => {
        const record = getUnit(tx, input.id);
        if (!record || record.deletedAt !== null) throw new AppError('NOT_FOUND', `没有此单位 / No unit ${input.id}`);
        if (record.version !== input.version) {
          throw new AppError('CONFLICT', `单位已被修改，请刷新后重试 / Unit ${input.id} is at version ${record.version}, not ${input.version}`);
        }
        if (record.source !== 'field') {
          throw userError('RULE_VIOLATION', '底册中的单位不能撤销；若实地找不到，请标记为“找不到”。', 'A unit from the listing frame cannot be withdrawn; mark it not found if it cannot be found on site.', [{ path: 'source', message: 'FRAME' }]);
        }
        if (!withdrawable.has(record.status)) {
          throw userError('RULE_VIOLATION', '已提交审核的单位不能撤销；请联系普查指导员退回后再处理。', 'A unit submitted for review cannot be withdrawn; ask the supervisor to return it first.', [{ path: 'status', message: record.status }]);
        }
        markUnitWithdrawn(tx, input.id, input.version, stamp);
        insertChange(tx, { unitId: input.id, at: stamp, ...profile, action: 'withdraw', changes: [], reason: input.reason });
        // The tombstone op carries the reason (the row keeps only when): see registration/unit-fields.ts.
        recordOps(tx, [{ entity: 'unit', entityId: input.id, areaCode: record.areaCode, field: '$delete', value: { reason: input.reason } }], at);
      });
      const found = withdrawnUnits(db).find((u) => u.id === input.id);
      if (!found) throw new Error(`withdraw: unit ${input.id} is not withdrawn after the write`);
      return found;
    },
  };
}

const asReason = (value: unknown): string | null =>
  typeof value === 'object' && value !== null && 'reason' in value && typeof value.reason === 'string' ? value.reason : null;

/**
 * Every withdrawn unit this store holds, newest first, with who withdrew it and why: the reason
 * from the server's copy of the tombstone when it has one (a unit withdrawn elsewhere, received
 * in a snapshot), else from the trace row that recorded it here or brought it by sync.
 */
export function withdrawnUnits(db: AppDatabase): WithdrawnUnit[] {
  const rows = withdrawnRows(db);
  const names = new Map(readTeam(db).users.map((u) => [u.id, u.name]));
  return rows.flatMap((r) => {
    const kind = UnitKind.safeParse(r.kind);
    if (!kind.success || r.deletedAt === null) return [];
    const traced = lastWithdrawTrace(db, r.id);
    const tracedReason = traced ? (traced.reason ?? asReason((JSON.parse(traced.changes) as { path: string; to: unknown }[]).find((c) => c.path === '$delete')?.to)) : null;
    return [
      {
        id: r.id,
        areaCode: r.areaCode,
        name: r.name,
        uscc: r.uscc,
        kind: kind.data,
        withdrawnAt: traced?.at ?? r.deletedAt,
        by: traced ? (names.get(traced.userName) ?? traced.userName) : '',
        reason: r.baseReason ?? tracedReason ?? '',
      },
    ];
  });
}
