import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JsonValue } from '@shared/sync/protocol';
import { CountyCheckResponse, type CountyFinding } from '@shared/registration/county-check';
import { AREA_A, AREA_OTHER_TOWNSHIP, call, createUser, Device, startTestServer, type TestServer } from './helpers';

// GET /registration/county-check: the bureau's county-wide 查重 and 法人 ↔ 产业活动单位 links,
// decided over every unit on the server and answered for the caller's units only.

/** Another 普查区 of the same township (640502001002), held by another enumerator. */
const AREA_C = '640502001002001';
const USCC = '91640502MA76X1234K';
const PARENT = '91640502MA76X5678P';

let t: TestServer;
let a: Device;
let c: Device;
let far: Device;
let bureau: Device;

beforeEach(async () => {
  t = await startTestServer();
  await createUser(t.server, 'enum-a', 'enumerator', [AREA_A]);
  await createUser(t.server, 'enum-c', 'enumerator', [AREA_C]);
  await createUser(t.server, 'enum-far', 'enumerator', [AREA_OTHER_TOWNSHIP]);
  await createUser(t.server, 'bureau', 'admin');
  a = new Device(t.server.url, 'dev-enum-a');
  c = new Device(t.server.url, 'dev-enum-c');
  far = new Device(t.server.url, 'dev-enum-far');
  bureau = new Device(t.server.url, 'dev-bureau');
  for (const [d, u] of [[a, 'enum-a'], [c, 'enum-c'], [far, 'enum-far'], [bureau, 'bureau']] as const) await d.login(u);
});
afterEach(async () => t.dispose());

/** A unit created as the laptops create it: identity and initial fields in one '$create'. */
async function register(d: Device, id: string, areaCode: string, kind: string, fields: Record<string, JsonValue>): Promise<void> {
  const answer = await d.push([d.op(id, '$create', { areaCode, kind, source: 'field', fields })]);
  expect(answer.body.rejected).toEqual([]);
}

async function edit(d: Device, id: string, field: string, value: JsonValue, baseVersion = 0): Promise<void> {
  const answer = await d.push([d.op(id, field, value, baseVersion)]);
  expect(answer.body.rejected).toEqual([]);
}

async function answer(d: Device, asOf: string | null = null): Promise<CountyCheckResponse> {
  const query = asOf === null ? '' : `?asOf=${encodeURIComponent(asOf)}`;
  const res = await call(t.server.url, 'GET', `/registration/county-check${query}`, undefined, { token: d.token });
  expect(res.status).toBe(200);
  const parsed = CountyCheckResponse.parse(res.body);
  expect(Date.parse(parsed.computedAt)).not.toBeNaN();
  return parsed;
}

async function check(d: Device): Promise<CountyFinding[]> {
  const parsed = await answer(d);
  expect(parsed.unchanged).toBe(false);
  return parsed.findings;
}

const summary = (fs: CountyFinding[]) => fs.map((f) => `${f.unitId}:${f.kind}:${f.other?.id ?? '-'}:${f.other?.areaCode ?? '-'}`).sort();

describe('county-wide 查重', () => {
  it('finds the same USCC in two 普查区, for each side, with the other side named', async () => {
    await register(a, 'unit-a-0001', AREA_A, 'legal', { name: '沙坡头甲公司', uscc: USCC });
    await register(c, 'unit-c-0001', AREA_C, 'legal', { name: '沙坡头甲有限公司', uscc: USCC });
    await register(c, 'unit-c-0002', AREA_C, 'legal', { name: '别的公司', uscc: '91640502MA76X0000A' });
    expect(summary(await check(a))).toEqual([`unit-a-0001:duplicate:unit-c-0001:${AREA_C}`]);
    const seenByC = await check(c);
    expect(summary(seenByC)).toEqual([`unit-c-0001:duplicate:unit-a-0001:${AREA_A}`]);
    // Identification only: id, name, area, kind, type; nothing of the other unit's figures.
    expect(seenByC[0]?.other).toEqual({ id: 'unit-a-0001', name: '沙坡头甲公司', uscc: USCC, areaCode: AREA_A, kind: 'legal', unitType: '1' });
    expect(seenByC[0]?.basis).toBe(USCC);
  });

  it('reads a USCC edited after creation, and forgets a deleted unit', async () => {
    await register(a, 'unit-a-0001', AREA_A, 'legal', { name: '甲', uscc: USCC });
    await register(c, 'unit-c-0001', AREA_C, 'legal', { name: '乙', uscc: '91640502MA76X0000A' });
    expect(await check(a)).toEqual([]);
    await edit(c, 'unit-c-0001', 'uscc', USCC);
    expect(summary(await check(a))).toEqual([`unit-a-0001:duplicate:unit-c-0001:${AREA_C}`]);
    await edit(c, 'unit-c-0001', '$delete', { reason: '重复登记' });
    expect(await check(a)).toEqual([]);
  });

  it('finds a 法人 registered again as an establishment elsewhere', async () => {
    await register(a, 'unit-a-0001', AREA_A, 'legal', { name: '甲公司', uscc: USCC, '611.unitType': '1' });
    await register(c, 'unit-c-0001', AREA_C, 'establishment', { name: '甲公司门店', uscc: USCC, '611.unitType': '2', '611.parentUscc': USCC });
    expect(summary(await check(a))).toEqual([
      `unit-a-0001:legal_as_establishment:unit-c-0001:${AREA_C}`,
      // Its parent is this 法人 and it is not on its 611-1 either.
      `unit-a-0001:unlisted_establishment:unit-c-0001:${AREA_C}`,
    ]);
    expect(summary(await check(c))).toEqual([`unit-c-0001:legal_as_establishment:unit-a-0001:${AREA_A}`]);
  });

  it('limits what a caller learns to its own units', async () => {
    await register(c, 'unit-c-0001', AREA_C, 'legal', { name: '丙', uscc: USCC });
    await register(far, 'unit-f-0001', AREA_OTHER_TOWNSHIP, 'legal', { name: '丁', uscc: USCC });
    await register(a, 'unit-a-0001', AREA_A, 'legal', { name: '甲', uscc: '91640502MA76X0000A' });
    // Enumerator A holds no unit with that USCC: it learns nothing of the other two.
    expect(await check(a)).toEqual([]);
    expect(summary(await check(c))).toEqual([`unit-c-0001:duplicate:unit-f-0001:${AREA_OTHER_TOWNSHIP}`]);
    // The bureau holds both sides.
    expect(summary(await check(bureau))).toEqual([
      `unit-c-0001:duplicate:unit-f-0001:${AREA_OTHER_TOWNSHIP}`,
      `unit-f-0001:duplicate:unit-c-0001:${AREA_C}`,
    ]);
  });

  it('answers unchanged to a laptop holding the current answer, until any unit anywhere changes', async () => {
    await register(a, 'unit-a-0001', AREA_A, 'legal', { name: '甲', uscc: USCC });
    const first = await answer(a);
    const again = await answer(a, first.asOf);
    expect(again).toMatchObject({ unchanged: true, findings: [], asOf: first.asOf });
    // Another scope holds another answer.
    expect((await answer(c, first.asOf)).unchanged).toBe(false);
    // A unit registered in another 普查区 changes A's answer.
    await register(c, 'unit-c-0001', AREA_C, 'legal', { name: '乙', uscc: USCC });
    const changed = await answer(a, first.asOf);
    expect(changed.unchanged).toBe(false);
    expect(summary(changed.findings)).toEqual([`unit-a-0001:duplicate:unit-c-0001:${AREA_C}`]);
  });

  it('needs a session', async () => {
    const answer = await call(t.server.url, 'GET', '/registration/county-check');
    expect(answer.status).toBe(401);
  });
});

describe('法人 ↔ 产业活动单位 links', () => {
  const parent = (rows: JsonValue[]) => ({ name: '甲集团有限公司', uscc: PARENT, '611.unitType': '1', '611-1.establishments': rows });
  const est = (name: string, uscc: string, more: Record<string, JsonValue> = {}) => ({
    name,
    uscc,
    '611.unitType': '2',
    '611.parentUscc': PARENT,
    ...more,
  });

  it('names an establishment registered elsewhere that the 法人 does not list on 611-1', async () => {
    await register(a, 'unit-a-0001', AREA_A, 'legal', parent([{ estName: '甲集团有限公司（本部）', estUscc: PARENT, estCategory: '1' }, { estName: '甲集团 第一分店' }]));
    // Listed by name (spaces, punctuation and full-width forms aside).
    await register(c, 'unit-c-0001', AREA_C, 'establishment', est('甲集团第一分店', '91640502MA76X1111A'));
    // Listed by USCC although the name differs.
    await register(c, 'unit-c-0002', AREA_C, 'establishment', est('甲集团二店', PARENT.replace('P', 'Q')));
    // Not listed.
    await register(c, 'unit-c-0003', AREA_C, 'establishment', est('甲集团第三分店', '91640502MA76X3333A'));
    await edit(a, 'unit-a-0001', '611-1.establishments', [
      { estName: '甲集团有限公司（本部）', estUscc: PARENT, estCategory: '1' },
      { estName: '甲集团 第一分店' },
      { estName: '别的名字', estUscc: PARENT.replace('P', 'Q'), estCategory: '2' },
    ]);
    expect(summary(await check(a))).toEqual([`unit-a-0001:unlisted_establishment:unit-c-0003:${AREA_C}`]);
  });

  it('reads a 611-1 cell sent on its own over the list it belongs to', async () => {
    await register(a, 'unit-a-0001', AREA_A, 'legal', parent([{ estName: '甲集团有限公司（本部）', estUscc: PARENT }, { estName: '别的门店' }]));
    await register(c, 'unit-c-0001', AREA_C, 'establishment', est('甲集团第三分店', '91640502MA76X3333A'));
    expect(summary(await check(a))).toEqual([`unit-a-0001:unlisted_establishment:unit-c-0001:${AREA_C}`]);
    await edit(a, 'unit-a-0001', '611-1.establishments.1.estUscc', '91640502MA76X3333A');
    expect(await check(a)).toEqual([]);
  });

  it('finds an establishment whose parent is neither in the county nor marked outside it', async () => {
    await register(c, 'unit-c-0001', AREA_C, 'establishment', est('无主门店', '91640502MA76X1111A'));
    await register(c, 'unit-c-0002', AREA_C, 'establishment', est('外县法人的门店', '91640502MA76X2222A', { '611.parentOutsideCounty': true }));
    await register(c, 'unit-c-0003', AREA_C, 'establishment', est('没填上级的门店', '91640502MA76X3333A', { '611.parentUscc': null }));
    const findings = await check(c);
    expect(summary(findings)).toEqual(['unit-c-0001:parent_missing:-:-']);
    expect(findings[0]?.basis).toBe(PARENT);
    // Once the 法人 is registered (in another 普查区), the link is found.
    await register(a, 'unit-a-0001', AREA_A, 'legal', parent([{ estName: '无主门店' }, { estName: '外县法人的门店' }, { estName: '没填上级的门店' }]));
    expect(await check(c)).toEqual([]);
  });
});
