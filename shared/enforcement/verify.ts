import { poolText, rosterText, runRosterDraw, ROSTER_DRAW_ALGORITHM, type Exclusion, type PoolEntry, type RosterDrawItem, type RosterEntry } from './roster-draw';

// Anyone can check a published draw: the seed revealed by the run must hash to the published
// seed hash, the pool and roster kept with the publication to their published hashes, and the
// draw re-run from them must give exactly the recorded enterprises and inspectors. The hash
// function is passed in (node:crypto on the laptop and the server, Web Crypto elsewhere): this
// file stays pure.

export interface Publication {
  algorithm: string;
  seedHash: string;
  poolHash: string;
  rosterHash: string;
  pool: readonly PoolEntry[];
  roster: readonly RosterEntry[];
  count: number;
  perEnterprise: number;
  day: string;
}

export const verifyFailures = ['ALGORITHM', 'SEED_MISMATCH', 'POOL_MISMATCH', 'ROSTER_MISMATCH', 'RESULT_MISMATCH', 'NO_ELIGIBLE'] as const;
export type VerifyFailure = (typeof verifyFailures)[number];
export type Verdict = { ok: true; items: RosterDrawItem[]; exclusions: Exclusion[] } | { ok: false; reason: VerifyFailure };

export type Sha256 = (text: string) => string;

// Compared member by member, so the order keys arrived in (synced JSON) does not matter.
const itemKey = (i: RosterDrawItem) => [i.enterpriseId, i.position, i.uscc, i.name, i.divisionCode, i.inspectors.map((x) => [x.inspectorId, x.name, x.certNo])];

/** The checks a seed must pass before a published draw runs with it (no result to compare yet). */
export function checkPublished(pub: Publication, seed: string, sha256: Sha256): Verdict {
  if (pub.algorithm !== ROSTER_DRAW_ALGORITHM) return { ok: false, reason: 'ALGORITHM' };
  if (sha256(seed) !== pub.seedHash) return { ok: false, reason: 'SEED_MISMATCH' };
  if (sha256(poolText(pub.pool)) !== pub.poolHash) return { ok: false, reason: 'POOL_MISMATCH' };
  if (sha256(rosterText(pub.roster)) !== pub.rosterHash) return { ok: false, reason: 'ROSTER_MISMATCH' };
  const run = runRosterDraw({ seed, pool: pub.pool, roster: pub.roster, count: pub.count, perEnterprise: pub.perEnterprise, day: pub.day });
  return run.ok ? { ok: true, items: run.items, exclusions: run.exclusions } : { ok: false, reason: 'NO_ELIGIBLE' };
}

/** A run checked against its publication: every check above, then the recorded result against the re-run. */
export function verifyRun(pub: Publication, run: { seed: string; items: readonly RosterDrawItem[] }, sha256: Sha256): Verdict {
  const again = checkPublished(pub, run.seed, sha256);
  if (!again.ok) return again;
  if (JSON.stringify(again.items.map(itemKey)) !== JSON.stringify(run.items.map(itemKey))) return { ok: false, reason: 'RESULT_MISMATCH' };
  return again;
}
