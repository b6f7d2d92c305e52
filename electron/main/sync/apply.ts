import type { SqliteDatabase } from '@db/open';
import { buildSearchText } from '../registration/units-queries';
import type { BaseFields } from './queries/outbox';
import { canonicalJson, type Change, type JsonValue, type Op } from '@shared/sync/protocol';
import { checksumLine } from '@shared/sync/checksum';
import { contentWithDocuments, type UnitContent, type UnitDocuments } from './unit-fields';

// Applying the server's state to the local store. The server's fields go to sync_base (value
// and version per field); the unit row is then rebuilt from base fields with this device's
// own ops still on top (pending, or acked but not yet seen in a complete pull), so a download
// never hides an edit the user made and has not seen the fate of. Raw prepared statements:
// a fresh pull applies 10,000 units inside its one-second budget.

/** A change another device made to a field, for the local change trace. */
export interface TracedChange {
  path: string;
  from: JsonValue | null;
  to: JsonValue;
  device: string;
  user: string;
  at: string;
}

/**
 * How an entity other than 'unit' becomes local rows (issue 5: 'enterprise', see
 * electron/main/directory/sync-adapter.ts). Called inside the apply transaction.
 */
export interface EntityMaterialiser {
  /** Rewrites the entity's rows from its visible fields: the server's with this device's pending ops on top. */
  rebuild(entityId: string, fields: ReadonlyMap<string, JsonValue>, at: string, traced: readonly TracedChange[]): void;
  /** Removes the entity's local rows (its scope was taken away or the server no longer lists it). */
  drop(entityId: string): void;
}

export interface ApplyHooks {
  /** Called inside the transaction with the units whose rows changed (e.g. recompute finding counts). */
  afterUnitsChanged?: (unitIds: readonly string[]) => void;
  /** Materialisers of the other entities, by entity name. */
  entities?: Readonly<Partial<Record<string, EntityMaterialiser>>>;
}

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
  'frame_row',
];

const documentColumns = { data: 'data', explanations: 'explanations', frame_row: 'frameRow' } as const satisfies Partial<
  Record<keyof UnitRowCols, keyof UnitDocuments>
>;

/**
 * Same JSON document once empty answers and empty forms are dropped, whatever the key order:
 * the stored text against the document the rebuild made (not serialised and parsed again).
 */
function sameDocument(column: keyof UnitRowCols, stored: string | null, documents: UnitDocuments): boolean {
  const key = (documentColumns as Partial<Record<keyof UnitRowCols, keyof UnitDocuments>>)[column];
  if (key === undefined || stored === null) return false;
  try {
    return sameCleaned(JSON.parse(stored), documents[key]);
  } catch {
    return false;
  }
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A member left out when comparing: null, or an object holding only such members. */
function isEmptyMember(v: unknown): boolean {
  if (v === null || v === undefined) return true;
  if (!isPlainObject(v)) return false;
  for (const k in v) if (!isEmptyMember(v[k])) return false;
  return true;
}

/**
 * Equal once null members and objects left empty by that are dropped from objects (not from
 * arrays), keys in any order: canonicalJson(withoutEmpty(a)) === canonicalJson(withoutEmpty(b))
 * without building either text.
 */
function sameCleaned(a: unknown, b: unknown): boolean {
  if (!isPlainObject(a) || !isPlainObject(b)) return !isPlainObject(a) && !isPlainObject(b) && sameJson(a, b);
  let kept = 0;
  for (const k in a) {
    if (isEmptyMember(a[k])) continue;
    kept += 1;
    if (!Object.hasOwn(b, k) || !sameCleaned(a[k], b[k])) return false;
  }
  for (const k in b) if (!isEmptyMember(b[k])) kept -= 1;
  return kept === 0;
}

/** Equal as canonical JSON: keys in any order, undefined members left out. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    return canonicalJson(a) === canonicalJson(b);
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((v, i) => sameJson(v, b[i]));
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  let kept = 0;
  for (const k in ra) {
    if (ra[k] === undefined) continue;
    kept += 1;
    if (!sameJson(ra[k], rb[k])) return false;
  }
  for (const k in rb) if (rb[k] !== undefined) kept -= 1;
  return kept === 0;
}

/** The checksum lines of an entity's base fields (verify.ts keeps them per bucket). */
const linesOf = (entity: string, entityId: string, fields: BaseFields): string[] =>
  Object.keys(fields).map((field) => checksumLine({ entity, entityId, field, version: fields[field]?.[0] ?? 0 }));

export interface ApplyResult {
  /** Server fields newly stored (duplicates and older versions are skipped). */
  applied: number;
  /** Entities that got edits but whose creation this store never saw: fetch them by snapshot. */
  unknownEntities: string[];
}

export class Materialiser {
  private readonly st;
  /**
   * Entities whose base changed since the checksum cache last looked, with their checksum
   * lines now (null: gone). verify.ts drains it, so it never rereads the base it was told of.
   */
  readonly touched = new Map<string, string[] | null>();

  constructor(
    private readonly sqlite: SqliteDatabase,
    private readonly hooks: ApplyHooks = {},
  ) {
    const s = sqlite;
    this.st = {
      readBase: s.prepare<[string, string], { area_code: string; fields: string }>(
        'SELECT area_code, json(fields) AS fields FROM sync_base WHERE entity = ? AND entity_id = ?',
      ),
      writeBase: s.prepare<[string, string, string, string]>(
        `INSERT INTO sync_base (entity, entity_id, area_code, fields) VALUES (?, ?, ?, jsonb(?))
         ON CONFLICT (entity, entity_id) DO UPDATE SET area_code = excluded.area_code, fields = excluded.fields`,
      ),
      deleteBase: s.prepare<[string, string]>('DELETE FROM sync_base WHERE entity = ? AND entity_id = ?'),
      entitiesOnTop: s.prepare<[string], string>('SELECT DISTINCT entity_id FROM sync_outbox WHERE entity = ?').pluck(),
      // From the (entity, entity_id, field) index alone: which fields this device's ops cover.
      fieldsOnTop: s.prepare<[string], { entity_id: string; field: string }>(
        'SELECT entity_id, field FROM sync_outbox WHERE entity = ?',
      ),
      opsOnTop: s.prepare<[string, string], string>(
        'SELECT op FROM sync_outbox WHERE entity = ? AND entity_id = ? ORDER BY seq',
      ).pluck(),
      // Of the acked ops about to leave the outbox, those whose leaving can change what an
      // entity shows: their field is covered by no op that stays, and the base does not hold
      // the op's value (compared as JSON text; a value written in another key order only
      // costs a rebuild that changes nothing).
      settlingChanges: s.prepare<[string], { entity: string; entityId: string }>(
        `WITH gone(seq) AS (SELECT value FROM json_each(?))
         SELECT DISTINCT o.entity, o.entity_id AS entityId FROM sync_outbox o
         LEFT JOIN sync_base b ON b.entity = o.entity AND b.entity_id = o.entity_id
         WHERE o.seq IN (SELECT seq FROM gone)
           AND NOT EXISTS (SELECT 1 FROM sync_outbox p WHERE p.entity = o.entity AND p.entity_id = o.entity_id
                           AND p.field = o.field AND p.seq NOT IN (SELECT seq FROM gone))
           AND (b.fields IS NULL OR instr(o.field, '"') > 0
                OR (b.fields -> ('$."' || o.field || '"[1]')) IS NOT (o.op -> '$.value'))`,
      ),
      // Which of a page's units already have a row: one statement rather than a lookup each.
      existingUnits: s
        .prepare<[string], string>('SELECT id FROM units WHERE id IN (SELECT value FROM json_each(?))')
        .pluck(),
      readUnit: s.prepare<[string], UnitRowCols & { version: number; search_text: string }>(
        `SELECT id, area_code, kind, source, status, name, uscc, address, industry_code, data, explanations,
                not_found_reason, frame_row, deleted_at, version, search_text FROM units WHERE id = ?`,
      ),
      // Positional: binding 17 named values from an object cost ~6 µs a row, ~60 ms of a fresh pull.
      insertUnit: s.prepare<InsertUnitArgs>(
        `INSERT INTO units (id, area_code, kind, source, status, name, uscc, address, industry_code, search_text,
                            data, explanations, not_found_reason, frame_row, deleted_at, version, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
      ),
      updateUnit: s.prepare<[UnitRowCols & { search_text: string; at: string }]>(
        `UPDATE units SET area_code = @area_code, kind = @kind, status = @status, name = @name, uscc = @uscc,
                address = @address, industry_code = @industry_code, search_text = @search_text, data = @data,
                explanations = @explanations, not_found_reason = @not_found_reason, frame_row = @frame_row,
                deleted_at = @deleted_at, version = version + 1, updated_at = @at
         WHERE id = @id`,
      ),
      trace: s.prepare<[string, string, string, string, string]>(
        `INSERT INTO unit_changes (unit_id, at, user_name, device_name, action, changes, reason)
         VALUES (?, ?, ?, ?, 'sync', ?, NULL)`,
      ),
    };
  }

  readBase(entity: string, entityId: string): { areaCode: string; fields: BaseFields } | undefined {
    const row = this.st.readBase.get(entity, entityId);
    return row && { areaCode: row.area_code, fields: JSON.parse(row.fields) as BaseFields };
  }

  /**
   * Stores server changes (any order, duplicates allowed: a field only moves to a higher
   * version) and rebuilds the touched units. `reset` entities are replaced, not merged: a
   * snapshot is the whole truth about them. Call inside a transaction.
   */
  applyChanges(changes: readonly Change[], opts: { ownDeviceId: string; reset?: Set<string>; trace: boolean }): ApplyResult {
    const byEntity = new Map<string, Change[]>();
    for (const c of changes) {
      const key = `${c.entity}\u0000${c.entityId}`;
      const list = byEntity.get(key);
      if (list) list.push(c);
      else byEntity.set(key, [c]);
    }
    let applied = 0;
    const unknown: string[] = [];
    const changedUnits: string[] = [];
    const covered = new Map<string, Set<string>>();
    for (const r of this.st.fieldsOnTop.all('unit')) {
      const fieldSet = covered.get(r.entity_id);
      if (fieldSet) fieldSet.add(r.field);
      else covered.set(r.entity_id, new Set([r.field]));
    }
    const unitIds: string[] = [];
    for (const list of byEntity.values()) if (list[0]?.entity === 'unit') unitIds.push(list[0].entityId);
    const existing = new Set(unitIds.length > 0 ? this.st.existingUnits.all(JSON.stringify(unitIds)) : []);
    for (const list of byEntity.values()) {
      const first = list[0];
      if (!first) continue;
      const isReset = opts.reset?.has(first.entityId) === true;
      const base = isReset ? undefined : this.readBase(first.entity, first.entityId);
      const fields: BaseFields = base?.fields ?? {};
      if (isReset) opts.reset?.delete(first.entityId);
      const traced: TracedChange[] = [];
      for (const c of list.sort((a, b) => a.gseq - b.gseq)) {
        const current = fields[c.field];
        if (current && current[0] >= c.gseq) continue;
        if (opts.trace && c.deviceId !== opts.ownDeviceId) {
          traced.push({ path: c.field, from: current?.[1] ?? null, to: c.value, device: c.deviceId, user: c.userId, at: c.at });
        }
        fields[c.field] = [c.gseq, c.value];
        applied += 1;
      }
      const areaCode = list.at(-1)?.scopeKey ?? base?.areaCode ?? '';
      this.st.writeBase.run(first.entity, first.entityId, areaCode, JSON.stringify(fields));
      this.touched.set(`${first.entity}\u0000${first.entityId}`, linesOf(first.entity, first.entityId, fields));
      if (first.entity !== 'unit') {
        if (!this.rebuildOther(first.entity, first.entityId, fields, list.at(-1)?.at ?? new Date().toISOString(), traced)) unknown.push(first.entityId);
        continue;
      }
      const ownFields = covered.get(first.entityId);
      if (!fields.$create && !ownFields) {
        unknown.push(first.entityId);
        continue;
      }
      // Every field that moved is one this device's ops still override: the row shows those ops
      // either way. The usual case is this device's own changes coming back after its push
      // (10,000 after a frame import), which need a new base but not 10,000 rebuilt rows.
      const isHidden = ownFields !== undefined && existing.has(first.entityId) && list.every((c) => ownFields.has(c.field));
      const at = list.at(-1)?.at ?? new Date().toISOString();
      if (!isHidden && this.rebuildUnit(first.entityId, fields, ownFields !== undefined, at, existing.has(first.entityId))) {
        changedUnits.push(first.entityId);
      }
      if (traced.length > 0 && this.st.readUnit.get(first.entityId)) this.writeTrace(first.entityId, traced);
    }
    if (changedUnits.length > 0) this.hooks.afterUnitsChanged?.(changedUnits);
    return { applied, unknownEntities: unknown };
  }

  /** Rebuilds units from base with own ops on top (after acked ops are cleared or an op rejected). */
  rebuild(unitIds: Iterable<string>, at: string): void {
    const onTop = new Set(this.st.entitiesOnTop.all('unit'));
    const changed: string[] = [];
    for (const id of new Set(unitIds)) {
      const fields = this.readBase('unit', id)?.fields ?? {};
      if (this.rebuildUnit(id, fields, onTop.has(id), at)) changed.push(id);
    }
    if (changed.length > 0) this.hooks.afterUnitsChanged?.(changed);
  }

  /**
   * The entities whose visible state can change when the ops `seqs` leave the outbox (call
   * before deleting them): after a complete pull the base mostly holds exactly what this
   * device's acked ops set, and rebuilding those entities (10,000 after a frame import) would
   * change nothing.
   */
  entitiesChangedBySettling(seqs: readonly number[]): { entity: string; entityId: string }[] {
    return seqs.length === 0 ? [] : this.st.settlingChanges.all(JSON.stringify(seqs));
  }

  /** Rebuilds entities of any kind (after their acked ops are cleared or an op was rejected). */
  rebuildEntities(entities: readonly { entity: string; entityId: string }[], at: string): void {
    this.rebuild(
      entities.filter((e) => e.entity === 'unit').map((e) => e.entityId),
      at,
    );
    const others = new Map(entities.filter((e) => e.entity !== 'unit').map((e) => [`${e.entity}\u0000${e.entityId}`, e]));
    for (const e of others.values()) this.rebuildOther(e.entity, e.entityId, this.readBase(e.entity, e.entityId)?.fields ?? {}, at, []);
  }

  /** Removes the local rows of a non-unit entity (pull.ts drops units itself). */
  dropOther(entity: string, entityId: string): void {
    this.hooks.entities?.[entity]?.drop(entityId);
  }

  /**
   * Rebuilds a non-unit entity through its materialiser from base fields with this device's
   * pending ops on top. False when neither holds its '$create' (an edit to an entity this store
   * never saw created: the caller fetches it by snapshot).
   */
  private rebuildOther(entity: string, entityId: string, base: BaseFields, at: string, traced: readonly TracedChange[]): boolean {
    const visible = new Map<string, JsonValue>();
    for (const [field, [, value]] of Object.entries(base)) visible.set(field, value);
    for (const text of this.st.opsOnTop.all(entity, entityId)) {
      const op = JSON.parse(text) as Op;
      visible.set(op.field, op.value);
    }
    if (!visible.has('$create')) return false;
    this.hooks.entities?.[entity]?.rebuild(entityId, visible, at, traced);
    return true;
  }

  deleteBase(entity: string, entityId: string): void {
    this.st.deleteBase.run(entity, entityId);
    this.touched.set(`${entity}\u0000${entityId}`, null);
  }

  /** Writes the unit row from its visible fields; true when the row changed. `mayExist` false: known to have no row. */
  private rebuildUnit(id: string, base: BaseFields, hasOpsOnTop: boolean, at: string, mayExist = true): boolean {
    const visible = new Map<string, JsonValue>();
    for (const [field, [, value]] of Object.entries(base)) visible.set(field, value);
    if (hasOpsOnTop) {
      for (const text of this.st.opsOnTop.all('unit', id)) {
        const op = JSON.parse(text) as Op;
        visible.set(op.field, op.value);
      }
    }
    const built = contentWithDocuments(visible, at);
    if (!built) return false;
    const existing = mayExist ? this.st.readUnit.get(id) : undefined;
    if (!existing) {
      const c = built.content;
      const searchText = buildSearchText(c.name, c.uscc, c.address);
      this.st.insertUnit.run(
        id, c.areaCode, c.kind, c.source, c.status, c.name, c.uscc, c.address, c.industryCode, searchText,
        c.data, c.explanations, c.notFoundReason, c.frameRow, c.deletedAt, at, at,
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
    this.st.updateUnit.run(row);
    return true;
  }

  private writeTrace(
    unitId: string,
    traced: readonly TracedChange[],
  ): void {
    // One trace row per author, so the history says who changed what on which device.
    const byAuthor = new Map<string, typeof traced>();
    for (const t of traced) {
      const key = `${t.user}\u0000${t.device}`;
      byAuthor.set(key, [...(byAuthor.get(key) ?? []), t]);
    }
    for (const rows of byAuthor.values()) {
      const last = rows.at(-1);
      if (!last) continue;
      const changes = rows.map((r) => ({ path: r.path, from: r.from, to: r.to }));
      this.st.trace.run(unitId, last.at, last.user, last.device, JSON.stringify(changes));
    }
  }
}
