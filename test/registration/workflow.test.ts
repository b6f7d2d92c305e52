import { describe, expect, it } from 'vitest';
import { transition } from '@main/registration/workflow';
import { unitStatuses, type UnitStatus } from '@shared/registration/units';
import { isFormEditable, isHandedIn } from '@shared/registration/workflow';

// Editability by status is one rule in shared/registration/workflow.ts: the unit page shows the
// form read-only exactly where the main-process workflow refuses a save or sends the unit back.
const expected: Record<UnitStatus, boolean> = {
  not_started: true,
  draft: true,
  completed: true,
  submitted: false,
  returned: true,
  approved: false,
  not_found: false,
  accepted: false,
  out_of_scope: false,
};

describe('editability by status', () => {
  it.each(unitStatuses)('%s', (status) => {
    expect(isFormEditable(status)).toBe(expected[status]);
  });

  it('main workflow saves an editable unit quietly and refuses or demotes every other one', () => {
    const clean = { kind: 'save' as const, evaluation: { findings: [], formIds: [], counts: { mandatory: 0, verify: 0, hint: 0 } }, explanations: {} };
    for (const status of unitStatuses) {
      const t = transition(status, clean);
      const quiet = t.refused === undefined && t.note === undefined;
      expect(quiet, status).toBe(isFormEditable(status));
      if (isHandedIn(status)) expect(t.refused, status).toBeUndefined();
    }
  });
});
