import type { SessionEndReason } from '@shared/sync/api';
import type { SyncErrorCode } from '@shared/sync/client-status';

/** A sync step failed for a reason the user is told about (code → Chinese message in the renderer). */
export class SyncFailure extends Error {
  constructor(
    readonly code: SyncErrorCode,
    message: string,
    /** RATE_LIMITED: when the server allows another attempt. */
    readonly retryAfterMs?: number,
    /** Attachment uploads: the byte length the server holds. */
    readonly offset?: number,
    /** SESSION_EXPIRED from a refused refresh: why the server ended the session. */
    readonly sessionEnd?: SessionEndReason,
  ) {
    super(message);
    this.name = 'SyncFailure';
  }
}

export const isSyncFailure = (e: unknown): e is SyncFailure => e instanceof SyncFailure;
