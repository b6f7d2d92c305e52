import { afterEach, describe, expect, it } from 'vitest';
import { pushServerWrites, type FieldWrite } from '@server/admin/server-ops';
import { stateKeys } from '@main/sync/state-keys';
import { readState } from '@main/sync/queries/state';
import type { Transport } from '@main/sync/transport';
import { httpTransport } from '@main/sync/transport';
import { writeState } from '@main/sync/queries/state';
import { updateSettings } from '@main/session/settings-queries';
import { clientChecksum, PASSWORD, visibleUnits, World } from './world';

// A laptop's first pull of a city's worth of units (100,000) over a link that drops: cut at
// every page of the snapshot in turn, each sync goes on from the page after the last one it
// wrote, and the laptop ends exactly like one whose pull was never cut, having asked for each
// page once (no page written twice, none skipped).

const UNITS = 100_000;
const AREAS = ['640502100001001', '640502100002001', '640502100003001', '640502100004001'];

let world: World | null = null;
afterEach(async () => {
  await world?.close();
  world = null;
});

/**
 * Records the snapshot pages asked for; after `passes` snapshot requests go through, the next
 * one is cut (the server answers, the answer is lost) and so is every one after it.
 */
function cuttingTransport(): Transport & { pages: string[]; passes: number } {
  const inner = httpTransport();
  const t = Object.assign(
    async (req: Parameters<Transport>[0]) => {
      if (req.url.endsWith('/sync/snapshot')) {
        const body = JSON.parse(new TextDecoder().decode(req.body)) as { page?: string };
        t.pages.push(body.page ?? 'first');
        if (t.passes === 0) {
          await inner(req);
          throw new Error('fault: connection cut');
        }
        t.passes -= 1;
      }
      return inner(req);
    },
    { pages: [] as string[], passes: Number.POSITIVE_INFINITY },
  );
  return t;
}

describe('a fresh pull of a 100,000-unit snapshot', () => {
  it('cut at every page resumes at the next and ends identical to an uncut pull', { timeout: 600_000 }, async () => {
    const w = new World();
    world = w;
    await w.start();
    const writes: FieldWrite[] = [];
    for (let i = 0; i < UNITS; i++) {
      const id = `u${String(i).padStart(6, '0')}`;
      writes.push({
        entityId: id,
        field: '$create',
        value: { areaCode: AREAS[i % AREAS.length] as string, kind: 'legal', source: 'frame', fields: { name: `单位${i}`, status: 'not_started' } },
      });
    }
    const pushed = await pushServerWrites(w.server.store, writes, { userId: 'bureau', appVersion: 'test' });
    expect(pushed.rejected).toEqual([]);
    await w.user('sup', 'supervisor', ['640502']);

    const whole = await w.client('whole', 'sup');
    await whole.sync();

    const t = cuttingTransport();
    const cut = await w.client('cut', 'sup', t);
    let cuts = 0;
    // Each sync gets one page and loses the next (asked for while the first is written); the
    // loop is bounded by the snapshot's page count (1,000 units first, growing to 5,000).
    for (let attempt = 0; attempt < 40; attempt++) {
      t.passes = 1;
      const result = await cut.core.sync.engine.sync('manual');
      if (result !== null) break;
      cuts += 1;
      const resume = readState(cut.core.db, stateKeys.snapshotResume) as { page: string } | null;
      // The place kept is that of the page that was cut: the next sync asks for it again.
      expect(resume?.page).toBe(t.pages.at(-1));
    }
    expect(cuts).toBeGreaterThanOrEqual(5);
    expect(readState(cut.core.db, stateKeys.snapshotResume)).toBeNull();
    // Each page token was asked for once more than it was cut, and never after it was written.
    const asked = new Map<string, number>();
    for (const p of t.pages) asked.set(p, (asked.get(p) ?? 0) + 1);
    expect([...asked.values()].filter((n) => n > 2)).toEqual([]);
    expect([...asked.values()].filter((n) => n === 2).length).toBe(cuts);

    expect(cut.core.sync.engine.cursor()).toBe(whole.core.sync.engine.cursor());
    expect(clientChecksum(cut.core)).toBe(clientChecksum(whole.core));
    const units = visibleUnits(cut.core);
    expect(Object.keys(units).length).toBe(UNITS);
    expect(units).toEqual(visibleUnits(whole.core));
  });

  it('forgets the place kept when the laptop signs in to another server', async () => {
    const w = new World();
    const other = new World();
    world = w;
    try {
      await w.start();
      await other.start();
      await w.user('enum01', 'enumerator', ['640502100001']);
      await other.user('enum01', 'enumerator', ['640502100001']);
      const c = await w.client('c', 'enum01');
      const place = { asOf: 7, page: 'a-place-on-the-first-server' };
      writeState(c.core.db, stateKeys.snapshotResume, place);
      // Signing in again to the same server keeps it.
      expect((await c.core.sync.engine.login('enum01', PASSWORD)).isLoggedIn).toBe(true);
      expect(readState(c.core.db, stateKeys.snapshotResume)).toEqual(place);
      updateSettings(c.core.db, { serverUrl: other.server.url });
      expect((await c.core.sync.engine.login('enum01', PASSWORD)).isLoggedIn).toBe(true);
      expect(readState(c.core.db, stateKeys.snapshotResume)).toBeUndefined();
      await c.sync();
    } finally {
      await other.close();
    }
  });
});
