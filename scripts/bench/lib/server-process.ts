import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ChildMessage, type ChildOptions, type ServerRequest } from './server-protocol';

// The bureau server for the sync bench, in a child Node process on loopback as deployed (its
// own process, `npm run server`): its CPU time and garbage stay off the laptops' timed event
// loop. The child runs server-child.ts through tsx's loader; requests go over the fork IPC
// channel. Every request times out, and a dead child rejects everything still waiting, so a
// broken server fails the bench instead of hanging it.

const REQUEST_TIMEOUT_MS = 60_000;
const CLOSE_TIMEOUT_MS = 15_000;

export interface ServerProcess {
  url: string;
  addUser(input: { username: string; name: string; role: string; password: string }): Promise<void>;
  assign(username: string, prefixes: readonly string[]): Promise<void>;
  /** Milliseconds spent inside the server's store.push so far, measured in the child. */
  pushTimeMs(): Promise<number>;
  /** Milliseconds spent inside the server's store.checksum (verify) so far, measured in the child. */
  checksumTimeMs(): Promise<number>;
  /** CPU time (user + system, all its threads) the child has used so far (ms). */
  cpuTimeMs(): Promise<number>;
  /** The child's peak resident set size so far (MiB). */
  peakRssMiB(): Promise<number>;
  /** Stores `count` '$create'd units under `areaCode` straight into the server's tables (server-seed.ts). */
  seedUnits(count: number, areaCode: string, idPrefix: string): Promise<number>;
  /** Closes the server and waits for the child to exit (killing it if it will not). */
  close(): Promise<void>;
}

type Pending = { resolve: (value: number | null) => void; reject: (error: Error) => void };
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;
type RequestBody = WithoutId<ServerRequest>;

const profileArgs = (): string[] => {
  const dir = process.env.CENSUS_BENCH_SERVER_PROF;
  return dir ? ['--cpu-prof', '--cpu-prof-dir', dir] : [];
};

const CHILD_ENTRY = fileURLToPath(new URL('./server-child.ts', import.meta.url));

/** Forks the server over `dataDir` (an existing folder) and resolves once it is listening. */
export async function startServerProcess(dataDir: string, options: ChildOptions = {}): Promise<ServerProcess> {
  const child = fork(CHILD_ENTRY, [dataDir, JSON.stringify(options)], {
    // tsx's ESM loader, resolved from this package, so the child loads TypeScript from any cwd.
    // CENSUS_BENCH_SERVER_PROF=<dir>: the server child writes a V8 CPU profile there on exit.
    execArgv: ['--import', import.meta.resolve('tsx'), ...profileArgs()],
    // The child's output goes to stderr: in `--json` mode stdout belongs to the result array.
    stdio: ['ignore', 2, 2, 'ipc'],
  });
  // 'close' (not 'exit'): it comes after the IPC channel has delivered the child's last message.
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let failure: Error | null = null;
  let starting: { resolve: (url: string) => void; reject: (error: Error) => void } | null = null;

  const fail = (error: Error): void => {
    failure ??= error;
    starting?.reject(failure);
    for (const p of pending.values()) p.reject(failure);
    pending.clear();
  };
  child.on('message', (raw) => {
    const parsed = ChildMessage.safeParse(raw);
    if (!parsed.success) return fail(new Error(`bench server sent a malformed message: ${parsed.error.message}`));
    const message = parsed.data;
    if (message.type === 'listening') return starting?.resolve(message.url);
    if (message.type === 'fatal') return fail(new Error(`bench server failed: ${message.message}`));
    const waiting = pending.get(message.id);
    pending.delete(message.id);
    if (message.type === 'reply') waiting?.resolve(message.value);
    else waiting?.reject(new Error(`bench server: ${message.message}`));
  });
  child.on('error', (e) => fail(e));
  child.on('close', (code, signal) => fail(new Error(`bench server process exited (${signal ?? `code ${String(code)}`})`)));

  const request = (body: RequestBody): Promise<number | null> =>
    new Promise<number | null>((resolve, reject) => {
      if (failure) return reject(failure);
      const id = nextId++;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`bench server did not answer '${body.type}' within ${REQUEST_TIMEOUT_MS / 1000} s`));
      }, REQUEST_TIMEOUT_MS);
      const settle: Pending = {
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      pending.set(id, settle);
      child.send({ ...body, id } satisfies ServerRequest, (e) => {
        if (e) {
          pending.delete(id);
          settle.reject(e);
        }
      });
    });

  const numberOf = async (body: RequestBody): Promise<number> => {
    const value = await request(body);
    if (value === null) throw new Error(`bench server answered ${body.type} without a number`);
    return value;
  };

  const kill = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  };

  let url: string;
  try {
    url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`bench server did not start within ${REQUEST_TIMEOUT_MS / 1000} s`)), REQUEST_TIMEOUT_MS);
      starting = {
        resolve: (listening) => {
          clearTimeout(timer);
          resolve(listening);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      if (failure) starting.reject(failure);
    });
  } catch (e) {
    await kill();
    throw e;
  } finally {
    starting = null;
  }

  let closing: Promise<void> | undefined;
  return {
    url,
    addUser: async (input) => void (await request({ type: 'addUser', input })),
    assign: async (username, prefixes) => void (await request({ type: 'assign', username, prefixes: [...prefixes] })),
    pushTimeMs: () => numberOf({ type: 'pushTime' }),
    checksumTimeMs: () => numberOf({ type: 'checksumTime' }),
    cpuTimeMs: () => numberOf({ type: 'cpuTime' }),
    peakRssMiB: () => numberOf({ type: 'peakRss' }),
    seedUnits: (count, areaCode, idPrefix) => numberOf({ type: 'seedUnits', count, areaCode, idPrefix }),
    close: () =>
      (closing ??= (async () => {
        try {
          if (!failure) {
            const timer = setTimeout(() => void kill(), CLOSE_TIMEOUT_MS);
            await request({ type: 'close' }).finally(() => clearTimeout(timer));
          }
        } finally {
          // The child exits right after answering; a failed or stuck one is killed.
          const timer = setTimeout(() => void kill(), CLOSE_TIMEOUT_MS);
          await exited;
          clearTimeout(timer);
        }
      })()),
  };
}
