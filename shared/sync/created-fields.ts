import type { JsonValue } from './protocol';

// Every entity's '$create' carries its identity and, under `fields`, its initial fields
// ({ areaCode, …, fields: { field: value } }): one op for a new entity rather than one per field.

/** The initial fields inside a '$create' value ({} for none). */
export function createdFields(value: JsonValue | undefined): Record<string, JsonValue> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const fields = value.fields;
  return typeof fields === 'object' && fields !== null && !Array.isArray(fields) ? fields : {};
}
