import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '@server/store/sqlite/store';
import { serverDbPath } from '@server/index';
import { addUser } from '@server/admin/users';
import { builtinPack } from '@shared/packs/builtin';
import { editItem, individualV2 } from './fixtures';

// `npm run census -- forms publish <pack.json> --data <folder>` as the bureau runs it on the
// server machine: spawned for real against a data folder.

const root = fileURLToPath(new URL('../..', import.meta.url));

function census(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli/census.ts', 'forms', ...args], { cwd: root, env: { ...process.env, CENSUS_SERVER_DB_KEY: '' } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

describe('census forms publish', { timeout: 120_000 }, () => {
  let dir: string;
  let data: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'census-forms-cli-'));
    data = path.join(dir, 'server');
    fs.mkdirSync(data);
    const store = openSqliteStore(serverDbPath(data));
    await addUser(store, { username: 'chen', name: '陈局', role: 'admin', password: 'correct horse battery' });
    await addUser(store, { username: 'wang', name: '王五', role: 'enumerator', password: 'correct horse battery' });
    await store.close();
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('publishes, prints what changed, is idempotent, and refuses a broken pack with its problems', async () => {
    const pack = individualV2();
    const file = path.join(dir, 'pack.json');
    fs.writeFileSync(file, JSON.stringify(pack, null, 2));

    const notAdmin = await census(['publish', file, '--by', 'wang', '--data', data]);
    expect(notAdmin.code).toBe(1);
    expect(notAdmin.err).toContain('不是管理员');

    const first = await census(['publish', file, '--by', 'chen', '--data', data]);
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    expect(first.out).toContain(`已发布 / published wjp5-2023@2023.3（上一版 / previous ${builtinPack().ref}）`);
    expect(first.out).toContain('经营者姓名（更正）');
    expect(first.out).toContain('季节性停业（新增）');
    expect(first.out).toContain('businessArea');

    const again = await census(['publish', file, '--data', data]);
    expect(again.code).toBe(0);
    expect(again.out).toContain('已是当前表式');

    const broken = individualV2('2023.4');
    editItem(broken, 'individual', 'operatorName').labelZh = '手改未重新生成';
    const brokenFile = path.join(dir, 'broken.json');
    fs.writeFileSync(brokenFile, JSON.stringify(broken));
    const refused = await census(['publish', brokenFile, '--data', data]);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('未发布');
    expect(refused.err).toContain('校验值');

    const listed = await census(['published', '--data', data]);
    expect(listed.code).toBe(0);
    expect(listed.out).toContain('wjp5-2023@2023.3');
    expect(listed.out).not.toContain('wjp5-2023@2023.4');

    const usage = await census(['publish', '--data', data]);
    expect(usage.code).toBe(2);
  });
});
