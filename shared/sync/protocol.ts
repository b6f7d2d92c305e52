import { z } from 'zod';

// Changelog (newest first; names are never renamed or removed, only added):
// - push sizing: PushResponse + optional `nextMaxOps` (the size the server asks for next:
//   server/sync/batch-hint.ts); MAX_PUSH_OPS names the 1,000 a request may carry. A laptop
//   without it ignores the field; one talking to a server without it keeps its own limits.
// - 包保 and training helper: entity 'training' (shared/training/training.ts: '$create'
//   { areaCode (6 or 9 digits), createdBy, createdAt, fields } and one field per attribute);
//   'enterprise' fields 'liaison.assign.<id>' and 'visit.<id>' (shared/liaison/sync-fields.ts).
//   Hashes and wire format unchanged.
// - server hardening helper: rejectCodes + CLOCK_AHEAD (an op whose HLC wall time is more than
//   MAX_CLOCK_AHEAD_MS ahead of the server's clock); MAX_CLOCK_AHEAD_MS. A baseVersion beyond
//   the highest gseq issued is refused INVALID_VALUE. fields.ts: '$create' values are strict
//   (unit { areaCode, kind, source?, fields? }, enterprise { areaCode, uscc, fields? }) and
//   values have byte caps (MAX_FIELD_VALUE_BYTES, MAX_OP_VALUE_BYTES), checked on both sides.
//   api.ts: serverErrorCodes + UPLOAD_QUOTA (413), TOO_MANY_UPLOADS (429). Pull and snapshot
//   pages may end early at a byte budget (hasMore / nextPage as before); large answers come
//   chunked. Hashes and wire format unchanged.
// - sync speed helper: JsonValue checked by isJsonValue (same bounds, plus depth ≤ 200)
//   instead of a recursive zod union; canonicalOpText takes the value's canonical text when
//   the caller has it. Hashes and wire format unchanged.
// - server helper: FieldName also admits '$resolve' (a conflict resolution op, value
//   ResolveValue in api.ts); rejectCodes + ALREADY_EXISTS; RejectCode and PullRequest types;
//   PushResponse + `halted` (CHAIN_BROKEN stops a batch) and conflicts[].isIncomingWinner;
//   Change + `scopeKey`; PullRequest + optional `scope`; PullResponse + scopeChanged,
//   scopeAdded, scopeRemoved, openConflicts; canonicalOpText (the hash input, fast). New
//   files: api.ts (roles, error body and codes, headers, auth, snapshot, verify, conflicts,
//   attachments), fields.ts (field whitelist and value checks), checksum.ts (verify lines and
//   buckets). PROTOCOL_VERSION unchanged. Endpoints and semantics: server/README.md.

// The sync protocol between a laptop and the bureau server. Field-level operations:
// every local change becomes one op per changed field, written to the outbox in the same
// transaction as the change. Pure schemas and canonical forms only; hashing and transport live
// in electron/main/sync (client) and server/ (bureau), both Node.

export const PROTOCOL_VERSION = 1;

/**
 * Entities that sync. 'enterprise' carries its ledger cells, evidence references and follow-up
 * as fields (shared/directory/sync-fields.ts), so they share its scope; 'draw' is a 双随机 draw
 * with its findings (shared/inspection/sync-fields.ts); 'interference' an entry of the
 * leadership's interference register, '$create' only, never sent to another role
 * (shared/interference/sync-fields.ts); 'verification' a 核查 task with its steps
 * (shared/verification/sync-fields.ts); 'inspector' and 'case' the 统计执法 roster and cases
 * (shared/enforcement/sync-fields.ts); 'training' a training session (shared/training/training.ts);
 * 'analysisTarget' a yearly growth target of the economic analysis (shared/analysis/targets.ts).
 */
export const syncEntities = ['unit', 'enterprise', 'draw', 'interference', 'verification', 'inspector', 'case', 'training', 'analysisTarget'] as const;
export const SyncEntity = z.enum(syncEntities);
export type SyncEntity = z.infer<typeof SyncEntity>;

export type JsonValue = null | boolean | number | string | JsonValue[] | { [k: string]: JsonValue };

/** Nesting deeper than any form value, shallow enough that a hostile body cannot exhaust the stack. */
const MAX_JSON_DEPTH = 200;

/**
 * JSON within the protocol's bounds: finite numbers, strings up to 100,000 characters, arrays
 * up to 1,000 items, plain objects with keys up to 200 characters, nested up to 200 levels.
 * Hand-written rather than a recursive zod union: a first push checks 10,000 values of ~60
 * answers each, and the union cost more than storing them (same bounds, tested against it).
 */
export function isJsonValue(value: unknown, depth = 0): value is JsonValue {
  switch (typeof value) {
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'string':
      return value.length <= 100_000;
    case 'object': {
      if (value === null) return true;
      if (depth >= MAX_JSON_DEPTH) return false;
      if (Array.isArray(value)) {
        if (value.length > 1_000) return false;
        for (const item of value) if (!isJsonValue(item, depth + 1)) return false;
        return true;
      }
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) return false;
      const record = value as Record<string, unknown>;
      for (const key of Object.keys(record)) {
        if (key.length > 200 || !isJsonValue(record[key], depth + 1)) return false;
      }
      return true;
    }
    default:
      return false;
  }
}

export const JsonValue: z.ZodType<JsonValue> = z.custom<JsonValue>((v) => isJsonValue(v), {
  error: 'not JSON within the protocol bounds (finite numbers, strings ≤ 100,000, arrays ≤ 1,000, keys ≤ 200, depth ≤ 200)',
});

export const DeviceId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);
/** Hybrid logical clock: 13-digit wall ms, '-', 6-digit counter, '-', device id. Sorts as text. */
export const Hlc = z.string().regex(/^\d{13}-\d{6}-[A-Za-z0-9_-]{8,64}$/);
export const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

/**
 * Field names: a form item path ('611.revenue', '611-1.establishments'), a unit attribute
 * ('status', 'areaCode', 'kind', 'notFoundReason', 'explanations'), or '$create' whose value is
 * the new entity's identity ({ areaCode, kind, source }). Whitelisted per entity on both sides:
 * names from the wire never become SQL identifiers.
 */
export const FieldName = z
  .string()
  .max(200)
  .regex(/^(\$create|\$delete|\$resolve|[A-Za-z0-9-]+(\.[A-Za-z0-9_-]+){0,3})$/);

export const Op = z
  .object({
    deviceId: DeviceId,
    /** Per-device sequence, from 1, no gaps. */
    seq: z.number().int().positive(),
    entity: SyncEntity,
    entityId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
    field: FieldName,
    value: JsonValue,
    /** The server version of this field the author had seen (0 = none). */
    baseVersion: z.number().int().nonnegative(),
    hlc: Hlc,
    userId: z.string().min(1).max(64),
    /** ISO time on the author's clock, for people; ordering uses hlc and baseVersion. */
    at: z.string().max(40),
    appVersion: z.string().max(40),
    schemaVersion: z.string().max(80),
    /** hash of this device's previous op ('' for seq 1): a tampered or missing op breaks the chain. */
    prevHash: z.union([z.literal(''), Sha256Hex]),
    /** sha256 of canonicalJson(op without `hash`). */
    hash: Sha256Hex,
  })
  .strict();
export type Op = z.infer<typeof Op>;

/** Ops in one push request, at most. */
export const MAX_PUSH_OPS = 1_000;

export const PushRequest = z
  .object({
    protocol: z.literal(PROTOCOL_VERSION),
    deviceId: DeviceId,
    ops: z.array(Op).max(MAX_PUSH_OPS),
  })
  .strict();
export type PushRequest = z.infer<typeof PushRequest>;

export const rejectCodes = [
  'OUT_OF_SCOPE', // the entity's area is not assigned to this user
  'FORBIDDEN', // the role may not change this field
  'INVALID_FIELD', // not a field of the entity
  'INVALID_VALUE',
  'UNKNOWN_ENTITY', // an edit to an entity the server has never seen created
  'ALREADY_EXISTS', // '$create' of an entity id the server already holds
  'CLOCK_AHEAD', // the op's HLC is more than MAX_CLOCK_AHEAD_MS ahead of the server's clock
] as const;
export const RejectCode = z.enum(rejectCodes);

/**
 * How far an op's HLC wall time may run ahead of the server's clock. Further ahead, it would
 * win every same-field race until the calendar caught up: the op is refused CLOCK_AHEAD, and a
 * laptop stamps its ops with its clock corrected by the skew it measured (hlc.ts).
 */
export const MAX_CLOCK_AHEAD_MS = 24 * 60 * 60 * 1000;
export type RejectCode = z.infer<typeof RejectCode>;

export const PushResponse = z.object({
  /** Highest seq such that every op 1..ackedSeq of this device is stored (applied or rejected). */
  ackedSeq: z.number().int().nonnegative(),
  /** Set when the batch skipped seqs: send again from this seq. */
  resendFrom: z.number().int().positive().nullable(),
  /** Ops stored but not applied; never retried, shown to the user. */
  rejected: z.array(z.object({ seq: z.number().int(), code: RejectCode, message: z.string() })),
  /** Ops that lost a same-field race: applied as history, conflict recorded for a supervisor. */
  conflicts: z.array(
    z.object({
      seq: z.number().int(),
      conflictId: z.string(),
      /** true: this op won the race provisionally and is now the current value. */
      isIncomingWinner: z.boolean(),
    }),
  ),
  /**
   * Set when the batch stopped at a tampered op (hash does not match its content, or prevHash
   * does not match the stored previous op, or a seq already stored with another hash): nothing
   * from `seq` on was stored. Never fixed by resending the same ops.
   */
  halted: z.object({ seq: z.number().int(), code: z.literal('CHAIN_BROKEN'), message: z.string() }).nullable(),
  serverTime: z.string(),
  /**
   * The most ops the server asks for in this device's next request: as many as it stores within
   * its latency target at its present load (server/sync/batch-hint.ts). Absent from older servers.
   */
  nextMaxOps: z.number().int().min(1).max(MAX_PUSH_OPS).optional(),
});
export type PushResponse = z.infer<typeof PushResponse>;

export const Change = z.object({
  /** Global sequence of the op that set this value: also the field's server version. */
  gseq: z.number().int().positive(),
  entity: SyncEntity,
  entityId: z.string(),
  field: FieldName,
  value: JsonValue,
  deviceId: z.string(),
  userId: z.string(),
  hlc: z.string(),
  at: z.string(),
  /** The entity's scope key now (a unit's 普查小区 areaCode); may differ from $create's. */
  scopeKey: z.string(),
});
export type Change = z.infer<typeof Change>;

export const PullRequest = z
  .object({
    protocol: z.literal(PROTOCOL_VERSION),
    cursor: z.number().int().nonnegative(),
    limit: z.number().int().min(1).max(5_000).default(2_000),
    /** The scope the client last received; the answer then says what was added and removed. */
    scope: z.array(z.string().regex(/^\d{0,15}$/)).max(10_000).optional(),
  })
  .strict();
export type PullRequest = z.input<typeof PullRequest>;

export const PullResponse = z.object({
  changes: z.array(Change),
  cursor: z.number().int().nonnegative(),
  hasMore: z.boolean(),
  /** Area prefixes (普查小区 15 / 普查区 12 / township 9 / county 6 digits) currently assigned to the
   * caller; [''] (the empty prefix, everything) for admins. */
  scope: z.array(z.string()),
  /** Compared with the request's `scope` (false and empty when the request sent none). */
  scopeChanged: z.boolean(),
  /** New prefixes: their data below the cursor never comes by pull; fetch POST /sync/snapshot { areaPrefix }. */
  scopeAdded: z.array(z.string()),
  /** Prefixes taken away: drop their entities once none of their ops is pending. */
  scopeRemoved: z.array(z.string()),
  /** Open conflicts the caller can see (GET /sync/conflicts). */
  openConflicts: z.number().int().nonnegative(),
  serverTime: z.string(),
});
export type PullResponse = z.infer<typeof PullResponse>;

/**
 * Canonical JSON: keys sorted (UTF-16 code unit order, as Array#sort), members whose value is
 * undefined left out, no whitespace; the input to every hash and checksum. A first sync
 * canonicalises every op's value on both sides and a frame import 10,000 '$create's, so plain
 * JSON goes through the engine's JSON.stringify, after putting keys in order where they are not
 * (inCanonicalOrder); anything else through the definition itself, canonicalJsonOf (same text:
 * a property test compares the two).
 */
export function canonicalJson(value: unknown): string {
  const ordered = inCanonicalOrder(value);
  return ordered === NOT_PLAIN ? canonicalJsonOf(value) : (JSON.stringify(ordered) ?? 'null');
}

/** The definition of canonicalJson, one pass of string building: for values JSON.stringify would write otherwise. */
function canonicalJsonOf(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + canonicalJsonOf(value[i]);
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  let out = '{';
  let separator = '';
  for (const key of Object.keys(record).sort()) {
    const member = record[key];
    if (member === undefined) continue;
    out += `${separator}${JSON.stringify(key)}:${canonicalJsonOf(member)}`;
    separator = ',';
  }
  return `${out}}`;
}

/** A key every object lists first, in numeric order ('7', '10'; not '07' or '1.5'): ECMAScript's array index. */
function isArrayIndex(key: string): boolean {
  const first = key.charCodeAt(0);
  if (!(first >= 48 && first <= 57)) return false;
  return /^(?:0|[1-9]\d{0,9})$/.test(key) && Number(key) < 4_294_967_295;
}

const NOT_PLAIN: unique symbol = Symbol('not plain JSON');

/**
 * `value` with every object's keys in sorted order, so that JSON.stringify writes its canonical
 * text: the value itself when they already are (values built in order, or parsed from canonical
 * text), else a copy of the objects out of order. NOT_PLAIN where JSON.stringify and
 * canonicalJsonOf could differ: functions, symbols, bigints, class instances (toJSON, boxed
 * primitives), and an object out of order with a key JSON.stringify would not write where it
 * was put (array-index keys come first in any object; '__proto__' would set the prototype).
 */
function inCanonicalOrder(value: unknown): unknown {
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'undefined':
      return value;
    case 'object':
      if (value === null) return value;
      break;
    default:
      return NOT_PLAIN;
  }
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype) return NOT_PLAIN;
    let copy: unknown[] | null = null;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const ordered = inCanonicalOrder(item);
      if (ordered === NOT_PLAIN) return NOT_PLAIN;
      if (ordered !== item) (copy ??= value.slice())[i] = ordered;
    }
    return copy ?? value;
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return NOT_PLAIN;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  let isSorted = true;
  for (let i = 1; i < keys.length && isSorted; i++) isSorted = (keys[i - 1] as string) < (keys[i] as string);
  if (!isSorted) keys.sort();
  let copy: Record<string, unknown> | null = null;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    const member = record[key];
    const ordered = inCanonicalOrder(member);
    if (ordered === NOT_PLAIN) return NOT_PLAIN;
    if (copy === null) {
      if (isSorted && ordered === member) continue;
      if (!canCopyInOrder(keys, isSorted)) return NOT_PLAIN;
      // Built by assignment, not spread: spreading a record of ~60 answers cost 4× as much.
      copy = {};
      for (let j = 0; j < i; j++) copy[keys[j] as string] = record[keys[j] as string];
    }
    copy[key] = ordered;
  }
  return copy ?? value;
}

/**
 * Whether a copy made by assigning `keys` in order lists them in that order: '__proto__' would
 * set the prototype instead, and array-index keys are listed first whatever the order (already
 * sorted keys are listed as they are, so those may be among them then).
 */
const canCopyInOrder = (keys: readonly string[], isSorted: boolean): boolean =>
  keys.every((key) => key !== '__proto__' && (isSorted || !isArrayIndex(key)));

/**
 * canonicalJson of an op without its `hash`, written out in sorted key order: the same text
 * (tested), several times faster, since a first sync hashes hundreds of thousands of ops on
 * each side. Only the protocol's own members count: the server parses ops strictly.
 * `valueText` is canonicalJson(op.value) when the caller already has it (it is stored too).
 */
export function canonicalOpText(op: Omit<Op, 'hash'>, valueText: string = canonicalJson(op.value)): string {
  const s = JSON.stringify;
  return (
    `{"appVersion":${s(op.appVersion)},"at":${s(op.at)},"baseVersion":${s(op.baseVersion)},` +
    `"deviceId":${s(op.deviceId)},"entity":${s(op.entity)},"entityId":${s(op.entityId)},` +
    `"field":${s(op.field)},"hlc":${s(op.hlc)},"prevHash":${s(op.prevHash)},` +
    `"schemaVersion":${s(op.schemaVersion)},"seq":${s(op.seq)},"userId":${s(op.userId)},` +
    `"value":${valueText}}`
  );
}
