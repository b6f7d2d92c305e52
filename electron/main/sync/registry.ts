import type { JsonValue } from '@shared/sync/protocol';

// The engine knows entity kinds only as adapters: a capability says how one kind of synced
// record becomes its local rows, and core registers it (electron/main/entities.ts). The engine stores the server's fields (sync_base) and this
// device's ops (sync_outbox) for every kind alike, computes what the laptop shows from them
// (visible.ts) and hands that to the kind's adapter; it never names a capability's table.

/** A change another device made to a field, for the local change trace. */
export interface TracedChange {
  path: string;
  from: JsonValue | null;
  to: JsonValue;
  device: string;
  user: string;
  at: string;
}

export interface RebuildContext {
  /** The time of the change that caused the rebuild (the newest pulled change, or now). */
  at: string;
  /** False when the engine knows the entity has no local rows yet (skip the lookup). */
  mayExist: boolean;
}

/**
 * One synced record kind made local. Every method runs inside the engine's transaction, except
 * `refresh`, which runs in small slices after a sync.
 */
export interface EntityAdapter {
  /**
   * Rewrites the entity's local rows from its visible fields (the server's with this device's
   * pending ops on top, visible.ts). Called only when they hold a '$create'. True when a row
   * changed; rows already equal are left alone, so a pull that changes nothing writes nothing.
   */
  rebuild(entityId: string, visible: ReadonlyMap<string, JsonValue>, ctx: RebuildContext): boolean;
  /** Writes the local change trace of other devices' changes to the entity (after its rebuild). */
  trace?(entityId: string, changes: readonly TracedChange[]): void;
  /** Removes the entity's local rows (its area was taken away or the server no longer lists it). */
  drop(entityId: string): void;
  /**
   * Which of `ids` have local rows. With it, the engine skips rebuilding an entity whose pulled
   * fields are all ones this device's ops still override (its own changes coming back).
   */
  existing?(ids: readonly string[]): ReadonlySet<string>;
  /** Told, inside the transaction, the entities whose rows a rebuild changed. */
  changed?(ids: readonly string[]): void;
  /**
   * Recomputes derived columns (e.g. finding counts) of rebuilt entities, off the sync's critical
   * path, in two steps (refresh.ts): this call reads and computes, outside any transaction, a few
   * entities at a time between user actions; the function it returns writes the results later,
   * in one transaction with other calls' writes, and must leave alone a row written since it was read.
   */
  refresh?(ids: readonly string[]): () => void;
  /** The names lists show for entities among `ids` held here (refused changes, conflicts, the unsent export). */
  names?(ids: readonly string[]): ReadonlyMap<string, string>;
  /** The field whose edit moves the entity to another area (a '$create' carries the area as `areaCode`). */
  scopeField?: string;
  /** Fields a '$create' carries beside `areaCode` as identity, not under `fields` (a unit's `kind`). */
  identityFields?: readonly string[];
}

/** The adapters by kind; core fills it before the engine starts. */
export class EntityRegistry {
  private readonly adapters = new Map<string, EntityAdapter>();

  register(kind: string, adapter: EntityAdapter): this {
    if (this.adapters.has(kind)) throw new Error(`sync: entity kind '${kind}' registered twice`);
    this.adapters.set(kind, adapter);
    return this;
  }

  get(kind: string): EntityAdapter | undefined {
    return this.adapters.get(kind);
  }

  kinds(): string[] {
    return [...this.adapters.keys()];
  }

  /** Display names of entities among `ids` (of `entity`'s kind, or of any kind when not given). */
  names(ids: readonly string[], entity?: string): Map<string, string> {
    const out = new Map<string, string>();
    if (ids.length === 0) return out;
    const adapters = entity === undefined ? [...this.adapters.values()] : [this.adapters.get(entity)];
    for (const adapter of adapters) for (const [id, name] of adapter?.names?.(ids) ?? []) if (!out.has(id)) out.set(id, name);
    return out;
  }
}
