import { and, asc, count, desc, eq, gte, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { industryEntries } from '../../shared/codes/industry';
import {
  EnterpriseStatus,
  FollowUpStage,
  Scale,
  type EnterpriseChange,
  type EnterpriseFields,
  type EnterpriseFilter,
  type EnterpriseRow,
} from '../../shared/directory';
import type { AppDatabase } from '../open';
import { enterpriseChanges, enterprises } from '../schema';
import { buildSearchText } from './units';

// The enterprise directory (issue 5): filters, the paged list, single rows and the change
// trace. Callers own the transaction: an enterprise write and its trace row are written together.

export type EnterpriseRecord = typeof enterprises.$inferSelect;
export type NewEnterpriseRecord = typeof enterprises.$inferInsert;
export type Db = Pick<AppDatabase, 'select' | 'insert' | 'update' | 'delete'>;

export interface ItemChange {
  path: string;
  from: unknown;
  to: unknown;
}

export interface NewEnterpriseChange {
  enterpriseId: string;
  at: string;
  userName: string;
  deviceName: string;
  action: 'create' | 'update' | 'import' | 'ledger' | 'annual' | 'evidence' | 'followup' | 'materials' | 'inspection';
  changes: readonly ItemChange[];
  reason: string | null;
}

/** Same recipe as units: name, USCC, address and the name's pinyin initials, lower-cased. */
export const enterpriseSearchText = buildSearchText;

const live = isNull(enterprises.deletedAt);

// Codes are digits and ':' sorts right after '9': [p, p + ':') is every code starting with p,
// as a range an index can serve.
const codePrefix = (column: typeof enterprises.divisionCode | typeof enterprises.industryCode, prefix: string): SQL =>
  and(gte(column, prefix), lt(column, `${prefix}:`)) as SQL;

/** Divisions of each GB/T 4754 section as [first, after-last): sections are contiguous runs. */
const sectionRanges = (() => {
  const ranges = new Map<string, [string, string]>();
  for (const e of industryEntries()) {
    if (e.level !== 2) continue;
    const after = String(Number(e.code) + 1).padStart(2, '0');
    const r = ranges.get(e.section);
    if (!r) ranges.set(e.section, [e.code, after]);
    else ranges.set(e.section, [r[0] < e.code ? r[0] : e.code, r[1] > after ? r[1] : after]);
  }
  return ranges;
})();

function industryWithin(industry: string | undefined): SQL | undefined {
  if (!industry) return undefined;
  if (/^[A-T]$/.test(industry)) {
    const range = sectionRanges.get(industry);
    // A section without numbered divisions matches nothing rather than everything.
    if (!range) return sql`0`;
    return and(gte(enterprises.industryCode, range[0]), lt(enterprises.industryCode, range[1]));
  }
  return codePrefix(enterprises.industryCode, industry);
}

/** Search terms split on white space; every term must occur (instr: % and _ are plain text). */
function searchTerms(query: string | undefined): SQL | undefined {
  const terms = (query ?? '').toLowerCase().split(/\s+/).filter((t) => t !== '');
  return terms.length === 0 ? undefined : and(...terms.map((t) => sql`instr(${enterprises.searchText}, ${t}) > 0`));
}

function stageWithin(stages: EnterpriseFilter['stages']): SQL | undefined {
  if (!stages || stages.length === 0) return undefined;
  const named = stages.filter((s): s is FollowUpStage => s !== 'none');
  const parts = [named.length > 0 ? inArray(enterprises.stage, named) : undefined, stages.includes('none') ? isNull(enterprises.stage) : undefined];
  return or(...parts);
}

/** The WHERE of every directory view over live enterprises. */
export function enterpriseWhere(f: EnterpriseFilter): SQL | undefined {
  return and(
    live,
    f.divisionPrefix ? codePrefix(enterprises.divisionCode, f.divisionPrefix) : undefined,
    industryWithin(f.industry),
    f.scale ? eq(enterprises.scale, f.scale) : undefined,
    f.isOnlineReporter === undefined ? undefined : eq(enterprises.isOnlineReporter, f.isOnlineReporter),
    f.liaison === undefined ? undefined : eq(enterprises.liaison, f.liaison),
    f.statuses && f.statuses.length > 0 ? inArray(enterprises.status, [...f.statuses]) : undefined,
    f.isNearThreshold === undefined ? undefined : eq(enterprises.isNearThreshold, f.isNearThreshold),
    f.isGrowth === undefined ? undefined : eq(enterprises.isGrowth, f.isGrowth),
    stageWithin(f.stages),
    searchTerms(f.query),
  );
}

export const rowColumns = {
  id: enterprises.id,
  uscc: enterprises.uscc,
  name: enterprises.name,
  address: enterprises.address,
  divisionCode: enterprises.divisionCode,
  industryCode: enterprises.industryCode,
  scale: enterprises.scale,
  isOnlineReporter: enterprises.isOnlineReporter,
  liaison: enterprises.liaison,
  status: enterprises.status,
  stage: enterprises.stage,
  isNearThreshold: enterprises.isNearThreshold,
  isGrowth: enterprises.isGrowth,
  isBelowThreshold: enterprises.isBelowThreshold,
  flagsAsOf: enterprises.flagsAsOf,
  ytdRevenue: enterprises.ytdRevenue,
  lastYtdRevenue: enterprises.lastYtdRevenue,
  updatedAt: enterprises.updatedAt,
};
export type RowColumns = Pick<EnterpriseRecord, keyof typeof rowColumns>;

/** YoY growth for display; null without a positive base. */
export const displayGrowth = (ytd: number | null, last: number | null): number | null =>
  ytd === null || last === null || last <= 0 ? null : ytd / last - 1;

export function toEnterpriseRow(r: RowColumns): EnterpriseRow {
  const stage = r.stage === null ? null : FollowUpStage.safeParse(r.stage);
  return {
    id: r.id,
    uscc: r.uscc,
    name: r.name,
    address: r.address,
    divisionCode: r.divisionCode,
    industryCode: r.industryCode,
    scale: Scale.parse(r.scale),
    isOnlineReporter: r.isOnlineReporter,
    liaison: r.liaison,
    status: EnterpriseStatus.catch('active').parse(r.status),
    stage: stage?.success ? stage.data : null,
    flags: {
      isNearThreshold: r.isNearThreshold,
      isGrowth: r.isGrowth,
      isBelowThreshold: r.isBelowThreshold,
      asOf: r.flagsAsOf,
      ytdRevenue: r.ytdRevenue,
      growth: displayGrowth(r.ytdRevenue, r.lastYtdRevenue),
    },
    updatedAt: r.updatedAt,
  };
}

const sortColumns = {
  name: enterprises.name,
  uscc: enterprises.uscc,
  divisionCode: enterprises.divisionCode,
  industryCode: enterprises.industryCode,
  ytdRevenue: enterprises.ytdRevenue,
  updatedAt: enterprises.updatedAt,
} as const;

export interface PageQuery extends EnterpriseFilter {
  sort: keyof typeof sortColumns;
  direction: 'asc' | 'desc';
  offset: number;
  limit: number;
}

export function listEnterprises(db: Pick<AppDatabase, 'select'>, q: PageQuery): { rows: EnterpriseRow[]; total: number } {
  const where = enterpriseWhere(q);
  const dir = q.direction === 'desc' ? desc : asc;
  const rows = db
    .select(rowColumns)
    .from(enterprises)
    .where(where)
    .orderBy(dir(sortColumns[q.sort]), dir(enterprises.id))
    .limit(q.limit)
    .offset(q.offset)
    .all();
  const total = db.select({ n: count() }).from(enterprises).where(where).get()?.n ?? 0;
  return { rows: rows.map(toEnterpriseRow), total };
}

export function getEnterprise(db: Pick<AppDatabase, 'select'>, id: string): EnterpriseRecord | undefined {
  return db.select().from(enterprises).where(eq(enterprises.id, id)).get();
}

export function findLiveByUscc(db: Pick<AppDatabase, 'select'>, uscc: string): EnterpriseRecord | undefined {
  return db.select().from(enterprises).where(and(live, eq(enterprises.uscc, uscc))).get();
}

/** Every live enterprise by USCC, for an import's upsert plan. */
export function liveByUscc(db: Pick<AppDatabase, 'select'>, usccs: readonly string[]): Map<string, EnterpriseRecord> {
  const out = new Map<string, EnterpriseRecord>();
  const unique = [...new Set(usccs)];
  for (let i = 0; i < unique.length; i += 500) {
    for (const r of db.select().from(enterprises).where(and(live, inArray(enterprises.uscc, unique.slice(i, i + 500)))).all()) out.set(r.uscc, r);
  }
  return out;
}

/** The user-editable fields of a stored enterprise. */
export function fieldsOf(r: EnterpriseRecord): EnterpriseFields {
  return {
    uscc: r.uscc,
    name: r.name,
    address: r.address,
    divisionCode: r.divisionCode,
    industryCode: r.industryCode,
    registrationCategory: r.registrationCategory,
    institutionType: r.institutionType,
    scale: Scale.catch('below').parse(r.scale),
    isOnlineReporter: r.isOnlineReporter,
    liaison: r.liaison,
    legalRepresentative: r.legalRepresentative,
    phone: r.phone,
    hasQualification: r.hasQualification,
    status: EnterpriseStatus.catch('active').parse(r.status),
    statusNote: r.statusNote,
  };
}

/** Columns to write for `fields` (search text follows name, USCC and address). */
export function columnsOf(f: EnterpriseFields) {
  return { ...f, searchText: enterpriseSearchText(f.name, f.uscc, f.address) };
}

export function insertEnterprise(db: Db, row: NewEnterpriseRecord): void {
  db.insert(enterprises).values(row).run();
}

/** Writes `patch` if the row is still at `version`; false when someone else got there first. */
export function updateEnterpriseAtVersion(db: Db, id: string, version: number, at: string, patch: Partial<NewEnterpriseRecord>): boolean {
  const res = db
    .update(enterprises)
    .set({ ...patch, version: version + 1, updatedAt: at })
    .where(and(eq(enterprises.id, id), eq(enterprises.version, version)))
    .run();
  return res.changes === 1;
}

/** Bumps version and time after a change under the enterprise (ledger, evidence, follow-up). */
export function touchEnterprise(db: Db, id: string, at: string, patch: Partial<NewEnterpriseRecord> = {}): void {
  db.update(enterprises)
    .set({ ...patch, version: sql`${enterprises.version} + 1`, updatedAt: at })
    .where(eq(enterprises.id, id))
    .run();
}

export function insertEnterpriseChange(db: Db, c: NewEnterpriseChange): void {
  if (c.changes.length === 0 && c.reason === null) return;
  db.insert(enterpriseChanges)
    .values({ ...c, changes: JSON.stringify(c.changes) })
    .run();
}

export function enterpriseHistory(db: Pick<AppDatabase, 'select'>, id: string): EnterpriseChange[] {
  return db
    .select()
    .from(enterpriseChanges)
    .where(eq(enterpriseChanges.enterpriseId, id))
    .orderBy(desc(enterpriseChanges.at), desc(enterpriseChanges.id))
    .all()
    .map((r) => ({
      id: r.id,
      at: r.at,
      userName: r.userName,
      deviceName: r.deviceName,
      action: r.action,
      changes: JSON.parse(r.changes) as EnterpriseChange['changes'],
      reason: r.reason,
    }));
}
