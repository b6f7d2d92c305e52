import { opHash, sha256Hex } from '@shared/node/hash';
import { canonicalJson, canonicalOpText, type Op } from '@shared/sync/protocol';

// Each device's operations form a hash chain: an op's hash covers all its fields (prevHash
// included), so an op edited, dropped or inserted after the fact breaks every later link and
// the server refuses it.

export type UnsignedOp = Omit<Op, 'hash'>;

export const signOp = (op: UnsignedOp): Op => ({ ...op, hash: opHash(op) });

/**
 * Signs an op and writes its stored text: the canonical text with `hash` appended, so the
 * value travels with its keys already in canonical order and the server can check the hash
 * over JSON.stringify of what it parsed instead of sorting every key again. `valueText` is
 * canonicalJson(op.value) when the caller already has it (the outbox measures it first).
 */
export function signOpText(op: UnsignedOp, valueText: string = canonicalJson(op.value)): { op: Op; text: string } {
  const unsignedText = canonicalOpText(op, valueText);
  const hash = sha256Hex(unsignedText);
  return { op: { ...op, hash }, text: `${unsignedText.slice(0, -1)},"hash":"${hash}"}` };
}

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
