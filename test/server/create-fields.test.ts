import { execServer } from '../helpers/test-database';
import { describe, expect, it } from 'vitest';
import { unitTable } from '@server/admin/export';
import { computeChecksum } from '@shared/sync/checksum';
import type { VerifyResponse } from '@shared/sync/api';
import type { JsonValue } from '@shared/sync/protocol';
import { AREA_A, AREA_OTHER_TOWNSHIP, call, sha256, withEnumerator } from './helpers';

// A new unit is one '$create' op carrying its initial fields (value.fields): the server holds
// them to the same whitelist, value and role checks as field ops, and its exports see them.

const create = (fields: Record<string, JsonValue>): JsonValue => ({ areaCode: AREA_A, kind: 'legal', source: 'field', fields });

describe('a $create with initial fields', () => {
  const setup = withEnumerator();

  it('is applied whole when every initial field passes, and exported and pulled with them', async () => {
    const { t, d } = setup;
    const ops = [
      d.op('unit-0001', '$create', create({ name: '某某商贸有限公司', status: 'draft', '611.revenue': 1200, '611.phoneMobile': '13900000000' })),
      d.op('unit-0001', '611.revenue', 1300),
    ];
    const answer = await d.push(ops);
    expect(answer.body).toMatchObject({ ackedSeq: 2, rejected: [] });
    const [unit] = await t.server.store.entityStates('unit', { isAll: true });
    // Initial fields become fields of their own; a later op wins over the initial value.
    expect(unit?.fields).toMatchObject({ name: '某某商贸有限公司', status: 'draft', '611.revenue': 1300, '611.phoneMobile': '13900000000' });
    const table = unitTable(unit ? [unit] : []);
    const row = Object.fromEntries(table.header.map((h, i) => [h, table.rows[0]?.[i]]));
    expect(row).toMatchObject({ id: 'unit-0001', areaCode: AREA_A, kind: 'legal', source: 'field', name: '某某商贸有限公司', '611.revenue': 1300 });
    const { changes } = await d.pullAll();
    const created = changes.find((c) => c.field === '$create');
    expect(created?.value).toMatchObject({ fields: { name: '某某商贸有限公司', '611.revenue': 1200 } });
  });

  it('is rejected per op, with the inner field named, when an initial field would be refused on its own', async () => {
    const { t, d } = setup;
    const cases: [Record<string, JsonValue>, string][] = [
      [{ nonsense: 1 }, 'INVALID_FIELD'],
      [{ status: 'flying' }, 'INVALID_VALUE'],
      [{ '611.revenue': { nested: true } }, 'INVALID_VALUE'],
      // The identity's areaCode decides the scope; a second one inside would show the unit elsewhere.
      [{ areaCode: AREA_OTHER_TOWNSHIP }, 'INVALID_FIELD'],
      [{ $create: { areaCode: AREA_A, kind: 'legal' } }, 'INVALID_FIELD'],
      [{ $resolve: { conflictId: 'cf-1', value: 1 } }, 'INVALID_FIELD'],
      // Review outcomes are a supervisor's: an enumerator cannot create a unit already approved.
      [{ status: 'approved' }, 'FORBIDDEN'],
    ];
    const ops = cases.map(([fields], i) => d.op(`unit-${String(i).padStart(4, '0')}`, '$create', create(fields)));
    const bad = d.op('unit-0100', '$create', { areaCode: AREA_A, kind: 'legal', fields: ['not', 'an', 'object'] });
    const good = d.op('unit-0200', '$create', create({ name: '好单位' }));
    const answer = await d.push([...ops, bad, good]);
    expect(answer.body.ackedSeq).toBe(cases.length + 2);
    expect(answer.body.rejected.map((r) => r.code)).toEqual([...cases.map(([, code]) => code), 'INVALID_VALUE']);
    expect(answer.body.rejected[0]?.message).toContain('$create.fields');
    const states = await t.server.store.entityStates('unit', { isAll: true });
    expect(states.map((s) => s.entityId)).toEqual(['unit-0200']);
  });
});

describe('push answers after a lost answer', () => {
  const setup = withEnumerator();

  it('lists the outcome of every seq up to ackedSeq, also those stored by a request whose answer never came', async () => {
    const { d } = setup;
    const first = [d.op('unit-0001', '$create', create({})), d.op('unit-0001', 'nonsense', 1)];
    const second = [d.op('unit-0001', 'status', 'flying'), d.op('unit-0001', 'name', '新名')];
    await d.push(first); // answered
    await d.push(second); // stored, but say its answer was lost
    // The laptop sends again from its oldest pending op; the server acks 4 and names op 3's fate.
    const resent = await d.push(second.slice(0, 1));
    expect(resent.body.ackedSeq).toBe(4);
    expect(resent.body.rejected.map((r) => [r.seq, r.code])).toEqual([[3, 'INVALID_VALUE']]);
    // A batch that starts before a rejection replays its outcome too.
    const all = await d.push([...first, ...second]);
    expect(all.body.rejected.map((r) => [r.seq, r.code])).toEqual([
      [2, 'INVALID_FIELD'],
      [3, 'INVALID_VALUE'],
    ]);
  });
});

describe('verify keeps bucket hashes between calls', () => {
  const setup = withEnumerator();

  const verify = (total: string) =>
    call<VerifyResponse>(setup.t.server.url, 'POST', '/sync/verify', { protocol: 1, total }, { token: setup.d.token });
  const localTotal = async () => {
    const { changes, cursor } = await setup.d.pullAll();
    const sum = computeChecksum(changes.map((c) => ({ entity: c.entity, entityId: c.entityId, field: c.field, version: c.gseq })), sha256);
    return { total: sum.total, cursor };
  };

  it('matches after each push, and after a write by another connection to the same file', async () => {
    const { t, d } = setup;
    await d.push(Array.from({ length: 20 }, (_, i) => d.op(`unit-${String(i).padStart(4, '0')}`, '$create', create({}))));
    let local = await localTotal();
    expect((await verify(local.total)).body).toMatchObject({ isMatch: true, count: 20, asOf: local.cursor });
    await d.push([d.op('unit-0003', 'name', '改名')]);
    expect((await verify(local.total)).body.isMatch).toBe(false);
    local = await localTotal();
    expect((await verify(local.total)).body).toMatchObject({ isMatch: true, count: 21 });

    // The admin CLI writes through its own connection while the server runs: a field's
    // version changes behind the server's back, and its cache must not hide that.
    await execServer(t, "UPDATE field_state SET version = version + 1000 WHERE entity_id = 'unit-0005'");
    const after = await verify(local.total);
    expect(after.body.isMatch).toBe(false);
  });
});
