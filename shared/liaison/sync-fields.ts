import { z } from 'zod';

// 企业包保 as fields of the 'enterprise' sync entity (shared/directory/sync-fields.ts asks here
// for the fields it does not know). The current 包保责任人 stays the enterprise's `liaison`
// attribute (the name the directory, its import and the inspector draw already use); what is
// added here are appends, one field per record, so two people never write the same field:
// - 'liaison.assign.<id>': one assignment (official, department, from which day), never edited;
//   the history is the set of them, newest start first.
// - 'visit.<id>': one contact with the enterprise. Two laptops logging visits to one enterprise
//   write different fields and never conflict; only the author corrects a visit, by writing the
//   same field again with the earlier text kept in `previous` (the op log keeps it too), so a
//   correction made on two of the author's laptops unseen is the engine's ordinary conflict.
// Being fields of the enterprise, they share its scope key and move with it to another township.

export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const Stamp = z.string().max(40);
/** A person's name as typed: trimmed, 1–40 characters. */
export const PersonName = z.string().trim().min(1).max(40);
/** A department (部门) as typed; '' when not known (an older assignment, a plain name edit). */
export const DepartmentName = z.string().trim().max(40);

/** 走访, 电话, 微信, 会议, 其他. */
export const contactForms = ['visit', 'phone', 'wechat', 'meeting', 'other'] as const;
export const ContactForm = z.enum(contactForms);
export type ContactForm = z.infer<typeof ContactForm>;

const ID = '[A-Za-z0-9_-]{8,64}';
export const assignmentFieldPattern = new RegExp(`^liaison\\.assign\\.(${ID})$`);
export const visitFieldPattern = new RegExp(`^visit\\.(${ID})$`);
export const assignmentField = (id: string): string => `liaison.assign.${id}`;
export const visitField = (id: string): string => `visit.${id}`;

export const AssignmentValue = z.strictObject({
  official: PersonName,
  department: DepartmentName,
  /** The day the official starts to follow the enterprise. */
  since: IsoDate,
  by: z.string().max(40),
  byUserId: z.string().max(100).nullable(),
  at: Stamp,
});
export type AssignmentValue = z.infer<typeof AssignmentValue>;

/** What a visit says; the parts an author may correct. */
export const VisitContent = z.strictObject({
  date: IsoDate,
  form: ContactForm,
  discussed: z.string().trim().min(1).max(2_000),
  nextStep: z.string().trim().max(500),
  nextDue: IsoDate.nullable(),
});
export type VisitContent = z.infer<typeof VisitContent>;

export const VisitValue = z.strictObject({
  ...VisitContent.shape,
  by: z.string().max(40),
  byUserId: z.string().max(100).nullable(),
  at: Stamp,
  /** Earlier wordings, oldest first, each with when it was replaced. */
  previous: z.array(z.strictObject({ ...VisitContent.shape, replacedAt: Stamp })).max(50),
});
export type VisitValue = z.infer<typeof VisitValue>;

/** The schema of a 包保 field of an enterprise, or null when `field` is not one. */
export function liaisonFieldSchema(field: string): z.ZodType | null {
  if (assignmentFieldPattern.test(field)) return AssignmentValue;
  if (visitFieldPattern.test(field)) return VisitValue;
  return null;
}
