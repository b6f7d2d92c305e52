import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SqliteDatabase } from '@db/open';
import { updateSettings } from '@main/session/settings-queries';
import { directoryStats } from '@main/directory/stats';
import { StatsQuery, type StatsGroup } from '@shared/directory/stats';
import { indicatorKeys } from '@shared/ledger/indicators';
import { copyMigrations, createTempStore, type TempStore } from '../helpers/store';
import { addEnterprise, directoryStore, enter, OTHER_VILLAGE, PNG, VILLAGE, type DirectoryStore } from './helpers';

// The township and bureau views count from per-enterprise ledger summaries kept current by
// triggers (migration 0012) and from the in-memory directory index. These tests hold the
// counts against a count made straight from the ledger and evidence rows, after every kind of
// write, including raw ones that no service made.

const snake = (k: string): string => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Per township: figures entered, backed by live evidence, and enterprises per month — from the rows. */
function countedFromRows(sqlite: SqliteDatabase, year: number): Map<string, Pick<StatsGroup, 'total' | 'filledFigures' | 'backedFigures' | 'ledgerMonths'>> {
  const out = new Map<string, Pick<StatsGroup, 'total' | 'filledFigures' | 'backedFigures' | 'ledgerMonths'>>();
  const live = sqlite.prepare('SELECT id, division_code AS d FROM enterprises WHERE deleted_at IS NULL').all() as { id: string; d: string }[];
  const townOf = new Map(live.map((e) => [e.id, e.d.slice(0, 9)]));
  const group = (town: string) => {
    let g = out.get(town);
    if (!g) out.set(town, (g = { total: 0, filledFigures: 0, backedFigures: 0, ledgerMonths: Array<number>(12).fill(0) }));
    return g;
  };
  for (const town of townOf.values()) group(town).total += 1;
  const named = new Set<string>();
  for (const ev of sqlite.prepare('SELECT enterprise_id AS id, figures FROM evidence WHERE removed_at IS NULL').all() as { id: string; figures: string }[]) {
    for (const f of JSON.parse(ev.figures) as { year: number; month: number; indicator: string }[]) if (f.year === year) named.add(`${ev.id}.${f.month}.${f.indicator}`);
  }
  for (const r of sqlite.prepare('SELECT * FROM ledger_months WHERE year = ?').all(year) as Record<string, string | number | null>[]) {
    const town = townOf.get(String(r.enterprise_id));
    if (town === undefined) continue;
    const g = group(town);
    let any = false;
    for (const k of indicatorKeys) {
      if (r[snake(k)] === null) continue;
      any = true;
      g.filledFigures += 1;
      if (named.has(`${String(r.enterprise_id)}.${Number(r.month)}.${k}`)) g.backedFigures += 1;
    }
    if (any) g.ledgerMonths[Number(r.month) - 1] = (g.ledgerMonths[Number(r.month) - 1] ?? 0) + 1;
  }
  return out;
}

async function expectCountsMatchRows(s: Pick<DirectoryStore, 'ok' | 'sqlite'>, year: number) {
  const stats = await s.ok('stats:directory', { groupBy: 'township', year });
  const got = new Map(stats.groups.map((g) => [g.key, { total: g.total, filledFigures: g.filledFigures, backedFigures: g.backedFigures, ledgerMonths: g.ledgerMonths }]));
  expect(got).toEqual(countedFromRows(s.sqlite, year));
}

const evidenceOf = (id: string, figures: { year: number; month: number; indicator: 'revenue' | 'employees' | 'payroll' }[]) => ({
  enterpriseId: id,
  fileName: 'voucher.png',
  mimeType: 'image/png',
  contentBase64: PNG.toString('base64'),
  kind: 'voucher' as const,
  note: '',
  figures,
});

describe('township and bureau statistics', () => {
  it('follow every ledger and evidence write, including raw writes no service made', async () => {
    const s = directoryStore();
    const a = await addEnterprise(s, '51', { scale: 'above' });
    const b = await addEnterprise(s, '52');
    const c = await addEnterprise(s, '53', { divisionCode: OTHER_VILLAGE });
    await enter(s, a.id, 2024, [[1, 'revenue', 900], [1, 'employees', 12], [2, 'revenue', 950], [3, 'payroll', 80]]);
    await enter(s, b.id, 2024, [[2, 'revenue', 300]]);
    await enter(s, c.id, 2024, [[1, 'revenue', 100]]);
    await enter(s, c.id, 2023, [[1, 'revenue', 90], [12, 'revenue', 95]]);
    const ev = await s.ok('evidence:attach', evidenceOf(a.id, [{ year: 2024, month: 1, indicator: 'revenue' }, { year: 2024, month: 1, indicator: 'employees' }, { year: 2024, month: 5, indicator: 'revenue' }]));
    await s.ok('evidence:attach', evidenceOf(a.id, [{ year: 2024, month: 1, indicator: 'revenue' }]));
    await expectCountsMatchRows(s, 2024);
    await expectCountsMatchRows(s, 2023);
    const town = (await s.ok('stats:directory', { groupBy: 'township', year: 2024 })).groups.find((g) => g.key === VILLAGE.slice(0, 9));
    // Two files naming the same figure back it once; a figure not entered (May) is not backed.
    expect(town).toMatchObject({ total: 2, filledFigures: 5, backedFigures: 2 });
    expect(town?.ledgerMonths.slice(0, 4)).toEqual([1, 2, 1, 0]);

    // A cleared cell, a changed evidence reference, a removed file.
    await enter(s, a.id, 2024, [[3, 'payroll', null]]);
    await s.ok('evidence:update', { id: ev.id, figures: [{ year: 2024, month: 2, indicator: 'revenue' }] });
    await expectCountsMatchRows(s, 2024);
    await s.ok('evidence:remove', { id: ev.id, reason: '重复上传' });
    await expectCountsMatchRows(s, 2024);

    // Raw writes, as a repair or the sync materialiser makes them, are seen through the triggers.
    s.sqlite.prepare('UPDATE ledger_months SET employees = 40 WHERE enterprise_id = ? AND year = 2024 AND month = 2').run(b.id);
    s.sqlite.prepare("INSERT INTO ledger_months (enterprise_id, year, month, revenue, updated_at) VALUES (?, 2024, 7, 10, 'x')").run(c.id);
    await expectCountsMatchRows(s, 2024);
    s.sqlite.prepare('DELETE FROM ledger_months WHERE enterprise_id = ?').run(a.id);
    await expectCountsMatchRows(s, 2024);
    // A deleted enterprise no longer counts.
    s.sqlite.prepare("UPDATE enterprises SET deleted_at = '2024-07-01' WHERE id = ?").run(c.id);
    await expectCountsMatchRows(s, 2024);
    expect((await s.ok('stats:directory', { groupBy: 'township', year: 2024 })).totals.total).toBe(2);
  });

  it('agree with the ledger rows over a larger random directory, grouped any way and filtered', async () => {
    const s = directoryStore();
    let seed = 7;
    const rand = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
    const villages = [VILLAGE, OTHER_VILLAGE, '640502200001'];
    const ids: string[] = [];
    for (let i = 0; i < 24; i += 1) {
      const e = await addEnterprise(s, String(600 + i), { divisionCode: villages[i % 3], industryCode: i % 2 === 0 ? '5211' : '1371', scale: i % 5 === 0 ? 'above' : 'below' });
      ids.push(e.id);
      const cells: [number, 'revenue' | 'employees' | 'payroll', number][] = [];
      for (let m = 1; m <= 12; m += 1) if (rand() < 0.5) cells.push([m, rand() < 0.7 ? 'revenue' : 'payroll', 1 + Math.floor(rand() * 1_000)]);
      if (cells.length > 0) await enter(s, e.id, 2024, cells);
      if (rand() < 0.4) await s.ok('evidence:attach', evidenceOf(e.id, [{ year: 2024, month: 1 + Math.floor(rand() * 12), indicator: 'revenue' }, { year: 2024, month: 1 + Math.floor(rand() * 12), indicator: 'payroll' }]));
    }
    await expectCountsMatchRows(s, 2024);
    const all = await s.ok('stats:directory', { groupBy: 'township', year: 2024 });
    for (const groupBy of ['industrySection', 'industryDivision'] as const) {
      const other = await s.ok('stats:directory', { groupBy, year: 2024 });
      expect(other.totals).toEqual({ ...all.totals });
      expect(other.groups.map((g) => g.key)).toEqual(groupBy === 'industrySection' ? ['C', 'F'] : ['13', '52']);
    }
    const above = await s.ok('stats:directory', { groupBy: 'township', year: 2024, filter: { scale: 'above' } });
    expect(above.totals.total).toBe(5);
    expect(above.totals.filledFigures).toBeLessThan(all.totals.filledFigures);
  });
});

describe('ledger summaries of a store that had a ledger before them', () => {
  let store: TempStore | null = null;
  afterEach(() => store?.dispose());

  it('are computed on first use from the rows already there', () => {
    store = createTempStore();
    // The repo's migrations up to the one before the summaries: a store of the previous build.
    const before = copyMigrations();
    const journalPath = path.join(before, 'meta', '_journal.json');
    const journal = JSON.parse(fs.readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
    journal.entries = journal.entries.slice(0, journal.entries.findIndex((e) => e.tag === '0011_ledger_summaries'));
    fs.writeFileSync(journalPath, JSON.stringify(journal));
    const old = store.open({ migrationsFolder: before });
    old.sqlite.prepare("INSERT INTO enterprises (id, uscc, name, division_code, created_at, updated_at) VALUES ('ent-old-0001', '91640502MA00000077', '老企业', ?, 'x', 'x')").run(VILLAGE);
    old.sqlite.prepare("INSERT INTO ledger_months (enterprise_id, year, month, revenue, employees, updated_at) VALUES ('ent-old-0001', 2024, 3, 100, 5, 'x')").run();
    old.sqlite.prepare("INSERT INTO evidence (id, enterprise_id, sha256, file_name, mime_type, size, kind, figures, created_at, created_by) VALUES ('ev-old-0001', 'ent-old-0001', ?, 'a.png', 'image/png', 1, 'voucher', ?, 'x', 'x')").run('0'.repeat(64), JSON.stringify([{ year: 2024, month: 3, indicator: 'revenue' }]));
    old.sqlite.close();

    const current = store.open();
    updateSettings(current.db, { userName: '王敏', deviceName: 'pc' });
    const stats = directoryStats(current.db, StatsQuery.parse({ groupBy: 'township', year: 2024 }));
    expect(stats.totals).toMatchObject({ total: 1, filledFigures: 2, backedFigures: 1 });
    expect(stats.totals.ledgerMonths[2]).toBe(1);
  });
});
