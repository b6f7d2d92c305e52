import type { Role } from '@shared/sync/api';
import { sha256Hex } from '@shared/node/hash';
import { canonicalJson, canonicalOpText, type Op } from '@shared/sync/protocol';
import { checkOpAlone, type Rejection } from './rules';

// What a push needs to know of each op that depends on the op and its pusher only, not on
// anything stored: whether its hash is right (and the value's canonical text, which is what is
// stored) and whether the op is acceptable on its own (rules.ts checkOpAlone). Pure, so it can
// run on a worker thread (push-checks-pool.ts) while the store's thread writes; the store uses
// the answers exactly where it would have computed them (store/sqlite/push.ts, apply-op.ts).

export interface OpCheck {
  /** The value's canonical text when `op.hash` is right over it, else null (a tampered op). */
  valueJson: string | null;
  /** Why the op is refused whatever is stored, or null. */
  alone: Rejection | null;
}

export interface Pusher {
  userId: string;
  role: Role;
}

/**
 * The value's canonical text when `op.hash` is right, else null. Clients send values with their
 * keys already in canonical order, so JSON.stringify usually is the canonical text: when the hash
 * matches over it, it is (sha256); only otherwise is the value canonicalised by sorting (a fresh
 * hash, not a retry of the same check).
 */
export function verifiedValueText(op: Op): string | null {
  const quick = JSON.stringify(op.value);
  if (sha256Hex(canonicalOpText(op, quick)) === op.hash) return quick;
  const canonical = canonicalJson(op.value);
  if (canonical === quick) return null;
  return sha256Hex(canonicalOpText(op, canonical)) === op.hash ? canonical : null;
}

export function checkOp(op: Op, by: Pusher): OpCheck {
  const valueJson = verifiedValueText(op);
  // A tampered op halts the push before its content is judged (push.ts).
  return { valueJson, alone: valueJson === null ? null : checkOpAlone(op, by.userId, by.role, valueJson) };
}

export const checkOps = (ops: readonly Op[], by: Pusher): OpCheck[] => ops.map((op) => checkOp(op, by));
