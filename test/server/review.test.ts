import { queryServer } from '../helpers/test-database';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JsonValue } from '@shared/sync/protocol';
import { AREA_A, AREA_B, AREA_OTHER_TOWNSHIP, call, createUser, Device, startTestServer, type TestServer } from './helpers';

// Review rights on the bureau server, per op: the server rejects with FORBIDDEN a
// review decision from an enumerator or township staff and an acceptance from a supervisor —
// also when it comes as a conflict resolution — and keeps every other op of the batch. Who an
// event names as its author is set from the session that pushed it, for every kind.

let t: TestServer;
let enumerator: Device;
let supervisor: Device;
let township: Device;
let bureau: Device;

const DISTRICT = AREA_A.slice(0, 12);
const at = '2024-03-15T02:00:00.000Z';

const event = (kind: string, role: string, extra: Record<string, JsonValue> = {}): JsonValue => {
  const base: Record<string, JsonValue> = { kind, at, by: { name: '某人', role } };
  if (kind === 'approve' || kind === 'accept') Object.assign(base, { note: null, isBulk: false });
  if (kind === 'return') Object.assign(base, { note: null, comments: [{ id: 'c-0001', path: '611.revenue', text: '营业收入偏低，请核实', value: 1 }] });
  return { ...base, ...extra };
};

let ids = 0;
const field = () => `review.e-${String(++ids).padStart(12, '0')}`;

beforeEach(async () => {
  t = await startTestServer();
  await createUser(t.server, 'enum01', 'enumerator', [AREA_A]);
  await createUser(t.server, 'enum02', 'enumerator', [AREA_B]);
  await createUser(t.server, 'enum09', 'enumerator', [AREA_OTHER_TOWNSHIP]);
  await createUser(t.server, 'super01', 'supervisor', [DISTRICT]);
  await createUser(t.server, 'town01', 'township', [AREA_A.slice(0, 9)]);
  await createUser(t.server, 'bureau', 'admin');
  enumerator = new Device(t.server.url, 'dev-enum01');
  supervisor = new Device(t.server.url, 'dev-super01');
  township = new Device(t.server.url, 'dev-town01');
  bureau = new Device(t.server.url, 'dev-bureau');
  await enumerator.login('enum01');
  await supervisor.login('super01');
  await township.login('town01');
  await bureau.login('bureau');
  const created = await enumerator.push(enumerator.createUnit('unit-0001', AREA_A));
  expect(created.body.rejected).toEqual([]);
});
afterEach(async () => t.dispose());

async function outcomes(device: Device, ops: [string, JsonValue][]): Promise<(string | null)[]> {
  const sent = ops.map(([f, v]) => device.op('unit-0001', f, v));
  const answer = await device.push(sent);
  expect(answer.status).toBe(200);
  expect(answer.body.ackedSeq).toBe(sent.at(-1)?.seq);
  return sent.map((op) => answer.body.rejected.find((r) => r.seq === op.seq)?.code ?? null);
}

describe('review rights, per op', () => {
  it('lets an enumerator submit and answer, never decide', async () => {
    expect(
      await outcomes(enumerator, [
        ['status', 'submitted'],
        [field(), event('submit', 'enumerator')],
        [field(), event('answer', 'enumerator', { eventId: 'e-000000000001', commentId: 'c-0001', text: '已核实' })],
        ['status', 'approved'],
        ['status', 'returned'],
        ['status', 'accepted'],
        [field(), event('approve', 'enumerator')],
        [field(), event('accept', 'enumerator')],
      ]),
    ).toEqual([null, null, null, 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);
  });

  it('lets a supervisor approve and return but not accept', async () => {
    expect(
      await outcomes(supervisor, [
        ['status', 'returned'],
        [field(), event('return', 'supervisor')],
        ['status', 'approved'],
        [field(), event('approve', 'supervisor')],
        ['status', 'accepted'],
        [field(), event('accept', 'supervisor')],
      ]),
    ).toEqual([null, null, null, null, 'FORBIDDEN', 'FORBIDDEN']);
  });

  it('stamps every kind of event with the pusher’s name and role; the op log keeps the op as signed', async () => {
    const names = { submit: field(), answer: field(), reopen: field(), approve: field(), created: field() };
    const director = { name: '区统计局局长', role: 'admin' };
    expect(
      await outcomes(enumerator, [
        [names.submit, event('submit', 'admin', { by: director })],
        [names.answer, event('answer', 'supervisor', { eventId: 'e-000000000001', commentId: 'c-0001', text: '已核实' })],
        [names.reopen, event('reopen', 'admin', { by: director, from: 'approved', paths: ['611.revenue'] })],
      ]),
    ).toEqual([null, null, null]);
    expect(await outcomes(supervisor, [[names.approve, event('approve', 'admin', { by: director })]])).toEqual([null]);
    // Also inside a '$create's initial fields.
    const created = await enumerator.push([
      enumerator.op('unit-0002', '$create', { areaCode: AREA_A, kind: 'legal', source: 'field', fields: { [names.created]: event('submit', 'admin', { by: director }) } }),
    ]);
    expect(created.body.rejected).toEqual([]);

    const states = await t.server.store.entityStates('unit', { isAll: true });
    const byOf = (unit: string, name: string) => (states.find((s) => s.entityId === unit)?.fields[name] as { by: unknown } | undefined)?.by;
    const enumBy = { name: 'enum01 姓名', role: 'enumerator' };
    expect(byOf('unit-0001', names.submit)).toEqual(enumBy);
    expect(byOf('unit-0001', names.answer)).toEqual(enumBy);
    expect(byOf('unit-0001', names.reopen)).toEqual(enumBy);
    expect(byOf('unit-0001', names.approve)).toEqual({ name: 'super01 姓名', role: 'supervisor' });
    expect(byOf('unit-0002', names.created)).toEqual(enumBy);
    // What a pull carries, field by field.
    const pulled = await supervisor.pullAll();
    expect(pulled.changes.find((c) => c.field === names.submit)?.value).toMatchObject({ by: enumBy });

    const [signed] = await queryServer<{ value: string }>(t, `SELECT value FROM ops WHERE field = '${names.submit}'`);
    expect(JSON.parse(signed?.value ?? 'null')).toMatchObject({ by: director });
  });

  it('keeps township staff out of review decisions', async () => {
    expect(await outcomes(township, [['status', 'approved'], [field(), event('approve', 'township')]])).toEqual(['FORBIDDEN', 'FORBIDDEN']);
  });

  it('lets the bureau accept', async () => {
    expect(await outcomes(bureau, [['status', 'accepted'], [field(), event('accept', 'admin')]])).toEqual([null, null]);
    const states = await t.server.store.entityStates('unit', { isAll: true });
    expect(states[0]?.fields.status).toBe('accepted');
  });

  it('refuses malformed events and review field names', async () => {
    expect(
      await outcomes(supervisor, [
        [field(), { kind: 'approve', at }],
        [field(), event('return', 'supervisor', { comments: [{ id: 'c-0001', path: 'not a path', text: 'x', value: null }] })],
        ['review.notAnEvent', event('approve', 'supervisor')],
      ]),
    ).toEqual(['INVALID_VALUE', 'INVALID_VALUE', 'INVALID_FIELD']);
  });

  it('does not let a conflict resolution set a review status the role may not set', async () => {
    const [submitted] = await outcomes(enumerator, [['status', 'submitted']]);
    expect(submitted).toBeNull();
    // The supervisor approves without having seen the enumerator's edit: a conflict on status.
    const racing = supervisor.op('unit-0001', 'status', 'approved', 0);
    const raced = await supervisor.push([racing]);
    const conflictId = raced.body.conflicts[0]?.conflictId;
    expect(conflictId).toBeDefined();
    const list = await call<{ conflicts: { current: { gseq: number } }[] }>(t.server.url, 'GET', '/sync/conflicts', undefined, { token: supervisor.token });
    const seen = list.body.conflicts[0]?.current.gseq ?? 0;
    const refused = await supervisor.push([supervisor.op('unit-0001', '$resolve', { conflictId: conflictId ?? '', value: 'accepted' }, seen)]);
    expect(refused.body.rejected.map((r) => r.code)).toEqual(['FORBIDDEN']);
    const resolved = await supervisor.push([supervisor.op('unit-0001', '$resolve', { conflictId: conflictId ?? '', value: 'approved' }, seen)]);
    expect(resolved.body.rejected).toEqual([]);
  });
});

describe('GET /review/team', () => {
  const team = async (device: Device) => {
    const answer = await call<{ users: { username: string; role: string; areas: string[] }[] }>(t.server.url, 'GET', '/review/team', undefined, { token: device.token });
    expect(answer.status).toBe(200);
    return answer.body.users.map((u) => u.username).sort();
  };

  it('shows each caller the people whose areas overlap its own and the bureau staff; the bureau sees everyone', async () => {
    expect(await team(supervisor)).toEqual(['bureau', 'enum01', 'enum02', 'super01', 'town01']);
    expect(await team(enumerator)).toEqual(['bureau', 'enum01', 'super01', 'town01']);
    expect(await team(bureau)).toEqual(['bureau', 'enum01', 'enum02', 'enum09', 'super01', 'town01']);
  });

  it('needs a token', async () => {
    expect((await call(t.server.url, 'GET', '/review/team')).status).toBe(401);
  });
});
