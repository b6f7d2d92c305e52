import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const devKeyFileName = 'dev-key.txt';

export interface ResolvedKey {
  key: string;
  source: 'option' | 'env' | 'dev-key-file' | 'dev-key-new';
  /** Set when the key came from (or went into) the harness's own key file. */
  keyFile?: string;
}

/**
 * The store key for the harness: an explicit key, else CENSUS_DB_KEY, else a key generated once
 * per data dir and kept beside the store. The key file exists only so a developer can restart
 * the harness on the same data; the desktop app never reads it (its key lives in the OS keychain).
 */
export function resolveHarnessKey(
  dataDir: string,
  explicitKey: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): ResolvedKey {
  if (explicitKey) return { key: explicitKey, source: 'option' };
  const fromEnv = env.CENSUS_DB_KEY;
  if (fromEnv) return { key: fromEnv, source: 'env' };
  const keyFile = path.join(dataDir, devKeyFileName);
  if (existsSync(keyFile)) {
    const key = readFileSync(keyFile, 'utf8').trim();
    if (!key) throw new Error(`${keyFile} is empty; delete it (and the store it opened) or set CENSUS_DB_KEY`);
    return { key, source: 'dev-key-file', keyFile };
  }
  const key = randomBytes(32).toString('hex');
  // 'wx' fails rather than overwrite a key another process wrote meanwhile: losing it would
  // make the store unreadable.
  writeFileSync(keyFile, `${key}\n`, { mode: 0o600, flag: 'wx' });
  return { key, source: 'dev-key-new', keyFile };
}

export function devKeyWarning(resolved: ResolvedKey): string | null {
  if (!resolved.keyFile) return null;
  const what = resolved.source === 'dev-key-new' ? 'generated a new store key and saved it' : 'using the store key';
  return [
    '!!! DEVELOPMENT HARNESS — NOT THE DESKTOP APP !!!',
    `!!! CENSUS_DB_KEY is not set; ${what} in ${resolved.keyFile}.`,
    '!!! A key kept in a plain file beside the store protects nothing. The desktop app never',
    '!!! uses this file. Do not put real census data in this harness.',
  ].join('\n');
}
