import type { Db } from '@db/open';
import { assignmentField, type AssignmentValue } from '@shared/liaison/sync-fields';
import { currentAssignments, writeAssignment } from './queries';

// The directory import's 包保 part: a file carries 包保责任人 and, optionally, 包保部门. When a
// row changes an enterprise's official or department, an assignment from the import's day is
// recorded, so a file-driven reassignment keeps the history as one made on the 企业包保 screen
// does (liaison/service.ts assign). A row that repeats what is known records nothing.

export interface KnownAssignment {
  official: string;
  department: string;
}

/**
 * Who follows each enterprise as known before the import: the directory's 包保责任人 with the
 * department of its current assignment (none when that assignment names someone else, or there
 * is none). Assignments are read once per import.
 */
export function knownAssignments(db: Pick<Db, 'select'>): (enterpriseId: string, liaison: string) => KnownAssignment | undefined {
  const current = currentAssignments(db);
  return (id, liaison) => {
    if (liaison === '') return undefined;
    const a = current.get(id);
    return { official: liaison, department: a && a.official === liaison ? a.department : '' };
  };
}

/** The department a row leaves the enterprise with: the file's when it has one, else the known one while the official stays. */
export function departmentAfter(known: KnownAssignment | undefined, official: string, fileDepartment: string | null): string {
  if (fileDepartment !== null) return fileDepartment;
  return known && known.official === official ? known.department : '';
}

/**
 * The assignment a row records (written here; its field and value returned for the row's ops),
 * or null when the enterprise is already followed by that official in that department, or by nobody.
 */
export function importAssignment(
  tx: Db,
  enterpriseId: string,
  known: KnownAssignment | undefined,
  official: string,
  fileDepartment: string | null,
  who: { by: string; byUserId: string | null; at: Date; since: string; newId: () => string },
): { field: string; value: AssignmentValue } | null {
  if (official === '') return null;
  const department = departmentAfter(known, official, fileDepartment);
  if (known && known.official === official && known.department === department) return null;
  const id = who.newId();
  const value: AssignmentValue = { official, department, since: who.since, by: who.by, byUserId: who.byUserId, at: who.at.toISOString() };
  writeAssignment(tx, id, enterpriseId, value);
  return { field: assignmentField(id), value };
}
