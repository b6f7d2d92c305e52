import type { UnitStatus } from './units';

// Which statuses let the enumerator edit a unit's form: the one rule the unit page and the
// main-process workflow (electron/main/registration/workflow.ts) both follow.

/** Handed in: past the enumerator. A save still goes through but sends the unit back to 草稿/已完成. */
export const handedInStatuses = ['submitted', 'approved', 'accepted'] as const satisfies readonly UnitStatus[];

export function isHandedIn(status: UnitStatus): boolean {
  return (handedInStatuses as readonly UnitStatus[]).includes(status);
}

/**
 * Whether the unit page offers the form for editing. A handed-in unit and a 找不到 unit are shown
 * read-only: they must be reopened first (a 找不到 unit's save is refused outright).
 */
export function isFormEditable(status: UnitStatus): boolean {
  return !isHandedIn(status) && status !== 'not_found';
}
