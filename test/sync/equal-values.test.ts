import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppDatabase } from '@db/open';
import { units } from '@db/schema';
import { recordUnitChange } from '@main/registration/unit-ops';
import { createUnit, editItem, newUnit, readContent } from './helpers';
import { visibleUnits, World } from './world';

// Two laptops that make the same edit without seeing each other have nothing for anyone to
// decide: the server applies the second as it would an edit made after seeing the first, and
// no conflict is raised (a "draft vs draft" conflict was raised in real use).

let world: World;
beforeEach(async () => {
  world = new World();
  await world.start();
  await world.user('enum01', 'enumerator', ['640502100001']);
  await world.user('enum02', 'enumerator', ['640502100001']);
  await world.user('super01', 'supervisor', ['640502100']);
});
afterEach(async () => world.close());

function setStatus(db: AppDatabase, id: string, status: string): void {
  db.transaction((tx) => {
    const before = readContent(db, id);
    if (!before) throw new Error(`no unit ${id}`);
    tx.update(units).set({ status }).where(eq(units.id, id)).run();
    recordUnitChange(tx, id, before, { ...before, status });
  });
}

describe('equal values from two laptops', () => {
  it('raise no conflict (status draft on both, the same answer on both), while a different value still does', async () => {
    const a = await world.client('a', 'enum01');
    const b = await world.client('b', 'enum02');
    const c = await world.client('c', 'super01');
    createUnit(a.core.db, 'unit-eq00001', newUnit({ status: 'not_started' }));
    await a.sync();
    await b.sync();
    // Offline on both laptops: the same status, the same answer, and one different answer.
    setStatus(a.core.db, 'unit-eq00001', 'draft');
    setStatus(b.core.db, 'unit-eq00001', 'draft');
    editItem(a.core.db, 'unit-eq00001', '611', 'legalRep', '王秀英');
    editItem(b.core.db, 'unit-eq00001', '611', 'legalRep', '王秀英');
    editItem(a.core.db, 'unit-eq00001', '611', 'employees', 21);
    editItem(b.core.db, 'unit-eq00001', '611', 'employees', 22);
    for (const x of [a, b, c, a]) await x.sync();

    const open = await world.server.store.listConflicts({ scope: { isAll: true }, onlyUserId: null }, { status: 'all', after: 0, limit: 100 });
    expect(open.map((x) => x.field)).toEqual(['611.employees']);
    for (const x of [a, b, c]) {
      expect(x.core.sync.status().conflicts.map((n) => n.field)).toEqual(['611.employees']);
      const unit = visibleUnits(x.core)['unit-eq00001'] as { status: string; data: Record<string, Record<string, unknown>> };
      expect(unit.status).toBe('draft');
      expect(unit.data['611']?.legalRep).toBe('王秀英');
    }
  });
});
