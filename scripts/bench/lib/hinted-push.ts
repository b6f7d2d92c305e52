import { gzipSync } from 'node:zlib';
import { defaultPushLimits, FIRST_PUSH_OPS, nextBatchOps } from '@main/sync/push';
import { PROTOCOL_VERSION } from '@shared/sync/protocol';
import { type HttpLaptop, type LaptopSession, okBody } from './http-laptop';

// A simulated laptop's push sized as the laptop sizes it (sync/push.ts): FIRST_PUSH_OPS ops
// first, then as many as each answer's nextMaxOps asks, within the laptop's limits. The sizes are
// known only while sending, yet gzip must not run in the timed part (the bench's devices share the
// cores with the server), so the body is made of gzip members compressed beforehand — the head,
// runs of CHUNK ops (each with and without its leading comma) and the tail — which gunzip reads
// as one stream. Sizes are therefore rounded down to whole chunks (at least one).

const CHUNK = 25;

export class HintedPush {
  readonly ops: number;
  private readonly head: Buffer;
  private readonly tail: Buffer;
  /** Per chunk: [as the first of a body, after another chunk], and its JSON bytes. */
  private readonly chunks: { first: Buffer; next: Buffer; bytes: number; count: number }[] = [];
  private at = 0;
  private maxOps = Math.min(FIRST_PUSH_OPS, defaultPushLimits.maxOps);

  constructor(deviceId: string, texts: readonly string[]) {
    this.ops = texts.length;
    const gz = (s: string): Buffer => gzipSync(Buffer.from(s, 'utf8'), { level: 4 });
    this.head = gz(`{"protocol":${PROTOCOL_VERSION},"deviceId":${JSON.stringify(deviceId)},"ops":[`);
    this.tail = gz(']}');
    for (let i = 0; i < texts.length; i += CHUNK) {
      const run = texts.slice(i, i + CHUNK);
      const text = run.join(',');
      this.chunks.push({ first: gz(text), next: gz(`,${text}`), bytes: text.length + 1, count: run.length });
    }
  }

  /** The next request's body and its ops' count, or null when everything was sent. */
  next(): { body: Buffer; count: number } | null {
    if (this.at >= this.chunks.length) return null;
    const parts = [this.head];
    let count = 0;
    let bytes = 2;
    while (this.at < this.chunks.length) {
      const c = this.chunks[this.at];
      if (!c) break;
      if (count > 0 && (count + c.count > this.maxOps || bytes + c.bytes > defaultPushLimits.maxBytes)) break;
      parts.push(count === 0 ? c.first : c.next);
      count += c.count;
      bytes += c.bytes;
      this.at += 1;
    }
    parts.push(this.tail);
    return { body: Buffer.concat(parts), count };
  }

  /** Takes the server's hint for the next request, as the laptop does. */
  answered(hint: number | undefined): void {
    this.maxOps = nextBatchOps(defaultPushLimits, hint);
  }
}

/** Sends all of `push` as one laptop does, each request's round trip into `latencies`; every op must be stored and applied. */
export async function sendHinted(http: HttpLaptop, session: LaptopSession, push: HintedPush, latencies: number[]): Promise<void> {
  let sent = 0;
  for (let next = push.next(); next; next = push.next()) {
    const start = performance.now();
    const answer = okBody('bench push', await http.post('/sync/push', next.body, session.token, true));
    latencies.push(performance.now() - start);
    sent += next.count;
    if (answer.halted !== null || answer.resendFrom !== null || (answer.rejected as unknown[]).length > 0 || answer.ackedSeq !== sent) {
      throw new Error(`bench push of ${session.deviceId} not stored whole: ${JSON.stringify(answer).slice(0, 400)}`);
    }
    push.answered(typeof answer.nextMaxOps === 'number' ? answer.nextMaxOps : undefined);
  }
}
