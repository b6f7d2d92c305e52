import { z } from 'zod';
import { EnterpriseId } from '../directory/directory';
import { ContactForm, DepartmentName, IsoDate, PersonName, VisitContent } from './sync-fields';

// What the renderer may ask of 企业包保 and what it gets back (shared/ipc/contract.ts).

const TownshipCode = z.string().regex(/^\d{9}$/);

/** Assign one or many enterprises to an official from a day on (a reassignment keeps the history). */
export const LiaisonAssign = z.strictObject({
  enterpriseIds: z.array(EnterpriseId).min(1).max(5_000),
  official: PersonName,
  department: DepartmentName,
  since: IsoDate,
});
export type LiaisonAssign = z.infer<typeof LiaisonAssign>;

export const LiaisonAssignResult = z.object({
  /** Enterprises whose official or department changed. */
  assigned: z.number().int().nonnegative(),
  /** Enterprises already followed by that official in that department (nothing written). */
  unchanged: z.number().int().nonnegative(),
});
export type LiaisonAssignResult = z.infer<typeof LiaisonAssignResult>;

export const VisitAdd = z.strictObject({ enterpriseId: EnterpriseId, ...VisitContent.shape });
export type VisitAdd = z.infer<typeof VisitAdd>;

export const VisitCorrect = z.strictObject({ enterpriseId: EnterpriseId, visitId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/), ...VisitContent.shape });
export type VisitCorrect = z.infer<typeof VisitCorrect>;

export const AssignmentItem = z.object({
  id: z.string(),
  official: z.string(),
  department: z.string(),
  since: z.string(),
  /** The day the next assignment took over, or null for the current one. */
  until: z.string().nullable(),
  by: z.string(),
  at: z.string(),
});
export type AssignmentItem = z.infer<typeof AssignmentItem>;

export const VisitItem = z.object({
  id: z.string(),
  date: z.string(),
  form: ContactForm,
  discussed: z.string(),
  nextStep: z.string(),
  nextDue: z.string().nullable(),
  by: z.string(),
  at: z.string(),
  /** The session's user wrote it: the only one who may correct it. */
  isMine: z.boolean(),
  previous: z.array(z.object({ date: z.string(), form: ContactForm, discussed: z.string(), nextStep: z.string(), nextDue: z.string().nullable(), replacedAt: z.string() })),
});
export type VisitItem = z.infer<typeof VisitItem>;

export const LiaisonView = z.object({
  enterpriseId: z.string(),
  name: z.string(),
  uscc: z.string(),
  divisionCode: z.string(),
  official: z.string(),
  department: z.string(),
  assignments: z.array(AssignmentItem),
  visits: z.array(VisitItem),
});
export type LiaisonView = z.infer<typeof LiaisonView>;

export const LiaisonListQuery = z.strictObject({
  township: TownshipCode.optional(),
  /** An official's name: only the enterprises they follow ('' for the unassigned). */
  official: z.string().max(40).optional(),
  text: z.string().max(100).optional(),
  limit: z.number().int().min(1).max(500).default(100),
  offset: z.number().int().min(0).default(0),
});
export type LiaisonListQuery = z.infer<typeof LiaisonListQuery>;

export const LiaisonListRow = z.object({
  enterpriseId: z.string(),
  name: z.string(),
  uscc: z.string(),
  divisionCode: z.string(),
  official: z.string(),
  department: z.string(),
  since: z.string().nullable(),
  lastVisit: z.string().nullable(),
  visits: z.number().int().nonnegative(),
});
export type LiaisonListRow = z.infer<typeof LiaisonListRow>;

export const LiaisonListPage = z.object({ rows: z.array(LiaisonListRow), total: z.number().int().nonnegative() });
export type LiaisonListPage = z.infer<typeof LiaisonListPage>;

export const CoverageQuery = z.strictObject({ township: TownshipCode.optional() });
export type CoverageQuery = z.infer<typeof CoverageQuery>;

const Counts = {
  enterprises: z.number().int(),
  visitsInWindow: z.number().int(),
  visitedInWindow: z.number().int(),
  notVisitedInWindow: z.number().int(),
  neverVisited: z.number().int(),
  lastVisit: z.string().nullable(),
};

export const CoverageView = z.object({
  asOf: z.string(),
  windowDays: z.number().int(),
  windowStart: z.string(),
  officials: z.array(z.object({ official: z.string(), departments: z.array(z.string()), notVisitedIds: z.array(z.string()), ...Counts })),
  departments: z.array(z.object({ department: z.string(), officials: z.number().int(), ...Counts })),
  unassigned: z.object(Counts),
  total: z.object(Counts),
});
export type CoverageView = z.infer<typeof CoverageView>;
