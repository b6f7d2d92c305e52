import { describe, expect, it } from 'vitest';
import { rowsByIds } from '@main/directory/queries';
import { indexFor } from '@main/directory/index-store';
import { warmDirectory } from '@main/directory/warmup';
import { addEnterprise, directoryStore, enter, OTHER_VILLAGE, uscc, VILLAGE, type DirectoryStore } from './helpers';

// The directory list answers from the in-memory index, rows included. These tests hold its
// rows to the rows read from the store, and its start-up warm-up to the store as it changes
// underneath.

function insertRaw(s: DirectoryStore, from: number, count: number): void {
  const insert = s.sqlite.prepare(
    "INSERT INTO enterprises (id, uscc, name, address, division_code, industry_code, search_text, created_at, updated_at) VALUES (?, ?, ?, '', ?, '5211', ?, 'x', 'x')",
  );
  s.sqlite.transaction(() => {
    for (let i = from; i < from + count; i += 1) {
      const name = `批量企业${i}`;
      insert.run(`ent-raw-${String(i).padStart(6, '0')}`, uscc(`R${i}`), name, VILLAGE, name.toLowerCase());
    }
  })();
}

describe('directory index', () => {
  it('lists rows equal to the rows read from the store, after every kind of change', async () => {
    const s = directoryStore();
    const a = await addEnterprise(s, '71', { name: '宏达商贸', address: '应理南街 8 号', liaison: '张伟', isOnlineReporter: true, scale: 'above' });
    const b = await addEnterprise(s, '72', { name: '金沙建材', industryCode: '1371', divisionCode: OTHER_VILLAGE });
    await addEnterprise(s, '73', { name: '塞上运输', status: 'suspended', statusNote: '停业整顿' });
    // 工业 (1371): its flags and YTD are of 主营业务收入.
    await enter(s, b.id, 2024, [[1, 'mainRevenue', 1_800], [2, 'mainRevenue', 1_900]]);
    await enter(s, b.id, 2023, [[1, 'mainRevenue', 1_000], [2, 'mainRevenue', 1_000]]);
    await s.ok('followup:transition', { enterpriseId: b.id, version: 0, to: 'candidate', date: '2024-03-01' });
    s.sqlite.prepare("UPDATE enterprises SET status = 'no-such-status', stage = 'odd' WHERE id = ?").run(a.id);
    const page = await s.ok('enterprises:list', { limit: 500 });
    expect(page.rows).toHaveLength(3);
    expect(page.rows).toEqual(rowsByIds(s.db, page.rows.map((r) => r.id)));
    const withFlags = page.rows.find((r) => r.id === b.id);
    expect(withFlags).toMatchObject({ stage: 'candidate', flags: { asOf: '2024-02', measure: 'mainRevenue', ytdRevenue: 3_700 } });
    expect(withFlags?.flags.growth).toBeCloseTo(0.85);
  });

  it('loads in steps at start while the store changes underneath, and misses none of the changes', async () => {
    const s = directoryStore();
    insertRaw(s, 0, 12_000);
    let isOpen = true;
    const warm = warmDirectory(s.db, () => isOpen);
    // One step has run: part of the enterprises are loaded. Change rows on both sides of it.
    await new Promise((resolve) => setImmediate(resolve));
    s.sqlite.prepare("UPDATE enterprises SET name = '已改名企业', search_text = '已改名企业' WHERE id = 'ent-raw-000001'").run();
    s.sqlite.prepare("UPDATE enterprises SET deleted_at = 'x' WHERE id = 'ent-raw-011999'").run();
    insertRaw(s, 20_000, 1);
    await warm.done;
    const q = async (query: string) => (await s.ok('enterprises:list', { query, limit: 5 })).total;
    expect((await s.ok('enterprises:list', { limit: 1 })).total).toBe(12_000);
    expect(await q('已改名')).toBe(1);
    expect(await q('批量企业11999')).toBe(0);
    expect(await q('批量企业20000')).toBe(1);
    isOpen = false;
  });

  it('stops warming once the store is closed', async () => {
    const s = directoryStore();
    insertRaw(s, 0, 6_000);
    let isOpen = true;
    const warm = warmDirectory(s.db, () => isOpen);
    isOpen = false;
    s.sqlite.close();
    await expect(warm.done).resolves.toBeUndefined();
  });

  it('answers a query that arrives before the warm-up is done, from the whole store', async () => {
    const s = directoryStore();
    insertRaw(s, 0, 11_000);
    const warm = warmDirectory(s.db, () => true);
    expect((await s.ok('enterprises:list', { limit: 1 })).total).toBe(11_000);
    await warm.done;
    expect(indexFor(s.db).warmStep()).toBe(true);
  });
});
