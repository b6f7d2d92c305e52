import type pg from 'pg';
import { countyFindings, type CountyUnitFacts } from '@shared/registration/county-check';
import { asOfToken, CountyIndex, FACT_FIELDS, factsFromFields, inScope } from '../county-index';
import type { CountyCheckResult, Scope } from '../types';
import { readAtWatermark } from './watermark';

// The county-wide check on PostgreSQL, as on SQLite (store/sqlite/county.ts): each process keeps
// its index of unit facts and brings it up to date at each call from the units whose fields
// changed above the watermark it last read at (watermark.ts), so another process's writes are
// seen. Facts are read for many units a statement.

/** A '$create' cut down to its identity and the initial fields the check reads (jsonb -> keeps JSON). */
const REDUCED_CREATE = `jsonb_build_object('areaCode', v -> 'areaCode', 'kind', v -> 'kind', 'fields', jsonb_build_object(${FACT_FIELDS.filter(
  (f) => !f.startsWith('$') && f !== 'areaCode' && f !== 'kind',
)
  .map((f) => `'${f}', v -> 'fields' -> '${f}'`)
  .join(', ')}))::text`;

const CHUNK = 1_000;

export function createPgCountyReader(pool: pg.Pool): (scope: Scope, knownAsOf: string | null) => Promise<CountyCheckResult> {
  const index = new CountyIndex();

  async function readFacts(client: pg.ClientBase, units: readonly { id: string; scopeKey: string }[]): Promise<void> {
    for (let i = 0; i < units.length; i += CHUNK) {
      const part = units.slice(i, i + CHUNK);
      const rows = await client.query<{ id: string; field: string; value: string }>(
        `SELECT entity_id AS id, field, CASE field WHEN '$create' THEN (SELECT ${REDUCED_CREATE} FROM (SELECT value::jsonb AS v) j) ELSE value END AS value
         FROM field_state WHERE entity = 'unit' AND entity_id = ANY($1::text[])
           AND (field = ANY($2::text[]) OR (field > '611-1.establishments.' AND field < '611-1.establishments/'))`,
        [part.map((u) => u.id), FACT_FIELDS],
      );
      const byId = new Map<string, { field: string; value: string }[]>();
      for (const r of rows.rows) {
        let list = byId.get(r.id);
        if (!list) byId.set(r.id, (list = []));
        list.push(r);
      }
      for (const u of part) {
        const all = byId.get(u.id) ?? [];
        // Cells of 611-1 sent on their own count only for a 法人 (as store/sqlite/county.ts reads them).
        const own = all.filter((r) => !r.field.startsWith('611-1.establishments.'));
        const facts: CountyUnitFacts | null = factsFromFields(u.id, own);
        index.put(u.id, u.scopeKey, facts?.unitType === '1' ? factsFromFields(u.id, all) : facts);
      }
    }
  }

  // One call at a time in a process: the index is brought up to date in place.
  let last: Promise<unknown> = Promise.resolve();
  return (scope, knownAsOf) => {
    const next = last.catch(() => undefined).then(() => check(scope, knownAsOf));
    last = next;
    return next;
  };

  function check(scope: Scope, knownAsOf: string | null): Promise<CountyCheckResult> {
    return readAtWatermark(pool, async (client, watermark) => {
      // Any accepted op anywhere may change a finding; while none came, the laptop's answer stands.
      const asOf = asOfToken(watermark, scope);
      if (knownAsOf === asOf) return { asOf, gseq: watermark, findings: null };
      if (index.gseq !== watermark) {
        const changed =
          index.gseq < 0
            ? await client.query<{ id: string; scopeKey: string }>(
                `SELECT entity_id AS id, scope_key AS "scopeKey" FROM entities WHERE entity = 'unit' AND created_gseq > 0`,
              )
            : await client.query<{ id: string; scopeKey: string }>(
                `SELECT e.entity_id AS id, e.scope_key AS "scopeKey" FROM entities e
                 WHERE e.entity = 'unit' AND e.entity_id IN (SELECT DISTINCT entity_id FROM field_state WHERE version > $1 AND entity = 'unit')`,
                [index.gseq],
              );
        await readFacts(client, changed.rows);
        index.gseq = watermark;
      }
      const scoped = [...index.facts.values()].filter((f) => inScope(scope, index.scopeKeys.get(f.id) ?? ''));
      scoped.sort((a, b) => (index.scopeKeys.get(a.id) ?? '').localeCompare(index.scopeKeys.get(b.id) ?? '') || a.id.localeCompare(b.id));
      return { asOf, gseq: watermark, findings: countyFindings(scoped, index.lookup) };
    });  }
}
