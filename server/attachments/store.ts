// Where the bureau server keeps attachment files (photos of licences and records, by SHA-256):
// a folder (folder.ts: the default under --data, or a volume every server process mounts) or an
// S3-compatible object store (s3.ts). The route (routes/attachments.ts) sees only this interface
// and runs each chunk's check-then-write under a KeyedLock (lock.ts).
//
// An upload arrives in chunks, each at exactly the offset the server reports, into a partial of
// the uploader's own; once every byte is there the partial is hashed and becomes the complete
// file (or is discarded when it does not match). With a key, every chunk is sealed as it
// arrives (shared/node/seal.ts) and the complete file is those sealed records.

export interface PartialStatus {
  /** Plaintext bytes this uploader has sent: where their upload continues. */
  received: number;
  /** Whether this uploader has a partial for it at all (a new one counts against the quota). */
  exists: boolean;
}

export interface AttachmentStore {
  /** For the start-up line and error messages: the folder, or s3://bucket/prefix. */
  readonly description: string;
  /** Fails with a clear message when the store cannot be used (unreachable, no bucket, refused). */
  check(): Promise<void>;
  /** Plaintext bytes of the complete file, or null when there is none. */
  completeSize(sha: string): Promise<number | null>;
  partialStatus(userId: string, sha: string): Promise<PartialStatus>;
  /** The uploader's partials and the bytes they hold in the store (for the per-user quota). */
  partialsOf(userId: string): Promise<{ count: number; bytes: number }>;
  /**
   * Stores one chunk that starts at plaintext `offset`, which the caller checked (under the
   * lock) is the received length; returns the bytes now received. On failure the partial keeps
   * what it had.
   */
  append(userId: string, sha: string, chunk: Buffer, offset: number): Promise<number>;
  /**
   * Hashes the uploader's whole partial; when it matches, it becomes the complete file (or is
   * dropped when another upload completed it first); when not, it is deleted. Returns whether
   * the bytes matched.
   */
  complete(userId: string, sha: string): Promise<boolean>;
  /** The complete file's plaintext, piece by piece; throws when there is none. */
  read(sha: string): Promise<AsyncIterable<Buffer>>;
  /** Deletes partials untouched for `maxAgeMs` and any a store cannot resume; returns how many. */
  sweepPartials(nowMs: number, maxAgeMs: number): Promise<number>;
  close(): Promise<void>;
}

/**
 * The store refused or could not be reached: `full` (no space, a quota: 507 STORAGE_FULL) or
 * `unavailable` (down, unreachable, refusing our credentials: 503 STORAGE_UNAVAILABLE). Either
 * way the upload keeps what it had and resumes later.
 */
export class StorageError extends Error {
  constructor(
    readonly kind: 'full' | 'unavailable',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StorageError';
  }
}

export const SHA = /^[0-9a-f]{64}$/;
export const USER = /^[A-Za-z0-9_-]{1,64}$/;

export function checkSha(sha: string): string {
  if (!SHA.test(sha)) throw new Error(`not an attachment name: ${sha}`);
  return sha;
}

export function checkUser(userId: string): string {
  if (!USER.test(userId)) throw new Error(`not a user id: ${userId}`);
  return userId;
}
