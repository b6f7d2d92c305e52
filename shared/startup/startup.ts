import { z } from 'zod';

// What start-up reports when the local store cannot be opened, and the recovery the start-up
// screen offers: main (shared/node/sqlite/errors.ts, electron/main/startup/) raises these codes, the renderer
// (features/startup) names them to the user. One list for both sides.

/** Why the local store could not be opened. */
export const storeOpenErrorCodes = [
  'KEY_MISSING', // no key, or not 64 hex characters (32 random bytes)
  'WRONG_KEY', // the key-check file beside the store says the key is not the store's key
  'UNREADABLE', // page 1 fails its check and nothing tells a wrong key from a damaged page 1
  'NOT_A_DATABASE', // a plaintext SQLite file: never encrypted by this app
  'DAMAGED', // the file is damaged (see DamageKind); the key is known to be right
  'MIGRATION_FAILED', // a migration failed and was rolled back; `backupPath` has the file as it was
  'EDITED_MIGRATION', // the store's migration history differs from this build's (edited/inserted)
  'STORE_TOO_NEW', // the store was migrated by a newer build; we never migrate down
  'IO', // the file, its folder, the migrations folder or a backup could not be read or written
] as const;
export const StoreOpenErrorCode = z.enum(storeOpenErrorCodes);
export type StoreOpenErrorCode = z.infer<typeof StoreOpenErrorCode>;

/** What is wrong with a DAMAGED store file. */
export const damageKinds = [
  'empty', // 0 bytes: a store always has at least its first page
  'incomplete', // not a whole number of 4096-byte pages: cut short, or never a store
  'wal-only', // the store file is gone but its write-ahead log is still there
  'header', // page 1 fails its check although the key is right
  'pages', // the integrity check found unreadable pages or broken structure
] as const;
export const DamageKind = z.enum(damageKinds);
export type DamageKind = z.infer<typeof DamageKind>;

/**
 * Problems a backup can cure: the file is bad but the key and this build are fine. A wrong key
 * opens no backup either; a newer or edited store needs the right build, not an older copy.
 */
export const restorableProblems: readonly StoreOpenErrorCode[] = ['DAMAGED', 'NOT_A_DATABASE'];

export const backupKinds = ['daily', 'before-migration'] as const;
export const BackupKind = z.enum(backupKinds);

/**
 * usable: opens with this installation's key and passes the quick check; wrong-key: sealed with
 * another key; damaged: unreadable or fails the check.
 */
export const BackupState = z.enum(['usable', 'wrong-key', 'damaged']);
export type BackupState = z.infer<typeof BackupState>;

/** A backup file name as the backup folder lists it: `<store>-<stamp>-daily.db` and the like. */
export const BackupName = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[^/\\]+\.db$/, 'BACKUP_NAME');

export const BackupView = z.object({
  name: BackupName,
  kind: BackupKind,
  /** ISO timestamp of when the copy was taken (from its name). */
  takenAt: z.string(),
  bytes: z.number().int().nonnegative(),
  /** The migration a pre-migration copy was taken before; null for daily copies. */
  beforeTag: z.string().nullable(),
  state: BackupState,
});
export type BackupView = z.infer<typeof BackupView>;

export const StartupProblem = z.object({
  code: StoreOpenErrorCode,
  damage: DamageKind.nullable(),
  /** Developer-facing detail in both languages, for the log and technical support. */
  detail: z.string(),
  storePath: z.string(),
  /** A MIGRATION_FAILED store's pre-migration copy. */
  backupPath: z.string().nullable(),
});
export type StartupProblem = z.infer<typeof StartupProblem>;

export const StartupStatus = z.discriminatedUnion('state', [
  z.object({ state: z.literal('ready') }),
  z.object({
    state: z.literal('failed'),
    problem: StartupProblem,
    /** Newest first. */
    backups: z.array(BackupView),
    /** A usable backup exists and the problem is one a backup cures. */
    canRestore: z.boolean(),
    /** The file may be set aside for a new empty store (a damaged file, never a wrong key). */
    canStartEmpty: z.boolean(),
    /** Files set aside (renamed, kept) by recovery so far in this run. */
    setAside: z.array(z.string()),
  }),
]);
export type StartupStatus = z.infer<typeof StartupStatus>;

/** The user confirmed on screen; the literal keeps an unconfirmed call out of main. */
export const StartupRestore = z.object({ name: BackupName, isConfirmed: z.literal(true) }).strict();
export const StartupStartEmpty = z.object({ isConfirmed: z.literal(true) }).strict();

export const RecoveryOutcome = z.object({
  /** Where the damaged store's files were moved (renamed, never deleted). */
  setAside: z.array(z.string()),
  /** The backup now in place of the store; null after starting empty. */
  restoredFrom: BackupView.nullable(),
  /** The store opened again (ready), or why it still does not. */
  status: StartupStatus,
});
export type RecoveryOutcome = z.infer<typeof RecoveryOutcome>;
