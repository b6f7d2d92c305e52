import { canonicalJson } from '@shared/sync/protocol';
import type { UnitDocuments } from './unit-fields';

// Whether a stored unit column holds the same JSON document as a rebuild made: the service may
// have written the same answers in another key order, and rewriting them would bump the
// version under an open form.

/** The unit row columns holding a document, by the rebuild's document name. */
const documentColumns = { data: 'data', explanations: 'explanations', frame_row: 'frameRow' } as const satisfies Record<
  string,
  keyof UnitDocuments
>;

/**
 * Same JSON document once empty answers and empty forms are dropped, whatever the key order:
 * the stored text against the document the rebuild made (not serialised and parsed again).
 */
export function sameDocument(column: string, stored: string | null, documents: UnitDocuments): boolean {
  const key = (documentColumns as Partial<Record<string, keyof UnitDocuments>>)[column];
  if (key === undefined || stored === null) return false;
  try {
    return sameCleaned(JSON.parse(stored), documents[key]);
  } catch {
    return false;
  }
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A member left out when comparing: null, or an object holding only such members. */
function isEmptyMember(v: unknown): boolean {
  if (v === null || v === undefined) return true;
  if (!isPlainObject(v)) return false;
  for (const k in v) if (!isEmptyMember(v[k])) return false;
  return true;
}

/**
 * Equal once null members and objects left empty by that are dropped from objects (not from
 * arrays), keys in any order: canonicalJson(withoutEmpty(a)) === canonicalJson(withoutEmpty(b))
 * without building either text.
 */
function sameCleaned(a: unknown, b: unknown): boolean {
  if (!isPlainObject(a) || !isPlainObject(b)) return !isPlainObject(a) && !isPlainObject(b) && sameJson(a, b);
  let kept = 0;
  for (const k in a) {
    if (isEmptyMember(a[k])) continue;
    kept += 1;
    if (!Object.hasOwn(b, k) || !sameCleaned(a[k], b[k])) return false;
  }
  for (const k in b) if (!isEmptyMember(b[k])) kept -= 1;
  return kept === 0;
}

/** Equal as canonical JSON: keys in any order, undefined members left out. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    return canonicalJson(a) === canonicalJson(b);
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((v, i) => sameJson(v, b[i]));
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  let kept = 0;
  for (const k in ra) {
    if (ra[k] === undefined) continue;
    kept += 1;
    if (!sameJson(ra[k], rb[k])) return false;
  }
  for (const k in rb) if (rb[k] !== undefined) kept -= 1;
  return kept === 0;
}

