import { z } from 'zod';

// Training sessions (培训) of census staff (普查员, 普查指导员) and of enterprises' statistics staff
// (企业统计人员): the 'training' sync entity's fields and what the screens send. A session is
// county-wide (areaCode: the county's 6 digits, seen by the bureau) or a township's (its 9
// digits, seen by that township's staff too). Each attribute is one field: two people correcting
// different attributes never conflict, the same attribute edited on two laptops unseen is a
// conflict for a person to decide. A session entered by mistake is cancelled with its reason,
// never deleted, and no longer counts.

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const Stamp = z.string().max(40);

export const trainingAudiences = ['enumerator', 'supervisor', 'census_staff', 'enterprise_staff'] as const;
export const TrainingAudience = z.enum(trainingAudiences);
export type TrainingAudience = z.infer<typeof TrainingAudience>;

export const TrainingAttendee = z.strictObject({
  name: z.string().trim().min(1).max(40),
  /** For enterprises' staff: the enterprise as typed or picked (name only; '' when not given). */
  enterprise: z.string().trim().max(200),
});
export type TrainingAttendee = z.infer<typeof TrainingAttendee>;

/** Hours in tenths at most (0.5 h … 200 h). */
const Hours = z
  .number()
  .min(0.5)
  .max(200)
  .refine((h) => Math.abs(h * 10 - Math.round(h * 10)) < 1e-9, { message: 'HOURS_PRECISION' });

/** The attributes of a session, each a field of its own. */
export const trainingAttributes = {
  date: IsoDate,
  topic: z.string().trim().min(1).max(200),
  audience: TrainingAudience,
  trainer: z.string().trim().min(1).max(40),
  attendeeCount: z.number().int().min(1).max(100_000),
  attendees: z.array(TrainingAttendee).max(1_000),
  hours: Hours,
  notes: z.string().trim().max(2_000),
  /** Cancelled with its reason (entered by mistake, did not take place), or null. */
  cancelled: z.strictObject({ reason: z.string().trim().min(1).max(500), by: z.string().max(40), at: Stamp }).nullable(),
} satisfies Record<string, z.ZodType>;
export type TrainingAttribute = keyof typeof trainingAttributes;
export const trainingAttributeNames = Object.keys(trainingAttributes) as TrainingAttribute[];

const AreaCode = z.string().regex(/^(\d{6}|\d{9})$/);

/** What a user fills in (the form and main check the same schema). */
export const TrainingDraft = z
  .strictObject({
    areaCode: AreaCode,
    date: trainingAttributes.date,
    topic: trainingAttributes.topic,
    audience: trainingAttributes.audience,
    trainer: trainingAttributes.trainer,
    attendeeCount: trainingAttributes.attendeeCount,
    attendees: trainingAttributes.attendees,
    hours: trainingAttributes.hours,
    notes: trainingAttributes.notes,
  })
  .refine((d) => d.attendees.length <= d.attendeeCount, { message: 'ATTENDEES_OVER_COUNT', path: ['attendees'] });
export type TrainingDraft = z.infer<typeof TrainingDraft>;

/** '$create': the scope key, who recorded it and when, and the session's first values. */
export const TrainingCreateValue = z.strictObject({
  areaCode: AreaCode,
  createdBy: z.string().max(40),
  createdAt: Stamp,
  fields: z.record(z.string().max(40), z.unknown()),
});
export type TrainingCreateValue = z.infer<typeof TrainingCreateValue>;

/** The schema of a field of a training session, or null when `field` is not one. */
export function trainingFieldSchema(field: string): z.ZodType | null {
  if (field === '$create') return TrainingCreateValue;
  if (Object.hasOwn(trainingAttributes, field)) return trainingAttributes[field as TrainingAttribute];
  return null;
}

export const TrainingId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);

export const TrainingSave = z.strictObject({
  /** Absent for a new session. */
  id: TrainingId.optional(),
  draft: TrainingDraft,
});
export type TrainingSave = z.infer<typeof TrainingSave>;

export const TrainingCancel = z.strictObject({ id: TrainingId, reason: z.string().trim().min(1).max(500) });

export const TrainingSession = z.object({
  id: z.string(),
  areaCode: z.string(),
  date: z.string(),
  topic: z.string(),
  audience: TrainingAudience,
  trainer: z.string(),
  attendeeCount: z.number().int(),
  attendees: z.array(TrainingAttendee),
  hours: z.number(),
  notes: z.string(),
  cancelled: z.object({ reason: z.string(), by: z.string(), at: z.string() }).nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TrainingSession = z.infer<typeof TrainingSession>;

export const TrainingListQuery = z.strictObject({ year: z.number().int().min(2000).max(2100).optional() });

export const TrainingYearCounts = z.object({
  year: z.number().int(),
  sessions: z.number().int(),
  people: z.number().int(),
  hours: z.number(),
  byAudience: z.record(TrainingAudience, z.object({ sessions: z.number().int(), people: z.number().int() })),
});
export type TrainingYearCounts = z.infer<typeof TrainingYearCounts>;

export const TrainingList = z.object({ sessions: z.array(TrainingSession), counts: TrainingYearCounts });
export type TrainingList = z.infer<typeof TrainingList>;

/**
 * The year's training figures for the year-end summary: sessions held and people trained (the
 * attendee counts summed: a person at two sessions counts twice, as 人次), in all and by
 * audience; cancelled sessions do not count. The year is that of the session's date.
 */
export function trainingYearCounts(
  sessions: readonly Pick<TrainingSession, 'date' | 'audience' | 'attendeeCount' | 'hours' | 'cancelled'>[],
  year: number,
): TrainingYearCounts {
  const byAudience = Object.fromEntries(trainingAudiences.map((a) => [a, { sessions: 0, people: 0 }])) as Record<TrainingAudience, { sessions: number; people: number }>;
  let count = 0;
  let people = 0;
  let tenths = 0;
  const prefix = `${String(year).padStart(4, '0')}-`;
  for (const s of sessions) {
    if (s.cancelled !== null || !s.date.startsWith(prefix)) continue;
    count += 1;
    people += s.attendeeCount;
    tenths += Math.round(s.hours * 10);
    byAudience[s.audience].sessions += 1;
    byAudience[s.audience].people += s.attendeeCount;
  }
  return { year, sessions: count, people, hours: tenths / 10, byAudience };
}
