// The difference between a figure found in the unit's records and the figure it reported, the
// one definition every screen, export and rule uses. Figures are integers in their unit (千元,
// or a head count for 从业人员), so the difference is exact; the share is of the reported figure,
// to one decimal, and has no value when nothing (0) was reported and something was found.

export interface FigureDifference {
  /** found − reported, in the figure's unit; null while either side is missing. */
  diff: number | null;
  /** diff / |reported| in percent to one decimal (−12.5); 0 when both are 0; null when reported is 0 and found is not, or a side is missing. */
  pct: number | null;
}

/** Rounds half away from zero to one decimal, without binary surprises (2.25 → 2.3). */
function roundTenth(x: number): number {
  const r = ((x < 0 ? -1 : 1) * Math.round(Math.abs(x) * 10 + 1e-9)) / 10;
  return r === 0 ? 0 : r; // never −0
}

export function figureDifference(reported: number | null, found: number | null): FigureDifference {
  if (reported === null || found === null) return { diff: null, pct: null };
  const diff = found - reported;
  if (reported === 0) return { diff, pct: diff === 0 ? 0 : null };
  return { diff, pct: roundTenth((diff / Math.abs(reported)) * 100) };
}

/** True when some figure's found value differs from its reported one (what 不符 rests on). */
export function hasDifference(figures: readonly { reported: number | null; found: number | null }[]): boolean {
  return figures.some((f) => {
    const d = figureDifference(f.reported, f.found).diff;
    return d !== null && d !== 0;
  });
}
