import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { StorageError } from './store';

// One upload of a file at a time: the attachment route runs each chunk's check-then-write under
// withLock(`attachment:<sha>`), so two chunks of one upload (or a chunk and the completion)
// never interleave. Within one server process a promise chain is enough (processLock); server
// processes that share attachments need a lock they all see: lock files in a folder they share
// (folderLock), or, on the PostgreSQL store, its advisory locks (same interface).

export interface KeyedLock {
  /** Runs `fn` while no other holder of `key` runs; the lock is released however `fn` ends. */
  withLock<T>(key: string, fn: () => Promise<T>): Promise<T>;
}

/** Holds within this process only: the embedded server, a single process. */
export function processLock(): KeyedLock {
  const tails = new Map<string, Promise<unknown>>();
  return {
    async withLock(key, fn) {
      const before = tails.get(key) ?? Promise.resolve();
      const run = before.then(fn, fn);
      const settled = run.catch(() => undefined);
      tails.set(key, settled);
      try {
        return await run;
      } finally {
        if (tails.get(key) === settled) tails.delete(key);
      }
    },
  };
}

export interface FolderLockOptions {
  /** A lock file untouched this long belongs to a process that died; default 30 s. */
  staleMs?: number;
  /** Waiting longer than this answers 503 STORAGE_UNAVAILABLE; default 60 s (under the request timeout). */
  maxWaitMs?: number;
}

/**
 * Holds across every process that uses the same folder (on one machine, or on a shared volume:
 * NFSv3+ and SMB create a file exclusively). A holder creates `<dir>/<hash of key>.lock` with
 * O_CREAT|O_EXCL, writing a token of its own, and touches it every staleMs/4 while it holds it;
 * a lock file untouched for staleMs is a dead holder's and is taken over (renamed away, checked,
 * removed). Within this process waiters queue on a processLock first, so only one of them polls.
 */
export function folderLock(dir: string, opts: FolderLockOptions = {}): KeyedLock {
  const staleMs = opts.staleMs ?? 30_000;
  const maxWaitMs = opts.maxWaitMs ?? 60_000;
  const local = processLock();
  fs.mkdirSync(dir, { recursive: true });
  const fileOf = (key: string) => path.join(dir, `${createHash('sha256').update(key).digest('hex').slice(0, 32)}.lock`);

  async function acquire(file: string): Promise<string> {
    const token = `${os.hostname()}:${process.pid}:${randomBytes(8).toString('hex')}`;
    const started = Date.now();
    for (let pause = 5; ; pause = Math.min(pause * 2, 100)) {
      try {
        await fs.promises.writeFile(file, token, { flag: 'wx' });
        return token;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      await takeOverIfStale(file, staleMs);
      if (Date.now() - started > maxWaitMs) {
        throw new StorageError('unavailable', `attachment lock ${file} still held after ${maxWaitMs} ms`);
      }
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }

  return {
    withLock(key, fn) {
      return local.withLock(key, async () => {
        const file = fileOf(key);
        const token = await acquire(file);
        const beat = setInterval(() => {
          const now = new Date();
          fs.promises.utimes(file, now, now).catch(() => undefined);
        }, staleMs / 4);
        beat.unref();
        try {
          return await fn();
        } finally {
          clearInterval(beat);
          // Only our own file: if it was taken over (we stalled past staleMs) it is another's now.
          if ((await readOrNull(file)) === token) await fs.promises.rm(file, { force: true });
        }
      });
    },
  };
}

/**
 * Removes `file` if its holder stopped touching it staleMs ago. Two waiters may judge the same
 * file stale at once: each renames it to a name of its own (only one rename finds it), and puts
 * back a file that turns out fresh (taken by a third waiter in between) with link(), which never
 * replaces an existing lock.
 */
async function takeOverIfStale(file: string, staleMs: number): Promise<void> {
  const seen = await statOrNull(file);
  if (!seen || Date.now() - seen.mtimeMs <= staleMs) return;
  const aside = `${file}.${randomBytes(6).toString('hex')}.stale`;
  try {
    await fs.promises.rename(file, aside);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw e;
  }
  const moved = await statOrNull(aside);
  if (moved && Date.now() - moved.mtimeMs <= staleMs) {
    await fs.promises.link(aside, file).catch(() => undefined);
  }
  await fs.promises.rm(aside, { force: true });
}

async function statOrNull(file: string): Promise<fs.Stats | null> {
  try {
    return await fs.promises.stat(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

async function readOrNull(file: string): Promise<string | null> {
  try {
    return await fs.promises.readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}
