import { z } from 'zod';
import { DeviceId, PROTOCOL_VERSION } from './protocol';

// A forked op chain and its recovery (server/README.md, "Forked chains"). A laptop whose store
// was rolled back (restored from a copy, or a power cut that lost its last commits) reuses
// sequence numbers the server already holds for its device: the server refuses its new ops
// (CHAIN_BROKEN) and they can never join that chain. The laptop asks the bureau for a new
// chain branch: a fresh device id of the same user, on which it re-signs its unsent ops.
// The bureau approves (`census admin approve-fork <id>`); the laptop then takes tokens for the
// new device (POST /auth/branch) and pushes. The old device is not revoked: a copied folder
// may be the legitimate twin.

export const forkRequestStatuses = [
  'pending', // asked for, waiting for the bureau
  'approved', // the bureau confirmed; the laptop may branch
  'declined', // the bureau refused; the laptop keeps its ops and may export them
  'completed', // the laptop took tokens for the new device
] as const;
export const ForkRequestStatus = z.enum(forkRequestStatuses);
export type ForkRequestStatus = z.infer<typeof ForkRequestStatus>;

/** POST /sync/fork-requests: asked with the forked device's own access token. */
export const ForkRequestCreate = z
  .object({
    protocol: z.literal(PROTOCOL_VERSION),
    /** The device whose chain parted (the token's device). */
    deviceId: DeviceId,
    /** A device id the laptop generated for the branch; never registered before. */
    newDeviceId: DeviceId,
    /** The first seq the server holds differently: where the chains part. */
    forkSeq: z.number().int().positive(),
    /** The laptop's ops the server does not hold. */
    pending: z.number().int().nonnegative().max(10_000_000),
  })
  .strict();
export type ForkRequestCreate = z.input<typeof ForkRequestCreate>;

export const ForkRequestView = z.object({
  id: z.string(),
  userId: z.string(),
  username: z.string(),
  deviceId: z.string(),
  newDeviceId: z.string(),
  forkSeq: z.number().int(),
  pending: z.number().int(),
  /** The server's newest seq of the device when asked. */
  serverSeq: z.number().int(),
  status: ForkRequestStatus,
  requestedAt: z.string(),
  decidedAt: z.string().nullable(),
  /** The bureau user who approved or declined. */
  decidedBy: z.string().nullable(),
  completedAt: z.string().nullable(),
});
export type ForkRequestView = z.infer<typeof ForkRequestView>;

export const ForkRequestResponse = z.object({ request: ForkRequestView, serverTime: z.string() });

/** POST /auth/branch: tokens for the approved request's new device, asked with the old device's access token. */
export const BranchRequest = z.object({ requestId: z.string().min(1).max(80) }).strict();
