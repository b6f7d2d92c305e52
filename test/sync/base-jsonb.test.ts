import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '@db/open';
import { readBase, writeBase, type BaseFields } from '@main/sync/queries/outbox';
import { Materialiser } from '@main/sync/apply';
import { createEntityRegistry } from '@main/entities';
import { copyMigrations, createTempStore, type TempStore } from '../helpers/store';

// Migration 0013 stores sync_base documents as jsonb and marks units for the review index only
// when their base holds review events. Stores written by earlier builds keep every value.

const AREA = '640502100002001';
const review = { kind: 'approve', at: '2024-03-15T02:00:00.000Z', by: { name: '马丽', role: 'supervisor' } };
const plainFields: BaseFields = {
  $create: [3, { areaCode: AREA, kind: 'legal', source: 'frame', fields: { '611.name': '沙坡头区“宏达”商贸\n有限公司', '611.revenue': 7610.5 } }],
  '611.employees': [9, 12],
};
const reviewedFields: BaseFields = { ...plainFields, 'review.e-0001': [11, review] };

let store: TempStore | null = null;
afterEach(() => store?.dispose());

/** A store as the build before 0013 left it: text documents, every unit marked. */
function previousBuildStore(): TempStore {
  const s = createTempStore();
  const before = copyMigrations();
  const journalPath = path.join(before, 'meta', '_journal.json');
  const journal = JSON.parse(fs.readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
  journal.entries = journal.entries.slice(0, journal.entries.findIndex((e) => e.tag === '0013_sync_base_jsonb'));
  fs.writeFileSync(journalPath, JSON.stringify(journal));
  const old = s.open({ migrationsFolder: before });
  const insert = old.sqlite.prepare('INSERT INTO sync_base (entity, entity_id, area_code, fields) VALUES (?, ?, ?, ?)');
  insert.run('unit', 'unit-plain-0001', AREA, JSON.stringify(plainFields));
  insert.run('unit', 'unit-review-0001', AREA, JSON.stringify(reviewedFields));
  old.sqlite.close();
  return s;
}

const dirty = (s: OpenedDatabase): string[] =>
  s.sqlite.prepare('SELECT unit_id FROM review_dirty ORDER BY unit_id').pluck().all() as string[];

describe('sync_base as jsonb (migration 0013)', () => {
  it('converts the documents of an existing store without changing a value', () => {
    store = previousBuildStore();
    const opened = store.open();
    const types = opened.sqlite.prepare('SELECT DISTINCT typeof(fields) FROM sync_base').pluck().all();
    expect(types).toEqual(['blob']);
    expect(readBase(opened.db, 'unit', 'unit-plain-0001')).toEqual({ areaCode: AREA, fields: plainFields });
    expect(new Materialiser(opened.sqlite, createEntityRegistry(opened.db, opened.sqlite)).readBase('unit', 'unit-review-0001')).toEqual({ areaCode: AREA, fields: reviewedFields });
  });

  it('reads back what both writers store, numbers, quotes, line breaks and Chinese included', () => {
    store = createTempStore();
    const opened = store.open();
    writeBase(opened.db, 'unit', 'unit-plain-0001', AREA, plainFields);
    const m = new Materialiser(opened.sqlite, createEntityRegistry(opened.db, opened.sqlite));
    m.applyChanges(
      [{ gseq: 5, entity: 'unit', entityId: 'unit-new-00001', field: '$create', value: plainFields.$create?.[1] ?? null, deviceId: 'device-0001', userId: 'u1', hlc: '1710468000000-000001-device-0001', at: '2024-03-15T02:00:00.000Z', scopeKey: AREA }],
      { ownDeviceId: 'device-self', trace: false },
    );
    expect(opened.sqlite.prepare('SELECT DISTINCT typeof(fields) FROM sync_base').pluck().all()).toEqual(['blob']);
    expect(readBase(opened.db, 'unit', 'unit-plain-0001')?.fields).toEqual(plainFields);
    expect(m.readBase('unit', 'unit-new-00001')?.fields).toEqual({ $create: [5, plainFields.$create?.[1]] });
  });

  it('marks a unit for the review index only when its base holds or held review events', () => {
    store = createTempStore();
    const opened = store.open();
    opened.sqlite.exec('DELETE FROM review_dirty');
    writeBase(opened.db, 'unit', 'unit-plain-0001', AREA, plainFields);
    expect(dirty(opened)).toEqual([]);
    writeBase(opened.db, 'unit', 'unit-review-0001', AREA, reviewedFields);
    expect(dirty(opened)).toEqual(['unit-review-0001']);

    opened.sqlite.exec('DELETE FROM review_dirty');
    writeBase(opened.db, 'unit', 'unit-plain-0001', AREA, { ...plainFields, '611.employees': [10, 13] });
    expect(dirty(opened)).toEqual([]);
    // An event leaving the base (a snapshot that no longer lists it) must reach the index too.
    writeBase(opened.db, 'unit', 'unit-review-0001', AREA, plainFields);
    expect(dirty(opened)).toEqual(['unit-review-0001']);

    opened.sqlite.exec('DELETE FROM review_dirty');
    writeBase(opened.db, 'unit', 'unit-review-0001', AREA, reviewedFields);
    opened.sqlite.exec('DELETE FROM review_dirty');
    new Materialiser(opened.sqlite, createEntityRegistry(opened.db, opened.sqlite)).deleteBase('unit', 'unit-plain-0001');
    expect(dirty(opened)).toEqual([]);
    new Materialiser(opened.sqlite, createEntityRegistry(opened.db, opened.sqlite)).deleteBase('unit', 'unit-review-0001');
    expect(dirty(opened)).toEqual(['unit-review-0001']);
  });
});
