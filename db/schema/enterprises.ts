import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';

// The district's enterprise directory (辖区企业库). Issue 5 adds ledgers, evidence and the
// 入规纳统 workflow around it; identity and scale status come first.
export const enterprises = sqliteTable(
  'enterprises',
  {
    id: text('id').primaryKey(),
    uscc: text('uscc').notNull(),
    name: text('name').notNull(),
    address: text('address').notNull().default(''),
    divisionCode: text('division_code').notNull().default(''),
    industryCode: text('industry_code').notNull().default(''),
    /** 'above' (规上) or 'below' (规下). */
    scale: text('scale').notNull().default('below'),
    status: text('status').notNull().default('active'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('enterprises_uscc_idx').on(t.uscc), index('enterprises_division_idx').on(t.divisionCode)],
);
