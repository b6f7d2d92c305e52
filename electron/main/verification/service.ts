import { randomUUID } from 'node:crypto';
import type { AppDatabase, Db } from '@db/open';
import type { ParsedInput } from '@shared/ipc/contract';
import { AppError, userError } from '@shared/result';
import { permissionsOf, type Permission } from '@shared/session/roles';
import type { JsonValue } from '@shared/sync/protocol';
import { figureDifference } from '@shared/verification/differences';
import { actionName, exitTransitions, refusalText, step, taskTransitions, type ExitAction, type TaskAction } from '@shared/verification/machine';
import { checkKeys, figureKeys, type StepValue } from '@shared/verification/sync-fields';
import { isEditable, metRequirements, type Task } from '@shared/verification/task';
import type { TaskDetail, TaskList } from '@shared/verification/wire';
import { getEnterprise } from '../directory/queries';
import { getEvidence } from '../evidence/queries';
import { attribution, currentSession, readTeam } from '../session/roles';
import { recordOps } from '../sync/outbox';
import { exitReasonZh, removeFromAboveSize } from './exit-directory';
import { assigneeNames, listTasks, readTask, toTaskRow, writeTask, type StoredTask } from './queries';
import { reportedFigures } from './reported';

// 核查 tasks in main: every action reads the task, asks the state machine (shared/verification/
// machine.ts) whether it may happen, and writes in ONE transaction the changed fields as sync
// ops, a 'step.<id>' history entry (who, when, what) and the local row. A refusal changes
// nothing and says why in the user's words (refusalText).

export interface VerificationOptions {
  now?: () => Date;
  newId?: () => string;
}

interface Actor {
  permissions: readonly Permission[];
  userName: string;
  deviceName: string;
}

type Line = Omit<StepValue, 'at' | 'by' | 'n'>;

export interface Change {
  field: string;
  value: JsonValue;
}

const refuse = (zh: string, en: string): AppError => userError('RULE_VIOLATION', zh, en);

export function notFoundTask(id: string): AppError {
  return userError('NOT_FOUND', '没有此核查任务', `No verification task ${id}`);
}

export function actor(db: AppDatabase): Actor {
  const session = currentSession(db);
  return { permissions: permissionsOf(session.role), ...attribution(db, session) };
}

export function requireActorPermission(a: Actor, permission: Permission, whatZh: string, whatEn: string): void {
  if (a.permissions.includes(permission)) return;
  throw userError('FORBIDDEN', permission === 'verify.manage' ? `只有区统计局可以${whatZh}。` : `您的账号无权${whatZh}。`, permission === 'verify.manage' ? `Only the district bureau may ${whatEn}.` : `Your account may not ${whatEn}.`);
}

export function createVerificationService(db: AppDatabase, opts: VerificationOptions = {}) {
  const now = opts.now ?? (() => new Date());
  const newId = opts.newId ?? randomUUID;

  /**
   * One action on one task: `build` returns the fields to write and the history line, or throws
   * a refusal. Runs inside one transaction with the ops and the row.
   */
  function act(id: string, build: (t: Task, a: Actor, stamp: string, tx: Db, at: Date) => { changes: Change[]; step: Line | Line[] | null }): TaskDetail {
    const a = actor(db);
    const at = now();
    const stamp = at.toISOString();
    db.transaction((tx) => {
      const stored = readTask(tx, id);
      if (!stored) throw notFoundTask(id);
      const { changes, step: line } = build(stored.task, a, stamp, tx, at);
      if (changes.length === 0) return;
      const lines = line === null ? [] : Array.isArray(line) ? line : [line];
      const steps = lines.map((l, i) => ({ field: `step.${newId()}`, value: { ...l, n: stored.task.steps.length + i, at: stamp, by: a.userName } satisfies StepValue }));
      const all = [...changes, ...steps];
      const fields = new Map(stored.fields);
      for (const c of all) fields.set(c.field, c.value);
      recordOps(tx, all.map((c) => ({ entity: 'verification' as const, entityId: id, areaCode: stored.task.create.areaCode, field: c.field, value: c.value })), at);
      writeTask(tx, id, fields, stamp);
    });
    return get(id);
  }

  /** An edit of the record: only before completion; the first edit of a task to verify starts it. */
  function edit(id: string, build: (t: Task, a: Actor, stamp: string) => { changes: Change[]; step: Line }): TaskDetail {
    return act(id, (t, a, stamp) => {
      requireActorPermission(a, 'verify.work', '核查', 'verify');
      if (!isEditable(t.state.state)) {
        throw refuse('已完成的核查任务不能修改；如需更正，请区统计局重新打开。', 'A completed task cannot be changed; the bureau may reopen it.');
      }
      const built = build(t, a, stamp);
      if (built.changes.length === 0) return { changes: [], step: null };
      if (t.state.state !== 'pending') return built;
      const start = { field: 'state', value: { state: 'in_progress', action: 'start', reason: '', at: stamp, by: a.userName } };
      return { changes: [start, ...built.changes], step: [{ kind: 'start', ref: [], detail: '' }, built.step] };
    });
  }

  function get(id: string): TaskDetail {
    const stored = readTask(db, id);
    if (!stored) throw notFoundTask(id);
    return detail(stored);
  }

  function detail({ row, task }: StoredTask): TaskDetail {
    const isEnterpriseHere = getEnterprise(db, task.create.enterpriseId)?.deletedAt === null;
    const reported = isEnterpriseHere ? reportedFigures(db, task.create.enterpriseId, task.create.period) : new Map();
    return {
      ...toTaskRow(row, task),
      source: task.create.source,
      createdBy: task.create.createdBy,
      stateInfo: task.state,
      assigneeInfo: task.assignee,
      exit: task.exit,
      checks: checkKeys.map((key) => ({ key, value: task.checks[key] ?? null })),
      figures: figureKeys.map((key) => {
        const f = task.figures[key];
        // Until the figures are saved, the reported side is what the ledger holds now.
        const rep = f ? { value: f.reported, source: f.reportedSource } : { value: reported.get(key)?.value ?? null, source: reported.get(key)?.source ?? null };
        const found = f?.found ?? null;
        return { key, reported: rep.value, reportedSource: rep.source, found, ...figureDifference(rep.value, found), at: f?.at ?? null, by: f?.by ?? null };
      }),
      conclusionInfo: task.conclusion,
      signatures: task.signatures,
      evidence: [...task.evidence].filter(([, e]) => e.removedAt === null).map(([evidenceId, e]) => ({ evidenceId, item: e.item, fileName: e.fileName, at: e.at, by: e.by })),
      history: task.steps.map((s) => ({ id: s.id, ...s.value })),
      isEnterpriseHere,
    };
  }

  return {
    get,

    list(q: ParsedInput<'verification:list'>): TaskList {
      const people = new Map<string, string | null>();
      for (const u of readTeam(db).users) if (u.role === 'township' || u.role === 'admin' || u.role === 'supervisor') people.set(u.name, u.id);
      for (const name of assigneeNames(db)) if (!people.has(name)) people.set(name, null);
      return { rows: listTasks(db, q), people: [...people].map(([name, userId]) => ({ name, userId })).sort((x, y) => x.name.localeCompare(y.name, 'zh-CN')) };
    },

    assign(input: ParsedInput<'verification:assign'>): TaskDetail {
      return act(input.id, (t, a, stamp) => {
        requireActorPermission(a, 'verify.manage', '分配核查任务', 'assign tasks');
        if (t.state.state === 'completed') throw refuse('已完成的核查任务不能再分配。', 'A completed task cannot be reassigned.');
        const name = input.assignee?.name ?? null;
        if ((t.assignee?.name ?? null) === name) return { changes: [], step: null };
        const value = input.assignee ? { name: input.assignee.name, userId: input.assignee.userId, at: stamp, by: a.userName } : null;
        return { changes: [{ field: 'assignee', value }], step: { kind: 'assign', ref: [], detail: name ?? '' } };
      });
    },

    step(input: ParsedInput<'verification:step'>): TaskDetail {
      return act(input.id, (t, a, stamp) => {
        const from = t.state.state;
        const r = step(taskTransitions, from, input.action, { permissions: a.permissions, met: metRequirements(t, { reason: input.reason }) });
        if (!r.ok) throw stepRefusal(input.action, from, r.refusal);
        const value = { state: r.to, action: input.action, reason: input.reason, at: stamp, by: a.userName };
        return { changes: [{ field: 'state', value }], step: { kind: input.action, ref: [], detail: input.reason } };
      });
    },

    exitStep(input: ParsedInput<'verification:exitStep'>): TaskDetail {
      return act(input.id, (t, a, stamp, tx, at) => {
        if (t.create.kind !== 'exit' || !t.exit) throw refuse('只有退库核查任务有退库流程。', 'Only an exit verification task has the exit steps.');
        const from = t.exit.state;
        const reasons = input.reasons && input.reasons.length > 0 ? input.reasons : t.exit.reasons;
        const met = metRequirements(t, { reason: input.reason, exitDate: input.date ?? null, exitReasons: reasons });
        const r = step(exitTransitions, from, input.action, { permissions: a.permissions, met });
        if (!r.ok) throw stepRefusal(input.action, from, r.refusal);
        const date = input.action === 'remove' ? (input.date ?? null) : t.exit.date;
        const note = input.reason !== '' ? input.reason : t.exit.note;
        if (input.action === 'remove') {
          const why = `退库：${note || reasons.map((r) => exitReasonZh[r]).join('、')}（${date ?? ''}） / Removed from the directory`;
          removeFromAboveSize(tx, t.create.enterpriseId, a, why, at);
        }
        const value = { state: r.to, action: input.action, reasons, note, date, at: stamp, by: a.userName };
        return { changes: [{ field: 'exit', value }], step: { kind: input.action, ref: input.action === 'remove' && date ? [date] : [], detail: input.reason } };
      });
    },

    check(input: ParsedInput<'verification:check'>): TaskDetail {
      return edit(input.id, (t, a, stamp) => {
        const current = t.checks[input.key];
        if (input.result === null && !current) return { changes: [], step: { kind: 'check', ref: [], detail: '' } };
        if (input.result !== null && input.result !== 'consistent' && input.note === '') {
          throw refuse('“不符”或“不适用”请写明情况。', 'Say what you found for “inconsistent” or “not applicable”.');
        }
        if (current && input.result === current.result && input.note === current.note) return { changes: [], step: { kind: 'check', ref: [], detail: '' } };
        const value = input.result === null ? null : { result: input.result, note: input.note, at: stamp, by: a.userName };
        return { changes: [{ field: `check.${input.key}`, value }], step: { kind: 'check', ref: [input.key, input.result ?? ''], detail: input.note } };
      });
    },

    figures(input: ParsedInput<'verification:figures'>): TaskDetail {
      return edit(input.id, (t, a, stamp) => {
        const ledger = reportedFigures(db, t.create.enterpriseId, t.create.period);
        const changes: Change[] = [];
        const lines: string[] = [];
        for (const f of input.figures) {
          const fromLedger = ledger.get(f.key);
          // What the ledger holds is what was reported: it is not typed over here.
          const reported = fromLedger ? fromLedger.value : (f.reported ?? t.figures[f.key]?.reported ?? null);
          const reportedSource = fromLedger ? fromLedger.source : reported === null ? null : 'typed';
          const current = t.figures[f.key];
          if (current && current.found === f.found && current.reported === reported && current.reportedSource === reportedSource) continue;
          // A figure nobody has typed anything for is not recorded (the ledger's side shows anyway).
          if (!current && f.found === null && (fromLedger || reported === null)) continue;
          changes.push({ field: `figure.${f.key}`, value: { reported, reportedSource, found: f.found, at: stamp, by: a.userName } });
          lines.push(`${f.key}:${reported ?? ''}:${f.found ?? ''}`);
        }
        return { changes, step: { kind: 'figure', ref: lines, detail: '' } };
      });
    },

    conclude(input: ParsedInput<'verification:conclude'>): TaskDetail {
      return edit(input.id, (t, a, stamp) => {
        if (input.result === null && !t.conclusion) return { changes: [], step: { kind: 'conclude', ref: [], detail: '' } };
        if (t.conclusion && input.result === t.conclusion.result && input.note === t.conclusion.note) return { changes: [], step: { kind: 'conclude', ref: [], detail: '' } };
        const value = input.result === null ? null : { result: input.result, note: input.note, at: stamp, by: a.userName };
        return { changes: [{ field: 'conclusion', value }], step: { kind: 'conclude', ref: [input.result ?? ''], detail: input.note } };
      });
    },

    sign(input: ParsedInput<'verification:sign'>): TaskDetail {
      return edit(input.id, (t, a, stamp) => {
        const current = t.signatures[input.role];
        const s = input.signature;
        if (!s && !current) return { changes: [], step: { kind: 'sign', ref: [], detail: '' } };
        if (s && current && s.name === current.name && s.date === current.date) return { changes: [], step: { kind: 'sign', ref: [], detail: '' } };
        const value = s ? { name: s.name, date: s.date, confirmedBy: a.userName, at: stamp } : null;
        return { changes: [{ field: `sign.${input.role}`, value }], step: { kind: 'sign', ref: [input.role], detail: s ? `${s.name} ${s.date}` : '' } };
      });
    },

    /** Links a file attached through the ledger's evidence engine (evidence:attach) to the task. */
    linkEvidence(input: ParsedInput<'verification:linkEvidence'>): TaskDetail {
      return edit(input.id, (t, a, stamp) => {
        const evidence = getEvidence(db, input.evidenceId);
        if (!evidence || evidence.removedAt !== null) throw userError('NOT_FOUND', '没有这份证明材料。', 'No such evidence file.');
        if (evidence.enterpriseId !== t.create.enterpriseId) throw refuse('这份材料属于另一家企业。', 'This file belongs to another enterprise.');
        const current = t.evidence.get(input.evidenceId);
        if (current && current.removedAt === null && current.item === input.item) return { changes: [], step: { kind: 'evidence', ref: [], detail: '' } };
        const value = { item: input.item, fileName: evidence.fileName, at: stamp, by: a.userName, removedAt: null, removedReason: null };
        return { changes: [{ field: `evidence.${input.evidenceId}`, value }], step: { kind: 'evidence', ref: [input.item ?? ''], detail: evidence.fileName.slice(0, 500) } };
      });
    },

    unlinkEvidence(input: ParsedInput<'verification:unlinkEvidence'>): TaskDetail {
      return edit(input.id, (t, _a, stamp) => {
        const current = t.evidence.get(input.evidenceId);
        if (!current || current.removedAt !== null) throw userError('NOT_FOUND', '此任务没有这份材料。', 'The task has no such file.');
        const value = { ...current, removedAt: stamp, removedReason: input.reason };
        return { changes: [{ field: `evidence.${input.evidenceId}`, value }], step: { kind: 'unlinkEvidence', ref: [], detail: `${current.fileName}: ${input.reason}`.slice(0, 500) } };
      });
    },
  };
}

function stepRefusal(action: TaskAction | ExitAction, from: Parameters<typeof refusalText>[1], refusal: Parameters<typeof refusalText>[2]): AppError {
  const text = refusalText(action, from, refusal);
  const code = refusal.code === 'FORBIDDEN' ? 'FORBIDDEN' : 'RULE_VIOLATION';
  return new AppError(code, `${actionName(action).en}: ${refusal.code}`, refusal.code === 'MISSING' ? refusal.missing.map((m) => ({ path: m, message: 'MISSING' })) : undefined, text);
}

export type VerificationService = ReturnType<typeof createVerificationService>;
