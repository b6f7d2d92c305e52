import { and, asc, eq, inArray, isNull, like, type SQL } from 'drizzle-orm';
import type { AppDatabase, Db } from '@db/open';
import { verificationTasks } from '@db/schema';
import type { JsonValue } from '@shared/sync/protocol';
import { taskOf, type Task } from '@shared/verification/task';
import type { TaskQuery, TaskRow } from '@shared/verification/wire';

// The local rows of 核查 tasks: the task's fields as JSON plus the columns lists filter on, all
// derived from the fields by one function (columnsOf), whether a service action or a sync
// rebuild wrote them. Callers own the transaction.

type Record_ = typeof verificationTasks.$inferSelect;

export interface StoredTask {
  row: Record_;
  fields: Map<string, JsonValue>;
  task: Task;
}

export function fieldsOfRow(row: Pick<Record_, 'fields'>): Map<string, JsonValue> {
  return new Map(Object.entries(JSON.parse(row.fields) as Record<string, JsonValue>));
}

export function readTask(db: Pick<AppDatabase, 'select'>, id: string): StoredTask | null {
  const row = db.select().from(verificationTasks).where(eq(verificationTasks.id, id)).get();
  if (!row) return null;
  const fields = fieldsOfRow(row);
  const task = taskOf(fields);
  return task ? { row, fields, task } : null;
}

/** Field names in a stable order, so the same fields always serialise to the same text. */
function fieldsText(fields: ReadonlyMap<string, JsonValue>): string {
  return JSON.stringify(Object.fromEntries([...fields].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
}

/** Writes the task's row from its fields; false when the row already says exactly that. */
export function writeTask(db: Db, id: string, fields: ReadonlyMap<string, JsonValue>, updatedAt: string): boolean {
  const task = taskOf(fields);
  if (!task) return false;
  const text = fieldsText(fields);
  const existing = db.select({ fields: verificationTasks.fields }).from(verificationTasks).where(eq(verificationTasks.id, id)).get();
  if (existing?.fields === text) return false;
  const c = task.create;
  const columns = {
    kind: c.kind,
    enterpriseId: c.enterpriseId,
    uscc: c.uscc,
    name: c.name,
    divisionCode: c.areaCode,
    batchId: c.batchId,
    batchTitle: c.batchTitle,
    periodYear: c.period.year,
    periodMonth: c.period.month,
    state: task.state.state,
    exitState: task.exit?.state ?? null,
    assignee: task.assignee?.name ?? null,
    conclusion: task.conclusion?.result ?? null,
    fields: text,
    updatedAt,
  };
  if (existing) db.update(verificationTasks).set(columns).where(eq(verificationTasks.id, id)).run();
  else db.insert(verificationTasks).values({ id, ...columns, createdAt: c.createdAt }).run();
  return true;
}

export function toTaskRow(row: Record_, task: Task): TaskRow {
  return {
    id: row.id,
    kind: task.create.kind,
    enterpriseId: row.enterpriseId,
    uscc: row.uscc,
    name: row.name,
    divisionCode: row.divisionCode,
    batchTitle: row.batchTitle,
    period: task.create.period,
    state: task.state.state,
    exitState: task.exit?.state ?? null,
    assignee: task.assignee?.name ?? null,
    conclusion: task.conclusion?.result ?? null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function listTasks(db: Pick<AppDatabase, 'select'>, q: TaskQuery): TaskRow[] {
  const where: SQL[] = [];
  if (q.assignee !== undefined) where.push(q.assignee === '' ? isNull(verificationTasks.assignee) : eq(verificationTasks.assignee, q.assignee));
  if (q.state) where.push(eq(verificationTasks.state, q.state));
  if (q.kind) where.push(eq(verificationTasks.kind, q.kind));
  // Digits only (the schema says so): safe inside a LIKE pattern.
  if (q.divisionPrefix) where.push(like(verificationTasks.divisionCode, `${q.divisionPrefix}%`));
  const rows = db
    .select()
    .from(verificationTasks)
    .where(where.length > 0 ? and(...where) : undefined)
    .orderBy(asc(verificationTasks.divisionCode), asc(verificationTasks.name), asc(verificationTasks.createdAt))
    .all();
  return rows.flatMap((row) => {
    const task = taskOf(fieldsOfRow(row));
    return task ? [toTaskRow(row, task)] : [];
  });
}

/** Tasks of these enterprises and kind (to refuse a second open task for the same work). */
export function tasksOf(db: Pick<AppDatabase, 'select'>, enterpriseIds: readonly string[], kind: string): Record_[] {
  if (enterpriseIds.length === 0) return [];
  const out: Record_[] = [];
  for (let i = 0; i < enterpriseIds.length; i += 500) {
    out.push(...db.select().from(verificationTasks).where(and(inArray(verificationTasks.enterpriseId, enterpriseIds.slice(i, i + 500)), eq(verificationTasks.kind, kind))).all());
  }
  return out;
}

export function assigneeNames(db: Pick<AppDatabase, 'selectDistinct'>): string[] {
  return db
    .selectDistinct({ name: verificationTasks.assignee })
    .from(verificationTasks)
    .all()
    .flatMap((r) => (r.name ? [r.name] : []));
}
