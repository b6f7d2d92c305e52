import { z } from 'zod';
import { UnitId } from '../registration/registration';
import type { UnitStatus } from '../registration/units';

// Office coding of 行业代码 during review: the form book lets the office code 行业代码 (and
// 普查小区代码) itself. A supervisor (or the bureau) reading a handed-in unit picks the GB/T
// 4754-2017 class from the unit's 主要业务活动, without returning the unit; the unit keeps its
// status, the change is traced with its basis and synced like any edit.

/** Statuses whose 行业代码 the office codes: handed in and in front of a reviewer. */
export const industryCodingStatuses = ['submitted', 'approved', 'accepted'] as const satisfies readonly UnitStatus[];

export const isIndustryCodable = (status: UnitStatus): boolean => (industryCodingStatuses as readonly UnitStatus[]).includes(status);

/** The basis recorded with every office coding (trace and review event). */
export const industryCodingBasis = '按主要业务活动编码 / Coded from the main activities';

export const ReviewCodeIndustry = z
  .object({
    unitId: UnitId,
    /** The version the reviewer looked at; a stale one is CONFLICT. */
    version: z.number().int().positive(),
    industryCode: z.string().trim().regex(/^\d{4}$/, '行业代码为 4 位数字 / An industry code has 4 digits'),
    note: z.string().trim().max(400).optional(),
  })
  .strict();
export type ReviewCodeIndustry = z.input<typeof ReviewCodeIndustry>;
