import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '@main/core';
import { recordReviewEvent } from '@main/review/events';
import { recordUnitChange } from '@main/registration/unit-ops';
import { generateUnits } from '../../scripts/bench/registration-seed';
import type { FormsDoc } from '@shared/registration/registration';
import type { Client, World } from '../sync/world';
import { reviewTeam } from '../sync/review-team';
import { call, ok, refusal } from '../sync/client-ipc';

// The whole review cycle: a unit goes enumerator → supervisor (returned with two item comments) →
// enumerator (fixes one item, answers the other) → supervisor (approves) → bureau (accepts),
// across three laptops with their own encrypted stores and the bureau server, through the real
// handler table; every step is in each laptop's history. A role acting outside its rights is
// refused by main, and the server rejects the op when main is bypassed.

const SUB = '640502100002001';

let world: World;
let enumerator: Client;
let supervisor: Client;
let bureau: Client;

beforeEach(async () => {
  ({ world, enumerator, supervisor, bureau } = await reviewTeam(SUB));
});
afterEach(async () => world.close());

/** A complete, clean legal unit registered and submitted on the enumerator's laptop. */
async function registerAndSubmit(): Promise<{ id: string; forms: FormsDoc }> {
  const seed = generateUnits(1, { seed: 11 })[0];
  if (!seed) throw new Error('no seed unit');
  const created = await ok(enumerator, 'units:create', { areaCode: SUB, kind: 'legal', name: seed.name, uscc: seed.uscc });
  const forms = structuredClone(seed.forms) as FormsDoc;
  const saved = await ok(enumerator, 'units:save', { id: created.id, version: created.version, forms, explanations: {} });
  expect(saved.findings).toMatchObject({ mandatory: 0, verify: 0 });
  await ok(enumerator, 'units:submit', { id: created.id, version: saved.version });
  return { id: created.id, forms };
}

describe('a unit through review and acceptance on three synced laptops', () => {
  it('goes enumerator → supervisor (returned, two comments) → enumerator → supervisor → bureau, every step in every history', async () => {
    expect((await ok(enumerator, 'session:role', undefined)).role).toBe('enumerator');
    expect((await ok(supervisor, 'session:role', undefined)).permissions).toContain('review.supervise');
    expect((await ok(bureau, 'session:role', undefined)).permissions).toContain('review.accept');

    const { id, forms } = await registerAndSubmit();
    await enumerator.sync();
    await supervisor.sync();

    // The supervisor's queue holds the submitted unit, with its enumerator from the team.
    const queue = await ok(supervisor, 'review:queue', {});
    expect(queue.stage).toBe('submitted');
    expect(queue.rows.map((r) => r.id)).toEqual([id]);
    expect(queue.rows[0]?.enumerator?.name).toBe('enum01');
    expect(queue.enumerators).toEqual([{ id: expect.any(String), name: 'enum01', count: 1 }]);

    const atSupervisor = await ok(supervisor, 'units:get', { id });
    const returned = await ok(supervisor, 'review:decide', {
      unitId: id,
      version: atSupervisor.version,
      decision: 'return',
      comments: [
        { path: '611.legalRep', text: '法定代表人与营业执照不一致，请核对' },
        { path: '611.phoneMobile', text: '联系电话无法接通，请补充固定电话或说明' },
      ],
      note: '请尽快修改',
    });
    expect(returned.status).toBe('returned');
    expect(returned.comments.map((c) => c.state)).toEqual(['open', 'open']);
    await supervisor.sync();
    await enumerator.sync();

    // On the enumerator's laptop: the comments beside their items, and the resubmit gate.
    const thread = await ok(enumerator, 'review:comments', { unitId: id });
    expect(thread.status).toBe('returned');
    expect(thread.comments.map((c) => [c.path, c.isCurrent, c.state, c.byName])).toEqual([
      ['611.legalRep', true, 'open', 'super01'],
      ['611.phoneMobile', true, 'open', 'super01'],
    ]);
    expect(thread.canResubmit).toBe(false);
    let unit = await ok(enumerator, 'units:get', { id });
    const blocked = await call(enumerator, 'units:submit', { id, version: unit.version });
    expect(!blocked.ok && blocked.error.code).toBe('RULE_VIOLATION');
    expect(!blocked.ok && blocked.error.issues?.map((i) => i.path)).toEqual(['611.legalRep', '611.phoneMobile']);

    // Fix one item; answer the other.
    const fixed = structuredClone(forms);
    fixed['611'] = { ...fixed['611'], legalRep: '马志刚' };
    unit = await ok(enumerator, 'units:save', { id, version: unit.version, forms: fixed, explanations: {}, reason: '按营业执照更正' });
    expect(unit.status).toBe('returned');
    const phone = thread.comments[1];
    if (!phone) throw new Error('no phone comment');
    const stillOne = await call(enumerator, 'units:submit', { id, version: unit.version });
    expect(!stillOne.ok && stillOne.error.issues?.map((i) => i.path)).toEqual(['611.phoneMobile']);
    const answered = await ok(enumerator, 'review:answer', { unitId: id, commentId: phone.id, text: '已电话核实，号码正确，白天可接通' });
    expect(answered.comments.map((c) => c.state)).toEqual(['changed', 'answered']);
    expect(answered.canResubmit).toBe(true);
    await ok(enumerator, 'units:submit', { id, version: unit.version });
    await enumerator.sync();

    // The supervisor sees the answers and approves; the bureau accepts.
    await supervisor.sync();
    const seen = await ok(supervisor, 'review:comments', { unitId: id });
    expect(seen.comments.map((c) => c.answers.map((a) => a.text))).toEqual([[], ['已电话核实，号码正确，白天可接通']]);
    const approved = await ok(supervisor, 'review:decide', { unitId: id, version: (await ok(supervisor, 'units:get', { id })).version, decision: 'approve' });
    expect(approved.status).toBe('approved');
    await supervisor.sync();
    await bureau.sync();
    const bureauQueue = await ok(bureau, 'review:queue', {});
    expect(bureauQueue.stage).toBe('approved');
    expect(bureauQueue.rows.map((r) => [r.id, r.lastDecision?.kind])).toEqual([[id, 'approve']]);
    const accepted = await ok(bureau, 'review:decide', { unitId: id, version: (await ok(bureau, 'units:get', { id })).version, decision: 'accept' });
    expect(accepted.status).toBe('accepted');
    await bureau.sync();
    for (const c of [enumerator, supervisor, bureau]) await c.sync();

    // Every laptop holds the same unit and the whole story: who, when, what.
    const steps = ['submit', 'return', 'answer', 'submit', 'approve', 'accept'];
    for (const c of [enumerator, supervisor, bureau]) {
      expect((await ok(c, 'units:get', { id })).status).toBe('accepted');
      const story = await ok(c, 'review:comments', { unitId: id });
      expect(story.events.map((e) => e.kind)).toEqual(steps);
      expect(story.events.map((e) => e.byRole)).toEqual(['enumerator', 'supervisor', 'enumerator', 'enumerator', 'supervisor', 'admin']);
      expect(story.events.every((e) => !e.isPending && e.at !== '')).toBe(true);
      expect((await ok(c, 'units:get', { id })).forms['611']?.legalRep).toBe('马志刚');
      expect(c.core.sync.status()).toMatchObject({ pending: 0, rejected: [], conflicts: [] });
    }
    // Each laptop's trace names its own steps; steps from elsewhere arrive as synced changes once
    // the laptop holds the unit (the bureau first received it whole, by snapshot: its review
    // timeline above is where it reads the earlier steps).
    const actions = (c: Client) => ok(c, 'units:history', { id }).then((h) => h.map((x) => x.action));
    expect(await actions(enumerator)).toEqual(expect.arrayContaining(['create', 'save', 'submit', 'answer', 'sync']));
    expect(await actions(supervisor)).toEqual(expect.arrayContaining(['return', 'approve', 'sync']));
    expect(await actions(bureau)).toEqual(['accept']);
    const pulled = (await ok(enumerator, 'units:history', { id })).filter((h) => h.action === 'sync');
    expect(pulled.flatMap((h) => h.changes.map((x) => x.path))).toEqual(expect.arrayContaining(['status']));
    expect(pulled.flatMap((h) => h.changes.map((x) => x.path)).filter((p) => p.startsWith('review.e-'))).toHaveLength(3);
    // Synced changes name their author as the team knows them, not by server account id.
    expect(pulled.map((h) => h.userName).filter((n) => n.startsWith('u_'))).toEqual([]);

    // Progress on the supervisor's laptop counts it, offline, as of its last sync.
    const progress = await ok(supervisor, 'progress:get', {});
    expect(progress.totals).toMatchObject({ total: 1, accepted: 1, added: 1, visited: 1 });
    expect(progress.enumerators.map((e) => [e.name, e.counts.accepted])).toEqual([['enum01', 1]]);
    expect(progress.lastSyncAt).not.toBeNull();
  });

  it('refuses a decision outside the role in main, and the server rejects one made around main', async () => {
    const { id } = await registerAndSubmit();
    const unit = await ok(enumerator, 'units:get', { id });
    expect(await refusal(enumerator, 'review:decide', { unitId: id, version: unit.version, decision: 'approve' })).toBe('FORBIDDEN');
    expect(await refusal(enumerator, 'review:queue', {})).toBe('FORBIDDEN');
    await enumerator.sync();
    await supervisor.sync();
    const atSupervisor = await ok(supervisor, 'units:get', { id });
    expect(await refusal(supervisor, 'review:decide', { unitId: id, version: atSupervisor.version, decision: 'accept' })).toBe('FORBIDDEN');

    // An enumerator's laptop that writes an approval behind main's back: the server refuses both ops.
    enumerator.core.db.transaction((tx) => {
      const before = readContent(enumerator.core, id);
      enumerator.core.sqlite.prepare(`UPDATE units SET status = 'approved', version = version + 1 WHERE id = ?`).run(id);
      recordUnitChange(tx, id, before, readContent(enumerator.core, id));
      const event = { kind: 'approve', at: new Date().toISOString(), by: { name: '王小明', role: 'enumerator' }, note: null, isBulk: false } as const;
      recordReviewEvent(tx, { id, areaCode: SUB }, event, new Date());
    });
    await enumerator.sync();
    const rejected = enumerator.core.sync.status().rejected;
    expect(rejected.map((r) => [r.field.startsWith('review.e-') ? 'review' : r.field, r.code]).sort()).toEqual([
      ['review', 'FORBIDDEN'],
      ['status', 'FORBIDDEN'],
    ]);
    // The refused status falls away: the laptop shows the server's status again.
    expect((await ok(enumerator, 'units:get', { id })).status).toBe('submitted');
    expect((await ok(enumerator, 'review:comments', { unitId: id })).events.map((e) => e.kind)).toEqual(['submit']);
  });
});

describe('the author of a review event', () => {
  it('is stamped by the server from the session: an enumerator’s submit signed as the bureau’s director reaches other laptops as the enumerator’s', async () => {
    const { id } = await registerAndSubmit();
    // A laptop that signs a submission in someone else's name, behind main's back.
    enumerator.core.db.transaction((tx) => {
      const forged = { kind: 'submit', at: new Date().toISOString(), by: { name: '区统计局局长', role: 'admin' } } as const;
      recordReviewEvent(tx, { id, areaCode: SUB }, forged, new Date());
    });
    await enumerator.sync();
    expect(enumerator.core.sync.status()).toMatchObject({ pending: 0, rejected: [] });
    await supervisor.sync();
    await enumerator.sync();
    for (const c of [supervisor, enumerator]) {
      const events = (await ok(c, 'review:comments', { unitId: id })).events;
      expect(events.map((e) => [e.kind, e.byName, e.byRole])).toEqual([
        ['submit', 'enum01', 'enumerator'],
        ['submit', 'enum01', 'enumerator'],
      ]);
    }
  });
});

function readContent(core: Core, id: string) {
  const row = core.sqlite.prepare('SELECT * FROM units WHERE id = ?').get(id) as Record<string, string | null>;
  return {
    areaCode: String(row.area_code),
    kind: String(row.kind),
    source: String(row.source),
    status: String(row.status),
    name: String(row.name),
    uscc: String(row.uscc),
    address: String(row.address),
    industryCode: String(row.industry_code),
    data: String(row.data),
    explanations: String(row.explanations),
    notFoundReason: row.not_found_reason ?? null,
    outOfScopeReason: row.out_of_scope_reason ?? null,
    formPack: row.form_pack ?? null,
    frameRow: row.frame_row ?? null,
    deletedAt: row.deleted_at ?? null,
  };
}
