import { randomUUID } from 'node:crypto';
import type { AppDatabase, Db } from '@db/open';
import { eventsOf, refreshReviewIndex, type StoredReviewEvent } from './queries';
import type { FormsDoc } from '@shared/registration/registration';
import type { ReviewComment, ReviewDecision, ReviewEvent, ReviewEventValue } from '@shared/review/review';
import { AppError, type IssueDetail } from '@shared/result';
import type { Session } from '@shared/session/roles';
import { canonicalJson, type JsonValue } from '@shared/sync/protocol';
import type { UnitStatus } from '@shared/registration/units';
import { recordOps } from '../sync/outbox';

// A unit's review as a pure function of its events and its current answers, and the one way
// an event is written (an op in the caller's transaction). See shared/review/review.ts for the model.

const hex = (): string => randomUUID().replace(/-/g, '');
let lastIdMs = 0;
let idCounter = 0;
/**
 * 'e-' + time (ms, base 36) + a counter + randomness: events sort by id in the order this laptop
 * wrote them even within one millisecond, which breaks ties between equal author times.
 */
export function newEventId(at: Date = new Date()): string {
  const ms = at.getTime();
  idCounter = ms === lastIdMs ? idCounter + 1 : 0;
  lastIdMs = ms;
  return `e-${ms.toString(36).padStart(9, '0')}${idCounter.toString(36).padStart(3, '0')}${hex().slice(0, 10)}`;
}
export const newCommentId = (): string => `c-${hex().slice(0, 16)}`;

/** The author stamp of an event: the server's name for the account and its role. */
export const authorOf = (session: Session): ReviewEventValue['by'] => ({ name: session.userName, role: session.role });

/** The value of an item ('611.revenue') or list cell ('611-1.establishments.0.estName'); null when absent. */
export function itemValue(forms: FormsDoc, path: string): JsonValue {
  const [formId = '', item = '', row, cell] = path.split('.');
  const value = forms[formId]?.[item];
  if (value === undefined) return null;
  if (row === undefined || cell === undefined) return value;
  if (!Array.isArray(value)) return null;
  return value[Number(row)]?.[cell] ?? null;
}

/**
 * A unit's stored answers for comparing items, without re-validating every value: the queue
 * reads hundreds of them, and the registration service validated each on write.
 */
export function storedForms(text: string): FormsDoc {
  const value: unknown = JSON.parse(text);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('unit data is not a forms document');
  return value as FormsDoc;
}

/** Writes one event as an op (field 'review.<id>') in the caller's transaction; returns its id. */
export function recordReviewEvent(tx: Db, unit: { id: string; areaCode: string }, value: ReviewEventValue, at: Date): string {
  const id = newEventId(at);
  recordOps(tx, [{ entity: 'unit', entityId: unit.id, areaCode: unit.areaCode, field: `review.${id}`, value }], at);
  return id;
}

export interface ThreadFacts {
  comments: ReviewComment[];
  events: ReviewEvent[];
  openCount: number;
  canResubmit: boolean;
  isReopened: boolean;
  /** Reopen events no acceptance has settled yet (an 'accept' lists them in `reopens`). */
  unsettledReopens: string[];
  lastSubmit: { name: string; at: string } | null;
  lastDecision: { kind: ReviewDecision; byName: string; at: string } | null;
}

const sameValue = (a: JsonValue, b: JsonValue): boolean => canonicalJson(a ?? null) === canonicalJson(b ?? null);

function toEvent(e: StoredReviewEvent): ReviewEvent {
  const v = e.value;
  return {
    id: e.id,
    kind: v.kind,
    byName: v.by.name,
    byRole: v.by.role,
    at: v.at,
    note: 'note' in v ? v.note : null,
    isBulk: 'isBulk' in v ? v.isBulk : false,
    commentIds: v.kind === 'return' ? v.comments.map((c) => c.id) : v.kind === 'answer' ? [v.commentId] : [],
    text: v.kind === 'answer' ? v.text : v.kind === 'code' ? `${v.from ?? '—'} → ${v.to}` : null,
    paths: v.kind === 'reopen' ? v.paths : v.kind === 'code' ? [v.path] : [],
    isPending: e.isPending,
  };
}

/**
 * Comments and their state. A comment is current when it belongs to the latest return of a unit
 * that is still returned; a current comment is settled by an answer or by a change of its item
 * since the return. Only current comments gate the resubmit.
 */
export function deriveThread(events: readonly StoredReviewEvent[], unit: { status: UnitStatus; forms: FormsDoc }): ThreadFacts {
  const answers = new Map<string, { text: string; byName: string; at: string }[]>();
  let latestReturn: string | null = null;
  let lastSubmit: ThreadFacts['lastSubmit'] = null;
  let lastDecision: ThreadFacts['lastDecision'] = null;
  const settled = new Set<string>();
  const reopens: string[] = [];
  for (const e of events) {
    const v = e.value;
    switch (v.kind) {
      case 'answer':
        answers.set(`${v.eventId}/${v.commentId}`, [...(answers.get(`${v.eventId}/${v.commentId}`) ?? []), { text: v.text, byName: v.by.name, at: v.at }]);
        break;
      case 'return':
        latestReturn = e.id;
        lastDecision = { kind: 'return', byName: v.by.name, at: v.at };
        break;
      case 'approve':
        lastDecision = { kind: 'approve', byName: v.by.name, at: v.at };
        break;
      case 'accept':
        lastDecision = { kind: 'accept', byName: v.by.name, at: v.at };
        for (const id of v.reopens ?? []) settled.add(id);
        break;
      case 'submit':
        lastSubmit = { name: v.by.name, at: v.at };
        break;
      case 'reopen':
        reopens.push(e.id);
        break;
    }
  }
  const comments: ReviewComment[] = [];
  for (const e of events) {
    const v = e.value;
    if (v.kind !== 'return') continue;
    const isCurrent = unit.status === 'returned' && e.id === latestReturn;
    for (const c of v.comments) {
      const given = answers.get(`${e.id}/${c.id}`) ?? [];
      const state: ReviewComment['state'] =
        given.length > 0 ? 'answered' : sameValue(itemValue(unit.forms, c.path), c.value) ? 'open' : 'changed';
      comments.push({
        id: c.id,
        eventId: e.id,
        path: c.path,
        text: c.text,
        byName: v.by.name,
        byRole: v.by.role,
        at: v.at,
        valueAtReturn: c.value,
        state,
        answers: given,
        isCurrent,
      });
    }
  }
  const openCount = comments.filter((c) => c.isCurrent && c.state === 'open').length;
  return {
    comments,
    events: events.map(toEvent),
    openCount,
    canResubmit: openCount === 0,
    unsettledReopens: reopens.filter((id) => !settled.has(id)),
    isReopened: reopens.some((id) => !settled.has(id)),
    lastSubmit,
    lastDecision,
  };
}

/** Refuses the resubmit of a returned unit while any current comment is neither answered nor changed. */
export function assertCommentsSettled(facts: ThreadFacts): void {
  if (facts.canResubmit) return;
  const issues: IssueDetail[] = facts.comments
    .filter((c) => c.isCurrent && c.state === 'open')
    .map((c) => ({ path: c.path, message: `审核意见未答复 / Comment not answered: ${c.text}` }));
  throw new AppError(
    'RULE_VIOLATION',
    `退回意见须逐条答复或修改相应项目后才能再次提交 / Answer each comment or change its item before resubmitting (${issues.length} open)`,
    issues,
  );
}

/** The review facts of one unit as stored now (refreshes the event index first). */
export function reviewFactsOf(db: AppDatabase, unit: { id: string; status: UnitStatus; forms: FormsDoc }): ThreadFacts {
  refreshReviewIndex(db);
  return deriveThread(eventsOf(db, [unit.id]).get(unit.id) ?? [], unit);
}
