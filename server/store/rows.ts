import { Role, sessionEndReasons } from '@shared/sync/api';
import { ForkRequestStatus } from '@shared/sync/fork';
import type { DeviceRecord, ForkRequestRecord, PackRecord, RefreshTokenRecord, SessionEndReason, UserRecord } from './types';

// Rows as both stores' drizzle schemas read them (the same columns under the same names) into the
// records of types.ts; text columns holding a closed list are checked on the way out.

interface UserRow {
  id: string;
  username: string;
  name: string;
  role: string;
  passwordHash: string;
  createdAt: string;
}

export const toUser = (row: UserRow): UserRecord => ({
  id: row.id,
  username: row.username,
  name: row.name,
  role: Role.parse(row.role),
  passwordHash: row.passwordHash,
  createdAt: row.createdAt,
});

export const toDevice = (row: DeviceRecord): DeviceRecord => ({
  id: row.id,
  userId: row.userId,
  name: row.name,
  appVersion: row.appVersion,
  createdAt: row.createdAt,
  lastSeenAt: row.lastSeenAt,
  revokedAt: row.revokedAt,
});

const asEndReason = (v: string | null): SessionEndReason | null => sessionEndReasons.find((r) => r === v) ?? null;

export const toRefreshToken = (row: Omit<RefreshTokenRecord, 'endReason'> & { endReason: string | null }): RefreshTokenRecord => ({
  tokenHash: row.tokenHash,
  deviceId: row.deviceId,
  issuedAt: row.issuedAt,
  usedAt: row.usedAt,
  successorHash: row.successorHash,
  endedAt: row.endedAt,
  endReason: asEndReason(row.endReason),
});

export const toForkRequest = (row: Omit<ForkRequestRecord, 'status'> & { status: string }): ForkRequestRecord => ({ ...row, status: ForkRequestStatus.parse(row.status) });

export const toPack = (row: Omit<PackRecord, 'bodyJson'> & { body: string }): PackRecord => ({
  ref: row.ref,
  packId: row.packId,
  version: row.version,
  hash: row.hash,
  bodyJson: row.body,
  publishedBy: row.publishedBy,
  publishedAt: row.publishedAt,
  currentSince: row.currentSince,
});
