import type { JsonValue } from '@shared/sync/protocol';
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
