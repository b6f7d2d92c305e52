import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConflictList } from '@shared/sync/api';
import { AREA_A, AREA_B, AREA_OTHER_TOWNSHIP, call, createUser, Device, startTestServer, type TestServer } from './helpers';

// What a refusal tells someone about entities outside their areas: nothing. Another township's
// unit and an id that never existed are refused alike, without the other area's code; a
// '$create' is checked against the caller's own area before anything else. Conflicts go with
// their unit's current area: a unit moved out of an enumerator's area takes its conflicts,
// values and all, out of that enumerator's list.

describe('refusals outside the caller’s scope', () => {
  let t: TestServer;
  let admin: Device;
  let wang: Device;
  beforeEach(async () => {
    t = await startTestServer();
    await createUser(t.server, 'wang', 'enumerator', [AREA_A]);
    await createUser(t.server, 'admin', 'admin');
    admin = new Device(t.server.url, 'admin-laptop');
    wang = new Device(t.server.url, 'laptop-wang');
    await admin.login('admin');
    await wang.login('wang');
    expect((await admin.push(admin.createUnit('unit-far-01', AREA_OTHER_TOWNSHIP))).body.rejected).toEqual([]);
  });
  afterEach(async () => t.dispose());

  it('answer alike for another township’s unit and an id that does not exist, naming no area', async () => {
    const ops = [
      wang.op('unit-far-01', 'name', '改名'),
      wang.op('unit-nowhere', 'name', '改名'),
      wang.op('unit-far-01', '$create', { areaCode: AREA_OTHER_TOWNSHIP, kind: 'legal', source: 'field' }),
      wang.op('unit-nowhere', '$create', { areaCode: AREA_OTHER_TOWNSHIP, kind: 'legal', source: 'field' }),
      wang.op('unit-far-01', '$create', { areaCode: AREA_A, kind: 'legal', source: 'field' }),
    ];
    const answer = await wang.push(ops);
    const rejected = answer.body.rejected;
    expect(rejected.map((r) => r.code)).toEqual(['OUT_OF_SCOPE', 'OUT_OF_SCOPE', 'OUT_OF_SCOPE', 'OUT_OF_SCOPE', 'ALREADY_EXISTS']);
    const general = (m: string | undefined) => m?.replace(/unit-far-01|unit-nowhere/g, '<id>');
    expect(general(rejected[0]?.message)).toBe(general(rejected[1]?.message));
    expect(rejected[2]?.message).toBe(rejected[3]?.message);
    // Only a $create's own area, which the caller named, may appear in its refusal.
    for (const r of [rejected[0], rejected[1], rejected[4]]) expect(r?.message).not.toContain(AREA_OTHER_TOWNSHIP);
  });

  it('tells a user of an edit whose own $create was refused that it was never created', async () => {
    const answer = await wang.push([
      wang.op('unit-mine-01', '$create', { areaCode: AREA_OTHER_TOWNSHIP, kind: 'legal', source: 'field' }),
      wang.op('unit-mine-01', 'name', '我的单位'),
    ]);
    expect(answer.body.rejected.map((r) => r.code)).toEqual(['OUT_OF_SCOPE', 'UNKNOWN_ENTITY']);
    // The bureau, who sees everything, hears which it is.
    const byAdmin = await admin.push([admin.op('unit-nowhere', 'name', '改名')]);
    expect(byAdmin.body.rejected.map((r) => r.code)).toEqual(['UNKNOWN_ENTITY']);
  });
});

describe('conflicts of a unit moved out of an enumerator’s area', () => {
  let t: TestServer;
  afterEach(async () => t.dispose());

  it('are no longer listed to that enumerator, nor counted in its pulls', async () => {
    t = await startTestServer();
    await createUser(t.server, 'wang', 'enumerator', [AREA_A]);
    await createUser(t.server, 'zhao', 'enumerator', [AREA_A]);
    await createUser(t.server, 'chen', 'supervisor', [AREA_A.slice(0, 12)]);
    const wang = new Device(t.server.url, 'laptop-wang');
    const zhao = new Device(t.server.url, 'laptop-zhao');
    const chen = new Device(t.server.url, 'laptop-chen');
    for (const [d, u] of [[wang, 'wang'], [zhao, 'zhao'], [chen, 'chen']] as const) await d.login(u);
    await wang.push(wang.createUnit('unit-0001', AREA_A));
    await wang.push([wang.op('unit-0001', 'address', '王的地址', 0)]);
    expect((await zhao.push([zhao.op('unit-0001', 'address', '赵的地址', 0)])).body.conflicts).toHaveLength(1);
    const listed = async (d: Device) =>
      (await call<ConflictList>(t.server.url, 'GET', '/sync/conflicts?status=all', undefined, { token: d.token })).body.conflicts;
    expect(await listed(wang)).toHaveLength(1);
    expect((await wang.pull()).body.openConflicts).toBe(1);

    // The supervisor moves the unit to another 普查小区 of the district.
    const { cursor } = await chen.pullAll();
    expect((await chen.push([chen.op('unit-0001', 'areaCode', AREA_B, cursor)])).body.rejected).toEqual([]);
    expect(await listed(wang)).toEqual([]);
    expect((await wang.pull()).body.openConflicts).toBe(0);
    // The supervisor still sees it, under the unit's area now.
    expect((await listed(chen)).map((c) => [c.entityId, c.scopeKey])).toEqual([['unit-0001', AREA_B]]);
  });
});
