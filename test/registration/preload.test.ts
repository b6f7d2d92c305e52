import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '@db/open';
import { defaultDivisionDataDir, loadRegionFromData } from '@main/divisions/queries';
import { updateSettings } from '@main/session/settings-queries';
import { buildSearchText } from '@main/registration/units-queries';
import { insertUnit } from '@main/registration/unit-writes';
import { createFrameImportService } from '@main/registration/frame-import';
import { createRegistrationService, type RegistrationService } from '@main/registration/service';
import type { FormsDoc } from '@shared/registration/registration';
import { openMemoryStore } from '../helpers/store';

// Preloading from the listing frame on a real store: the frame row's values are offered with
// the unit (never written as answers by the import), a confirmation, a correction and a
// refusal are each said in the trace by the person who made them, and units imported before
// preloading existed get the offers too.

let store: OpenedDatabase;
let svc: RegistrationService;
let n: number;
const at = () => new Date('2024-03-15T02:00:00.000Z');

beforeEach(() => {
  store = openMemoryStore();
  updateSettings(store.db, { userName: '王小明', deviceName: '沙坡头-平板01', regionCode: '640502' });
  loadRegionFromData(store.db, defaultDivisionDataDir(), '640502');
  n = 0;
  svc = createRegistrationService(store.db, { now: at, newId: () => `unit-${String(++n).padStart(4, '0')}` });
});
afterEach(() => store.sqlite.close());

const HEADER = '普查小区代码,单位类型,单位详细名称,统一社会信用代码,法定代表人,联系电话,详细地址,行业代码,电子邮箱,机构类型';
const ROW = '640502100002001,法人,中卫市塞上五金建材有限公司,91640502MA76U8N234,马建国,0955-7012345,宁夏回族自治区中卫市沙坡头区滨河镇鼓楼东街8号,5174,wujin@example.cn,10 企业';

async function importFrame(): Promise<string> {
  const frame = createFrameImportService(store.db, { now: at, newId: () => 'frame-0001' });
  const csv = `${HEADER}\r\n${ROW}\r\n`;
  await frame.import({ fileName: '底册.csv', contentBase64: Buffer.from(csv).toString('base64') });
  return 'frame-0001';
}

const trace = () =>
  store.sqlite.prepare('SELECT action, user_name, changes, reason FROM unit_changes ORDER BY id').all() as {
    action: string;
    user_name: string;
    changes: string;
    reason: string | null;
  }[];

describe('a unit from the listing frame', () => {
  it('shows in the import preview which columns fill form items', async () => {
    const frame = createFrameImportService(store.db, { now: at });
    const csv = `${HEADER}\r\n${ROW}\r\n`;
    const preview = await frame.preview({ fileName: '底册.csv', contentBase64: Buffer.from(csv).toString('base64') });
    expect(Object.fromEntries(preview.columns.map((c) => [c.header, c.field]))).toMatchObject({
      普查小区代码: 'areaCode',
      法定代表人: 'legalRep',
      联系电话: 'phone',
      电子邮箱: 'email',
      机构类型: 'institutionType',
    });
  });

  it('opens with the frame’s values offered, none of them an answer', async () => {
    const id = await importFrame();
    const unit = svc.get(id);
    expect(unit.forms).toEqual({ '611': { unitType: '1', areaCode: '640502100002001' } });
    expect(unit.preload['611']).toEqual({
      name: { value: '中卫市塞上五金建材有限公司', column: '单位详细名称', isDerived: false },
      uscc: { value: '91640502MA76U8N234', column: '统一社会信用代码', isDerived: false },
      legalRep: { value: '马建国', column: '法定代表人', isDerived: false },
      phoneAreaCode: { value: '0955', column: '联系电话', isDerived: true },
      phoneFixed: { value: '7012345', column: '联系电话', isDerived: true },
      email: { value: 'wujin@example.cn', column: '电子邮箱', isDerived: false },
      industryCode: { value: '5174', column: '行业代码', isDerived: false },
      institutionType: { value: '10', column: '机构类型', isDerived: false },
      // From the 普查小区 and the division store: 640502100002 向阳巷居委会, 滨河镇.
      divisionCode: { value: '640502100002', column: '普查小区代码', isDerived: true },
      addrProvince: { value: '宁夏回族自治区', column: '普查小区代码', isDerived: true },
      addrCity: { value: '中卫市', column: '普查小区代码', isDerived: true },
      addrCounty: { value: '沙坡头区', column: '普查小区代码', isDerived: true },
      addrTownship: { value: '滨河镇', column: '普查小区代码', isDerived: true },
      addrDetail: { value: '滨河镇鼓楼东街8号', column: '详细地址', isDerived: true },
    });
    // The import's trace says where the unit was filed, nothing it did not enter.
    expect(JSON.parse(trace()[0]?.changes ?? '[]')).toEqual([
      { path: '611.unitType', from: null, to: '1' },
      { path: '611.areaCode', from: null, to: '640502100002001' },
    ]);
    // An offer is not an answer: the required 法定代表人 is still asked for.
    expect(unit.findingList.some((f) => f.ruleId === 'GEN-REQUIRED' && f.path === 'legalRep')).toBe(true);
  });

  it('traces a confirmation, a correction and a refusal as the enumerator’s, with the frame’s value as basis', async () => {
    const id = await importFrame();
    const unit = svc.get(id);
    const forms: FormsDoc = {
      '611': { ...unit.forms['611'], legalRep: '马建国', name: '中卫市塞上五金建材有限公司', phoneFixed: '7012346', phoneAreaCode: '0955', email: '' },
    };
    updateSettings(store.db, { userName: '李娜' });
    const saved = svc.save({ id, version: unit.version, forms, explanations: {} });
    expect(saved.forms['611']).toMatchObject({ legalRep: '马建国', phoneFixed: '7012346', email: '' });
    const row = trace().at(-1);
    expect(row).toMatchObject({ action: 'save', user_name: '李娜' });
    expect(row?.reason?.split('\n')).toEqual([
      '确认底册值 / Confirmed from the listing frame: 611.name, 611.legalRep, 611.phoneAreaCode',
      '改正底册值 / Corrected the listing frame: 611.phoneFixed（底册 / frame 联系电话: 7012345）',
      '不采用底册值 / Listing-frame value not taken: 611.email（底册 / frame 电子邮箱: wujin@example.cn）',
    ]);
    expect(JSON.parse(row?.changes ?? '[]')).toContainEqual({ path: '611.legalRep', from: null, to: '马建国' });
    // A blank where the frame offers nothing is no change at all.
    const again = svc.save({ id, version: saved.version, forms: { '611': { ...saved.forms['611'], website: '' } }, explanations: {} });
    expect(again.version).toBe(saved.version);
  });

  it('records refusing an offer on its own, so the offer does not come back', async () => {
    const id = await importFrame();
    const unit = svc.get(id);
    const saved = svc.save({ id, version: unit.version, forms: { '611': { ...unit.forms['611'], email: '' } }, explanations: {} });
    expect(saved.version).toBe(unit.version + 1);
    expect(svc.get(id).forms['611']?.email).toBe('');
    expect(trace().at(-1)?.reason).toBe('不采用底册值 / Listing-frame value not taken: 611.email（底册 / frame 电子邮箱: wujin@example.cn）');
  });
});

describe('a unit imported before preloading existed', () => {
  it('gets the offers for what it has not answered, with the answers it has left alone', () => {
    const stamp = at().toISOString();
    const forms = { '611': { unitType: '1', areaCode: '640502100002001', name: '中卫市塞上五金建材有限公司', uscc: '91640502MA76U8N234' } };
    insertUnit(store.db, {
      id: 'unit-old1',
      areaCode: '640502100002001',
      kind: 'legal',
      status: 'not_started',
      name: '中卫市塞上五金建材有限公司',
      uscc: '91640502MA76U8N234',
      address: '鼓楼东街8号',
      searchText: buildSearchText('中卫市塞上五金建材有限公司', '91640502MA76U8N234', '鼓楼东街8号'),
      data: JSON.stringify(forms),
      source: 'frame',
      frameRow: JSON.stringify({ 普查小区代码: '640502100002001', 单位详细名称: '中卫市塞上五金建材有限公司', 法定代表人: '马建国', 联系电话: '13909551234' }),
      createdAt: stamp,
      updatedAt: stamp,
    });
    const unit = svc.get('unit-old1');
    expect(unit.forms).toEqual(forms);
    expect(unit.preload['611']).toMatchObject({
      legalRep: { value: '马建国' },
      phoneMobile: { value: '13909551234', column: '联系电话' },
      addrTownship: { value: '滨河镇' },
    });
  });

  it('offers nothing for a unit added in the field', () => {
    const created = svc.create({ areaCode: '640502100002001', kind: 'legal', name: '现场新增公司' });
    expect(created.preload).toEqual({});
    expect(created.forms['611']).toMatchObject({ name: '现场新增公司' });
  });
});
