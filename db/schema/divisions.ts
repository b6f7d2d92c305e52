import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

// 统计用区划代码 (2023) loaded from data/divisions (scripts/gen-divisions.ts): the deployment
// region by default, the whole country on demand. Codes are kept at their natural length
// (2 province, 4 city, 6 county, 9 township, 12 village) because padding to 12 digits makes
// some levels collide (city 4419 and county-level 441900 东莞 both pad to 441900000000).
// Reference data, not user data: reloading replaces rows in place, nothing else points here
// by foreign key, and rows are never deleted by the app.
export const divisions = sqliteTable(
  'divisions',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    /** 1 province, 2 city, 3 county, 4 township, 5 village/community. */
    level: integer('level').notNull(),
    /** null for a province. */
    parentCode: text('parent_code'),
    /** Pinyin initials of `name`, lower-case, for picker search. */
    initials: text('initials').notNull().default(''),
  },
  (t) => [index('divisions_parent_idx').on(t.parentCode)],
);
