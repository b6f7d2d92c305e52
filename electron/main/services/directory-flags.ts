import { eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { AppDatabase } from '../../../db/open';
import { getDirectorySettings, updateDirectorySettings } from '../../../db/queries/directory-settings';
import { revenueAggregates, revenueCells } from '../../../db/queries/ledger';
import { enterprises } from '../../../db/schema';
import { industryByCode } from '../../../shared/codes/industry';
import { computeFlags, summariseRevenue, type RevenueSummary } from '../../../shared/ledger/flags';
import { thresholdRuleFor, type DirectorySettings, type DirectorySettingsPatch, type ThresholdRule, type ThresholdsInfo } from '../../../shared/thresholds';
import { thresholdTable } from '../../../shared/thresholds-data';

// The derived columns of an enterprise (准规模, 成长型, below threshold, YTD revenue): written
// after every ledger or identity change of one enterprise, inside that change's transaction,
// and for all enterprises when the settings change. Never typed, never synced: every device
// derives them from the same synced figures.

type Db = Pick<AppDatabase, 'select' | 'update'>;

const sectionOf = (division: string): string | undefined => industryByCode(division)?.section;

export function ruleFor(industryCode: string): ThresholdRule | null {
  return thresholdRuleFor(thresholdTable, industryCode, sectionOf);
}

interface FlagSubject {
  id: string;
  industryCode: string;
  scale: string;
  status: string;
  hasQualification: boolean;
}

function derivedColumns(subject: FlagSubject, revenue: RevenueSummary, settings: DirectorySettings) {
  const flags = computeFlags(
    {
      scale: subject.scale === 'above' ? 'above' : 'below',
      status: subject.status,
      hasQualification: subject.hasQualification,
      rule: ruleFor(subject.industryCode),
      revenue,
    },
    settings,
  );
  const asOf = revenue.asOf ? `${revenue.asOf.year}-${String(revenue.asOf.month).padStart(2, '0')}` : null;
  return { ...flags, flagsAsOf: asOf, ytdRevenue: revenue.ytd, lastYtdRevenue: revenue.lastYtd };
}

const subjectColumns = {
  id: enterprises.id,
  industryCode: enterprises.industryCode,
  scale: enterprises.scale,
  status: enterprises.status,
  hasQualification: enterprises.hasQualification,
};

/** Recomputes one enterprise's derived columns (call inside the transaction that changed it). */
export function recomputeFlags(db: Db, enterpriseId: string, settings: DirectorySettings = getDirectorySettings(db)): void {
  const subject = db.select(subjectColumns).from(enterprises).where(eq(enterprises.id, enterpriseId)).get();
  if (!subject) return;
  const cells = revenueCells(db, [enterpriseId]).get(enterpriseId) ?? [];
  db.update(enterprises).set(derivedColumns(subject, summariseRevenue(cells), settings)).where(eq(enterprises.id, enterpriseId)).run();
}

const noRevenue: RevenueSummary = { asOf: null, ytd: null, monthsEntered: 0, lastYtd: null, lastMonthsEntered: 0 };

/**
 * Every live enterprise, in one transaction: one grouped pass over the ledger for the revenue
 * summaries, then only rows whose derived columns differ are written. Returns how many changed.
 */
export function recomputeAllFlags(db: AppDatabase, settings: DirectorySettings = getDirectorySettings(db)): number {
  return db.transaction((tx) => {
    const summaries = new Map<string, RevenueSummary>();
    for (const a of revenueAggregates(tx)) {
      summaries.set(a.id, {
        asOf: { year: Math.floor(a.ym / 100), month: a.ym % 100 },
        ytd: a.ytd,
        monthsEntered: a.n,
        lastYtd: a.lastN > 0 ? a.lastYtd : null,
        lastMonthsEntered: a.lastN,
      });
    }
    const rows = tx
      .select({
        ...subjectColumns,
        isNearThreshold: enterprises.isNearThreshold,
        isGrowth: enterprises.isGrowth,
        isBelowThreshold: enterprises.isBelowThreshold,
        flagsAsOf: enterprises.flagsAsOf,
        ytdRevenue: enterprises.ytdRevenue,
        lastYtdRevenue: enterprises.lastYtdRevenue,
      })
      .from(enterprises)
      .where(isNull(enterprises.deletedAt))
      .all();
    const pending: SQL[] = [];
    let changed = 0;
    for (const r of rows) {
      const d = derivedColumns(r, summaries.get(r.id) ?? noRevenue, settings);
      if (
        d.isNearThreshold === r.isNearThreshold &&
        d.isGrowth === r.isGrowth &&
        d.isBelowThreshold === r.isBelowThreshold &&
        d.flagsAsOf === r.flagsAsOf &&
        d.ytdRevenue === r.ytdRevenue &&
        d.lastYtdRevenue === r.lastYtdRevenue
      ) {
        continue;
      }
      pending.push(
        sql`(${r.id}, ${d.isNearThreshold ? 1 : 0}, ${d.isGrowth ? 1 : 0}, ${d.isBelowThreshold ? 1 : 0}, ${d.flagsAsOf}, ${d.ytdRevenue}, ${d.lastYtdRevenue})`,
      );
      changed += 1;
    }
    // Changed rows in batches of one UPDATE … FROM (VALUES …): one statement per thousand rows
    // rather than a prepared statement per row.
    for (let i = 0; i < pending.length; i += 1_000) {
      tx.run(sql`WITH v(id, near, growth, below, as_of, ytd, last_ytd) AS (VALUES ${sql.join(pending.slice(i, i + 1_000), sql`, `)})
        UPDATE enterprises SET is_near_threshold = v.near, is_growth = v.growth, is_below_threshold = v.below,
          flags_as_of = v.as_of, ytd_revenue = v.ytd, last_ytd_revenue = v.last_ytd
        FROM v WHERE enterprises.id = v.id`);
    }
    return changed;
  });
}

/** thresholds:get — the table in force and the working settings. */
export function thresholdsInfo(db: Pick<AppDatabase, 'select'>): ThresholdsInfo {
  return { table: thresholdTable, settings: getDirectorySettings(db) };
}

/** thresholds:update — new settings, then every enterprise's flags under them. */
export function updateThresholdSettings(db: AppDatabase, patch: DirectorySettingsPatch, at: Date): ThresholdsInfo {
  const settings = updateDirectorySettings(db, patch, at.toISOString());
  recomputeAllFlags(db, settings);
  return { table: thresholdTable, settings };
}
