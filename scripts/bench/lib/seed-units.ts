import type { AppDatabase } from '@db/open';
import { unitChanges, units } from '@db/schema';
import { unitKinds, unitStatuses } from '@shared/registration/units';

// Synthetic but realistically shaped registration rows for benchmarks: Chinese names and
// addresses, USCCs with a correct GB 32100-2015 check character, 15-digit 普查小区 codes in
// 沙坡头区 (640502), a form-answer JSON document of typical size, and a few trace rows per
// unit. Deterministic (seeded), so runs are comparable. Never shown to anyone as real data.

const usccAlphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const usccWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const orgWeights = [3, 7, 9, 10, 5, 8, 4, 2];

/**
 * A real-shaped USCC: `head8` (registrar, category, area) and an org code of `org8` with its
 * GB 11714 check character, then the GB 32100 one; the rules flag a made-up org code.
 */
export function realShapedUscc(head8: string, org8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += parseInt(org8[i] ?? '0', 36) * (orgWeights[i] ?? 0);
  const check = 11 - (sum % 11);
  return withUsccCheck(`${head8}${org8}${check === 10 ? 'X' : check === 11 ? '0' : String(check)}`);
}

/** Appends the GB 32100-2015 check character to a 17-character body. */
export function withUsccCheck(body17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += usccAlphabet.indexOf(body17[i] ?? '0') * (usccWeights[i] ?? 0);
  return body17 + usccAlphabet[(31 - (sum % 31)) % 31];
}

/** mulberry32: a tiny seeded PRNG, good enough to spread synthetic values. */
function prng(seed: number): () => number {
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
const digits = (rand: () => number, n: number): string =>
  Array.from({ length: n }, () => Math.floor(rand() * 10)).join('');

const brands = ['宏达', '金沙', '鑫源', '塞上', '沙坡', '黄河', '中卫', '锦华', '恒通', '瑞丰', '天元', '利民'];
const trades = [
  { word: '商贸', industry: '5212' },
  { word: '餐饮', industry: '6210' },
  { word: '建材', industry: '5165' },
  { word: '运输', industry: '5430' },
  { word: '枸杞种植加工', industry: '1371' },
  { word: '物业管理', industry: '7020' },
  { word: '汽车修理', industry: '8111' },
  { word: '信息技术', industry: '6510' },
];
const forms = ['有限公司', '有限责任公司', '商行', '经营部', '店'];
const streets = ['鼓楼东街', '应理南街', '文萃路', '长城街', '迎水路', '宣和大道', '新墩路'];
const towns = ['滨河镇', '文昌镇', '东园镇', '柔远镇', '镇罗镇', '宣和镇', '永康镇'];

export interface SeedOptions {
  count: number;
  tracesPerUnit: number;
  seed?: number;
}

/** Inserts `count` units and their trace rows in one transaction, in batches. */
export function seedUnits(db: AppDatabase, opts: SeedOptions): void {
  const rand = prng(opts.seed ?? 4754);
  const at = '2024-02-15T09:30:00.000Z';
  const batch = 400;
  db.transaction((tx) => {
    for (let start = 0; start < opts.count; start += batch) {
      const unitRows: (typeof units.$inferInsert)[] = [];
      const traceRows: (typeof unitChanges.$inferInsert)[] = [];
      for (let i = start; i < Math.min(start + batch, opts.count); i++) {
        const trade = pick(rand, trades);
        const name = `中卫市${pick(rand, brands)}${trade.word}${pick(rand, forms)}`;
        const org8 = digits(rand, 8);
        rand(); // drew a made-up 9th character once: kept so a seed gives the same rows as before
        const uscc = realShapedUscc('91640502', org8);
        const address = `宁夏回族自治区中卫市沙坡头区${pick(rand, towns)}${pick(rand, streets)}${1 + Math.floor(rand() * 300)}号`;
        const township = String(100 + Math.floor(rand() * 13)).padStart(3, '0');
        const village = String(1 + Math.floor(rand() * 30)).padStart(3, '0');
        const id = `u-${String(i).padStart(6, '0')}`;
        const data = {
          '611.02': uscc,
          '611.03': name,
          '611.04': `${pick(rand, ['王', '李', '张', '刘', '马'])}${pick(rand, ['建国', '秀英', '伟', '海燕', '志强'])}`,
          '611.07': address,
          '611.11': trade.industry,
          '611.12': '112',
          '611.16': '1',
          '611.40': Math.floor(rand() * 120),
          '611.41': Math.floor(rand() * 60),
          revenueThousandYuan: Math.floor(rand() * 500_000),
        };
        unitRows.push({
          id,
          areaCode: `640502${township}${village}${String(1 + (i % 150)).padStart(3, '0')}`,
          kind: pick(rand, unitKinds),
          status: pick(rand, unitStatuses),
          name,
          uscc,
          address,
          industryCode: trade.industry,
          searchText: `${name} ${uscc} ${address}`.toLowerCase(),
          data: JSON.stringify(data),
          source: rand() < 0.9 ? 'frame' : 'field',
          createdAt: at,
          updatedAt: at,
        });
        for (let t = 0; t < opts.tracesPerUnit; t++) {
          traceRows.push({
            unitId: id,
            at,
            userName: '普查员01',
            deviceName: '沙坡头区-平板01',
            action: t === 0 ? 'create' : 'update',
            changes: JSON.stringify([{ item: '611.40', from: t, to: t + 1 }]),
            reason: t === 0 ? null : '入户核实后更正',
          });
        }
      }
      tx.insert(units).values(unitRows).run();
      if (traceRows.length > 0) tx.insert(unitChanges).values(traceRows).run();
    }
  });
}
