import type { SessionEndReason, ServerErrorCode } from '@shared/sync/api';

const statusOf: Record<ServerErrorCode, number> = {
  INVALID_INPUT: 400,
  UNAUTHORIZED: 401,
  TOKEN_EXPIRED: 401,
  WRONG_PASSWORD: 401,
  DEVICE_REVOKED: 403,
  DEVICE_IN_USE: 409,
  DEVICE_MISMATCH: 403,
  CLIENT_TOO_OLD: 426,
  RATE_LIMITED: 429,
  FORBIDDEN: 403,
  OUT_OF_SCOPE: 403,
  NOT_FOUND: 404,
  PAYLOAD_TOO_LARGE: 413,
  CHAIN_BROKEN: 409,
  OFFSET_MISMATCH: 409,
  HASH_MISMATCH: 422,
  INTERNAL: 500,
  SERVER_BUSY: 503,
  UPLOAD_QUOTA: 413,
  TOO_MANY_UPLOADS: 429,
  STORAGE_FULL: 507,
  STORAGE_UNAVAILABLE: 503,
};

/** An expected failure: the boundary answers it as SyncErrorBody with its HTTP status. */
export class HttpError extends Error {
  readonly status: number;

  constructor(
    readonly code: ServerErrorCode,
    message: string,
    readonly extra: {
      retryAfterSeconds?: number;
      minAppVersion?: string;
      sessionEnd?: SessionEndReason;
      headers?: Record<string, string>;
    } = {},
  ) {
    super(message);
    this.name = 'HttpError';
    this.status = statusOf[code];
  }
}
