import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { takeDailyBackup } from '@shared/node/sqlite/backup';
import { openDatabase } from '@db/open';
import { ensureRendererBuilt, startHarness, type Harness } from '../../electron/web/harness';
import { launchBrowser, type TestBrowser } from '../helpers/browser';
import { callChannel, collectProblems } from '../helpers/e2e-app';

// What a user sees when the laptop's store is damaged on disk: instead of an empty app (a
// 0-byte file used to open as a new store) or "wrong key" (page-1 damage used to read as one),
// the start-up screen names the damage, lists the backups, restores the latest only after a
// confirmation, says where the damaged file was kept, and the app then opens on the backup.

const key = randomBytes(32).toString('hex');
let dataDir: string;
let harness: Harness | null = null;
let browser: TestBrowser;
const problems: string[] = [];

const byTestId = (id: string) => browser.page.getByTestId(id);
const textOf = (id: string) => byTestId(id).first().textContent();
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

async function restartHarness(withKey = key): Promise<Harness> {
  await harness?.close();
  harness = await startHarness({ dataDir, key: withKey, warn: () => {} });
  return harness;
}

beforeAll(async () => {
  ensureRendererBuilt();
  dataDir = mkdtempSync(path.join(tmpdir(), 'census-e2e-startup-'));
  const first = await restartHarness();
  await callChannel(first, 'settings:update', { userName: '马晓梅', deviceName: '沙坡头区-笔记本03' });
  // Yesterday's daily copy, taken as the running app takes it (a second connection is fine in WAL).
  const store = openDatabase(first.dbPath, { key });
  takeDailyBackup(store.sqlite, first.dbPath, path.join(dataDir, 'backups'), new Date(Date.now() - 3_600_000));
  store.sqlite.close();
  await callChannel(first, 'settings:update', { deviceName: '备份之后改的名字' });
  await first.close();
  harness = null;
  browser = await launchBrowser();
  await browser.page.setViewportSize({ width: 1366, height: 768 });
  collectProblems(browser.page, problems);
});

afterAll(async () => {
  await browser?.close();
  await harness?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the start-up screen in the browser harness', () => {
  it('names page-1 damage as damage, not a wrong key, and offers the latest backup', async () => {
    const storePath = path.join(dataDir, 'census.db');
    const bytes = readFileSync(storePath);
    bytes[100] = (bytes[100] ?? 0) ^ 0x10;
    writeFileSync(storePath, bytes);
    const damagedSha = sha(storePath);

    const h = await restartHarness();
    expect(h.status()).toMatchObject({ state: 'failed', problem: { code: 'DAMAGED', damage: 'header' } });
    await browser.page.goto(h.url);
    await byTestId('startup-screen').waitFor();
    expect(await textOf('startup-title')).toBe('数据文件无法打开');
    expect(await textOf('startup-problem')).toBe('数据文件已损坏');
    expect(await textOf('startup-damage')).toContain('密钥经核验无误');
    expect(await textOf('startup-store-path')).toBe(storePath);
    expect(await byTestId('startup-backup').count()).toBe(1);
    expect(await byTestId('startup-backup').getAttribute('data-state')).toBe('usable');
    await browser.screenshot('startup-damaged-zh-CN');

    await byTestId('lang-en').click();
    await expect.poll(() => textOf('startup-title')).toBe('The local data file cannot be opened');
    expect(await textOf('startup-problem')).toBe('The data file is damaged');
    expect(await textOf('startup-restore-latest')).toBe('Restore the latest backup');
    await browser.screenshot('startup-damaged-en');
    await byTestId('lang-zh-CN').click();
    await expect.poll(() => textOf('startup-title')).toBe('数据文件无法打开');

    // Choosing asks first; cancelling changes nothing.
    await byTestId('startup-restore-latest').click();
    await byTestId('startup-confirm').waitFor();
    expect(await textOf('startup-confirm')).toContain('损坏的数据文件会移到 damaged 文件夹保存，不会删除');
    await browser.screenshot('startup-confirm-zh-CN');
    await byTestId('startup-cancel').click();
    await byTestId('startup-confirm').waitFor({ state: 'detached' });
    expect(sha(storePath)).toBe(damagedSha);
    expect(existsSync(path.join(dataDir, 'damaged'))).toBe(false);
  });

  it('restores only after the confirmation, keeps the damaged file, and the app opens on the backup', async () => {
    const storePath = path.join(dataDir, 'census.db');
    const damagedSha = sha(storePath);
    await byTestId('startup-restore-latest').click();
    await byTestId('startup-confirm-action').click();
    await byTestId('startup-done').waitFor();
    const kept = readdirSync(path.join(dataDir, 'damaged')).filter((f) => f.endsWith('.db'));
    expect(kept).toHaveLength(1);
    expect(sha(path.join(dataDir, 'damaged', kept[0]!))).toBe(damagedSha);
    expect(await textOf('startup-set-aside')).toContain(path.join(dataDir, 'damaged', kept[0]!));
    await browser.screenshot('startup-restored-zh-CN');

    await byTestId('startup-enter').click();
    await expect.poll(() => textOf('nav-registration')).toBe('普查登记');
    expect(await byTestId('startup-screen').count()).toBe(0);
    // The backup's data: the name set before it, not the device name changed after it.
    expect(await textOf('header-user')).toBe('马晓梅');
    expect(await textOf('header-device')).toBe('沙坡头区-笔记本03');
    expect(problems).toEqual([]);
  });

  it('says a wrong key is a wrong key and offers no restore that could not work', async () => {
    const h = await restartHarness(randomBytes(32).toString('hex'));
    await browser.page.goto(h.url);
    await byTestId('startup-screen').waitFor();
    expect(await textOf('startup-problem')).toBe('数据加密密钥与数据文件不符');
    expect(await byTestId('startup-restore-latest').count()).toBe(0);
    expect(await byTestId('startup-empty').count()).toBe(0);
    expect(await byTestId('startup-backup').getAttribute('data-state')).toBe('wrong-key');
    await browser.screenshot('startup-wrong-key-zh-CN');
    expect(problems).toEqual([]);
  });
});
