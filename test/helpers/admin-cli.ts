import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { cliEnvFor } from './test-database';

// The admin CLI as an operator runs it (`npm run census -- admin …`), spawned for real against a
// data folder (or its PostgreSQL database on a 'postgres' run), without blocking this process's
// event loop: a test server may live in it.

const root = fileURLToPath(new URL('../..', import.meta.url));

export async function censusAdmin(dataDir: string, args: string[], input = ''): Promise<{ code: number | null; out: string; err: string }> {
  const env = { ...process.env, CENSUS_SERVER_DB_KEY: '', ...(await cliEnvFor(dataDir)) };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli/census.ts', 'admin', ...args, '--data', dataDir], { cwd: root, env });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
    child.stdin.end(input);
  });
}
