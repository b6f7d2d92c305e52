import path from 'node:path';
import { defaultBackupDir, takeDailyBackup } from '@shared/node/sqlite/backup';
import { MEMORY_PATH, openDatabase, type AppDatabase, type SqliteDatabase } from '@db/open';
import { checkAfterLastRun, clearRunMarker, setRunMarker } from '@db/run-marker';
import type { AppInfo } from '@shared/ipc/contract';
import { defaultDivisionDataDir } from './divisions/queries';
import { getSettings } from './session/settings-queries';
import { createHandlers } from './handlers';
import { createDivisionsService } from './divisions/service';
import type { HandlerTable } from './ipc/dispatch';
import { createSyncService, type SyncService } from './sync/service';
import type { Timers } from './sync/scheduler';
import type { Transport } from './sync/transport';
import type { EntityRegistry } from './sync/registry';
import { createEntityRegistry } from './entities';
import { evidenceFiles, fetchMissingEvidence, type EvidenceFiles } from './evidence/files';
import { warmDirectory } from './directory/warmup';
import { receivePacks } from './forms/receive';
import { receiveCountyCheck } from './registration/county-cache';
import { createTaskBoard } from './tasks/progress';

export interface CoreOptions {
  dbPath: string;
  /** The store key (64 hex characters); missing → StoreOpenError('KEY_MISSING'). */
  key: string | undefined;
  shell: 'electron' | 'web';
  /** The packaged app passes its resources path; defaults to the repo's db/migrations. */
  migrationsFolder?: string;
  /** Defaults to `<store dir>/backups`. */
  backupDir?: string;
  /**
   * The laptop's one clock: change stamps, the rules' "today", the daily backup (and, unless
   * `syncClock` says otherwise, sync). Tests pass their own.
   */
  now?: () => Date;
  appVersion: string;
  /** data/divisions: the packaged app passes its resources path; defaults to the repo's. */
  divisionDataDir?: string;
  /** The sync engine's HTTP; tests inject faults here. Defaults to fetch. */
  syncTransport?: Transport;
  /** The sync engine's clock and the scheduler's timers; tests move time forward with them (also `now`, unless given). */
  syncClock?: { now: () => Date; timers: Timers };
  /** The synced record kinds (entities.ts unless given): tests put a throwaway kind's adapter here. */
  entities?: (db: AppDatabase, sqlite: SqliteDatabase) => EntityRegistry;
}

export interface Core {
  db: AppDatabase;
  sqlite: SqliteDatabase;
  handlers: HandlerTable;
  info: AppInfo;
  sync: SyncService;
  /** Details of this start's store open, for the log. */
  opened: { migrated: string[]; backupPath: string | null; integrityCheck: 'quick' | 'full' | 'none' };
  /** Takes the daily backup if one is due (the timer calls it too); its path, or null. */
  backUpIfDue(): string | null;
  close(): void;
}

/** The first daily-backup attempt waits this long, so start-up itself never pays for the copy. */
const FIRST_BACKUP_DELAY_MS = 60_000;
const BACKUP_CHECK_INTERVAL_MS = 60 * 60_000;

/**
 * Everything main does that is not Electron: the store and the handler table. The Electron
 * shell and the web harness both build one of these, so both serve the same handlers.
 * Throws StoreOpenError when the store cannot be opened; startup/startup.ts then serves the
 * start-up screen's recovery channels instead.
 */
export function createCore(opts: CoreOptions): Core {
  const now = opts.now ?? opts.syncClock?.now ?? (() => new Date());
  const isFile = opts.dbPath !== MEMORY_PATH;
  const opened = openDatabase(opts.dbPath, {
    key: opts.key,
    migrationsFolder: opts.migrationsFolder,
    backupDir: opts.backupDir,
    // A run that never closed the store (crash, kill, power cut) earns the full check.
    integrityCheck: isFile ? checkAfterLastRun(opts.dbPath) : 'none',
  });
  // Set once the store has passed its check; a clean close() removes it (db/run-marker.ts).
  if (isFile) {
    try {
      setRunMarker(opts.dbPath);
    } catch (e) {
      // Without it the next start after a crash runs the quick check only; not worth refusing to start.
      console.warn('[store] could not write the run marker:', e);
    }
  }
  const info: AppInfo = {
    version: opts.appVersion,
    schemaVersion: opened.schemaVersion,
    shell: opts.shell,
    storePath: opts.dbPath,
    // An in-memory store never reaches disk, and SQLite3MC cannot key one.
    isEncrypted: opts.dbPath !== MEMORY_PATH,
  };
  // Evidence files named by pulled references are fetched once the pull is done; the attachment
  // store exists only once the sync service does, hence the late lookup.
  let evidenceFilesOf: (() => EvidenceFiles) | null = null;
  // Long work (imports, the national division codes, a sync) reports its counts here.
  const tasks = createTaskBoard();
  const sync = createSyncService({
    db: opened.db,
    sqlite: opened.sqlite,
    appVersion: opts.appVersion,
    schemaVersion: opened.schemaVersion,
    registry: (opts.entities ?? createEntityRegistry)(opened.db, opened.sqlite),
    settings: () => getSettings(opened.db),
    afterPull: async (client) => {
      // The bureau's form pack first: units opened after this sync move to it.
      await receivePacks(opened.db, client, now);
      // The bureau's county-wide check of our units, computed over the whole county.
      await receiveCountyCheck(opened.db, client);
      return evidenceFilesOf ? fetchMissingEvidence(opened.db, evidenceFilesOf(), client) : 0;
    },
    beginProgress: () => tasks.begin('sync'),
    ...(opts.syncTransport ? { transport: opts.syncTransport } : {}),
    ...(opts.syncClock ?? {}),
    // Beside the store, so a user-data folder holds everything of one installation; sealed with
    // a key derived from the store's (openDatabase has refused a file store without one).
    ...(opts.dbPath === MEMORY_PATH || opts.key === undefined
      ? {}
      : { attachments: { dir: path.join(path.dirname(opts.dbPath), 'attachments'), storeKeyHex: opts.key } }),
  });
  evidenceFilesOf = () => evidenceFiles(opened.db, sync.attachments);
  const divisionDataDir = opts.divisionDataDir ?? defaultDivisionDataDir();
  loadDeploymentRegion(opened.db, divisionDataDir);
  let isClosed = false;
  // The directory's index and ledger summaries load in short background steps.
  warmDirectory(opened.db, () => !isClosed);
  const backupDir = opts.backupDir ?? defaultBackupDir(opts.dbPath);
  const backUpIfDue = (): string | null =>
    isFile && !isClosed ? takeDailyBackup(opened.sqlite, opts.dbPath, backupDir, now()) : null;
  // A rolling daily copy for the start-up screen to offer if the store is ever damaged; a
  // laptop left running for days still gets one a day. Failure is logged: the app works on.
  const tryBackup = (): void => {
    try {
      const file = backUpIfDue();
      if (file) console.info(`[store] daily backup ${file}`);
    } catch (e) {
      console.warn('[store] daily backup failed:', e);
    }
  };
  const timers = isFile
    ? [setTimeout(tryBackup, FIRST_BACKUP_DELAY_MS), setInterval(tryBackup, BACKUP_CHECK_INTERVAL_MS)]
    : [];
  for (const timer of timers) timer.unref();
  return {
    db: opened.db,
    sqlite: opened.sqlite,
    handlers: createHandlers({ db: opened.db, info, sync, divisionDataDir, tasks, now }),
    sync,
    info,
    opened: { migrated: opened.migrated, backupPath: opened.backupPath, integrityCheck: opened.integrityCheck },
    backUpIfDue,
    close() {
      if (isClosed) return;
      isClosed = true;
      for (const timer of timers) clearTimeout(timer);
      sync.stop();
      opened.sqlite.close();
      if (isFile) clearRunMarker(opts.dbPath);
    },
  };
}

/**
 * A store whose region was set by an older build, or whose division rows were lost, gets them
 * back at start. Failure is logged, not fatal: registration works without division names.
 */
function loadDeploymentRegion(db: AppDatabase, dataDir: string): void {
  const region = getSettings(db).regionCode;
  if (region === '') return;
  try {
    createDivisionsService(db, { dataDir }).ensureRegion(region);
  } catch (e) {
    console.warn(`[divisions] could not load region ${region}:`, e);
  }
}
