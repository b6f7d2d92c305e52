import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '@main/ipc/dispatch';
import type { TaskProgress } from '@shared/tasks/tasks';
import { World } from './world';

// A first sync on a fresh laptop says how many units it has received of how many the server
// holds for it, page by page, the way the sync page asks (tasks:progress while the sync runs).

const AREA = '640502100002001';
let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

describe('progress of a sync', () => {
  it('counts units received of the snapshot total on a fresh laptop, then stops reporting', async () => {
    world = new World();
    await world.start();
    await world.user('ma', 'enumerator', ['640502100002']);
    const a = await world.client('a', 'ma');
    for (let i = 0; i < 60; i += 1) {
      const r = await dispatch(a.core.handlers, 'units:create', { areaCode: AREA, kind: 'individual', name: `个体户${i}` }, { shell: 'web' });
      expect(r.ok).toBe(true);
    }
    await a.sync();

    const b = await world.client('b', 'ma');
    // Small snapshot pages, so the count moves between pages as it would over 10,000 units.
    b.core.sync.engine.transfer.snapshotPageSize = 10;
    const seen: TaskProgress[] = [];
    let isDone = false;
    // Polled until the sync ends, at most a minute: a bound in iterations alone (20,000 turns of
    // the event loop, about a second) ran out before a slow sync's last pages on a busy machine.
    const polling = (async () => {
      const deadline = performance.now() + 60_000;
      while (!isDone && performance.now() < deadline) {
        const r = await dispatch(b.core.handlers, 'tasks:progress', { kind: 'sync' }, { shell: 'web' });
        if (r.ok && r.value) seen.push(r.value as TaskProgress);
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    await b.sync();
    isDone = true;
    await polling;

    const receiving = seen.filter((p) => p.phase === 'receive' && p.total !== null);
    expect(receiving.length).toBeGreaterThan(0);
    expect(receiving.every((p) => p.total === 60)).toBe(true);
    expect(receiving.some((p) => p.done > 0 && p.done < 60)).toBe(true);
    expect(receiving.at(-1)?.done).toBe(60);
    const after = await dispatch(b.core.handlers, 'tasks:progress', { kind: 'sync' }, { shell: 'web' });
    expect(after).toMatchObject({ ok: true, value: null });
  });
});
