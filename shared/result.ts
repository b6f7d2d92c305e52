// The envelope every boundary returns (IPC, harness, later the sync API): callers switch on
// `ok` and on a string-literal error code, never on an exception's message text.
export const errorCodes = [
  'INVALID_INPUT', // the payload failed the channel's schema; nothing was changed
  'UNKNOWN_CHANNEL', // no such channel in the contract
  'FORBIDDEN_SENDER', // the call did not come from the app's own renderer
  'UNAUTHORIZED', // harness/server: missing or wrong token
  'FORBIDDEN', // the caller's role may not do this
  'NOT_FOUND',
  'CONFLICT', // the record changed underneath the caller; reload and retry
  'RULE_VIOLATION', // a domain rule refused the change (e.g. submit with 强制性 findings)
  'PROFILE_INCOMPLETE', // user or device name not set: changes could not be attributed
  'STORE_ERROR', // the local store failed (I/O, corruption)
  'INTERNAL', // a bug: logged in main with its stack
  'UNAVAILABLE', // renderer side: the backend did not answer (main gone, harness stopped, network)
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export interface IssueDetail {
  path: string;
  message: string;
}

/** A sentence for the user in each language, when main knows more than its code says. */
export interface UserReason {
  zh: string;
  en: string;
}

export interface AppErrorShape {
  code: ErrorCode;
  /** Developer-facing detail; the renderer shows a message mapped from `code`. */
  message: string;
  issues?: IssueDetail[];
  /**
   * What exactly went wrong, for the user (which file, which encoding, which column is
   * missing): the renderer shows it instead of the code's general message. Never parsed.
   */
  reason?: UserReason;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorShape };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const err = (code: ErrorCode, message: string, issues?: IssueDetail[], reason?: UserReason): Result<never> => ({
  ok: false,
  error: { code, message, ...(issues ? { issues } : {}), ...(reason ? { reason } : {}) },
});

/** Thrown by services for expected failures; the IPC boundary turns it into `err(code)`. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: IssueDetail[],
    readonly reason?: UserReason,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/**
 * An expected failure whose reason the user must read as it is (a file that cannot be read, a
 * column that is missing): the message carries both languages for logs and the CLI, the
 * reason carries them apart for the screen.
 */
export function userError(code: ErrorCode, zh: string, en: string, issues?: IssueDetail[]): AppError {
  return new AppError(code, `${zh} / ${en}`, issues, { zh, en });
}

export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unexpected ${what}: ${JSON.stringify(value)}`);
}
