import { and, desc, eq, isNull } from 'drizzle-orm';
import type { AppDatabase } from '@db/open';
import { formPackNotices } from '@db/schema';
import { PackChange } from '@shared/packs/diff';
import type { PackNotice } from '@shared/packs/notice';
import { PACK_SCHEMA } from '@shared/packs/types';
import { z } from 'zod';

// The form-pack notices of this laptop (form_pack_notices): a new version in force, or a pack
// refused. forms:notice shows the newest not dismissed; a refusal row also stops the same
// document being downloaded again every sync (until an app with a newer PACK_SCHEMA runs).

const Changes = z.array(PackChange);

export function addUpdateNotice(db: AppDatabase, n: { ref: string; previousRef: string; hash: string; changes: readonly PackChange[]; at: string }): void {
  db.insert(formPackNotices)
    .values({ kind: 'updated', ref: n.ref, previousRef: n.previousRef, hash: n.hash, changes: JSON.stringify(n.changes), code: null, message: null, appPackSchema: PACK_SCHEMA, createdAt: n.at })
    .run();
}

export function addRefusalNotice(db: AppDatabase, n: { ref: string; previousRef: string; hash: string; code: string; message: string; at: string }): void {
  db.insert(formPackNotices)
    .values({ kind: 'refused', ref: n.ref, previousRef: n.previousRef, hash: n.hash, changes: '[]', code: n.code, message: n.message, appPackSchema: PACK_SCHEMA, createdAt: n.at })
    .run();
}

/** Whether this app already refused the document `ref` with `hash` (any hash when null). */
export function wasRefused(db: AppDatabase, ref: string, hash: string | null): boolean {
  const rows = db
    .select({ hash: formPackNotices.hash, schema: formPackNotices.appPackSchema })
    .from(formPackNotices)
    .where(and(eq(formPackNotices.kind, 'refused'), eq(formPackNotices.ref, ref)))
    .all();
  return rows.some((r) => r.schema >= PACK_SCHEMA && (hash === null || r.hash === hash));
}

/** The newest notice not dismissed, or null. */
export function latestNotice(db: AppDatabase): PackNotice | null {
  const row = db.select().from(formPackNotices).where(isNull(formPackNotices.dismissedAt)).orderBy(desc(formPackNotices.id)).limit(1).get();
  if (!row) return null;
  if (row.kind === 'refused') {
    return { id: row.id, kind: 'refused', ref: row.ref, previousRef: row.previousRef, code: row.code ?? '', message: row.message ?? '', at: row.createdAt };
  }
  const changes = Changes.safeParse(JSON.parse(row.changes));
  return { id: row.id, kind: 'updated', ref: row.ref, previousRef: row.previousRef, changes: changes.success ? changes.data : [], at: row.createdAt };
}

/** Dismisses a notice and every older one (they are superseded by what the user saw). */
export function dismissNotice(db: AppDatabase, id: number, at: string): void {
  const older = db.select({ id: formPackNotices.id }).from(formPackNotices).where(isNull(formPackNotices.dismissedAt)).all();
  for (const row of older) {
    if (row.id <= id) db.update(formPackNotices).set({ dismissedAt: at }).where(eq(formPackNotices.id, row.id)).run();
  }
}
