import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha256Hex } from '@shared/node/hash';
import { computeChecksum } from '@shared/sync/checksum';
import type { JsonValue } from '@shared/sync/protocol';
import { call, createUser, Device, startTestServer, type TestServer } from '../server/helpers';
import { COUNTY, createValue } from './fixtures';

// The server's side of the interference register, on both stores (the 'sqlite' and 'postgres'
// vitest projects): only the leadership role writes or receives an entry; an entry takes its
// '$create' and nothing after (no field op, delete, resolution or second create, whoever sends
// it); every other role's pull, snapshot and verify leave the kind out and still agree.

const UNIT_AREA = `${COUNTY}001001001`;

let t: TestServer;
let leader: Device;
let admin: Device;
let town: Device;
let enumerator: Device;

beforeEach(async () => {
  t = await startTestServer();
  await createUser(t.server, 'juzhang', 'leader', [COUNTY]);
  await createUser(t.server, 'admin', 'admin');
  await createUser(t.server, 'town', 'township', [UNIT_AREA.slice(0, 9)]);
  await createUser(t.server, 'wang', 'enumerator', [UNIT_AREA]);
  leader = new Device(t.server.url, 'leader-laptop');
  admin = new Device(t.server.url, 'admin-laptop');
  town = new Device(t.server.url, 'town-laptop');
  enumerator = new Device(t.server.url, 'wang-laptop');
  for (const [d, u] of [[leader, 'juzhang'], [admin, 'admin'], [town, 'town'], [enumerator, 'wang']] as const) expect((await d.login(u)).status).toBe(200);
  // A unit in everyone's area, so no role's pull is empty for a reason of its own.
  expect((await enumerator.push(enumerator.createUnit('unit-0000001', UNIT_AREA))).body.rejected).toEqual([]);
});
afterEach(async () => t.dispose());

const entry = (d: Device, id: string, value: JsonValue = createValue({ recordedById: d.userId })) => d.op(id, '$create', value, 0, 'interference');

async function verifyMatches(d: Device): Promise<{ total: string; count: number; entities: string[] }> {
  const { changes } = await d.pullAll();
  const lines = changes.map((c) => ({ entity: c.entity, entityId: c.entityId, field: c.field, version: c.gseq }));
  const client = computeChecksum(lines, sha256Hex);
  const answer = await call<{ total: string; count: number; isMatch: boolean }>(t.server.url, 'POST', '/sync/verify', { protocol: 1, total: client.total }, { token: d.token });
  expect(answer.status).toBe(200);
  expect(answer.body.isMatch).toBe(true);
  return { total: answer.body.total, count: answer.body.count, entities: [...new Set(changes.map((c) => c.entity))].sort() };
}

describe('the interference register on the server', () => {
  it('takes an entry from the leadership once, and nothing else on it, not even from the leadership', async () => {
    const first = await leader.push([entry(leader, 'itf-00000001')]);
    expect(first.body.rejected).toEqual([]);
    const after = await leader.push([
      entry(leader, 'itf-00000001', createValue({ recordedById: leader.userId, request: '改过的内容' })),
      leader.op('itf-00000001', 'request', '改过的内容', 0, 'interference'),
      leader.op('itf-00000001', 'actorName', '王某', 99, 'interference'),
      leader.op('itf-00000001', '$delete', { reason: '记错了' }, 0, 'interference'),
      leader.op('itf-00000001', '$resolve', { conflictId: 'cf-1', value: null }, 0, 'interference'),
    ]);
    expect(after.body.rejected.map((r) => r.code)).toEqual(['ALREADY_EXISTS', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);
    expect(after.body.rejected[1]?.message).toContain('append-only');
    // What the server holds is the first record, as it was.
    const pulled = (await leader.pullAll()).changes.filter((c) => c.entity === 'interference');
    expect(pulled.map((c) => [c.entityId, c.field, (c.value as { request: string }).request])).toEqual([['itf-00000001', '$create', '要求调高产值。']]);
  });

  it('refuses every other role’s entries and edits, alike whether the entry exists or not', async () => {
    expect((await leader.push([entry(leader, 'itf-00000001')])).body.rejected).toEqual([]);
    for (const d of [admin, town, enumerator]) {
      const answer = await d.push([
        entry(d, 'itf-00000002'),
        d.op('itf-00000001', 'request', '改', 0, 'interference'),
        d.op('itf-00000009', 'request', '改', 0, 'interference'),
      ]);
      expect(answer.body.rejected.map((r) => r.code)).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);
      expect(answer.body.rejected[1]?.message.replace('00000001', 'N')).toBe(answer.body.rejected[2]?.message.replace('00000009', 'N'));
    }
  });

  it('refuses an entry that the shared schema refuses (reported to nobody)', async () => {
    const answer = await leader.push([entry(leader, 'itf-00000003', createValue({ recordedById: leader.userId, response: 'reported', reportedTo: '' }))]);
    expect(answer.body.rejected.map((r) => r.code)).toEqual(['INVALID_VALUE']);
  });

  it('sends entries to the leadership only: other roles’ pulls, snapshots and verifies leave them out and still match', async () => {
    const before = new Map<Device, { total: string; count: number }>();
    for (const d of [admin, town, enumerator]) before.set(d, await verifyMatches(d));
    expect((await leader.push([entry(leader, 'itf-00000001'), entry(leader, 'itf-00000002')])).body.rejected).toEqual([]);

    const mine = await verifyMatches(leader);
    expect(mine.entities).toEqual(['interference', 'unit']);
    for (const d of [admin, town, enumerator]) {
      const seen = await verifyMatches(d);
      expect(seen.entities).toEqual(['unit']);
      // The entries changed nothing they can see: the same checksum as before.
      expect(seen).toMatchObject(before.get(d) ?? {});
      const snap = await call<{ changes: { entity: string }[]; entityIds: string[] }>(t.server.url, 'POST', '/sync/snapshot', { protocol: 1, areaPrefix: COUNTY }, { token: d.token });
      expect(snap.status).toBe(200);
      expect(snap.body.changes.map((c) => c.entity)).not.toContain('interference');
      expect(snap.body.entityIds).not.toContain('itf-00000001');
      const byId = await call<{ changes: unknown[]; entityIds: string[] }>(t.server.url, 'POST', '/sync/snapshot', { protocol: 1, entityIds: ['itf-00000001'] }, { token: d.token });
      expect(byId.body.changes).toEqual([]);
      expect(byId.body.entityIds).toEqual([]);
    }
    // The conflict lists read over the same scope clause (its parameters numbered after the hidden kinds').
    for (const d of [leader, admin, town, enumerator]) {
      const list = await call<{ conflicts: unknown[] }>(t.server.url, 'GET', '/sync/conflicts?status=open&after=0&limit=200', undefined, { token: d.token });
      expect(list.status).toBe(200);
      expect(list.body.conflicts).toEqual([]);
    }
    const snap = await call<{ changes: { entity: string }[] }>(t.server.url, 'POST', '/sync/snapshot', { protocol: 1, entityIds: ['itf-00000001'] }, { token: leader.token });
    expect(snap.body.changes.map((c) => c.entity)).toEqual(['interference']);
  });

  it('keeps a scope’s checksums apart from the same area’s with the kind hidden (one cache, two answers)', async () => {
    expect((await leader.push([entry(leader, 'itf-00000001')])).body.rejected).toEqual([]);
    const store = t.server.store;
    const seesAll = await store.checksum({ isAll: true });
    const hidesIt = await store.checksum({ isAll: true, hides: ['interference'] });
    expect(seesAll.checksum.count - hidesIt.checksum.count).toBe(1);
    // Asked again in the other order, from the cache: still two answers.
    expect((await store.checksum({ isAll: true, hides: ['interference'] })).checksum.total).toBe(hidesIt.checksum.total);
    expect((await store.checksum({ isAll: true })).checksum.total).toBe(seesAll.checksum.total);
    const county = await store.checksum({ isAll: false, prefixes: [COUNTY], hides: ['interference'] });
    expect(county.checksum.total).toBe(hidesIt.checksum.total);
  });

  it('refuses the leadership’s changes to census units (it reads them, the bureau’s staff register)', async () => {
    const sent = await leader.push([...leader.createUnit('unit-0000002', UNIT_AREA), leader.op('unit-0000001', 'name', '改名', 0)]);
    expect(sent.body.rejected.map((r) => r.code)).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);
    const { changes } = await leader.pullAll();
    expect(changes.filter((c) => c.entity === 'unit').map((c) => c.entityId)).toEqual(['unit-0000001', 'unit-0000001']);
  });
});
