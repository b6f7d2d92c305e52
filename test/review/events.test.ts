import { describe, expect, it } from 'vitest';
import type { StoredReviewEvent } from '@main/review/queries';
import { deriveThread, itemValue, newEventId } from '@main/review/events';
import { parseFormField } from '@main/registration/unit-fields';
import { checkDecision, isReviewField, ReviewEventValue, type ReviewEventValue as EventValue } from '@shared/review/review';
import { ReviewDecide } from '@shared/review/decide';
import { can, permissionsOf, sessionRoles } from '@shared/session/roles';
import { checkField } from '@shared/sync/fields';
import { unitStatuses } from '@shared/registration/units';

// The pure rules of review: who may decide what from which status, what a review
// event may hold, how a thread's comments are settled, and that event fields never read as
// form answers.

describe('who may decide what', () => {
  it('follows the table for every role and status', () => {
    const allowed: string[] = [];
    for (const role of sessionRoles) {
      for (const decision of ['approve', 'return', 'accept'] as const) {
        for (const from of unitStatuses) if (checkDecision(role, decision, from).ok) allowed.push(`${role} ${decision} ${from}`);
      }
    }
    expect(allowed.sort()).toEqual(
      [
        'supervisor approve submitted',
        'supervisor return submitted',
        'supervisor return approved',
        'admin approve submitted',
        'admin return submitted',
        'admin return approved',
        'admin return accepted',
        'admin accept approved',
      ].sort(),
    );
  });

  it('says FORBIDDEN for the role and RULE_VIOLATION for the status', () => {
    expect(checkDecision('supervisor', 'accept', 'approved')).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(checkDecision('supervisor', 'approve', 'draft')).toMatchObject({ ok: false, code: 'RULE_VIOLATION' });
  });

  it('gives the local role only what an offline enumerator needs', () => {
    expect(permissionsOf('local')).toEqual(['units.edit', 'review.answer', 'progress.view']);
    expect(can('township', 'review.supervise')).toBe(false);
    expect(can('admin', 'review.accept')).toBe(true);
  });
});

describe('a decision request', () => {
  const base = { unitId: 'unit-0001', version: 3 };
  it('carries comments only with a return, and a return says something', () => {
    expect(ReviewDecide.safeParse({ ...base, decision: 'approve', comments: [{ path: '611.name', text: 'x' }] }).success).toBe(false);
    expect(ReviewDecide.safeParse({ ...base, decision: 'return' }).success).toBe(false);
    expect(ReviewDecide.safeParse({ ...base, decision: 'return', note: '请核实' }).success).toBe(true);
    expect(ReviewDecide.safeParse({ ...base, decision: 'return', comments: [{ path: '611-1.establishments.0.estName', text: '名称不全' }] }).success).toBe(true);
    expect(ReviewDecide.safeParse({ ...base, decision: 'return', comments: [{ path: 'status', text: 'x' }] }).success).toBe(false);
  });
});

describe('review events as unit fields', () => {
  const field = `review.${newEventId()}`;

  it('are whitelisted for units and never read as form answers', () => {
    expect(isReviewField(field)).toBe(true);
    expect(parseFormField(field)).toBeNull();
    expect(checkField('unit', field, { kind: 'submit', at: '2024-03-15T02:00:00.000Z', by: { name: '王小明', role: 'enumerator' } })).toEqual({ ok: true });
    expect(checkField('unit', field, { kind: 'submit', at: 'x', by: { name: '王小明', role: 'boss' } }).ok).toBe(false);
    expect(checkField('enterprise', field, { kind: 'submit' }).ok).toBe(false);
  });

  it('have ids that sort in the order they were written, within one millisecond too', () => {
    const at = new Date('2024-03-15T02:00:00.000Z');
    const ids = Array.from({ length: 50 }, () => newEventId(at));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(50);
  });
});

describe('a thread', () => {
  let n = 0;
  const ev = (value: EventValue, isPending = false): StoredReviewEvent => ({
    unitId: 'unit-0001',
    id: `e-${String(++n).padStart(12, '0')}`,
    value: ReviewEventValue.parse(value),
    isPending,
  });
  const by = (role: 'enumerator' | 'supervisor' | 'admin', name = role) => ({ name, role });
  const at = (d: number) => `2024-03-${String(d).padStart(2, '0')}T02:00:00.000Z`;
  const forms = { '611': { legalRep: '马志强', revenue: 1200 }, '611-1': { establishments: [{ estName: '一分店' }] } };

  it('settles a comment by an answer or by a change of its item, and only current comments gate', () => {
    const ret = ev({
      kind: 'return',
      at: at(2),
      by: by('supervisor'),
      note: null,
      comments: [
        { id: 'c-0001', path: '611.legalRep', text: 'a', value: '马志强' },
        { id: 'c-0002', path: '611.revenue', text: 'b', value: 900 },
        { id: 'c-0003', path: '611-1.establishments.0.estName', text: 'c', value: '一分店' },
      ],
    });
    const answer = ev({ kind: 'answer', at: at(3), by: by('enumerator'), eventId: ret.id, commentId: 'c-0003', text: '已核' });
    const events = [ev({ kind: 'submit', at: at(1), by: by('enumerator') }), ret, answer];
    const facts = deriveThread(events, { status: 'returned', forms });
    expect(facts.comments.map((c) => c.state)).toEqual(['open', 'changed', 'answered']);
    expect(facts).toMatchObject({ openCount: 1, canResubmit: false, lastDecision: { kind: 'return' }, lastSubmit: { at: at(1) } });
    const resubmitted = deriveThread([...events, ev({ kind: 'submit', at: at(4), by: by('enumerator') })], { status: 'submitted', forms });
    expect(resubmitted.comments.every((c) => !c.isCurrent)).toBe(true);
    expect(resubmitted.canResubmit).toBe(true);
  });

  it('stays reopened until an acceptance lists the reopen, whatever the clocks say', () => {
    const reopen = ev({ kind: 'reopen', at: at(1), by: by('enumerator'), from: 'accepted', paths: ['611.revenue'] });
    // The bureau accepted "later" by its clock but had not seen the edit: still flagged.
    const blind = ev({ kind: 'accept', at: at(5), by: by('admin'), note: null, isBulk: false, reopens: [] });
    expect(deriveThread([reopen, blind], { status: 'accepted', forms }).isReopened).toBe(true);
    const seen = ev({ kind: 'accept', at: at(6), by: by('admin'), note: null, isBulk: false, reopens: [reopen.id] });
    expect(deriveThread([reopen, blind, seen], { status: 'accepted', forms }).isReopened).toBe(false);
  });

  it('reads item values, list cells included', () => {
    expect(itemValue(forms, '611.revenue')).toBe(1200);
    expect(itemValue(forms, '611-1.establishments.0.estName')).toBe('一分店');
    expect(itemValue(forms, '611-1.establishments.3.estName')).toBeNull();
    expect(itemValue(forms, '611.missing')).toBeNull();
  });
});
