import path from 'node:path';
import { MEMORY_PATH, openDatabase, type AppDatabase, type SqliteDatabase } from '../../db/open';
import type { AppInfo } from '../../shared/ipc/contract';
import { defaultDivisionDataDir } from '../../db/queries/divisions';
import { getSettings } from '../../db/queries/settings';
import { createHandlers } from './handlers';
import { createDivisionsService } from './services/divisions';
import type { HandlerTable } from './ipc/dispatch';
import { refreshFindings } from './sync/findings';
import { createSyncService, type SyncService } from './sync/service';
import type { Timers } from './sync/scheduler';
import type { Transport } from './sync/transport';
import { createEnterpriseMaterialiser } from './services/directory-sync';
import { evidenceFiles, fetchMissingEvidence, type EvidenceFiles } from './services/evidence-files';
import { warmDirectory } from './services/directory-warmup';

export interface CoreOptions {
  dbPath: string;
  /** The store key (64 hex characters); missing → StoreOpenError('KEY_MISSING'). */
  key: string | undefined;
  shell: 'electron' | 'web';
  /** The packaged app passes its resources path; defaults to the repo's db/migrations. */
  migrationsFolder?: string;
  /** Defaults to `<store dir>/backups`. */
  backupDir?: string;
  appVersion: string;
  /** data/divisions: the packaged app passes its resources path; defaults to the repo's. */
  divisionDataDir?: string;
  /** The sync engine's HTTP; tests inject faults here. Defaults to fetch. */
  syncTransport?: Transport;
  /** The sync engine's clock and the scheduler's timers; tests move time forward with them. */
  syncClock?: { now: () => Date; timers: Timers };
}

export interface Core {
  db: AppDatabase;
  sqlite: SqliteDatabase;
  handlers: HandlerTable;
  info: AppInfo;
  sync: SyncService;
  /** Details of this start's store open, for the log. */
  opened: { migrated: string[]; backupPath: string | null };
  close(): void;
}

/**
 * Everything main does that is not Electron: the store and the handler table. The Electron
 * shell and the web harness both build one of these, so both serve the same handlers.
 * Throws StoreOpenError when the store cannot be opened; the caller shows that, not a window.
 */
export function createCore(opts: CoreOptions): Core {
  const opened = openDatabase(opts.dbPath, {
    key: opts.key,
    migrationsFolder: opts.migrationsFolder,
    backupDir: opts.backupDir,
  });
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
  const sync = createSyncService({
    db: opened.db,
    sqlite: opened.sqlite,
    appVersion: opts.appVersion,
    schemaVersion: opened.schemaVersion,
    refreshUnits: (ids) => refreshFindings(opened.db, ids),
    hooks: { entities: { enterprise: createEnterpriseMaterialiser(opened.db) } },
    afterPull: async (client) => (evidenceFilesOf ? fetchMissingEvidence(opened.db, evidenceFilesOf(), client) : 0),
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
  // The directory's index and ledger summaries load in short background steps (issue 5).
  warmDirectory(opened.db, () => !isClosed);
  return {
    db: opened.db,
    sqlite: opened.sqlite,
    handlers: createHandlers({ db: opened.db, info, sync, divisionDataDir }),
    sync,
    info,
    opened: { migrated: opened.migrated, backupPath: opened.backupPath },
    close() {
      if (isClosed) return;
      isClosed = true;
      sync.stop();
      opened.sqlite.close();
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
