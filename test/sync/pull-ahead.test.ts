import { afterEach, describe, expect, it } from 'vitest';
import { readCursor } from '@main/sync/pull';
import { httpTransport, type HttpRequest } from '@main/sync/transport';
import { createUnit, newUnit } from './helpers';
import { visibleUnits, World } from './world';

// A pull of many pages asks for the next page as soon as it has one, so the server reads it
// while this laptop writes the one before: seen from the wire, a request's cursor runs ahead of
// the cursor the store has written.

let world: World | null = null;
afterEach(async () => {
  await world?.close();
  world = null;
});

describe('pulling several pages', () => {
  it('asks for the next page before writing the current one, and ends with every change', async () => {
    const w = new World();
    world = w;
    await w.start();
    await w.user('enum01', 'enumerator', ['640502100001']);
    await w.user('enum02', 'enumerator', ['640502100001']);
    const a = await w.client('a', 'enum01');
    const inner = httpTransport();
    const sent: { requested: number; stored: number }[] = [];
    let readStored = (): number => 0;
    const b = await w.client('b', 'enum02', async (req: HttpRequest) => {
      if (req.url.endsWith('/sync/pull') && req.body) {
        const body = JSON.parse(new TextDecoder().decode(req.body)) as { cursor: number };
        sent.push({ requested: body.cursor, stored: readStored() });
      }
      return inner(req);
    });
    readStored = () => readCursor(b.core.db);
    // b's first sync is a snapshot; it needs something on the server to leave a cursor.
    createUnit(a.core.db, 'unit-ahead-first', newUnit());
    await a.sync();
    await b.sync();
    b.core.sync.engine.transfer = { ...b.core.sync.engine.transfer, pageSize: 7 };
    for (let i = 0; i < 30; i++) createUnit(a.core.db, `unit-ahead-${i}`, newUnit({ name: `中卫市宏达商贸${i}号店` }));
    await a.sync();
    sent.length = 0;
    await b.sync();
    expect(sent.length).toBeGreaterThanOrEqual(5);
    expect(sent.some((s) => s.requested > s.stored)).toBe(true);
    expect(Object.keys(visibleUnits(b.core))).toHaveLength(31);
    expect(visibleUnits(b.core)).toEqual(visibleUnits(a.core));
  });
});
