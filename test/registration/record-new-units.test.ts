import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '@main/core';
import { recordNewUnits, recordUnitWrite } from '@main/registration/unit-ops';
import { findChainBreak } from '@main/sync/chain';
import { readState, writeState } from '@main/sync/queries/state';
import { stateKeys } from '@main/sync/state-keys';
import { Op } from '@shared/sync/protocol';
import { generateUnits, seedRegistration } from '../../scripts/bench/registration-seed';
import { randomKey } from '../helpers/store';

// A frame import records its '$create' ops through recordNewUnits (chunked reads, one outbox
// call per chunk, the checkpoint deferred): the outbox it leaves must be byte for byte what
// recording each unit on its own through the general path (recordUnitWrite) leaves.

const cores: Core[] = [];
afterEach(() => {
  for (const c of cores.splice(0)) c.close();
});

const AT = new Date('2026-03-02T08:00:00.000Z');

function twin(list: ReturnType<typeof generateUnits>, accountId: string): Core {
  const core = createCore({ dbPath: ':memory:', key: randomKey(), shell: 'web', appVersion: '0.9.0' });
  core.sync.stop();
  cores.push(core);
  // One device, one account, one clock: what differs between the twins is only how they record.
  writeState(core.db, stateKeys.deviceId, 'dTwinDevice0000000000');
  if (accountId !== '') writeState(core.db, stateKeys.userId, accountId);
  writeState(core.db, stateKeys.hlc, { wall: AT.getTime() - 5_000, counter: 3 });
  seedRegistration(core.db, list);
  return core;
}

const outbox = (core: Core): unknown[][] =>
  core.sqlite.prepare('SELECT seq, entity, entity_id, field, area_code, status, op FROM sync_outbox ORDER BY seq').raw().all() as unknown[][];

describe('recording a frame import', () => {
  // More than two chunks of reads (500 ids each), and a unit on each side of every boundary.
  const list = generateUnits(1_101, { seed: 16 });
  const ids = list.map((u) => u.id);

  it.each([
    ['signed (after a login)', 'u-enumerator-1'],
    ['unsealed (before the first login)', ''],
  ])('leaves the same outbox rows and chain head as recording unit by unit: %s', (_, accountId) => {
    const batched = twin(list, accountId);
    const single = twin(list, accountId);
    // Ops already in the chain: the batch continues it.
    single.db.transaction((tx) => recordUnitWrite(tx, ids[0] ?? '', null, AT));
    batched.db.transaction((tx) => recordUnitWrite(tx, ids[0] ?? '', null, AT));

    const recorded = batched.sync.engine.bulkWrite(() => batched.db.transaction((tx) => recordNewUnits(tx, ids.slice(1), AT)));
    single.db.transaction((tx) => {
      for (const id of ids.slice(1)) recordUnitWrite(tx, id, null, AT);
    });

    expect(recorded).toBe(ids.length - 1);
    const rows = outbox(batched);
    expect(rows).toHaveLength(ids.length);
    expect(rows).toEqual(outbox(single));
    for (const key of [stateKeys.seq, stateKeys.headHash, stateKeys.hlc]) expect(readState(batched.db, key)).toEqual(readState(single.db, key));
    if (accountId !== '') {
      const ops = rows.map((r) => Op.parse(JSON.parse(String(r[6]))));
      expect(findChainBreak(ops, '')).toBeNull();
      expect(readState(batched.db, stateKeys.headHash)).toBe(ops.at(-1)?.hash);
    }
  });

  it('records nothing when a unit is missing: the transaction rolls back whole', () => {
    const core = twin(list.slice(0, 3), 'u-enumerator-1');
    expect(() => core.db.transaction((tx) => recordNewUnits(tx, [...ids.slice(0, 3), 'no-such-unit'], AT))).toThrow('no-such-unit');
    expect(outbox(core)).toHaveLength(0);
    expect(readState(core.db, stateKeys.seq)).toBeUndefined();
  });
});
