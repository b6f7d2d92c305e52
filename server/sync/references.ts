import { evidenceFieldPattern } from '@shared/directory/sync-fields';
import type { JsonValue } from '@shared/sync/protocol';

// Which attachments a field value names (server/db/schema attachment_refs): an enterprise's
// evidence.<id> field holds an EvidenceRefValue with the file's sha256, as an op of its own or
// among a '$create's initial fields. Whoever may see the entity may read the file.

const SHA = /^[0-9a-f]{64}$/;

const isRecord = (v: JsonValue | undefined): v is { [k: string]: JsonValue } =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function shaOf(value: JsonValue | undefined): string | null {
  const sha = isRecord(value) ? value.sha256 : undefined;
  return typeof sha === 'string' && SHA.test(sha) ? sha : null;
}

/** The sha256 of every attachment `value` names as `field` of an `entity`. */
export function attachmentRefs(entity: string, field: string, value: JsonValue): string[] {
  if (entity !== 'enterprise') return [];
  if (evidenceFieldPattern.test(field)) {
    const sha = shaOf(value);
    return sha === null ? [] : [sha];
  }
  if (field !== '$create' || !isRecord(value) || !isRecord(value.fields)) return [];
  const shas: string[] = [];
  for (const [name, inner] of Object.entries(value.fields)) {
    const sha = evidenceFieldPattern.test(name) ? shaOf(inner) : null;
    if (sha !== null) shas.push(sha);
  }
  return shas;
}
