import { eq, sql } from 'drizzle-orm';
import type { AppDatabase, Db } from '@db/open';
import { getDirectorySettings, updateDirectorySettings } from './threshold-queries';
import { measureAggregates, measureCells, type MeasureCell } from './measure-queries';
import { enterpriseFlags, enterprises } from '@db/schema';
import { industryByCode } from '@shared/codes/industry';
import { computeFlags, summariseRevenue, type RevenueSummary } from '@shared/followup/admission-flags';
import { investmentRuleOf, thresholdRuleFor, type DirectorySettings, type DirectorySettingsPatch, type ThresholdMeasure, type ThresholdRule, type ThresholdsInfo } from '@shared/followup/thresholds';
import { thresholdTable } from '@shared/followup/thresholds-data';
import { indexFor, type Derived, type FlagSubject } from '../directory/index-store';

// The derived flags of an enterprise (达标, 准规模, 成长型, below threshold, the YTD of its measure)
// in enterprise_flags: written after every ledger or identity change of one enterprise, inside
// that change's transaction, and for all enterprises when the settings change. Never typed,
// never synced: every device derives them from the same synced figures. This module is the
// table's only writer, and tells the in-memory directory index of what it wrote.

const sectionOf = (division: string): string | undefined => industryByCode(division)?.section;

const rules = new Map<string, ThresholdRule | null>();
const investmentRule = investmentRuleOf(thresholdTable);

/** The threshold rule of an industry class (memoised: 100,000 enterprises share ~1,400 classes). */
export function ruleFor(industryCode: string): ThresholdRule | null {
  let rule = rules.get(industryCode);
  if (rule === undefined) rules.set(industryCode, (rule = thresholdRuleFor(thresholdTable, industryCode, sectionOf)));
  return rule;
}

/**
 * The indicator an enterprise's stored figures are of: its rule's measure, else 营业收入 (shown in
 * the lists for every enterprise, judged for none without a revenue rule).
 */
export const measureFor = (industryCode: string): ThresholdMeasure => ruleFor(industryCode)?.measure ?? 'revenue';

type FlagInputs = Pick<
  FlagSubject,
  'id' | 'industryCode' | 'scale' | 'status' | 'unitKind' | 'qualificationKind' | 'isLocallyRegistered' | 'hasDevelopmentActivity' | 'projectInvestment' | 'isProjectUnderConstruction'
>;

function derivedColumns(subject: FlagInputs, revenue: RevenueSummary, isMeasureMissing: boolean, settings: DirectorySettings): Derived {
  const rule = ruleFor(subject.industryCode);
  const flags = computeFlags(
    {
      scale: subject.scale === 'above' ? 'above' : 'below',
      status: subject.status,
      unitKind: subject.unitKind,
      qualificationKind: subject.qualificationKind,
      isLocallyRegistered: subject.isLocallyRegistered,
      hasDevelopmentActivity: subject.hasDevelopmentActivity,
      projectInvestment: subject.projectInvestment,
      isProjectUnderConstruction: subject.isProjectUnderConstruction,
      rule,
      investmentRule,
      revenue,
    },
    settings,
  );
  const asOf = revenue.asOf ? `${revenue.asOf.year}-${String(revenue.asOf.month).padStart(2, '0')}` : null;
  return {
    ...flags,
    measure: measureFor(subject.industryCode),
    isMeasureMissing: rule?.kind === 'revenue' && isMeasureMissing,
    flagsAsOf: asOf,
    ytdRevenue: revenue.ytd,
    lastYtdRevenue: revenue.lastYtd,
    ytdMonths: revenue.monthsEntered,
    lastYtdMonths: revenue.lastMonthsEntered,
  };
}

/**
 * The summary of `measure` from an enterprise's cells, and whether the measure is missing while
 * the other revenue figure is there: then the unit is not judged on that other figure (it is not
 * the one the standard uses, so judging on it would admit or reject on the wrong number) and the
 * screens say which figure to enter.
 */
export function summariseMeasure(cells: readonly MeasureCell[], measure: ThresholdMeasure): { summary: RevenueSummary; isMeasureMissing: boolean } {
  const other: ThresholdMeasure = measure === 'mainRevenue' ? 'revenue' : 'mainRevenue';
  const summary = summariseRevenue(cells.map((c) => ({ year: c.year, month: c.month, revenue: c[measure] })));
  return { summary, isMeasureMissing: summary.asOf === null && cells.some((c) => c[other] !== null) };
}

const subjectColumns = {
  id: enterprises.id,
  industryCode: enterprises.industryCode,
  scale: enterprises.scale,
  status: enterprises.status,
  unitKind: enterprises.unitKind,
  qualificationKind: enterprises.qualificationKind,
  isLocallyRegistered: enterprises.isLocallyRegistered,
  hasDevelopmentActivity: enterprises.hasDevelopmentActivity,
  projectInvestment: enterprises.projectInvestment,
  isProjectUnderConstruction: enterprises.isProjectUnderConstruction,
};

const flagValues = (d: Derived) => ({
  isNearThreshold: d.isNearThreshold,
  isGrowth: d.isGrowth,
  isBelowThreshold: d.isBelowThreshold,
  isReached: d.isReached,
  reachedRule: d.reachedRule,
  measure: d.measure,
  isMeasureMissing: d.isMeasureMissing,
  asOf: d.flagsAsOf,
  ytdRevenue: d.ytdRevenue,
  ytdMonths: d.ytdMonths,
  lastYtdRevenue: d.lastYtdRevenue,
  lastYtdMonths: d.lastYtdMonths,
});

/** Recomputes one enterprise's derived columns (call inside the transaction that changed it). */
export function recomputeFlags(db: Db, enterpriseId: string, settings: DirectorySettings = getDirectorySettings(db)): void {
  const row = db.select(subjectColumns).from(enterprises).where(eq(enterprises.id, enterpriseId)).get();
  if (!row) return;
  const subject = asSubject(row);
  const cells = measureCells(db, [enterpriseId]).get(enterpriseId) ?? [];
  const { summary, isMeasureMissing } = summariseMeasure(cells, measureFor(subject.industryCode));
  const set = flagValues(derivedColumns(subject, summary, isMeasureMissing, settings));
  db.insert(enterpriseFlags).values({ enterpriseId, ...set }).onConflictDoUpdate({ target: enterpriseFlags.enterpriseId, set }).run();
  // No trigger watches enterprise_flags: the index learns of the change here.
  db.run(sql`INSERT OR IGNORE INTO enterprise_dirty (id) VALUES (${enterpriseId})`);
}

function asSubject(r: { [K in keyof typeof subjectColumns]: unknown }): FlagInputs {
  return {
    id: String(r.id),
    industryCode: String(r.industryCode),
    scale: String(r.scale),
    status: String(r.status),
    unitKind: r.unitKind === 'establishment' || r.unitKind === 'individual' ? r.unitKind : 'legal',
    qualificationKind: qualificationOf(r.qualificationKind),
    isLocallyRegistered: typeof r.isLocallyRegistered === 'boolean' ? r.isLocallyRegistered : null,
    hasDevelopmentActivity: r.hasDevelopmentActivity === true,
    projectInvestment: typeof r.projectInvestment === 'number' ? r.projectInvestment : null,
    isProjectUnderConstruction: r.isProjectUnderConstruction === true,
  };
}

const qualificationKinds = ['none', 'general', 'specialty', 'labour', 'specialistWork', 'unconfirmed'] as const;
const qualificationOf = (v: unknown): FlagSubject['qualificationKind'] => qualificationKinds.find((k) => k === v) ?? 'none';

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

type Summaries = (id: string, measure: ThresholdMeasure) => { summary: RevenueSummary; isMeasureMissing: boolean };

/** Summaries of both measures for every enterprise from the ledger itself, in grouped passes. */
function summariesFromLedger(db: Pick<AppDatabase, 'all'>): Summaries {
  const byMeasure = new Map<ThresholdMeasure, { sums: Map<string, RevenueSummary>; holders: Set<string> }>();
  for (const measure of ['mainRevenue', 'revenue'] as const) {
    const sums = new Map<string, RevenueSummary>();
    for (const a of measureAggregates(db, measure)) {
      sums.set(a.id, {
        asOf: { year: Math.floor(a.ym / 100), month: a.ym % 100 },
        ytd: a.ytd,
        monthsEntered: a.n,
        lastYtd: a.lastN > 0 ? a.lastYtd : null,
        lastMonthsEntered: a.lastN,
      });
    }
    byMeasure.set(measure, { sums, holders: new Set(sums.keys()) });
  }
  return (id, measure) => {
    const other = measure === 'mainRevenue' ? 'revenue' : 'mainRevenue';
    const summary = byMeasure.get(measure)?.sums.get(id) ?? noRevenue;
    return { summary, isMeasureMissing: summary.asOf === null && (byMeasure.get(other)?.holders.has(id) ?? false) };
  };
}

/** Summaries of a few enterprises from their ledger cells. */
function summariesOfCells(db: Pick<AppDatabase, 'select'>, ids: readonly string[]): Summaries {
  const cells = measureCells(db, ids);
  return (id, measure) => summariseMeasure(cells.get(id) ?? [], measure);
}

const derivedKeys = [
  'isNearThreshold',
  'isGrowth',
  'isBelowThreshold',
  'isReached',
  'reachedRule',
  'measure',
  'isMeasureMissing',
  'flagsAsOf',
  'ytdRevenue',
  'lastYtdRevenue',
  'ytdMonths',
  'lastYtdMonths',
] as const;

/** Above this many enterprises to re-read, one grouped pass over the ledger beats reading their rows. */
const GROUPED_PASS_FROM = 2_000;

/**
 * Every live enterprise's derived columns, in one transaction; only rows that differ are
 * written. A settings change needs no ledger read: each row's summary is kept current by every
 * ledger write (recomputeFlags) and sync rebuild, and the inputs come from the in-memory
 * directory index rather than 100,000 decrypted rows. Only an enterprise whose stored summary
 * is of another measure than its rule's (its industry changed, or flags from before the
 * measure existed: migration 0032) is read again from the ledger. `fromLedger` re-derives every
 * summary (a repair; about a second per million ledger rows). Returns how many rows changed.
 */
/**
 * Whether some enterprise's stored flags rest on another measure than its rule's (flags from
 * before the measure existed, or an industry changed meanwhile): what the start-up warm-up asks
 * before it pays for recomputing every enterprise's flags (about a second at 100,000).
 */
export function hasStaleMeasures(db: AppDatabase): boolean {
  // A district has a few hundred industry classes: each rule is looked up once.
  const byIndustry = new Map<string, ThresholdMeasure>();
  return indexFor(db).someMeasure((industryCode, measure) => {
    let want = byIndustry.get(industryCode);
    if (want === undefined) byIndustry.set(industryCode, (want = measureFor(industryCode)));
    return measure !== want;
  });
}

export function recomputeAllFlags(db: AppDatabase, settings: DirectorySettings = getDirectorySettings(db), opts: { fromLedger?: boolean } = {}): number {
  const index = indexFor(db);
  return db.transaction((tx) => {
    const subjects = index.flagSubjects();
    const stale = opts.fromLedger ? subjects : subjects.filter((r) => r.measure !== measureFor(r.industryCode));
    const fromLedger = stale.length === 0 ? null : stale.length > GROUPED_PASS_FROM ? summariesFromLedger(tx) : summariesOfCells(tx, stale.map((r) => r.id));
    const staleIds = new Set(stale.map((r) => r.id));
    const changes: { id: string; derived: Derived }[] = [];
    for (const r of subjects) {
      const { summary, isMeasureMissing } = fromLedger && staleIds.has(r.id) ? fromLedger(r.id, measureFor(r.industryCode)) : { summary: storedSummary(r), isMeasureMissing: r.isMeasureMissing };
      const d = derivedColumns(r, summary, isMeasureMissing, settings);
      if (derivedKeys.every((k) => d[k] === r[k])) continue;
      changes.push({ id: r.id, derived: d });
    }
    // Changed rows in batches, each one upsert from a JSON array parameter: a statement per
    // 5,000 rows rather than one per row.
    for (let i = 0; i < changes.length; i += 5_000) {
      const batch = changes
        .slice(i, i + 5_000)
        .map(({ id, derived: d }) => [id, d.isNearThreshold ? 1 : 0, d.isGrowth ? 1 : 0, d.isBelowThreshold ? 1 : 0, d.isReached ? 1 : 0, d.reachedRule, d.measure, d.isMeasureMissing ? 1 : 0, d.flagsAsOf, d.ytdRevenue, d.ytdMonths, d.lastYtdRevenue, d.lastYtdMonths]);
      tx.run(sql`INSERT INTO enterprise_flags (enterprise_id, is_near_threshold, is_growth, is_below_threshold, is_reached, reached_rule, measure, is_measure_missing, as_of, ytd_revenue, ytd_months, last_ytd_revenue, last_ytd_months)
        SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6, value ->> 7, value ->> 8, value ->> 9, value ->> 10, value ->> 11, value ->> 12
        FROM json_each(${JSON.stringify(batch)}) WHERE true
        ON CONFLICT (enterprise_id) DO UPDATE SET is_near_threshold = excluded.is_near_threshold, is_growth = excluded.is_growth,
          is_below_threshold = excluded.is_below_threshold, is_reached = excluded.is_reached, reached_rule = excluded.reached_rule,
          measure = excluded.measure, is_measure_missing = excluded.is_measure_missing, as_of = excluded.as_of, ytd_revenue = excluded.ytd_revenue,
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
