import { z } from 'zod';
import { JsonValue } from '../sync/protocol';

// Sync conflicts as the reviewer sees and resolves them over IPC: of any kind of record (a unit's
// item, an enterprise's ledger cell, a verification step…), named by the kind's sync adapter.

// ---------------------------------------------------------------------------------------------
// IPC: conflict resolution

export const ConflictSideView = z.object({
  value: JsonValue,
  userName: z.string(),
  deviceId: z.string(),
  at: z.string(),
});

export const ConflictView = z.object({
  conflictId: z.string(),
  /** The kind of record: 'unit', 'enterprise' (a ledger cell, a signature…), 'verification', … */
  entity: z.string(),
  entityId: z.string(),
  /** The record's name as its kind names it here; '' when it is not in this store. */
  entityName: z.string(),
  areaCode: z.string(),
  /** The field: '611.revenue', 'status', 'ledger.2024-03.retailSales', … */
  field: z.string(),
  /** The value that was current when the racing edit arrived. */
  current: ConflictSideView,
  /** The racing edit. */
  incoming: ConflictSideView,
  /** The provisional winner the server keeps until someone resolves it. */
  winner: z.enum(['current', 'incoming']),
  createdAt: z.string(),
  /** This device wrote one of the two sides. */
  isOwn: z.boolean(),
  /** A resolution from this laptop waits in the outbox (the next sync sends it). */
  pendingResolution: z.object({ value: JsonValue, at: z.string() }).nullable(),
});
export type ConflictView = z.infer<typeof ConflictView>;

export const ConflictResolve = z
  .object({
    conflictId: z.string().min(1).max(80),
    /** Keep the value that was current, the racing one, or type another ('other' + value). */
    choice: z.enum(['current', 'incoming', 'other']),
    value: JsonValue.optional(),
  })
  .strict()
  .refine((r) => r.choice !== 'other' || r.value !== undefined, {
    message: "choice 'other' needs a value",
    path: ['value'],
  });
export type ConflictResolve = z.input<typeof ConflictResolve>;
