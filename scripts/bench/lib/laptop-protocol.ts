import { z } from 'zod';

// The IPC messages between the sync bench and a laptop child (laptop-process.ts and
// laptop-child.ts). Both sides parse what they receive: a malformed message is a bench bug.

export const LaptopRequest = z.discriminatedUnion('type', [
  /** One sync run; answers its timings and traffic. */
  z.object({ id: z.number().int(), type: z.literal('sync') }),
  /** Waits for the background work after a sync (checkpoint, finding counts); answers its ms. */
  z.object({ id: z.number().int(), type: z.literal('settle') }),
  /** The SQLite floor of what this store holds: see laptop-child.ts floor(). */
  z.object({ id: z.number().int(), type: z.literal('floor') }),
  z.object({ id: z.number().int(), type: z.literal('close') }),
]);
export type LaptopRequest = z.infer<typeof LaptopRequest>;

export const LaptopFigures = z.record(z.string(), z.number());
export type LaptopFigures = z.infer<typeof LaptopFigures>;

export const LaptopMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('reply'), id: z.number().int(), value: LaptopFigures }),
  z.object({ type: z.literal('failed'), id: z.number().int(), message: z.string() }),
  z.object({ type: z.literal('fatal'), message: z.string() }),
]);
export type LaptopMessage = z.infer<typeof LaptopMessage>;

export const LaptopOptions = z
  .object({
    dataDir: z.string(),
    serverUrl: z.string(),
    username: z.string(),
    password: z.string(),
    /** Where the store's migrations and the division data are: a bundled child has no import.meta.url to find them. */
    migrationsFolder: z.string(),
    divisionDataDir: z.string(),
  })
  .strict();
export type LaptopOptions = z.infer<typeof LaptopOptions>;
