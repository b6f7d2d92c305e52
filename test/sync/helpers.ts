import type { AppDatabase } from '@db/open';
import { units } from '@db/schema';
import { recordUnitChange } from '@main/registration/unit-ops';
import type { UnitContent } from '@main/registration/unit-fields';
import { eq } from 'drizzle-orm';

// Writes a unit the way the registration service does: the row and its ops in one transaction.

export const AREA = '640502100001001';

export function newUnit(overrides: Partial<UnitContent> = {}): UnitContent {
  return {
    areaCode: AREA,
    kind: 'legal',
    source: 'field',
    status: 'draft',
    name: '中卫市宏达商贸有限公司',
    uscc: '',
    address: '宁夏中卫市沙坡头区鼓楼东街1号',
    industryCode: '5212',
    data: JSON.stringify({ '611': { name: '中卫市宏达商贸有限公司', employees: 12 } }),
    explanations: '{}',
    notFoundReason: null,
    outOfScopeReason: null,
    formPack: null,
    frameRow: null,
    deletedAt: null,
    ...overrides,
  };
}

/** `now`: the laptop's clock (a test on a fake clock passes it, or the server refuses the op as CLOCK_AHEAD). */
export function createUnit(db: AppDatabase, id: string, content: UnitContent, now: Date = new Date()): void {
  const at = now.toISOString();
  db.transaction((tx) => {
    tx.insert(units).values({ id, ...content, searchText: '', createdAt: at, updatedAt: at }).run();
    recordUnitChange(tx, id, null, content, now);
  });
}

export function readContent(db: AppDatabase, id: string): UnitContent | undefined {
  const row = db.select().from(units).where(eq(units.id, id)).get();
  if (!row) return undefined;
  const { areaCode, kind, source, status, name, uscc, address, industryCode, data, explanations, notFoundReason, outOfScopeReason, formPack, frameRow, deletedAt } = row;
  return { areaCode, kind, source, status, name, uscc, address, industryCode, data, explanations, notFoundReason, outOfScopeReason, formPack, frameRow, deletedAt };
}

/** Edits one form item of a unit, recording its op, in one transaction. */
export function editItem(db: AppDatabase, id: string, formId: string, item: string, value: unknown, now: Date = new Date()): void {
  db.transaction((tx) => {
    const row = tx.select().from(units).where(eq(units.id, id)).get();
    if (!row) throw new Error(`no unit ${id}`);
    const before = readContent(db, id);
    if (!before) throw new Error(`no unit ${id}`);
    const forms = JSON.parse(row.data) as Record<string, Record<string, unknown>>;
    forms[formId] = { ...(forms[formId] ?? {}), [item]: value };
    const after = { ...before, data: JSON.stringify(forms) };
    tx.update(units).set({ data: after.data, version: row.version + 1 }).where(eq(units.id, id)).run();
    recordUnitChange(tx, id, before, after, now);
  });
}
