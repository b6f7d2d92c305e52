import { eq, inArray } from 'drizzle-orm';
import type { Db } from '@db/open';
import { analysisTargets } from '@db/schema';
import type { Target } from '@shared/analysis/targets';

// The yearly targets as stored (db/schema/analysis.ts analysis_targets).

export type TargetRow = typeof analysisTargets.$inferSelect;

export const toTarget = (r: TargetRow): Target => ({
  id: r.id,
  year: r.year,
  areaCode: r.areaCode,
  line: `${r.profession}.${r.indicator}`,
  targetTenths: r.targetTenths,
  note: r.note,
  createdBy: r.createdBy,
  updatedBy: r.updatedBy,
  updatedAt: r.updatedAt,
});

export const getTarget = (db: Db, id: string): TargetRow | undefined => db.select().from(analysisTargets).where(eq(analysisTargets.id, id)).get();

export const targetsOfYear = (db: Db, year: number): TargetRow[] => db.select().from(analysisTargets).where(eq(analysisTargets.year, year)).all();

/** Inserts or rewrites a target; true when the row changed. */
export function putTarget(db: Db, row: TargetRow): boolean {
  const existing = getTarget(db, row.id);
  if (existing && JSON.stringify({ ...existing, updatedAt: '' }) === JSON.stringify({ ...existing, ...row, updatedAt: '' })) return false;
  db.insert(analysisTargets).values(row).onConflictDoUpdate({ target: analysisTargets.id, set: row }).run();
  return true;
}

export const deleteTarget = (db: Db, id: string): void => {
  db.delete(analysisTargets).where(eq(analysisTargets.id, id)).run();
};

export const existingTargets = (db: Db, ids: readonly string[]): Set<string> =>
  new Set(db.select({ id: analysisTargets.id }).from(analysisTargets).where(inArray(analysisTargets.id, [...ids])).all().map((r) => r.id));
