import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { isAppVersionBelow } from '@shared/sync/api';
import type { KeyedLock } from './attachments/lock';
import type { AttachmentStore } from './attachments/store';
import type { Auth, Caller } from './auth/service';
import { readJson } from './http/body';
import { HttpError } from './http/errors';
import { invalidInputMessage } from './http/invalid-input';
import type { JsonPieces } from './http/respond';
import type { ServerStore } from './store/types';
import type { PushersSeen } from './sync/batch-hint';
import type { PushBodyReader } from './sync/push-body-pool';

// What every route handler gets, and the checks they share.

export interface ServerConfig {
  version: string;
  /** Reads (pull, snapshot, verify, conflicts) refuse older apps with 426; push never does. */
  minAppVersion: string | null;
  maxBodyBytes: number;
  /** Body cap of the unauthenticated routes (login, refresh, logout). */
  maxPublicBodyBytes: number;
  /** Unauthenticated requests handled at once, per pool (logins; refresh and logout); beyond, 503 SERVER_BUSY. */
  maxPublicConcurrent: number;
  maxAttachmentBytes: number;
  /** Pull and snapshot pages stop at this many bytes of changes (beyond their first). */
  maxPageBytes: number;
  /** Per user: bytes held in unfinished uploads (413 UPLOAD_QUOTA) and how many (429 TOO_MANY_UPLOADS). */
  maxPartialBytesPerUser: number;
  maxPartialsPerUser: number;
  /** Take the client address from X-Forwarded-For (only behind the bureau's own reverse proxy). */
  trustProxy: boolean;
  /** Ops in flight the server aims at: each pushing device is asked for its share (sync/batch-hint.ts). */
  pushBudgetOps: number;
  now: () => number;
  log: (message: string) => void;
}

export interface Services {
  store: ServerStore;
  /** Push bodies parsed and checked, large ones off the request thread. */
  pushBodies: PushBodyReader;
  /** Devices pushing now, whose number divides the push budget. */
  pushers: PushersSeen;
  auth: Auth;
  files: AttachmentStore;
  /** Held around each attachment chunk's check-then-write, across processes when they share attachments. */
  attachmentLock: KeyedLock;
  config: ServerConfig;
}

export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  /** Path parameters captured by the route pattern. */
  params: string[];
  ip: string;
  appVersion: string;
  serverTime: string;
  /** Body cap for this route: a few KB before authentication, maxBodyBytes after. */
  bodyLimit: number;
  services: Services;
}

/**
 * A JSON answer (an object, or its text already written); `serverTime` is added to every body.
 * null: the handler answered itself.
 */
export type Reply = { status?: number; body: Record<string, unknown> | JsonPieces; headers?: Record<string, string> } | null;

export type Handler = (ctx: RequestContext) => Promise<Reply>;

export const authenticate = (ctx: RequestContext): Promise<Caller> =>
  ctx.services.auth.authenticate(ctx.req.headers.authorization, ctx.appVersion);

/** Parses the JSON body with `schema`; INVALID_INPUT names the first few problems. */
export async function parseBody<S extends z.ZodType>(ctx: RequestContext, schema: S): Promise<z.output<S>> {
  const raw = await readJson(ctx.req, ctx.bodyLimit);
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new HttpError('INVALID_INPUT', invalidInputMessage(parsed.error));
  }
  return parsed.data;
}

/** Refuses a read from an app below the configured minimum (push stays open so nothing is stranded). */
export function requireFreshClient(ctx: RequestContext): void {
  const min = ctx.services.config.minAppVersion;
  if (min !== null && isAppVersionBelow(ctx.appVersion, min)) {
    throw new HttpError('CLIENT_TOO_OLD', `请升级到 ${min} 或更高版本 / update the app to ${min} or later`, {
      minAppVersion: min,
    });
  }
}
