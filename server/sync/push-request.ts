import { isJsonValue, type Op, PROTOCOL_VERSION, type PushRequest, syncEntities } from '@shared/sync/protocol';

// The push body's shape without zod, for the common case: a first sync sends thousands of ops,
// and walking each one through the zod object schema (fourteen members, five regexes) cost as
// much as parsing its JSON. The checks here are those of PushRequest and Op in
// shared/sync/protocol.ts, member by member, and never looser: whatever passes here passes the
// schema unchanged (test/server/push-request.test.ts), and anything else goes to the schema,
// which decides and says what is wrong.

const ID = /^[A-Za-z0-9_-]{8,64}$/;
const HLC = /^\d{13}-\d{6}-[A-Za-z0-9_-]{8,64}$/;
const SHA256 = /^[0-9a-f]{64}$/;
const FIELD = /^(\$create|\$delete|\$resolve|[A-Za-z0-9-]+(\.[A-Za-z0-9_-]+){0,3})$/;
const ENTITIES: ReadonlySet<unknown> = new Set(syncEntities);
const OP_MEMBERS: ReadonlySet<string> = new Set([
  'deviceId', 'seq', 'entity', 'entityId', 'field', 'value', 'baseVersion', 'hlc',
  'userId', 'at', 'appVersion', 'schemaVersion', 'prevHash', 'hash',
]);
const REQUEST_MEMBERS: ReadonlySet<string> = new Set(['protocol', 'deviceId', 'ops']);

/** A plain object (as JSON.parse makes them) whose own keys are exactly `members`. */
function hasExactly(v: unknown, members: ReadonlySet<string>): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Object.getPrototypeOf(v) !== Object.prototype) return false;
  const keys = Object.keys(v);
  return keys.length === members.size && keys.every((k) => members.has(k));
}

const isText = (v: unknown, min: number, max: number): v is string => typeof v === 'string' && v.length >= min && v.length <= max;
const isMatch = (v: unknown, pattern: RegExp): boolean => typeof v === 'string' && pattern.test(v);
const isCount = (v: unknown, min: number): boolean => Number.isSafeInteger(v) && (v as number) >= min;

function isOp(v: unknown): v is Op {
  return (
    hasExactly(v, OP_MEMBERS) &&
    isMatch(v.deviceId, ID) &&
    isCount(v.seq, 1) &&
    ENTITIES.has(v.entity) &&
    isMatch(v.entityId, ID) &&
    isText(v.field, 0, 200) &&
    FIELD.test(v.field) &&
    isJsonValue(v.value) &&
    isCount(v.baseVersion, 0) &&
    isMatch(v.hlc, HLC) &&
    isText(v.userId, 1, 64) &&
    isText(v.at, 0, 40) &&
    isText(v.appVersion, 0, 40) &&
    isText(v.schemaVersion, 0, 80) &&
    (v.prevHash === '' || isMatch(v.prevHash, SHA256)) &&
    isMatch(v.hash, SHA256)
  );
}

/** The body as a PushRequest when it plainly is one; null: let the schema judge it. */
export function plainPushRequest(raw: unknown): PushRequest | null {
  if (!hasExactly(raw, REQUEST_MEMBERS)) return null;
  const { protocol, deviceId, ops } = raw;
  if (protocol !== PROTOCOL_VERSION || !isMatch(deviceId, ID) || !Array.isArray(ops) || ops.length > 1_000) return null;
  for (const op of ops) if (!isOp(op)) return null;
  return raw as PushRequest;
}
