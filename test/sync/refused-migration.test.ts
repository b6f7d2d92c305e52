import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTempStore, copyMigrations, type TempStore } from '../helpers/store';

// Migrations 0015/0016 move refused ops from sync_rejected (keyed by seq alone) to sync_refused
// (keyed by id, with the chain each op was signed on), since seqs start again from 1 when a
// laptop moves to a new chain branch. A store written by an earlier build keeps every refusal,
// gains its chain and area, and an edit refused because its unit's creation was refused is
// carried by that creation's retry ('covered').

const AREA = '640502100002001';
let store: TempStore | null = null;
afterEach(() => store?.dispose());

const op = (seq: number, entityId: string, field: string, value: unknown) =>
  JSON.stringify({ deviceId: 'dOldLaptop0001', seq, entityId, field, value, hash: 'x'.repeat(64) });

describe('refusals moved to sync_refused (migrations 0015, 0016)', () => {
  it('keeps every refusal with its chain, area and state', () => {
    const s = createTempStore();
    store = s;
    const before = copyMigrations();
    const journalPath = path.join(before, 'meta', '_journal.json');
    const journal = JSON.parse(fs.readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
    journal.entries = journal.entries.slice(0, journal.entries.findIndex((e) => e.tag === '0015_refused_ops_retry'));
    fs.writeFileSync(journalPath, JSON.stringify(journal));
    const old = s.open({ migrationsFolder: before });
    const at = '2024-03-15T02:00:00.000Z';
    old.sqlite
      .prepare("INSERT INTO units (id, area_code, kind, source, status, name, created_at, updated_at) VALUES ('unit-kept-0001', ?, 'legal', 'field', 'draft', '宏达商贸', ?, ?)")
      .run(AREA, at, at);
    const insert = old.sqlite.prepare(
      'INSERT INTO sync_rejected (seq, entity, entity_id, field, value, code, message, rejected_at, op) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const created = { areaCode: AREA, kind: 'legal', source: 'field', fields: { name: '宏达商贸' } };
    insert.run(4, 'unit', 'unit-flap-0001', '$create', JSON.stringify(created), 'OUT_OF_SCOPE', 'area not yours', at, op(4, 'unit-flap-0001', '$create', created));
    insert.run(5, 'unit', 'unit-flap-0001', '611.employees', '12', 'UNKNOWN_ENTITY', 'never created', at, op(5, 'unit-flap-0001', '611.employees', 12));
    insert.run(7, 'unit', 'unit-kept-0001', 'status', '"approved"', 'FORBIDDEN', 'role', at, op(7, 'unit-kept-0001', 'status', 'approved'));
    old.sqlite.close();

    // Up to 0016 only: later migrations (any build's) are not what this test is about.
    const through0016 = copyMigrations();
    const laterPath = path.join(through0016, 'meta', '_journal.json');
    const later = JSON.parse(fs.readFileSync(laterPath, 'utf8')) as { entries: { tag: string }[] };
    later.entries = later.entries.slice(0, later.entries.findIndex((e) => e.tag === '0016_move_rejected_to_refused') + 1);
    fs.writeFileSync(laterPath, JSON.stringify(later));
    const opened = s.open({ migrationsFolder: through0016 });
    expect(opened.migrated).toEqual(['0015_refused_ops_retry', '0016_move_rejected_to_refused']);
    const rows = opened.sqlite
      .prepare('SELECT device_id AS deviceId, seq, entity_id AS entityId, field, code, area_code AS areaCode, state FROM sync_refused ORDER BY seq')
      .all();
    expect(rows).toEqual([
      { deviceId: 'dOldLaptop0001', seq: 4, entityId: 'unit-flap-0001', field: '$create', code: 'OUT_OF_SCOPE', areaCode: AREA, state: 'open' },
      { deviceId: 'dOldLaptop0001', seq: 5, entityId: 'unit-flap-0001', field: '611.employees', code: 'UNKNOWN_ENTITY', areaCode: '', state: 'covered' },
      { deviceId: 'dOldLaptop0001', seq: 7, entityId: 'unit-kept-0001', field: 'status', code: 'FORBIDDEN', areaCode: AREA, state: 'open' },
    ]);
    expect(opened.sqlite.prepare('SELECT count(*) FROM sync_rejected').pluck().get()).toBe(0);
    opened.sqlite.close();
  });
});
