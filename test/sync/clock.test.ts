import { afterEach, describe, expect, it } from 'vitest';
import { readState } from '@main/sync/queries/state';
import { correctedNow, formatHlc, MAX_FORWARD_DRIFT_MS, tick } from '@main/sync/hlc';
import { stateKeys } from '@main/sync/state-keys';
import { createUnit, editItem, newUnit } from './helpers';
import { World } from './world';

// A laptop whose clock runs days ahead of the server's: the server refuses what it stamped by
// that clock (CLOCK_AHEAD, instead of letting it win every race), and the laptop, having
// measured the skew on that sync, stamps its next ops by the server's time and pulls its HLC
// back, so it does not go on producing refused ops.

const DAY = 24 * 60 * 60 * 1000;

describe('hlc against a wrong clock', () => {
  it('ticks from the corrected time and pulls a state far ahead of it back', () => {
    const now = 1_750_000_000_000;
    expect(correctedNow(now, -3 * DAY)).toBe(now - 3 * DAY);
    // A state stamped by a clock three days fast is pulled back to the corrected time.
    expect(tick({ wall: now, counter: 5 }, now - 3 * DAY)).toEqual({ wall: now - 3 * DAY, counter: 0 });
    // A state a little ahead (the clock stepped back by an hour) still only counts on.
    expect(tick({ wall: now, counter: 5 }, now - 3_600_000)).toEqual({ wall: now, counter: 6 });
    expect(tick({ wall: now + MAX_FORWARD_DRIFT_MS, counter: 0 }, now)).toEqual({ wall: now + MAX_FORWARD_DRIFT_MS, counter: 1 });
    expect(formatHlc(tick({ wall: now + MAX_FORWARD_DRIFT_MS + 1, counter: 0 }, now), 'device01')).toBe(`${now}-000000-device01`);
  });
});

describe('a laptop whose clock is days ahead of the server', () => {
  let world: World | undefined;
  afterEach(async () => world?.close());

  it('has the op stamped by the wrong clock refused CLOCK_AHEAD, then stamps by the server time and is accepted', async () => {
    let serverOffset = 0;
    world = new World({ now: () => Date.now() + serverOffset });
    await world.start();
    await world.user('enum01', 'enumerator', ['640502100001']);
    const a = await world.client('a', 'enum01');
    createUnit(a.core.db, 'unit-clock01', newUnit());
    await a.sync();
    expect(a.core.sync.status()).toMatchObject({ pending: 0, rejected: [] });

    // From here the laptop's clock is three days ahead of the server's (as if set wrong).
    serverOffset = -3 * DAY;
    editItem(a.core.db, 'unit-clock01', '611', 'employees', 30);
    await a.sync();
    expect(a.core.sync.status().rejected.map((r) => [r.field, r.code])).toEqual([['611.employees', 'CLOCK_AHEAD']]);
    const skew = readState(a.core.db, stateKeys.clockSkewMs) as number;
    expect(Math.abs(skew + 3 * DAY)).toBeLessThan(60_000);
    expect(a.core.sync.status().isClockSkewed).toBe(true);

    // The next edit is stamped by the corrected time, its HLC pulled back: accepted.
    editItem(a.core.db, 'unit-clock01', '611', 'legalRep', '马建国');
    await a.sync();
    expect(a.core.sync.status()).toMatchObject({ pending: 0 });
    expect(a.core.sync.status().rejected).toHaveLength(1);
    const states = await world.server.store.entityStates('unit', { isAll: true });
    expect(states[0]?.fields['611.legalRep']).toBe('马建国');
    const hlc = (await world.server.store.pull({ isAll: true }, 0, 100)).changes.find((c) => c.field === '611.legalRep')?.hlc ?? '';
    expect(Math.abs(Number(hlc.slice(0, 13)) - (Date.now() - 3 * DAY))).toBeLessThan(60_000);
  });
});
