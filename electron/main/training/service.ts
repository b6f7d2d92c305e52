import { randomUUID } from 'node:crypto';
import type { AppDatabase } from '@db/open';
import type { ParsedInput } from '@shared/ipc/contract';
import { userError } from '@shared/result';
import type { JsonValue } from '@shared/sync/protocol';
import { trainingAttributeNames, trainingYearCounts, type TrainingList, type TrainingSession } from '@shared/training/training';
import { recordOps } from '../sync/outbox';
import { attribution, requirePermission } from '../session/roles';
import { allTraining, getTraining, putTraining, toSession } from './queries';

// Training sessions: recorded, corrected field by field, cancelled with a reason; each write is
// one transaction with its sync ops ('training'), one op per changed attribute.

export interface TrainingOptions {
  now?: () => Date;
  newId?: () => string;
}

export function createTrainingService(db: AppDatabase, opts: TrainingOptions = {}) {
  const now = opts.now ?? (() => new Date());
  const newId = opts.newId ?? randomUUID;

  function list(year?: number): TrainingList {
    const sessions = allTraining(db).map(toSession);
    const y = year ?? now().getFullYear();
    return { sessions: sessions.filter((s) => s.date.startsWith(`${y}-`)), counts: trainingYearCounts(sessions, y) };
  }

  function requireSession(id: string): TrainingSession {
    const row = getTraining(db, id);
    if (!row) throw userError('NOT_FOUND', `培训记录不存在`, `No such training session (${id})`);
    return toSession(row);
  }

  return {
    list,

    save(input: ParsedInput<'training:save'>): TrainingSession {
      const session = requirePermission(db, 'training.record');
      const who = attribution(db, session);
      const at = now();
      const stamp = at.toISOString();
      const { areaCode, ...attributes } = input.draft;
      // The server keeps a session only within the account's scope: refused here first, in words.
      if (session.scope.length > 0 && !session.scope.some((p) => areaCode.startsWith(p))) {
        throw userError('INVALID_INPUT', `本账号只能记录本辖区（${session.scope.join('、')}）的培训`, `Outside this account's area`, [{ path: 'areaCode', message: 'OUT_OF_SCOPE' }]);
      }
      const id = input.id ?? newId();
      db.transaction((tx) => {
        if (input.id === undefined) {
          putTraining(tx, { id, areaCode, ...attributes, attendees: JSON.stringify(attributes.attendees), cancelled: null, createdBy: who.userName, createdAt: stamp, updatedAt: stamp });
          const value: JsonValue = { areaCode, createdBy: who.userName, createdAt: stamp, fields: attributes };
          recordOps(tx, [{ entity: 'training', entityId: id, areaCode, field: '$create', value }], at);
          return;
        }
        const before = requireSession(id);
        if (before.areaCode !== areaCode) {
          throw userError('INVALID_INPUT', '培训的范围（全区或乡镇）创建后不能更改', 'A session’s area cannot change once recorded', [{ path: 'areaCode', message: 'FIXED' }]);
        }
        if (before.cancelled !== null) throw userError('RULE_VIOLATION', '已取消的培训不能再修改', 'A cancelled session cannot be edited');
        const changed = trainingAttributeNames.filter((k) => k !== 'cancelled' && JSON.stringify(before[k]) !== JSON.stringify(attributes[k as keyof typeof attributes]));
        if (changed.length === 0) return;
        putTraining(tx, { ...rowOf(before), ...attributes, attendees: JSON.stringify(attributes.attendees), updatedAt: stamp });
        recordOps(
          tx,
          changed.map((field) => ({ entity: 'training' as const, entityId: id, areaCode, field, value: attributes[field as keyof typeof attributes] as JsonValue })),
          at,
        );
      });
      return requireSession(id);
    },

    cancel(input: ParsedInput<'training:cancel'>): TrainingSession {
      const session = requirePermission(db, 'training.record');
      const who = attribution(db, session);
      const at = now();
      db.transaction((tx) => {
        const before = requireSession(input.id);
        if (before.cancelled !== null) return;
        const cancelled = { reason: input.reason, by: who.userName, at: at.toISOString() };
        putTraining(tx, { ...rowOf(before), cancelled: JSON.stringify(cancelled), updatedAt: cancelled.at });
        recordOps(tx, [{ entity: 'training', entityId: input.id, areaCode: before.areaCode, field: 'cancelled', value: cancelled }], at);
      });
      return requireSession(input.id);
    },
  };
}

const rowOf = (s: TrainingSession) => ({ ...s, attendees: JSON.stringify(s.attendees), cancelled: s.cancelled === null ? null : JSON.stringify(s.cancelled) });

export type TrainingService = ReturnType<typeof createTrainingService>;
