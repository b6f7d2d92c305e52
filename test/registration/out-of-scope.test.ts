import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultDivisionDataDir, loadRegionFromData } from '@main/divisions/queries';
import { generateUnits } from '../../scripts/bench/registration-seed';
import type { FormsDoc } from '@shared/registration/registration';
import { unitStatuses } from '@shared/registration/units';
import { World, type Client } from '../sync/world';
import { call, ok, refusal } from '../sync/client-ipc';

// 成立年月 after the census reference date (2023-12-31) means "not a 普查对象": beside that
// finding the unit is routed out of the census as 非普查对象 with its ground and a note, on the
// enumerator's laptop, the server and every other laptop; it is counted on its own (neither
// done nor missing), cannot be filled or submitted until reopened, and reopening is traced.

const SUB = '640502100002001';
const DISTRICT = SUB.slice(0, 12);

let world: World;
let enumerator: Client;
let supervisor: Client;

beforeEach(async () => {
  world = new World();
  await world.start();
  await world.user('enum01', 'enumerator', [SUB]);
  await world.user('super01', 'supervisor', [DISTRICT]);
  enumerator = await world.client('王小明', 'enum01');
  supervisor = await world.client('李指导', 'super01');
  for (const c of [enumerator, supervisor]) loadRegionFromData(c.core.db, defaultDivisionDataDir(), '640502');
});
afterEach(async () => world.close());

/** A legal unit of the seed saved with 成立年月 `founded`. */
async function unitFounded(founded: string, n = 0): Promise<{ id: string; version: number; forms: FormsDoc }> {
  const seed = generateUnits(40, { seed: 11 }).filter((u) => u.kind === 'legal')[n];
  if (!seed) throw new Error('no seed unit');
  const created = await ok(enumerator, 'units:create', { areaCode: SUB, kind: 'legal', name: seed.name, uscc: seed.uscc });
  const forms = structuredClone(seed.forms) as FormsDoc;
  // Opened when founded: an opening before the founding is a finding of its own.
  Object.assign((forms['611'] ??= {}), { foundedYm: founded, openedYm: founded });
  const saved = await ok(enumerator, 'units:save', { id: created.id, version: created.version, forms, explanations: {} });
  return { id: created.id, version: saved.version, forms };
}

describe('非普查对象: a unit founded after the reference date', () => {
  it('is marked beside its finding, synced to the server and another laptop, counted on its own, and reopened with a trace', async () => {
    const { id, version } = await unitFounded('2024-03');
    const before = await ok(enumerator, 'units:get', { id });
    expect(before.findingList.map((f) => f.ruleId)).toContain('R611-FOUNDED-AFTER-REFERENCE');

    const marked = await ok(enumerator, 'units:markOutOfScope', { id, version, note: '营业执照登记日期 2024年3月，已核对原件' });
    expect(marked.status).toBe('out_of_scope');
    expect(marked.outOfScopeReason).toContain('成立于普查标准时点之后（成立年月 2024-03） / Founded after the reference date (Founded (year-month) 2024-03)');
    expect(marked.outOfScopeReason).toContain('2024-03');
    expect(marked.outOfScopeReason).toContain('已核对原件');
    // The answers stay as they were.
    expect(marked.forms).toEqual(before.forms);
    const trace = (await ok(enumerator, 'units:history', { id })).find((h) => h.action === 'out_of_scope');
    expect(trace?.changes).toEqual(
      expect.arrayContaining([
        { path: 'status', from: before.status, to: 'out_of_scope' },
        { path: 'outOfScopeReason', from: null, to: marked.outOfScopeReason },
      ]),
    );

    // Set aside: not filled, not submitted, not marked twice, until reopened.
    expect(await refusal(enumerator, 'units:save', { id, version: marked.version, forms: marked.forms, explanations: { x: 'y' } })).toBe('RULE_VIOLATION');
    expect(await refusal(enumerator, 'units:submit', { id, version: marked.version })).toBe('RULE_VIOLATION');
    expect(await refusal(enumerator, 'units:markOutOfScope', { id, version: marked.version })).toBe('RULE_VIOLATION');
    expect(await refusal(enumerator, 'units:markNotFound', { id, version: marked.version, reason: '已经找不到了' })).toBe('RULE_VIOLATION');

    // Counted on its own on this laptop: not submitted, not not-found, not awaiting review.
    const progress = await ok(enumerator, 'progress:get', {});
    expect(progress.totals).toMatchObject({ total: 1, outOfScope: 1, notFound: 0, submitted: 0, draft: 0, completed: 0 });
    const overview = await ok(enumerator, 'overview:get', undefined);
    expect(overview.units.byStatus.out_of_scope).toBe(1);
    expect(overview.review.awaiting).toBe(0);
    const list = await ok(enumerator, 'units:list', {});
    expect(list.areas[0]?.byStatus.out_of_scope).toBe(1);
    // The list filters by it like any status, also with every status ticked.
    expect((await ok(enumerator, 'units:list', { statuses: ['out_of_scope'] })).rows.map((r) => r.id)).toEqual([id]);
    expect((await ok(enumerator, 'units:list', { statuses: [...unitStatuses] })).total).toBe(1);

    // Through the server to the supervisor's laptop, with its reason.
    await enumerator.sync();
    expect(enumerator.core.sync.status()).toMatchObject({ rejected: [], pending: 0 });
    await supervisor.sync();
    const there = await ok(supervisor, 'units:get', { id });
    expect(there).toMatchObject({ status: 'out_of_scope', outOfScopeReason: marked.outOfScopeReason });
    const theirs = await ok(supervisor, 'progress:get', {});
    expect(theirs.totals).toMatchObject({ total: 1, outOfScope: 1, submitted: 0, notFound: 0 });
    // Not in the review queue: nothing was handed in.
    expect((await ok(supervisor, 'review:queue', {})).rows).toEqual([]);

    // Reopened: back to work, the reason cleared and kept in the trace, synced too.
    const reopened = await ok(enumerator, 'units:reopen', { id, version: marked.version });
    expect(reopened.status).not.toBe('out_of_scope');
    expect(reopened.outOfScopeReason).toBeNull();
    const reopenTrace = (await ok(enumerator, 'units:history', { id })).find((h) => h.action === 'reopen');
    expect(reopenTrace?.changes).toEqual(expect.arrayContaining([{ path: 'outOfScopeReason', from: marked.outOfScopeReason, to: null }]));
    expect(reopenTrace?.reason).toContain('Reopened (was out_of_scope)');
    await enumerator.sync();
    await supervisor.sync();
    expect(await ok(supervisor, 'units:get', { id })).toMatchObject({ status: reopened.status, outOfScopeReason: null });
    expect((await ok(supervisor, 'progress:get', {})).totals.outOfScope).toBe(0);
  });

  it('is refused for a unit founded on or before the reference date, and for a handed-in unit', async () => {
    const inScope = await unitFounded('2023-12');
    const detail = await ok(enumerator, 'units:get', { id: inScope.id });
    expect(detail.findingList.map((f) => f.ruleId)).not.toContain('R611-FOUNDED-AFTER-REFERENCE');
    const res = await call(enumerator, 'units:markOutOfScope', { id: inScope.id, version: inScope.version });
    expect(res.ok ? null : res.error.code).toBe('RULE_VIOLATION');
    expect(res.ok ? '' : res.error.message).toContain('成立年月不晚于普查标准时点');
    expect((await ok(enumerator, 'units:get', { id: inScope.id })).status).toBe(detail.status);

    // Handed in: reopened first, so the review sees the change. Under the 2023.2 forms the finding
    // is 强制性, so a unit founded after the reference date cannot be submitted any more; one handed in
    // under the first forms, where it was 核实性 and explained, is what a laptop may still hold.
    const later = await unitFounded('2023-12', 1);
    const found = (await ok(enumerator, 'units:get', { id: later.id })).findingList;
    expect(found.filter((f) => f.severity === 'mandatory')).toEqual([]);
    const explanations = Object.fromEntries(found.filter((f) => f.severity === 'verify').map((f) => [`${f.ruleId}@${f.path}`, '核实：营业执照 2023年12月']));
    const explained = await ok(enumerator, 'units:save', { id: later.id, version: later.version, forms: later.forms, explanations });
    const submitted = await ok(enumerator, 'units:submit', { id: later.id, version: explained.version });
    expect(submitted.status).toBe('submitted');
    const handedIn = { ...submitted.forms, '611': { ...submitted.forms['611'], foundedYm: '2024-05', openedYm: '2024-05' } };
    enumerator.core.sqlite.prepare("UPDATE units SET data = ?, form_pack = 'wjp5-2023@2023.1' WHERE id = ?").run(JSON.stringify(handedIn), later.id);
    expect((await ok(enumerator, 'units:get', { id: later.id })).findingList.map((f) => f.ruleId)).toContain('R611-FOUNDED-AFTER-REFERENCE');
    expect(await refusal(enumerator, 'units:markOutOfScope', { id: later.id, version: submitted.version })).toBe('RULE_VIOLATION');
  });
});
