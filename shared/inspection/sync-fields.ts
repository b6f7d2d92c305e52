import { z } from 'zod';
import { DivisionCode, EnterpriseFilter, EnterpriseId } from '../directory/directory';
import { inspectionResults } from '../followup/work';
import { DrawRunValue, PublishedDrawCreateValue } from '../enforcement/sync-fields';

// The 'draw' sync entity: a 双随机 draw as run, and the findings recorded per drawn enterprise,
// so the bureau sees every draw of its area, from whichever laptop ran it (a draw repeated until
// it suits someone shows as several draws). A draw is never edited: '$create' carries all of it;
// each drawn enterprise's findings are one field ('item.<enterpriseId>'), so two inspectors
// recording different enterprises never conflict. Field names are whitelisted here, never SQL.

const Iso = z.iso.datetime({ offset: true });
const Name = z.string().trim().min(1).max(40);

/** One drawn enterprise as drawn: copies of its identity, so the record stands on its own. */
export const DrawnItemValue = z.strictObject({
  enterpriseId: EnterpriseId,
  position: z.number().int().min(0).max(9_999),
  uscc: z.string().max(18),
  name: z.string().max(200),
  divisionCode: DivisionCode,
  inspectors: z.array(Name).max(5),
});
export type DrawnItemValue = z.infer<typeof DrawnItemValue>;

/**
 * '$create': the area the draw covers (the common prefix of its enterprises' division codes, at
 * least the county's 6 digits: the scope key), then the record exactly as run.
 */
export const DrawCreateValue = z.strictObject({
  areaCode: z.string().regex(/^\d{6,12}$/),
  title: z.string().trim().min(1).max(100),
  seed: z.string().trim().min(1).max(64),
  algorithm: z.string().min(1).max(100),
  filter: EnterpriseFilter,
  poolSize: z.number().int().min(1).max(1_000_000),
  poolHash: z.string().regex(/^[0-9a-f]{64}$/),
  inspectors: z.array(Name).min(1).max(200),
  inspectorsPerEnterprise: z.number().int().min(1).max(5),
  createdAt: Iso,
  createdBy: z.string().max(100),
  items: z.array(DrawnItemValue).min(1).max(10_000),
});
export type DrawCreateValue = z.infer<typeof DrawCreateValue>;

const AnyDrawCreateValue = z.union([DrawCreateValue, PublishedDrawCreateValue]);

/** The findings of one drawn enterprise, as last recorded (who and when included). */
export const DrawFindingValue = z.strictObject({
  result: z.enum(inspectionResults),
  findings: z.string().max(2_000),
  isClosed: z.boolean(),
  closedAt: Iso.nullable(),
  closingNote: z.string().max(1_000),
  updatedAt: Iso,
  by: z.string().max(100),
});
export type DrawFindingValue = z.infer<typeof DrawFindingValue>;

/** 'item.<enterpriseId>': the findings of one drawn enterprise. */
export const drawFindingFieldPattern = /^item\.([A-Za-z0-9_-]{8,64})$/;
export const drawFindingField = (enterpriseId: string): string => `item.${enterpriseId}`;

/** The wire schema of a field of a draw, or null when it is not one. */
export function drawFieldSchema(field: string): z.ZodType | null {
  // A draw run at once, or one published before it runs (shared/enforcement/sync-fields.ts),
  // whose 'run' reveals the seed later.
  if (field === '$create') return AnyDrawCreateValue;
  if (field === 'run') return DrawRunValue;
  if (drawFindingFieldPattern.test(field)) return DrawFindingValue;
  return null;
}

/** The scope key of a draw: the common prefix of its enterprises' division codes, or `fallback` when shorter than a county's 6 digits. */
export function drawAreaCode(divisionCodes: readonly string[], fallback: string): string {
  let prefix = divisionCodes[0] ?? '';
  for (const code of divisionCodes) {
    let i = 0;
    while (i < prefix.length && i < code.length && prefix[i] === code[i]) i += 1;
    prefix = prefix.slice(0, i);
  }
  return prefix.length >= 6 ? prefix : fallback;
}
