import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SqliteDatabase } from '@db/open';
import { existingFrameKeys } from '@main/registration/frame-queries';
import { frameKey } from '@shared/registration/frame-rows';
import { readBase, writeBase, type BaseFields } from '@main/sync/queries/outbox';
import { duplicateIds, listUnits } from '@main/registration/units-queries';
import { copyMigrations, createTempStore, dumpStore, type TempStore } from '../helpers/store';

// Migration 0014 drops three indexes no statement uses (units by area alone, units by USCC
// alone, sync_base by area) so a fresh pull writes fewer B-trees. It must leave every row as
// it was, and the reads by area and USCC must still find what they found before.

const TAG = '0014_drop_redundant_write_indexes';
const AREA = '640502100002001';
const OTHER_AREA = '640502100002002';
const USCC = '91640502MA76XXXX5A';
const AT = '2024-03-15T02:00:00.000Z';
const base: BaseFields = { $create: [3, { areaCode: AREA, kind: 'legal', source: 'frame' }], '611.name': [4, '中卫市宏达商贸有限公司'] };

let store: TempStore | null = null;
afterEach(() => store?.dispose());

const indexesOf = (sqlite: SqliteDatabase, table: string): string[] =>
  sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name")
    .pluck()
    .all(table) as string[];

/**
 * A store as the build before 0014 left it, with live, deleted and USCC-less units and base
 * rows; `rows` and `indexes` are what it held when that build closed it.
 */
function previousBuildStore(): { rows: Record<string, unknown[]>; indexes: string[] } {
  const s = createTempStore();
  store = s;
  const before = copyMigrations();
  const journalPath = path.join(before, 'meta', '_journal.json');
  const journal = JSON.parse(fs.readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
  // The build before 0014: its migrations, none after (later ones would count as applied).
  journal.entries = journal.entries.slice(0, journal.entries.findIndex((e) => e.tag === TAG));
  fs.writeFileSync(journalPath, JSON.stringify(journal));
  const old = s.open({ migrationsFolder: before });
  // Rows as that build wrote them: its own columns only (this build's insertUnit names later ones).
  const insert = old.sqlite.prepare(
    `INSERT INTO units (id, area_code, kind, source, name, uscc, created_at, updated_at) VALUES (?, ?, ?, 'frame', ?, ?, '${AT}', '${AT}')`,
  );
  insert.run('unit-0001', AREA, 'legal', '中卫市宏达商贸有限公司', USCC);
  insert.run('unit-0002', OTHER_AREA, 'legal', '宏达商贸分店', USCC);
  insert.run('unit-0003', AREA, 'individual', '老王烧烤店', '');
  insert.run('unit-0004', AREA, 'legal', '已撤销单位', USCC);
  old.sqlite.prepare("UPDATE units SET deleted_at = ? WHERE id = 'unit-0004'").run(AT);
  writeBase(old.db, 'unit', 'unit-0001', AREA, base);
  writeBase(old.db, 'unit', 'unit-0002', OTHER_AREA, base);
  const state = { rows: dumpStore(old.sqlite), indexes: [...indexesOf(old.sqlite, 'units'), ...indexesOf(old.sqlite, 'sync_base')] };
  old.sqlite.close();
  return state;
}

/** The store of previousBuildStore, opened by this build. */
function openStore() {
  if (!store) throw new Error('previousBuildStore first');
  return store.open();
}

describe('dropping the indexes no query uses (migration 0014)', () => {
  it('backs the store up, drops only the three indexes and keeps every row', () => {
    const before = previousBuildStore();
    expect(before.indexes).toEqual(expect.arrayContaining(['units_area_idx', 'units_uscc_idx', 'sync_base_area_idx']));

    const opened = openStore();
    expect(opened.migrated[0]).toBe(TAG);
    expect(opened.backupPath).not.toBeNull();
    expect(fs.existsSync(opened.backupPath ?? '')).toBe(true);
    expect(indexesOf(opened.sqlite, 'units')).toEqual([
      // Added since (0024), by a later migration than 0014.
      'units_form_pack_idx',
      'units_list_idx',
      'units_progress_idx',
      'units_status_idx',
      'units_uscc_area_idx',
    ]);
    expect(indexesOf(opened.sqlite, 'sync_base')).toEqual([]);
    const { __drizzle_migrations: _appliedBefore, ...dataBefore } = before.rows;
    const { __drizzle_migrations: _appliedAfter, ...dataAfter } = dumpStore(opened.sqlite);
    // Tables later migrations add start empty; every table there before keeps its rows, each
    // row its values (columns later migrations add are left out of the comparison).
    const asBefore = (table: string, rows: unknown[] | undefined) => {
      const columns = Object.keys((dataBefore[table]?.[0] ?? {}) as object);
      return (rows ?? []).map((row) => Object.fromEntries(columns.map((c) => [c, (row as Record<string, unknown>)[c]])));
    };
    expect(Object.fromEntries(Object.keys(dataBefore).map((t) => [t, asBefore(t, dataAfter[t])]))).toEqual(dataBefore);
  });

  it('still finds units by area and duplicates by USCC, deleted units left out', () => {
    previousBuildStore();
    const { db } = openStore();
    expect(listUnits(db, { areaPrefix: AREA, limit: 10, offset: 0 }).rows.map((r) => r.id)).toEqual(['unit-0001', 'unit-0003']);
    // Same 普查区 (first 12 digits), another 普查小区: a duplicate; the deleted one is not.
    expect(duplicateIds(db, { id: 'unit-0001', areaCode: AREA, uscc: USCC })).toEqual(['unit-0002']);
    expect(existingFrameKeys(db, [AREA])).toEqual(
      new Set([frameKey(AREA, USCC, '中卫市宏达商贸有限公司'), frameKey(AREA, '', '中卫市宏达商贸有限公司'), frameKey(AREA, '', '老王烧烤店')]),
    );
    expect(readBase(db, 'unit', 'unit-0002')).toEqual({ areaCode: OTHER_AREA, fields: base });
  });
});
