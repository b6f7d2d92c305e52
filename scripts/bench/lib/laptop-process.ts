import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { type LaptopFigures, LaptopMessage, type LaptopOptions, type LaptopRequest } from './laptop-protocol';

// A sync bench laptop in a child Node process, asked over the fork IPC channel. Every request
// times out and a dead child rejects what waits, so a broken laptop fails the bench instead of
// hanging it.
//
// The child runs laptop-child.ts bundled by esbuild the way scripts/build.mjs bundles the app's
// main process (one CommonJS file, the native store module left outside), not through tsx: its
// resident memory is then the app's code, not tsx's loader thread, per-module transforms and
// source maps (a tsx child held 185–195 MiB before a pull, the same code bundled 120 MiB).

const REQUEST_TIMEOUT_MS = 10 * 60_000;

export interface LaptopProcess {
  request(type: Exclude<LaptopRequest['type'], 'close'>): Promise<LaptopFigures>;
  close(): Promise<void>;
}

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;
const CHILD_ENTRY = fileURLToPath(new URL('./laptop-child.ts', import.meta.url));
const ROOT = path.resolve(path.dirname(CHILD_ENTRY), '../../..');

let bundled: Promise<string> | null = null;
/** laptop-child.ts as one CommonJS file (built once per bench process, removed when it exits). */
const childBundle = (): Promise<string> =>
  (bundled ??= (async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'census-bench-laptop-'));
    process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
    const outfile = path.join(dir, 'laptop-child.cjs');
    // The options of scripts/build.mjs buildMain(), but for this entry (no source map: the app
    // does not load its map either).
    await esbuild.build({
      absWorkingDir: ROOT,
      entryPoints: [CHILD_ENTRY],
      outfile,
      bundle: true,
      format: 'cjs',
      platform: 'node',
      target: 'node22',
      logLevel: 'warning',
      minify: false,
      legalComments: 'none',
      external: ['electron', 'better-sqlite3-multiple-ciphers'],
      alias: { 'better-sqlite3': 'better-sqlite3-multiple-ciphers' },
      logOverride: { 'empty-import-meta': 'silent' },
    });
    return outfile;
  })());

/** What a bundled child cannot find from its own place, passed as the app's main passes them (electron/main/index.ts). */
const paths = {
  migrationsFolder: path.join(ROOT, 'db', 'migrations'),
  divisionDataDir: path.join(ROOT, 'data', 'divisions'),
};

/** Forks a laptop over `options.dataDir`, logged in to the server; resolves when it is ready. */
export async function startLaptopProcess(options: Omit<LaptopOptions, keyof typeof paths>, execArgv: readonly string[] = []): Promise<LaptopProcess> {
  const child = fork(await childBundle(), [JSON.stringify({ ...options, ...paths } satisfies LaptopOptions)], {
    execArgv: [...execArgv],
    // The native store module stays in the repo's node_modules, outside the bundle's folder.
    env: { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules') },
    stdio: ['ignore', 2, 2, 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const pending = new Map<number, { resolve: (v: LaptopFigures) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let failure: Error | null = null;
  let ready: { resolve: () => void; reject: (e: Error) => void } | null = null;
  const fail = (error: Error): void => {
    failure ??= error;
    ready?.reject(failure);
    for (const p of pending.values()) p.reject(failure);
    pending.clear();
  };
  child.on('message', (raw) => {
    const parsed = LaptopMessage.safeParse(raw);
    if (!parsed.success) return fail(new Error(`bench laptop sent a malformed message: ${parsed.error.message}`));
    const m = parsed.data;
    if (m.type === 'ready') return ready?.resolve();
    if (m.type === 'fatal') return fail(new Error(`bench laptop failed: ${m.message}`));
    const waiting = pending.get(m.id);
    pending.delete(m.id);
    if (m.type === 'reply') waiting?.resolve(m.value);
    else waiting?.reject(new Error(`bench laptop: ${m.message}`));
  });
  child.on('error', (e) => fail(e));
  child.on('close', (code, signal) => fail(new Error(`bench laptop process exited (${signal ?? `code ${String(code)}`})`)));

  const send = (body: WithoutId<LaptopRequest>): Promise<LaptopFigures> =>
    new Promise((resolve, reject) => {
      if (failure) return reject(failure);
      const id = nextId++;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`bench laptop did not answer '${body.type}' in time`));
      }, REQUEST_TIMEOUT_MS);
      pending.set(id, {
        resolve: (v) => (clearTimeout(timer), resolve(v)),
        reject: (e) => (clearTimeout(timer), reject(e)),
      });
      child.send({ ...body, id } satisfies LaptopRequest, (e) => {
        if (e) {
          pending.delete(id);
          clearTimeout(timer);
          reject(e);
        }
      });
    });
  const kill = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  };
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('bench laptop did not start in time')), 60_000);
      ready = { resolve: () => (clearTimeout(timer), resolve()), reject: (e) => (clearTimeout(timer), reject(e)) };
      if (failure) ready.reject(failure);
    });
  } catch (e) {
    await kill();
    throw e;
  } finally {
    ready = null;
  }
  return {
    request: (type) => send({ type }),
    close: async () => {
      try {
        if (!failure) await send({ type: 'close' });
      } catch {
        // Exiting anyway.
      } finally {
        const timer = setTimeout(() => void kill(), 15_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}
