import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { permissions, permissionsOf, type Permission } from '@shared/session/roles';
import {
  exitActions,
  exitStates,
  exitTransitions,
  refusalText,
  step,
  taskActions,
  taskStates,
  taskTransitions,
  type Requirement,
} from '@shared/verification/machine';

// Both machines of a 核查 task, every state × every action: what is allowed goes where the
// table says; what is not is refused for the first reason that applies (state, role, what is
// missing), and the refusal reads as a sentence in both languages.

const allRequirements: Requirement[] = ['reason', 'conclusion', 'differences', 'checklist', 'checkerSignature', 'contactSignature', 'taskCompleted', 'exitDate', 'exitReason'];
const bureau = permissionsOf('admin');
const township = permissionsOf('township');
const everything = new Set(allRequirements);

describe('the task machine 待核查 → 核查中 → 已完成', () => {
  const allowed: Record<string, string> = { 'pending/start': 'in_progress', 'in_progress/complete': 'completed', 'completed/reopen': 'in_progress' };
  for (const from of taskStates) {
    for (const action of taskActions) {
      const to = allowed[`${from}/${action}`];
      it(`${from} --${action}--> ${to ?? 'refused'}`, () => {
        const r = step(taskTransitions, from, action, { permissions: bureau, met: everything });
        if (to) expect(r).toEqual({ ok: true, to });
        else {
          expect(r).toMatchObject({ ok: false, refusal: { code: 'NOT_FROM_STATE' } });
          if (!r.ok) expect(refusalText(action, from, r.refusal).zh).toMatch(/^当前为“.+”，不能/);
        }
      });
    }
  }

  it('completes only with the checklist, a conclusion, its differences and both signatures', () => {
    const needed: Requirement[] = ['checklist', 'conclusion', 'differences', 'checkerSignature', 'contactSignature'];
    for (const left of needed) {
      const met = new Set(allRequirements.filter((r) => r !== left));
      expect(step(taskTransitions, 'in_progress', 'complete', { permissions: township, met })).toEqual({ ok: false, refusal: { code: 'MISSING', missing: [left] } });
    }
    const r = step(taskTransitions, 'in_progress', 'complete', { permissions: township, met: new Set() });
    expect(r).toEqual({ ok: false, refusal: { code: 'MISSING', missing: needed } });
    if (!r.ok) expect(refusalText('complete', 'in_progress', r.refusal).zh).toBe('还不能完成核查：缺少核查清单每一项都已核对、核查结论（相符或不符）、“不符”须有至少一项核查数与报送数不同、核查人签名、企业联系人签名。');
  });

  it('lets only the bureau reopen, and only with a reason', () => {
    const r = step(taskTransitions, 'completed', 'reopen', { permissions: township, met: everything });
    expect(r).toEqual({ ok: false, refusal: { code: 'FORBIDDEN', permission: 'verify.manage' } });
    if (!r.ok) expect(refusalText('reopen', 'completed', r.refusal)).toEqual({ zh: '只有区统计局可以重新打开。', en: 'Only the district bureau may reopen.' });
    expect(step(taskTransitions, 'completed', 'reopen', { permissions: bureau, met: new Set() })).toEqual({ ok: false, refusal: { code: 'MISSING', missing: ['reason'] } });
  });

  it('refuses every step to a role without verification rights', () => {
    for (const role of ['local', 'enumerator', 'supervisor'] as const) {
      expect(step(taskTransitions, 'pending', 'start', { permissions: permissionsOf(role), met: everything })).toMatchObject({ ok: false, refusal: { code: 'FORBIDDEN' } });
    }
  });
});

describe('the 退库 machine 提出 → 已核实 → 局审批 → 已退库', () => {
  const allowed: Record<string, string> = {
    'proposed/verify': 'verified',
    'verified/approve': 'approved',
    'approved/remove': 'removed',
    'proposed/reject': 'rejected',
    'verified/reject': 'rejected',
  };
  for (const from of exitStates) {
    for (const action of exitActions) {
      const to = allowed[`${from}/${action}`];
      it(`${from} --${action}--> ${to ?? 'refused'}`, () => {
        const r = step(exitTransitions, from, action, { permissions: bureau, met: everything });
        if (to) expect(r).toEqual({ ok: true, to });
        else expect(r).toMatchObject({ ok: false, refusal: { code: 'NOT_FROM_STATE' } });
      });
    }
  }

  it('says why approving before verifying and removing without approval are refused', () => {
    const early = step(exitTransitions, 'proposed', 'approve', { permissions: bureau, met: everything });
    if (early.ok) throw new Error('approved a proposal');
    expect(refusalText('approve', 'proposed', early.refusal).zh).toBe('当前为“提出”，不能审批退库；只有“已核实”时才能审批退库。');
    const unapproved = step(exitTransitions, 'verified', 'remove', { permissions: bureau, met: everything });
    if (unapproved.ok) throw new Error('removed without approval');
    expect(refusalText('remove', 'verified', unapproved.refusal)).toEqual({
      zh: '当前为“已核实”，不能退出名录；只有“局审批”时才能退出名录。',
      en: 'Cannot remove from the directory while verified; only when approved by the bureau.',
    });
  });

  it('verifies only a completed task, approves and removes only as the bureau, removes only with a reason and a date', () => {
    expect(step(exitTransitions, 'proposed', 'verify', { permissions: township, met: new Set() })).toEqual({ ok: false, refusal: { code: 'MISSING', missing: ['taskCompleted'] } });
    expect(step(exitTransitions, 'proposed', 'verify', { permissions: township, met: new Set(['taskCompleted']) })).toEqual({ ok: true, to: 'verified' });
    expect(step(exitTransitions, 'verified', 'approve', { permissions: township, met: everything })).toMatchObject({ ok: false, refusal: { code: 'FORBIDDEN' } });
    expect(step(exitTransitions, 'approved', 'remove', { permissions: township, met: everything })).toMatchObject({ ok: false, refusal: { code: 'FORBIDDEN' } });
    expect(step(exitTransitions, 'approved', 'remove', { permissions: bureau, met: new Set(['exitReason']) })).toEqual({ ok: false, refusal: { code: 'MISSING', missing: ['exitDate'] } });
    expect(step(exitTransitions, 'verified', 'reject', { permissions: bureau, met: new Set() })).toEqual({ ok: false, refusal: { code: 'MISSING', missing: ['reason'] } });
  });
});

describe('step() against the tables, for any facts', () => {
  it('allows exactly what a row allows, and refuses for the first failing reason', () => {
    const machines = [
      { table: taskTransitions, states: taskStates, actions: taskActions },
      { table: exitTransitions, states: exitStates, actions: exitActions },
    ] as const;
    fc.assert(
      fc.property(
        fc.constantFrom(0, 1),
        fc.nat(10),
        fc.nat(10),
        fc.subarray([...permissions]),
        fc.subarray(allRequirements),
        (m, s, a, perms: Permission[], met: Requirement[]) => {
          const { table, states, actions } = machines[m] as (typeof machines)[0];
          const from = states[s % states.length] as (typeof taskStates)[number];
          const action = actions[a % actions.length] as (typeof taskActions)[number];
          const r = step(table, from, action, { permissions: perms, met: new Set(met) });
          const row = table.find((t) => t.action === action && t.from.includes(from));
          if (!row) return !r.ok && r.refusal.code === 'NOT_FROM_STATE';
          if (!perms.includes(row.permission)) return !r.ok && r.refusal.code === 'FORBIDDEN';
          const missing = row.requires.filter((x) => !met.includes(x));
          if (missing.length > 0) return !r.ok && r.refusal.code === 'MISSING' && r.refusal.missing.join() === missing.join();
          return r.ok && r.to === row.to;
        },
      ),
      { numRuns: 500 },
    );
  });
});
