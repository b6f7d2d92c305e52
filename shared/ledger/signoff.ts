import { z } from 'zod';

// Signing a month of the ledger (统计台账 审核签署, 统计法 第二十一条): the unit's 统计负责人 and its
// 单位负责人 each sign a month, by name as typed and a date. Each signature is its own field of the
// enterprise ('signoff.2024-03.statisticsHead'), so two people signing on two laptops never
// conflict. A signed month still changes, but only with a stated reason, and the trace keeps who
// had signed it (electron/main/ledger/service.ts). This file is the one definition of the rule.

export const signoffRoles = ['statisticsHead', 'unitHead'] as const;
export const SignoffRole = z.enum(signoffRoles);
export type SignoffRole = z.infer<typeof SignoffRole>;

const IsoDate = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/);

/** A signature as it travels (the field's value) and is stored. */
export const SignatureValue = z.strictObject({
  /** The signer's name as typed (the person, not the account signing it in). */
  name: z.string().trim().min(1).max(40),
  /** The date written beside the signature. */
  date: IsoDate,
  /** When it was entered, and by which account (who typed it in). */
  at: z.string().max(40),
  by: z.string().max(40),
});
export type SignatureValue = z.infer<typeof SignatureValue>;

export const signoffFieldPattern = /^signoff\.(\d{4})-(0[1-9]|1[0-2])\.(statisticsHead|unitHead)$/;
export const signoffField = (year: number, month: number, role: SignoffRole): string =>
  `signoff.${year}-${String(month).padStart(2, '0')}.${role}`;

/** The shortest reason that says something (two characters: 更正, 补录). */
export const MIN_REASON_LENGTH = 2;

export type MonthSignatures = Partial<Record<SignoffRole, SignatureValue>>;

export const isSigned = (s: MonthSignatures | undefined): boolean => signoffRoles.some((r) => s?.[r] !== undefined);

export type SignedEditCheck = { ok: true } | { ok: false; months: number[] };

/**
 * May an edit of `editedMonths` go ahead with `reason`? A month with any signature changes only
 * with a reason of at least MIN_REASON_LENGTH characters; an unsigned month needs none.
 * Refused: the signed months edited without one.
 */
export function checkSignedEdit(
  signatures: ReadonlyMap<number, MonthSignatures>,
  editedMonths: readonly number[],
  reason: string | null | undefined,
): SignedEditCheck {
  const hasReason = (reason ?? '').trim().length >= MIN_REASON_LENGTH;
  if (hasReason) return { ok: true };
  const months = [...new Set(editedMonths)].filter((m) => isSigned(signatures.get(m))).sort((a, b) => a - b);
  return months.length === 0 ? { ok: true } : { ok: false, months };
}

/** The signatures of a month a change to it came after (its figures are no longer the ones signed). */
export function signaturesBefore(s: MonthSignatures | undefined, changedAt: string): SignoffRole[] {
  return signoffRoles.filter((r) => {
    const sig = s?.[r];
    return sig !== undefined && sig.at < changedAt;
  });
}

/**
 * A month's sign-off as the grid shows it: who signed, and whether any figure of the month was
 * changed after a signature (`lastChangeAt`: the latest change of one of its cells, from the trace).
 */
export function monthSignoffState(s: MonthSignatures | undefined, lastChangeAt: string | null): 'unsigned' | 'signed' | 'changedAfterSigning' {
  if (!isSigned(s)) return 'unsigned';
  return lastChangeAt !== null && signaturesBefore(s, lastChangeAt).length > 0 ? 'changedAfterSigning' : 'signed';
}
