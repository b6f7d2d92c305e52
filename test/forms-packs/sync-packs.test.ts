import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '@main/ipc/dispatch';
import { sealPack } from '@shared/node/pack-hash';
import { builtinPack } from '@shared/packs/builtin';
import { PACK_SCHEMA, type FormPack } from '@shared/packs/types';
import type { Channel, Input, Output } from '@shared/ipc/contract';
import type { Result } from '@shared/result';
import { publishPack } from '@server/forms/publish';
import { passingIndividualForm } from '../helpers/unit-forms';
import { World, type Client } from '../sync/world';
import { editItem, individualV2, nextPack } from './fixtures';

// A pack the bureau publishes reaches a laptop on its next sync through the real server on
// loopback; drafts move to it when opened, handed-in units keep theirs until reopened, values of
// removed items stay; a pack the laptop cannot use is refused and the previous stays in force.

const AREA = '640502100001001';
let world: World;

async function call<C extends Channel>(client: Client, channel: C, input: Input<C>): Promise<Output<C>> {
  const res = (await dispatch(client.core.handlers, channel, input, { shell: 'web' })) as Result<Output<C>>;
  if (!res.ok) throw new Error(`${client.name} ${channel}: ${res.error.code} ${res.error.message}`);
  return res.value;
}

/** A filled 个体经营户 unit; under 2023.3 and later, without the item those versions removed. */
async function filledUnit(client: Client, name: string) {
  const created = await call(client, 'units:create', { areaCode: AREA, kind: 'individual', name });
  const { individual } = passingIndividualForm(name, AREA);
  const { businessArea, ...rest } = individual;
  const forms = { individual: created.formPack === builtinPack().ref ? { ...rest, businessArea } : rest };
  return call(client, 'units:save', { id: created.id, version: created.version, forms, explanations: {} });
}

const publish = async (pack: unknown) => {
  const result = await publishPack(world.server.store, pack, { by: 'chen', at: new Date().toISOString() });
  if (!result.ok) throw new Error(result.refusal.message);
};

/** Puts a document on the server as its current pack without the publication checks: what a
 * damaged server copy or a newer server would serve. */
const serveUnchecked = (pack: FormPack, ref = `${pack.id}@${pack.version}`) =>
  world.server.store.publishPack({ ref, packId: pack.id, version: pack.version, hash: pack.hash, bodyJson: JSON.stringify(pack), publishedBy: 'chen' }, new Date().toISOString());

beforeEach(async () => {
  world = new World();
  await world.start();
  await world.user('wang', 'enumerator', ['640502100001']);
  await world.user('li', 'enumerator', ['640502100001']);
});
afterEach(async () => world.close());

describe('a form pack delivered by sync', () => {
  it('comes into force with a notice of what changed; a draft moves to it when opened, keeping a removed item’s value; a submitted unit keeps its version until reopened', async () => {
    const a = await world.client('a', 'wang');
    const draft = await filledUnit(a, '马记烧烤');
    const handedIn = await filledUnit(a, '杨记面馆');
    const submitted = await call(a, 'units:submit', { id: handedIn.id, version: handedIn.version });
    expect(submitted.status).toBe('submitted');
    expect(draft.forms.individual?.businessArea).toBe(60);
    expect(draft.formPack).toBe(builtinPack().ref);
    await a.sync();
    expect((await call(a, 'forms:packs', undefined)).current).toBe(builtinPack().ref);
    expect(await call(a, 'forms:notice', undefined)).toBeNull();

    await publish(individualV2());
    await a.sync();

    const packs = await call(a, 'forms:packs', undefined);
    expect(packs.current).toBe('wjp5-2023@2023.3');
    const notice = await call(a, 'forms:notice', undefined);
    expect(notice).toMatchObject({ kind: 'updated', ref: 'wjp5-2023@2023.3', previousRef: builtinPack().ref });
    const kinds = notice?.kind === 'updated' ? notice.changes.map((c) => c.kind).sort() : [];
    expect(kinds).toEqual(['codeAdded', 'itemLabel', 'itemRemoved']);
    const doc = await call(a, 'forms:pack', { ref: 'wjp5-2023@2023.3' });
    expect(doc.forms.find((f) => f.id === 'individual')?.sections.flatMap((s) => s.items).find((i) => i.code === 'operatorName')?.labelZh).toBe('经营者姓名（更正）');

    // The draft, opened, moves to the new version; the removed item's value stays, also after a save.
    const opened = await call(a, 'units:get', { id: draft.id });
    expect(opened.formPack).toBe('wjp5-2023@2023.3');
    expect(opened.forms.individual?.businessArea).toBe(60);
    const saved = await call(a, 'units:save', { id: opened.id, version: opened.version, forms: { individual: { ...opened.forms.individual, operatingStatus: '99' } }, explanations: {} });
    expect(saved.forms.individual?.businessArea).toBe(60);
    expect(saved.forms.individual?.operatingStatus).toBe('99');
    expect((await call(a, 'units:get', { id: draft.id })).forms.individual?.businessArea).toBe(60);

    // The submitted unit keeps the version it was filled under until it is reopened.
    const kept = await call(a, 'units:get', { id: handedIn.id });
    expect(kept.formPack).toBe(builtinPack().ref);
    const reopened = await call(a, 'units:reopen', { id: kept.id, version: kept.version });
    expect(reopened.formPack).toBe('wjp5-2023@2023.3');

    // The notice is dismissed once read.
    if (notice) await call(a, 'forms:dismissNotice', { id: notice.id });
    expect(await call(a, 'forms:notice', undefined)).toBeNull();
  });

  it('refuses a pack with a broken hash or a newer format with a clear message, and the previous stays in force', async () => {
    const a = await world.client('a', 'wang');
    await publish(individualV2());
    await a.sync();
    expect((await call(a, 'forms:packs', undefined)).current).toBe('wjp5-2023@2023.3');

    const tampered = nextPack('2023.4');
    editItem(tampered, 'individual', 'operatorName').labelZh = '传输中被改动';
    await serveUnchecked(tampered);
    await a.sync();
    expect(a.core.sync.status().lastError).toBeNull();
    expect((await call(a, 'forms:packs', undefined)).current).toBe('wjp5-2023@2023.3');
    expect((await call(a, 'forms:packs', undefined)).packs.map((p) => p.ref)).not.toContain('wjp5-2023@2023.4');
    const refused = await call(a, 'forms:notice', undefined);
    expect(refused).toMatchObject({ kind: 'refused', ref: 'wjp5-2023@2023.4', previousRef: 'wjp5-2023@2023.3', code: 'HASH_MISMATCH' });
    expect(refused?.kind === 'refused' ? refused.message : '').toContain('继续使用原表式');
    const log = await call(a, 'sync:log', undefined);
    const line = log.find((r) => r.trigger === 'forms');
    expect(line).toMatchObject({ outcome: 'error', errorCode: 'HASH_MISMATCH' });
    expect(line?.message).toContain('wjp5-2023@2023.4');
    // The same document is not fetched and refused again at every sync.
    await a.sync();
    expect((await call(a, 'sync:log', undefined)).filter((r) => r.trigger === 'forms')).toHaveLength(1);

    const newer = sealPack({ ...nextPack('2023.5'), schema: PACK_SCHEMA + 1 });
    await serveUnchecked(newer);
    await a.sync();
    expect((await call(a, 'forms:packs', undefined)).current).toBe('wjp5-2023@2023.3');
    const notice = await call(a, 'forms:notice', undefined);
    expect(notice).toMatchObject({ kind: 'refused', code: 'NEWER_SCHEMA', ref: 'wjp5-2023@2023.5' });
    expect(notice?.kind === 'refused' ? notice.message : '').toContain('请升级程序');

    // A draft opened now stays on the pack in force.
    const draft = await filledUnit(a, '马记烧烤');
    expect((await call(a, 'units:get', { id: draft.id })).formPack).toBe('wjp5-2023@2023.3');
  });

  it('refuses a document that is not the version the server names as current', async () => {
    const a = await world.client('a', 'wang');
    await serveUnchecked(individualV2(), 'wjp5-2023@2023.9');
    await a.sync();
    expect((await call(a, 'forms:packs', undefined)).current).toBe(builtinPack().ref);
    expect((await call(a, 'forms:packs', undefined)).packs.map((p) => p.ref)).not.toContain('wjp5-2023@2023.3');
    expect(await call(a, 'forms:notice', undefined)).toMatchObject({ kind: 'refused', ref: 'wjp5-2023@2023.9', code: 'INVALID' });
  });

  it('fetches the pack a pulled unit was filled under when this laptop lacks it', async () => {
    const a = await world.client('a', 'wang');
    await publish(individualV2());
    await a.sync();
    const draft = await filledUnit(a, '马记烧烤');
    expect(draft.formPack).toBe('wjp5-2023@2023.3');
    await a.sync();
    // The bureau goes on to 2023.4 before the second laptop first syncs.
    await publish(individualV2('2023.4'));
    const b = await world.client('b', 'li');
    await b.sync();
    const packs = await call(b, 'forms:packs', undefined);
    expect(packs.current).toBe('wjp5-2023@2023.4');
    expect(packs.packs.find((p) => p.ref === 'wjp5-2023@2023.3')).toMatchObject({ activatedAt: null });
    const pulled = b.core.sqlite.prepare('SELECT form_pack AS formPack FROM units WHERE id = ?').get(draft.id) as { formPack: string } | undefined;
    expect(pulled?.formPack).toBe('wjp5-2023@2023.3');
    const detail = await call(b, 'forms:pack', { ref: 'wjp5-2023@2023.3' });
    expect(detail.version).toBe('2023.3');
  });
});
