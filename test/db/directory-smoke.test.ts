import { describe, expect, it } from 'vitest';
import { addEnterprise, directoryStore } from './directory-helpers';

describe('smoke', () => {
  it('creates and reads', async () => {
    const s = directoryStore();
    const e = await addEnterprise(s, '1');
    expect(e.name).toBe('沙坡头测试企业1');
    const y = await s.ok('ledger:saveCells', { enterpriseId: e.id, year: 2024, cells: [{ month: 1, indicator: 'revenue', from: null, to: 1500 }] });
    expect(y.computed.revenue?.[0]?.ytd).toBe(1500);
    const page = await s.ok('enterprises:list', { query: 'sptcs' });
    expect(page.total).toBe(1);
    expect(page.rows[0]?.flags.isNearThreshold).toBe(true);
    const stats = await s.ok('stats:directory', { groupBy: 'township', year: 2024 });
    expect(stats.totals.total).toBe(1);
  });
});
