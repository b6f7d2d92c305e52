import { afterEach, describe, expect, it } from 'vitest';
import { AREA_A, AREA_OTHER_TOWNSHIP, call, createUser, Device, startTestServer, type TestServer, withEnumerator } from './helpers';

describe('push: each (device, seq) stored once', () => {
  const setup = withEnumerator();

  it('acks the highest contiguous seq and applies each op once however often the batch is replayed', async () => {
    const { d } = setup;
    const ops = [...d.createUnit('unit-0001', AREA_A), d.op('unit-0001', '611.revenue', 1200)];
    const first = await d.push(ops);
    expect(first.body).toMatchObject({ ackedSeq: 3, resendFrom: null, rejected: [], conflicts: [], halted: null });
    const replay = await d.push(ops);
    const shuffled = await d.push([ops[2]!, ops[0]!, ops[1]!, ops[0]!]);
    expect(replay.body).toMatchObject({ ackedSeq: 3, resendFrom: null, rejected: [], conflicts: [], halted: null });
    expect(shuffled.body.ackedSeq).toBe(3);
    const { changes } = await d.pullAll();
    expect(changes.map((c) => [c.gseq, c.field])).toEqual([
      [1, '$create'],
      [2, 'name'],
      [3, '611.revenue'],
    ]);
  });

  it('stores a reordered batch in seq order', async () => {
    const { d } = setup;
    const ops = d.createUnit('unit-0001', AREA_A);
    const answer = await d.push([ops[1]!, ops[0]!]);
    expect(answer.body).toMatchObject({ ackedSeq: 2, rejected: [] });
  });

  it('answers a gap with resendFrom, stores what came before it, and nothing after it', async () => {
    const { d } = setup;
    const ops = [...d.createUnit('unit-0001', AREA_A), d.op('unit-0001', 'status', 'draft'), d.op('unit-0001', 'name', '新名')];
    const gap = await d.push([ops[0]!, ops[2]!, ops[3]!]);
    expect(gap.body).toMatchObject({ ackedSeq: 1, resendFrom: 2 });
    const later = await d.push([ops[3]!]);
    expect(later.body).toMatchObject({ ackedSeq: 1, resendFrom: 2 });
    const rest = await d.push(ops.slice(1));
    expect(rest.body).toMatchObject({ ackedSeq: 4, resendFrom: null });
    const { changes } = await d.pullAll();
    expect(changes.find((c) => c.field === 'name')?.value).toBe('新名');
  });

  it('keeps a rejected op, reports it with its code, and applies the ops after it', async () => {
    const { d } = setup;
    const ops = [
      ...d.createUnit('unit-0001', AREA_A),
      d.op('unit-0001', 'nonsense', 1),
      d.op('unit-0001', 'status', 'flying'),
      d.op('unit-0009', 'name', 'never created'),
      d.op('unit-0001', '$create', { areaCode: AREA_A, kind: 'legal' }),
      d.op('unit-0001', 'status', 'approved'),
      d.op('unit-0001', 'status', 'draft'),
    ];
    const answer = await d.push(ops);
    expect(answer.body.ackedSeq).toBe(8);
    expect(answer.body.rejected.map((r) => [r.seq, r.code])).toEqual([
      [3, 'INVALID_FIELD'],
      [4, 'INVALID_VALUE'],
      // Never created: to an enumerator this reads as any unit outside its areas would.
      [5, 'OUT_OF_SCOPE'],
      [6, 'ALREADY_EXISTS'],
      [7, 'FORBIDDEN'],
    ]);
    // The same answer on replay: rejections are stored, not recomputed.
    expect((await d.push(ops)).body.rejected).toEqual(answer.body.rejected);
    const { changes } = await d.pullAll();
    expect(changes.find((c) => c.field === 'status')?.value).toBe('draft');
  });

  it('stops at a tampered op with CHAIN_BROKEN and stores nothing from it on', async () => {
    const { d } = setup;
    const ops = [...d.createUnit('unit-0001', AREA_A), d.op('unit-0001', '611.revenue', 100), d.op('unit-0001', 'status', 'draft')];
    const tampered = ops.map((o) => (o.seq === 3 ? { ...o, value: 999_999 } : o));
    const answer = await d.push(tampered);
    expect(answer.status).toBe(200);
    expect(answer.body.ackedSeq).toBe(2);
    expect(answer.body.halted).toMatchObject({ seq: 3, code: 'CHAIN_BROKEN' });
    const fields = (await d.pullAll()).changes.map((c) => c.field);
    expect(fields).toEqual(['$create', 'name']);
    // The genuine ops still go through afterwards.
    expect((await d.push(ops)).body).toMatchObject({ ackedSeq: 4, halted: null });
  });

  it('refuses a broken chain: an op whose prevHash is not the stored previous hash', async () => {
    const { t, d } = setup;
    const ops = d.createUnit('unit-0001', AREA_A);
    await d.push(ops);
    const forged = d.op('unit-0001', 'name', 'x');
    // Re-sign a copy that skips the chain: a valid hash over a wrong prevHash.
    const other = new Device(t.server.url, 'laptop-0001');
    other.tokens = d.tokens;
    other.seq = 2;
    other.lastHash = 'f'.repeat(64);
    const broken = other.op('unit-0001', 'name', 'forged');
    expect((await d.push([broken])).body.halted).toMatchObject({ seq: 3, code: 'CHAIN_BROKEN' });
    // A seq already stored, replayed with other content (and a hash matching it), is refused too.
    const rewritten = new Device(t.server.url, 'laptop-0001');
    rewritten.tokens = d.tokens;
    const replaced = rewritten.op('unit-0001', '$create', { areaCode: AREA_A, kind: 'individual' });
    expect((await d.push([replaced])).body.halted).toMatchObject({ seq: 1, code: 'CHAIN_BROKEN' });
    expect((await d.push([forged])).body).toMatchObject({ ackedSeq: 3, halted: null });
  });

  it('acks no further than the op before a halt, even when the stored chain goes on past it (a rolled-back laptop)', async () => {
    const { t, d } = setup;
    // Stored: 1..4, op 3 refused (so a replay reports stored outcomes).
    const ops = [...d.createUnit('unit-0001', AREA_A), d.op('unit-0009', 'name', 'never created'), d.op('unit-0001', 'status', 'draft')];
    expect((await d.push(ops)).body).toMatchObject({ ackedSeq: 4, halted: null });
    // The same laptop restored from a copy taken after seq 2: it signs another op 3.
    const restored = new Device(t.server.url, 'laptop-0001');
    restored.tokens = d.tokens;
    restored.seq = 2;
    restored.lastHash = ops[1]!.hash;
    const other = restored.op('unit-0001', '611.revenue', 4200);
    const alone = await d.push([other]);
    expect(alone.body).toMatchObject({ ackedSeq: 2, halted: { seq: 3, code: 'CHAIN_BROKEN' }, rejected: [] });
    // With the ops before it replayed: still acked through 2, and op 3's stored refusal is not
    // reported as the outcome of the laptop's own op 3.
    const withReplay = await d.push([ops[0]!, ops[1]!, other]);
    expect(withReplay.body).toMatchObject({ ackedSeq: 2, halted: { seq: 3 }, rejected: [] });
  });

  it("refuses ops of another device with DEVICE_MISMATCH and changes nothing", async () => {
    const { t, d } = setup;
    const stranger = new Device(t.server.url, 'laptop-0002');
    stranger.tokens = d.tokens;
    const answer = await stranger.push(stranger.createUnit('unit-0001', AREA_A));
    expect(answer.status).toBe(403);
    expect(answer.body.error?.code).toBe('DEVICE_MISMATCH');
    expect((await d.pullAll()).changes).toEqual([]);
  });

  it('rejects an invalid batch as a whole with INVALID_INPUT', async () => {
    const { t, d } = setup;
    const answer = await call(t.server.url, 'POST', '/sync/push', { protocol: 1, deviceId: d.deviceId, ops: [{ seq: 1 }] }, { token: d.token });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: { code: 'INVALID_INPUT' } });
  });
});

describe('push: body limits', () => {
  let t: TestServer;
  afterEach(async () => t.dispose());

  it('accepts a gzipped batch and refuses one that unzips past the cap with 413 PAYLOAD_TOO_LARGE', async () => {
    t = await startTestServer({ maxBodyBytes: 200_000 });
    await createUser(t.server, 'wang', 'enumerator', [AREA_A]);
    const d = new Device(t.server.url, 'laptop-0001');
    await d.login('wang');
    const small = await d.push(d.createUnit('unit-0001', AREA_A), { isGzipped: true });
    expect(small.body.ackedSeq).toBe(2);
    // ~1000 × 0.7 KB gzips to a few KB but unzips past the 200 KB cap.
    const big = Array.from({ length: 1000 }, () => d.op('unit-0001', 'address', 'x'.repeat(190)));
    const answer = await d.push(big, { isGzipped: true });
    expect(answer.status).toBe(413);
    expect(answer.body.error?.code).toBe('PAYLOAD_TOO_LARGE');
    expect((await d.pullAll()).changes).toHaveLength(2);
  });
});

describe('push: scope is enforced per op', () => {
  let t: TestServer;
  afterEach(async () => t.dispose());

  it('rejects ops on entities outside the caller scope as OUT_OF_SCOPE, keeps them, and applies the rest', async () => {
    t = await startTestServer();
    await createUser(t.server, 'wang', 'enumerator', [AREA_A]);
    await createUser(t.server, 'admin', 'admin');
    const admin = new Device(t.server.url, 'admin-laptop');
    await admin.login('admin');
    await admin.push(admin.createUnit('unit-far-01', AREA_OTHER_TOWNSHIP));
    const d = new Device(t.server.url, 'laptop-0001');
    await d.login('wang');
    const ops = [
      ...d.createUnit('unit-near-1', AREA_A),
      d.op('unit-far-01', 'name', 'not mine'),
      d.op('unit-far-02', '$create', { areaCode: AREA_OTHER_TOWNSHIP, kind: 'legal' }),
      d.op('unit-near-1', 'areaCode', AREA_OTHER_TOWNSHIP),
      d.op('unit-near-1', 'status', 'draft'),
    ];
    const answer = await d.push(ops);
    expect(answer.body.ackedSeq).toBe(6);
    expect(answer.body.rejected.map((r) => [r.seq, r.code])).toEqual([
      [3, 'OUT_OF_SCOPE'],
      [4, 'OUT_OF_SCOPE'],
      [5, 'OUT_OF_SCOPE'],
    ]);
    const adminView = await admin.pullAll();
    expect(adminView.changes.find((c) => c.entityId === 'unit-far-01' && c.field === 'name')?.value).toBe('某某有限公司');
    expect(adminView.changes.find((c) => c.entityId === 'unit-near-1' && c.field === 'status')?.value).toBe('draft');
  });
});
