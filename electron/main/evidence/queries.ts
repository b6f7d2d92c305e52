import { and, asc, eq, isNull } from 'drizzle-orm';
import { EvidenceFigure, EvidenceKind, type EvidenceItem } from '@shared/ledger/wire';
import { z } from 'zod';
import type { AppDatabase, Db } from '@db/open';
import { attachmentBlobs, evidence } from '@db/schema';

// Evidence 原始记录: the references (which file backs which ledger figures) and the
// files' bytes by SHA-256. Callers own the transaction.

export type EvidenceRecord = typeof evidence.$inferSelect;
const Figures = z.array(EvidenceFigure);

export function figuresOf(r: Pick<EvidenceRecord, 'figures'>): z.infer<typeof Figures> {
  const parsed = Figures.safeParse(JSON.parse(r.figures));
  return parsed.success ? parsed.data : [];
}

export function toEvidenceItem(r: EvidenceRecord, isAvailable: boolean): EvidenceItem {
  return {
    id: r.id,
    enterpriseId: r.enterpriseId,
    sha256: r.sha256,
    fileName: r.fileName,
    mimeType: r.mimeType,
    size: r.size,
    kind: EvidenceKind.catch('other').parse(r.kind),
    note: r.note,
    figures: figuresOf(r),
    createdAt: r.createdAt,
    createdBy: r.createdBy,
    isAvailable,
  };
}

/** Live (not removed) evidence of an enterprise, oldest first. */
export function liveEvidence(db: Pick<AppDatabase, 'select'>, enterpriseId: string): EvidenceRecord[] {
  return db
    .select()
    .from(evidence)
    .where(and(eq(evidence.enterpriseId, enterpriseId), isNull(evidence.removedAt)))
    .orderBy(asc(evidence.createdAt), asc(evidence.id))
    .all();
}

export function getEvidence(db: Pick<AppDatabase, 'select'>, id: string): EvidenceRecord | undefined {
  return db.select().from(evidence).where(eq(evidence.id, id)).get();
}

export function upsertEvidence(db: Db, row: EvidenceRecord): void {
  const { id: _id, ...rest } = row;
  db.insert(evidence).values(row).onConflictDoUpdate({ target: evidence.id, set: rest }).run();
}

export function hasBlob(db: Pick<AppDatabase, 'select'>, sha256: string): boolean {
  return db.select({ sha: attachmentBlobs.sha256 }).from(attachmentBlobs).where(eq(attachmentBlobs.sha256, sha256)).get() !== undefined;
}

export function readBlob(db: Pick<AppDatabase, 'select'>, sha256: string): Buffer | null {
  return db.select({ bytes: attachmentBlobs.bytes }).from(attachmentBlobs).where(eq(attachmentBlobs.sha256, sha256)).get()?.bytes ?? null;
}

/** Stores a file's bytes once per hash (in-memory stores: see evidence/files.ts). */
export function putBlob(db: Db, blob: { sha256: string; mimeType: string; bytes: Buffer; at: string }): void {
  db.insert(attachmentBlobs)
    .values({ sha256: blob.sha256, mimeType: blob.mimeType, size: blob.bytes.length, bytes: blob.bytes, createdAt: blob.at })
    .onConflictDoNothing()
    .run();
}

/** Hash and type of every evidence file still attached (not removed). */
export function liveEvidenceFiles(db: Db): { sha256: string; mimeType: string }[] {
  return db.select({ sha256: evidence.sha256, mimeType: evidence.mimeType }).from(evidence).where(isNull(evidence.removedAt)).all();
}
