import { randomBytes } from 'node:crypto';
import { and, desc, eq, inArray, isNull, max, sql } from 'drizzle-orm';
import { openPgDatabase } from '@server/db/pg/open';
import { accessTokens, assignments, attachments, devices, forkRequests, formPacks, users } from '@server/db/pg/schema';
import { DEFAULT_PAGE_BYTES, type ForkRequestRecord, type ServerStore, StoreConflictError } from '../types';
import { toDevice, toForkRequest, toPack, toUser } from '../rows';
import { createPgChecksums } from './checksums';
import { createPgConflictReader } from './conflicts';
import { createPgCountyReader } from './county';
import { createPgAdvisoryLock } from './advisory-lock';
import { createPgFailureLog } from './login-failures';
import { createPartitionKeeper, DEFAULT_PARTITION_SIZE } from './partitions';
import { createPgPusher } from './push';
import { createPgReader } from './read';
import { pgScopeSql } from './scope-sql';
import { createPgSessions } from './sessions';
import { SEQUENCE_VALUE, SWEEP_CLAIMS } from './watermark';

// The server's store on PostgreSQL, for a city or province: any number of server processes,
// on one machine or several, serve one database. Nothing a decision depends on lives in a
// process: tokens, devices, failed logins, conflicts and the op log are rows; the verify and
// county caches each process keeps are brought up to date from the database at every call. The
// sync decisions are the shared ones (server/sync/rules.ts, apply.ts, push-batch.ts).

export interface PgStoreOptions {
  /** Connections in this process's pool; default 10. */
  poolSize?: number;
  /** Push groups stored at once by this process; default 2. */
  pushConcurrency?: number;
  /** Log numbers per op log partition; default 10,000,000. */
  partitionSize?: number;
  log?: (message: string) => void;
}





/** Advisory lock keys of this application's own serialisations (not the op log's: it has none). */
const LOCK = { packs: 7_301_002, forks: 7_301_003 } as const;

export async function openPostgresStore(url: string, opts: PgStoreOptions = {}): Promise<ServerStore> {
  const log = opts.log ?? (() => undefined);
  const { pool, db } = await openPgDatabase(url, { poolSize: opts.poolSize ?? 10 });
  const partitions = createPartitionKeeper(pool, opts.partitionSize ?? DEFAULT_PARTITION_SIZE, log);
  try {
    const current = Number((await pool.query<{ s: number }>(SEQUENCE_VALUE)).rows[0]?.s ?? 0);
    await partitions.prepare(current);
    await pool.query(SWEEP_CLAIMS);
  } catch (e) {
    await pool.end();
    throw e;
  }
  const pusher = createPgPusher(pool, { concurrency: opts.pushConcurrency ?? 2, onDrawn: (n) => partitions.drawn(n), log });
  const reader = createPgReader(pool);
  const checksums = createPgChecksums(pool);
  const countyCheck = createPgCountyReader(pool);
  const conflictReader = createPgConflictReader(pool);
  const sessions = createPgSessions(db, toDevice);

  const prefixesOf = async (userId: string): Promise<string[]> =>
    (await db.select({ p: assignments.areaPrefix }).from(assignments).where(eq(assignments.userId, userId)).orderBy(assignments.areaPrefix)).map((r) => r.p);
  const findFork = async (id: string): Promise<ForkRequestRecord | null> => {
    const [row] = await db.select().from(forkRequests).where(eq(forkRequests.id, id));
    return row ? toForkRequest(row) : null;
  };
  const findPackRow = async (ref: string) => (await db.select().from(formPacks).where(eq(formPacks.ref, ref)))[0];
  const currentPackRow = async () => (await db.select().from(formPacks).orderBy(desc(formPacks.currentSeq)).limit(1))[0];
  const isUniqueViolation = (e: unknown): boolean => (e as { code?: string }).code === '23505' || (e as { cause?: { code?: string } }).cause?.code === '23505';

  let closed: Promise<void> | null = null;
  const store: ServerStore = {
    async createUser(user, at) {
      const row = { ...user, id: `u_${randomBytes(9).toString('base64url')}`, createdAt: at, updatedAt: at };
      try {
        await db.insert(users).values(row);
      } catch (e) {
        if (isUniqueViolation(e)) throw new StoreConflictError('USERNAME_TAKEN', `user ${user.username} already exists`);
        throw e;
      }
      return toUser(row);
    },
    async findUserByUsername(username) {
      const [row] = await db.select().from(users).where(eq(users.username, username));
      return row ? toUser(row) : null;
    },
    async findUserById(id) {
      const [row] = await db.select().from(users).where(eq(users.id, id));
      return row ? toUser(row) : null;
    },
    async listUsers() {
      return (await db.select().from(users).orderBy(sql`${users.username} COLLATE "C"`)).map(toUser);
    },
    async setPasswordHash(userId, passwordHash, at) {
      await db.transaction(async (tx) => {
        await tx.update(users).set({ passwordHash, updatedAt: at }).where(eq(users.id, userId));
        await sessions.endForUser(tx, userId, 'password', Date.parse(at));
      });
    },
    async assign(userId, prefixes, at) {
      if (prefixes.length > 0) {
        await db
          .insert(assignments)
          .values(prefixes.map((areaPrefix) => ({ userId, areaPrefix, createdAt: at })))
          .onConflictDoNothing();
      }
      return prefixesOf(userId);
    },
    async unassign(userId, prefixes) {
      if (prefixes.length > 0) await db.delete(assignments).where(and(eq(assignments.userId, userId), inArray(assignments.areaPrefix, [...prefixes])));
      return prefixesOf(userId);
    },
    prefixesOf,

    async findDevice(id) {
      const [row] = await db.select().from(devices).where(eq(devices.id, id));
      return row ? toDevice(row) : null;
    },
    async registerDevice(device, at) {
      return db.transaction(async (tx) => {
        const { refreshHash, ...fields } = device;
        // Inserted or locked in one statement, so two logins on the same new device id from two
        // processes decide one after the other.
        await tx
          .insert(devices)
          .values({ ...fields, createdAt: at, lastSeenAt: at })
          .onConflictDoUpdate({ target: devices.id, set: { lastSeenAt: sql`${devices.lastSeenAt}` } });
        const [existing] = await tx.select().from(devices).where(eq(devices.id, device.id)).for('update');
        if (!existing) throw new Error(`device ${device.id} vanished while registering`);
        if (existing.userId !== device.userId) throw new StoreConflictError('DEVICE_IN_USE', `device ${device.id} is registered to another user`);
        await tx
          .update(devices)
          .set({ name: fields.name || existing.name, appVersion: fields.appVersion, lastSeenAt: at })
          .where(eq(devices.id, fields.id));
        await sessions.startChain(tx, device.id, refreshHash, Date.parse(at));
        const [row] = await tx.select().from(devices).where(eq(devices.id, device.id));
        if (!row) throw new Error(`device ${device.id} vanished while registering`);
        return toDevice(row);
      });
    },
    async touchDevice(id, at, appVersion) {
      await db.update(devices).set({ lastSeenAt: at, appVersion }).where(eq(devices.id, id));
    },
    async listDevices(userId) {
      const q = db.select().from(devices);
      const rows = userId === undefined ? await q.orderBy(devices.createdAt) : await q.where(eq(devices.userId, userId)).orderBy(devices.createdAt);
      return rows.map(toDevice);
    },
    async revokeDevice(id, at) {
      const [found] = await db.select({ id: devices.id }).from(devices).where(eq(devices.id, id));
      if (!found) return false;
      await db
        .update(devices)
        .set({ revokedAt: at })
        .where(and(eq(devices.id, id), isNull(devices.revokedAt)));
      return true;
    },
    findRefreshToken: (tokenHash) => sessions.findRefreshToken(tokenHash),
    refreshSession: (presented, successor, nowMs, idleMs) => sessions.refreshSession(presented, successor, nowMs, idleMs),
    endSessions: (target, reason, nowMs) => sessions.endSessions(target, reason, nowMs),
    async saveAccessToken(token) {
      await db.insert(accessTokens).values(token);
    },
    async findAccessToken(tokenHash) {
      const [row] = await db.select().from(accessTokens).where(eq(accessTokens.tokenHash, tokenHash));
      return row ?? null;
    },
    pruneTokens: (beforeMs) => sessions.pruneTokens(beforeMs),

    push: (ctx, ops, checks) => pusher.push(ctx, ops, checks),
    async lastOp(deviceId) {
      const rows = await pool.query<{ seq: number; hash: string }>('SELECT seq, hash FROM device_heads WHERE device_id = $1', [deviceId]);
      return rows.rows[0] ?? { seq: 0, hash: '' };
    },
    pull: (scope, cursor, limit, maxBytes = DEFAULT_PAGE_BYTES) => reader.pull(scope, cursor, limit, maxBytes),
    snapshot: (scope, filter, cursor, limit, maxBytes = DEFAULT_PAGE_BYTES) => reader.snapshot(scope, filter, cursor, limit, maxBytes),
    checksum: (scope) => checksums.compute(scope),
    listConflicts: (viewer, filter) => conflictReader.list(viewer, filter),
    countOpenConflicts: (viewer) => conflictReader.countOpen(viewer),
    countyCheck: (scope, knownAsOf) => countyCheck(scope, knownAsOf),
    entityStates: (entity, scope) => reader.entityStates(entity, scope),

    async openForkRequest(request) {
      return db.transaction(async (tx) => {
        await tx.execute(sql`SELECT pg_advisory_xact_lock(${LOCK.forks})`);
        const [open] = await tx
          .select()
          .from(forkRequests)
          .where(and(eq(forkRequests.deviceId, request.deviceId), eq(forkRequests.userId, request.userId), inArray(forkRequests.status, ['pending', 'approved'])))
          .orderBy(desc(forkRequests.requestedAt))
          .limit(1);
        if (open) return toForkRequest(open);
        const row = { ...request, id: `fk-${randomBytes(6).toString('hex')}`, status: 'pending' as const, decidedBy: null, decidedAt: null, completedAt: null };
        await tx.insert(forkRequests).values(row);
        return row;
      });
    },
    findForkRequest: findFork,
    async listForkRequests(status) {
      const q = db.select().from(forkRequests);
      const rows = status === undefined ? await q.orderBy(desc(forkRequests.requestedAt)) : await q.where(eq(forkRequests.status, status)).orderBy(desc(forkRequests.requestedAt));
      return rows.map(toForkRequest);
    },
    async decideForkRequest(id, status, by, at) {
      const changed = await db
        .update(forkRequests)
        .set({ status, decidedBy: by, decidedAt: at })
        .where(and(eq(forkRequests.id, id), eq(forkRequests.status, 'pending')))
        .returning({ id: forkRequests.id });
      return changed.length === 0 ? null : findFork(id);
    },
    async completeForkRequest(id, at) {
      await db.transaction(async (tx) => {
        await tx.update(forkRequests).set({ status: 'completed' }).where(eq(forkRequests.id, id));
        await tx.update(forkRequests).set({ completedAt: at }).where(and(eq(forkRequests.id, id), isNull(forkRequests.completedAt)));
      });
    },

    async findPack(ref) {
      const row = await findPackRow(ref);
      return row ? toPack(row) : null;
    },
    async currentPack() {
      const row = await currentPackRow();
      return row ? toPack(row) : null;
    },
    async listPacks() {
      const currentRef = (await currentPackRow())?.ref;
      return (await db.select().from(formPacks).orderBy(desc(formPacks.currentSeq))).map((row) => {
        const { bodyJson: _body, ...rest } = toPack(row);
        return { ...rest, isCurrent: row.ref === currentRef };
      });
    },
    async publishPack(pack, at) {
      return db.transaction(async (tx) => {
        // One publication at a time across processes: the order of becoming current is a count.
        await tx.execute(sql`SELECT pg_advisory_xact_lock(${LOCK.packs})`);
        const seq = ((await tx.select({ n: max(formPacks.currentSeq) }).from(formPacks))[0]?.n ?? 0) + 1;
        const [existing] = await tx.select().from(formPacks).where(eq(formPacks.ref, pack.ref));
        if (existing && existing.hash !== pack.hash) {
          throw new StoreConflictError('PACK_VERSION_TAKEN', `form pack ${pack.ref} is already published with other content`);
        }
        if (existing) await tx.update(formPacks).set({ currentSeq: seq, currentSince: at }).where(eq(formPacks.ref, pack.ref));
        else {
          await tx.insert(formPacks).values({
            ref: pack.ref,
            packId: pack.packId,
            version: pack.version,
            hash: pack.hash,
            body: pack.bodyJson,
            publishedBy: pack.publishedBy,
            publishedAt: at,
            currentSince: at,
            currentSeq: seq,
          });
        }
        const [row] = await tx.select().from(formPacks).where(eq(formPacks.ref, pack.ref));
        if (!row) throw new Error(`form pack ${pack.ref} vanished while publishing`);
        return toPack(row);
      });
    },

    async findAttachment(sha256) {
      const [row] = await db.select().from(attachments).where(eq(attachments.sha256, sha256));
      return row ?? null;
    },
    async saveAttachment(record) {
      await db.insert(attachments).values(record).onConflictDoNothing();
    },
    async isAttachmentInScope(sha256, scope) {
      const s = pgScopeSql(scope, 'e.scope_key', 2);
      const rows = await pool.query(
        `SELECT 1 FROM attachment_refs r JOIN entities e ON e.entity = r.entity AND e.entity_id = r.entity_id
         WHERE r.sha256 = $1 AND e.created_gseq > 0 AND ${s.sql} LIMIT 1`,
        [sha256, ...s.params],
      );
      return rows.rows.length > 0;
    },

    failureLog: createPgFailureLog(pool),
    sharedLock: createPgAdvisoryLock(pool),

    close() {
      closed ??= (async () => {
        await pusher.close();
        await partitions.settle();
        await pool.end();
      })();
      return closed;
    },
  };
  return store;
}
