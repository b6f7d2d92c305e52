import type { Db } from '@db/open';
import { AssignmentValue, assignmentFieldPattern, VisitValue, visitFieldPattern } from '@shared/liaison/sync-fields';
import { createdFields } from '@shared/sync/created-fields';
import type { JsonValue } from '@shared/sync/protocol';
import { deleteLiaisonRows, writeAssignment, writeVisit } from './queries';

// The 包保 fields of an enterprise made local: the enterprise's sync adapter
// (directory/sync-adapter.ts) hands every rebuild's visible fields here, and its drop.

/** Writes the enterprise's assignments and visits from its visible fields; true when a row changed. */
export function rebuildLiaison(db: Db, enterpriseId: string, visible: ReadonlyMap<string, JsonValue>): boolean {
  let isChanged = false;
  // An import's first assignment comes inside the '$create' (directory/import.ts).
  const fields: [string, JsonValue][] = [...Object.entries(createdFields(visible.get('$create'))), ...visible];
  for (const [field, value] of fields) {
    const a = assignmentFieldPattern.exec(field);
    if (a?.[1]) {
      const parsed = AssignmentValue.safeParse(value);
      if (parsed.success) writeAssignment(db, a[1], enterpriseId, parsed.data);
      continue;
    }
    const v = visitFieldPattern.exec(field);
    if (v?.[1]) {
      const parsed = VisitValue.safeParse(value);
      if (parsed.success && writeVisit(db, v[1], enterpriseId, parsed.data)) isChanged = true;
    }
  }
  return isChanged;
}

export const dropLiaison = (db: Db, enterpriseId: string): void => deleteLiaisonRows(db, enterpriseId);
