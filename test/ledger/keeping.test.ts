import { describe, expect, it } from 'vitest';
import { createEnterpriseAdapter } from '@main/directory/sync-adapter';
import { readSignoffs, readYear, writeMonth, writeSignoff } from '@main/ledger/queries';
import type { JsonValue } from '@shared/sync/protocol';
import { addEnterprise, directoryStore, enter, PNG, uscc, VILLAGE } from '../directory/helpers';

// Keeping the ledger, its sign-offs and its original records at least two years after their
// period (shared/ledger/keeping.ts). Every path that could remove them, each with its test:
//  - the sync materialisation of an enterprise (it used to delete the whole ledger and rewrite it);
//  - the sync engine dropping an enterprise that left this laptop's scope or the server's list;
//  - an enterprise deleted ('$delete' arriving by sync: the laptop has no delete of its own);
//  - removing an evidence record (a tombstone, its bytes kept).

const at = '2026-12-07T08:00:00.000Z';
const fieldsOf = (entries: [string, JsonValue][]): Map<string, JsonValue> =>
  new Map<string, JsonValue>([['$create', { areaCode: VILLAGE, uscc: uscc('801') }], ['name', '沙坡头留存测试企业'], ...entries]);

describe('the sync materialisation', () => {
  it('writes cell by cell: a row no op carries stays, a cleared cell is cleared, other cells of its month stay', async () => {
    const s = directoryStore();
    const e = await addEnterprise(s, '801');
    // A row this laptop holds that no synced field names (kept before sync, say).
    writeMonth(s.db, e.id, 2025, 1, { revenue: 100, employees: 9 }, at);
    writeMonth(s.db, e.id, 2025, 2, { revenue: 200 }, at);
    const adapter = createEnterpriseAdapter(s.db);
    adapter.rebuild(e.id, fieldsOf([['ledger.2025-03.revenue', 300], ['ledger.2025-01.revenue', null]]), { at, mayExist: true });
    const months = readYear(s.db, e.id, 2025);
    expect(months.slice(0, 3)).toEqual([{ employees: 9 }, { revenue: 200 }, { revenue: 300 }]);
  });
});

describe('an enterprise dropped from this laptop', () => {
  it('is hidden, never deleted, while its ledger, sign-offs or original records are in their keeping time', async () => {
    const s = directoryStore();
    const e = await addEnterprise(s, '802');
    writeMonth(s.db, e.id, 2025, 3, { revenue: 100 }, at);
    writeSignoff(s.db, e.id, 2025, 3, 'statisticsHead', { name: '张会计', date: '2025-04-05', at, by: '王敏' });
    // 2025-03 is kept until 2027-04-01.
    createEnterpriseAdapter(s.db, { now: () => new Date('2027-03-31T12:00:00Z') }).drop(e.id);
    expect(s.sqlite.prepare('SELECT deleted_at IS NOT NULL FROM enterprises WHERE id = ?').pluck().get(e.id)).toBe(1);
    expect(readYear(s.db, e.id, 2025)[2]).toEqual({ revenue: 100 });
    expect(readSignoffs(s.db, e.id, 2025).get(3)?.statisticsHead?.name).toBe('张会计');
    expect((await s.ok('enterprises:list', {})).rows.map((r) => r.id)).not.toContain(e.id);
  });

  it('is hidden while an evidence record is in its keeping time, even with no ledger row', async () => {
    const s = directoryStore({ now: () => new Date('2025-05-10T08:00:00Z') });
    const e = await addEnterprise(s, '803');
    await s.ok('evidence:attach', { enterpriseId: e.id, fileName: 'a.png', mimeType: 'image/png', contentBase64: PNG.toString('base64'), kind: 'licence', note: '' });
    createEnterpriseAdapter(s.db, { now: () => new Date('2027-05-31T00:00:00Z') }).drop(e.id);
    expect(s.sqlite.prepare('SELECT COUNT(*) FROM evidence WHERE enterprise_id = ?').pluck().get(e.id)).toBe(1);
  });

  it('goes from this laptop once everything it holds is past its keeping time (the server keeps every op)', async () => {
    const s = directoryStore();
    const e = await addEnterprise(s, '804');
    writeMonth(s.db, e.id, 2023, 12, { revenue: 100 }, at);
    createEnterpriseAdapter(s.db, { now: () => new Date('2026-01-01T00:00:00Z') }).drop(e.id);
    expect(s.sqlite.prepare('SELECT COUNT(*) FROM enterprises WHERE id = ?').pluck().get(e.id)).toBe(0);
    expect(s.sqlite.prepare('SELECT COUNT(*) FROM ledger_months WHERE enterprise_id = ?').pluck().get(e.id)).toBe(0);
  });
});

describe('a deleted enterprise', () => {
  it('keeps its ledger and sign-offs when its deletion arrives', async () => {
    const s = directoryStore();
    const e = await addEnterprise(s, '801');
    const adapter = createEnterpriseAdapter(s.db);
    const signature = { name: '张会计', date: '2025-04-05', at, by: '王敏' };
    adapter.rebuild(e.id, fieldsOf([['ledger.2025-03.revenue', 300], ['signoff.2025-03.statisticsHead', signature]]), { at, mayExist: true });
    adapter.rebuild(e.id, fieldsOf([['ledger.2025-03.revenue', 300], ['signoff.2025-03.statisticsHead', signature], ['$delete', { reason: '注销' }]]), { at, mayExist: true });
    expect(s.sqlite.prepare('SELECT deleted_at IS NOT NULL FROM enterprises WHERE id = ?').pluck().get(e.id)).toBe(1);
    expect(readYear(s.db, e.id, 2025)[2]).toEqual({ revenue: 300 });
    expect(readSignoffs(s.db, e.id, 2025).get(3)?.statisticsHead).toEqual(signature);
  });
});

describe('removing an evidence record', () => {
  it('is a tombstone with its reason; the file’s bytes stay in the store', async () => {
    const s = directoryStore();
    const e = await addEnterprise(s, '805');
    await enter(s, e.id, 2024, [[1, 'revenue', 100]]);
    const item = await s.ok('evidence:attach', { enterpriseId: e.id, fileName: 'a.png', mimeType: 'image/png', contentBase64: PNG.toString('base64'), kind: 'voucher', note: '' });
    await s.ok('evidence:remove', { id: item.id, reason: '上传错了文件' });
    expect(s.sqlite.prepare('SELECT removed_reason FROM evidence WHERE id = ?').pluck().get(item.id)).toBe('上传错了文件');
    const bytes = s.sqlite.prepare('SELECT bytes FROM attachment_blobs WHERE sha256 = ?').pluck().get(item.sha256) as Buffer;
    expect(Buffer.from(bytes).equals(PNG)).toBe(true);
  });
});
