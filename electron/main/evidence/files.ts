import { createHash } from 'node:crypto';
import type { AppDatabase } from '@db/open';
import { hasBlob, liveEvidenceFiles, putBlob, readBlob } from './queries';
import type { AttachmentStore } from '../sync/attachments';
import type { ServerClient } from '../sync/client';

// Where evidence bytes live. A store file has the sync engine's attachment store
// beside it (electron/main/sync/attachments.ts): files by SHA-256, queued for upload. An
// in-memory store has no folder; its files are kept in attachment_blobs instead (tests, the
// throwaway harness), where nothing uploads them.

export interface EvidenceFiles {
  /** Stores the bytes (once per hash); returns the hash. */
  put(bytes: Buffer, mimeType: string, at: string): string;
  read(sha256: string): Buffer | null;
  has(sha256: string): boolean;
}

const sha256Of = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

export function evidenceFiles(db: AppDatabase, attachments: AttachmentStore | null | undefined): EvidenceFiles {
  if (attachments) {
    return {
      put: (bytes, mimeType) => attachments.add(bytes, mimeType).sha256,
      read: (sha) => attachments.read(sha),
      has: (sha) => attachments.has(sha),
    };
  }
  return {
    put: (bytes, mimeType, at) => {
      const sha256 = sha256Of(bytes);
      putBlob(db, { sha256, mimeType, bytes, at });
      return sha256;
    },
    read: (sha) => readBlob(db, sha),
    has: (sha) => hasBlob(db, sha),
  };
}

/**
 * After a pull: fetches the files that evidence references name but this device does not hold
 * (added on another device). A file the server does not have yet (its author has not uploaded
 * it) is tried again next sync; bytes that do not hash to their name are refused.
 * Returns how many files arrived.
 */
export async function fetchMissingEvidence(db: AppDatabase, files: EvidenceFiles, client: Pick<ServerClient, 'getAttachment'>): Promise<number> {
  const wanted = new Map(
    liveEvidenceFiles(db)
      .filter((r) => !files.has(r.sha256))
      .map((r) => [r.sha256, r.mimeType]),
  );
  let arrived = 0;
  for (const [sha256, mimeType] of wanted) {
    const bytes = await client.getAttachment(sha256);
    if (bytes === null) continue;
    if (sha256Of(bytes) !== sha256) throw new Error(`attachment ${sha256}: the bytes received do not match their hash`);
    files.put(Buffer.from(bytes), mimeType, new Date().toISOString());
    arrived += 1;
  }
  return arrived;
}
