import { z } from 'zod';
import { EnterpriseId } from '../directory/directory';

// The 统计执法 inspector roster: who holds a 执法证 (its number and validity) and in which unit,
// and the enterprises each must stay away from (回避: related by family, former employment, a
// stake…). Only a certificate valid on the day of a draw makes its holder drawable.

export const IsoDate = z.iso.date();
/** A person's name as typed: trimmed, at most 40 characters. */
export const PersonName = z.string().trim().min(1).max(40);
/** 执法证号: letters, digits and dashes as printed on the card. */
export const CertNo = z.string().trim().min(4).max(40).regex(/^[0-9A-Za-z\-()（）]+$/);
export const InspectorId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);

export const RelatedEntry = z.strictObject({
  enterpriseId: EnterpriseId,
  /** The enterprise's name when the entry was made, so the roster reads without the directory. */
  enterpriseName: z.string().trim().min(1).max(200),
  reason: z.string().trim().min(2).max(200),
});
export type RelatedEntry = z.infer<typeof RelatedEntry>;

export const InspectorCard = z.strictObject({
  name: PersonName,
  certNo: CertNo,
  validFrom: IsoDate,
  validTo: IsoDate,
  unit: z.string().trim().min(1).max(100),
});
export type InspectorCard = z.infer<typeof InspectorCard>;

export const InspectorAdd = InspectorCard;
export const InspectorUpdate = z.strictObject({ id: InspectorId, card: InspectorCard });
export const InspectorRelate = z.strictObject({ id: InspectorId, entry: RelatedEntry });
export const InspectorUnrelate = z.strictObject({ id: InspectorId, enterpriseId: EnterpriseId, reason: z.string().trim().min(2).max(200) });

export const Inspector = z.object({
  id: InspectorId,
  ...InspectorCard.shape,
  related: z.array(RelatedEntry.extend({ at: z.string(), by: z.string() })),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type Inspector = z.infer<typeof Inspector>;

export type CertStatus = 'valid' | 'expired' | 'not_yet_valid';

/** Whether a 执法证 valid from `from` to `to` (both days included) is valid on `day` (ISO dates compare as text). */
export function certStatusOn(card: Pick<InspectorCard, 'validFrom' | 'validTo'>, day: string): CertStatus {
  if (day < card.validFrom) return 'not_yet_valid';
  if (day > card.validTo) return 'expired';
  return 'valid';
}

/**
 * A person's name as compared for 回避: Unicode-normalised (full-width letters and digits to
 * half-width), every kind of space removed (a typed "张 三" or "张\u3000三" is 张三), case folded.
 */
export function normalisePersonName(name: string): string {
  return name.normalize('NFKC').replace(/[\s\u3000\u00a0·•.]/g, '').toLowerCase();
}

export type CardRefusal = 'EXPIRED' | 'NOT_YET_VALID' | 'BACKWARDS';

/** Why a card may not be put on the roster on `today`, or null: an expired card is refused, as is one whose validity ends before it starts. */
export function cardRefusal(card: Pick<InspectorCard, 'validFrom' | 'validTo'>, today: string): CardRefusal | null {
  if (card.validTo < card.validFrom) return 'BACKWARDS';
  if (certStatusOn(card, today) === 'expired') return 'EXPIRED';
  return null;
}
