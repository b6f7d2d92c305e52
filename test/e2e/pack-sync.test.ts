import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishPack } from '@server/forms/publish';
import { useE2eApp } from '../helpers/e2e-app';
import { individualV2 } from '../forms-packs/fixtures';
import { PASSWORD, World } from '../sync/world';

// The bureau publishes a pack that corrects an item's label and adds a code to a list; an
// enumerator's laptop syncs, opens its draft, sees the new label and picks the new code.

const app = useE2eApp('census-e2e-packs-', { region: null });
const AREA = '640502100001001';
let world: World;
let unitId = '';

beforeAll(async () => {
  world = new World();
  await world.start();
  await world.user('enum01', 'enumerator', ['640502100001']);
  await app.api('settings:update', { userName: '马晓梅', deviceName: '沙坡头区-笔记本03', serverUrl: world.server.url });
  await app.api('sync:login', { username: 'enum01', password: PASSWORD });
  // A draft filled under the built-in pack, before the bureau publishes.
  unitId = (await app.api('units:create', { areaCode: AREA, kind: 'individual', name: '马记烧烤' })).id;
  await app.api('sync:now', undefined);
  const published = await publishPack(world.server.store, individualV2(), { by: 'bureau', at: new Date().toISOString() });
  if (!published.ok) throw new Error(published.refusal.message);
});

afterAll(async () => {
  await world?.close();
});

const byTestId = (id: string) => app.page.getByTestId(id);
const label = (code: string) => app.page.locator(`label[for="item-individual-${code}"]`);

describe('a form pack published by the bureau, in the browser harness', () => {
  it('arrives by sync: the draft shows the corrected label and offers the new code', async () => {
    await app.page.setViewportSize({ width: 1366, height: 768 });
    await app.page.goto(app.harness.url);
    await app.page.goto(`${app.harness.origin}/#/registration/unit/${unitId}`);
    await byTestId('unit-page').waitFor();
    await expect.poll(() => label('operatorName').textContent()).toContain('经营者姓名');
    expect(await label('operatorName').textContent()).not.toContain('（更正）');

    const status = await app.api('sync:now', undefined);
    expect(status.lastError).toBeNull();
    expect((await app.api('forms:packs', undefined)).current).toBe('wjp5-2023@2023.2');
    expect(await app.api('forms:notice', undefined)).toMatchObject({ kind: 'updated', ref: 'wjp5-2023@2023.2' });

    await app.page.reload();
    await byTestId('unit-page').waitFor();
    await expect.poll(() => label('operatorName').textContent()).toContain('经营者姓名（更正）');
    await byTestId('item-individual-operatingStatus').click();
    await byTestId('item-individual-operatingStatus').fill('99');
    await app.page.keyboard.press('Enter');
    await expect.poll(() => byTestId('item-individual-operatingStatus-name').textContent()).toBe('季节性停业（新增）');
    await byTestId('save-state').filter({ hasText: '已保存' }).waitFor();
    const stored = await app.api('units:get', { id: unitId });
    expect(stored.formPack).toBe('wjp5-2023@2023.2');
    expect(stored.forms.individual?.operatingStatus).toBe('99');
    await app.browser.screenshot('pack-sync-new-label-zh-CN');

    await byTestId('lang-en').click();
    await expect.poll(() => byTestId('item-individual-operatingStatus-name').textContent()).toBe('Seasonal closure (new)');
    await app.browser.screenshot('pack-sync-new-label-en');
    await byTestId('lang-zh-CN').click();
  });

  it('raised no console errors or CSP violations', () => {
    expect(app.problems).toEqual([]);
  });
});
