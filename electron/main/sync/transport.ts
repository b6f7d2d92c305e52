// The engine talks HTTP through this one function, so tests can cut, drop, duplicate and
// reorder traffic (test/sync/faults.ts) and the engine never knows the difference.

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'HEAD';
  url: string;
  headers: Record<string, string>;
  body?: Uint8Array;
}

export interface HttpResponse {
  status: number;
  /** Lower-case header names. */
  headers: Record<string, string>;
  body: Uint8Array;
  /** Bytes as they crossed the wire (compressed), for the log and the benchmark. */
  wireBytes: number;
}

/** Throws (any error) when no HTTP answer arrived: refused, reset, timed out, cut mid-body. */
export type Transport = (request: HttpRequest) => Promise<HttpResponse>;

export const DEFAULT_TIMEOUT_MS = 60_000;

/** The real network, through Node's fetch (undici). */
export function fetchTransport(timeoutMs = DEFAULT_TIMEOUT_MS): Transport {
  return async (request) => {
    const response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body && request.body.byteLength > 0 ? Buffer.from(request.body) : undefined,
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'error',
    });
    const body = new Uint8Array(await response.arrayBuffer());
    const headers: Record<string, string> = {};
    response.headers.forEach((value, key) => {
      headers[key] = value;
    });
    const length = Number(headers['content-length']);
    return { status: response.status, headers, body, wireBytes: Number.isFinite(length) ? length : body.byteLength };
  };
}
