import { z } from 'zod';
import { FindingCounts, UnitId } from '../registration/registration';
import { UnitKind, UnitStatus } from '../registration/units';
import { ReviewDecision } from './review';

// The review queue over IPC: stages, the query, its rows.

// ---------------------------------------------------------------------------------------------
// IPC: the queue

/**
 * submitted: awaiting the supervisor; returned: sent back, awaiting the enumerator; approved:
 * awaiting the bureau's acceptance; accepted: done; reopened: edited after approval or
 * acceptance (any status), flagged for the bureau.
 */
export const reviewStages = ['submitted', 'returned', 'approved', 'accepted', 'reopened'] as const;
export const ReviewStage = z.enum(reviewStages);
export type ReviewStage = z.infer<typeof ReviewStage>;

export const ReviewQueueQuery = z
  .object({
    /** Default by role: supervisor → submitted, bureau (admin) → approved. */
    stage: ReviewStage.optional(),
    /** A 普查区 (12) or 普查小区 (15) code, or any prefix. */
    areaPrefix: z.string().regex(/^\d{0,15}$/).optional(),
    /** Server user id of the enumerator (the last submitter, else the area's assignee). */
    enumeratorId: z.string().min(1).max(64).optional(),
    /** Only units without 强制性 or 核实性 findings (what bulk approval takes). */
    isCleanOnly: z.boolean().optional(),
    query: z.string().trim().max(100).optional(),
    limit: z.number().int().min(1).max(500).default(200),
    offset: z.number().int().min(0).default(0),
  })
  .strict();
export type ReviewQueueQuery = z.input<typeof ReviewQueueQuery>;

export const ReviewQueueRow = z.object({
  id: UnitId,
  version: z.number().int().positive(),
  areaCode: z.string(),
  kind: UnitKind,
  status: UnitStatus,
  name: z.string(),
  uscc: z.string(),
  industryCode: z.string(),
  updatedAt: z.string(),
  findings: FindingCounts,
  /** No 强制性 and no 核实性 findings: may be approved in bulk. */
  isClean: z.boolean(),
  /** Who submitted it last (null: never submitted through a review-aware build). */
  enumerator: z.object({ id: z.string().nullable(), name: z.string() }).nullable(),
  submittedAt: z.string().nullable(),
  lastDecision: z
    .object({ kind: ReviewDecision, byName: z.string(), at: z.string() })
    .nullable(),
  /** Current comments still open (returned units). */
  openComments: z.number().int().nonnegative(),
  isReopened: z.boolean(),
});
export type ReviewQueueRow = z.infer<typeof ReviewQueueRow>;

export const ReviewQueue = z.object({
  stage: ReviewStage,
  rows: z.array(ReviewQueueRow),
  total: z.number().int().nonnegative(),
  /** Units per stage in the caller's view (tab badges). */
  stageCounts: z.record(ReviewStage, z.number().int().nonnegative()),
  /** For the enumerator filter: people with units in this stage. */
  enumerators: z.array(z.object({ id: z.string(), name: z.string(), count: z.number().int().nonnegative() })),
});
export type ReviewQueue = z.infer<typeof ReviewQueue>;
