import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_CLOCK_AHEAD_MS } from '@shared/sync/protocol';
import { AREA_A, createUser, Device, startTestServer, type TestServer } from './helpers';

// An op's claims are bounded by what the server knows: the version its author says it had seen
// cannot be one the server never issued (baseVersion 2^53−1 overwrote another laptop's value
// with no conflict), and its HLC may not run more than a day ahead of the server's clock (a
// far-future HLC won every race). Both are refused per op, with a code the laptop can explain.

const SERVER_NOW = Date.UTC(2025, 2, 15, 2, 0, 0);

describe('op bounds', () => {
  let t: TestServer;
  let a: Device;
  let b: Device;
  beforeEach(async () => {
    t = await startTestServer({ now: () => SERVER_NOW });
    await createUser(t.server, 'wang', 'enumerator', [AREA_A]);
    await createUser(t.server, 'zhao', 'enumerator', [AREA_A]);
    a = new Device(t.server.url, 'laptop-aaaa', SERVER_NOW - 60_000);
    b = new Device(t.server.url, 'laptop-bbbb', SERVER_NOW - 60_000);
    await a.login('wang');
    await b.login('zhao');
    expect((await a.push(a.createUnit('unit-0001', AREA_A))).body.rejected).toEqual([]);
  });
  afterEach(async () => t.dispose());

  const current = async (field: string) => (await a.pullAll()).changes.find((c) => c.field === field)?.value;

  it('refuses a baseVersion beyond the newest gseq issued, and a racing edit still conflicts', async () => {
    expect((await a.push([a.op('unit-0001', 'address', 'A 的地址', 0)])).body.rejected).toEqual([]);
    const forged = await b.push([b.op('unit-0001', 'address', 'B 的地址', Number.MAX_SAFE_INTEGER)]);
    expect(forged.body.rejected).toEqual([{ seq: 1, code: 'INVALID_VALUE', message: expect.stringContaining('beyond the newest version') }]);
    expect(await current('address')).toBe('A 的地址');
    // One past the newest gseq is refused too: the push above issued gseq 3 (create, name, address).
    expect((await b.push([b.op('unit-0001', 'address', 'B 的地址', 4)])).body.rejected.map((r) => r.code)).toEqual(['INVALID_VALUE']);
    // An honest edit made without seeing A's is a conflict, as ever.
    const racing = await b.push([b.op('unit-0001', 'address', 'B 的地址', 0)]);
    expect(racing.body.rejected).toEqual([]);
    expect(racing.body.conflicts).toHaveLength(1);
    // And one made after seeing the race (baseVersion = the newest gseq, 4) simply applies.
    expect((await b.push([b.op('unit-0001', 'address', 'B 改过的地址', 4)])).body).toMatchObject({ rejected: [], conflicts: [] });
  });

  it('refuses an op stamped more than a day ahead of the server clock (CLOCK_AHEAD), so it cannot win every race', async () => {
    expect((await a.push([a.op('unit-0001', 'address', 'A 的地址', 0)])).body.rejected).toEqual([]);
    b.wallMs = SERVER_NOW + MAX_CLOCK_AHEAD_MS + 60_000;
    const ahead = await b.push([b.op('unit-0001', 'address', '未来的地址', 0)]);
    expect(ahead.body.ackedSeq).toBe(1);
    expect(ahead.body.rejected).toEqual([{ seq: 1, code: 'CLOCK_AHEAD', message: expect.stringContaining('24 hours ahead') }]);
    expect(ahead.body.conflicts).toEqual([]);
    expect(await current('address')).toBe('A 的地址');
    // Within the bound the clock is only flagged, as designed: the op is taken (and wins its race).
    b.wallMs = SERVER_NOW + MAX_CLOCK_AHEAD_MS - 60_000;
    const near = await b.push([b.op('unit-0001', 'address', '明天的地址', 0)]);
    expect(near.body.rejected).toEqual([]);
    expect(near.body.conflicts).toMatchObject([{ isIncomingWinner: true }]);
  });
});
