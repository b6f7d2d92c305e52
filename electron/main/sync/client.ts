import { gzipSync } from 'node:zlib';
import { z } from 'zod';
import {
  APP_VERSION_HEADER,
  AttachmentStatus,
  ConflictList,
  LogoutResponse,
  SERVER_TIME_HEADER,
  SnapshotResponse,
  SyncErrorBody,
  TokenResponse,
  VerifyResponse,
  type LoginRequest,
  type SessionEndReason,
  type SnapshotRequest,
  type VerifyRequest,
} from '@shared/sync/api';
import { FieldName, PROTOCOL_VERSION, PullResponse, PushResponse, syncEntities, type Change, type PullRequest } from '@shared/sync/protocol';
import { TeamResponse } from '@shared/review/review';
import { CountyCheckResponse } from '@shared/registration/county-check';
import { ForkRequestResponse, type ForkRequestCreate } from '@shared/sync/fork';
import { CurrentPackResponse, PackDocumentResponse, PublishRefusedBody, PublishResponse, type PublishRefusal } from '@shared/packs/server-api';
import { SyncFailure } from './errors';
import type { HttpRequest, HttpResponse, Transport } from './transport';

// The bureau server's HTTP API as typed calls. Every answer is parsed with its schema (the
// server is trusted no more than any other input); every failure becomes a SyncFailure code.

export interface Traffic {
  bytesUp: number;
  bytesDown: number;
  requests: number;
  /** Server clock minus local clock at the last answer, in ms. */
  skewMs: number | null;
}

export interface ClientOptions {
  baseUrl: string;
  transport: Transport;
  appVersion: string;
  /** The current access token; refreshed by `onUnauthorized`. */
  accessToken?: () => string | null;
  /**
   * Gets a new access token (POST /auth/refresh) after a 401 answered to `usedToken`; called at
   * most once per request, then the request is sent again. Any 401, not only TOKEN_EXPIRED: an
   * access token the server no longer knows is no reason to call the session dead while the
   * refresh token lives. Throws SESSION_EXPIRED when the server refused the refresh.
   */
  onUnauthorized?: (usedToken: string | null) => Promise<void>;
  now?: () => number;
}

// Changes are checked for shape, but their values are not walked again: JSON.parse can only
// produce JSON, and validating 600,000 nested values costs more than the rest of a fresh pull.
// The shape is checked by hand with Change's own rules: a zod object per change was ~6 µs,
// 60 ms of a 10,000-unit pull. test/sync/client-changes.test.ts holds the two to the same verdicts.
const isEntity = (v: unknown): boolean => (syncEntities as readonly unknown[]).includes(v);
const isText = (v: unknown): v is string => typeof v === 'string';

/** Change.safeParse(v).success, without walking `value` (any JSON but undefined). */
export function isChangeShape(v: unknown): v is Change {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const c = v as Record<string, unknown>;
  return (
    typeof c.gseq === 'number' &&
    Number.isSafeInteger(c.gseq) &&
    c.gseq > 0 &&
    isEntity(c.entity) &&
    isText(c.entityId) &&
    FieldName.safeParse(c.field).success &&
    c.value !== undefined &&
    isText(c.deviceId) &&
    isText(c.userId) &&
    isText(c.hlc) &&
    isText(c.at) &&
    isText(c.scopeKey)
  );
}

const Changes = z.array(z.unknown()).transform((list, ctx) => {
  const bad = list.findIndex((c) => !isChangeShape(c));
  if (bad >= 0) {
    ctx.addIssue({ code: 'custom', message: 'malformed change', path: [bad] });
    return z.NEVER;
  }
  return list as Change[];
});
const LightPullResponse = PullResponse.extend({ changes: Changes });
const LightSnapshotResponse = SnapshotResponse.extend({ changes: Changes });

const json = (value: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(value));

export class ServerClient {
  readonly traffic: Traffic = { bytesUp: 0, bytesDown: 0, requests: 0, skewMs: null };

  constructor(private readonly opts: ClientOptions) {}

  login(body: LoginRequest) {
    return this.call('POST', '/auth/login', TokenResponse, { body, isAuthed: false });
  }

  refresh(refreshToken: string) {
    return this.call('POST', '/auth/refresh', TokenResponse, { body: { refreshToken }, isAuthed: false });
  }

  /** Ends this device's session on the server (POST /auth/logout). */
  logout(refreshToken: string) {
    return this.call('POST', '/auth/logout', LogoutResponse, { body: { refreshToken }, isAuthed: false });
  }

  /**
   * Push bodies are gzipped: ops are repetitive JSON and shrink ~5-8×. The ops arrive as the
   * JSON text stored in the outbox (exactly what was signed), so they are not parsed and
   * serialised again.
   */
  push(deviceId: string, opTexts: readonly string[]) {
    const text = `{"protocol":${PROTOCOL_VERSION},"deviceId":${JSON.stringify(deviceId)},"ops":[${opTexts.join(',')}]}`;
    return this.call('POST', '/sync/push', PushResponse, { raw: new TextEncoder().encode(text), isJson: true, gzip: true });
  }

  pull(body: PullRequest) {
    return this.call('POST', '/sync/pull', LightPullResponse, { body });
  }

  snapshot(body: SnapshotRequest) {
    return this.call('POST', '/sync/snapshot', LightSnapshotResponse, { body });
  }

  verify(body: VerifyRequest) {
    return this.call('POST', '/sync/verify', VerifyResponse, { body });
  }

  /** GET /review/team: users whose areas overlap ours. */
  team() {
    return this.call('GET', '/review/team', TeamResponse, {});
  }

  /**
   * GET /registration/county-check: the bureau's county-wide check for our units (unchanged
   * since `asOf`, the answer we hold, when nothing changed); null from a server without it (404).
   */
  countyCheck(asOf: string | null): Promise<CountyCheckResponse | null> {
    const query = asOf === null ? '' : `?asOf=${encodeURIComponent(asOf)}`;
    return this.getOrNull(`/registration/county-check${query}`, CountyCheckResponse);
  }

  conflicts(after: number) {
    return this.call('GET', `/sync/conflicts?status=open&after=${after}&limit=500`, ConflictList, {});
  }

  /** POST /sync/fork-requests: asks the bureau for a new chain branch (shared/sync/fork.ts). */
  forkRequest(body: ForkRequestCreate) {
    return this.call('POST', '/sync/fork-requests', ForkRequestResponse, { body });
  }

  forkRequestStatus(id: string) {
    return this.call('GET', `/sync/fork-requests/${encodeURIComponent(id)}`, ForkRequestResponse, {});
  }

  /** POST /auth/branch: tokens for the approved branch's new device, asked as the old one. */
  branch(requestId: string) {
    return this.call('POST', '/auth/branch', TokenResponse, { body: { requestId } });
  }

  /** GET /forms/current: the bureau's pack in force; null when it published none, or from a server without form packs (404). */
  async currentPack(): Promise<CurrentPackResponse['current']> {
    const answer = await this.getOrNull('/forms/current', CurrentPackResponse);
    return answer?.current ?? null;
  }

  /** GET /forms/packs/<ref>: the document as the server holds it, unchecked (the receiver checks it); null when it has none. */
  async packDocument(ref: string): Promise<unknown> {
    const answer = await this.getOrNull(`/forms/packs/${encodeURIComponent(ref)}`, PackDocumentResponse);
    return answer === null ? null : answer.pack;
  }

  /** POST /forms/packs (the bureau's admins): published, or the server's refusal with its problems. */
  async publishPack(pack: unknown): Promise<{ ok: true; result: PublishResponse } | { ok: false; refusal: PublishRefusal }> {
    const res = await this.sendAuthed('POST', '/forms/packs', json({ pack }), false, false);
    if (res.status === 409 || res.status === 422) {
      const body = PublishRefusedBody.safeParse(this.parse(res, 'POST /forms/packs'));
      if (body.success) return { ok: false, refusal: body.data.refusal };
    }
    if (res.status !== 200) throw this.failure(res);
    const parsed = PublishResponse.safeParse(this.parse(res, 'POST /forms/packs'));
    if (!parsed.success) throw new SyncFailure('SERVER_ERROR', 'POST /forms/packs: answer outside the protocol');
    return { ok: true, result: parsed.data };
  }

  private async getOrNull<S extends z.ZodType>(path: string, schema: S): Promise<z.output<S> | null> {
    const res = await this.sendAuthed('GET', path, undefined, false, false);
    if (res.status === 404) return null;
    if (res.status !== 200) throw this.failure(res);
    const result = schema.safeParse(this.parse(res, `GET ${path}`));
    if (!result.success) throw new SyncFailure('SERVER_ERROR', `GET ${path}: answer outside the protocol`);
    return result.data;
  }

  private parse(res: HttpResponse, what: string): unknown {
    try {
      return JSON.parse(new TextDecoder().decode(res.body));
    } catch {
      throw new SyncFailure('SERVER_ERROR', `${what}: answer is not JSON`);
    }
  }

  /** Bytes of an attachment the server already holds (0 when none), and whether it is complete. */
  async attachmentOffset(sha256: string): Promise<{ offset: number; isComplete: boolean }> {
    const res = await this.sendAuthed('HEAD', `/attachments/${sha256}`, undefined, false, false);
    if (res.status === 404) return { offset: 0, isComplete: false };
    if (res.status !== 200) throw this.failure(res);
    const offset = Number(res.headers['upload-offset'] ?? '0');
    return { offset: Number.isFinite(offset) ? offset : 0, isComplete: res.headers['x-attachment-complete'] === '1' };
  }

  /** The bytes of a complete attachment (GET /attachments/<sha>), or null when the server has none. */
  async getAttachment(sha256: string): Promise<Uint8Array | null> {
    const res = await this.sendAuthed('GET', `/attachments/${sha256}`, undefined, false, false);
    if (res.status === 404) return null;
    if (res.status !== 200) throw this.failure(res);
    return res.body;
  }

  /** Appends a chunk at `offset`; when the server holds a different length, says how much it holds. */
  async putAttachmentChunk(sha256: string, offset: number, size: number, chunk: Uint8Array): Promise<{ received: number; isComplete: boolean }> {
    try {
      return await this.call('PUT', `/attachments/${sha256}?offset=${offset}&size=${size}`, AttachmentStatus, { raw: chunk });
    } catch (e) {
      if (e instanceof SyncFailure && e.offset !== undefined) return { received: e.offset, isComplete: false };
      throw e;
    }
  }

  private async call<S extends z.ZodType>(
    method: HttpRequest['method'],
    path: string,
    schema: S,
    o: { body?: unknown; raw?: Uint8Array; isJson?: boolean; gzip?: boolean; isAuthed?: boolean },
  ): Promise<z.output<S>> {
    const isAuthed = o.isAuthed ?? true;
    let payload = o.raw ?? (o.body === undefined ? undefined : json(o.body));
    const isGzip = o.gzip === true && payload !== undefined;
    // Level 4: most of level 6's ratio at about half the CPU on a 10,000-unit push.
    if (isGzip && payload) payload = gzipSync(payload, { level: 4 });
    const isBinary = o.raw !== undefined && o.isJson !== true;
    const res = isAuthed ? await this.sendAuthed(method, path, payload, isGzip, isBinary) : await this.send(method, path, payload, false, isGzip, isBinary);
    if (res.status < 200 || res.status >= 300) throw this.failure(res);
    let parsed: unknown;
    try {
      parsed = JSON.parse(new TextDecoder().decode(res.body));
    } catch {
      throw new SyncFailure('SERVER_ERROR', `${method} ${path}: answer is not JSON`);
    }
    const result = schema.safeParse(parsed);
    if (!result.success) throw new SyncFailure('SERVER_ERROR', `${method} ${path}: answer outside the protocol`);
    return result.data;
  }

  /** An authenticated request; after a 401, refreshes the access token once and sends it again. */
  private async sendAuthed(
    method: HttpRequest['method'],
    path: string,
    body: Uint8Array | undefined,
    isGzip: boolean,
    isBinary: boolean,
  ): Promise<HttpResponse> {
    const usedToken = this.opts.accessToken?.() ?? null;
    const res = await this.send(method, path, body, true, isGzip, isBinary);
    if (res.status !== 401 || !this.opts.onUnauthorized) return res;
    await this.opts.onUnauthorized(usedToken);
    return this.send(method, path, body, true, isGzip, isBinary);
  }

  private async send(
    method: HttpRequest['method'],
    path: string,
    body: Uint8Array | undefined,
    isAuthed: boolean,
    isGzip: boolean,
    isBinary = false,
  ): Promise<HttpResponse> {
    const headers: Record<string, string> = { [APP_VERSION_HEADER]: this.opts.appVersion, accept: 'application/json' };
    if (body) headers['content-type'] = isBinary ? 'application/octet-stream' : 'application/json';
    if (isGzip) headers['content-encoding'] = 'gzip';
    const token = isAuthed ? this.opts.accessToken?.() : null;
    if (isAuthed && !token) throw new SyncFailure('NOT_LOGGED_IN', 'no access token');
    if (token) headers.authorization = `Bearer ${token}`;
    const url = `${this.opts.baseUrl.replace(/\/+$/, '')}${path}`;
    let res: HttpResponse;
    try {
      res = await this.opts.transport({ method, url, headers, ...(body ? { body } : {}) });
    } catch (e) {
      throw new SyncFailure('SERVER_UNREACHABLE', `${method} ${path}: ${e instanceof Error ? e.message : String(e)}`);
    }
    this.traffic.requests += 1;
    this.traffic.bytesUp += (body?.byteLength ?? 0) + 300;
    this.traffic.bytesDown += res.wireBytes + 200;
    const serverTime = Date.parse(res.headers[SERVER_TIME_HEADER] ?? '');
    if (Number.isFinite(serverTime)) this.traffic.skewMs = serverTime - (this.opts.now ?? Date.now)();
    return res;
  }

  private failure(res: HttpResponse): SyncFailure {
    let detail = `HTTP ${res.status}`;
    let code: string | null = null;
    let retryAfterMs: number | undefined;
    let sessionEnd: SessionEndReason | undefined;
    try {
      const body = SyncErrorBody.safeParse(JSON.parse(new TextDecoder().decode(res.body)));
      if (body.success) {
        code = body.data.error.code;
        detail = `${code}: ${body.data.error.message}`;
        if (body.data.error.retryAfterSeconds) retryAfterMs = body.data.error.retryAfterSeconds * 1000;
        sessionEnd = body.data.error.sessionEnd;
      }
    } catch {
      // Not our server's error body (a proxy page): the status decides.
    }
    switch (code) {
      case 'WRONG_PASSWORD':
      case 'DEVICE_REVOKED':
      case 'CLIENT_TOO_OLD':
      case 'RATE_LIMITED':
      case 'DEVICE_IN_USE':
      case 'SERVER_BUSY':
      case 'STORAGE_FULL':
      case 'STORAGE_UNAVAILABLE':
        return new SyncFailure(code, detail, retryAfterMs);
      case 'OFFSET_MISMATCH': {
        // An earlier chunk did arrive (its answer was lost): continue from the server's length.
        const held = Number(res.headers['upload-offset']);
        return new SyncFailure('SERVER_ERROR', detail, undefined, Number.isFinite(held) ? held : undefined);
      }
      case 'HASH_MISMATCH':
        // The server discarded the bytes: upload again from the start.
        return new SyncFailure('SERVER_ERROR', detail, undefined, 0);
      case 'UNAUTHORIZED':
      case 'TOKEN_EXPIRED':
        return new SyncFailure('SESSION_EXPIRED', detail, undefined, undefined, sessionEnd);
      case 'OUT_OF_SCOPE':
      case 'FORBIDDEN':
      case 'DEVICE_MISMATCH':
        return new SyncFailure('FORBIDDEN', detail);
      default:
        if (res.status === 426) return new SyncFailure('CLIENT_TOO_OLD', detail);
        if (res.status === 429) return new SyncFailure('RATE_LIMITED', detail, retryAfterMs);
        if (res.status === 401) return new SyncFailure('SESSION_EXPIRED', detail);
        // 502/503/504 come from whatever stands between us and the server: as good as unreachable.
        if (res.status === 502 || res.status === 503 || res.status === 504) return new SyncFailure('SERVER_UNREACHABLE', detail);
        return new SyncFailure('SERVER_ERROR', detail);
    }
  }
}
