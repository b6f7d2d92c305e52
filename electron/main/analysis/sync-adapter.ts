import type { AppDatabase } from '@db/open';
import { TargetCreateValue, targetAttributes } from '@shared/analysis/targets';
import type { JsonValue } from '@shared/sync/protocol';
import type { EntityAdapter } from '../sync/registry';
import { deleteTarget, existingTargets, putTarget, type TargetRow } from './target-queries';

// The 'analysisTarget' sync entity made local (shared/analysis/targets.ts): the '$create' holds
// the target's identity and first values; later field ops (targetTenths, note) win over them.

/** The target's row from its visible fields, or null when they are not a readable target. */
export function targetRow(id: string, visible: ReadonlyMap<string, JsonValue>, at: string): TargetRow | null {
  const created = TargetCreateValue.safeParse(visible.get('$create'));
  if (!created.success) return null;
  const { fields } = created.data;
  const value = targetAttributes.targetTenths.safeParse(visible.has('targetTenths') ? visible.get('targetTenths') : fields.targetTenths);
  const note = targetAttributes.note.safeParse(visible.has('note') ? visible.get('note') : fields.note);
  const edited = visible.has('targetTenths') || visible.has('note');
  return {
    id,
    areaCode: created.data.areaCode,
    year: created.data.year,
    profession: created.data.profession,
    indicator: created.data.indicator,
    targetTenths: value.success ? value.data : fields.targetTenths,
    note: note.success ? note.data : fields.note,
    createdBy: created.data.createdBy,
    createdAt: created.data.createdAt,
    // Who made the latest change is in the op log; the row names the creator until an edit arrives.
    updatedBy: edited ? '' : created.data.createdBy,
    updatedAt: at,
  };
}

export function createTargetAdapter(db: AppDatabase): EntityAdapter {
  return {
    rebuild(id, visible, { at }) {
      const row = targetRow(id, visible, at);
      if (!row) {
        console.warn(`[analysis] unreadable target ${id}`);
        return false;
      }
      return putTarget(db, row);
    },
    drop: (id) => deleteTarget(db, id),
    existing: (ids) => existingTargets(db, ids),
  };
}
