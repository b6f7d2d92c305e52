import type Database from 'better-sqlite3-multiple-ciphers';
import { and, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { decideRefresh } from '../../auth/session-rules';
import type { ServerDatabase } from '@server/db/open';
import { accessTokens, devices, refreshTokens } from '@server/db/schema';
import { toRefreshToken } from '../rows';
import type { DeviceRecord, RefreshOutcome, RefreshTokenRecord, SessionEndReason } from '../types';

// Sessions in the embedded store: refresh-token chains and access tokens (server/README.md
// "Sessions"). Every change of a chain is one IMMEDIATE transaction, so concurrent refreshes
// with the same token are decided one after the other.


export function createSessionStore(sqlite: Database.Database, db: ServerDatabase, toDevice: (row: typeof devices.$inferSelect) => DeviceRecord) {
  const findToken = (hash: string | null): RefreshTokenRecord | null => {
    if (hash === null) return null;
    const row = db.select().from(refreshTokens).where(eq(refreshTokens.tokenHash, hash)).get();
    return row ? toRefreshToken(row) : null;
  };

  /** Ends the open tokens of the devices and deletes their access tokens; returns the tokens ended. */
  const endForDevices = (deviceIds: readonly string[], reason: SessionEndReason, nowMs: number): number => {
    if (deviceIds.length === 0) return 0;
    const ended = db
      .update(refreshTokens)
      .set({ endedAt: nowMs, endReason: reason })
      .where(and(inArray(refreshTokens.deviceId, [...deviceIds]), isNull(refreshTokens.endedAt)))
      .run().changes;
    db.delete(accessTokens).where(inArray(accessTokens.deviceId, [...deviceIds])).run();
    return ended;
  };

  return {
    findRefreshToken: findToken,

    /** Inside registerDevice's transaction: a new chain for the device, earlier ones ended. */
    startChain(deviceId: string, refreshHash: string, nowMs: number): void {
      endForDevices([deviceId], 'login', nowMs);
      db.insert(refreshTokens).values({ tokenHash: refreshHash, deviceId, issuedAt: nowMs }).run();
    },

    refreshSession(presentedHash: string, successorHash: string, nowMs: number, idleMs: number): RefreshOutcome {
      return sqlite.transaction((): RefreshOutcome => {
        const token = findToken(presentedHash);
        const deviceRow = token ? db.select().from(devices).where(eq(devices.id, token.deviceId)).get() : undefined;
        if (!token || !deviceRow) return { kind: 'refused', why: 'unknown', reason: null };
        const device = toDevice(deviceRow);
        if (device.revokedAt !== null) return { kind: 'revoked', device };
        const decision = decideRefresh(token, findToken(token.successorHash), nowMs, idleMs);
        switch (decision.kind) {
          case 'refuse':
            return { kind: 'refused', why: decision.why, reason: decision.reason };
          case 'reuse':
            endForDevices([device.id], 'reuse', nowMs);
            return { kind: 'reused', device };
          case 'rotate':
            if (decision.discard !== null) {
              db.update(refreshTokens)
                .set({ endedAt: nowMs, endReason: 'superseded' })
                .where(eq(refreshTokens.tokenHash, decision.discard))
                .run();
            }
            db.update(refreshTokens)
              .set({ usedAt: token.usedAt ?? nowMs, successorHash })
              .where(eq(refreshTokens.tokenHash, presentedHash))
              .run();
            db.insert(refreshTokens).values({ tokenHash: successorHash, deviceId: device.id, issuedAt: nowMs }).run();
            return { kind: 'rotated', device };
        }
      }).immediate();
    },

    endSessions(target: { deviceId: string } | { userId: string }, reason: SessionEndReason, nowMs: number): number {
      return sqlite.transaction(() => {
        const ids =
          'deviceId' in target
            ? [target.deviceId]
            : db
                .select({ id: devices.id })
                .from(devices)
                .where(eq(devices.userId, target.userId))
                .all()
                .map((r) => r.id);
        return endForDevices(ids, reason, nowMs);
      }).immediate();
    },

    /** For setPasswordHash's transaction. */
    endForUser(userId: string, reason: SessionEndReason, nowMs: number): number {
      const ids = db
        .select({ id: devices.id })
        .from(devices)
        .where(eq(devices.userId, userId))
        .all()
        .map((r) => r.id);
      return endForDevices(ids, reason, nowMs);
    },

    pruneTokens(beforeMs: number): void {
      sqlite.transaction(() => {
        db.delete(accessTokens).where(lt(accessTokens.expiresAt, beforeMs)).run();
        // A row's last event: its end, else its use, else its issue.
        db.delete(refreshTokens)
          .where(
            or(
              lt(refreshTokens.endedAt, beforeMs),
              and(isNull(refreshTokens.endedAt), lt(sql`coalesce(${refreshTokens.usedAt}, ${refreshTokens.issuedAt})`, beforeMs)),
            ),
          )
          .run();
      }).immediate();
    },
  };
}
