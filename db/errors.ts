// Why the local store could not be opened. Start-up switches on `code` to pick the screen it
// shows; `message` carries both languages because it also goes to the log and to support.
export const storeOpenErrorCodes = [
  'KEY_MISSING', // no key, or not 64 hex characters (32 random bytes)
  'WRONG_KEY', // the file is encrypted with another key (or is indistinguishable noise)
  'NOT_A_DATABASE', // a plaintext SQLite file or something that is not a store at all
  'MIGRATION_FAILED', // a migration failed and was rolled back; `backupPath` has the file as it was
  'EDITED_MIGRATION', // the store's migration history differs from this build's (edited/inserted)
  'STORE_TOO_NEW', // the store was migrated by a newer build; we never migrate down
  'IO', // the file, its folder, the migrations folder or a backup could not be read or written
] as const;
export type StoreOpenErrorCode = (typeof storeOpenErrorCodes)[number];

export class StoreOpenError extends Error {
  readonly code: StoreOpenErrorCode;
  /** Set when a backup was taken before the failure: the store as it was before migrating. */
  readonly backupPath: string | undefined;

  constructor(
    code: StoreOpenErrorCode,
    message: string,
    options: { backupPath?: string | null; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'StoreOpenError';
    this.code = code;
    this.backupPath = options.backupPath ?? undefined;
  }
}

export const isStoreOpenError = (e: unknown): e is StoreOpenError => e instanceof StoreOpenError;

/** The message of an unknown thrown value, for wrapping it with context. */
export function describeError(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
