import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { folderLock, type KeyedLock } from '@server/attachments/lock';
import { StorageError } from '@server/attachments/store';

// The attachment lock across processes that share a folder (lock.ts folderLock): two lock
// instances on one folder stand for two server processes (each has its own in-process queue).

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
const tempDir = (): string => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'census-lock-'));
  dirs.push(dir);
  return dir;
};

/** `rounds` read-pause-write increments of one counter, alternating between the locks; returns the count and the most at once. */
async function increments(locks: KeyedLock[], rounds: number): Promise<{ count: number; most: number }> {
  let count = 0;
  let inside = 0;
  let most = 0;
  await Promise.all(
    Array.from({ length: rounds }, (_, i) =>
      locks[i % locks.length]!.withLock('attachment:abc', async () => {
        inside += 1;
        most = Math.max(most, inside);
        const seen = count;
        await sleep(2);
        count = seen + 1;
        inside -= 1;
      }),
    ),
  );
  return { count, most };
}

describe('the folder lock', () => {
  it('lets one holder at a time in across processes sharing the folder', async () => {
    const dir = tempDir();
    expect(await increments([folderLock(dir), folderLock(dir)], 20)).toEqual({ count: 20, most: 1 });
    // Released: no lock file is left behind.
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('keeps a slow holder’s lock fresh, and takes over a dead holder’s once it is stale', async () => {
    const dir = tempDir();
    const a = folderLock(dir, { staleMs: 200 });
    const b = folderLock(dir, { staleMs: 200 });
    const order: string[] = [];
    let release: () => void = () => {};
    const held = a.withLock('k', async () => {
      order.push('a in');
      await new Promise<void>((resolve) => (release = resolve));
      order.push('a out');
    });
    await sleep(20);
    const waiting = b.withLock('k', async () => {
      order.push('b in');
    });
    await sleep(700); // past staleMs three times over: the heartbeat keeps A's lock
    expect(order).toEqual(['a in']);
    release();
    await Promise.all([held, waiting]);
    expect(order).toEqual(['a in', 'a out', 'b in']);

    // A process that died holding the lock left its file (untouched for a second): taken over.
    let name = '';
    await a.withLock('k', async () => {
      name = fs.readdirSync(dir)[0] ?? '';
    });
    expect(fs.readdirSync(dir)).toEqual([]);
    fs.writeFileSync(path.join(dir, name), 'another-host:4242:dead');
    const old = new Date(Date.now() - 1_000);
    fs.utimesSync(path.join(dir, name), old, old);
    let ran = false;
    await folderLock(dir, { staleMs: 200, maxWaitMs: 2_000 }).withLock('k', async () => {
      ran = true;
    });
    expect(ran).toBe(true);
  });

  it('gives up on a live holder after maxWaitMs with a storage error (503), running nothing', async () => {
    const dir = tempDir();
    let release: () => void = () => {};
    const held = folderLock(dir).withLock('k', () => new Promise<void>((resolve) => (release = resolve)));
    await sleep(20);
    let ran = false;
    const refused = await folderLock(dir, { maxWaitMs: 300 })
      .withLock('k', async () => {
        ran = true;
      })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(StorageError);
    expect((refused as StorageError).kind).toBe('unavailable');
    expect(ran).toBe(false);
    release();
    await held;
  });
});
