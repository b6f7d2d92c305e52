import os from 'node:os';
import { Piscina } from 'piscina';
import type { Pusher } from './op-checks';
import { jsonOfBody } from '../http/body';
import { type CheckedPushBody, joinPushBody, type PushBody, readPushBody } from './push-body';

// Push bodies checked off the request thread. The store's writes are synchronous on the main
// thread (better-sqlite3); hashing and judging each op's content (push-body.ts) need no
// database, so with fifty laptops pushing at once a worker checks the next batches while the
// main thread stores the current one. The main thread still parses each body itself: handing
// parsed values across threads (structured clone) cost more than parsing them. A small body is read inline: the hop to a worker
// (copying the answer back) would cost more than the work. Piscina runs the pool: a well-kept
// pool with a FIFO queue whose workers are restarted after a crash.

export interface PushBodyReader {
  read(body: Buffer, by: Pusher): Promise<PushBody>;
  close(): Promise<void>;
}

export interface PushBodyReaderOptions {
  /** Worker threads, started now and kept; 0 (the default) reads every body inline. */
  threads?: number;
  /** Bodies shorter than this are read inline. */
  inlineBelowBytes?: number;
}

/**
 * Threads for a machine with `cores`: none on two cores or fewer, where a worker only competes
 * with the main thread (checking on a worker costs about half again the CPU of checking inline:
 * the worker parses the body too, and its checks cross threads); otherwise the cores but two
 * (one for the store's thread, one for gzip, sockets and the OS), up to four.
 */
export const defaultPushBodyThreads = (cores = os.availableParallelism()): number => (cores <= 2 ? 0 : Math.min(4, cores - 2));

/** About 30 ops of a first sync: an incremental sync's pushes stay on the main thread. */
export const DEFAULT_INLINE_BELOW_BYTES = 64 * 1024;

export function createPushBodyReader(opts: PushBodyReaderOptions = {}): PushBodyReader {
  const threads = opts.threads ?? 0;
  const inlineBelow = opts.inlineBelowBytes ?? DEFAULT_INLINE_BELOW_BYTES;
  // Started with the server and kept: a worker's start (its modules compiled, the form packs
  // loaded) costs about a second of CPU, which the first fifty laptops of an evening would wait for.
  const pool =
    threads > 0
      ? new Piscina({
          filename: new URL('./push-body-worker.mjs', import.meta.url).href,
          minThreads: threads,
          maxThreads: threads,
          idleTimeout: Number.POSITIVE_INFINITY,
        })
      : null;
  let isClosed = false;

  return {
    async read(body, by) {
      if (pool === null || isClosed || body.byteLength < inlineBelow) return readPushBody(body, by);
      // The worker gets a copy (about a millisecond for a full batch) and checks; this thread
      // parses the same bytes meanwhile, and only the checks come back.
      const checking = pool.run({ bytes: body, by: { userId: by.userId, role: by.role } }) as Promise<CheckedPushBody>;
      let raw: unknown;
      try {
        raw = jsonOfBody(body);
      } catch {
        // The worker says why.
      }
      return joinPushBody(raw, await checking);
    },
    async close() {
      isClosed = true;
      await pool?.destroy();
    },
  };
}
