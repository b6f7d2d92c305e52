import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { indicatorKeys, type IndicatorKey } from '@shared/ledger/indicators';
import type { MonthValues } from '@shared/ledger/wire';
import type { AppDatabase, Db } from '@db/open';
import { enterpriseChanges, ledgerAnnual, ledgerMonths, ledgerSignoffs } from '@db/schema';
import { SignoffRole, type MonthSignatures, type SignatureValue } from '@shared/ledger/signoff';

// The monthly ledger 统计台账 and annual figures: one row per enterprise and month,
// one column per indicator, null = not entered. Callers own the transaction.

type LedgerRow = typeof ledgerMonths.$inferSelect;
type AnnualRow = typeof ledgerAnnual.$inferSelect;

export function valuesOf(row: Pick<LedgerRow, IndicatorKey>): MonthValues {
  const out: MonthValues = {};
  for (const key of indicatorKeys) {
    const v = row[key];
    if (v !== null) out[key] = v;
  }
  return out;
}

const emptyYear = (): MonthValues[] => Array.from({ length: 12 }, () => ({}));

/** Twelve months (index 0 = January) of `year`; months never written are empty. */
export function readYear(db: Pick<AppDatabase, 'select'>, enterpriseId: string, year: number): MonthValues[] {
  const out = emptyYear();
  const rows = db
    .select()
    .from(ledgerMonths)
    .where(and(eq(ledgerMonths.enterpriseId, enterpriseId), eq(ledgerMonths.year, year)))
    .all();
  for (const r of rows) if (r.month >= 1 && r.month <= 12) out[r.month - 1] = valuesOf(r);
  return out;
}

/** Years with any ledger row, newest first. */
export function ledgerYears(db: Pick<AppDatabase, 'selectDistinct'>, enterpriseId: string): number[] {
  return db
    .selectDistinct({ year: ledgerMonths.year })
    .from(ledgerMonths)
    .where(eq(ledgerMonths.enterpriseId, enterpriseId))
    .orderBy(desc(ledgerMonths.year))
    .all()
    .map((r) => r.year);
}

/** Sets the given indicators of one month (null clears), creating the row when needed. */
export function writeMonth(db: Db, enterpriseId: string, year: number, month: number, values: MonthValues, at: string): void {
  const set: Partial<Record<IndicatorKey, number | null>> = {};
  for (const key of indicatorKeys) if (Object.hasOwn(values, key)) set[key] = values[key] ?? null;
  db.insert(ledgerMonths)
    .values({ enterpriseId, year, month, ...set, updatedAt: at })
    .onConflictDoUpdate({ target: [ledgerMonths.enterpriseId, ledgerMonths.year, ledgerMonths.month], set: { ...set, updatedAt: at } })
    .run();
}

/** Every ledger row of an enterprise (sync materialisation replaces them wholesale). */
export function allMonths(db: Pick<AppDatabase, 'select'>, enterpriseId: string): LedgerRow[] {
  return db
    .select()
    .from(ledgerMonths)
    .where(eq(ledgerMonths.enterpriseId, enterpriseId))
    .orderBy(asc(ledgerMonths.year), asc(ledgerMonths.month))
    .all();
}

/**
 * Removes an enterprise's ledger, annual figures and sign-offs. Only for an enterprise that left
 * this laptop's scope with nothing still in its keeping time (shared/ledger/keeping.ts; the
 * server keeps every op): the caller asks isKept first.
 */
export function deleteLedger(db: Db, enterpriseId: string): void {
  db.delete(ledgerMonths).where(eq(ledgerMonths.enterpriseId, enterpriseId)).run();
  db.delete(ledgerAnnual).where(eq(ledgerAnnual.enterpriseId, enterpriseId)).run();
  db.delete(ledgerSignoffs).where(eq(ledgerSignoffs.enterpriseId, enterpriseId)).run();
}

/** The periods (year, month; month null for annual figures) an enterprise's ledger records cover. */
export function ledgerPeriods(db: Pick<AppDatabase, 'select'>, enterpriseId: string): { year: number; month: number | null }[] {
  const months = db.select({ year: ledgerMonths.year, month: ledgerMonths.month }).from(ledgerMonths).where(eq(ledgerMonths.enterpriseId, enterpriseId)).all();
  const annual = db.select({ year: ledgerAnnual.year }).from(ledgerAnnual).where(eq(ledgerAnnual.enterpriseId, enterpriseId)).all();
  const signed = db.select({ year: ledgerSignoffs.year, month: ledgerSignoffs.month }).from(ledgerSignoffs).where(eq(ledgerSignoffs.enterpriseId, enterpriseId)).all();
  return [...months, ...annual.map((a) => ({ year: a.year, month: null })), ...signed];
}

/** The sign-offs of a year by month (1–12). */
export function readSignoffs(db: Pick<AppDatabase, 'select'>, enterpriseId: string, year: number): Map<number, MonthSignatures> {
  const out = new Map<number, MonthSignatures>();
  const rows = db
    .select()
    .from(ledgerSignoffs)
    .where(and(eq(ledgerSignoffs.enterpriseId, enterpriseId), eq(ledgerSignoffs.year, year)))
    .all();
  for (const r of rows) {
    const role = SignoffRole.safeParse(r.role);
    if (!role.success) continue;
    out.set(r.month, { ...out.get(r.month), [role.data]: { name: r.name, date: r.date, at: r.at, by: r.signedBy } });
  }
  return out;
}

/** Writes (or replaces) one signature; returns whether anything changed. */
export function writeSignoff(db: Db, enterpriseId: string, year: number, month: number, role: SignoffRole, sig: SignatureValue): boolean {
  const current = db
    .select()
    .from(ledgerSignoffs)
    .where(and(eq(ledgerSignoffs.enterpriseId, enterpriseId), eq(ledgerSignoffs.year, year), eq(ledgerSignoffs.month, month), eq(ledgerSignoffs.role, role)))
    .get();
  if (current && current.name === sig.name && current.date === sig.date && current.at === sig.at && current.signedBy === sig.by) return false;
  const row = { name: sig.name, date: sig.date, at: sig.at, signedBy: sig.by };
  db.insert(ledgerSignoffs)
    .values({ enterpriseId, year, month, role, ...row })
    .onConflictDoUpdate({ target: [ledgerSignoffs.enterpriseId, ledgerSignoffs.year, ledgerSignoffs.month, ledgerSignoffs.role], set: row })
    .run();
  return true;
}

/**
 * When each month of `year` last had a cell changed, from the enterprise's trace (edits here and
 * those synced from other laptops alike), for "changed after signing".
 */
export function lastCellChanges(db: Pick<AppDatabase, 'select'>, enterpriseId: string, year: number): Map<number, string> {
  const prefix = `ledger.${year}-`;
  const rows = db
    .select({ at: enterpriseChanges.at, changes: enterpriseChanges.changes })
    .from(enterpriseChanges)
    .where(and(eq(enterpriseChanges.enterpriseId, enterpriseId), sql`instr(${enterpriseChanges.changes}, ${`"${prefix}`}) > 0`))
    .all();
  const out = new Map<number, string>();
  for (const r of rows) {
    const changes = JSON.parse(r.changes) as { path?: unknown }[];
    for (const c of changes) {
      if (typeof c.path !== 'string' || !c.path.startsWith(prefix)) continue;
      const month = Number(c.path.slice(prefix.length, prefix.length + 2));
      const last = out.get(month);
      if (last === undefined || last < r.at) out.set(month, r.at);
    }
  }
  return out;
}

export function readAnnual(db: Pick<AppDatabase, 'select'>, enterpriseId: string, year: number): MonthValues | null {
  const row = db
    .select()
    .from(ledgerAnnual)
    .where(and(eq(ledgerAnnual.enterpriseId, enterpriseId), eq(ledgerAnnual.year, year)))
    .get();
  return row ? valuesOf(row) : null;
}

export function allAnnual(db: Pick<AppDatabase, 'select'>, enterpriseId: string): AnnualRow[] {
  return db.select().from(ledgerAnnual).where(eq(ledgerAnnual.enterpriseId, enterpriseId)).all();
}

export function writeAnnual(db: Db, enterpriseId: string, year: number, values: MonthValues, at: string): void {
  const set: Partial<Record<IndicatorKey, number | null>> = {};
  for (const key of indicatorKeys) if (Object.hasOwn(values, key)) set[key] = values[key] ?? null;
  db.insert(ledgerAnnual)
    .values({ enterpriseId, year, ...set, updatedAt: at })
    .onConflictDoUpdate({ target: [ledgerAnnual.enterpriseId, ledgerAnnual.year], set: { ...set, updatedAt: at } })
    .run();
}
