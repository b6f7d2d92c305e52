import { and, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { decideRefresh } from '../../auth/session-rules';
import type { PgDatabase } from '@server/db/pg/open';
import { accessTokens, devices, refreshTokens } from '@server/db/pg/schema';
import { toRefreshToken } from '../rows';
import type { DeviceRecord, RefreshOutcome, RefreshTokenRecord, SessionEndReason } from '../types';

// Sessions on PostgreSQL: refresh-token chains and access tokens (server/README.md "Sessions").
// A refresh locks the presented token's row (FOR UPDATE), so two processes refreshing with the
// same token at once decide one after the other, as the embedded store's IMMEDIATE transaction does.

type Tx = Parameters<Parameters<PgDatabase['transaction']>[0]>[0];
type Q = PgDatabase | Tx;


export function createPgSessions(db: PgDatabase, toDevice: (row: typeof devices.$inferSelect) => DeviceRecord) {
  const findToken = async (q: Q, hash: string | null, lock = false): Promise<RefreshTokenRecord | null> => {
    if (hash === null) return null;
    const base = q.select().from(refreshTokens).where(eq(refreshTokens.tokenHash, hash));
    const [row] = lock ? await base.for('update') : await base;
    return row ? toRefreshToken(row) : null;
  };

  const endForDevices = async (q: Q, deviceIds: readonly string[], reason: SessionEndReason, nowMs: number): Promise<number> => {
    if (deviceIds.length === 0) return 0;
    const ended = await q
      .update(refreshTokens)
      .set({ endedAt: nowMs, endReason: reason })
      .where(and(inArray(refreshTokens.deviceId, [...deviceIds]), isNull(refreshTokens.endedAt)))
      .returning({ h: refreshTokens.tokenHash });
    await q.delete(accessTokens).where(inArray(accessTokens.deviceId, [...deviceIds]));
    return ended.length;
  };

  const deviceIdsOf = async (q: Q, userId: string): Promise<string[]> =>
    (await q.select({ id: devices.id }).from(devices).where(eq(devices.userId, userId))).map((r) => r.id);

  return {
    findRefreshToken: (hash: string) => findToken(db, hash),

    /** Inside registerDevice's transaction: a new chain for the device, earlier ones ended. */
    async startChain(q: Q, deviceId: string, refreshHash: string, nowMs: number): Promise<void> {
      await endForDevices(q, [deviceId], 'login', nowMs);
      await q.insert(refreshTokens).values({ tokenHash: refreshHash, deviceId, issuedAt: nowMs });
    },

    refreshSession(presentedHash: string, successorHash: string, nowMs: number, idleMs: number): Promise<RefreshOutcome> {
      return db.transaction(async (tx): Promise<RefreshOutcome> => {
        const token = await findToken(tx, presentedHash, true);
        const [deviceRow] = token ? await tx.select().from(devices).where(eq(devices.id, token.deviceId)) : [];
        if (!token || !deviceRow) return { kind: 'refused', why: 'unknown', reason: null };
        const device = toDevice(deviceRow);
        if (device.revokedAt !== null) return { kind: 'revoked', device };
        const decision = decideRefresh(token, await findToken(tx, token.successorHash, true), nowMs, idleMs);
        switch (decision.kind) {
          case 'refuse':
            return { kind: 'refused', why: decision.why, reason: decision.reason };
          case 'reuse':
            await endForDevices(tx, [device.id], 'reuse', nowMs);
            return { kind: 'reused', device };
          case 'rotate':
            if (decision.discard !== null) {
              await tx.update(refreshTokens).set({ endedAt: nowMs, endReason: 'superseded' }).where(eq(refreshTokens.tokenHash, decision.discard));
            }
            await tx
              .update(refreshTokens)
              .set({ usedAt: token.usedAt ?? nowMs, successorHash })
              .where(eq(refreshTokens.tokenHash, presentedHash));
            await tx.insert(refreshTokens).values({ tokenHash: successorHash, deviceId: device.id, issuedAt: nowMs });
            return { kind: 'rotated', device };
        }
      });
    },

    endSessions(target: { deviceId: string } | { userId: string }, reason: SessionEndReason, nowMs: number): Promise<number> {
      return db.transaction(async (tx) => endForDevices(tx, 'deviceId' in target ? [target.deviceId] : await deviceIdsOf(tx, target.userId), reason, nowMs));
    },

    /** For setPasswordHash's transaction. */
    async endForUser(q: Q, userId: string, reason: SessionEndReason, nowMs: number): Promise<number> {
      return endForDevices(q, await deviceIdsOf(q, userId), reason, nowMs);
    },

    async pruneTokens(beforeMs: number): Promise<void> {
      await db.transaction(async (tx) => {
        await tx.delete(accessTokens).where(lt(accessTokens.expiresAt, beforeMs));
        await tx
          .delete(refreshTokens)
          .where(
            or(
              lt(refreshTokens.endedAt, beforeMs),
              and(isNull(refreshTokens.endedAt), lt(sql`coalesce(${refreshTokens.usedAt}, ${refreshTokens.issuedAt})`, beforeMs)),
            ),
          );
      });
    },
  };
}
