import { count, gt, isNull } from 'drizzle-orm';
import type { Overview } from '@shared/ipc/contract';
import { UnitStatus } from '@shared/registration/units';
import type { AppDatabase } from '@db/open';
import { enterprises, unitChanges, units } from '@db/schema';
import { getLastSyncAt, getSettings } from '../session/settings-queries';

const notDeleted = isNull(units.deletedAt);

/** Counts behind the Overview screen. Deleted (tombstoned) units are not counted. */
export function getOverview(db: AppDatabase): Overview {
  // Every status appears, zero or not (the contract's record is exhaustive).
  const byStatus: Record<UnitStatus, number> = {
    not_started: 0,
    draft: 0,
    completed: 0,
    submitted: 0,
    returned: 0,
    approved: 0,
    not_found: 0,
    accepted: 0,
    out_of_scope: 0,
  };
  let total = 0;
  // Grouped by 普查小区 as well: that matches units_progress_idx (area_code, status, source;
  // live units only), so the counts come from that small index. Grouped by status alone, SQLite
  // walks units_status_idx and reads every unit's row for deleted_at (~50 ms at 10,000 units).
  const rows = db
    .select({ areaCode: units.areaCode, status: units.status, n: count() })
    .from(units)
    .where(notDeleted)
    .groupBy(units.areaCode, units.status)
    .all();
  const areaCodes = new Set<string>();
  for (const row of rows) {
    total += row.n;
    areaCodes.add(row.areaCode);
    // A status outside the shared list (written by a newer build) still counts in the total.
    const status = UnitStatus.safeParse(row.status);
    if (status.success) byStatus[status.data] += row.n;
  }
  const areas = areaCodes.size;
  const enterpriseTotal = db.select({ n: count() }).from(enterprises).get()?.n ?? 0;
  const awaiting = byStatus.submitted;

  const lastSyncAt = getLastSyncAt(db);
  // unit_changes.at and lastSyncAt are both toISOString() output, so text order is time order.
  const localChanges =
    db
      .select({ n: count() })
      .from(unitChanges)
      .where(lastSyncAt === null ? undefined : gt(unitChanges.at, lastSyncAt))
      .get()?.n ?? 0;

  return {
    units: { total, byStatus, areas },
    enterprises: { total: enterpriseTotal },
    review: { awaiting },
    sync: { isServerConfigured: getSettings(db).serverUrl !== '', lastSyncAt, localChanges },
  };
}
