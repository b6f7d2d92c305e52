import { z } from 'zod';

// The record of interference in statistical work (领导干部干预统计工作记录): every attempt by
// anyone in office to influence a statistical figure — who, when, which figure, what was asked,
// how it was answered — kept by the bureau's leadership (permission 'interference.keep', role
// 'leader'). The register is append-only at every layer: nothing is edited or deleted; a
// mistake is put right by a new entry that names the one it corrects (`corrects`) and why.
// One schema for the form (zodResolver), main and the wire ('$create', sync-fields.ts).

/** How the attempt was made. */
export const interferenceManners = ['oral', 'phone', 'written', 'message', 'meeting', 'other'] as const;
export const InterferenceManner = z.enum(interferenceManners);
export type InterferenceManner = z.infer<typeof InterferenceManner>;

/**
 * How it was answered: refused; refused and reported (to whom: `reportedTo`, e.g. the discipline
 * inspection body or the statistics bureau above); or otherwise (said in `responseNote`).
 */
export const interferenceResponses = ['refused', 'reported', 'other'] as const;
export const InterferenceResponse = z.enum(interferenceResponses);
export type InterferenceResponse = z.infer<typeof InterferenceResponse>;

/** Why an entry is refused: codes the renderer shows as messages (interference.problems.*). */
export const interferenceProblems = [
  'REQUIRED',
  'TOO_LONG',
  'BAD_DATE',
  'FUTURE_DATE',
  'REPORTED_TO_REQUIRED',
  'NOTE_REQUIRED',
  'REASON_REQUIRED',
  'CORRECTS_UNKNOWN',
] as const;
export type InterferenceProblem = (typeof interferenceProblems)[number];

export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'BAD_DATE' }).refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), { error: 'BAD_DATE' });
export const InterferenceId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);

const required = (max: number) => z.string().trim().min(1, { error: 'REQUIRED' }).max(max, { error: 'TOO_LONG' });
const optional = (max: number) => z.string().trim().max(max, { error: 'TOO_LONG' });

/** The fields a person types (names as typed, trimmed, ≤ 40 characters). */
const draftShape = {
  /** Who: the person who tried to influence the figure, their post and unit. */
  actorName: required(40),
  actorPost: required(60),
  actorUnit: required(100),
  /** When it happened (ISO date). */
  occurredOn: IsoDate,
  manner: InterferenceManner,
  /** Which figure: the indicator, its period, and the unit or enterprise concerned if any. */
  indicator: required(100),
  period: required(40),
  subject: optional(200),
  /** What was asked. */
  request: required(2_000),
  response: InterferenceResponse,
  reportedTo: optional(100),
  responseNote: optional(2_000),
  /** The entry this one corrects (null for a first record), and why. */
  corrects: InterferenceId.nullable(),
  correctionReason: optional(500),
};

type DraftShape = { [K in keyof typeof draftShape]: z.output<(typeof draftShape)[K]> };

/** The cross-field rules, one definition for the form, main and the server. */
function checkRules(d: DraftShape, ctx: z.RefinementCtx): void {
  if (d.response === 'reported' && d.reportedTo === '') ctx.addIssue({ code: 'custom', path: ['reportedTo'], message: 'REPORTED_TO_REQUIRED' });
  if (d.response === 'other' && d.responseNote === '') ctx.addIssue({ code: 'custom', path: ['responseNote'], message: 'NOTE_REQUIRED' });
  if (d.corrects !== null && d.correctionReason === '') ctx.addIssue({ code: 'custom', path: ['correctionReason'], message: 'REASON_REQUIRED' });
}

/** 'interference:record' input: one new entry. */
export const InterferenceDraft = z.strictObject(draftShape).superRefine(checkRules);
export type InterferenceDraft = z.input<typeof InterferenceDraft>;
export type ParsedInterferenceDraft = z.output<typeof InterferenceDraft>;

/** What the laptop and the wire keep beside what was typed: who recorded it and when (from the session). */
const recordedShape = {
  recordedAt: z.iso.datetime({ offset: true }),
  recordedById: z.string().min(1).max(64),
  recordedByName: z.string().min(1).max(100),
};

/** An entry as kept and shown. */
export const InterferenceEntry = z.strictObject({ id: InterferenceId, ...draftShape, ...recordedShape }).superRefine(checkRules);
export type InterferenceEntry = z.output<typeof InterferenceEntry>;

/** '$create' of an 'interference' entity: the county (scope key) and the whole entry; it is never changed after. */
export const InterferenceCreateValue = z
  .strictObject({ areaCode: z.string().regex(/^\d{6}$/), ...draftShape, ...recordedShape })
  .superRefine(checkRules);
export type InterferenceCreateValue = z.output<typeof InterferenceCreateValue>;

/** A date after `today` (both ISO dates): an entry records what already happened. */
export const isFutureDate = (date: string, today: string): boolean => date > today;

/** 'interference:list' and the exports: the entries of one year of occurrence (all when null). */
export const InterferenceQuery = z.strictObject({ year: z.number().int().min(2000).max(2100).nullable() });
export type InterferenceQuery = z.infer<typeof InterferenceQuery>;

/** The register as shown: entries newest first, each with the ids of the entries that correct it. */
export const InterferenceRow = z.object({
  entry: InterferenceEntry,
  correctedBy: z.array(InterferenceId),
});
export type InterferenceRow = z.infer<typeof InterferenceRow>;

export const InterferenceList = z.object({
  rows: z.array(InterferenceRow),
  /** The years any entry occurred in, newest first (the year picker). */
  years: z.array(z.number().int()),
  /** The year's count for the year-end summary (year-count.ts interferenceYearCount), null when no year is chosen. */
  yearCount: z.number().int().nonnegative().nullable(),
});
export type InterferenceList = z.infer<typeof InterferenceList>;
