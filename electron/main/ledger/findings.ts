import type { Db } from '@db/open';
import { liveFormsByUscc } from '../registration/units-queries';
import { indicatorDef, type IndicatorKey } from '@shared/ledger/indicators';
import { formatIndicatorValue } from '@shared/ledger/indicator-values';
import { ytd } from '@shared/ledger/arithmetic';
import type { LedgerFinding, MonthValues } from '@shared/ledger/wire';

// Consistency of the ledger with what the enterprise reported elsewhere for the same period:
// its census form (611 and the enterprise indicator table, 611-3 or 611-4, of the unit with the same
// USCC, reference year 2023) and the
// annual figures recorded for it (年报, 一套表). A relative difference above the tolerance is a
// finding for the staff to look into, not a block: the ledger may be the truer of the two.

/** 五经普 reference period: the forms hold the year 2023 (docs/domain.md). */
export const CENSUS_YEAR = 2023;

/** Ledger indicator ← census form item (money in 千元, persons as counts); the first of `formIds`
 * that holds the item (an enterprise fills 611-3 or 611-4 by its accounting standards). */
const ENTERPRISE_TABLES = ['611-3', '611-4'] as const;
const censusItems: readonly { indicator: IndicatorKey; formIds: readonly string[]; item: string }[] = [
  { indicator: 'revenue', formIds: ['611'], item: 'revenue' },
  { indicator: 'taxesAndSurcharges', formIds: ['611'], item: 'taxes' },
  { indicator: 'totalAssets', formIds: ['611'], item: 'assets' },
  { indicator: 'employees', formIds: ['611'], item: 'employees' },
  { indicator: 'operatingCost', formIds: ENTERPRISE_TABLES, item: 'operatingCost' },
  { indicator: 'vatPayable', formIds: ENTERPRISE_TABLES, item: 'vatPayable' },
  { indicator: 'payroll', formIds: ENTERPRISE_TABLES, item: 'payroll' },
];

/**
 * The ledger's figure for the whole year: the sum of twelve entered months (flow), December
 * (stock) or the twelve months' average (平均用工人数, arithmetic.ts averageYtd).
 */
export function fullYear(months: readonly MonthValues[], indicator: IndicatorKey): number | null {
  const def = indicatorDef(indicator);
  if (def.kind === 'stock') return months[11]?.[indicator] ?? null;
  const series = months.map((m) => m[indicator] ?? null);
  // A year with a month missing is not the year: comparing it would report a false gap.
  if (series.length < 12 || series.some((v) => v === null)) return null;
  return ytd(def, series, 12).value;
}

function compare(
  source: LedgerFinding['source'],
  year: number,
  indicator: IndicatorKey,
  ledgerValue: number | null,
  reportedValue: number | null,
  tolerancePct: number,
): LedgerFinding | null {
  if (ledgerValue === null || reportedValue === null) return null;
  const diff = Math.abs(ledgerValue - reportedValue);
  // Exact: diff × 100 > |reported| × tolerance, in integers.
  if (BigInt(diff) * 100n <= BigInt(Math.abs(reportedValue)) * BigInt(tolerancePct)) return null;
  const def = indicatorDef(indicator);
  const what = source === 'census' ? { zh: '经济普查表', en: 'census form' } : { zh: '年报', en: 'annual report' };
  return {
    source,
    year,
    indicator,
    ledgerValue,
    reportedValue,
    difference: reportedValue === 0 ? 1 : diff / Math.abs(reportedValue),
    // Figures in the form's unit with its decimals (用电量 1.2345 万千瓦时), as the grid shows them.
    messageZh: `${year}年台账${def.zh} ${formatIndicatorValue(def, ledgerValue)}${def.unit}，${what.zh}为 ${formatIndicatorValue(def, reportedValue)}${def.unit}，差异超过容差 ${tolerancePct}%`,
    messageEn: `${year} ledger ${def.en} ${formatIndicatorValue(def, ledgerValue)} vs ${what.en} ${formatIndicatorValue(def, reportedValue)}: differs by more than ${tolerancePct}%`,
  };
}

const asInteger = (v: unknown): number | null => (typeof v === 'number' && Number.isInteger(v) ? v : null);

/** Form documents of live census units with this USCC (usually one); callers pass a non-empty USCC. */
function censusForms(db: Db, uscc: string): Record<string, Record<string, unknown>>[] {
  return liveFormsByUscc(db, uscc).map((data) => JSON.parse(data) as Record<string, Record<string, unknown>>);
}

export function ledgerFindings(
  db: Db,
  input: { uscc: string; year: number; months: readonly MonthValues[]; annual: MonthValues | null; tolerancePct: number },
): LedgerFinding[] {
  const out: LedgerFinding[] = [];
  if (input.annual) {
    for (const [key, reported] of Object.entries(input.annual) as [IndicatorKey, number | null | undefined][]) {
      const f = compare('annual', input.year, key, fullYear(input.months, key), reported ?? null, input.tolerancePct);
      if (f) out.push(f);
    }
  }
  if (input.year === CENSUS_YEAR && input.uscc !== '') {
    for (const forms of censusForms(db, input.uscc)) {
      for (const c of censusItems) {
        const reported = c.formIds.map((id) => asInteger(forms[id]?.[c.item])).find((v) => v !== null) ?? null;
        const f = compare('census', input.year, c.indicator, fullYear(input.months, c.indicator), reported, input.tolerancePct);
        if (f) out.push(f);
      }
    }
  }
  return out;
}
