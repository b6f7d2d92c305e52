import { describe, expect, it } from 'vitest';
import { builtinPack } from '@shared/packs/builtin';
import { evaluate } from '@shared/rules';

// The findings the 快报 feeds (the 611's cross-period rules, with the 快报's figures as last year's),
// at the tolerance's edges, table-driven: exactly ±50 % revenue or ±30 % staff is within; one more
// is a 核实性 finding; a 快报 figure of 0 (no base) never is; the tolerances are the pack's settings.

const pack = builtinPack();
const crossPeriod = (values: { revenue?: number; employees?: number }, lastYear: { revenue?: number; employees?: number }, settings = {}) =>
  evaluate(pack, '611', { unitType: '1', accountingStandard: '1', ...values }, { today: '2024-03-15', lastYear, settings })
    .filter((f) => f.ruleId.endsWith('-CROSS-PERIOD'))
    .map((f) => `${f.ruleId}:${f.severity}`);

describe('the cross-period findings at their edges', () => {
  it.each([
    // census revenue, 快报 revenue, finding?
    [15_000, 10_000, false],
    [15_001, 10_000, true],
    [5_000, 10_000, false],
    [4_999, 10_000, true],
    [1, 0, false],
    [0, 1, true],
    [9_408, 6_272, false],
  ])('revenue %d against %d', (now, last, isFinding) => {
    expect(crossPeriod({ revenue: now }, { revenue: last })).toEqual(isFinding ? ['R611-REVENUE-CROSS-PERIOD:verify'] : []);
  });

  it.each([
    // census staff, 快报 staff, finding?
    [130, 100, false],
    [131, 100, true],
    [70, 100, false],
    [69, 100, true],
    [13, 10, false],
    [7, 10, false],
    [6, 10, true],
    [5, 0, false],
  ])('staff %d against %d', (now, last, isFinding) => {
    expect(crossPeriod({ employees: now }, { employees: last })).toEqual(isFinding ? ['R611-EMPLOYEES-CROSS-PERIOD:verify'] : []);
  });

  it('follows the pack’s settings', () => {
    expect(pack.settings).toMatchObject({ revenueChange: 0.5, employeesChange: 0.3 });
    expect(crossPeriod({ revenue: 15_001 }, { revenue: 10_000 }, { revenueChange: 0.6 })).toEqual([]);
    expect(crossPeriod({ employees: 121 }, { employees: 100 }, { employeesChange: 0.2 })).toEqual(['R611-EMPLOYEES-CROSS-PERIOD:verify']);
  });
});
