import { z } from 'zod';
import { PackChange } from './diff';

// The laptop's form-pack notice (forms:notice): a version the bureau published came into force
// here by sync, with what changed; or one was refused and the previous pack stays in force.

export const PackNotice = z.discriminatedUnion('kind', [
  z.object({
    id: z.number().int(),
    kind: z.literal('updated'),
    ref: z.string(),
    /** The pack in force before. */
    previousRef: z.string(),
    changes: z.array(PackChange),
    at: z.string(),
  }),
  z.object({
    id: z.number().int(),
    kind: z.literal('refused'),
    ref: z.string(),
    /** The pack that stays in force. */
    previousRef: z.string(),
    /** NEWER_SCHEMA | HASH_MISMATCH | INVALID | CONFLICTING_VERSION (electron/main/forms/packs.ts). */
    code: z.string(),
    /** Chinese, as the sync log shows it. */
    message: z.string(),
    at: z.string(),
  }),
]);
export type PackNotice = z.infer<typeof PackNotice>;

export const DismissNotice = z.object({ id: z.number().int().positive() });

/** A pack file the bureau picked (forms:preview): JSON as `census forms build` writes it. */
export const PackFile = z
  .object({
    fileName: z.string().trim().min(1).max(255).regex(/\.(json|xlsx)$/i),
    /** Base64 of the file (a pack is ~150 KB; 8 MB is the server's body cap). */
    contentBase64: z.string().max(11_000_000),
  })
  .strict();
export type PackFile = z.infer<typeof PackFile>;

export const PackPreview = z.object({
  fileName: z.string(),
  /** Present when the file is a pack document at all. */
  pack: z
    .object({ ref: z.string(), id: z.string(), version: z.string(), date: z.string(), titleZh: z.string(), titleEn: z.string(), hash: z.string(), notesZh: z.string().optional(), notesEn: z.string().optional() })
    .nullable(),
  /** Every problem found; publishing is possible only with none. */
  problems: z.array(z.object({ place: z.record(z.string(), z.string()), message: z.string() })),
  /** What it changes against the server's current pack (the built-in one before any publication). */
  against: z.string().nullable(),
  changes: z.array(PackChange),
  /** Whether the server already has this version: 'same' (publishing again changes nothing) or 'different' (refused). */
  onServer: z.enum(['no', 'same', 'different']),
  canPublish: z.boolean(),
});
export type PackPreview = z.infer<typeof PackPreview>;

/** forms:publish: the previewed pack, named by its hash (what was previewed is what goes up). */
export const PackPublish = z.object({ hash: z.string().regex(/^[0-9a-f]{64}$/) }).strict();

export const PackPublished = z.object({
  outcome: z.enum(['published', 'unchanged', 'madeCurrent']),
  ref: z.string(),
  previous: z.string().nullable(),
  changes: z.array(PackChange),
});
export type PackPublished = z.infer<typeof PackPublished>;
