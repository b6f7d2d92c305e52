import { and, desc, eq, isNull, notInArray, sql } from 'drizzle-orm';
import type { AppDatabase, Db } from '@db/open';
import { annualImports, annualTotals, annualUnits, reconcileNotes, units } from '@db/schema';
import { normaliseIdentifier, usccOrgCode } from '@shared/census/identifiers';
import { numberOf } from '@shared/forms/values';
import type { AnnualUnitFacts, CensusUnitFacts, StatedTotal } from '@shared/reconcile/gap';
import { Dimension, type GapNote, type ImportRecord } from '@shared/reconcile/wire';
import { FormsDoc } from '@shared/registration/registration';

// Reads and writes of the 快报 tables (db/schema/reconcile.ts) and the census side of the
// comparison: legal entities (法人单位) still in the census, i.e. not deleted, not 找不到 and not
// 非普查对象. The 快报 reports legal entities; establishments and 个体户 have no row there.

const outOfCensus = ['not_found', 'out_of_scope'];

/** Whole 千元 / persons: a typed decimal is rounded to the 快报's unit. */
const whole = (v: Parameters<typeof numberOf>[0]): number | null => {
  const n = numberOf(v);
  return n === undefined ? null : Math.round(n);
};

export function censusUnits(db: AppDatabase): CensusUnitFacts[] {
  const rows = db
    .select({ id: units.id, name: units.name, areaCode: units.areaCode, uscc: units.uscc, industryCode: units.industryCode, data: units.data })
    .from(units)
    .where(and(isNull(units.deletedAt), eq(units.kind, 'legal'), notInArray(units.status, outOfCensus)))
    .all();
  return rows.map((r) => {
    // A document the wire schema refuses counts the unit with no figures (never throws here).
    const parsed = FormsDoc.safeParse(JSON.parse(r.data));
    const f = parsed.success ? (parsed.data['611'] ?? {}) : {};
    const uscc = normaliseIdentifier(r.uscc);
    const typedOrg = typeof f.orgCode === 'string' ? normaliseIdentifier(f.orgCode) : '';
    return {
      id: r.id,
      name: r.name,
      areaCode: r.areaCode,
      uscc: uscc.length === 18 ? uscc : '',
      orgCode: typedOrg !== '' ? typedOrg : usccOrgCode(uscc),
      industryCode: r.industryCode,
      revenue: whole(f.revenue),
      employees: whole(f.employees),
    };
  });
}

export function annualUnitsOf(db: Db, year: number): AnnualUnitFacts[] {
  return db
    .select({
      uscc: annualUnits.uscc,
      orgCode: annualUnits.orgCode,
      name: annualUnits.name,
      profession: annualUnits.profession,
      industryCode: annualUnits.industryCode,
      township: annualUnits.township,
      revenue: annualUnits.revenue,
      employees: annualUnits.employees,
    })
    .from(annualUnits)
    .where(eq(annualUnits.year, year))
    .orderBy(annualUnits.rowNo)
    .all()
    .map((r) => ({ ...r, revenue: r.revenue ?? 0, employees: r.employees ?? 0 }));
}

export function statedTotals(db: Db, year: number): StatedTotal[] {
  return db
    .select()
    .from(annualTotals)
    .where(eq(annualTotals.year, year))
    .all()
    .map((r) => ({ dimension: Dimension.parse(r.dimension), code: r.code, name: r.name, units: r.units ?? 0, revenue: r.revenue ?? 0, employees: r.employees ?? 0 }));
}

const toRecord = (r: typeof annualImports.$inferSelect): ImportRecord => ({
  id: r.id,
  year: r.year,
  fileName: r.fileName,
  unitCount: r.unitCount,
  totalsCount: r.totalsCount,
  by: r.by,
  at: r.at,
});

/** Every import of the year, newest first: the first is the dataset in force. */
export function importsOf(db: Db, year: number): ImportRecord[] {
  return db.select().from(annualImports).where(eq(annualImports.year, year)).orderBy(desc(annualImports.at)).all().map(toRecord);
}

export function importedYears(db: Db): number[] {
  return db
    .selectDistinct({ year: annualImports.year })
    .from(annualImports)
    .orderBy(desc(annualImports.year))
    .all()
    .map((r) => r.year);
}

export function notesOf(db: Db, year: number): Map<string, GapNote> {
  return new Map(
    db
      .select()
      .from(reconcileNotes)
      .where(eq(reconcileNotes.year, year))
      .all()
      .map((n) => [`${n.dimension}:${n.code}`, { text: n.text, by: n.by, at: n.at }]),
  );
}

/** Replaces the year's dataset (inside the caller's transaction). */
export function replaceDataset(
  tx: Db,
  record: typeof annualImports.$inferInsert,
  rows: readonly Omit<typeof annualUnits.$inferInsert, 'year'>[],
  totals: readonly Omit<typeof annualTotals.$inferInsert, 'year'>[],
): void {
  tx.delete(annualUnits).where(eq(annualUnits.year, record.year)).run();
  tx.delete(annualTotals).where(eq(annualTotals.year, record.year)).run();
  for (let i = 0; i < rows.length; i += 500) tx.insert(annualUnits).values(rows.slice(i, i + 500).map((r) => ({ ...r, year: record.year }))).run();
  for (let i = 0; i < totals.length; i += 500) tx.insert(annualTotals).values(totals.slice(i, i + 500).map((t) => ({ ...t, year: record.year }))).run();
  tx.insert(annualImports).values(record).run();
}

export function saveNote(tx: Db, key: { year: number; dimension: Dimension; code: string }, note: GapNote & { byUserId: string | null }): void {
  const existing = tx
    .select()
    .from(reconcileNotes)
    .where(and(eq(reconcileNotes.year, key.year), eq(reconcileNotes.dimension, key.dimension), eq(reconcileNotes.code, key.code)))
    .get();
  if (!existing) {
    tx.insert(reconcileNotes).values({ ...key, ...note }).run();
    return;
  }
  // The earlier wording stays, with who wrote it and when.
  const previous = [...(JSON.parse(existing.previous) as unknown[]), { text: existing.text, by: existing.by, at: existing.at }];
  tx.update(reconcileNotes)
    .set({ text: note.text, by: note.by, byUserId: note.byUserId, at: note.at, previous: JSON.stringify(previous) })
    .where(and(eq(reconcileNotes.year, key.year), eq(reconcileNotes.dimension, key.dimension), eq(reconcileNotes.code, key.code)))
    .run();
}

/** Ids of live legal units: whose findings an import may change. */
export function legalUnitIds(db: AppDatabase): string[] {
  return db
    .select({ id: units.id })
    .from(units)
    .where(and(isNull(units.deletedAt), eq(units.kind, 'legal')))
    .all()
    .map((r) => r.id);
}

// ---------------------------------------------------------------------------------------------
// The figure a census unit's cross-period rule compares with (loadUnit in registration/unit.ts)

const prepareFind = (db: Db) =>
  db
    .select({ revenue: annualUnits.revenue, employees: annualUnits.employees })
    .from(annualUnits)
    .where(and(eq(annualUnits.year, sql.placeholder('year')), eq(annualUnits.uscc, sql.placeholder('code'))))
    .prepare();
const prepareFindOrg = (db: Db) =>
  db
    .select({ revenue: annualUnits.revenue, employees: annualUnits.employees })
    .from(annualUnits)
    .where(and(eq(annualUnits.year, sql.placeholder('year')), eq(annualUnits.orgCode, sql.placeholder('code'))))
    .prepare();
const prepared = new WeakMap<Db, { byUscc: ReturnType<typeof prepareFind>; byOrg: ReturnType<typeof prepareFindOrg> }>();

export function findAnnualFigures(db: Db, year: number, uscc: string, orgCode: string): { revenue: number | null; employees: number | null } | null {
  let p = prepared.get(db);
  if (!p) {
    p = { byUscc: prepareFind(db), byOrg: prepareFindOrg(db) };
    prepared.set(db, p);
  }
  if (uscc !== '') {
    const hit = p.byUscc.get({ year, code: uscc });
    if (hit) return hit;
  }
  return orgCode === '' ? null : (p.byOrg.get({ year, code: orgCode }) ?? null);
}
