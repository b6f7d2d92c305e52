import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach } from 'vitest';
import { APP_VERSION_HEADER, type Role, type TokenResponse } from '@shared/sync/api';
import { canonicalJson, type JsonValue, type Op, PROTOCOL_VERSION, type SyncEntity } from '@shared/sync/protocol';
import { addUser, assign } from '@server/admin/users';
import { type RunningServer, startServer, type StartServerOptions } from '@server/index';
import type { PushContext, Scope } from '@server/store/types';
import { databaseUrlOf, dropDatabaseOf } from '../helpers/test-database';

export const PASSWORD = 'correct horse battery';

export interface TestServer {
  server: RunningServer;
  dataDir: string;
  /** Stops the server (if running) and deletes the data folder. */
  dispose(): Promise<void>;
}

/** A server on a temp data folder, and on a fresh PostgreSQL database in the 'postgres' run (test-database.ts). */
export async function startTestServer(opts: Partial<StartServerOptions> = {}): Promise<TestServer> {
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'census-server-'));
  const database = opts.database ?? (await databaseUrlOf(dataDir));
  const server = await startServer({
    port: 0,
    log: process.env.CENSUS_TEST_SERVER_LOG ? (m) => console.error(m) : () => {},
    ...opts,
    ...(database !== undefined ? { database } : {}),
    dataDir,
  });
  return {
    server,
    dataDir,
    async dispose() {
      await server.close();
      await dropDatabaseOf(dataDir);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function createUser(
  server: RunningServer,
  username: string,
  role: Role,
  prefixes: string[] = [],
): Promise<void> {
  await addUser(server.store, { username, name: `${username} 姓名`, role, password: PASSWORD });
  if (prefixes.length > 0) await assign(server.store, username, prefixes);
}

/** A server with enumerator 'wang' (scope AREA_A) logged in from laptop-0001. */
export interface EnumeratorSetup {
  readonly t: TestServer;
  readonly d: Device;
}

/**
 * Registers beforeEach/afterEach in the calling describe: every test gets a fresh server with
 * 'wang' logged in, disposed after it. Read t and d inside a test (they change per test).
 */
export function withEnumerator(): EnumeratorSetup {
  let t: TestServer | null = null;
  let d: Device | null = null;
  beforeEach(async () => {
    t = await startTestServer();
    await createUser(t.server, 'wang', 'enumerator', [AREA_A]);
    d = new Device(t.server.url, 'laptop-0001');
    await d.login('wang');
  });
  afterEach(async () => {
    await t?.dispose();
    t = null;
    d = null;
  });
  return {
    get t() {
      if (!t) throw new Error('the test server exists only inside a test');
      return t;
    },
    get d() {
      if (!d) throw new Error('the device exists only inside a test');
      return d;
    },
  };
}

export interface Answer<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

export interface RequestOptions {
  token?: string;
  appVersion?: string;
  isGzipped?: boolean;
  headers?: Record<string, string>;
}

/** One HTTP call with a JSON body; answers the parsed JSON body whatever the status. */
export async function call<T = Record<string, unknown>>(
  url: string,
  method: string,
  pathName: string,
  body?: unknown,
  o: RequestOptions = {},
): Promise<Answer<T>> {
  const headers: Record<string, string> = { [APP_VERSION_HEADER]: o.appVersion ?? '1.0.0', ...o.headers };
  if (o.token) headers.authorization = `Bearer ${o.token}`;
  let payload: Buffer | undefined;
  if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = Buffer.from(JSON.stringify(body));
    if (o.isGzipped) {
      payload = gzipSync(payload);
      headers['content-encoding'] = 'gzip';
    }
  }
  const res = await fetch(`${url}${pathName}`, { method, headers, body: payload });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as T, headers: res.headers };
}

export const sha256 = (t: string | Buffer): string => createHash('sha256').update(t).digest('hex');

/** A laptop: its device id, its tokens and its op chain, built the way the client engine must. */
export class Device {
  seq = 0;
  lastHash = '';
  tokens: TokenResponse | null = null;
  private counter = 0;

  constructor(
    readonly url: string,
    readonly deviceId: string,
    public wallMs = 1_700_000_000_000,
  ) {}

  get token(): string {
    if (!this.tokens) throw new Error('log in first');
    return this.tokens.accessToken;
  }

  /** Set to build ops without logging in (store-level tests). */
  offlineUserId: string | null = null;

  get userId(): string {
    if (this.offlineUserId !== null) return this.offlineUserId;
    if (!this.tokens) throw new Error('log in first');
    return this.tokens.user.id;
  }

  async login(username: string, password = PASSWORD): Promise<Answer> {
    const answer = await call(this.url, 'POST', '/auth/login', { username, password, deviceId: this.deviceId, deviceName: 'test laptop' });
    if (answer.status === 200) this.tokens = answer.body as unknown as TokenResponse;
    return answer;
  }

  /** The next op of this device's chain (not sent). */
  op(entityId: string, field: string, value: JsonValue, baseVersion = 0, entity: SyncEntity = 'unit'): Op {
    this.seq += 1;
    this.counter += 1;
    const hlc = `${String(this.wallMs).padStart(13, '0')}-${String(this.counter).padStart(6, '0')}-${this.deviceId}`;
    const unsigned = {
      deviceId: this.deviceId,
      seq: this.seq,
      entity,
      entityId,
      field,
      value,
      baseVersion,
      hlc,
      userId: this.userId,
      at: new Date(this.wallMs).toISOString(),
      appVersion: '1.0.0',
      schemaVersion: '0003_sync',
      prevHash: this.lastHash,
    };
    const hash = sha256(canonicalJson(unsigned));
    this.lastHash = hash;
    return { ...unsigned, hash };
  }

  push(ops: Op[], o: RequestOptions = {}) {
    return call<PushAnswer>(this.url, 'POST', '/sync/push', { protocol: PROTOCOL_VERSION, deviceId: this.deviceId, ops }, { token: this.token, ...o });
  }

  pull(cursor = 0, limit = 2_000, extra: Record<string, unknown> = {}, o: RequestOptions = {}) {
    return call<PullAnswer>(this.url, 'POST', '/sync/pull', { protocol: PROTOCOL_VERSION, cursor, limit, ...extra }, { token: this.token, ...o });
  }

  /** Pulls every page from `cursor`; the last answer's cursor and all changes. */
  async pullAll(cursor = 0, limit = 2_000): Promise<{ cursor: number; changes: PullAnswer['changes']; pages: number }> {
    const changes: PullAnswer['changes'] = [];
    let pages = 0;
    for (;;) {
      const page = await this.pull(cursor, limit);
      if (page.status !== 200) throw new Error(`pull ${page.status}: ${JSON.stringify(page.body)}`);
      pages += 1;
      changes.push(...page.body.changes);
      cursor = page.body.cursor;
      if (!page.body.hasMore) return { cursor, changes, pages };
    }
  }

  /** A unit: $create plus a name, both pushed; returns the answer. */
  createUnit(entityId: string, areaCode: string, name = '某某有限公司'): Op[] {
    return [this.op(entityId, '$create', { areaCode, kind: 'legal', source: 'field' }), this.op(entityId, 'name', name)];
  }
}

export interface PushAnswer {
  ackedSeq: number;
  resendFrom: number | null;
  rejected: { seq: number; code: string; message: string }[];
  conflicts: { seq: number; conflictId: string; isIncomingWinner: boolean }[];
  halted: { seq: number; code: string; message: string } | null;
  serverTime: string;
  error?: { code: string };
}

export interface PullAnswer {
  changes: { gseq: number; entity: string; entityId: string; field: string; value: JsonValue; deviceId: string; userId: string; scopeKey: string }[];
  cursor: number;
  hasMore: boolean;
  scope: string[];
  scopeChanged: boolean;
  scopeAdded: string[];
  scopeRemoved: string[];
  openConflicts: number;
  serverTime: string;
  error?: { code: string };
}

/** 普查小区 codes in 沙坡头区 (640502): township 001, 普查区 001001, sub-districts 001/002. */
export const AREA_A = '640502001001001';
export const AREA_B = '640502001001002';
export const AREA_OTHER_TOWNSHIP = '640502100001001';

/** A store-level push by `d` as a supervisor of `scope` (the county unless given), at a fixed time. */
export const pushContextOf = (d: Device, scope: Scope = { isAll: false, prefixes: ['640502'] }): PushContext => ({
  userId: d.userId,
  role: 'supervisor',
  deviceId: d.deviceId,
  scope,
  receivedAt: '2025-01-01T00:00:00.000Z',
});
