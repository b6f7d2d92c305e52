import { createHash } from 'node:crypto';
import { normaliseIdentifier } from '@shared/census/identifiers';
import { type CountyLookup, type CountyUnitFacts, establishmentRows, unitTypeOf } from '@shared/registration/county-check';
import type { Scope } from './types';

// What the county-wide check keeps of each unit, for every store: the facts read from a unit's
// fields and an index of them by USCC and parent USCC, brought up to date at each call by the
// store (store/sqlite/county.ts, store/postgres/county.ts). The decision is
// shared/registration/county-check.ts.

/** The fields the check reads (one cell of 611-1 may also travel on its own: '611-1.establishments.N.estName'). */
export const FACT_FIELDS = ['$create', '$delete', 'uscc', 'name', 'areaCode', 'kind', '611.unitType', '611.parentUscc', '611.parentOutsideCounty', '611-1.establishments'];

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
export const asOfToken = (gseq: number, scope: Scope): string =>
  `${CHECK_VERSION}.${gseq}.${createHash('sha256').update(JSON.stringify(scope)).digest('hex').slice(0, 16)}`;

/**
 * Every unit's facts and who holds which USCC, kept in memory between calls and brought up to
 * date from the store at each call: the units whose fields changed since (field_state.version,
 * the op's gseq, served by field_state_version_idx) are read again, the others are not. The
 * first call after a start reads every unit once (~10,000 units: a few hundred ms); a call
 * after a sync that changed ten units reads ten. ~300 B a unit.
 */
export class CountyIndex {
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

export const inScope = (scope: Scope, scopeKey: string): boolean => scope.isAll || scope.prefixes.some((p) => scopeKey.startsWith(p));

