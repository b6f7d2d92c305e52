import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '@main/core';
import { dispatch } from '@main/ipc/dispatch';
import { updateSettings } from '@main/session/settings-queries';
import type { Channel, Input, Output } from '@shared/ipc/contract';
import type { Result } from '@shared/result';
import { scopeFor } from '@server/sync/rules';
import { clientChecksum, World } from '../sync/world';
import { uscc, VILLAGE } from '../directory/helpers';
import { COUNTY, draft } from './fixtures';

// The register between laptops and the bureau server (SQLite and PostgreSQL runs): an entry
// recorded on one leadership laptop reaches the other, a correction too, and nothing of it
// reaches a township's or the bureau staff's laptop, whose verify still matches the server.

let world: World;
afterEach(async () => world.close());

async function call<C extends Channel>(core: Core, channel: C, input?: Input<C>): Promise<Result<Output<C>>> {
  return (await dispatch(core.handlers, channel, input, { shell: 'web' }, { logError: () => undefined })) as Result<Output<C>>;
}
async function ok<C extends Channel>(core: Core, channel: C, input?: Input<C>): Promise<Output<C>> {
  const r = await call(core, channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
  return r.value;
}

const count = (core: Core): number => core.sqlite.prepare('SELECT count(*) FROM interference_entries').pluck().get() as number;
const baseKinds = (core: Core): string[] => core.sqlite.prepare('SELECT DISTINCT entity FROM sync_base ORDER BY entity').pluck().all() as string[];

describe('the interference register syncs between the leadership’s laptops only', () => {
  it('reaches the other leader’s laptop, corrections included, and no other role’s; every verify matches', async () => {
    world = new World();
    await world.start();
    await world.user('juzhang', 'leader', [COUNTY], '赵局长');
    await world.user('fujuzhang', 'leader', [COUNTY], '钱副局长');
    await world.user('town', 'township', [`${COUNTY}100`]);
    await world.user('bureau', 'admin', []);
    const a = await world.client('甲', 'juzhang');
    const b = await world.client('乙', 'fujuzhang');
    const town = await world.client('镇', 'town');
    const bureau = await world.client('局', 'bureau');
    for (const c of [a, b, town, bureau]) updateSettings(c.core.db, { regionCode: COUNTY });
    // Something every laptop does receive: an enterprise of the township.
    await ok(town.core, 'enterprises:save', { fields: { uscc: uscc('911'), name: '中卫市金沙商贸有限公司', divisionCode: VILLAGE, industryCode: '5211' } });
    await town.sync();

    // Dated in the past whatever the clock (the laptops run on the real one).
    const first = await ok(a.core, 'interference:record', draft({ occurredOn: '2025-03-12' }));
    await a.sync();
    await b.sync();
    const onB = await ok(b.core, 'interference:list', { year: 2025 });
    expect(onB.rows.map((r) => r.entry)).toEqual([first]);

    // The other leader corrects it; the correction comes back to the first.
    const fix = await ok(b.core, 'interference:record', draft({ occurredOn: '2025-03-12', period: '2025年3月', corrects: first.id, correctionReason: '报告期记错' }));
    await b.sync();
    await a.sync();
    const onA = await ok(a.core, 'interference:list', { year: 2025 });
    expect(onA.rows.find((r) => r.entry.id === first.id)?.correctedBy).toEqual([fix.id]);
    expect(onA.rows.find((r) => r.entry.id === fix.id)?.entry).toEqual(fix);
    expect(onA.yearCount).toBe(1);

    for (const c of [town, bureau]) {
      await c.sync();
      expect(count(c.core)).toBe(0);
      expect(baseKinds(c.core)).not.toContain('interference');
      const r = await call(c.core, 'interference:list', { year: null });
      expect(r.ok ? 'answered' : r.error.code).toBe('FORBIDDEN');
    }
    // Every laptop's copy agrees with the server's checksum of what its role may see.
    for (const [c, role, prefixes] of [[a, 'leader', [COUNTY]], [b, 'leader', [COUNTY]], [town, 'township', [`${COUNTY}100`]], [bureau, 'admin', []]] as const) {
      expect(c.core.sync.status().lastError).toBeNull();
      const server = await world.server.store.checksum(scopeFor(role, prefixes));
      expect(clientChecksum(c.core)).toBe(server.checksum.total);
    }
    expect(clientChecksum(a.core)).toBe(clientChecksum(b.core));
    expect(clientChecksum(town.core)).not.toBe(clientChecksum(a.core));
    expect(count(a.core)).toBe(2);
    expect(count(b.core)).toBe(2);
  });
});
