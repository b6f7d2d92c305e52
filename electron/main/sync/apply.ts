import type { SqliteDatabase } from '@db/open';
import type { BaseFields } from './queries/outbox';
import type { Change, Op } from '@shared/sync/protocol';
import { checksumLine } from '@shared/sync/checksum';
import type { EntityAdapter, EntityRegistry, TracedChange } from './registry';
import { visibleFields } from './visible';

// Applying the server's state to the local store. The server's fields go to sync_base (value
// and version per field); the entity's local rows are then rebuilt by its kind's adapter
// (registry.ts) from what the laptop shows (visible.ts): base fields with this device's own ops
// still on top. Raw prepared statements: a fresh pull applies 10,000 units inside its
// one-second budget.

export interface ApplyHooks {
  /** Called inside the transaction with the entities of one kind whose rows changed. */
  afterChanged?: (entity: string, entityIds: readonly string[]) => void;
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

/** An entity's key in `touched` and in the checksum cache (verify.ts), which keeps these very strings. */
export const entityKey = (entity: string, entityId: string): string => `${entity}\u0000${entityId}`;

export class Materialiser {
  private readonly st;
  /**
   * Entities whose base changed since the checksum cache last looked, with their checksum
   * lines now (null: gone). verify.ts drains it, so it never rereads the base it was told of.
   */
  readonly touched = new Map<string, string[] | null>();

  constructor(
    sqlite: SqliteDatabase,
    readonly registry: EntityRegistry,
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
      // From the (entity, entity_id, field) index alone: which fields this device's ops cover,
      // for a page's entities only (after a frame import of 100,000 units the outbox holds as
      // many ops, and reading them all for each of the pages that bring them back was quadratic).
      fieldsOnTop: s.prepare<[string, string], { entity_id: string; field: string }>(
        'SELECT entity_id, field FROM sync_outbox WHERE entity = ? AND entity_id IN (SELECT value FROM json_each(?))',
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
    };
  }

  readBase(entity: string, entityId: string): { areaCode: string; fields: BaseFields } | undefined {
    const row = this.st.readBase.get(entity, entityId);
    return row && { areaCode: row.area_code, fields: JSON.parse(row.fields) as BaseFields };
  }

  /** This device's ops on an entity, oldest first (they sit on top of the base). */
  private ownOps(entity: string, entityId: string): Op[] {
    return this.st.opsOnTop.all(entity, entityId).map((text) => JSON.parse(text) as Op);
  }

  /** Which fields of each of `ids` (of `entity`'s kind) this device's ops cover. */
  private coveredFields(entity: string, ids: readonly string[]): Map<string, Set<string>> {
    const covered = new Map<string, Set<string>>();
    for (const r of this.st.fieldsOnTop.all(entity, JSON.stringify(ids))) {
      const fieldSet = covered.get(r.entity_id);
      if (fieldSet) fieldSet.add(r.field);
      else covered.set(r.entity_id, new Set([r.field]));
    }
    return covered;
  }

  /**
   * Stores server changes (any order, duplicates allowed: a field only moves to a higher
   * version) and rebuilds the touched entities. `reset` entities are replaced, not merged: a
   * snapshot is the whole truth about them. Call inside a transaction.
   */
  applyChanges(changes: readonly Change[], opts: { ownDeviceId: string; reset?: Set<string>; trace: boolean }): ApplyResult {
    const byKind = new Map<string, Map<string, Change[]>>();
    for (const c of changes) {
      let entities = byKind.get(c.entity);
      if (!entities) byKind.set(c.entity, (entities = new Map()));
      const list = entities.get(c.entityId);
      if (list) list.push(c);
      else entities.set(c.entityId, [c]);
    }
    const result: ApplyResult = { applied: 0, unknownEntities: [] };
    for (const [entity, entities] of byKind) this.applyKind(entity, entities, opts, result);
    return result;
  }

  private applyKind(
    entity: string,
    entities: ReadonlyMap<string, Change[]>,
    opts: { ownDeviceId: string; reset?: Set<string>; trace: boolean },
    result: ApplyResult,
  ): void {
    const adapter = this.registry.get(entity);
    const ids = [...entities.keys()];
    const covered = this.coveredFields(entity, ids);
    const existing = adapter?.existing?.(ids) ?? null;
    const changed: string[] = [];
    for (const [entityId, list] of entities) {
      const isReset = opts.reset?.has(entityId) === true;
      const base = isReset ? undefined : this.readBase(entity, entityId);
      const fields: BaseFields = base?.fields ?? {};
      if (isReset) opts.reset?.delete(entityId);
      const traced: TracedChange[] = [];
      for (const c of list.sort((a, b) => a.gseq - b.gseq)) {
        const current = fields[c.field];
        if (current && current[0] >= c.gseq) continue;
        if (opts.trace && c.deviceId !== opts.ownDeviceId) {
          traced.push({ path: c.field, from: current?.[1] ?? null, to: c.value, device: c.deviceId, user: c.userId, at: c.at });
        }
        fields[c.field] = [c.gseq, c.value];
        result.applied += 1;
      }
      const areaCode = list.at(-1)?.scopeKey ?? base?.areaCode ?? '';
      this.st.writeBase.run(entity, entityId, areaCode, JSON.stringify(fields));
      this.touched.set(entityKey(entity, entityId), linesOf(entity, entityId, fields));
      // A kind this build has no adapter for (a newer build's record) stays in the base only.
      if (!adapter) continue;
      const ownFields = covered.get(entityId);
      if (!fields.$create && !ownFields) {
        result.unknownEntities.push(entityId);
        continue;
      }
      // Every field that moved is one this device's ops still override: the rows show those ops
      // either way. The usual case is this device's own changes coming back after its push
      // (10,000 after a frame import), which need a new base but not 10,000 rebuilt rows.
      const isHidden = ownFields !== undefined && existing?.has(entityId) === true && list.every((c) => ownFields.has(c.field));
      const at = list.at(-1)?.at ?? new Date().toISOString();
      if (!isHidden) {
        const visible = visibleFields(fields, ownFields ? this.ownOps(entity, entityId) : []);
        if (!visible.has('$create')) {
          result.unknownEntities.push(entityId);
          continue;
        }
        if (adapter.rebuild(entityId, visible, { at, mayExist: existing?.has(entityId) ?? true })) changed.push(entityId);
      }
      if (traced.length > 0) adapter.trace?.(entityId, traced);
    }
    this.changed(entity, adapter, changed);
  }

  private changed(entity: string, adapter: EntityAdapter | undefined, ids: readonly string[]): void {
    if (ids.length === 0) return;
    adapter?.changed?.(ids);
    this.hooks.afterChanged?.(entity, ids);
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

  /** Rebuilds entities from base with own ops on top (after acked ops are cleared or an op was rejected). */
  rebuildEntities(entities: readonly { entity: string; entityId: string }[], at: string): void {
    const byKind = new Map<string, Set<string>>();
    for (const e of entities) {
      const ids = byKind.get(e.entity);
      if (ids) ids.add(e.entityId);
      else byKind.set(e.entity, new Set([e.entityId]));
    }
    for (const [entity, ids] of byKind) {
      const adapter = this.registry.get(entity);
      if (!adapter) continue;
      const onTop = new Set(this.st.entitiesOnTop.all(entity));
      const changed: string[] = [];
      for (const id of ids) {
        const fields = this.readBase(entity, id)?.fields ?? {};
        const visible = visibleFields(fields, onTop.has(id) ? this.ownOps(entity, id) : []);
        if (visible.has('$create') && adapter.rebuild(id, visible, { at, mayExist: true })) changed.push(id);
      }
      this.changed(entity, adapter, changed);
    }
  }

  /** Removes an entity's base and its local rows (scope taken away, or no longer on the server). */
  drop(entity: string, entityId: string): void {
    this.deleteBase(entity, entityId);
    this.registry.get(entity)?.drop(entityId);
  }

  deleteBase(entity: string, entityId: string): void {
    this.st.deleteBase.run(entity, entityId);
    this.touched.set(entityKey(entity, entityId), null);
  }
}
