// Keeping the ledger (统计台账), its sign-offs and its original records: at least two years
// after the period they cover (统计法 第二十一条 and its implementing rules; docs/domain.md "统计台账").
// Nothing here is ever deleted by a user; the only path that removes local
// rows (the sync engine dropping an enterprise that left this laptop's scope, electron/main/
// directory/sync-adapter.ts) asks this rule first and hides the enterprise instead.

export const KEEP_YEARS = 2;

/** The first day a record of `year` (and `month`, or the whole year) may go: two years after the period's end. */
export function keptUntil(year: number, month: number | null): string {
  // The day after the period's last day, two years on: the period ends at the end of the month
  // (or of December for a year), so keeping runs to the first day of the next one.
  const endMonth = month ?? 12;
  const nextYear = endMonth === 12 ? year + 1 : year;
  const nextMonth = endMonth === 12 ? 1 : endMonth + 1;
  return `${nextYear + KEEP_YEARS}-${String(nextMonth).padStart(2, '0')}-01`;
}

/** Whether a record of this period is still within its keeping time on `today` (ISO date). */
export function isKept(year: number, month: number | null, today: string): boolean {
  return today < keptUntil(year, month);
}
