import { z } from 'zod';
import { PackChange } from './diff';

// The bureau server's form-pack routes (server/routes/forms.ts) as both sides read them:
// laptops ask for the current pack's ref and hash on every sync and fetch a document by ref;
// the bureau publishes a pack (admins only).

export const PackRefText = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}@[0-9A-Za-z][0-9A-Za-z.-]{0,39}$/);

export const ServerPackInfo = z.object({
  ref: PackRefText,
  id: z.string(),
  version: z.string(),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  publishedBy: z.string(),
  publishedAt: z.string(),
  currentSince: z.string(),
});
export type ServerPackInfo = z.infer<typeof ServerPackInfo>;

/** GET /forms/current: the pack in force on the server, null before the bureau published one. */
export const CurrentPackResponse = z.object({ current: ServerPackInfo.nullable(), serverTime: z.string() });
export type CurrentPackResponse = z.infer<typeof CurrentPackResponse>;

/** GET /forms/packs: every published version, newest first. */
export const PackListResponse = z.object({
  packs: z.array(ServerPackInfo.extend({ isCurrent: z.boolean() })),
  serverTime: z.string(),
});

/** GET /forms/packs/<ref>: `{ pack }`, the document as published (checked again by the receiver). */
export const PackDocumentResponse = z.object({ pack: z.unknown(), serverTime: z.string() });

export const packRefusalCodes = ['NEWER_SCHEMA', 'INVALID', 'HASH_MISMATCH', 'CONFLICTING_VERSION'] as const;
export const PackRefusalCode = z.enum(packRefusalCodes);
export type PackRefusalCode = z.infer<typeof PackRefusalCode>;

export const PackProblemText = z.object({ place: z.record(z.string(), z.string()), message: z.string() });

/** Why a pack cannot be published: sent beside the error envelope of a 409/422 answer. */
export const PublishRefusal = z.object({
  code: PackRefusalCode,
  message: z.string(),
  problems: z.array(PackProblemText).max(200),
});
export type PublishRefusal = z.infer<typeof PublishRefusal>;

export const publishOutcomes = ['published', 'unchanged', 'madeCurrent'] as const;

/** POST /forms/packs `{ pack }` → what happened and what changed against the previous current pack. */
export const PublishResponse = z.object({
  outcome: z.enum(publishOutcomes),
  pack: ServerPackInfo,
  previous: PackRefText.nullable(),
  changes: z.array(PackChange),
  serverTime: z.string(),
});
export type PublishResponse = z.infer<typeof PublishResponse>;

/** The body of a refused publication: the server's error envelope plus the refusal. */
export const PublishRefusedBody = z.object({ refusal: PublishRefusal });
