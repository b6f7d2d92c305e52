import type { PlausibilityTable } from './types';

// Plausible operating revenue per person employed, in 千元 per person per year, by GB/T 4754
// section. A unit outside its section's range gets a 核实性 finding: it may be right (a trading
// shell with two staff, a labour-heavy social enterprise), but it must be explained. These
// ranges are deliberately wide first guesses, not published figures: every number is (check),
// to be tuned by the bureau against its own 年度快报 data. Sections absent here (S public
// administration, T international organisations) are not checked.

export interface RevenueRange {
  min: number;
  max: number;
}

export const plausibilityVersion = '2023.1-draft';
export const plausibilitySource =
  'First estimates for the 五经普 pilot (not from a published table); bureau to calibrate (check)';

const unit: Readonly<Record<string, RevenueRange>> = {
  A: { min: 5, max: 10_000 }, // only division 05 is in scope
  B: { min: 30, max: 30_000 },
  C: { min: 20, max: 50_000 },
  D: { min: 50, max: 100_000 },
  E: { min: 20, max: 30_000 },
  F: { min: 10, max: 200_000 },
  G: { min: 10, max: 50_000 },
  H: { min: 5, max: 5_000 },
  I: { min: 10, max: 50_000 },
  J: { min: 20, max: 200_000 },
  K: { min: 10, max: 200_000 },
  L: { min: 5, max: 50_000 },
  M: { min: 10, max: 30_000 },
  N: { min: 5, max: 10_000 },
  O: { min: 5, max: 5_000 },
  P: { min: 5, max: 5_000 },
  Q: { min: 10, max: 10_000 },
  R: { min: 5, max: 10_000 },
};

// Individual businesses: family shops and stalls; lower floors, much lower ceilings.
const individual: Readonly<Record<string, RevenueRange>> = {
  B: { min: 2, max: 5_000 },
  C: { min: 2, max: 5_000 },
  E: { min: 2, max: 5_000 },
  F: { min: 2, max: 20_000 },
  G: { min: 2, max: 5_000 },
  H: { min: 2, max: 3_000 },
  I: { min: 2, max: 3_000 },
  K: { min: 2, max: 3_000 },
  L: { min: 2, max: 3_000 },
  M: { min: 2, max: 3_000 },
  N: { min: 2, max: 3_000 },
  O: { min: 2, max: 2_000 },
  P: { min: 2, max: 2_000 },
  Q: { min: 2, max: 3_000 },
  R: { min: 2, max: 3_000 },
};

const tables: Readonly<Record<PlausibilityTable, Readonly<Record<string, RevenueRange>>>> = { unit, individual };

export function revenueRange(table: PlausibilityTable, section: string): RevenueRange | undefined {
  return tables[table][section];
}
