import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { httpTransport, type Transport } from '@main/sync/transport';
import { defaultPushLimits, FIRST_PUSH_OPS, nextBatchOps } from '@main/sync/push';
import { PushRequest } from '@shared/sync/protocol';
import { createUnit, newUnit } from './helpers';
import { clientChecksum, visibleUnits, World } from './world';

// A laptop sizes its push requests as the server asks (PushResponse.nextMaxOps,
// server/sync/batch-hint.ts): FIRST_PUSH_OPS first, then the answer's hint within its own limits.
// The server asks each device pushing for its share of a budget of ops in flight, at most twice
// what it just sent: with one laptop and the default budget, requests double up to the laptop's
// limit; with a budget of 60 ops and two laptops pushing, each is asked for 30.

let world: World | null = null;
afterEach(async () => {
  await world?.close();
  world = null;
});

/** Records the number of ops in every push request the laptop sends. */
function countingPushes(): { transport: Transport; sizes: number[] } {
  const inner = httpTransport();
  const sizes: number[] = [];
  const transport: Transport = (req) => {
    if (req.url.endsWith('/sync/push') && req.body) {
      const text = req.headers['content-encoding'] === 'gzip' ? gunzipSync(req.body).toString('utf8') : Buffer.from(req.body).toString('utf8');
      sizes.push(PushRequest.parse(JSON.parse(text)).ops.length);
    }
    return inner(req);
  };
  return { transport, sizes };
}

async function pushUnits(pushBudgetOps: number | undefined, units: number, alsoPushing = false): Promise<number[]> {
  world = new World(pushBudgetOps === undefined ? {} : { pushBudgetOps });
  await world.start();
  await world.user('enum01', 'enumerator', ['640502100001001']);
  await world.user('super01', 'supervisor', ['640502100']);
  const { transport, sizes } = countingPushes();
  const a = await world.client('a', 'enum01', transport);
  for (let i = 0; i < units; i++) createUnit(a.core.db, `unit-hint-${String(i).padStart(4, '0')}`, newUnit({ name: `单位${i}` }));
  if (alsoPushing) {
    // Another laptop pushes just before: two devices share the budget for the next two seconds
    // (PUSHING_WINDOW_MS), in which the first laptop's four small requests go.
    await world.user('enum02', 'enumerator', ['640502100001002']);
    const b = await world.client('b', 'enum02');
    createUnit(b.core.db, 'unit-other-0001', newUnit({ name: '其他单位', areaCode: '640502100001002' }));
    await b.sync();
  }
  await a.sync();
  expect(a.core.sync.status().lastError).toBeNull();
  // Everything arrived once, in order, whatever the sizes: another laptop sees the same units.
  const s = await world.client('s', 'super01');
  await s.sync();
  const mine = visibleUnits(a.core);
  expect(Object.keys(mine)).toHaveLength(units);
  const seen = visibleUnits(s.core);
  expect(Object.fromEntries(Object.keys(mine).map((id) => [id, seen[id]]))).toEqual(mine);
  if (!alsoPushing) expect(clientChecksum(s.core)).toBe(clientChecksum(a.core));
  return sizes;
}

describe('push requests sized by the server', () => {
  it('start at FIRST_PUSH_OPS and double up to the laptop’s own limit when the server is idle', async () => {
    const sizes = await pushUnits(undefined, 1_430);
    expect(sizes).toEqual([FIRST_PUSH_OPS, 200, 400, defaultPushLimits.maxOps, 1_430 - 1_200]);
  });

  it('shrink to their share when the server’s budget is shared', async () => {
    const sizes = await pushUnits(60, 190, true);
    expect(sizes).toEqual([FIRST_PUSH_OPS, 30, 30, 30]);
  });

  it('keep the laptop’s limits when an older server gives no hint, and never go below one op', () => {
    expect(nextBatchOps(defaultPushLimits, undefined)).toBe(defaultPushLimits.maxOps);
    expect(nextBatchOps(defaultPushLimits, 1_000)).toBe(defaultPushLimits.maxOps);
    expect(nextBatchOps({ maxOps: 5, maxBytes: 1_000 }, 40)).toBe(5);
    expect(nextBatchOps(defaultPushLimits, 0)).toBe(1);
  });
});
