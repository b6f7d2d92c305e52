import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AREA, createUnit, editItem, newUnit } from './helpers';
import { clientChecksum, visibleUnits, World } from './world';

// Three laptops and the bureau server, all real: edits made offline converge.

let world: World;
beforeEach(async () => {
  world = new World();
  await world.start();
  await world.user('enum01', 'enumerator', ['640502100001']);
  await world.user('enum02', 'enumerator', ['640502100001']);
  await world.user('super01', 'supervisor', ['640502100']);
});
afterEach(async () => world.close());

describe('three clients and the server', () => {
  it('converge to identical units and checksums after offline edits, merging different fields', async () => {
    const a = await world.client('a', 'enum01');
    const b = await world.client('b', 'enum02');
    const c = await world.client('c', 'super01');
    createUnit(a.core.db, 'unit-a0001', newUnit());
    createUnit(b.core.db, 'unit-b0001', newUnit({ name: '中卫市黄河建材经营部', kind: 'establishment' }));
    await a.sync();
    await b.sync();
    await c.sync();
    await a.sync();
    // Offline: different fields of the same unit on three laptops.
    editItem(a.core.db, 'unit-a0001', '611', 'employees', 20);
    editItem(b.core.db, 'unit-a0001', '611', 'legalRep', '马建国');
    editItem(c.core.db, 'unit-a0001', '611', 'phoneMobile', '13900000000');
    editItem(c.core.db, 'unit-b0001', '611', 'employees', 3);
    for (const x of [a, b, c]) await x.sync();
    for (const x of [a, b, c]) await x.sync();
    const expected = visibleUnits(a.core);
    expect(Object.keys(expected)).toEqual(['unit-a0001', 'unit-b0001']);
    expect((expected['unit-a0001'] as { data: Record<string, unknown> }).data['611']).toMatchObject({
      employees: 20,
      legalRep: '马建国',
      phoneMobile: '13900000000',
    });
    expect(visibleUnits(b.core)).toEqual(expected);
    expect(visibleUnits(c.core)).toEqual(expected);
    expect(clientChecksum(b.core)).toBe(clientChecksum(a.core));
    expect(clientChecksum(c.core)).toBe(clientChecksum(a.core));
    for (const x of [a, b, c]) {
      const s = x.core.sync.status();
      expect(s.pending).toBe(0);
      expect(s.conflicts).toEqual([]);
      expect(s.lastError).toBeNull();
    }
    expect(AREA.startsWith('640502100001')).toBe(true);
    // Units that came from the server carry this laptop's finding counts, as a save would
    // (recomputed just after the sync).
    await b.core.sync.engine.settled();
    const countsOf = (x: typeof a) =>
      x.core.sqlite
        .prepare("SELECT findings_mandatory AS m, findings_verify AS v, findings_hint AS h FROM units WHERE id = 'unit-a0001'")
        .get() as { m: number; v: number; h: number };
    expect(countsOf(b).m).toBeGreaterThan(0);
    expect(countsOf(b)).toEqual(countsOf(a));
  });

  it('turns same-field edits into exactly one conflict each and loses neither value', async () => {
    const a = await world.client('a', 'enum01');
    const b = await world.client('b', 'enum02');
    const c = await world.client('c', 'super01');
    createUnit(a.core.db, 'unit-a0002', newUnit());
    await a.sync();
    await b.sync();
    editItem(a.core.db, 'unit-a0002', '611', 'employees', 21);
    editItem(b.core.db, 'unit-a0002', '611', 'employees', 22);
    editItem(a.core.db, 'unit-a0002', '611', 'legalRep', '王秀英');
    editItem(b.core.db, 'unit-a0002', '611', 'legalRep', '李伟');
    await a.sync();
    await b.sync();
    await a.sync();
    await c.sync();
    const conflicts = c.core.sync.status().conflicts;
    expect(conflicts.map((x) => x.field).sort()).toEqual(['611.employees', '611.legalRep']);
    const records = await world.server.store.listConflicts({ scope: { isAll: true }, onlyUserId: null }, { status: 'all', after: 0, limit: 100 });
    expect(records).toHaveLength(2);
    for (const r of records) expect(new Set([r.current.value, r.incoming.value]).size).toBe(2);
    expect(visibleUnits(b.core)).toEqual(visibleUnits(a.core));
    expect(visibleUnits(c.core)).toEqual(visibleUnits(a.core));
    expect(clientChecksum(b.core)).toBe(clientChecksum(a.core));
  });

  it('never runs two syncs at once: a second request joins the one running', async () => {
    const a = await world.client('a', 'enum01');
    createUnit(a.core.db, 'unit-a0003', newUnit());
    const before = a.core.sync.log().length;
    const [first, second] = await Promise.all([a.core.sync.engine.sync('manual'), a.core.sync.engine.sync('online')]);
    expect(second).toBe(first);
    expect(a.core.sync.log()).toHaveLength(before + 1);
  });
});
