import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '@db/open';
import { updateSettings } from '@main/session/settings-queries';
import { listUnits } from '@main/registration/units-queries';
import { createRegistrationService, type RegistrationService } from '@main/registration/service';
import { openMemoryStore } from '../helpers/store';

// The unit list: instant search, filters, per-area counts and the duplicate-USCC flag.

let store: OpenedDatabase;
let svc: RegistrationService;
let n: number;

const A1 = '640502100201001'; // 滨河镇 · one 普查区, two 普查小区
const A2 = '640502100201002';
const B1 = '640502101003001'; // another 普查区
const USCC = '91350100M000100Y43';

beforeEach(() => {
  store = openMemoryStore();
  updateSettings(store.db, { userName: '王小明', deviceName: '平板01' });
  n = 0;
  svc = createRegistrationService(store.db, { now: () => new Date('2024-03-15T02:00:00Z'), newId: () => `unit-${String(++n).padStart(4, '0')}` });
  svc.create({ areaCode: A2, kind: 'legal', name: '中卫市好邻居超市有限公司', uscc: USCC, address: '滨河镇文昌路12号' });
  svc.create({ areaCode: A1, kind: 'individual', name: '老王烧烤店', address: '西关村文昌路20号' });
  // The same USCC again, as the user confirms after the duplicate warning (units:sameUscc).
  svc.create({ areaCode: A1, kind: 'legal', name: '中卫市宏达建材有限公司', uscc: USCC, duplicateOf: ['unit-0001'] });
  svc.create({ areaCode: B1, kind: 'legal', name: '塞上物业管理有限公司', uscc: USCC, address: '文萃路3号', duplicateOf: ['unit-0001', 'unit-0003'] });
});
afterEach(() => store.sqlite.close());

const q = (query: Parameters<typeof listUnits>[1] extends infer Q ? Partial<Q> : never) =>
  listUnits(store.db, { limit: 200, offset: 0, ...query });

describe('the unit list', () => {
  it('orders by area then name and counts every area by status', () => {
    const list = q({});
    expect(list.rows.map((r) => r.name)).toEqual(['中卫市宏达建材有限公司', '老王烧烤店', '中卫市好邻居超市有限公司', '塞上物业管理有限公司']);
    expect(list.total).toBe(4);
    expect(list.areas.map((a) => [a.areaCode, a.total, a.byStatus.draft])).toEqual([
      [A1, 2, 2],
      [A2, 1, 1],
      [B1, 1, 1],
    ]);
  });

  it('sorts by a chosen column either way, ties in area-then-name order, pages without repeats', () => {
    svc.markNotFound({ id: 'unit-0002', version: 1, reason: '门店已拆除，电话停机' });
    const names = (sort: NonNullable<Parameters<typeof q>[0]['sort']>) => q({ sort }).rows.map((r) => r.name);
    expect(names({ field: 'name', direction: 'asc' })).toEqual([...names({ field: 'name', direction: 'desc' })].reverse());
    expect(names({ field: 'address', direction: 'asc' })[0]).toBe('中卫市宏达建材有限公司'); // no address sorts first
    expect(names({ field: 'area', direction: 'desc' })).toEqual(['塞上物业管理有限公司', '中卫市好邻居超市有限公司', '老王烧烤店', '中卫市宏达建材有限公司']);
    // Statuses in the order work moves (草稿 before 找不到), not alphabetically.
    expect(names({ field: 'status', direction: 'desc' })[0]).toBe('老王烧烤店');
    expect(names({ field: 'status', direction: 'asc' }).at(-1)).toBe('老王烧烤店');
    // USCC ties (three share one) fall back to area then name.
    expect(names({ field: 'uscc', direction: 'desc' })).toEqual(['中卫市宏达建材有限公司', '中卫市好邻居超市有限公司', '塞上物业管理有限公司', '老王烧烤店']);
    const paged = [0, 1, 2, 3].flatMap((offset) => q({ sort: { field: 'uscc', direction: 'asc' }, limit: 1, offset }).rows.map((r) => r.id));
    expect(new Set(paged).size).toBe(4);
  });

  it.each([
    ['a name fragment', '好邻居', ['中卫市好邻居超市有限公司']],
    ['pinyin initials of the name', 'lwsk', ['老王烧烤店']],
    ['upper-case pinyin initials', 'SSWY', ['塞上物业管理有限公司']],
    ['an address fragment', '文昌路', ['老王烧烤店', '中卫市好邻居超市有限公司']],
    ['a USCC fragment in lower case', 'm000100y', ['中卫市宏达建材有限公司', '中卫市好邻居超市有限公司', '塞上物业管理有限公司']],
    ['two terms that must both match', '文昌路 超市', ['中卫市好邻居超市有限公司']],
    ['LIKE wildcards as plain text', '%', []],
  ])('finds units by %s', (_label, query, names) => {
    const list = q({ query });
    expect(list.rows.map((r) => r.name)).toEqual(names);
    expect(list.total).toBe(names.length);
    // The sidebar counts ignore the search.
    expect(list.areas.reduce((sum, a) => sum + a.total, 0)).toBe(4);
  });

  it('filters by area prefix and status, and pages', () => {
    expect(q({ areaPrefix: '640502100201' }).total).toBe(3);
    expect(q({ areaPrefix: A1 }).rows.map((r) => r.areaCode)).toEqual([A1, A1]);
    store.sqlite.prepare(`UPDATE units SET status = 'submitted' WHERE name = '老王烧烤店'`).run();
    expect(q({ statuses: ['submitted'] }).rows.map((r) => r.name)).toEqual(['老王烧烤店']);
    expect(q({ statuses: ['draft', 'submitted'] }).total).toBe(4);
    const page = q({ limit: 2, offset: 2 });
    expect(page.rows.map((r) => r.name)).toEqual(['中卫市好邻居超市有限公司', '塞上物业管理有限公司']);
    expect(page.total).toBe(4);
  });

  it('flags a USCC repeated within one 普查区, not across 普查区', () => {
    const flags = Object.fromEntries(q({}).rows.map((r) => [r.name, r.isDuplicateUscc]));
    expect(flags).toEqual({
      中卫市好邻居超市有限公司: true,
      老王烧烤店: false,
      中卫市宏达建材有限公司: true,
      塞上物业管理有限公司: false,
    });
    expect(svc.get('unit-0001').duplicateIds).toEqual(['unit-0003']);
    expect(svc.get('unit-0004').duplicateIds).toEqual([]);
  });

  it('leaves deleted (tombstoned) units out of the list, the counts and the duplicate flag', () => {
    store.sqlite.prepare(`UPDATE units SET deleted_at = '2024-03-16T00:00:00Z' WHERE id = 'unit-0003'`).run();
    const list = q({});
    expect(list.total).toBe(3);
    expect(list.rows.find((r) => r.id === 'unit-0001')?.isDuplicateUscc).toBe(false);
    expect(list.areas.find((a) => a.areaCode === A1)?.total).toBe(1);
  });

  it('serves the list from the covering index, never from the table rows', () => {
    const plan = store.sqlite
      .prepare(`EXPLAIN QUERY PLAN SELECT count(*) FROM units WHERE "units"."deleted_at" is null AND instr("units"."search_text", 'x') > 0`)
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('COVERING INDEX units_list_idx');
  });
});
