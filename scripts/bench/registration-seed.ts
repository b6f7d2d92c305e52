import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppDatabase } from '@db/open';
import { buildSearchText } from '@main/registration/units-queries';
import { unitChanges, units } from '@db/schema';
import type { FormValues } from '@shared/forms/types';
import { builtinPack } from '@shared/packs/builtin';
import type { UnitKind, UnitStatus } from '@shared/registration/units';
import { realShapedUscc } from './lib/seed-units';

// Realistically shaped registration data for the registration benchmarks (and the tests that
// need many units): 沙坡头区 (640502) villages from data/divisions, about 70 普查小区, complete
// 611 / 611-2 / 611-3 / 611-8 answers that pass the edit rules, individual businesses on the
// individual form. Deterministic (seeded). Synthetic: never shown to anyone as real data.

export const BENCH_COUNTY = '640502';

/** mulberry32: a tiny seeded PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rand: () => number, list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
const between = (rand: () => number, lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));
const digits = (rand: () => number, n: number): string => Array.from({ length: n }, () => between(rand, 0, 9)).join('');

interface Village {
  code: string;
  name: string;
  township: string;
}

/** The level-5 divisions (villages, communities) of county 640502 from data/divisions. */
export function benchVillages(): Village[] {
  const file = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../data/divisions/640502.tsv');
  const rows = readFileSync(file, 'utf8').split('\n').slice(1).map((line) => line.split('\t'));
  const townships = new Map(rows.filter((r) => r[0]?.length === 9).map((r) => [r[0] ?? '', r[1] ?? '']));
  return rows
    .filter((r) => r[0]?.length === 12)
    .map((r) => ({ code: r[0] ?? '', name: r[1] ?? '', township: townships.get((r[0] ?? '').slice(0, 9)) ?? '' }));
}

const brands = ['宏达', '金沙', '鑫源', '塞上', '沙坡', '黄河', '锦华', '恒通', '瑞丰', '天元', '利民', '枸杞红', '大漠'];
const trades = [
  { word: '商贸', activity: '日用百货零售', industry: '5212', trade: true },
  { word: '餐饮', activity: '中餐餐饮服务', industry: '6210', trade: true },
  { word: '建材', activity: '建材批发', industry: '5165', trade: true },
  { word: '运输', activity: '道路货物运输', industry: '5431', trade: false },
  { word: '物业管理', activity: '住宅物业管理', industry: '7020', trade: false },
  { word: '汽车修理', activity: '汽车维修保养', industry: '8111', trade: false },
  { word: '信息技术', activity: '软件开发服务', industry: '6513', trade: false },
  { word: '枸杞加工', activity: '枸杞烘干加工', industry: '1371', trade: false },
];
const suffixes = ['有限公司', '有限责任公司', '商贸有限公司'];
const streets = ['鼓楼东街', '应理南街', '文萃路', '长城街', '迎水路', '宣和大道', '新墩路'];
const surnames = ['王', '李', '张', '刘', '马', '杨', '田'];
const givenNames = ['建国', '秀英', '伟', '海燕', '志强', '娜', '军'];
const person = (rand: () => number) => `${pick(rand, surnames)}${pick(rand, givenNames)}`;
const mobile = (rand: () => number) => `139${digits(rand, 8)}`;

export interface SeedUnit {
  id: string;
  kind: UnitKind;
  areaCode: string;
  name: string;
  uscc: string;
  address: string;
  industryCode: string;
  forms: Record<string, FormValues>;
}

/** One legal unit's complete forms (611, 611-2, 611-3, 611-8). */
function legalForms(rand: () => number, areaCode: string, village: Village, name: string, uscc: string, address: string) {
  const trade = pick(rand, trades);
  const employees = between(rand, 3, 120);
  const women = between(rand, 0, employees);
  // 千元; per employee well inside every section's plausible range (the built-in pack's plausibility table).
  const revenue = employees * between(rand, 60, 900);
  const assets = between(rand, 500, 60_000);
  const liabilities = Math.floor(assets * 0.4);
  const founded = `${between(rand, 2000, 2020)}-${String(between(rand, 1, 12)).padStart(2, '0')}`;
  const f611: FormValues = {
    unitType: '1',
    areaCode,
    uscc,
    name,
    legalRep: person(rand),
    foundedYm: founded,
    openedYm: founded,
    addrProvince: '宁夏回族自治区',
    addrCity: '中卫市',
    addrCounty: '沙坡头区',
    addrTownship: village.township,
    addrDetail: address.replace(/^.*沙坡头区/, ''),
    divisionCode: village.code,
    regSameAsLocation: true,
    phoneMobile: mobile(rand),
    activity1: trade.activity,
    industryCode: trade.industry,
    institutionType: '10',
    registrationCategory: '112',
    holding: '3',
    affiliation: '11',
    operatingStatus: '1',
    accountingStandard: '1',
    enterpriseAccountingStandard: '2',
    hasParent: false,
    groupRole: '3',
    hasEstablishments: false,
    ...(trade.trade ? { businessForm: '1', ...(trade.industry.startsWith('52') ? { retailFormat: '1040' } : {}) } : {}),
    employees,
    femaleEmployees: women,
    revenue,
    taxes: Math.floor(revenue * 0.01),
    assets,
    unitHead: person(rand),
    statHead: person(rand),
    filler: person(rand),
    fillerPhone: mobile(rand),
    filledDate: '2024-03-01',
  };
  const f611_2: FormValues = { employees, femaleEmployees: women, eduBachelor: Math.floor(employees / 3), eduCollege: Math.floor(employees / 4) };
  const f611_3: FormValues = {
    revenue,
    mainRevenue: revenue,
    operatingCost: Math.floor(revenue * 0.8),
    mainCost: Math.floor(revenue * 0.8),
    taxes: Math.floor(revenue * 0.01),
    operatingProfit: Math.floor(revenue * 0.05),
    currentAssets: Math.floor(assets * 0.6),
    inventory: Math.floor(assets * 0.2),
    assets,
    liabilities,
    equity: assets - liabilities,
    // Pay at least twelve months of the minimum wage a person (R611-3-PAY-PER-PERSON).
    payroll: employees * 60,
  };
  const f611_8: FormValues = {
    computers: between(rand, 1, employees),
    hasWebsite: false,
    usesCloud: rand() < 0.3,
    usesIndustrialInternet: false,
    usesAi: false,
    hasEcommerce: false,
    usesErp: rand() < 0.2,
    usesCrm: false,
    usesScm: false,
    usesMes: false,
  };
  return { industry: trade.industry, forms: { '611': f611, '611-2': f611_2, '611-3': f611_3, '611-8': f611_8 } };
}

/** `count` units spread over `areaCount` 普查小区 (two per village), deterministic for a seed. */
export function generateUnits(count: number, opts: { areaCount?: number; seed?: number } = {}): SeedUnit[] {
  const rand = prng(opts.seed ?? 611);
  const villages = benchVillages();
  const areaCount = opts.areaCount ?? 70;
  const areas = Array.from({ length: areaCount }, (_, i) => {
    const village = villages[Math.floor(i / 2) % villages.length] as Village;
    return { village, code: `${village.code}${String((i % 2) + 1).padStart(3, '0')}` };
  });
  const out: SeedUnit[] = [];
  for (let i = 0; i < count; i++) {
    const area = areas[i % areaCount] as (typeof areas)[number];
    const trade = pick(rand, trades);
    const address = `宁夏回族自治区中卫市沙坡头区${area.village.township}${pick(rand, streets)}${between(rand, 1, 300)}号`;
    const id = `bench-${String(i).padStart(6, '0')}`;
    if (rand() < 0.2) {
      const name = `${pick(rand, brands)}${trade.word}店`;
      const uscc = realShapedUscc('92640502', `MA${digits(rand, 6)}`);
      const individual: FormValues = {
        areaCode: area.code,
        name,
        operatorName: person(rand),
        hasLicence: true,
        uscc,
        openedYm: '2018-05',
        operatingStatus: '1',
        addrProvince: '宁夏回族自治区',
        addrCity: '中卫市',
        addrCounty: '沙坡头区',
        addrTownship: area.village.township,
        addrDetail: address.replace(/^.*沙坡头区/, ''),
        divisionCode: area.village.code,
        premises: '1',
        phoneMobile: mobile(rand),
        activity1: trade.activity,
        industryCode: trade.industry,
        employees: 2,
        femaleEmployees: 1,
        revenue: between(rand, 20, 500),
        filler: person(rand),
        filledDate: '2024-03-02',
      };
      out.push({ id, kind: 'individual', areaCode: area.code, name, uscc, address, industryCode: trade.industry, forms: { individual } });
      continue;
    }
    const name = `中卫市${pick(rand, brands)}${trade.word}${pick(rand, suffixes)}`;
    const org8 = digits(rand, 8);
    rand(); // drew a made-up 9th character once: kept so a seed gives the same units as before
    const uscc = realShapedUscc('91640502', org8);
    const legal = legalForms(rand, area.code, area.village, name, uscc, address);
    out.push({ id, kind: 'legal', areaCode: area.code, name, uscc, address, industryCode: legal.industry, forms: legal.forms });
  }
  return out;
}

const statusMix: readonly UnitStatus[] = ['not_started', 'not_started', 'draft', 'completed', 'completed', 'submitted', 'approved', 'returned', 'not_found'];

/** Inserts generated units (and one import trace each) in one transaction. */
export function seedRegistration(db: AppDatabase, list: readonly SeedUnit[]): void {
  const at = '2024-02-15T09:30:00.000Z';
  const rand = prng(7);
  db.transaction((tx) => {
    for (let start = 0; start < list.length; start += 300) {
      const batch = list.slice(start, start + 300);
      tx.insert(units)
        .values(
          batch.map((u) => ({
            id: u.id,
            areaCode: u.areaCode,
            kind: u.kind,
            status: pick(rand, statusMix),
            name: u.name,
            uscc: u.uscc,
            address: u.address,
            industryCode: u.industryCode,
            searchText: buildSearchText(u.name, u.uscc, u.address),
            data: JSON.stringify(u.forms),
            // Filled under the forms in force, as units made today are: an open measures reading and
            // checking, not the one-time move of a unit from an earlier version.
            formPack: builtinPack().ref,
            source: 'frame',
            frameRow: JSON.stringify({ 单位详细名称: u.name, 统一社会信用代码: u.uscc, 上年营业收入: '1200' }),
            createdAt: at,
            updatedAt: at,
          })),
        )
        .run();
      tx.insert(unitChanges)
        .values(batch.map((u) => ({ unitId: u.id, at, userName: '普查员01', deviceName: '平板01', action: 'import', changes: '[]', reason: null })))
        .run();
    }
  });
}
