import type { DamageKind, StoreOpenErrorCode } from '@shared/startup/startup';

// Why the local store could not be opened. Start-up switches on `code` to pick what the
// start-up screen says (renderer/src/features/startup); `message` carries both languages
// because it also goes to the log and to support. The codes live in shared/startup/startup.ts so the
// renderer names the same list.
export { storeOpenErrorCodes, type StoreOpenErrorCode } from '@shared/startup/startup';

export class StoreOpenError extends Error {
  readonly code: StoreOpenErrorCode;
  /** Set when a backup was taken before the failure: the store as it was before migrating. */
  readonly backupPath: string | undefined;
  /** What is wrong with a DAMAGED store. */
  readonly damage: DamageKind | undefined;

  constructor(
    code: StoreOpenErrorCode,
    message: string,
    options: { backupPath?: string | null; damage?: DamageKind; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'StoreOpenError';
    this.code = code;
    this.backupPath = options.backupPath ?? undefined;
    this.damage = options.damage;
  }
}

export const isStoreOpenError = (e: unknown): e is StoreOpenError => e instanceof StoreOpenError;

/** The message of an unknown thrown value, for wrapping it with context. */
export function describeError(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
