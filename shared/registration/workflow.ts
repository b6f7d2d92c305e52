import type { UnitStatus } from './units';

// Which statuses let the enumerator edit a unit's form: the one rule the unit page and the
// main-process workflow (electron/main/registration/workflow.ts) both follow.

/** Handed in: past the enumerator. A save still goes through but sends the unit back to 草稿/已完成. */
export const handedInStatuses = ['submitted', 'approved', 'accepted'] as const satisfies readonly UnitStatus[];

export function isHandedIn(status: UnitStatus): boolean {
  return (handedInStatuses as readonly UnitStatus[]).includes(status);
}

/**
 * Set aside with a written reason: 找不到 (not found in the field) and 非普查对象 (found, but not a
 * 普查对象). Neither is filled, submitted or reviewed; both are reopened to be worked again.
 */
export const setAsideStatuses = ['not_found', 'out_of_scope'] as const satisfies readonly UnitStatus[];

export function isSetAside(status: UnitStatus): boolean {
  return (setAsideStatuses as readonly UnitStatus[]).includes(status);
}

/**
 * Whether the unit page offers the form for editing. A handed-in unit and a set-aside unit are
 * shown read-only: they must be reopened first (a set-aside unit's save is refused outright).
 */
export function isFormEditable(status: UnitStatus): boolean {
  return !isHandedIn(status) && !isSetAside(status);
}
