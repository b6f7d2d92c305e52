import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// One name per error-code family: the server's wire codes (ServerErrorCode, shared/sync/api.ts)
// and the laptop's sync outcome codes (SyncErrorCode, shared/sync/client-status.ts) once shared
// a name, so an import of the wrong one type-checked wherever both sets held a code.
const root = join(__dirname, '../..');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

describe('error-code names', () => {
  it('no two modules in shared/ export a code family under the same name', () => {
    const owners = new Map<string, Set<string>>();
    for (const file of files(join(root, 'shared'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/^export (?:const|type) (\w*(?:Codes?|codes))\b/gm)) {
        const name = (m[1] ?? '').toLowerCase().replace(/s$/, '');
        const set = owners.get(name) ?? new Set<string>();
        set.add(relative(root, file));
        owners.set(name, set);
      }
    }
    const shared = [...owners].filter(([, where]) => where.size > 1).map(([name, where]) => `${name}: ${[...where].join(', ')}`);
    expect(shared).toEqual([]);
    expect(owners.has('servererrorcode')).toBe(true);
    expect(owners.has('syncerrorcode')).toBe(true);
  });
});
