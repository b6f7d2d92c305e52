import { z } from 'zod';
import { UnitId } from '../registration/registration';
import { CommentId, ItemPath, ReviewDecision } from './review';

// Review decisions over IPC: one unit's decision, a bulk decision and an enumerator's answer.

// ---------------------------------------------------------------------------------------------
// IPC: decisions

export const ReviewCommentInput = z
  .object({ path: ItemPath, text: z.string().trim().min(1).max(1_000) })
  .strict();

export const ReviewDecide = z
  .object({
    unitId: UnitId,
    /** The version the reviewer looked at; a stale one is CONFLICT. */
    version: z.number().int().positive(),
    decision: ReviewDecision,
    /** Item comments: only with 'return'. */
    comments: z.array(ReviewCommentInput).max(100).default([]),
    note: z.string().trim().max(1_000).optional(),
  })
  .strict()
  .refine((d) => d.decision === 'return' || d.comments.length === 0, {
    message: 'comments go with return only',
    path: ['comments'],
  })
  .refine((d) => d.decision !== 'return' || d.comments.length > 0 || (d.note ?? '') !== '', {
    message: 'a return needs at least one comment or a note',
    path: ['comments'],
  });
export type ReviewDecide = z.input<typeof ReviewDecide>;

export const ReviewBulk = z
  .object({
    /** approve: supervisor, submitted units; accept: bureau, approved units. */
    decision: z.enum(['approve', 'accept']).default('approve'),
    units: z
      .array(z.object({ unitId: UnitId, version: z.number().int().positive() }).strict())
      .min(1)
      .max(500),
    note: z.string().trim().max(1_000).optional(),
  })
  .strict();
export type ReviewBulk = z.input<typeof ReviewBulk>;

export const bulkSkipReasons = ['NOT_CLEAN', 'WRONG_STATUS', 'CONFLICT', 'NOT_FOUND'] as const;
export const ReviewBulkResult = z.object({
  /** Units decided, each recorded as its own event. */
  done: z.array(UnitId),
  skipped: z.array(z.object({ unitId: UnitId, reason: z.enum(bulkSkipReasons), message: z.string() })),
});
export type ReviewBulkResult = z.infer<typeof ReviewBulkResult>;

export const ReviewAnswer = z
  .object({
    unitId: UnitId,
    commentId: CommentId,
    text: z.string().trim().min(1).max(1_000),
  })
  .strict();
export type ReviewAnswer = z.input<typeof ReviewAnswer>;
