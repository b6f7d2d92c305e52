import fs from 'node:fs';
import path from 'node:path';
import { type ServerProcess, startServerProcess } from './server-process';

// Several bureau server processes over one database, as behind a load balancer: each its own
// child process (server-process.ts) and data folder, all with the same `database` (PostgreSQL)
// — or one process on SQLite when `database` is undefined. The first starts alone (it applies
// the migrations), the others then start together.

export interface ServerFleet {
  servers: ServerProcess[];
  /** The server a client with this index talks to (round-robin). */
  serverFor(index: number): ServerProcess;
  /** Each process's peak resident memory so far (MiB). */
  peakRssMiB(): Promise<number[]>;
  close(): Promise<void>;
}

export async function startServerFleet(root: string, count: number, database: string | undefined): Promise<ServerFleet> {
  if (database === undefined && count !== 1) throw new Error('a SQLite server is one process');
  const servers: ServerProcess[] = [];
  const start = (i: number): Promise<ServerProcess> => {
    const dir = path.join(root, `server-${i}`);
    fs.mkdirSync(dir, { recursive: true });
    return startServerProcess(dir, database === undefined ? {} : { database });
  };
  const close = async (): Promise<void> => {
    await Promise.allSettled(servers.map((s) => s.close()));
  };
  try {
    servers.push(await start(0));
    const rest = await Promise.allSettled(Array.from({ length: count - 1 }, (_, i) => start(i + 1)));
    for (const r of rest) if (r.status === 'fulfilled') servers.push(r.value);
    const failed = rest.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
  } catch (e) {
    await close();
    throw e;
  }
  return {
    servers,
    serverFor: (index) => servers[index % servers.length] as ServerProcess,
    peakRssMiB: () => Promise.all(servers.map((s) => s.peakRssMiB())),
    close,
  };
}
