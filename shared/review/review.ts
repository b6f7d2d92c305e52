import { z } from 'zod';
import { FindingCounts, UnitId } from '../registration/registration';
import { SessionRole } from '../session/roles';
import { JsonValue } from '../sync/protocol';
import { UnitKind, UnitStatus } from '../registration/units';

// Review and acceptance (issue 6): the wire schemas between renderer and main, and the review
// events that travel with a unit through the sync engine.
//
// Every step of a unit's review is an EVENT: an append-only unit field `review.e-<id>` whose
// value says what happened, by whom (name and role), when, and with which comments. Each
// event is its own field, so events never overwrite or conflict with each other and every
// client ends up holding all of them; the op log on the server keeps the author device, user
// and time beside it. The unit's `status` field moves with the event in the same transaction.
// Comments are part of a 'return' event; an answer is an 'answer' event pointing at one.

// ---------------------------------------------------------------------------------------------
// Decisions and who may make them (main checks before writing; the server per op)

export const reviewDecisions = ['approve', 'return', 'accept'] as const;
export const ReviewDecision = z.enum(reviewDecisions);
export type ReviewDecision = z.infer<typeof ReviewDecision>;

/** The status a decision leaves the unit in. */
export const decisionStatus = {
  approve: 'approved',
  return: 'returned',
  accept: 'accepted',
} as const satisfies Record<ReviewDecision, UnitStatus>;

/**
 * Which roles may set a review status on a unit (server: per op, FORBIDDEN otherwise). Statuses
 * not listed may be set by anyone in scope (an enumerator submits; an edit reopens).
 */
export const reviewStatusRoles: Partial<Record<UnitStatus, readonly SessionRole[]>> = {
  approved: ['supervisor', 'admin'],
  returned: ['supervisor', 'admin'],
  accepted: ['admin'],
};

/** May `role` move a unit from `from` by `decision`? A refusal says why (Chinese / English). */
export function checkDecision(
  role: SessionRole,
  decision: ReviewDecision,
  from: UnitStatus,
): { ok: true } | { ok: false; code: 'FORBIDDEN' | 'RULE_VIOLATION'; message: string } {
  const allowed = reviewStatusRoles[decisionStatus[decision]] ?? [];
  if (!allowed.includes(role)) {
    return { ok: false, code: 'FORBIDDEN', message: `角色 ${role} 不能执行 ${decision} / Role ${role} may not ${decision}` };
  }
  const fromAllowed: Record<ReviewDecision, readonly UnitStatus[]> = {
    approve: ['submitted'],
    // Acceptance is the bureau's: only the bureau sends back a unit it accepted.
    return: role === 'admin' ? ['submitted', 'approved', 'accepted'] : ['submitted', 'approved'],
    accept: ['approved'],
  };
  if (!fromAllowed[decision].includes(from)) {
    return {
      ok: false,
      code: 'RULE_VIOLATION',
      message: `状态为 ${from} 的单位不能执行 ${decision} / A ${from} unit cannot be ${decision}d`,
    };
  }
  return { ok: true };
}

// ---------------------------------------------------------------------------------------------
// Review events as synced unit fields

export const REVIEW_FIELD_PREFIX = 'review.';
/**
 * 'review.e-<10–40 of [0-9a-z]>'. The '-' keeps the name from ever reading as a form item
 * ('611.revenue'): item codes are letters, digits and '_' only.
 */
export const reviewFieldPattern = /^review\.e-[0-9a-z]{10,40}$/;
export const isReviewField = (field: string): boolean => reviewFieldPattern.test(field);
export const ReviewEventId = z.string().regex(/^e-[0-9a-z]{10,40}$/);

/** An item of a form: '611.revenue', or one cell of a repeating list '611-1.establishments.0.estName'. */
export const ItemPath = z
  .string()
  .regex(/^[A-Za-z0-9-]{1,20}\.[A-Za-z][A-Za-z0-9_]{0,63}(\.\d{1,3}\.[A-Za-z][A-Za-z0-9_]{0,63})?$/);
export const CommentId = z.string().regex(/^c-[0-9a-z]{4,40}$/);

export const reviewEventKinds = ['submit', 'approve', 'return', 'accept', 'answer', 'reopen'] as const;
export const ReviewEventKind = z.enum(reviewEventKinds);
export type ReviewEventKind = z.infer<typeof ReviewEventKind>;

const Author = z.object({ name: z.string().max(100), role: SessionRole }).strict();
const Note = z.string().max(1_000).nullable();

const eventBase = { at: z.string().max(40), by: Author };

export const ReviewEventValue = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('submit'), ...eventBase }).strict(),
  z.object({ kind: z.literal('approve'), ...eventBase, note: Note, isBulk: z.boolean() }).strict(),
  z
    .object({
      kind: z.literal('accept'),
      ...eventBase,
      note: Note,
      isBulk: z.boolean(),
      /**
       * The 'reopen' events the bureau had before it when accepting: they are settled. Causal
       * rather than by time, so a laptop whose clock runs behind cannot hide an edit.
       */
      reopens: z.array(ReviewEventId).max(200).optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('return'),
      ...eventBase,
      note: Note,
      comments: z
        .array(
          z
            .object({
              id: CommentId,
              path: ItemPath,
              text: z.string().min(1).max(1_000),
              /** The item's value when the unit was sent back: a different value now counts as "changed". */
              value: JsonValue,
            })
            .strict(),
        )
        .max(100),
    })
    .strict(),
  z
    .object({
      kind: z.literal('answer'),
      ...eventBase,
      /** The 'return' event holding the comment. */
      eventId: ReviewEventId,
      commentId: CommentId,
      text: z.string().min(1).max(1_000),
    })
    .strict(),
  z
    .object({
      kind: z.literal('reopen'),
      ...eventBase,
      /** The reviewed status the edit took the unit out of. */
      from: z.enum(['approved', 'accepted']),
      /** Items changed by the edit that reopened it. */
      paths: z.array(z.string().max(200)).max(500),
    })
    .strict(),
]);
export type ReviewEventValue = z.infer<typeof ReviewEventValue>;

// ---------------------------------------------------------------------------------------------
// IPC: what the renderer reads

export const ReviewComment = z.object({
  id: CommentId,
  /** The 'return' event that carried it. */
  eventId: ReviewEventId,
  path: ItemPath,
  text: z.string(),
  byName: z.string(),
  byRole: SessionRole,
  at: z.string(),
  /** The item's value when the unit was returned. */
  valueAtReturn: JsonValue,
  /** open: neither answered nor changed; answered: has an answer; changed: the item's value differs now. */
  state: z.enum(['open', 'answered', 'changed']),
  answers: z.array(z.object({ text: z.string(), byName: z.string(), at: z.string() })),
  /** Belongs to the latest return of a unit that is still returned: these gate the resubmit. */
  isCurrent: z.boolean(),
});
export type ReviewComment = z.infer<typeof ReviewComment>;

export const ReviewEvent = z.object({
  id: ReviewEventId,
  kind: ReviewEventKind,
  byName: z.string(),
  byRole: SessionRole,
  at: z.string(),
  note: z.string().nullable(),
  isBulk: z.boolean(),
  /** return: its comment ids; answer: the one answered. */
  commentIds: z.array(CommentId),
  /** answer: its text. */
  text: z.string().nullable(),
  /** reopen: the items edited. */
  paths: z.array(z.string()),
  /** Still in this laptop's outbox (not yet on the server). */
  isPending: z.boolean(),
});
export type ReviewEvent = z.infer<typeof ReviewEvent>;

/** A unit's review: comments beside its items and the timeline of decisions. */
export const ReviewThread = z.object({
  unitId: UnitId,
  version: z.number().int().positive(),
  status: UnitStatus,
  comments: z.array(ReviewComment),
  /** Oldest first. */
  events: z.array(ReviewEvent),
  /** Current comments neither answered nor changed. */
  openCount: z.number().int().nonnegative(),
  /** A returned unit may be resubmitted (every current comment answered or its item changed). */
  canResubmit: z.boolean(),
  /** Edited after approval or acceptance, and not accepted since: flagged for the bureau. */
  isReopened: z.boolean(),
});
export type ReviewThread = z.infer<typeof ReviewThread>;

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

// ---------------------------------------------------------------------------------------------
// IPC: conflict resolution

export const ConflictSideView = z.object({
  value: JsonValue,
  userName: z.string(),
  deviceId: z.string(),
  at: z.string(),
});

export const ConflictView = z.object({
  conflictId: z.string(),
  unitId: z.string(),
  /** '' when the unit is not in this store. */
  unitName: z.string(),
  areaCode: z.string(),
  /** The unit field: '611.revenue', 'status', … */
  field: z.string(),
  /** The value that was current when the racing edit arrived. */
  current: ConflictSideView,
  /** The racing edit. */
  incoming: ConflictSideView,
  /** The provisional winner the server keeps until someone resolves it. */
  winner: z.enum(['current', 'incoming']),
  createdAt: z.string(),
  /** This device wrote one of the two sides. */
  isOwn: z.boolean(),
  /** A resolution from this laptop waits in the outbox (the next sync sends it). */
  pendingResolution: z.object({ value: JsonValue, at: z.string() }).nullable(),
});
export type ConflictView = z.infer<typeof ConflictView>;

export const ConflictResolve = z
  .object({
    conflictId: z.string().min(1).max(80),
    /** Keep the value that was current, the racing one, or type another ('other' + value). */
    choice: z.enum(['current', 'incoming', 'other']),
    value: JsonValue.optional(),
  })
  .strict()
  .refine((r) => r.choice !== 'other' || r.value !== undefined, {
    message: "choice 'other' needs a value",
    path: ['value'],
  });
export type ConflictResolve = z.input<typeof ConflictResolve>;

// ---------------------------------------------------------------------------------------------
// Server API: GET /review/team — the people whose areas overlap the caller's (all for the
// bureau), so a supervisor's laptop can show progress per enumerator offline.

export const TeamMember = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string(),
  role: z.enum(['enumerator', 'supervisor', 'township', 'admin']),
  /** Assigned area prefixes. */
  areas: z.array(z.string()),
});
export type TeamMember = z.infer<typeof TeamMember>;

export const TeamResponse = z.object({ users: z.array(TeamMember), serverTime: z.string() });
export type TeamResponse = z.infer<typeof TeamResponse>;
