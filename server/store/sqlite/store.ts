import { randomBytes } from 'node:crypto';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { openServerDatabase, type OpenServerDatabaseOptions } from '@server/db/open';
import { accessTokens, assignments, attachments, devices, users } from '@server/db/schema';
import { type AccessTokenRecord, type AttachmentRecord, DEFAULT_PAGE_BYTES, type ServerStore, StoreConflictError } from '../types';
import { toDevice, toUser } from '../rows';
import { createChecksumCache } from './checksums';
import { createConflictReader } from './conflicts';
import { createCountyReader } from './county';
import { createForkRequests } from './forks';
import { createPackStore } from './packs';
import { createPusher } from './push';
import { createReader } from './read';
import { createSessionStore } from './sessions';
import { scopeSql, statementCache } from './scope-sql';

// The embedded store: one SQLite file in the data folder, so a district office runs
// the server with nothing else installed. Users, devices and tokens go through drizzle; the
// sync paths use prepared statements (push.ts, read.ts), where per-op overhead matters.



export function openSqliteStore(file: string, opts: OpenServerDatabaseOptions = {}): ServerStore {
  const { sqlite, db } = openServerDatabase(file, opts);
  // 64 MiB of page cache (SQLite's default is 2 MB): a group of pushes writes tens of MB of
  // ops and fields in one transaction, and the indexes they update stay in memory between them.
  sqlite.pragma('cache_size = -65536');
  const checksums = createChecksumCache(sqlite);
  const pusher = createPusher(sqlite, (entityId, scopeKey) => checksums.touch(entityId, scopeKey));
  const reader = createReader(sqlite);
  const countyCheck = createCountyReader(sqlite);
  const conflictReader = createConflictReader(sqlite);
  const sessions = createSessionStore(sqlite, db, toDevice);
  const prepare = statementCache(sqlite);

  const prefixesOf = (userId: string): string[] =>
    db
      .select({ p: assignments.areaPrefix })
      .from(assignments)
      .where(eq(assignments.userId, userId))
      .orderBy(assignments.areaPrefix)
      .all()
      .map((r) => r.p);

  const store: ServerStore = {
    async createUser(user, at) {
      const existing = db.select().from(users).where(eq(users.username, user.username)).get();
      if (existing) throw new StoreConflictError('USERNAME_TAKEN', `user ${user.username} already exists`);
      const row = { ...user, id: `u_${randomBytes(9).toString('base64url')}`, createdAt: at, updatedAt: at };
      db.insert(users).values(row).run();
      return toUser(row);
    },
    async findUserByUsername(username) {
      const row = db.select().from(users).where(eq(users.username, username)).get();
      return row ? toUser(row) : null;
    },
    async findUserById(id) {
      const row = db.select().from(users).where(eq(users.id, id)).get();
      return row ? toUser(row) : null;
    },
    async listUsers() {
      return db.select().from(users).orderBy(users.username).all().map(toUser);
    },
    async setPasswordHash(userId, passwordHash, at) {
      sqlite.transaction(() => {
        db.update(users).set({ passwordHash, updatedAt: at }).where(eq(users.id, userId)).run();
        sessions.endForUser(userId, 'password', Date.parse(at));
      }).immediate();
    },
    async assign(userId, prefixes, at) {
      db.insert(assignments)
        .values(prefixes.map((areaPrefix) => ({ userId, areaPrefix, createdAt: at })))
        .onConflictDoNothing()
        .run();
      return prefixesOf(userId);
    },
    async unassign(userId, prefixes) {
      if (prefixes.length > 0) {
        db.delete(assignments)
          .where(and(eq(assignments.userId, userId), inArray(assignments.areaPrefix, [...prefixes])))
          .run();
      }
      return prefixesOf(userId);
    },
    async prefixesOf(userId) {
      return prefixesOf(userId);
    },

    async findDevice(id) {
      const row = db.select().from(devices).where(eq(devices.id, id)).get();
      return row ? toDevice(row) : null;
    },
    async registerDevice(device, at) {
      return sqlite.transaction(() => {
        const existing = db.select().from(devices).where(eq(devices.id, device.id)).get();
        if (existing && existing.userId !== device.userId) {
          throw new StoreConflictError('DEVICE_IN_USE', `device ${device.id} is registered to another user`);
        }
        const { refreshHash, ...fields } = device;
        if (existing) {
          db.update(devices)
            .set({ name: fields.name || existing.name, appVersion: fields.appVersion, lastSeenAt: at })
            .where(eq(devices.id, fields.id))
            .run();
        } else {
          db.insert(devices)
            .values({ ...fields, createdAt: at, lastSeenAt: at })
            .run();
        }
        sessions.startChain(device.id, refreshHash, Date.parse(at));
        const row = db.select().from(devices).where(eq(devices.id, device.id)).get();
        if (!row) throw new Error(`device ${device.id} vanished while registering`);
        return toDevice(row);
      }).immediate();
    },
    async touchDevice(id, at, appVersion) {
      db.update(devices).set({ lastSeenAt: at, appVersion }).where(eq(devices.id, id)).run();
    },
    async listDevices(userId) {
      const q = db.select().from(devices);
      const rows = userId === undefined ? q.orderBy(devices.createdAt).all() : q.where(eq(devices.userId, userId)).orderBy(devices.createdAt).all();
      return rows.map(toDevice);
    },
    async revokeDevice(id, at) {
      // Idempotent: revoking a revoked device keeps its first revocation time. Its tokens are
      // kept so that presenting one answers DEVICE_REVOKED rather than a vaguer UNAUTHORIZED.
      if (db.select().from(devices).where(eq(devices.id, id)).get() === undefined) return false;
      db.update(devices)
        .set({ revokedAt: at })
        .where(and(eq(devices.id, id), isNull(devices.revokedAt)))
        .run();
      return true;
    },
    async findRefreshToken(tokenHash) {
      return sessions.findRefreshToken(tokenHash);
    },
    async refreshSession(presentedHash, successorHash, nowMs, idleMs) {
      return sessions.refreshSession(presentedHash, successorHash, nowMs, idleMs);
    },
    async endSessions(target, reason, nowMs) {
      return sessions.endSessions(target, reason, nowMs);
    },
    async saveAccessToken(token: AccessTokenRecord) {
      db.insert(accessTokens).values(token).run();
    },
    async findAccessToken(tokenHash) {
      return db.select().from(accessTokens).where(eq(accessTokens.tokenHash, tokenHash)).get() ?? null;
    },
    async pruneTokens(beforeMs) {
      sessions.pruneTokens(beforeMs);
    },

    async push(ctx, ops, checks) {
      return pusher.push(ctx, ops, checks);
    },
    async lastOp(deviceId) {
      return pusher.lastOp(deviceId);
    },
    async pull(scope, cursor, limit, maxBytes = DEFAULT_PAGE_BYTES) {
      return reader.pull(scope, cursor, limit, maxBytes);
    },
    async snapshot(scope, filter, cursor, limit, maxBytes = DEFAULT_PAGE_BYTES) {
      return reader.snapshot(scope, filter, cursor, limit, maxBytes);
    },
    async checksum(scope) {
      return checksums.compute(scope);
    },
    async listConflicts(viewer, filter) {
      return conflictReader.list(viewer, filter);
    },
    async countOpenConflicts(viewer) {
      return conflictReader.countOpen(viewer);
    },
    async countyCheck(scope, knownAsOf) {
      return countyCheck(scope, knownAsOf);
    },
    async entityStates(entity, scope) {
      return reader.entityStates(entity, scope);
    },

    ...createForkRequests(sqlite, db),
    ...createPackStore(sqlite, db),

    async findAttachment(sha256) {
      return db.select().from(attachments).where(eq(attachments.sha256, sha256)).get() ?? null;
    },
    async saveAttachment(record: AttachmentRecord) {
      db.insert(attachments).values(record).onConflictDoNothing().run();
    },
    async isAttachmentInScope(sha256, scope) {
      const s = scopeSql(scope, 'e.scope_key');
      const found = prepare(
        `SELECT 1 FROM attachment_refs r JOIN entities e ON e.entity = r.entity AND e.entity_id = r.entity_id
         WHERE r.sha256 = ? AND ${s.sql} LIMIT 1`,
      ).get(sha256, ...s.params);
      return found !== undefined;
    },

    async close() {
      if (sqlite.open) pusher.flush();
      if (sqlite.open) sqlite.close();
    },
  };
  return store;
}
