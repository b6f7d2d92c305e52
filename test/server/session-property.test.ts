import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFRESH_IDLE_MS } from '@server/auth/session-rules';
import { dropDatabaseOf, openTestStore } from '../helpers/test-database';
import type { ServerStore } from '@server/store/types';

// Refresh-token rotation against random histories, on the real store: a laptop on a bad line
// (answers lost at random, pauses of up to 29 days) is never locked out; a copy of its token
// (stolen at a random moment) cannot be used alongside it: at most one refresh of each side
// after the theft succeeds, and then at most one of them holds a live chain. (The one left
// out asks for the password; signing in again ends every other chain of the device.)

const HOUR = 60 * 60_000;
let dir: string;
let store: ServerStore;
let userId: string;
let devices = 0;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'census-session-prop-'));
  store = await openTestStore(dir);
  userId = (await store.createUser({ username: 'wang', name: '王五', role: 'enumerator', passwordHash: 'x' }, new Date(0).toISOString())).id;
});
afterAll(async () => {
  await store.close();
  await dropDatabaseOf(dir);
  fs.rmSync(dir, { recursive: true, force: true });
});

let tokens = 0;
const newHash = (): string => `h${String(++tokens).padStart(10, '0')}`;

async function newDevice(at: number): Promise<{ id: string; head: string }> {
  const id = `laptop-${String(++devices).padStart(6, '0')}`;
  const head = newHash();
  await store.registerDevice({ id, userId, name: id, appVersion: '1.0.0', refreshHash: head }, new Date(at).toISOString());
  return { id, head };
}

/** One holder of a token: refreshes, keeps the successor unless the answer is lost. */
class Holder {
  /** Refreshes whose answer arrived. */
  successes = 0;
  isDead = false;
  constructor(public token: string) {}

  async refresh(now: number, isAnswerLost: boolean): Promise<void> {
    if (this.isDead) return;
    const successor = newHash();
    const outcome = await store.refreshSession(this.token, successor, now, REFRESH_IDLE_MS);
    if (outcome.kind !== 'rotated') {
      this.isDead = true;
      return;
    }
    if (isAnswerLost) return;
    this.successes += 1;
    this.token = successor;
  }
}

const step = fc.record({
  pauseMs: fc.integer({ min: 0, max: 29 * 24 * HOUR }),
  isAnswerLost: fc.boolean(),
  isThief: fc.boolean(),
});

describe('refresh-token rotation on random histories', () => {
  it('never locks out a laptop that only loses answers', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 30 }), async (steps) => {
        let now = Date.parse('2025-06-02T08:00:00.000Z');
        const laptop = new Holder((await newDevice(now)).head);
        for (const s of steps) {
          now += s.pauseMs;
          await laptop.refresh(now, s.isAnswerLost);
          expect(laptop.isDead).toBe(false);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('never lets a copied token be used alongside the laptop', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), fc.array(step, { minLength: 1, maxLength: 20 }), async (before, after) => {
        let now = Date.parse('2025-06-02T08:00:00.000Z');
        const laptop = new Holder((await newDevice(now)).head);
        for (const s of before) {
          now += s.pauseMs;
          await laptop.refresh(now, s.isAnswerLost);
        }
        const thief = new Holder(laptop.token);
        laptop.successes = 0;
        for (const s of after) {
          now += Math.min(s.pauseMs, HOUR);
          await (s.isThief ? thief : laptop).refresh(now, s.isAnswerLost && !s.isThief);
        }
        expect(Math.min(thief.successes, laptop.successes)).toBeLessThanOrEqual(1);
        // At most one of them holds the live head of the chain.
        const isLive = async (h: Holder) => {
          const row = await store.findRefreshToken(h.token);
          return !h.isDead && row !== null && row.usedAt === null && row.endedAt === null;
        };
        expect(Number(await isLive(laptop)) + Number(await isLive(thief))).toBeLessThanOrEqual(1);
      }),
      { numRuns: 80 },
    );
  });
});
