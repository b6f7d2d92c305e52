import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assign, unassign } from '@server/admin/users';
import { createUnit, editItem, newUnit } from './helpers';
import { visibleUnits, World } from './world';

// Scope is the server's to enforce; the client follows it: it sees only its areas, a write
// outside them comes back rejected (and is shown), new areas arrive by snapshot and areas taken
// away are removed once nothing in them waits. A tampered op chain is refused.

const IN = '640502100001001';
const OUT = '640502100002001';

let world: World;
beforeEach(async () => {
  world = new World();
  await world.start();
  await world.user('enum01', 'enumerator', ['640502100001']);
  await world.user('super01', 'supervisor', ['640502100']);
});
afterEach(async () => world.close());

describe('scope', () => {
  it('pulls only units in the user\u2019s areas', async () => {
    const s = await world.client('s', 'super01');
    createUnit(s.core.db, 'unit-in-0001', newUnit({ areaCode: IN }));
    createUnit(s.core.db, 'unit-out-0001', newUnit({ areaCode: OUT }));
    await s.sync();
    const e = await world.client('e', 'enum01');
    await e.sync();
    expect(Object.keys(visibleUnits(e.core))).toEqual(['unit-in-0001']);
    expect(e.core.sync.status().scope).toEqual(['640502100001']);
  });

  it('rejects a write outside scope per op, shows it, and keeps syncing the rest', async () => {
    const e = await world.client('e', 'enum01');
    createUnit(e.core.db, 'unit-out-0002', newUnit({ areaCode: OUT }));
    createUnit(e.core.db, 'unit-in-0002', newUnit({ areaCode: IN }));
    await e.sync();
    const status = e.core.sync.status();
    expect(status.pending).toBe(0);
    expect(status.rejected.length).toBeGreaterThan(0);
    expect(status.rejected.every((r) => r.entityId === 'unit-out-0002')).toBe(true);
    expect(status.rejected.map((r) => r.code)).toContain('OUT_OF_SCOPE');
    const s = await world.client('s', 'super01');
    await s.sync();
    expect(Object.keys(visibleUnits(s.core))).toEqual(['unit-in-0002']);
  });

  it('fetches a newly assigned area and drops one taken away', async () => {
    const s = await world.client('s', 'super01');
    createUnit(s.core.db, 'unit-out-0003', newUnit({ areaCode: OUT }));
    createUnit(s.core.db, 'unit-in-0003', newUnit({ areaCode: IN }));
    await s.sync();
    const e = await world.client('e', 'enum01');
    await e.sync();
    expect(Object.keys(visibleUnits(e.core))).toEqual(['unit-in-0003']);
    await assign(world.server.store, 'enum01', ['640502100002']);
    await e.sync();
    expect(Object.keys(visibleUnits(e.core))).toEqual(['unit-in-0003', 'unit-out-0003']);
    await unassign(world.server.store, 'enum01', ['640502100002']);
    await e.sync();
    expect(Object.keys(visibleUnits(e.core))).toEqual(['unit-in-0003']);
  });

  it('removes an area taken away once the edit made there has gone up (and been refused)', async () => {
    const s = await world.client('s', 'super01');
    createUnit(s.core.db, 'unit-out-0005', newUnit({ areaCode: OUT }));
    await s.sync();
    await assign(world.server.store, 'enum01', ['640502100002']);
    const e = await world.client('e', 'enum01');
    await e.sync();
    editItem(e.core.db, 'unit-out-0005', '611', 'employees', 7);
    await unassign(world.server.store, 'enum01', ['640502100002']);
    // The edit goes up first (and is refused: no longer in scope), then the area is removed.
    await e.sync();
    await e.sync();
    expect(Object.keys(visibleUnits(e.core))).toEqual([]);
    expect(e.core.sync.status().rejected.map((r) => r.code)).toContain('OUT_OF_SCOPE');
  });
});

describe('op chain', () => {
  it('is refused by the server when an op was tampered with, and nothing from it on is stored', async () => {
    const e = await world.client('e', 'enum01');
    createUnit(e.core.db, 'unit-in-0004', newUnit({ areaCode: IN }));
    editItem(e.core.db, 'unit-in-0004', '611', 'employees', 30);
    editItem(e.core.db, 'unit-in-0004', '611', 'employees', 31);
    // Someone edits a stored op's value in the file (e.g. to change a figure after the fact).
    e.core.sqlite.prepare("UPDATE sync_outbox SET op = json_set(op, '$.value', 3) WHERE seq = 2").run();
    const result = await e.core.sync.engine.sync('manual');
    expect(result).toBeNull();
    const status = e.core.sync.status();
    expect(status.lastError?.code).toBe('CHAIN_BROKEN');
    expect(status.pending).toBeGreaterThan(0);
    const last = await world.server.store.lastOp(e.core.sync.engine.deviceId);
    expect(last.seq).toBe(1);
  });
});
