import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

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
    /** Order of coming into force (1, 2, …): the highest is in force. A counter, not the time,
     * so a laptop whose clock is set back never puts an older pack back in force. */
    activationSeq: integer('activation_seq'),
  },
  (t) => [index('form_packs_activation_idx').on(t.activationSeq)],
);

// What the laptop tells its user about form packs received by sync: a new version came into
// force (with what changed), or one was refused (newer format, broken hash, invalid, another
// content under a version already here) and the previous stays. The newest one not dismissed
// is shown (forms:notice). A refusal also keeps the document's ref and hash so the same
// document is not downloaded again every sync until the app is updated.
export const formPackNotices = sqliteTable(
  'form_pack_notices',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** 'updated' | 'refused'. */
    kind: text('kind').notNull(),
    ref: text('ref').notNull(),
    /** The pack in force before (updated), or the one that stays (refused). */
    previousRef: text('previous_ref').notNull(),
    /** Of the refused document (to recognise it again), or of the pack now in force. */
    hash: text('hash').notNull(),
    /** shared/packs/diff.ts PackChange[] as JSON (updated); '[]' for a refusal. */
    changes: text('changes').notNull(),
    /** Refusal code (NEWER_SCHEMA, HASH_MISMATCH, INVALID, CONFLICTING_VERSION), null when updated. */
    code: text('code'),
    /** Chinese text of the refusal, as the sync log shows it. */
    message: text('message'),
    /** PACK_SCHEMA of the app that refused it: an updated app tries the document again. */
    appPackSchema: integer('app_pack_schema').notNull(),
    createdAt: text('created_at').notNull(),
    dismissedAt: text('dismissed_at'),
  },
  (t) => [index('form_pack_notices_ref_idx').on(t.ref)],
);
