import { z } from 'zod';
import { UnitId } from '../registration/registration';
import { can, SessionRole, sessionRoles } from '../session/roles';
import { JsonValue } from '../sync/protocol';
import { Role } from '../sync/api';
import { UnitStatus } from '../registration/units';

// Review and acceptance: who may decide what, the review events that travel with a unit through
// the sync engine, and the thread the renderer reads. The queue is in ./queue.ts, the decision
// inputs in ./decide.ts, sync conflicts in ./conflicts.ts.
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

/** Who may code a unit's 行业代码 during review: the server's check per 'code' event (main checks 'review.codeIndustry'). */
export const industryCodingRoles: readonly SessionRole[] = sessionRoles.filter((r) => can(r, 'review.codeIndustry'));

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

export const reviewEventKinds = ['submit', 'approve', 'return', 'accept', 'answer', 'reopen', 'code'] as const;
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
  z
    .object({
      kind: z.literal('code'),
      ...eventBase,
      /** The office coded 行业代码 from 主要业务活动 during review (electron/main/review/industry-coding.ts). */
      path: ItemPath,
      from: z.string().max(20).nullable(),
      to: z.string().regex(/^\d{4}$/),
      note: Note,
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
// Server API: GET /review/team — the people whose areas overlap the caller's (all for the
// bureau), so a supervisor's laptop can show progress per enumerator offline.

export const TeamMember = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string(),
  role: Role,
  /** Assigned area prefixes. */
  areas: z.array(z.string()),
});
export type TeamMember = z.infer<typeof TeamMember>;

export const TeamResponse = z.object({ users: z.array(TeamMember), serverTime: z.string() });
export type TeamResponse = z.infer<typeof TeamResponse>;
