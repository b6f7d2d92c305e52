import type { SqliteDatabase } from '@db/open';
import { enterpriseSearchText } from '@main/directory/queries';
import { realShapedUscc } from './lib/seed-units';
import { benchVillages, prng } from './registration-seed';

// A district directory for the directory benchmarks: 100,000 enterprises across the
// villages of 沙坡头区 (640502) with industries, scale, 包保责任人, twelve months of ledger each
// (revenue, cost, taxes, VAT, payroll, assets, employees, electricity), and evidence references
// for one enterprise in 20 (no file bytes: the statistics count references). Written with prepared
// statements in one transaction, deterministic (seeded). Synthetic: never shown as real data.

const brands = ['宏达', '金沙', '鑫源', '塞上', '沙坡', '黄河', '锦华', '恒通', '瑞丰', '天元', '利民', '枸杞红', '大漠', '宁安', '兴旺', '长城'];
const trades = [
  { word: '商贸', industry: '5212', base: 300 },
  { word: '餐饮', industry: '6210', base: 150 },
  { word: '建材', industry: '5165', base: 1200 },
  { word: '运输', industry: '5431', base: 900 },
  { word: '物业管理', industry: '7020', base: 500 },
  { word: '汽车修理', industry: '8111', base: 200 },
  { word: '信息技术', industry: '6513', base: 700 },
  { word: '枸杞加工', industry: '1371', base: 1500 },
  { word: '建筑工程', industry: '4710', base: 2000 },
];
const streets = ['鼓楼东街', '应理南街', '文萃路', '长城街', '迎水路', '宣和大道', '新墩路'];
const officials = ['张伟', '王芳', '李娜', '刘洋', '陈静', '杨军', '赵磊', '黄敏', '周勇', '吴霞', '徐强', '孙丽'];
const suffixes = ['有限公司', '有限责任公司', '商行', '经营部'];

export interface SeededDirectory {
  ids: string[];
  villages: string[];
  liaisons: readonly string[];
}

const LEDGER_YEAR = 2024;

export function seedDirectory(sqlite: SqliteDatabase, count: number, seed = 5): SeededDirectory {
  const rand = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const villages = benchVillages();
  const insertEnterprise = sqlite.prepare(
    `INSERT INTO enterprises (id, uscc, name, address, division_code, industry_code, registration_category, institution_type,
       scale, is_online_reporter, liaison, status, search_text, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, '173', '10', ?, ?, ?, 'active', ?, ?, ?)`,
  );

  const insertMonth = sqlite.prepare(
    `INSERT INTO ledger_months (enterprise_id, year, month, revenue, operating_cost, taxes_and_surcharges, vat_payable, payroll,
       total_assets, employees, electricity, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  // 原始记录 for one enterprise in 20: a voucher backing January–March revenue.
  const insertEvidence = sqlite.prepare(
    `INSERT INTO evidence (id, enterprise_id, sha256, file_name, mime_type, size, kind, figures, created_at, created_by)
     VALUES (?, ?, ?, 'voucher.jpg', 'image/jpeg', 120000, 'voucher', ?, ?, '乡镇统计员')`,
  );
  const voucherFigures = JSON.stringify([1, 2, 3].map((month) => ({ year: LEDGER_YEAR, month, indicator: 'revenue' })));
  const at = '2024-12-20T08:00:00.000Z';
  const ids: string[] = [];
  sqlite.transaction(() => {
    for (let i = 0; i < count; i++) {
      const village = pick(villages);
      const trade = pick(trades);
      const brand = pick(brands);
      const town = village.township.replace(/(镇|乡|街道|区)$/, '');
      const name = `中卫市${town}${brand}${trade.word}${pick(suffixes)}${i % 7 === 0 ? `第${(i % 97) + 1}分公司` : ''}`;
      const uscc = realShapedUscc('91640502', String(i).padStart(8, '0'));
      const address = `宁夏回族自治区中卫市沙坡头区${village.township}${pick(streets)}${1 + Math.floor(rand() * 300)}号`;
      const id = `ent-${i.toString(36).padStart(8, '0')}`;
      const scale = rand() < 0.12 ? 'above' : 'below';
      insertEnterprise.run(id, uscc, name, address, village.code, trade.industry, scale, rand() < 0.1 ? 1 : 0, pick(officials), enterpriseSearchText(name, uscc, '', address), at, at);
      const size = trade.base * (0.2 + rand() * 2.5) * (scale === 'above' ? 8 : 1);
      for (let m = 1; m <= 12; m++) {
        const revenue = Math.round(size * (0.7 + rand() * 0.6));
        insertMonth.run(id, LEDGER_YEAR, m, revenue, Math.round(revenue * 0.8), Math.round(revenue * 0.01), Math.round(revenue * 0.03), Math.round(revenue * 0.1), Math.round(size * 14), 5 + Math.floor(rand() * 40), Math.round(revenue * 3), at);
      }
      if (i % 20 === 0) insertEvidence.run(`ev-${i.toString(36).padStart(8, '0')}`, id, i.toString(16).padStart(64, '0'), voucherFigures, at);
      ids.push(id);
    }
  })();
  return { ids, villages: villages.map((v) => v.code), liaisons: officials };
}
