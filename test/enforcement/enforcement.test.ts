import { afterEach, describe, expect, it } from 'vitest';
import { countPending } from '@main/sync/queries/outbox';
import { PNG, openXlsx, type DirectoryStore } from '../directory/helpers';
import { card, enforcementStore, threeEnterprises } from './helpers';

// The roster, a draw published before it runs, and cases, through the real handler table: what
// a user can do, and every refusal changing nothing (neither rows nor the sync outbox).

let s: DirectoryStore;
afterEach(() => s.sqlite.close());

const outboxSize = (): number => countPending(s.db);

describe('the inspector roster', () => {
  it('adds an inspector with a valid 执法证, and refuses an expired one with a clear Chinese message, changing nothing', async () => {
    s = enforcementStore();
    const added = await s.ok('enforce:inspectorAdd', card(0));
    expect(added).toMatchObject({ name: '张三', certNo: 'NX640502000', validTo: '2027-12-31', createdBy: '马局', related: [] });
    const before = outboxSize();
    const expired = await s.call('enforce:inspectorAdd', card(1, { validTo: '2024-06-14' }));
    expect(expired.ok).toBe(false);
    if (!expired.ok) {
      expect(expired.error.code).toBe('INVALID_INPUT');
      expect(expired.error.message).toContain('执法证 NX640502001 已于 2024-06-14 过期');
    }
    const backwards = await s.call('enforce:inspectorAdd', card(1, { validFrom: '2026-01-01', validTo: '2025-01-01' }));
    expect(backwards.ok).toBe(false);
    const duplicate = await s.call('enforce:inspectorAdd', card(1, { certNo: 'nx640502000' }));
    expect(duplicate.ok).toBe(false);
    // Renewing to an expired card is refused the same way.
    const renewExpired = await s.call('enforce:inspectorUpdate', { id: added.id, card: card(0, { validTo: '2024-01-01' }) });
    expect(renewExpired.ok ? null : renewExpired.error.message).toContain('已于 2024-01-01 过期');
    expect((await s.ok('enforce:inspectors')).map((i) => [i.name, i.validTo])).toEqual([['张三', '2027-12-31']]);
    expect(outboxSize()).toBe(before);
    const renewed = await s.ok('enforce:inspectorUpdate', { id: added.id, card: card(0, { validTo: '2029-12-31' }) });
    expect(renewed).toMatchObject({ validTo: '2029-12-31', updatedBy: '马局' });
  });

  it('keeps a 回避 list with reasons; removing an entry needs a reason', async () => {
    s = enforcementStore();
    const [a] = await threeEnterprises(s);
    const i = await s.ok('enforce:inspectorAdd', card(1));
    const related = await s.ok('enforce:inspectorRelate', { id: i.id, entry: { enterpriseId: a.id, enterpriseName: a.name, reason: '配偶在该企业任财务' } });
    expect(related.related).toMatchObject([{ enterpriseId: a.id, reason: '配偶在该企业任财务', by: '马局' }]);
    const removed = await s.ok('enforce:inspectorUnrelate', { id: i.id, enterpriseId: a.id, reason: '配偶已离职' });
    expect(removed.related).toEqual([]);
  });

  it('is the bureau’s: a township account may not change it', async () => {
    s = enforcementStore({ role: 'township' });
    const r = await s.call('enforce:inspectorAdd', card(0));
    expect(r.ok ? null : r.error.code).toBe('FORBIDDEN');
  });
});

describe('a draw published before it runs', () => {
  async function ready() {
    s = enforcementStore();
    const ents = await threeEnterprises(s);
    const zhang = await s.ok('enforce:inspectorAdd', card(0));
    const li = await s.ok('enforce:inspectorAdd', card(1));
    const wang = await s.ok('enforce:inspectorAdd', card(2));
    await s.ok('enforce:inspectorRelate', { id: li.id, entry: { enterpriseId: ents[1].id, enterpriseName: ents[1].name, reason: '曾在该企业任职' } });
    return { ents, zhang, li, wang };
  }

  it('publishes the hashes first, runs with the seed kept back, never pairs a conflicted inspector, and verifies', async () => {
    const { ents, zhang, li } = await ready();
    const pub = await s.ok('enforce:drawPublish', { title: '2024年第一批', filter: {}, count: 3, perEnterprise: 1 });
    expect(pub.run).toBeNull();
    expect(pub.holdsSeed).toBe(true);
    expect(pub.seedHash).toMatch(/^[0-9a-f]{64}$/);
    expect(pub.pool.find((p) => p.enterpriseId === ents[0].id)?.liaison).toBe('张 三');
    expect(JSON.stringify(pub)).not.toContain('2024-06-15-'); // the seed itself is not in the record
    expect((await s.ok('enforce:drawVerify', { id: pub.id })).reason).toBe('NOT_RUN');

    // A wrong seed is refused and changes nothing.
    const before = outboxSize();
    const wrong = await s.call('enforce:drawRun', { id: pub.id, seed: 'guess' });
    expect(wrong.ok ? null : wrong.error.message).toContain('随机种子与公示的种子哈希不一致');
    expect(outboxSize()).toBe(before);

    const ran = await s.ok('enforce:drawRun', { id: pub.id });
    expect(ran.run?.items).toHaveLength(3);
    const pairs = new Map(ran.run?.items.map((i) => [i.enterpriseId, i.inspectors.map((x) => x.inspectorId)]));
    expect(pairs.get(ents[0].id)).not.toContain(zhang.id); // 张三 is its 包保责任人 ("张 三")
    expect(pairs.get(ents[1].id)).not.toContain(li.id); // 李四 is related
    expect(ran.run?.exclusions).toEqual(expect.arrayContaining([{ enterpriseId: ents[0].id, inspectorId: zhang.id, reason: 'liaison' }, { enterpriseId: ents[1].id, inspectorId: li.id, reason: 'related' }]));
    expect(await s.ok('enforce:drawVerify', { id: pub.id })).toEqual({ ok: true, reason: null });
    // The run is also a plain draw: listed with its seed, its findings recorded as before.
    const plain = await s.ok('draw:get', { id: pub.id });
    expect(plain.seed).toBe(ran.run?.seed);
    expect(plain.items.map((i) => i.enterpriseId).sort()).toEqual([...pairs.keys()].sort());
    const again = await s.call('enforce:drawRun', { id: pub.id });
    expect(again.ok).toBe(false);

    // The 公示 sheet: the hashes, the pool and the roster, then the result and the exclusions.
    const file = await s.ok('enforce:drawExportXlsx', { id: pub.id });
    const wb = await openXlsx(file.contentBase64);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['公示', '对象名单', '执法检查人员名录', '抽取结果', '回避及排除']);
    const facts = wb.getWorksheet('公示');
    const text = JSON.stringify(facts?.getSheetValues());
    expect(text).toContain(pub.seedHash);
    expect(text).toContain(pub.rosterHash);
    expect(JSON.stringify(wb.getWorksheet('回避及排除')?.getSheetValues())).toContain('系该企业包保责任人');
  });

  it('refuses to publish when an enterprise could not get enough eligible inspectors, naming it', async () => {
    const { ents } = await ready();
    const before = outboxSize();
    // 3 per enterprise: 中卫市金沙商贸 has 2 eligible (张三 is its 包保责任人), 宏达建材 2 (李四 related).
    const r = await s.call('enforce:drawPublish', { title: '每家三人', filter: {}, count: 1, perEnterprise: 3 });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.message).toContain(ents[0].name);
      expect(r.error.message).toContain(ents[1].name);
      expect(r.error.message).not.toContain(ents[2].name);
    }
    expect(await s.ok('enforce:draws')).toEqual([]);
    expect(outboxSize()).toBe(before);
  });

  it('runs on another laptop only with the published seed typed in', async () => {
    await ready();
    const pub = await s.ok('enforce:drawPublish', { title: '公开种子', filter: {}, count: 2, perEnterprise: 1, seed: '2024年6月15日福彩3D开奖号 527' });
    // The seed kept back here is forgotten, as on a laptop that did not publish it.
    s.sqlite.prepare('DELETE FROM published_draw_seeds').run();
    const missing = await s.call('enforce:drawRun', { id: pub.id });
    expect(missing.ok ? null : missing.error.message).toContain('请输入公示时确定的种子');
    const ran = await s.ok('enforce:drawRun', { id: pub.id, seed: '2024年6月15日福彩3D开奖号 527' });
    expect(ran.run?.seed).toBe('2024年6月15日福彩3D开奖号 527');
  });
});

describe('cases', () => {
  async function inspected() {
    s = enforcementStore();
    const [a, b] = await threeEnterprises(s);
    return { a, b };
  }

  it('runs 立案 → 调查取证 → 告知 → 处罚决定 → 结案 with who and when, documents and a 移送 record; counts the year', async () => {
    const { a } = await inspected();
    const opened = await s.ok('enforce:caseOpen', { enterpriseId: a.id, caseNo: '沙统立〔2024〕3号', filedOn: '2024-06-01', violations: ['false_report', 'other'], otherText: '台账与报表不一致' });
    expect(opened).toMatchObject({ state: 'filed', violations: ['false_report', 'other'], createdBy: { name: '马局', userId: 'u-bureau' } });
    await s.ok('enforce:caseAct', { id: opened.id, action: 'investigate', on: '2024-06-03', note: '调取会计凭证' });
    await s.ok('enforce:caseAct', { id: opened.id, action: 'notify', on: '2024-06-10' });
    await s.ok('enforce:caseAct', { id: opened.id, action: 'decide', on: '2024-06-20', decision: { penalties: ['warning', 'fine'], fineYuan: 50_000, documentNo: '沙统罚〔2024〕3号' } });
    const ev = await s.ok('evidence:attach', { enterpriseId: a.id, fileName: '处罚决定书.png', mimeType: 'image/png', contentBase64: PNG.toString('base64'), kind: 'other', note: '处罚决定书' });
    await s.ok('enforce:caseDocument', { id: opened.id, evidenceId: ev.id, docType: 'decision' });
    await s.ok('enforce:caseTransfer', { id: opened.id, target: 'discipline', on: '2024-06-25', toName: '沙坡头区纪委监委', documentNo: '沙统移〔2024〕1号' });
    const closed = await s.ok('enforce:caseAct', { id: opened.id, action: 'close', on: '2024-06-30', note: '罚款已缴纳' });
    expect(closed.state).toBe('closed');
    expect(closed.steps.map((x) => [x.state, x.on, x.by.name])).toEqual([
      ['filed', '2024-06-01', '马局'],
      ['investigating', '2024-06-03', '马局'],
      ['notified', '2024-06-10', '马局'],
      ['decided', '2024-06-20', '马局'],
      ['closed', '2024-06-30', '马局'],
    ]);
    expect(closed.docs).toMatchObject([{ evidenceId: ev.id, docType: 'decision', fileName: '处罚决定书.png' }]);
    expect(closed.transfers).toMatchObject([{ target: 'discipline', toName: '沙坡头区纪委监委' }]);
    // The enterprise's history shows the case.
    const history = await s.ok('enterprises:history', { id: a.id });
    expect(JSON.stringify(history)).toContain(`case.${opened.id}`);

    expect(await s.ok('enforce:yearCounts', { year: 2024 })).toMatchObject({ inspected: 1, inViolation: 1, casesFiled: 1, casesClosed: 1, transferred: 1, transferredToDiscipline: 1, fines: 1, fineYuanTotal: 50_000, warnings: 1 });
    expect(await s.ok('enforce:yearCounts', { year: 2023 })).toMatchObject({ inspected: 0, casesClosed: 0 });
  });

  it('refuses closing without a decision, a fine without an amount, skipping steps, 其他 without text — nothing changed', async () => {
    const { a } = await inspected();
    const noText = await s.call('enforce:caseOpen', { enterpriseId: a.id, caseNo: 'X-1', filedOn: '2024-06-01', violations: ['other'] });
    expect(noText.ok ? null : noText.error.message).toContain('须写明具体情形');
    const c = await s.ok('enforce:caseOpen', { enterpriseId: a.id, caseNo: 'X-1', filedOn: '2024-06-01', violations: ['late_report'] });
    const before = outboxSize();
    const refusals: [Parameters<typeof s.call<'enforce:caseAct'>>[1], string][] = [
      [{ id: c.id, action: 'close', on: '2024-06-02' }, '尚未作出处罚决定，不能结案'],
      [{ id: c.id, action: 'notify', on: '2024-06-02' }, '不能跳过步骤'],
      [{ id: c.id, action: 'decide', on: '2024-06-02', decision: { penalties: ['fine'], fineYuan: null, documentNo: 'D-1' } }, '不能跳过步骤'],
    ];
    for (const [input, message] of refusals) {
      const r = await s.call('enforce:caseAct', input);
      expect(r.ok ? null : r.error.message).toContain(message);
    }
    await s.ok('enforce:caseAct', { id: c.id, action: 'investigate', on: '2024-06-02' });
    await s.ok('enforce:caseAct', { id: c.id, action: 'notify', on: '2024-06-03' });
    const mid = outboxSize();
    const noAmount = await s.call('enforce:caseAct', { id: c.id, action: 'decide', on: '2024-06-04', decision: { penalties: ['fine'], fineYuan: null, documentNo: 'D-1' } });
    expect(noAmount.ok ? null : noAmount.error.message).toContain('须填写罚款金额');
    const none = await s.call('enforce:caseAct', { id: c.id, action: 'decide', on: '2024-06-04', decision: { penalties: [], fineYuan: null, documentNo: 'D-1' } });
    expect(none.ok ? null : none.error.message).toContain('至少选择一种处罚');
    const early = await s.call('enforce:caseAct', { id: c.id, action: 'decide', on: '2024-06-01', decision: { penalties: ['warning'], fineYuan: null, documentNo: 'D-1' } });
    expect(early.ok ? null : early.error.message).toContain('早于上一步');
    expect(outboxSize()).toBe(mid);
    expect((await s.ok('enforce:case', { id: c.id })).state).toBe('notified');
    expect(mid - before).toBe(2);
  });

  it('refuses a second 移送 to the same body, one dated before 立案, a document of another enterprise, and changing a closed case', async () => {
    const { a, b } = await inspected();
    const c = await s.ok('enforce:caseOpen', { enterpriseId: a.id, caseNo: 'Y-1', filedOn: '2024-06-01', violations: ['refusal'] });
    const early = await s.call('enforce:caseTransfer', { id: c.id, target: 'market', on: '2024-05-31', toName: '中卫市市场监管局', documentNo: 'T-0' });
    expect(early.ok ? null : early.error.message).toContain('早于上一步');
    await s.ok('enforce:caseTransfer', { id: c.id, target: 'market', on: '2024-06-05', toName: '中卫市市场监管局', documentNo: 'T-1' });
    const twice = await s.call('enforce:caseTransfer', { id: c.id, target: 'market', on: '2024-06-06', toName: '中卫市市场监管局', documentNo: 'T-2' });
    expect(twice.ok ? null : twice.error.message).toContain('已向该机关移送过');
    const other = await s.ok('evidence:attach', { enterpriseId: b.id, fileName: '别家.png', mimeType: 'image/png', contentBase64: PNG.toString('base64'), kind: 'other', note: '另一家企业的材料' });
    const wrongDoc = await s.call('enforce:caseDocument', { id: c.id, evidenceId: other.id, docType: 'evidence' });
    expect(wrongDoc.ok ? null : wrongDoc.error.message).toContain('不是此案件企业的材料');
    for (const [action, on, decision] of [
      ['investigate', '2024-06-02', null],
      ['notify', '2024-06-03', null],
      ['decide', '2024-06-04', { penalties: ['public_notice'], fineYuan: null, documentNo: 'D-9' }],
      ['close', '2024-06-05', null],
    ] as const) {
      await s.ok('enforce:caseAct', { id: c.id, action, on, decision: decision === null ? null : { ...decision, penalties: [...decision.penalties] } });
    }
    const before = outboxSize();
    const edit = await s.call('enforce:caseViolations', { id: c.id, violations: ['late_report'], otherText: '' });
    expect(edit.ok ? null : edit.error.message).toContain('案件已结案');
    const again = await s.call('enforce:caseAct', { id: c.id, action: 'close', on: '2024-06-06' });
    expect(again.ok ? null : again.error.message).toContain('案件已结案');
    expect(outboxSize()).toBe(before);
  });
});
