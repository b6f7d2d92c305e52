import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertChange, insertUnit } from '@main/registration/unit-writes';
import { progressReport } from '@main/progress/service';
import { insertReviewChange } from '@main/review/queries';
import { progressWorkbook } from '@main/progress/reports';
import type { TeamMember } from '@shared/review/review';
import { ProgressQuery, type ProgressCounts, type ProgressReport } from '@shared/progress/progress';
import { unitStatuses } from '@shared/registration/units';
import { reviewWorld, type ReviewWorld } from '../review/helpers';

// Every unit counts once, for the enumerator it belongs to: two enumerators assigned the same
// 普查区 used to be credited with every unit of it (合计 582 for 293 units), and the reviewer's
// enumerator filter showed one person's units under another. A unit belongs to the holder of the
// most specific assignment covering its 普查小区; a tie or no assignment goes to whoever of them
// last worked it; what nobody owns has a line of its own, so the rows add up to the total.

const SHARED = '640502100002'; // a 普查区 assigned to two enumerators
const SHARED_SUB = `${SHARED}001`;
const MALI_SUB = `${SHARED}003`; // within it, a 小区 assigned to 马丽 alone
const ZHAO = '640502100006';
const ZHAO_SUB = `${ZHAO}001`;
const NOBODY_SUB = '640502100007001'; // no one is assigned here

let w: ReviewWorld;
const at = (minute: number) => new Date(Date.UTC(2024, 2, 10, 2, minute)).toISOString();

const team: TeamMember[] = [
  { id: 'u-1', username: 'enum01', name: '王小明', role: 'enumerator', areas: [SHARED] },
  { id: 'u-2', username: 'enum02', name: '马丽', role: 'enumerator', areas: [SHARED, MALI_SUB] },
  { id: 'u-4', username: 'enum04', name: '赵六', role: 'enumerator', areas: [ZHAO] },
  { id: 'u-3', username: 'super01', name: '李指导', role: 'supervisor', areas: ['640502100'] },
];

function unit(id: string, areaCode: string, status = 'not_started'): void {
  insertUnit(w.store.db, { id, areaCode, kind: 'legal', status, name: `单位${id}`, source: 'frame', createdAt: at(0), updatedAt: at(0) });
}

/** A trace row, as this laptop writes it (a name) or as a pull writes it (the account id). */
function worked(unitId: string, who: string, minute: number): void {
  insertChange(w.store.db, { unitId, at: at(minute), userName: who, deviceName: '平板', action: 'save', changes: [], reason: null });
}

function seed(): void {
  unit('a1', SHARED_SUB, 'draft');
  worked('a1', '王小明', 1);
  unit('a2', SHARED_SUB, 'submitted');
  worked('a2', '王小明', 1);
  worked('a2', '马丽', 5); // the last to work it
  unit('a3', SHARED_SUB); // shared, nobody has been there yet
  unit('a4', SHARED_SUB, 'submitted');
  worked('a4', 'u-1', 2); // synced from 王小明's laptop: the trace names his account id
  worked('a4', '李指导', 9); // a supervisor's touch does not make it hers
  unit('m1', MALI_SUB, 'submitted');
  worked('m1', '王小明', 3); // 马丽's 小区: hers whoever typed
  unit('m2', MALI_SUB);
  unit('z1', ZHAO_SUB, 'submitted');
  unit('z2', ZHAO_SUB);
  unit('n1', NOBODY_SUB, 'draft');
  worked('n1', 'enum04', 4); // by username
  unit('n2', NOBODY_SUB);
}

beforeEach(() => {
  w = reviewWorld();
  w.signIn('supervisor', '李指导');
  w.setTeam(team);
});
afterEach(() => w.store.sqlite.close());

const keys = (c: ProgressCounts) => Object.keys(c) as (keyof ProgressCounts)[];

function expectRowsAddUp(r: ProgressReport): void {
  for (const k of keys(r.totals)) {
    const sum = r.enumerators.reduce((s, e) => s + e.counts[k], 0) + r.unattributed[k];
    expect(sum, k).toBe(r.totals[k]);
  }
}

describe('progress by enumerator with shared areas', () => {
  it('credits each unit to one person and adds up to the total', () => {
    seed();
    const r = progressReport(w.store.db, ProgressQuery.parse({}), new Date(at(30)));
    expect(r.totals.total).toBe(10);
    const byName = Object.fromEntries(r.enumerators.map((e) => [e.name, e.counts]));
    expect(byName['王小明']).toMatchObject({ total: 2, draft: 1, submitted: 1 }); // a1, a4
    expect(byName['马丽']).toMatchObject({ total: 3, submitted: 2, notStarted: 1 }); // a2, m1, m2
    expect(byName['赵六']).toMatchObject({ total: 3, submitted: 1, draft: 1, notStarted: 1 }); // z1, z2, n1
    expect(r.unattributed).toMatchObject({ total: 2, notStarted: 2 }); // a3 (shared, untouched), n2 (nobody's area, untouched)
    expectRowsAddUp(r);
  });

  it('writes the same split to the XLSX 普查员 sheet, with a 合计 row equal to the summary', async () => {
    seed();
    const r = progressReport(w.store.db, ProgressQuery.parse({}), new Date(at(30)));
    const sheet = progressWorkbook(r).getWorksheet('普查员');
    const rows: unknown[][] = [];
    sheet?.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    const totalCol = 2 + 2; // 普查员, 负责区域, 底册单位, 新增单位, 合计
    expect(rows.map((row) => [row[0], row[totalCol]])).toEqual([
      ['普查员', '合计'],
      ['马丽', 3],
      ['王小明', 2],
      ['赵六', 3],
      ['未落实到人', 2],
      ['合计', 10],
    ]);
  });
});

describe('the review queue’s enumerator filter with shared areas', () => {
  it('lists each submitted unit under its owner only', () => {
    seed();
    const q = (enumeratorId?: string) =>
      w.review.queue({ stage: 'submitted', limit: 200, offset: 0, ...(enumeratorId ? { enumeratorId } : {}) });
    const all = q();
    expect(all.total).toBe(4); // a2, a4, m1, z1
    expect(q('u-1').rows.map((r) => r.id)).toEqual(['a4']);
    expect(q('u-2').rows.map((r) => r.id).sort()).toEqual(['a2', 'm1']);
    expect(q('u-4').rows.map((r) => r.id)).toEqual(['z1']);
    expect(Object.fromEntries(all.enumerators.map((e) => [e.name, e.count]))).toEqual({ 王小明: 1, 马丽: 2, 赵六: 1 });
    expect(Object.fromEntries(all.rows.map((r) => [r.id, r.enumerator?.name]))).toEqual({ a2: '马丽', a4: '王小明', m1: '马丽', z1: '赵六' });
  });
});

// Random teams over a few nested prefixes, random units and random traces: whatever the
// assignments, the per-enumerator rows plus the unattributed line equal the totals, and the
// queue's per-enumerator filters are disjoint and cover every unit some enumerator owns.
describe('ownership, for any team and any history', () => {
  const areas = ['640502100002001', '640502100002002', '640502100006001', '640502101001001'];
  const prefixes = ['6405021', '640502100', '640502100002', '640502100006', ...areas];
  const people = ['u-1', 'u-2', 'u-3'];
  const names: Record<string, string> = { 'u-1': '王小明', 'u-2': '马丽', 'u-3': '赵六' };

  it('every unit counts once', () => {
    fc.assert(
      fc.property(
        fc.tuple(...people.map(() => fc.uniqueArray(fc.constantFrom(...prefixes), { maxLength: 3 }))),
        fc.array(
          fc.record({
            area: fc.constantFrom(...areas),
            status: fc.constantFrom(...unitStatuses),
            traces: fc.array(fc.record({ who: fc.constantFrom('u-1', 'u-2', 'u-3', '王小明', '马丽', 'enum03', '李指导'), minute: fc.nat(59) }), { maxLength: 3 }),
          }),
          { maxLength: 25 },
        ),
        (assignments, units) => {
          w.store.sqlite.exec('DELETE FROM unit_changes; DELETE FROM units;');
          w.setTeam(
            people.map((id, i) => ({ id, username: `enum0${i + 1}`, name: names[id] ?? id, role: 'enumerator' as const, areas: assignments[i] ?? [] })),
          );
          units.forEach((u, i) => {
            unit(`p${i}`, u.area, u.status);
            for (const t of u.traces) worked(`p${i}`, t.who, t.minute);
          });
          const r = progressReport(w.store.db, ProgressQuery.parse({}), new Date(at(59)));
          expect(r.totals.total).toBe(units.length);
          expectRowsAddUp(r);
          const submitted = units.filter((u) => u.status === 'submitted').length;
          const listed = people.flatMap((id) => w.review.queue({ stage: 'submitted', enumeratorId: id, limit: 200, offset: 0 }).rows.map((row) => row.id));
          expect(new Set(listed).size).toBe(listed.length);
          const queue = w.review.queue({ stage: 'submitted', limit: 200, offset: 0 });
          expect(queue.total).toBe(submitted);
          expect(queue.enumerators.reduce((s, e) => s + e.count, 0)).toBe(listed.length);
          expect(listed.length).toBe(queue.rows.filter((row) => row.enumerator?.id).length);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('a unit whose last change is a supervisor’s conflict resolution', () => {
  // The walkthrough: in a shared 普查区 the supervisor resolved a conflict on 王小明's unit; the
  // unit must stay his (the last enumerator to change it), not go to 未落实到人.
  it('stays with the last enumerator who changed it', () => {
    unit('r1', SHARED_SUB, 'draft');
    worked('r1', 'u-2', 1); // 马丽 first
    worked('r1', 'u-1', 3); // then 王小明, synced
    // The resolution as this laptop writes it (the supervisor's name), then as a pull does (her account id).
    insertReviewChange(w.store.db, { unitId: 'r1', at: at(9), userName: '李指导', deviceName: '指导员笔记本', action: 'resolve', changes: [], reason: '解决冲突' });
    insertReviewChange(w.store.db, { unitId: 'r1', at: at(10), userName: 'u-3', deviceName: '指导员笔记本', action: 'resolve', changes: [], reason: null });
    const r = progressReport(w.store.db, ProgressQuery.parse({}), new Date(at(30)));
    const byName = Object.fromEntries(r.enumerators.map((e) => [e.name, e.counts.total]));
    expect(byName['王小明']).toBe(1);
    expect(r.unattributed.total).toBe(0);
  });
});
