import { hash } from 'node:crypto';
import { canonicalOpText, type Op } from '@shared/sync/protocol';

// The one sha256 the laptop and the server both compute: op hashes (the chain each device
// signs, electron/main/sync/chain.ts; the server's check, server/store/sqlite/push.ts) and the
// bucket checksums both sides compare (shared/sync/checksum.ts), so they must agree byte for
// byte. crypto.hash: one call, no Hash object; verify hashes every entity id of a fresh pull
// for its bucket.
export const sha256Hex = (text: string): string => hash('sha256', text, 'hex');

/** The hash an op must carry: sha256 of the canonical JSON of every other member (canonicalOpText). */
export function opHash(op: Omit<Op, 'hash'>): string {
  return sha256Hex(canonicalOpText(op));
}
