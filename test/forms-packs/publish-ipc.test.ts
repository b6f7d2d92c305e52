import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '@main/ipc/dispatch';
import { builtinPack } from '@shared/packs/builtin';
import type { Channel, Input, Output } from '@shared/ipc/contract';
import type { Result } from '@shared/result';
import { World, type Client } from '../sync/world';
import { workbookBytes } from '@shared/node/pack-workbook';
import { packToWorkbook } from '@shared/packs/workbook/write';
import { setCell } from '../helpers/pack-workbook';
import { editItem, individualV2, nextPack } from './fixtures';

// The bureau's screen in main: forms:preview checks a chosen pack file and says what it changes
// against the server's current pack; forms:publish sends exactly the previewed pack with the
// signed-in admin's session. Only the bureau may.

let world: World;

const run = <C extends Channel>(client: Client, channel: C, input: Input<C>) =>
  dispatch(client.core.handlers, channel, input, { shell: 'web' }) as Promise<Result<Output<C>>>;

async function call<C extends Channel>(client: Client, channel: C, input: Input<C>): Promise<Output<C>> {
  const res = await run(client, channel, input);
  if (!res.ok) throw new Error(`${client.name} ${channel}: ${res.error.code} ${res.error.message}`);
  return res.value;
}

const file = (pack: unknown, fileName = 'wjp5-2023@2023.3.json') => ({ fileName, contentBase64: Buffer.from(JSON.stringify(pack)).toString('base64') });

beforeEach(async () => {
  world = new World();
  await world.start();
  await world.user('chen', 'admin', []);
  await world.user('wang', 'enumerator', ['640502100001']);
});
afterEach(async () => world.close());

describe('the bureau publishes from the app', () => {
  it('previews what changed against the server, then publishes that pack; laptops receive it', async () => {
    const bureau = await world.client('bureau', 'chen');
    await bureau.sync();
    const pack = individualV2();
    const preview = await call(bureau, 'forms:preview', file(pack));
    expect(preview).toMatchObject({ problems: [], canPublish: true, onServer: 'no', against: builtinPack().ref, pack: { ref: 'wjp5-2023@2023.3', hash: pack.hash } });
    expect(preview.changes.map((c) => c.kind).sort()).toEqual(['codeAdded', 'itemLabel', 'itemRemoved']);

    const published = await call(bureau, 'forms:publish', { hash: pack.hash });
    expect(published).toMatchObject({ outcome: 'published', ref: 'wjp5-2023@2023.3', previous: builtinPack().ref });
    expect((await world.server.store.currentPack())?.ref).toBe('wjp5-2023@2023.3');

    const again = await call(bureau, 'forms:preview', file(pack));
    expect(again).toMatchObject({ onServer: 'same', canPublish: true, against: 'wjp5-2023@2023.3', changes: [] });

    const a = await world.client('a', 'wang');
    await a.sync();
    expect((await call(a, 'forms:packs', undefined)).current).toBe('wjp5-2023@2023.3');
  });

  it('lists a pack file’s problems and cannot publish it', async () => {
    const bureau = await world.client('bureau', 'chen');
    const broken = nextPack('2023.3', (p) => {
      editItem(p, 'individual', 'operatorName').codeList = 'noSuchList';
    });
    const preview = await call(bureau, 'forms:preview', file(broken));
    expect(preview.canPublish).toBe(false);
    expect(preview.problems.some((p) => p.place.itemCode === 'operatorName' && p.message.includes('noSuchList'))).toBe(true);
    const res = await run(bureau, 'forms:publish', { hash: broken.hash });
    expect(res.ok).toBe(false);
    expect(await world.server.store.currentPack()).toBeNull();

    const notJson = await call(bureau, 'forms:preview', { fileName: 'pack.json', contentBase64: Buffer.from('这不是 JSON').toString('base64') });
    expect(notJson).toMatchObject({ pack: null, canPublish: false });
    expect(notJson.problems[0]?.message).toContain('不是表式包');

    const tampered = individualV2();
    editItem(tampered, 'individual', 'operatorName').labelZh = '生成后被改动';
    const hashProblem = await call(bureau, 'forms:preview', file(tampered));
    expect(hashProblem.canPublish).toBe(false);
    expect(hashProblem.problems[0]?.message).toContain('校验值');
  });

  it('will not publish a version the server holds with other content', async () => {
    const bureau = await world.client('bureau', 'chen');
    const first = individualV2();
    await call(bureau, 'forms:preview', file(first));
    await call(bureau, 'forms:publish', { hash: first.hash });
    const other = nextPack('2023.3');
    const preview = await call(bureau, 'forms:preview', file(other));
    expect(preview).toMatchObject({ onServer: 'different', canPublish: false });
    const res = await run(bureau, 'forms:publish', { hash: other.hash });
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.reason?.zh).toContain('新的版本号');
    expect((await world.server.store.currentPack())?.hash).toBe(first.hash);
  });

  it('is refused to an enumerator (the server refuses too: publish-route.test.ts)', async () => {
    const a = await world.client('a', 'wang');
    const pack = individualV2();
    const res = await run(a, 'forms:preview', file(pack));
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.code).toBe('FORBIDDEN');
    const publish = await run(a, 'forms:publish', { hash: pack.hash });
    expect(publish.ok).toBe(false);
    expect(await world.server.store.currentPack()).toBeNull();
  });

  it('builds a chosen workbook into the pack it previews and publishes, or lists its problems at sheet, row and column', async () => {
    const bureau = await world.client('bureau', 'chen');
    const pack = individualV2();
    const xlsx = Buffer.from(await workbookBytes(packToWorkbook(pack)));
    const preview = await call(bureau, 'forms:preview', { fileName: '表式 2023.3.xlsx', contentBase64: xlsx.toString('base64') });
    expect(preview).toMatchObject({ problems: [], canPublish: true, pack: { ref: 'wjp5-2023@2023.3', hash: pack.hash } });
    expect(preview.changes.map((c) => c.kind).sort()).toEqual(['codeAdded', 'itemLabel', 'itemRemoved']);
    expect(await call(bureau, 'forms:publish', { hash: pack.hash })).toMatchObject({ outcome: 'published', ref: 'wjp5-2023@2023.3' });

    const broken = packToWorkbook(individualV2('2023.3'));
    setCell(broken, 'items', { form: 'individual', name: 'operatorName' }, 'type', 'txet');
    const bad = await call(bureau, 'forms:preview', { fileName: 'broken.xlsx', contentBase64: Buffer.from(await workbookBytes(broken)).toString('base64') });
    expect(bad.canPublish).toBe(false);
    expect(bad.problems.some((p) => p.place.kind === 'workbook' && p.place.row !== '0' && p.message.includes('txet'))).toBe(true);

    const notXlsx = await call(bureau, 'forms:preview', { fileName: 'forms.xlsx', contentBase64: Buffer.from('not a workbook').toString('base64') });
    expect(notXlsx.canPublish).toBe(false);
    expect(notXlsx.problems[0]?.message).toContain('不是 Excel 工作簿');
  });
});
