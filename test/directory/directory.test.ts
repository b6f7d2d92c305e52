import { describe, expect, it } from 'vitest';
import { addEnterprise, directoryStore, OTHER_VILLAGE, uscc, VILLAGE } from './helpers';

describe('enterprise directory', () => {
  it('creates an enterprise with a traced, attributed change and sync ops in the same transaction', async () => {
    const s = directoryStore();
    const e = await addEnterprise(s, '1', { liaison: '李娜', address: '文萃路8号' });
    expect(e).toMatchObject({ version: 1, scale: 'below', status: 'active', liaison: '李娜', divisionCode: VILLAGE, stage: null });
    expect(e.threshold).toMatchObject({ ruleId: 'retail', minRevenue: 5_000 });
    const history = await s.ok('enterprises:history', { id: e.id });
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ action: 'create', userName: '王敏', deviceName: 'township-pc' });
    expect(history[0]?.changes).toContainEqual({ path: 'liaison', from: null, to: '李娜' });
    // One '$create' carrying the scope key and the initial fields (the division code is the scope key itself).
    const ops = s.sqlite.prepare("SELECT field, op FROM sync_outbox WHERE entity = 'enterprise' AND entity_id = ? ORDER BY seq").all(e.id) as { field: string; op: string }[];
    expect(ops.map((o) => o.field)).toEqual(['$create']);
    const value = (JSON.parse(ops[0]?.op ?? '{}') as { value: { areaCode: string; uscc: string; fields: Record<string, unknown> } }).value;
    expect(value).toMatchObject({ areaCode: VILLAGE, uscc: e.uscc, fields: { name: e.name, uscc: e.uscc, liaison: '李娜', address: '文萃路8号', scale: 'below', status: 'active' } });
    expect(Object.keys(value.fields)).not.toContain('divisionCode');
    expect(Object.keys(value.fields)).not.toContain('phone');
  });

  it('edits with the version shown, traces what changed and why, and refuses a stale version', async () => {
    const s = directoryStore();
    const e = await addEnterprise(s, '2');
    const saved = await s.ok('enterprises:save', { id: e.id, version: 1, fields: { ...e.fields, name: '中卫市新名称商贸有限公司', scale: 'above' }, reason: '工商变更登记' });
    expect(saved).toMatchObject({ version: 2, name: '中卫市新名称商贸有限公司', scale: 'above' });
    const [last] = await s.ok('enterprises:history', { id: e.id });
    expect(last).toMatchObject({ action: 'update', reason: '工商变更登记' });
    expect(last?.changes).toEqual([
      { path: 'name', from: e.name, to: '中卫市新名称商贸有限公司' },
      { path: 'scale', from: 'below', to: 'above' },
    ]);
    const stale = await s.call('enterprises:save', { id: e.id, version: 1, fields: { ...e.fields, phone: '123' } });
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect((await s.ok('enterprises:get', { id: e.id })).fields.phone).toBe('');
  });

  it('takes a USCC with a wrong check character (real registers hold them), refuses a filler, a malformed division code and a second enterprise with the same USCC', async () => {
    const s = directoryStore();
    await addEnterprise(s, '3');
    const good = uscc('3');
    const bad = `${good.slice(0, 17)}${good.endsWith('0') ? '1' : '0'}`;
    const wrongCheck = await s.call('enterprises:save', { fields: { uscc: bad, name: '甲', divisionCode: VILLAGE } });
    expect(wrongCheck).toMatchObject({ ok: true });
    const filler = await s.call('enterprises:save', { fields: { uscc: '000000000000000000', name: '戊', divisionCode: VILLAGE } });
    expect(filler).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', issues: [{ path: 'uscc' }] } });
    const badDivision = await s.call('enterprises:save', { fields: { uscc: uscc('4'), name: '乙', divisionCode: '000000000000' } });
    expect(badDivision).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const duplicate = await s.call('enterprises:save', { fields: { uscc: good, name: '丙', divisionCode: VILLAGE } });
    expect(duplicate).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect((await s.ok('enterprises:list', {})).total).toBe(2);
  });

  it('needs the user and device name before any change', async () => {
    const s = directoryStore();
    s.sqlite.prepare("DELETE FROM settings WHERE key IN ('userName', 'deviceName')").run();
    const r = await s.call('enterprises:save', { fields: { uscc: uscc('5'), name: '丁', divisionCode: VILLAGE } });
    expect(r).toMatchObject({ ok: false, error: { code: 'PROFILE_INCOMPLETE' } });
  });

  it('finds enterprises by name, pinyin initials, USCC and address, every term required', async () => {
    const s = directoryStore();
    const a = await addEnterprise(s, '11', { name: '中卫市金沙商贸有限公司', address: '应理南街12号' });
    await addEnterprise(s, '12', { name: '中卫市宏达运输有限公司', address: '文萃路3号', industryCode: '5431' });
    const find = async (query: string) => (await s.ok('enterprises:list', { query })).rows.map((r) => r.name);
    expect(await find('金沙')).toEqual([a.name]);
    expect(await find('JSSM')).toEqual([a.name]);
    expect(await find(a.uscc.slice(0, 12))).toHaveLength(2);
    expect(await find(a.uscc)).toEqual([a.name]);
    expect(await find('应理')).toEqual([a.name]);
    expect(await find('中卫 运输')).toEqual(['中卫市宏达运输有限公司']);
    expect(await find('没有这家')).toEqual([]);
  });

  it('filters by township, industry section or division, scale, 包保责任人 and flags, and pages in a stable order', async () => {
    const s = directoryStore();
    await addEnterprise(s, '21', { name: '甲商贸', industryCode: '5211', liaison: '张伟' });
    await addEnterprise(s, '22', { name: '乙工厂', industryCode: '1371', divisionCode: OTHER_VILLAGE, scale: 'above' });
    await addEnterprise(s, '23', { name: '丙运输', industryCode: '5431', liaison: '张伟' });
    const names = async (q: Parameters<typeof s.ok<'enterprises:list'>>[1]) => (await s.ok('enterprises:list', q)).rows.map((r) => r.name);
    expect(await names({ divisionPrefix: VILLAGE.slice(0, 9) })).toEqual(['丙运输', '甲商贸']);
    expect(await names({ industry: 'C' })).toEqual(['乙工厂']);
    expect(await names({ industry: 'F' })).toEqual(['甲商贸']);
    expect(await names({ industry: '54' })).toEqual(['丙运输']);
    expect(await names({ scale: 'above' })).toEqual(['乙工厂']);
    expect(await names({ liaison: '张伟' })).toEqual(['丙运输', '甲商贸']);
    expect(await names({ liaison: '' })).toEqual(['乙工厂']);
    expect(await names({ isNearThreshold: true })).toEqual([]);
    expect(await names({ stages: ['none'] })).toHaveLength(3);
    const page = await s.ok('enterprises:list', { limit: 2, offset: 1 });
    expect(page).toMatchObject({ total: 3, offset: 1 });
    // Pinyin order: 丙 bǐng < 甲 jiǎ < 乙 yǐ (by code point 乙 U+4E59 would come before 甲 U+7532).
    expect(page.rows.map((r) => r.name)).toEqual(['甲商贸', '乙工厂']);
    expect(await names({ sort: 'industryCode', direction: 'desc' })).toEqual(['丙运输', '甲商贸', '乙工厂']);
  });

  it('sorts names by pinyin, as people look them up, and keeps that order through edits', async () => {
    const s = directoryStore();
    const names = ['张家口商贸', '阿拉善物流', '北京路餐饮', '重庆火锅店', '银川建材', '乐山运输'];
    const added = [];
    for (const [i, name] of names.entries()) added.push(await addEnterprise(s, `4${i}`, { name }));
    const listed = async (direction: 'asc' | 'desc' = 'asc') => (await s.ok('enterprises:list', { sort: 'name', direction })).rows.map((r) => r.name);
    // a-la, bei, chong, le, yin, zhang: by code point 乐 (U+4E50) would lead and 阿 (U+963F) trail.
    expect(await listed()).toEqual(['阿拉善物流', '北京路餐饮', '重庆火锅店', '乐山运输', '银川建材', '张家口商贸']);
    expect(await listed('desc')).toEqual(['张家口商贸', '银川建材', '乐山运输', '重庆火锅店', '北京路餐饮', '阿拉善物流']);
    // A renamed enterprise moves to its new place in the kept order.
    const zhang = added[0];
    if (!zhang) throw new Error('no enterprise');
    await s.ok('enterprises:save', { id: zhang.id, version: zhang.version, fields: { ...zhang.fields, name: '丹东商贸' } });
    expect(await listed()).toEqual(['阿拉善物流', '北京路餐饮', '重庆火锅店', '丹东商贸', '乐山运输', '银川建材']);
  });

  it('keeps the list current after every kind of write, including writes that bypass the services', async () => {
    const s = directoryStore();
    const e = await addEnterprise(s, '31', { name: '旧名称' });
    expect((await s.ok('enterprises:list', { query: '旧名称' })).total).toBe(1);
    await s.ok('enterprises:save', { id: e.id, version: 1, fields: { ...e.fields, name: '新名称' } });
    expect((await s.ok('enterprises:list', { query: '旧名称' })).total).toBe(0);
    expect((await s.ok('enterprises:list', { query: '新名称' })).total).toBe(1);
    // A raw write (as a repair or a sync rebuild would make) is seen through the dirty triggers.
    s.sqlite.prepare("UPDATE enterprises SET liaison = '周勇' WHERE id = ?").run(e.id);
    expect((await s.ok('enterprises:list', { liaison: '周勇' })).total).toBe(1);
    s.sqlite.prepare('UPDATE enterprises SET deleted_at = ? WHERE id = ?').run('2024-06-01T00:00:00Z', e.id);
    expect((await s.ok('enterprises:list', {})).total).toBe(0);
  });

  it('answers NOT_FOUND for an unknown enterprise', async () => {
    const s = directoryStore();
    expect(await s.call('enterprises:get', { id: 'no-such-enterprise' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await s.call('ledger:getYear', { enterpriseId: 'no-such-enterprise', year: 2024 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
