import { z } from 'zod';
import { PackSchema } from './schema';
import type { FormPack } from './types';

// The packs channels (shared/ipc/contract.ts): which packs this laptop holds and one pack's
// document for the renderer to draw and check forms with.

export const PackSummary = z.object({
  ref: z.string().max(100),
  id: z.string().max(40),
  version: z.string().max(40),
  date: z.string().max(10),
  titleZh: z.string(),
  titleEn: z.string(),
  notesZh: z.string().optional(),
  notesEn: z.string().optional(),
  /** Whether it came with the app (not received by sync). */
  isBuiltin: z.boolean(),
  /** When it came into force here; null for one kept only for units filled under it. */
  activatedAt: z.string().nullable(),
});
export type PackSummary = z.infer<typeof PackSummary>;

export const PackList = z.object({
  current: z.string().max(100),
  /** The pack the app ships; the enterprise directory reads its national classifications. */
  builtin: z.string().max(100),
  packs: z.array(PackSummary),
});
export type PackList = z.infer<typeof PackList>;

export const PackQuery = z.object({ ref: z.string().min(1).max(100) });

/** A pack document on the wire, checked for shape (main checked its content and hash). The
 * schema's inferred type is mutable where the pack's is readonly; the shapes are the same. */
export const PackDocument = PackSchema as unknown as z.ZodType<FormPack>;
