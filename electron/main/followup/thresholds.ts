import { eq, sql } from 'drizzle-orm';
import type { AppDatabase, Db } from '@db/open';
import { getDirectorySettings, updateDirectorySettings } from './threshold-queries';
import { revenueAggregates, revenueCells } from '../ledger/queries';
import { enterpriseFlags, enterprises } from '@db/schema';
import { industryByCode } from '@shared/codes/industry';
import { computeFlags, summariseRevenue, type RevenueSummary } from '@shared/ledger/flags';
import { thresholdRuleFor, type DirectorySettings, type DirectorySettingsPatch, type ThresholdRule, type ThresholdsInfo } from '@shared/followup/thresholds';
import { thresholdTable } from '@shared/followup/thresholds-data';
import { indexFor, type Derived, type FlagSubject } from '../directory/index-store';

// The derived flags of an enterprise (准规模, 成长型, below threshold, YTD revenue) in
// enterprise_flags: written after every ledger or identity change of one enterprise, inside
// that change's transaction, and for all enterprises when the settings change. Never typed,
// never synced: every device derives them from the same synced figures. This module is the
// table's only writer, and tells the in-memory directory index of what it wrote.


const asRow = (id: string, d: Derived) => ({
  enterpriseId: id,
  isNearThreshold: d.isNearThreshold,
  isGrowth: d.isGrowth,
  isBelowThreshold: d.isBelowThreshold,
  asOf: d.flagsAsOf,
  ytdRevenue: d.ytdRevenue,
  ytdMonths: d.ytdMonths,
  lastYtdRevenue: d.lastYtdRevenue,
  lastYtdMonths: d.lastYtdMonths,
});

const sectionOf = (division: string): string | undefined => industryByCode(division)?.section;

const rules = new Map<string, ThresholdRule | null>();

/** The threshold rule of an industry class (memoised: 100,000 enterprises share ~1,400 classes). */
export function ruleFor(industryCode: string): ThresholdRule | null {
  let rule = rules.get(industryCode);
  if (rule === undefined) rules.set(industryCode, (rule = thresholdRuleFor(thresholdTable, industryCode, sectionOf)));
  return rule;
}

type FlagInputs = Pick<FlagSubject, 'id' | 'industryCode' | 'scale' | 'status' | 'hasQualification'>;

function derivedColumns(subject: FlagInputs, revenue: RevenueSummary, settings: DirectorySettings): Derived {
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
  return {
    ...flags,
    flagsAsOf: asOf,
    ytdRevenue: revenue.ytd,
    lastYtdRevenue: revenue.lastYtd,
    ytdMonths: revenue.monthsEntered,
    lastYtdMonths: revenue.lastMonthsEntered,
  };
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
  const { enterpriseId: _id, ...set } = asRow(enterpriseId, derivedColumns(subject, summariseRevenue(cells), settings));
  db.insert(enterpriseFlags).values({ enterpriseId, ...set }).onConflictDoUpdate({ target: enterpriseFlags.enterpriseId, set }).run();
  // No trigger watches enterprise_flags: the index learns of the change here.
  db.run(sql`INSERT OR IGNORE INTO enterprise_dirty (id) VALUES (${enterpriseId})`);
}

const noRevenue: RevenueSummary = { asOf: null, ytd: null, monthsEntered: 0, lastYtd: null, lastMonthsEntered: 0 };

/** The revenue summary stored on the enterprise row by the last recomputation. */
function storedSummary(r: Pick<FlagSubject, 'flagsAsOf' | 'ytdRevenue' | 'ytdMonths' | 'lastYtdRevenue' | 'lastYtdMonths'>): RevenueSummary {
  const m = r.flagsAsOf === null ? null : /^(\d{4})-(\d{2})$/.exec(r.flagsAsOf);
  if (!m) return noRevenue;
  return {
    asOf: { year: Number(m[1]), month: Number(m[2]) },
    ytd: r.ytdRevenue,
    monthsEntered: r.ytdMonths,
    lastYtd: r.lastYtdRevenue,
    lastMonthsEntered: r.lastYtdMonths,
  };
}

/** Revenue summaries of every enterprise from the ledger itself, in one grouped pass. */
function summariesFromLedger(db: Pick<AppDatabase, 'all'>): Map<string, RevenueSummary> {
  const summaries = new Map<string, RevenueSummary>();
  for (const a of revenueAggregates(db)) {
    summaries.set(a.id, {
      asOf: { year: Math.floor(a.ym / 100), month: a.ym % 100 },
      ytd: a.ytd,
      monthsEntered: a.n,
      lastYtd: a.lastN > 0 ? a.lastYtd : null,
      lastMonthsEntered: a.lastN,
    });
  }
  return summaries;
}

const derivedKeys = ['isNearThreshold', 'isGrowth', 'isBelowThreshold', 'flagsAsOf', 'ytdRevenue', 'lastYtdRevenue', 'ytdMonths', 'lastYtdMonths'] as const;

/**
 * Every live enterprise's derived columns, in one transaction; only rows that differ are
 * written. A settings change needs no ledger read: each row's revenue summary is kept current
 * by every ledger write (recomputeFlags) and sync rebuild, and the inputs come from the
 * in-memory directory index rather than 100,000 decrypted rows. `fromLedger` re-derives the
 * summaries from the ledger rows as well (a repair; about a second per million ledger rows).
 * Returns how many rows changed.
 */
export function recomputeAllFlags(db: AppDatabase, settings: DirectorySettings = getDirectorySettings(db), opts: { fromLedger?: boolean } = {}): number {
  const index = indexFor(db);
  return db.transaction((tx) => {
    const fromLedger = opts.fromLedger ? summariesFromLedger(tx) : null;
    const changes: { id: string; derived: Derived }[] = [];
    for (const r of index.flagSubjects()) {
      const summary = fromLedger ? (fromLedger.get(r.id) ?? noRevenue) : storedSummary(r);
      const d = derivedColumns(r, summary, settings);
      if (derivedKeys.every((k) => d[k] === r[k])) continue;
      changes.push({ id: r.id, derived: d });
    }
    // Changed rows in batches, each one upsert from a JSON array parameter: a statement per
    // 5,000 rows rather than one per row.
    for (let i = 0; i < changes.length; i += 5_000) {
      const batch = changes.slice(i, i + 5_000).map(({ id, derived: d }) => [id, d.isNearThreshold ? 1 : 0, d.isGrowth ? 1 : 0, d.isBelowThreshold ? 1 : 0, d.flagsAsOf, d.ytdRevenue, d.ytdMonths, d.lastYtdRevenue, d.lastYtdMonths]);
      tx.run(sql`INSERT INTO enterprise_flags (enterprise_id, is_near_threshold, is_growth, is_below_threshold, as_of, ytd_revenue, ytd_months, last_ytd_revenue, last_ytd_months)
        SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6, value ->> 7, value ->> 8
        FROM json_each(${JSON.stringify(batch)}) WHERE true
        ON CONFLICT (enterprise_id) DO UPDATE SET is_near_threshold = excluded.is_near_threshold, is_growth = excluded.is_growth,
          is_below_threshold = excluded.is_below_threshold, as_of = excluded.as_of, ytd_revenue = excluded.ytd_revenue,
          ytd_months = excluded.ytd_months, last_ytd_revenue = excluded.last_ytd_revenue, last_ytd_months = excluded.last_ytd_months`);
    }
    index.patchDerived(changes);
    return changes.length;
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
