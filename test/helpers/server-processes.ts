import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// Real bureau server processes for the multi-process tests (test/postgres/): each one is
// `node --import tsx server/main.ts --database <url> --port 0` as an operator would start it,
// on 127.0.0.1 only, its URL read from its "listening" line. stopAll() kills them whatever
// state they are in; a test process that dies first takes them along (the 'exit' hook).

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const LISTENING = /census server listening on (http:\/\/127\.0\.0\.1:\d+)/;

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Everything the process wrote, for a failure message. */
  output(): string;
}

export interface ServerProcesses {
  list: ServerProcess[];
  stopAll(): Promise<void>;
}

const running = new Set<ChildProcess>();
let hooked = false;
function killOnExit(): void {
  if (hooked) return;
  hooked = true;
  process.once('exit', () => {
    for (const child of running) child.kill('SIGKILL');
  });
}

function startOne(database: string, dataDir: string, timeoutMs: number): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', '--database', database, '--port', '0', '--host', '127.0.0.1', '--data', dataDir, '--push-threads', '0'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CENSUS_DATABASE_URL: '' },
  });
  running.add(child);
  killOnExit();
  child.once('exit', () => running.delete(child));
  let text = '';
  const output = () => text;
  return new Promise<ServerProcess>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`server process did not listen within ${timeoutMs} ms:\n${text}`)), timeoutMs);
    const fail = (e: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(e);
    };
    const onData = (chunk: Buffer) => {
      text += chunk.toString('utf8');
      const m = LISTENING.exec(text);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve({ url: m[1], child, output });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code, signal) => fail(new Error(`server process exited (${code ?? signal}) before listening:\n${text}`)));
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

/** Starts `count` server processes on `database`, each with its own temp data folder. */
export async function startServerProcesses(database: string, count: number, timeoutMs = 30_000): Promise<ServerProcesses> {
  const dirs = Array.from({ length: count }, () => fs.mkdtempSync(path.join(os.tmpdir(), 'census-proc-')));
  const started = await Promise.allSettled(dirs.map((dir) => startOne(database, dir, timeoutMs)));
  const list = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const stopAll = async () => {
    await Promise.all(list.map((p) => stop(p.child)));
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  };
  const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) {
    await stopAll();
    throw failed.reason;
  }
  return { list, stopAll };
}
