import type { RefreshTokenRecord, SessionEndReason } from '../store/types';

// The refresh-token life cycle as pure decisions (server/README.md "Sessions"); stores apply
// them inside one transaction, so two refreshes racing with the same token are decided one
// after the other.
//
// A refresh token is good once: presenting it retires it (`usedAt`) and issues its successor.
// Two things can present a retired token again:
// - the laptop itself, when the answer carrying the successor was lost on a bad line: the
//   successor was then never used, so the retired token is taken once more and the unused
//   successor is discarded (rotate again). The laptop is never locked out by a lost answer.
// - someone holding a copy (a stolen token), after the successor was used by the other holder:
//   reuse. Either side may be the thief, so the device's whole session is ended and the
//   laptop asks its user for the password.

export const REFRESH_IDLE_MS = 30 * 24 * 60 * 60 * 1000;

export type RefreshDecision =
  /** Retire `token`, issue a successor (and discard `discard`, the never-used one it replaces). */
  | { kind: 'rotate'; discard: string | null }
  | { kind: 'refuse'; why: 'unknown' | 'ended' | 'expired'; reason: SessionEndReason | null }
  /** A retired token whose successor was used: end every session of the device. */
  | { kind: 'reuse' };

/**
 * What to do with a presented refresh token, given its row and its successor's (when retired).
 * `idleMs`: a token not used within this long after it was issued is dead.
 */
export function decideRefresh(
  token: RefreshTokenRecord | null,
  successor: RefreshTokenRecord | null,
  nowMs: number,
  idleMs: number = REFRESH_IDLE_MS,
): RefreshDecision {
  if (!token) return { kind: 'refuse', why: 'unknown', reason: null };
  if (token.endedAt !== null) return { kind: 'refuse', why: 'ended', reason: token.endReason };
  if (token.usedAt === null) {
    // The head of the chain.
    if (nowMs - token.issuedAt >= idleMs) return { kind: 'refuse', why: 'expired', reason: 'expired' };
    return { kind: 'rotate', discard: null };
  }
  // Retired. Its successor is the live head unless something happened since.
  if (!successor || successor.endedAt !== null) return { kind: 'refuse', why: 'ended', reason: successor?.endReason ?? null };
  if (successor.usedAt !== null) return { kind: 'reuse' };
  // The successor was never used: its answer was lost. Take this token once more, as long as
  // the session has not idled out (the successor's issue time is the session's last activity).
  if (nowMs - successor.issuedAt >= idleMs) return { kind: 'refuse', why: 'expired', reason: 'expired' };
  return { kind: 'rotate', discard: successor.tokenHash };
}
