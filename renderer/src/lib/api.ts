// The only caller of the backend. In the desktop app the preload exposes `window.census`
// (one function per channel); in a plain browser the loopback web harness serves the same
// handler table over HTTP. Either way callers get a Result and switch on its error code.
import type { CensusApi } from '@shared/ipc/api-types';
import { methodName, type Channel, type Input, type Output } from '@shared/ipc/contract';
import { errorCodes, type AppErrorShape, type ErrorCode, type Result } from '@shared/result';

declare global {
  interface Window {
    census?: CensusApi;
  }
}

const tokenStorageKey = 'census.harnessToken';

/**
 * The harness prints `/?token=…`. We keep the token in sessionStorage (so a reload still
 * works) and drop it from the address bar so it does not linger in history.
 */
function harnessToken(): string | null {
  const params = new URLSearchParams(window.location.search);
  const fromUrl = params.get('token');
  if (fromUrl) {
    window.sessionStorage.setItem(tokenStorageKey, fromUrl);
    params.delete('token');
    const query = params.toString();
    const url = `${window.location.pathname}${query ? `?${query}` : ''}${window.location.hash}`;
    window.history.replaceState(window.history.state, '', url);
    return fromUrl;
  }
  return window.sessionStorage.getItem(tokenStorageKey);
}

// Taken as soon as the page's scripts run, not at the first call: a page left before its
// first call (a test or a user following a link at once) must not lose the token with it.
if (typeof window !== 'undefined' && !window.census) harnessToken();

const failure = (code: ErrorCode, message: string): { ok: false; error: AppErrorShape } => ({
  ok: false,
  error: { code, message },
});

const isErrorCode = (value: unknown): value is ErrorCode =>
  typeof value === 'string' && (errorCodes as readonly string[]).includes(value);

/**
 * A JSON body is trusted only as far as the envelope: main has already checked the output
 * against the contract, so here we only make sure it *is* a Result.
 */
function asResult<T>(body: unknown): Result<T> | null {
  if (typeof body !== 'object' || body === null || !('ok' in body)) return null;
  if (body.ok === true && 'value' in body) return body as Result<T>;
  if (body.ok === false && 'error' in body) {
    const error = body.error;
    if (typeof error === 'object' && error !== null && 'code' in error && isErrorCode(error.code)) {
      return body as Result<T>;
    }
  }
  return null;
}

/** HTTP status → code when the body is not a Result (a proxy page, an empty 502…). */
function codeForStatus(status: number): ErrorCode {
  if (status === 401) return 'UNAUTHORIZED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'UNKNOWN_CHANNEL';
  if (status >= 400 && status < 500) return 'INVALID_INPUT';
  return 'INTERNAL';
}

async function callHarness<C extends Channel>(channel: C, input: Input<C>): Promise<Result<Output<C>>> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  const token = harnessToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  let response: Response;
  try {
    // Channel names come from the contract (letters, colons, dashes): safe in a path as is.
    response = await fetch(`/api/ipc/${channel}`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ input }),
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch (e) {
    return failure('UNAVAILABLE', `${channel}: ${e instanceof Error ? e.message : String(e)}`);
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  return (
    asResult<Output<C>>(body) ??
    failure(codeForStatus(response.status), `${channel}: HTTP ${response.status} without a Result body`)
  );
}

async function callPreload<C extends Channel>(
  api: CensusApi,
  channel: C,
  input: Input<C>,
): Promise<Result<Output<C>>> {
  // The mapped type cannot be indexed by a generic channel without widening; the lookup is
  // checked at run time instead (a preload older than this renderer lacks new channels).
  const fn: unknown = Reflect.get(api, methodName(channel));
  if (typeof fn !== 'function') return failure('UNKNOWN_CHANNEL', `Preload has no ${methodName(channel)}`);
  try {
    const body: unknown = await Reflect.apply(fn, api, [input]);
    return asResult<Output<C>>(body) ?? failure('INTERNAL', `${channel}: preload returned no Result`);
  } catch (e) {
    // ipcRenderer.invoke rejects only when main could not answer at all.
    return failure('UNAVAILABLE', `${channel}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/**
 * Calls a contract channel. Never throws: transport failures come back as `UNAVAILABLE`,
 * domain failures as the code main chose.
 */
export function call<C extends Channel>(channel: C, input: Input<C>): Promise<Result<Output<C>>> {
  const api = window.census;
  return api ? callPreload(api, channel, input) : callHarness(channel, input);
}
