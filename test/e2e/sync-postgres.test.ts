import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, assign } from '@server/admin/users';
import { type RunningServer, startServer } from '@server/index';
import { startPgCluster, type PgCluster } from '../../scripts/lib/pg-cluster';
import { openE2eLaptop, type E2eLaptop, useE2eApp } from '../helpers/e2e-app';

// A city's bureau server as deployed for many laptops: two server processes over one PostgreSQL
// database (each answers any request), a laptop in the browser on one, another laptop on the
// other. What one registers reaches the other; a same-field edit on both becomes one conflict,
// shown with both values, in Chinese and in English.

const PASSWORD = 'city-password-1';
const app = useE2eApp('census-e2e-pg-', { region: null });
let cluster: PgCluster;
let servers: RunningServer[] = [];
let other: E2eLaptop;
const dirs: string[] = [];

beforeAll(async () => {
  cluster = await startPgCluster();
  const admin = new pg.Client(cluster.adminUrl);
  await admin.connect();
  await admin.query('CREATE DATABASE city');
  await admin.end();
  const database = cluster.adminUrl.replace(/\/postgres$/, '/city');
  for (let i = 0; i < 2; i++) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `census-e2e-pg-server${i}-`));
    dirs.push(dataDir);
    servers.push(await startServer({ dataDir, port: 0, database, log: () => undefined }));
  }
  const store = servers[0]!.store;
  for (const [username, name] of [['enum01', '马晓梅'], ['enum02', '李建华']] as const) {
    await addUser(store, { username, name, role: 'enumerator', password: PASSWORD });
    await assign(store, username, ['640502100001']);
  }
  await app.api('settings:update', { userName: '马晓梅', deviceName: '沙坡头区-笔记本03', serverUrl: servers[0]!.url });
  other = await openE2eLaptop('census-e2e-pg-other-', { region: null });
  await other.api('settings:update', { userName: '李建华', deviceName: '沙坡头区-笔记本07', serverUrl: servers[1]!.url });
  await other.api('sync:login', { username: 'enum02', password: PASSWORD });
}, 120_000);

afterAll(async () => {
  await other?.close();
  for (const s of servers) await s.close();
  servers = [];
  cluster?.stop();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

const byTestId = (id: string) => app.page.getByTestId(id);
const textOf = (id: string) => byTestId(id).textContent();

describe('two laptops, two server processes, one PostgreSQL database', () => {
  it('delivers a unit registered on one laptop to the other through the other process', async () => {
    await app.page.setViewportSize({ width: 1366, height: 768 });
    await app.page.goto(app.harness.url);
    await byTestId('nav-sync').click();
    await byTestId('sync-login-username').fill('enum01');
    await byTestId('sync-login-password').fill(PASSWORD);
    await byTestId('sync-login-submit').click();
    await expect.poll(() => textOf('sync-account')).toBe('马晓梅');

    const created = await app.api('units:create', { areaCode: '640502100001001', kind: 'legal', name: '中卫市宏达商贸有限公司' });
    await byTestId('sync-now').click();
    await expect.poll(() => byTestId('sync-pending').getAttribute('data-count')).toBe('0');

    // A sync of the other laptop already under way (started at its sign-in) may have pulled
    // before this push: sync again until the unit is there, as a user pressing 同步 would.
    await expect
      .poll(async () => {
        await other.api('sync:now', undefined);
        return (await other.api('units:list', { areaPrefix: '640502100001001' })).rows.some((u) => u.id === created.id);
      }, { timeout: 30_000 })
      .toBe(true);
    const received = await other.api('units:get', { id: created.id });
    expect(received.name).toBe('中卫市宏达商贸有限公司');
  });

  it('makes one conflict of a same-field edit on both laptops and shows both values', async () => {
    const [listed] = (await app.api('units:list', {})).rows;
    if (!listed) throw new Error('the unit is missing');
    const edit = async (laptop: Pick<E2eLaptop, 'api'>, legalRep: string) => {
      const unit = await laptop.api('units:get', { id: listed.id });
      await laptop.api('units:save', { id: listed.id, version: unit.version, forms: { ...unit.forms, '611': { ...unit.forms['611'], legalRep } }, explanations: {} });
    };
    await edit(app, '王秀英');
    await edit(other, '马建国');
    await other.api('sync:now', undefined);
    await app.page.reload();
    await byTestId('sync-now').click();
    await expect.poll(() => byTestId('sync-conflicts').getAttribute('data-count')).toBe('1');
    const shown = `${await textOf('sync-conflict-kept')} ${await textOf('sync-conflict-other')}`;
    expect(shown).toContain('王秀英');
    expect(shown).toContain('马建国');
    await expect.poll(() => byTestId('sync-conflict-row').locator('td').nth(1).textContent()).toContain('法定代表人');
    await app.browser.screenshot('sync-postgres-conflict-zh-CN');

    // Both processes list the same one conflict.
    const lists = await Promise.all(servers.map((s) => s.store.listConflicts({ scope: { isAll: true }, onlyUserId: null }, { status: 'all', after: 0, limit: 10 })));
    expect(lists.map((l) => l.map((c) => c.id))).toEqual([lists[0]!.map((c) => c.id), lists[0]!.map((c) => c.id)]);
    expect(lists[0]).toHaveLength(1);

    await app.api('settings:update', { language: 'en' });
    await app.page.reload();
    await expect.poll(() => byTestId('sync-conflicts').getAttribute('data-count')).toBe('1');
    // The item's name comes with the form pack, which the page loads after the list.
    await expect.poll(() => byTestId('sync-conflict-row').locator('td').nth(1).textContent()).toMatch(/legal representative/i);
    await app.browser.screenshot('sync-postgres-conflict-en');
    await app.api('settings:update', { language: 'zh-CN' });
  });

  it('raised no console errors or CSP violations', () => {
    expect(app.problems).toEqual([]);
  });
});
