import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AREA_A, AREA_B, Device, startTestServer, type TestServer } from './helpers';
import { censusAdmin as census } from '../helpers/admin-cli';

// The admin CLI as an operator runs it: `npm run census -- admin …`, spawned for real against
// a data folder, then checked through the running server's HTTP API.


describe('census admin CLI', { timeout: 90_000 }, () => {
  let dataDir: string;
  let t: TestServer | undefined;
  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'census-admin-'));
  });
  afterAll(async () => {
    await t?.server.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('creates users (password from the first line of stdin), assigns and unassigns areas, and lists them', async () => {
    expect((await census(dataDir, ['user-add', 'boss', '--role', 'admin', '--name', '区局管理员'], 'admin password 1\nnot this line\n')).code).toBe(0);
    const piped = (await census(dataDir, ['user-add', 'wang', '--role', 'enumerator', '--name', '王五'], 'from stdin 123\n'));
    expect(piped.code).toBe(0);
    expect(piped.out).toContain('created wang (enumerator)');
    expect((await census(dataDir, ['assign', 'wang', AREA_A, AREA_B])).out).toContain(`${AREA_A} ${AREA_B}`);
    expect((await census(dataDir, ['unassign', 'wang', AREA_B])).out.trim()).toBe(`wang: ${AREA_A}`);
    const list = (await census(dataDir, ['list-users']));
    expect(list.code).toBe(0);
    expect(list.out).toMatch(/boss\s+区局管理员\s+admin/);
    expect(list.out).toMatch(new RegExp(`wang\\s+王五\\s+enumerator\\s+0\\s+${AREA_A}`));
  });

  it('refuses bad input with exit 1 and changes nothing; an unknown command is a usage error (2)', async () => {
    const before = (await census(dataDir, ['list-users'])).out;
    expect(await census(dataDir, ['user-add', 'wang', '--role', 'enumerator', '--name', 'x'], 'long enough 1\n')).toMatchObject({ code: 1 });
    expect((await census(dataDir, ['user-add', 'li', '--role', 'boss', '--name', 'x'], 'long enough 1\n')).code).toBe(1);
    expect((await census(dataDir, ['user-add', 'li', '--role', 'enumerator', '--name', 'x'], 'short\n')).code).toBe(1);
    expect((await census(dataDir, ['assign', 'wang', '64050'])).err).toContain('6, 9, 12 or 15 digits');
    expect((await census(dataDir, ['list-users'])).out).toBe(before);
    expect((await census(dataDir, ['frobnicate'])).code).toBe(2);
  });

  it('refuses --password on the command line (shell history) and changes nothing', async () => {
    const before = (await census(dataDir, ['list-users'])).out;
    const added = await census(dataDir, ['user-add', 'li', '--role', 'enumerator', '--name', '李四', '--password', 'li password 12']);
    expect(added.code).toBe(2);
    expect(added.err).toContain('--password is not accepted');
    expect(added.err).toContain('不再接受 --password');
    const inline = await census(dataDir, ['set-password', 'wang', '--password=other password 3'], 'ignored 12345\n');
    expect(inline.code).toBe(2);
    expect((await census(dataDir, ['list-users'])).out).toBe(before);
    t = await startTestServer({ dataDir });
    expect((await new Device(t.server.url, 'laptop-wang0').login('wang', 'from stdin 123')).status).toBe(200);
    await t.server.close();
    t = undefined;
  });

  it('sets a password, lists a device after login, and revokes it', async () => {
    expect((await census(dataDir, ['set-password', 'wang'], 'second password 2\n')).code).toBe(0);
    t = await startTestServer({ dataDir });
    const d = new Device(t.server.url, 'laptop-wang1');
    expect((await d.login('wang', 'from stdin 123')).status).toBe(401);
    expect((await d.login('wang', 'second password 2')).status).toBe(200);
    const devices = (await census(dataDir, ['devices', 'wang']));
    expect(devices.out).toMatch(/laptop-wang1\s+wang\s+test laptop/);
    expect((await census(dataDir, ['revoke-device', 'laptop-wang1'])).code).toBe(0);
    expect((await census(dataDir, ['devices'])).out).toContain('revoked');
    expect((await d.pull()).body.error?.code).toBe('DEVICE_REVOKED');
    expect((await census(dataDir, ['revoke-device', 'no-such-device'])).code).toBe(1);
  });

  it('imports a listing frame with the laptop parser (twice adds nothing) and the units reach an assigned laptop by pull', async () => {
    const frame = path.join(dataDir, 'frame.csv');
    fs.writeFileSync(
      frame,
      [
        '普查小区代码,单位详细名称,统一社会信用代码,详细地址,单位类型,行业代码',
        `${AREA_A},中卫市沙坡头区某某商贸有限公司,91350100M000100Y43,宁夏中卫市沙坡头区文萃路1号,法人单位,5211`,
        `${AREA_A},张三小吃店,,宁夏中卫市沙坡头区鼓楼街2号,个体户,6210`,
        `12345,坏行,,,法人单位,`,
      ].join('\n'),
    );
    const first = (await census(dataDir, ['import-frame', frame, '--by', 'boss']));
    expect(first.code).toBe(0);
    expect(first.out).toContain('imported 2');
    expect(first.out).toContain('with errors 1');
    expect((await census(dataDir, ['import-frame', frame])).out).toContain('imported 0 · 已存在 / already present 2');

    await createEnumerator();
    const d = new Device(t!.server.url, 'laptop-zhao1');
    await d.login('zhao', 'zhao password 1');
    const { changes } = await d.pullAll();
    const names = changes.filter((c) => c.field === 'name').map((c) => c.value);
    expect(names.sort()).toEqual(['中卫市沙坡头区某某商贸有限公司', '张三小吃店']);
    expect(changes.find((c) => c.field === '$create')?.value).toMatchObject({ areaCode: AREA_A, source: 'frame' });
    // The frame row travels whole; its USCC is offered on the form (preload), not written as an answer.
    expect(changes.some((c) => c.field === 'uscc' && c.value === '91350100M000100Y43')).toBe(true);
    expect(changes.some((c) => c.field === 'frameRow')).toBe(true);
    expect(changes.some((c) => c.field === '611.uscc')).toBe(false);
    // Attributed to the admin named by --by, from the server's own device.
    expect(changes.every((c) => c.userId.startsWith('u_') && c.deviceId === 'bureau-server')).toBe(true);
  });

  async function createEnumerator(): Promise<void> {
    expect((await census(dataDir, ['user-add', 'zhao', '--role', 'enumerator', '--name', '赵六'], 'zhao password 1\n')).code).toBe(0);
    expect((await census(dataDir, ['assign', 'zhao', '640502001'])).code).toBe(0);
  }

  it('exports every unit as CSV and XLSX, one row per unit and one column per field', async () => {
    const csv = path.join(dataDir, 'units.csv');
    const xlsx = path.join(dataDir, 'units.xlsx');
    expect((await census(dataDir, ['export-units', csv])).out).toContain('exported 2 units');
    const text = fs.readFileSync(csv, 'utf8');
    expect(text.startsWith('\uFEFFid,areaCode,kind,source,deleted,')).toBe(true);
    const lines = text.trim().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(text).toContain('张三小吃店');
    expect((await census(dataDir, ['export-units', xlsx])).code).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsx);
    const sheet = book.getWorksheet('units');
    expect(sheet?.rowCount).toBe(3);
    expect(sheet?.getRow(1).getCell(2).value).toBe('areaCode');
    expect((await census(dataDir, ['export-units', path.join(dataDir, 'units.txt')])).code).toBe(1);
  });
});
