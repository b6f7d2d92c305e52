import { describe, expect, it } from 'vitest';
import type { AnalysisLine, AnalysisReport, AnalysisRow } from '@shared/analysis/analysis';
import { analysisStore, putEnterprise, putSeries, signIn, T_BINHE, T_DONGYUAN, T_WENCHANG } from './helpers';

// The analysis on a small district whose every figure is computed by hand in the comments:
// each 专业's headline lines through the rollup (flow, stock at month end, average, a missing
// month, January), the 规上 part and its 拉动, the townships' 拉动 and 位次 with a tie, targets and
// flags, the quarter, and what township staff may see.

function seed() {
  const s = analysisStore();
  const q = s.sqlite;
  // 工业 (class 1371 and 3011, section C): 工业总产值.
  putEnterprise(q, 'e1', T_BINHE, '1371', 'above');
  putSeries(q, 'e1', 2024, 'industrialOutput', [100, 100, 100]);
  putSeries(q, 'e1', 2023, 'industrialOutput', [80, 80, 80]);
  putSeries(q, 'e1', 2024, 'avgEmployees', [10, 11, 12]);
  putSeries(q, 'e1', 2023, 'avgEmployees', [8, 9, 9]);
  putEnterprise(q, 'e2', T_BINHE, '1371', 'below');
  putSeries(q, 'e2', 2024, 'industrialOutput', [50, 50, 50]);
  putSeries(q, 'e2', 2023, 'industrialOutput', [60, 60, 60]);
  putEnterprise(q, 'e3', T_WENCHANG, '3011', 'above');
  putSeries(q, 'e3', 2024, 'industrialOutput', [200, 200, 200]);
  putSeries(q, 'e3', 2023, 'industrialOutput', [200, 200, 200]);
  putEnterprise(q, 'e4', T_DONGYUAN, '1371', 'above');
  putSeries(q, 'e4', 2024, 'industrialOutput', [120, 120, 120]);
  putSeries(q, 'e4', 2023, 'industrialOutput', [100, 100, 100]);
  // 批零 (5211, section F): 零售额, a tie between 滨河 and 文昌 at +10 %, 东园 falling.
  putEnterprise(q, 'r1', T_BINHE, '5211', 'above');
  putSeries(q, 'r1', 2024, 'retailSales', [30, 40, 40]);
  putSeries(q, 'r1', 2023, 'retailSales', [30, 30, 40]);
  putEnterprise(q, 'r2', T_WENCHANG, '5211', 'below');
  putSeries(q, 'r2', 2024, 'retailSales', [70, 70, 80]);
  putSeries(q, 'r2', 2023, 'retailSales', [60, 70, 70]);
  putEnterprise(q, 'r3', T_DONGYUAN, '5211', 'below');
  putSeries(q, 'r3', 2024, 'retailSales', [30, 30, 30]);
  putSeries(q, 'r3', 2023, 'retailSales', [30, 40, 30]);
  // 服务业 (7020 物业管理): 营业收入 with February missing this year; 期末用工人数 a stock.
  putEnterprise(q, 's1', T_BINHE, '7020', 'above');
  putSeries(q, 's1', 2024, 'revenue', [100, null, 100]);
  putSeries(q, 's1', 2023, 'revenue', [100, 100, 100]);
  putSeries(q, 's1', 2024, 'employees', [10, 11, 12]);
  putSeries(q, 's1', 2023, 'employees', [9, 9, 9]);
  // 房地产开发 (7010) and 建筑业 (4710), one each, January only.
  putEnterprise(q, 'd1', T_WENCHANG, '7010', 'above');
  putSeries(q, 'd1', 2024, 'investmentCompleted', [5000]);
  putSeries(q, 'd1', 2023, 'investmentCompleted', [4000]);
  putEnterprise(q, 'c1', T_DONGYUAN, '4710', 'above');
  putSeries(q, 'c1', 2024, 'constructionOutput', [900]);
  putSeries(q, 'c1', 2023, 'constructionOutput', [1000]);
  return s;
}

const line = (r: AnalysisReport, key: string): AnalysisLine => {
  const l = r.lines.find((x) => x.key === key);
  if (!l) throw new Error(`no line ${key}`);
  return l;
};
const town = (l: AnalysisLine, code: string): AnalysisRow => {
  const t = l.townships.find((x) => x.key === code);
  if (!t) throw new Error(`no township ${code}`);
  return t;
};
const close = (v: number | null) => (v === null ? null : Math.round(v * 1e6) / 1e6);

describe('the monthly analysis on a known data set', () => {
  it('adds up 工业总产值 by township and division, with growth, 规上 拉动, 拉动 on the district, 位次 and targets', async () => {
    const s = seed();
    await s.ok('analysis:setTarget', { year: 2024, areaCode: '640502', line: 'industry.industrialOutput', targetTenths: 80, note: '' });
    await s.ok('analysis:setTarget', { year: 2024, areaCode: T_WENCHANG, line: 'industry.industrialOutput', targetTenths: 50, note: '' });
    await s.ok('analysis:setTarget', { year: 2024, areaCode: T_BINHE, line: 'industry.industrialOutput', targetTenths: 71, note: '' });
    const r = await s.ok('analysis:report', { year: 2024, period: { kind: 'month', month: 3 } });
    expect(r.area).toMatchObject({ code: '640502', isDistrict: true });
    const io = line(r, 'industry.industrialOutput');
    // District: 1,410 against 1,320 → +6.818 %; the month 470 against 440.
    expect(io.total.all.ytd).toEqual({ value: 1410, missingMonths: [], missingEnterprises: 0 });
    expect(io.total.all.ytdLast.value).toBe(1320);
    expect(close(io.total.all.ytdGrowth)).toBe(close(1410 / 1320 - 1));
    expect(io.total.all.period.value).toBe(470);
    expect(io.total.all.periodLast.value).toBe(440);
    // 规上 (e1, e3, e4): 1,260 against 1,140; their 拉动 on the district (1,260 − 1,140) / 1,320 × 100.
    expect(io.total.above.ytd.value).toBe(1260);
    expect(close(io.total.abovePull)).toBe(close((120 / 1320) * 100));
    // 滨河 450/420 (+7.14 %, its 规上 300/240 pulls 14.29 points), 文昌 600/600, 东园 360/300 (+20 %).
    const binhe = town(io, T_BINHE);
    expect([binhe.all.ytd.value, binhe.all.ytdLast.value, binhe.above.ytd.value, binhe.above.ytdLast.value]).toEqual([450, 420, 300, 240]);
    expect(close(binhe.abovePull)).toBe(close((60 / 420) * 100));
    expect(close(binhe.pull)).toBe(close((30 / 1320) * 100));
    expect(close(town(io, T_DONGYUAN).pull)).toBe(close((60 / 1320) * 100));
    expect(town(io, T_WENCHANG).pull).toBe(0);
    expect(io.townships.map((t) => [t.name, t.rank])).toEqual([
      ['滨河镇', { rank: 2, isTied: false }],
      ['文昌镇', { rank: 3, isTied: false }],
      ['东园镇', { rank: 1, isTied: false }],
    ]);
    // Targets: the district 8.0 % (6.8 % falls short), 文昌 5.0 % (0 % falls short), 滨河 7.1 % (7.14 % meets it).
    expect(io.total).toMatchObject({ targetTenths: 80, flags: ['belowTarget'] });
    expect(town(io, T_WENCHANG)).toMatchObject({ targetTenths: 50, flags: ['belowTarget'] });
    expect(binhe).toMatchObject({ targetTenths: 71, flags: [] });
    // By division: 13 (e1, e2, e4) and 30 (e3).
    expect(io.divisions.map((d) => [d.key, d.all.ytd.value, d.all.ytdLast.value])).toEqual([
      ['13', 810, 720],
      ['30', 600, 600],
    ]);
    expect(io.divisions[0]?.name).toBe('农副食品加工业');
  });

  it('ranks ties together and flags a decline', async () => {
    const s = seed();
    const r = await s.ok('analysis:report', { year: 2024, period: { kind: 'month', month: 3 } });
    const retail = line(r, 'trade.retailSales');
    // 滨河 110/100 and 文昌 220/200: both +10 %, both 1st (并列); 东园 90/100: −10 %, 3rd, flagged.
    expect(retail.townships.map((t) => [t.all.ytd.value, t.all.ytdLast.value, t.rank, t.flags])).toEqual([
      [110, 100, { rank: 1, isTied: true }, []],
      [220, 200, { rank: 1, isTied: true }, []],
      [90, 100, { rank: 3, isTied: false }, ['negative']],
    ]);
    // The hospitality line of the same indicator stays apart (no 住餐 enterprise: nothing, not 0).
    expect(line(r, 'hospitality.retailSales').total.all.ytd).toMatchObject({ value: null, missingMonths: [] });
  });

  it('keeps each indicator’s kind: a missing month named, a stock at month end, an average of months, January', async () => {
    const s = seed();
    const r = await s.ok('analysis:report', { year: 2024, period: { kind: 'month', month: 3 } });
    const revenue = line(r, 'services.revenue').total;
    expect(revenue.all.ytd).toEqual({ value: 200, missingMonths: [2], missingEnterprises: 1 });
    expect(revenue.all.ytdGrowth).toBeNull();
    expect(revenue.flags).toEqual([]);
    expect(line(r, 'services.employees').total.all.ytd).toEqual({ value: 12, missingMonths: [], missingEnterprises: 0 });
    expect(line(r, 'services.employees').total.all.ytdLast.value).toBe(9);
    // 平均用工人数: (10 + 11 + 12) / 3 = 11 against (8 + 9 + 9) / 3 = 8.67 → 9.
    const avg = line(r, 'industry.avgEmployees').total.all;
    expect([avg.ytd.value, avg.ytdLast.value]).toEqual([11, 9]);
    // January: the month is the YTD; the 建筑业 and 房地产 lines entered only January.
    const jan = await s.ok('analysis:report', { year: 2024, period: { kind: 'month', month: 1 } });
    const build = line(jan, 'construction.constructionOutput').total.all;
    expect([build.period.value, build.ytd.value, build.ytdLast.value, close(build.ytdGrowth)]).toEqual([900, 900, 1000, -0.1]);
    expect(line(jan, 'construction.constructionOutput').total.flags).toEqual(['negative']);
    expect(line(jan, 'realEstate.investmentCompleted').total.all.ytd.value).toBe(5000);
    expect(line(jan, 'services.revenue').total.all.ytd).toEqual({ value: 100, missingMonths: [], missingEnterprises: 0 });
  });

  it('reads a quarter: its three months, and the YTD to its end', async () => {
    const s = seed();
    const q1 = await s.ok('analysis:report', { year: 2024, period: { kind: 'quarter', quarter: 1 } });
    expect([q1.from, q1.to]).toEqual([1, 3]);
    const io = line(q1, 'industry.industrialOutput').total.all;
    expect([io.period.value, io.periodLast.value, io.ytd.value]).toEqual([1410, 1320, 1410]);
    // A stock's quarter is its last month; an average's the mean of the month totals (33/3 = 11).
    expect(line(q1, 'services.employees').total.all.period.value).toBe(12);
    expect(line(q1, 'industry.avgEmployees').total.all.period.value).toBe(11);
    const q2 = await s.ok('analysis:report', { year: 2024, period: { kind: 'quarter', quarter: 2 } });
    expect(line(q2, 'industry.industrialOutput').total.all.period).toMatchObject({ value: null });
    // Stocks never carry forward: nothing at June's end.
    expect(line(q2, 'services.employees').total.all.ytd).toMatchObject({ value: null, missingMonths: [6] });
  });

  it('shows township staff their township only, without a ranking, and refuses another’s', async () => {
    const s = seed();
    signIn(s.db, 'township', 'u-binhe', '李娜', [T_BINHE]);
    const r = await s.ok('analysis:report', { year: 2024, period: { kind: 'month', month: 3 } });
    expect(r.area).toMatchObject({ code: T_BINHE, name: '滨河镇', isDistrict: false });
    expect(r.townships).toEqual([{ code: T_BINHE, name: '滨河镇' }]);
    const io = line(r, 'industry.industrialOutput');
    expect(io.total.all.ytd.value).toBe(450);
    expect(io.townships.map((t) => t.rank)).toEqual([null]);
    expect(await s.call('analysis:report', { year: 2024, period: { kind: 'month', month: 3 }, township: T_WENCHANG })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // Township staff read targets but do not set them.
    expect(await s.call('analysis:setTarget', { year: 2024, areaCode: T_BINHE, line: 'industry.industrialOutput', targetTenths: 80, note: '' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    signIn(s.db, 'enumerator', 'u-enum', '马晓梅', [T_BINHE]);
    expect(await s.call('analysis:report', { year: 2024, period: { kind: 'month', month: 3 } })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
