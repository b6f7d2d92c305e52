import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';

// Every form pack this laptop has received (shared/packs). Kept, never replaced: a unit keeps the
// pack it was filled under until it is reopened (units.form_pack), so an older version must still
// be here to show and check it. The pack in force is the one activated last; with none here the
// built-in pack is in force.
export const formPacks = sqliteTable(
  'form_packs',
  {
    /** 'wjp5-2023@2023.2' (shared/packs/types.ts packRef). */
    ref: text('ref').primaryKey(),
    packId: text('pack_id').notNull(),
    version: text('version').notNull(),
    hash: text('hash').notNull(),
    /** The pack document as received (JSON), checked and hash-verified before it was stored. */
    body: text('body').notNull(),
    receivedAt: text('received_at').notNull(),
    /** When it came into force here; null for a pack kept only for units filled under it. */
    activatedAt: text('activated_at'),
  },
  (t) => [index('form_packs_activated_idx').on(t.activatedAt)],
);
