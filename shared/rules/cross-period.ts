// The cross-period comparison with last year's annual report (年度快报, domain.md "Edit rules"):
// one definition for the form's rule (checks-figures.ts crossPeriod) and the 快报衔接 page's
// list of units beyond tolerance (electron/main/reconcile). Exact for whole figures: the
// tolerance (a fraction, 0.5 = ±50 %) is taken in basis points and compared by cross-multiplying,
// so 150 against 100 at ±50 % is exactly on the edge (not beyond) with no float division.

/** Basis points of a tolerance fraction (0.5 → 5000). */
export const toleranceBasisPoints = (tolerance: number): number => Math.round(tolerance * 10_000);

/** Whether `now` differs from `last` by more than ±tolerance of `last`; false without a positive base. */
export function isBeyondTolerance(now: number, last: number, tolerance: number): boolean {
  if (!(last > 0)) return false;
  const bp = toleranceBasisPoints(tolerance);
  const gap = Math.abs(now - last);
  const lhs = gap * 10_000;
  const rhs = bp * last;
  if (Number.isSafeInteger(lhs) && Number.isSafeInteger(rhs)) return lhs > rhs;
  if (Number.isInteger(gap) && Number.isInteger(last)) return BigInt(gap) * 10_000n > BigInt(bp) * BigInt(last);
  return gap / last > bp / 10_000;
}
