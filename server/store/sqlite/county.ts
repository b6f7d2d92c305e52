import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';
import { normaliseIdentifier } from '@shared/census/identifiers';
import { countyFindings, type CountyLookup, type CountyUnitFacts, establishmentRows, unitTypeOf } from '@shared/registration/county-check';
import type { CountyCheckResult, Scope } from '../types';

// The county-wide check on SQLite. What it reads of each unit (USCC, type, parent, 611-1 rows)
// is kept in memory by USCC and parent USCC (CountyIndex below), brought up to date from the
// store at each call, so a call answers in proportion to what changed since the last one rather
// than to the county. Each call runs in one read transaction, so the answer is one consistent
// picture of the store. The decision is shared/registration/county-check.ts.

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

/**
 * Every unit's facts and who holds which USCC, kept in memory between calls and brought up to
 * date from the store at each call: the units whose fields changed since (field_state.version,
 * the op's gseq, served by field_state_version_idx) are read again, the others are not. The
 * first call after a start reads every unit once (~10,000 units: a few hundred ms); a call
 * after a sync that changed ten units reads ten. ~300 B a unit.
 */
class CountyIndex {
  gseq = -1;
  readonly facts = new Map<string, CountyUnitFacts>();
  readonly scopeKeys = new Map<string, string>();
  private readonly byUscc = new Map<string, Set<string>>();
  private readonly byParent = new Map<string, Set<string>>();

  private static add(map: Map<string, Set<string>>, key: string, id: string): void {
    if (key === '') return;
    let ids = map.get(key);
    if (!ids) map.set(key, (ids = new Set()));
    ids.add(id);
  }

  private static remove(map: Map<string, Set<string>>, key: string, id: string): void {
    const ids = map.get(key);
    ids?.delete(id);
    if (ids?.size === 0) map.delete(key);
  }

  put(id: string, scopeKey: string | undefined, facts: CountyUnitFacts | null): void {
    const old = this.facts.get(id);
    if (old) {
      CountyIndex.remove(this.byUscc, normaliseIdentifier(old.uscc), id);
      CountyIndex.remove(this.byParent, normaliseIdentifier(old.parentUscc), id);
      this.facts.delete(id);
      this.scopeKeys.delete(id);
    }
    if (!facts || scopeKey === undefined) return;
    this.facts.set(id, facts);
    this.scopeKeys.set(id, scopeKey);
    CountyIndex.add(this.byUscc, normaliseIdentifier(facts.uscc), id);
    CountyIndex.add(this.byParent, normaliseIdentifier(facts.parentUscc), id);
  }

  private many(ids: Set<string> | undefined): CountyUnitFacts[] {
    return ids ? [...ids].flatMap((id) => this.facts.get(id) ?? []) : [];
  }

  readonly lookup: CountyLookup = {
    byUscc: (uscc) => this.many(this.byUscc.get(uscc)),
    byParentUscc: (uscc) => this.many(this.byParent.get(uscc)),
  };
}

const inScope = (scope: Scope, scopeKey: string): boolean => scope.isAll || scope.prefixes.some((p) => scopeKey.startsWith(p));

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
