import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Device, startTestServer, type TestServer } from '../server/helpers';
import { censusAdmin as census } from '../helpers/admin-cli';

// The leadership role through the server's account administration, on both stores: the admin
// CLI creates a 'leader' account and assigns its county, lists it, and the account signs in
// with that role (read back through the store's role check, store/rows.ts).


describe('a leadership account', { timeout: 90_000 }, () => {
  let dataDir: string;
  let t: TestServer | undefined;
  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'census-leader-'));
  });
  afterAll(async () => {
    await t?.dispose();
    if (fs.existsSync(dataDir)) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('is created, assigned and listed by the admin CLI, and signs in as a leader', async () => {
    const added = await census(dataDir, ['user-add', 'juzhang', '--role', 'leader', '--name', '赵建国'], 'leader password 1\n');
    expect(added.code).toBe(0);
    expect(added.out).toContain('created juzhang (leader)');
    expect((await census(dataDir, ['assign', 'juzhang', '640502'])).code).toBe(0);
    expect((await census(dataDir, ['list-users'])).out).toMatch(/juzhang\s+赵建国\s+leader\s+0\s+640502/);
    expect((await census(dataDir, ['user-add', 'qian', '--role', 'leaders', '--name', 'x'], 'long enough 1\n')).err).toContain('leader');

    t = await startTestServer({ dataDir });
    const d = new Device(t.server.url, 'leader-laptop');
    const login = await d.login('juzhang', 'leader password 1');
    expect(login.status).toBe(200);
    expect(d.tokens?.user.role).toBe('leader');
    expect(d.tokens?.scope).toEqual(['640502']);
  });
});
