import { defaultPushBodyThreads } from '@server/sync/push-body-pool';
import { addUser, assign } from '@server/admin/users';
import { startServer, serverDbPath, type RunningServer } from '@server/index';
import { seedServerUnits } from './server-seed';
import { type ChildMessage, ChildOptions, ServerRequest } from './server-protocol';
import { failFatallyOnUncaught, fatal, messageOf, sendToBench } from './child-ipc';

// Child-process entry of the sync bench's bureau server (forked by server-process.ts with tsx):
// the real server on loopback, port 0, no logging, in its own process and event loop as
// deployed. argv[2] is its data folder, argv[3] its options (JSON, ChildOptions). It holds the
// store, so account set-up runs here too.

const send = (message: ChildMessage): Promise<void> => sendToBench(message);
failFatallyOnUncaught();

let server: RunningServer | undefined;
/** Time inside the server's store.push (checks, hashing, storage), summed over all pushes. */
let serverPushMs = 0;
/** Time inside the server's store.checksum (verify), summed over all verifies. */
let serverChecksumMs = 0;
let exiting = false;

async function closeAndExit(): Promise<void> {
  if (exiting) return;
  exiting = true;
  // A stuck close must not leave an orphan behind.
  setTimeout(() => process.exit(1), 10_000).unref();
  await server?.close();
  process.exit(0);
}

// The bench process died or closed the channel: nothing will ever ask for this server again.
process.on('disconnect', () => void closeAndExit());

async function handle(request: ServerRequest): Promise<number | null> {
  if (!server) throw new Error('server not started');
  switch (request.type) {
    case 'addUser':
      await addUser(server.store, request.input);
      return null;
    case 'assign':
      await assign(server.store, request.username, request.prefixes);
      return null;
    case 'pushTime':
      return serverPushMs;
    case 'checksumTime':
      return serverChecksumMs;
    case 'cpuTime': {
      const { user, system } = process.cpuUsage();
      return (user + system) / 1000;
    }
    case 'peakRss':
      // maxRSS is in KiB (getrusage).
      return process.resourceUsage().maxRSS / 1024;
    case 'seedUnits':
      return seedServerUnits(serverDbPath(process.argv[2] ?? ''), request.count, request.areaCode, request.idPrefix);
    case 'close':
      await server.close();
      return null;
  }
}

/** `fn`, each call's wall time added up by `add`. */
function timed<A extends unknown[], R>(fn: (...args: A) => Promise<R>, add: (ms: number) => void): (...args: A) => Promise<R> {
  return async (...args) => {
    const start = performance.now();
    try {
      return await fn(...args);
    } finally {
      add(performance.now() - start);
    }
  };
}

async function main(): Promise<void> {
  const dataDir = process.argv[2];
  if (!process.send) throw new Error('server-child.ts must be forked with an IPC channel');
  if (!dataDir) throw new Error('usage: server-child.ts <data dir>');
  const options = ChildOptions.parse(JSON.parse(process.argv[3] ?? '{}'));
  // Push checking threads as `npm run server` starts them (CENSUS_BENCH_PUSH_THREADS to compare).
  const pushBodyThreads = Number(process.env.CENSUS_BENCH_PUSH_THREADS ?? defaultPushBodyThreads());
  // The push budget as the server defaults it (CENSUS_BENCH_PUSH_BUDGET to compare).
  const budget = process.env.CENSUS_BENCH_PUSH_BUDGET;
  server = await startServer({ dataDir, port: 0, log: () => undefined, pushBodyThreads, ...(budget ? { pushBudgetOps: Number(budget) } : {}), ...options });
  // The server's own share of a push: the routes call this same store object. Checking a push
  // body (parse, hashes, value checks) is push work too; a laptop pushes its batches one after
  // another, so the two are never timed over each other.
  const store = server.store;
  store.push = timed(store.push.bind(store), (ms) => (serverPushMs += ms));
  server.pushBodies.read = timed(server.pushBodies.read.bind(server.pushBodies), (ms) => (serverPushMs += ms));
  store.checksum = timed(store.checksum.bind(store), (ms) => (serverChecksumMs += ms));
  process.on('message', (raw) => {
    const parsed = ServerRequest.safeParse(raw);
    if (!parsed.success) return void fatal(new Error(`bad request from the bench: ${parsed.error.message}`));
    const request = parsed.data;
    void handle(request).then(
      async (value) => {
        await send({ type: 'reply', id: request.id, value });
        if (request.type === 'close') {
          exiting = true;
          process.exit(0);
        }
      },
      (e: unknown) => send({ type: 'failed', id: request.id, message: messageOf(e) }),
    );
  });
  await send({ type: 'listening', url: server.url });
}

main().catch(fatal);
