import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { packHash } from '@shared/node/pack-hash';
import { builtinPack } from '@shared/packs/builtin';
import { PublishResponse, PublishRefusedBody, CurrentPackResponse } from '@shared/packs/server-api';
import { PACK_SCHEMA } from '@shared/packs/types';
import { importFrame } from '@server/admin/frame';
import { call, createUser, Device, startTestServer, type TestServer } from '../server/helpers';
import { editItem, nextPack, v2 } from './fixtures';
import fs from 'node:fs';
import path from 'node:path';

// POST /forms/packs (the bureau publishes), GET /forms/current and /forms/packs/<ref> (laptops).

let t: TestServer;
let admin: Device;
let enumerator: Device;

beforeEach(async () => {
  t = await startTestServer();
  await createUser(t.server, 'chen', 'admin');
  await createUser(t.server, 'wang', 'enumerator', ['640502001001001']);
  admin = new Device(t.server.url, 'laptop-admin');
  enumerator = new Device(t.server.url, 'laptop-wang');
  await admin.login('chen');
  await enumerator.login('wang');
});
afterEach(async () => {
  await t.dispose();
});

const publish = (d: Device, pack: unknown) => call(t.server.url, 'POST', '/forms/packs', { pack }, { token: d.token });
const current = (d: Device) => call(t.server.url, 'GET', '/forms/current', undefined, { token: d.token });


describe('publishing a form pack', () => {
  it('is for admins only: an enumerator is refused and nothing changes', async () => {
    const answer = await publish(enumerator, v2());
    expect(answer.status).toBe(403);
    expect((await current(enumerator)).body).toMatchObject({ current: null });
  });

  it('makes the pack current, says what changed, and serves every version to any signed-in laptop', async () => {
    const before = CurrentPackResponse.parse((await current(enumerator)).body);
    expect(before.current).toBeNull();
    const pack = v2();
    const answer = await publish(admin, pack);
    expect(answer.status).toBe(200);
    const result = PublishResponse.parse(answer.body);
    expect(result).toMatchObject({ outcome: 'published', previous: builtinPack().ref, pack: { ref: 'wjp5-2023@2023.3', hash: pack.hash, publishedBy: 'chen' } });
    expect(result.changes.map((c) => c.kind).sort()).toEqual(expect.arrayContaining(['codeAdded', 'itemLabel', 'itemRemoved']));

    const now = CurrentPackResponse.parse((await current(enumerator)).body);
    expect(now.current).toMatchObject({ ref: 'wjp5-2023@2023.3', hash: pack.hash });
    const doc = await call<{ pack: unknown }>(t.server.url, 'GET', `/forms/packs/${encodeURIComponent('wjp5-2023@2023.3')}`, undefined, { token: enumerator.token });
    expect(doc.status).toBe(200);
    expect(doc.body.pack).toEqual(pack);
    expect(packHash(doc.body.pack as typeof pack)).toBe(pack.hash);

    // A later version becomes current; the earlier one stays available for units filled under it.
    const v3 = nextPack('2023.4');
    expect((await publish(admin, v3)).status).toBe(200);
    expect(CurrentPackResponse.parse((await current(enumerator)).body).current?.ref).toBe('wjp5-2023@2023.4');
    expect((await call(t.server.url, 'GET', '/forms/packs/wjp5-2023@2023.3', undefined, { token: enumerator.token })).status).toBe(200);
    expect((await call(t.server.url, 'GET', '/forms/packs/wjp5-2023@2099.1', undefined, { token: enumerator.token })).status).toBe(404);
  });

  it('is idempotent: the same version with the same content again is fine and changes nothing', async () => {
    const pack = v2();
    expect((await publish(admin, pack)).status).toBe(200);
    const again = await publish(admin, structuredClone(pack));
    expect(again.status).toBe(200);
    expect(PublishResponse.parse(again.body).outcome).toBe('unchanged');
    expect((await t.server.store.listPacks()).length).toBe(1);
  });

  it('refuses the same version with other content, and keeps the first', async () => {
    const first = v2();
    expect((await publish(admin, first)).status).toBe(200);
    const other = nextPack('2023.3', (p) => {
      editItem(p, '611', 'legalRep').labelZh = '另一个名称';
    });
    const answer = await publish(admin, other);
    expect(answer.status).toBe(409);
    expect(PublishRefusedBody.parse(answer.body).refusal).toMatchObject({ code: 'CONFLICTING_VERSION' });
    expect(JSON.stringify(answer.body)).toContain('新的版本号');
    expect((await t.server.store.currentPack())?.hash).toBe(first.hash);
  });

  it('refuses the built-in version number with other content', async () => {
    const fake = nextPack(builtinPack().version, (p) => {
      editItem(p, '611', 'legalRep').labelZh = '改过的';
    });
    const answer = await publish(admin, fake);
    expect(answer.status).toBe(409);
    expect((await t.server.store.currentPack())).toBeNull();
  });

  it('refuses a pack with problems, listing them, and publishes nothing', async () => {
    const broken = nextPack('2023.3', (p) => {
      editItem(p, '611', 'legalRep').codeList = 'noSuchList';
    });
    const answer = await publish(admin, broken);
    expect(answer.status).toBe(422);
    const { refusal } = PublishRefusedBody.parse(answer.body);
    expect(refusal.code).toBe('INVALID');
    expect(refusal.problems.some((p) => p.place.itemCode === 'legalRep' && p.message.includes('noSuchList'))).toBe(true);
    expect(await t.server.store.currentPack()).toBeNull();
  });

  it('refuses a pack of a newer format and one whose hash does not match its content', async () => {
    const newer = { ...v2(), schema: PACK_SCHEMA + 1 };
    const a = await publish(admin, newer);
    expect(a.status).toBe(422);
    expect(PublishRefusedBody.parse(a.body).refusal.code).toBe('NEWER_SCHEMA');

    const tampered = v2();
    editItem(tampered, '611', 'legalRep').labelZh = '发布后被改动';
    const b = await publish(admin, tampered);
    expect(b.status).toBe(422);
    expect(PublishRefusedBody.parse(b.body).refusal.code).toBe('HASH_MISMATCH');

    const { hash: _hash, ...unsealed } = v2();
    expect(PublishRefusedBody.parse((await publish(admin, unsealed)).body).refusal.code).toBe('HASH_MISMATCH');
    expect(await t.server.store.currentPack()).toBeNull();
  });

  it('frame import on the server records the current pack on each unit', async () => {
    await publish(admin, v2());
    const file = path.join(t.dataDir, 'frame.csv');
    fs.writeFileSync(file, '普查小区代码,单位详细名称,单位类型\n640502001001001,宁夏某某商贸有限公司,1\n');
    const report = await importFrame(t.server.store, file, { userId: 'bureau-server', appVersion: '1.0.0' });
    expect(report.imported).toBe(1);
    const [unit] = await t.server.store.entityStates('unit', { isAll: true });
    expect(unit?.fields.formPack).toBe('wjp5-2023@2023.3');
  });
});
