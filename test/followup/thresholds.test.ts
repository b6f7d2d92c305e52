import { describe, expect, it } from 'vitest';
import { industryByCode } from '@shared/codes/industry';
import { computeFlags, summariseRevenue, type FlagInput } from '@shared/ledger/flags';
import { defaultDirectorySettings, ThresholdTable, thresholdRuleFor } from '@shared/followup/thresholds';
import { thresholdTable } from '@shared/followup/thresholds-data';

const sectionOf = (division: string) => industryByCode(division)?.section;
const rule = (code: string) => thresholdRuleFor(thresholdTable, code, sectionOf);

describe('threshold table', () => {
  it('is valid data with a version and a source', () => {
    expect(ThresholdTable.parse(thresholdTable)).toEqual(thresholdTable);
    expect(thresholdTable.source).toMatch(/统计/);
    expect(new Set(thresholdTable.rules.map((r) => r.id)).size).toBe(thresholdTable.rules.length);
  });

  it.each([
    ['1311', 'industry', 20_000], // 谷物磨制 (C)
    ['0610', 'industry', 20_000], // 烟煤和无烟煤开采 (B)
    ['4411', 'industry', 20_000], // 火力发电 (D)
    ['5121', 'wholesale', 20_000],
    ['5211', 'retail', 5_000],
    ['6110', 'accommodation', 2_000],
    ['6210', 'catering', 2_000],
    ['5430', 'services20m', 20_000], // 道路货物运输 (G)
    ['6510', 'services20m', 20_000], // 软件开发 (I)
    ['8411', 'services20m', 20_000], // 综合医院 (卫生 84)
    ['7211', 'services10m', 10_000], // 企业总部管理 (L)
    ['7020', 'services10m', 10_000], // 物业管理
    ['8310', 'services10m', 10_000], // 学前教育 (P)
    ['8010', 'services5m', 5_000], // 家庭服务 (O)
    ['8510', 'services5m', 5_000], // 社会工作 85
    ['8710', 'services5m', 5_000], // 文化 (R)
  ])('%s → %s at %d 千元', (code, id, min) => {
    expect(rule(code)).toMatchObject({ id, kind: 'revenue', minRevenue: min });
  });

  it('enters construction by qualification and real-estate development by activity', () => {
    expect(rule('4710')).toMatchObject({ id: 'construction', kind: 'qualification', minRevenue: null });
    expect(rule('7010')).toMatchObject({ id: 'realEstateDevelopment', kind: 'activity' });
  });

  it('has no threshold for finance, public administration or unknown codes', () => {
    expect(rule('6620')).toBeNull();
    expect(rule('9221')).toBeNull();
    expect(rule('')).toBeNull();
    expect(rule('52')).toBeNull();
  });
});

describe('flags', () => {
  const settings = defaultDirectorySettings;
  const revenueRows = (year: number, values: (number | null)[]) => values.map((revenue, i) => ({ year, month: i + 1, revenue }));
  const input = (code: string, rows: { year: number; month: number; revenue: number | null }[], extra: Partial<FlagInput> = {}): FlagInput => ({
    scale: 'below',
    status: 'active',
    hasQualification: false,
    rule: rule(code),
    revenue: summariseRevenue(rows),
    ...extra,
  });

  it('summarises revenue to the latest month with the same months last year', () => {
    const s = summariseRevenue([...revenueRows(2023, [10, 10, 10, 10]), ...revenueRows(2024, [20, null, 30])]);
    expect(s).toEqual({ asOf: { year: 2024, month: 3 }, ytd: 50, monthsEntered: 2, lastYtd: 30, lastMonthsEntered: 3 });
    expect(summariseRevenue([])).toMatchObject({ asOf: null, ytd: null });
  });

  it('flags 准规模 when YTD reaches the share of the threshold', () => {
    // Retail 5,000 千元, share 80 %: 4,000 by December.
    const rows = revenueRows(2024, [400, 400, 400, 400, 400, 400, 400, 400, 400, 400]); // 4,000 in 10 months
    expect(computeFlags(input('5211', rows), settings).isNearThreshold).toBe(true);
  });

  it('flags 准规模 when annualised revenue reaches the share, early in the year', () => {
    // 3 months × 340 = 1,020; annualised 4,080 ≥ 4,000.
    expect(computeFlags(input('5211', revenueRows(2024, [340, 340, 340])), settings).isNearThreshold).toBe(true);
    // 3 × 330 = 990 → 3,960 < 4,000.
    expect(computeFlags(input('5211', revenueRows(2024, [330, 330, 330])), settings).isNearThreshold).toBe(false);
  });

  it('uses each industry’s own threshold', () => {
    const rows = revenueRows(2024, [500, 500, 500]); // annualised 6,000
    expect(computeFlags(input('5211', rows), settings).isNearThreshold).toBe(true); // retail 5,000
    expect(computeFlags(input('6210', rows), settings).isNearThreshold).toBe(true); // catering 2,000
    expect(computeFlags(input('1311', rows), settings).isNearThreshold).toBe(false); // industry 20,000
    expect(computeFlags(input('7211', rows), settings).isNearThreshold).toBe(false); // services 10,000
    expect(computeFlags(input('7211', rows), { ...settings, nearThresholdPct: 60 }).isNearThreshold).toBe(true);
  });

  it('treats construction and real-estate development by their condition, not revenue', () => {
    expect(computeFlags(input('4710', [], { hasQualification: true }), settings).isNearThreshold).toBe(true);
    expect(computeFlags(input('4710', revenueRows(2024, [99_999])), settings).isNearThreshold).toBe(false);
  });

  it('flags 成长型 on complete YTD growth at the set rate', () => {
    const rows = [...revenueRows(2023, [100, 100, 100]), ...revenueRows(2024, [120, 120, 120])];
    expect(computeFlags(input('5211', rows), settings).isGrowth).toBe(true);
    expect(computeFlags(input('5211', rows), { ...settings, growthPct: 21 }).isGrowth).toBe(false);
  });

  it('does not flag growth when a month is missing on either side', () => {
    const gapThisYear = [...revenueRows(2023, [100, 100, 100]), ...revenueRows(2024, [300, null, 300])];
    const gapLastYear = [...revenueRows(2023, [100, null, 100]), ...revenueRows(2024, [120, 120, 120])];
    expect(computeFlags(input('5211', gapThisYear), settings).isGrowth).toBe(false);
    expect(computeFlags(input('5211', gapLastYear), settings).isGrowth).toBe(false);
  });

  it('flags 规上 enterprises whose complete annualised revenue fell under the threshold', () => {
    const rows = revenueRows(2024, [300, 300, 300]); // 3,600 < retail 5,000
    expect(computeFlags(input('5211', rows, { scale: 'above' }), settings)).toEqual({ isNearThreshold: false, isGrowth: false, isBelowThreshold: true });
    expect(computeFlags(input('5211', revenueRows(2024, [500, 500]), { scale: 'above' }), settings).isBelowThreshold).toBe(false);
  });

  it('flags nothing for an enterprise that is not active', () => {
    const rows = revenueRows(2024, [5_000]);
    expect(computeFlags(input('5211', rows, { status: 'closed' }), settings)).toEqual({ isNearThreshold: false, isGrowth: false, isBelowThreshold: false });
  });
});
