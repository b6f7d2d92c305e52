import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PushRequest } from '@shared/sync/protocol';
import { plainPushRequest } from '@server/sync/push-request';
import { AREA_A, Device } from './helpers';

// The push body's plain check (server/sync/push-request.ts) stands in for the zod schema on
// the common case: it must never accept a body the schema refuses, nor give it another value.

function validBody(): Record<string, unknown> {
  const d = new Device('', 'laptop-plain-0001');
  d.offlineUserId = 'u_plain';
  const ops = [...d.createUnit('unit-plain-0001', AREA_A), d.op('unit-plain-0001', '611-1.establishments', [{ estName: '分店' }])];
  return JSON.parse(JSON.stringify({ protocol: 1, deviceId: d.deviceId, ops })) as Record<string, unknown>;
}

const OP_MEMBERS = ['deviceId', 'seq', 'entity', 'entityId', 'field', 'value', 'baseVersion', 'hlc', 'userId', 'at', 'appVersion', 'schemaVersion', 'prevHash', 'hash', 'extra'];

/** Odd values a member may be given: near misses of every rule, and anything at all. */
const oddValue = fc.oneof(
  fc.anything(),
  fc.constantFrom('', 'a'.repeat(7), 'a'.repeat(65), 'ABC-def_0123', '1700000000000-000001-laptop-plain-0001', '0'.repeat(64), 'F'.repeat(64)),
  fc.constantFrom(0, -1, 1.5, 2 ** 53, Number.NaN, Number.POSITIVE_INFINITY, '1', null, true, [], {}),
  fc.constantFrom('unit', 'enterprise', 'draw', 'Unit', '$create', '$nope', 'a.b.c.d.e', '611.x', 'x'.repeat(201)),
  fc.string({ maxLength: 90 }),
);

const mutation = fc.record({
  op: fc.nat(2),
  member: fc.constantFrom(...OP_MEMBERS),
  how: fc.constantFrom('set', 'delete'),
  value: oddValue,
});
const topMutation = fc.record({ member: fc.constantFrom('protocol', 'deviceId', 'ops', 'extra'), how: fc.constantFrom('set', 'delete'), value: oddValue });

describe('plainPushRequest', () => {
  it('takes a laptop’s push body as the schema does', () => {
    const body = validBody();
    expect(plainPushRequest(body)).toEqual(PushRequest.parse(body));
  });

  it('never accepts a body the schema refuses, nor gives it another value', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), fc.option(topMutation, { nil: null }), (mutations, top) => {
        const body = validBody();
        const ops = body.ops as Record<string, unknown>[];
        for (const m of mutations) {
          const op = ops[m.op]!;
          if (m.how === 'delete') delete op[m.member];
          else op[m.member] = m.value;
        }
        if (top) {
          if (top.how === 'delete') delete body[top.member];
          else body[top.member] = top.value;
        }
        const plain = plainPushRequest(body);
        if (plain === null) return;
        const parsed = PushRequest.safeParse(body);
        expect(parsed.success).toBe(true);
        expect(plain).toEqual(parsed.data);
      }),
      { numRuns: 3_000 },
    );
  });
});
