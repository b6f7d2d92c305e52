import type { AppDatabase } from '@db/open';
import { eventsOf, insertReviewChange, refreshReviewIndex, reopenedUnitIds } from './queries';
import { liveAreaCodes } from '../progress/queries';
import { countIds, queuePage, stageAreaCounts, stageUnitIdsIn, statusCounts, type QueueFilter, type StageSelector } from './queue-queries';
import { getUnit, type UnitRecord } from '../registration/units-queries';
import { updateUnitAtVersion } from '../registration/unit-writes';
import type { ParsedInput } from '@shared/ipc/contract';
import { FormsDoc } from '@shared/registration/registration';
import { checkDecision, decisionStatus, type ReviewDecision, type ReviewEventValue, type ReviewThread } from '@shared/review/review';
import { reviewStages, type ReviewQueue, type ReviewQueueRow, type ReviewStage } from '@shared/review/queue';
import { type ReviewBulkResult } from '@shared/review/decide';
import { AppError } from '@shared/result';
import { can, type Session } from '@shared/session/roles';

type Tx = Parameters<Parameters<AppDatabase['transaction']>[0]>[0];
import { UnitKind, UnitStatus } from '@shared/registration/units';
import { recordUnitWrite } from '../registration/unit-ops';
import { authorOf, deriveThread, itemValue, newCommentId, recordReviewEvent, storedForms } from './events';
import { ownedBy, ownerOf, unitOwnership, type Ownership } from '../progress/owners';
import { attribution, currentSession, readTeam, requirePermission } from '../session/roles';

// Review and acceptance in main. Each decision is one transaction: the unit's status
// (version + 1, with its sync op), the review event (its own op: who, when, what, which
// comments) and the trace row. The role is checked here from the signed-in session, and the
// server checks the same rules again when the ops arrive.

export interface ReviewOptions {
  now?: () => Date;
}

const stageStatus: Record<Exclude<ReviewStage, 'reopened'>, UnitStatus> = {
  submitted: 'submitted',
  returned: 'returned',
  approved: 'approved',
  accepted: 'accepted',
};

interface DecisionInput {
  decision: ReviewDecision;
  comments: readonly { path: string; text: string }[];
  note: string | null;
  isBulk: boolean;
}

export function createReviewService(db: AppDatabase, opts: ReviewOptions = {}) {
  const now = opts.now ?? (() => new Date());

  function loadRecord(id: string): UnitRecord {
    const record = getUnit(db, id);
    if (!record) throw new AppError('NOT_FOUND', `没有此单位 / No unit ${id}`);
    return record;
  }

  function thread(unitId: string): ReviewThread {
    refreshReviewIndex(db);
    const record = loadRecord(unitId);
    const status = UnitStatus.parse(record.status);
    const facts = deriveThread(eventsOf(db, [unitId]).get(unitId) ?? [], { status, forms: FormsDoc.parse(JSON.parse(record.data)) });
    return {
      unitId,
      version: record.version,
      status,
      comments: facts.comments,
      events: facts.events,
      openCount: facts.openCount,
      canResubmit: facts.canResubmit,
      isReopened: facts.isReopened,
    };
  }

  /** One decision on one unit, inside the caller's transaction. Throws AppError when refused. */
  function decideIn(tx: Tx, session: Session, unitId: string, version: number, d: DecisionInput, at: Date): void {
    const who = attribution(db, session);
    const record = loadRecord(unitId);
    if (record.version !== version) {
      throw new AppError('CONFLICT', `单位已被修改，请刷新后重试 / Unit ${unitId} is at version ${record.version}, not ${version}`);
    }
    const from = UnitStatus.parse(record.status);
    const check = checkDecision(session.role, d.decision, from);
    if (!check.ok) throw new AppError(check.code, check.message);
    const to = decisionStatus[d.decision];
    const stamp = at.toISOString();
    const by = authorOf(session);
    let value: ReviewEventValue;
    if (d.decision === 'return') {
      const forms = FormsDoc.parse(JSON.parse(record.data));
      const comments = d.comments.map((c) => ({ id: newCommentId(), path: c.path, text: c.text, value: itemValue(forms, c.path) }));
      value = { kind: 'return', at: stamp, by, note: d.note, comments };
    } else if (d.decision === 'accept') {
      // Acceptance settles the edits after approval that the bureau has in front of it.
      const facts = deriveThread(eventsOf(db, [unitId]).get(unitId) ?? [], { status: from, forms: {} });
      value = { kind: 'accept', at: stamp, by, note: d.note, isBulk: d.isBulk, reopens: facts.unsettledReopens };
    } else {
      value = { kind: 'approve', at: stamp, by, note: d.note, isBulk: d.isBulk };
    }
    if (!updateUnitAtVersion(tx, unitId, version, stamp, { status: to })) {
      throw new AppError('CONFLICT', `单位已被修改，请刷新后重试 / Unit ${unitId} changed while saving`);
    }
    recordUnitWrite(tx, unitId, record, at);
    recordReviewEvent(tx, record, value, at);
    const lines = d.comments.map((c) => `${c.path}: ${c.text}`);
    insertReviewChange(tx, {
      unitId,
      at: stamp,
      ...who,
      action: d.decision,
      changes: [{ path: 'status', from, to }],
      reason: [d.isBulk ? '批量 / Bulk' : null, d.note, lines.length > 0 ? `审核意见 / Comments: ${lines.join('; ')}` : null]
        .filter((s): s is string => s !== null && s !== '')
        .join(' · ') || null,
    });
  }

  function queueRow(
    u: ReturnType<typeof queuePage>['rows'][number],
    facts: ReturnType<typeof deriveThread>,
    team: ReturnType<typeof readTeam>,
    owners: Ownership,
  ): ReviewQueueRow {
    const ownerId = ownerOf(owners, u);
    const owner = ownerId === null ? undefined : team.users.find((m) => m.id === ownerId);
    const enumerator = owner
      ? { id: owner.id, name: owner.name || owner.username }
      : facts.lastSubmit
        ? { id: null, name: facts.lastSubmit.name }
        : null;
    const decision = facts.lastDecision;
    return {
      id: u.id,
      version: u.version,
      areaCode: u.areaCode,
      kind: UnitKind.parse(u.kind),
      status: UnitStatus.parse(u.status),
      name: u.name,
      uscc: u.uscc,
      industryCode: u.industryCode,
      updatedAt: u.updatedAt,
      findings: { mandatory: u.findingsMandatory, verify: u.findingsVerify, hint: u.findingsHint },
      isClean: u.findingsMandatory === 0 && u.findingsVerify === 0,
      enumerator,
      submittedAt: facts.lastSubmit?.at ?? null,
      lastDecision: decision,
      openComments: facts.openCount,
      isReopened: facts.isReopened,
    };
  }

  return {
    thread,

    queue(q: ParsedInput<'review:queue'>): ReviewQueue {
      const session = currentSession(db);
      if (!can(session.role, 'review.supervise') && !can(session.role, 'review.accept')) {
        requirePermission(db, 'review.supervise');
      }
      refreshReviewIndex(db);
      const stage: ReviewStage = q.stage ?? (can(session.role, 'review.accept') ? 'approved' : 'submitted');
      const team = readTeam(db);
      const areaPrefix = q.areaPrefix ?? '';
      // Each unit is one enumerator's (progress-owners.ts): the filter, the column and the
      // per-enumerator counts all follow that, so no unit shows under two people.
      // Without a team on this laptop nobody owns anything: no need to look.
      const hasTeam = team.users.some((u) => u.role === 'enumerator');
      const owners = unitOwnership(db, team, hasTeam ? liveAreaCodes(db, areaPrefix) : []);
      const filter: QueueFilter = {
        areaPrefix,
        owned: q.enumeratorId === undefined ? null : ownedBy(owners, q.enumeratorId),
        query: q.query ?? '',
        isCleanOnly: q.isCleanOnly ?? false,
      };
      const reopened = reopenedUnitIds(db);
      const selector: StageSelector = stage === 'reopened' ? { ids: reopened } : { statuses: [stageStatus[stage]] };
      const page = queuePage(db, selector, filter, { limit: q.limit, offset: q.offset });
      const events = eventsOf(db, page.rows.map((r) => r.id));
      const rows = page.rows.map((u) => {
        const status = UnitStatus.parse(u.status);
        // Comment states compare answers with the items: only returned units need their forms.
        const forms = status === 'returned' ? storedForms(loadRecord(u.id).data) : {};
        return queueRow(u, deriveThread(events.get(u.id) ?? [], { status, forms }), team, owners);
      });
      const byStatus = statusCounts(db, filter);
      const stageCounts = Object.fromEntries(
        reviewStages.map((s) => [s, s === 'reopened' ? countIds(db, reopened, filter) : (byStatus.get(stageStatus[s]) ?? 0)]),
      ) as Record<ReviewStage, number>;
      const perEnumerator = new Map<string, { id: string; name: string; count: number }>();
      const credit = (ownerId: string | null, n: number) => {
        const e = ownerId === null ? undefined : team.users.find((m) => m.id === ownerId);
        if (!e) return;
        const entry = perEnumerator.get(e.id) ?? { id: e.id, name: e.name || e.username, count: 0 };
        entry.count += n;
        perEnumerator.set(e.id, entry);
      };
      const sharedAreas: string[] = [];
      for (const a of hasTeam ? stageAreaCounts(db, selector, filter) : []) {
        const owner = owners.byArea.get(a.areaCode);
        if (owner === undefined) sharedAreas.push(a.areaCode);
        else credit(owner, a.n);
      }
      for (const id of stageUnitIdsIn(db, selector, filter, sharedAreas)) credit(owners.byUnit.get(id)?.owner ?? null, 1);
      return {
        stage,
        rows,
        total: page.total,
        stageCounts,
        enumerators: [...perEnumerator.values()].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
      };
    },

    decide(input: ParsedInput<'review:decide'>): ReviewThread {
      const session = currentSession(db);
      const at = now();
      refreshReviewIndex(db);
      db.transaction((tx) =>
        decideIn(tx, session, input.unitId, input.version, {
          decision: input.decision,
          comments: input.comments,
          note: input.note === undefined || input.note === '' ? null : input.note,
          isBulk: false,
        }, at),
      );
      return thread(input.unitId);
    },

    /** Clean units only; each decided in its own transaction and recorded as its own event. */
    bulk(input: ParsedInput<'review:bulkApprove'>): ReviewBulkResult {
      const session = currentSession(db);
      // A role that may not make this decision at all is refused outright, not unit by unit.
      const roleCheck = checkDecision(session.role, input.decision, input.decision === 'approve' ? 'submitted' : 'approved');
      if (!roleCheck.ok) throw new AppError(roleCheck.code, roleCheck.message);
      attribution(db, session);
      refreshReviewIndex(db);
      const result: ReviewBulkResult = { done: [], skipped: [] };
      const note = input.note === undefined || input.note === '' ? null : input.note;
      for (const { unitId, version } of input.units) {
        const record = getUnit(db, unitId);
        if (!record) {
          result.skipped.push({ unitId, reason: 'NOT_FOUND', message: `没有此单位 / No unit ${unitId}` });
          continue;
        }
        if (record.findingsMandatory > 0 || record.findingsVerify > 0) {
          result.skipped.push({ unitId, reason: 'NOT_CLEAN', message: '有强制性或核实性问题，须逐一审核 / Has findings: review it on its own' });
          continue;
        }
        try {
          db.transaction((tx) => decideIn(tx, session, unitId, version, { decision: input.decision, comments: [], note, isBulk: true }, now()));
          result.done.push(unitId);
        } catch (e) {
          if (!(e instanceof AppError) || (e.code !== 'CONFLICT' && e.code !== 'RULE_VIOLATION')) throw e;
          result.skipped.push({ unitId, reason: e.code === 'CONFLICT' ? 'CONFLICT' : 'WRONG_STATUS', message: e.message });
        }
      }
      return result;
    },

    answer(input: ParsedInput<'review:answer'>): ReviewThread {
      const session = requirePermission(db, 'review.answer');
      const who = attribution(db, session);
      const current = thread(input.unitId);
      const comment = current.comments.find((c) => c.id === input.commentId);
      if (!comment) throw new AppError('NOT_FOUND', `没有此审核意见 / No comment ${input.commentId}`);
      if (!comment.isCurrent) {
        throw new AppError('RULE_VIOLATION', '只能答复当前退回的意见 / Only comments of the current return can be answered');
      }
      const at = now();
      const stamp = at.toISOString();
      db.transaction((tx) => {
        const record = loadRecord(input.unitId);
        recordReviewEvent(
          tx,
          record,
          { kind: 'answer', at: stamp, by: authorOf(session), eventId: comment.eventId, commentId: comment.id, text: input.text },
          at,
        );
        insertReviewChange(tx, {
          unitId: input.unitId,
          at: stamp,
          ...who,
          action: 'answer',
          changes: [],
          reason: `答复 / Answer [${comment.path}] ${comment.text} → ${input.text}`,
        });
      });
      return thread(input.unitId);
    },
  };
}

export type ReviewService = ReturnType<typeof createReviewService>;
