import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

// People, their areas and their devices. Secrets are never stored: passwords as
// scrypt hashes, tokens as sha256 of 32 random bytes.

export const users = sqliteTable('users', {
  id: text('id').primaryKey(),
  username: text('username').notNull().unique(),
  name: text('name').notNull(),
  /** enumerator | supervisor | township | admin | leader (shared/sync/api.ts roles; read through Role.parse, store/rows.ts). */
  role: text('role').notNull(),
  /** `scrypt$N$r$p$salt$hash` (base64 parts): the parameters travel with the hash so they can be raised later. */
  passwordHash: text('password_hash').notNull(),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
});

/** user → area prefixes: 普查小区 (15 digits), 普查区 (12), township (9) or county (6). */
export const assignments = sqliteTable(
  'assignments',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    areaPrefix: text('area_prefix').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.areaPrefix] })],
);

/**
 * A laptop, registered to the user who first logged in on it. Revoking it kills its tokens
 * for good; a reinstalled app makes a new device id (and a new op chain).
 */
export const devices = sqliteTable(
  'devices',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    name: text('name').notNull(),
    appVersion: text('app_version').notNull().default(''),
    createdAt: text('created_at').notNull(),
    lastSeenAt: text('last_seen_at').notNull(),
    revokedAt: text('revoked_at'),
  },
  (t) => [index('devices_user_idx').on(t.userId)],
);

export const accessTokens = sqliteTable(
  'access_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    deviceId: text('device_id')
      .notNull()
      .references(() => devices.id),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    /** Epoch ms. */
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [index('access_tokens_expiry_idx').on(t.expiresAt)],
);

/**
 * Refresh tokens, one chain per device session (server/README.md "Sessions"). Each refresh
 * retires the token presented (`used_at`) and issues its successor, so a token is good once;
 * retired rows are kept (until pruned, 30 days after their last event) so that one presented
 * again is recognised: the lost-answer retry (its successor never used) or reuse (its successor
 * used: the device's session is ended).
 */
export const refreshTokens = sqliteTable(
  'refresh_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    deviceId: text('device_id')
      .notNull()
      .references(() => devices.id),
    /** Epoch ms. The token dies 30 days after this unless used (idle expiry). */
    issuedAt: integer('issued_at').notNull(),
    /** When it was presented to /auth/refresh and rotated. */
    usedAt: integer('used_at'),
    /** The token issued in exchange for this one. */
    successorHash: text('successor_hash'),
    /** When the session it belongs to was ended (it then only ever answers UNAUTHORIZED). */
    endedAt: integer('ended_at'),
    /** login | logout | password | reuse | superseded | expired */
    endReason: text('end_reason'),
  },
  (t) => [index('refresh_tokens_device_idx').on(t.deviceId)],
);
