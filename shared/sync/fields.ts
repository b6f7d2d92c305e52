import { z } from 'zod';
import { Explanations } from '../registration/registration';
import { UnitKind, UnitStatus } from '../registration/units';
import { enterpriseFieldSchema } from '../directory/sync-fields';
import { drawFieldSchema } from '../inspection/sync-fields';
import { interferenceFieldSchema } from '../interference/sync-fields';
import { verificationFieldSchema } from '../verification/sync-fields';
import { caseFieldSchema, inspectorFieldSchema } from '../enforcement/sync-fields';
import { trainingFieldSchema } from '../training/training';
import { targetFieldSchema } from '../analysis/targets';
import { isReviewField, ReviewEventValue } from '../review/review';
import type { JsonValue, SyncEntity } from './protocol';
import { isKnownFormId } from '../packs/known-forms';
import { createdFields } from './created-fields';

// Which fields of which entity may travel in an op, and what their values may be.
// Both sides check: the client before it queues an op, the server before it applies one (a
// failure there is a per-op rejection, INVALID_FIELD or INVALID_VALUE). Field names from the
// wire are only ever compared with this whitelist, never spliced into SQL.

const AreaCode = z.string().regex(/^\d{15}$/);
const Text = (max: number) => z.string().max(max);
const FormScalar = z.union([z.string().max(2_000), z.number().finite(), z.boolean(), z.null()]);
const FormRow = z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/), FormScalar);
const FormValue = z.union([FormScalar, z.array(FormRow).max(999)]);

/** The common case without zod: a push checks every op, ~40 per unit on a first sync. */
const isPlainScalar = (v: JsonValue): boolean =>
  v === null || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && v.length <= 2_000);

/**
 * The initial fields a '$create' carries ({ field: value }). Each is checked like an op of its
 * own by both sides (outbox.ts recordOps, server/sync/rules.ts checkCreatedFields: names
 * against the whitelist, values against their schemas), and the whole value is held to
 * MAX_OP_VALUE_BYTES; here only its shape (a zod record walking ~60 entries per unit cost
 * 35 µs a create, a third of a second for a 10,000-unit frame).
 */
export const CreatedFields = z.custom<Record<string, unknown>>((v) => typeof v === 'object' && v !== null && !Array.isArray(v), {
  error: 'fields must be an object of field → value',
});

/**
 * '$create' of a unit: its identity and initial fields, exactly the keys clients send
 * (electron/main/registration/unit-fields.ts createValue; the server's frame import sends no fields).
 * Strict: unknown keys were a way to store anything of any size under a valid op.
 */
export const UnitCreateValue = z.strictObject({
  areaCode: AreaCode,
  kind: UnitKind,
  source: z.enum(['frame', 'field']).optional(),
  fields: CreatedFields.optional(),
});
export type UnitCreateValue = z.infer<typeof UnitCreateValue>;

/**
 * Byte caps on values, checked by both sides: by the laptop before it queues an op (an op over
 * them would be refused and must not enter its chain), by the server per op (INVALID_VALUE).
 * Measured on real shapes (server/README.md, "Limits"): a unit's whole '$create' from the
 * benchmark's 10,000 generated units is 1.9 KB on average and 2.2 KB at most; every item of
 * every form at its longest in 3-byte characters is ~20 KB; the largest single value is a
 * 611-1 establishments section at its 999 rows, every text at its maximum length in Chinese:
 * 803 KB. A field value may be 2 MiB (2.5× that); a whole op value (a '$create' with all its
 * initial fields) 4 MiB, which with the op's other members still fits a push body (8 MB).
 * Scalars need no count: a string is at most 100,000 characters (protocol.ts), 300 KB.
 */
export const MAX_FIELD_VALUE_BYTES = 2 * 1024 * 1024;
export const MAX_OP_VALUE_BYTES = 4 * 1024 * 1024;

/** UTF-8 length of a string without encoding it (shared code runs where Buffer does not). */
export function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) bytes += 1;
    else if (c >= 0xd800 && c <= 0xdbff) {
      // A surrogate pair: two UTF-16 units, four bytes.
      bytes += 2;
      i++;
    } else bytes += 2;
  }
  return bytes;
}

/** The cap on `field`'s value: a '$create' carries a whole entity, any other field one value. */
export const valueCapOf = (field: string): number => (field === '$create' ? MAX_OP_VALUE_BYTES : MAX_FIELD_VALUE_BYTES);

/**
 * Unit attributes beside the forms (the columns of db/schema/units.ts that are not copies).
 * Bounds are generous on purpose: a draft may hold a half-typed code, and refusing it would
 * strand the enumerator's work; the rule engine, not the sync layer, judges content.
 * null clears a value (absent and null mean the same on both sides).
 */
const unitAttributes = {
  status: UnitStatus,
  kind: UnitKind,
  /** Moving a unit to another 普查小区: both areas must be in the author's scope. */
  areaCode: AreaCode,
  name: Text(200).nullable(),
  uscc: Text(100).nullable(),
  address: Text(500).nullable(),
  industryCode: Text(100).nullable(),
  source: z.enum(['frame', 'field']),
  notFoundReason: Text(500).nullable(),
  /** 非普查对象: why the unit is not in census scope. */
  outOfScopeReason: Text(600).nullable(),
  /** The form pack the answers follow (shared/packs/types.ts packRef). */
  formPack: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}@[0-9A-Za-z][0-9A-Za-z.-]{0,39}$/).nullable(),
  explanations: Explanations.nullable(),
  frameRow: z.record(z.string().max(200), z.string().max(2_000)).nullable(),
  lastYear: z.object({ revenue: z.number().finite().optional(), employees: z.number().finite().optional() }).nullable(),
  /** A tombstone: the reason, or null to restore. */
  $delete: z.object({ reason: Text(500) }).nullable(),
} satisfies Record<string, z.ZodType>;

export type UnitAttribute = keyof typeof unitAttributes;
export const unitAttributeNames = Object.keys(unitAttributes) as UnitAttribute[];

// Form ids of their shape; which ones exist is the packs' business (isKnownFormId): a published
// pack may add a form (e.g. 611-6), and a value of a form a unit's pack lacks is kept.
const formIds = '[0-9A-Za-z][0-9A-Za-z-]{0,31}';
/** A form item ('611.revenue'), a whole repeating section ('611-1.establishments') or one cell of it ('611-1.establishments.0.estName'). */
export const formFieldPattern = new RegExp(
  `^(${formIds})\\.[A-Za-z][A-Za-z0-9_]{0,63}(\\.\\d{1,3}\\.[A-Za-z][A-Za-z0-9_]{0,63})?$`,
);

export type FieldCheck =
  | { ok: true }
  | { ok: false; code: 'INVALID_FIELD' | 'INVALID_VALUE'; message: string };

const okCheck: FieldCheck = { ok: true };

function checkWith(schema: z.ZodType, value: JsonValue, field: string): FieldCheck {
  const parsed = schema.safeParse(value);
  if (parsed.success) return okCheck;
  const issue = parsed.error.issues[0];
  return { ok: false, code: 'INVALID_VALUE', message: `${field}: ${issue?.message ?? 'invalid value'}` };
}

/**
 * Whether `field` is a field of `entity` and `value` fits it, within its byte cap (valueCapOf).
 * `valueText` is the value's JSON text when the caller has it (the server stores it anyway).
 * '$resolve' is checked by its own rules.
 */
export function checkField(entity: SyncEntity, field: string, value: JsonValue, valueText?: string): FieldCheck {
  // Scalars need no count (a string is at most 100,000 characters): the common case, kept direct.
  if (typeof value !== 'object' || value === null) return checkShape(entity, field, value);
  const shape = checkShape(entity, field, value);
  if (!shape.ok) return shape;
  const text = valueText ?? JSON.stringify(value);
  const cap = valueCapOf(field);
  // A UTF-16 unit is at most 3 UTF-8 bytes: most values are far below the cap uncounted.
  if (text.length * 3 <= cap) return shape;
  const bytes = utf8Length(text);
  if (bytes <= cap) return shape;
  return { ok: false, code: 'INVALID_VALUE', message: `${field}: ${bytes} bytes, more than the ${cap} a value may hold` };
}

/**
 * Each initial field of a '$create' checked as an op of its own would be (checkField).
 * `createText` is the whole value's JSON text: every field's text is part of it, so when it fits
 * a field's cap no field inside needs writing out and measuring again.
 */
export function checkInitialFields(entity: SyncEntity, value: JsonValue, createText: string): FieldCheck {
  const fields = createdFields(value);
  const isWithinCaps = createText.length * 3 <= MAX_FIELD_VALUE_BYTES;
  for (const field of Object.keys(fields)) {
    const inner = fields[field] as JsonValue;
    const check = isWithinCaps ? checkShape(entity, field, inner) : checkField(entity, field, inner);
    if (!check.ok) return check;
  }
  return okCheck;
}

// Form-answer field names repeat (a few hundred distinct ones) while a frame import checks
// ~600,000 of them: each name of a known form is matched once. Only known names are kept, since
// a form unknown now may be known once its pack is loaded; the bound keeps hostile names from
// growing it without end.
const formFields = new Map<string, boolean>();

/** For a form-answer field of a known form, whether it is one cell of a repeating section; null for anything else. */
function formFieldKind(field: string): boolean | null {
  const known = formFields.get(field);
  if (known !== undefined) return known;
  const m = formFieldPattern.exec(field);
  if (!m || !isKnownFormId(m[1] ?? '')) return null;
  const isCell = m[2] !== undefined;
  if (formFields.size >= 10_000) formFields.clear();
  formFields.set(field, isCell);
  return isCell;
}

/** A form answer's value: a scalar, or for a whole repeating section its rows. */
const checkAnswer = (field: string, value: JsonValue, isCell: boolean): FieldCheck =>
  isPlainScalar(value) ? okCheck : checkWith(isCell ? FormScalar : FormValue, value, field);

function checkShape(entity: SyncEntity, field: string, value: JsonValue): FieldCheck {
  switch (entity) {
    case 'unit': {
      // Most fields checked are answers: a name matched before needs no other look (formFieldKind
      // keeps only answer names, none of them an attribute or a review field).
      const known = formFields.get(field);
      if (known !== undefined) return checkAnswer(field, value, known);
      if (field === '$create') return checkWith(UnitCreateValue, value, field);
      if (Object.hasOwn(unitAttributes, field)) {
        return checkWith(unitAttributes[field as UnitAttribute], value, field);
      }
      // Review events: one append-only field per decision, comment answer or reopen.
      if (isReviewField(field)) return checkWith(ReviewEventValue, value, field);
      const isCell = formFieldKind(field);
      if (isCell === null) return { ok: false, code: 'INVALID_FIELD', message: `${field} is not a field of a unit` };
      return checkAnswer(field, value, isCell);
    }
    case 'enterprise': {
      const schema = enterpriseFieldSchema(field);
      if (!schema) return { ok: false, code: 'INVALID_FIELD', message: `${field} is not a field of an enterprise` };
      return checkWith(schema, value, field);
    }
    case 'draw': {
      const schema = drawFieldSchema(field);
      if (!schema) return { ok: false, code: 'INVALID_FIELD', message: `${field} is not a field of a draw` };
      return checkWith(schema, value, field);
    }
    case 'interference': {
      const schema = interferenceFieldSchema(field);
      if (!schema) return { ok: false, code: 'INVALID_FIELD', message: `${field} is not a field of an interference entry: entries are never changed` };
      return checkWith(schema, value, field);
    }
    case 'verification': {
      const schema = verificationFieldSchema(field);
      if (!schema) return { ok: false, code: 'INVALID_FIELD', message: `${field} is not a field of a verification task` };
      return checkWith(schema, value, field);
    }
    case 'inspector': {
      const schema = inspectorFieldSchema(field);
      if (!schema) return { ok: false, code: 'INVALID_FIELD', message: `${field} is not a field of an inspector` };
      return checkWith(schema, value, field);
    }
    case 'case': {
      const schema = caseFieldSchema(field);
      if (!schema) return { ok: false, code: 'INVALID_FIELD', message: `${field} is not a field of a case` };
      return checkWith(schema, value, field);
    }
    case 'training': {
      const schema = trainingFieldSchema(field);
      if (!schema) return { ok: false, code: 'INVALID_FIELD', message: `${field} is not a field of a training session` };
      return checkWith(schema, value, field);
    }
    case 'analysisTarget': {
      const schema = targetFieldSchema(field);
      if (!schema) return { ok: false, code: 'INVALID_FIELD', message: `${field} is not a field of an analysis target` };
      return checkWith(schema, value, field);
    }
  }
}

