import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

// A throwaway PostgreSQL cluster for the tests and the benchmark: initdb + pg_ctl from the
// machine's PostgreSQL (Debian's postgresql package) in a temp folder, listening on 127.0.0.1
// and a free port only, stopped and deleted after. initdb refuses to run as root, so as root
// the cluster belongs to the `postgres` user the Debian package creates (runuser).

export interface PgCluster {
  /** postgres://census@127.0.0.1:<port>/postgres (trust authentication on loopback). */
  adminUrl: string;
  port: number;
  dir: string;
  stop(): void;
}

export interface PgClusterOptions {
  /** Durability as in production (fsync on); off by default for tests, where a crash loses nothing of value. */
  durable?: boolean;
  /** Extra `-c name=value` settings. */
  settings?: Record<string, string>;
}

const USER = 'census';

/** The folder holding initdb and pg_ctl: PG_BIN, PATH, or the newest /usr/lib/postgresql/<v>/bin. */
export function findPgBin(): string | null {
  const fromEnv = process.env.PG_BIN;
  if (fromEnv && fs.existsSync(path.join(fromEnv, 'pg_ctl'))) return fromEnv;
  const which = spawnSync('sh', ['-c', 'command -v pg_ctl'], { encoding: 'utf8' });
  if (which.status === 0 && which.stdout.trim() !== '') return path.dirname(fs.realpathSync(which.stdout.trim()));
  const root = '/usr/lib/postgresql';
  if (!fs.existsSync(root)) return null;
  const versions = fs
    .readdirSync(root)
    .filter((v) => fs.existsSync(path.join(root, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(root, versions[0], 'bin') : null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

const isRoot = (): boolean => typeof process.getuid === 'function' && process.getuid() === 0;

function run(bin: string, args: string[]): void {
  const [cmd, argv] = isRoot() ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  execFileSync(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
}

export async function startPgCluster(opts: PgClusterOptions = {}): Promise<PgCluster> {
  const bin = findPgBin();
  if (bin === null) {
    throw new Error('PostgreSQL is not installed (no pg_ctl): apt-get install postgresql, or set PG_BIN to its bin folder');
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'census-pg-'));
  if (isRoot()) execFileSync('chown', ['postgres:postgres', dir]);
  const data = path.join(dir, 'data');
  run(path.join(bin, 'initdb'), ['-D', data, '-U', USER, '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  const port = await freePort();
  const settings: Record<string, string> = {
    listen_addresses: '127.0.0.1',
    port: String(port),
    unix_socket_directories: dir,
    max_connections: '300',
    max_locks_per_transaction: '256',
    shared_buffers: '256MB',
    ...(opts.durable ? {} : { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' }),
    ...opts.settings,
  };
  const o = Object.entries(settings)
    .map(([k, v]) => `-c ${k}=${v}`)
    .join(' ');
  run(path.join(bin, 'pg_ctl'), ['-D', data, '-o', o, '-l', path.join(dir, 'log'), '-w', '-t', '60', 'start']);
  let stopped = false;
  const stop = (): void => {
    if (stopped) return;
    stopped = true;
    process.off('exit', stop);
    try {
      run(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
  // A run that ends without calling stop (an exception, Ctrl-C through a handler) still takes
  // its cluster down: nothing is left listening or on disk.
  process.once('exit', stop);
  return { adminUrl: `postgres://${USER}@127.0.0.1:${port}/postgres`, port, dir, stop };
}
