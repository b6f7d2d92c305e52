import { createHash } from 'node:crypto';
import { canonicalJson, type Op } from '../../../shared/sync/protocol';

// Each device's operations form a hash chain: an op's hash covers all its fields (prevHash
// included), so an op edited, dropped or inserted after the fact breaks every later link and
// the server refuses it.

export type UnsignedOp = Omit<Op, 'hash'>;

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** sha256 of the canonical JSON of the op without its `hash`. */
export function opHash(op: UnsignedOp): string {
  const { hash: _ignored, ...unsigned } = op as Op;
  return sha256Hex(canonicalJson(unsigned));
}

export const signOp = (op: UnsignedOp): Op => ({ ...op, hash: opHash(op) });

/**
 * Checks a run of one device's ops, in seq order, continuing from `prevHash`: every hash
 * matches its content and every prevHash names the op before. Returns the first bad seq, or null.
 */
export function findChainBreak(ops: readonly Op[], prevHash: string): number | null {
  let expected = prevHash;
  for (const op of ops) {
    if (op.prevHash !== expected || opHash(op) !== op.hash) return op.seq;
    expected = op.hash;
  }
  return null;
}
