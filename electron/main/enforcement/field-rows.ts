import type { JsonValue } from '@shared/sync/protocol';
import type { Session } from '@shared/session/roles';
import type { ByValue } from '@shared/enforcement/sync-fields';

// Rows of 统计执法 keep their synced fields as one JSON object (db/schema/enforcement.ts). These
// read and write that object; a write is skipped when nothing changed, so a record coming back
// from the server to the laptop that wrote it writes nothing.

export type FieldMap = Map<string, JsonValue>;

export function readFields(text: string | undefined | null): FieldMap {
  if (!text) return new Map();
  const parsed = JSON.parse(text) as Record<string, JsonValue>;
  return new Map(Object.entries(parsed));
}

/** A stable text of the fields (sorted by name), so equal fields compare equal. */
export function fieldsText(fields: ReadonlyMap<string, JsonValue>): string {
  const out: Record<string, JsonValue> = {};
  for (const key of [...fields.keys()].sort()) out[key] = fields.get(key) ?? null;
  return JSON.stringify(out);
}

/** Who did it, from the session: the account id and the name shown. */
export const byOf = (session: Session): ByValue => ({ userId: session.userId, name: session.userName.slice(0, 100) });
