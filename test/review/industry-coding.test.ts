import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordReviewEvent } from '@main/review/events';
import { generateUnits } from '../../scripts/bench/registration-seed';
import type { FormsDoc } from '@shared/registration/registration';
import type { Client, World } from '../sync/world';
import { reviewTeam } from '../sync/review-team';
import { call, ok, refusal } from '../sync/client-ipc';

// 行业代码 coded by the office during review: a supervisor (or the bureau) sets the code of a
// submitted unit from its 主要业务活动 without returning it; the unit keeps its status, the trace
// says who, when, old → new and on what basis, and the enumerator's laptop shows it after sync.
// An enumerator is refused by main, and by the server when main is bypassed; an enumerator's
// concurrent edit of the same item meets the office's as a conflict, not a silent overwrite.

const SUB = '640502100002001';

let world: World;
let enumerator: Client;
let supervisor: Client;
let bureau: Client;

beforeEach(async () => {
  ({ world, enumerator, supervisor, bureau } = await reviewTeam(SUB));
});
afterEach(async () => world.close());

/** A clean legal unit selling groceries in a supermarket, submitted by the enumerator and synced to the supervisor. */
async function submittedUnit(): Promise<{ id: string; forms: FormsDoc; code: string }> {
  const seed = generateUnits(1, { seed: 11 })[0];
  if (!seed) throw new Error('no seed unit');
  const created = await ok(enumerator, 'units:create', { areaCode: SUB, kind: 'legal', name: seed.name, uscc: seed.uscc });
  const forms = structuredClone(seed.forms) as FormsDoc;
  const saved = await ok(enumerator, 'units:save', { id: created.id, version: created.version, forms, explanations: {} });
  expect(saved.findings).toMatchObject({ mandatory: 0, verify: 0 });
  await ok(enumerator, 'units:submit', { id: created.id, version: saved.version });
  await enumerator.sync();
  await supervisor.sync();
  return { id: created.id, forms, code: String(forms['611']?.industryCode) };
}

/** A census-scope class other than `code`, in the same division when there is one (so the unit stays clean). */
const otherClass = (code: string): string => (code === '5211' ? '5212' : '5211');

describe('行业代码 coded by the office during review', () => {
  it('sets the code of a submitted unit, keeps its status, traces it with its basis, and reaches the enumerator', async () => {
    const { id, code } = await submittedUnit();
    const to = otherClass(code);
    const before = await ok(supervisor, 'units:get', { id });
    const coded = await ok(supervisor, 'review:codeIndustry', { unitId: id, version: before.version, industryCode: to, note: '经营范围以超市为主' });
    expect(coded.status).toBe('submitted');
    expect(coded.version).toBe(before.version + 1);
    expect(coded.forms['611']?.industryCode).toBe(to);
    expect(coded.industryCode).toBe(to);
    // The findings ran again on the coded answers (the count columns follow them).
    expect(coded.findings.mandatory).toBe(coded.findingList.filter((f) => f.severity === 'mandatory').length);

    const trace = (await ok(supervisor, 'units:history', { id })).find((h) => h.action === 'code_industry');
    expect(trace).toMatchObject({ userName: 'super01', changes: [{ path: '611.industryCode', from: code, to }] });
    expect(trace?.reason).toContain('按主要业务活动编码 / Coded from the main activities');
    expect(trace?.reason).toContain('经营范围以超市为主');
    const thread = await ok(supervisor, 'review:comments', { unitId: id });
    expect(thread.events.map((e) => e.kind)).toEqual(['submit', 'code']);

    // The enumerator's laptop, after sync: the code, the status, and who coded it from what.
    await supervisor.sync();
    await enumerator.sync();
    const there = await ok(enumerator, 'units:get', { id });
    expect(there).toMatchObject({ status: 'submitted', industryCode: to });
    expect(there.forms['611']?.industryCode).toBe(to);
    const received = (await ok(enumerator, 'units:history', { id })).filter((h) => h.action === 'sync');
    const line = received.find((h) => h.changes.some((c) => c.path === '611.industryCode'));
    expect(line?.userName).toBe('super01');
    expect(line?.changes.find((c) => c.path === '611.industryCode')).toMatchObject({ from: code, to });
    const atEnumerator = await ok(enumerator, 'review:comments', { unitId: id });
    const event = atEnumerator.events.find((e) => e.kind === 'code');
    expect(event).toMatchObject({ byRole: 'supervisor', note: '经营范围以超市为主', text: `${code} → ${to}`, paths: ['611.industryCode'] });

    // The bureau codes an approved unit too.
    const approved = await ok(supervisor, 'review:decide', { unitId: id, version: (await ok(supervisor, 'units:get', { id })).version, decision: 'approve' });
    expect(approved.status).toBe('approved');
    await supervisor.sync();
    await bureau.sync();
    const atBureau = await ok(bureau, 'units:get', { id });
    const recoded = await ok(bureau, 'review:codeIndustry', { unitId: id, version: atBureau.version, industryCode: code });
    expect(recoded).toMatchObject({ status: 'approved', industryCode: code });
  });

  it('refuses an enumerator in main and at the server, a code outside the census, and a unit not handed in', async () => {
    const { id, code } = await submittedUnit();
    const mine = await ok(enumerator, 'units:get', { id });
    expect(await refusal(enumerator, 'review:codeIndustry', { unitId: id, version: mine.version, industryCode: otherClass(code) })).toBe('FORBIDDEN');
    expect((await ok(enumerator, 'units:get', { id })).version).toBe(mine.version);

    const atSupervisor = await ok(supervisor, 'units:get', { id });
    const v = atSupervisor.version;
    // 0111 稻谷种植: division 01, outside the economic census; 52 is a division, not a class.
    const outside = await call(supervisor, 'review:codeIndustry', { unitId: id, version: v, industryCode: '0111' });
    expect(outside.ok ? null : outside.error).toMatchObject({ code: 'INVALID_INPUT' });
    expect(outside.ok ? '' : outside.error.message).toContain('不在经济普查范围内');
    expect(await refusal(supervisor, 'review:codeIndustry', { unitId: id, version: v, industryCode: '52' })).toBe('INVALID_INPUT');
    expect(await refusal(supervisor, 'review:codeIndustry', { unitId: id, version: v, industryCode: '9999' })).toBe('INVALID_INPUT');
    expect(await refusal(supervisor, 'review:codeIndustry', { unitId: id, version: v + 1, industryCode: otherClass(code) })).toBe('CONFLICT');
    expect((await ok(supervisor, 'units:get', { id })).version).toBe(v);

    // A unit the enumerator is still filling is not the office's to code.
    const draft = await ok(enumerator, 'units:create', { areaCode: SUB, kind: 'legal', name: '沙坡头区新开超市' });
    await enumerator.sync();
    await supervisor.sync();
    const draftThere = await ok(supervisor, 'units:get', { id: draft.id });
    expect(await refusal(supervisor, 'review:codeIndustry', { unitId: draft.id, version: draftThere.version, industryCode: '5212' })).toBe('RULE_VIOLATION');

    // An enumerator's laptop writing a 'code' review event behind main's back: the server refuses it.
    enumerator.core.db.transaction((tx) => {
      const event = { kind: 'code', at: new Date().toISOString(), by: { name: '王小明', role: 'enumerator' }, path: '611.industryCode', from: code, to: '5212', note: null } as const;
      recordReviewEvent(tx, { id, areaCode: SUB }, event, new Date());
    });
    await enumerator.sync();
    const rejected = enumerator.core.sync.status().rejected;
    expect(rejected.map((r) => [r.field.startsWith('review.e-') ? 'review' : r.field, r.code])).toEqual([['review', 'FORBIDDEN']]);
  });

  it('meets an enumerator’s concurrent edit of the same item as a conflict on record, not a silent overwrite', async () => {
    const { id, forms, code } = await submittedUnit();
    const atSupervisor = await ok(supervisor, 'units:get', { id });
    const mine = await ok(enumerator, 'units:get', { id });
    // Neither sees the other: the office codes 5212, the enumerator (editing the handed-in unit) types 5219.
    await ok(supervisor, 'review:codeIndustry', { unitId: id, version: atSupervisor.version, industryCode: '5212' });
    const edited = structuredClone(forms);
    (edited['611'] ??= {}).industryCode = code === '5219' ? '5211' : '5219';
    await ok(enumerator, 'units:save', { id, version: mine.version, forms: edited, explanations: {} });
    await supervisor.sync();
    await enumerator.sync();
    await supervisor.sync();

    const conflicts = (await ok(supervisor, 'conflicts:list', undefined)).filter((c) => c.entityId === id && c.field === '611.industryCode');
    expect(conflicts).toHaveLength(1);
    const [conflict] = conflicts;
    expect([conflict?.current.value, conflict?.incoming.value].sort()).toEqual(['5212', edited['611']?.industryCode].sort());
    expect(enumerator.core.sync.status().conflicts.map((c) => c.field)).toContain('611.industryCode');
  });
});
