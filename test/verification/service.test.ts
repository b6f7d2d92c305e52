import { describe, expect, it } from 'vitest';
import { writeState } from '@main/sync/queries/state';
import { dumpStore } from '../helpers/store';
import { addEnterprise, directoryStore, enter, openXlsx, OTHER_VILLAGE, PNG, type DirectoryStore } from '../directory/helpers';

// 核查 tasks through the real handler table: made from the 退库 list, the 入库 applicants, a seeded
// sample and a draw; worked through the checklist, the figures, the conclusion, the evidence
// and the signatures; the 退库 steps ending with the enterprise leaving the 规上 lists, its record
// kept. Every refusal says why and changes nothing.

function asRole(s: DirectoryStore, role: 'admin' | 'township' | 'supervisor'): void {
  writeState(s.db, 'userRole', role);
  writeState(s.db, 'userId', `u-${role}`);
  writeState(s.db, 'userName', role === 'admin' ? '马海燕' : '王敏');
}

async function refused(s: DirectoryStore, p: Promise<Awaited<ReturnType<DirectoryStore['call']>>>, code: string, zh: string | RegExp) {
  const before = dumpStore(s.sqlite);
  const r = await p;
  expect(r).toMatchObject({ ok: false, error: { code } });
  if (!r.ok) expect(r.error.reason?.zh).toMatch(zh);
  expect(dumpStore(s.sqlite)).toEqual(before);
}

async function directory() {
  const s = directoryStore();
  asRole(s, 'admin');
  const closed = await addEnterprise(s, '71', { name: '中卫市鑫源金属结构有限公司', scale: 'above', industryCode: '3311', status: 'deregistered', statusNote: '2024-06-30 注销登记' });
  const active = await addEnterprise(s, '72', { name: '中卫市金沙商贸有限公司', scale: 'above' });
  const small = await addEnterprise(s, '73', { name: '中卫市小店', divisionCode: OTHER_VILLAGE });
  return { s, closed, active, small };
}

const period = { year: 2024, month: 5 };

describe('verification tasks', () => {
  it('are made from the 退库 list only for enterprises on it, once while open, as the bureau', async () => {
    const { s, closed, active } = await directory();
    const made = await s.ok('verification:create', { kind: 'exit', title: '2024年退库核查', period, enterpriseIds: [closed.id, active.id] });
    expect(made.taskIds).toHaveLength(1);
    expect(made.skipped).toEqual([{ enterpriseId: active.id, name: '中卫市金沙商贸有限公司', zh: '不在退库名单中', en: 'not on the exit list' }]);
    const task = await s.ok('verification:get', { id: made.taskIds[0] ?? '' });
    expect(task).toMatchObject({ kind: 'exit', state: 'pending', exitState: 'proposed', name: '中卫市鑫源金属结构有限公司', batchTitle: '2024年退库核查', createdBy: '马海燕' });
    expect(task.exit).toMatchObject({ reasons: ['deregistered'], note: '2024-06-30 注销登记' });
    expect(task.history.map((h) => [h.kind, h.by])).toEqual([['create', '马海燕'], ['propose', '马海燕']]);

    await refused(s, s.call('verification:create', { kind: 'exit', title: '再来一次', period, enterpriseIds: [closed.id] }), 'RULE_VIOLATION', '已有同类未完成的核查任务');
    asRole(s, 'township');
    await refused(s, s.call('verification:create', { kind: 'exit', title: 'x', period, enterpriseIds: [closed.id] }), 'FORBIDDEN', '只有区统计局可以建立核查任务');
  });

  it('are made for 入库 applicants, a seeded sample of 规上 units (the same seed draws the same units) and a draw', async () => {
    const { s, active, small } = await directory();
    await s.ok('followup:transition', { enterpriseId: small.id, version: 0, to: 'candidate', date: '2024-03-01' });
    await s.ok('followup:transition', { enterpriseId: small.id, version: 1, to: 'applied', date: '2024-04-01' });
    const admission = await s.ok('verification:create', { kind: 'admission', title: '5月入库核查', period, enterpriseIds: [small.id, active.id] });
    expect(admission.taskIds).toHaveLength(1);
    expect(admission.skipped.map((x) => x.enterpriseId)).toEqual([active.id]);

    for (const serial of ['81', '82', '83', '84', '85']) await addEnterprise(s, serial, { scale: 'above' });
    const one = await s.ok('verification:create', { kind: 'sample', title: '一套表抽查', period, seed: 'SPT-2024-Q2', count: 3 });
    const pick = async (ids: string[]) => Promise.all(ids.map(async (id) => (await s.ok('verification:get', { id })).enterpriseId));
    const first = await pick(one.taskIds);
    const sampled = await s.ok('verification:get', { id: one.taskIds[0] ?? '' });
    expect(sampled.source).toMatchObject({ list: 'sample', seed: 'SPT-2024-Q2', poolSize: 6 });
    // The same seed over the same list: the same three, all still open, so none is made twice.
    const again = await s.call('verification:create', { kind: 'sample', title: '一套表抽查', period, seed: 'SPT-2024-Q2', count: 3 });
    expect(again).toMatchObject({ ok: false, error: { code: 'RULE_VIOLATION', issues: first.map((id) => ({ path: id })) } });

    const draw = await s.ok('draw:run', { title: '双随机', filter: {}, count: 2, inspectors: ['张三', '李四'], seed: 'D-1' });
    const fromDraw = await s.ok('verification:create', { kind: 'draw', title: '双随机核查', period, drawId: draw.id, assignee: { name: '张三', userId: null } });
    expect(await pick(fromDraw.taskIds)).toEqual(draw.items.map((i) => i.enterpriseId));
    expect((await s.ok('verification:list', { assignee: '张三' })).rows.map((r) => r.id).sort()).toEqual([...fromDraw.taskIds].sort());
  });

  it('are completed only with the checklist, a conclusion with its differences, evidence and both signatures; 不符 needs a difference', async () => {
    const { s, closed } = await directory();
    await enter(s, closed.id, 2024, [1, 2, 3, 4, 5].flatMap((m): [number, 'revenue' | 'employees', number][] => [[m, 'revenue', 1_000], [m, 'employees', 40]]));
    const [id = ''] = (await s.ok('verification:create', { kind: 'exit', title: '退库核查', period, enterpriseIds: [closed.id] })).taskIds;
    await s.ok('verification:assign', { id, assignee: { name: '王敏', userId: 'u-township' } });
    asRole(s, 'township');
    await refused(s, s.call('verification:assign', { id, assignee: { name: '李四', userId: null } }), 'FORBIDDEN', '只有区统计局可以分配核查任务');
    await refused(s, s.call('verification:step', { id, action: 'complete' }), 'RULE_VIOLATION', '当前为“待核查”，不能完成核查');

    // The ledger's January–May totals are what was reported; found is typed.
    let t = await s.ok('verification:get', { id });
    expect(t.figures.find((f) => f.key === 'revenue')).toMatchObject({ reported: 5_000, reportedSource: 'ledger', found: null });
    t = await s.ok('verification:figures', { id, figures: [{ key: 'revenue', found: 5_000 }, { key: 'employees', found: 40 }, { key: 'vatPayable', reported: 0, found: 0 }] });
    expect(t.state).toBe('in_progress'); // the first entry starts the task
    for (const key of ['licence', 'income_statement', 'vat_return', 'payroll'] as const) await s.ok('verification:check', { id, key, result: 'consistent', note: '' });
    await refused(s, s.call('verification:check', { id, key: 'site_visit', result: 'inconsistent', note: '' }), 'RULE_VIOLATION', '请写明情况');
    await s.ok('verification:check', { id, key: 'site_visit', result: 'inconsistent', note: '厂区已停产，设备已搬空' });
    await s.ok('verification:conclude', { id, result: 'inconsistent', note: '与报送不符' });
    await s.ok('verification:sign', { id, role: 'checker', signature: { name: '王敏', date: '2024-06-20' } });
    await refused(s, s.call('verification:step', { id, action: 'complete' }), 'RULE_VIOLATION', /缺少“不符”须有至少一项核查数与报送数不同、企业联系人签名/);

    t = await s.ok('verification:figures', { id, figures: [{ key: 'revenue', found: 4_200 }] });
    expect(t.figures.find((f) => f.key === 'revenue')).toMatchObject({ reported: 5_000, found: 4_200, diff: -800, pct: -16 });
    expect(t.figures.find((f) => f.key === 'vatPayable')).toMatchObject({ reported: 0, reportedSource: 'typed', found: 0, diff: 0, pct: 0 });
    const licence = await s.ok('evidence:attach', { enterpriseId: closed.id, fileName: '注销通知书.png', mimeType: 'image/png', contentBase64: PNG.toString('base64'), kind: 'licence', note: '市场监管局注销登记通知书' });
    t = await s.ok('verification:linkEvidence', { id, evidenceId: licence.id, item: 'licence' });
    expect(t.evidence).toEqual([expect.objectContaining({ evidenceId: licence.id, item: 'licence', fileName: '注销通知书.png', by: '王敏' })]);
    // A file linked by mistake is withdrawn with a reason; the record of it stays in the history.
    const wrong = await s.ok('evidence:attach', { enterpriseId: closed.id, fileName: '别家的执照.png', mimeType: 'image/png', contentBase64: PNG.toString('base64'), kind: 'licence', note: '误传' });
    await s.ok('verification:linkEvidence', { id, evidenceId: wrong.id, item: 'licence' });
    expect(await s.call('verification:unlinkEvidence', { id, evidenceId: wrong.id, reason: '' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    t = await s.ok('verification:unlinkEvidence', { id, evidenceId: wrong.id, reason: '传错了文件' });
    expect(t.evidence.map((e) => e.fileName)).toEqual(['注销通知书.png']);
    await refused(s, s.call('verification:unlinkEvidence', { id, evidenceId: wrong.id, reason: '再撤一次' }), 'NOT_FOUND', '此任务没有这份材料');
    await s.ok('verification:sign', { id, role: 'contact', signature: { name: '刘会计', date: '2024-06-20' } });
    t = await s.ok('verification:step', { id, action: 'complete' });
    expect(t).toMatchObject({ state: 'completed', conclusion: 'inconsistent', signatures: { contact: { name: '刘会计', date: '2024-06-20', confirmedBy: '王敏' } } });
    await refused(s, s.call('verification:figures', { id, figures: [{ key: 'revenue', found: 1 }] }), 'RULE_VIOLATION', '已完成的核查任务不能修改');
    await refused(s, s.call('verification:step', { id, action: 'reopen', reason: '数据需复核' }), 'FORBIDDEN', '只有区统计局可以重新打开');

    asRole(s, 'admin');
    await refused(s, s.call('verification:step', { id, action: 'reopen' }), 'RULE_VIOLATION', '缺少填写原因');
    t = await s.ok('verification:step', { id, action: 'reopen', reason: '营业收入口径需复核' });
    expect(t.state).toBe('in_progress');
    expect(t.history.map((h) => h.kind)).toEqual(['create', 'propose', 'assign', 'start', 'figure', 'check', 'check', 'check', 'check', 'check', 'conclude', 'sign', 'figure', 'evidence', 'evidence', 'unlinkEvidence', 'sign', 'complete', 'reopen']);
    expect(t.history.at(-1)).toMatchObject({ kind: 'reopen', detail: '营业收入口径需复核', by: '马海燕' });

    // The bureau's file: the same task as a row, with both sides of the figures and their difference.
    const file = await s.ok('verification:exportXlsx', { kind: 'exit' });
    expect(file.fileName).toMatch(/^核查任务-\d{8}-\d{4}\.xlsx$/);
    const sheet = (await openXlsx(file.contentBase64)).getWorksheet('核查任务');
    const header = (sheet?.getRow(1).values as unknown[]).slice(1);
    const row = (sheet?.getRow(2).values as unknown[]).slice(1);
    const cell = (title: string) => row[header.indexOf(title)];
    expect(sheet?.rowCount).toBe(2);
    expect([cell('企业名称'), cell('任务类型'), cell('任务状态'), cell('结论'), cell('核查人')]).toEqual(['中卫市鑫源金属结构有限公司', '退库核查', '核查中', '不符', '王敏']);
    expect([cell('营业收入报送（千元）'), cell('营业收入核查（千元）'), cell('营业收入差额（千元）'), cell('营业收入差率（%）')]).toEqual([5_000, 4_200, -800, -16]);
    expect(cell('不符或不适用的核查项')).toBe('实地查看：不符（厂区已停产，设备已搬空）');
    expect([cell('核查人签名'), cell('企业联系人签名'), cell('退库状态')]).toEqual(['王敏 2024-06-20', '刘会计 2024-06-20', '提出']);
  });

  it('take an enterprise out of the directory only after verification and approval, keeping its record, reason and date', async () => {
    const { s, closed } = await directory();
    const [id = ''] = (await s.ok('verification:create', { kind: 'exit', title: '退库核查', period, enterpriseIds: [closed.id] })).taskIds;
    await refused(s, s.call('verification:exitStep', { id, action: 'approve' }), 'RULE_VIOLATION', '当前为“提出”，不能审批退库；只有“已核实”时才能审批退库。');
    await refused(s, s.call('verification:exitStep', { id, action: 'remove', date: '2024-07-01' }), 'RULE_VIOLATION', '只有“局审批”时才能退出名录');
    await refused(s, s.call('verification:exitStep', { id, action: 'verify' }), 'RULE_VIOLATION', '缺少退库核查任务已完成');

    for (const key of ['licence', 'income_statement', 'vat_return', 'payroll', 'site_visit'] as const) await s.ok('verification:check', { id, key, result: 'consistent', note: '' });
    await s.ok('verification:conclude', { id, result: 'consistent', note: '确已注销' });
    await s.ok('verification:sign', { id, role: 'checker', signature: { name: '马海燕', date: '2024-06-21' } });
    await s.ok('verification:sign', { id, role: 'contact', signature: { name: '刘会计', date: '2024-06-21' } });
    await s.ok('verification:step', { id, action: 'complete' });
    asRole(s, 'township');
    expect((await s.ok('verification:exitStep', { id, action: 'verify' })).exitState).toBe('verified');
    await refused(s, s.call('verification:exitStep', { id, action: 'approve' }), 'FORBIDDEN', '只有区统计局可以审批退库');
    asRole(s, 'admin');
    await s.ok('verification:exitStep', { id, action: 'approve' });
    await refused(s, s.call('verification:exitStep', { id, action: 'remove' }), 'RULE_VIOLATION', '缺少退库日期');
    expect((await s.ok('exits:list', {})).rows.map((r) => r.id)).toEqual([closed.id]);

    const t = await s.ok('verification:exitStep', { id, action: 'remove', date: '2024-07-01', reason: '2024-06-30 注销登记' });
    expect(t.exit).toMatchObject({ state: 'removed', date: '2024-07-01', note: '2024-06-30 注销登记', reasons: ['deregistered'], by: '马海燕' });
    expect((await s.ok('exits:list', {})).rows).toEqual([]);
    expect((await s.ok('enterprises:list', { scale: 'above' })).rows.map((r) => r.id)).not.toContain(closed.id);
    const kept = await s.ok('enterprises:get', { id: closed.id });
    expect(kept).toMatchObject({ name: '中卫市鑫源金属结构有限公司', status: 'deregistered', scale: 'below' });
    const history = await s.ok('enterprises:history', { id: closed.id });
    expect(history[0]).toMatchObject({ action: 'update', userName: '马海燕', reason: expect.stringContaining('退库：2024-06-30 注销登记（2024-07-01）'), changes: [{ path: 'scale', from: 'above', to: 'below' }] });
    await refused(s, s.call('verification:exitStep', { id, action: 'reject', reason: '不应退库' }), 'RULE_VIOLATION', '当前为“已退库”');
  });

  it('are listed by assignee, state and township', async () => {
    const { s, closed, active, small } = await directory();
    await s.ok('followup:transition', { enterpriseId: small.id, version: 0, to: 'candidate', date: '2024-03-01' });
    await s.ok('followup:transition', { enterpriseId: small.id, version: 1, to: 'applied', date: '2024-04-01' });
    await s.ok('verification:create', { kind: 'exit', title: 'a', period, enterpriseIds: [closed.id], assignee: { name: '王敏', userId: null } });
    await s.ok('verification:create', { kind: 'admission', title: 'b', period, enterpriseIds: [small.id] });
    expect((await s.ok('verification:list', { divisionPrefix: OTHER_VILLAGE.slice(0, 9) })).rows.map((r) => r.enterpriseId)).toEqual([small.id]);
    expect((await s.ok('verification:list', { assignee: '' })).rows.map((r) => r.enterpriseId)).toEqual([small.id]);
    expect((await s.ok('verification:list', { assignee: '王敏', state: 'pending' })).rows.map((r) => r.enterpriseId)).toEqual([closed.id]);
    expect((await s.ok('verification:list', { state: 'completed' })).rows).toEqual([]);
    expect((await s.ok('verification:list', {})).people).toEqual([{ name: '王敏', userId: null }]);
    expect(active.id).toBeTruthy();
  });
});
