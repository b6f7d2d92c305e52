import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '@shared/node/hash';
import { decideFork } from '@server/admin/forks';
import { assign, unassign } from '@server/admin/users';
import { canonicalOpText, type Op } from '@shared/sync/protocol';
import { useE2eApp } from '../helpers/e2e-app';
import { PASSWORD, visibleUnits, World, type Client } from '../sync/world';

// The sync page when things went wrong, in Debian's chromium through the harness against a
// bureau server started here: a laptop whose records parted from the server's (本机数据与服务器
// 记录不一致) exports its unsent changes, asks for a new branch and, once the bureau approves,
// uploads them; a unit refused during a scope change is marked in the unit list and on its page,
// moved to an area the user holds, and arrives. At 1366×768, in Chinese and in English.

const app = useE2eApp('census-e2e-sync-recovery-', { region: null });
let world: World;
let supervisor: Client;
const AREA = '640502100001001';
const OTHER = '640502100002001';

beforeAll(async () => {
  world = new World();
  await world.start();
  await world.user('enum01', 'enumerator', ['640502100001', '640502100002']);
  await world.user('super01', 'supervisor', ['640502100']);
  await world.user('bureau01', 'admin', []);
  supervisor = await world.client('s', 'super01');
  await app.api('settings:update', { userName: '马晓梅', deviceName: '沙坡头区-笔记本03', serverUrl: world.server.url });
  await app.page.setViewportSize({ width: 1366, height: 768 });
});

afterAll(async () => {
  await world?.close();
});

const byTestId = (id: string) => app.page.getByTestId(id);

async function openSync(): Promise<void> {
  await app.page.goto(`${app.harness.url}#/sync`);
  await byTestId('sync-status').waitFor();
}

async function inLanguage(language: 'en' | 'zh-CN', shot: string, panel: string): Promise<void> {
  await app.api('settings:update', { language });
  await app.page.reload();
  await byTestId(panel).scrollIntoViewIfNeeded();
  await app.browser.screenshot(shot);
}

/**
 * What a copy of this laptop's folder does elsewhere: it syncs an op of this device the laptop
 * never made (the server now holds the laptop's next sequence number with other content).
 */
async function twinPushes(deviceId: string): Promise<void> {
  const user = await world.server.store.findUserByUsername('enum01');
  if (!user) throw new Error('no enum01');
  const last = await world.server.store.lastOp(deviceId);
  const at = new Date().toISOString();
  const unsigned: Omit<Op, 'hash'> = {
    deviceId,
    seq: last.seq + 1,
    entity: 'unit',
    entityId: 'unit-twin-0001',
    field: '$create',
    value: { areaCode: AREA, kind: 'legal', source: 'field', fields: { name: '中卫市复制文件夹商店', status: 'draft' } },
    baseVersion: 0,
    hlc: `${String(Date.now()).padStart(13, '0')}-000000-${deviceId}`,
    userId: user.id,
    at,
    appVersion: '0.1.0',
    schemaVersion: 'twin',
    prevHash: last.hash,
  };
  const scope = { isAll: false as const, prefixes: ['640502100001', '640502100002'] };
  const res = await world.server.store.push({ userId: user.id, role: 'enumerator', deviceId, scope, receivedAt: at }, [{ ...unsigned, hash: sha256Hex(canonicalOpText(unsigned)) }]);
  if (res.ackedSeq !== last.seq + 1) throw new Error(`twin push: ${JSON.stringify(res)}`);
}

describe('a laptop whose records parted from the server', () => {
  it('shows it, exports the unsent changes, asks for a branch and uploads them once approved', async () => {
    await app.api('sync:login', { username: 'enum01', password: PASSWORD });
    await app.api('units:create', { areaCode: AREA, kind: 'legal', name: '中卫市宏达商贸有限公司' });
    await app.api('sync:now', undefined);
    const { deviceId } = await app.api('sync:status', undefined);
    await twinPushes(deviceId);
    const kept = await app.api('units:create', { areaCode: AREA, kind: 'legal', name: '中卫市沙坡头酒店' });

    await openSync();
    await byTestId('sync-now').click();
    await byTestId('sync-fork').waitFor();
    expect(await byTestId('sync-fork').getAttribute('data-unsent')).toBe('1');
    expect(await byTestId('sync-fork').textContent()).toContain('本机数据与服务器记录不一致');
    expect(await byTestId('sync-error').getAttribute('data-code')).toBe('CHAIN_BROKEN');
    expect(await byTestId('sync-pending').getAttribute('data-count')).toBe('1');
    // The server's own words are English and technical: folded away for support, not shown as its 说明.
    expect(await byTestId('sync-fork').innerText()).not.toMatch(/already stored|another hash|服务器的说明/);
    expect(await byTestId('sync-fork-detail').textContent()).toContain('技术信息（请提供给技术支持）seq');
    await app.browser.screenshot('sync-fork-zh-CN');

    const downloads: string[] = [];
    app.page.on('download', (d) => downloads.push(d.suggestedFilename()));
    await byTestId('sync-fork-export').click();
    await expect.poll(() => downloads.length).toBe(2);
    const names = [...downloads].sort();
    expect(names[0]).toMatch(/^未上传修改-unsent-.*\.json$/);
    expect(names[1]).toMatch(/^未上传修改-unsent-.*\.xlsx$/);
    await byTestId('sync-fork-exported').waitFor();

    await byTestId('sync-fork-request').click();
    await expect.poll(() => byTestId('sync-fork-request-state').getAttribute('data-status')).toBe('pending');
    await app.browser.screenshot('sync-fork-requested-zh-CN');
    await inLanguage('en', 'sync-fork-requested-en', 'sync-fork');
    expect(await byTestId('sync-fork').textContent()).toContain("This computer's records and the server's do not agree");
    await inLanguage('zh-CN', 'sync-fork-requested-zh-CN', 'sync-fork');

    const [request] = await world.server.store.listForkRequests('pending');
    if (!request) throw new Error('no request on the server');
    await decideFork(world.server.store, request.id, 'approved', 'bureau01');
    await byTestId('sync-fork-sync').click();
    await expect.poll(() => byTestId('sync-fork').count()).toBe(0);
    await expect.poll(() => byTestId('sync-pending').getAttribute('data-count')).toBe('0');
    expect(await byTestId('sync-error').count()).toBe(0);
    expect((await app.api('sync:status', undefined)).deviceId).toBe(request.newDeviceId);
    await supervisor.sync();
    expect(Object.keys(visibleUnits(supervisor.core))).toEqual(expect.arrayContaining([kept.id, 'unit-twin-0001']));
    await app.browser.screenshot('sync-fork-recovered-zh-CN');
  });
});

describe('a unit refused during a scope change', () => {
  it('is marked in the list and on its page, and reaches the supervisor once moved to an area the user holds', async () => {
    await unassign(world.server.store, 'enum01', ['640502100001']);
    const refused = await app.api('units:create', { areaCode: AREA, kind: 'legal', name: '中卫市黄河建材有限公司' });
    const waiting = await app.api('units:create', { areaCode: AREA, kind: 'legal', name: '中卫市鼓楼餐饮店' });
    await openSync();
    await byTestId('sync-now').click();
    await expect.poll(() => byTestId('sync-refused-open').getAttribute('data-count')).toBe('2');
    const row = byTestId('sync-refused-row').filter({ hasText: '黄河建材' });
    expect(await row.getByTestId('sync-refused-retry').isDisabled()).toBe(true);
    expect(await row.textContent()).toContain('640502100001001');
    await byTestId('sync-refused-open').scrollIntoViewIfNeeded();
    await app.browser.screenshot('sync-refused-zh-CN');
    await inLanguage('en', 'sync-refused-en', 'sync-refused-open');
    await inLanguage('zh-CN', 'sync-refused-zh-CN', 'sync-refused-open');

    await app.page.goto(`${app.harness.url}#/registration`);
    await byTestId(`unit-sync-refused-${refused.id}`).waitFor();
    await app.browser.screenshot('sync-refused-unit-list-zh-CN');
    await app.page.goto(`${app.harness.url}#/registration/unit/${refused.id}`);
    await byTestId('unit-sync-refused').waitFor();
    expect(await byTestId('unit-sync-refused').textContent()).toContain('不在您负责的区域内');
    await app.browser.screenshot('sync-refused-unit-zh-CN');

    // Moved: a code outside the user's areas is refused on the page, one inside is taken.
    await openSync();
    await row.getByTestId('sync-refused-move').click();
    await row.getByTestId('sync-refused-move-code').fill('640502100003001');
    await row.getByTestId('sync-refused-move-confirm').click();
    expect(await row.getByTestId('sync-refused-move-error').textContent()).toContain('不在您负责的区域内');
    await app.browser.screenshot('sync-refused-move-zh-CN');
    await row.getByTestId('sync-refused-move-code').fill(OTHER);
    await row.getByTestId('sync-refused-move-confirm').click();
    await expect.poll(() => byTestId('sync-refused-open').getAttribute('data-count')).toBe('1');
    await expect.poll(() => byTestId('sync-pending').getAttribute('data-count')).toBe('0');
    // The other waits for its area: once it is back, a retry sends it.
    await assign(world.server.store, 'enum01', ['640502100001']);
    await byTestId('sync-now').click();
    await expect.poll(() => byTestId('sync-refused-retry').isDisabled()).toBe(false);
    await byTestId('sync-refused-retry').click();
    await expect.poll(() => byTestId('sync-refused-open').count()).toBe(0);
    await expect.poll(() => byTestId('sync-pending').getAttribute('data-count')).toBe('0');
    expect(await byTestId('sync-rejected-state').count()).toBeGreaterThan(0);
    await app.browser.screenshot('sync-refused-retried-zh-CN');

    await supervisor.sync();
    const units = visibleUnits(supervisor.core) as Record<string, { area_code: string }>;
    expect(units[refused.id]?.area_code).toBe(OTHER);
    expect(units[waiting.id]?.area_code).toBe(AREA);
    await app.page.goto(`${app.harness.url}#/registration`);
    await byTestId(`unit-row-${refused.id}`).waitFor();
    expect(await byTestId(`unit-sync-refused-${refused.id}`).count()).toBe(0);
  });

  it('raised no console errors or CSP violations', () => {
    expect(app.problems).toEqual([]);
  });
});
