import type { Role } from '@shared/sync/api';
import { decisionStatus, industryCodingRoles, isReviewField, ReviewEventValue, reviewStatusRoles } from '@shared/review/review';
import { ResolveValue } from '@shared/sync/api';
import { UnitStatus } from '@shared/registration/units';
import { checkField } from '@shared/sync/fields';
import { hiddenEntitiesFor, isAppendOnlyEntity, mayUseEntity } from '@shared/sync/entity-access';
import { refuseFieldForRole } from '@shared/verification/field-roles';
import { can } from '@shared/session/roles';
import { type JsonValue, MAX_CLOCK_AHEAD_MS, type Op, type RejectCode } from '@shared/sync/protocol';
import type { Scope } from '../store/types';

// The sync decisions, pure, shared by every ServerStore. A store only reads the
// facts these functions need and writes what they decide.

export function isInScope(scopeKey: string, scope: Scope): boolean {
  return scope.isAll || scope.prefixes.some((p) => scopeKey.startsWith(p));
}

/**
 * The area prefixes a role's assignments turn into (admins see everything), without the entity
 * kinds restricted to other roles (hiddenEntitiesFor: the interference register for all but the
 * leadership), so no pull, snapshot, checksum or conflict list of theirs ever holds one.
 */
export function scopeFor(role: Role, prefixes: readonly string[]): Scope {
  const hides = hiddenEntitiesFor(role);
  const area: Scope = role === 'admin' ? { isAll: true } : { isAll: false, prefixes };
  return hides.length > 0 ? { ...area, hides } : area;
}

export interface Rejection {
  code: RejectCode;
  message: string;
}

const reject = (code: RejectCode, message: string): Rejection => ({ code, message });

/**
 * Review rights, per op: a review status (approved / returned by a supervisor or the
 * bureau, accepted by the bureau only) and a review decision event need the right role. Who an
 * event names as its author is not checked here but overwritten (stampAuthor), for every kind
 * alike. Also applied to a '$resolve' that would write a review status (push.ts), so a
 * conflict cannot be resolved around these rules.
 */
export function checkFieldRole(field: string, value: JsonValue, role: Role): Rejection | null {
  if (field === 'status' && typeof value === 'string') {
    const status = UnitStatus.safeParse(value);
    const allowed = status.success ? reviewStatusRoles[status.data] : undefined;
    if (allowed && !allowed.includes(role)) return reject('FORBIDDEN', `a ${role} may not set status ${value}`);
    return null;
  }
  if (!isReviewField(field)) return null;
  const event = ReviewEventValue.safeParse(value);
  if (!event.success) return null; // checkField reports the shape
  const { kind } = event.data;
  const decision = kind === 'approve' || kind === 'return' || kind === 'accept' ? kind : null;
  if (decision !== null) {
    const allowed = reviewStatusRoles[decisionStatus[decision]] ?? [];
    if (!allowed.includes(role)) return reject('FORBIDDEN', `a ${role} may not ${decision} a unit`);
  }
  if (kind === 'code' && !industryCodingRoles.includes(role)) return reject('FORBIDDEN', `a ${role} may not code a unit's industry in review`);
  return null;
}

/** Who pushed an op, as a review event names its author. */
export interface Author {
  name: string;
  role: Role;
}

/** A review event with `by` set to `author`, or null when `value` is not one or already says so. */
function stampedEvent(value: JsonValue, author: Author): JsonValue | null {
  const event = ReviewEventValue.safeParse(value);
  if (!event.success) return null;
  const by = { name: author.name.slice(0, 100), role: author.role };
  if (event.data.by.name === by.name && event.data.by.role === by.role) return null;
  return { ...(value as Record<string, JsonValue>), by };
}

/**
 * The value to store for an op whose value names its author, or null to store it as signed.
 * A review event's `by` (name and role) is what other laptops show as who submitted, returned
 * or approved; a laptop could claim anyone, so the server sets it from the session that pushed
 * the op, for every kind of event (also inside a '$create's initial fields). The op log keeps
 * the op as it was signed (its hash covers the claim); field state, and so every pull, carries
 * the stamped author.
 */
export function stampAuthor(entity: string, field: string, value: JsonValue, author: Author): JsonValue | null {
  if (entity !== 'unit') return null;
  if (isReviewField(field)) return stampedEvent(value, author);
  if (field !== '$create' || typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const fields = value.fields;
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) return null;
  let stamped: Record<string, JsonValue> | null = null;
  // Called for every create a first sync pushes: names are looked at without copying the
  // entries, and only those that can be review fields are matched.
  for (const name in fields) {
    if (!name.startsWith('review.') || !isReviewField(name)) continue;
    const event = stampedEvent(fields[name] as JsonValue, author);
    if (event !== null) (stamped ??= { ...fields })[name] = event;
  }
  return stamped === null ? null : { ...value, fields: stamped };
}

/**
 * Checks that need nothing from the store: authorship, field whitelist and value, role.
 * '$resolve' values are parsed here; their target field is checked once the conflict is known.
 */
export function checkOpAlone(op: Op, userId: string, role: Role, valueText?: string): Rejection | null {
  if (op.userId !== userId) {
    return reject('FORBIDDEN', `op authored by ${op.userId}, pushed by ${userId}: each user pushes their own ops`);
  }
  // Restricted kinds: the same answer whether or not the entity exists, so nothing leaks.
  if (!mayUseEntity(role, op.entity)) return reject('FORBIDDEN', `a ${role} may not write ${op.entity} records`);
  if (isAppendOnlyEntity(op.entity) && op.field !== '$create') {
    return reject('FORBIDDEN', `${op.entity} records are append-only: ${op.field} refused (a correction is a new record)`);
  }
  // 统计执法 records (the inspector roster, cases) are the bureau's: any op on them, a conflict's
  // resolution included, needs the permission main checks before it writes.
  if ((op.entity === 'inspector' || op.entity === 'case') && !can(role, 'enforce.manage')) {
    return reject('FORBIDDEN', `a ${role} may not change 统计执法 records (${op.entity})`);
  }
  // Units are registered and reviewed by the roles that hold units.edit; the leadership reads them.
  if (op.entity === 'unit' && !can(role, 'units.edit')) return reject('FORBIDDEN', `a ${role} may not change census units`);
  // The economic analysis' targets are the bureau's to set; every role in their area reads them.
  if (op.entity === 'analysisTarget' && !can(role, 'analysis.targets')) return reject('FORBIDDEN', `a ${role} may not set analysis targets`);
  if (op.field === '$resolve') {
    if (role === 'enumerator' || role === 'leader') return reject('FORBIDDEN', 'only supervisors, township staff and admins resolve conflicts');
    const parsed = ResolveValue.safeParse(op.value);
    return parsed.success ? null : reject('INVALID_VALUE', '$resolve value must be { conflictId, value }');
  }
  const check = checkField(op.entity, op.field, op.value, valueText);
  if (!check.ok) return reject(check.code, check.message);
  if (op.entity === 'verification') {
    const refusal = checkWriteRole(op.entity, op.field, op.value, role);
    if (refusal) return refusal;
  }
  if (op.field === '$create') return checkCreatedFields(op, role);
  return checkWriteRole(op.entity, op.field, op.value, role);
}

/**
 * Whether `role` may write `value` into `field` of an `entity`: the rights that depend on the
 * field and value (a unit's review decisions, a verification task's steps by its transition
 * table). One check for an op and for a '$resolve' that would write its conflict's field
 * (apply.ts), so no right is taken around by resolving a conflict.
 */
export function checkWriteRole(entity: string, field: string, value: JsonValue, role: Role): Rejection | null {
  if (entity === 'unit') return checkFieldRole(field, value, role);
  if (entity === 'verification') {
    const refusal = refuseFieldForRole(field, value, role);
    return refusal ? reject('FORBIDDEN', refusal) : null;
  }
  return null;
}

/**
 * A '$create' carries the new entity's initial fields in `value.fields` (one op per new unit
 * rather than one per answered item). Each is held to the same whitelist, value and role
 * checks as an op of its own, so nothing enters through a create that a field op could not
 * set: no nested '$create'/'$resolve', and no scope field (the identity's areaCode decides
 * the scope; a second one inside would show the unit elsewhere than the server keeps it).
 */
export function checkCreatedFields(op: Pick<Op, 'entity' | 'value'>, role: Role): Rejection | null {
  const value = op.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const fields = value.fields;
  if (fields === undefined) return null;
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) {
    return reject('INVALID_VALUE', '$create.fields must be an object of field → value');
  }
  const scopeField = scopeFieldOf(op.entity);
  for (const [name, inner] of Object.entries(fields)) {
    if (name === '$create' || name === '$resolve' || name === scopeField) {
      return reject('INVALID_FIELD', `$create.fields: ${name} cannot be an initial field`);
    }
    const check = checkField(op.entity, name, inner);
    if (!check.ok) return reject(check.code, `$create.fields: ${check.message}`);
    const roleCheck = op.entity === 'unit' ? checkFieldRole(name, inner, role) : null;
    if (roleCheck) return roleCheck;
  }
  return null;
}

/**
 * Bounds an op's claims by what the server knows: `baseVersion` (the version its author had
 * seen) cannot be beyond the highest gseq issued before it, or it would pass as having seen
 * edits that do not exist yet (2^53−1 overwrote another laptop's value with no conflict); and
 * its HLC may not run more than MAX_CLOCK_AHEAD_MS ahead of the server's clock (it would win
 * every race). A clock somewhat off is only flagged, as designed; this far off is refused.
 */
export function checkBounds(op: Pick<Op, 'baseVersion' | 'hlc'>, issuedGseq: number, nowMs: number): Rejection | null {
  if (op.baseVersion > issuedGseq) {
    return reject('INVALID_VALUE', `baseVersion ${op.baseVersion} is beyond the newest version the server has issued (${issuedGseq})`);
  }
  const wall = Number(op.hlc.slice(0, 13));
  if (wall > nowMs + MAX_CLOCK_AHEAD_MS) {
    const hours = Math.round((wall - nowMs) / 3_600_000);
    return reject(
      'CLOCK_AHEAD',
      `the op was stamped ${hours} hours ahead of the server's clock (more than ${MAX_CLOCK_AHEAD_MS / 3_600_000} allowed): correct the laptop's date and time, then send the change again`,
    );
  }
  return null;
}

/** What the server holds for a field now. */
export interface CurrentField {
  version: number;
  deviceId: string;
  hlc: string;
}

export type WriteDecision =
  | { kind: 'apply' }
  /** Made without seeing the current write, but the same value: nothing to decide. */
  | { kind: 'same'; isIncomingWinner: boolean }
  | { kind: 'conflict'; isIncomingWinner: boolean; current: CurrentField };

/**
 * Same field, two writers. The op applies when its author had seen the current value
 * (baseVersion >= current version), or when the current value is the same device's own earlier
 * op (a device has always seen what it wrote, even before pulling it back), whatever the clocks
 * say, or when both wrote the same value (`isSameValue`, canonical JSON: asked only when the
 * rest would conflict, since it reads the stored value): there is nothing for anyone to decide,
 * but the field keeps the higher clock of the two, or a later concurrent write would win or
 * lose depending on the order the equal ones arrived in.
 * Otherwise the two were made without seeing each other: a conflict, with a deterministic
 * provisional winner, higher HLC, then higher device id, so every replay decides alike.
 */
export function decideWrite(
  current: CurrentField | null,
  op: Pick<Op, 'baseVersion' | 'deviceId' | 'hlc'>,
  isSameValue: () => boolean = () => false,
): WriteDecision {
  if (current === null || op.baseVersion >= current.version || current.deviceId === op.deviceId) {
    return { kind: 'apply' };
  }
  const isIncomingWinner =
    op.hlc > current.hlc || (op.hlc === current.hlc && op.deviceId > current.deviceId);
  if (isSameValue()) return { kind: 'same', isIncomingWinner };
  return { kind: 'conflict', isIncomingWinner, current };
}

/**
 * The scope key of a new entity: every entity's '$create' value carries it as `areaCode` (a
 * unit's 普查小区; an enterprise's division code). Read after checkField accepted the value.
 */
export function createdScopeKey(value: JsonValue): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const key = value.areaCode;
  return typeof key === 'string' && /^\d{6,15}$/.test(key) ? key : null;
}

// The field whose edit moves an entity to another scope key, per entity kind. String-keyed so
// kinds added to the protocol later (such as 'enterprise') are looked up the same way.
const scopeFields: Readonly<Record<string, string>> = { unit: 'areaCode', enterprise: 'divisionCode' };

export const scopeFieldOf = (entity: string): string | undefined => scopeFields[entity];

export const conflictIdFor = (incomingGseq: number): string => `cf-${incomingGseq}`;
