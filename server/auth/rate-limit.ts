// Failed-login limiter per username + client address (issue 4): after `failures` failures
// inside `windowMs`, further attempts are refused until the oldest of them leaves the window,
// whether the password is right or not. In memory: a restart clears it, which an attacker
// cannot cause, and it keeps the limiter off the database write path.

export interface LoginLimitOptions {
  failures: number;
  windowMs: number;
}

export const DEFAULT_LOGIN_LIMIT: LoginLimitOptions = { failures: 5, windowMs: 15 * 60 * 1000 };

export class LoginLimiter {
  private readonly failuresByKey = new Map<string, number[]>();

  constructor(
    private readonly options: LoginLimitOptions,
    private readonly now: () => number,
  ) {}

  private key(username: string, ip: string): string {
    return `${username.toLowerCase()}\u0000${ip}`;
  }

  private recent(key: string): number[] {
    const cutoff = this.now() - this.options.windowMs;
    const kept = (this.failuresByKey.get(key) ?? []).filter((t) => t > cutoff);
    if (kept.length === 0) this.failuresByKey.delete(key);
    else this.failuresByKey.set(key, kept);
    return kept;
  }

  /** Seconds until another attempt is allowed, or null when one is allowed now. */
  retryAfterSeconds(username: string, ip: string): number | null {
    const recent = this.recent(this.key(username, ip));
    if (recent.length < this.options.failures) return null;
    const oldest = recent[recent.length - this.options.failures] ?? this.now();
    return Math.max(1, Math.ceil((oldest + this.options.windowMs - this.now()) / 1000));
  }

  recordFailure(username: string, ip: string): void {
    const key = this.key(username, ip);
    this.failuresByKey.set(key, [...this.recent(key), this.now()]);
    if (this.failuresByKey.size > 10_000) this.prune();
  }

  recordSuccess(username: string, ip: string): void {
    this.failuresByKey.delete(this.key(username, ip));
  }

  private prune(): void {
    for (const key of [...this.failuresByKey.keys()]) this.recent(key);
  }
}
