import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JsonValue } from '@shared/sync/protocol';
import { AREA_A, call, createUser, Device, startTestServer, type TestServer } from './helpers';

// A 核查 task's steps are written by the roles its transition table names (shared/verification/
// field-roles.ts), and the server holds to that for a conflict's resolution as for a direct
// write: township staff who may verify a 退库 cannot approve one by resolving a conflict on it.

let t: TestServer;
let township: Device;
let bureau: Device;
const TASK = 'vtask-00000001';
const DIVISION = AREA_A.slice(0, 12);
const at = '2024-07-01T08:00:00.000Z';

const exit = (state: string, action: string | null, by: string): JsonValue => ({ state, action, reasons: ['deregistered'], note: '', date: null, at, by });

beforeEach(async () => {
  t = await startTestServer();
  await createUser(t.server, 'town01', 'township', [AREA_A.slice(0, 9)]);
  await createUser(t.server, 'bureau', 'admin');
  township = new Device(t.server.url, 'dev-town01');
  bureau = new Device(t.server.url, 'dev-bureau');
  await township.login('town01');
  await bureau.login('bureau');
  const created = await bureau.push([
    bureau.op(
      TASK,
      '$create',
      {
        areaCode: DIVISION,
        kind: 'exit',
        enterpriseId: 'ent-00000001',
        uscc: '91640502MA76GH4R5P',
        name: '中卫市钢联轧钢有限公司',
        batchId: 'batch-00000001',
        batchTitle: '2024年第二季度退库核查',
        source: { list: 'exits', drawId: null, seed: null, poolHash: null, poolSize: null },
        period: { year: 2024, month: 6 },
        createdAt: at,
        createdBy: '马海燕',
      },
      0,
      'verification',
    ),
  ]);
  expect(created.body.rejected).toEqual([]);
});
afterEach(async () => t.dispose());

describe('a verification task’s conflicts', () => {
  it('cannot be resolved into a step the resolving role may not take', async () => {
    // Unseen by each other: the township verifies the exit, the bureau rejects it.
    const verified = await township.push([township.op(TASK, 'exit', exit('verified', 'verify', '王敏'), 0, 'verification')]);
    expect(verified.body.rejected).toEqual([]);
    const raced = await bureau.push([bureau.op(TASK, 'exit', exit('rejected', 'reject', '马海燕'), 0, 'verification')]);
    const conflictId = raced.body.conflicts[0]?.conflictId ?? '';
    expect(conflictId).not.toBe('');
    const list = await call<{ conflicts: { current: { gseq: number } }[] }>(t.server.url, 'GET', '/sync/conflicts', undefined, { token: township.token });
    const seen = list.body.conflicts[0]?.current.gseq ?? 0;

    // Approving is the bureau's: as a resolution from the township it is refused, and the
    // conflict stays open for the bureau.
    const approve = await township.push([township.op(TASK, '$resolve', { conflictId, value: exit('approved', 'approve', '王敏') }, seen, 'verification')]);
    expect(approve.body.rejected.map((r) => r.code)).toEqual(['FORBIDDEN']);
    // Choosing its own verification is the township's to choose.
    const own = await township.push([township.op(TASK, '$resolve', { conflictId, value: exit('verified', 'verify', '王敏') }, seen, 'verification')]);
    expect(own.body.rejected).toEqual([]);
  });
});
