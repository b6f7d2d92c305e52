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
// budgets an attacker spends on others. In memory: a restart clears it, which an attacker
// cannot cause, and it keeps the limiter off the database write path.

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

/** Failure times per key, oldest first, at most `budget.failures` kept. */
class Window {
  private readonly times = new Map<string, number[]>();

  constructor(
    private readonly budget: Budget,
    private readonly now: () => number,
  ) {}

  private recent(key: string): number[] {
    const cutoff = this.now() - this.budget.windowMs;
    const kept = (this.times.get(key) ?? []).filter((t) => t > cutoff);
    if (kept.length === 0) this.times.delete(key);
    else this.times.set(key, kept);
    return kept;
  }

  retryAfterMs(key: string): number | null {
    const recent = this.recent(key);
    if (recent.length < this.budget.failures) return null;
    const oldest = recent[recent.length - this.budget.failures] ?? this.now();
    return oldest + this.budget.windowMs - this.now();
  }

  record(key: string): void {
    this.times.set(key, [...this.recent(key), this.now()].slice(-this.budget.failures));
    // Keys of quiet addresses are dropped now and then, so the map stays small.
    if (this.times.size > 10_000) for (const k of [...this.times.keys()]) this.recent(k);
  }

  clear(key: string): void {
    this.times.delete(key);
  }
}

export class LoginLimiter {
  private readonly perUser: Window;
  private readonly perAddress: Window;
  private readonly overall: Window;

  constructor(options: LoginLimitOptions, now: () => number) {
    this.perUser = new Window(options.perUser, now);
    this.perAddress = new Window(options.perAddress, now);
    this.overall = new Window(options.overall, now);
  }

  private static userKey(username: string, ip: string): string {
    return `${username.toLowerCase()}\u0000${ip}`;
  }

  /** Seconds until another attempt is allowed, or null when one is allowed now. */
  retryAfterSeconds(username: string, ip: string): number | null {
    const waits = [
      this.perUser.retryAfterMs(LoginLimiter.userKey(username, ip)),
      this.perAddress.retryAfterMs(ip),
      this.overall.retryAfterMs(''),
    ].filter((ms): ms is number => ms !== null);
    if (waits.length === 0) return null;
    return Math.max(1, Math.ceil(Math.max(...waits) / 1000));
  }

  recordFailure(username: string, ip: string): void {
    this.perUser.record(LoginLimiter.userKey(username, ip));
    this.perAddress.record(ip);
    this.overall.record('');
  }

  recordSuccess(username: string, ip: string): void {
    this.perUser.clear(LoginLimiter.userKey(username, ip));
  }
}
