import { z } from 'zod';
import { EnterpriseFilter, FollowUpStage } from './directory';

// Township and bureau views: counts per township or industry for charts.

export const StatsQuery = z
  .object({
    groupBy: z.enum(['township', 'industrySection', 'industryDivision']),
    /** The ledger year for coverage and completeness. */
    year: z.number().int().min(2000).max(2100),
    filter: EnterpriseFilter.default({}),
  })
  .strict();
export type StatsQuery = z.input<typeof StatsQuery>;

const n = z.number().int().nonnegative();

export const StatsGroup = z.object({
  /** Township code (9 digits), section letter or 2-digit division; '' for unknown. */
  key: z.string(),
  name: z.string(),
  total: n,
  above: n,
  below: n,
  active: n,
  nearThreshold: n,
  growth: n,
  byStage: z.record(FollowUpStage, n),
  /** Ledger figures entered in the year, and those backed by evidence (数出有据). */
  filledFigures: n,
  backedFigures: n,
  /** Index 0 = January: enterprises with any ledger value in that month. */
  ledgerMonths: z.array(n).length(12),
});
export type StatsGroup = z.infer<typeof StatsGroup>;

export const DirectoryStats = z.object({
  year: z.number().int(),
  groups: z.array(StatsGroup),
  totals: StatsGroup,
});
export type DirectoryStats = z.infer<typeof DirectoryStats>;
