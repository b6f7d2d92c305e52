import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/**
 * Who may talk to the harness. It is bound to 127.0.0.1, but any web page the developer opens
 * can still aim requests at loopback, so every request is also checked for:
 *  - a Host naming this port on a loopback name (defeats DNS rebinding, where evil.example
 *    resolves to 127.0.0.1 and the browser sends `Host: evil.example`);
 *  - an Origin, when present, equal to our own (a foreign page's fetch carries its origin);
 *  - on the API, the per-run bearer token, which a foreign page cannot know.
 */
export interface Guard {
  /** Host header values that name this server. */
  readonly hosts: ReadonlySet<string>;
  /** Origins our own page sends. */
  readonly origins: ReadonlySet<string>;
  readonly token: string;
}

export function makeGuard(port: number, token: string): Guard {
  const hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  return { hosts, origins: new Set([...hosts].map((h) => `http://${h}`)), token };
}

export function isAllowedHost(guard: Guard, headers: IncomingHttpHeaders): boolean {
  const host = headers.host;
  return typeof host === 'string' && guard.hosts.has(host.toLowerCase());
}

export function isAllowedOrigin(guard: Guard, headers: IncomingHttpHeaders): boolean {
  const origin = headers.origin;
  // Absent Origin: same-origin navigations and non-browser clients (tests, benchmarks), which
  // are still held to the Host check and, on the API, the token.
  if (origin === undefined) return true;
  return guard.origins.has(origin.toLowerCase());
}

export function hasValidToken(guard: Guard, headers: IncomingHttpHeaders): boolean {
  const auth = headers.authorization;
  if (typeof auth !== 'string') return false;
  const match = /^Bearer ([0-9a-f]+)$/i.exec(auth.trim());
  if (!match?.[1]) return false;
  const given = Buffer.from(match[1].toLowerCase());
  const expected = Buffer.from(guard.token);
  // Constant-time compare so the token cannot be guessed a character at a time.
  return given.length === expected.length && timingSafeEqual(given, expected);
}
