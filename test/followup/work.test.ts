import { format } from 'date-fns';
import { describe, expect, it } from 'vitest';
import { addEnterprise, directoryStore, enter, OTHER_VILLAGE, PNG, uscc, VILLAGE, openXlsx } from '../directory/helpers';

describe('入规纳统 follow-up', () => {
  it('moves a candidate through the workflow with dated steps, and makes it 规上 once admitted', async () => {
    const s = directoryStore();
    const e = await addEnterprise(s, '1', { liaison: '刘洋' });
    let f = await s.ok('followup:get', { enterpriseId: e.id });
    expect(f).toMatchObject({ stage: null, version: 0, liaison: '刘洋' });
    // The provincial list; no founding date yet, so the VAT returns since founding are asked for with why.
    expect(f.materials.filter((m) => m.reason !== 'notRequired').map((m) => m.key)).toEqual([
      'application_form',
      'licence',
      'income_statement',
      'vat_return',
      'vat_attachment_1',
      'vat_returns_since_founding',
      'site_photos',
      'pledge',
      'ledger_12m',
    ]);
    expect(f.materials.find((m) => m.key === 'vat_returns_since_founding')?.reason).toBe('ageUnknown');
    f = await s.ok('followup:transition', { enterpriseId: e.id, version: 0, to: 'candidate', date: '2024-05-01' });
    f = await s.ok('followup:transition', { enterpriseId: e.id, version: f.version, to: 'nurturing', date: '2024-05-10' });
    f = await s.ok('followup:transition', { enterpriseId: e.id, version: f.version, to: 'applied', date: '2024-11-20', applicationRound: 'annual' });
    expect(f).toMatchObject({ stage: 'applied', applicationRound: 'annual' });
    const skip = await s.call('followup:transition', { enterpriseId: e.id, version: f.version, to: 'candidate', date: '2024-11-21' });
    expect(skip).toMatchObject({ ok: false, error: { code: 'RULE_VIOLATION' } });
    const stale = await s.call('followup:transition', { enterpriseId: e.id, version: 1, to: 'admitted', date: '2024-12-01' });
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    f = await s.ok('followup:transition', { enterpriseId: e.id, version: f.version, to: 'admitted', date: '2024-12-01' });
    expect(f.stageHistory.map((h) => [h.from, h.to, h.date])).toEqual([
      [null, 'candidate', '2024-05-01'],
      ['candidate', 'nurturing', '2024-05-10'],
      ['nurturing', 'applied', '2024-11-20'],
      ['applied', 'admitted', '2024-12-01'],
    ]);
    const detail = await s.ok('enterprises:get', { id: e.id });
    expect(detail).toMatchObject({ scale: 'above', stage: 'admitted' });
    const [trace] = await s.ok('enterprises:history', { id: e.id });
    expect(trace?.changes).toEqual(expect.arrayContaining([{ path: 'scale', from: 'below', to: 'above' }]));
    expect((await s.ok('enterprises:list', { stages: ['admitted'] })).total).toBe(1);
  });

  it('needs a reason to record 未通过, and keeps it', async () => {
    const s = directoryStore();
    const e = await addEnterprise(s, '2');
    let f = await s.ok('followup:transition', { enterpriseId: e.id, version: 0, to: 'nurturing', date: '2024-05-01' });
    f = await s.ok('followup:transition', { enterpriseId: e.id, version: f.version, to: 'applied', date: '2024-06-01' });
    expect(await s.call('followup:transition', { enterpriseId: e.id, version: f.version, to: 'rejected', date: '2024-06-20' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    f = await s.ok('followup:transition', { enterpriseId: e.id, version: f.version, to: 'rejected', date: '2024-06-20', reason: '营业收入未达标准' });
    expect(f).toMatchObject({ stage: 'rejected', rejectionReason: '营业收入未达标准' });
  });

  it('keeps dated contact notes and a materials checklist whose attachments are the enterprise’s own evidence', async () => {
    const s = directoryStore();
    const e = await addEnterprise(s, '3');
    const other = await addEnterprise(s, '4');
    const licence = await s.ok('evidence:attach', { enterpriseId: e.id, fileName: '营业执照.png', mimeType: 'image/png', contentBase64: PNG.toString('base64'), kind: 'licence', note: '' });
    const foreign = await s.ok('evidence:attach', { enterpriseId: other.id, fileName: 'x.png', mimeType: 'image/png', contentBase64: PNG.toString('base64'), kind: 'licence', note: '' });
    let f = await s.ok('followup:addNote', { enterpriseId: e.id, date: '2024-05-03', method: 'visit', contact: '财务张会计', text: '上门指导建立分月台账' });
    expect(f.notes).toEqual([expect.objectContaining({ date: '2024-05-03', method: 'visit', text: '上门指导建立分月台账', createdBy: '王敏' })]);
    f = await s.ok('materials:set', { enterpriseId: e.id, key: 'licence', isProvided: true, evidenceIds: [licence.id] });
    expect(f.materials.find((m) => m.key === 'licence')).toMatchObject({ isProvided: true, evidenceIds: [licence.id] });
    expect(await s.call('materials:set', { enterpriseId: e.id, key: 'pledge', isProvided: true, evidenceIds: [foreign.id] })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('exports the application package: twelve months of ledger, the application sheet and the evidence list', async () => {
    const s = directoryStore();
    const e = await addEnterprise(s, '5', { name: '中卫市枸杞红商贸有限公司' });
    await enter(s, e.id, 2023, [[11, 'revenue', 400], [12, 'revenue', 420]]);
    await enter(s, e.id, 2024, Array.from({ length: 10 }, (_, i): [number, 'revenue', number] => [i + 1, 'revenue', 450 + i]));
    await s.ok('evidence:attach', { enterpriseId: e.id, fileName: '十月凭证.png', mimeType: 'image/png', contentBase64: PNG.toString('base64'), kind: 'voucher', note: '', figures: [{ year: 2024, month: 10, indicator: 'revenue' }] });
    const pkg = await s.ok('package:export', { enterpriseId: e.id });
    expect(pkg.fileName).toMatch(/202410\.xlsx$/);
    const wb = await openXlsx(pkg.contentBase64);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['12个月台账', '入库申报表', '证明材料']);
    const ledger = wb.getWorksheet('12个月台账');
    const months = [] as string[];
    for (let r = 3; r <= 14; r += 1) months.push(String(ledger?.getRow(r).getCell(1).value));
    expect(months).toEqual(['2023-11', '2023-12', ...Array.from({ length: 10 }, (_, i) => `2024-${String(i + 1).padStart(2, '0')}`)]);
    const revenueCol = (ledger?.getRow(2).values as unknown[]).findIndex((v) => typeof v === 'string' && v.startsWith('营业收入'));
    expect(ledger?.getRow(15).getCell(revenueCol).value).toBe(400 + 420 + 4_545);
    expect(wb.getWorksheet('证明材料')?.getRow(2).getCell(1).value).toBe('十月凭证.png');
    // What the reviewer reads: the evidence kind in Chinese, the export time as a local date and time.
    expect(wb.getWorksheet('证明材料')?.getRow(2).getCell(2).value).toBe('会计凭证');
    const facts = new Map<unknown, unknown>();
    wb.getWorksheet('入库申报表')?.eachRow((row) => facts.set(row.getCell(1).value, row.getCell(2).value));
    expect(facts.get('导出时间')).toBe(format(new Date('2024-06-15T08:00:00Z'), 'yyyy-MM-dd HH:mm'));
    // A retailer is judged on 主营业务收入: this one entered only 营业收入, and the sheet says so.
    expect(facts.get('入规指标')).toBe('主营业务收入');
    expect(facts.get('近12个月主营业务收入合计（千元）')).toBe('主营业务收入未填');
    expect(facts.get('达标（应统尽统）')).toBe('否');
    expect(facts.get('纳入申报表')).toBe('未提供');
  });

  it('lists the materials a unit’s case needs: VAT returns of every year since founding past three years, a 新建投产 statement for a new build', async () => {
    // Today is 2024-06-15 (directoryStore).
    const s = directoryStore();
    const old = await addEnterprise(s, '61', { foundedOn: '2019-06-18' });
    const young = await addEnterprise(s, '62', { foundedOn: '2021-06-15' }); // exactly three years: not more
    const built = await addEnterprise(s, '63', { foundedOn: '2024-01-10', isNewBuild: true, industryCode: '1371' });
    const keys = async (id: string) => (await s.ok('followup:get', { enterpriseId: id })).materials.filter((m) => m.reason !== 'notRequired');
    expect((await keys(old.id)).find((m) => m.key === 'vat_returns_since_founding')).toMatchObject({ reason: 'overThreeYears', years: [2019, 2020, 2021, 2022, 2023] });
    expect((await keys(young.id)).map((m) => m.key)).not.toContain('vat_returns_since_founding');
    expect((await keys(built.id)).map((m) => m.key)).toEqual(expect.arrayContaining(['new_build_statement', 'vat_attachment_1', 'application_form']));
    expect((await keys(young.id)).map((m) => m.key)).not.toContain('new_build_statement');
    // A material recorded before stays, shown as not required, when the case changes.
    await s.ok('materials:set', { enterpriseId: young.id, key: 'new_build_statement', isProvided: true });
    expect((await s.ok('followup:get', { enterpriseId: young.id })).materials.find((m) => m.key === 'new_build_statement')).toMatchObject({ reason: 'notRequired', isProvided: true });
    // The candidate list counts against the unit's own checklist.
    await s.ok('followup:transition', { enterpriseId: old.id, version: 0, to: 'candidate', date: '2024-06-01' });
    await s.ok('followup:transition', { enterpriseId: young.id, version: 0, to: 'candidate', date: '2024-06-01' });
    const rows = new Map((await s.ok('candidates:list', { kinds: ['followed'] })).rows.map((r) => [r.id, r]));
    expect(rows.get(old.id)?.materialsTotal).toBe(9);
    expect(rows.get(young.id)).toMatchObject({ materialsTotal: 8, materialsDone: 0 });
    const pkg = await openXlsx((await s.ok('package:export', { enterpriseId: old.id, endYear: 2024, endMonth: 5 })).contentBase64);
    const labels: unknown[] = [];
    pkg.getWorksheet('入库申报表')?.eachRow((row) => labels.push(row.getCell(1).value));
    expect(labels).toContain('成立以来各年度增值税纳税申报表（2019—2023年度）（成立三年以上）');
    expect(labels).toContain('增值税纳税申报表附列资料（一）');
  });
});

describe('work lists', () => {
  it('lists 准规模 and 成长型 candidates with their share of the threshold, open follow-ups first', async () => {
    const s = directoryStore();
    // Retail enters on 主营业务收入 (mainRevenue), not 营业收入.
    const near = await addEnterprise(s, '11', { name: '准规模企业' });
    const grow = await addEnterprise(s, '12', { name: '成长企业' });
    await addEnterprise(s, '13', { name: '普通企业' });
    const onRevenue = await addEnterprise(s, '14', { name: '只填营业收入' });
    await enter(s, near.id, 2024, [[1, 'mainRevenue', 400], [2, 'mainRevenue', 400]]); // 4,800 a year ≥ 4,000
    await enter(s, grow.id, 2023, [[1, 'mainRevenue', 10], [2, 'mainRevenue', 10]]);
    await enter(s, grow.id, 2024, [[1, 'mainRevenue', 20], [2, 'mainRevenue', 20]]);
    // 营业收入 at 4,800 a year but no 主营业务收入: not judged on the wrong figure, and said so.
    await enter(s, onRevenue.id, 2024, [[1, 'revenue', 400], [2, 'revenue', 400]]);
    expect((await s.ok('enterprises:get', { id: onRevenue.id })).flags).toMatchObject({ isNearThreshold: false, isReached: false, isMeasureMissing: true, measure: 'mainRevenue', ytdRevenue: null });
    expect((await s.ok('enterprises:get', { id: onRevenue.id })).admissionHints).toEqual(['measureMissing']);
    await s.ok('followup:transition', { enterpriseId: grow.id, version: 0, to: 'candidate', date: '2024-03-01' });
    const page = await s.ok('candidates:list', {});
    expect(page.total).toBe(2);
    expect(page.rows.map((r) => r.name)).toEqual(['成长企业', '准规模企业']);
    expect(page.rows[1]).toMatchObject({ thresholdRevenue: 5_000, annualisedRevenue: 4_800, flags: { isNearThreshold: true, isReached: false, measure: 'mainRevenue', ytdRevenue: 800 } });
    expect(page.rows[1]?.shareOfThreshold).toBeCloseTo(0.96, 6);
    expect(page.rows[0]?.flags).toMatchObject({ isGrowth: true });
    expect(page.byStage).toMatchObject({ candidate: 1, none: 1 });
    expect((await s.ok('candidates:list', { kinds: ['growth'] })).rows.map((r) => r.name)).toEqual(['成长企业']);
  });

  it('lists 退库 candidates with their reasons', async () => {
    const s = directoryStore();
    const closed = await addEnterprise(s, '21', { name: '关停企业', scale: 'above', status: 'closed', statusNote: '2024年3月停产关闭' });
    const small = await addEnterprise(s, '22', { name: '下滑企业', scale: 'above' });
    await addEnterprise(s, '23', { name: '规下关停', status: 'closed' });
    await enter(s, small.id, 2024, [[1, 'mainRevenue', 100], [2, 'mainRevenue', 100]]); // 1,200 a year < 5,000
    const page = await s.ok('exits:list', {});
    expect(page.total).toBe(2);
    const byName = new Map(page.rows.map((r) => [r.name, r.reasons]));
    // The reason is the note saying why, not the status again (the list shows the status beside it).
    expect(byName.get(closed.name)).toEqual([{ code: 'closed', detailZh: '2024年3月停产关闭', detailEn: '2024年3月停产关闭' }]);
    expect(byName.get('下滑企业')).toEqual([expect.objectContaining({ code: 'below_threshold' })]);
  });

  it('exports the 退库 list with the reasons and the notes', async () => {
    const s = directoryStore();
    await addEnterprise(s, '21', { name: '关停企业', scale: 'above', status: 'closed', statusNote: '2024年3月停产关闭' });
    await addEnterprise(s, '24', { name: '注销企业', scale: 'above', status: 'deregistered' });
    await addEnterprise(s, '23', { name: '规下关停', status: 'closed' });
    const file = await s.ok('exits:exportXlsx', {});
    expect(file.fileName).toMatch(/^退库候选-\d{8}-\d{4}\.xlsx$/);
    const sheet = (await openXlsx(file.contentBase64)).getWorksheet('退库候选');
    const rows = [] as unknown[][];
    sheet?.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows[0]?.slice(5, 8)).toEqual(['经营状态', '退库原因', '原因说明']);
    expect(rows.slice(1).map((r) => [r[0], r[5], r[6], r[7] ?? '']).sort((a, b) => String(a[0]).localeCompare(String(b[0])))).toEqual([
      ['关停企业', '关闭', '关闭', '2024年3月停产关闭'],
      ['注销企业', '注销', '注销', ''],
    ]);
  });
});

describe('双随机 draw', () => {
  async function pool() {
    const s = directoryStore();
    for (let i = 0; i < 40; i += 1) await addEnterprise(s, String(100 + i), { name: `企业${i}`, scale: i % 2 === 0 ? 'above' : 'below' });
    await addEnterprise(s, '999', { name: '别处规上', scale: 'above', divisionCode: OTHER_VILLAGE });
    return s;
  }

  it('draws reproducibly: the same seed over the same filtered list draws the same enterprises and inspectors', async () => {
    const s = await pool();
    const input = { title: '2024年第一批', filter: { scale: 'above' as const, divisionPrefix: VILLAGE.slice(0, 9) }, count: 5, inspectors: ['张三', '李四', '王五'], seed: 'SPT-2024-001' };
    const a = await s.ok('draw:run', input);
    const b = await s.ok('draw:run', { ...input, title: '复核' });
    expect(a.poolSize).toBe(20);
    expect(a.items.map((i) => [i.uscc, i.inspectors])).toEqual(b.items.map((i) => [i.uscc, i.inspectors]));
    expect(a.poolHash).toBe(b.poolHash);
    expect(a.items.every((i) => i.inspectors.length === 2 && i.divisionCode === VILLAGE)).toBe(true);
    const c = await s.ok('draw:run', { ...input, seed: 'SPT-2024-002' });
    expect(c.items.map((i) => i.uscc)).not.toEqual(a.items.map((i) => i.uscc));
    expect((await s.ok('draw:list')).map((d) => d.seed).sort()).toEqual(['SPT-2024-001', 'SPT-2024-001', 'SPT-2024-002']);
  });

  it('exports the list of a draw with its seed, the inspectors, results and closure', async () => {
    const s = await pool();
    const record = await s.ok('draw:run', { title: '2024年第一批', filter: { scale: 'above' }, count: 2, inspectors: ['张三', '李四'], seed: 'SPT-2024-001' });
    const first = record.items[0];
    if (!first) throw new Error('nothing drawn');
    await s.ok('inspection:record', { drawId: record.id, enterpriseId: first.enterpriseId, result: 'issues_found', findings: '台账不全', isClosed: true, closingNote: '已整改' });
    const file = await s.ok('draw:exportXlsx', { id: record.id });
    expect(file.fileName).toMatch(/^双随机抽查-2024年第一批-\d{8}\.xlsx$/);
    const sheet = (await openXlsx(file.contentBase64)).getWorksheet('抽查名单');
    const rows = [] as unknown[][];
    sheet?.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows[1]).toEqual(['随机种子', 'SPT-2024-001']);
    const items = rows.slice(rows.findIndex((r) => r[0] === '序号') + 1);
    expect(items).toHaveLength(2);
    expect(items[0]?.slice(0, 3)).toEqual([1, first.name, first.uscc]);
    expect(items[0]?.slice(5, 9)).toEqual([first.inspectors.join('、'), '发现问题', '台账不全', '是']);
    expect(items[0]?.[9]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('draws a share, rounding up, prints a seed when none is given, and refuses an empty list', async () => {
    const s = await pool();
    const d = await s.ok('draw:run', { title: '3%', filter: { scale: 'above' }, sharePct: 3, inspectors: ['甲', '乙'] });
    expect(d.items).toHaveLength(1); // ceil(21 × 3 %)
    expect(d.seed).toMatch(/^\d{4}-\d{2}-\d{2}-[0-9a-f]{8}$/);
    expect(await s.call('draw:run', { title: 'x', filter: { query: '没有' }, count: 1, inspectors: ['甲'] })).toMatchObject({ ok: false, error: { code: 'RULE_VIOLATION' } });
    expect(await s.call('draw:run', { title: 'x', filter: {}, inspectors: ['甲'] })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('records findings and case closure per inspected enterprise, traced on the enterprise', async () => {
    const s = await pool();
    const d = await s.ok('draw:run', { title: '抽查', filter: {}, count: 2, inspectors: ['甲', '乙'], seed: 's' });
    const target = d.items[0];
    if (!target) throw new Error('no item');
    const after = await s.ok('inspection:record', { drawId: d.id, enterpriseId: target.enterpriseId, result: 'issues_found', findings: '台账与凭证不符', isClosed: true, closingNote: '已责令整改' });
    expect(after.items[0]).toMatchObject({ result: 'issues_found', isClosed: true, closingNote: '已责令整改' });
    expect(after.closed).toBe(1);
    const history = await s.ok('enterprises:history', { id: target.enterpriseId });
    expect(history.map((h) => h.action)).toEqual(['inspection', 'inspection', 'create']);
    expect(await s.call('inspection:record', { drawId: d.id, enterpriseId: 'not-in-the-draw', result: 'no_issue', isClosed: false })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('statistics', () => {
  it('counts per township: scale, flags, stages, evidence coverage and ledger months', async () => {
    const s = directoryStore();
    const a = await addEnterprise(s, '31', { scale: 'above' });
    const b = await addEnterprise(s, '32');
    await addEnterprise(s, '33', { divisionCode: OTHER_VILLAGE, industryCode: '1371' });
    await enter(s, a.id, 2024, [[1, 'revenue', 5_000], [2, 'revenue', 5_000], [1, 'employees', 30]]);
    await enter(s, b.id, 2024, [[1, 'mainRevenue', 400], [2, 'mainRevenue', 400]]);
    await s.ok('followup:transition', { enterpriseId: b.id, version: 0, to: 'candidate', date: '2024-03-01' });
    await s.ok('evidence:attach', { enterpriseId: a.id, fileName: 'p.png', mimeType: 'image/png', contentBase64: PNG.toString('base64'), kind: 'voucher', note: '', figures: [{ year: 2024, month: 1, indicator: 'revenue' }, { year: 2023, month: 1, indicator: 'revenue' }] });
    const stats = await s.ok('stats:directory', { groupBy: 'township', year: 2024 });
    expect(stats.groups.map((g) => g.key)).toEqual([OTHER_VILLAGE.slice(0, 9), VILLAGE.slice(0, 9)]);
    const town = stats.groups[1];
    expect(town).toMatchObject({ total: 2, above: 1, below: 1, nearThreshold: 1, filledFigures: 5, backedFigures: 1, byStage: { candidate: 1 } });
    expect(town?.ledgerMonths.slice(0, 3)).toEqual([2, 2, 0]);
    expect(stats.totals).toMatchObject({ total: 3, above: 1 });
    const sections = await s.ok('stats:directory', { groupBy: 'industrySection', year: 2024 });
    expect(sections.groups.map((g) => [g.key, g.total])).toEqual([['C', 1], ['F', 2]]);
    const filtered = await s.ok('stats:directory', { groupBy: 'township', year: 2024, filter: { scale: 'above' } });
    expect(filtered.totals.total).toBe(1);
    expect(uscc('31')).toHaveLength(18);
  });
});
