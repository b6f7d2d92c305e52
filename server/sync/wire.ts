import type { StoredChange } from '../store/types';

// Pull and snapshot answers written as JSON text with each stored value spliced in as it is:
// the values were written by the push path as JSON, so parsing them only to serialise them
// again (20 MB for a fresh pull of 10,000 units) is pure cost. Every other member goes
// through JSON.stringify, so nothing from the store is spliced unescaped but the values.

const s = JSON.stringify;

export function changeJson(c: StoredChange): string {
  return (
    `{"gseq":${s(c.gseq)},"entity":${s(c.entity)},"entityId":${s(c.entityId)},"field":${s(c.field)},` +
    `"value":${c.valueJson},"deviceId":${s(c.deviceId)},"userId":${s(c.userId)},"hlc":${s(c.hlc)},` +
    `"at":${s(c.at)},"scopeKey":${s(c.scopeKey)}}`
  );
}

/** `{"changes":[…], …rest}`: the changes as text, the other members serialised normally. */
export function bodyWithChanges(changes: readonly StoredChange[], rest: Record<string, unknown>): string {
  const tail = s(rest);
  const parts = new Array<string>(changes.length);
  for (let i = 0; i < changes.length; i++) parts[i] = changeJson(changes[i] as StoredChange);
  return `{"changes":[${parts.join(',')}]${tail === '{}' ? '' : `,${tail.slice(1, -1)}`}}`;
}
