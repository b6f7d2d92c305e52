import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppDatabase, SqliteDatabase } from '@db/open';
import { createUnitAdapter } from '@main/registration/sync-adapter';
import { recordOps } from '@main/sync/outbox';
import { EntityRegistry, type EntityAdapter } from '@main/sync/registry';
import type { JsonValue } from '@shared/sync/protocol';
import { unassign } from '@server/admin/users';
import { World } from './world';

// The engine knows record kinds only through the adapters core registers: a kind whose adapter
// is a throwaway written here (its "rows" are a Map) travels from one laptop to another through
// the server, is rebuilt from base + pending ops, and is dropped with its area, without a line
// of electron/main/sync/ knowing it. The server must know the kind's fields ('draw' here); the
// laptops' own inspection adapter is replaced by the throwaway one.

const VILLAGE = '640502100201';
const ENTITY_ID = 'drw-throwaway-0001';

let world: World;
afterEach(async () => world.close());

/** An adapter whose local "rows" are entries of `rows`: entity id → its visible fields. */
function throwaway(rows: Map<string, Record<string, JsonValue>>, dropped: string[]): EntityAdapter {
  return {
    rebuild(id, visible) {
      const next = Object.fromEntries(visible);
      const isSame = JSON.stringify(rows.get(id)) === JSON.stringify(next);
      rows.set(id, next);
      return !isSame;
    },
    drop(id) {
      rows.delete(id);
      dropped.push(id);
    },
  };
}

const registryWith = (adapter: EntityAdapter) => (db: AppDatabase, sqlite: SqliteDatabase) =>
  new EntityRegistry().register('unit', createUnitAdapter(db, sqlite)).register('draw', adapter);

const created = {
  areaCode: VILLAGE,
  title: '登记测试',
  seed: 's-1',
  algorithm: 'test/1',
  filter: {},
  poolSize: 3,
  poolHash: 'a'.repeat(64),
  inspectors: ['张三'],
  inspectorsPerEnterprise: 1,
  createdAt: '2024-03-01T08:00:00.000Z',
  createdBy: '甲',
  items: [{ enterpriseId: 'ent-00000001', position: 0, uscc: '', name: '一', divisionCode: VILLAGE, inspectors: ['张三'] }],
};
const finding = { result: 'no_issue', findings: '无', isClosed: false, closedAt: null, closingNote: '', updatedAt: '2024-03-02T08:00:00.000Z', by: '乙' };

describe('a record kind registered from outside the engine', () => {
  it('round-trips between two laptops through the server and leaves with its area', async () => {
    const rowsA = new Map<string, Record<string, JsonValue>>();
    const rowsB = new Map<string, Record<string, JsonValue>>();
    const droppedB: string[] = [];
    const adapters = new Map([['a', throwaway(rowsA, [])], ['b', throwaway(rowsB, droppedB)]]);
    let next = 'a';
    world = new World({}, { entities: (db, sqlite) => registryWith(adapters.get(next) as EntityAdapter)(db, sqlite) });
    await world.start();
    await world.user('town01', 'township', [VILLAGE.slice(0, 9)]);
    await world.user('town02', 'township', [VILLAGE.slice(0, 9)]);
    const a = await world.client('甲', 'town01');
    next = 'b';
    const b = await world.client('乙', 'town02');

    a.core.db.transaction((tx) => recordOps(tx, [{ entity: 'draw', entityId: ENTITY_ID, areaCode: VILLAGE, field: '$create', value: created }]));
    await a.sync();
    await b.sync();
    expect(rowsB.get(ENTITY_ID)).toEqual({ $create: created });
    // The laptops' own inspection tables were never touched: the registry decides who rebuilds.
    expect(b.core.sqlite.prepare('SELECT count(*) FROM draws').pluck().get()).toBe(0);

    // An edit made on B reaches A through the server.
    b.core.db.transaction((tx) => recordOps(tx, [{ entity: 'draw', entityId: ENTITY_ID, areaCode: VILLAGE, field: 'item.ent-00000001', value: finding }]));
    await b.sync();
    await a.sync();
    expect(rowsA.get(ENTITY_ID)).toEqual({ $create: created, 'item.ent-00000001': finding });
    expect(rowsB.get(ENTITY_ID)).toEqual({ $create: created, 'item.ent-00000001': finding });

    // The area taken from B: its copy leaves through the adapter.
    await unassign(world.server.store, 'town02', [VILLAGE.slice(0, 9)]);
    await b.sync();
    expect(droppedB).toEqual([ENTITY_ID]);
    expect(rowsB.has(ENTITY_ID)).toBe(false);
  });

  it('needed no file inside electron/main/sync/ to name it', () => {
    const root = fileURLToPath(new URL('../../electron/main/sync/', import.meta.url));
    const files = fs.readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    const naming = files.filter((f) => /'draw'|inspection|'enterprise'|'unit'/.test(fs.readFileSync(path.join(root, f), 'utf8')));
    expect(naming).toEqual([]);
  });
});
