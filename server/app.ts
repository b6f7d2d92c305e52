import type { IncomingMessage, ServerResponse } from 'node:http';
import { APP_VERSION_HEADER, SERVER_TIME_HEADER, type SyncErrorBody } from '@shared/sync/api';
import type { Handler, RequestContext, Services } from './context';
import { HttpError } from './http/errors';
import { sendJson } from './http/respond';
import { getAttachment, headAttachment, putAttachment } from './routes/attachments';
import { health, login, logout, me, refresh } from './routes/auth';
import { branch, createForkRequest, getForkRequest } from './routes/forks';
import { currentPack, listPacks, packDocument, publish } from './routes/forms';
import { countyCheck } from './routes/county';
import { team } from './routes/review';
import { conflicts, pull, push, snapshot, verify } from './routes/sync';

// The HTTP API on node:http. A dozen fixed routes need no framework: the parts a
// framework would add (body limits, gzip, JSON errors) are each a few lines here and are
// exactly the parts we must control (limits counted after gunzip, one error envelope).

interface Route {
  method: string;
  pattern: RegExp;
  handler: Handler;
  /**
   * Reached before anyone is authenticated: a body of a few KB at most, and only so many at
   * once per pool, so a flood of them costs little memory and cannot crowd out sync work
   * (README "Limits"). Logins (a password check each) and refresh/logout (a token lookup) have
   * a pool each: a login flood must not keep laptops from refreshing their sessions.
   */
  publicPool?: 'login' | 'session';
}

const routes: Route[] = [
  { method: 'GET', pattern: /^\/health$/, handler: health },
  { method: 'POST', pattern: /^\/auth\/login$/, handler: login, publicPool: 'login' },
  { method: 'POST', pattern: /^\/auth\/refresh$/, handler: refresh, publicPool: 'session' },
  { method: 'POST', pattern: /^\/auth\/logout$/, handler: logout, publicPool: 'session' },
  { method: 'GET', pattern: /^\/me$/, handler: me },
  { method: 'POST', pattern: /^\/auth\/branch$/, handler: branch },
  { method: 'POST', pattern: /^\/sync\/fork-requests$/, handler: createForkRequest },
  { method: 'GET', pattern: /^\/sync\/fork-requests\/([^/]+)$/, handler: getForkRequest },
  { method: 'POST', pattern: /^\/sync\/push$/, handler: push },
  { method: 'POST', pattern: /^\/sync\/pull$/, handler: pull },
  { method: 'POST', pattern: /^\/sync\/snapshot$/, handler: snapshot },
  { method: 'POST', pattern: /^\/sync\/verify$/, handler: verify },
  { method: 'GET', pattern: /^\/sync\/conflicts$/, handler: conflicts },
  { method: 'GET', pattern: /^\/review\/team$/, handler: team },
  { method: 'GET', pattern: /^\/registration\/county-check$/, handler: countyCheck },
  { method: 'GET', pattern: /^\/forms\/current$/, handler: currentPack },
  { method: 'GET', pattern: /^\/forms\/packs$/, handler: listPacks },
  { method: 'POST', pattern: /^\/forms\/packs$/, handler: publish },
  { method: 'GET', pattern: /^\/forms\/packs\/([^/]+)$/, handler: packDocument },
  { method: 'HEAD', pattern: /^\/attachments\/([^/]+)$/, handler: headAttachment },
  { method: 'PUT', pattern: /^\/attachments\/([^/]+)$/, handler: putAttachment },
  { method: 'GET', pattern: /^\/attachments\/([^/]+)$/, handler: getAttachment },
];

function match(method: string, pathname: string): { route: Route; params: string[] } | HttpError {
  let isPathKnown = false;
  for (const route of routes) {
    const m = route.pattern.exec(pathname);
    if (!m) continue;
    isPathKnown = true;
    if (route.method === method) return { route, params: m.slice(1) };
  }
  return new HttpError(isPathKnown ? 'INVALID_INPUT' : 'NOT_FOUND', `${method} ${pathname} is not an endpoint`);
}

/**
 * The address the login rate limit counts by. Behind a reverse proxy every request comes from
 * the proxy, so the limit would be per username only; with trustProxy the proxy's
 * X-Forwarded-For is used (its last entry: the address the proxy itself saw).
 */
function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  const socket = req.socket.remoteAddress ?? '';
  if (!trustProxy) return socket;
  const forwarded = String(req.headers['x-forwarded-for'] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  return forwarded.at(-1) ?? socket;
}

export function createRequestHandler(services: Services) {
  const { config } = services;
  const publicInFlight = { login: 0, session: 0 };
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const serverTime = new Date(config.now()).toISOString();
    let counted: 'login' | 'session' | null = null;
    try {
      const url = new URL(req.url ?? '/', 'http://server.invalid');
      const found = match(req.method ?? 'GET', url.pathname);
      if (found instanceof HttpError) throw found;
      const { route } = found;
      if (route.publicPool) {
        if (publicInFlight[route.publicPool] >= config.maxPublicConcurrent) {
          throw new HttpError('SERVER_BUSY', '服务器繁忙，请稍后再试 / too many sign-in requests at once, try again shortly', {
            retryAfterSeconds: 2,
            headers: { 'retry-after': '2' },
          });
        }
        counted = route.publicPool;
        publicInFlight[counted] += 1;
      }
      const header = req.headers[APP_VERSION_HEADER];
      const ctx: RequestContext = {
        req,
        res,
        url,
        params: found.params,
        ip: clientAddress(req, config.trustProxy),
        appVersion: typeof header === 'string' ? header.slice(0, 40) : '',
        serverTime,
        bodyLimit: route.publicPool ? config.maxPublicBodyBytes : config.maxBodyBytes,
        services,
      };
      const reply = await route.handler(ctx);
      if (reply) await sendJson(req, res, reply.status ?? 200, reply.body, serverTime, reply.headers);
    } catch (e) {
      try {
        await sendError(req, res, e, serverTime, config.log);
      } catch (sendFailure) {
        config.log(`could not answer ${req.method} ${req.url}: ${String(sendFailure)}`);
        res.destroy();
      }
    } finally {
      if (counted) publicInFlight[counted] -= 1;
    }
  };
}

// An unread rest of a body up to this size is drained to keep the connection; anything larger
// (or of unknown size: chunked) closes it.
const DRAIN_MAX_BYTES = 64 * 1024;

/** Whether the rest of the request body can be read and dropped cheaply. */
function isCheapToDrain(req: IncomingMessage): boolean {
  const declared = Number(req.headers['content-length'] ?? NaN);
  return Number.isFinite(declared) && declared <= DRAIN_MAX_BYTES;
}

async function sendError(
  req: IncomingMessage,
  res: ServerResponse,
  e: unknown,
  serverTime: string,
  log: (message: string) => void,
): Promise<void> {
  const error =
    e instanceof HttpError ? e : new HttpError('INTERNAL', 'internal server error; see the server log');
  if (!(e instanceof HttpError)) log(`${req.method} ${req.url}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body: SyncErrorBody = {
    error: {
      code: error.code,
      message: error.message,
      ...(error.extra.retryAfterSeconds !== undefined ? { retryAfterSeconds: error.extra.retryAfterSeconds } : {}),
      ...(error.extra.minAppVersion !== undefined ? { minAppVersion: error.extra.minAppVersion } : {}),
      ...(error.extra.sessionEnd !== undefined ? { sessionEnd: error.extra.sessionEnd } : {}),
    },
    serverTime,
  };
  const headers = { ...error.extra.headers };
  // A body over a cap, or a large unread one (refused early), is not drained: it could be
  // gigabytes. The answer closes the connection (node ends the socket once it is written and
  // reads nothing more). A small unread body is drained so the connection can be reused.
  if (error.code === 'PAYLOAD_TOO_LARGE' || (!req.complete && !isCheapToDrain(req))) headers.connection = 'close';
  else if (!req.complete) req.resume();
  if (req.method === 'HEAD') {
    res.writeHead(error.status, { [SERVER_TIME_HEADER]: serverTime, ...headers });
    res.end();
    return;
  }
  await sendJson(req, res, error.status, body, serverTime, headers);
}
