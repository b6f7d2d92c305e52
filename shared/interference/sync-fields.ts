import type { z } from 'zod';
import { InterferenceCreateValue } from './entry';

// The 'interference' sync entity: one entry of the interference register per entity. Its only
// field is '$create' (the whole entry, entry.ts): there is nothing else to write, so no edit,
// delete or conflict resolution can travel. The server refuses any other op on it and a second
// '$create' (server/sync/rules.ts), and sends it to the leadership role only.

/** The wire schema of a field of an interference entry, or null when it is not one. */
export function interferenceFieldSchema(field: string): z.ZodType | null {
  return field === '$create' ? InterferenceCreateValue : null;
}
