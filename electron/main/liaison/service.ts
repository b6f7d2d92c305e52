import { randomUUID } from 'node:crypto';
import { format } from 'date-fns';
import type { AppDatabase } from '@db/open';
import { userError } from '@shared/result';
import type { ParsedInput } from '@shared/ipc/contract';
import type { LiaisonAssignResult, LiaisonView } from '@shared/liaison/liaison';
import { assignmentField, visitField, type AssignmentValue, type VisitContent, type VisitValue } from '@shared/liaison/sync-fields';
import type { Session } from '@shared/session/roles';
import { insertEnterpriseChange, touchEnterprise } from '../directory/enterprise-writes';
import { recordManyEnterpriseOps, recordEnterpriseOps, type FieldOp } from '../directory/ops';
import { requireEnterprise } from '../directory/service';
import { attribution, currentSession, requirePermission } from '../session/roles';
import { assignmentsOf, getVisit, visitsOf, writeAssignment, writeVisit, type VisitRow } from './queries';

// 企业包保: assigning enterprises to their 包保责任人 (one or many at once, from a day on) and the
// visit log. Each action is one transaction: the rows, the enterprise's trace and its sync ops
// (shared/liaison/sync-fields.ts). The enterprise's `liaison` attribute stays the current
// official's name, so the directory, its import and the inspector draw read the same person.

export interface LiaisonOptions {
  now?: () => Date;
  newId?: () => string;
}

const localDay = (d: Date): string => format(d, 'yyyy-MM-dd');

/** Who a visit belongs to: the server account when signed in, else the name on this laptop. */
const isAuthor = (v: Pick<VisitRow, 'by' | 'byUserId'>, session: Session): boolean =>
  v.byUserId !== null || session.userId !== null ? v.byUserId === session.userId : v.by === session.userName;

function checkVisitDates(input: VisitContent, today: string): void {
  if (input.date > today) {
    throw userError('INVALID_INPUT', `走访日期不能晚于今天（${today}）`, `The visit date cannot be after today`, [{ path: 'date', message: 'FUTURE' }]);
  }
  if (input.nextDue !== null && input.nextDue < input.date) {
    throw userError('INVALID_INPUT', '下一步期限不能早于走访日期', 'The next step is due before the visit', [{ path: 'nextDue', message: 'BEFORE_VISIT' }]);
  }
  if (input.nextDue !== null && input.nextStep.trim() === '') {
    throw userError('INVALID_INPUT', '填写了期限，请写明下一步做什么', 'A due date needs its next step', [{ path: 'nextStep', message: 'REQUIRED' }]);
  }
}

export function liaisonView(db: AppDatabase, enterpriseId: string, session: Session = currentSession(db)): LiaisonView {
  const e = requireEnterprise(db, enterpriseId);
  const assignments = assignmentsOf(db, enterpriseId);
  const current = assignments[0];
  return {
    enterpriseId,
    name: e.name,
    uscc: e.uscc,
    divisionCode: e.divisionCode,
    official: e.liaison,
    // The department is the current assignment's while it names the directory's 包保责任人 (a
    // name edited in the enterprise form or an import without a department has none).
    department: current && current.official === e.liaison ? current.department : '',
    assignments: assignments.map((a, i) => ({ id: a.id, official: a.official, department: a.department, since: a.since, until: i === 0 ? null : (assignments[i - 1]?.since ?? null), by: a.by, at: a.at })),
    visits: visitsOf(db, enterpriseId).map((v) => ({
      id: v.id,
      date: v.date,
      form: v.form as VisitValue['form'],
      discussed: v.discussed,
      nextStep: v.nextStep,
      nextDue: v.nextDue,
      by: v.by,
      at: v.at,
      isMine: isAuthor(v, session),
      previous: JSON.parse(v.previous) as VisitValue['previous'],
    })),
  };
}

export function createLiaisonService(db: AppDatabase, opts: LiaisonOptions = {}) {
  const now = opts.now ?? (() => new Date());
  const newId = opts.newId ?? randomUUID;

  return {
    view: (enterpriseId: string) => liaisonView(db, enterpriseId),

    /** Assigns every listed enterprise; those already with that official and department are left alone. */
    assign(input: ParsedInput<'liaison:assign'>): LiaisonAssignResult {
      const session = requirePermission(db, 'liaison.assign');
      const who = attribution(db, session);
      const at = now();
      const stamp = at.toISOString();
      const today = localDay(at);
      if (input.since > today) {
        throw userError('INVALID_INPUT', `起始日期不能晚于今天（${today}）`, `The start date cannot be after today`, [{ path: 'since', message: 'FUTURE' }]);
      }
      let assigned = 0;
      let unchanged = 0;
      db.transaction((tx) => {
        const writes: { enterpriseId: string; divisionCode: string; ops: FieldOp[] }[] = [];
        for (const enterpriseId of new Set(input.enterpriseIds)) {
          const e = requireEnterprise(tx, enterpriseId);
          const current = assignmentsOf(tx, enterpriseId)[0];
          const currentDepartment = current && current.official === e.liaison ? current.department : '';
          if (e.liaison === input.official && currentDepartment === input.department && current) {
            unchanged += 1;
            continue;
          }
          if (current && input.since < current.since) {
            throw userError('RULE_VIOLATION', `「${e.name}」现由${current.official}自 ${current.since} 起包保，新的起始日期不能更早`, `${e.name} is followed by ${current.official} since ${current.since}: the new start cannot be earlier`,
              [{ path: 'since', message: 'BEFORE_CURRENT' }],
            );
          }
          const id = newId();
          const value: AssignmentValue = { official: input.official, department: input.department, since: input.since, by: who.userName, byUserId: session.userId, at: stamp };
          writeAssignment(tx, id, enterpriseId, value);
          const ops: FieldOp[] = [{ field: assignmentField(id), value }];
          const changes: { path: string; from: unknown; to: unknown }[] = [{ path: assignmentField(id), from: null, to: value }];
          if (e.liaison !== input.official) {
            touchEnterprise(tx, enterpriseId, stamp, { liaison: input.official });
            ops.push({ field: 'liaison', value: input.official });
            changes.unshift({ path: 'liaison', from: e.liaison, to: input.official });
          } else touchEnterprise(tx, enterpriseId, stamp);
          insertEnterpriseChange(tx, { enterpriseId, at: stamp, ...who, action: 'liaison', changes, reason: `自 / From ${input.since}` });
          writes.push({ enterpriseId, divisionCode: e.divisionCode, ops });
          assigned += 1;
        }
        recordManyEnterpriseOps(tx, writes, at);
      });
      return { assigned, unchanged };
    },

    addVisit(input: ParsedInput<'liaison:addVisit'>): LiaisonView {
      const session = currentSession(db);
      const who = attribution(db, session);
      const at = now();
      const { enterpriseId, ...content } = input;
      checkVisitDates(content, localDay(at));
      db.transaction((tx) => {
        const e = requireEnterprise(tx, enterpriseId);
        const id = newId();
        const value: VisitValue = { ...content, by: who.userName, byUserId: session.userId, at: at.toISOString(), previous: [] };
        writeVisit(tx, id, enterpriseId, value);
        touchEnterprise(tx, enterpriseId, value.at);
        insertEnterpriseChange(tx, { enterpriseId, at: value.at, ...who, action: 'liaison', changes: [{ path: visitField(id), from: null, to: value }], reason: null });
        recordEnterpriseOps(tx, enterpriseId, e.divisionCode, [{ field: visitField(id), value }], at);
      });
      return liaisonView(db, enterpriseId, session);
    },

    /** The author's correction of a visit: the new wording, the earlier one kept under it. */
    correctVisit(input: ParsedInput<'liaison:correctVisit'>): LiaisonView {
      const session = currentSession(db);
      const who = attribution(db, session);
      const at = now();
      const { enterpriseId, visitId, ...content } = input;
      checkVisitDates(content, localDay(at));
      db.transaction((tx) => {
        const e = requireEnterprise(tx, enterpriseId);
        const row = getVisit(tx, visitId);
        if (!row || row.enterpriseId !== enterpriseId) throw userError('NOT_FOUND', `走访记录不存在`, `No such visit (${visitId})`);
        if (!isAuthor(row, session)) {
          throw userError('FORBIDDEN', `只有记录人（${row.by}）可以更正这条走访记录`, `Only its author (${row.by}) may correct this visit`);
        }
        const before: VisitContent = { date: row.date, form: row.form as VisitContent['form'], discussed: row.discussed, nextStep: row.nextStep, nextDue: row.nextDue };
        if (JSON.stringify(before) === JSON.stringify(content)) return;
        const value: VisitValue = {
          ...content,
          by: row.by,
          byUserId: row.byUserId,
          at: row.at,
          previous: [...(JSON.parse(row.previous) as VisitValue['previous']), { ...before, replacedAt: at.toISOString() }],
        };
        if (value.previous.length > 50) throw userError('RULE_VIOLATION', '这条记录已更正 50 次，请另记一条', 'Corrected 50 times already: log a new visit');
        writeVisit(tx, visitId, enterpriseId, value);
        touchEnterprise(tx, enterpriseId, at.toISOString());
        insertEnterpriseChange(tx, { enterpriseId, at: at.toISOString(), ...who, action: 'liaison', changes: [{ path: visitField(visitId), from: before, to: content }], reason: null });
        recordEnterpriseOps(tx, enterpriseId, e.divisionCode, [{ field: visitField(visitId), value }], at);
      });
      return liaisonView(db, enterpriseId, session);
    },
  };
}

export type LiaisonService = ReturnType<typeof createLiaisonService>;
