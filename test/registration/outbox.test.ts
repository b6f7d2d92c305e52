import { afterEach, describe, expect, it } from 'vitest';
import { updateSettings } from '@main/session/settings-queries';
import { createCore, type Core } from '@main/core';
import { findChainBreak } from '@main/sync/chain';
import { dispatch } from '@main/ipc/dispatch';
import { sealOps } from '@main/sync/outbox';
import { Op } from '@shared/sync/protocol';
import { randomKey } from '../helpers/store';

// The registration service's writes reach the outbox in their own transaction.

let core: Core;
afterEach(() => core?.close());

const call = async (channel: string, input: unknown) => {
  const r = await dispatch(core.handlers, channel, input, { shell: 'web' });
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
  return r.value as { id: string; version: number; forms: Record<string, Record<string, unknown>> };
};

const ops = () =>
  (core.sqlite.prepare('SELECT op, status FROM sync_outbox ORDER BY seq').all() as { op: string; status: string }[]).map((r) =>
    JSON.parse(r.op) as Op,
  );

describe('registration writes and the outbox', () => {
  it('records a create and a save as field-level ops, and a refused save as none', async () => {
    core = createCore({ dbPath: ':memory:', key: randomKey(), shell: 'web', appVersion: '0.1.0' });
    core.sync.stop();
    updateSettings(core.db, { userName: '马晓梅', deviceName: '沙坡头区-笔记本03' });
    const created = await call('units:create', { areaCode: '640502100001001', kind: 'legal', name: '中卫市宏达商贸有限公司' });
    const afterCreate = ops();
    expect(afterCreate).toHaveLength(1);
    expect(afterCreate[0]).toMatchObject({
      field: '$create',
      entityId: created.id,
      value: { areaCode: '640502100001001', kind: 'legal', source: 'field', fields: { '611.name': '中卫市宏达商贸有限公司' } },
    });

    const forms = { ...created.forms, '611': { ...created.forms['611'], legalRep: '马建国' } };
    await call('units:save', { id: created.id, version: created.version, forms, explanations: {} });
    const added = ops().slice(afterCreate.length);
    expect(added.map((o) => o.field)).toContain('611.legalRep');
    expect(added.find((o) => o.field === '611.legalRep')?.value).toBe('马建国');

    // A stale version is refused by the service: the transaction rolls back, no op is left.
    const before = ops().length;
    const stale = await dispatch(core.handlers, 'units:save', { id: created.id, version: created.version, forms, explanations: {} }, { shell: 'web' });
    expect(stale.ok).toBe(false);
    expect(ops()).toHaveLength(before);
    // Written before any login: unsealed, with seqs in order.
    expect(ops().map((o) => o.seq)).toEqual(ops().map((_, i) => i + 1));
  });

  it('seals the ops of a session started offline into one valid chain', async () => {
    core = createCore({ dbPath: ':memory:', key: randomKey(), shell: 'web', appVersion: '0.1.0' });
    core.sync.stop();
    updateSettings(core.db, { userName: '马晓梅', deviceName: '沙坡头区-笔记本03' });
    await call('units:create', { areaCode: '640502100001001', kind: 'individual', name: '沙坡头区马记拉面馆' });
    core.db.transaction((tx) => sealOps(tx, 'u-1'));
    const sealed = ops().map((o) => Op.parse(o));
    expect(findChainBreak(sealed, '')).toBeNull();
  });
});
