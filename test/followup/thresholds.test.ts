import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { industryByCode } from '@shared/codes/industry';
import { admissionHints, computeFlags, summariseRevenue, type FlagInput } from '@shared/followup/admission-flags';
import { defaultDirectorySettings, investmentRuleOf, ThresholdTable, thresholdRuleFor } from '@shared/followup/thresholds';
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

  it.each([
    ['1311', 'mainRevenue'],
    ['4411', 'mainRevenue'],
    ['5121', 'mainRevenue'],
    ['5211', 'mainRevenue'],
    ['6110', 'mainRevenue'],
    ['6210', 'mainRevenue'],
    ['5430', 'revenue'],
    ['7211', 'revenue'],
    ['8010', 'revenue'],
  ])('%s is judged on %s (工业 and 批零住餐 on 主营业务收入, services on 营业收入)', (code, measure) => {
    expect(rule(code)?.measure).toBe(measure);
  });

  it('has the fifth kind as its own rule, selected by no industry', () => {
    expect(thresholdTable.version).toBe('2023.2');
    expect(investmentRuleOf(thresholdTable)).toMatchObject({ kind: 'investment', minInvestment: 50_000, matches: [], unitKinds: ['legal'] });
    expect(thresholdTable.rules.filter((r) => r.kind !== 'investment').every((r) => r.matches.length > 0)).toBe(true);
  });

  it('judges 产业活动单位 and 个体经营户 for 限上 批零住餐 only', () => {
    for (const code of ['5121', '5211', '6110', '6210']) expect(rule(code)?.unitKinds).toEqual(['legal', 'establishment', 'individual']);
    for (const code of ['1311', '4710', '7010', '5430']) expect(rule(code)?.unitKinds).toEqual(['legal']);
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

const plain = {
  unitKind: 'legal',
  qualificationKind: 'none',
  isLocallyRegistered: null,
  hasDevelopmentActivity: false,
  projectInvestment: null,
  isProjectUnderConstruction: false,
} as const;

describe('flags', () => {
  const settings = defaultDirectorySettings;
  const investmentRule = investmentRuleOf(thresholdTable);
  const revenueRows = (year: number, values: (number | null)[]) => values.map((revenue, i) => ({ year, month: i + 1, revenue }));
  const input = (code: string, rows: { year: number; month: number; revenue: number | null }[], extra: Partial<FlagInput> = {}): FlagInput => ({
    scale: 'below',
    status: 'active',
    ...plain,
    rule: rule(code),
    investmentRule,
    revenue: summariseRevenue(rows),
    ...extra,
  });
  const state = (f: ReturnType<typeof computeFlags>) => (f.isReached ? 'reached' : f.isNearThreshold ? 'near' : 'below');

  it('summarises revenue to the latest month with the same months last year', () => {
    const s = summariseRevenue([...revenueRows(2023, [10, 10, 10, 10]), ...revenueRows(2024, [20, null, 30])]);
    expect(s).toEqual({ asOf: { year: 2024, month: 3 }, ytd: 50, monthsEntered: 2, lastYtd: 30, lastMonthsEntered: 3 });
    expect(summariseRevenue([])).toMatchObject({ asOf: null, ytd: null });
  });

  // 12 months of a monthly figure (千元): below the near share, near (≥ 80 %, < 100 %), at the threshold.
  it.each([
    ['工业', '1311', 1_000, 'below'],
    ['工业', '1311', 1_400, 'near'], // 16,800 ≥ 16,000
    ['工业', '1311', 1_667, 'reached'], // 20,004 ≥ 20,000
    ['批发', '5121', 1_300, 'below'],
    ['批发', '5121', 1_500, 'near'],
    ['批发', '5121', 1_700, 'reached'],
    ['零售', '5211', 300, 'below'],
    ['零售', '5211', 350, 'near'], // 4,200
    ['零售', '5211', 420, 'reached'], // 5,040
    ['住宿', '6110', 120, 'below'],
    ['住宿', '6110', 150, 'near'], // 1,800
    ['住宿', '6110', 170, 'reached'], // 2,040
    ['餐饮', '6210', 120, 'below'],
    ['餐饮', '6210', 160, 'near'],
    ['餐饮', '6210', 167, 'reached'], // 2,004
    ['服务业 1000万档', '7211', 600, 'below'],
    ['服务业 1000万档', '7211', 700, 'near'], // 8,400
    ['服务业 1000万档', '7211', 840, 'reached'], // 10,080
  ])('%s %s at %d a month is %s', (_label, code, monthly, expected) => {
    const rows = revenueRows(2024, Array.from({ length: 12 }, () => monthly));
    expect(state(computeFlags(input(code, rows), settings))).toBe(expected);
  });

  it.each([
    ['劳务', { qualificationKind: 'labour', isLocallyRegistered: true }, 'below'],
    ['专业作业', { qualificationKind: 'specialistWork', isLocallyRegistered: true }, 'below'],
    ['资质待确认', { qualificationKind: 'unconfirmed', isLocallyRegistered: true }, 'below'],
    ['总承包, not registered here', { qualificationKind: 'general', isLocallyRegistered: false }, 'below'],
    ['总承包, registration unstated', { qualificationKind: 'general', isLocallyRegistered: null }, 'below'],
    ['总承包, local', { qualificationKind: 'general', isLocallyRegistered: true }, 'reached'],
    ['专业承包, local', { qualificationKind: 'specialty', isLocallyRegistered: true }, 'reached'],
  ] as const)('建筑业 with %s is %s, whatever its revenue', (_label, extra, expected) => {
    expect(state(computeFlags(input('4710', revenueRows(2024, [99_999]), extra), settings))).toBe(expected);
  });

  it.each([
    ['no development activity', false, 'below'],
    ['development activity', true, 'reached'],
  ] as const)('房地产开发 with %s is %s', (_label, hasDevelopmentActivity, expected) => {
    expect(state(computeFlags(input('7010', [], { hasDevelopmentActivity }), settings))).toBe(expected);
    // A contracting qualification is no development activity.
    expect(computeFlags(input('7010', [], { qualificationKind: 'general', isLocallyRegistered: true }), settings).isReached).toBe(false);
  });

  it('flags the fifth kind: a legal unit with a ≥ 5000万 project under construction, whatever its industry', () => {
    const project = { projectInvestment: 50_000, isProjectUnderConstruction: true };
    expect(computeFlags(input('6620', [], project), settings)).toMatchObject({ isReached: true, reachedRule: 'investmentProject' });
    expect(computeFlags(input('1311', [], project), settings)).toMatchObject({ isReached: true, reachedRule: 'investmentProject' });
    expect(computeFlags(input('1311', [], { ...project, projectInvestment: 49_999 }), settings).isReached).toBe(false);
    expect(computeFlags(input('1311', [], { ...project, isProjectUnderConstruction: false }), settings).isReached).toBe(false);
    expect(computeFlags(input('1311', [], { ...project, unitKind: 'establishment' }), settings).isReached).toBe(false);
  });

  it('judges 个体经营户 and 产业活动单位 for 批零住餐 only', () => {
    const rows = revenueRows(2024, Array.from({ length: 12 }, () => 2_000));
    expect(computeFlags(input('5211', rows, { unitKind: 'individual' }), settings).isReached).toBe(true);
    expect(computeFlags(input('6210', rows, { unitKind: 'establishment' }), settings).isReached).toBe(true);
    expect(computeFlags(input('1311', rows, { unitKind: 'individual' }), settings)).toMatchObject({ isReached: false, isNearThreshold: false });
    expect(admissionHints(rule('1311'), { ...plain, unitKind: 'individual' }, false)).toEqual(['unitKindNotJudged']);
    expect(admissionHints(rule('5211'), { ...plain, unitKind: 'individual' }, false)).toEqual([]);
  });

  it('says what is missing rather than judging on another figure', () => {
    expect(admissionHints(rule('1311'), plain, true)).toEqual(['measureMissing']);
    expect(admissionHints(rule('4710'), { ...plain, qualificationKind: 'unconfirmed' }, false)).toEqual(['qualificationUnconfirmed']);
    expect(admissionHints(rule('4710'), { ...plain, qualificationKind: 'general' }, false)).toEqual(['registrationUnknown']);
  });

  it('never holds 达标 and 准规模 together, and neither for a 规上 or inactive unit', () => {
    const codes = ['1311', '5121', '5211', '6110', '6210', '5430', '7211', '8010', '4710', '7010', '6620', ''];
    fc.assert(
      fc.property(
        fc.constantFrom(...codes),
        fc.array(fc.option(fc.integer({ min: 0, max: 30_000 }), { nil: null }), { minLength: 0, maxLength: 12 }),
        fc.record({
          unitKind: fc.constantFrom('legal' as const, 'establishment' as const, 'individual' as const),
          qualificationKind: fc.constantFrom('none' as const, 'general' as const, 'specialty' as const, 'labour' as const, 'specialistWork' as const, 'unconfirmed' as const),
          isLocallyRegistered: fc.option(fc.boolean(), { nil: null }),
          hasDevelopmentActivity: fc.boolean(),
          projectInvestment: fc.option(fc.integer({ min: 0, max: 200_000 }), { nil: null }),
          isProjectUnderConstruction: fc.boolean(),
        }),
        fc.constantFrom('above' as const, 'below' as const),
        fc.constantFrom('active', 'closed'),
        fc.integer({ min: 1, max: 100 }),
        (code, months, attrs, scale, status, nearThresholdPct) => {
          const f = computeFlags(input(code, revenueRows(2024, months), { ...attrs, scale, status }), { ...settings, nearThresholdPct });
          expect(f.isReached && f.isNearThreshold).toBe(false);
          expect(f.isReached).toBe(f.reachedRule !== null);
          if (scale === 'above' || status !== 'active') expect(f.isReached || f.isNearThreshold).toBe(false);
        },
      ),
      { numRuns: 500 },
    );
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
    expect(computeFlags(input('5211', rows), settings)).toMatchObject({ isReached: true, isNearThreshold: false }); // retail 5,000
    expect(computeFlags(input('6210', rows), settings)).toMatchObject({ isReached: true, isNearThreshold: false }); // catering 2,000
    expect(computeFlags(input('1311', rows), settings)).toMatchObject({ isReached: false, isNearThreshold: false }); // industry 20,000
    expect(computeFlags(input('7211', rows), settings).isNearThreshold).toBe(false); // services 10,000
    expect(computeFlags(input('7211', rows), { ...settings, nearThresholdPct: 60 }).isNearThreshold).toBe(true);
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
    expect(computeFlags(input('5211', rows, { scale: 'above' }), settings)).toEqual({ isNearThreshold: false, isReached: false, reachedRule: null, isGrowth: false, isBelowThreshold: true });
    expect(computeFlags(input('5211', revenueRows(2024, [500, 500]), { scale: 'above' }), settings).isBelowThreshold).toBe(false);
  });

  it('flags nothing for an enterprise that is not active', () => {
    const rows = revenueRows(2024, [5_000]);
    expect(computeFlags(input('5211', rows, { status: 'closed' }), settings)).toEqual({ isNearThreshold: false, isReached: false, reachedRule: null, isGrowth: false, isBelowThreshold: false });
  });
});
