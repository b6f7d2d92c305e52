import { eq } from 'drizzle-orm';
import type { Db } from '@db/open';
import { evidence } from '@db/schema';
import { isKept } from '@shared/ledger/keeping';
import { ledgerPeriods } from './queries';

// The keeping rule (shared/ledger/keeping.ts) over an enterprise's stored records: its ledger
// months, annual figures, sign-offs and evidence records (dated by when they were attached).

/** Whether any ledger record of the enterprise is still in its keeping time (two years after its period). */
export function holdsKeptRecords(db: Db, id: string, today: string): boolean {
  if (ledgerPeriods(db, id).some((r) => isKept(r.year, r.month, today))) return true;
  return db
    .select({ createdAt: evidence.createdAt })
    .from(evidence)
    .where(eq(evidence.enterpriseId, id))
    .all()
    .some((r) => {
      const [year, month] = r.createdAt.slice(0, 7).split('-').map(Number);
      return year === undefined || month === undefined || Number.isNaN(year) || isKept(year, month, today);
    });
}
