import { afterAll, describe, expect, it } from 'vitest';
import { type Op, PROTOCOL_VERSION } from '@shared/sync/protocol';
import { readPushBody } from '@server/sync/push-body';
import { createPushBodyReader, defaultPushBodyThreads } from '@server/sync/push-body-pool';
import { AREA_A, createUser, Device, startTestServer, type TestServer } from './helpers';

// Large push bodies are checked on a worker thread (server/sync/push-body-pool.ts) while the
// request thread parses them: the joined answer must be the one the request thread alone gives,
// op by op (checks are matched to ops by index, so a mix of good, refused, reordered and
// tampered ops shows a shifted or lost one),
// and a server checking on a worker must store and answer exactly as one checking inline.

const by = { userId: 'u-pool', role: 'enumerator' as const };

/** A first sync's kind of batch: creates and names, one value the field check refuses, one op of another author, one tampered op. */
function mixedBatch(d: Device, units: number): Op[] {
  const ops: Op[] = [];
  for (let i = 0; i < units; i++) {
    const id = `pool-unit-${String(i).padStart(5, '0')}`;
    ops.push(...d.createUnit(id, AREA_A, `某某商贸有限公司第${i}分公司（${'经营地址'.repeat(20)}）`));
    if (i === 7) ops.push(d.op(id, 'no-such-field', 1));
  }
  // Keys out of canonical order (signed over the canonical text): stored as the canonical text.
  ops.push(d.op('pool-unit-unsorted', '$create', { source: 'field', kind: 'legal', areaCode: AREA_A }));
  const lastId = `pool-unit-${String(units - 1).padStart(5, '0')}`;
  ops.push(d.op(lastId, 'status', 'not-a-status'));
  const tampered = d.op(lastId, 'name', '原名称');
  ops.push({ ...tampered, value: '改过的名称' });
  ops.push(d.op(lastId, 'name', '不会存储'));
  return ops;
}

const bodyOf = (d: Device, ops: Op[]): Buffer => Buffer.from(JSON.stringify({ protocol: PROTOCOL_VERSION, deviceId: d.deviceId, ops }));

describe('push bodies read on a worker thread', () => {
  const reader = createPushBodyReader({ threads: 1, inlineBelowBytes: 0 });
  afterAll(() => reader.close());

  it('answer what the request thread answers: request, every op’s hash check and content check, and refusals', async () => {
    const d = new Device('', 'pool-device-0001');
    d.offlineUserId = by.userId;
    const body = bodyOf(d, mixedBatch(d, 200));
    expect(body.byteLength).toBeGreaterThan(64 * 1024);
    const inline = readPushBody(body, by);
    expect(await reader.read(Buffer.from(body), by)).toEqual(inline);
    // The mix is there to be seen: refused content, a wrong author, a wrong hash.
    if (!inline.ok) throw new Error('the batch should parse');
    expect(inline.checks.filter((c) => c.alone !== null).map((c) => c.alone?.code)).toEqual(['INVALID_FIELD', 'INVALID_VALUE']);
    expect(inline.checks.filter((c) => c.valueJson === null)).toHaveLength(1);
    expect(inline.checks).toContainEqual({ valueJson: `{"areaCode":"${AREA_A}","kind":"legal","source":"field"}`, alone: null });

    for (const bad of [Buffer.from('{"protocol":'), Buffer.from('{}'), Buffer.alloc(0), bodyOf(d, [{ ...d.op('x-00000001', 'name', 'a'), seq: 0 }])]) {
      const answer = await reader.read(bad, by);
      expect(answer).toEqual(readPushBody(bad, by));
      expect(answer.ok).toBe(false);
    }
  });

  it('the request thread’s body stays readable (the worker gets a copy), whole or a view', async () => {
    const d = new Device('', 'pool-device-0002');
    d.offlineUserId = by.userId;
    const whole = bodyOf(d, mixedBatch(d, 100));
    const view = whole.subarray(0, whole.byteLength);
    const padded = Buffer.concat([Buffer.from('  '), whole]).subarray(2);
    expect((await reader.read(padded, by)).ok).toBe(true);
    expect((await reader.read(view, by)).ok).toBe(true);
    // Neither was detached: both still read here.
    expect(padded.toString('utf8', 0, 12)).toBe('{"protocol":');
    expect(view.byteLength).toBe(whole.byteLength);
  });
});

describe('a server checking pushes on a worker', () => {
  const servers: TestServer[] = [];
  afterAll(async () => {
    for (const t of servers) await t.dispose();
  });

  it('stores and answers a large push exactly as a server checking inline', async () => {
    const outcomes: unknown[] = [];
    for (const threads of [0, 1]) {
      const t = await startTestServer({ pushBodyThreads: threads, now: () => Date.parse('2025-01-01T00:00:00.000Z') });
      servers.push(t);
      await createUser(t.server, 'wang', 'enumerator', [AREA_A]);
      const d = new Device(t.server.url, 'pool-laptop-0001');
      await d.login('wang');
      const pushed = await d.push(mixedBatch(d, 300), { isGzipped: true });
      expect(pushed.status).toBe(200);
      const { serverTime: _, ...answer } = pushed.body;
      const pulled = await d.pullAll();
      outcomes.push({ answer, changes: pulled.changes.map(({ gseq, entityId, field, value }) => ({ gseq, entityId, field, value })) });
    }
    expect(outcomes[1]).toEqual(outcomes[0]);
    // Stored up to the tampered op, the refusals reported, nothing after the halt.
    expect(outcomes[0]).toMatchObject({ answer: { halted: { code: 'CHAIN_BROKEN' }, rejected: [{ code: 'INVALID_FIELD' }, { code: 'INVALID_VALUE' }] } });
    expect((outcomes[0] as { changes: unknown[] }).changes).toHaveLength(601);
  });
});

describe('threads by default', () => {
  it('none on two cores or fewer (a worker only competes with the store’s thread), else the cores but two, up to four', () => {
    expect([1, 2, 3, 4, 6, 8, 64].map((cores) => defaultPushBodyThreads(cores))).toEqual([0, 0, 1, 2, 4, 4, 4]);
  });
});
