import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '@server/store/sqlite/store';
import type { PushContext, ServerStore } from '@server/store/types';
import { AREA_A, Device } from './helpers';

// Property: for k edits of one field made without seeing each other (all on base version 0),
// whatever order they arrive in, the server ends with the value of the highest HLC and exactly
// k − 1 conflicts. Checked on the store directly over many seeded random arrival orders.

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ctxFor = (d: Device): PushContext => ({
  userId: d.userId,
  role: 'supervisor',
  deviceId: d.deviceId,
  scope: { isAll: false, prefixes: ['640502'] },
  receivedAt: '2025-01-01T00:00:00.000Z',
});

describe('apply is order-independent for concurrent same-field edits', () => {
  const dirs: string[] = [];
  let store: ServerStore | undefined;
  afterEach(async () => {
    await store?.close();
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  it('ends with the highest HLC and k − 1 conflicts for every arrival order', async () => {
    const random = mulberry32(20240101);
    for (let run = 0; run < 25; run++) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'census-prop-'));
      dirs.push(dir);
      store = openSqliteStore(path.join(dir, 'server.db'));
      const creator = new Device('', 'creator-dev');
      creator.offlineUserId = 'u-creator';
      await store.push(ctxFor(creator), [creator.op('unit-0001', '$create', { areaCode: AREA_A, kind: 'legal' })]);

      const k = 2 + Math.floor(random() * 4);
      const devices = Array.from({ length: k }, (_, i) => {
        const d = new Device('', `device-${String(i).padStart(4, '0')}`, 1_700_000_000_000 + Math.floor(random() * 5) * 1000);
        d.offlineUserId = `u-${i}`;
        return d;
      });
      const edits = devices.map((d, i) => ({ d, op: d.op('unit-0001', '611.revenue', i * 100) }));
      const expected = [...edits].sort((x, y) => (x.op.hlc < y.op.hlc ? 1 : -1))[0]?.op.value;
      for (let i = edits.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [edits[i], edits[j]] = [edits[j]!, edits[i]!];
      }
      for (const { d, op } of edits) await store.push(ctxFor(d), [op]);

      const { changes } = await store.pull({ isAll: true }, 0, 100);
      const revenue = changes.find((c) => c.field === '611.revenue');
      expect(revenue && JSON.parse(revenue.valueJson)).toBe(expected);
      const conflicts = await store.listConflicts({ scope: { isAll: true }, onlyUserId: null }, { status: 'all', after: 0, limit: 100 });
      expect(conflicts).toHaveLength(k - 1);
      await store.close();
      store = undefined;
    }
  });
});
