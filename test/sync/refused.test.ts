import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assign, unassign } from '@server/admin/users';
import { readStamp } from '@main/sync/identity';
import { parseHlc } from '@main/sync/hlc';
import { createUnit, editItem, newUnit, readContent } from './helpers';
import { visibleUnits, World, type Client } from './world';
import { dispatch } from '@main/ipc/dispatch';
import { REFUSED_LIST_LIMIT } from '@shared/sync/client-status';
import { uscc } from '../directory/helpers';

// A unit created while its area was taken from the enumerator is refused OUT_OF_SCOPE; its
// later edits would be refused UNKNOWN_ENTITY. It must stay visible as refused, its edits must
// wait, and once the area is back (or the unit moved to an area the user holds) a retry must
// carry the unit as it is now to the server and on to the supervisor: never stranded.

const AREA = '640502100001001';
const OTHER = '640502100002001';

let world: World;
beforeEach(async () => {
  world = new World();
  await world.start();
  await world.user('enum01', 'enumerator', ['640502100001']);
  await world.user('super01', 'supervisor', ['640502100']);
});
afterEach(async () => world.close());

const outbox = (c: Client) => c.core.sqlite.prepare('SELECT field FROM sync_outbox ORDER BY seq').pluck().all() as string[];
const refusals = (c: Client) => c.core.sync.status().rejected;

/** The scope flap: the area is unassigned, the laptop (not yet told) creates and edits a unit there, and syncs. */
async function refusedCreation(): Promise<Client> {
  const e = await world.client('e', 'enum01');
  await e.sync();
  await unassign(world.server.store, 'enum01', ['640502100001']);
  createUnit(e.core.db, 'unit-flap-0001', newUnit({ areaCode: AREA, name: '中卫市宏达商贸有限公司' }));
  editItem(e.core.db, 'unit-flap-0001', '611', 'employees', 25);
  await e.sync();
  return e;
}

describe('a unit refused during a scope change', () => {
  it('stays visible as refused, holds its later edits, and reaches the supervisor when retried after the area comes back', async () => {
    const e = await refusedCreation();
    const refused = refusals(e);
    const create = refused.find((r) => r.field === '$create');
    expect(create).toMatchObject({ entityId: 'unit-flap-0001', code: 'OUT_OF_SCOPE', state: 'open', isRetryable: true, canRetryNow: false, areaCode: AREA });
    // The edit pushed with it was refused UNKNOWN_ENTITY: carried by the creation's retry.
    expect(refused.find((r) => r.field !== '$create')).toMatchObject({ code: 'UNKNOWN_ENTITY', state: 'covered' });
    expect(Object.keys(visibleUnits(e.core))).toEqual(['unit-flap-0001']);
    expect(e.core.sync.status().pending).toBe(0);
    if (!create) throw new Error('no refused creation');

    // Edits made now wait beside the chain instead of being pushed into UNKNOWN_ENTITY.
    editItem(e.core.db, 'unit-flap-0001', '611', 'legalRep', '王五');
    expect(outbox(e)).toEqual([]);
    await e.sync();
    expect(refusals(e).filter((r) => r.code === 'UNKNOWN_ENTITY')).toHaveLength(1);
    // Not retryable while the area is still not the user's.
    expect(() => e.core.sync.retryRefused({ id: create.id })).toThrow(/still not assigned/);

    await assign(world.server.store, 'enum01', ['640502100001']);
    await e.sync();
    expect(refusals(e).find((r) => r.id === create.id)?.canRetryNow).toBe(true);
    e.core.sync.retryRefused({ id: create.id });
    expect(outbox(e)).toEqual(['$create']);
    await e.sync();
    expect(refusals(e).find((r) => r.id === create.id)?.state).toBe('retried');
    expect(e.core.sync.status().pending).toBe(0);

    const s = await world.client('s', 'super01');
    await s.sync();
    expect(Object.keys(visibleUnits(s.core))).toEqual(['unit-flap-0001']);
    // Everything the enumerator sees, including both edits made around the refusal.
    expect(visibleUnits(s.core)).toEqual(visibleUnits(e.core));
    expect(JSON.parse(readContent(s.core.db, 'unit-flap-0001')?.data ?? '{}')).toMatchObject({ '611': { employees: 25, legalRep: '王五' } });
    // And later edits go up as plain edits again.
    editItem(e.core.db, 'unit-flap-0001', '611', 'employees', 13);
    expect(outbox(e)).toEqual(['611.employees']);
    await e.sync();
    await s.sync();
    expect(visibleUnits(s.core)).toEqual(visibleUnits(e.core));
  });

  it('carries the latest state when a retried creation is refused again', async () => {
    const e = await refusedCreation();
    // Refused with employees 25 (an edit refused as UNKNOWN_ENTITY); then changed to 26 (held).
    editItem(e.core.db, 'unit-flap-0001', '611', 'employees', 26);
    await assign(world.server.store, 'enum01', ['640502100001']);
    await e.sync();
    const first = refusals(e).find((r) => r.field === '$create' && r.state === 'open');
    if (!first) throw new Error('no refused creation');
    e.core.sync.retryRefused({ id: first.id });
    // The area goes away again before the retry reaches the server.
    await unassign(world.server.store, 'enum01', ['640502100001']);
    await e.sync();
    const second = refusals(e).find((r) => r.field === '$create' && r.state === 'open');
    expect(second?.id).not.toBe(first.id);
    if (!second) throw new Error('not refused again');
    await assign(world.server.store, 'enum01', ['640502100001']);
    await e.sync();
    e.core.sync.retryRefused({ id: second.id });
    await e.sync();
    const s = await world.client('s', 'super01');
    await s.sync();
    expect(JSON.parse(readContent(s.core.db, 'unit-flap-0001')?.data ?? '{}')).toMatchObject({ '611': { employees: 26 } });
    expect(visibleUnits(s.core)).toEqual(visibleUnits(e.core));
  });

  it('can move a refused unit to an area the user holds and send it there', async () => {
    await world.user('enum02', 'enumerator', ['640502100001', '640502100002']);
    const e = await world.client('e', 'enum02');
    await e.sync();
    await unassign(world.server.store, 'enum02', ['640502100001']);
    createUnit(e.core.db, 'unit-move-0001', newUnit({ areaCode: AREA, name: '中卫市沙坡头酒店' }));
    await e.sync();
    const create = refusals(e).find((r) => r.field === '$create');
    if (!create) throw new Error('no refused creation');
    // Not to an area the user does not hold.
    expect(() => e.core.sync.retryRefused({ id: create.id, areaCode: '640502100003001' })).toThrow(/not assigned to you/);
    e.core.sync.retryRefused({ id: create.id, areaCode: OTHER });
    expect(readContent(e.core.db, 'unit-move-0001')?.areaCode).toBe(OTHER);
    await e.sync();
    const s = await world.client('s', 'super01');
    await s.sync();
    expect(readContent(s.core.db, 'unit-move-0001')?.areaCode).toBe(OTHER);
    expect(visibleUnits(s.core)).toEqual(visibleUnits(e.core));
  });

  it('records a refused edit again from its value once the area is back', async () => {
    const s = await world.client('s', 'super01');
    createUnit(s.core.db, 'unit-edit-0001', newUnit({ areaCode: AREA }));
    await s.sync();
    const e = await world.client('e', 'enum01');
    await e.sync();
    // The laptop edits while the area is away, and later gets it back.
    await unassign(world.server.store, 'enum01', ['640502100001']);
    editItem(e.core.db, 'unit-edit-0001', '611', 'employees', 77);
    await e.sync();
    const refused = refusals(e).find((r) => r.field === '611.employees');
    expect(refused).toMatchObject({ code: 'OUT_OF_SCOPE', isRetryable: true, canRetryNow: false });
    await assign(world.server.store, 'enum01', ['640502100001']);
    await e.sync();
    if (!refused) throw new Error('no refusal');
    expect(refusals(e).find((r) => r.id === refused.id)?.canRetryNow).toBe(true);
    e.core.sync.retryRefused({ id: refused.id });
    await e.sync();
    await s.sync();
    expect(JSON.parse(readContent(s.core.db, 'unit-edit-0001')?.data ?? '{}')).toMatchObject({ '611': { employees: 77 } });
  });

  it('retries a CLOCK_AHEAD refusal once the clock is right, from a clock started again', async () => {
    const e = await world.client('e', 'enum01');
    createUnit(e.core.db, 'unit-clock-0001', newUnit({ areaCode: AREA }));
    await e.sync();
    // The clock ran a year ahead when the edit was made, and the server refused the edit. (This
    // server build has no CLOCK_AHEAD check: the edit is refused for its area, and the refusal
    // is then labelled as the clock check would have labelled it.)
    const yearAhead = Date.now() + 365 * 24 * 3600 * 1000;
    e.core.sqlite.prepare("UPDATE sync_state SET value = json_object('wall', ?, 'counter', 0) WHERE key = 'hlc'").run(yearAhead);
    await unassign(world.server.store, 'enum01', ['640502100001']);
    editItem(e.core.db, 'unit-clock-0001', '611', 'employees', 9);
    await e.sync();
    e.core.sqlite.prepare("UPDATE sync_refused SET code = 'CLOCK_AHEAD', message = 'hlc far ahead of the server clock' WHERE field = '611.employees'").run();
    await assign(world.server.store, 'enum01', ['640502100001']);
    await e.sync();
    const refused = refusals(e).find((r) => r.code === 'CLOCK_AHEAD');
    // The clock is right now (the skew to the server is small): retryable.
    expect(refused).toMatchObject({ isRetryable: true, canRetryNow: true });
    if (!refused) throw new Error('no refusal');
    e.core.sync.retryRefused({ id: refused.id });
    const op = JSON.parse(e.core.sqlite.prepare("SELECT op FROM sync_outbox WHERE field = '611.employees'").pluck().get() as string) as { hlc: string };
    expect(parseHlc(op.hlc)?.wall ?? 0).toBeLessThan(Date.now() + 60_000);
    expect(readStamp(e.core.db).hlc.wall).toBeLessThan(yearAhead);
    await e.sync();
    expect(e.core.sync.status().pending).toBe(0);
    const s = await world.client('s', 'super01');
    await s.sync();
    expect(JSON.parse(readContent(s.core.db, 'unit-clock-0001')?.data ?? '{}')).toMatchObject({ '611': { employees: 9 } });
  });

  it('counts every open refusal beyond the listed ones, and names a refused enterprise by its name', async () => {
    const e = await world.client('e', 'enum01');
    await e.sync();
    await unassign(world.server.store, 'enum01', ['640502100001']);
    for (let i = 0; i <= REFUSED_LIST_LIMIT; i += 1) createUnit(e.core.db, `unit-many-${String(i).padStart(4, '0')}`, newUnit({ areaCode: AREA, name: `单位${i}` }));
    const saved = await dispatch(e.core.handlers, 'enterprises:save', { fields: { uscc: uscc('951'), name: '中卫市越界商贸有限公司', divisionCode: '640502100001', industryCode: '5211' } }, { shell: 'web' });
    expect(saved.ok).toBe(true);
    await e.sync();

    const status = e.core.sync.status();
    expect(status.rejected).toHaveLength(REFUSED_LIST_LIMIT);
    expect(status.rejectedOpenCount).toBe(REFUSED_LIST_LIMIT + 2);
    const enterprise = status.rejected.find((r) => r.entity === 'enterprise');
    expect(enterprise).toMatchObject({ field: '$create', code: 'OUT_OF_SCOPE', unitName: '中卫市越界商贸有限公司' });
  });
});
