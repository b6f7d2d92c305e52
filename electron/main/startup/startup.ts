import { defaultBackupDir } from '@shared/node/sqlite/backup';
import { isStoreOpenError, type StoreOpenError } from '@shared/node/sqlite/errors';
import { checkBackups, restoreBackup, setAsideStore, type CheckedBackup } from '@db/recovery';
import { channels, type Channel } from '@shared/ipc/contract';
import { AppError } from '@shared/result';
import {
  restorableProblems,
  type BackupView,
  type RecoveryOutcome,
  type StartupStatus,
} from '@shared/startup/startup';
import { createCore, type Core, type CoreOptions } from '../core';
import type { Handler, HandlerTable } from '../ipc/dispatch';
import type { StartupChannel } from './ready-handlers';

// Start-up for both shells (Electron and the web harness): open the store, and when it cannot
// be opened, still serve the window. The renderer asks 'startup:status' first and shows the
// start-up screen (renderer/src/features/startup) with what is wrong and the backups; only
// after the user confirms does 'startup:restore' put a backup in place (the damaged file is
// kept, renamed) and open the store again. Until then every other channel answers STORE_ERROR.

export interface Startup {
  /** Stable for the life of the process: it reaches the core once there is one. */
  handlers: HandlerTable;
  /** The open core, or null while the store cannot be opened. */
  core(): Core | null;
  status(): StartupStatus;
  close(): void;
}

export interface StartupOptions extends CoreOptions {
  /** Where a store failure is reported (main's log); defaults to console.error. */
  logFailure?: (error: StoreOpenError) => void;
}

const toView = (b: CheckedBackup): BackupView => ({
  name: b.name,
  kind: b.kind,
  takenAt: b.takenAt,
  bytes: b.bytes,
  beforeTag: b.beforeTag,
  state: b.state,
});

/**
 * Opens the store through createCore. A StoreOpenError puts start-up in recovery instead of
 * ending it; any other error is a bug and is thrown for the shell to report.
 */
export function createStartup(opts: StartupOptions): Startup {
  const now = opts.now ?? (() => new Date());
  const backupDir = opts.backupDir ?? defaultBackupDir(opts.dbPath);
  const logFailure = opts.logFailure ?? ((e: StoreOpenError) => console.error(`[store] ${e.code}: ${e.message}`));
  let core: Core | null = null;
  let failure: StoreOpenError | null = null;
  const setAside: string[] = [];

  const open = (): void => {
    try {
      core = createCore(opts);
      failure = null;
    } catch (e) {
      if (!isStoreOpenError(e)) throw e;
      failure = e;
      logFailure(e);
    }
  };

  const status = (): StartupStatus => {
    if (!failure) return { state: 'ready' };
    const backups = checkBackups(opts.dbPath, backupDir, opts.key);
    const isRestorable = restorableProblems.includes(failure.code);
    return {
      state: 'failed',
      problem: {
        code: failure.code,
        damage: failure.damage ?? null,
        detail: failure.message,
        storePath: opts.dbPath,
        backupPath: failure.backupPath ?? null,
      },
      backups: backups.map(toView),
      canRestore: isRestorable && backups.some((b) => b.state === 'usable'),
      canStartEmpty: isRestorable,
      setAside: [...setAside],
    };
  };

  /** Recovery runs only while the store is refused for a reason a backup or a new store cures. */
  const recoverable = (): StoreOpenError => {
    if (!failure) throw new AppError('CONFLICT', '数据文件已正常打开，无需恢复 / The store is open: there is nothing to recover');
    if (!restorableProblems.includes(failure.code)) {
      throw new AppError('FORBIDDEN', `此问题不能用备份解决 / A backup does not cure ${failure.code}`);
    }
    return failure;
  };

  const recovery = {
    'startup:status': () => status(),
    'startup:restore': ({ name }): RecoveryOutcome => {
      recoverable();
      if (opts.key === undefined) throw new AppError('FORBIDDEN', 'No store key');
      const restored = restoreBackup(opts.dbPath, backupDir, opts.key, name, now());
      setAside.push(...restored.setAside);
      open();
      return { setAside: restored.setAside, restoredFrom: toView(restored.backup), status: status() };
    },
    'startup:startEmpty': (): RecoveryOutcome => {
      recoverable();
      const moved = setAsideStore(opts.dbPath, now());
      setAside.push(...moved);
      open();
      return { setAside: moved, restoredFrom: null, status: status() };
    },
  } satisfies Pick<HandlerTable, StartupChannel>;

  const isStartupChannel = (c: Channel): c is StartupChannel => Object.hasOwn(recovery, c);

  // One stable table for registerIpc and the harness: each channel asks at call time whether
  // the store is open. Built key by key, which a mapped type cannot check; dispatch() parses
  // every input and output against the contract, so a wrong entry cannot pass unnoticed.
  const table: Partial<Record<Channel, Handler<Channel>>> = {};
  for (const channel of channels) {
    table[channel] = (input, ctx) => {
      if (isStartupChannel(channel) && failure) {
        return (recovery[channel] as Handler<Channel>)(input, ctx);
      }
      if (!core) {
        throw new AppError('STORE_ERROR', `数据文件未能打开 / The store is not open (${failure?.code ?? 'closed'})`);
      }
      return (core.handlers[channel] as Handler<Channel>)(input, ctx);
    };
  }

  open();
  return {
    handlers: table as HandlerTable,
    core: () => core,
    status,
    close() {
      core?.close();
      core = null;
    },
  };
}
