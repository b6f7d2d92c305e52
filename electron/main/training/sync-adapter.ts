import type { AppDatabase } from '@db/open';
import { createdFields } from '@shared/sync/created-fields';
import type { JsonValue } from '@shared/sync/protocol';
import { TrainingCreateValue, trainingAttributes, type TrainingAttribute } from '@shared/training/training';
import type { EntityAdapter } from '../sync/registry';
import { deleteTraining, existingTraining, putTraining, type NewTrainingRow } from './queries';

// The 'training' sync entity made local (shared/training/training.ts): the '$create' carries who
// recorded the session and its first values, later field ops win over them; the row is the
// newest of each. Rows already equal are left alone.

/** The session's row from its visible fields, or null when they are not a readable session. */
export function trainingRow(id: string, visible: ReadonlyMap<string, JsonValue>, at: string): (NewTrainingRow & { id: string }) | null {
  const created = TrainingCreateValue.safeParse(visible.get('$create'));
  if (!created.success) return null;
  const fields = new Map<string, JsonValue>(Object.entries(createdFields(visible.get('$create'))));
  for (const [field, value] of visible) if (field !== '$create') fields.set(field, value);
  const values: Partial<Record<TrainingAttribute, unknown>> = {};
  for (const [field, value] of fields) {
    if (!Object.hasOwn(trainingAttributes, field)) continue;
    const parsed = trainingAttributes[field as TrainingAttribute].safeParse(value);
    if (parsed.success) values[field as TrainingAttribute] = parsed.data;
  }
  const { date, topic, audience, trainer, attendeeCount, hours } = values;
  if (typeof date !== 'string' || typeof topic !== 'string' || typeof audience !== 'string' || typeof trainer !== 'string' || typeof attendeeCount !== 'number' || typeof hours !== 'number') return null;
  return {
    id,
    areaCode: created.data.areaCode,
    date,
    topic,
    audience,
    trainer,
    attendeeCount,
    hours,
    attendees: JSON.stringify(values.attendees ?? []),
    notes: typeof values.notes === 'string' ? values.notes : '',
    cancelled: values.cancelled ? JSON.stringify(values.cancelled) : null,
    createdBy: created.data.createdBy,
    createdAt: created.data.createdAt,
    updatedAt: at,
  };
}

export function createTrainingAdapter(db: AppDatabase): EntityAdapter {
  return {
    rebuild(id, visible, { at }) {
      const row = trainingRow(id, visible, at);
      if (!row) {
        console.warn(`[training] unreadable training session ${id}`);
        return false;
      }
      return putTraining(db, row);
    },
    drop: (id) => deleteTraining(db, id),
    existing: (ids) => existingTraining(db, ids),
  };
}
