import { sql } from 'drizzle-orm';
import type { Db } from '@db/open';

// What the in-memory directory index (electron/main/directory/index-store.ts) reads: the
// enterprises' list columns and their derived flags, as raw arrays (no per-row objects: at
// 100,000 rows the mapping alone cost a third of the load). Enterprises and flags are read
// apart and joined in memory: a join probed enterprise_flags 100,000 times and doubled the time.


/** [rowid, id, name, uscc, address, searchText, divisionCode, industryCode, scale, status, liaison, stage, isOnlineReporter, updatedAt, qualificationKind, deletedAt, orgCode, unitKind, isLocallyRegistered, hasDevelopmentActivity, projectInvestment, isProjectUnderConstruction] */
export type IndexRow = [
  rowid: number,
  id: string,
  name: string,
  uscc: string,
  address: string,
  searchText: string,
  divisionCode: string,
  industryCode: string,
  scale: string,
  status: string,
  liaison: string,
  stage: string | null,
  isOnlineReporter: number,
  updatedAt: string,
  qualificationKind: string,
  deletedAt: string | null,
  orgCode: string,
  unitKind: string,
  isLocallyRegistered: number | null,
  hasDevelopmentActivity: number,
  projectInvestment: number | null,
  isProjectUnderConstruction: number,
];

/** [rowid, enterpriseId, isNearThreshold, isGrowth, isBelowThreshold, asOf, ytdRevenue, lastYtdRevenue, ytdMonths, lastYtdMonths, isReached, reachedRule, measure, isMeasureMissing] */
export type FlagsRow = [
  rowid: number,
  enterpriseId: string,
  isNearThreshold: number,
  isGrowth: number,
  isBelowThreshold: number,
  asOf: string | null,
  ytdRevenue: number | null,
  lastYtdRevenue: number | null,
  ytdMonths: number,
  lastYtdMonths: number,
  isReached: number,
  reachedRule: string | null,
  measure: string | null,
  isMeasureMissing: number,
];

const rowColumns = sql.raw(
  'rowid, id, name, uscc, address, search_text, division_code, industry_code, scale, status, liaison, stage, is_online_reporter, updated_at, qualification_kind, deleted_at, org_code, unit_kind, is_locally_registered, has_development_activity, project_investment, is_project_under_construction',
);
const flagColumns = sql.raw(
  'rowid, enterprise_id, is_near_threshold, is_growth, is_below_threshold, as_of, ytd_revenue, last_ytd_revenue, ytd_months, last_ytd_months, is_reached, reached_rule, measure, is_measure_missing',
);

/** Up to `limit` enterprises (deleted ones too) after `afterRowid`, in rowid order: the load in steps. */
export function enterpriseChunk(db: Db, afterRowid: number, limit: number): IndexRow[] {
  return db.values<IndexRow>(sql`SELECT ${rowColumns} FROM enterprises WHERE rowid > ${afterRowid} ORDER BY rowid LIMIT ${limit}`);
}

export function flagsChunk(db: Db, afterRowid: number, limit: number): FlagsRow[] {
  return db.values<FlagsRow>(sql`SELECT ${flagColumns} FROM enterprise_flags WHERE rowid > ${afterRowid} ORDER BY rowid LIMIT ${limit}`);
}

export function enterprisesByIds(db: Db, ids: readonly string[]): IndexRow[] {
  return db.values<IndexRow>(sql`SELECT ${rowColumns} FROM enterprises WHERE id IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`);
}

export function flagsByIds(db: Db, ids: readonly string[]): FlagsRow[] {
  return db.values<FlagsRow>(sql`SELECT ${flagColumns} FROM enterprise_flags WHERE enterprise_id IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`);
}

/** The enterprises triggers marked as changed since the index last looked (migration 0006). */
export function dirtyEnterpriseIds(db: Db): string[] {
  return db.values<[string]>(sql`SELECT id FROM enterprise_dirty`).map((r) => r[0]);
}

export function clearDirtyEnterprises(db: Db, ids?: readonly string[]): void {
  if (ids === undefined) {
    db.run(sql`DELETE FROM enterprise_dirty`);
    return;
  }
  for (let i = 0; i < ids.length; i += 5_000) {
    db.run(sql`DELETE FROM enterprise_dirty WHERE id IN (SELECT value FROM json_each(${JSON.stringify(ids.slice(i, i + 5_000))}))`);
  }
}
