import type { LoginRequest, TokenResponse } from '@shared/sync/api';
import { HttpError } from '../http/errors';
import type { DeviceRecord, ServerStore, UserRecord } from '../store/types';
import { StoreConflictError } from '../store/types';
import { scopeFor } from '../sync/rules';
import type { Scope } from '../store/types';
import { dummyPasswordHash, verifyPassword } from './password';
import type { LoginLimiter } from './rate-limit';
import { GateFull, type WorkGate } from './work-gate';
import { REFRESH_IDLE_MS } from './session-rules';
import { ACCESS_PREFIX, hashToken, newToken, REFRESH_PREFIX } from './tokens';

// Login, refresh, logout and per-request authentication (server/README.md "Sessions"). Access
// tokens live 15 minutes; refresh tokens rotate on every use and die after 30 days unused
// (session-rules.ts). Expired access tokens are kept as long as a refresh token could be, so
// presenting one answers TOKEN_EXPIRED (refresh and retry), never a vague "unknown token".

export interface Caller {
  user: UserRecord;
  device: DeviceRecord;
  /** Assigned prefixes as stored; [''] stands for "everything" for admins. */
  prefixes: string[];
  scope: Scope;
}

export interface AuthOptions {
  now: () => number;
  accessTtlMs: number;
  /** A refresh token unused this long is dead; default 30 days. */
  refreshIdleMs?: number;
  limiter: LoginLimiter;
  /** Bounds the password checks running at once (work-gate.ts). */
  passwordGate: WorkGate;
}

// Device rows are touched at most this often, so reads do not become writes.
const TOUCH_INTERVAL_MS = 60_000;
// Old tokens are pruned at most this often (a scan of the token tables).
const PRUNE_INTERVAL_MS = 60 * 60_000;

const SIGN_IN_AGAIN = '登录已失效，请重新登录 / sign in again';
const endedMessages = {
  login: '此设备已重新登录 / a newer sign-in on this device replaced this session',
  logout: '已在此设备退出登录 / signed out on this device',
  password: '密码已更改，请重新登录 / the password was changed: sign in again',
  reuse: '登录凭据被重复使用，此设备的会话已结束 / a refresh token was reused: the session of this device was ended',
  superseded: '登录凭据已被替换 / this refresh token was replaced',
  expired: '30 天未使用，登录已过期 / unused for 30 days: sign in again',
} as const;

export function createAuth(store: ServerStore, opts: AuthOptions) {
  const iso = (ms: number): string => new Date(ms).toISOString();
  const idleMs = opts.refreshIdleMs ?? REFRESH_IDLE_MS;
  let prunedAt = -Infinity;

  async function scopeOf(user: UserRecord): Promise<{ prefixes: string[]; scope: Scope }> {
    const assigned = await store.prefixesOf(user.id);
    const scope = scopeFor(user.role, assigned);
    return { prefixes: scope.isAll ? [''] : assigned, scope };
  }

  async function issue(user: UserRecord, device: DeviceRecord, refreshToken: string): Promise<Omit<TokenResponse, 'serverTime'>> {
    const accessToken = newToken(ACCESS_PREFIX);
    const now = opts.now();
    const expiresAt = now + opts.accessTtlMs;
    await store.saveAccessToken({ tokenHash: hashToken(accessToken), deviceId: device.id, userId: user.id, expiresAt });
    if (now - prunedAt >= PRUNE_INTERVAL_MS) {
      prunedAt = now;
      await store.pruneTokens(now - idleMs);
    }
    const { prefixes } = await scopeOf(user);
    return {
      accessToken,
      accessExpiresAt: iso(expiresAt),
      refreshToken,
      user: { id: user.id, username: user.username, name: user.name, role: user.role },
      deviceId: device.id,
      scope: prefixes,
    };
  }

  return {
    async login(input: Required<LoginRequest>, ip: string, appVersion: string): Promise<Omit<TokenResponse, 'serverTime'>> {
      const username = input.username.toLowerCase();
      const retryAfterSeconds = await opts.limiter.retryAfterSeconds(username, ip);
      if (retryAfterSeconds !== null) {
        throw new HttpError('RATE_LIMITED', '登录失败次数过多，请稍后再试 / too many failed logins, try again later', {
          retryAfterSeconds,
          headers: { 'retry-after': String(retryAfterSeconds) },
        });
      }
      const user = await store.findUserByUsername(username);
      const stored = user?.passwordHash ?? (await dummyPasswordHash());
      let isRight: boolean;
      try {
        isRight = await opts.passwordGate.run(() => verifyPassword(input.password, stored));
      } catch (e) {
        if (!(e instanceof GateFull)) throw e;
        throw new HttpError('SERVER_BUSY', '服务器繁忙，请稍后再试 / too many sign-ins at once, try again shortly', {
          retryAfterSeconds: 2,
          headers: { 'retry-after': '2' },
        });
      }
      if (!user || !isRight) {
        await opts.limiter.recordFailure(username, ip);
        throw new HttpError('WRONG_PASSWORD', '用户名或密码错误 / wrong username or password');
      }
      await opts.limiter.recordSuccess(username, ip);
      const existing = await store.findDevice(input.deviceId);
      if (existing?.revokedAt) throw new HttpError('DEVICE_REVOKED', '此设备已被停用 / this device was revoked');
      const refreshToken = newToken(REFRESH_PREFIX);
      let device: DeviceRecord;
      try {
        device = await store.registerDevice(
          { id: input.deviceId, userId: user.id, name: input.deviceName, appVersion, refreshHash: hashToken(refreshToken) },
          iso(opts.now()),
        );
      } catch (e) {
        if (e instanceof StoreConflictError && e.code === 'DEVICE_IN_USE') {
          throw new HttpError('DEVICE_IN_USE', '此设备已登记给其他用户 / this device is registered to another user');
        }
        throw e;
      }
      return issue(user, device, refreshToken);
    },

    /** A new access token and the next refresh token of the chain (the one presented is retired). */
    async refresh(refreshToken: string): Promise<Omit<TokenResponse, 'serverTime'>> {
      const successor = newToken(REFRESH_PREFIX);
      const outcome = await store.refreshSession(hashToken(refreshToken), hashToken(successor), opts.now(), idleMs);
      switch (outcome.kind) {
        case 'revoked':
          throw new HttpError('DEVICE_REVOKED', '此设备已被停用 / this device was revoked');
        case 'refused':
          throw new HttpError(
            'UNAUTHORIZED',
            outcome.reason ? endedMessages[outcome.reason] : SIGN_IN_AGAIN,
            outcome.reason ? { sessionEnd: outcome.reason } : {},
          );
        case 'reused':
          throw new HttpError('UNAUTHORIZED', endedMessages.reuse, { sessionEnd: 'reuse' });
        case 'rotated': {
          const user = await store.findUserById(outcome.device.userId);
          if (!user) throw new HttpError('UNAUTHORIZED', 'the device has no user');
          return issue(user, outcome.device, successor);
        }
      }
    },

    /**
     * Ends this device's session on the server (every refresh and access token of it), given any
     * refresh token of its chain. Idempotent: an unknown or already ended token changes nothing.
     */
    async logout(refreshToken: string): Promise<{ isEnded: boolean }> {
      const token = await store.findRefreshToken(hashToken(refreshToken));
      if (!token) return { isEnded: false };
      return { isEnded: (await store.endSessions({ deviceId: token.deviceId }, 'logout', opts.now())) > 0 };
    },

    /**
     * Tokens for a new chain branch of an authenticated caller's device (server/routes/forks.ts
     * checked the bureau's approval): the new device is registered to the same user, like a
     * login without a password. The old device keeps its registration (not revoked).
     */
    async issueBranch(caller: Caller, newDeviceId: string, deviceName: string, appVersion: string): Promise<Omit<TokenResponse, 'serverTime'>> {
      const refreshToken = newToken(REFRESH_PREFIX);
      let device: DeviceRecord;
      try {
        device = await store.registerDevice(
          { id: newDeviceId, userId: caller.user.id, name: deviceName, appVersion, refreshHash: hashToken(refreshToken) },
          iso(opts.now()),
        );
      } catch (e) {
        if (e instanceof StoreConflictError && e.code === 'DEVICE_IN_USE') {
          throw new HttpError('DEVICE_IN_USE', '此设备已登记给其他用户 / this device is registered to another user');
        }
        throw e;
      }
      if (device.revokedAt) throw new HttpError('DEVICE_REVOKED', '此设备已被停用 / this device was revoked');
      return issue(caller.user, device, refreshToken);
    },

    /** The caller of a request from its `Authorization: Bearer <access token>`. */
    async authenticate(authorization: string | undefined, appVersion: string): Promise<Caller> {
      const m = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
      if (!m?.[1]) throw new HttpError('UNAUTHORIZED', 'missing bearer token');
      const token = await store.findAccessToken(hashToken(m[1]));
      if (!token) throw new HttpError('UNAUTHORIZED', 'unknown token');
      const device = await store.findDevice(token.deviceId);
      if (!device || device.userId !== token.userId) throw new HttpError('UNAUTHORIZED', 'unknown device');
      if (device.revokedAt) throw new HttpError('DEVICE_REVOKED', '此设备已被停用 / this device was revoked');
      if (token.expiresAt <= opts.now()) throw new HttpError('TOKEN_EXPIRED', 'access token expired: refresh it');
      const user = await store.findUserById(token.userId);
      if (!user) throw new HttpError('UNAUTHORIZED', 'unknown user');
      if (opts.now() - Date.parse(device.lastSeenAt) > TOUCH_INTERVAL_MS || device.appVersion !== appVersion) {
        await store.touchDevice(device.id, iso(opts.now()), appVersion);
      }
      return { user, device, ...(await scopeOf(user)) };
    },
  };
}

export type Auth = ReturnType<typeof createAuth>;
