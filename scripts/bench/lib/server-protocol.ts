import { z } from 'zod';

// The IPC messages between the sync bench and its bureau-server child (server-process.ts and
// server-child.ts). Both sides parse what they receive: a malformed message is a bench bug and
// must fail loudly, never be acted on half-understood.

export const ServerRequest = z.discriminatedUnion('type', [
  z.object({
    id: z.number().int(),
    type: z.literal('addUser'),
    input: z.object({ username: z.string(), name: z.string(), role: z.string(), password: z.string() }),
  }),
  z.object({ id: z.number().int(), type: z.literal('assign'), username: z.string(), prefixes: z.array(z.string()) }),
  /** Milliseconds spent inside the server's store.push since the server started. */
  z.object({ id: z.number().int(), type: z.literal('pushTime') }),
  /** Milliseconds spent inside the server's store.checksum (verify) since the server started. */
  z.object({ id: z.number().int(), type: z.literal('checksumTime') }),
  /** CPU time (user + system, all threads) the child has used so far, in ms. */
  z.object({ id: z.number().int(), type: z.literal('cpuTime') }),
  /** The child's peak resident set size so far, in MiB (getrusage maxrss). */
  z.object({ id: z.number().int(), type: z.literal('peakRss') }),
  /**
   * Stores `count` units straight into the server's tables (entities, field_state, ops), one
   * '$create' each under the area `areaCode`, as a server that held them would: for figures that
   * need a big server without pushing it op by op. Answers the number stored.
   */
  z.object({ id: z.number().int(), type: z.literal('seedUnits'), count: z.number().int().positive(), areaCode: z.string(), idPrefix: z.string() }),
  /** Closes the server (in-flight requests finish, the store closes), then the child exits. */
  z.object({ id: z.number().int(), type: z.literal('close') }),
]);
export type ServerRequest = z.infer<typeof ServerRequest>;

export const ChildMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('listening'), url: z.string() }),
  z.object({ type: z.literal('reply'), id: z.number().int(), value: z.number().nullable() }),
  z.object({ type: z.literal('failed'), id: z.number().int(), message: z.string() }),
  /** Start-up failed or an uncaught error: the child exits right after sending it. */
  z.object({ type: z.literal('fatal'), message: z.string() }),
]);
export type ChildMessage = z.infer<typeof ChildMessage>;

const Budget = z.object({ failures: z.number().int().positive(), windowMs: z.number().int().positive() });

/** Server options a bench may set (argv[3] of the child, JSON). */
export const ChildOptions = z
  .object({
    trustProxy: z.boolean().optional(),
    /** postgres://… : the server's store on PostgreSQL (any number of children may share one database). */
    database: z.string().optional(),
    loginLimit: z.object({ perUser: Budget, perAddress: Budget, overall: Budget }).partial().optional(),
  })
  .strict();
export type ChildOptions = z.infer<typeof ChildOptions>;
