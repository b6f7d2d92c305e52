import { request } from 'node:http';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

export interface RawRequest {
  port: number;
  method?: string;
  /** Sent verbatim as the request target, so tests can try `/../` and friends. */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Send the body chunked (no Content-Length), as a streaming client would. */
  isChunked?: boolean;
}

/**
 * A plain node:http request: unlike fetch it lets a test forge Host and Origin and send an
 * unnormalised path, which is exactly what an attacker's client would do.
 */
export function rawRequest(req: RawRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { Host: `127.0.0.1:${req.port}`, ...req.headers };
    if (req.body !== undefined && !req.isChunked) {
      headers['Content-Length'] = String(Buffer.byteLength(req.body));
    }
    const r = request(
      { host: '127.0.0.1', port: req.port, method: req.method ?? 'GET', path: req.path, headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    r.on('error', reject);
    if (req.body === undefined) {
      r.end();
    } else if (req.isChunked) {
      // Several writes so the server sees a stream, not one buffer.
      const body = Buffer.from(req.body);
      const step = 1024 * 1024;
      for (let i = 0; i < body.length; i += step) r.write(body.subarray(i, i + step));
      r.end();
    } else {
      r.end(req.body);
    }
  });
}
