import type { AppDatabase, SqliteDatabase } from '@db/open';
import type { JsonValue } from '@shared/sync/protocol';
import type { EntityAdapter, RebuildContext, TracedChange } from '../sync/registry';
import { recountFindings, storeFindings } from './findings';
import { sameDocument } from './unit-documents';
import { contentWithDocuments, type UnitContent } from './unit-fields';
import { buildSearchText } from './units-queries';

// The 'unit' sync entity made local (registration/unit-fields.ts): from a unit's visible fields
// its row is written, and the finding counts recomputed after the sync; other devices' changes
// are traced in unit_changes (action 'sync', one row per author). Raw prepared statements: a
// fresh pull writes 10,000 units inside its one-second budget.

interface UnitRowCols {
  id: string;
  area_code: string;
  kind: string;
  source: string;
  status: string;
  name: string;
  uscc: string;
  address: string;
  industry_code: string;
  data: string;
  explanations: string;
  not_found_reason: string | null;
  out_of_scope_reason: string | null;
  form_pack: string | null;
  frame_row: string | null;
  deleted_at: string | null;
}

type InsertUnitArgs = [
  id: string,
  areaCode: string,
  kind: string,
  source: string,
  status: string,
  name: string,
  uscc: string,
  address: string,
  industryCode: string,
  searchText: string,
  data: string,
  explanations: string,
  notFoundReason: string | null,
  outOfScopeReason: string | null,
  formPack: string | null,
  frameRow: string | null,
  deletedAt: string | null,
  createdAt: string,
  updatedAt: string,
];

const toCols = (id: string, c: UnitContent): UnitRowCols => ({
  id,
  area_code: c.areaCode,
  kind: c.kind,
  source: c.source,
  status: c.status,
  name: c.name,
  uscc: c.uscc,
  address: c.address,
  industry_code: c.industryCode,
  data: c.data,
  explanations: c.explanations,
  not_found_reason: c.notFoundReason,
  out_of_scope_reason: c.outOfScopeReason,
  form_pack: c.formPack,
  frame_row: c.frameRow,
  deleted_at: c.deletedAt,
});

const compared: (keyof UnitRowCols)[] = [
  'area_code',
  'kind',
  'status',
  'name',
  'uscc',
  'address',
  'industry_code',
  'data',
  'explanations',
  'not_found_reason',
  'out_of_scope_reason',
  'form_pack',
  'frame_row',
];

export function createUnitAdapter(db: AppDatabase, sqlite: SqliteDatabase): EntityAdapter {
  const s = sqlite;
  const st = {
    // Which of a page's units already have a row: one statement rather than a lookup each.
    existingUnits: s.prepare<[string], string>('SELECT id FROM units WHERE id IN (SELECT value FROM json_each(?))').pluck(),
    hasUnit: s.prepare<[string], number>('SELECT 1 FROM units WHERE id = ?').pluck(),
    readUnit: s.prepare<[string], UnitRowCols & { version: number; search_text: string }>(
      `SELECT id, area_code, kind, source, status, name, uscc, address, industry_code, data, explanations,
              not_found_reason, out_of_scope_reason, form_pack, frame_row, deleted_at, version, search_text FROM units WHERE id = ?`,
    ),
    // Positional: binding 17 named values from an object cost ~6 µs a row, ~60 ms of a fresh pull.
    insertUnit: s.prepare<InsertUnitArgs>(
      `INSERT INTO units (id, area_code, kind, source, status, name, uscc, address, industry_code, search_text,
                          data, explanations, not_found_reason, out_of_scope_reason, form_pack, frame_row, deleted_at, version, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
    ),
    updateUnit: s.prepare<[UnitRowCols & { search_text: string; at: string }]>(
      `UPDATE units SET area_code = @area_code, kind = @kind, status = @status, name = @name, uscc = @uscc,
              address = @address, industry_code = @industry_code, search_text = @search_text, data = @data,
              explanations = @explanations, not_found_reason = @not_found_reason, out_of_scope_reason = @out_of_scope_reason, form_pack = @form_pack, frame_row = @frame_row,
              deleted_at = @deleted_at, version = version + 1, updated_at = @at
       WHERE id = @id`,
    ),
    trace: s.prepare<[string, string, string, string, string]>(
      `INSERT INTO unit_changes (unit_id, at, user_name, device_name, action, changes, reason)
       VALUES (?, ?, ?, ?, 'sync', ?, NULL)`,
    ),
    deleteTrace: s.prepare<[string]>('DELETE FROM unit_changes WHERE unit_id = ?'),
    deleteUnit: s.prepare<[string]>('DELETE FROM units WHERE id = ?'),
    names: s.prepare<[string], { id: string; name: string }>('SELECT id, name FROM units WHERE id IN (SELECT value FROM json_each(?))'),
  };

  /** Writes the unit row from its visible fields; true when the row changed. */
  function rebuild(id: string, visible: ReadonlyMap<string, JsonValue>, { at, mayExist }: RebuildContext): boolean {
    const built = contentWithDocuments(visible, at);
    if (!built) return false;
    const existing = mayExist ? st.readUnit.get(id) : undefined;
    if (!existing) {
      const c = built.content;
      const searchText = buildSearchText(c.name, c.uscc, c.address);
      st.insertUnit.run(
        id, c.areaCode, c.kind, c.source, c.status, c.name, c.uscc, c.address, c.industryCode, searchText,
        c.data, c.explanations, c.notFoundReason, c.outOfScopeReason, c.formPack, c.frameRow, c.deletedAt, at, at,
      );
      return true;
    }
    const cols = toCols(id, built.content);
    const isDeletedSame = (existing.deleted_at === null) === (cols.deleted_at === null);
    // Documents are compared by content: the service may have written the same answers in
    // another key order, and rewriting them would bump the version under an open form.
    if (isDeletedSame && compared.every((k) => existing[k] === cols[k] || sameDocument(k, existing[k], built.documents))) return false;
    // The search text is derived from these three alone (pinyin initials cost ~10 µs a name).
    const isSearchSame = existing.name === cols.name && existing.uscc === cols.uscc && existing.address === cols.address;
    const row = { ...cols, search_text: isSearchSame ? existing.search_text : buildSearchText(cols.name, cols.uscc, cols.address), at };
    // Keep the first tombstone time rather than moving it on every rebuild.
    if (isDeletedSame) row.deleted_at = existing.deleted_at;
    st.updateUnit.run(row);
    return true;
  }

  function trace(unitId: string, traced: readonly TracedChange[]): void {
    if (st.hasUnit.get(unitId) === undefined) return;
    // One trace row per author, so the history says who changed what on which device.
    const byAuthor = new Map<string, TracedChange[]>();
    for (const t of traced) {
      const key = `${t.user}\u0000${t.device}`;
      byAuthor.set(key, [...(byAuthor.get(key) ?? []), t]);
    }
    for (const rows of byAuthor.values()) {
      const last = rows.at(-1);
      if (!last) continue;
      const changes = rows.map((r) => ({ path: r.path, from: r.from, to: r.to }));
      st.trace.run(unitId, last.at, last.user, last.device, JSON.stringify(changes));
    }
  }

  return {
    rebuild,
    trace,
    drop(unitId) {
      st.deleteTrace.run(unitId);
      st.deleteUnit.run(unitId);
    },
    existing: (ids) => new Set(ids.length > 0 ? st.existingUnits.all(JSON.stringify(ids)) : []),
    refresh: (ids) => {
      const recounted = recountFindings(db, ids);
      return () => storeFindings(db, recounted);
    },
    names: (ids) => new Map(st.names.all(JSON.stringify(ids)).map((r) => [r.id, r.name])),
    scopeField: 'areaCode',
    identityFields: ['kind'],
  };
}
