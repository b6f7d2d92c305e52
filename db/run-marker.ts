import fs from 'node:fs';
import { writeFileDurably } from '@shared/node/durable-file';
import type { IntegrityCheck } from './integrity';

// `<store>.running` exists while the app has the store open and is removed on a clean close.
// Found at start-up, it means the last run ended without closing the store (a crash, a kill, a
// power cut): what was being written then is where damage would be, so that open runs the
// full integrity check (every index entry against its row) instead of the quick one.

export const runMarkerPath = (storePath: string): string => `${storePath}.running`;

/** The check this open should run: full after an unclean shutdown, quick otherwise. */
export const checkAfterLastRun = (storePath: string): IntegrityCheck =>
  fs.existsSync(runMarkerPath(storePath)) ? 'full' : 'quick';

export function setRunMarker(storePath: string, now: Date = new Date()): void {
  writeFileDurably(runMarkerPath(storePath), `${JSON.stringify({ pid: process.pid, openedAt: now.toISOString() })}\n`);
}

export function clearRunMarker(storePath: string): void {
  fs.rmSync(runMarkerPath(storePath), { force: true });
}
