import { randomBytes } from 'node:crypto';
import type { JsonValue, Op } from '@shared/sync/protocol';
import type { ServerStore } from '../store/types';
import { opHash } from '@shared/node/hash';

// Changes made on the server itself (the admin CLI's frame import) travel as ops of a device
// of their own, chained and hashed like a laptop's, through the same push path: so they get
// gseqs, reach laptops by pull, show in the checksum, and are attributable like any edit.

export const SERVER_DEVICE_ID = 'bureau-server';
/** Attribution when no --by user is named: the bureau's admin command line. */
export const SERVER_USER_ID = 'bureau';

export interface FieldWrite {
  entityId: string;
  field: string;
  value: JsonValue;
}

const BATCH = 5_000;

/** Pushes the writes as admin-scoped ops of the server device; returns how many were rejected. */
export async function pushServerWrites(
  store: ServerStore,
  writes: readonly FieldWrite[],
  opts: { userId: string; appVersion: string; now?: () => number },
): Promise<{ applied: number; rejected: { field: string; entityId: string; message: string }[] }> {
  const now = opts.now ?? Date.now;
  const last = await store.lastOp(SERVER_DEVICE_ID);
  let seq = last.seq;
  let prevHash = last.hash;
  let counter = 0;
  const wall = now();
  const at = new Date(wall).toISOString();
  const ops: Op[] = writes.map((w) => {
    seq += 1;
    counter += 1;
    const unsigned = {
      deviceId: SERVER_DEVICE_ID,
      seq,
      entity: 'unit' as const,
      entityId: w.entityId,
      field: w.field,
      value: w.value,
      baseVersion: 0,
      hlc: `${String(wall).padStart(13, '0')}-${String(counter % 1_000_000).padStart(6, '0')}-${SERVER_DEVICE_ID}`,
      userId: opts.userId,
      at,
      appVersion: opts.appVersion,
      schemaVersion: 'server',
      prevHash,
    };
    const op: Op = { ...unsigned, hash: '' };
    op.hash = opHash(op);
    prevHash = op.hash;
    return op;
  });
  const rejected: { field: string; entityId: string; message: string }[] = [];
  for (let i = 0; i < ops.length; i += BATCH) {
    const batch = ops.slice(i, i + BATCH);
    const result = await store.push(
      { userId: opts.userId, role: 'admin', deviceId: SERVER_DEVICE_ID, scope: { isAll: true }, receivedAt: at },
      batch,
    );
    if (result.halted) throw new Error(`server op chain refused: ${result.halted.message}`);
    for (const r of result.rejected) {
      const op = batch.find((o) => o.seq === r.seq);
      rejected.push({ field: op?.field ?? '', entityId: op?.entityId ?? '', message: `${r.code}: ${r.message}` });
    }
  }
  return { applied: ops.length - rejected.length, rejected };
}

/** A new unit id (the protocol's 8–64 of [A-Za-z0-9_-]). */
export const newUnitId = (): string => `srv-${randomBytes(12).toString('base64url')}`;
