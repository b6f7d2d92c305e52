import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

// 核查 tasks (electron/main/verification). A task is the 'verification' sync entity; this row is
// its fields as the laptop shows them (`fields`, JSON: field → value, the history's 'step.<id>'
// entries included) with copies of what lists filter and sort on. Never deleted by the app: a
// task only moves through its states (shared/verification/machine.ts).
export const verificationTasks = sqliteTable(
  'verification_tasks',
  {
    id: text('id').primaryKey(),
    kind: text('kind').notNull(),
    /** No foreign key: a task may arrive by sync before (or without) its enterprise. */
    enterpriseId: text('enterprise_id').notNull(),
    uscc: text('uscc').notNull(),
    name: text('name').notNull(),
    /** The enterprise's 12-digit division code: the scope key; characters 1–9 are the township. */
    divisionCode: text('division_code').notNull(),
    batchId: text('batch_id').notNull(),
    batchTitle: text('batch_title').notNull(),
    periodYear: integer('period_year').notNull(),
    periodMonth: integer('period_month').notNull(),
    state: text('state').notNull(),
    exitState: text('exit_state'),
    assignee: text('assignee'),
    conclusion: text('conclusion'),
    /** JSON object of the task's visible sync fields. */
    fields: text('fields').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    index('verification_tasks_division_idx').on(t.divisionCode),
    index('verification_tasks_enterprise_idx').on(t.enterpriseId, t.kind),
    index('verification_tasks_assignee_idx').on(t.assignee),
  ],
);
