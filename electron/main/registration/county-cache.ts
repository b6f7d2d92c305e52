import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AppDatabase, Db } from '@db/open';
import { countyFindings } from '@db/schema';
import { CountyFindingKind, establishmentRows, listsEstablishment, type CountyFinding, type CountyOther } from '@shared/registration/county-check';
import type { ServerClient } from '../sync/client';
import { isSyncFailure } from '../sync/errors';
import { readCursor, readScope } from '../sync/pull';
import { readState, writeState } from '../sync/queries/state';
import { stateKeys } from '../sync/state-keys';

// The bureau's county-wide check (查重, 法人 ↔ 产业活动单位 links) kept on the laptop. After each
// complete pull (core.ts afterPull) the laptop asks the server, which alone holds every unit of
// the county, and replaces the cache with its answer; offline, the last answer stands, shown
// with the time the server computed it. A finding is shown only while the unit still holds the
// value it was decided on (its USCC; for a missing parent, the parent USCC and no "outside the
// county" mark; for an unlisted establishment, a 611-1 still without it): an enumerator who
// corrects the unit sees it go at once, not at the next sync.
//
// These findings never block submission: the answer may be days old, they name units this
// laptop cannot open or change, and the resolution (which of two registrations stands) is the
// supervisor's and the bureau's, whose laptops show the same check on the review page.

type CountyClient = Pick<ServerClient, 'countyCheck'>;

/** The answer held here: what the server computed it from, and our scope then. */
const HeldAnswer = z.object({ asOf: z.string(), gseq: z.number(), scope: z.array(z.string()).nullable() });
type HeldAnswer = z.infer<typeof HeldAnswer>;

const sameScope = (a: readonly string[] | null, b: readonly string[] | null): boolean =>
  a === null || b === null ? a === b : a.length === b.length && a.every((p, i) => p === b[i]);

/**
 * Fetches the check and replaces the cache; the number of findings, or null when the server has
 * none to give (an older build), refused, or found nothing changed since the answer held here
 * (its time then moves on). Network failures end the sync like any request's.
 */
export async function receiveCountyCheck(db: AppDatabase, client: CountyClient): Promise<number | null> {
  const held = HeldAnswer.safeParse(readState(db, stateKeys.countyCheckAsOf));
  // The pull just ended at the server's newest change: when our answer reflects that same
  // change and scope, nothing anywhere has changed since and there is nothing to ask.
  if (held.success && held.data.gseq === readCursor(db) && sameScope(held.data.scope, readScope(db))) return null;
  let answer;
  try {
    answer = await client.countyCheck(held.success ? held.data.asOf : null);
  } catch (e) {
    // A view, like the team: a refusal must not fail the sync that carried the data.
    if (!isSyncFailure(e) || e.code === 'SERVER_UNREACHABLE') throw e;
    console.warn(`[sync] county check not refreshed: ${e.code} ${e.message}`);
    return null;
  }
  if (answer === null) return null;
  const { computedAt, findings, asOf, gseq } = answer;
  const heldNow = { asOf, gseq, scope: readScope(db) } satisfies HeldAnswer;
  if (answer.unchanged) {
    // Nothing changed on the server since our answer: it holds as of now.
    db.transaction((tx) => {
      tx.update(countyFindings).set({ computedAt }).run();
      writeState(tx, stateKeys.countyCheckAsOf, heldNow);
    });
    return null;
  }
  db.transaction((tx) => {
    writeState(tx, stateKeys.countyCheckAsOf, heldNow);
    tx.delete(countyFindings).run();
    // Several findings of one kind about the same pair collapse into one row (the key).
    for (const f of findings) {
      tx.insert(countyFindings)
        .values({
          unitId: f.unitId,
          kind: f.kind,
          basis: f.basis,
          otherId: f.other?.id ?? '',
          otherName: f.other?.name ?? '',
          otherUscc: f.other?.uscc ?? '',
          otherAreaCode: f.other?.areaCode ?? '',
          otherKind: f.other?.kind ?? '',
          otherUnitType: f.other?.unitType ?? '',
          computedAt,
        })
        .onConflictDoNothing()
        .run();
    }
  });
  return findings.length;
}

/**
 * Whether the cached finding `cf` still holds for its unit `u` (both aliases in the query). The
 * one definition for the list's mark and the unit page, so both always agree.
 */
const stillHolds = sql.raw(`u.deleted_at IS NULL AND CASE cf.kind
  WHEN 'parent_missing' THEN coalesce(json_extract(u.data, '$."611".parentOutsideCounty'), 0) IS NOT 1
    AND coalesce(json_extract(u.data, '$."611".parentUscc'), '') = cf.basis
  ELSE cf.basis = u.uscc END`);

/**
 * For the unit list: whether the unit may have a county finding that still holds (the list then
 * confirms each flagged row with countyFindingsOf, which also reads its 611-1). Correlated on the
 * outer unit's id alone, so the list stays on its covering index; the unit's row is read only
 * for the few units with a cached finding.
 */
export const hasCountyFinding = sql<number>`EXISTS (
  SELECT 1 FROM county_findings cf JOIN units u ON u.id = cf.unit_id
  WHERE cf.unit_id = "units"."id" AND ${stillHolds}
)`;

export interface CountyFindingsOfUnit {
  computedAt: string;
  findings: CountyFinding[];
}

const parseList = (text: string | null): unknown => {
  if (text === null) return [];
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return [];
  }
};

const unitTypeOf = (t: string): CountyOther['unitType'] => (t === '1' || t === '2' ? t : '');

/** The unit's findings that still hold, with the time the server computed them; null when none. */
export function countyFindingsOf(db: Db, unitId: string): CountyFindingsOfUnit | null {
  const rows = db.all<{
    kind: string;
    basis: string;
    otherId: string;
    otherName: string;
    otherUscc: string;
    otherAreaCode: string;
    otherKind: string;
    otherUnitType: string;
    computedAt: string;
    listed: string | null;
  }>(sql`SELECT cf.kind, cf.basis, cf.other_id AS otherId, cf.other_name AS otherName, cf.other_uscc AS otherUscc, cf.other_area_code AS otherAreaCode,
                cf.other_kind AS otherKind, cf.other_unit_type AS otherUnitType, cf.computed_at AS computedAt,
                json_extract(u.data, '$."611-1".establishments') AS listed
         FROM county_findings cf JOIN units u ON u.id = cf.unit_id
         WHERE cf.unit_id = ${unitId} AND ${stillHolds}
         ORDER BY cf.kind, cf.other_area_code, cf.other_name`);
  const findings = rows.flatMap((r): CountyFinding[] => {
    const kind = CountyFindingKind.safeParse(r.kind);
    if (!kind.success) return [];
    const other =
      r.otherId === '' ? null : { id: r.otherId, name: r.otherName, uscc: r.otherUscc, areaCode: r.otherAreaCode, kind: r.otherKind, unitType: unitTypeOf(r.otherUnitType) };
    // An establishment the 法人 has since put on its 611-1 (matched as the server matches).
    if (kind.data === 'unlisted_establishment' && other && listsEstablishment(establishmentRows(parseList(r.listed)), other)) return [];
    return [{ unitId, kind: kind.data, basis: r.basis, other }];
  });
  const first = rows[0];
  return first && findings.length > 0 ? { computedAt: first.computedAt, findings } : null;
}
