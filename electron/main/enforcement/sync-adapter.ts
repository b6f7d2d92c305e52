import { eq, inArray } from 'drizzle-orm';
import type { AppDatabase } from '@db/open';
import { enforcementCases, inspectors } from '@db/schema';
import { CaseCreateValue, InspectorCreateValue } from '@shared/enforcement/sync-fields';
import type { JsonValue } from '@shared/sync/protocol';
import type { EntityAdapter } from '../sync/registry';
import { fieldsText } from './field-rows';

// 'inspector' and 'case' made local: a row keeps the entity's visible fields as they stand
// (the server's with this laptop's pending ops on top), and the screens fold them
// (shared/enforcement/records.ts), so a pulled step shows exactly as a local one. A row already
// equal is left alone: a record coming back to the laptop that wrote it writes nothing.

const asText = (visible: ReadonlyMap<string, JsonValue>): string => fieldsText(visible);

export function createInspectorAdapter(db: AppDatabase): EntityAdapter {
  return {
    rebuild(id, visible, ctx) {
      if (!InspectorCreateValue.safeParse(visible.get('$create')).success) {
        console.warn(`[enforcement] unreadable inspector ${id}`);
        return false;
      }
      const text = asText(visible);
      const row = db.select({ fields: inspectors.fields }).from(inspectors).where(eq(inspectors.id, id)).get();
      if (row?.fields === text) return false;
      if (row) db.update(inspectors).set({ fields: text, updatedAt: ctx.at }).where(eq(inspectors.id, id)).run();
      else db.insert(inspectors).values({ id, fields: text, updatedAt: ctx.at }).run();
      return true;
    },
    drop(id) {
      db.delete(inspectors).where(eq(inspectors.id, id)).run();
    },
    existing: (ids) => new Set(db.select({ id: inspectors.id }).from(inspectors).where(inArray(inspectors.id, [...ids])).all().map((r) => r.id)),
  };
}

export function createCaseAdapter(db: AppDatabase): EntityAdapter {
  return {
    rebuild(id, visible, ctx) {
      const created = CaseCreateValue.safeParse(visible.get('$create'));
      if (!created.success) {
        console.warn(`[enforcement] unreadable case ${id}`);
        return false;
      }
      const text = asText(visible);
      const row = db.select({ fields: enforcementCases.fields }).from(enforcementCases).where(eq(enforcementCases.id, id)).get();
      if (row?.fields === text) return false;
      if (row) db.update(enforcementCases).set({ fields: text, updatedAt: ctx.at }).where(eq(enforcementCases.id, id)).run();
      else db.insert(enforcementCases).values({ id, enterpriseId: created.data.enterpriseId, filedOn: created.data.filedOn, fields: text, updatedAt: ctx.at }).run();
      return true;
    },
    drop(id) {
      db.delete(enforcementCases).where(eq(enforcementCases.id, id)).run();
    },
    existing: (ids) => new Set(db.select({ id: enforcementCases.id }).from(enforcementCases).where(inArray(enforcementCases.id, [...ids])).all().map((r) => r.id)),
    names: (ids) => new Map(db.select().from(enforcementCases).where(inArray(enforcementCases.id, [...ids])).all().map((r) => [r.id, (JSON.parse(r.fields) as { $create?: { caseNo?: string } }).$create?.caseNo ?? r.id])),
  };
}
