import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

// Form packs the bureau published (shared/packs). Every version stays: units filled under an
// older one are still shown and checked with it on the laptops that receive them. The current
// pack is the one published last (current_seq; a republication of the same content makes an
// older version current again).
export const formPacks = sqliteTable(
  'form_packs',
  {
    /** 'wjp5-2023@2023.2' (shared/packs/types.ts packRef). */
    ref: text('ref').primaryKey(),
    packId: text('pack_id').notNull(),
    version: text('version').notNull(),
    /** sha256 of the canonical body (shared/node/pack-hash.ts), checked before it was stored. */
    hash: text('hash').notNull(),
    /** The pack document as published (JSON). */
    body: text('body').notNull(),
    /** Who published it first (username) and when. */
    publishedBy: text('published_by').notNull(),
    publishedAt: text('published_at').notNull(),
    /** When it last became the current pack (its first publication, or a later republication). */
    currentSince: text('current_since').notNull(),
    /** Order of becoming current: the highest is the pack in force (times may tie). */
    currentSeq: integer('current_seq').notNull(),
  },
  (t) => [index('form_packs_current_idx').on(t.currentSeq)],
);
