import type { IncomingMessage, ServerResponse } from 'node:http';
import { APP_VERSION_HEADER, SERVER_TIME_HEADER, type SyncErrorBody } from '../shared/sync/api';
import type { Handler, RequestContext, Services } from './context';
import { HttpError } from './http/errors';
import { sendJson } from './http/respond';
import { getAttachment, headAttachment, putAttachment } from './routes/attachments';
import { health, login, me, refresh } from './routes/auth';
import { team } from './routes/review';
import { conflicts, pull, push, snapshot, verify } from './routes/sync';

// The HTTP API on node:http (issue 4). A dozen fixed routes need no framework: the parts a
// framework would add (body limits, gzip, JSON errors) are each a few lines here and are
// exactly the parts we must control (limits counted after gunzip, one error envelope).

interface Route {
  method: string;
  pattern: RegExp;
  handler: Handler;
}

const routes: Route[] = [
  { method: 'GET', pattern: /^\/health$/, handler: health },
  { method: 'POST', pattern: /^\/auth\/login$/, handler: login },
  { method: 'POST', pattern: /^\/auth\/refresh$/, handler: refresh },
  { method: 'GET', pattern: /^\/me$/, handler: me },
  { method: 'POST', pattern: /^\/sync\/push$/, handler: push },
  { method: 'POST', pattern: /^\/sync\/pull$/, handler: pull },
  { method: 'POST', pattern: /^\/sync\/snapshot$/, handler: snapshot },
  { method: 'POST', pattern: /^\/sync\/verify$/, handler: verify },
  { method: 'GET', pattern: /^\/sync\/conflicts$/, handler: conflicts },
  { method: 'GET', pattern: /^\/review\/team$/, handler: team },
  { method: 'HEAD', pattern: /^\/attachments\/([^/]+)$/, handler: headAttachment },
  { method: 'PUT', pattern: /^\/attachments\/([^/]+)$/, handler: putAttachment },
  { method: 'GET', pattern: /^\/attachments\/([^/]+)$/, handler: getAttachment },
];

function match(method: string, pathname: string): { handler: Handler; params: string[] } | HttpError {
  let isPathKnown = false;
  for (const route of routes) {
    const m = route.pattern.exec(pathname);
    if (!m) continue;
    isPathKnown = true;
    if (route.method === method) return { handler: route.handler, params: m.slice(1) };
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
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const serverTime = new Date(config.now()).toISOString();
    try {
      const url = new URL(req.url ?? '/', 'http://server.invalid');
      const found = match(req.method ?? 'GET', url.pathname);
      if (found instanceof HttpError) throw found;
      const header = req.headers[APP_VERSION_HEADER];
      const ctx: RequestContext = {
        req,
        res,
        url,
        params: found.params,
        ip: clientAddress(req, config.trustProxy),
        appVersion: typeof header === 'string' ? header.slice(0, 40) : '',
        serverTime,
        services,
      };
      const reply = await found.handler(ctx);
      if (reply) await sendJson(req, res, reply.status ?? 200, reply.body, serverTime, reply.headers);
    } catch (e) {
      try {
        await sendError(req, res, e, serverTime, config.log);
      } catch (sendFailure) {
        config.log(`could not answer ${req.method} ${req.url}: ${String(sendFailure)}`);
        res.destroy();
      }
    }
  };
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
    },
    serverTime,
  };
  if (req.method === 'HEAD') {
    res.writeHead(error.status, { [SERVER_TIME_HEADER]: serverTime, ...error.extra.headers });
    res.end();
    return;
  }
  // An unread request body (refused early) is drained so the connection can be reused.
  if (!req.complete) req.resume();
  await sendJson(req, res, error.status, body, serverTime, error.extra.headers);
}
