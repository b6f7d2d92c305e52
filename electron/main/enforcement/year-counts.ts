import { eq } from 'drizzle-orm';
import type { AppDatabase } from '@db/open';
import { drawItems, draws } from '@db/schema';
import type { CaseRecord } from '@shared/enforcement/records';
import { enforcementYearCounts, type EnforcementYearCounts, type InspectedEnterprise } from '@shared/enforcement/year-counts';
import { listCases } from './cases';

// The year's 统计执法 figures from this laptop's records (the bureau's laptop holds every draw
// and case of the district once synced): enterprises drawn in every draw run that year, plain or
// published, and every case.

/** What the year's figures are counted from (the year-end summary counts from the same). */
export function enforcementRecords(db: Pick<AppDatabase, 'select'>): { inspected: InspectedEnterprise[]; cases: CaseRecord[] } {
  const inspected = db
    .select({ enterpriseId: drawItems.enterpriseId, on: draws.createdAt })
    .from(drawItems)
    .innerJoin(draws, eq(draws.id, drawItems.drawId))
    .all();
  return { inspected, cases: listCases(db) };
}

export function enforcementYearCountsOf(db: Pick<AppDatabase, 'select'>, year: number): EnforcementYearCounts {
  return enforcementYearCounts(year, enforcementRecords(db));
}
