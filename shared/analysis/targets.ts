import { z } from 'zod';
import { IndicatorKey } from '../ledger/indicators';
import { ProfessionId } from './analysis';
import { headlineTable, lineKey } from './headlines';

// The bureau's yearly growth targets 目标增速, per area (a township's 9 digits or the district's
// 6) and headline line: the 'analysisTarget' sync entity. Its identity (year, area, line) is in
// its '$create' and its id, so one target is one record everywhere: two laptops setting the
// same target unseen edit the same field and meet as a conflict, never as two targets. The
// value and the note are fields of their own; clearing a target writes null (nothing deleted).

/** Target growth in tenths of a percent: −100.0 % … +1000.0 %. */
export const TargetTenths = z.number().int().min(-1000).max(10000);
const Note = z.string().trim().max(500);
const Stamp = z.string().max(40);
const AreaCode = z.string().regex(/^(\d{6}|\d{9})$/);

export const targetAttributes = {
  targetTenths: TargetTenths.nullable(),
  note: Note,
} satisfies Record<string, z.ZodType>;
export type TargetAttribute = keyof typeof targetAttributes;

/** '$create': the identity (area, year, line) beside who set it, and the first value and note. */
export const TargetCreateValue = z.strictObject({
  areaCode: AreaCode,
  year: z.number().int().min(2001).max(2100),
  profession: ProfessionId,
  indicator: IndicatorKey,
  createdBy: z.string().max(40),
  createdAt: Stamp,
  fields: z.strictObject({ targetTenths: TargetTenths.nullable(), note: Note }),
});
export type TargetCreateValue = z.infer<typeof TargetCreateValue>;

/** The schema of a field of a target, or null when `field` is not one. */
export function targetFieldSchema(field: string): z.ZodType | null {
  if (field === '$create') return TargetCreateValue;
  if (Object.hasOwn(targetAttributes, field)) return targetAttributes[field as TargetAttribute];
  return null;
}

const lineKeys = headlineTable.lines.map(lineKey);
export const LineKey = z.string().refine((k) => lineKeys.includes(k), { message: 'UNKNOWN_LINE' });

/** The one id of the target of (year, area, line): 'tgt-2026-640502001-industry-industrialOutput'. */
export const targetId = (year: number, areaCode: string, line: string): string => `tgt-${year}-${areaCode}-${line.replace('.', '-')}`;

export const TargetSet = z.strictObject({
  year: z.number().int().min(2001).max(2100),
  areaCode: AreaCode,
  line: LineKey,
  /** null clears the target. */
  targetTenths: TargetTenths.nullable(),
  note: Note,
});
export type TargetSet = z.infer<typeof TargetSet>;

export const Target = z.object({
  id: z.string(),
  year: z.number().int(),
  areaCode: z.string(),
  line: z.string(),
  targetTenths: z.number().int().nullable(),
  note: z.string(),
  createdBy: z.string(),
  updatedBy: z.string(),
  updatedAt: z.string(),
});
export type Target = z.infer<typeof Target>;

export const TargetList = z.object({
  year: z.number().int(),
  targets: z.array(Target),
  /** Whether this account may set targets (the bureau). */
  canEdit: z.boolean(),
  /** The areas a target may be set for: the district, then its townships. */
  areas: z.array(z.object({ code: z.string(), name: z.string() })),
});
export type TargetList = z.infer<typeof TargetList>;

/** Parses '8.5' / '-2' / '' into tenths (null for empty); undefined when not a number with at most one decimal. */
export function parseTargetPercent(text: string): number | null | undefined {
  const t = text.trim().replace(/[%％]$/, '').trim();
  if (t === '') return null;
  const m = /^([+-]?)(\d{1,4})(?:\.(\d))?$/.exec(t);
  if (!m) return undefined;
  const tenths = Number(m[2]) * 10 + Number(m[3] ?? '0');
  const value = m[1] === '-' ? -tenths : tenths;
  return TargetTenths.safeParse(value).success ? value : undefined;
}

export const formatTenths = (tenths: number): string => `${tenths < 0 ? '−' : ''}${Math.floor(Math.abs(tenths) / 10)}.${Math.abs(tenths) % 10}`;
