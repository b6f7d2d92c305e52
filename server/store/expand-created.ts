import type { JsonValue, SyncEntity } from '@shared/sync/protocol';
import type { EntityState } from './types';

const isRecord = (v: JsonValue | undefined): v is { [k: string]: JsonValue } => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The initial fields a '$create' carried, as fields of their own wherever no later op set
 * them (the later value wins, as on the laptops: electron/main/registration/unit-fields.ts).
 */
export function expandCreated(state: EntityState): void {
  const created = state.fields.$create;
  if (!isRecord(created) || !isRecord(created.fields)) return;
  for (const [field, value] of Object.entries(created.fields)) {
    if (!Object.hasOwn(state.fields, field)) state.fields[field] = value;
  }
}

/** Entities' states from their field rows ordered by entity (scope key, id, field), '$create's expanded. */
export function statesFromRows(entity: SyncEntity, rows: Iterable<{ entityId: string; scopeKey: string; field: string; value: string }>): EntityState[] {
  const states: EntityState[] = [];
  let current: EntityState | undefined;
  for (const r of rows) {
    if (current?.entityId !== r.entityId) {
      current = { entity, entityId: r.entityId, scopeKey: r.scopeKey, fields: {} };
      states.push(current);
    }
    current.fields[r.field] = JSON.parse(r.value) as JsonValue;
  }
  for (const state of states) expandCreated(state);
  return states;
}
