import type Database from 'better-sqlite3-multiple-ciphers';
import { countyFindings, type CountyUnitFacts } from '@shared/registration/county-check';
import { asOfToken, CountyIndex, FACT_FIELDS, factsFromFields, inScope } from '../county-index';
import type { CountyCheckResult, Scope } from '../types';

// The county-wide check on SQLite. What it reads of each unit (USCC, type, parent, 611-1 rows)
// is kept in memory by USCC and parent USCC (store/county-index.ts), brought up to date from the
// store at each call, so a call answers in proportion to what changed since the last one rather
// than to the county. Each call runs in one read transaction, so the answer is one consistent
// picture of the store. The decision is shared/registration/county-check.ts.

/**
 * A '$create' cut down to its identity and the initial fields the check reads. `->` (not
 * json_extract) keeps each value JSON, so true stays true rather than becoming 1.
 */
const REDUCED_CREATE = `json_object('areaCode', value -> '$.areaCode', 'kind', value -> '$.kind', 'fields', json_object(${FACT_FIELDS.filter(
  (f) => !f.startsWith('$') && f !== 'areaCode' && f !== 'kind',
)
  .map((f) => `'${f}', value -> '$.fields."${f}"'`)
  .join(', ')}))`;

export function createCountyReader(sqlite: Database.Database): (scope: Scope, knownAsOf: string | null) => CountyCheckResult {
  const maxGseq = sqlite.prepare<[], number>('SELECT coalesce(max(gseq), 0) FROM ops').pluck();
  // A '$create' carries every initial answer (~2 KB): only what the check reads is taken out of
  // it here, so 10,000 of them are not parsed whole in JavaScript.
  const fieldsOf = sqlite.prepare<string[], { field: string; value: string }>(
    `SELECT field, CASE field WHEN '$create' THEN ${REDUCED_CREATE} ELSE value END AS value
     FROM field_state WHERE entity = 'unit' AND entity_id = ? AND field IN (${FACT_FIELDS.map(() => '?').join(', ')})`,
  );
  // One cell of 611-1 sent on its own: a range of the primary key, read only for a 法人.
  const cellsOf = sqlite.prepare<[string], { field: string; value: string }>(
    `SELECT field, value FROM field_state WHERE entity = 'unit' AND entity_id = ?
       AND field > '611-1.establishments.' AND field < '611-1.establishments/'`,
  );
  const allUnits = sqlite.prepare<[], { id: string; scopeKey: string }>("SELECT entity_id AS id, scope_key AS scopeKey FROM entities WHERE entity = 'unit'");
  const changedUnits = sqlite.prepare<[number], { id: string; scopeKey: string }>(
    `SELECT e.entity_id AS id, e.scope_key AS scopeKey FROM entities e
     WHERE e.entity = 'unit' AND e.entity_id IN (SELECT DISTINCT entity_id FROM field_state WHERE version > ? AND entity = 'unit')`,
  );
  const index = new CountyIndex();

  const read = (id: string): CountyUnitFacts | null => {
    const rows = fieldsOf.all(id, ...FACT_FIELDS);
    const facts = factsFromFields(id, rows);
    return facts?.unitType === '1' ? factsFromFields(id, [...rows, ...cellsOf.all(id)]) : facts;
  };

  return sqlite.transaction((scope: Scope, knownAsOf: string | null): CountyCheckResult => {
    const gseq = maxGseq.get() ?? 0;
    // Any accepted op anywhere may change a finding; while none came, the laptop's answer stands.
    const asOf = asOfToken(gseq, scope);
    if (knownAsOf === asOf) return { asOf, gseq, findings: null };
    if (index.gseq !== gseq) {
      const changed = index.gseq < 0 ? allUnits.all() : changedUnits.all(index.gseq);
      for (const u of changed) index.put(u.id, u.scopeKey, read(u.id));
      index.gseq = gseq;
    }
    const scoped = [...index.facts.values()].filter((f) => inScope(scope, index.scopeKeys.get(f.id) ?? ''));
    scoped.sort((a, b) => (index.scopeKeys.get(a.id) ?? '').localeCompare(index.scopeKeys.get(b.id) ?? '') || a.id.localeCompare(b.id));
    return { asOf, gseq, findings: countyFindings(scoped, index.lookup) };
  });
}
