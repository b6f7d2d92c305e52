import { describe, expect, it } from 'vitest';
import { syncOutbox } from '@db/schema';
import { signIn } from './session';
import type { Db } from '@db/open';
import { addEnterprise, directoryStore, OTHER_VILLAGE } from '../directory/helpers';

const readOutbox = (db: Db) => db.select().from(syncOutbox).all();

// 企业包保 on one laptop: assigning singly and in bulk, reassignment keeping who followed the
// enterprise when (the directory's 包保责任人 following), the visit log and its author-only
// corrections, refusals that change nothing, coverage seen through the channels.

async function setup() {
  const s = directoryStore({ now: () => new Date('2024-06-15T08:00:00') });
  signIn(s.db, 'township', 'u-wang', '王敏', ['640502']);
  const a = await addEnterprise(s, '801');
  const b = await addEnterprise(s, '802');
  const c = await addEnterprise(s, '803', { divisionCode: OTHER_VILLAGE });
  return { s, a, b, c };
}

describe('企业包保 assignment', () => {
  it('assigns many enterprises at once, sets the directory’s 包保责任人, and a reassignment keeps the history', async () => {
    const { s, a, b } = await setup();
    expect(await s.ok('liaison:assign', { enterpriseIds: [a.id, b.id], official: ' 李娜 ', department: '经济发展办', since: '2024-01-02' })).toEqual({ assigned: 2, unchanged: 0 });
    expect((await s.ok('enterprises:get', { id: a.id })).fields.liaison).toBe('李娜');
    // The same again changes nothing.
    expect(await s.ok('liaison:assign', { enterpriseIds: [a.id], official: '李娜', department: '经济发展办', since: '2024-02-01' })).toEqual({ assigned: 0, unchanged: 1 });

    await s.ok('liaison:assign', { enterpriseIds: [a.id], official: '张伟', department: '统计站', since: '2024-05-01' });
    const view = await s.ok('liaison:get', { enterpriseId: a.id });
    expect(view).toMatchObject({ official: '张伟', department: '统计站' });
    expect(view.assignments.map((x) => [x.official, x.department, x.since, x.until, x.by])).toEqual([
      ['张伟', '统计站', '2024-05-01', null, '王敏'],
      ['李娜', '经济发展办', '2024-01-02', '2024-05-01', '王敏'],
    ]);
    expect((await s.ok('enterprises:get', { id: a.id })).fields.liaison).toBe('张伟');
    // The enterprise's history names the change of official.
    const history = await s.ok('enterprises:history', { id: a.id });
    expect(history.some((h) => h.changes.some((c) => c.path === 'liaison' && c.from === '李娜' && c.to === '张伟'))).toBe(true);
    // Each assignment is its own op, with the liaison name beside it.
    const fields = readOutbox(s.db).filter((o) => o.entityId === a.id).map((o) => o.field);
    expect(fields.filter((f) => f.startsWith('liaison.assign.')).length).toBe(2);
    expect(fields.filter((f) => f === 'liaison').length).toBe(2);
  });

  it('is the township staff’s and the bureau’s to do: refused to a laptop not signed in and to an enumerator, in words', async () => {
    const { s, a } = await setup();
    const input = { enterpriseIds: [a.id], official: '李娜', department: '', since: '2024-03-01' };
    for (const role of ['local', 'enumerator'] as const) {
      if (role === 'local') s.sqlite.prepare(`DELETE FROM sync_state WHERE key IN ('userRole', 'userId')`).run();
      else signIn(s.db, role, 'u-enum', '马晓梅', ['640502100']);
      const r = await s.call('liaison:assign', input);
      expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      if (!r.ok) expect(r.error.message).toContain('无权');
    }
    expect((await s.ok('liaison:get', { enterpriseId: a.id })).assignments).toEqual([]);
    // Logging a visit is anyone's who follows the enterprise.
    expect((await s.ok('liaison:addVisit', { enterpriseId: a.id, date: '2024-06-01', form: 'phone', discussed: '电话联系', nextStep: '', nextDue: null })).visits).toHaveLength(1);
  });

  it('refuses a start before the current one’s, a future start and an empty name, changing nothing', async () => {
    const { s, a, b } = await setup();
    await s.ok('liaison:assign', { enterpriseIds: [a.id], official: '李娜', department: '', since: '2024-03-01' });
    const before = readOutbox(s.db).length;
    const earlier = await s.call('liaison:assign', { enterpriseIds: [b.id, a.id], official: '张伟', department: '', since: '2024-02-01' });
    expect(earlier).toMatchObject({ ok: false, error: { code: 'RULE_VIOLATION' } });
    if (!earlier.ok) expect(earlier.error.message).toContain('不能更早');
    // All or nothing: b, listed first, was not assigned either.
    expect((await s.ok('liaison:get', { enterpriseId: b.id })).assignments).toEqual([]);
    expect(await s.call('liaison:assign', { enterpriseIds: [a.id], official: '张伟', department: '', since: '2024-06-16' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await s.call('liaison:assign', { enterpriseIds: [a.id], official: '   ', department: '', since: '2024-06-01' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(readOutbox(s.db).length).toBe(before);
  });
});

describe('企业包保 visit log', () => {
  it('appends visits, each its own field, and lets only the author correct one, keeping the earlier text', async () => {
    const { s, a } = await setup();
    const first = await s.ok('liaison:addVisit', { enterpriseId: a.id, date: '2024-06-10', form: 'visit', discussed: '了解一季度生产经营情况', nextStep: '督促报送台账', nextDue: '2024-06-30' });
    const second = await s.ok('liaison:addVisit', { enterpriseId: a.id, date: '2024-06-12', form: 'wechat', discussed: '提醒按时填报', nextStep: '', nextDue: null });
    expect(second.visits.map((v) => [v.date, v.form, v.by, v.isMine])).toEqual([
      ['2024-06-12', 'wechat', '王敏', true],
      ['2024-06-10', 'visit', '王敏', true],
    ]);
    const visitId = first.visits[0]?.id ?? '';
    const corrected = await s.ok('liaison:correctVisit', { enterpriseId: a.id, visitId, date: '2024-06-10', form: 'visit', discussed: '了解一季度及4月生产经营情况', nextStep: '督促报送台账', nextDue: '2024-06-30' });
    const v = corrected.visits.find((x) => x.id === visitId);
    expect(v?.discussed).toBe('了解一季度及4月生产经营情况');
    expect(v?.previous.map((p) => p.discussed)).toEqual(['了解一季度生产经营情况']);
    const visitOps = readOutbox(s.db).filter((o) => o.field.startsWith('visit.'));
    expect(new Set(visitOps.map((o) => o.field)).size).toBe(2);

    // Another person signed in at the same laptop may log visits but not correct this one.
    signIn(s.db, 'township', 'u-ma', '马丽', ['640502']);
    const other = await s.call('liaison:correctVisit', { enterpriseId: a.id, visitId, date: '2024-06-10', form: 'phone', discussed: '改写', nextStep: '', nextDue: null });
    expect(other).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    if (!other.ok) expect(other.error.message).toContain('只有记录人（王敏）');
    const after = await s.ok('liaison:get', { enterpriseId: a.id });
    expect(after.visits.find((x) => x.id === visitId)).toMatchObject({ discussed: '了解一季度及4月生产经营情况', isMine: false });
  });

  it('refuses a visit dated after today, a due date before the visit, a due date without a step, and an empty note', async () => {
    const { s, a } = await setup();
    const base = { enterpriseId: a.id, date: '2024-06-10', form: 'phone' as const, discussed: '电话沟通', nextStep: '', nextDue: null };
    for (const bad of [{ date: '2024-06-16' }, { nextStep: '回访', nextDue: '2024-06-09' }, { nextDue: '2024-06-20' }, { discussed: '  ' }]) {
      const r = await s.call('liaison:addVisit', { ...base, ...bad });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('INVALID_INPUT');
    }
    expect((await s.ok('liaison:get', { enterpriseId: a.id })).visits).toEqual([]);
  });

  it('shows coverage per official over the last 90 days, by township, and exports it', async () => {
    const { s, a, b, c } = await setup();
    await s.ok('liaison:assign', { enterpriseIds: [a.id, b.id, c.id], official: '李娜', department: '经济发展办', since: '2024-01-02' });
    await s.ok('liaison:addVisit', { enterpriseId: a.id, date: '2024-03-18', form: 'visit', discussed: '窗口第一天', nextStep: '', nextDue: null });
    await s.ok('liaison:addVisit', { enterpriseId: b.id, date: '2024-03-17', form: 'visit', discussed: '窗口前一天', nextStep: '', nextDue: null });
    const all = await s.ok('liaison:coverage', {});
    expect(all.asOf).toBe('2024-06-15');
    expect(all.officials).toMatchObject([{ official: '李娜', enterprises: 3, visitsInWindow: 1, visitedInWindow: 1, notVisitedInWindow: 2, neverVisited: 1 }]);
    const township = await s.ok('liaison:coverage', { township: '640502100' });
    expect(township.total.enterprises).toBe(2);
    // An enterprise that has closed is no longer followed: it owes no visit.
    await addEnterprise(s, '804', { liaison: '李娜', status: 'deregistered' });
    expect((await s.ok('liaison:coverage', {})).total.enterprises).toBe(3);
    const list = await s.ok('liaison:list', { township: '640502100' });
    expect(list.rows.map((r) => [r.name, r.official, r.department, r.visits, r.lastVisit])).toEqual([
      [a.fields.name, '李娜', '经济发展办', 1, '2024-03-18'],
      [b.fields.name, '李娜', '经济发展办', 1, '2024-03-17'],
    ]);
    const file = await s.ok('liaison:exportXlsx', {});
    const { openXlsx } = await import('../directory/helpers');
    const wb = await openXlsx(file.contentBase64);
    const sheet = wb.getWorksheet('包保责任人');
    expect(sheet?.getRow(3).values).toEqual([undefined, '李娜', '经济发展办', 3, 1, 1, 2, 1, '2024-03-18']);
    expect(wb.getWorksheet('近90天未走访')?.rowCount).toBe(3);
  });
});
