import http from 'node:http';
import { gunzipSync } from 'node:zlib';
import { APP_VERSION_HEADER, TokenResponse } from '@shared/sync/api';

// A simulated laptop's HTTP side, as light as it can be so that fifty of them in one bench
// process never become the bottleneck: node:http with a keep-alive connection each, bodies
// prepared before timing (laptop-ops.ts), answers read as JSON without the client's zod pass.

export interface LaptopSession {
  deviceId: string;
  userId: string;
  token: string;
  scope: string[];
}

export interface HttpAnswer {
  status: number;
  body: unknown;
}

export class HttpLaptop {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  private readonly base: URL;

  constructor(url: string) {
    this.base = new URL(url);
  }

  /** POSTs `body` (JSON text, or a gzipped JSON buffer when `isGzip`) and reads the JSON answer. */
  post(path: string, body: string | Buffer, token: string | null, isGzip = false): Promise<HttpAnswer> {
    const payload = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    return new Promise<HttpAnswer>((resolve, reject) => {
      const req = http.request(
        {
          host: this.base.hostname,
          port: this.base.port,
          path,
          method: 'POST',
          agent: this.agent,
          headers: {
            'content-type': 'application/json',
            'content-length': String(payload.length),
            'accept-encoding': 'gzip',
            [APP_VERSION_HEADER]: 'bench',
            ...(isGzip ? { 'content-encoding': 'gzip' } : {}),
            ...(token === null ? {} : { authorization: `Bearer ${token}` }),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () => {
            try {
              const raw = Buffer.concat(chunks);
              const text = (res.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8');
              resolve({ status: res.statusCode ?? 0, body: text === '' ? null : (JSON.parse(text) as unknown) });
            } catch (e) {
              reject(e instanceof Error ? e : new Error(String(e)));
            }
          });
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  async login(username: string, password: string, deviceId: string): Promise<LaptopSession> {
    const answer = await this.post('/auth/login', JSON.stringify({ username, password, deviceId, deviceName: deviceId }), null);
    const parsed = TokenResponse.safeParse(answer.body);
    if (answer.status !== 200 || !parsed.success) throw new Error(`bench login of ${username}: HTTP ${answer.status} ${JSON.stringify(answer.body)}`);
    return { deviceId, userId: parsed.data.user.id, token: parsed.data.accessToken, scope: parsed.data.scope };
  }

  close(): void {
    this.agent.destroy();
  }
}

/** The answer's body as a record, or a clear failure naming the request. */
export function okBody(what: string, answer: HttpAnswer): Record<string, unknown> {
  if (answer.status !== 200 || typeof answer.body !== 'object' || answer.body === null) {
    throw new Error(`${what}: HTTP ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
  }
  return answer.body as Record<string, unknown>;
}
