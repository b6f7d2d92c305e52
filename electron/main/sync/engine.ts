import type { AppDatabase, SqliteDatabase } from '@db/open';
import { recentLog } from './queries/records';
import { readStates } from './queries/state';
import { emptyRunResult, noteSkew, receivedCounter, recordError, recordRun, type RunResult } from './run-record';
import type { SyncLogEntry, SyncStatus, SyncTrigger } from '@shared/sync/client-status';
import { Materialiser } from './apply';
import { ServerClient } from './client';
import { refreshConflicts } from './conflicts';
import { refreshTeam } from './team';
import { isSyncFailure, SyncFailure } from './errors';
import { ensureDeviceId, setBuildVersions } from './identity';
import { stateKeys } from './state-keys';
import { sealOps } from './outbox';
import { SyncSession } from './session';
import { pullAll, readCursor, SNAPSHOT_PAGE, type PullContext } from './pull';
import type { TaskReporter } from '@shared/tasks/tasks';
import { addPushCounts, defaultPushLimits, pushUnlessForked, type PushLimits } from './push';
import { forkFailure, readFork } from './fork';
import { branchIfApproved, requestBranch } from './branch';
import { httpTransport, type Transport } from './transport';
import { EntityRefresher } from './refresh';
import type { EntityRegistry } from './registry';
import { readStatus } from './status';
import { ChecksumCache, verifyWithServer } from './verify';
import { DeferredCheckpoint } from './wal';
import { IMPORT_PAGE_CACHE_MIB, PULL_PAGE_CACHE_MIB, withPageCache, withPageCacheSync } from './page-cache';

// One sync run: push the outbox, pull by cursor, refresh the conflict list, verify. Never two
// at once (a second request joins the run in progress). Failures end the run with a code the
// user sees; whatever completed before the failure (acked batches, applied pages) stays done.

export interface SyncEngineOptions {
  db: AppDatabase;
  sqlite: SqliteDatabase;
  appVersion: string;
  schemaVersion: string;
  transport?: Transport;
  now?: () => Date;
  /** The synced record kinds and how each becomes local rows (registry.ts); core fills it. */
  registry: EntityRegistry;
  /** The settings sync reads: where the server is, and the names on this laptop's requests. */
  settings: () => SyncSettings;
  pushLimits?: PushLimits;
  pageSize?: number;
  /** Uploads pending attachments after the ops (attachments.ts); none by default. */
  uploadAttachments?: (client: ServerClient) => Promise<number>;
  /** Runs after a complete pull, e.g. fetching the evidence files pulled references name. */
  afterPull?: (client: ServerClient) => Promise<unknown>;
  /** Starts a progress report for one run (tasks/progress.ts); the screens show its counts. */
  beginProgress?: () => TaskReporter & { end(): void };
}

export interface SyncSettings {
  serverUrl: string;
  deviceName: string;
  userName: string;
}

const asString = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

export class SyncEngine {
  readonly materialiser: Materialiser;
  /** This store's device id; a new one after its unsent ops move to a chain branch (branch.ts). */
  private currentDeviceId: string;
  private readonly checksums: ChecksumCache;
  /** Batch and page sizes; tests shrink them so faults land between requests. */
  transfer: { pushLimits: PushLimits; pageSize: number; snapshotPageSize: number };
  private readonly transport: Transport;
  private readonly now: () => Date;
  readonly session: SyncSession;
  private running: Promise<RunResult | null> | null = null;
  private readonly refresher: EntityRefresher;
  private readonly checkpoint: DeferredCheckpoint;
  private isOnline = true;
  private lastVerified: { cursor: number; total: string } | null = null;
  /** Filled in by the scheduler so the status can say when the next attempt is. */
  nextAttemptAt: (() => string | null) | null = null;
  intervalMinutes: () => number = () => 0;

  constructor(private readonly opts: SyncEngineOptions) {
    this.transport = opts.transport ?? httpTransport();
    this.now = opts.now ?? (() => new Date());
    this.transfer = { pushLimits: opts.pushLimits ?? defaultPushLimits, pageSize: opts.pageSize ?? 2_000, snapshotPageSize: SNAPSHOT_PAGE };
    this.refresher = new EntityRefresher(opts.db, opts.sqlite, opts.registry);
    this.checkpoint = new DeferredCheckpoint(opts.sqlite);
    this.materialiser = new Materialiser(opts.sqlite, opts.registry, {
      afterChanged: (entity, ids) => this.refresher.add(entity, ids),
    });
    this.checksums = new ChecksumCache(opts.sqlite, this.materialiser);
    this.currentDeviceId = opts.db.transaction((tx) => {
      setBuildVersions(tx, opts.appVersion, opts.schemaVersion);
      return ensureDeviceId(tx);
    });
    this.session = new SyncSession({
      db: opts.db,
      transport: this.transport,
      appVersion: opts.appVersion,
      deviceId: () => this.deviceId,
      now: this.now,
      deviceName: () => opts.settings().deviceName,
    });
  }

  get deviceId(): string {
    return this.currentDeviceId;
  }

  private serverUrl(): string {
    return this.opts.settings().serverUrl;
  }

  private client(): ServerClient {
    const baseUrl = this.serverUrl();
    if (baseUrl === '') throw new SyncFailure('NOT_CONFIGURED', 'no server address in settings');
    return new ServerClient({
      baseUrl,
      transport: this.transport,
      appVersion: this.opts.appVersion,
      accessToken: () => this.session.token,
      onUnauthorized: (usedToken) => this.session.refresh(baseUrl, usedToken),
      now: () => this.now().getTime(),
    });
  }

  /**
   * A client with a fresh access token, for one request outside a sync run (the bureau's
   * publication of a form pack). Throws NOT_CONFIGURED / NOT_LOGGED_IN / SESSION_EXPIRED.
   */
  async signedClient(): Promise<ServerClient> {
    const client = this.client();
    await this.session.ensureAccess(this.serverUrl());
    return client;
  }

  /** Signs in; stores the refresh token (in the encrypted store), never the password. */
  async login(username: string, password: string): Promise<SyncStatus> {
    try {
      const baseUrl = this.serverUrl();
      if (baseUrl === '') throw new SyncFailure('NOT_CONFIGURED', 'no server address in settings');
      noteSkew(this.opts.db, await this.session.login(baseUrl, username, password));
    } catch (e) {
      recordError(this.opts.db, this.now(), e);
    }
    return this.status();
  }

  /** Ends the session here and on the server (best effort). Pending ops stay and go up after the next login. */
  async logout(): Promise<SyncStatus> {
    await this.session.logout(this.serverUrl());
    return this.status();
  }

  setOnline(isOnline: boolean): void {
    this.isOnline = isOnline;
  }

  get isRunning(): boolean {
    return this.running !== null;
  }

  /** Runs a sync, or joins the one already running. Resolves with null when it failed (see status). */
  sync(trigger: SyncTrigger): Promise<RunResult | null> {
    if (this.running) return this.running;
    const task = this.opts.beginProgress?.() ?? { step: () => undefined, end: () => undefined };
    const run = this.checkpoint.around(() => this.runOnce(trigger, task)).finally(() => {
      task.end();
      this.running = null;
      this.refresher.start();
    });
    this.running = run;
    return run;
  }

  private async runOnce(trigger: SyncTrigger, task: TaskReporter): Promise<RunResult | null> {
    const startedAt = this.now().toISOString();
    const result = emptyRunResult();
    let client: ServerClient | null = null;
    let failure: unknown = null;
    try {
      client = this.client();
      const state = readStates(this.opts.db, [stateKeys.refreshToken, stateKeys.userId]);
      if (!asString(state.get(stateKeys.refreshToken))) throw new SyncFailure('NOT_LOGGED_IN', 'not logged in');
      await this.session.ensureAccess(this.serverUrl());
      // Ops written before the first login on this store are signed now.
      const accountId = asString(state.get(stateKeys.userId));
      if (accountId) this.opts.db.transaction((tx) => sealOps(tx, accountId));
      const ctx = { ...this.context(client), onPage: receivedCounter(task) };
      const t0 = performance.now();
      task.step('push', 0, null);
      // A parted chain pushes nothing more (fork.ts): its ops wait for a branch, others' work still comes down.
      addPushCounts(result, await pushUnlessForked(ctx, this.transfer.pushLimits));
      task.step('receive', 0, null);
      // The server's file store full or out of reach holds back files only: the files wait here
      // (the upload keeps its offset) while everyone's changes still come down; the run then
      // ends with that error so the user learns why the files have not gone.
      const storageFailure = this.opts.uploadAttachments ? await uploadUnlessStoreFails(this.opts.uploadAttachments, client) : null;
      const t1 = performance.now();
      result.pushMs = t1 - t0;
      result.pulled += await this.pullAndVerify(ctx, client);
      if (this.opts.afterPull) await this.opts.afterPull(client);
      result.pullMs = performance.now() - t1;
      if (readFork(this.opts.db) !== null) await this.afterForkedPull(client, result);
      if (storageFailure) throw storageFailure;
    } catch (e) {
      failure = e;
      // A write rolled back mid-run may have reported checksum lines: read the base again.
      this.checksums.reset();
      this.lastVerified = null;
    }
    if (client) {
      Object.assign(result, {
        bytesUp: client.traffic.bytesUp,
        bytesDown: client.traffic.bytesDown,
        requests: client.traffic.requests,
      });
      noteSkew(this.opts.db, client);
    }
    const finishedAt = this.now().toISOString();
    const error = failure === null ? null : recordError(this.opts.db, this.now(), failure);
    recordRun(this.opts.db, { startedAt, finishedAt, trigger, error, result });
    return error ? null : result;
  }

  /**
   * After the pull of a forked store: once the bureau approved its branch, the unsent ops move
   * onto it (branch.ts) and go up; otherwise the run ends in CHAIN_BROKEN, never "synced".
   */
  private async afterForkedPull(client: ServerClient, result: RunResult): Promise<void> {
    const host = { db: this.opts.db, now: this.now, userName: () => this.opts.settings().userName, adopt: (deviceId: string, token: string) => this.adopt(deviceId, token) };
    if (await branchIfApproved(host, client)) {
      const ctx = this.context(client);
      addPushCounts(result, await pushUnlessForked(ctx, this.transfer.pushLimits));
      result.pulled += await this.pullAndVerify(ctx, client);
    }
    const failure = forkFailure(this.opts.db);
    if (failure) throw failure;
  }

  /** Signs as the branch device from now on (branch.ts moved the store to it). */
  private adopt(deviceId: string, accessToken: string): void {
    this.currentDeviceId = deviceId;
    this.session.adopt(accessToken);
    this.lastVerified = null;
  }

  /** Asks the bureau for a new chain branch for this forked store (branch.ts). */
  async requestBranch(): Promise<SyncStatus> {
    try {
      const client = this.client();
      await this.session.ensureAccess(this.serverUrl());
      await requestBranch(this.opts.db, client, this.deviceId, this.now, this.opts.settings().userName);
    } catch (e) {
      if (!isSyncFailure(e)) throw e;
      recordError(this.opts.db, this.now(), e);
    }
    return this.status();
  }

  /**
   * Runs one large write (a frame import's transaction) as a pull's are run: with the page cache
   * raised for it and given back after (page-cache.ts), and the store's automatic checkpoint
   * deferred until just after it (wal.ts); `settled()` waits for that checkpoint.
   */
  bulkWrite<T>(work: () => T): T {
    return withPageCacheSync(this.opts.sqlite, IMPORT_PAGE_CACHE_MIB, () => this.checkpoint.aroundSync(work));
  }

  /** Resolves when the store is checkpointed and derived columns of every entity rebuilt so far are recomputed. */
  async settled(): Promise<void> {
    await this.checkpoint.settled();
    await this.refresher.settled();
  }

  private context(client: ServerClient): PullContext {
    return {
      db: this.opts.db,
      sqlite: this.opts.sqlite,
      client,
      materialiser: this.materialiser,
      deviceId: this.deviceId,
      now: this.now,
      pageSize: this.transfer.pageSize,
      snapshotPageSize: this.transfer.snapshotPageSize,
    };
  }

  private pullAndVerify(ctx: PullContext, client: ServerClient): Promise<number> {
    return withPageCache(this.opts.sqlite, PULL_PAGE_CACHE_MIB, () => this.pullAndVerifyOnce(ctx, client));
  }

  private async pullAndVerifyOnce(ctx: PullContext, client: ServerClient): Promise<number> {
    let pulled = 0;
    // Read the base before pulling, not after: what the pull writes then reaches the checksums
    // as lines (a fresh pull of 10,000 units is not read back and parsed again).
    this.checksums.prime();
    for (let attempt = 0; attempt < 3; attempt++) {
      const outcome = await pullAll(ctx, this.now().toISOString());
      pulled += outcome.pulled;
      await refreshConflicts(this.opts.db, client, outcome.openConflicts, this.deviceId);
      if (attempt === 0) await refreshTeam(this.opts.db, client, this.now().toISOString());
      const total = this.checksums.total();
      // Nothing changed since the last match at this cursor: no need to ask the server.
      if (this.lastVerified?.cursor === outcome.cursor && this.lastVerified.total === total) return pulled;
      const verdict = await verifyWithServer(ctx, this.checksums, outcome.cursor);
      if (verdict === 'match' || verdict === 'repaired') {
        this.lastVerified = { cursor: outcome.cursor, total: this.checksums.total() };
        return pulled;
      }
      if (verdict === 'mismatch') throw new SyncFailure('SERVER_ERROR', 'checksum still differs after refetching');
      // 'stale': the server moved on while we compared; pull the rest and compare again.
    }
    return pulled;
  }

  status(): SyncStatus {
    return readStatus(this.opts.db, {
      serverUrl: this.serverUrl(),
      deviceId: this.deviceId,
      isRunning: this.isRunning,
      isOnline: this.isOnline,
      intervalMinutes: this.intervalMinutes(),
      nextAttemptAt: this.nextAttemptAt?.() ?? null,
      registry: this.opts.registry,
    });
  }

  log(): SyncLogEntry[] {
    return recentLog(this.opts.db);
  }

  cursor(): number {
    return readCursor(this.opts.db);
  }
}

/** Uploads the pending files; a store full or unreachable is returned, not thrown (see the run). */
async function uploadUnlessStoreFails(upload: (client: ServerClient) => Promise<number>, client: ServerClient): Promise<SyncFailure | null> {
  try {
    await upload(client);
    return null;
  } catch (e) {
    if (isSyncFailure(e) && (e.code === 'STORAGE_FULL' || e.code === 'STORAGE_UNAVAILABLE')) return e;
    throw e;
  }
}
