import { describe, expect, it } from 'vitest';
import { latestRequest } from '@shared/ipc/latest-request';

// The gate under renderer/src/lib/use-call.ts: a screen's reads answer out of order (a slow
// first page, a quick second one); only the newest read may land, and none after the screen left.
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('latestRequest', () => {
  it('a stale answer arriving after a newer one does not overwrite it', async () => {
    const seen: string[] = [];
    const gate = latestRequest<string>((v) => seen.push(v));
    const first = deferred<string>();
    const second = deferred<string>();
    gate.run(() => first.promise);
    gate.run(() => second.promise);
    second.resolve('page 2');
    await settle();
    first.resolve('page 1');
    await settle();
    expect(seen).toEqual(['page 2']);
  });

  it('a stale answer arriving before the newer one is dropped too', async () => {
    const seen: string[] = [];
    const gate = latestRequest<string>((v) => seen.push(v));
    const first = deferred<string>();
    const second = deferred<string>();
    gate.run(() => first.promise);
    gate.run(() => second.promise);
    first.resolve('unit A');
    await settle();
    expect(seen).toEqual([]);
    second.resolve('unit B');
    await settle();
    expect(seen).toEqual(['unit B']);
  });

  it('delivers nothing after cancel (the screen is gone), and runs again afterwards', async () => {
    const seen: string[] = [];
    const starts: number[] = [];
    const gate = latestRequest<string>((v) => seen.push(v), () => starts.push(starts.length));
    const first = deferred<string>();
    gate.run(() => first.promise);
    gate.cancel();
    first.resolve('late');
    await settle();
    expect(seen).toEqual([]);
    gate.run(() => Promise.resolve('again'));
    await settle();
    expect(seen).toEqual(['again']);
    expect(starts).toHaveLength(2);
  });
});
