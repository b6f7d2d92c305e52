import { and, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { industryEntries } from '@shared/codes/industry';
import {
  EnterpriseStatus,
  FollowUpStage,
  QualificationKind,
  Scale,
  UnitKind,
  type EnterpriseChange,
  type EnterpriseFields,
  type EnterpriseRow,
} from '@shared/directory/directory';
import type { AppDatabase } from '@db/open';
import { enterpriseChanges, enterpriseFlags, enterprises } from '@db/schema';
import { buildSearchText } from '../registration/units-queries';

// Reading the enterprise directory: single rows with their flags, lookups by USCC, the fields of a
// row and the change trace. The writes are in ./enterprise-writes.ts.

export type EnterpriseRecord = typeof enterprises.$inferSelect;

export interface ItemChange {
  path: string;
  from: unknown;
  to: unknown;
}

/** Same recipe as units: name, USCC (and an org code entered), address and the name's pinyin initials, lower-cased. */
export const enterpriseSearchText = (name: string, uscc: string, orgCode: string, address: string): string =>
  buildSearchText(name, [uscc, orgCode].filter((s) => s !== '').join(' '), address);

/** Divisions of each GB/T 4754 section as [first, after-last): sections are contiguous runs. */
export const sectionRanges = (() => {
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

/** Lower-cased search terms (split on white space); each must occur in the search text. */
export const searchTermsOf = (query: string | undefined): string[] =>
  (query ?? '').toLowerCase().split(/\s+/).filter((t) => t !== '');

// Filters are evaluated by the in-memory directory index (electron/main/directory/
// index-store.ts) only, so a filter means the same thing on every screen.

/** The flags of an enterprise, from enterprise_flags (all false / null without a row). */
export interface FlagColumns {
  isNearThreshold: boolean;
  isReached: boolean;
  reachedRule: string | null;
  measure: 'mainRevenue' | 'revenue' | null;
  isMeasureMissing: boolean;
  isGrowth: boolean;
  isBelowThreshold: boolean;
  flagsAsOf: string | null;
  ytdRevenue: number | null;
  lastYtdRevenue: number | null;
}

const measureOf = (m: string | null): FlagColumns['measure'] => (m === 'mainRevenue' || m === 'revenue' ? m : null);

export function readFlags(db: Pick<AppDatabase, 'select'>, id: string): FlagColumns {
  const f = db.select().from(enterpriseFlags).where(eq(enterpriseFlags.enterpriseId, id)).get();
  return {
    isNearThreshold: f?.isNearThreshold ?? false,
    isReached: f?.isReached ?? false,
    reachedRule: f?.reachedRule ?? null,
    measure: measureOf(f?.measure ?? null),
    isMeasureMissing: f?.isMeasureMissing ?? false,
    isGrowth: f?.isGrowth ?? false,
    isBelowThreshold: f?.isBelowThreshold ?? false,
    flagsAsOf: f?.asOf ?? null,
    ytdRevenue: f?.ytdRevenue ?? null,
    lastYtdRevenue: f?.lastYtdRevenue ?? null,
  };
}

export const rowColumns = {
  id: enterprises.id,
  uscc: enterprises.uscc,
  orgCode: enterprises.orgCode,
  name: enterprises.name,
  address: enterprises.address,
  divisionCode: enterprises.divisionCode,
  industryCode: enterprises.industryCode,
  scale: enterprises.scale,
  isOnlineReporter: enterprises.isOnlineReporter,
  unitKind: enterprises.unitKind,
  liaison: enterprises.liaison,
  status: enterprises.status,
  stage: enterprises.stage,
  updatedAt: enterprises.updatedAt,
  statusNote: enterprises.statusNote,
  // What decides an application's checklist (shared/followup/materials.ts).
  foundedOn: enterprises.foundedOn,
  isNewBuild: enterprises.isNewBuild,
};
export type RowColumns = Pick<EnterpriseRecord, keyof typeof rowColumns>;

/** YoY growth for display; null without a positive base. */
export const displayGrowth = (ytd: number | null, last: number | null): number | null =>
  ytd === null || last === null || last <= 0 ? null : ytd / last - 1;

export function toEnterpriseRow(r: RowColumns, f: FlagColumns): EnterpriseRow {
  const stage = r.stage === null ? null : FollowUpStage.safeParse(r.stage);
  return {
    id: r.id,
    uscc: r.uscc,
    orgCode: r.orgCode,
    name: r.name,
    address: r.address,
    divisionCode: r.divisionCode,
    industryCode: r.industryCode,
    scale: Scale.catch('below').parse(r.scale),
    isOnlineReporter: r.isOnlineReporter,
    unitKind: UnitKind.catch('legal').parse(r.unitKind),
    liaison: r.liaison,
    status: EnterpriseStatus.catch('active').parse(r.status),
    stage: stage?.success ? stage.data : null,
    flags: {
      isNearThreshold: f.isNearThreshold,
      isReached: f.isReached,
      reachedRule: f.reachedRule,
      measure: f.measure,
      isMeasureMissing: f.isMeasureMissing,
      isGrowth: f.isGrowth,
      isBelowThreshold: f.isBelowThreshold,
      asOf: f.flagsAsOf,
      ytdRevenue: f.ytdRevenue,
      growth: displayGrowth(f.ytdRevenue, f.lastYtdRevenue),
    },
    updatedAt: r.updatedAt,
  };
}

const flagSelection = {
  isNearThreshold: enterpriseFlags.isNearThreshold,
  isReached: enterpriseFlags.isReached,
  reachedRule: enterpriseFlags.reachedRule,
  measure: enterpriseFlags.measure,
  isMeasureMissing: enterpriseFlags.isMeasureMissing,
  isGrowth: enterpriseFlags.isGrowth,
  isBelowThreshold: enterpriseFlags.isBelowThreshold,
  flagsAsOf: enterpriseFlags.asOf,
  ytdRevenue: enterpriseFlags.ytdRevenue,
  lastYtdRevenue: enterpriseFlags.lastYtdRevenue,
};

/** Rows and flags of `ids` (any order; ids not found are left out). */
export function rowsWithFlags(db: Pick<AppDatabase, 'select'>, ids: readonly string[]): (RowColumns & { flags: FlagColumns })[] {
  const out: (RowColumns & { flags: FlagColumns })[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const rows = db
      .select({ ...rowColumns, ...flagSelection })
      .from(enterprises)
      .leftJoin(enterpriseFlags, eq(enterpriseFlags.enterpriseId, enterprises.id))
      .where(inArray(enterprises.id, ids.slice(i, i + 500)))
      .all();
    for (const r of rows) {
      out.push({
        ...r,
        flags: {
          isNearThreshold: r.isNearThreshold ?? false,
          isReached: r.isReached ?? false,
          reachedRule: r.reachedRule,
          measure: measureOf(r.measure),
          isMeasureMissing: r.isMeasureMissing ?? false,
          isGrowth: r.isGrowth ?? false,
          isBelowThreshold: r.isBelowThreshold ?? false,
          flagsAsOf: r.flagsAsOf,
          ytdRevenue: r.ytdRevenue,
          lastYtdRevenue: r.lastYtdRevenue,
        },
      });
    }
  }
  return out;
}

/** The list rows of `ids`, in that order (ids not found are left out). */
export function rowsByIds(db: Pick<AppDatabase, 'select'>, ids: readonly string[]): EnterpriseRow[] {
  const byId = new Map<string, EnterpriseRow>();
  for (const r of rowsWithFlags(db, ids)) byId.set(r.id, toEnterpriseRow(r, r.flags));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    return r ? [r] : [];
  });
}

export function getEnterprise(db: Pick<AppDatabase, 'select'>, id: string): EnterpriseRecord | undefined {
  return db.select().from(enterprises).where(eq(enterprises.id, id)).get();
}

const live = isNull(enterprises.deletedAt);

export function findLiveByUscc(db: Pick<AppDatabase, 'select'>, uscc: string): EnterpriseRecord | undefined {
  return db.select().from(enterprises).where(and(live, eq(enterprises.uscc, uscc))).get();
}

/**
 * Live enterprises an org code names: one entered with it, or one whose USCC holds it at
 * positions 9–17 (the same organisation). Keyed by the org code; the first found wins.
 */
export function liveByOrgCode(db: Pick<AppDatabase, 'select'>, orgCodes: readonly string[]): Map<string, EnterpriseRecord> {
  const out = new Map<string, EnterpriseRecord>();
  const unique = [...new Set(orgCodes.filter((c) => c !== ''))];
  for (let i = 0; i < unique.length; i += 500) {
    const chunk = unique.slice(i, i + 500);
    const embedded = sql`substr(${enterprises.uscc}, 9, 9)`;
    const rows = db
      .select()
      .from(enterprises)
      .where(and(live, or(inArray(enterprises.orgCode, chunk), and(sql`length(${enterprises.uscc}) = 18`, inArray(embedded, chunk)))))
      .all();
    const wanted = new Set(chunk);
    for (const r of rows) {
      for (const code of [r.orgCode, r.uscc.slice(8, 17)]) if (wanted.has(code) && !out.has(code)) out.set(code, r);
    }
  }
  return out;
}

/** Live enterprises without a USCC, by the org code entered (a USCC row of an import may be one of them, now with its USCC). */
export function liveOrgOnlyByOrgCode(db: Pick<AppDatabase, 'select'>, orgCodes: readonly string[]): Map<string, EnterpriseRecord> {
  const out = new Map<string, EnterpriseRecord>();
  const unique = [...new Set(orgCodes.filter((c) => c !== ''))];
  for (let i = 0; i < unique.length; i += 500) {
    const rows = db.select().from(enterprises).where(and(live, eq(enterprises.uscc, ''), inArray(enterprises.orgCode, unique.slice(i, i + 500)))).all();
    for (const r of rows) if (!out.has(r.orgCode)) out.set(r.orgCode, r);
  }
  return out;
}

/**
 * Live 产业活动单位 without codes of their own, keyed `parentUscc|name`: such a unit is known by its
 * 法人单位 and its name, so two of them may not share both.
 */
export function liveCodelessEstablishments(db: Pick<AppDatabase, 'select'>, parentUsccs: readonly string[]): Map<string, EnterpriseRecord> {
  const out = new Map<string, EnterpriseRecord>();
  const unique = [...new Set(parentUsccs.filter((c) => c !== ''))];
  for (let i = 0; i < unique.length; i += 500) {
    const rows = db
      .select()
      .from(enterprises)
      .where(and(live, eq(enterprises.uscc, ''), eq(enterprises.orgCode, ''), inArray(enterprises.parentUscc, unique.slice(i, i + 500))))
      .all();
    for (const r of rows) out.set(`${r.parentUscc}|${r.name}`, r);
  }
  return out;
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
    orgCode: r.orgCode,
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
    unitKind: UnitKind.catch('legal').parse(r.unitKind),
    parentUscc: r.parentUscc,
    qualificationKind: QualificationKind.catch('none').parse(r.qualificationKind),
    isLocallyRegistered: r.isLocallyRegistered,
    hasDevelopmentActivity: r.hasDevelopmentActivity,
    foundedOn: r.foundedOn,
    isNewBuild: r.isNewBuild,
    projectInvestment: r.projectInvestment,
    isProjectUnderConstruction: r.isProjectUnderConstruction,
    status: EnterpriseStatus.catch('active').parse(r.status),
    statusNote: r.statusNote,
  };
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

/** Enterprise rows by id (deleted ones included), keyed by id. */
export function enterprisesByIds(db: Pick<AppDatabase, 'select'>, ids: readonly string[]): Map<string, EnterpriseRecord> {
  if (ids.length === 0) return new Map();
  return new Map(db.select().from(enterprises).where(inArray(enterprises.id, [...ids])).all().map((r) => [r.id, r]));
}
