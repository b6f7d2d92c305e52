import type { JsonValue } from '../sync/protocol';
import { can, type Permission, type SessionRole } from '../session/roles';
import { exitTransitions, taskTransitions } from './machine';

// Who may write which field of a task, by the same transition table main checks before it
// writes (machine.ts): the server applies it per op, so a laptop cannot approve a 退库 or
// reopen a task around its own checks. Every other field needs the right to work on tasks.

const actionOf = (value: JsonValue): string | null =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && typeof value.action === 'string' ? value.action : null;

/** The permission an op on `field` with `value` needs. */
export function permissionForField(field: string, value: JsonValue): Permission {
  if (field === '$create' || field === 'assignee') return 'verify.manage';
  const action = actionOf(value);
  if (field === 'state' && action !== null) return taskTransitions.find((t) => t.action === action)?.permission ?? 'verify.manage';
  if (field === 'exit') return action === null ? 'verify.manage' : (exitTransitions.find((t) => t.action === action)?.permission ?? 'verify.manage');
  return 'verify.work';
}

/** Null when `role` may write the field, else why not. */
export function refuseFieldForRole(field: string, value: JsonValue, role: SessionRole): string | null {
  const permission = permissionForField(field, value);
  return can(role, permission) ? null : `a ${role} may not write ${field} of a verification task (${permission})`;
}
