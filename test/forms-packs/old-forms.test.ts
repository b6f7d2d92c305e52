import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '@db/open';
import { defaultDivisionDataDir, loadRegionFromData } from '@main/divisions/queries';
import { createRegistrationService, type RegistrationService } from '@main/registration/service';
import { updateSettings } from '@main/session/settings-queries';
import type { FormValues, Value } from '@shared/forms/types';
import { builtinPack, builtinPacks, UNRECORDED_PACK_REF } from '@shared/packs/builtin';
import { valuesNotInPack } from '@shared/packs/migrate';
import type { UnitKind } from '@shared/registration/units';
import { openMemoryStore } from '../helpers/store';

// Units saved under the first forms (2023.1: 611-3 for every enterprise, a "non-enterprise" 611-4,
// an establishment's 营业收入 on its 611) opened under 2023.2 keep every value: each is where it was,
// or where the pack's moves put it (611-3 → 611-4 under 企业会计准则, 611-4 → 611-6 / 611-7,
// 611 营业收入 → 经营性单位收入 of an establishment), or listed as an item this version does not have.

const AREA = '640502100201001';
let store: OpenedDatabase;
let svc: RegistrationService;
let ids = 0;

beforeEach(() => {
  store = openMemoryStore();
  updateSettings(store.db, { userName: '王小明', deviceName: '沙坡头-平板01', regionCode: '640502' });
  loadRegionFromData(store.db, defaultDivisionDataDir(), '640502');
  svc = createRegistrationService(store.db, { now: () => new Date('2024-03-15T02:00:00.000Z'), newId: () => `unit-${String(++ids).padStart(4, '0')}` });
});
afterEach(() => store.sqlite.close());

/** A draft as the previous version of the app left it: its forms as saved, no pack recorded. */
function savedUnderOldForms(kind: UnitKind, forms: Record<string, FormValues>): string {
  const created = svc.create({ areaCode: AREA, kind, name: String(forms['611']?.name ?? '某单位'), uscc: '' });
  store.sqlite.prepare('UPDATE units SET data = ?, form_pack = NULL WHERE id = ?').run(JSON.stringify(forms), created.id);
  return created.id;
}

type Leaf = [path: string, value: Value];
const leaves = (forms: Readonly<Record<string, FormValues>>): Leaf[] =>
  Object.entries(forms).flatMap(([formId, values]) => Object.entries(values).map(([code, value]): Leaf => [`${formId}.${code}`, value]));

/** Old path → new path, from the trace of the move. */
function movesInTrace(unitId: string): Map<string, string> {
  const rows = store.sqlite.prepare("SELECT changes FROM unit_changes WHERE unit_id = ? AND action = 'pack'").all(unitId) as { changes: string }[];
  const out = new Map<string, string>();
  for (const row of rows) {
    const changes = JSON.parse(row.changes) as { path: string; from: Value; to: Value }[];
    // Each move is a pair: the value leaving its old path, then arriving at its new one.
    for (let i = 0; i + 1 < changes.length; i++) {
      const [gone, came] = [changes[i], changes[i + 1]];
      if (gone && came && gone.to === null && came.from === null && gone.from === came.to) out.set(gone.path, came.path);
    }
  }
  return out;
}

function expectEveryValueKept(unitId: string, before: Readonly<Record<string, FormValues>>) {
  const after = svc.get(unitId);
  const moved = movesInTrace(unitId);
  const now = new Map(leaves(after.forms));
  for (const [path, value] of leaves(before)) {
    const at = moved.get(path) ?? path;
    expect(now.get(at), `${path} → ${at}`).toEqual(value);
  }
  return { after, moved, notInPack: valuesNotInPack(after.forms, builtinPack()) };
}

describe('a unit saved under the 2023.1 forms, opened under 2023.2', () => {
  it('ships both versions: units that record no pack were filled under the first', () => {
    expect(builtinPacks().map((p) => p.ref)).toEqual(['wjp5-2023@2023.1', 'wjp5-2023@2023.2']);
    expect(UNRECORDED_PACK_REF).toBe('wjp5-2023@2023.1');
  });

  it('an enterprise under 企业会计准则: its 611-3 moves to 611-4, and 611-2’s dropped 高中及以下 stays, listed', () => {
    const before = {
      '611': { unitType: '1', name: '中卫市宏达机械有限公司', institutionType: '10', accountingStandard: '1', enterpriseAccountingStandard: '1', revenue: 52000, assets: 40000, taxes: 600, employees: 120 },
      '611-2': { employees: 120, femaleEmployees: 30, eduPostgraduate: 2, eduBachelor: 20, eduCollege: 40, eduSecondaryOrBelow: 58 },
      '611-3': { revenue: 52000, operatingCost: 41000, taxes: 600, rdExpenses: 900, operatingProfit: 5200, assets: 40000, liabilities: 15000, rdStaff: 9 },
    };
    const id = savedUnderOldForms('legal', before);
    const { after, moved, notInPack } = expectEveryValueKept(id, before);
    expect(after.formPack).toBe('wjp5-2023@2023.2');
    expect(after.forms['611-4']).toMatchObject({ revenue: 52000, rdExpenses: 900, rdStaff: 9, liabilities: 15000 });
    expect(after.forms['611-3'] ?? {}).toEqual({});
    expect(moved.get('611-3.rdExpenses')).toBe('611-4.rdExpenses');
    expect(notInPack).toEqual(['611-2.eduSecondaryOrBelow']);
  });

  it('a small enterprise stays on 611-3; its 研发费用, not on the small-enterprise table, stays listed', () => {
    const before = {
      '611': { unitType: '1', name: '中卫市小李商店有限公司', institutionType: '10', accountingStandard: '1', enterpriseAccountingStandard: '2' },
      '611-3': { revenue: 3000, operatingCost: 2500, rdExpenses: 10, payroll: 300 },
    };
    const id = savedUnderOldForms('legal', before);
    const { moved, notInPack } = expectEveryValueKept(id, before);
    expect(moved.size).toBe(0);
    expect(notInPack).toEqual(['611-3.rdExpenses']);
  });

  it('a public institution’s non-enterprise 611-4 moves to 611-6 (政府会计)', () => {
    const before = {
      '611': { unitType: '1', name: '中卫市第三中学', institutionType: '20', accountingStandard: '2', expenditure: 2800 },
      '611-4': { incomeTotal: 3000, fiscalIncome: 2500, expenditureTotal: 2800, staffExpenditure: 1500, householdTransfers: 100, assets: 4000, netAssets: 3500 },
    };
    const id = savedUnderOldForms('legal', before);
    const { after, notInPack } = expectEveryValueKept(id, before);
    expect(after.forms['611-6']).toEqual(before['611-4']);
    expect(after.forms['611-4'] ?? {}).toEqual({});
    expect(notInPack).toEqual([]);
  });

  it('a social organisation’s 611-4 moves to 611-7 (民间非营利); 工资福利支出 becomes 人员费用, 财政拨款 stays listed', () => {
    const before = {
      '611': { unitType: '1', name: '中卫市个体劳动者协会', institutionType: '40', accountingStandard: '3' },
      '611-4': { incomeTotal: 900, fiscalIncome: 200, donationIncome: 600, expenditureTotal: 850, staffExpenditure: 400, assets: 1200, netAssets: 1000 },
    };
    const id = savedUnderOldForms('legal', before);
    const { after, notInPack } = expectEveryValueKept(id, before);
    expect(after.forms['611-7']).toEqual({ incomeTotal: 900, donationIncome: 600, expenditureTotal: 850, personnelExpenses: 400, assets: 1200, netAssets: 1000 });
    expect(notInPack).toEqual(['611-4.fiscalIncome']);
  });

  it('an establishment’s 营业收入 becomes its 经营性单位收入; a restaurant’s 营业面积 its 住宿和餐饮业营业面积', () => {
    const before = {
      '611': { unitType: '2', name: '好邻居超市文昌店', industryCode: '6210', revenue: 7000, businessArea: 300, taxes: 80, employees: 12 },
    };
    const id = savedUnderOldForms('establishment', before);
    const { after, notInPack } = expectEveryValueKept(id, before);
    expect(after.forms['611']).toMatchObject({ estRevenue: 7000, lodgingCateringArea: 300, taxes: 80, employees: 12 });
    expect(after.forms['611']).not.toHaveProperty('revenue');
    expect(notInPack).toEqual([]);
  });

  it('a legal unit’s own 营业收入 stays where it is', () => {
    const before = { '611': { unitType: '1', name: '中卫市宏达商贸有限公司', industryCode: '5212', revenue: 12000, businessArea: 800 } };
    const id = savedUnderOldForms('legal', before);
    const { moved } = expectEveryValueKept(id, before);
    expect(moved.size).toBe(0);
  });
});
