import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHandlers } from '@main/handlers';
import { dispatch } from '@main/ipc/dispatch';
import { updateSettings } from '@main/session/settings-queries';
import type { SyncService } from '@main/sync/service';
import type { OpenedDatabase } from '@db/open';
import { indicatorDef, indicatorKeys, type IndicatorKey } from '@shared/ledger/indicators';
import { formatIndicatorValue } from '@shared/ledger/indicator-values';
import type { LedgerYearView } from '@shared/ledger/wire';
import type { Result } from '@shared/result';
import { createTempStore, repoMigrationsFolder, type TempStore } from '../helpers/store';
import { realUscc } from '../helpers/uscc';

// A store kept under the one universal indicator set (before 0030_ledger_indicator_sets), its
// ledger rows in the columns of that time, brought to the latest migrations: every value stays
// where it was and the grid shows it — in the enterprise's 专业 set where the set keeps that
// indicator, or under 原台账指标 after it.
//
// No value moves between indicators. The old indicators that mean the same as one of a 专业 set
// already are that indicator (one key, one column): 从业人员期末人数 is the services set's 期末用工人数
// (employees), 营业收入 is its 营业收入 (revenue), 应付职工薪酬 is payroll in the industrial and
// services sets, and 工业总产值/工业销售产值/出口交货值/利润总额/用电量 are the industrial set's own. The
// others do not mean the same as any new one: a retailer's 营业收入 is neither its 商品销售额 nor
// its 主营业务收入 (other business income differs), 能源购进量 in 千克标准煤 is not any one fuel in
// its physical unit, and 平均用工人数 is not a month-end head count. Moving them would change what a
// figure means, so they stay where they are, shown as earlier indicators, editable.

const OLD_KEYS = [
  'industrialOutput',
  'industrialSales',
  'exportDelivery',
  'electricity',
  'revenue',
  'operatingCost',
  'taxesAndSurcharges',
  'totalProfit',
  'vatPayable',
  'payroll',
  'totalAssets',
  'totalLiabilities',
  'employees',
  'energyPurchased',
  'energyConsumed',
] as const satisfies readonly IndicatorKey[];

const snake = (key: string): string => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

let store: TempStore | undefined;
afterEach(() => store?.dispose());

function handlersOn(opened: OpenedDatabase) {
  updateSettings(opened.db, { userName: '王敏', deviceName: 'township-pc' });
  const handlers = createHandlers({
    db: opened.db,
    info: { version: '0.0.0', schemaVersion: opened.schemaVersion, shell: 'web', storePath: ':memory:', isEncrypted: false },
    now: () => new Date('2024-06-15T08:00:00Z'),
    sync: {} as SyncService,
  });
  return async (enterpriseId: string, year: number): Promise<LedgerYearView> => {
    const r = (await dispatch(handlers, 'ledger:getYear', { enterpriseId, year }, { shell: 'web' })) as Result<LedgerYearView>;
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };
}

describe('the ledger of a store from before the per-专业 sets', () => {
  it('keeps every value of an industrial, a retail and a service enterprise and shows each one', async () => {
    const older = fs.mkdtempSync(path.join(os.tmpdir(), 'census-migrations-'));
    fs.cpSync(repoMigrationsFolder, older, { recursive: true });
    const journalPath = path.join(older, 'meta', '_journal.json');
    const journal = JSON.parse(fs.readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
    const at = journal.entries.findIndex((e) => e.tag === '0030_ledger_indicator_sets');
    expect(at).toBeGreaterThan(0);
    fs.writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, at) }, null, 2));

    store = createTempStore();
    const v1 = store.open({ migrationsFolder: older });
    // The old store has exactly the old columns.
    const oldColumns = (v1.sqlite.prepare("SELECT name FROM pragma_table_info('ledger_months')").pluck().all() as string[]).filter(
      (c) => !['enterprise_id', 'year', 'month', 'updated_at'].includes(c),
    );
    expect(oldColumns.sort()).toEqual(OLD_KEYS.map(snake).sort());
    const enterprises = [
      { id: 'ent-industry1', industry: '1311', set: 'industry' },
      { id: 'ent-retail001', industry: '5211', set: 'trade' },
      { id: 'ent-service01', industry: '7211', set: 'services' },
    ];
    const addEnterprise = v1.sqlite.prepare(
      "INSERT INTO enterprises (id, uscc, name, division_code, industry_code, created_at, updated_at) VALUES (?, ?, ?, '640502100201', ?, '2024-01-01', '2024-01-01')",
    );
    const columns = OLD_KEYS.map(snake);
    const addMonth = v1.sqlite.prepare(
      `INSERT INTO ledger_months (enterprise_id, year, month, ${columns.join(', ')}, updated_at) VALUES (?, ?, ?, ${columns.map(() => '?').join(', ')}, '2024-04-01')`,
    );
    const addAnnual = v1.sqlite.prepare(
      `INSERT INTO ledger_annual (enterprise_id, year, ${columns.join(', ')}, updated_at) VALUES (?, ?, ${columns.map(() => '?').join(', ')}, '2024-04-01')`,
    );
    /** A distinct value per enterprise, month and indicator; 用电量 as 千瓦时 (12,345 = 1.2345 万千瓦时). */
    const valueOf = (e: number, month: number, k: number): number => (OLD_KEYS[k] === 'electricity' ? 12_345 + e * 1_000 + month : 1_000 * (e + 1) + 10 * month + k);
    enterprises.forEach((ent, e) => {
      addEnterprise.run(ent.id, realUscc(`MA7LEDG${e}`), `迁移测试企业${e}`, ent.industry);
      for (const month of [1, 2, 3]) addMonth.run(ent.id, 2024, month, ...OLD_KEYS.map((_, k) => valueOf(e, month, k)));
      addAnnual.run(ent.id, 2023, ...OLD_KEYS.map((_, k) => valueOf(e, 0, k)));
    });
    const before = v1.sqlite.prepare(`SELECT enterprise_id, year, month, ${columns.join(', ')} FROM ledger_months ORDER BY enterprise_id, year, month`).all();
    const beforeAnnual = v1.sqlite.prepare(`SELECT enterprise_id, year, ${columns.join(', ')} FROM ledger_annual ORDER BY enterprise_id, year`).all();
    v1.sqlite.close();

    const v2 = store.open();
    expect(v2.sqlite.prepare(`SELECT enterprise_id, year, month, ${columns.join(', ')} FROM ledger_months ORDER BY enterprise_id, year, month`).all()).toEqual(before);
    expect(v2.sqlite.prepare(`SELECT enterprise_id, year, ${columns.join(', ')} FROM ledger_annual ORDER BY enterprise_id, year`).all()).toEqual(beforeAnnual);
    // The new indicators start empty: nothing was invented.
    const newColumns = indicatorKeys.filter((k) => !(OLD_KEYS as readonly string[]).includes(k)).map(snake);
    expect(v2.sqlite.prepare(`SELECT COUNT(*) FROM ledger_months WHERE ${newColumns.map((c) => `${c} IS NOT NULL`).join(' OR ')}`).pluck().get()).toBe(0);

    const getYear = handlersOn(v2);
    for (const [e, ent] of enterprises.entries()) {
      const view = await getYear(ent.id, 2024);
      expect(view.set.id).toBe(ent.set);
      const own = view.indicators.slice(0, view.setSize);
      const legacy = view.indicators.slice(view.setSize);
      // Every old indicator is shown: in the set, or after it as an earlier indicator.
      expect(new Set(view.indicators)).toEqual(new Set([...own, ...OLD_KEYS]));
      for (const key of legacy) expect(OLD_KEYS as readonly string[]).toContain(key);
      for (const month of [1, 2, 3]) {
        expect(view.months[month - 1]).toEqual(Object.fromEntries(OLD_KEYS.map((k, i) => [k, valueOf(e, month, i)])));
      }
      // 用电量 keeps its 千瓦时 integer and reads in 万千瓦时.
      expect(formatIndicatorValue(indicatorDef('electricity'), view.months[0]?.electricity ?? 0)).toBe(['1.2346', '1.3346', '1.4346'][e]);
      expect((await getYear(ent.id, 2023)).annual).toEqual(Object.fromEntries(OLD_KEYS.map((k, i) => [k, valueOf(e, 0, i)])));
    }
    // Which of them are the set's own: the industrial set keeps its 工业 figures, the services
    // set its 营业收入 and 期末用工人数, the retail set none of the old ones.
    const industry = await getYear('ent-industry1', 2024);
    expect(industry.indicators.slice(0, industry.setSize)).toEqual(expect.arrayContaining(['industrialOutput', 'industrialSales', 'exportDelivery', 'electricity', 'revenue', 'totalProfit', 'payroll']));
    const services = await getYear('ent-service01', 2024);
    expect(services.indicators.slice(0, services.setSize)).toEqual(['revenue', 'operatingProfit', 'payroll', 'employees']);
    const retail = await getYear('ent-retail001', 2024);
    expect(retail.indicators.slice(retail.setSize)).toEqual([...OLD_KEYS]);
  });
});
