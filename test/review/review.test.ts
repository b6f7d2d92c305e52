import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listConflictViews, resolveConflict } from '@main/review/conflicts';
import { createEntityRegistry } from '@main/entities';
import { currentSession } from '@main/session/roles';
import { AppError } from '@shared/result';
import { dumpStore } from '../helpers/store';
import { reviewWorld, type ReviewWorld } from './helpers';

// Review in main on a real store: each decision one transaction (status op, event op,
// trace), refusals that change nothing, the resubmit gate, bulk approval of clean units, the
// reopen flag after an edit, the queue, and conflict resolution as an op.

let w: ReviewWorld;
beforeEach(() => {
  w = reviewWorld();
});
afterEach(() => w.store.sqlite.close());

/** Records named as the app names them: by their kind's sync adapter. */
const names = () => (ids: readonly string[], entity: string) => createEntityRegistry(w.store.db, w.store.sqlite).names(ids, entity);

function expectAppError(fn: () => unknown, code: string): AppError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe(code);
    return e as AppError;
  }
  throw new Error(`expected AppError ${code}`);
}

const outboxOps = (w: ReviewWorld) =>
  (w.store.sqlite.prepare('SELECT field, op FROM sync_outbox ORDER BY seq').all() as { field: string; op: string }[]).map((r) => ({
    field: r.field,
    ...(JSON.parse(r.op) as { value: unknown; baseVersion: number }),
  }));

const trace = (w: ReviewWorld, id: string) => w.registration.history(id);

describe('the session', () => {
  it('is a least-privileged local role before any login, and the server role after', () => {
    expect(currentSession(w.store.db)).toMatchObject({ role: 'local', isLocal: true, userId: null, userName: '本机用户', permissions: ['units.edit', 'review.answer', 'progress.view'] });
    w.signIn('supervisor', '李指导');
    expect(currentSession(w.store.db)).toMatchObject({ role: 'supervisor', isLocal: false, userId: 'u-supervisor', userName: '李指导' });
  });
});

describe('a decision', () => {
  it('is one transaction: the status, a review event op with its comments, and a trace row', () => {
    const unit = w.register(0);
    w.signIn('supervisor', '李指导');
    w.clock.now = new Date('2024-03-16T01:00:00.000Z');
    const before = outboxOps(w).length;
    const thread = w.review.decide({
      unitId: unit.id,
      version: unit.version,
      decision: 'return',
      comments: [
        { path: '611.legalRep', text: '与执照不一致' },
        { path: '611-3.revenue', text: '营业收入请核实' },
      ],
      note: '请修改后再提交',
    });
    expect(thread).toMatchObject({ status: 'returned', version: unit.version + 1, openCount: 2, canResubmit: false });
    expect(thread.comments.map((c) => [c.path, c.valueAtReturn, c.state, c.isCurrent])).toEqual([
      ['611.legalRep', unit.forms['611']?.legalRep, 'open', true],
      ['611-3.revenue', unit.forms['611-3']?.revenue, 'open', true],
    ]);
    const ops = outboxOps(w).slice(before);
    expect(ops.map((o) => (o.field.startsWith('review.e-') ? 'review' : o.field))).toEqual(['status', 'review']);
    expect(ops[1]?.value).toMatchObject({ kind: 'return', at: '2024-03-16T01:00:00.000Z', by: { name: '李指导', role: 'supervisor' }, note: '请修改后再提交' });
    expect(trace(w, unit.id).at(-1)).toMatchObject({
      action: 'return',
      userName: '李指导',
      changes: [{ path: 'status', from: 'submitted', to: 'returned' }],
    });
    expect(trace(w, unit.id).at(-1)?.reason).toContain('611-3.revenue: 营业收入请核实');
    expect(thread.events.map((e) => [e.kind, e.byName, e.isPending])).toEqual([
      ['submit', '本机用户', true],
      ['return', '李指导', true],
    ]);
  });

  it('outside the role, from the wrong status or on a stale version changes nothing', () => {
    const unit = w.register(0);
    const draft = w.register(1, { submit: false });
    // The review index is a cache a read brings up to date; take the snapshot with it current.
    w.review.thread(unit.id);
    const snapshot = dumpStore(w.store.sqlite);
    expectAppError(() => w.review.decide({ unitId: unit.id, version: unit.version, decision: 'approve', comments: [] }), 'FORBIDDEN');
    w.signIn('enumerator', '王小明');
    expectAppError(() => w.review.decide({ unitId: unit.id, version: unit.version, decision: 'approve', comments: [] }), 'FORBIDDEN');
    w.signIn('township', '乡镇统计员');
    expectAppError(() => w.review.decide({ unitId: unit.id, version: unit.version, decision: 'return', comments: [], note: 'x' }), 'FORBIDDEN');
    w.signIn('supervisor', '李指导');
    expectAppError(() => w.review.decide({ unitId: unit.id, version: unit.version, decision: 'accept', comments: [] }), 'FORBIDDEN');
    expectAppError(() => w.review.decide({ unitId: draft.id, version: draft.version, decision: 'approve', comments: [] }), 'RULE_VIOLATION');
    expectAppError(() => w.review.decide({ unitId: unit.id, version: unit.version - 1, decision: 'approve', comments: [] }), 'CONFLICT');
    w.signIn('admin', '区统计局');
    expectAppError(() => w.review.decide({ unitId: unit.id, version: unit.version, decision: 'accept', comments: [] }), 'RULE_VIOLATION');
    // Only the session rows changed (signing in); no unit, op or trace.
    const after = dumpStore(w.store.sqlite);
    for (const table of ['units', 'unit_changes', 'sync_outbox', 'review_events']) expect(after[table]).toEqual(snapshot[table]);
  });
});

describe('a returned unit', () => {
  function returned() {
    const unit = w.register(0);
    w.signIn('supervisor', '李指导');
    const thread = w.review.decide({
      unitId: unit.id,
      version: unit.version,
      decision: 'return',
      comments: [
        { path: '611.legalRep', text: '与执照不一致' },
        { path: '611.phoneMobile', text: '电话打不通' },
      ],
    });
    w.signIn('enumerator', '王小明');
    return { unit, thread };
  }

  it('is resubmitted only when each comment is answered or its item changed', () => {
    const { unit, thread } = returned();
    const refused = expectAppError(() => w.registration.submit({ id: unit.id, version: thread.version }), 'RULE_VIOLATION');
    expect(refused.issues?.map((i) => i.path)).toEqual(['611.legalRep', '611.phoneMobile']);
    const forms = structuredClone(unit.forms);
    forms['611'] = { ...forms['611'], legalRep: '马志刚' };
    const saved = w.registration.save({ id: unit.id, version: thread.version, forms, explanations: {} });
    expect(saved.status).toBe('returned');
    expect(w.review.thread(unit.id).comments.map((c) => c.state)).toEqual(['changed', 'open']);
    const phone = thread.comments[1];
    if (!phone) throw new Error('no comment');
    const answered = w.review.answer({ unitId: unit.id, commentId: phone.id, text: '已核实，号码无误' });
    expect(answered).toMatchObject({ openCount: 0, canResubmit: true, version: saved.version });
    expect(trace(w, unit.id).at(-1)).toMatchObject({ action: 'answer', userName: '王小明' });
    expect(w.registration.submit({ id: unit.id, version: saved.version }).status).toBe('submitted');
    const after = w.review.thread(unit.id);
    expect(after.comments.every((c) => !c.isCurrent)).toBe(true);
    expect(after.events.map((e) => e.kind)).toEqual(['submit', 'return', 'answer', 'submit']);
  });

  it('takes answers only to its current comments', () => {
    const { unit, thread } = returned();
    expectAppError(() => w.review.answer({ unitId: unit.id, commentId: 'c-unknown1', text: '?' }), 'NOT_FOUND');
    const first = thread.comments[0];
    if (!first) throw new Error('no comment');
    w.review.answer({ unitId: unit.id, commentId: first.id, text: '已核对' });
    const second = thread.comments[1];
    if (!second) throw new Error('no comment');
    w.review.answer({ unitId: unit.id, commentId: second.id, text: '已核对' });
    w.registration.submit({ id: unit.id, version: thread.version });
    expectAppError(() => w.review.answer({ unitId: unit.id, commentId: first.id, text: '再答' }), 'RULE_VIOLATION');
  });
});

describe('bulk approval', () => {
  it('approves clean units, each with its own event, and skips the rest with a reason', () => {
    const clean1 = w.register(0);
    const clean2 = w.register(1);
    const stale = w.register(2);
    const findings = w.register(3, {
      submit: false,
      forms: (f) => ({ ...f, '611': { ...f['611'], activity1: 'x' } }),
    });
    w.signIn('supervisor', '李指导');
    const result = w.review.bulk({
      decision: 'approve',
      units: [
        { unitId: clean1.id, version: clean1.version },
        { unitId: clean2.id, version: clean2.version },
        { unitId: stale.id, version: stale.version - 1 },
        { unitId: findings.id, version: findings.version },
        { unitId: 'unit-none0', version: 1 },
      ],
    });
    expect(result.done).toEqual([clean1.id, clean2.id]);
    expect(result.skipped.map((s) => [s.unitId, s.reason])).toEqual([
      [stale.id, 'CONFLICT'],
      [findings.id, 'NOT_CLEAN'],
      ['unit-none0', 'NOT_FOUND'],
    ]);
    for (const id of result.done) {
      const events = w.review.thread(id).events;
      expect(events.map((e) => [e.kind, e.isBulk])).toEqual([
        ['submit', false],
        ['approve', true],
      ]);
    }
    expect(() => w.review.bulk({ decision: 'accept', units: [{ unitId: clean1.id, version: 1 }] })).toThrowError(/may not accept/);
  });
});

describe('an edit after approval', () => {
  it('reopens the review and flags the unit for the bureau until it is accepted again', () => {
    const unit = w.register(0);
    w.signIn('supervisor', '李指导');
    const approved = w.review.decide({ unitId: unit.id, version: unit.version, decision: 'approve', comments: [] });
    w.signIn('enumerator', '王小明');
    const forms = structuredClone(unit.forms);
    forms['611'] = { ...forms['611'], phoneMobile: '13900000000' };
    const edited = w.registration.save({ id: unit.id, version: approved.version, forms, explanations: {}, reason: '电话变更' });
    expect(edited.status).toBe('completed');
    const thread = w.review.thread(unit.id);
    expect(thread.isReopened).toBe(true);
    expect(thread.events.at(-1)).toMatchObject({ kind: 'reopen', paths: ['611.phoneMobile'], byName: '王小明' });

    w.signIn('admin', '区统计局');
    const flagged = w.review.queue({ stage: 'reopened', limit: 200, offset: 0 });
    expect(flagged.rows.map((r) => [r.id, r.status, r.isReopened])).toEqual([[unit.id, 'completed', true]]);
    expect(flagged.stageCounts.reopened).toBe(1);

    w.signIn('enumerator', '王小明');
    const resubmitted = w.registration.submit({ id: unit.id, version: edited.version });
    w.signIn('supervisor', '李指导');
    const again = w.review.decide({ unitId: unit.id, version: resubmitted.version, decision: 'approve', comments: [] });
    w.signIn('admin', '区统计局');
    const queue = w.review.queue({ limit: 200, offset: 0 });
    expect(queue.stage).toBe('approved');
    expect(queue.rows.map((r) => [r.id, r.isReopened])).toEqual([[unit.id, true]]);
    w.clock.now = new Date('2024-03-17T02:00:00.000Z');
    w.review.decide({ unitId: unit.id, version: again.version, decision: 'accept', comments: [] });
    expect(w.review.thread(unit.id).isReopened).toBe(false);
    expect(w.review.queue({ stage: 'reopened', limit: 200, offset: 0 }).total).toBe(0);
  });
});

describe('the queue', () => {
  it('opens on the role’s stage and filters by area, enumerator, text and cleanliness', () => {
    const units = [0, 1, 2, 3].map((n) => w.register(n));
    const [a, b] = units;
    if (!a || !b) throw new Error('units');
    w.setTeam([
      { id: 'u-1', username: 'enum01', name: '王小明', role: 'enumerator', areas: [a.areaCode] },
      { id: 'u-2', username: 'enum02', name: '马丽', role: 'enumerator', areas: [b.areaCode] },
    ]);
    expectAppError(() => w.review.queue({ limit: 200, offset: 0 }), 'FORBIDDEN');
    w.signIn('supervisor', '李指导');
    const all = w.review.queue({ limit: 200, offset: 0 });
    expect(all.stage).toBe('submitted');
    expect(all.total).toBe(4);
    expect(all.stageCounts).toMatchObject({ submitted: 4, returned: 0, approved: 0, accepted: 0, reopened: 0 });
    expect(all.rows.every((r) => r.isClean && r.submittedAt === '2024-03-15T02:00:00.000Z')).toBe(true);
    expect(all.rows.find((r) => r.id === a.id)?.enumerator).toEqual({ id: 'u-1', name: '王小明' });
    expect(all.enumerators.map((e) => e.name).sort()).toEqual(['王小明', '马丽'].sort());
    expect(w.review.queue({ enumeratorId: 'u-2', limit: 200, offset: 0 }).rows.map((r) => r.id)).toEqual([b.id]);
    expect(w.review.queue({ enumeratorId: 'u-unknown', limit: 200, offset: 0 }).total).toBe(0);
    expect(w.review.queue({ areaPrefix: a.areaCode, limit: 200, offset: 0 }).rows.every((r) => r.areaCode === a.areaCode)).toBe(true);
    const name = w.registration.get(a.id).name;
    expect(w.review.queue({ query: name, limit: 200, offset: 0 }).rows.map((r) => r.id)).toEqual([a.id]);
    expect(w.review.queue({ stage: 'approved', limit: 200, offset: 0 }).total).toBe(0);
    w.signIn('admin', '区统计局');
    expect(w.review.queue({ limit: 200, offset: 0 }).stage).toBe('approved');
  });
});

describe('conflict resolution', () => {
  /** A unit with a conflict on one item (611.legalRep unless told) as the sync engine stores it after a pull. */
  function conflicted(field = '611.legalRep', [kept, other]: [string, string] = ['马志刚', '马志强']) {
    const unit = w.register(0, { submit: false });
    w.store.sqlite
      .prepare('INSERT INTO sync_base (entity, entity_id, area_code, fields) VALUES (?, ?, ?, ?)')
      .run('unit', unit.id, unit.areaCode, JSON.stringify({ [field]: [17, other] }));
    const side = (gseq: number, value: string, userName: string) => ({ gseq, value, deviceId: `dev-${gseq}`, userId: `u-${gseq}`, userName, hlc: `1710468000000-000001-dev-${gseq}xxxx`, at: '2024-03-15T02:00:00.000Z', baseVersion: 3 });
    const record = {
      id: 'cf-17',
      entity: 'unit',
      entityId: unit.id,
      field,
      scopeKey: unit.areaCode,
      status: 'open',
      winner: 'incoming',
      current: side(12, kept, '王小明'),
      incoming: side(17, other, '马丽'),
      createdAt: '2024-03-15T03:00:00.000Z',
      resolution: null,
    };
    w.store.sqlite
      .prepare('INSERT INTO sync_conflicts (conflict_id, entity_id, field, record, is_own) VALUES (?, ?, ?, ?, 0)')
      .run('cf-17', unit.id, field, JSON.stringify(record));
    return unit;
  }

  it('lists both sides and resolves by an op made against the version seen', () => {
    const unit = conflicted();
    const [view] = listConflictViews(w.store.db, names());
    expect(view?.entityName).not.toBe('');
    expect(view).toMatchObject({
      conflictId: 'cf-17',
      entity: 'unit',
      entityId: unit.id,
      entityName: w.store.sqlite.prepare('SELECT name FROM units WHERE id = ?').pluck().get(unit.id),
      field: '611.legalRep',
      current: { value: '马志刚', userName: '王小明' },
      incoming: { value: '马志强', userName: '马丽' },
      winner: 'incoming',
      pendingResolution: null,
    });
    expectAppError(() => resolveConflict(w.store.db, { conflictId: 'cf-17', choice: 'current' }, w.clock.now, names()), 'FORBIDDEN');
    w.signIn('enumerator', '王小明');
    expectAppError(() => resolveConflict(w.store.db, { conflictId: 'cf-17', choice: 'current' }, w.clock.now, names()), 'FORBIDDEN');
    w.signIn('supervisor', '李指导');
    expectAppError(() => resolveConflict(w.store.db, { conflictId: 'cf-17', choice: 'other', value: { not: 'text' } }, w.clock.now, names()), 'INVALID_INPUT');
    const views = resolveConflict(w.store.db, { conflictId: 'cf-17', choice: 'other', value: '马志刚（已核执照）' }, w.clock.now, names());
    expect(views[0]?.pendingResolution).toEqual({ value: '马志刚（已核执照）', at: w.clock.now.toISOString() });
    const op = outboxOps(w).at(-1);
    expect(op).toMatchObject({ field: '$resolve', value: { conflictId: 'cf-17', value: '马志刚（已核执照）' }, baseVersion: 17 });
    expect(trace(w, unit.id).at(-1)).toMatchObject({ action: 'resolve', changes: [{ path: '611.legalRep', from: '马志强', to: '马志刚（已核执照）' }] });
    expectAppError(() => resolveConflict(w.store.db, { conflictId: 'cf-17', choice: 'incoming' }, w.clock.now, names()), 'RULE_VIOLATION');
  });

  // A typed value goes through the item's own checks, as an edit of that item does: full width
  // is read as half width, and a value the form would flag as wrong in itself is refused with the
  // form's own message rather than pushed into the enumerator's form.
  it('normalises a typed value and refuses one the item’s own checks refuse', () => {
    conflicted('611.uscc', ['91350100M000100Y43', '91350200776049653A']);
    w.signIn('supervisor', '李指导');
    const refused = (() => {
      try {
        resolveConflict(w.store.db, { conflictId: 'cf-17', choice: 'other', value: '9135' }, w.clock.now, names());
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe('INVALID_INPUT');
    expect((refused as AppError).message).toContain('统一社会信用代码');
    expect((refused as AppError).issues?.[0]?.message).toMatch(/统一社会信用代码.*18/);
    expect(outboxOps(w).filter((o) => o.field === '$resolve')).toHaveLength(0);
    const views = resolveConflict(w.store.db, { conflictId: 'cf-17', choice: 'other', value: '９１３５０２００ ７７６０４９６５３ａ' }, w.clock.now, names());
    expect(views[0]?.pendingResolution?.value).toBe('91350200776049653A');
  });

  it('refuses a code its list does not hold, and reads a full-width code as its half-width twin', () => {
    conflicted('611.operatingStatus', ['1', '2']);
    w.signIn('supervisor', '李指导');
    expectAppError(() => resolveConflict(w.store.db, { conflictId: 'cf-17', choice: 'other', value: '8' }, w.clock.now, names()), 'INVALID_INPUT');
    expect(resolveConflict(w.store.db, { conflictId: 'cf-17', choice: 'other', value: '１' }, w.clock.now, names())[0]?.pendingResolution?.value).toBe('1');
  });
});
