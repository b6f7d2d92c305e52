import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '@main/core';
import { dispatch } from '@main/ipc/dispatch';
import type { Channel, Input, Output } from '@shared/ipc/contract';
import type { Result } from '@shared/result';
import { checkField } from '@shared/sync/fields';
import { trainingYearCounts, type TrainingDraft } from '@shared/training/training';
import { directoryStore } from '../directory/helpers';
import { World } from '../sync/world';
import { signIn } from '../liaison/session';

// Training sessions: the year's counts the year-end summary quotes, recording and editing on one
// laptop, and the 'training' entity between laptops (scope, field-wise merge, conflicts).

const draft = (over: Partial<TrainingDraft> = {}): TrainingDraft => ({
  areaCode: '640502100',
  date: '2024-03-12',
  topic: '五经普清查登记业务培训',
  audience: 'enumerator',
  trainer: '刘强',
  attendeeCount: 36,
  attendees: [],
  hours: 3.5,
  notes: '',
  ...over,
});

describe('the year’s training counts', () => {
  it('counts sessions and people by audience within the year, leaving cancelled sessions out', () => {
    const s = (date: string, audience: TrainingDraft['audience'], attendeeCount: number, hours = 2, cancelled: { reason: string; by: string; at: string } | null = null) => ({ date, audience, attendeeCount, hours, cancelled });
    const counts = trainingYearCounts(
      [
        s('2024-01-01', 'enumerator', 40, 3.5),
        s('2024-12-31', 'enterprise_staff', 25, 1.5),
        s('2024-06-01', 'supervisor', 8, 2),
        s('2024-06-02', 'enterprise_staff', 30, 2),
        s('2023-12-31', 'enumerator', 99), // last year
        s('2025-01-01', 'enumerator', 99), // next year
        s('2024-07-01', 'census_staff', 50, 2, { reason: '录入错误', by: '刘强', at: '2024-07-01T08:00:00Z' }),
      ],
      2024,
    );
    expect(counts).toEqual({
      year: 2024,
      sessions: 4,
      people: 103,
      hours: 9,
      byAudience: {
        enumerator: { sessions: 1, people: 40 },
        supervisor: { sessions: 1, people: 8 },
        census_staff: { sessions: 0, people: 0 },
        enterprise_staff: { sessions: 2, people: 55 },
      },
    });
    expect(trainingYearCounts([], 2024)).toMatchObject({ sessions: 0, people: 0, hours: 0 });
  });
});

describe('training sessions on a laptop', () => {
  it('records, edits field by field, cancels with a reason, and refuses bad input changing nothing', async () => {
    const s = directoryStore({ now: () => new Date('2024-06-15T08:00:00') });
    // Before any login (the 'local' role), and as an enumerator, training is not recorded.
    expect(await s.call('training:save', { draft: draft() })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    signIn(s.db, 'enumerator', 'u-enum', '马晓梅', ['640502100']);
    expect(await s.call('training:save', { draft: draft() })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    signIn(s.db, 'admin', 'u-wang', '王敏');
    const created = await s.ok('training:save', { draft: draft({ attendees: [{ name: '马晓梅', enterprise: '' }] }) });
    expect(created).toMatchObject({ topic: '五经普清查登记业务培训', createdBy: '王敏', cancelled: null, attendees: [{ name: '马晓梅', enterprise: '' }] });
    const edited = await s.ok('training:save', { id: created.id, draft: draft({ attendeeCount: 38, hours: 4 }) });
    expect(edited).toMatchObject({ attendeeCount: 38, hours: 4, attendees: [] });
    for (const bad of [{ topic: ' ' }, { attendeeCount: 0 }, { hours: 0.25 }, { hours: 1.25 }, { attendees: [{ name: '甲', enterprise: '' }, { name: '乙', enterprise: '' }], attendeeCount: 1 }]) {
      expect((await s.call('training:save', { id: created.id, draft: draft(bad) })).ok).toBe(false);
    }
    expect(await s.call('training:save', { id: created.id, draft: draft({ areaCode: '640502' }) })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const list = await s.ok('training:list', { year: 2024 });
    expect(list.sessions.map((x) => [x.attendeeCount, x.hours])).toEqual([[38, 4]]);
    expect(list.counts).toMatchObject({ sessions: 1, people: 38 });
    const cancelled = await s.ok('training:cancel', { id: created.id, reason: '重复录入' });
    expect(cancelled.cancelled).toMatchObject({ reason: '重复录入', by: '王敏' });
    expect((await s.ok('training:list', { year: 2024 })).counts.sessions).toBe(0);
    expect(await s.call('training:save', { id: created.id, draft: draft() })).toMatchObject({ ok: false, error: { code: 'RULE_VIOLATION' } });
  });
});

let world: World | null = null;
afterEach(async () => {
  await world?.close();
  world = null;
});

async function call<C extends Channel>(core: Core, channel: C, input?: Input<C>): Promise<Output<C>> {
  const r = (await dispatch(core.handlers, channel, input, { shell: 'web' })) as Result<Output<C>>;
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
  return r.value;
}

describe('training sessions sync', () => {
  it('reach their township and the bureau, merge edits of different fields, conflict on the same one, and keep out of other townships', async () => {
    const w = new World();
    world = w;
    await w.start();
    await w.user('town01', 'township', ['640502100'], '李娜');
    await w.user('town02', 'township', ['640502100'], '张伟');
    await w.user('town03', 'township', ['640502001'], '马丽');
    await w.user('bureau', 'admin', ['640502'], '刘强');
    const a = await w.client('甲', 'town01');
    const b = await w.client('乙', 'town02');
    const other = await w.client('丙', 'town03');
    const bureau = await w.client('局', 'bureau');

    const session = await call(a.core, 'training:save', { draft: draft() });
    const county = await call(bureau.core, 'training:save', { draft: draft({ areaCode: '640502', topic: '企业统计人员统计法培训', audience: 'enterprise_staff', attendeeCount: 120 }) });
    // A township account cannot record a county-wide session (the server would refuse it):
    // refused once the laptop knows its scope (from its first sync).
    await a.sync();
    await expect(call(a.core, 'training:save', { draft: draft({ areaCode: '640502' }) })).rejects.toThrow(/INVALID_INPUT/);
    for (const c of [a, bureau, b, other, a]) await c.sync();

    expect((await call(b.core, 'training:list', { year: 2024 })).sessions.map((x) => x.id)).toEqual([session.id]);
    expect((await call(bureau.core, 'training:list', { year: 2024 })).sessions.map((x) => x.id).sort()).toEqual([session.id, county.id].sort());
    expect((await call(bureau.core, 'training:list', { year: 2024 })).counts).toMatchObject({ sessions: 2, people: 156 });
    expect((await call(other.core, 'training:list', { year: 2024 })).sessions).toEqual([]);

    // Different fields on two laptops: both kept. The same field: a conflict.
    await call(a.core, 'training:save', { id: session.id, draft: draft({ hours: 4 }) });
    await call(b.core, 'training:save', { id: session.id, draft: draft({ notes: '考试合格率100%' }) });
    for (const c of [a, b, a]) await c.sync();
    for (const core of [a.core, b.core]) {
      expect((await call(core, 'training:list', { year: 2024 })).sessions[0]).toMatchObject({ hours: 4, notes: '考试合格率100%' });
    }
    await call(a.core, 'training:save', { id: session.id, draft: draft({ hours: 4, notes: '考试合格率100%', attendeeCount: 40 }) });
    await call(b.core, 'training:save', { id: session.id, draft: draft({ hours: 4, notes: '考试合格率100%', attendeeCount: 41 }) });
    for (const c of [a, b, a]) await c.sync();
    const conflicts = [...(await call(a.core, 'conflicts:list')), ...(await call(b.core, 'conflicts:list'))];
    expect(conflicts.some((c) => c.entityId === session.id && c.field === 'attendeeCount')).toBe(true);
  });

  it('checks training fields strictly on both sides', () => {
    expect(checkField('training', 'hours', 2.5)).toEqual({ ok: true });
    expect(checkField('training', 'hours', 2.55)).toMatchObject({ ok: false, code: 'INVALID_VALUE' });
    expect(checkField('training', 'audience', 'leaders')).toMatchObject({ ok: false, code: 'INVALID_VALUE' });
    expect(checkField('training', 'createdBy', '某人')).toMatchObject({ ok: false, code: 'INVALID_FIELD' });
    expect(checkField('training', '$create', { areaCode: '6405', createdBy: 'x', createdAt: 'y', fields: {} })).toMatchObject({ ok: false, code: 'INVALID_VALUE' });
  });
});
