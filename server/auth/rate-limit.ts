// Failed-login budgets (server/README.md "Limits"). Each budget allows `failures` failed logins
// inside a sliding `windowMs`; once one is spent, further attempts it covers are refused before
// any password is checked (no scrypt run), whether the password is right or not, until its
// oldest failure leaves the window:
// - per username + client address: a guesser at one account;
// - per client address: one address trying many usernames (each failure would otherwise cost
//   an scrypt run, and an address could keep the thread pool busy for ever);
// - overall: many addresses at once. Spending it refuses every login for a while, but sessions
//   already open keep syncing (a refresh checks no password), which is the point.
// A success clears only its username + address budget: one valid account must not reset the
// budgets an attacker spends on others. Where failures are kept is a FailureLog (below).

export interface Budget {
  failures: number;
  windowMs: number;
}

export interface LoginLimitOptions {
  perUser: Budget;
  perAddress: Budget;
  overall: Budget;
}

const FIFTEEN_MINUTES = 15 * 60 * 1000;

export const DEFAULT_LOGIN_LIMIT: LoginLimitOptions = {
  perUser: { failures: 5, windowMs: FIFTEEN_MINUTES },
  // An office behind one address (a township's NAT) holds a dozen people who mistype now and then.
  perAddress: { failures: 30, windowMs: FIFTEEN_MINUTES },
  // Far above what a bureau's few hundred accounts mistype in a quarter of an hour.
  overall: { failures: 200, windowMs: FIFTEEN_MINUTES },
};

/**
 * Where failures are counted. In memory for the embedded server (one process; a restart clears
 * it, which an attacker cannot cause, and it keeps the limiter off the database's write path);
 * in the database when several processes serve one (store/postgres/login-failures.ts), so a
 * budget holds across all of them.
 */
export interface FailureLog {
  /** The budget's failure times after `sinceMs`, oldest first, at most the newest `limit`. */
  recent(budget: string, sinceMs: number, limit: number): Promise<number[]>;
  /** One failure at `atMs` for each budget; failures before `pruneBeforeMs` may be forgotten. */
  record(budgets: readonly string[], atMs: number, pruneBeforeMs: number): Promise<void>;
  clear(budget: string): Promise<void>;
}

/** Failure times per budget in memory, the newest `keep` of each (the largest default budget is 200). */
export function memoryFailureLog(keep = 1_000): FailureLog {
  const times = new Map<string, number[]>();
  return {
    async recent(budget, sinceMs, limit) {
      const kept = (times.get(budget) ?? []).filter((t) => t > sinceMs);
      if (kept.length === 0) times.delete(budget);
      else times.set(budget, kept);
      return kept.slice(-limit);
    },
    async record(budgets, atMs, pruneBeforeMs) {
      for (const b of budgets) times.set(b, [...(times.get(b) ?? []).filter((t) => t >= pruneBeforeMs), atMs].slice(-keep));
      // Keys of quiet addresses are dropped now and then, so the map stays small.
      if (times.size > 10_000) {
        for (const [k, list] of times) if (!list.some((t) => t >= pruneBeforeMs)) times.delete(k);
      }
    },
    async clear(budget) {
      times.delete(budget);
    },
  };
}

export class LoginLimiter {
  private readonly longestWindow: number;

  constructor(
    private readonly options: LoginLimitOptions,
    private readonly now: () => number,
    private readonly log: FailureLog = memoryFailureLog(),
  ) {
    this.longestWindow = Math.max(options.perUser.windowMs, options.perAddress.windowMs, options.overall.windowMs);
  }

  private static budgets(username: string, ip: string): [perUser: string, perAddress: string, overall: string] {
    // JSON, not a NUL separator: PostgreSQL text cannot hold NUL.
    return [`u:${JSON.stringify([username.toLowerCase(), ip])}`, `a:${ip}`, 'all'];
  }

  private async retryAfterMs(key: string, budget: Budget): Promise<number | null> {
    const now = this.now();
    const recent = await this.log.recent(key, now - budget.windowMs, budget.failures);
    if (recent.length < budget.failures) return null;
    const oldest = recent[recent.length - budget.failures] ?? now;
    return oldest + budget.windowMs - now;
  }

  /** Seconds until another attempt is allowed, or null when one is allowed now. */
  async retryAfterSeconds(username: string, ip: string): Promise<number | null> {
    const [user, address, all] = LoginLimiter.budgets(username, ip);
    const waits = (
      await Promise.all([
        this.retryAfterMs(user, this.options.perUser),
        this.retryAfterMs(address, this.options.perAddress),
        this.retryAfterMs(all, this.options.overall),
      ])
    ).filter((ms): ms is number => ms !== null);
    if (waits.length === 0) return null;
    return Math.max(1, Math.ceil(Math.max(...waits) / 1000));
  }

  async recordFailure(username: string, ip: string): Promise<void> {
    const now = this.now();
    await this.log.record(LoginLimiter.budgets(username, ip), now, now - this.longestWindow);
  }

  async recordSuccess(username: string, ip: string): Promise<void> {
    await this.log.clear(LoginLimiter.budgets(username, ip)[0]);
  }
}
