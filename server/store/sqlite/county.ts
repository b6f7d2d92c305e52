import type Database from 'better-sqlite3-multiple-ciphers';
import {
  countyFindings,
  type CountyFinding,
  type CountyUnitFacts,
  establishmentRows,
  unitTypeOf,
} from '@shared/registration/county-check';
import { createHash } from 'node:crypto';
import type { CountyCheckResult, Scope } from '../types';
import { scopeSql, statementCache } from './scope-sql';

// The county-wide check on SQLite: the facts of the units in the caller's scope, and of the
// units anywhere in the county that share a USCC with them or name one of them as parent, found
// through the two expression indexes of migration 0008 (their expressions are repeated here word
// for word: SQLite uses an expression index only for the same expression). One read
// transaction, so the answer is one consistent picture. The decision is shared/registration/county-check.ts.

const USCC_EXPR = `(CASE field WHEN '$create' THEN json_extract(value, '$.fields.uscc') ELSE json_extract(value, '$') END)`;
const PARENT_EXPR = `(CASE field WHEN '$create' THEN json_extract(value, '$.fields."611.parentUscc"') ELSE json_extract(value, '$') END)`;

/**
 * The units holding a USCC, and those naming it as their parent's. Each names its index: left to
 * itself the planner takes the primary key's `entity = 'unit'` prefix, a walk over every field
 * of every unit.
 */
export const COUNTY_LOOKUPS = {
  byUscc: `SELECT DISTINCT entity_id FROM field_state INDEXED BY field_state_unit_uscc_idx WHERE entity = 'unit' AND field IN ('uscc', '$create') AND ${USCC_EXPR} = ?`,
  byParentUscc: `SELECT DISTINCT entity_id FROM field_state INDEXED BY field_state_unit_parent_idx WHERE entity = 'unit' AND field IN ('611.parentUscc', '$create') AND ${PARENT_EXPR} = ?`,
};

/** The fields the check reads (one cell of 611-1 may also travel on its own: '611-1.establishments.N.estName'). */
const FACT_FIELDS = ['$create', '$delete', 'uscc', 'name', 'areaCode', 'kind', '611.unitType', '611.parentUscc', '611.parentOutsideCounty', '611-1.establishments'];

/**
 * A '$create' cut down to its identity and the initial fields the check reads. `->` (not
 * json_extract) keeps each value JSON, so true stays true rather than becoming 1.
 */
const REDUCED_CREATE = `json_object('areaCode', value -> '$.areaCode', 'kind', value -> '$.kind', 'fields', json_object(${FACT_FIELDS.filter(
  (f) => !f.startsWith('$') && f !== 'areaCode' && f !== 'kind',
)
  .map((f) => `'${f}', value -> '$.fields."${f}"'`)
  .join(', ')}))`;

type Json = unknown;
const isRecord = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: Json): string => (typeof v === 'string' ? v : '');

/** A unit's facts from its current fields ('$create' initial fields under later ones); null without '$create'. */
export function factsFromFields(id: string, rows: readonly { field: string; value: string }[]): CountyUnitFacts | null {
  const own = new Map<string, Json>();
  const cells: [string, Json][] = [];
  for (const r of rows) {
    const value = JSON.parse(r.value) as Json;
    if (r.field.startsWith('611-1.establishments.')) cells.push([r.field, value]);
    else own.set(r.field, value);
  }
  const created = own.get('$create');
  if (!isRecord(created)) return null;
  const initial = isRecord(created.fields) ? created.fields : {};
  const get = (field: string): Json => (own.has(field) ? own.get(field) : initial[field]);
  let establishments = get('611-1.establishments');
  if (cells.length > 0) {
    const list: Json[] = Array.isArray(establishments) ? establishments.map((r) => (isRecord(r) ? { ...r } : {})) : [];
    for (const [field, value] of cells) {
      const [, , row = '', cell = ''] = field.split('.');
      const i = Number(row);
      if (!Number.isInteger(i) || i < 0 || i > 999 || cell === '') continue;
      const target = isRecord(list[i]) ? list[i] : {};
      target[cell] = value;
      list[i] = target;
    }
    establishments = list;
  }
  const kind = str(get('kind')) || str(created.kind) || 'legal';
  const deleted = get('$delete');
  return {
    id,
    areaCode: str(get('areaCode')) || str(created.areaCode),
    name: str(get('name')),
    kind,
    unitType: unitTypeOf(get('611.unitType'), kind),
    uscc: str(get('uscc')),
    parentUscc: str(get('611.parentUscc')),
    parentOutsideCounty: get('611.parentOutsideCounty') === true,
    establishments: establishmentRows(establishments),
    isDeleted: deleted !== undefined && deleted !== null,
  };
}

/** Bumped when the check's decision changes, so laptops holding an older answer get a new one. */
const CHECK_VERSION = 'c1';

/** What an answer was computed from: the newest accepted op anywhere, the scope, the check. */
const asOfToken = (gseq: number, scope: Scope): string =>
  `${CHECK_VERSION}.${gseq}.${createHash('sha256').update(JSON.stringify(scope)).digest('hex').slice(0, 16)}`;

export function createCountyReader(sqlite: Database.Database): (scope: Scope, knownAsOf: string | null) => CountyCheckResult {
  const prepare = statementCache(sqlite);
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
  const byUsccIds = sqlite.prepare<[string], string>(COUNTY_LOOKUPS.byUscc).pluck();
  const byParentIds = sqlite.prepare<[string], string>(COUNTY_LOOKUPS.byParentUscc).pluck();

  return sqlite.transaction((scope: Scope, knownAsOf: string | null): CountyCheckResult => {
    // Any accepted op anywhere may change a finding; while none came, the laptop's answer stands.
    const asOf = asOfToken(maxGseq.get() ?? 0, scope);
    if (knownAsOf === asOf) return { asOf, findings: null };
    const memo = new Map<string, CountyUnitFacts | null>();
    const factsOf = (id: string): CountyUnitFacts | null => {
      let facts = memo.get(id);
      if (facts === undefined) {
        const rows = fieldsOf.all(id, ...FACT_FIELDS);
        facts = factsFromFields(id, rows);
        if (facts?.unitType === '1') facts = factsFromFields(id, [...rows, ...cellsOf.all(id)]);
        memo.set(id, facts);
      }
      return facts;
    };
    const many = (ids: readonly string[]): CountyUnitFacts[] => ids.flatMap((id) => factsOf(id) ?? []);
    const s = scopeSql(scope, 'scope_key');
    const inScope = prepare(`SELECT entity_id FROM entities WHERE entity = 'unit' AND ${s.sql} ORDER BY scope_key, entity_id`)
      .pluck()
      .all(...s.params) as string[];
    const findings: CountyFinding[] = countyFindings(many(inScope), {
      byUscc: (uscc) => many(byUsccIds.all(uscc)),
      byParentUscc: (uscc) => many(byParentIds.all(uscc)),
    });
    return { asOf, findings };
  });
}
