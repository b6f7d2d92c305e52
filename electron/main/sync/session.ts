import type { AppDatabase } from '@db/open';
import { deleteState, readStates, writeState } from './queries/state';
import type { TokenResponse } from '@shared/sync/api';
import type { SessionLost } from '@shared/sync/client-status';
import { ServerClient } from './client';
import { isSyncFailure, SyncFailure } from './errors';
import { stateKeys } from './state-keys';
import { sealOps } from './outbox';
import { noteUser } from './team';
import type { Transport } from './transport';

// This laptop's session with the bureau server (server/README.md "Sessions"). The access token
// lives in memory for 15 minutes; the refresh token lives in the encrypted store and changes at
// every refresh (the server rotates it). A sync after any pause refreshes silently. Only a
// refresh the server refuses (the session was ended: logout, password change, reuse, 30 days
// unused) ends the session here: the refresh token is forgotten, `sessionLost` says why, and
// the sync page asks for the password while every pending change stays in the outbox.

const asString = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** A logout tells the server, but never waits longer than this for it (offline: it gives up). */
export const LOGOUT_NOTICE_TIMEOUT_MS = 5_000;

export interface SessionDeps {
  db: AppDatabase;
  transport: Transport;
  appVersion: string;
  /** The device this store signs as now (a chain branch moves it: branch.ts). */
  deviceId: () => string;
  now: () => Date;
  deviceName: () => string;
}

export class SyncSession {
  private accessToken: string | null = null;
  private refreshing: Promise<void> | null = null;

  constructor(private readonly deps: SessionDeps) {}

  /** The access token requests carry (null until a login or refresh in this run of the app). */
  get token(): string | null {
    return this.accessToken;
  }

  /** Takes the access token a chain branch was issued with (branch.ts stored its refresh token). */
  adopt(accessToken: string): void {
    this.accessToken = accessToken;
  }

  private storedRefreshToken(): string | null {
    return asString(readStates(this.deps.db, [stateKeys.refreshToken]).get(stateKeys.refreshToken));
  }

  get hasSession(): boolean {
    return this.storedRefreshToken() !== null;
  }

  private client(baseUrl: string): ServerClient {
    return new ServerClient({ baseUrl, transport: this.deps.transport, appVersion: this.deps.appVersion, now: () => this.deps.now().getTime() });
  }

  /** Signs in; keeps the refresh token (in the encrypted store), never the password. Throws a SyncFailure. */
  async login(baseUrl: string, username: string, password: string): Promise<ServerClient> {
    const client = this.client(baseUrl);
    const res = await client.login({ username, password, deviceId: this.deps.deviceId(), deviceName: this.deps.deviceName() });
    this.deps.db.transaction((tx) => {
      const previous = readStates(tx, [stateKeys.serverUrl]).get(stateKeys.serverUrl);
      // Another server's cursor, or place in a cut-off snapshot, means nothing here: start over.
      if (previous !== undefined && previous !== baseUrl) deleteState(tx, [stateKeys.cursor, stateKeys.scope, stateKeys.snapshotResume]);
      writeState(tx, stateKeys.serverUrl, baseUrl);
      this.keep(tx, res);
      writeState(tx, stateKeys.userId, res.user.id);
      writeState(tx, stateKeys.lastError, null);
      sealOps(tx, res.user.id);
    });
    this.accessToken = res.accessToken;
    return client;
  }

  private keep(tx: Parameters<Parameters<AppDatabase['transaction']>[0]>[0], res: TokenResponse): void {
    writeState(tx, stateKeys.refreshToken, res.refreshToken);
    deleteState(tx, [stateKeys.sessionLost]);
    noteUser(tx, res.user, this.deps.now().toISOString());
  }

  /** An access token for this run, refreshing when there is none yet. */
  async ensureAccess(baseUrl: string): Promise<void> {
    if (!this.accessToken) await this.refresh(baseUrl, null);
  }

  /**
   * A request was answered 401 with `usedToken`: get a new access token, unless one arrived
   * since that request left (another request's refresh). Refreshes never overlap: with rotation
   * a second refresh with the same refresh token would discard the first one's answer.
   */
  async refresh(baseUrl: string, usedToken: string | null): Promise<void> {
    if (usedToken !== null && this.accessToken !== null && this.accessToken !== usedToken) return;
    this.refreshing ??= this.refreshOnce(baseUrl).finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async refreshOnce(baseUrl: string): Promise<void> {
    const presented = this.storedRefreshToken();
    if (!presented) throw new SyncFailure('NOT_LOGGED_IN', 'no refresh token');
    let res: TokenResponse;
    try {
      res = await this.client(baseUrl).refresh(presented);
    } catch (e) {
      // Refused by the server: the session is over. Unreachable, 5xx and the like: it is not,
      // and the same token is presented next time (the server takes it again if its answer
      // was lost on the way).
      if (isSyncFailure(e) && (e.code === 'SESSION_EXPIRED' || e.code === 'DEVICE_REVOKED')) this.end(presented, e);
      throw e;
    }
    const isCurrent = this.deps.db.transaction((tx) => {
      // A logout or a new login while the answer was on its way: that decision stands.
      if (asString(readStates(tx, [stateKeys.refreshToken]).get(stateKeys.refreshToken)) !== presented) return false;
      // Rotation: the token presented is retired on the server; the successor replaces it.
      this.keep(tx, res);
      return true;
    });
    if (!isCurrent) throw new SyncFailure('NOT_LOGGED_IN', 'signed out while refreshing');
    this.accessToken = res.accessToken;
  }

  private end(presented: string, e: SyncFailure): void {
    this.accessToken = null;
    this.deps.db.transaction((tx) => {
      if (asString(readStates(tx, [stateKeys.refreshToken]).get(stateKeys.refreshToken)) !== presented) return;
      deleteState(tx, [stateKeys.refreshToken]);
      const lost: SessionLost = { code: e.code, detail: e.message, at: this.deps.now().toISOString(), reason: e.sessionEnd ?? null };
      writeState(tx, stateKeys.sessionLost, lost);
    });
  }

  /**
   * Forgets the session here and ends it on the server (best effort: offline, the server's
   * tokens die unused after 30 days). Pending changes stay and go up after the next login.
   */
  async logout(baseUrl: string): Promise<void> {
    const presented = this.storedRefreshToken();
    this.accessToken = null;
    this.deps.db.transaction((tx) => deleteState(tx, [stateKeys.refreshToken, stateKeys.sessionLost, stateKeys.userName]));
    if (!presented || baseUrl === '') return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, LOGOUT_NOTICE_TIMEOUT_MS);
      timer.unref();
    });
    const notice = this.client(baseUrl)
      .logout(presented)
      .then(
        () => undefined,
        (e: unknown) => console.warn(`[sync] the server was not told of the logout: ${e instanceof Error ? e.message : String(e)}`),
      );
    await Promise.race([notice, timeout]);
    clearTimeout(timer);
  }
}
