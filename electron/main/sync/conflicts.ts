import type { AppDatabase } from '@db/open';
import { replaceConflicts } from './queries/records';
import { formerDeviceIds } from './branch';
import type { ServerClient } from './client';

/** Replaces the local list of open conflicts with the server's (only when it says there are any). */
export async function refreshConflicts(
  db: AppDatabase,
  client: ServerClient,
  openConflicts: number,
  deviceId: string,
): Promise<void> {
  if (openConflicts === 0) {
    db.transaction((tx) => replaceConflicts(tx, []));
    return;
  }
  // This laptop's ops under the device ids it signed with before a branch are its own too.
  const own = new Set([deviceId, ...formerDeviceIds(db)]);
  const rows: Parameters<typeof replaceConflicts>[1][number][] = [];
  let after = 0;
  for (let page = 0; page < 20; page++) {
    const list = await client.conflicts(after);
    for (const c of list.conflicts) {
      rows.push({
        conflictId: c.id,
        entityId: c.entityId,
        field: c.field,
        record: JSON.stringify(c),
        isOwn: own.has(c.current.deviceId) || own.has(c.incoming.deviceId),
      });
    }
    if (list.nextAfter === null) break;
    after = list.nextAfter;
  }
  db.transaction((tx) => replaceConflicts(tx, rows));
}
