import { sqliteTable, text } from 'drizzle-orm/sqlite-core';

// Key/value so a new setting needs no migration; values are JSON, validated by
// shared/session/settings.ts on the way in and out.
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: text('updated_at').notNull(),
});
