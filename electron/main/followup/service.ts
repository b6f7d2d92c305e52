import { randomUUID } from 'node:crypto';
import type { AppDatabase } from '@db/open';
import { insertEnterpriseChange, touchEnterprise, updateEnterpriseAtVersion } from '../directory/enterprise-writes';
import { followUpParts, getFollowUp, insertNote, insertTransition, writeFollowUp, writeMaterial } from './queries';
import { getEvidence } from '../evidence/queries';
import { FollowUpStage } from '@shared/directory/directory';
import type { MaterialValue, NoteValue, TransitionValue } from '@shared/directory/sync-fields';
import { contactMethods, followUpTransitions, materialKeys, type FollowUpView, type MaterialKey, type MaterialReason } from '@shared/followup/work';
import { materialsFor } from '@shared/followup/materials';
import type { ParsedInput } from '@shared/ipc/contract';
import { AppError } from '@shared/result';
import { requireEnterprise, type DirectoryOptions } from '../directory/service';
import { recomputeFlags } from './thresholds';
import { recordEnterpriseOps, type FieldOp } from '../directory/ops';
import { requireProfile } from '../registration/service';

// 入规纳统 follow-up: 候选 → 培育中 → 已申报 → 已入库 / 未通过 (with a reason), dated
// contact notes (一对一指导) and the application materials checklist. Each action is one
// transaction with its trace and sync ops; 已入库 also makes the enterprise 规上 in the same
// transaction, traced as an identity change.

type Tx = Parameters<Parameters<AppDatabase['transaction']>[0]>[0];

/** A new follow-up may start as a plain candidate or straight into guidance. */
const startStages: readonly FollowUpStage[] = ['candidate', 'nurturing'];

const method = (m: string) => (contactMethods as readonly string[]).includes(m) ? (m as (typeof contactMethods)[number]) : 'other';

/**
 * The unit's checklist (materials.ts) and, after it, any material recorded before that its case no
 * longer requires (a founding date entered later, say): kept and shown as not required, never lost.
 */
function checklist(e: { foundedOn: string; isNewBuild: boolean }, today: Date): { key: MaterialKey; reason: MaterialReason; years: number[] | null }[] {
  const cases: { key: MaterialKey; reason: MaterialReason; years: number[] | null }[] = materialsFor(e, localDate(today));
  const listed = new Set(cases.map((c) => c.key));
  for (const key of materialKeys) if (!listed.has(key)) cases.push({ key, reason: 'notRequired', years: null });
  return cases;
}

/** The calendar day on this machine (the user's, not UTC's). */
export const localDate = (d: Date): string => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

export function followUpView(db: Pick<AppDatabase, 'select'>, enterpriseId: string, today: Date = new Date()): FollowUpView {
  const e = requireEnterprise(db, enterpriseId);
  const record = getFollowUp(db, enterpriseId);
  const parts = followUpParts(db, enterpriseId);
  const materials = new Map(parts.materials.map((m) => [m.key, m]));
  const stage = record ? FollowUpStage.safeParse(record.stage) : null;
  return {
    enterpriseId,
    stage: stage?.success ? stage.data : null,
    stageHistory: parts.transitions.map((t) => ({
      from: t.fromStage === null ? null : FollowUpStage.catch('candidate').parse(t.fromStage),
      to: FollowUpStage.catch('candidate').parse(t.toStage),
      at: t.at,
      date: t.date,
      by: t.by,
      reason: t.reason,
    })),
    rejectionReason: record?.rejectionReason ?? null,
    applicationRound: record?.applicationRound === 'monthly' || record?.applicationRound === 'annual' ? record.applicationRound : null,
    liaison: e.liaison,
    notes: parts.notes.map((n) => ({ id: n.id, date: n.date, method: method(n.method), contact: n.contact, text: n.text, createdBy: n.createdBy, createdAt: n.createdAt })),
    materials: checklist(e, today).map(({ key, reason, years }) => {
      const m = materials.get(key);
      return {
        key,
        reason,
        years,
        isProvided: m?.isProvided ?? false,
        evidenceIds: m ? (JSON.parse(m.evidenceIds) as string[]) : [],
        note: m?.note ?? '',
        updatedAt: m?.updatedAt ?? null,
      };
    }),
    version: record?.version ?? 0,
  };
}

export function createFollowUpService(db: AppDatabase, opts: DirectoryOptions = {}) {
  const now = opts.now ?? (() => new Date());
  const newId = opts.newId ?? randomUUID;

  /** One follow-up action: trace, ops and the enterprise's version bump, together. */
  function act(enterpriseId: string, action: 'followup' | 'materials', body: (tx: Tx, at: Date) => { changes: { path: string; from: unknown; to: unknown }[]; ops: FieldOp[]; reason: string | null }): FollowUpView {
    const profile = requireProfile(db);
    const at = now();
    const stamp = at.toISOString();
    db.transaction((tx) => {
      const e = requireEnterprise(tx, enterpriseId);
      const { changes, ops, reason } = body(tx, at);
      if (changes.length === 0) return;
      touchEnterprise(tx, e.id, stamp);
      insertEnterpriseChange(tx, { enterpriseId: e.id, at: stamp, ...profile, action, changes, reason });
      recordEnterpriseOps(tx, e.id, e.divisionCode, ops, at);
    });
    return followUpView(db, enterpriseId, now());
  }

  return {
    get: (enterpriseId: string) => followUpView(db, enterpriseId, now()),

    transition(input: ParsedInput<'followup:transition'>): FollowUpView {
      const by = requireProfile(db).userName;
      return act(input.enterpriseId, 'followup', (tx, at) => {
        const record = getFollowUp(tx, input.enterpriseId);
        if ((record?.version ?? 0) !== input.version) {
          throw new AppError('CONFLICT', `跟踪记录已被修改，请刷新后重试 / Follow-up changed (version ${record?.version ?? 0})`);
        }
        const from = record ? FollowUpStage.parse(record.stage) : null;
        const allowed = from === null ? startStages : followUpTransitions[from];
        if (!allowed.includes(input.to)) {
          throw new AppError('RULE_VIOLATION', `不能从「${from ?? '无'}」转到「${input.to}」/ Cannot move from ${from ?? 'none'} to ${input.to}`, [{ path: 'to', message: 'TRANSITION' }]);
        }
        const reason = input.reason && input.reason !== '' ? input.reason : null;
        if (input.to === 'rejected' && reason === null) {
          throw new AppError('INVALID_INPUT', '未通过须填写原因 / A rejection needs its reason', [{ path: 'reason', message: 'REQUIRED' }]);
        }
        const stamp = at.toISOString();
        const rejectionReason = input.to === 'rejected' ? reason : null;
        const round = input.applicationRound ?? (record?.applicationRound === 'monthly' || record?.applicationRound === 'annual' ? record.applicationRound : null);
        const t: TransitionValue = { from, to: input.to, date: input.date, at: stamp, by, reason };
        const id = newId();
        insertTransition(tx, { id, enterpriseId: input.enterpriseId, fromStage: from, toStage: input.to, date: input.date, at: stamp, by, reason });
        writeFollowUp(tx, { enterpriseId: input.enterpriseId, stage: input.to, rejectionReason, applicationRound: round, updatedAt: stamp });
        const ops: FieldOp[] = [
          { field: `transition.${id}`, value: t },
          { field: 'followup.stage', value: input.to },
        ];
        if (rejectionReason !== (record?.rejectionReason ?? null)) ops.push({ field: 'followup.rejectionReason', value: rejectionReason });
        if (round !== (record?.applicationRound ?? null)) ops.push({ field: 'followup.round', value: round });
        const changes: { path: string; from: unknown; to: unknown }[] = [{ path: 'followup.stage', from, to: input.to }];
        if (input.to === 'admitted') {
          // 已入库: the enterprise is now 规上 — an identity change in the same transaction.
          const e = requireEnterprise(tx, input.enterpriseId);
          if (e.scale !== 'above') {
            updateEnterpriseAtVersion(tx, e.id, e.version, stamp, { scale: 'above' });
            ops.push({ field: 'scale', value: 'above' });
            changes.push({ path: 'scale', from: e.scale, to: 'above' });
            recomputeFlags(tx, e.id);
          }
        }
        return { changes, ops, reason: reason ?? `日期 / Date ${input.date}` };
      });
    },

    addNote(input: ParsedInput<'followup:addNote'>): FollowUpView {
      const by = requireProfile(db).userName;
      return act(input.enterpriseId, 'followup', (tx, at) => {
        const id = newId();
        const note: NoteValue = { date: input.date, method: input.method, contact: input.contact, text: input.text, createdBy: by, createdAt: at.toISOString() };
        insertNote(tx, { id, enterpriseId: input.enterpriseId, ...note });
        return { changes: [{ path: `note.${id}`, from: null, to: note }], ops: [{ field: `note.${id}`, value: note }], reason: null };
      });
    },

    setMaterial(input: ParsedInput<'materials:set'>): FollowUpView {
      return act(input.enterpriseId, 'materials', (tx, at) => {
        input.evidenceIds.forEach((id, i) => {
          const ev = getEvidence(tx, id);
          if (!ev || ev.enterpriseId !== input.enterpriseId || ev.removedAt !== null) {
            throw new AppError('INVALID_INPUT', `证明材料 ${id} 不属于该企业 / Evidence ${id} is not this enterprise's`, [{ path: `evidenceIds.${i}`, message: 'NOT_FOUND' }]);
          }
        });
        const previous = followUpParts(tx, input.enterpriseId).materials.find((m) => m.key === input.key);
        const value: MaterialValue = { isProvided: input.isProvided, evidenceIds: [...new Set(input.evidenceIds)], note: input.note, updatedAt: at.toISOString() };
        const before = previous ? { isProvided: previous.isProvided, evidenceIds: JSON.parse(previous.evidenceIds) as string[], note: previous.note } : null;
        const after = { isProvided: value.isProvided, evidenceIds: value.evidenceIds, note: value.note };
        if (JSON.stringify(before) === JSON.stringify(after)) return { changes: [], ops: [], reason: null };
        writeMaterial(tx, { enterpriseId: input.enterpriseId, key: input.key, isProvided: value.isProvided, evidenceIds: JSON.stringify(value.evidenceIds), note: value.note, updatedAt: value.updatedAt });
        const path = `material.${input.key}`;
        return { changes: [{ path, from: before, to: after }], ops: [{ field: path, value }], reason: null };
      });
    },
  };
}

export type FollowUpService = ReturnType<typeof createFollowUpService>;
