import { canonicalJson, type JsonValue } from '@shared/sync/protocol';
import type { units } from '@db/schema';
import { createdFields } from '@shared/sync/created-fields';
import type { FormsDoc } from '@shared/registration/registration';
import { diffForms } from './diff';
import type { ItemChange } from './units-queries';

// A census unit as sync fields: the row is a pure function of its fields, and a change is the
// set of fields whose value differs. Form answers are one field per item ('611.name',
// '611-1.establishments' — a repeating group travels whole); attributes are plain names.
// Field names are whitelisted here: a name from the wire never reaches SQL or a column.

export type UnitRecord = typeof units.$inferSelect;

/** The synced content of a unit, as the registration service writes it. */
export type UnitContent = Pick<
  UnitRecord,
  | 'areaCode'
  | 'kind'
  | 'source'
  | 'status'
  | 'name'
  | 'uscc'
  | 'address'
  | 'industryCode'
  | 'data'
  | 'explanations'
  | 'notFoundReason'
  | 'outOfScopeReason'
  | 'formPack'
  | 'frameRow'
  | 'deletedAt'
>;

export const CREATE_FIELD = '$create';
export const DELETE_FIELD = '$delete';

/** Text columns synced as they are. */
const textAttributes = ['status', 'name', 'uscc', 'address', 'industryCode', 'areaCode', 'kind'] as const;
type TextAttribute = (typeof textAttributes)[number];
/** Columns holding JSON documents, synced whole (explanations are edited together). */
const jsonAttributes = ['explanations', 'frameRow'] as const;

const isTextAttribute = (f: string): f is TextAttribute => (textAttributes as readonly string[]).includes(f);
const FORM_ID = /^[A-Za-z0-9-]{1,20}$/;
const ITEM_CODE = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const CELL_FIELD = /^[A-Za-z0-9-]{1,20}\.[A-Za-z][A-Za-z0-9_]{0,63}\.\d{1,3}\.[A-Za-z][A-Za-z0-9_]{0,63}$/;

/** A form-answer field: 'formId.itemCode'; null for anything else. */
export function parseFormField(field: string): { formId: string; item: string } | null {
  const dot = field.indexOf('.');
  if (dot <= 0) return null;
  const formId = field.slice(0, dot);
  const item = field.slice(dot + 1);
  return FORM_ID.test(formId) && ITEM_CODE.test(item) ? { formId, item } : null;
}

/** Where a field lands in the unit row: a form answer, one cell of a repeating group, or neither. */
type FieldRole = { formId: string; item: string } | 'cell' | 'other';

// Field names repeat across units (a few hundred distinct ones): a fresh pull of 10,000 units
// looks up ~700,000, so each name is classified once.
const roleMemo = new Map<string, FieldRole>();
function roleOf(field: string): FieldRole {
  let role = roleMemo.get(field);
  if (role === undefined) {
    role = parseFormField(field) ?? (CELL_FIELD.test(field) ? 'cell' : 'other');
    if (roleMemo.size >= 10_000) roleMemo.clear();
    roleMemo.set(field, role);
  }
  return role;
}

// The field of each answer ('611.revenue'), by form and item: a frame import names ~600,000
// answers of a few hundred items, and one string per name, made once, is cheaper to sort and
// to key objects by than a new one each time. Bounded like roleMemo.
const answerFields = new Map<string, Map<string, string | null>>();
const answerFieldNames = (formId: string): Map<string, string | null> => {
  let names = answerFields.get(formId);
  if (!names) {
    if (answerFields.size >= 1_000) answerFields.clear();
    answerFields.set(formId, (names = new Map()));
  }
  return names;
};
/** The field of an answer, or null for an item code no field may have. */
function answerFieldName(names: Map<string, string | null>, formId: string, item: string): string | null {
  let field = names.get(item);
  if (field === undefined) {
    field = ITEM_CODE.test(item) ? `${formId}.${item}` : null;
    if (names.size >= 10_000) names.clear();
    names.set(item, field);
  }
  return field;
}

/** Puts a field's value on its form's answers, or with the cells placed afterwards. */
function placeField(forms: Record<string, Record<string, JsonValue>>, cells: [string, JsonValue][], field: string, value: JsonValue): void {
  const role = roleOf(field);
  if (typeof role === 'object') {
    if (!isBlank(value)) (forms[role.formId] ??= {})[role.item] = value;
  } else if (role === 'cell') cells.push([field, value]);
}

/** Whether the client knows how to materialise `field` of a unit. */
export function isUnitField(field: string): boolean {
  return (
    field === CREATE_FIELD ||
    field === DELETE_FIELD ||
    field === 'notFoundReason' ||
    field === 'outOfScopeReason' ||
    field === 'formPack' ||
    isTextAttribute(field) ||
    CELL_FIELD.test(field) ||
    (jsonAttributes as readonly string[]).includes(field) ||
    parseFormField(field) !== null
  );
}

function parseObject(text: string | null): Record<string, JsonValue> | null {
  if (text === null || text === '') return null;
  const value: unknown = JSON.parse(text);
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, JsonValue>) : null;
}

const isBlank = (v: JsonValue | undefined): boolean => v === undefined || v === null;

/**
 * Every non-empty field of a unit except '$create'. Empty values (null, missing, an empty
 * form) are left out: absent and null mean the same on both sides.
 */
export function unitFields(u: UnitContent): Map<string, JsonValue> {
  const fields = new Map<string, JsonValue>();
  eachUnitField(u, (field, value) => fields.set(field, value));
  return fields;
}

/** unitFields one by one, without a map (a frame import builds 10,000 '$create' values). */
function eachUnitField(u: UnitContent, visit: (field: string, value: JsonValue) => void): void {
  for (const a of textAttributes) visit(a, u[a]);
  if (u.notFoundReason !== null) visit('notFoundReason', u.notFoundReason);
  if (u.outOfScopeReason !== null) visit('outOfScopeReason', u.outOfScopeReason);
  if (u.formPack !== null) visit('formPack', u.formPack);
  const explanations = parseObject(u.explanations);
  if (explanations && Object.keys(explanations).length > 0) visit('explanations', explanations);
  const frameRow = parseObject(u.frameRow);
  if (frameRow) visit('frameRow', frameRow);
  const forms = parseObject(u.data) ?? {};
  for (const formId of Object.keys(forms).sort()) {
    const form = forms[formId];
    if (typeof form !== 'object' || form === null || Array.isArray(form) || !FORM_ID.test(formId)) continue;
    const names = answerFieldNames(formId);
    for (const item of Object.keys(form).sort()) {
      const value = form[item];
      if (isBlank(value)) continue;
      const field = answerFieldName(names, formId, item);
      if (field !== null) visit(field, value as JsonValue);
    }
  }
  // A tombstone carries its reason on the server; the store keeps only when.
  if (u.deletedAt !== null) visit(DELETE_FIELD, { reason: '' });
}

export interface FieldChange {
  field: string;
  value: JsonValue;
}

const byField = ([a]: [string, JsonValue], [b]: [string, JsonValue]): number => (a < b ? -1 : 1);

/**
 * '$create' carries the new unit's identity and its initial fields in one op
 * ({ areaCode, kind, source, fields: { field: value } }): a listing frame of 10,000 units with
 * ~60 answered items each is 10,000 ops, not 600,000. Later edits are ops of their own field;
 * their base version for a field never edited since creation is 0, so two laptops editing it
 * without seeing each other still conflict, and one that saw the other's edit does not.
 */
export function createValue(u: UnitContent): JsonValue {
  const entries: [string, JsonValue][] = [];
  eachUnitField(u, (field, value) => {
    // Area and kind are the identity itself; empty texts need no field.
    if (field !== 'areaCode' && field !== 'kind' && value !== '') entries.push([field, value]);
  });
  // Keys in canonical order (no field name is an array index): the op's canonical text is then
  // written by JSON.stringify as it stands, without a sorted copy (protocol.ts canonicalJson).
  entries.sort(byField);
  // fromEntries, not assignment: an object given ~70 properties one by one becomes a dictionary,
  // slower to walk and to write out (V8).
  return { areaCode: u.areaCode, fields: Object.fromEntries(entries), kind: u.kind, source: u.source };
}

/**
 * The form-answer fields ('611.revenue', or a whole repeating group '611-1.establishments') the
 * trace's item-level changes touch: the ops of a save are exactly these, so the trace and the
 * ops always agree about what changed (12 and '12', blank and absent are no change to either).
 */
export function answerFieldsOf(changes: readonly ItemChange[]): Set<string> {
  const fields = new Set<string>();
  for (const c of changes) {
    const [formId, item] = c.path.split('.');
    if (formId !== undefined && item !== undefined) fields.add(`${formId}.${item}`);
  }
  return fields;
}

const formsOf = (u: UnitContent): FormsDoc => (parseObject(u.data) ?? {}) as FormsDoc;

/**
 * The field-level changes from `before` to `after`, in a stable order; a field that became
 * empty is sent as null. A new unit (`before` null) is one '$create' op. Form answers change
 * where the trace's diff (diff.ts diffForms) says they do; other fields by their JSON.
 */
export function diffUnit(before: UnitContent | null, after: UnitContent): FieldChange[] {
  if (!before) return [{ field: CREATE_FIELD, value: createValue(after) }];
  const next = unitFields(after);
  const prev = unitFields(before);
  const answers = answerFieldsOf(diffForms(formsOf(before), formsOf(after)));
  const isChanged = (field: string, old: JsonValue | undefined, value: JsonValue): boolean =>
    typeof roleOf(field) === 'object' ? answers.has(field) : old === undefined || canonicalJson(old) !== canonicalJson(value);
  const changes: FieldChange[] = [];
  for (const [field, value] of next) if (isChanged(field, prev.get(field), value)) changes.push({ field, value });
  for (const field of prev.keys()) if (!next.has(field) && isChanged(field, undefined, null)) changes.push({ field, value: null });
  return changes;
}

const textOf = (v: JsonValue | undefined, fallback: string): string => (typeof v === 'string' ? v : fallback);

/**
 * The unit's synced columns from its fields (server base with pending local ops on top).
 * Null when the fields hold no '$create' (an edit whose unit this store has not seen).
 */
export function contentFromFields(ownFields: ReadonlyMap<string, JsonValue>, deletedAt: string): UnitContent | null {
  return contentWithDocuments(ownFields, deletedAt)?.content ?? null;
}

/** The JSON documents of a unit's content as values, before they were serialised into it. */
export interface UnitDocuments {
  data: JsonValue;
  explanations: JsonValue;
  frameRow: JsonValue | null;
}

/** contentFromFields, and its documents as values (apply.ts compares them without parsing its own text again). */
export function contentWithDocuments(
  ownFields: ReadonlyMap<string, JsonValue>,
  deletedAt: string,
): { content: UnitContent; documents: UnitDocuments } | null {
  const created = ownFields.get(CREATE_FIELD);
  if (typeof created !== 'object' || created === null || Array.isArray(created)) return null;
  const initial = createdFields(created);
  // The initial fields of '$create' first, every field written since on top of them. A unit
  // as pulled and not edited since has '$create' alone: its initial fields are read where
  // they are, not copied into a map first (a fresh pull builds 10,000 of these).
  let fields: ReadonlyMap<string, JsonValue> | null = null;
  if (ownFields.size > 1) {
    const merged = new Map<string, JsonValue>(Object.entries(initial));
    for (const [field, value] of ownFields) merged.set(field, value);
    fields = merged;
  }
  const get = (field: string): JsonValue | undefined =>
    fields ? fields.get(field) : Object.hasOwn(initial, field) ? initial[field] : undefined;
  const forms: Record<string, Record<string, JsonValue>> = {};
  const cells: [string, JsonValue][] = [];
  if (fields) for (const [field, value] of fields) placeField(forms, cells, field, value);
  else for (const field in initial) placeField(forms, cells, field, initial[field] as JsonValue);
  // One cell of a repeating group ('611-1.establishments.0.estName') lands on its whole item.
  for (const [field, value] of cells) {
    const [formId = '', item = '', row = '0', cell = ''] = field.split('.');
    const rows = (forms[formId] ??= {})[item];
    const list = Array.isArray(rows) ? rows : [];
    const target = list[Number(row)];
    const record = typeof target === 'object' && target !== null && !Array.isArray(target) ? target : {};
    record[cell] = value;
    list[Number(row)] = record;
    forms[formId][item] = list;
  }
  const explanations = get('explanations');
  const frameRow = get('frameRow');
  const notFoundReason = get('notFoundReason');
  const outOfScopeReason = get('outOfScopeReason');
  const formPack = get('formPack');
  const documents: UnitDocuments = {
    data: forms,
    explanations: isBlank(explanations) ? {} : (explanations ?? {}),
    frameRow: isBlank(frameRow) ? null : (frameRow ?? null),
  };
  const content: UnitContent = {
    areaCode: textOf(get('areaCode'), textOf(created.areaCode, '')),
    kind: textOf(get('kind'), textOf(created.kind, 'legal')),
    source: textOf(created.source, 'field'),
    status: textOf(get('status'), 'not_started'),
    name: textOf(get('name'), ''),
    uscc: textOf(get('uscc'), ''),
    address: textOf(get('address'), ''),
    industryCode: textOf(get('industryCode'), ''),
    data: JSON.stringify(documents.data),
    explanations: JSON.stringify(documents.explanations),
    notFoundReason: typeof notFoundReason === 'string' ? notFoundReason : null,
    outOfScopeReason: typeof outOfScopeReason === 'string' ? outOfScopeReason : null,
    formPack: typeof formPack === 'string' ? formPack : null,
    frameRow: documents.frameRow === null ? null : JSON.stringify(documents.frameRow),
    deletedAt: isBlank(get(DELETE_FIELD)) ? null : deletedAt,
  };
  return { content, documents };
}
