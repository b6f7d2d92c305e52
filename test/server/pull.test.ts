import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SnapshotResponse, VerifyResponse } from '@shared/sync/api';
import { computeChecksum } from '@shared/sync/checksum';
import { assign, unassign } from '@server/admin/users';
import { AREA_A, AREA_B, AREA_OTHER_TOWNSHIP, call, createUser, Device, startTestServer, type TestServer } from './helpers';

const sha = (t: string): string => createHash('sha256').update(t).digest('hex');

describe('pull, snapshot and verify', () => {
  let t: TestServer;
  let admin: Device;
  let wang: Device;
  beforeEach(async () => {
    t = await startTestServer();
    await createUser(t.server, 'admin', 'admin');
    await createUser(t.server, 'wang', 'enumerator', [AREA_A]);
    admin = new Device(t.server.url, 'admin-laptop');
    wang = new Device(t.server.url, 'laptop-0001');
    await admin.login('admin');
    await wang.login('wang');
    // 3 units in A, 2 in B, 1 in another township.
    const ops = [
      ...['a-unit-001', 'a-unit-002', 'a-unit-003'].flatMap((id) => admin.createUnit(id, AREA_A)),
      ...['b-unit-001', 'b-unit-002'].flatMap((id) => admin.createUnit(id, AREA_B)),
      ...admin.createUnit('far-unit-01', AREA_OTHER_TOWNSHIP),
    ];
    expect((await admin.push(ops)).body.rejected).toEqual([]);
  });
  afterEach(async () => t.dispose());

  it('returns only entities in the caller scope, with the scope list', async () => {
    const { changes } = await wang.pullAll();
    expect(new Set(changes.map((c) => c.entityId))).toEqual(new Set(['a-unit-001', 'a-unit-002', 'a-unit-003']));
    expect(changes.every((c) => c.scopeKey === AREA_A)).toBe(true);
    expect((await wang.pull()).body.scope).toEqual([AREA_A]);
    expect((await admin.pull()).body.scope).toEqual(['']);
    expect(new Set((await admin.pullAll()).changes.map((c) => c.entityId)).size).toBe(6);
  });

  it('pages by gseq and sends a field changed twice since the cursor once, at its latest value', async () => {
    const first = await wang.pullAll();
    await admin.push([admin.op('a-unit-001', 'status', 'draft'), admin.op('a-unit-001', 'status', 'completed')]);
    await admin.push([admin.op('b-unit-001', 'status', 'draft')]);
    const since = await wang.pullAll(first.cursor);
    expect(since.changes.map((c) => [c.entityId, c.field, c.value])).toEqual([['a-unit-001', 'status', 'completed']]);

    const paged = await admin.pullAll(0, 4);
    expect(paged.pages).toBe(4);
    const gseqs = paged.changes.map((c) => c.gseq);
    expect(gseqs).toEqual([...gseqs].sort((x, y) => x - y));
    expect(paged.changes.filter((c) => c.entityId === 'a-unit-001' && c.field === 'status')).toHaveLength(1);
    // Nothing new: an empty page, the same cursor, and a small answer.
    const noop = await wang.pull(since.cursor);
    expect(noop.body).toMatchObject({ changes: [], hasMore: false, cursor: since.cursor });
    expect(JSON.stringify(noop.body).length).toBeLessThan(2048);
  });

  it('reports scope gained and lost; a snapshot of the new area brings its state from below the cursor', async () => {
    const first = await wang.pullAll();
    await assign(t.server.store, 'wang', [AREA_B]);
    await unassign(t.server.store, 'wang', [AREA_A]);
    const page = await wang.pull(first.cursor, 100, { scope: [AREA_A] });
    expect(page.body).toMatchObject({ scopeChanged: true, scopeAdded: [AREA_B], scopeRemoved: [AREA_A], changes: [] });
    const snap = await call<SnapshotResponse>(t.server.url, 'POST', '/sync/snapshot', { protocol: 1, areaPrefix: AREA_B }, { token: wang.token });
    expect(snap.body.entityIds).toEqual(['b-unit-001', 'b-unit-002']);
    expect(snap.body.changes.map((c) => `${c.entityId}:${c.field}`)).toEqual([
      'b-unit-001:$create',
      'b-unit-001:name',
      'b-unit-002:$create',
      'b-unit-002:name',
    ]);
    // A snapshot of an area outside the scope is empty, never someone else's data.
    const far = await call<SnapshotResponse>(t.server.url, 'POST', '/sync/snapshot', { protocol: 1, areaPrefix: AREA_OTHER_TOWNSHIP }, { token: wang.token });
    expect(far.body.changes).toEqual([]);
  });

  it('pages a snapshot with a page token', async () => {
    const seen: string[] = [];
    let page: string | undefined;
    for (;;) {
      const snap: { body: SnapshotResponse } = await call<SnapshotResponse>(
        t.server.url,
        'POST',
        '/sync/snapshot',
        { protocol: 1, areaPrefix: '640502', limit: 3, ...(page ? { page } : {}) },
        { token: admin.token },
      );
      seen.push(...snap.body.changes.map((c) => `${c.entityId}:${c.field}`));
      if (!snap.body.nextPage) break;
      page = snap.body.nextPage;
    }
    expect(seen).toHaveLength(12);
    expect(new Set(seen).size).toBe(12);
  });

  it('pages a snapshot without losing or repeating a field, whatever the page size and fields per entity', async () => {
    // Entities of one field ('$create' alone) next to ones of three: a page may end on an
    // entity's last field, in the middle of one, or exactly at an entity boundary.
    const single = ['s-unit-001', 's-unit-002', 's-unit-003', 's-unit-004', 's-unit-005'].map((id) => admin.op(id, '$create', { areaCode: AREA_A, kind: 'legal', source: 'field' }));
    const extra = [admin.op('a-unit-002', 'status', 'draft'), admin.op('a-unit-002', '611.employees', 12)];
    expect((await admin.push([...single, ...extra])).body.rejected).toEqual([]);
    const whole = await call<SnapshotResponse>(t.server.url, 'POST', '/sync/snapshot', { protocol: 1, areaPrefix: '640502' }, { token: admin.token });
    const all = whole.body.changes.map((c) => `${c.entityId}:${c.field}`);
    expect(all).toHaveLength(19);
    for (let limit = 1; limit <= 8; limit++) {
      const seen: string[] = [];
      let page: string | undefined;
      for (let requests = 0; ; requests++) {
        expect(requests).toBeLessThan(30);
        const snap: { body: SnapshotResponse } = await call<SnapshotResponse>(
          t.server.url,
          'POST',
          '/sync/snapshot',
          { protocol: 1, areaPrefix: '640502', limit, ...(page ? { page } : {}) },
          { token: admin.token },
        );
        expect(snap.body.changes.length).toBeLessThanOrEqual(limit);
        seen.push(...snap.body.changes.map((c) => `${c.entityId}:${c.field}`));
        if (!snap.body.nextPage) break;
        page = snap.body.nextPage;
      }
      expect(seen, `limit ${limit}`).toEqual(all);
    }
  });

  it('verifies: the checksum of what the client pulled matches; a differing bucket is found and refetched alone', async () => {
    const pulled = await wang.pullAll();
    const local = computeChecksum(
      pulled.changes.map((c) => ({ entity: c.entity, entityId: c.entityId, field: c.field, version: c.gseq })),
      sha,
    );
    const verify = (body: object) =>
      call<VerifyResponse>(t.server.url, 'POST', '/sync/verify', { protocol: 1, ...body }, { token: wang.token });
    const same = await verify({ total: local.total });
    expect(same.body).toMatchObject({ isMatch: true, total: local.total, count: 6, buckets: {}, asOf: pulled.cursor });

    // The client missed one change: only that unit's bucket differs.
    await admin.push([admin.op('a-unit-002', 'status', 'draft')]);
    const stale = await verify({ total: local.total, buckets: local.buckets });
    expect(stale.body.isMatch).toBe(false);
    const bucket = sha('a-unit-002').slice(0, 2);
    expect(stale.body.differingBuckets).toEqual([bucket]);
    const refetch = await call<SnapshotResponse>(t.server.url, 'POST', '/sync/snapshot', { protocol: 1, buckets: [bucket] }, { token: wang.token });
    expect(refetch.body.changes.map((c) => c.entityId)).toContain('a-unit-002');
    expect(refetch.body.changes.find((c) => c.field === 'status')?.value).toBe('draft');
  });

  it('moves a unit to another area: it leaves the old area\'s pulls, and verify + bucket snapshot tell the old holder it is gone', async () => {
    await createUser(t.server, 'chen', 'supervisor', ['640502001']);
    const sup = new Device(t.server.url, 'laptop-sup1');
    await sup.login('chen');
    const before = await wang.pullAll();
    const local = computeChecksum(before.changes.map((c) => ({ entity: c.entity, entityId: c.entityId, field: c.field, version: c.gseq })), sha);
    const moved = await sup.push([sup.op('a-unit-003', 'areaCode', AREA_B, 0)]);
    expect(moved.body.rejected).toEqual([]);
    expect((await wang.pullAll(before.cursor)).changes).toEqual([]);
    const supView = await sup.pullAll(0);
    expect(supView.changes.find((c) => c.entityId === 'a-unit-003' && c.field === 'areaCode')?.scopeKey).toBe(AREA_B);
    const verify = await call<VerifyResponse>(t.server.url, 'POST', '/sync/verify', { protocol: 1, total: local.total, buckets: local.buckets }, { token: wang.token });
    const bucket = sha('a-unit-003').slice(0, 2);
    expect(verify.body.differingBuckets).toEqual([bucket]);
    const snap = await call<SnapshotResponse>(t.server.url, 'POST', '/sync/snapshot', { protocol: 1, buckets: [bucket] }, { token: wang.token });
    expect(snap.body.entityIds).not.toContain('a-unit-003');
  });

  it('refuses a malformed snapshot request with INVALID_INPUT', async () => {
    const both = await call(t.server.url, 'POST', '/sync/snapshot', { protocol: 1, areaPrefix: AREA_A, buckets: ['00'] }, { token: wang.token });
    expect(both.status).toBe(400);
    const badPage = await call(t.server.url, 'POST', '/sync/snapshot', { protocol: 1, areaPrefix: AREA_A, page: 'nope' }, { token: wang.token });
    expect(badPage.body).toMatchObject({ error: { code: 'INVALID_INPUT' } });
  });
});
