import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indicatorDef, type IndicatorKey } from '@shared/ledger/indicators';
import { formatIndicatorValue, readLedgerFigure } from '@shared/ledger/indicator-values';
import { isKept, keptUntil } from '@shared/ledger/keeping';
import { partsAboveWhole } from '@shared/ledger/part-of';
import { checkSignedEdit, monthSignoffState, type MonthSignatures } from '@shared/ledger/signoff';
import type { MonthValues } from '@shared/ledger/wire';

// The pure rules of the ledger per 专业: reading a typed figure in its form unit, "其中" above its
// whole, the sign-off rule and the keeping time.

const sig = (at: string) => ({ name: '张三', date: at.slice(0, 10), at, by: '王敏' });
const signed: MonthSignatures = { statisticsHead: sig('2024-04-05T02:00:00.000Z') };
const both: MonthSignatures = { statisticsHead: sig('2024-04-05T02:00:00.000Z'), unitHead: sig('2024-04-06T02:00:00.000Z') };

describe('a signed month changes only with a stated reason', () => {
  const signatures = new Map<number, MonthSignatures>([
    [3, signed],
    [4, both],
  ]);
  it.each([
    ['an unsigned month, no reason', [1], undefined, { ok: true }],
    ['an unsigned month, blank reason', [2], '  ', { ok: true }],
    ['a month signed by one head, no reason', [3], undefined, { ok: false, months: [3] }],
    ['a month signed by both, blank reason', [4], '   ', { ok: false, months: [4] }],
    ['a signed month, a one-character reason', [4], '改', { ok: false, months: [4] }],
    ['a signed month, a reason', [4], '按增值税申报表更正', { ok: true }],
    ['signed and unsigned months at once, no reason: the signed ones named', [1, 4, 3, 4], null, { ok: false, months: [3, 4] }],
    ['signed and unsigned months at once, a reason', [1, 3], '补录', { ok: true }],
  ] as const)('%s', (_name, months, reason, expected) => {
    expect(checkSignedEdit(signatures, months, reason)).toEqual(expected);
  });

  it.each([
    ['no signature', undefined, null, 'unsigned'],
    ['no signature, changed', undefined, '2024-04-07T00:00:00.000Z', 'unsigned'],
    ['signed, never changed', both, null, 'signed'],
    ['signed, last change before both signatures', both, '2024-04-01T00:00:00.000Z', 'signed'],
    ['changed between the two signatures', both, '2024-04-05T12:00:00.000Z', 'changedAfterSigning'],
    ['changed after both', both, '2024-04-07T00:00:00.000Z', 'changedAfterSigning'],
  ] as const)('the grid shows %s as %s', (_name, s, lastChange, state) => {
    expect(monthSignoffState(s, lastChange)).toBe(state);
  });
});

describe('keeping ledger records two years after their period', () => {
  it.each([
    [2024, 3, '2026-04-01'],
    [2024, 12, '2027-01-01'],
    [2024, null, '2027-01-01'],
  ] as const)('%s-%s is kept until %s', (year, month, until) => {
    expect(keptUntil(year, month)).toBe(until);
    expect(isKept(year, month, '2026-03-31')).toBe(year === 2024);
    expect(isKept(year, month, until)).toBe(false);
    const dayBefore = new Date(Date.parse(`${until}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    expect(isKept(year, month, dayBefore)).toBe(true);
  });
});

describe('"其中" above its whole', () => {
  const month = (values: MonthValues): MonthValues[] => [values, ...Array.from({ length: 11 }, () => ({}))];
  const trade: IndicatorKey[] = ['mainRevenue', 'goodsSales', 'retailSales', 'goodsPurchases', 'endInventory', 'onlineRetail'];
  const hotel: IndicatorKey[] = ['mainRevenue', 'turnover', 'roomRevenue', 'mealRevenue', 'goodsSales', 'retailSales'];
  const industry: IndicatorKey[] = ['mainRevenue', 'revenue', 'industrialSales', 'exportDelivery'];
  it.each([
    ['零售额 > 商品销售额', trade, { goodsSales: 100, retailSales: 120 }, [{ whole: 'goodsSales', parts: ['retailSales'], partsValue: 120, wholeValue: 100 }]],
    ['零售额 = 商品销售额 is fine', trade, { goodsSales: 100, retailSales: 100 }, []],
    ['网上零售额 > 零售额', trade, { goodsSales: 500, retailSales: 100, onlineRetail: 101 }, [{ whole: 'retailSales', parts: ['onlineRetail'], partsValue: 101, wholeValue: 100 }]],
    ['客房收入 + 餐费收入 > 营业额', hotel, { turnover: 100, roomRevenue: 60, mealRevenue: 50 }, [{ whole: 'turnover', parts: ['roomRevenue', 'mealRevenue'], partsValue: 110, wholeValue: 100 }]],
    ['客房收入 + 餐费收入 = 营业额 is fine', hotel, { turnover: 110, roomRevenue: 60, mealRevenue: 50 }, []],
    ['主营业务收入 > 营业收入', industry, { mainRevenue: 900, revenue: 800 }, [{ whole: 'revenue', parts: ['mainRevenue'], partsValue: 900, wholeValue: 800 }]],
    ['出口交货值 > 工业销售产值', industry, { industrialSales: 10, exportDelivery: 11 }, [{ whole: 'industrialSales', parts: ['exportDelivery'], partsValue: 11, wholeValue: 10 }]],
    ['the whole not entered yet: no finding', trade, { retailSales: 120 }, []],
    ['the whole entered as zero with a part', trade, { goodsSales: 0, retailSales: 1 }, [{ whole: 'goodsSales', parts: ['retailSales'], partsValue: 1, wholeValue: 0 }]],
  ] as const)('%s', (_name, keys, values, expected) => {
    expect(partsAboveWhole(month(values), keys)).toEqual(expected.map((f) => ({ month: 1, ...f })));
  });
});

describe('a figure typed in its form unit', () => {
  const electricity = indicatorDef('electricity');
  const revenue = indicatorDef('revenue');
  const profit = indicatorDef('totalProfit');
  it.each([
    [electricity, '1.2345', { ok: true, value: 12345 }],
    [electricity, '１２.５', { ok: true, value: 125000 }],
    [electricity, '1,234.5', { ok: true, value: 12345000 }],
    [electricity, '1.23456', { ok: false, reason: 'tooManyDecimals' }],
    [electricity, '1.2万', { ok: false, reason: 'notANumber' }],
    [revenue, '12.5', { ok: false, reason: 'tooManyDecimals' }],
    [revenue, '12.0', { ok: true, value: 12 }],
    [revenue, 'abc', { ok: false, reason: 'notANumber' }],
    [revenue, '-3', { ok: false, reason: 'negative' }],
    [profit, '(3)', { ok: true, value: -3 }],
    [revenue, '', { ok: true, value: null }],
    [revenue, '99999999999999', { ok: false, reason: 'tooLarge' }],
  ] as const)('%# %s', (def, text, expected) => {
    expect(readLedgerFigure(def, text)).toEqual(expected);
  });

  it('reads back exactly what it shows, for every indicator', () => {
    const keys = ['electricity', 'coalPurchased', 'gasPurchased', 'heatPurchased', 'revenue', 'totalProfit'] as const;
    fc.assert(
      fc.property(fc.constantFrom(...keys), fc.integer({ min: -1e12, max: 1e12 }), (key, stored) => {
        const def = indicatorDef(key);
        const value = def.mayBeNegative ? stored : Math.abs(stored);
        expect(readLedgerFigure(def, formatIndicatorValue(def, value))).toEqual({ ok: true, value });
      }),
      { numRuns: 300 },
    );
  });
});
