import { z } from 'zod';

// Progress of the census: per 普查区, 普查小区 and enumerator, computed in main from
// the units this laptop holds (so it works offline on what was last synced), with the time of
// that sync beside it. Reports (XLSX) are built from the same figures.

export const ProgressCounts = z.object({
  /** Units in the listing frame (底册), not deleted. */
  frame: z.number().int().nonnegative(),
  /** Units added in the field (现场新增). */
  added: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  /** Touched at all: every status but not_started. */
  visited: z.number().int().nonnegative(),
  notStarted: z.number().int().nonnegative(),
  draft: z.number().int().nonnegative(),
  completed: z.number().int().nonnegative(),
  submitted: z.number().int().nonnegative(),
  returned: z.number().int().nonnegative(),
  approved: z.number().int().nonnegative(),
  accepted: z.number().int().nonnegative(),
  notFound: z.number().int().nonnegative(),
  /**
   * 非普查对象: found but not in census scope (e.g. founded after the reference date). Its own
   * count: neither done (nothing to hand in) nor missing (nothing left to register).
   */
  outOfScope: z.number().int().nonnegative(),
});
export type ProgressCounts = z.infer<typeof ProgressCounts>;

export const ProgressArea = z.object({
  /** 12-digit 普查区 or 15-digit 普查小区 code. */
  code: z.string(),
  /** Division name of the 普查区 (from the division store; '' when unknown). */
  name: z.string(),
  counts: ProgressCounts,
  /** 零数据小区 / 区: nothing visited yet. */
  isZeroData: z.boolean(),
  /** Enumerators the server assigned here (names; empty when unknown on this laptop). */
  enumeratorNames: z.array(z.string()),
});
export type ProgressArea = z.infer<typeof ProgressArea>;

export const ProgressEnumerator = z.object({
  userId: z.string(),
  name: z.string(),
  /** Assigned area prefixes. */
  areas: z.array(z.string()),
  counts: ProgressCounts,
  /** Assigned 普查小区 with nothing visited. */
  zeroDataSubDistricts: z.number().int().nonnegative(),
});
export type ProgressEnumerator = z.infer<typeof ProgressEnumerator>;

export const ProgressDay = z.object({
  /** YYYY-MM-DD (local calendar day of the laptop). */
  date: z.string(),
  /** Review events that day, by kind (a unit submitted twice counts twice). */
  submitted: z.number().int().nonnegative(),
  returned: z.number().int().nonnegative(),
  approved: z.number().int().nonnegative(),
  accepted: z.number().int().nonnegative(),
  /** Units whose first submission fell on that day: the cumulative line of the trend. */
  firstSubmitted: z.number().int().nonnegative(),
});
export type ProgressDay = z.infer<typeof ProgressDay>;

export const ProgressQuery = z
  .object({
    areaPrefix: z.string().regex(/^\d{0,15}$/).optional(),
    /** Days of trend, ending today. */
    days: z.number().int().min(1).max(120).default(14),
  })
  .strict();
export type ProgressQuery = z.input<typeof ProgressQuery>;

export const ProgressReport = z.object({
  /** When these figures were computed (main's clock). */
  asOf: z.string(),
  /** The last successful sync of this laptop: the figures hold data up to then plus local work. */
  lastSyncAt: z.string().nullable(),
  isServerConfigured: z.boolean(),
  totals: ProgressCounts,
  /** 普查区, by code. */
  districts: z.array(ProgressArea),
  /** 普查小区, by code. */
  subDistricts: z.array(ProgressArea),
  /**
   * From the assignments the server sent at the last sync; empty offline before any. Each unit
   * counts for one enumerator only (electron/main/progress/owners.ts), so these rows
   * and `unattributed` add up to `totals`.
   */
  enumerators: z.array(ProgressEnumerator),
  /** Units no one enumerator is responsible for: no assignment covers them, or two people share
   * the area and neither has worked the unit yet. */
  unattributed: ProgressCounts,
  /** When the team (enumerators and their areas) was last fetched; null = never. */
  teamFetchedAt: z.string().nullable(),
  trend: z.array(ProgressDay),
});
export type ProgressReport = z.infer<typeof ProgressReport>;

export const ApprovedUnitsQuery = z
  .object({
    areaPrefix: z.string().regex(/^\d{0,15}$/).optional(),
    /** Which review outcomes to list. */
    statuses: z.array(z.enum(['approved', 'accepted'])).min(1).max(2).default(['approved', 'accepted']),
  })
  .strict();
export type ApprovedUnitsQuery = z.input<typeof ApprovedUnitsQuery>;
