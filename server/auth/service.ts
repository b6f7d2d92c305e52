import type { LoginRequest, TokenResponse } from '../../shared/sync/api';
import { HttpError } from '../http/errors';
import type { DeviceRecord, ServerStore, UserRecord } from '../store/types';
import { StoreConflictError } from '../store/types';
import { scopeFor } from '../sync/rules';
import type { Scope } from '../store/types';
import { dummyPasswordHash, verifyPassword } from './password';
import type { LoginLimiter } from './rate-limit';
import { ACCESS_PREFIX, hashToken, newToken, REFRESH_PREFIX } from './tokens';

// Login, refresh and per-request authentication (issue 4). Access tokens live 15 minutes;
// the refresh token lives as long as the device registration (until the next login on the
// device or its revocation). It is not rotated on refresh: a laptop on a flaky line that
// loses a refresh answer would otherwise be locked out until someone types the password again.

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
  limiter: LoginLimiter;
}

// Device rows are touched at most this often, so reads do not become writes.
const TOUCH_INTERVAL_MS = 60_000;

export function createAuth(store: ServerStore, opts: AuthOptions) {
  const iso = (ms: number): string => new Date(ms).toISOString();

  async function scopeOf(user: UserRecord): Promise<{ prefixes: string[]; scope: Scope }> {
    const assigned = await store.prefixesOf(user.id);
    const scope = scopeFor(user.role, assigned);
    return { prefixes: scope.isAll ? [''] : assigned, scope };
  }

  async function issue(user: UserRecord, device: DeviceRecord, refreshToken: string): Promise<Omit<TokenResponse, 'serverTime'>> {
    const accessToken = newToken(ACCESS_PREFIX);
    const expiresAt = opts.now() + opts.accessTtlMs;
    await store.saveAccessToken({ tokenHash: hashToken(accessToken), deviceId: device.id, userId: user.id, expiresAt }, opts.now());
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
      const retryAfterSeconds = opts.limiter.retryAfterSeconds(username, ip);
      if (retryAfterSeconds !== null) {
        throw new HttpError('RATE_LIMITED', '登录失败次数过多，请稍后再试 / too many failed logins, try again later', {
          retryAfterSeconds,
          headers: { 'retry-after': String(retryAfterSeconds) },
        });
      }
      const user = await store.findUserByUsername(username);
      const isRight = await verifyPassword(input.password, user?.passwordHash ?? (await dummyPasswordHash()));
      if (!user || !isRight) {
        opts.limiter.recordFailure(username, ip);
        throw new HttpError('WRONG_PASSWORD', '用户名或密码错误 / wrong username or password');
      }
      opts.limiter.recordSuccess(username, ip);
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

    async refresh(refreshToken: string): Promise<Omit<TokenResponse, 'serverTime'>> {
      const device = await store.findDeviceByRefreshHash(hashToken(refreshToken));
      if (!device) throw new HttpError('UNAUTHORIZED', '登录已失效，请重新登录 / sign in again');
      if (device.revokedAt) throw new HttpError('DEVICE_REVOKED', '此设备已被停用 / this device was revoked');
      const user = await store.findUserById(device.userId);
      if (!user) throw new HttpError('UNAUTHORIZED', 'the device has no user');
      return issue(user, device, refreshToken);
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
