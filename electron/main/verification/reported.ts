import type { AppDatabase } from '@db/open';
import { ytd } from '@shared/ledger/arithmetic';
import { indicatorDef } from '@shared/ledger/indicators';
import { figureKeys, type FigureKey, type Period } from '@shared/verification/sync-fields';
import { readAnnual, readYear } from '../ledger/queries';

// The figures the unit reported for the task's period, as the directory holds them: for a whole
// year the annual figures when there are any, else the ledger's January–month total (a flow) or
// month-end value (a stock). A total with months missing is no reported figure: it would make a
// difference out of months nobody entered, so the checker types the figure from the report.

export interface Reported {
  value: number;
  source: 'ledger' | 'annual';
}

export function reportedFigures(db: Pick<AppDatabase, 'select'>, enterpriseId: string, period: Period): Map<FigureKey, Reported> {
  const out = new Map<FigureKey, Reported>();
  const annual = period.month === 12 ? readAnnual(db, enterpriseId, period.year) : null;
  const months = readYear(db, enterpriseId, period.year);
  for (const key of figureKeys) {
    const fromAnnual = annual?.[key];
    if (fromAnnual !== undefined && fromAnnual !== null) {
      out.set(key, { value: fromAnnual, source: 'annual' });
      continue;
    }
    const series = months.map((m) => m[key] ?? null);
    const r = ytd(indicatorDef(key), series, period.month);
    if (r.value !== null && r.missingMonths.length === 0) out.set(key, { value: r.value, source: 'ledger' });
  }
  return out;
}
