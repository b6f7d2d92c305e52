import { primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

// The bureau's county-wide check as this laptop last received it (GET /registration/county-check,
// electron/main/registration/county-cache.ts): a derived cache, replaced whole after each
// successful sync and never synced itself, so its findings survive days offline. One row per
// finding; `computed_at` is the server's time of the answer, shown as "as of".
export const countyFindings = sqliteTable(
  'county_findings',
  {
    unitId: text('unit_id').notNull(),
    /** shared/registration/county-check.ts CountyFindingKind. */
    kind: text('kind').notNull(),
    /** The unit's value the finding was decided on (its USCC, or its parent's for parent_missing). */
    basis: text('basis').notNull(),
    /** The other unit ('' for parent_missing): identification only. */
    otherId: text('other_id').notNull(),
    otherName: text('other_name').notNull(),
    otherUscc: text('other_uscc').notNull(),
    otherAreaCode: text('other_area_code').notNull(),
    otherKind: text('other_kind').notNull(),
    otherUnitType: text('other_unit_type').notNull(),
    computedAt: text('computed_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.kind, t.otherId] })],
);
